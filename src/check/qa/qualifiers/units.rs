//! Units next to a number: "{ $days } days" that became "{ $days }개월" keeps the number
//! and every placeable, and says months. Each unit is a qualifier whose renderings are
//! the unit after a number or a placeable (masked as `#`, `§` or `□`), and whose opposites
//! are the other units of its kind there, reported where the source does not name them.
//! The unit's words are the pattern's first group, so a finding points at them rather
//! than at the number before.
//!
//! Only a unit that follows a number or a word of quantity ("a few weeks") counts: "하루" or "per month" elsewhere in a sentence
//! is not what drift changes. Korean calendar dates are not durations: "4월 11일" (April
//! 11) is not "11 days", and "2023년" (the year 2023) is not "2023 years" unless a word of
//! duration follows (년간, 년 동안).

use super::Qualifier;

/// A number or a masked placeable, in a pattern.
macro_rules! number {
    () => {
        r"[#§□\d]"
    };
}

/// A number, a masked placeable or a word of quantity ("een paar weken", "몇 주"), per
/// language. Korean number words stand after a space: the 한 of "필요한 시간" (the time
/// needed) is no "one".
macro_rules! nl_count {
    () => {
        r"(?:[#§□\d]|\b(?:paar|enkele|aantal|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|meerdere|vele))"
    };
}
macro_rules! ko_count {
    () => {
        r"(?:[#§□\d]|(?:^|\s)(?:몇|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|여러|수))"
    };
}
macro_rules! de_count {
    () => {
        r"(?:[#§□\d]|\b(?:paar|einigen?|wenigen?|mehreren?|ein|einen?|einem|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf))"
    };
}
macro_rules! fr_count {
    () => {
        r"(?:[#§□\d]|\b(?:quelques|plusieurs|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze))"
    };
}

/// The renderings of one unit in each language, as `shown ~ pattern` renderings.
struct Unit {
    nl: &'static str,
    ko: &'static str,
    de: &'static str,
    fr: &'static str,
}

const DAYS: Unit = Unit {
    nl: concat!("dagen ~ (?i)", nl_count!(), r"\s*((?:werk)?dag(?:en)?)\b"),
    // Not after a word of quantity: "한 일" is "the work done".
    ko: concat!(
        r"일 ~ (?:^|[^월\d\s#§□])\s*",
        number!(),
        r"+\s*(일)|(며칠|하루|이틀|사흘)"
    ),
    de: concat!(
        "Tage ~ (?i)",
        de_count!(),
        r"\s*((?:werk|arbeits)?tag(?:e|en)?)\b"
    ),
    fr: concat!("jours ~ (?i)", fr_count!(), r"\s*(jours?)\b"),
};

const WEEKS: Unit = Unit {
    nl: concat!("weken ~ (?i)", nl_count!(), r"\s*(weken|week)\b"),
    ko: concat!("주 ~ ", ko_count!(), r"\s*(주)(?:[^년요소]|$)"),
    de: concat!("Wochen ~ (?i)", de_count!(), r"\s*(wochen?)\b"),
    fr: concat!("semaines ~ (?i)", fr_count!(), r"\s*(semaines?)\b"),
};

const MONTHS: Unit = Unit {
    nl: concat!("maanden ~ (?i)", nl_count!(), r"\s*(maand(?:en)?)\b"),
    ko: concat!("개월 ~ ", ko_count!(), r"\s*(개월|달)"),
    de: concat!("Monate ~ (?i)", de_count!(), r"\s*(monat(?:e|en)?)\b"),
    fr: concat!("mois ~ (?i)", fr_count!(), r"\s*(mois)\b"),
};

const YEARS: Unit = Unit {
    nl: concat!("jaar ~ (?i)", nl_count!(), r"\s*(ja(?:ar|ren))\b"),
    ko: r"년 ~ [#§□]\s*(년)|\d+\s*(년)\s*(?:간|동안|이상|이하|이내|미만|후|뒤|전|마다)|(?:^|\s)(?:몇|수|여러)\s*(년|해)",
    de: concat!("Jahre ~ (?i)", de_count!(), r"\s*(jahr(?:e|en)?)\b"),
    fr: concat!("ans ~ (?i)", fr_count!(), r"\s*(ans?|années?)\b"),
};

const HOURS: Unit = Unit {
    nl: concat!("uur ~ (?i)", nl_count!(), r"\s*(u(?:ur|ren))\b"),
    ko: concat!("시간 ~ ", ko_count!(), r"\s*(시간)"),
    de: concat!("Stunden ~ (?i)", de_count!(), r"\s*(stunden?)\b"),
    fr: concat!("heures ~ (?i)", fr_count!(), r"\s*(heures?)\b"),
};

const MINUTES: Unit = Unit {
    nl: concat!("minuten ~ (?i)", nl_count!(), r"\s*(minu(?:ut|ten))\b"),
    ko: concat!("분 ~ ", ko_count!(), r"\s*(분)(?:[^기의]|$)"),
    de: concat!("Minuten ~ (?i)", de_count!(), r"\s*(minuten?)\b"),
    fr: concat!("minutes ~ (?i)", fr_count!(), r"\s*(minutes?)\b"),
};

/// A size unit is written alike in every language, or spelled out.
macro_rules! size {
    ($shown:literal, $short:literal, $binary:literal, $ko:literal, $word:literal) => {{
        const SPELLED: &str = concat!(
            $shown,
            " ~ ",
            number!(),
            r"\s*(",
            $short,
            "|",
            $binary,
            r"|(?i:",
            $word,
            r"s?))(?:[^A-Za-z]|$)"
        );
        Unit {
            nl: SPELLED,
            ko: concat!(
                $shown,
                " ~ ",
                number!(),
                r"\s*(",
                $short,
                "|",
                $binary,
                "|",
                $ko,
                r")(?:[^A-Za-z]|$)"
            ),
            de: SPELLED,
            fr: SPELLED,
        }
    }};
}

const KB: Unit = size!("KB", "KB", "KiB", "킬로바이트", "kilobyte");
const MB: Unit = size!("MB", "MB", "MiB", "메가바이트", "megabyte");
const GB: Unit = size!("GB", "GB", "GiB", "기가바이트", "gigabyte");
const TB: Unit = size!("TB", "TB", "TiB", "테라바이트", "terabyte");

/// The renderings per language of `units`, for a qualifier's targets or opposites.
macro_rules! per_language {
    ($($unit:expr),*) => {
        &[
            ("nl", &[$($unit.nl),*]),
            ("ko", &[$($unit.ko),*]),
            ("de", &[$($unit.de),*]),
            ("fr", &[$($unit.fr),*]),
        ]
    };
}

pub(super) const UNITS: &[Qualifier] = &[
    Qualifier {
        source: &["day", "business day", "calendar day"],
        targets: per_language!(DAYS),
        opposites: per_language!(WEEKS, MONTHS, YEARS, HOURS, MINUTES),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["week"],
        targets: per_language!(WEEKS),
        opposites: per_language!(DAYS, MONTHS, YEARS, HOURS, MINUTES),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["month"],
        targets: per_language!(MONTHS),
        opposites: per_language!(DAYS, WEEKS, YEARS, HOURS, MINUTES),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["year"],
        targets: per_language!(YEARS),
        opposites: per_language!(DAYS, WEEKS, MONTHS, HOURS, MINUTES),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["hour"],
        targets: per_language!(HOURS),
        opposites: per_language!(DAYS, WEEKS, MONTHS, YEARS, MINUTES),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["minute"],
        targets: per_language!(MINUTES),
        opposites: per_language!(DAYS, WEEKS, MONTHS, YEARS, HOURS),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["KB", "KiB", "kilobyte"],
        targets: per_language!(KB),
        opposites: per_language!(MB, GB, TB),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["MB", "MiB", "megabyte"],
        targets: per_language!(MB),
        opposites: per_language!(KB, GB, TB),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["GB", "GiB", "gigabyte"],
        targets: per_language!(GB),
        opposites: per_language!(KB, MB, TB),
        required: false,
        required_in: &[],
    },
    Qualifier {
        source: &["TB", "TiB", "terabyte"],
        targets: per_language!(TB),
        opposites: per_language!(KB, MB, GB),
        required: false,
        required_in: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_quiet, glossary_findings};

    #[test]
    fn a_unit_changed_beside_its_number_is_reported_at_the_unit() {
        for (source, tag, kept, drifted, unit) in [
            (
                "Keep the logs for { $days } days.",
                "ko",
                "로그를 { $days }일 동안 보관합니다.",
                "로그를 { $days }개월 동안 보관합니다.",
                "개월",
            ),
            (
                "Keep the logs for { $days } days.",
                "nl",
                "Bewaar de logboeken { $days } dagen.",
                "Bewaar de logboeken { $days } weken.",
                "weken",
            ),
            (
                "A lifecycle runs for 10 years.",
                "ko",
                "수명 주기는 10년 동안 지속됩니다.",
                "수명 주기는 10개월 동안 지속됩니다.",
                "개월",
            ),
            (
                "The mailbox limit is { $size } GB.",
                "ko",
                "사서함 한도는 { $size }GB입니다.",
                "사서함 한도는 { $size }MB입니다.",
                "MB",
            ),
            (
                "Most organizations finish within a few weeks.",
                "ko",
                "대부분의 조직은 몇 주 안에 완료합니다.",
                "대부분의 조직은 몇 달 안에 완료합니다.",
                "달",
            ),
            (
                "Most organizations finish within a few weeks.",
                "nl",
                "De meeste organisaties zijn binnen een paar weken klaar.",
                "De meeste organisaties zijn binnen een paar maanden klaar.",
                "maanden",
            ),
            (
                "The sync runs every { $n } hours.",
                "de",
                "Die Synchronisierung läuft alle { $n } Stunden.",
                "Die Synchronisierung läuft alle { $n } Minuten.",
                "Minuten",
            ),
        ] {
            assert_eq!(
                glossary_findings(source, tag, kept),
                Vec::<String>::new(),
                "{kept}"
            );
            let found = glossary_findings(source, tag, drifted);
            assert_eq!(found.len(), 1, "{drifted}: {found:?}");
            assert!(found[0].starts_with(&format!("\"{unit}\"")), "{}", found[0]);
        }
    }

    #[test]
    fn dates_years_and_units_the_source_names_are_not_changed_units() {
        assert_quiet(&[
            // A calendar date is not a count of days, nor a year a count of years.
            (
                "Support ended 18 months after April 11, 2017.",
                "ko",
                "지원은 2017년 4월 11일로부터 18개월 후에 종료되었습니다.",
            ),
            (
                "In 2023, move the mailboxes within 30 days.",
                "ko",
                "2023년에는 30일 이내에 사서함을 이동합니다.",
            ),
            // Both units in the source.
            (
                "Plan 2 weeks for testing and 3 months for the move.",
                "nl",
                "Plan 2 weken voor tests en 3 maanden voor de overstap.",
            ),
            // "필요한 시간" is the time needed, not "one hour".
            (
                "Plan { $days } days for the move.",
                "ko",
                "이전에 필요한 시간으로 { $days }일을 계획합니다.",
            ),
            // A unit said without a number elsewhere.
            (
                "Keep the logs for { $days } days.",
                "ko",
                "로그를 매달 정리하되 { $days }일 동안 보관합니다.",
            ),
        ]);
    }
}
