//! The site model and its loading: runs discover and every load stage, gathering all
//! problems of all files before deciding whether the site can be built.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::{Config, Overrides};
use crate::load::data::DataTree;
use crate::load::discover::{self, CONFIG_FILE, SourceFiles};
use crate::load::locale_qa::QaResources;
use crate::load::locales::Locales;
use crate::load::lock::ReviewLock;
use crate::load::pages::{self, Page};
use crate::load::theme::{Links, Theme};

/// Everything a site is, parsed and compiled, ready to check or render.
pub struct Site {
    pub(crate) root: PathBuf,
    pub config: Config,
    pub(crate) files: SourceFiles,
    pub(crate) data: DataTree,
    pub locales: Arc<Locales>,
    pub pages: Vec<Page>,
    pub(crate) theme: Theme,
    pub(crate) links: Arc<Links>,
    /// Review locks of the translated locales, by tag (the source locale has none).
    pub locks: BTreeMap<String, ReviewLock>,
    /// Glossaries and language rules of the locales that have them.
    pub qa: QaResources,
    /// What a template sees of the whole site when render reads which messages a page
    /// shows, without and with `site.pages`; each made once, on first need.
    pub(crate) shown_context: [std::sync::OnceLock<tera::Context>; 2],
}

/// A loaded site with the warnings found on the way, or every error that stops it.
pub(crate) type Loaded = Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>>;

impl Site {
    /// Loads the site at `root`. Every file is read even after a problem, so one run
    /// reports all of them.
    pub fn load(root: &Path) -> Loaded {
        Site::load_with(root, None)
    }

    /// As [`Site::load`], carrying over pages whose files `previous` proves unchanged: they
    /// have their front matter, titles and headings, and their text is read only when
    /// something asks for it ([`crate::load::pages::PageText::content`]).
    pub(crate) fn load_with(
        root: &Path,
        previous: Option<&(dyn pages::PageReuse + Sync)>,
    ) -> Loaded {
        Site::load_for(root, previous, &Overrides::default(), &|_, _| {})
    }

    /// As [`Site::load_with`], with settings of the command line over `site.yaml`'s.
    /// `locales_known` hears the configuration and the locale tags as soon as they are
    /// known, while the data and pages are still to load: a later stage can start
    /// preparing for them.
    pub(crate) fn load_for(
        root: &Path,
        previous: Option<&(dyn pages::PageReuse + Sync)>,
        overrides: &Overrides,
        locales_known: &dyn Fn(&Config, &[String]),
    ) -> Loaded {
        let timer = crate::util::timing::Timer::start();
        let config = Config::load_with(root, overrides)?;
        let mut problems = Vec::new();

        let (files, found) = discover::discover(root, &config.theme);
        // What discover and the locales find wrong with site.yaml is about one setting each.
        problems.extend(placed_in_config(found, &config, "theme"));
        timer.lap("discover");

        let (locales, found) = Locales::load_with_chains(
            root,
            &files.locales,
            &config.source_locale,
            &config.fallbacks,
        );
        problems.extend(placed_in_config(found, &config, "source_locale"));
        let tags: Vec<String> = match &locales {
            Some(locales) => locales.list.iter().map(|l| l.tag.clone()).collect(),
            None => files.locales.keys().cloned().collect(),
        };
        timer.lap("locales");
        locales_known(&config, &tags);

        // A large data file parses on one thread; the Markdown pages meanwhile keep the
        // other threads busy.
        let ((data, data_problems), (markdown, page_problems)) = rayon::join(
            || DataTree::load(root, &files.data),
            || pages::load_markdown(root, &files.pages, &config, &tags, previous),
        );
        let data_incomplete = !data_problems.is_empty();
        problems.extend(data_problems);
        let (pages, mut found) =
            pages::add_collections(markdown, page_problems, &config, &data, data_incomplete);
        problems.append(&mut found);
        timer.lap("data, pages");

        let Some(locales) = locales else {
            return Err(only_errors_first(problems));
        };
        if !locales.source().messages.contains_key(&config.title) {
            problems.push(
                config
                    .locate(
                        Diagnostic::error(
                            Code::ConfigError,
                            CONFIG_FILE,
                            format!(
                                "`title` names message `{}`, which locales/{}/ does not have",
                                config.title, config.source_locale
                            ),
                        ),
                        "title",
                    )
                    .help("`title` is the id of the message with the site's name; add it or fix the id"),
            );
        }
        let mut locks = BTreeMap::new();
        for locale in locales.list.iter().skip(1) {
            match ReviewLock::load(root, &locale.tag) {
                Ok(lock) => {
                    locks.insert(locale.tag.clone(), lock);
                }
                Err(problem) => problems.push(problem),
            }
        }
        let (qa, mut found) = crate::load::locale_qa::load(root, &tags);
        problems.append(&mut found);
        if !config.checks.is_empty() {
            let text = discover::read_source(root, Path::new(CONFIG_FILE)).unwrap_or_default();
            problems.extend(config.unknown_check_locales(&text, &tags));
        }
        let locales = Arc::new(locales);
        let links = Arc::new(
            Links::new(
                &config,
                pages.iter().map(|page| page.slug.clone()).collect(),
                tags,
            )
            .with_sources(pages::source_slugs(pages.iter())),
        );
        let theme = match Theme::load(
            root,
            &config.theme,
            &files.templates,
            locales.clone(),
            links.clone(),
        ) {
            Ok(theme) => Some(theme),
            Err(mut found) => {
                problems.append(&mut found);
                None
            }
        };
        timer.lap("theme");
        // A theme folder refused as a link out of the site (see `discover`) was not read:
        // its templates are not missing, and one error at the link says why.
        let theme_dir = Path::new(discover::THEMES_DIR).join(&config.theme);
        let theme_refused = problems.iter().any(|problem| problem.file == theme_dir);
        if let Some(theme) = theme.as_ref().filter(|_| !theme_refused) {
            problems.extend(missing_templates(&pages, theme, &config));
            for text in pages.iter().flat_map(|page| page.texts.values()) {
                problems.extend(pages::unknown_keys(text, &theme.extra_keys));
            }
        }

        if problems.iter().any(Diagnostic::is_error) {
            return Err(only_errors_first(problems));
        }
        let Some(theme) = theme else {
            return Err(problems);
        };
        Ok((
            Site {
                root: root.to_path_buf(),
                config,
                files,
                data,
                locales,
                pages,
                theme,
                links,
                locks,
                qa,
                shown_context: Default::default(),
            },
            problems,
        ))
    }
}

fn only_errors_first(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    problems.sort_by_key(|p| !p.is_error());
    problems
}

/// `problems`, those about site.yaml as a whole placed at the setting `key`.
fn placed_in_config(problems: Vec<Diagnostic>, config: &Config, key: &str) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|problem| {
            if problem.line == 0 && problem.file == Path::new(CONFIG_FILE) {
                config.locate(problem, key)
            } else {
                problem
            }
        })
        .collect()
}

fn missing_templates(pages: &[Page], theme: &Theme, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut reported = HashSet::new();
    for page in pages {
        if theme.has(&page.template) || !reported.insert(page.template.clone()) {
            continue;
        }
        let source = page.texts.get(&config.source_locale);
        let file = source
            .map(|text| text.file.clone())
            .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
        // At the `template:` that named it, when the page's front matter did.
        let (line, column) = source
            .and_then(|text| text.front.get_path("template"))
            .map(|node| (node.line, node.column))
            .unwrap_or((0, 0));
        problems.push(
            Diagnostic::error(
                Code::TemplateError,
                file,
                format!(
                    "page `{}` needs template `{}`, which the theme `{}` does not have",
                    if page.slug.is_empty() {
                        "(home)"
                    } else {
                        &page.slug
                    },
                    page.template,
                    config.theme
                ),
            )
            .at(line, column)
            .help(format!("create {}/{}", theme.dir.display(), page.template)),
        );
    }
    problems
}
