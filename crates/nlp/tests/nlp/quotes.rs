//! Quotation spans: the inner text of each quote, in order.

use crate::annotate;
use faultline_model::{ArticleBuilder, BlockKind, Format};
use faultline_nlp::QuoteStyle;

#[track_caller]
fn check(input: &str, expected: &[&str]) {
    let doc = annotate(input, None);
    let got: Vec<&str> = doc.quotes().iter().map(|q| doc.span_text(q.inner)).collect();
    assert_eq!(got, expected, "quotes of {input:?}");
}

#[test]
fn pairs() {
    check("“Yes,” he said.", &["Yes,"]);
    check("He called it a “survival-threatening situation” for Japan.", &["survival-threatening situation"]);
    check("\"Yes,\" he said, \"and no.\"", &["Yes,", "and no."]);
    check("«Non», dit-il.", &["Non"]);
    check("„Ja“, sagte er.", &["Ja"]);
    check("He said: \"We will win.\"", &["We will win."]);
    check("“”", &[]);
}

#[test]
fn across_sentences() {
    check(
        "“For such cases, the steps are laid down” in a pact, Mr Petrov said. “One core principle” is “joint help in guarding unity.”",
        &["For such cases, the steps are laid down", "One core principle", "joint help in guarding unity."],
    );
    check("“We will fight. We will win,” he said.", &["We will fight. We will win,"]);
}

#[test]
fn nested_single_quotes() {
    check("“He called it ‘madness’,” she said.", &["He called it ‘madness’,", "madness"]);
    check("the ‘one China’ policy", &["one China"]);
    check("the leaders’ summit and ‘talks’", &["talks"]);
}

#[test]
fn unbalanced() {
    // a stray opening quote does not swallow the rest of the block
    check("He said “maybe. Then he left.", &[]);
    check("He said maybe” and left.", &[]);
    check("“One” and “two” and “three", &["One", "two"]);
    check("\"a\" \"b\" \"c", &["a", "b"]);
}

#[test]
fn styles_marks_and_tokens() {
    let doc = annotate("“It is ‘ours’,” he said.", None);
    let quotes = doc.quotes();
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].style, QuoteStyle::Double);
    assert_eq!(quotes[1].style, QuoteStyle::Single);
    assert_eq!(doc.span_text(quotes[0].open), "“");
    assert_eq!(quotes[0].close.map(|c| doc.span_text(c)), Some("”"));
    assert_eq!(doc.span_text(quotes[0].outer()), "“It is ‘ours’,”");
    let inner_words: Vec<&str> = quotes[0].token_range().map(|i| doc.token_text(i)).collect();
    assert_eq!(inner_words, ["It", "is", "‘", "ours", "’", ","]);
    let ours = doc.token_refs().find(|t| t.text() == "ours").unwrap().span();
    let covering: Vec<QuoteStyle> = doc.quotes_covering(ours).map(|q| q.style).collect();
    assert_eq!(covering, [QuoteStyle::Double, QuoteStyle::Single]);
    let he = doc.token_refs().find(|t| t.text() == "he").unwrap().span();
    assert_eq!(doc.quotes_covering(he).count(), 0);
}

/// A quote stays in its paragraph; one running over paragraphs (the next opens with a
/// quotation mark, the first has no closing one) runs to the end of its paragraph.
#[test]
fn paragraphs() {
    let mut builder = ArticleBuilder::new("a", Format::Text);
    builder.push(BlockKind::Paragraph, "He said: “We will not yield.");
    builder.push(BlockKind::Paragraph, "“Nor will we bow,” he added.");
    builder.push(BlockKind::Paragraph, "She said “never");
    builder.push(BlockKind::Paragraph, "and left.");
    let doc = crate::PIPELINE.annotate_article(&builder.finish()).unwrap();
    let got: Vec<(&str, u32, bool)> =
        doc.quotes().iter().map(|q| (doc.span_text(q.inner), q.block, q.close.is_some())).collect();
    assert_eq!(got, [("We will not yield.", 0, false), ("Nor will we bow,", 1, true)]);
}

/// The same in a text read as one block: blank lines end paragraphs.
#[test]
fn paragraphs_in_one_block() {
    check(
        "He said: “We will not yield.\n\n“Nor will we bow,” he added.\n\nShe said “never\n\nand left. \"Ok\"",
        &["We will not yield.", "Nor will we bow,", "Ok"],
    );
}
