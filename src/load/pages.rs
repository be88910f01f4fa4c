//! Stage 2, load pages: Markdown pages with front matter (`about.md` and its translations
//! `about.nl.md`), the home page of each locale, and the pages generated from data
//! collections. The result is the list of pages every locale renders.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::{Config, is_safe_segment};
use crate::load::data::DataTree;
use crate::load::discover::{PAGES_DIR, slash_path};
use crate::load::yaml::{self, Node, NodeValue};
use crate::util::markdown::{self, RenderedMarkdown};
use crate::util::markdown_extras::SourceLink;

pub(crate) const DEFAULT_TEMPLATE: &str = "page.html";
pub(crate) const HOME_TEMPLATE: &str = "index.html";
/// `content/pages/_index.md` gives the home page a body and front matter.
const HOME_STEM: &str = "_index";

/// The front matter keys Stele reads; templates find values of their own under `extra:`.
pub(crate) const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "description",
    "template",
    "slug",
    "weight",
    "draft",
    "extra",
];

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum PageKind {
    Home,
    Page,
    Collection,
}

impl PageKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Page => "page",
            PageKind::Collection => "collection",
        }
    }
}

/// One Markdown file: the source of a page or one translation of it. What lists, links
/// and keys the page is always here; the file's whole text and rendered body
/// ([`PageText::content`]) are read when loading reads the file, or, for a file an earlier
/// build handed over unchanged ([`PageReuse`]), when first asked for.
#[derive(Debug, Clone)]
pub struct PageText {
    pub(crate) file: PathBuf,
    /// Its fields read as the text's own (`text.title`): see the `Deref` below.
    outline: TextOutline,
    /// For a translation: its source's heading ids, which its headings take when it is read.
    anchors: Vec<String>,
    content: OnceLock<Result<PageContent, Vec<Diagnostic>>>,
}

/// A page file's [`TextOutline`] is part of it, read as its own fields.
impl std::ops::Deref for PageText {
    type Target = TextOutline;

    fn deref(&self) -> &TextOutline {
        &self.outline
    }
}

/// What only reading a page file gives: its whole text and its body rendered.
#[derive(Debug, Clone)]
pub(crate) struct PageContent {
    /// The whole file as read, for checks that compare a translation with its source.
    pub(crate) text: String,
    /// Byte offset of the Markdown body in `text`.
    pub(crate) body_start: usize,
    /// The body as HTML, with a [`markdown::fact_marker`] per placed fact.
    pub(crate) html: String,
    /// Data paths of the facts the body places, in order.
    pub(crate) facts: Vec<String>,
    /// The link targets that place facts, for [`markdown::fill_fact_links`].
    pub(crate) fact_links: Vec<String>,
    /// The first paragraph as plain text, for the page's description.
    pub(crate) summary: String,
    /// Heading attributes left out, with the byte offset of their heading in the body.
    pub(crate) dropped: Vec<(usize, String)>,
    /// The blocks of the body, recorded by the parse that rendered it.
    pub(crate) outline: crate::util::markdown_outline::Outline,
}

/// Everything a page file says but its text and rendered body: what lists, links and keys
/// the page. An earlier build keeps it, and [`PageReuse`] hands it back for a file that is
/// unchanged since.
#[derive(Debug, Clone)]
pub struct TextOutline {
    pub(crate) front: Node,
    pub(crate) title: Option<String>,
    /// `(level, id, text)` of each heading of the body, for tables of contents and anchors.
    pub(crate) headings: Vec<(u8, String, String)>,
    /// Links of the body to other pages by their Markdown source, located in the file.
    pub(crate) links: Vec<SourceLink>,
    /// The body's other links and images that stay in the site or place a fact, located
    /// in the file, so that the link check reports a broken one where it was written.
    pub(crate) body_links: Vec<crate::util::markdown_extras::BodyLink>,
    /// Whether there is anything to translate: a title or a body. A page that only picks
    /// a template (all its words come from messages) needs no translated file.
    pub(crate) prose: bool,
    /// Words of the title and body, for status counts.
    pub(crate) words: usize,
    /// Fingerprint of the whole file.
    pub(crate) digest: crate::util::digest::Digest,
}

impl PageText {
    pub(crate) fn has_prose(&self) -> bool {
        self.prose
    }

    /// The file's text and rendered body, reading the file (below `root`) now if this
    /// build has not read it yet; the problems of that read when it fails.
    pub(crate) fn content(&self, root: &Path) -> Result<&PageContent, &[Diagnostic]> {
        self.content
            .get_or_init(|| {
                crate::load::discover::read_source(root, &self.file)
                    .map_err(|problem| vec![problem])
                    .and_then(|text| parse_parts(&text, &self.file, &self.anchors))
                    .map(|(_, content)| content)
            })
            .as_ref()
            .map_err(Vec::as_slice)
    }

    /// The file's text and rendered body if this build has read them, without reading:
    /// for the checks, which read no files.
    pub(crate) fn content_read(&self) -> Option<&PageContent> {
        self.content.get()?.as_ref().ok()
    }

    /// A text an earlier build handed over for `file`, unchanged since; a translation's
    /// headings take `anchors`, its source's heading ids, when it is read.
    fn carried(file: &Path, outline: TextOutline, anchors: Vec<String>) -> PageText {
        PageText {
            file: file.to_path_buf(),
            outline,
            anchors,
            content: OnceLock::new(),
        }
    }
}

/// A page of the site, rendered once per locale.
#[derive(Debug, Clone)]
pub struct Page {
    pub(crate) kind: PageKind,
    /// Path below the locale folder, `/`-separated, without slashes at either end; empty for home.
    pub(crate) slug: String,
    pub(crate) template: String,
    pub(crate) weight: i64,
    /// Markdown text per locale tag; the source locale's is the source.
    pub(crate) texts: BTreeMap<String, PageText>,
    /// For collection pages: collection name, entry key and the entry itself.
    pub(crate) collection: Option<(String, String, Node)>,
    /// `draft: true`: built only with `--drafts`, and never listed in the sitemap.
    pub(crate) draft: bool,
    /// The messages the page shows, which decide in which locales a page without prose
    /// of its own reads translated; render settles it when first needed.
    pub(crate) shown: std::sync::OnceLock<Vec<String>>,
}

impl Page {
    /// The text to render in `tag`, or else in the first locale of its `chain` (which ends
    /// in the source locale) that has one, with the tag of the locale it is in.
    pub(crate) fn text_along<'a>(
        &'a self,
        tag: &'a str,
        chain: &'a [String],
    ) -> Option<(&'a str, &'a PageText)> {
        std::iter::once(tag)
            .chain(chain.iter().map(String::as_str))
            .find_map(|wanted| self.texts.get(wanted).map(|text| (wanted, text)))
    }

    /// Whether the source text has prose a translation would replace.
    pub(crate) fn has_prose(&self, source_tag: &str) -> bool {
        self.texts
            .get(source_tag)
            .is_some_and(|source| source.has_prose())
    }
}

/// The pages `site.pages` lists, in its order: Markdown pages (no home page, no collection
/// pages) by weight, then slug. The one definition of that order.
pub(crate) fn listed(pages: &[Page]) -> Vec<&Page> {
    let mut listed: Vec<&Page> = pages
        .iter()
        .filter(|page| page.kind == PageKind::Page)
        .collect();
    listed.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    listed
}

/// One collection as navigation lists it (`site.collections`).
pub(crate) struct ListedCollection<'a> {
    pub(crate) name: &'a str,
    /// The message that heads it in navigation, or empty: then its name does.
    pub(crate) label_id: String,
    pub(crate) entries: Vec<ListedEntry<'a>>,
}

/// One entry of a [`ListedCollection`]: its page and what names it.
pub(crate) struct ListedEntry<'a> {
    pub(crate) page: &'a Page,
    pub(crate) key: &'a str,
    /// The message that names it, or empty: then `title` does.
    pub(crate) title_id: String,
    /// Text from data (as written), or the key.
    pub(crate) title: String,
}

/// The collections `site.collections` lists, in site.yaml's order, each with its entries
/// in data order. `has_message` says whether the source locale has a message, for the
/// default heading `nav-<name>`. The one definition of what navigation shows of them.
pub(crate) fn listed_collections<'a>(
    config: &'a Config,
    pages: &'a [Page],
    has_message: &dyn Fn(&str) -> bool,
) -> Vec<ListedCollection<'a>> {
    let mut by_name: HashMap<&str, Vec<ListedEntry<'a>>> = HashMap::new();
    for page in pages {
        let Some((name, key, item)) = &page.collection else {
            continue;
        };
        let Some(collection) = config.collections.iter().find(|c| &c.name == name) else {
            continue;
        };
        let slug = page.slug.rsplit('/').next().unwrap_or(&page.slug);
        by_name.entry(name).or_default().push(ListedEntry {
            page,
            key,
            title_id: collection.title_message_for(key, slug).unwrap_or_default(),
            title: entry_title(collection.title.as_deref(), item).unwrap_or_else(|| key.clone()),
        });
    }
    config
        .collections
        .iter()
        .map(|collection| ListedCollection {
            name: &collection.name,
            label_id: match &collection.label {
                Some(label) => label.clone(),
                None => {
                    let default = format!("nav-{}", collection.name);
                    if has_message(&default) {
                        default
                    } else {
                        String::new()
                    }
                }
            },
            entries: by_name.remove(collection.name.as_str()).unwrap_or_default(),
        })
        .collect()
}

/// The text that names a collection entry: the value at `field` (a dotted path inside
/// the entry), or by default its `title`, else its `name`; `None` when there is none.
pub(crate) fn entry_title(field: Option<&str>, item: &Node) -> Option<String> {
    let text = |path: &str| {
        item.get_path(path).and_then(|node| match &node.value {
            NodeValue::String(text) => Some(text.clone()),
            NodeValue::Integer(number) => Some(number.to_string()),
            NodeValue::Float(number) => Some(number.to_string()),
            _ => None,
        })
    };
    match field {
        Some(path) => text(path),
        None => text("title").or_else(|| text("name")),
    }
}

/// What an earlier build can hand back instead of a page file read again. The cache
/// implements it, so loading asks for earlier work without knowing how it is kept.
pub(crate) trait PageReuse {
    /// What the earlier build knew of `file`, when it can prove the file unchanged since.
    /// Loading asks this of every page file before it reads any of them, so the answer
    /// stands for the file as this build reads it.
    fn carried(&self, file: &Path) -> Option<TextOutline>;
}

/// Loads the Markdown pages (the home page first); [`add_collections`] adds the pages of
/// the data collections. The Markdown pages do not depend on the data, so a site reads
/// them while it parses its data files.
pub(crate) fn load_markdown(
    root: &Path,
    files: &[PathBuf],
    config: &Config,
    locale_tags: &[String],
    previous: Option<&(dyn PageReuse + Sync)>,
) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let source_tag = &config.source_locale;
    // Group files by page stem: "about" ← about.md, about.nl.md.
    let mut grouped: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(PAGES_DIR).unwrap_or(file);
        let name = slash_path(&relative.with_extension(""));
        let (stem, tag) = match name.rsplit_once('.') {
            Some((stem, tag)) if locale_tags.iter().any(|t| t == tag) => {
                (stem.to_string(), tag.to_string())
            }
            Some((_, tag)) if crate::load::locales::parse_tag(tag).is_ok() && tag.len() <= 8 => {
                problems.push(
                    Diagnostic::warning(
                        Code::PageError,
                        file,
                        format!("this page is for locale `{tag}`, but there is no locales/{tag}/"),
                    )
                    .help(format!("create locales/{tag}/ or rename the file")),
                );
                continue;
            }
            _ => (name, source_tag.clone()),
        };
        grouped.entry(stem).or_default().insert(tag, file.clone());
    }

    // Reading and parsing pages is independent per page, and with thousands of pages it
    // is most of loading. A page whose files all match the previous build's record is
    // carried over without reading them; a page with any changed file is read whole, so
    // its drift check and heading anchors see every language.
    let stems: Vec<&BTreeMap<String, PathBuf>> = grouped.values().collect();
    let mut read: HashMap<PathBuf, Result<PageText, Vec<Diagnostic>>> = stems
        .par_iter()
        .flat_map_iter(|by_locale| read_page_files(root, by_locale, source_tag, previous))
        .collect();
    let mut pages = Vec::new();
    let mut home: Option<Page> = None;
    let mut drafts: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (stem, by_locale) in grouped {
        let Some(source_file) = by_locale.get(source_tag) else {
            for file in by_locale.values() {
                problems.push(
                    Diagnostic::error(
                        Code::PageError,
                        file,
                        "this translation has no source page to translate",
                    )
                    .help(format!(
                        "add {PAGES_DIR}/{stem}.md in the source locale `{source_tag}`, or rename this file"
                    )),
                );
            }
            continue;
        };
        let mut texts = BTreeMap::new();
        for (tag, file) in &by_locale {
            match read.remove(file) {
                Some(Ok(text)) => {
                    texts.insert(tag.clone(), text);
                }
                Some(Err(mut found)) => problems.append(&mut found),
                None => {}
            }
        }
        let Some(source) = texts.get(source_tag) else {
            continue;
        };
        let draft = match source.front.get_path("draft").map(|n| &n.value) {
            Some(NodeValue::Bool(draft)) => *draft,
            Some(NodeValue::Null) | None => false,
            Some(_) => {
                problems.push(field_error(
                    source_file,
                    &source.front,
                    "draft",
                    "`draft` must be `true` or `false`".to_string(),
                ));
                false
            }
        };
        if draft && !config.drafts {
            drafts.insert(stem.clone());
            continue;
        }
        let is_home = stem == HOME_STEM;
        let template = match front_string(&source.front, "template", source_file, &mut problems) {
            Some(template) if is_safe_segment(&template) => match not_a_page_template(&template) {
                None => template,
                Some(why) => {
                    problems.push(
                        field_error(source_file, &source.front, "template", format!("`{template}` {why}, not a page template"))
                            .help(format!("name a template that lays out a whole page, such as {DEFAULT_TEMPLATE}, or leave `template:` out for {DEFAULT_TEMPLATE}")),
                    );
                    continue;
                }
            },
            Some(template) => {
                problems.push(field_error(
                    source_file,
                    &source.front,
                    "template",
                    format!("`{template}` is not a template file name"),
                ));
                continue;
            }
            None if is_home => HOME_TEMPLATE.to_string(),
            None => DEFAULT_TEMPLATE.to_string(),
        };
        let slug = if is_home {
            String::new()
        } else {
            match front_string(&source.front, "slug", source_file, &mut problems) {
                Some(slug) => {
                    let slug = slug.trim_matches('/').to_string();
                    if slug.is_empty() || !slug.split('/').all(is_safe_segment) {
                        problems.push(field_error(
                            source_file,
                            &source.front,
                            "slug",
                            format!("slug `{slug}` is not a safe relative path"),
                        ));
                        continue;
                    }
                    if let Some(problem) = slug.split('/').find_map(address_problem) {
                        problems.push(field_error(
                            source_file,
                            &source.front,
                            "slug",
                            format!("slug `{}`: {problem}", shorten(&slug)),
                        ));
                        continue;
                    }
                    slug
                }
                None => {
                    if let Some(problem) = stem.split('/').find_map(address_problem) {
                        problems.push(
                            Diagnostic::error(
                                Code::PageError,
                                source_file,
                                format!("the file name gives the page address `{}`: {problem}", shorten(&stem)),
                            )
                            .help("rename the file, or give the page a `slug:` of letters, digits and `-`"),
                        );
                        continue;
                    }
                    stem.clone()
                }
            }
        };
        problems.extend(translated_slugs(&texts, source_tag, &slug));
        let weight = match source.front.get_path("weight").map(|n| &n.value) {
            Some(NodeValue::Integer(weight)) => *weight,
            Some(_) => {
                problems.push(field_error(
                    source_file,
                    &source.front,
                    "weight",
                    "`weight` must be a whole number".to_string(),
                ));
                0
            }
            None => 0,
        };
        let page = Page {
            kind: if is_home {
                PageKind::Home
            } else {
                PageKind::Page
            },
            slug,
            template,
            weight,
            texts,
            collection: None,
            draft,
            shown: std::sync::OnceLock::new(),
        };
        if is_home {
            home = Some(page);
        } else {
            pages.push(page);
        }
    }

    problems.extend(check_source_links(
        &pages,
        home.as_ref(),
        &drafts,
        locale_tags,
    ));

    pages.insert(
        0,
        home.unwrap_or_else(|| Page {
            kind: PageKind::Home,
            slug: String::new(),
            template: HOME_TEMPLATE.to_string(),
            weight: 0,
            texts: BTreeMap::new(),
            collection: None,
            draft: false,
            shown: std::sync::OnceLock::new(),
        }),
    );
    (pages, problems)
}

/// Adds the pages of the data collections to the Markdown `pages` of
/// [`load_markdown`], and reports addresses claimed twice.
pub(crate) fn add_collections(
    mut pages: Vec<Page>,
    mut problems: Vec<Diagnostic>,
    config: &Config,
    data: &DataTree,
    data_incomplete: bool,
) -> (Vec<Page>, Vec<Diagnostic>) {
    pages.extend(collection_pages(
        config,
        data,
        data_incomplete,
        &mut problems,
    ));

    problems.extend(output_collisions(&pages, config, data));
    (pages, problems)
}

/// What every locale folder holds besides its pages (the home page is one of them): the
/// 404 page a theme renders there. Reserved whether or not this theme has one, so that a
/// page's address does not depend on the theme.
const LOCALE_FILES: [(&str, &str); 1] = [("404.html", "the language's 404 page")];

/// Pages whose output file would take the place of another output file, or of a folder
/// another needs: two sources for one address would overwrite each other, and a page at
/// `index.html` or `roadmap/index.html` would need a folder where the home page's or
/// `roadmap`'s file is written, which fails only once the build writes (issue: the build
/// stopped with `File exists`, naming no source, while `check` was clean). Every page is
/// written to `<tag>/<slug>/index.html` in every locale, and the files outside the locale
/// folders (chooser, sitemap, static files, search index) cannot meet a page, so comparing
/// the paths below a locale folder finds every collision. Reported at the page's `slug:`
/// (or its file, when its name gives the address), at a collection's `path:` in
/// `site.yaml`, or at a collection entry whose key gives the clashing part.
fn output_collisions(pages: &[Page], config: &Config, data: &DataTree) -> Vec<Diagnostic> {
    let source_tag = &config.source_locale;
    let mut files: HashMap<String, String> = LOCALE_FILES
        .iter()
        .map(|(file, what)| (file.to_string(), what.to_string()))
        .collect();
    let mut problems = Vec::new();
    // Collection pages first: where a Markdown page's `slug:` takes an entry's address,
    // the error is at the `slug:`, the one line that chose it.
    let (entries, markdown): (Vec<&Page>, Vec<&Page>) =
        pages.iter().partition(|page| page.collection.is_some());
    for page in entries.into_iter().chain(markdown) {
        let origin = describe_origin(page, source_tag);
        let file = page_file(&page.slug);
        if let Some(first) = files.get(&file) {
            problems.push(
                address_error(
                    page,
                    config,
                    data,
                    page.slug.len(),
                    format!(
                        "two pages want the address `{}/`: {first} and {origin}",
                        page.slug
                    ),
                )
                .help("give one of them another `slug`, or rename the collection path"),
            );
            continue;
        }
        let owner = match page.kind {
            PageKind::Home if page.texts.is_empty() => "the home page".to_string(),
            PageKind::Home => format!("the home page ({origin})"),
            _ => format!("the page {origin}"),
        };
        files.insert(file, owner);
    }
    // A collection whose `path:` itself clashes is reported once, not once per entry.
    let mut reported_paths = std::collections::HashSet::new();
    for page in pages {
        let file = page_file(&page.slug);
        let Some((folder, owner)) = file
            .match_indices('/')
            .find_map(|(cut, _)| Some((&file[..cut], files.get(&file[..cut])?)))
        else {
            continue;
        };
        if let Some((name, _, _)) = &page.collection
            && folder.len() <= collection_path(config, name).len()
            && !reported_paths.insert(name.clone())
        {
            continue;
        }
        let message = format!(
            "the page {origin} at `{slug}/` would be written to `{source_tag}/{file}`, but \
             `{source_tag}/{folder}` is the file of {owner} (in every language's folder)",
            origin = describe_origin(page, source_tag),
            slug = page.slug,
        );
        problems.push(
            address_error(page, config, data, folder.len(), message).help(
                "choose another address: a page is written as `<slug>/index.html` in each \
                 language's folder, so no part of its address may be `index.html` where a \
                 page's file is, nor `404.html`",
            ),
        );
    }
    problems
}

/// Where a page's output goes below its locale folder (see [`crate::load::theme::output_path`]).
fn page_file(slug: &str) -> String {
    if slug.is_empty() {
        "index.html".to_string()
    } else {
        format!("{slug}/index.html")
    }
}

/// The `path:` of the collection called `name`.
fn collection_path<'a>(config: &'a Config, name: &str) -> &'a str {
    config
        .collections
        .iter()
        .find(|collection| collection.name == name)
        .map_or("", |collection| collection.path.as_str())
}

/// An error about the address of `page`, placed where the part of it up to byte `within`
/// of its slug is written: the page's `slug:`, its file (whose name gives the address), the
/// collection's `path:` in `site.yaml`, or the entry whose key gives the rest.
fn address_error(
    page: &Page,
    config: &Config,
    data: &DataTree,
    within: usize,
    message: String,
) -> Diagnostic {
    let source_tag = config.source_locale.as_str();
    if let Some((name, _, item)) = &page.collection
        && let Some(index) = config
            .collections
            .iter()
            .position(|collection| &collection.name == name)
    {
        let collection = &config.collections[index];
        if within <= collection.path.len() {
            return config.locate(
                Diagnostic::error(Code::PageError, crate::load::discover::CONFIG_FILE, message),
                &format!("collections.{index}.path"),
            );
        }
        let file = data
            .file_of(&collection.data)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        return Diagnostic::error(Code::PageError, file, message).at(item.line, item.column);
    }
    match page.texts.get(source_tag) {
        Some(text) => {
            let problem = Diagnostic::error(Code::PageError, &text.file, message);
            match text.front.get_path("slug") {
                Some(node) => problem.at(node.line, node.column),
                None => problem,
            }
        }
        None => Diagnostic::error(Code::PageError, describe_origin(page, source_tag), message),
    }
}

fn describe_origin(page: &Page, source_tag: &str) -> String {
    match (&page.collection, page.texts.get(source_tag)) {
        (Some((name, key, _)), _) => format!("collection `{name}` entry `{key}`"),
        (None, Some(text)) => text.file.display().to_string(),
        (None, None) => "the home page".to_string(),
    }
}

fn collection_pages(
    config: &Config,
    data: &DataTree,
    data_incomplete: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Page> {
    let mut pages = Vec::new();
    for (index, collection) in config.collections.iter().enumerate() {
        let entries = match data.get(&collection.data).map(|node| &node.value) {
            Some(NodeValue::Map(entries)) => entries,
            // A data file that did not parse was reported already; its absence is no news.
            None if data_incomplete => continue,
            found => {
                let what = match found {
                    None => "does not exist".to_string(),
                    Some(_) => "is not a mapping".to_string(),
                };
                problems.push(
                    config
                        .locate(
                            Diagnostic::error(
                                Code::DataError,
                                crate::load::discover::CONFIG_FILE,
                                format!(
                                    "collection `{}` reads `data.{}`, which {what}",
                                    collection.name, collection.data
                                ),
                            ),
                            &format!("collections.{index}.data"),
                        )
                        .help("point `data:` at a mapping of entries, one page per key"),
                );
                continue;
            }
        };
        let data_file = || {
            data.file_of(&collection.data)
                .map(Path::to_path_buf)
                .unwrap_or_default()
        };
        for (key, item) in entries {
            let segment = key.replace('_', "-").to_lowercase();
            let unfit = if is_safe_segment(&segment) {
                address_problem(&segment).map(|problem| {
                    format!("key `{}` cannot be a page address: {problem}", shorten(key))
                })
            } else {
                Some(format!("key `{key}` cannot be a page address"))
            };
            if let Some(message) = unfit {
                problems.push(key_problem(
                    data_file(),
                    item,
                    message,
                    "use letters, digits, `-` and `_` in collection keys".to_string(),
                ));
                continue;
            }
            if let Some(field) = &collection.title
                && entry_title(Some(field), item).is_none()
            {
                problems.push(key_problem(
                    data_file(),
                    item,
                    format!(
                        "entry `{}` has no text at `{field}`, which names the entries of collection `{}` (its `title:` in {})",
                        shorten(key),
                        collection.name,
                        crate::load::discover::CONFIG_FILE
                    ),
                    format!(
                        "give every entry a `{field}` (text or a number), or change the collection's `title:`"
                    ),
                ));
            }
            pages.push(Page {
                kind: PageKind::Collection,
                slug: format!("{}/{segment}", collection.path),
                template: collection.template.clone(),
                weight: 0,
                texts: BTreeMap::new(),
                collection: Some((collection.name.clone(), key.clone(), item.clone())),
                draft: false,
                shown: std::sync::OnceLock::new(),
            });
        }
    }
    pages
}

/// An error about the collection entry `item` in the data file `file`, at the entry.
fn key_problem(file: PathBuf, item: &Node, message: String, help: String) -> Diagnostic {
    Diagnostic::error(Code::DataError, file, message)
        .at(item.line, item.column)
        .help(help)
}

/// The longest segment of a page address: file systems refuse names over 255 bytes, and
/// the output adds to them.
pub(crate) const MAX_SLUG_SEGMENT_BYTES: usize = 200;

/// Why `segment` cannot be part of a page address: too long for a file name, or holding a
/// character that would end or change a URL (`%`, `?`, `#`, quotes, `<`, `>`, `\`, spaces,
/// line breaks and other control characters), or an invisible one that makes two
/// addresses look alike (bidirectional controls such as U+202E, zero-width characters).
/// Letters of any script are fine; links carry them percent-encoded.
pub(crate) fn address_problem(segment: &str) -> Option<String> {
    if segment.len() > MAX_SLUG_SEGMENT_BYTES {
        return Some(format!(
            "a part of it is {} bytes long; at most {MAX_SLUG_SEGMENT_BYTES} fit in a file name",
            segment.len()
        ));
    }
    let bad = segment.chars().find(|&c| {
        c.is_whitespace()
            || c.is_control()
            || invisible(c)
            || noncharacter(c)
            || matches!(
                c,
                '%' | '?' | '#' | '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^'
            )
    })?;
    Some(format!(
        "it contains {}, which a page address cannot carry",
        match bad {
            ' ' => "a space".to_string(),
            '\n' | '\r' => "a line break".to_string(),
            c if c.is_control() || c.is_whitespace() || invisible(c) => {
                format!("the invisible character U+{:04X}", c as u32)
            }
            c if noncharacter(c) => format!("the noncharacter U+{:04X}", c as u32),
            c => format!("`{c}`"),
        }
    ))
}

/// Whether `c` is one of Unicode's noncharacters (U+FDD0 to U+FDEF, and the last two code
/// points of every plane, U+FFFE and U+FFFF among them): never text, and U+FFFE and U+FFFF
/// make the sitemap, which carries every address, XML no parser reads.
fn noncharacter(c: char) -> bool {
    ('\u{fdd0}'..='\u{fdef}').contains(&c) || (c as u32) & 0xfffe == 0xfffe
}

/// Whether `c` is a format character that shows nothing or reorders what follows: the
/// bidirectional marks, embeddings, overrides and isolates, the zero-width space, the word
/// joiner and invisible operators, the byte order mark and the soft hyphen. Not the
/// zero-width (non-)joiner, which Persian and the scripts of India write inside words.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// A long name cut to what fits in a message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Reads the files of one page (by locale tag), or carries them over from `previous` when
/// every one of them is unchanged.
fn read_page_files(
    root: &Path,
    by_locale: &BTreeMap<String, PathBuf>,
    source_tag: &str,
    previous: Option<&(dyn PageReuse + Sync)>,
) -> Vec<(PathBuf, Result<PageText, Vec<Diagnostic>>)> {
    if let Some(previous) = previous {
        // Every file is asked about before any is read, as the trait promises.
        let carried: Vec<Option<TextOutline>> = by_locale
            .values()
            .map(|file| previous.carried(file))
            .collect();
        if carried.iter().all(Option::is_some) {
            let anchors: Vec<String> = by_locale
                .keys()
                .zip(&carried)
                .find(|(tag, _)| *tag == source_tag)
                .and_then(|(_, source)| source.as_ref())
                .map(|source| source.headings.iter().map(|h| h.1.clone()).collect())
                .unwrap_or_default();
            return by_locale
                .iter()
                .zip(carried)
                .filter_map(|((tag, file), carried)| {
                    let anchors = if tag == source_tag {
                        Vec::new()
                    } else {
                        anchors.clone()
                    };
                    Some((file.clone(), Ok(PageText::carried(file, carried?, anchors))))
                })
                .collect();
        }
    }
    read_texts(root, by_locale, source_tag)
}

/// Reads and parses the files of one page (by locale tag).
pub(crate) fn read_texts(
    root: &Path,
    by_locale: &BTreeMap<String, PathBuf>,
    source_tag: &str,
) -> Vec<(PathBuf, Result<PageText, Vec<Diagnostic>>)> {
    // The source first: a translation's headings take its anchors, and knowing them before
    // a translation is parsed renders the translation's body once.
    let read = |file: &PathBuf, anchors: &[String]| {
        let text = crate::load::discover::read_source(root, file)
            .map_err(|problem| vec![problem])
            .and_then(|text| parse_page_with_anchors(&text, file, anchors));
        (file.clone(), text)
    };
    let mut found = Vec::with_capacity(by_locale.len());
    let mut anchors: Vec<String> = Vec::new();
    if let Some(file) = by_locale.get(source_tag) {
        let source = read(file, &[]);
        if let Ok(text) = &source.1 {
            anchors = text.headings.iter().map(|h| h.1.clone()).collect();
        }
        found.push(source);
    }
    for (tag, file) in by_locale {
        if tag != source_tag {
            found.push(read(file, &anchors));
        }
    }
    found
}

/// Reads now, in parallel, the content of the texts of the pages at `indexes` that an
/// earlier build handed over (see [`PageText::content`]), so that the checks, which read
/// no files, have it; every problem of every file comes back.
pub(crate) fn read_contents(
    root: &Path,
    pages: &[Page],
    indexes: &std::collections::BTreeSet<usize>,
) -> Vec<Diagnostic> {
    indexes
        .par_iter()
        .filter_map(|&index| pages.get(index))
        .flat_map_iter(|page| page.texts.values())
        .flat_map_iter(|text| text.content(root).err().unwrap_or_default().to_vec())
        .collect()
}

/// Parses a page file's text: front matter, then Markdown rendered to HTML.
pub fn parse_page(text: &str, file: &Path) -> Result<PageText, Vec<Diagnostic>> {
    parse_page_with_anchors(text, file, &[])
}

/// As [`parse_page`] for a translation: its headings take `anchors`, the ids of its source's
/// headings, in order, so `#links` work in every language.
pub(crate) fn parse_page_with_anchors(
    text: &str,
    file: &Path,
    anchors: &[String],
) -> Result<PageText, Vec<Diagnostic>> {
    let (mut page, content) = parse_parts(text, file, anchors)?;
    page.content = OnceLock::from(Ok(content));
    Ok(page)
}

/// A page file's text parsed: what lists, links and keys the page, and its content (which
/// the first part does not hold yet).
fn parse_parts(
    text: &str,
    file: &Path,
    anchors: &[String],
) -> Result<(PageText, PageContent), Vec<Diagnostic>> {
    refuse_reserved_marks(text, file)?;
    let (front_text, body) = split_front_matter(text, file)?;
    let front = yaml::parse_tree(front_text, file, 1).map_err(|d| vec![d])?;
    let escaped: Vec<Diagnostic> = front
        .reserved_marks()
        .into_iter()
        .map(|(line, column, mark)| reserved_mark(file, mark).at(line, column))
        .collect();
    if !escaped.is_empty() {
        return Err(escaped);
    }
    if !matches!(front.value, NodeValue::Map(_)) {
        return Err(vec![
            Diagnostic::error(
                Code::SyntaxError,
                file,
                "front matter must be a mapping of keys (title: ..., template: ...)",
            )
            .at(2, 1)
            .help("write `key: value` lines between the two `---` lines"),
        ]);
    }
    let mut problems = Vec::new();
    let title = front_string(&front, "title", file, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let body_start = crate::load::locales::offset_in(text, body);
    let words = word_count(title.as_deref().unwrap_or("")) + word_count(body);
    let mut body = if anchors.is_empty() {
        markdown::render_page(body)
    } else {
        markdown::render_page_with_anchors(body, anchors)
    };
    for link in &mut body.links {
        (link.line, link.column) = crate::diagnostics::line_column(text, body_start + link.offset);
    }
    for link in &mut body.body_links {
        (link.line, link.column) = crate::diagnostics::line_column(text, body_start + link.offset);
    }
    let RenderedMarkdown {
        html,
        headings,
        facts,
        links,
        body_links,
        fact_links,
        summary,
        dropped,
        outline: body_outline,
    } = body;
    let page = PageText {
        file: file.to_path_buf(),
        outline: TextOutline {
            prose: title.is_some() || !html.trim().is_empty(),
            front,
            title,
            headings,
            links,
            body_links,
            words,
            digest: crate::util::digest::digest(text.as_bytes()),
        },
        anchors: Vec::new(),
        content: OnceLock::new(),
    };
    let content = PageContent {
        text: text.to_string(),
        body_start,
        html,
        facts,
        fact_links,
        summary,
        dropped,
        outline: body_outline,
    };
    Ok((page, content))
}

/// Refuses a page file that holds a marker character Stele reserves for the places of its
/// facts: typed in the text, a code span, a link or a heading it would otherwise be
/// filled with one of the page's facts that the fact checks never counted.
fn refuse_reserved_marks(text: &str, file: &Path) -> Result<(), Vec<Diagnostic>> {
    let marks: Vec<(usize, char)> = markdown::reserved_marks(text).collect();
    if marks.is_empty() {
        return Ok(());
    }
    let lines = crate::diagnostics::LineIndex::new(text);
    Err(marks
        .into_iter()
        .map(|(at, mark)| reserved_mark(file, mark).at_span_in(&lines, at..at + mark.len_utf8()))
        .collect())
}

/// The error for a reserved marker character in a page file.
fn reserved_mark(file: &Path, mark: char) -> Diagnostic {
    Diagnostic::error(
        Code::PageError,
        file,
        format!(
            "the character U+{:04X} is reserved for Stele's own use",
            mark as u32
        ),
    )
    .help(markdown::RESERVED_MARK_HELP)
}

/// How many words `text` has, as `split_whitespace` counts them. Every page's text is
/// counted: without a lead byte of the non-ASCII spaces (U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000), every byte of a multi-byte character is a non-space like the
/// character, so words are counted by bytes, without decoding.
fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let space = |byte: u8| matches!(byte, b'\t'..=b'\r' | b' ');
    let unicode_space_possible =
        memchr::memchr3(0xc2, 0xe1, 0xe2, bytes).is_some() || memchr::memchr(0xe3, bytes).is_some();
    if !unicode_space_possible {
        let first = usize::from(bytes.first().is_some_and(|&byte| !space(byte)));
        if bytes.len() < 2 {
            return first;
        }
        // A word starts where a space is followed by a non-space: counted pair by pair
        // without a branch, into a byte per run of at most 255 pairs, which the compiler
        // turns into a count of 32 bytes at once (nine times the speed of a `usize` sum).
        let (before, at) = (&bytes[..bytes.len() - 1], &bytes[1..]);
        let starts: usize = before
            .chunks(255)
            .zip(at.chunks(255))
            .map(|(before, at)| {
                let run = before
                    .iter()
                    .zip(at)
                    .map(|(&before, &at)| u8::from(space(before) & !space(at)))
                    .fold(0u8, u8::wrapping_add);
                usize::from(run)
            })
            .sum();
        return first + starts;
    }
    // Decoding only what is not ASCII.
    let (mut words, mut in_word, mut at) = (0, false, 0);
    while at < bytes.len() {
        let (is_space, width) = if bytes[at].is_ascii() {
            (space(bytes[at]), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        };
        if !is_space && !in_word {
            words += 1;
        }
        in_word = !is_space;
        at += width;
    }
    words
}

/// Splits `---` front matter from the body; a page without front matter is all body.
/// Returns the front matter text and the body.
fn split_front_matter<'a>(
    text: &'a str,
    file: &Path,
) -> Result<(&'a str, &'a str), Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(("", text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((front, body));
        }
        offset += line.len();
    }
    Err(vec![
        Diagnostic::error(
            Code::SyntaxError,
            file,
            "the front matter opened on line 1 is never closed",
        )
        .at(1, 1)
        .help("end the front matter with a line that holds only `---`"),
    ])
}

fn front_string(
    front: &Node,
    key: &str,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    match front.get_path(key).map(|n| &n.value) {
        Some(NodeValue::String(text)) => Some(text.clone()),
        Some(NodeValue::Null) | None => None,
        Some(_) => {
            problems.push(field_error(
                file,
                front,
                key,
                format!("`{key}` must be text"),
            ));
            None
        }
    }
}

/// The source path (below `content/pages/`, without `.md`) of the page a Markdown link
/// in `file` names by `path` (`../guide/setup.md`, `about.nl.md`), or `None` when the path
/// leaves `content/pages/`. A translation's file name stands for its page.
pub(crate) fn source_stem(file: &Path, path: &str, locale_tags: &[String]) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let relative = file.strip_prefix(PAGES_DIR).unwrap_or(file);
    let mut parts: Vec<String> = relative
        .parent()
        .map(|folder| {
            slash_path(folder)
                .split('/')
                .filter(|part| !part.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other.to_string()),
        }
    }
    let joined = parts.join("/");
    let stem = joined.strip_suffix(".md")?;
    Some(match stem.rsplit_once('.') {
        Some((page, tag)) if locale_tags.iter().any(|t| t == tag) => page.to_string(),
        _ => stem.to_string(),
    })
}

/// The slug of every Markdown page by its source path (see [`source_stem`]).
pub(crate) fn source_slugs<'a>(pages: impl Iterator<Item = &'a Page>) -> HashMap<String, String> {
    pages
        .filter(|page| page.kind != PageKind::Collection)
        .filter_map(|page| {
            let (tag, text) = page.texts.iter().next()?;
            Some((file_stem(&text.file, tag)?, page.slug.clone()))
        })
        .collect()
}

/// `content/pages/guide/setup.nl.md` of locale `nl` → `guide/setup`.
pub(crate) fn file_stem(file: &Path, tag: &str) -> Option<String> {
    let relative = file.strip_prefix(PAGES_DIR).ok()?;
    let name = slash_path(&relative.with_extension(""));
    Some(
        match name.strip_suffix(tag).and_then(|n| n.strip_suffix('.')) {
            Some(stem) => stem.to_string(),
            None => name,
        },
    )
}

/// Links between Markdown pages by source path that lead nowhere, located in the file that
/// has them: a missing page, a draft left out of this build, or a missing `#anchor`.
fn check_source_links(
    pages: &[Page],
    home: Option<&Page>,
    drafts: &std::collections::BTreeSet<String>,
    locale_tags: &[String],
) -> Vec<Diagnostic> {
    let all: Vec<&Page> = home.into_iter().chain(pages).collect();
    let stems = source_slugs(all.iter().copied());
    let by_slug: HashMap<&str, &Page> =
        all.iter().map(|page| (page.slug.as_str(), *page)).collect();
    let mut problems = Vec::new();
    for page in &all {
        for text in page.texts.values() {
            for link in &text.links {
                let written = match &link.fragment {
                    Some(fragment) => format!("{}#{fragment}", link.path),
                    None => link.path.clone(),
                };
                let located = |message: String, help: String| {
                    Diagnostic::error(Code::BrokenLink, &text.file, message)
                        .at(link.line, link.column)
                        .help(help)
                };
                let Some(stem) = source_stem(&text.file, &link.path, locale_tags) else {
                    problems.push(located(
                        format!("link `{written}` leaves {PAGES_DIR}/"),
                        "link to a Markdown file under content/pages/, relative to this file"
                            .into(),
                    ));
                    continue;
                };
                let Some(target) = stems.get(&stem).and_then(|slug| by_slug.get(slug.as_str()))
                else {
                    let help = if drafts.contains(&stem) {
                        format!(
                            "{PAGES_DIR}/{stem}.md is a draft: build with --drafts, or publish it"
                        )
                    } else {
                        format!(
                            "there is no {PAGES_DIR}/{stem}.md; check the path, relative to this file"
                        )
                    };
                    problems.push(located(format!("link `{written}` leads to no page"), help));
                    continue;
                };
                let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else {
                    continue;
                };
                let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
                // Translations keep their source's heading ids: the source's are the ones.
                let ids: Vec<&str> = target
                    .texts
                    .values()
                    .flat_map(|t| t.headings.iter().map(|h| h.1.as_str()))
                    .collect();
                if !ids.contains(&decoded.as_ref()) {
                    problems.push(
                        Diagnostic::error(
                            Code::BrokenAnchor,
                            &text.file,
                            format!("link `{written}` points at `#{decoded}`, but that page has no heading with that id"),
                        )
                        .at(link.line, link.column)
                        .help(format!(
                            "the headings of {PAGES_DIR}/{stem}.md have the ids: {}",
                            if ids.is_empty() { "(none)".to_string() } else { ids.join(", ") }
                        )),
                    );
                }
            }
        }
    }
    problems
}

/// Front matter keys that neither Stele nor any template (as `page.extra.KEY`) reads:
/// most often a typo (`tilte:`), which would otherwise be ignored without a word.
pub(crate) fn unknown_keys(
    text: &PageText,
    read_by_templates: &std::collections::BTreeSet<String>,
) -> Vec<Diagnostic> {
    let NodeValue::Map(entries) = &text.front.value else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|(key, _)| {
            !FRONT_MATTER_KEYS.contains(&key.as_str()) && !read_by_templates.contains(key)
        })
        .map(|(key, node)| {
            Diagnostic::warning(
                Code::PageError,
                &text.file,
                format!("Stele does not know the front matter key `{key}`"),
            )
            .at(node.line, node.column)
            .help(format!(
                "Stele reads {}; templates read other keys as `page.extra.KEY`, and none reads this one",
                FRONT_MATTER_KEYS.join(", ")
            ))
        })
        .collect()
}

/// A page has one address in every language: a translation's `slug:` must be the
/// source's, or it would be silently ignored.
fn translated_slugs(
    texts: &BTreeMap<String, PageText>,
    source_tag: &str,
    slug: &str,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (tag, text) in texts {
        if tag == source_tag {
            continue;
        }
        if let Some(NodeValue::String(own)) = text.front.get_path("slug").map(|n| &n.value)
            && own.trim_matches('/') != slug
        {
            problems.push(
                field_error(
                    &text.file,
                    &text.front,
                    "slug",
                    format!(
                        "this translation asks for the address `{own}`, but the page is at `{slug}` in every language"
                    ),
                )
                .help(format!(
                    "remove `slug:` from this translation, or set it to `{slug}`; a page keeps one address so the language switcher and links find it"
                )),
            );
        }
    }
    problems
}

/// Why a theme template cannot lay out a page named in its front matter: a partial
/// (`_head.html`, which other templates include and which expects their variables) or
/// the template of a page Stele makes itself. Rendered as a page, such a template fails
/// inside itself, far from the `template:` line that chose it, or makes a page that is
/// not one; refused at that line instead.
pub(crate) fn not_a_page_template(template: &str) -> Option<&'static str> {
    if template.starts_with('_') {
        return Some("is a partial that other templates include (its name starts with `_`)");
    }
    match template {
        "404.html" => Some("is the template of the 404 pages"),
        "chooser.html" => Some("is the template of the root language chooser"),
        _ => None,
    }
}

fn field_error(file: &Path, front: &Node, key: &str, message: String) -> Diagnostic {
    let (line, column) = front
        .get_path(key)
        .map(|node| (node.line, node.column))
        .unwrap_or((1, 1));
    Diagnostic::error(Code::PageError, file, message)
        .at(line, column)
        .help("fix this front matter value; see docs/authoring.md")
}

#[cfg(test)]
mod tests {

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tnew\nline\rcr\x0bvt\x0cff",
            "no\u{a0}break\u{3000}ideographic\u{2028}line sep\u{85}nel",
            "한국어 문장입니다.\u{200b}zero-width is not space",
            "ünïcödé wörds — dash",
            "\u{2003}em\u{2003}space\u{205f}\u{1680}ogham",
            "안녕 하세요\n\t세계",
            "안녕\u{a0}하세요 ünïcödé wörds",
            "ünïcödé wörds\x0bvt",
            "\u{3001}ideographic comma is not a space\u{3002}",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        // Longer than one run of the count, with a word start on every other byte.
        for text in [
            "a ".repeat(700),
            " b".repeat(513),
            "word ".repeat(300) + "end",
        ] {
            assert_eq!(word_count(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn page_addresses_are_checked_for_length_and_characters() {
        assert_eq!(address_problem("end-of-support"), None);
        assert_eq!(address_problem("지원-종료"), None);
        assert_eq!(address_problem(&"a".repeat(MAX_SLUG_SEGMENT_BYTES)), None);
        for noncharacter in ["a\u{fffe}b", "\u{ffff}", "x\u{fdd0}", "\u{1fffe}"] {
            assert!(
                address_problem(noncharacter).is_some_and(|why| why.contains("noncharacter")),
                "{noncharacter:?}"
            );
        }
        assert_eq!(address_problem("\u{fdcf}\u{fdf0}\u{fffd}"), None);
        assert!(
            address_problem(&"a".repeat(300))
                .unwrap()
                .contains("300 bytes")
        );
        assert!(address_problem(&"가".repeat(70)).is_some());
        for bad in [
            "100%",
            "a?b",
            "a#b",
            "say\"hi\"",
            "it's",
            "<b>",
            "a b",
            "a\nb",
            "a\tb",
            "a\\b",
            "a\u{7f}",
        ] {
            assert!(address_problem(bad).is_some(), "{bad:?}");
        }
        assert!(address_problem("a b").unwrap().contains("a space"));
        // Invisible characters would make two addresses look alike.
        for spoof in [
            "exchange\u{202e}lmth",
            "end\u{200b}of-support",
            "a\u{2066}b",
        ] {
            assert!(
                address_problem(spoof).unwrap().contains("invisible"),
                "{spoof:?}"
            );
        }
        assert!(address_problem("a\nb").unwrap().contains("a line break"));
    }
    use super::*;

    /// Every page, as [`crate::load::site::Site`] loads them.
    fn load(
        root: &Path,
        files: &[PathBuf],
        config: &Config,
        locale_tags: &[String],
        data: &DataTree,
        data_incomplete: bool,
        previous: Option<&(dyn PageReuse + Sync)>,
    ) -> (Vec<Page>, Vec<Diagnostic>) {
        let (pages, problems) = load_markdown(root, files, config, locale_tags, previous);
        add_collections(pages, problems, config, data, data_incomplete)
    }

    fn config() -> Config {
        crate::load::yaml::parse(
            "source_locale: en\nbase_url: https://x/\ntheme: t\ntitle: t\ncollections:\n  - name: versions\n    data: ex.versions\n    path: versions\n    template: version.html\n",
            Path::new("content/site.yaml"),
            0,
        )
        .unwrap()
    }

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<PathBuf>, DataTree) {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        let mut data_files = Vec::new();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, text).unwrap();
            if path.starts_with("content/pages") {
                paths.push(PathBuf::from(path));
            } else {
                data_files.push(PathBuf::from(path));
            }
        }
        let (data, problems) = DataTree::load(dir.path(), &data_files);
        assert!(problems.is_empty());
        (dir, paths, data)
    }

    #[test]
    fn pages_translations_and_collections() {
        let (dir, files, data) = site(&[
            (
                "content/pages/about.md",
                "---\ntitle: About\nweight: 2\n---\n# About\n",
            ),
            (
                "content/pages/about.nl.md",
                "---\ntitle: Over\n---\n# Over\n",
            ),
            (
                "content/data/ex.yaml",
                "versions:\n  exchange_2013: {name: Exchange 2013}\n  exchange_2016: {name: Exchange 2016}\n",
            ),
        ]);
        let tags = vec!["en".to_string(), "nl".to_string()];
        let (pages, problems) = load(dir.path(), &files, &config(), &tags, &data, false, None);
        assert!(problems.is_empty(), "{problems:?}");
        let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(
            slugs,
            vec![
                "",
                "about",
                "versions/exchange-2013",
                "versions/exchange-2016"
            ]
        );
        let about = &pages[1];
        assert_eq!(about.weight, 2);
        let english = ["en".to_string()];
        let title = |tag| about.text_along(tag, &english).unwrap().1.title.as_deref();
        assert_eq!(title("nl"), Some("Over"));
        assert_eq!(title("ko"), Some("About"));
    }

    #[test]
    fn bad_front_matter_is_located() {
        let (dir, files, data) = site(&[
            ("content/pages/a.md", "---\ntitle: [unclosed\n---\nbody\n"),
            ("content/pages/b.md", "---\ntitle: ok\n"),
            ("content/pages/c.md", "---\nslug: ../../etc\n---\n"),
            ("content/data/ex.yaml", "versions: {}\n"),
        ]);
        let tags = vec!["en".to_string()];
        let (_, problems) = load(dir.path(), &files, &config(), &tags, &data, false, None);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(problems[0].file, PathBuf::from("content/pages/a.md"));
        assert!(problems[0].line >= 2, "{:?}", problems[0]);
        assert!(problems[1].message.contains("never closed"));
        assert_eq!(problems[2].line, 2);
    }

    #[test]
    fn collection_keys_that_cannot_be_addresses_are_located_in_the_data() {
        let long = "k".repeat(MAX_SLUG_SEGMENT_BYTES + 1);
        let (dir, files, data) = site(&[(
            "content/data/ex.yaml",
            &format!(
                "versions:\n  fine: {{name: A}}\n  \"a/b\": {{name: B}}\n  {long}: {{name: C}}\n"
            ),
        )]);
        let tags = vec!["en".to_string()];
        let (pages, problems) = load(dir.path(), &files, &config(), &tags, &data, false, None);
        assert_eq!(problems.len(), 2, "{problems:?}");
        for (problem, line) in problems.iter().zip([3, 4]) {
            assert_eq!(problem.file, PathBuf::from("content/data/ex.yaml"));
            assert_eq!(problem.line, line, "{problem:?}");
            assert!(problem.message.contains("cannot be a page address"));
        }
        assert!(problems[0].message.contains("`a/b`"), "{:?}", problems[0]);
        assert!(problems[1].message.contains("fit in a file name"));
        assert!(problems[1].message.contains('…'), "a long key is cut short");
        assert!(pages.iter().any(|page| page.slug == "versions/fine"));
        assert_eq!(pages.len(), 2, "the home page and `fine`");
    }

    /// A marker character typed anywhere in a page file (text, code, a link's title, a
    /// heading, the front matter, or a YAML escape there) is refused where it was typed.
    #[test]
    fn reserved_marks_are_refused_where_typed() {
        let file = Path::new("content/pages/p.md");
        for (text, line, column) in [
            ("---\ntitle: T\n---\n\nSee \u{E000}0\u{E001}.\n", 5, 5),
            ("---\ntitle: T\n---\n\n`x\u{E000}0\u{E001}`\n", 5, 3),
            ("---\ntitle: T\n---\n\n[a](b.md \"t\u{E001}\")\n", 5, 12),
            ("---\ntitle: T\n---\n\n## H \u{E000}1\u{E001}\n", 5, 6),
            ("---\ntitle: \"T\u{E000}\"\n---\n\nx\n", 2, 10),
            ("---\ntitle: \"T\\ue000\"\n---\n\nx\n", 2, 8),
        ] {
            let problems = parse_page(text, file).expect_err(text);
            assert_eq!(
                (problems[0].line, problems[0].column),
                (line, column),
                "{text:?}: {problems:?}"
            );
            assert!(problems[0].message.contains("reserved"), "{problems:?}");
            assert!(problems[0].help.is_some());
        }
    }

    #[test]
    fn orphan_translations_are_errors() {
        let (dir, files, data) = site(&[
            ("content/pages/x.nl.md", "hallo\n"),
            ("content/data/ex.yaml", "versions: {}\n"),
        ]);
        let tags = vec!["en".to_string(), "nl".to_string()];
        let (_, problems) = load(dir.path(), &files, &config(), &tags, &data, false, None);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("no source page"));
    }

    #[test]
    fn addresses_that_need_a_folder_where_a_file_is_are_located() {
        let (dir, files, data) = site(&[
            (
                "content/pages/a.md",
                "---\ntitle: A\nslug: index.html\n---\nA\n",
            ),
            ("content/pages/b.md", "---\ntitle: B\n---\nB\n"),
            (
                "content/pages/c.md",
                "---\ntitle: C\nslug: b/index.html/x\n---\nC\n",
            ),
            (
                "content/pages/d.md",
                "---\ntitle: D\nslug: 404.html\n---\nD\n",
            ),
            (
                "content/pages/e.md",
                "---\ntitle: E\nslug: versions/v1\n---\nE\n",
            ),
            (
                "content/pages/f.md",
                "---\ntitle: F\nslug: b/index.htm\n---\nF\n",
            ),
            ("content/data/ex.yaml", "versions:\n  v1: {name: One}\n"),
        ]);
        let tags = vec!["en".to_string()];
        let (_, problems) = load(dir.path(), &files, &config(), &tags, &data, false, None);
        let found: Vec<(String, u32, u32)> = problems
            .iter()
            .map(|problem| (slash_path(&problem.file), problem.line, problem.column))
            .collect();
        // `f`'s folder `b/index.htm` is no file of another page: no error.
        assert_eq!(
            found,
            [
                ("content/pages/e.md".to_string(), 3, 7),
                ("content/pages/a.md".to_string(), 3, 7),
                ("content/pages/c.md".to_string(), 3, 7),
                ("content/pages/d.md".to_string(), 3, 7),
            ],
            "{problems:?}"
        );
        assert!(
            problems[0]
                .message
                .contains("two pages want the address `versions/v1/`")
        );
        assert!(
            problems[1]
                .message
                .contains("`en/index.html` is the file of the home page")
        );
        assert!(
            problems[2]
                .message
                .contains("`en/b/index.html` is the file of the page content/pages/b.md"),
            "{:?}",
            problems[2]
        );
        assert!(problems[3].message.contains("404 page"));
    }
}
