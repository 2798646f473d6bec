//! The crate's error type. Analysis of events never fails on odd input (an event that
//! cannot be placed is skipped and counted); errors are for stored state that cannot be
//! read back.

use thiserror::Error;

/// What can go wrong reading stored analysis state.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A stored fingerprint was made by another version of the fingerprint functions.
    #[error("fingerprint version {found}, expected {}", crate::fingerprint::VERSION)]
    FingerprintVersion { found: u8 },
    /// A stored fingerprint has the wrong number of minima.
    #[error("fingerprint with {found} minima, expected {}", crate::fingerprint::NUM_HASHES)]
    FingerprintLength { found: usize },
    /// An id that is not of the form this crate writes (`g-` or `c-` and 16 hex digits).
    #[error("malformed id {0:?}")]
    Id(String),
    /// A configuration value out of range, named.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A contingency query that cannot be read: an unknown action word or actor code.
    #[error("invalid query: {0}")]
    Query(String),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
