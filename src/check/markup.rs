//! Inline Markdown of one translation unit — links, code spans, emphasis, brackets — and
//! how a translation's differs from its source's. Messages and page blocks are compared
//! the same way.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::util::markdown::inline_options;

/// A link or image: where it leads and the text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) target: String,
    pub(crate) text: String,
}

/// The inline markup of one unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Markup {
    pub(crate) links: Vec<Link>,
    pub(crate) code: Vec<String>,
    pub(crate) emphasis: usize,
    pub(crate) strong: usize,
    /// `[` minus `]` and `(` minus `)` in the text outside code: a link whose brackets do
    /// not close shows as raw text.
    pub(crate) brackets: (i64, i64),
}

/// The markup of a line of inline Markdown (a message's text, placeables written as
/// `{$name}`).
pub(crate) fn inline(text: &str) -> Markup {
    let mut markup = Markup::default();
    let mut open_links: Vec<usize> = Vec::new();
    let mut plain = String::new();
    for event in Parser::new_ext(text, inline_options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                markup.links.push(Link {
                    target: dest_url.to_string(),
                    text: String::new(),
                });
                open_links.push(markup.links.len() - 1);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                markup.links.push(Link {
                    target: format!("image {dest_url}"),
                    text: String::new(),
                });
                open_links.push(markup.links.len() - 1);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open_links.pop();
            }
            Event::Start(Tag::Emphasis) => markup.emphasis += 1,
            Event::Start(Tag::Strong) => markup.strong += 1,
            Event::Code(code) => {
                markup.code.push(code.to_string());
                if let Some(&index) = open_links.last() {
                    markup.links[index].text.push_str(&code);
                }
            }
            Event::Text(text) => {
                plain.push_str(&text);
                if let Some(&index) = open_links.last() {
                    markup.links[index].text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    for link in &mut markup.links {
        link.text = link.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    markup.brackets = balance(&plain);
    markup
}

/// `[` minus `]`, `(` minus `)`.
pub(crate) fn balance(text: &str) -> (i64, i64) {
    // Brackets are ASCII, and no byte of a longer UTF-8 character is: counted as bytes,
    // by SIMD searches (every block of every page is counted, and most have no bracket).
    let bytes = text.as_bytes();
    if memchr::memchr3(b'[', b']', b'(', bytes).is_none() && memchr::memchr(b')', bytes).is_none() {
        return (0, 0);
    }
    let count = |wanted: u8| memchr::memchr_iter(wanted, bytes).count() as i64;
    (count(b'[') - count(b']'), count(b'(') - count(b')'))
}

/// What differs between a source's markup and its translation's, one phrase each
/// ("has 1 link where the source has 2"). Link targets are compared in order when
/// `targets`; a caller that reports them itself passes false.
pub(crate) fn differences(wanted: &Markup, found: &Markup, targets: bool) -> Vec<String> {
    let mut what = Vec::new();
    if wanted.links.len() != found.links.len() {
        what.push(format!(
            "has {} where the source has {}",
            links(found.links.len()),
            links(wanted.links.len())
        ));
    } else if targets {
        for (index, (w, f)) in wanted.links.iter().zip(&found.links).enumerate() {
            if w.target != f.target {
                what.push(format!(
                    "link {} leads to `{}` where the source's leads to `{}`",
                    index + 1,
                    f.target,
                    w.target
                ));
                break;
            }
        }
    }
    if wanted.links.len() == found.links.len() {
        // A fact in a link's text says what the link opens: "2013" must not end up on the
        // link to the 2016 page, nor a version's placeable leave its link.
        for (index, (w, f)) in wanted.links.iter().zip(&found.links).enumerate() {
            let (said, shown) = (facts_in(&w.text), facts_in(&f.text));
            if said != shown {
                what.push(format!(
                    "shows {} in the text of link {} where the source shows {}",
                    quoted(&shown),
                    index + 1,
                    quoted(&said)
                ));
                break;
            }
        }
    }
    for (index, link) in found.links.iter().enumerate() {
        let shown_in_source = wanted.links.get(index).is_some_and(|w| !w.text.is_empty());
        if link.text.is_empty() && shown_in_source && !link.target.starts_with("image ") {
            what.push(format!("link {} has no text", index + 1));
        }
    }
    let mut wanted_code = wanted.code.clone();
    let mut found_code = found.code.clone();
    wanted_code.sort_unstable();
    found_code.sort_unstable();
    if wanted_code != found_code {
        what.push(format!(
            "has the code spans {} where the source has {}",
            quoted(&found_code),
            quoted(&wanted_code)
        ));
    }
    if wanted.emphasis != found.emphasis || wanted.strong != found.strong {
        what.push(format!(
            "has {} emphasized and {} strong spans where the source has {} and {}",
            found.emphasis, found.strong, wanted.emphasis, wanted.strong
        ));
    }
    if found.brackets != wanted.brackets {
        what.push("has brackets or parentheses that do not close as in the source".to_string());
    }
    what
}

/// The facts a link's text shows, sorted: the variables of its placeables (`$version` of
/// `{ $version }` or `{ NUMBER($version) }`), the paths of a page's `{{ fact("path") }}`,
/// and the numbers typed outside them. Terms and options are wording, not facts.
fn facts_in(text: &str) -> Vec<String> {
    let mut facts = Vec::new();
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '$' if depth > 0 => {
                let name: String = text[at + 1..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
                    .collect();
                facts.push(format!("${name}"));
            }
            'f' if depth > 0 && text[at..].starts_with("fact(") => {
                // A page's `{{ fact("path") }}`: the path names the fact.
                let path: String = text[at + 5..]
                    .chars()
                    .take_while(|c| *c != ')')
                    .filter(|c| !matches!(c, '"' | '\'' | ' '))
                    .collect();
                facts.push(path);
            }
            digit if depth == 0 && digit.is_ascii_digit() => {
                let mut number = String::from(digit);
                while let Some((_, next)) = chars.next_if(|(_, c)| c.is_ascii_digit()) {
                    number.push(next);
                }
                facts.push(number);
            }
            _ => {}
        }
    }
    facts.sort_unstable();
    facts
}

fn links(count: usize) -> String {
    match count {
        1 => "1 link".to_string(),
        n => format!("{n} links"),
    }
}

fn quoted(items: &[String]) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare(source: &str, translation: &str) -> Vec<String> {
        differences(&inline(source), &inline(translation), true)
    }

    #[test]
    fn brackets_are_counted_open_minus_closed() {
        assert_eq!(balance(""), (0, 0));
        assert_eq!(balance("[a](b) [c"), (1, 0));
        assert_eq!(balance("a) b] ((사서함 [é]"), (-1, 1));
        let long = "[x](y) ".repeat(100) + "]";
        assert_eq!(balance(&long), (-1, 0));
    }

    #[test]
    fn the_same_markup_in_other_words_passes() {
        assert!(
            compare(
                "See [the **matrix**]({$url}) and run `setup /m`.",
                "Zie [de **matrix**]({$url}) en voer `setup /m` uit."
            )
            .is_empty()
        );
        // Facts in link texts: the same variables and numbers, in any order and wording.
        assert!(
            compare(
                "See [{ NUMBER($a) } and { $b } in { -exchange } 2016]({$url}).",
                "Zie [{ $b } en { NUMBER($a, minimumFractionDigits: 1) } in 2016]({$url}).",
            )
            .is_empty()
        );
    }

    #[test]
    fn each_kind_of_markup_damage_is_named() {
        let source = "See [the matrix]({$url}) and *then* run `setup`.";
        let cases = [
            ("Zie de matrix en *dan* `setup`.", "has 0 links"),
            (
                "Zie [de matrix]({$other}) en *dan* `setup`.",
                "link 1 leads to `{$other}`",
            ),
            ("Zie []({$url}) en *dan* `setup`.", "link 1 has no text"),
            ("Zie [de matrix]({$url} en *dan* `setup`.", "has 0 links"),
            ("Zie [de matrix]({$url}) en dan `setup`.", "0 emphasized"),
            ("Zie [de matrix]({$url}) en *dan* setup.", "code spans none"),
            ("Zie [de matrix]({$url}) en *dan* (`setup`.", "do not close"),
        ];
        for (translation, expected) in cases {
            let found = compare(source, translation).join("; ");
            assert!(found.contains(expected), "{translation}: {found}");
        }
        // A fact in a link's text stays on that link.
        let source = "See [{ $version } requirements]({$url}) and [Exchange 2013]({$other}).";
        let cases = [
            (
                "Zie [vereisten]({$url}) voor { $version } en [Exchange 2013]({$other}).",
                "shows none in the text of link 1 where the source shows `$version`",
            ),
            (
                "Zie [{ $version }-vereisten]({$url}) en [Exchange 2016]({$other}).",
                "shows `2016` in the text of link 2 where the source shows `2013`",
            ),
        ];
        for (translation, expected) in cases {
            let found = compare(source, translation).join("; ");
            assert!(found.contains(expected), "{translation}: {found}");
        }
        let found = compare(
            "[{{ fact(\"a.name\") }}](a.md) and [{{ fact(\"b.name\") }}](b.md)",
            "[{{ fact(\"b.name\") }}](a.md) en [{{ fact(\"a.name\") }}](b.md)",
        )
        .join("; ");
        assert!(found.contains("`b.name` in the text of link 1"), "{found}");
    }
}
