//! What the coder reads: an article's text with its tokens, sentences, time
//! expressions, quotations and actor mentions. [`Input::from_doc`] takes them from an
//! nlp [`Doc`] whose mentions the actors stage filled; tests may fill it by hand.

use faultline_model::{BlockKind, Mention, Precision, Span};
use faultline_nlp::Doc;
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

    /// The annotations of an nlp [`Doc`]: tokens, sentences, lemmas, times, quotations and
    /// the mentions in [`Doc::mentions`]. No mention is marked media: set
    /// [`Input::media`] from the actor dictionary, and [`Input::excluded`] for a dateline.
    #[must_use]
    pub fn from_doc(doc: &'a Doc, article_id: &'a str, date: Date) -> Input<'a> {
        let tokens = (0..doc.tokens().len())
            .map(|i| {
                let token = &doc.tokens()[i];
                let kind = match token.kind {
                    faultline_nlp::TokenKind::Word | faultline_nlp::TokenKind::Clitic => TokenKind::Word,
                    faultline_nlp::TokenKind::Number => TokenKind::Number,
                    faultline_nlp::TokenKind::Possessive => TokenKind::Possessive,
                    faultline_nlp::TokenKind::OpenQuote => TokenKind::OpenQuote,
                    faultline_nlp::TokenKind::CloseQuote => TokenKind::CloseQuote,
                    faultline_nlp::TokenKind::Punct => TokenKind::Punct,
                    faultline_nlp::TokenKind::Symbol => TokenKind::Other,
                };
                Token { span: token.span, kind, lower: doc.norm(i), lemma: doc.lemma(i) }
            })
            .collect();
        let sentences = doc
            .sentences()
            .iter()
            .map(|s| SentenceInput { span: s.span, tokens: s.token_range(), block: s.kind })
            .collect();
        let times = doc
            .times()
            .iter()
            .map(|t| TimeInput { span: t.span, date: t.date, precision: t.precision })
            .collect();
        let quotes = doc.quotes().iter().map(faultline_nlp::Quotation::outer).collect();
        Input {
            article_id,
            text: doc.text(),
            date,
            tokens,
            sentences,
            mentions: doc.mentions.clone(),
            media: vec![false; doc.mentions.len()],
            quotes,
            times,
            excluded: Vec::new(),
        }
    }

    pub(crate) fn is_media(&self, mention: usize) -> bool {
        self.media.get(mention).copied().unwrap_or(false)
    }
}
