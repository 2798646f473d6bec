//! Where documents come from, and how their bytes become text.
//!
//! [`documents`] reads files, folders (recursively, in name order), `.gz` files,
//! standard input and JSONL (one document a line: `id`, `url`, `html` or `text`, optional
//! `published` and `outlet`) into [`RawDocument`](faultline_model::RawDocument)s. A file
//! that cannot be read is an `Err` item and the rest goes on. [`decode`] turns a
//! document's bytes into text (BOM, declared charset, UTF-8, else a chardetng guess) and
//! tells HTML from scraped text; empty, binary and oversized inputs are
//! [`SkipReason`]s.
//!
//! `.warc` and `.warc.gz` files are read record by record ([`warc`]): HTML responses
//! become documents, every other record comes out as an [`Error::Skipped`] item whose
//! [`Error::as_skip`] says why, so a run can count what it dropped.
//!
//! [`feeds`] reads feed lists and, with the `http` feature, watches RSS/Atom feeds over
//! HTTP and fetches their new articles (`feeds::Watcher`).
//!
//! ```no_run
//! use faultline_sources::{decode, documents, Input, ReadOptions, DEFAULT_MAX_BYTES};
//! for item in documents(&[Input::from_arg("samples/")], ReadOptions::default()) {
//!     match item.map(|doc| decode(&doc, DEFAULT_MAX_BYTES)) {
//!         Ok(Ok(decoded)) => println!("{} {}", decoded.format, decoded.text.len()),
//!         Ok(Err(skip)) => println!("skipped: {skip}"),
//!         Err(err) => eprintln!("{err}"),
//!     }
//! }
//! ```

mod decode;
pub mod feeds;
mod inputs;
mod payload;
pub mod warc;

pub use decode::{DEFAULT_MAX_BYTES, Decoded, decode, feed_format, sniff_format};
pub use inputs::{Documents, Input, ReadOptions, documents, jsonl, parse_jsonl_line};
pub use warc::WarcRecords;

use faultline_model::{Origin, Skip, SkipReason};

/// A source error: it names the input, and costs only that input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}: malformed input: {detail}")]
    Malformed { path: String, line: u64, detail: String },
    #[error("{path}: too large ({bytes} bytes, limit {limit}); skipped")]
    TooLarge { id: String, path: String, bytes: u64, limit: u64 },
    /// A record that was read and is not a document (a WARC request record, a PDF, a
    /// 404, a truncated record): the skip says which and why, the origin where.
    #[error("{origin}: skipped: {}", skip.reason)]
    Skipped { origin: Origin, skip: Skip },
    /// A line of a feed list that is not a feed.
    #[error("{path}:{line}: {detail}")]
    FeedList { path: String, line: u64, detail: String },
    /// A feed watcher state file that cannot be used (delete it to start afresh).
    #[error("{path}: not a usable feed state file: {detail}")]
    State { path: String, detail: String },
    /// The HTTP client could not be set up.
    #[error("{detail}")]
    Client { detail: String },
}

impl Error {
    /// The skip to record for this error, when it is about one document.
    #[must_use]
    pub fn as_skip(&self) -> Option<Skip> {
        match self {
            Error::TooLarge { id, bytes, limit, .. } => {
                Some(Skip::new(id.clone(), SkipReason::TooLarge { bytes: *bytes, limit: *limit }))
            }
            Error::Malformed { path, line, detail } if *line > 0 => {
                Some(Skip::new(format!("{path}:{line}"), SkipReason::Malformed { detail: detail.clone() }))
            }
            Error::Skipped { skip, .. } => Some(skip.clone()),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
