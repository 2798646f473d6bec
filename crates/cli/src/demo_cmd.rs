//! `faultline demo`: the bundled synthetic samples ingested into a store of their own,
//! then served: the whole product in one command on a fresh clone.

use crate::code_cmd::DictionaryArgs;
use crate::ingest_cmd::{self, Progress, RunArgs};
use anyhow::Context;
use faultline_sources::{Input, ReadOptions};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The store the demo builds, kept apart from a real `faultline.db`.
pub const DEMO_DB: &str = "faultline-demo.db";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder of sample pages (default: `samples/` in the current folder, else the
    /// one in the source tree this binary was built from).
    #[arg(long, value_name = "DIR")]
    samples: Option<PathBuf>,
    /// More pages to ingest with the samples (files or folders), e.g. the seed page.
    extra: Vec<PathBuf>,
    /// The database the demo writes (reruns store nothing twice).
    #[arg(long, default_value = DEMO_DB)]
    db: PathBuf,
    /// Address to serve on (loopback only by default).
    #[arg(long, default_value = faultline_server::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Ingest only; do not serve.
    #[arg(long)]
    no_serve: bool,
}

/// The samples folder: the one given, `./samples`, or the source tree's.
fn samples_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = given {
        anyhow::ensure!(dir.is_dir(), "no samples folder at {}", dir.display());
        return Ok(dir.to_path_buf());
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    [PathBuf::from("samples"), built].into_iter().find(|dir| dir.is_dir()).ok_or_else(|| {
        anyhow::anyhow!(
            "no samples folder here or in the source tree: pass --samples DIR (a clone's samples/)"
        )
    })
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let samples = samples_dir(args.samples.as_deref())?;
    for extra in &args.extra {
        anyhow::ensure!(extra.exists(), "no such file or folder: {}", extra.display());
    }
    let run = RunArgs {
        db: args.db.clone(),
        threads: 0,
        worker_nice: faultline_engine::DEFAULT_WORKER_NICE,
        batch_size: faultline_engine::DEFAULT_BATCH_SIZE,
        max_bytes: faultline_sources::DEFAULT_MAX_BYTES,
        date: None,
        dictionaries: DictionaryArgs { dictionaries: None, dictionaries_only: false },
        window: 4096,
        quiet: false,
        verbose: true,
    };
    println!("faultline demo: ingesting {} into {}", samples.display(), args.db.display());
    let engine = run.engine()?;
    let (mut store, lookups) = run.open_store()?;
    let inputs: Vec<Input> =
        std::iter::once(&samples).chain(&args.extra).map(|path| Input::Path(path.clone())).collect();
    let mut progress = Progress::new(ingest_cmd::count_documents(&inputs), false, true);
    let documents = faultline_sources::documents(&inputs, ReadOptions::default());
    let summary = {
        let mut ingest = engine.ingest(&mut store)?.with_known(&lookups);
        ingest.run(documents, &mut progress)
    };
    progress.finish();
    let summary = summary.context("ingesting the samples")?;
    ingest_cmd::print_summary(&summary, false)?;
    drop((store, lookups));
    if args.no_serve {
        println!("faultline demo: serve it with `faultline serve --db {}`", args.db.display());
        return Ok(ExitCode::SUCCESS);
    }
    let serve = crate::serve_cmd::Args { addr: args.addr, db: args.db.clone() };
    crate::serve_cmd::run(&serve)
}
