//! Fuzzes Tera template compilation as the theme loader does it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut tera = tera::Tera::new();
    let _ = tera.add_raw_template("fuzz.html", text);
});
