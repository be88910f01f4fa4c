//! The `build` and `check` commands: load, render in memory, check, and (for `build`)
//! write — stopping before anything is written if any stage found an error.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cache::plan::{self, Rendered};
use crate::cache::{self, BuildRecord};
use crate::check::qa::inconsistency::FileSegments;
use crate::check::{self, links::LinkFacts};
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::config::Overrides;
use crate::load::pages;
use crate::load::site::Site;
use crate::output;
use crate::output::search;
use crate::output::status;
use crate::render::{Content, OutputFile};
use crate::util::digest::{Digest, digest};
use crate::util::stamp::now_nanos;
use crate::util::timing::Timer;

pub(crate) mod assembled;
pub(crate) mod express;
pub mod live;

pub(crate) use assembled::STATUS_PAGE;
pub use assembled::{Assembled, BuildReport};

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files: exit code 1.
    Site(Vec<Diagnostic>),
    /// The output folder was refused or could not be written: exit code 2.
    Output(String),
}

/// `--strict`: every warning counts as an error.
pub fn make_strict(problems: &mut [Diagnostic]) {
    for problem in problems {
        problem.severity = Severity::Error;
    }
}

/// Loads the site at `root` for a command that checks it (`check`, `status`): the QA's
/// word lists are compiled while it loads.
pub fn load_for_checks(root: &Path) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    Site::load_for(
        root,
        None,
        &Overrides::default(),
        &check::qa::prepare_languages,
    )
}

/// Runs `stele check`: every diagnostic of loading and checking the site at `root`.
pub fn check_site(root: &Path) -> Vec<Diagnostic> {
    let (site, mut problems) = match load_for_checks(root) {
        Ok(loaded) => loaded,
        Err(problems) => return problems,
    };
    problems.extend(render_and_check(&site, None, None, None).problems);
    problems
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

/// A site rendered in memory and checked.
struct Checked {
    rendered: Rendered,
    /// The files around the pages (chooser, 404, sitemap, static files).
    other_files: Vec<OutputFile>,
    /// Link facts of the files around the pages, for the record.
    other_links: BTreeMap<String, LinkFacts>,
    /// Page drift found per page, for the record.
    page_checks: HashMap<String, (Digest, Vec<Diagnostic>)>,
    /// Each page's segments for the locale-wide inconsistency check, for the record.
    page_segments: HashMap<String, Vec<FileSegments>>,
    /// Everything rendering and the checks found, errors and warnings.
    problems: Vec<Diagnostic>,
}

/// Renders what must be rendered (everything without a `previous` record) and runs every
/// check. Pages carried over keep their record's link facts and drift findings, so the
/// checks report exactly what a clean build would.
fn render_and_check(
    site: &Site,
    previous: Option<&BuildRecord>,
    show_progress: Option<bool>,
    staging: Option<&output::Staging>,
) -> Checked {
    let timer = Timer::start();
    let plan = plan::plan(site, previous);
    let source_tag = site.config.source_locale.clone();
    let root = site.root.clone();
    let context = check::pages::PageChecks::new(&site.locales, &site.locks, &site.qa, &site.config)
        .fingerprint();
    let check_keys: Vec<Digest> = site
        .pages
        .iter()
        .map(|page| cache::page_check_key(page, &source_tag, &site.locks, context))
        .collect();
    let mut to_read = plan.pages_to_render();
    for (index, page) in site.pages.iter().enumerate() {
        let known = previous.and_then(|record| record.page_check(&page.slug, check_keys[index]));
        if known.is_none() {
            to_read.insert(index);
        }
    }
    let mut problems = pages::read_contents(&root, &site.pages, &to_read);
    timer.lap("plan");
    let pairs = plan.pages.iter().filter(|p| p.carried.is_none()).count();
    let progress =
        (show_progress == Some(true) && pairs >= PROGRESS_FROM_PAGES).then(|| progress_bar(pairs));
    // Rendering and the checks of the sources read the loaded site and nothing of each
    // other, so they run side by side: the checks' sequential steps (the locale-wide
    // inconsistency check, the merging of findings) leave a core free that rendering fills.
    let (rendered, (found, page_checks, page_segments)) = rayon::join(
        || {
            let rendered = plan::render_planned(site, &plan, progress.as_ref(), staging);
            if let Some(progress) = &progress {
                progress.finish_and_clear();
            }
            rendered
        },
        || {
            let (mut found, message_segments) = check::sources(site);
            let (page_checks, page_segments) =
                check_pages(site, previous, &check_keys, &message_segments, &mut found);
            (found, page_checks, page_segments)
        },
    );
    problems.extend(rendered.problems.iter().cloned());
    problems.extend(rendered.warnings.iter().cloned());
    problems.extend(found);
    timer.lap("render, check sources");
    let other_files =
        match output::files_around_pages(site, &rendered.not_found, rendered.chooser.as_deref()) {
            Ok(files) => files,
            Err(mut found) => {
                problems.append(&mut found);
                Vec::new()
            }
        };
    let mut other_links = BTreeMap::new();
    if rendered.problems.is_empty() && !other_files.is_empty() {
        let (found, facts) = cache::links::output(site, &rendered, &other_files, previous);
        problems.extend(found);
        other_links = facts;
    }
    timer.lap("check output");
    Checked {
        rendered,
        other_files,
        other_links,
        page_checks,
        page_segments,
        problems,
    }
}

/// Page findings and each page's segments for the locale-wide inconsistency check, reused
/// from the `previous` record for pages whose texts are unchanged; the findings, then the
/// inconsistencies among `message_segments` and the pages', go into `problems`.
#[allow(clippy::type_complexity)]
fn check_pages(
    site: &Site,
    previous: Option<&BuildRecord>,
    check_keys: &[Digest],
    message_segments: &[FileSegments],
    problems: &mut Vec<Diagnostic>,
) -> (
    HashMap<String, (Digest, Vec<Diagnostic>)>,
    HashMap<String, Vec<FileSegments>>,
) {
    // Drift: reuse what the record found for pages whose texts are unchanged.
    let checks = check::pages::PageChecks::of(site);
    let found: HashMap<String, (Digest, Vec<Diagnostic>, Vec<FileSegments>)> = site
        .pages
        .par_iter()
        .zip(check_keys.par_iter())
        .map(|(page, key)| {
            let (found, segments) = previous
                .and_then(|record| {
                    let found = record.page_check(&page.slug, *key)?;
                    Some((found, record.page_segments(&page.slug, *key)?.to_vec()))
                })
                .unwrap_or_else(|| check::pages::check_page_segments(page, &checks));
            (page.slug.clone(), (*key, found, segments))
        })
        .collect();
    let mut page_checks = HashMap::with_capacity(found.len());
    let mut page_segments = HashMap::with_capacity(found.len());
    for (slug, (key, found, segments)) in found {
        page_checks.insert(slug.clone(), (key, found));
        page_segments.insert(slug, segments);
    }
    for page in &site.pages {
        if let Some((_, found)) = page_checks.get(&page.slug) {
            problems.extend(found.iter().cloned());
        }
    }
    // Across the whole locale, in site order: the messages, then each page.
    let in_site_order = site
        .pages
        .iter()
        .filter_map(|page| page_segments.get(&page.slug))
        .flatten();
    problems.extend(check::inconsistencies(
        &site.config,
        message_segments.iter().chain(in_site_order),
    ));
    (page_checks, page_segments)
}

/// Loads, renders and checks the site at `root` and lays out every output file, sorted by
/// path; errors (and with `strict`, warnings) stop it.
pub fn assemble(root: &Path, strict: bool) -> Result<Assembled, Vec<Diagnostic>> {
    assemble_with(root, strict, false, None)
}

/// As [`assemble`]; with `show_progress`, a large build on a terminal shows a progress bar;
/// with the record of the `previous` build, pages whose inputs are unchanged are carried
/// over instead of read and rendered again.
pub fn assemble_with(
    root: &Path,
    strict: bool,
    show_progress: bool,
    previous: Option<&BuildRecord>,
) -> Result<Assembled, Vec<Diagnostic>> {
    assemble_into(
        root,
        strict,
        show_progress,
        previous,
        None,
        &Overrides::default(),
    )
}

/// As [`assemble_with`], writing each page into `staging` as it renders (see
/// [`output::Staging`]); those files come back without their bytes, marked `staged`.
pub(crate) fn assemble_into(
    root: &Path,
    strict: bool,
    show_progress: bool,
    previous: Option<&BuildRecord>,
    staging: Option<&output::Staging>,
    overrides: &Overrides,
) -> Result<Assembled, Vec<Diagnostic>> {
    let timer = Timer::start();
    let started = now_nanos();
    let page_files = cache::PageFiles::new(root, previous);
    let (site, mut warnings) = Site::load_for(
        root,
        Some(&page_files),
        overrides,
        &check::qa::prepare_languages,
    )?;
    let stamps = page_files.into_stamps();
    timer.lap("load");
    let checked = render_and_check(&site, previous, Some(show_progress), staging);
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
    let timer = Timer::start();
    let mut rendered = checked.rendered;
    let global = plan::global_key(&site);
    // The health page and the record of the page files are independent, and both serial.
    let page_findings: Vec<Diagnostic> = checked
        .page_checks
        .values()
        .flat_map(|(_, found)| found.iter().cloned())
        .collect();
    let ((health, status_key), mut record) = rayon::join(
        || health_file(&site, &rendered, previous, &page_findings, &check_warnings),
        || {
            let mut record =
                BuildRecord::new(started, global, &site.pages, &stamps, checked.page_checks);
            record.page_segments = checked.page_segments;
            record
        },
    );
    timer.lap("health, record");
    let rendered_count = rendered.outputs.len();
    let status_hash = health.hash.clone();
    let health = site.config.status_page.then_some(health);
    let files = lay_out_files(&mut rendered, health, checked.other_files);
    record.outputs = rendered.records.into_iter().collect();
    record.other_files = checked.other_links;
    record.status_key = status_key;
    record.status_hash = status_hash;
    timer.lap("lay out files");
    Ok(Assembled {
        files,
        pages: site.pages.len(),
        locales: site.locales.list.len(),
        rendered: rendered_count,
        fallbacks: rendered.fallbacks,
        warnings,
        check_warnings,
        record,
        site,
    })
}

/// Every file of the site, sorted by path: the pages `rendered` (taking their bytes, but for
/// those carried over or already staged), the `health` page when the site publishes one,
/// and the `other_files` (chooser, 404 pages, static files).
fn lay_out_files(
    rendered: &mut Rendered,
    health: Option<OutputFile>,
    other_files: Vec<OutputFile>,
) -> Vec<OutputFile> {
    let mut fresh: HashMap<String, OutputFile> = std::mem::take(&mut rendered.outputs)
        .into_iter()
        .map(|output| (output.path.clone(), output))
        .collect();
    let mut files: Vec<OutputFile> = rendered
        .records
        .iter()
        .map(|(path, record)| {
            fresh
                .remove(path)
                .unwrap_or_else(|| OutputFile::carried(path.clone(), record.hash.clone()))
        })
        .collect();
    files.extend(health);
    files.extend(other_files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The translation health page, carried over from the `previous` build while the
/// translation states it shows and every page's use of messages are unchanged; with the
/// fingerprint of those states.
fn health_file(
    site: &Site,
    rendered: &Rendered,
    previous: Option<&BuildRecord>,
    page_findings: &[Diagnostic],
    findings: &[Diagnostic],
) -> (OutputFile, Digest) {
    if !site.config.status_page {
        let nothing = OutputFile::carried(STATUS_PAGE.to_string(), String::new());
        return (nothing, digest(b""));
    }
    let mut statuses = status::compute(site, page_findings);
    status::count_qa(&mut statuses, findings);
    let status_key = status::fingerprint(&statuses);
    let same_usage = previous.is_some_and(|previous| {
        previous.status_key == status_key
            && previous.outputs.len() == rendered.records.len()
            && rendered.records.iter().all(|(path, record)| {
                previous.outputs.get(path).is_some_and(|known| {
                    Arc::ptr_eq(known, record)
                        || known
                            .messages
                            .iter()
                            .map(|(id, _)| id)
                            .eq(record.messages.iter().map(|(id, _)| id))
                })
            })
    });
    let file = match previous {
        Some(previous) if same_usage => {
            OutputFile::carried(STATUS_PAGE.to_string(), previous.status_hash.clone())
        }
        _ => OutputFile::new(
            STATUS_PAGE.to_string(),
            status::health_page(&statuses, &rendered.usage()).into_bytes(),
        ),
    };
    (file, status_key)
}

/// Adds the search index to an assembled site whose settings ask for one (`search: true`).
/// While the pages it is made from are those of the `previous` build, its files are
/// carried over; otherwise every searchable page is read (`read` gives the bytes of a file
/// that was not kept in memory) and indexed again.
pub(crate) fn add_search(
    assembled: &mut Assembled,
    previous: Option<&BuildRecord>,
    read: impl Fn(&OutputFile) -> std::io::Result<Vec<u8>> + Sync,
) -> Result<(), Vec<Diagnostic>> {
    if !assembled.site.config.search {
        return Ok(());
    }
    let timer = Timer::start();
    let tags: Vec<String> = assembled
        .site
        .locales
        .list
        .iter()
        .map(|locale| locale.tag.clone())
        .collect();
    let searchable: Vec<&OutputFile> = assembled
        .files
        .iter()
        .filter(|file| search::is_searchable(&file.path, &tags))
        .collect();
    let pretty_urls = assembled.site.config.pretty_urls;
    let key = search::key(
        searchable
            .iter()
            .map(|file| (file.path.as_str(), file.hash.as_str())),
        pretty_urls,
    );
    let carried =
        previous.filter(|previous| previous.search_key == key && !previous.search_files.is_empty());
    let files: Vec<OutputFile> = match carried {
        Some(previous) => previous
            .search_files
            .iter()
            .map(|(path, hash)| OutputFile::carried(path.clone(), hash.clone()))
            .collect(),
        None => index_again(&searchable, pretty_urls, &read)?,
    };
    assembled.record.search_key = key;
    assembled.record.search_files = files
        .iter()
        .map(|file| (file.path.clone(), file.hash.clone()))
        .collect();
    assembled.files.extend(files);
    assembled.files.sort_by(|a, b| a.path.cmp(&b.path));
    timer.lap("search index");
    Ok(())
}

/// The search index made anew from the `searchable` pages (`read` gives the bytes of a
/// page that was not kept in memory).
fn index_again(
    searchable: &[&OutputFile],
    pretty_urls: bool,
    read: &(impl Fn(&OutputFile) -> std::io::Result<Vec<u8>> + Sync),
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let pages: Vec<OutputFile> = searchable
        .par_iter()
        .map(|file| {
            let html = match &file.content {
                Content::Bytes(bytes) => Ok(bytes.clone()),
                Content::Carried | Content::Staged => read(file),
            };
            html.map(|html| OutputFile {
                path: file.path.clone(),
                hash: file.hash.clone(),
                content: Content::Bytes(html),
            })
            .map_err(|error| {
                Diagnostic::error(
                    crate::diagnostics::Code::IoError,
                    &file.path,
                    format!("cannot read this page for the search index: {error}"),
                )
                .help("build again; if it persists, delete the output folder and .stele-cache/")
            })
        })
        .collect::<Result<_, _>>()
        .map_err(|problem| vec![problem])?;
    search::index(pages, pretty_urls).map_err(|problem| vec![problem])
}

/// What a build still holds when it is done: the site, its record and the previous
/// build's record, hundreds of megabytes in hundreds of thousands of allocations on a large
/// site. A process that exits right after the build can skip freeing them one by one
/// (`std::mem::forget`); that took 0.15 s of a 30,000-page build.
pub struct Leftovers {
    _assembled: Option<Assembled>,
    _previous: Option<BuildRecord>,
}

/// As [`build`], handing back what the build holds instead of freeing it.
pub fn build_keeping(
    root: &Path,
    out: Option<&Path>,
    strict: bool,
    overrides: &Overrides,
) -> Result<(BuildReport, Leftovers), BuildError> {
    let started = Instant::now();
    let default_out = out.is_none();
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("public"));
    refuse_links(root, &out, default_out)?;
    // One build per output folder: another build into it would mix its pages into this
    // one's trees. The lock is held until this function returns.
    let _lock = output::lock_output(&out, || {
        eprintln!(
            "Waiting for another `stele build` into {} to finish…",
            out.display()
        );
    })
    .map_err(|error| BuildError::Output(error.to_string()))?;
    output::check_output_folder(root, &out).map_err(|refused| BuildError::Output(refused.0))?;
    let record_path = cache::record_path(root, &out);
    // The express path's snapshot knows `site.yaml` only as written: a build with other
    // settings goes the normal way, and saves no snapshot for the next build to trust.
    let express = overrides
        .is_empty()
        .then(|| crate::pipeline::express::build(root, &out, &record_path, strict, started))
        .flatten();
    if let Some(report) = express {
        let leftovers = Leftovers {
            _assembled: None,
            _previous: None,
        };
        return Ok((report, leftovers));
    }
    let timer = Timer::start();
    // The record is only good for the output folder its build wrote.
    let previous = cache::load_record(&record_path)
        .filter(|record| output::build_id_of(&out).as_deref() == Some(record.build_id.as_str()));
    timer.lap("read record");
    let (staging, mut assembled) =
        assemble_staged(root, &out, strict, previous.as_ref(), overrides)?;
    let timer = Timer::start();
    let with_snapshot = overrides.is_empty();
    let (mut written, mut saved) = write_and_save(staging, &assembled, &record_path, with_snapshot);
    if let Err(error) = &written
        && error
            .get_ref()
            .is_some_and(|inner| inner.is::<output::CarriedFileMissing>())
    {
        // Someone removed files from the output: build everything again.
        let staging;
        (staging, assembled) = assemble_staged(root, &out, strict, None, overrides)?;
        (written, saved) = write_and_save(staging, &assembled, &record_path, with_snapshot);
    }
    written.map_err(|error| output_error(&out, error))?;
    if let Err(error) = saved {
        // The output is complete; only the next build's head start is lost.
        assembled
            .warnings
            .push(cache::record_not_saved(&record_path, &error));
    }
    timer.lap("write, record");
    let report = BuildReport::of(&mut assembled, out, started);
    Ok((
        report,
        Leftovers {
            _assembled: Some(assembled),
            _previous: previous,
        },
    ))
}

/// Checked before the lock is even opened: its path, the trees beside the output `out` and
/// the cache folder must not be links, or the build would write where they lead (see
/// [`output::check_own_paths`]).
fn refuse_links(root: &Path, out: &Path, default_out: bool) -> Result<(), BuildError> {
    output::check_own_paths(out, default_out)
        .and_then(|()| {
            output::refuse_link(
                &root.join(cache::CACHE_DIR),
                output::Kind::Folder,
                "the build cache",
            )
        })
        .map_err(|refused| BuildError::Output(refused.0))
}

/// Assembles the site at `root` into a new staging tree beside `out`, its search index
/// included, reusing what the `previous` build's record allows.
fn assemble_staged(
    root: &Path,
    out: &Path,
    strict: bool,
    previous: Option<&BuildRecord>,
    overrides: &Overrides,
) -> Result<(output::Staging, Assembled), BuildError> {
    let staging = output::Staging::prepare(out).map_err(|error| output_error(out, error))?;
    let mut assembled = assemble_into(root, strict, true, previous, Some(&staging), overrides)
        .map_err(BuildError::Site)?;
    add_search(&mut assembled, previous, |file| {
        staging.read(&file.path, matches!(file.content, Content::Staged))
    })
    .map_err(BuildError::Site)?;
    Ok((staging, assembled))
}

/// A failure to write the output folder `out`.
fn output_error(out: &Path, error: std::io::Error) -> BuildError {
    BuildError::Output(format!("cannot write {}: {error}", out.display()))
}

/// Finishes the output and saves the build record and the express path's snapshot at the
/// same time: all are mostly waiting on the disk. A record or snapshot saved for an output
/// that then failed names a build no output folder has, so the next build ignores it.
fn write_and_save(
    staging: output::Staging,
    assembled: &Assembled,
    record_path: &Path,
    with_snapshot: bool,
) -> (std::io::Result<()>, std::io::Result<()>) {
    std::thread::scope(|scope| {
        let saving = scope.spawn(|| {
            let timer = Timer::start();
            let saved = cache::save_record(record_path, &assembled.record);
            timer.lap("save record");
            saved
        });
        let snapshot = scope.spawn(|| {
            let timer = Timer::start();
            if !with_snapshot {
                return crate::pipeline::express::Snapshot::remove(record_path);
            }
            // A site with paths that are not UTF-8 has no snapshot; it builds the normal way.
            let snapshot = crate::pipeline::express::Snapshot::new(assembled);
            timer.lap("make snapshot");
            let saved = match snapshot {
                Some((snapshot, data)) => snapshot.save(&data, record_path),
                None => Ok(()),
            };
            timer.lap("save snapshot");
            saved
        });
        let timer = Timer::start();
        let written = write_files(staging, assembled);
        timer.lap("finish output");
        let saved = saving
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the record writer stopped")));
        let snapshot = snapshot
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the snapshot writer stopped")));
        (written, saved.and(snapshot))
    })
}

fn write_files(staging: output::Staging, assembled: &Assembled) -> std::io::Result<()> {
    staging.finish(&assembled.files, &assembled.record.build_id)
}
