//! faultline's store: coded articles, skips, mentions, events and quotes in an embedded
//! SQLite file, with the queries and exports the CLI and the HTTP server need.
//!
//! - [`EventStore`] is the role: store batches, look documents up, list events by
//!   filter with cursor paging, read an article with all its spans, count actors, dyads
//!   and everything. [`SqliteStore`] is the implementation (a PostgreSQL store can come
//!   later behind the same trait).
//! - [`ArticleRecord`]: what the pipeline hands over per document, a [`CodedArticle`]
//!   (article, mentions, events, quotes) or a [`Skip`].
//! - [`EventFilter`] and [`Page`]: what to list and how much; every value is bound as a
//!   parameter, never spliced into SQL.
//! - [`export`]: table, JSON lines, CSV and GDELT 2.0-style TSV writers.
//! - [`synth`]: synthetic articles for tests, benchmarks and load tests.
//!
//! # Batches, duplicates, resuming
//!
//! A batch is one transaction: stored whole or not at all (an error rolls it back, a
//! killed process loses only the batch in flight). A document the store already holds is
//! a [`Duplicate`] in the [`BatchReport`] and nothing of it is stored again:
//!
//! - same **id**, or same **URL** (exactly as given, no normalisation; a blank URL is
//!   stored as none), or same **text**
//!   (BLAKE3 [`ContentHash`] of the cleaned text): the first version stored wins. An
//!   article updated at the same URL is therefore not re-coded; store it under a new URL
//!   or id to keep both.
//! - a skip with a known id is a duplicate; an article stored under the id of an earlier
//!   skip replaces the skip (a later run extracted it after all).
//!
//! So rerunning an interrupted ingest stores only what is missing, and
//! [`EventStore::contains`] with a [`DocKey`] lets the pipeline skip known documents
//! before extracting or coding them; [`EventStore::keys`] lists every key, from which the
//! pipeline keeps a filter in memory that clears new documents without a lookup, while
//! [`EventStore::data_version`] says no other connection has written. Event ids must be
//! `{article_id}#{n}`, unique in their article (the model's contract); a batch that
//! breaks it is refused whole.
//!
//! # Concurrency
//!
//! One writer connection ([`SqliteStore::open`]); any number of readers
//! ([`SqliteStore::open_reader`], one per server thread). The file is in WAL mode: readers
//! see the last committed batch and never block the writer or each other.
//!
//! # Queries
//!
//! Every listing is in event order (date, then the store's key), paged by an opaque
//! cursor, so rows stored meanwhile never shift or repeat a page. Each filter maps to an
//! index that yields rows in that order, so a page reads about `limit` rows; filters on
//! either side (an actor as source or target, an undirected dyad) run one branch per side
//! and merge. Free text uses FTS5: a rare text drives the query (its matches' events,
//! sorted), a common text is probed chunk by chunk against the events read in order. On
//! a million synthetic events a page of 50 takes 0.2 to 3 ms (see `benches/store.rs`).
//!
//! ```
//! use faultline_store::synth::{article, event};
//! use faultline_store::{EventFilter, EventStore, ModalityFlag, Page, SqliteStore};
//!
//! let mut store = SqliteStore::open_in_memory()?;
//! let coded = article("doc-1")
//!     .event(event("RUSGOV", "057").target("CHN").conditional("if a contingency flares up"))
//!     .event(event("CHNMIL", "190").target("TWN").habitual())
//!     .build();
//! let report = store.store_batch(&[coded.clone().into()])?;
//! assert_eq!((report.stored, report.events), (1, 2));
//!
//! // The same document again is recognised and not stored twice.
//! let again = store.store_batch(&[coded.into()])?;
//! assert_eq!((again.stored, again.duplicates.len()), (0, 1));
//!
//! let filter = EventFilter::default().dyad("CHN", "RUS").with(ModalityFlag::Conditional);
//! let page = store.events(&filter, &Page::first(50))?;
//! assert_eq!(page.events.len(), 1);
//! assert_eq!(page.events[0].event.source.code.as_str(), "RUSGOV");
//! # Ok::<(), faultline_store::Error>(())
//! ```

mod error;
pub mod export;
mod filter;
mod record;
mod sqlite;
pub mod synth;

pub use error::{Error, Result};
pub use export::{EventWriter, ExportFormat, ExportOptions};
pub use filter::{
    DEFAULT_PAGE, DyadFilter, EventFilter, MAX_PAGE, ModalityFlag, Order, Page, TextQuery, TextScope,
};
pub use record::{
    ActorSummary, ArticleRecord, ArticleRef, BatchReport, Bucket, ClusterCount, CodedArticle, ContentHash,
    DocKey, Duplicate, DyadBucket, DyadCounts, DyadSummary, EventPage, EventRecord, FingerprintRecord,
    MatchedBy, NameCount, NearDup, PointRecord, Seen, Stats, StoredArticle,
};
pub use sqlite::SqliteStore;
#[doc(hidden)]
pub use sqlite::TextPlan;

use faultline_model::Skip;
pub use sqlite::schema::SCHEMA_VERSION;
#[doc(hidden)]
pub use sqlite::schema::{V1_SQL, V2_SQL};

/// The store's role: keep what the pipeline produced, and answer the queries of the CLI,
/// the HTTP API and the analysis.
///
/// Writes take `&mut self` (one writer per database); reads take `&self`.
pub trait EventStore {
    /// Stores a batch in one transaction: all of it, or (on error) none of it. Records the
    /// store already holds are reported as duplicates and left alone.
    fn store_batch(&mut self, records: &[ArticleRecord]) -> Result<BatchReport>;

    /// What the store holds under `key`, so the pipeline can skip known documents early.
    fn seen(&self, key: DocKey<'_>) -> Result<Option<Seen>>;

    /// Whether the store holds anything under `key`.
    fn contains(&self, key: DocKey<'_>) -> Result<bool> {
        Ok(self.seen(key)?.is_some())
    }

    /// Whether the store holds an article under any of `keys`, or, with `skips`, a skip
    /// under one of their [`DocKey::Id`]s. The pipeline asks this once per document
    /// where it would otherwise ask [`seen`](Self::seen) for each key; a store can answer
    /// it in one query.
    fn holds(&self, keys: &[DocKey<'_>], skips: bool) -> Result<bool> {
        for &key in keys {
            match self.seen(key)? {
                Some(Seen::Article { .. }) => return Ok(true),
                Some(Seen::Skip { .. }) if skips => return Ok(true),
                _ => {}
            }
        }
        Ok(false)
    }

    /// Hands every key the store holds to `sink`: each article's id, URL (when it has
    /// one) and content hash, and each skip's id, in no particular order. The ingest
    /// builds its key filter from them, so that a document whose keys are all absent
    /// from the filter skips [`holds`](Self::holds). Returns `false`, without calling
    /// `sink`, when the store cannot list its keys (the default): the ingest then asks
    /// `holds` for every document.
    fn keys(&self, sink: &mut dyn FnMut(DocKey<'_>)) -> Result<bool> {
        let _ = sink;
        Ok(false)
    }

    /// A number that changes whenever another connection (or process) commits to the
    /// store, and only then: a cache of what the store holds, such as the ingest's key
    /// filter, is still complete while this number stays the same (the connection's own
    /// commits go through whoever keeps the cache). `None` (the default): the store
    /// cannot tell, and nothing may be cached.
    fn data_version(&self) -> Result<Option<u64>> {
        Ok(None)
    }

    /// One page of the events matching `filter`, in event order.
    fn events(&self, filter: &EventFilter, page: &Page) -> Result<EventPage>;

    /// One event by its id (`{article_id}#{n}`).
    fn event(&self, id: &str) -> Result<Option<EventRecord>>;

    /// An article with its mentions, events and quotes.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;

    /// A skipped document and its reason.
    fn skip(&self, id: &str) -> Result<Option<Skip>>;

    /// Every actor code with its counts and names, most frequent first.
    fn actors(&self) -> Result<Vec<ActorSummary>>;

    /// Counts between two actors (code prefixes), both ways, in time buckets.
    fn dyad(&self, a: &str, b: &str, bucket: Bucket) -> Result<DyadSummary>;

    /// Counts of everything in the store.
    fn stats(&self) -> Result<Stats>;

    // --- analysis (schema version 2) -------------------------------------------------

    /// Every event matching `filter` as an analysis
    /// [`EventPoint`](faultline_analysis::EventPoint) with its cluster id, in store
    /// (insertion) order, handed to `sink` one at a time (memory stays flat). Returns how
    /// many. An error from `sink` stops the scan and is returned.
    ///
    /// For the server and the CLI: collect the points, then
    /// [`EventSet::from_assigned`](faultline_analysis::EventSet::from_assigned) with the
    /// stored cluster ids (points without one, stored before version 2, can be clustered
    /// with [`EventSet::from_points`](faultline_analysis::EventSet::from_points)).
    fn event_points(
        &self,
        filter: &EventFilter,
        sink: &mut dyn FnMut(PointRecord) -> Result<()>,
    ) -> Result<u64>;

    /// The events of the last `articles` articles stored, as points with their clusters,
    /// in store order: what the ingest puts back into its
    /// [`Clusterer`](faultline_analysis::Clusterer) after a restart
    /// ([`restore`](faultline_analysis::Clusterer::restore), in this order).
    fn recent_points(&self, articles: usize) -> Result<Vec<PointRecord>>;

    /// The last `limit` articles stored with a near-duplicate fingerprint, oldest first:
    /// what the ingest puts back into its
    /// [`NearDupIndex`](faultline_analysis::NearDupIndex) after a restart.
    fn recent_fingerprints(&self, limit: usize) -> Result<Vec<FingerprintRecord>>;

    /// The stored reports of each cluster, counted (clusters with no stored report are
    /// left out), in the order given.
    fn cluster_counts(&self, clusters: &[faultline_analysis::ClusterId]) -> Result<Vec<ClusterCount>>;

    // --- commitments (schema version 3) ----------------------------------------------

    /// Every event with a [`Pledge`](faultline_model::Pledge), the only events that can
    /// bear on a commitment, as full records (condition trigger, pledge, evidence) in
    /// event order (date, then store key: the order reports arrived in), handed to `sink`
    /// one at a time. Returns how many. Reads those rows only (an index holds them), so
    /// the commitments register is rebuilt from a store of millions of events without
    /// reading all of them:
    ///
    /// ```
    /// # use faultline_store::{EventStore, SqliteStore};
    /// # let store = SqliteStore::open_in_memory()?;
    /// let mut pledges = Vec::new();
    /// store.pledge_events(&mut |record| {
    ///     pledges.push(record.event);
    ///     Ok(())
    /// })?;
    /// let register = faultline_analysis::CommitmentRegister::rebuild(&pledges);
    /// # assert!(register.is_empty());
    /// # Ok::<(), faultline_store::Error>(())
    /// ```
    ///
    /// An error from `sink` stops the scan and is returned.
    fn pledge_events(&self, sink: &mut dyn FnMut(EventRecord) -> Result<()>) -> Result<u64>;
}
