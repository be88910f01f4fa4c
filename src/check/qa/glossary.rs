//! Glossary (Xbench's "key terms", CheckMate's terminology check): where the source says a
//! glossary term, the translation must use one of its required renderings and none of
//! its forbidden ones.

use std::ops::Range;

use crate::check::qa::{Finding, Rules, Unit, qualifiers, screen, slice, whole};
use crate::diagnostics::Code;
use crate::load::locale_qa::GlossaryEntry;

/// A term the source says: its entry, the needles of its wordings (built-in qualifiers
/// only), and where the source says it.
type Present<'e> = (
    &'e GlossaryEntry,
    Option<&'e qualifiers::EntryNeedles>,
    Range<usize>,
);

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let entries = rules.glossary();
    let (source, translation) = (unit.source.masked, unit.translation.masked);
    // The built-in qualifiers in the source: most sources have none. Found once for all
    // the source's translations.
    let computed;
    let built_in = match rules.languages(unit).qualifiers {
        Some(screened) => {
            let matches = match unit.source.memo {
                Some(memo) => memo
                    .qualifiers
                    .get_or_init(|| qualifiers::source_matches(source)),
                None => {
                    computed = qualifiers::source_matches(source);
                    &computed
                }
            };
            (!matches.is_empty()).then_some((screened, matches))
        }
        None => None,
    };
    if entries.is_empty() && built_in.is_none() {
        return Vec::new();
    }
    // Entries in the order their terms appear in the source.
    let mut present: Vec<Present> = entries
        .iter()
        .filter_map(|entry| entry.source.find(source).map(|m| (entry, None, m.range())))
        .collect();
    // A built-in qualifier yields to the locale's own entry for the same words ("fewer"
    // inside the glossary's "fewer than").
    let own: Vec<Range<usize>> = present.iter().map(|(_, _, at)| at.clone()).collect();
    // Every wording of a built-in qualifier is a term of its own ("only ... just" wants two
    // renderings), unless a longer one holds it: "more than" inside "no more than" is that
    // qualifier's, not its opposite's.
    let mut qualifiers: Vec<Present> = built_in
        .map(|(screened, matches)| {
            screened
                .occurrences(matches)
                .map(|(entry, needles, at)| (entry, Some(needles), at))
                .collect()
        })
        .unwrap_or_default();
    let held = |m: &Range<usize>, by: &Range<usize>| {
        by.start <= m.start && m.end <= by.end && by.len() > m.len()
    };
    let all: Vec<Range<usize>> = qualifiers.iter().map(|(_, _, at)| at.clone()).collect();
    qualifiers.retain(|(_, _, m)| {
        !own.iter()
            .any(|taken| taken.start < m.end && m.start < taken.end)
            && !all.iter().any(|other| held(m, other))
    });
    present.extend(qualifiers);
    present.sort_by_key(|(_, _, at)| at.start);
    // Each entry's renderings in the translation, scanned once however often the source
    // says its term, and only when asked for: a term that may go unsaid (a quantifier)
    // needs them only to tell whether a forbidden wording is another term's.
    let mut entries: Vec<(&GlossaryEntry, Option<&qualifiers::EntryNeedles>)> = Vec::new();
    let slot: Vec<usize> = present
        .iter()
        .map(|(entry, needles, _)| {
            entries
                .iter()
                .position(|(known, _)| std::ptr::eq(*known, *entry))
                .unwrap_or_else(|| {
                    entries.push((entry, *needles));
                    entries.len() - 1
                })
        })
        .collect();
    // The translation with its ASCII letters lowered, for the needles: made at the first
    // wording that has them.
    let lowered = std::cell::OnceCell::new();
    let may_match = |needles: Option<&Vec<screen::Needles>>, index: usize| {
        needles
            .and_then(|needles| needles.get(index))
            .is_none_or(|needles| {
                needles.may_match(
                    lowered
                        .get_or_init(|| translation.to_ascii_lowercase())
                        .as_bytes(),
                )
            })
    };
    let scans: Vec<std::cell::OnceCell<Vec<Range<usize>>>> =
        entries.iter().map(|_| std::cell::OnceCell::new()).collect();
    type Wordings<'e> = (Vec<(&'e String, Vec<Range<usize>>)>, usize);
    let forbidden_scans: Vec<std::cell::OnceCell<Wordings>> =
        entries.iter().map(|_| std::cell::OnceCell::new()).collect();
    let renderings_of = |term: usize| -> &Vec<Range<usize>> {
        let at = slot[term];
        let (entry, needles) = entries[at];
        scans[at].get_or_init(|| {
            entry
                .target_patterns
                .iter()
                .enumerate()
                .filter(|(index, _)| may_match(needles.map(|n| &n.targets), *index))
                .flat_map(|(_, pattern)| pattern.find_iter(translation).map(|m| m.range()))
                .collect()
        })
    };
    // A rendering in the translation answers one term only ("이하" cannot stand for both
    // "no more than" and "or less"): the terms that need one are matched to renderings one
    // to one.
    let needed: Vec<Vec<Range<usize>>> = present
        .iter()
        .enumerate()
        .map(|(term, (entry, _, _))| {
            if entry.required {
                renderings_of(term).clone()
            } else {
                Vec::new()
            }
        })
        .collect();
    let answered = one_to_one(&needed);
    let mut found = Vec::new();
    for (index, (entry, needles, term)) in present.iter().enumerate() {
        let said = &source[term.clone()];
        // A forbidden wording that renders another term of the source is that term's
        // ("niet meer dan" for the "no more than" beside a "more than"), unless the
        // translation says such wordings more often than the source says that term: then
        // one of them may be this term turned round ("can't be installed … remove every
        // server" that became "… geïnstalleerd … alle servers installeren").
        let times_said = |term: usize| slot.iter().filter(|at| **at == slot[term]).count();
        // Scanned once per entry, however often the source says its term.
        let (wordings, often) = forbidden_scans[slot[index]].get_or_init(|| {
            let wordings: Vec<(&String, Vec<Range<usize>>)> = entry
                .forbidden
                .iter()
                .enumerate()
                .map(|(at, (wording, pattern))| {
                    if may_match(needles.map(|n| &n.forbidden), at) {
                        (wording, all_marked(pattern, translation))
                    } else {
                        (wording, Vec::new())
                    }
                })
                .collect();
            let often = places(
                &wordings
                    .iter()
                    .flat_map(|(_, ranges)| ranges.iter().cloned())
                    .collect::<Vec<_>>(),
            );
            (wordings, often)
        });
        let renders_other = |at: &Range<usize>| {
            (0..present.len()).any(|other| {
                slot[other] != slot[index]
                    && renderings_of(other)
                        .iter()
                        .any(|range| range.start < at.end && at.start < range.end)
                    && *often <= times_said(other)
            })
        };
        if let Some((wording, at)) = wordings.iter().find_map(|(wording, ranges)| {
            ranges
                .iter()
                .find(|range| !renders_other(range))
                .map(|range| (*wording, range.clone()))
        }) {
            // A term that may go unsaid, and is said as often as the source says it: the
            // opposite beside it is another word's ("moet" for an imperative beside the
            // "kunt" of "before you can"), not the term turned round. Said less often, one
            // of its places may be the one turned ("elk postvak … elk van die" that became
            // "enkele postvakken … elk van die").
            if !entry.required && places(renderings_of(index)) >= times_said(index) {
                continue;
            }
            found.push(Finding::new(
                Code::Glossary,
                at.clone(),
                format!(
                    "\"{}\" is a forbidden rendering of \"{said}\" (glossary: \"{wording}\")",
                    slice(unit.translation.text, &at)
                ),
                render_help(entry),
            ));
            continue;
        }
        if !entry.required || entry.target_patterns.is_empty() || answered[index] {
            continue;
        }
        found.push(Finding::new(
            Code::Glossary,
            whole(unit.translation.text),
            format!(
                "the source says \"{said}\", but the translation has none of the glossary's renderings: {}",
                quoted(&entry.targets)
            ),
            render_help(entry),
        ));
    }
    found
}

/// In how many places of a text `ranges` are: overlapping renderings ("uitschakel" and
/// "uit" in "uitschakelt") are one word said once.
fn places(ranges: &[Range<usize>]) -> usize {
    let mut sorted: Vec<&Range<usize>> = ranges.iter().collect();
    sorted.sort_by_key(|range| (range.start, range.end));
    let mut count = 0;
    let mut end = 0;
    for range in sorted {
        if count == 0 || range.start >= end {
            count += 1;
            end = range.end;
        } else {
            end = end.max(range.end);
        }
    }
    count
}

/// Where `pattern` matches `text`: the words its first group that took part marks, if it
/// has groups (a wording found by its context, such as the number before a unit,
/// "{ $n } (maanden)"), or else the whole match.
fn all_marked(pattern: &crate::util::pattern::Regex, text: &str) -> Vec<Range<usize>> {
    if pattern.captures_len() > 1 {
        pattern
            .captures_iter(text)
            .filter_map(|captures| {
                let group = (1..captures.group_len()).find_map(|group| captures.get_group(group));
                Some(group.or_else(|| captures.get_group(0))?.range())
            })
            .collect()
    } else {
        pattern.find_iter(text).map(|m| m.range()).collect()
    }
}

/// Which terms get a rendering of their own, each rendering (a range of the translation)
/// answering one term: a maximum bipartite matching (Kuhn's augmenting paths; a message
/// has a handful of terms).
fn one_to_one(candidates: &[Vec<Range<usize>>]) -> Vec<bool> {
    fn augment(
        term: usize,
        candidates: &[Vec<Range<usize>>],
        owner: &mut Vec<(Range<usize>, usize)>,
        visited: &mut Vec<Range<usize>>,
    ) -> bool {
        for range in &candidates[term] {
            if visited.contains(range) {
                continue;
            }
            visited.push(range.clone());
            let holder = owner.iter().position(|(taken, _)| taken == range);
            match holder {
                None => {
                    owner.push((range.clone(), term));
                    return true;
                }
                Some(slot) => {
                    let other = owner[slot].1;
                    if augment(other, candidates, owner, visited) {
                        if let Some(slot) = owner
                            .iter()
                            .position(|(taken, t)| taken == range && *t == other)
                        {
                            owner[slot].1 = term;
                        }
                        return true;
                    }
                }
            }
        }
        false
    }
    let mut owner: Vec<(Range<usize>, usize)> = Vec::new();
    (0..candidates.len())
        .map(|term| augment(term, candidates, &mut owner, &mut Vec::new()))
        .collect()
}

fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|item| format!("\"{item}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How to put a finding of `entry` right, with the entry's note if it has one.
fn render_help(entry: &GlossaryEntry) -> String {
    let (targets, term) = (&entry.targets, &entry.term);
    let note = entry
        .note
        .as_ref()
        .map(|note| format!(" ({note})"))
        .unwrap_or_default();
    if targets.is_empty() {
        format!("the glossary forbids this rendering of \"{term}\"{note}")
    } else {
        format!(
            "translate \"{term}\" as {}{note}; the glossary is the locale folder's glossary.yaml",
            quoted(targets)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;
    use crate::load::locale_qa::{LocaleQa, term_pattern, wording_pattern};

    fn locale() -> LocaleQa {
        let entry = |source: &str, targets: &[&str], forbidden: &[&str]| GlossaryEntry {
            term: source.to_string(),
            source: term_pattern(source).unwrap(),
            targets: targets.iter().map(|t| t.to_string()).collect(),
            target_patterns: targets
                .iter()
                .map(|t| wording_pattern(t, false).unwrap())
                .collect(),
            forbidden: forbidden
                .iter()
                .map(|f| (f.to_string(), wording_pattern(f, true).unwrap()))
                .collect(),
            note: None,
            required: true,
        };
        LocaleQa {
            glossary: vec![
                entry("staged migration", &["단계적"], &["스테이징"]),
                entry("mailbox", &["사서함"], &[]),
                entry("no more than", &["이하"], &[]),
                entry("or less", &["이하", "이내"], &[]),
            ],
            ..LocaleQa::default()
        }
    }

    fn findings(source: &str, translation: &str) -> Vec<Finding> {
        let target = locale();
        let rules = Rules {
            target: Some(&target),
            ..Rules::default()
        };
        check(&owned("en", source, "ko", translation).unit(), &rules)
    }

    #[test]
    fn a_method_translated_as_another_is_reported() {
        let found = findings(
            "Use a staged migration.",
            "단독형 마이그레이션을 사용합니다.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("\"단계적\""));
    }

    #[test]
    fn a_forbidden_rendering_is_located() {
        let translation = "스테이징 마이그레이션을 사용합니다.";
        let found = findings("Use a staged migration.", translation);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&translation[found[0].range.clone()], "스테이징");
    }

    #[test]
    fn one_rendering_answers_one_term() {
        let source = "Finish in { $weeks } weeks or less, with no more than { $n } mailboxes.";
        assert!(
            findings(
                source,
                "{ $weeks }주 이내에 완료하고 사서함은 { $n }개 이하로 합니다."
            )
            .is_empty()
        );
        let found = findings(
            source,
            "{ $weeks }주가 지난 후 완료하고 사서함은 { $n }개 이하로 합니다.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    /// "More than" turned into "fewer than" is reported; its renderings keep it. Order in
    /// time ("before", "after") is not a built-in qualifier: Korean says "after X" as
    /// "X하면" as often as "X 후", and Dutch "zodra" as often as "na".
    #[test]
    fn more_than_keeps_its_direction() {
        for (source, kept, turned) in [
            (
                "More than { $seats } seats",
                "시트 { $seats }개 초과",
                "시트 { $seats }개 미만",
            ),
            (
                "Deploy more than { $n } servers.",
                "서버를 { $n }대 넘게 배포합니다.",
                "서버를 { $n }대 배포합니다.",
            ),
        ] {
            assert!(findings(source, kept).is_empty(), "{kept}");
            let found = findings(source, turned);
            assert_eq!(found.len(), 1, "{turned}: {found:?}");
        }
        // "No more than" is the glossary's own entry here, and "이하" answers it.
        assert!(findings("No more than { $n } mailboxes.", "사서함 { $n }개 이하").is_empty());
    }

    #[test]
    fn quiet_on_the_right_term_plural_and_placeables() {
        assert!(
            findings(
                "Move { $count } mailboxes.",
                "사서함 { $count }개를 이동합니다."
            )
            .is_empty()
        );
        // A term placeable whose id contains the word is not the word.
        assert!(findings("{ -role-mailbox }", "{ -role-mailbox }").is_empty());
    }

    #[test]
    fn overlapping_renderings_are_one_place() {
        assert_eq!(places(&[]), 0);
        assert_eq!(places(&[0..10, 0..3]), 1);
        assert_eq!(places(&[12..15, 0..10, 2..4]), 2);
        assert_eq!(places(&[0..3, 3..6]), 2);
    }
}
