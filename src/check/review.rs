//! Review state of every translated message against the locale's review lock: current,
//! stale (the source changed since the review), or never reviewed. Also the per-message
//! states `stele status` and the health page count.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::fluent;
use crate::load::locales::{Locale, Locales, offset_in};
use crate::load::lock::{self, ReviewLock};

/// Where one message stands in one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// Translated and reviewed against the current source text.
    Translated,
    Missing,
    /// Reviewed against an older source text.
    Stale,
    /// Translated, never reviewed.
    Unreviewed,
    /// Only in the translation.
    Obsolete,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Translated => "translated",
            State::Missing => "missing",
            State::Stale => "stale",
            State::Unreviewed => "unreviewed",
            State::Obsolete => "obsolete",
        }
    }
}

/// One message of one locale: its state and the size of its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageState {
    pub id: String,
    pub state: State,
    /// Words of the source text (of the translation, for an obsolete message).
    pub words: usize,
}

/// The state of every source message (then every obsolete one) in `locale`.
pub fn states(locales: &Locales, locale: &Locale, lock: &ReviewLock) -> Vec<MessageState> {
    let source = fluent::messages(locales.source());
    let translated = fluent::messages(locale);
    let mut list = Vec::new();
    for (id, original) in &source {
        let words = fluent::word_count(original.entry);
        let state = if locale.tag == locales.source().tag {
            State::Translated
        } else if !translated.contains_key(id) {
            State::Missing
        } else {
            match lock.reviewed.get(*id) {
                None => State::Unreviewed,
                Some(hash) if *hash == lock::source_hash(original.entry) => State::Translated,
                Some(_) => State::Stale,
            }
        };
        list.push(MessageState {
            id: id.to_string(),
            state,
            words,
        });
    }
    for (id, translation) in &translated {
        if !source.contains_key(id) {
            list.push(MessageState {
                id: id.to_string(),
                state: State::Obsolete,
                words: fluent::word_count(translation.entry),
            });
        }
    }
    list
}

/// Stale and unreviewed translations of every locale, as warnings at the translation.
pub fn check(locales: &Locales, locks: &BTreeMap<String, ReviewLock>) -> Vec<Diagnostic> {
    let empty = ReviewLock::default();
    let mut problems = Vec::new();
    for locale in locales.list.iter().skip(1) {
        let lock = locks.get(&locale.tag).unwrap_or(&empty);
        let translated = fluent::messages(locale);
        for state in states(locales, locale, lock) {
            let code = match state.state {
                State::Stale => Code::StaleTranslation,
                State::Unreviewed => Code::Unreviewed,
                _ => continue,
            };
            let Some(written) = translated.get(state.id.as_str()) else {
                continue;
            };
            let text = written.file.resource.source();
            let start = offset_in(text, written.entry.id.name);
            let (message, help) = if code == Code::StaleTranslation {
                (
                    format!(
                        "the source text of `{}` changed since this translation was reviewed",
                        state.id
                    ),
                    format!(
                        "compare with locales/{}/, update the translation, then run `stele review --locale {} {}`",
                        locales.source().tag,
                        locale.tag,
                        state.id
                    ),
                )
            } else {
                (
                    format!("the translation of `{}` was never reviewed", state.id),
                    format!(
                        "check it against the source, then run `stele review --locale {} {}`",
                        locale.tag, state.id
                    ),
                )
            };
            problems.push(
                Diagnostic::warning(code, &written.file.path, message)
                    .at_span(text, start..start + state.id.len())
                    .locale(&locale.tag)
                    .id(&state.id)
                    .help(help),
            );
        }
    }
    problems
}

/// A new lock for `locale` recording `ids` (every translated message when empty) as
/// reviewed against the current source text. Entries of other messages are kept unless
/// the message is gone from either side. Errors name ids that cannot be reviewed.
pub fn record(
    locales: &Locales,
    locale: &Locale,
    lock: &ReviewLock,
    ids: &[String],
) -> Result<(ReviewLock, usize), String> {
    let source = fluent::messages(locales.source());
    let translated = fluent::messages(locale);
    let unknown: Vec<&String> = ids
        .iter()
        .filter(|id| !(source.contains_key(id.as_str()) && translated.contains_key(id.as_str())))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "not a translated message of `{}`: {} (a message must exist in locales/{}/ and locales/{}/ to be reviewed)",
            locale.tag,
            unknown
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", "),
            locales.source().tag,
            locale.tag
        ));
    }
    let mut next = ReviewLock::default();
    for (id, hash) in &lock.reviewed {
        if source.contains_key(id.as_str()) && translated.contains_key(id.as_str()) {
            next.reviewed.insert(id.clone(), hash.clone());
        }
    }
    let chosen: Vec<&str> = if ids.is_empty() {
        translated
            .keys()
            .copied()
            .filter(|id| source.contains_key(id))
            .collect()
    } else {
        ids.iter().map(String::as_str).collect()
    };
    for id in &chosen {
        if let Some(original) = source.get(id) {
            next.reviewed
                .insert(id.to_string(), lock::source_hash(original.entry));
        }
    }
    Ok((next, chosen.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn load(en: &str, nl: &str) -> (tempfile::TempDir, Locales) {
        let dir = tempfile::tempdir().unwrap();
        let mut folders: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        for (tag, text) in [("en", en), ("nl", nl)] {
            let path = format!("locales/{tag}/a.ftl");
            std::fs::create_dir_all(dir.path().join(format!("locales/{tag}"))).unwrap();
            std::fs::write(dir.path().join(&path), text).unwrap();
            folders.insert(tag.to_string(), vec![PathBuf::from(path)]);
        }
        let (locales, _) = Locales::load(dir.path(), &folders, "en");
        (dir, locales.unwrap())
    }

    #[test]
    fn review_then_source_edit_makes_stale() {
        let (_d, before) = load(
            "a = Hello { $x }\nb = Two\n",
            "a = Hallo { $x }\nb = Twee\n",
        );
        let nl = before.get("nl").unwrap();
        let empty = ReviewLock::default();
        let unreviewed = check(
            &before,
            &BTreeMap::from([("nl".to_string(), empty.clone())]),
        );
        assert_eq!(unreviewed.len(), 2);
        assert!(unreviewed.iter().all(|d| d.code == Code::Unreviewed));

        let (lock, count) = record(&before, nl, &empty, &[]).unwrap();
        assert_eq!(count, 2);
        let locks = BTreeMap::from([("nl".to_string(), lock.clone())]);
        assert!(check(&before, &locks).is_empty());

        // Reflowing the source is no change; editing a word is.
        let (_d, reflowed) = load(
            "a =\n    Hello { $x }\nb = Two\n",
            "a = Hallo { $x }\nb = Twee\n",
        );
        assert!(check(&reflowed, &locks).is_empty());
        let (_d, edited) = load(
            "a = Hello there { $x }\nb = Two\n",
            "a = Hallo { $x }\nb = Twee\n",
        );
        let stale = check(&edited, &locks);
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].code, Code::StaleTranslation);
        assert_eq!(stale[0].id.as_deref(), Some("a"));
    }

    #[test]
    fn recording_refuses_unknown_ids() {
        let (_d, locales) = load("a = A\nb = B\n", "a = A\n");
        let nl = locales.get("nl").unwrap();
        let error = record(&locales, nl, &ReviewLock::default(), &["b".into()]).unwrap_err();
        assert!(error.contains("`b`"), "{error}");
        let states = states(&locales, nl, &ReviewLock::default());
        assert_eq!(states[1].state, State::Missing);
    }
}
