//! The crate's one error type.

use faultline_model::CodeError;
use std::fmt::Write as _;
use std::path::PathBuf;

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// What can go wrong building an actor dictionary.
///
/// Dictionary problems name their file and line through [`Error::WithLine`]
/// (`people.txt:12: unknown code XYZGOV: ...`). [`ActorDictionaryBuilder::build`]
/// reports every problem it finds at once as [`Error::Invalid`].
///
/// [`ActorDictionaryBuilder::build`]: crate::ActorDictionaryBuilder::build
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error at a line of a dictionary file.
    #[error("{file}:{line}: {err}")]
    WithLine { file: String, line: u32, err: Box<Error> },
    /// An error about a file or directory.
    #[error("{}: {err}", path.display())]
    WithPath { path: PathBuf, err: Box<Error> },
    /// A line that is not in the dictionary format.
    #[error("malformed line: {0}")]
    Malformed(String),
    /// A code that is not valid syntax (`rusgov`, `RUSG`).
    #[error(transparent)]
    Code(#[from] CodeError),
    /// A valid code whose country or role is not known.
    #[error("unknown code {code}: {reason}")]
    UnknownCode { code: String, reason: String },
    /// A date or date range that does not parse or ends before it starts.
    #[error("bad date range {range:?}: {reason}")]
    BadDate { range: String, reason: String },
    /// One name given to two different actors in the same dictionary layer.
    #[error("name {name:?} is {this} here but {other} at {other_at}")]
    Conflict { name: String, this: String, other: String, other_at: String },
    /// A directory with no PETRARCH-2 actor or agent dictionaries in it.
    #[error("no PETRARCH-2 dictionaries (*.actors.txt, *agents.txt) in this directory")]
    NoDictionaries,
    /// Reading a file or directory failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The name automaton could not be built (too many or too long names).
    #[error("cannot build the name automaton: {0}")]
    Automaton(String),
    /// Every problem found while validating the dictionaries, in file order.
    #[error("{}", list(.0))]
    Invalid(Vec<Error>),
}

impl Error {
    /// Wraps `err` with a file name and a 1-based line number.
    pub(crate) fn at(file: &str, line: u32, err: Error) -> Error {
        Error::WithLine { file: file.to_string(), line, err: Box::new(err) }
    }

    pub(crate) fn path(path: impl Into<PathBuf>, err: Error) -> Error {
        Error::WithPath { path: path.into(), err: Box::new(err) }
    }

    pub(crate) fn malformed(what: impl Into<String>) -> Error {
        Error::Malformed(what.into())
    }

    /// The errors this one stands for: itself, or each of an [`Error::Invalid`] list.
    #[must_use]
    pub fn errors(&self) -> Vec<&Error> {
        match self {
            Error::Invalid(all) => all.iter().collect(),
            other => vec![other],
        }
    }
}

fn list(errors: &[Error]) -> String {
    let mut out = format!("{} problem(s) in the actor dictionaries:", errors.len());
    for err in errors {
        let _ = write!(out, "\n  {err}");
    }
    out
}
