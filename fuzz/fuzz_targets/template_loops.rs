//! Fuzzes templates with loops and `set`: the loop-growth check runs on any text, and a
//! template that passes it and compiles renders within the page limit.
#![no_main]
use libfuzzer_sys::fuzz_target;

const PIECES: [&str; 10] = [
    "{% for i in range(end=50) %}", "{% endfor %}", "{% set s = s ~ s %}",
    "{% set_global s = s ~ \"x\" %}", "{% set t = [s, s] | join(sep=\"\") %}", "{{ s }}",
    "{% set s = t %}", "xxxxxxxxxxxxxxxx", "{% if s %}", "{% endif %}",
];

fuzz_target!(|data: &[u8]| {
    let mut text = String::from("{% set s = \"ab\" %}{% set t = \"\" %}");
    for byte in data.iter().take(64) {
        text.push_str(PIECES[usize::from(*byte) % PIECES.len()]);
    }
    let problems = stele::load::theme::growing_sets(&text, std::path::Path::new("t.html"));
    if !problems.is_empty() {
        return;
    }
    let mut tera = tera::Tera::new();
    if tera.add_raw_template("t.html", &text).is_err() {
        return;
    }
    let mut buffer = stele::load::theme::PageBuffer::default();
    let _ = tera.render_to("t.html", &tera::Context::new(), &mut buffer);
});
