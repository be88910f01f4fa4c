//! Small cardinal numbers written as words — "three", "drie", "drei", "trois", Korean
//! "세 가지", "하나", "삼 개월" — with the value each stands for, so that comparing the
//! numbers of a source and its translation can take "at least three months" and "최소
//! 3개월" for the same fact. Only one to twelve (the numbers style guides spell out) and
//! only forms that are numerals: an article ("a", "een", "ein", "un") counts as one just
//! before a unit of time ("a week"), and a Korean numeral only before a counter or as a
//! word of its own, since "한", "세", "이" and "일" are other words too.
//!
//! The magnitudes in words ("hundreds", "수십만") are the `number-words` check's
//! ([`crate::check::qa::number_words`]); this list only stands in for digits.

use std::ops::Range;

use crate::check::qa::language::primary;

/// A cardinal spelled out in `text`: its byte range and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cardinal {
    pub(crate) at: Range<usize>,
    pub(crate) value: u64,
}

/// Words of a Latin-script language: cardinals, the articles that are "one" before a unit
/// of time, and the stems of those units.
struct Latin {
    words: &'static [(&'static str, u64)],
    articles: &'static [&'static str],
    units: &'static [&'static str],
}

const ENGLISH: Latin = Latin {
    words: &[
        ("one", 1),
        ("once", 1),
        ("two", 2),
        ("twice", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
    ],
    articles: &["a", "an", "one"],
    units: &["second", "minute", "hour", "day", "week", "month", "year"],
};

const DUTCH: Latin = Latin {
    // "een" is the article too, and "ten" is "at" ("ten minste"): neither is a numeral
    // here but the article before a unit.
    words: &[
        ("één", 1),
        ("eén", 1),
        ("twee", 2),
        ("drie", 3),
        ("vier", 4),
        ("vijf", 5),
        ("zes", 6),
        ("zeven", 7),
        ("acht", 8),
        ("negen", 9),
        ("tien", 10),
        ("elf", 11),
        ("twaalf", 12),
    ],
    articles: &["een", "één"],
    units: &[
        "seconde", "minuut", "minuten", "uur", "dag", "week", "weken", "maand", "jaar",
    ],
};

const GERMAN: Latin = Latin {
    words: &[
        ("eins", 1),
        ("zwei", 2),
        ("drei", 3),
        ("vier", 4),
        ("fünf", 5),
        ("sechs", 6),
        ("sieben", 7),
        ("acht", 8),
        ("neun", 9),
        ("zehn", 10),
        ("elf", 11),
        ("zwölf", 12),
    ],
    articles: &["ein", "eine", "einen", "einem", "einer", "eines"],
    units: &[
        "sekunde", "minute", "stunde", "tag", "woche", "monat", "jahr",
    ],
};

const FRENCH: Latin = Latin {
    words: &[
        ("deux", 2),
        ("trois", 3),
        ("quatre", 4),
        ("cinq", 5),
        ("six", 6),
        ("sept", 7),
        ("huit", 8),
        ("neuf", 9),
        ("dix", 10),
        ("onze", 11),
        ("douze", 12),
    ],
    articles: &["un", "une"],
    units: &[
        "seconde", "minute", "heure", "jour", "semaine", "mois", "an", "année",
    ],
};

/// Korean native numerals before a counter ("세 가지", "두개"), the longer first.
const KOREAN_NATIVE: [(&str, u64); 12] = [
    ("열한", 11),
    ("열두", 12),
    ("다섯", 5),
    ("여섯", 6),
    ("일곱", 7),
    ("여덟", 8),
    ("아홉", 9),
    ("한", 1),
    ("두", 2),
    ("세", 3),
    ("네", 4),
    ("열", 10),
];

/// Counters that follow a native numeral.
const KOREAN_NATIVE_COUNTERS: [&str; 15] = [
    "개", "번", "명", "대", "가지", "시간", "달", "살", "권", "장", "차례", "곳", "단계", "주",
    "배",
];

/// Native numerals that stand as a word of their own ("둘 다", "하나의"), before one of
/// [`KOREAN_PARTICLES`] or nothing.
const KOREAN_STANDALONE: [(&str, u64); 9] = [
    ("하나", 1),
    ("둘", 2),
    ("셋", 3),
    ("넷", 4),
    ("다섯", 5),
    ("여섯", 6),
    ("일곱", 7),
    ("여덟", 8),
    ("아홉", 9),
];

const KOREAN_PARTICLES: [&str; 20] = [
    "의",
    "를",
    "을",
    "만",
    "로",
    "으로",
    "가",
    "이",
    "는",
    "은",
    "도",
    "와",
    "과",
    "나",
    "씩",
    "뿐",
    "입니다",
    "이며",
    "이고",
    "에",
];

/// Sino-Korean numerals before a counter ("삼 개월", "일주일"), the longer first.
const KOREAN_SINO: [(&str, u64); 12] = [
    ("십일", 11),
    ("십이", 12),
    ("일", 1),
    ("이", 2),
    ("삼", 3),
    ("사", 4),
    ("오", 5),
    ("육", 6),
    ("칠", 7),
    ("팔", 8),
    ("구", 9),
    ("십", 10),
];

/// Counters that follow a Sino-Korean numeral, the longer first. "일" (days), "분"
/// (minutes) and "회" (times) are left out: "이 일은", "이 분", "이 회의" are "this work",
/// "this person", "this meeting", and such counts are written with digits anyway.
const KOREAN_SINO_COUNTERS: [&str; 6] = ["개월", "주일", "퍼센트", "년", "주", "초"];

/// What may follow a counter in its word: nothing, a particle, or a word of time or order
/// ("한 번만", "삼 개월간", "두 번째"). "이 주제" is "this topic", not two weeks.
const KOREAN_COUNTER_ENDINGS: [&str; 14] = [
    "간", "째", "만에", "이내", "이상", "이하", "동안", "전", "후", "에서", "부터", "까지", "마다",
    "의",
];

/// The cardinals one to twelve that `text`, in the language of `tag`, spells out. Empty for
/// a language without a list.
pub(crate) fn cardinals(text: &str, tag: &str) -> Vec<Cardinal> {
    match primary(tag).as_ref() {
        "en" => latin(text, &ENGLISH),
        "nl" => latin(text, &DUTCH),
        "de" => latin(text, &GERMAN),
        "fr" => latin(text, &FRENCH),
        "ko" => korean(text),
        _ => Vec::new(),
    }
}

/// The words of `text` (runs of letters) with their byte ranges.
fn words(text: &str, letter: impl Fn(char) -> bool) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (letter(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found.push((from..at, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        found.push((from..text.len(), &text[from..]));
    }
    found
}

fn latin(text: &str, language: &Latin) -> Vec<Cardinal> {
    // Most texts spell no number: a quick test of the lowercase text first would cost as
    // much as the word split, which is short anyway.
    let words = words(text, char::is_alphabetic);
    let mut found = Vec::new();
    for (index, (at, word)) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        if let Some((_, value)) = language.words.iter().find(|(w, _)| *w == lower) {
            found.push(Cardinal {
                at: at.clone(),
                value: *value,
            });
            continue;
        }
        if !language.articles.contains(&lower.as_str()) {
            continue;
        }
        // The article counts only right before a unit of time (white space between).
        let Some((next_at, next)) = words.get(index + 1) else {
            continue;
        };
        if !text[at.end..next_at.start].chars().all(char::is_whitespace) {
            continue;
        }
        let next = next.to_lowercase();
        let is_unit = language.units.iter().any(|unit| {
            // A unit with a plural or case ending: "weeks", "Monats", "années".
            next.strip_prefix(unit)
                .is_some_and(|ending| ending.chars().count() <= 2)
        });
        if is_unit {
            found.push(Cardinal {
                at: at.clone(),
                value: 1,
            });
        }
    }
    found
}

fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

fn korean(text: &str) -> Vec<Cardinal> {
    if !text.chars().any(is_hangul) {
        return Vec::new();
    }
    let words = words(text, is_hangul);
    let mut found = Vec::new();
    for (index, (at, word)) in words.iter().enumerate() {
        // The next word, when only spaces stand between: the counter of "세 가지".
        let next = words
            .get(index + 1)
            .filter(|(next_at, _)| text[at.end..next_at.start].chars().all(|c| c == ' '))
            .map(|(_, next)| *next);
        let counted = |numerals: &[(&str, u64)], counters: &[&str]| {
            numerals.iter().find_map(|(numeral, value)| {
                let rest = word.strip_prefix(numeral)?;
                let counter_ends = |word: &str| {
                    counters.iter().any(|counter| {
                        word.strip_prefix(counter).is_some_and(|ending| {
                            ending.is_empty()
                                || KOREAN_PARTICLES.contains(&ending)
                                || KOREAN_COUNTER_ENDINGS.contains(&ending)
                        })
                    })
                };
                // "이 주" is "this week": Sino-Korean two counts only glued ("이주일").
                let counter_follows = if rest.is_empty() {
                    *numeral != "이" && next.is_some_and(counter_ends)
                } else {
                    counter_ends(rest)
                };
                counter_follows.then_some((numeral.len(), *value))
            })
        };
        let standalone = || {
            KOREAN_STANDALONE.iter().find_map(|(numeral, value)| {
                let rest = word.strip_prefix(numeral)?;
                (rest.is_empty() || KOREAN_PARTICLES.contains(&rest))
                    .then_some((numeral.len(), *value))
            })
        };
        if let Some((length, value)) = counted(&KOREAN_NATIVE, &KOREAN_NATIVE_COUNTERS)
            .or_else(standalone)
            .or_else(|| counted(&KOREAN_SINO, &KOREAN_SINO_COUNTERS))
        {
            found.push(Cardinal {
                at: at.start..at.start + length,
                value,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, tag: &str) -> Vec<u64> {
        cardinals(text, tag).into_iter().map(|c| c.value).collect()
    }

    #[test]
    fn cardinals_in_latin_languages() {
        assert_eq!(values("at least three months", "en"), vec![3]);
        assert_eq!(values("Three to Twelve servers", "en"), vec![3, 12]);
        assert_eq!(values("ten minste drie maanden", "nl"), vec![3]);
        assert_eq!(values("mindestens drei Monate", "de"), vec![3]);
        assert_eq!(values("au moins trois mois", "fr"), vec![3]);
        let three = cardinals("ten minste drie maanden", "nl");
        assert_eq!(three[0].at, 11..15);
        // Not numerals: Dutch "ten", words containing a numeral, another language's words.
        assert!(values("often, tone, attend", "en").is_empty());
        assert!(values("drie", "en").is_empty());
        assert!(values("drie", "tlh").is_empty());
    }

    #[test]
    fn an_article_is_one_only_before_a_unit_of_time() {
        assert_eq!(values("A week or less", "en"), vec![1]);
        assert_eq!(values("within an hour", "en"), vec![1]);
        assert_eq!(values("binnen een week", "nl"), vec![1]);
        assert_eq!(values("in einem Monat", "de"), vec![1]);
        assert_eq!(values("en une semaine", "fr"), vec![1]);
        assert!(values("a server and an hourglass", "en").is_empty());
        assert!(values("een postvak", "nl").is_empty());
        assert!(values("a, week", "en").is_empty());
    }

    #[test]
    fn korean_numerals_before_counters_or_on_their_own() {
        assert_eq!(values("세 가지 방법", "ko"), vec![3]);
        assert_eq!(values("정확히 한 번만", "ko"), vec![1]);
        assert_eq!(values("두개의 서버", "ko"), vec![2]);
        assert_eq!(values("열두 달", "ko"), vec![12]);
        assert_eq!(values("삼 개월 이상", "ko"), vec![3]);
        assert_eq!(values("일주일 이하", "ko"), vec![1]);
        assert_eq!(values("버전 중 하나를 선택", "ko"), vec![1]);
        assert_eq!(values("둘 다", "ko"), vec![2]);
        let found = cardinals("최소 삼 개월", "ko");
        assert_eq!(found[0].at, "최소 ".len().."최소 삼".len());
        // Words that begin like a numeral but are none.
        for text in [
            "한국어",
            "세부 정보",
            "이 버전",
            "일부 사서함",
            "네, 맞습니다",
            "하나님",
            "둘러보기",
            "셋업",
            "사용자",
            "오류",
            "이전",
            "이 주제",
            "이 주에",
            "이 일은",
            "이 회의",
        ] {
            assert!(values(text, "ko").is_empty(), "{text}");
        }
    }
}
