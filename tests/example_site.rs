//! End to end on the example site at the repository root: the whole Exchange 2007 roadmap
//! in English, Dutch and Korean, every fact in each locale's CLDR form, and one data edit
//! reaching every page of every locale.

mod common;

use std::path::Path;

use common::*;

const LOCALES: [&str; 3] = ["en", "nl", "ko"];
const VERSIONS: [&str; 4] = [
    "exchange-2007",
    "exchange-2010",
    "exchange-2013",
    "exchange-2016",
];
const METHODS: [&str; 3] = ["cutover", "staged", "full-hybrid"];

fn build_example(site: &Path) -> std::path::PathBuf {
    let out = site.join("public");
    let run = build(site, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for locale in LOCALES {
        assert!(
            !run.stderr.contains(&format!("\n  {locale} ")),
            "the example site must not fall back in {locale}:\n{}",
            run.stderr
        );
    }
    out
}

fn page_text(out: &Path, path: &str) -> String {
    visible_text(&read(&out.join(path)))
}

#[test]
fn every_page_exists_in_every_locale() {
    let site = example_copy();
    let out = build_example(site.path());
    for locale in LOCALES {
        for page in guide_pages(locale) {
            let html = read(&out.join(&page));
            assert!(
                html.contains(&format!("<html lang=\"{locale}\"")),
                "{page} lacks its lang"
            );
            for other in LOCALES {
                assert!(
                    html.contains(&format!("hreflang=\"{other}\"")),
                    "{page} lacks the {other} alternate"
                );
            }
            assert!(html.contains("hreflang=\"x-default\""), "{page}");
        }
    }
}

/// The dates of the roadmap in each locale's own form, straight from CLDR.
#[test]
fn roadmap_dates_and_counts_in_each_locale() {
    let site = example_copy();
    let out = build_example(site.path());
    let expected: [(&str, &[&str]); 3] = [
        (
            "en",
            &[
                "April 2017",
                "April 11, 2017",
                "January 2020",
                "April 2023",
                "October 2025",
                "2,000",
                "150",
                "443",
            ],
        ),
        (
            "nl",
            &[
                "april 2017",
                "11 april 2017",
                "januari 2020",
                "april 2023",
                "oktober 2025",
                "2.000",
                "150",
                "443",
            ],
        ),
        (
            "ko",
            &[
                "2017년 4월",
                "2017년 4월 11일",
                "2020년 1월",
                "2023년 4월",
                "2025년 10월",
                "2,000",
                "150",
                "443",
            ],
        ),
    ];
    for (locale, facts) in expected {
        let text = page_text(&out, &format!("{locale}/roadmap/index.html"));
        for fact in facts {
            assert!(text.contains(fact), "{locale} roadmap lacks `{fact}`");
        }
    }
}

/// Versions, operating systems, forest levels and Office clients reach every locale whole.
#[test]
fn version_requirements_in_each_locale() {
    let site = example_copy();
    let out = build_example(site.path());
    let requirements = [
        (
            "exchange-2016",
            [
                "Windows Server 2012",
                "Windows Server 2008 R2 SP1",
                "Office 2010",
            ],
        ),
        (
            "exchange-2013",
            [
                "Windows Server 2008 R2 SP1",
                "Windows Server 2003",
                "Office 2007 SP3",
            ],
        ),
        (
            "exchange-2010",
            [
                "Windows Server 2008 SP2",
                "Windows Server 2003",
                "Office 2003",
            ],
        ),
    ];
    for locale in LOCALES {
        let roadmap = page_text(&out, &format!("{locale}/roadmap/index.html"));
        for (version, facts) in &requirements {
            let page = page_text(&out, &format!("{locale}/versions/{version}/index.html"));
            for fact in facts {
                assert!(
                    page.contains(fact),
                    "{locale} {version} page lacks `{fact}`"
                );
                assert!(roadmap.contains(fact), "{locale} roadmap lacks `{fact}`");
            }
        }
        for name in [
            "Exchange 2010",
            "Exchange 2013",
            "Exchange 2016",
            "Exchange 2007",
        ] {
            assert!(roadmap.contains(name), "{locale} roadmap lacks `{name}`");
        }
    }
}

/// Every link of the source article is in the roadmap of every locale.
#[test]
fn every_link_in_every_locale() {
    let site = example_copy();
    let out = build_example(site.path());
    let links = read(&repo_root().join("content/data/links.yaml"));
    let urls: Vec<&str> = links
        .lines()
        .filter_map(|line| line.trim().strip_prefix("url: "))
        .map(|url| url.trim_matches('"'))
        .collect();
    assert!(
        urls.len() >= 20,
        "expected the article's links, found {}",
        urls.len()
    );
    for locale in LOCALES {
        let html = read(&out.join(format!("{locale}/roadmap/index.html")));
        for url in &urls {
            let escaped = url.replace('&', "&amp;");
            // Links from messages are written unquoted, with `=` as a character reference.
            let unquoted = escaped.replace('=', "&#61;");
            assert!(
                html.contains(&format!("href=\"{escaped}\""))
                    || html.contains(&format!("href={unquoted}>")),
                "{locale} roadmap lacks a link to {url}"
            );
        }
    }
}

/// Changing one date in the data changes it on every page of every locale.
#[test]
fn one_data_edit_reaches_every_locale() {
    let site = example_copy();
    let data = site.path().join("content/data/exchange.yaml");
    let original = read(&data);
    assert!(original.contains("\"2023-04\""));
    write(&data, &original.replacen("\"2023-04\"", "\"2024-05\"", 1));
    let out = build_example(site.path());
    let moved = [
        ("en", "May 2024", "April 2023"),
        ("nl", "mei 2024", "april 2023"),
        ("ko", "2024년 5월", "2023년 4월"),
    ];
    for (locale, now, before) in moved {
        for page in [
            format!("{locale}/roadmap/index.html"),
            format!("{locale}/versions/exchange-2013/index.html"),
        ] {
            let text = page_text(&out, &page);
            assert!(text.contains(now), "{page} lacks `{now}`");
            assert!(!text.contains(before), "{page} still says `{before}`");
        }
    }
}

/// A version added to the data gets its page in every locale.
#[test]
fn a_new_version_in_data_gets_pages() {
    let site = example_copy();
    let data = site.path().join("content/data/exchange.yaml");
    let original = read(&data);
    let start = original
        .find("  exchange_2016:")
        .expect("exchange_2016 entry");
    let rest = &original[start..];
    let end = rest[3..]
        .find("\n  exchange_")
        .or_else(|| rest[3..].find("\n\n# "))
        .or_else(|| rest[3..].find("\n\n"))
        .map(|i| i + 3)
        .unwrap_or(rest.len());
    let entry = &rest[..end];
    let added = entry
        .replacen("exchange_2016:", "exchange_2019:", 1)
        .replace("\"Exchange 2016\"", "\"Exchange 2019\"")
        .replace("\"Exchange Server 2016\"", "\"Exchange Server 2019\"");
    let mut changed = original.clone();
    changed.insert_str(start + end, &format!("\n{added}"));
    write(&data, &changed);
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for locale in LOCALES {
        let page = page_text(&out, &format!("{locale}/versions/exchange-2019/index.html"));
        assert!(page.contains("Exchange 2019"), "{locale}: {page}");
    }
}

/// The example site carries its own review locks and passes the strictest check.
#[test]
fn the_example_site_passes_check_strict() {
    let site = example_copy();
    let run = run(stele()
        .arg("check")
        .arg("--strict")
        .arg("--site")
        .arg(site.path()));
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let status = common::run(stele().arg("status").arg("--site").arg(site.path()));
    for locale in ["nl", "ko"] {
        let row = status
            .stdout
            .lines()
            .find(|line| line.starts_with(locale))
            .unwrap_or_else(|| panic!("no {locale} row:\n{}", status.stdout));
        assert!(row.ends_with("100.0%     100.0%"), "{row}");
    }
}

/// A German folder with one message gives a German site that falls back to English and
/// says so, without touching any configuration.
#[test]
fn a_german_folder_falls_back_to_english_and_says_so() {
    let site = example_copy();
    write(
        &site.path().join("locales/de/site.ftl"),
        "language-name = Deutsch\n",
    );
    let out = site.path().join("public");
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roadmap = read(&out.join("de/roadmap/index.html"));
    assert!(roadmap.contains("<html lang=\"de\""));
    let text = visible_text(&roadmap);
    assert!(
        text.contains("April 11, 2017"),
        "English fallback expected: {text}"
    );
    // Its pages show English text: they are no German translations.
    assert!(
        !read(&out.join("en/roadmap/index.html")).contains("hreflang=\"de\""),
        "a page shown in English is not listed as German"
    );
    assert!(!read(&out.join("sitemap.xml")).contains("/de/"));
    assert!(read(&out.join("nl/index.html")).contains(">Deutsch<"));
    assert!(
        run.stderr.contains("translations are missing"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("  de       roadmap-title") || run.stderr.contains("  de       "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("add to locales/de/roadmap.ftl"),
        "{}",
        run.stderr
    );
}

/// The guide's pages in a locale: home, Markdown pages, every collection entry.
fn guide_pages(locale: &str) -> Vec<String> {
    let mut pages = vec![
        format!("{locale}/index.html"),
        format!("{locale}/roadmap/index.html"),
        format!("{locale}/about/index.html"),
    ];
    pages.extend(
        VERSIONS
            .iter()
            .map(|v| format!("{locale}/versions/{v}/index.html")),
    );
    pages.extend(
        METHODS
            .iter()
            .map(|m| format!("{locale}/migration/{m}/index.html")),
    );
    pages
}

/// What a reader and a search engine find on every page of the theme: a description, a
/// canonical address, Open Graph, the icon, the sidebar, breadcrumbs and previous/next.
#[test]
fn every_page_has_navigation_and_metadata() {
    let site = example_copy();
    let out = build_example(site.path());
    for locale in LOCALES {
        let pages = guide_pages(locale);
        for (index, page) in pages.iter().enumerate() {
            let html = read(&out.join(page));
            let description = html
                .split_once("<meta name=\"description\" content=\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(text, _)| text)
                .unwrap_or_else(|| panic!("{page} has no description"));
            assert!(description.len() > 20, "{page}: {description}");
            let address = page.trim_end_matches("index.html");
            assert!(
                html.contains(&format!(
                    "<link rel=\"canonical\" href=\"https://stele.example/exchange-2007/{address}\">"
                )),
                "{page} lacks its canonical link"
            );
            for property in ["og:title", "og:description", "og:url", "og:locale"] {
                assert!(
                    html.contains(&format!("property=\"{property}\"")),
                    "{page}: {property}"
                );
            }
            assert!(html.contains("rel=\"icon\""), "{page}");
            assert!(html.contains("<nav class=\"sidebar\""), "{page}");
            assert_eq!(
                html.contains("<nav class=\"breadcrumbs\""),
                index > 0,
                "{page}"
            );
            // Each page but the first links the one before it, each but the last the next.
            assert_eq!(html.contains("rel=\"prev\""), index > 0, "{page}");
            assert_eq!(
                html.contains("rel=\"next\""),
                index + 1 < pages.len(),
                "{page}"
            );
        }
        assert!(
            read(&out.join(format!("{locale}/versions/exchange-2016/index.html")))
                .contains("<nav class=\"toc\""),
            "a release page lists its sections"
        );
    }
    // The About page's description is its first paragraph.
    let about = read(&out.join("nl/about/index.html"));
    assert!(
        about.contains("<meta name=\"description\" content=\"Deze gids helpt beheerders"),
        "{about}"
    );
}

/// A 404 page per language, the root one sending readers on to theirs; the root chooser
/// through the theme; the health page kept out of search engines, and out of the site with
/// `status_page: false`.
#[test]
fn not_found_pages_chooser_and_health_page() {
    let site = example_copy();
    let out = build_example(site.path());
    for locale in LOCALES {
        let html = read(&out.join(format!("{locale}/404.html")));
        assert!(html.contains(&format!("<html lang=\"{locale}\"")), "{html}");
        assert!(
            html.contains(&format!("<base href=\"/exchange-2007/{locale}/\">")),
            "{html}"
        );
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(html.contains("href=\"../static/style.css\""), "{html}");
    }
    let root = read(&out.join("404.html"));
    assert!(root.contains("<base href=\"/exchange-2007/\">"), "{root}");
    assert!(root.contains("\"nl\": \"nl/404.html\""), "{root}");
    let chooser = read(&out.join("index.html"));
    assert!(chooser.contains("href=\"static/style.css\""), "{chooser}");
    assert!(chooser.contains("\"ko\": \"ko/index.html\""), "{chooser}");
    assert!(chooser.contains("localStorage"), "{chooser}");

    let health = read(&out.join("_status/index.html"));
    assert!(health.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(health.contains("<main>"));
    assert!(!read(&out.join("sitemap.xml")).contains("_status"));

    let config = site.path().join("content/site.yaml");
    write(&config, &format!("{}status_page: false\n", read(&config)));
    let run = build(site.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("_status").exists());
    assert!(out.join("en/index.html").is_file());
}
