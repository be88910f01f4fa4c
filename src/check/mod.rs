//! Stage 3, check: pure functions from the loaded site (and, for links, the pages rendered
//! in memory) to diagnostics. Each submodule owns one kind of drift between the source
//! language and a translation; none of them reads or writes files.

pub mod fluent;
pub mod links;
pub mod messages;
pub mod pages;
pub mod review;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::{Output, Rendered};
use crate::site::Site;

/// Checks of the locales: messages and reviews. Translated pages are checked one by one
/// ([`pages::check_page`]), so a build can reuse what it found for unchanged pages.
pub fn sources(site: &Site) -> Vec<Diagnostic> {
    let mut problems = messages::check(&site.locales);
    problems.extend(review::check(&site.locales, &site.locks));
    problems
}

/// Checks of the rendered site: links and anchors of every page, against the pages and
/// the `other_files` around them (chooser, 404, static files). Pages are checked from the
/// link facts of their records, whether rendered now or carried over.
pub fn output(
    site: &Site,
    rendered: &Rendered,
    other_files: &[Output],
) -> (Vec<Diagnostic>, BTreeMap<String, links::LinkFacts>) {
    let others: Vec<(&str, links::LinkFacts)> = other_files
        .par_iter()
        .map(|file| {
            let facts = match std::str::from_utf8(&file.bytes) {
                Ok(html) if file.path.ends_with(".html") => links::scan(html),
                _ => links::LinkFacts::default(),
            };
            (file.path.as_str(), facts)
        })
        .collect();
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
            .map(|(path, record)| (path.as_str(), &record.links.ids))
            .chain(others.iter().map(|(path, facts)| (*path, &facts.ids)))
            .collect(),
    };
    let pages: Vec<links::PageLinks> = rendered
        .records
        .iter()
        .map(|(path, record)| links::PageLinks {
            path,
            locale: &record.locale,
            template: &record.template,
            facts: &record.links,
        })
        .collect();
    let problems = links::check(&pages, &targets, &site.links.base_path);
    let facts = others
        .into_iter()
        .map(|(path, facts)| (path.to_string(), facts))
        .collect();
    (problems, facts)
}
