//! Stage 2 helper: bounds on the work one page's templates may do while they render.
//!
//! Tera has no step limit of its own, and a loop that writes nothing, or a value built up
//! in `set`, never reaches the page-size limit of the output. So the theme is compiled
//! with two filters of Stele's added to its tags: every `{% for … in EXPR %}` counts the
//! passes it is about to make against [`MAX_LOOP_PASSES`] for the page, before making
//! them, and every `{% set NAME = EXPR %}` refuses a value larger than [`MAX_VALUE_BYTES`].
//! The added text moves what follows it on its line; [`Shift`]s record by how much, so
//! errors still point at the author's own columns.

use std::cell::Cell;

use tera::{Kwargs, State, Tera, TeraResult, Value};

/// The most loop passes one page may make, counting every pass of every loop.
pub(crate) const MAX_LOOP_PASSES: usize = 10_000_000;

/// The most bytes one value built by `{% set %}` may have.
pub(crate) const MAX_VALUE_BYTES: usize = 64 << 20;

/// The filter counting a loop's passes.
const PASSES_FILTER: &str = "__stele_passes";
/// The filter measuring a value being set.
const SIZE_FILTER: &str = "__stele_sized";

/// Words that start the messages of this module's errors, to tell them from others.
pub(crate) const LOOP_LIMIT_MESSAGE: &str = "the loops of this page would run more than";
pub(crate) const VALUE_LIMIT_MESSAGE: &str = "a value set here grew past";

thread_local! {
    /// Loop passes made by the page rendering on this thread.
    static PASSES: Cell<usize> = const { Cell::new(0) };
}

/// Starts the count of a new page on this thread.
pub(crate) fn start_page() {
    PASSES.with(|passes| passes.set(0));
}

/// Text added to a template at one place: its line, the column (1-based, in the text with
/// the addition) where it starts, and its length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    pub line: u32,
    pub column: u32,
    pub length: u32,
}

/// The column of the author's text that `column` of `line` in the compiled text stands
/// for: additions before it on the line are taken away, and a place inside an addition is
/// the place the addition was made.
pub(crate) fn original_column(shifts: &[Shift], line: u32, column: u32) -> u32 {
    let mut original = column;
    for shift in shifts.iter().filter(|shift| shift.line == line) {
        if column >= shift.column + shift.length {
            original -= shift.length;
        } else if column >= shift.column {
            original -= column - shift.column;
        }
    }
    original
}

/// Registers the filters the added text calls.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter(PASSES_FILTER, count_passes);
    tera.register_filter(SIZE_FILTER, check_size);
}

fn count_passes(value: &Value, _kwargs: Kwargs, _state: &State) -> TeraResult<Value> {
    let coming = value.len().unwrap_or(0);
    let total = PASSES.with(|passes| {
        let total = passes.get().saturating_add(coming);
        passes.set(total);
        total
    });
    if total > MAX_LOOP_PASSES {
        return Err(tera::Error::message(format!(
            "{LOOP_LIMIT_MESSAGE} {MAX_LOOP_PASSES} passes (this loop adds {coming})"
        )));
    }
    Ok(value.clone())
}

fn check_size(value: &Value, _kwargs: Kwargs, _state: &State) -> TeraResult<Value> {
    // Strings are what grows by joining; a list or map only counts its entries here, the
    // strings in it were measured when they were set.
    let size = value
        .as_str()
        .map_or_else(|| value.len().unwrap_or(0), str::len);
    if size > MAX_VALUE_BYTES {
        return Err(tera::Error::message(format!(
            "{VALUE_LIMIT_MESSAGE} {} MiB",
            MAX_VALUE_BYTES >> 20
        )));
    }
    Ok(value.clone())
}

/// `text` with the bounding filters added to its `for` and `set` tags, and where text was
/// added. Tags are found the way [`crate::load::theme::growing_sets`] finds them; `raw`
/// blocks and comments are left alone.
pub fn bounded(text: &str) -> (String, Vec<Shift>) {
    let mut out = String::with_capacity(text.len() + 256);
    let mut shifts = Vec::new();
    // The end of the part of `text` already copied to `out`.
    let mut copied = 0;
    let mut from = 0;
    let mut line = 1u32;
    let mut line_start_out = 0usize;
    let insert = |out: &mut String, at: usize, piece: &str, copied: &mut usize| {
        out.push_str(&text[*copied..at]);
        *copied = at;
        out.push_str(piece);
    };
    while let Some(open) = next_tag(text, from) {
        // `{%}` is an opening whose `%` is no part of a close.
        let Some(close) = text[open + 2..].find("%}").map(|at| open + 2 + at) else {
            break;
        };
        // The tag's words, without its delimiters and whitespace control.
        let start = open
            + 2
            + text[open + 2..close]
                .find(|c: char| c != '-' && !c.is_whitespace())
                .unwrap_or(close - open - 2);
        let end = text[..close]
            .trim_end_matches(|c: char| c == '-' || c.is_whitespace())
            .len()
            .max(start);
        let inner = &text[start..end];
        let word = inner.split_whitespace().next().unwrap_or("");
        let expression = match word {
            "for" => loop_expression(inner).map(|offset| (start + offset, PASSES_FILTER)),
            "set" | "set_global" => {
                set_expression(inner).map(|offset| (start + offset, SIZE_FILTER))
            }
            "raw" => {
                // Nothing inside `{% raw %}` is a tag.
                from = text[close..]
                    .find("endraw")
                    .map_or(text.len(), |at| close + at);
                continue;
            }
            _ => None,
        };
        if let Some((expression_start, filter)) = expression {
            for (at, piece) in [
                (expression_start, "(".to_string()),
                (end, format!(") | {filter}")),
            ] {
                // Lines and columns of the addition, counted in the new text.
                line += text[copied..at].matches('\n').count() as u32;
                insert(&mut out, at, "", &mut copied);
                if let Some(newline) = out.rfind('\n').filter(|&n| n >= line_start_out) {
                    line_start_out = newline + 1;
                }
                let column = out[line_start_out..].chars().count() as u32 + 1;
                out.push_str(&piece);
                shifts.push(Shift {
                    line,
                    column,
                    length: piece.chars().count() as u32,
                });
            }
        }
        from = close + 2;
    }
    out.push_str(&text[copied..]);
    (out, shifts)
}

/// The next `{%` at or after `from` that opens a tag, skipping comments.
fn next_tag(text: &str, mut from: usize) -> Option<usize> {
    loop {
        let tag = text[from..].find("{%").map(|at| from + at)?;
        match text[from..tag].find("{#").map(|at| from + at) {
            Some(comment) => {
                from = text[comment..]
                    .find("#}")
                    .map_or(text.len(), |at| comment + at + 2);
            }
            None => return Some(tag),
        }
    }
}

/// Where the iterated expression of `for a in EXPR` / `for k, v in EXPR` starts.
fn loop_expression(inner: &str) -> Option<usize> {
    let after_for = inner.find("for")? + 3;
    let rest = &inner[after_for..];
    let mut offset = after_for;
    for word in rest.split_inclusive(char::is_whitespace) {
        offset += word.len();
        if word.trim() == "in" {
            return (offset < inner.len()).then_some(offset);
        }
    }
    None
}

/// Where the value of `set NAME = EXPR` starts; `None` for `{% set NAME %}…{% endset %}`.
fn set_expression(inner: &str) -> Option<usize> {
    let equals = inner.find('=')?;
    let name = inner[..equals].split_whitespace().nth(1)?;
    let plain = name.chars().all(|c| c.is_alphanumeric() || c == '_');
    let value = inner[equals + 1..].trim_start();
    (plain && !value.is_empty() && !inner[equals..].starts_with("=="))
        .then(|| inner.len() - value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_go_around_loop_and_set_expressions() {
        let (text, shifts) = bounded(
            "{% for x in items | sort %}{{ x }}{% endfor %}\n\
             {%- for k, v in map -%}\n{% set a = b ~ c %}{% set_global n = 1 %}\
             {% set block %}x{% endset %}{# {% for y in z %} #}{% raw %}{% set q = 1 %}{% endraw %}",
        );
        assert_eq!(
            text,
            "{% for x in (items | sort) | __stele_passes %}{{ x }}{% endfor %}\n\
             {%- for k, v in (map) | __stele_passes -%}\n{% set a = (b ~ c) | __stele_sized %}\
             {% set_global n = (1) | __stele_sized %}\
             {% set block %}x{% endset %}{# {% for y in z %} #}{% raw %}{% set q = 1 %}{% endraw %}"
        );
        assert_eq!(shifts[0].column, 13);
        assert_eq!(shifts[2].line, 2);
        assert_eq!(shifts[4].line, 3);
        // `{{ x }}`: column 47 compiled, 28 in the author's text.
        assert_eq!(original_column(&shifts, 1, 47), 28);
        assert_eq!(original_column(&shifts, 1, 12), 12);
        assert_eq!(original_column(&shifts, 1, 14), 13);
        assert_eq!(original_column(&shifts, 1, 30), 25);
    }

    #[test]
    fn the_output_is_the_same_and_the_work_bounded() {
        let mut tera = Tera::new();
        register(&mut tera);
        let source = "{% set s = \"ab\" %}{% for i in range(end=3) %}{% set_global s = s ~ i %}\
                      {% for c in [\"x\", \"y\"] %}{{ s }}{{ c }},{% endfor %}{% endfor %}";
        tera.add_raw_template("plain", source).expect("compiles");
        tera.add_raw_template("bounded", &bounded(source).0)
            .expect("compiles");
        start_page();
        let rendered = tera
            .render("bounded", &tera::Context::new())
            .expect("renders");
        let plain = tera
            .render("plain", &tera::Context::new())
            .expect("renders");
        assert_eq!(rendered, plain);
        assert_eq!(rendered, "ab0x,ab0y,ab01x,ab01y,ab012x,ab012y,");
        let endless = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
        tera.add_raw_template("endless", &bounded(endless).0)
            .expect("compiles");
        start_page();
        let error = tera
            .render("endless", &tera::Context::new())
            .expect_err("stops");
        assert!(
            format!("{error:?}").contains(LOOP_LIMIT_MESSAGE),
            "{error:?}"
        );
    }
}
