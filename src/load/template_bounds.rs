//! Stage 2 helper: bounds on the work one page's templates may do while they render.
//!
//! Tera has no step limit of its own, and a loop that writes nothing, or a value built up
//! in `set`, never reaches the page-size limit of the output. So the theme is compiled
//! with two filters of Stele's added to its tags: every `{% for … in EXPR %}` counts the
//! work it is about to do against [`MAX_LOOP_STEPS`] for the page, before doing it, and
//! every `{% set NAME = EXPR %}` refuses a value larger than [`MAX_VALUE_BYTES`]. A loop's
//! work is its passes times the tags of its own body (`{{ }}` and `{% %}`, a nested loop
//! counting once, as its own passes are counted when it starts): a pass of twenty filter
//! calls costs twenty times a pass of one, so nesting cannot hide work inside a pass.
//! [`RenderLimits`] holds those bounds and the page size; builds use [`RenderLimits::BUILD`],
//! and the fuzz targets run the same checks with smaller ones ([`with_limits`]).
//! The added text moves what follows it on its line; [`Shift`]s record by how much, so
//! errors still point at the author's own columns.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use tera::{Kwargs, State, StringInput, Tera, TeraResult, Value};

/// The most loop steps one page may make: every pass of every loop times the tags of the
/// loop's own body. Five million is a listing of 100,000 pages with fifty tags per entry,
/// and a few seconds of rendering at most.
pub(crate) const MAX_LOOP_STEPS: usize = 5_000_000;

/// The most bytes one value built by `{% set %}` may have.
pub(crate) const MAX_VALUE_BYTES: usize = 64 << 20;

/// The most bytes one rendered page may have; a template whose loops write more stops
/// with an error instead of filling the memory and the disk.
pub(crate) const MAX_PAGE_BYTES: usize = 64 << 20;

/// The bounds on the work of one page's rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RenderLimits {
    /// Loop steps: every pass of every loop times the tags of its body.
    pub loop_steps: usize,
    /// Bytes of one value built by `{% set %}`.
    pub value_bytes: usize,
    /// Bytes of the rendered page.
    pub page_bytes: usize,
}

impl RenderLimits {
    /// The bounds every build renders with.
    pub const BUILD: RenderLimits = RenderLimits {
        loop_steps: MAX_LOOP_STEPS,
        value_bytes: MAX_VALUE_BYTES,
        page_bytes: MAX_PAGE_BYTES,
    };
}

/// The filter counting a loop's steps; its `tags` argument is the loop body's tag count.
const PASSES_FILTER: &str = "__stele_passes";
/// The filter counting the tags of a template, block or component as it starts.
const ENTRY_FILTER: &str = "__stele_entered";
/// The filter measuring a value being set.
const SIZE_FILTER: &str = "__stele_sized";

/// Words that start the messages of this module's errors, to tell them from others.
pub(crate) const LOOP_LIMIT_MESSAGE: &str = "the loops of this page would run more than";
pub(crate) const VALUE_LIMIT_MESSAGE: &str = "a value set here grew past";
pub(crate) const FILTER_LIMIT_MESSAGE: &str = "would make a value larger than";

thread_local! {
    /// Loop steps made by the page rendering on this thread.
    static PASSES: Cell<usize> = const { Cell::new(0) };
    /// The bounds in force on this thread.
    static LIMITS: Cell<RenderLimits> = const { Cell::new(RenderLimits::BUILD) };
}

/// The bounds pages rendered on this thread work within.
pub(crate) fn limits() -> RenderLimits {
    LIMITS.with(Cell::get)
}

/// Runs `work` with `limits` in force on this thread, and the previous ones again after it
/// (also when it panics).
pub(crate) fn with_limits<T>(limits: RenderLimits, work: impl FnOnce() -> T) -> T {
    struct Restore(RenderLimits);
    impl Drop for Restore {
        fn drop(&mut self) {
            LIMITS.with(|limits| limits.set(self.0));
        }
    }
    let _restore = Restore(LIMITS.with(|current| current.replace(limits)));
    work()
}

/// A size for an error message: whole MiB or KiB where it is one, else bytes.
pub(crate) fn describe_size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
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

/// Registers the filters the added text calls, and Stele's own versions of Tera's filters
/// whose output can be far larger than what they are given: `replace` with a long `to`,
/// `indent` by a thousand columns, `join` with a long `sep`, `split` into one value per
/// character. A value made by one of them is whole before `set` or the page can measure
/// it, so they measure it themselves, as they make it, and stop at the value bound; their
/// output is Tera's otherwise.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter(PASSES_FILTER, count_passes);
    tera.register_filter(ENTRY_FILTER, count_entered);
    tera.register_filter(SIZE_FILTER, check_size);
    tera.register_filter("replace", replace_within_bounds);
    tera.register_filter("indent", indent_within_bounds);
    tera.register_filter("join", join_within_bounds);
    tera.register_filter("split", split_within_bounds);
}

/// Refuses a value of `size` bytes that `filter` is making, past the value bound.
fn within_bounds(filter: &str, size: usize) -> TeraResult<()> {
    let most = limits().value_bytes;
    if size > most {
        return Err(tera::Error::message(format!(
            "`{filter}` {FILTER_LIMIT_MESSAGE} {}",
            describe_size(most)
        )));
    }
    Ok(())
}

/// Whether a filter marks its output safe: autoescaping is on and one of its texts was.
fn safe_output(state: &State, inputs: &[bool]) -> bool {
    state.autoescaping_enabled() && inputs.iter().any(|safe| *safe)
}

/// A text a filter works on: as the page would show it when the output is safe.
fn text_of<'a>(input: &'a StringInput<'a>, safe: bool, state: &State) -> TeraResult<Cow<'a, str>> {
    if safe {
        input.rendered(state)
    } else {
        Ok(Cow::Borrowed(input.as_str()))
    }
}

fn output(text: String, safe: bool) -> Value {
    if safe {
        Value::safe_string(&text)
    } else {
        Value::from(text)
    }
}

/// `replace(from, to)`: the size is counted from the matches before anything is made.
fn replace_within_bounds(value: StringInput, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let from = kwargs.must_get::<&str>("from")?;
    let to = kwargs.must_get::<StringInput>("to")?;
    let safe = safe_output(state, &[value.is_safe(), to.is_safe()]);
    let text = text_of(&value, safe, state)?;
    let with = text_of(&to, safe, state)?;
    // An empty `from` matches before every character and at the end.
    let matches = if from.is_empty() {
        text.chars().count() + 1
    } else {
        text.matches(from).count()
    };
    let size =
        (text.len() - matches * from.len()).saturating_add(matches.saturating_mul(with.len()));
    within_bounds("replace", size)?;
    Ok(output(text.replace(from, &with), safe))
}

/// `indent(width, indentation, first, blank)`: measured line by line as it is made.
fn indent_within_bounds(value: StringInput, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let width = kwargs.get::<usize>("width")?.unwrap_or(4).min(1000);
    let indentation = kwargs.get::<StringInput>("indentation")?;
    let first = kwargs.get::<bool>("first")?.unwrap_or(false);
    let blank = kwargs.get::<bool>("blank")?.unwrap_or(false);
    if indentation
        .as_ref()
        .is_some_and(|unit| unit.as_str().chars().count() != 1)
    {
        return Err(tera::Error::message(
            "The `indentation` argument must contain exactly one character",
        ));
    }
    let safe = safe_output(
        state,
        &[
            value.is_safe(),
            indentation.as_ref().is_some_and(StringInput::is_safe),
        ],
    );
    let text = text_of(&value, safe, state)?;
    let indent = match &indentation {
        Some(unit) => text_of(unit, safe, state)?.repeat(width),
        None => " ".repeat(width),
    };
    let mut indented = String::with_capacity(text.len());
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            indented.push('\n');
        }
        if (index == 0 && first) || (index > 0 && (blank || !line.is_empty())) {
            indented.push_str(&indent);
        }
        indented.push_str(line);
        within_bounds("indent", indented.len())?;
    }
    if text.ends_with('\n') {
        indented.push('\n');
    }
    Ok(output(indented, safe))
}

/// `join(sep)`: measured item by item as it is made.
fn join_within_bounds(values: &[Value], kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let sep = kwargs.get::<StringInput>("sep")?;
    let safe = safe_output(
        state,
        &[
            values
                .iter()
                .any(|value| value.is_string() && value.is_safe()),
            sep.as_ref().is_some_and(StringInput::is_safe),
        ],
    );
    let sep = match &sep {
        Some(sep) => text_of(sep, safe, state)?,
        None => Cow::Borrowed(""),
    };
    let mut joined = String::new();
    for (index, value) in values.iter().enumerate() {
        if index > 0 {
            joined.push_str(&sep);
        }
        if !safe {
            joined.push_str(&value.to_string());
        } else if !value.is_undefined() {
            joined.push_str(&state.escape_if_needed(value)?);
        }
        within_bounds("join", joined.len())?;
    }
    Ok(output(joined, safe))
}

/// `split(pat)`: one value per part, each counted at its text and the size of a value.
fn split_within_bounds(text: &str, kwargs: Kwargs, _state: &State) -> TeraResult<Value> {
    let pattern = kwargs.must_get::<&str>("pat")?;
    // An empty pattern splits before every character and at both ends.
    let parts = if pattern.is_empty() {
        text.chars().count() + 2
    } else {
        text.matches(pattern).count() + 1
    };
    within_bounds(
        "split",
        parts
            .saturating_mul(std::mem::size_of::<Value>())
            .saturating_add(text.len()),
    )?;
    Ok(text
        .split(pattern)
        .map(Value::from)
        .collect::<Vec<Value>>()
        .into())
}

fn count_passes(value: &Value, kwargs: Kwargs, _state: &State) -> TeraResult<Value> {
    let passes = value.len().unwrap_or(0);
    let tags = kwargs.get::<usize>("tags")?.unwrap_or(1).max(1);
    let coming = passes.saturating_mul(tags);
    count_steps(coming, || {
        format!("this loop adds {coming}: {passes} passes of {tags} tags")
    })?;
    Ok(value.clone())
}

/// Counts the tags of a template, block or component each time it is rendered, so that
/// one included or called in a loop counts all of its own work, not one tag.
fn count_entered(value: &Value, kwargs: Kwargs, _state: &State) -> TeraResult<Value> {
    let tags = kwargs.get::<usize>("tags")?.unwrap_or(1);
    count_steps(tags, || {
        format!("this template, block or component adds {tags} tags each time it is rendered")
    })?;
    Ok(value.clone())
}

/// Adds `coming` steps to the page's count and refuses them past the bound.
fn count_steps(coming: usize, what: impl FnOnce() -> String) -> TeraResult<()> {
    let total = PASSES.with(|steps| {
        let total = steps.get().saturating_add(coming);
        steps.set(total);
        total
    });
    let most = limits().loop_steps;
    if total > most {
        return Err(tera::Error::message(format!(
            "{LOOP_LIMIT_MESSAGE} {most} steps ({})",
            what()
        )));
    }
    Ok(())
}

fn check_size(value: &Value, _kwargs: Kwargs, _state: &State) -> TeraResult<Value> {
    // Strings are what grows by joining; a list or map only counts its entries here, the
    // strings in it were measured when they were set.
    let size = value
        .as_str()
        .map_or_else(|| value.len().unwrap_or(0), str::len);
    let most = limits().value_bytes;
    if size > most {
        return Err(tera::Error::message(format!(
            "{VALUE_LIMIT_MESSAGE} {}",
            describe_size(most)
        )));
    }
    Ok(value.clone())
}

/// `text` with the bounding filters added to its `for` and `set` tags and a count of the
/// tags at the start of the template, of each block and of each component, and where text
/// was added. Tags are found the way [`crate::load::theme::growing_sets`] finds them; `raw`
/// blocks and comments are left alone.
pub fn bounded(text: &str) -> (String, Vec<Shift>) {
    let body_tags = body_tags(text);
    let mut added = Additions {
        text,
        out: String::with_capacity(text.len() + 256),
        shifts: Vec::new(),
        copied: 0,
        line: 1,
        line_start_out: 0,
    };
    // A child template's text outside its blocks is never rendered, so it counts nothing.
    let child = next_tag(text, 0).is_some_and(|open| tag_words(text, open).0 == "extends");
    match body_tags.get(&0) {
        Some(&tags) if tags > 0 && !child => added.add(0, &entry_count(tags, false)),
        _ => {}
    }
    let mut from = 0;
    while let Some(open) = next_tag(text, from) {
        // `{%}` is an opening whose `%` is no part of a close.
        let Some(close) = text[open + 2..].find("%}").map(|at| open + 2 + at) else {
            break;
        };
        let (word, start, end) = tag_words(text, open);
        let inner = &text[start..end];
        let expression = match word {
            "for" => loop_expression(inner).map(|offset| {
                let tags = body_tags.get(&(close + 2)).copied().unwrap_or(1);
                let filter = format!("{PASSES_FILTER}(tags={tags})");
                (start + offset, Cow::Owned(filter))
            }),
            "set" | "set_global" => {
                set_expression(inner).map(|offset| (start + offset, Cow::Borrowed(SIZE_FILTER)))
            }
            "block" | "component" => {
                let tags = body_tags.get(&(close + 2)).copied().unwrap_or(0);
                if tags > 0 {
                    // The count takes over the tag's `-%}`, which would trim nothing now.
                    let trims = text[..close].ends_with('-');
                    added.add(close + 2, &entry_count(tags, trims));
                }
                None
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
            added.add(expression_start, "(");
            added.add(end, &format!(") | {filter}"));
        }
        from = close + 2;
    }
    added.finish()
}

/// The tag that counts `tags` steps where a template, block or component starts.
fn entry_count(tags: usize, trims: bool) -> String {
    let trim = if trims { "-" } else { "" };
    format!("{{{{ \"\" | {ENTRY_FILTER}(tags={tags}) {trim}}}}}")
}

/// The first word of the `{% %}` tag opening at `open`, and where its words start and end
/// (without its delimiters, whitespace control and surrounding whitespace).
fn tag_words(text: &str, open: usize) -> (&str, usize, usize) {
    let close = text[open + 2..]
        .find("%}")
        .map_or(text.len(), |at| open + 2 + at);
    let start = open
        + 2
        + text[open + 2..close]
            .find(|c: char| c != '-' && !c.is_whitespace())
            .unwrap_or(close - open - 2);
    let end = text[..close]
        .trim_end_matches(|c: char| c == '-' || c.is_whitespace())
        .len()
        .max(start);
    let word = text[start..end].split_whitespace().next().unwrap_or("");
    (word, start, end)
}

/// A template's text with pieces added at increasing places, and where they were added.
struct Additions<'a> {
    text: &'a str,
    out: String,
    shifts: Vec<Shift>,
    /// The end of the part of `text` already copied to `out`.
    copied: usize,
    /// The line of `out` being written, and where it starts.
    line: u32,
    line_start_out: usize,
}

impl Additions<'_> {
    /// Adds `piece` at `at` of the author's text (at or after the last addition).
    fn add(&mut self, at: usize, piece: &str) {
        let before = &self.text[self.copied..at];
        self.line += before.matches('\n').count() as u32;
        if let Some(newline) = before.rfind('\n') {
            self.line_start_out = self.out.len() + newline + 1;
        }
        self.out.push_str(before);
        self.copied = at;
        let column = self.out[self.line_start_out..].chars().count() as u32 + 1;
        self.out.push_str(piece);
        self.shifts.push(Shift {
            line: self.line,
            column,
            length: piece.chars().count() as u32,
        });
    }

    fn finish(mut self) -> (String, Vec<Shift>) {
        self.out.push_str(&self.text[self.copied..]);
        (self.out, self.shifts)
    }
}

/// For each body of `text` whose work is counted, keyed by where it starts, the tags
/// (`{{ }}` and `{% %}`) of that body: its own, with a nested counted body's opening tag as
/// one tag and its contents not at all. Counted bodies are loops (up to `endfor`), blocks
/// (`endblock`), components (`endcomponent`) and, keyed by 0, the whole template outside
/// them. Comments and `raw` blocks are no tags. One pass over the text, whatever the
/// nesting.
fn body_tags(text: &str) -> HashMap<usize, usize> {
    let mut bodies = HashMap::new();
    // The bodies open at this point: the word ending each, where it starts, its tags so far.
    let mut open: Vec<(&str, usize, usize)> = vec![("", 0, 0)];
    let mut from = 0;
    while let Some(brace) = text[from..].find('{').map(|at| from + at) {
        let closing = match text.as_bytes().get(brace + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                from = brace + 1;
                continue;
            }
        };
        let Some(close) = text[brace + 2..].find(closing).map(|at| brace + 2 + at) else {
            break;
        };
        from = close + 2;
        if closing == "#}" {
            continue;
        }
        let word = text[brace + 2..close]
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or("");
        if closing == "%}" && word == "raw" {
            from = text[from..]
                .find("endraw")
                .map_or(text.len(), |at| from + at);
            continue;
        }
        let ends_body =
            open.len() > 1 && closing == "%}" && open.last().map(|body| body.0) == Some(word);
        if ends_body {
            if let Some((_, start, tags)) = open.pop() {
                bodies.insert(start, tags);
            }
            continue;
        }
        if let Some((_, _, tags)) = open.last_mut() {
            *tags += 1;
        }
        if closing == "%}" {
            let end = match word {
                "for" => "endfor",
                "block" => "endblock",
                "component" => "endcomponent",
                _ => continue,
            };
            open.push((end, from, 0));
        }
    }
    for (_, start, tags) in open {
        bodies.insert(start, tags);
    }
    bodies
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
        // The two loops are the template's own tags; the rest is the second loop's body.
        let entry = "{{ \"\" | __stele_entered(tags=2) }}";
        assert_eq!(
            text,
            format!(
                "{entry}{{% for x in (items | sort) | __stele_passes(tags=1) %}}{{{{ x }}}}{{% endfor %}}\n\
                 {{%- for k, v in (map) | __stele_passes(tags=4) -%}}\n{{% set a = (b ~ c) | __stele_sized %}}\
                 {{% set_global n = (1) | __stele_sized %}}\
                 {{% set block %}}x{{% endset %}}{{# {{% for y in z %}} #}}{{% raw %}}{{% set q = 1 %}}{{% endraw %}}"
            )
        );
        let width = entry.len() as u32;
        assert_eq!((shifts[0].column, shifts[0].length), (1, width));
        assert_eq!(shifts[1].column, 13 + width);
        assert_eq!(shifts[3].line, 2);
        assert_eq!(shifts[5].line, 3);
        // `{{ x }}`: column 55 compiled after the entry count, 28 in the author's text.
        assert_eq!(original_column(&shifts, 1, 55 + width), 28);
        assert_eq!(original_column(&shifts, 1, 12 + width), 12);
        assert_eq!(original_column(&shifts, 1, 14 + width), 13);
        assert_eq!(original_column(&shifts, 1, 30 + width), 25);
        assert_eq!(original_column(&shifts, 1, 5), 1);
    }

    #[test]
    fn templates_blocks_and_components_count_their_own_tags() {
        let template = "{{ a }}{% block main %}{{ b }}{% for i in x %}{{ i }}{{ i }}{% endfor %}\
                        {% block inner %}{{ c }}{% endblock inner %}{% endblock %}\
                        {% component Card(t) %}{{ t }}{% if t %}!{% endif %}{% endcomponent Card %}";
        let tags = body_tags(template);
        let after = |tag: &str| template.find(tag).expect("tag") + tag.len();
        // The template's own: `a`, the block and the component.
        assert_eq!(tags[&0], 3);
        // The block's own: `b`, the loop and the inner block.
        assert_eq!(tags[&after("{% block main %}")], 3);
        assert_eq!(tags[&after("{% for i in x %}")], 2);
        assert_eq!(tags[&after("{% block inner %}")], 1);
        assert_eq!(tags[&after("{% component Card(t) %}")], 3);
        // A child template's text outside blocks is never rendered: no count there; a
        // block's `-%}` moves to its count, so the same whitespace is trimmed.
        let (text, _) =
            bounded("{% extends \"base.html\" %}{% block main -%}\n  {{ b }}{% endblock %}");
        assert_eq!(
            text,
            "{% extends \"base.html\" %}{% block main -%}{{ \"\" | __stele_entered(tags=1) -}}\n  {{ b }}{% endblock %}"
        );
        // Text without tags is left as it is.
        assert_eq!(bounded("plain {# note #} text").0, "plain {# note #} text");
    }

    #[test]
    fn included_blocks_and_components_count_each_time_they_render() {
        let templates = [
            (
                "base.html",
                "<{% block main -%}\n  base {{ 1 }}{%- endblock %}>",
            ),
            (
                "child.html",
                "{% extends \"base.html\" %}{% block main -%}\n  {% for i in range(end=3) %}{% include \"part.html\" %}{{<Card t={i}/>}}{% endfor %}\n{%- endblock %}",
            ),
            ("part.html", "{{ 1 }}{{ 2 }}{{ 3 }}"),
            (
                "components.html",
                "{% component Card(t) -%}\n [{{ t }}]{% if t %}!{% endif %}{% endcomponent Card %}",
            ),
        ];
        let mut plain = Tera::new();
        plain.add_raw_templates(templates).expect("compiles");
        let tera = bounded_tera(&templates);
        let render = || render_fresh(&tera, "child.html");
        let expected = render_fresh(&plain, "child.html").expect("renders");
        assert_eq!(render().expect("renders"), expected);
        assert_eq!(expected, "<123[0]123[1]!123[2]!>");
        // The base's own tag (its block), the child block's own (the loop), 3 passes of 2
        // tags, and in each pass the included template's 3 tags and the component's 3
        // (`t`, `if`, `endif`): 1 + 1 + 6 + 3 × 6 = 26 steps.
        assert!(with_limits(steps(26), render).is_ok());
        let error = with_limits(steps(25), render).expect_err("stops");
        assert!(
            format!("{error:?}").contains(LOOP_LIMIT_MESSAGE),
            "{error:?}"
        );
    }

    /// A Tera with Stele's bounding filters and `templates` compiled with the bounds.
    fn bounded_tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, source)| (*name, bounded(source).0)),
        )
        .expect("compiles");
        tera
    }

    /// Renders `name` as a new page, its step count starting from nothing.
    fn render_fresh(tera: &Tera, name: &str) -> TeraResult<String> {
        start_page();
        tera.render(name, &tera::Context::new())
    }

    /// The build's bounds with at most `loop_steps` steps.
    fn steps(loop_steps: usize) -> RenderLimits {
        RenderLimits {
            loop_steps,
            ..RenderLimits::BUILD
        }
    }

    #[test]
    fn smaller_limits_run_the_same_checks_and_end_with_their_work() {
        let tera = bounded_tera(&[(
            "page",
            "{% for i in range(end=300) %}{% endfor %}{% set s = \"ab\" ~ \"cd\" %}{{ s }}",
        )]);
        let render = || render_fresh(&tera, "page");
        let error = with_limits(steps(302), render).expect_err("stops");
        assert!(
            format!("{error:?}").contains("more than 302 steps"),
            "{error:?}"
        );
        let short_values = RenderLimits {
            value_bytes: 3,
            ..RenderLimits::BUILD
        };
        let error = with_limits(short_values, render).expect_err("stops");
        assert!(
            format!("{error:?}").contains("grew past 3 bytes"),
            "{error:?}"
        );
        let enough = RenderLimits {
            loop_steps: 303,
            value_bytes: 4,
            page_bytes: 4,
        };
        assert_eq!(with_limits(enough, render).expect("renders"), "abcd");
        // Afterwards, and after a panic inside, the build's bounds are back.
        assert_eq!(limits(), RenderLimits::BUILD);
        let panicked = std::panic::catch_unwind(|| with_limits(enough, || panic!("inside")));
        assert!(panicked.is_err());
        assert_eq!(limits(), RenderLimits::BUILD);
    }

    /// Tera's own filters and Stele's bounded ones, on the same template and values.
    fn both_ways(template: &str, autoescape: bool) -> [Result<String, String>; 2] {
        let mut context = tera::Context::new();
        context.insert("s", "x<y>x\n\n  z\r\nx\n");
        context.insert("m", "<m>");
        context.insert(
            "list",
            &serde_json::json!(["a", "<b>", 3, 1.5, null, [1, 2]]),
        );
        let plain = Tera::new();
        let mut bounded = Tera::new();
        register(&mut bounded);
        [plain, bounded].map(|tera| {
            tera.render_str(template, &context, autoescape)
                .map_err(|error| format!("{error:?}"))
        })
    }

    #[test]
    fn the_bounded_filters_give_tera_s_own_output() {
        for template in [
            r#"{{ s | replace(from="x", to=m) }}"#,
            r#"{{ s | replace(from="", to="-") }}"#,
            r#"{{ s | replace(from="<", to="") }}"#,
            r#"{{ s | safe | replace(from="x", to=m) }}"#,
            r#"{{ s | replace(from="x", to=m | safe) }}"#,
            r#"{{ s | replace(from="x") }}"#,
            r#"{{ s | indent }}"#,
            r#"{{ s | indent(width=2, first=true, blank=true) }}"#,
            r#"{{ s | indent(indentation="<", width=3) }}"#,
            r#"{{ s | safe | indent(indentation="<") }}"#,
            r#"{{ s | indent(indentation="<" | safe, width=5000) }}"#,
            r#"{{ s | indent(indentation="ab") }}"#,
            r#"{{ "" | indent(first=true) }}"#,
            r#"{{ list | join(sep=m) }}"#,
            r#"{{ list | join }}"#,
            r#"{{ [s | safe, 1, "<"] | join(sep=", ") }}"#,
            r#"{{ range(end=4) | join(sep=m | safe) }}"#,
            r#"{{ s | join(sep=",") }}"#,
            r#"{{ s | split(pat="x") | join(sep="|") }}"#,
            r#"{{ s | split(pat="") | length }}"#,
            r#"{% for part in "a,b,,c" | split(pat=",") %}[{{ part }}]{% endfor %}"#,
            r#"{{ 3 | split(pat=",") }}"#,
        ] {
            for autoescape in [true, false] {
                let [tera, stele] = both_ways(template, autoescape);
                assert_eq!(
                    tera.is_ok(),
                    stele.is_ok(),
                    "{template}: {tera:?} {stele:?}"
                );
                if tera.is_ok() {
                    assert_eq!(tera, stele, "{template}, autoescape {autoescape}");
                }
            }
        }
    }

    #[test]
    fn filters_that_multiply_a_value_stop_at_the_value_bound() {
        let mut tera = Tera::new();
        register(&mut tera);
        let mut context = tera::Context::new();
        context.insert("s", &"x".repeat(100));
        context.insert("lines", &"a\n".repeat(50));
        let small = RenderLimits {
            value_bytes: 1000,
            ..RenderLimits::BUILD
        };
        for (template, filter) in [
            (r#"{{ s | replace(from="", to=s) }}"#, "replace"),
            (r#"{{ s | replace(from="x", to=s) }}"#, "replace"),
            (r#"{{ lines | indent(width=1000) }}"#, "indent"),
            (r#"{{ lines | indent(width=30, blank=true) }}"#, "indent"),
            (r#"{{ range(end=1000) | join(sep=s) }}"#, "join"),
            (r#"{{ [s, s, s, s, s, s, s, s, s, s, s] | join }}"#, "join"),
            (r#"{% for c in s | split(pat="") %}{% endfor %}"#, "split"),
            (r#"{{ s | split(pat="x") | length }}"#, "split"),
        ] {
            let error = with_limits(small, || tera.render_str(template, &context, true))
                .expect_err(template);
            let expected = format!("`{filter}` {FILTER_LIMIT_MESSAGE} 1000 bytes");
            assert!(
                format!("{error:?}").contains(&expected),
                "{template}: {error:?}"
            );
            // Under a build's bounds the same work is done.
            tera.render_str(template, &context, true).expect(template);
        }
    }

    #[test]
    fn sizes_are_described_in_the_largest_whole_unit() {
        assert_eq!(describe_size(64 << 20), "64 MiB");
        assert_eq!(describe_size(256 << 10), "256 KiB");
        assert_eq!(describe_size((1 << 20) + 1024), "1025 KiB");
        assert_eq!(describe_size(1000), "1000 bytes");
    }

    #[test]
    fn a_loop_counts_the_tags_of_its_own_body() {
        let body = |template: &str| body_tags(template)[&(template.find("%}").expect("tag") + 2)];
        assert_eq!(body("{% for i in x %}{% endfor %}"), 0);
        assert_eq!(
            body("{% for i in x %}{{ i }}, {{ i | upper }}{% endfor %}"),
            2
        );
        // A nested loop is one tag here; its own body counts when it starts.
        assert_eq!(
            body(
                "{% for i in x %}{{ i }}{% for j in y %}{{ j }}{{ j }}{{ j }}{% endfor %}{{ i }}{% endfor %}{{ after }}"
            ),
            3
        );
        // Comments and raw text are no tags; whitespace control is read through.
        assert_eq!(
            body(
                "{%- for i in x -%}{# {{ no }} #}{% raw %}{{ no }}{% endraw %}{%- if i -%}{{ i }}{% else %}-{% endif %}{%- endfor %}"
            ),
            4
        );
    }

    #[test]
    fn work_inside_each_pass_counts_towards_the_bound() {
        // The template's own tag (the loop), then 20 passes of 6 tags: 121 steps; 20 passes
        // alone would pass a bound of 100.
        let tera = bounded_tera(&[(
            "page",
            "{% for i in range(end=20) %}{{ i }}{{ i }}{{ i }}{{ i }}{{ i }}{{ i }}{% endfor %}",
        )]);
        let render = || render_fresh(&tera, "page");
        let error = with_limits(steps(120), render).expect_err("stops");
        assert!(
            format!("{error:?}")
                .contains("more than 120 steps (this loop adds 120: 20 passes of 6 tags)"),
            "{error:?}"
        );
        assert!(with_limits(steps(121), render).is_ok());
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
