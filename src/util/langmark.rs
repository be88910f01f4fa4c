//! Language labels for text shown from a fallback locale. `t()` cannot know where a
//! template puts its text (element content, an attribute, a `<title>`), so it marks
//! fallback text with private-use characters, and after the page is rendered this pass
//! turns each mark into `<span lang="…">` where a span may stand, and drops it inside
//! tags and in elements that hold only text.

/// Starts a mark; the language tag follows, ended by [`TEXT`].
const START: char = '\u{E002}';
/// Ends the tag of a mark; the marked text follows, ended by [`END`].
const TEXT: char = '\u{E003}';
const END: char = '\u{E004}';

/// Elements whose content is text only: a span there would show as text or be invalid.
const TEXT_ONLY: [&str; 5] = ["title", "script", "style", "textarea", "option"];

/// `html` marked as written in the language `tag`.
pub(crate) fn mark(html: &str, tag: &str) -> String {
    format!("{START}{tag}{TEXT}{html}{END}")
}

/// The page with every mark resolved: a `<span lang>` in element content, nothing in
/// attributes and text-only elements. A page without marks is returned as it is.
pub(crate) fn resolve(html: String) -> String {
    if !html.contains(START) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut text_only: Option<&str> = None;
    // Whether each open mark became a span, so its end closes the same way.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = html.as_str();
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            START => {
                // Only a mark as `mark` writes it: a language tag, then TEXT, close by. A
                // lone mark character (loading refuses typed ones) is dropped by itself,
                // so no text between it and a later TEXT is ever dropped with it.
                let Some((tag, after)) = mark_tag(rest) else {
                    continue;
                };
                rest = after;
                let as_span = !in_tag && text_only.is_none() && is_tag(tag);
                if as_span {
                    out.push_str("<span lang=\"");
                    out.push_str(tag);
                    out.push_str("\">");
                }
                open.push(as_span);
            }
            END => {
                if open.pop() == Some(true) {
                    out.push_str("</span>");
                }
            }
            '<' if !in_tag => {
                match text_only {
                    Some(name) => {
                        if closes(rest, name) {
                            text_only = None;
                            in_tag = true;
                        }
                    }
                    None => {
                        in_tag = true;
                        text_only = TEXT_ONLY.iter().copied().find(|name| opens(rest, name));
                    }
                }
                out.push(c);
            }
            '"' | '\'' if in_tag => {
                match quote {
                    Some(open_quote) if open_quote == c => quote = None,
                    None => quote = Some(c),
                    Some(_) => {}
                }
                out.push(c);
            }
            '>' if in_tag && quote.is_none() => {
                in_tag = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The language tag that opens `rest` (what follows a START), ended by TEXT, and what
/// follows that; `None` unless it is a tag of at most [`MAX_TAG_LENGTH`] characters.
fn mark_tag(rest: &str) -> Option<(&str, &str)> {
    let (at, _) = rest
        .char_indices()
        .take(MAX_TAG_LENGTH + 1)
        .find(|(_, c)| *c == TEXT)?;
    let tag = &rest[..at];
    is_tag(tag).then(|| (tag, &rest[at + TEXT.len_utf8()..]))
}

/// The longest language tag a mark holds (BCP 47's own limit for a tag in use is 35).
const MAX_TAG_LENGTH: usize = 35;

fn is_tag(tag: &str) -> bool {
    !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Whether `rest` (what follows a `<`) opens element `name`.
fn opens(rest: &str, name: &str) -> bool {
    rest.get(..name.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(name))
        && rest[name.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// Whether `rest` (what follows a `<`) closes element `name`.
fn closes(rest: &str, name: &str) -> bool {
    rest.strip_prefix('/')
        .is_some_and(|after| opens(after, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_spans_in_content_only() {
        let page = format!(
            "<html lang=\"de\"><head><title>{}</title></head><body><p title=\"{}\">{} und mehr</p><script>var x = \"{}\";</script></body></html>",
            mark("Hello", "en"),
            mark("Tip", "en"),
            mark("<em>Hello</em>", "en"),
            mark("js", "en"),
        );
        assert_eq!(
            resolve(page),
            "<html lang=\"de\"><head><title>Hello</title></head><body><p title=\"Tip\"><span lang=\"en\"><em>Hello</em></span> und mehr</p><script>var x = \"js\";</script></body></html>"
        );
    }

    #[test]
    fn nested_marks_close_in_order() {
        let inner = mark("Exchange 2016", "nl");
        let page = format!("<p>{}</p>", mark(&format!("Move to {inner} now"), "en"));
        assert_eq!(
            resolve(page),
            "<p><span lang=\"en\">Move to <span lang=\"nl\">Exchange 2016</span> now</span></p>"
        );
    }

    #[test]
    fn a_mark_character_alone_drops_nothing_but_itself() {
        // A START far from the next TEXT, in an attribute, must not swallow the markup
        // between them and so flip which quotes open and close attributes.
        let page = format!(
            "<td data-label=\"Size{START}\">x</td><td data-label=\"a b=c\">{TEXT} y{END}</td>"
        );
        assert_eq!(
            resolve(page),
            "<td data-label=\"Size\">x</td><td data-label=\"a b=c\">\u{E003} y</td>"
        );
        let page = format!("<p>{START}not a tag!{TEXT}text</p>");
        assert_eq!(resolve(page), "<p>not a tag!\u{E003}text</p>");
    }

    #[test]
    fn pages_without_marks_are_untouched() {
        let page = "<p>a < b</p>".to_string();
        assert_eq!(resolve(page.clone()), page);
    }
}
