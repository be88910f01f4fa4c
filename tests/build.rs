//! End to end: `stele build` on small fixture sites — CLDR facts per locale, fallback,
//! a new locale by folder, every kind of bad input, determinism, and output safety.

mod common;

use common::*;

#[test]
fn facts_take_each_locales_cldr_form() {
    let site = mini_site();
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let en = visible_text(&read(&out.join("en/releases/widget-1/index.html")));
    assert!(
        en.contains("Widget 1 was released on April 11, 2017."),
        "{en}"
    );
    assert!(
        en.contains("Widget 1 reaches end of support in April 2023."),
        "{en}"
    );
    assert!(en.contains("At most 2,000 seats."), "{en}");
    assert!(en.contains("TCP port 443."), "{en}");
    assert!(
        en.contains("Server roles: Mailbox, Client Access, and Edge Transport."),
        "{en}"
    );

    let nl = visible_text(&read(&out.join("nl/releases/widget-1/index.html")));
    assert!(
        nl.contains("Widget 1 is uitgebracht op 11 april 2017."),
        "{nl}"
    );
    assert!(nl.contains("eindigt in april 2023."), "{nl}");
    assert!(nl.contains("Maximaal 2.000 licenties."), "{nl}");
    assert!(nl.contains("TCP-poort 443."), "{nl}");
    assert!(
        nl.contains("Mailbox, Client Access en Edge Transport."),
        "{nl}"
    );
    // No Unicode isolation marks anywhere in HTML.
    assert!(!read(&out.join("nl/releases/widget-1/index.html")).contains('\u{2068}'));
}

#[test]
fn output_layout_and_language_links() {
    let site = mini_site();
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).code, 0);
    for file in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "static/site.css",
        "en/index.html",
        "nl/index.html",
        "en/guide/index.html",
        "nl/guide/index.html",
        "en/releases/widget-1/index.html",
        "nl/releases/widget-2/index.html",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let page = read(&out.join("nl/guide/index.html"));
    assert!(page.contains("<html lang=\"nl\" dir=\"ltr\">"));
    assert!(page.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://fixture.example/docs/en/guide/\">"
    ));
    assert!(
        page.contains("href=\"../../en/guide/index.html\""),
        "{page}"
    );
    assert!(page.contains("Upgradehandleiding"));

    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://fixture.example/docs/nl/releases/widget-2/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://fixture.example/docs/en/guide/\"/>"
    ));
    assert_eq!(sitemap.matches("<url>").count(), 4 * 2);

    let chooser = read(&out.join("index.html"));
    assert!(chooser.contains("href=\"nl/index.html\""));
    assert!(chooser.contains("navigator.languages"));
}

#[test]
fn missing_translations_fall_back_and_are_listed() {
    let site = mini_site();
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let nl = visible_text(&read(&out.join("nl/index.html")));
    assert!(
        nl.contains("This sentence has not been translated yet."),
        "{nl}"
    );
    assert!(
        run.stderr.contains("1 translation is missing"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("nl       only-in-english  add to locales/nl/main.ftl"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_locale_folder_is_all_it_takes() {
    let site = mini_site();
    write(
        &site.path().join("locales/de/main.ftl"),
        "language-name = Deutsch\nlaunched = { $name } erschien am { $date }.\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let de = read(&out.join("de/releases/widget-1/index.html"));
    assert!(de.contains("<html lang=\"de\""));
    let text = visible_text(&de);
    assert!(
        text.contains("Widget 1 erschien am 11. April 2017."),
        "{text}"
    );
    assert!(
        text.contains("Widget 1 reaches end of support in April 2023."),
        "{text}"
    );
    assert!(read(&out.join("en/index.html")).contains("hreflang=\"de\""));
    assert!(
        run.stderr.contains("de       support-end"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("de       page:guide"), "{}", run.stderr);
    assert!(
        run.stderr.contains("add to content/pages/guide.de.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let site = mini_site();
    let first = site.path().join("one");
    let second = site.path().join("two");
    assert_eq!(build(site.path(), &first).code, 0);
    assert_eq!(build(site.path(), &second).code, 0);
    // The manifest names the build that wrote the folder; everything else is the site.
    let site_only = |root: &std::path::Path| {
        let mut files = snapshot(root);
        files.remove(std::path::Path::new(".stele-manifest"));
        files
    };
    let a = site_only(&first);
    assert!(a.len() > 10);
    assert_eq!(a, site_only(&second));
}

#[test]
fn data_and_translations_are_escaped() {
    let site = mini_site();
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).code, 0);
    let page = read(&out.join("en/index.html"));
    assert!(
        page.contains("Use &lt;b&gt;care&lt;&#x2F;b&gt; &amp; read *this*")
            || page.contains("Use &lt;b&gt;care&lt;/b&gt; &amp; read *this*"),
        "{page}"
    );
    assert!(!page.contains("<b>care"));
    // A formatted message passed into another keeps its markup, escaped exactly once.
    assert!(
        page.contains("<p id=\"nested\">Note: <strong>A &amp; B</strong></p>"),
        "{page}"
    );
}

/// Breaks one file of a site that built before, and checks the build fails with a located
/// message and leaves the previous output exactly as it was.
fn assert_bad_input(file: &str, content: &str, expected: &[&str]) -> String {
    let site = mini_site();
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).code, 0);
    let before = snapshot(&out);
    write(&site.path().join(file), content);
    let run = build(site.path(), &out);
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    for needle in expected {
        assert!(
            run.stderr.contains(needle),
            "`{needle}` not in:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("nothing was written"));
    assert_eq!(before, snapshot(&out), "the previous output changed");
    assert!(!run.stderr.contains("panicked"));
    run.stderr
}

#[test]
fn broken_yaml_data_is_located() {
    let stderr = assert_bad_input(
        "content/data/products.yaml",
        "releases:\n  widget_1:\n    name: [Widget 1\n",
        &["error[syntax-error]", "content/data/products.yaml:"],
    );
    insta::assert_snapshot!("broken_yaml", stderr);
}

#[test]
fn duplicate_yaml_keys_are_located() {
    assert_bad_input(
        "content/data/products.yaml",
        "releases: {}\nnote: a\nnote: b\n",
        &[
            "content/data/products.yaml:3:1",
            "help: each key may appear once",
        ],
    );
}

#[test]
fn broken_fluent_is_located() {
    let stderr = assert_bad_input(
        "locales/nl/main.ftl",
        "language-name = Nederlands\nsite-title = Handboek { -widget\n",
        &["error[syntax-error]", "locales/nl/main.ftl:2:", "[nl]"],
    );
    insta::assert_snapshot!("broken_fluent", stderr);
}

#[test]
fn broken_templates_are_located() {
    let stderr = assert_bad_input(
        "themes/plain/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title </h1>\n{% endblock content %}\n",
        &[
            "error[template-error]",
            "themes/plain/templates/page.html:3:",
        ],
    );
    insta::assert_snapshot!("broken_template", stderr);
}

/// A partial included outside any block (here, from the base template's head) is found;
/// a missing one is reported where it is included.
#[test]
fn partials_included_outside_blocks() {
    let site = mini_site();
    let base = site.path().join("themes/plain/templates/base.html");
    let text = read(&base).replace("<meta charset=\"utf-8\">", "{% include \"_meta.html\" %}");
    write(&base, &text);
    write(
        &site.path().join("themes/plain/templates/_meta.html"),
        "<meta charset=\"utf-8\"><meta name=\"generator\" content=\"partial\">\n",
    );
    let out = site.path().join("public");
    let built = build(site.path(), &out);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(read(&out.join("en/index.html")).contains("content=\"partial\""));

    std::fs::remove_file(site.path().join("themes/plain/templates/_meta.html")).expect("remove");
    let broken = build(site.path(), &out);
    assert_eq!(broken.code, 1, "{}", broken.stderr);
    assert!(
        broken.stderr.contains("_meta.html") && broken.stderr.contains("base.html:"),
        "{}",
        broken.stderr
    );
}

#[test]
fn unknown_messages_in_templates_are_located() {
    assert_bad_input(
        "themes/plain/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t(id=\"no-such-message\") }}</p>\n{% endblock content %}\n",
        &["themes/plain/templates/page.html:3:", "no-such-message"],
    );
}

#[test]
fn a_missing_message_argument_is_an_error() {
    assert_bad_input(
        "themes/plain/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t(id=\"launched\", name=\"x\") }}</p>\n{% endblock content %}\n",
        &["themes/plain/templates/page.html:3:", "date"],
    );
}

#[test]
fn broken_front_matter_is_located() {
    let stderr = assert_bad_input(
        "content/pages/guide.nl.md",
        "---\ntitle: [Upgradehandleiding\n---\nbody\n",
        &["error[syntax-error]", "content/pages/guide.nl.md:"],
    );
    insta::assert_snapshot!("broken_front_matter", stderr);
}

#[test]
fn bad_site_settings_are_located() {
    assert_bad_input(
        "content/site.yaml",
        "source_locale: en\nbase_url: https://fixture.example/\ntheme: plain\ntitle: site-title\ntheme_color: red\n",
        &["content/site.yaml:5:1", "unknown field"],
    );
}

#[test]
fn an_unknown_theme_is_reported() {
    assert_bad_input(
        "content/site.yaml",
        "source_locale: en\nbase_url: https://fixture.example/\ntheme: fancy\ntitle: site-title\n",
        &["theme `fancy` does not exist", "plain"],
    );
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let site = mini_site();
    write(&site.path().join("content/data/extra.yaml"), "a: [1\n");
    write(&site.path().join("locales/nl/extra.ftl"), "kapot {\n");
    write(
        &site.path().join("content/pages/bad.md"),
        "---\nweight: [\n---\n",
    );
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 1);
    for file in [
        "content/data/extra.yaml:",
        "locales/nl/extra.ftl:",
        "content/pages/bad.md:",
    ] {
        assert!(run.stderr.contains(file), "{file} not in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("3 errors"), "{}", run.stderr);
}

#[test]
fn invalid_locale_folders_are_refused() {
    assert_bad_input(
        "locales/dutch_NL/main.ftl",
        "x = y\n",
        &["`dutch_NL` is not a valid BCP 47 language tag"],
    );
}

#[test]
fn dangerous_output_folders_are_refused() {
    let site = mini_site();
    let run = build(site.path(), site.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("contains the site itself"));
    let run = build(site.path(), &site.path().join("content"));
    assert_eq!(run.code, 2);
    let foreign = site.path().join("notes");
    write(&foreign.join("keep.txt"), "mine");
    let run = build(site.path(), &foreign);
    assert_eq!(run.code, 2);
    assert_eq!(read(&foreign.join("keep.txt")), "mine");
}

#[test]
fn init_writes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    let init = run(stele().arg("init").arg(&target));
    assert_eq!(init.code, 0, "{}", init.stderr);
    let out = target.join("public");
    let built = build(&target, &out);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let nl = visible_text(&read(&out.join("nl/index.html")));
    assert!(nl.contains("wordt ondersteund tot 30 juni 2031"), "{nl}");
    assert!(nl.contains("2.500 gebruikers"), "{nl}");
    // What the build writes stays out of version control.
    let ignored = read(&target.join(".gitignore"));
    for line in [
        "/public",
        "/.public.stele-previous",
        "/.public.stele-lock",
        "/.stele-cache",
    ] {
        assert!(ignored.lines().any(|l| l == line), "{ignored}");
    }
    assert!(target.join(".stele-cache").is_dir());
    assert!(target.join(".public.stele-lock").is_file());
    let again = run(stele().arg("init").arg(&target));
    assert_eq!(again.code, 2, "init must not overwrite a site");
}

#[test]
fn help_and_version() {
    for args in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["init", "--help"],
    ] {
        let run = run(stele().args(&args));
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("Usage"), "{}", run.stdout);
    }
    let version = run(stele().arg("--version"));
    assert!(version.stdout.starts_with("stele "));
}

#[test]
fn unknown_fluent_functions_are_located() {
    assert_bad_input(
        "locales/nl/main.ftl",
        "language-name = Nederlands\nsite-title = Handboek { UPPER(\"x\") }\n",
        &[
            "error[syntax-error]",
            "locales/nl/main.ftl:2:25",
            "`UPPER()` is not a function Stele provides",
            "DATETIME(), NUMBER(), LIST()",
        ],
    );
}

#[test]
fn translated_pages_keep_the_source_anchors() {
    let site = mini_site();
    let index = site.path().join("themes/plain/templates/index.html");
    write(
        &index,
        &read(&index).replace(
            "{% endblock content %}",
            "<a href=\"{{ url(page='guide') }}#before-you-start\">start</a>\n{% endblock content %}",
        ),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("broken-anchor"), "{}", run.stderr);
    let dutch = read(&out.join("nl/guide/index.html"));
    assert!(
        dutch.contains("<h2 id=\"before-you-start\">Voordat u begint <a class=\"heading-anchor\" href=\"#before-you-start\""),
        "{dutch}"
    );
}

#[test]
fn an_empty_locales_folder_is_reported() {
    let site = mini_site();
    std::fs::remove_dir_all(site.path().join("locales/en")).unwrap();
    std::fs::remove_dir_all(site.path().join("locales/nl")).unwrap();
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("locales/ has no locale folders"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("create locales/en/"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
}
