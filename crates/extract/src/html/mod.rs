//! The HTML extractor. (Placeholder: being written.)

use faultline_model::{Article, RawDocument, SkipReason};

pub(crate) fn extract(_doc: &RawDocument, _html: &str) -> Result<Article, SkipReason> {
    Err(SkipReason::NotArticle)
}
