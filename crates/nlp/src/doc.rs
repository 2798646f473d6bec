//! The annotated document: text it owns, and annotations as index ranges into it.

use crate::pipeline::{Layer, Layers};
use crate::quote::Quotation;
use crate::time::TimeExpr;
use faultline_model::{Article, Block, BlockKind, Mention, Span};
use jiff::civil::Date;
use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with digits, internal hyphens, apostrophes or dots:
    /// `survival-threatening`, `O'Brien`, `U.S.`, `28th`, `F-35`.
    Word,
    /// Digits with internal separators only: `1949`, `3.5`, `1,000`, `2025-12-28`.
    Number,
    /// The possessive clitic split off a word: `’s` in `Japan’s`, `'` in `leaders'`.
    Possessive,
    /// A contraction split off a word: `n't`, `'re`, `'ve`, `'ll`, `'d`, `'m`, and `'s`
    /// after a pronoun (`it's`).
    Clitic,
    /// An opening quotation mark: `“`, `‘`, `«`, `„`, or a straight quote in opening position.
    OpenQuote,
    /// A closing quotation mark: `”`, `’`, `»`, or a straight quote in closing position.
    CloseQuote,
    /// Punctuation: `.`, `,`, `?`, `...`, `-`, `—`, `(`, ...
    Punct,
    /// Anything else: currency and other symbols, emoji.
    Symbol,
}

/// Boolean properties of a token, as bits.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TokenFlags(u16);

impl TokenFlags {
    /// Whitespace comes right before the token.
    pub const SPACE_BEFORE: TokenFlags = TokenFlags(1);
    /// A line break comes before the token (inside its block).
    pub const NEWLINE_BEFORE: TokenFlags = TokenFlags(1 << 1);
    /// A blank line comes before the token (inside its block).
    pub const BLANK_LINE_BEFORE: TokenFlags = TokenFlags(1 << 2);
    /// The first letter is upper case (`Russia`, `NATO`, `Mr.`).
    pub const CAPITALISED: TokenFlags = TokenFlags(1 << 3);
    /// Has letters, and all of them are upper case (`NATO`, `U.S.`, `TOKYO`).
    pub const ALL_CAPS: TokenFlags = TokenFlags(1 << 4);
    /// Has letters, and all of them are lower case.
    pub const LOWER: TokenFlags = TokenFlags(1 << 5);
    /// Has at least one letter.
    pub const HAS_ALPHA: TokenFlags = TokenFlags(1 << 6);
    /// Has at least one digit.
    pub const HAS_DIGIT: TokenFlags = TokenFlags(1 << 7);
    /// Has an internal hyphen (`survival-threatening`).
    pub const HYPHENATED: TokenFlags = TokenFlags(1 << 8);
    /// An abbreviation that owns its final period (`Mr.`, `U.S.`, `Dec.`, `J.`).
    pub const ABBREV: TokenFlags = TokenFlags(1 << 9);
    /// The first token of a sentence (set with the Sentences layer).
    pub const SENT_START: TokenFlags = TokenFlags(1 << 10);
    /// The token is pure ASCII.
    pub const ASCII: TokenFlags = TokenFlags(1 << 11);

    #[must_use]
    pub const fn empty() -> TokenFlags {
        TokenFlags(0)
    }

    #[must_use]
    pub const fn contains(self, other: TokenFlags) -> bool {
        self.0 & other.0 == other.0
    }

    #[must_use]
    pub const fn union(self, other: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | other.0)
    }

    pub fn insert(&mut self, other: TokenFlags) {
        self.0 |= other.0;
    }

    pub fn remove(&mut self, other: TokenFlags) {
        self.0 &= !other.0;
    }

    #[must_use]
    pub const fn bits(self) -> u16 {
        self.0
    }
}

impl std::ops::BitOr for TokenFlags {
    type Output = TokenFlags;
    fn bitor(self, rhs: TokenFlags) -> TokenFlags {
        self.union(rhs)
    }
}

impl std::fmt::Debug for TokenFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const NAMES: [&str; 12] = [
            "SPACE_BEFORE",
            "NEWLINE_BEFORE",
            "BLANK_LINE_BEFORE",
            "CAPITALISED",
            "ALL_CAPS",
            "LOWER",
            "HAS_ALPHA",
            "HAS_DIGIT",
            "HYPHENATED",
            "ABBREV",
            "SENT_START",
            "ASCII",
        ];
        let set = NAMES.iter().enumerate().filter(|(bit, _)| self.0 & (1 << bit) != 0).map(|(_, name)| name);
        f.debug_set().entries(set).finish()
    }
}

/// A range of bytes in the document's buffer of normalised forms and lemmas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct LexRange {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl LexRange {
    #[inline]
    pub(crate) fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One token: a span of the text, what it is, and (through the [`Doc`]) its lowercase
/// form and lemma. 32 bytes, no heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub flags: TokenFlags,
    pub(crate) norm: LexRange,
    pub(crate) lemma: LexRange,
    /// The word's entry in the crate's lexicon (0: none), looked up once.
    pub(crate) entry: u16,
}

impl Token {
    #[must_use]
    pub fn is(&self, flag: TokenFlags) -> bool {
        self.flags.contains(flag)
    }

    /// A word or number (not punctuation, quotes, clitics or symbols).
    #[must_use]
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }

    #[must_use]
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokenKind::OpenQuote | TokenKind::CloseQuote)
    }
}

/// One sentence: a run of tokens inside one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Index of the first token.
    pub first_token: u32,
    /// Index one past the last token.
    pub end_token: u32,
    /// Index of the block in [`Doc::blocks`].
    pub block: u32,
    /// What kind of block the sentence is in.
    pub kind: BlockKind,
}

impl Sentence {
    #[must_use]
    pub fn token_range(&self) -> Range<usize> {
        self.first_token as usize..self.end_token as usize
    }

    #[must_use]
    pub fn n_tokens(&self) -> usize {
        (self.end_token - self.first_token) as usize
    }
}

/// A token with its document, for reading its text, normal form and lemma.
#[derive(Clone, Copy, Debug)]
pub struct TokenRef<'d> {
    doc: &'d Doc,
    index: usize,
    token: &'d Token,
}

impl<'d> TokenRef<'d> {
    #[must_use]
    pub fn index(&self) -> usize {
        self.index
    }
    #[must_use]
    pub fn token(&self) -> &'d Token {
        self.token
    }
    #[must_use]
    pub fn span(&self) -> Span {
        self.token.span
    }
    #[must_use]
    pub fn kind(&self) -> TokenKind {
        self.token.kind
    }
    #[must_use]
    pub fn is(&self, flag: TokenFlags) -> bool {
        self.token.is(flag)
    }
    /// The token as the text has it.
    #[must_use]
    pub fn text(&self) -> &'d str {
        self.doc.token_text(self.index)
    }
    /// Lower case, with typographic apostrophes and quotes made straight (`japan`, `'s`).
    #[must_use]
    pub fn norm(&self) -> &'d str {
        self.doc.norm(self.index)
    }
    /// The lemma (`said` -> `say`), or the normal form before lemmas are assigned.
    #[must_use]
    pub fn lemma(&self) -> &'d str {
        self.doc.lemma(self.index)
    }
}

/// An article's text and its annotations: tokens, sentences, lemmas, time expressions,
/// quotations and (from the actors stage) mentions, all as spans into the text, which is
/// never modified.
///
/// A `Doc` starts bare ([`Doc::from_article`], [`Doc::from_text`]) and a
/// [`Pipeline`](crate::Pipeline) fills its layers.
#[derive(Clone, Debug)]
pub struct Doc {
    pub(crate) text: String,
    pub(crate) reference_date: Option<Date>,
    pub(crate) blocks: Vec<Block>,
    pub(crate) tokens: Vec<Token>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) times: Vec<TimeExpr>,
    pub(crate) quotes: Vec<Quotation>,
    /// Actor mentions: left empty by this crate, filled by the actors stage.
    pub mentions: Vec<Mention>,
    /// Normalised forms and lemmas of the tokens: first the text in ASCII lower case
    /// (where ASCII tokens read theirs, at their spans), then the normal forms of the
    /// other tokens and the lemmas that are not a prefix of a normal form, back to back.
    pub(crate) lex: String,
    pub(crate) layers: Layers,
}

/// The largest text a `Doc` covers: spans are `u32`.
const MAX_TEXT: usize = u32::MAX as usize;

impl Doc {
    /// A bare document over an article's text. Sentences will never cross the
    /// article's blocks and each knows its block's kind; the reference date for
    /// relative time expressions is the publication date.
    ///
    /// Blocks that are not valid spans of the text (out of bounds, off a char boundary,
    /// overlapping the previous block) are dropped; an article with text and no blocks
    /// is read as one paragraph.
    #[must_use]
    pub fn from_article(article: &Article) -> Doc {
        let text = &article.text;
        let mut blocks = Vec::with_capacity(article.blocks.len());
        let mut prev_end = 0u32;
        for block in &article.blocks {
            if block.span.start < prev_end || block.span.get(text).is_none() {
                continue;
            }
            prev_end = block.span.end;
            blocks.push(*block);
        }
        let mut doc = Doc::bare(text.clone(), article.published.as_ref().map(|p| p.date));
        if blocks.is_empty() && article.blocks.is_empty() {
            doc.blocks = whole_text_block(&doc.text);
        } else {
            doc.blocks = blocks;
        }
        doc
    }

    /// A bare document over a text read as one paragraph block (`faultline code --text`,
    /// one-sentence-per-line gold files: line breaks before a capital still end
    /// sentences). Texts longer than 4 GiB are read up to 4 GiB.
    #[must_use]
    pub fn from_text(text: &str, reference_date: Option<Date>) -> Doc {
        let mut doc = Doc::bare(text.to_owned(), reference_date);
        doc.blocks = whole_text_block(&doc.text);
        doc
    }

    fn bare(text: String, reference_date: Option<Date>) -> Doc {
        Doc {
            text,
            reference_date,
            blocks: Vec::new(),
            tokens: Vec::new(),
            sentences: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            mentions: Vec::new(),
            lex: String::new(),
            layers: Layers::NONE,
        }
    }

    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The date relative time expressions are resolved against (the article's
    /// publication date).
    #[must_use]
    pub fn reference_date(&self) -> Option<Date> {
        self.reference_date
    }

    #[must_use]
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    #[must_use]
    pub fn layers(&self) -> Layers {
        self.layers
    }

    #[must_use]
    pub fn has(&self, layer: Layer) -> bool {
        self.layers.contains(layer)
    }

    #[must_use]
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    #[must_use]
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    #[must_use]
    pub fn times(&self) -> &[TimeExpr] {
        &self.times
    }

    #[must_use]
    pub fn quotes(&self) -> &[Quotation] {
        &self.quotes
    }

    /// The token at `index` with its document.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[must_use]
    pub fn token(&self, index: usize) -> TokenRef<'_> {
        TokenRef { doc: self, index, token: &self.tokens[index] }
    }

    /// All tokens with their document.
    pub fn token_refs(&self) -> impl ExactSizeIterator<Item = TokenRef<'_>> + '_ {
        self.tokens.iter().enumerate().map(move |(index, token)| TokenRef { doc: self, index, token })
    }

    /// The text of the token at `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[must_use]
    pub fn token_text(&self, index: usize) -> &str {
        self.span_text(self.tokens[index].span)
    }

    /// The normalised form of the token at `index`: lower case, typographic apostrophes
    /// and quotation marks made straight. Never allocates.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[must_use]
    #[inline]
    pub fn norm(&self, index: usize) -> &str {
        self.lex.get(self.tokens[index].norm.range()).unwrap_or("")
    }

    /// The lemma of the token at `index` (`said` -> `say`, `talks` -> `talk`), or its
    /// normalised form before the Lemmas layer is assigned. Never allocates.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[must_use]
    #[inline]
    pub fn lemma(&self, index: usize) -> &str {
        self.lex.get(self.tokens[index].lemma.range()).unwrap_or("")
    }

    /// The text of a span of this document (empty if the span is not one of its spans).
    #[must_use]
    pub fn span_text(&self, span: Span) -> &str {
        span.get(&self.text).unwrap_or("")
    }

    /// The text of sentence `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[must_use]
    pub fn sentence_text(&self, index: usize) -> &str {
        self.span_text(self.sentences[index].span)
    }

    /// The tokens of sentence `index`.
    ///
    /// # Panics
    /// If `index` is out of bounds.
    #[must_use]
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        &self.tokens[self.sentences[index].token_range()]
    }

    /// The sentence holding the token at `token_index`.
    #[must_use]
    pub fn sentence_of_token(&self, token_index: usize) -> Option<usize> {
        let token_index = u32::try_from(token_index).ok()?;
        let after = self.sentences.partition_point(|s| s.first_token <= token_index);
        let index = after.checked_sub(1)?;
        (token_index < self.sentences[index].end_token).then_some(index)
    }

    /// The sentence covering the byte offset `offset`.
    #[must_use]
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let offset = u32::try_from(offset).ok()?;
        let after = self.sentences.partition_point(|s| s.span.start <= offset);
        let index = after.checked_sub(1)?;
        (offset < self.sentences[index].span.end).then_some(index)
    }

    /// The time expressions of sentence `sentence_index`.
    #[must_use]
    pub fn sentence_times(&self, sentence_index: usize) -> &[TimeExpr] {
        let Ok(sentence) = u32::try_from(sentence_index) else { return &[] };
        let start = self.times.partition_point(|t| t.sentence < sentence);
        let end = self.times.partition_point(|t| t.sentence <= sentence);
        &self.times[start..end]
    }

    /// The quotations whose inner text covers `span` (a word, a mention, a trigger),
    /// outermost first.
    pub fn quotes_covering(&self, span: Span) -> impl Iterator<Item = &Quotation> + '_ {
        self.quotes.iter().filter(move |q| q.inner.contains(span))
    }

    /// The indices of the tokens lying inside `span`.
    #[must_use]
    pub fn tokens_in(&self, span: Span) -> Range<usize> {
        let start = self.tokens.partition_point(|t| t.span.start < span.start);
        let end = self.tokens.partition_point(|t| t.span.end <= span.end).max(start);
        start..end
    }

    /// The kind of block `block_index` (as in [`Sentence::block`]).
    #[must_use]
    pub fn block_kind(&self, block_index: usize) -> Option<BlockKind> {
        self.blocks.get(block_index).map(|b| b.kind)
    }
}

/// One paragraph block over the whole text, trimmed, capped at 4 GiB.
fn whole_text_block(text: &str) -> Vec<Block> {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let trimmed_end = head.trim_end().len();
    let start = head.len() - head.trim_start().len();
    if start >= trimmed_end {
        return Vec::new();
    }
    vec![Block { kind: BlockKind::Paragraph, span: Span::new(start, trimmed_end) }]
}
