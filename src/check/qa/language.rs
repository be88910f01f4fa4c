//! What the checks need to know about a language from its BCP 47 tag alone: its primary
//! subtag, whether it is written in Latin letters, and its name for language
//! identification.

use std::borrow::Cow;

/// The primary language subtag, lower case: `nl` for `nl-BE`. Borrowed from the tag when
/// it is lower case already (the checks ask for it several times per unit).
pub(crate) fn primary(tag: &str) -> Cow<'_, str> {
    // By bytes: a subtag separator is ASCII, and a `split` with a character set costs
    // more than the rest of a short check.
    let end = tag
        .bytes()
        .position(|byte| byte == b'-' || byte == b'_')
        .unwrap_or(tag.len());
    let subtag = &tag[..end];
    if subtag.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(subtag.to_ascii_lowercase())
    } else {
        Cow::Borrowed(subtag)
    }
}

/// Whether `c` is a letter (Unicode `Alphabetic`), deciding ASCII and Hangul syllables
/// without the Unicode tables: the word checks ask it of every character of every unit.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        ('\u{ac00}'..='\u{d7a3}').contains(&c) || c.is_alphabetic()
    }
}

/// Languages usually written in another script than Latin letters.
const NOT_LATIN: [&str; 20] = [
    "ko", "ja", "zh", "ru", "uk", "bg", "be", "mk", "el", "ar", "fa", "ur", "he", "yi", "th", "hi",
    "bn", "ta", "ka", "hy",
];

pub(crate) fn writes_latin(tag: &str) -> bool {
    !NOT_LATIN.contains(&primary(tag).as_ref())
}

/// Languages that often end list items and lead-ins without the source's colon or full
/// stop (Korean, Japanese, Chinese noun-phrase style): only `?` and `!` must match there.
pub(crate) fn loose_closing_punctuation(tag: &str) -> bool {
    matches!(primary(tag).as_ref(), "ko" | "ja" | "zh")
}

/// Short function words of a language (articles, conjunctions, prepositions, pronouns)
/// that loanwords never bring along: a sentence full of borrowed English nouns is still
/// Dutch when its "de", "van" and "het" are Dutch. Empty for languages without a list.
/// Each list is sorted (by bytes), so a word is looked up by binary search.
pub(crate) fn function_words(tag: &str) -> &'static [&'static str] {
    match primary(tag).as_ref() {
        "en" => &[
            "a", "about", "after", "all", "an", "and", "are", "as", "at", "be", "before", "but",
            "by", "can", "could", "does", "each", "every", "for", "from", "has", "have", "here",
            "how", "if", "into", "it", "its", "may", "more", "must", "not", "of", "on", "only",
            "or", "our", "should", "some", "than", "that", "the", "their", "then", "there",
            "these", "they", "this", "those", "to", "until", "us", "were", "what", "when", "where",
            "which", "while", "will", "with", "would", "you", "your",
        ],
        "nl" => &[
            "als", "bij", "dat", "de", "deze", "die", "dit", "een", "en", "er", "het", "hun",
            "kan", "met", "naar", "nadat", "niet", "of", "op", "terwijl", "u", "uit", "uw", "van",
            "voor", "voordat", "wanneer", "worden", "wordt", "zijn",
        ],
        "de" => &[
            "auf", "das", "dem", "den", "der", "des", "die", "ein", "eine", "für", "im", "ist",
            "kann", "mit", "nicht", "oder", "sie", "sind", "und", "von", "werden", "wird", "zu",
        ],
        "fr" => &[
            "au", "aux", "avec", "dans", "des", "du", "est", "et", "la", "le", "les", "ne", "ou",
            "pas", "peut", "pour", "sont", "un", "une", "votre", "vous",
        ],
        _ => &[],
    }
}

/// The language as whatlang knows it, for telling a sentence's language.
pub(crate) fn whatlang(tag: &str) -> Option<whatlang::Lang> {
    use whatlang::Lang;
    // By variant, not by code: asked twice for every unit of a language pair.
    Some(match primary(tag).as_ref() {
        "en" => Lang::Eng,
        "nl" => Lang::Nld,
        "de" => Lang::Deu,
        "fr" => Lang::Fra,
        "es" => Lang::Spa,
        "it" => Lang::Ita,
        "pt" => Lang::Por,
        "sv" => Lang::Swe,
        "da" => Lang::Dan,
        "nb" | "no" => Lang::Nob,
        "fi" => Lang::Fin,
        "pl" => Lang::Pol,
        "cs" => Lang::Ces,
        "sk" => Lang::Slk,
        "hu" => Lang::Hun,
        "ro" => Lang::Ron,
        "tr" => Lang::Tur,
        "hr" => Lang::Hrv,
        "sl" => Lang::Slv,
        "lt" => Lang::Lit,
        "lv" => Lang::Lav,
        "et" => Lang::Est,
        "id" => Lang::Ind,
        "vi" => Lang::Vie,
        "ru" => Lang::Rus,
        "uk" => Lang::Ukr,
        "ko" => Lang::Kor,
        "ja" => Lang::Jpn,
        "zh" => Lang::Cmn,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtags_and_scripts() {
        assert_eq!(primary("nl-BE"), "nl");
        assert!(writes_latin("nl"));
        assert!(!writes_latin("ko-KR"));
        assert_eq!(whatlang("nl"), Some(whatlang::Lang::Nld));
        assert_eq!(whatlang("tlh"), None);
        // Each variant is the language of its ISO 639-3 code.
        for (tag, code) in [
            ("en", "eng"),
            ("nl", "nld"),
            ("de", "deu"),
            ("fr", "fra"),
            ("es", "spa"),
            ("it", "ita"),
            ("pt", "por"),
            ("sv", "swe"),
            ("da", "dan"),
            ("nb", "nob"),
            ("no", "nob"),
            ("fi", "fin"),
            ("pl", "pol"),
            ("cs", "ces"),
            ("sk", "slk"),
            ("hu", "hun"),
            ("ro", "ron"),
            ("tr", "tur"),
            ("hr", "hrv"),
            ("sl", "slv"),
            ("lt", "lit"),
            ("lv", "lav"),
            ("et", "est"),
            ("id", "ind"),
            ("vi", "vie"),
            ("ru", "rus"),
            ("uk", "ukr"),
            ("ko", "kor"),
            ("ja", "jpn"),
            ("zh", "cmn"),
        ] {
            assert_eq!(whatlang(tag), whatlang::Lang::from_code(code), "{tag}");
            assert!(whatlang(tag).is_some(), "{tag}");
        }
        for c in [
            'a', 'Z', 'é', '가', '힣', 'ㄱ', '語', '1', ' ', '#', '§', '□', '\u{d7a4}',
        ] {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
