//! A translation unit's text as the QA checks read it — typed words and placeables written
//! out in one string — with where each piece of it came from in its file, so a finding's
//! byte range in the text is placed back at the file's line and column. Fluent patterns
//! and Markdown blocks are both written out this way.

use std::ops::Range;

use crate::check::qa::{Memo, Side};

/// One piece of a [`Located`] text: its range there, the file offset it starts at, and
/// whether it is typed text (its bytes map one to one) or a placeable (it maps to its start).
#[derive(Debug, Clone)]
struct Piece {
    range: Range<usize>,
    file_at: usize,
    typed: bool,
}

/// A unit's text, its placeables, and the file offset of each piece.
#[derive(Debug, Default, Clone)]
pub(crate) struct Located {
    pub text: String,
    /// Byte ranges of the placeables in `text`.
    pub placeables: Vec<Range<usize>>,
    pieces: Vec<Piece>,
    /// `text` with its placeables masked, worked out on first use: every check reads it,
    /// and a source block is read once for all its translations. `None` when there is
    /// nothing to mask (most texts): `text` itself, without a copy.
    masked: std::sync::OnceLock<Option<String>>,
    /// What the checks work out from the text alone, for its other units.
    memo: Memo,
}

impl Located {
    /// An empty text with room for `size` bytes.
    pub(crate) fn with_capacity(size: usize) -> Located {
        Located {
            text: String::with_capacity(size),
            ..Located::default()
        }
    }

    /// The text as one side of a unit, in `locale`.
    pub(crate) fn side<'a>(&'a self, locale: &'a str) -> Side<'a> {
        Side {
            text: &self.text,
            locale,
            placeables: &self.placeables,
            masked: self.masked(),
            memo: Some(&self.memo),
        }
    }

    /// `text` with its placeables masked ([`crate::check::qa::masked`]).
    pub(crate) fn masked(&self) -> &str {
        self.masked
            .get_or_init(
                || match crate::check::qa::masked(&self.text, &self.placeables) {
                    std::borrow::Cow::Borrowed(_) => None,
                    std::borrow::Cow::Owned(masked) => Some(masked),
                },
            )
            .as_deref()
            .unwrap_or(&self.text)
    }

    /// Appends typed text that starts at `file_at` in the file.
    pub(crate) fn push_text(&mut self, value: &str, file_at: usize) {
        self.push(value, file_at, true);
    }

    /// Appends text whose bytes cannot be placed one by one in the file (a value with
    /// escapes, folded from several lines): all of it maps to `file_at`.
    pub(crate) fn push_unplaced(&mut self, value: &str, file_at: usize) {
        self.push(value, file_at, false);
    }

    /// Appends a placeable, written as `written`, whose file text starts at `file_at`.
    pub(crate) fn push_placeable(&mut self, written: &str, file_at: usize) {
        let start = self.text.len();
        self.push(written, file_at, false);
        self.placeables.push(start..self.text.len());
    }

    /// Marks `range` of the text (typed text that is a placeable all the same, such as a
    /// Markdown page's `{{ fact("...") }}`) as a placeable.
    pub(crate) fn mark_placeable(&mut self, range: Range<usize>) {
        self.masked.take();
        self.memo = Memo::default();
        self.placeables.push(range);
        self.placeables.sort_by_key(|range| range.start);
    }

    fn push(&mut self, value: &str, file_at: usize, typed: bool) {
        if value.is_empty() {
            return;
        }
        self.masked.take();
        self.memo = Memo::default();
        let start = self.text.len();
        self.text.push_str(value);
        self.pieces.push(Piece {
            range: start..self.text.len(),
            file_at,
            typed,
        });
    }

    /// The file span of a range of `text`: from where its first piece maps to where its
    /// last one does (a placeable maps to its start); never empty.
    pub(crate) fn file_span(&self, range: &Range<usize>) -> Range<usize> {
        let piece_at = |at: usize, inclusive: bool| {
            self.pieces
                .iter()
                .rev()
                .find(|piece| {
                    if inclusive {
                        piece.range.start < at
                    } else {
                        piece.range.start <= at
                    }
                })
                .or(self.pieces.first())
        };
        let Some(first) = piece_at(range.start, false) else {
            return 0..0;
        };
        let start = if first.typed {
            first.file_at
                + range
                    .start
                    .saturating_sub(first.range.start)
                    .min(first.range.len())
        } else {
            first.file_at
        };
        let end = match piece_at(range.end, true) {
            Some(last) if last.typed => {
                last.file_at
                    + range
                        .end
                        .saturating_sub(last.range.start)
                        .min(last.range.len())
            }
            Some(last) => last.file_at + 1,
            None => start + 1,
        };
        if end > start {
            start..end
        } else {
            start..start + 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_map_back_through_typed_text_and_placeables() {
        // File: `Use { $port } now, then wait.` with the placeable written `{ $port }`.
        let file = "x = Use {$port} now,\n    then wait.";
        let mut located = Located::default();
        located.push_text("Use ", 4);
        located.push_placeable("{ $port }", 8);
        located.push_text(" now,", 15);
        located.push_text(" ", 20);
        located.push_text("then wait.", 25);
        assert_eq!(located.text, "Use { $port } now, then wait.");
        assert_eq!(located.placeables, vec![4..13]);
        let at = |needle: &str| {
            let start = located.text.find(needle).unwrap();
            let span = located.file_span(&(start..start + needle.len()));
            &file[span]
        };
        assert_eq!(at("now"), "now");
        assert_eq!(at("wait"), "wait");
        assert_eq!(at("{ $port }"), "{");
        assert_eq!(at("Use { $port } now"), "Use {$port} now");
        assert!(Located::default().file_span(&(0..1)).is_empty());
    }
}
