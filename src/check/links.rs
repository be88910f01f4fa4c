//! Links in the rendered site: every relative `href`/`src` of every page in every locale
//! must reach a built file, and every `#anchor` an element id in its target. Runs on the
//! HTML rendered in memory, so a broken link is found before anything is written.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use lol_html::{HtmlRewriter, Settings, element};
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, line_column};
#[cfg(test)]
use crate::render::OutputFile;

/// A link found in a page: the attribute value (entities decoded) and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FoundLink {
    pub(crate) target: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

/// What one HTML page offers (element ids) and asks for (links). Kept in the build record,
/// so a page carried over from the previous build is checked without scanning it again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LinkFacts {
    pub(crate) ids: BTreeSet<String>,
    pub(crate) links: Vec<FoundLink>,
}

/// A link before its position is turned into a line and column.
#[derive(Debug, PartialEq)]
struct Link {
    target: String,
    offset: usize,
}

#[derive(Debug, Default, PartialEq)]
struct Scanned {
    ids: BTreeSet<String>,
    links: Vec<Link>,
}

/// The ids a page offers and the links it asks for, with their lines and columns.
pub(crate) fn scan(html: &str) -> LinkFacts {
    let scanned = scan_offsets(html);
    let mut links = Vec::with_capacity(scanned.links.len());
    // Links come in document order, so lines are counted in one pass.
    let (mut line, mut line_start, mut counted) = (1u32, 0usize, 0usize);
    for link in scanned.links {
        let offset = crate::diagnostics::floor_char_boundary(html, link.offset.min(html.len()));
        if offset < counted {
            let (l, c) = line_column(html, offset);
            links.push(FoundLink {
                target: link.target,
                line: l,
                column: c,
            });
            continue;
        }
        // Counted by memchr's vector count; only the last line's start is needed.
        let between = &html.as_bytes()[counted..offset];
        if let Some(last) = memchr::memrchr(b'\n', between) {
            line += memchr::memchr_iter(b'\n', between).count() as u32;
            line_start = counted + last + 1;
        }
        counted = offset;
        links.push(FoundLink {
            target: link.target,
            line,
            column: html[line_start..offset].chars().count() as u32 + 1,
        });
    }
    LinkFacts {
        ids: scanned.ids,
        links,
    }
}

/// Pages as templates make them (tags, quoted attributes, comments, a `<title>`) take a
/// fast path that reads only what is needed; anything it is not sure how a browser reads
/// goes to lol_html instead.
fn scan_offsets(html: &str) -> Scanned {
    scan_plain(html).unwrap_or_else(|| scan_with_lol_html(html))
}

/// Spaces between tag parts (a carriage return sends the page to lol_html).
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0c)
}

/// Elements whose content is text up to their end tag, not markup.
const TEXT_ELEMENTS: [&str; 8] = [
    "title", "textarea", "script", "style", "iframe", "xmp", "noembed", "noframes",
];

/// Elements after which the way the rest of a page reads depends on more than its tags:
/// foreign content, a `<noscript>` read as text, and lol_html's ambiguity checks.
const HARD_ELEMENTS: [&str; 7] = [
    "svg",
    "math",
    "noscript",
    "plaintext",
    "select",
    "template",
    "frameset",
];

/// The HTML tokenizer's reading of ids and links, for pages made of start and end tags,
/// comments, a doctype and text elements; `None` as soon as the page has anything else
/// (so that lol_html reads it), or a tag this reading would not be sure of.
fn scan_plain(html: &str) -> Option<Scanned> {
    let bytes = html.as_bytes();
    if memchr::memchr2(b'\r', 0, bytes).is_some() {
        return None;
    }
    let mut found = Scanned::default();
    let mut at = 0;
    while let Some(step) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + step;
        let Some(&next) = bytes.get(start + 1) else {
            break;
        };
        if next.is_ascii_alphabetic() {
            let tag = read_tag(html, start + 1)?;
            at = tag.end;
            // Tag names are ASCII (`read_tag` makes sure), compared without a lowercase copy.
            let name = tag.name;
            let is = |element: &&str| element.eq_ignore_ascii_case(name);
            if HARD_ELEMENTS.iter().any(is) {
                return None;
            }
            tag.collect(name, start, &mut found);
            if TEXT_ELEMENTS.iter().any(is) {
                if tag.self_closing {
                    return None;
                }
                let close = find_end_tag(bytes, at, name)?;
                // Script text can hide an end tag behind `<!--`; let lol_html read those.
                if name.eq_ignore_ascii_case("script") && html[at..close].contains("<!--") {
                    return None;
                }
                at = close;
            }
        } else if next == b'/' && bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
            at = read_tag(html, start + 2)?.end;
        } else if bytes[start..].starts_with(b"<!--") {
            let close = html[start + 4..].find("-->")? + start + 4;
            let comment = &html[start + 4..close];
            if comment.starts_with('>') || comment.starts_with("->") || comment.contains("--!>") {
                return None;
            }
            at = close + 3;
        } else if bytes.len() >= start + 9
            && bytes[start..start + 9].eq_ignore_ascii_case(b"<!doctype")
        {
            at = start + bytes[start..].iter().position(|&b| b == b'>')? + 1;
        } else if matches!(next, b'!' | b'/' | b'?') {
            return None;
        } else {
            at = start + 1;
        }
    }
    Some(found)
}

/// The attributes the scan reads; a tag keeps only these ([`Tag::values`]).
const READ_ATTRIBUTES: [&str; 5] = ["id", "name", "href", "src", "rel"];

/// A start or end tag as the tokenizer reads it: name, the attributes the scan reads (raw
/// values), where it ends.
struct Tag<'a> {
    name: &'a str,
    /// The first value of each of [`READ_ATTRIBUTES`], as the tokenizer keeps the first of
    /// duplicates.
    values: [Option<&'a str>; READ_ATTRIBUTES.len()],
    self_closing: bool,
    /// Just past the closing `>`.
    end: usize,
}

impl<'a> Tag<'a> {
    /// The value of one of [`READ_ATTRIBUTES`] (named in lowercase).
    fn attribute(&self, name: &str) -> Option<&'a str> {
        let index = READ_ATTRIBUTES.iter().position(|known| *known == name)?;
        self.values[index]
    }

    /// Keeps an attribute's value when the scan reads it and it is the first of its name.
    fn note(values: &mut [Option<&'a str>; READ_ATTRIBUTES.len()], key: &str, value: &'a str) {
        if let Some(index) = READ_ATTRIBUTES
            .iter()
            .position(|known| known.eq_ignore_ascii_case(key))
        {
            values[index].get_or_insert(value);
        }
    }

    /// What the lol_html handlers of [`scan_with_lol_html`] take from this start tag.
    fn collect(&self, name: &str, offset: usize, found: &mut Scanned) {
        if let Some(id) = self.attribute("id") {
            found
                .ids
                .insert(htmlize::unescape_attribute(id).into_owned());
        }
        if name.eq_ignore_ascii_case("a")
            && let Some(anchor) = self.attribute("name")
        {
            found
                .ids
                .insert(htmlize::unescape_attribute(anchor).into_owned());
        }
        for attribute in ["href", "src"] {
            if name.eq_ignore_ascii_case("link")
                && attribute == "href"
                && points_elsewhere(self.attribute("rel"))
            {
                continue;
            }
            if let Some(value) = self.attribute(attribute) {
                found.links.push(Link {
                    target: htmlize::unescape_attribute(value).into_owned(),
                    offset,
                });
            }
        }
    }
}

/// Reads a tag from its name at `at` to its `>`, following the tokenizer's attribute
/// states; `None` at the end of the page or at anything the tokenizer calls an error.
fn read_tag(html: &str, mut at: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let name_start = at;
    while !is_space(*bytes.get(at)?) && !matches!(bytes[at], b'/' | b'>') {
        at += 1;
    }
    let name = &html[name_start..at];
    if !name.is_ascii() {
        return None;
    }
    let mut values = [None; READ_ATTRIBUTES.len()];
    loop {
        while is_space(*bytes.get(at)?) {
            at += 1;
        }
        match bytes[at] {
            b'>' => {
                return Some(Tag {
                    name,
                    values,
                    self_closing: false,
                    end: at + 1,
                });
            }
            b'/' => {
                at += 1;
                if *bytes.get(at)? == b'>' {
                    return Some(Tag {
                        name,
                        values,
                        self_closing: true,
                        end: at + 1,
                    });
                }
                continue;
            }
            b'=' => return None,
            _ => {}
        }
        let key_start = at;
        loop {
            let byte = *bytes.get(at)?;
            if is_space(byte) || matches!(byte, b'/' | b'>' | b'=') {
                break;
            }
            if matches!(byte, b'"' | b'\'' | b'<') || !byte.is_ascii() {
                return None;
            }
            at += 1;
        }
        let key = &html[key_start..at];
        while is_space(*bytes.get(at)?) {
            at += 1;
        }
        if bytes[at] != b'=' {
            Tag::note(&mut values, key, "");
            continue;
        }
        at += 1;
        while is_space(*bytes.get(at)?) {
            at += 1;
        }
        let value = match bytes[at] {
            quote @ (b'"' | b'\'') => {
                let value_start = at + 1;
                at = value_start + memchr::memchr(quote, &bytes[value_start..])?;
                let value = &html[value_start..at];
                at += 1;
                value
            }
            b'>' => "",
            _ => {
                let value_start = at;
                loop {
                    let byte = *bytes.get(at)?;
                    if is_space(byte) || byte == b'>' {
                        break;
                    }
                    if matches!(byte, b'"' | b'\'' | b'<' | b'=' | b'`') {
                        return None;
                    }
                    at += 1;
                }
                &html[value_start..at]
            }
        };
        Tag::note(&mut values, key, value);
    }
}

/// Where the text of a `name` element that starts at `at` ends: its end tag's `</`.
fn find_end_tag(bytes: &[u8], mut at: usize, name: &str) -> Option<usize> {
    loop {
        at += bytes[at..].windows(2).position(|w| w == b"</")?;
        let after = at + 2 + name.len();
        if bytes.len() > after
            && bytes[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && (is_space(bytes[after]) || matches!(bytes[after], b'/' | b'>'))
        {
            return Some(at);
        }
        at += 2;
    }
}

/// `<link rel=alternate>` and `rel=canonical` point at published addresses, not at files of
/// this build.
fn points_elsewhere(rel: Option<&str>) -> bool {
    rel.unwrap_or_default()
        .split_whitespace()
        .any(|r| r == "alternate" || r == "canonical")
}

/// lol_html is a streaming rewriter; used here only to read, its output is dropped. It
/// parses like a browser (attributes in any quoting, entities, raw text elements), which the
/// fast path does only for the plain pages it accepts.
fn scan_with_lol_html(html: &str) -> Scanned {
    let found = std::cell::RefCell::new(Scanned::default());
    let settings = Settings::new()
        .append_element_content_handler(element!("[id]", |el| {
            if let Some(id) = el.get_attribute("id") {
                found
                    .borrow_mut()
                    .ids
                    .insert(htmlize::unescape_attribute(id).into_owned());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a[name]", |el| {
            if let Some(name) = el.get_attribute("name") {
                found
                    .borrow_mut()
                    .ids
                    .insert(htmlize::unescape_attribute(name).into_owned());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[href], [src]", |el| {
            let tag = el.tag_name();
            let offset = el.source_location().bytes().start;
            for attribute in ["href", "src"] {
                if tag == "link"
                    && attribute == "href"
                    && points_elsewhere(el.get_attribute("rel").as_deref())
                {
                    continue;
                }
                if let Some(value) = el.get_attribute(attribute) {
                    found.borrow_mut().links.push(Link {
                        target: htmlize::unescape_attribute(value).into_owned(),
                        offset,
                    });
                }
            }
            Ok(())
        }));
    // Only the handlers matter; the rewritten page is thrown away as it streams out.
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A parse failure only means fewer links are checked; the page itself rendered.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    found.into_inner()
}

/// Where a page came from, for the message.
#[cfg(test)]
#[derive(Debug, Clone)]
pub(crate) struct PageOrigin {
    pub(crate) locale: String,
    pub(crate) template: String,
}

/// One page to check: its output path, where it came from, and its links.
pub(crate) struct PageLinks<'a> {
    pub(crate) path: &'a str,
    pub(crate) locale: &'a str,
    pub(crate) template: &'a str,
    pub(crate) facts: &'a LinkFacts,
    /// The Markdown file the page shows, if any, with the links written in its body.
    pub(crate) written: Option<Written<'a>>,
}

/// The links a Markdown file's body writes, by which a broken link of the page rendered
/// from it is reported in the file, at the link, rather than in the output.
#[derive(Clone, Copy)]
pub(crate) struct Written<'a> {
    pub(crate) file: &'a std::path::Path,
    pub(crate) links: &'a [crate::util::markdown_extras::BodyLink],
}

impl<'a> Written<'a> {
    /// The link of the body that became `target` in the rendered page. A template may
    /// hold the same target; the body's is the likelier author, and the first fix to try.
    fn find(&self, target: &str) -> Option<&'a crate::util::markdown_extras::BodyLink> {
        self.links
            .iter()
            .find(|link| crate::util::markdown_extras::written_as(&link.target, target))
    }
}

/// Scans `outputs` and checks the pages among them (those in `pages`); for callers that
/// have every page in memory.
#[cfg(test)]
pub(crate) fn check_outputs(
    outputs: &[&OutputFile],
    pages: &BTreeMap<String, PageOrigin>,
    base_path: &str,
) -> Vec<Diagnostic> {
    // Scanning is the expensive part and each page is independent.
    let scanned: Vec<(&str, LinkFacts)> = outputs
        .par_iter()
        .filter(|output| output.path.ends_with(".html"))
        .filter_map(|output| {
            let html = std::str::from_utf8(output.content.bytes()?).ok()?;
            Some((output.path.as_str(), scan(html)))
        })
        .collect();
    let targets = Known {
        files: outputs.iter().map(|o| o.path.as_str()).collect(),
        ids: scanned
            .iter()
            .map(|(path, facts)| (*path, &facts.ids))
            .collect(),
    };
    let list: Vec<PageLinks> = scanned
        .iter()
        .filter_map(|(path, facts)| {
            let origin = pages.get(*path)?;
            Some(PageLinks {
                path,
                locale: &origin.locale,
                template: &origin.template,
                facts,
                written: None,
            })
        })
        .collect();
    check(&list, &targets, base_path)
}

/// What the link check needs to know of the site's files.
pub(crate) trait Targets {
    fn has_file(&self, path: &str) -> bool;
    /// The element ids of an HTML file.
    fn ids(&self, path: &str) -> Option<&BTreeSet<String>>;
}

/// Targets from maps built for one check.
pub(crate) struct Known<'a> {
    pub(crate) files: HashSet<&'a str>,
    pub(crate) ids: HashMap<&'a str, &'a BTreeSet<String>>,
}

impl Targets for Known<'_> {
    fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    fn ids(&self, path: &str) -> Option<&BTreeSet<String>> {
        self.ids.get(path).copied()
    }
}

/// Checks the links of `pages` against the site's `files` and the element `ids` of each
/// HTML file. Links that leave the site (a scheme, `//host`, or an absolute path outside
/// `base_path`) are not checked.
pub(crate) fn check(
    pages: &[PageLinks],
    targets: &(dyn Targets + Sync),
    base_path: &str,
) -> Vec<Diagnostic> {
    // Pages are checked in parallel; their findings are merged in page order, so the
    // report does not depend on scheduling.
    let found: Vec<Vec<Finding>> = pages
        .par_iter()
        .map(|page| check_page(page, targets, base_path))
        .collect();
    let mut problems: Vec<Diagnostic> = Vec::new();
    // The same broken link in a shared template shows on every page; report it once per
    // (template, link) and say how many pages share it.
    let mut seen: BTreeMap<(String, String, Code), (usize, usize)> = BTreeMap::new();
    for finding in found.into_iter().flatten() {
        if let Some((_, others)) = seen.get_mut(&finding.key) {
            *others += 1;
            continue;
        }
        seen.insert(finding.key, (problems.len(), 0));
        problems.push(finding.problem);
    }
    for (index, others) in seen.into_values() {
        if others > 0 {
            problems[index].message.push_str(&format!(
                " (and on {others} other page{})",
                if others == 1 { "" } else { "s" }
            ));
        }
    }
    problems
}

/// A broken link or anchor on one page, with the key that finds the same link on others.
struct Finding {
    key: (String, String, Code),
    problem: Diagnostic,
}

fn check_page(page: &PageLinks, targets: &(dyn Targets + Sync), base_path: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for link in &page.facts.links {
        if crate::util::markdown::is_script_url(&link.target) {
            found.push(Finding {
                key: (
                    page.template.to_string(),
                    link.target.clone(),
                    Code::ScriptLink,
                ),
                problem: script_link(page.path, page.template, link).locale(page.locale),
            });
            continue;
        }
        let Some((path, fragment)) = resolve(page.path, &link.target, base_path) else {
            continue;
        };
        let target = if path.is_empty() {
            Some(page.path.to_string())
        } else {
            existing(targets, &path)
        };
        let (code, message, help) = match target {
            None => (
                Code::BrokenLink,
                format!(
                    "link `{}` leads nowhere: the site has no `{path}`",
                    link.target
                ),
                format!(
                    "fix the link in template `{}`; build links with url(page=...), url(collection=..., key=...) or url(path=...)",
                    page.template
                ),
            ),
            Some(target) => {
                let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                    continue;
                };
                let target_ids = targets.ids(&target);
                let decoded = percent_decode(&fragment);
                if target_ids.is_none_or(|ids| ids.contains(&fragment) || ids.contains(&decoded)) {
                    continue;
                }
                (
                    Code::BrokenAnchor,
                    format!(
                        "link `{}` points at `#{decoded}`, but {target} has no element with that id",
                        link.target
                    ),
                    format!(
                        "fix the anchor in template `{}` or the page it links to; heading ids come from their text or `{{#id}}`",
                        page.template
                    ),
                )
            }
        };
        if let Some(written) = page.written
            && let Some(body_link) = written.find(&link.target)
        {
            // Shown decoded: a fact placed in the target shows its value as written in
            // data, not its percent-encoding.
            let shown = percent_decode(&link.target);
            let message = message.replacen(&format!("`{}`", link.target), &format!("`{shown}`"), 1);
            let help = match code {
                Code::BrokenAnchor => "fix the anchor here or in the page it links to; heading ids come from their text or `{#id}`".to_string(),
                _ => format!(
                    "fix the link here: it is read from the page's address, public/{}, so link to another page by its Markdown file (`other.md`) and to a static file from the site root (`/static/...`)",
                    page.path.strip_suffix("index.html").unwrap_or(page.path)
                ),
            };
            found.push(Finding {
                // One report per file and link, however many locales show the file.
                key: (written.file.display().to_string(), shown, code),
                problem: Diagnostic::error(code, written.file, message)
                    .at(body_link.line, body_link.column)
                    .locale(page.locale)
                    .help(help),
            });
            continue;
        }
        // Links differ between locales only in the locale's own folder name.
        let same_in_every_locale = link
            .target
            .split('/')
            .map(|part| {
                if part == page.locale {
                    "{locale}"
                } else {
                    part
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        found.push(Finding {
            key: (page.template.to_string(), same_in_every_locale, code),
            problem: Diagnostic::error(code, format!("public/{}", page.path), message)
                .at(link.line, link.column)
                .locale(page.locale)
                .help(help),
        });
    }
    found
}

/// The error for a link that would run script; no template may place one, whatever its
/// data or messages say.
fn script_link(path: &str, template: &str, link: &FoundLink) -> Diagnostic {
    Diagnostic::error(
        Code::ScriptLink,
        format!("public/{path}"),
        format!("link `{}` would run script", link.target),
    )
    .at(link.line, link.column)
    .help(format!(
        "template `{template}` puts this address in an `href` or `src`; check the data values and messages it uses there: links may be http(s), mailto, tel or site paths"
    ))
}

/// Links that would run script in a file around the pages (the 404 page, the chooser).
pub(crate) fn script_links(path: &str, facts: &LinkFacts) -> Vec<Diagnostic> {
    facts
        .links
        .iter()
        .filter(|link| crate::util::markdown::is_script_url(&link.target))
        .map(|link| script_link(path, path, link))
        .collect()
}

fn existing(targets: &(dyn Targets + Sync), path: &str) -> Option<String> {
    let trimmed = path.trim_end_matches('/');
    let candidates = [
        path.to_string(),
        format!("{trimmed}/index.html"),
        if trimmed.is_empty() {
            "index.html".to_string()
        } else {
            String::new()
        },
    ];
    candidates
        .into_iter()
        .find(|c| !c.is_empty() && !c.ends_with('/') && targets.has_file(c))
}

/// A link's site-relative target path (without query) and fragment, or `None` for links
/// that leave the site. An empty path means the page itself.
fn resolve(page: &str, link: &str, base_path: &str) -> Option<(String, Option<String>)> {
    let link = link.trim();
    let (rest, fragment) = match link.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment.to_string())),
        None => (link, None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    let has_scheme = rest
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty());
    // `//host/x` (and `/\host/x`, which browsers read alike) leaves the site, as
    // `https://host/x` does: not a path here, and not checked.
    if has_scheme || crate::util::markdown_extras::is_protocol_relative(rest) {
        return None;
    }
    if rest.is_empty() {
        return Some((String::new(), fragment));
    }
    let (from, relative) = if let Some(absolute) = rest.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        let inside = absolute.strip_prefix(base)?;
        ("", inside)
    } else {
        (
            page.rsplit_once('/').map(|(dir, _)| dir).unwrap_or(""),
            rest,
        )
    };
    let mut parts: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                // Above the site root is outside the site: nothing there is built.
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut path = percent_decode(&parts.join("/"));
    if relative.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some((path, fragment))
}

/// `%XX` sequences to bytes, for anchors and paths with non-ASCII text.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(index + 1).and_then(|b| (*b as char).to_digit(16)),
                bytes.get(index + 2).and_then(|b| (*b as char).to_digit(16)),
            )
        {
            out.push((high * 16 + low) as u8);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, html: &str) -> OutputFile {
        OutputFile::new(path.to_string(), html.as_bytes().to_vec())
    }

    /// Pieces of pages, well and badly formed, for the fast scan to agree with lol_html on.
    const PIECES: &[&str] = &[
        "<a href=\"x.html\">",
        "<A HREF=y.html>",
        "<a name=n>",
        "<div id='i'>",
        "<p id=\"a&amp;b\">",
        "<link rel=alternate href=z>",
        "<link rel=\"stylesheet\" href=s.css>",
        "<LINK REL=CANONICAL HREF=c>",
        "<img src=p.png/>",
        "<img src=\"q.png\" />",
        "<a href=x/>",
        "<b\tid=q >",
        "<a href id=e>",
        "<a id=1 id=2>",
        "<a href = 'sp' >",
        "<a href=\"u\"id=v>",
        "<a/href=w>",
        "<x y=\">\">",
        "</a>",
        "</x y=\">\">",
        "</ a>",
        "</>",
        "<!-- c -->",
        "<!-->",
        "<!--->",
        "<!-- <a href=h> -->",
        "-->",
        "--!>",
        "<!DOCTYPE html>",
        "<!doctype x>",
        "<![CDATA[ <a href=k> ]]>",
        "<?x>",
        "<title>",
        "</title>",
        "</TITLE >",
        "<script>",
        "</script>",
        "<script src=j.js>",
        "<style>",
        "</style>",
        "<textarea>",
        "</textarea/>",
        "<noscript>",
        "<svg>",
        "<math>",
        "<select>",
        "<template>",
        "<iframe>",
        "</iframe>",
        "<plaintext>",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "/",
        " ",
        "\n",
        "\r",
        "text",
        "&amp;",
        "<a href=\"t&#x2F;u\">",
        "<a id=\u{e9}t\u{e9}>",
        "<\u{e9}>",
        "<a \u{e9}=1>",
        "<a href=\"#f\">",
        "<h2 id=\"f\">",
    ];

    /// The pieces the fast scan reads itself, so that most pages made of them take it.
    fn plain_pieces() -> Vec<&'static str> {
        PIECES
            .iter()
            .copied()
            .filter(|piece| scan_plain(piece).is_some())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_fast_scan_reads_pages_as_lol_html_does(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
        ) {
            let html = pieces.concat();
            if let Some(fast) = scan_plain(&html) {
                proptest::prop_assert_eq!(fast, scan_with_lol_html(&html), "{}", html);
            }
        }

        #[test]
        fn the_fast_scan_reads_plain_pages_as_lol_html_does(
            pieces in proptest::collection::vec(proptest::sample::select(plain_pieces()), 0..40)
        ) {
            let html = pieces.concat();
            if let Some(fast) = scan_plain(&html) {
                proptest::prop_assert_eq!(fast, scan_with_lol_html(&html), "{}", html);
            }
        }
    }

    #[test]
    fn themed_pages_take_the_fast_scan() {
        let html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>A &amp; B</title>\n  <link rel=\"alternate\" hreflang=\"nl\" href=\"https://x.example/nl/\">\n  <link rel=\"stylesheet\" href=\"../static/s.css\">\n  <style>a > b { color: red }</style>\n</head>\n<body>\n<!-- nav -->\n<a href=\"../nl/index.html\" hreflang=\"nl\">NL</a>\n<h2 id=\"start\">Start</h2>\n<a href=\"#start\">up</a> <img src=\"../static/i.png\" alt=\"\">\n<script>if (a < b) { x(\"</p>\") }</script>\n</body>\n</html>\n";
        let fast = scan_plain(html).expect("a plain page");
        assert_eq!(fast, scan_with_lol_html(html));
        assert_eq!(fast.links.len(), 4);
        assert!(fast.ids.contains("start"));
    }

    #[test]
    fn resolves_relative_absolute_and_external_links() {
        assert_eq!(
            resolve("nl/a/index.html", "../../en/b/index.html#x", "/docs/"),
            Some(("en/b/index.html".into(), Some("x".into())))
        );
        assert_eq!(
            resolve("nl/a/index.html", "/docs/static/s.css", "/docs/"),
            Some(("static/s.css".into(), None))
        );
        assert_eq!(resolve("nl/a/index.html", "/elsewhere/x", "/docs/"), None);
        assert_eq!(resolve("nl/a/index.html", "https://x.example/", "/"), None);
        assert_eq!(resolve("nl/a/index.html", "mailto:a@b.c", "/"), None);
        for elsewhere in [
            "//evil.example/x",
            "/\\evil.example/x",
            "\\\\evil.example",
            " //evil",
        ] {
            assert_eq!(
                resolve("nl/a/index.html", elsewhere, "/"),
                None,
                "{elsewhere}"
            );
        }
        assert_eq!(resolve("index.html", "../x.html", "/"), None);
        assert_eq!(
            resolve("nl/index.html", "a/", "/"),
            Some(("nl/a/".into(), None))
        );
        assert_eq!(percent_decode("%EC%A7%80%EC%9B%90"), "지원");
    }

    #[test]
    fn finds_broken_links_and_anchors_with_positions() {
        let outputs = [
            output(
                "en/index.html",
                "<p>\n<a href=\"a/\">ok</a> <a href=\"a/index.html#top\">ok</a>\n<a href=\"b/index.html\">no</a> <a href=\"a/index.html#gone\">no</a> <a href=\"#here\">ok</a><h2 id=\"here\">x</h2>\n<a href=\"https://x.example/\">ext</a></p>",
            ),
            output("en/a/index.html", "<h1 id=\"top\">A</h1>"),
        ];
        let pages = BTreeMap::from([(
            "en/index.html".to_string(),
            PageOrigin {
                locale: "en".into(),
                template: "index.html".into(),
            },
        )]);
        let outputs: Vec<&OutputFile> = outputs.iter().collect();
        let found = check_outputs(&outputs, &pages, "/");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].code, Code::BrokenLink);
        assert_eq!((found[0].line, found[0].column), (3, 1));
        assert_eq!(
            found[0].file,
            std::path::PathBuf::from("public/en/index.html")
        );
        assert_eq!(found[1].code, Code::BrokenAnchor);
        assert!(found[1].message.contains("#gone"));
    }

    /// Lines counted between links (several per line, none on some, blank lines, text
    /// wider than one byte per character) agree with a count from the page's start.
    #[test]
    fn each_link_has_the_line_and_column_of_its_tag() {
        let html = "<p>é <a href=\"a\">1</a><a href='b'>2</a>\n\n\n  <img src=\"c.png\">\nno link\n한국어 <a href=\"d\">3</a>\n<a href=\"e\">4</a>";
        let found = scan(html);
        let targets: Vec<&str> = found.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["a", "b", "c.png", "d", "e"]);
        let mut from = 0;
        for link in &found.links {
            let at = from
                + html[from..]
                    .find(&link.target)
                    .expect("the target is in the page");
            let tag = html[..at].rfind('<').expect("a tag opens before it");
            assert_eq!(
                (link.line, link.column),
                crate::diagnostics::line_column(html, tag),
                "{}",
                link.target
            );
            from = at;
        }
        let places: Vec<(u32, u32)> = found.links.iter().map(|l| (l.line, l.column)).collect();
        assert_eq!(places, [(1, 6), (1, 23), (4, 3), (6, 5), (7, 1)]);
    }

    #[test]
    fn script_links_are_errors_however_written() {
        let page = "<p>\n<a href=\"javascript:alert(1)\">a</a>\n<a href=' JaVa&#x53;cript:x'>b</a>\n\
                    <img src=\"data:text/html,x\"><a href=java&#9;script:x>c</a>\n\
                    <link rel=stylesheet href=\"vbscript:x\"><img src=\"data:image/png;base64,AA\">\n\
                    <a href=\"https://x.example/javascript:x\">fine</a></p>";
        let outputs = [output("en/index.html", page)];
        let pages = BTreeMap::from([(
            "en/index.html".to_string(),
            PageOrigin {
                locale: "en".into(),
                template: "index.html".into(),
            },
        )]);
        let outputs: Vec<&OutputFile> = outputs.iter().collect();
        let found = check_outputs(&outputs, &pages, "/");
        let lines: Vec<(Code, u32)> = found.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            lines,
            [
                (Code::ScriptLink, 2),
                (Code::ScriptLink, 3),
                (Code::ScriptLink, 4),
                (Code::ScriptLink, 4),
                (Code::ScriptLink, 5),
            ],
            "{found:?}"
        );
        assert!(
            found[1].message.contains("JaVaScript:x"),
            "{}",
            found[1].message
        );
        let around = script_links("404.html", &scan(page));
        assert_eq!(around.len(), 5);
        assert_eq!(around[0].file, std::path::PathBuf::from("public/404.html"));
    }
}
