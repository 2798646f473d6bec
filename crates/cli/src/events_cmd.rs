//! `faultline events`: the stored events, filtered, as a table, JSON lines, CSV or a
//! GDELT 2.0-style TSV; one row per report or per event cluster.

use anyhow::{Context, bail};
use faultline_model::{Plover, QuadClass};
use faultline_store::export::{ExportOptions, Unit};
use faultline_store::{EventFilter, ExportFormat, ModalityFlag, Order, SqliteStore, TextQuery, TextScope};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database file.
    #[arg(long, default_value = faultline_engine::DEFAULT_DB)]
    db: PathBuf,
    /// Events with this actor on either side (a code prefix: RUS matches RUSGOV, RUSMIL).
    #[arg(long)]
    actor: Option<String>,
    /// Events whose source code starts with this.
    #[arg(long)]
    source: Option<String>,
    /// Events whose target code starts with this.
    #[arg(long)]
    target: Option<String>,
    /// Events between two actors, either way round: `--dyad CHN,JPN` (with --directed,
    /// only the first acting on the second).
    #[arg(long, value_name = "A,B")]
    dyad: Option<String>,
    /// Only the first actor of --dyad acting on the second.
    #[arg(long, requires = "dyad")]
    directed: bool,
    /// CAMEO code or prefix: `19` (a root), `190`, `0312`.
    #[arg(long)]
    cameo: Option<String>,
    /// CAMEO root, 1 to 20.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=20))]
    root: Option<u8>,
    /// PLOVER event type (AGREE, ASSAULT, ...).
    #[arg(long)]
    plover: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4
    /// material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// Modality that must hold (repeatable): factual, asserted, reported, conditional,
    /// future, hypothetical, negated, habitual.
    #[arg(long, value_name = "FLAG")]
    modality: Vec<ModalityFlag>,
    /// Modality that must not hold (repeatable).
    #[arg(long, value_name = "FLAG")]
    not_modality: Vec<ModalityFlag>,
    /// Events dated on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<jiff::civil::Date>,
    /// Events dated on or before this day.
    #[arg(long)]
    to: Option<jiff::civil::Date>,
    /// Full-text search: all the words (`"a phrase"`, `prefix*`).
    #[arg(long)]
    text: Option<String>,
    /// Where --text looks: the article (title and text) or the evidence sentence.
    #[arg(long = "in", value_name = "WHERE", default_value = "article", value_parser = ["article", "sentence"])]
    text_in: String,
    /// Only the events of this article (its id).
    #[arg(long)]
    article: Option<String>,
    /// Output format: table, jsonl, csv, gdelt (GDELT 2.0 event TSV, no header).
    #[arg(long, default_value = "table")]
    format: ExportFormat,
    /// At most this many rows; 0 for all. Default: 50 for the table, all for exports.
    #[arg(long)]
    limit: Option<usize>,
    /// One row per event cluster (a real-world event and its reports), with the
    /// cluster's counts of reports, articles and outlets.
    #[arg(long, conflicts_with = "per_report")]
    per_cluster: bool,
    /// One row per stored report (the default), each with its cluster's counts.
    #[arg(long)]
    per_report: bool,
    /// Newest first.
    #[arg(long)]
    newest_first: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

impl Args {
    fn filter(&self) -> anyhow::Result<EventFilter> {
        let dyad = match &self.dyad {
            None => None,
            Some(pair) => {
                let Some((a, b)) = pair.split_once(',') else {
                    bail!("--dyad takes two actor codes separated by a comma, like CHN,JPN");
                };
                Some(faultline_store::DyadFilter {
                    a: a.trim().into(),
                    b: b.trim().into(),
                    directed: self.directed,
                })
            }
        };
        let plover = self
            .plover
            .as_deref()
            .map(|p| p.parse::<Plover>().map_err(|e| anyhow::anyhow!("--plover {p}: {e}")))
            .transpose()?;
        let quad_class =
            self.quad.map(QuadClass::try_from).transpose().map_err(|e| anyhow::anyhow!("--quad: {e:?}"))?;
        let scope = if self.text_in == "sentence" { TextScope::Sentence } else { TextScope::Article };
        Ok(EventFilter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            dyad,
            cameo: self.cameo.clone(),
            cameo_root: self.root,
            plover,
            quad_class,
            modality: self.modality.clone(),
            not_modality: self.not_modality.clone(),
            from: self.from,
            to: self.to,
            text: self.text.clone().map(|query| TextQuery { query, scope }),
            article: self.article.clone(),
        })
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!("{}: no such database (create one with `faultline ingest`)", args.db.display());
    }
    let store =
        SqliteStore::open_reader(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let filter = args.filter()?;
    let limit = match args.limit {
        Some(0) => None,
        Some(n) => Some(n),
        None if args.format == ExportFormat::Table => Some(50),
        None => None,
    };
    let options = ExportOptions {
        format: args.format,
        unit: if args.per_cluster { Unit::Cluster } else { Unit::Report },
        limit,
        order: if args.newest_first { Order::Desc } else { Order::Asc },
    };
    let out: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let written = faultline_store::export::export_with(&store, &filter, &options, &mut out)
        .context("writing the events")?;
    out.flush().context("writing the events")?;
    if written == 0 {
        eprintln!("faultline: no events match");
    } else if args.format == ExportFormat::Table
        && let Some(n) = limit
        && written == n
    {
        // Is there more? One row further, counted, not shown.
        let probe = ExportOptions { limit: Some(n + 1), ..options };
        let all = faultline_store::export::export_with(&store, &filter, &probe, std::io::sink())?;
        if all > n {
            eprintln!("faultline: the first {n} shown; more match (--limit 0 for all, or narrow the filter)");
        }
    }
    Ok(ExitCode::SUCCESS)
}
