//! Stage 2, load review locks: `locales/<tag>/stele.lock` remembers, per translated message,
//! a hash of the source text the translation was last reviewed against. Staleness needs
//! that memory: message ids stay stable when the source changes, so only the hash can tell
//! that a translation says what an older source said.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::LOCALES_DIR;
use crate::load::fluent::{self, Message};

pub const LOCK_FILE: &str = "stele.lock";

/// Reviewed messages of one locale: message id → hash of the source text reviewed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReviewLock {
    pub reviewed: BTreeMap<String, String>,
}

/// `locales/<tag>/stele.lock`, relative to the site root.
pub fn lock_path(tag: &str) -> PathBuf {
    PathBuf::from(LOCALES_DIR).join(tag).join(LOCK_FILE)
}

/// The review hash of a source message: 16 hex digits of BLAKE3 over its canonical text.
/// BLAKE3 rather than std's hasher, whose output may change between Rust releases.
pub fn source_hash(message: &Message) -> String {
    let hash = blake3::hash(fluent::canonical(message).as_bytes());
    hash.to_hex()[..16].to_string()
}

impl ReviewLock {
    /// Reads a locale's lock file; a locale without one has reviewed nothing.
    pub fn load(root: &Path, tag: &str) -> Result<ReviewLock, Diagnostic> {
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
                "each line is `message-id: <hash>`; delete the file and run `stele review --locale {tag}` to rewrite it"
            ))
        })
    }

    /// Parses the lock's YAML: one `id: hash` mapping. Errors carry a 1-based line.
    pub fn parse(text: &str) -> Result<ReviewLock, (String, u32)> {
        if text.lines().all(|line| {
            let line = line.trim();
            line.is_empty() || line.starts_with('#')
        }) {
            return Ok(ReviewLock::default());
        }
        let map: BTreeMap<String, String> = serde_saphyr::from_str(text).map_err(|error| {
            let line = error_line(&error.to_string());
            (
                error.to_string().lines().next().unwrap_or("").to_string(),
                line,
            )
        })?;
        for (line_index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((_, hash)) = line.split_once(':') {
                let hash = hash.trim().trim_matches('"').trim_matches('\'');
                if hash.len() != 16 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err((
                        format!("`{hash}` is not a 16-digit hex hash"),
                        line_index as u32 + 1,
                    ));
                }
            }
        }
        Ok(ReviewLock { reviewed: map })
    }

    /// The file's text: a header saying what it is, then `id: hash` lines sorted by id.
    pub fn render(&self, tag: &str, source_tag: &str) -> String {
        let mut text = format!(
            "# Review lock for locales/{tag}: the hash of the `{source_tag}` source text each\n\
             # translation was last reviewed against. `stele check` reports a translation as\n\
             # stale when its source changed since. Written by `stele review --locale {tag}`;\n\
             # commit it with the translations.\n"
        );
        for (id, hash) in &self.reviewed {
            // Quoted, so a hash of only digits stays text for every YAML reader.
            text.push_str(&format!("{id}: \"{hash}\"\n"));
        }
        text
    }
}

/// serde-saphyr puts "line L column C" in its messages; take L, or 1.
fn error_line(message: &str) -> u32 {
    message
        .split("line ")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|digits| digits.parse().ok())
        })
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_odd_keys_as_text() {
        let mut lock = ReviewLock::default();
        lock.reviewed
            .insert("no".to_string(), "0123456789012345".to_string());
        lock.reviewed
            .insert("site-title".to_string(), "abcdef0123456789".to_string());
        let text = lock.render("nl", "en");
        assert!(text.starts_with("# Review lock for locales/nl"));
        assert!(text.contains("no: \"0123456789012345\"\nsite-title: \"abcdef0123456789\"\n"));
        assert_eq!(ReviewLock::parse(&text).unwrap(), lock);
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
    }
}
