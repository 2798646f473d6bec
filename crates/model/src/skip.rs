//! Why a document did not become an article. A skip is data, never a panic.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The reason a document was skipped. Stored with the document so a batch report can
/// say what was dropped and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// No bytes, or only white space.
    Empty,
    /// The bytes are not text (NUL bytes, an image, an archive).
    Binary,
    /// Larger than the configured limit.
    TooLarge { bytes: u64, limit: u64 },
    /// The bytes could not be decoded as text in any charset we trust.
    Undecodable,
    /// A page with no article: an index, a section front, a search result list.
    NotArticle,
    /// A paywall or subscription stub: the article text is not on the page.
    Paywall,
    /// Some text, but too little to be an article.
    TooShort { words: u32 },
    /// A record that is not an HTML response (a WARC request, a PDF, an image).
    NotHtml { content_type: String },
    /// A news feed (RSS, Atom, JSON Feed) given as a document: its items only link to
    /// articles. `faultline watch` reads feeds and fetches the articles.
    Feed { format: String },
    /// Already ingested (same content hash or URL).
    Duplicate { of: String },
    /// The input line or record is malformed (bad JSON, a truncated record).
    Malformed { detail: String },
}

impl SkipReason {
    /// A short stable key, for summaries and metrics (`empty`, `binary`, ...).
    #[must_use]
    pub fn key(&self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge { .. } => "too_large",
            SkipReason::Undecodable => "undecodable",
            SkipReason::NotArticle => "not_article",
            SkipReason::Paywall => "paywall",
            SkipReason::TooShort { .. } => "too_short",
            SkipReason::NotHtml { .. } => "not_html",
            SkipReason::Feed { .. } => "feed",
            SkipReason::Duplicate { .. } => "duplicate",
            SkipReason::Malformed { .. } => "malformed",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Empty => f.write_str("empty document"),
            SkipReason::Binary => f.write_str("binary content, not text"),
            SkipReason::TooLarge { bytes, limit } => {
                write!(f, "too large: {bytes} bytes (limit {limit})")
            }
            SkipReason::Undecodable => f.write_str("text could not be decoded"),
            SkipReason::NotArticle => f.write_str("not an article (index or list page)"),
            SkipReason::Paywall => f.write_str("paywall or subscription stub"),
            SkipReason::TooShort { words } => write!(f, "too short for an article ({words} words)"),
            SkipReason::NotHtml { content_type } => write!(f, "not an HTML page ({content_type})"),
            SkipReason::Feed { format } => {
                write!(f, "a news feed ({format}), not an article: list its URL for `faultline watch`")
            }
            SkipReason::Duplicate { of } => write!(f, "duplicate of {of}"),
            SkipReason::Malformed { detail } => write!(f, "malformed input: {detail}"),
        }
    }
}

/// A skipped document: its id and the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    pub id: String,
    #[serde(flatten)]
    pub reason: SkipReason,
}

impl Skip {
    #[must_use]
    pub fn new(id: impl Into<String>, reason: SkipReason) -> Skip {
        Skip { id: id.into(), reason }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped: {}", self.id, self.reason)
    }
}
