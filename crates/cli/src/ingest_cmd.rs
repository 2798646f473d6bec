//! `faultline ingest`: files, folders, `.gz`, JSONL, WARC and URLs through the whole
//! pipeline into the store, in parallel, with a progress bar and a summary.

use crate::code_cmd::DictionaryArgs;
use anyhow::Context;
use faultline_engine::{Counts, Engine, EngineConfig, Fate, Observer, RunSummary};
use faultline_model::RawDocument;
use faultline_sources::feeds::WatchOptions;
use faultline_sources::{Input, ReadOptions};
use faultline_store::{DocKey, EventStore, SqliteStore};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively), `.gz`, `.jsonl`/`.ndjson`, `.warc`/`.warc.gz`,
    /// `http(s)://` URLs (each fetched once), or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Read standard input as JSON lines (`id`, `url`, `html` or `text`, ...) rather than
    /// as one document.
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    pub run: RunArgs,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

/// What `ingest` and `watch` share: where to store, and how to run the engine.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// The database file (created, or migrated to the current schema, if needed).
    #[arg(long, default_value = faultline_engine::DEFAULT_DB)]
    pub db: PathBuf,
    /// Worker threads for extraction and coding (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Documents per store transaction; a killed run loses at most one batch.
    #[arg(long, default_value_t = faultline_engine::DEFAULT_BATCH_SIZE)]
    pub batch_size: usize,
    /// Nice steps the worker threads run below the reader, writer and store threads, so
    /// that those never wait for a core (Linux; 0: workers at the process's priority).
    #[arg(long, default_value_t = faultline_engine::DEFAULT_WORKER_NICE, value_parser = clap::value_parser!(u8).range(0..=19))]
    pub worker_nice: u8,
    /// Largest document to read, in bytes.
    #[arg(long, default_value_t = faultline_sources::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// The date of articles that carry none (YYYY-MM-DD; default today).
    #[arg(long)]
    pub date: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
    /// How many of the latest articles new ones are matched against for near-duplicates
    /// and event clusters (memory grows with it: about 2.5 KB an article).
    #[arg(long, default_value_t = 4096)]
    pub window: usize,
    /// No progress bar or progress lines (errors and the summary still print).
    #[arg(long, short)]
    pub quiet: bool,
    /// A line for every document skipped or failed.
    #[arg(long, short)]
    pub verbose: bool,
}

impl RunArgs {
    pub fn engine_config(&self) -> EngineConfig {
        EngineConfig {
            dictionaries: self.dictionaries.dictionaries.clone(),
            dictionaries_only: self.dictionaries.dictionaries_only,
            threads: self.threads,
            worker_nice: self.worker_nice,
            batch_size: self.batch_size,
            max_bytes: self.max_bytes,
            db_path: self.db.clone(),
            default_date: self.date,
            analysis: faultline_engine::AnalysisConfig { window: self.window, ..Default::default() },
        }
    }

    /// The engine, with the dictionary lines PETRARCH would skip noted (the first few).
    pub fn engine(&self) -> anyhow::Result<Engine> {
        let engine = self.engine_config().build().context("building the engine")?;
        let warnings = engine.warnings();
        for warning in warnings.iter().take(5) {
            eprintln!("faultline: note: {warning}");
        }
        if warnings.len() > 5 {
            eprintln!(
                "faultline: note: ... {} dictionary lines skipped in all, as PETRARCH skips them",
                warnings.len()
            );
        }
        Ok(engine)
    }

    /// The writer connection and a reader connection for early lookups. Neither maps
    /// the file into memory, and the lookups' page cache is small (they read a few
    /// index pages per document), so that memory stays flat however large the database
    /// grows during the run.
    pub fn open_store(&self) -> anyhow::Result<(SqliteStore, Mutex<SqliteStore>)> {
        let mut store =
            SqliteStore::open(&self.db).with_context(|| format!("opening {}", self.db.display()))?;
        let lookups = SqliteStore::open_reader(&self.db)
            .with_context(|| format!("opening {} for lookups", self.db.display()))?;
        store.set_mmap_size(0)?;
        store.checkpoint_in_background()?;
        lookups.set_mmap_size(0)?;
        lookups.set_cache_size(2 << 20)?;
        Ok((store, Mutex::new(lookups)))
    }
}

fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let engine = args.run.engine()?;
    let (mut store, lookups) = args.run.open_store()?;
    let options = ReadOptions { max_bytes: args.run.max_bytes };
    let (urls, paths): (Vec<&String>, Vec<&String>) = args.inputs.iter().partition(|input| is_url(input));
    let inputs: Vec<Input> = paths
        .iter()
        .map(|p| if p.as_str() == "-" && args.jsonl { Input::StdinJsonl } else { Input::from_arg(p) })
        .collect();
    let total = count_documents(&inputs).map(|n| n + urls.len() as u64);
    let fetched = fetch_urls(&urls, &store, args.run.max_bytes)?;

    stop_on_ctrl_c();
    let mut progress = Progress::new(total, args.run.quiet, args.run.verbose);
    let documents = fetched.into_iter().chain(faultline_sources::documents(&inputs, options));
    let summary = {
        let mut ingest = engine.ingest(&mut store)?.with_known(&lookups).with_stop(&STOP);
        ingest.run(documents, &mut progress)
    };
    progress.finish();
    let summary = summary.context("ingest stopped; every batch before this error is stored")?;
    print_summary(&summary, args.json)?;
    if STOP.load(Ordering::Relaxed) {
        eprintln!("faultline: interrupted; rerun the same command to ingest the rest");
    }
    let failed = summary.counts.read > 0
        && summary.counts.stored + summary.counts.duplicates == 0
        && summary.counts.errors > 0;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub fn print_summary(summary: &RunSummary, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(summary)?)?;
    } else {
        writeln!(out, "{summary}")?;
    }
    Ok(())
}

/// Fetches each URL the store does not hold yet, once, before the pipeline starts.
/// Fetch failures and non-HTML pages become error and skip items of the run.
fn fetch_urls(
    urls: &[&String],
    store: &SqliteStore,
    max_bytes: u64,
) -> anyhow::Result<Vec<faultline_sources::Result<RawDocument>>> {
    if urls.is_empty() {
        return Ok(Vec::new());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the HTTP client")?;
    let options = WatchOptions { max_page_bytes: max_bytes, ..WatchOptions::default() };
    let mut out = Vec::new();
    for url in urls {
        let known = store.contains(DocKey::Url(url))? || store.contains(DocKey::Id(url))?;
        if known {
            // Still a document of the run, so that it is counted as a duplicate.
            out.push(Ok(RawDocument::new(
                url.as_str(),
                faultline_model::Origin::Http { url: url.to_string() },
                Vec::new(),
            )));
            continue;
        }
        out.push(runtime.block_on(faultline_sources::feeds::fetch_url(url, &options)));
    }
    Ok(out)
}

/// How many documents the inputs hold, when that can be known without reading them:
/// files and folders of files count one each; JSONL, WARC and stdin make it unknown.
pub fn count_documents(inputs: &[Input]) -> Option<u64> {
    let mut n = 0;
    for input in inputs {
        match input {
            Input::Path(path) => n += count_path(path)?,
            Input::Stdin | Input::StdinJsonl => return None,
        }
    }
    Some(n)
}

fn count_path(path: &Path) -> Option<u64> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if [".jsonl", ".ndjson", ".warc"].iter().any(|ext| name.ends_with(ext)) {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return Some(1);
    }
    let mut n = 0;
    for entry in std::fs::read_dir(path).ok()?.filter_map(Result::ok) {
        let entry_path = entry.path();
        let hidden = entry_path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden || (entry_path.is_symlink() && entry_path.is_dir()) {
            continue;
        }
        n += count_path(&entry_path)?;
    }
    Some(n)
}

/// Set by the first Ctrl-C: the run stops reading, stores what it read, and ends.
pub static STOP: AtomicBool = AtomicBool::new(false);

/// Listens for Ctrl-C on a thread of its own: the first sets [`STOP`], a second ends the
/// process at once (the batch in flight is lost, nothing else).
pub fn stop_on_ctrl_c() {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
    let _detached = std::thread::Builder::new().name("ctrl-c".into()).spawn(move || {
        runtime.block_on(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                STOP.store(true, Ordering::Relaxed);
                eprintln!("\nfaultline: stopping after the documents in flight (Ctrl-C again to quit now)");
            }
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(130);
            }
        });
    });
}

/// Progress on stderr: a bar (or a spinner when the total is unknown) on a terminal,
/// a plain line every few seconds otherwise; a line per failure always, per skip with
/// `--verbose`.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    verbose: bool,
    started: Instant,
    last_line: Instant,
    done: u64,
    run: Counts,
}

/// Seconds between progress lines when stderr is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(10);

impl Progress {
    pub fn new(total: Option<u64>, quiet: bool, verbose: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let bar = (terminal && !quiet).then(|| {
            let (bar, template) = match total {
                Some(total) => (
                    ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
                    "{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} docs, {per_sec}, ETA {eta}  {msg}",
                ),
                None => (
                    ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                    "{spinner} [{elapsed_precise}] {human_pos} docs, {per_sec}  {msg}",
                ),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            plain: !terminal && !quiet,
            verbose,
            started: now,
            last_line: now,
            done: 0,
            run: Counts::default(),
        }
    }

    /// Prints a line without breaking the bar.
    pub fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn document(&mut self, fate: Fate<'_>) {
        self.done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        match fate {
            Fate::Failed { message } => self.line(&format!("faultline: {message}")),
            Fate::Skipped { id, reason } if self.verbose => {
                self.line(&format!("faultline: {id}: skipped: {reason}"))
            }
            Fate::Duplicate { id } if self.verbose => self.line(&format!("faultline: {id}: already stored")),
            _ => {}
        }
        if self.plain && self.last_line.elapsed() >= LINE_EVERY {
            self.last_line = Instant::now();
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
                "faultline: {} documents ({:.0}/s); stored so far: {}",
                self.done,
                self.done as f64 / secs,
                self.run
            );
        }
    }

    fn batch(&mut self, _batch: &Counts, run: &Counts) {
        self.run = run.clone();
        if let Some(bar) = &self.bar {
            bar.set_message(format!(
                "{} kept, {} skipped, {} dup, {} events",
                run.stored,
                run.n_skipped(),
                run.duplicates,
                run.events
            ));
        }
    }
}
