//! Untranslated text: a translation identical to its source, or a sentence of it still in
//! the source's language, once it is more than a few words long. Placeables, protected
//! names and the glossary's wordings are not counted as words.

use std::ops::Range;

use crate::util::pattern::Regex;

use crate::check::qa::language::{self, is_letter, writes_latin};
use crate::check::qa::{Finding, Rules, Unit, protected, sentences, slice, whole};
use crate::diagnostics::Code;

/// How many words a sentence needs before its language is judged: below that, names and
/// loanwords decide too much.
pub(crate) const MIN_WORDS: usize = 4;

/// Words an unchanged translation needs before it counts: a two-word title ("Supportability
/// Matrix") is often kept in the source language on purpose.
pub(crate) const IDENTICAL_WORDS: usize = 3;

/// Words of at least two letters.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_letter(c) && c != '\'' && c != '’')
        .filter(|word| word.chars().filter(|c| is_letter(*c)).nth(1).is_some())
}

/// Whether `text` has at least `count` [`words`]: counted no further than that.
fn has_words(text: &str, count: usize) -> bool {
    count == 0 || words(text).nth(count - 1).is_some()
}

/// Whether the two texts are the same words, ignoring case and spacing. Compared word by
/// word, stopping at the first difference: lowercasing never makes or removes white space,
/// and a word lowercases the same alone as within its text. ASCII words need no
/// lowercased copy.
fn same_words(a: &str, b: &str) -> bool {
    let (mut left, mut right) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() => {
                if !x.eq_ignore_ascii_case(y) {
                    return false;
                }
            }
            (Some(x), Some(y)) if same_lowercase(x, y) => {}
            _ => return false,
        }
    }
}

/// Whether two words lowercase alike, without lowercased copies: `str::to_lowercase`
/// maps character by character but for a final sigma, which depends on its place in the
/// word (most non-ASCII pairs compared here are Korean, whose first words differ).
fn same_lowercase(x: &str, y: &str) -> bool {
    if x == y {
        return true;
    }
    if x.contains('Σ') || y.contains('Σ') {
        return x.to_lowercase() == y.to_lowercase();
    }
    x.chars()
        .flat_map(char::to_lowercase)
        .eq(y.chars().flat_map(char::to_lowercase))
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let part = slice(text, &range);
    let start = range.start + (part.len() - part.trim_start().len());
    start..(range.start + part.trim_end().len()).max(start)
}

/// What the check knows of a pair of languages, looked up once per locale pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    /// One language on both sides (`nl-BE` from `nl`): nothing is untranslated.
    same: bool,
    /// From a language written in Latin letters into one that is not.
    scripts_differ: bool,
    /// The language detector's names of the two, where both have one and they differ.
    detected: Option<(whatlang::Lang, whatlang::Lang)>,
    /// The function words of the source's language and of the target's.
    function_words: (&'static [&'static str], &'static [&'static str]),
}

impl Pair {
    pub(crate) fn of(source_tag: &str, target_tag: &str) -> Pair {
        let detected = match (
            language::whatlang(source_tag),
            language::whatlang(target_tag),
        ) {
            (Some(source), Some(target)) if source != target => Some((source, target)),
            _ => None,
        };
        Pair {
            same: language::primary(source_tag) == language::primary(target_tag),
            scripts_differ: writes_latin(source_tag) && !writes_latin(target_tag),
            detected,
            function_words: (
                language::function_words(source_tag),
                language::function_words(target_tag),
            ),
        }
    }
}

/// Whether `text` reads as a product or version name, which every language writes the
/// same: each word capitalized or a number, and at least one number ("Windows Server 2012
/// R2 Datacenter", "Exchange Server 2016 Cumulative Update 23"). A Title Case heading has
/// no number ("Keeping Translations Honest") and stays reported.
fn is_product_name(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '/' | '-'))
        .filter(|word| !word.is_empty())
        .collect();
    let number = |word: &str| word.chars().any(|c| c.is_ascii_digit());
    words.iter().any(|word| number(word))
        && words
            .iter()
            .all(|word| number(word) || word.chars().next().is_some_and(char::is_uppercase))
}

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let pair = rules.languages(unit).untranslated;
    if pair.same {
        return Vec::new();
    }
    let scripts_differ = pair.scripts_differ;
    let same = same_words(unit.source.text, unit.translation.text);
    // Into another script, only a sentence of Latin letters can be the source's language,
    // and masking names and wordings takes letters away, never adds one: a translation
    // without a Latin letter (most) is settled before anything is masked or split.
    if scripts_differ && !same && !has_latin_letter(unit.translation.masked) {
        return Vec::new();
    }
    let glossary = rules.glossary();
    let target_terms: Vec<&Regex> = glossary
        .iter()
        .flat_map(|e| e.target_patterns.iter())
        .collect();
    let translation = protected(&unit.translation, unit.names, &target_terms);
    let help = "translate the text; names and terms may stay as they are, the sentence around them may not";
    if same && has_words(&translation, IDENTICAL_WORDS) && !is_product_name(unit.translation.text) {
        return vec![Finding::new(
            Code::Untranslated,
            whole(unit.translation.text),
            "the translation is the source text, unchanged",
            help,
        )];
    }
    // Only a pair in one script needs the language detector's names of the two.
    let languages = if scripts_differ { None } else { pair.detected };
    // Made at the first sentence the word lists leave open, which most units never reach.
    let mut detector = None;
    for sentence in sentences(&translation)
        .into_iter()
        .flat_map(|sentence| clauses(&translation, sentence))
    {
        let text = &translation[sentence.clone()];
        // In another script, a sentence with a letter of the target's script (most) is
        // settled before its words are counted.
        if scripts_differ && !only_latin_letters(text) {
            continue;
        }
        if !has_words(text, MIN_WORDS) {
            continue;
        }
        let in_source_language = if scripts_differ {
            true
        } else if let Some((source, target)) = languages {
            // The word lists first: they settle most sentences without the detector.
            match function_words(text, pair.function_words) {
                (0, target_only) if target_only > 0 => false,
                (source_only, 0) if source_only >= 2 => true,
                _ => detector
                    .get_or_insert_with(|| whatlang::Detector::with_allowlist(vec![source, target]))
                    .detect(text)
                    .is_some_and(|info| info.lang() == source && info.confidence() >= 0.5),
            }
        } else {
            false
        };
        if in_source_language {
            let range = trim_range(unit.translation.text, sentence);
            return vec![Finding::new(
                Code::Untranslated,
                range.clone(),
                format!(
                    "this sentence is still in the source's language: \"{}\"",
                    slice(unit.translation.text, &range)
                ),
                help,
            )];
        }
    }
    Vec::new()
}

/// Whether every letter of `text` is a Latin one.
fn only_latin_letters(text: &str) -> bool {
    text.chars()
        .filter(|c| is_letter(*c))
        .all(|c| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c))
}

/// Whether `text` has a Latin letter. Screened by bytes first: such a letter is an ASCII
/// letter or starts with a byte from 0xC3 to 0xC9 (U+00C0 to U+024F), and a text in
/// another script (most Korean units) has neither.
fn has_latin_letter(text: &str) -> bool {
    text.bytes()
        .any(|b| b.is_ascii_alphabetic() || (0xc3..=0xc9).contains(&b))
        && text.chars().any(is_latin_letter)
}

/// Whether `c` is a Latin letter (ASCII or Latin-1 to Latin Extended-B), as
/// [`only_latin_letters`] counts them.
fn is_latin_letter(c: char) -> bool {
    is_letter(c) && (c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c))
}

/// The longest function word of any list, in bytes (a test holds the lists to it).
const LONGEST_LISTED: usize = 16;

/// How many words of the sentence are function words of the source language only, and
/// how many of the target's only. A sentence with the target's and none of the source's is
/// the target's, however many borrowed nouns it has; one with two of the source's and none
/// of the target's is the source's ("Keep it running until then."), however short. Words
/// both languages write ("in", "is") decide nothing.
fn function_words(
    text: &str,
    (source, target): (&'static [&'static str], &'static [&'static str]),
) -> (usize, usize) {
    let longest = source
        .iter()
        .chain(target)
        .map(|w| w.len())
        .max()
        .unwrap_or(0)
        .min(LONGEST_LISTED);
    let (mut source_only, mut target_only) = (0, 0);
    for word in text
        .split(|c: char| !is_letter(c))
        .filter(|word| !word.is_empty())
    {
        // The lists are lowercase and sorted: an ASCII word is lowered into a buffer on the
        // stack and looked up by binary search.
        let (in_source, in_target) = if word.is_ascii() {
            // The lists hold short ASCII words: a longer one is in neither.
            if word.len() > longest {
                continue;
            }
            let mut buffer = [0u8; LONGEST_LISTED];
            let lowered = &mut buffer[..word.len()];
            lowered.copy_from_slice(word.as_bytes());
            lowered.make_ascii_lowercase();
            let listed =
                |list: &[&str]| list.binary_search_by(|w| w.as_bytes().cmp(lowered)).is_ok();
            (listed(source), listed(target))
        } else {
            let word = word.to_lowercase();
            (
                source.contains(&word.as_str()),
                target.contains(&word.as_str()),
            )
        };
        match (in_source, in_target) {
            (true, false) => source_only += 1,
            (false, true) => target_only += 1,
            _ => {}
        }
    }
    (source_only, target_only)
}

/// The clauses of `sentence` (a range of `text`) the untranslated check judges one by one:
/// split after a colon that ends a label ("**Opmerking:** Moving from ..."), whose two sides
/// are often one translated and one not.
fn clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let part = &text[sentence.clone()];
    let mut found = Vec::new();
    let mut start = 0;
    for (at, _) in part.match_indices(':') {
        let rest = part[at + 1..].trim_start_matches(['*', '_']);
        if rest.starts_with(char::is_whitespace) {
            let end = part.len() - rest.len();
            found.push(sentence.start + start..sentence.start + end);
            start = end;
        }
    }
    found.push(sentence.start + start..sentence.end);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_word_lists_are_sorted_lowercase_and_short() {
        for tag in ["en", "nl", "de", "fr"] {
            let list = language::function_words(tag);
            assert!(!list.is_empty(), "{tag}");
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{tag}");
            for word in list {
                assert!(word.len() <= LONGEST_LISTED, "{word}");
                assert_eq!(word.to_lowercase(), *word);
            }
        }
        let (en, nl) = (
            language::function_words("en"),
            language::function_words("nl"),
        );
        assert_eq!(
            function_words("Keep THE server until Then", (en, nl)),
            (3, 0)
        );
        assert_eq!(
            function_words("Houd de server aan tot DAN", (en, nl)),
            (0, 1)
        );
        assert_eq!(
            function_words("Für die Umstellung", (en, language::function_words("de"))),
            (0, 2)
        );
    }

    #[test]
    fn words_lowercase_alike_as_their_lowercased_copies_compare() {
        let words = [
            "Exchange",
            "EXCHANGE",
            "exchange",
            "Straße",
            "STRASSE",
            "ΟΔΟΣ",
            "οδος",
            "οδοσ",
            "ΣΑΣ",
            "σας",
            "İstanbul",
            "i̇stanbul",
            "사서함",
            "ǅemal",
            "ǆemal",
            "K",
            "k",
            "",
        ];
        for x in words {
            for y in words {
                assert_eq!(
                    same_lowercase(x, y),
                    x.to_lowercase() == y.to_lowercase(),
                    "{x} / {y}"
                );
            }
        }
    }

    #[test]
    fn latin_letters_are_found_by_their_bytes_as_by_their_characters() {
        for text in [
            "",
            "사서함",
            "사서함 A",
            "é",
            "ɏ",
            "Ω",
            "ß 사",
            "123 #§□",
            "ǅ",
            "ḁ",
            "ｆ",
        ] {
            assert_eq!(
                has_latin_letter(text),
                text.chars().any(is_latin_letter),
                "{text}"
            );
        }
        for c in ('\0'..='\u{2ff}').chain('\u{ac00}'..='\u{ac10}') {
            let text = c.to_string();
            assert_eq!(has_latin_letter(&text), is_latin_letter(c), "{c:?}");
        }
    }
    use crate::check::qa::testing::owned;

    fn findings(source: &str, tag: &str, translation: &str) -> Vec<Finding> {
        check(
            &owned("en", source, tag, translation).unit(),
            &Rules::default(),
        )
    }

    /// The sentence split as it was written first, character by character.
    fn sentences_by_chars(text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next_is_space = chars.peek().is_none_or(|(_, next)| next.is_whitespace());
            let ends = matches!(c, '。' | '！' | '？')
                || (c == '\n' && crate::check::qa::hard_line_end(&text[at + 1..]))
                || (matches!(c, '.' | '!' | '?') && next_is_space);
            if ends {
                found.push(start..at + c.len_utf8());
                start = at + c.len_utf8();
            }
        }
        if start < text.len() {
            found.push(start..text.len());
        }
        found
    }

    #[test]
    fn sentences_split_by_bytes_as_by_characters() {
        for text in [
            "",
            "One. Two! Three? Four",
            "Version 2.0 is out.\nNext line。次の文！そして？終わり",
            "A paragraph\nwrapped once.\n\n- an item\n- another\n1. first\n# Heading",
            "Ends with a stop.",
            "Stop.\u{a0}Then a no-break space. And\u{3000}more.",
            "사서함을 이동합니다. 완료되면 확인하세요!",
            "…ellipsis。x｡ full stop？",
            "a.b.c. d",
        ] {
            assert_eq!(sentences(text), sentences_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn same_words_compares_as_the_lowercased_texts_do() {
        let lowercased = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let pairs = [
            ("Move  the\nmailboxes", "move the MAILBOXES"),
            ("Move the mailboxes", "Move the mailbox"),
            ("Move the", "Move the mailboxes"),
            ("ΟΔΟΣ ΟΔΟΣ", "οδος οδος"),
            ("ΟΔΟΣ ΟΔΟΣ", "οδος οδοσ"),
            ("\u{212a}elvin", "kelvin"),
            ("İstanbul", "i\u{307}stanbul"),
            ("사서함 이동", "사서함  이동"),
            ("", "  "),
        ];
        for (a, b) in pairs {
            assert_eq!(
                same_words(a, b),
                lowercased(a) == lowercased(b),
                "{a:?} {b:?}"
            );
            assert_eq!(
                same_words(b, a),
                lowercased(a) == lowercased(b),
                "{b:?} {a:?}"
            );
        }
    }

    #[test]
    fn an_unchanged_translation_is_reported() {
        let found = findings(
            "Migrate to a newer version.",
            "nl",
            "Migrate to a newer version.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let found = findings(
            "Move { $count } mailboxes now",
            "ko",
            "Move { $count } mailboxes now",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        // A product or version name reads the same in every language; a Title Case
        // heading without a number is still a sentence to translate.
        for name in [
            "Windows Server 2012 R2 Datacenter",
            "Exchange Server 2016 Cumulative Update 23",
        ] {
            assert!(findings(name, "nl", name).is_empty(), "{name}");
        }
        let heading = "Keeping Translations Honest";
        assert_eq!(findings(heading, "nl", heading).len(), 1);
    }

    #[test]
    fn an_english_sentence_in_a_translation_is_located() {
        let translation =
            "Gebruikers behouden hun profielen. Users won't have to download their email again.";
        let found = findings(
            "Users keep their profiles. Users won't have to download their email again.",
            "nl",
            translation,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].range.start, translation.find("Users").unwrap());
        let translation =
            "사용자는 프로필을 유지합니다. Users won't have to download their email again.";
        let found = findings(
            "Users keep their profiles. Users won't have to download their email again.",
            "ko",
            translation,
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    /// Into Hangul, a translation without a Latin letter outside its placeables is
    /// settled at once; one with a Latin sentence anywhere (at its start, at its end, next
    /// to punctuation) is still read sentence by sentence.
    #[test]
    fn into_another_script_only_texts_with_latin_letters_are_read() {
        let source = "Users keep their profiles. Users won't have to download their email again.";
        assert!(findings(source, "ko", "{ $users } 사용자는 프로필을 유지합니다.").is_empty());
        for translation in [
            "Users won't have to download their email again. 사용자는 프로필을 유지합니다.",
            "사용자는 프로필을 유지합니다.\n(Users won't have to download their email again)",
            "사용자는 { $x } 유지합니다. Users won't have to download their email again",
        ] {
            assert_eq!(
                findings(source, "ko", translation).len(),
                1,
                "{translation}"
            );
        }
        // The same text as the source is reported before any screen.
        assert_eq!(findings(source, "ko", source).len(), 1);
    }

    #[test]
    fn quiet_on_names_short_texts_and_real_translations() {
        assert!(
            findings(
                "{ -microsoft-365 } Groups",
                "nl",
                "{ -microsoft-365 } Groups"
            )
            .is_empty()
        );
        assert!(findings("Roadmap", "nl", "Roadmap").is_empty());
        assert!(
            findings(
                "Move to Microsoft 365 with Exchange Online Protection.",
                "nl",
                "Stap over naar Microsoft 365 met Exchange."
            )
            .is_empty()
        );
        // Dutch full of borrowed English nouns is Dutch.
        assert!(
            findings(
                "Upgrade the connector and archive the contact protocol.",
                "nl",
                "Upgrade connector archief van contactpersoon protocol."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Users keep their profiles on most of their devices.",
                "nl",
                "Op de meeste van hun apparaten behouden gebruikers hun profielen."
            )
            .is_empty()
        );
    }

    fn untranslated(source: &str, tag: &str, translation: &str) -> Vec<Finding> {
        check(
            &crate::check::qa::testing::owned("en", source, tag, translation).unit(),
            &Rules::default(),
        )
    }

    #[test]
    fn english_after_a_translated_label_or_in_a_short_sentence_is_reported() {
        let source = "**Note:** Moving from { $from } to { $to } is simple.";
        for (tag, translation) in [
            (
                "nl",
                "**Opmerking:** Moving from { $from } to { $to } is simple.",
            ),
            (
                "ko",
                "**참고:** Moving from { $from } to { $to } is simple.",
            ),
        ] {
            let found = untranslated(source, tag, translation);
            assert_eq!(found.len(), 1, "{tag}: {found:?}");
            assert!(
                translation[found[0].range.clone()].starts_with("Moving"),
                "{found:?}"
            );
        }
        assert!(
            untranslated(
                source,
                "nl",
                "**Opmerking:** De overstap van { $from } naar { $to } is eenvoudig."
            )
            .is_empty()
        );
        let found = untranslated(
            "Keep it running until then.",
            "nl",
            "Laat hem draaien. Keep it running until then.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        // A Dutch sentence with borrowed words and its own function words is Dutch.
        assert!(
            untranslated(
                "Plan the cutover migration before the deadline.",
                "nl",
                "Plan de cutover-migratie voor de deadline."
            )
            .is_empty()
        );
    }
}
