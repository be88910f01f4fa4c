//! Stage 4 helper: which context values a template can read, for incremental rebuilds.
//!
//! Tera 2 compiles a template without exposing its syntax tree, so this module lexes the
//! template source itself, the way Tera's own lexer does (the same delimiters, whitespace
//! control, `raw` blocks, comments, string escapes and operators), and reports every read
//! of the requested context roots with the longest key path it can prove.
//!
//! The scan is sound rather than exact. A read it reports may not be real (a `set` can
//! shadow a root, an unused branch still counts), but a read it cannot follow is reported
//! with a shorter path, or marks the whole template [`TemplateRefs::dynamic`]; it is never
//! left out. A template Tera would reject is scanned all the same: it never renders, so
//! whatever the scan says about it is harmless.

use std::collections::{BTreeSet, HashSet};
use std::hash::Hash;

/// One read of a context variable: `data.facts[page.extra.fact].date` →
/// `Access { root: "data", path: [Key("facts"), Ref { root: "page", path: ["extra", "fact"] },
/// Key("date")] }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Access {
    /// The context variable read, e.g. `data`.
    pub(crate) root: String,
    /// The keys followed from the root; the read depends on everything below the last one.
    pub(crate) path: Vec<Segment>,
}

/// One step of an [`Access`] path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Segment {
    /// `.name`, `["name"]`, `['name']`, or `[3]` (integer written as its decimal string).
    Key(String),
    /// `[x.y.z]` where the subscript is a plain dotted path of identifiers / literal keys
    /// only (no filters, operators, calls, nested non-literal subscripts): root "x", path
    /// ["y", "z"]. The key is whatever that path holds when the page renders.
    Ref {
        /// The variable the subscript starts from.
        root: String,
        /// The keys followed from it.
        path: Vec<String>,
    },
}

/// What one template can read and load, as far as its source shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TemplateRefs {
    /// Every read whose root is one of the requested roots. The path stops BEFORE the first
    /// thing it cannot follow (a filter `|`, a call `(`, an operator, a subscript that is
    /// neither a literal nor a plain path, a slice `[a:b]`): `data.facts | length` → path
    /// [Key("facts")]. A bare `data` gives an empty path (= depends on all of it).
    pub(crate) accesses: Vec<Access>,
    /// Templates pulled in by a literal name: `{% extends "x" %}`, `{% include "x" %}`,
    /// `{% include ["a", "b"] %}`, `{% import "x" as m %}`.
    pub(crate) uses: Vec<String>,
    /// Names bound anywhere in the template: `set x`, `set_global x`, `set x %}…{% endset`,
    /// `for x in`, `for k, v in` (and `loop` with them), list comprehensions
    /// `[… for x in …]`, component and macro parameters (and `body` inside a component),
    /// `import … as m`. Used by the caller to refuse evaluating a `Ref` whose root is shadowed.
    pub(crate) bound: BTreeSet<String>,
    /// True when the template can read the context in a way this scan cannot follow:
    /// `__tera_context`, an include/extends/import with a non-literal name, or a call to a
    /// component defined in another template (its `@implicit` parameters read the caller's
    /// variables by name, and its definition is not in this source).
    pub(crate) dynamic: bool,
}

/// Scans the source text of a Tera 2 template for reads of the context variables named in
/// `roots`, the templates it loads, the names it binds, and whether it reads by computed
/// name. Never panics; on text Tera would reject it returns what it found up to there.
pub(crate) fn scan(source: &str, roots: &[&str]) -> TemplateRefs {
    let regions = lex_template(source);
    let defined = defined_components(&regions);
    let mut scanner = Scanner {
        roots,
        refs: TemplateRefs::default(),
        called: Vec::new(),
    };
    for region in &regions {
        scanner.region(region);
    }
    let mut refs = scanner.refs;
    if scanner.called.iter().any(|name| !defined.contains(name)) {
        refs.dynamic = true;
    }
    dedup(&mut refs.accesses);
    dedup(&mut refs.uses);
    refs
}

/// Keeps the first of equal items, so the result reads in template order.
fn dedup<T: Clone + Eq + Hash>(items: &mut Vec<T>) {
    let mut seen = HashSet::new();
    items.retain(|item| seen.insert(item.clone()));
}

// ---------------------------------------------------------------------------------------
// Lexing: the same regions and tokens Tera's lexer (`tera::parsing::lexer`) produces.

/// Which delimiters opened a code region; only its own closing delimiter ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RegionKind {
    /// `{{ … }}`
    Variable,
    /// `{% … %}`
    Tag,
}

/// The tokens of one `{{ … }}` or `{% … %}`; no expression spans two regions.
#[derive(Debug)]
struct Region<'a> {
    /// Which delimiters it was written with.
    kind: RegionKind,
    /// Its tokens, without the delimiters.
    tokens: Vec<Tok<'a>>,
}

/// One token of a code region; only the distinctions this scan needs are kept.
#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    /// A name: a variable, attribute, keyword, filter, test, function or tag.
    Ident(&'a str),
    /// A string literal with its escapes resolved; `None` when it holds an escape Tera
    /// rejects, so it can never stand for a key.
    Str(Option<String>),
    /// An integer as written (digits only).
    Int(&'a str),
    /// A number with a dot, which is never a key.
    Float,
    /// `.`
    Dot,
    /// `?.`
    OptDot,
    /// `[`
    LBracket,
    /// `?[`
    OptLBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// A single `=`; `==` is an [`Tok::Other`].
    Assign,
    /// `|`
    Pipe,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `...`
    Spread,
    /// `@`, marking an implicit component parameter.
    At,
    /// `<`: a comparison, or the start of a component call.
    Lt,
    /// `</`, which closes a component call with a body.
    CloseTagStart,
    /// Every other operator, and any character Tera rejects: nothing follows a path across it.
    Other,
}

/// Where `needle` first occurs in `haystack`.
fn memstr(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `s[at..]`, or nothing when `at` is out of range, so slicing can never panic.
fn tail(s: &str, at: usize) -> &str {
    s.get(at..).unwrap_or("")
}

/// Tera's `skip_tag`: the length of `-? ws* {name} ws* -? %}` at the start of `block`.
fn skip_tag(block: &str, name: &str) -> Option<usize> {
    let mut rest = block.strip_prefix('-').unwrap_or(block);
    rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    rest = rest.strip_prefix(name)?;
    rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    rest = rest.strip_prefix('-').unwrap_or(rest);
    rest = rest.strip_prefix("%}")?;
    Some(block.len() - rest.len())
}

/// Splits the template into its code regions, dropping text, comments and `raw` bodies.
fn lex_template(source: &str) -> Vec<Region<'_>> {
    let bytes = source.as_bytes();
    let mut regions = Vec::new();
    let mut pos = 0;
    while let Some(found) = bytes.get(pos..).and_then(|rest| {
        rest.windows(2)
            .position(|w| w == b"{{" || w == b"{%" || w == b"{#")
    }) {
        let start = pos + found;
        let marker = bytes.get(start..start + 2).unwrap_or_default();
        let mut body = start + 2;
        if bytes.get(body) == Some(&b'-') {
            body += 1;
        }
        pos = match marker {
            // Tera refuses an unclosed comment or raw block, so nothing after one renders.
            b"{#" => match bytes.get(body..).and_then(|rest| memstr(rest, b"#}")) {
                Some(end) => body + end + 2,
                None => break,
            },
            b"{%" => match skip_tag(tail(source, body), "raw") {
                Some(len) => match end_of_raw(source, body + len) {
                    Some(after) => after,
                    None => break,
                },
                None => lex_code(source, body, RegionKind::Tag, &mut regions),
            },
            _ => lex_code(source, body, RegionKind::Variable, &mut regions),
        };
    }
    regions
}

/// Where the `{% endraw %}` closing a raw body that starts at `from` ends.
fn end_of_raw(source: &str, from: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut offset = from;
    while let Some(found) = memstr(bytes.get(offset..)?, b"{%") {
        offset += found + 2;
        if let Some(len) = skip_tag(tail(source, offset), "endraw") {
            return Some(offset + len);
        }
    }
    None
}

/// Lexes one code region whose body starts at `start`; returns where the text resumes.
fn lex_code<'a>(
    source: &'a str,
    start: usize,
    kind: RegionKind,
    regions: &mut Vec<Region<'a>>,
) -> usize {
    let bytes = source.as_bytes();
    let end: &[u8] = match kind {
        RegionKind::Variable => b"}}",
        RegionKind::Tag => b"%}",
    };
    let mut tokens = Vec::new();
    let mut pos = start;
    let resume = loop {
        while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let rest = bytes.get(pos..).unwrap_or_default();
        let Some(&first) = rest.first() else {
            break bytes.len();
        };
        // Like Tera, the end delimiter only counts between tokens, never inside a string.
        if rest.starts_with(end) {
            break pos + 2;
        }
        if first == b'-' && rest.get(1..3) == Some(end) {
            break pos + 3;
        }
        let after_dot = matches!(tokens.last(), Some(Tok::Dot | Tok::OptDot));
        let Some((token, len)) = lex_token(tail(source, pos), after_dot) else {
            // An unterminated string: Tera rejects the template, and the rest is its text.
            break bytes.len();
        };
        tokens.push(token);
        pos += len;
    };
    regions.push(Region { kind, tokens });
    resume
}

/// The token at the start of `rest` (which starts with a non-space) and its length in bytes.
fn lex_token(rest: &str, after_dot: bool) -> Option<(Tok<'_>, usize)> {
    let bytes = rest.as_bytes();
    if bytes.starts_with(b"...") {
        return Some((Tok::Spread, 3));
    }
    let double = match bytes.get(..2) {
        Some(b"//" | b"**" | b"==" | b"!=" | b">=" | b"<=") => Some(Tok::Other),
        Some(b"</") => Some(Tok::CloseTagStart),
        Some(b"?.") => Some(Tok::OptDot),
        Some(b"?[") => Some(Tok::OptLBracket),
        _ => None,
    };
    if let Some(token) = double {
        return Some((token, 2));
    }
    let first = *bytes.first()?;
    let single = match first {
        b'.' => Tok::Dot,
        b'[' => Tok::LBracket,
        b']' => Tok::RBracket,
        b'(' => Tok::LParen,
        b')' => Tok::RParen,
        b'{' => Tok::LBrace,
        b'}' => Tok::RBrace,
        b'=' => Tok::Assign,
        b'|' => Tok::Pipe,
        b',' => Tok::Comma,
        b':' => Tok::Colon,
        b'@' => Tok::At,
        b'<' => Tok::Lt,
        b'"' | b'\'' | b'`' => return lex_string(rest),
        b'0'..=b'9' => return Some(lex_number(rest, after_dot)),
        b'_' | b'a'..=b'z' | b'A'..=b'Z' => {
            let len = bytes
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            return Some((Tok::Ident(rest.get(..len)?), len));
        }
        // `+ - * / % ! ~ >` and characters Tera rejects: whole characters, so every later
        // slice stays on a character boundary.
        _ => {
            let len = rest.chars().next().map_or(1, char::len_utf8);
            return Some((Tok::Other, len));
        }
    };
    Some((single, 1))
}

/// A string literal (`"…"`, `'…'` or `` `…` ``), or `None` when it is never closed.
fn lex_string(rest: &str) -> Option<(Tok<'_>, usize)> {
    let bytes = rest.as_bytes();
    let delim = *bytes.first()?;
    let mut escaped = false;
    let mut has_escapes = false;
    let mut close = 1;
    loop {
        let c = *bytes.get(close)?;
        if escaped {
            escaped = false;
        } else if c == b'\\' {
            escaped = true;
            has_escapes = true;
        } else if c == delim {
            break;
        }
        close += 1;
    }
    let value = match rest.get(1..close) {
        Some(content) if has_escapes => unescape(content),
        Some(content) => Some(content.to_owned()),
        None => None,
    };
    Some((Tok::Str(value), close + 1))
}

/// Tera's escapes: `\" \' \/ \\ \n \t \r`; any other makes the template invalid.
fn unescape(content: &str) -> Option<String> {
    let mut out = String::with_capacity(content.len());
    let mut chars = content.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            c @ ('"' | '\'' | '/' | '\\') => out.push(c),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            _ => return None,
        }
    }
    Some(out)
}

/// An integer, or a float like Tera reads one (digits, one dot, digits). Right after a
/// dot only digits are taken, so `x.0.1` is the keys `0` and `1`, not the float `0.1`.
fn lex_number(rest: &str, after_dot: bool) -> (Tok<'_>, usize) {
    let bytes = rest.as_bytes();
    let digits = bytes.iter().take_while(|c| c.is_ascii_digit()).count();
    if !after_dot && bytes.get(digits) == Some(&b'.') {
        let fraction = bytes
            .iter()
            .skip(digits + 1)
            .take_while(|c| c.is_ascii_digit())
            .count();
        return (Tok::Float, digits + 1 + fraction);
    }
    (Tok::Int(rest.get(..digits).unwrap_or_default()), digits)
}

// ---------------------------------------------------------------------------------------
// Scanning the tokens.

/// Words Tera always reads as literals, never as variables.
const LITERALS: [&str; 7] = ["true", "True", "false", "False", "none", "None", "null"];

/// Operator words, after which an expression starts (so a `<` there opens a component
/// call). Tera still reads one as a variable where an operand is expected (`{{ in }}`), so
/// they are only kept out of `Ref`s, which must be plain paths.
const PREFIX_WORDS: [&str; 8] = ["and", "or", "not", "in", "is", "if", "else", "elif"];

/// The state of one scan: what was asked for and what was found so far.
struct Scanner<'r> {
    /// The context variables whose reads are reported.
    roots: &'r [&'r str],
    /// The answer being built.
    refs: TemplateRefs,
    /// Components called in this template, by dotted name.
    called: Vec<String>,
}

impl Scanner<'_> {
    /// Scans one code region.
    fn region(&mut self, region: &Region<'_>) {
        let tokens = &region.tokens;
        // Identifiers that name something other than a variable (tags, blocks, bound names).
        let mut skip = vec![false; tokens.len()];
        if region.kind == RegionKind::Tag {
            self.tag(tokens, &mut skip);
        }
        for (i, token) in tokens.iter().enumerate() {
            match token {
                Tok::Lt if opens_component_call(tokens, i, region.kind) => {
                    // The name stays a possible read: should this `<` compare after all
                    // (`{{ if < data }}`), reporting a component named like a root is harmless.
                    if let Some((name, _)) = dotted_name(tokens, i + 1) {
                        self.called.push(name);
                    }
                }
                // `</` never compares, so what follows is only the name of a component.
                Tok::CloseTagStart => mark(&mut skip, i + 1),
                Tok::Ident(name) => self.ident(tokens, i, name, &mut skip),
                _ => {}
            }
        }
    }

    /// What the tag keyword at the start of a `{% … %}` binds, names or loads.
    fn tag(&mut self, tokens: &[Tok<'_>], skip: &mut [bool]) {
        let Some(Tok::Ident(keyword)) = tokens.first() else {
            return;
        };
        mark(skip, 0);
        match *keyword {
            "set" | "set_global" => {
                if let Some(Tok::Ident(name)) = tokens.get(1) {
                    self.refs.bound.insert((*name).to_owned());
                    mark(skip, 1);
                }
            }
            "block" | "endblock" | "endcomponent" | "endmacro" | "filter" => {
                mark(skip, 1);
            }
            "include" | "extends" | "import" => self.template_names(tokens, skip),
            "component" | "macro" => self.definition(tokens, *keyword == "component", skip),
            _ => {}
        }
    }

    /// The names after `include`, `extends` or `import`; anything but literals is dynamic.
    fn template_names(&mut self, tokens: &[Tok<'_>], skip: &mut [bool]) {
        let mut names = Vec::new();
        let mut next = 2;
        match tokens.get(1) {
            Some(Tok::Str(Some(name))) => names.push(name.clone()),
            // Tera 1's first-found list, `["a", "b"]`.
            Some(Tok::LBracket) => loop {
                match (tokens.get(next), tokens.get(next + 1)) {
                    (Some(Tok::RBracket), _) => {
                        next += 1;
                        break;
                    }
                    (Some(Tok::Str(Some(name))), Some(Tok::Comma)) => {
                        names.push(name.clone());
                        next += 2;
                    }
                    (Some(Tok::Str(Some(name))), Some(Tok::RBracket)) => {
                        names.push(name.clone());
                        next += 2;
                        break;
                    }
                    _ => {
                        self.refs.dynamic = true;
                        return;
                    }
                }
            },
            _ => {
                self.refs.dynamic = true;
                return;
            }
        }
        match tokens.get(next..) {
            Some([]) => {}
            Some([Tok::Ident("ignore"), Tok::Ident("missing")]) => {
                mark(skip, next);
                mark(skip, next + 1);
            }
            Some([Tok::Ident("as"), Tok::Ident(alias)]) => {
                self.refs.bound.insert((*alias).to_owned());
                mark(skip, next);
                mark(skip, next + 1);
            }
            // `"a" ~ x` and the like: the name is computed after all.
            _ => {
                self.refs.dynamic = true;
                return;
            }
        }
        self.refs.uses.extend(names);
    }

    /// `{% component name(a, @b: type = default, ...rest) %}` or Tera 1's
    /// `{% macro name(a, b=default) %}`: the parameters are bound, an `@implicit` one also
    /// reads the caller's variable of that name.
    fn definition(&mut self, tokens: &[Tok<'_>], component: bool, skip: &mut [bool]) {
        let Some((_, mut at)) = dotted_name(tokens, 1) else {
            return;
        };
        mark(skip, 1);
        if tokens.get(at) != Some(&Tok::LParen) {
            return;
        }
        if component {
            self.refs.bound.insert("body".to_owned());
        }
        at += 1;
        loop {
            let implicit = tokens.get(at) == Some(&Tok::At);
            if matches!(tokens.get(at), Some(Tok::At | Tok::Spread)) {
                at += 1;
            }
            if let Some(Tok::Ident(param)) = tokens.get(at) {
                mark(skip, at);
                self.refs.bound.insert((*param).to_owned());
                if implicit && self.roots.contains(param) {
                    self.refs.accesses.push(Access {
                        root: (*param).to_owned(),
                        path: Vec::new(),
                    });
                }
                at += 1;
                if tokens.get(at) == Some(&Tok::Colon)
                    && matches!(tokens.get(at + 1), Some(Tok::Ident(_)))
                {
                    mark(skip, at + 1);
                    at += 2;
                }
            }
            // A default is a literal; its tokens are still scanned like any expression.
            let mut depth = 0usize;
            loop {
                match tokens.get(at) {
                    None => return,
                    Some(Tok::RParen) if depth == 0 => return,
                    Some(Tok::Comma) if depth == 0 => {
                        at += 1;
                        break;
                    }
                    Some(Tok::LParen | Tok::LBracket | Tok::OptLBracket | Tok::LBrace) => {
                        depth += 1;
                    }
                    Some(Tok::RParen | Tok::RBracket | Tok::RBrace) => {
                        depth = depth.saturating_sub(1);
                    }
                    Some(_) => {}
                }
                at += 1;
            }
        }
    }

    /// An identifier in expression position: a bound name, a read, or neither.
    fn ident(&mut self, tokens: &[Tok<'_>], i: usize, name: &str, skip: &mut [bool]) {
        if name == "__tera_context" {
            self.refs.dynamic = true;
        }
        let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
        if matches!(prev, Some(Tok::Dot | Tok::OptDot)) {
            return;
        }
        if name == "for" {
            self.loop_variables(tokens, i + 1, skip);
            return;
        }
        if skip.get(i).copied().unwrap_or(true) || LITERALS.contains(&name) {
            return;
        }
        // A filter or a test is named by an identifier, never read from the context.
        if matches!(prev, Some(Tok::Pipe)) || is_test_name(tokens, i) {
            return;
        }
        // `name=` is a keyword argument, a component attribute or a `set` target; `name(`
        // calls a function. Tera has no other place for either.
        if matches!(tokens.get(i + 1), Some(Tok::Assign | Tok::LParen)) {
            return;
        }
        if self.roots.contains(&name) {
            self.refs.accesses.push(Access {
                root: name.to_owned(),
                path: follow(tokens, i + 1),
            });
        }
    }

    /// `for x in`, `for k, v in` in a tag or a list comprehension, starting after `for`.
    fn loop_variables(&mut self, tokens: &[Tok<'_>], at: usize, skip: &mut [bool]) {
        self.refs.bound.insert("loop".to_owned());
        if let Some(Tok::Ident(value)) = tokens.get(at) {
            self.refs.bound.insert((*value).to_owned());
            mark(skip, at);
            if let (Some(Tok::Comma), Some(Tok::Ident(other))) =
                (tokens.get(at + 1), tokens.get(at + 2))
            {
                self.refs.bound.insert((*other).to_owned());
                mark(skip, at + 2);
            }
        }
    }
}

/// Marks the identifier at `at` as not a read.
fn mark(skip: &mut [bool], at: usize) {
    if let Some(flag) = skip.get_mut(at) {
        *flag = true;
    }
}

/// A name like `ui.button` starting at `at`, with the index after it. Only its first part
/// ever needs marking as not a read: the others follow a dot.
fn dotted_name(tokens: &[Tok<'_>], at: usize) -> Option<(String, usize)> {
    let Some(Tok::Ident(first)) = tokens.get(at) else {
        return None;
    };
    let mut name = (*first).to_owned();
    let mut next = at + 1;
    while let (Some(Tok::Dot), Some(Tok::Ident(part))) = (tokens.get(next), tokens.get(next + 1)) {
        name.push('.');
        name.push_str(part);
        next += 2;
    }
    Some((name, next))
}

/// Whether the `<` at `i` starts a component call (`<name …/>`) rather than comparing: it
/// does where an expression starts. Unsure cases count as calls, which only costs precision.
fn opens_component_call(tokens: &[Tok<'_>], i: usize, kind: RegionKind) -> bool {
    if !matches!(tokens.get(i + 1), Some(Tok::Ident(_))) {
        return false;
    }
    match i.checked_sub(1).and_then(|p| tokens.get(p)) {
        None => true,
        // The tag keyword itself, as in `{% if <check /> %}`.
        Some(Tok::Ident(_)) if i == 1 && kind == RegionKind::Tag => true,
        Some(Tok::Ident(word)) => PREFIX_WORDS.contains(word),
        Some(
            Tok::Str(_) | Tok::Int(_) | Tok::Float | Tok::RParen | Tok::RBracket | Tok::RBrace,
        ) => false,
        Some(_) => true,
    }
}

/// Whether the identifier at `i` names a test: `x is name`, `x is not name`.
fn is_test_name(tokens: &[Tok<'_>], i: usize) -> bool {
    let before = |back: usize| i.checked_sub(back).and_then(|p| tokens.get(p));
    match before(1) {
        Some(Tok::Ident("is")) => true,
        Some(Tok::Ident("not")) => matches!(before(2), Some(Tok::Ident("is"))),
        _ => false,
    }
}

/// The keys followed from a root whose first following token is at `at`.
fn follow(tokens: &[Tok<'_>], mut at: usize) -> Vec<Segment> {
    let mut path = Vec::new();
    loop {
        match tokens.get(at) {
            Some(Tok::Dot | Tok::OptDot) => match attribute_key(tokens.get(at + 1)) {
                Some(key) => {
                    path.push(Segment::Key(key));
                    at += 2;
                }
                None => break,
            },
            Some(Tok::LBracket | Tok::OptLBracket) => match subscript(tokens, at + 1) {
                Some((segment, after)) => {
                    path.push(segment);
                    at = after;
                }
                None => break,
            },
            _ => break,
        }
    }
    path
}

/// The key after a dot: a name, or digits (`x.0`).
fn attribute_key(token: Option<&Tok<'_>>) -> Option<String> {
    match token? {
        Tok::Ident(name) => Some((*name).to_owned()),
        Tok::Int(digits) => index_key(digits),
        _ => None,
    }
}

/// A literal subscript: a string, or an integer in decimal.
fn literal_key(token: Option<&Tok<'_>>) -> Option<String> {
    match token? {
        Tok::Str(Some(key)) => Some(key.clone()),
        Tok::Int(digits) => index_key(digits),
        _ => None,
    }
}

/// `007` is the integer 7 to Tera, so the key is `7`; one too large for Tera is no key.
fn index_key(digits: &str) -> Option<String> {
    digits.parse::<i64>().ok().map(|n| n.to_string())
}

/// The subscript whose first token is at `at` (just after `[`), when it is a literal key
/// or a plain path, with the index after its `]`.
fn subscript(tokens: &[Tok<'_>], at: usize) -> Option<(Segment, usize)> {
    if let Some(key) = literal_key(tokens.get(at))
        && tokens.get(at + 1) == Some(&Tok::RBracket)
    {
        return Some((Segment::Key(key), at + 2));
    }
    let Some(Tok::Ident(root)) = tokens.get(at) else {
        return None;
    };
    if LITERALS.contains(root) || PREFIX_WORDS.contains(root) {
        return None;
    }
    let mut path = Vec::new();
    let mut next = at + 1;
    loop {
        match tokens.get(next)? {
            Tok::RBracket => {
                let root = (*root).to_owned();
                return Some((Segment::Ref { root, path }, next + 1));
            }
            Tok::Dot => {
                path.push(attribute_key(tokens.get(next + 1))?);
                next += 2;
            }
            Tok::LBracket => {
                path.push(literal_key(tokens.get(next + 1))?);
                if tokens.get(next + 2) != Some(&Tok::RBracket) {
                    return None;
                }
                next += 3;
            }
            _ => return None,
        }
    }
}

/// Names of the components this template defines.
fn defined_components(regions: &[Region<'_>]) -> HashSet<String> {
    regions
        .iter()
        .filter(|region| region.kind == RegionKind::Tag)
        .filter(|region| region.tokens.first() == Some(&Tok::Ident("component")))
        .filter_map(|region| dotted_name(&region.tokens, 1).map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    const ROOTS: &[&str] = &["data", "page", "site", "locale", "alternates"];

    fn key(name: &str) -> Segment {
        Segment::Key(name.to_owned())
    }

    fn reference(root: &str, path: &[&str]) -> Segment {
        Segment::Ref {
            root: root.to_owned(),
            path: path.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    fn access(root: &str, path: Vec<Segment>) -> Access {
        Access {
            root: root.to_owned(),
            path,
        }
    }

    /// `data.a.b` → an access with those keys, for short expectations.
    fn dotted(path: &str) -> Access {
        let mut parts = path.split('.');
        let root = parts.next().unwrap_or_default();
        access(root, parts.map(key).collect())
    }

    fn accesses(source: &str) -> Vec<Access> {
        scan(source, ROOTS).accesses
    }

    fn bound(source: &str) -> Vec<String> {
        scan(source, ROOTS).bound.into_iter().collect()
    }

    #[test]
    fn follows_attributes_and_a_path_subscript() {
        assert_eq!(
            accesses("{{ data.facts[page.extra.fact].date }}"),
            vec![
                access(
                    "data",
                    vec![
                        key("facts"),
                        reference("page", &["extra", "fact"]),
                        key("date")
                    ]
                ),
                dotted("page.extra.fact"),
            ]
        );
    }

    #[test]
    fn a_filter_ends_the_path() {
        assert_eq!(
            accesses("{{ data.facts | length }}"),
            vec![dotted("data.facts")]
        );
    }

    #[test]
    fn a_bare_root_depends_on_all_of_it() {
        assert_eq!(accesses("{{ data }}"), vec![dotted("data")]);
        assert_eq!(
            accesses("{{ t(id=\"x\", args=data) }}"),
            vec![dotted("data")]
        );
    }

    #[test]
    fn an_expression_subscript_ends_the_path_and_is_scanned_itself() {
        assert_eq!(
            accesses("{{ data.x[data.y | first].z }}"),
            vec![dotted("data.x"), dotted("data.y")]
        );
        assert_eq!(accesses("{{ data.x[1 + 2] }}"), vec![dotted("data.x")]);
    }

    #[test]
    fn a_path_subscript_on_a_root_is_also_its_own_read() {
        assert_eq!(
            accesses("{{ data.versions[data.source] }}"),
            vec![
                access(
                    "data",
                    vec![key("versions"), reference("data", &["source"])]
                ),
                dotted("data.source"),
            ]
        );
    }

    #[test]
    fn a_path_subscript_may_hold_literal_keys() {
        assert_eq!(
            accesses("{{ data.v[x.b[\"c\"][2]] }}"),
            vec![access(
                "data",
                vec![key("v"), reference("x", &["b", "c", "2"])]
            )]
        );
    }

    #[test]
    fn nested_path_subscripts_stop_the_outer_path() {
        assert_eq!(
            accesses("{{ data.a[data.b[data.c]] }}"),
            vec![
                dotted("data.a"),
                access("data", vec![key("b"), reference("data", &["c"])]),
                dotted("data.c"),
            ]
        );
    }

    #[test]
    fn literal_subscripts_are_keys() {
        assert_eq!(
            accesses("{{ data[\"a\"]['b'][`c`][3][007] }}"),
            vec![access(
                "data",
                vec![key("a"), key("b"), key("c"), key("3"), key("7")]
            )]
        );
        assert_eq!(
            accesses(r#"{{ data["a\"b"] }}"#),
            vec![access("data", vec![key("a\"b")])]
        );
    }

    #[test]
    fn subscripts_that_are_not_keys_stop_the_path() {
        for source in [
            "{{ data.x[-1] }}",
            "{{ data.x[1.5] }}",
            "{{ data.x[true] }}",
            "{{ data.x[none] }}",
            "{{ data.x[1:2] }}",
            "{{ data.x[:2] }}",
            "{{ data.x[a:b] }}",
            "{{ data.x[f(a=1)] }}",
            "{{ data.x[a ~ b] }}",
            "{{ data.x[\"bad \\q escape\"] }}",
            "{{ data.x[99999999999999999999] }}",
        ] {
            assert_eq!(accesses(source), vec![dotted("data.x")], "{source}");
        }
    }

    #[test]
    fn a_numeric_attribute_is_a_key() {
        assert_eq!(
            accesses("{{ data.x.0 }}"),
            vec![access("data", vec![key("x"), key("0")])]
        );
        assert_eq!(
            accesses("{{ data.x.0.1.y }}"),
            vec![access("data", vec![key("x"), key("0"), key("1"), key("y")])]
        );
    }

    #[test]
    fn optional_access_is_followed() {
        assert_eq!(
            accesses("{{ data?.x?[\"y\"].z }}"),
            vec![dotted("data.x.y.z")]
        );
    }

    #[test]
    fn whitespace_between_tokens_does_not_matter() {
        assert_eq!(
            accesses("{{ data . x [ \"y\" ] }}"),
            vec![dotted("data.x.y")]
        );
    }

    #[test]
    fn comments_are_not_code() {
        assert_eq!(
            accesses("{# {{ data.x }} #}{{ page.y }}"),
            vec![dotted("page.y")]
        );
        assert_eq!(accesses("{#- data.x -#}"), vec![]);
        assert_eq!(accesses("{# never closed {{ data.x }}"), vec![]);
    }

    #[test]
    fn raw_blocks_are_not_code() {
        assert_eq!(
            accesses("{% raw %}{{ data.x }}{% endraw %}{{ data.y }}"),
            vec![dotted("data.y")]
        );
        assert_eq!(
            accesses("{%- raw -%}{% if data.x %}{%- endraw -%}{{ data.y }}"),
            vec![dotted("data.y")]
        );
        assert_eq!(
            accesses("{% raw %}{% endraw x %}{{ data.x }}{% endraw %}{{ data.y }}"),
            vec![dotted("data.y")]
        );
    }

    #[test]
    fn strings_are_not_code() {
        assert_eq!(
            accesses("{{ \"data.x\" ~ 'data.y' ~ `data.z` ~ \"a\\\"data.w\" }}"),
            vec![]
        );
    }

    #[test]
    fn delimiters_inside_strings_do_not_end_a_region() {
        assert_eq!(
            accesses("{{ \"}}\" ~ data.x }}{% if \"%}\" == data.y %}{% endif %}"),
            vec![dotted("data.x"), dotted("data.y")]
        );
        assert_eq!(accesses("{{ \"{#\" ~ data.x }}"), vec![dotted("data.x")]);
    }

    #[test]
    fn each_region_ends_only_at_its_own_delimiter() {
        // `%}` inside `{{ … }}` is two operators, so `data.y` is still code.
        assert_eq!(
            accesses("{{ data.x %} data.y }}"),
            vec![dotted("data.x"), dotted("data.y")]
        );
        assert_eq!(accesses("{% if x }} data.y %}"), vec![dotted("data.y")]);
    }

    #[test]
    fn whitespace_control_forms_are_code() {
        assert_eq!(
            accesses("{{- data.a -}} {%- if data.b -%}{%- endif -%} {{ data.c-}}"),
            vec![dotted("data.a"), dotted("data.b"), dotted("data.c")]
        );
    }

    #[test]
    fn text_is_never_code() {
        assert_eq!(
            accesses("<div data-x=\"1\" data=\"2\">data.x {data} page</div>"),
            vec![]
        );
    }

    #[test]
    fn an_attribute_named_like_a_root_is_not_a_read() {
        assert_eq!(accesses("{{ foo.data }}"), vec![]);
        assert_eq!(accesses("{{ foo?.data.x }}"), vec![]);
        assert_eq!(accesses("{{ page.data.x }}"), vec![dotted("page.data.x")]);
    }

    #[test]
    fn keyword_argument_names_are_not_reads() {
        assert_eq!(accesses("{{ t(id=\"x\", data=1) }}"), vec![]);
        assert_eq!(
            accesses("{{ t(id=\"x\", data=data.y) }}"),
            vec![dotted("data.y")]
        );
        assert_eq!(
            accesses("{{ x | default(value=data.fallback) }}"),
            vec![dotted("data.fallback")]
        );
    }

    #[test]
    fn an_equality_test_is_a_read() {
        assert_eq!(
            accesses("{% if data == 1 %}{% endif %}"),
            vec![dotted("data")]
        );
        assert_eq!(
            accesses("{% if data != 1 %}{% endif %}"),
            vec![dotted("data")]
        );
    }

    #[test]
    fn filter_test_and_function_names_are_not_reads() {
        assert_eq!(accesses("{{ x | data }}"), vec![]);
        assert_eq!(accesses("{% filter data %}x{% endfilter %}"), vec![]);
        assert_eq!(accesses("{% if x is data %}{% endif %}"), vec![]);
        assert_eq!(accesses("{{ data() }}"), vec![]);
    }

    #[test]
    fn is_defined_tests_read_their_subject() {
        assert_eq!(
            accesses("{% if data.x is defined and page.y is not defined %}{% endif %}"),
            vec![dotted("data.x"), dotted("page.y")]
        );
        assert_eq!(
            accesses("{% if not data.x %}{% endif %}"),
            vec![dotted("data.x")]
        );
    }

    #[test]
    fn reads_are_found_everywhere_in_an_expression() {
        let source = "{% if data.a and page.b or (site.c + 1) > 2 %}\
                      {{ f(x=[data.d, {\"k\": data.e}]) | g(y=page.f) }}\
                      {{ page.g if data.h else site.i }}\
                      {% elif data.j %}{% endif %}";
        assert_eq!(
            accesses(source),
            vec![
                dotted("data.a"),
                dotted("page.b"),
                dotted("site.c"),
                dotted("data.d"),
                dotted("data.e"),
                dotted("page.f"),
                dotted("page.g"),
                dotted("data.h"),
                dotted("site.i"),
                dotted("data.j"),
            ]
        );
    }

    #[test]
    fn spreads_are_reads() {
        assert_eq!(
            accesses("{% set m = {...data.base, \"a\": 1} %}{{ [...page.list] }}"),
            vec![dotted("data.base"), dotted("page.list")]
        );
    }

    #[test]
    fn for_loops_bind_their_variables() {
        let refs = scan("{% for k, v in data.exchange %}{{ v }}{% endfor %}", ROOTS);
        assert_eq!(refs.accesses, vec![dotted("data.exchange")]);
        assert_eq!(
            refs.bound.into_iter().collect::<Vec<_>>(),
            vec!["k", "loop", "v"]
        );
        assert_eq!(
            bound("{% for x in page.items %}{% endfor %}"),
            vec!["loop", "x"]
        );
    }

    #[test]
    fn a_loop_variable_named_like_a_root_is_bound_not_read() {
        let refs = scan("{% for data in page.items %}{% endfor %}", ROOTS);
        assert_eq!(refs.accesses, vec![dotted("page.items")]);
        assert!(refs.bound.contains("data"));
    }

    #[test]
    fn list_comprehensions_bind_their_variables() {
        let refs = scan("{{ [d.name for d in data.items if d.on] }}", ROOTS);
        assert_eq!(refs.accesses, vec![dotted("data.items")]);
        assert!(refs.bound.contains("d"));
    }

    #[test]
    fn set_binds_and_reads_its_value() {
        let refs = scan("{% set fact = data.facts[page.extra.fact] %}", ROOTS);
        assert_eq!(
            refs.accesses,
            vec![
                access(
                    "data",
                    vec![key("facts"), reference("page", &["extra", "fact"])]
                ),
                dotted("page.extra.fact"),
            ]
        );
        assert_eq!(refs.bound.into_iter().collect::<Vec<_>>(), vec!["fact"]);
    }

    #[test]
    fn every_set_form_binds() {
        assert_eq!(bound("{% set_global total = 1 %}"), vec!["total"]);
        assert_eq!(bound("{% set data %}x{% endset %}"), vec!["data"]);
        assert_eq!(bound("{%- set note | upper -%}x{% endset %}"), vec!["note"]);
        assert_eq!(bound("{% set data = page.x %}"), vec!["data"]);
    }

    #[test]
    fn macros_bind_their_parameters() {
        let refs = scan(
            "{% macro card(item, data=1, size=\"s\") %}{{ item.x }}{% endmacro card %}",
            ROOTS,
        );
        assert_eq!(refs.accesses, vec![]);
        assert_eq!(
            refs.bound.into_iter().collect::<Vec<_>>(),
            vec!["data", "item", "size"]
        );
    }

    #[test]
    fn components_bind_their_parameters_and_implicit_ones_read() {
        let source = "{% component ui.card(title, @page: map, count: integer = 1, \
                      tags = [\"a\", \"b\"], ...rest) { \"doc\": \"x\" } %}\
                      {{ body }}{{ title }}{% endcomponent ui.card %}\
                      {{ <ui.card title=\"x\" /> }}";
        let refs = scan(source, ROOTS);
        assert_eq!(refs.accesses, vec![dotted("page")]);
        assert_eq!(
            refs.bound.into_iter().collect::<Vec<_>>(),
            vec!["body", "count", "page", "rest", "tags", "title"]
        );
        assert!(!refs.dynamic);
    }

    #[test]
    fn a_component_from_another_template_is_dynamic() {
        let refs = scan("{{ <card title={data.x} page /> }}", ROOTS);
        assert!(refs.dynamic);
        assert_eq!(refs.accesses, vec![dotted("data.x"), dotted("page")]);
        assert!(scan("{% <card> %}{{ data.y }}{% </card> %}", ROOTS).dynamic);
        assert!(scan("{% if <check /> %}{% endif %}", ROOTS).dynamic);
        assert!(scan("{{ x if y else <card /> }}", ROOTS).dynamic);
    }

    #[test]
    fn a_component_named_like_a_root_still_counts_as_a_read() {
        let refs = scan("{{ if < data }}", ROOTS);
        assert!(refs.dynamic);
        assert_eq!(refs.accesses, vec![dotted("data")]);
    }

    #[test]
    fn a_comparison_is_not_a_component_call() {
        let refs = scan(
            "{% if data.a < data.b and 1 < page.c and (x) < site %}{% endif %}",
            ROOTS,
        );
        assert!(!refs.dynamic);
        assert_eq!(
            refs.accesses,
            vec![
                dotted("data.a"),
                dotted("data.b"),
                dotted("page.c"),
                dotted("site")
            ]
        );
    }

    #[test]
    fn the_context_dump_is_dynamic() {
        assert!(scan("{{ __tera_context }}", ROOTS).dynamic);
        assert!(scan("{{ __tera_context | json }}", &[]).dynamic);
        assert!(!scan("{{ \"__tera_context\" }}", ROOTS).dynamic);
    }

    #[test]
    fn literal_template_names_are_uses() {
        let refs = scan(
            "{% extends \"base.html\" %}{% include \"a.html\" %}{% include 'a.html' %}\
             {% include [\"b.html\", \"c.html\",] %}{% include \"d.html\" ignore missing %}\
             {% import \"m.html\" as m %}",
            ROOTS,
        );
        assert_eq!(
            refs.uses,
            vec![
                "base.html",
                "a.html",
                "b.html",
                "c.html",
                "d.html",
                "m.html"
            ]
        );
        assert!(refs.bound.contains("m"));
        assert!(!refs.dynamic);
    }

    #[test]
    fn a_computed_template_name_is_dynamic() {
        for source in [
            "{% include page.template %}",
            "{% include name %}",
            "{% include \"a\" ~ page.x %}",
            "{% include [\"a\", name] %}",
            "{% extends layout %}",
            "{% import macros as m %}",
            "{% include %}",
        ] {
            assert!(scan(source, ROOTS).dynamic, "{source}");
        }
        assert_eq!(
            accesses("{% include page.template %}"),
            vec![dotted("page.template")]
        );
    }

    #[test]
    fn block_names_are_not_reads() {
        assert_eq!(
            accesses("{% block data %}{{ page.x }}{% endblock data %}"),
            vec![dotted("page.x")]
        );
    }

    #[test]
    fn an_operator_word_in_operand_position_is_a_read() {
        // Tera parses `in` here as a variable; a root with such a name is odd, not unreadable.
        assert_eq!(
            scan("{% if in %}{% endif %}", &["in"]).accesses,
            vec![dotted("in")]
        );
    }

    #[test]
    fn only_requested_roots_are_reported() {
        let refs = scan("{{ data.x }}{{ page.y }}{{ other.z }}", &["page"]);
        assert_eq!(refs.accesses, vec![dotted("page.y")]);
    }

    #[test]
    fn repeated_reads_are_reported_once() {
        assert_eq!(
            accesses("{{ data.x }}{{ data.x }}{{ data.y }}{{ data.x }}"),
            vec![dotted("data.x"), dotted("data.y")]
        );
    }

    #[test]
    fn broken_templates_give_what_was_found() {
        assert_eq!(accesses("{{ data.x"), vec![dotted("data.x")]);
        assert_eq!(
            accesses("{{ data.x \"unclosed data.y }}"),
            vec![dotted("data.x")]
        );
        assert_eq!(accesses("{% raw %}{{ data.x }}"), vec![]);
        assert_eq!(
            accesses("{{ data.é.x ; data.y }}"),
            vec![dotted("data"), dotted("data.y")]
        );
        assert_eq!(accesses("{{ data.x["), vec![dotted("data.x")]);
        assert_eq!(
            accesses("{{ data.x[page"),
            vec![dotted("data.x"), dotted("page")]
        );
        assert_eq!(scan("", ROOTS), TemplateRefs::default());
        assert_eq!(scan("{", ROOTS), TemplateRefs::default());
        assert_eq!(scan("{{-", ROOTS), TemplateRefs::default());
    }

    /// Every template of both themes scans without `dynamic`, and the reads through a
    /// computed key come out as `Ref`s.
    #[test]
    fn scans_the_theme_templates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let computed_version = [
            key("exchange"),
            key("versions"),
            reference("data", &["exchange", "source"]),
        ];
        let mut found_ref = false;
        let mut scanned = 0;
        for dir in [
            "themes/stele/templates",
            "src/cli/starter/themes/basic/templates",
        ] {
            let entries = std::fs::read_dir(root.join(dir)).expect("theme templates");
            for entry in entries {
                let path = entry.expect("directory entry").path();
                if path.extension().and_then(|e| e.to_str()) != Some("html") {
                    continue;
                }
                let source = std::fs::read_to_string(&path).expect("template text");
                let refs = scan(&source, ROOTS);
                assert!(!refs.dynamic, "{} is dynamic", path.display());
                scanned += 1;
                found_ref |= refs
                    .accesses
                    .iter()
                    .any(|read| read.root == "data" && read.path.starts_with(&computed_version));
            }
        }
        assert!(scanned >= 14, "only {scanned} templates");
        assert!(found_ref);
    }

    #[test]
    fn a_theme_template_reports_its_reads_and_uses() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/stele/templates/version.html");
        let source = std::fs::read_to_string(path).expect("template text");
        let refs = scan(&source, ROOTS);
        assert!(refs.uses.contains(&"docs.html".to_owned()));
        assert!(refs.uses.contains(&"_features.html".to_owned()));
        assert!(refs.accesses.contains(&dotted("data.exchange")));
        assert!(refs.bound.contains("ex"));
    }

    /// Every scalar in `value` with its path, array positions written in decimal.
    fn leaves(value: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match value {
            serde_json::Value::Object(map) => {
                for (name, child) in map {
                    path.push(name.clone());
                    leaves(child, path, out);
                    path.pop();
                }
            }
            serde_json::Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(index.to_string());
                    leaves(child, path, out);
                    path.pop();
                }
            }
            _ => out.push(path.clone()),
        }
    }

    /// A different scalar of the same type, so a template that ignores it renders the same.
    fn mutated(value: &serde_json::Value, path: &[String]) -> serde_json::Value {
        let mut value = value.clone();
        let mut slot = &mut value;
        for step in path {
            slot = match slot {
                serde_json::Value::Object(map) => map.get_mut(step).expect("object key"),
                serde_json::Value::Array(items) => items
                    .get_mut(step.parse::<usize>().expect("index"))
                    .expect("item"),
                _ => unreachable!("paths only go through containers"),
            };
        }
        *slot = match slot.take() {
            serde_json::Value::Number(n) => serde_json::json!(n.as_i64().unwrap_or(0) + 100),
            serde_json::Value::String(s) => serde_json::json!(format!("{s}!")),
            serde_json::Value::Bool(b) => serde_json::json!(!b),
            other => other,
        };
        value
    }

    /// Whether a read with `path` can see the leaf at `leaf`; a `Ref` may be any key.
    fn covers(path: &[Segment], leaf: &[String]) -> bool {
        path.iter().zip(leaf).all(|(segment, step)| match segment {
            Segment::Key(key) => key == step,
            Segment::Ref { .. } => true,
        })
    }

    /// The soundness promise checked against Tera itself: changing any value no reported
    /// read can see leaves the rendered text unchanged.
    #[test]
    fn values_no_read_covers_never_change_the_render() {
        let data = serde_json::json!({
            "a": {"b": 1, "c": "x"},
            "m": {"p": "q", "r": "s"},
            "k": "p",
            "list": [1, 2, 3],
            "flag": true,
            "other": {"x": "hi", "y": "unused"},
            "idx": 0,
            "unused": {"deep": 5},
        });
        let templates = [
            "{{ data.a.b }}",
            "{% for k, v in data.m %}{{ k }}={{ v }};{% endfor %}",
            "{% set s = data.m[data.k] %}{{ s }}",
            "{{ data.list | length }} {{ data.list[1] }}",
            "{% if data.flag is defined and data.flag %}y{% else %}{{ data.other.x }}{% endif %}",
            "{{ [v * 2 for v in data.list if v > 1] }}",
            "{{ data.a.b if data.flag else data.m.p }}",
            "{{ data[\"a\"]['c'] ~ data.m[data.k] }}",
            "{% set_global t = 0 %}{% for i in data.list %}{% set_global t = t + i %}\
             {% endfor %}{{ t }}",
            "{% filter upper %}{{ data.other.x }}{% endfilter %}",
            "{{ data.list[data.idx] }}",
            "{{ data.list[-1] }}",
            "{{ data.list[1:] }}",
            "{{ data.m[data.k | lower] }}",
            "{{- data?.m?.p -}} {# {{ data.other.y }} #}{% raw %}{{ data.a.c }}{% endraw %}",
            "{% component c(v, w = 1) %}{{ v }}-{{ w }}{% endcomponent c %}\
             {{ <c v={data.m.p} /> }}",
        ];
        let mut all_leaves = Vec::new();
        leaves(&data, &mut Vec::new(), &mut all_leaves);
        let render = |source: &str, data: &serde_json::Value| {
            let mut tera = tera::Tera::default();
            tera.add_raw_template("t", source)
                .expect("a valid template");
            let mut context = tera::Context::new();
            context.insert("data", data);
            tera.render("t", &context).expect("renders")
        };
        for source in templates {
            let refs = scan(source, &["data"]);
            assert!(!refs.dynamic, "{source}");
            let expected = render(source, &data);
            let mut untouched = 0;
            for leaf in &all_leaves {
                if refs.accesses.iter().any(|read| covers(&read.path, leaf)) {
                    continue;
                }
                untouched += 1;
                let changed = render(source, &mutated(&data, leaf));
                assert_eq!(
                    changed,
                    expected,
                    "{source}: data.{} is read",
                    leaf.join(".")
                );
            }
            assert!(untouched > 0, "{source} reads everything");
        }
    }

    /// Pieces of template syntax, so cases reach every branch of the lexer and scanner.
    const FRAGMENTS: &[&str] = &[
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        "-",
        " raw ",
        " endraw ",
        "data",
        "page",
        "for",
        "component",
        "include",
        "set",
        "is not",
        "<",
        "</",
        "@",
        "...",
        "?.",
        "?[",
    ];

    /// Strings built from [`FRAGMENTS`] and a few loose characters.
    fn templateish() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
                "[.\\[\\](){}=|,:\"'`\\\\0-9a-z é]{0,3}",
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_on_any_text(source in any::<String>()) {
            let _ = scan(&source, ROOTS);
        }

        #[test]
        fn never_panics_on_template_like_text(source in templateish()) {
            let refs = scan(&source, ROOTS);
            for read in refs.accesses {
                prop_assert!(ROOTS.contains(&read.root.as_str()));
            }
        }
    }
}
