//! Words with an opposite that machine translation reaches for: "included" that became
//! "excluded", "enable" that became "disable", "internal" that became "external". Each is
//! a qualifier of its own whose renderings are not required (a translator says "enable"
//! many ways) and whose opposites are reported where the source has no word they render.
//!
//! Korean renderings that a negation turns into their opposite ("포함되지 않는", not
//! included, is a fair "excluded") are matched only where no `-지` follows, so the
//! negated form does not count as the opposite; the polarity check owns negations.

use super::Qualifier;

/// Korean 포함 ("include"), but not in 포함되지/포함하지/포함시키지 (not included).
const KO_INCLUDE: &str = r"포함 ~ 포함(?:[^되하시지\s]|$)|포함(?:되|하|시키)(?:[^지]|$)";
/// Korean 제외 ("exclude"), but not in 제외되지/제외하지 (not excluded).
const KO_EXCLUDE: &str = r"제외 ~ 제외(?:[^되하시지\s]|$)|제외(?:되|하|시키)(?:[^지]|$)";
/// Korean 활성화 ("enable"), not inside 비활성화 and not negated.
const KO_ENABLE: &str =
    r"활성화 ~ (?:^|[^비])(활성화)(?:[^되하시지\s]|$)|(?:^|[^비])(활성화)(?:되|하|시키)(?:[^지]|$)";
/// Korean 비활성화 ("disable"), not negated.
const KO_DISABLE: &str =
    r"비활성화 ~ 비활성화(?:[^되하시지\s]|$)|비활성화(?:되|하|시키)(?:[^지]|$)";
/// Korean 허용 ("allow"), not in 허용되지/허용하지/허용 안 (not allowed).
const KO_ALLOW: &str = r"허용 ~ 허용(?:[^되하지\s]|$)|허용\s+(?:[^안]|$)|허용(?:되|하)(?:[^지]|$)";

pub(super) const ANTONYMS: &[Qualifier] = &[
    Qualifier {
        source: &["include", "includes", "included", "including"],
        targets: &[
            (
                "nl",
                &[
                    "inclusief",
                    "bevat",
                    "bevatten",
                    "opgenomen",
                    "omvat",
                    "omvatten",
                    "met inbegrip",
                    "inbegrepen",
                    "meegenomen",
                    "ook",
                    "samen met",
                ],
            ),
            ("ko", &[KO_INCLUDE, "들어 있", "포함"]),
            (
                "de",
                &[
                    "inklusive",
                    "einschließlich",
                    "enthalten",
                    "enthält",
                    "umfass",
                ],
            ),
            ("fr", &["inclu", "compris", "contient", "comprend"]),
        ],
        opposites: &[
            (
                "nl",
                &["uitgesloten", "exclusief", "uitgezonderd", "uitsluiten"],
            ),
            ("ko", &[KO_EXCLUDE, "빼고", "배제"]),
            ("de", &["ausgeschlossen", "ausgenommen", "exklusive"]),
            ("fr", &["exclu", "hormis", "à l'exception"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "exclude",
            "excludes",
            "excluded",
            "excluding",
            "except",
            "other than",
            "apart from",
            "aside from",
            "but not",
        ],
        targets: &[
            (
                "nl",
                &[
                    "uitgesloten",
                    "exclusief",
                    "uitgezonderd",
                    "uitsluiten",
                    "behalve",
                    "buiten",
                    "zonder",
                    "niet",
                ],
            ),
            ("ko", &["제외", "빼고", "배제", "외", "않"]),
            (
                "de",
                &[
                    "ausgeschlossen",
                    "ausgenommen",
                    "exklusive",
                    "außer",
                    "ohne",
                ],
            ),
            ("fr", &["exclu", "sauf", "hormis", "à l'exception", "sans"]),
        ],
        opposites: &[
            ("nl", &["inclusief", "met inbegrip"]),
            ("ko", &[KO_INCLUDE]),
            ("de", &["inklusive", "einschließlich"]),
            ("fr", &["y compris"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "enable",
            "enables",
            "enabled",
            "enabling",
            "turn on",
            "turns on",
            "turned on",
            "switch on",
            "activate",
            "activated",
        ],
        targets: &[
            (
                "nl",
                &[
                    "inschakel",
                    "ingeschakeld",
                    "activeer",
                    "activeren",
                    "geactiveerd",
                    "aanzetten",
                    "aangezet",
                    "aan",
                ],
            ),
            (
                "ko",
                &[KO_ENABLE, "켜", "사용하도록", "사용 설정", "사용으로"],
            ),
            ("de", &["aktivier", "einschalt", "eingeschaltet"]),
            ("fr", &["activ", "allum"]),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "uitschakel",
                    "uitgeschakeld",
                    "deactiveer",
                    "deactiveren",
                    "gedeactiveerd",
                    "uitzetten",
                    "uitgezet",
                    r"schakel ... uit ~ (?i)\bschakel\b[^.!?]*\buit\b",
                ],
            ),
            ("ko", &[KO_DISABLE, "사용 안 함", "사용하지 않도록"]),
            ("de", &["deaktivier", "ausschalt", "ausgeschaltet"]),
            ("fr", &["désactiv"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "disable",
            "disables",
            "disabled",
            "disabling",
            "turn off",
            "turns off",
            "turned off",
            "switch off",
            "deactivate",
            "deactivated",
        ],
        targets: &[
            (
                "nl",
                &[
                    "uitschakel",
                    "uitgeschakeld",
                    "deactiveer",
                    "deactiveren",
                    "gedeactiveerd",
                    "uitzetten",
                    "uitgezet",
                    "uit",
                    "niet",
                ],
            ),
            (
                "ko",
                &[KO_DISABLE, "끄", "꺼", "끈", "사용 안 함", "사용하지", "않"],
            ),
            ("de", &["deaktivier", "ausschalt", "ausgeschaltet", "nicht"]),
            ("fr", &["désactiv", "éteign", "pas"]),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "inschakel",
                    "activeer",
                    "activeren",
                    "aanzetten",
                    "aangezet",
                ],
            ),
            ("ko", &[KO_ENABLE]),
            ("de", &["aktivier", "einschalt"]),
            ("fr", &[r"activ ~ (?i)(?:^|[^é])\bactiv", "allum"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "allow",
            "allows",
            "allowed",
            "allowing",
            "permit",
            "permits",
            "permitted",
        ],
        targets: &[
            (
                "nl",
                &[
                    "toestaan",
                    "toegestaan",
                    "sta",
                    "staat",
                    "toelaten",
                    "toegelaten",
                    "laat",
                    "mag",
                    "mogen",
                    "kan",
                    "kunnen",
                    "kunt",
                ],
            ),
            ("ko", &[KO_ALLOW, "허용", "허락", "가능", "수 있"]),
            (
                "de",
                &[
                    "erlaub",
                    "zulass",
                    "zugelassen",
                    "gestattet",
                    "kann",
                    "können",
                ],
            ),
            ("fr", &["autoris", "permet", "permis", "peut", "peuvent"]),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "geblokkeerd",
                    "blokkeer",
                    "blokkeren",
                    "weiger",
                    "geweigerd",
                    "verhinder",
                    "voorkom",
                    "verbied",
                    "verboden",
                ],
            ),
            ("ko", &["차단", "거부", "금지", "방지"]),
            (
                "de",
                &["blockier", "verweiger", "verhinder", "verbiet", "verboten"],
            ),
            ("fr", &["bloqu", "refus", "empêch", "interdi"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "block",
            "blocks",
            "blocked",
            "blocking",
            "deny",
            "denies",
            "denied",
            "prevent",
            "prevents",
            "prevented",
            "prohibit",
            "prohibited",
            "forbid",
            "forbidden",
            "reject",
            "rejects",
            "rejected",
        ],
        targets: &[
            (
                "nl",
                &[
                    "geblokkeerd",
                    "blokkeer",
                    "blokkeren",
                    "weiger",
                    "geweigerd",
                    "verhinder",
                    "voorkom",
                    "verbied",
                    "verboden",
                    "tegen",
                    "niet",
                ],
            ),
            ("ko", &["차단", "거부", "금지", "방지", "막", "않", "없"]),
            (
                "de",
                &[
                    "blockier",
                    "verweiger",
                    "verhinder",
                    "verbiet",
                    "verboten",
                    "nicht",
                ],
            ),
            ("fr", &["bloqu", "refus", "empêch", "interdi", "pas"]),
        ],
        opposites: &[("nl", &[]), ("ko", &[KO_ALLOW]), ("de", &[]), ("fr", &[])],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "increase",
            "increases",
            "increased",
            "increasing",
            "raise",
            "raises",
            "raised",
            "grow",
            "grows",
            "grew",
        ],
        targets: &[
            (
                "nl",
                &[
                    "verhoog",
                    "verhoogd",
                    "verhogen",
                    "vergroot",
                    "vergroten",
                    "toename",
                    "toeneem",
                    "neemt",
                    "stijg",
                    "groei",
                    "meer",
                    "hoger",
                ],
            ),
            ("ko", &["증가", "늘", "높", "확대", "상향", "올", "커"]),
            (
                "de",
                &["erhöh", "vergrößer", "steig", "wächst", "wachs", "zunahme"],
            ),
            ("fr", &["augment", "accroî", "hausse", "croî"]),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "verlaag",
                    "verlagen",
                    "verklein",
                    "verminder",
                    "afname",
                    "daalt",
                    "daling",
                    r"neemt ... af ~ (?i)\bneemt\b[^.!?]*\baf\b",
                ],
            ),
            (
                "ko",
                &[
                    "감소", "줄이", "줄여", "줄어", "줄였", "줄입", "낮추", "낮춰", "축소", "하향",
                ],
            ),
            (
                "de",
                &["verringer", "reduzier", "senk", "verkleiner", "abnahme"],
            ),
            ("fr", &["diminu", "rédui", "baisse", "abaiss"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "decrease",
            "decreases",
            "decreased",
            "decreasing",
            "reduce",
            "reduces",
            "reduced",
            "reducing",
            "shrink",
            "shrinks",
        ],
        targets: &[
            (
                "nl",
                &[
                    "verlaag",
                    "verlagen",
                    "verklein",
                    "verminder",
                    "afname",
                    "neemt",
                    "daal",
                    "daling",
                    "minder",
                    "beperk",
                    "lager",
                ],
            ),
            ("ko", &["감소", "줄", "낮", "축소", "하향", "덜", "적"]),
            (
                "de",
                &[
                    "verringer",
                    "reduzier",
                    "senk",
                    "verkleiner",
                    "abnahme",
                    "weniger",
                ],
            ),
            ("fr", &["diminu", "rédui", "baisse", "abaiss", "moins"]),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "verhoog",
                    "verhogen",
                    "vergroot",
                    "vergroten",
                    "toename",
                    "stijgt",
                    "stijging",
                    r"neemt ... toe ~ (?i)\bneemt\b[^.!?]*\btoe\b",
                ],
            ),
            (
                "ko",
                &[
                    "증가", "늘리", "늘려", "늘어", "늘립", "높이", "높여", "확대", "상향",
                ],
            ),
            ("de", &["erhöh", "vergrößer", "zunahme"]),
            ("fr", &["augment", "accroî", "hausse"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["internal", "internally"],
        targets: &[
            ("nl", &[r"intern ~ (?i)\binterne?\b", "binnen", "eigen"]),
            ("ko", &["내부", "사내", "조직 내", "내"]),
            (
                "de",
                &[r"intern ~ (?i)\bintern(?:e[nmrs]?)?\b", "innerhalb"],
            ),
            ("fr", &[r"interne ~ (?i)\binternes?\b", "au sein"]),
        ],
        opposites: &[
            ("nl", &[r"extern ~ (?i)\bexterne?\b"]),
            ("ko", &["외부"]),
            ("de", &[r"extern ~ (?i)\bextern(?:e[nmrs]?)?\b"]),
            ("fr", &[r"externe ~ (?i)\bexternes?\b"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["external", "externally"],
        targets: &[
            ("nl", &[r"extern ~ (?i)\bexterne?\b", "buiten"]),
            ("ko", &["외부"]),
            (
                "de",
                &[r"extern ~ (?i)\bextern(?:e[nmrs]?)?\b", "außerhalb"],
            ),
            ("fr", &[r"externe ~ (?i)\bexternes?\b", "extérieur"]),
        ],
        opposites: &[
            ("nl", &[r"intern ~ (?i)\binterne?\b"]),
            ("ko", &["내부", "사내"]),
            ("de", &[r"intern ~ (?i)\bintern(?:e[nmrs]?)?\b"]),
            ("fr", &[r"interne ~ (?i)\binternes?\b"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["inbound", "incoming"],
        targets: &[
            ("nl", &["inkomend", "binnenkomend", "inbound", "ontvang"]),
            ("ko", &["인바운드", "수신", "들어오", "받는"]),
            ("de", &["eingehend", "inbound", "empfang"]),
            ("fr", &["entrant", "inbound", "reçu"]),
        ],
        opposites: &[
            ("nl", &["uitgaand", "outbound"]),
            ("ko", &["아웃바운드", "송신", "나가는", "보내는"]),
            ("de", &["ausgehend", "outbound"]),
            ("fr", &["sortant", "outbound"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["outbound", "outgoing"],
        targets: &[
            ("nl", &["uitgaand", "outbound", "verzend", "verstuur"]),
            ("ko", &["아웃바운드", "송신", "나가", "보내", "발신"]),
            ("de", &["ausgehend", "outbound", "send"]),
            ("fr", &["sortant", "outbound", "envoy"]),
        ],
        opposites: &[
            ("nl", &["inkomend", "binnenkomend", "inbound"]),
            ("ko", &["인바운드", "수신", "들어오는"]),
            ("de", &["eingehend", "inbound"]),
            ("fr", &["entrant", "inbound"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["automatic", "automatically"],
        targets: &[
            ("nl", &["automatisch", "vanzelf", "zelf"]),
            ("ko", &["자동", "저절로", "알아서"]),
            ("de", &["automatisch", "selbst", "von selbst"]),
            (
                "fr",
                &["automatique", "tout seul", "d'elle-même", "de lui-même"],
            ),
        ],
        opposites: &[
            ("nl", &["handmatig", "handmatige", "met de hand"]),
            ("ko", &["수동"]),
            ("de", &["manuell", "von Hand"]),
            ("fr", &["manuel", "à la main"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["manual", "manually", "by hand"],
        targets: &[
            ("nl", &["handmatig", "met de hand", "zelf"]),
            ("ko", &["수동", "직접", "손으로"]),
            ("de", &["manuell", "von Hand", "selbst"]),
            ("fr", &["manuel", "à la main", "vous-même"]),
        ],
        opposites: &[
            ("nl", &["automatisch"]),
            ("ko", &["자동"]),
            ("de", &["automatisch"]),
            ("fr", &["automatique"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["local", "locally"],
        targets: &[
            ("nl", &["lokaal", "lokale", "eigen"]),
            ("ko", &["로컬", "사내", "현지"]),
            ("de", &["lokal", "vor Ort"]),
            ("fr", &["local", "locaux", "locale", "site"]),
        ],
        opposites: &[
            ("nl", &["op afstand"]),
            ("ko", &["원격"]),
            ("de", &["entfernt", "remote"]),
            ("fr", &["distant", "à distance"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["remote", "remotely"],
        targets: &[
            ("nl", &["op afstand", "extern", "remote"]),
            ("ko", &["원격"]),
            ("de", &["entfernt", "remote", "Fern"]),
            ("fr", &["distant", "à distance"]),
        ],
        opposites: &[
            ("nl", &[r"lokaal ~ (?i)\blokale?\b|\blokaal\b"]),
            ("ko", &["로컬"]),
            ("de", &["lokal"]),
            ("fr", &[r"local ~ (?i)\blocale?s?\b|\blocaux\b"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["closest", "nearest"],
        targets: &[
            (
                "nl",
                &["dichtstbijzijnde", "dichtstbij", "dichtst", "naastgelegen"],
            ),
            ("ko", &["가장 가까", "가까운", "인접"]),
            ("de", &["nächstgelegen", "nächste", "nächsten"]),
            ("fr", &["plus proche", "proximité"]),
        ],
        opposites: &[
            ("nl", &["verste", "verst", "verstgelegen"]),
            ("ko", &["가장 먼", "가장 멀리", "먼 곳"]),
            ("de", &["entferntest", "weitest"]),
            ("fr", &["plus éloigné", "plus lointain"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["install", "installs", "installed", "installing"],
        targets: &[
            (
                "nl",
                &["installeer", "installeren", "geïnstalleerd", "installatie"],
            ),
            ("ko", &["설치"]),
            ("de", &["installier", "Installation"]),
            ("fr", &["install"]),
        ],
        opposites: &[
            (
                "nl",
                &["verwijder", "de-installeer", "deïnstalleer", "verwijderd"],
            ),
            ("ko", &["제거", "삭제"]),
            ("de", &["deinstallier", "entfern", "lösch"]),
            ("fr", &["désinstall", "supprim"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // Said with "install" ("remove the old version before you install"): its
        // renderings keep the install's opposite from counting where the source says it.
        source: &[
            "uninstall",
            "uninstalls",
            "uninstalled",
            "remove",
            "removes",
            "removed",
            "removing",
            "delete",
            "deletes",
            "deleted",
            "deleting",
            "decommission",
            "decommissioned",
            "clean up",
            "cleaned up",
            "replace",
            "replaces",
            "replaced",
            "purge",
            "purged",
        ],
        targets: &[
            (
                "nl",
                &[
                    "verwijder",
                    "de-installeer",
                    "deïnstalleer",
                    "verwijderd",
                    "buiten gebruik",
                    "opgeruimd",
                    "vervang",
                ],
            ),
            (
                "ko",
                &[
                    "제거", "삭제", "없애", "지우", "해제", "폐기", "정리", "대체", "교체",
                ],
            ),
            ("de", &["deinstallier", "entfern", "lösch", "außer Betrieb"]),
            (
                "fr",
                &["désinstall", "supprim", "retir", "mise hors service"],
            ),
        ],
        opposites: &[
            ("nl", &["installeer", "installeren", "geïnstalleerd"]),
            // 설치 제거 (uninstall) holds its 제거, so a translation saying it says the
            // removal too.
            ("ko", &["설치"]),
            ("de", &["installier"]),
            ("fr", &["install"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // Exposed that became protected: "open to security breaches" that became
        // "protected against" them.
        source: &[
            "expose",
            "exposes",
            "exposed",
            "exposing",
            "open to",
            "vulnerable to",
        ],
        targets: &[
            ("nl", &["blootstel", "blootgesteld", "open", "kwetsbaar"]),
            ("ko", &["노출", "열어", "열려", "취약하게"]),
            ("de", &["aussetz", "ausgesetzt", "offen", "anfällig"]),
            ("fr", &["expos", "ouvert", "vulnérable"]),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "beschermd",
                    "beschermt",
                    "beschermen",
                    "beveiligd",
                    "beveiligt",
                ],
            ),
            ("ko", &["보호", "막아", "지켜"]),
            ("de", &["schützt", "geschützt", "schützen", "gesichert"]),
            ("fr", &["protég", "protèg", "sécuris"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "protect",
            "protects",
            "protected",
            "protecting",
            "safeguard",
        ],
        targets: &[
            ("nl", &["bescherm", "beveilig", "veilig"]),
            ("ko", &["보호", "보안", "안전", "지키", "지켜"]),
            ("de", &["schütz", "sicher"]),
            ("fr", &["protég", "protèg", "sécuris"]),
        ],
        opposites: &[
            ("nl", &["blootstel", "blootgesteld"]),
            ("ko", &["노출"]),
            ("de", &["aussetz", "ausgesetzt"]),
            ("fr", &["expos"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // "Gets new features first" that became "last". "First" is said many ways
        // ("voor het eerst", "먼저", "처음"); only its opposite is reported.
        source: &["first"],
        targets: &[
            (
                "nl",
                &[
                    "eerst",
                    "eerste",
                    "allereerst",
                    "vooraf",
                    "voordat",
                    "begin",
                ],
            ),
            (
                "ko",
                &["먼저", "처음", "첫", "최초", "우선", "초기", "앞서", "1차"],
            ),
            ("de", &["zuerst", "erst", "zunächst", "vorher", "Anfang"]),
            ("fr", &["premi", "d'abord", "avant", "début"]),
        ],
        opposites: &[
            ("nl", &[r"laatste ~ (?i)\blaatst(?:e)?\b"]),
            ("ko", &["마지막", "가장 늦게", "가장 나중"]),
            ("de", &["zuletzt", "letzte", "als Letzte"]),
            ("fr", &["dernier", "dernière", "en dernier"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // "Up to the last mailbox move" that became "the first".
        source: &["last", "final"],
        targets: &[
            (
                "nl",
                &[
                    "laatste",
                    "laatst",
                    "definitie",
                    "afgelopen",
                    "vorige",
                    "slot",
                ],
            ),
            ("ko", &["마지막", "최종", "끝", "지난", "최근"]),
            (
                "de",
                &["letzte", "zuletzt", "vergangen", "endgültig", "final"],
            ),
            ("fr", &["dernier", "dernière", "final", "finale"]),
        ],
        opposites: &[
            ("nl", &[r"eerste ~ (?i)\beerste\b"]),
            ("ko", &[r"첫 ~ (?:^|\s)(첫)", "처음"]),
            ("de", &[r"erste ~ (?i)\berste[nmrs]?\b"]),
            ("fr", &["premier", "première"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // Each version's own date that became a date they share.
        source: &[
            "own",
            "unique",
            "separate",
            "separately",
            "dedicated",
            "individual",
            "individually",
        ],
        targets: &[
            (
                "nl",
                &[
                    "eigen",
                    "uniek",
                    "apart",
                    "aparte",
                    "afzonderlijk",
                    "toegewezen",
                    "individu",
                ],
            ),
            (
                "ko",
                &[
                    "고유", "자체", "별도", "각자", "개별", "전용", "따로", "자신",
                ],
            ),
            (
                "de",
                &[
                    "eigen",
                    "einzigartig",
                    "separat",
                    "getrennt",
                    "einzeln",
                    "dediziert",
                ],
            ),
            (
                "fr",
                &[
                    "propre",
                    "unique",
                    "distinct",
                    "séparé",
                    "dédié",
                    "individuel",
                ],
            ),
        ],
        opposites: &[
            ("nl", &["gemeenschappelijk", "gedeeld", "gezamenlijk"]),
            ("ko", &["공통", "공유", "함께 쓰", "함께 사용"]),
            ("de", &["gemeinsam", "geteilt"]),
            ("fr", &["commun", "partagé"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["shared", "share", "shares", "common", "together"],
        targets: &[
            (
                "nl",
                &[
                    "gedeeld",
                    "deel",
                    "gemeenschappelijk",
                    "gezamenlijk",
                    "samen",
                ],
            ),
            ("ko", &["공유", "공통", "함께", "같이"]),
            ("de", &["geteilt", "teil", "gemeinsam", "zusammen"]),
            ("fr", &["partag", "commun", "ensemble"]),
        ],
        opposites: &[
            ("nl", &[r"eigen ~ (?i)\beigen\b", "afzonderlijk"]),
            ("ko", &["고유", "별도", "각자", "따로"]),
            ("de", &["eigene", "separat"]),
            ("fr", &["propre", "séparé"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // An order left open that became a fixed one ("in willekeurige volgorde" → "in
        // deze volgorde").
        source: &["in any order", "any order", "in no particular order"],
        targets: &[
            (
                "nl",
                &[
                    "willekeurige volgorde",
                    "elke volgorde",
                    "iedere volgorde",
                    "welke volgorde",
                    "volgorde maakt niet uit",
                    "ongeacht",
                    "maakt niet uit",
                    "naar keuze",
                    "zelf kiest",
                    "gekozen volgorde",
                    "vrije volgorde",
                ],
            ),
            (
                "ko",
                &[
                    "관계없이",
                    "상관없이",
                    "무관",
                    "원하는 순서",
                    "어떤 순서",
                    "임의",
                    "자유롭게",
                    "구애",
                    "순서는 상관",
                ],
            ),
            (
                "de",
                &[
                    "beliebig",
                    "jeder Reihenfolge",
                    "freier Reihenfolge",
                    "egal",
                    "unabhängig",
                ],
            ),
            (
                "fr",
                &[
                    "n'importe quel ordre",
                    "quelconque",
                    "ordre de votre choix",
                    "l'ordre que vous",
                    "peu importe",
                ],
            ),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "A, B, or both" that became "A and B": a choice turned into a requirement.
        source: &["or both"],
        targets: &[
            ("nl", &["of allebei", "of beide", "of allemaal", "of alle"]),
            (
                "ko",
                &[
                    "둘 다",
                    "또는 모두",
                    "또는 전부",
                    "혹은 모두",
                    "모두 또는",
                    "또는 둘",
                    "또는*모두",
                    "두 가지 모두",
                    "양쪽 모두",
                    "둘 모두",
                ],
            ),
            ("de", &["oder beide", "oder alle"]),
            ("fr", &["ou les deux", "ou tous"]),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "One of the ways" that became "the only way".
        source: &["one of", "one way", "among"],
        targets: &[
            (
                "nl",
                &["een van", "één van", "een manier", "een van de", "onder"],
            ),
            ("ko", &["중 하나", "하나", "가운데", "중"]),
            (
                "de",
                &[
                    "einer der",
                    "eine der",
                    "eines der",
                    "eine Möglichkeit",
                    "unter",
                ],
            ),
            (
                "fr",
                &["l'un des", "l'une des", "un des", "une des", "parmi"],
            ),
        ],
        opposites: &[
            ("nl", &["enige", "de enige", "alle", "allemaal"]),
            ("ko", &["유일", "모두", "모든", "전부"]),
            ("de", &["einzige", "alle", "sämtliche"]),
            ("fr", &["seul", "seule", "unique", "tous", "toutes"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // "Keeps running" that became "stops working".
        source: &[
            "keeps running",
            "keep running",
            "keeps working",
            "keep working",
            "continue",
            "continues",
            "still works",
            "still runs",
        ],
        targets: &[
            (
                "nl",
                &[
                    "blijft",
                    "blijven",
                    "nog steeds",
                    "verder",
                    "doorgaan",
                    "gaat door",
                ],
            ),
            ("ko", &["계속", "여전히", "유지"]),
            ("de", &["weiter", "noch", "bleibt", "bleiben"]),
            ("fr", &["continu", "toujours", "encore"]),
        ],
        opposites: &[
            ("nl", &["stopt", "stoppen", "houdt op", "houden op"]),
            ("ko", &["중지", "멈추", "멈춥", "멈춘", "중단"]),
            ("de", &["hört auf", "hören auf", "stoppt", "stoppen"]),
            ("fr", &["cesse", "arrête"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // "In a single step" that became "in several steps".
        source: &[
            "in one step",
            "in a single step",
            "one step",
            "a single step",
            "single step",
            "in one go",
            "single hop",
            "one hop",
            "all at once",
            "at once",
        ],
        targets: &[
            (
                "nl",
                &["één", "een enkele", "in één keer", "ineens", "in een keer"],
            ),
            (
                "ko",
                &[
                    "한 번",
                    "한 단계",
                    "단일",
                    "하나의",
                    "한꺼번에",
                    "일괄",
                    "단번에",
                    "한번에",
                ],
            ),
            ("de", &["einzigen", "einem", "einen", "einer", "auf einmal"]),
            (
                "fr",
                &["seul", "une seule", "un seul", "une fois", "en une"],
            ),
        ],
        opposites: &[
            ("nl", &["meerdere", "verschillende", "diverse"]),
            ("ko", &["여러", "다수", "몇 단계"]),
            ("de", &["mehrere", "mehreren", "verschiedene"]),
            ("fr", &["plusieurs"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        // "Show it to them, and the other way round" that lost its second direction.
        source: &["the other way round", "the other way around", "vice versa"],
        targets: &[
            (
                "nl",
                &[
                    "omgekeerd",
                    "andersom",
                    "vice versa",
                    "wederzijds",
                    "over en weer",
                ],
            ),
            (
                "ko",
                &["반대", "거꾸로", "역으로", "서로", "양방향", "상호"],
            ),
            (
                "de",
                &["umgekehrt", "andersherum", "vice versa", "gegenseitig"],
            ),
            (
                "fr",
                &["inversement", "réciproquement", "vice versa", "l'inverse"],
            ),
        ],
        opposites: &[],
        required: true,
        required_in: &[],
    },
    Qualifier {
        // "To and from" that lost one way. Korean says it too many ways ("로/에서",
        // "간에", "양방향") to require one.
        source: &["to and from", "back and forth", "in both directions"],
        targets: &[
            (
                "nl",
                &[
                    "naar en van",
                    "van en naar",
                    "heen en weer",
                    "beide richtingen",
                    "twee richtingen",
                ],
            ),
            ("ko", &["양방향", "간에", "사이", "오가", "주고받"]),
            (
                "de",
                &[
                    "nach und von",
                    "von und nach",
                    "zu und von",
                    "hin und her",
                    "beide Richtungen",
                ],
            ),
            (
                "fr",
                &[
                    "vers et depuis",
                    "depuis et vers",
                    "de et vers",
                    "dans les deux sens",
                    "aller-retour",
                ],
            ),
        ],
        opposites: &[],
        required: false,
        required_in: &["nl", "de", "fr"],
    },
    // Size: "small organizations" that became "grote organisaties".
    Qualifier {
        source: &["small", "smaller", "smallest", "small-scale"],
        targets: &[
            (
                "nl",
                &[r"klein ~ (?i)\bklein(?:e|er|ere|st|ste)?\b", "weinig"],
            ),
            ("ko", &["소규모", "작은", "작", "적은", "소수"]),
            (
                "de",
                &[r"klein ~ (?i)\bklein(?:e[nmrs]?|er|ere[nmrs]?|st)?\b"],
            ),
            ("fr", &["petit", "peu"]),
        ],
        opposites: &[
            (
                "nl",
                &[r"groot ~ (?i)\b(?:groot|grote|groter|grotere|grootst|grootste)\b"],
            ),
            ("ko", &["대규모", "대형", "큰 ", "다수"]),
            (
                "de",
                &[r"groß ~ (?i)\bgr(?:o|ö)ß(?:e[nmrs]?|er|ere[nmrs]?|t)?\b"],
            ),
            ("fr", &[r"grand ~ (?i)\bgrand(?:e|s|es)?\b"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "large",
            "larger",
            "largest",
            "large-scale",
            "big",
            "bigger",
            "biggest",
            "huge",
        ],
        targets: &[
            (
                "nl",
                &[
                    r"groot ~ (?i)\b(?:groot|grote|groter|grotere|grootst|grootste)\b",
                    "omvangrijk",
                    "veel",
                ],
            ),
            ("ko", &["대규모", "대형", "큰", "많은", "다수", "방대"]),
            ("de", &[r"groß ~ (?i)\bgr(?:o|ö)ß", "umfangreich"]),
            ("fr", &[r"grand ~ (?i)\bgrand(?:e|s|es)?\b", "important"]),
        ],
        opposites: &[
            ("nl", &[r"klein ~ (?i)\bklein(?:e|er|ere|st|ste)?\b"]),
            ("ko", &["소규모", "작은"]),
            (
                "de",
                &[r"klein ~ (?i)\bklein(?:e[nmrs]?|er|ere[nmrs]?|st)?\b"],
            ),
            ("fr", &[r"petit ~ (?i)\bpetite?s?\b"]),
        ],
        required: false,
        required_in: &[],
    },
    // Duration: "take longer" that became "korter duren".
    Qualifier {
        source: &["longer", "more time", "slower"],
        targets: &[
            ("nl", &["langer", "meer tijd", "trager"]),
            ("ko", &["더 오래", "더 길", "더 많은 시간", "오래"]),
            ("de", &["länger", "mehr zeit", "langsamer"]),
            ("fr", &["plus long", "plus de temps", "plus lent"]),
        ],
        opposites: &[
            ("nl", &[r"korter ~ (?i)\bkorter\b", "minder tijd"]),
            ("ko", &["더 짧", "더 적게 걸", "덜 걸", "짧게"]),
            ("de", &["kürzer", "weniger zeit"]),
            ("fr", &["plus court", "moins de temps"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["shorter", "less time"],
        targets: &[
            ("nl", &["korter", "minder tijd", "sneller"]),
            ("ko", &["더 짧", "짧", "덜 걸", "적게 걸", "빨리"]),
            ("de", &["kürzer", "weniger zeit", "schneller"]),
            ("fr", &["plus court", "moins de temps", "plus vite"]),
        ],
        opposites: &[
            ("nl", &[r"langer ~ (?i)\blanger\b", "meer tijd"]),
            ("ko", &["더 오래", "더 길"]),
            ("de", &["länger", "mehr zeit"]),
            ("fr", &["plus long", "plus de temps"]),
        ],
        required: false,
        required_in: &[],
    },
    // "Evaluated correctly" that became "onjuist geëvalueerd".
    Qualifier {
        source: &["correct", "correctly", "properly", "accurate", "accurately"],
        targets: &[
            (
                "nl",
                &[
                    r"correct ~ (?i)\bcorrecte?\b",
                    "juist",
                    "goed",
                    "naar behoren",
                    "nauwkeurig",
                ],
            ),
            ("ko", &["올바르", "올바른", "정확", "제대로", "맞"]),
            ("de", &[r"korrekt ~ (?i)\bkorrekt", "richtig", "genau"]),
            (
                "fr",
                &[r"correct ~ (?i)\bcorrecte?s?\b", "correctement", "exact"],
            ),
        ],
        opposites: &[
            (
                "nl",
                &["onjuist", r"incorrect ~ (?i)\bincorrecte?\b", "verkeerd"],
            ),
            ("ko", &["잘못", "틀린", "틀리", "부정확"]),
            ("de", &["falsch", "unkorrekt", "ungenau"]),
            ("fr", &["incorrect", "erroné", "inexact"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["incorrect", "incorrectly", "wrong", "wrongly", "inaccurate"],
        targets: &[
            (
                "nl",
                &[
                    "onjuist",
                    r"incorrect ~ (?i)\bincorrecte?\b",
                    "verkeerd",
                    "fout",
                    "niet",
                ],
            ),
            ("ko", &["잘못", "틀린", "틀리", "부정확", "올바르지", "않"]),
            ("de", &["falsch", "unkorrekt", "ungenau", "nicht"]),
            ("fr", &["incorrect", "erroné", "inexact", "mauvais", "pas"]),
        ],
        opposites: &[
            ("nl", &[r"correct ~ (?i)\bcorrecte?\b"]),
            ("ko", &["올바른", "정확한"]),
            ("de", &[r"korrekt ~ (?i)\bkorrekt"]),
            ("fr", &[r"correct ~ (?i)\bcorrecte?s?\b"]),
        ],
        required: false,
        required_in: &[],
    },
    // Permissions: "read access" that became "schrijftoegang".
    Qualifier {
        source: &[
            "read access",
            "read-only",
            "read only",
            "read permission",
            "read permissions",
            "read rights",
        ],
        targets: &[
            ("nl", &["lees", "alleen-lezen", "alleen lezen"]),
            ("ko", &["읽기"]),
            ("de", &["lese", "schreibgeschützt"]),
            ("fr", &["lecture"]),
        ],
        opposites: &[
            ("nl", &["schrijf"]),
            ("ko", &["쓰기"]),
            ("de", &["schreibzugriff", "schreibrecht"]),
            ("fr", &["écriture"]),
        ],
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &[
            "write access",
            "write permission",
            "write permissions",
            "write rights",
        ],
        targets: &[
            ("nl", &["schrijf"]),
            ("ko", &["쓰기"]),
            ("de", &["schreib"]),
            ("fr", &["écriture"]),
        ],
        opposites: &[
            ("nl", &["leestoegang", "alleen-lezen"]),
            ("ko", &["읽기 전용", "읽기 권한"]),
            ("de", &["lesezugriff", "leserecht"]),
            ("fr", &["lecture seule"]),
        ],
        required: false,
        required_in: &[],
    },
    // Time: "servers nearing end of support" that became "servers that already reached
    // it" ("이미 종료된"): a coming event told as past.
    Qualifier {
        source: &["nearing", "approaching", "upcoming", "about to"],
        targets: &[
            (
                "nl",
                &["nader", "komend", "binnenkort", "aanstaand", "bijna"],
            ),
            ("ko", &["다가오", "앞둔", "앞두", "임박", "곧", "예정"]),
            ("de", &["näher", "bevorsteh", "bald", "kommend"]),
            ("fr", &["approch", "prochain", "bientôt", "imminent"]),
        ],
        opposites: &[
            (
                "nl",
                &[
                    "reeds",
                    "inmiddels",
                    r"al ~ (?i)\bal\b(?:\s+\S+){0,6}?\s+(?:bereikt|beëindigd|geëindigd|verlopen|gestopt|voorbij)\b",
                ],
            ),
            ("ko", &["이미", "벌써"]),
            ("de", &["bereits", "schon"]),
            ("fr", &["déjà"]),
        ],
        required: false,
        required_in: &[],
    },
    // Frequency: "the first time they sign in" that became "telkens wanneer".
    Qualifier {
        source: &["the first time", "for the first time", "first time"],
        targets: &[
            ("nl", &["voor het eerst", "eerste keer", "eerste maal"]),
            ("ko", &["처음", "최초", "첫"]),
            ("de", &["zum ersten mal", "erstmals", "erste mal"]),
            ("fr", &["première fois", "pour la première"]),
        ],
        opposites: &[
            ("nl", &["telkens", "elke keer", "iedere keer", "elke maal"]),
            ("ko", &["매번", "때마다"]),
            ("de", &["jedes mal", "jedesmal", "immer wenn"]),
            ("fr", &["chaque fois", "à chaque"]),
        ],
        required: false,
        required_in: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_quiet, assert_turned};

    /// (source, tag, a legitimate translation, the same drifted to the opposite)
    const CASES: &[(&str, &str, &str, &str)] = &[
        (
            "Each license includes Exchange Online.",
            "ko",
            "각 라이선스에는 Exchange Online이 포함되어 있습니다.",
            "각 라이선스에서는 Exchange Online이 제외됩니다.",
        ),
        (
            "Archives are excluded from the move.",
            "ko",
            "보관함은 이동에 포함되지 않습니다.",
            "보관함은 이동에 포함됩니다.",
        ),
        (
            "Enable the connector.",
            "ko",
            "커넥터를 활성화합니다.",
            "커넥터를 비활성화합니다.",
        ),
        (
            "Disable the old connector.",
            "ko",
            "이전 커넥터를 활성화하지 마십시오.",
            "이전 커넥터를 활성화합니다.",
        ),
        (
            "Disable the old connector.",
            "nl",
            "Schakel de oude connector uit.",
            "Schakel de oude connector in en activeer hem.",
        ),
        (
            "The policy allows external senders.",
            "nl",
            "Het beleid staat externe afzenders toe.",
            "Het beleid blokkeert externe afzenders.",
        ),
        (
            "Treat the messages as internal.",
            "nl",
            "Behandel de berichten als intern.",
            "Behandel de berichten als extern.",
        ),
        (
            "Incoming mail goes through the filter.",
            "ko",
            "들어오는 메일은 필터를 거칩니다.",
            "보내는 메일은 필터를 거칩니다.",
        ),
        (
            "The batch is completed automatically.",
            "nl",
            "De batch wordt automatisch voltooid.",
            "De batch wordt handmatig voltooid.",
        ),
        (
            "Users connect to the nearest server.",
            "ko",
            "사용자는 가장 가까운 서버에 연결합니다.",
            "사용자는 가장 먼 서버에 연결합니다.",
        ),
        (
            "Install the update.",
            "ko",
            "업데이트를 설치합니다.",
            "업데이트를 제거합니다.",
        ),
        (
            "Fixes for flaws that might leave the server open to breaches.",
            "ko",
            "서버를 침해에 노출시킬 수 있는 결함에 대한 수정",
            "서버를 침해로부터 보호하는 결함에 대한 수정",
        ),
        (
            "It gets new features first.",
            "nl",
            "Het krijgt nieuwe functies als eerste.",
            "Het krijgt nieuwe functies als laatste.",
        ),
        (
            "From planning to the last mailbox move.",
            "ko",
            "계획부터 마지막 사서함 이동까지",
            "계획부터 첫 사서함 이동까지",
        ),
        (
            "Each version has its own end of support date.",
            "ko",
            "각 버전에는 고유한 지원 종료 날짜가 있습니다.",
            "각 버전에는 공통된 지원 종료 날짜가 있습니다.",
        ),
        (
            "Move everything to the new version, in any order.",
            "nl",
            "Verplaats alles naar de nieuwe versie, in willekeurige volgorde.",
            "Verplaats alles naar de nieuwe versie, in deze volgorde.",
        ),
        (
            "This requires password sync, federation, or both.",
            "nl",
            "Hiervoor is wachtwoordsynchronisatie, federatie of allebei nodig.",
            "Hiervoor is wachtwoordsynchronisatie en federatie nodig.",
        ),
        (
            "Cutover is one of the ways to move to the cloud.",
            "ko",
            "컷오버는 클라우드로 이동하는 방법 중 하나입니다.",
            "컷오버는 클라우드로 이동하는 유일한 방법입니다.",
        ),
        (
            "Your installation keeps running after its end of support date.",
            "nl",
            "Uw installatie blijft na de einddatum van de ondersteuning werken.",
            "Uw installatie stopt na de einddatum van de ondersteuning met werken.",
        ),
        (
            "The move takes you from old technology to the cloud in one step.",
            "nl",
            "Met de overstap gaat u in één stap van oude technologie naar de cloud.",
            "Met de overstap gaat u in meerdere stappen van oude technologie naar de cloud.",
        ),
        (
            "Move mailboxes to and from the cloud.",
            "nl",
            "Verplaats postvakken naar en van de cloud.",
            "Verplaats postvakken naar de cloud.",
        ),
        (
            "Remove every old server, and only then migrate.",
            "ko",
            "모든 이전 서버를 제거한 다음에야 마이그레이션합니다.",
            "모든 이전 서버를 설치한 다음에야 마이그레이션합니다.",
        ),
        // Both words in the source, and the translation says one of them twice.
        (
            "It can't be installed there: remove every old server first.",
            "nl",
            "Het kan daar niet worden geïnstalleerd: verwijder eerst alle oude servers.",
            "Het kan daar niet worden geïnstalleerd: installeer eerst alle oude servers.",
        ),
        (
            "This requires sync, federation, or both.",
            "ko",
            "이렇게 하려면 동기화, 페더레이션 또는 이 두 가지 모두가 필요합니다.",
            "이렇게 하려면 동기화와 페더레이션이 필요합니다.",
        ),
        (
            "The change increases the quota.",
            "nl",
            "De wijziging verhoogt het quotum.",
            "De wijziging verlaagt het quotum.",
        ),
    ];

    /// Size, duration, correctness, permissions and frequency turned round.
    const MORE_CASES: &[(&str, &str, &str, &str)] = &[
        (
            "Cutover migration is suited to small organizations.",
            "nl",
            "Een cutovermigratie is geschikt voor kleine organisaties.",
            "Een cutovermigratie is geschikt voor grote organisaties.",
        ),
        (
            "Cutover migration is suited to small organizations.",
            "ko",
            "단독 마이그레이션은 소규모 조직에 적합합니다.",
            "단독 마이그레이션은 대규모 조직에 적합합니다.",
        ),
        (
            "Large organizations need more time.",
            "nl",
            "Grote organisaties hebben meer tijd nodig.",
            "Kleine organisaties hebben meer tijd nodig.",
        ),
        (
            "A full hybrid migration usually takes longer.",
            "nl",
            "Een volledige hybride migratie duurt meestal langer.",
            "Een volledige hybride migratie duurt meestal korter.",
        ),
        (
            "A full hybrid migration usually takes longer.",
            "ko",
            "전체 하이브리드 마이그레이션은 보통 더 오래 걸립니다.",
            "전체 하이브리드 마이그레이션은 보통 더 짧게 걸립니다.",
        ),
        (
            "Make sure the agents are evaluated correctly.",
            "nl",
            "Zorg ervoor dat de agents correct worden geëvalueerd.",
            "Zorg ervoor dat de agents onjuist worden geëvalueerd.",
        ),
        (
            "Make sure the agents are evaluated correctly.",
            "ko",
            "에이전트가 올바르게 평가되는지 확인하세요.",
            "에이전트가 잘못 평가되는지 확인하세요.",
        ),
        (
            "Give the administrator read access to every mailbox.",
            "nl",
            "Geef de beheerder leestoegang tot elk postvak.",
            "Geef de beheerder schrijftoegang tot elk postvak.",
        ),
        (
            "Give the administrator read access to every mailbox.",
            "ko",
            "관리자에게 모든 사서함에 대한 읽기 권한을 부여합니다.",
            "관리자에게 모든 사서함에 대한 쓰기 권한을 부여합니다.",
        ),
        (
            "Users change it the first time they sign in.",
            "nl",
            "Gebruikers wijzigen het wanneer ze zich voor het eerst aanmelden.",
            "Gebruikers wijzigen het telkens wanneer ze zich aanmelden.",
        ),
        (
            "Users change it the first time they sign in.",
            "ko",
            "사용자는 처음 로그인할 때 이를 변경합니다.",
            "사용자는 로그인할 때마다 이를 변경합니다.",
        ),
        (
            "For servers nearing end of support, see the guide.",
            "nl",
            "Zie de gids voor servers die het einde van de ondersteuning naderen.",
            "Zie de gids voor servers die al het einde van de ondersteuning hebben bereikt.",
        ),
        (
            "For servers nearing end of support, see the guide.",
            "ko",
            "지원 종료가 다가오는 서버는 가이드를 참조하세요.",
            "이미 지원이 종료된 서버는 가이드를 참조하세요.",
        ),
    ];

    #[test]
    fn the_other_way_round_is_not_dropped() {
        for (tag, kept, dropped) in [
            (
                "nl",
                "Toon on-premises gebruikers de beschikbaarheid van gebruikers in de cloud, en omgekeerd.",
                "Toon on-premises gebruikers de beschikbaarheid van gebruikers in de cloud.",
            ),
            (
                "ko",
                "온-프레미스 사용자에게 클라우드 사용자의 일정 정보를 표시하고, 반대로도 표시합니다.",
                "온-프레미스 사용자에게 클라우드 사용자의 일정 정보를 표시합니다.",
            ),
        ] {
            let source = "Show on-premises users the free/busy information of users in the cloud, and the other way round.";
            assert_eq!(
                super::super::tests::glossary_findings(source, tag, kept),
                Vec::<String>::new()
            );
            assert_eq!(
                super::super::tests::glossary_findings(source, tag, dropped).len(),
                1,
                "{dropped}"
            );
        }
    }

    /// Quantities: "most" and "a few" that became "many", "one of" that became "all".
    const QUANTITY_CASES: &[(&str, &str, &str, &str)] = &[
        (
            "Most users won't even notice.",
            "nl",
            "De meeste gebruikers merken het niet eens.",
            "Veel gebruikers merken het niet eens.",
        ),
        (
            "Most users won't even notice.",
            "ko",
            "대부분의 사용자는 알아차리지도 못합니다.",
            "많은 사용자는 알아차리지도 못합니다.",
        ),
        (
            "There are a few ways to migrate.",
            "nl",
            "Er zijn een paar manieren om te migreren.",
            "Er zijn talloze manieren om te migreren.",
        ),
        (
            "Use one of these methods.",
            "ko",
            "다음 방법 중 하나를 사용하세요.",
            "다음 방법을 모두 사용하세요.",
        ),
        (
            "Only a small set of files changes.",
            "ko",
            "소수의 파일만 변경됩니다.",
            "다수의 파일만 변경됩니다.",
        ),
    ];

    #[test]
    fn size_duration_correctness_access_and_frequency_keep_their_side() {
        assert_turned(MORE_CASES);
        assert_turned(QUANTITY_CASES);
        assert_quiet(&[
            // "Most of the time" said as "meestal", with "veel" for the source's "many".
            (
                "Most of the time, many users sign in from home.",
                "nl",
                "Meestal melden veel gebruikers zich thuis aan.",
            ),
        ]);
        assert_quiet(&[
            // The coming event said, and a past one beside it.
            (
                "Servers nearing end of support, and those that already reached it.",
                "nl",
                "Servers die het einde van de ondersteuning naderen, en servers die het al hebben bereikt.",
            ),
            // Both sides in the source.
            (
                "Small and large organizations alike can use it.",
                "nl",
                "Zowel kleine als grote organisaties kunnen het gebruiken.",
            ),
            (
                "Give read access and write access to the owners.",
                "ko",
                "소유자에게 읽기 권한과 쓰기 권한을 부여합니다.",
            ),
            // "Not correct" is a fair "incorrect"; the polarity check owns negations.
            ("The value is incorrect.", "ko", "값이 올바르지 않습니다."),
            ("It no longer works.", "nl", "Het werkt niet meer."),
        ]);
    }

    #[test]
    fn a_word_turned_into_its_opposite_is_reported_and_its_own_wordings_are_not() {
        assert_turned(CASES);
    }

    #[test]
    fn both_sides_in_the_source_and_a_negated_opposite_stay_quiet() {
        assert_quiet(&[
            // Both words in the source: each rendering is its own word's.
            (
                "Include the archives and exclude the public folders.",
                "ko",
                "보관함은 포함하고 공용 폴더는 제외합니다.",
            ),
            (
                "Enable the new connector before you disable the old one.",
                "nl",
                "Schakel de nieuwe connector in voordat u de oude uitschakelt.",
            ),
            // "Not included" is a fair "excluded"; the polarity check owns negations.
            (
                "Public folders are excluded.",
                "ko",
                "공용 폴더는 포함되지 않습니다.",
            ),
            // "Uninstall" in Korean holds the 설치 it removes.
            (
                "Uninstall the old agent.",
                "ko",
                "이전 에이전트를 설치 제거합니다.",
            ),
            // Install, then remove what the source removes too.
            (
                "Install the update and then remove the old files.",
                "ko",
                "업데이트를 설치한 다음 이전 파일을 삭제합니다.",
            ),
            (
                "Install the update; it replaces the old files.",
                "nl",
                "Installeer de update; deze vervangt de oude bestanden.",
            ),
            // An order the reader chooses is any order.
            (
                "Move everything to the new version, in any order.",
                "nl",
                "Verplaats in een volgorde naar keuze alles naar de nieuwe versie.",
            ),
            // "The last" is not an opposite of anything here; 마지막 is no 막 (block).
            (
                "The policy allows the last server to relay.",
                "ko",
                "이 정책은 마지막 서버의 릴레이를 허용합니다.",
            ),
        ]);
    }
}
