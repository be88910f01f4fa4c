//! Fuzzes a theme template: compiled as the theme loader compiles it and rendered as a
//! page with Stele's functions and filters; every problem is located.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("templates", data));
