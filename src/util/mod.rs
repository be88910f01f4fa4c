//! Leaf helpers every layer may use; none of them knows what a site is.

pub(crate) mod digest;
pub(crate) mod intl;
pub(crate) mod langmark;
pub mod markdown;
pub(crate) mod markdown_extras;
pub(crate) mod markdown_outline;
pub(crate) mod particles;
pub(crate) mod pattern;
pub(crate) mod stamp;
pub(crate) mod timing;

use std::path::{Path, PathBuf};

/// The words of `text` between runs of ASCII white space (tab, line feed, vertical tab,
/// form feed, carriage return, space: the white space of `char::is_whitespace` in ASCII),
/// found by bytes: every byte of a character outside ASCII is 0x80 or more, so no split
/// falls inside one, and no word is decoded or validated again. For an ASCII text, the
/// words of `split_whitespace`.
pub(crate) fn ascii_space_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    (0..=bytes.len()).filter_map(move |at| {
        if at < bytes.len() && !matches!(bytes[at], b'\t'..=b'\r' | b' ') {
            return None;
        }
        let word = text.get(start..at).unwrap_or_default();
        start = at + 1;
        (!word.is_empty()).then_some(word)
    })
}

/// An I/O error that says which file and what was being done ("cannot write
/// public/en/index.html: No space left on device").
pub(crate) fn with_path(
    error: std::io::Error,
    doing: &str,
    path: &std::path::Path,
) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{doing} {}: {error}", path.display()))
}

/// `path` absolute, through the links of its part that exists and with `.` and `..`
/// resolved, so that two names of one folder compare equal even before it exists.
pub(crate) fn real_path(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    // Links are resolved first, through the deepest part of the path that exists: a
    // folder reached through a link is judged by where it really is.
    let resolved = resolve_existing(&joined);
    let mut out = PathBuf::new();
    for component in resolved.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `path` with its longest existing ancestor canonicalised and the rest appended.
fn resolve_existing(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut current = path;
    loop {
        if let Ok(real) = current.canonicalize() {
            let mut resolved = real;
            for part in rest.iter().rev() {
                resolved.push(part);
            }
            return resolved;
        }
        match (current.parent(), current.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                current = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_space_words_are_split_whitespace_of_ascii() {
        for text in [
            "",
            " ",
            "a",
            " a  b\t\nc\x0b d\x0c\re ",
            "één  keer",
            "x\u{a0}y z",
        ] {
            let ours: Vec<&str> = ascii_space_words(text).collect();
            let expected: Vec<&str> = if text.is_ascii() {
                text.split_whitespace().collect()
            } else {
                // Only ASCII white space splits: U+00A0 stays inside its word.
                text.split(|c: char| c.is_ascii_whitespace() || c == '\x0b')
                    .filter(|word| !word.is_empty())
                    .collect()
            };
            assert_eq!(ours, expected, "{text:?}");
        }
    }
}
