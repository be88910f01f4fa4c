//! The QA checks on every translated Fluent message: each pattern (value and attributes)
//! becomes a translation unit per select variant, its placeables written as in the file
//! (`{ $version }`), and each finding is placed back at file:line:column.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};
use rayon::prelude::*;

use crate::check::qa::inconsistency::FileSegments;
use crate::check::qa::located::Located;
use crate::check::qa::{Finding, Rules, Unit, check_unit, whole};
use crate::check::review;
use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity};
use crate::load::config::Config;
use crate::load::fluent;
use crate::load::locale_qa::QaResources;
use crate::load::locales::{Locale, Locales, offset_in};
use crate::load::lock::ReviewLock;

/// A pattern written out as one text, with where each piece came from in the file; a
/// placeable's piece maps to its opening brace.
pub(crate) type Flat = Located;

/// `pattern` written out with each select replaced by its variant keyed `choice` (else the
/// default). `cursor` is a file offset before the pattern, where the search for braces
/// starts.
pub(crate) fn flat(
    pattern: &Pattern<&str>,
    file_text: &str,
    cursor: usize,
    choice: Option<&str>,
) -> Flat {
    let mut flat = Flat::default();
    let mut cursor = cursor;
    add_pattern(&mut flat, pattern, file_text, &mut cursor, choice);
    flat
}

fn add_pattern(
    flat: &mut Flat,
    pattern: &Pattern<&str>,
    file: &str,
    cursor: &mut usize,
    choice: Option<&str>,
) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => add_text(flat, value, file, cursor),
            PatternElement::Placeable { expression } => {
                add_expression(flat, expression, file, cursor, choice)
            }
        }
    }
}

fn add_text(flat: &mut Flat, value: &str, file: &str, cursor: &mut usize) {
    let at = offset_in(file, value);
    flat.push_text(value, at);
    *cursor = at + value.len();
}

fn add_expression(
    flat: &mut Flat,
    expression: &Expression<&str>,
    file: &str,
    cursor: &mut usize,
    choice: Option<&str>,
) {
    match expression {
        Expression::Select { variants, .. } => {
            let chosen = variants
                .iter()
                .find(|variant| choice.is_some_and(|choice| key_name(&variant.key) == choice))
                .or_else(|| variants.iter().find(|variant| variant.default))
                .or(variants.first());
            if let Some(variant) = chosen {
                add_pattern(flat, &variant.value, file, cursor, choice);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            add_expression(flat, expression, file, cursor, choice)
        }
        Expression::Inline(InlineExpression::StringLiteral { value }) => {
            add_text(flat, value, file, cursor)
        }
        Expression::Inline(inline) => {
            let brace = file
                .get(*cursor..)
                .and_then(|rest| rest.find('{'))
                .map(|at| *cursor + at)
                .unwrap_or(*cursor);
            flat.push_placeable(&format!("{{ {} }}", written(inline)), brace);
            *cursor = brace + 1;
        }
    }
}

fn key_name<'a>(key: &VariantKey<&'a str>) -> &'a str {
    match key {
        VariantKey::Identifier { name } => name,
        VariantKey::NumberLiteral { value } => value,
    }
}

/// An inline expression as a translator writes it: `$version`, `-term`, `NUMBER($port)`.
fn written(inline: &InlineExpression<&str>) -> String {
    match inline {
        InlineExpression::StringLiteral { value } => format!("\"{value}\""),
        InlineExpression::NumberLiteral { value } => value.to_string(),
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
            let positional: Vec<String> = arguments.positional.iter().map(written).collect();
            format!("{}({})", id.name, positional.join(", "))
        }
        InlineExpression::Placeable { .. } => "…".to_string(),
    }
}

/// The variant keys a pattern's selects use, nested ones included.
fn variant_keys<'a>(pattern: &'a Pattern<&'a str>, found: &mut BTreeSet<&'a str>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_keys(expression, found);
        }
    }
}

fn expression_keys<'a>(expression: &'a Expression<&'a str>, found: &mut BTreeSet<&'a str>) {
    match expression {
        Expression::Select { variants, .. } => {
            for variant in variants {
                found.insert(key_name(&variant.key));
                variant_keys(&variant.value, found);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_keys(expression, found)
        }
        Expression::Inline(_) => {}
    }
}

/// The texts of a locale's terms: names a translation may type as they are.
pub(crate) fn term_names(locale: &Locale) -> Vec<String> {
    fluent::terms(locale)
        .values()
        .map(|term| fluent::texts(&term.entry.value).concat().trim().to_string())
        .filter(|text| text.chars().count() >= 2)
        .collect()
}

/// How loud each check is for a locale: its severity, or `None` when it is off.
pub(crate) fn levels(config: &Config, tag: &str) -> BTreeMap<Code, Option<Severity>> {
    crate::check::qa::CODES
        .iter()
        .map(|code| (*code, config.check_level(tag, *code)))
        .collect()
}

/// One translated pattern, written out for one variant choice.
struct Written<'a> {
    label: String,
    id: &'a str,
    file: &'a crate::load::locales::LocaleFile,
    source: Flat,
    translation: Flat,
}

/// Every QA check on every translated message of every locale. A translation whose source
/// changed since it was reviewed is `stale-translation` already and waits for its
/// translator: its findings are warnings, so a source edit does not stop the build.
pub fn check(
    locales: &Locales,
    resources: &QaResources,
    config: &Config,
    locks: &BTreeMap<String, ReviewLock>,
) -> (Vec<Diagnostic>, Vec<FileSegments>) {
    let no_lock = ReviewLock::default();
    let mut segments = Vec::new();
    let source = locales.source();
    let source_messages = fluent::messages(source);
    let source_names = term_names(source);
    let mut problems = Vec::new();
    for locale in locales.list.iter().skip(1) {
        let levels = levels(config, &locale.tag);
        if levels.values().all(Option::is_none) {
            continue;
        }
        let stale: BTreeSet<String> =
            review::states(locales, locale, locks.get(&locale.tag).unwrap_or(&no_lock))
                .into_iter()
                .filter(|message| message.state == review::State::Stale)
                .map(|message| message.id)
                .collect();
        let rules = Rules::for_pair(
            &source.tag,
            &locale.tag,
            resources.get(&source.tag),
            resources.get(&locale.tag),
        );
        let mut names = source_names.clone();
        names.extend(term_names(locale));
        let translated = fluent::messages(locale);
        let mut units: Vec<Written> = Vec::new();
        let mut defaults: Vec<usize> = Vec::new();
        for (id, original) in &source_messages {
            let Some(translation) = translated.get(id) else {
                continue;
            };
            let source_file = original.file.resource.source();
            let target_file = translation.file.resource.source();
            let target_patterns = fluent::patterns(translation.entry);
            for (name, source_pattern) in fluent::patterns(original.entry) {
                let Some((_, target_pattern)) = target_patterns.iter().find(|(n, _)| *n == name)
                else {
                    continue;
                };
                let (source_cursor, target_cursor) = match name {
                    Some(attribute) => (
                        attribute_offset(source_file, original.entry, attribute),
                        attribute_offset(target_file, translation.entry, attribute),
                    ),
                    None => (
                        offset_in(source_file, original.entry.id.name),
                        offset_in(target_file, translation.entry.id.name),
                    ),
                };
                let label = match name {
                    Some(attribute) => format!("{id}.{attribute}"),
                    None => id.to_string(),
                };
                let mut keys = BTreeSet::new();
                variant_keys(source_pattern, &mut keys);
                let choices = std::iter::once(None).chain(keys.into_iter().map(Some));
                for choice in choices {
                    if choice.is_none() {
                        defaults.push(units.len());
                    }
                    units.push(Written {
                        label: label.clone(),
                        id,
                        file: translation.file,
                        source: flat(source_pattern, source_file, source_cursor, choice),
                        translation: flat(target_pattern, target_file, target_cursor, choice),
                    });
                }
            }
        }
        let mut seen = BTreeSet::new();
        let mut report = |unit: &Written, finding: Finding, problems: &mut Vec<Diagnostic>| {
            let Some(severity) = levels.get(&finding.code).copied().flatten() else {
                return;
            };
            let span = unit.translation.file_span(&finding.range);
            if !seen.insert((
                finding.code,
                unit.file.path.clone(),
                span.start,
                finding.message.clone(),
            )) {
                return;
            }
            let severity = if stale.contains(unit.id) {
                Severity::Warning
            } else {
                severity
            };
            let text = unit.file.resource.source();
            let diagnostic = match severity {
                Severity::Error => {
                    Diagnostic::error(finding.code, &unit.file.path, finding.message)
                }
                Severity::Warning => {
                    Diagnostic::warning(finding.code, &unit.file.path, finding.message)
                }
            };
            problems.push(
                diagnostic
                    .at_span(text, span)
                    .locale(&locale.tag)
                    .id(unit.id)
                    .help(finding.help),
            );
        };
        // Units are independent: checked in parallel, reported in file order.
        let found: Vec<Vec<Finding>> = units
            .par_iter()
            .map(|unit| {
                check_unit(
                    &Unit {
                        source: unit.source.side(&source.tag),
                        translation: unit.translation.side(&locale.tag),
                        names: &names,
                    },
                    &rules,
                    |code| levels.get(&code).copied().flatten().is_some(),
                )
            })
            .collect();
        for (unit, findings) in units.iter().zip(found) {
            for finding in findings {
                report(unit, finding, &mut problems);
            }
        }
        if levels
            .get(&Code::Inconsistency)
            .copied()
            .flatten()
            .is_some()
        {
            // One list per Fluent file, in the order the messages come.
            let mut files: Vec<(LineIndex, FileSegments)> = Vec::new();
            for &index in &defaults {
                let unit = &units[index];
                let at = files
                    .iter()
                    .position(|(_, file)| file.file == unit.file.path);
                let at = at.unwrap_or_else(|| {
                    files.push((
                        LineIndex::new(unit.file.resource.source()),
                        FileSegments::new(&locale.tag, &unit.file.path, ""),
                    ));
                    files.len() - 1
                });
                let (lines, file) = &mut files[at];
                file.add(
                    &unit.source.side(&source.tag),
                    &unit.translation.side(&locale.tag),
                    (
                        lines,
                        unit.translation
                            .file_span(&whole(&unit.translation.text))
                            .start,
                    ),
                    Some(unit.label.clone()),
                    stale.contains(unit.id),
                );
            }
            let mut files: Vec<FileSegments> = files.into_iter().map(|(_, file)| file).collect();
            files.sort_by(|a, b| a.file.cmp(&b.file));
            for file in &mut files {
                file.sort();
            }
            segments.extend(files);
        }
    }
    (problems, segments)
}

fn attribute_offset(file: &str, message: &fluent::Message, attribute: &str) -> usize {
    message
        .attributes
        .iter()
        .find(|a| a.id.name == attribute)
        .map(|a| offset_in(file, a.id.name))
        .unwrap_or(0)
}
