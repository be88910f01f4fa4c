//! The data-edit shortcut: after an edit that changed only data values, render just the
//! outputs that read a changed value, and take the result only when it provably equals
//! what a full build would make. `stele serve` ([`crate::pipeline::live`], the last build
//! kept in memory) and `stele build` ([`crate::pipeline::express`], the last build's
//! snapshot on disk) both take it through here, so both follow one set of rules:
//!
//! 1. the last build had no link findings (their positions may move with a value), and
//!    under `--strict` no warnings at all;
//! 2. every edited data file splices into the tree, and no collection gains or loses an
//!    entry (entries are pages) or renames one (navigation lists entries by name);
//! 3. the outputs to render are those that read a value changed since they were rendered;
//! 4. each renders without problems and with the shape it had (the same messages, link
//!    targets and anchors; see [`crate::cache::OutputRecord::compute_shape`]), so the link check, the
//!    translation health page and every other page stay as they were;
//! 5. with a search index (made from every page), no page's bytes changed.
//!
//! Whatever refuses says why as a `fallback` lap under `STELE_TIMINGS=1`, and the caller
//! builds by the normal path, which finds what changed by itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::cache::plan::{self, Rendered};
use crate::cache::{DataDigests, paths_overlap};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::Collection;
use crate::load::data::DataTree;
use crate::load::pages::{Page, entry_title};
use crate::load::site::Site;
use crate::load::yaml::{Node, NodeValue};
use crate::util::digest::Digest;
use crate::util::timing::Timer;

/// Rule 1: what the last build reported that rules the shortcut out.
pub(crate) fn last_build_allows(
    timer: &Timer,
    check_codes: impl IntoIterator<Item = Code>,
    any_warning: bool,
    strict: bool,
) -> Option<()> {
    let link_findings = check_codes
        .into_iter()
        .any(|code| matches!(code, Code::BrokenLink | Code::BrokenAnchor));
    if link_findings {
        return timer.fallback("the last build had link findings, whose positions may move");
    }
    if strict && any_warning {
        return timer.fallback("--strict with warnings");
    }
    Some(())
}

/// Rule 2: `data` with the edited `files` (relative to `root`) spliced in, and the data
/// paths whose values changed.
pub(crate) fn splice(
    timer: &Timer,
    data: DataTree,
    root: &Path,
    files: &[PathBuf],
    collections: &[Collection],
) -> Option<(DataTree, Vec<String>)> {
    let entries_before: Vec<Option<Vec<Entry>>> = collections
        .iter()
        .map(|collection| entries(&data, collection))
        .collect();
    let (data, changed_paths) = data
        .into_reloaded(root, files)
        .ok()
        .or_else(|| timer.fallback("an edited data file cannot be spliced into the tree"))?;
    let same_entries = collections
        .iter()
        .zip(entries_before)
        .all(|(collection, before)| entries(&data, collection) == before);
    if !same_entries {
        return timer
            .fallback("an entry came, went or was renamed, so a collection's data changed");
    }
    timer.lap("data edit: splice");
    Some((data, changed_paths))
}

/// A collection entry as the site's pages and navigation see it: its key and the name
/// navigation lists it by.
type Entry = (String, Option<String>);

/// The entries of `collection` in `data`, in order.
fn entries(data: &DataTree, collection: &Collection) -> Option<Vec<Entry>> {
    match data.get(&collection.data).map(|node| &node.value) {
        Some(NodeValue::Map(entries)) => Some(
            entries
                .iter()
                .map(|(key, item)| {
                    let name = entry_title(collection.title.as_deref(), item);
                    (key.clone(), name)
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The entry `key` of the collection `name`, as it reads in `data` now.
pub(crate) fn collection_entry(
    collections: &[Collection],
    data: &DataTree,
    name: &str,
    key: &str,
) -> Option<Node> {
    let collection = collections.iter().find(|c| c.name == name)?;
    let Some(NodeValue::Map(entries)) = data.get(&collection.data).map(|node| &node.value) else {
        return None;
    };
    let (_, entry) = entries.iter().find(|(k, _)| k == key)?;
    Some(entry.clone())
}

/// The collection pages of `pages` with their entries as they read in `data` now (rule 2
/// keeps every page's entry in place).
pub(crate) fn refresh_entries(pages: &mut [Page], collections: &[Collection], data: &DataTree) {
    for page in pages {
        if let Some((name, key, item)) = &mut page.collection
            && let Some(entry) = collection_entry(collections, data, name, key)
        {
            *item = entry;
        }
    }
}

/// Rule 3, for an output rendered from the values the changed paths were compared with:
/// whether one of its `reads` is at or around one of the `changed` data paths.
pub(crate) fn reads_changed<'a>(
    mut reads: impl Iterator<Item = &'a str>,
    changed: &[String],
) -> bool {
    reads.any(|read| changed.iter().any(|changed| paths_overlap(read, changed)))
}

/// Rule 3, for an output rendered from other values (by an earlier shortcut): whether a
/// value it read differs now from the value it read then.
pub(crate) fn values_changed(reads: &[(String, Digest)], now: &DataDigests) -> bool {
    reads.iter().any(|(read, value)| now.get(read) != *value)
}

/// Rule 4: renders the `outputs` (page index, locale index) of `site`, each of which must
/// come out with the shape `expected` gives for its output path. `Some(Err)` holds the
/// problems of pages that do not render; the caller shows them or leaves them to the
/// normal path.
pub(crate) fn render(
    timer: &Timer,
    site: &Site,
    outputs: &[(usize, usize)],
    expected: &HashMap<String, Digest>,
) -> Option<Result<Rendered, Vec<Diagnostic>>> {
    let plan = plan::plan_data_edit(site, None, outputs);
    let rendered = plan::render_planned(site, &plan, None, None);
    timer.lap("data edit: render");
    if !rendered.problems.is_empty() {
        return Some(Err(rendered.problems));
    }
    let same_shapes = rendered.records.len() == expected.len()
        && rendered
            .records
            .iter()
            .all(|(path, made)| expected.get(path) == Some(&made.shape));
    if !same_shapes {
        return timer.fallback("a rendered page's shape (messages, links, anchors) changed");
    }
    Some(Ok(rendered))
}

/// Rule 5: how many of the outputs `rendered` changed bytes (`hash_before` gives each
/// one's hash as the last build wrote it), when the site's search index allows them.
pub(crate) fn search_allows(
    timer: &Timer,
    search: bool,
    rendered: &Rendered,
    hash_before: impl Fn(&str) -> Option<String>,
) -> Option<usize> {
    let changed = rendered
        .records
        .iter()
        .filter(|(path, made)| hash_before(path).as_deref() != Some(made.hash.as_str()))
        .count();
    if changed > 0 && search {
        return timer.fallback("a page changed and the search index is made from every page");
    }
    Some(changed)
}
