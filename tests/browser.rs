//! The example site in a real browser: headless Chromium loads a harness page
//! (`tests/browser/harness.html`) from a small local server, and the harness drives the
//! built site in same-origin frames and reports as JSON, which `--dump-dom` prints. It
//! checks that no page scrolls sideways on a 390 px phone, that the language switcher keeps
//! the page, that the root chooser and the root 404 page follow the browser's languages
//! and a stored choice, and that the search box finds a Korean stem written with particles
//! and a Dutch word on the right pages. Without a browser (`.ci/run` installs Debian's
//! `chromium`) the tests say so and pass.
//!
//! `STELE_AXE=/path/to/axe.min.js cargo test --test browser -- --ignored` also runs
//! axe-core on every page at 1280 and 390 px (see docs/quality.md).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use common::*;

/// The site's base path (from `base_url` in content/site.yaml): the server puts the site
/// there, so the 404 page's `<base>` works as it will when published.
const BASE: &str = "/exchange-2007/";

/// A Korean noun the example's Korean pages write only with particles on some pages
/// (서버에서 on the home page, 서버를 and 서버의 on the Exchange 2007 page).
const KOREAN_STEM: &str = "서버";
/// A Dutch word of one page of the example's Dutch pages: the cutover method's.
const DUTCH_WORD: &str = "capaciteit";

/// An English word of one page: the cutover method's.
const ENGLISH_WORD: &str = "cutover";

fn browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("STELE_BROWSER") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome", "chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Whether the harness has finished, and the signal that it did.
type Finished = Arc<(Mutex<bool>, Condvar)>;

/// How long the harness may take in real time before the held request gives up.
const HARNESS_LIMIT: Duration = Duration::from_secs(600);

/// Serves `out` under [`BASE`], the harness at `/__harness.html` with `settings` filled
/// in, and `axe` at `/__axe.js`; unknown addresses get the root 404 page, as a static host
/// would. `/__hold` is answered only once the harness asks for `/__done`: the harness
/// page loads it as an image, so its load event, after which `--dump-dom` prints the
/// page, waits for the harness in real time (Pagefind's search runs in a worker and in
/// WebAssembly, which the browser's virtual time does not wait for). Returns the port.
fn serve(out: PathBuf, settings: String, axe: Option<PathBuf>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("an address").port();
    let harness = include_str!("browser/harness.html").replace("/*SETTINGS*/", &settings);
    let finished: Finished = Arc::default();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let out = out.clone();
            let harness = harness.clone();
            let axe = axe.clone();
            let finished = finished.clone();
            std::thread::spawn(move || answer(stream, &out, &harness, axe.as_deref(), &finished));
        }
    });
    port
}

fn answer(
    mut stream: TcpStream,
    out: &Path,
    harness: &str,
    axe: Option<&Path>,
    finished: &Finished,
) {
    let mut request = String::new();
    if BufReader::new(&stream).read_line(&mut request).is_err() {
        return;
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (done, signal) = &**finished;
    let found: Option<(Vec<u8>, &str)> = if path == "/__harness.html" {
        Some((harness.as_bytes().to_vec(), "text/html"))
    } else if path == "/__done" {
        *done.lock().expect("the flag") = true;
        signal.notify_all();
        Some((Vec::new(), "text/plain"))
    } else if path == "/__hold" {
        let guard = done.lock().expect("the flag");
        let _ = signal
            .wait_timeout_while(guard, HARNESS_LIMIT, |done| !*done)
            .expect("the flag");
        Some((HOLD_IMAGE.to_vec(), "image/gif"))
    } else if path == "/__axe.js" {
        axe.and_then(|file| std::fs::read(file).ok())
            .map(|bytes| (bytes, "text/javascript"))
    } else {
        path.strip_prefix(BASE)
            .filter(|rest| !rest.split('/').any(|part| part == ".."))
            .map(|rest| {
                let file = out.join(rest);
                if file.is_dir() {
                    file.join("index.html")
                } else {
                    file
                }
            })
            .and_then(|file| std::fs::read(&file).ok().map(|bytes| (bytes, kind(&file))))
    };
    // An unknown address inside a locale's folder gets that locale's 404 page, as hosts
    // such as Netlify do; anywhere else the root one.
    let not_found = path
        .strip_prefix(BASE)
        .and_then(|rest| rest.split_once('/'))
        .map(|(folder, _)| out.join(folder).join("404.html"))
        .filter(|page| page.is_file())
        .unwrap_or_else(|| out.join("404.html"));
    let (status, (body, content_type)) = match found {
        Some(found) => ("200 OK", found),
        None => (
            "404 Not Found",
            (std::fs::read(not_found).unwrap_or_default(), "text/html"),
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// A transparent 1 × 1 GIF, the answer to `/__hold`.
const HOLD_IMAGE: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

fn kind(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        _ => "text/html",
    }
}

/// Every HTML file of the built site, site-relative.
fn html_pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "html"))
        .map(|entry| {
            entry
                .path()
                .strip_prefix(out)
                .expect("inside the output")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    pages.sort();
    pages
}

/// Builds the example site and runs the harness in headless Chromium with the browser
/// asking for `accept_language`; returns the harness's report, or `None` without a browser.
fn run_harness(accept_language: &str, axe: Option<PathBuf>) -> Option<serde_json::Value> {
    let Some(browser) = browser() else {
        eprintln!(
            "SKIPPED: no Chromium found (looked for chromium, chromium-browser, google-chrome \
             on PATH and $STELE_BROWSER); `.ci/run` installs Debian's `chromium`"
        );
        return None;
    };
    let site = copy_site(&repo_root(), &["content", "locales", "themes"]);
    let out = site.path().join("public");
    let built = build(site.path(), &out);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let settings = serde_json::json!({
        "base": BASE,
        "pages": html_pages(&out),
        "source": "en",
        "switch_to": "nl",
        "accept": accept_language,
        "stored": "ko",
        "axe": axe.is_some(),
        "searches": [
            {"page": "ko/index.html", "query": KOREAN_STEM},
            {"page": "nl/index.html", "query": DUTCH_WORD},
            // A 404 page at an address deep below its folder, and the chooser.
            {"page": "nl/no/such/page.html", "query": DUTCH_WORD},
            {"page": "index.html#choose", "query": ENGLISH_WORD},
        ],
    });
    let port = serve(out, settings.to_string(), axe);
    let profile = tempfile::tempdir().expect("a browser profile folder");
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,900",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--accept-lang={accept_language}"))
        .arg(format!("--lang={accept_language}"))
        .arg("--dump-dom")
        .arg(format!("http://127.0.0.1:{port}/__harness.html"))
        .output()
        .expect("the browser runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    let report = dom
        .split_once("REPORT")
        .and_then(|(_, rest)| rest.split_once("END"))
        .map(|(json, _)| json.replace("&quot;", "\"").replace("&amp;", "&"))
        .unwrap_or_else(|| {
            panic!(
                "the harness did not finish; browser said:\n{}\n{}",
                dom,
                String::from_utf8_lossy(&output.stderr)
            )
        });
    Some(serde_json::from_str(&report).expect("the report is JSON"))
}

#[test]
fn the_example_site_in_a_real_browser() {
    let Some(report) = run_harness("nl", None) else {
        return;
    };
    assert_eq!(report["errors"], serde_json::json!([]), "{report:#}");
    assert_eq!(
        report["overflow"],
        serde_json::json!([]),
        "pages wider than a 390 px phone: {report:#}"
    );
    assert_eq!(
        report["switcher"],
        serde_json::json!([]),
        "the language switcher must keep the page: {report:#}"
    );
    let chooser = &report["chooser"];
    assert_eq!(
        chooser["by_language"],
        format!("{BASE}nl/index.html"),
        "{report:#}"
    );
    assert_eq!(
        chooser["not_found_by_language"],
        format!("{BASE}nl/404.html nl"),
        "{report:#}"
    );
    assert_eq!(
        chooser["by_stored_choice"],
        format!("{BASE}ko/index.html"),
        "{report:#}"
    );
    assert_eq!(chooser["skip_link_stays"], true, "{report:#}");
    assert_eq!(chooser["remembered"], "ko", "{report:#}");

    eprintln!("search results: {:#}", report["search"]);
    let search = report["search"].as_array().expect("search results");
    let results = |query: &str| -> Vec<String> {
        let entry = search
            .iter()
            .find(|entry| entry["query"] == query)
            .unwrap_or_else(|| panic!("no search for {query}: {report:#}"));
        assert_eq!(entry["error"], "", "searching {query}: {report:#}");
        entry["results"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|page| page.as_str().expect("a path").to_string())
            .collect()
    };
    let korean = results(KOREAN_STEM);
    for page in ["ko/index.html", "ko/versions/exchange-2007/index.html"] {
        assert!(
            korean.contains(&page.to_string()),
            "{KOREAN_STEM} must find {page} (the word with particles): {korean:?}"
        );
    }
    assert!(
        korean.iter().all(|page| page.starts_with("ko/")),
        "a Korean page searches the Korean pages only: {korean:?}"
    );
    for entry in search.iter().filter(|entry| entry["query"] == DUTCH_WORD) {
        assert_eq!(
            entry["results"],
            serde_json::json!(["nl/migration/cutover/index.html"]),
            "{report:#}"
        );
    }
    assert_eq!(
        search
            .iter()
            .filter(|entry| entry["query"] == DUTCH_WORD && entry["error"] == "")
            .count(),
        2,
        "the Dutch search works on the home page and on a 404 page: {report:#}"
    );
    let english = results(ENGLISH_WORD);
    assert!(
        english.contains(&"en/migration/cutover/index.html".to_string())
            && english.iter().all(|page| page.starts_with("en/")),
        "the chooser searches the source language: {english:?}"
    );
}

/// axe-core on every page at 1280 and 390 px; needs `STELE_AXE` (the path of axe.min.js
/// from the npm package `axe-core`).
#[test]
#[ignore = "needs axe-core: STELE_AXE=/path/to/axe.min.js"]
fn axe_finds_no_violations() {
    let Some(axe) = std::env::var_os("STELE_AXE").map(PathBuf::from) else {
        panic!("set STELE_AXE to the path of axe.min.js (npm package axe-core)");
    };
    let Some(report) = run_harness("en", Some(axe)) else {
        return;
    };
    assert_eq!(report["errors"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["axe"], serde_json::json!([]), "{report:#}");
}
