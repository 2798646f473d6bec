//! Sentence splitting on news English.

use crate::{annotate, sentences};
use faultline_model::{ArticleBuilder, BlockKind, Format};
use faultline_nlp::Doc;

#[track_caller]
fn check(input: &str, expected: &[&str]) {
    let doc = annotate(input, None);
    assert_eq!(sentences(&doc), expected, "sentences of {input:?}");
}

#[test]
fn plain() {
    check("Mr Lavrov said so. He left.", &["Mr Lavrov said so.", "He left."]);
    check("One. Two! Three? Four", &["One.", "Two!", "Three?", "Four"]);
    check("No final punctuation", &["No final punctuation"]);
    check("", &[]);
    check("   \n\n  ", &[]);
    check("Wait?! Really.", &["Wait?!", "Really."]);
}

#[test]
fn abbreviations() {
    check("Mr. Lavrov said so. He left.", &["Mr. Lavrov said so.", "He left."]);
    check("Mrs. May and Ms. Truss met Dr. Smith.", &["Mrs. May and Ms. Truss met Dr. Smith."]);
    check(
        "Prof. Li, Gen. Milley and Lt. Col. Vindman spoke.",
        &["Prof. Li, Gen. Milley and Lt. Col. Vindman spoke."],
    );
    check(
        "Sen. Warren and Rep. Ocasio-Cortez met Gov. Newsom.",
        &["Sen. Warren and Rep. Ocasio-Cortez met Gov. Newsom."],
    );
    check("He was born in St. Petersburg. She was not.", &["He was born in St. Petersburg.", "She was not."]);
    check("The U.S. President spoke. He left.", &["The U.S. President spoke.", "He left."]);
    check("He lives in the U.S. He left.", &["He lives in the U.S.", "He left."]);
    check(
        "The U.K. and the U.N. agreed with the E.U. on trade.",
        &["The U.K. and the U.N. agreed with the E.U. on trade."],
    );
    check(
        "Talks began at 10 a.m. and ended at 5 p.m. on Friday.",
        &["Talks began at 10 a.m. and ended at 5 p.m. on Friday."],
    );
    check("Talks ended at 5 p.m. The sides left.", &["Talks ended at 5 p.m.", "The sides left."]);
    check(
        "It ended at 7:45 p.m. \"No troops were hurt.\"",
        &["It ended at 7:45 p.m.", "\"No troops were hurt.\""],
    );
    check("It cost Rs.30-Rs.40. Certain shops sold it.", &["It cost Rs.30-Rs.40.", "Certain shops sold it."]);
    check("Apple Inc. Chief Executive Tim Cook spoke.", &["Apple Inc. Chief Executive Tim Cook spoke."]);
    check("He sold it to Acme Ltd. The deal closed.", &["He sold it to Acme Ltd.", "The deal closed."]);
    check("Samsung Electronics Co. said so.", &["Samsung Electronics Co. said so."]);
    check("Resolution No. 2231 was adopted.", &["Resolution No. 2231 was adopted."]);
    check("He said no. Then he left.", &["He said no.", "Then he left."]);
    check("It was Russia vs. Ukraine in the final.", &["It was Russia vs. Ukraine in the final."]);
    check("Tanks, jets, etc. were shown. Nobody came.", &["Tanks, jets, etc. were shown.", "Nobody came."]);
    check("Countries, e.g. France, objected.", &["Countries, e.g. France, objected."]);
    check("It ended on Jan. 5 after talks.", &["It ended on Jan. 5 after talks."]);
    check("Talks resume Sept. 12 in Geneva.", &["Talks resume Sept. 12 in Geneva."]);
    check("Talks resumed in Dec. The talks failed.", &["Talks resumed in Dec.", "The talks failed."]);
    check("Martin Luther King Jr. spoke. He was heard.", &["Martin Luther King Jr. spoke.", "He was heard."]);
    check("ST. LOUIS (AP) - Police said so.", &["ST. LOUIS (AP) - Police said so."]);
}

#[test]
fn initials() {
    check("J. R. R. Tolkien wrote it.", &["J. R. R. Tolkien wrote it."]);
    check("Foreign Minister Sergei V. Lavrov spoke.", &["Foreign Minister Sergei V. Lavrov spoke."]);
    check("George W. Bush visited.", &["George W. Bush visited."]);
    check("They chose Plan B. The others did not.", &["They chose Plan B.", "The others did not."]);
}

#[test]
fn numbers_and_ellipses() {
    check("Growth was 3.5 percent. It fell.", &["Growth was 3.5 percent.", "It fell."]);
    check("Rates rose .5 percent. It fell.", &["Rates rose .5 percent.", "It fell."]);
    check("It cost $1.5bn, or 1,000.5 units.", &["It cost $1.5bn, or 1,000.5 units."]);
    check("The war ended in 1945. 1946 was calm.", &["The war ended in 1945.", "1946 was calm."]);
    check("We will see... Russia is ready.", &["We will see...", "Russia is ready."]);
    check("We will see ... and wait.", &["We will see ... and wait."]);
    check("He paused… Then he spoke.", &["He paused…", "Then he spoke."]);
    check("यह शांत था। लेकिन मंत्री आए।", &["यह शांत था।", "लेकिन मंत्री आए।"]);
    check("Visit example.com for more. Or not.", &["Visit example.com for more.", "Or not."]);
}

#[test]
fn quotations() {
    check("“Yes.” He left.", &["“Yes.”", "He left."]);
    check("“We will win,” he said. They left.", &["“We will win,” he said.", "They left."]);
    check("\"We will win,\" he said. They left.", &["\"We will win,\" he said.", "They left."]);
    check("He called it “madness.” Then he left.", &["He called it “madness.”", "Then he left."]);
    check("“Why?” he asked.", &["“Why?” he asked."]);
    check(
        "“Who will pay?” Mr. Lavrov asked. Nobody knew.",
        &["“Who will pay?” Mr. Lavrov asked.", "Nobody knew."],
    );
    check("\"Enough!\" Trump tweeted.", &["\"Enough!\" Trump tweeted."]);
    check("“Who will pay?” The question stayed.", &["“Who will pay?”", "The question stayed."]);
    check("“Stop!” she shouted. Nobody did.", &["“Stop!” she shouted.", "Nobody did."]);
    check("“We will fight. We will win,” he said.", &["“We will fight.", "We will win,” he said."]);
    check("He said (quietly.) Then left.", &["He said (quietly.)", "Then left."]);
    check(
        "“The procedure is set forth” in a treaty, Mr Lavrov said. “One of the principles” is “mutual support.”",
        &[
            "“The procedure is set forth” in a treaty, Mr Lavrov said.",
            "“One of the principles” is “mutual support.”",
        ],
    );
}

#[test]
fn datelines() {
    check(
        "TOKYO - Russia will support China. It said so.",
        &["TOKYO - Russia will support China.", "It said so."],
    );
    check("WASHINGTON (Reuters) - The U.S. will act.", &["WASHINGTON (Reuters) - The U.S. will act."]);
    check("NEW YORK, Dec 28 (Reuters) — Stocks fell.", &["NEW YORK, Dec 28 (Reuters) — Stocks fell."]);
}

#[test]
fn line_breaks() {
    // one sentence per line, as in gold files
    check(
        "Russia attacked Ukraine\nChina condemned it\n",
        &["Russia attacked Ukraine", "China condemned it"],
    );
    check(
        "Russia attacked Ukraine.\nChina condemned it.",
        &["Russia attacked Ukraine.", "China condemned it."],
    );
    // a line broken where a page had a link: the next line starts in lower case
    check(
        "Ms Takaichi\n\nsaid in a session in November\n\nthat an attack was possible.",
        &["Ms Takaichi\n\nsaid in a session in November\n\nthat an attack was possible."],
    );
    check("He met the\nPresident of France.", &["He met the\nPresident of France."]);
    check("He met Mr.\nMacron today.", &["He met Mr.\nMacron today."]);
    check(
        "Friday, January 4, 2019\n\n\nAn apartment collapsed.",
        &["Friday, January 4, 2019", "An apartment collapsed."],
    );
}

/// Sentences from an article: never across blocks, each with its block's kind.
#[test]
fn blocks() {
    let mut builder = ArticleBuilder::new("a", Format::Text);
    builder.push(BlockKind::Title, "Russia vows support");
    builder.push(BlockKind::Paragraph, "TOKYO - Russia will help. Mr Lavrov said so");
    builder.push(BlockKind::Paragraph, "“It is set forth” in a treaty.");
    builder.push(BlockKind::Signature, "KYODO NEWS");
    let article = builder.finish();
    let doc = crate::PIPELINE.annotate_article(&article).unwrap();
    let got: Vec<(&str, BlockKind, u32)> =
        doc.sentences().iter().enumerate().map(|(i, s)| (doc.sentence_text(i), s.kind, s.block)).collect();
    assert_eq!(
        got,
        [
            ("Russia vows support", BlockKind::Title, 0),
            ("TOKYO - Russia will help.", BlockKind::Paragraph, 1),
            ("Mr Lavrov said so", BlockKind::Paragraph, 1),
            ("“It is set forth” in a treaty.", BlockKind::Paragraph, 2),
            ("KYODO NEWS", BlockKind::Signature, 3),
        ]
    );
    assert_eq!(doc.sentence_at(doc.sentences()[2].span.start as usize), Some(2));
    let first_token_of_third = doc.sentences()[2].first_token as usize;
    assert_eq!(doc.sentence_of_token(first_token_of_third), Some(2));
}

/// Text between blocks (their separators) belongs to no sentence, and bad block spans
/// from a broken extractor are dropped rather than trusted.
#[test]
fn bad_blocks_are_dropped() {
    let mut builder = ArticleBuilder::new("a", Format::Text);
    builder.push(BlockKind::Paragraph, "Grüße aus Köln. Zweiter Satz.");
    let mut article = builder.finish();
    article
        .blocks
        .push(faultline_model::Block { kind: BlockKind::Paragraph, span: faultline_model::Span::new(1, 3) });
    article.blocks.push(faultline_model::Block {
        kind: BlockKind::Paragraph,
        span: faultline_model::Span::new(40, 90),
    });
    let doc = crate::PIPELINE.annotate_article(&article).unwrap();
    assert_eq!(sentences(&doc), ["Grüße aus Köln.", "Zweiter Satz."]);
    let bare = Doc::from_article(&article);
    assert_eq!(bare.blocks().len(), 1);
}
