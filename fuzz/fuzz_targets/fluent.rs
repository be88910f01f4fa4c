//! Fuzzes `.ftl` parsing and the located diagnostics built from its errors.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = stele::load::locales::parse_ftl(text.to_string(), std::path::Path::new("locales/en/fuzz.ftl"), "en");
});
