//! Errors: dictionary problems name their file and line.

use std::fmt;
use thiserror::Error;

/// One problem in a dictionary, at a file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictionaryError {
    /// The dictionary's name as given to the loader (`verbs/03-intent.txt`).
    pub file: String,
    /// 1-based line number; 0 when the problem is about the file as a whole.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// An error of the coding crate.
#[derive(Debug, Error)]
pub enum Error {
    /// One or more dictionary lines are invalid: every problem found, in file order.
    #[error("{}", list(.0))]
    Dictionary(Vec<DictionaryError>),
    /// The actor dictionaries could not be built.
    #[error("actor dictionaries: {0}")]
    Actors(#[from] faultline_actors::Error),
    /// The nlp pipeline failed (a programming error: the standard pipeline is complete).
    #[error("nlp: {0}")]
    Nlp(#[from] faultline_nlp::Error),
}

fn list(errors: &[DictionaryError]) -> String {
    let shown: Vec<String> = errors.iter().take(20).map(ToString::to_string).collect();
    let mut out = shown.join("\n");
    if errors.len() > 20 {
        out.push_str(&format!("\n... and {} more", errors.len() - 20));
    }
    out
}

impl Error {
    /// The dictionary problems, if this is a dictionary error.
    #[must_use]
    pub fn problems(&self) -> &[DictionaryError] {
        match self {
            Error::Dictionary(errors) => errors,
            Error::Actors(_) | Error::Nlp(_) => &[],
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Collects dictionary problems while a file is read.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub(crate) errors: Vec<DictionaryError>,
}

impl Problems {
    pub(crate) fn push(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.errors.push(DictionaryError { file: file.to_string(), line, message: message.into() });
    }

    pub(crate) fn into_result<T>(self, value: T) -> Result<T> {
        if self.errors.is_empty() { Ok(value) } else { Err(Error::Dictionary(self.errors)) }
    }
}
