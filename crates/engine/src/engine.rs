//! [`Engine`]: the built, shared resources, and [`Engine::process`], the pure
//! per-document function the pipeline's workers run.

use crate::analyzer::Prepared;
use crate::config::EngineConfig;
use crate::stats::StageTimes;
use faultline_coding::{DictionaryError, EventCoder};
use faultline_model::{RawDocument, Skip};
use faultline_store::{ArticleRecord, CodedArticle, ContentHash, DocKey};
use jiff::civil::Date;
use std::time::Instant;

/// The CPU stages, built once from an [`EngineConfig`]: the extractors' tables, the nlp
/// pipeline, the actor dictionary and the coder. `Send + Sync`: every worker thread
/// shares one.
#[derive(Debug)]
pub struct Engine {
    config: EngineConfig,
    coder: EventCoder,
    warnings: Vec<DictionaryError>,
    default_date: Date,
}

/// What became of one document on its way to the writer.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A coded article (with the hash of its text and what analysis can compute of it
    /// alone) or a skip.
    Record(ArticleRecord, Option<ContentHash>, Option<Prepared>),
    /// The store already holds this document (same id, URL or text): not coded again.
    Known { id: String },
    /// Unreadable, or coding failed (a bug, not bad input): counted, not stored, tried
    /// again next run. The message names the document.
    Failed { message: String },
}

impl Engine {
    pub(crate) fn new(
        config: EngineConfig,
        coder: EventCoder,
        warnings: Vec<DictionaryError>,
        default_date: Date,
    ) -> Engine {
        Engine { config, coder, warnings, default_date }
    }

    /// An engine with faultline's built-in dictionaries and default settings.
    ///
    /// # Errors
    /// Never with the shipped dictionaries (a build error would be a bug).
    pub fn builtin() -> crate::Result<Engine> {
        EngineConfig::default().build()
    }

    #[must_use]
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// The event coder (nlp pipeline, actors, verb patterns).
    #[must_use]
    pub fn coder(&self) -> &EventCoder {
        &self.coder
    }

    /// Dictionary lines skipped while loading PETRARCH-2 files (as PETRARCH skips them).
    #[must_use]
    pub fn warnings(&self) -> &[DictionaryError] {
        &self.warnings
    }

    /// The date given to articles that carry none.
    #[must_use]
    pub fn default_date(&self) -> Date {
        self.default_date
    }

    /// One document through decode, extract and code: a coded article, or a skip with its
    /// reason. Pure (no I/O, no shared state), so it runs on any thread; a document that
    /// is not an article is a skip, never an error or a panic.
    ///
    /// ```
    /// use faultline_model::{Origin, RawDocument};
    /// use faultline_store::ArticleRecord;
    /// let engine = faultline_engine::Engine::builtin().unwrap();
    /// let doc = RawDocument::new("empty", Origin::Inline, Vec::new());
    /// assert!(matches!(engine.process(&doc), ArticleRecord::Skipped(_)));
    /// ```
    #[must_use]
    pub fn process(&self, doc: &RawDocument) -> ArticleRecord {
        match self.process_timed(doc, None, &mut StageTimes::default()) {
            Outcome::Record(record, ..) => record,
            // Without a store nothing is known; a coder failure (a bug) is returned as a
            // skip so that the caller sees it.
            Outcome::Known { id } => ArticleRecord::Skipped(Skip::new(
                id,
                faultline_model::SkipReason::Malformed { detail: "already stored".into() },
            )),
            Outcome::Failed { message } => ArticleRecord::Skipped(Skip::new(
                doc.id.clone(),
                faultline_model::SkipReason::Malformed { detail: message },
            )),
        }
    }

    /// [`process`](Self::process), timing each stage, and asking `known` for the text's
    /// content hash before coding (a rerun does not code again what it stored).
    pub(crate) fn process_timed(
        &self,
        doc: &RawDocument,
        known: Option<&dyn crate::Known>,
        times: &mut StageTimes,
    ) -> Outcome {
        let skip =
            |reason| Outcome::Record(ArticleRecord::Skipped(Skip::new(doc.id.clone(), reason)), None, None);
        let start = Instant::now();
        let decoded = faultline_sources::decode(doc, self.config.max_bytes);
        let decoded_at = Instant::now();
        times.decode += decoded_at - start;
        let decoded = match decoded {
            Ok(decoded) => decoded,
            Err(reason) => return skip(reason),
        };
        let article = faultline_extract::extract(doc, &decoded.text, decoded.format);
        drop(decoded);
        let extracted_at = Instant::now();
        times.extract += extracted_at - decoded_at;
        let article = match article {
            Ok(article) => article,
            Err(reason) => return skip(reason),
        };
        let hash = ContentHash::of_text(&article.text);
        if let Some(known) = known
            && known.holds(&[DocKey::Hash(&hash)], false)
        {
            times.lookup += extracted_at.elapsed();
            return Outcome::Known { id: article.id };
        }
        let coding_at = Instant::now();
        times.lookup += coding_at - extracted_at;
        let coded = self.coder.code_article(&article, self.default_date);
        times.code += coding_at.elapsed();
        match coded {
            Ok(coded) => {
                let mut record = CodedArticle::new(article);
                record.mentions = coded.mentions;
                record.events = coded.events;
                record.quotes = coded.quotes;
                let fingerprinting = Instant::now();
                let prepared = Prepared::of(&record, self.default_date);
                times.analysis += fingerprinting.elapsed();
                Outcome::Record(ArticleRecord::from(record), Some(hash), Some(prepared))
            }
            Err(err) => Outcome::Failed { message: format!("{}: coding failed: {err}", article.id) },
        }
    }
}
