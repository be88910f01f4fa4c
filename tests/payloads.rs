//! Script cannot come from content: a copy of the example site whose every message, data
//! value, front-matter title and Markdown page carries attack payloads is built with the
//! real binary, and every output file is read with an HTML parser (lol_html, which
//! tokenizes as browsers do). No element may carry an event-handler attribute or
//! `autofocus`, no link a script URL, and the only scripts are the theme's own.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use lol_html::{HtmlRewriter, Settings, element, text};

/// Payloads for text that reaches element content and quoted attributes (messages, data).
/// No digits (a translation typing a number is an error of its own), no braces (Fluent).
const TEXT_PAYLOADS: &[&str] = &[
    // The reproduction: a Dutch message in `title="…"`.
    "\" autofocus onfocus=\"alert(document.domain)\" x=\"",
    "' autofocus onfocus='alert(document.domain)' x='",
    "\"><img src=x onerror=alert(document.domain)>",
    "\"/onmouseover=\"alert(document.domain)",
    "&quot; onfocus=&quot;alert(document.domain)",
    "` onfocus=alert(document.domain) `",
    "</title><script>alert(document.domain)</script>",
    "</script><script>alert(document.domain)</script>",
    "<svg onload=alert(document.domain)>",
    "x [klik](?onmouseover=alert(document.domain)//) y",
    "x [a](https://a.example/?q=\" onfocus=\"alert(document.domain)) y",
    "x [t](https://a.example/ \"t\\\" onmouseover=\\\"alert(document.domain)\") y",
    "x ![alt\" onerror=\"alert(document.domain)](https://a.example/i.png) y",
    "x `code\" onclick=\"alert(document.domain)` y",
    "x <https://a.example/?q=\"onfocus=alert(document.domain)> y",
];

/// Markdown link targets that must never become a script link.
const URL_PAYLOADS: &[&str] = &[
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(document.domain)",
    "java&#x73;cript:alert(document.domain)",
    "&#106;avascript:alert(document.domain)",
    "%6Aavascript:alert(document.domain)",
    "vbscript:msgbox",
    "data:text/html,<script>alert(document.domain)</script>",
    "DATA:text/html;base64,PHNjcmlwdD4=",
];

/// Markdown blocks appended to every page, in every language alike (so the translated
/// pages keep their source's links and headings).
fn markdown_payloads() -> String {
    let mut blocks = vec![
        "<script>alert(document.domain)</script>".to_string(),
        "<img src=x onerror=alert(document.domain)>".to_string(),
        "<a href=\"javascript:alert(document.domain)\">raw</a>".to_string(),
        "## Attr {autofocus tabindex=0 onfocus=alert(document.domain)}".to_string(),
        "## Attr two {#x\" onfocus=\"alert(document.domain) .y}".to_string(),
        "## Attr three {.ok onclick=alert(document.domain) style=x}".to_string(),
        "[title](https://a.example/ \"t\\\" onmouseover=\\\"alert(document.domain)\")".to_string(),
        "![alt\" onerror=\"alert(document.domain)](https://a.example/i.png)".to_string(),
        "<javascript:alert(document.domain)>".to_string(),
        "[ref link][evil]\n\n[evil]: javascript:alert(document.domain)".to_string(),
        "| a | b |\n|---|---|\n| <script>x</script> | [c](vbscript:msgbox) |".to_string(),
        "- [item](JAVASCRIPT:alert(document.domain))\n- `<script>` code".to_string(),
    ];
    for (index, url) in URL_PAYLOADS.iter().enumerate() {
        blocks.push(format!("[link {index}]({url}) and <{url}>"));
    }
    blocks.join("\n\n")
}

/// What the parser found in one output file.
#[derive(Debug, Default)]
struct Findings {
    handlers: Vec<String>,
    script_links: Vec<String>,
    /// `type` of each script element, in order.
    scripts: Vec<String>,
    script_texts: Vec<String>,
}

/// Attributes whose value a browser loads or follows as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "cite",
    "background",
    "xlink:href",
    "srcset",
    "ping",
];

/// A URL a browser would run script from, read as browsers read it (entities decoded
/// before, then tabs, newlines and leading control characters and spaces ignored).
fn runs_script(value: &str) -> bool {
    let decoded = htmlize::unescape_attribute(value);
    let compact: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "javascript:",
        "vbscript:",
        "livescript:",
        "data:text/html",
        "data:text/xml",
        "data:application/",
        "data:image/svg",
    ]
    .iter()
    .any(|scheme| compact.starts_with(scheme))
}

fn parse(html: &str) -> Findings {
    let found = RefCell::new(Findings::default());
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |el| {
            let tag = el.tag_name();
            let mut found = found.borrow_mut();
            for attribute in el.attributes() {
                let name = attribute.name().to_ascii_lowercase();
                if name.starts_with("on") || name == "autofocus" {
                    found
                        .handlers
                        .push(format!("<{tag} {name}={:?}>", attribute.value()));
                }
                if URL_ATTRIBUTES.contains(&name.as_str()) && runs_script(&attribute.value()) {
                    found
                        .script_links
                        .push(format!("<{tag} {name}={:?}>", attribute.value()));
                }
            }
            if tag == "script" {
                found
                    .scripts
                    .push(el.get_attribute("type").unwrap_or_default());
                found.script_texts.push(String::new());
            }
            Ok(())
        }))
        .append_element_content_handler(text!("script", |chunk| {
            if let Some(last) = found.borrow_mut().script_texts.last_mut() {
                last.push_str(chunk.as_str());
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).expect("the page parses");
    rewriter.end().expect("the page parses");
    found.into_inner()
}

/// Every .html and .xml file of a built site, parsed.
fn parse_outputs(out: &Path) -> BTreeMap<String, Findings> {
    snapshot(out)
        .into_iter()
        .filter(|(path, _)| {
            path.extension()
                .is_some_and(|ext| ext == "html" || ext == "xml")
        })
        .map(|(path, bytes)| {
            let html = String::from_utf8(bytes).expect("UTF-8 output");
            (path.to_string_lossy().into_owned(), parse(&html))
        })
        .collect()
}

/// Appends a payload to every message and attribute of every `.ftl` file.
fn poison_messages(site: &Path) {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(site.join("locales")) {
        let entry = entry.expect("readable");
        if entry.path().extension().is_none_or(|ext| ext != "ftl") {
            continue;
        }
        let text = read(entry.path());
        let mut out = String::new();
        for line in text.lines() {
            let trimmed = line.trim_start();
            let is_entry = trimmed.split_once(" =").is_some_and(|(id, _)| {
                let id = id.strip_prefix('.').unwrap_or(id);
                !id.is_empty()
                    && !id.starts_with('-')
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
            if is_entry && !line.starts_with('#') {
                let (head, rest) = line.split_once(" =").expect("an entry");
                // Chosen by message id, so every locale carries the same payload and a
                // translation keeps its source's markup (markup-mismatch otherwise).
                let seed = head.bytes().map(usize::from).sum::<usize>();
                let payload = TEXT_PAYLOADS[seed % TEXT_PAYLOADS.len()];
                count += 1;
                out.push_str(&format!("{head} = x {payload}{rest}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        write(entry.path(), &out);
    }
    assert!(count > 100, "only {count} messages poisoned");
}

/// Appends a payload to every quoted data string that is text rather than a key, a date,
/// a number or a URL.
fn poison_data(site: &Path) {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(site.join("content/data")) {
        let entry = entry.expect("readable");
        if entry.path().extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        let text = read(entry.path());
        let mut out = String::new();
        for line in text.lines() {
            let poisoned = line.split_once(": \"").and_then(|(key, rest)| {
                let value = rest.strip_suffix('"')?;
                let plain = value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
                (!plain && !value.contains("://") && !key.trim_start().starts_with('#')).then(
                    || {
                        let payload = TEXT_PAYLOADS[count % TEXT_PAYLOADS.len()];
                        count += 1;
                        let json = serde_json::to_string(&format!("{value} {payload}"))
                            .expect("a JSON string");
                        format!("{key}: {json}")
                    },
                )
            });
            out.push_str(&poisoned.unwrap_or_else(|| line.to_string()));
            out.push('\n');
        }
        write(entry.path(), &out);
    }
    assert!(count > 20, "only {count} data values poisoned");
}

/// Poisons every page's title and appends the Markdown payloads to its body.
fn poison_pages(site: &Path) {
    let blocks = markdown_payloads();
    for entry in walkdir::WalkDir::new(site.join("content/pages")) {
        let entry = entry.expect("readable");
        if entry.path().extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let text = read(entry.path());
        let mut out = String::new();
        for (index, line) in text.lines().enumerate() {
            match line.strip_prefix("title: ") {
                Some(title) if index < 10 => {
                    let payload = TEXT_PAYLOADS[index % TEXT_PAYLOADS.len()];
                    let json = serde_json::to_string(&format!("{title} {payload}"))
                        .expect("a JSON string");
                    out.push_str(&format!("title: {json}\n"));
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out.push('\n');
        out.push_str(&blocks);
        out.push('\n');
        write(entry.path(), &out);
    }
}

/// A theme as users write it: values placed in attributes the obvious way.
fn add_user_theme_lines(site: &Path) {
    let base = site.join("themes/stele/templates/base.html");
    let text = read(&base).replace(
        "<body>",
        "<body>\n<span title=\"{{ t(id=\"site-title\") }}\" data-x='{{ t(id=\"nav-label\") }}' \
         class=\"{{ data.exchange.versions.exchange_2016.name }}\">{{ data.exchange.versions.exchange_2013.full_name }}</span>\n\
         <a href=\"{{ url(page=\"\") }}\" title=\"{{ t(id=\"nav-home\") }}\" aria-label='{{ page.title }}'>{{ page.title }}</a>",
    );
    assert!(text.contains("data-x"));
    write(&base, &text);
}

/// What `stele check` says about a site.
fn run_check(site: &Path) -> String {
    let run = run(stele().arg("check").arg("--site").arg(site));
    format!("{}{}", run.stdout, run.stderr)
}

#[test]
fn payloads_everywhere_never_become_script() {
    let clean = example_copy();
    add_user_theme_lines(clean.path());
    let clean_out = clean.path().join("public");
    let run = build(clean.path(), &clean_out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = parse_outputs(&clean_out);

    let site = example_copy();
    add_user_theme_lines(site.path());
    poison_messages(site.path());
    poison_data(site.path());
    poison_pages(site.path());
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let checked = run_check(site.path());
    assert!(
        checked.contains("heading attribute `onfocus=alert(document.domain)` is left out"),
        "{checked}"
    );
    assert!(checked.contains("content/pages/about.nl.md:"), "{checked}");
    let found = parse_outputs(&out);
    assert_eq!(
        found.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert!(found.len() > 30, "{} files", found.len());
    for (path, findings) in &found {
        assert!(
            findings.handlers.is_empty(),
            "{path}: {:?}",
            findings.handlers
        );
        assert!(
            findings.script_links.is_empty(),
            "{path}: {:?}",
            findings.script_links
        );
        assert_eq!(
            findings.scripts, expected[path].scripts,
            "{path}: scripts other than the theme's"
        );
        for (kind, text) in findings.scripts.iter().zip(&findings.script_texts) {
            if kind == "application/ld+json" {
                let value: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|error| {
                    panic!("{path}: JSON-LD does not parse: {error}\n{text}")
                });
                assert!(value.is_object(), "{path}");
            }
        }
    }
    // The payloads are there, as text.
    let roadmap = read(&out.join("nl/roadmap/index.html"));
    assert!(
        roadmap.contains("autofocus onfocus="),
        "payloads reached the page"
    );
    assert!(
        visible_text(&roadmap).contains("\" autofocus onfocus=\"alert(document.domain)\" x=\"")
    );
}

/// A script URL that reaches an `href` stops the build with a located error, however it
/// is spelled: from data (refused where it is written) and from a message a theme puts in
/// an `href` (refused where the page has it).
#[test]
fn script_urls_are_refused() {
    let site = example_copy();
    let links = site.path().join("content/data/links.yaml");
    let original = read(&links);
    let target = "\"https://support.office.com/article/Decide-on-a-migration-path-0d4f2396-9cef-43b8-9bd6-306d01df1e27\"";
    assert!(original.contains(target));
    let out = site.path().join("public");
    for variant in [
        "javascript:alert(document.domain)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "java\\tscript:alert(1)",
        "\\u0001javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ] {
        write(&links, &original.replace(target, &format!("\"{variant}\"")));
        let run = build(site.path(), &out);
        assert_eq!(run.code, 1, "{variant}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/data/links.yaml:11:"),
            "{variant}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{variant}: nothing is written");
    }
    write(&links, &original);

    let base = site.path().join("themes/stele/templates/base.html");
    write(
        &base,
        &read(&base).replace(
            "<body>",
            "<body>\n<a class=\"help\" href=\"{{ t(id=\"help-address\") }}\">?</a>",
        ),
    );
    let messages = site.path().join("locales/en/site.ftl");
    let english = read(&messages);
    for variant in [
        "javascript:alert(document.domain)",
        "JaVaScRiPt:alert(document.domain)",
        "java\tscript:alert(document.domain)",
        "vbscript:msgbox",
        "data:text/html,alert(document.domain)",
        "DATA:image/svg+xml,x",
        // Markdown decodes character references in a message, so these are script too.
        "&#106;avascript:alert(document.domain)",
        "java&#x73;cript:alert(document.domain)",
    ] {
        write(&messages, &format!("{english}\nhelp-address = {variant}\n"));
        let run = build(site.path(), &out);
        assert_eq!(run.code, 1, "{variant:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("error[script-link]"),
            "{variant:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("would run script"), "{variant:?}");
        assert!(
            run.stderr.contains("--> public/en/index.html:"),
            "{variant:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("template `index.html`"),
            "{}",
            run.stderr
        );
        assert!(!out.exists(), "{variant:?}: nothing is written");
    }
    for harmless in [
        "https://a.example/javascript:alert(document.domain)",
        "mailto:javascript@a.example",
        "tel:javascript",
    ] {
        write(
            &messages,
            &format!("{english}\nhelp-address = {harmless}\n"),
        );
        let run = build(site.path(), &out);
        assert_eq!(run.code, 0, "{harmless}: {}", run.stderr);
        for (path, findings) in parse_outputs(&out) {
            assert!(findings.script_links.is_empty(), "{path}: {harmless}");
        }
    }
}

/// Data values and messages in single- and double-quoted attributes of a theme written
/// the obvious way stay inside them: a fixture site with attribute payloads in data
/// values, list items and every Dutch message.
#[test]
fn values_and_messages_stay_inside_quoted_attributes() {
    let site = mini_site();
    let templates = site.path().join("themes/plain/templates");
    write(
        &templates.join("release.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n\
         <h1 title=\"{{ page.item.name }}\" data-a='{{ page.item.name }}'>{{ page.item.name }}</h1>\n\
         <p title=\"{{ t(id=\"launched\", name=page.item.name, date=page.item.launched) }}\" \
         data-b='{{ t(id=\"roles\", roles=page.item.roles) }}'>x</p>\n\
         <p>{{ t(id=\"roles\", roles=[t(id=\"launched\", name=page.item.name, date=page.item.launched)]) }}</p>\n\
         {% endblock content %}\n",
    );
    let data = site.path().join("content/data/products.yaml");
    write(
        &data,
        &read(&data)
            .replace(
                "name: Widget 1",
                "name: \"Widget 1\\\" autofocus onfocus=\\\"alert(document.domain)\\\" x=\\\"\"",
            )
            .replace(
                "name: Widget 2",
                "name: \"Widget 2' onmouseover='alert(document.domain)' x='\"",
            )
            .replace(
                "roles: [Mailbox, Edge Transport]",
                "roles: [\"Mail\\\"box\", \"Edge' onclick='x\", \"<b onclick=x>\"]",
            ),
    );
    // English carries the same payloads, so each Dutch message keeps its source's markup.
    for tag in ["en", "nl"] {
        let messages = site.path().join(format!("locales/{tag}/main.ftl"));
        let dutch = read(&messages);
        let poisoned: String = dutch
            .lines()
            .map(|line| match line.split_once(" = ") {
                Some((id, rest))
                    if !id.starts_with(['#', ' ', '-']) && !rest.contains("->") => format!(
                    "{id} = {rest} \" autofocus onfocus=\"alert(document.domain)\" ' onmouseover='x' [k](https://a.example/?a=b)\n"
                ),
                _ => format!("{line}\n"),
            })
            .collect();
        assert_ne!(poisoned, dutch);
        write(&messages, &poisoned);
    }
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = parse_outputs(&out);
    assert!(
        found.keys().any(|path| path.contains("releases")),
        "{:?}",
        found.keys()
    );
    for (path, findings) in &found {
        assert!(
            findings.handlers.is_empty(),
            "{path}: {:?}",
            findings.handlers
        );
        assert!(findings.script_links.is_empty(), "{path}");
    }
    let page = read(&out.join("nl/releases/widget-1/index.html"));
    assert!(
        page.contains(
            "Widget 1&quot; autofocus onfocus=&quot;alert(document.domain)&quot; x=&quot;"
        ),
        "{page}"
    );
}

/// A value placed in an attribute without quotes could add attributes of its own (a space
/// ends the value): a user's theme that does so is refused before any page renders, and
/// the same payloads in the quoted attribute stay text.
#[test]
fn unquoted_attribute_values_never_ship() {
    let site = example_copy();
    poison_messages(site.path());
    let base = site.path().join("themes/stele/templates/base.html");
    let unquoted = "<span title={{ t(id=\"site-title\") }} data-x={{ page.title }}>x</span>";
    write(
        &base,
        &read(&base).replace("<body>", &format!("<body>\n{unquoted}")),
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr
            .matches("in an attribute value without quotes")
            .count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> themes/stele/templates/base.html:"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    let quoted = "<span title=\"{{ t(id=\"site-title\") }}\" data-x=\"{{ page.title }}\">x</span>";
    write(&base, &read(&base).replace(unquoted, quoted));
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, findings) in parse_outputs(&out) {
        assert!(
            findings.handlers.is_empty(),
            "{path}: {:?}",
            findings.handlers
        );
    }
}

/// A message is inline prose: Markdown block syntax in it (a fenced code block whose info
/// string the HTML writer would put in `class="language-…"`, a list, a heading, a table)
/// keeps its text and loses its tags, so no quote a translator typed reaches an attribute
/// the theme places the message in (`aria-label`, `title`, `data-label`).
#[test]
fn block_markdown_in_messages_never_leaves_an_attribute() {
    let site = example_copy();
    let fence = |payload: &str| format!("\n    ```{payload}\n    zoeken\n    ```\n");
    for (file, from, payload) in [
        (
            "locales/nl/search.ftl",
            "search-label = Zoeken in deze gids\n",
            fence("x\tcontenteditable\tautofocus\tonfocus=alert(document.domain)//"),
        ),
        (
            "locales/en/site.ftl",
            "nav-label = Main\n",
            fence("x/onmouseover=alert(document.domain)//"),
        ),
        (
            "locales/nl/site.ftl",
            "nav-label = Hoofdmenu\n",
            "\n    # Kop\n\n    | a\" onclick=\"x | b |\n    |:-|-:|\n    | c | d |\n".to_string(),
        ),
    ] {
        let path = site.path().join(file);
        let text = read(&path);
        assert!(text.contains(from), "{file}");
        let id = from.split(" =").next().expect("an id");
        write(&path, &text.replace(from, &format!("{id} ={payload}")));
    }
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = parse_outputs(&out);
    assert!(found.len() > 20, "{:?}", found.keys());
    for (path, findings) in &found {
        assert!(
            findings.handlers.is_empty(),
            "{path}: {:?}",
            findings.handlers
        );
    }
    let page = read(&out.join("nl/index.html"));
    assert!(page.contains("aria-label=\""), "{page}");
    assert!(
        !page.contains("language-x"),
        "a code block's class in an attribute"
    );
}
