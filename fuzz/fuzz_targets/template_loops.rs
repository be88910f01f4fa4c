//! Fuzzes templates with loops and `set`: compiled as the theme loader compiles them (with
//! Stele's loop-pass and value-size filters added), any of them renders or stops within
//! the limits, whether or not the loop-growth check of the theme loader would refuse it.
#![no_main]
use libfuzzer_sys::fuzz_target;

const PIECES: [&str; 12] = [
    "{% for i in range(end=50) %}", "{% endfor %}", "{% set s = s ~ s %}",
    "{% set_global s = s ~ \"x\" %}", "{% set t = [s, s] | join(sep=\"\") %}", "{{ s }}",
    "{% set s = t %}", "xxxxxxxxxxxxxxxx", "{% if s %}", "{% endif %}",
    "{% filter upper %}", "{% endfilter %}",
];

fuzz_target!(|data: &[u8]| {
    let mut text = String::from("{% set s = \"ab\" %}{% set t = \"\" %}");
    for byte in data.iter().take(64) {
        text.push_str(PIECES[usize::from(*byte) % PIECES.len()]);
    }
    let _ = stele::load::theme::growing_sets(&text, std::path::Path::new("t.html"));
    let mut tera = tera::Tera::new();
    stele::load::template_bounds::register(&mut tera);
    let (bounded, _) = stele::load::template_bounds::bounded(&text);
    if tera.add_raw_template("t.html", &bounded).is_err() {
        // What the author wrote must not compile either: the filters never break a template.
        assert!(tera::Tera::new().add_raw_template("t.html", &text).is_err());
        return;
    }
    stele::load::template_bounds::start_page();
    let mut buffer = stele::load::theme::PageBuffer::default();
    let _ = tera.render_to("t.html", &tera::Context::new(), &mut buffer);
});
