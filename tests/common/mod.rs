//! Shared helpers for the end-to-end tests: copies of fixture sites in temporary folders,
//! and the real `stele` binary run on them.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `from` (only the site folders and files named) into a new temporary folder.
pub fn copy_site(from: &Path, parts: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for part in parts {
        let source = from.join(part);
        for entry in walkdir::WalkDir::new(&source) {
            let entry = entry.expect("readable fixture");
            let relative = entry.path().strip_prefix(from).expect("inside fixture");
            let target = dir.path().join(relative);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("create folder");
            } else {
                std::fs::create_dir_all(target.parent().expect("parent")).expect("create folder");
                std::fs::copy(entry.path(), &target).expect("copy file");
            }
        }
    }
    dir
}

/// A copy of the `mini` fixture site.
pub fn mini_site() -> tempfile::TempDir {
    copy_site(&fixture("mini"), &["content", "locales", "themes"])
}

pub fn stele() -> Command {
    Command::cargo_bin("stele").expect("the stele binary is built")
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `stele build --site SITE --out OUT`.
pub fn build(site: &Path, out: &Path) -> Run {
    run(stele()
        .arg("build")
        .arg("--site")
        .arg(site)
        .arg("--out")
        .arg(out))
}

pub fn run(command: &mut Command) -> Run {
    let output = command.env("NO_COLOR", "1").output().expect("stele runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

/// Every file under `root` with its bytes, for comparing whole outputs.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(root)
                .expect("inside")
                .to_path_buf();
            (relative, std::fs::read(entry.path()).expect("readable"))
        })
        .collect()
}

/// The text of an HTML page with tags removed and whitespace folded, for asserting sentences.
pub fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets the modification time of the file or folder at `path` to `ago` before now. Folders
/// are opened read-only for it, which Linux allows to their owner.
pub fn age(path: &Path, ago: std::time::Duration) {
    let time = std::time::SystemTime::now() - ago;
    std::fs::File::open(path)
        .and_then(|file| file.set_modified(time))
        .unwrap_or_else(|error| panic!("cannot age {}: {error}", path.display()));
}

/// Sets the modification time of every file and folder under `root` (and of `root`) to
/// `ago` before now, so that builds trust their size-and-time stamps: a file modified in
/// the last moments before a build counts as changed on the next one.
pub fn age_site(root: &Path, ago: std::time::Duration) {
    for entry in walkdir::WalkDir::new(root) {
        age(entry.expect("readable site").path(), ago);
    }
}

/// A small deterministic generator, so a failing sequence can be replayed from its seed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

/// A copy of the example site at the repository root.
pub fn example_copy() -> tempfile::TempDir {
    copy_site(&repo_root(), &["content", "locales", "themes"])
}

/// `stele check --format json` on `site` with `extra` arguments: the exit code and the
/// diagnostics.
pub fn check_json(site: &Path, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let run = run(stele()
        .args(["check", "--format", "json", "--site"])
        .arg(site)
        .args(extra));
    let parsed: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    (run.code, parsed.as_array().cloned().expect("an array"))
}

/// The diagnostics with `code`, from JSON output.
pub fn with_code<'a>(found: &'a [serde_json::Value], code: &str) -> Vec<&'a serde_json::Value> {
    found.iter().filter(|d| d["code"] == code).collect()
}

/// Replaces the first `from` in the file at `path` by `to`; `from` must be there.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "`{from}` not in {}", path.display());
    write(path, &text.replacen(from, to, 1));
}

/// Every file of the output folder `out` with its bytes, without the manifest (which
/// names the build that wrote it), for comparing outputs of different builds.
pub fn output_files(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = snapshot(out);
    files.remove(Path::new(".stele-manifest"));
    files
}
