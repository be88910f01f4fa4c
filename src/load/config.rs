//! Site settings: `content/site.yaml`, read and validated before anything else, since the
//! theme and the source locale it names decide what the other stages look for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::load::discover::CONFIG_FILE;
use crate::load::yaml;

/// Serialize: every build fingerprints the settings through their encoding
/// (`cache::plan::global_key`), so a new setting counts without being listed there.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The locale every other locale is translated from and checked against.
    pub(crate) source_locale: String,
    /// Absolute URL the site is published at; sitemap and hreflang links need it.
    pub(crate) base_url: String,
    /// Folder name under `themes/`.
    pub(crate) theme: String,
    /// Message id of the site title.
    pub(crate) title: String,
    /// `true`: links end in `/`; `false`: links end in `index.html`, so the output also
    /// works opened from disk.
    #[serde(default)]
    pub(crate) pretty_urls: bool,
    /// Pages generated from data, one per mapping entry.
    #[serde(default)]
    pub(crate) collections: Vec<Collection>,
    /// Where each setting is written (see [`Config::place`]).
    #[serde(skip)]
    places: std::collections::BTreeMap<String, (u32, u32)>,
    /// How loud each translation-QA check is: `default` for every translated locale, then
    /// a locale tag for its own; each maps a check's code to `error`, `warning` or `off`.
    #[serde(default)]
    pub(crate) checks: BTreeMap<String, BTreeMap<String, String>>,
    /// `true`: a search index per language, and the theme's search box (off by default).
    #[serde(default)]
    pub(crate) search: bool,
    /// Per locale, the locales a message it lacks is taken from before the source locale
    /// (`nl-BE: [nl]`); a locale not named here falls back along its parent tags.
    #[serde(default)]
    pub(crate) fallbacks: std::collections::BTreeMap<String, Vec<String>>,
    /// Whether the build writes the translation health page, `_status/index.html`.
    #[serde(default = "publish_status_page")]
    pub(crate) status_page: bool,
    /// Whether pages marked `draft: true` are built (`--drafts`); never read from the file,
    /// but fingerprinted with the others.
    #[serde(skip_deserializing)]
    pub(crate) drafts: bool,
}

/// The longest value any setting may have: a URL, a tag, a name or a path is far shorter,
/// and a setting is repeated into every page and every sitemap entry.
pub(crate) const MAX_SETTING_BYTES: usize = 2048;

fn publish_status_page() -> bool {
    true
}

/// Settings given on the command line for one build, over those of `site.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--base-url`: publish this build at another address (a preview deploy).
    pub base_url: Option<String>,
    /// `--drafts`: build pages marked `draft: true` too.
    pub drafts: bool,
}

impl Overrides {
    /// Whether the build uses `site.yaml` as written.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }
}

/// The key of `checks:` that applies to every locale.
pub(crate) const EVERY_LOCALE: &str = "default";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Collection {
    pub(crate) name: String,
    /// Dotted path to a mapping under `data`.
    pub(crate) data: String,
    /// Output folder under each locale.
    pub(crate) path: String,
    pub(crate) template: String,
    /// Dotted path, inside each entry, to the value that names the entry in navigation
    /// (`name`); default: the entry's `title`, else its `name`, else its key.
    #[serde(default)]
    pub(crate) title: Option<String>,
    /// A message id that names each entry in navigation, translated: `{key}` stands for the
    /// entry's key, `{slug}` for its address segment (`method-{slug}`). Wins over `title`.
    #[serde(default)]
    pub(crate) title_message: Option<String>,
    /// The message id that heads the collection in navigation; default `nav-<name>` when
    /// the source locale has that message, else the collection's name.
    #[serde(default)]
    pub(crate) label: Option<String>,
}

impl Collection {
    /// The message that names entry `key` (address segment `slug`) in navigation, when
    /// `title_message` is set.
    pub(crate) fn title_message_for(&self, key: &str, slug: &str) -> Option<String> {
        self.title_message
            .as_ref()
            .map(|pattern| pattern.replace("{key}", key).replace("{slug}", slug))
    }
}

impl Config {
    /// The severity of QA check `code` in locale `tag`, or `None` when it is off: the
    /// locale's own setting, else the `default` one, else the check's built-in severity.
    pub(crate) fn check_level(&self, tag: &str, code: Code) -> Option<Severity> {
        let set = [tag, EVERY_LOCALE].iter().find_map(|key| {
            self.checks
                .get(*key)
                .and_then(|levels| levels.get(code.as_str()))
        });
        match set.map(String::as_str) {
            Some("error") => Some(Severity::Error),
            Some("warning") => Some(Severity::Warning),
            Some(_) => None,
            None => Some(default_level(code)),
        }
    }

    /// Reads and validates `content/site.yaml` under `root`.
    pub(crate) fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let file = PathBuf::from(CONFIG_FILE);
        if !root.join(&file).is_file() {
            return Err(vec![
                Diagnostic::error(
                    Code::ConfigError,
                    &file,
                    "there is no content/site.yaml here",
                )
                .help(format!(
                    "is `{}` a Stele site? `stele init DIR` creates one",
                    root.display()
                )),
            ]);
        }
        let text = crate::load::discover::read_source(root, &file).map_err(|d| vec![d])?;
        Config::parse(&text, &file)
    }

    /// As [`Config::load`], with the command line's `overrides` applied and checked.
    pub(crate) fn load_with(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let mut config = Config::load(root)?;
        config.drafts = overrides.drafts;
        if let Some(base_url) = &overrides.base_url {
            if let Some(reason) = base_url_problem(base_url) {
                return Err(vec![
                    Diagnostic::error(
                        Code::ConfigError,
                        "--base-url",
                        format!("`--base-url` must be an absolute http(s) URL ({reason}), not `{base_url}`"),
                    )
                    .help("write the address this build is published at, e.g. https://preview.example.org/"),
                ]);
            }
            config.base_url = base_url.clone();
            config.normalise();
        }
        Ok(config)
    }

    /// Parses and validates the text of a `site.yaml`.
    pub fn parse(text: &str, file: &Path) -> Result<Config, Vec<Diagnostic>> {
        let mut config: Config = yaml::parse(text, file, 0).map_err(|d| vec![d])?;
        config.places = places(text);
        let too_long = config.too_long(file);
        if !too_long.is_empty() {
            return Err(too_long);
        }
        config.normalise();
        let problems = config.validate(text, file);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Line and column of a setting: `source_locale`, or `collections.2.data` for a key of
    /// the third collection.
    pub(crate) fn place(&self, key: &str) -> Option<(u32, u32)> {
        self.places.get(key).copied()
    }

    /// `problem` about the setting `key` of site.yaml, placed where the setting is written.
    pub(crate) fn locate(&self, problem: Diagnostic, key: &str) -> Diagnostic {
        match self.place(key) {
            Some((line, column)) => problem.at(line, column),
            None => problem,
        }
    }

    /// Settings longer than [`MAX_SETTING_BYTES`].
    fn too_long(&self, file: &Path) -> Vec<Diagnostic> {
        let mut settings = vec![
            ("source_locale".to_string(), &self.source_locale),
            ("base_url".to_string(), &self.base_url),
            ("theme".to_string(), &self.theme),
            ("title".to_string(), &self.title),
        ];
        for (index, collection) in self.collections.iter().enumerate() {
            for (key, value) in [
                ("name", &collection.name),
                ("data", &collection.data),
                ("path", &collection.path),
                ("template", &collection.template),
            ] {
                settings.push((format!("collections.{index}.{key}"), value));
            }
            for (key, value) in [
                ("title", &collection.title),
                ("title_message", &collection.title_message),
                ("label", &collection.label),
            ] {
                if let Some(value) = value {
                    settings.push((format!("collections.{index}.{key}"), value));
                }
            }
        }
        settings
            .into_iter()
            .filter(|(_, value)| value.len() > MAX_SETTING_BYTES)
            .map(|(key, value)| {
                let name = key.rsplit('.').next().unwrap_or(&key);
                self.locate(
                    Diagnostic::error(
                        Code::ConfigError,
                        file,
                        format!(
                            "`{name}` is {} bytes long; settings may have at most {MAX_SETTING_BYTES}",
                            value.len()
                        ),
                    ),
                    &key,
                )
                .help("a setting is a short address, name or path; check what was pasted here")
            })
            .collect()
    }

    fn normalise(&mut self) {
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        for collection in &mut self.collections {
            collection.path = collection.path.trim_matches('/').to_string();
        }
    }

    fn validate(&self, text: &str, file: &Path) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let at = |key: &str, message: String, help: &str| {
            let (line, column) = self
                .place(key)
                .unwrap_or_else(|| key_position(text, key.rsplit('.').next().unwrap_or(key)));
            Diagnostic::error(Code::ConfigError, file, message)
                .at(line, column)
                .help(help.to_string())
        };
        if let Some(reason) = base_url_problem(&self.base_url) {
            problems.push(at(
                "base_url",
                format!(
                    "`base_url` must be an absolute http(s) URL ({reason}), not `{}`",
                    self.base_url
                ),
                "write the address the site is published at, e.g. https://example.org/guide/; \
                 percent-encode spaces and other characters outside URLs (%20)",
            ));
        }
        if !is_safe_segment(&self.theme) {
            problems.push(at(
                "theme",
                format!(
                    "`theme` must be a folder name under themes/, not `{}`",
                    self.theme
                ),
                "use a plain folder name such as `stele`",
            ));
        }
        for (index, collection) in self.collections.iter().enumerate() {
            let safe_path =
                !collection.path.is_empty() && collection.path.split('/').all(is_safe_segment);
            if !safe_path {
                problems.push(at(
                    &format!("collections.{index}.path"),
                    format!(
                        "collection `{}` has an unsafe output path `{}`",
                        collection.name, collection.path
                    ),
                    "use a relative path of plain folder names, such as `versions`",
                ));
            }
            if !is_safe_segment(&collection.template) {
                problems.push(at(
                    &format!("collections.{index}.template"),
                    format!(
                        "collection `{}` names template `{}`, which is not a file name",
                        collection.name, collection.template
                    ),
                    "name a template file in themes/<theme>/templates/",
                ));
            }
        }
        problems.extend(self.validate_checks(text, file));
        problems
    }

    fn validate_checks(&self, text: &str, file: &Path) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let codes: Vec<&str> = crate::diagnostics::QA_CODES
            .iter()
            .map(|c| c.as_str())
            .collect();
        for (tag, levels) in &self.checks {
            for (code, level) in levels {
                let (line, column) = nested_key_position(text, &["checks", tag, code]);
                if !codes.contains(&code.as_str()) {
                    problems.push(
                        Diagnostic::error(
                            Code::ConfigError,
                            file,
                            format!(
                                "`checks.{tag}` names `{code}`, which is not a check Stele can set"
                            ),
                        )
                        .at(line, column)
                        .help(format!("the checks with a level are: {}", codes.join(", "))),
                    );
                } else if !["error", "warning", "off"].contains(&level.as_str()) {
                    problems.push(
                        Diagnostic::error(
                            Code::ConfigError,
                            file,
                            format!("`checks.{tag}.{code}` is `{level}`; a check is `error`, `warning` or `off`"),
                        )
                        .at(line, column)
                        .help("write error, warning or off"),
                    );
                }
            }
        }
        problems
    }

    /// `checks:` keys that name no locale of the site (`tags`), located in `text`.
    pub(crate) fn unknown_check_locales(&self, text: &str, tags: &[String]) -> Vec<Diagnostic> {
        self.checks
            .keys()
            .filter(|tag| *tag != EVERY_LOCALE && !tags.contains(tag))
            .map(|tag| {
                let (line, column) = nested_key_position(text, &["checks", tag]);
                Diagnostic::error(
                    Code::ConfigError,
                    CONFIG_FILE,
                    format!("`checks` names the locale `{tag}`, which the site does not have"),
                )
                .at(line, column)
                .help(format!(
                    "use `{EVERY_LOCALE}` for every locale, or one of: {}",
                    tags.join(", ")
                ))
            })
            .collect()
    }
}

/// The built-in severity of a QA check: errors where the finding is nearly always a real
/// drift, warnings where a careful translation may differ on purpose.
fn default_level(code: Code) -> Severity {
    match code {
        Code::Glossary | Code::Pattern | Code::NumberWords | Code::Polarity | Code::Direction => {
            Severity::Error
        }
        _ => Severity::Warning,
    }
}

/// Where a nested key is written: each key searched for below the one before it.
fn nested_key_position(text: &str, keys: &[&str]) -> (u32, u32) {
    let mut from_line = 0;
    let mut found = (1, 1);
    for key in keys {
        for (index, line) in text.lines().enumerate().skip(from_line) {
            let trimmed = line.trim_start();
            let unquoted = trimmed.trim_start_matches(['"', '\'']);
            if unquoted.starts_with(key)
                && unquoted[key.len()..]
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
            {
                found = (index as u32 + 1, (line.len() - trimmed.len() + 1) as u32);
                from_line = index + 1;
                break;
            }
        }
    }
    found
}

/// A single path segment that cannot climb out of its folder or hide as a dotfile.
/// What is wrong with `base_url` as the address a site is published at, if anything: it
/// lands in every page's `<base href>`, canonical link and sitemap, so it must be an
/// http(s) URL that parses whole, with a host and without a query or fragment.
fn base_url_problem(base_url: &str) -> Option<&'static str> {
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        return Some("it must start with https:// or http://");
    }
    let Ok(uri) = base_url.parse::<axum::http::Uri>() else {
        return Some(
            "it does not parse as a URL: a space, a character outside URLs or a broken host",
        );
    };
    match uri.host() {
        None | Some("") => Some("it names no host"),
        Some(_) if uri.query().is_some() || base_url.contains('#') => {
            Some("a query (?) or fragment (#) cannot start every page's address")
        }
        Some(_) => None,
    }
}

pub(crate) fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.starts_with('.')
        && !segment.contains(['/', '\\', ':', '\0'])
        && !segment.chars().any(char::is_control)
}

/// Where each setting of a block-style site.yaml is written: top-level keys by name, keys
/// of the collections as `collections.N.key`. Flow-style settings are not found; their
/// problems point at the first line with the key.
fn places(text: &str) -> std::collections::BTreeMap<String, (u32, u32)> {
    let mut found = std::collections::BTreeMap::new();
    let mut in_collections = false;
    let mut item: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut column = line.len() - trimmed.len();
        let key_of = |rest: &str| {
            let colon = rest.find(':')?;
            let key = rest[..colon].trim_end().trim_matches(['"', '\'']);
            (!key.is_empty() && !key.contains(' ')).then(|| key.to_string())
        };
        if column == 0 {
            item = None;
            in_collections = false;
            if let Some(key) = key_of(trimmed) {
                in_collections = key == "collections";
                found.entry(key).or_insert((index as u32 + 1, 1));
            }
            continue;
        }
        if !in_collections {
            continue;
        }
        let mut rest = trimmed;
        if let Some(after) = rest.strip_prefix('-') {
            item = Some(item.map_or(0, |n| n + 1));
            let after_space = after.trim_start();
            column += rest.len() - after_space.len();
            rest = after_space;
        }
        if let (Some(number), Some(key)) = (item, key_of(rest)) {
            found
                .entry(format!("collections.{number}.{key}"))
                .or_insert((index as u32 + 1, column as u32 + 1));
        }
    }
    found
}

/// Where `key:` is written, for pointing at a setting that parsed but is not valid.
fn key_position(text: &str, key: &str) -> (u32, u32) {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with(':') {
            let column = line.len() - trimmed.len() + 1;
            return (index as u32 + 1, column as u32);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        dir
    }

    #[test]
    fn reads_a_valid_config() {
        let dir =
            write("source_locale: en\nbase_url: https://x.example\ntheme: t\ntitle: site-title\n");
        let config = Config::load(dir.path()).unwrap();
        assert_eq!(config.base_url, "https://x.example/");
        assert!(!config.pretty_urls);
    }

    #[test]
    fn a_base_url_must_parse_whole() {
        for bad in [
            "http://[::1/",
            "https://x.example/a b/",
            "https:///guide/",
            "https://x.example/?lang=nl",
            "https://x.example/#top",
            "https://x.example/\\b/",
            "ftp://x.example/",
        ] {
            let text = format!("source_locale: en\nbase_url: \"{bad}\"\ntheme: t\ntitle: x\n");
            let errors = Config::parse(&text, Path::new("content/site.yaml")).unwrap_err();
            assert!(
                errors
                    .iter()
                    .any(|e| e.line == 2 && e.message.contains("base_url")),
                "{bad}: {errors:?}"
            );
        }
        for good in [
            "https://x.example",
            "http://[::1]:8080/guide/",
            "https://x.example/a%20b/",
            "http://localhost:1111/",
        ] {
            let text = format!("source_locale: en\nbase_url: \"{good}\"\ntheme: t\ntitle: x\n");
            assert!(
                Config::parse(&text, Path::new("content/site.yaml")).is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn unknown_keys_are_located() {
        let dir = write("source_locale: en\nbase_url: https://x\ntheme: t\ntitle: x\nthem: y\n");
        let errors = Config::load(dir.path()).unwrap_err();
        assert_eq!(errors[0].line, 5, "{errors:?}");
    }

    #[test]
    fn settings_are_placed_per_collection() {
        let text = "source_locale: en\nbase_url: https://x\ntheme: t\ntitle: x\ncollections:\n  - name: a\n    data: d.a\n    path: a\n    template: a.html\n  -   name: b\n      data: d.b\n      path: b\n      template: b.html\n";
        let config = Config::parse(text, Path::new("content/site.yaml")).unwrap();
        assert_eq!(config.place("source_locale"), Some((1, 1)));
        assert_eq!(config.place("collections"), Some((5, 1)));
        assert_eq!(config.place("collections.0.name"), Some((6, 5)));
        assert_eq!(config.place("collections.0.data"), Some((7, 5)));
        assert_eq!(config.place("collections.1.name"), Some((10, 7)));
        assert_eq!(config.place("collections.1.data"), Some((11, 7)));
        assert_eq!(config.place("collections.2.data"), None);
    }

    #[test]
    fn overlong_settings_are_refused_where_written() {
        let long = "x".repeat(MAX_SETTING_BYTES + 1);
        for (key, text) in [
            (
                "base_url",
                format!("source_locale: en\nbase_url: https://{long}\ntheme: t\ntitle: x\n"),
            ),
            (
                "title",
                format!("source_locale: en\nbase_url: https://x\ntheme: t\ntitle: {long}\n"),
            ),
            (
                "theme",
                format!("source_locale: en\nbase_url: https://x\ntitle: x\ntheme: {long}\n"),
            ),
            (
                "source_locale",
                format!("base_url: https://x\ntheme: t\ntitle: x\nsource_locale: {long}\n"),
            ),
            (
                "data",
                format!(
                    "source_locale: en\nbase_url: https://x\ntheme: t\ntitle: x\ncollections:\n  - name: v\n    path: v\n    template: v.html\n    data: {long}\n"
                ),
            ),
        ] {
            let errors = Config::parse(&text, Path::new("content/site.yaml")).unwrap_err();
            assert_eq!(errors.len(), 1, "{key}: {errors:?}");
            assert!(
                errors[0].message.contains(&format!("`{key}` is")),
                "{errors:?}"
            );
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(key))
                .unwrap();
            assert_eq!(errors[0].line as usize, line + 1, "{key}");
        }
        // At the limit it is accepted.
        let fits = format!(
            "source_locale: en\nbase_url: https://{}\ntheme: t\ntitle: x\n",
            "x".repeat(MAX_SETTING_BYTES - 9)
        );
        assert!(Config::parse(&fits, Path::new("content/site.yaml")).is_ok());
    }

    #[test]
    fn unsafe_paths_are_refused() {
        let dir = write(
            "source_locale: en\nbase_url: https://x\ntheme: ../t\ntitle: x\ncollections:\n  - name: v\n    data: a\n    path: ../../etc\n    template: v.html\n",
        );
        let errors = Config::load(dir.path()).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].line, 3);
        assert_eq!(errors[1].line, 8);
        // A control character written as a YAML escape names no folder either.
        let text = "source_locale: en\nbase_url: https://x\ntheme: t\ntitle: x\ncollections:\n  - name: v\n    data: a\n    path: \"ver\\bsions\"\n    template: v.html\n";
        let errors = Config::parse(text, Path::new("content/site.yaml")).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 8);
    }
}
