//! The Sentences layer: sentence boundaries over the tokens of each block.
//!
//! A boundary follows `.`, `?`, `!` or an ellipsis (with the closing quotes and brackets
//! after it), unless the next word starts in lower case; abbreviations that own their
//! period end a sentence only before a capitalised sentence starter (`U.S. He`, not
//! `U.S. President`, never `Mr.`); a line break ends a sentence when the next line starts
//! with a capital and the line before does not end in a word that goes on (`the`, `of`,
//! `,`). A block's end always ends its sentence, so sentences never cross blocks.

use crate::Doc;
use crate::doc::{Sentence, Token, TokenFlags, TokenKind};
use crate::lexicon::{self, TimeWord, word};
use crate::pipeline::{Annotator, Layer, Layers};
use crate::tokenize::{Abbrev, abbrev_kind};
use faultline_model::Span;

/// The Sentences layer (see the module documentation).
#[derive(Clone, Copy, Debug, Default)]
pub struct SentenceSplitter;

impl Annotator for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn requires(&self) -> Layers {
        Layer::Tokens.into()
    }

    fn assigns(&self) -> Layers {
        Layer::Sentences.into()
    }

    fn annotate(&self, doc: &mut Doc) {
        let mut sentences = std::mem::take(&mut doc.sentences);
        sentences.clear();
        for token in &mut doc.tokens {
            token.flags.remove(TokenFlags::SENT_START);
        }
        let mut cursor = 0usize;
        for (block_index, block) in doc.blocks.iter().enumerate() {
            let first = cursor;
            // Tokens come in text order: the block's end is a binary search away.
            cursor += doc.tokens[cursor..].partition_point(|t| t.span.start < block.span.end);
            if first == cursor {
                continue;
            }
            let splitter = BlockSplitter { doc, end: cursor };
            splitter.split(first, block_index as u32, block.kind, &mut sentences);
        }
        for sentence in &sentences {
            doc.tokens[sentence.first_token as usize].flags.insert(TokenFlags::SENT_START);
        }
        doc.sentences = sentences;
    }
}

struct BlockSplitter<'d> {
    doc: &'d Doc,
    /// One past the block's last token.
    end: usize,
}

impl BlockSplitter<'_> {
    fn token(&self, i: usize) -> Option<&Token> {
        if i < self.end { self.doc.tokens.get(i) } else { None }
    }

    fn text(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    fn split(&self, first: usize, block: u32, kind: faultline_model::BlockKind, out: &mut Vec<Sentence>) {
        let block_first_sentence = out.len();
        let tokens = &self.doc.tokens[..self.end];
        let mut start = first;
        let mut i = first;
        while i < self.end {
            // Most tokens end no sentence: a word with no line break after it.
            let token = &tokens[i];
            if token.kind != TokenKind::Punct
                && !token.is(TokenFlags::ABBREV)
                && !tokens.get(i + 1).is_some_and(|next| next.is(TokenFlags::NEWLINE_BEFORE))
            {
                i += 1;
                continue;
            }
            let last = self.boundary_at(i);
            if let Some(last) = last {
                self.push(start, last + 1, block, kind, block_first_sentence, out);
                start = last + 1;
                i = last + 1;
            } else {
                i += 1;
            }
        }
        if start < self.end {
            self.push(start, self.end, block, kind, block_first_sentence, out);
        }
    }

    fn push(
        &self,
        first: usize,
        end: usize,
        block: u32,
        kind: faultline_model::BlockKind,
        block_first_sentence: usize,
        out: &mut Vec<Sentence>,
    ) {
        let tokens = &self.doc.tokens[first..end];
        let has_words = tokens.iter().any(Token::is_wordlike);
        // Punctuation alone (a stray closing quote, a dash) joins the sentence before.
        if !has_words && out.len() > block_first_sentence {
            if let Some(prev) = out.last_mut() {
                prev.end_token = end as u32;
                prev.span = prev.span.cover(tokens[tokens.len() - 1].span);
            }
            return;
        }
        let span = Span { start: tokens[0].span.start, end: tokens[tokens.len() - 1].span.end };
        out.push(Sentence { span, first_token: first as u32, end_token: end as u32, block, kind });
    }

    /// If a sentence ends at or just after token `i`, the index of its last token.
    fn boundary_at(&self, i: usize) -> Option<usize> {
        let token = self.token(i)?;
        if token.kind == TokenKind::Punct && is_terminal(self.text(i)) {
            let last = self.closers_after(i);
            let next = last + 1;
            let Some(next_token) = self.token(next) else { return Some(last) };
            let text = self.text(i);
            let full_stop = text == "."
                || text.starts_with(['?', '!', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{0964}', '\u{0965}']);
            let quoted = (i + 1..=last).any(|k| self.doc.tokens[k].kind == TokenKind::CloseQuote);
            let ends = if quoted && self.attribution_at(next) {
                false // “Who will pay?” Lavrov asked.
            } else if full_stop {
                !self.starts_lower(next) && !is_comma_like(self.text(next))
            } else {
                // an ellipsis: a new sentence only if a capital follows
                next_token.is(TokenFlags::CAPITALISED)
                    || (next_token.kind == TokenKind::OpenQuote && self.capital_at(next + 1))
            };
            if ends {
                return Some(last);
            }
            return self.line_break_after(last);
        }
        if token.is(TokenFlags::ABBREV) {
            let text = self.text(i);
            let kind = abbrev_kind(text.strip_suffix('.').unwrap_or(text));
            let last = self.closers_after(i);
            let next = last + 1;
            if self.token(next).is_none() {
                return Some(last);
            }
            let ends = match kind {
                Some(Abbrev::Title | Abbrev::Inline) => false,
                Some(Abbrev::Loose) => {
                    (self.capital_at(next) && !self.is_time_word(next))
                        || self.token(next).is_some_and(|t| t.kind == TokenKind::OpenQuote)
                }
                _ => (last > i && !self.starts_lower(next)) || self.starter_at(next),
            };
            if ends {
                return Some(last);
            }
            return self.line_break_after(last);
        }
        self.line_break_after(i)
    }

    /// A sentence break at a line break after token `i`.
    fn line_break_after(&self, i: usize) -> Option<usize> {
        let next = self.token(i + 1)?;
        if !next.is(TokenFlags::NEWLINE_BEFORE) || self.starts_lower(i + 1) {
            return None;
        }
        let token = self.token(i)?;
        let text = self.text(i);
        let goes_on = match token.kind {
            TokenKind::OpenQuote => true,
            TokenKind::Punct => {
                matches!(text, "," | "-" | "--" | "\u{2013}" | "\u{2014}" | "(" | "[" | ":" | ";" | "/" | "&")
            }
            TokenKind::Word => {
                lexicon::entry(token.entry).is_some_and(|e| e.has(word::CONTINUER))
                    || (token.is(TokenFlags::ABBREV)
                        && abbrev_kind(text.trim_end_matches('.')) == Some(Abbrev::Title))
            }
            _ => false,
        };
        (!goes_on).then_some(i)
    }

    /// The last of the closing quotes, closing brackets and further terminal marks right
    /// after token `i`.
    fn closers_after(&self, i: usize) -> usize {
        let mut last = i;
        while let Some(next) = self.token(last + 1) {
            let text = self.text(last + 1);
            let closes = next.kind == TokenKind::CloseQuote
                || (next.kind == TokenKind::Punct
                    && (matches!(text, ")" | "]" | "}")
                        || (is_terminal(text) && !next.is(TokenFlags::SPACE_BEFORE))));
            if !closes {
                break;
            }
            last += 1;
        }
        last
    }

    /// A speaker and a speech verb after a closing quote: up to three capitalised words
    /// or titles, then `said`, `asked`, ... (`“Why?” Mr. Lavrov asked.`).
    fn attribution_at(&self, i: usize) -> bool {
        let mut k = i;
        while k < i + 4 {
            let Some(token) = self.token(k) else { return false };
            if token.kind != TokenKind::Word {
                return false;
            }
            let norm = self.doc.norm(k);
            if SPEECH_VERBS.contains(&norm) {
                return k > i;
            }
            let title = abbrev_kind(self.text(k).trim_end_matches('.')) == Some(Abbrev::Title);
            let starter = lexicon::entry(token.entry).is_some_and(|e| e.has(word::STARTER));
            if !token.is(TokenFlags::CAPITALISED) || (starter && !title) {
                return false;
            }
            k += 1;
        }
        false
    }

    fn starts_lower(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| {
            matches!(t.kind, TokenKind::Word | TokenKind::Clitic | TokenKind::Possessive)
                && self.text(i).chars().next().is_some_and(char::is_lowercase)
        })
    }

    fn capital_at(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| t.is(TokenFlags::CAPITALISED))
    }

    /// A capitalised word that often starts a sentence, or an opening quote.
    fn starter_at(&self, i: usize) -> bool {
        let Some(token) = self.token(i) else { return false };
        if token.kind == TokenKind::OpenQuote {
            return true;
        }
        token.is(TokenFlags::CAPITALISED) && lexicon::entry(token.entry).is_some_and(|e| e.has(word::STARTER))
    }

    fn is_time_word(&self, i: usize) -> bool {
        let Some(token) = self.token(i) else { return false };
        let norm = self.doc.norm(i).trim_end_matches('.');
        matches!(
            lexicon::entry(token.entry).and_then(|e| e.time),
            Some(TimeWord::Month(_) | TimeWord::Weekday(_))
        ) || matches!(
            norm,
            "gmt" | "utc" | "est" | "edt" | "et" | "pt" | "pst" | "pdt" | "cet" | "bst" | "jst"
        )
    }
}

/// Verbs of saying that follow a speaker after a quotation.
const SPEECH_VERBS: [&str; 22] = [
    "said",
    "says",
    "asked",
    "asks",
    "added",
    "adds",
    "told",
    "wrote",
    "writes",
    "shouted",
    "replied",
    "explained",
    "noted",
    "insisted",
    "argued",
    "declared",
    "stated",
    "warned",
    "recalled",
    "exclaimed",
    "wondered",
    "tweeted",
];

/// Sentence-final punctuation: `.`, `?`, `!`, ellipses and CJK full stops.
pub(crate) fn is_terminal(text: &str) -> bool {
    text.starts_with(['.', '?', '!', '\u{2026}', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{0964}', '\u{0965}'])
}

fn is_comma_like(text: &str) -> bool {
    matches!(text, "," | ";" | ":")
}
