//! The `build` and `check` commands: load, render in memory, check, and (for `build`)
//! write — stopping before anything is written if any stage found an error.

use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::check;
use crate::diagnostics::{Diagnostic, Severity};
use crate::render::{self, Fallback, Output, Rendered};
use crate::site::Site;
use crate::status;
use crate::write;

/// Stage timings on stderr when `STELE_TIMINGS` is set, for finding where a build spends
/// its time without a profiler.
struct Timer {
    last: std::cell::Cell<Instant>,
    enabled: bool,
}

impl Timer {
    fn start() -> Timer {
        Timer {
            last: std::cell::Cell::new(Instant::now()),
            enabled: std::env::var_os("STELE_TIMINGS").is_some(),
        }
    }

    fn lap(&self, stage: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!(
                "{stage:>14}: {:>7.1} ms",
                (now - self.last.get()).as_secs_f64() * 1000.0
            );
            self.last.set(now);
        }
    }
}

/// Where the translation health page goes in the output.
pub const STATUS_PAGE: &str = "_status/index.html";

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub locales: usize,
    pub files: usize,
    pub out: PathBuf,
    pub fallbacks: Vec<Fallback>,
    /// Warnings of the load stage, shown in full.
    pub warnings: Vec<Diagnostic>,
    /// Warnings of the checks, shown as counts per code (`stele check` shows them in full).
    pub check_warnings: Vec<Diagnostic>,
    pub seconds: f64,
}

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files: exit code 1.
    Site(Vec<Diagnostic>),
    /// The output folder was refused or could not be written: exit code 2.
    Output(String),
}

/// A site rendered in memory and checked.
pub struct Checked {
    pub rendered: Rendered,
    /// The files around the pages (chooser, 404, sitemap, static files).
    pub other_files: Vec<Output>,
    /// Everything rendering and the checks found, errors and warnings.
    pub problems: Vec<Diagnostic>,
}

/// Renders the site in memory and runs every check on it. Link checks need every page, so
/// they run only when all pages rendered.
pub fn render_and_check(site: &Site) -> Checked {
    render_and_check_with_progress(site, None)
}

/// As [`render_and_check`], showing rendering progress on `progress`.
pub fn render_and_check_with_progress(site: &Site, progress: Option<&ProgressBar>) -> Checked {
    let timer = Timer::start();
    let rendered = render::render_with_progress(site, progress);
    timer.lap("render");
    if let Some(progress) = progress {
        progress.set_message("checking");
    }
    let mut problems = rendered.problems.clone();
    problems.extend(check::sources(site));
    timer.lap("check sources");
    let other_files = match write::site_files(site, rendered.not_found.as_deref()) {
        Ok(files) => files,
        Err(mut found) => {
            problems.append(&mut found);
            Vec::new()
        }
    };
    if rendered.problems.is_empty() && !other_files.is_empty() {
        problems.extend(check::output(site, &rendered, &other_files));
    }
    timer.lap("check output");
    Checked {
        rendered,
        other_files,
        problems,
    }
}

/// `--strict`: every warning counts as an error.
pub fn make_strict(problems: &mut [Diagnostic]) {
    for problem in problems {
        problem.severity = Severity::Error;
    }
}

/// Runs `stele check`: every diagnostic of loading and checking the site at `root`.
pub fn check_site(root: &Path) -> Vec<Diagnostic> {
    let (site, mut problems) = match Site::load(root) {
        Ok(loaded) => loaded,
        Err(problems) => return problems,
    };
    problems.extend(render_and_check(&site).problems);
    problems
}

/// A site rendered, checked and laid out as files, ready to write or to serve.
pub struct Assembled {
    pub outputs: Vec<Output>,
    pub pages: usize,
    pub locales: usize,
    pub fallbacks: Vec<Fallback>,
    pub warnings: Vec<Diagnostic>,
    pub check_warnings: Vec<Diagnostic>,
}

/// Loads, renders and checks the site at `root` and lays out every output file, sorted by
/// path; errors (and with `strict`, warnings) stop it.
pub fn assemble(root: &Path, strict: bool) -> Result<Assembled, Vec<Diagnostic>> {
    assemble_with_progress(root, strict, false, None)
}

/// Pages at which a build on a terminal shows a progress bar; smaller builds finish before
/// a bar would be readable.
const PROGRESS_FROM_PAGES: usize = 2000;

fn progress_bar(total: usize) -> ProgressBar {
    // Draws only on a terminal; piped or in CI it stays silent.
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg:>9} [{bar:30}] {pos}/{len} pages ({eta} left)")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("rendering");
    bar
}

/// As [`assemble`]; with `show_progress`, a large build on a terminal shows a progress bar;
/// with a `cache`, pages parsed by an earlier call are reused when their files are unchanged.
pub fn assemble_with_progress(
    root: &Path,
    strict: bool,
    show_progress: bool,
    cache: Option<&crate::pages::PageCache>,
) -> Result<Assembled, Vec<Diagnostic>> {
    let timer = Timer::start();
    let (site, mut warnings) = Site::load_cached(root, cache)?;
    timer.lap("load");
    let pairs = site.pages.len() * site.locales.list.len();
    let progress = (show_progress && pairs >= PROGRESS_FROM_PAGES).then(|| progress_bar(pairs));
    let checked = render_and_check_with_progress(&site, progress.as_ref());
    if let Some(progress) = &progress {
        progress.finish_and_clear();
    }
    let mut check_warnings = checked.problems;
    if strict {
        make_strict(&mut warnings);
        make_strict(&mut check_warnings);
    }
    if warnings
        .iter()
        .chain(&check_warnings)
        .any(Diagnostic::is_error)
    {
        warnings.append(&mut check_warnings);
        return Err(warnings);
    }
    let rendered = checked.rendered;
    let timer = Timer::start();
    let statuses = status::compute(&site);
    let mut outputs = rendered.outputs;
    outputs.extend(checked.other_files);
    outputs.push(Output {
        path: STATUS_PAGE.to_string(),
        bytes: status::health_page(&statuses, &rendered.usage).into_bytes(),
    });
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    timer.lap("health page");
    Ok(Assembled {
        outputs,
        pages: site.pages.len(),
        locales: site.locales.list.len(),
        fallbacks: rendered.fallbacks,
        warnings,
        check_warnings,
    })
}

/// Builds the site at `root` into `out` (default `<root>/public`).
pub fn build(root: &Path, out: Option<&Path>, strict: bool) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("public"));
    write::check_output_folder(root, &out).map_err(|refused| BuildError::Output(refused.0))?;
    let assembled = assemble_with_progress(root, strict, true, None).map_err(BuildError::Site)?;
    let timer = Timer::start();
    write::write_atomically(&out, &assembled.outputs)
        .map_err(|error| BuildError::Output(format!("cannot write {}: {error}", out.display())))?;
    timer.lap("write");
    Ok(BuildReport {
        pages: assembled.pages,
        locales: assembled.locales,
        files: assembled.outputs.len(),
        out,
        fallbacks: assembled.fallbacks,
        warnings: assembled.warnings,
        check_warnings: assembled.check_warnings,
        seconds: started.elapsed().as_secs_f64(),
    })
}
