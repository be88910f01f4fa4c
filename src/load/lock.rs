//! Stage 2, load review locks: `locales/<tag>/stele.lock` seals every reviewed translation
//! unit (a message, one block of a Markdown page, or its front matter `title` or
//! `description`): the hash of the source text it was
//! reviewed against, the hash of the translation as reviewed, and the reviewed source text
//! itself. Ids stay stable when either side changes, so only the hashes can tell that a
//! translation says what an older source said, or was edited after its review; the kept
//! text lets a reviewer see what the source said then.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::LOCALES_DIR;
use crate::load::yaml;

pub(crate) const LOCK_FILE: &str = "stele.lock";

/// The review of one translation unit.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Seal {
    /// Hash of the source text reviewed against.
    pub(crate) source: String,
    /// Hash of the translation as reviewed; `None` in a lock written before reviews were
    /// sealed, which cannot tell whether the translation changed since.
    #[serde(default)]
    pub(crate) translation: Option<String>,
    /// The source text reviewed against, shown when the source changes.
    #[serde(default)]
    pub(crate) text: Option<String>,
}

impl Seal {
    pub(crate) fn new(source_text: &str, translation_text: &str) -> Seal {
        Seal {
            source: text_hash(source_text),
            translation: Some(text_hash(translation_text)),
            text: Some(source_text.to_string()),
        }
    }
}

/// Reviewed units of one locale.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewLock {
    /// Message id → its seal.
    #[serde(default)]
    pub(crate) messages: BTreeMap<String, Seal>,
    /// Source page file (`content/pages/about.md`) → the seal of each block, in order;
    /// `None` for a block not reviewed.
    #[serde(default)]
    pub(crate) pages: BTreeMap<String, Vec<Option<Seal>>>,
    /// Source page file → the seal of each translated front matter value (`title`,
    /// `description`) by key.
    #[serde(default)]
    pub(crate) front: BTreeMap<String, BTreeMap<String, Seal>>,
}

/// `locales/<tag>/stele.lock`, relative to the site root.
pub fn lock_path(tag: &str) -> PathBuf {
    PathBuf::from(LOCALES_DIR).join(tag).join(LOCK_FILE)
}

/// 16 hex digits of the digest of a unit's canonical text. BLAKE3 rather than std's
/// hasher, whose output may change between Rust releases.
pub(crate) fn text_hash(text: &str) -> String {
    let mut hex = crate::util::digest::hex(crate::util::digest::digest(text.as_bytes()));
    hex.truncate(16);
    hex
}

fn is_hash(text: &str) -> bool {
    text.len() == 16 && text.chars().all(|c| c.is_ascii_hexdigit())
}

impl ReviewLock {
    /// Reads a locale's lock file; a locale without one has reviewed nothing.
    pub(crate) fn load(root: &Path, tag: &str) -> Result<ReviewLock, Diagnostic> {
        let path = lock_path(tag);
        let text = match std::fs::read_to_string(root.join(&path)) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ReviewLock::default());
            }
            Err(error) => {
                return Err(Diagnostic::error(
                    Code::IoError,
                    &path,
                    format!("cannot read: {error}"),
                )
                .locale(tag));
            }
        };
        ReviewLock::parse(&text).map_err(|(message, line)| {
            Diagnostic::error(
                Code::SyntaxError,
                &path,
                format!("the review lock does not parse: {message}"),
            )
            .at(line, 1)
            .locale(tag)
            .help(format!(
                "the file is written by `stele review`; restore it from version control, or delete it and review the locale again with `stele review --locale {tag} --all`"
            ))
        })
    }

    /// Parses the lock's YAML. A lock of plain `id: hash` lines (written before reviews
    /// were sealed) is read as seals without a translation hash. Errors carry a 1-based line.
    pub(crate) fn parse(text: &str) -> Result<ReviewLock, (String, u32)> {
        if text.lines().all(|line| {
            let line = line.trim();
            line.is_empty() || line.starts_with('#')
        }) {
            return Ok(ReviewLock::default());
        }
        let sealed = yaml::parse_message::<ReviewLock>(text);
        let lock = match sealed {
            Ok(lock) => lock,
            Err(error) => match yaml::parse_message::<BTreeMap<String, String>>(text) {
                Ok(plain) => ReviewLock {
                    messages: plain
                        .into_iter()
                        .map(|(id, source)| {
                            (
                                id,
                                Seal {
                                    source,
                                    translation: None,
                                    text: None,
                                },
                            )
                        })
                        .collect(),
                    pages: BTreeMap::new(),
                    front: BTreeMap::new(),
                },
                Err(_) => return Err(error),
            },
        };
        let seals = lock
            .messages
            .iter()
            .map(|(id, seal)| (id.as_str(), seal))
            .chain(
                lock.pages
                    .iter()
                    .flat_map(|(page, seals)| seals.iter().flatten().map(|s| (page.as_str(), s))),
            )
            .chain(
                lock.front
                    .iter()
                    .flat_map(|(page, seals)| seals.values().map(|s| (page.as_str(), s))),
            );
        for (id, seal) in seals {
            let bad = std::iter::once(&seal.source)
                .chain(seal.translation.iter())
                .find(|hash| !is_hash(hash));
            if let Some(hash) = bad {
                return Err((
                    format!("`{hash}` (for `{id}`) is not a 16-digit hex hash"),
                    line_of(text, id),
                ));
            }
        }
        Ok(lock)
    }

    /// The file's text: a header saying what it is, then the seals of the messages sorted
    /// by id and of the pages by file. Strings are written as JSON strings, which YAML
    /// reads as double-quoted scalars.
    pub fn render(&self, tag: &str, source_tag: &str) -> String {
        let quote = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
        let seal_lines = |seal: &Seal, indent: &str, out: &mut String| {
            out.push_str(&format!("source: {}\n", quote(&seal.source)));
            if let Some(hash) = &seal.translation {
                out.push_str(&format!("{indent}translation: {}\n", quote(hash)));
            }
            if let Some(text) = &seal.text {
                out.push_str(&format!("{indent}text: {}\n", quote(text)));
            }
        };
        let mut text = format!(
            "# Review lock for locales/{tag}: per reviewed message, page block and page title or\n\
             # description, the hash of the `{source_tag}` source text and of the translation at\n\
             # review time, and the source text reviewed. `stele check` reports a translation\n\
             # whose source changed since (stale-translation) or that was edited since\n\
             # (changed-since-review). Written by `stele review --locale {tag}`; commit it with\n\
             # the translations.\n"
        );
        if !self.messages.is_empty() {
            text.push_str("messages:\n");
        }
        for (id, seal) in &self.messages {
            text.push_str(&format!("  {}:\n    ", quote(id)));
            seal_lines(seal, "    ", &mut text);
        }
        if !self.pages.is_empty() {
            text.push_str("pages:\n");
        }
        for (page, seals) in &self.pages {
            text.push_str(&format!("  {}:\n", quote(page)));
            for seal in seals {
                match seal {
                    Some(seal) => {
                        text.push_str("    - ");
                        seal_lines(seal, "      ", &mut text);
                    }
                    None => text.push_str("    - null\n"),
                }
            }
        }
        if !self.front.is_empty() {
            text.push_str("front:\n");
        }
        for (page, seals) in &self.front {
            text.push_str(&format!("  {}:\n", quote(page)));
            for (key, seal) in seals {
                text.push_str(&format!("    {}:\n      ", quote(key)));
                seal_lines(seal, "      ", &mut text);
            }
        }
        text
    }
}

/// The first line naming `id`, for errors found after parsing.
fn line_of(text: &str, id: &str) -> u32 {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches("- ");
            line.starts_with(&format!("{id}:")) || line.starts_with(&format!("\"{id}\":"))
        })
        .map(|index| index as u32 + 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_odd_keys_and_texts() {
        let mut lock = ReviewLock::default();
        lock.messages
            .insert("no".to_string(), Seal::new("Say \"no\" {$x}", "Zeg nee"));
        lock.messages.insert(
            "site-title".to_string(),
            Seal {
                source: "abcdef0123456789".into(),
                translation: None,
                text: None,
            },
        );
        lock.pages.insert(
            "content/pages/about.md".to_string(),
            vec![Some(Seal::new("# About: *x*", "# Over")), None],
        );
        lock.front.insert(
            "content/pages/about.md".to_string(),
            BTreeMap::from([("title".to_string(), Seal::new("About", "Over"))]),
        );
        let text = lock.render("nl", "en");
        assert!(text.starts_with("# Review lock for locales/nl"));
        assert!(text.contains("  \"no\":\n    source: \""), "{text}");
        assert_eq!(ReviewLock::parse(&text).unwrap(), lock, "{text}");
    }

    #[test]
    fn a_plain_lock_reads_as_unsealed_reviews() {
        let lock = ReviewLock::parse("# old\na: \"0123456789abcdef\"\n").unwrap();
        let seal = &lock.messages["a"];
        assert_eq!(seal.source, "0123456789abcdef");
        assert_eq!(seal.translation, None);
    }

    #[test]
    fn an_empty_lock_is_fine_and_a_bad_hash_is_located() {
        assert_eq!(
            ReviewLock::parse("# nothing\n").unwrap(),
            ReviewLock::default()
        );
        let (message, line) =
            ReviewLock::parse("# x\na: \"0123456789abcdef\"\nb: zz\n").unwrap_err();
        assert_eq!(line, 3, "{message}");
        let (message, line) = ReviewLock::parse(
            "messages:\n  a:\n    source: \"0123456789abcdef\"\n  b:\n    source: \"0123\"\n",
        )
        .unwrap_err();
        assert_eq!(line, 4, "{message}");
    }
}
