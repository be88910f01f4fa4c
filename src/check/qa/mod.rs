//! Translation QA in the manner of Okapi CheckMate, Xbench and Verifika: checks of one
//! translation unit (a source text and its translation) that look at the words around the
//! placeables — glossary, polarity, untranslated text, the locale's own patterns,
//! punctuation, number words, tense, the ends of a move, length, repeated words — and one
//! check across units (inconsistency).
//!
//! Every check is a pure function of a [`Unit`] and the locale's [`Rules`], returning
//! [`Finding`]s with byte ranges in the translation text; the callers (Fluent messages
//! here, Markdown blocks elsewhere) place them in their files.

pub(crate) mod direction;
pub(crate) mod glossary;
pub(crate) mod inconsistency;
pub(crate) mod language;
pub(crate) mod length;
pub(crate) mod located;
pub mod messages;
pub(crate) mod number_words;
pub(crate) mod patterns;
pub(crate) mod polarity;
pub(crate) mod punctuation;
pub(crate) mod qualifiers;
pub(crate) mod repeated;
pub(crate) mod screen;
pub(crate) mod tense;
pub(crate) mod untranslated;

use std::borrow::Cow;
use std::ops::Range;

use crate::diagnostics::Code;
use crate::load::locale_qa::LocaleQa;

pub(crate) use crate::diagnostics::QA_CODES as CODES;

/// One side of a translation unit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Side<'a> {
    pub(crate) text: &'a str,
    /// BCP 47 tag of the text's language.
    pub(crate) locale: &'a str,
    /// Byte ranges of the placeables in `text` (`{ $version }`, a fact, a term): their
    /// words are facts and names, not prose to check.
    pub(crate) placeables: &'a [Range<usize>],
    /// `text` with the placeables masked ([`masked`]), worked out once per text (a
    /// source text once for all its translations) and read by every check.
    pub(crate) masked: &'a str,
    /// What the checks work out from this text alone, kept for its other units (a
    /// source text's for each of its translations); `None` for a text checked once.
    pub(crate) memo: Option<&'a Memo>,
}

/// What the checks work out from one text alone (with its locale's rules, which are the
/// same in every unit the text is part of), worked out at its first unit.
#[derive(Debug, Clone, Default)]
pub(crate) struct Memo {
    /// Whether the masked text may hold a negation marker (the polarity check's screen).
    pub(crate) may_negate: std::sync::OnceLock<bool>,
    /// [`polarity::negations`] of the masked text.
    pub(crate) negations: std::sync::OnceLock<Vec<(polarity::Kind, Range<usize>)>>,
    /// [`number_words::magnitudes`] of the masked text.
    pub(crate) magnitudes: std::sync::OnceLock<Vec<(u64, Range<usize>)>>,
    /// The inconsistency key of the text.
    pub(crate) key: std::sync::OnceLock<Option<inconsistency::Key>>,
    /// [`qualifiers::source_matches`] of the masked text.
    pub(crate) qualifiers: std::sync::OnceLock<qualifiers::SourceMatches>,
}

/// A source text and its translation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit<'a> {
    pub(crate) source: Side<'a>,
    pub(crate) translation: Side<'a>,
    /// Protected names (product names, term values) typed in either text; they read the
    /// same in every language.
    pub(crate) names: &'a [String],
}

/// What the two locales' folders add to the built-in language knowledge, and that
/// knowledge for the pair.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rules<'a> {
    pub(crate) source: Option<&'a LocaleQa>,
    pub(crate) target: Option<&'a LocaleQa>,
    /// The built-in knowledge of the pair of locales every unit checked with these rules
    /// is in ([`Languages::of`]); `None` to look it up from each unit's tags.
    pub(crate) languages: Option<Languages>,
}

/// The built-in language knowledge of one pair of locales, looked up once per pair: each
/// check would otherwise find its lists by the units' tags, for every unit, and on short
/// units that lookup cost more than the check.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Languages {
    /// The source's and the target's negation markers.
    pub(crate) negation: (
        Option<&'static polarity::Markers>,
        Option<&'static polarity::Markers>,
    ),
    /// The source's and the target's number words.
    pub(crate) magnitudes: (
        Option<&'static number_words::Words>,
        Option<&'static number_words::Words>,
    ),
    /// The built-in qualifiers of the pair (from English only).
    pub(crate) qualifiers: Option<&'static qualifiers::Screened>,
    pub(crate) untranslated: untranslated::Pair,
    /// Whether the target may leave out a closing `.`, `:` or `;`.
    pub(crate) loose_closing: bool,
    /// Whether the target is Korean (its date-suffix rule).
    pub(crate) korean: bool,
    /// The length a translation is expected to have per letter of its source
    /// ([`length::expected_ratio`]).
    pub(crate) length: Option<f32>,
}

impl Languages {
    pub(crate) fn of(source_tag: &str, target_tag: &str) -> Languages {
        Languages {
            negation: (polarity::markers(source_tag), polarity::markers(target_tag)),
            magnitudes: (
                number_words::words(source_tag),
                number_words::words(target_tag),
            ),
            qualifiers: qualifiers::screened(source_tag, target_tag),
            untranslated: untranslated::Pair::of(source_tag, target_tag),
            loose_closing: language::loose_closing_punctuation(target_tag),
            korean: language::primary(target_tag) == "ko",
            length: length::expected_ratio(source_tag, target_tag),
        }
    }
}

/// Starts working out, on a thread of its own, the built-in knowledge of every pair of
/// the source locale and a translation that the QA checks: compiling those word lists
/// takes a tenth of a second (a third of `stele check` on a small site), which the
/// loading of the data and pages leaves a core free for; the checks find it ready.
pub(crate) fn prepare_languages(config: &crate::load::config::Config, tags: &[String]) {
    let source = config.source_locale.clone();
    let targets: Vec<String> = tags
        .iter()
        .filter(|tag| **tag != source)
        .filter(|tag| messages::levels(config, tag).values().any(Option::is_some))
        .cloned()
        .collect();
    if targets.is_empty() {
        return;
    }
    // Nothing waits for this thread: a check that needs a list before it is ready waits
    // for that list alone (each is a `OnceLock`), and one that fails to start leaves the
    // checks to compile the lists themselves.
    let _ = std::thread::Builder::new()
        .name("stele-qa-languages".into())
        .spawn(move || {
            for target in &targets {
                Languages::of(&source, target);
            }
        });
}

impl<'a> Rules<'a> {
    /// The rules of a pair of locales, with the pair's built-in knowledge looked up once.
    pub(crate) fn for_pair(
        source_tag: &str,
        target_tag: &str,
        source: Option<&'a LocaleQa>,
        target: Option<&'a LocaleQa>,
    ) -> Rules<'a> {
        Rules {
            source,
            target,
            languages: Some(Languages::of(source_tag, target_tag)),
        }
    }

    /// The built-in knowledge of `unit`'s pair of languages.
    pub(crate) fn languages(&self, unit: &Unit) -> Languages {
        self.languages
            .unwrap_or_else(|| Languages::of(unit.source.locale, unit.translation.locale))
    }

    pub(crate) fn glossary(&self) -> &'a [crate::load::locale_qa::GlossaryEntry] {
        self.target.map(|t| t.glossary.as_slice()).unwrap_or(&[])
    }
}

/// One problem in a translation unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) code: Code,
    /// Byte range in the translation text.
    pub(crate) range: Range<usize>,
    pub(crate) message: String,
    pub(crate) help: String,
}

impl Finding {
    pub(crate) fn new(
        code: Code,
        range: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            range,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// Every per-unit check whose code `enabled` accepts.
pub(crate) fn check_unit(
    unit: &Unit,
    rules: &Rules,
    enabled: impl Fn(Code) -> bool,
) -> Vec<Finding> {
    let mut found = Vec::new();
    if enabled(Code::Glossary) {
        found.extend(glossary::check(unit, rules));
    }
    if enabled(Code::Polarity) {
        found.extend(polarity::check(unit, rules));
    }
    if enabled(Code::Untranslated) {
        found.extend(untranslated::check(unit, rules));
    }
    if enabled(Code::Pattern) {
        found.extend(patterns::check(unit, rules));
    }
    if enabled(Code::Punctuation) {
        found.extend(punctuation::check(unit, rules));
    }
    if enabled(Code::NumberWords) {
        found.extend(number_words::check(unit, rules));
    }
    if enabled(Code::Tense) {
        found.extend(tense::check(unit));
    }
    if enabled(Code::Direction) {
        found.extend(direction::check(unit));
    }
    if enabled(Code::Length) {
        found.extend(length::check(unit, rules));
    }
    if enabled(Code::RepeatedWord) {
        found.extend(repeated::check(unit));
    }
    found
}

/// One language's built-in word patterns (negation markers, number words), each with what it
/// means, and one literal screen over all of them: most texts match none, and one pass over
/// a text tells which few patterns are worth running at all.
///
/// A pattern is compiled the first time the screen lets it through: compiling every
/// pattern of a language up front cost a build of the example site more than checking all
/// of its messages, and most patterns are never a candidate in a site.
#[derive(Debug)]
pub(crate) struct Patterns<T> {
    screen: screen::Screen,
    list: Vec<(
        T,
        String,
        std::sync::OnceLock<Option<crate::util::pattern::Regex>>,
    )>,
}

impl<T: Copy> Patterns<T> {
    /// The patterns, case-insensitive; one that does not compile never matches.
    pub(crate) fn compile(list: &[(T, &str)]) -> Patterns<T> {
        let list: Vec<(
            T,
            String,
            std::sync::OnceLock<Option<crate::util::pattern::Regex>>,
        )> = list
            .iter()
            .map(|(meaning, pattern)| {
                (
                    *meaning,
                    format!("(?i){pattern}"),
                    std::sync::OnceLock::new(),
                )
            })
            .collect();
        Patterns {
            screen: screen::Screen::of_patterns(
                list.iter().map(|(_, pattern, _)| pattern.as_str()),
            ),
            list,
        }
    }

    /// Whether any pattern may match `text` (never false when one does). A text masked
    /// further ([`protected`]) matches none when this says none.
    pub(crate) fn may_match(&self, text: &str) -> bool {
        self.screen.any(text)
    }

    /// The patterns that may match somewhere in `text` (every one that does), in their
    /// order.
    pub(crate) fn matching<'a>(
        &'a self,
        text: &str,
    ) -> impl Iterator<Item = (T, &'a crate::util::pattern::Regex)> + use<'a, T> {
        // One pass: a text without any candidate filters every pattern out.
        let candidates = self.screen.candidates(text);
        self.list
            .iter()
            .enumerate()
            .filter(move |(index, _)| candidates.contains(*index))
            .filter_map(|(_, (meaning, pattern, compiled))| {
                let regex = compiled
                    .get_or_init(|| crate::util::pattern::Regex::new(pattern).ok())
                    .as_ref()?;
                Some((*meaning, regex))
            })
    }

    /// The patterns that do not compile (none, in a correct list).
    #[cfg(test)]
    pub(crate) fn broken(&self) -> Vec<&str> {
        self.list
            .iter()
            .filter(|(_, pattern, _)| crate::util::pattern::Regex::new(pattern).is_err())
            .map(|(_, pattern, _)| pattern.as_str())
            .collect()
    }
}

/// The entry of `tag`'s language in a table of built-in lists by primary language subtag
/// (negation markers, number words), made the first time it is asked for.
pub(crate) fn built_in_for<T>(
    table: &'static [(&'static str, std::sync::LazyLock<T>)],
    tag: &str,
) -> Option<&'static T> {
    let language = language::primary(tag);
    table
        .iter()
        .find(|(name, _)| *name == language)
        .map(|(_, list)| &**list)
}

/// `text` with every character in `ranges` turned into a filler of the same length in
/// bytes (`#`, `§`, `□`), neither a letter nor white space: the same byte offsets and the
/// same character boundaries, without the words of placeables and names, and without
/// making a masked name look like a word break to a marker such as Korean "안 ".
pub(crate) fn masked<'a>(text: &'a str, ranges: &[Range<usize>]) -> Cow<'a, str> {
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if ranges
            .iter()
            .any(|range| range.start <= at && at < range.end)
        {
            match c.len_utf8() {
                1 => out.push('#'),
                2 => out.push('§'),
                3 => out.push('□'),
                _ => out.push_str("□#"),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Sentences of `text` as ranges: split after `.`, `!`, `?` (and their full-width forms)
/// followed by white space, and at line breaks that end a block ([`hard_line_end`]).
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    let mut at = 0;
    // By bytes: only `.`, `!`, `?`, a line break, or a character starting 0xE3 or 0xEF
    // (the full-width stops) can end a sentence, and each of those bytes starts a character.
    while at < bytes.len() {
        if !matches!(bytes[at], b'.' | b'!' | b'?' | b'\n' | 0xe3 | 0xef) {
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let end = at + c.len_utf8();
        let next_is_space = text
            .get(end..)
            .and_then(|rest| rest.chars().next())
            .is_none_or(char::is_whitespace);
        let ends = matches!(c, '。' | '！' | '？')
            || (c == '\n' && hard_line_end(&text[end..]))
            || (matches!(c, '.' | '!' | '?') && next_is_space);
        if ends {
            found.push(start..end);
            start = end;
        }
        at = end;
    }
    if start < text.len() {
        found.push(start..text.len());
    }
    found
}

/// Whether a line break before `rest` ends a sentence: a blank line or a new block (a list
/// item, heading, quote or table row) follows. Otherwise it wraps a paragraph, as Markdown
/// reads it, and the sentence goes on.
fn hard_line_end(rest: &str) -> bool {
    let line = rest.trim_start_matches([' ', '\t']);
    let mut chars = line.chars();
    match chars.next() {
        None | Some('\n' | '\r' | '#' | '>' | '|') => true,
        Some('-' | '*' | '+') => chars.next().is_none_or(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        }
        Some(_) => false,
    }
}

/// `text[range]`, or an empty text when the range does not fall on character boundaries.
pub(crate) fn slice<'a>(text: &'a str, range: &Range<usize>) -> &'a str {
    text.get(range.clone()).unwrap_or("")
}

/// One side's text as a word check reads it: without its placeables, protected names and
/// the glossary's wordings (a term rendered as the glossary says is not prose to judge),
/// each masked as [`masked`] does. Masking the placeable-masked text again masks the same
/// characters the same way, so only names and wordings are looked for here.
pub(crate) fn protected<'a>(
    side: &Side<'a>,
    names: &[String],
    wordings: &[&crate::util::pattern::Regex],
) -> Cow<'a, str> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for name in names {
        if name.is_empty() {
            continue;
        }
        ranges.extend(
            side.text
                .match_indices(name.as_str())
                .map(|(at, found)| at..at + found.len()),
        );
    }
    for wording in wordings {
        ranges.extend(wording.find_iter(side.text).map(|m| m.range()));
    }
    masked(side.masked, &ranges)
}

/// The range of the whole text without surrounding white space (the place to point at when
/// something is missing rather than wrong).
pub(crate) fn whole(text: &str) -> Range<usize> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_offsets_and_character_boundaries() {
        let text = "약속 있음/없음 정보";
        let end = text.find(" 정보").unwrap();
        let ranges = vec![Range { start: 0, end }];
        let masked = masked(text, &ranges);
        assert_eq!(masked.len(), text.len());
        assert!(masked.ends_with(" 정보"));
        assert!(
            text.char_indices()
                .all(|(at, _)| masked.is_char_boundary(at))
        );
        assert!(!masked.contains('없'));
    }
}

#[cfg(test)]
mod memo_tests {
    use super::testing::owned;
    use super::*;

    /// A source text's memo, filled by its first translation, gives every later one the
    /// findings it would get without a memo.
    #[test]
    fn a_memo_changes_no_finding() {
        let source =
            "You don't need to move hundreds of mailboxes { $n } times. Users are always kept.";
        let translations = [
            "U hoeft geen honderden postvakken { $n } keer te verplaatsen. Gebruikers blijven altijd behouden.",
            "U kunt duizenden postvakken { $n } keer verplaatsen. Users are always kept.",
            "Verplaats { $n } keer postvakken.",
        ];
        for (first, second) in [(0, 1), (1, 2), (2, 0)] {
            let memo = Memo::default();
            for index in [first, second] {
                let owned = owned("en", source, "nl", translations[index]);
                let plain = check_unit(&owned.unit(), &Rules::default(), |_| true);
                let mut unit = owned.unit();
                unit.source.memo = Some(&memo);
                let memoized = check_unit(&unit, &Rules::default(), |_| true);
                assert_eq!(plain, memoized, "{}", translations[index]);
            }
            assert!(memo.negations.get().is_some_and(|found| !found.is_empty()));
            assert!(memo.magnitudes.get().is_some_and(|found| !found.is_empty()));
        }
    }
}

#[cfg(test)]
mod pair_tests {
    use super::testing::owned;
    use super::*;

    /// A pair's knowledge looked up once gives every unit the findings it gets when each
    /// check looks it up from the unit's tags.
    #[test]
    fn knowledge_looked_up_once_per_pair_changes_no_finding() {
        let cases = [
            (
                "en",
                "You won't need hundreds of servers.",
                "nl",
                "U hebt duizenden servers nodig",
            ),
            (
                "en",
                "Always move { $n } mailboxes.",
                "ko",
                "사서함 { $n }개를 옮기십시오",
            ),
            (
                "en-US",
                "It is not needed: move it.",
                "de-DE",
                "Es ist nötig: move it now please.",
            ),
            (
                "en",
                "Move at most ten mailboxes.",
                "fr",
                "Move at most ten mailboxes.",
            ),
            (
                "nl",
                "Verplaats nooit postvakken.",
                "nl-BE",
                "Verplaats postvakken.",
            ),
            (
                "en",
                "Only admins can do this.",
                "tlh",
                "Only admins can do this thing.",
            ),
        ];
        for (source_tag, source, target_tag, translation) in cases {
            let owned = owned(source_tag, source, target_tag, translation);
            let looked_up = check_unit(&owned.unit(), &Rules::default(), |_| true);
            let once = Rules::for_pair(source_tag, target_tag, None, None);
            assert_eq!(
                check_unit(&owned.unit(), &once, |_| true),
                looked_up,
                "{source_tag} -> {target_tag}: {translation}"
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A unit from texts written with Fluent-style `{ ... }` placeables.
    pub(crate) struct Owned {
        pub(crate) source: String,
        pub(crate) translation: String,
        pub(crate) source_placeables: Vec<Range<usize>>,
        pub(crate) translation_placeables: Vec<Range<usize>>,
        pub(crate) source_locale: String,
        pub(crate) target_locale: String,
        pub(crate) names: Vec<String>,
        pub(crate) source_masked: String,
        pub(crate) translation_masked: String,
    }

    pub(crate) fn placeables(text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(open) = text[from..].find('{') {
            let open = from + open;
            let Some(close) = text[open..].find('}') else {
                break;
            };
            found.push(open..open + close + 1);
            from = open + close + 1;
        }
        found
    }

    pub(crate) fn owned(
        source_locale: &str,
        source: &str,
        target_locale: &str,
        translation: &str,
    ) -> Owned {
        Owned {
            source_masked: masked(source, &placeables(source)).into_owned(),
            translation_masked: masked(translation, &placeables(translation)).into_owned(),
            source: source.to_string(),
            translation: translation.to_string(),
            source_placeables: placeables(source),
            translation_placeables: placeables(translation),
            source_locale: source_locale.to_string(),
            target_locale: target_locale.to_string(),
            names: vec!["Microsoft 365".to_string(), "Exchange".to_string()],
        }
    }

    impl Owned {
        pub(crate) fn unit(&self) -> Unit<'_> {
            Unit {
                source: Side {
                    text: &self.source,
                    locale: &self.source_locale,
                    placeables: &self.source_placeables,
                    masked: &self.source_masked,
                    memo: None,
                },
                translation: Side {
                    text: &self.translation,
                    locale: &self.target_locale,
                    placeables: &self.translation_placeables,
                    masked: &self.translation_masked,
                    memo: None,
                },
                names: &self.names,
            }
        }
    }
}
