//! What the coder reads: an article's text with its tokens, sentences, time
//! expressions, quotations and actor mentions. The nlp and actors crates fill it
//! ([`Input::from_doc`](crate::Input) when they are linked); tests may fill it by hand.

use faultline_model::{BlockKind, Mention, Precision, Span};
use jiff::civil::Date;
use std::ops::Range;

/// What a token is, as far as coding cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    /// The possessive `'s` or `'` split off a word.
    Possessive,
    OpenQuote,
    CloseQuote,
    Punct,
    Other,
}

/// One token: its span, its lower-case form and its lemma.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    pub span: Span,
    pub kind: TokenKind,
    /// Lower case, typographic apostrophes made straight (`japan`, `'s`).
    pub lower: &'a str,
    /// The lemma (`said` -> `say`); the lower-case form when unknown.
    pub lemma: &'a str,
}

/// One sentence: a run of tokens inside one block.
#[derive(Clone, Debug)]
pub struct SentenceInput {
    pub span: Span,
    /// Indices into [`Input::tokens`].
    pub tokens: Range<usize>,
    /// The kind of block the sentence is in; only titles, standfirsts and paragraphs are
    /// coded.
    pub block: BlockKind,
}

/// A time expression resolved against the article date.
#[derive(Clone, Copy, Debug)]
pub struct TimeInput {
    pub span: Span,
    /// The day, or the first day of the week, month or year.
    pub date: Date,
    pub precision: Precision,
}

/// An article annotated for coding.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    pub article_id: &'a str,
    pub text: &'a str,
    /// The article's date: events are dated to it unless the text dates them.
    pub date: Date,
    pub tokens: Vec<Token<'a>>,
    pub sentences: Vec<SentenceInput>,
    /// Actor mentions, in text order.
    pub mentions: Vec<Mention>,
    /// For each mention, whether it is a media outlet, news agency or photo agency: such
    /// mentions are never the source or target of an event.
    pub media: Vec<bool>,
    /// Quotations, each covering the quoted words with or without their marks.
    pub quotes: Vec<Span>,
    pub times: Vec<TimeInput>,
    /// Spans whose mentions take no part in events (a dateline: `TOKYO -`).
    pub excluded: Vec<Span>,
}

impl<'a> Input<'a> {
    /// An input with no annotations yet.
    #[must_use]
    pub fn new(article_id: &'a str, text: &'a str, date: Date) -> Input<'a> {
        Input {
            article_id,
            text,
            date,
            tokens: Vec::new(),
            sentences: Vec::new(),
            mentions: Vec::new(),
            media: Vec::new(),
            quotes: Vec::new(),
            times: Vec::new(),
            excluded: Vec::new(),
        }
    }

    pub(crate) fn is_media(&self, mention: usize) -> bool {
        self.media.get(mention).copied().unwrap_or(false)
    }
}
