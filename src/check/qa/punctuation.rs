//! Punctuation: the closing punctuation of the translation against the source's (a
//! question that became a statement, a lead-in colon lost), and brackets and quotes that
//! open and close in pairs (Xbench's "unpaired symbols").

use std::ops::Range;

use crate::check::qa::{Finding, Rules, Unit};
use crate::diagnostics::Code;

/// The closing punctuation of a text, by kind, and where it is.
fn closing(text: &str) -> Option<(char, Range<usize>)> {
    let trimmed = text.trim_end();
    let (at, last) = trimmed.char_indices().last()?;
    let kind = match last {
        '.' | '。' | '．' => '.',
        '?' | '？' => '?',
        '!' | '！' => '!',
        ':' | '：' => ':',
        ';' | '；' => ';',
        _ => ' ',
    };
    Some((kind, at..at + last.len_utf8()))
}

fn name(kind: char) -> &'static str {
    match kind {
        '.' => "a full stop",
        '?' => "a question mark",
        '!' => "an exclamation mark",
        ':' => "a colon",
        ';' => "a semicolon",
        _ => "no closing punctuation",
    }
}

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let mut found = Vec::new();
    let source = unit.source.text;
    let translation = unit.translation.text;
    // A text that ends in a placeable ends in whatever the placeable holds.
    let ends_in_placeable = |side: &crate::check::qa::Side| {
        let end = side.text.trim_end().len();
        side.placeables.iter().any(|p| p.end == end)
    };
    if !ends_in_placeable(&unit.source)
        && !ends_in_placeable(&unit.translation)
        && let (Some((wanted, _)), Some((got, at))) = (closing(source), closing(translation))
    {
        let loose = rules.languages(unit).loose_closing;
        let relaxed = |kind: char| matches!(kind, '.' | ':' | ';' | ' ');
        // An exclamation is tone, not meaning: a translation may calm it to a full stop, as
        // Dutch and Korean style guides ask. One added where the source has none is
        // reported.
        let calmed = (wanted, got) == ('!', '.');
        let differs = wanted != got && !calmed && !(loose && relaxed(wanted) && relaxed(got));
        if differs {
            let range = if got == ' ' {
                let end = translation.trim_end().len();
                let start = translation[..end]
                    .char_indices()
                    .last()
                    .map(|(i, _)| i)
                    .unwrap_or(0);
                start..end
            } else {
                at
            };
            found.push(Finding::new(
                Code::Punctuation,
                range,
                format!(
                    "the source ends with {}, the translation with {}",
                    name(wanted),
                    name(got)
                ),
                "end the translation as the source ends: a question stays a question, a lead-in keeps its colon",
            ));
        }
    }
    found.extend(unpaired(unit));
    found
}

/// Brackets and quotes of the translation that do not pair up, unless the source has the
/// same imbalance.
fn unpaired(unit: &Unit) -> Vec<Finding> {
    let (source, translation) = (unit.source.masked, unit.translation.masked);
    let mut found = Vec::new();
    // Most translations hold no bracket or quote of the pairs at all: one byte search
    // settles them for every pair.
    let pairs = if may_hold_bracket(translation) {
        &[('(', ')'), ('[', ']'), ('「', '」'), ('“', '”')][..]
    } else {
        &[]
    };
    for &(open, close) in pairs {
        let in_source = stray(source, open, close);
        if in_source.is_some() {
            continue;
        }
        if let Some(at) = stray(translation, open, close) {
            let width = translation[at..]
                .chars()
                .next()
                .map(char::len_utf8)
                .unwrap_or(1);
            found.push(Finding::new(
                Code::Punctuation,
                at..at + width,
                format!(
                    "this `{}` has no partner `{}`",
                    &translation[at..at + width],
                    if translation[at..].starts_with(open) {
                        close
                    } else {
                        open
                    }
                ),
                format!("brackets and quotes come in pairs: close every `{open}` with `{close}`"),
            ));
        }
    }
    let quotes = |text: &str| text.matches('"').count();
    if quotes(source) % 2 == 0 && quotes(translation) % 2 == 1 {
        let at = translation.rfind('"').unwrap_or(0);
        found.push(Finding::new(
            Code::Punctuation,
            at..at + 1,
            "this `\"` has no partner",
            "quotation marks come in pairs",
        ));
    }
    found
}

/// Whether `text` may hold one of the brackets and quotes [`unpaired`] pairs up (never
/// false when it does): `(`, `)`, `[`, `]`, or the lead byte of `「`, `」` (0xE3) or `“`,
/// `”` (0xE2).
fn may_hold_bracket(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(b'(', b')', b'[', bytes).is_some()
        || memchr::memchr3(b']', 0xe2, 0xe3, bytes).is_some()
}

/// The first bracket without a partner: a closing one with nothing open, or the last
/// opening one left open.
fn stray(text: &str, open: char, close: char) -> Option<usize> {
    // Most texts have no bracket of a kind: a search for each settles that.
    if !text.contains(open) && !text.contains(close) {
        return None;
    }
    let mut stack = Vec::new();
    for (at, c) in text.char_indices() {
        if c == open {
            stack.push(at);
        } else if c == close && stack.pop().is_none() {
            return Some(at);
        }
    }
    stack.pop()
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

    #[test]
    fn a_question_that_became_a_statement() {
        let found = findings("What are my options?", "nl", "Dit zijn mijn opties.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("question mark"));
        // An exclamation calmed to a full stop is tone, not meaning.
        assert!(findings("Back up first!", "nl", "Maak eerst een back-up.").is_empty());
        assert_eq!(
            findings("Back up first.", "nl", "Maak eerst een back-up!").len(),
            1
        );
    }

    #[test]
    fn unbalanced_brackets_are_located() {
        let translation = "Zie [de matrix({ $url }) voor meer.";
        let found = findings("See [the matrix]({ $url }) for more.", "nl", translation);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].range.start, translation.find('[').unwrap());
    }

    /// The byte screen lets through every text with a bracket or quote of the pairs,
    /// wherever it stands: at the start, at the end, next to other punctuation.
    #[test]
    fn every_unpaired_bracket_passes_the_screen() {
        for translation in [
            "(Zie de matrix.",
            "Zie de matrix.)",
            "Zie de matrix.[",
            "]Zie de matrix.",
            "「설정을 확인하세요.",
            "설정을 확인하세요.」",
            "“Zie de matrix.",
            "Zie de matrix,”",
        ] {
            assert!(may_hold_bracket(translation), "{translation}");
            let found = findings("See the matrix.", "nl", translation);
            assert!(
                found.iter().any(|f| f.message.contains("no partner")),
                "{translation}: {found:?}"
            );
        }
        assert!(!may_hold_bracket(
            "Zie de matrix, 설정을 확인하세요. Ünïcode ẞ"
        ));
    }

    #[test]
    fn quiet_on_korean_list_style_and_placeable_endings() {
        assert!(
            findings(
                "Keep these points in mind:",
                "ko",
                "다음 사항에 유의하세요."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Buying and maintaining hardware.",
                "ko",
                "하드웨어 구매 및 유지 관리"
            )
            .is_empty()
        );
        assert!(findings("End of support: { $date }", "ko", "지원 종료: { $date }").is_empty());
        assert!(
            findings(
                "Use { $version } (or later).",
                "ko",
                "{ $version }(이상)을 사용합니다."
            )
            .is_empty()
        );
    }
}
