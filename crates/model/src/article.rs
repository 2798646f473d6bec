//! The clean article: text plus fields, each field tied to its span in the text.

use crate::{Format, Span};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A metadata value and, where the value is visible in [`Article::text`], the span of
/// the evidence for it. The value may be normalised (agency `Kyodo News` for the
/// signature `KYODO NEWS`); the span always shows what the page said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Field {
    /// A value seen in the text at `span`.
    #[must_use]
    pub fn at(value: impl Into<String>, span: Span) -> Field {
        Field { value: value.into(), span: Some(span) }
    }

    /// A value that is not part of the cleaned text (an HTML meta tag, a URL host).
    #[must_use]
    pub fn meta(value: impl Into<String>) -> Field {
        Field { value: value.into(), span: None }
    }
}

/// When the article was published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub date: Date,
    /// The date or time as the page or source wrote it.
    pub raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A link to another article (a "More on this topic" headline). Never body text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedLink {
    pub title: Field,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What a block of [`Article::text`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Standfirst,
    Byline,
    Paragraph,
    /// A wire-agency signature line or word that ended the body (`KYODO NEWS`).
    Signature,
    Caption,
    Credit,
    Related,
}

/// One block of the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

/// An article as faultline keeps it.
///
/// `text` is the cleaned text: its blocks in reading order, separated by a blank line
/// (`"\n\n"`): title, standfirst, byline, body paragraphs, then what the page had around
/// the body (signature, captions, credits, related headlines). `blocks` lists them all;
/// the typed fields point into the same text. Nothing of the page furniture (menus,
/// promos, widgets, footers) is in `text`.
///
/// The body is the paragraphs: [`Article::body`]. A dateline (`TOKYO -`) stays at the
/// start of the first paragraph, as the page printed it, and [`Article::dateline`] points
/// at it; an agency signature at the end of the body is moved to its own `Signature`
/// block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub format: Format,
    pub text: String,
    pub blocks: Vec<Block>,
    pub title: Option<Field>,
    pub published: Option<Published>,
    /// The outlet's name (`The Straits Times`); see also `site`.
    pub outlet: Option<Field>,
    /// The outlet's web host (`straitstimes.com`), from the URL or the page.
    pub site: Option<String>,
    pub byline: Option<Field>,
    pub dateline: Option<Field>,
    /// The wire agency the story came from (`Kyodo News`).
    pub agency: Option<Field>,
    pub standfirst: Option<Field>,
    pub paragraphs: Vec<Span>,
    pub captions: Vec<Field>,
    pub credits: Vec<Field>,
    pub related: Vec<RelatedLink>,
    /// ISO 639-3 code of the body's language (`eng`), when it can be told.
    pub language: Option<String>,
}

impl Article {
    /// An article with no fields yet; extractors fill it with [`ArticleBuilder`].
    #[must_use]
    pub fn empty(id: impl Into<String>, format: Format) -> Article {
        Article {
            id: id.into(),
            url: None,
            format,
            text: String::new(),
            blocks: Vec::new(),
            title: None,
            published: None,
            outlet: None,
            site: None,
            byline: None,
            dateline: None,
            agency: None,
            standfirst: None,
            paragraphs: Vec::new(),
            captions: Vec::new(),
            credits: Vec::new(),
            related: Vec::new(),
            language: None,
        }
    }

    /// The span of the body: from the first paragraph to the end of the last.
    #[must_use]
    pub fn body_span(&self) -> Option<Span> {
        let first = self.paragraphs.first()?;
        let last = self.paragraphs.last()?;
        Some(first.cover(*last))
    }

    /// The body text: the paragraphs, separated by blank lines.
    #[must_use]
    pub fn body(&self) -> &str {
        self.body_span().map_or("", |span| span.slice(&self.text))
    }

    /// The paragraphs' texts.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|span| span.slice(&self.text))
    }

    /// Checks the invariants every extractor must keep: blocks in order, inside the text,
    /// on char boundaries, and every field span inside the text. Used by tests and fuzzers.
    pub fn check(&self) -> Result<(), String> {
        let text = &self.text;
        let mut prev_end = 0u32;
        for block in &self.blocks {
            if block.span.start < prev_end {
                return Err(format!("block {block:?} overlaps the previous one"));
            }
            if block.span.get(text).is_none() {
                return Err(format!("block {block:?} is not a valid span of the text"));
            }
            prev_end = block.span.end;
        }
        let fields =
            [&self.title, &self.outlet, &self.byline, &self.dateline, &self.agency, &self.standfirst];
        let spans = fields
            .into_iter()
            .flatten()
            .chain(&self.captions)
            .chain(&self.credits)
            .chain(self.related.iter().map(|r| &r.title))
            .filter_map(|f| f.span)
            .chain(self.paragraphs.iter().copied())
            .chain(self.published.as_ref().and_then(|p| p.span));
        for span in spans {
            if span.get(text).is_none() {
                return Err(format!("span {span:?} is not a valid span of the text"));
            }
        }
        if !self.paragraphs.is_sorted() {
            return Err("paragraphs are not in order".into());
        }
        Ok(())
    }
}

/// Builds an [`Article`]'s text block by block, so that spans are right by construction.
///
/// ```
/// use faultline_model::{ArticleBuilder, BlockKind, Format};
/// let mut b = ArticleBuilder::new("doc-1", Format::Text);
/// let title = b.push(BlockKind::Title, "Synthetic title");
/// b.push(BlockKind::Paragraph, "First paragraph.");
/// let mut article = b.finish();
/// article.title = Some(faultline_model::Field::at("Synthetic title", title));
/// assert_eq!(article.body(), "First paragraph.");
/// assert_eq!(article.text, "Synthetic title\n\nFirst paragraph.");
/// ```
#[derive(Debug)]
pub struct ArticleBuilder {
    article: Article,
}

impl ArticleBuilder {
    #[must_use]
    pub fn new(id: impl Into<String>, format: Format) -> ArticleBuilder {
        ArticleBuilder { article: Article::empty(id, format) }
    }

    /// Appends a block (separated from the previous one by a blank line) and returns its
    /// span. Paragraph blocks are also recorded in `paragraphs`.
    pub fn push(&mut self, kind: BlockKind, block_text: &str) -> Span {
        let article = &mut self.article;
        if !article.text.is_empty() {
            article.text.push_str("\n\n");
        }
        let start = article.text.len();
        article.text.push_str(block_text);
        let span = Span::new(start, article.text.len());
        article.blocks.push(Block { kind, span });
        if kind == BlockKind::Paragraph {
            article.paragraphs.push(span);
        }
        span
    }

    /// The article so far, to set fields on.
    pub fn article_mut(&mut self) -> &mut Article {
        &mut self.article
    }

    /// The text so far.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.article.text
    }

    #[must_use]
    pub fn finish(self) -> Article {
        self.article
    }
}
