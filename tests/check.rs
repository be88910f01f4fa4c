//! End to end: `stele check`, `stele status`, `stele review` and the checks inside
//! `stele build`, one fixture per diagnostic code, on mutated copies of the `mini` site.
//! Several cases are modelled on what machine translation did to the seeds.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// A Korean translation of the mini site that is complete for the messages it has.
const KOREAN: &str = "-widget = Widget
language-name = 한국어
site-title = { -widget } 안내서
support-end = { $name } 지원 종료: { $date }
launched = { $name } 출시일: { $date }
seats = 최대 { $count }석
bold-name = **{ $name }**
";

fn check(site: &Path, extra: &[&str]) -> Run {
    run(stele().arg("check").arg("--site").arg(site).args(extra))
}

/// `stele review` of `ids`, or of everything (`--all`) when none are named.
fn review(site: &Path, locale: &str, ids: &[&str]) -> Run {
    let mut command = stele();
    command.arg("review").arg("--locale").arg(locale).args(ids);
    if ids.is_empty() {
        command.arg("--all");
    }
    run(command.arg("--site").arg(site))
}

/// A mini site with a Korean locale, every translation reviewed.
fn reviewed_site() -> tempfile::TempDir {
    let site = mini_site();
    write(&site.path().join("locales/ko/main.ftl"), KOREAN);
    for locale in ["nl", "ko"] {
        let run = review(site.path(), locale, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    site
}

#[test]
fn a_reviewed_site_passes_with_only_the_missing_warnings() {
    let site = reviewed_site();
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|d| d["code"] == "missing-message" || d["code"] == "missing-page"),
        "{found:#?}"
    );
    // nl lacks one message; ko lacks four, and the translation of the guide page.
    assert_eq!(
        with_code(&found, "missing-message").len(),
        1 + 4,
        "{found:#?}"
    );
    let page = with_code(&found, "missing-page");
    assert_eq!(page.len(), 1, "{found:#?}");
    assert_eq!(page[0]["locale"], "ko");
    assert_eq!(page[0]["id"], "page:guide");
    // --strict turns those warnings into errors.
    let strict = check(site.path(), &["--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains("error[missing-message]"));
}

#[test]
fn json_diagnostics_have_the_contract_fields() {
    let site = reviewed_site();
    let (_, found) = check_json(site.path(), &[]);
    let first = with_code(&found, "missing-message")[0];
    for field in [
        "severity", "code", "file", "line", "column", "locale", "id", "message", "help",
    ] {
        assert!(first.get(field).is_some(), "{field} missing in {first:#}");
    }
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["code"], "missing-message");
    assert_eq!(first["file"], "locales/en/main.ftl");
    assert!(first["help"].as_str().unwrap().contains("add `"));
}

#[test]
fn a_dropped_year_is_a_variable_mismatch() {
    let site = reviewed_site();
    replace_in(
        &site.path().join("locales/ko/main.ftl"),
        "support-end = { $name } 지원 종료: { $date }",
        "support-end = { $name } 지원 종료",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let mismatch = with_code(&found, "variable-mismatch");
    assert_eq!(mismatch.len(), 1, "{found:#?}");
    assert_eq!(mismatch[0]["file"], "locales/ko/main.ftl");
    assert_eq!(mismatch[0]["line"], 4);
    assert_eq!(mismatch[0]["column"], 1);
    assert_eq!(mismatch[0]["locale"], "ko");
    assert_eq!(mismatch[0]["id"], "support-end");
    assert!(mismatch[0]["message"].as_str().unwrap().contains("`$date`"));
    // The human form points at the line.
    let human = check(site.path(), &[]);
    assert!(
        human.stderr.contains("error[variable-mismatch]: [ko]"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("locales/ko/main.ftl:4:1"),
        "{}",
        human.stderr
    );
}

#[test]
fn a_typed_year_is_a_literal_fact() {
    let site = reviewed_site();
    replace_in(
        &site.path().join("locales/ko/main.ftl"),
        "support-end = { $name } 지원 종료: { $date }",
        "support-end = { $name } 지원 종료: 2023년 { $date }",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let literal = with_code(&found, "literal-fact");
    assert_eq!(literal.len(), 1, "{found:#?}");
    assert!(literal[0]["message"].as_str().unwrap().contains("`2023`"));
    assert_eq!(literal[0]["line"], 4);
    assert_eq!(literal[0]["column"], 32);
}

#[test]
fn a_typed_product_name_is_a_literal_fact_and_a_term_mismatch() {
    let site = reviewed_site();
    replace_in(
        &site.path().join("locales/nl/main.ftl"),
        "site-title = Handboek { -widget }",
        "site-title = Handboek Widget",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let literal = with_code(&found, "literal-fact");
    assert_eq!(literal.len(), 1, "{found:#?}");
    assert!(
        literal[0]["message"]
            .as_str()
            .unwrap()
            .contains("{ -widget }")
    );
    assert_eq!(with_code(&found, "term-mismatch").len(), 1, "{found:#?}");
}

#[test]
fn a_source_edit_makes_the_korean_stale_until_reviewed() {
    let site = reviewed_site();
    let lock = read(&site.path().join("locales/ko/stele.lock"));
    assert!(lock.starts_with("# Review lock for locales/ko"), "{lock}");
    assert!(
        lock.contains("  \"support-end\":\n    source: \""),
        "{lock}"
    );

    // Reflowing the source is no change.
    replace_in(
        &site.path().join("locales/en/main.ftl"),
        "support-end = { $name } reaches end of support in { $date }.",
        "support-end =\n    { $name } reaches end of support\n    in { $date }.",
    );
    let (_, found) = check_json(site.path(), &[]);
    assert!(
        with_code(&found, "stale-translation").is_empty(),
        "{found:#?}"
    );

    replace_in(
        &site.path().join("locales/en/main.ftl"),
        "in { $date }.",
        "on { $date }, after which no security updates are released.",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "stale is a warning");
    let stale = with_code(&found, "stale-translation");
    assert_eq!(stale.len(), 2, "nl and ko: {found:#?}");
    let korean = stale
        .iter()
        .find(|d| d["locale"] == "ko")
        .expect("ko stale");
    assert_eq!(korean["file"], "locales/ko/main.ftl");
    assert_eq!(korean["id"], "support-end");
    assert_eq!(korean["line"], 4);
    let message = korean["message"].as_str().unwrap();
    assert!(
        message.contains("reviewed source: \"{$name} reaches end of support in {$date}.\"")
            && message
                .contains("current source:  {$name} reaches end of support on {$date}, after"),
        "{message}"
    );

    let dry = run(stele()
        .args([
            "review",
            "--locale",
            "ko",
            "support-end",
            "--dry-run",
            "--site",
        ])
        .arg(site.path()));
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("Would seal 1 translation unit"),
        "{}",
        dry.stdout
    );
    assert_eq!(
        with_code(&check_json(site.path(), &[]).1, "stale-translation").len(),
        2
    );

    let reviewed = review(site.path(), "ko", &["support-end"]);
    assert_eq!(reviewed.code, 0, "{}", reviewed.stderr);
    assert!(
        reviewed.stdout.contains("Sealed 1 translation unit"),
        "{}",
        reviewed.stdout
    );
    assert!(
        reviewed
            .stdout
            .contains("support-end\n  en: {$name} reaches end of support on {$date}")
            && reviewed.stdout.contains("\n  ko: "),
        "{}",
        reviewed.stdout
    );
    let (_, found) = check_json(site.path(), &[]);
    let stale = with_code(&found, "stale-translation");
    assert_eq!(stale.len(), 1, "only nl is left: {found:#?}");
    assert_eq!(stale[0]["locale"], "nl");
}

#[test]
fn unreviewed_translations_are_warnings() {
    let site = mini_site();
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0);
    let unreviewed = with_code(&found, "unreviewed");
    let messages = unreviewed
        .iter()
        .filter(|d| d["file"] == "locales/nl/main.ftl")
        .count();
    assert_eq!(messages, 9, "{found:#?}");
    // The rest is the Dutch guide page, whose never-reviewed blocks make one finding that
    // counts them, at the first.
    let pages: Vec<_> = unreviewed
        .iter()
        .filter(|d| d["file"] != "locales/nl/main.ftl")
        .collect();
    assert_eq!(pages.len(), 1, "{found:#?}");
    assert_eq!(pages[0]["file"], "content/pages/guide.nl.md");
    assert_eq!(pages[0]["id"], "page:guide");
    let message = pages[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("units; the first: the `title`"),
        "{message}"
    );
}

#[test]
fn review_refuses_what_it_cannot_record() {
    let site = mini_site();
    let unknown = review(site.path(), "nl", &["no-such-message"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("`no-such-message`"),
        "{}",
        unknown.stderr
    );
    let missing = review(site.path(), "nl", &["only-in-english"]);
    assert_eq!(
        missing.code, 2,
        "an untranslated message cannot be reviewed"
    );
    let source = review(site.path(), "en", &[]);
    assert_eq!(source.code, 2);
    assert!(source.stderr.contains("source locale"), "{}", source.stderr);
    let absent = review(site.path(), "fr", &[]);
    assert_eq!(absent.code, 2);
    assert!(!site.path().join("locales/nl/stele.lock").exists());
}

#[test]
fn obsolete_messages_and_attributes_and_missing_attributes() {
    let site = reviewed_site();
    let nl = site.path().join("locales/nl/main.ftl");
    write(
        &nl,
        &format!("{}old-message = Weg\n", read(&nl)).replace(
            "note = Let op: { $note }",
            "note = Let op: { $note }\n    .title = Titel",
        ),
    );
    replace_in(
        &site.path().join("locales/en/main.ftl"),
        "launched = { $name } was released on { $date }.",
        "launched = { $name } was released on { $date }.\n    .title = Release",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let obsolete = with_code(&found, "obsolete-message");
    assert_eq!(obsolete.len(), 1, "{found:#?}");
    assert_eq!(obsolete[0]["id"], "old-message");
    assert_eq!(
        with_code(&found, "obsolete-attribute").len(),
        1,
        "{found:#?}"
    );
    let missing = with_code(&found, "missing-attribute");
    assert_eq!(missing.len(), 2, "nl and ko: {found:#?}");
    assert_eq!(missing[0]["file"], "locales/en/main.ftl");
}

#[test]
fn plural_selects_need_the_languages_categories() {
    let site = reviewed_site();
    write(
        &site.path().join("locales/pl/main.ftl"),
        "seats = { $count ->\n    [one] Jedno miejsce.\n   *[other] Najwyżej { $count } miejsc.\n}\n",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let plural = with_code(&found, "plural-categories");
    assert_eq!(plural.len(), 1, "{found:#?}");
    assert_eq!(plural[0]["locale"], "pl");
    assert_eq!(plural[0]["line"], 2);
    assert!(
        plural[0]["message"]
            .as_str()
            .unwrap()
            .contains("[few], [many]")
    );
}

#[test]
fn page_drift_is_located_in_the_translated_page() {
    let site = reviewed_site();
    write(
        &site.path().join("content/pages/guide.md"),
        "---\ntitle: Upgrade guide\nweight: 1\n---\n\n## Before you start\n\nPlan 2,000 seats and read the [release notes](https://fixture.example/notes) first.\n",
    );
    write(
        &site.path().join("content/pages/guide.nl.md"),
        "---\ntitle: Upgradehandleiding\n---\n\n## Voordat u begint\n\nPlan 20.000 licenties en lees eerst de [releasenotes](https://fixture.example/oud).\n",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let drift = with_code(&found, "page-drift");
    assert_eq!(drift.len(), 2, "{found:#?}");
    assert!(
        drift
            .iter()
            .all(|d| d["file"] == "content/pages/guide.nl.md")
    );
    let number = drift
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("numbers"))
        .expect("a number drift");
    assert!(number["message"].as_str().unwrap().contains("`20000`"));
    assert_eq!(
        (number["line"].as_u64(), number["column"].as_u64()),
        (Some(7), Some(6))
    );
    let link = drift
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("link"))
        .expect("a link drift");
    assert!(
        link["message"]
            .as_str()
            .unwrap()
            .contains("https://fixture.example/oud")
    );
    assert_eq!(link["line"], 7);
}

#[test]
fn broken_links_and_anchors_in_templates() {
    let site = reviewed_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<h1 id=\"top\">{{ page.title }}</h1>\n{{ page.content }}\n<a href=\"#top\">up</a>\n<a href=\"{{ url(page='guide') }}#top\">ok</a>\n<a href=\"../no-such-page/\">gone</a>\n<a href=\"{{ url(page='') }}#nowhere\">nowhere</a>\n<a href=\"https://external.example/x\">ext</a>\n{% endblock content %}\n",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let links = with_code(&found, "broken-link");
    assert_eq!(links.len(), 1, "one report for all locales: {found:#?}");
    assert!(
        links[0]["message"]
            .as_str()
            .unwrap()
            .contains("../no-such-page/")
    );
    assert!(links[0]["message"].as_str().unwrap().contains("other page"));
    assert_eq!(links[0]["file"], "public/en/guide/index.html");
    assert_eq!(links[0]["line"], 24);
    let anchors = with_code(&found, "broken-anchor");
    assert_eq!(anchors.len(), 1, "{found:#?}");
    assert!(anchors[0]["message"].as_str().unwrap().contains("#nowhere"));
}

#[test]
fn a_missing_data_path_is_a_data_error() {
    let site = reviewed_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ data.products.no_such_key }}</p>\n{% endblock content %}\n",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let data = with_code(&found, "data-error");
    assert_eq!(data.len(), 1, "{found:#?}");
    assert_eq!(data[0]["file"], "themes/plain/templates/page.html");
    assert_eq!(data[0]["line"], 3);
}

#[test]
fn a_missing_message_argument_is_a_data_error() {
    let site = reviewed_site();
    write(
        &site.path().join("themes/plain/templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t(id=\"launched\", name=\"x\") }}</p>\n{% endblock content %}\n",
    );
    let (_, found) = check_json(site.path(), &[]);
    let data = with_code(&found, "data-error");
    assert_eq!(data.len(), 1, "{found:#?}");
    assert!(data[0]["message"].as_str().unwrap().contains("date"));
}

#[test]
fn status_shows_each_language_on_one_screen() {
    let site = reviewed_site();
    // One stale Korean translation, one unreviewed Dutch one.
    replace_in(
        &site.path().join("locales/en/main.ftl"),
        "launched = { $name } was released on { $date }.",
        "launched = { $name } first shipped on { $date }.",
    );
    let review_all = review(site.path(), "nl", &[]);
    assert_eq!(review_all.code, 0);
    replace_in(
        &site.path().join("locales/nl/stele.lock"),
        "\"note\":",
        "\"no-longer-a-message\":",
    );
    let status = run(stele().arg("status").arg("--site").arg(site.path()));
    assert_eq!(status.code, 0, "{}", status.stderr);
    insta::assert_snapshot!("status", status.stdout);

    let json = run(stele()
        .arg("status")
        .arg("--format")
        .arg("json")
        .arg("--site")
        .arg(site.path()));
    let parsed: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let ko = &parsed[1];
    assert_eq!(ko["locale"], "ko");
    assert_eq!(ko["stale"]["messages"], 1);
    assert_eq!(ko["missing"]["messages"], 4);
}

#[test]
fn build_runs_the_checks() {
    let site = reviewed_site();
    let out = site.path().join("public");
    let built = build(site.path(), &out);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built.stderr.contains("the checks found 5 missing-message"),
        "{}",
        built.stderr
    );
    let health = read(&out.join("_status/index.html"));
    assert!(health.contains("<h1>Translation health</h1>"));
    assert!(
        health.contains(
            "<tr class=\"missing\"><td><code>only-in-english</code></td><td>missing</td>"
        ),
        "{health}"
    );
    assert!(
        health.contains("href=\"../nl/releases/widget-1/index.html\""),
        "{health}"
    );

    // --strict: the warnings stop the build.
    let strict = run(stele()
        .arg("build")
        .arg("--strict")
        .arg("--site")
        .arg(site.path())
        .arg("--out")
        .arg(&out));
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains("nothing was written"));

    // An error stops it, and the previous output stays.
    let before = snapshot(&out);
    replace_in(
        &site.path().join("locales/ko/main.ftl"),
        "{ $name } 출시일: { $date }",
        "{ $name } 출시일: 2017년",
    );
    let broken = build(site.path(), &out);
    assert_eq!(broken.code, 1, "{}", broken.stderr);
    assert!(
        broken.stderr.contains("error[variable-mismatch]"),
        "{}",
        broken.stderr
    );
    assert!(
        broken.stderr.contains("error[literal-fact]"),
        "{}",
        broken.stderr
    );
    assert_eq!(before, snapshot(&out));
}

#[test]
fn a_new_site_passes_strict_checks() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    assert_eq!(run(stele().arg("init").arg(&target)).code, 0);
    let checked = check(&target, &["--strict"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked.stderr.contains("no problems found"),
        "{}",
        checked.stderr
    );
}
