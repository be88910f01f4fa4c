//! The locale's own patterns (Xbench's checklists, Verifika's user-defined checks): each
//! rule in `locales/<tag>/rules.yaml` is a regular expression the translation must never
//! match, such as Korean 년/월/일 glued to a name placeable (`{ $version }년` reads the
//! release as a year). Placeables appear in the text as written (`{ $version }`). Korean
//! has that rule built in for every placeable the source does not follow with a unit of
//! time.

use std::sync::LazyLock;

use crate::util::pattern::Regex;

use crate::check::qa::{Finding, Rules, Unit, slice};
use crate::diagnostics::Code;

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let mut found = Vec::new();
    let own: &[crate::load::locale_qa::PatternRule] =
        rules.target.map(|t| t.patterns.as_slice()).unwrap_or(&[]);
    for rule in own {
        for hit in rule.pattern.find_iter(unit.translation.text) {
            if hit.is_empty() {
                continue;
            }
            found.push(Finding::new(
                Code::Pattern,
                hit.range(),
                format!(
                    "{} (rule `{}`: \"{}\")",
                    rule.message,
                    rule.id,
                    hit.as_str()
                ),
                rule.help.clone().unwrap_or_else(|| {
                    format!(
                        "the rule `{}` of this locale's rules.yaml forbids this text",
                        rule.id
                    )
                }),
            ));
        }
    }
    if rules.languages(unit).korean {
        for finding in korean_date_suffix(unit) {
            let overlaps = found.iter().any(|other: &Finding| {
                other.range.start < finding.range.end && finding.range.start < other.range.end
            });
            if !overlaps {
                found.push(finding);
            }
        }
    }
    found
}

/// A Korean year, month or day suffix right after a placeable, glued or after a space.
static KOREAN_DATE_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ ?(?:년|월|일(?:$|[\s.,;:!?)\]]|에|까지|부터))").unwrap());

/// A unit of time right after a placeable of the source ("{ $years }-year-old",
/// "{ $count } days", "{ $n } months").
static SOURCE_TIME_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[\s-]*(?:years?|months?|days?|weeks?|yr|yrs)\b").unwrap());

/// Built-in Korean rule: 년, 월 or 일 after a placeable reads its value as a year, month
/// or day ("{ $version }년" turns "Exchange 2016" into the year 2016). A placeable the
/// source itself follows with a unit of time ("{ $years } years") may take it.
fn korean_date_suffix(unit: &Unit) -> Vec<Finding> {
    let text = unit.translation.text;
    let mut found = Vec::new();
    for range in unit.translation.placeables {
        let Some(suffix) = text
            .get(range.end..)
            .and_then(|after| KOREAN_DATE_SUFFIX.find(after))
        else {
            continue;
        };
        let written = slice(text, range);
        let source = unit.source.text;
        let timed = unit.source.placeables.iter().any(|placeable| {
            slice(source, placeable) == written
                && source
                    .get(placeable.end..)
                    .is_some_and(|after| SOURCE_TIME_UNIT.is_match(after))
        });
        if timed {
            continue;
        }
        // The placeable and its suffix letter (년, 월, 일: three bytes each).
        let letter = suffix.start() + usize::from(suffix.as_str().starts_with(' '));
        let at = range.start..range.end + letter + '년'.len_utf8();
        found.push(Finding::new(
            Code::Pattern,
            at.clone(),
            format!(
                "\"{}\" after a placeable reads its value as a date: the source has no year, month or day after `{written}` (built-in rule `ko-date-suffix`)",
                slice(text, &at)
            ),
            "put a particle or a noun after the value (\"{ $version }의\", \"{ $version } 서버\"); dates come from their own placeable",
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;
    use crate::load::locale_qa::{LocaleQa, PatternRule};

    #[test]
    fn korean_date_suffixes_are_built_in_unless_the_source_has_a_unit_of_time() {
        let rules = Rules::default();
        let translation = "{ $roles }년 역할만 사용";
        let unit = owned("en", "Just { $roles } roles", "ko", translation);
        let found = check(&unit.unit(), &rules);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&translation[found[0].range.clone()], "{ $roles }년");
        let spaced = owned(
            "en",
            "Some features of { $version }",
            "ko",
            "{ $version } 일부 기능",
        );
        assert!(check(&spaced.unit(), &rules).is_empty());
        for (source, translation) in [
            ("{ $years }-year-old technology", "{ $years }년 된 기술"),
            ("in { $count } days", "{ $count }일 이내"),
            ("on { $date }", "{ $date }에"),
            ("{ $weeks } weeks or less", "{ $weeks }주 이하"),
        ] {
            let unit = owned("en", source, "ko", translation);
            assert!(check(&unit.unit(), &rules).is_empty(), "{translation}");
        }
        let dutch = owned("en", "Just { $roles } roles", "nl", "{ $roles }년");
        assert!(check(&dutch.unit(), &rules).is_empty());
    }

    #[test]
    fn a_year_suffix_after_a_name_placeable_is_reported() {
        let target = LocaleQa {
            patterns: vec![PatternRule {
                id: "no-date-suffix-after-name".into(),
                pattern: crate::util::pattern::Regex::new(
                    r"\{ *\$(?:version|source) *\}\s*[년월일]",
                )
                .unwrap(),
                message: "a date suffix after a release name".into(),
                help: None,
            }],
            ..LocaleQa::default()
        };
        let rules = Rules {
            target: Some(&target),
            ..Rules::default()
        };
        let translation = "{ $version }년 4월에 지원이 종료되었습니다.";
        let unit = owned(
            "en",
            "{ $version } reached end of support.",
            "ko",
            translation,
        );
        let found = check(&unit.unit(), &rules);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&translation[found[0].range.clone()], "{ $version }년");
        // A count of years may take 년; a particle after a name is fine.
        let quiet = owned(
            "en",
            "{ $years }-year-old technology in { $version }",
            "ko",
            "{ $years }년 된 { $version }의 기술",
        );
        assert!(check(&quiet.unit(), &rules).is_empty());
    }
}
