//! The streaming pipeline: one reader, `N` workers, one writer, one store thread,
//! bounded channels between them, and the analysis and the store at the end.
//!
//! ```text
//!  caller's thread           N worker threads              writer thread                 store thread
//!  ┌────────────┐ chunks(2N) ┌──────────────────┐ chunks    ┌──────────────────────────┐  ┌─────────────┐
//!  │ documents  │──────────▶│ decode, extract, │──────────▶│ reorder by chunk number  │  │ one SQLite  │
//!  │ id/URL     │            │ hash lookup,     │           │ duplicate check          │─▶│ transaction │
//!  │ lookup     │            │ code             │           │ analysis (groups,        │  │ a batch     │
//!  └────────────┘            └──────────────────┘           │ clusters), batch         │◀─│             │
//!        ▲                                                   └────────────┬─────────────┘  └─────────────┘
//!        └──────── tickets (one a chunk; batch size + 4N + 8 documents in flight) ─┘
//! ```
//!
//! - **Chunks.** Documents travel in chunks of up to [`CHUNK`] consecutive documents, so
//!   that threads hand work over (and wake each other) once a chunk, not once a
//!   document: a thread switch costs about as much as coding a short sentence. Documents
//!   the reader already decided (known, unreadable) ride in their chunk, in their place.
//! - **Backpressure and bounded memory.** The reader takes a ticket before it reads a
//!   chunk, and the writer gives it back when that chunk's turn comes. At most
//!   `T = batch size + 4N + 8` documents (rounded up to whole chunks) are between reading
//!   and the batch (at most `2N` chunks of them undecoded, in the work channel), plus
//!   the batch being built and the one being stored: memory does not depend on the size
//!   of the input. Every channel is bounded too. The window holds a batch beyond the
//!   workers so that they keep working while a batch is committed.
//! - **Order.** Workers finish out of order; the writer puts chunks back in input
//!   order (the tickets bound how far ahead they can be) before analysis and storing,
//!   so near-duplicate groups and clusters are assigned in input order and are the same
//!   for the same input on any number of threads, and articles are stored in input order.
//! - **Storing beside analysing.** With early lookups ([`Ingest::with_known`], a second
//!   connection to the store) a thread of its own stores each batch while the writer
//!   analyses the next one: storing (SQLite, its full-text index, WAL checkpoints) is the
//!   slowest stage on short articles, and with two cores the workers no longer wait for
//!   it. One batch at a time: the writer hands the next over only once the previous is
//!   committed, and until then checks duplicates against that batch's keys as well as
//!   the store's. Without early lookups the writer stores the batches itself.
//! - **Serial stages first.** The reader, the writer and the store thread are one
//!   thread each and bound the pipeline's speed; the workers lower their own scheduling
//!   priority ([`EngineConfig::worker_nice`](crate::EngineConfig), Linux), so that a
//!   serial stage with work never waits for a core behind a worker (see
//!   `threads.rs`, which also names the threads and measures each one's CPU time).
//! - **Known documents are skipped early.** The reader asks [`Known`] for the document's
//!   id and URL before anything is decoded; a worker asks for the content hash of the
//!   extracted text before coding; the writer checks id, URL and hash against the store
//!   and the batch in progress, so nothing is analysed or stored twice.
//! - **New documents are not looked up.** Nearly every document of a bulk ingest is new,
//!   and each of those three lookups is a search in the store's indexes. A [`KeyFilter`]
//!   of every key the store holds answers first: a document whose keys it rules out is
//!   new without asking the store. The filter's "absent" is exact (a Bloom filter; a
//!   "maybe" is looked up as before), so every answer is the one the store would give:
//!   - Whoever stores (the store thread, or the writer) builds the filter from
//!     [`EventStore::keys`] right after the run's first full batch is committed (a run
//!     of a few documents does not read every key of a large store). The writer
//!     inserts every key it accepts into the batch before that batch is stored, and
//!     when the store thread built the filter, first puts in the keys accepted while it
//!     was read; so its own check, the final one, never misses a key stored or accepted
//!     before. Another connection (a second ingest, a watch) committing makes the
//!     filter untrusted for the rest of the run, and the store is asked: the writer
//!     that stores checks [`EventStore::data_version`] before it trusts an "absent"; the
//!     store thread checks it after every batch it commits, so the writer beside it may
//!     trust the filter for one batch more (a duplicate it then lets through is still
//!     refused by the store's unique keys, and counted as a duplicate).
//!   - The reader's and the workers' checks race with the writer: they may miss a key
//!     the writer accepted a moment before, as their store lookups miss a batch not yet
//!     committed. Such a document is found by the writer, as it was before.
//!   - The filter is fixed in size (10 bits a key, planned for twice the keys stored
//!     and at least 3 million: 3.75 MB), so memory does not grow with the input; past
//!     its plan it only rules out less. An [`Ingest`] keeps it for its next runs (a
//!     watch loop) while no other connection writes and it is within its plan, and
//!     builds it again otherwise.
//! - **Failures cost one document.** A document that is not an article is a skip; one
//!   that makes a stage panic is caught, counted as an error and not stored; a batch the
//!   store refuses as invalid is stored record by record to isolate the bad one. Only
//!   store I/O errors stop the run, after the last committed batch.

use crate::analyzer::Analyzer;
use crate::engine::{Engine, Outcome};
use crate::keys::{KeyFilter, StoreKeys};
use crate::stats::{Counts, Fate, Observer, RunSummary, StageTimes, ThreadCpu};
use crate::threads::{self, Clock};
use crate::{Error, Result};
use crossbeam_channel::{Receiver, Sender, bounded};
use faultline_model::RawDocument;
use faultline_store::{ArticleRecord, ContentHash, DocKey, EventStore};
use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

/// Early lookups: what the store already holds, asked from the reader and worker threads
/// (so `Sync`, and quick). `Mutex<SqliteStore>` over a reader connection is one; with
/// none, duplicates are still found by the writer before anything is stored.
pub trait Known: Sync {
    /// Whether the store holds an article under any of `keys`, or with `skips` a skip
    /// under their id ([`EventStore::holds`]). Errors count as "not known" (the writer
    /// checks again).
    fn holds(&self, keys: &[DocKey<'_>], skips: bool) -> bool;

    /// [`holds`](Known::holds) with its errors: the writer's duplicate check when the
    /// store is written on a thread of its own (see the [module docs](self)).
    ///
    /// # Errors
    /// The lookup failed.
    fn check(&self, keys: &[DocKey<'_>], skips: bool) -> faultline_store::Result<bool> {
        Ok(self.holds(keys, skips))
    }
}

impl<S: EventStore + Send> Known for Mutex<S> {
    fn holds(&self, keys: &[DocKey<'_>], skips: bool) -> bool {
        self.check(keys, skips).unwrap_or(false)
    }

    fn check(&self, keys: &[DocKey<'_>], skips: bool) -> faultline_store::Result<bool> {
        self.lock().unwrap_or_else(PoisonError::into_inner).holds(keys, skips)
    }
}

/// The early lookups of a run: the key filter first, `known` only for what the filter
/// cannot rule out.
struct Early<'a> {
    known: &'a dyn Known,
    keys: &'a OnceLock<StoreKeys>,
}

impl Known for Early<'_> {
    fn holds(&self, keys: &[DocKey<'_>], skips: bool) -> bool {
        !self.keys.get().is_some_and(|filter| filter.rules_out(keys)) && self.known.holds(keys, skips)
    }
}

/// A run of the pipeline into one store. Made by [`Engine::ingest`]; [`Ingest::run`] can
/// be called again and again (a watch loop does), the analysis state carrying over.
pub struct Ingest<'a> {
    engine: &'a Engine,
    store: &'a mut (dyn EventStore + Send),
    known: Option<&'a dyn Known>,
    stop: Option<&'a AtomicBool>,
    analyzer: Analyzer,
    /// The filter of the store's keys: built by the writer after a run's first full
    /// batch, kept across runs while it covers the store.
    keys: OnceLock<StoreKeys>,
}

impl std::fmt::Debug for Ingest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ingest").field("analyzer", &self.analyzer).finish_non_exhaustive()
    }
}

impl Engine {
    /// Prepares runs into `store`: restores the analysis state (the last window of
    /// near-duplicate fingerprints and clustered events) from it.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn ingest<'a>(&'a self, store: &'a mut (dyn EventStore + Send)) -> Result<Ingest<'a>> {
        let analyzer = Analyzer::restore(self.config().analysis.clone(), self.default_date(), &*store)?;
        Ok(Ingest { engine: self, store, known: None, stop: None, analyzer, keys: OnceLock::new() })
    }
}

/// Documents a chunk holds at most (see the [module docs](self)). Small enough that a
/// slow source is not held back noticeably (a batch of 1,024 is what a commit waits
/// for) and that the workers share the work evenly.
const CHUNK: usize = 8;

/// A chunk's place in the input.
type Seq = u64;

/// A document as the reader hands it on: to be processed, or already decided.
enum Work {
    Raw(RawDocument),
    Ready(Outcome),
}

/// Consecutive documents, read together.
struct Chunk {
    seq: Seq,
    items: Vec<Work>,
}

/// A chunk's outcomes, in its documents' order.
struct Done {
    seq: Seq,
    outcomes: Vec<Outcome>,
    times: StageTimes,
}

impl<'a> Ingest<'a> {
    /// Looks documents up early in `known` (a second connection to the same store).
    #[must_use]
    pub fn with_known(mut self, known: &'a dyn Known) -> Ingest<'a> {
        self.known = Some(known);
        self
    }

    /// Stops reading when `stop` becomes true; what was read is still stored.
    #[must_use]
    pub fn with_stop(mut self, stop: &'a AtomicBool) -> Ingest<'a> {
        self.stop = Some(stop);
        self
    }

    /// The analysis state.
    #[must_use]
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The filter of the store's keys the last run used, and whether it still covered
    /// the store at its end (`false`: another connection wrote to the store during the
    /// run, and the rest of it asked the store). `None` before the first run, or when
    /// the store cannot list its keys.
    #[must_use]
    pub fn key_filter(&self) -> Option<(&KeyFilter, bool)> {
        self.keys.get().map(|keys| (keys.filter(), keys.trusted()))
    }

    /// Runs `documents` through the pipeline into the store (see the [module
    /// docs](self)). `documents` is read on the calling thread, so it need not be `Send`;
    /// its `Err` items are skips (when they carry one) or counted errors.
    ///
    /// # Errors
    /// The store fails (everything committed before stays); a pipeline thread died.
    pub fn run<I>(&mut self, documents: I, observer: &mut dyn Observer) -> Result<RunSummary>
    where
        I: IntoIterator<Item = faultline_sources::Result<RawDocument>>,
    {
        let started = Instant::now();
        if let Some(keys) = self.keys.get()
            && !keys.still_serves(&*self.store)?
        {
            self.keys = OnceLock::new(); // the writer builds it again
        }
        let threads = self.engine.config().worker_threads();
        let batch_size = self.engine.config().batch_size;
        let worker_nice = self.engine.config().worker_nice;
        // Room for a whole batch beyond what the workers hold: while the writer commits
        // one batch, the workers go on with the next instead of waiting for it.
        let in_flight = (batch_size + threads * 4 + 8).div_ceil(CHUNK);
        let (work_tx, work_rx) = bounded::<Chunk>(threads * 2);
        let (done_tx, done_rx) = bounded::<Done>(in_flight);
        let (ticket_tx, ticket_rx) = bounded::<()>(in_flight);
        for _ in 0..in_flight {
            // The channel has room for every ticket.
            let _ = ticket_tx.send(());
        }
        let engine = self.engine;
        let keys = &self.keys;
        let early = self.known.map(|known| Early { known, keys });
        let known = early.as_ref().map(|early| early as &dyn Known);
        let stop = self.stop;
        let raw_known = self.known;
        let store = &mut *self.store;
        let (read_times, mut cpu, written) = std::thread::scope(|scope| {
            // With `known` (a second connection to the store) the writer checks
            // duplicates there, and a thread of its own stores the batches.
            let (sink, store_handle) = match raw_known {
                Some(known) => {
                    let (jobs_tx, jobs_rx) = bounded::<Job>(1);
                    let (acks_tx, acks_rx) = bounded::<Result<Stored>>(1);
                    let handle = threads::spawn(scope, "fl-store", move || {
                        let clock = Clock::start();
                        store_batches(store, keys, &jobs_rx, &acks_tx);
                        clock.elapsed()
                    });
                    (Sink::Thread { known, jobs: Some(jobs_tx), acks: acks_rx, storing: None }, Some(handle))
                }
                None => (Sink::Inline(store), None),
            };
            let mut writer = Writer {
                sink,
                keys,
                keys_tried: false,
                seeded: false,
                analyzer: &mut self.analyzer,
                observer,
                batch_size,
                batch: Vec::new(),
                batch_counts: Counts::default(),
                run: Counts::default(),
                pending: PendingKeys::default(),
                storing: PendingKeys::default(),
                times: StageTimes::default(),
            };
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let work_rx = work_rx.clone();
                    let done_tx = done_tx.clone();
                    threads::spawn(scope, "fl-worker", move || {
                        let clock = Clock::start();
                        threads::lower_this_thread(worker_nice);
                        work(engine, known, &work_rx, &done_tx);
                        clock.elapsed()
                    })
                })
                .collect();
            drop(work_rx);
            let writer_done_rx = done_rx;
            let writer_handle = threads::spawn(scope, "fl-writer", move || {
                let clock = Clock::start();
                let result = writer.drain(&writer_done_rx, &ticket_tx);
                let result = writer.close().and(result);
                (writer.run, writer.times, result, clock.elapsed())
            });
            let reading = Clock::start();
            let read_times = read(documents, known, stop, &work_tx, &ticket_rx);
            let mut cpu = ThreadCpu { reader: reading.elapsed(), ..ThreadCpu::default() };
            drop(work_tx);
            drop(done_tx);
            // Workers end once the reader has closed their channel (or the writer died).
            // One that died outside a document (a pipeline bug) fails the run, as the
            // writer or the store thread dying does.
            let mut died = Ok(());
            for worker in workers {
                match worker.join() {
                    Ok(worker_cpu) => cpu.workers += worker_cpu,
                    Err(panic) => died = Err(panic),
                }
            }
            let written = writer_handle.join();
            // The writer let the store thread go when it finished (or died).
            let stored = match store_handle {
                Some(handle) => handle.join().map(|store_cpu| cpu.store = store_cpu),
                None => Ok(()),
            };
            (read_times, cpu, died.and(stored).and(written))
        });
        let (run, mut stages, result, writer_cpu) =
            written.map_err(|panic| Error::Thread(panic_message(&*panic)))?;
        result?;
        stages.add(&read_times);
        cpu.writer = writer_cpu;
        Ok(RunSummary { counts: run, elapsed: started.elapsed(), stages, threads, cpu })
    }
}

/// The reader: the caller's thread. Numbers chunks, looks documents' ids and URLs up,
/// and sends chunks to the workers, with what is already decided (skips, known,
/// errors) in place. Returns the time spent reading and looking up.
fn read<I>(
    documents: I,
    known: Option<&dyn Known>,
    stop: Option<&AtomicBool>,
    work_tx: &Sender<Chunk>,
    ticket_rx: &Receiver<()>,
) -> StageTimes
where
    I: IntoIterator<Item = faultline_sources::Result<RawDocument>>,
{
    let mut times = StageTimes::default();
    let mut documents = documents.into_iter();
    let stopped = || stop.is_some_and(|stop| stop.load(Ordering::Relaxed));
    for seq in 0.. {
        // A ticket first: at most `in_flight` chunks between here and the batch.
        if stopped() || ticket_rx.recv().is_err() {
            break; // asked to stop, or the writer stopped
        }
        let mut items = Vec::with_capacity(CHUNK);
        while items.len() < CHUNK && (items.is_empty() || !stopped()) {
            let reading = Instant::now();
            let Some(item) = documents.next() else { break };
            let looking = Instant::now();
            times.read += looking - reading;
            items.push(match item {
                Ok(doc) => match known.and_then(|known| early_known(known, &doc)) {
                    Some(id) => Work::Ready(Outcome::Known { id }),
                    None => Work::Raw(doc),
                },
                Err(err) => Work::Ready(match err.as_skip() {
                    Some(skip) => Outcome::Record(ArticleRecord::Skipped(skip), None, None),
                    None => Outcome::Failed { message: err.to_string() },
                }),
            });
            times.lookup += looking.elapsed();
        }
        let last = items.len() < CHUNK;
        if items.is_empty() || work_tx.send(Chunk { seq, items }).is_err() || last {
            break;
        }
    }
    times
}

/// The id of a document the store already holds (an article or a skip), by its id or
/// its URL.
fn early_known(known: &dyn Known, doc: &RawDocument) -> Option<String> {
    let id = DocKey::Id(&doc.id);
    let held = match doc.url.as_deref().filter(|url| !url.trim().is_empty()) {
        Some(url) => known.holds(&[id, DocKey::Url(url)], true),
        None => known.holds(&[id], true),
    };
    held.then(|| doc.id.clone())
}

/// A worker: the CPU stages, a chunk at a time. A panic costs only its document.
fn work(engine: &Engine, known: Option<&dyn Known>, work_rx: &Receiver<Chunk>, done_tx: &Sender<Done>) {
    while let Ok(chunk) = work_rx.recv() {
        let mut times = StageTimes::default();
        let outcomes = chunk
            .items
            .into_iter()
            .map(|item| match item {
                Work::Ready(outcome) => outcome,
                Work::Raw(doc) => {
                    catch_unwind(AssertUnwindSafe(|| engine.process_timed(&doc, known, &mut times)))
                        .unwrap_or_else(|panic| Outcome::Failed {
                            message: format!(
                                "{}: a pipeline stage panicked: {}",
                                doc.id,
                                panic_message(&*panic)
                            ),
                        })
                }
            })
            .collect();
        if done_tx.send(Done { seq: chunk.seq, outcomes, times }).is_err() {
            break;
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// The writer: puts outcomes back in order, analyses, batches and stores (itself, or
/// through the store thread).
struct Writer<'w> {
    sink: Sink<'w>,
    /// The filter of the store's keys: every key accepted goes in, before its batch is
    /// stored.
    keys: &'w OnceLock<StoreKeys>,
    /// Whether this run tried to build `keys` (once at most; the writer builds it when
    /// it stores the batches itself).
    keys_tried: bool,
    /// Whether the keys of the batches not yet committed when the store thread built
    /// `keys` have been put in: until then the writer does not trust its "absent".
    seeded: bool,
    analyzer: &'w mut Analyzer,
    observer: &'w mut dyn Observer,
    batch_size: usize,
    batch: Vec<ArticleRecord>,
    /// What the batch in progress has seen: documents read, found known, failed.
    batch_counts: Counts,
    run: Counts,
    /// The keys of the batch in progress, and of the batch the store thread holds
    /// (until it is committed, the store cannot answer for them).
    pending: PendingKeys,
    storing: PendingKeys,
    times: StageTimes,
}

/// Where batches go.
enum Sink<'w> {
    /// Stored by the writer itself.
    Inline(&'w mut (dyn EventStore + Send)),
    /// Stored by the store thread, one batch at a time; duplicates are looked up in
    /// `known`. `storing`: the counts of the batch the store thread holds.
    Thread {
        known: &'w dyn Known,
        jobs: Option<Sender<Job>>,
        acks: Receiver<Result<Stored>>,
        storing: Option<Counts>,
    },
}

/// Ids, URLs and content hashes of a batch not yet committed.
#[derive(Default)]
struct PendingKeys {
    ids: HashSet<String>,
    urls: HashSet<String>,
    hashes: HashSet<ContentHash>,
    /// Ids of skips (not duplicates of an article: only for the key filter).
    skips: HashSet<String>,
}

impl PendingKeys {
    fn holds(&self, article: &faultline_model::Article, hash: &ContentHash) -> bool {
        self.ids.contains(&article.id)
            || self.hashes.contains(hash)
            || stored_url(article).is_some_and(|url| self.urls.contains(url))
    }

    fn clear(&mut self) {
        self.ids.clear();
        self.urls.clear();
        self.hashes.clear();
        self.skips.clear();
    }

    /// Puts every key into `filter`.
    fn insert_into(&self, filter: &KeyFilter) {
        self.ids.iter().chain(&self.skips).for_each(|id| filter.insert(DocKey::Id(id)));
        self.urls.iter().for_each(|url| filter.insert(DocKey::Url(url)));
        self.hashes.iter().for_each(|hash| filter.insert(DocKey::Hash(hash)));
    }
}

/// What storing a batch gave: its counts (stored, skipped, duplicates, events,
/// mentions, quotes, records refused as errors), the messages of refused records, and
/// the time it took.
struct Stored {
    counts: Counts,
    failed: Vec<String>,
    time: std::time::Duration,
    /// Building or checking the key filter after the commit.
    keys_time: std::time::Duration,
}

/// A batch for the store thread, and whether it was full (a run's first full batch
/// builds the key filter).
type Job = (Vec<ArticleRecord>, bool);

/// The store thread: stores the batches it is given, in order, and answers each.
/// Stops at the first store error (after answering it) or when the writer is done.
/// After each batch it keeps the key filter ([`keep_keys`]).
fn store_batches(
    store: &mut (dyn EventStore + Send),
    keys: &OnceLock<StoreKeys>,
    jobs: &Receiver<Job>,
    acks: &Sender<Result<Stored>>,
) {
    let mut tried = false;
    while let Ok((batch, full)) = jobs.recv() {
        let stored = store_records(store, &batch).and_then(|mut stored| {
            let keeping = Instant::now();
            keep_keys(&*store, keys, full, &mut tried)?;
            stored.keys_time = keeping.elapsed();
            Ok(stored)
        });
        drop(batch);
        let failed = stored.is_err();
        if acks.send(stored).is_err() || failed {
            break;
        }
    }
}

/// Right after a batch is committed, by whoever stores: builds the key filter after the
/// run's first full batch (a run of a few documents does not read every key of a large
/// store; once a run at most), or, when there is one, stops trusting it if another
/// connection has committed since it was built.
fn keep_keys(store: &dyn EventStore, keys: &OnceLock<StoreKeys>, full: bool, tried: &mut bool) -> Result<()> {
    match keys.get() {
        Some(filter) => {
            filter.notice_writers(store)?;
        }
        None if full && !*tried => {
            *tried = true;
            if let Some(built) = StoreKeys::build(store)? {
                // Only the thread that stores sets it.
                let _ = keys.set(built);
            }
        }
        None => {}
    }
    Ok(())
}

/// Stores `batch` in one transaction; a batch the store refuses as invalid (a coder bug:
/// two events with one id) one record at a time: the bad records are counted as errors,
/// the rest stored.
fn store_records(store: &mut (dyn EventStore + Send), batch: &[ArticleRecord]) -> Result<Stored> {
    let storing = Instant::now();
    let mut counts = Counts::default();
    let mut failed = Vec::new();
    let reports = match store.store_batch(batch) {
        Ok(report) => vec![report],
        Err(faultline_store::Error::Invalid { .. }) => {
            let mut reports = Vec::new();
            for record in batch {
                match store.store_batch(std::slice::from_ref(record)) {
                    Ok(report) => reports.push(report),
                    Err(faultline_store::Error::Invalid { id, detail }) => {
                        counts.errors += 1;
                        failed.push(format!("{id}: not stored: {detail}"));
                    }
                    Err(err) => return Err(err.into()),
                }
            }
            reports
        }
        Err(err) => return Err(err.into()),
    };
    for report in reports {
        counts.stored += report.stored as u64;
        for (reason, n) in &report.skipped_by_reason {
            *counts.skipped.entry(reason.clone()).or_default() += *n as u64;
        }
        counts.duplicates += report.duplicates.len() as u64;
        counts.events += report.events as u64;
        counts.mentions += report.mentions as u64;
        counts.quotes += report.quotes as u64;
    }
    counts.batches += 1;
    Ok(Stored { counts, failed, time: storing.elapsed(), keys_time: std::time::Duration::ZERO })
}

impl Writer<'_> {
    fn drain(&mut self, done_rx: &Receiver<Done>, ticket_tx: &Sender<()>) -> Result<()> {
        let mut waiting: BTreeMap<Seq, Vec<Outcome>> = BTreeMap::new();
        let mut next: Seq = 0;
        while let Ok(done) = done_rx.recv() {
            self.times.add(&done.times);
            waiting.insert(done.seq, done.outcomes);
            while let Some(outcomes) = waiting.remove(&next) {
                next += 1;
                // Never blocks: the tickets out are fewer than the channel's room.
                let _ = ticket_tx.send(());
                for outcome in outcomes {
                    self.accept(outcome)?;
                    if self.batch_counts.read >= self.batch_size as u64 {
                        self.flush(true)?;
                    }
                }
            }
        }
        self.flush(false)
    }

    fn accept(&mut self, outcome: Outcome) -> Result<()> {
        self.batch_counts.read += 1;
        match outcome {
            Outcome::Record(ArticleRecord::Coded(mut coded), hash, prepared) => {
                let hash = hash.unwrap_or_else(|| ContentHash::of_text(&coded.article.text));
                let checking = Instant::now();
                let duplicate = self.is_duplicate(&coded.article, &hash)?;
                self.times.lookup += checking.elapsed();
                if duplicate {
                    self.batch_counts.duplicates += 1;
                    self.observer.document(Fate::Duplicate { id: &coded.article.id });
                    return Ok(());
                }
                let analysing = Instant::now();
                self.analyzer.assign(&mut coded, prepared);
                self.times.analysis += analysing.elapsed();
                self.observer.document(Fate::Coded { id: &coded.article.id, events: coded.events.len() });
                if let Some(keys) = self.keys.get() {
                    let filter = keys.filter();
                    filter.insert(DocKey::Id(&coded.article.id));
                    if let Some(url) = stored_url(&coded.article) {
                        filter.insert(DocKey::Url(url));
                    }
                    filter.insert(DocKey::Hash(&hash));
                }
                self.pending.ids.insert(coded.article.id.clone());
                if let Some(url) = stored_url(&coded.article) {
                    self.pending.urls.insert(url.to_string());
                }
                self.pending.hashes.insert(hash);
                self.batch.push(ArticleRecord::Coded(coded));
            }
            Outcome::Record(ArticleRecord::Skipped(skip), ..) => {
                if let Some(keys) = self.keys.get() {
                    keys.filter().insert(DocKey::Id(&skip.id));
                }
                self.pending.skips.insert(skip.id.clone());
                self.observer.document(Fate::Skipped { id: &skip.id, reason: &skip.reason });
                self.batch.push(ArticleRecord::Skipped(skip));
            }
            Outcome::Known { id } => {
                self.batch_counts.duplicates += 1;
                self.observer.document(Fate::Duplicate { id: &id });
            }
            Outcome::Failed { message } => {
                self.batch_counts.errors += 1;
                self.observer.document(Fate::Failed { message: &message });
            }
        }
        Ok(())
    }

    /// Whether the store or a batch not yet committed already holds this article.
    fn is_duplicate(&self, article: &faultline_model::Article, hash: &ContentHash) -> Result<bool> {
        if self.pending.holds(article, hash) || self.storing.holds(article, hash) {
            return Ok(true);
        }
        // An earlier skip of the same id does not count: the article replaces it.
        let (id, hash) = (DocKey::Id(&article.id), DocKey::Hash(hash));
        let keys: &[DocKey<'_>] = match stored_url(article) {
            Some(url) => &[id, DocKey::Url(url), hash],
            None => &[id, hash],
        };
        match &self.sink {
            Sink::Inline(store) => {
                if let Some(filter) = self.keys.get()
                    && filter.certainly_absent(keys, &**store)?
                {
                    return Ok(false);
                }
                Ok(store.holds(keys, false)?)
            }
            Sink::Thread { known, .. } => {
                // The store thread marks the filter untrusted when another connection
                // has committed (checked at every batch it stores).
                if self.seeded && self.keys.get().is_some_and(|filter| filter.rules_out(keys)) {
                    return Ok(false);
                }
                Ok(known.check(keys, false)?)
            }
        }
    }

    /// Ends the batch in progress: stores it (or hands it to the store thread, once the
    /// previous one is committed) and reports it.
    /// `full`: the batch reached the batch size (the run's first full batch builds the
    /// key filter).
    fn flush(&mut self, full: bool) -> Result<()> {
        if self.batch_counts.read == 0 {
            return Ok(());
        }
        let counts = std::mem::take(&mut self.batch_counts);
        let batch = std::mem::take(&mut self.batch);
        if batch.is_empty() {
            // Nothing to store; reported after the batch before it.
            self.wait_store()?;
            self.pending.clear();
            if let Sink::Inline(store) = &self.sink {
                let keeping = Instant::now();
                keep_keys(&**store, self.keys, full, &mut self.keys_tried)?;
                self.times.lookup += keeping.elapsed();
            }
            self.report(counts, None);
            return Ok(());
        }
        match &mut self.sink {
            Sink::Inline(store) => {
                let mut stored = store_records(&mut **store, &batch)?;
                drop(batch);
                let keeping = Instant::now();
                keep_keys(&**store, self.keys, full, &mut self.keys_tried)?;
                stored.keys_time = keeping.elapsed();
                self.pending.clear();
                self.report(counts, Some(stored));
            }
            Sink::Thread { .. } => {
                self.wait_store()?;
                std::mem::swap(&mut self.pending, &mut self.storing);
                self.pending.clear();
                let Sink::Thread { jobs, acks, storing, .. } = &mut self.sink else { unreachable!() };
                let sent = jobs.as_ref().is_some_and(|jobs| jobs.send((batch, full)).is_ok());
                if !sent {
                    // The store thread stopped: its answer says why.
                    return match acks.recv() {
                        Ok(Err(err)) => Err(err),
                        _ => Err(Error::Thread("the store thread stopped".to_string())),
                    };
                }
                *storing = Some(counts);
            }
        }
        let compacting = Instant::now();
        self.analyzer.compact();
        self.times.analysis += compacting.elapsed();
        Ok(())
    }

    /// Waits until the store thread has committed the batch it holds, and reports it.
    fn wait_store(&mut self) -> Result<()> {
        let Sink::Thread { acks, storing, .. } = &mut self.sink else { return Ok(()) };
        let Some(counts) = storing.take() else { return Ok(()) };
        let stored = acks.recv().map_err(|_| Error::Thread("the store thread stopped".to_string()))??;
        if !self.seeded
            && let Some(keys) = self.keys.get()
        {
            // The store thread built the filter from the store right after committing
            // the batch it answers for: the keys accepted since (the batch in progress)
            // are not in it, unless `accept` saw the filter already.
            self.pending.insert_into(keys.filter());
            self.storing.insert_into(keys.filter());
            self.seeded = true;
        }
        self.storing.clear();
        self.report(counts, Some(stored));
        Ok(())
    }

    /// A batch's counts, with what storing it gave, to the run and the observer.
    fn report(&mut self, mut counts: Counts, stored: Option<Stored>) {
        if let Some(stored) = stored {
            self.times.store += stored.time;
            self.times.lookup += stored.keys_time;
            for message in &stored.failed {
                self.observer.document(Fate::Failed { message });
            }
            counts.add(&stored.counts);
        }
        self.run.add(&counts);
        self.observer.batch(&counts, &self.run);
    }

    /// Waits for the last batch to be committed and lets the store thread go.
    fn close(&mut self) -> Result<()> {
        let waited = self.wait_store();
        if let Sink::Thread { jobs, .. } = &mut self.sink {
            *jobs = None;
        }
        waited
    }
}

/// The URL as the store keeps it: blank is none.
fn stored_url(article: &faultline_model::Article) -> Option<&str> {
    article.url.as_deref().filter(|url| !url.trim().is_empty())
}
