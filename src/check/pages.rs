//! Markdown pages as translation units: a translated page (`x.nl.md`) is aligned with its
//! source (`x.md`) block by block — headings, paragraphs, list items, table cells, code
//! blocks, each inside or outside block quotes. The first block where the structure differs
//! is `page-drift`; aligned blocks must carry the same numbers and dates (a number spelled
//! out counting as its digits: [`crate::check::cardinals`]), link targets in order, inline
//! markup (`markup-mismatch`) and facts (`variable-mismatch`), and the front matter's
//! `title` and `description` the same numbers and dates. Each block has a review state in
//! the locale's lock, as a message does; a page with prose and no translation is
//! `missing-page`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rayon::prelude::*;

use crate::util::pattern::Regex;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::check::cardinals::cardinals;
use crate::check::markup::{Markup, balance, differences};
use crate::check::messages::digit_runs;
use crate::check::qa::inconsistency::FileSegments;
use crate::check::qa::located::Located;
use crate::check::qa::messages::term_names;
use crate::check::qa::{Finding, Rules, Unit, check_unit, whole};
use crate::check::review::{self, Stamp, State};
use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity};
use crate::load::config::Config;
use crate::load::locale_qa::QaResources;
use crate::load::locales::Locales;
use crate::load::lock::{ReviewLock, Seal};
use crate::load::pages::{Page, PageContent, PageText};
use crate::load::site::Site;
use crate::util::digest::Fingerprint;
use crate::util::markdown::fact_placeables;
use crate::util::markdown_outline::{Closed, Opened, Step, Written};

/// One value a block carries, and where (byte range in the page file).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fact {
    value: String,
    at: Range<usize>,
}

/// A link or image of a block: its target, the text it shows, and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InlineLink {
    pub(crate) target: String,
    pub(crate) text: String,
    pub(crate) at: Range<usize>,
}

/// One block of a page: a translation unit.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// What it is, for alignment: "heading 2", "paragraph", "list item", "table cell
    /// (row 2, column 1)", "code block", prefixed "quoted " inside a block quote.
    pub(crate) kind: Cow<'static, str>,
    /// Byte range in the page file.
    pub(crate) at: Range<usize>,
    /// Its text with inline Markdown, whitespace folded: what a review seals and shows.
    pub(crate) text: String,
    numbers: Vec<Fact>,
    /// Month numbers of dates written with the locale's month names.
    months: Vec<Fact>,
    pub(crate) links: Vec<InlineLink>,
    code: Vec<Fact>,
    emphasis: usize,
    strong: usize,
    facts: Vec<Fact>,
    /// The typed text outside code, for bracket balance.
    plain: String,
    /// The block as the translation-QA checks read it: its words, with code spans and
    /// facts as placeables, mapped back to the page file.
    pub unit: Located,
}

impl Block {
    fn new(kind: Cow<'static, str>, at: Range<usize>) -> Block {
        // The texts are written out of the block's Markdown, seldom longer than it: sized
        // once instead of grown word by word.
        let size = at.len();
        Block {
            kind,
            at,
            text: String::with_capacity(size),
            numbers: Vec::new(),
            months: Vec::new(),
            links: Vec::new(),
            code: Vec::new(),
            emphasis: 0,
            strong: 0,
            facts: Vec::new(),
            plain: String::with_capacity(size),
            unit: Located::with_capacity(size),
        }
    }
}

/// The blocks of a page text in document order, from the outline its one parse recorded
/// at load. `months` are the twelve month names of the text's language
/// ([`crate::util::intl::LocaleFormats::month_names`]), so "11 april 2017" and "2017년 4월
/// 11일" both carry the numbers 11 and 2017 and the month 4.
pub(crate) fn blocks(text: &PageContent, months: &Months) -> Vec<Block> {
    let body = &text.text[text.body_start..];
    let base = text.body_start;
    let outline = &text.outline;
    // Sized once: a block at most per opened tag.
    let opened = outline
        .steps
        .iter()
        .filter(|step| matches!(step, Step::Open(..)))
        .count();
    let mut found: Vec<Block> = Vec::with_capacity(opened);
    // Per open tag: the block it opened, if any.
    let mut open: Vec<Option<usize>> = Vec::with_capacity(opened);
    // Raw text ranges (body offsets) per block, read for numbers and facts at the end.
    let mut spans: Vec<Vec<Range<usize>>> = Vec::with_capacity(opened);
    let mut quotes = 0usize;
    let mut in_item = 0usize;
    let (mut row, mut column) = (0usize, 0usize);
    let mut link_starts: Vec<(usize, usize)> = Vec::new();
    for step in &outline.steps {
        let current = open.iter().rev().find_map(|b| *b);
        let prefix = if quotes > 0 { "quoted " } else { "" };
        match *step {
            Step::Open(tag, at) => {
                let range = at.range();
                // Named without a copy but where a quote or a table cell needs one.
                let named = |kind: &'static str| -> Cow<'static, str> {
                    if prefix.is_empty() {
                        Cow::Borrowed(kind)
                    } else {
                        Cow::Owned(format!("{prefix}{kind}"))
                    }
                };
                let kind = match tag {
                    Opened::Heading(level) => Some(named(
                        [
                            "heading 1",
                            "heading 2",
                            "heading 3",
                            "heading 4",
                            "heading 5",
                            "heading 6",
                        ][usize::from(level.clamp(1, 6)) - 1],
                    )),
                    Opened::Paragraph if in_item == 0 || current.is_none() => {
                        Some(named("paragraph"))
                    }
                    Opened::Item => Some(named("list item")),
                    Opened::TableCell => {
                        column += 1;
                        Some(Cow::Owned(table_cell_kind(prefix, row, column)))
                    }
                    Opened::CodeBlock => Some(named("code block")),
                    Opened::HtmlBlock => Some(named("HTML block")),
                    _ => None,
                };
                match tag {
                    Opened::BlockQuote => quotes += 1,
                    Opened::Item => in_item += 1,
                    Opened::TableHead | Opened::TableRow => {
                        row += 1;
                        column = 0;
                    }
                    Opened::Table => row = 0,
                    Opened::Emphasis => {
                        if let Some(b) = current {
                            found[b].emphasis += 1;
                            found[b].text.push('*');
                        }
                    }
                    Opened::Strong => {
                        if let Some(b) = current {
                            found[b].strong += 1;
                            found[b].text.push_str("**");
                        }
                    }
                    Opened::Strikethrough => {
                        if let Some(b) = current {
                            found[b].text.push_str("~~");
                        }
                    }
                    Opened::Link(dest_url) | Opened::Image(dest_url) => {
                        if let Some(b) = current {
                            let image = matches!(tag, Opened::Image(_));
                            let dest_url = outline.owned(dest_url);
                            let target = if image {
                                format!("image {dest_url}")
                            } else {
                                dest_url.to_string()
                            };
                            found[b].text.push_str(if image { "![" } else { "[" });
                            found[b].links.push(InlineLink {
                                target,
                                text: String::new(),
                                at: base + range.start..base + range.end,
                            });
                            link_starts.push((b, found[b].text.len()));
                        }
                    }
                    _ => {}
                }
                match kind {
                    Some(kind) => {
                        found.push(Block::new(kind, base + range.start..base + range.end));
                        spans.push(Vec::new());
                        open.push(Some(found.len() - 1));
                    }
                    None => open.push(None),
                }
            }
            Step::Close(end) => {
                open.pop();
                match end {
                    Closed::BlockQuote => quotes = quotes.saturating_sub(1),
                    Closed::Item => in_item = in_item.saturating_sub(1),
                    Closed::Emphasis => push_text(&mut found, current, "*"),
                    Closed::Strong => push_text(&mut found, current, "**"),
                    Closed::Strikethrough => push_text(&mut found, current, "~~"),
                    Closed::Link => {
                        if let Some((b, start)) = link_starts.pop() {
                            let shown = found[b].text[start..].to_string();
                            if let Some(link) = found[b].links.last_mut() {
                                link.text = shown.trim().to_string();
                                let target = link.target.trim_start_matches("image ").to_string();
                                found[b].text.push_str(&format!("]({target})"));
                            }
                        }
                    }
                    Closed::Other => {}
                }
            }
            Step::Text { at, written, typed } => {
                if let Some(b) = current {
                    let range = at.range();
                    let value = outline.text(body, at, written);
                    found[b].text.push_str(value);
                    found[b].plain.push_str(value);
                    if typed {
                        found[b].unit.push_text(value, base + range.start);
                    } else {
                        found[b].unit.push_placeable(value, base + range.start);
                    }
                    if written == Written::InBody {
                        spans[b].push(range);
                    }
                }
            }
            Step::Code { at, code } => {
                if let Some(b) = current {
                    let range = at.range();
                    let value = outline.owned(code);
                    found[b].text.push_str(&format!("`{value}`"));
                    found[b]
                        .unit
                        .push_placeable(&format!("`{value}`"), base + range.start);
                    found[b].code.push(Fact {
                        value: value.to_string(),
                        at: base + range.start..base + range.end,
                    });
                }
            }
            Step::Break(at) => {
                push_text(&mut found, current, " ");
                if let Some(b) = current {
                    found[b].unit.push_text(" ", base + at.range().start);
                }
            }
        }
    }
    for (block, ranges) in found.iter_mut().zip(spans) {
        fold_in_place(&mut block.text);
        let facts: Vec<Range<usize>> = fact_placeables(&block.unit.text)
            .into_iter()
            .map(|(range, _)| range)
            .collect();
        for range in facts {
            block.unit.mark_placeable(range);
        }
        for range in merge(&ranges) {
            read_values(block, &body[range.clone()], base + range.start, months);
        }
    }
    found
}

/// `{prefix}table cell (row {row}, column {column})`, written without the formatting
/// machinery: a page has a kind per table cell, and `format!` cost more than the rest of
/// naming it.
fn table_cell_kind(prefix: &str, row: usize, column: usize) -> String {
    let mut number = itoa::Buffer::new();
    let mut kind = String::with_capacity(prefix.len() + 40);
    kind.push_str(prefix);
    kind.push_str("table cell (row ");
    kind.push_str(number.format(row));
    kind.push_str(", column ");
    kind.push_str(number.format(column));
    kind.push(')');
    kind
}

fn push_text(found: &mut [Block], current: Option<usize>, text: &str) {
    if let Some(b) = current {
        found[b].text.push_str(text);
    }
}

/// Adjacent ranges joined, so a fact placeable split over several text events reads whole.
fn merge(ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges.iter().cloned() {
        match merged.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => merged.push(range),
        }
    }
    merged
}

/// No month names, for a locale without them.
static NO_MONTHS: Months = Months {
    names: Vec::new(),
    any: None,
    any_ascii_case: None,
};

/// A language's month names, lowercased, with their month number, and one automaton over
/// all of them: most runs of text name no month, and one pass tells.
#[derive(Debug)]
pub(crate) struct Months {
    names: Vec<(String, usize)>,
    any: Option<AhoCorasick>,
    /// The same, ignoring ASCII case.
    any_ascii_case: Option<AhoCorasick>,
}

impl Months {
    /// The twelve month names of a language ([`crate::util::intl::LocaleFormats::month_names`]).
    pub(crate) fn new(names: &[String]) -> Months {
        let names: Vec<(String, usize)> = names
            .iter()
            .enumerate()
            .map(|(index, name)| (name.to_lowercase(), index + 1))
            .filter(|(name, _)| !name.is_empty())
            .collect();
        let any = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(names.iter().map(|(name, _)| name))
            .ok();
        let any_ascii_case = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(names.iter().map(|(name, _)| name))
            .ok();
        Months {
            names,
            any,
            any_ascii_case,
        }
    }

    /// Whether `lower` may name a month (never false when it does).
    fn may_occur(&self, lower: &str) -> bool {
        !self.names.is_empty() && self.any.as_ref().is_none_or(|any| any.is_match(lower))
    }

    /// Whether `text`, lowercased, may name a month (never false when it does), without
    /// lowercasing it when no character of it changes but ASCII ones: the automaton
    /// then reads the text ignoring ASCII case.
    fn may_occur_in(&self, text: &str) -> bool {
        if self.names.is_empty() {
            return false;
        }
        let lowercase_is_ascii = text.chars().all(|c| {
            c.is_ascii()
                || ('\u{ac00}'..='\u{d7a3}').contains(&c)
                || c.to_lowercase().eq(std::iter::once(c))
        });
        match (&self.any_ascii_case, lowercase_is_ascii) {
            (Some(any), true) => any.is_match(text),
            _ => true,
        }
    }
}

/// Facts, month names and numbers of one run of typed text at file offset `at`.
fn read_values(block: &mut Block, raw: &str, at: usize, months: &Months) {
    // Most runs place no fact and name no month: then the numbers are read from the text
    // as it is, without a blanked copy.
    let facts = fact_placeables(raw);
    if facts.is_empty() && !months.may_occur_in(raw) {
        push_numbers(block, raw, at);
        return;
    }
    let mut blanked: Vec<u8> = raw.as_bytes().to_vec();
    let blank = |range: Range<usize>, blanked: &mut Vec<u8>| {
        for byte in &mut blanked[range] {
            *byte = b' ';
        }
    };
    for (range, path) in facts {
        block.facts.push(Fact {
            value: path.to_string(),
            at: at + range.start..at + range.end,
        });
        blank(range, &mut blanked);
    }
    // Blanking whole placeables (ASCII spaces for whole characters) keeps the text UTF-8.
    let text = String::from_utf8(blanked.clone()).unwrap_or_else(|_| raw.to_string());
    let lower = text.to_lowercase();
    if lower.len() == text.len() && months.may_occur(&lower) {
        for (name, month) in &months.names {
            let mut from = 0;
            while let Some(found) = lower[from..].find(name.as_str()).map(|f| from + f) {
                let end = found + name.len();
                from = end;
                let before = lower[..found].chars().next_back();
                let after = lower[end..].chars().next();
                let numeric = name.starts_with(|c: char| c.is_ascii_digit());
                let bounded = if numeric {
                    !before.is_some_and(|c| c.is_ascii_digit())
                } else {
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                };
                if !bounded {
                    continue;
                }
                block.months.push(Fact {
                    value: month.to_string(),
                    at: at + found..at + end,
                });
                if numeric {
                    blank(found..end, &mut blanked);
                }
            }
        }
    }
    let text = String::from_utf8(blanked).unwrap_or_else(|_| raw.to_string());
    push_numbers(block, &text, at);
}

/// The digit runs of `text` (at file offset `at`) as the block's numbers.
fn push_numbers(block: &mut Block, text: &str, at: usize) {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    for (offset, digits) in digit_runs(text) {
        block.numbers.push(Fact {
            value: digits,
            at: at + offset..at + offset + 1,
        });
    }
}

/// Heading attributes the Markdown renderer left out of every text of a page (only a plain
/// `{#id}` and `{.class}` are kept: anything else could carry script).
fn dropped_attributes(page: &Page) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (tag, text) in &page.texts {
        let Some(content) = text.content_read() else {
            continue;
        };
        for (offset, attribute) in &content.dropped {
            let at = content.body_start + offset;
            problems.push(
                Diagnostic::warning(
                    Code::PageError,
                    &text.file,
                    format!("heading attribute `{attribute}` is left out"),
                )
                .at_span(&content.text, at..at + 1)
                .locale(tag)
                .help("headings take only `{#id}` and `{.class}` made of letters, digits, `-`, `_`, `.` and `:`"),
            );
        }
    }
    problems
}

/// What the page checks need besides the page: the locales, their review locks, and per
/// translated locale the translation-QA settings and knowledge. Built once per check.
pub struct PageChecks<'a> {
    pub locales: &'a Locales,
    pub locks: &'a BTreeMap<String, ReviewLock>,
    qa: BTreeMap<String, LocaleChecks<'a>>,
    /// The month names of every locale, matched once per check rather than per page.
    months: BTreeMap<String, Months>,
}

/// The translation QA of one translated locale.
#[derive(Debug)]
struct LocaleChecks<'a> {
    /// How loud each QA check is here, `None` when it is off.
    levels: BTreeMap<Code, Option<Severity>>,
    rules: Rules<'a>,
    /// Protected names of the source locale and this one (term values).
    names: Vec<String>,
    /// Plain-text source messages by text: id and translation (see
    /// [`crate::check::messages::link_texts`]).
    link_texts: BTreeMap<String, (String, String)>,
    /// Names both locales write alike, which a translated block says as its source does.
    shared_names: Names,
}

/// Product and brand names a page types as they are: the term values that the source
/// locale and the translated one write alike ("Exchange", "Office 365"). A translated
/// block must say each name its source block says, and no name its source does not: a
/// name typed over by another ("roadmap for Exchange" that became "… for Office") is a
/// page misstating what it is about, which no number or placeable shows.
#[derive(Debug)]
struct Names {
    values: Vec<String>,
    finder: Option<AhoCorasick>,
}

impl Names {
    fn shared(
        source: &crate::load::locales::Locale,
        target: &crate::load::locales::Locale,
    ) -> Names {
        let value = |term: &crate::load::fluent::Written<crate::load::fluent::Term>| {
            crate::load::fluent::texts(&term.entry.value)
                .concat()
                .trim()
                .to_string()
        };
        let translated = crate::load::fluent::terms(target);
        let mut values: Vec<String> = crate::load::fluent::terms(source)
            .iter()
            .filter_map(|(id, term)| {
                let name = value(term);
                // A name starts with a capital and is written alike in both locales;
                // a term the locale translates ("Mailbox", "Postvak") is a word.
                let alike = translated.get(id).is_some_and(|other| value(other) == name);
                (alike
                    && name.chars().count() >= 2
                    && name.chars().next().is_some_and(char::is_uppercase))
                .then_some(name)
            })
            .collect();
        values.sort();
        values.dedup();
        let finder = (!values.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&values)
                    .ok()
            })
            .flatten();
        Names { values, finder }
    }

    /// The names `text` says, each with where: overlapping ones resolved to the longest
    /// that starts first ("Exchange Online" is not also "Exchange"), each standing as a
    /// word of its own (not "Exchanges", not "MyOffice").
    fn said(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let word = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphanumeric);
        let mut found: Vec<(usize, Range<usize>)> = finder
            .find_overlapping_iter(text)
            .filter(|m| (m.start() == 0 || !word(m.start() - 1)) && !word(m.end()))
            .map(|m| (m.pattern().as_usize(), m.range()))
            .collect();
        found.sort_by_key(|(_, at)| (at.start, std::cmp::Reverse(at.end)));
        let mut kept: Vec<(usize, Range<usize>)> = Vec::with_capacity(found.len());
        for (name, at) in found {
            if kept.last().is_none_or(|(_, last)| at.start >= last.end) {
                kept.push((name, at));
            }
        }
        kept
    }
}

impl<'a> PageChecks<'a> {
    pub fn new(
        locales: &'a Locales,
        locks: &'a BTreeMap<String, ReviewLock>,
        resources: &'a QaResources,
        config: &Config,
    ) -> PageChecks<'a> {
        let source = locales.source();
        let source_names = term_names(source);
        let qa = locales
            .list
            .iter()
            .skip(1)
            .map(|locale| {
                let mut names = source_names.clone();
                names.extend(term_names(locale));
                let levels = crate::check::qa::messages::levels(config, &locale.tag);
                let (source_qa, target_qa) =
                    (resources.get(&source.tag), resources.get(&locale.tag));
                // The built-in word lists of the pair are compiled only for a locale that
                // runs a QA check (a tenth of a second of a build otherwise spent for none).
                let rules = if levels.values().any(Option::is_some) {
                    Rules::for_pair(&source.tag, &locale.tag, source_qa, target_qa)
                } else {
                    Rules {
                        source: source_qa,
                        target: target_qa,
                        languages: None,
                    }
                };
                let checks = LocaleChecks {
                    levels,
                    rules,
                    names,
                    link_texts: crate::check::messages::link_texts(locales, locale),
                    shared_names: Names::shared(source, locale),
                };
                (locale.tag.clone(), checks)
            })
            .collect();
        let months = locales
            .list
            .iter()
            .map(|locale| {
                (
                    locale.tag.clone(),
                    Months::new(locale.formats.month_names()),
                )
            })
            .collect();
        PageChecks {
            locales,
            locks,
            qa,
            months,
        }
    }

    /// The checks of a loaded site.
    pub fn of(site: &'a Site) -> PageChecks<'a> {
        PageChecks::new(&site.locales, &site.locks, &site.qa, &site.config)
    }

    /// A fingerprint of everything but the page and its seals that the findings depend
    /// on (QA levels, glossaries and rules, names, message texts of links), for a build
    /// to know when a page's recorded findings still hold.
    pub(crate) fn fingerprint(&self) -> crate::util::digest::Digest {
        let mut print = Fingerprint::new();
        for (tag, checks) in &self.qa {
            print.add(tag);
            checks.add_to(&mut print);
        }
        print.finish()
    }
}

impl LocaleChecks<'_> {
    /// Adds everything the findings depend on, field by field: a fingerprint made of
    /// `Debug` text would change with the text's layout, not only with the settings.
    fn add_to(&self, print: &mut Fingerprint) {
        print.add(self.levels.len().to_le_bytes());
        for (code, level) in &self.levels {
            print.add(code.as_str()).add(match level {
                None => "off",
                Some(Severity::Error) => "error",
                Some(Severity::Warning) => "warning",
            });
        }
        for qa in [self.rules.source, self.rules.target] {
            let Some(qa) = qa else {
                print.add("none");
                continue;
            };
            print.add(qa.glossary.len().to_le_bytes());
            for entry in &qa.glossary {
                print.add(&entry.term).add(entry.source.as_str());
                add_list(print, entry.targets.iter().map(String::as_str));
                add_list(print, entry.target_patterns.iter().map(Regex::as_str));
                print.add(entry.forbidden.len().to_le_bytes());
                for (text, pattern) in &entry.forbidden {
                    print.add(text).add(pattern.as_str());
                }
                add_optional(print, entry.note.as_deref());
            }
            print.add(qa.patterns.len().to_le_bytes());
            for rule in &qa.patterns {
                print
                    .add(&rule.id)
                    .add(rule.pattern.as_str())
                    .add(&rule.message);
                add_optional(print, rule.help.as_deref());
            }
            add_list(print, qa.negation.iter().map(Regex::as_str));
            print.add(qa.number_words.len().to_le_bytes());
            for (pattern, magnitude) in &qa.number_words {
                print.add(pattern.as_str()).add(magnitude.to_le_bytes());
            }
        }
        add_list(print, self.names.iter().map(String::as_str));
        add_list(print, self.shared_names.values.iter().map(String::as_str));
        print.add(self.link_texts.len().to_le_bytes());
        for (text, (id, translation)) in &self.link_texts {
            print.add(text).add(id).add(translation);
        }
    }
}

fn add_optional(print: &mut Fingerprint, text: Option<&str>) {
    match text {
        Some(text) => print.add([1]).add(text),
        None => print.add([0]),
    };
}

/// Adds a list with its length, so `["a"], ["b"]` and `["a", "b"], []` differ.
fn add_list<'s>(print: &mut Fingerprint, items: impl ExactSizeIterator<Item = &'s str>) {
    print.add(items.len().to_le_bytes());
    for item in items {
        print.add(item);
    }
}

/// The findings of one page, whose texts' check a build can reuse while the texts, the
/// page's seals and the [`PageChecks::fingerprint`] are unchanged.
pub fn check_page(page: &Page, checks: &PageChecks) -> Vec<Diagnostic> {
    check_page_segments(page, checks).0
}

/// As [`check_page`], with the page's segments for the locale-wide inconsistency check
/// ([`inconsistency::check`]), reusable as its findings are.
pub fn check_page_segments(
    page: &Page,
    checks: &PageChecks,
) -> (Vec<Diagnostic>, Vec<FileSegments>) {
    let locales = checks.locales;
    let mut problems = dropped_attributes(page);
    let mut segments = Vec::new();
    let source_tag = locales.source().tag.as_str();
    // The checks read no files: a page is checked once its texts are read (a text that
    // could not be read was reported then).
    let Some((source, source_read)) = page
        .texts
        .get(source_tag)
        .and_then(|text| Some((text, text.content_read()?)))
    else {
        return (problems, segments);
    };
    let months = |tag: &str| checks.months.get(tag).unwrap_or(&NO_MONTHS);
    let source_blocks = blocks(source_read, months(source_tag));
    let page_id = format!("page:{}", page.slug);
    for locale in locales.list.iter().skip(1) {
        let tag = locale.tag.as_str();
        let Some(translation) = page.texts.get(tag) else {
            if source.has_prose() {
                problems.push(
                    Diagnostic::warning(
                        Code::MissingPage,
                        &source.file,
                        format!(
                            "page `{}` has no `{tag}` translation; the source text is shown instead",
                            page.slug
                        ),
                    )
                    .locale(tag)
                    .id(&page_id)
                    .help(format!(
                        "translate it into {}",
                        crate::render::translated_page_file(&source.file, tag).display()
                    )),
                );
            }
            continue;
        };
        let Some(translation_read) = translation.content_read() else {
            continue;
        };
        let translated = blocks(translation_read, months(tag));
        let pair = PagePair {
            source,
            source_text: &source_read.text,
            translation,
            translation_text: &translation_read.text,
            source_tag,
            tag,
            page_id: &page_id,
            qa: checks.qa.get(tag),
        };
        let aligned = pair.structure(&source_blocks, &translated, &mut problems);
        for (index, (wanted, found)) in source_blocks
            .iter()
            .zip(&translated)
            .enumerate()
            .take(aligned)
        {
            pair.compare_blocks(index, wanted, found, &mut problems);
        }
        let empty = ReviewLock::default();
        let lock = checks.locks.get(tag).unwrap_or(&empty);
        let source_file = slash(&source.file);
        let seals = lock.pages.get(&source_file);
        let front_seals = lock.front.get(&source_file);
        let front = front_pairs(
            source,
            &source_read.text,
            translation,
            &translation_read.text,
        );
        for (key, wanted, found) in &front {
            pair.compare_front(
                key,
                (wanted, months(source_tag)),
                (found, months(tag)),
                &mut problems,
            );
        }
        let command = format!("stele review --locale {tag} --page {}", page.slug);
        // The front matter values first (they come first in the file), then the blocks.
        let units = front
            .iter()
            .map(|(key, wanted, found)| ReviewUnit {
                label: UnitLabel::Front(key),
                at: found.file_span(&(0..1)).start,
                seal: front_seals.and_then(|seals| seals.get(*key)),
                source: &wanted.text,
                translation: &found.text,
            })
            .chain(source_blocks.iter().zip(&translated).enumerate().map(
                |(index, (wanted, found))| {
                    ReviewUnit {
                        label: UnitLabel::Block(index, &found.kind),
                        at: found.at.start,
                        seal: seals
                            .and_then(|seals| seals.get(index))
                            .and_then(Option::as_ref),
                        source: &wanted.text,
                        translation: &found.text,
                    }
                },
            ));
        let mut states = Vec::with_capacity(front.len() + aligned);
        // Never-reviewed units make one finding per page, at the first of them: a page
        // nobody reviewed would otherwise bring a warning per paragraph (480,000 at 30,000
        // pages), and its review is one command for the whole page anyway.
        let mut unreviewed = Vec::new();
        for unit in units {
            let state = review::unit_state(unit.seal, unit.source, unit.translation);
            states.push(state);
            if state == State::Unreviewed {
                unreviewed.push(unit);
                continue;
            }
            // A unit reviewed as it is has nothing to say: its name is not even made.
            if state == State::Translated {
                continue;
            }
            if let Some((code, message, help)) = review::review_problem(
                state,
                &unit.label.name(&page.slug),
                unit.seal,
                unit.source,
                &command,
            ) {
                problems.push(
                    Diagnostic::warning(code, &translation.file, message)
                        .at_span(&translation_read.text, unit.at..unit.at + 1)
                        .locale(tag)
                        .id(&page_id)
                        .help(help),
                );
            }
        }
        if let Some(first) = unreviewed.first() {
            let first_name = first.label.name(&page.slug);
            let name = match unreviewed.len() {
                1 => first_name,
                count => format!(
                    "`{}` ({count} units; the first: {})",
                    page.slug,
                    first_name.replace(&format!(" of `{}`", page.slug), "")
                ),
            };
            if let Some((code, message, help)) =
                review::review_problem(State::Unreviewed, &name, first.seal, first.source, &command)
            {
                problems.push(
                    Diagnostic::warning(code, &translation.file, message)
                        .at_span(&translation_read.text, first.at..first.at + 1)
                        .locale(tag)
                        .id(&page_id)
                        .help(help),
                );
            }
        }
        let (front_states, block_states) = states.split_at(front.len());
        pair.quality(
            &front,
            front_states,
            &source_blocks[..aligned],
            &translated[..aligned],
            block_states,
            (&mut problems, &mut segments),
        );
    }
    (problems, segments)
}

/// A page file as the lock names it: `/`-separated, relative to the site root.
fn slash(file: &std::path::Path) -> String {
    crate::load::discover::slash_path(file)
}

/// A source page and one translation of it.
struct PagePair<'a> {
    source: &'a PageText,
    /// The whole source file.
    source_text: &'a str,
    translation: &'a PageText,
    /// The whole translated file.
    translation_text: &'a str,
    source_tag: &'a str,
    tag: &'a str,
    page_id: &'a str,
    /// The locale's translation QA; none in a locale the site does not translate.
    qa: Option<&'a LocaleChecks<'a>>,
}

impl PagePair<'_> {
    fn problem(&self, code: Code, at: Range<usize>, message: String, help: String) -> Diagnostic {
        Diagnostic::error(code, &self.translation.file, message)
            .at_span(self.translation_text, at)
            .locale(self.tag)
            .id(self.page_id)
            .help(help)
    }

    /// Reports the first block where the two structures differ; returns how many blocks
    /// align before it.
    fn structure(
        &self,
        wanted: &[Block],
        found: &[Block],
        problems: &mut Vec<Diagnostic>,
    ) -> usize {
        let source_file = self.source.file.display();
        for index in 0..wanted.len().max(found.len()) {
            let (message, at) = match (wanted.get(index), found.get(index)) {
                (Some(w), Some(f)) if w.kind == f.kind => continue,
                (Some(w), Some(f)) => (
                    format!(
                        "block {} is a {} here but a {} in the source ({source_file}:{})",
                        index + 1,
                        f.kind,
                        w.kind,
                        line_of(self.source_text, w.at.start)
                    ),
                    f.at.clone(),
                ),
                (Some(w), None) => (
                    format!(
                        "the page ends after {} blocks; the source goes on with a {} ({source_file}:{})",
                        found.len(),
                        w.kind,
                        line_of(self.source_text, w.at.start)
                    ),
                    found.last().map(|f| f.at.clone()).unwrap_or(0..0),
                ),
                (None, Some(f)) => (
                    format!(
                        "block {} (a {}) is not in the source, which has {} blocks",
                        index + 1,
                        f.kind,
                        wanted.len()
                    ),
                    f.at.clone(),
                ),
                (None, None) => break,
            };
            let at = at.start..at.start + 1;
            problems.push(self.problem(
                Code::PageDrift,
                at,
                message,
                format!(
                    "a translated page keeps its source's blocks (headings, paragraphs, list items, table cells, code blocks) in the same order; match {source_file}"
                ),
            ));
            return index;
        }
        wanted.len()
    }

    fn compare_blocks(
        &self,
        index: usize,
        wanted: &Block,
        found: &Block,
        problems: &mut Vec<Diagnostic>,
    ) {
        // Named only in a finding: most block pairs have none, and the line number scans
        // the file.
        let block = || format!("block {} ({})", index + 1, found.kind);
        let source_at = || {
            format!(
                "{}:{}",
                self.source.file.display(),
                line_of(self.source_text, wanted.at.start)
            )
        };
        let facts_differ = compare_values(&wanted.facts, &found.facts, found.at.start);
        if let Some((at, message)) = facts_differ.clone() {
            problems.push(self.problem(
                Code::VariableMismatch,
                at,
                format!(
                    "the facts of {} differ from the source ({}): {message}",
                    block(),
                    source_at()
                ),
                format!(
                    "place the same facts as the source: {}",
                    wanted
                        .facts
                        .iter()
                        .map(|f| format!("{{{{ fact(\"{}\") }}}}", f.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        // A fact typed out instead of placed is reported as that (and as a literal fact),
        // not again as the numbers it brought.
        if facts_differ.is_none() {
            if let Some((at, message)) = compare_numbers(
                (&wanted.numbers, &wanted.unit, self.source_tag),
                (&found.numbers, &found.unit, self.tag),
                found.at.start,
            ) {
                problems.push(self.problem(
                Code::PageDrift,
                at,
                format!("the numbers of {} differ from the source ({}): {message}", block(), source_at()),
                "numbers and dates come from the source; write a fact placeable `{{ fact(\"path\") }}` for a value from data".to_string(),
            ));
            }
            if let Some((at, message)) =
                compare_values(&wanted.months, &found.months, found.at.start)
            {
                problems.push(self.problem(
                Code::PageDrift,
                at,
                format!("the months of the dates in {} differ from the source ({}): {message}", block(), source_at()),
                "write the date the source writes, or place it from data with `{{ fact(\"path\") }}`".to_string(),
            ));
            }
        }
        let same_targets = wanted.links.len() == found.links.len()
            && wanted
                .links
                .iter()
                .zip(&found.links)
                .all(|(w, f)| w.target == f.target);
        if !same_targets {
            let wanted_targets: Vec<&str> =
                wanted.links.iter().map(|l| l.target.as_str()).collect();
            let found_targets: Vec<&str> = found.links.iter().map(|l| l.target.as_str()).collect();
            let first = (0..wanted_targets.len().max(found_targets.len()))
                .find(|&i| wanted_targets.get(i) != found_targets.get(i))
                .unwrap_or(0);
            let at = found
                .links
                .get(first)
                .map(|l| l.at.clone())
                .unwrap_or(found.at.clone());
            problems.push(
                self.problem(
                    Code::PageDrift,
                    at.start..at.start + 1,
                    format!(
                        "the link targets of {} differ from the source ({}): {} here, {} there",
                        block(),
                        source_at(),
                        quote_list(&found_targets),
                        quote_list(&wanted_targets)
                    ),
                    "keep every link of the source, in its order, with its target unchanged"
                        .to_string(),
                ),
            );
        }
        // Blocks without links or code spans differ in markup only by their counts of
        // emphasis and brackets: most pairs are settled without building the markup.
        let plain_markup = wanted.links.is_empty()
            && found.links.is_empty()
            && wanted.code.is_empty()
            && found.code.is_empty()
            && wanted.emphasis == found.emphasis
            && wanted.strong == found.strong
            && balance(&wanted.plain) == balance(&found.plain);
        let mut what = if wanted.kind.ends_with("code block") || plain_markup {
            Vec::new()
        } else {
            differences(&wanted.markup(), &found.markup(), false)
        };
        let mut link_at = None;
        if let Some(qa) = self.qa {
            for (index, link) in wanted.links.iter().enumerate() {
                let Some((id, expected)) = qa.link_texts.get(&folded(&link.text)) else {
                    continue;
                };
                let Some(shown) = found.links.get(index) else {
                    continue;
                };
                if folded(&shown.text) != *expected && !shown.text.is_empty() {
                    what.push(format!(
                        "shows \"{}\" as the text of link {} where the source shows the message `{id}`, whose translation is \"{expected}\"",
                        folded(&shown.text),
                        index + 1
                    ));
                    link_at.get_or_insert(shown.at.start);
                }
            }
        }
        if let Some(qa) = self.qa
            && let Some(problem) = self.names_differ(&qa.shared_names, wanted, found)
        {
            problems.push(problem(&block(), &source_at()));
        }
        if !what.is_empty() {
            let at = found
                .links
                .iter()
                .find(|link| link.text.is_empty())
                .map(|link| link.at.start)
                .or(link_at)
                .unwrap_or(found.at.start);
            problems.push(self.problem(
                Code::MarkupMismatch,
                at..at + 1,
                format!("{} {} ({})", block(), what.join("; "), source_at()),
                "keep the source's inline Markdown: every `[text](target)` link with its text, code spans and emphasis".to_string(),
            ));
        }
    }
}

impl PagePair<'_> {
    /// The first name (see [`Names`]) the translated block leaves out or adds, as a warning
    /// to be told which block and where its source is: a translator may drop a name said
    /// twice in a row, never one the block says once.
    fn names_differ(
        &self,
        names: &Names,
        wanted: &Block,
        found: &Block,
    ) -> Option<impl FnOnce(&str, &str) -> Diagnostic> {
        names.finder.as_ref()?;
        let said = names.said(self.source_text.get(wanted.at.clone())?);
        let says = names.said(self.translation_text.get(found.at.clone())?);
        let count = |list: &[(usize, Range<usize>)], name: usize| {
            list.iter().filter(|(n, _)| *n == name).count()
        };
        let (message, at) =
            if let Some((name, _)) = said.iter().find(|(name, _)| count(&says, *name) == 0) {
                (
                    format!(
                        "does not say \"{}\", which the source says",
                        names.values[*name]
                    ),
                    found.at.start..found.at.start + 1,
                )
            } else {
                let (name, at) = says.iter().find(|(name, _)| count(&said, *name) == 0)?;
                (
                    format!(
                        "says \"{}\", which the source does not",
                        names.values[*name]
                    ),
                    found.at.start + at.start..found.at.start + at.end,
                )
            };
        Some(move |block: &str, source_at: &str| {
            let mut problem = self.problem(
                Code::TermMismatch,
                at,
                format!("{block} {message} ({source_at})"),
                "product names are facts of the page: say each name the source block says, as it is written, and no other"
                    .to_string(),
            );
            problem.severity = Severity::Warning;
            problem
        })
    }

    /// The numbers and the months of dates of a front matter value (`title`,
    /// `description`), compared as an aligned block's are: a year changed in a
    /// description misstates the page in every search result that shows it.
    fn compare_front(
        &self,
        key: &str,
        (wanted, source_months): (&Located, &Months),
        (found, found_months): (&Located, &Months),
        problems: &mut Vec<Diagnostic>,
    ) {
        let wanted_values = front_values(wanted, source_months);
        let found_values = front_values(found, found_months);
        let start = found.file_span(&(0..1)).start;
        let source_at = || {
            format!(
                "{}:{}",
                self.source.file.display(),
                line_of(self.source_text, wanted.file_span(&(0..1)).start)
            )
        };
        if let Some((at, message)) = compare_numbers(
            (&wanted_values.numbers, wanted, self.source_tag),
            (&found_values.numbers, found, self.tag),
            start,
        ) {
            problems.push(self.problem(
                Code::PageDrift,
                at,
                format!("the numbers of the `{key}` differ from the source ({}): {message}", source_at()),
                format!("write the numbers the source's `{key}` has; a value from data goes in as `{{{{ fact(\"path\") }}}}`"),
            ));
        }
        if let Some((at, message)) =
            compare_values(&wanted_values.months, &found_values.months, start)
        {
            problems.push(self.problem(
                Code::PageDrift,
                at,
                format!("the months of the dates in the `{key}` differ from the source ({}): {message}", source_at()),
                format!("write the date the source's `{key}` has, or place it from data with `{{{{ fact(\"path\") }}}}`"),
            ));
        }
    }
}

/// The numbers, months and facts of a front matter value, each placed in the file.
fn front_values(unit: &Located, months: &Months) -> Block {
    let mut values = Block::new(Cow::Borrowed("front matter"), 0..unit.text.len());
    read_values(&mut values, &unit.text, 0, months);
    for fact in values
        .numbers
        .iter_mut()
        .chain(values.months.iter_mut())
        .chain(values.facts.iter_mut())
    {
        fact.at = unit.file_span(&fact.at);
    }
    values
}

impl PagePair<'_> {
    /// The translation-QA checks of every aligned block pair and of the front matter's
    /// `title` and `description`, each finding placed in the translated file; and, within
    /// the page, one source text translated two ways. A block whose source changed since
    /// its review waits for its translator: its findings are warnings.
    fn quality(
        &self,
        front: &[FrontPair],
        front_states: &[State],
        wanted: &[Block],
        found: &[Block],
        states: &[State],
        (problems, segments): (&mut Vec<Diagnostic>, &mut Vec<FileSegments>),
    ) {
        let Some(qa) = self.qa else {
            return;
        };
        if qa.levels.values().all(Option::is_none) {
            return;
        }
        let source_tag = self.source_tag;
        let mut units: Vec<(&Located, &Located, bool)> =
            Vec::with_capacity(front.len() + wanted.len());
        for (index, (_, source_unit, unit)) in front.iter().enumerate() {
            let stale = front_states.get(index) == Some(&State::Stale);
            units.push((source_unit, unit, stale));
        }
        for (index, (w, f)) in wanted.iter().zip(found).enumerate() {
            if w.kind.ends_with("code block") || w.kind.ends_with("HTML block") {
                continue;
            }
            let stale = states.get(index) == Some(&State::Stale);
            units.push((&w.unit, &f.unit, stale));
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut report = |unit: &Located, stale: bool, finding: Finding| {
            let Some(severity) = qa.levels.get(&finding.code).copied().flatten() else {
                return;
            };
            let span = unit.file_span(&finding.range);
            if !seen.insert((finding.code, span.start, finding.message.clone())) {
                return;
            }
            let diagnostic = match if stale { Severity::Warning } else { severity } {
                Severity::Error => {
                    Diagnostic::error(finding.code, &self.translation.file, finding.message)
                }
                Severity::Warning => {
                    Diagnostic::warning(finding.code, &self.translation.file, finding.message)
                }
            };
            problems.push(
                diagnostic
                    .at_span(self.translation_text, span)
                    .locale(self.tag)
                    .id(self.page_id)
                    .help(finding.help),
            );
        };
        let enabled = |code: Code| qa.levels.get(&code).copied().flatten().is_some();
        for (source_unit, unit, stale) in &units {
            let findings = check_unit(
                &Unit {
                    source: source_unit.side(source_tag),
                    translation: unit.side(self.tag),
                    names: &qa.names,
                },
                &qa.rules,
                enabled,
            );
            for finding in findings {
                report(unit, *stale, finding);
            }
        }
        if enabled(Code::Inconsistency) {
            let lines = LineIndex::new(self.translation_text);
            let mut file = FileSegments::new(self.tag, &self.translation.file, self.page_id);
            for (source_unit, unit, stale) in &units {
                file.add(
                    &source_unit.side(source_tag),
                    &unit.side(self.tag),
                    (&lines, unit.file_span(&whole(&unit.text)).start),
                    None,
                    *stale,
                );
            }
            segments.push(file);
        }
    }
}

/// One translation unit under review: what names it, where it starts in the translated
/// file, its seal, and the texts the seal is compared with.
struct ReviewUnit<'u> {
    label: UnitLabel<'u>,
    at: usize,
    seal: Option<&'u Seal>,
    source: &'u str,
    translation: &'u str,
}

/// What a review unit of a page is: a front matter value (by key) or a block (by index
/// and kind). Named only when a finding needs it.
enum UnitLabel<'u> {
    Front(&'static str),
    Block(usize, &'u str),
}

impl UnitLabel<'_> {
    fn name(&self, slug: &str) -> String {
        match self {
            UnitLabel::Front(key) => format!("the `{key}` of `{slug}`"),
            UnitLabel::Block(index, kind) => format!("block {} of `{slug}` ({kind})", index + 1),
        }
    }
}

/// A front matter value the source and its translation both have: key, source, translation.
type FrontPair = (&'static str, Located, Located);

/// The front matter values of `source` that `translation` translates, in the source's order.
fn front_pairs(
    source: &PageText,
    source_text: &str,
    translation: &PageText,
    translation_text: &str,
) -> Vec<FrontPair> {
    let mut translated = front_units(translation, translation_text);
    front_units(source, source_text)
        .into_iter()
        .filter_map(|(key, wanted)| {
            let at = translated.iter().position(|(k, _)| *k == key)?;
            Some((key, wanted, translated.swap_remove(at).1))
        })
        .collect()
}

/// The front matter values a translation translates (`title`, `description`), each as a
/// unit placed at its value in the file.
fn front_units(text: &PageText, whole: &str) -> Vec<(&'static str, Located)> {
    let mut units = Vec::new();
    for key in ["title", "description"] {
        let Some(node) = text.front.get_path(key) else {
            continue;
        };
        let crate::load::yaml::NodeValue::String(value) = &node.value else {
            continue;
        };
        let line_start = whole
            .split_inclusive('\n')
            .take((node.line as usize).saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let line = whole[line_start..].lines().next().unwrap_or("");
        let after_key = line.find(':').map_or(0, |colon| colon + 1);
        let mut unit = Located::default();
        match line[after_key..].find(value.as_str()) {
            Some(at) => unit.push_text(value, line_start + after_key + at),
            // A value written over several lines or with escapes: placed at its key.
            None => unit.push_unplaced(value, line_start),
        }
        let facts: Vec<Range<usize>> = fact_placeables(&unit.text)
            .into_iter()
            .map(|(range, _)| range)
            .collect();
        for range in facts {
            unit.mark_placeable(range);
        }
        units.push((key, unit));
    }
    units
}

impl Block {
    /// The block's inline markup, to compare as messages are compared.
    fn markup(&self) -> Markup {
        Markup {
            links: self
                .links
                .iter()
                .map(|link| crate::check::markup::Link {
                    target: link.target.clone(),
                    text: link.text.clone(),
                })
                .collect(),
            code: self.code.iter().map(|code| code.value.clone()).collect(),
            emphasis: self.emphasis,
            strong: self.strong,
            brackets: balance(&self.plain),
        }
    }
}

/// [`folded`] in place: most block texts are folded already and are kept as they are.
fn fold_in_place(text: &mut String) {
    if !is_folded(text) {
        *text = folded(text);
    }
}

/// Whether the text is folded already: single ASCII spaces between words, none at the
/// ends, and no other white space, which (but for ASCII controls) starts with one of the
/// lead bytes 0xC2, 0xE1, 0xE2 or 0xE3: told by bytes, without decoding.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Without an early exit, so that the compiler tests many bytes at once: a block text is
    // short, and most are folded (read to the end) anyway.
    let other_space = bytes.iter().fold(false, |found, b| {
        found | matches!(b, b'\t'..=b'\r' | 0xc2 | 0xe1 | 0xe2 | 0xe3)
    });
    bytes.first().is_none_or(|b| *b != b' ')
        && bytes.last().is_none_or(|b| *b != b' ')
        && memchr::memmem::find(bytes, b"  ").is_none()
        && !other_space
}

/// Text with its white space folded to single spaces, as link texts are compared.
fn folded(text: &str) -> String {
    if is_folded(text) {
        return text.to_string();
    }
    crate::util::markdown::collapse_whitespace(text)
}

fn quote_list(items: &[&str]) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The first difference between two value lists compared as multisets (word order may
/// move a number): where, in the translation, and what.
fn compare_values(
    wanted: &[Fact],
    found: &[Fact],
    block_start: usize,
) -> Option<(Range<usize>, String)> {
    let (unmatched, extra) = unmatched_values(wanted, found);
    value_difference(&unmatched, &extra, block_start)
}

/// The values of `wanted` that `found` lacks, and those of `found` not in `wanted`.
fn unmatched_values<'f>(wanted: &'f [Fact], found: &'f [Fact]) -> (Vec<&'f Fact>, Vec<&'f Fact>) {
    let mut unmatched: Vec<&Fact> = wanted.iter().collect();
    let mut extra: Vec<&Fact> = Vec::new();
    for fact in found {
        match unmatched.iter().position(|w| w.value == fact.value) {
            Some(index) => {
                unmatched.remove(index);
            }
            None => extra.push(fact),
        }
    }
    (unmatched, extra)
}

/// Says what differs, located at the first extra value (else at the block's start).
fn value_difference(
    unmatched: &[&Fact],
    extra: &[&Fact],
    block_start: usize,
) -> Option<(Range<usize>, String)> {
    if unmatched.is_empty() && extra.is_empty() {
        return None;
    }
    let list = |facts: &[&Fact]| {
        facts
            .iter()
            .map(|f| format!("`{}`", f.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut what = Vec::new();
    if !extra.is_empty() {
        what.push(format!("this page has {} not in the source", list(extra)));
    }
    if !unmatched.is_empty() {
        what.push(format!("it lacks {} of the source", list(unmatched)));
    }
    let at = extra
        .first()
        .map(|f| f.at.clone())
        .unwrap_or(block_start..block_start + 1);
    Some((at, what.join(" and ")))
}

/// Numbers compared as [`compare_values`] does, but a number one side spells in words
/// ("three", "drie", "세 가지": [`cardinals`]) stands for the same digits on the other:
/// "at least three months" and "최소 3개월" agree, "3" and "vier" do not. The words are
/// read only when the digits differ (most units have the same digits or none), and a word
/// only answers a digit the other side lacks, so a word read where it is no numeral can
/// never make a difference, only settle one.
fn compare_numbers(
    wanted: (&[Fact], &Located, &str),
    found: (&[Fact], &Located, &str),
    block_start: usize,
) -> Option<(Range<usize>, String)> {
    let (mut unmatched, mut extra) = unmatched_values(wanted.0, found.0);
    if unmatched.is_empty() && extra.is_empty() {
        return None;
    }
    // Each side's spelled numbers answer the other side's digits without a partner.
    let answer = |digits: &mut Vec<&Fact>, (_, unit, tag): (&[Fact], &Located, &str)| {
        if digits.is_empty() {
            return;
        }
        for word in cardinals(unit.masked(), tag) {
            let value = word.value.to_string();
            if let Some(index) = digits.iter().position(|d| d.value == value) {
                digits.remove(index);
            }
        }
    };
    answer(&mut unmatched, found);
    answer(&mut extra, wanted);
    value_difference(&unmatched, &extra, block_start)
}

/// Seals in `lock` every block and translated front matter value (`title`, `description`)
/// of the `tag` translations of `pages` (each a source file or a slug; every translated
/// page when `all`) as reviewed; units already sealed as they are now are left alone. Errors name pages that cannot be reviewed.
pub fn record(
    site: &Site,
    tag: &str,
    lock: &mut ReviewLock,
    pages: &[String],
    all: bool,
) -> Result<Vec<Stamp>, String> {
    let source_tag = site.locales.source().tag.as_str();
    let (Some(source_locale), Some(locale)) = (site.locales.get(source_tag), site.locales.get(tag))
    else {
        return Ok(Vec::new());
    };
    let translated: Vec<&Page> = site
        .pages
        .iter()
        .filter(|page| page.texts.contains_key(tag) && page.texts.contains_key(source_tag))
        .collect();
    let names = |page: &Page| {
        let file = page
            .texts
            .get(source_tag)
            .map(|t| slash(&t.file))
            .unwrap_or_default();
        [page.slug.clone(), file]
    };
    let unknown: Vec<&String> = pages
        .iter()
        .filter(|wanted| !translated.iter().any(|page| names(page).contains(wanted)))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "not a page translated into `{tag}`: {} (name its source file, `content/pages/about.md`, or its slug, `about`)",
            unknown
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let known: Vec<String> = translated
        .iter()
        .map(|page| names(page)[1].clone())
        .collect();
    lock.pages.retain(|file, _| known.contains(file));
    lock.front.retain(|file, _| known.contains(file));
    let source_months = Months::new(source_locale.formats.month_names());
    let months = Months::new(locale.formats.month_names());
    let mut stamped = Vec::new();
    for page in translated {
        if !all && !pages.iter().any(|wanted| names(page).contains(wanted)) {
            continue;
        }
        let read = |tag: &str| {
            page.texts
                .get(tag)
                .and_then(|text| Some((text, text.content_read()?)))
        };
        let (Some((source, source_read)), Some((translation, translation_read))) =
            (read(source_tag), read(tag))
        else {
            continue;
        };
        let wanted = blocks(source_read, &source_months);
        let found = blocks(translation_read, &months);
        let file = slash(&source.file);
        let front = front_pairs(
            source,
            &source_read.text,
            translation,
            &translation_read.text,
        );
        let front_seals = lock.front.entry(file.clone()).or_default();
        front_seals.retain(|key, _| front.iter().any(|(k, _, _)| k == key));
        for (key, w, f) in &front {
            let seal = Seal::new(&w.text, &f.text);
            if front_seals.get(*key) == Some(&seal) {
                continue;
            }
            front_seals.insert(key.to_string(), seal);
            stamped.push(Stamp {
                unit: format!("{} {key}", page.slug),
                source: w.text.clone(),
                translation: f.text.clone(),
            });
        }
        if front_seals.is_empty() {
            lock.front.remove(&file);
        }
        let seals = lock.pages.entry(file).or_default();
        seals.resize(wanted.len(), None);
        for (index, (w, f)) in wanted.iter().zip(&found).enumerate() {
            let seal = Seal::new(&w.text, &f.text);
            if seals[index].as_ref() == Some(&seal) {
                continue;
            }
            seals[index] = Some(seal);
            stamped.push(Stamp {
                unit: format!("{} block {} ({})", page.slug, index + 1, f.kind),
                source: w.text.clone(),
                translation: f.text.clone(),
            });
        }
        if found.len() < wanted.len() {
            for seal in &mut seals[found.len()..] {
                *seal = None;
            }
        }
    }
    Ok(stamped)
}

/// Where one translated page stands in one locale, from its findings: the worst state of
/// its blocks, or missing.
#[cfg(test)]
pub(crate) fn page_state(findings: &[Diagnostic], page_id: &str, tag: &str) -> State {
    page_states(findings)
        .get(&(page_id, tag))
        .copied()
        .unwrap_or(State::Translated)
}

/// Where every translated page stands in every locale, keyed by (page id, locale tag); a
/// page with no finding that sets its state is translated. One pass over the findings: a
/// site without a lock has a finding per block, and looking them up page by page made the
/// status of 30,000 pages quadratic.
pub(crate) fn page_states(findings: &[Diagnostic]) -> HashMap<(&str, &str), State> {
    let mut states = HashMap::new();
    for finding in findings {
        let (Some(page_id), Some(tag)) = (finding.id.as_deref(), finding.locale.as_deref()) else {
            continue;
        };
        let found = match finding.code {
            Code::MissingPage => State::Missing,
            Code::StaleTranslation => State::Stale,
            Code::ChangedSinceReview => State::Changed,
            Code::Unreviewed => State::Unreviewed,
            _ => continue,
        };
        let state = states.entry((page_id, tag)).or_insert(State::Translated);
        *state = worse(*state, found);
    }
    states
}

fn worse(a: State, b: State) -> State {
    let rank = |s: State| match s {
        State::Missing => 4,
        State::Stale => 3,
        State::Changed => 2,
        State::Unreviewed => 1,
        _ => 0,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// Every data date as one language writes it, with its path, and an automaton finding them.
type DateFinder<'a> = (AhoCorasick, Vec<(String, &'a str)>);

/// Dates typed into a page that equal a date of the data as the page's language writes it
/// ("April 11, 2017", "2017년 4월 11일"): the page should place the fact. Numbers are left
/// out: a typed count may equal some value in a large data set by chance. Pages not read in
/// this build (carried over unchanged) are skipped; they were checked when they were read.
pub(crate) fn literal_facts(site: &Site) -> Vec<Diagnostic> {
    let texts: Vec<(&Page, &str, &PageText, &PageContent)> = site
        .pages
        .iter()
        .flat_map(|page| {
            page.texts
                .iter()
                .filter(|(_, text)| text.has_prose())
                .filter_map(move |(tag, text)| {
                    Some((page, tag.as_str(), text, text.content_read()?))
                })
        })
        .collect();
    if texts.is_empty() {
        return Vec::new();
    }
    // Each distinct date once, named by its first path: a large site repeats dates.
    let mut dates: BTreeMap<String, (String, crate::util::intl::IsoDate)> = BTreeMap::new();
    collect_dates(&site.data.root, &mut Vec::new(), &mut dates);
    if dates.is_empty() {
        return Vec::new();
    }
    // One finder per language, then the pages on every thread, their findings in site
    // order.
    let finders: BTreeMap<&str, Option<DateFinder>> = site
        .locales
        .list
        .iter()
        .map(|locale| {
            let shown: Vec<(String, &str)> = dates
                .values()
                .map(|(path, date)| {
                    let value = locale
                        .formats
                        .date(date, crate::util::intl::DateStyle::natural(date));
                    (value, path.as_str())
                })
                .collect();
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(shown.iter().map(|(value, _)| value))
                .ok();
            (
                locale.tag.as_str(),
                automaton.map(|automaton| (automaton, shown)),
            )
        })
        .collect();
    texts
        .par_iter()
        .flat_map_iter(|(page, tag, text, content)| {
            let mut problems = Vec::new();
            let Some(Some((automaton, shown))) = finders.get(tag) else {
                return problems;
            };
            let body = &content.text[content.body_start..];
            let mut reported = std::collections::BTreeSet::new();
            for found in automaton.find_iter(body) {
                let before = body[..found.start()].chars().next_back();
                let after = body[found.end()..].chars().next();
                if before.is_some_and(|c| c.is_ascii_digit())
                    || after.is_some_and(|c| c.is_ascii_digit())
                {
                    continue;
                }
                let (value, path) = &shown[found.pattern().as_usize()];
                if !reported.insert(found.pattern()) {
                    continue;
                }
                let start = content.body_start + found.start();
                problems.push(
                    Diagnostic::error(
                        Code::LiteralFact,
                        &text.file,
                        format!("this page types \"{value}\", the value of the fact `{path}`"),
                    )
                    .at_span(&content.text, start..start + value.len())
                    .locale(*tag)
                    .id(format!("page:{}", page.slug))
                    .help(format!(
                        "write {{{{ fact(\"{path}\") }}}} so the date comes from data in every language"
                    )),
                );
            }
            problems
        })
        .collect()
}

/// Every date of the data by its ISO form, with the first path that holds it.
fn collect_dates(
    node: &crate::load::yaml::Node,
    path: &mut Vec<String>,
    out: &mut BTreeMap<String, (String, crate::util::intl::IsoDate)>,
) {
    use crate::load::yaml::NodeValue;
    match &node.value {
        NodeValue::Map(entries) => {
            for (key, value) in entries {
                path.push(key.to_string());
                collect_dates(value, path, out);
                path.pop();
            }
        }
        NodeValue::String(text) => {
            if let Some(date) = crate::util::intl::IsoDate::parse(text) {
                out.entry(date.to_string())
                    .or_insert_with(|| (path.join("."), date));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::pages::PageKind;
    use std::path::{Path, PathBuf};

    #[test]
    fn table_cell_kinds_read_as_formatted() {
        for (prefix, row, column) in [
            ("", 0, 0),
            ("quoted ", 1, 2),
            ("", 10, 109),
            ("", usize::MAX, 7),
        ] {
            assert_eq!(
                table_cell_kind(prefix, row, column),
                format!("{prefix}table cell (row {row}, column {column})")
            );
        }
    }

    fn text(file: &str, body: &str) -> PageText {
        crate::load::pages::parse_page(&format!("---\ntitle: x\n---\n{body}"), Path::new(file))
            .unwrap()
    }

    fn locales() -> (tempfile::TempDir, Locales) {
        locales_with(&[("en", "a = A\n"), ("nl", "a = A\n"), ("ko", "a = A\n")])
    }

    /// Locales en, nl and ko, each with one file of the given messages.
    fn locales_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Locales) {
        let dir = tempfile::tempdir().unwrap();
        let mut folders: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        for (tag, messages) in files {
            let path = format!("locales/{tag}/a.ftl");
            std::fs::create_dir_all(dir.path().join(format!("locales/{tag}"))).unwrap();
            std::fs::write(dir.path().join(&path), messages).unwrap();
            folders.insert(tag.to_string(), vec![PathBuf::from(path)]);
        }
        let (locales, _) = Locales::load(dir.path(), &folders, "en");
        (dir, locales.unwrap())
    }

    fn page(source: &str, translations: &[(&str, &str)]) -> Page {
        let mut texts = BTreeMap::from([("en".to_string(), text("content/pages/x.md", source))]);
        for (tag, body) in translations {
            texts.insert(
                tag.to_string(),
                text(&format!("content/pages/x.{tag}.md"), body),
            );
        }
        Page {
            kind: PageKind::Page,
            slug: "x".into(),
            template: "page.html".into(),
            weight: 0,
            texts,
            collection: None,
            draft: false,
            shown: std::sync::OnceLock::new(),
        }
    }

    fn config() -> Config {
        serde_json::from_value(serde_json::json!({
            "source_locale": "en",
            "base_url": "https://x.example/",
            "theme": "t",
            "title": "t",
        }))
        .unwrap()
    }

    /// The fingerprint of the page checks follows every part of a locale's QA knowledge
    /// that findings depend on, and nothing else.
    #[test]
    fn the_page_check_fingerprint_follows_the_qa_knowledge() {
        use crate::load::locale_qa::{GlossaryEntry, LocaleQa, PatternRule};
        let (_dir, locales) = locales();
        let locks = BTreeMap::new();
        let config = config();
        let print = |qa: LocaleQa| {
            let resources = QaResources {
                locales: BTreeMap::from([("nl".to_string(), qa)]),
            };
            PageChecks::new(&locales, &locks, &resources, &config).fingerprint()
        };
        let regex = |text: &str| Regex::new(text).unwrap();
        let entry = GlossaryEntry {
            term: "mailbox".into(),
            source: regex("mailbox"),
            targets: vec!["postvak".into()],
            target_patterns: vec![regex("postvak")],
            forbidden: vec![("brievenbus".into(), regex("brievenbus"))],
            note: None,
            required: true,
        };
        let rule = PatternRule {
            id: "no-shouting".into(),
            pattern: regex("[A-Z]{4,}"),
            message: "no shouting".into(),
            help: None,
        };
        let base = LocaleQa {
            glossary: vec![entry.clone()],
            patterns: vec![rule.clone()],
            negation: vec![regex("niet")],
            number_words: vec![(regex("honderd"), 100)],
        };
        let same = print(base.clone());
        assert_eq!(same, print(base.clone()));
        let mut variants = Vec::new();
        let mut changed = base.clone();
        changed.glossary[0].note = Some(String::new());
        variants.push(changed);
        let mut changed = base.clone();
        changed.glossary[0].forbidden[0].1 = regex("brieven");
        variants.push(changed);
        let mut changed = base.clone();
        changed.glossary[0].targets.push("mailbox".into());
        variants.push(changed);
        let mut changed = base.clone();
        changed.patterns[0].help = Some("lower case".into());
        variants.push(changed);
        let mut changed = base.clone();
        changed.negation.clear();
        variants.push(changed);
        let mut changed = base.clone();
        changed.number_words[0].1 = 1000;
        variants.push(changed);
        let mut changed = base;
        changed.glossary.clear();
        variants.push(changed);
        let mut prints: Vec<_> = variants.into_iter().map(print).collect();
        prints.push(same);
        let count = prints.len();
        prints.sort_unstable();
        prints.dedup();
        assert_eq!(prints.len(), count, "two settings share a fingerprint");
    }

    /// A locale whose QA checks are all `off` gets no built-in word lists (compiling them
    /// is a tenth of a second); one with a check on gets its pair's.
    #[test]
    fn word_lists_are_prepared_only_for_a_locale_that_runs_a_check() {
        let (_dir, locales) = locales();
        let locks = BTreeMap::new();
        let resources = QaResources::default();
        let mut config = config();
        let off: BTreeMap<String, String> = crate::check::qa::CODES
            .iter()
            .map(|code| (code.as_str().to_string(), "off".to_string()))
            .collect();
        config.checks.insert("nl".into(), off.clone());
        let checks = PageChecks::new(&locales, &locks, &resources, &config);
        assert!(checks.qa["nl"].rules.languages.is_none());
        assert!(checks.qa["ko"].rules.languages.is_some());
        let mut one_on = off;
        one_on.insert("length".into(), "warning".into());
        config.checks.insert("nl".into(), one_on);
        let checks = PageChecks::new(&locales, &locks, &resources, &config);
        assert!(checks.qa["nl"].rules.languages.is_some());
    }

    /// Every check of one page with the built-in QA settings.
    fn checked(
        page: &Page,
        locales: &Locales,
        locks: &BTreeMap<String, ReviewLock>,
    ) -> Vec<Diagnostic> {
        let resources = QaResources::default();
        let config = config();
        let (mut found, segments) =
            check_page_segments(page, &PageChecks::new(locales, locks, &resources, &config));
        found.extend(crate::check::inconsistencies(&config, &segments));
        found
    }

    /// The findings of a page translated into `tag` (the other locale has the source
    /// text), without the review states.
    fn drift_in(tag: &str, source: &str, translation: &str) -> Vec<Diagnostic> {
        let (_dir, locales) = locales();
        let other = if tag == "nl" { "ko" } else { "nl" };
        checked(
            &page(source, &[(tag, translation), (other, source)]),
            &locales,
            &BTreeMap::new(),
        )
        .into_iter()
        .filter(|d| d.code != Code::Unreviewed && d.locale.as_deref() == Some(tag))
        .collect()
    }

    fn drift(source: &str, translation: &str) -> Vec<Diagnostic> {
        drift_in("nl", source, translation)
    }

    /// Folding gives what splitting at white space and joining with single spaces gives,
    /// whether or not a text was folded already.
    #[test]
    fn folding_joins_words_with_single_spaces() {
        for text in [
            "",
            "one",
            "two words",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "no\u{a0}break",
            "ideographic\u{3000}space",
            "마침표。다음",
            "em\u{2003}space",
            "약속 있음/없음 정보",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(folded(text), joined, "{text:?}");
        }
    }

    #[test]
    fn same_facts_in_other_words_pass() {
        let en = "# Ports\n\nUse port `443` until 2023, see [docs](https://a.example/x).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let nl = "# Poorten\n\nTot 2023 gebruikt u poort `443`, zie [documentatie](https://a.example/x).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert!(drift(en, nl).is_empty(), "{:?}", drift(en, nl));
    }

    #[test]
    fn a_changed_number_and_link_are_located() {
        let en =
            "# Plan\n\nMigrate 2,000 seats by 2023.\n\nSee [notes](https://a.example/notes).\n";
        let nl = "# Plan\n\nMigreer 2.000 plaatsen voor 2024.\n\nZie [notities](https://a.example/old).\n";
        let found = drift(en, nl);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].code, Code::PageDrift);
        assert!(found[0].message.contains("`2024`"), "{}", found[0].message);
        assert!(
            found[0].message.contains("lacks `2023`"),
            "{}",
            found[0].message
        );
        assert_eq!((found[0].line, found[0].column), (6, 29));
        assert!(found[1].message.contains("https://a.example/old"));
        assert_eq!((found[1].line, found[1].column), (8, 5));
    }

    fn page_drift_in(tag: &str, source: &str, translation: &str) -> Vec<Diagnostic> {
        drift_in(tag, source, translation)
            .into_iter()
            .filter(|d| d.code == Code::PageDrift)
            .collect()
    }

    #[test]
    fn numbers_in_words_stand_for_their_digits() {
        let en = "Wait at least three months.\n";
        assert!(page_drift_in("nl", en, "Wacht ten minste 3 maanden.\n").is_empty());
        assert!(page_drift_in("ko", en, "최소 3개월 기다리세요.\n").is_empty());
        assert!(page_drift_in("nl", "Wait 3 months.\n", "Wacht drie maanden.\n").is_empty());
        assert!(page_drift_in("ko", "A week or less.\n", "1주 이하.\n").is_empty());
        assert!(page_drift_in("ko", "Wait 3 months.\n", "삼 개월 기다리세요.\n").is_empty());
        // Another number in words is still another number.
        let four = page_drift_in("nl", "Wait 3 months.\n", "Wacht vier maanden.\n");
        assert_eq!(four.len(), 1, "{four:?}");
        assert!(four[0].message.contains("lacks `3`"), "{}", four[0].message);
        let digits = page_drift_in("ko", en, "최소 4개월 기다리세요.\n");
        assert_eq!(digits.len(), 1, "{digits:?}");
        assert!(
            digits[0].message.contains("`4` not in the source"),
            "{}",
            digits[0].message
        );
        assert_eq!((digits[0].line, digits[0].column), (4, 4));
        // A word answers one digit: the second `3` has no partner.
        let twice = page_drift_in("nl", "Wait three months.\n", "Wacht 3 tot 3 maanden.\n");
        assert_eq!(twice.len(), 1, "{twice:?}");
        // An article is one only before a unit of time.
        let article = page_drift_in("nl", "Add a server.\n", "Voeg 1 server toe.\n");
        assert_eq!(article.len(), 1, "{article:?}");
    }

    fn fronted(file: &str, front: &str, body: &str) -> PageText {
        crate::load::pages::parse_page(&format!("---\n{front}---\n{body}"), Path::new(file))
            .expect("a page")
    }

    #[test]
    fn numbers_in_the_title_and_description_are_compared() {
        let (_dir, locales) = locales();
        let body = "One.\n";
        let with_front = |translation: &str| {
            let mut page = page(body, &[("nl", body), ("ko", body)]);
            page.texts.insert(
                "en".into(),
                fronted(
                    "content/pages/x.md",
                    "title: Leaving Exchange 2007\ndescription: Support ended in April 2017, after ten years.\n",
                    body,
                ),
            );
            page.texts.insert(
                "ko".into(),
                fronted("content/pages/x.ko.md", translation, body),
            );
            checked(&page, &locales, &BTreeMap::new())
                .into_iter()
                .filter(|d| d.code == Code::PageDrift && d.locale.as_deref() == Some("ko"))
                .collect::<Vec<_>>()
        };
        let faithful = "title: Exchange 2007에서 이전하기\ndescription: 지원은 2017년 4월, 10년 후에 종료되었습니다.\n";
        assert!(
            with_front(faithful).is_empty(),
            "{:?}",
            with_front(faithful)
        );
        let year = with_front(&faithful.replace("2017년", "2007년"));
        assert_eq!(year.len(), 1, "{year:?}");
        assert!(
            year[0].message.contains("the numbers of the `description`"),
            "{}",
            year[0].message
        );
        assert!(
            year[0].message.contains("lacks `2017`"),
            "{}",
            year[0].message
        );
        // At the number, on the description's line.
        assert_eq!((year[0].line, year[0].column), (3, 18));
        let title = with_front(&faithful.replace("이전하기", "2017년 이전하기"));
        assert_eq!(title.len(), 1, "{title:?}");
        assert!(title[0].message.contains("`title`"), "{}", title[0].message);
        assert_eq!((title[0].line, title[0].column), (2, 24));
        let month = with_front(&faithful.replace("4월", "5월"));
        assert_eq!(month.len(), 1, "{month:?}");
        assert!(month[0].message.contains("months"), "{}", month[0].message);
    }

    #[test]
    fn the_first_differing_block_is_located() {
        let en = "# A\n\nOne.\n\n## B\n\n- x\n- y\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let nl = "# A\n\nEén.\n\nTwee.\n\n- x\n- y\n";
        let found = drift(en, nl);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::PageDrift);
        assert!(
            found[0]
                .message
                .contains("block 3 is a paragraph here but a heading 2"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].line, 8);
        let shapes = drift(
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "| a |\n|---|\n| 1 |\n| 2 |\n",
        );
        assert!(
            shapes[0].message.contains("table cell (row 2, column 1)"),
            "{shapes:?}"
        );
    }

    #[test]
    fn locale_formatted_dates_pass_and_a_changed_month_does_not() {
        let en = "Support ended on April 11, 2017, after 10 years.\n";
        let ko = "지원은 10년 후인 2017년 4월 11일에 종료되었습니다.\n";
        assert!(
            drift_in("ko", en, ko).is_empty(),
            "{:?}",
            drift_in("ko", en, ko)
        );
        let nl = "De ondersteuning eindigde op 11 april 2017, na 10 jaar.\n";
        assert!(drift(en, nl).is_empty(), "{:?}", drift(en, nl));
        let wrong = drift_in(
            "ko",
            en,
            "지원은 10년 후인 2017년 5월 11일에 종료되었습니다.\n",
        );
        assert_eq!(wrong.len(), 1, "{wrong:?}");
        assert!(wrong[0].message.contains("months"), "{}", wrong[0].message);
        assert_eq!(wrong[0].column, 18);
    }

    #[test]
    fn facts_must_be_the_same_in_any_order() {
        let en = "{{ fact(\"a.name\") }} ended on {{ fact(\"a.end\") }}.\n";
        let ko = "{{ fact(\"a.end\") }}에 {{ fact(\"a.name\") }}의 지원이 종료되었습니다.\n";
        assert!(
            drift_in("ko", en, ko).is_empty(),
            "{:?}",
            drift_in("ko", en, ko)
        );
        let nl = "{{ fact(\"a.name\") }} eindigde op 11 april 2017.\n";
        let found = drift(en, nl);
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        // The typed date is reported as the missing fact, not again as numbers.
        assert_eq!(codes, vec![Code::VariableMismatch], "{found:?}");
    }

    #[test]
    fn inline_markup_is_compared() {
        let en = "Run `Get-Mailbox` as **admin**, see [the docs](https://d.example/).\n";
        let fine = "Voer `Get-Mailbox` uit als **beheerder**, zie [de documentatie](https://d.example/).\n";
        assert!(drift(en, fine).is_empty(), "{:?}", drift(en, fine));
        for broken in [
            "Voer Get-Mailbox uit als **beheerder**, zie [de documentatie](https://d.example/).\n",
            "Voer `Get-Mailbox` uit als beheerder, zie [de documentatie](https://d.example/).\n",
            "Voer `Get-Mailbox` uit als **beheerder**, zie [](https://d.example/).\n",
        ] {
            let found = drift(en, broken);
            assert_eq!(found.len(), 1, "{broken}: {found:?}");
            assert_eq!(found[0].code, Code::MarkupMismatch, "{broken}: {found:?}");
        }
        let unclosed = drift(
            en,
            "Voer `Get-Mailbox` uit als **beheerder**, zie [de documentatie(https://d.example/).\n",
        );
        let codes: Vec<Code> = unclosed.iter().map(|d| d.code).collect();
        assert!(
            codes.contains(&Code::PageDrift) && codes.contains(&Code::MarkupMismatch),
            "{unclosed:?}"
        );
    }

    #[test]
    fn blocks_are_sealed_and_their_edits_seen() {
        let (_dir, locales) = locales();
        let en = "# A\n\nOne.\n";
        let nl = "# A\n\nEén.\n";
        let sealed = page(en, &[("nl", nl), ("ko", en)]);
        let source_blocks = blocks(
            sealed.texts["en"].content_read().unwrap(),
            &Months::new(&[]),
        );
        let nl_blocks = blocks(
            sealed.texts["nl"].content_read().unwrap(),
            &Months::new(&[]),
        );
        let mut lock = ReviewLock::default();
        lock.pages.insert(
            "content/pages/x.md".into(),
            source_blocks
                .iter()
                .zip(&nl_blocks)
                .map(|(s, t)| Some(Seal::new(&s.text, &t.text)))
                .collect(),
        );
        lock.front.insert(
            "content/pages/x.md".into(),
            BTreeMap::from([("title".to_string(), Seal::new("x", "x"))]),
        );
        let locks = BTreeMap::from([("nl".to_string(), lock)]);
        let in_nl = |page: &Page| -> Vec<Diagnostic> {
            checked(page, &locales, &locks)
                .into_iter()
                .filter(|d| d.locale.as_deref() == Some("nl"))
                .collect()
        };
        assert!(in_nl(&sealed).is_empty(), "{:?}", in_nl(&sealed));
        let edited = in_nl(&page(en, &[("nl", "# A\n\nTwee.\n"), ("ko", en)]));
        assert_eq!(edited.len(), 1, "{edited:?}");
        assert_eq!(edited[0].code, Code::ChangedSinceReview);
        assert_eq!(edited[0].line, 6);
        assert_eq!(page_state(&edited, "page:x", "nl"), State::Changed);
        let stale = in_nl(&page("# A\n\nOne more.\n", &[("nl", nl), ("ko", en)]));
        assert_eq!(stale[0].code, Code::StaleTranslation);
        assert!(
            stale[0].message.contains("reviewed source: \"One.\""),
            "{}",
            stale[0].message
        );
        assert!(
            stale[0].message.contains("current source:  One more."),
            "{}",
            stale[0].message
        );
    }

    /// `text` with `title` in its front matter instead of `x`.
    fn titled(file: &str, title: &str, body: &str) -> PageText {
        crate::load::pages::parse_page(
            &format!("---\ntitle: {title}\n---\n{body}"),
            Path::new(file),
        )
        .unwrap()
    }

    #[test]
    fn a_translated_title_is_sealed_and_its_edits_and_source_changes_seen() {
        let (_dir, locales) = locales();
        let body = "One.\n";
        let titled_page = |source: &str, translation: &str| {
            let mut page = page(body, &[("nl", body), ("ko", body)]);
            page.texts
                .insert("en".into(), titled("content/pages/x.md", source, body));
            page.texts.insert(
                "nl".into(),
                titled("content/pages/x.nl.md", translation, body),
            );
            page
        };
        let site_page = titled_page("About the guide", "Over de gids");
        let mut lock = ReviewLock::default();
        lock.pages.insert(
            "content/pages/x.md".into(),
            vec![Some(Seal::new("One.", "One."))],
        );
        let in_nl = |page: &Page, lock: &ReviewLock| -> Vec<Diagnostic> {
            let locks = BTreeMap::from([("nl".to_string(), lock.clone())]);
            checked(page, &locales, &locks)
                .into_iter()
                .filter(|d| d.locale.as_deref() == Some("nl"))
                .collect()
        };
        // Blocks sealed, the title not: the title is the unreviewed unit, at its value.
        let unsealed = in_nl(&site_page, &lock);
        assert_eq!(unsealed.len(), 1, "{unsealed:?}");
        assert_eq!(unsealed[0].code, Code::Unreviewed);
        assert!(unsealed[0].message.contains("`title`"), "{unsealed:?}");
        assert_eq!((unsealed[0].line, unsealed[0].column), (2, 8));

        lock.front.insert(
            "content/pages/x.md".into(),
            BTreeMap::from([(
                "title".to_string(),
                Seal::new("About the guide", "Over de gids"),
            )]),
        );
        assert!(in_nl(&site_page, &lock).is_empty());
        let edited = in_nl(&titled_page("About the guide", "Over deze gids"), &lock);
        assert_eq!(edited.len(), 1, "{edited:?}");
        assert_eq!(edited[0].code, Code::ChangedSinceReview);
        assert_eq!((edited[0].line, edited[0].column), (2, 8));
        assert_eq!(page_state(&edited, "page:x", "nl"), State::Changed);
        let stale = in_nl(&titled_page("About this guide", "Over de gids"), &lock);
        assert_eq!(stale.len(), 1, "{stale:?}");
        assert_eq!(stale[0].code, Code::StaleTranslation);
        assert!(
            stale[0]
                .message
                .contains("reviewed source: \"About the guide\"")
                && stale[0]
                    .message
                    .contains("current source:  About this guide"),
            "{}",
            stale[0].message
        );
        assert_eq!(page_state(&stale, "page:x", "nl"), State::Stale);
    }

    #[test]
    fn translation_qa_runs_per_block_and_on_the_title() {
        let en =
            "# Plan\n\nUsers won't have to download their email again.\n\n- Keep { -x } running.\n";
        let ko = "# 계획\n\n사용자는 전자 메일을\n다시 다운로드할 수 없습니다.\n\n- { -x }를 계속 실행합니다.\n";
        let found = drift_in("ko", en, ko);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::Polarity);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].file, PathBuf::from("content/pages/x.ko.md"));
        // Line 7 of the file (front matter first), at "수 없".
        assert_eq!((found[0].line, found[0].column), (7, 10), "{found:?}");
        let faithful = "# 계획\n\n사용자는 전자 메일을 다시 다운로드할 필요가 없습니다.\n\n- { -x }를 계속 실행합니다.\n";
        assert!(drift_in("ko", en, faithful).is_empty());
        // The front matter's title is a unit too.
        let (_dir, locales) = locales();
        let mut page = page(en, &[("ko", faithful), ("nl", en)]);
        let file = "content/pages/x.ko.md";
        page.texts
            .insert("en".into(), titled(file, "No need to wait", en));
        page.texts
            .insert("ko".into(), titled(file, "기다릴 수 없음", faithful));
        let found: Vec<Diagnostic> = checked(&page, &locales, &BTreeMap::new())
            .into_iter()
            .filter(|d| d.locale.as_deref() == Some("ko") && d.code != Code::Unreviewed)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::Polarity);
        assert_eq!((found[0].line, found[0].column), (2, 12), "{found:?}");
    }

    #[test]
    fn qa_findings_on_a_stale_block_are_warnings() {
        let (_dir, locales) = locales();
        let en = "Users won't have to download their email again.\n";
        let nl = "Gebruikers hoeven hun e-mail niet opnieuw te downloaden.\n";
        let sealed = page(en, &[("nl", nl), ("ko", en)]);
        let mut lock = ReviewLock::default();
        let seals = blocks(
            sealed.texts["en"].content_read().unwrap(),
            &Months::new(&[]),
        )
        .iter()
        .zip(&blocks(
            sealed.texts["nl"].content_read().unwrap(),
            &Months::new(&[]),
        ))
        .map(|(s, t)| Some(Seal::new(&s.text, &t.text)))
        .collect();
        lock.pages.insert("content/pages/x.md".into(), seals);
        let locks = BTreeMap::from([("nl".to_string(), lock)]);
        // The source loses its negation: the translation, reviewed against the old source,
        // now negates where the source does not; a warning until it is reviewed again.
        let changed = page(
            "Users have to download their email again.\n",
            &[("nl", nl), ("ko", en)],
        );
        let found: Vec<Diagnostic> = checked(&changed, &locales, &locks)
            .into_iter()
            .filter(|d| d.locale.as_deref() == Some("nl"))
            .collect();
        let codes: Vec<(Code, Severity)> = found.iter().map(|d| (d.code, d.severity)).collect();
        assert!(
            codes.contains(&(Code::StaleTranslation, Severity::Warning)),
            "{found:?}"
        );
        assert!(
            codes.contains(&(Code::Polarity, Severity::Warning)),
            "{found:?}"
        );
    }

    #[test]
    fn one_source_text_translated_two_ways_in_a_page() {
        let en = "| Method | Note |\n|---|---|\n| Staged | Move the mailboxes in batches |\n| Cutover | Move the mailboxes in batches |\n";
        let nl = "| Methode | Opmerking |\n|---|---|\n| Gefaseerd | Verplaats de postvakken in batches |\n| Cutover | Verplaats de postvakken in groepen |\n";
        let found = drift(en, nl);
        // At the later of the two cells, naming the first.
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::Inconsistency);
        assert_eq!(found[0].line, 7, "{found:?}");
        assert!(
            found[0].message.contains("content/pages/x.nl.md:6"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_link_showing_a_message_shows_its_translation() {
        let (_dir, locales) = locales_with(&[
            ("en", "nav-roadmap = Roadmap\n"),
            ("nl", "nav-roadmap = Routekaart\n"),
            ("ko", "nav-roadmap = 로드맵\n"),
        ]);
        let en = "Start with the [Roadmap](roadmap.md), then [other](a.md).\n";
        let fine = "Begin met de [Routekaart](roadmap.md), dan [andere](a.md).\n";
        let in_nl = |nl: &str| -> Vec<Diagnostic> {
            checked(&page(en, &[("nl", nl)]), &locales, &BTreeMap::new())
                .into_iter()
                .filter(|d| d.locale.as_deref() == Some("nl") && d.code != Code::Unreviewed)
                .collect()
        };
        assert!(in_nl(fine).is_empty(), "{:?}", in_nl(fine));
        let found = in_nl("Begin met het [stappenplan](roadmap.md), dan [andere](a.md).\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::MarkupMismatch);
        assert!(
            found[0].message.contains("`nav-roadmap`")
                && found[0].message.contains("\"Routekaart\""),
            "{}",
            found[0].message
        );
        assert_eq!((found[0].line, found[0].column), (4, 15), "{found:?}");
    }

    #[test]
    fn a_missing_translation_is_reported() {
        let (_dir, locales) = locales();
        let found = checked(
            &page("# A\n", &[("nl", "# A\n")]),
            &locales,
            &BTreeMap::new(),
        );
        let missing: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| d.code == Code::MissingPage)
            .collect();
        assert_eq!(missing.len(), 1, "{found:?}");
        assert_eq!(missing[0].locale.as_deref(), Some("ko"));
        assert_eq!(page_state(&found, "page:x", "ko"), State::Missing);
    }

    #[test]
    fn page_states_keeps_the_worst_state_of_each_page_in_each_locale() {
        let finding = |code, id: &str, tag: &str| {
            Diagnostic::warning(code, "content/pages/x.md", "found")
                .id(id)
                .locale(tag)
        };
        let findings = vec![
            finding(Code::Unreviewed, "page:a", "nl"),
            finding(Code::StaleTranslation, "page:a", "nl"),
            finding(Code::Unreviewed, "page:a", "nl"),
            finding(Code::Unreviewed, "page:a", "ko"),
            finding(Code::ChangedSinceReview, "page:b", "ko"),
            finding(Code::BrokenLink, "page:c", "nl"),
            Diagnostic::warning(Code::Unreviewed, "locales/nl/main.ftl", "no page"),
        ];
        let states = page_states(&findings);
        assert_eq!(states.get(&("page:a", "nl")), Some(&State::Stale));
        assert_eq!(states.get(&("page:a", "ko")), Some(&State::Unreviewed));
        assert_eq!(states.get(&("page:b", "ko")), Some(&State::Changed));
        assert_eq!(states.len(), 3, "{states:?}");
        assert_eq!(page_state(&findings, "page:b", "nl"), State::Translated);
        assert_eq!(page_state(&findings, "page:c", "nl"), State::Translated);
    }
}
