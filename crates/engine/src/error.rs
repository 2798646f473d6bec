//! The engine's one error type: what stops a build or a run. A bad document never does
//! (it becomes a skip or a counted error); these are dictionaries that do not load, a
//! store that fails, and a pipeline thread that died.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    /// The configuration contradicts itself (a batch size of 0).
    #[error("engine configuration: {0}")]
    Config(String),

    /// A dictionary file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },

    /// The dictionaries folder has no CAMEO verb dictionary.
    #[error("{}: no CAMEO verb dictionary (CAMEO*.txt) found", .0.display())]
    NoVerbs(PathBuf),

    /// Verb dictionaries that do not parse (every problem, with file and line).
    #[error("dictionaries: {0}")]
    Coding(#[from] faultline_coding::Error),

    /// Actor dictionaries that do not parse.
    #[error("actor dictionaries: {0}")]
    Actors(#[from] faultline_actors::Error),

    /// The store failed (I/O, a corrupt or foreign database).
    #[error("store: {0}")]
    Store(#[from] faultline_store::Error),

    /// The analysis configuration is invalid.
    #[error("analysis: {0}")]
    Analysis(#[from] faultline_analysis::Error),

    /// A pipeline thread panicked outside the per-document guard (a bug).
    #[error("a pipeline thread failed: {0}")]
    Thread(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
