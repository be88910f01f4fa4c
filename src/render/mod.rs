//! Stage 4, render: every (page, locale) pair through its template, in parallel. Data
//! goes into the template context once; each render adds only what differs per page.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::cache::{self, BuildRecord, DataDigests, MessageDigests, OutputRecord, Validity};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::data::PATH_SEPARATOR;
use crate::load::locales::Locale;
use crate::load::pages::{Page, PageKind, PageText};
use crate::load::site::Site;
use crate::load::template_deps::Segment;
use crate::load::theme::{self, DIR_KEY, LOCALE_KEY};
use crate::load::yaml::{Node, NodeValue};
use crate::util::digest::{Digest, Fingerprint};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Site-relative, `/`-separated: `nl/roadmap/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Something a locale showed in the source language because its translation is missing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, Serialize)]
pub struct Fallback {
    pub locale: String,
    /// A message id, or `page:<slug>` for a Markdown page without a translation.
    pub id: String,
    /// Where the translation belongs.
    pub file: PathBuf,
}

/// What rendering produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The pages rendered by this build.
    pub outputs: Vec<Output>,
    /// Every page output, rendered now or carried over from the previous build, with what
    /// it was made from; in page order, then locale order.
    pub records: Vec<(String, Arc<OutputRecord>)>,
    pub fallbacks: Vec<Fallback>,
    pub problems: Vec<Diagnostic>,
    /// The theme's `404.html`, when it has one.
    pub not_found: Option<String>,
    /// Outputs already written into the staging tree while rendering; their bytes are not
    /// kept in `outputs`.
    pub staged: std::collections::HashSet<String>,
}

impl Rendered {
    /// How many page outputs were carried over instead of rendered.
    pub fn carried(&self) -> usize {
        self.records.len() - self.outputs.len()
    }

    /// Per locale, per message id: the output paths of the pages that show it.
    pub fn usage(&self) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
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
    output: Output,
    record: OutputRecord,
    fallbacks: Vec<Fallback>,
    staged: bool,
}

#[derive(Serialize)]
struct LocaleInfo<'a> {
    tag: &'a str,
    dir: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Alternate<'a> {
    tag: &'a str,
    name: &'a str,
    dir: &'a str,
    url: String,
    href: String,
    current: bool,
    translated: bool,
}

/// One (page, locale) pair and whether its previous output can be kept.
pub struct PlannedPage<'a> {
    pub page: usize,
    pub locale: usize,
    pub path: String,
    pub page_key: Digest,
    pub carried: Option<&'a Arc<OutputRecord>>,
}

/// Which pages this build renders, and the fingerprints their records need.
pub struct Plan<'a> {
    pub pages: Vec<PlannedPage<'a>>,
    data: DataDigests<'a>,
    messages: MessageDigests,
    /// `site.pages` fingerprint per locale, computed when first needed.
    listings: HashMap<String, std::sync::OnceLock<Digest>>,
}

impl Plan<'_> {
    fn listing(&self, site: &Site, tag: &str) -> Option<Digest> {
        let cell = self.listings.get(tag)?;
        Some(*cell.get_or_init(|| cache::listing_key(&site.pages, tag, &site.config.source_locale)))
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
    pub fn pages_to_render(&self) -> BTreeSet<usize> {
        self.pages
            .iter()
            .filter(|planned| planned.carried.is_none())
            .map(|planned| planned.page)
            .collect()
    }
}

/// Decides, for every page in every locale, whether to render it or carry over its output
/// from the build `previous` records.
pub fn plan<'a>(site: &Site, previous: Option<&'a BuildRecord>) -> Plan<'a> {
    let source_tag = site.config.source_locale.as_str();
    let tags: Vec<String> = site.locales.list.iter().map(|l| l.tag.clone()).collect();
    let data = DataDigests::new(&site.data.root);
    let messages = MessageDigests::new(&site.locales);
    let listings: BTreeMap<String, Digest> = tags
        .iter()
        .map(|tag| {
            (
                tag.clone(),
                cache::listing_key(&site.pages, tag, source_tag),
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
            let path = output_path(site, tag, &page.slug);
            let page_key = cache::page_key(page, templates_of(site, page), tag, source_tag, &tags);
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
pub fn plan_data_edit<'a>(
    site: &'a Site,
    previous: Option<&'a BuildRecord>,
    outputs: &[(usize, usize)],
) -> Plan<'a> {
    let source_tag = site.config.source_locale.as_str();
    let tags: Vec<String> = site.locales.list.iter().map(|l| l.tag.clone()).collect();
    let pages = outputs
        .iter()
        .map(|&(page_index, locale_index)| {
            let page = &site.pages[page_index];
            let tag = &tags[locale_index];
            let path = output_path(site, tag, &page.slug);
            let page_key = match previous.and_then(|record| record.outputs.get(&path)) {
                Some(record) => record.page_key,
                None => cache::page_key(page, templates_of(site, page), tag, source_tag, &tags),
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
pub fn global_key(site: &Site) -> Digest {
    let mut print = Fingerprint::new();
    print
        .add(env!("CARGO_PKG_VERSION"))
        .add(format!("{:?}", site.config));
    for locale in &site.locales.list {
        print.add(&locale.tag).add(&locale.name).add(locale.dir());
    }
    for file in &site.files.statics {
        print.add(file.to_string_lossy().as_bytes());
    }
    print.finish()
}

fn output_path(site: &Site, tag: &str, slug: &str) -> String {
    let path = site.links.page_path(tag, slug);
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

/// Renders the pages `plan` does not carry over, counting each finished page on `progress`.
/// With a `staging` tree, each page is written there as soon as it renders and its bytes are
/// dropped, so a large site is never all in memory at once.
pub fn render_planned(
    site: &Site,
    plan: &Plan,
    progress: Option<&indicatif::ProgressBar>,
    staging: Option<&crate::output::Staging>,
) -> Rendered {
    let mut global = Context::new();
    let to_render = plan.pages.iter().filter(|p| p.carried.is_none()).count();
    // Converting the data tree costs time on a large site; a build that renders nothing
    // (or only pages carried over) skips it.
    if to_render > 0 {
        global.insert_value("data", site.data.to_tera());
    }
    let site_values = SiteValues::new(site);
    if let Some(staging) = staging {
        staging.make_folders(
            plan.pages
                .iter()
                .filter(|planned| planned.carried.is_none())
                .map(|planned| planned.path.as_str()),
        );
    }
    let results: Vec<Option<Result<RenderedPage, Diagnostic>>> = plan
        .pages
        .par_iter()
        .map(|planned| {
            if planned.carried.is_some() {
                return None;
            }
            let page = &site.pages[planned.page];
            let locale = &site.locales.list[planned.locale];
            let mut result = render_one(site, plan, &global, &site_values, page, locale, planned);
            if let (Some(staging), Ok(page)) = (staging, &mut result)
                // An error here is met again, and reported, when the output is finished.
                && let Ok(true) =
                    staging.stage(&page.output.path, &page.record.hash, &page.output.bytes)
            {
                page.output.bytes = Vec::new();
                page.staged = true;
            }
            if let Some(progress) = progress {
                progress.inc(1);
            }
            Some(result)
        })
        .collect();
    let mut rendered = Rendered::default();
    let mut seen_problems = BTreeMap::new();
    for (planned, result) in plan.pages.iter().zip(results) {
        match (planned.carried, result) {
            (Some(record), _) => {
                rendered
                    .fallbacks
                    .extend(record.fallbacks.iter().map(|(id, file)| Fallback {
                        locale: record.locale.clone(),
                        id: id.clone(),
                        file: file.clone(),
                    }));
                rendered
                    .records
                    .push((planned.path.clone(), record.clone()));
            }
            (None, Some(Ok(mut page))) => {
                rendered.fallbacks.append(&mut page.fallbacks);
                if page.staged {
                    rendered.staged.insert(page.output.path.clone());
                }
                rendered
                    .records
                    .push((page.output.path.clone(), Arc::new(page.record)));
                rendered.outputs.push(page.output);
            }
            (None, Some(Err(problem))) => {
                // The same template error repeats on every page and in every locale;
                // report it once, saying how many other renders hit it.
                let key = (
                    problem.file.clone(),
                    problem.line,
                    problem.column,
                    problem.code,
                );
                seen_problems
                    .entry(key)
                    .and_modify(|(_, others): &mut (Diagnostic, usize)| *others += 1)
                    .or_insert((problem, 0));
            }
            (None, None) => {}
        }
    }
    rendered.problems = seen_problems
        .into_values()
        .map(|(mut problem, others)| {
            if others > 0 {
                problem.message.push_str(&format!(
                    " (and in {others} other render{})",
                    if others == 1 { "" } else { "s" }
                ));
            }
            problem
        })
        .collect();
    if site.theme.has(NOT_FOUND_TEMPLATE) && to_render == 0 {
        global.insert_value("data", site.data.to_tera());
    }
    match render_not_found(site, &global, &site_values) {
        Some(Ok(html)) => rendered.not_found = Some(html),
        Some(Err(problem)) => rendered.problems.push(problem),
        None => {}
    }
    rendered.fallbacks.sort();
    rendered.fallbacks.dedup();
    rendered
}

/// The site-relative folder of a page in a locale: `nl/roadmap/`.
pub fn page_dir(tag: &str, slug: &str) -> String {
    if slug.is_empty() {
        format!("{tag}/")
    } else {
        format!("{tag}/{slug}/")
    }
}

/// Absolute address of a page, for hreflang and the sitemap.
pub fn absolute_url(site: &Site, tag: &str, slug: &str) -> String {
    format!("{}{}", site.config.base_url, page_dir(tag, slug))
}

/// The theme's optional 404 page.
pub const NOT_FOUND_TEMPLATE: &str = "404.html";

/// The theme's `404.html` in the source locale, with the home page's context. A server
/// shows it at any address, so its links start from the site's base path instead of being
/// relative to a folder.
fn render_not_found(
    site: &Site,
    global: &Context,
    site_values: &SiteValues,
) -> Option<Result<String, Diagnostic>> {
    if !site.theme.has(NOT_FOUND_TEMPLATE) {
        return None;
    }
    let source = site.locales.source();
    let home = site.pages.iter().find(|page| page.kind == PageKind::Home)?;
    let mut context = global.clone();
    context.insert(LOCALE_KEY, &source.tag);
    context.insert(DIR_KEY, "");
    context.insert("__stele_absolute", &true);
    context.insert(
        "locale",
        &LocaleInfo {
            tag: &source.tag,
            dir: source.dir(),
            name: &source.name,
        },
    );
    let mut page = page_value(site, home, source, "")
        .into_map()
        .unwrap_or_default();
    page.insert("kind".into(), Value::from("404"));
    page.insert("title".into(), Value::from(""));
    page.insert("content".into(), Value::safe_string(""));
    page.insert("headings".into(), Value::from(Vec::<Value>::new()));
    context.insert_value("page", Value::from(page));
    context.insert("alternates", &alternates(site, home, source, "", true));
    context.insert_value("site", site_values.absolute(site, source));
    Some(
        site.theme
            .tera
            .render(NOT_FOUND_TEMPLATE, &context)
            .map_err(|error| {
                site.theme.relocate(
                    theme::template_diagnostic(&error, &site.theme.dir).unwrap_or_else(|| {
                        Diagnostic::error(
                            Code::TemplateError,
                            site.theme.dir.clone(),
                            error.to_string(),
                        )
                    }),
                )
            }),
    )
}

/// The `site` variable depends only on the locale, on how deep the page sits (its links
/// climb to the site root) and on whether the template reads `site.pages`, so it is built
/// once per such triple, when first needed: building it per page made every render walk
/// every page, and a build that renders few pages needs few of them.
struct SiteValues {
    by_key: HashMap<(String, usize, bool), std::sync::OnceLock<Value>>,
    base_path: String,
}

impl SiteValues {
    fn new(site: &Site) -> SiteValues {
        let depths: BTreeSet<usize> = site
            .pages
            .iter()
            .map(|page| depth(&page_dir("x", &page.slug)))
            .collect();
        let mut by_key = HashMap::new();
        for locale in &site.locales.list {
            for &depth in &depths {
                for listing in [false, true] {
                    by_key.insert(
                        (locale.tag.clone(), depth, listing),
                        std::sync::OnceLock::new(),
                    );
                }
            }
        }
        SiteValues {
            by_key,
            base_path: site.links.base_path.clone(),
        }
    }

    /// The `site` variable with links from the base path, for pages shown at any address.
    fn absolute(&self, site: &Site, locale: &Locale) -> Value {
        site_value(site, locale, &self.base_path, true)
    }

    fn get(&self, site: &Site, locale: &Locale, dir: &str, listing: bool) -> Value {
        let depth = depth(dir);
        match self.by_key.get(&(locale.tag.clone(), depth, listing)) {
            Some(cell) => cell
                .get_or_init(|| site_value(site, locale, &"../".repeat(depth), listing))
                .clone(),
            None => site_value(site, locale, &"../".repeat(depth), listing),
        }
    }
}

fn depth(dir: &str) -> usize {
    dir.split('/').filter(|part| !part.is_empty()).count()
}

fn render_one(
    site: &Site,
    plan: &Plan,
    global: &Context,
    site_values: &SiteValues,
    page: &Page,
    locale: &Locale,
    planned: &PlannedPage,
) -> Result<RenderedPage, Diagnostic> {
    let source_tag = site.config.source_locale.as_str();
    let dir = page_dir(&locale.tag, &page.slug);
    let mut context = global.clone();
    context.insert(LOCALE_KEY, &locale.tag);
    context.insert(DIR_KEY, &dir);
    context.insert(
        "locale",
        &LocaleInfo {
            tag: &locale.tag,
            dir: locale.dir(),
            name: &locale.name,
        },
    );
    if page.texts.values().any(|text| !text.loaded) {
        // Carried-over pages are read again before rendering; this is a bug if it shows.
        return Err(Diagnostic::error(
            Code::PageError,
            &dir,
            "internal error: this page was not read before rendering it",
        )
        .help("delete .stele-cache/ and build again, and please report this"));
    }
    let page_data = page_value(site, page, locale, &dir);
    let data_reads = data_reads(site, plan, page, locale, &page_data);
    context.insert_value("page", page_data);
    context.insert("alternates", &alternates(site, page, locale, &dir, false));
    // A template that cannot read `site.pages` gets the variable without it: nothing it
    // renders can differ, and the list is the costly part on a large site.
    let listing = site
        .theme
        .reads
        .get(&page.template)
        .is_none_or(|reads| reads.listing());
    context.insert_value("site", site_values.get(site, locale, &dir, listing));

    theme::start_usage();
    let result = site.theme.tera.render(&page.template, &context);
    let usage = theme::take_usage();
    let html = result.map_err(|error| {
        let mut problem =
            theme::template_diagnostic(&error, &site.theme.dir).unwrap_or_else(|| {
                Diagnostic::error(
                    Code::TemplateError,
                    site.theme.dir.clone(),
                    error.to_string(),
                )
            });
        problem.message = format!("while rendering {dir}: {}", problem.message);
        site.theme.relocate(problem).locale(&locale.tag)
    })?;

    let mut fallbacks: Vec<Fallback> = usage
        .fallbacks
        .into_iter()
        .map(|id| {
            let message_id = id.split('.').next().unwrap_or(&id);
            let file = site
                .locales
                .source()
                .messages
                .get(message_id)
                .map(|place| locale.expected_file(place))
                .unwrap_or_else(|| PathBuf::from(format!("locales/{}", locale.tag)));
            Fallback {
                locale: locale.tag.clone(),
                id,
                file,
            }
        })
        .collect();
    if !page.is_translated(&locale.tag, source_tag)
        && let Some(source) = page.texts.get(source_tag)
    {
        fallbacks.push(Fallback {
            locale: locale.tag.clone(),
            id: format!("page:{}", page.slug),
            file: translated_page_file(&source.file, &locale.tag),
        });
    }
    let reads = site.theme.reads.get(&page.template);
    let mut record = OutputRecord {
        hash: crate::util::digest::content_hash(html.as_bytes()),
        slug: page.slug.clone(),
        locale: locale.tag.clone(),
        template: page.template.clone(),
        page_key: planned.page_key,
        listing: reads
            .is_none_or(|reads| reads.listing())
            .then(|| plan.listing(site, &locale.tag))
            .flatten(),
        data: data_reads,
        // Fallbacks are among the messages formatted.
        messages: usage
            .messages
            .iter()
            .map(|id| (id.clone(), plan.messages.get(&locale.tag, id)))
            .collect(),
        url_slugs: usage
            .slugs
            .into_iter()
            .chain(
                page.text_for(&locale.tag, source_tag)
                    .map(|text| linked_slugs(site, text))
                    .unwrap_or_default(),
            )
            .collect(),
        fallbacks: fallbacks
            .iter()
            .map(|fallback| (fallback.id.clone(), fallback.file.clone()))
            .collect(),
        // Scanning here, while the page is fresh in the cache, is cheaper than later.
        links: crate::cache::Encoded::new(crate::check::links::scan(&html)),
        shape: 0,
    };
    record.shape = record.compute_shape();
    Ok(RenderedPage {
        output: Output {
            path: planned.path.clone(),
            bytes: html.into_bytes(),
        },
        record,
        fallbacks,
        staged: false,
    })
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

/// `content/pages/about.md` → `content/pages/about.nl.md`.
fn translated_page_file(source: &std::path::Path, tag: &str) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    source.with_file_name(format!("{stem}.{tag}.md"))
}

/// The slug of the page a page body's source link leads to, if any.
fn source_link_slug<'s>(
    site: &'s Site,
    text: &PageText,
    link: &crate::util::markdown_extras::SourceLink,
) -> Option<&'s String> {
    let stem = crate::load::pages::source_stem(&text.file, &link.path, &site.links.locale_tags)?;
    site.links.sources.get(&stem)
}

/// The slugs a page body links to by source file; the incremental build watches them as it
/// watches `url()`'s.
fn linked_slugs(site: &Site, text: &PageText) -> Vec<String> {
    text.body
        .links
        .iter()
        .filter_map(|link| source_link_slug(site, text, link).cloned())
        .collect()
}

/// A page body with each link to a page by its source file pointing at that page in the
/// reader's locale (`tag`), from the folder `dir`.
fn place_source_links(site: &Site, text: &PageText, tag: &str, dir: &str) -> String {
    let html = &text.body.html;
    if text.body.links.is_empty() {
        return html.clone();
    }
    let marker = format!(
        "href=\"{}",
        crate::util::markdown_extras::SOURCE_LINK_SCHEME
    );
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(&marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let digits = after.find('"').unwrap_or(after.len());
        let link = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|index| text.body.links.get(index));
        let target = link.and_then(|link| Some((link, source_link_slug(site, text, link)?)));
        out.push_str("href=\"");
        // A link to no page was reported when the pages loaded; it stays empty here.
        if let Some((link, slug)) = target {
            let path = site.links.page_path(tag, slug);
            out.push_str(&htmlize::escape_attribute(
                site.links.relative(dir, &path, false).as_str(),
            ));
            if let Some(fragment) = &link.fragment {
                out.push('#');
                out.push_str(&htmlize::escape_attribute(fragment.as_str()));
            }
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn page_value(site: &Site, page: &Page, locale: &Locale, dir: &str) -> Value {
    let source_tag = site.config.source_locale.as_str();
    let text = page.text_for(&locale.tag, source_tag);
    let mut map = tera::Map::new();
    map.insert("kind".into(), Value::from(page.kind.as_str()));
    map.insert("slug".into(), Value::from(page.slug.as_str()));
    map.insert(
        "url".into(),
        Value::from(site.links.relative(
            dir,
            &site.links.page_path(&locale.tag, &page.slug),
            false,
        )),
    );
    map.insert(
        "title".into(),
        Value::from(text.and_then(|t| t.title.clone()).unwrap_or_default()),
    );
    let content = match text {
        Some(text) => place_source_links(site, text, &locale.tag, dir),
        None => String::new(),
    };
    map.insert("content".into(), Value::safe_string(&content));
    let headings: Vec<Value> = text
        .map(|t| {
            t.body
                .headings
                .iter()
                .map(|(level, id, title)| {
                    let mut heading = tera::Map::new();
                    heading.insert("level".into(), Value::from(*level));
                    heading.insert("id".into(), Value::from(id.as_str()));
                    heading.insert("title".into(), Value::from(title.as_str()));
                    Value::from(heading)
                })
                .collect()
        })
        .unwrap_or_default();
    map.insert("headings".into(), Value::from(headings));
    map.insert(
        "translated".into(),
        Value::from(page.is_translated(&locale.tag, source_tag)),
    );
    map.insert(
        "extra".into(),
        text.map(|t| t.front.to_tera())
            .unwrap_or_else(|| Value::from(tera::Map::new())),
    );
    match &page.collection {
        Some((name, key, item)) => {
            map.insert("collection".into(), Value::from(name.as_str()));
            map.insert("key".into(), Value::from(key.as_str()));
            map.insert("item".into(), item.to_tera());
        }
        None => {
            map.insert("collection".into(), Value::none());
            map.insert("key".into(), Value::none());
            map.insert("item".into(), Value::none());
        }
    }
    Value::from(map)
}

/// The page in every locale; links relative to `dir`, or from the base path when `absolute`.
fn alternates<'a>(
    site: &'a Site,
    page: &Page,
    current: &Locale,
    dir: &str,
    absolute: bool,
) -> Vec<Alternate<'a>> {
    site.locales
        .list
        .iter()
        .map(|locale| Alternate {
            tag: &locale.tag,
            name: &locale.name,
            dir: locale.dir(),
            url: site.links.relative(
                dir,
                &site.links.page_path(&locale.tag, &page.slug),
                absolute,
            ),
            href: absolute_url(site, &locale.tag, &page.slug),
            current: locale.tag == current.tag,
            translated: page.is_translated(&locale.tag, &site.config.source_locale),
        })
        .collect()
}

/// The `site` variable; its links start with `up` (`../../` from a page's folder, or the
/// base path).
fn site_value(site: &Site, locale: &Locale, up: &str, listing: bool) -> Value {
    let source_tag = site.config.source_locale.as_str();
    let mut map = tera::Map::new();
    map.insert(
        "base_url".into(),
        Value::from(site.config.base_url.as_str()),
    );
    map.insert("source_locale".into(), Value::from(source_tag));
    map.insert("title_id".into(), Value::from(site.config.title.as_str()));
    map.insert("search".into(), Value::from(site.config.search));
    let locales: Vec<Value> = site
        .locales
        .list
        .iter()
        .map(|other| {
            let mut entry = tera::Map::new();
            entry.insert("tag".into(), Value::from(other.tag.as_str()));
            entry.insert("name".into(), Value::from(other.name.as_str()));
            entry.insert("dir".into(), Value::from(other.dir()));
            entry.insert(
                "url".into(),
                Value::from(format!("{up}{}", site.links.page_path(&other.tag, ""))),
            );
            Value::from(entry)
        })
        .collect();
    map.insert("locales".into(), Value::from(locales));
    if !listing {
        return Value::from(map);
    }
    let mut listed: Vec<&Page> = site
        .pages
        .iter()
        .filter(|page| page.kind == PageKind::Page)
        .collect();
    listed.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    let pages: Vec<Value> = listed
        .into_iter()
        .map(|page| {
            let mut entry = tera::Map::new();
            entry.insert("slug".into(), Value::from(page.slug.as_str()));
            entry.insert(
                "title".into(),
                Value::from(
                    page.text_for(&locale.tag, source_tag)
                        .and_then(|t| t.title.clone())
                        .unwrap_or_default(),
                ),
            );
            entry.insert(
                "url".into(),
                Value::from(format!(
                    "{up}{}",
                    site.links.page_path(&locale.tag, &page.slug)
                )),
            );
            Value::from(entry)
        })
        .collect();
    map.insert("pages".into(), Value::from(pages));
    Value::from(map)
}
