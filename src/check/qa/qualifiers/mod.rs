//! Built-in qualifiers and bounds: words that carry a fact as much as a number does
//! ("always", "exactly", "almost", "only", "fewer", "usually", "probably"). Machine
//! translation drops them silently: "you always run the latest version" becomes "you run
//! the latest version". They work as a glossary every translation from English has, with
//! the renderings of Dutch, Korean, German and French; a locale's own `glossary.yaml`
//! entry for a source term at the same place takes precedence.

use std::ops::Range;
use std::sync::OnceLock;

use crate::check::qa::language::primary;
use crate::check::qa::screen::{self, Screen};
use crate::load::locale_qa::{GlossaryEntry, term_pattern_text, wording_pattern};

mod antonyms;
mod modality;
mod units;

/// Every built-in qualifier: the bounds and quantifiers below, then words with an
/// opposite, units after a number, and obligation and permission.
fn all() -> impl Iterator<Item = &'static Qualifier> {
    QUALIFIERS
        .iter()
        .chain(antonyms::ANTONYMS)
        .chain(units::UNITS)
        .chain(modality::MODALITY)
}

/// One qualifier: its English wordings, its renderings per target language, and per
/// target language the renderings that say the opposite ("niet meer dan" for "more than"),
/// reported where the source has no term they render. A rendering `word ~ pattern` is
/// shown as `word` and found by the regular expression `pattern`, for a word that must be
/// whole or has look-alikes ("만" for "only" is not the 만 of 지만, "but").
#[derive(Debug)]
struct Qualifier {
    source: &'static [&'static str],
    targets: &'static [(&'static str, &'static [&'static str])],
    opposites: &'static [(&'static str, &'static [&'static str])],
    /// Whether a translation without one of `targets` is reported; a quantifier ("all",
    /// "some") is often left unsaid, and only its opposites are.
    required: bool,
    /// The target languages in which a translation without one of `targets` is reported
    /// even though `required` is false: one that says the qualifier few ways ("must" in
    /// Korean) where others also say it with an imperative.
    required_in: &'static [&'static str],
}

/// What "after" says, as drift writes it where the source said "before" or "within": the
/// whole word (Dutch "na" is not the start of "nagaan"), Korean with its particle (이후
/// alone is also "later", as in "later versions").
const AFTER: &[(&str, &[&str])] = &[
    ("nl", &[r"na ~ (?i)\bna\b", "nadat", "daarna"]),
    (
        "ko",
        &[
            "후에",
            "뒤에",
            "다음에",
            "지난 후",
            "난 후",
            "완료된 후",
            "완료한 후",
            "마친 후",
        ],
    ),
    ("de", &[r"nach ~ (?i)\bnach\b", "nachdem", "danach"]),
    ("fr", &["après"]),
];

/// What "at most" says, as drift writes it for "or more".
const AT_MOST: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "hoogstens",
            "hooguit",
            "maximaal",
            "ten hoogste",
            "of minder",
            "of korter",
        ],
    ),
    ("ko", &["이하", "최대", "이내", "미만"]),
    (
        "de",
        &["höchstens", "maximal", "oder weniger", "oder kürzer"],
    ),
    ("fr", &["au plus", "au maximum", "ou moins"]),
];

/// What "at least" says, as drift writes it for "or less".
const AT_LEAST: &[(&str, &[&str])] = &[
    ("nl", &["minstens", "ten minste", "of meer", "of langer"]),
    ("ko", &["이상", "초과", "최소"]),
    ("de", &["mindestens", "oder mehr", "oder länger"]),
    ("fr", &["au moins", "ou plus"]),
];

/// "Some", or "only", as drift writes it for "all" ("모든 언어에" that became "영어
///페이지에만", on the English page only).
const SOME: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "sommige",
            "enkele",
            "een aantal",
            "bepaalde",
            "meeste",
            "alleen",
            "uitsluitend",
            "slechts",
            "een van",
            "één van",
        ],
    ),
    (
        "ko",
        &["일부", "몇몇", "대부분", "에만", "에서만", "중 하나"],
    ),
    (
        "de",
        &[
            "einige",
            "manche",
            "meisten",
            "nur",
            "einer der",
            "eines der",
            "einem der",
        ],
    ),
    (
        "fr",
        &[
            "quelques",
            "certains",
            "certaines",
            "la plupart",
            "seulement",
            "uniquement",
            "l'un des",
            "l'une des",
        ],
    ),
];

/// "All", or "countless" as drift writes it for "a few" ("een paar manieren" that became
/// "talloze manieren"). Not the plain "many" ("veel", "많은"): a source with "some" often
/// says "many" too, and a translation saying both would count as one "all" too many.
const ALL_OR_COUNTLESS: &[(&str, &[&str])] = &[
    (
        "nl",
        &["alle", "allemaal", "talloze", "tal van", "ontelbare"],
    ),
    ("ko", &["모든", "모두", "전부", "수많은", "매우 다양"]),
    ("de", &["alle", "sämtliche", "zahlreiche", "unzählige"]),
    ("fr", &["tous", "toutes", "innombrables"]),
];

/// "All", or "many" as drift writes it for "most" ("대부분의 사용자" that became "많은
/// 사용자").
const ALL_OR_MANY: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "alle",
            "allemaal",
            r"veel ~ (?i)\bveel\b",
            "talloze",
            "tal van",
            "ontelbare",
        ],
    ),
    (
        "ko",
        &[
            "모든",
            "모두",
            "전부",
            "많은",
            "수많은",
            "다수",
            "매우 다양",
        ],
    ),
    (
        "de",
        &["alle", "sämtliche", "viele", "zahlreiche", "unzählige"],
    ),
    (
        "fr",
        &[
            "tous",
            "toutes",
            "beaucoup",
            "nombreux",
            "nombreuses",
            "innombrables",
        ],
    ),
];

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
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["exactly"],
        targets: &[
            ("nl", &["precies", "exact", "juist"]),
            ("ko", &["정확히", "정확하게", "딱"]),
            ("de", &["genau", "exakt"]),
            ("fr", &["exactement", "précisément"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["almost", "nearly"],
        targets: &[
            ("nl", &["bijna", "vrijwel", "nagenoeg", "haast"]),
            ("ko", &["거의"]),
            ("de", &["fast", "beinahe", "nahezu"]),
            ("fr", &["presque", "quasi"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["only", "just"],
        targets: &[
            (
                "nl",
                &[
                    "alleen",
                    "slechts",
                    r"enkel ~ (?i)\benkel\b",
                    "uitsluitend",
                    "pas",
                    "maar",
                ],
            ),
            (
                "ko",
                &[
                    // The particle 만, not 지만 ("but"), 만들다, 만료, 만약, 만큼 or a
                    // number's 만 (1만, 수만).
                    // "가지만" is "only ... kinds" ("몇 가지만").
                    r"만 ~ (?:(?:^|[^지0-9수몇천백억])만|가지만)(?:$|[\s.,!?;:)」』]|이|을|으로|의|은|도)",
                    "뿐",
                    // "X밖에 … 없다/않다": nothing but X.
                    "밖에",
                    "불과",
                    "오직",
                    "단지",
                    "오로지",
                    "에야",
                    "서야",
                    "비로소",
                ],
            ),
            ("de", &["nur", "erst", "lediglich", "ausschließlich"]),
            ("fr", &["seulement", "uniquement", "que"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["fewer", "less"],
        targets: &[
            ("nl", &["minder", "kleiner", "minst", "lager", "korter"]),
            ("ko", &["줄", "적", "감소", "이하", "미만", "덜", "이내"]),
            ("de", &["weniger", "kleiner", "geringer", "kürzer"]),
            ("fr", &["moins"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // The bound the other way from "fewer than": "more than 5,000 seats" that became
        // "fewer than" ("미만") or "no more than" ("이하"). "No more than" is a qualifier of
        // its own, below, whose longer wording takes its words.
        source: &["more than", "greater than"],
        targets: &[
            (
                "nl",
                &["meer dan", "groter dan", "ruim", "boven", "meer", "over"],
            ),
            ("ko", &["초과", "이상", "넘", "많"]),
            ("de", &["mehr als", "größer als", "über", "mehr"]),
            (
                "fr",
                &["plus de", "plus que", "supérieur", "au-delà", "plus"],
            ),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "niet meer dan",
                    "hoogstens",
                    "hooguit",
                    "maximaal",
                    "ten hoogste",
                ],
            ),
            ("ko", &["이하", "미만", "이내"]),
            ("de", &["nicht mehr als", "höchstens", "maximal"]),
            ("fr", &["pas plus", "au plus", "au maximum"]),
        ],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["no more than", "not more than", "at most"],
        targets: &[
            (
                "nl",
                &[
                    "niet meer dan",
                    "hoogstens",
                    "hooguit",
                    "maximaal",
                    "ten hoogste",
                    "maximum",
                ],
            ),
            ("ko", &["이하", "이내", "최대", "넘지", "까지"]),
            (
                "de",
                &[
                    "nicht mehr als",
                    "höchstens",
                    "maximal",
                    "bis zu",
                    "maximum",
                ],
            ),
            (
                "fr",
                &["pas plus", "au plus", "au maximum", "maximum", "jusqu'à"],
            ),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["at least", "a minimum of"],
        targets: &[
            (
                "nl",
                &[
                    "ten minste",
                    "tenminste",
                    "minstens",
                    "minimaal",
                    "op zijn minst",
                    "minimum",
                ],
            ),
            ("ko", &["이상", "최소", "적어도"]),
            ("de", &["mindestens", "wenigstens", "zumindest", "minimal"]),
            ("fr", &["au moins", "minimum", "minimal"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // Order in time: "before the deadline" that became "after" it. The renderings are
        // generous; the opposites are what such drift writes.
        source: &["before"],
        targets: &[
            (
                "nl",
                &[
                    "voor",
                    "vóór",
                    "eerder",
                    "vooraf",
                    "tevoren",
                    "alvorens",
                    "uiterlijk",
                    "tot",
                ],
            ),
            ("ko", &["전", "먼저", "앞서", "미리", "까지"]),
            ("de", &["vor", "bevor", "vorher", "zuvor", "früher", "bis"]),
            ("fr", &["avant", "auparavant", "préalable", "d'ici"]),
        ],
        opposites: AFTER,
        required: true,
        required_in: &[],
    },
    Qualifier {
        // Generous: "after the move" is also "once it has moved" (Korean -면, Dutch "als").
        // Its renderings are what keeps the source's own "after" from counting as the
        // opposite of its "before".
        source: &["after"],
        targets: &[
            (
                "nl",
                &[
                    "na",
                    "daarna",
                    "later",
                    "vervolgens",
                    "zodra",
                    "als",
                    "wanneer",
                    "eenmaal",
                ],
            ),
            (
                "ko",
                &[
                    "후", "다음", "뒤", "지나", "이후", "나서", "면", "시", "끝나",
                ],
            ),
            (
                "de",
                &["nach", "danach", "später", "sobald", "wenn", "anschließend"],
            ),
            (
                "fr",
                &["après", "une fois", "dès", "lorsque", "quand", "ensuite"],
            ),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["within"],
        targets: &[
            ("nl", &["binnen", "in", "uiterlijk", "tot"]),
            ("ko", &["이내", "안에", "내에", "동안", "까지", "안으로"]),
            ("de", &["innerhalb", "binnen", "in", "bis"]),
            ("fr", &["dans", "d'ici", "en", "sous", "moins de"]),
        ],
        opposites: AFTER,
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["or more", "or longer", "or later"],
        targets: &[
            (
                "nl",
                &[
                    "of meer",
                    "of langer",
                    "of later",
                    "meer",
                    "langer",
                    "minstens",
                    "ten minste",
                    "minimaal",
                    "hoger",
                    "nieuwer",
                ],
            ),
            ("ko", &["이상", "넘", "더", "최소", "이후", "상위", "최신"]),
            (
                "de",
                &[
                    "oder mehr",
                    "oder länger",
                    "oder später",
                    "mindestens",
                    "mehr",
                    "länger",
                    "höher",
                    "neuer",
                ],
            ),
            (
                "fr",
                &[
                    "ou plus",
                    "au moins",
                    "plus",
                    "minimum",
                    "ultérieure",
                    "supérieure",
                ],
            ),
        ],
        opposites: AT_MOST,
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["or less", "or fewer", "or shorter", "or earlier"],
        targets: &[
            (
                "nl",
                &[
                    "of minder",
                    "of korter",
                    "of eerder",
                    "hoogstens",
                    "hooguit",
                    "maximaal",
                    "binnen",
                    "minder",
                    "korter",
                ],
            ),
            ("ko", &["이하", "이내", "최대", "안에", "내에", "이전"]),
            (
                "de",
                &[
                    "oder weniger",
                    "oder kürzer",
                    "höchstens",
                    "maximal",
                    "innerhalb",
                    "weniger",
                ],
            ),
            ("fr", &["ou moins", "au plus", "au maximum", "moins"]),
        ],
        opposites: AT_LEAST,
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "Some or all" is one choice, and drift keeps either half ("alle postvakken"):
        // the pair must be rendered whole. It holds the "some" and "all" inside it.
        source: &[
            "some or all",
            "all or some",
            "some or all of",
            "all or part of",
        ],
        targets: &[
            (
                "nl",
                &[
                    "sommige of alle",
                    "sommige of al",
                    "enkele of alle",
                    "een deel of alle",
                    "een deel of al",
                    "een gedeelte of alle",
                    "een aantal of alle",
                    "een deel van of alle",
                    "alle of sommige",
                    "alle of een deel",
                    "deels of geheel",
                    "gedeeltelijk of volledig",
                    "geheel of gedeeltelijk",
                    "volledig of gedeeltelijk",
                    "een deel * of * alle",
                    "sommige * of * alle",
                    "enkele * of * alle",
                ],
            ),
            (
                "ko",
                &[
                    "일부 또는 전부",
                    "일부 또는 전체",
                    "일부 또는 모든",
                    "일부 또는 모두",
                    "일부나 전부",
                    "일부나 전체",
                    "일부 혹은 전부",
                    "일부 혹은 전체",
                    "전부 또는 일부",
                    "전체 또는 일부",
                    "모두 또는 일부",
                    "일부 혹은 모두",
                    "일부나 모두",
                    "전부 혹은 일부",
                    "전체 혹은 일부",
                    "일부*또는*모두",
                    "일부*또는*전부",
                ],
            ),
            (
                "de",
                &[
                    "einige oder alle",
                    "manche oder alle",
                    "alle oder einige",
                    "einen Teil oder alle",
                    "ganz oder teilweise",
                    "teilweise oder vollständig",
                ],
            ),
            (
                "fr",
                &[
                    "certains ou tous",
                    "certaines ou toutes",
                    "tous ou certains",
                    "toutes ou certaines",
                    "une partie ou la totalité",
                    "tout ou partie",
                ],
            ),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // Quantifiers: "all" that became "some", "most" that became "all". A translation
        // often leaves "all" unsaid, so only an opposite is reported.
        source: &["all", "every", "each"],
        targets: &[
            (
                "nl",
                &[
                    "alle",
                    r"al ~ (?i)\bal\b",
                    "allemaal",
                    "elk",
                    "ieder",
                    "geheel",
                    "volledig",
                    "per",
                ],
            ),
            // 다 as a word ("다 제거합니다"), not the -다 that ends a sentence.
            (
                "ko",
                &[
                    "모든",
                    "모두",
                    "전체",
                    "전부",
                    "각",
                    r"다 ~ (?:^|\s)다(?:\s|$)",
                ],
            ),
            (
                "de",
                &["alle", "jede", "jeder", "jedes", "ganz", "sämtliche"],
            ),
            ("fr", &["tous", "toutes", "tout", "chaque"]),
        ],
        opposites: SOME,
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["some", "a few", "several"],
        targets: &[
            (
                "nl",
                &[
                    "sommige",
                    "enkele",
                    "een aantal",
                    "bepaalde",
                    "een paar",
                    "wat",
                    "meerdere",
                ],
            ),
            ("ko", &["일부", "몇", "어떤", "여러"]),
            (
                "de",
                &["einige", "manche", "ein paar", "mehrere", "bestimmte"],
            ),
            ("fr", &["quelques", "certains", "certaines", "plusieurs"]),
        ],
        opposites: ALL_OR_COUNTLESS,
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["most"],
        targets: &[
            (
                "nl",
                &["meest", "merendeel", "grootste deel", "meerderheid"],
            ),
            ("ko", &["대부분", "대다수", "가장"]),
            ("de", &["meisten", "Großteil", "Mehrheit", "am"]),
            ("fr", &["plupart", "majorité", "plus"]),
        ],
        opposites: ALL_OR_MANY,
        required: false,
        required_in: &[],
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
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["probably", "likely"],
        targets: &[
            ("nl", &["waarschijnlijk", "vermoedelijk", "wellicht"]),
            ("ko", &["가능성", "아마", "것으로 보", "것입니다", "될 것"]),
            ("de", &["wahrscheinlich", "vermutlich", "voraussichtlich"]),
            ("fr", &["probablement", "sans doute", "vraisemblablement"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // A state that drift flips by losing its negation: "최신 상태가 아닌" (not up to
        // date) became "최신 상태인" (up to date).
        source: &[
            "out of date",
            "out-of-date",
            "outdated",
            "stale",
            "obsolete",
        ],
        targets: &[
            (
                "nl",
                &[
                    "verouderd",
                    "niet actueel",
                    "niet meer actueel",
                    "niet bijgewerkt",
                    "niet up-to-date",
                    "niet up to date",
                    "achterhaald",
                    "gedateerd",
                    "oud",
                    "oude",
                ],
            ),
            (
                "ko",
                &[
                    "최신 상태가 아",
                    "최신이 아",
                    "최신 버전이 아",
                    "오래된",
                    "오래되",
                    "구버전",
                    "업데이트되지 않",
                    "갱신되지 않",
                ],
            ),
            (
                "de",
                &[
                    "veraltet",
                    "nicht aktuell",
                    "nicht mehr aktuell",
                    "überholt",
                ],
            ),
            (
                "fr",
                &["obsolète", "périmé", "pas à jour", "plus à jour", "dépassé"],
            ),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "The latest updates" is a requirement; without the word any update will do.
        source: &["latest", "newest", "most recent"],
        targets: &[
            (
                "nl",
                &[
                    "nieuwste",
                    "laatste",
                    "recentste",
                    "meest recente",
                    "actuele",
                    "actueelste",
                    "bijgewerkt",
                ],
            ),
            ("ko", &["최신", "가장 최근", "최근"]),
            (
                "de",
                &[
                    "neueste",
                    "neuesten",
                    "aktuellste",
                    "aktuellsten",
                    "letzte",
                    "letzten",
                    "aktuelle",
                    "aktuellen",
                ],
            ),
            (
                "fr",
                &[
                    "dernière",
                    "dernières",
                    "dernier",
                    "derniers",
                    "plus récent",
                    "plus récente",
                    "plus récents",
                    "plus récentes",
                ],
            ),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // Holds the "same" inside it, which many languages do not say here.
        source: &["at the same time", "simultaneously"],
        targets: &[
            (
                "nl",
                &["tegelijk", "gelijktijdig", "op hetzelfde moment", "samen"],
            ),
            (
                "ko",
                &["동시에", "함께", "같은 시간", "한꺼번에", "한 번에"],
            ),
            (
                "de",
                &[
                    "gleichzeitig",
                    "zugleich",
                    "zur selben Zeit",
                    "zur gleichen Zeit",
                ],
            ),
            ("fr", &["en même temps", "simultanément", "à la fois"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "The same user name and password" that became "another" one.
        source: &["same", "identical"],
        targets: &[
            (
                "nl",
                &[
                    "dezelfde",
                    "hetzelfde",
                    "zelfde",
                    "gelijk",
                    "identiek",
                    "eender",
                ],
            ),
            ("ko", &["동일", "같", "똑같", "마찬가지", "그대로"]),
            (
                "de",
                &[
                    "gleich",
                    "selbe",
                    "dieselbe",
                    "derselbe",
                    "dasselbe",
                    "identisch",
                ],
            ),
            ("fr", &["même", "identique"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "The sooner you'll have to migrate again" that became "the later".
        source: &["sooner"],
        targets: &[
            ("nl", &["eerder", "sneller", "vroeger", "spoediger"]),
            ("ko", &["빨리", "일찍", "먼저", "빠르", "이른"]),
            ("de", &["früher", "eher", "schneller"]),
            ("fr", &["plus tôt", "plus vite", "rapidement"]),
        ],
        opposites: &[
            ("nl", &["later"]),
            ("ko", &["늦게", "나중"]),
            ("de", &["später"]),
            ("fr", &["plus tard"]),
        ],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "The minimum supported operating system" that became the maximum.
        source: &["minimum"],
        targets: &[
            ("nl", &["minim", "minst", "ten minste", "laagst"]),
            ("ko", &["최소", "최저", "이상"]),
            ("de", &["mindest", "minim", "niedrigst"]),
            ("fr", &["minim", "au moins", "plus bas"]),
        ],
        opposites: &[
            ("nl", &["maxim", "hoogst"]),
            ("ko", &["최대", "최고"]),
            ("de", &["höchst", "maxim"]),
            ("fr", &["maxim", "au plus"]),
        ],
        required: true,
        required_in: &[],
    },
    Qualifier {
        source: &["maximum"],
        targets: &[
            ("nl", &["maxim", "hoogst", "ten hoogste", "hooguit"]),
            ("ko", &["최대", "최고", "이하", "까지"]),
            ("de", &["höchst", "maxim", "bis zu"]),
            ("fr", &["maxim", "au plus", "jusqu'à"]),
        ],
        opposites: &[
            ("nl", &["minim", "minst"]),
            ("ko", &["최소", "최저"]),
            ("de", &["mindest", "minim"]),
            ("fr", &["minim", "au moins"]),
        ],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "While the migration runs" that became "after the migration". Not "while" alone:
        // it is also "although".
        source: &[
            "during",
            "while migrating",
            "while moving",
            "while the migration",
            "while you migrate",
            "while you move",
        ],
        targets: &[
            (
                "nl",
                &[
                    "tijdens",
                    "gedurende",
                    "terwijl",
                    "in de loop van",
                    "bij het",
                    "bij de",
                ],
            ),
            ("ko", &["동안", "도중", "중에", "중인", "하면서", "진행"]),
            ("de", &["während", "beim", "im Laufe"]),
            ("fr", &["pendant", "durant", "lors", "au cours"]),
        ],
        opposites: AFTER,
        // Said many ways ("in die periode", "zolang"): only the opposite is reported.
        required: false,
        required_in: &[],
    },
    Qualifier {
        // "Internal messages bypass the anti-spam filters" that became "go through" them.
        source: &["bypass", "bypasses", "bypassing", "bypassed"],
        targets: &[
            (
                "nl",
                &["omzeil", "overslaan", "slaan", "passeren", "buiten"],
            ),
            (
                "ko",
                &[
                    "우회",
                    "거치지",
                    "건너뛰",
                    "통과하지",
                    "피해",
                    "무시",
                    "적용되지",
                    "적용받지",
                ],
            ),
            ("de", &["umgeh", "überspring", "vorbei"]),
            ("fr", &["contourn", "ignor", "évit", "sans passer"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "Synchronized regularly" that became "once".
        source: &["regularly", "periodically"],
        targets: &[
            (
                "nl",
                &[
                    "regelmatig",
                    "periodiek",
                    "geregeld",
                    "steeds",
                    "telkens",
                    "vaak",
                ],
            ),
            ("ko", &["정기", "주기적", "수시로", "계속", "반복"]),
            ("de", &["regelmäßig", "periodisch", "laufend"]),
            ("fr", &["régulièrement", "périodiquement"]),
        ],
        opposites: &[
            ("nl", &["eenmalig", "één keer", "eenmaal"]),
            ("ko", &["한 번", "1회", "단 한"]),
            ("de", &["einmalig", "einmal"]),
            ("fr", &["une seule fois", "une fois"]),
        ],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "A newer version" that became an older one. Said many ways: only the opposite.
        source: &["newer", "more recent"],
        targets: &[
            ("nl", &["nieuwer", "recenter", "latere", "nieuwe"]),
            ("ko", &["최신", "새", "이후", "상위"]),
            ("de", &["neuer", "aktueller", "späteren"]),
            ("fr", &["récent", "ultérieur", "nouvelle"]),
        ],
        opposites: &[
            ("nl", &["ouder", "vorige", "eerdere"]),
            ("ko", &["이전", "오래된", "하위", "구버전"]),
            ("de", &["älter", "früher", "vorherig"]),
            ("fr", &["ancien", "antérieur", "précédent"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "older",
            "earlier version",
            "earlier versions",
            "earlier release",
            "earlier releases",
            "previous",
        ],
        targets: &[
            ("nl", &["ouder", "vorige", "eerdere"]),
            ("ko", &["이전", "오래된", "하위", "구버전", "예전"]),
            ("de", &["älter", "früher", "vorherig"]),
            ("fr", &["ancien", "antérieur", "précédent"]),
        ],
        opposites: &[
            ("nl", &["nieuwer", "recenter"]),
            ("ko", &["최신", "상위"]),
            ("de", &["neuer", "aktueller"]),
            ("fr", &["récent", "ultérieur"]),
        ],
        required: false,
        required_in: &[],
    },
];

/// One screen over every qualifier's English wordings, whatever the target language: a
/// source text's candidates are then the same for each of its translations, and worked out
/// once ([`crate::check::qa::Memo`]). With it, per qualifier, its place in the screen.
struct Sources {
    screen: Screen,
    place: Vec<Option<usize>>,
    /// Per place in the screen, its pattern, compiled the first time the screen lets it
    /// through.
    patterns: Vec<(String, OnceLock<Option<crate::util::pattern::Regex>>)>,
}

static SOURCES: std::sync::LazyLock<Sources> = std::sync::LazyLock::new(|| {
    let mut patterns = Vec::new();
    let place = all()
        .map(|qualifier| {
            let pattern = source_pattern(qualifier)?;
            patterns.push(pattern);
            Some(patterns.len() - 1)
        })
        .collect();
    Sources {
        screen: Screen::of_patterns(patterns.iter().map(String::as_str)),
        place,
        patterns: patterns
            .into_iter()
            .map(|pattern| (pattern, OnceLock::new()))
            .collect(),
    }
});

/// Where the qualifiers' English wordings occur in one source text, by the qualifier's
/// place in the source screen, in that order: found once per source text, whatever
/// language its translations are in.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceMatches {
    found: Vec<(usize, Range<usize>)>,
}

impl SourceMatches {
    /// Whether no qualifier occurs.
    pub(crate) fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
}

/// Every occurrence of a qualifier's wordings in `source`.
pub(crate) fn source_matches(source: &str) -> SourceMatches {
    let candidates = SOURCES.screen.candidates(source);
    let mut found = Vec::new();
    for place in candidates.iter() {
        if let Some(regex) = compiled_source(place) {
            found.extend(regex.find_iter(source).map(|m| (place, m.range())));
        }
    }
    SourceMatches { found }
}

/// The source pattern at `place` of the screen, compiled once for every language.
fn compiled_source(place: usize) -> Option<&'static crate::util::pattern::Regex> {
    let (pattern, compiled) = SOURCES.patterns.get(place)?;
    compiled
        .get_or_init(|| crate::util::pattern::Regex::new(pattern).ok())
        .as_ref()
}

/// The qualifiers of one target language, each with its place in the screen of
/// [`source_candidates`] and its glossary entry, compiled the first time the screen lets
/// its wordings through (most sites meet few of them, and compiling a pattern costs more
/// than screening a thousand texts).
#[derive(Debug)]
pub(crate) struct Screened {
    language: &'static str,
    /// Each qualifier with its place in the source screen.
    qualifiers: Vec<(&'static Qualifier, usize)>,
    /// Per place in the source screen, the language's qualifier there, if it has one.
    by_place: Vec<Option<usize>>,
    entries: Vec<OnceLock<Option<(GlossaryEntry, EntryNeedles)>>>,
}

/// The [`screen::Needles`] of a glossary entry's renderings and forbidden wordings, in
/// their order.
#[derive(Debug)]
pub(crate) struct EntryNeedles {
    pub(crate) targets: Vec<screen::Needles>,
    pub(crate) forbidden: Vec<screen::Needles>,
}

impl EntryNeedles {
    fn of(entry: &GlossaryEntry) -> EntryNeedles {
        EntryNeedles {
            targets: entry
                .target_patterns
                .iter()
                .map(|pattern| screen::Needles::of(pattern.as_str()))
                .collect(),
            forbidden: entry
                .forbidden
                .iter()
                .map(|(_, pattern)| screen::Needles::of(pattern.as_str()))
                .collect(),
        }
    }
}

impl Screened {
    fn new(language: &'static str) -> Screened {
        let mut qualifiers = Vec::new();
        let mut by_place = vec![None; SOURCES.patterns.len()];
        for (qualifier, place) in all().zip(&SOURCES.place) {
            if let Some(place) = place
                && qualifier.targets.iter().any(|(tag, _)| *tag == language)
            {
                by_place[*place] = Some(qualifiers.len());
                qualifiers.push((qualifier, *place));
            }
        }
        Screened {
            language,
            entries: qualifiers.iter().map(|_| OnceLock::new()).collect(),
            qualifiers,
            by_place,
        }
    }

    /// The language's qualifiers in `source`: each occurrence with the glossary entry of
    /// its qualifier and that entry's needles, in the order of [`SourceMatches`].
    pub(crate) fn occurrences<'s>(
        &'s self,
        source: &'s SourceMatches,
    ) -> impl Iterator<Item = (&'s GlossaryEntry, &'s EntryNeedles, Range<usize>)> + 's {
        source.found.iter().filter_map(|(place, range)| {
            let index = (*self.by_place.get(*place)?)?;
            let (entry, needles) = self.compiled(index)?;
            Some((entry, needles, range.clone()))
        })
    }

    /// How many qualifiers the language has.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.qualifiers.len()
    }

    /// The glossary entry of qualifier `index`.
    #[cfg(test)]
    pub(crate) fn entry(&self, index: usize) -> Option<&GlossaryEntry> {
        self.compiled(index).map(|(entry, _)| entry)
    }

    /// The glossary entry of qualifier `index` and its needles, compiled at the first ask.
    fn compiled(&self, index: usize) -> Option<(&GlossaryEntry, &EntryNeedles)> {
        let ((qualifier, place), entry) = (self.qualifiers.get(index)?, self.entries.get(index)?);
        entry
            .get_or_init(|| {
                let entry = compile(qualifier, *place, self.language)?;
                let needles = EntryNeedles::of(&entry);
                Some((entry, needles))
            })
            .as_ref()
            .map(|(entry, needles)| (entry, needles))
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

/// The glossary entry of a qualifier (at `place` in the source screen) in `language`.
fn compile(qualifier: &Qualifier, place: usize, language: &str) -> Option<GlossaryEntry> {
    let (_, renderings) = qualifier.targets.iter().find(|(tag, _)| *tag == language)?;
    let opposites = qualifier
        .opposites
        .iter()
        .find(|(tag, _)| *tag == language)
        .map_or(&[][..], |(_, list)| *list);
    let source = compiled_source(place)?.clone();
    let word_start = language != "ko";
    let pattern = |rendering: &str| match rendering.split_once(" ~ ") {
        Some((_, pattern)) => crate::util::pattern::Regex::new(pattern).ok(),
        None => wording_pattern(rendering, word_start),
    };
    let shown = |rendering: &&str| {
        rendering
            .split_once(" ~ ")
            .map_or(*rendering, |(word, _)| word)
            .to_string()
    };
    Some(GlossaryEntry {
        term: qualifier.source[0].to_string(),
        source,
        targets: renderings.iter().map(shown).collect(),
        target_patterns: renderings.iter().filter_map(|r| pattern(r)).collect(),
        forbidden: opposites
            .iter()
            .filter_map(|r| Some((shown(r), pattern(r)?)))
            .collect(),
        note: Some("a built-in qualifier".to_string()),
        required: qualifier.required || qualifier.required_in.contains(&language),
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
                all().count(),
                "{language}"
            );
        }
        assert!(entries("nl", "en").is_empty());
        assert!(entries("en", "tlh").is_empty());
        // The screen lets every qualifier through where it occurs.
        for language in ["nl", "ko"] {
            let screened = screened("en", language).unwrap();
            for entry in entries("en", language) {
                let text = format!("You can {} do it.", entry.term.to_uppercase());
                assert!(entry.source.is_match(&text), "{text}");
                assert!(
                    screened
                        .occurrences(&source_matches(&text))
                        .any(|(found, _, _)| std::ptr::eq(found, entry)),
                    "{text}"
                );
            }
            assert!(source_matches("Move the mailboxes to the new server.").is_empty());
        }
        let only = entries("en", "nl")[3];
        assert!(only.source.is_match("Only admins"));
        assert!(!only.source.is_match("commonly"));
    }

    /// Asserts, per (source, tag, kept, drifted), that the kept translation has no
    /// finding and the drifted one exactly one.
    pub(super) fn assert_turned(cases: &[(&str, &str, &str, &str)]) {
        for (source, tag, kept, drifted) in cases {
            assert_eq!(
                glossary_findings(source, tag, kept),
                Vec::<String>::new(),
                "{kept}"
            );
            assert_eq!(
                glossary_findings(source, tag, drifted).len(),
                1,
                "{drifted}"
            );
        }
    }

    /// Asserts, per (source, tag, translation), that the translation has no finding.
    pub(super) fn assert_quiet(cases: &[(&str, &str, &str)]) {
        for (source, tag, translation) in cases {
            assert_eq!(
                glossary_findings(source, tag, translation),
                Vec::<String>::new(),
                "{translation}"
            );
        }
    }

    pub(super) fn glossary_findings(source: &str, tag: &str, translation: &str) -> Vec<String> {
        crate::check::qa::glossary::check(
            &crate::check::qa::testing::owned("en", source, tag, translation).unit(),
            &crate::check::qa::Rules::default(),
        )
        .into_iter()
        .map(|finding| finding.message)
        .collect()
    }

    #[test]
    fn bounds_of_requirements_time_and_quantity_keep_their_side() {
        let source = "The minimum supported operating system for each version:";
        assert!(
            glossary_findings(
                source,
                "nl",
                "Het minimaal ondersteunde besturingssysteem per versie:"
            )
            .is_empty()
        );
        assert!(
            glossary_findings(
                source,
                "ko",
                "각 버전에서 지원되는 최소 운영 체제는 다음과 같습니다."
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(
                source,
                "nl",
                "Het maximaal ondersteunde besturingssysteem per versie:"
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(
                source,
                "ko",
                "각 버전에서 지원되는 최대 운영 체제는 다음과 같습니다."
            )
            .is_empty()
        );
        // "Each" that became "some".
        assert!(
            !glossary_findings(
                "Export the address of each mailbox.",
                "nl",
                "Exporteer het adres van enkele postvakken."
            )
            .is_empty()
        );
        let source = "Whether you need integration while the migration runs.";
        assert!(
            glossary_findings(
                source,
                "nl",
                "Of u tijdens de migratie integratie nodig hebt."
            )
            .is_empty()
        );
        assert!(
            glossary_findings(
                source,
                "ko",
                "마이그레이션을 진행하는 동안 통합이 필요한지 여부"
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(source, "nl", "Of u na de migratie integratie nodig hebt.")
                .is_empty()
        );
        // "Only": "몇 가지만" and "X밖에 … 않" say it.
        let source = "Here are just a few of the features.";
        assert!(glossary_findings(source, "ko", "기능 중 몇 가지만 소개합니다.").is_empty());
        assert!(
            glossary_findings(
                "Then use only the cloud.",
                "ko",
                "그런 다음 클라우드밖에 사용하지 않습니다."
            )
            .is_empty()
        );
    }

    #[test]
    fn bypassing_regularity_and_age_keep_their_sense() {
        let source = "Internal messages bypass the anti-spam filters.";
        assert!(
            glossary_findings(
                source,
                "nl",
                "Interne berichten omzeilen de antispamfilters."
            )
            .is_empty()
        );
        assert!(
            glossary_findings(
                source,
                "ko",
                "내부 메시지는 스팸 방지 필터를 거치지 않습니다."
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(
                source,
                "ko",
                "내부 메시지는 스팸 방지 필터를 반드시 거칩니다."
            )
            .is_empty()
        );
        let source = "Mailboxes are synchronized regularly.";
        assert!(glossary_findings(source, "ko", "사서함이 정기적으로 동기화됩니다.").is_empty());
        assert!(
            !glossary_findings(source, "nl", "Postvakken worden eenmalig gesynchroniseerd.")
                .is_empty()
        );
        // "Newer" and "earlier" side by side each keep their own.
        let source = "Move from earlier releases to a newer version.";
        assert!(
            glossary_findings(source, "ko", "이전 릴리스에서 최신 버전으로 이동합니다.").is_empty()
        );
        assert!(
            glossary_findings(
                source,
                "nl",
                "Stap over van eerdere releases naar een nieuwere versie."
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(
                "Migrate to a newer version.",
                "nl",
                "Migreer naar een oudere versie."
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(
                "Migrate to a newer version.",
                "ko",
                "이전 버전으로 마이그레이션합니다."
            )
            .is_empty()
        );
    }

    #[test]
    fn same_and_sooner_are_kept_and_at_the_same_time_is_its_own() {
        let source = "Users sign in with the same user name and password.";
        assert!(
            glossary_findings(
                source,
                "ko",
                "사용자는 동일한 사용자 이름과 암호로 로그인합니다."
            )
            .is_empty()
        );
        assert!(
            glossary_findings(
                source,
                "nl",
                "Gebruikers melden zich aan met dezelfde gebruikersnaam."
            )
            .is_empty()
        );
        assert_eq!(
            glossary_findings(
                source,
                "ko",
                "사용자는 다른 사용자 이름과 암호로 로그인합니다."
            )
            .len(),
            1
        );
        assert_eq!(
            glossary_findings(
                source,
                "nl",
                "Gebruikers melden zich aan met een andere gebruikersnaam."
            )
            .len(),
            1
        );
        // "At the same time" is said without "same".
        assert!(
            glossary_findings(
                "Both servers run at the same time.",
                "ko",
                "두 서버가 동시에 실행됩니다."
            )
            .is_empty()
        );
        let source = "The earlier support ends, the sooner you must migrate.";
        assert!(
            glossary_findings(
                source,
                "nl",
                "Hoe eerder de ondersteuning eindigt, hoe eerder u moet migreren."
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(
                source,
                "nl",
                "Hoe eerder de ondersteuning eindigt, hoe later u moet migreren."
            )
            .is_empty()
        );
        assert!(
            !glossary_findings(
                source,
                "ko",
                "지원이 일찍 끝날수록 더 늦게 마이그레이션해야 합니다."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_bound_turned_into_its_opposite_is_reported() {
        let source = "More than { $seats } seats";
        assert!(glossary_findings(source, "ko", "시트 { $seats }개 초과").is_empty());
        for (tag, translation) in [
            ("ko", "시트 { $seats }개 이하"),
            ("ko", "최대 시트 { $seats }개"),
            ("nl", "Niet meer dan { $seats } licenties"),
            ("nl", "Hoogstens { $seats } licenties"),
        ] {
            assert_eq!(
                glossary_findings(source, tag, translation).len(),
                1,
                "{tag}: {translation}"
            );
        }
        // "No more than" is its own qualifier, which 이하 renders; its "more than" is not
        // one to translate.
        let source = "Use it for no more than { $n } mailboxes.";
        assert!(glossary_findings(source, "ko", "사서함 { $n }개 이하로 사용합니다.").is_empty());
        assert!(
            glossary_findings(source, "nl", "Gebruik het voor maximaal { $n } postvakken.")
                .is_empty()
        );
        assert_eq!(
            glossary_findings(source, "nl", "Gebruik het voor meer dan { $n } postvakken.").len(),
            1
        );
        // Both bounds in one source: each rendering answers its own.
        assert!(
            glossary_findings(
                "More than { $a } and no more than { $b }.",
                "nl",
                "Meer dan { $a } en niet meer dan { $b }."
            )
            .is_empty()
        );
    }

    #[test]
    fn out_of_date_keeps_its_negation() {
        let source = "Its translations are flagged as out of date until someone reviews them.";
        for (tag, translation) in [
            (
                "ko",
                "누군가 검토할 때까지 해당 번역은 최신 상태가 아닌 것으로 표시됩니다.",
            ),
            (
                "nl",
                "De vertalingen worden als verouderd gemarkeerd totdat iemand ze controleert.",
            ),
        ] {
            assert!(
                glossary_findings(source, tag, translation).is_empty(),
                "{translation}"
            );
        }
        for (tag, translation) in [
            (
                "ko",
                "누군가 검토할 때까지 해당 번역은 최신 상태인 것으로 표시됩니다.",
            ),
            (
                "nl",
                "De vertalingen worden als actueel gemarkeerd totdat iemand ze controleert.",
            ),
        ] {
            assert_eq!(
                glossary_findings(source, tag, translation).len(),
                1,
                "{translation}"
            );
        }
    }

    #[test]
    fn latest_is_a_requirement() {
        let source = "{ $client } (with the latest updates)";
        for (tag, translation) in [
            ("nl", "{ $client } (met de nieuwste updates)"),
            ("nl", "{ $client } (volledig bijgewerkt)"),
            ("ko", "{ $client }(최신 업데이트 적용)"),
        ] {
            assert!(
                glossary_findings(source, tag, translation).is_empty(),
                "{translation}"
            );
        }
        for (tag, translation) in [
            ("nl", "{ $client } (met de updates)"),
            ("ko", "{ $client }(업데이트 적용)"),
        ] {
            assert_eq!(
                glossary_findings(source, tag, translation).len(),
                1,
                "{translation}"
            );
        }
    }

    #[test]
    fn some_or_all_is_rendered_whole() {
        let source = "You want to move some or all of them to { $cloud }.";
        for (tag, translation) in [
            (
                "nl",
                "U wilt sommige of alle postvakken naar { $cloud } verplaatsen.",
            ),
            (
                "nl",
                "U wilt ze geheel of gedeeltelijk naar { $cloud } verplaatsen.",
            ),
            (
                "ko",
                "그중 일부 또는 전부를 { $cloud }로 이동하려고 합니다.",
            ),
        ] {
            assert!(
                glossary_findings(source, tag, translation).is_empty(),
                "{translation}"
            );
        }
        for (tag, translation) in [
            ("nl", "U wilt alle postvakken naar { $cloud } verplaatsen."),
            (
                "nl",
                "U wilt sommige postvakken naar { $cloud } verplaatsen.",
            ),
            ("ko", "그중 전부를 { $cloud }로 이동하려고 합니다."),
            ("ko", "그중 일부를 { $cloud }로 이동하려고 합니다."),
        ] {
            let found = glossary_findings(source, tag, translation);
            assert_eq!(found.len(), 1, "{translation}: {found:?}");
            assert!(found[0].contains("some or all"), "{found:?}");
        }
    }

    #[test]
    fn only_is_a_particle_not_a_look_alike_and_each_wording_wants_its_rendering() {
        let source = "Some features are available only in { $product }, but it comes closest.";
        assert!(
            glossary_findings(
                source,
                "ko",
                "일부 기능은 { $product }에서만 제공되지만 가장 가깝습니다."
            )
            .is_empty()
        );
        assert_eq!(
            glossary_findings(
                source,
                "ko",
                "일부 기능은 { $product }에서 제공되지만 가장 가깝습니다."
            )
            .len(),
            1
        );
        // "Only" and "just": two renderings; Dutch "enkele" ("a few") is not "enkel".
        let source = "Some are available only in { $p }. Here are just a few.";
        assert!(
            glossary_findings(
                source,
                "nl",
                "Sommige zijn alleen in { $p }. Hier zijn maar enkele."
            )
            .is_empty()
        );
        assert_eq!(
            glossary_findings(
                source,
                "nl",
                "Sommige zijn in { $p }. Hier zijn maar enkele."
            )
            .len(),
            1
        );
    }

    #[test]
    fn before_or_within_turned_into_after_is_reported() {
        assert_turned(&[
            (
                "Move them before your deadline.",
                "nl",
                "Verplaats ze vóór uw deadline.",
                "Verplaats ze na uw deadline.",
            ),
            (
                "Move them before your deadline.",
                "ko",
                "기한 전에 이동하세요.",
                "기한 후에 이동하세요.",
            ),
            (
                "It takes place within a few weeks.",
                "ko",
                "몇 주 안에 진행됩니다.",
                "몇 주 후에 진행됩니다.",
            ),
            (
                "It takes place within a few weeks.",
                "nl",
                "Het gebeurt binnen een paar weken.",
                "Het gebeurt na een paar weken.",
            ),
        ]);
        // "After" of the source's own is rendered, not forbidden; "nagaan" is no "na".
        assert!(
            glossary_findings(
                "Check it before and after the move.",
                "nl",
                "Controleer het voor en na de verhuizing."
            )
            .is_empty()
        );
        assert!(
            glossary_findings(
                "Check it before the move.",
                "nl",
                "Controleer het nauwkeurig voor de verhuizing."
            )
            .is_empty()
        );
        assert!(
            glossary_findings(
                "Plan this before the upgrade to later versions.",
                "ko",
                "이후 버전으로 업그레이드하기 전에 계획하세요."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_quantifier_turned_into_its_opposite_is_reported_and_left_unsaid_is_not() {
        assert_turned(&[
            (
                "Remove all { $source } servers.",
                "ko",
                "{ $source } 서버를 제거합니다.",
                "일부 { $source } 서버를 제거합니다.",
            ),
            (
                "Most users keep their profiles.",
                "nl",
                "Gebruikers behouden hun profiel.",
                "Alle gebruikers behouden hun profiel.",
            ),
            (
                "Some features are missing.",
                "nl",
                "Er ontbreken functies.",
                "Alle functies ontbreken.",
            ),
        ]);
        // Both in the source: each rendering is its own term's.
        assert!(
            glossary_findings(
                "Some features are new; all of them are documented.",
                "nl",
                "Sommige functies zijn nieuw; ze zijn allemaal gedocumenteerd."
            )
            .is_empty()
        );
    }

    #[test]
    fn or_more_and_or_less_report_the_other_bound() {
        let source = "It can take many months or longer.";
        assert!(
            glossary_findings(source, "nl", "Het kan vele maanden of langer duren.").is_empty()
        );
        assert_eq!(
            glossary_findings(source, "nl", "Het kan hooguit enkele maanden duren.").len(),
            1
        );
        let source = "Plan a week or less.";
        assert!(glossary_findings(source, "ko", "일주일 이하로 계획합니다.").is_empty());
        assert_eq!(
            glossary_findings(source, "ko", "일주일 이상 계획합니다.").len(),
            1
        );
        assert!(
            glossary_findings("Exchange 2016 or later", "nl", "Exchange 2016 of hoger").is_empty()
        );
    }

    #[test]
    fn split_and_synonym_wordings_are_renderings_and_each_is_not_one_of() {
        for (source, tag, translation) in [
            (
                "Then use only the cloud.",
                "ko",
                "그런 다음 오로지 클라우드를 사용합니다.",
            ),
            (
                "You want to move some or all of the mailboxes.",
                "nl",
                "U wilt een deel van de postvakken, of ze allemaal, verplaatsen.",
            ),
        ] {
            assert!(
                glossary_findings(source, tag, translation).is_empty(),
                "{translation}"
            );
        }
        assert_eq!(
            glossary_findings(
                "Users set up a profile on each of their devices.",
                "nl",
                "Gebruikers stellen op een van hun apparaten een profiel in."
            )
            .len(),
            1
        );
    }
}
