//! The `faultline` binary: thin glue over the library crates.

use clap::Parser;

/// faultline turns news into structured, evidence-linked data about world politics.
#[derive(Debug, Parser)]
#[command(name = "faultline", version, about)]
struct Cli {}

fn main() -> anyhow::Result<()> {
    let _cli = Cli::parse();
    Ok(())
}
