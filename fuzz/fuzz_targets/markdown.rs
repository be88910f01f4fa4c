//! Fuzzes page Markdown and the inline Markdown of messages; neither may emit script.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let page = stele::util::markdown::render_page(text);
    assert!(!page.html.contains("<script"));
    let inline = stele::util::markdown::render_inline(text);
    assert!(!inline.contains("<script"));
    let escaped = stele::util::markdown::render_inline(&stele::util::markdown::escape_markdown(text));
    assert!(!escaped.contains("<a "));
});
