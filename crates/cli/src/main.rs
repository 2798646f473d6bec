//! The `faultline` binary: thin glue over the library crates. It parses arguments, calls
//! the libraries and prints; nothing else.

mod code_cmd;
mod commitments_cmd;
mod contingency_cmd;
mod eval_cmd;
mod extract_cmd;

use clap::{Parser, Subcommand};
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
    /// The commitments register: who pledged what to whom, under which trigger, on what
    /// basis, and whether it was reaffirmed, weakened or withdrawn.
    Commitments(commitments_cmd::Args),
    /// What an act would set off: `faultline contingency CHN attacks TWN PATH...` lists
    /// the commitments whose trigger it matches and the trend of every dyad involved.
    Contingency(contingency_cmd::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(&args),
        Command::Code(args) => code_cmd::run(&args),
        Command::Eval(args) => eval_cmd::run(&args),
        Command::Commitments(args) => commitments_cmd::run(&args),
        Command::Contingency(args) => contingency_cmd::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("faultline: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
