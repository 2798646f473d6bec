//! Errors of this crate: only pipelines that are wired wrongly. Text is never an error.

use crate::Layer;

/// What can go wrong when building or running a [`Pipeline`](crate::Pipeline).
///
/// Annotating text never fails: odd input (unbalanced quotes, no punctuation, any UTF-8)
/// gives odd annotations, not errors. Errors are for pipelines assembled wrongly.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// An annotator needs a layer that no earlier annotator assigns.
    #[error("annotator `{annotator}` requires the {layer:?} layer, which no earlier annotator assigns")]
    MissingLayer { annotator: &'static str, layer: Layer },
    /// Two annotators of one pipeline assign the same layer.
    #[error("annotator `{annotator}` assigns the {layer:?} layer, already assigned by `{earlier}`")]
    AssignedTwice { annotator: &'static str, earlier: &'static str, layer: Layer },
    /// The pipeline assumes the document already has a layer, and it does not.
    #[error("the pipeline assumes the document has the {layer:?} layer, and it does not")]
    DocLacksLayer { layer: Layer },
}

pub type Result<T> = std::result::Result<T, Error>;
