//! The link check of a whole build: every page's links, from the link facts its record
//! keeps, whether rendered now or carried over; with the previous build's record, only
//! the pages that changed.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::BuildRecord;
use crate::cache::plan::Rendered;
use crate::check::links;
use crate::diagnostics::Diagnostic;
use crate::load::site::Site;
use crate::render::OutputFile;

/// Checks of the rendered site: links and anchors of every page, against the pages and
/// the `other_files` around them (chooser, 404, static files). Pages are checked from the
/// link facts of their records, whether rendered now or carried over.
///
/// With the record of the `previous` build (which had no broken links, or it would have
/// failed), only the pages rendered now are checked when the site's files and every
/// page's anchors are as they were: nothing else can have changed.
pub(crate) fn output(
    site: &Site,
    rendered: &Rendered,
    other_files: &[OutputFile],
    previous: Option<&BuildRecord>,
) -> (Vec<Diagnostic>, BTreeMap<String, links::LinkFacts>) {
    let others: Vec<(&str, links::LinkFacts)> = other_files
        .par_iter()
        .map(|file| {
            let facts = match std::str::from_utf8(file.content.bytes().unwrap_or_default()) {
                Ok(html) if file.path.ends_with(".html") => links::scan(html),
                _ => links::LinkFacts::default(),
            };
            (file.path.as_str(), facts)
        })
        .collect();
    let facts: BTreeMap<String, links::LinkFacts> = others
        .iter()
        .map(|(path, facts)| (path.to_string(), facts.clone()))
        .collect();
    let mut problems: Vec<Diagnostic> = others
        .iter()
        .flat_map(|(path, facts)| links::script_links(path, facts))
        .collect();
    if let Some(previous) = previous
        && previous.other_files == facts
        && previous.outputs.len() == rendered.records.len()
        && let Some(fresh) = fresh_with_same_anchors(rendered, previous)
    {
        let found = links::check(&fresh, previous, &site.links.base_path);
        if found.is_empty() {
            return (problems, facts);
        }
    }
    let targets = links::Known {
        files: rendered
            .records
            .iter()
            .map(|(path, _)| path.as_str())
            .chain(other_files.iter().map(|file| file.path.as_str()))
            .collect(),
        ids: rendered
            .records
            .iter()
            .map(|(path, record)| (path.as_str(), &record.links.get().ids))
            .chain(others.iter().map(|(path, facts)| (*path, &facts.ids)))
            .collect(),
    };
    let by_slug: std::collections::HashMap<&str, &crate::load::pages::Page> = site
        .pages
        .iter()
        .map(|page| (page.slug.as_str(), page))
        .collect();
    let pages: Vec<links::PageLinks> = rendered
        .records
        .iter()
        .map(|(path, record)| links::PageLinks {
            path,
            locale: &record.locale,
            template: &record.template,
            facts: record.links.get(),
            written: written(site, &by_slug, &record.slug, &record.locale),
        })
        .collect();
    problems.extend(links::check(&pages, &targets, &site.links.base_path));
    (problems, facts)
}

/// The Markdown file the page at `slug` shows in `locale` (its own, or the one it falls
/// back to), with the links its body writes.
fn written<'a>(
    site: &'a Site,
    by_slug: &std::collections::HashMap<&str, &'a crate::load::pages::Page>,
    slug: &str,
    locale: &'a str,
) -> Option<links::Written<'a>> {
    let page = by_slug.get(slug)?;
    let chain = site
        .locales
        .list
        .iter()
        .find(|candidate| candidate.tag == locale)
        .map(|found| found.chain.as_slice())
        .unwrap_or_default();
    let (_, text) = page.text_along(locale, chain)?;
    (!text.body_links.is_empty()).then_some(links::Written {
        file: &text.file,
        links: &text.body_links,
    })
}

/// The link facts of the pages of `rendered` made now (carried pages are skipped), when
/// each of them was in the previous build and offers the same anchors as then; `None`
/// otherwise, and the pages linking to them need checking too.
pub(crate) fn fresh_with_same_anchors<'a>(
    rendered: &'a Rendered,
    previous: &BuildRecord,
) -> Option<Vec<links::PageLinks<'a>>> {
    let mut fresh = Vec::new();
    for (path, record) in &rendered.records {
        let known = previous.outputs.get(path)?;
        if Arc::ptr_eq(known, record) {
            continue;
        }
        if known.links.get().ids != record.links.get().ids {
            return None;
        }
        fresh.push(links::PageLinks {
            path,
            locale: &record.locale,
            template: &record.template,
            facts: record.links.get(),
            // Only whether these pages have a broken link is asked here; when one has,
            // the whole check runs again and locates it in its Markdown.
            written: None,
        });
    }
    Some(fresh)
}
