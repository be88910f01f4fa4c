//! End to end: what authors of a guidance site expect — links between Markdown pages by
//! source path, drafts, `--base-url`, the site's own `static/` and `templates/`, front
//! matter that is never silently ignored, Markdown extensions, search, and the CLI extras.

mod common;

use std::path::Path;

use common::*;

fn build_with(site: &Path, out: &Path, extra: &[&str]) -> Run {
    run(stele()
        .arg("build")
        .arg("--site")
        .arg(site)
        .arg("--out")
        .arg(out)
        .args(extra))
}

fn about(body: &str) -> String {
    format!("---\ntitle: About\n---\n{body}")
}

#[test]
fn markdown_links_by_source_reach_the_page_in_the_readers_language() {
    let site = mini_site();
    write(
        &site.path().join("content/pages/about.md"),
        &about("Read [the guide](guide.md#before-you-start) and [it again](./guide.nl.md).\n"),
    );
    write(
        &site.path().join("content/pages/deep/nested.md"),
        "---\ntitle: Nested\n---\nBack to [about](../about.md).\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let en = read(&out.join("en/about/index.html"));
    assert!(
        en.contains("href=\"../guide/index.html#before-you-start\""),
        "{en}"
    );
    // The Dutch reader sees the source text of `about` (no translation) with links to the
    // Dutch pages.
    let nl = read(&out.join("nl/about/index.html"));
    assert!(
        nl.contains("href=\"../guide/index.html#before-you-start\""),
        "{nl}"
    );
    assert!(nl.contains("href=\"../guide/index.html\""), "{nl}");
    let nested = read(&out.join("nl/deep/nested/index.html"));
    assert!(
        nested.contains("href=\"../../about/index.html\""),
        "{nested}"
    );
    assert!(!en.contains("stele-source:"), "{en}");
}

#[test]
fn broken_source_links_are_reported_in_the_markdown_file() {
    let site = mini_site();
    write(
        &site.path().join("content/pages/about.md"),
        &about(
            "Intro.\n\nSee [setup](guide/setup.md#step-2) or\n[the guide](guide.md#no-such-heading).\n",
        ),
    );
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/about.md:6:5"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("there is no content/pages/guide/setup.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/pages/about.md:7:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("#no-such-heading"), "{}", run.stderr);
    assert!(!run.stderr.contains("public/"), "{}", run.stderr);
}

#[test]
fn drafts_are_built_only_when_asked_and_never_listed() {
    let site = mini_site();
    write(
        &site.path().join("content/pages/plans.md"),
        "---\ntitle: Plans\ndraft: true\n---\nNot yet.\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("en/plans/index.html").exists());

    let run = build_with(site.path(), &out, &["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("en/plans/index.html").is_file());
    assert!(out.join("nl/plans/index.html").is_file());
    assert!(!read(&out.join("sitemap.xml")).contains("/plans/"));

    // And back: the incremental build removes it again.
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("en/plans/index.html").exists());
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let site = mini_site();
    write(
        &site.path().join("content/pages/plans.md"),
        "---\ntitle: Plans\ndraft: true\n---\nNot yet.\n",
    );
    write(
        &site.path().join("content/pages/about.md"),
        &about("See [plans](plans.md).\n"),
    );
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("is a draft"), "{}", run.stderr);
    let run = build_with(site.path(), &site.path().join("public"), &["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn base_url_on_the_command_line_replaces_site_yaml() {
    let site = mini_site();
    let out = site.path().join("public");
    let run = build_with(
        site.path(),
        &out,
        &["--base-url", "https://preview.example/pr-7"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://preview.example/pr-7/nl/guide/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("fixture.example"), "{sitemap}");
    // Without the flag the next build is the published site again.
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&out.join("sitemap.xml")).contains("https://fixture.example/docs/"));

    let run = build_with(site.path(), &out, &["--base-url", "preview.example"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
}

#[test]
fn the_sites_static_folder_lands_at_the_output_root() {
    let site = mini_site();
    write(&site.path().join("static/robots.txt"), "User-agent: *\n");
    write(&site.path().join("static/CNAME"), "docs.example\n");
    write(&site.path().join("static/images/logo.svg"), "<svg/>");
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&out.join("robots.txt")), "User-agent: *\n");
    assert_eq!(read(&out.join("CNAME")), "docs.example\n");
    assert!(out.join("images/logo.svg").is_file());
    assert!(out.join("static/site.css").is_file());

    // Incremental: a changed and a removed file.
    write(&site.path().join("static/robots.txt"), "User-agent: none\n");
    std::fs::remove_file(site.path().join("static/CNAME")).unwrap();
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&out.join("robots.txt")), "User-agent: none\n");
    assert!(!out.join("CNAME").exists());

    write(&site.path().join("static/en/index.html"), "mine");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("static/en/index.html"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("locale `en`"), "{}", run.stderr);
}

#[test]
fn site_templates_override_the_themes_by_name() {
    let site = mini_site();
    write(
        &site.path().join("templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}<h1 class=\"mine\">{{ page.title }}</h1>{{ page.content }}{% endblock content %}\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("en/guide/index.html"));
    assert!(
        page.contains("<h1 class=\"mine\">Upgrade guide</h1>"),
        "{page}"
    );
    // The theme's base.html still frames it.
    assert!(page.contains("<!DOCTYPE html>"), "{page}");

    write(
        &site.path().join("templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title | nope }}{% endblock content %}\n",
    );
    let run = build(site.path(), &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/page.html:2"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("themes/plain/templates/page.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translated_slug_is_refused_where_it_is_written() {
    let site = mini_site();
    let file = site.path().join("content/pages/guide.nl.md");
    let text = read(&file).replacen("---\n", "---\nslug: handleiding\n", 1);
    write(&file, &text);
    let run = build(site.path(), &site.path().join("public"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/guide.nl.md:2:7"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("handleiding"), "{}", run.stderr);
}

#[test]
fn unknown_front_matter_keys_are_located_warnings() {
    let site = mini_site();
    let file = site.path().join("content/pages/guide.md");
    let text = read(&file).replacen("weight: 1\n", "weight: 1\ntilte: Oops\n", 1);
    write(&file, &text);
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/guide.md:4:8"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`tilte`"), "{}", run.stderr);
    // The next, incremental build still says so.
    let run = build(site.path(), &out);
    assert!(run.stderr.contains("`tilte`"), "{}", run.stderr);
    let strict = build_with(site.path(), &out, &["--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn markdown_extensions_render() {
    let site = mini_site();
    write(
        &site.path().join("content/pages/about.md"),
        &about(
            "## Notes\n\n> [!WARNING]\n> Back up first.\n\n- [x] done\n- [ ] to do\n\nSee https://example.org/docs.\n\nA claim.[^1]\n\n[^1]: The source.\n\n```rust\nfn main() { let x = \"s\"; }\n```\n",
        ),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("en/about/index.html"));
    assert!(
        page.contains("<blockquote class=\"markdown-alert-warning\">"),
        "{page}"
    );
    assert!(page.contains("type=\"checkbox\""), "{page}");
    assert!(
        page.contains("<a href=\"https://example.org/docs\">https://example.org/docs</a>."),
        "{page}"
    );
    assert!(page.contains("class=\"footnote-reference\""), "{page}");
    assert!(
        page.contains("<a class=\"heading-anchor\" href=\"#notes\""),
        "{page}"
    );
    assert!(
        page.contains("<pre class=\"highlight hl-code\"><code class=\"language-rust\">"),
        "{page}"
    );
    assert!(page.contains("hl-keyword"), "{page}");
}

#[test]
fn completions_and_version() {
    let bash = run(stele().args(["completions", "bash"]));
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("_stele()"), "{}", bash.stdout);
    assert!(bash.stdout.contains("--base-url"), "{}", bash.stdout);
    let fish = run(stele().args(["completions", "fish"]));
    assert!(fish.stdout.contains("complete -c stele"), "{}", fish.stdout);
    let version = run(stele().arg("--version"));
    assert_eq!(version.code, 0);
    assert_eq!(
        version.stdout.trim(),
        format!("stele {}", env!("CARGO_PKG_VERSION"))
    );
}

/// The example site with a third collection of its own, `tools`, that the theme was not
/// written for.
fn example_with_tools(tools: &str) -> tempfile::TempDir {
    let site = copy_site(&repo_root(), &["content", "locales", "themes"]);
    let config = site.path().join("content/site.yaml");
    write(
        &config,
        &format!(
            "{}  - name: tools\n    data: tools.entries\n    path: tools\n    template: tool.html\n",
            read(&config)
        ),
    );
    write(&site.path().join("content/data/tools.yaml"), tools);
    write(
        &site.path().join("templates/tool.html"),
        "{% extends \"docs.html\" %}\n{% block content %}<h1>{{ page.key }}</h1>{% endblock content %}\n",
    );
    site
}

#[test]
fn the_sidebar_lists_every_collection_of_the_site() {
    let site = example_with_tools(
        "entries:\n  hammer:\n    title: Claw hammer\n  saw:\n    name: Hand saw\n  level:\n    weight: 3\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = read(&out.join("en/index.html"));
    // No `nav-tools` message: the collection's name heads it; each entry is named by its
    // `title`, else its `name`, else its key.
    assert!(
        home.contains("<h3 id=\"sidebar-tools\">tools</h3>"),
        "{home}"
    );
    for link in [
        "<a href=\"tools/hammer/index.html\">Claw hammer</a>",
        "<a href=\"tools/saw/index.html\">Hand saw</a>",
        "<a href=\"tools/level/index.html\">level</a>",
    ] {
        assert!(home.contains(link), "{link} in {home}");
    }
    // The example's own collections keep their names from data and messages.
    assert!(
        home.contains("<a href=\"versions/exchange-2013/index.html\">Exchange 2013</a>"),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"migration/staged/index.html\">Staged migration</a>"),
        "{home}"
    );
    // Previous/next walk into the new collection, and its pages have breadcrumbs.
    let saw = read(&out.join("nl/tools/saw/index.html"));
    assert!(
        saw.contains("<a href=\"../../tools/hammer/index.html\" rel=\"prev\">Claw hammer</a>"),
        "{saw}"
    );
    assert!(
        saw.contains("<a href=\"../../tools/level/index.html\" rel=\"next\">level</a>"),
        "{saw}"
    );
    assert!(saw.contains("<li>tools</li>"), "{saw}");
    let last_method = read(&out.join("en/migration/full-hybrid/index.html"));
    assert!(
        last_method
            .contains("<a href=\"../../tools/hammer/index.html\" rel=\"next\">Claw hammer</a>"),
        "{last_method}"
    );

    // A new title, then a heading message, reach every page in the next (incremental)
    // build.
    let data = site.path().join("content/data/tools.yaml");
    write(&data, &read(&data).replace("Claw hammer", "Framing hammer"));
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roadmap = read(&out.join("en/roadmap/index.html"));
    assert!(
        roadmap.contains("<a href=\"../tools/hammer/index.html\">Framing hammer</a>"),
        "{roadmap}"
    );
    assert!(!roadmap.contains("Claw hammer"), "{roadmap}");
    let messages = site.path().join("locales/en/site.ftl");
    write(
        &messages,
        &format!("{}\nnav-tools = Workshop tools\n", read(&messages)),
    );
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roadmap = read(&out.join("en/roadmap/index.html"));
    assert!(
        roadmap.contains("<h3 id=\"sidebar-tools\">Workshop tools</h3>"),
        "{roadmap}"
    );
}

#[test]
fn a_collection_title_field_an_entry_lacks_is_an_error_at_the_entry() {
    let site = example_with_tools("entries:\n  hammer:\n    label: Hammer\n  saw:\n    other: 1\n");
    let config = site.path().join("content/site.yaml");
    write(
        &config,
        &read(&config).replace(
            "template: tool.html\n",
            "template: tool.html\n    title: label\n",
        ),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("tools.yaml:5:5"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`saw` has no text at `label`"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

/// A site of its own on the `stele` theme, with none of the example's data: its home page
/// and collection template are its own, and the theme's navigation is made from its pages
/// and its collection.
#[test]
fn a_site_of_its_own_on_the_stele_theme_gets_its_own_navigation() {
    let site = copy_site(
        &repo_root(),
        &[
            "themes",
            "locales/en/site.ftl",
            "locales/en/search.ftl",
            "locales/en/terms.ftl",
        ],
    );
    let root = site.path();
    write(
        &root.join("content/site.yaml"),
        "source_locale: en\nbase_url: https://tools.example/\ntheme: stele\ntitle: site-title\nsearch: true\ncollections:\n  - name: tools\n    data: tools.entries\n    path: tools\n    template: tool.html\n",
    );
    write(
        &root.join("content/data/tools.yaml"),
        "entries:\n  hammer:\n    title: Claw hammer\n  saw:\n    name: Hand saw\n",
    );
    write(
        &root.join("content/pages/safety.md"),
        "---\ntitle: Safety\n---\nWear goggles.\n",
    );
    write(
        &root.join("templates/index.html"),
        "{% extends \"docs.html\" %}\n{% block content %}<h1>Tools</h1>{% endblock content %}\n",
    );
    write(
        &root.join("templates/tool.html"),
        "{% extends \"docs.html\" %}\n{% block content %}<h1>{{ page.key }}</h1>{% endblock content %}\n",
    );
    let out = root.join("public");
    let run = build(root, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let safety = read(&out.join("en/safety/index.html"));
    let sidebar = safety
        .split_once("<nav class=\"sidebar\"")
        .and_then(|(_, rest)| rest.split_once("</nav>"))
        .map(|(sidebar, _)| sidebar)
        .expect("a sidebar");
    for part in [
        "<a href=\"../index.html\">Home</a>",
        "<a href=\"../safety/index.html\" aria-current=\"page\">Safety</a>",
        "<h3 id=\"sidebar-tools\">tools</h3>",
        "<a href=\"../tools/hammer/index.html\">Claw hammer</a>",
        "<a href=\"../tools/saw/index.html\">Hand saw</a>",
    ] {
        assert!(sidebar.contains(part), "{part} in {sidebar}");
    }
    assert_eq!(sidebar.matches("<li>").count(), 4, "{sidebar}");
    let header = safety
        .split_once("<nav class=\"site-nav\"")
        .and_then(|(_, rest)| rest.split_once("</nav>"))
        .map(|(header, _)| header)
        .expect("a header menu");
    assert!(
        header.contains("<a href=\"../tools/hammer/index.html\">tools</a>"),
        "{header}"
    );
    let saw = read(&out.join("en/tools/saw/index.html"));
    assert!(
        saw.contains("<a href=\"../../tools/hammer/index.html\" rel=\"prev\">Claw hammer</a>"),
        "{saw}"
    );
}
