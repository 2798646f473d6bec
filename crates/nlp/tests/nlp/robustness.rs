//! Any UTF-8 in, valid spans out, never a panic.

use crate::annotate;
use faultline_model::{Article, Block, BlockKind, Format, Span};
use faultline_nlp::Doc;
use proptest::prelude::*;

/// Every annotation is a non-empty span on char boundaries, inside its block, in order.
fn check_invariants(doc: &Doc) {
    let text = doc.text();
    let valid = |span: Span| span.start < span.end && span.get(text).is_some();
    let mut prev_end = 0;
    for (i, token) in doc.tokens().iter().enumerate() {
        assert!(valid(token.span), "token {i} {:?} is not a valid span", token.span);
        assert!(token.span.start >= prev_end, "token {i} overlaps the one before");
        prev_end = token.span.end;
        assert!(doc.blocks().iter().any(|b| b.span.contains(token.span)), "token {i} outside every block");
        let _ = (doc.norm(i), doc.lemma(i));
    }
    let mut next_token = 0;
    for sentence in doc.sentences() {
        assert!(valid(sentence.span));
        assert!(sentence.first_token < sentence.end_token);
        assert!(sentence.first_token as usize >= next_token, "sentences overlap");
        next_token = sentence.end_token as usize;
        let block = doc.blocks()[sentence.block as usize];
        assert!(block.span.contains(sentence.span), "a sentence crosses its block");
        assert_eq!(block.kind, sentence.kind);
    }
    // every token is in a sentence
    let in_sentences: usize = doc.sentences().iter().map(|s| s.n_tokens()).sum();
    assert_eq!(in_sentences, doc.tokens().len());
    for time in doc.times() {
        assert!(valid(time.span));
        let sentence = doc.sentences()[time.sentence as usize];
        assert!(sentence.span.contains(time.span), "a time expression crosses its sentence");
    }
    for quote in doc.quotes() {
        assert!(valid(quote.inner) && valid(quote.open));
        assert!(quote.close.is_none_or(valid));
        let block = doc.blocks()[quote.block as usize];
        assert!(block.span.contains(quote.outer()), "a quote leaves its block");
    }
}

const TRICKY: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "’",
    "‘",
    "«",
    "»",
    "...",
    "…",
    "Mr.",
    "U.S.",
    "Dec.",
    " ",
    "\n",
    "\n\n",
    "-",
    "—",
    "a",
    "Z",
    "3.5",
    "2025-12-28",
    "n't",
    "’s",
    "é",
    "e\u{301}",
    "👍🏽",
    "👨‍👩‍👧",
    "中文",
    "日本語。",
    "\u{200B}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{2028}",
    "?!",
    "in",
    "November",
    "May",
    "on",
    "28",
    "last",
    "week",
    "ago",
    "two",
    "mid-",
    "\u{0301}",
    "ﷺ",
    "\u{10FFFF}",
    "\r\n",
    "\t",
    "O'",
    "’90s",
    "a.m.",
    "J.",
    "(",
    ")",
    "Köln",
    "İstanbul",
    "ß",
    "ǅ",
    "Ⅻ",
    "٣",
    "½",
];

/// Deterministic pseudo-random texts made of tricky pieces.
#[test]
fn mutated_inputs_never_panic() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let date = Some(jiff::civil::date(2025, 12, 28));
    for _ in 0..3000 {
        let n_pieces = (next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..n_pieces {
            let piece = TRICKY[(next() % TRICKY.len() as u64) as usize];
            text.push_str(piece);
            if next() % 3 == 0 {
                text.push(' ');
            }
        }
        let doc = annotate(&text, date);
        check_invariants(&doc);
    }
}

#[test]
fn very_long_inputs() {
    let long_word = "a".repeat(1 << 20);
    check_invariants(&annotate(&long_word, None));
    let quotes = "“".repeat(100_000);
    check_invariants(&annotate(&quotes, None));
    let mixed = "He said “no. ".repeat(20_000);
    let doc = annotate(&mixed, None);
    check_invariants(&doc);
    assert!(doc.quotes().is_empty());
    assert_eq!(doc.sentences().len(), 20_000);
    let dots = ".".repeat(100_000) + "x";
    check_invariants(&annotate(&dots, None));
    let no_space = "Mr.".repeat(50_000);
    check_invariants(&annotate(&no_space, None));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text(text in any::<String>()) {
        let doc = annotate(&text, Some(jiff::civil::date(2025, 12, 28)));
        check_invariants(&doc);
    }

    #[test]
    fn any_news_like_text(text in "[A-Za-z .,;:!?'\"“”‘’«»…—\\-\n0-9é👍]{0,300}") {
        let doc = annotate(&text, Some(jiff::civil::date(2025, 12, 28)));
        check_invariants(&doc);
    }

    /// Articles whose blocks are arbitrary (even wrong) spans.
    #[test]
    fn any_blocks(text in "[a-zé“”. \n]{0,120}", cuts in proptest::collection::vec((0u32..140, 0u32..40), 0..6)) {
        let mut article = Article::empty("a", Format::Text);
        article.text = text;
        article.blocks = cuts
            .into_iter()
            .map(|(start, len)| Block { kind: BlockKind::Paragraph, span: Span { start, end: start + len } })
            .collect();
        let doc = crate::PIPELINE.annotate_article(&article).unwrap();
        check_invariants(&doc);
    }
}
