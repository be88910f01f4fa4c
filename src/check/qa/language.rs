//! What the checks need to know about a language from its BCP 47 tag alone: its primary
//! subtag, whether it is written in Latin letters, and its name for language
//! identification.

/// The primary language subtag, lower case: `nl` for `nl-BE`.
pub(crate) fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// Languages usually written in another script than Latin letters.
const NOT_LATIN: [&str; 20] = [
    "ko", "ja", "zh", "ru", "uk", "bg", "be", "mk", "el", "ar", "fa", "ur", "he", "yi", "th", "hi",
    "bn", "ta", "ka", "hy",
];

pub(crate) fn writes_latin(tag: &str) -> bool {
    !NOT_LATIN.contains(&primary(tag).as_str())
}

/// Languages that often end list items and lead-ins without the source's colon or full
/// stop (Korean, Japanese, Chinese noun-phrase style): only `?` and `!` must match there.
pub(crate) fn loose_closing_punctuation(tag: &str) -> bool {
    matches!(primary(tag).as_str(), "ko" | "ja" | "zh")
}

/// The language as whatlang knows it, for telling a sentence's language.
pub(crate) fn whatlang(tag: &str) -> Option<whatlang::Lang> {
    let code = match primary(tag).as_str() {
        "en" => "eng",
        "nl" => "nld",
        "de" => "deu",
        "fr" => "fra",
        "es" => "spa",
        "it" => "ita",
        "pt" => "por",
        "sv" => "swe",
        "da" => "dan",
        "nb" | "no" => "nob",
        "fi" => "fin",
        "pl" => "pol",
        "cs" => "ces",
        "sk" => "slk",
        "hu" => "hun",
        "ro" => "ron",
        "tr" => "tur",
        "hr" => "hrv",
        "sl" => "slv",
        "lt" => "lit",
        "lv" => "lav",
        "et" => "est",
        "id" => "ind",
        "vi" => "vie",
        "ru" => "rus",
        "uk" => "ukr",
        "ko" => "kor",
        "ja" => "jpn",
        "zh" => "cmn",
        _ => return None,
    };
    whatlang::Lang::from_code(code)
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
    }
}
