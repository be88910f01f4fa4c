//! Review state of every translated message against the locale's review lock: current,
//! stale (the source changed since the review), changed since the review (the translation
//! was edited after it), or never reviewed. Also the per-message states `stele status` and
//! the health page count, and the new seals `stele review` records.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::fluent;
use crate::load::locales::{Locale, Locales, offset_in};
use crate::load::lock::{self, ReviewLock, Seal};

/// Where one translation unit (a message or a page block) stands in one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum State {
    /// Translated and reviewed against the current source text, unchanged since.
    Translated,
    Missing,
    /// Reviewed against an older source text.
    Stale,
    /// Reviewed, then the translation was edited.
    Changed,
    /// Translated, never reviewed (or reviewed before the lock recorded the translation).
    Unreviewed,
    /// Only in the translation.
    Obsolete,
}

impl State {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            State::Translated => "translated",
            State::Missing => "missing",
            State::Stale => "stale",
            State::Changed => "changed",
            State::Unreviewed => "unreviewed",
            State::Obsolete => "obsolete",
        }
    }
}

/// The state of a unit whose source and translation texts are `source` and `translation`,
/// sealed by `seal` if it was ever reviewed.
pub(crate) fn unit_state(seal: Option<&Seal>, source: &str, translation: &str) -> State {
    let Some(seal) = seal else {
        return State::Unreviewed;
    };
    if seal.source != lock::text_hash(source) {
        return State::Stale;
    }
    match &seal.translation {
        None => State::Unreviewed,
        Some(hash) if *hash == lock::text_hash(translation) => State::Translated,
        Some(_) => State::Changed,
    }
}

/// One message of one locale: its state and the size of its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MessageState {
    pub(crate) id: String,
    pub(crate) state: State,
    /// Words of the source text (of the translation, for an obsolete message).
    pub(crate) words: usize,
}

/// The state of every source message (then every obsolete one) in `locale`.
pub(crate) fn states(locales: &Locales, locale: &Locale, lock: &ReviewLock) -> Vec<MessageState> {
    let source = fluent::messages(locales.source());
    let translated = fluent::messages(locale);
    let mut list = Vec::new();
    for (id, original) in &source {
        let words = fluent::word_count(original.entry);
        let state = if locale.tag == locales.source().tag {
            State::Translated
        } else {
            match translated.get(id) {
                None => State::Missing,
                Some(translation) => unit_state(
                    lock.messages.get(*id),
                    &fluent::canonical(original.entry),
                    &fluent::canonical(translation.entry),
                ),
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

/// What a review diagnostic says about a unit in `state`: code, message and help.
/// `unit` names it (`` `id` `` or "block 3 of content/pages/about.nl.md"), `seal` is its
/// review, `source_now` its current source text, `command` the review command to run.
pub(crate) fn review_problem(
    state: State,
    unit: &str,
    seal: Option<&Seal>,
    source_now: &str,
    command: &str,
) -> Option<(Code, String, String)> {
    let unsealed = seal.is_some_and(|seal| seal.translation.is_none());
    match state {
        State::Stale => {
            let was = seal
                .and_then(|seal| seal.text.as_deref())
                .map(|old| {
                    format!(
                        "\n  reviewed source: {}\n  current source:  {source_now}",
                        quoted(old)
                    )
                })
                .unwrap_or_default();
            Some((
                Code::StaleTranslation,
                format!(
                    "the source text of {unit} changed since this translation was reviewed{was}"
                ),
                format!(
                    "update the translation to say what the current source says, then run `{command}`"
                ),
            ))
        }
        State::Changed => Some((
            Code::ChangedSinceReview,
            format!("the translation of {unit} was edited after it was reviewed"),
            format!("check the edit against the source, then run `{command}` to seal it again"),
        )),
        State::Unreviewed if unsealed => Some((
            Code::Unreviewed,
            format!(
                "the review of {unit} did not record the translation's text, so a later edit would go unseen"
            ),
            format!("check it against the source, then run `{command}` to seal the review"),
        )),
        State::Unreviewed => Some((
            Code::Unreviewed,
            format!("the translation of {unit} was never reviewed"),
            format!("check it against the source, then run `{command}`"),
        )),
        _ => None,
    }
}

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// Stale, changed and unreviewed translations of every locale, as warnings at the
/// translation.
pub(crate) fn check(locales: &Locales, locks: &BTreeMap<String, ReviewLock>) -> Vec<Diagnostic> {
    let empty = ReviewLock::default();
    let source = fluent::messages(locales.source());
    let mut problems = Vec::new();
    for locale in locales.list.iter().skip(1) {
        let lock = locks.get(&locale.tag).unwrap_or(&empty);
        let translated = fluent::messages(locale);
        for state in states(locales, locale, lock) {
            let (Some(written), Some(original)) = (
                translated.get(state.id.as_str()),
                source.get(state.id.as_str()),
            ) else {
                continue;
            };
            let Some((code, message, help)) = review_problem(
                state.state,
                &format!("`{}`", state.id),
                lock.messages.get(&state.id),
                &fluent::canonical(original.entry),
                &format!("stele review --locale {} {}", locale.tag, state.id),
            ) else {
                continue;
            };
            let text = written.file.resource.source();
            let start = offset_in(text, written.entry.id.name);
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

/// One unit `stele review` seals: its name and both texts, to show the reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub unit: String,
    pub source: String,
    pub translation: String,
}

/// Seals in `lock` the messages `ids` of `locale` (every translated message when `all`)
/// as reviewed against the current source text; those already sealed as they are now are
/// left alone. Seals of messages gone from either side are dropped. Returns what was
/// sealed; errors name ids that cannot be reviewed.
pub fn record(
    locales: &Locales,
    locale: &Locale,
    lock: &mut ReviewLock,
    ids: &[String],
    all: bool,
) -> Result<Vec<Stamp>, String> {
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
    lock.messages
        .retain(|id, _| source.contains_key(id.as_str()) && translated.contains_key(id.as_str()));
    let chosen: Vec<&str> = if all {
        translated
            .keys()
            .copied()
            .filter(|id| source.contains_key(id))
            .collect()
    } else {
        ids.iter().map(String::as_str).collect()
    };
    let mut stamped = Vec::new();
    for id in chosen {
        let (Some(original), Some(translation)) = (source.get(id), translated.get(id)) else {
            continue;
        };
        let source_text = fluent::canonical(original.entry);
        let translation_text = fluent::canonical(translation.entry);
        let seal = Seal::new(&source_text, &translation_text);
        if lock.messages.get(id) == Some(&seal) {
            continue;
        }
        lock.messages.insert(id.to_string(), seal);
        stamped.push(Stamp {
            unit: id.to_string(),
            source: source_text,
            translation: translation_text,
        });
    }
    Ok(stamped)
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

        let mut lock = empty.clone();
        let stamped = record(&before, nl, &mut lock, &[], true).unwrap();
        assert_eq!(stamped.len(), 2);
        assert_eq!(stamped[0].source, "Hello {$x}");
        assert_eq!(stamped[0].translation, "Hallo {$x}");
        assert!(
            record(&before, nl, &mut lock.clone(), &[], true)
                .unwrap()
                .is_empty()
        );
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
        assert!(
            stale[0].message.contains("reviewed source: \"Hello {$x}\"")
                && stale[0]
                    .message
                    .contains("current source:  Hello there {$x}"),
            "{}",
            stale[0].message
        );

        // Editing the reviewed translation is seen, and sealing it again only that message.
        let (_d, retouched) = load(
            "a = Hello { $x }\nb = Two\n",
            "a = Hallo { $x }\nb = Drie\n",
        );
        let changed = check(&retouched, &locks);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].code, Code::ChangedSinceReview);
        assert_eq!(changed[0].id.as_deref(), Some("b"));
        assert_eq!((changed[0].line, changed[0].column), (2, 1));
        let mut resealed = lock.clone();
        let stamped = record(
            &retouched,
            retouched.get("nl").unwrap(),
            &mut resealed,
            &["b".to_string()],
            false,
        )
        .unwrap();
        assert_eq!(stamped.len(), 1);
        let locks = BTreeMap::from([("nl".to_string(), resealed)]);
        assert!(check(&retouched, &locks).is_empty());
    }

    #[test]
    fn an_unsealed_review_asks_for_a_new_one() {
        let (_d, locales) = load("a = A\n", "a = B\n");
        let mut lock = ReviewLock::default();
        lock.messages.insert(
            "a".into(),
            crate::load::lock::Seal {
                source: crate::load::lock::text_hash("A"),
                translation: None,
                text: None,
            },
        );
        let found = check(&locales, &BTreeMap::from([("nl".to_string(), lock)]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::Unreviewed);
        assert!(
            found[0].message.contains("did not record"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn recording_refuses_unknown_ids() {
        let (_d, locales) = load("a = A\nb = B\n", "a = A\n");
        let nl = locales.get("nl").unwrap();
        let error = record(
            &locales,
            nl,
            &mut ReviewLock::default(),
            &["b".into()],
            false,
        )
        .unwrap_err();
        assert!(error.contains("`b`"), "{error}");
        let states = states(&locales, nl, &ReviewLock::default());
        assert_eq!(states[1].state, State::Missing);
    }
}
