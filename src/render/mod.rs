//! Stage 4, render: every (page, locale) pair through its template, in parallel. Data
//! goes into the template context once; each render adds only what differs per page.
//! Each finished page goes to a [`PageSink`]; what a build does with it (keep a record,
//! stage it) is the sink's business.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::locales::Locale;
use crate::load::pages::{Page, PageContent, PageKind, PageText};
use crate::load::site::Site;
use crate::load::template_bounds;
use crate::load::theme::{self, DIR_KEY, LOCALE_KEY, Theme, page_dir};
use crate::load::yaml::{Node, NodeValue};
use crate::util::digest::content_hash;

/// One file of the built site, the one type every stage hands on. Render and the output
/// stage make it with its bytes and their hash; a build then keeps the bytes of a file
/// only until they are written: see [`Content`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Site-relative, `/`-separated: `nl/roadmap/index.html`.
    pub path: String,
    /// The hash of its bytes, as the output manifest records it.
    pub(crate) hash: String,
    pub content: Content,
}

/// Where the bytes of an [`OutputFile`] are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Unchanged since the build that wrote the current output folder, whose copy it shares.
    Carried,
    /// Already written into the staging tree while rendering.
    Staged,
}

impl OutputFile {
    /// A file made now, with its `bytes`.
    pub(crate) fn new(path: String, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            hash: content_hash(&bytes),
            path,
            content: Content::Bytes(bytes),
        }
    }

    /// A file of the previous build's output folder, kept as it is.
    pub(crate) fn carried(path: String, hash: String) -> OutputFile {
        OutputFile {
            path,
            hash,
            content: Content::Carried,
        }
    }
}

impl Content {
    /// The bytes, when they are held here.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Content::Bytes(bytes) => Some(bytes),
            Content::Carried | Content::Staged => None,
        }
    }

    pub fn into_bytes(self) -> Option<Vec<u8>> {
        match self {
            Content::Bytes(bytes) => Some(bytes),
            Content::Carried | Content::Staged => None,
        }
    }
}

/// Something a locale showed from another locale of its chain because its translation
/// is missing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, Serialize)]
pub struct Fallback {
    pub locale: String,
    /// A message id, or `page:<slug>` for a Markdown page without a translation.
    pub id: String,
    /// Where the translation belongs.
    pub file: PathBuf,
    /// The locale whose text was shown instead: the source, or a nearer fallback.
    pub from: String,
    /// `from` is not the source locale but a nearer locale of the chain (nl-BE showing nl).
    pub inherited: bool,
}

/// The locale a page carried over from the last build showed `id` from (a message id, or
/// `page:<slug>` for its prose).
pub(crate) fn fallback_source(site: &Site, page: &Page, locale: &Locale, id: &str) -> String {
    if id.starts_with("page:") {
        return page
            .text_along(&locale.tag, &locale.chain)
            .map(|(tag, _)| tag.to_string())
            .unwrap_or_else(|| site.config.source_locale.clone());
    }
    site.locales.voice(locale, id).tag.clone()
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

/// One output to render: a page in a locale, and where its output goes.
pub(crate) struct Job<'a> {
    /// Index into `site.pages`.
    pub(crate) page: usize,
    /// Index into `site.locales.list`.
    pub(crate) locale: usize,
    pub(crate) path: &'a str,
}

/// A page as render hands it on, with what it was made from.
pub(crate) struct Finished<'a> {
    /// The index of the job in the list given to [`render_pages`].
    pub(crate) job: usize,
    pub(crate) page: &'a Page,
    pub(crate) locale: &'a Locale,
    /// Where the output goes (the job's `path`).
    pub(crate) path: &'a str,
    pub(crate) html: String,
    /// The template's `page` variable.
    pub(crate) page_data: &'a Value,
    /// Every message id (or `id.attribute`) the page formatted, fallbacks included.
    pub(crate) messages: BTreeSet<String>,
    /// Page slugs `url()` pointed at.
    pub(crate) url_slugs: BTreeSet<String>,
    /// What the page showed from another locale.
    pub(crate) fallbacks: Vec<Fallback>,
}

/// Where render hands each finished page, on the thread that rendered it; what the sink
/// keeps of the page comes back in job order. Recording what a page read, scanning its
/// links, staging it and counting progress all happen there, so render itself knows
/// nothing of caching or writing.
pub(crate) trait PageSink: Sync {
    type Kept: Send;

    fn page(&self, finished: Finished<'_>) -> Self::Kept;
}

/// What rendering the jobs produced.
pub(crate) struct Pages<K> {
    /// Per job, in order: what the sink kept, or `None` when the page did not render (its
    /// problem is in `problems`).
    pub(crate) kept: Vec<Option<K>>,
    pub(crate) problems: Vec<Diagnostic>,
    /// Warnings of the pages rendered, which do not stop the link check.
    pub(crate) warnings: Vec<Diagnostic>,
    /// The theme's `404.html`, when it has one: `404.html` at the root, which sends a
    /// reader on to their language's, and `<locale>/404.html` for each locale.
    pub(crate) not_found: Vec<OutputFile>,
    /// The root language chooser through the theme's `chooser.html`, when it has one.
    pub(crate) chooser: Option<String>,
}

/// What the sink kept of one page, and the page's warnings.
type PageResult<K> = (K, Vec<Diagnostic>);

/// Renders every job in parallel, handing each page to `sink` as soon as it is done, and
/// the theme's 404 pages and chooser.
pub(crate) fn render_pages<S: PageSink>(site: &Site, jobs: &[Job], sink: &S) -> Pages<S::Kept> {
    let mut global = Context::new();
    // Converting the data tree costs time on a large site; a build that renders nothing
    // (or only pages carried over) skips it.
    if !jobs.is_empty() {
        global.insert_value("data", site.data.to_tera());
    }
    let site_values = SiteValues::new(site);
    let results: Vec<Result<PageResult<S::Kept>, Diagnostic>> = jobs
        .par_iter()
        .enumerate()
        .map(|(index, job)| render_one(site, sink, &global, &site_values, index, job))
        .collect();
    let mut kept = Vec::with_capacity(results.len());
    let mut seen_problems = BTreeMap::new();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok((page, page_warnings)) => {
                kept.push(Some(page));
                for warning in page_warnings {
                    if !warnings.contains(&warning) {
                        warnings.push(warning);
                    }
                }
            }
            Err(problem) => {
                kept.push(None);
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
        }
    }
    let mut problems: Vec<Diagnostic> = seen_problems
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
    if (site.theme.has(NOT_FOUND_TEMPLATE) || site.theme.has(CHOOSER_TEMPLATE)) && jobs.is_empty() {
        global.insert_value("data", site.data.to_tera());
    }
    let not_found = render_not_found(site, &global, &site_values).unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    });
    let chooser = match render_chooser(site, &global, &site_values) {
        Some(Ok(html)) => Some(html),
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
        None => None,
    };
    Pages {
        kept,
        problems,
        warnings,
        not_found,
        chooser,
    }
}

/// Whether `page` in `locale` is a real translation, not a page shown mostly from a
/// fallback in another language. A page with prose of its own reads translated when its
/// prose is in the locale's language; a page whose words all come from messages, when at
/// least half of the words of the messages it shows are. Only real translations get hreflang links and
/// sitemap entries. A regional locale showing its parent's text (`nl-BE` showing `nl`)
/// still reads in its language.
pub(crate) fn reads_translated(site: &Site, page: &Page, locale: &Locale) -> bool {
    let source_tag = site.config.source_locale.as_str();
    if locale.tag == source_tag {
        return true;
    }
    let ours = |tag: &str| same_language(tag, &locale.tag);
    if page.has_prose(source_tag) {
        return page
            .text_along(&locale.tag, &locale.chain)
            .is_some_and(|(tag, _)| ours(tag));
    }
    // When every locale shows all messages or none in its own language, every page reads
    // as its locale does, and no page need be rendered to know which messages it shows.
    if site.locales.some_partly_translated() {
        let shown = page.shown.get_or_init(|| messages_shown(site, page));
        if !shown.is_empty() {
            // By words: a page whose menu is translated and whose sentences are not reads
            // in the fallback's language.
            let words = site.locales.source_words().get_or_init(|| {
                crate::load::fluent::messages(site.locales.source())
                    .into_iter()
                    .map(|(id, written)| {
                        (
                            id.to_string(),
                            crate::load::fluent::word_count(written.entry),
                        )
                    })
                    .collect()
            });
            let weight = |id: &String| {
                let message_id = id.split('.').next().unwrap_or(id);
                words.get(message_id).copied().unwrap_or(0).max(1)
            };
            let all: usize = shown.iter().map(weight).sum();
            let own: usize = shown
                .iter()
                .filter(|id| site.locales.in_own_language(locale, id))
                .map(weight)
                .sum();
            return own * 2 >= all;
        }
    }
    std::iter::once(locale)
        .chain(locale.chain.iter().filter_map(|tag| site.locales.get(tag)))
        .any(|speaker| ours(&speaker.tag) && !speaker.messages.is_empty())
}

/// The messages `page` shows, from rendering it once in the source locale (its output is
/// not kept). Which locales it reads translated in does not change which messages it
/// shows, so this render takes every locale for one. A page that does not render shows
/// none here; its problem is reported when it renders for real.
fn messages_shown(site: &Site, page: &Page) -> Vec<String> {
    let source = site.locales.source();
    let dir = page_dir(&source.tag, &page.slug);
    // Only a page without prose gets here (see `reads_translated`): its text places no
    // facts and shows nothing, so it is not read for this; one read already is used.
    let shown = page
        .text_along(&source.tag, &source.chain)
        .and_then(|(tag, text)| Some((tag, text, text.content_read()?)));
    let Ok(facts) = page_facts(site, source, shown) else {
        return Vec::new();
    };
    // As a real render, the template gets `site.pages` only when it can read it: the
    // express path, which loads only the pages it renders, takes no page that does.
    let listing = site
        .theme
        .reads
        .get(&page.template)
        .is_none_or(|reads| reads.listing());
    let global = site.shown_context[usize::from(listing)].get_or_init(|| {
        let mut global = Context::new();
        global.insert_value("data", site.data.to_tera());
        // Where links lead changes no message, so every page gets the site as seen from
        // the root.
        global.insert_value("site", site_value(site, source, "", listing));
        global
    });
    let mut context = page_context(global, source, &dir);
    let every_locale = |_: &Locale| true;
    context.insert_value(
        "page",
        page_value(
            site,
            page,
            source,
            &dir,
            &facts,
            shown.map(|s| s.2),
            &every_locale,
        ),
    );
    context.insert(
        "alternates",
        &alternates(site, page, source, &dir, false, &every_locale),
    );
    // Called before or after a page renders, never while one does: the usage record is
    // free.
    theme::start_usage();
    let rendered = render_template(&site.theme, &page.template, &context, &dir);
    let usage = theme::take_usage();
    match rendered {
        Ok(_) => usage.messages.into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

pub(crate) use crate::load::locales::same_language;

/// Absolute address of a page, for hreflang and the sitemap.
pub(crate) fn absolute_url(site: &Site, tag: &str, slug: &str) -> String {
    format!("{}{}", site.config.base_url, page_dir(tag, slug))
}

/// The theme's optional 404 page.
pub(crate) const NOT_FOUND_TEMPLATE: &str = "404.html";

/// The theme's optional root language chooser.
pub(crate) const CHOOSER_TEMPLATE: &str = "chooser.html";

/// The theme's `404.html` in every locale (`<tag>/404.html`) and at the root (`404.html`,
/// in the source locale). A server shows a 404 page at any address, so each gets
/// `not_found.base`, the folder its relative links start from, for a `<base>` element, and
/// `not_found.site_path`, the site's own folder on the server (`/guide/`); the root one also
/// gets `not_found.root`, for sending the reader on to their language.
fn render_not_found(
    site: &Site,
    global: &Context,
    site_values: &SiteValues,
) -> Result<Vec<OutputFile>, Diagnostic> {
    // Without the home page (the express path loads only the pages it renders again, and
    // keeps the 404 pages it has) there is nothing to render.
    if !site.theme.has(NOT_FOUND_TEMPLATE) || home_page(site).is_none() {
        return Ok(Vec::new());
    }
    let source = site.locales.source();
    let places = std::iter::once((source, String::new())).chain(
        site.locales
            .list
            .iter()
            .map(|locale| (locale, page_dir(&locale.tag, ""))),
    );
    places
        .map(|(locale, dir)| {
            let mut not_found = tera::Map::new();
            not_found.insert(
                "base".into(),
                Value::from(format!("{}{dir}", site.links.base_path)),
            );
            not_found.insert(
                "site_path".into(),
                Value::from(site.links.base_path.as_str()),
            );
            not_found.insert("root".into(), Value::from(dir.is_empty()));
            let html = render_outside_pages(
                site,
                global,
                site_values,
                NOT_FOUND_TEMPLATE,
                locale,
                &dir,
                ("not_found", Value::from(not_found)),
            )?;
            Ok(OutputFile::new(format!("{dir}404.html"), html.into_bytes()))
        })
        .collect()
}

/// The theme's `chooser.html`, the root page, in the source locale.
fn render_chooser(
    site: &Site,
    global: &Context,
    site_values: &SiteValues,
) -> Option<Result<String, Diagnostic>> {
    if !site.theme.has(CHOOSER_TEMPLATE) || home_page(site).is_none() {
        return None;
    }
    let source = site.locales.source();
    Some(render_outside_pages(
        site,
        global,
        site_values,
        CHOOSER_TEMPLATE,
        source,
        "",
        ("chooser", Value::from(true)),
    ))
}

fn home_page(site: &Site) -> Option<&Page> {
    site.pages.iter().find(|page| page.kind == PageKind::Home)
}

/// A page that is not in the page list (404, chooser) through `template`, in `locale`,
/// from the folder `dir`, with the home page's context: its `page.kind` is the template's
/// name without `.html`, and `extra` is one more variable.
fn render_outside_pages(
    site: &Site,
    global: &Context,
    site_values: &SiteValues,
    template: &str,
    locale: &Locale,
    dir: &str,
    extra: (&'static str, Value),
) -> Result<String, Diagnostic> {
    let home = home_page(site).ok_or_else(|| {
        Diagnostic::error(
            Code::TemplateError,
            site.theme.dir.join(template),
            format!("`{template}` needs the site's home page"),
        )
    })?;
    let mut context = page_context(global, locale, dir);
    let translated = |other: &Locale| reads_translated(site, home, other);
    let mut page = page_value(site, home, locale, dir, &[], None, &translated)
        .into_map()
        .unwrap_or_default();
    page.insert(
        "kind".into(),
        Value::from(template.trim_end_matches(".html")),
    );
    page.insert("title".into(), Value::from(""));
    page.insert("summary".into(), Value::from(""));
    page.insert("content".into(), Value::safe_string(""));
    page.insert("headings".into(), Value::from(Vec::<Value>::new()));
    context.insert_value("page", Value::from(page));
    context.insert(
        "alternates",
        &alternates(site, home, locale, dir, false, &translated),
    );
    context.insert_value("site", site_values.get(site, locale, dir, true));
    context.insert_value(extra.0, extra.1);
    site.theme
        .tera
        .render(template, &context)
        .map(crate::util::langmark::resolve)
        .map_err(|error| render_problem(site, &error, &format!("{dir}{template}"), locale))
}

/// A template error met while rendering `what` in `locale`, located in the theme.
fn render_problem(site: &Site, error: &tera::Error, what: &str, locale: &Locale) -> Diagnostic {
    let mut problem = site.theme.diagnostic(error).unwrap_or_else(|| {
        Diagnostic::error(
            Code::TemplateError,
            site.theme.dir.clone(),
            error.to_string(),
        )
    });
    problem.message = format!("while rendering {what}: {}", problem.message);
    site.theme.relocate(problem).locale(&locale.tag)
}

/// The context every render starts from: the site-wide values, and the locale and folder
/// of the page being rendered.
pub(crate) fn page_context(global: &Context, locale: &Locale, dir: &str) -> Context {
    let mut context = global.clone();
    context.insert(LOCALE_KEY, &locale.tag);
    context.insert(DIR_KEY, dir);
    context.insert(
        "locale",
        &LocaleInfo {
            tag: &locale.tag,
            dir: locale.dir(),
            name: &locale.name,
        },
    );
    context
}

/// The `site` variable depends only on the locale, on how deep the page sits (its links
/// climb to the site root) and on whether the template reads `site.pages`, so it is built
/// once per such triple, when first needed: building it per page made every render walk
/// every page, and a build that renders few pages needs few of them.
struct SiteValues {
    by_key: HashMap<(String, usize, bool), std::sync::OnceLock<Value>>,
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
        SiteValues { by_key }
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

/// The file a page is made from in `locale`, for the internal error a bug would print.
fn page_file(site: &Site, page: &Page, locale: &Locale) -> PathBuf {
    page.texts
        .get(&locale.tag)
        .or_else(|| page.texts.get(&site.config.source_locale))
        .map(|text| text.file.clone())
        .unwrap_or_else(|| site.theme.dir.join(&page.template))
}

/// Bytes a page buffer starts with: most pages fit, so Tera's many small writes do not grow
/// it a dozen times from empty; a larger page grows from here as before.
const PAGE_BUFFER_START: usize = 4096;

/// Renders `template` into at most the page size of the [`template_bounds::limits`] in
/// force.
pub(crate) fn render_template(
    theme: &Theme,
    template: &str,
    context: &Context,
    dir: &str,
) -> Result<String, Diagnostic> {
    let mut buffer = theme::PageBuffer::with_capacity(PAGE_BUFFER_START);
    let result = theme.tera.render_to(template, context, &mut buffer);
    if buffer.overflowed {
        let (line, column) = theme.overflow_place(template);
        return Err(Diagnostic::error(
            Code::TemplateError,
            theme.dir.join(template),
            format!(
                "while rendering {dir}: the page grew past {}",
                template_bounds::describe_size(template_bounds::limits().page_bytes)
            ),
        )
        .at(line, column)
        .help(
            "a loop in this template (or one it includes) writes without end; check its ranges",
        ));
    }
    result.map_err(|error| {
        let mut problem = theme.diagnostic(&error).unwrap_or_else(|| {
            Diagnostic::error(Code::TemplateError, theme.dir.clone(), error.to_string())
        });
        problem.message = format!("while rendering {dir}: {}", problem.message);
        problem
    })?;
    Ok(String::from_utf8(buffer.bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
}

fn render_one<S: PageSink>(
    site: &Site,
    sink: &S,
    global: &Context,
    site_values: &SiteValues,
    index: usize,
    job: &Job,
) -> Result<PageResult<S::Kept>, Diagnostic> {
    let page = &site.pages[job.page];
    let locale = &site.locales.list[job.locale];
    let _processing = crate::diagnostics::processing(&page_file(site, page, locale));
    let dir = page_dir(&locale.tag, &page.slug);
    let mut context = page_context(global, locale, &dir);
    let shown = shown_text(site, page, locale)?;
    let facts = page_facts(site, locale, shown)?;
    let translated = |other: &Locale| reads_translated(site, page, other);
    context.insert_value(
        "page",
        page_value(
            site,
            page,
            locale,
            &dir,
            &facts,
            shown.map(|s| s.2),
            &translated,
        ),
    );
    context.insert(
        "alternates",
        &alternates(site, page, locale, &dir, false, &translated),
    );
    // A template that cannot read `site.pages` gets the variable without it: nothing it
    // renders can differ, and the list is the costly part on a large site.
    let listing = site
        .theme
        .reads
        .get(&page.template)
        .is_none_or(|reads| reads.listing());
    context.insert_value("site", site_values.get(site, locale, &dir, listing));

    theme::start_usage();
    let result = render_template(&site.theme, &page.template, &context, &dir);
    let usage = theme::take_usage();
    let html = result
        .map(crate::util::langmark::resolve)
        .map_err(|problem| problem.locale(&locale.tag))?;

    let fallbacks = fallbacks(site, page, locale, usage.fallbacks);
    let warnings = usage
        .undecided
        .iter()
        .map(|(id, value)| undecided_particle(site, locale, id, value))
        .collect();
    // The context is done with: its page value goes to the sink instead of a copy.
    let page_data = context.remove("page").unwrap_or_else(Value::none);
    let kept = sink.page(Finished {
        job: index,
        page,
        locale,
        path: job.path,
        html,
        page_data: &page_data,
        messages: usage.messages,
        url_slugs: usage
            .slugs
            .into_iter()
            .chain(
                page.text_along(&locale.tag, &locale.chain)
                    .map(|(_, text)| linked_slugs(site, text))
                    .unwrap_or_default(),
            )
            .collect(),
        fallbacks,
    });
    Ok((kept, warnings))
}

/// The warning for a value `JOSA()` could not read in message `id`, at the message.
fn undecided_particle(site: &Site, locale: &Locale, id: &str, value: &str) -> Diagnostic {
    let voice = site.locales.voice(locale, id);
    let message_id = id.split('.').next().unwrap_or(id);
    let problem = Diagnostic::warning(
        Code::UndecidedParticle,
        format!("locales/{}", voice.tag),
        format!(
            "`JOSA()` cannot tell how \"{value}\" is read, so it shows the paired form of the particle"
        ),
    );
    let problem = match voice.messages.get(message_id) {
        Some(place) => {
            let source = voice
                .files
                .iter()
                .find(|file| file.path == place.file)
                .map(|file| file.resource.source());
            // The caret goes under the call when it is in the message, else at its id.
            let call = source.and_then(|text| {
                let end = text[place.offset..]
                    .find("\n\n")
                    .map_or(text.len(), |at| place.offset + at);
                let at = text[place.offset..end].find(crate::util::particles::FUNCTION)?;
                Some((text, place.offset + at))
            });
            let problem = Diagnostic {
                file: place.file.clone(),
                ..problem
            };
            match call {
                Some((text, at)) => {
                    problem.at_span(text, at..at + crate::util::particles::FUNCTION.len())
                }
                None => problem.at(place.line, place.column),
            }
        }
        None => problem,
    };
    problem.locale(&voice.tag).id(id).help(
        "give the reading: a term with a `.reading` attribute for the word (-name = Name / .reading = 네임), or `reading:` in the call",
    )
}

/// What a page showed from another locale: the messages `ids` its locale lacks (with the
/// locale each came from), and its prose when it has no translation; each with the file
/// the translation belongs in.
fn fallbacks(
    site: &Site,
    page: &Page,
    locale: &Locale,
    ids: BTreeMap<String, String>,
) -> Vec<Fallback> {
    let source_tag = site.config.source_locale.as_str();
    let mut fallbacks: Vec<Fallback> = ids
        .into_iter()
        .map(|(id, from)| {
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
                inherited: from != source_tag,
                from,
            }
        })
        .collect();
    if page.has_prose(source_tag)
        && let Some((from, _)) = page.text_along(&locale.tag, &locale.chain)
        && from != locale.tag
        && let Some(source) = page.texts.get(source_tag)
    {
        fallbacks.push(Fallback {
            locale: locale.tag.clone(),
            id: format!("page:{}", page.slug),
            file: translated_page_file(&source.file, &locale.tag),
            from: from.to_string(),
            inherited: from != source_tag,
        });
    }
    fallbacks
}

/// `content/pages/about.md` → `content/pages/about.nl.md`.
pub(crate) fn translated_page_file(source: &std::path::Path, tag: &str) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    source.with_file_name(format!("{stem}.{tag}.md"))
}

/// The text a page shows in `locale` (see [`Page::text_along`]): the tag of its locale, the
/// text, and its content, read now if an earlier build handed the text over unread.
type Shown<'a> = (&'a str, &'a PageText, &'a PageContent);

fn shown_text<'a>(
    site: &Site,
    page: &'a Page,
    locale: &'a Locale,
) -> Result<Option<Shown<'a>>, Diagnostic> {
    let Some((tag, text)) = page.text_along(&locale.tag, &locale.chain) else {
        return Ok(None);
    };
    match text.content(&site.root) {
        Ok(content) => Ok(Some((tag, text, content))),
        Err(problems) => Err(problems.first().cloned().unwrap_or_else(|| {
            Diagnostic::error(Code::PageError, &text.file, "this page cannot be read")
        })),
    }
}

/// The facts a page's Markdown places (`{{ fact("path") }}`), formatted as messages format
/// them, in the language of the text shown: the locale's own, or the source's when the page
/// falls back to it. A path that names no value is an error at the placeable.
fn page_facts(
    site: &Site,
    locale: &Locale,
    shown: Option<Shown<'_>>,
) -> Result<Vec<String>, Diagnostic> {
    let Some((shown_tag, text, content)) = shown else {
        return Ok(Vec::new());
    };
    if content.facts.is_empty() {
        return Ok(Vec::new());
    }
    let shown_in = site
        .locales
        .list
        .iter()
        .find(|candidate| candidate.tag == shown_tag)
        .unwrap_or(locale);
    content
        .facts
        .iter()
        .map(|path| {
            let formatted = site
                .data
                .get(path)
                .ok_or_else(|| "there is no such value in content/data/".to_string())
                .and_then(|node| format_fact(node, shown_in));
            formatted.map_err(|problem| {
                let at = crate::util::markdown::fact_placeables(&content.text)
                    .into_iter()
                    .find(|(_, found)| found == path)
                    .map(|(range, _)| range)
                    .unwrap_or(0..0);
                Diagnostic::error(
                    Code::PageError,
                    &text.file,
                    format!("the fact `{path}` cannot be placed: {problem}"),
                )
                .at_span(&content.text, at)
                .locale(&locale.tag)
                .help("name a date, number, text or list of them in content/data/ by its dotted path, `{{ fact(\"exchange.exchange_2007.end_of_support\") }}`")
            })
        })
        .collect()
}

/// A value from data as inline HTML, formatted as a message would show it: a date or a
/// number the locale's way, a list joined the locale's way, text exactly as written.
fn format_fact(node: &Node, locale: &Locale) -> Result<String, String> {
    let text = fact_text(node, locale)?;
    Ok(crate::util::markdown::render_inline(
        &crate::util::markdown::escape_markdown(&text),
    ))
}

fn fact_text(node: &Node, locale: &Locale) -> Result<String, String> {
    Ok(match &node.value {
        NodeValue::String(text) => match crate::util::intl::IsoDate::parse(text) {
            Some(date) => locale
                .formats
                .date(&date, crate::util::intl::DateStyle::natural(&date)),
            None => text.clone(),
        },
        NodeValue::Integer(number) => locale.formats.number(*number as f64, None, true),
        NodeValue::Float(number) => locale.formats.number(*number, None, true),
        NodeValue::Bool(flag) => flag.to_string(),
        NodeValue::List(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|item| match &item.value {
                    NodeValue::List(_) | NodeValue::Map(_) => Err(
                        "a list placed in a page may hold only text, dates and numbers".to_string(),
                    ),
                    _ => fact_text(item, locale),
                })
                .collect::<Result<_, _>>()?;
            locale.formats.list(items.iter().map(String::as_str))
        }
        NodeValue::Null => return Err("the value is empty".to_string()),
        NodeValue::Map(_) => {
            return Err("it is a mapping; place one of its fields".to_string());
        }
    })
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
    text.links
        .iter()
        .filter_map(|link| source_link_slug(site, text, link).cloned())
        .collect()
}

/// A page body with each link to a page by its source file pointing at that page in the
/// reader's locale (`tag`), from the folder `dir`.
fn place_source_links(site: &Site, text: &PageText, html: &str, tag: &str, dir: &str) -> String {
    if text.links.is_empty() {
        return html.to_string();
    }
    let marker = format!(
        "href=\"{}",
        crate::util::markdown_extras::SOURCE_LINK_SCHEME
    );
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let digits = after.find('"').unwrap_or(after.len());
        let link = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|index| text.links.get(index));
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

/// A page body with its links placed: those to pages by source file, and those whose
/// target places one of the page's `facts` (formatted).
fn placed_links(
    site: &Site,
    text: &PageText,
    content: &PageContent,
    tag: &str,
    dir: &str,
    facts: &[String],
) -> String {
    let placed = place_source_links(site, text, &content.html, tag, dir);
    crate::util::markdown::fill_fact_links(&placed, &content.fact_links, |index| {
        facts.get(index).cloned().unwrap_or_default()
    })
}

/// How many fields the `page` variable has, so its map is made at its size.
const PAGE_FIELDS: usize = 12;

/// The template's `page` variable; `content` is the shown text's (none for the pages
/// outside the page list, which show no text); `translated` says in which locales the
/// page reads translated.
fn page_value(
    site: &Site,
    page: &Page,
    locale: &Locale,
    dir: &str,
    facts: &[String],
    content: Option<&PageContent>,
    translated: &dyn Fn(&Locale) -> bool,
) -> Value {
    let along = page.text_along(&locale.tag, &locale.chain);
    let text = along.map(|(_, text)| text);
    // Prose shown from another locale keeps that locale's language label.
    let foreign = along
        .map(|(tag, _)| tag)
        .filter(|tag| *tag != locale.tag && page.has_prose(&site.config.source_locale));
    let fill = |html: &str| {
        crate::util::markdown::fill_facts(html, |index| {
            facts.get(index).cloned().unwrap_or_default()
        })
    };
    let mut map = tera::Map::with_capacity(PAGE_FIELDS);
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
    let title = text.and_then(|t| t.title.clone()).unwrap_or_default();
    // A title shown from another locale is labelled as its prose is; where markup cannot
    // go (`<title>`, attributes) the label is dropped after rendering.
    let title = match foreign {
        Some(tag) if !title.is_empty() => crate::util::langmark::mark(&title, tag),
        _ => title,
    };
    map.insert("title".into(), Value::from(title));
    let content_html = fill(
        &text
            .zip(content)
            .map(|(text, content)| placed_links(site, text, content, &locale.tag, dir, facts))
            .unwrap_or_default(),
    );
    let content_html = match foreign {
        // A tag is a validated BCP 47 tag: letters, digits and hyphens only.
        Some(tag) => format!("<div lang=\"{tag}\">\n{content_html}</div>\n"),
        None => content_html,
    };
    map.insert("content".into(), Value::safe_string(&content_html));
    let headings = text.map(|t| headings_value(t, &fill)).unwrap_or_default();
    map.insert("headings".into(), Value::from(headings));
    map.insert(
        "summary".into(),
        Value::from(fill(content.map(|c| c.summary.as_str()).unwrap_or(""))),
    );
    map.insert("translated".into(), Value::from(translated(locale)));
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

/// The headings of a page's text as templates see them, facts filled in by `fill`.
fn headings_value(text: &PageText, fill: &dyn Fn(&str) -> String) -> Vec<Value> {
    text.headings
        .iter()
        .map(|(level, id, title)| {
            Value::from_serializable(&Heading {
                level: *level,
                id,
                title: fill(title),
            })
        })
        .collect()
}

/// A heading as templates see it. Tera makes a map from a struct in one pass into a map of
/// the right size; a `tera::Map` would be copied entry by entry into the value.
#[derive(Serialize)]
struct Heading<'a> {
    level: u8,
    id: &'a str,
    title: String,
}

/// The page in every locale; links relative to `dir`, or from the base path when `absolute`;
/// `translated` says in which locales the page reads translated.
fn alternates<'a>(
    site: &'a Site,
    page: &Page,
    current: &Locale,
    dir: &str,
    absolute: bool,
    translated: &dyn Fn(&Locale) -> bool,
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
            translated: translated(locale),
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
    // From a page inside the locale's folder, links to the locale's pages need not climb
    // out of it and back in: `../about/index.html`, not `../../en/about/index.html`.
    let locale_folder = format!("{}/", locale.tag);
    let page_url = |page: &Page| {
        let path = site.links.page_path(&locale.tag, &page.slug);
        match (up.strip_prefix("../"), path.strip_prefix(&locale_folder)) {
            (Some(inner_up), Some(inside)) if !(inner_up.is_empty() && inside.is_empty()) => {
                format!("{inner_up}{inside}")
            }
            _ => format!("{up}{path}"),
        }
    };
    let link = |page: &Page, title: String, title_id: String| {
        let mut entry = tera::Map::new();
        entry.insert("slug".into(), Value::from(page.slug.as_str()));
        entry.insert("title".into(), Value::from(title));
        entry.insert("title_id".into(), Value::from(title_id));
        entry.insert("url".into(), Value::from(page_url(page)));
        entry
    };
    let pages: Vec<Value> = crate::load::pages::listed(&site.pages)
        .into_iter()
        .map(|page| {
            let (title, title_id) = page_nav_title(site, page, &locale.tag, &locale.chain);
            Value::from(link(page, title, title_id))
        })
        .collect();
    map.insert("pages".into(), Value::from(pages));
    let collections: Vec<Value> = listed_collections(site)
        .into_iter()
        .map(|collection| {
            let entries: Vec<Value> = collection
                .entries
                .into_iter()
                .map(|entry| {
                    let mut value = link(entry.page, entry.title, entry.title_id);
                    value.insert("key".into(), Value::from(entry.key));
                    Value::from(value)
                })
                .collect();
            let mut value = tera::Map::new();
            value.insert("name".into(), Value::from(collection.name));
            value.insert("label_id".into(), Value::from(collection.label_id));
            value.insert("entries".into(), Value::from(entries));
            Value::from(value)
        })
        .collect();
    map.insert("collections".into(), Value::from(collections));
    Value::from(map)
}

/// The collections as navigation lists them (`site.collections`).
pub(crate) fn listed_collections(site: &Site) -> Vec<crate::load::pages::ListedCollection<'_>> {
    let source = site.locales.source();
    crate::load::pages::listed_collections(&site.config, &site.pages, &|id| {
        source.messages.contains_key(id)
    })
}

/// What names a Markdown page in navigation in locale `tag`: its title (in the text the
/// locale shows), else the message `nav-<slug>` when the source locale has one (the second
/// value), else its slug.
pub(crate) fn page_nav_title(
    site: &Site,
    page: &Page,
    tag: &str,
    chain: &[String],
) -> (String, String) {
    if let Some(title) = page
        .text_along(tag, chain)
        .and_then(|(_, text)| text.title.clone())
    {
        return (title, String::new());
    }
    let id = format!("nav-{}", page.slug);
    if site.locales.source().messages.contains_key(&id) {
        (String::new(), id)
    } else {
        (page.slug.clone(), String::new())
    }
}
