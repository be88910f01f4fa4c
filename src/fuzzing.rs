//! Entry points for the cargo-fuzz targets in `fuzz/`, one per target, each driving the
//! code path a site's file of that kind takes through a build: parsing, the checks, the
//! theme's compilation and a page's rendering with its bounds.
//!
//! The fuzz crate is outside this one and can only call what is public; this module is the
//! one deliberate door, so the stages themselves stay `pub(crate)`. It is hidden from the
//! documentation and is no API: nothing else may call it. [`TARGETS`] names what each
//! target runs on its input, with what must hold asserted: a diagnostic without a place, or
//! script in HTML that no theme wrote, panics, as a bug would. `tests/fuzz_corpus.rs` runs
//! every input of `fuzz/corpus/` through them, so a crash added there stays fixed.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};

use crate::diagnostics::Diagnostic;
use crate::load::locales::{Locales, parse_ftl};
use crate::load::template_bounds::{RenderLimits, with_limits};
use crate::load::theme::{Links, Theme};
use crate::util::intl::{self, LocaleFormats};

/// What a target runs on one input; it panics where what must hold does not.
pub type Target = fn(&[u8]);

/// Every fuzz target by name, with what it runs on one input.
pub const TARGETS: [(&str, Target); 9] = [
    ("fluent", |data| {
        with_text(data, |text| fluent(text).assert_safe())
    }),
    ("fluent_nesting", |data| {
        fluent(&nested_fluent(data)).assert_located()
    }),
    ("icu_options", icu_options_from),
    ("template_loops", template_loops),
    ("templates", |data| {
        with_text(data, |text| template(text).assert_located())
    }),
    ("yaml_data", |data| {
        with_text(data, |text| yaml_data(text).assert_located())
    }),
    ("site_config", |data| {
        with_text(data, |text| site_config(text).assert_located())
    }),
    ("front_matter", |data| {
        with_text(data, |text| front_matter(text).assert_safe())
    }),
    ("markdown", |data| {
        with_text(data, |text| {
            let outcome = markdown(text);
            outcome.assert_safe();
            // A data value escaped before it enters a message shows as text, never a link.
            assert!(!outcome.html[2].contains("<a "), "{}", outcome.html[2]);
        })
    }),
];

/// Runs the target `name` on `data`; a target it does not know panics.
pub fn run(name: &str, data: &[u8]) {
    match TARGETS.iter().find(|(target, _)| *target == name) {
        Some((_, run)) => run(data),
        None => panic!("no fuzz target `{name}`"),
    }
}

/// Inputs that are not UTF-8 are no text a site's file could hold once read.
fn with_text(data: &[u8], run: impl FnOnce(&str)) {
    if let Ok(text) = std::str::from_utf8(data) {
        run(text);
    }
}

/// Pieces of Fluent that open or close a level (placeable, call, select variant, string
/// literal with braces, term arguments, references between messages and terms).
const FLUENT_PIECES: [&str; 16] = [
    "{ ",
    " }",
    "NUMBER(",
    ")",
    "{ $n ->\n *[other] ",
    "\n}",
    "{ \"}\" }",
    "{\"{\"}",
    "-t(a: ",
    "\n    ",
    "x",
    "# {\n",
    "{ -t }",
    "\n-t = { m }\n",
    "\nn = { m } { n }\nm = ",
    "[one] ",
];

/// A Fluent file from bytes: the low bits of each pick a piece, the high bits repeat it,
/// so a few bytes nest thousands deep.
fn nested_fluent(data: &[u8]) -> String {
    let mut text = String::from("m = ");
    for byte in data.iter().take(50_000) {
        let piece = FLUENT_PIECES[usize::from(byte & 0x0f)];
        for _ in 0..=(byte >> 4) * 16 {
            text.push_str(piece);
        }
    }
    text.push('\n');
    text
}

/// Pieces of templates with loops and `set`, including the ways one value can feed itself
/// (the first 16), and the filters that make a value many times larger than what they are
/// given (the next 16).
const TEMPLATE_PIECES: [&str; 32] = [
    "{% for i in range(end=50) %}",
    "{% endfor %}",
    "{% set s = s ~ s %}",
    "{% set_global s = s ~ \"x\" %}",
    "{% set t = [s, s] | join(sep=\"\") %}",
    "{{ s }}",
    "{% set s = t %}",
    "xxxxxxxxxxxxxxxx",
    "{% if s %}",
    "{% endif %}",
    "{% filter upper %}",
    "{% endfilter %}",
    "{% for j in range(end=100000) %}",
    "{% set u = s | replace(from=\"a\", to=s) %}",
    "{% set s = u %}",
    "{{ t(id=\"hello\", name=s) }}",
    "{% set s = s ~ \"\n\" %}",
    "{% set u = s | indent(width=1000, blank=true) %}",
    "{{ s | indent(width=1000, first=true, blank=true, indentation=\"<\") }}",
    "{% set u = range(end=1000) | join(sep=s) %}",
    "{{ s | replace(from=\"\", to=s) }}",
    "{% for c in s | split(pat=\"\") %}",
    "{% set l = s | split(pat=\"b\") %}",
    "{{ l | join(sep=s) }}",
    "{% set s = s | escape %}",
    "{% set s = s ~ \"<&>\" %}",
    "{% set_global u = u ~ s %}",
    "{% for k in [s, s, s] %}",
    "{{ s | length }}",
    "{% set s = s | safe %}",
    "{% set l = [s, u, t] %}",
    "{% endfor %}{% endfor %}",
];

/// A template from bytes, one piece for each of the first 64 (the low five bits pick it).
fn looping_template(data: &[u8]) -> String {
    let mut text =
        String::from("{% set s = \"ab\" %}{% set t = \"\" %}{% set u = \"\" %}{% set l = [] %}");
    for byte in data.iter().take(64) {
        text.push_str(TEMPLATE_PIECES[usize::from(byte & 0x1f)]);
    }
    text
}

/// The bounds `template_loops` renders with: the checks of a build, at sizes where a page
/// that reaches one takes milliseconds under AddressSanitizer instead of a minute. A value
/// may still be built up to the page size, so a filter that multiplies a value past it
/// (its output is made before any check sees it) shows as memory far beyond the bounds.
pub(crate) const LOOP_LIMITS: RenderLimits = RenderLimits {
    loop_steps: 20_000,
    value_bytes: 64 << 10,
    page_bytes: 256 << 10,
};

/// `template_loops` on bytes: the template [`looping_template`] makes, rendered within
/// [`LOOP_LIMITS`]; every error located, no page past the page size.
fn template_loops(data: &[u8]) {
    let outcome = with_limits(LOOP_LIMITS, || template(&looping_template(data)));
    outcome.assert_located();
    for html in &outcome.html {
        assert!(html.len() <= LOOP_LIMITS.page_bytes, "{} bytes", html.len());
    }
}

/// `icu_options` on bytes: an option's name, its value, a number and a date, separated by
/// NUL bytes; a number that does not read as one is taken from the bytes' bits.
fn icu_options_from(data: &[u8]) {
    let mut parts = data.splitn(4, |byte| *byte == 0);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (name, value, number, date) = (next(), next(), next(), next());
    let number = number.trim().parse::<f64>().unwrap_or_else(|_| {
        let mut bits = [0u8; 8];
        for (slot, byte) in bits.iter_mut().zip(number.bytes()) {
            *slot = byte;
        }
        f64::from_le_bytes(bits)
    });
    let outcome = icu_options(&name, &value, number, &date);
    outcome.assert_located();
    for text in &outcome.html {
        // The longest is a double written out in full: 309 digits and group separators.
        assert!(text.len() < 1_000, "{} bytes: {text}", text.len());
    }
}

/// What one input made: every diagnostic, and the HTML it rendered to, if any.
#[derive(Debug, Default)]
pub struct Outcome {
    pub problems: Vec<Diagnostic>,
    pub html: Vec<String>,
}

impl Outcome {
    fn problems(problems: Vec<Diagnostic>) -> Outcome {
        Outcome {
            problems,
            html: Vec::new(),
        }
    }

    /// The first diagnostic without a file, line and column, if any.
    pub fn unlocated(&self) -> Option<&Diagnostic> {
        self.problems.iter().find(|problem| {
            problem.file.as_os_str().is_empty() || problem.line == 0 || problem.column == 0
        })
    }

    /// Panics naming the first diagnostic that has no place in its file.
    pub fn assert_located(&self) {
        if let Some(problem) = self.unlocated() {
            panic!(
                "a diagnostic without a place: {} ({}:{}:{})",
                problem.message,
                problem.file.display(),
                problem.line,
                problem.column
            );
        }
    }

    /// Panics at an unlocated diagnostic, or showing the first HTML that [`runs_script`].
    pub fn assert_safe(&self) {
        self.assert_located();
        if let Some(html) = self.html.iter().find(|html| runs_script(html)) {
            panic!("script in the output: {html}");
        }
    }
}

/// The most messages of one input that are formatted; each one renders a page.
const MAX_FORMATTED: usize = 16;

/// Fluent source: the English file, then after a NUL byte the Dutch one. Both are parsed,
/// joined into locales, checked as `stele check` checks them, and every message and
/// attribute is formatted in both locales through `t()` in a template, with a number, a
/// date, a text or a list for each of its variables.
pub fn fluent(input: &str) -> Outcome {
    let (english, dutch) = input.split_once('\0').unwrap_or((input, ""));
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for (tag, text) in [("en", english), ("nl", dutch)] {
        let (file, found) = parse_ftl(
            text.to_string(),
            &PathBuf::from(format!("locales/{tag}/fuzz.ftl")),
            tag,
        );
        problems.extend(found);
        parsed.push((tag.to_string(), vec![file]));
    }
    let (locales, found) = Locales::from_parsed(parsed, "en");
    problems.extend(found);
    let Some(locales) = locales else {
        return Outcome::problems(problems);
    };
    problems.extend(crate::check::messages::check(&locales));
    let templates = message_templates(&locales);
    let mut outcome = render_all(templates, Arc::new(locales));
    outcome.problems.extend(problems);
    outcome
}

/// One template per message and attribute of the source locale, calling `t()` with every
/// variable the pattern names that a template can write as an argument.
fn message_templates(locales: &Locales) -> Vec<(String, String)> {
    let mut templates = Vec::new();
    for message in crate::load::fluent::messages(locales.source()).values() {
        for (attribute, pattern) in crate::load::fluent::patterns(message.entry) {
            if templates.len() == MAX_FORMATTED {
                return templates;
            }
            let id = match attribute {
                Some(attribute) => format!("{}.{attribute}", message.entry.id.name),
                None => message.entry.id.name.to_string(),
            };
            let mut call = format!("{{{{ t(id=\"{id}\"");
            let variables = crate::load::fluent::references(pattern).variables;
            for (index, name) in variables.iter().enumerate() {
                if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || name == "id" {
                    continue;
                }
                let value = match index % 4 {
                    0 => "1234.5",
                    1 => "\"2017-04-11\"",
                    2 => "\"Exchange <b>2007</b> *x*\"",
                    _ => "[\"a\", \"b\", \"c\"]",
                };
                call.push_str(&format!(", {name}={value}"));
            }
            call.push_str(") }}");
            templates.push((format!("m{}.html", templates.len()), call));
        }
    }
    templates
}

/// The arguments of `NUMBER()` and `DATETIME()`: `name: value` is written into a message
/// (as a number when it reads as one), checked, and formatted with `number` and `date`; the
/// same options also go straight to the formatter, past what a message could write.
pub fn icu_options(name: &str, value: &str, number: f64, date: &str) -> Outcome {
    let clean = |text: &str| -> String {
        text.chars()
            .filter(|c| !matches!(c, '"' | '\\' | '{' | '}' | '\n' | '\r'))
            .take(64)
            .collect()
    };
    let name: String = name
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(32)
        .collect();
    let name = if name.is_empty() {
        "minimumFractionDigits".to_string()
    } else {
        name
    };
    let value = clean(value);
    let literal = if value.parse::<f64>().is_ok() && !value.starts_with('+') {
        value.clone()
    } else {
        format!("\"{value}\"")
    };
    let date = clean(date);
    let text = format!(
        "number = {{ NUMBER($n, {name}: {literal}) }}\n\
         date = {{ DATETIME($d, {name}: \"{value}\") }}\n\
         both = {{ NUMBER($n, {name}: {literal}) }} {{ DATETIME(\"{date}\", {name}: \"{value}\") }}\n"
    );
    let (file, mut problems) = parse_ftl(text, Path::new("locales/en/fuzz.ftl"), "en");
    let (locales, found) = Locales::from_parsed(vec![("en".to_string(), vec![file])], "en");
    problems.extend(found);
    if let Some(locales) = &locales {
        problems.extend(crate::check::messages::check(locales));
        let mut args = FluentArgs::new();
        args.set("n", FluentValue::Number(FluentNumber::from(number)));
        args.set("d", FluentValue::String(date.clone().into()));
        for id in ["number", "date", "both"] {
            // A message the check refused may fail to format, but must not panic.
            let _ = locales.format(locales.source(), id, Some(&args));
        }
    }
    let mut named = FluentArgs::new();
    named.set(name.clone(), FluentValue::String(value.clone().into()));
    if let Ok(parsed) = value.parse::<f64>() {
        named.set(
            name.clone(),
            FluentValue::Number(FluentNumber::from(parsed)),
        );
    }
    let _ = intl::option_problem("NUMBER", &name, &value);
    let mut html = Vec::new();
    for formats in all_formats() {
        let positional = [FluentValue::Number(FluentNumber::from(number))];
        if let FluentValue::Number(formatted) = intl::NUMBER(&positional, &named) {
            html.push(formats.fluent_number(&formatted));
        }
        html.push(formats.number(number, value.parse().ok(), value.len() % 2 == 0));
        if let Some(iso) = intl::IsoDate::parse(&date) {
            let style = intl::DateStyle::from_options(
                |option| (option == name).then(|| value.clone()),
                &iso,
            );
            html.push(formats.date(&iso, style));
        }
    }
    Outcome { problems, html }
}

/// The CLDR formatters of a left-to-right, a Korean and a right-to-left locale, built once.
fn all_formats() -> &'static [LocaleFormats] {
    static FORMATS: OnceLock<Vec<LocaleFormats>> = OnceLock::new();
    FORMATS.get_or_init(|| {
        ["en", "ko", "ar"]
            .iter()
            .filter_map(|tag| LocaleFormats::new(tag).ok())
            .collect()
    })
}

/// A theme of one template, `page.html`, compiled as a site's theme is (the source checks,
/// the bounding filters, Stele's functions) and rendered as a page in English and Dutch.
pub fn template(text: &str) -> Outcome {
    render_all(
        vec![("page.html".to_string(), text.to_string())],
        fixed_locales(),
    )
}

/// The messages a fuzzed template can call.
fn fixed_locales() -> Arc<Locales> {
    static LOCALES: OnceLock<Arc<Locales>> = OnceLock::new();
    LOCALES
        .get_or_init(|| {
            let files = [
                (
                    "en",
                    "-product = Exchange\nhello = Hello, { $name }!\n    .title = Greeting\n\
                     count = { $n ->\n    [one] one { -product }\n   *[other] { NUMBER($n, minimumFractionDigits: 1) } servers\n}\n\
                     when = Ends { DATETIME($d, month: \"long\", year: \"numeric\") }\n\
                     link = See [the { -product } guide](https://example.org/?a=1&b=2).\n",
                ),
                ("nl", "hello = Hallo, { $name }!\n    .title = Begroeting\n"),
            ];
            let parsed = files
                .iter()
                .map(|(tag, text)| {
                    let file = PathBuf::from(format!("locales/{tag}/main.ftl"));
                    (tag.to_string(), vec![parse_ftl(text.to_string(), &file, tag).0])
                })
                .collect();
            match Locales::from_parsed(parsed, "en").0 {
                Some(locales) => Arc::new(locales),
                None => unreachable!("the fuzzing messages are valid Fluent"),
            }
        })
        .clone()
}

/// Compiles `templates` into a theme and renders each of them as a page in every locale;
/// the problems of compiling, or of every page that failed.
fn render_all(templates: Vec<(String, String)>, locales: Arc<Locales>) -> Outcome {
    if templates.is_empty() {
        return Outcome::default();
    }
    let tags: Vec<String> = locales
        .list
        .iter()
        .map(|locale| locale.tag.clone())
        .collect();
    let links = Links {
        slugs: HashSet::from(["guide".to_string(), String::new()]),
        locale_tags: tags,
        pretty_urls: true,
        base_path: "/site/".to_string(),
        collection_paths: Vec::new(),
        sources: Default::default(),
    };
    let names: Vec<String> = templates.iter().map(|(name, _)| name.clone()).collect();
    let theme = match Theme::compile(
        templates,
        PathBuf::from("themes/fuzz/templates"),
        BTreeSet::new(),
        locales.clone(),
        Arc::new(links),
        Vec::new(),
    ) {
        Ok(theme) => theme,
        Err(problems) => return Outcome::problems(problems),
    };
    let mut global = tera::Context::new();
    global.insert("data", &page_data());
    global.insert("page", &page_data());
    let mut outcome = Outcome::default();
    for locale in &locales.list {
        let dir = crate::load::theme::page_dir(&locale.tag, "guide");
        let context = crate::render::page_context(&global, locale, &dir);
        for name in &names {
            crate::load::theme::start_usage();
            let rendered = crate::render::render_template(&theme, name, &context, &dir);
            crate::load::theme::take_usage();
            match rendered {
                Ok(html) => outcome.html.push(html),
                Err(problem) => outcome.problems.push(problem),
            }
        }
    }
    outcome
}

/// Values a template can reach as `data` and `page`: text with markup in it, a date, a
/// number, a list and a nested map.
fn page_data() -> BTreeMap<&'static str, serde_json::Value> {
    BTreeMap::from([
        ("title", serde_json::json!("A \"title\" <script>x</script>")),
        ("date", serde_json::json!("2017-04-11")),
        ("count", serde_json::json!(2)),
        ("items", serde_json::json!(["a", "b", "c"])),
        (
            "nested",
            serde_json::json!({"a": {"b": [1, 2, {"c": "d"}]}}),
        ),
    ])
}

/// A data file under `content/data/`: parsed and turned into the value templates read.
pub fn yaml_data(text: &str) -> Outcome {
    match crate::load::yaml::parse_tree(text, Path::new("content/data/fuzz.yaml"), 0) {
        Ok(node) => {
            let _ = node.to_tera();
            Outcome::default()
        }
        Err(problem) => Outcome::problems(vec![problem]),
    }
}

/// `content/site.yaml`: parsed and validated.
pub fn site_config(text: &str) -> Outcome {
    match crate::load::config::Config::parse(text, Path::new("content/site.yaml")) {
        Ok(_) => Outcome::default(),
        Err(problems) => Outcome::problems(problems),
    }
}

/// A page file: front matter and Markdown body, read as the source page and again as a
/// translation taking the source's heading anchors.
pub fn front_matter(text: &str) -> Outcome {
    let file = Path::new("content/pages/fuzz.md");
    let page = match crate::load::pages::parse_page(text, file) {
        Ok(page) => page,
        Err(problems) => return Outcome::problems(problems),
    };
    let anchors: Vec<String> = page.headings.iter().map(|(_, id, _)| id.clone()).collect();
    let translated = Path::new("content/pages/fuzz.nl.md");
    match crate::load::pages::parse_page_with_anchors(text, translated, &anchors) {
        Ok(translation) => Outcome {
            problems: Vec::new(),
            html: [page, translation]
                .iter()
                .filter_map(|text| Some(text.content_read()?.html.clone()))
                .collect(),
        },
        Err(problems) => Outcome::problems(problems),
    }
}

/// Markdown as pages and messages render it: the HTML of the text as a page, as inline
/// Markdown (a message), and escaped as a data value is before it enters a message.
pub fn markdown(text: &str) -> Outcome {
    Outcome {
        problems: Vec::new(),
        html: vec![
            crate::util::markdown::render_page(text).html,
            crate::util::markdown::render_inline(text),
            crate::util::markdown::render_inline(&crate::util::markdown::escape_markdown(text)),
        ],
    }
}

/// Whether `html`, read as a browser reads it, holds markup that runs script: a script
/// element, an event handler attribute, or a `javascript:` or `vbscript:` address.
pub fn runs_script(html: &str) -> bool {
    let found = std::cell::Cell::new(false);
    let settings =
        lol_html::Settings::new().append_element_content_handler(lol_html::element!("*", |el| {
            let script_address = |value: &str| {
                let plain: String = htmlize::unescape_attribute(value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                plain.starts_with("javascript:") || plain.starts_with("vbscript:")
            };
            let handler = el.attributes().iter().any(|attribute| {
                let name = attribute.name();
                name.starts_with("on")
                    || (matches!(
                        name.as_str(),
                        "href" | "src" | "action" | "formaction" | "xlink:href" | "data"
                    ) && script_address(&attribute.value()))
            });
            if handler || el.tag_name() == "script" {
                found.set(true);
            }
            Ok(())
        }));
    let mut rewriter = lol_html::HtmlRewriter::new(settings, |_: &[u8]| {});
    // Markup lol_html cannot read is no markup a browser runs either way; count it as
    // running script so that a target stops on it and a person looks.
    if rewriter.write(html.as_bytes()).is_err() || rewriter.end().is_err() {
        return true;
    }
    found.get()
}
