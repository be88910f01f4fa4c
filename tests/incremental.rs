//! Later builds into the same output update it in place of the previous tree, writing only
//! what changed; on random sequences of edits the result must equal a clean build, byte for
//! byte, every time.

mod common;

use std::path::Path;

use common::*;

/// One random, valid edit of the mini site.
fn edit(site: &Path, random: &mut Lcg, step: usize) -> String {
    let kind = random.next(18);
    edit_kind(site, random, step, kind)
}

/// Edit number `kind` of the mini site.
fn edit_kind(site: &Path, random: &mut Lcg, step: usize, kind: usize) -> String {
    let data = site.join("content/data/products.yaml");
    let nl = site.join("locales/nl/main.ftl");
    match kind {
        0 => {
            let month = 1 + random.next(12);
            let text = read(&data);
            let start = text.find("end_of_support: \"").expect("a date") + 17;
            let replaced = format!("{}2030-{month:02}{}", &text[..start], &text[start + 7..]);
            write(&data, &replaced);
            format!("date → 2030-{month:02}")
        }
        1 => {
            let seats = 100 + random.next(5000);
            let text = read(&data);
            let start = text.find("max_seats: ").expect("seats") + 11;
            let end = start + text[start..].find('\n').expect("line end");
            write(&data, &format!("{}{seats}{}", &text[..start], &text[end..]));
            format!("seats → {seats}")
        }
        2 => {
            write(
                &site.join(format!("content/pages/extra-{step}.md")),
                &format!("---\ntitle: Extra {step}\n---\nBody of page {step}.\n"),
            );
            format!("add page extra-{step}")
        }
        3 => {
            let pages = site.join("content/pages");
            let mut extras: Vec<_> = std::fs::read_dir(&pages)
                .expect("pages")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains("extra-"))
                .collect();
            extras.sort();
            match extras.first() {
                Some(first) => {
                    std::fs::remove_file(first).expect("remove");
                    format!("remove {}", first.display())
                }
                None => "nothing to remove".to_string(),
            }
        }
        4 => {
            let words = ["Handboek", "Gids", "Naslag"];
            let word = words[random.next(words.len())];
            let text = read(&nl);
            let start = text.find("site-title = ").expect("title") + 13;
            let end = start + text[start..].find(" {").expect("term");
            write(&nl, &format!("{}{word}{}", &text[..start], &text[end..]));
            format!("nl title → {word}")
        }
        5 => {
            let text = read(&data);
            if text.contains("widget_3:") {
                let start = text.find("  widget_3:").expect("entry");
                let end = text.find("note:").expect("note");
                write(&data, &format!("{}{}", &text[..start], &text[end..]));
                "remove widget_3".to_string()
            } else {
                let end = text.find("note:").expect("note");
                let entry = "  widget_3:\n    name: Widget 3\n    launched: \"2021-02-03\"\n    end_of_support: \"2027-01\"\n    max_seats: 1\n    port: 8443\n    roles: [Mailbox]\n";
                write(&data, &format!("{}{entry}{}", &text[..end], &text[end..]));
                "add widget_3".to_string()
            }
        }
        6 => {
            let template = site.join("themes/plain/templates/release.html");
            let text = read(&template);
            let marker = "<hr class=\"edited\">";
            if text.contains(marker) {
                write(&template, &text.replace(marker, ""));
            } else {
                write(&template, &text.replace("<h1>", &format!("{marker}<h1>")));
            }
            "toggle a template line".to_string()
        }
        8 => {
            let page = site.join("content/pages/guide.nl.md");
            let text = read(&page);
            let words = ["Eerst", "Daarna", "Tot slot"];
            let word = words[random.next(words.len())];
            // Within the paragraph: a new block would be page drift.
            write(
                &page,
                &text.replacen("Lees ", &format!("{word} lezen. Lees "), 1),
            );
            format!("nl guide + {word}")
        }
        9 => {
            let en = site.join("locales/en/main.ftl");
            let words = ["released", "launched", "shipped"];
            let word = words[random.next(words.len())];
            let text = read(&en);
            let start = text.find("launched = { $name } was ").expect("launched") + 25;
            let end = start + text[start..].find(" on").expect("on");
            write(&en, &format!("{}{word}{}", &text[..start], &text[end..]));
            format!("en launched → {word}")
        }
        10 => {
            // Same bytes, new modification time: nothing may change.
            let page = site.join("content/pages/guide.md");
            write(&page, &read(&page));
            "touch guide.md".to_string()
        }
        11 => {
            // Same size, within the file system's timestamp tick of the last build.
            let digit = random.next(10);
            let text = read(&data);
            let start = text.find("port: 4").expect("port") + 8;
            write(
                &data,
                &format!("{}{digit}{}", &text[..start], &text[start + 1..]),
            );
            let page = site.join("content/pages/guide.md");
            let text = read(&page);
            let replaced = if text.contains("Guide") {
                text.replacen("Guide", "Gu1de", 1)
            } else {
                text.replacen("Gu1de", "Guide", 1)
            };
            write(&page, &replaced);
            format!("port digit {digit}, guide title toggled in place")
        }
        13 => {
            // The site's own static files: added, changed, removed.
            let robots = site.join("static/robots.txt");
            match random.next(3) {
                0 => {
                    let _ = std::fs::remove_file(&robots);
                    "remove static/robots.txt".to_string()
                }
                n => {
                    write(&robots, &format!("User-agent: *\nDisallow: /{n}/\n"));
                    format!("static/robots.txt → {n}")
                }
            }
        }
        14 => {
            // A site template that overrides the theme's, and its removal.
            let own = site.join("templates/page.html");
            if own.exists() {
                std::fs::remove_file(&own).expect("remove");
                "remove templates/page.html".to_string()
            } else {
                write(
                    &own,
                    "{% extends \"base.html\" %}\n{% block content %}<h1 class=\"own\">{{ page.title }}</h1>\n{{ page.content }}{% endblock content %}\n",
                );
                "add templates/page.html".to_string()
            }
        }
        15 => {
            // A draft page, published and unpublished.
            let page = site.join("content/pages/plans.md");
            let draft = random.next(2) == 0;
            write(
                &page,
                &format!("---\ntitle: Plans\ndraft: {draft}\n---\nComing soon.\n"),
            );
            format!("plans draft: {draft}")
        }
        16 => {
            // A page linking to another by its source file; the guide's slug moves with
            // edit 12, and the link must follow it.
            let page = site.join("content/pages/linker.md");
            if page.exists() {
                std::fs::remove_file(&page).expect("remove");
                "remove linker.md".to_string()
            } else {
                write(
                    &page,
                    "---\ntitle: Linker\n---\nSee [the guide](guide.md#before-you-start) and [the Dutch file](guide.nl.md).\n",
                );
                "add linker.md".to_string()
            }
        }
        17 => {
            // Search on and off.
            let config = site.join("content/site.yaml");
            let text = read(&config);
            if text.contains("search: true") {
                write(&config, &text.replace("search: true\n", ""));
                "search off".to_string()
            } else {
                write(&config, &format!("{text}search: true\n"));
                "search on".to_string()
            }
        }
        _ => {
            let page = site.join("content/pages/guide.md");
            let text = read(&page);
            if text.contains("slug: handbook") {
                write(&page, &text.replace("slug: handbook\n", ""));
            } else {
                write(
                    &page,
                    &text.replace("weight: 1\n", "weight: 1\nslug: handbook\n"),
                );
            }
            "toggle the guide's slug".to_string()
        }
    }
}

#[test]
fn incremental_builds_equal_clean_builds_on_random_edits() {
    for seed in [7_u64, 2024, 99991, 5] {
        let site = mini_site();
        let out = site.path().join("public");
        let mut random = Lcg(seed);
        let mut history = Vec::new();
        for step in 0..12 {
            history.push(edit(site.path(), &mut random, step));
            let incremental = build(site.path(), &out);
            assert_eq!(
                incremental.code, 0,
                "seed {seed} {history:?}\n{}",
                incremental.stderr
            );
            let clean_dir = tempfile::tempdir().expect("temporary folder");
            let clean = clean_dir.path().join("public");
            let fresh = build(site.path(), &clean);
            assert_eq!(fresh.code, 0, "{}", fresh.stderr);
            assert!(
                output_files(&out) == output_files(&clean),
                "seed {seed}: incremental output differs from a clean build after {history:?}"
            );
            assert_eq!(
                incremental
                    .stderr
                    .replace(out.to_string_lossy().as_ref(), "OUT"),
                fresh
                    .stderr
                    .replace(clean.to_string_lossy().as_ref(), "OUT"),
                "seed {seed}: incremental warnings differ after {history:?}"
            );
        }
    }
}

/// `rendered` of "(N files, R of T pages rendered)" in a build's summary; all when absent.
fn rendered(stdout: &str) -> Option<usize> {
    let at = stdout.find(" of ")?;
    let before = &stdout[..at];
    let start = before.rfind(' ')? + 1;
    before[start..].parse().ok()
}

#[test]
fn a_data_edit_renders_only_the_pages_that_read_it() {
    let site = mini_site();
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).code, 0);
    let unchanged = build(site.path(), &out);
    assert_eq!(rendered(&unchanged.stdout), Some(0), "{}", unchanged.stdout);

    // Seats of widget 2 are read by widget 2's pages (en, nl) and by the home pages, which
    // loop over every release.
    let data = site.path().join("content/data/products.yaml");
    write(
        &data,
        &read(&data).replace("max_seats: 150", "max_seats: 151"),
    );
    let edited = build(site.path(), &out);
    assert_eq!(rendered(&edited.stdout), Some(4), "{}", edited.stdout);
    assert!(read(&out.join("nl/releases/widget-2/index.html")).contains("151"));

    // The note shows on the home pages only.
    write(&data, &read(&data).replace("read *this*", "read *that*"));
    let edited = build(site.path(), &out);
    assert_eq!(rendered(&edited.stdout), Some(2), "{}", edited.stdout);

    // An edit of the release template renders the release pages only (2 × 2 locales).
    let template = site.path().join("themes/plain/templates/release.html");
    write(
        &template,
        &read(&template).replace("<h1>", "<h1 class=\"release\">"),
    );
    let edited = build(site.path(), &out);
    assert_eq!(rendered(&edited.stdout), Some(4), "{}", edited.stdout);

    // A new sentence in the Dutch translation of one page renders that page in Dutch only.
    let nl = site.path().join("content/pages/guide.nl.md");
    write(&nl, &read(&nl).replacen("Lees ", "Nog een zin. Lees ", 1));
    let edited = build(site.path(), &out);
    assert_eq!(rendered(&edited.stdout), Some(1), "{}", edited.stdout);
}

/// Every file of an assembled site with its bytes.
fn files_of(assembled: &stele::pipeline::Assembled) -> std::collections::BTreeMap<String, Vec<u8>> {
    assembled
        .files
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                f.content
                    .bytes()
                    .expect("a full build has every file")
                    .to_vec(),
            )
        })
        .collect()
}

/// An assembled site kept in memory as the dev server keeps it.
fn live_of(assembled: stele::pipeline::Assembled) -> stele::pipeline::live::Live {
    let stele::pipeline::Assembled {
        site,
        record,
        check_warnings,
        files,
        ..
    } = assembled;
    stele::pipeline::live::Live::new(site, record, check_warnings, &files)
}

/// A clean build of the site at `root` as the dev server keeps it, with its files and
/// their count.
fn serve_in_memory(
    root: &Path,
) -> (
    stele::pipeline::live::Live,
    std::collections::BTreeMap<String, Vec<u8>>,
    usize,
) {
    let first = stele::pipeline::assemble(root, false).expect("builds");
    let files = files_of(&first);
    let total = first.files.len();
    (live_of(first), files, total)
}

/// The dev server's shortcut for data edits must give what a clean build gives.
#[test]
fn the_dev_servers_data_shortcut_equals_a_clean_build() {
    use stele::pipeline::{assemble, assemble_with};

    for seed in [3_u64, 77, 1234] {
        let site = mini_site();
        let root = site.path();
        let data = root.join("content/data/products.yaml");
        let (mut live, mut served, _) = serve_in_memory(root);
        let mut random = Lcg(seed);
        let mut history = Vec::new();
        let mut shortcuts = 0;
        for step in 0..10 {
            // Data edits only: dates, seats, the note, and sometimes a new entry.
            // Data edits only: dates, seats, the note, and adding or removing an entry
            // (which the shortcut hands to the full build).
            let change = match random.next(4) {
                0 => edit_kind(root, &mut random, step, 0),
                1 => edit_kind(root, &mut random, step, 1),
                2 => edit_kind(root, &mut random, step, 5),
                _ => {
                    let text = read(&data);
                    let note = format!("read *this {step}*");
                    let start = text.find("read *").expect("note");
                    let end = start + text[start..].find('"').expect("quote");
                    write(&data, &format!("{}{note}{}", &text[..start], &text[end..]));
                    format!("note → {note}")
                }
            };
            history.push(change.clone());
            let changed = vec![data.clone()];
            match live.apply_data_edit(&changed) {
                Some(Ok(update)) => {
                    shortcuts += 1;
                    for file in update.files {
                        served.insert(
                            file.path,
                            file.content.into_bytes().expect("changed files have bytes"),
                        );
                    }
                }
                Some(Err(problems)) => panic!("seed {seed} {history:?}: {problems:?}"),
                None => {
                    let rebuilt =
                        assemble_with(root, false, false, Some(&live.record)).expect("builds");
                    let mut next = std::collections::BTreeMap::new();
                    for file in &rebuilt.files {
                        let bytes = match file.content.bytes() {
                            Some(bytes) => bytes.to_vec(),
                            None => served[&file.path].clone(),
                        };
                        next.insert(file.path.clone(), bytes);
                    }
                    served = next;
                    live = live_of(rebuilt);
                }
            }
            let clean = files_of(&assemble(root, false).expect("builds"));
            assert!(
                served == clean,
                "seed {seed}: served files differ from a clean build after {history:?}: {:?}",
                clean
                    .keys()
                    .filter(|k| served.get(*k) != clean.get(*k))
                    .collect::<Vec<_>>()
            );
        }
        assert!(
            shortcuts > 0,
            "seed {seed}: the shortcut never applied: {history:?}"
        );
    }
}

/// The shortcut on the example site, whose templates read data through subscripts
/// (`data.exchange.versions[data.exchange.source]`) and build pages from collections.
#[test]
fn the_shortcut_on_the_example_site_equals_a_clean_build() {
    use stele::pipeline::assemble;

    let site = copy_site(&repo_root(), &["content", "locales", "themes"]);
    let root = site.path();
    // The search index is made from every page, so with search on every edit is a full
    // (incremental) rebuild: the shortcut is for sites without it.
    let config = root.join("content/site.yaml");
    write(
        &config,
        &read(&config).replace("search: true", "search: false"),
    );
    let data = root.join("content/data/exchange.yaml");
    let (mut live, mut served, total) = serve_in_memory(root);
    for (from, to) in [
        ("end_of_support: \"2023-04\"", "end_of_support: \"2024-05\""),
        ("end_of_support: \"2024-05\"", "end_of_support: \"2024-06\""),
        ("end_of_support: \"2020-01\"", "end_of_support: \"2020-02\""),
    ] {
        let text = read(&data);
        assert!(text.contains(from), "{from}");
        write(&data, &text.replacen(from, to, 1));
        let update = live
            .apply_data_edit(std::slice::from_ref(&data))
            .expect("a value edit takes the shortcut")
            .expect("builds");
        assert!(
            update.rendered > 0 && update.rendered < total,
            "{}",
            update.rendered
        );
        for file in update.files {
            served.insert(
                file.path,
                file.content.into_bytes().expect("changed files have bytes"),
            );
        }
        let clean: std::collections::BTreeMap<String, Vec<u8>> = assemble(root, false)
            .expect("builds")
            .files
            .into_iter()
            .map(|f| (f.path, f.content.into_bytes().expect("every file")))
            .collect();
        let differing: Vec<&String> = clean
            .keys()
            .filter(|k| served.get(*k) != clean.get(*k))
            .collect();
        assert!(differing.is_empty(), "{from} → {to}: {differing:?}");
    }
}

/// The output folder named two ways (`public`, `../site/public`) is one folder with one
/// build record: the second build renders nothing.
#[test]
fn one_output_folder_named_two_ways_shares_its_record() {
    let site = mini_site();
    let name = site
        .path()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let build_into = |out: &str| {
        run(stele()
            .current_dir(site.path())
            .args(["build", "--site", ".", "--out", out]))
    };
    let first = build_into("public");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let again = build_into(&format!("../{name}/public"));
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(rendered(&again.stdout), Some(0), "{}", again.stdout);
}
