//! Fallback chains between locales: the locales a message missing in one locale is taken
//! from, nearest first. By default a locale falls back along its parent tags that the site
//! has (`nl-BE` → `nl`, `zh-Hant-TW` → `zh-Hant` → `zh`) and then to the source locale;
//! `fallbacks:` in `content/site.yaml` names another chain for a locale
//! (`pt-BR: [pt-PT]`), which the source locale still ends.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::CONFIG_FILE;

/// The chain of `tag` among the site's locales `known`, without `tag` itself; empty for
/// the source locale. Names the site does not have are left out (and reported by
/// [`check_chains`]).
pub(crate) fn chain(
    tag: &str,
    chains: &BTreeMap<String, Vec<String>>,
    known: &[&str],
    source_tag: &str,
) -> Vec<String> {
    if tag == source_tag {
        return Vec::new();
    }
    let named: Vec<String> = match chains.get(tag) {
        Some(listed) => listed.clone(),
        None => parents(tag),
    };
    let mut seen = BTreeSet::from([tag.to_string()]);
    let mut chain: Vec<String> = named
        .into_iter()
        .filter(|parent| known.contains(&parent.as_str()) && parent != source_tag)
        .filter(|parent| seen.insert(parent.clone()))
        .collect();
    chain.push(source_tag.to_string());
    chain
}

/// The tags `tag` descends from, nearest first: `zh-Hant-TW` → `zh-Hant`, `zh`.
pub(crate) fn parents(tag: &str) -> Vec<String> {
    let parts: Vec<&str> = tag.split('-').collect();
    (1..parts.len())
        .rev()
        .map(|length| parts[..length].join("-"))
        .collect()
}

/// Problems with the chains `content/site.yaml` names: a locale or a fallback the site
/// does not have, a chain for the source locale, a locale falling back to itself, or the
/// same fallback twice. Located at the line in `site.yaml` that names it.
pub(crate) fn check_chains(
    root: &Path,
    chains: &BTreeMap<String, Vec<String>>,
    known: &[&str],
    source_tag: &str,
) -> Vec<Diagnostic> {
    let mut found: Vec<(String, Option<String>, String, String)> = Vec::new();
    let listed = known.join(", ");
    for (tag, parents) in chains {
        if tag == source_tag {
            found.push((
                tag.clone(),
                None,
                format!("the source locale `{tag}` cannot fall back to another locale"),
                format!("remove `{tag}` from `fallbacks`"),
            ));
            continue;
        }
        if !known.contains(&tag.as_str()) {
            found.push((
                tag.clone(),
                None,
                format!("`fallbacks` names locale `{tag}`, which has no folder locales/{tag}/"),
                format!("use one of the site's locales: {listed}"),
            ));
        }
        let mut seen = BTreeSet::new();
        for parent in parents {
            let problem = if parent == tag {
                Some((
                    format!("locale `{tag}` cannot fall back to itself"),
                    format!("remove `{tag}` from its own chain"),
                ))
            } else if !known.contains(&parent.as_str()) {
                Some((
                    format!(
                        "locale `{tag}` falls back to `{parent}`, which has no folder locales/{parent}/"
                    ),
                    format!("use one of the site's locales: {listed}"),
                ))
            } else if !seen.insert(parent) {
                Some((
                    format!("locale `{tag}` names `{parent}` twice in its chain"),
                    "name each fallback once".to_string(),
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                found.push((tag.clone(), Some(parent.clone()), message, help));
            }
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    let text = crate::load::discover::read_source(root, Path::new(CONFIG_FILE)).unwrap_or_default();
    found
        .into_iter()
        .map(|(tag, parent, message, help)| {
            let (line, column) = position(&text, &tag, parent.as_deref());
            Diagnostic::error(Code::ConfigError, CONFIG_FILE, message)
                .at(line, column)
                .locale(&tag)
                .help(help)
        })
        .collect()
}

/// Where the chain of `tag` (or, with `parent`, that entry of it) is written under
/// `fallbacks:`; the top of the file when it cannot be found.
fn position(text: &str, tag: &str, parent: Option<&str>) -> (u32, u32) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(section) = lines
        .iter()
        .position(|line| line.trim_end() == "fallbacks:" || line.starts_with("fallbacks:"))
    else {
        return (1, 1);
    };
    let is_key = |line: &str| {
        let trimmed = line.trim_start().trim_matches(|c| c == '"' || c == '\'');
        trimmed.starts_with(&format!("{tag}:"))
            || line.trim_start().starts_with(&format!("\"{tag}\":"))
            || line.trim_start().starts_with(&format!("'{tag}':"))
    };
    let Some(key_line) = (section + 1..lines.len()).find(|&index| is_key(lines[index])) else {
        return (section as u32 + 1, 1);
    };
    let column_of = |line: &str, part: &str| line.find(part).map(|at| at as u32 + 1);
    if let Some(parent) = parent {
        // The entry: on the key's line (`nl-BE: [nl]`) or a `- nl` line below it.
        for (index, line) in lines.iter().enumerate().skip(key_line) {
            if index > key_line && !line.starts_with("    ") && !line.trim_start().starts_with('-')
            {
                break;
            }
            let after_key = if index == key_line {
                line.find(':').map(|at| &line[at + 1..]).unwrap_or("")
            } else {
                line
            };
            let named = after_key
                .split([',', '[', ']', ' '])
                .any(|part| part.trim_matches(|c| c == '"' || c == '\'' || c == '-') == parent);
            let skipped = line.len() - after_key.len();
            if named && let Some(column) = column_of(after_key, parent) {
                return (index as u32 + 1, column + skipped as u32);
            }
        }
    }
    let line = lines[key_line];
    (key_line as u32 + 1, column_of(line, tag).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_falls_back_along_the_parents_the_site_has() {
        let none = BTreeMap::new();
        let known = ["en", "nl", "nl-BE", "zh-Hant-TW", "zh"];
        assert_eq!(chain("nl-BE", &none, &known, "en"), ["nl", "en"]);
        assert_eq!(chain("nl", &none, &known, "en"), ["en"]);
        assert_eq!(chain("zh-Hant-TW", &none, &known, "en"), ["zh", "en"]);
        assert!(chain("en", &none, &known, "en").is_empty());
        assert_eq!(parents("zh-Hant-TW"), ["zh-Hant", "zh"]);
    }

    #[test]
    fn site_yaml_can_name_another_chain() {
        let chains = BTreeMap::from([(
            "pt-BR".to_string(),
            vec!["pt-PT".to_string(), "es".to_string(), "en".to_string()],
        )]);
        let known = ["en", "es", "pt", "pt-BR", "pt-PT"];
        assert_eq!(chain("pt-BR", &chains, &known, "en"), ["pt-PT", "es", "en"]);
        assert!(check_chains(Path::new("."), &chains, &known, "en").is_empty());
    }

    #[test]
    fn bad_chains_are_located_in_site_yaml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "source_locale: en\nfallbacks:\n  nl-BE: [nl, fr]\n  de-AT:\n    - de-AT\n  en: [nl]\n",
        )
        .unwrap();
        let chains = BTreeMap::from([
            (
                "nl-BE".to_string(),
                vec!["nl".to_string(), "fr".to_string()],
            ),
            ("de-AT".to_string(), vec!["de-AT".to_string()]),
            ("en".to_string(), vec!["nl".to_string()]),
        ]);
        let known = ["en", "nl", "nl-BE", "de-AT"];
        let problems = check_chains(dir.path(), &chains, &known, "en");
        let places: Vec<(u32, u32, &str)> = problems
            .iter()
            .map(|p| (p.line, p.column, p.message.as_str()))
            .collect();
        assert_eq!(problems.len(), 3, "{places:?}");
        assert!(problems.iter().all(|p| p.help.is_some()));
        assert_eq!((places[0].0, places[0].1), (5, 7), "{places:?}"); // de-AT falls back to itself
        assert_eq!((places[1].0, places[1].1), (6, 3), "{places:?}"); // the source locale
        assert_eq!((places[2].0, places[2].1), (3, 15), "{places:?}"); // fr is not a locale
    }
}
