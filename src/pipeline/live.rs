//! The dev server's site between edits: the last good build kept in memory, so that an
//! edit of data files renders only the pages that read a changed value, without walking
//! or statting the rest of the site. The edit goes through the data-edit shortcut
//! ([`crate::cache::data_edit`]), the same one `stele build` takes; any other edit, and a
//! data edit the shortcut refuses, goes through [`crate::pipeline::assemble_with`], which
//! finds what changed by itself.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::cache::BuildRecord;
use crate::cache::data_edit;
use crate::diagnostics::Diagnostic;
use crate::load::pages;
use crate::load::site::Site;
use crate::output;
use crate::render::OutputFile;
use crate::util::digest::Digest;
use crate::util::timing::Timer;

/// The last good build: its site, its record, and what its checks reported.
pub struct Live {
    pub(crate) site: Site,
    pub record: BuildRecord,
    /// Warnings of the checks, which an edit of data values cannot change.
    pub(crate) check_warnings: Vec<Diagnostic>,
    /// Every file of the build, by path, with its hash.
    files: HashMap<String, String>,
}

/// What an edit changed in the built site.
#[derive(Debug)]
pub struct Update {
    /// The files whose bytes changed; every other file stays as it was.
    pub files: Vec<OutputFile>,
    pub rendered: usize,
}

impl Live {
    pub fn new(
        site: Site,
        record: BuildRecord,
        check_warnings: Vec<Diagnostic>,
        files: &[OutputFile],
    ) -> Live {
        Live {
            site,
            record,
            check_warnings,
            files: files
                .iter()
                .map(|file| (file.path.clone(), file.hash.clone()))
                .collect(),
        }
    }

    /// Applies an edit of the data files `changed` (paths as the watcher reports them).
    /// `None` when the data-edit shortcut does not take it and the caller must rebuild in
    /// full; `Some(Err)` when the edit breaks a page's rendering.
    pub fn apply_data_edit(
        &mut self,
        changed: &[PathBuf],
    ) -> Option<Result<Update, Vec<Diagnostic>>> {
        let timer = Timer::start();
        let root = self.site.root.clone();
        let files: Vec<PathBuf> = changed
            .iter()
            .map(|path| relative_to(&root, path).filter(|p| self.site.files.data.contains(p)))
            .collect::<Option<_>>()
            .filter(|files: &Vec<PathBuf>| !files.is_empty())
            .or_else(|| timer.fallback("an edited file is not a data file"))?;
        // The dev server has no `--strict`: warnings do not stop it.
        data_edit::last_build_allows(
            &timer,
            self.check_warnings.iter().map(|problem| problem.code),
            false,
            false,
        )?;
        let collections = &self.site.config.collections;
        let (data, changed_paths) =
            data_edit::splice(&timer, self.site.data.clone(), &root, &files, collections)?;
        data_edit::refresh_entries(&mut self.site.pages, collections, &data);
        self.site.data = data;
        if changed_paths.is_empty() {
            // Saved without a change of value (or only comments and layout changed).
            return Some(Ok(Update {
                files: Vec::new(),
                rendered: 0,
            }));
        }
        let (outputs, expected) = self.stale_outputs(&changed_paths);
        // Pages carried over by an earlier build are read now, their problems reported
        // once before rendering.
        let pages_to_read: BTreeSet<usize> = outputs.iter().map(|(page, _)| *page).collect();
        let problems = pages::read_contents(&root, &self.site.pages, &pages_to_read);
        timer.lap("read pages");
        if !problems.is_empty() {
            return Some(Err(problems));
        }
        let rendered = match data_edit::render(&timer, &self.site, &outputs, &expected)? {
            Ok(rendered) => rendered,
            Err(problems) => return Some(Err(problems)),
        };
        data_edit::search_allows(&timer, self.site.config.search, &rendered, |path| {
            self.record
                .outputs
                .get(path)
                .map(|known| known.hash.clone())
        })?;
        let count = rendered.records.len();
        let mut files: Vec<OutputFile> = rendered.outputs;
        // The theme's 404 pages and chooser may show data too.
        let chooser = rendered
            .chooser
            .map(|html| OutputFile::new("index.html".to_string(), html.into_bytes()));
        files.extend(output::not_found_pages(&self.site, &rendered.not_found));
        files.extend(chooser);
        self.record.outputs.extend(rendered.records);
        files.retain(|file| self.files.get(&file.path) != Some(&file.hash));
        for file in &files {
            self.files.insert(file.path.clone(), file.hash.clone());
        }
        timer.lap("files");
        Some(Ok(Update {
            files,
            rendered: count,
        }))
    }

    /// The outputs that read one of the `changed` data paths, as (page, locale) indexes,
    /// with the shape each had.
    fn stale_outputs(&self, changed: &[String]) -> (Vec<(usize, usize)>, HashMap<String, Digest>) {
        let stale: HashMap<(&str, &str), (&str, Digest)> = self
            .record
            .outputs
            .iter()
            .filter(|(_, record)| {
                data_edit::reads_changed(record.data.iter().map(|(read, _)| read.as_str()), changed)
            })
            .map(|(path, record)| {
                (
                    (record.slug.as_str(), record.locale.as_str()),
                    (path.as_str(), record.shape),
                )
            })
            .collect();
        let stale_slugs: HashSet<&str> = stale.keys().map(|(slug, _)| *slug).collect();
        let mut outputs = Vec::with_capacity(stale.len());
        let mut expected = HashMap::with_capacity(stale.len());
        for (page_index, page) in self.site.pages.iter().enumerate() {
            if !stale_slugs.contains(page.slug.as_str()) {
                continue;
            }
            for (locale_index, locale) in self.site.locales.list.iter().enumerate() {
                if let Some((path, shape)) = stale.get(&(page.slug.as_str(), locale.tag.as_str())) {
                    outputs.push((page_index, locale_index));
                    expected.insert(path.to_string(), *shape);
                }
            }
        }
        (outputs, expected)
    }
}

/// `path` relative to the site root, as discover lists files.
fn relative_to(root: &Path, path: &Path) -> Option<PathBuf> {
    if let Ok(relative) = path.strip_prefix(root) {
        return Some(relative.to_path_buf());
    }
    let canonical_root = root.canonicalize().ok()?;
    let canonical = path.canonicalize().ok()?;
    canonical
        .strip_prefix(&canonical_root)
        .ok()
        .map(Path::to_path_buf)
}
