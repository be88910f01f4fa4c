//! The dev server's site between edits: the last good build kept in memory, so that an
//! edit of data files renders only the pages that read a changed value, without walking
//! or statting the rest of the site. Any other edit goes through
//! [`crate::pipeline::assemble_with`], which finds what changed by itself; so does a data edit
//! this shortcut cannot prove equal to a full build (a collection gaining an entry, a data
//! file that no longer parses, link problems).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cache::BuildRecord;
use crate::cache::plan;
use crate::check::links;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::data::DataTree;
use crate::load::pages;
use crate::load::site::Site;
use crate::load::yaml::NodeValue;
use crate::output;
use crate::output::status;
use crate::pipeline::assembled::{STATUS_PAGE, SiteFile};
use crate::util::digest::content_hash;

/// The last good build: its site, its record, and what its checks reported.
pub struct Live {
    pub site: Site,
    pub record: BuildRecord,
    /// Warnings of the checks, which an edit of data values cannot change.
    pub check_warnings: Vec<Diagnostic>,
    /// Every file of the build, by path, with its hash.
    files: std::collections::HashMap<String, String>,
}

/// What an edit changed in the built site.
#[derive(Debug)]
pub struct Update {
    /// The files whose bytes changed; every other file stays as it was.
    pub files: Vec<SiteFile>,
    pub rendered: usize,
}

impl Live {
    pub fn new(
        site: Site,
        record: BuildRecord,
        check_warnings: Vec<Diagnostic>,
        files: &[SiteFile],
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
    /// `None` when this shortcut does not apply and the caller must rebuild in full;
    /// `Some(Err)` when the edit breaks a page's rendering.
    // Long: each early `None` is one condition of the proof that the shortcut equals a
    // full build; to be shared with the express path's, as one shortcut (issue 12).
    pub fn apply_data_edit(
        &mut self,
        changed: &[PathBuf],
    ) -> Option<Result<Update, Vec<Diagnostic>>> {
        // The search index is made from every page; a full rebuild keeps it current.
        if self.site.config.search {
            return None;
        }
        let root = self.site.root.clone();
        let all_data = changed.iter().all(|path| {
            relative_to(&root, path).is_some_and(|p| self.site.files.data.contains(&p))
        });
        // Link problems are reported once per template across pages: only a site without
        // any can be updated page by page and still say exactly what a full build says.
        let link_problems = self
            .check_warnings
            .iter()
            .any(|p| matches!(p.code, Code::BrokenLink | Code::BrokenAnchor));
        if changed.is_empty() || !all_data {
            return None;
        }
        let timer = crate::util::timing::Timer::start();
        if link_problems {
            return timer.fallback("the last build had link findings, whose positions may move");
        }
        let files: Vec<PathBuf> = changed
            .iter()
            .filter_map(|path| relative_to(&root, path))
            .collect();
        let (data, changed_paths) =
            self.site.data.reload(&root, &files).ok().or_else(|| {
                timer.fallback("an edited data file cannot be spliced into the tree")
            })?;
        timer.lap("data");
        if changed_paths.is_empty() {
            // Saved without a change of value (or only comments and layout changed).
            self.site.data = data;
            return Some(Ok(Update {
                files: Vec::new(),
                rendered: 0,
            }));
        }
        // Collection pages come from data entries; new or removed entries change the pages.
        for collection in &self.site.config.collections {
            if entry_keys(&self.site.data, &collection.data) != entry_keys(&data, &collection.data)
            {
                return timer.fallback("a collection gained or lost an entry");
            }
        }
        self.site.data = data;
        for page in &mut self.site.pages {
            if let Some((name, key, item)) = &mut page.collection
                && let Some(collection) = self
                    .site
                    .config
                    .collections
                    .iter()
                    .find(|c| &c.name == name)
                && let Some(NodeValue::Map(entries)) =
                    self.site.data.get(&collection.data).map(|node| &node.value)
                && let Some((_, entry)) = entries.iter().find(|(k, _)| k == key)
            {
                *item = entry.clone();
            }
        }
        // The outputs that read a changed value, as (page, locale) indexes.
        let stale: std::collections::HashSet<(&str, &str)> = self
            .record
            .outputs
            .values()
            .filter(|record| {
                record.data.iter().any(|(read, _)| {
                    changed_paths
                        .iter()
                        .any(|changed| crate::cache::paths_overlap(read, changed))
                })
            })
            .map(|record| (record.slug.as_str(), record.locale.as_str()))
            .collect();
        let stale_slugs: BTreeSet<&str> = stale.iter().map(|(slug, _)| *slug).collect();
        let mut outputs: Vec<(usize, usize)> = Vec::with_capacity(stale.len());
        for (page_index, page) in self.site.pages.iter().enumerate() {
            if !stale_slugs.contains(page.slug.as_str()) {
                continue;
            }
            for (locale_index, locale) in self.site.locales.list.iter().enumerate() {
                if stale.contains(&(page.slug.as_str(), locale.tag.as_str())) {
                    outputs.push((page_index, locale_index));
                }
            }
        }
        let pages_to_read: BTreeSet<usize> = outputs.iter().map(|(page, _)| *page).collect();
        // Pages carried over by an earlier build must be read before they are rendered.
        let source_tag = self.site.config.source_locale.clone();
        let mut problems =
            pages::reload_pages(&root, &mut self.site.pages, &pages_to_read, &source_tag);
        timer.lap("read pages");
        let plan = plan::plan_data_edit(&self.site, Some(&self.record), &outputs);
        timer.lap("plan");
        let rendered = plan::render_planned(&self.site, &plan, None, None);
        timer.lap("render");
        problems.extend(rendered.problems.iter().cloned());
        if !problems.is_empty() {
            return Some(Err(problems));
        }

        // The pages rendered now must offer the same anchors as before, or pages linking to
        // them need checking again: leave that to the full build.
        let pages_links = crate::cache::links::fresh_with_same_anchors(&rendered, &self.record)
            .or_else(|| timer.fallback("a rendered page offers other anchors than before"))?;
        let fresh: Vec<&(String, Arc<crate::cache::OutputRecord>)> =
            rendered.records.iter().collect();
        let same_usage = fresh.iter().all(|(path, record)| {
            self.record.outputs.get(path).is_some_and(|known| {
                let before: BTreeSet<&String> = known.messages.iter().map(|(id, _)| id).collect();
                let after: BTreeSet<&String> = record.messages.iter().map(|(id, _)| id).collect();
                before == after
            })
        });
        if !links::check(&pages_links, &self.record, &self.site.links.base_path).is_empty() {
            return timer.fallback("a rendered page has link problems");
        }

        timer.lap("links");
        let count = fresh.len();
        let mut files: Vec<SiteFile> = rendered
            .outputs
            .into_iter()
            .map(|output| SiteFile {
                hash: content_hash(&output.bytes),
                path: output.path,
                bytes: Some(output.bytes),
                staged: false,
            })
            .collect();
        // The theme's 404 pages and chooser may show data too.
        let chooser = rendered.chooser.map(|html| crate::render::Output {
            path: "index.html".to_string(),
            bytes: html.into_bytes(),
        });
        for output in output::not_found_pages(&self.site, &rendered.not_found)
            .into_iter()
            .chain(chooser)
        {
            files.push(SiteFile {
                hash: content_hash(&output.bytes),
                path: output.path,
                bytes: Some(output.bytes),
                staged: false,
            });
        }
        for (path, record) in rendered.records {
            self.record.outputs.insert(path, record);
        }
        if !same_usage && self.site.config.status_page {
            let usage = plan::Rendered {
                records: self
                    .record
                    .outputs
                    .iter()
                    .map(|(path, record)| (path.clone(), record.clone()))
                    .collect(),
                ..plan::Rendered::default()
            }
            .usage();
            let health = status::health_page(
                &status::compute(&self.site, &self.record.page_findings()),
                &usage,
            );
            files.push(SiteFile {
                path: STATUS_PAGE.to_string(),
                hash: content_hash(health.as_bytes()),
                bytes: Some(health.into_bytes()),
                staged: false,
            });
        }
        timer.lap("files");
        files.retain(|file| self.files.get(&file.path) != Some(&file.hash));
        for file in &files {
            self.files.insert(file.path.clone(), file.hash.clone());
        }
        Some(Ok(Update {
            files,
            rendered: count,
        }))
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

fn entry_keys(data: &DataTree, path: &str) -> Option<Vec<String>> {
    match data.get(path).map(|node| &node.value) {
        Some(NodeValue::Map(entries)) => Some(entries.iter().map(|(key, _)| key.clone()).collect()),
        _ => None,
    }
}
