//! The folders of `src/` are the pipeline's layers, and imports point down them only:
//! a module may use its own layer and the layers below, never one above. This test reads
//! every source file and names each import that climbs.

use std::path::Path;

/// Bottom to top. A layer is a folder of `src/` or a single file (`diagnostics.rs`).
const LAYERS: [(&str, u8); 9] = [
    ("util", 0),
    ("diagnostics", 0),
    ("load", 1),
    ("render", 2),
    ("check", 3),
    ("output", 4),
    ("cache", 5),
    ("pipeline", 6),
    ("cli", 7),
];

/// One import from a layer above its module's.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Upward {
    /// The importing file, relative to `src/`, `/`-separated.
    file: String,
    line: usize,
    /// The layer imported.
    layer: String,
}

fn rank(layer: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == layer)
        .map(|(_, rank)| *rank)
}

/// The layer of a file, from its path relative to `src/`: `load/pages.rs` is in `load`.
fn layer_of(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The code of a line, without its `//` comment (doc comments included: a link in
/// prose is no import). Strings are skipped so `"https://…"` is not cut short.
fn code_of(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if in_string => at += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(at + 1) == Some(&b'/') => return &line[..at],
            _ => {}
        }
        at += 1;
    }
    line
}

/// The top-level modules a line of code names through `crate::`, including each of a
/// group: `use crate::{cache::X, util::Y}` names `cache` and `util`.
fn crate_modules(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut name = String::new();
            let mut expect_name = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => expect_name = true,
                    c if expect_name && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if expect_name && !name.is_empty() => {
                        found.push(std::mem::take(&mut name));
                        expect_name = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.push(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

/// Every import of `files` (path relative to `src/`, text) from a layer above its own.
/// `main.rs` and `lib.rs` stand above every layer and are not read.
fn upward_imports(files: &[(String, String)]) -> Vec<Upward> {
    let mut upward = Vec::new();
    for (file, text) in files {
        if file == "main.rs" || file == "lib.rs" {
            continue;
        }
        let own = layer_of(file);
        let own_rank = rank(own).unwrap_or_else(|| {
            panic!("src/{file} is in no layer; add its folder to LAYERS in tests/layering.rs")
        });
        for (index, line) in text.lines().enumerate() {
            for module in crate_modules(code_of(line)) {
                let Some(their_rank) = rank(&module) else {
                    panic!(
                        "src/{file}:{} names crate::{module}, which is in no layer",
                        index + 1
                    )
                };
                if their_rank > own_rank {
                    upward.push(Upward {
                        file: file.clone(),
                        line: index + 1,
                        layer: module,
                    });
                }
            }
        }
    }
    upward
}

fn read_sources(dir: &Path, src: &Path, into: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|entry| entry.expect("src/ is readable").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_sources(&path, src, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path.strip_prefix(src).expect("under src/");
            let name = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
            into.push((name, text));
        }
    }
}

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect()
}

#[test]
fn imports_point_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = Vec::new();
    read_sources(&src, &src, &mut sources);
    let upward: Vec<String> = upward_imports(&sources)
        .iter()
        .map(|up| format!("src/{}:{} imports from {}", up.file, up.line, up.layer))
        .collect();
    assert!(
        upward.is_empty(),
        "imports from a layer above (layers, bottom to top: {:?}):\n{}",
        LAYERS.map(|(name, _)| name),
        upward.join("\n")
    );
}

#[test]
fn an_upward_import_is_found() {
    let found = upward_imports(&files(&[(
        "load/pages.rs",
        "use crate::diagnostics::Diagnostic;\nuse crate::cache::BuildRecord;\n",
    )]));
    assert_eq!(
        found,
        vec![Upward {
            file: "load/pages.rs".into(),
            line: 2,
            layer: "cache".into(),
        }]
    );
}

#[test]
fn grouped_and_inline_paths_count_and_comments_do_not() {
    let found = upward_imports(&files(&[
        (
            "check/links.rs",
            "use crate::{load::site::Site, output::{self, Staging}};\n\
             /// See [`crate::pipeline::build`].\n\
             let x = \"crate::cli\"; let y = crate::cache::digest(b\"//\"); // crate::cli\n",
        ),
        ("util/digest.rs", "use crate::diagnostics::Diagnostic;\n"),
    ]));
    let layers: Vec<(usize, &str)> = found
        .iter()
        .map(|up| (up.line, up.layer.as_str()))
        .collect();
    // `"crate::cli"` in a string is counted: a path in a string is rare enough in code,
    // and counting it errs on the side of a false alarm.
    assert_eq!(layers, vec![(1, "output"), (3, "cli"), (3, "cache")]);
}

#[test]
fn a_file_outside_the_layers_is_refused() {
    let result = std::panic::catch_unwind(|| {
        upward_imports(&files(&[(
            "attic/old.rs",
            "use crate::load::site::Site;\n",
        )]))
    });
    assert!(result.is_err());
}
