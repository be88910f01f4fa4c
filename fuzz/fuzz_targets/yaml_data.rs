//! Fuzzes the YAML loader used for `content/data/**/*.yaml`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = stele::load::yaml::parse_tree(text, std::path::Path::new("content/data/fuzz.yaml"), 0);
});
