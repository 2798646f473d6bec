//! `faultline bench`: end-to-end throughput (read -> extract -> code -> SQLite) on the
//! shared benchmark corpora repeated to any number of documents, on 1 and 2 threads,
//! with peak memory at a checkpoint and at the end, and the time of every stage.
//!
//! Each configuration runs in a child process of its own (`faultline bench --child`), so
//! that its peak RSS (`VmHWM`) is its own. Documents are generated as a stream: the
//! corpus files are read again from disk on every pass (as `faultline ingest` would read
//! them), never held whole in memory, and each copy gets its own id and URL, and one
//! sentence appended to its first body paragraph (`Copy {n}.`; where the page was
//! extracted once before the run), so that no content hash repeats and every document
//! is extracted, coded and stored. The copies of one page are near-duplicates of each
//! other, as wire stories are.
//!
//! A run on N worker threads is confined to N CPUs (`sched_setaffinity`, inherited by
//! every thread it starts: reader, workers, writer), so that "1 thread" is what one core
//! does and 1 -> 2 threads is the scaling from one core to two; `--no-pin` lets the
//! threads use every CPU (on 1 worker the reader and writer then run beside it).

use crate::ingest_cmd::RunArgs;
use anyhow::{Context, bail};
use faultline_engine::{Fate, Observer, RunSummary};
use faultline_model::{Format, Origin, RawDocument};
use faultline_sources::{Input, ReadOptions};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpora, comma-separated: aeb-html (the AEB pages), aeb-text (their scraped-text
    /// versions), wikinews (Wikinews articles from CSV).
    #[arg(long, default_value = "aeb-html,aeb-text,wikinews", value_delimiter = ',')]
    corpus: Vec<String>,
    /// Worker thread counts to run, comma-separated.
    #[arg(long, default_value = "1,2", value_delimiter = ',')]
    threads: Vec<usize>,
    /// Documents per run (the corpus repeated).
    #[arg(long, default_value_t = 100_000)]
    docs: u64,
    /// Peak RSS is also read after this many documents.
    #[arg(long, default_value_t = 10_000)]
    checkpoint: u64,
    /// Documents per store transaction.
    #[arg(long, default_value_t = faultline_engine::DEFAULT_BATCH_SIZE)]
    batch_size: usize,
    /// Articles remembered for near-duplicate and cluster matching.
    #[arg(long, default_value_t = 4096)]
    window: usize,
    /// Nice steps the worker threads run below the serial stages (0: none), as `ingest
    /// --worker-nice`.
    #[arg(long, default_value_t = faultline_engine::DEFAULT_WORKER_NICE, value_parser = clap::value_parser!(u8).range(0..=19))]
    worker_nice: u8,
    /// The shared data folder (default: FAULTLINE_SHARED, else `../shared` beside the
    /// workspace or the current folder).
    #[arg(long)]
    shared: Option<PathBuf>,
    /// Where the benchmark databases go (default: the system's temporary folder; created
    /// if missing); each is deleted after its run unless --keep.
    #[arg(long)]
    dir: Option<PathBuf>,
    #[arg(long)]
    keep: bool,
    /// Let every run use all CPUs, instead of confining a run on N worker threads to N
    /// CPUs.
    #[arg(long)]
    no_pin: bool,
    /// Print the results as JSON lines.
    #[arg(long)]
    json: bool,
    /// Run one configuration in this process (used by the parent run).
    #[arg(long, hide = true)]
    child: bool,
    /// The database of a child run.
    #[arg(long, hide = true)]
    db: Option<PathBuf>,
}

/// What one configuration measured.
#[derive(Debug, Serialize, Deserialize)]
struct Measured {
    corpus: String,
    threads: usize,
    /// CPUs the run was confined to (None: all).
    #[serde(default)]
    cores: Option<usize>,
    docs: u64,
    stored: u64,
    skipped: u64,
    duplicates: u64,
    errors: u64,
    events: u64,
    elapsed_s: f64,
    /// Process CPU time (user + system), all threads.
    cpu_s: f64,
    checkpoint: u64,
    checkpoint_elapsed_s: f64,
    rss_checkpoint_mb: f64,
    rss_end_mb: f64,
    /// Seconds per stage, summed over threads.
    stages: Vec<(String, f64)>,
    db_mb: f64,
    /// CPU seconds of the pipeline's threads: reader, workers (together), writer, store.
    #[serde(default)]
    thread_cpu_s: [f64; 4],
}

impl Measured {
    fn rate(&self) -> f64 {
        self.docs as f64 / self.elapsed_s.max(1e-9)
    }

    fn per_cpu(&self) -> f64 {
        self.docs as f64 / self.cpu_s.max(1e-9)
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let shared = shared_dir(args.shared.as_deref())?;
    if args.child {
        let [corpus] = args.corpus.as_slice() else { bail!("a child runs one corpus") };
        let [threads] = args.threads.as_slice() else { bail!("a child runs one thread count") };
        let db = args.db.clone().context("a child needs --db")?;
        let cores = if args.no_pin { None } else { pin_to_cores(*threads) };
        let mut measured = run_one(&shared, corpus, *threads, args, &db)?;
        measured.cores = cores;
        println!("{}", serde_json::to_string(&measured)?);
        return Ok(ExitCode::SUCCESS);
    }
    let dir = args.dir.clone().unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("creating the benchmark folder {}", dir.display()))?;
    let exe = std::env::current_exe().context("finding the faultline binary")?;
    let mut results = Vec::new();
    for corpus in &args.corpus {
        for &threads in &args.threads {
            let db = dir.join(format!("faultline-bench-{corpus}-{threads}t-{}.db", std::process::id()));
            remove_db(&db);
            eprintln!("faultline bench: {corpus}, {threads} thread(s), {} documents ...", args.docs);
            let out = std::process::Command::new(&exe)
                .arg("bench")
                .arg("--child")
                .args(["--corpus", corpus, "--threads", &threads.to_string()])
                .args(["--docs", &args.docs.to_string(), "--checkpoint", &args.checkpoint.to_string()])
                .args(["--batch-size", &args.batch_size.to_string(), "--window", &args.window.to_string()])
                .args(["--worker-nice", &args.worker_nice.to_string()])
                .args(args.no_pin.then_some("--no-pin"))
                .arg("--shared")
                .arg(&shared)
                .arg("--db")
                .arg(&db)
                .stderr(std::process::Stdio::inherit())
                .output()
                .context("running a benchmark child")?;
            if !args.keep {
                remove_db(&db);
            }
            if !out.status.success() {
                bail!("the {corpus} run on {threads} thread(s) failed");
            }
            let measured: Measured =
                serde_json::from_slice(&out.stdout).context("reading a child's result")?;
            if args.json {
                println!("{}", serde_json::to_string(&measured)?);
            } else {
                print_one(&measured);
            }
            results.push(measured);
        }
    }
    if !args.json {
        print_scaling(&results);
    }
    Ok(ExitCode::SUCCESS)
}

/// Confines this process (the threads it starts from now on) to the first `n` CPUs it
/// may use: the CPUs counted; None (with a warning) where that cannot be done.
fn pin_to_cores(n: usize) -> Option<usize> {
    #[cfg(target_os = "linux")]
    {
        use rustix::thread::{CpuSet, sched_getaffinity, sched_setaffinity};
        let pinned = sched_getaffinity(None).and_then(|allowed| {
            let mut set = CpuSet::new();
            let mut taken = 0;
            for cpu in 0..CpuSet::MAX_CPU {
                if taken < n && allowed.is_set(cpu) {
                    set.set(cpu);
                    taken += 1;
                }
            }
            if taken < n {
                return Ok(None);
            }
            sched_setaffinity(None, &set).map(|()| Some(taken))
        });
        match pinned {
            Ok(Some(cores)) => return Some(cores),
            Ok(None) => eprintln!("faultline bench: fewer than {n} CPUs available: the run uses them all"),
            Err(err) => {
                eprintln!("faultline bench: cannot confine the run to {n} CPUs ({err}): it uses them all")
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    eprintln!(
        "faultline bench: runs are confined to CPUs on Linux only: the run on {n} threads uses them all"
    );
    None
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(path));
    }
}

fn shared_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    let candidates: Vec<PathBuf> = match given {
        Some(path) => vec![path.to_path_buf()],
        None => std::env::var_os("FAULTLINE_SHARED")
            .map(PathBuf::from)
            .into_iter()
            .chain([
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
                PathBuf::from("../shared"),
            ])
            .collect(),
    };
    candidates
        .into_iter()
        .find(|path| path.join("data").is_dir())
        .context("the shared data folder was not found (set FAULTLINE_SHARED or pass --shared)")
}

/// A source of base documents, read again on every pass.
enum Corpus {
    /// Files read with `faultline_sources::documents` (HTML `.gz` pages, text files).
    Files(Vec<Input>),
    /// Wikinews rows (url, date, title, text), as scraped text.
    Rows(Vec<faultline_corpora::WikinewsArticle>),
}

impl Corpus {
    fn open(shared: &Path, name: &str) -> anyhow::Result<Corpus> {
        let data = shared.join("data");
        match name {
            "aeb-html" => Ok(Corpus::Files(vec![Input::Path(data.join("aeb/html"))])),
            "aeb-text" => Ok(Corpus::Files(vec![Input::Path(data.join("aeb/text"))])),
            "wikinews" => {
                let mut rows = Vec::new();
                for year in ["2019", "2020"] {
                    let path = data.join(format!("wikinews/wikinews_{year}.csv"));
                    rows.extend(
                        faultline_corpora::wikinews_file(&path)
                            .with_context(|| format!("reading {}", path.display()))?,
                    );
                }
                Ok(Corpus::Rows(rows))
            }
            other => bail!("unknown corpus {other:?} (aeb-html, aeb-text, wikinews)"),
        }
    }

    /// One pass over the base documents.
    fn pass(&self) -> Box<dyn Iterator<Item = RawDocument> + '_> {
        match self {
            Corpus::Files(inputs) => {
                Box::new(faultline_sources::documents(inputs, ReadOptions::default()).filter_map(Result::ok))
            }
            Corpus::Rows(rows) => Box::new(rows.iter().enumerate().map(|(i, row)| {
                let mut doc = RawDocument::new(
                    format!("wikinews-{i}"),
                    Origin::Inline,
                    format!("{}\n\n{}", row.title, row.text).into_bytes(),
                );
                doc.url = Some(row.url.clone());
                doc.published = Some(row.date.clone());
                doc.declared_format = Some(Format::Text);
                doc
            })),
        }
    }
}

/// Where to mark each base document so that the mark lands in its article body: the end
/// of its first body paragraph, found by extracting the page once before the run (by
/// the base document's id). Pages that are not articles, or whose paragraph cannot be
/// found in the raw bytes (another charset, entities), are left to [`copy_of`]'s
/// fallback.
fn body_marks(corpus: &Corpus, max_bytes: u64) -> std::collections::HashMap<String, usize> {
    let mut marks = std::collections::HashMap::new();
    for doc in corpus.pass() {
        let Ok(decoded) = faultline_sources::decode(&doc, max_bytes) else { continue };
        let Ok(article) = faultline_extract::extract(&doc, &decoded.text, decoded.format) else { continue };
        // The first paragraph whose last 24 bytes (from a character boundary) occur once in
        // the page as they are (no entities, no other charset).
        for span in &article.paragraphs {
            let paragraph = span.slice(&article.text);
            let mut start = paragraph.len().saturating_sub(24);
            while !paragraph.is_char_boundary(start) {
                start += 1;
            }
            let tail = &paragraph.as_bytes()[start..];
            if tail.len() < 12 {
                continue;
            }
            let mut found =
                doc.bytes.windows(tail.len()).enumerate().filter(|(_, w)| *w == tail).map(|(i, _)| i);
            if let (Some(at), None) = (found.next(), found.next()) {
                marks.insert(doc.id.clone(), at + tail.len());
                break;
            }
        }
    }
    marks
}

/// Copy `n` of a document: its own id and URL, and `Copy {n}.` at the end of its first
/// body paragraph (`marks`), else of its three longest paragraphs (HTML) or lines
/// (text), so that its text, hence its hash, is its own.
fn copy_of(
    mut doc: RawDocument,
    n: u64,
    corpus: &str,
    marks: &std::collections::HashMap<String, usize>,
) -> RawDocument {
    let known_mark = marks.get(&doc.id).copied().filter(|&at| at <= doc.bytes.len());
    doc.id = format!("{corpus}-{n}");
    doc.url = Some(match &doc.url {
        Some(url) => format!("{url}?copy={n}"),
        None => format!("https://bench.example/{corpus}/{n}"),
    });
    let mark = format!(" Copy {n}.");
    let mut at = if let Some(at) = known_mark {
        vec![at]
    } else if doc.declared_format == Some(Format::Text) || !looks_like_html(&doc.bytes) {
        longest_lines(&doc.bytes, 3)
    } else {
        let mut at = longest_paragraphs(&doc.bytes, 3);
        at.extend(title_start(&doc.bytes));
        at
    };
    // From the end, so that earlier positions stay valid.
    at.sort_unstable();
    for position in at.into_iter().rev() {
        doc.bytes.splice(position..position, mark.bytes());
    }
    doc
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html") || w.eq_ignore_ascii_case(b"<body"))
}

/// The ends (before the line break) of the `k` longest lines.
fn longest_lines(bytes: &[u8], k: usize) -> Vec<usize> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().chain(std::iter::once(&b'\n')).enumerate() {
        if b == b'\n' {
            let end = if i > start && bytes.get(i - 1) == Some(&b'\r') { i - 1 } else { i };
            if end > start {
                lines.push((end - start, end));
            }
            start = i + 1;
        }
    }
    lines.sort_unstable_by(|a, b| b.cmp(a));
    lines.into_iter().take(k).map(|(_, end)| end).collect()
}

/// Where the `k` longest `<p>...</p>` close (the positions of their `</p>`).
fn longest_paragraphs(bytes: &[u8], k: usize) -> Vec<usize> {
    let lower = bytes.to_ascii_lowercase();
    let mut paragraphs: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i + 3 < lower.len() {
        if lower[i] == b'<' {
            if lower[i + 1] == b'p' && matches!(lower[i + 2], b'>' | b' ' | b'\t' | b'\n') {
                open = Some(i);
            } else if lower[i + 1..].starts_with(b"/p>") {
                if let Some(start) = open.take() {
                    paragraphs.push((i - start, i));
                }
            }
        }
        i += 1;
    }
    paragraphs.sort_unstable_by(|a, b| b.cmp(a));
    paragraphs.into_iter().take(k).map(|(_, close)| close).collect()
}

/// Just after `<title>`, when there is one.
fn title_start(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    head.windows(7).position(|w| w.eq_ignore_ascii_case(b"<title>")).map(|i| i + 7)
}

/// `VmHWM` (peak resident set) of this process, in MB.
fn peak_rss_mb() -> f64 {
    status_kb("VmHWM:").map_or(0.0, |kb| kb as f64 / 1024.0)
}

fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User + system CPU time of this process (all threads), from `/proc/self/stat` (clock
/// ticks of 1/100 s, Linux's USER_HZ).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let Some(rest) = stat.rsplit_once(')').map(|(_, rest)| rest) else { return 0.0 };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (ticks(11) + ticks(12)) as f64 / 100.0
}

/// Reads the peak RSS when the checkpoint's document is done.
struct Checkpoint {
    at: u64,
    done: u64,
    started: Instant,
    rss_mb: f64,
    elapsed: Duration,
}

impl Observer for Checkpoint {
    fn document(&mut self, _fate: Fate<'_>) {
        self.done += 1;
        if self.done == self.at {
            self.rss_mb = peak_rss_mb();
            self.elapsed = self.started.elapsed();
        }
    }
}

fn run_one(
    shared: &Path,
    corpus_name: &str,
    threads: usize,
    args: &Args,
    db: &Path,
) -> anyhow::Result<Measured> {
    let run = RunArgs {
        db: db.to_path_buf(),
        threads,
        worker_nice: args.worker_nice,
        batch_size: args.batch_size,
        max_bytes: faultline_sources::DEFAULT_MAX_BYTES,
        date: Some(jiff::civil::date(2025, 1, 1)),
        dictionaries: crate::code_cmd::DictionaryArgs { dictionaries: None, dictionaries_only: false },
        window: args.window,
        quiet: true,
        verbose: false,
    };
    let engine = run.engine()?;
    let corpus = Corpus::open(shared, corpus_name)?;
    if corpus.pass().next().is_none() {
        bail!("the {corpus_name} corpus is empty");
    }
    let marks = body_marks(&corpus, faultline_sources::DEFAULT_MAX_BYTES);
    let (mut store, lookups) = run.open_store()?;
    let docs = args.docs;
    let documents = std::iter::repeat_with(|| corpus.pass())
        .flatten()
        .take(usize::try_from(docs).unwrap_or(usize::MAX))
        .zip(0..)
        .map(|(doc, n)| Ok(copy_of(doc, n, corpus_name, &marks)));
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let mut checkpoint =
        Checkpoint { at: args.checkpoint, done: 0, started, rss_mb: 0.0, elapsed: Duration::ZERO };
    let summary: RunSummary =
        engine.ingest(&mut store)?.with_known(&lookups).run(documents, &mut checkpoint)?;
    let cpu_s = cpu_seconds() - cpu_before;
    let rss_end_mb = peak_rss_mb();
    drop(lookups);
    drop(store);
    let db_mb = ["", "-wal"]
        .iter()
        .map(|suffix| {
            let mut path = db.as_os_str().to_owned();
            path.push(suffix);
            std::fs::metadata(PathBuf::from(path)).map_or(0, |m| m.len())
        })
        .sum::<u64>() as f64
        / 1e6;
    let c = &summary.counts;
    let cpu = summary.cpu;
    // A benchmark that also checks: every copy was new, and every document accounted for.
    if c.duplicates > 0 {
        eprintln!("faultline bench: warning: {} copies were duplicates of earlier ones", c.duplicates);
    }
    if c.read != docs || c.stored + c.n_skipped() + c.duplicates + c.errors != docs {
        bail!("{corpus_name}: {docs} documents asked, {:?} counted", c);
    }
    Ok(Measured {
        corpus: corpus_name.to_string(),
        threads: summary.threads,
        cores: None,
        docs,
        stored: c.stored,
        skipped: c.n_skipped(),
        duplicates: c.duplicates,
        errors: c.errors,
        events: c.events,
        elapsed_s: summary.elapsed.as_secs_f64(),
        cpu_s,
        checkpoint: args.checkpoint.min(docs),
        checkpoint_elapsed_s: checkpoint.elapsed.as_secs_f64(),
        rss_checkpoint_mb: checkpoint.rss_mb,
        rss_end_mb,
        stages: summary
            .stages
            .named()
            .iter()
            .map(|(name, d)| ((*name).to_string(), d.as_secs_f64()))
            .collect(),
        db_mb,
        thread_cpu_s: [cpu.reader, cpu.workers, cpu.writer, cpu.store].map(|d| d.as_secs_f64()),
    })
}

fn print_one(m: &Measured) {
    println!(
        "{:<9} {} thread{}{}: {} docs in {:.1} s = {:.0} docs/s ({:.0} per CPU-second, {:.2} CPU cores busy); \
         {} stored, {} skipped, {} duplicate, {} errors, {} events",
        m.corpus,
        m.threads,
        if m.threads == 1 { " " } else { "s" },
        match m.cores {
            Some(1) => " on 1 core ".to_string(),
            Some(n) => format!(" on {n} cores"),
            None => String::new(),
        },
        m.docs,
        m.elapsed_s,
        m.rate(),
        m.per_cpu(),
        m.cpu_s / m.elapsed_s.max(1e-9),
        m.stored,
        m.skipped,
        m.duplicates,
        m.errors,
        m.events,
    );
    println!(
        "          peak RSS {:.0} MB at {} docs, {:.0} MB at {} docs; database {:.0} MB",
        m.rss_checkpoint_mb, m.checkpoint, m.rss_end_mb, m.docs, m.db_mb
    );
    let per_doc: Vec<String> = m
        .stages
        .iter()
        .map(|(name, secs)| format!("{name} {:.0} µs", secs * 1e6 / m.docs.max(1) as f64))
        .collect();
    println!("          per document (summed over threads): {}", per_doc.join(", "));
    let [reader, workers, writer, store] = m.thread_cpu_s;
    if workers > 0.0 {
        let busy = |secs: f64| 100.0 * secs / m.elapsed_s.max(1e-9);
        println!(
            "          CPU by thread: workers {workers:.1} s, store {store:.1} s (busy {:.0}% of the run), \
             writer {writer:.1} s ({:.0}%), reader {reader:.1} s ({:.0}%)",
            busy(store),
            busy(writer),
            busy(reader),
        );
    }
}

fn print_scaling(results: &[Measured]) {
    let mut corpora: Vec<&str> = results.iter().map(|m| m.corpus.as_str()).collect();
    corpora.dedup();
    for corpus in corpora {
        let runs: Vec<&Measured> = results.iter().filter(|m| m.corpus == corpus).collect();
        if let (Some(one), Some(two)) =
            (runs.iter().find(|m| m.threads == 1), runs.iter().find(|m| m.threads == 2))
        {
            let cores = match (one.cores, two.cores) {
                (Some(1), Some(2)) => " (1 -> 2 cores)",
                _ => "",
            };
            println!("{corpus}: 1 -> 2 threads{cores}: {:.2}x", two.rate() / one.rate().max(1e-9));
        }
    }
}
