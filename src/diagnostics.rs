//! Problems found in a site, and how they are shown to people: rustc-style text with the
//! offending line and a caret, or JSON for tools.
//!
//! Every stage reports through [`Diagnostic`] instead of failing on the first problem, so
//! one run shows everything a translator or author has to fix.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// A stable, kebab-case name for each kind of problem; tools match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    SyntaxError,
    ConfigError,
    DataError,
    TemplateError,
    LocaleError,
    PageError,
    IoError,
    MissingMessage,
    MissingAttribute,
    ObsoleteMessage,
    ObsoleteAttribute,
    VariableMismatch,
    TermMismatch,
    LiteralFact,
    PluralCategories,
    StaleTranslation,
    Unreviewed,
    ChangedSinceReview,
    MissingPage,
    MarkupMismatch,
    PageDrift,
    BrokenLink,
    BrokenAnchor,
    ScriptLink,
    Glossary,
    Polarity,
    Untranslated,
    Inconsistency,
    Pattern,
    Punctuation,
    NumberWords,
    Tense,
    Direction,
    Length,
    RepeatedWord,
    HedgedParticle,
    UndecidedParticle,
}

/// The codes of the translation-QA checks, whose severity `content/site.yaml` can set per
/// locale, in the order they are documented.
pub(crate) const QA_CODES: [Code; 11] = [
    Code::Glossary,
    Code::Polarity,
    Code::Untranslated,
    Code::Inconsistency,
    Code::Pattern,
    Code::Punctuation,
    Code::NumberWords,
    Code::Tense,
    Code::Direction,
    Code::Length,
    Code::RepeatedWord,
];

impl Code {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Code::SyntaxError => "syntax-error",
            Code::ConfigError => "config-error",
            Code::DataError => "data-error",
            Code::TemplateError => "template-error",
            Code::LocaleError => "locale-error",
            Code::PageError => "page-error",
            Code::IoError => "io-error",
            Code::MissingMessage => "missing-message",
            Code::MissingAttribute => "missing-attribute",
            Code::ObsoleteMessage => "obsolete-message",
            Code::ObsoleteAttribute => "obsolete-attribute",
            Code::VariableMismatch => "variable-mismatch",
            Code::TermMismatch => "term-mismatch",
            Code::LiteralFact => "literal-fact",
            Code::PluralCategories => "plural-categories",
            Code::StaleTranslation => "stale-translation",
            Code::Unreviewed => "unreviewed",
            Code::ChangedSinceReview => "changed-since-review",
            Code::MissingPage => "missing-page",
            Code::MarkupMismatch => "markup-mismatch",
            Code::PageDrift => "page-drift",
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::ScriptLink => "script-link",
            Code::Glossary => "glossary",
            Code::Polarity => "polarity",
            Code::Untranslated => "untranslated",
            Code::Inconsistency => "inconsistency",
            Code::Pattern => "pattern",
            Code::Punctuation => "punctuation",
            Code::NumberWords => "number-words",
            Code::Tense => "tense",
            Code::Direction => "direction",
            Code::Length => "length",
            Code::RepeatedWord => "repeated-word",
            Code::HedgedParticle => "hedged-particle",
            Code::UndecidedParticle => "undecided-particle",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, located in a site file (path relative to the site root, 1-based line and
/// column; 0 when the problem concerns a whole file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    pub code: Code,
    pub(crate) file: PathBuf,
    pub line: u32,
    pub(crate) column: u32,
    pub(crate) locale: Option<String>,
    pub(crate) id: Option<String>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    /// Byte range in the file, for the caret; not part of the JSON contract.
    #[serde(skip)]
    pub(crate) span: Option<Range<usize>>,
}

impl Diagnostic {
    pub(crate) fn error(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            locale: None,
            id: None,
            message: message.into(),
            help: None,
            span: None,
        }
    }

    pub(crate) fn warning(
        code: Code,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Places the diagnostic at a 1-based line and column.
    pub(crate) fn at(mut self, line: u32, column: u32) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Places the diagnostic at a byte range of `source`, computing line and column.
    pub(crate) fn at_span(mut self, source: &str, span: Range<usize>) -> Self {
        let (line, column) = line_column(source, span.start);
        self.line = line;
        self.column = column;
        self.span = Some(span);
        self
    }

    /// As [`Diagnostic::at_span`], with the line and column from `lines`, an index of the
    /// same source: for the many problems of one large file.
    pub(crate) fn at_span_in(mut self, lines: &LineIndex, span: Range<usize>) -> Self {
        let (line, column) = lines.line_column(span.start);
        self.line = line;
        self.column = column;
        self.span = Some(span);
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    pub(crate) fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Where the lines of one text start, so that finding the line and column of each of many
/// offsets is a binary search, not a count from the start of the text (which made a file
/// of thousands of entries take time growing with the square of its size).
pub(crate) struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(source: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { source, starts }
    }

    /// 1-based line and column (in characters) of a byte offset, as [`line_column`].
    pub(crate) fn line_column(&self, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(self.source, offset.min(self.source.len()));
        let line = self.starts.partition_point(|start| *start <= offset);
        let line_start = self.starts[line - 1];
        let column = self.source[line_start..offset].chars().count() + 1;
        (line as u32, column as u32)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(source: &str, offset: usize) -> (u32, u32) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

/// Byte offset of a 1-based line and column (in characters), clamped to the text.
pub(crate) fn byte_offset(source: &str, line: u32, column: u32) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match source[offset..].find('\n') {
            Some(newline) => offset += newline + 1,
            None => return source.len(),
        }
    }
    let line_text = source[offset..].split('\n').next().unwrap_or("");
    let within: usize = line_text
        .chars()
        .take(column.saturating_sub(1) as usize)
        .map(char::len_utf8)
        .sum();
    offset + within
}

pub(crate) fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain text, for logs and pipes.
    Plain,
    /// Coloured, for a terminal.
    Color,
}

/// Renders one diagnostic like rustc: title, location, the offending line with a caret,
/// and a `help:` line. `site_root` is where `file` is read from for the snippet.
pub fn render_human(diagnostic: &Diagnostic, site_root: &Path, style: Style) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut title = diagnostic.message.clone();
    if let Some(locale) = &diagnostic.locale {
        title = format!("[{locale}] {title}");
    }
    let path = diagnostic.file.display().to_string();
    let source = if diagnostic.line > 0 {
        read_cached(&site_root.join(&diagnostic.file))
    } else {
        None
    };
    let mut report: Vec<Group> = Vec::new();
    let primary = level.primary_title(title).id(diagnostic.code.as_str());
    let primary = match &source {
        Some(source) => {
            let span = diagnostic.span.clone().unwrap_or_else(|| {
                let start = byte_offset(source, diagnostic.line, diagnostic.column);
                let end = source[start..]
                    .chars()
                    .next()
                    .map(|c| start + c.len_utf8())
                    .unwrap_or(start);
                start..end
            });
            let span = clamp_span(source, span);
            // Only the lines the span is on, in a large file: one with thousands of
            // problems is not laid out again for each of them.
            let start = if source.len() <= WINDOW_BYTES * 16 {
                0
            } else {
                source[..span.start].rfind('\n').map_or(0, |at| at + 1)
            };
            let cap = floor_char_boundary(source, span.end.min(span.start + WINDOW_BYTES));
            let end = source[cap..].find('\n').map_or(source.len(), |at| cap + at);
            let end = if start == 0 {
                source.len()
            } else {
                floor_char_boundary(source, end.min(span.start + WINDOW_BYTES))
            };
            let first_line = if start == 0 {
                1
            } else if diagnostic.span.is_some() {
                line_column(source, start).0 as usize
            } else {
                diagnostic.line as usize
            };
            primary.element(
                Snippet::source(&source[start..end])
                    .line_start(first_line)
                    .path(path.clone())
                    .annotation(
                        AnnotationKind::Primary
                            .span(span.start - start..span.end.min(end).max(span.start) - start),
                    ),
            )
        }
        // A file that is not on disk (a page rendered in memory) still gets its position.
        None if diagnostic.line > 0 => primary.element(
            annotate_snippets::Origin::path(path.clone())
                .line(diagnostic.line as usize)
                .char_column(diagnostic.column as usize),
        ),
        None => primary.element(annotate_snippets::Origin::path(path.clone())),
    };
    report.push(primary);
    if let Some(help) = &diagnostic.help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Color => Renderer::styled(),
    };
    renderer.render(&report)
}

std::thread_local! {
    /// The file this thread works on, for the internal error a bug would print.
    static PROCESSING: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

/// Marks `file` as the one this thread works on until the guard is dropped.
pub(crate) fn processing(file: &Path) -> Processing {
    let before = PROCESSING.with(|current| current.replace(Some(file.to_path_buf())));
    Processing { before }
}

/// See [`processing`].
pub(crate) struct Processing {
    before: Option<PathBuf>,
}

impl Drop for Processing {
    fn drop(&mut self) {
        let before = self.before.take();
        PROCESSING.with(|current| *current.borrow_mut() = before);
    }
}

/// The file this thread works on, if any.
pub fn being_processed() -> Option<PathBuf> {
    PROCESSING.with(|current| current.borrow().clone())
}

/// How much of a file a diagnostic shows at most.
const WINDOW_BYTES: usize = 4096;

/// A file as last read: its path, size and modification time, and text.
type CachedFile = (
    PathBuf,
    u64,
    Option<std::time::SystemTime>,
    std::rc::Rc<String>,
);

std::thread_local! {
    /// The file the last diagnostic showed: diagnostics come sorted by file.
    static LAST_FILE: std::cell::RefCell<Option<CachedFile>> =
        const { std::cell::RefCell::new(None) };
}

fn read_cached(path: &Path) -> Option<std::rc::Rc<String>> {
    let metadata = std::fs::metadata(path).ok()?;
    let (size, modified) = (metadata.len(), metadata.modified().ok());
    LAST_FILE.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((known, known_size, known_modified, text)) = last.as_ref()
            && known == path
            && *known_size == size
            && *known_modified == modified
        {
            return Some(text.clone());
        }
        let text = std::rc::Rc::new(std::fs::read_to_string(path).ok()?);
        *last = Some((path.to_path_buf(), size, modified, text.clone()));
        Some(text)
    })
}

fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
    start..end
}

/// How many of `problems` there are of each code, as a build reports its checks' warnings.
pub fn count_by_code(problems: &[Diagnostic]) -> std::collections::BTreeMap<Code, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for problem in problems {
        *counts.entry(problem.code).or_default() += 1;
    }
    counts
}

/// Renders diagnostics as one JSON array, the `--format json` contract.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_string())
}

/// Orders diagnostics for output: by file, then position, then code, so runs compare equal.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (
            &a.file, a.line, a.column, a.code, &a.locale, &a.id, &a.message,
        )
            .cmp(&(
                &b.file, b.line, b.column, b.code, &b.locale, &b.id, &b.message,
            ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_index_places_every_offset_as_a_count_from_the_start_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n한국어 x\n",
            "\r\n\r\nm = x\r\n",
            "m = { $x }\n-t = y\n\n\n  z = é\u{1F600}\nlast",
        ] {
            let lines = LineIndex::new(text);
            // Past the end and inside a character too: both are clamped alike.
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    lines.line_column(offset),
                    line_column(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a\n한국어 x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 5));
        assert_eq!(byte_offset(text, 2, 5), x);
        assert_eq!(byte_offset(text, 9, 1), text.len());
    }

    #[test]
    fn human_output_points_at_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ftl"), "ok = fine\nbad = { $\n").unwrap();
        let diagnostic = Diagnostic::error(Code::SyntaxError, "a.ftl", "expected a name")
            .at(2, 9)
            .help("write a variable name after `$`");
        let text = render_human(&diagnostic, dir.path(), Style::Plain);
        assert!(
            text.contains("error[syntax-error]: expected a name"),
            "{text}"
        );
        assert!(text.contains("a.ftl:2:9"), "{text}");
        assert!(text.contains("bad = { $"), "{text}");
        assert!(text.contains("help: write a variable name"), "{text}");
    }

    #[test]
    fn json_code_names_match_the_text_names() {
        for code in [
            Code::MissingMessage,
            Code::MissingAttribute,
            Code::ObsoleteMessage,
            Code::ObsoleteAttribute,
            Code::VariableMismatch,
            Code::TermMismatch,
            Code::LiteralFact,
            Code::PluralCategories,
            Code::StaleTranslation,
            Code::Unreviewed,
            Code::ChangedSinceReview,
            Code::MissingPage,
            Code::MarkupMismatch,
            Code::PageDrift,
            Code::DataError,
            Code::BrokenLink,
            Code::BrokenAnchor,
            Code::ScriptLink,
            Code::Glossary,
            Code::Polarity,
            Code::Untranslated,
            Code::Inconsistency,
            Code::Pattern,
            Code::Punctuation,
            Code::NumberWords,
            Code::Tense,
            Code::Direction,
            Code::Length,
            Code::RepeatedWord,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn json_has_the_contract_fields() {
        let diagnostic = Diagnostic::warning(Code::MissingMessage, "locales/de/site.ftl", "m")
            .locale("de")
            .id("site-title");
        let json = render_json(&[diagnostic]);
        for field in [
            "\"severity\": \"warning\"",
            "\"code\": \"missing-message\"",
            "\"file\": \"locales/de/site.ftl\"",
            "\"line\": 0",
            "\"locale\": \"de\"",
            "\"id\": \"site-title\"",
            "\"help\": null",
        ] {
            assert!(json.contains(field), "{field} missing in {json}");
        }
    }
}
