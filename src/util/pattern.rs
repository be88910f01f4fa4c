//! Regular expressions for the translation QA's word lists and a locale's rules, compiled
//! with the `regex` crate's engine and semantics but without a fully compiled DFA.
//!
//! Why not `regex::Regex`: code highlighting (syntect → fancy-regex) turns on
//! `regex-automata`'s full-DFA feature for the whole build, and with it every
//! `regex::Regex` of a few dozen states is determinized at compile time. The QA compiles
//! about a thousand such patterns (glossary wordings, qualifiers, negation markers), each
//! searched a few times; determinizing was half of their cost and a third of `stele check`
//! on the example site. The lazy DFA, which builds only the states a search visits, does
//! the same searches. Nor is a literal prefilter built: the texts are a sentence or a
//! paragraph, and the QA screens them for the patterns' literals itself (`check::qa::screen`)
//! before it runs a pattern, so the prefilter's set-up (a Teddy searcher per pattern) was
//! paid a thousand times and saved nothing.

use std::ops::Range;

use regex_automata::meta;
use regex_automata::util::captures::Captures;

/// A compiled regular expression (Unicode-aware, leftmost-first, as `regex::Regex`).
#[derive(Debug, Clone)]
pub(crate) struct Regex {
    compiled: meta::Regex,
    pattern: Box<str>,
}

/// Why a pattern does not compile, said as `regex::Error` says it.
#[derive(Debug, Clone)]
pub(crate) struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One match, with the text it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl Regex {
    pub(crate) fn new(pattern: &str) -> Result<Regex, Error> {
        // Otherwise the `regex` crate's own configuration, so that a pattern compiles here
        // exactly when it would compile there.
        let config = meta::Config::new()
            .dfa(false)
            .auto_prefilter(false)
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20));
        meta::Builder::new()
            .configure(config)
            .build(pattern)
            .map(|compiled| Regex {
                compiled,
                pattern: pattern.into(),
            })
            .map_err(|problem| {
                Error(match (problem.size_limit(), problem.syntax_error()) {
                    (Some(limit), _) => {
                        format!("Compiled regex exceeds size limit of {limit} bytes.")
                    }
                    (None, Some(syntax)) => syntax.to_string(),
                    (None, None) => problem.to_string(),
                })
            })
    }

    /// The pattern as written.
    pub(crate) fn as_str(&self) -> &str {
        &self.pattern
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.compiled.is_match(text)
    }

    /// The leftmost-first match in `text`.
    pub(crate) fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        self.compiled.find(text).map(|found| Match {
            text,
            start: found.start(),
            end: found.end(),
        })
    }

    /// Every match in `text`, left to right, none overlapping.
    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        self.compiled.find_iter(text).map(move |found| Match {
            text,
            start: found.start(),
            end: found.end(),
        })
    }

    /// How many groups the pattern has, the whole match (group 0) included.
    pub(crate) fn captures_len(&self) -> usize {
        self.compiled.captures_len()
    }

    /// Every match in `text` with its groups.
    pub(crate) fn captures_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Captures> + use<'r, 'h> {
        self.compiled.captures_iter(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_the_regex_crate_finds() {
        let cases = [
            (r"(?i)\bniet\b", "Dat is NIET zo, niet waar; nietig."),
            (r"\b(?:no|not)\b", "no, not now; Notes are not nothing"),
            (r"(?i)ÉÉn\s+keer", "één keer en Één  keer"),
            (r"지원이[^.!?。]*?종료", "지원이 곧 종료됩니다. 지원이 종료"),
            (r"a*", "baaab"),
            (r"", "한국어"),
        ];
        for (pattern, text) in cases {
            let ours = Regex::new(pattern).unwrap();
            let theirs = regex::Regex::new(pattern).unwrap();
            let found: Vec<_> = ours.find_iter(text).map(|m| m.range()).collect();
            let expected: Vec<_> = theirs.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(found, expected, "{pattern} in {text}");
            assert_eq!(ours.is_match(text), theirs.is_match(text));
            assert_eq!(
                ours.find(text).map(|m| m.as_str()),
                theirs.find(text).map(|m| m.as_str())
            );
            assert_eq!(ours.as_str(), pattern);
        }
    }

    #[test]
    fn groups_are_counted_and_found() {
        let regex = Regex::new(r"(\d+) (maanden|jaar)|weken").unwrap();
        assert_eq!(regex.captures_len(), 3);
        let groups: Vec<_> = regex
            .captures_iter("3 maanden, weken")
            .map(|captures| {
                (
                    captures.get_group(1).map(|s| s.range()),
                    captures.get_match().map(|m| m.range()),
                )
            })
            .collect();
        assert_eq!(groups, [(Some(0..1), Some(0..9)), (None, Some(11..16))]);
    }

    #[test]
    fn a_bad_pattern_is_explained_as_the_regex_crate_explains_it() {
        // Built at run time so that the lint for invalid literal patterns lets it through.
        let unclosed = ["(?i)", r"\bniet("].concat();
        let ours = Regex::new(&unclosed).unwrap_err().to_string();
        let theirs = regex::Regex::new(&unclosed).unwrap_err().to_string();
        assert_eq!(ours, theirs);
    }
}
