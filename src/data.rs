//! Stage 2, load data: every `content/data/**/*.yaml` file becomes one branch of the fact
//! tree (`content/data/a/b.yaml` is `data.a.b`), with the file and position of every value
//! kept for diagnostics.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::discover::DATA_DIR;
use crate::yaml::{self, Node, NodeValue};

/// All facts of a site.
#[derive(Debug, Clone)]
pub struct DataTree {
    /// The merged tree; its root is a mapping of file names.
    pub root: Node,
    /// Which file each top-level branch came from, in the same order as `root`.
    pub files: Vec<(String, PathBuf)>,
}

impl DataTree {
    /// Loads every data file; problems are collected, not fatal to the other files.
    pub fn load(root: &Path, files: &[PathBuf]) -> (DataTree, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut tree = Node {
            value: NodeValue::Map(Vec::new()),
            line: 0,
            column: 0,
        };
        let mut sources = Vec::new();
        for file in files {
            let text = match crate::discover::read_source(root, file) {
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
            let key_path = data_key_path(file);
            if let Err(problem) = insert(&mut tree, &key_path, node, file) {
                problems.push(problem);
                continue;
            }
            sources.push((key_path.join("."), file.clone()));
        }
        (
            DataTree {
                root: tree,
                files: sources,
            },
            problems,
        )
    }

    /// The value at a dotted path such as `exchange.versions`.
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.root.get_path(path)
    }

    /// The file a dotted data path was read from.
    pub fn file_of(&self, path: &str) -> Option<&Path> {
        self.files
            .iter()
            .filter(|(prefix, _)| path == prefix || path.starts_with(&format!("{prefix}.")))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, file)| file.as_path())
    }

    /// The tree as a template value.
    pub fn to_tera(&self) -> tera::Value {
        self.root.to_tera()
    }
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
