//! Translation coverage, for people: the `status` command's one-screen table (or JSON) and
//! the health page the build writes to `public/_status/index.html`. Both count the states
//! the review check assigns to each message and each translated Markdown page.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::check::review::{self, MessageState, State};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::lock::ReviewLock;
use crate::load::site::Site;
use crate::output::escape;
use crate::util::digest::{Digest, Fingerprint};

/// Messages and source words in one state.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Count {
    pub(crate) messages: usize,
    pub(crate) words: usize,
}

/// Where one locale stands.
#[derive(Debug, Clone, Serialize)]
pub struct LocaleStatus {
    pub(crate) locale: String,
    pub(crate) name: String,
    pub(crate) source: bool,
    /// Translated, whether reviewed or not (the sum of the next three).
    pub(crate) translated: Count,
    pub(crate) reviewed: Count,
    pub(crate) stale: Count,
    /// Reviewed, then edited.
    pub(crate) changed: Count,
    pub(crate) unreviewed: Count,
    pub(crate) missing: Count,
    pub(crate) obsolete: Count,
    /// The locales a missing message is taken from, nearest first (empty for the source).
    pub(crate) fallback_chain: Vec<String>,
    /// How many missing messages each locale of the chain supplies.
    pub(crate) shown_from: BTreeMap<String, usize>,
    /// Markdown pages with prose, by state (words: the source page's).
    pub(crate) pages: PageCounts,
    /// Share of the source words (messages and pages) that are translated, and reviewed,
    /// in percent.
    pub(crate) translated_percent: f64,
    pub(crate) reviewed_percent: f64,
    /// Findings of `stele check` on the translation, by code: review states and the
    /// translation-QA checks ([`count_qa`] fills it in).
    pub(crate) qa: BTreeMap<String, usize>,
    #[serde(skip)]
    pub(crate) messages: Vec<MessageState>,
    /// For each missing message, the locale whose text is shown.
    #[serde(skip)]
    pub(crate) message_sources: BTreeMap<String, String>,
    /// Each page with prose: its slug, state and source words.
    pub(crate) page_states: Vec<PageState>,
}

/// Pages in each state of one locale.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct PageCounts {
    pub(crate) reviewed: Count,
    pub(crate) stale: Count,
    pub(crate) changed: Count,
    pub(crate) unreviewed: Count,
    pub(crate) missing: Count,
}

/// One Markdown page in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PageState {
    pub(crate) slug: String,
    #[serde(serialize_with = "state_name")]
    pub(crate) state: State,
    pub(crate) words: usize,
}

fn state_name<S: serde::Serializer>(state: &State, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(state.as_str())
}

/// A fingerprint of everything the health page shows of `statuses`: the serialized
/// summary, and the per-message states and sources that serialization leaves out. Equal
/// fingerprints mean the page's status part would come out the same.
pub(crate) fn fingerprint(statuses: &[LocaleStatus]) -> Digest {
    let mut print = Fingerprint::new();
    for status in statuses {
        // Plain data (strings, counts, maps with string keys): serializing cannot fail.
        print.add(postcard::to_stdvec(status).expect("locale statuses always encode"));
        for message in &status.messages {
            print
                .add(&message.id)
                .add(message.state.as_str())
                .add(message.words.to_le_bytes());
        }
        for (id, locale) in &status.message_sources {
            print.add(id).add(locale);
        }
    }
    print.finish()
}

/// The status of every locale, the source first. `page_findings` are the page checks'
/// findings ([`crate::check::pages::check_page`]), which tell each page's state.
pub fn compute(site: &Site, page_findings: &[Diagnostic]) -> Vec<LocaleStatus> {
    let empty = ReviewLock::default();
    let source_tag = site.locales.source().tag.clone();
    let page_states = crate::check::pages::page_states(page_findings);
    site.locales
        .list
        .iter()
        .map(|locale| {
            let lock = site.locks.get(&locale.tag).unwrap_or(&empty);
            let messages = review::states(&site.locales, locale, lock);
            let mut status = LocaleStatus {
                locale: locale.tag.clone(),
                name: locale.name.clone(),
                source: locale.tag == source_tag,
                translated: Count::default(),
                reviewed: Count::default(),
                stale: Count::default(),
                changed: Count::default(),
                unreviewed: Count::default(),
                missing: Count::default(),
                obsolete: Count::default(),
                fallback_chain: locale.chain.clone(),
                shown_from: BTreeMap::new(),
                pages: PageCounts::default(),
                translated_percent: 0.0,
                reviewed_percent: 0.0,
                qa: BTreeMap::new(),
                messages: Vec::new(),
                message_sources: BTreeMap::new(),
                page_states: Vec::new(),
            };
            for message in &messages {
                let slot = match message.state {
                    State::Translated => &mut status.reviewed,
                    State::Stale => &mut status.stale,
                    State::Changed => &mut status.changed,
                    State::Unreviewed => &mut status.unreviewed,
                    State::Missing => &mut status.missing,
                    State::Obsolete => &mut status.obsolete,
                };
                slot.messages += 1;
                slot.words += message.words;
                if message.state == State::Missing {
                    let from = site.locales.voice(locale, &message.id).tag.clone();
                    *status.shown_from.entry(from.clone()).or_default() += 1;
                    status.message_sources.insert(message.id.clone(), from);
                }
                if matches!(
                    message.state,
                    State::Translated | State::Stale | State::Changed | State::Unreviewed
                ) {
                    status.translated.messages += 1;
                    status.translated.words += message.words;
                }
            }
            let (mut translated_words, mut reviewed_words, mut missing_words) = (
                status.translated.words,
                status.reviewed.words,
                status.missing.words,
            );
            for page in &site.pages {
                let Some(source) = page.texts.get(&source_tag) else {
                    continue;
                };
                if !source.has_prose() {
                    continue;
                }
                let words = source.words;
                let state = if status.source {
                    State::Translated
                } else {
                    page_states
                        .get(&(format!("page:{}", page.slug).as_str(), locale.tag.as_str()))
                        .copied()
                        .unwrap_or(State::Translated)
                };
                let slot = match state {
                    State::Stale => &mut status.pages.stale,
                    State::Changed => &mut status.pages.changed,
                    State::Unreviewed => &mut status.pages.unreviewed,
                    State::Missing => &mut status.pages.missing,
                    _ => &mut status.pages.reviewed,
                };
                slot.messages += 1;
                slot.words += words;
                match state {
                    State::Missing => missing_words += words,
                    State::Translated => {
                        translated_words += words;
                        reviewed_words += words;
                    }
                    _ => translated_words += words,
                }
                status.page_states.push(PageState {
                    slug: page.slug.clone(),
                    state,
                    words,
                });
            }
            let total = translated_words + missing_words;
            let percent = |part: usize| {
                if total == 0 {
                    100.0
                } else {
                    (part as f64 * 1000.0 / total as f64).round() / 10.0
                }
            };
            status.translated_percent = percent(translated_words);
            status.reviewed_percent = percent(reviewed_words);
            status.messages = messages;
            status
        })
        .collect()
}

/// The status of every locale of `site` with its findings counted, as `stele status`
/// shows it: every check of the locales and pages run on the loaded site.
pub fn of_site(site: &Site) -> Vec<LocaleStatus> {
    let checks = crate::check::pages::PageChecks::of(site);
    let (page_findings, page_segments): (Vec<Vec<Diagnostic>>, Vec<_>) = site
        .pages
        .iter()
        .map(|page| crate::check::pages::check_page_segments(page, &checks))
        .unzip();
    let page_findings: Vec<Diagnostic> = page_findings.into_iter().flatten().collect();
    let mut statuses = compute(site, &page_findings);
    let (findings, message_segments) = crate::check::sources(site);
    let inconsistencies = crate::check::inconsistencies(
        &site.config,
        message_segments
            .iter()
            .chain(page_segments.iter().flatten()),
    );
    for found in [&findings, &page_findings, &inconsistencies] {
        count_qa(&mut statuses, found);
    }
    statuses
}

/// The codes whose findings a status counts per locale: the review states a translation
/// waits in, and the translation-QA checks.
const COUNTED_CODES: [Code; 3] = [
    Code::Unreviewed,
    Code::StaleTranslation,
    Code::ChangedSinceReview,
];

/// Counts the review and QA findings among `problems` into each locale's status.
pub fn count_qa(statuses: &mut [LocaleStatus], problems: &[crate::diagnostics::Diagnostic]) {
    for problem in problems {
        if !COUNTED_CODES.contains(&problem.code)
            && !crate::diagnostics::QA_CODES.contains(&problem.code)
        {
            continue;
        }
        let Some(status) = statuses
            .iter_mut()
            .find(|status| Some(&status.locale) == problem.locale.as_ref())
        else {
            continue;
        };
        *status.qa.entry(problem.code.to_string()).or_default() += 1;
    }
}

/// The one-screen table of `stele status`.
pub fn render_table(statuses: &[LocaleStatus]) -> String {
    let mut out = String::new();
    let total = statuses
        .first()
        .map(|s| s.translated.messages + s.missing.messages)
        .unwrap_or(0);
    let words = statuses
        .first()
        .map(|s| s.translated.words + s.missing.words)
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "{total} source messages, {words} words. Counts are messages (source words).\n"
    );
    let header = [
        "locale",
        "translated",
        "reviewed",
        "stale",
        "changed",
        "unreviewed",
        "missing",
        "obsolete",
        "done",
        "reviewed%",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for status in statuses {
        let cell = |count: Count| format!("{} ({})", count.messages, count.words);
        let locale = if status.source {
            format!("{} (source)", status.locale)
        } else {
            status.locale.clone()
        };
        rows.push(vec![
            locale,
            cell(status.translated),
            cell(status.reviewed),
            cell(status.stale),
            cell(status.changed),
            cell(status.unreviewed),
            cell(status.missing),
            status.obsolete.messages.to_string(),
            format!("{:.1}%", status.translated_percent),
            format!("{:.1}%", status.reviewed_percent),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(column, text)| {
                if column == 0 {
                    format!("{text:<width$}", width = widths[column])
                } else {
                    format!("{text:>width$}", width = widths[column])
                }
            })
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
    let pages = statuses.first().map(|s| s.page_states.len()).unwrap_or(0);
    if pages > 0 {
        let _ = writeln!(
            out,
            "\n{} with prose; per locale: reviewed, stale, changed, unreviewed, missing.",
            if pages == 1 {
                "1 Markdown page".to_string()
            } else {
                format!("{pages} Markdown pages")
            }
        );
        for status in statuses.iter().filter(|s| !s.source) {
            let p = &status.pages;
            let _ = writeln!(
                out,
                "{}: {} reviewed, {} stale, {} changed, {} unreviewed, {} missing",
                status.locale,
                p.reviewed.messages,
                p.stale.messages,
                p.changed.messages,
                p.unreviewed.messages,
                p.missing.messages
            );
        }
    }
    for status in statuses.iter().filter(|status| !status.qa.is_empty()) {
        let counts: Vec<String> = status
            .qa
            .iter()
            .map(|(code, count)| format!("{code} {count}"))
            .collect();
        let _ = writeln!(
            out,
            "\n{}: the checks found {}; `stele check` shows each.",
            status.locale,
            counts.join(", ")
        );
    }
    // A chain of the source alone is the default, which the table's "missing" says.
    for status in statuses {
        if status.fallback_chain.len() < 2 || status.shown_from.is_empty() {
            continue;
        }
        let from: Vec<String> = status
            .shown_from
            .iter()
            .map(|(tag, count)| format!("{count} from {tag}"))
            .collect();
        let _ = writeln!(
            out,
            "\n{}: missing messages are shown along {} → {} ({})",
            status.locale,
            status.locale,
            status.fallback_chain.join(" → "),
            from.join(", ")
        );
    }
    out
}

/// The pages of one locale in a few words: "2 reviewed, 1 missing".
fn page_summary(pages: &PageCounts) -> String {
    let parts: Vec<String> = [
        ("reviewed", pages.reviewed),
        ("stale", pages.stale),
        ("changed", pages.changed),
        ("unreviewed", pages.unreviewed),
        ("missing", pages.missing),
    ]
    .iter()
    .filter(|(_, count)| count.messages > 0)
    .map(|(name, count)| format!("{} {name}", count.messages))
    .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// `stele status --format json`: one object per locale.
pub fn render_json(statuses: &[LocaleStatus]) -> String {
    serde_json::to_string_pretty(statuses).unwrap_or_else(|_| "[]".to_string())
}

/// The health page's icon: none, said inline (an empty `data:` URL, plain text), so the
/// page stays self-contained and the browser does not ask the server for a `favicon.ico`
/// it may not have. (An SVG `data:` URL could carry script, which the build refuses.)
const ICON: &str = "data:,";

/// The anchor of a locale's count of findings with `code`.
fn finding_anchor(tag: &str, code: &str) -> String {
    format!("findings-{}-{}", escape(tag), escape(code))
}

/// A locale's findings in the summary: each code with its count, linking to its row.
fn finding_links(status: &LocaleStatus) -> String {
    if status.qa.is_empty() {
        return "none".to_string();
    }
    status
        .qa
        .iter()
        .map(|(code, count)| {
            format!(
                "<a href=\"#{}\">{} {count}</a>",
                finding_anchor(&status.locale, code),
                escape(code)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A locale's findings by code, as `stele status` counts them; empty without findings.
fn findings_table(status: &LocaleStatus) -> String {
    if status.qa.is_empty() {
        return String::new();
    }
    let mut table = format!(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Findings, {name} ({tag})\">\n<table>\n<caption>Findings of <code>stele check</code> in {name}, by code</caption>\n<thead><tr><th scope=\"col\">code</th><th scope=\"col\">findings</th></tr></thead>\n<tbody>\n",
        tag = escape(&status.locale),
        name = escape(&status.name),
    );
    for (code, count) in &status.qa {
        let _ = writeln!(
            table,
            "<tr id=\"{}\"><th scope=\"row\"><code>{}</code></th><td>{count}</td></tr>",
            finding_anchor(&status.locale, code),
            escape(code)
        );
    }
    table.push_str("</tbody>\n</table>\n</div>\n");
    table
}

/// The translation health page: per locale, per message, its state and the pages that
/// show it. Self-contained (no theme), every value escaped; written to `_status/`.
pub(crate) fn health_page(
    statuses: &[LocaleStatus],
    usage: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
) -> String {
    let mut body = String::new();
    let mut summary = String::new();
    for status in statuses {
        let _ = writeln!(
            summary,
            "<tr><td><a href=\"#locale-{tag}\">{tag}</a></td><td>{name}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.1}%</td><td>{:.1}%</td><td>{findings}</td></tr>",
            status.reviewed.messages,
            status.stale.messages,
            status.changed.messages,
            status.unreviewed.messages,
            status.missing.messages,
            status.obsolete.messages,
            page_summary(&status.pages),
            status.translated_percent,
            status.reviewed_percent,
            tag = escape(&status.locale),
            name = escape(&status.name),
            findings = finding_links(status),
        );
        let _ = writeln!(
            body,
            "<section id=\"locale-{tag}\">\n<h2 id=\"locale-{tag}-title\">{name} <code>{tag}</code>{source}</h2>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"locale-{tag}-title\">\n<table>\n<thead><tr><th>message</th><th>state</th><th>words</th><th>shown on</th></tr></thead>\n<tbody>",
            tag = escape(&status.locale),
            name = escape(&status.name),
            source = if status.source { " (source)" } else { "" },
        );
        if status.fallback_chain.len() > 1 {
            let _ = writeln!(
                body,
                "<p>Missing messages are shown from the first of: {}.</p>",
                escape(&status.fallback_chain.join(" → "))
            );
        }
        let empty = BTreeMap::new();
        let pages = usage.get(&status.locale).unwrap_or(&empty);
        for message in &status.messages {
            let links: Vec<String> = pages
                .get(&message.id)
                .map(|paths| {
                    paths
                        .iter()
                        .map(|path| {
                            let shown = path.trim_end_matches("index.html");
                            format!(
                                "<a href=\"../{}\">{}</a>",
                                escape(path),
                                escape(if shown.is_empty() { path } else { shown })
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let shown = match status.message_sources.get(&message.id) {
                Some(from) if status.fallback_chain.len() > 1 => format!(
                    " (shown in <span lang=\"{tag}\">{tag}</span>)",
                    tag = escape(from)
                ),
                _ => String::new(),
            };
            let _ = writeln!(
                body,
                "<tr class=\"{state}\"><td><code>{id}</code></td><td>{state}{shown}</td><td>{words}</td><td>{links}</td></tr>",
                state = message.state.as_str(),
                id = escape(&message.id),
                words = message.words,
                links = links.join(" "),
            );
        }
        body.push_str("</tbody>\n</table>\n</div>\n");
        if !status.page_states.is_empty() {
            // Each region needs a name of its own (axe `landmark-unique`).
            let _ = writeln!(
                body,
                "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Pages, {name} ({tag})\">\n<table>\n<thead><tr><th>page</th><th>state</th><th>words</th></tr></thead>\n<tbody>",
                tag = escape(&status.locale),
                name = escape(&status.name),
            );
            for page in &status.page_states {
                let _ = writeln!(
                    body,
                    "<tr class=\"{state}\"><td><code>{slug}</code></td><td>{state}</td><td>{words}</td></tr>",
                    state = page.state.as_str(),
                    slug = escape(&page.slug),
                    words = page.words,
                );
            }
            body.push_str("</tbody>\n</table>\n</div>\n");
        }
        body.push_str(&findings_table(status));
        body.push_str("</section>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="{ICON}">
<title>Translation health</title>
<style>
body {{ font-family: system-ui, "Noto Sans KR", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; }}
.scroll {{ overflow-x: auto; margin-bottom: 2rem; }}
td {{ overflow-wrap: anywhere; }}
th, td {{ text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }}
tr.missing td:nth-child(2) {{ color: #a00; font-weight: bold; }}
tr.stale td:nth-child(2), tr.changed td:nth-child(2), tr.obsolete td:nth-child(2) {{ color: #a50; font-weight: bold; }}
tr.unreviewed td:nth-child(2) {{ color: #666; }}
tr.translated td:nth-child(2) {{ color: #070; }}
</style>
</head>
<body>
<main>
<h1>Translation health</h1>
<p>States of messages and Markdown pages: <b>translated</b> (reviewed against the current source), <b>stale</b> (the source changed since the review), <b>changed</b> (the translation was edited after its review), <b>unreviewed</b>, <b>missing</b> (the source text is shown), <b>obsolete</b> (no longer in the source). A page is in the worst state of its blocks, title and description. <b>findings</b> counts what <code>stele check</code> reports on each translation, by code (review states and the translation-QA checks). Review with <code>stele review --locale TAG ID…</code>, <code>--page PAGE</code> or <code>--all</code>.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Summary by locale">
<table>
<thead><tr><th>locale</th><th>language</th><th>reviewed</th><th>stale</th><th>changed</th><th>unreviewed</th><th>missing</th><th>obsolete</th><th>pages</th><th>done</th><th>reviewed</th><th>findings</th></tr></thead>
<tbody>
{summary}</tbody>
</table>
</div>
{body}</main>
</body>
</html>
"#
    )
}
