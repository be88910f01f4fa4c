//! The block outline of a Markdown page body, recorded from the events of the one parse
//! that renders it: the events that open and close blocks and inline markup, and the
//! text, code and breaks within, in document order, each with its span in the body. The
//! translation checks align a translated page with its source by these outlines, so a
//! page is parsed once per build, not once more for the checks.
//!
//! An outline is kept for every page until the checks ran, so it is small: spans are
//! `u32` offsets, a text is its span in the body wherever the parse's text is the body's
//! own (almost always), and only other texts, link targets and code are copied, into one
//! string per page.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// A byte range of the body (or of [`Outline::owned`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(range: &Range<usize>) -> Span {
        // A body is far below 4 GiB (page files are read whole); saturate all the same.
        let at = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        Span {
            start: at(range.start),
            end: at(range.end),
        }
    }

    pub(crate) fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A tag the block outline tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opened {
    Heading(u8),
    Paragraph,
    Item,
    TableCell,
    CodeBlock,
    HtmlBlock,
    BlockQuote,
    TableHead,
    TableRow,
    Table,
    Emphasis,
    Strong,
    Strikethrough,
    /// A link, with its target in [`Outline::owned`].
    Link(Span),
    /// An image, with its source in [`Outline::owned`].
    Image(Span),
}

/// The end of an [`Opened`] tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closed {
    /// A block or table part: nothing to write.
    Other,
    BlockQuote,
    Item,
    Emphasis,
    Strong,
    Strikethrough,
    /// A link or an image.
    Link,
}

/// Where a text's characters are: the body at its span, or [`Outline::owned`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    InBody,
    Owned(Span),
}

/// One event of the outline, with its span in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Open(Opened, Span),
    Close(Closed),
    /// Text; `typed` is false for raw HTML.
    Text {
        at: Span,
        written: Written,
        typed: bool,
    },
    /// A code span, its code in [`Outline::owned`].
    Code {
        at: Span,
        code: Span,
    },
    /// A soft or hard line break.
    Break(Span),
}

/// The outline of one page body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    pub(crate) steps: Vec<Step>,
    /// The texts that are not the body's own at their span, one after another.
    pub(crate) owned: String,
}

impl Outline {
    /// The text of a [`Step::Text`] of this outline of `body`.
    pub(crate) fn text<'a>(&'a self, body: &'a str, at: Span, written: Written) -> &'a str {
        match written {
            Written::InBody => body.get(at.range()).unwrap_or(""),
            Written::Owned(span) => self.owned(span),
        }
    }

    /// A span of [`Self::owned`].
    pub(crate) fn owned(&self, span: Span) -> &str {
        self.owned.get(span.range()).unwrap_or("")
    }

    fn own(&mut self, value: &str) -> Span {
        let start = self.owned.len();
        self.owned.push_str(value);
        Span::of(&(start..self.owned.len()))
    }
}

/// Records the outline of a body from its parse events, fed one by one in document order
/// with their body ranges.
#[derive(Debug)]
pub(crate) struct OutlineBuilder<'b> {
    body: &'b str,
    outline: Outline,
}

impl<'b> OutlineBuilder<'b> {
    pub(crate) fn new(body: &'b str) -> OutlineBuilder<'b> {
        OutlineBuilder {
            body,
            outline: Outline::default(),
        }
    }

    /// Takes the next event of the body's parse (before any rewriting for HTML). Tags the
    /// outline does not tell apart are left out, start and end alike.
    pub(crate) fn push(&mut self, event: &Event<'_>, range: &Range<usize>) {
        let at = Span::of(range);
        let step = match event {
            Event::Start(tag) => {
                let opened = match tag {
                    Tag::Heading { level, .. } => Opened::Heading(*level as u8),
                    Tag::Paragraph => Opened::Paragraph,
                    Tag::Item => Opened::Item,
                    Tag::TableCell => Opened::TableCell,
                    Tag::CodeBlock(_) => Opened::CodeBlock,
                    Tag::HtmlBlock => Opened::HtmlBlock,
                    Tag::BlockQuote(_) => Opened::BlockQuote,
                    Tag::TableHead => Opened::TableHead,
                    Tag::TableRow => Opened::TableRow,
                    Tag::Table(_) => Opened::Table,
                    Tag::Emphasis => Opened::Emphasis,
                    Tag::Strong => Opened::Strong,
                    Tag::Strikethrough => Opened::Strikethrough,
                    Tag::Link { dest_url, .. } => Opened::Link(self.outline.own(dest_url)),
                    Tag::Image { dest_url, .. } => Opened::Image(self.outline.own(dest_url)),
                    _ => return,
                };
                Step::Open(opened, at)
            }
            Event::End(end) => Step::Close(match end {
                TagEnd::BlockQuote(_) => Closed::BlockQuote,
                TagEnd::Item => Closed::Item,
                TagEnd::Emphasis => Closed::Emphasis,
                TagEnd::Strong => Closed::Strong,
                TagEnd::Strikethrough => Closed::Strikethrough,
                TagEnd::Link | TagEnd::Image => Closed::Link,
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::Table => Closed::Other,
                _ => return,
            }),
            Event::Text(value) | Event::Html(value) | Event::InlineHtml(value) => {
                // A text borrowed from the body at its span is the body's own without
                // comparing bytes; any other is compared.
                let in_place = matches!(value, CowStr::Borrowed(text)
                    if std::ptr::eq(text.as_ptr(), self.body.as_ptr().wrapping_add(range.start))
                        && text.len() == range.len());
                let written = if in_place || self.body.get(range.clone()) == Some(value.as_ref()) {
                    Written::InBody
                } else {
                    Written::Owned(self.outline.own(value))
                };
                Step::Text {
                    at,
                    written,
                    typed: matches!(event, Event::Text(_)),
                }
            }
            Event::Code(value) => Step::Code {
                at,
                code: self.outline.own(value),
            },
            Event::SoftBreak | Event::HardBreak => Step::Break(at),
            _ => return,
        };
        self.outline.steps.push(step);
    }

    pub(crate) fn finish(mut self) -> Outline {
        // Kept until the checks ran: no room to grow.
        self.outline.steps.shrink_to_fit();
        self.outline.owned.shrink_to_fit();
        self.outline
    }
}

/// The outline of `body` from a parse of its own with `options` (the renderer's).
pub(crate) fn outline(body: &str, options: Options) -> Outline {
    let mut builder = OutlineBuilder::new(body);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        builder.push(&event, &range);
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_spans_of_the_body_unless_the_parse_changed_them() {
        let body = "Use *this* [link](a.md) &amp; `code`\nnow.\n\n- item\n";
        let outline = outline(body, Options::empty());
        let texts: Vec<&str> = outline
            .steps
            .iter()
            .filter_map(|step| match step {
                Step::Text { at, written, .. } => Some(outline.text(body, *at, *written)),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            ["Use ", "this", " ", "link", " ", "&", " ", "now.", "item"]
        );
        // Only the entity's text, the link target and the code are copied.
        assert_eq!(outline.owned, "a.md&code");
        // The list itself is no step; its item is, with its start and end.
        let items = outline
            .steps
            .iter()
            .filter(|step| {
                matches!(
                    step,
                    Step::Open(Opened::Item, _) | Step::Close(Closed::Item)
                )
            })
            .count();
        assert_eq!(items, 2);
        assert!(outline.steps.iter().any(|step| matches!(step, Step::Code { at, code } if &body[at.range()] == "`code`" && outline.owned(*code) == "code")));
    }
}
