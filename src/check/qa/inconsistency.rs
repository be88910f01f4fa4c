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
use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::check::qa::{Side, masked};
use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity};
use crate::util::digest::{Digest, digest};

/// One translated text of a locale, as the locale-wide comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub(crate) locale: String,
    /// Fingerprints of the normalized source and translation.
    source: Digest,
    translation: Digest,
    /// Whether the source is long enough that sharing a translation with another source is
    /// suspect (see [`LONG_SOURCE_WORDS`]).
    long_source: bool,
    /// Where the translation starts: file, 1-based line and column, byte offset.
    file: PathBuf,
    line: u32,
    column: u32,
    at: usize,
    /// What names the unit to people (`method-duration`, "block 3 (paragraph) of `about`"),
    /// and the diagnostic id it is reported under.
    label: String,
    id: String,
    /// Its source changed since its review: its findings are warnings.
    stale: bool,
}

/// Where a translated unit is, for [`Segment::new`].
pub(crate) struct Place<'a> {
    pub(crate) file: &'a std::path::Path,
    pub(crate) lines: &'a LineIndex<'a>,
    /// Byte offset of the translation's first character in the file.
    pub(crate) at: usize,
    pub(crate) label: String,
    pub(crate) id: &'a str,
    pub(crate) stale: bool,
}

impl Segment {
    /// The segment of a translated unit; `None` when it has nothing to compare (numbers or
    /// placeables only, or a one-word name the translation keeps as it is).
    pub(crate) fn new(source: &Side, translation: &Side, place: Place) -> Option<Segment> {
        let (source_key, translation_key) = (key(source)?, key(translation)?);
        if !source_key.contains(char::is_whitespace) && source_key == translation_key {
            return None;
        }
        let (line, column) = place.lines.line_column(place.at);
        Some(Segment {
            locale: translation.locale.to_string(),
            source: digest(source_key.as_bytes()),
            translation: digest(translation_key.as_bytes()),
            long_source: long_enough(source),
            file: place.file.to_path_buf(),
            line,
            column,
            at: place.at,
            label: place.label,
            id: place.id.to_string(),
            stale: place.stale,
        })
    }

    fn place(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }

    fn span(&self) -> Range<usize> {
        self.at..self.at + 1
    }
}

/// The normalized text: lowercased, white space collapsed, a closing full stop, colon or
/// semicolon dropped; `None` when nothing but placeables, digits and punctuation is left.
fn key(side: &Side) -> Option<String> {
    let words = masked(side.text, side.placeables);
    if !words.chars().any(char::is_alphabetic) {
        return None;
    }
    let joined = side
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    Some(
        joined
            .trim_end_matches(['.', ':', ';', '。'])
            .trim_end()
            .to_string(),
    )
}

/// Words a source needs before two sources sharing a translation count as a problem:
/// short labels legitimately collapse ("Migration method" and "Migration methods" in a
/// language without plurals, "More information" and "Further reading" as headings).
const LONG_SOURCE_WORDS: usize = 3;

fn long_enough(side: &Side) -> bool {
    masked(side.text, side.placeables)
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count()
        >= LONG_SOURCE_WORDS
}

/// The inconsistencies among `segments` (in site order: messages, then pages), each at the
/// later segment of a pair and naming the first. `level` gives a locale's severity for
/// the code (`None`: off). Linear: one pass, two hash maps per locale.
pub(crate) fn check<'s>(
    segments: impl IntoIterator<Item = &'s Segment>,
    level: impl Fn(&str) -> Option<Severity>,
) -> Vec<Diagnostic> {
    let mut levels: HashMap<&str, Option<Severity>> = HashMap::new();
    let mut by_source: HashMap<(&str, Digest), &Segment> = HashMap::new();
    let mut by_translation: HashMap<(&str, Digest), &Segment> = HashMap::new();
    let mut found = Vec::new();
    for segment in segments {
        let locale = segment.locale.as_str();
        let Some(severity) = *levels.entry(locale).or_insert_with(|| level(locale)) else {
            continue;
        };
        let first_source = *by_source.entry((locale, segment.source)).or_insert(segment);
        let first_translation = *by_translation
            .entry((locale, segment.translation))
            .or_insert(segment);
        let (message, help) = if first_source.translation != segment.translation {
            (
                format!(
                    "the same source text is translated another way in `{}` ({})",
                    first_source.label,
                    first_source.place()
                ),
                format!(
                    "translate one source text the same way throughout the locale, or make the source texts differ (the first: {})",
                    first_source.place()
                ),
            )
        } else if first_translation.source != segment.source
            && segment.long_source
            && first_translation.long_source
        {
            (
                format!(
                    "`{}` ({}) has the same translation, but its source text differs",
                    first_translation.label,
                    first_translation.place()
                ),
                format!(
                    "two different source texts rarely mean the same thing: make each translation say what its source says (the other: {})",
                    first_translation.place()
                ),
            )
        } else {
            continue;
        };
        let severity = if segment.stale {
            Severity::Warning
        } else {
            severity
        };
        let diagnostic = match severity {
            Severity::Error => Diagnostic::error(Code::Inconsistency, &segment.file, message),
            Severity::Warning => Diagnostic::warning(Code::Inconsistency, &segment.file, message),
        };
        let mut diagnostic = diagnostic
            .at(segment.line, segment.column)
            .locale(locale)
            .id(&segment.id)
            .help(help);
        diagnostic.span = Some(segment.span());
        found.push(diagnostic);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn side<'a>(text: &'a str, locale: &'a str) -> Side<'a> {
        Side {
            text,
            locale,
            placeables: &[],
        }
    }

    /// Segments of `(file, source, translation)` in Dutch, each translation alone on line
    /// `index + 1` of its file.
    fn segments(units: &[(&str, &str, &str)]) -> Vec<Segment> {
        let text = "\n".repeat(units.len() + 1);
        let lines = LineIndex::new(&text);
        units
            .iter()
            .enumerate()
            .filter_map(|(index, (file, source, translation))| {
                Segment::new(
                    &side(source, "en"),
                    &side(translation, "nl"),
                    Place {
                        file: Path::new(file),
                        lines: &lines,
                        at: index,
                        label: format!("unit-{index}"),
                        id: "x",
                        stale: false,
                    },
                )
            })
            .collect()
    }

    fn found(units: &[(&str, &str, &str)]) -> Vec<Diagnostic> {
        check(&segments(units), |_| Some(Severity::Error))
    }

    #[test]
    fn one_source_two_translations_at_the_later_naming_the_first() {
        let found = found(&[
            ("a.nl.md", "Duration", "Duur"),
            ("b.nl.md", "Duration", "Looptijd"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, Path::new("b.nl.md"));
        assert_eq!(found[0].line, 2);
        assert!(
            found[0].message.contains("`unit-0` (a.nl.md:1)"),
            "{found:?}"
        );
        assert!(found[0].help.as_deref().unwrap_or("").contains("a.nl.md:1"));
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
        assert_eq!(found[0].line, 2);
        assert!(found[0].message.contains("`unit-0`"), "{found:?}");
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
        let placeables = [0..source.len()];
        let lines = LineIndex::new("\n");
        let place = || Place {
            file: Path::new("a"),
            lines: &lines,
            at: 0,
            label: "a".into(),
            id: "a",
            stale: false,
        };
        let side = |text| Side {
            text,
            locale: "nl",
            placeables: &placeables,
        };
        assert!(Segment::new(&side(source), &side(source), place()).is_none());
        let plain = |text| Side {
            text,
            locale: "nl",
            placeables: &[],
        };
        assert!(Segment::new(&plain("Duration"), &plain("Duur"), place()).is_some());
    }

    #[test]
    fn each_locale_alone_at_its_own_level_and_stale_units_warn() {
        let mut units = segments(&[("a", "Duration", "Duur"), ("b", "Duration", "Looptijd")]);
        let mut korean = units.clone();
        for segment in &mut korean {
            segment.locale = "ko".into();
        }
        korean[1].translation = korean[0].translation;
        units.extend(korean);
        let level = |tag: &str| (tag == "nl").then_some(Severity::Error);
        let found = check(&units, level);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].is_error());
        assert!(check(&units, |_| None).is_empty());
        units[1].stale = true;
        let found = check(&units, |_| Some(Severity::Error));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].is_error());
    }
}
