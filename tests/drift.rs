//! Drift injected into copies of the example site: sealed reviews, placeables counted per
//! variant, inline markup, and Markdown pages as translation units with facts. Each drift
//! is reported with its code at its place; each legitimate variation stays quiet.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// The single diagnostic with `code`, checked to be at `file:line` in `locale`.
fn only<'a>(found: &'a [Value], code: &str, file: &str, line: u64, locale: &str) -> &'a Value {
    let matching = with_code(found, code);
    assert_eq!(matching.len(), 1, "one {code}: {found:#?}");
    let diagnostic = matching[0];
    assert_eq!(diagnostic["file"], file, "{diagnostic:#}");
    assert_eq!(diagnostic["line"], line, "{diagnostic:#}");
    assert_eq!(diagnostic["locale"], locale, "{diagnostic:#}");
    diagnostic
}

#[test]
fn the_example_passes_strict_checks() {
    let site = example_copy();
    let (code, found) = check_json(site.path(), &["--strict"]);
    assert_eq!(code, 0, "{found:#?}");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn an_edit_of_a_reviewed_message_is_reported_until_sealed_again() {
    let site = example_copy();
    replace_in(
        &site.path().join("locales/nl/site.ftl"),
        "back-to-roadmap = Terug naar de volledige roadmap",
        "back-to-roadmap = Terug naar het overzicht",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "a warning: {found:#?}");
    let changed = only(
        &found,
        "changed-since-review",
        "locales/nl/site.ftl",
        20,
        "nl",
    );
    assert_eq!(changed["id"], "back-to-roadmap");
    assert_eq!(changed["severity"], "warning");
    let (strict, _) = check_json(site.path(), &["--strict"]);
    assert_eq!(strict, 1);

    // Sealing another message leaves this one reported; sealing it ends the report.
    let other = run(stele()
        .args(["review", "--locale", "nl", "choose-outro", "--site"])
        .arg(site.path()));
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert!(
        other.stdout.contains("Sealed 0 translation units"),
        "{}",
        other.stdout
    );
    assert_eq!(check_json(site.path(), &[]).1.len(), 1);
    let sealed = run(stele()
        .args(["review", "--locale", "nl", "back-to-roadmap", "--site"])
        .arg(site.path()));
    assert!(
        sealed.stdout.contains(
            "back-to-roadmap\n  en: Back to the full roadmap\n  nl: Terug naar het overzicht\n"
        ),
        "{}",
        sealed.stdout
    );
    assert!(check_json(site.path(), &["--strict"]).1.is_empty());
}

#[test]
fn review_names_what_it_seals() {
    let site = example_copy();
    let nothing = run(stele()
        .args(["review", "--locale", "ko", "--site"])
        .arg(site.path()));
    assert_eq!(nothing.code, 2);
    assert!(nothing.stderr.contains("`--all`"), "{}", nothing.stderr);
    let lock = site.path().join("locales/ko/stele.lock");
    let before = read(&lock);
    replace_in(
        &site.path().join("content/pages/about.ko.md"),
        "## 출처",
        "## 참고 자료",
    );
    let dry = dry_run_review_of_about(site.path(), "ko", &lock);
    assert!(
        dry.stdout
            .contains("about block 8 (heading 2)\n  en: Sources\n  ko: 참고 자료\n"),
        "{}",
        dry.stdout
    );
    let sealed = run(stele()
        .args([
            "review",
            "--locale",
            "ko",
            "--page",
            "content/pages/about.md",
            "--site",
        ])
        .arg(site.path()));
    assert_eq!(sealed.code, 0, "{}", sealed.stderr);
    assert_ne!(read(&lock), before);
    assert!(check_json(site.path(), &["--strict"]).1.is_empty());
    let unknown = run(stele()
        .args(["review", "--locale", "ko", "--page", "nowhere", "--site"])
        .arg(site.path()));
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("`nowhere`"), "{}", unknown.stderr);
}

#[test]
fn page_blocks_are_sealed_on_both_sides() {
    let site = example_copy();
    replace_in(
        &site.path().join("content/pages/about.ko.md"),
        "## 하나의 사실, 여러 언어",
        "## 하나의 데이터, 여러 언어",
    );
    let (_, found) = check_json(site.path(), &[]);
    let changed = only(
        &found,
        "changed-since-review",
        "content/pages/about.ko.md",
        13,
        "ko",
    );
    assert_eq!(changed["id"], "page:about");

    let site = example_copy();
    replace_in(
        &site.path().join("content/pages/about.md"),
        "## One set of facts, many languages",
        "## One set of facts for every language",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "{found:#?}");
    let stale = with_code(&found, "stale-translation");
    assert_eq!(stale.len(), 2, "nl and ko: {found:#?}");
    let korean = stale.iter().find(|d| d["locale"] == "ko").expect("ko");
    assert_eq!(korean["file"], "content/pages/about.ko.md");
    assert_eq!(korean["line"], 13);
    let message = korean["message"].as_str().unwrap();
    assert!(
        message.contains("reviewed source: \"One set of facts, many languages\"")
            && message.contains("current source:  One set of facts for every language"),
        "{message}"
    );
}

#[test]
fn a_lost_repeated_placeable_is_a_variable_mismatch() {
    let site = example_copy();
    replace_in(
        &site.path().join("locales/ko/versions.ftl"),
        "하려면 { $source } 조직에",
        "하려면 Exchange 조직에",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let mismatch = only(
        &found,
        "variable-mismatch",
        "locales/ko/versions.ftl",
        28,
        "ko",
    );
    assert_eq!(mismatch["id"], "version-hybrid-server");
    assert!(
        mismatch["message"]
            .as_str()
            .unwrap()
            .contains("places `$source` once where the source places it twice"),
        "{mismatch:#}"
    );
}

#[test]
fn plural_variants_reordered_placeables_and_particles_are_quiet() {
    let site = example_copy();
    let nl = site.path().join("locales/nl/methods.ftl");
    // A plural variant without its count, as Dutch writes "one".
    replace_in(&nl, "[one] { $count } postvak", "[one] één postvak");
    // Korean reorders the placeables and puts particles after the numbers.
    let ko = site.path().join("locales/ko/methods.ftl");
    replace_in(
        &ko,
        "method-capacity-max = 사서함 최대 { $count }개까지 가능하며, 사서함 { $recommended }개 이하로 사용할 것을 강력히 권장합니다",
        "method-capacity-max = 사서함은 { $recommended }개 이하를 강력히 권장하며, 최대 { $count }개까지 가능합니다",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "{found:#?}");
    assert!(
        found.iter().all(|d| d["code"] == "changed-since-review"),
        "only the edits themselves: {found:#?}"
    );
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn broken_link_markup_is_a_markup_mismatch() {
    for (broken, what) in [
        ("[]({ $url })", "has no text"),
        ("[마이그레이션 경로 결정({ $url })", "has 0 links"),
        ("마이그레이션 경로 결정({ $url })", "has 0 links"),
    ] {
        let site = example_copy();
        replace_in(
            &site.path().join("locales/ko/roadmap.ftl"),
            "[마이그레이션 경로 결정]({ $url })",
            broken,
        );
        let (code, found) = check_json(site.path(), &[]);
        assert_eq!(code, 1, "{broken}");
        let mismatch = only(
            &found,
            "markup-mismatch",
            "locales/ko/roadmap.ftl",
            62,
            "ko",
        );
        assert!(
            mismatch["message"].as_str().unwrap().contains(what),
            "{broken}: {mismatch:#}"
        );
    }
}

#[test]
fn a_fact_that_leaves_its_link_is_a_markup_mismatch() {
    // The product the link's page is about moves out of the link's text: the reader no
    // longer sees what the link opens. The placeables are all still there.
    let site = example_copy();
    replace_in(
        &site.path().join("locales/nl/roadmap.ftl"),
        "Zie [Uw upgrade van { $product }-servers en -producten plannen]({ $url }) voor { $product }-servers",
        "Zie [Uw upgrade van servers en producten plannen]({ $url }) voor { $product }-servers en { $product }",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1, "{found:#?}");
    let mismatch = only(
        &found,
        "markup-mismatch",
        "locales/nl/roadmap.ftl",
        29,
        "nl",
    );
    assert!(
        mismatch["message"]
            .as_str()
            .unwrap()
            .contains("shows none in the text of link 1 where the source shows `$product`"),
        "{mismatch:#}"
    );
}

#[test]
fn a_structural_change_is_page_drift_at_the_first_differing_block() {
    let site = example_copy();
    replace_in(
        &site.path().join("content/pages/about.ko.md"),
        "## 번역의 정확성 유지\n\n",
        "",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let drift = only(&found, "page-drift", "content/pages/about.ko.md", 23, "ko");
    assert!(
        drift["message"]
            .as_str()
            .unwrap()
            .contains("block 6 is a paragraph here but a heading 2 in the source"),
        "{drift:#}"
    );
}

#[test]
fn facts_on_pages_must_match_and_typed_values_are_literal_facts() {
    // Korean types the date (in its own form) instead of placing it: the fact is missing
    // and the value is a literal fact, but the date's numbers are no page drift.
    let site = example_copy();
    replace_in(
        &site.path().join("content/pages/about.ko.md"),
        "{{ fact(\"exchange.versions.exchange_2007.end_of_support\") }}",
        "2017년 4월 11일",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    only(
        &found,
        "variable-mismatch",
        "content/pages/about.ko.md",
        11,
        "ko",
    );
    let literal = only(
        &found,
        "literal-fact",
        "content/pages/about.ko.md",
        11,
        "ko",
    );
    assert!(
        literal["message"]
            .as_str()
            .unwrap()
            .contains("exchange.versions.exchange_2007.end_of_support"),
        "{literal:#}"
    );
    assert!(with_code(&found, "page-drift").is_empty(), "{found:#?}");

    // A fact of the wrong kind is a mismatch too.
    let site = example_copy();
    replace_in(
        &site.path().join("content/pages/about.nl.md"),
        "{{ fact(\"exchange.versions.exchange_2007.full_name\") }}",
        "{{ fact(\"exchange.versions.exchange_2010.full_name\") }}",
    );
    let (_, found) = check_json(site.path(), &[]);
    let mismatch = only(
        &found,
        "variable-mismatch",
        "content/pages/about.nl.md",
        11,
        "nl",
    );
    assert!(
        mismatch["message"]
            .as_str()
            .unwrap()
            .contains("exchange_2010"),
        "{mismatch:#}"
    );

    // A path that names nothing stops the build at the placeable.
    let site = example_copy();
    replace_in(
        &site.path().join("content/pages/about.md"),
        "exchange_2007.full_name",
        "exchange_2007.no_such_name",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let error = with_code(&found, "page-error");
    assert!(
        error
            .iter()
            .any(|d| d["file"] == "content/pages/about.md" && d["line"] == 11),
        "{found:#?}"
    );
}

#[test]
fn a_missing_page_translation_counts_everywhere() {
    let site = example_copy();
    std::fs::remove_file(site.path().join("content/pages/about.nl.md")).expect("remove");
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 0, "a warning: {found:#?}");
    let missing = only(&found, "missing-page", "content/pages/about.md", 0, "nl");
    assert_eq!(missing["id"], "page:about");
    assert_eq!(check_json(site.path(), &["--strict"]).0, 1);

    let status = run(stele()
        .args(["status", "--format", "json", "--site"])
        .arg(site.path()));
    let parsed: Value = serde_json::from_str(&status.stdout).expect("JSON");
    let nl = parsed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["locale"] == "nl")
        .expect("nl");
    assert_eq!(nl["pages"]["missing"]["messages"], 1, "{nl:#}");
    assert_eq!(nl["page_states"][0]["state"], "missing", "{nl:#}");
    assert!(nl["translated_percent"].as_f64().unwrap() < 100.0, "{nl:#}");

    let out = site.path().join("public");
    let built = build(site.path(), &out);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let health = read(&out.join("_status/index.html"));
    assert!(
        health.contains("<tr class=\"missing\"><td><code>about</code></td><td>missing</td>"),
        "{health}"
    );
}

#[test]
fn a_reviewed_page_title_is_sealed_like_its_blocks() {
    let site = example_copy();
    // An edit of the reviewed Dutch title.
    replace_in(
        &site.path().join("content/pages/about.nl.md"),
        "title: Over deze gids",
        "title: Over de gids",
    );
    let (_, found) = check_json(site.path(), &[]);
    let changed = only(
        &found,
        "changed-since-review",
        "content/pages/about.nl.md",
        2,
        "nl",
    );
    assert_eq!(changed["id"], "page:about");
    assert!(
        changed["message"]
            .as_str()
            .unwrap_or("")
            .contains("`title`"),
        "{changed:#}"
    );
    let (strict, _) = check_json(site.path(), &["--strict"]);
    assert_eq!(strict, 1);

    // A changed source title makes both translations stale, showing the old and new text.
    replace_in(
        &site.path().join("content/pages/about.md"),
        "title: About this guide",
        "title: About the guide",
    );
    let (_, found) = check_json(site.path(), &[]);
    let stale_titles = with_code(&found, "stale-translation");
    assert_eq!(stale_titles.len(), 2, "nl and ko: {found:#?}");
    let stale = stale_titles
        .into_iter()
        .find(|d| d["locale"] == "ko")
        .expect("the Korean title is stale");
    assert_eq!(stale["file"], "content/pages/about.ko.md");
    assert_eq!(stale["line"], 2);
    let message = stale["message"].as_str().unwrap_or("");
    assert!(
        message.contains("reviewed source: \"About this guide\"")
            && message.contains("current source:  About the guide"),
        "{message}"
    );

    // The review shows the title with its source, and --dry-run writes nothing.
    let lock = site.path().join("locales/nl/stele.lock");
    let dry = dry_run_review_of_about(site.path(), "nl", &lock);
    assert!(
        dry.stdout
            .contains("about title\n  en: About the guide\n  nl: Over de gids\n"),
        "{}",
        dry.stdout
    );
    for tag in ["nl", "ko"] {
        let sealed = run(stele()
            .args(["review", "--locale", tag, "--page", "about", "--site"])
            .arg(site.path()));
        assert_eq!(sealed.code, 0, "{}", sealed.stderr);
    }
    assert!(read(&lock).contains("\"title\":"));
    // Sealed, only one finding is left, and it is true: the Korean title still says what
    // `nav-about` says for "About this guide", though its source now differs.
    let (_, left) = check_json(site.path(), &["--strict"]);
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0]["code"], "inconsistency");
    assert_eq!(left[0]["file"], "content/pages/about.ko.md");
    assert!(
        left[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("`nav-about` (locales/ko/site.ftl:16)"),
        "{left:#?}"
    );
}

/// `stele review --locale LOCALE --page about --dry-run`: it succeeds, would seal exactly
/// one unit, and leaves `lock` as it was.
fn dry_run_review_of_about(site: &Path, locale: &str, lock: &Path) -> Run {
    let before = read(lock);
    let dry = run(stele()
        .args([
            "review",
            "--locale",
            locale,
            "--page",
            "about",
            "--dry-run",
            "--site",
        ])
        .arg(site));
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("Would seal 1 translation unit"),
        "{}",
        dry.stdout
    );
    assert_eq!(read(lock), before, "--dry-run writes nothing");
    dry
}

/// Line and column (in characters, 1-based) of the first `part` in `text`.
fn place_of(text: &str, part: &str) -> (u64, u64) {
    let offset = text
        .find(part)
        .unwrap_or_else(|| panic!("`{part}` not in the text"));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() as u64 + 1,
        before[line_start..].chars().count() as u64 + 1,
    )
}

#[test]
fn a_field_dropped_from_a_date_placeable_is_a_variable_mismatch_at_it() {
    let site = example_copy();
    let full = "{ DATETIME($date, year: \"numeric\", month: \"long\") }";
    let month_only = "{ DATETIME($date, month: \"long\") }";
    for file in ["locales/nl/versions.ftl", "locales/ko/versions.ftl"] {
        replace_in(&site.path().join(file), full, month_only);
    }
    // The month written as a numeral is the translator's choice: the same fields.
    replace_in(
        &site.path().join("locales/nl/roadmap.ftl"),
        full,
        "{ DATETIME($date, month: \"numeric\", year: \"numeric\") }",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1, "{found:#?}");
    assert_eq!(
        with_code(&found, "variable-mismatch").len(),
        2,
        "{found:#?}"
    );
    for (file, tag) in [
        ("locales/nl/versions.ftl", "nl"),
        ("locales/ko/versions.ftl", "ko"),
    ] {
        let text = read(&site.path().join(file));
        let (line, column) = place_of(&text, month_only);
        let mismatch = with_code(&found, "variable-mismatch")
            .into_iter()
            .find(|d| d["file"] == file)
            .unwrap_or_else(|| panic!("none in {file}: {found:#?}"));
        assert_eq!(mismatch["locale"], tag);
        assert_eq!(mismatch["id"], "version-target-intro");
        assert_eq!(
            (mismatch["line"].as_u64(), mismatch["column"].as_u64()),
            (Some(line), Some(column))
        );
        let message = mismatch["message"].as_str().unwrap_or("");
        assert!(message.contains("with the date field month where the source shows it with the date fields year, month"), "{message}");
        let help = mismatch["help"].as_str().unwrap_or("");
        assert!(help.contains(full), "{help}");
    }
}

/// Adds `description:` under the `title:` of a page file.
fn describe_page(site: &Path, file: &str, description: &str) {
    let path = site.join(file);
    let text = read(&path);
    let title_end = text
        .find('\n')
        .and_then(|first| text[first + 1..].find('\n').map(|at| first + 1 + at + 1))
        .unwrap_or(0);
    write(
        &path,
        &format!(
            "{}description: {description}\n{}",
            &text[..title_end],
            &text[title_end..]
        ),
    );
}

#[test]
fn numbers_in_a_translated_title_and_description_are_compared() {
    let site = example_copy();
    describe_page(
        site.path(),
        "content/pages/about.md",
        "How to plan the move away from Exchange Server 2007 in three steps.",
    );
    describe_page(
        site.path(),
        "content/pages/about.nl.md",
        "Zo plant u in drie stappen de overstap van Exchange Server 2007.",
    );
    describe_page(
        site.path(),
        "content/pages/about.ko.md",
        "Exchange Server 2017에서 3단계로 옮겨 가는 방법을 계획합니다.",
    );
    replace_in(
        &site.path().join("content/pages/about.nl.md"),
        "title: Over deze gids",
        "title: Over deze gids (2017)",
    );
    let (_, found) = check_json(site.path(), &[]);
    let korean: Vec<&Value> = with_code(&found, "page-drift")
        .into_iter()
        .filter(|d| d["locale"] == "ko")
        .collect();
    assert_eq!(korean.len(), 1, "{found:#?}");
    let drift = korean[0];
    assert_eq!(drift["file"], "content/pages/about.ko.md");
    assert_eq!(drift["line"], 3);
    let message = drift["message"].as_str().unwrap_or("");
    assert!(
        message.contains("the numbers of the `description`"),
        "{message}"
    );
    assert!(
        message.contains("`2017` not in the source") && message.contains("lacks `2007`"),
        "{message}"
    );
    let text = read(&site.path().join("content/pages/about.ko.md"));
    assert_eq!(drift["column"].as_u64(), Some(place_of(&text, "2017").1));
    // The title gained a year; "drie" and "3단계" are the source's "three".
    let title: Vec<&Value> = with_code(&found, "page-drift")
        .into_iter()
        .filter(|d| d["locale"] == "nl")
        .collect();
    assert_eq!(title.len(), 1, "{found:#?}");
    assert_eq!(title[0]["line"], 2);
    assert!(
        title[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("`title`"),
        "{:#}",
        title[0]
    );
}

#[test]
fn numbers_in_words_and_digits_are_the_same_number_on_a_page() {
    let site = example_copy();
    let pages = site.path().join("content/pages");
    let page = |name: &str, text: &str| {
        write(
            &pages.join(name),
            &format!("---\ntitle: Wait\nslug: zz-wait\n---\n{text}"),
        )
    };
    page(
        "zz-wait.md",
        "Wait at least three months.\n\nA week or less.\n\nKeep 3 copies.\n\nKeep 3 copies.\n",
    );
    page(
        "zz-wait.nl.md",
        "Wacht ten minste 3 maanden.\n\nEen week of minder.\n\nBewaar drie kopieën.\n\nBewaar vier kopieën.\n",
    );
    page(
        "zz-wait.ko.md",
        "최소 3개월 기다리세요.\n\n1주 이하.\n\n사본을 세 개 보관하세요.\n\n사본을 3개 보관하세요.\n",
    );
    let (_, found) = check_json(site.path(), &[]);
    let drift = only(
        &found,
        "page-drift",
        "content/pages/zz-wait.nl.md",
        11,
        "nl",
    );
    assert!(
        drift["message"]
            .as_str()
            .unwrap_or("")
            .contains("lacks `3`"),
        "{drift:#}"
    );
}

#[test]
fn a_link_showing_another_messages_translation_is_a_markup_mismatch() {
    // The link of `eos-office` ("Plan your upgrade from …") given the text of
    // `link-office-2007-upgrade-resources` ("Resources to help you upgrade …"): both carry
    // the placeable `$product`, so no count or target shows it.
    let site = example_copy();
    replace_in(
        &site.path().join("locales/nl/roadmap.ftl"),
        "[Uw upgrade van { $product }-servers en -producten plannen]({ $url })",
        "[Bronnen voor het upgraden van uw { $product }-servers en -clients]({ $url })",
    );
    let (code, found) = check_json(site.path(), &[]);
    assert_eq!(code, 1, "{found:#?}");
    let mismatch = only(
        &found,
        "markup-mismatch",
        "locales/nl/roadmap.ftl",
        29,
        "nl",
    );
    assert!(
        mismatch["message"]
            .as_str()
            .unwrap()
            .contains("`link-office-2007-upgrade-resources`"),
        "{mismatch:#}"
    );
}

#[test]
fn a_product_name_typed_over_in_a_page_is_a_term_mismatch() {
    for (from, to, line, what) in [
        (
            "ondersteuning van\nExchange.",
            "ondersteuning van\nOffice.",
            34,
            "does not say \"Exchange\"",
        ),
        (
            "documentatie van Microsoft",
            "documentatie van SharePoint",
            35,
            "says \"SharePoint\", which the source does not",
        ),
    ] {
        let site = example_copy();
        let page = site.path().join("content/pages/about.nl.md");
        replace_in(&page, from, to);
        let (code, found) = check_json(site.path(), &[]);
        assert_eq!(code, 0, "a warning: {found:#?}");
        let mismatch = only(
            &found,
            "term-mismatch",
            "content/pages/about.nl.md",
            line,
            "nl",
        );
        assert_eq!(mismatch["severity"], "warning");
        assert!(
            mismatch["message"].as_str().unwrap().contains(what),
            "{to}: {mismatch:#}"
        );
        let (strict, _) = check_json(site.path(), &["--strict"]);
        assert_eq!(strict, 1, "{to}");
    }
}
