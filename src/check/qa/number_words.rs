//! Numbers in words: magnitudes spelled out ("hundreds", "duizenden", "수십만") in the
//! translation that the source does not have, or the other way round — the damage that
//! turns "a few hundred to thousands" into "hundreds of thousands". Built in for English,
//! Dutch, Korean, German and French; a locale's `rules.yaml` adds words under
//! `number-words:`.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::util::pattern::Regex;

use crate::check::qa::{Finding, Patterns, Rules, Unit, built_in_for, slice, whole};
use crate::diagnostics::Code;
use crate::load::locale_qa::LocaleQa;

/// Built-in words by primary language subtag, the longer (larger) phrases first.
/// Number words of one language: pattern and the magnitude it names.
pub(crate) type Words = Patterns<u64>;

/// Compiles one language's words; only the languages a site uses are compiled.
fn compile(list: &[(&str, u64)]) -> Words {
    let list: Vec<(u64, &str)> = list
        .iter()
        .map(|(pattern, magnitude)| (*magnitude, *pattern))
        .collect();
    Patterns::compile(&list)
}

static BUILT_IN: LazyLock<Vec<(&'static str, LazyLock<Words>)>> = LazyLock::new(|| {
    vec![
        (
            "en",
            LazyLock::new(|| {
                compile(&[
                    (r"\bhundreds\s+of\s+thousands\b", 100_000),
                    (r"\btens\s+of\s+thousands\b", 10_000),
                    (r"\bhundreds\s+of\s+millions\b", 100_000_000),
                    (r"\btens\s+of\s+millions\b", 10_000_000),
                    (r"\bbillions?\b", 1_000_000_000),
                    (r"\bmillions?\b", 1_000_000),
                    (r"\bthousands?\b", 1_000),
                    (r"\bhundreds?\b", 100),
                    (r"\bdozens?\b", 12),
                    (r"\btens\b", 10),
                ])
            }),
        ),
        (
            "nl",
            LazyLock::new(|| {
                compile(&[
                    (r"\bhonderdduizend(?:en)?\b", 100_000),
                    (r"\btienduizend(?:en)?\b", 10_000),
                    (r"\bmiljard(?:en)?\b", 1_000_000_000),
                    (r"\bmiljoen(?:en)?\b", 1_000_000),
                    (r"\bduizend(?:en)?\b", 1_000),
                    (r"\bhonderd(?:en)?\b", 100),
                    (r"\btientallen\b", 10),
                    (r"\bdozijn(?:en)?\b", 12),
                ])
            }),
        ),
        (
            "ko",
            LazyLock::new(|| {
                // "수백" and "몇백" alike: a few hundred.
                compile(&[
                    (r"(?:수|몇)\s*십\s*억", 1_000_000_000),
                    (r"(?:수|몇)\s*억", 100_000_000),
                    (r"(?:수|몇)\s*천\s*만", 10_000_000),
                    (r"(?:수|몇)\s*백\s*만", 1_000_000),
                    (r"(?:수|몇)\s*십\s*만", 100_000),
                    (r"(?:수|몇)\s*만", 10_000),
                    (r"(?:수|몇)\s*천", 1_000),
                    (r"(?:수|몇)\s*백", 100),
                    (r"(?:수|몇)\s*십", 10),
                    (r"십만", 100_000),
                    (r"백만", 1_000_000),
                    (r"천만", 10_000_000),
                ])
            }),
        ),
        (
            "de",
            LazyLock::new(|| {
                compile(&[
                    (r"\bhunderttausende?n?\b", 100_000),
                    (r"\bzehntausende?n?\b", 10_000),
                    (r"\bmilliarden?\b", 1_000_000_000),
                    (r"\bmillion(?:en)?\b", 1_000_000),
                    (r"\btausende?n?\b", 1_000),
                    (r"\bhunderte?n?\b", 100),
                    (r"\bdutzende?n?\b", 12),
                ])
            }),
        ),
        (
            "fr",
            LazyLock::new(|| {
                compile(&[
                    (r"\bcentaines\s+de\s+milliers\b", 100_000),
                    (r"\bdizaines\s+de\s+milliers\b", 10_000),
                    (r"\bmilliards?\b", 1_000_000_000),
                    (r"\bmillions?\b", 1_000_000),
                    (r"\bmilliers?\b", 1_000),
                    (r"\bmille\b", 1_000),
                    (r"\bcentaines?\b", 100),
                    (r"\bdizaines?\b", 10),
                    (r"\bdouzaines?\b", 12),
                ])
            }),
        ),
    ]
});

/// The built-in number words of the language of `tag`, if Stele has any.
pub(crate) fn words(tag: &str) -> Option<&'static Words> {
    built_in_for(&BUILT_IN, tag)
}

/// The magnitudes spelled out in `text` (already masked), with their ranges; overlapping
/// words count once, the longer phrase winning.
pub(crate) fn magnitudes(
    built_in: Option<&Words>,
    extra: Option<&LocaleQa>,
    text: &str,
) -> Vec<(u64, Range<usize>)> {
    let mut words: Vec<(&Regex, u64)> = Vec::new();
    if let Some(extra) = extra {
        words.extend(
            extra
                .number_words
                .iter()
                .map(|(regex, magnitude)| (regex, *magnitude)),
        );
    }
    words.extend(built_in.into_iter().flat_map(|list| {
        list.matching(text)
            .map(|(magnitude, regex)| (regex, magnitude))
    }));
    let mut found: Vec<(u64, Range<usize>)> = Vec::new();
    for (regex, magnitude) in words {
        for hit in regex.find_iter(text) {
            let range = hit.range();
            if !found
                .iter()
                .any(|(_, taken)| taken.start < range.end && range.start < taken.end)
            {
                found.push((magnitude, range));
            }
        }
    }
    found.sort_by_key(|(_, range)| range.start);
    found
}

fn knows(built_in: Option<&Words>, extra: Option<&LocaleQa>) -> bool {
    built_in.is_some() || extra.is_some_and(|extra| !extra.number_words.is_empty())
}

fn spelled(magnitudes: &BTreeSet<u64>) -> String {
    magnitudes
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let (source_list, target_list) = rules.languages(unit).magnitudes;
    if !knows(source_list, rules.source) || !knows(target_list, rules.target) {
        return Vec::new();
    }
    let (source_text, translation_text) = (unit.source.masked, unit.translation.masked);
    // The source's words once for all its translations.
    let computed;
    let source = match unit.source.memo {
        Some(memo) => memo
            .magnitudes
            .get_or_init(|| magnitudes(source_list, rules.source, source_text)),
        None => {
            computed = magnitudes(source_list, rules.source, source_text);
            &computed
        }
    };
    let translation = magnitudes(target_list, rules.target, translation_text);
    // Most units spell out no number on either side.
    if source.is_empty() && translation.is_empty() {
        return Vec::new();
    }
    let wanted: BTreeSet<u64> = source.iter().map(|(m, _)| *m).collect();
    let found: BTreeSet<u64> = translation.iter().map(|(m, _)| *m).collect();
    let help = "numbers in words carry a fact too: keep the source's magnitudes (hundreds stay hundreds, thousands stay thousands)";
    let mut problems = Vec::new();
    for (magnitude, range) in &translation {
        if !wanted.contains(magnitude) {
            problems.push(Finding::new(
                Code::NumberWords,
                range.clone(),
                format!(
                    "the translation says \"{}\" (a magnitude of {magnitude}), which the source does not{}",
                    slice(unit.translation.text, range),
                    if wanted.is_empty() {
                        String::new()
                    } else {
                        format!(" (the source's: {})", source_words(source, unit.source.text))
                    }
                ),
                help,
            ));
            return problems;
        }
    }
    let lost: BTreeSet<u64> = wanted.difference(&found).copied().collect();
    if !lost.is_empty() {
        problems.push(Finding::new(
            Code::NumberWords,
            whole(unit.translation.text),
            format!(
                "the source says {} (a magnitude of {}), which the translation does not",
                source_words(
                    &source
                        .iter()
                        .filter(|(m, _)| lost.contains(m))
                        .cloned()
                        .collect::<Vec<_>>(),
                    unit.source.text
                ),
                spelled(&lost)
            ),
            help,
        ));
    }
    problems
}

fn source_words(found: &[(u64, Range<usize>)], text: &str) -> String {
    found
        .iter()
        .map(|(_, range)| format!("\"{}\"", slice(text, range)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;

    /// Patterns compile when first screened in; every built-in one must compile.
    #[test]
    fn every_built_in_pattern_compiles() {
        for (language, list) in BUILT_IN.iter() {
            assert!(list.broken().is_empty(), "{language}: {:?}", list.broken());
        }
    }

    fn findings(source: &str, tag: &str, translation: &str) -> Vec<Finding> {
        check(
            &owned("en", source, tag, translation).unit(),
            &Rules::default(),
        )
    }

    #[test]
    fn hundreds_to_thousands_became_hundreds_of_thousands() {
        let translation = "수 십만 명";
        let found = findings("Several hundred to thousands of seats", "ko", translation);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&translation[found[0].range.clone()], "수 십만");
        // "몇백" is "수백", a few hundred.
        assert!(
            findings(
                "fewer than a few hundred mailboxes",
                "ko",
                "사서함이 몇백 개가 안 되는"
            )
            .is_empty()
        );
        assert_eq!(
            findings(
                "fewer than a few hundred mailboxes",
                "ko",
                "사서함이 몇천 개가 안 되는"
            )
            .len(),
            1
        );
        let found = findings(
            "many hundreds, up to tens of thousands",
            "nl",
            "honderdduizenden",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_dropped_magnitude_is_reported() {
        let found = findings(
            "a few hundred or a few thousand mailboxes",
            "nl",
            "een paar duizend postvakken",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("\"hundred\""), "{found:?}");
    }

    #[test]
    fn quiet_on_the_same_magnitudes() {
        assert!(
            findings(
                "many hundreds, up to tens of thousands, of mailboxes",
                "ko",
                "수백 개에서 최대 수만 개에 이르는 사서함"
            )
            .is_empty()
        );
        assert!(
            findings(
                "a few hundred or a few thousand",
                "nl",
                "een paar honderd of een paar duizend"
            )
            .is_empty()
        );
        assert!(findings("a few hundred", "de", "ein paar hundert").is_empty());
        // Backups are not hundreds.
        assert!(findings("Back up your data.", "ko", "데이터를 백업합니다.").is_empty());
    }
}
