//! Direction: a placeable told as the other end of a move. Machine translation swaps the
//! two ends of a move while every placeable stays intact ("from { $from } to { $to }"
//! became "{ $to }에서 { JOSA($from, "으로") }"), and the page then tells a reader to
//! migrate the wrong way.
//!
//! A placeable's end of a move is read from the word beside it: in English the preposition
//! before it ("from", "to", "into"); in the translation the word that marks a destination
//! (Dutch "naar", German "nach"/"auf"/"zu", French "vers" before it; Korean "(으)로" after
//! it or `JOSA(…, "으로")` around it, not "로부터", "로서", "로써") or a start (Dutch
//! "vanaf"; Korean "에서", "부터", "(으)로부터"). Korean particles say more than ends ("X로
//! 만들다" makes something from X, "X에서 추가" adds in X), so one counts only before a
//! verb of moving in its clause (마이그레이션, 이동, 전환, 업그레이드…), or, for "(으)로",
//! where the source names both ends. Reported: a placeable the source says only "from" of,
//! marked as a destination, and one it says only "to" of, marked as a start.

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

/// Korean verbs (and nouns of verbs) of moving, read after a particle. Not "이전" or
/// "넘어": they also say "previous" and "beyond".
const KOREAN_MOVES: &[&str] = &[
    "마이그레이션",
    "이동",
    "전환",
    "업그레이드",
    "옮",
    "이관",
    "갈아타",
];

/// The end of a move the translation marks the placeable at `range` of `text` as, if any;
/// `two_ended`: the source names both ends of a move somewhere, so a Korean "(으)로" is
/// read as a destination even without a verb of moving after it.
fn marked_end(language: &str, text: &str, range: &Range<usize>, two_ended: bool) -> Option<End> {
    let placeable = &text[range.clone()];
    let before = || last_word(&text[..range.start]);
    match language {
        "ko" => {
            let after = &text[range.end..];
            let (end, rest) = if placeable.contains(crate::util::particles::FUNCTION) {
                if !(placeable.contains("\"으로\"") || placeable.contains("\"로\"")) {
                    return None;
                }
                (End::To, after)
            } else {
                korean_particle(after)?
            };
            // The verb ends the Korean clause: the words after the particle up to the
            // clause's end, four at most ("X에서 사서함과 공용 폴더를 이동합니다").
            let clause = rest
                .split(['.', ',', '?', '!', '\n', '(', ')'])
                .next()
                .unwrap_or("");
            let next: String = clause
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            // "에서" is also where something happens ("X에서만 제공", only in X): as a start
            // it needs a verb of moving after it, even in a message of two ends.
            let moving = KOREAN_MOVES.iter().any(|verb| next.contains(verb));
            (moving || two_ended && end == End::To).then_some(end)
        }
        "nl" => match before().as_str() {
            "naar" => Some(End::To),
            "vanaf" => Some(End::From),
            _ => None,
        },
        "de" => {
            matches!(before().as_str(), "nach" | "auf" | "zu" | "zum" | "zur").then_some(End::To)
        }
        "fr" => (before() == "vers").then_some(End::To),
        _ => None,
    }
}

/// The end of a move a Korean particle at the start of `after` marks, and the text after
/// it: "에서", "부터", "(으)로부터" a start; "(으)로" a destination, but not "로서" (as)
/// or "로써" (by means of).
fn korean_particle(after: &str) -> Option<(End, &str)> {
    const FROM: [&str; 6] = [
        "에서부터",
        "에서",
        "(으)로부터",
        "으로부터",
        "로부터",
        "부터",
    ];
    if let Some(particle) = FROM.into_iter().find(|p| after.starts_with(p)) {
        let rest = &after[particle.len()..];
        // "X에서만", "X에서는", "X에서도": only in, as for, also in X; a place. ("X에서의"
        // is either, and the verb of moving after it decides: "X에서의 마이그레이션".)
        if ["만", "는", "도"].into_iter().any(|p| rest.starts_with(p)) {
            return None;
        }
        return Some((End::From, rest));
    }
    let particle = ["(으)로", "으로", "로"]
        .into_iter()
        .find(|particle| after.starts_with(particle))?;
    let rest = &after[particle.len()..];
    (!["서", "써"]
        .into_iter()
        .any(|other| rest.starts_with(other)))
    .then_some((End::To, rest))
}

pub(crate) fn check(unit: &Unit) -> Vec<Finding> {
    if primary(unit.source.locale) != "en" || unit.translation.placeables.is_empty() {
        return Vec::new();
    }
    let language = primary(unit.translation.locale);
    if !matches!(&*language, "ko" | "nl" | "de" | "fr") {
        return Vec::new();
    }
    let source = unit.source.text;
    let ends = |name: &str| {
        unit.source
            .placeables
            .iter()
            .filter(|range| name_of(&source[(*range).clone()]) == name)
            .flat_map(|range| english_ends(&source[..range.start]))
            .collect::<Vec<_>>()
    };
    let mut two_ended = None;
    for range in unit.translation.placeables {
        let text = unit.translation.text;
        // Most translations mark no placeable as an end: the source is read only for
        // one that does.
        let two_ended = *two_ended.get_or_insert_with(|| {
            let all: Vec<End> = unit
                .source
                .placeables
                .iter()
                .flat_map(|range| english_ends(&source[..range.start]))
                .collect();
            all.contains(&End::From) && all.contains(&End::To)
        });
        let Some(marked) = marked_end(&language, text, range, two_ended) else {
            continue;
        };
        let name = name_of(&text[range.clone()]);
        let in_source = ends(name);
        let (said, told) = match marked {
            End::To => (
                End::From,
                "moves from `{name}`, the translation moves to it",
            ),
            End::From => (End::To, "moves to `{name}`, the translation moves from it"),
        };
        if in_source.is_empty()
            && let Some(other) = moved_from(unit, &language, two_ended, name, marked)
        {
            let end = match marked {
                End::From => "from",
                End::To => "to",
            };
            return vec![Finding::new(
                Code::Direction,
                range.clone(),
                format!(
                    "the source moves {end} `{other}`, the translation {end} `{name}`: the placeables may have been swapped"
                ),
                "keep each placeable in its role: the one the source moves from (or to) is the one the translation moves from (or to)",
            )];
        }
        if in_source.contains(&said) && !in_source.contains(&marked) {
            return vec![Finding::new(
                Code::Direction,
                range.clone(),
                format!(
                    "the source {}: the two ends of the move may have been swapped",
                    told.replace("{name}", name)
                ),
                "keep each placeable at its end of the move: where the source says \"from\", the translation says where the move starts, and where it says \"to\", where it goes",
            )];
        }
    }
    Vec::new()
}

/// The placeable the source moves `end` of (and never the other way), when the
/// translation marks none of them so but marks `name` instead, which the source names at no
/// end: the role went to another placeable ("migrate to { $version } from { $source }"
/// told as a move from { $version }).
fn moved_from<'a>(
    unit: &Unit<'a>,
    language: &str,
    two_ended: bool,
    name: &str,
    end: End,
) -> Option<&'a str> {
    let source = unit.source.text;
    let translation = unit.translation.text;
    let mut holders = unit.source.placeables.iter().filter_map(|range| {
        let ends = english_ends(&source[..range.start]);
        (ends == [end]).then(|| name_of(&source[range.clone()]))
    });
    let holder = holders.next()?;
    if holder == name || holders.any(|other| other != holder) {
        return None;
    }
    let holder_marked = unit.translation.placeables.iter().any(|range| {
        name_of(&translation[range.clone()]) == holder
            && marked_end(language, translation, range, two_ended) == Some(end)
    });
    if holder_marked {
        return None;
    }
    let first = |wanted: &str| {
        unit.translation
            .placeables
            .iter()
            .find(|range| name_of(&translation[(*range).clone()]) == wanted)
    };
    // A holder the translation leaves out is `variable-mismatch`'s to report.
    let (a, b) = (first(holder)?, first(name)?);
    // "A or B" in one role: a particle after the pair marks both ("{ A } 또는 { B }로"),
    // and the words before the second may say nothing ("to A or to a newer B").
    let between = &translation[a.end.min(b.end)..a.start.max(b.start)];
    let joined = [
        "또는", "및", "이나", "와 ", "과 ", " or ", " and ", " of ", " en ", " oder ", " und ",
        " ou ", " et ", ",", "/",
    ]
    .iter()
    .any(|word| between.contains(word));
    (!joined).then_some(holder)
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
    fn swapped_ends_are_reported_at_the_first_placeable_told_the_wrong_way() {
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
            let name = name_of(at);
            assert!(found[0].message.contains(&format!("`{name}`")), "{found:?}");
        }
    }

    #[test]
    fn a_role_given_to_another_placeable_is_reported() {
        let source = "{ $version } is one of the versions you can migrate to from { $source }.";
        let translation =
            "{ $version }에서 마이그레이션할 수 있는 버전 중 하나가 { $source }입니다.";
        let found = findings(source, "ko", translation);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&translation[found[0].range.clone()], "{ $version }");
        assert!(found[0].message.contains("from `$source`"), "{found:?}");
        // Two placeables in one role, the particle after the pair.
        assert!(
            findings(
                "You can move to { -microsoft-365 } or to a newer version of { -exchange-server }:",
                "ko",
                "{ -microsoft-365 } 또는 최신 버전의 { -exchange-server }로 이동할 수 있습니다.",
            )
            .is_empty()
        );
        // Faithful: the start is the source's.
        let faithful = "{ $source }에서 마이그레이션할 수 있는 버전 중 하나가 { $version }입니다.";
        assert!(findings(source, "ko", faithful).is_empty());
        // Dutch: "vanaf" before the wrong placeable.
        let source = "Move the mailboxes of { $team } from { $old } in one weekend.";
        assert_eq!(
            findings(
                source,
                "nl",
                "Verplaats de postvakken vanaf { $team } uit { $old } in één weekend."
            )
            .len(),
            1
        );
        assert!(
            findings(
                source,
                "nl",
                "Verplaats de postvakken van { $team } vanaf { $old } in één weekend."
            )
            .is_empty()
        );
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
        // "to X" told as "from X", with a verb of moving: reported.
        for (tag, translation) in [
            ("ko", "이제 { $version }에서 마이그레이션할 때입니다."),
            ("nl", "Het is tijd om vanaf { $version } te migreren."),
        ] {
            let found = findings("It is time to migrate to { $version }.", tag, translation);
            assert_eq!(found.len(), 1, "{tag}: {found:?}");
            assert!(
                found[0].message.contains("moves to `$version`"),
                "{found:?}"
            );
        }
        // "X에서의 마이그레이션" is a migration from X.
        assert_eq!(
            findings(
                "Migration path to { $versions }",
                "ko",
                "{ $versions }에서의 마이그레이션 경로"
            )
            .len(),
            1
        );
        // "에서" as a place in a message of two ends: quiet.
        assert!(
            findings(
                "Migrate from { $source } to { -microsoft-365 }; some features are available only in { -microsoft-365 }.",
                "ko",
                "{ $source }에서 { -microsoft-365 }(으)로 마이그레이션하세요. 일부 기능은 { -microsoft-365 }에서만 제공됩니다."
            )
            .is_empty()
        );
        // A place, not an end: "add users to X" is "X에서 사용자를 추가" (in X).
        assert!(
            findings(
                "Add users to { $service } first.",
                "ko",
                "먼저 { $service }에서 사용자를 추가합니다."
            )
            .is_empty()
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
    fn legitimate_translations_of_moves_are_quiet() {
        for (source, tag, translation) in [
            (
                "Upgrade from { $source } to { $target } in place.",
                "ko",
                "{ $source }에서 { JOSA($target, \"으로\") } 현재 위치 업그레이드를 수행합니다.",
            ),
            (
                "Move mailboxes to { $version } servers.",
                "ko",
                "사서함을 { $version } 서버로 이동합니다.",
            ),
            (
                "Users keep working in { $product } while mailboxes move to { $target }.",
                "ko",
                "사서함이 { JOSA($target, \"으로\") } 이동하는 동안 사용자는 { $product }에서 계속 작업합니다.",
            ),
            (
                "Data from { $source } is copied to { $target }.",
                "ko",
                "{ $source }의 데이터가 { JOSA($target, \"으로\") } 복사됩니다.",
            ),
            (
                "Go to { $url } to download it.",
                "ko",
                "{ $url }에서 다운로드하세요.",
            ),
            (
                "Sign in to { -microsoft-365 } and move your mailboxes.",
                "ko",
                "{ -microsoft-365 }에 로그인하고 사서함을 이동하세요.",
            ),
            (
                "Migrate to { $version } from { $source }.",
                "ko",
                "{ $source }에서 { $version }(으)로 마이그레이션합니다.",
            ),
            (
                "Move to { $version } from { $source } in stages. In { $version }, the admin center changes.",
                "ko",
                "{ $source }에서 { JOSA($version, \"으로\") } 단계적으로 이동합니다. { $version }에서는 관리 센터가 바뀝니다.",
            ),
            (
                "Switch from { $old } to { $new }.",
                "nl",
                "Stap over van { $old } naar { $new }.",
            ),
            (
                "Starting from { $date }, support ends.",
                "nl",
                "Vanaf { $date } eindigt de ondersteuning.",
            ),
            (
                "You can move to { $version } from { $source }.",
                "nl",
                "U kunt vanaf { $source } naar { $version } overstappen.",
            ),
            (
                "Copy the settings to { $target }, then move { $source } away.",
                "nl",
                "Kopieer de instellingen naar { $target } en verplaats daarna { $source }.",
            ),
        ] {
            assert!(
                findings(source, tag, translation).is_empty(),
                "{tag}: {translation}"
            );
        }
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
