//! Fuzzes the YAML loader used for `content/data/**/*.yaml`; every problem is located.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("yaml_data", data));
