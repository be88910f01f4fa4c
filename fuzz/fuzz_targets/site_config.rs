//! Fuzzes `content/site.yaml` parsing and validation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = stele::load::config::Config::parse(text, std::path::Path::new("content/site.yaml"));
});
