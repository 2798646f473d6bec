//! The scraped-text extractor. (Placeholder: being written.)

use faultline_model::{Article, RawDocument, SkipReason};

pub(crate) fn extract(_doc: &RawDocument, _text: &str) -> Result<Article, SkipReason> {
    Err(SkipReason::NotArticle)
}
