//! The `faultline` binary: thin glue over the library crates. It parses arguments, calls
//! the libraries and prints; nothing else.

mod alerts_cmd;
mod bench_cmd;
mod code_cmd;
mod commitments_cmd;
mod contingency_cmd;
mod demo_cmd;
mod eval_cmd;
mod events_cmd;
mod extract_cmd;
mod ingest_cmd;
mod serve_cmd;
mod watch_cmd;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: the pipeline makes many small, short-lived
/// allocations on several threads at once (see `faultline bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

/// faultline turns news into structured, evidence-linked data about world politics.
#[derive(Debug, Parser)]
#[command(name = "faultline", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the article (text and metadata) from pages: HTML or scraped text.
    Extract(extract_cmd::Args),
    /// Code events (CAMEO and PLOVER, with modality, quotes and evidence) from pages, a
    /// text or JSON lines.
    Code(code_cmd::Args),
    /// Score the coder against gold-standard files.
    Eval(eval_cmd::Args),
    /// Read, extract, code and store documents (files, folders, .gz, JSONL, WARC, URLs),
    /// in parallel, with a progress bar and a summary. Reruns store nothing twice.
    Ingest(ingest_cmd::Args),
    /// List or export stored events: filters by actor, dyad, code, type, modality, date,
    /// text and article; a table, JSON lines, CSV or a GDELT 2.0-style TSV.
    Events(Box<events_cmd::Args>),
    /// Poll RSS/Atom feeds and ingest each new article once, a line per batch; Ctrl-C
    /// stops cleanly.
    Watch(Box<watch_cmd::Args>),
    /// Measure end-to-end throughput and memory on the shared benchmark corpora.
    Bench(Box<bench_cmd::Args>),
    /// The bundled synthetic samples ingested into faultline-demo.db, then served: the
    /// dashboard at http://127.0.0.1:8080/ in one command.
    Demo(demo_cmd::Args),
    /// Serve the HTTP JSON API and the web dashboard over a store (loopback only by
    /// default).
    Serve(serve_cmd::Args),
    /// The commitments register of a store (or of pages coded on the fly): who pledged
    /// what to whom, under which trigger, on what basis, and whether it was reaffirmed,
    /// weakened or withdrawn.
    Commitments(commitments_cmd::Args),
    /// What an act would set off: `faultline contingency CHN attacks TWN [PATH...]` lists
    /// the commitments whose trigger it matches and the trend of every dyad involved.
    Contingency(contingency_cmd::Args),
    /// Escalation alerts over a store (as the server's /api/alerts computes them): by
    /// actor, dyad and date window, a table or JSON.
    Alerts(alerts_cmd::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(&args),
        Command::Code(args) => code_cmd::run(&args),
        Command::Eval(args) => eval_cmd::run(&args),
        Command::Ingest(args) => ingest_cmd::run(&args),
        Command::Events(args) => events_cmd::run(&args),
        Command::Watch(args) => watch_cmd::run(&args),
        Command::Bench(args) => bench_cmd::run(&args),
        Command::Demo(args) => demo_cmd::run(&args),
        Command::Serve(args) => serve_cmd::run(&args),
        Command::Commitments(args) => commitments_cmd::run(&args),
        Command::Contingency(args) => contingency_cmd::run(&args),
        Command::Alerts(args) => alerts_cmd::run(&args),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`| head`): not an error of ours.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("faultline: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error comes from writing to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<faultline_store::Error>().is_some_and(
                |e| matches!(e, faultline_store::Error::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe),
            )
    })
}
