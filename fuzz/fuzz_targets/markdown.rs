//! Fuzzes page Markdown and the inline Markdown of messages: neither may make script, and
//! a data value, escaped as it is before it enters a message, shows as text, never a link.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stele::fuzzing::run("markdown", data));
