//! The Quotes layer: quotation spans from paired quotation marks, within a block.
//!
//! Typographic marks pair as they are (`“` with `”`, `‘` with `’`, `«` with `»`); the
//! tokenizer has already made straight quotes opening or closing by position and
//! alternation. Double and single quotes pair separately, so a single quote may nest in
//! a double one. A quote never leaves its paragraph (a block, or a stretch of a block
//! between blank lines): an unclosed quote is dropped, except when the next paragraph
//! opens with a quotation mark (the news convention for a quote running over several
//! paragraphs), where it runs to the end of its paragraph.

use crate::Doc;
use crate::doc::{Token, TokenFlags, TokenKind};
use crate::pipeline::{Annotator, Layer, Layers};
use faultline_model::Span;
use std::ops::Range;

/// Double (`“ ”`, `"`, `« »`, `„`) or single (`‘ ’`, `'`, `‹ ›`) quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    Double,
    Single,
}

/// A quotation: the words between a pair of quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quotation {
    /// The quoted words, without the marks (trimmed of spaces inside the marks).
    pub inner: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quote runs to the end of its paragraph and
    /// goes on in the next one.
    pub close: Option<Span>,
    /// Index of the first token inside the marks.
    pub first_token: u32,
    /// Index one past the last token inside the marks.
    pub end_token: u32,
    /// Index of the block in [`Doc::blocks`].
    pub block: u32,
    pub style: QuoteStyle,
}

impl Quotation {
    /// The tokens inside the marks.
    #[must_use]
    pub fn token_range(&self) -> Range<usize> {
        self.first_token as usize..self.end_token as usize
    }

    /// The whole quotation, marks included.
    #[must_use]
    pub fn outer(&self) -> Span {
        self.open.cover(self.close.unwrap_or(self.inner))
    }
}

/// The style of a quotation mark.
fn style_of(mark: &str) -> QuoteStyle {
    match mark.chars().next() {
        Some('\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2039}' | '\u{203A}') => QuoteStyle::Single,
        _ => QuoteStyle::Double,
    }
}

/// The Quotes layer (see the module documentation).
#[derive(Clone, Copy, Debug, Default)]
pub struct QuoteFinder;

impl Annotator for QuoteFinder {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> Layers {
        Layer::Tokens.into()
    }

    fn assigns(&self) -> Layers {
        Layer::Quotes.into()
    }

    fn annotate(&self, doc: &mut Doc) {
        let mut quotes = std::mem::take(&mut doc.quotes);
        quotes.clear();
        let tokens = &doc.tokens;
        let mut cursor = 0usize;
        for (block_index, block) in doc.blocks.iter().enumerate() {
            let first = cursor;
            // Tokens come in text order: the block's end is a binary search away.
            cursor += tokens[cursor..].partition_point(|t| t.span.start < block.span.end);
            // Does the next block open with a double quote (a quote going on)?
            let continued = doc.blocks.get(block_index + 1).is_some_and(|next| {
                next.kind == block.kind
                    && tokens.get(cursor).is_some_and(|t| {
                        t.kind == TokenKind::OpenQuote
                            && t.span.start >= next.span.start
                            && style_of(doc.span_text(t.span)) == QuoteStyle::Double
                    })
            });
            let pairer = Pairer { doc, block: block_index as u32, end: cursor };
            pairer.pair(first, continued, &mut quotes);
        }
        quotes.sort_by_key(|q| (q.open.start, q.inner.end));
        doc.quotes = quotes;
    }
}

struct Pairer<'d> {
    doc: &'d Doc,
    block: u32,
    /// One past the block's last token.
    end: usize,
}

impl Pairer<'_> {
    fn pair(&self, first: usize, continued: bool, out: &mut Vec<Quotation>) {
        let tokens = &self.doc.tokens;
        let mut open_double: Option<usize> = None;
        let mut open_single: Option<usize> = None;
        for (i, token) in (first..).zip(&tokens[first..self.end]) {
            // Most tokens are neither a quotation mark nor after a blank line.
            if !token.is_quote() && !token.is(TokenFlags::BLANK_LINE_BEFORE) {
                continue;
            }
            // A blank line inside the block (a text read as one block) ends a
            // paragraph as a block end does.
            if token.is(TokenFlags::BLANK_LINE_BEFORE) && i > first {
                let reopens = token.kind == TokenKind::OpenQuote
                    && style_of(self.doc.span_text(token.span)) == QuoteStyle::Double;
                if let Some(open) = open_double.take() {
                    if reopens {
                        self.push(open, None, i, QuoteStyle::Double, out);
                    }
                }
                open_single = None;
            }
            if !token.is_quote() {
                continue;
            }
            let style = style_of(self.doc.span_text(token.span));
            let slot = match style {
                QuoteStyle::Double => &mut open_double,
                QuoteStyle::Single => &mut open_single,
            };
            match token.kind {
                TokenKind::OpenQuote => *slot = Some(i),
                _ => {
                    let Some(open) = slot.take() else { continue };
                    if style == QuoteStyle::Double && open_single.is_some_and(|s| s > open) {
                        open_single = None; // an unclosed single quote inside
                    }
                    self.push(open, Some(i), i, style, out);
                }
            }
        }
        match open_double {
            Some(open) if continued => self.push(open, None, self.end, QuoteStyle::Double, out),
            _ => {}
        }
    }

    /// A quote from the mark at `open` to the token before `end_token`, closed by the
    /// mark at `close` if any.
    fn push(
        &self,
        open: usize,
        close: Option<usize>,
        end_token: usize,
        style: QuoteStyle,
        out: &mut Vec<Quotation>,
    ) {
        let tokens = &self.doc.tokens;
        let first_token = open + 1;
        if first_token >= end_token {
            return; // nothing inside
        }
        let inner_tokens: &[Token] = &tokens[first_token..end_token];
        let inner =
            Span { start: inner_tokens[0].span.start, end: inner_tokens[inner_tokens.len() - 1].span.end };
        out.push(Quotation {
            inner,
            open: tokens[open].span,
            close: close.map(|c| tokens[c].span),
            first_token: first_token as u32,
            end_token: end_token as u32,
            block: self.block,
            style,
        });
    }
}
