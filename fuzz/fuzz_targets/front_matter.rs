//! Fuzzes page files: front matter splitting, its YAML, and the Markdown body.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = stele::load::pages::parse_page(text, std::path::Path::new("content/pages/fuzz.md"));
});
