//! Direction: a placeable the source moves *from*, which the translation moves *to*.
//! Machine translation swaps the two ends of a move while every placeable stays intact
//! ("from { $from } to { $to }" became "{ $to }에서 { JOSA($from, "으로") }"), and the page
//! then tells a reader to migrate the wrong way.
//!
//! A placeable's end of a move is read from the word beside it: in English the preposition
//! before it ("from", "to", "into"); in the translation the word that marks a destination
//! (Dutch "naar", German "nach"/"auf"/"zu", French "vers" before it; Korean "(으)로" after
//! it or `JOSA(…, "으로")` around it, not "로부터", "로서", "로써"; and since "X로 만들다" also
//! says what a thing is made from, only where the source names the other end as well or a
//! verb of moving follows: 마이그레이션, 이동, 전환, 업그레이드…). Reported only one way:
//! a placeable the source says only "from" of, marked as a destination in the translation.
//! The other way round is not reported, because "to X" is often said as a place where
//! something happens ("add users to X" is "X에서 사용자를 추가", in X).

use std::ops::Range;

use crate::check::qa::language::primary;
use crate::check::qa::{Finding, Unit};
use crate::diagnostics::Code;

/// Where a placeable stands in a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    From,
    To,
}

/// The name a placeable's value goes by: its variable, else the fact or string it quotes,
/// else its term; two placeables with one name place the same value.
fn name_of(placeable: &str) -> &str {
    let inner = placeable.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace());
    let identifier_from = |at: usize, skip: usize| {
        let rest = &inner[at + skip..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        &inner[at..at + skip + end]
    };
    if let Some(at) = inner.find('$') {
        return identifier_from(at, 1);
    }
    if let Some(open) = inner.find('"') {
        let rest = &inner[open + 1..];
        return rest.find('"').map_or(rest, |close| &rest[..close]);
    }
    if inner.starts_with('-') {
        return identifier_from(0, 1);
    }
    inner
}

/// The word that ends `text`, lowercased.
fn last_word(text: &str) -> String {
    text.trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The ends of a move the English words before a placeable mark: "to and from X" (or
/// "from and to X") marks both.
fn english_ends(before: &str) -> Vec<End> {
    let end = |word: &str| match word {
        "from" => Some(End::From),
        "to" | "into" | "towards" | "toward" => Some(End::To),
        _ => None,
    };
    let mut words = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .rev()
        .map(str::to_lowercase);
    let Some(last) = words.next().as_deref().and_then(end) else {
        return Vec::new();
    };
    match (
        words.next().as_deref(),
        words.next().as_deref().and_then(end),
    ) {
        (Some("and" | "or"), Some(other)) => vec![last, other],
        _ => vec![last],
    }
}

/// Korean verbs (and nouns of verbs) of moving, read after a "(으)로".
const KOREAN_MOVES: &[&str] = &[
    "마이그레이션",
    "이동",
    "전환",
    "업그레이드",
    "옮",
    "이전",
    "이관",
    "넘어",
    "갈아타",
];

/// Whether the translation marks the placeable at `range` of `text` as a destination;
/// `two_ended`: the source names a destination too, so the message tells of a move.
fn marked_as_destination(
    language: &str,
    text: &str,
    range: &Range<usize>,
    two_ended: bool,
) -> bool {
    let placeable = &text[range.clone()];
    match language {
        "ko" => {
            let after = &text[range.end..];
            let rest = if placeable.contains(crate::util::particles::FUNCTION) {
                if !(placeable.contains("\"으로\"") || placeable.contains("\"로\"")) {
                    return false;
                }
                after
            } else {
                let Some(particle) = ["(으)로", "으로", "로"]
                    .into_iter()
                    .find(|particle| after.starts_with(particle))
                else {
                    return false;
                };
                let rest = &after[particle.len()..];
                if ["부터", "서", "써"]
                    .into_iter()
                    .any(|other| rest.starts_with(other))
                {
                    return false;
                }
                rest
            };
            // The two words after the particle.
            let next: String = rest
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            two_ended || KOREAN_MOVES.iter().any(|verb| next.contains(verb))
        }
        "nl" => last_word(&text[..range.start]) == "naar",
        "de" => matches!(
            last_word(&text[..range.start]).as_str(),
            "nach" | "auf" | "zu" | "zum" | "zur"
        ),
        "fr" => last_word(&text[..range.start]) == "vers",
        _ => false,
    }
}

pub(crate) fn check(unit: &Unit) -> Vec<Finding> {
    if primary(unit.source.locale) != "en" || unit.translation.placeables.is_empty() {
        return Vec::new();
    }
    let language = primary(unit.translation.locale);
    if !matches!(&*language, "ko" | "nl" | "de" | "fr") {
        return Vec::new();
    }
    // Most sources move nothing "from" a placeable: they end here.
    let source = unit.source.text;
    if !source.contains("from") && !source.contains("From") && !source.contains("FROM") {
        return Vec::new();
    }
    let ends = |name: &str| {
        unit.source
            .placeables
            .iter()
            .filter(|range| name_of(&source[(*range).clone()]) == name)
            .flat_map(|range| english_ends(&source[..range.start]))
            .collect::<Vec<_>>()
    };
    let two_ended = unit
        .source
        .placeables
        .iter()
        .any(|range| english_ends(&source[..range.start]).contains(&End::To));
    for range in unit.translation.placeables {
        let name = name_of(&unit.translation.text[range.clone()]);
        if !marked_as_destination(&language, unit.translation.text, range, two_ended) {
            continue;
        }
        let in_source = ends(name);
        if in_source.contains(&End::From) && !in_source.contains(&End::To) {
            return vec![Finding::new(
                Code::Direction,
                range.clone(),
                format!(
                    "the source moves from `{name}`, the translation moves to it: the two ends of the move may have been swapped"
                ),
                "keep each placeable at its end of the move: where the source says \"from\", the translation says where the move starts",
            )];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;

    fn findings(source: &str, tag: &str, translation: &str) -> Vec<Finding> {
        check(&owned("en", source, tag, translation).unit())
    }

    const SOURCE: &str = "Moving from { $from } to { $to } is simple, and you can reuse the server you bought for { $from }.";

    #[test]
    fn swapped_ends_are_reported_at_the_placeable_moved_to() {
        for (tag, translation, at) in [
            (
                "nl",
                "De overstap van { $to } naar { $from } is eenvoudig, en u kunt de server voor { $from } opnieuw gebruiken.",
                "{ $from }",
            ),
            (
                "ko",
                "{ $to }에서 { JOSA($from, \"으로\") } 이동하는 작업은 간단하며, { $from }용 서버를 다시 사용할 수 있습니다.",
                "{ JOSA($from, \"으로\") }",
            ),
            (
                "ko",
                "{ $to }에서 { $from }(으)로 이동하는 작업은 간단합니다. { $from }용 서버를 다시 사용할 수 있습니다.",
                "{ $from }",
            ),
            (
                "de",
                "Der Umstieg von { $to } nach { $from } ist einfach; den Server für { $from } können Sie weiter nutzen.",
                "{ $from }",
            ),
            (
                "fr",
                "Le passage de { $to } vers { $from } est simple ; vous pouvez réutiliser le serveur acheté pour { $from }.",
                "{ $from }",
            ),
        ] {
            let found = findings(SOURCE, tag, translation);
            assert_eq!(found.len(), 1, "{tag}: {found:?}");
            assert_eq!(&translation[found[0].range.clone()], at, "{tag}");
            assert_eq!(found[0].code, Code::Direction);
            assert!(found[0].message.contains("`$from`"), "{found:?}");
        }
    }

    #[test]
    fn faithful_ends_are_quiet_in_any_order() {
        for (tag, translation) in [
            (
                "nl",
                "De overstap van { $from } naar { $to } is eenvoudig, en u kunt de server voor { $from } opnieuw gebruiken.",
            ),
            (
                "ko",
                "{ $from }에서 { JOSA($to, \"으로\") } 이동하는 작업은 간단하며, { $from }용 서버를 다시 사용할 수 있습니다.",
            ),
            // Korean puts the destination first where it likes: the particles tell.
            (
                "ko",
                "{ JOSA($to, \"으로\") } { $from }에서 이동하는 작업은 간단합니다. { $from }용 서버를 다시 사용할 수 있습니다.",
            ),
            (
                "de",
                "Der Umstieg von { $from } auf { $to } ist einfach; den Server für { $from } können Sie weiter nutzen.",
            ),
        ] {
            assert!(findings(SOURCE, tag, translation).is_empty(), "{tag}");
        }
    }

    #[test]
    fn particles_that_are_no_destination_and_sources_without_from_are_quiet() {
        // "X로 만들다" is "make from X": no move, no destination.
        assert!(
            findings(
                "Create the site from { $template } in a minute.",
                "ko",
                "1분 만에 { $template }(으)로 사이트를 만듭니다."
            )
            .is_empty()
        );
        // ... unless a verb of moving follows.
        assert_eq!(
            findings(
                "It is one of the versions you can migrate to from { $source }.",
                "ko",
                "{ $source }(으)로 마이그레이션할 수 있는 버전 중 하나입니다."
            )
            .len(),
            1
        );
        // "로부터" is "from", "로서" is "as".
        assert!(
            findings(
                "Data copied from { $source } stays as it is.",
                "ko",
                "{ $source }로부터 복사된 데이터는 그대로 유지됩니다."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Export from { $source } as a file.",
                "ko",
                "{ $source }로서 파일로 내보냅니다."
            )
            .is_empty()
        );
        // No "from" in the source: nothing to compare.
        assert!(
            findings(
                "Add users to { $service }.",
                "nl",
                "Voeg gebruikers toe naar { $service }."
            )
            .is_empty()
        );
        // The source says both of one placeable: no end to keep.
        assert!(
            findings(
                "Move from { $v } to { $v } in place.",
                "nl",
                "Ga ter plekke naar { $v }."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Move mailboxes to and from { -microsoft-365 } online.",
                "ko",
                "사서함을 { -microsoft-365 }로 옮기거나 { -microsoft-365 }에서 다시 옮겨 옵니다."
            )
            .is_empty()
        );
        // A source language other than English is not read.
        assert!(
            check(
                &owned(
                    "nl",
                    "Van { $a } naar { $b }.",
                    "ko",
                    "{ $b }에서 { $a }로."
                )
                .unit()
            )
            .is_empty()
        );
    }

    #[test]
    fn a_placeable_goes_by_its_variable_fact_or_term() {
        assert_eq!(name_of("{ $from }"), "$from");
        assert_eq!(name_of("{ JOSA($to, \"으로\") }"), "$to");
        assert_eq!(name_of("{ DATETIME($date, month: \"long\") }"), "$date");
        assert_eq!(
            name_of("{{ fact(\"exchange.exchange_2016.name\") }}"),
            "exchange.exchange_2016.name"
        );
        assert_eq!(name_of("{ -microsoft-365 }"), "-microsoft-365");
    }
}
