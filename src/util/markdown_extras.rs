//! What long-form pages get beyond CommonMark, as passes over pulldown-cmark's events:
//! links to other pages by their source file (`[setup](guide/setup.md#step-2)`), anchor
//! links on headings, syntax highlighting of fenced code (syntect, as CSS classes), and
//! bare URLs made into links. Each pass runs after raw HTML was neutralised, and writes
//! only markup it builds itself.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// A link's target while the page is not yet placed: `stele-source:N` is the N-th of the
/// page's [`SourceLink`]s. The render stage replaces it with the target page's address in
/// the reader's language.
pub(crate) const SOURCE_LINK_SCHEME: &str = "stele-source:";

/// Opens and closes the marker of a fact in rendered HTML: private-use characters, which
/// neither Markdown nor HTML escaping touches and no page types (loading refuses them).
/// Here, below the Markdown renderer, so that both it and these passes can know them.
pub(crate) const MARK_OPEN: char = '\u{E000}';
pub(crate) const MARK_CLOSE: char = '\u{E001}';

/// Whether a character is one of the markers Stele writes into rendered text for values it
/// fills in later (a page's facts, a message's HTML arguments) or for text to label with
/// its language ([`crate::util::langmark`], U+E002 to U+E004): typed into any input, one
/// would be taken for Stele's own.
pub(crate) fn is_reserved_mark(c: char) -> bool {
    ('\u{E000}'..='\u{E004}').contains(&c)
}

/// A link's target while the page's facts are not yet formatted: `stele-fact-link:N` is
/// the N-th of the page's link targets that place a fact (`[x]({{ fact("a.url") }})`).
/// The HTML writer percent-encodes a target, marker characters included, so a fact's
/// marker in a target would never be found again: the render stage writes the whole
/// target with the facts' values in its place.
///
/// Typing the placeholder does not place a fact: the Markdown renderer empties every
/// target with a scheme it does not know before these placeholders are written, and in
/// text the quote before it is escaped.
pub(crate) const FACT_LINK_SCHEME: &str = "stele-fact-link:";

/// A link or image of a page body whose target stays in the site (no scheme, not
/// `//host`) or places a fact, as written: the link check reports a broken one here, in
/// the Markdown, rather than in the page rendered from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BodyLink {
    /// The target as written, each fact placed in it as its marker.
    pub(crate) target: String,
    /// Where the link is in the file (1-based); filled in by the page loader.
    pub(crate) line: u32,
    pub(crate) column: u32,
    /// Byte offset of the link in the Markdown body.
    pub(crate) offset: usize,
}

/// Lists the [`BodyLink`]s of a body (after [`mark_source_links`], whose placeholders it
/// skips), and turns each target that places a fact into a [`FACT_LINK_SCHEME`]
/// placeholder: the body links, and the targets so replaced, in order.
pub(crate) fn mark_body_links(
    events: &mut [(Event<'_>, Range<usize>)],
) -> (Vec<BodyLink>, Vec<String>) {
    let mut body = Vec::new();
    let mut with_facts = Vec::new();
    for (event, range) in events.iter_mut() {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        let places_fact = dest_url.contains(is_reserved_mark);
        if dest_url.is_empty()
            || dest_url.starts_with(SOURCE_LINK_SCHEME)
            || !(places_fact || stays_in_site(dest_url))
        {
            continue;
        }
        body.push(BodyLink {
            target: dest_url.to_string(),
            line: 0,
            column: 0,
            offset: range.start,
        });
        if places_fact {
            with_facts.push(dest_url.to_string());
            *dest_url = CowStr::from(format!("{FACT_LINK_SCHEME}{}", with_facts.len() - 1));
        }
    }
    (body, with_facts)
}

/// Whether a link target names a place in the site: no scheme, and not `//host` (or
/// `/\host` and `\\host`, which browsers read the same way).
pub(crate) fn stays_in_site(target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or("");
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '\\']));
    !has_scheme && !is_protocol_relative(target)
}

/// Whether a link target is protocol-relative (`//evil.example/x`): a link to another
/// host, in the page's scheme. Browsers read a backslash as a slash in such an address,
/// and skip leading spaces and controls.
pub(crate) fn is_protocol_relative(target: &str) -> bool {
    let mut start = target
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    matches!(
        (start.next(), start.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    )
}

/// Whether `found`, a link target read from a rendered page, is what a [`BodyLink`]'s
/// `written` target became: the same once percent-decoded, each fact marker of `written`
/// standing for any text (the fact's value).
pub(crate) fn written_as(written: &str, found: &str) -> bool {
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(text)
            .decode_utf8_lossy()
            .into_owned()
    };
    let found = decode(found);
    let written = decode(written);
    let mut pieces = Vec::new();
    let mut rest = written.as_str();
    while let Some(open) = rest.find(MARK_OPEN) {
        pieces.push(&rest[..open]);
        rest = match rest[open..].find(MARK_CLOSE) {
            Some(close) => &rest[open + close + MARK_CLOSE.len_utf8()..],
            None => "",
        };
    }
    pieces.push(rest);
    let [first, middle @ .., last] = pieces.as_slice() else {
        return written == found;
    };
    if pieces.len() == 1 {
        return written == found;
    }
    let Some(mut left) = found.strip_prefix(first) else {
        return false;
    };
    for piece in middle {
        match left.find(piece) {
            Some(at) => left = &left[at + piece.len()..],
            None => return false,
        }
    }
    left.ends_with(last)
}

/// The prefix of every highlighting class: `hl-keyword`, `hl-string`…
pub(crate) const HIGHLIGHT_CLASS_PREFIX: &str = "hl-";

/// A link from a Markdown page to another page by its source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SourceLink {
    /// The path as written, relative to the linking file's folder (`../guide/setup.md`).
    pub(crate) path: String,
    /// The `#fragment`, without `#`.
    pub(crate) fragment: Option<String>,
    /// Where the link is in the file (1-based); filled in by the page loader.
    pub(crate) line: u32,
    pub(crate) column: u32,
    /// Byte offset of the link in the Markdown body.
    pub(crate) offset: usize,
}

/// Whether a link target names a Markdown source file: relative, and its path ends in `.md`.
pub(crate) fn is_source_link(target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or("");
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    !has_scheme && !path.starts_with('/') && path.ends_with(".md")
}

/// Turns links to `.md` files into [`SOURCE_LINK_SCHEME`] placeholders and lists them.
pub(crate) fn mark_source_links(events: &mut [(Event<'_>, Range<usize>)]) -> Vec<SourceLink> {
    let mut found = Vec::new();
    for (event, range) in events.iter_mut() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        if !is_source_link(dest_url) {
            continue;
        }
        let (path, fragment) = match dest_url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment.to_string())),
            None => (dest_url.as_ref(), None),
        };
        found.push(SourceLink {
            path: path.to_string(),
            fragment,
            line: 0,
            column: 0,
            offset: range.start,
        });
        *dest_url = CowStr::from(format!("{SOURCE_LINK_SCHEME}{}", found.len() - 1));
    }
    found
}

/// A `#` link at the end of a heading, to copy or share the section's address. Hidden
/// from assistive technology: the heading itself is what a screen reader announces.
pub(crate) fn heading_anchor(id: &str) -> Event<'static> {
    let html = format!(
        " <a class=\"heading-anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
        htmlize::escape_attribute(id)
    );
    Event::InlineHtml(CowStr::from(html))
}

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Replaces each fenced code block with a language syntect knows by highlighted HTML
/// (classes, styled by the theme's `highlight.css`); other code blocks stay as they are.
pub(crate) fn highlight_code(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // Most pages have no fenced code: they keep their events as they are, not copied.
    if !events.iter().any(|event| {
        matches!(
            event,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
        )
    }) {
        return events;
    }
    let mut output = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event else {
            output.push(event);
            continue;
        };
        let language = info.split([' ', ',', '{']).next().unwrap_or("").to_string();
        let syntax = (!language.is_empty())
            .then(|| syntaxes().find_syntax_by_token(&language))
            .flatten();
        let Some(syntax) = syntax else {
            output.push(event);
            continue;
        };
        let mut code = String::new();
        for inner in iter.by_ref() {
            match inner {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            syntaxes(),
            ClassStyle::SpacedPrefixed {
                prefix: HIGHLIGHT_CLASS_PREFIX,
            },
        );
        let highlighted = LinesWithEndings::from(&code)
            .all(|line| {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_ok()
            })
            .then(|| generator.finalize());
        let mut html = format!(
            "<pre class=\"highlight hl-code\"><code class=\"language-{}\">",
            htmlize::escape_attribute(&language)
        );
        match highlighted {
            Some(spans) => html.push_str(&spans),
            // A grammar that fails on this text: show it plain rather than half-coloured.
            None => html.push_str(&htmlize::escape_text(&code)),
        }
        html.push_str("</code></pre>\n");
        output.push(Event::Html(CowStr::from(html)));
    }
    output
}

/// Makes `https://…`, `http://…` and `www.…` in text into links, as GitHub does; never
/// inside a link or code.
pub(crate) fn autolink(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // Most pages have no bare URL: they keep their events as they are, not copied.
    if !events
        .iter()
        .any(|event| matches!(event, Event::Text(text) if may_have_url(text)))
    {
        return events;
    }
    let mut output = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    let mut in_code = 0usize;
    for event in events {
        match &event {
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                in_link = in_link.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(text) if in_link == 0 && in_code == 0 => {
                if let Some(parts) = split_urls(text) {
                    for (piece, is_url) in parts {
                        if is_url {
                            let href = if piece.starts_with("www.") {
                                format!("https://{piece}")
                            } else {
                                piece.clone()
                            };
                            output.push(Event::Start(Tag::Link {
                                link_type: LinkType::Autolink,
                                dest_url: CowStr::from(href),
                                title: CowStr::from(""),
                                id: CowStr::from(""),
                            }));
                            output.push(Event::Text(CowStr::from(piece)));
                            output.push(Event::End(TagEnd::Link));
                        } else {
                            output.push(Event::Text(CowStr::from(piece)));
                        }
                    }
                    continue;
                }
            }
            _ => {}
        }
        output.push(event);
    }
    output
}

/// Whether `text` has a place where [`split_urls`] could find a URL: a `://` or a `www.`,
/// found by one search for their `:` and `.`, which most text passes in a few steps.
fn may_have_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', b'.', bytes).any(|at| match bytes[at] {
        b':' => bytes[at..].starts_with(b"://"),
        _ => at >= 3 && &bytes[at - 3..at] == b"www",
    })
}

/// How a bare URL starts.
const URL_STARTS: [&str; 3] = ["https://", "http://", "www."];

/// `text` cut into plain pieces and URLs, or `None` when it has no URL.
fn split_urls(text: &str) -> Option<Vec<(String, bool)>> {
    let starts = |at: usize| {
        URL_STARTS.iter().any(|start| text[at..].starts_with(start))
            && (at == 0 || !text[..at].ends_with(|c: char| c.is_alphanumeric()))
    };
    let mut parts = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    let bytes = text.as_bytes();
    while at < text.len() {
        // Every URL start begins with `h` or `w`, and ASCII is always a char boundary.
        let Some(step) = bytes[at..].iter().position(|&b| b == b'h' || b == b'w') else {
            break;
        };
        at += step;
        if !starts(at) {
            at += 1;
            continue;
        }
        let end = url_end(text, at);
        let scheme_only = URL_STARTS
            .iter()
            .any(|prefix| text[at..end].len() <= prefix.len());
        if scheme_only {
            at = end.max(at + 1);
            continue;
        }
        if plain_from < at {
            parts.push((text[plain_from..at].to_string(), false));
        }
        parts.push((text[at..end].to_string(), true));
        plain_from = end;
        at = end;
    }
    if parts.is_empty() {
        return None;
    }
    if plain_from < text.len() {
        parts.push((text[plain_from..].to_string(), false));
    }
    Some(parts)
}

/// Where a URL starting at `start` ends: at white space or `<`, less trailing punctuation
/// and a closing parenthesis it did not open.
fn url_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let mut end = start
        + rest
            .find(|c: char| c.is_whitespace() || c == '<')
            .unwrap_or(rest.len());
    loop {
        let url = &text[start..end];
        let Some(last) = url.chars().last() else {
            break;
        };
        let unbalanced_paren = last == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '*' | '_' | '~'
        ) || unbalanced_paren
        {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// The stylesheet for highlighted code: `theme` colours for light pages and `dark_theme`
/// for readers who prefer dark, from syntect's bundled themes.
#[cfg(test)]
pub(crate) fn highlight_css(light: &str, dark: &str) -> Option<String> {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let style = ClassStyle::SpacedPrefixed {
        prefix: HIGHLIGHT_CLASS_PREFIX,
    };
    let light =
        syntect::html::css_for_theme_with_class_style(themes.themes.get(light)?, style).ok()?;
    let dark =
        syntect::html::css_for_theme_with_class_style(themes.themes.get(dark)?, style).ok()?;
    Some(format!(
        "/* Colours for highlighted code (classes from Stele's Markdown; syntect's bundled themes).\n   Regenerate with: STELE_WRITE_HIGHLIGHT_CSS=1 cargo test --lib theme_stylesheet_is_current */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}}}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_links_are_relative_markdown_paths() {
        assert!(is_source_link("about.md"));
        assert!(is_source_link("guide/setup.md#step-2"));
        assert!(is_source_link("../about.nl.md"));
        assert!(!is_source_link("https://example.org/readme.md"));
        assert!(!is_source_link("/about.md"));
        assert!(!is_source_link("about.html"));
        assert!(!is_source_link("#top"));
    }

    #[test]
    fn written_targets_match_what_they_became() {
        assert!(written_as("nope.png", "nope.png"));
        assert!(written_as("a b/", "a%20b/"));
        assert!(!written_as("nope.png", "nope.gif"));
        let fact = "x/\u{E000}0\u{E001}/y#\u{E000}1\u{E001}";
        assert!(written_as(fact, "x/a%20b%5D/y#c"));
        assert!(!written_as(fact, "z/a/y#c"));
        assert!(written_as("\u{E000}0\u{E001}", "anything at all"));
    }

    #[test]
    fn protocol_relative_targets_leave_the_site() {
        for target in [
            "//evil.example/x",
            "/\\evil.example",
            "\\\\evil",
            " //evil",
            "/\t/evil",
            "https://a.example",
            "mailto:a@b",
        ] {
            assert!(!stays_in_site(target), "{target}");
        }
        for target in ["nope.png", "/static/a.css", "../x/", "#top", "a/b:c"] {
            assert!(stays_in_site(target), "{target}");
        }
    }

    #[test]
    fn bare_urls_become_links() {
        let parts = split_urls("See https://example.org/a_(b). Or www.example.com, then.").unwrap();
        let urls: Vec<&str> = parts
            .iter()
            .filter(|(_, url)| *url)
            .map(|(piece, _)| piece.as_str())
            .collect();
        assert_eq!(urls, ["https://example.org/a_(b)", "www.example.com"]);
        assert!(split_urls("no links here, nor in xhttps://x").is_none());
        assert!(split_urls("just https:// alone").is_none());
        for text in ["https://a.example", "see www.example.org", "x http://y"] {
            assert!(may_have_url(text), "{text}");
        }
        for text in ["no links: here.", "ftp:/x www", "www"] {
            assert!(!may_have_url(text), "{text}");
        }
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = highlight_css("InspiredGitHub", "base16-ocean.dark").expect("themes exist");
        assert!(css.contains(".hl-keyword"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }

    /// Keeps the theme's stylesheet the one this code generates.
    #[test]
    fn theme_stylesheet_is_current() {
        let css = highlight_css("InspiredGitHub", "base16-ocean.dark").expect("themes exist");
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/stele/static/highlight.css"
        );
        if std::env::var_os("STELE_WRITE_HIGHLIGHT_CSS").is_some() {
            std::fs::write(path, &css).expect("writes");
        }
        let current = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            current.starts_with(&css),
            "themes/stele/static/highlight.css is out of date: run STELE_WRITE_HIGHLIGHT_CSS=1 cargo test --lib theme_stylesheet_is_current"
        );
    }
}
