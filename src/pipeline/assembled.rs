//! What the pipeline hands on: a site assembled as files, ready to write or to serve, and
//! the report of a build. The express path and the dev server make and read the same.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::cache::BuildRecord;
use crate::diagnostics::{Code, Diagnostic, count_by_code};
use crate::load::site::Site;
use crate::render::{Fallback, OutputFile};

/// Where the translation health page goes in the output.
pub(crate) const STATUS_PAGE: &str = "_status/index.html";

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub locales: usize,
    pub files: usize,
    /// Page outputs rendered by this build; the others were carried over unchanged.
    pub rendered: usize,
    pub out: PathBuf,
    pub fallbacks: Vec<Fallback>,
    /// Warnings of the load stage, shown in full.
    pub warnings: Vec<Diagnostic>,
    /// How many warnings the checks found, per code: a build shows only these counts
    /// (`stele check` shows each warning in full).
    pub check_counts: BTreeMap<Code, usize>,
    pub seconds: f64,
}

impl BuildReport {
    /// The report of the normal build that made `assembled` (its messages move into the
    /// report) into `out`, begun at `started`.
    pub(crate) fn of(assembled: &mut Assembled, out: PathBuf, started: std::time::Instant) -> Self {
        BuildReport {
            pages: assembled.pages,
            locales: assembled.locales,
            files: assembled.files.len(),
            rendered: assembled.rendered,
            out,
            fallbacks: std::mem::take(&mut assembled.fallbacks),
            warnings: std::mem::take(&mut assembled.warnings),
            check_counts: count_by_code(&assembled.check_warnings),
            seconds: started.elapsed().as_secs_f64(),
        }
    }
}

/// A site rendered, checked and laid out as files, ready to write or to serve.
pub struct Assembled {
    /// Every file of the site, sorted by path.
    pub files: Vec<OutputFile>,
    pub(crate) pages: usize,
    pub(crate) locales: usize,
    pub(crate) rendered: usize,
    pub(crate) fallbacks: Vec<Fallback>,
    pub(crate) warnings: Vec<Diagnostic>,
    pub check_warnings: Vec<Diagnostic>,
    /// What every page was made from, for the next build.
    pub record: BuildRecord,
    /// The site as loaded, for the dev server's next edit.
    pub site: Site,
}
