//! Hardening end to end (issue 11): one build per output folder, outputs verified before
//! anything is carried over, a swap that a kill cannot leave half done, bounded work on
//! hostile inputs, and early located refusals.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

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

/// However `--out` is spelled (a trailing slash, `.` and `..`, a relative path, a link to
/// the folder or to a folder above it), a build waits for the one lock of the folder it
/// really writes, and writes there.
#[test]
fn every_spelling_of_one_output_folder_shares_its_lock() {
    let site = marked_site("Alpha", 5);
    let root = site.path();
    let out = root.join("public");
    let expected = clean_build(root);
    assert_eq!(build(root, &out).code, 0);
    std::os::unix::fs::symlink(root, root.join("up")).expect("link");
    std::os::unix::fs::symlink(&out, root.join("public-link")).expect("link");
    std::fs::create_dir_all(root.join("x")).expect("folder");
    let spellings = [
        format!("{}/", out.display()),
        format!("{}/x/../public", root.display()),
        format!("{}/./public", root.display()),
        "public".to_string(),
        format!("{}/up/public", root.display()),
        format!("{}/public-link", root.display()),
    ];
    for spelling in spellings {
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(root.join(".public.stele-lock"))
            .expect("lock file");
        lock.lock().expect("locked");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stele"))
            .args(["build", "--site"])
            .arg(root)
            .arg("--out")
            .arg(&spelling)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("stele starts");
        std::thread::sleep(Duration::from_millis(700));
        assert!(
            child.try_wait().expect("status").is_none(),
            "{spelling}: the build did not wait for the lock"
        );
        drop(lock);
        let finished = child.wait_with_output().expect("stele finishes");
        let stderr = String::from_utf8_lossy(&finished.stderr);
        assert!(finished.status.success(), "{spelling}: {stderr}");
        assert!(
            stderr.contains("Waiting for another `stele build`"),
            "{spelling}: {stderr}"
        );
        assert!(out.is_dir(), "{spelling}");
        assert_eq!(output_files(&out), expected, "{spelling}");
        assert!(
            root.join("public-link").is_symlink(),
            "{spelling}: the link was replaced"
        );
    }
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

/// Appends `text` to a file of the site.
fn append(path: &Path, text: &str) {
    let mut all = read(path);
    all.push_str(text);
    write(path, &all);
}

fn check(site: &Path) -> Run {
    run(stele().arg("check").arg("--site").arg(site))
}

/// Runs `check` and `build` and expects both to refuse with `expected` in a located error
/// (`--> file:line:column`) and no panic.
fn refused_where_written(site: &Path, expected: &str, file: &str) {
    refused_at(site, expected, &format!("{file}:"));
}

/// Runs `check` and `build` and expects both to refuse with `expected` in an error located
/// at `--> place` and no panic; the error output of each, to look at further.
fn refused_at(site: &Path, expected: &str, place: &str) -> Vec<String> {
    ["check", "build"]
        .into_iter()
        .map(|command| {
            let result = if command == "check" {
                check(site)
            } else {
                build(site, &site.join("public"))
            };
            assert_eq!(result.code, 1, "{command}: {}", result.stderr);
            assert!(
                result.stderr.contains(expected),
                "{command}: {}",
                result.stderr
            );
            assert!(
                result.stderr.contains(&format!("--> {place}")),
                "{command}: not located at {place}: {}",
                result.stderr
            );
            assert!(
                !result.stderr.contains("internal error"),
                "{}",
                result.stderr
            );
            result.stderr
        })
        .collect()
}

#[test]
fn deep_fluent_nesting_is_a_located_error() {
    let cases = [
        format!("deep = {}$x{}\n", "{ ".repeat(20_000), " }".repeat(20_000)),
        format!("deep = {}1{}\n", "{ NUMBER(".repeat(50), ") }".repeat(50)),
        format!(
            "-deep = {}x{}\n",
            "{ $n ->\n *[other] ".repeat(40),
            "\n}".repeat(40)
        ),
        format!(
            "deep = {}x{}\n",
            "{ -t(a: 1, b: ".repeat(40),
            ") }".repeat(40)
        ),
        format!("deep = {}$x{}\n", "{".repeat(33), "}".repeat(33)),
        format!(
            "deep =\n    {}$x{}\n",
            "{\n    ".repeat(100),
            "\n    }".repeat(100)
        ),
    ];
    for case in cases {
        let site = mini_site();
        append(&site.path().join("locales/en/main.ftl"), &case);
        refused_where_written(site.path(), "nested more than 32", "locales/en/main.ftl");
    }
}

#[test]
fn icu_options_out_of_range_are_located_errors() {
    for option in [
        "minimumFractionDigits: 65536",
        "maximumFractionDigits: 21",
        "minimumFractionDigits: 99999999999999999999999",
        "minimumIntegerDigits: 0",
        "maximumSignificantDigits: 1000",
        "minimumSignificantDigits: 22",
    ] {
        let site = mini_site();
        append(
            &site.path().join("locales/en/main.ftl"),
            &format!("big = {{ NUMBER(1, {option}) }}\n"),
        );
        refused_where_written(site.path(), "must be a whole number", "locales/en/main.ftl");
    }
}

#[test]
fn overlong_settings_are_located_errors() {
    let long = "x".repeat(30 << 20);
    for (from, to) in [
        (
            "base_url: https://fixture.example/docs/",
            format!("base_url: https://{long}/"),
        ),
        ("title: site-title", format!("title: {}", &long[..5000])),
        ("theme: plain", format!("theme: {}", &long[..3000])),
        (
            "    data: products.releases",
            format!("    data: {}", &long[..2049]),
        ),
        (
            "    path: releases",
            format!("    path: {}", &long[..10_000]),
        ),
        (
            "source_locale: en",
            format!("source_locale: {}", &long[..2049]),
        ),
    ] {
        let site = mini_site();
        let config = site.path().join("content/site.yaml");
        write(&config, &read(&config).replace(from, &to));
        refused_where_written(
            site.path(),
            "settings may have at most 2048",
            "content/site.yaml",
        );
    }
}

#[test]
fn template_loops_that_grow_without_bound_stop() {
    let page = |extra: &str| {
        format!(
            "{{% extends \"base.html\" %}}\n{{% block content %}}\n<h1>{{{{ page.title }}}}</h1>\n{extra}\n{{{{ page.content }}}}\n{{% endblock content %}}\n"
        )
    };
    // Values fed into themselves twice per pass: refused before rendering, where written.
    for doubling in [
        r#"{% set s = "x" %}{% for i in range(end=40) %}{% set s = s ~ s %}{% endfor %}{{ s }}"#,
        r#"{% set s = "x" %}{% for i in range(end=40) %}{% set_global s = s ~ "," ~ s %}{% endfor %}{{ s }}"#,
        r#"{% set a = "x" %}{% set b = "y" %}{% for i in range(end=60) %}{% set a = a ~ b %}{% set b = a %}{% endfor %}{{ a }}"#,
        r#"{% set s = "x" %}{% for i in range(end=40) %}{% set s = [s, s] | join(sep="") %}{% endfor %}{{ s }}"#,
        r#"{% set s = "xx" %}{% for i in range(end=40) %}{% set s = s | replace(from="x", to=s) %}{% endfor %}{{ s }}"#,
    ] {
        let site = mini_site();
        write(
            &site.path().join("themes/plain/templates/page.html"),
            &page(doubling),
        );
        refused_where_written(
            site.path(),
            "each pass can double it",
            "themes/plain/templates/page.html",
        );
    }
    // Loops that write without end stop at the page limit, naming the template.
    let site = mini_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        &page(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
        ),
    );
    let result = build(site.path(), &site.path().join("public"));
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("grew past 64 MiB"),
        "{}",
        result.stderr
    );
    // At the template's first loop: Tera cannot say which node was writing (found by
    // fuzz/fuzz_targets/template_loops, which asks every problem for its place).
    assert!(
        result
            .stderr
            .contains("--> themes/plain/templates/page.html:4:1"),
        "{}",
        result.stderr
    );
    // A loop that adds to a value once per pass is fine.
    let site = mini_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        &page(
            r#"{% set s = "" %}{% for i in range(end=5) %}{% set_global s = s ~ i %}{% endfor %}<p id="s">{{ s }}</p>"#,
        ),
    );
    let result = build(site.path(), &site.path().join("public"));
    assert_eq!(result.code, 0, "{}", result.stderr);
    let html = read(&site.path().join("public/en/guide/index.html"));
    assert!(html.contains(r#"<p id="s">01234</p>"#), "{html}");
}

#[test]
fn filters_that_multiply_a_value_stop_at_the_value_limit() {
    // Found by fuzz/fuzz_targets/template_loops: a value doubled without a loop to the
    // most a `set` allows, then replaced into itself, asked for terabytes: the build
    // aborted with "memory allocation failed". The filter's output is made before any
    // `set` or the page can measure it.
    let grown = |start: &str, times: usize| {
        format!(
            "{{% set s = \"{start}\" %}}{}",
            "{% set s = s ~ s %}".repeat(times)
        )
    };
    let cases = [
        (
            format!(
                "{}{{{{ s | replace(from=\"a\", to=s) | length }}}}",
                grown("ab", 20)
            ),
            "replace",
        ),
        (
            format!("{}{{{{ s | replace(from=\"\", to=s) }}}}", grown("ab", 13)),
            "replace",
        ),
        (
            format!(
                "{}{{{{ s | indent(width=1000, blank=true) }}}}",
                grown("\n", 17)
            ),
            "indent",
        ),
        (
            format!(
                "{}{{{{ range(end=100000) | join(sep=s) }}}}",
                grown("ab", 10)
            ),
            "join",
        ),
        (
            format!(
                "{}{{% for c in s | split(pat=\"\") %}}{{% endfor %}}",
                grown("ab", 21)
            ),
            "split",
        ),
        (
            format!(
                "{}{{{{ s | split(pat=\"b\") | join(sep=s) | length }}}}",
                grown("ab", 13)
            ),
            "join",
        ),
    ];
    for (body, filter) in cases {
        let site = mini_site();
        write(
            &site.path().join("themes/plain/templates/page.html"),
            &page_with(&body),
        );
        let result = build(site.path(), &site.path().join("public"));
        assert_eq!(result.code, 1, "{filter}: {}", result.stderr);
        let expected = format!("`{filter}` would make a value larger than 64 MiB");
        assert!(result.stderr.contains(&expected), "{}", result.stderr);
        assert!(
            result
                .stderr
                .contains("--> themes/plain/templates/page.html:"),
            "{}",
            result.stderr
        );
        assert!(
            !result.stderr.contains("internal error"),
            "{}",
            result.stderr
        );
        assert!(!site.path().join("public").exists());
    }
    // The same filters on text of a page's size work as before.
    let site = mini_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        &page_with(&format!(
            "{}<p id=\"r\">{{{{ s | replace(from=\"a\", to=\"xy\") | length }}}} \
             {{{{ s | split(pat=\"b\") | join(sep=\"---\") | length }}}} \
             {{{{ s | indent(width=8, first=true) | length }}}}</p>",
            grown("ab", 10)
        )),
    );
    let result = build(site.path(), &site.path().join("public"));
    assert_eq!(result.code, 0, "{}", result.stderr);
    let html = read(&site.path().join("public/en/guide/index.html"));
    assert!(html.contains(r#"<p id="r">3072 4096 2056</p>"#), "{html}");
}

#[test]
fn long_reference_chains_are_checked() {
    let site = mini_site();
    let mut chain = String::new();
    for index in 0..10_000 {
        chain.push_str(&format!("chain-{index} = step {{ chain-{} }}\n", index + 1));
    }
    chain.push_str("chain-10000 = end\n");
    append(&site.path().join("locales/en/main.ftl"), &chain);
    let result = check(site.path());
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("message `chain-9999` has no translation")
    );
}

#[test]
fn config_problems_are_located() {
    let cases = [
        (
            "source_locale: en",
            "source_locale: xx",
            "has no folder locales/xx/",
            1,
        ),
        (
            "theme: plain",
            "theme: nothing",
            "theme `nothing` does not exist",
            3,
        ),
        (
            "title: site-title",
            "title: no-such-message",
            "names message `no-such-message`",
            4,
        ),
        (
            "    data: products.releases",
            "    data: products.nothing",
            "reads `data.products.nothing`",
            7,
        ),
        (
            "    path: releases",
            "    path: ../up",
            "unsafe output path",
            8,
        ),
        (
            "    template: release.html",
            "    template: ../x.html",
            "which is not a file name",
            9,
        ),
    ];
    for (from, to, expected, line) in cases {
        let site = mini_site();
        let config = site.path().join("content/site.yaml");
        write(&config, &read(&config).replace(from, to));
        let result = check(site.path());
        assert_eq!(result.code, 1, "{to}: {}", result.stderr);
        assert!(result.stderr.contains(expected), "{to}: {}", result.stderr);
        assert!(
            result
                .stderr
                .contains(&format!("--> content/site.yaml:{line}:")),
            "{to}: {}",
            result.stderr
        );
    }
}

#[test]
fn bad_page_addresses_are_refused_in_check() {
    for slug in [
        "x".repeat(300),
        "a%20b".to_string(),
        "what?".to_string(),
        "a#b".to_string(),
        "\"quoted\"".to_string(),
        "<b>".to_string(),
        "two words".to_string(),
        "it's".to_string(),
    ] {
        let site = mini_site();
        let guide = site.path().join("content/pages/guide.md");
        let text = read(&guide);
        let escaped = slug.replace('\\', "\\\\").replace('"', "\\\"");
        write(
            &guide,
            &text.replacen("---\n", &format!("---\nslug: \"{escaped}\"\n"), 1),
        );
        refused_where_written(site.path(), "slug", "content/pages/guide.md");
    }
}

#[cfg(unix)]
#[test]
fn an_output_folder_through_a_link_is_judged_where_it_leads() {
    let site = mini_site();
    let outside = tempfile::tempdir().expect("temporary folder");
    for (name, target, below) in [
        ("into-content", site.path().join("content"), "new"),
        ("into-theme", site.path().join("themes/plain"), "new"),
        ("into-site", site.path().to_path_buf(), "themes/new"),
        ("into-locales", site.path().join("locales/en"), "new"),
        ("above-site", site.path().join(".."), "."),
    ] {
        let link = outside.path().join(name);
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        for out in [link.clone(), link.join(below)] {
            let result = build(site.path(), &out);
            assert_eq!(result.code, 2, "{}: {}", out.display(), result.stderr);
            assert!(result.stderr.contains("refusing"), "{}", result.stderr);
        }
    }
    assert!(site.path().join("content/site.yaml").is_file());
    assert!(!site.path().join("content/new").exists());
}

/// The fixture's page template with `extra` after the page's content.
fn page_with(extra: &str) -> String {
    format!(
        "{{% extends \"base.html\" %}}\n{{% block content %}}\n<h1>{{{{ page.title }}}}</h1>\n{{{{ page.content }}}}\n{extra}\n{{% endblock content %}}\n"
    )
}

/// Templates written (in the theme, or in the site's own `templates/` when so named), the
/// place of the tag that starts the loop, and the loop as the error names it.
type LoopCase = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

#[test]
fn include_loops_are_named_as_loops() {
    let cases: [LoopCase; 6] = [
        (
            &[("a.html", "<p>a</p>\n  {% include \"a.html\" %}\n")],
            "themes/plain/templates/a.html:2:3",
            "a.html → a.html (a.html:2:3 includes a.html)",
        ),
        (
            &[
                ("a.html", "<p>a</p>\n{% include \"b.html\" %}\n"),
                ("b.html", "<p>b</p>\n\n{%- include \"a.html\" -%}\n"),
            ],
            "themes/plain/templates/a.html:2:1",
            "a.html → b.html → a.html (a.html:2:1 includes b.html; b.html:3:1 includes a.html)",
        ),
        (
            &[
                ("a.html", "{% include \"b.html\" %}"),
                ("b.html", "{% include \"c.html\" %}"),
                ("c.html", "<p>c</p>{% include 'a.html' %}"),
            ],
            "themes/plain/templates/a.html:1:1",
            "a.html → b.html → c.html → a.html (a.html:1:1 includes b.html; b.html:1:1 includes c.html; c.html:1:9 includes a.html)",
        ),
        (
            &[
                ("a.html", "{% include \"b.html\" %}"),
                ("templates/b.html", "<p>own</p>\n{% include \"a.html\" %}"),
            ],
            "themes/plain/templates/a.html:1:1",
            "a.html → b.html → a.html (a.html:1:1 includes b.html; b.html:2:1 includes a.html)",
        ),
        (
            &[
                ("x.html", "{% extends \"y.html\" %}"),
                ("y.html", "\n{% extends \"x.html\" %}"),
            ],
            "themes/plain/templates/x.html:1:1",
            "x.html → y.html → x.html (x.html:1:1 extends y.html; y.html:2:1 extends x.html)",
        ),
        (
            &[("x.html", "{# itself #}{% extends \"x.html\" %}")],
            "themes/plain/templates/x.html:1:13",
            "x.html → x.html (x.html:1:13 extends x.html)",
        ),
    ];
    for (templates, place, chain) in cases {
        let site = mini_site();
        for (name, text) in templates {
            let path = match name.strip_prefix("templates/") {
                Some(own) => site.path().join("templates").join(own),
                None => site.path().join("themes/plain/templates").join(name),
            };
            write(&path, text);
        }
        let keyword = if chain.contains("extends") {
            "`extends` loop"
        } else {
            "`include` loop"
        };
        for stderr in refused_at(site.path(), &format!("{keyword}: {chain}"), place) {
            assert!(!stderr.contains("Unknown template"), "{stderr}");
        }
        assert!(!site.path().join("public").exists());
    }
}

/// Found by fuzz/fuzz_targets/templates: `{%}` in a template made `check` and `build`
/// panic (the scans of tags sliced backwards) instead of reporting Tera's syntax error.
#[test]
fn an_opening_brace_percent_brace_is_a_located_error() {
    for extra in [
        "<p>{%} x</p>",
        "{%}",
        "{%}{% for i in range(end=2) %}{% endfor %}",
    ] {
        let site = mini_site();
        let path = site.path().join("themes/plain/templates/page.html");
        let text = read(&path).replacen(
            "{% block content %}",
            &format!("{{% block content %}}\n{extra}"),
            1,
        );
        write(&path, &text);
        refused_where_written(
            site.path(),
            "error[template-error]",
            "themes/plain/templates/page.html",
        );
    }
}

/// Found by fuzz/fuzz_targets/templates: a template extending one the theme lacks was
/// reported without a place.
#[test]
fn a_missing_parent_template_is_located() {
    for (text, place) in [
        ("{% extends \"nope.html\" %}", "page.html:1:1"),
        (
            "{# a comment #}\n\n  {%- extends 'nope.html' -%}",
            "page.html:3:3",
        ),
    ] {
        let site = mini_site();
        write(&site.path().join("themes/plain/templates/page.html"), text);
        refused_at(
            site.path(),
            "`page.html` extends `nope.html`, which the theme does not have",
            &format!("themes/plain/templates/{place}"),
        );
    }
}

#[test]
fn unquoted_template_values_are_refused() {
    for (extra, line, column) in [
        ("<a title={{ t(id=\"site-title\") }}>x</a>", 5, 10),
        ("<p class=note-{{ page.title }}>x</p>", 5, 15),
        ("<span {{ page.title }}>x</span>", 5, 7),
        (
            "<img alt=\"\" src= {{ url(path='static/site.css') }}>",
            5,
            18,
        ),
        ("<a href=\"#\"\n   title={{ page.title }}\n>x</a>", 6, 10),
        (
            "<input {% if page.title %}value={{ page.title }}{% endif %}>",
            5,
            33,
        ),
    ] {
        let site = mini_site();
        write(
            &site.path().join("themes/plain/templates/page.html"),
            &page_with(extra),
        );
        refused_where_written(
            site.path(),
            "a value with a space in it would add attributes of its own",
            &format!("themes/plain/templates/page.html:{line}"),
        );
        let result = check(site.path());
        assert!(
            result.stderr.contains(&format!(
                "--> themes/plain/templates/page.html:{line}:{column}\n"
            )),
            "{}",
            result.stderr
        );
    }
    // Quoted, in text, in comments and in scripts, values stay where they are put.
    let site = mini_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        &page_with(
            "<a title=\"{{ page.title }}\" data-x='{{ page.title }}'>{{ page.title }}</a>\n\
             <!-- <a title={{ page.title }}> -->\n<p>1 < 2 and {{ page.title }}</p>",
        ),
    );
    let result = build(site.path(), &site.path().join("public"));
    assert_eq!(result.code, 0, "{}", result.stderr);
}

#[test]
fn files_added_by_hand_to_the_output_do_not_survive() {
    let site = mini_site();
    let root = site.path();
    let out = root.join("public");
    let data = root.join("content/data/products.yaml");
    let expected = clean_build(root);
    let previous = root.join(".public.stele-previous");
    age_site(root, SETTLED);
    assert_eq!(build(root, &out).code, 0);
    assert_eq!(build(root, &out).code, 0);
    let strays = [
        "stray.html",
        "en/stray.html",
        "en/guide/notes.txt",
        "deep/er/still/file.js",
        ".hidden",
    ];
    for (round, tree) in [&out, &previous, &out].into_iter().enumerate() {
        for stray in strays {
            write(&tree.join(stray), "<script>alert(1)</script>");
        }
        std::fs::create_dir_all(tree.join("empty/folder")).expect("folder");
        // Several builds: the tree a file was added to comes back as staging tree in turn;
        // one of them takes the one-value edit path.
        let original = read(&data);
        for step in 0..4 {
            if step == 2 {
                write(
                    &data,
                    &original.replace("max_seats: 2000", "max_seats: 2003"),
                );
                age(&data, Duration::from_secs(4));
            } else if step == 3 {
                write(&data, &original);
                age(&data, Duration::from_secs(3));
            }
            let run = build(root, &out);
            assert_eq!(run.code, 0, "round {round}, build {step}: {}", run.stderr);
            if step != 2 {
                let found = output_files(&out);
                let differing: Vec<&PathBuf> = found
                    .keys()
                    .chain(expected.keys())
                    .filter(|path| found.get(*path) != expected.get(*path))
                    .collect();
                assert!(
                    differing.is_empty(),
                    "round {round}, build {step}: not a clean build's output: {differing:?}"
                );
            }
            assert!(!out.join("empty").exists(), "round {round}, build {step}");
        }
        for stray in strays {
            assert!(!out.join(stray).exists(), "round {round}: {stray}");
            assert!(!previous.join(stray).exists(), "round {round}: {stray}");
        }
    }
}

#[test]
fn template_work_is_bounded_while_rendering() {
    // Work the text of the template cannot show: loops that write nothing, text captured
    // by a filter section, a value doubled without a loop, loops spread over includes.
    let unrolled = format!(
        "{{% set s = \"xy\" %}}{}{{{{ s | length }}}}",
        "{% set s = s ~ s %}".repeat(40)
    );
    // Work inside each pass counts: 100,000 passes are few, but not of sixty tags each.
    let busy = format!(
        "{{% for i in range(end=100000) %}}{}{{% endfor %}}",
        "{{ i }}".repeat(60)
    );
    // An included template without loops of its own still does all its tags in each pass.
    let heavy = "{% set x = 1 %}".repeat(60);
    let cases: [(&str, String, &str); 7] = [
        (
            "page.html",
            busy,
            "the loops of this page would run more than 5000000 steps (this loop adds 6000000: 100000 passes of 60 tags)",
        ),
        (
            "page.html",
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}".into(),
            "the loops of this page would run more than 5000000 steps",
        ),
        (
            "page.html",
            "{% filter upper %}{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}{% endfilter %}".into(),
            "the loops of this page would run more than 5000000 steps",
        ),
        (
            "page.html",
            "{% set parts = range(end=100000) %}{% for a in parts %}{% for b in parts %}{% for c in parts %}{% endfor %}{% endfor %}{% endfor %}".into(),
            "the loops of this page would run more than 5000000 steps",
        ),
        ("page.html", unrolled, "a value set here grew past 64 MiB"),
        (
            "heavy.html",
            heavy,
            "the loops of this page would run more than 5000000 steps (this template, block or component adds 60 tags each time it is rendered)",
        ),
        (
            "inner.html",
            "{% for j in range(end=100000) %}{{ j }}{% endfor %}".into(),
            "the loops of this page would run more than 5000000 steps",
        ),
    ];
    for (file, body, expected) in cases {
        let site = mini_site();
        let templates = site.path().join("themes/plain/templates");
        if file == "inner.html" || file == "heavy.html" {
            write(&templates.join(file), &body);
            let passes = if file == "inner.html" { 200 } else { 100_000 };
            write(
                &templates.join("page.html"),
                &page_with(&format!(
                    "{{% for i in range(end={passes}) %}}{{% include \"{file}\" %}}{{% endfor %}}"
                )),
            );
        } else {
            write(&templates.join("page.html"), &page_with(&body));
        }
        let result = build(site.path(), &site.path().join("public"));
        assert_eq!(result.code, 1, "{expected}: {}", result.stderr);
        assert!(result.stderr.contains(expected), "{}", result.stderr);
        assert!(
            result
                .stderr
                .contains(&format!("--> themes/plain/templates/{file}:")),
            "{}",
            result.stderr
        );
        assert!(
            !result.stderr.contains("internal error"),
            "{}",
            result.stderr
        );
        assert!(!site.path().join("public").exists());
    }
    // Errors after a loop's tag on its line point at the author's own column.
    let site = mini_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        &page_with("{% for i in range(end=2) %}{% set x = i %}{{ missing.value }}{% endfor %}"),
    );
    let result = build(site.path(), &site.path().join("public"));
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("--> themes/plain/templates/page.html:5:46"),
        "{}",
        result.stderr
    );
}

/// `stele build` on `site` with the default output folder (`<site>/public`).
fn build_default(site: &Path) -> Run {
    run(stele().arg("build").arg("--site").arg(site))
}

/// A folder outside the site with files (one in a subfolder) a build must never touch.
fn victim() -> (tempfile::TempDir, BTreeMap<PathBuf, Vec<u8>>) {
    let outside = tempfile::tempdir().expect("temporary folder");
    let victim = outside.path().join("victim");
    write(&victim.join("precious.txt"), "keep me\n");
    write(&victim.join("deeper/notes.md"), "and me\n");
    let files = snapshot(&victim);
    (outside, files)
}

/// A link committed at a path Stele writes, renames or removes beside the output (or at its
/// cache) would have the build empty and fill what it leads to: it is refused with exit
/// code 2, naming the path, before anything is written, and the folder it leads to keeps
/// every file.
#[cfg(unix)]
#[test]
fn links_where_stele_keeps_its_trees_are_refused() {
    for name in [
        ".public.stele-previous",
        ".public.stele-staging",
        ".stele-cache",
        ".public.stele-lock",
        "public",
    ] {
        for built_before in [false, true] {
            let site = mini_site();
            let root = site.path();
            if built_before {
                assert_eq!(build_default(root).code, 0);
                assert_eq!(build_default(root).code, 0, "a second build fills previous");
                let path = root.join(name);
                if path.is_dir() {
                    std::fs::remove_dir_all(&path).expect("removed");
                } else if path.exists() {
                    std::fs::remove_file(&path).expect("removed");
                }
            }
            let (outside, expected) = victim();
            let target = outside.path().join("victim");
            let link = root.join(name);
            std::os::unix::fs::symlink(&target, &link).expect("symlink");
            let run = build_default(root);
            assert_eq!(run.code, 2, "{name}: {}", run.stderr);
            assert!(
                run.stderr.contains(name) && run.stderr.contains("symbolic link"),
                "{name}: {}",
                run.stderr
            );
            assert!(run.stderr.contains("Remove the link"), "{}", run.stderr);
            assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
            assert_eq!(snapshot(&target), expected, "{name}: the victim changed");
            assert!(link.is_symlink(), "{name}: the link itself was replaced");
            for other in [".public.stele-staging", ".public.stele-previous", "public"] {
                if other != name {
                    assert!(
                        !root.join(other).is_symlink(),
                        "{name}: {other} became a link"
                    );
                }
            }
        }
    }
}

/// A file Stele writes inside its cache folder is made anew, never written through a link
/// found at its name.
#[cfg(unix)]
#[test]
fn links_inside_the_cache_are_replaced_not_followed() {
    let site = mini_site();
    let root = site.path();
    let (outside, expected) = victim();
    let target = outside.path().join("victim");
    std::fs::create_dir_all(root.join(".stele-cache")).expect("cache folder");
    std::os::unix::fs::symlink(
        target.join("precious.txt"),
        root.join(".stele-cache/CACHEDIR.TAG"),
    )
    .expect("symlink");
    let run = build_default(root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(snapshot(&target), expected);
    assert!(!root.join(".stele-cache/CACHEDIR.TAG").is_symlink());
}

/// A previous tree that is a real folder but not one Stele finished (no manifest) may hold
/// links; it is cleared as a whole, links removed as links, before anything is written.
#[cfg(unix)]
#[test]
fn a_previous_tree_without_a_manifest_is_cleared_without_following_its_links() {
    let site = mini_site();
    let root = site.path();
    let (outside, expected) = victim();
    let target = outside.path().join("victim");
    std::fs::create_dir_all(root.join(".public.stele-previous")).expect("folder");
    std::os::unix::fs::symlink(&target, root.join(".public.stele-previous/en")).expect("link");
    let run = build_default(root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(snapshot(&target), expected);
    assert_eq!(output_files(&root.join("public")), clean_build(root));
}

/// Slugs whose output would take the place of another output file (or need a folder where
/// one is written) are located errors in `check` and `build`, which writes nothing and
/// leaves no staging tree.
#[test]
fn output_path_collisions_are_located_errors() {
    for (file, slug, expected) in [
        ("guide.md", "index.html", "is the file of"),
        ("guide.md", "404.html", "404 page"),
        ("other.md", "guide/index.html", "is the file of the page"),
        ("other.md", "guide", "two pages want the address `guide/`"),
        (
            "other.md",
            "releases/widget-1",
            "two pages want the address",
        ),
    ] {
        let site = mini_site();
        let root = site.path();
        let page = root.join("content/pages").join(file);
        if !page.exists() {
            write(&page, "---\ntitle: Other\n---\n\nOther page.\n");
        }
        replace_in(&page, "---\n", &format!("---\nslug: \"{slug}\"\n"));
        let place = format!("content/pages/{file}:2:7");
        refused_at(root, expected, &place);
        assert!(!root.join("public").exists(), "{slug}: output written");
        for tree in [".public.stele-staging", ".public.stele-previous"] {
            assert!(!root.join(tree).exists(), "{slug}: {tree} left behind");
        }
    }
}

#[test]
fn a_collection_path_that_collides_is_located_in_site_yaml() {
    let site = mini_site();
    let root = site.path();
    replace_in(
        &root.join("content/site.yaml"),
        "path: releases",
        "path: guide/index.html",
    );
    let errors = refused_at(root, "is the file of the page", "content/site.yaml:8:5");
    // One error for the collection's path, not one per entry.
    assert_eq!(
        errors[0].matches("is the file of").count(),
        1,
        "{}",
        errors[0]
    );
}

/// A failed build leaves no staging tree; the previous output goes back where it was and
/// the next build, once the site is fixed, is the clean build.
#[test]
fn a_failed_build_leaves_no_staging_tree() {
    let site = mini_site();
    let root = site.path();
    assert_eq!(build_default(root).code, 0);
    append(&root.join("content/data/products.yaml"), "extra: 1\n");
    assert_eq!(build_default(root).code, 0);
    assert!(root.join(".public.stele-previous").is_dir());
    let guide = root.join("content/pages/guide.md");
    let text = read(&guide);
    write(
        &guide,
        &text.replacen("---\n", "---\nslug: \"index.html\"\n", 1),
    );
    assert_eq!(build_default(root).code, 1);
    assert!(!root.join(".public.stele-staging").exists());
    assert!(root.join(".public.stele-previous").is_dir());
    write(&guide, &text);
    let run = build_default(root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(output_files(&root.join("public")), clean_build(root));
    assert!(!root.join(".public.stele-staging").exists());
}

/// A theme folder that is a link out of the site is refused as a whole, at the link, as a
/// link inside `content/` is: none of its templates is read.
#[cfg(unix)]
#[test]
fn a_theme_linked_from_outside_is_refused() {
    let site = mini_site();
    let root = site.path();
    let outside = tempfile::tempdir().expect("temporary folder");
    let moved = outside.path().join("plain");
    std::fs::rename(root.join("themes/plain"), &moved).expect("moved");
    std::os::unix::fs::symlink(&moved, root.join("themes/plain")).expect("link");
    refused_at(
        root,
        "this link points outside the site folder",
        "themes/plain",
    );
    // A link to a theme inside the site is fine.
    std::fs::remove_file(root.join("themes/plain")).expect("unlinked");
    std::fs::rename(&moved, root.join("themes/real")).expect("moved back");
    std::os::unix::fs::symlink("real", root.join("themes/plain")).expect("link");
    let run = check(root);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The characters Stele marks the places of facts and message arguments with (U+E000,
/// U+E001) are refused where a translator or author types them, in every kind of source
/// they could reach a placeholder from: a page's text, code, link title, alt text or
/// heading, its front matter, a message (typed or as a `\uE000` escape) and a data value.
#[test]
fn reserved_marker_characters_are_refused_where_typed() {
    let page = |body: &str| format!("---\ntitle: Probe\n---\n\n{body}\n");
    let pages = [
        (
            page("Ends on \u{E000}0\u{E001}."),
            "content/pages/probe.md:5:9",
        ),
        (page("`\u{E000}0\u{E001}`"), "content/pages/probe.md:5:2"),
        (
            page("[a](x/ \"\u{E000}0\u{E001}\")"),
            "content/pages/probe.md:5:9",
        ),
        (
            page("![\u{E000}0\u{E001}](x.png)"),
            "content/pages/probe.md:5:3",
        ),
        (page("## \u{E000}0\u{E001}"), "content/pages/probe.md:5:4"),
        (
            "---\ntitle: \"P \\ue0000\\ue001\"\n---\n\nx\n".to_string(),
            "content/pages/probe.md:2:8",
        ),
    ];
    for (text, place) in pages {
        let site = mini_site();
        write(&site.path().join("content/pages/probe.md"), &text);
        refused_at(site.path(), "U+E00", place);
    }
    for (line, place) in [
        ("probe = x \u{E000}0\u{E001}\n", "locales/en/main.ftl:15:11"),
        (
            "probe = { \"\\uE000\" }0{ \"\\uE001\" }\n",
            "locales/en/main.ftl:15:12",
        ),
    ] {
        let site = mini_site();
        append(&site.path().join("locales/en/main.ftl"), line);
        refused_at(site.path(), "U+E000", place);
    }
    let site = mini_site();
    append(
        &site.path().join("content/data/products.yaml"),
        "marked: \"\\ue0000\\ue001\"\n",
    );
    refused_at(site.path(), "U+E000", "content/data/products.yaml:17:9");
}

/// The characters that label text shown from another language (U+E002 to U+E004) are
/// Stele's too: typed into a message, a page or a data value, one could make the labelling
/// pass drop the markup between two of them and turn a later attribute into tag text.
#[test]
fn language_mark_characters_are_refused_where_typed() {
    for (line, mark, place) in [
        (
            "probe = Size\u{E002}\n",
            "U+E002",
            "locales/en/main.ftl:15:13",
        ),
        (
            "probe = { \"\\uE003\" } Fewer\n",
            "U+E003",
            "locales/en/main.ftl:15:12",
        ),
        ("probe = a\u{E004}\n", "U+E004", "locales/en/main.ftl:15:10"),
    ] {
        let site = mini_site();
        append(&site.path().join("locales/en/main.ftl"), line);
        refused_at(site.path(), mark, place);
    }
    let site = mini_site();
    write(
        &site.path().join("content/pages/probe.md"),
        "---\ntitle: Probe\n---\n\nA \u{E002}nl\u{E003}b\n",
    );
    refused_at(site.path(), "U+E002", "content/pages/probe.md:5:3");
    let site = mini_site();
    append(
        &site.path().join("content/data/products.yaml"),
        "marked: \"a\\ue003\"\n",
    );
    refused_at(site.path(), "U+E003", "content/data/products.yaml:17:9");
}

/// A broken link or image of a Markdown page is reported at its line and column in the
/// .md file, as links to other .md files are, not in the page rendered from it; a fact
/// placed in a link's target is filled in with its value (never a marker) and a broken one
/// is reported with that value.
#[test]
fn broken_markdown_links_are_located_in_the_markdown() {
    let site = mini_site();
    append(
        &site.path().join("content/data/products.yaml"),
        "odd: \"a b]c\"\nurl: \"https://fixture.example/x y\"\n",
    );
    write(
        &site.path().join("content/pages/atk.md"),
        "---\ntitle: Probe\n---\n\nSee ![x](nope.png)\nand [y](nope/) and [z](#nowhere).\n\n\
         [w]({{ fact(\"products.odd\") }})\n",
    );
    for (place, says) in [
        ("content/pages/atk.md:5:5", "`nope.png` leads nowhere"),
        ("content/pages/atk.md:6:5", "`nope/` leads nowhere"),
        ("content/pages/atk.md:6:20", "`#nowhere`"),
        ("content/pages/atk.md:8:1", "`a b]c` leads nowhere"),
    ] {
        for stderr in refused_at(site.path(), says, place) {
            assert!(!stderr.contains("--> public/"), "{stderr}");
            assert!(!stderr.contains("%EE%80"), "{stderr}");
            assert!(!stderr.contains("template `page.html`"), "{stderr}");
        }
    }
    // With the broken links gone, the fact's value is the link's target.
    write(
        &site.path().join("content/pages/atk.md"),
        "---\ntitle: Probe\n---\n\n[w]({{ fact(\"products.url\") }}) [v](//elsewhere.example/x)\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(&out.join("en/atk/index.html"));
    assert!(
        html.contains("href=\"https://fixture.example/x%20y\""),
        "{html}"
    );
    assert!(html.contains("href=\"//elsewhere.example/x\""), "{html}");
    assert!(
        !html.contains('\u{E000}') && !html.contains("stele-fact-link"),
        "{html}"
    );
}

/// An option `DATETIME()` or `NUMBER()` would ignore, or a value it does not know, is a
/// located error at the option in check and build, its help listing what is allowed; a
/// bad value no longer changes silently how a fact reads.
#[test]
fn unknown_formatting_options_are_located_errors() {
    for (call, says, option, help) in [
        (
            "DATETIME($date, month: \"bogus\")",
            "`bogus` is not a value of `month`",
            "month:",
            "\"long\"",
        ),
        (
            "DATETIME($date, year: \"numeric\", day: \"<script>\")",
            "value of `day`",
            "day:",
            "\"2-digit\"",
        ),
        (
            "DATETIME($date, weekday: \"long\")",
            "no option `weekday`",
            "weekday:",
            "`dateStyle`",
        ),
        (
            "NUMBER($n, useGrouping: \"bogus\")",
            "value of `useGrouping`",
            "useGrouping:",
            "\"false\"",
        ),
        (
            "NUMBER($n, style: \"currency\", currency: \"EUR\")",
            "no option `style`",
            "style:",
            "`useGrouping`",
        ),
    ] {
        let site = mini_site();
        append(
            &site.path().join("locales/en/main.ftl"),
            &format!("probe = On {{ {call} }}.\n"),
        );
        // At the option's name: after `probe = On { ` (13 characters) and the call's start.
        let column = 14 + call.find(option).expect("the option is in the call");
        for stderr in refused_at(
            site.path(),
            says,
            &format!("locales/en/main.ftl:15:{column}"),
        ) {
            assert!(stderr.contains(help), "{call}: {stderr}");
        }
    }
}

/// A page's `template:` naming a partial or the 404 page's template is refused at that
/// line, saying why, rather than failing inside the template; a template the theme lacks
/// is located there too.
#[test]
fn page_templates_that_are_not_page_templates_are_refused_at_the_front_matter() {
    for (template, says) in [
        ("_head.html", "is a partial"),
        ("404.html", "template of the 404 pages"),
        ("nope.html", "which the theme `plain` does not have"),
    ] {
        let site = mini_site();
        write(
            &site.path().join("content/pages/probe.md"),
            &format!("---\ntitle: Probe\ntemplate: {template}\n---\n\nx\n"),
        );
        refused_at(site.path(), says, "content/pages/probe.md:3:11");
    }
}
