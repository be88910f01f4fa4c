//! Parity of every translated Fluent message with its source: present, not obsolete, the
//! same attributes, the same `$variables` and references, each variable showing the same
//! parts of its value (a date's fields, a number's rounding: [`crate::check::shown`]), no
//! typed facts, and select variants for every CLDR plural category the language has.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::Pattern;
use icu_plurals::{PluralCategory, PluralRules};

use crate::check::markup;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::fluent::{self, Message, Term, Written};
use crate::load::locales::{Locale, Locales, offset_in};

/// All message checks of all locales.
pub(crate) fn check(locales: &Locales) -> Vec<Diagnostic> {
    let source = locales.source();
    let source_messages = fluent::messages(source);
    let source_terms = fluent::terms(source);
    let mut problems = Vec::new();
    for locale in &locales.list {
        problems.extend(plural_categories(locale));
        problems.extend(unknown_functions(locale));
        if locale.tag == source.tag {
            continue;
        }
        let translated = fluent::messages(locale);
        let translated_terms = fluent::terms(locale);
        let known = KnownTexts::new(&source_messages, &translated);
        for (id, original) in &source_messages {
            let Some(translation) = translated.get(id) else {
                // A locale inherits what a nearer locale of its chain (nl-BE from nl) has.
                if locales.voice(locale, id).tag == source.tag {
                    problems.push(missing_message(locale, id, original));
                }
                continue;
            };
            let pair = Pair {
                locale,
                id,
                original,
                translation,
            };
            problems.extend(pair.attributes());
            problems.extend(pair.references());
            problems.extend(pair.formats());
            problems.extend(pair.markup(&known));
            problems.extend(pair.literal_facts(&source_terms, &translated_terms));
            problems.extend(pair.spelled_numbers(&source.tag));
        }
        for (id, translation) in &translated {
            if !source_messages.contains_key(id) {
                problems.push(
                    at_slice(
                        Diagnostic::error(
                            Code::ObsoleteMessage,
                            &translation.file.path,
                            format!(
                                "message `{id}` is not in the source locale `{}`",
                                source.tag
                            ),
                        ),
                        translation,
                        translation.entry.id.name,
                    )
                    .locale(&locale.tag)
                    .id(*id)
                    .help(format!(
                        "delete it, or add `{id}` to locales/{}/ first if the site needs it",
                        source.tag
                    )),
                );
            }
        }
    }
    problems
}

fn missing_message(locale: &Locale, id: &str, original: &Written<Message>) -> Diagnostic {
    let expected = locale.expected_file(&crate::load::locales::EntryPlace {
        file: original.file.path.clone(),
        line: 0,
        column: 0,
        offset: 0,
    });
    at_slice(
        Diagnostic::warning(
            Code::MissingMessage,
            &original.file.path,
            format!("message `{id}` has no translation; the source text is shown instead"),
        ),
        original,
        original.entry.id.name,
    )
    .locale(&locale.tag)
    .id(id)
    .help(format!("add `{id}` to {}", expected.display()))
}

/// Places a diagnostic at `slice`, a part of the file `written` was parsed from.
/// Calls to functions Stele does not provide fail only when a page formats the message; say
/// so at load, where the call is written.
fn unknown_functions(locale: &Locale) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut options = Vec::new();
    let messages = fluent::messages(locale);
    let terms = fluent::terms(locale);
    let mut report = |written_file: &crate::load::locales::LocaleFile, id: &str, name: &str| {
        let text = written_file.resource.source();
        let start = offset_in(text, name);
        problems.push(
            Diagnostic::error(
                Code::SyntaxError,
                &written_file.path,
                format!("`{name}()` is not a function Stele provides"),
            )
            .at_span(text, start..start + name.len())
            .locale(&locale.tag)
            .id(id)
            .help(format!(
                "use one of {}",
                crate::load::locales::FUNCTIONS
                    .iter()
                    .map(|f| format!("{f}()"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    };
    for (id, written) in &messages {
        for (_, pattern) in fluent::patterns(written.entry) {
            for name in fluent::functions(pattern) {
                if !crate::load::locales::FUNCTIONS.contains(&name) {
                    report(written.file, id, name);
                }
            }
            options.extend(option_problems(locale, written.file, id, pattern));
        }
    }
    for (id, written) in &terms {
        let patterns = std::iter::once(&written.entry.value)
            .chain(written.entry.attributes.iter().map(|a| &a.value));
        for pattern in patterns {
            for name in fluent::functions(pattern) {
                if !crate::load::locales::FUNCTIONS.contains(&name) {
                    report(written.file, id, name);
                }
            }
            options.extend(option_problems(locale, written.file, id, pattern));
        }
    }
    problems.append(&mut options);
    problems
}

/// Options of `DATETIME()`, `NUMBER()` and `LIST()` that formatting would ignore or cannot
/// honour ([`crate::util::intl::option_problem`]), where they are written.
fn option_problems(
    locale: &Locale,
    file: &crate::load::locales::LocaleFile,
    id: &str,
    pattern: &fluent_syntax::ast::Pattern<&str>,
) -> Vec<Diagnostic> {
    use fluent_syntax::ast::InlineExpression;
    let text = file.resource.source();
    let mut problems = Vec::new();
    for (function, arguments) in fluent::calls(pattern) {
        for named in &arguments.named {
            let value = match &named.value {
                InlineExpression::NumberLiteral { value }
                | InlineExpression::StringLiteral { value } => *value,
                _ => continue,
            };
            if let Some((problem, help)) =
                crate::util::intl::option_problem(function, named.name.name, value)
            {
                // At the option as written, `month: "bogus"`, its name first.
                let start = offset_in(text, named.name.name);
                let end = (offset_in(text, value) + value.len()).max(start + 1);
                problems.push(
                    Diagnostic::error(Code::SyntaxError, &file.path, problem)
                        .at_span(text, start..end)
                        .locale(&locale.tag)
                        .id(id)
                        .help(help),
                );
            }
        }
    }
    problems
}

fn at_slice<T>(diagnostic: Diagnostic, written: &Written<T>, slice: &str) -> Diagnostic {
    let text = written.file.resource.source();
    let start = offset_in(text, slice);
    diagnostic.at_span(text, start..start + slice.len())
}

/// A source message and its translation in one locale.
struct Pair<'a> {
    locale: &'a Locale,
    id: &'a str,
    original: &'a Written<'a, Message<'a>>,
    translation: &'a Written<'a, Message<'a>>,
}

impl Pair<'_> {
    fn error(&self, code: Code, slice: &str, message: String) -> Diagnostic {
        at_slice(
            Diagnostic::error(code, &self.translation.file.path, message),
            self.translation,
            slice,
        )
        .locale(&self.locale.tag)
        .id(self.id)
    }

    fn attributes(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let source = &self.original.entry.attributes;
        let translated = &self.translation.entry.attributes;
        for attribute in source {
            if !translated.iter().any(|t| t.id.name == attribute.id.name) {
                let name = attribute.id.name;
                problems.push(
                    at_slice(
                        Diagnostic::warning(
                            Code::MissingAttribute,
                            &self.original.file.path,
                            format!(
                                "attribute `{}.{name}` has no translation; the source text is shown instead",
                                self.id
                            ),
                        ),
                        self.original,
                        name,
                    )
                    .locale(&self.locale.tag)
                    .id(self.id)
                    .help(format!(
                        "add `.{name} = ...` under `{}` in {}",
                        self.id,
                        self.translation.file.path.display()
                    )),
                );
            }
        }
        for attribute in translated {
            let name = attribute.id.name;
            if !source.iter().any(|s| s.id.name == name) {
                problems.push(
                    self.error(
                        Code::ObsoleteAttribute,
                        name,
                        format!(
                            "attribute `{}.{name}` is not in the source message",
                            self.id
                        ),
                    )
                    .help("delete the attribute, or add it to the source message first"),
                );
            }
        }
        problems
    }

    /// Patterns present on both sides, with the slice naming each on the translation side.
    fn shared_patterns(&self) -> Vec<(String, &Pattern<&str>, &Pattern<&str>, &str)> {
        let translated = fluent::patterns(self.translation.entry);
        let mut shared = Vec::new();
        for (name, source_pattern) in fluent::patterns(self.original.entry) {
            if let Some((_, translated_pattern)) = translated.iter().find(|(n, _)| *n == name) {
                let label = match name {
                    Some(attribute) => format!("`{}.{attribute}`", self.id),
                    None => format!("`{}`", self.id),
                };
                let anchor = name.unwrap_or(self.translation.entry.id.name);
                shared.push((label, source_pattern, *translated_pattern, anchor));
            }
        }
        shared
    }

    /// Variables, terms and message references, counted per variant: each reading of the
    /// translation places each of them as often as the matching reading of the source (a
    /// term at least as often). A variant may leave out the variable its select chooses by
    /// (`[one] één bestand`).
    fn references(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (label, source, translated, anchor) in self.shared_patterns() {
            let source_variants = fluent::variants(source);
            let mut reported_variables = false;
            let mut reported_references = false;
            for reading in fluent::variants(translated) {
                let Some(original) = fluent::counterpart(&reading, &source_variants) else {
                    continue;
                };
                let exempt: BTreeSet<&String> = reading
                    .selectors
                    .iter()
                    .chain(&original.selectors)
                    .collect();
                let names: BTreeSet<&String> = original
                    .references
                    .keys()
                    .chain(reading.references.keys())
                    .filter(|name| {
                        !(name.starts_with('$') && exempt.contains(&name[1..].to_string()))
                    })
                    .collect();
                let mut variables = Vec::new();
                let mut others = Vec::new();
                for name in names {
                    let wanted = original.references.get(name).copied().unwrap_or(0);
                    let found = reading.references.get(name).copied().unwrap_or(0);
                    // A name may be repeated where the source says "it" (Korean repeats
                    // the noun a particle attaches to); dropping one is the damage.
                    if wanted == found || (name.starts_with('-') && found > wanted) {
                        continue;
                    }
                    let shown = if name.starts_with('$') {
                        format!("`{name}`")
                    } else {
                        format!("`{{ {name} }}`")
                    };
                    let what = match (wanted, found) {
                        (_, 0) => format!("lacks {shown} of the source"),
                        (0, _) => format!("uses {shown}, which the source does not"),
                        _ => format!(
                            "places {shown} {} where the source places it {}",
                            times(found),
                            times(wanted)
                        ),
                    };
                    if name.starts_with('$') {
                        variables.push(what);
                    } else {
                        others.push(what);
                    }
                }
                let variant = variant_label(&reading);
                if !variables.is_empty() && !reported_variables {
                    reported_variables = true;
                    let placeables: Vec<String> = original
                        .references
                        .iter()
                        .filter(|(name, _)| name.starts_with('$'))
                        .map(|(name, count)| format!("{{ {name} }} ×{count}"))
                        .collect();
                    problems.push(
                        self.error(
                            Code::VariableMismatch,
                            anchor,
                            format!("the translation of {label}{variant} {}", variables.join(" and ")),
                        )
                        .help(if placeables.is_empty() {
                            "the source takes no variables here; remove them".to_string()
                        } else {
                            format!(
                                "every fact of the source must reach the translation as a placeable, as often as the source places it: {}",
                                placeables.join(", ")
                            )
                        }),
                    );
                }
                if !others.is_empty() && !reported_references {
                    reported_references = true;
                    problems.push(
                        self.error(
                            Code::TermMismatch,
                            anchor,
                            format!(
                                "the translation of {label}{variant} {} compared with the source",
                                others.join(" and ")
                            ),
                        )
                        .help(
                            "protected names reach every language through the same terms and messages; \
                             use the references the source uses, as often as it does",
                        ),
                    );
                }
            }
        }
        problems
    }

    /// What each placed `$variable` shows of its value, per variant: a translation may write
    /// a date's month "long" where the source writes it "numeric", but a year left out of a
    /// `DATETIME()` (or decimals rounded away by `NUMBER()`) is the fact lost, though the
    /// variable is still placed. Compared when the variable is placed as often as in the
    /// source ([`Pair::references`] reports the rest); one finding per variable.
    fn formats(&self) -> Vec<Diagnostic> {
        use crate::check::shown::{describe, showing, written};
        let mut problems = Vec::new();
        for (label, source, translated, _) in self.shared_patterns() {
            let source_variants = fluent::variants(source);
            let placed = fluent::placements(translated);
            let mut reported = BTreeSet::new();
            for reading in fluent::variants(translated) {
                let Some(original) = fluent::counterpart(&reading, &source_variants) else {
                    continue;
                };
                for (variable, _) in &reading.shown {
                    if reported.contains(variable) {
                        continue;
                    }
                    let of = |side: &'_ fluent::Variant| -> Vec<(crate::check::shown::Showing, fluent::Shown)> {
                        side.shown
                            .iter()
                            .filter(|(name, _)| name == variable)
                            .map(|(_, shown)| (showing(shown), shown.clone()))
                            .collect()
                    };
                    let mut wanted = of(original);
                    let found = of(&reading);
                    if wanted.len() != found.len() {
                        continue;
                    }
                    // As multisets: the same placements in another order are fine.
                    let mut extra = Vec::new();
                    for placement in found {
                        match wanted.iter().position(|(w, _)| *w == placement.0) {
                            Some(index) => {
                                wanted.remove(index);
                            }
                            None => extra.push(placement),
                        }
                    }
                    let (Some((found_showing, _)), Some((wanted_showing, wanted_shown))) =
                        (extra.first(), wanted.first())
                    else {
                        continue;
                    };
                    reported.insert(variable.clone());
                    let anchor = placed
                        .iter()
                        .find(|p| p.variable == variable && showing(&p.shown) == *found_showing)
                        .map_or(self.translation.entry.id.name, |p| p.anchor);
                    let text = self.translation.file.resource.source();
                    let variant = variant_label(&reading);
                    problems.push(
                        Diagnostic::error(
                            Code::VariableMismatch,
                            &self.translation.file.path,
                            format!(
                                "the translation of {label}{variant} shows `${variable}` {} where the source shows it {}",
                                describe(found_showing),
                                describe(wanted_showing)
                            ),
                        )
                        .at_span(text, placeable_span(text, anchor))
                        .locale(&self.locale.tag)
                        .id(self.id)
                        .help(format!(
                            "show what the source shows: {} (a field may be written another way, month \"long\" or \"numeric\", but none left out or added)",
                            written(variable, wanted_shown)
                        )),
                    );
                }
            }
        }
        problems
    }

    /// Inline Markdown per variant: links (how many, their targets in order, each with
    /// text, brackets that close), code spans and emphasis; and a link whose source text
    /// is another message's text must show that message's translation.
    fn markup(&self, known: &KnownTexts) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (label, source, translated, anchor) in self.shared_patterns() {
            let source_variants = fluent::variants(source);
            for reading in fluent::variants(translated) {
                let Some(original) = fluent::counterpart(&reading, &source_variants) else {
                    continue;
                };
                let wanted = markup::inline(&original.text);
                let found = markup::inline(&reading.text);
                let mut what = markup::differences(&wanted, &found, true);
                for (index, link) in wanted.links.iter().enumerate() {
                    let Some(id) = known.source.get(link.text.as_str()) else {
                        continue;
                    };
                    let Some(expected) = known.translated.get(*id) else {
                        continue;
                    };
                    if let Some(shown) = found.links.get(index)
                        && shown.text != *expected
                    {
                        what.push(format!(
                            "shows \"{}\" as the text of link {} where the source shows the message `{id}`, whose translation is \"{expected}\"",
                            shown.text,
                            index + 1
                        ));
                    }
                }
                what.extend(taken_link_texts(self.id, &wanted, &found, known));
                if what.is_empty() {
                    continue;
                }
                problems.push(
                    self.error(
                        Code::MarkupMismatch,
                        anchor,
                        format!("the translation of {label} {}", what.join("; ")),
                    )
                    .help(
                        "keep the source's inline Markdown: every `[text](target)` link with its text and target, code spans and emphasis",
                    ),
                );
                break;
            }
        }
        problems
    }

    /// Numbers typed into the translation that the source does not type, and the text of a
    /// term the source references, typed out instead of referenced.
    fn literal_facts(
        &self,
        source_terms: &std::collections::BTreeMap<&str, Written<Term>>,
        translated_terms: &std::collections::BTreeMap<&str, Written<Term>>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let source_numbers: BTreeSet<String> = fluent::patterns(self.original.entry)
            .into_iter()
            .flat_map(|(_, pattern)| fluent::texts(pattern))
            .flat_map(|text| digit_runs(text).into_iter().map(|(_, digits)| digits))
            .collect();
        let mut protected: Vec<(String, String)> = Vec::new();
        for (_, pattern) in fluent::patterns(self.original.entry) {
            for term in fluent::references(pattern).terms {
                let name = term.trim_start_matches('-');
                for terms in [source_terms, translated_terms] {
                    if let Some(written) = terms.get(name) {
                        let text = fluent::texts(&written.entry.value).concat();
                        let text = text.trim().to_string();
                        if text.chars().count() >= 2 && !protected.iter().any(|(_, t)| *t == text) {
                            protected.push((term.clone(), text));
                        }
                    }
                }
            }
        }
        let mut reported = BTreeSet::new();
        for (_, pattern) in fluent::patterns(self.translation.entry) {
            for text in fluent::texts(pattern) {
                for (at, digits) in digit_runs(text) {
                    if source_numbers.contains(&digits) || !reported.insert(digits.clone()) {
                        continue;
                    }
                    let typed = number_at(text, at);
                    problems.push(
                        self.error(
                            Code::LiteralFact,
                            &text[at..at + typed.len()],
                            format!(
                                "the translation of `{}` types the number `{typed}`, which the source text does not contain",
                                self.id
                            ),
                        )
                        .help(
                            "numbers, years and dates come from data through the source's placeables; \
                             write the placeable instead of the value",
                        ),
                    );
                }
                for (term, value) in &protected {
                    if let Some(at) = text.find(value.as_str())
                        && reported.insert(value.clone())
                    {
                        problems.push(
                            self.error(
                                Code::LiteralFact,
                                &text[at..at + value.len()],
                                format!(
                                    "the translation of `{}` types \"{value}\" where the source uses the term `{{ {term} }}`",
                                    self.id
                                ),
                            )
                            .help(format!("write `{{ {term} }}` instead of the name")),
                        );
                    }
                }
            }
        }
        problems
    }
}

impl Pair<'_> {
    /// Numbers from two up spelled out in the translation ("tien jaar") that the source
    /// neither spells nor types: a value typed over a placeable, in words. "One" is left
    /// out: it is an article in many languages, and a `[one]` variant says it.
    fn spelled_numbers(&self, source_tag: &str) -> Vec<Diagnostic> {
        let mut said: BTreeSet<u64> = BTreeSet::new();
        for (_, pattern) in fluent::patterns(self.original.entry) {
            for text in fluent::texts(pattern) {
                said.extend(
                    digit_runs(text)
                        .into_iter()
                        .filter_map(|(_, digits)| digits.parse::<u64>().ok()),
                );
                said.extend(
                    crate::check::cardinals::cardinals(text, source_tag)
                        .into_iter()
                        .map(|cardinal| cardinal.value),
                );
                // "Both" is said with a two in other languages ("둘 다").
                if text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word.eq_ignore_ascii_case("both"))
                {
                    said.insert(2);
                }
            }
        }
        let korean = crate::check::qa::language::primary(&self.locale.tag) == "ko";
        let mut problems = Vec::new();
        for (_, pattern) in fluent::patterns(self.translation.entry) {
            for text in fluent::texts(pattern) {
                for cardinal in crate::check::cardinals::cardinals(text, &self.locale.tag) {
                    if cardinal.value < 2 || said.contains(&cardinal.value) {
                        continue;
                    }
                    // A Korean numeral alone is often another word ("남겨 둘 수", leave):
                    // only one before a counter is taken for a number.
                    if korean && !before_counter(&text[cardinal.at.end..]) {
                        continue;
                    }
                    said.insert(cardinal.value);
                    let Some(word) = text.get(cardinal.at.clone()) else {
                        continue;
                    };
                    problems.push(
                        self.error(
                            Code::LiteralFact,
                            word,
                            format!(
                                "the translation of `{}` spells out the number {} (\"{word}\"), which the source does not contain",
                                self.id, cardinal.value
                            ),
                        )
                        .help(
                            "numbers come from data through the source's placeables; \
                             write the placeable instead of the number",
                        ),
                    );
                }
            }
        }
        problems
    }
}

/// Links whose text is another message's translation (a long one, see [`KnownTexts`])
/// where the source's link text is not that message's source: the text of one link put on
/// another ("see [Resources to help you upgrade]" for "see [Plan your upgrade]").
fn taken_link_texts(
    id: &str,
    wanted: &markup::Markup,
    found: &markup::Markup,
    known: &KnownTexts,
) -> Vec<String> {
    let mut what = Vec::new();
    for (index, (source_link, shown)) in wanted.links.iter().zip(&found.links).enumerate() {
        let Some((taken, taken_source)) = known.by_translation.get(&fold_spaces(&shown.text))
        else {
            continue;
        };
        let said = fold_spaces(&source_link.text);
        if *taken == id || said.eq_ignore_ascii_case(taken_source) {
            continue;
        }
        what.push(format!(
            "shows the translation of the message `{taken}` (\"{}\") as the text of link {}, where the source's link says \"{said}\"",
            shown.text,
            index + 1
        ));
    }
    what
}

/// Whether `rest` starts with a Korean counter ("개", "가지", "년"…), after a space or not.
fn before_counter(rest: &str) -> bool {
    const COUNTERS: [&str; 14] = [
        "개", "가지", "번", "대", "명", "년", "달", "주", "일", "시간", "단계", "차례", "곳", "배",
    ];
    let rest = rest.trim_start();
    COUNTERS.iter().any(|counter| rest.starts_with(counter))
}

/// " (variant [one] [other])" for a reading taken through selects, else nothing.
fn variant_label(reading: &fluent::Variant) -> String {
    if reading.keys.is_empty() {
        return String::new();
    }
    format!(
        " (variant {})",
        reading
            .keys
            .iter()
            .map(|(_, key)| format!("[{key}]"))
            .collect::<Vec<_>>()
            .join(" ")
    )
}

/// The span of the placeable `anchor` (a function's or variable's name, a slice of `text`)
/// is written in: from its `{` when only white space and a `$` stand between, so the caret
/// is on the placeable as a translator sees it.
fn placeable_span(text: &str, anchor: &str) -> std::ops::Range<usize> {
    let start = offset_in(text, anchor);
    let end = start + anchor.len();
    let before = text[..start].trim_end_matches('$').trim_end();
    match before.strip_suffix('{') {
        Some(open) => open.len()..end,
        None => start..end,
    }
}

/// "once", "twice", "3 times".
pub(crate) fn times(count: usize) -> String {
    match count {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// The plain-text messages of the source locale that `locale` translates, by their source
/// text: the message id and its translation. A Markdown page's link showing such a text is
/// held to the translation, as a message's link is.
pub(crate) fn link_texts(locales: &Locales, locale: &Locale) -> BTreeMap<String, (String, String)> {
    let source_messages = fluent::messages(locales.source());
    let translated = fluent::messages(locale);
    let known = KnownTexts::new(&source_messages, &translated);
    known
        .source
        .into_iter()
        .filter_map(|(text, id)| {
            let translation = known.translated.get(id)?;
            Some((text, (id.to_string(), translation.clone())))
        })
        .collect()
}

/// Messages that are plain text (no markup, no placeables but terms): source text → id,
/// and id → translated text, so a link showing such a text can be held to its translation.
/// And, for the opposite slip, the longer one-reading messages (placeables allowed) by
/// their translated text: a link whose text became another message's translation.
struct KnownTexts<'a> {
    source: BTreeMap<String, &'a str>,
    translated: BTreeMap<&'a str, String>,
    /// Translated text → the message's id and its source text.
    by_translation: BTreeMap<String, (&'a str, String)>,
}

/// Words a translated text must have before a link showing it is taken for that message:
/// a short label ("Meer informatie") fits many sources, a sentence of this length does not.
const TAKEN_TEXT_WORDS: usize = 4;

/// Text with its white space folded to single spaces.
fn fold_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl<'a> KnownTexts<'a> {
    fn new(
        source: &BTreeMap<&'a str, Written<'a, Message<'a>>>,
        translated: &BTreeMap<&'a str, Written<'a, Message<'a>>>,
    ) -> KnownTexts<'a> {
        // Each message's one reading without markup, read once: its text as a link would
        // show it, and whether it is plain (terms may stand in it, "{-exchange}
        // Supportability Matrix": a term is a name, the same in every reading; a variable
        // is not).
        let single = |message: &Message| -> Option<(String, bool)> {
            let readings = fluent::variants(message.value.as_ref()?);
            match readings.as_slice() {
                [only] if !only.text.contains(['[', '`', '*']) => Some((
                    fold_spaces(&only.text),
                    only.references.keys().all(|name| name.starts_with('-')),
                )),
                _ => None,
            }
        };
        let sources: BTreeMap<&str, (String, bool)> = source
            .iter()
            .filter_map(|(id, written)| Some((*id, single(written.entry)?)))
            .collect();
        let mut known = KnownTexts {
            source: BTreeMap::new(),
            translated: BTreeMap::new(),
            by_translation: BTreeMap::new(),
        };
        for (id, (text, plain)) in &sources {
            if *plain && !text.is_empty() {
                known.source.entry(text.clone()).or_insert(*id);
            }
        }
        // A translation two messages share names neither.
        let mut shared: BTreeSet<String> = BTreeSet::new();
        for (id, written) in translated {
            let Some((text, plain)) = single(written.entry) else {
                continue;
            };
            if plain {
                known.translated.insert(*id, text.clone());
            }
            let Some((original, _)) = sources.get(id) else {
                continue;
            };
            if text.split(' ').count() < TAKEN_TEXT_WORDS || shared.contains(&text) {
                continue;
            }
            if known.by_translation.remove(&text).is_some() {
                shared.insert(text);
                continue;
            }
            known.by_translation.insert(text, (*id, original.clone()));
        }
        known
    }
}

/// Digit runs in text, with their byte offsets; separators inside a number ("2,000",
/// "2.000", "2 000") are dropped so the same number compares equal in every locale's form.
pub(crate) fn digit_runs(text: &str) -> Vec<(usize, String)> {
    let mut runs = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !c.is_ascii_digit() {
            continue;
        }
        let mut digits = String::from(c);
        let mut rest = text[at + c.len_utf8()..].char_indices().peekable();
        let mut consumed = 0;
        while let Some((offset, next)) = rest.next() {
            if next.is_ascii_digit() {
                digits.push(next);
                consumed = offset + next.len_utf8();
            } else if is_group_separator(next)
                && rest.peek().is_some_and(|(_, after)| after.is_ascii_digit())
            {
                continue;
            } else {
                break;
            }
        }
        runs.push((at, digits));
        let end = at + c.len_utf8() + consumed;
        while chars.peek().is_some_and(|(i, _)| *i < end) {
            chars.next();
        }
    }
    runs
}

fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '\'' | '\u{a0}' | '\u{202f}' | ' ')
}

/// The number as typed at `at`, separators included.
fn number_at(text: &str, at: usize) -> &str {
    let mut end = at;
    let mut chars = text[at..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c.is_ascii_digit() {
            end = at + offset + 1;
        } else if !(is_group_separator(c)
            && chars
                .peek()
                .is_some_and(|(_, after)| after.is_ascii_digit()))
        {
            break;
        }
    }
    &text[at..end]
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Selects on plural categories must cover every category of the locale's CLDR rules.
fn plural_categories(locale: &Locale) -> Vec<Diagnostic> {
    let Ok(icu_locale) = locale.tag.parse::<icu_locale_core::Locale>() else {
        return Vec::new();
    };
    let Ok(rules) = PluralRules::try_new_cardinal((&icu_locale).into()) else {
        return Vec::new();
    };
    let needed: Vec<&str> = rules.categories().map(category_name).collect();
    let all_names: Vec<&str> = PluralCategory::all().map(category_name).collect();
    let mut problems = Vec::new();
    for (id, written) in fluent::messages(locale) {
        for (_, pattern) in fluent::patterns(written.entry) {
            for keys in fluent::selects(pattern) {
                if !keys.iter().any(|key| all_names.contains(key)) {
                    continue;
                }
                let missing: Vec<&str> = needed
                    .iter()
                    .copied()
                    .filter(|category| !keys.contains(category))
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let anchor = keys.first().copied().unwrap_or(written.entry.id.name);
                problems.push(
                    at_slice(
                        Diagnostic::error(
                            Code::PluralCategories,
                            &written.file.path,
                            format!(
                                "this plural select lacks the categor{} `{}` needs: {}",
                                if missing.len() == 1 { "y" } else { "ies" },
                                locale.tag,
                                missing
                                    .iter()
                                    .map(|m| format!("[{m}]"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        ),
                        &written,
                        anchor,
                    )
                    .locale(&locale.tag)
                    .id(id)
                    .help(format!(
                        "CLDR gives `{}` the categories {}; add a variant for each",
                        locale.tag,
                        needed.join(", ")
                    )),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales(files: &[(&str, &str)]) -> (tempfile::TempDir, Locales) {
        let (dir, folders) = crate::load::locales::write_locale_folders(files);
        let (locales, problems) = Locales::load(dir.path(), &folders, "en");
        assert!(problems.is_empty(), "{problems:?}");
        (dir, locales.unwrap())
    }

    fn codes(en: &str, other_tag: &str, other: &str) -> Vec<(Code, u32, u32, String)> {
        let other_path = format!("locales/{other_tag}/a.ftl");
        let (_dir, locales) = locales(&[("locales/en/a.ftl", en), (&other_path, other)]);
        check(&locales)
            .into_iter()
            .map(|d| (d.code, d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn a_dropped_year_is_a_variable_mismatch() {
        let found = codes(
            "support = { $name } – { $date }\n",
            "ko",
            "support = { $name } 지원 종료\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::VariableMismatch);
        assert_eq!((found[0].1, found[0].2), (1, 1));
        assert!(found[0].3.contains("lacks `$date`"), "{found:?}");
    }

    #[test]
    fn a_year_dropped_from_a_date_is_a_variable_mismatch_at_the_placeable() {
        let en =
            "ends = Support ends in { DATETIME($date, year: \"numeric\", month: \"long\") }.\n";
        let found = codes(
            en,
            "nl",
            "ends = De ondersteuning eindigt in\n    { DATETIME($date, month: \"long\") }.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::VariableMismatch);
        // At the placeable's `{`, on the line it is written.
        assert_eq!((found[0].1, found[0].2), (2, 5));
        assert!(
            found[0].3.contains("shows `$date` with the date field month where the source shows it with the date fields year, month"),
            "{found:?}"
        );
        // Another style of the same fields is the translator's choice.
        assert!(
            codes(
                en,
                "ko",
                "ends = 지원은 { DATETIME($date, month: \"numeric\", year: \"numeric\") }에 종료됩니다.\n"
            )
            .is_empty()
        );
        // A bare date shows year, month and day: more than the source's year and month.
        let bare = codes(en, "nl", "ends = Het eindigt op { $date }.\n");
        assert_eq!(bare.len(), 1, "{bare:?}");
        assert!(
            bare[0].3.contains("as it formats without options"),
            "{bare:?}"
        );
        assert_eq!((bare[0].1, bare[0].2), (1, 23));
    }

    #[test]
    fn number_options_that_change_the_value_must_match_per_variant() {
        let en = "share = { $count ->\n    [one] One mailbox: { NUMBER($part, maximumFractionDigits: 1) }\n   *[other] { $count } mailboxes: { NUMBER($part, maximumFractionDigits: 1) }\n}\n";
        let dutch = |other: &str| {
            format!(
                "share = {{ $count ->\n    [one] Eén postvak: {{ NUMBER($part, maximumFractionDigits: 1) }}\n   *[other] {{ $count }} postvakken: {other}\n}}\n"
            )
        };
        assert!(
            codes(
                en,
                "nl",
                &dutch("{ NUMBER($part, maximumFractionDigits: 1, useGrouping: \"false\") }")
            )
            .is_empty()
        );
        let found = codes(en, "nl", &dutch("{ $part }"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::VariableMismatch);
        assert!(found[0].3.contains("(variant [other])"), "{found:?}");
        assert_eq!((found[0].1, found[0].2), (3, 36));
        // A variable dropped is reported once, as the placeable it lacks, not again here.
        let dropped = codes(
            "ends = In { DATETIME($date, year: \"numeric\") }.\n",
            "nl",
            "ends = Binnenkort.\n",
        );
        assert_eq!(dropped.len(), 1, "{dropped:?}");
        assert!(dropped[0].3.contains("lacks `$date`"), "{dropped:?}");
    }

    #[test]
    fn a_typed_year_is_a_literal_fact() {
        let found = codes(
            "ends = Support ends in { $date }.\n",
            "ko",
            "ends = 지원은 2023년 4월 { $date }에 종료됩니다.\n",
        );
        let literal: Vec<_> = found.iter().filter(|f| f.0 == Code::LiteralFact).collect();
        assert_eq!(literal.len(), 2, "{found:?}");
        assert!(literal[0].3.contains("`2023`"));
        assert_eq!((literal[0].1, literal[0].2), (1, 12));
    }

    #[test]
    fn grouped_numbers_compare_by_digits() {
        assert_eq!(
            digit_runs("from 2,000 to 2.000 on 443."),
            vec![(5, "2000".into()), (14, "2000".into()), (23, "443".into())]
        );
        assert!(
            codes(
                "a = Port 443 and { $x }\n",
                "nl",
                "a = Poort 443 en { $x }\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_typed_product_name_is_a_literal_fact_and_a_term_mismatch() {
        let found = codes(
            "-exchange-online = Exchange Online\nmove = Move to { -exchange-online }.\n",
            "nl",
            "-exchange-online = Exchange Online\nmove = Verhuis naar Exchange Online.\n",
        );
        let kinds: Vec<Code> = found.iter().map(|f| f.0).collect();
        assert!(kinds.contains(&Code::LiteralFact), "{found:?}");
        assert!(kinds.contains(&Code::TermMismatch), "{found:?}");
    }

    #[test]
    fn missing_obsolete_and_attributes() {
        let found = codes(
            "a = A\n    .title = T\nb = B\n",
            "nl",
            "a = A\n    .alt = X\nc = C\n",
        );
        let kinds: Vec<Code> = found.iter().map(|f| f.0).collect();
        assert!(kinds.contains(&Code::MissingMessage));
        assert!(kinds.contains(&Code::MissingAttribute));
        assert!(kinds.contains(&Code::ObsoleteAttribute));
        assert!(kinds.contains(&Code::ObsoleteMessage));
    }

    #[test]
    fn plural_selects_need_every_cldr_category() {
        let en = "n = { $n ->\n    [one] one\n   *[other] many\n}\n";
        assert!(codes(en, "ko", "n = { $n ->\n   *[other] 여러\n}\n").is_empty());
        let found = codes(
            en,
            "pl",
            "n = { $n ->\n    [one] jeden\n   *[other] wiele\n}\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::PluralCategories);
        assert!(found[0].3.contains("[few], [many]"), "{found:?}");
        // A select on anything but plural categories is left alone.
        assert!(
            codes(
                "s = { $kind ->\n   *[server] S\n    [client] C\n}\n",
                "pl",
                "s = { $kind ->\n   *[server] S\n    [client] K\n}\n"
            )
            .is_empty()
        );
    }
}
