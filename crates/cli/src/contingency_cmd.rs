//! `faultline contingency CHN attacks TWN [PATH...]`: the commitments an act would set off,
//! with the recent trend of every dyad involved, from a store or from pages coded on the
//! fly.

use crate::commitments_cmd::{SourceArgs, builtin_label, code_paths, open_store, parties, write_commitment};
use anyhow::Context;
use faultline_analysis::{
    ContingencyConfig, ContingencyMatch, ContingencyQuery, ContingencyReport, MatchReason, contingency,
};
use faultline_model::{Commitment, TriggerAction};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Who acts: a country code (`CHN`), or `any`.
    source: String,
    /// What they do: attacks, invades, strikes, blockades, occupies, shells, bombs, nukes,
    /// threatens, sanctions, or conflict/war/crisis (see the README for the list).
    action: String,
    /// Against whom: a country code (`TWN`), or `any`.
    target: String,
    /// Files or folders of pages to code on the fly (read recursively; `.gz` and
    /// `.jsonl` understood; `-` is stdin). Without any, the store (--db) is read.
    paths: Vec<String>,
    /// The database file read when no PATH is given.
    #[arg(long, default_value = faultline_engine::DEFAULT_DB)]
    db: std::path::PathBuf,
    /// Months of dyad trend to show (default 6).
    #[arg(long, default_value_t = 6)]
    months: u32,
    /// The day the trends end (default: the latest event's day).
    #[arg(long)]
    as_of: Option<jiff::civil::Date>,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    source_args: SourceArgs,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let query = ContingencyQuery::parse(&args.source, &args.action, &args.target)?;
    let config = ContingencyConfig { months: args.months, as_of: args.as_of, ..ContingencyConfig::default() };
    let (report, failed) = if args.paths.is_empty() {
        let store = open_store(&args.db)?;
        // The server's snapshot: every event clustered for the trends, the register from
        // the pledge events.
        let snapshot = faultline_server::analysis::build(&store)
            .with_context(|| format!("analysing {}", args.db.display()))?;
        let mut report = contingency(&snapshot.register, Some(&snapshot.set), &query, &config);
        for m in &mut report.commitments {
            m.commitment.label = builtin_label(&m.commitment);
        }
        (report, false)
    } else {
        let corpus = code_paths(&args.paths, &args.source_args)?;
        let register = corpus.register();
        let set = corpus.event_set();
        let mut report = contingency(&register, Some(&set), &query, &config);
        for m in &mut report.commitments {
            m.commitment.label = corpus.label(&m.commitment);
        }
        (report, corpus.n_articles == 0 && corpus.n_errors > 0)
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_report(&mut out, &report)?;
    }
    out.flush().context("writing to stdout")?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn actor(code: Option<&faultline_model::ActorCode>) -> &str {
    code.map_or("any", |c| c.as_str())
}

/// The answer as readable text.
pub(crate) fn write_report(out: &mut impl Write, report: &ContingencyReport) -> anyhow::Result<()> {
    let q = &report.query;
    let act = match &q.action {
        TriggerAction::Act { cameo, .. } => format!("CAMEO {cameo}"),
        TriggerAction::Conflict => "a conflict".to_string(),
        TriggerAction::Other => "an uncoded act".to_string(),
    };
    writeln!(out, "If {} {} {} ({act}):", actor(q.source.as_ref()), q.word, actor(q.target.as_ref()))?;
    writeln!(out)?;
    if report.commitments.is_empty() {
        writeln!(out, "No commitment in the register would be set off.")?;
    } else {
        writeln!(out, "{} commitments would be set off:", report.commitments.len())?;
        for (i, ContingencyMatch { reason, commitment }) in report.commitments.iter().enumerate() {
            writeln!(out)?;
            let why = match reason {
                MatchReason::Trigger => "its trigger matches",
                MatchReason::Defence => "implied: a defence commitment to the target",
            };
            writeln!(out, "{}. {} ({why})", i + 1, headline(commitment))?;
            write_commitment(out, commitment, "   ")?;
        }
    }
    writeln!(out)?;
    match report.as_of {
        Some(as_of) if !report.dyads.is_empty() => {
            writeln!(out, "Dyads involved (monthly, to {as_of}; factual events, one per real-world event):")?;
            for d in &report.dyads {
                let roles: Vec<&str> = d.roles.iter().map(|r| r.as_str()).collect();
                let index = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:+.2}"));
                writeln!(
                    out,
                    "  {}-{}  {:<38} {:>3} events ({} conflict, {} cooperation)  index {} -> {}  {}",
                    d.a,
                    d.b,
                    roles.join(", "),
                    d.events,
                    d.conflict,
                    d.cooperation,
                    index(d.earlier_index),
                    index(d.recent_index),
                    d.trend.as_str()
                )?;
                let months: Vec<String> =
                    d.buckets.iter().map(|b| format!("{}:{}", b.start.strftime("%Y-%m"), b.count)).collect();
                if !months.is_empty() {
                    writeln!(out, "      {}", months.join("  "))?;
                }
                for alert in &d.alerts {
                    writeln!(
                        out,
                        "      alert raised {} (score {:.1}, {} conflict events in the window)",
                        alert.raised, alert.score, alert.window_events
                    )?;
                }
            }
        }
        _ => writeln!(out, "No dyad trends: no dated events.")?,
    }
    Ok(())
}

/// `RUS -> CHN support, reaffirmed`.
fn headline(c: &Commitment) -> String {
    format!("{} {}, {}", parties(c), c.class.as_str(), c.status)
}
