//! End to end on a copy of the example site: Korean particles that follow the value in
//! data, a Belgian locale that falls back to Dutch, and honest language labels, hreflang
//! links and sitemap entries for text shown from a fallback.

mod common;

use std::path::Path;

use common::*;

/// Every built HTML page under `out/tag/`, as (path, text).
fn pages_of(out: &Path, tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut folders = vec![out.join(tag)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let shown = path.strip_prefix(out).unwrap().display().to_string();
                found.push((shown, read(&path)));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn korean_particles_follow_the_version_in_data() {
    let site = example_copy();
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = pages_of(&out, "ko");
    for (path, html) in &before {
        for hedge in ["(으)로", "을(를)", "은(는)", "이(가)", "과(와)"] {
            assert!(!html.contains(hedge), "{path} still hedges with {hedge}");
        }
    }
    let showing: Vec<&String> = before
        .iter()
        .filter(|(_, html)| html.contains("Exchange 2016으로"))
        .map(|(path, _)| path)
        .collect();
    assert!(
        showing.len() >= 2,
        "the roadmap and the version pages move to Exchange 2016: {showing:?}"
    );

    let data = site.path().join("content/data/exchange.yaml");
    let text = read(&data).replace("name: \"Exchange 2016\"", "name: \"Exchange 2019\"");
    write(&data, &text);
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = pages_of(&out, "ko");
    for path in &showing {
        let html = &after.iter().find(|(p, _)| p == *path).unwrap().1;
        assert!(
            html.contains("Exchange 2019로"),
            "{path} did not change to 로"
        );
    }
    for (path, html) in &after {
        assert!(
            !html.contains("Exchange 2016으로"),
            "{path} kept the old value"
        );
        assert!(
            !html.contains("Exchange 2019으로"),
            "{path} kept the old particle"
        );
    }
    // A fresh build of the edited site agrees with the incremental one.
    let fresh = site.path().join("fresh");
    let run = build(site.path(), &fresh);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(pages_of(&fresh, "ko"), after);
}

#[test]
fn a_belgian_locale_with_one_message_shows_dutch_for_everything_else() {
    let site = example_copy();
    write(
        &site.path().join("locales/nl-BE/site.ftl"),
        "nav-home = Beginpagina\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("note: nl-BE shows") && run.stderr.contains("from nl, its fallback"),
        "the build says where the Belgian site's text comes from:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("\n  nl-BE "),
        "nothing of nl-BE falls through to English:\n{}",
        run.stderr
    );
    let roadmap = read(&out.join("nl-BE/roadmap/index.html"));
    assert!(roadmap.contains("<html lang=\"nl-BE\""));
    assert!(
        roadmap.contains("Beginpagina"),
        "the Belgian message is shown"
    );
    assert!(
        roadmap.contains("<span lang=\"nl\">Naar welke versie moet ik migreren?</span>"),
        "Dutch text keeps its label"
    );
    assert!(
        roadmap.contains("aria-label=\"Hoofdmenu\""),
        "Dutch in an attribute, without markup"
    );
    assert!(!roadmap.contains("Which version should I migrate to?"));
    let about = read(&out.join("nl-BE/about/index.html"));
    let dutch_about = read(&out.join("nl/about/index.html"));
    assert!(
        about.contains("<div lang=\"nl\">"),
        "Dutch prose keeps its label"
    );
    let dutch_heading = dutch_about
        .split("<h1")
        .nth(1)
        .and_then(|rest| rest.split("</h1>").next())
        .unwrap();
    assert!(
        about.contains(dutch_heading),
        "the Dutch about page is shown"
    );
    // Dutch for Belgians is a real translation.
    assert!(roadmap.contains("hreflang=\"nl-BE\""));
    assert!(read(&out.join("sitemap.xml")).contains("/nl-BE/roadmap/"));

    // An edit of the Dutch text reaches the Belgian pages in the next (incremental) build.
    let dutch = site.path().join("locales/nl/roadmap.ftl");
    write(
        &dutch,
        &read(&dutch).replace(
            "which-heading = Naar welke versie moet ik migreren?",
            "which-heading = Naar welke versie migreer ik?",
        ),
    );
    let again = build(site.path(), &out);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let roadmap = read(&out.join("nl-BE/roadmap/index.html"));
    assert!(roadmap.contains("<span lang=\"nl\">Naar welke versie migreer ik?</span>"));

    let status = run_in(site.path(), &["status"]);
    assert!(
        status.contains("nl-BE: missing messages are shown along nl-BE → nl → en"),
        "{status}"
    );
    let health = read(&out.join("_status/index.html"));
    assert!(health.contains("shown in <span lang=\"nl\">nl</span>"));
}

#[test]
fn fallback_chains_in_site_yaml_are_validated_and_located() {
    let site = example_copy();
    write(
        &site.path().join("locales/nl-BE/site.ftl"),
        "nav-home = Beginpagina\n",
    );
    let config = site.path().join("content/site.yaml");
    write(
        &config,
        &format!("{}fallbacks:\n  nl-BE: [ko, de]\n", read(&config)),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("falls back to `de`, which has no folder locales/de/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/site.yaml:"), "{}", run.stderr);
    assert!(!out.exists(), "no half-written output");

    // A valid chain is followed: Belgian pages show Korean before English.
    write(
        &config,
        &read(&config).replace("nl-BE: [ko, de]", "nl-BE: [ko]"),
    );
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roadmap = read(&out.join("nl-BE/roadmap/index.html"));
    assert!(roadmap.contains("<span lang=\"ko\">"), "{}", run.stderr);
}

#[test]
fn fallback_text_is_labelled_and_only_real_translations_are_listed() {
    let site = example_copy();
    let roadmap_ftl = site.path().join("locales/ko/roadmap.ftl");
    let without: String = read(&roadmap_ftl)
        .lines()
        .filter(|line| !line.starts_with("which-heading ="))
        .map(|line| format!("{line}\n"))
        .collect();
    write(&roadmap_ftl, &without);
    std::fs::remove_file(site.path().join("content/pages/about.ko.md")).unwrap();
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let roadmap = read(&out.join("ko/roadmap/index.html"));
    assert!(roadmap.contains("<html lang=\"ko\""));
    assert!(
        roadmap.contains("<span lang=\"en\">Which version should I migrate to?</span>"),
        "English text on a Korean page is marked as English"
    );
    // The roadmap is still Korean: listed as a translation.
    assert!(roadmap.contains("hreflang=\"ko\""));

    let about = read(&out.join("ko/about/index.html"));
    assert!(
        about.contains("<div lang=\"en\">"),
        "English prose is marked"
    );
    assert!(
        about.contains("<h1><span lang=\"en\">"),
        "so is its English title: {about}"
    );
    assert!(
        !about.contains("<link rel=\"alternate\" hreflang=\"ko\""),
        "a page shown from English is no Korean translation"
    );
    let english_about = read(&out.join("en/about/index.html"));
    assert!(!english_about.contains("<link rel=\"alternate\" hreflang=\"ko\""));
    assert!(english_about.contains("<link rel=\"alternate\" hreflang=\"nl\""));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(!sitemap.contains("/ko/about/"), "{sitemap}");
    assert!(sitemap.contains("/nl/about/"));
    assert!(sitemap.contains("/ko/roadmap/"));
    // No private marks leak into any page.
    for tag in ["en", "nl", "ko"] {
        for (path, html) in pages_of(&out, tag) {
            assert!(
                !html.contains(['\u{E002}', '\u{E003}', '\u{E004}']),
                "{path} has a mark left"
            );
        }
    }
}

fn run_in(site: &Path, args: &[&str]) -> String {
    let mut command = stele();
    command.current_dir(site).args(args);
    let run = run(&mut command);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn a_value_no_rule_can_read_gets_the_paired_form_and_a_warning() {
    let site = example_copy();
    let data = site.path().join("content/data/exchange.yaml");
    let text = read(&data).replace("name: \"Exchange 2016\"", "name: \"Exchange 東京\"");
    write(&data, &text);
    let mut command = stele();
    command
        .args(["check", "--format", "json", "--site"])
        .arg(site.path());
    let run = run(&mut command);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let undecided: Vec<&serde_json::Value> = found
        .iter()
        .filter(|d| d["code"] == "undecided-particle")
        .collect();
    assert!(!undecided.is_empty(), "{}", run.stdout);
    for warning in &undecided {
        assert_eq!(warning["severity"], "warning");
        assert_eq!(warning["locale"], "ko");
        assert_eq!(warning["file"], "locales/ko/roadmap.ftl");
        assert!(warning["line"].as_u64().unwrap() > 0);
        assert!(
            warning["message"]
                .as_str()
                .unwrap()
                .contains("Exchange 東京")
        );
    }
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roadmap = read(&out.join("ko/roadmap/index.html"));
    assert!(roadmap.contains("Exchange 東京(으)로"));
}

#[test]
fn a_reading_next_to_the_value_in_data_overrides_the_rules() {
    let site = example_copy();
    let data = site.path().join("content/data/exchange.yaml");
    let text = read(&data).replace(
        "    name: \"Exchange 2016\"\n",
        "    name: \"Exchange 2016\"\n    name_reading: \"익스체인지 투엔티식스틴\"\n",
    );
    write(&data, &text);
    let template = site.path().join("themes/stele/templates/roadmap.html");
    let text = read(&template).replace(
        "t(id=\"which-intro\", version=rec.name,",
        "t(id=\"which-intro\", version=rec.name, version_reading=rec.name_reading,",
    );
    write(&template, &text);
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let korean = read(&out.join("ko/roadmap/index.html"));
    // Read in English ("…식스틴" ends in ㄴ), not as the numeral 육: still 으로, but from the hint.
    assert!(
        korean.contains("먼저 Exchange 2016으로 마이그레이션"),
        "hint used"
    );
    assert!(!korean.contains("투엔티"), "the reading is never shown");
    let english = read(&out.join("en/roadmap/index.html"));
    assert!(!english.contains("투엔티"));

    // A hint that ends in a vowel changes the particle on the next build.
    let text = read(&data).replace("익스체인지 투엔티식스틴", "익스체인지 이천십구");
    write(&data, &text);
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let korean = read(&out.join("ko/roadmap/index.html"));
    assert!(
        korean.contains("먼저 Exchange 2016로 마이그레이션"),
        "the hint wins"
    );
}

/// A locale that translates only some messages: a page whose words are mostly fallback
/// text is no translation (no hreflang, no sitemap entry, a switcher link without
/// `hreflang`), while a page whose words are mostly its own is one.
#[test]
fn a_page_reads_translated_by_the_words_it_shows() {
    let site = example_copy();
    let danish = site.path().join("locales/da");
    // The site chrome and the roadmap's messages, not those of the migration methods.
    for file in ["site.ftl", "roadmap.ftl", "terms.ftl"] {
        let text = read(&site.path().join("locales/nl").join(file));
        let text = text.replace("language-name = Nederlands", "language-name = Dansk");
        write(&danish.join(file), &text);
    }
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head_link = "<link rel=\"alternate\" hreflang=\"da\"";

    let roadmap = read(&out.join("en/roadmap/index.html"));
    assert!(roadmap.contains(head_link), "the roadmap reads in Danish");
    let method = read(&out.join("en/migration/cutover/index.html"));
    assert!(
        !method.contains(head_link),
        "a method page is mostly English in `da`"
    );
    let danish_method = read(&out.join("da/migration/cutover/index.html"));
    assert!(danish_method.contains("<html lang=\"da\""));
    assert!(danish_method.contains("<span lang=\"en\">"));
    assert!(
        danish_method.contains("lang=\"da\" dir=\"ltr\" data-locale=\"da\""),
        "the switcher links to the page, without claiming it is Danish"
    );
    assert!(!danish_method.contains("hreflang=\"da\""));
    assert!(read(&out.join("da/roadmap/index.html")).contains("hreflang=\"da\" lang=\"da\""));

    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("/da/roadmap/"), "{sitemap}");
    assert!(!sitemap.contains("/da/migration/"), "{sitemap}");

    // Only a few words of its own: nothing of the site is a Danish translation.
    write(
        &danish.join("site.ftl"),
        "language-name = Dansk\nnav-home = Forside\n",
    );
    std::fs::remove_file(danish.join("roadmap.ftl")).unwrap();
    std::fs::remove_file(danish.join("terms.ftl")).unwrap();
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, html) in pages_of(&out, "en") {
        assert!(!html.contains(head_link), "{path}");
    }
    assert!(!read(&out.join("sitemap.xml")).contains("/da/"));
    let home = read(&out.join("da/index.html"));
    assert!(home.contains("<span lang=\"da\">Forside</span>") || home.contains(">Forside<"));
    assert!(home.contains("<span lang=\"en\">"));
}
