//! `faultline watch FEEDS`: polls RSS/Atom feeds, sends each new article through the
//! engine into the store, a line per batch; Ctrl-C stops cleanly.

use crate::ingest_cmd::{RunArgs, print_summary};
use anyhow::Context;
use faultline_engine::{Counts, Fate, Observer};
use faultline_model::RawDocument;
use faultline_sources::feeds::{Seen, WatchEvent, WatchOptions, Watcher, read_feed_list};
use faultline_store::{DocKey, EventStore, SqliteStore};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::error::TryRecvError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The feed list: one feed URL a line, optionally followed by the outlet's name;
    /// `#` starts a comment.
    feeds: PathBuf,
    #[command(flatten)]
    run: RunArgs,
    /// Minutes between two polls of a feed (each jittered by ±10 %).
    #[arg(long, default_value_t = 15.0)]
    interval: f64,
    /// Seconds between two requests to one host (politeness).
    #[arg(long, default_value_t = 1.0)]
    host_delay: f64,
    /// Where feed validators and backoff are kept between runs (default: the database
    /// path with `.feeds.json` appended).
    #[arg(long)]
    state: Option<PathBuf>,
    /// Poll every feed once, ingest what is new, and exit (for cron).
    #[arg(long)]
    once: bool,
    /// Seconds of quiet after which the documents received so far are stored as a batch.
    #[arg(long, default_value_t = 2.0)]
    settle: f64,
}

/// "Already ingested", asked by the watcher before it fetches a page: the URL is stored
/// as an article's URL, or as a document id (pages from feeds have their link as id, and
/// skipped pages are stored under it too). Two indexed lookups on a reader connection.
struct StoreSeen(Arc<Mutex<SqliteStore>>);

impl Seen for StoreSeen {
    fn is_known(&self, url: &str) -> bool {
        let store = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        store.contains(DocKey::Url(url)).unwrap_or(false) || store.contains(DocKey::Id(url)).unwrap_or(false)
    }
}

fn seconds(value: f64, what: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value).map_err(|_| anyhow::anyhow!("--{what} must be a non-negative number"))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let feeds = read_feed_list(&args.feeds).with_context(|| format!("reading {}", args.feeds.display()))?;
    if feeds.is_empty() {
        anyhow::bail!("{}: no feeds listed", args.feeds.display());
    }
    let n_feeds = feeds.len();
    let engine = args.run.engine()?;
    let (mut store, lookups) = args.run.open_store()?;
    let lookups = Arc::new(lookups);
    let state_path = args.state.clone().unwrap_or_else(|| {
        let mut path = args.run.db.clone().into_os_string();
        path.push(".feeds.json");
        PathBuf::from(path)
    });
    let options = WatchOptions {
        interval: seconds(args.interval * 60.0, "interval")?,
        per_host_delay: seconds(args.host_delay, "host-delay")?,
        max_page_bytes: args.run.max_bytes,
        state_path: Some(state_path),
        ..WatchOptions::default()
    };
    let settle = seconds(args.settle, "settle")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the HTTP client")?;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<WatchEvent>(256);
    let (once_tx, once_rx) = tokio::sync::oneshot::channel::<()>();
    let watcher = Watcher::new(feeds, options, Arc::new(StoreSeen(Arc::clone(&lookups))));
    let watch_thread = std::thread::Builder::new().name("watch".into()).spawn(move || {
        runtime.block_on(async move {
            let stop = async {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => eprintln!("\nfaultline: stopping: storing what came in"),
                    Ok(()) = once_rx => {}
                }
            };
            watcher.run(tx, stop).await
        })
    })?;
    eprintln!("faultline: watching {n_feeds} feeds into {} (Ctrl-C to stop)", args.run.db.display());

    let mut ingest = engine.ingest(&mut store)?.with_known(&*lookups);
    let mut once = args.once.then(|| Once { feeds_left: n_feeds, items_left: 0, done: Some(once_tx) });
    let mut total = Counts::default();
    let started = Instant::now();
    let mut open = true;
    while open {
        // Wait for something, then gather until the feeds go quiet or a batch is full.
        let Some(first) = rx.blocking_recv() else { break };
        let mut docs: Vec<faultline_sources::Result<RawDocument>> = Vec::new();
        let mut event = Some(first);
        let mut quiet_since = Instant::now();
        loop {
            if let Some(event) = event.take() {
                quiet_since = Instant::now();
                if let Some(once) = &mut once {
                    once.saw(&event);
                }
                take(event, &mut docs);
            }
            if docs.len() >= args.run.batch_size || once.as_ref().is_some_and(Once::finished) {
                break;
            }
            match rx.try_recv() {
                Ok(next) => event = Some(next),
                Err(TryRecvError::Empty) if quiet_since.elapsed() >= settle => break,
                Err(TryRecvError::Empty) => std::thread::sleep(Duration::from_millis(20)),
                Err(TryRecvError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        if !docs.is_empty() {
            let mut lines = BatchLines::new(args.run.verbose);
            let summary = ingest.run(docs, &mut lines)?;
            total.add(&summary.counts);
            let mut out = std::io::stdout().lock();
            writeln!(out, "faultline: {} documents: {}", summary.counts.read, summary.counts)?;
            out.flush()?;
        }
        if let Some(once) = &mut once
            && once.finished()
            && let Some(done) = once.done.take()
        {
            let _ = done.send(());
        }
    }
    drop(ingest);
    let watched = watch_thread.join().map_err(|_| anyhow::anyhow!("the feed watcher crashed"))?;
    let watched = watched.context("watching feeds")?;
    eprintln!("faultline: {watched}");
    let summary = faultline_engine::RunSummary {
        counts: total,
        elapsed: started.elapsed(),
        threads: engine.config().worker_threads(),
        ..Default::default()
    };
    print_summary(&summary, false)?;
    Ok(ExitCode::SUCCESS)
}

/// A watch event into the batch (documents; pages that are not articles or are gone, as
/// skips, so that the store knows them after a restart) or onto stderr.
fn take(event: WatchEvent, docs: &mut Vec<faultline_sources::Result<RawDocument>>) {
    match event {
        WatchEvent::Document { doc, .. } => docs.push(Ok(doc)),
        WatchEvent::PageSkipped { item, skip } => {
            eprintln!("faultline: {}: skipped: {}", item.link, skip.reason);
            let origin = faultline_model::Origin::Http { url: item.link };
            docs.push(Err(faultline_sources::Error::Skipped { origin, skip }));
        }
        // Gone (a 404): the watcher has given up on it; stored as a skip so that a
        // restart does not fetch it again. Failures it will retry are only reported.
        WatchEvent::PageFailed { item, reason, retry: false } => {
            eprintln!("faultline: {}: {reason} (given up)", item.link);
            let skip = faultline_model::Skip::new(
                item.link.clone(),
                faultline_model::SkipReason::Malformed { detail: format!("{reason}; given up") },
            );
            let origin = faultline_model::Origin::Http { url: item.link };
            docs.push(Err(faultline_sources::Error::Skipped { origin, skip }));
        }
        other => eprintln!("faultline: {other}"),
    }
}

/// For `--once`: every feed answered, and every new item it announced dealt with.
struct Once {
    feeds_left: usize,
    items_left: usize,
    done: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Once {
    fn saw(&mut self, event: &WatchEvent) {
        match event {
            WatchEvent::FeedPolled { new, .. } => {
                self.feeds_left = self.feeds_left.saturating_sub(1);
                self.items_left += new;
            }
            WatchEvent::FeedFailed { .. } => self.feeds_left = self.feeds_left.saturating_sub(1),
            WatchEvent::Document { .. } | WatchEvent::PageSkipped { .. } | WatchEvent::PageFailed { .. } => {
                self.items_left = self.items_left.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn finished(&self) -> bool {
        self.feeds_left == 0 && self.items_left == 0
    }
}

/// Per batch: failures always, skips and duplicates with `--verbose`.
struct BatchLines {
    verbose: bool,
}

impl BatchLines {
    fn new(verbose: bool) -> BatchLines {
        BatchLines { verbose }
    }
}

impl Observer for BatchLines {
    fn document(&mut self, fate: Fate<'_>) {
        match fate {
            Fate::Failed { message } => eprintln!("faultline: {message}"),
            Fate::Coded { id, events } if self.verbose => eprintln!("faultline: {id}: {events} events"),
            Fate::Skipped { id, reason } if self.verbose => eprintln!("faultline: {id}: skipped: {reason}"),
            Fate::Duplicate { id } if self.verbose => eprintln!("faultline: {id}: already stored"),
            _ => {}
        }
    }
}
