//! Stage 3, check: pure functions from the loaded site (and, for links, the pages rendered
//! in memory) to diagnostics. Each submodule owns one kind of drift between the source
//! language and a translation; none of them reads or writes files.

pub mod fluent;
pub mod links;
pub mod messages;
pub mod pages;
pub mod review;

use crate::diagnostics::Diagnostic;
use crate::render::{Output, Rendered};
use crate::site::Site;

/// Checks that need only the sources: messages, reviews, translated pages.
pub fn sources(site: &Site) -> Vec<Diagnostic> {
    let mut problems = messages::check(&site.locales);
    problems.extend(review::check(&site.locales, &site.locks));
    problems.extend(pages::check(&site.pages, &site.config.source_locale));
    problems
}

/// Checks of the rendered site: links and anchors of every page, against the pages and
/// the `other_files` around them (chooser, 404, static files).
pub fn output(site: &Site, rendered: &Rendered, other_files: &[Output]) -> Vec<Diagnostic> {
    let all: Vec<&Output> = rendered.outputs.iter().chain(other_files).collect();
    links::check(&all, &rendered.origins, &site.links.base_path)
}
