//! faultline coding: verb patterns into CAMEO and PLOVER events with modality, quotes and
//! evidence.
//!
//! The main types:
//!
//! - [`CameoTable`]: every CAMEO code with its label, Goldstein weight, QuadClass and
//!   PLOVER type, mode and context (`dictionaries/cameo/cameo.txt`).
//! - [`DictionaryBuilder`] -> [`Dictionaries`]: faultline's verb patterns and frames
//!   (`dictionaries/verbs/`), optionally with PETRARCH-2 verb dictionaries and discard
//!   lists layered over them, compiled once.
//! - [`Coder`]: built from dictionaries, `Send + Sync`; [`Coder::code`] turns an
//!   annotated article ([`Input`]) into [`Coded`] events, mentions and quotes.
//! - [`EventCoder`]: the whole stage (nlp pipeline, actor dictionary, coder) for callers
//!   that start from an [`Article`](faultline_model::Article) or a text.
//! - [`eval`]: scoring against the PLOVER gold-standard records.
//!
//! The dictionary formats and every coding rule are documented for analysts in
//! `docs/dictionaries-verbs.md`.
//!
//! ```
//! use faultline_coding::{CameoTable, Coder};
//! let table = CameoTable::builtin();
//! assert_eq!(table.get("138").unwrap().label, "Threaten military force");
//! let coder = Coder::builtin().unwrap();
//! assert!(coder.dictionaries().version().starts_with("cameo "));
//! ```

mod cameo;
mod coder;
mod compose;
mod dictionary;
mod error;
pub mod eval;
mod event_coder;
mod frames;
mod grammar;
mod input;
mod pattern;
mod petrarch;
mod pledge_words;
mod verbs;
mod vocab;

pub use cameo::{BUILTIN_CAMEO_NAME, CameoEntry, CameoTable};
pub use coder::{Coded, Coder};
pub use dictionary::{Dictionaries, DictionaryBuilder};
pub use error::{DictionaryError, Error, Result};
pub use event_coder::EventCoder;
pub use input::{Input, SentenceInput, TimeInput, Token, TokenKind};
pub use verbs::DictionarySource;
