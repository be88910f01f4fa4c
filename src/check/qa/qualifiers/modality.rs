//! Obligation and permission: "you must migrate" that became "you can migrate" (해야
//! 합니다 → 할 수 있습니다, "u moet" → "u kunt"), and "you can keep it" that became "you
//! must". Every placeable stays; the requirement is gone or made up.
//!
//! Korean says "must" with a few endings (-야 합니다, 필요, 반드시, an imperative): a
//! Korean translation without any of them is reported. Other languages say it with an
//! imperative too ("Start de server opnieuw op"), so for them only a wording of the other
//! side is. "Must not", "need not" and words of need ("requires", "should") are
//! qualifiers of their own: the first two hold the "must" and "need" inside them, and
//! their renderings keep a permission beside them from counting as drift.

use super::Qualifier;

/// Korean for an obligation: -야 합니다/하는/할/됩니다 (해야, 되어야, 있어야).
const KO_OBLIGED: &str = r"야 ~ 야\s*(?:합|하|할|한|만|됩|되|될|된)";

/// An obligation, per language: "must" and "need to" said.
const OBLIGED: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "moet",
            "moeten",
            "dient",
            "dienen",
            "verplicht",
            "vereist",
            "nodig",
            "noodzakelijk",
            "zorg",
            "zorgen",
        ],
    ),
    (
        "ko",
        &[
            KO_OBLIGED,
            "필요",
            "필수",
            "반드시",
            "꼭",
            "요구",
            "의무",
            "십시오",
            "세요",
            "바랍니다",
            "않으면 안",
            "수밖에",
        ],
    ),
    (
        "de",
        &[
            "muss",
            "müssen",
            "musst",
            "erforderlich",
            "nötig",
            "notwendig",
            "verpflichtet",
            "brauch",
        ],
    ),
    (
        "fr",
        &[
            "doit",
            "doivent",
            "devez",
            "faut",
            "obligatoire",
            "nécessaire",
            "tenu",
            "besoin",
        ],
    ),
];

/// Dutch for a permission or an option, the opposite of "must" and of "need to".
const NL_PERMISSION: &[&str] = &[
    r"kunt ~ (?i)\bkunt\b",
    r"kunnen ~ (?i)\bkunnen\b",
    r"kan ~ (?i)\bkan\b",
    r"mag ~ (?i)\bmag\b",
    "mogen",
    "optioneel",
    "desgewenst",
    "naar keuze",
];

/// What "need not" says: the renderings that keep a "have to" inside it from counting.
const NO_NEED: &[(&str, &[&str])] = &[
    (
        "nl",
        &["hoeft", "hoeven", "niet nodig", "niet verplicht", "geen"],
    ),
    ("ko", &["필요", "않아도", "없어도", "안 해도"]),
    (
        "de",
        &[
            "muss nicht",
            "müssen nicht",
            "nicht nötig",
            "nicht erforderlich",
            "brauch",
            "kein",
        ],
    ),
    (
        "fr",
        &[
            "pas besoin",
            "pas nécessaire",
            "pas obligatoire",
            "pas obligé",
            "pas tenu",
        ],
    ),
];

pub(super) const MODALITY: &[Qualifier] = &[
    Qualifier {
        source: &["must", "have to", "has to", "had to"],
        targets: OBLIGED,
        opposites: &[
            ("nl", NL_PERMISSION),
            (
                "ko",
                &[
                    "선택 사항",
                    "선택적",
                    "원하는 경우",
                    "원하면",
                    "해도 됩",
                    "해도 되",
                ],
            ),
            (
                "de",
                &[
                    "Sie können",
                    "kannst",
                    "dürfen Sie",
                    "optional",
                    "wahlweise",
                    "nach Belieben",
                ],
            ),
            ("fr", &["vous pouvez", "facultati", "optionnel", "au choix"]),
        ],
        required: false,
        required_in: &["ko"],
    },
    // "You need to set it up" that became "you can set it up". A need is said many ways
    // (Korean "먼저 … 다음에야", first … only then), so none is required: only a permission
    // in its place is reported, where the source grants none.
    Qualifier {
        source: &["need to", "needs to"],
        targets: OBLIGED,
        opposites: &[
            ("nl", NL_PERMISSION),
            (
                "ko",
                &[
                    "수 있",
                    "선택 사항",
                    "원하는 경우",
                    "원하면",
                    "해도 됩",
                    "해도 되",
                ],
            ),
            ("de", &["Sie können", "kannst", "optional", "wahlweise"]),
            ("fr", &["vous pouvez", "facultati", "optionnel"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["must not", "mustn't", "must never"],
        targets: &[
            (
                "nl",
                &[
                    "mag niet",
                    "mogen niet",
                    "niet",
                    "nooit",
                    "geen",
                    "verboden",
                ],
            ),
            (
                "ko",
                &[
                    "안 됩",
                    "안 되",
                    "마십시오",
                    "마세요",
                    "금지",
                    "않아야",
                    "않도록",
                    "말아야",
                    "없",
                ],
            ),
            (
                "de",
                &["darf nicht", "dürfen nicht", "nicht", "nie", "kein"],
            ),
            (
                "fr",
                &["ne doit pas", "ne doivent pas", "pas", "jamais", "interdit"],
            ),
        ],
        opposites: &[],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            // "'t have to" holds "don't", "won't", "doesn't", "didn't" and "wouldn't". At most
            // nine wordings of several words per qualifier: the screen spells out each `\s+`
            // 25 ways up to 250 literals, and past that screens by single words ("to"),
            // which nearly every text has.
            "not have to",
            "'t have to",
            "never have to",
            "not need to",
            "'t need to",
            "no need to",
            "need not",
            "needn't",
            "not needed",
            "not required",
        ],
        targets: NO_NEED,
        opposites: &[],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // More wordings of "need not", in a qualifier of its own to keep each within the
        // screen's limit above.
        source: &[
            "no longer have to",
            "no longer need to",
            "no longer needed",
            "no longer required",
            "not necessary",
            "never need to",
        ],
        targets: NO_NEED,
        opposites: &[],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // Need, requirement and advice: not a permission, so a "must" beside them is theirs.
        source: &[
            "need",
            "needed",
            "require",
            "required",
            "requirement",
            "necessary",
            "mandatory",
            "should",
            "ensure",
            "make sure",
            // "Before you can migrate, install X": the "can" is the step's, and an
            // obligation in the translation ("먼저 X를 설치해야 합니다") is the imperative's.
            "before you can",
            "before it can",
            "before they can",
            "before users can",
            "before we can",
            "so that you can",
        ],
        targets: &[
            (
                "nl",
                &[
                    "moet",
                    "moeten",
                    "nodig",
                    "vereist",
                    "verplicht",
                    "dient",
                    "dienen",
                    "noodzakelijk",
                    "behoeft",
                    "zou",
                    "zorg",
                ],
            ),
            (
                "ko",
                &[
                    KO_OBLIGED,
                    "필요",
                    "필수",
                    "요구",
                    "반드시",
                    "권장",
                    "좋",
                    "확인",
                ],
            ),
            (
                "de",
                &[
                    "muss",
                    "müssen",
                    "benötig",
                    "erforderlich",
                    "nötig",
                    "notwendig",
                    "sollte",
                    "soll",
                    "sicher",
                ],
            ),
            (
                "fr",
                &[
                    "doit",
                    "doivent",
                    "nécessaire",
                    "requis",
                    "besoin",
                    "obligatoire",
                    "devrait",
                    "faut",
                    "assurez",
                ],
            ),
        ],
        opposites: &[],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // A permission or a possibility that became an obligation.
        source: &[
            "can",
            "may",
            "might",
            "could",
            "able to",
            "optional",
            "optionally",
            "if you want",
            "if you wish",
            "if you like",
        ],
        targets: &[
            (
                "nl",
                &[
                    "kan",
                    "kunt",
                    "kunnen",
                    "mag",
                    "mogen",
                    "misschien",
                    "mogelijk",
                    "optioneel",
                    "desgewenst",
                    "eventueel",
                ],
            ),
            (
                "ko",
                &[
                    "수 있",
                    "수 없",
                    "선택",
                    "원하는",
                    "원하면",
                    "가능",
                    "도 됩",
                    "도 되",
                ],
            ),
            (
                "de",
                &[
                    "kann",
                    "können",
                    "kannst",
                    "darf",
                    "dürfen",
                    "möglich",
                    "optional",
                    "eventuell",
                ],
            ),
            (
                "fr",
                &[
                    "peut",
                    "peuvent",
                    "pouvez",
                    "possible",
                    "facultati",
                    "optionnel",
                ],
            ),
        ],
        opposites: &[
            ("nl", &["moet", "moeten", "verplicht", "dient", "dienen"]),
            ("ko", &[KO_OBLIGED, "필수", "반드시", "의무"]),
            ("de", &["muss", "müssen", "verpflichtend", "zwingend"]),
            (
                "fr",
                &["doit", "doivent", "devez", "obligatoire", "il faut"],
            ),
        ],
        required: false,
        required_in: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_quiet, assert_turned};

    #[test]
    fn a_must_turned_into_a_may_and_back_is_reported() {
        assert_turned(&[
            (
                "You must add the domains to the service.",
                "ko",
                "도메인을 서비스에 추가해야 합니다.",
                "도메인을 서비스에 추가할 수 있습니다.",
            ),
            (
                "You must add the domains to the service.",
                "nl",
                "U moet de domeinen aan de service toevoegen.",
                "U kunt de domeinen aan de service toevoegen.",
            ),
            (
                "Users must change them the first time they sign in.",
                "nl",
                "Gebruikers moeten die wijzigen wanneer ze zich voor het eerst aanmelden.",
                "Gebruikers kunnen die wijzigen wanneer ze zich voor het eerst aanmelden.",
            ),
            (
                "You need to set up directory synchronization.",
                "ko",
                "디렉터리 동기화를 설정해야 합니다.",
                "디렉터리 동기화를 설정할 수 있습니다.",
            ),
            (
                "You can keep the old server.",
                "ko",
                "이전 서버를 유지할 수 있습니다.",
                "이전 서버를 유지해야 합니다.",
            ),
            (
                "You can keep the old server.",
                "nl",
                "U kunt de oude server behouden.",
                "U moet de oude server behouden.",
            ),
            (
                "Users have to change their passwords.",
                "fr",
                "Les utilisateurs doivent changer leur mot de passe.",
                "Les utilisateurs peuvent changer leur mot de passe si vous pouvez.",
            ),
        ]);
    }

    #[test]
    fn imperatives_prohibitions_and_needs_stay_quiet() {
        assert_quiet(&[
            // Korean says "must" with an imperative, too.
            (
                "You must restart the server.",
                "ko",
                "서버를 다시 시작하십시오.",
            ),
            // Dutch says "must not" with "mag niet".
            (
                "You must not delete the mailbox.",
                "nl",
                "U mag het postvak niet verwijderen.",
            ),
            (
                "You must not delete the mailbox.",
                "ko",
                "사서함을 삭제하면 안 됩니다.",
            ),
            // "Won't have to" is not a "must".
            (
                "Users won't have to download their email again.",
                "ko",
                "사용자는 전자 메일을 다시 다운로드할 필요가 없습니다.",
            ),
            (
                "And you no longer have to worry about:",
                "ko",
                "그리고 다음과 같은 일은 더 이상 신경 쓰지 않아도 됩니다.",
            ),
            // "May take an hour" beside a kept "moet" is the duration's.
            (
                "You must restart the server, which takes up to an hour.",
                "nl",
                "U moet de server opnieuw opstarten; dat kan tot een uur duren.",
            ),
            // The step before "can" is the imperative's obligation.
            (
                "Before you can migrate, install the update.",
                "ko",
                "마이그레이션하려면 먼저 업데이트를 설치해야 합니다.",
            ),
            (
                "Before you can migrate, install the update.",
                "nl",
                "Voordat u kunt migreren, moet u de update installeren.",
            ),
            // A permission kept beside an obligation the source has too.
            (
                "You can keep the server, but you must update it.",
                "nl",
                "U kunt de server behouden, maar u moet hem bijwerken.",
            ),
            // An obligation beside a "can" that is said.
            (
                "You must restart so that users can sign in.",
                "nl",
                "U moet opnieuw opstarten zodat gebruikers zich kunnen aanmelden.",
            ),
        ]);
    }
}
