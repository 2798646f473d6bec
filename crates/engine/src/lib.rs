//! faultline engine: the whole pipeline, from documents to stored events, run in
//! parallel as a stream.
//!
//! - [`EngineConfig`] is what the user sets (dictionaries, threads, batch size, size
//!   limit, database path, analysis windows); [`EngineConfig::build`] loads the
//!   dictionaries once into an [`Engine`], which is `Send + Sync` and shared by every
//!   worker thread.
//! - [`Engine::process`] is the pure per-document function: decode, extract, code; a
//!   document that is not an article is a skip record, never an error.
//! - [`Engine::ingest`] opens a run into an [`EventStore`](faultline_store::EventStore):
//!   [`Ingest::run`] streams documents through a reader, `N` workers and a writer with
//!   bounded channels (memory does not grow with the input), skips known documents early
//!   (id and URL before decoding, content hash before coding; a [`KeyFilter`] of the
//!   store's keys clears new documents without asking the store), assigns near-duplicate
//!   groups and event clusters in input order ([`Analyzer`]), and stores one transaction
//!   per batch. See [`pipeline`] for the design.
//! - [`RunSummary`], [`Counts`] and [`StageTimes`] say what a run did and where the
//!   time went; an [`Observer`] sees each document and batch as it happens.
//!
//! The engine does no I/O of its own beyond reading dictionary files when it is built:
//! documents come from the caller's iterator (`faultline_sources::documents`), and
//! results go to the caller's store.
//!
//! ```
//! use faultline_engine::{EngineConfig, Quiet};
//! use faultline_model::{Origin, RawDocument};
//! use faultline_store::{EventStore, SqliteStore};
//!
//! let engine = EngineConfig { threads: 2, ..EngineConfig::default() }.build()?;
//! let mut store = SqliteStore::open_in_memory()?;
//! let page = "<html><head><title>Synthetic: Russia backs China</title></head><body><article>\
//!     <p>MOSCOW - Russia will support China if a contingency flares up, the foreign \
//!     minister said on Sunday in an interview written for this synthetic example.</p>\
//!     <p>The minister also accused Japan of accelerating its militarisation, according \
//!     to the synthetic transcript released by the ministry on Sunday evening.</p>\
//!     </article></body></html>";
//! let doc = RawDocument::new("synthetic-1", Origin::Inline, page.as_bytes().to_vec());
//! let summary = engine.ingest(&mut store)?.run([Ok(doc.clone())], &mut Quiet)?;
//! assert_eq!(summary.counts.stored, 1);
//! // The same document again is recognised and not stored twice.
//! let again = engine.ingest(&mut store)?.run([Ok(doc)], &mut Quiet)?;
//! assert_eq!((again.counts.stored, again.counts.duplicates), (0, 1));
//! assert_eq!(store.stats()?.articles, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod analyzer;
mod config;
mod engine;
mod error;
mod keys;
pub mod pipeline;
mod stats;
mod threads;

pub use analyzer::{AnalysisConfig, Analyzer, Prepared};
pub use config::{
    DEFAULT_BATCH_SIZE, DEFAULT_DB, DEFAULT_WORKER_NICE, EngineConfig, load_dictionaries, today,
};
pub use engine::Engine;
pub use error::{Error, Result};
pub use keys::KeyFilter;
pub use pipeline::{Ingest, Known};
pub use stats::{Counts, Fate, Observer, Quiet, RunSummary, StageTimes, ThreadCpu};
