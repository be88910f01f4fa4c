//! Built-in qualifiers and bounds: words that carry a fact as much as a number does
//! ("always", "exactly", "almost", "only", "fewer", "usually", "probably"). Machine
//! translation drops them silently: "you always run the latest version" becomes "you run
//! the latest version". They work as a glossary every translation from English has, with
//! the renderings of Dutch, Korean, German and French; a locale's own `glossary.yaml`
//! entry for a source term at the same place takes precedence.

use std::sync::OnceLock;

use crate::check::qa::language::primary;
use crate::check::qa::screen::{Candidates, Screen};
use crate::load::locale_qa::{GlossaryEntry, term_pattern_text, wording_pattern};

/// One qualifier: its English wordings, and its renderings per target language.
#[derive(Debug)]
struct Qualifier {
    source: &'static [&'static str],
    targets: &'static [(&'static str, &'static [&'static str])],
}

/// The built-in qualifiers. Renderings are generous (a suffix such as Korean 만 counts
/// wherever it stands): the check is for a qualifier gone, not for its best wording.
const QUALIFIERS: &[Qualifier] = &[
    Qualifier {
        source: &["always"],
        targets: &[
            ("nl", &["altijd", "steeds", "telkens"]),
            ("ko", &["항상", "늘", "언제나", "반드시", "계속"]),
            ("de", &["immer", "stets", "jederzeit"]),
            ("fr", &["toujours"]),
        ],
    },
    Qualifier {
        source: &["exactly"],
        targets: &[
            ("nl", &["precies", "exact", "juist"]),
            ("ko", &["정확히", "정확하게", "딱"]),
            ("de", &["genau", "exakt"]),
            ("fr", &["exactement", "précisément"]),
        ],
    },
    Qualifier {
        source: &["almost", "nearly"],
        targets: &[
            ("nl", &["bijna", "vrijwel", "nagenoeg", "haast"]),
            ("ko", &["거의"]),
            ("de", &["fast", "beinahe", "nahezu"]),
            ("fr", &["presque", "quasi"]),
        ],
    },
    Qualifier {
        source: &["only", "just"],
        targets: &[
            (
                "nl",
                &["alleen", "slechts", "enkel", "uitsluitend", "pas", "maar"],
            ),
            (
                "ko",
                &["만", "뿐", "오직", "단지", "에야", "서야", "비로소"],
            ),
            ("de", &["nur", "erst", "lediglich", "ausschließlich"]),
            ("fr", &["seulement", "uniquement", "que"]),
        ],
    },
    Qualifier {
        source: &["fewer", "less"],
        targets: &[
            ("nl", &["minder", "kleiner", "minst", "lager", "korter"]),
            ("ko", &["줄", "적", "감소", "이하", "미만", "덜", "이내"]),
            ("de", &["weniger", "kleiner", "geringer", "kürzer"]),
            ("fr", &["moins"]),
        ],
    },
    Qualifier {
        // The bound the other way from "fewer than": "more than 5,000 seats" that became
        // "fewer than" ("미만"). "No more than" keeps its "이하" (its own glossary entry
        // usually says so, and then this yields to it).
        source: &["more than", "greater than"],
        targets: &[
            (
                "nl",
                &["meer dan", "groter dan", "ruim", "boven", "meer", "over"],
            ),
            ("ko", &["초과", "이상", "넘", "많", "이하", "이내", "최대"]),
            ("de", &["mehr als", "größer als", "über", "mehr"]),
            (
                "fr",
                &["plus de", "plus que", "supérieur", "au-delà", "plus"],
            ),
        ],
    },
    Qualifier {
        source: &["usually", "typically"],
        targets: &[
            (
                "nl",
                &["meestal", "doorgaans", "gewoonlijk", "normaal", "vaak"],
            ),
            ("ko", &["대개", "보통", "일반적", "대부분", "흔히"]),
            (
                "de",
                &[
                    "normalerweise",
                    "meist",
                    "gewöhnlich",
                    "in der Regel",
                    "üblicherweise",
                ],
            ),
            (
                "fr",
                &["généralement", "habituellement", "d'habitude", "en général"],
            ),
        ],
    },
    Qualifier {
        source: &["probably", "likely"],
        targets: &[
            ("nl", &["waarschijnlijk", "vermoedelijk", "wellicht"]),
            ("ko", &["가능성", "아마", "것으로 보", "것입니다", "될 것"]),
            ("de", &["wahrscheinlich", "vermutlich", "voraussichtlich"]),
            ("fr", &["probablement", "sans doute", "vraisemblablement"]),
        ],
    },
];

/// One screen over every qualifier's English wordings, whatever the target language: a
/// source text's candidates are then the same for each of its translations, and worked out
/// once ([`crate::check::qa::Memo`]). With it, per qualifier, its place in the screen.
struct Sources {
    screen: Screen,
    place: Vec<Option<usize>>,
}

static SOURCES: std::sync::LazyLock<Sources> = std::sync::LazyLock::new(|| {
    let mut patterns = Vec::new();
    let place = QUALIFIERS
        .iter()
        .map(|qualifier| {
            let pattern = source_pattern(qualifier)?;
            patterns.push(pattern);
            Some(patterns.len() - 1)
        })
        .collect();
    Sources {
        screen: Screen::of_patterns(patterns.iter().map(String::as_str)),
        place,
    }
});

/// The qualifiers whose English wordings may occur in `source` (every one that does), as
/// [`Screened::may_occur`] reads them.
pub(crate) fn source_candidates(source: &str) -> Candidates {
    SOURCES.screen.candidates(source)
}

/// The qualifiers of one target language, each with its place in the screen of
/// [`source_candidates`] and its glossary entry, compiled the first time the screen lets
/// its wordings through (most sites meet few of them, and compiling a pattern costs more
/// than screening a thousand texts).
#[derive(Debug)]
pub(crate) struct Screened {
    language: &'static str,
    qualifiers: Vec<(&'static Qualifier, usize)>,
    entries: Vec<OnceLock<Option<GlossaryEntry>>>,
}

impl Screened {
    fn new(language: &'static str) -> Screened {
        let qualifiers: Vec<(&'static Qualifier, usize)> = QUALIFIERS
            .iter()
            .zip(&SOURCES.place)
            .filter(|(qualifier, _)| qualifier.targets.iter().any(|(tag, _)| *tag == language))
            .filter_map(|(qualifier, place)| Some((qualifier, (*place)?)))
            .collect();
        Screened {
            language,
            entries: qualifiers.iter().map(|_| OnceLock::new()).collect(),
            qualifiers,
        }
    }

    /// Whether qualifier `index` of the language may occur in the source whose
    /// [`source_candidates`] are `candidates`.
    pub(crate) fn may_occur(&self, candidates: &Candidates, index: usize) -> bool {
        self.qualifiers
            .get(index)
            .is_some_and(|(_, place)| candidates.contains(*place))
    }

    /// How many qualifiers the language has.
    pub(crate) fn len(&self) -> usize {
        self.qualifiers.len()
    }

    /// The glossary entry of qualifier `index`.
    pub(crate) fn entry(&self, index: usize) -> Option<&GlossaryEntry> {
        let ((qualifier, _), entry) = (self.qualifiers.get(index)?, self.entries.get(index)?);
        entry
            .get_or_init(|| compile(qualifier, self.language))
            .as_ref()
    }
}

/// A qualifier's English wordings as one case-insensitive pattern.
fn source_pattern(qualifier: &Qualifier) -> Option<String> {
    let alternatives: Vec<String> = qualifier
        .source
        .iter()
        .filter_map(|term| term_pattern_text(term))
        .collect();
    (!alternatives.is_empty()).then(|| format!("(?i){}", alternatives.join("|")))
}

fn compile(qualifier: &Qualifier, language: &str) -> Option<GlossaryEntry> {
    let (_, renderings) = qualifier.targets.iter().find(|(tag, _)| *tag == language)?;
    let source = regex::Regex::new(&source_pattern(qualifier)?).ok()?;
    let word_start = language != "ko";
    Some(GlossaryEntry {
        term: qualifier.source[0].to_string(),
        source,
        targets: renderings.iter().map(|r| r.to_string()).collect(),
        target_patterns: renderings
            .iter()
            .filter_map(|r| wording_pattern(r, word_start))
            .collect(),
        forbidden: Vec::new(),
        note: Some("a built-in qualifier".to_string()),
    })
}

/// Per target language, its qualifiers, set up the first time a unit of that language is
/// checked.
static LANGUAGES: [(&str, OnceLock<Screened>); 4] = [
    ("nl", OnceLock::new()),
    ("ko", OnceLock::new()),
    ("de", OnceLock::new()),
    ("fr", OnceLock::new()),
];

/// The built-in qualifiers for a translation from `source_tag` into `target_tag` (none
/// unless the source is English and the target one of the languages above).
pub(crate) fn screened(source_tag: &str, target_tag: &str) -> Option<&'static Screened> {
    if primary(source_tag) != "en" {
        return None;
    }
    let target = primary(target_tag);
    LANGUAGES
        .iter()
        .find(|(language, _)| *language == target)
        .map(|(language, screened)| screened.get_or_init(|| Screened::new(language)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(source_tag: &str, target_tag: &str) -> Vec<&'static GlossaryEntry> {
        screened(source_tag, target_tag).map_or(Vec::new(), |screened| {
            (0..screened.len())
                .filter_map(|index| screened.entry(index))
                .collect()
        })
    }

    #[test]
    fn every_qualifier_compiles_for_every_language() {
        for language in ["nl", "ko", "de", "fr"] {
            assert_eq!(
                entries("en-US", language).len(),
                QUALIFIERS.len(),
                "{language}"
            );
        }
        assert!(entries("nl", "en").is_empty());
        assert!(entries("en", "tlh").is_empty());
        // The screen lets every qualifier through where it occurs.
        for language in ["nl", "ko"] {
            let screened = screened("en", language).unwrap();
            for (index, entry) in entries("en", language).into_iter().enumerate() {
                let text = format!("You can {} do it.", entry.term.to_uppercase());
                assert!(entry.source.is_match(&text), "{text}");
                assert!(
                    screened.may_occur(&source_candidates(&text), index),
                    "{text}"
                );
            }
            assert!(source_candidates("Move the mailboxes in a week.").is_empty());
        }
        let only = entries("en", "nl")[3];
        assert!(only.source.is_match("Only admins"));
        assert!(!only.source.is_match("commonly"));
    }
}
