//! Robustness: arbitrary input to every loader (YAML data, site settings, front matter,
//! Fluent, Markdown, templates) is reported or rendered, never a panic; text from data
//! and translations can never become markup. The same loaders are fuzzed in `fuzz/`.

mod common;

use std::path::Path;

use proptest::prelude::*;

use common::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Strings that look like the syntax being parsed, so cases reach deep into parsers.
fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a: 1\n".to_string()),
            Just("- x\n".to_string()),
            Just("  ".to_string()),
            Just("\t".to_string()),
            Just("&anchor ".to_string()),
            Just("*anchor".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just(": ".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("---\n".to_string()),
            Just("<<: *a\n".to_string()),
            Just("!tag ".to_string()),
            Just("? ".to_string()),
            Just("|\n".to_string()),
            any::<String>(),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn fluentish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("id = ".to_string()),
            Just("-term = ".to_string()),
            Just("{ $x }".to_string()),
            Just("{ -term }".to_string()),
            Just("{ DATETIME($d, month: \"long\") }".to_string()),
            Just("{ NUMBER($n) }".to_string()),
            Just("{ $n ->\n".to_string()),
            Just("   *[other] x\n".to_string()),
            Just("    [one] y\n".to_string()),
            Just("}\n".to_string()),
            Just("{".to_string()),
            Just("\n    .attr = v".to_string()),
            Just("# comment\n".to_string()),
            Just("\n".to_string()),
            any::<String>(),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("# h\n".to_string()),
            Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
            Just("[x](javascript:alert(1))".to_string()),
            Just("<script>alert(1)</script>".to_string()),
            Just("> ".to_string()),
            Just("- ".to_string()),
            Just("```\n".to_string()),
            Just("*".to_string()),
            Just("[^1]".to_string()),
            Just("\n".to_string()),
            any::<String>(),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn teraish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("{{ ".to_string()),
            Just(" }}".to_string()),
            Just("{% if x %}".to_string()),
            Just("{% endif %}".to_string()),
            Just("{% for a in b %}".to_string()),
            Just("{% endfor %}".to_string()),
            Just("{% block c %}".to_string()),
            Just("{% endblock c %}".to_string()),
            Just("t(id=\"x\")".to_string()),
            Just("| date".to_string()),
            Just("(".to_string()),
            Just("\"".to_string()),
            any::<String>(),
        ],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn yaml_data_never_panics(text in yamlish()) {
        let _ = stele::load::yaml::parse_tree(&text, Path::new("content/data/x.yaml"), 0);
    }

    #[test]
    fn site_settings_never_panic(text in yamlish()) {
        let _ = stele::load::config::Config::parse(&text, Path::new("content/site.yaml"));
    }

    #[test]
    fn front_matter_never_panics(front in yamlish(), body in markdownish()) {
        let page = format!("---\n{front}\n---\n{body}");
        let _ = stele::load::pages::parse_page(&page, Path::new("content/pages/x.md"));
    }

    #[test]
    fn fluent_never_panics(text in fluentish()) {
        let (_, problems) = stele::load::locales::parse_ftl(text, Path::new("locales/en/x.ftl"), "en");
        for problem in problems {
            prop_assert!(problem.line >= 1);
        }
    }

    #[test]
    fn markdown_never_runs_script(text in markdownish()) {
        let page = stele::util::markdown::render_page(&text);
        prop_assert!(!page.html.contains("<script"));
        prop_assert!(!page.html.to_lowercase().contains("href=\"javascript:"));
        let inline = stele::util::markdown::render_inline(&text);
        prop_assert!(!inline.contains("<script"));
    }

    #[test]
    fn escaped_values_never_become_markup(value in any::<String>()) {
        let html = stele::util::markdown::render_inline(&stele::util::markdown::escape_markdown(&value));
        prop_assert!(!html.contains('<') || html.contains("&lt;") || !value.contains('<'));
        prop_assert!(!html.contains("<a "));
        prop_assert!(!html.contains("<em>"));
        prop_assert!(!html.contains("<strong>"));
    }

    #[test]
    fn templates_never_panic(text in teraish()) {
        let mut tera = tera::Tera::new();
        let _ = tera.add_raw_template("x.html", &text);
    }
}

/// A site whose data and translations try to inject script still builds, and every such
/// attempt arrives in the HTML as text.
#[test]
fn hostile_data_and_translations_are_escaped() {
    let site = mini_site();
    write(
        &site.path().join("content/data/products.yaml"),
        "releases:\n  widget_1:\n    name: \"<script>alert('name')</script>\"\n    launched: \"2017-04-11\"\n    end_of_support: \"2023-04\"\n    max_seats: 2000\n    port: 443\n    roles: [\"<img src=x onerror=alert(1)>\"]\nnote: \"[click](javascript:alert(1)) \\\" onmouseover=\\\"x\"\n",
    );
    write(
        &site.path().join("locales/nl/main.ftl"),
        &read(&site.path().join("locales/nl/main.ftl")).replace(
            "site-title = Handboek { -widget }",
            "site-title = Handboek { -widget } <script>alert('nl')</script> [x](javascript:alert('nl'))",
        ),
    );
    let guide = site.path().join("content/pages/guide.md");
    write(
        &guide,
        &read(&guide).replace(
            "title: Upgrade guide",
            "title: \"Guide</script><script>alert('ld')</script>\"",
        ),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // JSON-LD carries the title as JSON text that cannot close its script element.
    let guide_page = read(&out.join("en/guide/index.html"));
    assert!(
        guide_page.contains(
            "\"name\": \"Guide\\u003c/script\\u003e\\u003cscript\\u003ealert(\\u0027ld\\u0027)"
        ),
        "{guide_page}"
    );
    for (path, bytes) in snapshot(&out) {
        let html = String::from_utf8_lossy(&bytes);
        if path == Path::new("index.html") {
            // The language chooser is Stele's own script.
            assert!(!html.contains("alert("), "{}", path.display());
            continue;
        }
        // The only script elements are the theme's own JSON-LD blocks.
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script type=\"application/ld+json\">")
                .count(),
            "script in {}",
            path.display()
        );
        assert!(!html.contains("<img"), "img in {}", path.display());
        assert!(
            !html.contains("href=\"javascript:"),
            "js link in {}",
            path.display()
        );
        let tags_with_handlers = html
            .split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
            .filter(|tag| tag.contains("onmouseover") || tag.contains("onerror"))
            .count();
        assert_eq!(
            tags_with_handlers,
            0,
            "attribute break-out in {}",
            path.display()
        );
    }
    let page = read(&out.join("nl/releases/widget-1/index.html"));
    assert!(page.contains("&lt;script&gt;alert("), "{page}");
}
