//! The store's one error type.

use std::path::PathBuf;
use thiserror::Error;

/// What can go wrong in the store. Expected bad input (a malformed document) is never an
/// error here: it reaches the store as a [`Skip`](faultline_model::Skip). These are I/O
/// failures, corrupt or foreign databases, and programming errors in a batch.
#[derive(Debug, Error)]
pub enum Error {
    /// An SQLite call failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// The database file could not be opened.
    #[error("{}: {source}", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },

    /// The database was written by a newer faultline: its schema version is unknown here.
    #[error(
        "the database has schema version {found}, newer than the {known} this faultline knows: \
         upgrade faultline, or use a new database file"
    )]
    TooNew { found: i64, known: i64 },

    /// A read-only connection found a database that still needs migrating.
    #[error(
        "the database has schema version {found}, older than {known}: open it once for writing \
         to migrate it"
    )]
    TooOld { found: i64, known: i64 },

    /// The file is an SQLite database of some other application.
    #[error("not a faultline database (SQLite application id {0:#x})")]
    NotFaultline(i32),

    /// A migration step failed; the database is left at the version before it.
    #[error("migration to schema version {version} failed: {source}")]
    Migration { version: i64, source: rusqlite::Error },

    /// A paging cursor that this store did not make.
    #[error("invalid cursor {0:?}")]
    Cursor(String),

    /// A record of a batch contradicts itself (an event filed under another article).
    /// The whole batch is rolled back.
    #[error("record {id}: {detail}")]
    Invalid { id: String, detail: String },

    /// A stored value that does not parse back (a hand-edited or damaged database).
    #[error("corrupt value in {table}.{column}: {detail}")]
    Corrupt { table: &'static str, column: &'static str, detail: String },

    /// JSON (de)serialisation of a stored field failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),

    /// Writing an export failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
