//! Fuzzes Fluent: an English file, a NUL byte, a Dutch file. Parsed, checked and every
//! message formatted through `t()`; every problem is located and no message makes script.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("fluent", data));
