//! Stage 2, load data: every `content/data/**/*.yaml` file becomes one branch of the fact
//! tree (`content/data/a/b.yaml` is `data.a.b`), with the file and position of every value
//! kept for diagnostics.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::DATA_DIR;
use crate::load::yaml::{self, Node, NodeValue};

/// Data paths are stored as their segments joined by a character no YAML key contains in
/// practice; a key containing it only makes its path coarser, never wrong (see
/// [`crate::cache::DataDigests`]).
pub(crate) const PATH_SEPARATOR: char = '\u{1f}';

/// All facts of a site.
#[derive(Debug, Clone)]
pub(crate) struct DataTree {
    /// The merged tree; its root is a mapping of file names.
    pub(crate) root: Node,
    /// Which file each top-level branch came from, in the same order as `root`.
    pub(crate) files: Vec<(String, PathBuf)>,
    /// The text of each file as parsed, so an edit can be re-parsed entry by entry.
    texts: HashMap<PathBuf, String>,
}

impl DataTree {
    /// Loads every data file; problems are collected, not fatal to the other files.
    pub(crate) fn load(root: &Path, files: &[PathBuf]) -> (DataTree, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut tree = Node {
            value: NodeValue::Map(Vec::new()),
            line: 0,
            column: 0,
        };
        let mut sources = Vec::new();
        let mut texts = HashMap::new();
        for file in files {
            let text = match crate::load::discover::read_source(root, file) {
                Ok(text) => text,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let node = match yaml::parse_tree(&text, file, 0) {
                Ok(node) => node,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            refuse_script_urls(&node, file, &mut problems);
            refuse_reserved_marks(&node, file, &mut problems);
            let key_path = data_key_path(file);
            if let Err(problem) = insert(&mut tree, &key_path, node, file) {
                problems.push(problem);
                continue;
            }
            sources.push((key_path.join("."), file.clone()));
            texts.insert(file.clone(), text);
        }
        (
            DataTree {
                root: tree,
                files: sources,
                texts,
            },
            problems,
        )
    }

    /// The tree after an edit of the existing files `changed`, with the data paths whose
    /// values changed (segments joined by [`PATH_SEPARATOR`]). Only the edited files are
    /// read, and in them only the top-level entries whose lines changed are parsed again
    /// when that provably gives what parsing the whole file gives (see [`splice`]).
    /// Any problem comes back as an error: the caller then loads the site in full, which
    /// reports it.
    pub(crate) fn into_reloaded(
        mut self,
        root: &Path,
        changed: &[PathBuf],
    ) -> Result<(DataTree, Vec<String>), Vec<Diagnostic>> {
        let mut changed_paths = Vec::new();
        for file in changed {
            let text = crate::load::discover::read_source(root, file).map_err(|d| vec![d])?;
            let key_path = data_key_path(file);
            let old = self.root.get_path(&key_path.join("."));
            let spliced = match (old, self.texts.get(file)) {
                (Some(old), Some(old_text)) => splice(old_text, old, &text, file),
                _ => None,
            };
            let node = match spliced {
                Some(node) => node,
                None => yaml::parse_tree(&text, file, 0).map_err(|d| vec![d])?,
            };
            let mut problems = Vec::new();
            refuse_script_urls(&node, file, &mut problems);
            refuse_reserved_marks(&node, file, &mut problems);
            if !problems.is_empty() {
                return Err(problems);
            }
            let mut path: Vec<String> = key_path.clone();
            match old {
                Some(old) => value_changes(old, &node, &mut path, &mut changed_paths),
                None => changed_paths.push(path.join(&PATH_SEPARATOR.to_string())),
            }
            let slot = branch_mut(&mut self.root, &key_path).ok_or_else(|| {
                vec![Diagnostic::error(
                    Code::DataError,
                    file,
                    "this data file was not part of the site",
                )]
            })?;
            *slot = node;
            self.texts.insert(file.clone(), text);
        }
        Ok((self, changed_paths))
    }

    /// A tree put together from what [`DataTree::texts`] and its public fields kept.
    pub(crate) fn from_parts(
        root: Node,
        files: Vec<(String, PathBuf)>,
        texts: HashMap<PathBuf, String>,
    ) -> DataTree {
        DataTree { root, files, texts }
    }

    /// The text of each file as parsed.
    pub(crate) fn texts(&self) -> &HashMap<PathBuf, String> {
        &self.texts
    }

    /// The value at a dotted path such as `exchange.versions`.
    pub(crate) fn get(&self, path: &str) -> Option<&Node> {
        self.root.get_path(path)
    }

    /// The file a dotted data path was read from.
    pub(crate) fn file_of(&self, path: &str) -> Option<&Path> {
        self.files
            .iter()
            .filter(|(prefix, _)| path == prefix || path.starts_with(&format!("{prefix}.")))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, file)| file.as_path())
    }

    /// The tree as a template value.
    pub(crate) fn to_tera(&self) -> tera::Value {
        self.root.to_tera()
    }
}

fn branch_mut<'a>(tree: &'a mut Node, path: &[String]) -> Option<&'a mut Node> {
    let mut node = tree;
    for part in path {
        let NodeValue::Map(entries) = &mut node.value else {
            return None;
        };
        node = &mut entries.iter_mut().find(|(key, _)| key == part)?.1;
    }
    Some(node)
}

/// Appends to `out` the paths below `path` where `new` differs from `old` in value
/// (positions aside): the deepest path that covers each difference.
pub(crate) fn value_changes(old: &Node, new: &Node, path: &mut Vec<String>, out: &mut Vec<String>) {
    match (&old.value, &new.value) {
        (NodeValue::Map(a), NodeValue::Map(b))
            if a.len() == b.len() && a.iter().zip(b).all(|((x, _), (y, _))| x == y) =>
        {
            for ((key, x), (_, y)) in a.iter().zip(b) {
                path.push(key.clone());
                value_changes(x, y, path, out);
                path.pop();
            }
        }
        (NodeValue::List(a), NodeValue::List(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                path.push(index.to_string());
                value_changes(x, y, path, out);
                path.pop();
            }
        }
        (NodeValue::Map(_), _)
        | (NodeValue::List(_), _)
        | (_, NodeValue::Map(_))
        | (_, NodeValue::List(_)) => {
            out.push(path.join(&PATH_SEPARATOR.to_string()));
        }
        (a, b) => {
            let same = match (a, b) {
                // Bit equality: a NaN stays itself, and 0.0 and -0.0 print differently.
                (NodeValue::Float(x), NodeValue::Float(y)) => x.to_bits() == y.to_bits(),
                _ => a == b,
            };
            if !same {
                out.push(path.join(&PATH_SEPARATOR.to_string()));
            }
        }
    }
}

/// Re-parses only the top-level entries of a data file whose lines changed, splicing them
/// into the file's previous tree; `None` when that might not equal parsing the whole file.
///
/// A top-level entry of a block mapping is parsed independently of the others unless
/// anchors, aliases or merge keys tie them together, so the shortcut is taken only when
/// neither text has any (`&`, `*`, `<<` anywhere), both are plain block mappings (no
/// directives, document markers, flow or sequence at the top), every line at column 0
/// starts an entry `key: ...` or is a comment, the two texts have the same entries with
/// the same keys in the same order, and each changed entry keeps its number of lines (so
/// every later position is unchanged).
fn splice(old_text: &str, old: &Node, new_text: &str, file: &Path) -> Option<Node> {
    let NodeValue::Map(old_entries) = &old.value else {
        return None;
    };
    let old_blocks = top_level_blocks(old_text)?;
    let new_blocks = top_level_blocks(new_text)?;
    if old_blocks.preamble != new_blocks.preamble
        || old_blocks.entries.len() != new_blocks.entries.len()
        || old_blocks.entries.len() != old_entries.len()
    {
        return None;
    }
    let mut entries = Vec::with_capacity(old_entries.len());
    for (((old_block, new_block), (key, old_value)), start_line) in old_blocks
        .entries
        .iter()
        .zip(&new_blocks.entries)
        .zip(old_entries)
        .zip(new_blocks.start_lines.iter())
    {
        if old_block == new_block {
            entries.push((key.clone(), old_value.clone()));
            continue;
        }
        if old_block.lines().count() != new_block.lines().count() {
            return None;
        }
        let parsed = yaml::parse_tree(new_block, file, start_line - 1).ok()?;
        let NodeValue::Map(mut one) = parsed.value else {
            return None;
        };
        if one.len() != 1 || one[0].0 != *key {
            return None;
        }
        entries.push(one.remove(0));
    }
    Some(Node {
        value: NodeValue::Map(entries),
        line: old.line,
        column: old.column,
    })
}

/// A data file's text cut into the lines before the first entry and one slice per
/// top-level entry (its key line and everything up to the next key line).
struct Blocks<'a> {
    preamble: &'a str,
    entries: Vec<&'a str>,
    /// 1-based line of each entry's key.
    start_lines: Vec<u32>,
}

fn top_level_blocks(text: &str) -> Option<Blocks<'_>> {
    if text.contains(['&', '*', '\r']) || text.contains("<<") {
        return None;
    }
    let mut starts: Vec<(usize, u32)> = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let first = line.chars().next().unwrap_or('\n');
        match first {
            ' ' | '\n' | '#' => {}
            '%' | '-' | '.' | '?' | '{' | '[' | '!' | '|' | '>' | '\t' => return None,
            _ => {
                // A key line: `key:` then a space or the end of the line.
                let colon = line
                    .find(": ")
                    .or_else(|| line.trim_end().strip_suffix(':').map(|key| key.len()))?;
                if line[..colon].contains(['"', '\'', '#', '{', '[']) {
                    return None;
                }
                starts.push((offset, index as u32 + 1));
            }
        }
        offset += line.len();
    }
    let preamble = &text[..starts.first().map(|s| s.0).unwrap_or(text.len())];
    let mut entries = Vec::with_capacity(starts.len());
    for (index, (start, _)) in starts.iter().enumerate() {
        let end = starts.get(index + 1).map(|s| s.0).unwrap_or(text.len());
        entries.push(&text[*start..end]);
    }
    Some(Blocks {
        preamble,
        entries,
        start_lines: starts.iter().map(|s| s.1).collect(),
    })
}

/// Schemes a browser runs or renders as a document; a link to one is an attack, not a fact.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Refuses data values that are script URLs, wherever a template might put them (a
/// message link, an `href`, JSON-LD), so they never reach the output.
fn refuse_script_urls(node: &Node, file: &Path, problems: &mut Vec<Diagnostic>) {
    match &node.value {
        NodeValue::String(text) => {
            let compact: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if let Some(scheme) = SCRIPT_SCHEMES.iter().find(|s| compact.starts_with(*s)) {
                problems.push(
                    Diagnostic::error(
                        Code::DataError,
                        file,
                        format!(
                            "a `{scheme}` URL is refused: it would run code in the reader's browser"
                        ),
                    )
                    .at(node.line, node.column)
                    .help("link to an http(s) address, or remove the value"),
                );
            }
        }
        NodeValue::List(items) => items
            .iter()
            .for_each(|item| refuse_script_urls(item, file, problems)),
        NodeValue::Map(entries) => entries
            .iter()
            .for_each(|(_, value)| refuse_script_urls(value, file, problems)),
        _ => {}
    }
}

/// Refuses data text that holds a marker character Stele reserves for the places of facts
/// and message arguments: a value passed to a message would otherwise be replaced by
/// another argument's HTML.
fn refuse_reserved_marks(node: &Node, file: &Path, problems: &mut Vec<Diagnostic>) {
    for (line, column, mark) in node.reserved_marks() {
        problems.push(
            Diagnostic::error(
                Code::DataError,
                file,
                format!(
                    "the character U+{:04X} is reserved for Stele's own use",
                    mark as u32
                ),
            )
            .at(line, column)
            .help(crate::util::markdown::RESERVED_MARK_HELP),
        );
    }
}

/// `content/data/a/b.yaml` → `["a", "b"]`.
fn data_key_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(DATA_DIR).unwrap_or(file);
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        let stem = Path::new(last.as_str())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        *last = stem;
    }
    parts
}

fn insert(tree: &mut Node, path: &[String], node: Node, file: &Path) -> Result<(), Diagnostic> {
    let mut current = tree;
    for (index, part) in path.iter().enumerate() {
        let NodeValue::Map(entries) = &mut current.value else {
            return Err(clash(file, path));
        };
        let last = index + 1 == path.len();
        let position = entries.iter().position(|(key, _)| key == part);
        match (position, last) {
            (Some(_), true) => return Err(clash(file, path)),
            (None, true) => {
                entries.push((part.clone(), node));
                return Ok(());
            }
            (Some(position), false) => current = &mut entries[position].1,
            (None, false) => {
                entries.push((
                    part.clone(),
                    Node {
                        value: NodeValue::Map(Vec::new()),
                        line: 0,
                        column: 0,
                    },
                ));
                let end = entries.len() - 1;
                current = &mut entries[end].1;
            }
        }
    }
    Ok(())
}

fn clash(file: &Path, path: &[String]) -> Diagnostic {
    Diagnostic::error(
        Code::DataError,
        file,
        format!(
            "`data.{}` is defined twice: by this file and by another file or folder",
            path.join(".")
        ),
    )
    .help("rename the file or the folder so each data path has one source (a.yaml and a/ clash)")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edits of single entries, spliced, must give exactly the tree (positions included)
    /// that parsing the whole new text gives; edits the splice cannot prove are refused.
    #[test]
    fn spliced_entries_equal_a_full_parse() {
        let file = Path::new("content/data/facts.yaml");
        let mut text = String::from("# facts\n\n");
        for i in 0..40 {
            match i % 4 {
                0 => text.push_str(&format!(
                    "item_{i}: {{date: \"2019-0{}\", count: {i}}}\n",
                    1 + i % 9
                )),
                1 => text.push_str(&format!("item_{i}:\n  name: Item {i}\n  tags: [a, b]\n\n")),
                2 => text.push_str(&format!("item_{i}: plain text {i}\n")),
                _ => text.push_str(&format!("item_{i}:\n  - {i}\n  - \"x\"\n# between\n")),
            }
        }
        let old = yaml::parse_tree(&text, file, 0).unwrap();
        let edits: Vec<(&str, &str)> = vec![
            ("count: 4}", "count: 45}"),
            ("name: Item 5", "name: Item five"),
            ("plain text 6", "plain text six"),
            ("  - 7\n", "  - 77\n"),
            ("tags: [a, b]", "tags: [a, b, c]"),
            (
                "item_8: {date: \"2019-09\", count: 8}",
                "item_8: {date: \"2020-01\", count: 8, extra: true}",
            ),
            // Refused: line counts change, keys change, anchors appear.
            ("name: Item 9\n", "name: Item 9\n  more: 1\n"),
            ("item_10: plain", "item_ten: plain"),
            ("plain text 14", "&anchor plain"),
        ];
        let mut spliced_count = 0;
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            let new_text = text.replacen(from, to, 1);
            let full = yaml::parse_tree(&new_text, file, 0).unwrap();
            if let Some(spliced) = splice(&text, &old, &new_text, file) {
                spliced_count += 1;
                assert_eq!(spliced, full, "{from} → {to}");
                let mut changes = Vec::new();
                value_changes(&old, &spliced, &mut Vec::new(), &mut changes);
                assert!(!changes.is_empty(), "{from} → {to}");
            }
        }
        assert_eq!(spliced_count, 6);
    }

    #[test]
    fn script_urls_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join(DATA_DIR);
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(
            data.join("links.yaml"),
            "ok: https://example.org\nbad:\n  - \" JavaScript:alert(1)\"\nnote: \"javascript is fun\"\n",
        )
        .unwrap();
        let (_, problems) = DataTree::load(dir.path(), &[PathBuf::from("content/data/links.yaml")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (3, 5));
    }

    #[test]
    fn files_become_branches() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join(DATA_DIR);
        std::fs::create_dir_all(data.join("products")).unwrap();
        std::fs::write(data.join("links.yaml"), "home: https://x\n").unwrap();
        std::fs::write(data.join("products/exchange.yaml"), "v: \"2023-04\"\n").unwrap();
        std::fs::write(data.join("bad.yaml"), "a: [\n").unwrap();
        let files = vec![
            PathBuf::from("content/data/bad.yaml"),
            PathBuf::from("content/data/links.yaml"),
            PathBuf::from("content/data/products/exchange.yaml"),
        ];
        let (tree, problems) = DataTree::load(dir.path(), &files);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, PathBuf::from("content/data/bad.yaml"));
        assert_eq!(
            tree.get("products.exchange.v").unwrap().value,
            NodeValue::String("2023-04".into())
        );
        assert_eq!(
            tree.file_of("products.exchange.v"),
            Some(Path::new("content/data/products/exchange.yaml"))
        );
    }
}
