//! Byte spans into a text that is never rewritten.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `[start, end)` into an article's cleaned text.
///
/// Offsets are sacred: once an [`Article`](crate::Article)'s text is made, every
/// annotation (field, token, sentence, mention, event trigger) points into it with a
/// `Span`, and the text is never modified afterwards. Offsets are `u32` (documents are
/// capped well below 4 GiB) to keep token tables small.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets.
    ///
    /// # Panics
    /// If `start > end` or `end` does not fit in `u32` (a programming error: inputs are
    /// capped long before 4 GiB).
    #[must_use]
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        let start = u32::try_from(start).expect("span offset fits in u32");
        let end = u32::try_from(end).expect("span offset fits in u32");
        Span { start, end }
    }

    #[must_use]
    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    #[must_use]
    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[inline]
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or `None` if it is out of bounds or not on a char
    /// boundary (never the case for spans made by faultline over the same text).
    #[must_use]
    #[inline]
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }

    /// The text this span covers.
    ///
    /// # Panics
    /// If the span does not belong to `text`.
    #[inline]
    #[must_use]
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    #[inline]
    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    #[inline]
    #[must_use]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    #[inline]
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// This span moved `by` bytes to the right.
    #[must_use]
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start as usize + by, self.end as usize + by)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}
