//! Inconsistency (Xbench's and CheckMate's "inconsistency in target / in source"): within
//! one locale, one source text translated two ways, or two different source texts given
//! the same translation. Case, white space and a closing full stop or colon do not count
//! as a difference.

use std::collections::HashMap;

use crate::check::qa::language::is_letter;
use crate::check::qa::{Finding, Side, whole};
use crate::diagnostics::Code;

/// One translated text among the others of its locale.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    /// What names the unit to people: a message id, a page and block.
    pub(crate) label: &'a str,
    pub(crate) source: Side<'a>,
    pub(crate) translation: Side<'a>,
}

fn key(side: &Side) -> Option<String> {
    let words = side.masked;
    if !words.chars().any(is_letter) {
        return None;
    }
    // The words joined by single spaces and lowercased, in one pass: a word lowercases
    // the same alone as within its text, and lowercasing makes no white space.
    let mut joined = String::with_capacity(side.text.len());
    for word in side.text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        if word.is_ascii() {
            joined.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            joined.push_str(&word.to_lowercase());
        }
    }
    let kept = joined
        .trim_end_matches(['.', ':', ';', '。'])
        .trim_end()
        .len();
    joined.truncate(kept);
    Some(joined)
}

/// Words a source needs before two sources sharing a translation count as a problem:
/// short labels legitimately collapse ("Migration method" and "Migration methods" in a
/// language without plurals, "More information" and "Further reading" as headings).
const LONG_SOURCE_WORDS: usize = 3;

fn long_enough(side: &Side) -> bool {
    side.masked
        .split_whitespace()
        .filter(|word| word.chars().any(is_letter))
        .count()
        >= LONG_SOURCE_WORDS
}

/// The findings, each with the index of the entry it is about: both entries of a pair are
/// reported, each naming the other, since either may be the wrong one.
pub(crate) fn check(entries: &[Entry]) -> Vec<(usize, Finding)> {
    let mut by_source: HashMap<String, usize> = HashMap::new();
    let mut by_translation: HashMap<String, usize> = HashMap::new();
    let mut found = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let (Some(source), Some(translation)) = (key(&entry.source), key(&entry.translation))
        else {
            continue;
        };
        let first_source = *by_source.entry(source.clone()).or_insert(index);
        let first_translation = *by_translation.entry(translation.clone()).or_insert(index);
        if first_source != index
            && key(&entries[first_source].translation).as_ref() != Some(&translation)
        {
            for (here, there) in [(index, first_source), (first_source, index)] {
                let (entry, other) = (&entries[here], &entries[there]);
                found.push((
                    here,
                    Finding::new(
                        Code::Inconsistency,
                        whole(entry.translation.text),
                        format!(
                            "the same source text is translated differently in `{}`: \"{}\"",
                            other.label,
                            other.translation.text.trim()
                        ),
                        format!(
                            "translate \"{}\" the same way everywhere, or make the source texts differ",
                            entry.source.text.trim()
                        ),
                    ),
                ));
            }
        } else if first_translation != index
            && key(&entries[first_translation].source).as_ref() != Some(&source)
            && long_enough(&entry.source)
            && long_enough(&entries[first_translation].source)
        {
            for (here, there) in [(index, first_translation), (first_translation, index)] {
                let (entry, other) = (&entries[here], &entries[there]);
                found.push((
                    here,
                    Finding::new(
                        Code::Inconsistency,
                        whole(entry.translation.text),
                        format!(
                            "`{}` has the same translation, but its source differs: \"{}\" here, \"{}\" there",
                            other.label,
                            entry.source.text.trim(),
                            other.source.text.trim()
                        ),
                        "two different source texts rarely mean the same thing: make the translations say what each source says",
                    ),
                ));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side<'a>(text: &'a str, locale: &'static str) -> Side<'a> {
        Side {
            text,
            locale,
            placeables: &[],
            masked: text,
        }
    }

    fn entries<'a>(pairs: &'a [(&'a str, &'a str, &'a str)]) -> Vec<Entry<'a>> {
        pairs
            .iter()
            .map(|(label, source, translation)| Entry {
                label,
                source: side(source, "en"),
                translation: side(translation, "nl"),
            })
            .collect()
    }

    #[test]
    fn one_source_two_translations() {
        let pairs = [("a", "Duration", "Duur"), ("b", "Duration", "Looptijd")];
        let found = check(&entries(&pairs));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, 1);
        assert!(found[0].1.message.contains("`a`"));
        assert_eq!(found[1].0, 0);
        assert!(found[1].1.message.contains("`b`"));
    }

    #[test]
    fn two_sources_one_translation() {
        let pairs = [
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
        ];
        let found = check(&entries(&pairs));
        assert_eq!(found.len(), 2, "{found:?}");
        // Short labels may share a translation.
        let pairs = [
            ("a", "Migration method", "마이그레이션 방법"),
            ("b", "Migration methods", "마이그레이션 방법"),
        ];
        assert!(check(&entries(&pairs)).is_empty());
    }

    #[test]
    fn quiet_on_case_and_closing_punctuation() {
        let pairs = [
            ("a", "Cutover migration", "Cutover-migratie"),
            ("b", "cutover migration", "cutover-migratie"),
            ("c", "Time zone updates.", "Tijdzone-updates"),
            ("d", "Time zone updates", "Tijdzone-updates."),
        ];
        assert!(check(&entries(&pairs)).is_empty());
    }
}
