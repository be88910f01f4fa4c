//! Safety end to end: an interrupted build never damages the previous output, and large
//! inputs are either handled or refused with a clear message.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

/// Adds `count` Markdown pages to a site, so a build takes long enough to interrupt.
fn add_pages(site: &Path, count: usize) {
    let body = "## Section\n\nSome text with a [link](https://example.org) and a list:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n".repeat(20);
    for index in 0..count {
        write(
            &site.join(format!("content/pages/bulk/p{index}.md")),
            &format!("---\ntitle: Page {index}\n---\n{body}"),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let site = mini_site();
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).code, 0);
    let before = snapshot(&out);
    add_pages(site.path(), 3000);

    let binary = assert_cmd::cargo::cargo_bin("stele");
    let mut child = std::process::Command::new(binary)
        .arg("build")
        .arg("--site")
        .arg(site.path())
        .arg("--out")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("stele starts");
    // Kill it as soon as it starts writing its staging folder (or after a while, mid-render).
    let started = Instant::now();
    let staging_seen = loop {
        let staging = std::fs::read_dir(site.path())
            .expect("site folder")
            .filter_map(Result::ok)
            .any(|entry| {
                entry
                    .file_name()
                    .to_string_lossy()
                    .contains("stele-staging")
            });
        if staging || started.elapsed() > Duration::from_secs(20) {
            break staging;
        }
        if child.try_wait().expect("status").is_some() {
            break false;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let finished_first = child.try_wait().expect("status").is_some();
    let _ = child.kill(); // SIGKILL on Unix: no cleanup runs.
    let _ = child.wait();
    assert!(
        !finished_first,
        "the build finished before it could be interrupted; make the site bigger"
    );
    let _ = staging_seen;
    assert_eq!(before, snapshot(&out), "the previous output changed");

    // The next build cleans up after the killed one and succeeds.
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("en/bulk/p2999/index.html").is_file());
    let mut leftovers: Vec<String> = std::fs::read_dir(site.path())
        .expect("site folder")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("stele-") && name != ".stele-cache")
        .collect();
    // Only the tree the next build will update in place and the lock file remain beside the
    // output (and the build record in .stele-cache/).
    leftovers.sort();
    assert_eq!(leftovers, [".public.stele-lock", ".public.stele-previous"]);
}

#[test]
fn oversized_files_are_refused_with_a_message() {
    let site = mini_site();
    let huge = site.path().join("content/data/huge.yaml");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(65 * 1024 * 1024).expect("sparse file");
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/data/huge.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Stele reads files up to 64 MiB"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hundred_thousand_data_entries_build() {
    let site = mini_site();
    let mut yaml = String::with_capacity(4_000_000);
    for index in 0..100_000 {
        yaml.push_str(&format!(
            "entry_{index}: {{name: \"Item {index}\", count: {index}}}\n"
        ));
    }
    write(&site.path().join("content/data/many.yaml"), &yaml);
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_ten_megabyte_page_builds() {
    let site = mini_site();
    let paragraph = "A long guidance page paragraph with **bold** words, a [link](https://example.org) and `code`.\n\n";
    let body = paragraph.repeat(10 * 1024 * 1024 / paragraph.len());
    write(
        &site.path().join("content/pages/long.md"),
        &format!("---\ntitle: Long\n---\n{body}"),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::metadata(out.join("en/long/index.html"))
            .expect("page")
            .len()
            > 10_000_000
    );
}

#[test]
fn script_urls_in_data_are_refused() {
    let site = mini_site();
    write(
        &site.path().join("content/data/links.yaml"),
        "help: \"javascript:alert(document.cookie)\"\n",
    );
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/data/links.yaml:1:7"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`javascript:` URL is refused"),
        "{}",
        run.stderr
    );
}

#[test]
fn slugs_cannot_leave_the_output() {
    let site = mini_site();
    for slug in ["../../escaped", "a/../../b", "..", "./x"] {
        write(
            &site.path().join("content/pages/evil.md"),
            &format!("---\ntitle: Evil\nslug: \"{slug}\"\n---\nx\n"),
        );
        let run = build(site.path(), &site.path().join("public"));
        assert_eq!(run.code, 1, "{slug}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/pages/evil.md:3:"),
            "{}",
            run.stderr
        );
    }
    assert!(!site.path().join("escaped").exists());
    // A leading slash is taken as relative to the language folder, never the file system.
    write(
        &site.path().join("content/pages/evil.md"),
        "---\ntitle: Evil\nslug: \"/etc/passwd\"\n---\nx\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("en/etc/passwd/index.html").is_file());
}
