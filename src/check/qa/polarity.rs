//! Polarity: a negation in the source and none in the translation, or the other way round,
//! and "need not" turned into "cannot" (or back). Negation markers are built in for
//! English, Dutch, Korean, German and French; a locale's `rules.yaml` adds its own under
//! `negation:`.

use std::ops::Range;
use std::sync::LazyLock;

use crate::util::pattern::Regex;

use crate::check::qa::language::primary;
use crate::check::qa::{
    Finding, Patterns, Rules, Unit, built_in_for, protected, sentences, slice, whole,
};
use crate::diagnostics::Code;
use crate::load::locale_qa::LocaleQa;

/// What a negation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// "need not", "won't have to": no obligation.
    NoNeed,
    /// "cannot", "unable": no possibility.
    Cannot,
    /// Any other negation.
    Not,
    /// A phrase that looks negative but bounds or qualifies ("no more than", 관계없이):
    /// read first so its words count as no negation.
    Neutral,
    /// A phrase one language says with a negation and another without: Dutch "pas als"
    /// and German "erst wenn" are English "not ... until". It answers a negation of the
    /// other text, and its absence there is no drift either.
    Either,
}

/// Built-in markers by primary language subtag, the more specific kinds first: a phrase
/// ("won't have to") is read before the plain negation inside it.
/// Negation markers of one language, with what each says.
pub(crate) type Markers = Patterns<Kind>;

/// Compiles one language's markers; only the languages a site uses are compiled.
fn compile(list: &[(Kind, &str)]) -> Markers {
    Patterns::compile(list)
}

static BUILT_IN: LazyLock<Vec<(&'static str, LazyLock<Markers>)>> = LazyLock::new(|| {
    use Kind::*;
    vec![
        (
            "en",
            LazyLock::new(|| {
                compile(&[
                    (
                        Neutral,
                        r"\b(?:no|not)\s+(?:more|less|fewer|later|earlier|sooner|longer)\s+than\b",
                    ),
                    (Neutral, r"\bno\s+matter\b"),
                    // "Not only ... but also" says "both", not "not".
                    (Neutral, r"\bnot\s+only\b"),
                    (
                        NoNeed,
                        r"\b(?:don't|doesn't|won't|didn't|do not|does not|will not|did not|don’t|doesn’t|won’t)\s+(?:have|need)\s+to\b",
                    ),
                    (
                        NoNeed,
                        r"\b(?:no need|needn't|needn’t|not required|not necessary)\b",
                    ),
                    (NoNeed, r"\bno\s+longer\s+(?:have|need)\s+to\b"),
                    (
                        Cannot,
                        r"\b(?:can't|can’t|cannot|can not|couldn't|couldn’t|unable)\b",
                    ),
                    (
                        Not,
                        r"\b(?:not|no|never|none|nothing|nobody|neither|nor|without)\b",
                    ),
                    (Not, r"\b\w+(?:n't|n’t)\b"),
                    // Absence is a negation too: "where a translation is missing" is
                    // "없는 경우", "ontbreekt".
                    (Not, r"\b(?:is|are|was|were|goes|go|went)\s+missing\b"),
                    (Not, r"\b(?:absent|lacks?|lacking)\b"),
                ])
            }),
        ),
        (
            "nl",
            LazyLock::new(|| {
                compile(&[
                    (Neutral, r"\bniet\s+(?:meer|minder|later|eerder)\s+dan\b"),
                    (Neutral, r"\bgeen\s+(?:meer|minder)\s+dan\b"),
                    (Neutral, r"\bniet\s+alleen\b"),
                    (Either, r"\bpas\s+(?:als|wanneer|nadat|zodra|na|vanaf)\b"),
                    (
                        NoNeed,
                        r"\bhoe(?:f|ft|ven|fde|fden)\b(?:\s+\S+){0,4}?\s+(?:niet|geen)\b",
                    ),
                    (NoNeed, r"\b(?:niet|geen)\b(?:\s+\S+){0,4}?\s+nodig\b"),
                    (
                        Cannot,
                        r"\b(?:kan|kunnen|kunt|kon|konden)\b(?:\s+\S+){0,4}?\s+niet\b",
                    ),
                    (Cannot, r"\bniet\b(?:\s+\S+){0,3}?\s+(?:kan|kunnen|kunt)\b"),
                    (Cannot, r"\bonmogelijk\b"),
                    (
                        Not,
                        r"\b(?:niet|geen|nooit|niets|niemand|nergens|zonder|noch|nee|tenzij)\b",
                    ),
                    (Not, r"\bontbr(?:eekt|eken|ak|aken|ekend\w*)\b"),
                    // "Not enough" is "te weinig" (too little).
                    (Not, r"\bte\s+weinig\b"),
                    // "Weinig" (few, not many) says "don't have many" without a negation,
                    // and "a small number" with none.
                    (Either, r"\bweinig\b"),
                ])
            }),
        ),
        (
            "ko",
            LazyLock::new(|| {
                compile(&[
                    (Neutral, r"(?:관계|상관|틀림|끊임|어김|빠짐|쓸데|다름)\s*없"),
                    // "아니면" opening a sentence or clause (or else; "X가 아니면" is "if
                    // not X"), "-인지 아닌지" (whether or not), "뿐만 아니라" (not only): no
                    // negation of what is said.
                    (Neutral, r"(?:^|[.,;:]\s*)아니면|아닌지|뿐만\s*아니라"),
                    // Litotes: "놓치지 않고" (without missing one), "빠뜨리지 않고", "잊지
                    // 않고", "거르지 않고", "쉬지 않고" say "always, every one".
                    (Neutral, r"(?:놓치|빠뜨리|빼먹|잊|거르|쉬|멈추)지\s*않고"),
                    // 없애다 ("remove") in every form: 없애, 없앱니다, 없앤, 없앨, 없앴다.
                    (Neutral, r"없(?:애|앱|앤|앨|앴)"),
                    // A bound: "넘지 않는" (not over) is "no more than", as "이하" is.
                    (Neutral, r"(?:넘지|초과하지)\s*않"),
                    // "몇 개 안 되는" (only a few) and "수가 적고" (few) say "not many" or "a
                    // small set" alike.
                    (Either, r"몇\s*(?:개|가지|명|곳|대)?\s*(?:가|이)?\s*안\s*되"),
                    (Either, r"(?:^|\s)적(?:고|은|게|습니다|다)"),
                    (NoNeed, r"필요(?:가|는|도)?\s*없"),
                    (NoNeed, r"필요하지\s*않"),
                    (NoNeed, r"않아도\s*(?:됩|되|돼)"),
                    (Cannot, r"수\s*(?:가|는|도)?\s*없"),
                    (Cannot, r"(?:^|[^잘])못"),
                    (Cannot, r"불가"),
                    // 아니다 and its forms: "아닙니다", "아닌", "아냐", "아녜요".
                    (Not, r"않|없|아니|아닙|아닌|아냐|아녜"),
                    (Not, r"(?:^|\s)안\s"),
                    // Absence: "누락된" (missing). Not "부족" (short of): it also says "run
                    // out of time" ("시간이 부족할 수 있고").
                    (Not, r"누락"),
                    // "-지 마세요", "-지 말고": not "메시지 마이그레이션".
                    (
                        Not,
                        r"지\s*(?:마(?:세요|십시오|시오|라|요)|말(?:고|아|라|기|것))|지\s*마(?:$|[\s.!,])",
                    ),
                ])
            }),
        ),
        (
            "de",
            LazyLock::new(|| {
                compile(&[
                    (Neutral, r"\bnicht\s+(?:mehr|weniger|später|früher)\s+als\b"),
                    (Neutral, r"\bnicht\s+nur\b"),
                    (Either, r"\berst,?\s+(?:wenn|nachdem|ab|nach|sobald)\b"),
                    (
                        NoNeed,
                        r"\b(?:muss|müssen|musst|müsst|brauch\w*)\b(?:\s+\S+){0,4}?\s+(?:nicht|kein\w*)\b",
                    ),
                    (NoNeed, r"\bnicht\s+(?:nötig|erforderlich|notwendig)\b"),
                    (
                        Cannot,
                        r"\b(?:kann|können|kannst|könnt|konnte\w*)\b(?:\s+\S+){0,4}?\s+nicht\b",
                    ),
                    (Cannot, r"\bunmöglich\b"),
                    (
                        Not,
                        r"\b(?:nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nichts|niemand|ohne|weder|nirgends|nein|es\s+sei\s+denn)\b",
                    ),
                    (Not, r"\bfehl(?:t|en|te|ten|end\w*)\b"),
                ])
            }),
        ),
        (
            "fr",
            LazyLock::new(|| {
                compile(&[
                    (
                        Neutral,
                        r"\b(?:ne\s+|n['’])?(?:pas|plus)\s+(?:plus|moins)\s+(?:de|que)\b",
                    ),
                    (Neutral, r"\bnon\s+seulement\b"),
                    (NoNeed, r"\bpas\s+besoin\b"),
                    (
                        NoNeed,
                        r"\bn['’](?:avez|a|ont|aurez|auront|avons)\s+pas\s+(?:à|a)\b",
                    ),
                    (
                        Cannot,
                        r"\b(?:ne\s+|n['’])(?:peu\w*|pourr\w*|pouv\w*)\s+pas\b",
                    ),
                    (Cannot, r"\bimpossible\b"),
                    (
                        Not,
                        r"\b(?:pas|jamais|aucun|aucune|rien|sans|non|nullement|à\s+moins)\b",
                    ),
                    (Not, r"\bmanqu(?:e|ent|ant\w*)\b"),
                ])
            }),
        ),
    ]
});

/// The built-in negation markers of the language of `tag`, if Stele has any.
pub(crate) fn markers(tag: &str) -> Option<&'static Markers> {
    built_in_for(&BUILT_IN, tag)
}

/// The negations in `text` (already masked), each with its kind and range, by a
/// language's built-in markers and a locale's own; overlapping markers count once, the
/// more specific kind winning.
pub(crate) fn negations(
    built_in: Option<&Markers>,
    extra: Option<&LocaleQa>,
    text: &str,
) -> Vec<(Kind, Range<usize>)> {
    let mut markers: Vec<(Kind, &Regex)> = built_in
        .into_iter()
        .flat_map(|list| list.matching(text))
        .collect();
    if let Some(extra) = extra {
        markers.extend(extra.negation.iter().map(|regex| (Kind::Not, regex)));
    }
    let mut found: Vec<(Kind, Range<usize>)> = Vec::new();
    for (kind, regex) in markers {
        for hit in regex.find_iter(text) {
            let range = hit.range();
            if !found
                .iter()
                .any(|(_, taken)| taken.start < range.end && range.start < taken.end)
            {
                found.push((kind, range));
            }
        }
    }
    found.retain(|(kind, _)| *kind != Kind::Neutral);
    found.sort_by_key(|(_, range)| range.start);
    found
}

/// Whether `text` (already masked) may hold a negation marker: never false when
/// [`negations`] finds one in it or in it masked further. A locale's own markers are not
/// screened.
fn may_negate(built_in: Option<&Markers>, extra: Option<&LocaleQa>, text: &str) -> bool {
    extra.is_some_and(|extra| !extra.negation.is_empty())
        || built_in.is_some_and(|list| list.may_match(text))
}

/// Whether a language has negation markers at all (built in or added).
fn knows(built_in: Option<&Markers>, extra: Option<&LocaleQa>) -> bool {
    built_in.is_some() || extra.is_some_and(|extra| !extra.negation.is_empty())
}

/// English words that hold a negation inside them, which a translation may spell out:
/// "unsupported" is "niet ondersteund" and "지원되지 않는", "fails" is "lukt niet" and "하지
/// 못합니다", "few" is "거의 없는".
const NEGATION_INSIDE: &str = r"(?i)\b(?:un(?:supported|available|able|known|changed|used|installed|reviewed|translated|published|listed|reachable|responsive|certain|clear|likely|necessary|needed|expected|affected|resolved|readable|safe|stable|secure|usual|lock\w*|block\w*|check\w*|marked|sealed|signed|do\w*|install\w*)|in(?:valid|active|complete|correct|compatible|accessible|sufficient|consistent)|im(?:possible|proper)|non-?\w+|dis(?:abled?|allow\w*|connect\w*|continu\w*|able\w*)|avoid\w*|prevent\w*|omit\w*|ignor\w*|exclud\w*|fail\w*|refus\w*|den(?:y|ies|ied)|instead\s+of|rather\s+than|out\s+of\s+date|outdated|obsolete|stale|optional|except|unless|few|little|rarely|seldom|hardly|barely|hard|difficult|complex|complicated|rare|uncommon|wrong|broken|empty|insecure|stop\w*|miss(?:es|ed|ing)?|dropped|lost|forget\w*|forgot\w*|reject\w*|r[au]n(?:s|ning)?\s+out)\b";

/// What Korean also says with a negation: "bypasses X" is "X를 거치지 않습니다", "skip" is
/// "수행하지 않습니다", "only one way" is "한 가지 방법밖에 없습니다" ("just" likewise). Dutch, German and French have verbs of their own ("omzeilen",
/// "overslaan"), so there a negation beside them is drift.
const NEGATION_INSIDE_KO: &str = r"(?i)\b(?:bypass\w*|skip\w*|circumvent\w*|only|just)\b";

/// Whether the English `source` has a word that holds a negation the translation's
/// language may spell out: then a negation only in the translation is no drift.
fn negation_inside(unit: &Unit, source: &str) -> bool {
    words_holding_negation(unit, source) > 0
}

/// How many words of the English `source` hold a negation ([`negation_inside`]).
fn words_holding_negation(unit: &Unit, source: &str) -> usize {
    static GENERAL: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(NEGATION_INSIDE).ok());
    static KOREAN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(NEGATION_INSIDE_KO).ok());
    if primary(unit.source.locale) != "en" {
        return 0;
    }
    let count = |pattern: &LazyLock<Option<Regex>>| {
        pattern
            .as_ref()
            .map_or(0, |regex| regex.find_iter(source).count())
    };
    count(&GENERAL)
        + if primary(unit.translation.locale) == "ko" {
            count(&KOREAN)
        } else {
            0
        }
}

/// As [`words_holding_negation`] for `text` (at `offset` of the source), leaving out the
/// words of the negations counted in it: "is missing" is one negation, not a word holding
/// another.
fn holding_besides(
    unit: &Unit,
    text: &str,
    offset: usize,
    counted: &[(Kind, Range<usize>)],
) -> usize {
    let mut rest = text.to_string();
    for (_, at) in counted {
        let range = at.start.saturating_sub(offset)..at.end.saturating_sub(offset);
        if let Some(words) = rest.get(range.clone()) {
            let blank = " ".repeat(words.len());
            rest.replace_range(range, &blank);
        }
    }
    words_holding_negation(unit, &rest)
}

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let (source_list, target_list) = rules.languages(unit).negation;
    if !knows(source_list, rules.source) || !knows(target_list, rules.target) {
        return Vec::new();
    }
    // Two texts without a marker agree, and masking names and wordings adds none: most
    // units end here, before anything is masked.
    let source_may_negate = match unit.source.memo {
        Some(memo) => *memo
            .may_negate
            .get_or_init(|| may_negate(source_list, rules.source, unit.source.masked)),
        None => may_negate(source_list, rules.source, unit.source.masked),
    };
    if !source_may_negate && !may_negate(target_list, rules.target, unit.translation.masked) {
        return Vec::new();
    }
    let glossary = rules.glossary();
    let source_terms: Vec<&Regex> = glossary.iter().map(|e| &e.source).collect();
    let target_terms: Vec<&Regex> = glossary
        .iter()
        .flat_map(|e| {
            e.target_patterns
                .iter()
                .chain(e.forbidden.iter().map(|(_, p)| p))
        })
        .collect();
    let source_text = protected(&unit.source, unit.names, &source_terms);
    let translation_text = protected(&unit.translation, unit.names, &target_terms);
    // The source's negations once for all its translations, when nothing but its
    // placeables is masked (the masked text is then the one the memo was made from).
    let computed;
    let source = match (unit.source.memo, &source_text) {
        (Some(memo), std::borrow::Cow::Borrowed(_)) => memo
            .negations
            .get_or_init(|| negations(source_list, rules.source, unit.source.masked)),
        _ => {
            computed = negations(source_list, rules.source, &source_text);
            &computed
        }
    };
    let translation = negations(target_list, rules.target, &translation_text);
    if source.iter().all(|(kind, _)| *kind == Kind::Either)
        && !translation.is_empty()
        && negation_inside(unit, &source_text)
    {
        return Vec::new();
    }
    let said = |range: &Range<usize>, text: &str| slice(text, range).trim().to_string();
    let help = "a translation keeps the source's polarity: translate the negation, or remove the one the source does not have";
    if let Some(finding) = disagreement(source, &translation, None, unit, help) {
        return vec![finding];
    }
    if source.is_empty() || translation.is_empty() {
        return Vec::new();
    }
    let count =
        |list: &[(Kind, Range<usize>)], kind| list.iter().filter(|(k, _)| *k == kind).count();
    let flipped = [
        (Kind::NoNeed, Kind::Cannot, "need not", "cannot"),
        (Kind::Cannot, Kind::NoNeed, "cannot", "need not"),
    ];
    // A "need not" of the source became a "cannot" (or back): the translation has fewer of
    // the one and more of the other than the source.
    for (wanted, wrong, means, says) in flipped {
        if count(&translation, wanted) < count(source, wanted)
            && count(&translation, wrong) > count(source, wrong)
            && let Some((_, at)) = has(&translation, wrong)
        {
            let from: Vec<String> = source
                .iter()
                .filter(|(kind, _)| *kind == wanted)
                .map(|(_, range)| format!("\"{}\"", said(range, unit.source.text)))
                .collect();
            return vec![Finding::new(
                Code::Polarity,
                trimmed(at, unit.translation.text),
                format!(
                    "the source says {means} ({}), the translation says {says} (\"{}\")",
                    from.join(", "),
                    said(at, unit.translation.text)
                ),
                help,
            )];
        }
    }
    // Both texts negate somewhere. Where they have as many sentences, each sentence keeps
    // its own negations: one dropped from a sentence is not answered by another sentence's,
    // nor one added to a sentence by another sentence's. (With other counts the sentences
    // cannot be paired, and the texts are compared as wholes, above.) A sentence whose
    // source has a word that holds a negation ("out of date" is "최신 상태가 아닌") may
    // negate on its own.
    let (source_sentences, translation_sentences) = (
        sentences(unit.source.text),
        sentences(unit.translation.text),
    );
    if source_sentences.len() < 2 || source_sentences.len() != translation_sentences.len() {
        // One sentence (or sentences that cannot be paired): the texts as wholes.
        let holding = holding_besides(unit, &source_text, 0, source);
        return extra_negation(source, &translation, holding, None, unit, help)
            .into_iter()
            .collect();
    }
    let within = |list: &[(Kind, Range<usize>)], sentence: &Range<usize>| {
        list.iter()
            .filter(|(_, at)| sentence.start <= at.start && at.start < sentence.end)
            .cloned()
            .collect::<Vec<_>>()
    };
    source_sentences
        .iter()
        .zip(&translation_sentences)
        .find_map(|(in_source, in_translation)| {
            let source = within(source, in_source);
            let translation = within(&translation, in_translation);
            let added = source.is_empty()
                && !translation.is_empty()
                && !unit
                    .source
                    .text
                    .get(in_source.clone())
                    .is_some_and(|said| negation_inside(unit, said));
            if source.iter().all(|(kind, _)| *kind == Kind::Either) && !added {
                return None;
            }
            disagreement(&source, &translation, Some(in_translation), unit, help).or_else(|| {
                let said = unit.source.text.get(in_source.clone())?;
                let holding = holding_besides(unit, said, in_source.start, &source);
                extra_negation(
                    &source,
                    &translation,
                    holding,
                    Some(in_translation),
                    unit,
                    help,
                )
            })
        })
        .into_iter()
        .collect()
}

/// The finding when one of `source` and `translation` (the negations of a text, or of one
/// sentence of it, at `sentence` in the translation) negates and the other does not. A
/// phrase that may say a negation or not ([`Kind::Either`]) answers either way.
fn disagreement(
    source: &[(Kind, Range<usize>)],
    translation: &[(Kind, Range<usize>)],
    sentence: Option<&Range<usize>>,
    unit: &Unit,
    help: &str,
) -> Option<Finding> {
    fn negates(list: &[(Kind, Range<usize>)]) -> Option<&(Kind, Range<usize>)> {
        list.iter().find(|(k, _)| *k != Kind::Either)
    }
    let either = |list: &[(Kind, Range<usize>)]| list.iter().any(|(k, _)| *k == Kind::Either);
    let said = |range: &Range<usize>, text: &str| slice(text, range).trim().to_string();
    let in_sentence = if sentence.is_some() {
        " in this sentence"
    } else {
        ""
    };
    match (negates(source), negates(translation)) {
        (None, Some((_, at))) if !either(source) => Some(Finding::new(
            Code::Polarity,
            trimmed(at, unit.translation.text),
            format!(
                "the translation negates (\"{}\") where the source does not{in_sentence}",
                said(at, unit.translation.text)
            ),
            help,
        )),
        (Some((_, at)), None) if !either(translation) => Some(Finding::new(
            Code::Polarity,
            sentence.map_or_else(
                || whole(unit.translation.text),
                |range| trimmed(range, unit.translation.text),
            ),
            format!(
                "the source negates (\"{}\") but the translation has no negation{in_sentence}",
                said(at, unit.source.text)
            ),
            help,
        )),
        _ => None,
    }
}

/// The finding when the translation (or its sentence at `sentence`) negates more often
/// than its source, each marker on its own ("The build reports it" that became "meldt de
/// build dat niet" beside the source's own "is missing"); each of the source's `holding`
/// words that hold a negation ("fails", "optional") may be said with one. Only plain negations count: a
/// "need not" or "cannot" is one marker however it is spelled, and a phrase that may say a
/// negation or not ([`Kind::Either`]) makes the counts say nothing.
fn extra_negation(
    source: &[(Kind, Range<usize>)],
    translation: &[(Kind, Range<usize>)],
    holding: usize,
    sentence: Option<&Range<usize>>,
    unit: &Unit,
    help: &str,
) -> Option<Finding> {
    let either = |list: &[(Kind, Range<usize>)]| list.iter().any(|(k, _)| *k == Kind::Either);
    if source.is_empty() || either(source) || either(translation) {
        return None;
    }
    if translation.len() <= source.len() + holding {
        return None;
    }
    let (_, at) = translation.last()?;
    let in_sentence = if sentence.is_some() {
        " in this sentence"
    } else {
        ""
    };
    Some(Finding::new(
        Code::Polarity,
        trimmed(at, unit.translation.text),
        format!(
            "the translation negates {} where the source negates {}{in_sentence}: \"{}\" has no negation in the source",
            crate::check::messages::times(translation.len()),
            crate::check::messages::times(source.len()),
            slice(unit.translation.text, at).trim()
        ),
        help,
    ))
}

/// A marker's range without the white space or neighbour character a pattern took along.
fn trimmed(range: &Range<usize>, text: &str) -> Range<usize> {
    let part = slice(text, range);
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.start + part.trim_end().len();
    start..end.max(start)
}

fn has(list: &[(Kind, Range<usize>)], kind: Kind) -> Option<&(Kind, Range<usize>)> {
    list.iter().find(|(k, _)| *k == kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;

    /// Patterns compile when first screened in; every built-in one must compile.
    #[test]
    fn every_built_in_pattern_compiles() {
        for pattern in [NEGATION_INSIDE, NEGATION_INSIDE_KO] {
            assert!(Regex::new(pattern).is_ok(), "{pattern}");
        }
        for (language, list) in BUILT_IN.iter() {
            assert!(list.broken().is_empty(), "{language}: {:?}", list.broken());
        }
    }

    fn findings(source: &str, tag: &str, translation: &str) -> Vec<Finding> {
        check(
            &owned("en", source, tag, translation).unit(),
            &Rules::default(),
        )
    }

    #[test]
    fn a_dropped_or_added_negation_is_reported() {
        let found = findings(
            "Users won't have to download their email again.",
            "nl",
            "Gebruikers moeten hun e-mail opnieuw downloaden.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("won't have to"));
        let found = findings(
            "Users keep their profiles.",
            "ko",
            "사용자가 프로필을 유지하지 않습니다.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("않"), "{found:?}");
        // "If" that became "unless": a condition turned round.
        let found = findings(
            "If you keep your email on-premises, you can use the hybrid tools.",
            "nl",
            "Tenzij u uw e-mail on-premises houdt, kunt u de hybride hulpmiddelen gebruiken.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            findings(
                "Keep the server unless you move every mailbox.",
                "nl",
                "Behoud de server, tenzij u elk postvak verplaatst.",
            )
            .is_empty()
        );
    }

    #[test]
    fn few_and_bounds_said_with_or_without_a_negation_are_quiet() {
        for (source, tag, translation) in [
            (
                "It suits small organizations that don't have many mailboxes.",
                "nl",
                "Het is geschikt voor kleine organisaties met weinig postvakken.",
            ),
            (
                "It suits small organizations that don't have many mailboxes.",
                "ko",
                "사서함 수가 적고 규모가 작은 조직에 적합합니다.",
            ),
            (
                "Use it for no more than { $n } mailboxes.",
                "ko",
                "사서함이 { $n }개를 넘지 않는 경우에만 사용하세요.",
            ),
            (
                "Facts live in a small set of data files.",
                "ko",
                "사실은 몇 개 안 되는 데이터 파일에 있습니다.",
            ),
        ] {
            assert!(
                findings(source, tag, translation).is_empty(),
                "{translation}: {:?}",
                findings(source, tag, translation)
            );
        }
        // "Te weinig" (not enough) is still a negation.
        assert_eq!(
            findings("There is enough time.", "nl", "Er is te weinig tijd.").len(),
            1
        );
    }

    /// "Is not" in Korean is a form of 아니다 ("아닙니다", "아닌"), whose syllables do not
    /// spell "아니".
    #[test]
    fn every_form_of_korean_is_not_negates() {
        for translation in [
            "지원되는 구성이 아닙니다.",
            "지원되는 구성이 아닌 경우가 있습니다.",
        ] {
            assert!(
                findings("This is not a supported configuration.", "ko", translation).is_empty(),
                "{translation}"
            );
            let found = findings("This is a supported configuration.", "ko", translation);
            assert_eq!(found.len(), 1, "{translation}: {found:?}");
        }
    }

    #[test]
    fn need_not_turned_into_cannot_is_reported() {
        let translation = "사용자가 전자 메일을 다시 다운로드할 수 없습니다.";
        let found = findings(
            "Users won't have to download their email again.",
            "ko",
            translation,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            translation[found[0].range.clone()].starts_with("수"),
            "{found:?}"
        );
        // Also when another "need not" of the source survived.
        let translation =
            "새 프로필을 설정할 필요가 없습니다. 전자 메일을 다시 다운로드할 수 없습니다.";
        let found = findings(
            "Users don't need to set up a new profile. Users won't have to download their email again.",
            "ko",
            translation,
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn absence_is_a_negation_in_every_language() {
        let source = "Where a translation is missing, the source text is shown.";
        for (tag, translation) in [
            ("ko", "번역이 없는 경우에는 원문이 표시됩니다."),
            (
                "nl",
                "Als een vertaling ontbreekt, wordt de brontekst getoond.",
            ),
            (
                "de",
                "Wenn eine Übersetzung fehlt, wird der Quelltext gezeigt.",
            ),
            (
                "fr",
                "Si une traduction manque, le texte source est affiché.",
            ),
        ] {
            assert!(
                findings(source, tag, translation).is_empty(),
                "{tag}: {:?}",
                findings(source, tag, translation)
            );
        }
        let found = findings(
            source,
            "nl",
            "Als een vertaling bestaat, wordt de brontekst getoond.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        // A word ending in 지 before one starting with 마 is no "-지 마".
        assert!(
            findings(
                "Plan the message migration.",
                "ko",
                "메시지 마이그레이션을 계획합니다."
            )
            .is_empty()
        );
        assert_eq!(
            findings("Plan the migration.", "ko", "마이그레이션을 미루지 마세요.").len(),
            1
        );
        // Missing out on something is no absence.
        assert!(
            findings(
                "Here are the things you've been missing:",
                "ko",
                "그동안 놓치고 있던 기능은 다음과 같습니다."
            )
            .is_empty()
        );
    }

    #[test]
    fn the_screen_lets_every_marker_through() {
        // Each kind of marker, in one language after another, on a text that has only
        // it: the screen must not skip any of them.
        for (tag, text) in [
            ("en", "They WON'T have to."),
            ("en", "It isn’t there."),
            ("en", "The file is missing."),
            ("nl", "U hoeft dat echt niet te doen."),
            ("nl", "Het ontbreekt."),
            ("ko", "안 됩니다"),
            ("ko", "다운로드할 수 없습니다."),
            ("ko", "미루지 마세요"),
            ("de", "Sie MÜSSEN das nicht tun."),
            ("fr", "Il n’a pas à le faire."),
        ] {
            assert!(
                !negations(markers(tag), None, text).is_empty(),
                "{tag}: {text}"
            );
            assert!(may_negate(markers(tag), None, text), "{tag}: {text}");
        }
        assert!(!may_negate(
            markers("en"),
            None,
            "Move the mailboxes in a week."
        ));
        assert!(!may_negate(
            markers("ko"),
            None,
            "사서함을 일주일 내에 이동합니다."
        ));
    }

    #[test]
    fn a_negation_added_to_one_sentence_is_reported_though_another_sentence_negates() {
        let source = "Your { $version } installation keeps running after that date. Microsoft no longer provides fixes.";
        let translation = "그 날짜 이후에는 { $version } 설치가 실행되지 않습니다. Microsoft는 더 이상 수정 프로그램을 제공하지 않습니다.";
        let found = findings(source, "ko", translation);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            translation[found[0].range.clone()].starts_with('않'),
            "{found:?}"
        );
        assert!(found[0].message.contains("in this sentence"), "{found:?}");
        // Faithful: quiet.
        assert!(
            findings(
                source,
                "ko",
                "그 날짜 이후에도 { $version } 설치는 계속 실행됩니다. Microsoft는 더 이상 수정 프로그램을 제공하지 않습니다."
            )
            .is_empty()
        );
        // Korean says "only" with a negation ("밖에 없습니다"): quiet.
        assert!(
            findings(
                "There is only one path to { $target }. Mailboxes do not move by themselves.",
                "ko",
                "{ $target }(으)로 가는 경로는 하나밖에 없습니다. 사서함은 저절로 이동하지 않습니다."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_second_negation_added_beside_the_sources_one_is_reported() {
        let source = "Where a translation is missing, the English text is\nshown instead, and the build reports it.";
        for (tag, translation, extra) in [
            (
                "nl",
                "Als een vertaling ontbreekt, wordt in plaats daarvan de Engelse tekst getoond, en meldt de build dat niet.",
                "niet",
            ),
            (
                "ko",
                "번역이 없는 경우에는 영어 텍스트가 대신 표시되며, 빌드에서 이를 보고하지 않습니다.",
                "않",
            ),
        ] {
            let found = findings(source, tag, translation);
            assert_eq!(found.len(), 1, "{tag}: {found:?}");
            assert_eq!(&translation[found[0].range.clone()], extra, "{tag}");
            assert!(found[0].message.contains("twice"), "{found:?}");
            // Faithful: quiet.
            let faithful = translation
                .replace(" dat niet.", " dat.")
                .replace("보고하지 않습니다", "보고합니다");
            assert!(findings(source, tag, &faithful).is_empty(), "{faithful}");
        }
        // A word that holds a negation may be said with one: "unless" is "-지 않으면".
        assert!(
            findings(
                "You can't install it unless you remove the old server.",
                "ko",
                "이전 서버를 제거하지 않으면 설치할 수 없습니다."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_negation_dropped_from_one_sentence_is_reported_though_another_sentence_negates() {
        let source = "Users won't have to set up a new profile. Small organizations don't gain enough from it.";
        let found = findings(
            source,
            "nl",
            "Gebruikers moeten een nieuw profiel instellen. Kleine organisaties hebben er niet genoeg aan.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("in this sentence"), "{found:?}");
        let found = findings(
            source,
            "ko",
            "사용자는 새 프로필을 설정할 필요가 없습니다. 소규모 조직은 충분한 이점을 얻습니다.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let translation =
            "사용자는 새 프로필을 설정할 필요가 없습니다. 소규모 조직은 충분한 이점을 얻습니다.";
        assert!(
            translation[found[0].range.clone()].starts_with("소규모"),
            "{found:?}"
        );
        // Faithful in both sentences: quiet; and a sentence that negates in a word of
        // its own where the source does not ("out of date") is no drift.
        assert!(
            findings(
                source,
                "ko",
                "사용자는 새 프로필을 설정할 필요가 없습니다. 소규모 조직은 충분한 이점을 얻지 못합니다."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Nothing is lost. The page is marked out of date.",
                "ko",
                "잃는 것은 없습니다. 페이지는 최신 상태가 아닌 것으로 표시됩니다."
            )
            .is_empty()
        );
    }

    #[test]
    fn words_that_negate_inside_them_may_be_rendered_with_a_negation() {
        for (source, tag, translation) in [
            (
                "Exchange 2007 is unsupported.",
                "nl",
                "Exchange 2007 wordt niet ondersteund.",
            ),
            (
                "Exchange 2007 is unsupported.",
                "ko",
                "Exchange 2007은 지원되지 않습니다.",
            ),
            (
                "The page is unavailable.",
                "nl",
                "De pagina is niet beschikbaar.",
            ),
            (
                "The page is unavailable.",
                "ko",
                "페이지를 사용할 수 없습니다.",
            ),
            (
                "The old text is unchanged.",
                "ko",
                "이전 텍스트는 변경되지 않았습니다.",
            ),
            (
                "The page is out of date.",
                "ko",
                "페이지가 최신 상태가 아닙니다.",
            ),
            (
                "The page is outdated.",
                "nl",
                "De pagina is niet meer actueel.",
            ),
            (
                "Mail flow bypasses { $server }.",
                "ko",
                "메일 흐름은 { $server }를 거치지 않습니다.",
            ),
            (
                "Skip this step for { $version }.",
                "ko",
                "{ $version }에서는 이 단계를 수행하지 않습니다.",
            ),
            (
                "Avoid long outages.",
                "ko",
                "장시간 중단되지 않도록 하세요.",
            ),
            (
                "This prevents data loss.",
                "nl",
                "Zo gaan er geen gegevens verloren.",
            ),
            (
                "Few users notice it.",
                "ko",
                "이를 알아차리는 사용자는 거의 없습니다.",
            ),
            (
                "Users rarely notice it.",
                "nl",
                "Gebruikers merken het zelden of nooit.",
            ),
            (
                "The setting is optional.",
                "ko",
                "이 설정은 필수가 아닙니다.",
            ),
            (
                "The move fails for { $count } mailboxes.",
                "ko",
                "사서함 { $count }개는 이동하지 못합니다.",
            ),
            (
                "Use the portal instead of PowerShell.",
                "nl",
                "Gebruik niet PowerShell, maar de portal.",
            ),
            (
                "The server is disabled.",
                "nl",
                "De server is niet ingeschakeld.",
            ),
            ("The value is invalid.", "nl", "De waarde is niet geldig."),
            (
                "Start unless the server is busy.",
                "ko",
                "서버가 사용 중이지 않은 한 시작하세요.",
            ),
            (
                "It is hard to move public folders.",
                "ko",
                "공용 폴더를 이동하는 것은 쉽지 않습니다.",
            ),
            (
                "Public folders are difficult to move.",
                "nl",
                "Openbare mappen zijn niet eenvoudig te verplaatsen.",
            ),
            (
                "The versions are incompatible.",
                "ko",
                "두 버전은 호환되지 않습니다.",
            ),
        ] {
            assert!(
                findings(source, tag, translation).is_empty(),
                "{translation}: {:?}",
                findings(source, tag, translation)
            );
        }
        // A negation of the verb itself is still reported; a Dutch verb of its own does
        // not take one.
        assert_eq!(
            findings(
                "Bypass anti-spam filters.",
                "nl",
                "Antispamfilters niet omzeilen."
            )
            .len(),
            1
        );
        assert_eq!(
            findings(
                "Exchange 2007 continues to run after support ends.",
                "ko",
                "지원이 종료된 후에는 Exchange 2007이 실행되지 않습니다."
            )
            .len(),
            1
        );
    }

    #[test]
    fn phrases_that_only_look_negative_or_say_not_in_other_words_are_quiet() {
        // "Not only ... but also" is "both ... and".
        assert!(
            findings(
                "It applies to both { $a } and { $b }.",
                "nl",
                "Het geldt niet alleen voor { $a }, maar ook voor { $b }."
            )
            .is_empty()
        );
        // "Do not ... until" is Dutch "pas als", German "erst wenn".
        let source = "Don't remove the old server until every mailbox has moved.";
        for (tag, translation) in [
            (
                "nl",
                "Verwijder de oude server pas als alle postvakken zijn verplaatst.",
            ),
            (
                "de",
                "Entfernen Sie den alten Server erst, wenn alle Postfächer verschoben sind.",
            ),
        ] {
            let found = findings(source, tag, translation);
            assert!(found.is_empty(), "{tag}: {found:?}");
        }
        assert!(
            findings(
                "Remove the server once every mailbox has moved.",
                "nl",
                "Verwijder de server pas als alle postvakken zijn verplaatst."
            )
            .is_empty()
        );
        // 없애다 ("remove") in its polite form.
        assert!(
            findings(
                "Decommission the remaining servers.",
                "ko",
                "남은 서버를 없앱니다."
            )
            .is_empty()
        );
        // A contraction is quoted whole.
        let found = findings(
            "Users don't lose mail.",
            "nl",
            "Gebruikers verliezen e-mail.",
        );
        assert!(found[0].message.contains("\"don't\""), "{found:?}");
    }

    #[test]
    fn quiet_on_faithful_negations() {
        // "아니면" opening a sentence is "or else"; "아닌지" is "or not".
        for (source, translation) in [
            (
                "Keep your email on premises with one of these versions.",
                "아니면 다음 버전 중 하나로 전자 메일을 온-프레미스에 계속 둡니다.",
            ),
            (
                "Whether you need integration during the migration.",
                "마이그레이션 중에 통합이 필요한지 아닌지.",
            ),
            // "Run out of time" is "not have enough time".
            (
                "If you move more, you might run out of time before your deadline.",
                "그보다 많이 이동하려고 하면 기한 전에 시간이 충분하지 않을 수 있습니다.",
            ),
            // "Without missing one" is a way of saying "keep up to date".
            (
                "Keeping security fixes up to date.",
                "보안 수정 사항을 놓치지 않고 적용",
            ),
        ] {
            assert!(
                findings(source, "ko", translation).is_empty(),
                "{translation}"
            );
        }
        // "X가 아니면" is "if not X".
        assert!(
            findings(
                "If it is not a server, skip it.",
                "ko",
                "서버가 아니면 건너뜁니다."
            )
            .is_empty()
        );
        // Absence said as "누락", "not enough" as "te weinig"; a missing page is "누락된".
        for (source, tag, translation) in [
            (
                "Where a translation is missing, the English text shows instead, and the build reports it.",
                "ko",
                "번역이 누락된 경우에는 영어 텍스트가 대신 표시되고, 빌드에서 이를 알려 줍니다.",
            ),
            (
                "Small organizations usually don't gain enough from it.",
                "nl",
                "Kleine organisaties halen er meestal te weinig uit.",
            ),
            (
                "The health page lists every missing page.",
                "ko",
                "상태 페이지에는 누락된 페이지가 모두 나열됩니다.",
            ),
        ] {
            assert!(
                findings(source, tag, translation).is_empty(),
                "{translation}: {:?}",
                findings(source, tag, translation)
            );
        }
        // ... and each still answers for a negation it adds.
        assert_eq!(
            findings(
                "The health page lists every page.",
                "ko",
                "상태 페이지에는 누락된 페이지가 나열됩니다."
            )
            .len(),
            1
        );
        assert!(
            findings(
                "Users won't have to download their email again.",
                "ko",
                "사용자가 전자 메일을 다시 다운로드할 필요가 없습니다."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Users don't need to set up a new profile.",
                "nl",
                "Gebruikers hoeven geen nieuw profiel in te stellen."
            )
            .is_empty()
        );
        assert!(
            findings(
                "{ $version } can't be installed.",
                "de",
                "{ $version } kann nicht installiert werden."
            )
            .is_empty()
        );
        assert!(
            findings(
                "The link may be mistyped.",
                "ko",
                "링크가 잘못 입력되었을 수 있습니다."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Use it for no more than { $n } mailboxes.",
                "ko",
                "사서함 { $n }개 이하로 사용합니다."
            )
            .is_empty()
        );
        assert!(
            findings(
                "Move them in any order.",
                "ko",
                "순서에 관계없이 이동합니다."
            )
            .is_empty()
        );
    }
}
