//! Stage 2, load the translation-QA resources of each locale folder: the glossary
//! (`locales/<tag>/glossary.yaml`) and the language rules (`locales/<tag>/rules.yaml`:
//! extra negation markers and number words, and the locale's own patterns). Every pattern
//! is compiled here, so a bad one is a located error before any check runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::pattern::Regex;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::discover::{GLOSSARY_FILE, LOCALES_DIR, RULES_FILE};
use crate::load::yaml::{self, Node, NodeValue};
/// A termbase in TBX (ISO 30042), read beside or instead of `glossary.yaml`.
pub(crate) const TERMBASE_FILE: &str = "glossary.tbx";

/// One glossary entry: where the source text says `source`, the translation must say one
/// of `targets` and none of `forbidden`.
#[derive(Debug, Clone)]
pub(crate) struct GlossaryEntry {
    /// The source term as written first, for messages.
    pub(crate) term: String,
    pub(crate) source: Regex,
    /// The accepted renderings as written, for messages.
    pub(crate) targets: Vec<String>,
    pub(crate) target_patterns: Vec<Regex>,
    pub(crate) forbidden: Vec<(String, Regex)>,
    pub(crate) note: Option<String>,
    /// Whether a source term without one of `targets` in its translation is reported. A
    /// built-in quantifier ("all", 모든) is often left unsaid in a good translation: only
    /// its opposites in `forbidden` are.
    pub(crate) required: bool,
}

/// A locale's own pattern rule: text of the translation that must never match `pattern`.
#[derive(Debug, Clone)]
pub(crate) struct PatternRule {
    pub(crate) id: String,
    pub(crate) pattern: Regex,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

/// What the folder of one locale adds to the built-in language knowledge.
#[derive(Debug, Clone, Default)]
pub(crate) struct LocaleQa {
    pub(crate) glossary: Vec<GlossaryEntry>,
    pub(crate) patterns: Vec<PatternRule>,
    /// Extra negation markers, as regular expressions (plain words are escaped).
    pub(crate) negation: Vec<Regex>,
    /// Extra number words: pattern and the magnitude it names (100, 1000, ...).
    pub(crate) number_words: Vec<(Regex, u64)>,
}

/// The QA resources of every locale, by tag (locales without any are absent).
#[derive(Debug, Clone, Default)]
pub struct QaResources {
    pub(crate) locales: BTreeMap<String, LocaleQa>,
}

impl QaResources {
    pub(crate) fn get(&self, tag: &str) -> Option<&LocaleQa> {
        self.locales.get(tag)
    }
}

/// Reads the glossary, termbase and rules of every locale in `tags` (the source locale
/// first); every problem is reported.
pub(crate) fn load(root: &Path, tags: &[String]) -> (QaResources, Vec<Diagnostic>) {
    let source_tag = tags.first().map(String::as_str).unwrap_or("");
    let mut resources = QaResources::default();
    let mut problems = Vec::new();
    for tag in tags {
        let mut locale = LocaleQa::default();
        let mut any = false;
        let folder = PathBuf::from(LOCALES_DIR).join(tag);
        let glossary = folder.join(GLOSSARY_FILE);
        if root.join(&glossary).is_file() {
            any = true;
            match read_tree(root, &glossary) {
                Ok(tree) => locale.glossary = glossary_entries(&tree, &glossary, &mut problems),
                Err(problem) => problems.push(problem),
            }
        }
        let termbase = folder.join(TERMBASE_FILE);
        if root.join(&termbase).is_file() {
            any = true;
            match crate::load::discover::read_source(root, &termbase) {
                Ok(text) => locale.glossary.extend(termbase_entries(
                    &text,
                    &termbase,
                    source_tag,
                    tag,
                    &mut problems,
                )),
                Err(problem) => problems.push(problem),
            }
        }
        let rules = folder.join(RULES_FILE);
        if root.join(&rules).is_file() {
            any = true;
            match read_tree(root, &rules) {
                Ok(tree) => read_rules(&tree, &rules, &mut locale, &mut problems),
                Err(problem) => problems.push(problem),
            }
        }
        if any {
            resources.locales.insert(tag.clone(), locale);
        }
    }
    (resources, problems)
}

fn read_tree(root: &Path, file: &Path) -> Result<Node, Diagnostic> {
    let text = crate::load::discover::read_source(root, file)?;
    yaml::parse_tree(&text, file, 0)
}

fn error(file: &Path, node: &Node, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::error(Code::LocaleError, file, message)
        .at(node.line, node.column)
        .help(help)
}

/// A scalar or a list of scalars, as strings.
fn strings(node: &Node) -> Option<Vec<String>> {
    match &node.value {
        NodeValue::String(text) => Some(vec![text.clone()]),
        NodeValue::Integer(number) => Some(vec![number.to_string()]),
        NodeValue::List(items) => items
            .iter()
            .map(|item| match &item.value {
                NodeValue::String(text) => Some(text.clone()),
                NodeValue::Integer(number) => Some(number.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// A glossary wording as a case-insensitive pattern: `*` stands for any words in between
/// ("지원이 * 종료"), runs of spaces match any white space. A required rendering may end a
/// compound ("postvak" in "gebruikerspostvak"); a forbidden one that starts with a letter
/// must start a word (`word_start`).
pub(crate) fn wording_pattern(wording: &str, word_start: bool) -> Option<Regex> {
    let parts: Vec<String> = wording
        .split('*')
        .map(|part| {
            part.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    // A wording that starts with a letter starts a word: "hybrid" is not inside "ahybrid".
    let before = if word_start
        && wording
            .trim_start()
            .starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        r"\b"
    } else {
        ""
    };
    // Case-insensitive only where a letter has case: `(?i)` costs most of the compile (a
    // prefilter of every case variant), and Hangul has no case.
    let flags = if has_case(wording) { "(?i)" } else { "" };
    Regex::new(&format!("{flags}{before}{}", parts.join(r"[^.!?。]*?"))).ok()
}

/// Whether a character of `text` has another case (so `(?i)` changes what it matches).
fn has_case(text: &str) -> bool {
    text.chars()
        .any(|c| c.to_lowercase().ne(std::iter::once(c)) || c.to_uppercase().ne(std::iter::once(c)))
}

/// A source term as a pattern: whole words at the start, English-style endings allowed
/// ("mailbox" finds "mailboxes").
pub(crate) fn term_pattern(term: &str) -> Option<Regex> {
    Regex::new(&format!("(?i){}", term_pattern_text(term)?)).ok()
}

/// [`term_pattern`] as the text of a pattern, without the `(?i)` it is compiled with.
pub(crate) fn term_pattern_text(term: &str) -> Option<String> {
    let core = term
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    if core.is_empty() {
        return None;
    }
    let starts_word = term.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = term.chars().last().is_some_and(char::is_alphanumeric);
    let before = if starts_word { r"\b" } else { "" };
    let after = if ends_word { r"(?:s|es)?\b" } else { "" };
    Some(format!("{before}{core}{after}"))
}

fn glossary_entries(
    tree: &Node,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<GlossaryEntry> {
    const HELP: &str = "write a list of entries such as `- source: cutover migration` with \
                        `target: [...]` and optionally `forbidden: [...]` and `note: ...`";
    let items = match &tree.value {
        NodeValue::List(items) => items.as_slice(),
        NodeValue::Map(entries) => match entries.iter().find(|(key, _)| key == "terms") {
            Some((
                _,
                Node {
                    value: NodeValue::List(items),
                    ..
                },
            )) => items.as_slice(),
            _ => {
                problems.push(error(file, tree, "a glossary is a list of terms", HELP));
                return Vec::new();
            }
        },
        _ => {
            problems.push(error(file, tree, "a glossary is a list of terms", HELP));
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    for item in items {
        let NodeValue::Map(fields) = &item.value else {
            problems.push(error(file, item, "a glossary entry is a mapping", HELP));
            continue;
        };
        let mut sources = Vec::new();
        let mut targets = Vec::new();
        let mut forbidden = Vec::new();
        let mut note = None;
        let mut broken = false;
        for (key, value) in fields {
            let Some(list) = strings(value) else {
                problems.push(error(
                    file,
                    value,
                    format!("`{key}` must be a text or a list of texts"),
                    HELP,
                ));
                broken = true;
                continue;
            };
            match key.as_str() {
                "source" => sources = list,
                "target" => targets = list,
                "forbidden" => forbidden = list,
                "note" => note = Some(list.join(" ")),
                other => {
                    problems.push(error(
                        file,
                        value,
                        format!("unknown glossary field `{other}`"),
                        "a glossary entry has `source`, `target`, `forbidden` and `note`",
                    ));
                    broken = true;
                }
            }
        }
        if broken {
            continue;
        }
        if sources.is_empty() || (targets.is_empty() && forbidden.is_empty()) {
            problems.push(error(
                file,
                item,
                "a glossary entry needs a `source` and a `target` or `forbidden` list",
                HELP,
            ));
            continue;
        }
        let joined = sources
            .iter()
            .map(|s| {
                term_pattern(s)
                    .map(|r| r.as_str().trim_start_matches("(?i)").to_string())
                    .unwrap_or_default()
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("|");
        let Ok(source) = Regex::new(&format!("(?i){joined}")) else {
            problems.push(error(
                file,
                item,
                "this source term cannot be matched",
                HELP,
            ));
            continue;
        };
        let target_patterns: Vec<Regex> = targets
            .iter()
            .filter_map(|t| wording_pattern(t, false))
            .collect();
        let forbidden = forbidden
            .iter()
            .filter_map(|f| wording_pattern(f, true).map(|p| (f.clone(), p)))
            .collect();
        entries.push(GlossaryEntry {
            term: sources[0].clone(),
            source,
            targets,
            target_patterns,
            forbidden,
            note,
            required: true,
        });
    }
    entries
}

fn read_rules(tree: &Node, file: &Path, locale: &mut LocaleQa, problems: &mut Vec<Diagnostic>) {
    const HELP: &str = "rules.yaml has `negation: [...]`, `number-words: {word: magnitude}` \
                        and `patterns: [{id, pattern, message, help}]`";
    let NodeValue::Map(sections) = &tree.value else {
        problems.push(error(
            file,
            tree,
            "rules.yaml is a mapping of sections",
            HELP,
        ));
        return;
    };
    for (key, value) in sections {
        match key.as_str() {
            "negation" => match strings(value) {
                Some(words) => {
                    for word in words {
                        match word_pattern(&word) {
                            Some(pattern) => locale.negation.push(pattern),
                            None => problems.push(error(
                                file,
                                value,
                                format!("the negation marker `{word}` is empty"),
                                HELP,
                            )),
                        }
                    }
                }
                None => problems.push(error(file, value, "`negation` is a list of words", HELP)),
            },
            "number-words" => {
                let NodeValue::Map(words) = &value.value else {
                    problems.push(error(
                        file,
                        value,
                        "`number-words` maps a word to the magnitude it names",
                        "for example `honderdduizenden: 100000`",
                    ));
                    continue;
                };
                for (word, magnitude) in words {
                    match (&magnitude.value, word_pattern(word)) {
                        (NodeValue::Integer(n), Some(pattern)) if *n > 0 => {
                            locale.number_words.push((pattern, *n as u64))
                        }
                        _ => problems.push(error(
                            file,
                            magnitude,
                            format!(
                                "`{word}` needs a positive whole number, the magnitude it names"
                            ),
                            "for example `honderdduizenden: 100000`",
                        )),
                    }
                }
            }
            "patterns" => {
                let NodeValue::List(items) = &value.value else {
                    problems.push(error(file, value, "`patterns` is a list of rules", HELP));
                    continue;
                };
                for item in items {
                    if let Some(rule) = pattern_rule(item, file, problems) {
                        locale.patterns.push(rule);
                    }
                }
            }
            other => problems.push(error(
                file,
                value,
                format!("unknown section `{other}` in rules.yaml"),
                HELP,
            )),
        }
    }
}

/// One term of a TBX entry: its text and whether its status forbids it.
struct TbxTerm {
    text: String,
    forbidden: bool,
}

fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// The entries of a TBX termbase (TBX-Basic `termEntry`/`langSet`/`tig`, or TBX v3
/// `conceptEntry`/`langSec`/`termSec`) that name a term in both `source_tag` and
/// `target_tag`: the source language's terms become the entry's source forms, the target
/// language's preferred and admitted terms its renderings, and its deprecated, superseded
/// or rejected terms (`administrativeStatus`) its forbidden ones.
fn termbase_entries(
    text: &str,
    file: &Path,
    source_tag: &str,
    target_tag: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<GlossaryEntry> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let (source_language, target_language) =
        (primary_subtag(source_tag), primary_subtag(target_tag));
    let mut entries = Vec::new();
    let mut languages: Vec<(String, Vec<TbxTerm>)> = Vec::new();
    let mut language = String::new();
    let mut reading: Option<&'static str> = None;
    let mut captured = String::new();
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let offset = (reader.error_position() as usize).min(text.len());
                let (line, column) = crate::diagnostics::line_column(text, offset);
                problems.push(
                    Diagnostic::error(
                        Code::LocaleError,
                        file,
                        format!("this termbase is not well-formed XML: {error}"),
                    )
                    .at(line, column)
                    .help("a termbase is TBX: termEntry > langSet xml:lang > tig > term"),
                );
                return Vec::new();
            }
        };
        match event {
            Event::Start(start) => {
                let name = start.local_name();
                let name: &str = name.as_ref();
                match name {
                    "termEntry" | "conceptEntry" => languages.clear(),
                    "langSet" | "langSec" => {
                        language = start
                            .attributes()
                            .flatten()
                            .find(|attribute| {
                                let key: &str = attribute.key.as_ref();
                                key == "xml:lang" || key == "lang"
                            })
                            .and_then(|attribute| {
                                attribute
                                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .ok()
                            })
                            .map(|value| primary_subtag(&value))
                            .unwrap_or_default();
                    }
                    "tig" | "ntig" | "termSec" => {
                        if let Some((_, terms)) = languages.iter_mut().find(|(l, _)| *l == language)
                        {
                            terms.push(TbxTerm {
                                text: String::new(),
                                forbidden: false,
                            });
                        } else {
                            languages.push((
                                language.clone(),
                                vec![TbxTerm {
                                    text: String::new(),
                                    forbidden: false,
                                }],
                            ));
                        }
                    }
                    "term" => {
                        reading = Some("term");
                        captured.clear();
                    }
                    "termNote" => {
                        let status = start.attributes().flatten().any(|attribute| {
                            let key: &str = attribute.key.as_ref();
                            key == "type"
                                && attribute
                                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .is_ok_and(|value| {
                                        value == "administrativeStatus"
                                            || value == "normativeAuthorization"
                                    })
                        });
                        if status {
                            reading = Some("status");
                            captured.clear();
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(part) if reading.is_some() => captured.push_str(&part.xml10_content()),
            Event::CData(part) if reading.is_some() => captured.push_str(&part.xml10_content()),
            Event::GeneralRef(reference) if reading.is_some() => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    captured.push(c);
                } else {
                    let name: &str = &reference;
                    let predefined = match name {
                        "amp" => Some("&"),
                        "lt" => Some("<"),
                        "gt" => Some(">"),
                        "quot" => Some("\""),
                        "apos" => Some("'"),
                        _ => None,
                    };
                    match predefined {
                        Some(text) => captured.push_str(text),
                        // A DTD's entities are never read (no external files, no entity
                        // expansion): a term written with one would lose its text without
                        // a word, so it is an error where it stands.
                        None => {
                            let end = (reader.buffer_position() as usize).min(text.len());
                            let start = text[..end].rfind('&').unwrap_or(end);
                            let (line, column) = crate::diagnostics::line_column(text, start);
                            problems.push(
                                Diagnostic::error(
                                    Code::LocaleError,
                                    file,
                                    format!(
                                        "the entity `&{};` is not expanded: Stele reads no DTD",
                                        name.chars().take(60).collect::<String>()
                                    ),
                                )
                                .at(line, column)
                                .help(
                                    "write the text itself, or a character reference such as `&#233;`; `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` are known",
                                ),
                            );
                        }
                    }
                }
            }
            Event::End(end) => {
                let name = end.local_name();
                let name: &str = name.as_ref();
                match (name, reading) {
                    ("term", Some("term")) | ("termNote", Some("status")) => {
                        let value = captured.trim().to_string();
                        if let Some(term) = languages
                            .iter_mut()
                            .find(|(l, _)| *l == language)
                            .and_then(|(_, terms)| terms.last_mut())
                        {
                            if reading == Some("term") {
                                term.text = value;
                            } else {
                                let status = value.to_ascii_lowercase();
                                term.forbidden =
                                    ["deprecated", "superseded", "rejected", "notrecommended"]
                                        .iter()
                                        .any(|word| status.contains(word));
                            }
                        }
                        reading = None;
                    }
                    ("termEntry" | "conceptEntry", _) => {
                        let terms = |wanted: &str| {
                            languages
                                .iter()
                                .filter(|(l, _)| l == wanted)
                                .flat_map(|(_, terms)| terms.iter())
                                .filter(|term| !term.text.is_empty())
                                .collect::<Vec<_>>()
                        };
                        let sources: Vec<String> = terms(&source_language)
                            .iter()
                            .filter(|term| !term.forbidden)
                            .map(|term| term.text.clone())
                            .collect();
                        let targets = terms(&target_language);
                        if let Some(entry) = tbx_entry(&sources, &targets) {
                            entries.push(entry);
                        }
                        languages.clear();
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    entries
}

fn tbx_entry(sources: &[String], targets: &[&TbxTerm]) -> Option<GlossaryEntry> {
    if sources.is_empty() || targets.is_empty() {
        return None;
    }
    let joined = sources
        .iter()
        .filter_map(|s| term_pattern(s))
        .map(|r| r.as_str().trim_start_matches("(?i)").to_string())
        .collect::<Vec<_>>()
        .join("|");
    let source = Regex::new(&format!("(?i){joined}")).ok()?;
    let allowed: Vec<String> = targets
        .iter()
        .filter(|t| !t.forbidden)
        .map(|t| t.text.clone())
        .collect();
    let forbidden = targets
        .iter()
        .filter(|t| t.forbidden)
        .filter_map(|t| wording_pattern(&t.text, true).map(|p| (t.text.clone(), p)))
        .collect();
    Some(GlossaryEntry {
        term: sources[0].clone(),
        source,
        target_patterns: allowed
            .iter()
            .filter_map(|t| wording_pattern(t, false))
            .collect(),
        targets: allowed,
        forbidden,
        note: None,
        required: true,
    })
}

/// A user's marker or number word: a whole word, case-insensitive.
fn word_pattern(word: &str) -> Option<Regex> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let escaped = word
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let before = if word.chars().next().is_some_and(char::is_alphanumeric) {
        r"\b"
    } else {
        ""
    };
    let after = if word
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        r"\b"
    } else {
        ""
    };
    Regex::new(&format!("(?i){before}{escaped}{after}")).ok()
}

fn pattern_rule(item: &Node, file: &Path, problems: &mut Vec<Diagnostic>) -> Option<PatternRule> {
    const HELP: &str =
        "a rule has `id`, `pattern` (a regular expression), `message` and optionally `help`";
    let NodeValue::Map(fields) = &item.value else {
        problems.push(error(file, item, "a pattern rule is a mapping", HELP));
        return None;
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .and_then(|(_, node)| match &node.value {
                NodeValue::String(text) => Some((text.clone(), node)),
                _ => None,
            })
    };
    for (key, value) in fields {
        if !["id", "pattern", "message", "help"].contains(&key.as_str()) {
            problems.push(error(
                file,
                value,
                format!("unknown rule field `{key}`"),
                HELP,
            ));
            return None;
        }
    }
    let (Some((id, _)), Some((pattern, pattern_node)), Some((message, _))) =
        (field("id"), field("pattern"), field("message"))
    else {
        problems.push(error(
            file,
            item,
            "this rule lacks `id`, `pattern` or `message`",
            HELP,
        ));
        return None;
    };
    match Regex::new(&pattern) {
        Ok(compiled) => Some(PatternRule {
            id,
            pattern: compiled,
            message,
            help: field("help").map(|(help, _)| help),
        }),
        Err(problem) => {
            let first_line = problem.to_string();
            let reason = first_line.lines().last().unwrap_or("").trim().to_string();
            problems.push(error(
                file,
                pattern_node,
                format!("rule `{id}` has a pattern that is not a regular expression: {reason}"),
                "write the pattern in Rust regex syntax (https://docs.rs/regex); quote it with single quotes in YAML",
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn reads_glossary_and_rules() {
        let dir = site(&[
            (
                "locales/nl/glossary.yaml",
                "- source: [staged migration, staged]\n  target: gefaseerd\n  forbidden: [gestaged]\n",
            ),
            (
                "locales/nl/rules.yaml",
                "negation: [nimmer]\nnumber-words:\n  tonnen: 100000\npatterns:\n  - id: no-x\n    pattern: 'x+'\n    message: no x\n",
            ),
        ]);
        let (resources, problems) = load(dir.path(), &["en".to_string(), "nl".to_string()]);
        assert!(problems.is_empty(), "{problems:?}");
        let nl = resources.get("nl").unwrap();
        assert_eq!(nl.glossary.len(), 1);
        assert!(nl.glossary[0].source.is_match("Staged migrations"));
        assert!(nl.glossary[0].target_patterns[0].is_match("Gefaseerde migratie"));
        assert_eq!(nl.negation.len(), 1);
        assert_eq!(nl.number_words[0].1, 100_000);
        assert_eq!(nl.patterns[0].id, "no-x");
    }

    #[test]
    fn a_bad_pattern_is_located() {
        let dir = site(&[(
            "locales/ko/rules.yaml",
            "patterns:\n  - id: broken\n    pattern: '(년'\n    message: m\n",
        )]);
        let (_, problems) = load(dir.path(), &["ko".to_string()]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (3, 14));
        assert!(problems[0].message.contains("broken"));
    }

    #[test]
    fn reads_a_tbx_termbase() {
        let tbx = r#"<?xml version="1.0"?>
<martif type="TBX-Basic"><text><body>
  <termEntry id="c1">
    <langSet xml:lang="en"><tig><term>staged migration</term></tig></langSet>
    <langSet xml:lang="nl-NL">
      <tig><term>gefaseerde migratie</term>
        <termNote type="administrativeStatus">preferredTerm-admn</termNote></tig>
      <tig><term>getrapte migratie</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="c2">
    <langSet xml:lang="en"><tig><term>free/busy</term></tig></langSet>
    <langSet xml:lang="de"><tig><term>frei/gebucht</term></tig></langSet>
  </termEntry>
</body></text></martif>"#;
        let dir = site(&[("locales/nl/glossary.tbx", tbx)]);
        let (resources, problems) = load(dir.path(), &["en".to_string(), "nl".to_string()]);
        assert!(problems.is_empty(), "{problems:?}");
        let glossary = &resources.get("nl").unwrap().glossary;
        assert_eq!(glossary.len(), 1, "only the entry with a Dutch term");
        assert_eq!(glossary[0].targets, ["gefaseerde migratie"]);
        assert_eq!(glossary[0].forbidden[0].0, "getrapte migratie");
        assert!(glossary[0].source.is_match("Staged migrations"));

        let broken = site(&[("locales/nl/glossary.tbx", "<martif>\n<termEntry></martif>")]);
        let (_, problems) = load(broken.path(), &["en".to_string(), "nl".to_string()]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 2, "{problems:?}");
    }

    #[test]
    fn an_entity_a_termbase_declares_is_an_error_where_it_stands() {
        let tbx = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY e \"x\">]>\n<martif><text><body><termEntry>\n<langSet xml:lang=\"en\"><tig><term>Q&amp;A &#233;</term></tig></langSet>\n<langSet xml:lang=\"nl\"><tig><term>&e;</term></tig></langSet>\n</termEntry></body></text></martif>";
        let dir = site(&[("locales/nl/glossary.tbx", tbx)]);
        let (_, problems) = load(dir.path(), &["en".to_string(), "nl".to_string()]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (5, 35));
        assert!(problems[0].message.contains("`&e;`"), "{problems:?}");
    }

    #[test]
    fn wildcards_stay_within_a_sentence() {
        let pattern = wording_pattern("지원이 * 종료", false).unwrap();
        assert!(pattern.is_match("지원이 { $date }에 종료되었습니다"));
        assert!(!pattern.is_match("지원이 있습니다. 종료"));
    }

    #[test]
    fn wordings_ignore_case_where_their_letters_have_one() {
        let dutch = wording_pattern("ÉÉn keer", true).unwrap();
        assert!(dutch.as_str().starts_with("(?i)"));
        assert!(dutch.is_match("Zie één keer"));
        // Hangul has no case: compiled without `(?i)`, and matching all the same.
        let korean = wording_pattern("반드시  필요", false).unwrap();
        assert!(!korean.as_str().contains("(?i)"));
        assert!(korean.is_match("이 단계는 반드시\n필요합니다"));
        // A title-case letter has another case too.
        assert!(has_case("ǅ"));
        assert!(!has_case("이전 1.0 – 2.0"));
    }
}
