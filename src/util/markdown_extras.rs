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
