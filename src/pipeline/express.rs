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

use crate::cache::{self, OutputRecord, RecordPatch, StoredDiagnostic};
use crate::cache::{data_edit, plan};
use crate::diagnostics::{Code, Diagnostic, count_by_code};
use crate::load::config::Config;
use crate::load::data::DataTree;
use crate::load::discover::{self, CONFIG_FILE, DATA_DIR, SourceFiles};
use crate::load::locales::Locales;
use crate::load::lock::{ReviewLock, lock_path};
use crate::load::pages::{self, Page, PageKind, PageText};
use crate::load::site::Site;
use crate::load::theme::{Links, Theme};
use crate::output;
use crate::pipeline::assembled::{Assembled, BuildReport};
use crate::render::{CHOOSER_TEMPLATE, Fallback, NOT_FOUND_TEMPLATE, OutputFile};
use crate::util::digest::Digest;
use crate::util::stamp::{FileStamp, RACY_NANOS};
use crate::util::timing::Timer;

/// Bumped whenever the snapshot's layout or meaning changes; an older one is ignored.
const FORMAT: u32 = 5;

/// Between the data paths an output read; no path holds it (each segment is a YAML key,
/// and [`PATH_SEPARATOR`] joins them).
const READS_SEPARATOR: char = '\u{1e}';

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
struct PageSkeleton<'a> {
    kind: PageKind,
    slug: &'a str,
    template: &'a str,
    weight: i64,
    /// Markdown file per locale tag.
    #[serde(borrow)]
    files: Vec<(&'a str, &'a str)>,
    /// Collection name and entry key, for collection pages.
    #[serde(borrow)]
    collection: Option<(&'a str, &'a str)>,
}

/// One output page as the snapshot keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct OutputShape<'a> {
    path: &'a str,
    /// Index into [`Snapshot::pages`].
    page: u32,
    /// Index into [`Snapshot::locale_tags`].
    locale: u32,
    /// [`OutputRecord::shape`].
    shape: Digest,
    /// The data paths it read, joined by [`READS_SEPARATOR`]: one string each decodes
    /// without allocating.
    #[serde(borrow)]
    reads: std::borrow::Cow<'a, str>,
    read_count: u32,
}

impl OutputShape<'_> {
    fn reads_split(&self) -> impl Iterator<Item = &str> {
        // An output that read nothing has no path at all, not one empty path (which would
        // be the whole data tree).
        self.reads
            .split(READS_SEPARATOR)
            .take(self.read_count as usize)
    }
}

/// The files of one folder, by name, so that each is stamped relative to the open folder.
#[derive(Debug, Serialize, Deserialize)]
struct Folder<'a> {
    path: &'a str,
    #[serde(borrow)]
    files: Vec<(&'a str, Seen)>,
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
    /// The checks' warnings, counted per code as a build reports them: a large site has
    /// thousands, which would cost more to decode than the rest of the snapshot.
    check_counts: Vec<(Code, usize)>,
}

/// A part of the snapshot encoded on its own, so that each side of the express build
/// decodes only the parts it uses: a value when saved, its bytes when read.
#[derive(Debug)]
enum Blob<'a, T> {
    Value(T),
    Bytes(&'a [u8]),
}

impl<T: Serialize> Serialize for Blob<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Blob::Value(value) => {
                let bytes = postcard::to_stdvec(value).map_err(serde::ser::Error::custom)?;
                serializer.serialize_bytes(&bytes)
            }
            Blob::Bytes(bytes) => serializer.serialize_bytes(bytes),
        }
    }
}

impl<'de: 'a, 'a, T> Deserialize<'de> for Blob<'a, T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(deserializer).map(Blob::Bytes)
    }
}

impl<'a, T: Deserialize<'a>> Blob<'a, T> {
    /// The value read; `None` for a blob made to be saved, or bytes that do not decode.
    fn decode(&self) -> Option<T> {
        match self {
            Blob::Value(_) => None,
            Blob::Bytes(bytes) => postcard::from_bytes(bytes).ok(),
        }
    }
}

/// What the express path needs to know of the last normal build (see the module docs).
/// It borrows from the build when saved and from the file's bytes when read, so that
/// neither copies tens of thousands of paths.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Snapshot<'a> {
    format: u32,
    stele_version: &'a str,
    /// The build id of the record saved with it.
    build_id: &'a str,
    /// Every input file but the data files, by folder.
    #[serde(borrow)]
    inputs: Blob<'a, Vec<Folder<'a>>>,
    /// The review lock of each locale, by tag.
    #[serde(borrow)]
    locks: Vec<(&'a str, Seen)>,
    /// Every folder discover looked in but the data folders.
    #[serde(borrow)]
    folders: Vec<(&'a str, Seen)>,
    #[serde(borrow)]
    data_folders: Vec<(&'a str, Seen)>,
    #[serde(borrow)]
    data_files: Vec<(&'a str, Seen)>,
    #[serde(borrow)]
    locale_files: Vec<(&'a str, Vec<&'a str>)>,
    #[serde(borrow)]
    templates: Vec<&'a str>,
    #[serde(borrow)]
    statics: Vec<&'a str>,
    #[serde(borrow)]
    locale_tags: Vec<&'a str>,
    #[serde(borrow)]
    pages: Blob<'a, Vec<PageSkeleton<'a>>>,
    #[serde(borrow)]
    outputs: Blob<'a, Vec<OutputShape<'a>>>,
    output_count: usize,
    report: Report,
}

/// The data tree as parsed, with the text of each file. A file of its own beside the
/// snapshot, read while the inputs are stamped.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct DataParts<'a> {
    /// The build id of the snapshot saved with it.
    build_id: &'a str,
    tree: cache::NodeCoding<'a>,
    #[serde(borrow)]
    sources: Vec<(&'a str, &'a str)>,
    #[serde(borrow)]
    texts: Vec<(&'a str, &'a str)>,
}

/// Where the snapshot for the record at `record` lives.
pub(crate) fn snapshot_path(record: &Path) -> PathBuf {
    record.with_extension("express")
}

/// Where the data of the snapshot for the record at `record` lives.
fn data_path(record: &Path) -> PathBuf {
    record.with_extension("express-data")
}

/// A path as the snapshot stores it; `None` for a path that is not UTF-8, which the
/// snapshot cannot borrow (such a site builds by the normal path).
fn text(path: &Path) -> Option<&str> {
    path.to_str()
}

impl<'a> Snapshot<'a> {
    /// The snapshot of a build assembled and about to be written; `None` when a path of the
    /// site is not UTF-8.
    // Long: one borrow of the build per field, each stamped or encoded beside the others;
    // split when express and the dev server share one data-edit shortcut (issue 12).
    pub(crate) fn new(assembled: &'a Assembled) -> Option<(Snapshot<'a>, DataParts<'a>)> {
        let site = &assembled.site;
        let record = &assembled.record;
        let started = record.started;
        let root = &site.root;
        let files = &site.files;
        let stamp_now = |paths: Vec<&'a Path>| -> Option<Vec<(&'a str, Seen)>> {
            paths
                .into_par_iter()
                .map(|path| {
                    let seen = Seen::trusted(Seen::now(&root.join(path)), started);
                    Some((text(path)?, seen))
                })
                .collect()
        };
        let mut others: Vec<&'a Path> = vec![Path::new(CONFIG_FILE)];
        others.extend(files.locales.values().flatten().map(PathBuf::as_path));
        others.extend(files.qa.iter().map(PathBuf::as_path));
        others.extend(files.templates.iter().map(PathBuf::as_path));
        others.extend(files.statics.iter().map(PathBuf::as_path));
        let mut seen_files: Vec<(&'a Path, Seen)> = others
            .par_iter()
            .map(|path| (*path, Seen::trusted(Seen::now(&root.join(path)), started)))
            .collect();
        // Page files were stamped when they were read (the record keeps the stamps);
        // stamping them again would cost a system call each.
        // Keyed by the path's bytes: hashing a `Path` walks its components.
        let page_stamps: HashMap<&std::ffi::OsStr, Option<FileStamp>> = record
            .page_files
            .iter()
            .map(|(file, known)| (file.as_os_str(), Some(known.stamp)))
            .collect();
        seen_files.extend(files.pages.iter().map(|file| {
            let seen = match page_stamps.get(file.as_os_str()) {
                Some(Some(stamp)) => Seen::trusted(Seen::At(*stamp), started),
                _ => Seen::Unsure,
            };
            (file.as_path(), seen)
        }));
        let mut by_folder: BTreeMap<&'a Path, Vec<(&'a str, Seen)>> = BTreeMap::new();
        for (path, seen) in seen_files {
            let folder = path.parent().unwrap_or(Path::new(""));
            by_folder
                .entry(folder)
                .or_default()
                .push((path.file_name()?.to_str()?, seen));
        }
        let inputs = by_folder
            .into_iter()
            .map(|(folder, mut files)| {
                files.sort_by(|a, b| a.0.cmp(b.0));
                Some(Folder {
                    path: text(folder)?,
                    files,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let locks = files
            .locales
            .keys()
            .map(|tag| {
                let seen = Seen::trusted(Seen::now(&root.join(lock_path(tag))), started);
                (tag.as_str(), seen)
            })
            .collect();
        let (data_folders, folders): (Vec<&Path>, Vec<&Path>) = files
            .folders
            .iter()
            .map(PathBuf::as_path)
            .partition(|folder| folder.starts_with(DATA_DIR));
        let page_index: HashMap<&str, u32> = site
            .pages
            .iter()
            .enumerate()
            .map(|(index, page)| (page.slug.as_str(), index as u32))
            .collect();
        let locale_tags: Vec<&str> = site.locales.list.iter().map(|l| l.tag.as_str()).collect();
        let outputs: Vec<OutputShape> = record
            .outputs
            .par_iter()
            .filter_map(|(path, made)| {
                Some(OutputShape {
                    path,
                    page: *page_index.get(made.slug.as_str())?,
                    locale: locale_tags.iter().position(|tag| *tag == made.locale)? as u32,
                    shape: made.shape,
                    read_count: made.data.len() as u32,
                    reads: match made.data.as_slice() {
                        [(only, _)] => std::borrow::Cow::Borrowed(only.as_str()),
                        all => std::borrow::Cow::Owned(
                            all.iter()
                                .map(|(read, _)| read.as_str())
                                .collect::<Vec<_>>()
                                .join(&READS_SEPARATOR.to_string()),
                        ),
                    },
                })
            })
            .collect();
        let texts = site.data.texts();
        let data = DataParts {
            build_id: &record.build_id,
            tree: cache::NodeCoding::Borrowed(&site.data.root),
            sources: site
                .data
                .files
                .iter()
                .map(|(key, file)| Some((key.as_str(), text(file)?)))
                .collect::<Option<_>>()?,
            texts: files
                .data
                .iter()
                .filter_map(|file| Some((file, texts.get(file)?)))
                .map(|(file, body)| Some((text(file)?, body.as_str())))
                .collect::<Option<_>>()?,
        };
        let all_text = |paths: &'a [PathBuf]| -> Option<Vec<&'a str>> {
            paths.iter().map(|path| text(path)).collect()
        };
        let output_count = outputs.len();
        let snapshot = Snapshot {
            format: FORMAT,
            stele_version: env!("CARGO_PKG_VERSION"),
            build_id: &record.build_id,
            inputs: Blob::Value(inputs),
            locks,
            folders: stamp_now(folders)?,
            data_folders: stamp_now(data_folders)?,
            data_files: stamp_now(files.data.iter().map(PathBuf::as_path).collect())?,
            locale_files: files
                .locales
                .iter()
                .map(|(tag, ftl)| Some((tag.as_str(), all_text(ftl)?)))
                .collect::<Option<_>>()?,
            templates: all_text(&files.templates)?,
            statics: all_text(&files.statics)?,
            locale_tags,
            pages: Blob::Value(
                site.pages
                    .iter()
                    .map(|page| {
                        Some(PageSkeleton {
                            kind: page.kind,
                            slug: &page.slug,
                            template: &page.template,
                            weight: page.weight,
                            files: page
                                .texts
                                .iter()
                                .map(|(tag, page_text)| {
                                    Some((tag.as_str(), text(&page_text.file)?))
                                })
                                .collect::<Option<_>>()?,
                            collection: page
                                .collection
                                .as_ref()
                                .map(|(name, key, _)| (name.as_str(), key.as_str())),
                        })
                    })
                    .collect::<Option<_>>()?,
            ),
            outputs: Blob::Value(outputs),
            output_count,
            report: Report {
                pages: assembled.pages,
                locales: assembled.locales,
                files: assembled.files.len(),
                fallbacks: assembled.fallbacks.clone(),
                warnings: assembled.warnings.iter().map(Into::into).collect(),
                check_counts: count_by_code(&assembled.check_warnings)
                    .into_iter()
                    .collect(),
            },
        };
        Some((snapshot, data))
    }

    /// Saves the snapshot and its `data` beside the record at `record`.
    /// Removes the snapshot beside the record at `record`, so no later build trusts it.
    pub(crate) fn remove(record: &Path) -> std::io::Result<()> {
        for path in [snapshot_path(record), data_path(record)] {
            match std::fs::remove_file(&path) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
        }
        Ok(())
    }

    pub(crate) fn save(&self, data: &DataParts, record: &Path) -> std::io::Result<()> {
        cache::write_checked(&data_path(record), data)?;
        cache::write_checked(&snapshot_path(record), self)
    }

    /// The files the express site lists: all but the pages (it holds only the pages it
    /// renders).
    fn source_files(&self) -> SourceFiles {
        let paths = |texts: &[&str]| texts.iter().map(PathBuf::from).collect();
        SourceFiles {
            data: self
                .data_files
                .iter()
                .map(|(p, _)| PathBuf::from(p))
                .collect(),
            pages: Vec::new(),
            locales: self
                .locale_files
                .iter()
                .map(|(tag, ftl)| (tag.to_string(), paths(ftl)))
                .collect(),
            templates: paths(&self.templates),
            statics: paths(&self.statics),
            // Stamped with the other inputs; the express site runs no QA checks.
            qa: Vec::new(),
            folders: Vec::new(),
        }
    }
}

/// Builds the site at `root` into `out` by the express path, when the snapshot beside the
/// record at `record` proves that only data values changed since the build that wrote
/// `out`, and the data-edit shortcut ([`data_edit`]) takes the edit. `None` when it does not
/// apply: the caller builds by the normal path, which also reports every problem the edit
/// brought.
// Long: every early `None` is one condition of the proof that the snapshot still describes
// the site and its output folder, kept in one place to be read as one.
pub(crate) fn build(
    root: &Path,
    out: &Path,
    record: &Path,
    strict: bool,
    started: std::time::Instant,
) -> Option<BuildReport> {
    let timer = Timer::start();
    let bytes = cache::read_own(&snapshot_path(record))
        .or_else(|| timer.fallback("no snapshot of an earlier build"))?;
    let snapshot: Snapshot = cache::checked_body(&bytes)
        .and_then(|body| postcard::from_bytes(body).ok())
        .or_else(|| timer.fallback("the snapshot does not read"))?;
    if snapshot.format != FORMAT || snapshot.stele_version != env!("CARGO_PKG_VERSION") {
        return timer.fallback("the snapshot is of another format or Stele version");
    }
    let mut patch = cache::load_patch(record)
        .filter(|patch| patch.base == snapshot.build_id)
        .unwrap_or_else(|| RecordPatch {
            base: snapshot.build_id.to_string(),
            build_id: snapshot.build_id.to_string(),
            outputs: Vec::new(),
        });
    let written_by =
        output::build_id_of(out).or_else(|| timer.fallback("the output folder names no build"))?;
    if written_by != patch.build_id {
        return timer.fallback("the output folder was written by another build");
    }
    let mut report = stored_report(&snapshot.report, out);
    let any_warning = !report.warnings.is_empty() || !report.check_counts.is_empty();
    data_edit::last_build_allows(
        &timer,
        report.check_counts.keys().copied(),
        any_warning,
        strict,
    )?;
    // The patch grows with every express build; past a thousand records and a quarter of
    // the outputs, a normal build (which saves a new record and snapshot) costs less than
    // carrying it on.
    if patch.outputs.len() > (snapshot.output_count / 4).max(1000) {
        return timer.fallback("the record's patch has grown past a normal build's cost");
    }
    timer.lap("express: snapshot");
    let changed_files = changed_data_files(&timer, root, &snapshot, &patch)?;

    // The output folder must still be as its manifest says to be left as it is. When
    // pages render, it is replaced instead: the staging tree is checked against its own
    // manifest, and a file carried from the output is checked on its own then.
    // A check that found the folder intact is noted in the cache, so that the next one
    // proves by their stamps the folders it had to list.
    let verify_output = |mut manifest: output::Manifest| {
        let build_id = manifest.build_id().map(str::to_string)?;
        if let Some(at) = cache::verified_at(record, &build_id) {
            manifest.assume_verified_at(at);
        }
        let (intact, settled) = output::verify_tree_settling(out, &manifest);
        if let Some(at) = settled {
            // Only the next build's head start is lost if this cannot be saved.
            let _ = cache::save_verified_at(record, &build_id, at);
        }
        intact.then_some(manifest)
    };

    // Stamping every other input, and checking whichever output tree this build keeps (the
    // output when nothing renders, else the staging tree), are the large costs left: one
    // stat per file. They run side by side with finding and rendering the stale pages,
    // which are used only if every stamp is unchanged.
    let (inputs, outcome) = rayon::join(
        || {
            let timer = Timer::start();
            let unchanged = inputs_unchanged(root, &snapshot);
            timer.lap("express: stat");
            unchanged
        },
        || {
            let timer = Timer::start();
            let edit = find_stale(root, record, &snapshot, &patch, &changed_files);
            match edit {
                None => None,
                Some(None) => {
                    let manifest = output::Manifest::read(out).and_then(verify_output);
                    timer.lap("express: verify output");
                    Some(Outcome::Unchanged(manifest))
                }
                Some(Some(edit)) => {
                    let (rendered, (staging, manifest)) = rayon::join(
                        || render_stale(root, &snapshot, edit),
                        || {
                            // Readying the staging tree (reading its manifest) changes
                            // nothing a normal build would not ready the same way. It is
                            // checked here, beside rendering, not after it in `finish`.
                            let staging = output::Staging::prepare(out).ok();
                            if let Some(staging) = &staging {
                                staging.check_ahead();
                            }
                            (staging, output::Manifest::read(out))
                        },
                    );
                    timer.lap("express: render, check staging tree");
                    rendered.map(|(rendered, site, stamps)| {
                        Outcome::Rendered(Box::new((rendered, site, stamps, staging, manifest)))
                    })
                }
            }
        },
    );
    timer.lap("express: stat, data, render");
    let inputs =
        inputs.or_else(|| timer.fallback("a file other than data, or a folder, changed"))?;
    let written_by_manifest = |manifest: Option<output::Manifest>| -> Option<output::Manifest> {
        manifest.filter(|manifest| manifest.build_id() == Some(written_by.as_str()))
    };
    let (mut rendered, site, page_stamps, staging, manifest) = match outcome? {
        Outcome::Unchanged(manifest) => {
            // Nothing to render: carrying the output over is right only if it is still
            // what the manifest says (a file edited by hand in it must be rewritten).
            written_by_manifest(manifest)
                .or_else(|| timer.fallback("the output folder is not as its manifest says"))?;
            report.seconds = started.elapsed().as_secs_f64();
            return Some(report);
        }
        Outcome::Rendered(rendered) => {
            let (rendered, site, page_stamps, staging, manifest) = *rendered;
            (
                rendered,
                site,
                page_stamps,
                staging,
                written_by_manifest(manifest),
            )
        }
    };
    // Read while rendering, the pages' files must still be those the snapshot stamped.
    let same_files = page_stamps.iter().all(|(file, stamp)| {
        stamp.is_some_and(|stamp| stamp_of(&inputs, file) == Some(Seen::At(stamp)))
    });
    if !same_files {
        return timer.fallback("a page's file changed while it was read");
    }
    let manifest = manifest
        .or_else(|| timer.fallback("the output folder's manifest is not the last build's"))?;
    let changed = data_edit::search_allows(&timer, site.config.search, &rendered, |path| {
        manifest.hash_of(path).map(str::to_string)
    })?;
    // Freed with the process: see `pipeline::Leftovers`.
    std::mem::forget(site);
    report.rendered = rendered.records.len();
    if changed > 0 {
        let build_id = cache::new_build_id();
        let planned = planned_files(&manifest, std::mem::take(&mut rendered.outputs))
            .or_else(|| timer.fallback("a rendered page is not in the output folder's manifest"))?;
        staging
            .and_then(|staging| staging.finish(&planned, &build_id).ok())
            .or_else(|| timer.fallback("the staging tree could not be written"))?;
        if let Err(error) = save_patch(record, &mut patch, build_id, &rendered) {
            // The output is complete; only the next build's head start is lost.
            report
                .warnings
                .push(cache::record_not_saved(record, &error));
        }
        timer.lap("express: write");
    } else {
        // The pages rendered as they were: the output stays, so it must still be as its
        // manifest says, as when nothing renders.
        verify_output(manifest)
            .or_else(|| timer.fallback("the output folder is not as its manifest says"))?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Some(report)
}

/// What the build that saved the snapshot reported, as the report of a build into `out`
/// that rendered nothing.
fn stored_report(stored: &Report, out: &Path) -> BuildReport {
    let restore = |all: &[StoredDiagnostic]| all.iter().map(StoredDiagnostic::restore).collect();
    BuildReport {
        pages: stored.pages,
        locales: stored.locales,
        files: stored.files,
        rendered: 0,
        out: out.to_path_buf(),
        fallbacks: stored.fallbacks.clone(),
        warnings: restore(&stored.warnings),
        check_counts: stored.check_counts.iter().copied().collect(),
        seconds: 0.0,
    }
}

/// The data files to read again: those that changed since the snapshot, or all of them
/// while an express build since then has rendered outputs from other values than the
/// snapshot's. `None` when data files were added or removed.
fn changed_data_files(
    timer: &Timer,
    root: &Path,
    snapshot: &Snapshot,
    patch: &RecordPatch,
) -> Option<Vec<PathBuf>> {
    // Editors often save by renaming a new file over the old one, which changes the folder.
    let same_data_files = snapshot
        .data_folders
        .iter()
        .all(|(path, seen)| seen.still(&root.join(path)))
        || discover::data_files(root).is_some_and(|found| {
            found
                .iter()
                .map(|path| path.to_str())
                .eq(snapshot.data_files.iter().map(|(path, _)| Some(*path)))
        });
    if !same_data_files {
        return timer.fallback("data files were added or removed");
    }
    Some(
        snapshot
            .data_files
            .iter()
            .filter(|(path, seen)| !patch.outputs.is_empty() || !seen.still(&root.join(path)))
            .map(|(path, _)| PathBuf::from(path))
            .collect(),
    )
}

/// Every file of the new output folder: the `rendered` ones with their bytes, the others
/// carried over as `manifest` lists them. `None` when a rendered page is not in it.
fn planned_files(
    manifest: &output::Manifest,
    rendered: Vec<OutputFile>,
) -> Option<Vec<OutputFile>> {
    let mut fresh: HashMap<String, OutputFile> = rendered
        .into_iter()
        .map(|file| (file.path.clone(), file))
        .collect();
    if !fresh.keys().all(|path| manifest.hash_of(path).is_some()) {
        return None;
    }
    Some(
        manifest
            .files()
            .map(|(path, hash)| {
                fresh
                    .remove(path)
                    .unwrap_or_else(|| OutputFile::carried(path.to_string(), hash.to_string()))
            })
            .collect(),
    )
}

/// Saves the record's patch with the outputs `rendered` now, for the output folder
/// written as `build_id`.
fn save_patch(
    record: &Path,
    patch: &mut RecordPatch,
    build_id: String,
    rendered: &plan::Rendered,
) -> std::io::Result<()> {
    patch.build_id = build_id;
    let mut merged: BTreeMap<String, OutputRecord> =
        std::mem::take(&mut patch.outputs).into_iter().collect();
    for (path, made) in &rendered.records {
        merged.insert(path.clone(), OutputRecord::clone(made));
    }
    patch.outputs = merged.into_iter().collect();
    cache::write_checked(&cache::patch_path(record), patch)
}

/// The data tree the snapshot's build parsed, from the snapshot's data file.
fn snapshot_data(timer: &Timer, record: &Path, snapshot: &Snapshot) -> Option<DataTree> {
    let bytes = cache::read_own(&data_path(record))
        .or_else(|| timer.fallback("the snapshot's data is missing"))?;
    let parts: DataParts = cache::checked_body(&bytes)
        .and_then(|body| postcard::from_bytes(body).ok())
        .or_else(|| timer.fallback("the snapshot's data does not read"))?;
    if parts.build_id != snapshot.build_id {
        return timer.fallback("the snapshot's data is of another build");
    }
    Some(DataTree::from_parts(
        parts.tree.into_node(),
        parts
            .sources
            .iter()
            .map(|(key, file)| (key.to_string(), PathBuf::from(file)))
            .collect(),
        parts
            .texts
            .iter()
            .map(|(file, text)| (PathBuf::from(file), text.to_string()))
            .collect(),
    ))
}

/// What the express build found beside stamping the inputs: nothing to render (with the
/// output's manifest when the output is still as it says), or the stale outputs rendered
/// (with the staging tree, checked, and the output's manifest).
enum Outcome {
    Unchanged(Option<output::Manifest>),
    Rendered(Box<Rerendered>),
}

/// The stale outputs rendered, with the site they were rendered from and the stamps of its
/// pages' files, the staging tree (checked) and the output's manifest.
type Rerendered = (
    plan::Rendered,
    Site,
    PageStamps,
    Option<output::Staging>,
    Option<output::Manifest>,
);

/// An edit of data values the express path takes on: the settings, the data tree with the
/// edit spliced in, and the outputs that read a changed value, each with the shape it had.
struct Edit<'a> {
    config: Config,
    data: DataTree,
    stale: Vec<(OutputShape<'a>, Digest)>,
}

/// Finds the outputs that read a data value changed in `changed_files`: `Some(None)` when
/// there are none, `None` when the shortcut does not apply.
fn find_stale<'a>(
    root: &Path,
    record: &Path,
    snapshot: &Snapshot<'a>,
    patch: &RecordPatch,
    changed_files: &[PathBuf],
) -> Option<Option<Edit<'a>>> {
    let timer = Timer::start();
    if changed_files.is_empty() {
        return Some(None);
    }
    let config = Config::load(root)
        .ok()
        .or_else(|| timer.fallback("site.yaml does not load"))?;
    let data = snapshot_data(&timer, record, snapshot)?;
    let (data, changed_paths) =
        data_edit::splice(&timer, data, root, changed_files, &config.collections)?;
    timer.lap("express: data");

    // The outputs of the snapshot's build were rendered from the values the changed paths
    // are compared with; those an express build rendered since, from the values they
    // recorded.
    let patched: HashMap<&str, &OutputRecord> = patch
        .outputs
        .iter()
        .map(|(path, made)| (path.as_str(), made))
        .collect();
    let digests = cache::DataDigests::lazy(&data.root);
    let outputs = snapshot
        .outputs
        .decode()
        .or_else(|| timer.fallback("the snapshot's outputs do not read"))?;
    let stale: Vec<(OutputShape, Digest)> = outputs
        .into_iter()
        .filter_map(|output| match patched.get(output.path) {
            Some(made) => data_edit::values_changed(&made.data, &digests)
                .then_some(made.shape)
                .map(|shape| (output, shape)),
            None => data_edit::reads_changed(output.reads_split(), &changed_paths)
                .then_some(output.shape)
                .map(|shape| (output, shape)),
        })
        .collect();
    drop(digests);
    if stale.is_empty() {
        return Some(None);
    }
    Some(Some(Edit {
        config,
        data,
        stale,
    }))
}

/// Renders the stale outputs of `edit` through the data-edit shortcut; `None` when the
/// shortcut does not apply.
fn render_stale(
    root: &Path,
    snapshot: &Snapshot,
    edit: Edit,
) -> Option<(plan::Rendered, Site, PageStamps)> {
    let timer = Timer::start();
    let Edit {
        config,
        data,
        stale,
    } = edit;
    let needed: BTreeSet<u32> = stale.iter().map(|(output, _)| output.page).collect();
    let (site, local, page_stamps) = load_pages(&timer, root, snapshot, config, data, &needed)?;
    timer.lap("express: load");

    let outputs: Vec<(usize, usize)> = stale
        .iter()
        .map(|(output, _)| (local[&output.page], output.locale as usize))
        .collect();
    let expected: HashMap<String, Digest> = stale
        .iter()
        .map(|(output, shape)| (output.path.to_string(), *shape))
        .collect();
    let rendered = data_edit::render(&timer, &site, &outputs, &expected)?
        .ok()
        .or_else(|| timer.fallback("a page to render has problems"))?;
    timer.lap("express: render");
    Some((rendered, site, page_stamps))
}

/// The files of the pages the express path read, each with its stamp from before it was
/// read (`None` when it could not be stamped).
type PageStamps = Vec<(PathBuf, Option<FileStamp>)>;

/// The site with only the pages `needed` (indexes into the snapshot's pages) loaded, where
/// each of them is in it, and the stamps of their files. `None` when the snapshot's build cannot be loaded so, or
/// those pages need more of the site than the snapshot keeps.
fn load_pages(
    timer: &Timer,
    root: &Path,
    snapshot: &Snapshot,
    config: Config,
    data: DataTree,
    needed: &BTreeSet<u32>,
) -> Option<(Site, HashMap<u32, usize>, PageStamps)> {
    let files = snapshot.source_files();
    let (locales, problems) = Locales::load_with_chains(
        root,
        &files.locales,
        &config.source_locale,
        &config.fallbacks,
    );
    let locales = Arc::new(locales?);
    let tags: Vec<String> = locales.list.iter().map(|l| l.tag.clone()).collect();
    if problems.iter().any(Diagnostic::is_error) || tags != snapshot.locale_tags {
        return timer.fallback("the locales do not load as before");
    }
    let skeletons = snapshot
        .pages
        .decode()
        .or_else(|| timer.fallback("the snapshot's pages do not read"))?;
    let links = Arc::new(snapshot_links(&config, &skeletons, &tags));
    let theme = Theme::load(
        root,
        &config.theme,
        &files.templates,
        locales.clone(),
        links.clone(),
    )
    .ok()
    .or_else(|| timer.fallback("the theme does not load"))?;
    // Only the stale pages are loaded: a template that lists every page, or a 404 page or
    // chooser that may show data, needs the normal path.
    if not_found_reads_data(&theme) {
        return timer.fallback("the 404 template reads data");
    }
    let mut local: HashMap<u32, usize> = HashMap::new();
    let mut pages = Vec::with_capacity(needed.len());
    let mut chosen: Vec<&PageSkeleton> = Vec::with_capacity(needed.len());
    for &index in needed {
        let skeleton = skeletons
            .get(index as usize)
            .or_else(|| timer.fallback("an output names a page the snapshot lacks"))?;
        if theme
            .reads
            .get(skeleton.template)
            .is_none_or(|reads| reads.listing())
        {
            return timer.fallback("a page to render lists site.pages");
        }
        local.insert(index, pages.len());
        pages.push(
            page_of(skeleton, &config, &data)
                .or_else(|| timer.fallback("a collection page's entry is gone"))?,
        );
        chosen.push(skeleton);
    }
    let page_stamps = read_pages(timer, root, &mut pages, &chosen, &config.source_locale)?;
    let locks =
        load_locks(root, &tags).or_else(|| timer.fallback("a review lock does not load"))?;
    let site = Site {
        root: root.to_path_buf(),
        config,
        files,
        data,
        locales,
        pages,
        theme,
        links,
        locks,
        // The express path renders pages only; the QA checks of messages need no resources.
        qa: Default::default(),
        shown_context: Default::default(),
    };
    Some((site, local, page_stamps))
}

/// Reads the texts of `pages` (those of the snapshot's `skeletons`) in parallel; the
/// stamps of their files, or `None` when one does not load.
fn read_pages(
    timer: &Timer,
    root: &Path,
    pages: &mut [Page],
    skeletons: &[&PageSkeleton],
    source_tag: &str,
) -> Option<PageStamps> {
    let read: Vec<Option<(BTreeMap<String, PageText>, PageStamps)>> = skeletons
        .par_iter()
        .map(|skeleton| {
            let files = skeleton
                .files
                .iter()
                .map(|(tag, file)| (tag.to_string(), PathBuf::from(file)))
                .collect();
            read_texts(root, &files, source_tag)
        })
        .collect();
    let mut page_stamps = Vec::new();
    for (page, read) in pages.iter_mut().zip(read) {
        let (texts, stamps) = read.or_else(|| timer.fallback("a page to render does not load"))?;
        page.texts = texts;
        page_stamps.extend(stamps);
    }
    Some(page_stamps)
}

/// The texts of one page (`files` by locale tag), each file stamped before it is read;
/// `None` when one does not load.
fn read_texts(
    root: &Path,
    files: &BTreeMap<String, PathBuf>,
    source_tag: &str,
) -> Option<(BTreeMap<String, PageText>, PageStamps)> {
    let stamps: PageStamps = files
        .values()
        .map(|file| (file.clone(), FileStamp::of(&root.join(file))))
        .collect();
    let mut read: HashMap<PathBuf, Result<PageText, Vec<Diagnostic>>> =
        pages::read_texts(root, files, source_tag)
            .into_iter()
            .collect();
    let texts = files
        .iter()
        .map(|(tag, file)| Some((tag.clone(), read.remove(file)?.ok()?)))
        .collect::<Option<_>>()?;
    Some((texts, stamps))
}

/// Whether the theme's 404 pages or language chooser may show data values.
fn not_found_reads_data(theme: &Theme) -> bool {
    [NOT_FOUND_TEMPLATE, CHOOSER_TEMPLATE].iter().any(|name| {
        theme.has(name)
            && theme.reads.get(*name).is_none_or(|reads| {
                reads.everything || reads.accesses.iter().any(|access| access.root == "data")
            })
    })
}

/// The links of the snapshot's site: every page's slug and, for Markdown pages, its
/// source file.
fn snapshot_links(config: &Config, skeletons: &[PageSkeleton], tags: &[String]) -> Links {
    let sources = skeletons
        .iter()
        .filter(|page| page.kind != PageKind::Collection)
        .filter_map(|page| {
            let (tag, file) = page.files.first()?;
            Some((
                pages::file_stem(Path::new(file), tag)?,
                page.slug.to_string(),
            ))
        })
        .collect();
    Links::new(
        config,
        skeletons.iter().map(|page| page.slug.to_string()).collect(),
        tags.to_vec(),
    )
    .with_sources(sources)
}

/// A page of the snapshot, without its texts (the caller reads them).
fn page_of(skeleton: &PageSkeleton, config: &Config, data: &DataTree) -> Option<Page> {
    let collection = match skeleton.collection {
        None => None,
        Some((name, key)) => {
            let entry = data_edit::collection_entry(&config.collections, data, name, key)?;
            Some((name.to_string(), key.to_string(), entry))
        }
    };
    Some(Page {
        kind: skeleton.kind,
        slug: skeleton.slug.to_string(),
        template: skeleton.template.to_string(),
        weight: skeleton.weight,
        // Express builds are builds without `--drafts`: no draft page is in them.
        draft: false,
        texts: BTreeMap::new(),
        collection,
        shown: std::sync::OnceLock::new(),
    })
}

/// How the snapshot saw the input file `file`, among its `inputs`.
fn stamp_of(inputs: &[Folder], file: &Path) -> Option<Seen> {
    let folder = text(file.parent()?)?;
    let name = file.file_name()?.to_str()?;
    let at = inputs
        .binary_search_by(|known| known.path.cmp(folder))
        .ok()?;
    let files = &inputs[at].files;
    let at = files.binary_search_by(|(known, _)| known.cmp(&name)).ok()?;
    Some(files[at].1)
}

/// The input files of the snapshot, when every one of them but the data files, every
/// folder discover looked in, and every review lock looks as the snapshot saw it.
fn inputs_unchanged<'a>(root: &Path, snapshot: &Snapshot<'a>) -> Option<Vec<Folder<'a>>> {
    let inputs = snapshot.inputs.decode()?;
    let unchanged = inputs
        .par_iter()
        .all(|folder| folder_unchanged(root, folder))
        && snapshot
            .locks
            .iter()
            .all(|(tag, seen)| seen.still(&root.join(lock_path(tag))))
        && snapshot
            .folders
            .iter()
            .all(|(path, seen)| seen.still(&root.join(path)));
    unchanged.then_some(inputs)
}

/// Whether every file of `folder` looks as the snapshot saw it. The folder is opened once
/// and each file stamped relative to it.
#[cfg(target_os = "linux")]
fn folder_unchanged(root: &Path, folder: &Folder) -> bool {
    use rustix::fs::{AtFlags, Mode, OFlags, StatxFlags};
    let Ok(opened) = rustix::fs::open(
        root.join(folder.path),
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return false;
    };
    folder.files.par_iter().all(|(name, seen)| {
        let now = match rustix::fs::statx(
            &opened,
            *name,
            AtFlags::empty(),
            StatxFlags::SIZE | StatxFlags::MTIME,
        ) {
            Ok(found) => Seen::At(FileStamp {
                len: found.stx_size,
                modified: i128::from(found.stx_mtime.tv_sec) * 1_000_000_000
                    + i128::from(found.stx_mtime.tv_nsec),
            }),
            Err(rustix::io::Errno::NOENT) => Seen::Absent,
            Err(_) => Seen::Unsure,
        };
        *seen != Seen::Unsure && now == *seen
    })
}

#[cfg(not(target_os = "linux"))]
fn folder_unchanged(root: &Path, folder: &Folder) -> bool {
    let base = root.join(folder.path);
    folder
        .files
        .par_iter()
        .all(|(name, seen)| seen.still(&base.join(name)))
}

/// The review locks of the translated locales, as [`Site::load`] reads them.
fn load_locks(root: &Path, tags: &[String]) -> Option<BTreeMap<String, ReviewLock>> {
    tags.iter()
        .skip(1)
        .map(|tag| Some((tag.clone(), ReviewLock::load(root, tag).ok()?)))
        .collect()
}
