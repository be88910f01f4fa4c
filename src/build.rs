//! The `build` command: load, render, write, in that order, stopping before anything is
//! written if any stage found an error.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::Diagnostic;
use crate::render::{self, Fallback};
use crate::site::Site;
use crate::write;

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub locales: usize,
    pub files: usize,
    pub out: PathBuf,
    pub fallbacks: Vec<Fallback>,
    pub warnings: Vec<Diagnostic>,
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

/// Builds the site at `root` into `out` (default `<root>/public`).
pub fn build(root: &Path, out: Option<&Path>) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("public"));
    write::check_output_folder(root, &out).map_err(|refused| BuildError::Output(refused.0))?;
    let (site, warnings) = Site::load(root).map_err(BuildError::Site)?;
    let rendered = render::render(&site);
    if !rendered.problems.is_empty() {
        return Err(BuildError::Site(rendered.problems));
    }
    let mut outputs = rendered.outputs;
    outputs.extend(write::site_files(&site).map_err(BuildError::Site)?);
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    write::write_atomically(&out, &outputs)
        .map_err(|error| BuildError::Output(format!("cannot write {}: {error}", out.display())))?;
    Ok(BuildReport {
        pages: site.pages.len(),
        locales: site.locales.list.len(),
        files: outputs.len(),
        out,
        fallbacks: rendered.fallbacks,
        warnings,
        seconds: started.elapsed().as_secs_f64(),
    })
}
