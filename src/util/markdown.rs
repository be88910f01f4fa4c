//! Markdown to HTML, for long-form pages and for the inline Markdown translators may use in
//! messages. Raw HTML is shown as text and `javascript:` links lose their target: pages and
//! translations are written by many hands, and none of them should be able to run script.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::util::markdown_extras::{self, BodyLink, SourceLink};
use crate::util::markdown_outline::{Outline, OutlineBuilder, outline};

/// A rendered page body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedMarkdown {
    pub html: String,
    /// `(level, id, text)` of each heading, for tables of contents.
    pub(crate) headings: Vec<(u8, String, String)>,
    /// Data paths of the facts the page places, in order; `html` and the heading texts
    /// hold a [`fact_marker`] for each until [`fill_facts`] formats them for a locale.
    pub(crate) facts: Vec<String>,
    /// Links to other pages by their Markdown source, in order; the HTML holds placeholders
    /// for them (see [`crate::util::markdown_extras::SOURCE_LINK_SCHEME`]).
    pub(crate) links: Vec<SourceLink>,
    /// The body's links and images that stay in the site or place a fact, located.
    pub(crate) body_links: Vec<BodyLink>,
    /// The link targets that place facts, with their markers; the HTML holds placeholders
    /// for them (see [`crate::util::markdown_extras::FACT_LINK_SCHEME`]), which
    /// [`fill_fact_links`] fills.
    pub(crate) fact_links: Vec<String>,
    /// The first paragraph as plain text, for the page's description.
    pub(crate) summary: String,
    /// Heading attributes left out (anything but a safe `id` and `class`), with the byte
    /// offset of their heading in the Markdown: `(offset, "onfocus=...")`.
    pub(crate) dropped: Vec<(usize, String)>,
    /// The blocks of the body, for the translation checks.
    pub(crate) outline: Outline,
}

pub(crate) use markdown_extras::is_reserved_mark;
use markdown_extras::{MARK_CLOSE, MARK_OPEN};

/// Every marker character typed in `text`, with its byte offset, so that a loader can
/// refuse it where it was typed.
///
/// Refused rather than escaped: the markers are private-use characters, which no font
/// shows and no language writes, so refusing costs no one a word, while an escape would
/// have to be honoured by every place text goes (HTML text and attributes, titles, the
/// search index, JSON-LD, the review lock), and any one pass that forgot it would let a
/// typed `U+E000 2 U+E001` pull in the page's second fact unseen by the fact checks.
pub(crate) fn reserved_marks(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    // Every page is searched and almost none holds a mark: a byte search for the lead
    // byte all marks share (U+E000 to U+E004 are EE 80 80 to EE 80 84), which only ever
    // starts a character, instead of decoding each one.
    memchr::memchr_iter(0xEE, text.as_bytes()).filter_map(|at| {
        let mark = text.get(at..)?.chars().next()?;
        is_reserved_mark(mark).then_some((at, mark))
    })
}

/// The `help:` of every refusal of a typed marker character.
pub(crate) const RESERVED_MARK_HELP: &str = "U+E000 to U+E004 are reserved: Stele marks the places of facts and arguments, and text shown from another language, with them; delete the character (to show a fact, write {{ fact(\"path\") }} in a page or a { $variable } in a message)";

/// The placeholder of the `index`th fact of a page in its rendered HTML.
pub(crate) fn fact_marker(index: usize) -> String {
    format!("{MARK_OPEN}{index}{MARK_CLOSE}")
}

/// Where the next `{{` at or after `from` starts: a search for `{` (a byte search), most
/// texts having none.
fn next_double_brace(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(brace) = text.get(at..)?.find('{') {
        let open = at + brace;
        if bytes.get(open + 1) == Some(&b'{') {
            return Some(open);
        }
        at = open + 1;
    }
    None
}

/// Every fact placeable a Markdown text writes, `{{ fact("exchange.exchange_2007.end_of_support") }}`:
/// its byte range and the data path. Single quotes work too; spaces inside the braces are
/// optional.
pub(crate) fn fact_placeables(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = next_double_brace(text, from) {
        from = open + 2;
        let rest = &text[open + 2..];
        let inner = rest.trim_start();
        let Some(call) = inner.strip_prefix("fact(") else {
            continue;
        };
        let call = call.trim_start();
        let Some(quote) = call.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(close_quote) = call[1..].find(quote) else {
            continue;
        };
        let path = &call[1..1 + close_quote];
        let after = call[1 + close_quote + 1..].trim_start();
        let Some(after) = after.strip_prefix(')') else {
            continue;
        };
        let after_trimmed = after.trim_start();
        if !after_trimmed.starts_with("}}") {
            continue;
        }
        let end = text.len() - after_trimmed.len() + 2;
        if path.is_empty() || path.contains(char::is_whitespace) {
            continue;
        }
        found.push((open..end, path));
        from = end;
    }
    found
}

/// Byte ranges of a Markdown text's code spans and code blocks, where a fact placeable is
/// shown as written instead of filled in.
fn code_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

/// Where a marked text lines up with its original again after each marker:
/// `(offset in the marked text, offset in the original)`.
type Shifts = Vec<(usize, usize)>;

/// The offset in the original text of `offset` in its marked text, so a diagnostic about
/// the rendered page points at what was typed.
fn original_offset(shifts: &[(usize, usize)], offset: usize) -> usize {
    match shifts.iter().rev().find(|(marked, _)| *marked <= offset) {
        Some((marked, original)) => original + (offset - marked),
        None => offset,
    }
}

/// The fact placeables of a text outside its code, replaced by markers; their paths; and
/// the offsets at which marked and original text line up again.
fn mark_facts(text: &str) -> Option<(String, Vec<String>, Shifts)> {
    if !text.contains("{{") {
        return None;
    }
    let placeables = fact_placeables(text);
    if placeables.is_empty() {
        return None;
    }
    let code = code_ranges(text);
    let mut marked = String::with_capacity(text.len());
    let mut paths = Vec::new();
    let mut shifts = Vec::new();
    let mut copied = 0;
    for (range, path) in placeables {
        if code
            .iter()
            .any(|c| c.start <= range.start && range.end <= c.end)
        {
            continue;
        }
        marked.push_str(&text[copied..range.start]);
        marked.push_str(&fact_marker(paths.len()));
        paths.push(path.to_string());
        copied = range.end;
        shifts.push((marked.len(), copied));
    }
    marked.push_str(&text[copied..]);
    Some((marked, paths, shifts))
}

/// `html` with every fact marker replaced by `value(index)`, which the caller formats for
/// its locale and escapes for HTML.
pub(crate) fn fill_facts(html: &str, mut value: impl FnMut(usize) -> String) -> String {
    if !html.contains(MARK_OPEN) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + MARK_OPEN.len_utf8()..];
        match after.find(MARK_CLOSE).and_then(|close| {
            after[..close]
                .parse::<usize>()
                .ok()
                .map(|index| (index, close))
        }) {
            Some((index, close)) => {
                out.push_str(&value(index));
                rest = &after[close + MARK_CLOSE.len_utf8()..];
            }
            None => {
                out.push(MARK_OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `html` with each [`crate::util::markdown_extras::FACT_LINK_SCHEME`] placeholder of an
/// `href` or `src` replaced by its target in `targets`, each fact marker in it replaced by
/// the text of `value(index)` (the fact as [`fill_facts`] shows it, HTML). A target that
/// would not be safe with its facts in place is emptied, as a written one would be.
pub(crate) fn fill_fact_links(
    html: &str,
    targets: &[String],
    value: impl Fn(usize) -> String,
) -> String {
    let placeholder = format!("=\"{}", markdown_extras::FACT_LINK_SCHEME);
    if targets.is_empty() || !html.contains(&placeholder) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&placeholder) {
        out.push_str(&rest[..at + 2]);
        let after = &rest[at + placeholder.len()..];
        let digits = after.find('"').unwrap_or(after.len());
        let target = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|index| targets.get(index));
        if let Some(target) = target {
            let url = fill_facts(target, |index| {
                htmlize::unescape(value(index).as_str()).into_owned()
            });
            if is_safe_url(&url) {
                // The encoding of an unquoted value holds no quote either.
                out.push_str(unquoted_url(&url).trim_start_matches('='));
            }
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// The Markdown Stele reads, for rendering and for the drift check alike: both must see
/// the same tables, footnotes and headings.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
        // GitHub's alerts: `> [!NOTE]` and the like.
        | Options::ENABLE_GFM
}

/// The Markdown of a message's text, for rendering it and for comparing a translation's
/// markup with its source's alike: inline only, with strikethrough.
pub(crate) fn inline_options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// Renders a page body; headings get stable `id`s (from `{#id}` or their text) so other
/// pages can link to `#anchors`.
pub fn render_page(text: &str) -> RenderedMarkdown {
    render_page_with_anchors(text, &[])
}

/// Renders a translated page giving its headings the source page's anchors, in order, so
/// `#before-you-start` leads to the same section in every language. A heading with its own
/// `{#id}`, or beyond the source's headings, keeps its own.
pub(crate) fn render_page_with_anchors(text: &str, anchors: &[String]) -> RenderedMarkdown {
    let (marked, facts, shifts) = match mark_facts(text) {
        Some((marked, facts, shifts)) => (Some(marked), facts, shifts),
        None => (None, Vec::new(), Vec::new()),
    };
    let marked_text = marked.as_deref().unwrap_or(text);
    // The outline is of the text as written: read from this parse's events unless fact
    // markers changed the text parsed (a page placing facts is parsed once more for it).
    let mut builder = marked.is_none().then(|| OutlineBuilder::new(text));
    // Positions are of the text as written, not of the text with fact markers.
    // Sized for a page of prose (an event per 16 bytes or so) rather than grown from empty.
    let mut located: Vec<(Event, std::ops::Range<usize>)> =
        Vec::with_capacity(marked_text.len() / 8 + 16);
    located.extend(
        Parser::new_ext(marked_text, options())
            .into_offset_iter()
            .map(|(event, range)| {
                if let Some(builder) = builder.as_mut() {
                    builder.push(&event, &range);
                }
                let start = original_offset(&shifts, range.start);
                let end = original_offset(&shifts, range.end);
                (neutralise(event), start..end)
            }),
    );
    let outline = match builder {
        Some(builder) => builder.finish(),
        None => outline(text, options()),
    };
    let links = markdown_extras::mark_source_links(&mut located);
    let (body_links, fact_links) = markdown_extras::mark_body_links(&mut located);
    let (mut events, offsets): (Vec<Event>, Vec<usize>) = located
        .into_iter()
        .map(|(event, range)| (event, range.start))
        .unzip();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut headings = Vec::new();
    let mut dropped = Vec::new();
    let mut output: Vec<Event> = Vec::with_capacity(events.len());
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &events[index]
        {
            let end = events[index..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map(|p| index + p)
                .unwrap_or(events.len());
            let text: String = events[index + 1..end]
                .iter()
                .filter_map(|event| match event {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let at = offsets[index];
            for (name, value) in attrs {
                let shown = match value {
                    Some(value) => format!("{name}={value}"),
                    None => name.to_string(),
                };
                dropped.push((at, shown));
            }
            let classes: Vec<CowStr> = classes
                .iter()
                .filter(|class| {
                    let safe = is_safe_name(class);
                    if !safe {
                        dropped.push((at, format!(".{class}")));
                    }
                    safe
                })
                .cloned()
                .collect();
            let id = id.as_ref().filter(|id| {
                let safe = is_safe_name(id);
                if !safe {
                    dropped.push((at, format!("#{id}")));
                }
                safe
            });
            let base = match (id, anchors.get(headings.len())) {
                (Some(id), _) => id.to_string(),
                (None, Some(anchor)) => anchor.clone(),
                (None, None) => slugify(&text),
            };
            let unique = unique_id(&mut used, base);
            headings.push((heading_number(*level), unique.clone(), text));
            output.push(Event::Start(Tag::Heading {
                level: *level,
                id: Some(CowStr::from(unique.clone())),
                classes,
                attrs: Vec::new(),
            }));
            output.extend(events[index + 1..end].iter_mut().map(take_event));
            if end < events.len() {
                output.push(markdown_extras::heading_anchor(&unique));
            }
            index = end;
            continue;
        }
        output.push(take_event(&mut events[index]));
        index += 1;
    }
    let output = markdown_extras::highlight_code(markdown_extras::autolink(output));
    let summary = first_paragraph(&output);
    let mut html_out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html_out, output.into_iter());
    RenderedMarkdown {
        html: html_out,
        headings,
        facts,
        links,
        body_links,
        fact_links,
        summary,
        dropped,
        outline,
    }
}

/// Moves an event out of the list it is read from once, leaving a placeholder: the list
/// is dropped after, and a copy of each event would copy its owned text.
fn take_event<'a>(event: &mut Event<'a>) -> Event<'a> {
    std::mem::replace(event, Event::Rule)
}

/// The text of the first paragraph, its whitespace collapsed.
fn first_paragraph(events: &[Event]) -> String {
    let Some(start) = events
        .iter()
        .position(|event| matches!(event, Event::Start(Tag::Paragraph)))
    else {
        return String::new();
    };
    let mut text = String::new();
    for event in &events[start + 1..] {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// `text` with each run of white space made one space, and none at either end.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    // Most summaries are ASCII: split by bytes, without decoding a character at a time.
    if text.is_ascii() {
        crate::util::ascii_space_words(text).for_each(&mut push);
    } else {
        text.split_whitespace().for_each(&mut push);
    }
    out
}

/// Whether a heading's `{#id}` or `{.class}` is a plain name: letters, digits, `-`, `_`,
/// `.` and `:`, nothing that could end an attribute or start markup.
fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// Renders a message's inline Markdown (bold, italic, code, links) to HTML without a
/// wrapping paragraph. Text without Markdown or HTML characters is returned as is.
pub fn render_inline(text: &str) -> String {
    const SPECIAL: &[char] = &['*', '_', '`', '[', '<', '>', '&', '"', '\'', '\\', '!', '~'];
    if !text.contains(SPECIAL) {
        return text.to_string();
    }
    let events = quote_free_html(Parser::new_ext(text, inline_options()).map(neutralise));
    let mut out = String::with_capacity(text.len() + 16);
    html::push_html(&mut out, events.into_iter());
    let trimmed = out.trim_end_matches('\n');
    match trimmed
        .strip_prefix("<p>")
        .and_then(|inner| inner.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Inline Markdown as HTML that holds no quote and no space inside an attribute value,
/// so a message is safe in a quoted attribute (`title="{{ t(id=...) }}"`) as well as in
/// element content: text and code escape `"` and `'` as well as `&<>`, and link and image
/// attributes are written unquoted with every other character as a character reference
/// (browsers decode those in unquoted values, so the link works the same).
fn quote_free_html<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut alt: Option<(String, String, String)> = None;
    for event in events {
        if let Some((_, _, text)) = alt.as_mut() {
            match event {
                Event::End(TagEnd::Image) => {
                    if let Some((src, title, text)) = alt.take() {
                        let mut tag =
                            format!("<img src{} alt{}", unquoted_url(&src), unquoted(&text));
                        if !title.is_empty() {
                            tag.push_str(&format!(" title{}", unquoted(&title)));
                        }
                        tag.push('>');
                        out.push(Event::InlineHtml(tag.into()));
                    }
                }
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            continue;
        }
        out.push(match event {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                alt = Some((dest_url.to_string(), title.to_string(), String::new()));
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                // An email autolink (`<name@example.org>`) carries the address alone.
                let target = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                let mut tag = format!("<a href{}", unquoted_url(&target));
                if !title.is_empty() {
                    tag.push_str(&format!(" title{}", unquoted(&title)));
                }
                tag.push('>');
                Event::InlineHtml(tag.into())
            }
            Event::End(TagEnd::Link) => Event::InlineHtml("</a>".into()),
            Event::Text(text) => Event::InlineHtml(escape_html(&text).into()),
            Event::Code(code) => {
                Event::InlineHtml(format!("<code>{}</code>", escape_html(&code)).into())
            }
            // Tags the HTML writer writes without attributes pass; every other one (a code
            // block's `class="language-…"`, a list's `start="…"`, a heading, a table cell's
            // `style`) would bring quotes a translator controls into an attribute the
            // message is placed in. A message is a line of prose: such a block keeps its
            // text and loses its tags.
            event @ (Event::Start(
                Tag::Paragraph | Tag::Emphasis | Tag::Strong | Tag::Strikethrough,
            )
            | Event::End(
                TagEnd::Paragraph | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough,
            )
            | Event::SoftBreak
            | Event::HardBreak) => event,
            Event::Html(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => Event::InlineHtml(escape_html(&text).into()),
            Event::FootnoteReference(name) => {
                Event::InlineHtml(escape_html(&format!("[^{name}]")).into())
            }
            Event::TaskListMarker(done) => {
                Event::InlineHtml(if done { "[x] " } else { "[ ] " }.into())
            }
            Event::Start(_) | Event::End(_) | Event::Rule => continue,
        });
    }
    out
}

/// A text attribute value (title, alt) that needs no quotes: letters, digits and a few
/// marks stay, every other character (quotes, spaces, `=`, `<`, `>`, `&`, backticks)
/// becomes `&#N;`. An empty value is left out (`alt`, the same as `alt=""`).
fn unquoted(value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(value.len() + 8);
    out.push('=');
    for c in value.chars() {
        if c.is_alphanumeric() || "-._~:/?#@!$()*+,;%".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("&#{};", c as u32));
        }
    }
    out
}

/// A link target as an unquoted attribute value: encoded as the HTML writer encodes
/// `href`s (percent-encoding outside the characters URLs are made of, `&` as `&amp;`),
/// and `=` as `&#61;` and `'` as `&#39;`, which unquoted values cannot hold.
fn unquoted_url(url: &str) -> String {
    if url.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(url.len() + 8);
    out.push('=');
    for byte in url.bytes() {
        match byte {
            b'&' => out.push_str("&amp;"),
            b'=' => out.push_str("&#61;"),
            b'\'' => out.push_str("&#39;"),
            b'!'
            | b'#'
            | b'$'
            | b'%'
            | b'('..=b';'
            | b'?'..=b'Z'
            | b'^'
            | b'_'
            | b'a'..=b'z'
            | b'~' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Escapes text for element content and for attribute values in either quote.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Backslash-escapes Markdown syntax in a value from data, so a fact inserted into a
/// message is shown exactly as written and cannot open a link or emphasis.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '!'
                | '~'
                | '#'
                | '|'
                | '('
                | ')'
                | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Raw HTML becomes visible text; unsafe link targets are emptied.
fn neutralise(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::from("")
    }
}

/// Whether a link target is one a browser follows without running code.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match compact.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel" | "ftp")
        }
        _ => true,
    }
}

/// Whether a browser would run or render a document from this `href` or `src` (entities
/// already decoded): `javascript:`, `vbscript:` and `data:` other than raster images, read
/// as a browser reads them (tabs and newlines anywhere and leading spaces or control
/// characters ignored, any letter case).
pub(crate) fn is_script_url(url: &str) -> bool {
    // Read without allocating: the link check asks this of every link of every page.
    let mut chars = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = [0u8; 10];
    let mut length = 0;
    loop {
        match chars.next() {
            Some(':') => break,
            Some(c) if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                if length == scheme.len() {
                    return false;
                }
                scheme[length] = c.to_ascii_lowercase() as u8;
                length += 1;
            }
            _ => return false,
        }
    }
    match &scheme[..length] {
        b"javascript" | b"vbscript" | b"livescript" => true,
        b"data" => {
            let mime: String = chars
                .skip_while(|c| *c == ' ')
                .take_while(|c| !matches!(c, ';' | ','))
                .take(16)
                .collect::<String>()
                .to_ascii_lowercase();
            !matches!(
                mime.as_str(),
                "" | "text/plain"
                    | "image/png"
                    | "image/gif"
                    | "image/jpeg"
                    | "image/webp"
                    | "image/avif"
            )
        }
        _ => false,
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let count = used.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        base
    } else {
        format!("{base}-{}", *count - 1)
    }
}

/// An anchor or slug from any text: lowercase letters and digits of every script, joined
/// by hyphens ("What does *end of support* mean?" → "what-does-end-of-support-mean").
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_the_first_paragraph_as_text() {
        let page =
            render_page("# Title\n\nFirst *line*\nwith `code` and [a link](x.md).\n\nSecond.\n");
        assert_eq!(page.summary, "First line with code and a link.");
        assert_eq!(render_page("# Only a heading\n").summary, "");
    }

    #[test]
    fn headings_get_unique_ids() {
        let page = render_page("# Intro\n\ntext\n\n## Intro\n\n## Custom {#mine}\n");
        assert!(
            page.html.contains(
                "<h1 id=\"intro\">Intro <a class=\"heading-anchor\" href=\"#intro\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h1>"
            ),
            "{}",
            page.html
        );
        assert!(page.html.contains("<h2 id=\"intro-1\">"));
        assert!(page.html.contains("<h2 id=\"mine\">"));
        assert_eq!(page.headings.len(), 3);
    }

    /// The outline a render records is the outline of the text as written, whether or
    /// not fact markers changed the text the render parsed.
    #[test]
    fn the_render_records_the_outline_of_the_text_as_written() {
        for text in [
            "# Title\n\n> Use *this* [link](a.md) &amp; `code`\n> now.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "Ends {{ fact(\"exchange.end\") }} in `{{ fact(\"x\") }}`.\n\n- item {{ fact('y') }}\n",
        ] {
            let rendered = render_page(text);
            assert_eq!(rendered.outline, outline(text, options()), "{text}");
            assert!(!rendered.outline.steps.is_empty());
        }
    }

    #[test]
    fn facts_are_marked_outside_code_and_filled_later() {
        let page = render_page(
            "Support ended on {{ fact(\"a.b_2007.end\") }} and {{fact('c')}}.\n\n`{{ fact(\"a\") }}`\n",
        );
        assert_eq!(
            page.facts,
            vec!["a.b_2007.end".to_string(), "c".to_string()]
        );
        let html = fill_facts(&page.html, |index| format!("[{index}]"));
        assert!(
            html.contains("Support ended on [0] and [1].")
                && html.contains("<code>{{ fact(\"a\") }}</code>"),
            "{html}"
        );
        assert!(fact_placeables("{{ fact(\"a b\") }} {{ fact(x) }} {{ fact(\"ok\")").is_empty());
    }

    /// A fact placed in a link's target is filled in whole, never percent-encoded as a
    /// marker; a target that would run script with its value in place is emptied.
    #[test]
    fn facts_in_link_targets_are_filled_with_their_values() {
        let page = render_page(
            "[a]({{ fact(\"x\") }}) [b](https://h.example/{{ fact('y') }}?q=1) ![c]({{ fact(\"x\") }}) [d](x.md) [e](https://e.example/)\n",
        );
        assert_eq!(page.fact_links.len(), 3, "{:?}", page.fact_links);
        assert!(!page.html.contains("%EE%80"), "{}", page.html);
        let values = ["a b]&amp;c", "W 1"];
        let html = fill_fact_links(&page.html, &page.fact_links, |index| {
            values[index % 2].to_string()
        });
        assert!(html.contains("href=\"a%20b%5D&amp;c\""), "{html}");
        assert!(
            html.contains("href=\"https://h.example/W%201?q&#61;1\""),
            "{html}"
        );
        assert!(!html.contains(markdown_extras::FACT_LINK_SCHEME), "{html}");
        let targets: Vec<&str> = page.body_links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(
            targets.len(),
            3,
            "only the links that place facts or stay: {targets:?}"
        );
        let script = fill_fact_links(&page.html, &page.fact_links, |_| {
            "javascript:alert(1)".into()
        });
        assert!(!script.contains("=\"javascript"), "{script}");
        // A typed placeholder is no fact link: its unknown scheme empties it first.
        let typed = render_page("[t](stele-fact-link:0)\n");
        assert!(
            typed.fact_links.is_empty() && typed.html.contains("href=\"\""),
            "{}",
            typed.html
        );
    }

    #[test]
    fn positions_after_facts_map_back_to_the_text_as_written() {
        let text = "A {{ fact(\"a.b\") }} and {{fact('c')}} then *x*.\n\n\
                    `{{ fact(\"kept\") }}` {{ fact(\"d.e_2007\") }} end\n\n\
                    ## Last {.x onclick=y}\n\nSee [setup](setup.md).\n";
        let (marked, paths, shifts) = mark_facts(text).expect("facts");
        assert_eq!(paths, ["a.b", "c", "d.e_2007"]);
        // Every piece of typed text lands where it was typed, whatever the markers' sizes.
        for piece in [
            " and ",
            " then *x*.",
            "`{{ fact(\"kept\") }}`",
            " end",
            "## Last",
            "[setup]",
        ] {
            let in_marked = marked.find(piece).expect(piece);
            let in_text = text.find(piece).expect(piece);
            assert_eq!(original_offset(&shifts, in_marked), in_text, "{piece}");
            let end = in_marked + piece.len();
            assert_eq!(
                original_offset(&shifts, end),
                in_text + piece.len(),
                "{piece}"
            );
        }
        // Before the first fact nothing moves.
        assert_eq!(original_offset(&shifts, 1), 1);
        // What the renderer reports carries those positions: a source link, a heading's
        // dropped attribute, on their lines of the file.
        let page = render_page(text);
        assert_eq!(page.links[0].offset, text.find("[setup]").unwrap());
        assert_eq!(page.dropped[0].0, text.find("## Last").unwrap());
        let line = |offset: usize| text[..offset].matches('\n').count() + 1;
        assert_eq!(line(page.links[0].offset), 7);
    }

    #[test]
    fn translations_take_the_source_anchors() {
        let source = render_page("## Before you start\n\n## Steps\n");
        let anchors: Vec<String> = source.headings.iter().map(|h| h.1.clone()).collect();
        let dutch = render_page_with_anchors(
            "## Voordat u begint\n\n## Stappen {#eigen}\n\n## Extra\n",
            &anchors,
        );
        assert!(
            dutch
                .html
                .contains("<h2 id=\"before-you-start\">Voordat u begint <a class=\"heading-anchor\" href=\"#before-you-start\"")
        );
        assert!(dutch.html.contains("<h2 id=\"eigen\">"));
        assert!(dutch.html.contains("<h2 id=\"extra\">"));
    }

    #[test]
    fn raw_html_and_script_links_are_neutralised() {
        let page = render_page("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>\n");
        assert!(!page.html.contains("<script>"), "{}", page.html);
        assert!(page.html.contains("&lt;script&gt;"));
        assert!(!page.html.contains("javascript:"));
        assert!(page.html.contains("&lt;b&gt;"));
    }

    #[test]
    fn gfm_alerts_task_lists_and_footnotes() {
        let page = render_page(
            "> [!NOTE]\n> Read this.\n\n- [x] done\n- [ ] open\n\nSaid.[^a]\n\n[^a]: Source.\n",
        );
        assert!(
            page.html
                .contains("<blockquote class=\"markdown-alert-note\">"),
            "{}",
            page.html
        );
        assert!(
            page.html
                .contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>")
        );
        assert!(page.html.contains("href=\"#a\""), "{}", page.html);
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        let page = render_page("```yaml\nkey: \"<b>\"\n```\n\n```nosuchlang\n<i>\n```\n");
        assert!(
            page.html
                .contains("<pre class=\"highlight hl-code\"><code class=\"language-yaml\">"),
            "{}",
            page.html
        );
        assert!(page.html.contains("hl-"), "{}", page.html);
        // Code text stays escaped, highlighted or not.
        assert!(!page.html.contains("<b>"), "{}", page.html);
        assert!(page.html.contains("&lt;i&gt;"), "{}", page.html);
        assert!(
            page.html.contains("<code class=\"language-nosuchlang\">"),
            "{}",
            page.html
        );
    }

    #[test]
    fn bare_urls_link_but_not_inside_code_or_links() {
        let page = render_page(
            "Go to https://example.org/x. `https://in.code` [https://a.example](https://b.example)\n",
        );
        assert!(
            page.html
                .contains("<a href=\"https://example.org/x\">https://example.org/x</a>."),
            "{}",
            page.html
        );
        assert!(page.html.contains("<code>https://in.code</code>"));
        assert!(
            page.html
                .contains("<a href=\"https://b.example\">https://a.example</a>"),
            "{}",
            page.html
        );
    }

    #[test]
    fn links_to_markdown_sources_become_placeholders() {
        let page = render_page(
            "Intro.\n\nSee [setup](guide/setup.md#step-2) and [web](https://x.example/a.md).\n",
        );
        assert_eq!(page.links.len(), 1);
        assert_eq!(page.links[0].path, "guide/setup.md");
        assert_eq!(page.links[0].fragment.as_deref(), Some("step-2"));
        assert_eq!(page.links[0].offset, 12);
        assert!(
            page.html.contains("href=\"stele-source:0\""),
            "{}",
            page.html
        );
        assert!(page.html.contains("href=\"https://x.example/a.md\""));
    }

    #[test]
    fn inline_markdown_in_messages() {
        assert_eq!(render_inline("plain text"), "plain text");
        assert_eq!(
            render_inline("see **this** and [docs](https://x.example/a?b=1&c=2)"),
            "see <strong>this</strong> and <a href=https://x.example/a?b&#61;1&amp;c&#61;2>docs</a>"
        );
        assert_eq!(render_inline("a < b & c"), "a &lt; b &amp; c");
        assert_eq!(
            render_inline("mail <team@x.example>"),
            "mail <a href=mailto:team@x.example>team@x.example</a>"
        );
        assert_eq!(
            render_inline("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
    }

    #[test]
    fn block_markdown_in_a_message_brings_no_quote() {
        for message in [
            "```x\tautofocus\tonfocus=alert(1)//\nzoeken\n```",
            "3. first\n4. second",
            "## Kop {#a .b onclick=x}",
            "| a | b |\n|:-|-:|\n| c | d |",
            "> [!NOTE]\n> quoted",
            "- [x] done\n\n---\n\ntext[^1]\n\n[^1]: note",
        ] {
            let html = render_inline(message);
            assert!(!html.contains(['"', '\'']), "{message:?}: {html}");
        }
        assert_eq!(render_inline("```x\tonfocus=y\nzoeken\n```"), "zoeken");
    }

    #[test]
    fn escaped_values_render_literally() {
        let value = "*not bold* [no](link) <b>";
        assert_eq!(
            render_inline(&escape_markdown(value)),
            "*not bold* [no](link) &lt;b&gt;"
        );
        let url = "/previous-versions/office/exchange-server-2010/aa996719(v=exchg.141)";
        assert_eq!(
            render_inline(&format!("[Requirements]({})", escape_markdown(url))),
            format!("<a href={}>Requirements</a>", url.replace('=', "&#61;"))
        );
    }

    /// What a browser reads from `html` placed inside `title="..."` and `title='...'`:
    /// the element must keep exactly one attribute.
    fn stays_inside_quotes(html: &str) {
        for quote in ['"', '\''] {
            assert!(!html.contains(quote), "{html}");
        }
        assert!(!html.contains("=\""), "{html}");
    }

    #[test]
    fn messages_are_safe_in_quoted_attributes() {
        let payloads = [
            "x\" autofocus onfocus=\"alert(document.domain)\" x=\"",
            "x' autofocus onfocus='alert(document.domain)' x='",
            "[klik](onfocus=alert(document.domain)//) en **vet**",
            "[t](https://a.example/?a=b \"title\" onmouseover=\"x\")",
            "![alt\" onerror=\"alert(document.domain)](https://a.example/i.png \"t'\")",
            "`code\" onclick=\"x` and <https://a.example/?q=\">",
            "~~gone~~ \"quoted\" 'single' & <b>tag</b>",
            "[ref] text\n\n[ref]: https://a.example/?x=\"y\"",
        ];
        for payload in payloads {
            let html = render_inline(payload);
            stays_inside_quotes(&html);
            assert!(!html.contains("<b>"), "{html}");
        }
        assert_eq!(
            render_inline("say \"hi\" & don't"),
            "say &quot;hi&quot; &amp; don&#39;t"
        );
        assert_eq!(
            render_inline("![a \"b\"](i.png \"t t\")"),
            "<img src=i.png alt=a&#32;&#34;b&#34; title=t&#32;t>"
        );
        assert_eq!(render_inline("[x](javascript:alert(1))"), "<a href>x</a>");
    }

    /// `html` without the anchor links Stele puts at the end of each heading.
    fn without_heading_anchors(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find(" <a class=\"heading-anchor\"") {
            out.push_str(&rest[..at]);
            let anchor = &rest[at..];
            rest = &anchor[anchor
                .find("</a>")
                .map_or(anchor.len(), |end| end + "</a>".len())..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn heading_attributes_keep_only_plain_ids_and_classes() {
        let page = render_page(
            "## A {autofocus tabindex=0 onfocus=alert(document.domain)}\n\n\
             ## B {#ok .note style=color:red}\n\n\
             ## C {#bad\"id .x\"y onclick=x}\n\n\
             ## D {data-x=1 .fine}\n",
        );
        // The heading anchors Stele adds (`tabindex="-1"` on each) are no author attribute.
        let html = without_heading_anchors(&page.html);
        for gone in [
            "autofocus",
            "tabindex",
            "onfocus",
            "style",
            "onclick",
            "data-x",
            "bad",
            "x\"y",
        ] {
            assert!(!html.contains(gone), "{gone}: {html}");
        }
        assert!(
            html.contains("<h2 id=\"ok\" class=\"note\">B</h2>"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"c\">C</h2>"), "{html}");
        assert!(html.contains("class=\"fine\""), "{html}");
        let dropped: Vec<&str> = page.dropped.iter().map(|(_, a)| a.as_str()).collect();
        assert!(
            dropped.contains(&"onfocus=alert(document.domain)"),
            "{dropped:?}"
        );
        assert!(dropped.contains(&"#bad\"id"), "{dropped:?}");
        assert_eq!(page.dropped[0].0, 0);
    }

    #[test]
    fn script_urls_as_browsers_read_them() {
        for url in [
            "javascript:alert(1)",
            " \u{1}JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "VBScript:x",
            "data:text/html,<script>x</script>",
            "DATA:image/svg+xml;base64,PHN2Zz4=",
        ] {
            assert!(is_script_url(url), "{url:?}");
        }
        for url in [
            "https://a.example/javascript:x",
            "../javascript/index.html",
            "#javascript:x",
            "mailto:a@b.example",
            "data:image/png;base64,iVBORw0KGgo=",
            "data:,",
            "data:text/plain,x",
            "/x?data:text/html",
        ] {
            assert!(!is_script_url(url), "{url:?}");
        }
    }

    #[test]
    fn slugs_keep_every_script() {
        assert_eq!(
            slugify("What does *end of support* mean?"),
            "what-does-end-of-support-mean"
        );
        assert_eq!(slugify("지원 종료란?"), "지원-종료란");
    }

    #[test]
    fn url_safety() {
        assert!(is_safe_url("https://example.org"));
        assert!(is_safe_url("../roadmap/index.html#top"));
        assert!(is_safe_url("/exchange/x"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVa\tScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
        assert!(!is_safe_url("vbscript:x"));
    }
}
