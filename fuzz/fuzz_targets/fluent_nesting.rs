//! Fuzzes deeply nested Fluent: each input byte picks an opening or closing piece
//! (placeable, call, select variant, string literal with braces), so inputs reach any depth
//! in few bytes. Parsing must report, never overflow the stack.
#![no_main]
use libfuzzer_sys::fuzz_target;

const PIECES: [&str; 12] = [
    "{ ", " }", "NUMBER(", ")", "{ $n ->\n *[other] ", "\n}", "{ \"}\" }", "{\"{\"}", "-t(a: ",
    "\n    ", "x", "# {\n",
];

fuzz_target!(|data: &[u8]| {
    let mut text = String::from("m = ");
    for byte in data.iter().take(50_000) {
        // The high bits repeat a piece, so a few bytes nest thousands deep.
        let piece = PIECES[usize::from(byte & 0x0f) % PIECES.len()];
        for _ in 0..=(byte >> 4) * 16 {
            text.push_str(piece);
        }
    }
    text.push('\n');
    let _ = stele::load::locales::parse_ftl(text, std::path::Path::new("locales/en/fuzz.ftl"), "en");
});
