//! Tense: what the source says has happened, told in the translation as still to come.
//! Machine translation moves facts in time ("reached end of support in April 2017"
//! became "지원이 종료됩니다", support *ends*; "have changed since 2013" became "zullen
//! wijzigen"), and a reader plans by it.
//!
//! Reported only where it is plain on both sides: a source sentence that speaks of the past
//! (a perfect, `was`/`were`/`did`/`ago`, or a past form of a milestone verb such as
//! "reached" or "released") and of no future or possibility, whose translation has an
//! explicit future marker (Dutch `zal`/`zullen`, `binnenkort`, `gepland`; Korean
//! `-ㄹ 것입니다`, `예정`, `-겠`, `앞으로`, `향후`; German `werden` with an infinitive
//! ending its clause, `bald`, `voraussichtlich`; French `sera`, `bientôt`, `prévu` and the
//! simple future by its ending, `-era`, `-ira`, `-dra`). Sentences are paired where both texts
//! have as many; otherwise the texts are compared as wholes. Languages without a list are
//! not checked.

use std::ops::Range;
use std::sync::LazyLock;

use crate::util::pattern::Regex;
use aho_corasick::{AhoCorasick, MatchKind};

use crate::check::qa::language::primary;
use crate::check::qa::{Finding, Unit, sentences};
use crate::diagnostics::Code;

/// A perfect or a past that needs no look at the word before it; a contracted perfect
/// ("you've been missing", "it's been") too, but not "'s" before a participle, which is
/// as often "is" ("it's used").
const PAST: &str = r"(?i)\b(?:(?:has|have|had|hasn't|haven't|hadn't)\s+(?:(?:already|now|just|recently|long|not|never|since|also|largely|mostly)\s+)?(?:been|\w+ed|done|gone|made|taken|given|seen|known|shown|written|become|come|begun|built|sent|left|lost|held|set|put|got|gotten|found|kept|brought|bought|thought|told|said|paid|chosen|grown|run|won|drawn|fallen|risen|spent|shut|cut)|was|were|wasn't|weren't|did|didn't|ago|previously|formerly)\b|'ve\s+(?:(?:already|just|recently|long|never|also)\s+)?(?:been|\w+ed|done|gone|made|taken|given|seen|known|shown|written|become|come|begun|built|sent|left|lost|held|kept|found|got|chosen)\b|'s\s+(?:already\s+|just\s+|never\s+)?been\b";

/// Past forms of the verbs that date a release ("reached end of support"); a passive or
/// an adjective reads the same ("is released", "the released version"), so the word before
/// decides.
const MILESTONE: &str = r"(?i)\b(?:reached|ended|released|retired|expired|launched|shipped|announced|introduced|became|began|came|went|stopped|changed|moved)\b";

/// Words before a milestone form that make it no past: a passive, an infinitive, an
/// article or a possessive before an adjective.
const NOT_PAST_BEFORE: &[&str] = &[
    "is", "are", "be", "been", "being", "get", "gets", "getting", "will", "to", "the", "a", "an",
    "this", "that", "these", "those", "its", "their", "your", "our", "his", "her", "newly", "not",
];

/// The source looks ahead or speaks of what may be: then a future in the translation can
/// be faithful.
const AHEAD: &str = r"(?i)(?:\b(?:will|shall|won't|going\s+to|would|could|might|may|plans?|planned|planning|schedule[ds]?|upcoming|future|soon|later|next|expect|expects|expected|until|when|once|if|before|after|probably|likely|perhaps|presumably)\b|'ll\b|'d\b)";

/// Dutch future markers, whole words; the last two also as the start of one
/// ("toekomstige", "geplande").
const FUTURE_NL: &[&str] = &[
    "zal",
    "zullen",
    "zult",
    "binnenkort",
    "komende",
    "toekomst",
    "gepland",
];
const FUTURE_NL_STEMS: usize = 2;

/// Korean future markers; the last three count only after the prospective `-ㄹ`
/// ("변경될 것입니다").
const FUTURE_KO: &[&str] = &[
    "예정",
    "앞으로",
    "향후",
    "겠",
    "될 ",
    " 것이",
    " 것입",
    " 겁니",
];

/// The marker of [`FUTURE_KO`] that is the adnominal future of 되다 ("종료될 버전", the
/// version whose support *will* end), and the words after it that make it none: "될 수"
/// (can be), "될 때" (when), "될 경우" (in case), "될 필요" (need to be).
const KO_WILL_BE: usize = 4;
const NOT_AFTER_WILL_BE: &[&str] = &[
    "수",
    "때",
    "경우",
    "필요",
    "만큼",
    "정도",
    "뿐",
    "가능성",
    "것을",
];
const FUTURE_KO_PROSPECTIVE: usize = 3;

/// French future markers: the future of être and avoir, words of time to come, and the
/// simple future of a verb by its ending ("atteindra", "prendront", "permettra").
const FUTURE_FR: &str = r"(?i)\b(?:sera|seront|serez|serons|aura|auront|bientôt|prochainement|à\s+venir|prévue?s?|\w{2,}(?:era|eront|ira|iront|dra|dront|ttra|ttront|rra|rront))\b";

/// German words of time to come. The future with "werden" is read by hand
/// ([`german_future`]): "wird enden" is a future, "wird unterstützt" a passive.
const FUTURE_DE: &str =
    r"(?i)\b(?:bald|demnächst|künftig\w*|zukünftig\w*|geplant\w*|voraussichtlich|in\s+zukunft)\b";

/// The auxiliary of the German future and passive.
const WERDEN: &str = r"(?i)\b(?:wird|werden|wirst|werdet)\b";

/// The patterns, compiled together on first use; each is a constant of this file, tested
/// to compile (one that did not would never match).
struct Compiled {
    past: Option<Regex>,
    milestone: Option<Regex>,
    ahead: Option<Regex>,
    /// One pass over a translation for all of its language's future markers: every
    /// translation is searched, and most have none.
    future_nl: Option<AhoCorasick>,
    future_ko: Option<AhoCorasick>,
    future_fr: Option<Regex>,
    future_de: Option<Regex>,
    werden: Option<Regex>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| Compiled {
    past: Regex::new(PAST).ok(),
    milestone: Regex::new(MILESTONE).ok(),
    ahead: Regex::new(AHEAD).ok(),
    future_nl: markers(FUTURE_NL),
    future_ko: markers(FUTURE_KO),
    future_fr: Regex::new(FUTURE_FR).ok(),
    future_de: Regex::new(FUTURE_DE).ok(),
    werden: Regex::new(WERDEN).ok(),
});

fn markers(words: &[&str]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(words)
        .ok()
}

/// Where `text` first speaks of the past, if it does (English).
fn past_in(text: &str) -> Option<Range<usize>> {
    let patterns = &*COMPILED;
    if let Some(found) = patterns.past.as_ref()?.find(text) {
        return Some(found.range());
    }
    patterns
        .milestone
        .as_ref()?
        .find_iter(text)
        .find(|found| {
            let before = text[..found.start()]
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .rfind(|word| !word.is_empty())
                .map(str::to_lowercase);
            !before.is_some_and(|word| NOT_PAST_BEFORE.contains(&word.as_str()))
        })
        .map(|found| found.range())
}

/// A Hangul syllable's final consonant (0 for none): syllables are 0xAC00 + (initial * 21
/// + vowel) * 28 + final.
fn final_of(syllable: char) -> Option<u32> {
    let index = u32::from(syllable).wrapping_sub(0xAC00);
    (index < 11172).then_some(index % 28)
}

const FINAL_RIEUL: u32 = 8;
const FINAL_SSANGSIOT: u32 = 20;

/// Whether the Korean marker ` 것이`/` 것입`/` 겁니` at `at` follows the prospective `-ㄹ`
/// ("변경될 것입니다"), and not a guess about the past ("이동했을 것입니다", a past ㅆ
/// before 을); with the verb's start.
fn prospective_before(text: &str, at: usize) -> Option<usize> {
    let (start, before) = text[..at].char_indices().next_back()?;
    let past_guess = before == '을'
        && text[..start]
            .chars()
            .next_back()
            .and_then(final_of)
            .is_some_and(|last| last == FINAL_SSANGSIOT);
    if final_of(before) != Some(FINAL_RIEUL) || past_guess {
        return None;
    }
    Some(
        text[..start]
            .rfind(char::is_whitespace)
            .map_or(0, |space| space + 1),
    )
}

/// Where `text` in `language` first speaks of the future, if it does; `None` too for a
/// language without a list.
fn future_in(language: &str, text: &str) -> Option<Range<usize>> {
    let letter_at = |at: usize| text[at..].chars().next().is_some_and(char::is_alphanumeric);
    let letter_before = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    match language {
        "nl" => COMPILED
            .future_nl
            .as_ref()?
            .find_iter(text)
            .find_map(|hit| {
                let stem = hit.pattern().as_usize() >= FUTURE_NL.len() - FUTURE_NL_STEMS;
                let whole = !letter_before(hit.start()) && (stem || !letter_at(hit.end()));
                if !whole {
                    return None;
                }
                let end = if stem {
                    text[hit.end()..]
                        .find(|c: char| !c.is_alphanumeric())
                        .map_or(text.len(), |f| hit.end() + f)
                } else {
                    hit.end()
                };
                Some(hit.start()..end)
            }),
        "ko" => COMPILED
            .future_ko
            .as_ref()?
            .find_iter(text)
            .find_map(|hit| {
                if hit.pattern().as_usize() == KO_WILL_BE {
                    let next = text[hit.end()..].split_whitespace().next().unwrap_or("");
                    // "될 예정": the next hit is 예정.
                    if next.starts_with("예정")
                        || NOT_AFTER_WILL_BE.iter().any(|word| next.starts_with(word))
                    {
                        return None;
                    }
                    let start = text[..hit.start()]
                        .rfind(char::is_whitespace)
                        .map_or(0, |space| space + 1);
                    // "될 것입니다" is the prospective future, told whole.
                    if next.starts_with('것') || next.starts_with('겁') {
                        let end = text[hit.end()..]
                            .find(|c: char| c.is_whitespace() || ".,;:!?".contains(c))
                            .map_or(text.len(), |f| hit.end() + f);
                        return Some(start..end);
                    }
                    return Some(start..hit.end() - 1);
                }
                if hit.pattern().as_usize() < FUTURE_KO.len() - FUTURE_KO_PROSPECTIVE {
                    return Some(hit.range());
                }
                // The whole verb and its ending, without the sentence's punctuation.
                let start = prospective_before(text, hit.start())?;
                let end = text[hit.end()..]
                    .find(|c: char| c.is_whitespace() || ".,;:!?".contains(c))
                    .map_or(text.len(), |f| hit.end() + f);
                Some(start..end)
            }),
        "fr" => COMPILED
            .future_fr
            .as_ref()?
            .find(text)
            .map(|hit| hit.range()),
        "de" => {
            let words = COMPILED
                .future_de
                .as_ref()?
                .find(text)
                .map(|hit| hit.range());
            let werden = german_future(text);
            match (words, werden) {
                (Some(a), Some(b)) => Some(if a.start <= b.start { a } else { b }),
                (a, b) => a.or(b),
            }
        }
        _ => None,
    }
}

/// Where a German future with "werden" starts: the auxiliary, with an infinitive ending
/// its clause ("wird im April enden"), not a participle ("wird unterstützt", "werden
/// geschrieben").
fn german_future(text: &str) -> Option<Range<usize>> {
    COMPILED.werden.as_ref()?.find_iter(text).find_map(|hit| {
        let clause = text[hit.end()..]
            .split(['.', ',', ';', ':', '!', '?', '\n'])
            .next()
            .unwrap_or("");
        let last = clause
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|word| !word.is_empty())?
            .to_lowercase();
        let infinitive = last.ends_with("en")
            && !last.starts_with("ge")
            && !matches!(last.as_str(), "werden" | "worden");
        infinitive.then_some(hit.range())
    })
}

fn knows(language: &str) -> bool {
    matches!(language, "nl" | "ko" | "fr" | "de")
}

pub(crate) fn check(unit: &Unit) -> Vec<Finding> {
    if primary(unit.source.locale) != "en" {
        return Vec::new();
    }
    let language = primary(unit.translation.locale);
    if !knows(&language) {
        return Vec::new();
    }
    let (source, translation) = (unit.source.masked, unit.translation.masked);
    // Most translations say nothing of the future: they end here.
    if future_in(&language, translation).is_none() {
        return Vec::new();
    }
    let (source_sentences, translation_sentences) = (sentences(source), sentences(translation));
    let pairs: Vec<(Range<usize>, Range<usize>)> =
        if source_sentences.len() == translation_sentences.len() {
            source_sentences
                .into_iter()
                .zip(translation_sentences)
                .collect()
        } else {
            vec![(0..source.len(), 0..translation.len())]
        };
    for (in_source, in_translation) in pairs {
        let said = &source[in_source.clone()];
        if COMPILED
            .ahead
            .as_ref()
            .is_none_or(|ahead| ahead.is_match(said))
        {
            continue;
        }
        let Some(past) = past_in(said) else {
            continue;
        };
        let Some(future) = future_in(&language, &translation[in_translation.clone()]) else {
            continue;
        };
        let past = in_source.start + past.start..in_source.start + past.end;
        let future = in_translation.start + future.start..in_translation.start + future.end;
        return vec![Finding::new(
            Code::Tense,
            future.clone(),
            format!(
                "the translation tells of the future (\"{}\") what the source says has happened (\"{}\")",
                unit.translation.text.get(future).unwrap_or("").trim(),
                unit.source.text.get(past).unwrap_or("").trim()
            ),
            "keep the source's tense: what has happened stays in the past, in every language",
        )];
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

    #[test]
    fn every_pattern_compiles() {
        for pattern in [PAST, MILESTONE, AHEAD, FUTURE_FR, FUTURE_DE, WERDEN] {
            assert!(Regex::new(pattern).is_ok(), "{pattern}");
        }
        assert!(markers(FUTURE_NL).is_some() && markers(FUTURE_KO).is_some());
    }

    #[test]
    fn a_past_told_as_future_is_reported_where_the_future_is_said() {
        let source =
            "Server hardware requirements have changed since { $version }, so check your hardware.";
        for (tag, translation, marker) in [
            (
                "nl",
                "De hardwarevereisten voor servers zullen na { $version } wijzigen, dus controleer uw hardware.",
                "zullen",
            ),
            (
                "ko",
                "서버 하드웨어 요구 사항이 변경될 예정이므로 하드웨어를 확인하세요.",
                "예정",
            ),
            (
                "ko",
                "{ $version } 이후 서버 하드웨어 요구 사항이 변경될 것입니다. 하드웨어를 확인하세요.",
                "변경될 것입니다",
            ),
        ] {
            let found = findings(source, tag, translation);
            assert_eq!(found.len(), 1, "{translation}: {found:?}");
            assert_eq!(&translation[found[0].range.clone()], marker, "{found:?}");
            assert!(found[0].message.contains("have changed"), "{found:?}");
        }
        let found = findings(
            "Support ended on { $date }.",
            "nl",
            "De ondersteuning eindigt op de geplande datum { $date }.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        // A marker inside another word is none ("zalm", "Zullenberg").
        assert!(
            findings(
                "Support ended on { $date }.",
                "nl",
                "Zalmvissers stopten op { $date }."
            )
            .is_empty()
        );
        let found = findings(
            "{ $product } reached end of support in { $date }.",
            "nl",
            "{ $product } zal in { $date } het einde van de ondersteuning bereiken.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        // A contracted perfect.
        for (tag, translation, marker) in [
            (
                "nl",
                "Dit zijn enkele functies die u straks zult missen.",
                "zult",
            ),
            ("ko", "앞으로 사용하게 될 기능 중 일부입니다.", "앞으로"),
        ] {
            let found = findings(
                "Here are a few of the features you've been missing.",
                tag,
                translation,
            );
            assert_eq!(found.len(), 1, "{tag}: {found:?}");
            assert_eq!(&translation[found[0].range.clone()], marker, "{tag}");
        }
        assert!(
            findings(
                "It's used by every server.",
                "nl",
                "Elke server zal het gebruiken."
            )
            .is_empty(),
            "'s before a participle is as often 'is'"
        );
        // German and French.
        for (tag, translation, marker) in [
            (
                "de",
                "{ $product } wird im { $date } das Ende des Supports erreichen.",
                "wird",
            ),
            (
                "de",
                "Der Support für { $product } endet voraussichtlich im { $date }.",
                "voraussichtlich",
            ),
            (
                "fr",
                "{ $product } atteindra la fin du support en { $date }.",
                "atteindra",
            ),
            (
                "ko",
                "{ $date }에 지원이 종료될 { $product }입니다.",
                "종료될",
            ),
            (
                "fr",
                "La fin du support de { $product } sera en { $date }.",
                "sera",
            ),
        ] {
            let found = findings(
                "{ $product } reached end of support in { $date }.",
                tag,
                translation,
            );
            assert_eq!(found.len(), 1, "{tag}: {found:?}");
            assert_eq!(&translation[found[0].range.clone()], marker, "{tag}");
        }
    }

    #[test]
    fn faithful_tenses_and_futures_of_the_source_are_quiet() {
        for (source, tag, translation) in [
            // The past kept.
            (
                "Server hardware requirements have changed since { $version }.",
                "nl",
                "De hardwarevereisten voor servers zijn sinds { $version } gewijzigd.",
            ),
            (
                "Server hardware requirements have changed since { $version }.",
                "ko",
                "{ $version } 이후 서버 하드웨어 요구 사항이 변경되었습니다.",
            ),
            // The source speaks of the future itself.
            (
                "Support ended in { $date }; you'll have to migrate again soon.",
                "nl",
                "De ondersteuning eindigde in { $date }; u zult binnenkort opnieuw moeten migreren.",
            ),
            (
                "The earlier a version's support ends, the sooner you'll have to migrate again.",
                "ko",
                "버전의 지원이 일찍 종료될수록 더 빨리 다시 마이그레이션해야 합니다.",
            ),
            // A passive or an adjective is no past.
            (
                "The version is released every year, and the released builds are listed.",
                "nl",
                "De versie wordt elk jaar uitgebracht; de builds zullen worden vermeld.",
            ),
            // A present: "-ㄹ 것을 권장합니다" recommends; no past in the source.
            (
                "We recommend that you move your mailboxes.",
                "ko",
                "사서함을 이동할 것을 권장합니다.",
            ),
            // A second sentence's future answers its own source sentence.
            (
                "Support has ended. You will need a new version.",
                "nl",
                "De ondersteuning is beëindigd. U zult een nieuwe versie nodig hebben.",
            ),
            // "될 수" (can be) and "될 때" (when) are no future.
            (
                "The mailboxes were moved.",
                "ko",
                "사서함은 이동될 수 있었습니다.",
            ),
            // A guess about the past ("-았을 것입니다") is no future.
            (
                "The mailboxes have moved by now.",
                "ko",
                "지금쯤 사서함이 이동했을 것입니다.",
            ),
            // A language without a list.
            ("Support has ended.", "sv", "Supporten kommer att upphöra."),
            // German: the past, and a passive present with "wird".
            (
                "Support ended in { $date }.",
                "de",
                "Der Support endete im { $date }.",
            ),
            (
                "Support ended in { $date }, and the version was no longer updated.",
                "de",
                "Der Support endete im { $date }; die Version wird nicht mehr aktualisiert.",
            ),
            // French: the past, and words that only end like a future ("extra", "opéra").
            (
                "Support ended in { $date }.",
                "fr",
                "Le support a pris fin en { $date }.",
            ),
            (
                "The server was moved to the extra rack.",
                "fr",
                "Le serveur a été déplacé vers le rack extra de l'opéra.",
            ),
        ] {
            assert!(
                findings(source, tag, translation).is_empty(),
                "{translation}: {:?}",
                findings(source, tag, translation)
            );
        }
    }
}
