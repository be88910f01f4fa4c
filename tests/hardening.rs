//! Hardening end to end (issue 11): one build per output folder, outputs verified before
//! anything is carried over, a swap that a kill cannot leave half done, bounded work on
//! hostile inputs, and early located refusals.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

/// An output folder's files, without the manifest (which names its build and stamps).
fn output_files(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = snapshot(out);
    files.remove(Path::new(".stele-manifest"));
    files
}

/// A clean build of `site` into a new folder, as files.
fn clean_build(site: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = tempfile::tempdir().expect("temporary folder");
    let target = out.path().join("public");
    let run = build(site, &target);
    assert_eq!(run.code, 0, "{}", run.stderr);
    output_files(&target)
}

/// The mini site with `count` more pages whose text names `marker`, so that builds of two
/// such sites take a while and differ in every page.
fn marked_site(marker: &str, count: usize) -> tempfile::TempDir {
    let site = mini_site();
    for index in 0..count {
        write(
            &site.path().join(format!("content/pages/bulk/p{index}.md")),
            &format!("---\ntitle: Page {index}\n---\n\n{marker} page {index}.\n"),
        );
    }
    site
}

fn spawn_build(site: &Path, out: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("stele"))
        .arg("build")
        .arg("--site")
        .arg(site)
        .arg("--out")
        .arg(out)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("stele starts")
}

#[test]
fn two_builds_into_one_output_folder_never_mix() {
    let one = marked_site("Alpha", 400);
    let two = marked_site("Bravo", 400);
    let expected_one = clean_build(one.path());
    let expected_two = clean_build(two.path());
    let shared = tempfile::tempdir().expect("temporary folder");
    let out = shared.path().join("public");
    for round in 0..3 {
        let first = spawn_build(one.path(), &out);
        let second = spawn_build(two.path(), &out);
        for child in [first, second] {
            let finished = child.wait_with_output().expect("stele finishes");
            assert!(
                finished.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&finished.stderr)
            );
        }
        let files = output_files(&out);
        assert!(
            files == expected_one || files == expected_two,
            "round {round}: the output mixes the two sites"
        );
        // Each site's next build, alone, gives exactly its own output.
        for (site, expected) in [(&one, &expected_one), (&two, &expected_two)] {
            let run = build(site.path(), &out);
            assert_eq!(run.code, 0, "{}", run.stderr);
            assert_eq!(&output_files(&out), expected, "round {round}");
        }
    }
}

#[test]
fn a_waiting_build_says_so() {
    let site = marked_site("Alpha", 20);
    let out = site.path().join("public");
    // Hold the lock the way a running build does.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(site.path().join(".public.stele-lock"))
        .expect("lock file");
    lock.lock().expect("locked");
    let child = spawn_build(site.path(), &out);
    std::thread::sleep(Duration::from_millis(500));
    assert!(!out.exists(), "the build did not wait for the lock");
    drop(lock);
    let finished = child.wait_with_output().expect("stele finishes");
    let stderr = String::from_utf8_lossy(&finished.stderr);
    assert!(finished.status.success(), "{stderr}");
    assert!(
        stderr.contains("Waiting for another `stele build`"),
        "{stderr}"
    );
    assert_eq!(output_files(&out), clean_build(site.path()));
}

/// Appends to a file in place, keeping its inode and so every hard link to it.
fn edit_in_place(path: &Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("output file");
    file.write_all(text.as_bytes()).expect("appended");
}

const SETTLED: Duration = Duration::from_secs(100);

#[test]
fn files_edited_in_the_output_are_rewritten() {
    let site = mini_site();
    let root = site.path();
    let data = root.join("content/data/products.yaml");
    let out = root.join("public");
    let expected = clean_build(root);
    for (case, edit) in [
        ("append", "<script>alert(1)</script>"),
        ("one byte", "x"),
        ("nothing but time", ""),
    ] {
        age_site(root, SETTLED);
        assert_eq!(build(root, &out).code, 0);
        // A second build fills the other tree: now the two share files by hard link.
        let original = read(&data);
        write(
            &data,
            &original.replace("max_seats: 2000", "max_seats: 2001"),
        );
        age(&data, Duration::from_secs(10));
        assert_eq!(build(root, &out).code, 0);
        write(&data, &original);
        age(&data, Duration::from_secs(5));
        assert_eq!(build(root, &out).code, 0);
        for page in ["en/index.html", "nl/guide/index.html", "sitemap.xml"] {
            edit_in_place(&out.join(page), edit);
        }
        if edit.is_empty() {
            let file = std::fs::File::options()
                .write(true)
                .open(out.join("en/index.html"))
                .expect("output file");
            file.set_modified(std::time::SystemTime::now())
                .expect("touched");
        }
        // Unchanged site, then a one-value edit (the express path), then back.
        let run = build(root, &out);
        assert_eq!(run.code, 0, "{case}: {}", run.stderr);
        assert_eq!(output_files(&out), expected, "{case}: unchanged site");
        write(
            &data,
            &original.replace("max_seats: 2000", "max_seats: 2002"),
        );
        age(&data, Duration::from_secs(3));
        assert_eq!(build(root, &out).code, 0);
        write(&data, &original);
        age(&data, Duration::from_secs(2));
        assert_eq!(build(root, &out).code, 0);
        assert_eq!(
            output_files(&out),
            expected,
            "{case}: after an edit and back"
        );
        let previous = root.join(".public.stele-previous");
        let previous_files = output_files(&previous);
        for page in ["en/index.html", "nl/guide/index.html", "sitemap.xml"] {
            let path = Path::new(page);
            assert!(
                !previous_files[path].ends_with(b"</script>"),
                "{case}: the previous tree kept the edit of {page}"
            );
        }
    }
}

#[test]
fn a_swap_interrupted_between_its_renames_is_repaired() {
    let site = mini_site();
    let root = site.path();
    let out = root.join("public");
    let expected = clean_build(root);
    assert_eq!(build(root, &out).code, 0);
    assert_eq!(build(root, &out).code, 0);
    // The state a build killed between the renames of a two-rename swap leaves: the older
    // tree became the staging folder, and the output was moved aside.
    let previous = root.join(".public.stele-previous");
    std::fs::rename(&previous, root.join(".public.stele-staging")).expect("rename");
    std::fs::rename(&out, &previous).expect("rename");
    assert!(!out.exists());
    let run = build(root, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(output_files(&out), expected);
    // And the state after a one-step exchange, before the old tree is renamed: the old
    // output sits in the staging folder's place.
    std::fs::rename(&previous, root.join(".public.stele-staging")).expect("rename");
    let run = build(root, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(output_files(&out), expected);
}
