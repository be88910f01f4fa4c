//! Korean particles after placeables: a paired form written after a value ("{ $version }(으)로",
//! the hedge machine-made documents use) is a `hedged-particle` warning that suggests
//! `JOSA()`, and a `JOSA()` call must name a particle it knows.

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::fluent::{self, Written};
use crate::load::locales::{Locale, Locales, offset_in};
use crate::util::particles::{FUNCTION, PARTICLES, Particle};

/// The particle checks of every locale.
pub(crate) fn check(locales: &Locales) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for locale in &locales.list {
        for (id, written) in fluent::messages(locale) {
            for (_, pattern) in fluent::patterns(written.entry) {
                check_pattern(locale, id, &written, pattern, &mut problems);
            }
        }
        for (id, written) in fluent::terms(locale) {
            let patterns = std::iter::once(&written.entry.value)
                .chain(written.entry.attributes.iter().map(|a| &a.value));
            for pattern in patterns {
                check_pattern(locale, id, &written, pattern, &mut problems);
            }
        }
    }
    problems
}

fn check_pattern<T>(
    locale: &Locale,
    id: &str,
    written: &Written<T>,
    pattern: &Pattern<&str>,
    problems: &mut Vec<Diagnostic>,
) {
    let source = written.file.resource.source();
    let mut previous: Option<&InlineExpression<&str>> = None;
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                if let Some(placeable) = previous
                    && let Some((hedge, particle)) = hedge_at_start(value)
                {
                    let start = offset_in(source, value);
                    let shown = placeable_text(placeable);
                    problems.push(
                        Diagnostic::warning(
                            Code::HedgedParticle,
                            &written.file.path,
                            format!(
                                "`{hedge}` after {shown} hedges between two forms; Stele can choose the one the value takes"
                            ),
                        )
                        .at_span(source, start..start + hedge.len())
                        .locale(&locale.tag)
                        .id(id)
                        .help(format!(
                            "write {{ {FUNCTION}({shown}, \"{}\") }} instead of {{ {shown} }}{hedge}",
                            particle.after_consonant
                        )),
                    );
                }
                previous = None;
            }
            PatternElement::Placeable { expression } => {
                previous = match expression {
                    Expression::Inline(inline) => Some(inline),
                    Expression::Select { variants, .. } => {
                        for variant in variants {
                            check_pattern(locale, id, written, &variant.value, problems);
                        }
                        None
                    }
                };
                visit_calls(expression, &mut |name, arguments| {
                    check_call(locale, id, written, name, arguments, problems)
                });
            }
        }
    }
}

/// The paired form a text starts with, and its particle.
fn hedge_at_start(text: &str) -> Option<(String, Particle)> {
    PARTICLES.iter().find_map(|particle| {
        let forms = [
            particle.paired.to_string(),
            format!("{}/{}", particle.after_consonant, particle.after_vowel),
            format!("{}/{}", particle.after_vowel, particle.after_consonant),
            format!("{}({})", particle.after_vowel, particle.after_consonant),
        ];
        forms
            .into_iter()
            .find(|form| text.starts_with(form.as_str()))
            .map(|form| (form, *particle))
    })
}

/// How a placeable is written, for the message and the suggestion.
fn placeable_text(inline: &InlineExpression<&str>) -> String {
    match inline {
        InlineExpression::VariableReference { id } => format!("${}", id.name),
        InlineExpression::TermReference { id, attribute, .. } => match attribute {
            Some(attribute) => format!("-{}.{}", id.name, attribute.name),
            None => format!("-{}", id.name),
        },
        InlineExpression::MessageReference { id, attribute } => match attribute {
            Some(attribute) => format!("{}.{}", id.name, attribute.name),
            None => id.name.to_string(),
        },
        InlineExpression::FunctionReference { id, arguments } => {
            match arguments.positional.first() {
                Some(first) => format!("{}({}, …)", id.name, placeable_text(first)),
                None => format!("{}()", id.name),
            }
        }
        _ => "the value".to_string(),
    }
}

type CallArguments<'a> = fluent_syntax::ast::CallArguments<&'a str>;

fn visit_calls<'a>(
    expression: &'a Expression<&'a str>,
    visit: &mut impl FnMut(&'a str, &'a CallArguments<'a>),
) {
    match expression {
        Expression::Inline(inline) => visit_inline_calls(inline, visit),
        Expression::Select { selector, .. } => visit_inline_calls(selector, visit),
    }
}

fn visit_inline_calls<'a>(
    inline: &'a InlineExpression<&'a str>,
    visit: &mut impl FnMut(&'a str, &'a CallArguments<'a>),
) {
    match inline {
        InlineExpression::FunctionReference { id, arguments } => {
            visit(id.name, arguments);
            for argument in &arguments.positional {
                visit_inline_calls(argument, visit);
            }
        }
        InlineExpression::Placeable { expression } => visit_calls(expression, visit),
        _ => {}
    }
}

/// A `JOSA()` call takes a value and a particle it knows, written as a string.
fn check_call<T>(
    locale: &Locale,
    id: &str,
    written: &Written<T>,
    name: &str,
    arguments: &CallArguments,
    problems: &mut Vec<Diagnostic>,
) {
    if name != FUNCTION {
        return;
    }
    let particle = match arguments.positional.get(1) {
        Some(InlineExpression::StringLiteral { value }) => Some(*value),
        _ => None,
    };
    if arguments.positional.len() >= 2 && particle.is_some_and(|p| Particle::named(p).is_some()) {
        return;
    }
    let source = written.file.resource.source();
    let start = offset_in(source, name);
    let known: Vec<String> = PARTICLES
        .iter()
        .map(|p| format!("{}/{}", p.after_consonant, p.after_vowel))
        .collect();
    let message = match particle {
        Some(particle) => format!("`{FUNCTION}()` does not know the particle \"{particle}\""),
        None => format!(
            "`{FUNCTION}()` needs a value and a particle, as in {FUNCTION}($version, \"으로\")"
        ),
    };
    problems.push(
        Diagnostic::error(Code::SyntaxError, &written.file.path, message)
            .at_span(source, start..start + name.len())
            .locale(&locale.tag)
            .id(id)
            .help(format!("name one of: {}", known.join(", "))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::locales::write_locale_folders;

    fn problems(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let (dir, folders) = write_locale_folders(files);
        let (locales, load) = Locales::load(dir.path(), &folders, "en");
        assert!(load.is_empty(), "{load:?}");
        check(&locales.unwrap())
    }

    #[test]
    fn a_paired_form_after_a_placeable_is_a_hedge() {
        let found = problems(&[
            (
                "locales/en/a.ftl",
                "move = Move to { $version }.\nsame = Same\n",
            ),
            (
                "locales/ko/a.ftl",
                "move = { $version }(으)로 이동합니다.\nsame = 모두 { -x }을(를) 씁니다.\n-x = 엑스\n",
            ),
        ]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|p| p.code == Code::HedgedParticle));
        assert_eq!((found[0].line, found[0].column), (1, 20));
        assert_eq!(
            found[0].help.as_deref(),
            Some("write { JOSA($version, \"으로\") } instead of { $version }(으)로")
        );
        assert!(
            found[1]
                .help
                .as_deref()
                .unwrap()
                .contains("JOSA(-x, \"을\")")
        );
    }

    #[test]
    fn hedges_elsewhere_and_chosen_particles_pass() {
        let found = problems(&[
            ("locales/en/a.ftl", "a = A { $v }\n"),
            (
                "locales/ko/a.ftl",
                "a = (으)로 시작하는 { JOSA($v, \"으로\") } 이동\n",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn hedges_inside_variants_are_found() {
        let found = problems(&[
            ("locales/en/a.ftl", "a = { $n } { $v }\n"),
            (
                "locales/ko/a.ftl",
                "a = { $n ->\n    [one] { $v }이(가) 하나\n   *[other] { $v }이(가) 여럿\n}\n",
            ),
        ]);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn josa_must_name_a_known_particle() {
        let found = problems(&[
            ("locales/en/a.ftl", "a = { $v }\nb = { $v }\n"),
            (
                "locales/ko/a.ftl",
                "a = { JOSA($v, \"에서\") }\nb = { JOSA($v) }\n",
            ),
        ]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|p| p.code == Code::SyntaxError && p.help.is_some())
        );
    }
}
