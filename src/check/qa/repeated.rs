//! Repeated words: one word twice in a row in the translation ("de de", "the the", "서버
//! 서버"), the slip of an editor and of machine translation alike (Okapi CheckMate's
//! "double words", Xbench's "repeated words"). Words stand between ASCII white space
//! (spaces, tabs, line breaks), and are compared without case; placeables,
//! numbers and words joined by punctuation are not words here ("dat, dat" is not reported),
//! nor are the doubles a language's grammar makes ("dat dat" in Dutch, "that that" and "had
//! had" in English, "die die" in German, "nous nous" in French).

use std::ops::Range;

use crate::check::qa::language::primary;
use crate::check::qa::{Finding, Unit};
use crate::diagnostics::Code;

/// Words a language may write twice in a row, by its grammar.
fn grammatical_doubles(tag: &str) -> &'static [&'static str] {
    match primary(tag).as_ref() {
        "en" => &["that", "had", "is"],
        "nl" => &["dat", "die", "er"],
        "de" => &["die", "der", "das", "sie"],
        "fr" => &["nous", "vous"],
        _ => &[],
    }
}

/// `piece` without the ASCII punctuation around it, its range in `text`, and whether
/// punctuation closes it. Only ASCII is trimmed: looking up other characters' classes
/// costs hundreds of instructions each, and a piece with other punctuation simply differs
/// from its neighbour.
fn core(piece: &str, range: Range<usize>) -> (&str, Range<usize>, bool) {
    let start_trimmed = piece.trim_start_matches(|c: char| c.is_ascii_punctuation());
    let start = range.start + (piece.len() - start_trimmed.len());
    let trimmed = start_trimmed.trim_end_matches(|c: char| c.is_ascii_punctuation());
    let closes = trimmed.len() < start_trimmed.len();
    (trimmed, start..start + trimmed.len(), closes)
}

/// Whether two words are one without case, without a lowercase copy of either (this runs
/// on every pair of neighbouring words of every unit). Words of different byte lengths
/// differ: case changes the length of a handful of letters only (ẞ and ß, K and the Kelvin
/// sign), and the length test spares most pairs the lookup of their letters' case.
fn same_without_case(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

pub(crate) fn check(unit: &Unit) -> Vec<Finding> {
    let text = unit.translation.masked;
    let doubles = grammatical_doubles(unit.translation.locale);
    let mut found = Vec::new();
    // The word before, when nothing closed it.
    let mut previous: Option<&str> = None;
    // Split at ASCII white space by bytes: every byte of a character outside ASCII is
    // 0x80 or more, so a split never falls inside one.
    let mut start = 0;
    let bytes = text.as_bytes();
    let ends = (0..=bytes.len()).filter(|&at| at == bytes.len() || bytes[at].is_ascii_whitespace());
    for end in ends {
        let range = start..end;
        start = end + 1;
        if range.is_empty() {
            continue;
        }
        let (now, now_range, closes) = core(&text[range.clone()], range);
        // Letters only (not numbers, not masked placeables), checked only for the rare
        // pair that matches.
        if !now.is_empty()
            && previous.is_some_and(|before| same_without_case(before, now))
            && now.chars().all(char::is_alphabetic)
            && !doubles.iter().any(|d| now.eq_ignore_ascii_case(d))
        {
            found.push(Finding::new(
                Code::RepeatedWord,
                now_range,
                format!("\"{now}\" is written twice in a row"),
                "remove the second one, or reword if both are meant",
            ));
        }
        previous = (!closes && !now.is_empty()).then_some(now);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;

    fn findings(tag: &str, translation: &str) -> Vec<Finding> {
        check(
            &owned(
                "en",
                "Install the server before you move mailboxes.",
                tag,
                translation,
            )
            .unit(),
        )
    }

    #[test]
    fn a_word_twice_in_a_row_is_located() {
        let translation = "Installeer de de server voordat u postvakken verplaatst.";
        let found = findings("nl", translation);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::RepeatedWord);
        assert_eq!(found[0].range.start, translation.find("de server").unwrap());
        assert_eq!(found[0].range.len(), "de".len());
        // Without case, and in Korean.
        assert_eq!(findings("nl", "Installeer De de server.").len(), 1);
        assert_eq!(
            findings("de", "Installieren Sie Über über den Server.").len(),
            1
        );
        let found = findings("ko", "사서함을 이동하기 전에 서버 서버를 설치하세요.");
        assert!(found.is_empty(), "서버 and 서버를 are two words: {found:?}");
        assert_eq!(
            findings("ko", "사서함을 이동하기 전에 서버를 서버를 설치하세요.").len(),
            1
        );
    }

    #[test]
    fn quiet_on_grammar_punctuation_numbers_and_placeables() {
        for (tag, translation) in [
            ("nl", "Ik weet dat dat de server is."),
            ("nl", "Installeer de server, de server eerst."),
            ("nl", "Versie 2016 2016 is geen woord."),
            (
                "nl",
                "Installeer { $version } { $version } voordat u verplaatst.",
            ),
            (
                "nl",
                "Installeer de server voordat u postvakken verplaatst.",
            ),
            ("de", "Die Server, die die Postfächer halten, bleiben."),
        ] {
            let found = findings(tag, translation);
            assert!(found.is_empty(), "{tag} {translation}: {found:?}");
        }
    }
}
