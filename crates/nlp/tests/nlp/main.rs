//! The crate's one integration-test binary: tests are data, one `check` per feature.

mod lemmas;
mod pipeline;
mod quotes;
mod robustness;
mod seed;
mod sentences;
mod times;
mod tokens;

use faultline_nlp::{Doc, Pipeline};
use jiff::civil::Date;
use std::sync::LazyLock;

/// One standard pipeline for every test (built once, shared across threads).
pub static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::standard);

pub fn annotate(text: &str, date: Option<Date>) -> Doc {
    PIPELINE.annotate_text(text, date).expect("the standard pipeline runs on any document")
}

pub fn sentences(doc: &Doc) -> Vec<&str> {
    (0..doc.sentences().len()).map(|i| doc.sentence_text(i)).collect()
}
