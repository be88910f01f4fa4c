//! The express path of `stele build` (src/express.rs): after an edit of data values only,
//! it renders just the outputs that read a changed value, from the snapshot the last
//! normal build saved; in every other case the normal path builds. Whichever path builds,
//! the output must equal a clean build's, byte for byte, with the same summary and
//! warnings.
//!
//! Which path built shows in the stage timings (`STELE_TIMINGS`): the express path's laps
//! are named `express: …` (`express: write` when it wrote the output), and the normal path
//! always starts with `read record`.
//!
//! A build trusts a file's stamp (size and modification time) only when the file was
//! modified at least two seconds before the build that recorded it, so these tests set the
//! modification times of their sites, and of every file they edit, into the past.
//!
//! The mini fixture alone never lets the express path write: its release pages come from a
//! collection (any edit under a collection's data takes the normal path) and its home page
//! lists `site.pages` (a page whose template does is left to the normal path).
//! [`express_site`] adds a support page whose template reads data values of its own, and a
//! value nobody reads.
//!
//! Most sites here build into a folder outside them; the default `<site>/public`, whose
//! swaps change the site folder itself, has a test of its own
//! (`the_express_path_builds_into_the_default_output_folder`).

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

const DATA: &str = "content/data/products.yaml";

/// How long before a build the files of a freshly built site were last modified.
const SETTLED: Duration = Duration::from_secs(100);

/// How long before "now" an edited file was last modified: well before the next build,
/// and (taken from a fresh "now" each edit) never the time of an earlier edit.
const EDITED: Duration = Duration::from_secs(10);

const SUPPORT_DATA: &str = "support:
  phone: \"+31 20 555 0100\"
  hours: \"09:00-17:00\"
  since: \"2020-01\"
unused:
  code: 7
";

const SUPPORT_TEMPLATE: &str = r#"{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
<p class="phone">{{ data.products.support.phone }}</p>
<p class="hours">{{ data.products.support.hours }}</p>
<p class="since">{{ data.products.support.since | date }}</p>
{{ page.content }}
{% endblock content %}
"#;

/// The mini fixture with a support page (in English and Dutch) whose template reads
/// `products.support` and lists no pages, and a value nobody reads (`products.unused`).
fn express_site() -> tempfile::TempDir {
    let site = mini_site();
    let root = site.path();
    let data = root.join(DATA);
    write(&data, &format!("{}{SUPPORT_DATA}", read(&data)));
    write(
        &root.join("themes/plain/templates/support.html"),
        SUPPORT_TEMPLATE,
    );
    write(
        &root.join("content/pages/support.md"),
        "---\ntitle: Support\ntemplate: support.html\nweight: 2\n---\n\nCall us.\n",
    );
    write(
        &root.join("content/pages/support.nl.md"),
        "---\ntitle: Ondersteuning\n---\n\nBel ons.\n",
    );
    site
}

/// Which path built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Normal,
    /// The express path, with nothing to write.
    Express,
    /// The express path, which wrote the output.
    ExpressWrote,
}

fn route(run: &Run) -> Route {
    if run.stderr.contains("read record:") {
        Route::Normal
    } else if run.stderr.contains("express: write:") {
        Route::ExpressWrote
    } else {
        assert!(
            run.stderr.contains("express: stat:"),
            "neither path's timings show:\n{}",
            run.stderr
        );
        Route::Express
    }
}

/// A site built twice into an output folder outside it, its files aged in between, so
/// that the snapshot of the second build trusts every stamp.
struct Built {
    site: tempfile::TempDir,
    _outside: tempfile::TempDir,
    out: PathBuf,
    strict: bool,
}

impl Built {
    fn new(site: tempfile::TempDir) -> Built {
        Built::with(site, false)
    }

    fn with(site: tempfile::TempDir, strict: bool) -> Built {
        let outside = tempfile::tempdir().expect("temporary folder");
        let out = outside.path().join("public");
        let built = Built {
            site,
            _outside: outside,
            out,
            strict,
        };
        let first = built.build();
        assert_eq!(first.code, 0, "{}", first.stderr);
        age_site(built.root(), SETTLED);
        let second = built.build();
        assert_eq!(second.code, 0, "{}", second.stderr);
        assert_eq!(route(&second), Route::Normal, "{}", second.stderr);
        built
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    /// `stele build` with stage timings (and `--strict` when the site was built so).
    fn build(&self) -> Run {
        self.build_as(self.strict)
    }

    fn build_as(&self, strict: bool) -> Run {
        self.build_into(&self.out, strict, true)
    }

    /// `stele build` of the site into `out`, with stage timings when `timings`.
    fn build_into(&self, out: &Path, strict: bool, timings: bool) -> Run {
        let mut command = stele();
        command
            .arg("build")
            .arg("--site")
            .arg(self.root())
            .arg("--out")
            .arg(out);
        if timings {
            command.env("STELE_TIMINGS", "1");
        }
        if strict {
            command.arg("--strict");
        }
        run(&mut command)
    }

    /// Sets `key`'s value on the `nth` line of the data file that holds it.
    fn set(&self, key: &str, nth: usize, value: &str) {
        let data = self.root().join(DATA);
        let text = read(&data);
        write(&data, &set_value(&text, key, nth, value));
        age(&data, EDITED);
    }

    /// Rewrites the file at `relative` (which must exist) with `edit`.
    fn edit(&self, relative: &str, edit: impl FnOnce(&str) -> String) {
        let path = self.root().join(relative);
        let text = read(&path);
        write(&path, &edit(&text));
        age(&path, EDITED);
    }

    /// Adds a file; its folder changes too.
    fn add(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        write(&path, text);
        age(&path, EDITED);
        age(path.parent().expect("parent"), EDITED);
    }

    fn remove(&self, relative: &str) {
        let path = self.root().join(relative);
        std::fs::remove_file(&path).expect("remove");
        age(path.parent().expect("parent"), EDITED);
    }

    /// Asserts that `run` succeeded and left what a clean build of the site gives: the same
    /// files, summary (but for how many pages it rendered and how long it took) and
    /// warnings.
    fn assert_like_clean(&self, run: &Run, context: &str) {
        let differences = self.differences_from_clean(run);
        assert!(differences.is_empty(), "{context}: {differences:#?}");
    }

    /// How `run` and what it left differ from a clean build of the site.
    fn differences_from_clean(&self, run: &Run) -> Vec<String> {
        let mut differences = Vec::new();
        if run.code != 0 {
            differences.push(format!("exit code {}: {}", run.code, run.stderr));
        }
        let clean_dir = tempfile::tempdir().expect("temporary folder");
        let clean = clean_dir.path().join("public");
        let fresh = self.clean_build(&clean);
        assert_eq!(fresh.code, 0, "{}", fresh.stderr);
        let (ours, theirs) = (output_files(&self.out), output_files(&clean));
        let differing: std::collections::BTreeSet<&PathBuf> = ours
            .keys()
            .chain(theirs.keys())
            .filter(|path| ours.get(*path) != theirs.get(*path))
            .collect();
        if !differing.is_empty() {
            differences.push(format!("the output differs in {differing:?}"));
        }
        let (summary, clean_summary) = (
            summary(&run.stdout, &self.out),
            summary(&fresh.stdout, &clean),
        );
        if summary != clean_summary {
            differences.push(format!("summary {summary:?}, clean {clean_summary:?}"));
        }
        let (messages, clean_messages) = (
            messages(&run.stderr, &self.out),
            messages(&fresh.stderr, &clean),
        );
        if messages != clean_messages {
            differences.push(format!("stderr {messages:?}, clean {clean_messages:?}"));
        }
        differences
    }

    /// A build of the site into the new folder `out`, without timings.
    fn clean_build(&self, out: &Path) -> Run {
        self.build_into(out, self.strict, false)
    }

    /// The cache files of the given extension (`express`, `patch`, `bin`).
    fn cache_files(&self, extension: &str) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.root().join(".stele-cache"))
            .expect("the cache folder")
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == extension))
            .collect();
        found.sort();
        found
    }
}

/// `text` with the value after `key` replaced on the `nth` line (from 0) that holds `key`
/// after its indentation.
fn set_value(text: &str, key: &str, nth: usize, value: &str) -> String {
    let mut seen = 0;
    let mut found = false;
    let mut edited = String::with_capacity(text.len() + value.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        if body.starts_with(key) {
            if seen == nth {
                let indent = &line[..line.len() - body.len()];
                edited.push_str(&format!("{indent}{key}{value}\n"));
                found = true;
                seen += 1;
                continue;
            }
            seen += 1;
        }
        edited.push_str(line);
    }
    assert!(found, "no line {nth} with `{key}` in\n{text}");
    edited
}

/// `rendered` of "(N files, R of T pages rendered)" in a build's summary; all when absent.
fn rendered(stdout: &str) -> Option<usize> {
    let at = stdout.find(" of ")?;
    let before = &stdout[..at];
    let start = before.rfind(' ')? + 1;
    before[start..].parse().ok()
}

/// The summary on stdout without the output folder, how many pages were rendered and how
/// long it took: "Built 5 pages × 2 locales (16 files) into OUT in S s."
fn summary(stdout: &str, out: &Path) -> String {
    stdout
        .replace(out.to_string_lossy().as_ref(), "OUT")
        .lines()
        .map(|line| {
            let mut line = line.to_string();
            if let (Some(start), Some(end)) = (line.find(", "), line.find(" pages rendered)")) {
                line.replace_range(start..end + " pages rendered".len(), "");
            }
            if line.ends_with(" s.")
                && let Some(at) = line.rfind(" in ")
            {
                line.truncate(at);
                line.push_str(" in S s.");
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Stderr without the stage timings and the output folder.
fn messages(stderr: &str, out: &Path) -> String {
    stderr
        .replace(out.to_string_lossy().as_ref(), "OUT")
        .lines()
        .filter(|line| !is_timing(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `line` is a stage timing: "   read record:     0.5 ms  (cpu ...)".
fn is_timing(line: &str) -> bool {
    line.split_once(" ms").is_some_and(|(before, _)| {
        let number = before.rsplit(' ').next().unwrap_or("");
        number.parse::<f64>().is_ok()
            && before[..before.len() - number.len()]
                .trim_end()
                .ends_with(':')
    })
}

#[test]
fn a_value_edit_takes_the_express_path_and_equals_a_clean_build() {
    let built = Built::new(express_site());
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let run = built.build();
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);
    // The support page in English and Dutch.
    assert_eq!(rendered(&run.stdout), Some(2), "{}", run.stdout);
    built.assert_like_clean(&run, "phone edited");
    for page in ["en/support/index.html", "nl/support/index.html"] {
        assert!(
            read(&built.out.join(page)).contains("+31 20 555 0199"),
            "{page}"
        );
    }
    assert_eq!(built.cache_files("patch").len(), 1, "the record's patch");

    // A second value, with the first still changed since the snapshot.
    built.set("hours: ", 0, "\"08:30-17:00\"");
    built.build_by(Route::ExpressWrote, "hours edited");
}

#[test]
fn an_unchanged_site_and_an_unread_value_take_the_express_path_without_writing() {
    let built = Built::new(express_site());
    let before = snapshot(&built.out);
    let run = built.build();
    assert_eq!(route(&run), Route::Express, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), Some(0), "{}", run.stdout);
    built.assert_like_clean(&run, "unchanged");

    built.set("code: ", 0, "8");
    let run = built.build();
    assert_eq!(route(&run), Route::Express, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), Some(0), "{}", run.stdout);
    built.assert_like_clean(&run, "unread value edited");
    assert!(
        snapshot(&built.out) == before,
        "the output, manifest included, is untouched"
    );
}

/// Which path must build after an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Only values of `products.support` or `products.unused` changed.
    Express,
    /// Values the home page (which lists `site.pages`) or a collection reads: the express
    /// path may leave them to the normal path.
    Either,
    Normal,
}

/// A random data edit of the express site: always to a value the sequence never had
/// (`fresh`), or else back and forth between two values, so that values come back to
/// what the snapshot holds. Returns what it did.
fn data_edit(built: &Built, random: &mut Lcg, step: usize, fresh: bool) -> (String, Expect) {
    // Sets `key` (on its `nth` line) to `made`, or to whichever of `pair` it is not.
    let set = |key: &str, nth: usize, made: String, pair: [&str; 2]| -> String {
        let value = if fresh {
            made
        } else if current(built, key, nth) == pair[0] {
            pair[1].to_string()
        } else {
            pair[0].to_string()
        };
        built.set(key, nth, &value);
        format!("{key}{value}")
    };
    match random.next(7) {
        0 | 1 => {
            let pair = ["\"+31 20 555 0100\"", "\"+31 20 555 0101\""];
            let done = set(
                "phone: ",
                0,
                format!("\"+31 20 555 {}\"", 1000 + step),
                pair,
            );
            (done, Expect::Express)
        }
        2 => {
            let pair = ["\"09:00-17:00\"", "\"08:00-17:00\""];
            let made = format!("\"{:02}:00-17:{:02}\"", step % 24, step % 60);
            (set("hours: ", 0, made, pair), Expect::Express)
        }
        3 => {
            let done = set("code: ", 0, format!("{}", 100 + step), ["7", "8"]);
            (done, Expect::Express)
        }
        4 => {
            let pair = [
                "\"Use <b>care</b> & read *this*\"",
                "\"Use <b>care</b> & read *that*\"",
            ];
            let made = format!("\"Use <b>care</b> & read *this {step}*\"");
            (set("note: ", 0, made, pair), Expect::Either)
        }
        5 => {
            let widget = random.next(2);
            let made = format!("{}", 3000 + step);
            let done = set("max_seats: ", widget, made, ["150", "151"]);
            (format!("widget {widget} {done}"), Expect::Either)
        }
        _ => {
            // Two values at once, one of them on the home page.
            let pair = ["\"+31 20 555 0100\"", "\"+31 20 555 0102\""];
            let phone = set(
                "phone: ",
                0,
                format!("\"+31 20 555 {}\"", 5000 + step),
                pair,
            );
            let widget = random.next(2);
            let made = format!("\"20{}-{:02}\"", 30 + step / 12, 1 + step % 12);
            let end = set(
                "end_of_support: ",
                widget,
                made,
                ["\"2023-04\"", "\"2023-05\""],
            );
            (format!("{phone}, widget {widget} {end}"), Expect::Either)
        }
    }
}

/// The value after `key` on its `nth` line in the data file.
fn current(built: &Built, key: &str, nth: usize) -> String {
    let text = read(&built.root().join(DATA));
    let line = text
        .lines()
        .filter(|line| line.trim_start().starts_with(key))
        .nth(nth)
        .unwrap_or_else(|| panic!("no line {nth} with `{key}`"));
    line.trim_start()[key.len()..].to_string()
}

/// A random edit of something other than data values, which the normal path must build.
fn other_edit(built: &Built, random: &mut Lcg, step: usize) -> String {
    match random.next(6) {
        0 => {
            // Words only: a number not in the source page is an error (page drift).
            let words = ["Eerst", "Daarna", "Tot slot"];
            let word = words[random.next(3)];
            built.edit("content/pages/guide.nl.md", |text| {
                // Within the paragraph: a new block would be page drift.
                text.replacen("Lees ", &format!("{word} lezen. Lees "), 1)
            });
            format!("nl guide + {word}")
        }
        1 => {
            let marker = "<hr class=\"edited\">";
            built.edit("themes/plain/templates/support.html", |text| {
                if text.contains(marker) {
                    text.replace(marker, "")
                } else {
                    text.replace("<h1>", &format!("{marker}<h1>"))
                }
            });
            "toggle a line of the support template".to_string()
        }
        2 => {
            let words = ["released", "launched", "shipped"];
            let word = words[random.next(3)];
            built.edit("locales/en/main.ftl", |text| {
                let start = text.find("launched = { $name } was ").expect("launched") + 25;
                let end = start + text[start..].find(" on").expect("on");
                format!("{}{word}{}", &text[..start], &text[end..])
            });
            format!("en launched → {word}")
        }
        3 => {
            built.add(
                &format!("content/pages/extra-{step}.md"),
                &format!("---\ntitle: Extra {step}\n---\nBody of page {step}.\n"),
            );
            format!("add page extra-{step}")
        }
        4 => {
            let pages = built.root().join("content/pages");
            let mut extras: Vec<String> = std::fs::read_dir(&pages)
                .expect("pages")
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with("extra-"))
                .collect();
            extras.sort();
            match extras.first() {
                Some(first) => {
                    built.remove(&format!("content/pages/{first}"));
                    format!("remove {first}")
                }
                None => {
                    built.edit("content/pages/support.md", |text| {
                        text.replacen("Call us.", "Call us. More.", 1)
                    });
                    "support page + a sentence".to_string()
                }
            }
        }
        _ => {
            toggle_widget_3(built);
            "add or remove widget_3".to_string()
        }
    }
}

/// Adds the entry `widget_3` to the releases collection, or removes it.
fn toggle_widget_3(built: &Built) {
    built.edit(DATA, |text| {
        if text.contains("widget_3:") {
            let start = text.find("  widget_3:").expect("entry");
            let end = text.find("note:").expect("note");
            format!("{}{}", &text[..start], &text[end..])
        } else {
            let end = text.find("note:").expect("note");
            let entry = "  widget_3:\n    name: Widget 3\n    launched: \"2021-02-03\"\n    end_of_support: \"2027-01\"\n    max_seats: 1\n    port: 8443\n    roles: [Mailbox]\n";
            format!("{}{entry}{}", &text[..end], &text[end..])
        }
    });
}

/// Random sequences of edits, mostly of data values, each followed by a build whose
/// output must equal a clean build's.
fn random_sequences(seeds: &[u64], steps: usize, fresh: bool) {
    for &seed in seeds {
        let built = Built::new(express_site());
        let mut random = Lcg(seed);
        let mut history = Vec::new();
        let mut express = 0;
        for step in 0..steps {
            let (change, expect) = if random.next(10) < 7 {
                data_edit(&built, &mut random, step, fresh)
            } else {
                (other_edit(&built, &mut random, step), Expect::Normal)
            };
            history.push(change);
            let run = built.build();
            let route = route(&run);
            let context = format!("seed {seed}, after {history:?} ({route:?})");
            built.assert_like_clean(&run, &context);
            match expect {
                Expect::Express => assert_ne!(route, Route::Normal, "{context}\n{}", run.stderr),
                Expect::Normal => assert_eq!(route, Route::Normal, "{context}"),
                Expect::Either => {}
            }
            express += usize::from(route != Route::Normal);
        }
        assert!(
            express > 0,
            "seed {seed}: never the express path: {history:?}"
        );
    }
}

#[test]
fn random_data_edits_between_express_builds_equal_clean_builds() {
    random_sequences(&[7, 2024], 10, true);
}

/// As [`random_data_edits_between_express_builds_equal_clean_builds`], with values going
/// back and forth between two, so that a value comes back to what the snapshot holds.
#[test]
fn random_data_edits_with_values_coming_back_equal_clean_builds() {
    // Seed 7 fails at its third build, seed 5 at its tenth.
    random_sequences(&[7, 5, 2024], 12, false);
}

/// The express path compares the data with the snapshot of the last normal build, while
/// the output may hold what an express build since then wrote: a value that comes back
/// to the snapshot's must still be rendered again.
#[test]
fn reverting_a_value_across_two_express_builds_equals_clean_builds() {
    let built = Built::new(express_site());
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    built.build_by(Route::ExpressWrote, "phone 0100 → 0199");

    // Every build's differences, to show which went wrong.
    let mut differences = Vec::new();
    built.set("phone: ", 0, "\"+31 20 555 0100\"");
    let run = built.build();
    let found = built.differences_from_clean(&run);
    differences.push(("phone 0199 → 0100 again", route(&run), found));

    // The normal path reads the record with the express path's patch.
    built.edit("content/pages/guide.md", |text| {
        text.replacen("first.", "first. One more.", 1)
    });
    let run = built.build();
    assert_eq!(route(&run), Route::Normal, "{}", run.stderr);
    let found = built.differences_from_clean(&run);
    differences.push(("then a page edit", route(&run), found));
    assert!(
        differences.iter().all(|(_, _, found)| found.is_empty()),
        "{differences:#?}"
    );
}

/// An edit of something other than data.
type OtherEdit = dyn Fn(&Built);

impl Built {
    /// Builds and checks that the normal path built, as a clean build would.
    fn build_normally(&self, context: &str) {
        self.build_by(Route::Normal, context);
    }

    /// Builds and checks that `route` built, as a clean build would.
    fn build_by(&self, expected: Route, context: &str) {
        let run = self.build();
        assert_eq!(route(&run), expected, "{context}: {}", run.stderr);
        self.assert_like_clean(&run, context);
    }
}

#[test]
fn a_page_edit_takes_the_normal_path() {
    let built = Built::new(express_site());
    built.edit("content/pages/guide.md", |text| {
        text.replacen("first.", "first. One more.", 1)
    });
    built.build_normally("a page edited");

    // With a value edit beside it: a page, a template or a message the page shows, a new
    // page.
    let others: [(&str, &str, &OtherEdit); 4] = [
        ("0199", "a value and a page edited", &|built| {
            built.edit("content/pages/support.nl.md", |text| {
                text.replace("Bel ons.", "Bel ons gerust.")
            })
        }),
        ("0198", "a value and a template edited", &|built| {
            built.edit("themes/plain/templates/support.html", |text| {
                text.replace("<h1>", "<h1 class=\"support\">")
            })
        }),
        ("0197", "a value and a message edited", &|built| {
            built.edit("locales/nl/main.ftl", |text| {
                text.replace("site-title = Handboek", "site-title = Gids")
            })
        }),
        ("0196", "a value edited and a page added", &|built| {
            built.add("content/pages/new.md", "---\ntitle: New\n---\nNew page.\n")
        }),
    ];
    for (phone, context, other) in others {
        built.set("phone: ", 0, &format!("\"+31 20 555 {phone}\""));
        other(&built);
        built.build_normally(context);
    }
}

#[test]
fn a_new_data_file_takes_the_normal_path() {
    let built = Built::new(express_site());
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    // Written as any editor would: the folder's time changes now.
    let extra = built.root().join("content/data/extra.yaml");
    write(&extra, "answer: 42\n");
    age(&extra, EDITED);
    built.build_normally("a data file added");

    // Its values are the site's now; a new file in a new folder under the data folder.
    built.set("phone: ", 0, "\"+31 20 555 0198\"");
    let nested = built.root().join("content/data/more/facts.yaml");
    write(&nested, "count: 1\n");
    age(&nested, EDITED);
    built.build_normally("a data file added in a new folder");

    built.set("phone: ", 0, "\"+31 20 555 0197\"");
    std::fs::remove_file(&extra).expect("remove");
    built.build_normally("a data file removed");
}

#[test]
fn adding_or_removing_a_collection_entry_takes_the_normal_path() {
    let built = Built::new(express_site());
    toggle_widget_3(&built);
    built.build_normally("widget_3 added");
    assert!(built.out.join("nl/releases/widget-3/index.html").is_file());

    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    toggle_widget_3(&built);
    built.build_normally("widget_3 removed, phone edited");
    assert!(!built.out.join("nl/releases/widget-3").exists());
}

/// What an edit breaks, and the edit.
type Breaking = (&'static str, fn(&Built));

/// Edits that make the build fail: the express path leaves them to the normal path, which
/// reports them as a build into a new folder does and leaves the output as it was.
#[test]
fn a_data_edit_that_breaks_the_build_fails_as_a_normal_build_would() {
    let built = Built::new(express_site());
    let breaking: [Breaking; 3] = [
        ("the data no longer parses", |built| {
            built.edit(DATA, |text| text.replace("  code: 7", "  code: [7"))
        }),
        ("a script URL", |built| {
            built.set("phone: ", 0, "\"javascript:alert(1)\"")
        }),
        ("a value the date filter refuses", |built| {
            built.set("since: ", 0, "\"someday\"")
        }),
    ];
    let good = read(&built.root().join(DATA));
    for (what, edit) in breaking {
        let before = snapshot(&built.out);
        edit(&built);
        let run = built.build();
        assert_eq!(run.code, 1, "{what}\n{}", run.stderr);
        assert_eq!(route(&run), Route::Normal, "{what}\n{}", run.stderr);
        assert!(
            snapshot(&built.out) == before,
            "{what}: the output, manifest included, is untouched"
        );
        let clean_dir = tempfile::tempdir().expect("temporary folder");
        let clean = clean_dir.path().join("public");
        let fresh = built.clean_build(&clean);
        assert_eq!(fresh.code, 1, "{what}\n{}", fresh.stderr);
        assert_eq!(
            messages(&run.stderr, &built.out),
            messages(&fresh.stderr, &clean),
            "{what}"
        );
        assert!(run.stderr.contains("error"), "{what}\n{}", run.stderr);
        assert_eq!(run.stdout, fresh.stdout, "{what}");

        // Mended with a new value, the express path builds again: the failed build
        // changed neither the output nor the snapshot.
        write(&built.root().join(DATA), &good);
        built.set("hours: ", 0, &format!("\"{what}\""));
        let run = built.build();
        assert_eq!(route(&run), Route::ExpressWrote, "{what}\n{}", run.stderr);
        built.assert_like_clean(&run, &format!("mended after {what}"));
        // The data file again as the snapshot has it, but for its time.
        write(&built.root().join(DATA), &good);
        age(&built.root().join(DATA), EDITED);
    }
}

#[test]
fn strict_with_warnings_takes_the_normal_path_and_fails() {
    // The mini fixture warns of a missing and of unreviewed translations.
    let built = Built::new(express_site());
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let before = snapshot(&built.out);
    let run = built.build_as(true);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(route(&run), Route::Normal, "{}", run.stderr);
    assert!(snapshot(&built.out) == before, "the output is untouched");
    let clean_dir = tempfile::tempdir().expect("temporary folder");
    let clean = clean_dir.path().join("public");
    let fresh = run_strict(built.root(), &clean);
    assert_eq!(fresh.code, 1, "{}", fresh.stderr);
    assert_eq!(
        messages(&run.stderr, &built.out),
        messages(&fresh.stderr, &clean)
    );

    // Without --strict the same edit takes the express path.
    built.build_by(Route::ExpressWrote, "then without --strict");
}

fn run_strict(site: &Path, out: &Path) -> Run {
    run(stele()
        .arg("build")
        .arg("--strict")
        .arg("--site")
        .arg(site)
        .arg("--out")
        .arg(out))
}

#[test]
fn strict_without_warnings_keeps_the_express_path() {
    let site = express_site();
    let nl = site.path().join("locales/nl/main.ftl");
    write(
        &nl,
        &format!(
            "{}only-in-english = Deze zin is nog niet vertaald.\n",
            read(&nl)
        ),
    );
    let reviewed = run(stele()
        .arg("review")
        .arg("--site")
        .arg(site.path())
        .arg("--locale")
        .arg("nl")
        .arg("--all"));
    assert_eq!(reviewed.code, 0, "{}", reviewed.stderr);
    let built = Built::with(site, true);
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let run = built.build();
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);
    built.assert_like_clean(&run, "phone edited, --strict");
    assert_eq!(messages(&run.stderr, &built.out), "");
}

#[test]
fn a_data_file_replaced_by_rename_keeps_the_express_path() {
    let built = Built::new(express_site());
    let data = built.root().join(DATA);
    let folder = data.parent().expect("the data folder");
    let folder_before = std::fs::metadata(folder)
        .and_then(|m| m.modified())
        .expect("time");
    // Elsewhere on the same file system, as editors write a new file before renaming it.
    let elsewhere = tempfile::tempdir_in(built.root().parent().expect("parent")).expect("folder");
    let temporary = elsewhere.path().join("products.yaml.new");
    let text = set_value(&read(&data), "phone: ", 0, "\"+31 20 555 0199\"");
    std::fs::write(&temporary, text).expect("write");
    age(&temporary, EDITED);
    std::fs::rename(&temporary, &data).expect("rename");
    let folder_after = std::fs::metadata(folder)
        .and_then(|m| m.modified())
        .expect("time");
    assert_ne!(folder_before, folder_after, "the rename changed the folder");

    let run = built.build();
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), Some(2), "{}", run.stdout);
    built.assert_like_clean(&run, "data file replaced by rename");
    assert!(read(&built.out.join("nl/support/index.html")).contains("+31 20 555 0199"));
}

#[test]
fn a_normal_build_after_express_builds_reads_their_patch_of_the_record() {
    let built = Built::new(express_site());
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let run = built.build();
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);
    built.set("hours: ", 0, "\"08:00-16:00\"");
    let run = built.build();
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);

    // One more sentence in the Dutch guide renders that page in Dutch only: the support
    // pages the express builds rendered are known from the patch, not rendered again.
    built.edit("content/pages/guide.nl.md", |text| {
        text.replacen("Lees ", "Nog een zin. Lees ", 1)
    });
    let run = built.build();
    assert_eq!(route(&run), Route::Normal, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), Some(1), "{}", run.stdout);
    built.assert_like_clean(&run, "a page edited after two express builds");
    // The record is whole again, and the snapshot new.
    assert!(built.cache_files("patch").is_empty());

    built.set("phone: ", 0, "\"+31 20 555 0198\"");
    let run = built.build();
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), Some(2), "{}", run.stdout);
    built.assert_like_clean(&run, "a value edited after the normal build");
}

/// Flips one byte in the middle of the file at `path`.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_damaged_snapshot_is_ignored() {
    let built = Built::new(express_site());
    let snapshots = built.cache_files("express");
    assert_eq!(snapshots.len(), 1, "{snapshots:?}");
    damage(&snapshots[0]);
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let run = built.build();
    assert_eq!(route(&run), Route::Normal, "{}", run.stderr);
    assert!(!run.stderr.contains("express: snapshot:"), "{}", run.stderr);
    built.assert_like_clean(&run, "phone edited, snapshot damaged");

    // The normal build saved a new one.
    built.set("phone: ", 0, "\"+31 20 555 0198\"");
    built.build_by(Route::ExpressWrote, "phone edited again");
}

#[test]
fn a_damaged_record_patch_is_ignored() {
    let built = Built::new(express_site());
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let run = built.build();
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);
    let patches = built.cache_files("patch");
    assert_eq!(patches.len(), 1, "{patches:?}");
    damage(&patches[0]);

    // Neither path can tell which build wrote the output: everything is rendered again.
    built.set("phone: ", 0, "\"+31 20 555 0198\"");
    let run = built.build();
    assert_eq!(route(&run), Route::Normal, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), None, "{}", run.stdout);
    built.assert_like_clean(&run, "phone edited, patch damaged");
}

#[test]
fn a_file_removed_from_the_output_comes_back() {
    let built = Built::new(express_site());
    // A page the express build carries over, and one it renders.
    std::fs::remove_file(built.out.join("en/index.html")).expect("remove");
    std::fs::remove_file(built.out.join("nl/support/index.html")).expect("remove");
    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let run = built.build();
    built.assert_like_clean(&run, "phone edited, output files removed");

    std::fs::remove_dir_all(&built.out).expect("remove");
    built.set("phone: ", 0, "\"+31 20 555 0198\"");
    built.build_normally("phone edited, output folder removed");
}

/// The output folder's default place is inside the site, whose folder every build changes
/// (`public`'s staging swap), so the express path must not count it against the snapshot.
#[test]
fn the_express_path_builds_into_the_default_output_folder() {
    let site = express_site();
    let root = site.path();
    let default_build = || {
        run(stele()
            .arg("build")
            .arg("--site")
            .arg(root)
            .env("STELE_TIMINGS", "1"))
    };
    assert_eq!(default_build().code, 0);
    age_site(root, SETTLED);
    assert_eq!(default_build().code, 0);
    age_site(root, SETTLED);
    assert_eq!(default_build().code, 0);
    let data = root.join(DATA);
    write(
        &data,
        &set_value(&read(&data), "phone: ", 0, "\"+31 20 555 0199\""),
    );
    age(&data, EDITED);
    let run = default_build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(route(&run), Route::ExpressWrote, "{}", run.stderr);
}

/// A 404 page that shows data is written by every build, beside the pages: the express
/// path leaves it to the normal path. One that shows none does not stop it.
#[test]
fn a_not_found_page_that_shows_data_takes_the_normal_path() {
    for shows_data in [true, false] {
        let site = express_site();
        let shown = if shows_data {
            "<p>Call {{ data.products.support.phone }}.</p>"
        } else {
            "<p>Call us.</p>"
        };
        write(
            &site.path().join("themes/plain/templates/404.html"),
            &format!(
                "{{% extends \"base.html\" %}}\n{{% block content %}}\n<h1>Not found</h1>\n{shown}\n{{% endblock content %}}\n"
            ),
        );
        let built = Built::new(site);
        built.set("phone: ", 0, "\"+31 20 555 0199\"");
        let run = built.build();
        let expected = if shows_data {
            Route::Normal
        } else {
            Route::ExpressWrote
        };
        assert_eq!(route(&run), expected, "{}", run.stderr);
        built.assert_like_clean(&run, &format!("phone edited, 404 shows data: {shows_data}"));
        assert_eq!(
            read(&built.out.join("404.html")).contains("+31 20 555 0199"),
            shows_data
        );
    }
}

/// When the express path gives up, the stage timings say why: a `fallback` lap that ends
/// with the reason.
#[test]
fn the_timings_say_why_the_express_path_was_not_taken() {
    let built = Built::new(express_site());
    let because = |run: &Run, why: &str| {
        assert_eq!(route(run), Route::Normal, "{}", run.stderr);
        assert!(
            run.stderr
                .lines()
                .any(|line| line.trim_start().starts_with("fallback:") && line.ends_with(why)),
            "no reason {why:?} in:\n{}",
            run.stderr
        );
    };
    toggle_widget_3(&built);
    because(&built.build(), "a collection's data changed");

    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    because(&built.build_as(true), "--strict with warnings");

    built.edit("content/pages/guide.md", |text| {
        format!("{text}\nOne more.\n")
    });
    because(
        &built.build(),
        "a file other than data, or a folder, changed",
    );
}

/// With `search: true` the index is made from every page: a value edit that changes no
/// page keeps the express path (and the index), one that changes a page goes the normal
/// way, which makes the index again, and says why in the timings.
#[test]
fn with_search_on_a_changed_page_takes_the_normal_path_and_indexes_again() {
    let site = express_site();
    let config = site.path().join("content/site.yaml");
    write(&config, &format!("{}search: true\n", read(&config)));
    let built = Built::new(site);
    let index = built.out.join("pagefind");
    let before = snapshot(&index);
    assert!(!before.is_empty(), "the first builds wrote an index");

    built.set("code: ", 0, "8");
    let run = built.build();
    assert_eq!(route(&run), Route::Express, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), Some(0), "{}", run.stdout);
    assert!(snapshot(&index) == before, "the index is kept");

    built.set("phone: ", 0, "\"+31 20 555 0199\"");
    let run = built.build();
    assert_eq!(route(&run), Route::Normal, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a page changed and the search index is made from every page"),
        "{}",
        run.stderr
    );
    built.assert_like_clean(&run, "phone edited with search on");
    assert!(snapshot(&index) != before, "the index is made again");
}

/// A value edit whose pages render to the bytes they had leaves the output as it is, so
/// the output must still be as its manifest says: a file edited by hand in it since the
/// last build is rewritten, as after an unchanged build.
#[test]
fn a_value_edit_that_renders_the_same_bytes_still_checks_the_output() {
    let site = express_site();
    // The support page shows only whether there are opening hours, not which.
    write(
        &site.path().join("themes/plain/templates/support.html"),
        &SUPPORT_TEMPLATE.replace(
            "{{ data.products.support.hours }}",
            "{% if data.products.support.hours %}open{% endif %}",
        ),
    );
    let built = Built::new(site);

    // Nothing edited by hand: the express path renders the support pages, finds their
    // bytes unchanged and writes nothing.
    built.set("hours: ", 0, "\"08:30-17:00\"");
    let run = built.build();
    assert_eq!(route(&run), Route::Express, "{}", run.stderr);
    assert_eq!(rendered(&run.stdout), Some(2), "{}", run.stdout);
    built.assert_like_clean(&run, "hours edited, same bytes");

    // A page edited by hand in the output is not carried over.
    let page = built.out.join("en/index.html");
    write(&page, &format!("{}<!-- edited by hand -->", read(&page)));
    built.set("hours: ", 0, "\"08:00-17:00\"");
    let run = built.build();
    built.assert_like_clean(&run, "hours edited, same bytes, output edited by hand");
    assert!(!read(&page).contains("edited by hand"), "{}", run.stderr);
}

/// An unchanged build that had to list output folders (stamped within two seconds of the
/// manifest's writing) notes its check in the cache, so that the next one proves them by
/// their stamps; a file added or edited by hand after that is still found and undone.
#[test]
fn a_noted_check_of_the_output_still_finds_files_added_by_hand() {
    let built = Built::new(express_site());
    // The folders are older than two seconds when the next build checks them.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let run = built.build();
    assert_eq!(route(&run), Route::Express, "{}", run.stderr);
    built.assert_like_clean(&run, "unchanged, folders listed");
    assert_eq!(
        built.cache_files("verified").len(),
        1,
        "the check is noted in the cache"
    );
    let run = built.build();
    assert_eq!(route(&run), Route::Express, "{}", run.stderr);
    built.assert_like_clean(&run, "unchanged, folders proven by their stamps");

    let stray = built.out.join("en/stray.html");
    write(&stray, "<script>alert(1)</script>");
    let page = built.out.join("en/index.html");
    write(&page, &format!("{}<!-- edited by hand -->", read(&page)));
    let run = built.build();
    built.assert_like_clean(&run, "a file added and one edited by hand");
    assert!(!stray.exists(), "{}", run.stderr);
    assert!(!read(&page).contains("edited by hand"), "{}", run.stderr);
}
