//! Fuzzes the options messages pass to ICU4X through `NUMBER()` and `DATETIME()` (the
//! input: name, value, number and date, NUL-separated): any option name and value is
//! refused by the check with its place, or formats; either way without a panic, and into
//! text of bounded length.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("icu_options", data));
