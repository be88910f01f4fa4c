//! Later builds into the same output update it in place of the previous tree, writing only
//! what changed; on random sequences of edits the result must equal a clean build, byte for
//! byte, every time.

mod common;

use std::path::Path;

use common::*;

/// A small deterministic generator, so a failing sequence can be replayed from its seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

/// One random, valid edit of the mini site.
fn edit(site: &Path, random: &mut Lcg, step: usize) -> String {
    let data = site.join("content/data/products.yaml");
    let nl = site.join("locales/nl/main.ftl");
    match random.next(8) {
        0 => {
            let month = 1 + random.next(12);
            let text = read(&data);
            let start = text.find("end_of_support: \"").expect("a date") + 17;
            let replaced = format!("{}2030-{month:02}{}", &text[..start], &text[start + 7..]);
            write(&data, &replaced);
            format!("date → 2030-{month:02}")
        }
        1 => {
            let seats = 100 + random.next(5000);
            let text = read(&data);
            let start = text.find("max_seats: ").expect("seats") + 11;
            let end = start + text[start..].find('\n').expect("line end");
            write(&data, &format!("{}{seats}{}", &text[..start], &text[end..]));
            format!("seats → {seats}")
        }
        2 => {
            write(
                &site.join(format!("content/pages/extra-{step}.md")),
                &format!("---\ntitle: Extra {step}\n---\nBody of page {step}.\n"),
            );
            format!("add page extra-{step}")
        }
        3 => {
            let pages = site.join("content/pages");
            let mut extras: Vec<_> = std::fs::read_dir(&pages)
                .expect("pages")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains("extra-"))
                .collect();
            extras.sort();
            match extras.first() {
                Some(first) => {
                    std::fs::remove_file(first).expect("remove");
                    format!("remove {}", first.display())
                }
                None => "nothing to remove".to_string(),
            }
        }
        4 => {
            let words = ["Handboek", "Gids", "Naslag"];
            let word = words[random.next(words.len())];
            let text = read(&nl);
            let start = text.find("site-title = ").expect("title") + 13;
            let end = start + text[start..].find(" {").expect("term");
            write(&nl, &format!("{}{word}{}", &text[..start], &text[end..]));
            format!("nl title → {word}")
        }
        5 => {
            let text = read(&data);
            if text.contains("widget_3:") {
                let start = text.find("  widget_3:").expect("entry");
                let end = text.find("note:").expect("note");
                write(&data, &format!("{}{}", &text[..start], &text[end..]));
                "remove widget_3".to_string()
            } else {
                let end = text.find("note:").expect("note");
                let entry = "  widget_3:\n    name: Widget 3\n    launched: \"2021-02-03\"\n    end_of_support: \"2027-01\"\n    max_seats: 1\n    port: 8443\n    roles: [Mailbox]\n";
                write(&data, &format!("{}{entry}{}", &text[..end], &text[end..]));
                "add widget_3".to_string()
            }
        }
        6 => {
            let template = site.join("themes/plain/templates/release.html");
            let text = read(&template);
            let marker = "<hr class=\"edited\">";
            if text.contains(marker) {
                write(&template, &text.replace(marker, ""));
            } else {
                write(&template, &text.replace("<h1>", &format!("{marker}<h1>")));
            }
            "toggle a template line".to_string()
        }
        _ => {
            let page = site.join("content/pages/guide.md");
            let text = read(&page);
            if text.contains("slug: handbook") {
                write(&page, &text.replace("slug: handbook\n", ""));
            } else {
                write(
                    &page,
                    &text.replace("weight: 1\n", "weight: 1\nslug: handbook\n"),
                );
            }
            "toggle the guide's slug".to_string()
        }
    }
}

#[test]
fn incremental_builds_equal_clean_builds_on_random_edits() {
    for seed in [7_u64, 2024, 99991] {
        let site = mini_site();
        let out = site.path().join("public");
        let mut random = Lcg(seed);
        let mut history = Vec::new();
        for step in 0..12 {
            history.push(edit(site.path(), &mut random, step));
            let incremental = build(site.path(), &out);
            assert_eq!(
                incremental.code, 0,
                "seed {seed} {history:?}\n{}",
                incremental.stderr
            );
            let clean_dir = tempfile::tempdir().expect("temporary folder");
            let clean = clean_dir.path().join("public");
            let fresh = build(site.path(), &clean);
            assert_eq!(fresh.code, 0, "{}", fresh.stderr);
            assert!(
                snapshot(&out) == snapshot(&clean),
                "seed {seed}: incremental output differs from a clean build after {history:?}"
            );
        }
    }
}
