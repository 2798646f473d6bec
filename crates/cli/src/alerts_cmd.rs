//! `faultline alerts`: the escalation alerts of a store, as the server's `/api/alerts`
//! computes them (the same snapshot, the same detector), as a table or JSON.

use crate::commitments_cmd::open_store;
use anyhow::{Context, bail};
use faultline_analysis::{Alert, AlertConfig, Direction, DyadOptions, ModalityFilter, Unit};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database file.
    #[arg(long, default_value = faultline_engine::DEFAULT_DB)]
    db: PathBuf,
    /// Only alerts of dyads with this actor on either side (a code prefix: `CHN`).
    #[arg(long, conflicts_with = "dyad")]
    actor: Option<String>,
    /// Only the alerts of this dyad: `--dyad CHN,TWN` (countries or any code of them).
    #[arg(long, value_name = "A,B")]
    dyad: Option<String>,
    /// First window end evaluated (YYYY-MM-DD; default: as early as the store allows).
    #[arg(long)]
    from: Option<jiff::civil::Date>,
    /// Last window end evaluated (default: the store's latest event day).
    #[arg(long)]
    to: Option<jiff::civil::Date>,
    /// Score threshold in standard deviations (default 3).
    #[arg(long)]
    threshold: Option<f64>,
    /// Window length in days (default 7).
    #[arg(long)]
    window_days: Option<u32>,
    /// Baseline length in days (default 90).
    #[arg(long)]
    baseline_days: Option<u32>,
    /// Count every report rather than one per event cluster.
    #[arg(long)]
    per_report: bool,
    /// Count every event, not only those stated as having happened.
    #[arg(long)]
    all_modalities: bool,
    /// Only the first actor of --dyad acting on the second.
    #[arg(long, requires = "dyad")]
    directed: bool,
    /// At most this many alerts (latest first); 0 for all.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print the alerts as JSON.
    #[arg(long)]
    json: bool,
}

impl Args {
    fn config(&self) -> AlertConfig {
        let defaults = AlertConfig::default();
        AlertConfig {
            dyads: DyadOptions {
                unit: if self.per_report { Unit::Report } else { Unit::Cluster },
                modality: if self.all_modalities { ModalityFilter::All } else { ModalityFilter::Factual },
                direction: if self.directed { Direction::Directed } else { Direction::Undirected },
                ..DyadOptions::default()
            },
            threshold: self.threshold.unwrap_or(defaults.threshold),
            window_days: self.window_days.unwrap_or(defaults.window_days),
            baseline_days: self.baseline_days.unwrap_or(defaults.baseline_days),
            from: self.from,
            to: self.to,
            ..defaults
        }
    }
}

/// The alerts as JSON: what `/api/alerts` answers.
#[derive(serde::Serialize)]
struct AlertsJson<'a> {
    alerts: &'a [Alert],
    total: usize,
    config: &'a AlertConfig,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let config = args.config();
    if let (Some(from), Some(to)) = (config.from, config.to)
        && from > to
    {
        bail!("--from {from} is after --to {to}");
    }
    let store = open_store(&args.db)?;
    let snapshot = faultline_server::analysis::build(&store)
        .with_context(|| format!("analysing {}", args.db.display()))?;
    let mut alerts = match &args.dyad {
        Some(pair) => {
            let Some((a, b)) = pair.split_once(',') else {
                bail!("--dyad takes two actor codes separated by a comma, like CHN,TWN");
            };
            let mut alerts = snapshot.set.dyad_alerts_of(a.trim(), b.trim(), &config)?;
            // Latest first, as over every dyad.
            alerts.reverse();
            alerts
        }
        None => snapshot.set.alerts(&config)?,
    };
    if let Some(actor) = &args.actor {
        let actor = actor.trim().to_ascii_uppercase();
        alerts.retain(|alert| alert.dyad.a.starts_with(&actor) || alert.dyad.b.starts_with(&actor));
    }
    let total = alerts.len();
    if args.limit > 0 {
        alerts.truncate(args.limit);
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &AlertsJson { alerts: &alerts, total, config: &config })?;
        writeln!(out)?;
    } else {
        write_table(&mut out, &alerts, total)?;
    }
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut impl Write, alerts: &[Alert], total: usize) -> anyhow::Result<()> {
    if alerts.is_empty() {
        writeln!(out, "No escalation alerts.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<12} {:<10} {:<10} {:<23} {:>6} {:>7} {:>8} {:>6}  drivers",
        "dyad", "raised", "until", "window", "score", "value", "expected", "events"
    )?;
    for alert in alerts {
        let dyad = format!("{}-{}", alert.dyad.a, alert.dyad.b);
        let drivers: Vec<String> = alert
            .drivers
            .iter()
            .take(3)
            .map(|d| format!("{} {} ({})", d.date, d.cameo, d.event_id))
            .collect();
        let more = alert.n_drivers as usize - drivers.len().min(alert.n_drivers as usize);
        let more = if more > 0 { format!(" +{more}") } else { String::new() };
        writeln!(
            out,
            "{:<12} {:<10} {:<10} {:<23} {:>6.1} {:>7.1} {:>8.1} {:>6}  {}{more}",
            dyad,
            alert.raised,
            alert.until,
            format!("{} – {}", alert.window.start, alert.window.end),
            alert.score,
            alert.value,
            alert.expected,
            alert.window_events,
            drivers.join("; "),
        )?;
    }
    if total > alerts.len() {
        writeln!(out, "({} of {total} alerts shown; --limit 0 for all)", alerts.len())?;
    }
    Ok(())
}
