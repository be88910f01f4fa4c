//! Fuzzes templates with loops and `set`, compiled as a theme's and rendered as a page:
//! the theme loader refuses a loop that grows a value, or the page's bounds (loop passes,
//! value size, page size) stop it, with a located error, in bounded time and memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("template_loops", data));
