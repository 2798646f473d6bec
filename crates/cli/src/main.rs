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
            eprintln!("faultline: error: {}", error_chain(&err));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, `: `-separated like `{:#}`, without the repeats
/// that libraries leave when a message already quotes its source (SQLite's `unable to
/// open database file: x.db` under our `x.db: unable to open database file: x.db`): a
/// cause already said is left out, and a cause that starts with what the line ends with
/// (`x.db: ...` after `opening x.db`) drops that start.
fn error_chain(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text.is_empty() || line.contains(&text) {
            continue;
        }
        // The start must be a whole word of the line's end (a path, a name), not a
        // chance suffix like the `3` of `batch 3`.
        let repeats = |head: &str| {
            head.len() >= 3
                && line.strip_suffix(head).is_some_and(|before| before.is_empty() || before.ends_with(' '))
        };
        let text = match text.split_once(": ") {
            Some((head, rest)) if repeats(head) => rest,
            _ => text.as_str(),
        };
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text);
    }
    line
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

#[cfg(test)]
mod tests {
    use super::error_chain;
    use anyhow::Context;

    /// An error that quotes its source in its message, as the store's `Open` does.
    #[derive(Debug)]
    struct Open {
        path: String,
        source: std::io::Error,
    }

    impl std::fmt::Display for Open {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}: {}", self.path, self.source)
        }
    }

    impl std::error::Error for Open {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.source)
        }
    }

    #[test]
    fn error_chains_drop_repeated_causes() {
        let io = std::io::Error::other("unable to open database file: /x/a.db");
        let err =
            Err::<(), _>(Open { path: "/x/a.db".into(), source: io }).context("opening /x/a.db").unwrap_err();
        assert_eq!(format!("{err:#}").matches("unable to open").count(), 2);
        assert_eq!(error_chain(&err), "opening /x/a.db: unable to open database file: /x/a.db");
        // Distinct causes all stay.
        let err = Err::<(), _>(std::io::Error::other("disk full")).context("writing batch 3").unwrap_err();
        assert_eq!(error_chain(&err), "writing batch 3: disk full");
        let err =
            Err::<(), _>(std::io::Error::other("ch 3: no space")).context("writing batch 3").unwrap_err();
        assert_eq!(error_chain(&err), "writing batch 3: ch 3: no space");
    }
}
