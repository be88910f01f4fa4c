//! Fuzzes page Markdown and the inline Markdown of messages; neither may emit script.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let page = stele::markdown::render_page(text);
    assert!(!page.html.contains("<script"));
    let inline = stele::markdown::render_inline(text);
    assert!(!inline.contains("<script"));
    let escaped = stele::markdown::render_inline(&stele::markdown::escape_markdown(text));
    assert!(!escaped.contains("<a "));
});
