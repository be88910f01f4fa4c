//! The locale's own patterns (Xbench's checklists, Verifika's user-defined checks): each
//! rule in `locales/<tag>/rules.yaml` is a regular expression the translation must never
//! match, such as Korean 년/월/일 glued to a name placeable (`{ $version }년` reads the
//! release as a year). Placeables appear in the text as written (`{ $version }`).

use crate::check::qa::{Finding, Rules, Unit};
use crate::diagnostics::Code;

pub(crate) fn check(unit: &Unit, rules: &Rules) -> Vec<Finding> {
    let Some(target) = rules.target else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for rule in &target.patterns {
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
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::qa::testing::owned;
    use crate::load::locale_qa::{LocaleQa, PatternRule};

    #[test]
    fn a_year_suffix_after_a_name_placeable_is_reported() {
        let target = LocaleQa {
            patterns: vec![PatternRule {
                id: "no-date-suffix-after-name".into(),
                pattern: regex::Regex::new(r"\{ *\$(?:version|source) *\}\s*[년월일]").unwrap(),
                message: "a date suffix after a release name".into(),
                help: None,
            }],
            ..LocaleQa::default()
        };
        let rules = Rules {
            source: None,
            target: Some(&target),
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
