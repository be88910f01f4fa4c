//! Inconsistency (Xbench's and CheckMate's "inconsistency in target / in source"): across a
//! whole locale — every message, every aligned block and front-matter value of every
//! translated page — one source text translated two ways, or two different source texts
//! given the same translation. Case, white space and a closing full stop or colon do not
//! count as a difference; segments with nothing to translate (numbers and placeables only,
//! a one-word name kept as it is) take no part.
//!
//! The per-unit checks ([`crate::check::pages`], [`crate::check::qa::messages`]) turn each
//! unit into a [`Segment`] (fingerprints of its normalized texts and where it is), which a
//! build keeps with a page's other findings; [`check`] then goes once over a locale's
//! segments in site order with two hash maps, and reports each later occurrence, naming
//! the first.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::qa::Side;
use crate::check::qa::language::is_letter;
use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity};
use crate::util::digest::text_key;

/// One translated unit as the locale-wide comparison needs it: 64-bit fingerprints of its
/// normalized source and translation (a build record keeps one per unit of every page, so
/// it stays small: no text, no names), and where the translation starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    source: [u8; 8],
    translation: [u8; 8],
    line: u32,
    column: u32,
    /// [`LONG_SOURCE`] and [`STALE`].
    flags: u8,
}

/// The source is long enough that sharing a translation with another source is suspect
/// (see [`LONG_SOURCE_WORDS`]).
const LONG_SOURCE: u8 = 1;
/// The unit's source changed since its review: its findings are warnings.
const STALE: u8 = 2;

/// The segments of one translated file in one locale, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSegments {
    pub(crate) locale: String,
    pub(crate) file: PathBuf,
    /// The diagnostic id of a page's segments (`page:about`).
    pub(crate) id: String,
    /// Per segment of a Fluent file, the label of its message (`method-cutover.inline`),
    /// which names it and gives its id; empty for a page.
    pub(crate) labels: Vec<String>,
    pub(crate) segments: Vec<Segment>,
}

impl FileSegments {
    pub(crate) fn new(locale: &str, file: &Path, id: &str) -> FileSegments {
        FileSegments {
            locale: locale.to_string(),
            file: file.to_path_buf(),
            id: id.to_string(),
            ..FileSegments::default()
        }
    }

    /// Adds the unit translating `source` as `translation` at byte `at` of the file
    /// (`lines` indexes it), unless it has nothing to compare: numbers or placeables only,
    /// or a one-word name the translation keeps as it is. `label` names a message's unit.
    pub(crate) fn add(
        &mut self,
        source: &Side,
        translation: &Side,
        (lines, at): (&LineIndex, usize),
        label: Option<String>,
        stale: bool,
    ) {
        let (Some(source_key), Some(translation_key)) = (memo_key(source), key(translation, false))
        else {
            return;
        };
        if !source_key.spaced && source_key.print == translation_key.print {
            return;
        }
        let (line, column) = lines.line_column(at);
        let mut flags = 0;
        if source_key.long {
            flags |= LONG_SOURCE;
        }
        if stale {
            flags |= STALE;
        }
        self.segments.push(Segment {
            source: source_key.print,
            translation: translation_key.print,
            line,
            column,
            flags,
        });
        self.labels.extend(label);
    }

    /// Puts the segments in file order (a Fluent file's come in the order of the message
    /// ids): "the first" of two is then the one higher up in the file.
    pub(crate) fn sort(&mut self) {
        if self.labels.len() == self.segments.len() {
            let mut both: Vec<(Segment, String)> =
                self.segments.drain(..).zip(self.labels.drain(..)).collect();
            both.sort_by_key(|(segment, _)| (segment.line, segment.column));
            (self.segments, self.labels) = both.into_iter().unzip();
        } else {
            self.segments
                .sort_by_key(|segment| (segment.line, segment.column));
        }
    }

    /// What names segment `index` in a message: its message label, else the page.
    fn name(&self, index: usize) -> &str {
        match self.labels.get(index) {
            Some(label) => label,
            None => self.id.strip_prefix("page:").unwrap_or(&self.id),
        }
    }

    fn id(&self, index: usize) -> &str {
        match self.labels.get(index) {
            Some(label) => label.split('.').next().unwrap_or(label),
            None => &self.id,
        }
    }

    fn place(&self, index: usize) -> String {
        format!(
            "`{}` ({}:{})",
            self.name(index),
            self.file.display(),
            self.segments[index].line
        )
    }
}

/// The fingerprint of a text's [`normalized`] form, whether that has white space in it
/// (more than one word), and, for a source, whether it is [`long_enough`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    print: [u8; 8],
    spaced: bool,
    long: bool,
}

/// The [`Key`] of a source side, worked out once per text with a memo (for each of its
/// translations).
fn memo_key(side: &Side) -> Option<Key> {
    match side.memo {
        Some(memo) => *memo.key.get_or_init(|| key(side, true)),
        None => key(side, true),
    }
}

/// The [`Key`] of a side (`long` only where `source` asks for it); `None` when nothing
/// but placeables, digits and punctuation is left. The normalized text is written into one
/// buffer per thread, reused from unit to unit: only its fingerprint is kept.
fn key(side: &Side, source: bool) -> Option<Key> {
    thread_local! {
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUFFER.with(|buffer| {
        let mut joined = buffer.borrow_mut();
        if !normalized(side, &mut joined) {
            return None;
        }
        Some(Key {
            print: text_key(joined.as_bytes()).to_le_bytes(),
            // Words are joined by single ASCII spaces, and no word has white space in it.
            spaced: memchr::memchr(b' ', joined.as_bytes()).is_some(),
            long: source && long_enough(side),
        })
    })
}

/// Writes into `joined` the normalized text: lowercased, white space collapsed, a closing
/// full stop, colon or semicolon dropped; false (and `joined` unspecified) when nothing
/// but placeables, digits and punctuation is left.
fn normalized(side: &Side, joined: &mut String) -> bool {
    if !side.masked.chars().any(is_letter) {
        return false;
    }
    joined.clear();
    // The words joined by single spaces and lowercased, in one pass: a word lowercases
    // the same alone as within its text, and lowercasing makes no white space.
    if side.text.is_ascii() {
        // Most sources and many translations: split and lowercased as bytes, each word
        // lowercased in place once copied.
        for word in crate::util::ascii_space_words(side.text) {
            if !joined.is_empty() {
                joined.push(' ');
            }
            let start = joined.len();
            joined.push_str(word);
            joined[start..].make_ascii_lowercase();
        }
    } else {
        for word in side.text.split_whitespace() {
            if !joined.is_empty() {
                joined.push(' ');
            }
            if word.is_ascii() {
                joined.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else if word.chars().all(|c| {
                ('\u{ac00}'..='\u{d7a3}').contains(&c) || (c.is_ascii() && !c.is_ascii_uppercase())
            }) {
                // Hangul syllables and ASCII that is lower case already (most Korean words):
                // the word is its own lowercase, copied whole.
                joined.push_str(word);
            } else if word.contains('Σ') {
                // A final sigma lowercases by its place in the word, as only `str` knows.
                joined.push_str(&word.to_lowercase());
            } else {
                // Otherwise a word lowercases character by character (Hangul has no case).
                for c in word.chars() {
                    if ('\u{ac00}'..='\u{d7a3}').contains(&c) {
                        joined.push(c);
                    } else {
                        joined.extend(c.to_lowercase());
                    }
                }
            }
        }
    }
    let kept = joined
        .trim_end_matches(['.', ':', ';', '。'])
        .trim_end()
        .len();
    joined.truncate(kept);
    true
}

/// Words a source needs before two sources sharing a translation count as a problem:
/// short labels legitimately collapse ("Migration method" and "Migration methods" in a
/// language without plurals, "More information" and "Further reading" as headings).
const LONG_SOURCE_WORDS: usize = 3;

fn long_enough(side: &Side) -> bool {
    side.masked
        .split_whitespace()
        .filter(|word| word.chars().any(is_letter))
        .nth(LONG_SOURCE_WORDS - 1)
        .is_some()
}

/// Hashes a segment's fingerprint as itself: its bytes are a quality hash's, as evenly
/// spread as any hash of them could be, and a locale has a fingerprint per unit of every
/// page.
#[derive(Default)]
struct ByItself(u64);

impl std::hash::Hasher for ByItself {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// The inconsistencies among `files` (in site order: messages, then pages), each at the
/// later segment of a pair and naming the first. `level` gives a locale's severity for
/// the code (`None`: off). Linear: one pass, two hash maps.
pub(crate) fn check<'s>(
    files: impl IntoIterator<Item = &'s FileSegments>,
    level: impl Fn(&str) -> Option<Severity> + Sync,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let files: Vec<&FileSegments> = files.into_iter().collect();
    // Locales never meet: each is gone through on its own thread, and the findings are
    // put back in site order.
    let mut locales: Vec<(&str, usize)> = Vec::new();
    for file in &files {
        match locales.iter_mut().find(|(tag, _)| *tag == file.locale) {
            Some((_, count)) => *count += file.segments.len(),
            None => locales.push((&file.locale, file.segments.len())),
        }
    }
    let mut found: Vec<(usize, usize, Diagnostic)> = locales
        .par_iter()
        .flat_map_iter(|(locale, count)| match level(locale) {
            Some(severity) => in_locale(&files, locale, *count, severity),
            None => Vec::new(),
        })
        .collect();
    found.sort_by_key(|(file, segment, _)| (*file, *segment));
    found
        .into_iter()
        .map(|(_, _, diagnostic)| diagnostic)
        .collect()
}

/// The inconsistencies among the segments of `files` in `locale` (`count` of them), each
/// with the index of its file in `files` and its own.
fn in_locale(
    files: &[&FileSegments],
    locale: &str,
    count: usize,
    severity: Severity,
) -> Vec<(usize, usize, Diagnostic)> {
    type Seen<'s> = HashMap<u64, (&'s FileSegments, usize), BuildHasherDefault<ByItself>>;
    let mut by_source = Seen::with_capacity_and_hasher(count, Default::default());
    let mut by_translation = Seen::with_capacity_and_hasher(count, Default::default());
    let mut found = Vec::new();
    for (position, file) in files.iter().enumerate() {
        if file.locale != locale {
            continue;
        }
        for (index, segment) in file.segments.iter().enumerate() {
            let (first_file, first) = *by_source
                .entry(u64::from_le_bytes(segment.source))
                .or_insert((*file, index));
            let (other_file, other) = *by_translation
                .entry(u64::from_le_bytes(segment.translation))
                .or_insert((*file, index));
            let long =
                |file: &FileSegments, index: usize| file.segments[index].flags & LONG_SOURCE != 0;
            let (message, help) = if first_file.segments[first].translation != segment.translation {
                (
                    format!(
                        "the same source text is translated another way in {}",
                        first_file.place(first)
                    ),
                    "translate one source text the same way throughout the locale, or make the source texts differ".to_string(),
                )
            } else if other_file.segments[other].source != segment.source
                && long(file, index)
                && long(other_file, other)
            {
                (
                    format!(
                        "{} has the same translation, but its source text differs",
                        other_file.place(other)
                    ),
                    "two different source texts rarely mean the same thing: make each translation say what its source says".to_string(),
                )
            } else {
                continue;
            };
            let severity = if segment.flags & STALE != 0 {
                Severity::Warning
            } else {
                severity
            };
            let diagnostic = match severity {
                Severity::Error => Diagnostic::error(Code::Inconsistency, &file.file, message),
                Severity::Warning => Diagnostic::warning(Code::Inconsistency, &file.file, message),
            };
            found.push((
                position,
                index,
                diagnostic
                    .at(segment.line, segment.column)
                    .locale(locale)
                    .id(file.id(index))
                    .help(help),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_lowercased_folded_text_without_its_closing_stop() {
        for text in [
            "Move  the\nMailboxes.",
            "ΟΔΟΣ ΟΔΟΣ:",
            "사서함을  이동합니다.",
            "Exchange서버를 MOVE 사서함2023년 의-사서함 Éé사서함 ⅫⅫ.",
            "\u{212a}elvin İstanbul ;",
            "a. .",
            "Straße ÜBER",
            "{ $x }",
            "  Move\tTHE\x0bmailboxes\x0c now :",
            "ASCII only. ",
        ] {
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let lowered = folded.to_lowercase();
            let expected = lowered.trim_end_matches(['.', ':', ';', '。']).trim_end();
            let mut joined = String::new();
            assert!(normalized(&side(text, "en"), &mut joined) || expected.is_empty());
            assert_eq!(joined, expected, "{text:?}");
        }
    }

    fn side<'a>(text: &'a str, locale: &'a str) -> Side<'a> {
        Side {
            text,
            locale,
            placeables: &[],
            masked: text,
            memo: None,
        }
    }

    /// One Dutch page file per `(file, source, translation)`, its translation on line 2.
    fn files(units: &[(&str, &str, &str)]) -> Vec<FileSegments> {
        let lines = LineIndex::new("---\nx\n");
        units
            .iter()
            .map(|(file, source, translation)| {
                let mut segments =
                    FileSegments::new("nl", Path::new(file), &format!("page:{file}"));
                segments.add(
                    &side(source, "en"),
                    &side(translation, "nl"),
                    (&lines, 4),
                    None,
                    false,
                );
                segments
            })
            .collect()
    }

    fn found(units: &[(&str, &str, &str)]) -> Vec<Diagnostic> {
        check(&files(units), |_| Some(Severity::Error))
    }

    #[test]
    fn one_source_two_translations_at_the_later_naming_the_first() {
        let found = found(&[
            ("a.nl.md", "Duration", "Duur"),
            ("b.nl.md", "Duration", "Looptijd"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, Path::new("b.nl.md"));
        assert_eq!((found[0].line, found[0].column), (2, 1));
        assert_eq!(found[0].id.as_deref(), Some("page:b.nl.md"));
        assert!(
            found[0].message.contains("`a.nl.md` (a.nl.md:2)"),
            "{found:?}"
        );
    }

    #[test]
    fn two_sources_one_translation_when_the_sources_are_long() {
        let found = found(&[
            (
                "a",
                "Move your mailboxes in one go.",
                "Verplaats uw postvakken.",
            ),
            (
                "b",
                "Move your mailboxes in batches.",
                "Verplaats uw postvakken.",
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, Path::new("b"));
        assert!(found[0].message.contains("`a` (a:2)"), "{found:?}");
        // Short labels may share a translation.
        assert!(
            self::found(&[
                ("a", "Migration method", "마이그레이션 방법"),
                ("b", "Migration methods", "마이그레이션 방법"),
            ])
            .is_empty()
        );
    }

    #[test]
    fn quiet_on_the_same_translation_case_punctuation_and_trivial_segments() {
        let found = found(&[
            ("a", "Cutover migration", "Cutover-migratie"),
            ("b", "cutover migration", "cutover-migratie"),
            ("c", "Time zone updates.", "Tijdzone-updates"),
            ("d", "Time zone updates", "Tijdzone-updates."),
            ("e", "Cutover migration", "Cutover-migratie"),
            // Numbers only, and a name kept as it is, have nothing to translate.
            ("f", "2,000", "2.000"),
            ("g", "150", "150"),
            ("h", "Exchange", "Exchange"),
            ("i", "Exchange", "Exchange-server"),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn placeables_alone_are_trivial() {
        let source = "{ $count }";
        let placeables: Vec<std::ops::Range<usize>> = std::iter::once(0..source.len()).collect();
        let lines = LineIndex::new("\n");
        let mut segments = FileSegments::new("nl", Path::new("a"), "a");
        let hidden = crate::check::qa::masked(source, &placeables);
        let masked = Side {
            text: source,
            locale: "nl",
            placeables: &placeables,
            masked: &hidden,
            memo: None,
        };
        segments.add(&masked, &masked, (&lines, 0), None, false);
        assert!(segments.segments.is_empty());
        segments.add(
            &side("Duration", "en"),
            &side("Duur", "nl"),
            (&lines, 0),
            None,
            false,
        );
        assert_eq!(segments.segments.len(), 1);
    }

    #[test]
    fn messages_are_named_and_reported_by_their_ids() {
        let lines = LineIndex::new("a = Duur\nb = Looptijd\n");
        let mut messages = FileSegments::new("nl", Path::new("locales/nl/x.ftl"), "");
        // Added in id order, not file order: sorted, the first is the one on line 1.
        for (label, translation, at) in [("b.title", "Looptijd", 13), ("c", "Duur", 4)] {
            messages.add(
                &side("Duration", "en"),
                &side(translation, "nl"),
                (&lines, at),
                Some(label.to_string()),
                false,
            );
        }
        messages.sort();
        let found = check([&messages], |_| Some(Severity::Warning));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (2, 5));
        assert_eq!(found[0].id.as_deref(), Some("b"));
        assert!(
            found[0].message.contains("`c` (locales/nl/x.ftl:1)"),
            "{found:?}"
        );
        assert!(!found[0].is_error());
    }

    #[test]
    fn each_locale_alone_at_its_own_level_and_stale_units_warn() {
        let mut units = files(&[("a", "Duration", "Duur"), ("b", "Duration", "Looptijd")]);
        let mut korean = units.clone();
        for file in &mut korean {
            file.locale = "ko".into();
        }
        units.extend(korean);
        let level = |tag: &str| (tag == "nl").then_some(Severity::Error);
        let found = check(&units, level);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].locale.as_deref(), Some("nl"));
        assert!(found[0].is_error());
        assert!(check(&units, |_| None).is_empty());
        units[1].segments[0].flags |= STALE;
        let found = check(&units, |_| Some(Severity::Error));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(!found[0].is_error() && found[1].is_error());
    }
}
