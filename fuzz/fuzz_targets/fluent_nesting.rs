//! Fuzzes deeply nested Fluent: each input byte picks an opening or closing piece
//! (placeable, call, select variant, string literal with braces, term arguments), so inputs
//! reach any depth in few bytes. Parsing, checking and formatting must report, never
//! overflow the stack.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("fluent_nesting", data));
