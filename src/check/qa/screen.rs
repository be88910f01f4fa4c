//! A literal screen over a list of regular expressions: one Aho-Corasick pass over a text
//! tells which of the expressions can match it at all, so the expressions themselves run
//! only where the screen says they may. Most texts contain none of a language's negation
//! markers, number words or qualifiers, and one pass over them costs less than one regex
//! scan per list.
//!
//! The screen never says "cannot match" wrongly: each expression contributes the literals
//! every one of its matches starts (or, failing that, ends) with, as `regex-syntax`'s
//! extractor works them out, case variants included; an expression without a finite set
//! of such literals is always a candidate.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// The characters [`crate::check::qa::masked`] writes over placeables and names. A literal
/// made of other characters occurs in a masked text only where it occurs unmasked, so a
/// screen of the placeable-masked text also holds for the text with more masked.
const FILLERS: [char; 3] = ['#', '§', '□'];

/// Which of a list of expressions may match a text.
#[derive(Debug)]
pub(crate) struct Screen {
    /// Over the literals of every screened expression; `None` when none is screened.
    automaton: Option<AhoCorasick>,
    /// Per literal of the automaton, the index of its expression.
    owner: Vec<usize>,
    /// Per literal of the automaton, the word boundary a hit of it needs, if any.
    boundaries: Vec<Option<Boundary>>,
    /// Expressions without literals to screen by: candidates in every text.
    always: Vec<usize>,
    count: usize,
}

/// The candidates of one text: a set of expression indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidates {
    bits: Vec<u64>,
}

impl Candidates {
    fn none(count: usize) -> Candidates {
        Candidates {
            bits: vec![0; count.div_ceil(64)],
        }
    }

    fn insert(&mut self, index: usize) {
        self.bits[index / 64] |= 1 << (index % 64);
    }

    /// The candidates, in ascending order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(word_index, word)| {
            let mut rest = *word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    word_index * 64 + bit
                })
            })
        })
    }

    pub(crate) fn contains(&self, index: usize) -> bool {
        self.bits
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }
}

/// The screen of one expression on its own: the literals one of which each of its matches
/// starts (or ends) with, looked for in a text whose ASCII letters are lowered. An
/// expression's own search costs most in setting up, which a substring search skips when
/// none of them is there (most of a glossary's wordings, in most texts).
#[derive(Debug, Clone, Default)]
pub(crate) struct Needles {
    /// `None`: no usable literals, so every text may match.
    finders: Option<Vec<memchr::memmem::Finder<'static>>>,
}

impl Needles {
    pub(crate) fn of(pattern: &str) -> Needles {
        // Few literals, each searched for on its own: classes are not spelled out (the
        // words before `\s+`, not every white space after them), and an expression with
        // many case variants is left to its own search, whose prefilter takes them at once.
        const MOST: usize = 4;
        let (folding, written) = match pattern.strip_prefix("(?i)") {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let found = regex_syntax::parse(written)
            .ok()
            .and_then(|hir| literals_of(&hir, folding, 1))
            .filter(|(found, _)| found.len() <= MOST);
        Needles {
            finders: found.map(|(found, _)| {
                found
                    .iter()
                    .map(|literal| memchr::memmem::Finder::new(literal).into_owned())
                    .collect()
            }),
        }
    }

    /// Whether the expression may match the text `lowered` holds with its ASCII letters in
    /// lower case (never false when it does).
    pub(crate) fn may_match(&self, lowered: &[u8]) -> bool {
        self.finders
            .as_ref()
            .is_none_or(|finders| finders.iter().any(|finder| finder.find(lowered).is_some()))
    }
}

/// The literals that every match of `pattern` starts with, or ends with (whichever are
/// longer), with their ASCII letters in lower case: the automaton ignores ASCII case, so
/// the case variants of a `(?i)` pattern's word are one literal. `None` when there is no
/// finite set of non-empty literals without a masking filler. With them, the word boundary
/// every match has on the literals' side, if the pattern says so ([`Boundary`]).
fn literals(pattern: &str) -> Option<(Vec<Vec<u8>>, Option<Boundary>)> {
    // A `(?i)` pattern's literals are taken as written and their other cases added below:
    // extracting them with case folding would spell out every mix of cases of every word.
    let (folding, written) = match pattern.strip_prefix("(?i)") {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let hir = regex_syntax::parse(written).ok()?;
    // Classes as large as `\s` (25 characters) are spelled out, which gives the longest
    // literals; a pattern of several words spelled out that way can pass the extractor's
    // limit, and is then screened by what comes before (or after) its first class.
    [32, 1]
        .into_iter()
        .find_map(|class_limit| literals_of(&hir, folding, class_limit))
}

/// [`literals`] with classes of up to `class_limit` characters spelled out.
fn literals_of(
    hir: &regex_syntax::hir::Hir,
    folding: bool,
    class_limit: usize,
) -> Option<(Vec<Vec<u8>>, Option<Boundary>)> {
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| {
            let side = match kind {
                ExtractKind::Prefix => Side::Start,
                _ => Side::End,
            };
            let seq = Extractor::new()
                .kind(kind)
                .limit_class(class_limit)
                .extract(hir);
            let mut found: Vec<Vec<u8>> = Vec::new();
            for literal in seq.literals()? {
                let bytes = literal.as_bytes();
                if folding {
                    found.extend(case_variants(std::str::from_utf8(bytes).ok()?)?);
                } else {
                    found.push(bytes.to_ascii_lowercase());
                }
            }
            found.sort();
            found.dedup();
            let usable = !found.is_empty()
                && found.iter().all(|literal| {
                    !literal.is_empty()
                        && !FILLERS.iter().any(|filler| {
                            let mut buffer = [0; 4];
                            let filler = filler.encode_utf8(&mut buffer).as_bytes();
                            literal.windows(filler.len()).any(|window| window == filler)
                        })
                });
            usable.then(|| (found, word_boundary(hir, side)))
        })
        .max_by_key(|(found, _)| found.iter().map(Vec::len).min().unwrap_or(0))
}

/// Which end of a match a word boundary is asserted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Start,
    End,
}

/// A word boundary every match of an expression has at one end (`\b`, `\b{start}`…):
/// where its literal begins (or ends) with a word character, a hit of the literal with a
/// word character just outside it is no match. Most screened words are `\b`-bounded, and
/// their letters occur inside other words ("no" in "Notes", "ten" in "often").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Boundary {
    side: Side,
    /// Unicode word characters (`\b`) rather than ASCII ones (`(?-u:\b)`).
    unicode: bool,
}

/// The boundary `hir` asserts before (or after) anything it matches, if any.
fn word_boundary(hir: &regex_syntax::hir::Hir, side: Side) -> Option<Boundary> {
    use regex_syntax::hir::{HirKind, Look};
    match hir.kind() {
        HirKind::Capture(capture) => word_boundary(&capture.sub, side),
        HirKind::Concat(items) => {
            let edge = match side {
                Side::Start => items.first()?,
                Side::End => items.last()?,
            };
            word_boundary(edge, side)
        }
        HirKind::Look(look) => {
            let unicode = match (look, side) {
                (Look::WordUnicode, _)
                | (Look::WordStartUnicode | Look::WordStartHalfUnicode, Side::Start)
                | (Look::WordEndUnicode | Look::WordEndHalfUnicode, Side::End) => true,
                (Look::WordAscii, _)
                | (Look::WordStartAscii | Look::WordStartHalfAscii, Side::Start)
                | (Look::WordEndAscii | Look::WordEndHalfAscii, Side::End) => false,
                _ => return None,
            };
            Some(Boundary { side, unicode })
        }
        _ => None,
    }
}

/// Whether `c` is certainly a word character to `\b` (Unicode: every alphabetic
/// character, digit and `_` is one; ASCII: `[0-9A-Za-z_]`).
fn is_word(c: char, unicode: bool) -> bool {
    c == '_' || c.is_ascii_alphanumeric() || (unicode && (c.is_alphabetic() || c.is_ascii_digit()))
}

impl Boundary {
    /// The boundary a literal keeps: only where its edge character is a word character
    /// (a boundary before a non-word character asks the opposite of the text).
    fn for_literal(boundary: Option<Boundary>, literal: &[u8]) -> Option<Boundary> {
        let boundary = boundary?;
        let text = std::str::from_utf8(literal).ok()?;
        let edge = match boundary.side {
            Side::Start => text.chars().next()?,
            Side::End => text.chars().next_back()?,
        };
        is_word(edge, boundary.unicode).then_some(boundary)
    }

    /// Whether a hit at `range` of `text` can be where a match has its boundary: not when
    /// a word character is just outside it.
    fn allows(self, text: &str, range: std::ops::Range<usize>) -> bool {
        let outside = match self.side {
            Side::Start => text
                .get(..range.start)
                .and_then(|before| before.chars().next_back()),
            Side::End => text.get(range.end..).and_then(|after| after.chars().next()),
        };
        !outside.is_some_and(|c| is_word(c, self.unicode))
    }
}

/// The spellings of `literal` that a case-insensitive pattern matches, up to ASCII case
/// (which the automaton ignores): one per combination of the non-ASCII case forms of its
/// characters (`ü`/`Ü`, and `k`/`K` with the Kelvin sign, `s` with the long s). `None`
/// when there are too many.
fn case_variants(literal: &str) -> Option<Vec<Vec<u8>>> {
    let mut variants: Vec<String> = vec![String::new()];
    for c in literal.chars() {
        let forms = case_forms(c);
        if variants.len() * forms.len() > 256 {
            return None;
        }
        variants = variants
            .iter()
            .flat_map(|prefix| {
                forms.iter().map(move |form| {
                    let mut next = prefix.clone();
                    next.push(*form);
                    next
                })
            })
            .collect();
    }
    Some(
        variants
            .into_iter()
            .map(|variant| variant.into_bytes().to_ascii_lowercase())
            .collect(),
    )
}

/// The characters `(?i)` takes `c` to match, ASCII letters counted once (as `c`).
fn case_forms(c: char) -> Vec<char> {
    // Without asking the parser: an ASCII character other than `k` and `s` (which the
    // Kelvin sign and the long s fold to) has no other forms than its ASCII ones, and
    // Hangul and CJK ideographs have no case at all. Most literals are made of these.
    let caseless = matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{4e00}'..='\u{9fff}');
    if caseless || (c.is_ascii() && !matches!(c.to_ascii_lowercase(), 'k' | 's')) {
        return vec![c];
    }
    parsed_case_forms(c)
}

/// [`case_forms`] as the regex parser folds `c`.
fn parsed_case_forms(c: char) -> Vec<char> {
    use regex_syntax::hir::{Class, HirKind};
    let folded = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(&regex_syntax::escape(c.encode_utf8(&mut [0; 4])));
    let mut forms: Vec<char> = match folded.as_ref().map(|hir| hir.kind()) {
        Ok(HirKind::Class(Class::Unicode(class))) => class
            .iter()
            .flat_map(|range| range.start()..=range.end())
            .collect(),
        _ => vec![c],
    };
    forms.retain(|form| !form.is_ascii() || !form.eq_ignore_ascii_case(&c));
    forms.push(c);
    forms
}

impl Screen {
    /// The screen of `regexes`, in their order.
    #[cfg(test)]
    pub(crate) fn new<'r>(
        regexes: impl IntoIterator<Item = &'r crate::util::pattern::Regex>,
    ) -> Screen {
        Screen::of_patterns(regexes.into_iter().map(crate::util::pattern::Regex::as_str))
    }

    /// The screen of regular expressions given as their patterns, in their order: a
    /// pattern need not be compiled before the screen says it may match.
    pub(crate) fn of_patterns<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Screen {
        let mut owner = Vec::new();
        let mut boundaries = Vec::new();
        let mut always = Vec::new();
        let mut all: Vec<Vec<u8>> = Vec::new();
        let mut count = 0;
        for (index, pattern) in patterns.into_iter().enumerate() {
            count = index + 1;
            match literals(pattern) {
                Some((found, boundary)) => {
                    owner.extend(std::iter::repeat_n(index, found.len()));
                    boundaries.extend(
                        found
                            .iter()
                            .map(|literal| Boundary::for_literal(boundary, literal)),
                    );
                    all.extend(found);
                }
                None => always.push(index),
            }
        }
        let automaton = if all.is_empty() {
            None
        } else {
            // A DFA: built once per language and process, and scanned over every text
            // of every unit, where it is the fastest of the automata.
            match AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&all)
            {
                Ok(automaton) => Some(automaton),
                // Without an automaton every expression is a candidate.
                Err(_) => {
                    always = (0..count).collect();
                    owner.clear();
                    boundaries.clear();
                    None
                }
            }
        };
        Screen {
            automaton,
            owner,
            boundaries,
            always,
            count,
        }
    }

    /// Whether any expression may match `text`, or `text` with more of it masked (never
    /// false when one does). By literals alone: masking a word character next to a hit
    /// could make the boundary that [`Screen::candidates`] asks for.
    pub(crate) fn any(&self, text: &str) -> bool {
        !self.always.is_empty()
            || self
                .automaton
                .as_ref()
                .is_some_and(|automaton| automaton.is_match(text))
    }

    /// Whether `hit` may start (or end) a match of its expression.
    fn admits(&self, text: &str, hit: &aho_corasick::Match) -> bool {
        self.boundaries[hit.pattern().as_usize()]
            .is_none_or(|boundary| boundary.allows(text, hit.range()))
    }

    /// The expressions that may match `text` (every one that does, perhaps more): those
    /// with a hit of a literal, at a word boundary where the expression asks for one.
    pub(crate) fn candidates(&self, text: &str) -> Candidates {
        let mut found = Candidates::none(self.count);
        for &index in &self.always {
            found.insert(index);
        }
        if let Some(automaton) = &self.automaton {
            // Most texts hold no literal at all: the plain search (with its prefilter) says
            // so faster than the overlapping one, which is needed only to find them all.
            if !automaton.is_match(text) {
                return found;
            }
            for hit in automaton.find_overlapping_iter(text) {
                if self.admits(text, &hit) {
                    found.insert(self.owner[hit.pattern().as_usize()]);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::pattern::Regex;

    fn compiled(patterns: &[&str]) -> Vec<Regex> {
        patterns.iter().map(|p| Regex::new(p).unwrap()).collect()
    }

    /// The screen's candidates include every expression that matches, on each text.
    fn assert_sound(regexes: &[Regex], texts: &[&str]) {
        let screen = Screen::new(regexes);
        for text in texts {
            let candidates = screen.candidates(text);
            let mut any = false;
            for (index, regex) in regexes.iter().enumerate() {
                if regex.is_match(text) {
                    any = true;
                    assert!(
                        candidates.contains(index),
                        "{} matches {text:?} but was screened out",
                        regex.as_str()
                    );
                }
            }
            if any {
                assert!(screen.any(text), "{text:?}");
            }
        }
    }

    #[test]
    fn needles_never_rule_out_a_match() {
        let patterns = [
            r"(?i)\bvoordat\b",
            r"(?i)\bniet\s+meer\s+dan\b",
            r"(?i)\bkeer",
            r"반드시\s+필요",
            r"(?i)(\d+)\s+(maanden)",
            r"(?i).*",
        ];
        let texts = [
            "VOORDAT u begint",
            "Niet\tmeer  dan twee",
            "\u{212a}EER",
            "이 단계는 반드시 필요합니다",
            "na 3 MAANDEN",
            "",
        ];
        for pattern in patterns {
            let needles = Needles::of(pattern);
            let regex = Regex::new(pattern).unwrap();
            for text in texts {
                if regex.is_match(text) {
                    let lowered = text.to_ascii_lowercase();
                    assert!(needles.may_match(lowered.as_bytes()), "{pattern} {text:?}");
                }
            }
        }
        let lowered = "u kunt beginnen".to_ascii_lowercase();
        assert!(!Needles::of(r"(?i)\bvoordat\b").may_match(lowered.as_bytes()));
        assert!(Needles::of(r"(?i).*").may_match(b"anything"));
    }

    #[test]
    fn candidates_are_listed_in_ascending_order_across_words() {
        let mut candidates = Candidates::none(200);
        for index in [199, 0, 64, 63, 130] {
            candidates.insert(index);
        }
        assert_eq!(
            candidates.iter().collect::<Vec<_>>(),
            vec![0, 63, 64, 130, 199]
        );
        assert_eq!(Candidates::none(10).iter().count(), 0);
    }

    #[test]
    fn a_matching_expression_is_never_screened_out() {
        let regexes = compiled(&[
            r"(?i)\b(?:not|no|never|without)\b",
            r"(?i)\w(?:n't|n’t)\b",
            r"(?i)\bhoe(?:f|ft|ven)\b(?:\s+\S+){0,4}?\s+(?:niet|geen)\b",
            r"(?i)(?:^|\s)안\s",
            r"(?i)(?:^|[^잘])못",
            r"(?i)\bMÜSSEN\b",
            r"(?i)\bC#",
            r"(?i)\bkelvin\b",
            r"(?i)\bstraße\b",
            r"\w+",
        ]);
        assert_sound(
            &regexes,
            &[
                "We do NOT migrate.",
                "They WON’T have to.",
                "U hoeft dat echt niet te doen.",
                "안 됩니다",
                "잘못 입력",
                "못 합니다",
                "Sie müssen nichts tun.",
                "Use c# here",
                "273 \u{212a}ELVIN",
                "STRA\u{1e9e}E",
                "",
                "nothing to see",
            ],
        );
    }

    /// Every expression kind the word lists use, with boundaries on either side, in either
    /// flavour, and a literal that starts with a non-word character.
    fn bounded() -> Vec<Regex> {
        compiled(&[
            r"(?i)\b(?:not|no|never|without)\b",
            r"(?i)\bhundreds?\b",
            r"(?i)\b(?:tens|dozens?)",
            r"(?i)(?:ten|one)\b",
            r"(?-u:\b)no(?-u:\b)",
            r"\b{start}kein",
            r"(?i)nicht\b{end}",
            r"(?i)\b'til\b",
            r"\b_x\b",
            r"\b9 ",
            r"(?i)(\bniet)",
            r"\b안\b",
        ])
    }

    #[test]
    fn phrases_of_many_words_are_still_screened() {
        // Each `\s+` spelled out 25 ways passes the extractor's limit; the screen falls
        // back to the words before (or after) the first class.
        let pattern = r"(?i)\bto\s+and\s+from(?:s|es)?\b|\bback\s+and\s+forth(?:s|es)?\b|\bin\s+both\s+directions(?:s|es)?\b";
        let screen = Screen::of_patterns([pattern]);
        assert!(screen.always.is_empty());
        assert!(
            screen
                .candidates("Move the mailboxes to the new server.")
                .iter()
                .next()
                .is_none()
        );
        for text in [
            "to and\n  from the cloud",
            "BACK AND FORTH",
            "in both\tdirections",
        ] {
            assert!(screen.candidates(text).contains(0), "{text}");
        }
    }

    #[test]
    fn a_word_inside_another_word_is_screened_out_where_a_boundary_is_asked_for() {
        let regexes = bounded();
        let screen = Screen::new(&regexes);
        // "no" in "Notes", "another", "know"; "hundred" in "hundredfold"; "ten" in "often"
        // (before a word character) but "ten" at the end of "kitten" (a match).
        let candidates = screen.candidates("Notes on another knowledge, hundredfold oftener");
        assert!(!candidates.contains(0) && !candidates.contains(1) && !candidates.contains(3));
        assert!(screen.candidates("kitten").contains(3));
        assert!(screen.candidates("(no)").contains(0));
        assert!(screen.candidates("NO").contains(0));
        // A letter outside ASCII is a word character to `\b`, not to `(?-u:\b)`.
        assert!(!screen.candidates("noé").contains(0));
        assert!(screen.candidates("noé").contains(4));
        // The masking fillers are no word characters.
        assert!(screen.candidates("#no§").contains(0));
        // `any` judges by literals alone: a text masked further may gain a boundary.
        assert!(screen.any("Xno"));
    }

    /// Soundness over many texts made of the characters that decide a boundary: ASCII and
    /// other letters, digits, `_`, marks, white space, punctuation and the fillers.
    #[test]
    fn no_expression_that_matches_is_screened_out_of_generated_texts() {
        let regexes = bounded();
        let pieces = [
            "no", "not", "No", "NOT", "hundred", "hundreds", "ten", "one", "tens", "dozen", "kein",
            "nicht", "'til", "_x", "9 ", "niet", "안", "a", "é", "_", "1", "\u{301}", " ", "\t",
            ".", "'", "#", "§", "□", "가", "K", "\u{212a}", "ſ",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut texts = Vec::new();
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..6 {
                // xorshift: reproducible without a random-number crate.
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_sound(&regexes, &texts);
    }

    #[test]
    fn case_forms_without_the_parser_are_the_parsers() {
        let samples = ('\0'..='\u{24f}')
            .chain('\u{ac00}'..='\u{ac40}')
            .chain(['\u{d7a3}', '\u{1100}', '\u{3131}', '\u{4e00}', '\u{9fff}']);
        for c in samples {
            let (mut fast, mut parsed) = (case_forms(c), parsed_case_forms(c));
            // The parser's forms of a caseless character name it twice.
            for forms in [&mut fast, &mut parsed] {
                forms.sort();
                forms.dedup();
            }
            assert_eq!(fast, parsed, "{c:?}");
        }
    }

    #[test]
    fn patterns_are_screened_before_they_are_compiled() {
        // A pattern that cannot be parsed has no literals: it is a candidate everywhere.
        let screen = Screen::of_patterns(["(?i)\\bhundreds?\\b", "(?i)thousand("]);
        assert!(screen.candidates("HUNDREDS").contains(0));
        let elsewhere = screen.candidates("nothing");
        assert!(!elsewhere.contains(0) && elsewhere.contains(1));
    }

    #[test]
    fn texts_without_any_literal_skip_every_expression() {
        let regexes = compiled(&[r"(?i)\bhundreds?\b", r"(?i)\bthousands?\b"]);
        let screen = Screen::new(&regexes);
        assert!(!screen.any("Move the mailboxes in a week."));
        assert!(screen.any("Move HUNDREDS of mailboxes."));
        let candidates = screen.candidates("Move HUNDREDS of mailboxes.");
        assert!(candidates.contains(0));
        assert!(!candidates.contains(1));
    }

    #[test]
    fn expressions_without_literals_are_always_candidates() {
        // `\w+` has no finite literals; `C#` holds a masking filler, which masking a
        // neighbouring name could make appear.
        let regexes = compiled(&[r"\w+", r"C#"]);
        let screen = Screen::new(&regexes);
        assert!(screen.any("## ##"));
        let candidates = screen.candidates("");
        assert!(candidates.contains(0) && candidates.contains(1));
    }
}
