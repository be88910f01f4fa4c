//! Stage 2, load the theme, and the bridge templates use to reach the rest of the site:
//! Tera templates compiled once, with `t()` for messages, `url()` for links, and the
//! `date` and `number` filters, all answering in the locale of the page being rendered.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};
use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::{THEMES_DIR, slash_path};
use crate::load::locales::{Locale, Locales};
use crate::load::{template_bounds, template_deps, template_html};
use crate::util::intl::{Conjunction, DateStyle, FluentDate, FluentList, IsoDate};
use crate::util::markdown;

/// Context keys the engine sets for its own functions; templates need not touch them.
pub(crate) const LOCALE_KEY: &str = "__stele_locale";
pub(crate) const DIR_KEY: &str = "__stele_dir";

/// What one page render used, collected while its template runs (one page renders on one
/// thread, so a thread-local needs no locking).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Message ids the page showed from another locale because its locale lacks them,
    /// with the tag of the locale they came from.
    pub(crate) fallbacks: BTreeMap<String, String>,
    /// Values `JOSA()` could not read, with the message that showed them.
    pub(crate) undecided: BTreeSet<(String, String)>,
    /// Every message id (or `id.attribute`) the page formatted, for the health page.
    pub(crate) messages: BTreeSet<String>,
    /// Page slugs `url()` pointed at: their disappearing must render the page again.
    pub(crate) slugs: BTreeSet<String>,
}

thread_local! {
    static USAGE: RefCell<Usage> = RefCell::new(Usage::default());
}

/// Clears the usage record before a page renders.
pub(crate) fn start_usage() {
    template_bounds::start_page();
    crate::util::particles::take_undecided();
    USAGE.with(|usage| *usage.borrow_mut() = Usage::default());
}

/// Takes the usage record after a page rendered.
pub(crate) fn take_usage() -> Usage {
    USAGE.with(|usage| std::mem::take(&mut *usage.borrow_mut()))
}

/// Where links point: page addresses known to the site and how they are written.
#[derive(Debug, Clone)]
pub(crate) struct Links {
    pub(crate) slugs: HashSet<String>,
    pub(crate) locale_tags: Vec<String>,
    pub(crate) pretty_urls: bool,
    /// Path part of `base_url` ("/guide/"), for pages that must link from anywhere (404).
    pub(crate) base_path: String,
    pub(crate) collection_paths: Vec<(String, String)>,
    /// Markdown pages by source path below `content/pages/` without `.md` (`guide/setup`),
    /// to their slug: Markdown links name pages by their source file.
    pub(crate) sources: HashMap<String, String>,
}

/// The site-relative folder of a page in a locale: `nl/roadmap/`. Every address of a page
/// (its file, its links, its absolute URL) is built from this.
pub(crate) fn page_dir(tag: &str, slug: &str) -> String {
    if slug.is_empty() {
        format!("{tag}/")
    } else {
        format!("{tag}/{slug}/")
    }
}

/// Where a page's output goes in the built site, `/`-separated: `nl/roadmap/index.html`.
pub(crate) fn output_path(tag: &str, slug: &str) -> String {
    format!("{}index.html", page_dir(tag, slug))
}

impl Links {
    /// The links of a site with `config`, pages `slugs` and locales `locale_tags`.
    pub(crate) fn new(
        config: &crate::load::config::Config,
        slugs: HashSet<String>,
        locale_tags: Vec<String>,
    ) -> Links {
        Links {
            slugs,
            locale_tags,
            pretty_urls: config.pretty_urls,
            base_path: base_path(&config.base_url),
            collection_paths: config
                .collections
                .iter()
                .map(|c| (c.name.clone(), c.path.clone()))
                .collect(),
            sources: HashMap::new(),
        }
    }

    /// With the Markdown pages' `sources` (see [`Links::sources`]).
    pub(crate) fn with_sources(mut self, sources: HashMap<String, String>) -> Links {
        self.sources = sources;
        self
    }

    /// Site-relative path of a page in a locale as links name it: `nl/roadmap/index.html`,
    /// or `nl/roadmap/` with pretty URLs.
    pub(crate) fn page_path(&self, tag: &str, slug: &str) -> String {
        let folder = page_dir(tag, slug);
        if self.pretty_urls {
            folder
        } else {
            format!("{folder}index.html")
        }
    }

    /// `target` (site-relative) as seen from the folder `from_dir` (site-relative, ending in
    /// `/` or empty for the root); an empty `from_dir` with `absolute` uses the base path.
    pub(crate) fn relative(&self, from_dir: &str, target: &str, absolute: bool) -> String {
        if absolute {
            return format!("{}{target}", self.base_path);
        }
        let from: Vec<&str> = from_dir
            .split('/')
            .filter(|part| !part.is_empty())
            .collect();
        let to: Vec<&str> = target.split('/').collect();
        // Shared leading folders need no climbing: en/a/ → en/b/ is ../b/, not ../../en/b/.
        let (to_dirs, to_file) = to.split_at(to.len().saturating_sub(1));
        let shared = from
            .iter()
            .zip(to_dirs.iter())
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(from.len() - shared);
        for part in &to_dirs[shared..] {
            out.push_str(part);
            out.push('/');
        }
        out.push_str(to_file.first().copied().unwrap_or(""));
        if out.is_empty() {
            out.push_str("./");
        }
        out
    }
}

/// The compiled theme.
pub(crate) struct Theme {
    pub(crate) tera: Tera,
    pub(crate) dir: PathBuf,
    /// Fingerprint of every template's name and text.
    pub(crate) digest: crate::util::digest::Digest,
    /// What each template, with everything it extends, includes and imports, can read.
    pub(crate) reads: HashMap<String, Reads>,
    /// Templates of the site's own `templates/` folder, which replace the theme's.
    pub(crate) overridden: BTreeSet<String>,
    /// Front matter keys some template reads as `page.extra.KEY` or `extra["KEY"]`.
    pub(crate) extra_keys: BTreeSet<String>,
    /// Where compiling added the bounding filters to each template ([`template_bounds`]).
    shifts: HashMap<String, Vec<template_bounds::Shift>>,
    /// Line and column of each template's first `for` tag, where a page that grew too
    /// large is reported: Tera cannot say which node was writing when the limit was hit.
    first_loops: HashMap<String, (u32, u32)>,
}

/// What rendering one template can read of the context, for incremental builds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reads {
    /// Reads of `data` and `site`, from the template and every template it pulls in.
    pub(crate) accesses: Vec<template_deps::Access>,
    /// Names bound anywhere in those templates; a `[subscript]` rooted at one of them is
    /// not evaluated.
    pub(crate) bound: BTreeSet<String>,
    /// The templates read the context in a way the scan cannot follow: everything counts.
    pub(crate) everything: bool,
    /// Fingerprint of the template and every template it pulls in (of the whole theme when
    /// the scan cannot tell which those are): a page renders again when this changes.
    pub(crate) templates: crate::util::digest::Digest,
}

impl Reads {
    /// Whether the templates can read `site.pages` or `site.collections`.
    pub(crate) fn listing(&self) -> bool {
        self.everything
            || self.accesses.iter().any(|access| {
                access.root == "site"
                    && !matches!(access.path.first(), Some(template_deps::Segment::Key(key)) if key != "pages" && key != "collections")
            })
    }
}

/// The roots whose reads are tracked: everything else a page reads is its own
/// (`page`, `alternates`, `locale`) or the site's configuration.
const TRACKED_ROOTS: [&str; 2] = ["data", "site"];

fn template_reads(
    sources: &[(String, String)],
    theme: crate::util::digest::Digest,
) -> HashMap<String, Reads> {
    let scanned: HashMap<&str, template_deps::TemplateRefs> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), template_deps::scan(text, &TRACKED_ROOTS)))
        .collect();
    let texts: HashMap<&str, &str> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let mut reads = HashMap::new();
    for (name, _) in sources {
        let mut combined = Reads::default();
        let mut seen = BTreeSet::new();
        let mut queue = vec![name.as_str()];
        while let Some(next) = queue.pop() {
            if !seen.insert(next) {
                continue;
            }
            let Some(refs) = scanned.get(next) else {
                // A name the theme lacks fails the render; nothing to read from it.
                continue;
            };
            combined.accesses.extend(refs.accesses.iter().cloned());
            combined.bound.extend(refs.bound.iter().cloned());
            combined.everything |= refs.dynamic;
            queue.extend(refs.uses.iter().map(String::as_str));
        }
        combined.templates = if combined.everything {
            theme
        } else {
            let mut print = crate::util::digest::Fingerprint::new();
            // `seen` is sorted: the same templates give the same fingerprint.
            for used in &seen {
                print
                    .add(used)
                    .add(texts.get(used).copied().unwrap_or("\0missing"));
            }
            print.finish()
        };
        reads.insert(name.clone(), combined);
    }
    reads
}

impl Theme {
    /// Compiles every template, reporting each syntax error with its position, and registers
    /// Stele's functions.
    pub(crate) fn load(
        root: &Path,
        theme: &str,
        files: &[PathBuf],
        locales: Arc<Locales>,
        links: Arc<Links>,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let dir = PathBuf::from(THEMES_DIR).join(theme).join("templates");
        let mut problems = Vec::new();
        let mut sources: Vec<(String, String)> = Vec::new();
        let mut overridden = BTreeSet::new();
        for file in files {
            match crate::load::discover::read_source(root, file) {
                Ok(text) => {
                    let own = file
                        .strip_prefix(crate::load::discover::SITE_TEMPLATES_DIR)
                        .ok();
                    let name =
                        slash_path(own.unwrap_or_else(|| file.strip_prefix(&dir).unwrap_or(file)));
                    if own.is_some() {
                        overridden.insert(name.clone());
                        sources.retain(|(known, _)| *known != name);
                    }
                    sources.push((name, text));
                }
                Err(problem) => problems.push(problem),
            }
        }
        Theme::compile(sources, dir, overridden, locales, links, problems)
    }

    /// Compiles the templates of `sources` (name, text) found in `dir`, `overridden` naming
    /// those the site's own `templates/` replaced; `problems` are those met reading them.
    pub(crate) fn compile(
        sources: Vec<(String, String)>,
        dir: PathBuf,
        overridden: BTreeSet<String>,
        locales: Arc<Locales>,
        links: Arc<Links>,
        mut problems: Vec<Diagnostic>,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        // Every template is HTML-escaped, whatever its name: a value reaches the page
        // unescaped only where a template marks it `| safe` or Stele made it (`t()`, `json`).
        tera.autoescape_on([""]);
        register(&mut tera, locales, links);
        // Compiling each template alone finds every syntax error, not just the first; a
        // missing parent, or an include of another template of the theme, is expected here
        // and checked when all are added together.
        let others: Vec<String> = sources
            .iter()
            .map(|(name, _)| format!("Unknown template `{name}`"))
            .collect();
        for (name, text) in &sources {
            problems.extend(growing_sets(text, &dir.join(name)));
            problems.extend(template_html::unquoted_placements(text, &dir.join(name)));
            let mut alone = Tera::new();
            alone.autoescape_on([""]);
            alone.register_from(&tera);
            if let Err(error) = alone.add_raw_template(name, text) {
                match loop_problem(&error, &sources, &dir) {
                    Some(problem) => problems.push(problem),
                    None => problems.extend(
                        template_problems(&error, &dir)
                            .into_iter()
                            .filter(|problem| !others.contains(&problem.message)),
                    ),
                }
            }
        }
        let mut shifts = HashMap::new();
        let bounded: Vec<(&String, String)> = sources
            .iter()
            .map(|(name, text)| {
                let (text, added) = template_bounds::bounded(text);
                shifts.insert(name.clone(), added);
                (name, text)
            })
            .collect();
        if problems.is_empty()
            && let Err(error) = tera.add_raw_templates(bounded.iter().map(|(n, t)| (*n, t)))
        {
            let located = loop_problem(&error, &sources, &dir)
                .or_else(|| missing_parent(&error, &sources, &dir));
            let mut found: Vec<Diagnostic> = match located {
                Some(problem) => vec![problem],
                None => template_problems(&error, &dir)
                    .into_iter()
                    .map(|problem| unshift(problem, &dir, &shifts))
                    .collect(),
            };
            if found.is_empty() {
                found.push(
                    Diagnostic::error(Code::TemplateError, &dir, error.to_string())
                        .help("check `extends` and `include` names against the template files"),
                );
            }
            problems.extend(found);
        }
        if problems.is_empty() {
            let mut print = crate::util::digest::Fingerprint::new();
            for (name, text) in &sources {
                print.add(name).add(text);
            }
            let digest = print.finish();
            Ok(Theme {
                tera,
                dir,
                digest,
                reads: template_reads(&sources, digest),
                overridden,
                extra_keys: extra_keys(&sources),
                shifts,
                first_loops: sources
                    .iter()
                    .filter_map(|(name, text)| Some((name.clone(), first_loop(text)?)))
                    .collect(),
            })
        } else {
            Err(relocate_all(problems, &dir, &overridden))
        }
    }

    /// Points a diagnostic about an overridden template at the site's own file.
    pub(crate) fn relocate(&self, problem: Diagnostic) -> Diagnostic {
        relocate(problem, &self.dir, &self.overridden)
    }

    /// A located diagnostic for an error of rendering with this theme, at the author's
    /// own line and column; `None` as for [`template_diagnostic`].
    pub(crate) fn diagnostic(&self, error: &Error) -> Option<Diagnostic> {
        let mut problem = unshift(
            template_diagnostic(error, &self.dir)?,
            &self.dir,
            &self.shifts,
        );
        if problem
            .message
            .contains(template_bounds::LOOP_LIMIT_MESSAGE)
        {
            let most = template_bounds::limits().loop_steps.to_string();
            // Digits in groups of three, as people write large counts.
            let mut grouped = String::new();
            for (index, digit) in most.chars().enumerate() {
                if index > 0 && (most.len() - index).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(digit);
            }
            problem = problem.help(format!(
                "a page's templates may make at most {grouped} steps together (each pass of \
                 a loop counts the tags of its body, each included template, block or \
                 component its own tags); loop over fewer items, nest fewer loops or do less \
                 in each pass"
            ));
        } else if problem
            .message
            .contains(template_bounds::VALUE_LIMIT_MESSAGE)
        {
            problem =
                problem.help("build long text in the page with `{{ }}` instead of in a variable");
        } else if problem
            .message
            .contains(template_bounds::FILTER_LIMIT_MESSAGE)
        {
            problem = problem.help(
                "a filter's output is bounded as a value is; give it a shorter text or fewer items",
            );
        }
        Some(problem)
    }

    /// Where to report that a page of `template` grew too large: its first loop, else its
    /// first line.
    pub(crate) fn overflow_place(&self, template: &str) -> (u32, u32) {
        self.first_loops.get(template).copied().unwrap_or((1, 1))
    }

    /// Whether the theme has a template of that name.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }
}

/// Line and column (1-based) of the first `{% for %}` tag of a template.
fn first_loop(text: &str) -> Option<(u32, u32)> {
    let mut from = 0;
    while let Some(open) = text[from..].find("{%").map(|at| from + at) {
        let inner = text[open + 2..].trim_start_matches(|c: char| c == '-' || c.is_whitespace());
        if inner.starts_with("for") && inner[3..].starts_with(char::is_whitespace) {
            return Some(crate::diagnostics::line_column(text, open));
        }
        from = open + 2;
    }
    None
}

/// A writer that takes at most the page size of the [`template_bounds::limits`] in force
/// when it was made, and fails past it.
pub(crate) struct PageBuffer {
    pub(crate) bytes: Vec<u8>,
    pub(crate) overflowed: bool,
    /// The most bytes the page may take.
    limit: usize,
}

impl PageBuffer {
    /// An empty page with room for `bytes`, bounded by the page size of the limits in force
    /// on this thread now.
    pub(crate) fn with_capacity(bytes: usize) -> PageBuffer {
        PageBuffer {
            bytes: Vec::with_capacity(bytes),
            overflowed: false,
            limit: template_bounds::limits().page_bytes,
        }
    }
}

impl Default for PageBuffer {
    fn default() -> PageBuffer {
        PageBuffer::with_capacity(0)
    }
}

impl std::io::Write for PageBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    // Tera escapes text one byte per write: each is one bound check and one push, not a
    // loop around `write` and a look at the thread's limits.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.bytes.len() + buf.len() > self.limit {
            self.overflowed = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `{% set %}` tags inside a loop whose value takes in values the loop itself sets more
/// than once, by joining strings or lists (`~`, `join`, `replace`, `[…]`): each pass can
/// double the value, and forty passes need terabytes. Found before any page renders, with
/// their place.
pub(crate) fn growing_sets(text: &str, file: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Tags in order: (offset, inner text).
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{%").map(|at| from + at) {
        // `{%}` is an opening whose `%` is no part of a close.
        let Some(close) = text[open + 2..].find("%}").map(|at| open + 2 + at) else {
            break;
        };
        let inner = text[open + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
        tags.push((open, inner));
        from = close + 2;
    }
    // For each tag inside loops: the index of the outermost loop's first and last tag.
    let mut loops: Vec<usize> = Vec::new();
    let mut bodies: Vec<(usize, usize)> = Vec::new();
    for (index, (_, inner)) in tags.iter().enumerate() {
        let word = inner.split_whitespace().next().unwrap_or("");
        if word == "for" {
            loops.push(index);
        } else if word == "endfor"
            && let Some(start) = loops.pop()
        {
            bodies.push((start, index));
        }
    }
    let set_target = |inner: &str| -> Option<(String, String)> {
        let rest = inner
            .strip_prefix("set_global")
            .or_else(|| inner.strip_prefix("set"))?;
        let (name, value) = rest.split_once('=')?;
        let name = name.trim();
        (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .then(|| (name.to_string(), value.to_string()))
    };
    let mut reported = std::collections::BTreeSet::new();
    for &(start, end) in &bodies {
        let words = |value: &str| -> Vec<String> {
            value
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|word| !word.is_empty())
                .map(str::to_string)
                .collect()
        };
        // Each variable the loop sets, with the words of every value it is set to.
        let mut sets: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (_, inner) in &tags[start..=end] {
            if let Some((name, value)) = set_target(inner) {
                sets.entry(name).or_default().extend(words(&value));
            }
        }
        for &(offset, inner) in &tags[start..=end] {
            let Some((name, value)) = set_target(inner) else {
                continue;
            };
            let grows = value.contains('~')
                || value.contains("join")
                || value.contains("replace")
                || value.contains('[');
            // What carries the value back into itself: the variable, and those the loop
            // sets from it.
            let feeding: std::collections::BTreeSet<&str> = sets
                .iter()
                .filter(|(other, read)| *other == &name || read.contains(&name))
                .map(|(other, _)| other.as_str())
                .collect();
            let uses = words(&value)
                .iter()
                .filter(|word| feeding.contains(word.as_str()))
                .count();
            if grows && uses >= 2 && reported.insert(offset) {
                let (line, column) = crate::diagnostics::line_column(text, offset);
                problems.push(
                    Diagnostic::error(
                        Code::TemplateError,
                        file,
                        format!(
                            "`{name}` takes in values this loop sets {uses} times: each pass can double it"
                        ),
                    )
                    .at(line, column)
                    .help("build the text in the page with `{{ }}` inside the loop, or join a list once after it"),
                );
            }
        }
    }
    problems
}

/// `problem` at the column of the author's text, when it points into a template that
/// compiling added text to.
fn unshift(
    mut problem: Diagnostic,
    dir: &Path,
    shifts: &HashMap<String, Vec<template_bounds::Shift>>,
) -> Diagnostic {
    if let Some(added) = problem
        .file
        .strip_prefix(dir)
        .ok()
        .and_then(|name| shifts.get(&slash_path(name)))
    {
        problem.column = template_bounds::original_column(added, problem.line, problem.column);
    }
    problem
}

/// Templates that pull each other in without end, as Tera found them: one error at the tag
/// that starts the loop, naming every step of it with its place.
fn loop_problem(error: &Error, sources: &[(String, String)], dir: &Path) -> Option<Diagnostic> {
    let (keyword, chain) = match error.kind() {
        tera::ErrorKind::CircularInclude { include_chain, .. } => {
            ("include", include_chain.clone())
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let mut chain = vec![tpl.clone()];
            chain.extend(inheritance_chain.iter().cloned());
            ("extends", chain)
        }
        _ => return None,
    };
    // The chain may start at a template that only leads into the loop.
    let last = chain.last()?;
    let start = chain.iter().position(|name| name == last)?;
    let cycle = &chain[start..];
    let steps: Vec<(String, Option<(u32, u32)>)> = cycle
        .windows(2)
        .map(|pair| {
            let place = sources
                .iter()
                .find(|(name, _)| *name == pair[0])
                .and_then(|(_, text)| {
                    tag_naming(text, keyword, &pair[1])
                        .map(|offset| crate::diagnostics::line_column(text, offset))
                });
            (pair[0].clone(), place)
        })
        .collect();
    let verb = if keyword == "include" {
        "includes"
    } else {
        "extends"
    };
    let described: Vec<String> = steps
        .iter()
        .zip(cycle.iter().skip(1))
        .map(|((from, place), to)| match place {
            Some((line, column)) => format!("{from}:{line}:{column} {verb} {to}"),
            None => format!("{from} {verb} {to}"),
        })
        .collect();
    let (first, place) = steps.first()?;
    let mut problem = Diagnostic::error(
        Code::TemplateError,
        dir.join(first),
        format!(
            "`{keyword}` loop: {} ({})",
            cycle.join(" → "),
            described.join("; ")
        ),
    )
    .help(if keyword == "include" {
        "a template may not include one that leads back to it; move what they share into a third template"
    } else {
        "a template may not extend one that leads back to it; one of them must be the base"
    });
    if let Some((line, column)) = place {
        problem = problem.at(*line, *column);
    }
    Some(problem)
}

/// A template extending one the theme does not have, at its `extends` tag.
fn missing_parent(error: &Error, sources: &[(String, String)], dir: &Path) -> Option<Diagnostic> {
    let tera::ErrorKind::MissingParent { current, parent } = error.kind() else {
        return None;
    };
    let (_, text) = sources.iter().find(|(name, _)| name == current)?;
    let offset = tag_naming(text, "extends", parent)?;
    let (line, column) = crate::diagnostics::line_column(text, offset);
    Some(
        Diagnostic::error(
            Code::TemplateError,
            dir.join(current),
            format!("`{current}` extends `{parent}`, which the theme does not have"),
        )
        .at(line, column)
        .help(format!(
            "create {}, or extend a template the theme has",
            dir.join(parent).display()
        )),
    )
}

/// Where the first `{% keyword … %}` tag naming `target` in quotes starts in `text`.
fn tag_naming(text: &str, keyword: &str, target: &str) -> Option<usize> {
    let quoted = ['"', '\'', '`'].map(|quote| format!("{quote}{target}{quote}"));
    let mut from = 0;
    while let Some(open) = text[from..].find("{%").map(|at| from + at) {
        let close = text[open + 2..]
            .find("%}")
            .map_or(text.len(), |at| open + 2 + at);
        let inner = text[open + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if inner.split_whitespace().next() == Some(keyword)
            && quoted.iter().any(|name| inner.contains(name.as_str()))
        {
            return Some(open);
        }
        from = close;
    }
    None
}

/// Every problem in a Tera error. Checks of names (unknown filters, functions, tests,
/// includes) arrive as one message of ready-made reports; each becomes its own located
/// diagnostic instead of a report nested in a report.
/// The keys templates read from `extra` (`page.extra.fact`, `extra["fact"]`), found in
/// their text: enough to tell a front matter key some template uses from a typo.
fn extra_keys(sources: &[(String, String)]) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (_, text) in sources {
        for (at, _) in text.match_indices("extra") {
            let rest = &text[at + "extra".len()..];
            let key: String = if let Some(after) = rest.strip_prefix('.') {
                after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                    .collect()
            } else if let Some(after) = rest.strip_prefix("[\"").or_else(|| rest.strip_prefix("['"))
            {
                after
                    .chars()
                    .take_while(|c| *c != '"' && *c != '\'')
                    .collect()
            } else {
                continue;
            };
            if !key.is_empty() {
                keys.insert(key);
            }
        }
    }
    keys
}

fn relocate_all(
    problems: Vec<Diagnostic>,
    dir: &Path,
    overridden: &BTreeSet<String>,
) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|problem| relocate(problem, dir, overridden))
        .collect()
}

fn relocate(mut problem: Diagnostic, dir: &Path, overridden: &BTreeSet<String>) -> Diagnostic {
    if let Ok(name) = problem.file.strip_prefix(dir)
        && overridden.contains(&slash_path(name))
    {
        problem.file = PathBuf::from(crate::load::discover::SITE_TEMPLATES_DIR).join(name);
    }
    problem
}

pub(crate) fn template_problems(error: &Error, dir: &Path) -> Vec<Diagnostic> {
    if let tera::ErrorKind::Msg(text) = error.kind() {
        let found = parse_reports(text, dir);
        if !found.is_empty() {
            return found;
        }
    }
    template_diagnostic(error, dir).into_iter().collect()
}

/// Reads Tera's `error: MESSAGE` / `--> FILE:LINE:COLUMN` report pairs.
fn parse_reports(text: &str, dir: &Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("error: ") {
            message = Some(rest);
        } else if let Some(place) = line.strip_prefix("--> ") {
            let mut parts = place.rsplitn(3, ':');
            let (Some(column), Some(line_number), Some(name)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let (Ok(column), Ok(line_number)) = (column.parse::<u32>(), line_number.parse::<u32>())
            else {
                continue;
            };
            let text = message.take().unwrap_or("this template has a problem");
            let help = if text.starts_with("Unknown filter") {
                "Stele adds the filters `date`, `number` and `json` to Tera's own; check the spelling"
            } else if text.starts_with("Unknown function") {
                "Stele adds the functions `t` and `url` to Tera's own; check the spelling"
            } else {
                "check the names used here against docs/authoring.md"
            };
            found.push(
                Diagnostic::error(Code::TemplateError, dir.join(name), text.to_string())
                    .at(line_number, column)
                    .help(help),
            );
        }
    }
    found
}

/// Turns a Tera error into a located diagnostic; `None` for an error that only says a
/// parent template is missing (expected while compiling templates one by one).
pub(crate) fn template_diagnostic(error: &Error, dir: &Path) -> Option<Diagnostic> {
    use tera::ErrorKind;
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = if report.filename().is_empty() {
                dir.to_path_buf()
            } else {
                dir.join(report.filename())
            };
            let mut message = report.message().to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            let syntax = matches!(error.kind(), ErrorKind::SyntaxError(_));
            if !syntax && is_missing_data(&message) {
                return Some(
                    Diagnostic::error(Code::DataError, file, message)
                        .at(span.start_line as u32, span.start_col as u32 + 1)
                        .help(
                            "the data path or message argument used here does not exist; check the \
                             name against content/data/ (data.<file>.<key>) and the message's $variables",
                        ),
                );
            }
            let help = if syntax {
                "fix the template syntax here; Tera 2 calls functions with keyword arguments, like t(id=\"x\")"
            } else {
                "check the names used here against docs/authoring.md (data paths, message ids, page slugs)"
            };
            Some(
                Diagnostic::error(Code::TemplateError, file, message)
                    .at(span.start_line as u32, span.start_col as u32 + 1)
                    .help(help),
            )
        }
        ErrorKind::MissingParent { .. } => None,
        ErrorKind::TemplateNotFound(name) => Some(
            Diagnostic::error(
                Code::TemplateError,
                dir.to_path_buf(),
                format!("template `{name}` does not exist"),
            )
            .help(format!("create {}/{name}", dir.display())),
        ),
        _ => Some(
            Diagnostic::error(Code::TemplateError, dir.to_path_buf(), error.to_string())
                .help("check the template files of the theme"),
        ),
    }
}

/// Whether a render error says a data value or message argument is absent, rather than
/// the template being wrong: Tera's undefined-variable errors and Fluent's unknown-variable
/// errors (a message needs an argument the template did not pass).
fn is_missing_data(message: &str) -> bool {
    const MARKERS: &[&str] = &[
        "is not defined",
        "value is undefined",
        "Cannot index into an undefined value",
        "Tried to render a variable that is undefined",
        "Unknown variable",
        "the value is empty",
    ];
    MARKERS.iter().any(|marker| message.contains(marker))
}

fn register(tera: &mut Tera, locales: Arc<Locales>, links: Arc<Links>) {
    template_bounds::register(tera);
    let for_t = locales.clone();
    tera.register_function("t", move |kwargs: Kwargs, state: &State| {
        translate(&for_t, kwargs, state)
    });
    let for_url = links.clone();
    tera.register_function("url", move |kwargs: Kwargs, state: &State| {
        url(&for_url, kwargs, state)
    });
    let for_date = locales.clone();
    tera.register_filter(
        "date",
        move |value: &Value, kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let locale = page_locale(&for_date, state)?;
            let text = value
                .as_str()
                .ok_or_else(|| Error::message("`date` needs a text value like \"2023-04\""))?;
            let date = IsoDate::parse(text).ok_or_else(|| {
                Error::message(format!(
                    "`{text}` is not a date; write YYYY-MM or YYYY-MM-DD"
                ))
            })?;
            let style =
                DateStyle::from_options(|name| kwargs.get::<String>(name).ok().flatten(), &date);
            Ok(locale.formats.date(&date, style))
        },
    );
    let for_number = locales;
    tera.register_filter(
        "number",
        move |value: &Value, _kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let locale = page_locale(&for_number, state)?;
            let number = value
                .as_f64()
                .ok_or_else(|| Error::message("`number` needs a numeric value"))?;
            Ok(locale.formats.number(number, None, true))
        },
    );
    tera.register_filter("json", json_filter);
}

/// `value | json`: the value as JSON that is safe inside a `<script>` element (JSON-LD) or
/// an HTML attribute: `<`, `>`, `&` and quotes-in-attributes cannot close anything.
fn json_filter(value: &Value, _kwargs: Kwargs, _state: &State) -> TeraResult<Value> {
    let json = serde_json::to_string(value)
        .map_err(|error| Error::message(format!("cannot write this value as JSON: {error}")))?;
    Ok(Value::safe_string(&script_safe_json(&json)))
}

/// Escapes the characters that could end a script element or an attribute; JSON reads
/// `\u003c` as `<`, so the data is unchanged.
pub(crate) fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\'' => out.push_str("\\u0027"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

fn page_locale<'a>(locales: &'a Locales, state: &State) -> TeraResult<&'a Locale> {
    // Read as the value it is (a shared string), not copied into a `String` at every call.
    let value = state
        .get::<Value>(LOCALE_KEY)?
        .ok_or_else(|| Error::message("this template is not rendering a page"))?;
    let tag = value.as_str().unwrap_or_default();
    locales
        .get(tag)
        .ok_or_else(|| Error::message(format!("unknown locale `{tag}`")))
}

/// The suffix of a `t()` argument that gives how another argument is read aloud.
pub(crate) const READING_SUFFIX: &str = "_reading";

/// `t(id="message-id", name=value, ...)`.
fn translate(locales: &Locales, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let page_locale = page_locale(locales, state)?;
    let id: String = kwargs.must_get::<String>("id")?;
    // A message the page's locale lacks reads in the source language, arguments included.
    let locale = locales.voice(page_locale, &id);
    let mut args = FluentArgs::new();
    // HTML that is already safe (the output of another t()) cannot pass through Markdown
    // rendering, which escapes HTML; it travels as a placeholder and is put back after.
    let mut embedded: Vec<(String, String)> = Vec::new();
    // `name_reading=...` beside `name=...` is how the value is read aloud, for `JOSA()`
    // ("Exchange 2016" read "익스체인지 이천십육"); it travels with the value, not as a variable.
    let names: HashSet<String> = kwargs.iter().map(|(key, _)| key.to_string()).collect();
    let mut readings: HashMap<String, String> = HashMap::new();
    for (key, value) in kwargs.iter() {
        let key = key.to_string();
        if let Some(base) = key.strip_suffix(READING_SUFFIX)
            && names.contains(base)
            && let Some(reading) = value.as_str()
            && !reading.trim().is_empty()
        {
            readings.insert(base.to_string(), reading.to_string());
        }
    }
    for (key, value) in kwargs.iter() {
        let name = key.to_string();
        if name == "id"
            || name
                .strip_suffix(READING_SUFFIX)
                .is_some_and(|base| names.contains(base))
        {
            continue;
        }
        if value.is_safe()
            && let Some(html) = value.as_str()
        {
            let token = format!("\u{E000}{}\u{E001}", embedded.len());
            // `JOSA()` reads the text of the HTML, not the placeholder.
            args.set(
                name,
                FluentValue::Custom(Box::new(crate::util::particles::Embedded {
                    shown: token.clone(),
                    read: crate::util::particles::html_text(html),
                })),
            );
            embedded.push((token, html.to_string()));
            continue;
        }
        let mut fluent = to_fluent(value, locale, &mut embedded).map_err(|problem| {
            Error::message(format!("argument `{name}` of message `{id}`: {problem}"))
        })?;
        if let (Some(reading), FluentValue::String(text)) = (readings.get(&name), &fluent) {
            fluent = FluentValue::Custom(Box::new(crate::util::particles::Embedded {
                shown: text.to_string(),
                read: reading.clone(),
            }));
        }
        args.set(name, fluent);
    }
    let formatted = locales
        .format(page_locale, &id, Some(&args))
        .map_err(|problem| {
            Error::message(format!(
                "message `{id}` in `{}`: {problem}",
                page_locale.tag
            ))
        })?;
    let undecided = crate::util::particles::take_undecided();
    USAGE.with(|usage| {
        let mut usage = usage.borrow_mut();
        usage.messages.insert(id.clone());
        if formatted.fell_back {
            usage.fallbacks.insert(id.clone(), formatted.from.clone());
        }
        for value in undecided {
            usage.undecided.insert((id.clone(), value));
        }
    });
    let mut html = markdown::render_inline(&formatted.text);
    for (token, fragment) in &embedded {
        html = html.replace(token, fragment);
    }
    if formatted.fell_back {
        html = crate::util::langmark::mark(&html, &formatted.from);
    }
    Ok(Value::safe_string(&html))
}

/// A template value as a message argument: dates and numbers keep their type so the
/// locale formats them; text is escaped so it shows exactly as written in data.
fn to_fluent(
    value: &Value,
    locale: &Locale,
    embedded: &mut Vec<(String, String)>,
) -> Result<FluentValue<'static>, String> {
    if let Some(text) = value.as_str() {
        return Ok(match IsoDate::parse(text) {
            Some(date) => FluentValue::Custom(Box::new(FluentDate {
                date,
                style: DateStyle::natural(&date),
                formats: locale.formats.clone(),
            })),
            None => FluentValue::String(markdown::escape_markdown(text).into()),
        });
    }
    if let Some(number) = value.as_i64() {
        return Ok(FluentValue::Number(FluentNumber::from(number)));
    }
    if let Some(number) = value.as_f64() {
        return Ok(FluentValue::Number(FluentNumber::from(number)));
    }
    if let Some(flag) = value.as_bool() {
        return Ok(FluentValue::String(flag.to_string().into()));
    }
    if let Some(items) = value.as_array() {
        let items: Vec<String> = items
            .iter()
            .map(|item| {
                // Safe items (the output of t()) travel as placeholders, as safe arguments do.
                if item.is_safe()
                    && let Some(html) = item.as_str()
                {
                    let token = format!("\u{E000}{}\u{E001}", embedded.len());
                    embedded.push((token.clone(), html.to_string()));
                    return Ok(token);
                }
                list_item(item, locale).map(|text| markdown::escape_markdown(&text))
            })
            .collect::<Result<_, _>>()?;
        return Ok(FluentValue::Custom(Box::new(FluentList {
            items,
            conjunction: Conjunction::And,
            formats: locale.formats.clone(),
        })));
    }
    if value.is_none() || value.is_undefined() {
        return Err("the value is empty".to_string());
    }
    Err(format!(
        "a {} cannot go into a message; pass one of its fields",
        value.name()
    ))
}

fn list_item(item: &Value, locale: &Locale) -> Result<String, String> {
    if let Some(text) = item.as_str() {
        return Ok(match IsoDate::parse(text) {
            Some(date) => locale.formats.date(&date, DateStyle::natural(&date)),
            None => text.to_string(),
        });
    }
    if let Some(number) = item.as_f64() {
        return Ok(locale.formats.number(number, None, true));
    }
    Err("a list passed to a message may hold only text, dates and numbers".to_string())
}

/// `url(page=...)`, `url(collection=..., key=...)`, `url(path=...)`, each with an optional
/// `locale=...`: a link relative to the page being rendered.
fn url(links: &Links, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let current: String = state.get::<String>(LOCALE_KEY)?.unwrap_or_default();
    let from_dir: String = state.get::<String>(DIR_KEY)?.unwrap_or_default();
    let absolute = from_dir.is_empty() && state.get::<bool>("__stele_absolute")?.unwrap_or(false);
    let tag = kwargs
        .get::<String>("locale")?
        .unwrap_or_else(|| current.clone());
    if !links.locale_tags.contains(&tag) {
        return Err(Error::message(format!("there is no locale `{tag}`")));
    }
    let target = if let Some(path) = kwargs.get::<String>("path")? {
        let clean = path.trim_start_matches('/');
        if clean.split('/').any(|part| part == "..") {
            return Err(Error::message(format!(
                "url(path=\"{path}\") leaves the site"
            )));
        }
        clean.to_string()
    } else {
        let slug = if let Some(collection) = kwargs.get::<String>("collection")? {
            let key: String = kwargs.must_get::<String>("key")?;
            let Some((_, path)) = links
                .collection_paths
                .iter()
                .find(|(name, _)| *name == collection)
            else {
                return Err(Error::message(format!(
                    "there is no collection `{collection}` in content/site.yaml"
                )));
            };
            format!("{path}/{}", key.replace('_', "-").to_lowercase())
        } else {
            let page: String = kwargs.must_get::<String>("page")?;
            page.trim_matches('/').to_string()
        };
        if !links.slugs.contains(&slug) {
            return Err(Error::message(format!(
                "there is no page `{slug}`; known pages are listed by `site.pages`"
            )));
        }
        USAGE.with(|usage| usage.borrow_mut().slugs.insert(slug.clone()));
        links.page_path(&tag, &slug)
    };
    Ok(Value::from(links.relative(&from_dir, &target, absolute)))
}

/// `https://example.org/guide/` → `/guide/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(index) => after_scheme[index..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_page_takes_the_bytes_of_the_limits_in_force_and_no_more() {
        use std::io::Write;
        let small = super::template_bounds::RenderLimits {
            page_bytes: 5,
            ..super::template_bounds::RenderLimits::BUILD
        };
        super::template_bounds::with_limits(small, || {
            let mut page = super::PageBuffer::default();
            page.write_all(b"abc").expect("fits");
            assert!(page.write_all(b"def").is_err());
            assert!(page.overflowed);
            assert_eq!(page.bytes, b"abc");
        });
        let mut page = super::PageBuffer::default();
        page.write_all(b"abcdef").expect("fits a build's page");
        // A buffer made with room for some bytes still keeps the bound, and grows past its
        // first size below it.
        super::template_bounds::with_limits(small, || {
            let mut page = super::PageBuffer::with_capacity(2);
            page.write_all(b"ab").expect("fits");
            page.write_all(b"c").expect("grows past its first size");
            assert!(page.write_all(b"def").is_err());
            assert_eq!(page.bytes, b"abc");
        });
    }

    /// Found by fuzz/fuzz_targets/templates: `{%}` made the scans of tags slice backwards.
    #[test]
    fn an_opening_that_ends_in_a_brace_is_no_tag() {
        for text in [
            "{%}",
            "a {%} b",
            "{%}{% for i in range(end=2) %}{% set s = s ~ s %}{% endfor %}",
            "{{ x }}{%}%}",
            "{% extends 'a.html' %}{%}",
        ] {
            let file = std::path::Path::new("t.html");
            let _ = super::growing_sets(text, file);
            let _ = super::template_html::unquoted_placements(text, file);
            let _ = super::template_bounds::bounded(text);
            let _ = super::tag_naming(text, "extends", "b.html");
        }
        let looping = "{%}{% for i in range(end=2) %}{% endfor %}";
        assert_eq!(super::first_loop(looping), Some((1, 4)));
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://x.example/guide/"), "/guide/");
        assert_eq!(base_path("https://x.example/"), "/");
        assert_eq!(base_path("https://x.example"), "/");
    }
    use super::*;

    fn links(pretty: bool) -> Links {
        Links {
            slugs: ["".to_string(), "roadmap".to_string()]
                .into_iter()
                .collect(),
            locale_tags: vec!["en".into(), "nl".into()],
            pretty_urls: pretty,
            base_path: "/guide/".into(),
            collection_paths: vec![],
            sources: HashMap::new(),
        }
    }

    #[test]
    fn extra_keys_read_by_templates() {
        let sources = vec![(
            "page.html".to_string(),
            "{{ data.facts[page.extra.fact] }} {{ page.extra[\"see-also\"] }} {{ extra }}"
                .to_string(),
        )];
        let keys = extra_keys(&sources);
        assert_eq!(
            keys.into_iter().collect::<Vec<_>>(),
            vec!["fact".to_string(), "see-also".to_string()]
        );
    }

    #[test]
    fn links_are_relative_to_the_page() {
        let links = links(false);
        let target = links.page_path("nl", "roadmap");
        assert_eq!(target, "nl/roadmap/index.html");
        assert_eq!(
            links.relative("en/roadmap/", &target, false),
            "../../nl/roadmap/index.html"
        );
        assert_eq!(
            links.relative("nl/versions/exchange-2016/", &target, false),
            "../../roadmap/index.html"
        );
        assert_eq!(links.relative("nl/roadmap/", &target, false), "index.html");
        assert_eq!(links.relative("nl/", "nl/", false), "./");
        assert_eq!(links.relative("", &target, false), "nl/roadmap/index.html");
        assert_eq!(
            links.relative("", &target, true),
            "/guide/nl/roadmap/index.html"
        );
        assert_eq!(
            links.relative("en/", "static/style.css", false),
            "../static/style.css"
        );
    }

    #[test]
    fn json_cannot_close_a_script() {
        let json = script_safe_json(r#"{"t":"</script><script>alert('x')</script> & more"}"#);
        assert!(!json.contains("</script"));
        assert!(!json.contains('\''));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], "</script><script>alert('x')</script> & more");
    }

    #[test]
    fn unknown_names_become_one_diagnostic_each() {
        let mut tera = Tera::new();
        let error = tera
            .add_raw_template("page.html", "{{ a | nope }}\n{{ b | nada }}\n{{ zilch() }}")
            .unwrap_err();
        let problems = template_problems(&error, Path::new("themes/t/templates"));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(problems[0].file, Path::new("themes/t/templates/page.html"));
        assert_eq!((problems[0].line, problems[0].column), (1, 8));
        assert_eq!(problems[0].message, "Unknown filter `nope`");
        assert_eq!(problems[1].line, 2);
        assert!(problems[2].message.contains("zilch"));
    }

    #[test]
    fn pretty_links_end_in_a_slash() {
        assert_eq!(links(true).page_path("en", ""), "en/");
    }
}
