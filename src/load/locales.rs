//! Stage 2, load locales: every `locales/<tag>/` folder is a locale; its `.ftl` files are
//! parsed (keeping where each message is written) and joined into one thread-safe Fluent
//! bundle with Stele's CLDR-backed `DATETIME()` and `NUMBER()` and the Korean particle
//! function `JOSA()`. A message a locale lacks is looked up along its fallback chain
//! (`nl-BE` → `nl` → the source locale).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{Code, Diagnostic};
use crate::util::intl::{self, LocaleFormats};

pub(crate) type Bundle = FluentBundle<Arc<FluentResource>>;

/// The functions every bundle has; messages may call no others.
pub(crate) const FUNCTIONS: [&str; 4] = [
    "DATETIME",
    "NUMBER",
    "LIST",
    crate::util::particles::FUNCTION,
];

/// Where a message or term is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryPlace {
    pub(crate) file: PathBuf,
    pub(crate) line: u32,
    pub(crate) column: u32,
    /// Byte offset of the identifier in the file.
    pub(crate) offset: usize,
}

/// One parsed `.ftl` file.
#[derive(Debug)]
pub struct LocaleFile {
    pub(crate) path: PathBuf,
    pub(crate) resource: Arc<FluentResource>,
}

/// One language of the site.
pub struct Locale {
    /// The folder name, a BCP 47 tag such as `nl` or `pt-BR`.
    pub tag: String,
    pub(crate) files: Vec<LocaleFile>,
    /// Messages this locale defines itself, with where.
    pub(crate) messages: BTreeMap<String, EntryPlace>,
    /// The locales a message this one lacks is taken from, nearest first; the source
    /// locale ends every chain but its own, which is empty.
    pub(crate) chain: Vec<String>,
    /// This locale's resources, then those of its chain for anything it lacks, so a
    /// translated message still finds a term the translation has not defined yet.
    pub(crate) bundle: Bundle,
    pub(crate) formats: Arc<LocaleFormats>,
    /// The language's own name, from its `language-name` message, else the tag.
    pub(crate) name: String,
}

impl Locale {
    pub(crate) fn dir(&self) -> &'static str {
        if self.formats.right_to_left {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The file a message missing here should go in: the locale's file with the same name
    /// as the source file that defines it.
    pub(crate) fn expected_file(&self, source_place: &EntryPlace) -> PathBuf {
        let name = source_place
            .file
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("messages.ftl"));
        PathBuf::from(crate::load::discover::LOCALES_DIR)
            .join(&self.tag)
            .join(name)
    }
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("tag", &self.tag)
            .field("messages", &self.messages.len())
            .finish()
    }
}

/// All locales of a site, the source locale first, then the others by tag.
#[derive(Debug)]
pub struct Locales {
    pub list: Vec<Locale>,
    /// Whether some locale shows only part of the source's messages in its own language;
    /// settled on first need by [`Locales::some_partly_translated`].
    partly_translated: std::sync::OnceLock<bool>,
    /// Words of each source message's text, counted on first need.
    source_words: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

impl Locales {
    pub fn source(&self) -> &Locale {
        &self.list[0]
    }

    pub fn get(&self, tag: &str) -> Option<&Locale> {
        self.list.iter().find(|locale| locale.tag == tag)
    }

    /// Loads every locale folder, each falling back along its parents to the source.
    #[cfg(test)]
    pub(crate) fn load(
        root: &Path,
        folders: &BTreeMap<String, Vec<PathBuf>>,
        source_tag: &str,
    ) -> (Option<Locales>, Vec<Diagnostic>) {
        Locales::load_with_chains(root, folders, source_tag, &BTreeMap::new())
    }

    /// Loads every locale folder. The source locale must exist and parse its tag; other
    /// problems are reported and the locale is still loaded as far as it goes. `chains`
    /// names, per locale, the locales it falls back to before the source (`fallbacks:` in
    /// `content/site.yaml`); a locale not named there falls back along its parent tags.
    pub(crate) fn load_with_chains(
        root: &Path,
        folders: &BTreeMap<String, Vec<PathBuf>>,
        source_tag: &str,
        chains: &BTreeMap<String, Vec<String>>,
    ) -> (Option<Locales>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        if folders.is_empty() {
            problems.push(
                Diagnostic::error(
                    Code::LocaleError,
                    "locales",
                    "locales/ has no locale folders",
                )
                .help(format!(
                    "create locales/{source_tag}/ with the source messages (.ftl files)"
                )),
            );
            return (None, problems);
        }
        let Some(source_files) = folders.get(source_tag) else {
            problems.push(
                Diagnostic::error(
                    Code::LocaleError,
                    crate::load::discover::CONFIG_FILE,
                    format!("the source locale `{source_tag}` has no folder locales/{source_tag}/"),
                )
                .help(format!(
                    "create locales/{source_tag}/ or set `source_locale` to one of: {}",
                    folders.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            );
            return (None, problems);
        };

        let mut parsed: Vec<(String, LanguageIdentifier, Vec<LocaleFile>)> = Vec::new();
        let order = std::iter::once(source_tag).chain(
            folders
                .keys()
                .map(String::as_str)
                .filter(|t| *t != source_tag),
        );
        for tag in order {
            let files = if tag == source_tag {
                source_files
            } else {
                &folders[tag]
            };
            let langid = match parse_tag(tag) {
                Ok(langid) => langid,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            if files.is_empty() {
                problems.push(
                    Diagnostic::warning(
                        Code::LocaleError,
                        format!("locales/{tag}"),
                        format!("locale `{tag}` has no .ftl files; every message falls back"),
                    )
                    .locale(tag)
                    .help("add .ftl files with translated messages, or remove the folder"),
                );
            }
            let loaded = files
                .iter()
                .filter_map(|file| match load_file(root, file, tag) {
                    Ok((loaded, mut file_problems)) => {
                        problems.append(&mut file_problems);
                        Some(loaded)
                    }
                    Err(problem) => {
                        problems.push(problem);
                        None
                    }
                })
                .collect();
            parsed.push((tag.to_string(), langid, loaded));
        }
        let locales = assemble(root, parsed, source_tag, chains, &mut problems);
        (locales, problems)
    }

    /// The locales of files already parsed (by [`parse_ftl`]), per tag, each falling back
    /// along its parent tags to the source; for callers that hold the text, not the folder.
    pub(crate) fn from_parsed(
        files: Vec<(String, Vec<LocaleFile>)>,
        source_tag: &str,
    ) -> (Option<Locales>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut parsed = Vec::new();
        for (tag, files) in files {
            match parse_tag(&tag) {
                Ok(langid) => parsed.push((tag, langid, files)),
                Err(problem) => problems.push(problem),
            }
        }
        let locales = assemble(
            Path::new("."),
            parsed,
            source_tag,
            &BTreeMap::new(),
            &mut problems,
        );
        (locales, problems)
    }

    /// Formats message `id` (or `id.attribute`) in `locale`; a message the locale lacks
    /// comes from the nearest locale of its chain that has it, and `from` says which.
    pub(crate) fn format(
        &self,
        locale: &Locale,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> Result<Formatted, String> {
        let (message_id, attribute) = match id.split_once('.') {
            Some((message, attribute)) => (message, Some(attribute)),
            None => (id, None),
        };
        let voice = self.voice(locale, id);
        let bundle = &voice.bundle;
        if !bundle.has_message(message_id) {
            return Err(format!(
                "there is no message `{message_id}` in locales/{}/",
                self.source().tag
            ));
        }
        let message = bundle
            .get_message(message_id)
            .ok_or_else(|| format!("there is no message `{message_id}`"))?;
        let pattern = match attribute {
            Some(attribute) => message
                .get_attribute(attribute)
                .map(|a| a.value())
                .ok_or_else(|| format!("message `{message_id}` has no attribute `{attribute}`"))?,
            None => message
                .value()
                .ok_or_else(|| format!("message `{message_id}` has no value, only attributes"))?,
        };
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        if !errors.is_empty() {
            let details: Vec<String> = errors.iter().map(describe_fluent_error).collect();
            return Err(details.join("; "));
        }
        Ok(Formatted {
            text,
            fell_back: voice.tag != locale.tag,
            from: voice.tag.clone(),
        })
    }
}

impl Locales {
    /// The locale a message reads in: `locale` when it translates `id` (or `id.attribute`),
    /// else the nearest locale of its chain that does, else the source locale. Arguments
    /// must be formatted for that locale too, or a fallback sentence would carry foreign
    /// dates ("on 11. April 2017").
    pub(crate) fn voice<'a>(&'a self, locale: &'a Locale, id: &str) -> &'a Locale {
        if self.speaks(locale, id) {
            return locale;
        }
        locale
            .chain
            .iter()
            .filter_map(|tag| self.get(tag))
            .find(|parent| self.speaks(parent, id))
            .unwrap_or_else(|| self.source())
    }

    /// Whether message `id` (or `id.attribute`) reads in `locale`'s own language: the
    /// locale translates it, or a locale of its chain in the same language does (`nl-BE`
    /// showing `nl`).
    pub(crate) fn in_own_language(&self, locale: &Locale, id: &str) -> bool {
        same_language(&self.voice(locale, id).tag, &locale.tag)
    }

    /// Whether some locale other than the source shows some of the source's messages in
    /// its own language and others from a fallback. Only then does it take more than the
    /// locale to know whether a page reads translated in it: which messages the page shows.
    pub(crate) fn some_partly_translated(&self) -> bool {
        *self.partly_translated.get_or_init(|| {
            let source = self.source();
            self.list
                .iter()
                .filter(|locale| !same_language(&locale.tag, &source.tag))
                .any(|locale| {
                    let mut own = source
                        .messages
                        .keys()
                        .map(|id| self.in_own_language(locale, id));
                    let first = own.next();
                    own.any(|next| Some(next) != first)
                })
        })
    }

    /// Words of each source message's text, for whoever counts them first (counting
    /// needs [`crate::load::fluent`], which reads locales).
    pub(crate) fn source_words(
        &self,
    ) -> &std::sync::OnceLock<std::collections::HashMap<String, usize>> {
        &self.source_words
    }

    fn speaks(&self, locale: &Locale, id: &str) -> bool {
        let (message_id, attribute) = match id.split_once('.') {
            Some((message, attribute)) => (message, Some(attribute)),
            None => (id, None),
        };
        locale.messages.contains_key(message_id)
            && has_pattern(&locale.bundle, message_id, attribute)
    }
}

/// Joins the parsed files of every locale (the source locale's first) into locales with
/// bundles and fallback chains; `None` when the source locale cannot be built.
fn assemble(
    root: &Path,
    parsed: Vec<(String, LanguageIdentifier, Vec<LocaleFile>)>,
    source_tag: &str,
    chains: &BTreeMap<String, Vec<String>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Locales> {
    if parsed.first().map(|(tag, _, _)| tag.as_str()) != Some(source_tag) {
        return None;
    }
    let resources: BTreeMap<String, Vec<Arc<FluentResource>>> = parsed
        .iter()
        .map(|(tag, _, files)| {
            let own = files.iter().map(|file| file.resource.clone()).collect();
            (tag.clone(), own)
        })
        .collect();
    let known: Vec<&str> = resources.keys().map(String::as_str).collect();
    problems.extend(crate::load::fallback::check_chains(
        root, chains, &known, source_tag,
    ));
    let mut list = Vec::new();
    for (tag, langid, files) in parsed {
        let chain = crate::load::fallback::chain(&tag, chains, &known, source_tag);
        let inherited: Vec<Arc<FluentResource>> = chain
            .iter()
            .flat_map(|parent| resources.get(parent).into_iter().flatten().cloned())
            .collect();
        match build_locale(tag, langid, files, chain, &inherited, problems) {
            Some(locale) => list.push(locale),
            None => continue,
        }
    }
    if list.first().map(|l| l.tag.as_str()) != Some(source_tag) {
        return None;
    }
    Some(Locales {
        list,
        partly_translated: std::sync::OnceLock::new(),
        source_words: std::sync::OnceLock::new(),
    })
}

/// Whether two tags name the same language (`nl-BE` and `nl`), whatever their region.
pub(crate) fn same_language(a: &str, b: &str) -> bool {
    let language = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    language(a) == language(b)
}

/// A formatted message, plain text with inline Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Formatted {
    pub(crate) text: String,
    /// The text is not the page locale's own but `from`'s.
    pub(crate) fell_back: bool,
    /// The tag of the locale the text is in.
    pub(crate) from: String,
}

fn has_pattern(bundle: &Bundle, id: &str, attribute: Option<&str>) -> bool {
    match bundle.get_message(id) {
        Some(message) => match attribute {
            Some(attribute) => message.get_attribute(attribute).is_some(),
            None => message.value().is_some(),
        },
        None => false,
    }
}

fn describe_fluent_error(error: &FluentError) -> String {
    match error {
        FluentError::ResolverError(resolver) => resolver.to_string(),
        other => other.to_string(),
    }
}

/// Parses a locale folder name as a BCP 47 tag.
pub(crate) fn parse_tag(tag: &str) -> Result<LanguageIdentifier, Diagnostic> {
    let invalid = || {
        Diagnostic::error(
            Code::LocaleError,
            format!("locales/{tag}"),
            format!("`{tag}` is not a valid BCP 47 language tag"),
        )
        .locale(tag)
        .help("name locale folders by language tag: en, nl, ko, pt-BR, zh-Hant")
    };
    let langid: LanguageIdentifier = tag.parse().map_err(|_| invalid())?;
    // Both parsers must agree, since CLDR formatting uses ICU4X's.
    tag.parse::<icu_locale_core::Locale>()
        .map_err(|_| invalid())?;
    if langid != tag {
        return Err(invalid().help(format!(
            "write the tag in its canonical form: locales/{langid}/"
        )));
    }
    Ok(langid)
}

fn load_file(
    root: &Path,
    file: &Path,
    tag: &str,
) -> Result<(LocaleFile, Vec<Diagnostic>), Diagnostic> {
    let text =
        crate::load::discover::read_source(root, file).map_err(|problem| problem.locale(tag))?;
    Ok(parse_ftl(text, file, tag))
}

/// Parses one `.ftl` file's text; syntax errors come back located, beside whatever the
/// parser could recover (Fluent recovers at the next entry).
pub fn parse_ftl(text: String, file: &Path, tag: &str) -> (LocaleFile, Vec<Diagnostic>) {
    let _processing = crate::diagnostics::processing(file);
    let mut problems = Vec::new();
    // The Fluent parser and every walk over its tree recurse once per level; an entry
    // nested deeper than the limit is reported and blanked before the parser sees it.
    let mut deep_entries = Vec::new();
    let mut from = 0;
    while let Some(deep) = too_deep(&text, from) {
        from = deep.entry.end;
        deep_entries.push(deep);
    }
    let mut text = text;
    if !deep_entries.is_empty() {
        let lines = crate::diagnostics::LineIndex::new(&text);
        for deep in &deep_entries {
            problems.push(
                Diagnostic::error(
                    Code::SyntaxError,
                    file,
                    format!(
                        "placeables, selects or function calls nested more than {MAX_FLUENT_DEPTH} levels deep"
                    ),
                )
                .at_span_in(&lines, deep.opening..deep.opening + 1)
                .locale(tag)
                .help("no message needs this much nesting; split it into messages that refer to each other"),
            );
        }
        text = blank(text, deep_entries.into_iter().map(|deep| deep.entry));
    }
    problems.extend(reserved_marks(&text).into_iter().map(|(span, mark)| {
        Diagnostic::error(
            Code::SyntaxError,
            file,
            format!(
                "the character U+{:04X} is reserved for Stele's own use",
                mark as u32
            ),
        )
        .at_span(&text, span)
        .locale(tag)
        .help(crate::util::markdown::RESERVED_MARK_HELP)
    }));
    let resource = match FluentResource::try_new(text) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            let lines = crate::diagnostics::LineIndex::new(resource.source());
            for error in errors {
                let span = error.pos.clone();
                problems.push(
                    Diagnostic::error(
                        Code::SyntaxError,
                        file,
                        format!("Fluent does not parse: {}", error.kind),
                    )
                    .at_span_in(&lines, span)
                    .locale(tag)
                    .help(fluent_help(&error.kind)),
                );
            }
            resource
        }
    };
    (
        LocaleFile {
            path: file.to_path_buf(),
            resource: Arc::new(resource),
        },
        problems,
    )
}

/// The marker characters Stele reserves for the HTML arguments of a message
/// ([`crate::util::markdown::reserved_marks`]) in a Fluent file, typed or written as a
/// string literal's escape (`{ "\uE000" }`, `{ "\U00E001" }`): a message holding one
/// would show another argument's HTML in its place. An escape is found wherever it is
/// written; outside a string literal it is only text, but no message needs that text.
fn reserved_marks(text: &str) -> Vec<(std::ops::Range<usize>, char)> {
    let mut found: Vec<(std::ops::Range<usize>, char)> =
        crate::util::markdown::reserved_marks(text)
            .map(|(at, mark)| (at..at + mark.len_utf8(), mark))
            .collect();
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('\\') {
        let digits = match bytes.get(at + 1) {
            Some(b'u') => 4,
            Some(b'U') => 6,
            _ => continue,
        };
        let Some(hex) = text.get(at + 2..at + 2 + digits) else {
            continue;
        };
        if let Some(mark) = u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .filter(|c| crate::util::markdown::is_reserved_mark(*c))
        {
            found.push((at..at + 2 + digits, mark));
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    found
}

/// How deep placeables, selects and call arguments may nest in one Fluent entry. Real
/// messages nest two or three levels; the parser needs stack for each.
pub(crate) const MAX_FLUENT_DEPTH: usize = 32;

/// An entry nested too deeply: where it is, and the bracket that went past the limit.
#[derive(Debug, PartialEq, Eq)]
struct TooDeep {
    entry: std::ops::Range<usize>,
    opening: usize,
}

/// What a level of nesting in Fluent source is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    /// Inside `{ … }` or `( … )`: an expression.
    Placeable,
    Call,
    /// A select's variants, after `->`.
    Select,
    /// The text of one variant.
    Variant,
}

/// The first entry of `text` from `from` (the start of an entry) whose nesting goes past [`MAX_FLUENT_DEPTH`], found by a flat
/// scan that follows the parser's reading of braces, parentheses, string literals and
/// select variants. It may count a level the parser would not, never fewer.
fn too_deep(text: &str, from: usize) -> Option<TooDeep> {
    let bytes = text.as_bytes();
    let mut levels: Vec<Level> = Vec::new();
    let mut entry_start = from;
    let mut at = from;
    while at < bytes.len() {
        let byte = bytes[at];
        let line_start = at == 0 || bytes[at - 1] == b'\n';
        if line_start && (byte.is_ascii_alphabetic() || byte == b'-' || byte == b'#') {
            // A new entry (or comment) begins at the start of a line.
            levels.clear();
            entry_start = at;
            if byte == b'#' {
                at = memchr_newline(bytes, at);
                continue;
            }
        }
        let top = levels.last().copied();
        let inside_expression = matches!(top, Some(Level::Placeable | Level::Call | Level::Select));
        match byte {
            b'"' if inside_expression => {
                // A string literal: its braces are text. It ends at the line's end at most.
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' && bytes[at] != b'\n' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'(' => {
                if byte == b'{' || inside_expression {
                    levels.push(if byte == b'{' {
                        Level::Placeable
                    } else {
                        Level::Call
                    });
                }
                if levels.len() > MAX_FLUENT_DEPTH {
                    let end = next_entry(bytes, at);
                    return Some(TooDeep {
                        entry: entry_start..end,
                        opening: at,
                    });
                }
            }
            b')' if top == Some(Level::Call) => {
                levels.pop();
            }
            b'}' => match top {
                Some(Level::Placeable | Level::Select) => {
                    levels.pop();
                }
                Some(Level::Variant) => {
                    levels.pop();
                    levels.pop();
                }
                _ => {}
            },
            b'-' if inside_expression && bytes.get(at + 1) == Some(&b'>') => {
                if let Some(level) = levels.last_mut() {
                    *level = Level::Select;
                }
                at += 1;
            }
            b']' if top == Some(Level::Select) => {
                levels.push(Level::Variant);
                if levels.len() > MAX_FLUENT_DEPTH {
                    let end = next_entry(bytes, at);
                    return Some(TooDeep {
                        entry: entry_start..end,
                        opening: at,
                    });
                }
            }
            b'[' | b'*' if top == Some(Level::Variant) && starts_line(bytes, at) => {
                // The next variant's key: back to the select.
                levels.pop();
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |found| from + found)
}

/// Whether only spaces stand between the start of its line and `at`.
fn starts_line(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n')
        .all(|&b| b == b' ')
}

/// Where the entry around `at` ends: the start of the next line that begins an entry.
fn next_entry(bytes: &[u8], at: usize) -> usize {
    let mut line = memchr_newline(bytes, at);
    while line < bytes.len() {
        let start = line + 1;
        match bytes.get(start) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'-' || *b == b'#' => return start,
            None => return bytes.len(),
            _ => line = memchr_newline(bytes, start),
        }
    }
    bytes.len()
}

/// `text` with the bytes of `ranges` turned into spaces, line breaks kept, so that every
/// other entry keeps its line, column and byte offset.
fn blank(text: String, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> String {
    let mut bytes = text.into_bytes();
    for range in ranges {
        for byte in &mut bytes[range] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    // Whole UTF-8 sequences were replaced, each byte by one space.
    String::from_utf8(bytes).unwrap_or_default()
}

fn fluent_help(kind: &fluent_syntax::parser::ErrorKind) -> String {
    use fluent_syntax::parser::ErrorKind;
    match kind {
        ErrorKind::ExpectedToken('=') => {
            "a message is `id = text`; continuation lines must be indented".to_string()
        }
        ErrorKind::MissingDefaultVariant => {
            "mark one variant of the select as the default with `*[other]`".to_string()
        }
        ErrorKind::UnbalancedClosingBrace => {
            "a literal `}` must be written as {\"}\"}; otherwise close the placeable you opened"
                .to_string()
        }
        ErrorKind::ExpectedInlineExpression | ErrorKind::ExpectedToken('}') => {
            "placeables look like { $variable }, { -term } or { message-id }".to_string()
        }
        _ => "see the Fluent syntax guide: https://projectfluent.org/fluent/guide/".to_string(),
    }
}

fn build_locale(
    tag: String,
    langid: LanguageIdentifier,
    files: Vec<LocaleFile>,
    chain: Vec<String>,
    inherited: &[Arc<FluentResource>],
    problems: &mut Vec<Diagnostic>,
) -> Option<Locale> {
    let formats = match LocaleFormats::new(&tag) {
        Ok(formats) => Arc::new(formats),
        Err(message) => {
            problems.push(Diagnostic::error(
                Code::LocaleError,
                format!("locales/{tag}"),
                message,
            ));
            return None;
        }
    };
    let mut bundle: Bundle = FluentBundle::new_concurrent(vec![langid.clone()]);
    // Isolation marks would land inside href and title attributes; HTML gets `dir` instead.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(intl::format_value));
    let datetime = intl::datetime_function(formats.clone());
    // Both names are new to an empty bundle, so registration cannot clash.
    let _ = bundle.add_function("DATETIME", datetime);
    let _ = bundle.add_function("NUMBER", intl::NUMBER);
    let _ = bundle.add_function("LIST", intl::LIST);
    let lexicon = Arc::new(crate::util::particles::Lexicon::new(
        files
            .iter()
            .map(|file| &file.resource)
            .chain(inherited)
            .flat_map(|resource| term_readings(resource)),
    ));
    let _ = bundle.add_function(
        crate::util::particles::FUNCTION,
        crate::util::particles::josa_function(formats.clone(), lexicon),
    );

    let mut messages = BTreeMap::new();
    let mut terms = BTreeMap::new();
    for file in &files {
        collect_places(file, &tag, &mut messages, &mut terms, problems);
        // Duplicates were reported by collect_places with their position.
        let _ = bundle.add_resource(file.resource.clone());
    }
    for resource in inherited {
        // Entries this locale (or a nearer parent) defines win; the "overriding" errors
        // are expected.
        let _ = bundle.add_resource(resource.clone());
    }

    let name = if messages.contains_key("language-name") {
        bundle
            .get_message("language-name")
            .and_then(|m| m.value())
            .map(|pattern| {
                let mut errors = Vec::new();
                bundle
                    .format_pattern(pattern, None, &mut errors)
                    .into_owned()
            })
            .unwrap_or_else(|| tag.clone())
    } else {
        tag.clone()
    };
    Some(Locale {
        tag,
        files,
        messages,
        chain,
        bundle,
        formats,
        name,
    })
}

/// The readings a resource's terms teach `JOSA()`: `-exchange = Exchange` with
/// `.reading = 익스체인지`. Only terms written as plain text can be matched in a value.
fn term_readings(resource: &FluentResource) -> Vec<(String, String)> {
    let plain = |pattern: &ast::Pattern<&str>| -> Option<String> {
        let mut text = String::new();
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => text.push_str(value),
                ast::PatternElement::Placeable { .. } => return None,
            }
        }
        Some(text)
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Term(term) => {
                let reading = term
                    .attributes
                    .iter()
                    .find(|attribute| attribute.id.name == "reading")?;
                Some((plain(&term.value)?, plain(&reading.value)?))
            }
            _ => None,
        })
        .collect()
}

/// Records where each message and term is written, reporting ids defined twice.
fn collect_places(
    file: &LocaleFile,
    tag: &str,
    messages: &mut BTreeMap<String, EntryPlace>,
    terms: &mut BTreeMap<String, EntryPlace>,
    problems: &mut Vec<Diagnostic>,
) {
    let source = file.resource.source();
    let lines = crate::diagnostics::LineIndex::new(source);
    for entry in file.resource.entries() {
        let (id, table, kind) = match entry {
            ast::Entry::Message(message) => (message.id.name, &mut *messages, "message"),
            ast::Entry::Term(term) => (term.id.name, &mut *terms, "term"),
            _ => continue,
        };
        let offset = offset_in(source, id);
        let (line, column) = lines.line_column(offset);
        let place = EntryPlace {
            file: file.path.clone(),
            line,
            column,
            offset,
        };
        if let Some(first) = table.get(id) {
            problems.push(
                Diagnostic::error(
                    Code::SyntaxError,
                    &file.path,
                    format!(
                        "{kind} `{id}` is defined twice; the first is at {}:{}:{}",
                        first.file.display(),
                        first.line,
                        first.column
                    ),
                )
                .at_span_in(&lines, offset..offset + id.len())
                .locale(tag)
                .id(id)
                .help(format!(
                    "keep one definition of `{id}` and delete the other"
                )),
            );
            continue;
        }
        table.insert(id.to_string(), place);
    }
}

/// Byte offset of `part`, a slice the Fluent parser borrowed from `source`.
pub(crate) fn offset_in(source: &str, part: &str) -> usize {
    let start = source.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at <= start + source.len() {
        at - start
    } else {
        0
    }
}

/// Writes `(path, text)` files such as `locales/nl/a.ftl` into a new folder and returns
/// the locale folders as discovery would, for tests of this stage and the checks.
#[cfg(test)]
pub(crate) fn write_locale_folders(
    files: &[(&str, &str)],
) -> (tempfile::TempDir, BTreeMap<String, Vec<PathBuf>>) {
    let dir = tempfile::tempdir().unwrap();
    let mut folders: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, text).unwrap();
        let tag = path.split('/').nth(1).unwrap().to_string();
        folders.entry(tag).or_default().push(PathBuf::from(path));
    }
    (dir, folders)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentValue;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, BTreeMap<String, Vec<PathBuf>>) {
        write_locale_folders(files)
    }

    #[test]
    fn formats_with_cldr_and_falls_back() {
        let (dir, folders) = site(&[
            (
                "locales/en/a.ftl",
                "-product = Exchange\nlimit = { -product } moves up to { $n } mailboxes.\nonly-en = Hello\n",
            ),
            (
                "locales/nl/a.ftl",
                "limit = { -product } verplaatst tot { $n } postvakken.\n",
            ),
        ]);
        let (locales, problems) = Locales::load(dir.path(), &folders, "en");
        assert!(problems.is_empty(), "{problems:?}");
        let locales = locales.unwrap();
        let nl = locales.get("nl").unwrap();
        let mut args = FluentArgs::new();
        args.set("n", FluentValue::from(2000));
        let text = locales.format(nl, "limit", Some(&args)).unwrap();
        assert_eq!(text.text, "Exchange verplaatst tot 2.000 postvakken.");
        assert!(!text.fell_back);
        let fallback = locales.format(nl, "only-en", None).unwrap();
        assert_eq!(fallback.text, "Hello");
        assert!(fallback.fell_back);
        assert!(locales.format(nl, "nothing", None).is_err());
    }

    fn deep_problems(text: &str) -> (Vec<Diagnostic>, Vec<String>) {
        let (file, problems) = parse_ftl(text.to_string(), Path::new("a.ftl"), "en");
        let ids = file
            .resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
                fluent_syntax::ast::Entry::Term(term) => Some(format!("-{}", term.id.name)),
                _ => None,
            })
            .collect();
        (problems, ids)
    }

    #[test]
    fn nesting_past_the_limit_is_a_located_error() {
        let nested = |depth: usize, open: &str, close: &str, inner: &str| {
            format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
        };
        // The probe's file: 20,000 nested placeables, then messages that must survive.
        let probe = format!(
            "first = one\ndeep = {}\nlast = two\n",
            nested(20_000, "{ ", " }", "$x")
        );
        let (problems, ids) = deep_problems(&probe);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].column), (2, 72));
        assert!(problems[0].message.contains("nested more than 32"));
        assert_eq!(ids, ["first", "last"]);
        // At the limit it parses; one past it does not.
        let (problems, ids) = deep_problems(&format!("ok = {}\n", nested(32, "{", "}", "$x")));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ids, ["ok"]);
        let (problems, _) = deep_problems(&format!("no = {}\n", nested(33, "{", "}", "$x")));
        assert_eq!(problems.len(), 1);
        // Function calls nested in arguments, and terms.
        let calls = format!("-t = {{ {} }}\n", nested(40, "NUMBER(", ")", "1"));
        let (problems, ids) = deep_problems(&calls);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(ids.is_empty());
        // Selects nested in variants, each on its own lines.
        let mut select = String::from("s =");
        for _ in 0..40 {
            select.push_str(" { $n ->\n   *[other]");
        }
        select.push_str(" x\n");
        select.push_str(&" }".repeat(40));
        select.push_str("\nafter = fine\n");
        let (problems, ids) = deep_problems(&select);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(ids, ["after"]);
        // Braces in string literals and in comments are not nesting, and a `}` in a
        // string does not hide a level.
        let literals = format!("# {}\nlit = {}\n", "{".repeat(100), "{\"{\"}".repeat(100));
        let (problems, ids) = deep_problems(&literals);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ids, ["lit"]);
        let hidden = format!(
            "h = {}\n",
            nested(40, "{ $x ->\n *[a] { \"}\" } ", "\n}", "y")
        );
        let (problems, _) = deep_problems(&hidden);
        assert_eq!(problems.len(), 1, "{problems:?}");
        // Several deep entries are each reported.
        let (problems, ids) = deep_problems(&format!(
            "a = {0}\nb = ok\nc = {0}\n",
            nested(50, "{", "}", "$x")
        ));
        assert_eq!(problems.len(), 2);
        assert_eq!(ids, ["b"]);
    }

    #[test]
    fn syntax_errors_are_located() {
        let (dir, folders) = site(&[("locales/en/a.ftl", "ok = fine\nbroken { $x }\n")]);
        let (_, problems) = Locales::load(dir.path(), &folders, "en");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 2);
        assert_eq!(problems[0].code, Code::SyntaxError);
    }

    #[test]
    fn duplicate_ids_are_reported_at_the_second() {
        let (dir, folders) = site(&[
            ("locales/en/a.ftl", "x = 1\n"),
            ("locales/en/b.ftl", "\nx = 2\n"),
        ]);
        let (_, problems) = Locales::load(dir.path(), &folders, "en");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, PathBuf::from("locales/en/b.ftl"));
        assert_eq!(problems[0].line, 2);
    }

    #[test]
    fn reserved_marks_are_refused_typed_or_escaped() {
        let text = "a = x\u{E000}0\u{E001}\nb = { \"\\uE000\" }{ \"\\U00e001\" }\nc = { \"\\u00E9\" } \\u\n";
        let (_, problems) = parse_ftl(text.to_string(), Path::new("locales/en/a.ftl"), "en");
        let places: Vec<(u32, u32)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(places, [(1, 6), (1, 8), (2, 8), (2, 20)], "{problems:?}");
        assert!(problems.iter().all(|p| p.message.contains("reserved")));
    }

    #[test]
    fn bad_tags_are_refused() {
        assert!(parse_tag("nl").is_ok());
        assert!(parse_tag("pt-BR").is_ok());
        assert!(parse_tag("dutch_NL").is_err());
        assert!(parse_tag("pt-br").is_err());
    }

    #[test]
    fn errors_in_formatting_are_reported() {
        let (dir, folders) = site(&[("locales/en/a.ftl", "x = { $missing } and { -nope }\n")]);
        let (locales, _) = Locales::load(dir.path(), &folders, "en");
        let locales = locales.unwrap();
        let error = locales.format(locales.source(), "x", None).unwrap_err();
        assert!(error.contains("missing"), "{error}");
    }
}
