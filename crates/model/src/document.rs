//! What a source hands to the pipeline: bytes plus what the source knows.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The two kinds of input the extractors handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A web page with its markup.
    Html,
    /// Scraped text: the markup is gone, the page furniture is still there as lines.
    Text,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Html => "html",
            Format::Text => "text",
        })
    }
}

/// Where a document came from, for messages and provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A file on disk.
    File { path: String },
    /// One line of a JSONL file (1-based line number); `path` is `-` for stdin.
    JsonlLine { path: String, line: u64 },
    /// A record of a WARC file (byte offset of the record).
    WarcRecord { path: String, offset: u64 },
    /// Standard input read as one document.
    Stdin,
    /// Fetched over HTTP (directly, or as an item of a feed).
    Http { url: String },
    /// Given inline (e.g. `faultline code --text`).
    Inline,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File { path } => write!(f, "{path}"),
            Origin::JsonlLine { path, line } => write!(f, "{path}:{line}"),
            Origin::WarcRecord { path, offset } => write!(f, "{path}@{offset}"),
            Origin::Stdin => f.write_str("<stdin>"),
            Origin::Http { url } => f.write_str(url),
            Origin::Inline => f.write_str("<inline>"),
        }
    }
}

/// A document as a source has it: undecoded bytes plus metadata the source knows.
///
/// Sources never interpret the bytes beyond what they must (gzip is undone; charset
/// decoding and HTML/text detection happen in `faultline-sources::decode`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    /// A stable identifier: given by the input (JSONL `id`), else derived from the path
    /// or URL. Unique within a batch.
    pub id: String,
    pub origin: Origin,
    pub url: Option<String>,
    /// The bytes, after transport decoding (gzip) but before charset decoding.
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// A MIME type with optional charset, as HTTP or WARC declared it.
    pub content_type: Option<String>,
    /// What the source was told the bytes are (a JSONL `text` field is `Text`); `None`
    /// means sniff.
    pub declared_format: Option<Format>,
    /// Publication date or time as the source gave it (feed item, JSONL), unparsed.
    pub published: Option<String>,
    /// Outlet name as the source gave it (feed list, JSONL).
    pub outlet: Option<String>,
    /// When it was fetched (RFC 3339), for HTTP sources.
    pub fetched: Option<String>,
}

impl RawDocument {
    /// A document with just an id, an origin and bytes.
    #[must_use]
    pub fn new(id: impl Into<String>, origin: Origin, bytes: Vec<u8>) -> RawDocument {
        RawDocument {
            id: id.into(),
            origin,
            url: None,
            bytes,
            content_type: None,
            declared_format: None,
            published: None,
            outlet: None,
            fetched: None,
        }
    }
}
