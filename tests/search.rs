//! End to end: the search index of `stele build` — one index per language, the pages that
//! are not content left out, Korean words found by their stem, and incremental builds that
//! index again only when a page changed.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::*;

fn search_site() -> tempfile::TempDir {
    copy_site(&fixture("search"), &["content", "locales", "themes"])
}

fn files_under(folder: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .collect()
}

/// The decompressed bytes of Pagefind's files of language `tag` with `extension`.
fn index_bytes(out: &Path, tag: &str, extension: &str) -> Vec<u8> {
    let mut all = Vec::new();
    for file in files_under(&out.join("pagefind")) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let in_language = name.starts_with(&format!("{tag}_"));
        if !in_language || !name.ends_with(extension) {
            continue;
        }
        let compressed = std::fs::read(&file).unwrap();
        let mut decoder = flate2::read::GzDecoder::new(compressed.as_slice());
        decoder.read_to_end(&mut all).expect("a gzip file");
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn one_index_per_language_without_chooser_404_or_health_page() {
    let site = search_site();
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entry = read(&out.join("pagefind/pagefind-entry.json"));
    for tag in ["\"en\"", "\"ko\"", "\"nl\""] {
        assert!(entry.contains(tag), "{entry}");
    }
    assert!(out.join("pagefind/pagefind-ui.js").is_file());
    assert!(out.join("pagefind/pagefind.js").is_file());

    // The fragments hold each indexed page's URL: pages of their own language only.
    let en = String::from_utf8_lossy(&index_bytes(&out, "en", ".pf_fragment")).into_owned();
    assert!(en.contains("/en/restart/index.html"), "{en}");
    assert!(!en.contains("/nl/"), "{en}");
    let all: String = ["en", "ko", "nl"]
        .iter()
        .map(|tag| String::from_utf8_lossy(&index_bytes(&out, tag, ".pf_fragment")).into_owned())
        .collect();
    assert!(!all.contains("404.html"), "{all}");
    assert!(!all.contains("_status"), "{all}");
    assert!(!all.contains("\"/index.html\""), "{all}");
    assert!(!all.contains("Not found"), "{all}");

    // Korean words are indexed whole, particles included; the search finds them by prefix.
    let ko = index_bytes(&out, "ko", ".pf_index");
    assert!(contains(&ko, "서버를"), "the Korean index lacks 서버를");
    assert!(contains(&ko, "서버에서"), "the Korean index lacks 서버에서");
    assert!(!contains(&index_bytes(&out, "en", ".pf_index"), "서버를"));
}

#[test]
fn no_index_without_the_setting() {
    let site = search_site();
    let config = site.path().join("content/site.yaml");
    write(
        &config,
        &read(&config).replace("search: true", "search: false"),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("pagefind").exists());
    assert!(!read(&out.join("en/restart/index.html")).contains("data-search"));
}

#[test]
fn the_index_is_rebuilt_only_when_a_page_changed() {
    let site = search_site();
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).code, 0);
    let before = snapshot(&out.join("pagefind"));

    // Nothing changed: the same index, carried over.
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(snapshot(&out.join("pagefind")), before);

    // A page changed: a new index that finds the new word, equal to a clean build's.
    let page = site.path().join("content/pages/plain.md");
    // Pagefind stems English words ("tulips" is indexed as "tulip"): words without a suffix.
    write(&page, &read(&page).replace("tulips", "orchid"));
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_ne!(snapshot(&out.join("pagefind")), before);
    assert!(contains(&index_bytes(&out, "en", ".pf_index"), "orchid"));
    assert!(!contains(&index_bytes(&out, "en", ".pf_index"), "tulip"));
    let clean = site.path().join("clean");
    assert_eq!(build(site.path(), &clean).code, 0);
    assert_eq!(
        snapshot(&out.join("pagefind")),
        snapshot(&clean.join("pagefind"))
    );
}

/// Runs Pagefind's own search code (the `pagefind.js` the build wrote) under Node on the
/// index, as a browser would load it: a Korean stem finds the words with particles.
#[test]
fn pagefind_finds_korean_stems_and_dutch_words() {
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: Node.js is not installed, so Pagefind's search code cannot run here");
        return;
    }
    let site = search_site();
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).code, 0);
    let harness = site.path().join("harness.mjs");
    std::fs::write(&harness, HARNESS).unwrap();
    let search = |tag: &str, term: &str| -> String {
        let output = std::process::Command::new("node")
            .arg(&harness)
            .arg(out.join("pagefind"))
            .arg(tag)
            .arg(term)
            .output()
            .expect("node runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String = stderr
            .chars()
            .rev()
            .take(1500)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(output.status.success(), "{tail}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let found = search("ko", "서버");
    assert!(found.contains("/ko/restart/index.html"), "{found}");
    assert!(!found.contains("/en/"), "{found}");
    let found = search("nl", "serverlogboeken");
    assert!(found.contains("/nl/restart/index.html"), "{found}");
    let found = search("en", "tulips");
    assert!(found.contains("/en/plain/index.html"), "{found}");
    assert!(!found.contains("restart"), "{found}");
    let found = search("en", "서버");
    assert!(!found.contains("restart"), "{found}");
}

/// Loads `pagefind.js` from disk with `fetch` reading files, as the browser would load it
/// over HTTP, and prints the URLs of the results of searching `term` in language `tag`.
const HARNESS: &str = r#"
import { readFile } from "node:fs/promises";
import { pathToFileURL, fileURLToPath } from "node:url";
const [bundle, tag, term] = process.argv.slice(2);
globalThis.fetch = async (input) => {
  const url = new URL(String(input));
  const bytes = await readFile(fileURLToPath(new URL(url.pathname, "file://")));
  return new Response(bytes, { status: 200 });
};
globalThis.window = globalThis;
globalThis.location = { href: pathToFileURL(bundle).href + "/", origin: "null" };
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => tag }) };
const pagefind = await import(pathToFileURL(bundle + "/pagefind.js").href);
await pagefind.options({ basePath: pathToFileURL(bundle).href + "/" });
await pagefind.init(tag);
const search = await pagefind.search(term);
for (const result of search.results) {
  const data = await result.data();
  console.log(data.url);
}
"#;
