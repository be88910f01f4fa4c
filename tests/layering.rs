//! The folders of `src/` are the pipeline's layers, and imports point down them only:
//! a module may use its own layer and the layers below, never one above. These tests read
//! every source file and name each import that climbs, and any files that import each
//! other in a circle. In the layers that run the stages (pipeline, render, cache), a
//! function longer than [`LONGEST`] lines says why in a comment above it.

use std::path::Path;

/// Bottom to top. A layer is a folder of `src/` or a single file (`diagnostics.rs`).
const LAYERS: [(&str, u8); 10] = [
    ("util", 0),
    ("diagnostics", 0),
    ("load", 1),
    ("render", 2),
    ("check", 3),
    ("output", 4),
    ("cache", 5),
    ("pipeline", 6),
    ("cli", 7),
    // The fuzz targets' entry points drive every stage, as a command does.
    ("fuzzing", 8),
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

/// The paths a line of code names through `crate::`, each as its first two segments at
/// most: `use crate::{cache::X, load::site::Site}` names `cache::X` and `load::site`.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        match rest.strip_prefix('{') {
            Some(group) => {
                let mut depth = 0;
                let mut item = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            found.push(leading_segments(&std::mem::take(&mut item)))
                        }
                        c => item.push(c),
                    }
                }
                found.push(leading_segments(&item));
            }
            None => found.push(leading_segments(rest)),
        }
    }
    found.retain(|path| !path.is_empty());
    found
}

/// Up to two `::`-separated names at the start of `text`.
fn leading_segments(text: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let mut rest = text.trim_start();
    while segments.len() < 2 {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            break;
        }
        rest = &rest[name.len()..];
        segments.push(name);
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => break,
        }
    }
    segments
}

/// The top-level modules a line of code names through `crate::`.
fn crate_modules(code: &str) -> Vec<String> {
    crate_paths(code)
        .into_iter()
        .map(|mut path| path.swap_remove(0))
        .collect()
}

/// The file a `crate::` path leads to, among `names` (paths relative to `src/`):
/// `load::pages` is `load/pages.rs`; `cache::BuildRecord` is `cache/mod.rs`.
fn file_of<'a>(path: &[String], names: &'a [&'a str]) -> Option<&'a str> {
    let mut candidates = Vec::new();
    if let [first, second] = path {
        candidates.push(format!("{first}/{second}.rs"));
        candidates.push(format!("{first}/{second}/mod.rs"));
    }
    candidates.push(format!("{}.rs", path[0]));
    candidates.push(format!("{}/mod.rs", path[0]));
    candidates
        .iter()
        .find_map(|candidate| names.iter().find(|name| **name == candidate).copied())
}

/// A loop of files that import each other, when there is one: `[a, b, a]`.
fn import_circle(files: &[(String, String)]) -> Option<Vec<String>> {
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let edges: Vec<Vec<usize>> = files
        .iter()
        .map(|(name, text)| {
            let mut to: Vec<usize> = text
                .lines()
                .flat_map(|line| crate_paths(code_of(line)))
                .filter_map(|path| file_of(&path, &names))
                .filter(|target| target != name)
                .filter_map(|target| names.iter().position(|n| *n == target))
                .collect();
            to.sort_unstable();
            to.dedup();
            to
        })
        .collect();
    // Depth-first search; a file met again while still on the stack closes a circle.
    let mut state = vec![0u8; files.len()]; // 0 unseen, 1 on the stack, 2 done
    for start in 0..files.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&target) = edges[node].get(*next) {
                *next += 1;
                match state[target] {
                    0 => {
                        state[target] = 1;
                        stack.push((target, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                        let mut circle: Vec<String> = stack[from..]
                            .iter()
                            .map(|(n, _)| names[*n].to_string())
                            .collect();
                        circle.push(names[target].to_string());
                        return Some(circle);
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    None
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
fn no_files_import_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = Vec::new();
    read_sources(&src, &src, &mut sources);
    sources.retain(|(name, _)| name != "main.rs" && name != "lib.rs");
    if let Some(circle) = import_circle(&sources) {
        panic!("these files import each other: {}", circle.join(" -> "));
    }
}

#[test]
fn a_circle_is_found() {
    let circle = import_circle(&files(&[
        (
            "load/config.rs",
            "use crate::load::discover::read_source;\n",
        ),
        (
            "load/discover.rs",
            "use crate::{diagnostics::Code, load::config::CONFIG_FILE};\n",
        ),
        ("diagnostics.rs", ""),
    ]));
    assert_eq!(
        circle,
        Some(vec![
            "load/config.rs".to_string(),
            "load/discover.rs".to_string(),
            "load/config.rs".to_string(),
        ])
    );
    let none = import_circle(&files(&[
        (
            "load/config.rs",
            "use crate::load::discover::CONFIG_FILE;\n",
        ),
        ("load/discover.rs", "use crate::diagnostics::Code;\n"),
        ("diagnostics.rs", ""),
    ]));
    assert_eq!(none, None);
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

/// The layers whose functions stay short, or say why not.
const SHORT_LAYERS: [&str; 3] = ["pipeline", "render", "cache"];

/// The most lines a function there has without a reason.
const LONGEST: usize = 80;

/// The name of the function a line declares, if it declares one.
fn function_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        for prefix in [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "async ",
            "const ",
            "unsafe ",
        ] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        if rest == before {
            break;
        }
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The brace depth a line of code adds, strings and character literals left out.
fn brace_change(code: &str) -> (i64, bool) {
    let chars: Vec<char> = code.chars().collect();
    let (mut change, mut opened, mut in_string) = (0, false, false);
    let mut at = 0;
    while at < chars.len() {
        match chars[at] {
            '\\' if in_string => at += 1,
            '"' => in_string = !in_string,
            '\'' if !in_string && chars.get(at + 2) == Some(&'\'') => at += 2,
            '{' if !in_string => {
                change += 1;
                opened = true;
            }
            '}' if !in_string => change -= 1,
            _ => {}
        }
        at += 1;
    }
    (change, opened)
}

/// The index of the line that closes the function declared at line `start`; `None` for
/// a declaration without a body.
fn function_end(lines: &[&str], start: usize) -> Option<usize> {
    let mut depth = 0;
    let mut opened = false;
    for (at, line) in lines.iter().enumerate().skip(start) {
        let code = code_of(line);
        let (change, opens) = brace_change(code);
        depth += change;
        opened |= opens;
        if opened && depth <= 0 {
            return Some(at);
        }
        if !opened && code.trim_end().ends_with(';') {
            return None;
        }
    }
    None
}

/// The functions of a file (its tests left out) longer than [`LONGEST`] lines with no
/// `//` comment among the attributes and doc comments right above them: (line, name,
/// length in lines).
fn long_functions_without_reason(text: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let Some(name) = function_name(line) else {
            continue;
        };
        let Some(end) = function_end(&lines, at) else {
            continue;
        };
        let length = end - at + 1;
        let reason = lines[..at]
            .iter()
            .rev()
            .map(|above| above.trim())
            .take_while(|above| above.starts_with("#[") || above.starts_with("//"))
            .any(|above| above.starts_with("//") && !above.starts_with("///"));
        if length > LONGEST && !reason {
            found.push((at + 1, name.to_string(), length));
        }
    }
    found
}

#[test]
fn long_functions_say_why() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = Vec::new();
    read_sources(&src, &src, &mut sources);
    let long: Vec<String> = sources
        .iter()
        .filter(|(name, _)| SHORT_LAYERS.contains(&layer_of(name)))
        .flat_map(|(name, text)| {
            long_functions_without_reason(text)
                .into_iter()
                .map(move |(line, function, length)| {
                    format!("src/{name}:{line}: {function} has {length} lines")
                })
        })
        .collect();
    assert!(
        long.is_empty(),
        "functions over {LONGEST} lines with no comment above saying why (split them, or \
         say why they read better whole):\n{}",
        long.join("\n")
    );
}

#[test]
fn a_long_function_is_found_unless_it_says_why() {
    let body = "    let x = \"{\";\n".repeat(LONGEST);
    let bare = format!("/// Does it.\npub(crate) fn long() {{\n{body}}}\n");
    assert_eq!(
        long_functions_without_reason(&bare),
        vec![(2, "long".to_string(), LONGEST + 2)]
    );
    let reasoned = format!("// Long: one proof, read as one.\n{bare}");
    assert!(long_functions_without_reason(&reasoned).is_empty());
    let short = format!(
        "fn short() {{\n{}}}\n",
        "    let y = '}';\n".repeat(LONGEST - 2)
    );
    assert!(long_functions_without_reason(&short).is_empty());
    let declared = "    fn carried(&self) -> Option<u8>;\n";
    assert!(long_functions_without_reason(declared).is_empty());
}
