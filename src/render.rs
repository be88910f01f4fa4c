//! Stage 4, render: every (page, locale) pair through its template, in parallel. Data
//! goes into the template context once; each render adds only what differs per page.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::check::links::PageOrigin;
use crate::diagnostics::{Code, Diagnostic};
use crate::locales::Locale;
use crate::pages::{Page, PageKind};
use crate::site::Site;
use crate::theme::{self, DIR_KEY, LOCALE_KEY};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Site-relative, `/`-separated: `nl/roadmap/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Something a locale showed in the source language because its translation is missing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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
    pub outputs: Vec<Output>,
    pub fallbacks: Vec<Fallback>,
    pub problems: Vec<Diagnostic>,
    /// Locale and template of every rendered page, by output path.
    pub origins: BTreeMap<String, PageOrigin>,
    /// Per locale, per message id: the output paths of the pages that show it.
    pub usage: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
    /// The theme's `404.html`, when it has one.
    pub not_found: Option<String>,
}

/// One rendered page with what it used.
struct RenderedPage {
    output: Output,
    fallbacks: Vec<Fallback>,
    messages: BTreeSet<String>,
    origin: PageOrigin,
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

/// Renders every page in every locale.
pub fn render(site: &Site) -> Rendered {
    render_with_progress(site, None)
}

/// Renders every page in every locale, counting each finished page on `progress`.
pub fn render_with_progress(site: &Site, progress: Option<&indicatif::ProgressBar>) -> Rendered {
    let mut global = Context::new();
    global.insert_value("data", site.data.to_tera());
    let site_values = SiteValues::new(site);
    let pairs: Vec<(&Page, &Locale)> = site
        .pages
        .iter()
        .flat_map(|page| site.locales.list.iter().map(move |locale| (page, locale)))
        .collect();
    let results: Vec<Result<RenderedPage, Diagnostic>> = pairs
        .par_iter()
        .map(|(page, locale)| {
            let result = render_one(site, &global, &site_values, page, locale);
            if let Some(progress) = progress {
                progress.inc(1);
            }
            result
        })
        .collect();
    let mut rendered = Rendered::default();
    let mut seen_problems = BTreeMap::new();
    for result in results {
        match result {
            Ok(mut page) => {
                let by_message = rendered
                    .usage
                    .entry(page.origin.locale.clone())
                    .or_default();
                for id in page.messages {
                    // `id.attribute` is a use of the message `id`.
                    let message = id.split('.').next().unwrap_or(&id).to_string();
                    by_message
                        .entry(message)
                        .or_default()
                        .insert(page.output.path.clone());
                }
                rendered
                    .origins
                    .insert(page.output.path.clone(), page.origin);
                rendered.outputs.push(page.output);
                rendered.fallbacks.append(&mut page.fallbacks);
            }
            Err(problem) => {
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
                theme::template_diagnostic(&error, &site.theme.dir).unwrap_or_else(|| {
                    Diagnostic::error(
                        Code::TemplateError,
                        site.theme.dir.clone(),
                        error.to_string(),
                    )
                })
            }),
    )
}

/// The `site` variable depends only on the locale and on how deep the page sits (its links
/// climb to the site root), so it is built once per pair, not once per page: building it per
/// page made every render walk every page.
struct SiteValues {
    by_locale_and_depth: HashMap<(String, usize), Value>,
    base_path: String,
}

impl SiteValues {
    fn new(site: &Site) -> SiteValues {
        let depths: BTreeSet<usize> = site
            .pages
            .iter()
            .map(|page| depth(&page_dir("x", &page.slug)))
            .collect();
        let mut by_locale_and_depth = HashMap::new();
        for locale in &site.locales.list {
            for &depth in &depths {
                by_locale_and_depth.insert(
                    (locale.tag.clone(), depth),
                    site_value(site, locale, &"../".repeat(depth)),
                );
            }
        }
        SiteValues {
            by_locale_and_depth,
            base_path: site.links.base_path.clone(),
        }
    }

    /// The `site` variable with links from the base path, for pages shown at any address.
    fn absolute(&self, site: &Site, locale: &Locale) -> Value {
        site_value(site, locale, &self.base_path)
    }

    fn get(&self, locale: &Locale, dir: &str) -> Value {
        self.by_locale_and_depth
            .get(&(locale.tag.clone(), depth(dir)))
            .cloned()
            .unwrap_or_else(Value::none)
    }
}

fn depth(dir: &str) -> usize {
    dir.split('/').filter(|part| !part.is_empty()).count()
}

fn render_one(
    site: &Site,
    global: &Context,
    site_values: &SiteValues,
    page: &Page,
    locale: &Locale,
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
    context.insert_value("page", page_value(site, page, locale, &dir));
    context.insert("alternates", &alternates(site, page, locale, &dir, false));
    context.insert_value("site", site_values.get(locale, &dir));

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
        problem.locale(&locale.tag)
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
    let path = site.links.page_path(&locale.tag, &page.slug);
    let path = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    Ok(RenderedPage {
        output: Output {
            path,
            bytes: html.into_bytes(),
        },
        fallbacks,
        messages: usage.messages,
        origin: PageOrigin {
            locale: locale.tag.clone(),
            template: page.template.clone(),
        },
    })
}

/// `content/pages/about.md` → `content/pages/about.nl.md`.
fn translated_page_file(source: &std::path::Path, tag: &str) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    source.with_file_name(format!("{stem}.{tag}.md"))
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
    map.insert(
        "content".into(),
        Value::safe_string(text.map(|t| t.body.html.as_str()).unwrap_or("")),
    );
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
fn site_value(site: &Site, locale: &Locale, up: &str) -> Value {
    let source_tag = site.config.source_locale.as_str();
    let mut map = tera::Map::new();
    map.insert(
        "base_url".into(),
        Value::from(site.config.base_url.as_str()),
    );
    map.insert("source_locale".into(), Value::from(source_tag));
    map.insert("title_id".into(), Value::from(site.config.title.as_str()));
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
