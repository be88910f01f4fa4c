//! Page drift: a translated Markdown page (`x.nl.md`) must carry the facts of its source
//! (`x.md`): the same numbers, link and image targets, code spans, number of headings and
//! table shapes. Prose may differ; these may not.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::check::messages::digit_runs;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::pages::{Page, PageText};

/// One fact of a page and where it is (byte range in the page file).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fact {
    value: String,
    at: Range<usize>,
}

/// The facts of one page, by kind, in document order.
#[derive(Debug, Default)]
struct Facts {
    numbers: Vec<Fact>,
    links: Vec<Fact>,
    code: Vec<Fact>,
    headings: Vec<Fact>,
    /// `rows×columns` of each table.
    tables: Vec<Fact>,
}

fn facts(text: &PageText) -> Facts {
    let body = &text.text[text.body_start..];
    let base = text.body_start;
    let options = crate::util::markdown::options();
    let mut found = Facts::default();
    // (start, rows, columns of the head row)
    let mut table: Option<(usize, usize, usize)> = None;
    let mut in_head = false;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let at = base + range.start..base + range.end;
        match event {
            Event::Text(value) => {
                // The text of an event may be unescaped; find its runs in the file slice
                // when they match, so positions point at what was typed.
                let raw = &body[range.clone()];
                let source = if raw == value.as_ref() {
                    raw
                } else {
                    value.as_ref()
                };
                for (offset, digits) in digit_runs(source) {
                    let start = if source.as_ptr() == raw.as_ptr() {
                        at.start + offset
                    } else {
                        at.start
                    };
                    found.numbers.push(Fact {
                        value: digits,
                        at: start..start + 1,
                    });
                }
            }
            Event::Code(value) => found.code.push(Fact {
                value: value.to_string(),
                at,
            }),
            Event::Start(Tag::Link { dest_url, .. }) => found.links.push(Fact {
                value: dest_url.to_string(),
                at,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => found.links.push(Fact {
                value: format!("image {dest_url}"),
                at,
            }),
            Event::Start(Tag::Heading { level, .. }) => found.headings.push(Fact {
                value: format!("{level}"),
                at,
            }),
            Event::Start(Tag::Table(alignments)) => {
                table = Some((at.start, 0, alignments.len()));
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let Some((_, rows, _)) = &mut table {
                    *rows += 1;
                }
            }
            Event::End(TagEnd::TableRow) if !in_head => {
                if let Some((_, rows, _)) = &mut table {
                    *rows += 1;
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((start, rows, columns)) = table.take() {
                    found.tables.push(Fact {
                        value: format!("{rows} rows × {columns} columns"),
                        at: start..start + 1,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// Heading attributes the Markdown renderer left out of every text of a page (only a plain
/// `{#id}` and `{.class}` are kept: anything else could carry script).
fn dropped_attributes(page: &Page) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (tag, text) in &page.texts {
        for (offset, attribute) in &text.body.dropped {
            let at = text.body_start + offset;
            problems.push(
                Diagnostic::warning(
                    Code::PageError,
                    &text.file,
                    format!("heading attribute `{attribute}` is left out"),
                )
                .at_span(&text.text, at..at + 1)
                .locale(tag)
                .help("headings take only `{#id}` and `{.class}` made of letters, digits, `-`, `_`, `.` and `:`"),
            );
        }
    }
    problems
}

/// Page drift of one page's translations.
pub fn check_page(page: &Page, source_tag: &str) -> Vec<Diagnostic> {
    let mut problems = dropped_attributes(page);
    let Some(source) = page.texts.get(source_tag) else {
        return problems;
    };
    let source_facts = facts(source);
    for (tag, translation) in &page.texts {
        if tag == source_tag {
            continue;
        }
        let translated = facts(translation);
        let kinds = [
            ("numbers", &source_facts.numbers, &translated.numbers, true),
            (
                "link and image targets",
                &source_facts.links,
                &translated.links,
                true,
            ),
            ("code spans", &source_facts.code, &translated.code, true),
            (
                "headings",
                &source_facts.headings,
                &translated.headings,
                false,
            ),
            ("tables", &source_facts.tables, &translated.tables, false),
        ];
        for (kind, wanted, found, by_value) in kinds {
            if let Some(problem) = compare(kind, wanted, found, by_value) {
                let (at, message) = problem;
                problems.push(
                    Diagnostic::error(
                        Code::PageDrift,
                        &translation.file,
                        format!("{message} (source: {})", source.file.display()),
                    )
                    .at_span(&translation.text, at)
                    .locale(tag)
                    .help(format!(
                        "a translated page keeps the {kind} of its source; put them back as in {}",
                        source.file.display()
                    )),
                );
            }
        }
    }
    problems
}

/// The first difference between two fact lists: where, in the translation, and what.
/// Values compare as a multiset when `by_value` (word order may move a number), else the
/// lists compare by count (headings) or in order (tables).
fn compare(
    kind: &str,
    wanted: &[Fact],
    found: &[Fact],
    by_value: bool,
) -> Option<(Range<usize>, String)> {
    let fallback_at = |index: usize| {
        found
            .get(index)
            .or_else(|| found.last())
            .map(|fact| fact.at.clone())
            .unwrap_or(0..0)
    };
    if kind == "headings" {
        if wanted.len() == found.len() {
            return None;
        }
        return Some((
            fallback_at(wanted.len().min(found.len())),
            format!(
                "this page has {} headings where its source has {}",
                found.len(),
                wanted.len()
            ),
        ));
    }
    if !by_value {
        for index in 0..wanted.len().max(found.len()) {
            match (wanted.get(index), found.get(index)) {
                (Some(w), Some(f)) if w.value == f.value => continue,
                (Some(w), Some(f)) => {
                    return Some((
                        f.at.clone(),
                        format!(
                            "table {} has {} here but {} in the source",
                            index + 1,
                            f.value,
                            w.value
                        ),
                    ));
                }
                (Some(w), None) => {
                    return Some((
                        fallback_at(index),
                        format!(
                            "table {} ({}) of the source is missing here",
                            index + 1,
                            w.value
                        ),
                    ));
                }
                (None, Some(f)) => {
                    return Some((
                        f.at.clone(),
                        format!("table {} ({}) is not in the source", index + 1, f.value),
                    ));
                }
                (None, None) => break,
            }
        }
        return None;
    }
    let mut unmatched_source: Vec<&Fact> = wanted.iter().collect();
    let mut extra: Vec<&Fact> = Vec::new();
    for fact in found {
        match unmatched_source.iter().position(|w| w.value == fact.value) {
            Some(index) => {
                unmatched_source.remove(index);
            }
            None => extra.push(fact),
        }
    }
    if unmatched_source.is_empty() && extra.is_empty() {
        return None;
    }
    let mut what = Vec::new();
    if !extra.is_empty() {
        what.push(format!(
            "has {} not in the source",
            extra
                .iter()
                .map(|f| format!("`{}`", f.value))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !unmatched_source.is_empty() {
        what.push(format!(
            "lacks {} of the source",
            unmatched_source
                .iter()
                .map(|f| format!("`{}`", f.value))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let at = match extra.first() {
        Some(fact) => fact.at.clone(),
        None => {
            // Point where the source's first unmatched item would be, counted in order.
            let index = wanted
                .iter()
                .position(|w| std::ptr::eq(w, unmatched_source[0]))
                .unwrap_or(0);
            fallback_at(index)
        }
    };
    Some((
        at,
        format!("the {kind} differ: this page {}", what.join(" and ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::pages::PageKind;
    use crate::util::markdown;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn text(file: &str, body: &str) -> PageText {
        let whole = format!("---\ntitle: x\n---\n{body}");
        PageText {
            file: PathBuf::from(file),
            front: crate::load::yaml::parse_tree("title: x\n", std::path::Path::new(file), 1)
                .unwrap(),
            title: None,
            body: markdown::render_page(body),
            body_start: whole.len() - body.len(),
            digest: crate::util::digest::digest(whole.as_bytes()),
            text: whole,
            prose: true,
            loaded: true,
            stamp: None,
        }
    }

    fn drift(source: &str, translation: &str) -> Vec<Diagnostic> {
        let page = Page {
            kind: PageKind::Page,
            slug: "x".into(),
            template: "page.html".into(),
            weight: 0,
            texts: BTreeMap::from([
                ("en".to_string(), text("content/pages/x.md", source)),
                ("nl".to_string(), text("content/pages/x.nl.md", translation)),
            ]),
            collection: None,
            draft: false,
        };
        check_page(&page, "en")
    }

    #[test]
    fn same_facts_in_other_words_pass() {
        let en = "# Ports\n\nUse port `443` until 2023, see [docs](https://a.example/x).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let nl = "# Poorten\n\nTot 2023 gebruikt u poort `443`, zie [documentatie](https://a.example/x).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert!(drift(en, nl).is_empty(), "{:?}", drift(en, nl));
    }

    #[test]
    fn a_changed_number_and_link_are_located() {
        let en =
            "# Plan\n\nMigrate 2,000 seats by 2023.\n\nSee [notes](https://a.example/notes).\n";
        let nl = "# Plan\n\nMigreer 2.000 plaatsen voor 2024.\n\nZie [notities](https://a.example/old).\n";
        let found = drift(en, nl);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.contains("`2024`"), "{}", found[0].message);
        assert!(
            found[0].message.contains("lacks `2023`"),
            "{}",
            found[0].message
        );
        assert_eq!((found[0].line, found[0].column), (6, 29));
        assert!(found[1].message.contains("https://a.example/old"));
        assert_eq!(found[1].line, 8);
    }

    #[test]
    fn headings_code_and_tables() {
        let en = "# A\n\n## B\n\n`x`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let nl = "# A\n\n`y`\n\n| a |\n|---|\n| 1 |\n| 2 |\n";
        let found = drift(en, nl);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.contains("1 headings where its source has 2"))
        );
        assert!(messages.iter().any(|m| m.contains("`y`")));
        assert!(messages.iter().any(|m| m.contains("3 rows × 1 columns")));
    }
}
