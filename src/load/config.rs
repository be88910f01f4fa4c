//! Site settings: `content/site.yaml`, read and validated before anything else, since the
//! theme and the source locale it names decide what the other stages look for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::load::discover::CONFIG_FILE;
use crate::load::yaml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The locale every other locale is translated from and checked against.
    pub source_locale: String,
    /// Absolute URL the site is published at; sitemap and hreflang links need it.
    pub base_url: String,
    /// Folder name under `themes/`.
    pub theme: String,
    /// Message id of the site title.
    pub title: String,
    /// `true`: links end in `/`; `false`: links end in `index.html`, so the output also
    /// works opened from disk.
    #[serde(default)]
    pub pretty_urls: bool,
    /// Pages generated from data, one per mapping entry.
    #[serde(default)]
    pub collections: Vec<Collection>,
    /// How loud each translation-QA check is: `default` for every translated locale, then
    /// a locale tag for its own; each maps a check's code to `error`, `warning` or `off`.
    #[serde(default)]
    pub checks: BTreeMap<String, BTreeMap<String, String>>,
    /// `true`: a search index per language, and the theme's search box (off by default).
    #[serde(default)]
    pub search: bool,
    /// Whether the build writes the translation health page, `_status/index.html`.
    #[serde(default = "publish_status_page")]
    pub status_page: bool,
    /// Whether pages marked `draft: true` are built (`--drafts`); never read from the file.
    #[serde(skip)]
    pub drafts: bool,
}

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
    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }
}

/// The key of `checks:` that applies to every locale.
pub const EVERY_LOCALE: &str = "default";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub name: String,
    /// Dotted path to a mapping under `data`.
    pub data: String,
    /// Output folder under each locale.
    pub path: String,
    pub template: String,
}

impl Config {
    /// The severity of QA check `code` in locale `tag`, or `None` when it is off: the
    /// locale's own setting, else the `default` one, else the check's built-in severity.
    pub fn check_level(&self, tag: &str, code: Code) -> Option<Severity> {
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
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
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
    pub fn load_with(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let mut config = Config::load(root)?;
        config.drafts = overrides.drafts;
        if let Some(base_url) = &overrides.base_url {
            if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
                return Err(vec![
                    Diagnostic::error(
                        Code::ConfigError,
                        "--base-url",
                        format!("`--base-url` must be an absolute http(s) URL, not `{base_url}`"),
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
        config.normalise();
        let problems = config.validate(text, file);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
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
            let (line, column) = key_position(text, key);
            Diagnostic::error(Code::ConfigError, file, message)
                .at(line, column)
                .help(help.to_string())
        };
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            problems.push(at(
                "base_url",
                format!(
                    "`base_url` must be an absolute http(s) URL, not `{}`",
                    self.base_url
                ),
                "write the address the site is published at, e.g. https://example.org/guide/",
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
        for collection in &self.collections {
            let safe_path =
                !collection.path.is_empty() && collection.path.split('/').all(is_safe_segment);
            if !safe_path {
                problems.push(at(
                    "path",
                    format!(
                        "collection `{}` has an unsafe output path `{}`",
                        collection.name, collection.path
                    ),
                    "use a relative path of plain folder names, such as `versions`",
                ));
            }
            if !is_safe_segment(&collection.template) {
                problems.push(at(
                    "template",
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
    pub fn unknown_check_locales(&self, text: &str, tags: &[String]) -> Vec<Diagnostic> {
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
        Code::Glossary | Code::Pattern | Code::NumberWords | Code::Polarity => Severity::Error,
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
pub fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.starts_with('.')
        && !segment.contains(['/', '\\', ':', '\0'])
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
    fn unknown_keys_are_located() {
        let dir = write("source_locale: en\nbase_url: https://x\ntheme: t\ntitle: x\nthem: y\n");
        let errors = Config::load(dir.path()).unwrap_err();
        assert_eq!(errors[0].line, 5, "{errors:?}");
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
    }
}
