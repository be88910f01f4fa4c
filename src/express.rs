//! The express path of `stele build`: when only data values changed since the last build,
//! render the outputs that read a changed value and leave the rest of the site unread.
//!
//! A normal build of an unchanged 30,000-page site still discovers, stats and keys every
//! page, and reads and writes a record of tens of megabytes. After an edit of data values,
//! all but the pages that read a changed value are known to be as the last build left
//! them. The [`Snapshot`] that every normal build saves beside its record holds what proves
//! that, and what those pages need: the stamps of every input file and folder, the data
//! files as parsed, each page's files, and each output's data reads and shape. Whatever
//! else an edit might change (any other file, a folder's entries, a collection, a page's
//! links or messages, a template that lists pages or a 404 page that shows data) sends the
//! build down the normal path, which finds what changed by itself.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::build::{Assembled, BuildReport};
use crate::config::{CONFIG_FILE, Config};
use crate::data::DataTree;
use crate::diagnostics::{Code, Diagnostic};
use crate::discover::{self, DATA_DIR, SiteFiles};
use crate::incremental::{
    self, Digest, FileStamp, OutputRecord, PATH_SEPARATOR, RACY_NANOS, RecordPatch,
    StoredDiagnostic, StoredNode,
};
use crate::locales::Locales;
use crate::lock::{ReviewLock, lock_path};
use crate::pages::{self, Page, PageKind, PageText};
use crate::render::{self, Fallback, NOT_FOUND_TEMPLATE};
use crate::site::Site;
use crate::theme::{Links, Theme};
use crate::timing::Timer;
use crate::write;
use crate::yaml::NodeValue;

/// Bumped whenever the snapshot's layout or meaning changes; an older one is ignored.
const FORMAT: u32 = 1;

/// How a file or folder looked to the build that saved the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Seen {
    Absent,
    At(FileStamp),
    /// Modified too close to that build for its stamp to prove anything (see
    /// [`RACY_NANOS`]), or unreadable: it always counts as changed.
    Unsure,
}

impl Seen {
    fn now(path: &Path) -> Seen {
        match FileStamp::of(path) {
            Some(stamp) => Seen::At(stamp),
            None => match std::fs::symlink_metadata(path) {
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Seen::Absent,
                _ => Seen::Unsure,
            },
        }
    }

    /// `seen` as a build that started at `started` may trust it.
    fn trusted(seen: Seen, started: i128) -> Seen {
        match seen {
            Seen::At(stamp) if stamp.modified >= started - RACY_NANOS => Seen::Unsure,
            other => other,
        }
    }

    /// Whether `path` certainly looks as it did.
    fn still(self, path: &Path) -> bool {
        self != Seen::Unsure && Seen::now(path) == self
    }
}

/// A page as the snapshot keeps it: enough to read its files again and render it.
#[derive(Debug, Serialize, Deserialize)]
struct PageSkeleton {
    kind: PageKind,
    slug: String,
    template: String,
    weight: i64,
    /// Markdown file per locale tag.
    files: Vec<(String, PathBuf)>,
    /// Collection name and entry key, for collection pages.
    collection: Option<(String, String)>,
}

/// One output page as the snapshot keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct OutputShape {
    path: String,
    /// Index into [`Snapshot::pages`].
    page: u32,
    /// Index into [`Snapshot::locale_tags`].
    locale: u32,
    /// [`OutputRecord::shape`].
    shape: Digest,
    /// The data paths it read.
    reads: Vec<String>,
}

/// What the build that saved the snapshot reported, which an edit of data values that
/// the express path accepts cannot change.
#[derive(Debug, Serialize, Deserialize)]
struct Report {
    pages: usize,
    locales: usize,
    files: usize,
    fallbacks: Vec<Fallback>,
    warnings: Vec<StoredDiagnostic>,
    check_warnings: Vec<StoredDiagnostic>,
}

/// What the express path needs to know of the last normal build (see the module docs).
#[derive(Debug, Serialize, Deserialize)]
pub struct Snapshot {
    format: u32,
    stele_version: String,
    /// The build id of the record saved with it.
    build_id: String,
    /// Every input file but the data files, and every folder discover looked in but the
    /// data folders.
    inputs: Vec<(PathBuf, Seen)>,
    data_folders: Vec<(PathBuf, Seen)>,
    data_files: Vec<(PathBuf, Seen)>,
    files: SiteFiles,
    data: StoredNode,
    data_sources: Vec<(String, PathBuf)>,
    data_texts: Vec<(PathBuf, String)>,
    locale_tags: Vec<String>,
    pages: Vec<PageSkeleton>,
    outputs: Vec<OutputShape>,
    report: Report,
}

/// Where the snapshot for the record at `record` lives.
pub fn snapshot_path(record: &Path) -> PathBuf {
    record.with_extension("express")
}

impl Snapshot {
    /// The snapshot of a build assembled and about to be written.
    pub fn new(assembled: &Assembled) -> Snapshot {
        let site = &assembled.site;
        let record = &assembled.record;
        let started = record.started;
        let root = &site.root;
        let page_stamps: HashMap<&Path, Option<FileStamp>> = site
            .pages
            .iter()
            .flat_map(|page| page.texts.values())
            .map(|text| (text.file.as_path(), text.stamp))
            .collect();
        let files = &site.files;
        let mut others: Vec<PathBuf> = vec![PathBuf::from(CONFIG_FILE)];
        for (tag, ftl) in &files.locales {
            others.push(lock_path(tag));
            others.extend(ftl.iter().cloned());
        }
        others.extend(files.templates.iter().cloned());
        others.extend(files.statics.iter().cloned());
        let (data_folders, folders): (Vec<&PathBuf>, Vec<&PathBuf>) = files
            .folders
            .iter()
            .partition(|folder| folder.starts_with(DATA_DIR));
        others.extend(folders.into_iter().cloned());
        let stamp_now = |paths: Vec<PathBuf>| -> Vec<(PathBuf, Seen)> {
            paths
                .into_par_iter()
                .map(|path| {
                    let seen = Seen::trusted(Seen::now(&root.join(&path)), started);
                    (path, seen)
                })
                .collect()
        };
        let mut inputs = stamp_now(others);
        // Page files were stamped when they were read; stamping them again would cost a
        // system call each.
        inputs.extend(files.pages.iter().map(|file| {
            let seen = match page_stamps.get(file.as_path()) {
                Some(Some(stamp)) => Seen::trusted(Seen::At(*stamp), started),
                _ => Seen::Unsure,
            };
            (file.clone(), seen)
        }));
        let page_index: HashMap<&str, u32> = site
            .pages
            .iter()
            .enumerate()
            .map(|(index, page)| (page.slug.as_str(), index as u32))
            .collect();
        let locale_tags: Vec<String> = site.locales.list.iter().map(|l| l.tag.clone()).collect();
        let outputs = record
            .outputs
            .par_iter()
            .filter_map(|(path, made)| {
                Some(OutputShape {
                    path: path.clone(),
                    page: *page_index.get(made.slug.as_str())?,
                    locale: locale_tags.iter().position(|tag| *tag == made.locale)? as u32,
                    shape: made.shape,
                    reads: made.data.iter().map(|(read, _)| read.clone()).collect(),
                })
            })
            .collect();
        let mut data_texts: Vec<(PathBuf, String)> = site
            .data
            .texts()
            .iter()
            .map(|(file, text)| (file.clone(), text.clone()))
            .collect();
        data_texts.sort();
        Snapshot {
            format: FORMAT,
            stele_version: env!("CARGO_PKG_VERSION").to_string(),
            build_id: record.build_id.clone(),
            inputs,
            data_folders: stamp_now(data_folders.into_iter().cloned().collect()),
            data_files: stamp_now(files.data.clone()),
            files: files.clone(),
            data: (&site.data.root).into(),
            data_sources: site.data.files.clone(),
            data_texts,
            locale_tags,
            pages: site
                .pages
                .iter()
                .map(|page| PageSkeleton {
                    kind: page.kind,
                    slug: page.slug.clone(),
                    template: page.template.clone(),
                    weight: page.weight,
                    files: page
                        .texts
                        .iter()
                        .map(|(tag, text)| (tag.clone(), text.file.clone()))
                        .collect(),
                    collection: page
                        .collection
                        .as_ref()
                        .map(|(name, key, _)| (name.clone(), key.clone())),
                })
                .collect(),
            outputs,
            report: Report {
                pages: assembled.pages,
                locales: assembled.locales,
                files: assembled.files.len(),
                fallbacks: assembled.fallbacks.clone(),
                warnings: assembled.warnings.iter().map(Into::into).collect(),
                check_warnings: assembled.check_warnings.iter().map(Into::into).collect(),
            },
        }
    }

    /// Saves the snapshot beside the record at `record`.
    pub fn save(&self, record: &Path) -> std::io::Result<()> {
        incremental::write_checked(&snapshot_path(record), self)
    }
}

/// Builds the site at `root` into `out` by the express path, when the snapshot beside the
/// record at `record` proves that only data values changed since the build that wrote
/// `out`. `None` when it does not apply: the caller builds by the normal path, which
/// also reports every problem the edit brought.
pub fn build(
    root: &Path,
    out: &Path,
    record: &Path,
    strict: bool,
    started: std::time::Instant,
) -> Option<BuildReport> {
    let timer = Timer::start();
    let snapshot: Snapshot = incremental::read_checked(&snapshot_path(record))?;
    if snapshot.format != FORMAT || snapshot.stele_version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let mut patch = incremental::load_patch(record)
        .filter(|patch| patch.base == snapshot.build_id)
        .unwrap_or_else(|| RecordPatch {
            base: snapshot.build_id.clone(),
            build_id: snapshot.build_id.clone(),
            outputs: Vec::new(),
        });
    let (written_by, manifest) = write::read_manifest_in_order(out)?;
    let stored = &snapshot.report;
    // A broken link's position may move with a value; `--strict` makes warnings errors.
    let link_problems = stored
        .check_warnings
        .iter()
        .map(StoredDiagnostic::restore)
        .any(|problem| matches!(problem.code, Code::BrokenLink | Code::BrokenAnchor));
    let any_warning = !stored.warnings.is_empty() || !stored.check_warnings.is_empty();
    if written_by != patch.build_id || link_problems || (strict && any_warning) {
        return None;
    }
    timer.lap("express: snapshot");

    let unchanged = snapshot
        .inputs
        .par_iter()
        .all(|(path, seen)| seen.still(&root.join(path)));
    if !unchanged {
        return None;
    }
    // Editors often save by renaming a new file over the old one, which changes the folder.
    let same_data_files = snapshot
        .data_folders
        .iter()
        .all(|(path, seen)| seen.still(&root.join(path)))
        || discover::data_files(root).as_ref() == Some(&snapshot.files.data);
    if !same_data_files {
        return None;
    }
    let changed_files: Vec<PathBuf> = snapshot
        .data_files
        .iter()
        .filter(|(path, seen)| !seen.still(&root.join(path)))
        .map(|(path, _)| path.clone())
        .collect();
    timer.lap("express: stat");

    let mut report = BuildReport {
        pages: stored.pages,
        locales: stored.locales,
        files: stored.files,
        rendered: 0,
        out: out.to_path_buf(),
        fallbacks: stored.fallbacks.clone(),
        warnings: stored
            .warnings
            .iter()
            .map(StoredDiagnostic::restore)
            .collect(),
        check_warnings: stored
            .check_warnings
            .iter()
            .map(StoredDiagnostic::restore)
            .collect(),
        seconds: 0.0,
        express: true,
    };
    if changed_files.is_empty() {
        report.seconds = started.elapsed().as_secs_f64();
        return Some(report);
    }
    let config = Config::load(root).ok()?;
    let data = DataTree::from_parts(
        (&snapshot.data).into(),
        snapshot.data_sources.clone(),
        snapshot.data_texts.iter().cloned().collect(),
    );
    let (data, changed_paths) = data.reload(root, &changed_files).ok()?;
    // Collection pages come and go with the entries of their data.
    let collections_touched = config.collections.iter().any(|collection| {
        let path = collection.data.replace('.', &PATH_SEPARATOR.to_string());
        changed_paths
            .iter()
            .any(|changed| incremental::paths_overlap(&path, changed))
    });
    if collections_touched {
        return None;
    }
    timer.lap("express: data");

    // The outputs that read a changed value, as the last build recorded them.
    let patched: HashMap<&str, &OutputRecord> = patch
        .outputs
        .iter()
        .map(|(path, made)| (path.as_str(), made))
        .collect();
    let stale: Vec<(&OutputShape, Digest)> = snapshot
        .outputs
        .iter()
        .filter_map(|output| match patched.get(output.path.as_str()) {
            Some(made) => reads_any(made.data.iter().map(|(read, _)| read), &changed_paths)
                .then_some((output, made.shape)),
            None => reads_any(&output.reads, &changed_paths).then_some((output, output.shape)),
        })
        .collect();
    if stale.is_empty() {
        report.seconds = started.elapsed().as_secs_f64();
        return Some(report);
    }

    let (locales, problems) = Locales::load(root, &snapshot.files.locales, &config.source_locale);
    let locales = Arc::new(locales?);
    let tags: Vec<String> = locales.list.iter().map(|l| l.tag.clone()).collect();
    if problems.iter().any(Diagnostic::is_error) || tags != snapshot.locale_tags {
        return None;
    }
    let links = Arc::new(Links::new(
        &config,
        snapshot
            .pages
            .iter()
            .map(|page| page.slug.clone())
            .collect(),
        tags.clone(),
    ));
    let theme = Theme::load(
        root,
        &config.theme,
        &snapshot.files.templates,
        locales.clone(),
        links.clone(),
    )
    .ok()?;
    // Only the stale pages are loaded: a template that lists every page, or a 404 page
    // that may show data, needs the normal path.
    let not_found_reads_data = theme.has(NOT_FOUND_TEMPLATE)
        && theme.reads.get(NOT_FOUND_TEMPLATE).is_none_or(|reads| {
            reads.everything || reads.accesses.iter().any(|access| access.root == "data")
        });
    if not_found_reads_data {
        return None;
    }
    let needed: BTreeSet<u32> = stale.iter().map(|(output, _)| output.page).collect();
    let mut local: HashMap<u32, usize> = HashMap::new();
    let mut pages = Vec::with_capacity(needed.len());
    for index in needed {
        let skeleton = snapshot.pages.get(index as usize)?;
        if theme
            .reads
            .get(&skeleton.template)
            .is_none_or(|reads| reads.listing())
        {
            return None;
        }
        local.insert(index, pages.len());
        pages.push(page_of(skeleton, &config, &data)?);
    }
    let source_tag = config.source_locale.clone();
    let all: BTreeSet<usize> = (0..pages.len()).collect();
    if !pages::reload_pages(root, &mut pages, &all, &source_tag).is_empty() {
        return None;
    }
    // Read now, the files must still be those the snapshot stamped.
    let read: HashMap<&Path, Option<FileStamp>> = pages
        .iter()
        .flat_map(|page| page.texts.values())
        .map(|text| (text.file.as_path(), text.stamp))
        .collect();
    let same_files = snapshot
        .inputs
        .iter()
        .filter_map(|(path, seen)| Some((read.get(path.as_path())?, seen)))
        .all(|(stamp, seen)| stamp.map(Seen::At).as_ref() == Some(seen));
    let locks = load_locks(root, &tags)?;
    if !same_files {
        return None;
    }
    timer.lap("express: load");

    let site = Site {
        root: root.to_path_buf(),
        config,
        files: snapshot.files,
        data,
        locales,
        pages,
        theme,
        links,
        locks,
    };
    let outputs: Vec<(usize, usize)> = stale
        .iter()
        .map(|(output, _)| (local[&output.page], output.locale as usize))
        .collect();
    let plan = render::plan_data_edit(&site, None, &outputs);
    let rendered = render::render_planned(&site, &plan, None, None);
    if !rendered.problems.is_empty() {
        return None;
    }
    let expected: HashMap<&str, Digest> = stale
        .iter()
        .map(|(output, shape)| (output.path.as_str(), *shape))
        .collect();
    let same_shapes = rendered.records.len() == expected.len()
        && rendered
            .records
            .iter()
            .all(|(path, made)| expected.get(path.as_str()) == Some(&made.shape));
    if !same_shapes {
        return None;
    }
    timer.lap("express: render");

    let fresh: HashMap<&str, (&str, &[u8])> = rendered
        .outputs
        .iter()
        .zip(&rendered.records)
        .map(|(output, (_, made))| {
            (
                output.path.as_str(),
                (made.hash.as_str(), output.bytes.as_slice()),
            )
        })
        .collect();
    let mut changed = 0;
    let planned: Vec<write::Planned> = manifest
        .iter()
        .map(|(path, hash)| match fresh.get(path.as_str()) {
            Some((new_hash, bytes)) => {
                changed += usize::from(new_hash != hash);
                write::Planned {
                    path,
                    hash: new_hash,
                    content: write::Content::Bytes(bytes),
                }
            }
            None => write::Planned {
                path,
                hash,
                content: write::Content::Carried,
            },
        })
        .collect();
    let all_known = fresh.keys().all(|path| {
        manifest
            .binary_search_by(|(known, _)| known.as_str().cmp(path))
            .is_ok()
    });
    if !all_known {
        return None;
    }
    report.rendered = rendered.records.len();
    if changed > 0 {
        let build_id = incremental::new_build_id();
        let staging = write::Staging::prepare(out).ok()?;
        staging.finish(&planned, &build_id).ok()?;
        patch.build_id = build_id;
        let mut merged: BTreeMap<String, OutputRecord> =
            std::mem::take(&mut patch.outputs).into_iter().collect();
        for (path, made) in &rendered.records {
            merged.insert(path.clone(), OutputRecord::clone(made));
        }
        patch.outputs = merged.into_iter().collect();
        if let Err(error) = incremental::write_checked(&incremental::patch_path(record), &patch) {
            // The output is complete; only the next build's head start is lost.
            report.warnings.push(
                Diagnostic::warning(
                    Code::IoError,
                    record,
                    format!("cannot save the build record: {error}"),
                )
                .help("the next build renders every page; check that .stele-cache/ is writable"),
            );
        }
        timer.lap("express: write");
    }
    report.seconds = started.elapsed().as_secs_f64();
    Some(report)
}

/// Whether any of `reads` reads one of the data paths `changed`.
fn reads_any<'a>(reads: impl IntoIterator<Item = &'a String>, changed: &[String]) -> bool {
    reads.into_iter().any(|read| {
        changed
            .iter()
            .any(|changed| incremental::paths_overlap(read, changed))
    })
}

/// A page of the snapshot, with its files still to be read.
fn page_of(skeleton: &PageSkeleton, config: &Config, data: &DataTree) -> Option<Page> {
    let collection = match &skeleton.collection {
        None => None,
        Some((name, key)) => {
            let collection = config.collections.iter().find(|c| &c.name == name)?;
            let Some(NodeValue::Map(entries)) = data.get(&collection.data).map(|n| &n.value) else {
                return None;
            };
            let (_, entry) = entries.iter().find(|(k, _)| k == key)?;
            Some((name.clone(), key.clone(), entry.clone()))
        }
    };
    Some(Page {
        kind: skeleton.kind,
        slug: skeleton.slug.clone(),
        template: skeleton.template.clone(),
        weight: skeleton.weight,
        texts: skeleton
            .files
            .iter()
            .map(|(tag, file)| (tag.clone(), PageText::unread(file.clone())))
            .collect(),
        collection,
    })
}

/// The review locks of the translated locales, as [`Site::load`] reads them.
fn load_locks(root: &Path, tags: &[String]) -> Option<BTreeMap<String, ReviewLock>> {
    tags.iter()
        .skip(1)
        .map(|tag| Some((tag.clone(), ReviewLock::load(root, tag).ok()?)))
        .collect()
}
