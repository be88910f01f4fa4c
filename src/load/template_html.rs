//! Stage 2 helper: where in the HTML of a template each `{{ … }}` lands, to refuse the
//! places escaping cannot make safe.
//!
//! Values are HTML-escaped, which keeps them inside text and quoted attribute values. An
//! attribute value without quotes ends at the first space or `>`, and a value placed where
//! attribute names go is read as names: there a message or data value with a space could
//! add attributes of its own (`onfocus=…`). Such placements are refused when the theme
//! loads, with their place, before any page renders.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

/// Where the scan is in the template's HTML.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// Between tags.
    Text,
    /// Inside a start or end tag, between attributes.
    Tag,
    /// Right after an attribute's `=`, before its value.
    ValueStart,
    /// Inside an attribute value without quotes.
    Unquoted,
    /// Inside an attribute value in these quotes.
    Quoted(u8),
    /// Inside `<!-- … -->`.
    Comment,
    /// Inside a `<script>` or `<style>` element, whose text is not HTML.
    RawText(&'static str),
}

/// Every `{{ … }}` of `text` placed in an unquoted attribute value or where attribute
/// names go, as located errors in `file`.
pub(crate) fn unquoted_placements(text: &str, file: &Path) -> Vec<Diagnostic> {
    let bytes = text.as_bytes();
    let mut problems = Vec::new();
    let mut place = Place::Text;
    // The name of the tag being read, while inside it.
    let mut tag_name = String::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &text[at..];
        if rest.starts_with("{#") {
            at = skip_past(text, at, "#}");
            continue;
        }
        if rest.starts_with("{%") {
            let close = text[at + 2..]
                .find("%}")
                .map_or(text.len(), |found| at + 2 + found);
            let inner = text[at + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
            at = (close + 2).min(text.len());
            if inner == "raw" {
                // Literal text up to `{% endraw %}`, never a placement.
                at = text[at..]
                    .find("endraw")
                    .map_or(text.len(), |found| skip_past(text, at + found, "%}"));
            }
            continue;
        }
        if rest.starts_with("{{") {
            let message = match place {
                Place::Tag => Some("where attribute names go"),
                Place::ValueStart | Place::Unquoted => Some("in an attribute value without quotes"),
                _ => None,
            };
            if let Some(message) = message {
                let (line, column) = crate::diagnostics::line_column(text, at);
                problems.push(
                    Diagnostic::error(
                        Code::TemplateError,
                        file,
                        format!(
                            "`{{{{ … }}}}` {message}: a value with a space in it would add \
                             attributes of its own"
                        ),
                    )
                    .at(line, column)
                    .help(
                        "put the value inside quotes, as in title=\"{{ t(id=\"x\") }}\"; \
                         to add an attribute only sometimes, wrap it in {% if … %}",
                    ),
                );
            }
            if place == Place::ValueStart {
                place = Place::Unquoted;
            }
            at = skip_past(text, at, "}}");
            continue;
        }
        let byte = bytes[at];
        let width = rest.chars().next().map_or(1, char::len_utf8);
        match place {
            Place::Text if rest.starts_with("<!--") => {
                place = Place::Comment;
                at += 4;
                continue;
            }
            Place::Text if byte == b'<' => {
                let closing = rest[1..].starts_with('/');
                let name: String = rest[1 + usize::from(closing)..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    tag_name = if closing {
                        String::new()
                    } else {
                        name.to_ascii_lowercase()
                    };
                    place = Place::Tag;
                    at += 1 + usize::from(closing) + name.len();
                    continue;
                }
            }
            Place::Comment if rest.starts_with("-->") => {
                place = Place::Text;
                at += 3;
                continue;
            }
            Place::RawText(name) => {
                let closing = format!("</{name}");
                if rest.len() >= closing.len()
                    && rest.as_bytes()[..closing.len()].eq_ignore_ascii_case(closing.as_bytes())
                {
                    tag_name.clear();
                    place = Place::Tag;
                    at += closing.len();
                    continue;
                }
            }
            Place::Tag | Place::Unquoted if byte == b'>' => {
                place = match tag_name.as_str() {
                    "script" => Place::RawText("script"),
                    "style" => Place::RawText("style"),
                    _ => Place::Text,
                };
            }
            Place::Tag if byte == b'=' => place = Place::ValueStart,
            Place::ValueStart if byte == b'"' || byte == b'\'' => place = Place::Quoted(byte),
            Place::ValueStart if byte == b'>' => place = Place::Text,
            Place::ValueStart if !byte.is_ascii_whitespace() => place = Place::Unquoted,
            Place::Unquoted if byte.is_ascii_whitespace() => place = Place::Tag,
            Place::Quoted(quote) if byte == quote => place = Place::Tag,
            _ => {}
        }
        at += width;
    }
    problems
}

/// The offset just past the first `end` at or after `from`, or the text's end.
fn skip_past(text: &str, from: usize, end: &str) -> usize {
    text[from..]
        .find(end)
        .map_or(text.len(), |found| from + found + end.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u32, u32)> {
        unquoted_placements(text, Path::new("t.html"))
            .iter()
            .map(|problem| (problem.line, problem.column))
            .collect()
    }

    #[test]
    fn quoted_values_and_text_pass() {
        for text in [
            "<a title=\"{{ t(id=\"x\") }}\" href='{{ url(page=\"\") }}'>{{ page.title }}</a>",
            "<p>a < b {{ x }} and c > d</p>",
            "<!-- <a title={{ x }}> -->",
            "<script>if (a<b) { x = \"{{ y }}\"; }</script><style>a>b{}</style>",
            "{% raw %}<a title={{ x }}>{% endraw %}",
            "<input {% if on %}checked{% endif %} value=\"{{ v }}\">",
            "<p class=plain>{{ x }}</p>",
            "<p>ünïcödé {{ x }} — ok</p><a title=\"é{{ x }}\">",
        ] {
            assert_eq!(lines(text), Vec::<(u32, u32)>::new(), "{text}");
        }
    }

    #[test]
    fn unquoted_placements_are_located() {
        assert_eq!(lines("<a title={{ t(id=\"x\") }}>"), [(1, 10)]);
        assert_eq!(lines("<p>\n<a\n  title= {{ x }}>"), [(3, 10)]);
        assert_eq!(lines("<a title=pre{{ x }}>"), [(1, 13)]);
        assert_eq!(lines("<a {{ attributes }}>"), [(1, 4)]);
        assert_eq!(lines("<img alt=\"\" {{ x }}/>"), [(1, 13)]);
        assert_eq!(lines("<script></script><a href={{ x }}>"), [(1, 26)]);
        assert_eq!(lines("<a title={% if a %}{{ x }}{% endif %}>"), [(1, 20)]);
    }
}
