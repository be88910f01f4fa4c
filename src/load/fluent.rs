//! What the checks read out of a Fluent message's AST: its patterns, the variables, terms
//! and messages they reference, the literal text a translator typed, and a canonical form
//! of the whole message for review hashes.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    self, CallArguments, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

use crate::load::locales::{Locale, LocaleFile};

pub(crate) type Message<'a> = ast::Message<&'a str>;
pub(crate) type Term<'a> = ast::Term<&'a str>;

/// A message as written in one file of a locale.
pub(crate) struct Written<'a, T> {
    pub(crate) entry: &'a T,
    pub(crate) file: &'a LocaleFile,
}

/// Every message a locale writes itself, by id (the first definition wins, as in the bundle).
pub(crate) fn messages(locale: &Locale) -> BTreeMap<&str, Written<'_, Message<'_>>> {
    let mut found = BTreeMap::new();
    for file in &locale.files {
        for entry in file.resource.entries() {
            if let ast::Entry::Message(message) = entry {
                found.entry(message.id.name).or_insert(Written {
                    entry: message,
                    file,
                });
            }
        }
    }
    found
}

/// Every term a locale writes itself, by id without the leading `-`.
pub(crate) fn terms(locale: &Locale) -> BTreeMap<&str, Written<'_, Term<'_>>> {
    let mut found = BTreeMap::new();
    for file in &locale.files {
        for entry in file.resource.entries() {
            if let ast::Entry::Term(term) = entry {
                found
                    .entry(term.id.name)
                    .or_insert(Written { entry: term, file });
            }
        }
    }
    found
}

/// The patterns of a message with their names: `None` for the value, `Some(attr)` for each
/// attribute.
pub(crate) fn patterns<'a>(
    message: &'a Message<'a>,
) -> Vec<(Option<&'a str>, &'a Pattern<&'a str>)> {
    let mut list = Vec::new();
    if let Some(value) = &message.value {
        list.push((None, value));
    }
    for attribute in &message.attributes {
        list.push((Some(attribute.id.name), &attribute.value));
    }
    list
}

/// What a pattern refers to, across every select variant, nested placeable and function
/// argument.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct References {
    /// `$variables`, without the `$`.
    pub(crate) variables: BTreeSet<String>,
    /// `-terms`, with the `-`.
    pub(crate) terms: BTreeSet<String>,
    /// Message references, `id` or `id.attr`.
    pub(crate) messages: BTreeSet<String>,
}

pub(crate) fn references(pattern: &Pattern<&str>) -> References {
    let mut found = References::default();
    walk_pattern(pattern, &mut |inline| match inline {
        InlineExpression::VariableReference { id } => {
            found.variables.insert(id.name.to_string());
        }
        InlineExpression::TermReference { id, .. } => {
            found.terms.insert(format!("-{}", id.name));
        }
        InlineExpression::MessageReference { id, attribute } => {
            found.messages.insert(match attribute {
                Some(attribute) => format!("{}.{}", id.name, attribute.name),
                None => id.name.to_string(),
            });
        }
        _ => {}
    });
    found
}

/// One way a pattern can read: a choice of variant in each select it takes, with the
/// references and text of that reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Variant {
    /// `(selector, key)` of each select on the way, outermost first.
    pub(crate) keys: Vec<(String, String)>,
    /// How many of those keys are the select's default.
    pub(crate) defaults: usize,
    /// Variables a select on the way chose by: a variant may leave its own selector out.
    pub(crate) selectors: BTreeSet<String>,
    /// How often each `$variable`, `-term` and message reference is placed.
    pub(crate) references: BTreeMap<String, usize>,
    /// The text as Markdown, each placeable written compactly (`{$url}`, `{-exchange}`).
    pub(crate) text: String,
    /// How each `$variable` is placed (name without the `$`), in order: what the reading
    /// shows of the value depends on the function and options it is placed through.
    pub(crate) shown: Vec<(String, Shown)>,
}

/// How a placeable shows a `$variable`: bare (`{ $date }`, or through a function that
/// shows the value as it formats, `JOSA($date, "은")`), or as the first argument of a
/// function call with the literal named options written in it
/// (`DATETIME($date, month: "long")`). What those options mean is the checks' business.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Shown {
    Bare,
    Call {
        function: String,
        options: Vec<(String, String)>,
    },
}

/// One placement of a `$variable` in a pattern: the variable (without `$`), how it is
/// shown, and a slice of the file to point at (the function's name, else the variable's).
#[derive(Debug, Clone)]
pub(crate) struct Placement<'a> {
    pub(crate) variable: &'a str,
    pub(crate) shown: Shown,
    pub(crate) anchor: &'a str,
}

/// Every placement of a `$variable` in a pattern, in every select variant, in file order.
/// A selector is not shown, so a variable only selected on is not placed.
pub(crate) fn placements<'a>(pattern: &'a Pattern<&'a str>) -> Vec<Placement<'a>> {
    let mut found = Vec::new();
    collect_placements(pattern, &mut found);
    found
}

fn collect_placements<'a>(pattern: &'a Pattern<&'a str>, found: &mut Vec<Placement<'a>>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression_placements(expression, found);
        }
    }
}

fn collect_expression_placements<'a>(
    expression: &'a Expression<&'a str>,
    found: &mut Vec<Placement<'a>>,
) {
    match expression {
        Expression::Select { variants, .. } => {
            for variant in variants {
                collect_placements(&variant.value, found);
            }
        }
        Expression::Inline(inline) => inline_placements(inline, found),
    }
}

/// The placements of one inline expression: a function call whose first argument is a
/// variable places that variable with the call's options; any other variable is bare.
fn inline_placements<'a>(inline: &'a InlineExpression<&'a str>, found: &mut Vec<Placement<'a>>) {
    match inline {
        InlineExpression::VariableReference { id } => found.push(Placement {
            variable: id.name,
            shown: Shown::Bare,
            anchor: id.name,
        }),
        InlineExpression::FunctionReference { id, arguments } => {
            let mut rest = arguments.positional.iter();
            if let Some(InlineExpression::VariableReference { id: variable }) =
                arguments.positional.first()
            {
                rest.next();
                let options = arguments
                    .named
                    .iter()
                    .filter_map(|named| match &named.value {
                        InlineExpression::StringLiteral { value }
                        | InlineExpression::NumberLiteral { value } => {
                            Some((named.name.name.to_string(), value.to_string()))
                        }
                        _ => None,
                    })
                    .collect();
                found.push(Placement {
                    variable: variable.name,
                    shown: Shown::Call {
                        function: id.name.to_string(),
                        options,
                    },
                    anchor: id.name,
                });
            }
            for positional in rest {
                inline_placements(positional, found);
            }
            for named in &arguments.named {
                inline_placements(&named.value, found);
            }
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for positional in &arguments.positional {
                inline_placements(positional, found);
            }
            for named in &arguments.named {
                inline_placements(&named.value, found);
            }
        }
        InlineExpression::Placeable { expression } => {
            collect_expression_placements(expression, found)
        }
        _ => {}
    }
}

/// Past this many readings a pattern is compared by its first ones only; real messages
/// have a handful.
const MAX_VARIANTS: usize = 64;

/// Every reading of a pattern (one, if it has no select).
pub(crate) fn variants(pattern: &Pattern<&str>) -> Vec<Variant> {
    let mut found = vec![Variant::default()];
    expand(pattern, &mut found);
    found
}

fn expand(pattern: &Pattern<&str>, found: &mut Vec<Variant>) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                for variant in found.iter_mut() {
                    variant.text.push_str(value);
                }
            }
            PatternElement::Placeable { expression } => expand_expression(expression, found),
        }
    }
}

fn expand_expression(expression: &Expression<&str>, found: &mut Vec<Variant>) {
    match expression {
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expand_expression(expression, found)
        }
        Expression::Inline(inline) => {
            let mut written = String::new();
            write_inline(inline, &mut written);
            let compact: String = written.split_whitespace().collect();
            let mut counts: Vec<String> = Vec::new();
            walk_inline(inline, &mut |inner| {
                if let Some(name) = reference_name(inner) {
                    counts.push(name);
                }
            });
            let mut placed = Vec::new();
            inline_placements(inline, &mut placed);
            for variant in found.iter_mut() {
                variant.text.push('{');
                variant.text.push_str(&compact);
                variant.text.push('}');
                for name in &counts {
                    *variant.references.entry(name.clone()).or_default() += 1;
                }
                variant.shown.extend(
                    placed
                        .iter()
                        .map(|placement| (placement.variable.to_string(), placement.shown.clone())),
                );
            }
        }
        Expression::Select { selector, variants } => {
            let mut selector_text = String::new();
            write_inline(selector, &mut selector_text);
            let mut chosen_by = BTreeSet::new();
            walk_inline(selector, &mut |inner| {
                if let InlineExpression::VariableReference { id } = inner {
                    chosen_by.insert(id.name.to_string());
                }
            });
            let before = std::mem::take(found);
            for partial in before {
                for option in variants {
                    if found.len() >= MAX_VARIANTS {
                        break;
                    }
                    let mut branch = vec![partial.clone()];
                    let key = match &option.key {
                        VariantKey::Identifier { name } => name.to_string(),
                        VariantKey::NumberLiteral { value } => value.to_string(),
                    };
                    branch[0].keys.push((selector_text.clone(), key));
                    branch[0].defaults += option.default as usize;
                    branch[0].selectors.extend(chosen_by.iter().cloned());
                    expand(&option.value, &mut branch);
                    found.extend(branch);
                }
            }
        }
    }
}

/// `$x`, `-term` or `message`/`message.attr`, for an inline expression that references.
fn reference_name(inline: &InlineExpression<&str>) -> Option<String> {
    match inline {
        InlineExpression::VariableReference { id } => Some(format!("${}", id.name)),
        InlineExpression::TermReference { id, .. } => Some(format!("-{}", id.name)),
        InlineExpression::MessageReference { id, attribute } => Some(match attribute {
            Some(attribute) => format!("{}.{}", id.name, attribute.name),
            None => id.name.to_string(),
        }),
        _ => None,
    }
}

/// The source reading a translated reading is compared with: the one taking the most of
/// the same variant keys, then the most defaults (a language with fewer plural
/// categories reads its `other` against the source's).
pub(crate) fn counterpart<'a>(translated: &Variant, source: &'a [Variant]) -> Option<&'a Variant> {
    source.iter().max_by_key(|candidate| {
        let shared = candidate
            .keys
            .iter()
            .filter(|key| translated.keys.contains(key))
            .count();
        (shared, candidate.defaults)
    })
}

/// The names of the functions a pattern calls (`DATETIME`, `NUMBER`, ...), as slices of
/// the file so they can be located.
pub(crate) fn functions<'a>(pattern: &'a Pattern<&'a str>) -> Vec<&'a str> {
    let mut found = Vec::new();
    walk_pattern(pattern, &mut |inline| {
        if let InlineExpression::FunctionReference { id, .. } = inline {
            found.push(id.name);
        }
    });
    found
}

/// The function calls of a pattern: each function's name and its arguments.
pub(crate) fn calls<'a>(
    pattern: &'a Pattern<&'a str>,
) -> Vec<(&'a str, &'a CallArguments<&'a str>)> {
    let mut found = Vec::new();
    walk_pattern(pattern, &mut |inline| {
        if let InlineExpression::FunctionReference { id, arguments } = inline {
            found.push((id.name, arguments));
        }
    });
    found
}

/// The text elements of a pattern, including those inside select variants: what a
/// translator typed, as slices of the file so they can be located.
pub(crate) fn texts<'a>(pattern: &'a Pattern<&'a str>) -> Vec<&'a str> {
    let mut found = Vec::new();
    collect_texts(pattern, &mut found);
    found
}

fn collect_texts<'a>(pattern: &'a Pattern<&'a str>, found: &mut Vec<&'a str>) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => found.push(value),
            PatternElement::Placeable { expression } => collect_expression_texts(expression, found),
        }
    }
}

fn collect_expression_texts<'a>(expression: &'a Expression<&'a str>, found: &mut Vec<&'a str>) {
    match expression {
        Expression::Select { variants, .. } => {
            for variant in variants {
                collect_texts(&variant.value, found);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            collect_expression_texts(expression, found)
        }
        Expression::Inline(_) => {}
    }
}

/// Every select expression of a pattern with its variant keys (identifier keys only).
pub(crate) fn selects<'a>(pattern: &'a Pattern<&'a str>) -> Vec<Vec<&'a str>> {
    let mut found = Vec::new();
    collect_selects(pattern, &mut found);
    found
}

fn collect_selects<'a>(pattern: &'a Pattern<&'a str>, found: &mut Vec<Vec<&'a str>>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression_selects(expression, found);
        }
    }
}

fn collect_expression_selects<'a>(
    expression: &'a Expression<&'a str>,
    found: &mut Vec<Vec<&'a str>>,
) {
    match expression {
        Expression::Select { variants, .. } => {
            found.push(
                variants
                    .iter()
                    .filter_map(|variant| match &variant.key {
                        VariantKey::Identifier { name } => Some(*name),
                        VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect(),
            );
            for variant in variants {
                collect_selects(&variant.value, found);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            collect_expression_selects(expression, found)
        }
        Expression::Inline(_) => {}
    }
}

/// Calls `visit` on every inline expression of a pattern, however deeply nested.
fn walk_pattern<'a>(
    pattern: &'a Pattern<&'a str>,
    visit: &mut impl FnMut(&'a InlineExpression<&'a str>),
) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, visit);
        }
    }
}

fn walk_expression<'a>(
    expression: &'a Expression<&'a str>,
    visit: &mut impl FnMut(&'a InlineExpression<&'a str>),
) {
    match expression {
        Expression::Select { selector, variants } => {
            walk_inline(selector, visit);
            for variant in variants {
                walk_pattern(&variant.value, visit);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, visit),
    }
}

fn walk_inline<'a>(
    inline: &'a InlineExpression<&'a str>,
    visit: &mut impl FnMut(&'a InlineExpression<&'a str>),
) {
    visit(inline);
    match inline {
        InlineExpression::FunctionReference { arguments, .. } => walk_arguments(arguments, visit),
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => walk_arguments(arguments, visit),
        InlineExpression::Placeable { expression } => walk_expression(expression, visit),
        _ => {}
    }
}

fn walk_arguments<'a>(
    arguments: &'a CallArguments<&'a str>,
    visit: &mut impl FnMut(&'a InlineExpression<&'a str>),
) {
    for positional in &arguments.positional {
        walk_inline(positional, visit);
    }
    for named in &arguments.named {
        walk_inline(&named.value, visit);
    }
}

/// A deterministic text form of a message: value and attributes with every variant and
/// placeable, whitespace folded so reflowing the file does not count as a change.
pub(crate) fn canonical(message: &Message) -> String {
    let mut out = String::new();
    if let Some(value) = &message.value {
        write_pattern(value, &mut out);
    }
    let mut attributes: Vec<_> = message.attributes.iter().collect();
    attributes.sort_by_key(|attribute| attribute.id.name);
    for attribute in attributes {
        out.push_str(" .");
        out.push_str(attribute.id.name);
        out.push_str(" = ");
        write_pattern(&attribute.value, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a message's text (placeables left out), for status counts.
pub(crate) fn word_count(message: &Message) -> usize {
    patterns(message)
        .into_iter()
        .flat_map(|(_, pattern)| texts(pattern))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .count()
}

fn write_pattern(pattern: &Pattern<&str>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression } => {
                out.push('{');
                write_expression(expression, out);
                out.push('}');
            }
        }
    }
}

fn write_expression(expression: &Expression<&str>, out: &mut String) {
    match expression {
        Expression::Select { selector, variants } => {
            write_inline(selector, out);
            out.push_str(" ->");
            for variant in variants {
                out.push(' ');
                if variant.default {
                    out.push('*');
                }
                out.push('[');
                match &variant.key {
                    VariantKey::Identifier { name } => out.push_str(name),
                    VariantKey::NumberLiteral { value } => out.push_str(value),
                }
                out.push_str("] ");
                write_pattern(&variant.value, out);
            }
        }
        Expression::Inline(inline) => write_inline(inline, out),
    }
}

fn write_inline(inline: &InlineExpression<&str>, out: &mut String) {
    match inline {
        InlineExpression::StringLiteral { value } => {
            out.push('"');
            out.push_str(value);
            out.push('"');
        }
        InlineExpression::NumberLiteral { value } => out.push_str(value),
        InlineExpression::FunctionReference { id, arguments } => {
            out.push_str(id.name);
            write_arguments(arguments, out);
        }
        InlineExpression::MessageReference { id, attribute } => {
            out.push_str(id.name);
            if let Some(attribute) = attribute {
                out.push('.');
                out.push_str(attribute.name);
            }
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            out.push('-');
            out.push_str(id.name);
            if let Some(attribute) = attribute {
                out.push('.');
                out.push_str(attribute.name);
            }
            if let Some(arguments) = arguments {
                write_arguments(arguments, out);
            }
        }
        InlineExpression::VariableReference { id } => {
            out.push('$');
            out.push_str(id.name);
        }
        InlineExpression::Placeable { expression } => {
            out.push('{');
            write_expression(expression, out);
            out.push('}');
        }
    }
}

fn write_arguments(arguments: &CallArguments<&str>, out: &mut String) {
    out.push('(');
    let mut first = true;
    for positional in &arguments.positional {
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_inline(positional, out);
    }
    for named in &arguments.named {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(named.name.name);
        out.push_str(": ");
        write_inline(&named.value, out);
    }
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentResource;

    fn first_message(text: &str) -> (FluentResource, usize) {
        let resource = FluentResource::try_new(text.to_string()).expect("parses");
        let index = resource
            .entries()
            .position(|e| matches!(e, ast::Entry::Message(_)))
            .expect("a message");
        (resource, index)
    }

    fn with_message<R>(text: &str, f: impl FnOnce(&Message) -> R) -> R {
        let (resource, index) = first_message(text);
        match resource.entries().nth(index) {
            Some(ast::Entry::Message(message)) => f(message),
            _ => unreachable!("index points at a message"),
        }
    }

    #[test]
    fn references_reach_into_variants_and_arguments() {
        let found = with_message(
            "m = { $count ->\n    [one] { -brand } once\n   *[other] { NUMBER($count, $digits) } { other.title }\n}\n",
            |m| references(m.value.as_ref().expect("value")),
        );
        assert_eq!(
            found.variables,
            ["count", "digits"].iter().map(|s| s.to_string()).collect()
        );
        assert!(found.terms.contains("-brand"));
        assert!(found.messages.contains("other.title"));
    }

    #[test]
    fn canonical_text_ignores_reflow_but_not_edits() {
        let one = with_message("m = A long\n    sentence { $x }.\n", canonical);
        let two = with_message("m =\n    A long sentence\n    { $x }.\n", canonical);
        let three = with_message("m = A long sentence { $y }.\n", canonical);
        assert_eq!(one, "A long sentence {$x}.");
        assert_eq!(one, two);
        assert_ne!(one, three);
    }

    #[test]
    fn texts_and_words() {
        with_message(
            "m = Hello { $n ->\n [one] one world\n *[other] many worlds\n}\n",
            |m| {
                let value = m.value.as_ref().expect("value");
                assert_eq!(texts(value).len(), 3);
                assert_eq!(word_count(m), 5);
                assert_eq!(selects(value), vec![vec!["one", "other"]]);
            },
        );
    }

    #[test]
    fn placements_keep_each_variables_function_and_options() {
        with_message(
            "m = { $count ->\n    [one] { DATETIME($date, year: \"numeric\", month: \"long\") }\n   *[other] { JOSA($date, \"은\") } { NUMBER($count, maximumFractionDigits: 2) }\n}\n",
            |m| {
                let value = m.value.as_ref().expect("value");
                let placed = placements(value);
                let shown: Vec<(&str, &Shown, &str)> = placed
                    .iter()
                    .map(|p| (p.variable, &p.shown, p.anchor))
                    .collect();
                let date_call = Shown::Call {
                    function: "DATETIME".into(),
                    options: vec![
                        ("year".into(), "numeric".into()),
                        ("month".into(), "long".into()),
                    ],
                };
                let josa = Shown::Call {
                    function: "JOSA".into(),
                    options: Vec::new(),
                };
                let number = Shown::Call {
                    function: "NUMBER".into(),
                    options: vec![("maximumFractionDigits".into(), "2".into())],
                };
                // The selector `$count` is chosen by, not shown.
                assert_eq!(
                    shown,
                    vec![
                        ("date", &date_call, "DATETIME"),
                        ("date", &josa, "JOSA"),
                        ("count", &number, "NUMBER"),
                    ]
                );
                let readings = variants(value);
                assert_eq!(readings[0].shown, vec![("date".to_string(), date_call)]);
                assert_eq!(
                    readings[1].shown,
                    vec![("date".to_string(), josa), ("count".to_string(), number)]
                );
            },
        );
        // A variable as any other argument is shown bare.
        with_message(
            "m = { JOSA(\"x\", $name) } { LIST($items, $more) }\n",
            |m| {
                let placed = placements(m.value.as_ref().expect("value"));
                let bare: Vec<&str> = placed
                    .iter()
                    .filter(|p| p.shown == Shown::Bare)
                    .map(|p| p.variable)
                    .collect();
                assert_eq!(bare, vec!["name", "more"]);
                assert_eq!(placed.len(), 3);
            },
        );
    }
}
