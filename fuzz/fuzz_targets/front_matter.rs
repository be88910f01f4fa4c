//! Fuzzes page files: front matter, its YAML, and the Markdown body read as a source page
//! and as a translation; every problem is located and no body makes script.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("front_matter", data));
