//! faultline nlp: the first linguistic stage. Tokens, sentences, lemmas, time
//! expressions and quotations over an article's text, as byte spans into it; the text
//! itself is never modified.
//!
//! A [`Doc`] owns the text and its annotations. It is built bare from an
//! [`Article`](faultline_model::Article) ([`Doc::from_article`]: sentences never cross
//! the article's blocks, and the publication date anchors relative dates) or from a
//! plain text ([`Doc::from_text`]), and a [`Pipeline`] of [`Annotator`]s fills its
//! [`Layer`]s:
//!
//! - [`Tokenizer`]: [`Token`]s with spans, a [`TokenKind`], [`TokenFlags`] and a lower-case
//!   normal form ([`Doc::norm`]), kept in one buffer per document (no `String` per token);
//! - [`SentenceSplitter`]: [`Sentence`]s that survive news English (`Mr.`, `U.S.`,
//!   `Sergei V. Lavrov`, `3.5`, `...," he said.`, datelines, line breaks);
//! - [`LemmaTagger`]: a lemma per token ([`Doc::lemma`], [`lemmatize`]): verb bases
//!   (`sought` -> `seek`, `accelerating` -> `accelerate`) and noun singulars;
//! - [`TimeTagger`]: [`TimeExpr`]s (`on Dec 28`, `in November`, `last week`) resolved
//!   to a date and a [`Precision`](faultline_model::Precision);
//! - [`QuoteFinder`]: [`Quotation`]s, paired within a block.
//!
//! Later stages implement [`Annotator`] too (the actors crate fills [`Doc::mentions`])
//! and are checked, once, when the pipeline is built: each annotator declares the layers
//! it requires and assigns. A pipeline is `Send + Sync`: build it once, share it.
//!
//! ```
//! use faultline_nlp::{Pipeline, Layer};
//! use faultline_model::Precision;
//! use jiff::civil::date;
//!
//! let pipeline = Pipeline::standard();
//! let doc = pipeline.annotate_text(
//!     "Mr. Lavrov said so on Dec 28. “We will support China,” he said.",
//!     Some(date(2025, 12, 30)),
//! )?;
//! let sentences: Vec<&str> = (0..doc.sentences().len()).map(|i| doc.sentence_text(i)).collect();
//! assert_eq!(sentences, ["Mr. Lavrov said so on Dec 28.", "“We will support China,” he said."]);
//!
//! let said = doc.token_refs().find(|t| t.text() == "said").unwrap();
//! assert_eq!(said.lemma(), "say");
//!
//! let time = &doc.times()[0];
//! assert_eq!(doc.span_text(time.span), "on Dec 28");
//! assert_eq!((time.date, time.precision), (date(2025, 12, 28), Precision::Day));
//!
//! assert_eq!(doc.span_text(doc.quotes()[0].inner), "We will support China,");
//! assert!(doc.has(Layer::Quotes));
//! # Ok::<(), faultline_nlp::Error>(())
//! ```

mod doc;
mod error;
mod hash;
mod lemma;
mod lemma_data;
mod lexicon;
mod pipeline;
mod quote;
mod sentence;
mod time;
mod tokenize;

pub use doc::{Doc, Sentence, Token, TokenFlags, TokenKind, TokenRef};
pub use error::{Error, Result};
pub use lemma::{Lemma, LemmaTagger, lemmatize};
pub use pipeline::{Annotator, Layer, Layers, Pipeline, PipelineBuilder};
pub use quote::{Quotation, QuoteFinder, QuoteStyle};
pub use sentence::SentenceSplitter;
pub use time::{TimeExpr, TimeRelation, TimeTagger};
pub use tokenize::Tokenizer;
