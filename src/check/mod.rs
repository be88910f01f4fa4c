//! Stage 3, check: pure functions from the loaded site (and, for links, the pages rendered
//! in memory) to diagnostics. Each submodule owns one kind of drift between the source
//! language and a translation; none of them reads or writes files.

pub(crate) mod cardinals;
pub(crate) mod links;
pub(crate) mod markup;
pub(crate) mod messages;
pub mod pages;
pub(crate) mod particles;
pub mod qa;
pub mod review;
pub(crate) mod shown;

use crate::check::qa::inconsistency::FileSegments;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::Config;
use crate::load::site::Site;

/// Checks of the locales: messages, reviews and translation QA, with the messages'
/// segments for [`inconsistencies`]. Translated pages are checked one by one
/// ([`pages::check_page_segments`]), so a build can reuse what it found for unchanged pages.
pub(crate) fn sources(site: &Site) -> (Vec<Diagnostic>, Vec<FileSegments>) {
    let mut problems = messages::check(&site.locales);
    problems.extend(particles::check(&site.locales));
    problems.extend(review::check(&site.locales, &site.locks));
    problems.extend(pages::literal_facts(site));
    let (found, segments) = qa::messages::check(&site.locales, &site.qa, &site.config, &site.locks);
    problems.extend(found);
    (problems, segments)
}

/// The locale-wide inconsistencies among `segments`: the messages', then each page's in
/// site order, as [`sources`] and [`pages::check_page_segments`] made them.
pub fn inconsistencies<'s>(
    config: &Config,
    segments: impl IntoIterator<Item = &'s FileSegments>,
) -> Vec<Diagnostic> {
    qa::inconsistency::check(segments, |tag| config.check_level(tag, Code::Inconsistency))
}
