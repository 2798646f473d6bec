//! What a run reports: per-batch and whole-run counts, time per stage, and the
//! [`Observer`] that receives them as they happen.

use faultline_model::SkipReason;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// Time spent in each stage, summed over the threads that ran it (so with several
/// workers the CPU stages add up to more than the wall time).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageTimes {
    /// Reading documents from their source (files, gzip, JSONL, WARC; the reader thread).
    pub read: Duration,
    /// Early lookups in the store (id and URL before decoding, content hash before coding).
    pub lookup: Duration,
    /// Charset decoding and format sniffing.
    pub decode: Duration,
    /// Article extraction.
    pub extract: Duration,
    /// nlp, actor mentions and event coding.
    pub code: Duration,
    /// Near-duplicate groups and event clusters (the writer thread).
    pub analysis: Duration,
    /// Store transactions (the store thread, or the writer's when it stores itself).
    pub store: Duration,
}

impl StageTimes {
    pub(crate) fn add(&mut self, other: &StageTimes) {
        self.read += other.read;
        self.lookup += other.lookup;
        self.decode += other.decode;
        self.extract += other.extract;
        self.code += other.code;
        self.analysis += other.analysis;
        self.store += other.store;
    }

    /// The stages with their names, in pipeline order.
    #[must_use]
    pub fn named(&self) -> [(&'static str, Duration); 7] {
        [
            ("read", self.read),
            ("lookup", self.lookup),
            ("decode", self.decode),
            ("extract", self.extract),
            ("code", self.code),
            ("analysis", self.analysis),
            ("store", self.store),
        ]
    }
}

/// Counts of a run, or of one batch.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Documents read (including records the source itself skipped, and unreadable inputs).
    pub read: u64,
    /// Articles stored for the first time.
    pub stored: u64,
    /// New skips stored, by reason (`not_article`, `too_short`, `not_html`, ...).
    pub skipped: BTreeMap<String, u64>,
    /// Documents the store already held (same id, URL or text), found before decoding,
    /// before coding, or when storing: nothing of them was stored again.
    pub duplicates: u64,
    /// Events, mentions and quotes stored with the new articles.
    pub events: u64,
    pub mentions: u64,
    pub quotes: u64,
    /// Inputs that could not be read and documents whose coding failed: not stored, so a
    /// rerun tries them again.
    pub errors: u64,
    /// Store transactions committed.
    pub batches: u64,
}

impl Counts {
    /// New skips of every reason.
    #[must_use]
    pub fn n_skipped(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Adds another run's or batch's counts.
    pub fn add(&mut self, other: &Counts) {
        self.read += other.read;
        self.stored += other.stored;
        for (reason, n) in &other.skipped {
            *self.skipped.entry(reason.clone()).or_default() += n;
        }
        self.duplicates += other.duplicates;
        self.events += other.events;
        self.mentions += other.mentions;
        self.quotes += other.quotes;
        self.errors += other.errors;
        self.batches += other.batches;
    }
}

impl fmt::Display for Counts {
    /// `12 new, 3 skipped (not_article 2, too_short 1), 1 duplicate; 57 events, 140 mentions, 9 quotes`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} new, {} skipped", self.stored, self.n_skipped())?;
        if !self.skipped.is_empty() {
            let reasons: Vec<String> =
                self.skipped.iter().map(|(reason, n)| format!("{reason} {n}")).collect();
            write!(f, " ({})", reasons.join(", "))?;
        }
        write!(f, ", {} duplicate", self.duplicates)?;
        if self.errors > 0 {
            write!(f, ", {} errors", self.errors)?;
        }
        write!(f, "; {} events, {} mentions, {} quotes", self.events, self.mentions, self.quotes)
    }
}

/// What a whole run did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    pub counts: Counts,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Time per stage, summed over threads.
    pub stages: StageTimes,
    /// Worker threads used.
    pub threads: usize,
    /// CPU time of the pipeline's threads.
    #[serde(default)]
    pub cpu: ThreadCpu,
}

/// CPU time the pipeline's threads used in a run, by role (Linux; zero elsewhere). The
/// reader, the writer and the store thread are one thread each: the share of the run's
/// wall time each one was busy (its time over [`RunSummary::elapsed`]) says which stage
/// more cores would wait for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreadCpu {
    /// The caller's thread while it read documents and looked their ids up.
    pub reader: Duration,
    /// All worker threads together.
    pub workers: Duration,
    pub writer: Duration,
    /// The store thread (zero when the writer stores; its time is then the writer's).
    pub store: Duration,
}

impl ThreadCpu {
    /// All the pipeline's threads together.
    #[must_use]
    pub fn total(&self) -> Duration {
        self.reader + self.workers + self.writer + self.store
    }
}

impl RunSummary {
    /// Documents read per second of wall time.
    #[must_use]
    pub fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 { self.counts.read as f64 / secs } else { 0.0 }
    }
}

impl fmt::Display for RunSummary {
    /// The summary `faultline ingest` prints, one item a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        writeln!(f, "documents read   {}", c.read)?;
        writeln!(f, "articles kept    {}", c.stored)?;
        write!(f, "skipped          {}", c.n_skipped())?;
        if !c.skipped.is_empty() {
            let reasons: Vec<String> = c.skipped.iter().map(|(reason, n)| format!("{reason} {n}")).collect();
            write!(f, " ({})", reasons.join(", "))?;
        }
        writeln!(f)?;
        writeln!(f, "duplicates       {} (already stored, not stored again)", c.duplicates)?;
        writeln!(f, "events           {}", c.events)?;
        writeln!(f, "mentions         {}", c.mentions)?;
        writeln!(f, "quotes           {}", c.quotes)?;
        writeln!(f, "errors           {}", c.errors)?;
        writeln!(f, "batches          {}", c.batches)?;
        write!(
            f,
            "elapsed          {:.2} s, {:.0} documents/s on {} worker thread{}",
            self.elapsed.as_secs_f64(),
            self.rate(),
            self.threads,
            if self.threads == 1 { "" } else { "s" }
        )
    }
}

/// One document's fate, in input order: for progress bars and logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fate<'a> {
    /// Coded, and going into the current batch.
    Coded { id: &'a str, events: usize },
    /// Skipped for this reason (its `key()` is `not_article`, ...; it displays as a
    /// sentence with the detail).
    Skipped { id: &'a str, reason: &'a SkipReason },
    /// Already stored.
    Duplicate { id: &'a str },
    /// Unreadable, or coding failed; the message says which and why.
    Failed { message: &'a str },
}

/// Receives what a run does, on the pipeline's writer thread (keep it quick). Every
/// method has a default that does nothing.
pub trait Observer: Send {
    /// A document's fate, in input order.
    fn document(&mut self, _fate: Fate<'_>) {}
    /// A batch was committed: its counts and the run's so far.
    fn batch(&mut self, _batch: &Counts, _run: &Counts) {}
}

/// An [`Observer`] that ignores everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quiet;

impl Observer for Quiet {}
