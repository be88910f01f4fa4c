//! End to end: the translation-QA checks against a corpus of realistic drifts. Each drift
//! is the kind of damage machine translation did to the example site in the Dutch and
//! Korean seeds (`../shared/seeds/`): a negation flipped, a bound inverted, a magnitude
//! changed, a method named as another method, a qualifier dropped, a tense changed, a
//! release name read as a year, a product name translated, a sentence left in English,
//! broken punctuation, one text translated two ways. All drifts are injected into one copy
//! of the example site, and the real binary (`stele check --format json`) must report
//! each with its code at its file, line and column — and nothing on the messages left alone.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use serde_json::Value;

/// Where the caret must point.
#[derive(Clone, Copy)]
enum Place {
    /// At the start of the message's value (the whole message is the problem: something is
    /// missing from it).
    Value,
    /// At the message id (the references of the message as a whole).
    Id,
    /// At this text, the first time it occurs in the replacement.
    At(&'static str),
}

struct Drift {
    file: &'static str,
    id: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    place: Place,
}

const fn drift(
    file: &'static str,
    id: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    place: Place,
) -> Drift {
    Drift {
        file,
        id,
        from,
        to,
        code,
        place,
    }
}

use Place::*;

const NL_METHODS: &str = "locales/nl/methods.ftl";
const NL_ROADMAP: &str = "locales/nl/roadmap.ftl";
const NL_SITE: &str = "locales/nl/site.ftl";
const NL_VERSIONS: &str = "locales/nl/versions.ftl";
const KO_METHODS: &str = "locales/ko/methods.ftl";
const KO_ROADMAP: &str = "locales/ko/roadmap.ftl";
const KO_SITE: &str = "locales/ko/site.ftl";
const KO_VERSIONS: &str = "locales/ko/versions.ftl";

const DRIFTS: &[Drift] = &[
    // A date placeable that lost its year: still placed, but "april" without the year.
    drift(
        NL_VERSIONS,
        "version-target-intro",
        "{ DATETIME($date, year: \"numeric\", month: \"long\") }",
        "{ DATETIME($date, month: \"long\") }",
        "variable-mismatch",
        At("{ DATETIME"),
    ),
    drift(
        KO_VERSIONS,
        "version-target-intro",
        "{ DATETIME($date, year: \"numeric\", month: \"long\") }",
        "{ DATETIME($date, month: \"long\") }",
        "variable-mismatch",
        At("{ DATETIME"),
    ),
    // Polarity: a negation dropped, added, or "need not" turned into "cannot".
    drift(
        NL_METHODS,
        "consideration-keep-outlook-profile",
        "Gebruikers hoeven hun e-mail niet opnieuw te downloaden.",
        "Gebruikers kunnen hun e-mail niet opnieuw downloaden.",
        "polarity",
        At("kunnen hun e-mail niet"),
    ),
    drift(
        NL_METHODS,
        "capability-internal-messages-bypass-anti-spam",
        "Antispamfilters omzeilen.",
        "Antispamfilters niet omzeilen.",
        "polarity",
        At("niet"),
    ),
    drift(
        NL_VERSIONS,
        "version-recommended",
        "Als u niet naar { -microsoft-365 } kunt migreren,",
        "Als u naar { -microsoft-365 } kunt migreren,",
        "polarity",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "which-eos-outro",
        "hoe eerder u opnieuw moet migreren.",
        "hoe eerder u niet opnieuw hoeft te migreren.",
        "polarity",
        At("niet"),
    ),
    drift(
        NL_ROADMAP,
        "eos-item-bug-fixes",
        "kunnen aantasten.",
        "niet kunnen aantasten.",
        "polarity",
        At("niet"),
    ),
    drift(
        KO_METHODS,
        "consideration-keep-outlook-profile",
        "다시 다운로드할 필요도 없습니다.",
        "다시 다운로드할 수 없습니다.",
        "polarity",
        At("수 없"),
    ),
    drift(
        KO_ROADMAP,
        "coexistence-no",
        "{ $version } 서버를 설치할 수 없습니다.",
        "{ $version } 서버를 설치할 수 있습니다.",
        "polarity",
        Value,
    ),
    drift(
        KO_VERSIONS,
        "version-recommended",
        "마이그레이션할 수 없는 경우",
        "마이그레이션할 수 있는 경우",
        "polarity",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "eos-item-technical-support",
        "발생할 수 있는 문제",
        "발생할 수 없는 문제",
        "polarity",
        At("수 없"),
    ),
    drift(
        KO_SITE,
        "home-version-source",
        "마이그레이션 원본 버전",
        "마이그레이션하지 않는 버전",
        "polarity",
        At("않"),
    ),
    // Numbers in words: "a few hundred to thousands" became "hundreds of thousands".
    drift(
        KO_ROADMAP,
        "org-size-hundreds-to-thousands",
        "시트 수백 개에서 수천 개",
        "시트 수 십만 개",
        "number-words",
        At("수 십만"),
    ),
    drift(
        KO_METHODS,
        "method-full-hybrid-intro",
        "최대 수만 개",
        "최대 수십만 개",
        "number-words",
        At("수십만"),
    ),
    drift(
        NL_METHODS,
        "method-full-hybrid-intro",
        "tot wel tienduizenden",
        "tot wel honderdduizenden",
        "number-words",
        At("honderdduizenden"),
    ),
    drift(
        NL_ROADMAP,
        "org-size-hundreds-to-thousands",
        "Enkele honderden tot duizenden werkplekken",
        "Honderdduizenden werkplekken",
        "number-words",
        At("Honderdduizenden"),
    ),
    drift(
        NL_METHODS,
        "method-staged-intro",
        "een paar honderd of een paar duizend postvakken",
        "een paar duizend postvakken",
        "number-words",
        Value,
    ),
    drift(
        KO_METHODS,
        "method-staged-intro",
        "사서함이 수백 개 또는 수천 개이고",
        "사서함이 수천 개이고",
        "number-words",
        Value,
    ),
    drift(
        KO_METHODS,
        "consideration-not-for-everyone",
        "사서함이 수백 개 미만인",
        "사서함이 수천 개 미만인",
        "number-words",
        At("수천"),
    ),
    drift(
        NL_METHODS,
        "consideration-not-for-everyone",
        "een paar honderd postvakken",
        "een paar duizend postvakken",
        "number-words",
        At("duizend"),
    ),
    // Glossary: a method named as another method, a forbidden rendering, a term translated.
    drift(
        KO_METHODS,
        "method-staged-details",
        "단계적 마이그레이션은 사서함을",
        "단독형 마이그레이션은 사서함을",
        "glossary",
        Value,
    ),
    drift(
        KO_METHODS,
        "method-staged-considerations",
        "단계적 마이그레이션을 고려하고",
        "하이브리드 마이그레이션을 고려하고",
        "glossary",
        Value,
    ),
    drift(
        KO_METHODS,
        "method-cutover-intro",
        "단독형 마이그레이션에서는",
        "컷오버 마이그레이션에서는",
        "glossary",
        At("컷오버"),
    ),
    drift(
        KO_METHODS,
        "capability-free-busy",
        "약속 있음/없음 일정 정보",
        "무료/바쁨 일정 정보",
        "glossary",
        At("무료/바쁨"),
    ),
    drift(
        NL_METHODS,
        "capability-free-busy",
        "vrij/bezet-informatie",
        "gratis/bezet-informatie",
        "glossary",
        At("gratis/bezet"),
    ),
    drift(
        NL_METHODS,
        "method-staged",
        "method-staged = Gefaseerde migratie",
        "method-staged = Gestagede migratie",
        "glossary",
        At("Gestagede"),
    ),
    drift(
        NL_METHODS,
        "method-cutover-considerations",
        "Als u een cutover-migratie overweegt",
        "Als u een gefaseerde migratie overweegt",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "eos-heading",
        "*einde van de ondersteuning*",
        "*einde van steun*",
        "glossary",
        At("einde van steun"),
    ),
    drift(
        KO_ROADMAP,
        "eos-heading",
        "*지원 종료*란",
        "*지원 끝*이란",
        "glossary",
        At("지원 끝"),
    ),
    drift(
        NL_METHODS,
        "consideration-all-mailboxes-moved",
        "Alle on-premises postvakken",
        "Alle on-premises mailboxen",
        "glossary",
        At("mailboxen"),
    ),
    drift(
        KO_METHODS,
        "consideration-all-mailboxes-moved",
        "모든 온-프레미스 사서함이",
        "모든 온프레미스 사서함이",
        "glossary",
        At("온프레미스"),
    ),
    drift(
        KO_METHODS,
        "consideration-directory-sync",
        "디렉터리 동기화",
        "디렉토리 동기화",
        "glossary",
        At("디렉토리 동기화"),
    ),
    drift(
        NL_ROADMAP,
        "choose-factor-seats",
        "Hoeveel werkplekken",
        "Hoeveel zitplaatsen",
        "glossary",
        At("zitplaatsen"),
    ),
    drift(
        KO_ROADMAP,
        "link-staged-perform",
        "단계적 마이그레이션 수행",
        "스테이징 마이그레이션 수행",
        "glossary",
        At("스테이징"),
    ),
    // Bounds, qualifiers and tense, through the glossary: "in a week or less" became
    // "after a week", "strongly" and "at least" were dropped, "reached" became "reaches".
    drift(
        NL_METHODS,
        "method-cutover-details",
        "} of minder zijn voltooid",
        "} of meer zijn voltooid",
        "glossary",
        Value,
    ),
    drift(
        KO_METHODS,
        "method-cutover-details",
        "{ $weeks }주 이내에 완료해야",
        "{ $weeks }주가 지난 후 완료해야",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "duration-at-most-weeks",
        "{ $weeks }주 이하",
        "{ $weeks }주 이상",
        "glossary",
        Value,
    ),
    drift(
        NL_METHODS,
        "consideration-hybrid-server",
        "ten minste { $hybrid_count } { $hybrid_version }-servers",
        "{ $hybrid_count } { $hybrid_version }-servers",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "eos-keeps-running",
        "raden we u ten zeerste aan",
        "raden we u aan",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "eos-keeps-running",
        "강력히 권장합니다",
        "권장합니다",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "roadmap-intro",
        "종료되었습니다",
        "종료됩니다",
        "glossary",
        Value,
    ),
    drift(
        KO_SITE,
        "home-intro",
        "{ $date }에 종료되었습니다",
        "{ $date }에 종료됩니다",
        "glossary",
        Value,
    ),
    drift(
        NL_SITE,
        "home-intro",
        "{ $version } heeft op { $date } het einde van de ondersteuning bereikt.",
        "{ $version } bereikt op { $date } het einde van de ondersteuning.",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "which-eos-intro",
        "een eigen einddatum van de ondersteuning",
        "een eigen einddatum",
        "glossary",
        Value,
    ),
    // Untranslated: the source text kept, or a sentence of it left in English.
    drift(
        NL_ROADMAP,
        "cloud-worry-hardware",
        "Het aanschaffen en onderhouden van hardware.",
        "Buying and maintaining hardware.",
        "untranslated",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "eos-item-time-zone-updates",
        "표준 시간대 업데이트",
        "Time zone updates.",
        "untranslated",
        Value,
    ),
    drift(
        NL_METHODS,
        "consideration-same-sign-in",
        "(Hiervoor hebt u { -azure-ad-connect } met wachtwoordsynchronisatie, { -ad-fs } of allebei nodig.)",
        "(This requires { -azure-ad-connect } with password synchronization, { -ad-fs }, or both.)",
        "untranslated",
        At("(This"),
    ),
    drift(
        KO_ROADMAP,
        "help-other",
        "다음 리소스를 이용할 수 있습니다.",
        "You can use these resources:",
        "untranslated",
        At("You can"),
    ),
    drift(
        KO_METHODS,
        "method-full-hybrid-details",
        "{ -microsoft-365 }는 온-프레미스 조직을 확장한 일부가 됩니다.",
        "{ -microsoft-365 } becomes an extension of your on-premises organization.",
        "untranslated",
        At("{ -microsoft-365 } becomes"),
    ),
    drift(
        NL_ROADMAP,
        "eos-lifecycle",
        "Zoals bijna elk { -microsoft }-product heeft { -exchange-server } een ondersteuningslevenscyclus.",
        "Like nearly every { -microsoft } product, { -exchange-server } has a support lifecycle.",
        "untranslated",
        At("Like"),
    ),
    drift(
        NL_SITE,
        "not-found-text",
        "Op dit adres staat geen pagina. Misschien is de pagina verplaatst, of is de link verkeerd getypt.",
        "There's no page at this address. It may have moved, or the link may be mistyped.",
        "untranslated",
        Value,
    ),
    drift(
        KO_SITE,
        "footer-facts",
        "이 사이트의 모든 날짜, 숫자, 버전 및 링크는 하나의 데이터 파일 집합에서 가져오며, 모든 언어는 동일한 사실을 바탕으로 생성됩니다.",
        "Every date, number, version and link on this site comes from one set of data files; each language is generated from the same facts.",
        "untranslated",
        Value,
    ),
    // The Korean rule: no year, month or day suffix after a name placeable.
    drift(
        KO_ROADMAP,
        "roadmap-description",
        "{ $full_name } 지원 종료의 의미와",
        "{ $full_name }년 지원 종료의 의미와",
        "pattern",
        At("{ $full_name }년"),
    ),
    drift(
        KO_ROADMAP,
        "which-eos-item",
        "which-eos-item = { $version }: { $date }",
        "which-eos-item = { $version }년: { $date }",
        "pattern",
        At("{ $version }년"),
    ),
    drift(
        KO_ROADMAP,
        "step-install",
        "기존 { $org } 조직에",
        "기존 { $org }년 조직에",
        "pattern",
        At("{ $org }년"),
    ),
    drift(
        KO_ROADMAP,
        "features-inherited",
        "{ $version }의 모든 기능과",
        "{ $version }월의 모든 기능과",
        "pattern",
        At("{ $version }월"),
    ),
    drift(
        KO_VERSIONS,
        "version-coexistence-heading",
        "{ $source } 서버와의 공존",
        "{ $source }년 서버와의 공존",
        "pattern",
        At("{ $source }년"),
    ),
    drift(
        KO_ROADMAP,
        "link-system-requirements",
        "{ $version } 시스템 요구 사항",
        "{ $version }년 시스템 요구 사항",
        "pattern",
        At("{ $version }년"),
    ),
    drift(
        KO_VERSIONS,
        "version-source-intro",
        "{ $full_name }의 지원이",
        "{ $full_name }일에 지원이",
        "pattern",
        At("{ $full_name }일"),
    ),
    // Punctuation: a question turned statement, a lead-in colon lost, unpaired brackets
    // and quotes.
    drift(
        NL_ROADMAP,
        "options-heading",
        "Welke opties heb ik?",
        "Welke opties heb ik.",
        "punctuation",
        At("."),
    ),
    drift(
        KO_ROADMAP,
        "which-heading",
        "마이그레이션해야 하나요?",
        "마이그레이션해야 합니다.",
        "punctuation",
        At("."),
    ),
    drift(
        NL_ROADMAP,
        "options-intro",
        "options-intro = U kunt:",
        "options-intro = U kunt.",
        "punctuation",
        At("."),
    ),
    drift(
        NL_ROADMAP,
        "which-ad-more",
        "Zie [{ -exchange } Supportability Matrix]({ $url })",
        "Zie [{ -exchange } Supportability Matrix({ $url })",
        "punctuation",
        At("["),
    ),
    drift(
        KO_ROADMAP,
        "feature-rbac",
        "{ -rbac }(ACL 없이 권한 부여)",
        "{ -rbac }(ACL 없이 권한 부여",
        "punctuation",
        At("("),
    ),
    drift(
        NL_ROADMAP,
        "feature-three-server-roles",
        "({ $roles })",
        "({ $roles }",
        "punctuation",
        At("("),
    ),
    drift(
        NL_METHODS,
        "consideration-connect-hybrid-server",
        "met de \"hybride server\".",
        "met de \"hybride server.",
        "punctuation",
        At("\"hybride"),
    ),
    drift(
        NL_ROADMAP,
        "eos-item-time-zone-updates",
        "Tijdzone-updates.",
        "Tijdzone-updates!",
        "punctuation",
        At("!"),
    ),
    // Inconsistency: one source translated two ways, two sources given one translation.
    drift(
        NL_METHODS,
        "method-org-size",
        "method-org-size = Grootte van de organisatie",
        "method-org-size = Organisatiegrootte",
        "inconsistency",
        Value,
    ),
    drift(
        KO_METHODS,
        "method-duration",
        "method-duration = 기간",
        "method-duration = 소요 기간",
        "inconsistency",
        Value,
    ),
    drift(
        NL_METHODS,
        "method-cutover",
        "    .inline = cutover-migratie",
        "    .inline = overstapmigratie",
        "inconsistency",
        At("overstapmigratie"),
    ),
    drift(
        NL_ROADMAP,
        "eos-item-technical-support",
        "Technische ondersteuning bij problemen die zich kunnen voordoen.",
        "Beveiligingsfixes voor kwetsbaarheden waardoor de server open kan komen te staan voor beveiligingsinbreuken.",
        "inconsistency",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "cloud-worry-hardware",
        "하드웨어 구매 및 유지 관리",
        "보안, 제품 및 표준 시간대 수정 사항을 최신 상태로 유지",
        "inconsistency",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "which-office-more",
        "{ -office } 클라이언트 지원에 대한 자세한 내용은",
        "포리스트 기능 수준 지원에 대한 자세한 내용은",
        "inconsistency",
        Value,
    ),
    // Product names translated instead of referenced.
    drift(
        KO_METHODS,
        "consideration-license",
        "{ -exchange-online }이 포함된",
        "Exchange 온라인이 포함된",
        "term-mismatch",
        Id,
    ),
    drift(
        NL_ROADMAP,
        "cloud-feature-focused-inbox",
        "cloud-feature-focused-inbox = { -focused-inbox }",
        "cloud-feature-focused-inbox = Gefocuste inbox",
        "term-mismatch",
        Id,
    ),
    // Beyond the first corpus: qualifiers and bounds dropped or turned round ("fewer" became
    // "more", "always", "only" and "almost" dropped, "one or more" lost), negations flipped
    // in other words, "no longer have to" turned into "cannot", a date placeable read as a
    // year, a magnitude made up, a tense changed, sentences left in English.
    drift(
        NL_ROADMAP,
        "eos-no-longer",
        "biedt { -microsoft } niet langer:",
        "biedt { -microsoft } nog steeds:",
        "polarity",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "eos-no-longer",
        "{ $date }에 종료되었으므로",
        "{ $date }년에 종료되었으므로",
        "pattern",
        At("{ $date }년"),
    ),
    drift(
        NL_ROADMAP,
        "cloud-new-first",
        "En u hoeft zich geen zorgen meer te maken over:",
        "En u moet zich zorgen blijven maken over:",
        "polarity",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "cloud-new-first",
        "더 이상 다음 사항을 걱정할 필요가 없습니다.",
        "더 이상 다음 사항을 걱정할 수 없습니다.",
        "polarity",
        At("수 없"),
    ),
    drift(
        NL_ROADMAP,
        "which-hardware-outro",
        "minder servers nodig",
        "meer servers nodig",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "which-hardware-outro",
        "서버 수가 줄어들 가능성이 높습니다",
        "서버 수가 늘어날 가능성이 높습니다",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "cloud-worry-upgrades",
        "werkt u altijd met de nieuwste versie",
        "werkt u met de nieuwste versie",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "cloud-worry-upgrades",
        "항상 최신 버전의",
        "최신 버전의",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "feature-two-server-roles",
        "tot alleen { $roles }",
        "tot { $roles }",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "feature-two-server-roles",
        "{ $roles } 역할만 사용",
        "{ $roles } 역할 사용",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "path-intermediate-note",
        "bijna dezelfde hardwarevereisten",
        "dezelfde hardwarevereisten",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "path-intermediate-note",
        "거의 같고",
        "같고",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "which-intro",
        "om een of andere reden niet mogelijk is",
        "om een of andere reden mogelijk is",
        "polarity",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "which-intro",
        "사용이 불가능하면",
        "사용이 가능하면",
        "polarity",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "onprem-intro",
        "niet worden opgeslagen",
        "worden opgeslagen",
        "polarity",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "onprem-intro",
        "저장되지 않도록",
        "저장되도록",
        "polarity",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "duration-few-months",
        "몇 개월 이상",
        "수십 개월 이상",
        "number-words",
        At("수십"),
    ),
    drift(
        NL_ROADMAP,
        "duration-few-months",
        "Een paar maanden of langer",
        "Een paar maanden of korter",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "coexistence-yes",
        "{ $version } 서버를 하나 이상 추가하여",
        "{ $version } 서버를 추가하여",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "coexistence-yes",
        "een of meer { $version }-servers",
        "{ $version }-servers",
        "glossary",
        Value,
    ),
    drift(
        NL_VERSIONS,
        "version-source-intro",
        "heeft op { $date } het einde van de ondersteuning bereikt",
        "bereikt op { $date } het einde van de ondersteuning",
        "glossary",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "which-os-intro",
        "Het minimaal ondersteunde besturingssysteem per versie:",
        "The minimum supported operating system for each version:",
        "untranslated",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "which-os-intro",
        "각 버전에서 지원되는 최소 운영 체제는 다음과 같습니다.",
        "The minimum supported operating system for each version is as follows.",
        "untranslated",
        Value,
    ),
];

const QA_CODES: [&str; 11] = [
    "glossary",
    "polarity",
    "untranslated",
    "inconsistency",
    "pattern",
    "punctuation",
    "number-words",
    "tense",
    "direction",
    "length",
    "repeated-word",
];

/// The QA codes that are warnings unless `site.yaml` says otherwise.
const WARNING_CODES: [&str; 7] = [
    "untranslated",
    "inconsistency",
    "punctuation",
    "tense",
    "length",
    "repeated-word",
    "changed-since-review",
];

/// `stele check` exits 1 when a drift is an error by default; drifts that are all warnings
/// may still bring an error with them (a sentence left out takes its glossary term along).
fn assert_exit_code<'a>(code: i32, drifts: impl IntoIterator<Item = &'a str>) {
    if drifts
        .into_iter()
        .any(|code| !WARNING_CODES.contains(&code))
    {
        assert_eq!(code, 1, "the drifts include errors");
    } else {
        assert!(code == 0 || code == 1, "check exited {code}");
    }
}

fn locale_of(file: &str) -> &str {
    file.split('/').nth(1).expect("locales/<tag>/")
}

/// Line and column (in characters, 1-based) of a byte offset.
fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line as u64, before[line_start..].chars().count() as u64 + 1)
}

/// Applies `drift` to the site and returns where its diagnostic must point.
fn inject(site: &Path, drift: &Drift) -> (u64, u64) {
    let path = site.join(drift.file);
    let text = read(&path);
    let id_at = text
        .find(&format!("\n{} =", drift.id))
        .map(|at| at + 1)
        .unwrap_or_else(|| panic!("`{}` not in {}", drift.id, drift.file));
    let from_at = id_at
        + text[id_at..]
            .find(drift.from)
            .unwrap_or_else(|| panic!("`{}` not in `{}`", drift.from, drift.id));
    let changed = format!(
        "{}{}{}",
        &text[..from_at],
        drift.to,
        &text[from_at + drift.from.len()..]
    );
    write(&path, &changed);
    let offset = match drift.place {
        Id => id_at,
        Value => id_at + drift.id.len() + " = ".len(),
        At(part) => {
            from_at
                + drift
                    .to
                    .find(part)
                    .unwrap_or_else(|| panic!("`{part}` not in `{}`", drift.to))
        }
    };
    line_column(&changed, offset)
}

#[test]
fn every_injected_drift_is_reported_with_its_code_and_location() {
    assert!(DRIFTS.len() >= 60, "the corpus has {} drifts", DRIFTS.len());
    assert_each_reported(DRIFTS);
}

/// Damage that leaves another trace of the same kind elsewhere in the message: a negation
/// dropped from one sentence while another sentence negates, a bound turned into its
/// opposite ("초과" into "이하"), "only" dropped where "but" (지만, maar) remains, "before"
/// turned into "after", English left behind a translated label, "all" turned into "some".
/// On messages the first corpus also touches, so in a copy of their own.
const SECOND_DRIFTS: &[Drift] = &[
    // A link that names another link's page, its term kept: the link text is the message
    // `link-exchange-supportability-matrix`, and must be that message's translation.
    drift(
        NL_ROADMAP,
        "which-ad-more",
        "[{ -exchange } Supportability Matrix]",
        "[{ -exchange }-implementatieassistent]",
        "markup-mismatch",
        Id,
    ),
    drift(
        KO_ROADMAP,
        "which-ad-more",
        "[{ -exchange } 지원 가능성 매트릭스]",
        "[{ -exchange } 배포 도우미]",
        "markup-mismatch",
        Id,
    ),
    // A negation added to the one sentence that has none, beside a sentence that negates.
    drift(
        KO_ROADMAP,
        "eos-keeps-running",
        "설치는 계속 실행됩니다.",
        "설치는 실행되지 않습니다.",
        "polarity",
        At("않"),
    ),
    drift(
        NL_ROADMAP,
        "eos-keeps-running",
        "blijft na de einddatum van de ondersteuning werken.",
        "blijft na de einddatum van de ondersteuning niet werken.",
        "polarity",
        At("niet"),
    ),
    // one of two negations dropped in message
    drift(
        NL_METHODS,
        "consideration-keep-outlook-profile",
        "Op de meeste van hun apparaten hoeven gebruikers geen nieuw { -outlook }-profiel in te stellen,",
        "Op de meeste van hun apparaten moeten gebruikers een nieuw { -outlook }-profiel instellen,",
        "polarity",
        Value,
    ),
    // negation dropped (못)
    drift(
        KO_METHODS,
        "consideration-not-for-everyone",
        "구성이 복잡하기 때문에 사서함이 수백 개 미만인 조직은 대개 설정에 드는 노력과 비용을 정당화할 만큼의 이점을 얻지 못합니다.",
        "구성이 복잡하기 때문에 사서함이 수백 개 미만인 조직은 대개 설정에 드는 노력과 비용을 정당화할 만큼의 이점을 얻습니다.",
        "polarity",
        At("구성이 복잡하기"),
    ),
    // one of two negations dropped (없)
    drift(
        KO_METHODS,
        "consideration-keep-outlook-profile",
        "새 { -outlook } 프로필을 설정할 필요가 없지만,",
        "새 { -outlook } 프로필을 설정해야 하지만,",
        "polarity",
        Value,
    ),
    // more than -> or fewer (초과->이하)
    drift(
        KO_ROADMAP,
        "org-size-more-than",
        "시트 { $seats }개 초과",
        "시트 { $seats }개 이하",
        "glossary",
        At("이하"),
    ),
    // more than -> no more than (Meer dan -> Niet meer dan)
    drift(
        NL_ROADMAP,
        "org-size-more-than",
        "Meer dan",
        "Niet meer dan",
        "glossary",
        Value,
    ),
    // 'only' dropped where 'maar' (=but/just) remains
    drift(
        NL_ROADMAP,
        "onprem-recommend",
        "al zijn sommige functies alleen in { -microsoft-365 } beschikbaar",
        "al zijn sommige functies in { -microsoft-365 } beschikbaar",
        "glossary",
        Value,
    ),
    // 'only' (에서만) dropped where -지만 (but) remains
    drift(
        KO_ROADMAP,
        "onprem-recommend",
        "일부 기능은 { -microsoft-365 }에서만 제공되지만",
        "일부 기능은 { -microsoft-365 }에서 제공되지만",
        "glossary",
        Value,
    ),
    // before -> after (vóór->na)
    drift(
        NL_METHODS,
        "method-cutover-details",
        "alle postvakken vóór uw deadline over te zetten",
        "alle postvakken na uw deadline over te zetten",
        "glossary",
        At("na uw de"),
    ),
    // before -> after (전->후)
    drift(
        KO_METHODS,
        "method-cutover-details",
        "기한 전에 모든 사서함을 전송할",
        "기한 후에 모든 사서함을 전송할",
        "glossary",
        At("후에 모든 사서"),
    ),
    // 'within a few weeks' -> 'after a few weeks'
    drift(
        KO_METHODS,
        "method-staged-details",
        "몇 주 안에 완료할 계획인",
        "몇 주 후에 완료할 계획인",
        "glossary",
        At("후에 완료할 계"),
    ),
    // English first sentence with placeables left in Dutch
    drift(
        NL_ROADMAP,
        "path-intermediate-note",
        "**Opmerking:** De overstap van { $from } naar { $to } is eenvoudig.",
        "**Opmerking:** Moving from { $from } to { $to } is simple.",
        "untranslated",
        At("Moving f"),
    ),
    // English sentence left in Korean (with placeables)
    drift(
        KO_ROADMAP,
        "path-intermediate-note",
        "**참고:** { $from }에서 { JOSA($to, \"으로\") } 이동하는 작업은 간단합니다.",
        "**참고:** Moving from { $from } to { $to } is simple.",
        "untranslated",
        At("Moving f"),
    ),
    // 'or longer' -> 'at most'
    drift(
        NL_METHODS,
        "method-full-hybrid-details",
        "verwachten vele maanden of langer in een hybride configuratie",
        "verwachten hooguit enkele maanden in een hybride configuratie",
        "glossary",
        At("hooguit"),
    ),
    // all -> some (모든->일부)
    drift(
        KO_ROADMAP,
        "coexistence-no",
        "모든 { $source } 서버를 제거한 다음에야",
        "일부 { $source } 서버를 제거한 다음에야",
        "glossary",
        At("일부 { $so"),
    ),
    // tense: have changed -> will change
    drift(
        NL_ROADMAP,
        "which-hardware-intro",
        "zijn sinds { $version } gewijzigd",
        "zullen na { $version } wijzigen",
        "tense",
        At("zullen"),
    ),
    // tense: have changed -> are to change (변경되었으므로 -> 변경될 예정이므로)
    drift(
        KO_ROADMAP,
        "which-hardware-intro",
        "변경되었으므로",
        "변경될 예정이므로",
        "tense",
        At("예정"),
    ),
    // 'the latest updates' -> 'the updates'
    drift(
        NL_ROADMAP,
        "office-client-latest-updates",
        "(met de nieuwste updates)",
        "(met de updates)",
        "glossary",
        Value,
    ),
    // 'some or all' -> 'all'
    drift(
        NL_METHODS,
        "method-full-hybrid-intro",
        "wilt u sommige of alle postvakken",
        "wilt u alle postvakken",
        "glossary",
        Value,
    ),
    // 'some or all' -> 'all' (일부 또는 전부 -> 전부)
    drift(
        KO_METHODS,
        "method-full-hybrid-intro",
        "그중 일부 또는 전부를",
        "그중 전부를",
        "glossary",
        Value,
    ),
];

#[test]
fn drift_that_leaves_a_trace_of_its_kind_is_reported_with_its_code_and_location() {
    assert_each_reported(SECOND_DRIFTS);
}

/// Drifts on messages other drifts also touch: the two ends of a move swapped, a number
/// spelled out over its placeable.
const MORE_DRIFTS: &[Drift] = &[
    drift(
        NL_ROADMAP,
        "eos-lifecycle",
        "*[other] { $years } jaar",
        "*[other] tien jaar",
        "literal-fact",
        At("tien"),
    ),
    drift(
        NL_ROADMAP,
        "path-intermediate-note",
        "De overstap van { $from } naar { $to } is eenvoudig.",
        "De overstap van { $to } naar { $from } is eenvoudig.",
        "direction",
        At("{ $from } is eenvoudig"),
    ),
    drift(
        KO_ROADMAP,
        "path-intermediate-note",
        "{ $from }에서 { JOSA($to, \"으로\") } 이동하는",
        "{ $to }에서 { JOSA($from, \"으로\") } 이동하는",
        "direction",
        At("{ JOSA($from"),
    ),
    drift(
        KO_VERSIONS,
        "version-target-intro",
        "{ $source }에서 마이그레이션할 수 있는",
        "{ $source }(으)로 마이그레이션할 수 있는",
        "direction",
        At("{ $source }(으)로"),
    ),
    // "to" told as "from": the mailboxes leave the version they should reach.
    drift(
        KO_ROADMAP,
        "step-move-mailboxes",
        "사서함과 공용 폴더를 { JOSA($version, \"으로\") } 이동합니다.",
        "{ $version }에서 사서함과 공용 폴더를 이동합니다.",
        "direction",
        At("{ $version }에서"),
    ),
    drift(
        NL_ROADMAP,
        "step-move-mailboxes",
        "Verplaats postvakken en openbare mappen naar { $version }.",
        "Verplaats postvakken en openbare mappen vanaf { $version }.",
        "direction",
        At("{ $version }"),
    ),
];

/// Words turned into their opposites, units changed beside their number, obligations
/// turned into permissions and back: every placeable and term stays where it was.
const OPPOSITE_DRIFTS: &[Drift] = &[
    drift(
        KO_METHODS,
        "consideration-accepted-domains",
        "추가해야 합니다.",
        "추가할 수 있습니다.",
        "glossary",
        Value,
    ),
    drift(
        NL_METHODS,
        "consideration-temporary-passwords",
        "en moeten die wijzigen",
        "en mogen die wijzigen",
        "glossary",
        At("mogen"),
    ),
    drift(
        KO_METHODS,
        "capability-internal-messages",
        "내부 메시지로",
        "외부 메시지로",
        "glossary",
        At("외부"),
    ),
    drift(
        NL_METHODS,
        "capability-internal-messages",
        "als intern behandelen",
        "als extern behandelen",
        "glossary",
        At("extern"),
    ),
    drift(
        KO_METHODS,
        "consideration-license",
        "{ -exchange-online }이 포함된",
        "{ -exchange-online }이 제외된",
        "glossary",
        At("제외"),
    ),
    drift(
        NL_METHODS,
        "consideration-license",
        "die { -exchange-online } omvat",
        "exclusief { -exchange-online }",
        "glossary",
        At("exclusief"),
    ),
    drift(
        KO_ROADMAP,
        "step-install",
        "서버를 설치합니다",
        "서버를 제거합니다",
        "glossary",
        At("제거"),
    ),
    drift(
        NL_ROADMAP,
        "step-install",
        "Installeer { $version }",
        "Verwijder { $version }",
        "glossary",
        At("Verwijder"),
    ),
    drift(
        KO_VERSIONS,
        "version-source-next",
        "이동할 수 있습니다.",
        "이동해야 합니다.",
        "glossary",
        At("야 합니다"),
    ),
    drift(
        NL_VERSIONS,
        "version-source-next",
        "U kunt overstappen",
        "U moet overstappen",
        "glossary",
        At("moet"),
    ),
    drift(
        NL_ROADMAP,
        "eos-lifecycle",
        "*[other] { $years } jaar",
        "*[other] { $years } maanden",
        "glossary",
        At("maanden"),
    ),
    drift(
        KO_ROADMAP,
        "eos-lifecycle",
        "{ $years }년 동안",
        "{ $years }개월 동안",
        "glossary",
        At("개월"),
    ),
    drift(
        NL_ROADMAP,
        "eos-keeps-running",
        "blijft na de einddatum van de ondersteuning werken",
        "stopt na de einddatum van de ondersteuning met werken",
        "glossary",
        At("stopt"),
    ),
    drift(
        KO_METHODS,
        "method-description",
        "이동하는 방법 중 하나입니다",
        "이동하는 유일한 방법입니다",
        "glossary",
        At("유일"),
    ),
    drift(
        NL_ROADMAP,
        "cloud-intro",
        "gaat u in één stap van",
        "gaat u in meerdere stappen van",
        "glossary",
        At("meerdere"),
    ),
    drift(
        NL_METHODS,
        "method-full-hybrid-details",
        "naar en van { -microsoft-365 }",
        "naar { -microsoft-365 }",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "cloud-new-first",
        "가장 먼저 제공되므로",
        "가장 늦게 제공되므로",
        "glossary",
        At("가장 늦게"),
    ),
    drift(
        NL_ROADMAP,
        "step-move-everything",
        ", in willekeurige volgorde.",
        ", in deze volgorde.",
        "glossary",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "which-eos-intro",
        "고유한 지원 종료 날짜",
        "공통된 지원 종료 날짜",
        "glossary",
        At("공통"),
    ),
];

/// A second corpus, written by a probe of drift the checks then missed (the checks were
/// extended for it): each drift keeps every placeable and digit, and changes what the
/// sentence says (a size, a duration, access, a frequency, a quantity, a condition, a
/// need, a link's text, a clause).
const PROBED_DRIFTS: &[Drift] = &[
    // N02: ...and the other way round (reciprocity dropped)
    drift(
        NL_METHODS,
        "capability-free-busy",
        " laten zien, en omgekeerd.",
        " laten zien.",
        "glossary",
        Value,
    ),
    // N03: with read access (-> write access)
    drift(
        NL_METHODS,
        "consideration-admin-read-access",
        "met leestoegang",
        "met schrijftoegang",
        "glossary",
        At("sch"),
    ),
    // N04: Are correctly evaluated (-> incorrectly)
    drift(
        NL_METHODS,
        "capability-internal-messages-compliance-agents",
        "Correct worden geëvalueerd",
        "Onjuist worden geëvalueerd",
        "glossary",
        Value,
    ),
    // N05: these migrations usually take longer (-> shorter)
    drift(
        NL_METHODS,
        "method-full-hybrid-intro",
        "meestal langer duren",
        "meestal korter duren",
        "glossary",
        At("kor"),
    ),
    // N06: The earlier a version's support ends, the sooner... (-> the later)
    drift(
        NL_ROADMAP,
        "which-eos-outro",
        "Hoe eerder de ondersteuning van een versie eindigt",
        "Hoe later de ondersteuning van een versie eindigt",
        "glossary",
        At("lat"),
    ),
    // N07: most users won't even notice (-> many)
    drift(
        NL_ROADMAP,
        "path-intermediate-note",
        "merken de meeste gebruikers niet eens",
        "merken veel gebruikers niet eens",
        "glossary",
        At("vee"),
    ),
    // N10: the first time they sign in (-> every time)
    drift(
        NL_METHODS,
        "consideration-temporary-passwords",
        "die wijzigen wanneer ze zich voor het eerst aanmelden bij hun postvak.",
        "die wijzigen telkens wanneer ze zich aanmelden bij hun postvak.",
        "glossary",
        At("tel"),
    ),
    // N12: There are a few ways to migrate (-> countless)
    drift(
        NL_ROADMAP,
        "choose-intro",
        "Er zijn een paar manieren om te migreren",
        "Er zijn talloze manieren om te migreren",
        "glossary",
        At("tal"),
    ),
    // N17: suits small organizations (-> large)
    drift(
        NL_METHODS,
        "method-cutover-details",
        "geschikt voor kleine organisaties",
        "geschikt voor grote organisaties",
        "glossary",
        At("gro"),
    ),
    // N18: from $source (placeable -> literal 'your current version')
    drift(
        NL_VERSIONS,
        "version-target-intro",
        "vanaf { $source } kunt migreren",
        "vanaf uw huidige versie kunt migreren",
        "variable-mismatch",
        Id,
    ),
    // N19: on each of their devices (-> on one of)
    drift(
        NL_METHODS,
        "consideration-new-outlook-profile",
        "op elk van hun apparaten",
        "op een van hun apparaten",
        "glossary",
        At("een"),
    ),
    // N20: [one] a week or more (-> a month)
    drift(
        NL_METHODS,
        "method-staged-intro",
        "        [one] een week\n       *[other] { $min_weeks } weken\n    } of langer nodig",
        "        [one] een maand\n       *[other] { $min_weeks } weken\n    } of langer nodig",
        "glossary",
        At("maa"),
    ),
    // N21: in a single hop (-> in two steps)
    drift(
        NL_ROADMAP,
        "cloud-intro",
        "gaat u in één stap van",
        "gaat u in twee stappen van",
        "literal-fact",
        At("twe"),
    ),
    // K02: ...and the other way round (reciprocity dropped)
    drift(
        KO_METHODS,
        "capability-free-busy",
        " 약속 있음/없음 일정 정보를 표시하고, 반대로 { -microsoft-365 } 사용자에게도 온-프레미스 사용자의 정보를 표시합니다.",
        " 약속 있음/없음 일정 정보를 표시합니다.",
        "glossary",
        Value,
    ),
    // K03: with read access (-> write access)
    drift(
        KO_METHODS,
        "consideration-admin-read-access",
        "읽기 권한이",
        "쓰기 권한이",
        "glossary",
        At("쓰기 권"),
    ),
    // K04: Are correctly evaluated (-> wrongly)
    drift(
        KO_METHODS,
        "capability-internal-messages-compliance-agents",
        "올바르게 평가되고",
        "잘못 평가되고",
        "glossary",
        At("잘못 평"),
    ),
    // K05: these migrations usually take longer (-> less time)
    drift(
        KO_METHODS,
        "method-full-hybrid-intro",
        "대개 시간이 더 오래 걸리므로",
        "대개 시간이 더 적게 걸리므로",
        "glossary",
        At("더 적"),
    ),
    // K06: The earlier a version's support ends (-> the later)
    drift(
        KO_ROADMAP,
        "which-eos-outro",
        "지원이 일찍 종료되는 버전일수록",
        "지원이 늦게 종료되는 버전일수록",
        "glossary",
        At("늦게 종"),
    ),
    // K07: most users won't even notice (-> many)
    drift(
        KO_ROADMAP,
        "path-intermediate-note",
        "대부분의 사용자는 알아차리지도 못합니다",
        "많은 사용자는 알아차리지도 못합니다",
        "glossary",
        At("많은 사"),
    ),
    // K10: the first time they sign in (-> every time)
    drift(
        KO_METHODS,
        "consideration-temporary-passwords",
        "사서함에 처음 로그인할 때 암호를 변경해야",
        "사서함에 로그인할 때마다 암호를 변경해야",
        "glossary",
        At("때마다"),
    ),
    // K12: There are a few ways to migrate (-> very many)
    drift(
        KO_ROADMAP,
        "choose-intro",
        "마이그레이션 방법에는 몇 가지가 있으며",
        "마이그레이션 방법은 매우 다양하며",
        "glossary",
        At("매우 다"),
    ),
    // K13: suits small organizations (-> large)
    drift(
        KO_METHODS,
        "method-cutover-details",
        "소규모 조직에 적합합니다",
        "대규모 조직에 적합합니다",
        "glossary",
        At("대규모"),
    ),
    // K18: (last sentence duplicated)
    drift(
        KO_METHODS,
        "consideration-keep-outlook-profile",
        "사용자가 전자 메일을 다시 다운로드할 필요도 없습니다.",
        "사용자가 전자 메일을 다시 다운로드할 필요도 없습니다. 사용자가 전자 메일을 다시 다운로드할 필요도 없습니다.",
        "length",
        Value,
    ),
    // K19: with one of these methods (-> with all of these methods)
    drift(
        KO_ROADMAP,
        "options-cloud",
        "중 한 가지 방법을 사용하여",
        " 방법을 모두 사용하여",
        "glossary",
        At("모두 사"),
    ),
    // K20: for many months or longer (-> many years)
    drift(
        KO_METHODS,
        "method-full-hybrid-details",
        "수개월 이상 하이브리드 구성을",
        "수년 이상 하이브리드 구성을",
        "glossary",
        At("년 이"),
    ),
    // K21: includes Exchange Online (-> Exchange Server)
    drift(
        KO_METHODS,
        "consideration-license",
        "{ -exchange-online }이 포함된",
        "{ -exchange-server }이 포함된",
        "term-mismatch",
        Id,
    ),
    // N22: doesn't suit every organization (negation dropped)
    drift(
        NL_METHODS,
        "consideration-not-for-everyone",
        "is niet geschikt voor elke organisatie",
        "is geschikt voor elke organisatie",
        "polarity",
        Value,
    ),
    // N24: at least $count servers (-> at most)
    drift(
        NL_VERSIONS,
        "version-hybrid-server",
        "       *[other] ten minste { $count } { $version }-servers",
        "       *[other] hooguit { $count } { $version }-servers",
        "glossary",
        Value,
    ),
    // N25: use Microsoft 365 only ('only' dropped)
    drift(
        NL_METHODS,
        "method-cutover-intro",
        "gebruikt u alleen nog { -microsoft-365 }",
        "gebruikt u { -microsoft-365 }",
        "glossary",
        Value,
    ),
    // N27: must be added (-> can be added)
    drift(
        NL_METHODS,
        "consideration-accepted-domains",
        "moeten als geverifieerde domeinen aan de service worden toegevoegd",
        "kunnen als geverifieerde domeinen aan de service worden toegevoegd",
        "glossary",
        At("kun"),
    ),
    // N28: If you keep your email on-premises (-> unless)
    drift(
        NL_ROADMAP,
        "onprem-intro",
        "Als u uw e-mail on-premises houdt, kunt u",
        "Tenzij u uw e-mail on-premises houdt, kunt u",
        "polarity",
        At("Ten"),
    ),
    // N29: link text 'Decide on a migration path' (-> another link's text)
    drift(
        NL_ROADMAP,
        "choose-outro",
        "[Een migratiepad kiezen]",
        "[Vereisten voor een hybride implementatie]",
        "markup-mismatch",
        Id,
    ),
    // N30: Since $version reached end of support (-> once it reaches)
    drift(
        NL_ROADMAP,
        "eos-no-longer",
        "Sinds { $version } op { $date } het einde van de ondersteuning heeft bereikt",
        "Zodra { $version } op { $date } het einde van de ondersteuning bereikt",
        "glossary",
        Value,
    ),
    // K22: doesn't suit every organization (negation dropped)
    drift(
        KO_METHODS,
        "consideration-not-for-everyone",
        "모든 조직에 적합한 것은 아닙니다",
        "모든 조직에 적합합니다",
        "polarity",
        Value,
    ),
    // K23: at least $count servers (-> at most)
    drift(
        KO_VERSIONS,
        "version-hybrid-server",
        "{ $version } 서버가 { $count }대 이상 필요합니다",
        "{ $version } 서버가 { $count }대 이하 필요합니다",
        "glossary",
        Value,
    ),
    // K24: use Microsoft 365 only ('only' dropped)
    drift(
        KO_METHODS,
        "method-cutover-intro",
        "{ -microsoft-365 }만 사용합니다",
        "{ -microsoft-365 }를 사용합니다",
        "glossary",
        Value,
    ),
    // K26: You need to set up directory sync (-> can)
    drift(
        KO_METHODS,
        "consideration-directory-sync",
        "디렉터리 동기화를 설정해야 합니다",
        "디렉터리 동기화를 설정할 수 있습니다",
        "glossary",
        At("수 있"),
    ),
    // K27: If you keep your email on-premises (-> unless)
    drift(
        KO_ROADMAP,
        "onprem-intro",
        "전자 메일을 온-프레미스에 유지하는 경우",
        "전자 메일을 온-프레미스에 유지하지 않는 한",
        "polarity",
        At("않는 한"),
    ),
    // K28: link text 'Plan your upgrade...' (-> another link's text)
    drift(
        KO_ROADMAP,
        "eos-office",
        "[{ $product } 서버 및 제품에서 업그레이드 계획]",
        "[{ $product } 서버 및 클라이언트 업그레이드에 도움이 되는 리소스]",
        "markup-mismatch",
        Id,
    ),
    // K29: reached end of support on $date (-> will end)
    drift(
        KO_VERSIONS,
        "version-source-intro",
        "{ $date }에 종료되었습니다. 이 날짜 이후",
        "{ $date }에 종료될 예정입니다. 이 날짜 이후",
        "glossary",
        Value,
    ),
    // K30: alongside $source servers (-> '$source-year' servers)
    drift(
        KO_ROADMAP,
        "which-coexistence-intro",
        "{ $source } 서버와 함께",
        "{ $source }년 서버와 함께",
        "pattern",
        At("{ $"),
    ),
    // N31: link text 'Plan your upgrade...' (-> another link's text)
    drift(
        NL_ROADMAP,
        "eos-office",
        "Zie [Uw upgrade van { $product }-servers en -producten plannen]",
        "Zie [Bronnen voor het upgraden van uw { $product }-servers en -clients]",
        "markup-mismatch",
        Id,
    ),
];

#[test]
fn drift_from_a_second_probe_is_reported_with_its_code_and_location() {
    assert_each_reported(PROBED_DRIFTS);
}

#[test]
fn a_word_turned_into_its_opposite_is_reported_with_its_code_and_location() {
    assert_each_reported(OPPOSITE_DRIFTS);
}

#[test]
fn drift_on_messages_other_drifts_touch_is_reported_with_its_code_and_location() {
    assert_each_reported(MORE_DRIFTS);
}

/// The omission machine translation makes most often keeps every placeable, term and
/// digit: a sentence of a message is not there, or one is there that the source does not
/// have. Each in a message of its own, reported at the start of its value.
const LENGTH_DRIFTS: &[Drift] = &[
    drift(
        NL_METHODS,
        "method-staged-details",
        " U verplaatst postvakken in batches, en u bepaalt hoeveel en welke postvakken er op een bepaald moment worden verplaatst.",
        "",
        "length",
        Value,
    ),
    drift(
        KO_METHODS,
        "method-staged-details",
        " 사서함을 일괄 처리 단위로 이동하며, 한 번에 이동할 사서함의 수와 대상을 직접 결정합니다.",
        "",
        "length",
        Value,
    ),
    drift(
        NL_METHODS,
        "consideration-periodic-sync",
        " Zo kunt u de migratie voltooien zonder dat u zich zorgen hoeft te maken dat er e-mail achterblijft in uw on-premises postvakken.",
        "",
        "length",
        Value,
    ),
    drift(
        KO_METHODS,
        "consideration-periodic-sync",
        " 따라서 전자 메일이 온-프레미스 사서함에 남을까 걱정하지 않고 마이그레이션을 완료할 수 있습니다.",
        "",
        "length",
        Value,
    ),
    drift(
        NL_METHODS,
        "consideration-csv-file",
        " Het bestand moet ook een nieuw wachtwoord voor elk van die postvakken bevatten, en u stuurt dat wachtwoord naar de betreffende gebruiker.",
        "",
        "length",
        Value,
    ),
    drift(
        KO_METHODS,
        "consideration-csv-file",
        " 이 파일에는 각 사서함의 새 암호도 포함되어야 하며, 이 암호를 각 사용자에게 보냅니다.",
        "",
        "length",
        Value,
    ),
    drift(
        NL_ROADMAP,
        "onprem-intro",
        " We begrijpen ook dat sommige organisaties hun e-mail on-premises moeten houden, bijvoorbeeld vanwege regelgeving, om te garanderen dat gegevens niet worden opgeslagen in een datacenter in een ander land, of om vergelijkbare redenen.",
        "",
        "length",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "onprem-intro",
        " 하지만 일부 조직은 규정 때문에, 또는 데이터가 다른 국가의 데이터 센터에 저장되지 않도록 보장하기 위해, 혹은 이와 비슷한 이유로 전자 메일을 온-프레미스에 유지해야 한다는 점도 이해합니다.",
        "",
        "length",
        Value,
    ),
    drift(
        NL_METHODS,
        "consideration-not-for-everyone",
        " Als dat op uw organisatie van toepassing is, raden we u aan in plaats daarvan een cutover-migratie of een gefaseerde migratie te overwegen.",
        "",
        "length",
        Value,
    ),
    // A sentence the source does not have, added after the translation.
    drift(
        NL_ROADMAP,
        "options-outro",
        "uitgebreider besproken.",
        "uitgebreider besproken. Voor de meeste organisaties is een hybride migratie de beste keuze.",
        "length",
        Value,
    ),
    drift(
        KO_ROADMAP,
        "options-outro",
        "자세히 살펴봅니다.",
        "자세히 살펴봅니다. 대부분의 조직에는 하이브리드 마이그레이션이 가장 적합합니다.",
        "length",
        Value,
    ),
];

#[test]
fn a_sentence_left_out_or_added_is_reported_with_its_code_and_location() {
    assert_each_reported(LENGTH_DRIFTS);
}

/// The start of a move given to another placeable, which the source names at no end: the
/// two placeables swapped.
const ROLE_DRIFTS: &[Drift] = &[
    drift(
        KO_VERSIONS,
        "version-target-intro",
        "{ $source }에서 마이그레이션할 수 있는 버전 중 하나가 { $version }입니다.",
        "{ $version }에서 마이그레이션할 수 있는 버전 중 하나가 { $source }입니다.",
        "direction",
        At("{ $version }에서"),
    ),
    drift(
        NL_VERSIONS,
        "version-target-intro",
        "{ $version } is een van de versies waarnaar u vanaf { $source } kunt migreren.",
        "{ $source } is een van de versies waarnaar u vanaf { $version } kunt migreren.",
        "direction",
        At("{ $version }"),
    ),
];

#[test]
fn a_start_given_to_another_placeable_is_reported() {
    assert_each_reported(ROLE_DRIFTS);
}

/// A word written twice in a row, reported at the second.
const REPEATED_DRIFTS: &[Drift] = &[
    drift(
        NL_ROADMAP,
        "options-outro",
        "secties wordt elke",
        "secties wordt wordt elke",
        "repeated-word",
        At("wordt elke"),
    ),
    drift(
        KO_ROADMAP,
        "options-outro",
        "각 옵션을 자세히",
        "각 옵션을 옵션을 자세히",
        "repeated-word",
        At("옵션을 자세히"),
    ),
    drift(
        NL_METHODS,
        "consideration-csv-file",
        "U moet een",
        "U moet Moet een",
        "repeated-word",
        At("Moet een"),
    ),
    drift(
        KO_METHODS,
        "consideration-csv-file",
        "전체 이름과 전자",
        "전체 이름과 이름과 전자",
        "repeated-word",
        At("이름과 전자"),
    ),
];

#[test]
fn a_word_written_twice_is_reported_at_the_second() {
    assert_each_reported(REPEATED_DRIFTS);
}

/// Injects every drift of `drifts` into one copy of the example site, and asserts each is
/// reported with its code at its place, and nothing on messages no drift touched.
fn assert_each_reported(drifts: &[Drift]) {
    let site = example_copy();
    let mut touched = BTreeSet::new();
    let expected: Vec<(&Drift, (u64, u64))> = drifts
        .iter()
        .map(|drift| {
            assert!(
                touched.insert((locale_of(drift.file), drift.id)),
                "two drifts in `{}`: each must stand alone",
                drift.id
            );
            (drift, inject(site.path(), drift))
        })
        .collect();
    let (code, found) = check_json(site.path(), &[]);
    assert_exit_code(code, drifts.iter().map(|drift| drift.code));
    let mut missed = Vec::new();
    for (drift, (line, column)) in &expected {
        // An inconsistency is reported at the later of the two units, naming the first:
        // when the drifted message comes first, its partner names it.
        let named = format!("({}:{line})", drift.file);
        let hit = found.iter().any(|d| {
            d["code"] == drift.code
                && ((d["file"] == drift.file
                    && d["id"] == drift.id
                    && d["line"] == *line
                    && d["column"] == *column)
                    || (drift.code == "inconsistency"
                        && d["message"]
                            .as_str()
                            .is_some_and(|message| message.contains(&named))))
        });
        if !hit {
            let near: Vec<String> = found
                .iter()
                .filter(|d| d["id"] == drift.id && d["file"] == drift.file)
                .map(|d| {
                    format!(
                        "{} {}:{} {}",
                        d["code"], d["line"], d["column"], d["message"]
                    )
                })
                .collect();
            missed.push(format!(
                "{} `{}` → {} at {line}:{column}; found: {near:?}",
                drift.file, drift.id, drift.code
            ));
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {} drifts not reported as expected:\n{}",
        missed.len(),
        drifts.len(),
        missed.join("\n")
    );
    // Nothing on the messages no drift touched, but the partner of an inconsistency a drift
    // made (it names the touched message).
    let stray: Vec<&Value> = found
        .iter()
        .filter(|d| QA_CODES.iter().any(|code| d["code"] == *code))
        .filter(|d| {
            let locale = d["locale"].as_str().unwrap_or("");
            let id = d["id"].as_str().unwrap_or("");
            let message = d["message"].as_str().unwrap_or("");
            let names_touched = d["code"] == "inconsistency"
                && touched.iter().any(|(tag, touched_id)| {
                    *tag == locale
                        && (message.contains(&format!("`{touched_id}`"))
                            || message.contains(&format!("`{touched_id}.")))
                });
            !touched.contains(&(locale, id)) && !names_touched
        })
        .collect();
    assert!(
        stray.is_empty(),
        "findings on untouched messages: {stray:#?}"
    );
}

#[test]
fn the_example_site_passes_strict_with_its_glossaries_and_rules() {
    let site = example_copy();
    for path in [
        "locales/nl/glossary.yaml",
        "locales/ko/glossary.yaml",
        "locales/ko/rules.yaml",
    ] {
        assert!(site.path().join(path).is_file(), "{path}");
    }
    let (code, found) = check_json(site.path(), &["--strict"]);
    assert_eq!(code, 0, "{found:#?}");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_checks_stay_quiet_on_legitimate_translations() {
    let legitimate = [
        // "Few" said without a negation, or "a small set" with one; a bound said with one.
        (
            NL_METHODS,
            "geschikt voor kleine organisaties die niet veel postvakken hebben,",
            "geschikt voor kleine organisaties met weinig postvakken die",
        ),
        (KO_METHODS, "사서함이 많지 않고,", "사서함 수가 적고,"),
        (
            KO_METHODS,
            "사서함 { $recommended }개 이하에만 사용할 것을 강력히 권장합니다.",
            "사서함이 { $recommended }개를 넘지 않는 경우에만 사용할 것을 강력히 권장합니다.",
        ),
        (
            "content/pages/about.ko.md",
            "소수의 데이터 파일에 정확히 한 번만",
            "몇 개 안 되는 데이터 파일에 정확히 한 번만",
        ),
        // Placeables in another order.
        (
            NL_ROADMAP,
            "Installeer { $version } in uw bestaande { $org }-organisatie.",
            "Installeer in uw bestaande { $org }-organisatie { $version }.",
        ),
        (
            KO_ROADMAP,
            "step-decommission = 남은 { $version } 서버의 서비스를 해제합니다.",
            "step-decommission = { $version } 서버 중 남은 서버의 서비스를 해제합니다.",
        ),
        // Korean particles and counters after placeables.
        (
            KO_VERSIONS,
            "{ $count }대 이상 필요합니다.",
            "{ $count }대 이상이 필요합니다.",
        ),
        (
            KO_ROADMAP,
            "org-size-fewer-than = 시트 { $seats }개 미만",
            "org-size-fewer-than = { $seats }개 미만의 시트",
        ),
        (
            KO_ROADMAP,
            "{ JOSA($version, \"으로\") } 이동합니다.",
            "{ JOSA($version, \"으로\") } 옮깁니다.",
        ),
        // A plural variant that leaves out its count.
        (NL_METHODS, "[one] { $count } postvak", "[one] één postvak"),
        (NL_ROADMAP, "[one] { $years } jaar", "[one] een jaar"),
        // A negation worded another way, a bound kept in other words.
        (
            NL_METHODS,
            "Gebruikers hoeven hun e-mail niet opnieuw te downloaden.",
            "Gebruikers hoeven hun e-mail niet nog eens te downloaden.",
        ),
        (
            KO_METHODS,
            "{ $weeks }주 이내에 완료해야",
            "{ $weeks }주 이하의 기간 안에 완료해야",
        ),
        // Qualifiers in other words.
        (
            NL_ROADMAP,
            "werkt u altijd met de nieuwste versie",
            "werkt u steeds met de nieuwste versie",
        ),
        (KO_ROADMAP, "거의 같고", "거의 동일하고"),
        // A count of years may take 년 where the source says "years".
        (
            KO_ROADMAP,
            "{ $years }년 된 기술에서",
            "{ $years }년이 지난 기술에서",
        ),
        // Pages: facts in another order, a particle after a date fact.
        (
            "content/pages/about.nl.md",
            "Het vertrekpunt is {{ fact(\"exchange.versions.exchange_2007.full_name\") }}, waarvan de ondersteuning op {{ fact(\"exchange.versions.exchange_2007.end_of_support\") }} is geëindigd.",
            "Op {{ fact(\"exchange.versions.exchange_2007.end_of_support\") }} is de ondersteuning geëindigd van {{ fact(\"exchange.versions.exchange_2007.full_name\") }}, het vertrekpunt van deze gids.",
        ),
        (
            "content/pages/about.ko.md",
            "{{ fact(\"exchange.versions.exchange_2007.end_of_support\") }}에 지원이",
            "{{ fact(\"exchange.versions.exchange_2007.end_of_support\") }}부터 지원이",
        ),
    ];
    assert_quiet(&legitimate);
}

/// Translations that say what the source says in words the checks once misread: "not
/// only ... but also" for "both ... and", 없앱니다 ("remove") for "decommission", "no
/// longer" for "geen ... meer", a source's "only" and "just" each rendered.
#[test]
fn the_checks_stay_quiet_on_phrases_that_only_look_like_drift() {
    let legitimate = [
        (
            NL_ROADMAP,
            "*Dit artikel is van toepassing op zowel { -microsoft-365-enterprise } als { -office-365-enterprise }.*",
            "*Dit artikel is niet alleen van toepassing op { -microsoft-365-enterprise }, maar ook op { -office-365-enterprise }.*",
        ),
        (
            KO_ROADMAP,
            "step-decommission = 남은 { $version } 서버의 서비스를 해제합니다.",
            "step-decommission = 남은 { $version } 서버를 없앱니다.",
        ),
        // "Bypass" as "does not go through", the way Korean says it.
        (
            KO_METHODS,
            "스팸 방지 필터를 우회합니다.",
            "스팸 방지 필터를 거치지 않습니다.",
        ),
        (
            NL_ROADMAP,
            "Maar omdat deze geen updates of ondersteuning meer krijgt, raden we u ten zeerste aan zo snel mogelijk",
            "Maar omdat deze niet langer updates of ondersteuning krijgt, raden we u met klem aan zo spoedig mogelijk",
        ),
    ];
    assert_quiet(&legitimate);
}

/// Applies each (file, from, to) rewrite to one copy of the example site and asserts that
/// no translation-QA check reports anything.
fn assert_quiet(legitimate: &[(&str, &str, &str)]) {
    let site = example_copy();
    for (file, from, to) in legitimate {
        let path = site.path().join(file);
        let text = read(&path);
        assert!(text.contains(from), "`{from}` not in {file}");
        write(&path, &text.replacen(from, to, 1));
    }
    let (_, found) = check_json(site.path(), &[]);
    let qa: Vec<&Value> = found
        .iter()
        .filter(|d| QA_CODES.iter().any(|code| d["code"] == *code))
        .collect();
    assert!(qa.is_empty(), "{qa:#?}");
}

#[test]
fn each_check_can_be_set_per_locale_in_site_yaml() {
    let site = example_copy();
    for drift in DRIFTS.iter().filter(|d| {
        d.id == "help-other" || d.id == "options-heading" || d.id == "method-full-hybrid-intro"
    }) {
        inject(site.path(), drift);
    }
    let config = site.path().join("content/site.yaml");
    let text = read(&config);
    write(
        &config,
        &format!(
            "{text}checks:\n  default:\n    punctuation: error\n    number-words: warning\n  ko:\n    untranslated: off\n"
        ),
    );
    let (_, found) = check_json(site.path(), &[]);
    let severity = |code: &str, locale: &str| -> Vec<String> {
        found
            .iter()
            .filter(|d| d["code"] == code && d["locale"] == locale)
            .map(|d| d["severity"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(severity("untranslated", "ko").is_empty(), "{found:#?}");
    assert_eq!(severity("punctuation", "nl"), ["error"], "{found:#?}");
    assert_eq!(severity("number-words", "nl"), ["warning"], "{found:#?}");
    assert_eq!(severity("number-words", "ko"), ["warning"], "{found:#?}");
}

#[test]
fn bad_check_settings_and_rules_are_located_errors() {
    let site = example_copy();
    let config = site.path().join("content/site.yaml");
    let text = read(&config);
    let lines = text.lines().count() as u64;
    write(
        &config,
        &format!(
            "{text}checks:\n  nl:\n    polarity: loud\n    spelling: error\n  xx:\n    glossary: off\n"
        ),
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let errors: Vec<(u64, u64)> = found
        .iter()
        .filter(|d| d["code"] == "config-error")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(errors, [(lines + 3, 5), (lines + 4, 5)], "{found:#?}");
    write(
        &config,
        &format!("{text}checks:\n  xx:\n    glossary: off\n"),
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        found.iter().any(|d| d["code"] == "config-error"
            && d["line"] == lines + 2
            && d["message"].as_str().unwrap_or("").contains("`xx`")),
        "{found:#?}"
    );
    write(&config, &text);
    write(
        &site.path().join("locales/ko/rules.yaml"),
        "patterns:\n  - id: broken\n    pattern: '[년'\n    message: m\n",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        found.iter().any(|d| d["code"] == "locale-error"
            && d["file"] == "locales/ko/rules.yaml"
            && d["line"] == 3),
        "{found:#?}"
    );
}

#[test]
fn status_counts_the_findings_per_locale_and_code() {
    let site = example_copy();
    let korean: Vec<&Drift> = DRIFTS
        .iter()
        .filter(|d| d.code == "number-words" && d.file.contains("/ko/"))
        .collect();
    for drift in &korean {
        inject(site.path(), drift);
    }
    let json = run(stele()
        .arg("status")
        .arg("--site")
        .arg(site.path())
        .args(["--format", "json"]));
    let statuses: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let by_tag = |tag: &str| {
        statuses
            .as_array()
            .and_then(|list| list.iter().find(|s| s["locale"] == tag))
            .cloned()
            .expect("locale")
    };
    assert_eq!(
        by_tag("ko")["qa"]["number-words"],
        korean.len(),
        "{statuses:#}"
    );
    assert_eq!(by_tag("nl")["qa"], serde_json::json!({}), "{statuses:#}");
    let human = run(stele().arg("status").arg("--site").arg(site.path()));
    assert!(
        human
            .stdout
            .lines()
            .any(|line| line.starts_with("ko: the checks found")
                && line.contains(&format!("number-words {}", korean.len()))),
        "{}",
        human.stdout
    );
}

#[test]
fn findings_on_a_stale_translation_are_warnings() {
    let site = example_copy();
    let source = site.path().join("locales/en/methods.ftl");
    let text = read(&source);
    let from = "capability-internal-messages-bypass-anti-spam = Bypass anti-spam filters.";
    assert!(text.contains(from));
    write(
        &source,
        &text.replace(
            from,
            "capability-internal-messages-bypass-anti-spam = Never bypass anti-spam filters.",
        ),
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "a source edit does not stop the build: {found:#?}");
    let polarity: Vec<&Value> = found.iter().filter(|d| d["code"] == "polarity").collect();
    assert_eq!(polarity.len(), 2, "nl and ko: {found:#?}");
    assert!(polarity.iter().all(|d| d["severity"] == "warning"));
    let (code, _) = check_json(site.path(), &["--strict"]);
    assert_eq!(code, 1);
}

/// A drift in a translated Markdown page: `from` replaced by `to` in `file`; the diagnostic
/// must point at the first occurrence of `at` in the changed file.
struct PageDrift {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    at: &'static str,
}

const NL_ABOUT: &str = "content/pages/about.nl.md";
const KO_ABOUT: &str = "content/pages/about.ko.md";

/// Drifts in the about pages, each in a block (or front matter value) of its own: the QA
/// checks run on every aligned block pair as they run on messages. A finding about
/// something missing points at the start of its block.
const PAGE_DRIFTS: &[PageDrift] = &[
    PageDrift {
        file: KO_ABOUT,
        from: "사실은 바꿀 수 없습니다",
        to: "사실도 바꿀 수 있습니다",
        code: "polarity",
        at: "따라서 번역에서는",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "maar geen feit",
        to: "en ook een feit",
        code: "polarity",
        at: "Een vertaling kan dus",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "wordt precies één\nkeer vastgelegd",
        to: "wordt één\nkeer vastgelegd",
        code: "glossary",
        at: "Elke datum, elk aantal",
    },
    PageDrift {
        file: KO_ABOUT,
        from: "정확히 한 번만",
        to: "한 번만",
        code: "glossary",
        at: "이 가이드의 모든 날짜",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "title: Over deze gids",
        to: "title: About this guide",
        code: "untranslated",
        at: "About this guide",
    },
    PageDrift {
        file: KO_ABOUT,
        from: "title: 이 가이드 정보",
        to: "title: About this guide",
        code: "untranslated",
        at: "About this guide",
    },
    PageDrift {
        file: KO_ABOUT,
        from: "전에 항상 링크된",
        to: "전에 링크된",
        code: "glossary",
        at: "이 콘텐츠는",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "Raadpleeg altijd de gekoppelde",
        to: "Raadpleeg de gekoppelde",
        code: "glossary",
        at: "De inhoud volgt",
    },
    PageDrift {
        file: KO_ABOUT,
        from: "번역이 없는 경우에는 영어 텍스트가 대신 표시되며, 빌드에서 이를 보고합니다.",
        to: "Where a translation is missing, the English text is shown instead, and the build reports it.",
        code: "untranslated",
        at: "Where a translation",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "Als een vertaling ontbreekt",
        to: "Als een vertaling bestaat",
        code: "polarity",
        at: "Elk vertaald bericht",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "## Vertalingen betrouwbaar houden",
        to: "## Keeping translations honest",
        code: "untranslated",
        at: "Keeping translations honest",
    },
];

/// A sentence left out of a paragraph, or a clause of a long sentence: every placeable
/// and number stays, only the length tells.
const OMITTED_PAGE_DRIFTS: &[PageDrift] = &[
    PageDrift {
        file: NL_ABOUT,
        from: " De tekst rond die feiten staat in\nberichtbestanden, één set per taal. Bij het bouwen",
        to: " Bij het bouwen",
        code: "length",
        at: "Elke datum, elk aantal",
    },
    PageDrift {
        file: KO_ABOUT,
        from: " 이러한 사실을 둘러싼 텍스트는 언어마다 한 세트씩 있는 메시지 파일에 들어\n있습니다. 사이트를 빌드하면",
        to: " 사이트를 빌드하면",
        code: "length",
        at: "이 가이드의 모든 날짜",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "maar geen feit: als de einddatum van de\nondersteuning van een release verschuift, wordt die één keer gecorrigeerd en toont elke taal\nde nieuwe datum.",
        to: "maar geen feit.",
        code: "length",
        at: "Een vertaling kan dus",
    },
    PageDrift {
        file: KO_ABOUT,
        from: "바꿀 수 없습니다. 어떤 릴리스의 지원 종료\n날짜가 변경되면 한 번만 수정하면 되고, 모든 언어에 새 날짜가 표시됩니다.",
        to: "바꿀 수 없습니다.",
        code: "length",
        at: "따라서 번역에서는",
    },
];

#[test]
fn a_sentence_left_out_of_a_page_block_is_reported_at_the_block() {
    assert_page_drifts_reported(OMITTED_PAGE_DRIFTS);
}

/// A word written twice in a page block.
const REPEATED_PAGE_DRIFTS: &[PageDrift] = &[
    PageDrift {
        file: NL_ABOUT,
        from: "in een kleine set gegevensbestanden",
        to: "in een een kleine set gegevensbestanden",
        code: "repeated-word",
        at: "een kleine",
    },
    PageDrift {
        file: KO_ABOUT,
        from: "소수의 데이터 파일에",
        to: "소수의 데이터 데이터 파일에",
        code: "repeated-word",
        at: "데이터 파일에",
    },
];

#[test]
fn a_word_written_twice_in_a_page_is_reported_at_the_second() {
    assert_page_drifts_reported(REPEATED_PAGE_DRIFTS);
}

#[test]
fn every_drift_injected_into_a_page_is_reported_at_its_block() {
    assert_page_drifts_reported(PAGE_DRIFTS);
}

/// Drifts that turn a word into its opposite or an obligation into a permission, in
/// blocks the drifts above touch too.
const OPPOSITE_PAGE_DRIFTS: &[PageDrift] = &[
    PageDrift {
        file: KO_ABOUT,
        from: "제품 이름이 있어야 합니다",
        to: "제품 이름이 있을 수 있습니다",
        code: "glossary",
        at: "번역된 각 메시지에는",
    },
    PageDrift {
        file: NL_ABOUT,
        from: "Elk vertaald bericht moet dezelfde",
        to: "Elk vertaald bericht mag dezelfde",
        code: "glossary",
        at: "mag dezelfde",
    },
];

#[test]
fn a_page_that_turns_a_must_into_a_may_is_reported_at_its_block() {
    assert_page_drifts_reported(OPPOSITE_PAGE_DRIFTS);
}

/// Injects every drift of `drifts` into one copy of the example site, and asserts each is
/// reported with its code at its place, and no QA finding in a block no drift touched.
fn assert_page_drifts_reported(drifts: &[PageDrift]) {
    let site = example_copy();
    let mut expected = Vec::new();
    let mut touched = Vec::new();
    for drift in drifts {
        let path = site.path().join(drift.file);
        let text = read(&path);
        assert!(
            text.contains(drift.from),
            "`{}` not in {}",
            drift.from,
            drift.file
        );
        let changed = text.replacen(drift.from, drift.to, 1);
        write(&path, &changed);
        let at = changed
            .find(drift.at)
            .unwrap_or_else(|| panic!("`{}` not in {}", drift.at, drift.file));
        expected.push((drift, line_column(&changed, at)));
        // The lines of the block the drift is in: between the blank lines around it.
        let to = changed.find(drift.to).unwrap_or(at);
        let start = changed[..to].rfind("\n\n").map_or(0, |i| i + 2);
        let end = changed[to..].find("\n\n").map_or(changed.len(), |i| to + i);
        touched.push((
            drift.file,
            line_column(&changed, start).0..=line_column(&changed, end).0,
        ));
    }
    let (code, found) = check_json(site.path(), &[]);
    assert_exit_code(code, drifts.iter().map(|drift| drift.code));
    let mut missed = Vec::new();
    for (drift, (line, column)) in &expected {
        let hit = found.iter().any(|d| {
            d["code"] == drift.code
                && d["file"] == drift.file
                && d["line"] == *line
                && d["column"] == *column
        });
        if !hit {
            let near: Vec<String> = found
                .iter()
                .filter(|d| d["file"] == drift.file)
                .map(|d| {
                    format!(
                        "{} {}:{} {}",
                        d["code"], d["line"], d["column"], d["message"]
                    )
                })
                .collect();
            missed.push(format!(
                "{} `{}` → {} at {line}:{column}; found: {near:#?}",
                drift.file, drift.to, drift.code
            ));
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {} page drifts not reported as expected:\n{}",
        missed.len(),
        drifts.len(),
        missed.join("\n")
    );
    // No QA finding in a block no drift touched (a drift may bring more than one).
    let stray: Vec<&Value> = found
        .iter()
        .filter(|d| QA_CODES.iter().any(|code| d["code"] == *code))
        .filter(|d| {
            !touched.iter().any(|(file, lines)| {
                d["file"] == *file && d["line"].as_u64().is_some_and(|line| lines.contains(&line))
            })
        })
        .collect();
    assert!(stray.is_empty(), "findings on untouched blocks: {stray:#?}");
}

/// Writes a page `slug` (source and Dutch translation) into `site`.
fn add_page(site: &Path, slug: &str, source: &str, dutch: &str) {
    let pages = site.join("content/pages");
    write(
        &pages.join(format!("{slug}.md")),
        &format!("---\ntitle: Page {slug}\nslug: {slug}\n---\n{source}"),
    );
    write(
        &pages.join(format!("{slug}.nl.md")),
        &format!("---\ntitle: Pagina {slug}\nslug: {slug}\n---\n{dutch}"),
    );
}

fn inconsistencies(site: &Path) -> Vec<Value> {
    let (_, found) = check_json(site, &[]);
    with_code(&found, "inconsistency")
        .into_iter()
        .cloned()
        .collect()
}

#[test]
fn one_source_translated_two_ways_on_two_pages_is_reported_at_the_later() {
    let site = example_copy();
    let source = "Move the mailboxes in small batches over a weekend.\n";
    add_page(
        site.path(),
        "zz-first",
        source,
        "Verplaats de postvakken in kleine batches tijdens een weekend.\n",
    );
    add_page(
        site.path(),
        "zz-second",
        &format!("# Steps\n\n{source}"),
        "# Stappen\n\nVerplaats de postvakken in kleine groepen tijdens een weekend.\n",
    );
    let found = inconsistencies(site.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["file"], "content/pages/zz-second.nl.md",
        "{found:#?}"
    );
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(7), Some(1))
    );
    assert_eq!(found[0]["locale"], "nl");
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("content/pages/zz-first.nl.md:5"),
        "{message}"
    );
}

#[test]
fn a_page_block_translating_a_message_source_another_way_is_reported() {
    let site = example_copy();
    // Messages translate "Duration" as "Duur"; a page heading says "Looptijd".
    add_page(
        site.path(),
        "zz-plan",
        "# Duration\n\nPlan the move before the end of support.\n",
        "# Looptijd\n\nPlan de overstap voor het einde van de ondersteuning.\n",
    );
    let found = inconsistencies(site.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["file"], "content/pages/zz-plan.nl.md");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(5), Some(3))
    );
    // It names the first message translating "Duration", at its line.
    let message = found[0]["message"].as_str().unwrap_or("");
    let named = message
        .rsplit_once('(')
        .and_then(|(_, place)| place.strip_suffix(')'))
        .and_then(|place| place.split_once(':'))
        .unwrap_or_else(|| panic!("no file:line in {message}"));
    assert!(named.0.starts_with("locales/nl/"), "{message}");
    let line: usize = named.1.parse().expect("a line number");
    let text = read(&site.path().join(named.0));
    let named_line = text.lines().nth(line - 1).unwrap_or("");
    assert!(named_line.ends_with("= Duur"), "{message}: {named_line}");
}

#[test]
fn the_locale_wide_check_stays_quiet_on_consistent_and_trivial_segments() {
    let site = example_copy();
    let table = |name: &str, count: &str| {
        format!(
            "| Product | Seats |\n|---|---|\n| {name} | {count} |\n| {{{{ fact(\"exchange.versions.exchange_2007.full_name\") }}}} | 2 |\n"
        )
    };
    // The same sentence translated the same way twice (and the message "Duration" as its
    // message translates it); numbers, a fact and a one-word name have nothing to compare.
    add_page(
        site.path(),
        "zz-one",
        &format!(
            "# Duration\n\nMove the mailboxes in small batches.\n\n{}",
            table("Exchange", "150")
        ),
        &format!(
            "# Duur\n\nVerplaats de postvakken in kleine batches.\n\n{}",
            table("Exchange", "150")
        ),
    );
    add_page(
        site.path(),
        "zz-two",
        &format!(
            "Move the mailboxes in small batches.\n\n{}",
            table("Outlook", "2,000")
        ),
        &format!(
            "Verplaats de postvakken in kleine batches.\n\n{}",
            table("Outlook", "2.000")
        ),
    );
    let found = inconsistencies(site.path());
    assert!(found.is_empty(), "{found:#?}");
    // Both pages still have their other checks: a second translation of the sentence is seen.
    add_page(
        site.path(),
        "zz-three",
        "Move the mailboxes in small batches.\n",
        "Zet de postvakken in kleine batches over.\n",
    );
    assert_eq!(inconsistencies(site.path()).len(), 1);
}

#[test]
fn a_build_finds_the_same_inconsistency_when_one_of_the_pages_is_carried_over() {
    let site = example_copy();
    let out = tempfile::tempdir().expect("temp dir");
    let source = "Move the mailboxes in small batches over a weekend.\n";
    add_page(
        site.path(),
        "zz-first",
        source,
        "Verplaats de postvakken in kleine batches tijdens een weekend.\n",
    );
    add_page(
        site.path(),
        "zz-second",
        source,
        "Verplaats de postvakken in kleine groepen tijdens een weekend.\n",
    );
    // The build's summary: "the checks found 2 unreviewed, …, 1 inconsistency; …".
    let reported = |run: &Run| -> usize {
        let summary = run
            .stderr
            .lines()
            .find(|line| line.contains("the checks found"))
            .unwrap_or("");
        summary
            .split([',', ';'])
            .find_map(|part| part.trim().strip_suffix(" inconsistency"))
            .and_then(|count| count.rsplit(' ').next()?.parse().ok())
            .unwrap_or(0)
    };
    let ago = std::time::Duration::from_secs(60);
    age_site(site.path(), ago);
    let first = build(site.path(), &out.path().join("site"));
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(reported(&first), 1, "{}", first.stderr);
    // Only the first page changes: the second (the one reported) is carried over with
    // its segments, and the finding stays.
    let dutch_first = site.path().join("content/pages/zz-first.nl.md");
    replace_in(&dutch_first, "Pagina zz-first", "Pagina één");
    age_site(site.path(), ago);
    let second = build(site.path(), &out.path().join("site"));
    assert_eq!(reported(&second), 1, "{}", second.stderr);
    // The first page now agrees with the carried second one: nothing left to report.
    replace_in(&dutch_first, "kleine batches", "kleine groepen");
    age_site(site.path(), ago);
    let third = build(site.path(), &out.path().join("site"));
    assert_eq!(reported(&third), 0, "{}", third.stderr);
}

/// The part of the health page from the `<div>` whose `aria-label` starts with `label` to
/// the end of that `<div>`; `None` without one.
fn region<'a>(html: &'a str, label: &str) -> Option<&'a str> {
    let start = html.find(&format!("aria-label=\"{label}"))?;
    let start = html[..start].rfind("<div")?;
    let end = start + html[start..].find("</div>")? + "</div>".len();
    Some(&html[start..end])
}

/// The rows of a findings table: each row's anchor, code and count.
fn finding_rows(table: &str) -> Vec<(String, String, usize)> {
    table
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("<tr id=\"")?;
            let (anchor, rest) = rest.split_once('"')?;
            let (_, rest) = rest.split_once("<code>")?;
            let (code, rest) = rest.split_once("</code>")?;
            let (_, rest) = rest.split_once("<td>")?;
            let (count, _) = rest.split_once("</td>")?;
            Some((anchor.to_string(), code.to_string(), count.parse().ok()?))
        })
        .collect()
}

#[test]
fn the_health_page_counts_each_locales_findings_by_code_with_anchors() {
    let site = example_copy();
    let source = "Move the mailboxes in small batches over a weekend.\n";
    add_page(
        site.path(),
        "zz-first",
        source,
        "Verplaats de postvakken in kleine batches tijdens een weekend.\n",
    );
    // The sentence translated another way, and a paragraph left in English.
    let left = "Keep the old server running until every user has moved to the new one.\n";
    add_page(
        site.path(),
        "zz-second",
        &format!("# Steps\n\n{source}\n{left}"),
        &format!(
            "# Stappen\n\nVerplaats de postvakken in kleine groepen tijdens een weekend.\n\n{left}"
        ),
    );
    let (_, found) = check_json(site.path(), &[]);
    let mut expected = std::collections::BTreeMap::new();
    for finding in found.iter().filter(|d| d["locale"] == "nl") {
        *expected
            .entry(finding["code"].as_str().unwrap_or("").to_string())
            .or_insert(0usize) += 1;
    }
    assert_eq!(expected.get("inconsistency"), Some(&1), "{found:#?}");
    assert_eq!(expected.get("untranslated"), Some(&1), "{found:#?}");

    let out = site.path().join("public");
    let built = build(site.path(), &out);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let health = read(&out.join("_status/index.html"));

    let table = region(&health, "Findings, Nederlands (nl)")
        .unwrap_or_else(|| panic!("no Dutch findings table in {health}"));
    insta::assert_snapshot!("health_page_findings_nl", table);
    assert!(
        table.contains(
            "<caption>Findings of <code>stele check</code> in Nederlands, by code</caption>"
        ),
        "{table}"
    );
    // One row per counted code, in code order, each with the count `stele check` reports.
    let rows = finding_rows(table);
    let codes: Vec<&str> = rows.iter().map(|(_, code, _)| code.as_str()).collect();
    assert_eq!(
        codes,
        ["inconsistency", "unreviewed", "untranslated"],
        "{table}"
    );
    for (anchor, code, count) in &rows {
        assert_eq!(anchor, &format!("findings-nl-{code}"), "{table}");
        assert_eq!(
            Some(count),
            expected.get(code.as_str()),
            "{code}: {found:#?}"
        );
        // The summary links each count to its row, and the row's anchor is on the page once.
        assert!(
            health.contains(&format!("<a href=\"#{anchor}\">{code} {count}</a>")),
            "{health}"
        );
        assert_eq!(health.matches(&format!("id=\"{anchor}\"")).count(), 1);
    }
    // The table sits in the Dutch section, after its pages.
    let section = health
        .find("<section id=\"locale-nl\">")
        .expect("a Dutch section");
    let at = health.find(table).expect("the table");
    assert!(section < at && !health[section..at].contains("</section>"));

    // Locales without findings (the source, and Korean, whose missing pages are not
    // counted) have no table, and say so in the summary.
    assert_eq!(
        health.matches("aria-label=\"Findings, ").count(),
        1,
        "{health}"
    );
    for tag in ["en", "ko"] {
        let row = health
            .lines()
            .find(|line| line.starts_with(&format!("<tr><td><a href=\"#locale-{tag}\">")))
            .unwrap_or_else(|| panic!("no summary row for {tag} in {health}"));
        assert!(row.ends_with("<td>none</td></tr>"), "{row}");
    }
}
