//! Fuzzes `content/site.yaml` parsing and validation; every problem is located.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("site_config", data));
