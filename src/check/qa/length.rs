//! Length: a translation far shorter or far longer than its source, for its pair of
//! languages (Okapi CheckMate's and Verifika's length check). Omission is the damage
//! machine translation does most often that keeps every placeable, term and digit: a
//! sentence of a paragraph, or the second half of a long sentence, is simply not there.
//!
//! A text's length is its letters and digits outside placeables, a Hangul syllable
//! counting as 2.4 (a syllable block carries what two or three Latin letters do), divided
//! by its language's density: how much longer the same content is in that language than in
//! English. Measured on the example site's messages of 30 letters or more, a careful Dutch
//! or Korean translation is 0.8 to 1.5 times its source's length so counted, rarely 0.5 or
//! 2.0. Reported, for sources of 20 letters or more:
//! - much shorter: under half the expected length (sources of 60 letters or more), or a
//!   sentence fewer than the source and under 0.85 of it (a dropped sentence);
//! - much longer: over 2.2 times, or a sentence more than the source and over 1.4 times
//!   (an added one).
//!
//! A sentence fewer alone is no drift (Korean often joins two English sentences), nor is
//! a short translation of a short text. Languages without a known density are not checked.

use crate::check::qa::language::primary;
use crate::check::qa::{Finding, Rules, Unit, sentences, whole};
use crate::diagnostics::Code;

/// Letters and digits of a Hangul syllable, in Latin letters.
const HANGUL_SYLLABLE: f32 = 2.4;
/// Sources shorter than this (in letters) are not checked: a label's length says little.
const MIN_SOURCE: f32 = 20.0;
/// Sources shorter than this are reported as too short only with a sentence missing.
const MIN_SOURCE_FOR_RATIO_ALONE: f32 = 60.0;
const SHORTER: f32 = 0.5;
const SHORTER_BY_A_SENTENCE: f32 = 0.85;
const LONGER: f32 = 2.2;
const LONGER_BY_A_SENTENCE: f32 = 1.4;

/// How much longer a text is in the language of `tag` than in English, counted as
/// [`length`] counts (from the example site's translations and published expansion
/// figures for localization); `None` for a language Stele has no figure for.
fn density(tag: &str) -> Option<f32> {
    Some(match primary(tag).as_ref() {
        "en" => 1.0,
        "nl" => 1.19,
        "ko" => 1.19,
        "de" => 1.25,
        "fr" | "es" | "pt" => 1.2,
        "it" => 1.15,
        _ => return None,
    })
}

/// The length a translation from `source_tag` into `target_tag` is expected to have, per
/// letter of its source; `None` when either language has no known density.
pub(crate) fn expected_ratio(source_tag: &str, target_tag: &str) -> Option<f32> {
    Some(density(target_tag)? / density(source_tag)?)
}

/// The letters and digits of `masked` (placeables already masked), Hangul syllables
/// weighted.
///
/// Counted by bytes, in passes that vectorize (the check runs on every unit of every
/// page): ASCII letters and digits; characters whose first UTF-8 byte is 0xEA to 0xED
/// (Hangul syllables, with the few Yi and Hangul Jamo Extended-B characters that share
/// those bytes); and other characters outside ASCII as letters when their first byte
/// starts a block of letters (0xC3 to 0xE1 and 0xE3 to 0xE9: accented Latin, Greek,
/// Cyrillic, Indic, kana, CJK), not when it starts symbols and punctuation (0xC2, 0xE2:
/// `§`, `—`, `□`, the masks of placeables among them) or emoji.
fn length(masked: &str) -> f32 {
    let bytes = masked.as_bytes();
    let ascii = count_bytes(bytes, |b| b.is_ascii_alphanumeric());
    if masked.is_ascii() {
        return ascii as f32;
    }
    let hangul = count_bytes(bytes, |b| (0xea..=0xed).contains(&b));
    let other = count_bytes(bytes, |b| {
        (0xc3..=0xe1).contains(&b) || (0xe3..=0xe9).contains(&b)
    });
    (ascii + other) as f32 + hangul as f32 * HANGUL_SYLLABLE
}

/// The bytes of `bytes` that `wanted` accepts, counted without a branch into a byte per run
/// of at most 255, which the compiler turns into a count of many bytes at once.
fn count_bytes(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|run| {
            usize::from(
                run.iter()
                    .map(|&b| u8::from(wanted(b)))
                    .fold(0u8, u8::wrapping_add),
            )
        })
        .sum()
}

/// The sentences of `masked` that hold a letter or digit.
fn sentence_count(masked: &str) -> usize {
    sentences(masked)
        .into_iter()
        .filter(|range| masked[range.clone()].chars().any(char::is_alphanumeric))
        .count()
}

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let Some(expected) = rules.languages(unit).length else {
        return Vec::new();
    };
    let source_length = length(unit.source.masked);
    if source_length < MIN_SOURCE {
        return Vec::new();
    }
    let ratio = length(unit.translation.masked) / (source_length * expected);
    // Between these, no count of sentences makes a finding: most units end here.
    if (SHORTER_BY_A_SENTENCE..=LONGER_BY_A_SENTENCE).contains(&ratio) {
        return Vec::new();
    }
    let source_sentences = sentence_count(unit.source.masked);
    let translation_sentences = sentence_count(unit.translation.masked);
    let fewer = translation_sentences < source_sentences;
    let more = translation_sentences > source_sentences;
    let sentences_told = if fewer || more {
        format!(
            " and has {translation_sentences} sentence{} where the source has {source_sentences}",
            if translation_sentences == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let percent = (ratio * 100.0).round();
    let shorter = (source_length >= MIN_SOURCE_FOR_RATIO_ALONE && ratio < SHORTER)
        || (fewer && ratio < SHORTER_BY_A_SENTENCE);
    let longer = ratio > LONGER || (more && ratio > LONGER_BY_A_SENTENCE);
    let (message, help) = if shorter {
        (
            format!(
                "the translation is {percent} % of the length expected from its source{sentences_told}: a sentence or a clause may be missing"
            ),
            "compare it with the source sentence by sentence and translate what is missing",
        )
    } else if longer {
        (
            format!(
                "the translation is {percent} % of the length expected from its source{sentences_told}: something may have been added or repeated"
            ),
            "compare it with the source sentence by sentence and remove what the source does not say",
        )
    } else {
        return Vec::new();
    };
    vec![Finding::new(
        Code::Length,
        whole(unit.translation.text),
        message,
        help,
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;

    fn findings(source: &str, tag: &str, translation: &str) -> Vec<Finding> {
        check(
            &owned("en", source, tag, translation).unit(),
            &Rules::default(),
        )
    }

    const SOURCE: &str = "Cutover migration moves every mailbox at once. It suits organizations \
        with fewer than 2,000 mailboxes, and it should be completed in a week or less.";

    #[test]
    fn a_dropped_sentence_is_reported() {
        let found = findings(
            SOURCE,
            "nl",
            "Bij een cutovermigratie worden alle postvakken in één keer verplaatst.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::Length);
        assert!(
            found[0]
                .message
                .contains("1 sentence where the source has 2")
        );
        let found = findings(
            SOURCE,
            "ko",
            "컷오버 마이그레이션은 모든 사서함을 한 번에 이동합니다.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("may be missing"));
    }

    #[test]
    fn half_a_sentence_dropped_is_reported() {
        let source = "Users keep their Outlook profiles, their offline data files and their \
            mail rules, so nobody has to download their mailbox again after the move.";
        let found = findings(source, "nl", "Gebruikers behouden hun Outlook-profielen.");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn an_added_sentence_is_reported() {
        let found = findings(
            "Staged migration moves mailboxes in batches.",
            "nl",
            "Bij een gefaseerde migratie worden postvakken in batches verplaatst. Dit duurt \
             meestal enkele maanden en vereist een hybride implementatie.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("added"));
    }

    #[test]
    fn quiet_on_complete_translations() {
        for (tag, translation) in [
            (
                "nl",
                "Een cutovermigratie verplaatst alle postvakken tegelijk. Ze is geschikt voor \
                 organisaties met minder dan 2.000 postvakken en moet binnen een week of \
                 sneller klaar zijn.",
            ),
            // Korean joins the two sentences with a comma: a sentence fewer, full length.
            (
                "ko",
                "컷오버 마이그레이션은 모든 사서함을 한 번에 이동하며, 사서함이 2,000개 미만인 \
                 조직에 적합하고 1주일 이내에 완료해야 합니다.",
            ),
        ] {
            let found = findings(SOURCE, tag, translation);
            assert!(found.is_empty(), "{tag}: {found:?}");
        }
        // A terse label of a short source.
        assert!(
            findings(
                "Can be installed into an existing { $source } organization",
                "ko",
                "기존 { $source } 조직에 설치 가능",
            )
            .is_empty()
        );
        // Placeables are not letters of either side.
        assert!(
            findings(
                "Install { $version } on { $os } before you move any mailbox.",
                "ko",
                "사서함을 이동하기 전에 { $os }에 { $version }을(를) 설치하세요.",
            )
            .is_empty()
        );
    }

    #[test]
    fn length_counts_letters_and_digits_outside_placeables() {
        assert_eq!(length("Exchange 2016, # ## §§ □."), 12.0);
        assert_eq!(length("서버 2대"), 1.0 + 3.0 * HANGUL_SYLLABLE);
        assert_eq!(length("Ünïcode ẞ —"), 8.0);
        assert_eq!(length("가힣"), 2.0 * HANGUL_SYLLABLE);
        assert_eq!(length("Привет, мир 😀"), 9.0);
        assert_eq!(sentence_count("One. Two? # . Three"), 3);
    }

    #[test]
    fn languages_without_a_density_are_not_checked() {
        assert!(findings(SOURCE, "ja", "カットオーバー移行。").is_empty());
        assert_eq!(expected_ratio("en", "nl-BE"), Some(1.19));
        assert_eq!(expected_ratio("xx", "nl"), None);
    }
}
