//! The build's side of rendering: which pages to render and which to carry over from the
//! previous build's record ([`plan`]), and the sink that keeps each rendered page's record
//! (the data values and messages it read, its links, its hash), stages it and counts it
//! ([`render_planned`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::cache::{self, BuildRecord, DataDigests, MessageDigests, OutputRecord, Validity};
use crate::check::links;
use crate::diagnostics::Diagnostic;
use crate::load::data::PATH_SEPARATOR;
use crate::load::locales::Locale;
use crate::load::pages::Page;
use crate::load::site::Site;
use crate::load::template_deps::Segment;
use crate::load::theme::output_path;
use crate::load::yaml::{Node, NodeValue};
use crate::output::Staging;
use crate::render::{self, Content, Fallback, Finished, Job, OutputFile, PageSink};
use crate::util::digest::{Digest, Fingerprint, content_hash};

/// What rendering produced.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// The pages rendered by this build; those already written into the staging tree
    /// while rendering keep no bytes ([`Content::Staged`]).
    pub(crate) outputs: Vec<OutputFile>,
    /// Every page output, rendered now or carried over from the previous build, with what
    /// it was made from; in page order, then locale order.
    pub(crate) records: Vec<(String, Arc<OutputRecord>)>,
    pub(crate) fallbacks: Vec<Fallback>,
    pub(crate) problems: Vec<Diagnostic>,
    /// Warnings of the pages rendered now, which do not stop the link check.
    pub(crate) warnings: Vec<Diagnostic>,
    /// The theme's 404 pages (see [`crate::render::Pages`]).
    pub(crate) not_found: Vec<OutputFile>,
    /// The root language chooser through the theme's `chooser.html`, when it has one.
    pub(crate) chooser: Option<String>,
}

impl Rendered {
    /// Per locale, per message id: the output paths of the pages that show it.
    pub(crate) fn usage(&self) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
        let mut usage: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
        for (path, record) in &self.records {
            let by_message = usage.entry(record.locale.clone()).or_default();
            for (id, _) in &record.messages {
                // `id.attribute` is a use of the message `id`.
                let message = id.split('.').next().unwrap_or(id).to_string();
                by_message.entry(message).or_default().insert(path.clone());
            }
        }
        usage
    }
}

/// One page rendered now.
struct RenderedPage {
    output: OutputFile,
    record: OutputRecord,
    fallbacks: Vec<Fallback>,
}

/// One (page, locale) pair and whether its previous output can be kept.
pub(crate) struct PlannedPage<'a> {
    pub(crate) page: usize,
    pub(crate) locale: usize,
    pub(crate) path: String,
    pub(crate) page_key: Digest,
    pub(crate) carried: Option<&'a Arc<OutputRecord>>,
}

/// Which pages this build renders, and the fingerprints their records need.
pub(crate) struct Plan<'a> {
    pub(crate) pages: Vec<PlannedPage<'a>>,
    data: DataDigests<'a>,
    messages: MessageDigests,
    /// `site.pages` fingerprint per locale, computed when first needed.
    listings: HashMap<String, std::sync::OnceLock<Digest>>,
}

impl Plan<'_> {
    fn listing(&self, site: &Site, tag: &str) -> Option<Digest> {
        let cell = self.listings.get(tag)?;
        Some(*cell.get_or_init(|| {
            let chain = site.locales.get(tag).map(|l| l.chain.as_slice());
            cache::listing_key(site, tag, chain.unwrap_or_default())
        }))
    }
}

fn known_listings(
    listings: impl IntoIterator<Item = (String, Option<Digest>)>,
) -> HashMap<String, std::sync::OnceLock<Digest>> {
    listings
        .into_iter()
        .map(|(tag, known)| {
            let cell = std::sync::OnceLock::new();
            if let Some(known) = known {
                let _ = cell.set(known);
            }
            (tag, cell)
        })
        .collect()
}

impl Plan<'_> {
    /// Indexes of the pages that have at least one output to render.
    pub(crate) fn pages_to_render(&self) -> BTreeSet<usize> {
        self.pages
            .iter()
            .filter(|planned| planned.carried.is_none())
            .map(|planned| planned.page)
            .collect()
    }
}

/// The fingerprint of `page` in the locale at `locale_index`: its texts along the locale's
/// chain, and in which locales it is a real translation (its hreflang links show that).
fn page_key(site: &Site, page: &Page, locale_index: usize) -> Digest {
    let locale = &site.locales.list[locale_index];
    let translated: Vec<bool> = site
        .locales
        .list
        .iter()
        .map(|other| render::reads_translated(site, page, other))
        .collect();
    cache::page_key(
        page,
        templates_of(site, page),
        &locale.tag,
        &locale.chain,
        &site.config.source_locale,
        &translated,
    )
}

/// Decides, for every page in every locale, whether to render it or carry over its output
/// from the build `previous` records.
pub(crate) fn plan<'a>(site: &Site, previous: Option<&'a BuildRecord>) -> Plan<'a> {
    let tags: Vec<String> = site.locales.list.iter().map(|l| l.tag.clone()).collect();
    let data = DataDigests::new(&site.data.root);
    let messages = MessageDigests::new(&site.locales);
    let listings: BTreeMap<String, Digest> = site
        .locales
        .list
        .iter()
        .map(|locale| {
            (
                locale.tag.clone(),
                cache::listing_key(site, &locale.tag, &locale.chain),
            )
        })
        .collect();
    let previous = previous.filter(|record| record.global == global_key(site));
    let validity = previous.map(|record| Validity {
        record,
        data: &data,
        messages: &messages,
        listings: &listings,
        slugs: &site.links.slugs,
    });
    let pairs: Vec<(usize, usize)> = (0..site.pages.len())
        .flat_map(|page| (0..tags.len()).map(move |locale| (page, locale)))
        .collect();
    let pages = pairs
        .par_iter()
        .map(|&(page_index, locale_index)| {
            let page = &site.pages[page_index];
            let tag = &tags[locale_index];
            let path = output_path(tag, &page.slug);
            let page_key = page_key(site, page, locale_index);
            let carried = validity
                .as_ref()
                .and_then(|validity| validity.carried(&path, page_key));
            PlannedPage {
                page: page_index,
                locale: locale_index,
                path,
                page_key,
                carried,
            }
        })
        .collect();
    Plan {
        pages,
        data,
        messages,
        listings: known_listings(listings.into_iter().map(|(tag, key)| (tag, Some(key)))),
    }
}

/// The plan after an edit that changed only data values: the pages, locales and
/// templates are those `previous` recorded (when given), so it lists only the `outputs`
/// (page index, locale index) whose record read a changed value; everything else stays as
/// built.
pub(crate) fn plan_data_edit<'a>(
    site: &'a Site,
    previous: Option<&'a BuildRecord>,
    outputs: &[(usize, usize)],
) -> Plan<'a> {
    let tags: Vec<String> = site.locales.list.iter().map(|l| l.tag.clone()).collect();
    let pages = outputs
        .iter()
        .map(|&(page_index, locale_index)| {
            let page = &site.pages[page_index];
            let tag = &tags[locale_index];
            let path = output_path(tag, &page.slug);
            let page_key = match previous.and_then(|record| record.outputs.get(&path)) {
                Some(record) => record.page_key,
                None => page_key(site, page, locale_index),
            };
            PlannedPage {
                page: page_index,
                locale: locale_index,
                path,
                page_key,
                carried: None,
            }
        })
        .collect();
    Plan {
        pages,
        data: DataDigests::lazy(&site.data.root),
        messages: MessageDigests::new(&site.locales),
        listings: known_listings(tags.iter().map(|tag| (tag.clone(), None))),
    }
}

/// Fingerprint of the templates a page renders through.
fn templates_of(site: &Site, page: &Page) -> Digest {
    site.theme
        .reads
        .get(&page.template)
        .map(|reads| reads.templates)
        .unwrap_or(site.theme.digest)
}

/// Everything every page depends on: Stele itself, the configuration, the locales and the
/// names of the static files. (Templates count per page: see [`templates_of`].)
pub(crate) fn global_key(site: &Site) -> Digest {
    let mut print = Fingerprint::new();
    print
        .add(env!("CARGO_PKG_VERSION"))
        .add(postcard::to_stdvec(&site.config).expect("settings always encode"));
    for locale in &site.locales.list {
        print.add(&locale.tag).add(&locale.name).add(locale.dir());
    }
    for file in &site.files.statics {
        print.add(file.to_string_lossy().as_bytes());
    }
    print.finish()
}

/// Renders the pages `plan` does not carry over, counting each finished page on `progress`.
/// With a `staging` tree, each page is written there as soon as it renders and its bytes are
/// dropped, so a large site is never all in memory at once.
pub(crate) fn render_planned(
    site: &Site,
    plan: &Plan,
    progress: Option<&indicatif::ProgressBar>,
    staging: Option<&Staging>,
) -> Rendered {
    let to_render: Vec<&PlannedPage> = plan
        .pages
        .iter()
        .filter(|planned| planned.carried.is_none())
        .collect();
    if let Some(staging) = staging {
        staging.make_folders(to_render.iter().map(|planned| planned.path.as_str()));
    }
    let jobs: Vec<Job> = to_render
        .iter()
        .map(|planned| Job {
            page: planned.page,
            locale: planned.locale,
            path: &planned.path,
        })
        .collect();
    let recorder = Recorder {
        site,
        plan,
        to_render: &to_render,
        progress,
        staging,
    };
    let pages = render::render_pages(site, &jobs, &recorder);
    let mut rendered = Rendered {
        problems: pages.problems,
        warnings: pages.warnings,
        not_found: pages.not_found,
        chooser: pages.chooser,
        ..Rendered::default()
    };
    let mut kept = pages.kept.into_iter();
    for planned in &plan.pages {
        match planned.carried {
            Some(record) => {
                rendered
                    .fallbacks
                    .extend(record.fallbacks.iter().map(|(id, file)| {
                        let page = &site.pages[planned.page];
                        let locale = &site.locales.list[planned.locale];
                        let from = render::fallback_source(site, page, locale, id);
                        Fallback {
                            locale: record.locale.clone(),
                            id: id.clone(),
                            file: file.clone(),
                            inherited: from != site.config.source_locale,
                            from,
                        }
                    }));
                rendered
                    .records
                    .push((planned.path.clone(), record.clone()));
            }
            None => {
                if let Some(Some(mut page)) = kept.next() {
                    rendered.fallbacks.append(&mut page.fallbacks);
                    rendered
                        .records
                        .push((page.output.path.clone(), Arc::new(page.record)));
                    rendered.outputs.push(page.output);
                }
            }
        }
    }
    rendered.fallbacks.sort();
    rendered.fallbacks.dedup();
    rendered
}

/// The sink of a build: keeps each page's record, stages it and counts it.
struct Recorder<'a> {
    site: &'a Site,
    plan: &'a Plan<'a>,
    /// The outputs to render, in job order.
    to_render: &'a [&'a PlannedPage<'a>],
    progress: Option<&'a indicatif::ProgressBar>,
    staging: Option<&'a Staging>,
}

impl PageSink for Recorder<'_> {
    type Kept = RenderedPage;

    fn page(&self, finished: Finished<'_>) -> RenderedPage {
        let Recorder { site, plan, .. } = *self;
        let Finished {
            job,
            page,
            locale,
            path,
            html,
            page_data,
            messages,
            url_slugs,
            fallbacks,
        } = finished;
        let reads = site.theme.reads.get(&page.template);
        let mut record = OutputRecord {
            hash: content_hash(html.as_bytes()),
            slug: page.slug.clone(),
            locale: locale.tag.clone(),
            template: page.template.clone(),
            page_key: self.to_render[job].page_key,
            listing: reads
                .is_none_or(|reads| reads.listing())
                .then(|| plan.listing(site, &locale.tag))
                .flatten(),
            data: data_reads(site, plan, page, locale, page_data),
            // Fallbacks are among the messages formatted.
            messages: messages
                .iter()
                .map(|id| (id.clone(), plan.messages.get(&locale.tag, id)))
                .collect(),
            url_slugs: url_slugs.into_iter().collect(),
            fallbacks: fallbacks
                .iter()
                .map(|fallback| (fallback.id.clone(), fallback.file.clone()))
                .collect(),
            // Scanning here, while the page is fresh in the cache, is cheaper than later.
            links: cache::Encoded::new(links::scan(&html)),
            shape: 0,
        };
        record.shape = record.compute_shape();
        let mut output = OutputFile {
            path: path.to_string(),
            hash: record.hash.clone(),
            content: Content::Bytes(html.into_bytes()),
        };
        if let Some(staging) = self.staging
            && let Content::Bytes(bytes) = &output.content
            // An error here is met again, and reported, when the output is finished.
            && let Ok(true) = staging.stage(&output.path, &output.hash, bytes)
        {
            output.content = Content::Staged;
        }
        let page = RenderedPage {
            output,
            record,
            fallbacks,
        };
        if let Some(progress) = self.progress {
            progress.inc(1);
        }
        page
    }
}

/// The data values a page can read: each read its templates make, with `[subscripts]`
/// taken from this page's values where the scan found a plain path (`page.extra.fact`).
fn data_reads(
    site: &Site,
    plan: &Plan,
    page: &Page,
    locale: &Locale,
    page_data: &Value,
) -> Vec<(String, Digest)> {
    let mut paths: BTreeSet<String> = BTreeSet::new();
    match site.theme.reads.get(&page.template) {
        Some(reads) if !reads.everything => {
            for access in reads.accesses.iter().filter(|a| a.root == "data") {
                let mut path: Vec<String> = Vec::new();
                for segment in &access.path {
                    match segment {
                        Segment::Key(key) => path.push(key.clone()),
                        Segment::Ref { root, path: inner } => {
                            let value = if reads.bound.contains(root) {
                                None
                            } else {
                                match root.as_str() {
                                    "page" => lookup_value(page_data, inner),
                                    "locale" => match inner.as_slice() {
                                        [field] if field == "tag" => Some(locale.tag.clone()),
                                        [field] if field == "name" => Some(locale.name.clone()),
                                        [field] if field == "dir" => Some(locale.dir().to_string()),
                                        _ => None,
                                    },
                                    "data" => lookup_node(&site.data.root, inner),
                                    _ => None,
                                }
                            };
                            match value {
                                Some(key) => path.push(key),
                                None => break,
                            }
                        }
                    }
                }
                paths.insert(path.join(&PATH_SEPARATOR.to_string()));
            }
        }
        _ => {
            paths.insert(String::new());
        }
    }
    if let Some((name, key, _)) = &page.collection
        && let Some(collection) = site.config.collections.iter().find(|c| &c.name == name)
    {
        let mut path: Vec<&str> = collection.data.split('.').collect();
        path.push(key);
        paths.insert(path.join(&PATH_SEPARATOR.to_string()));
    }
    // The facts the page's Markdown places (`{{ fact("path") }}`), of the text render
    // shows: the nearest along the locale's chain.
    // Every text of a page to render is read before rendering; one that could not be read
    // was reported then, and fails the build.
    if let Some(content) = page
        .text_along(&locale.tag, &locale.chain)
        .and_then(|(_, text)| text.content(&site.root).ok())
    {
        for path in &content.facts {
            paths.insert(path.replace('.', &PATH_SEPARATOR.to_string()));
        }
    }
    paths
        .into_iter()
        .map(|path| {
            let digest = plan.data.get(&path);
            (path, digest)
        })
        .collect()
}

/// A scalar at `path` in a template value, as the key it would be in a subscript.
fn lookup_value(value: &Value, path: &[String]) -> Option<String> {
    let mut current = value;
    for part in path {
        // Tera splits its lookup path on dots; a key containing one is not followed.
        if part.contains('.') {
            return None;
        }
        current = current.get_from_path(part)?;
    }
    match current.as_str() {
        Some(text) => Some(text.to_string()),
        None => current.as_i64().map(|number| number.to_string()),
    }
}

fn lookup_node(root: &Node, path: &[String]) -> Option<String> {
    let mut node = root;
    for part in path {
        node = match &node.value {
            NodeValue::Map(entries) => &entries.iter().find(|(key, _)| key == part)?.1,
            NodeValue::List(items) => items.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match &node.value {
        NodeValue::String(s) => Some(s.clone()),
        NodeValue::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the `mini` fixture site with an `nl-BE` locale, which has no page texts of
    /// its own and shows the Dutch ones.
    fn site_with_chain() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let target = dir
                .path()
                .join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        let belgian = dir.path().join("locales/nl-BE");
        std::fs::create_dir_all(&belgian).unwrap();
        std::fs::copy(
            dir.path().join("locales/nl/main.ftl"),
            belgian.join("main.ftl"),
        )
        .unwrap();
        dir
    }

    /// The facts a page's record lists are those of the text it shows: along the locale's
    /// chain (nl-BE shows nl), not the source's. The drift check keeps a translation's facts
    /// equal to its source's, so only a site loaded without the checks can tell them apart.
    #[test]
    fn a_page_records_the_facts_of_the_text_it_shows() {
        let dir = site_with_chain();
        let dutch = dir.path().join("content/pages/guide.nl.md");
        let text = std::fs::read_to_string(&dutch).unwrap();
        std::fs::write(
            &dutch,
            text.replace(
                "(https://fixture.example/notes).",
                "(https://fixture.example/notes). {{ fact(\"products.releases.widget_2.max_seats\") }}",
            ),
        )
        .unwrap();
        let (site, _) = Site::load(dir.path()).unwrap();
        let plan = plan(&site, None);
        let rendered = render_planned(&site, &plan, None, None);
        assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
        let seats =
            ["products", "releases", "widget_2", "max_seats"].join(&PATH_SEPARATOR.to_string());
        let reads = |path: &str| {
            let (_, record) = rendered.records.iter().find(|(at, _)| at == path).unwrap();
            record.data.iter().any(|(read, _)| *read == seats)
        };
        assert!(reads("nl/guide/index.html"));
        assert!(reads("nl-BE/guide/index.html"));
        assert!(!reads("en/guide/index.html"));
    }
}
