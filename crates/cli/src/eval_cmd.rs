//! `faultline eval plover`: score the coder against the PLOVER gold-standard records.

use crate::code_cmd::DictionaryArgs;
use anyhow::Context;
use faultline_coding::eval;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    set: Set,
}

#[derive(Debug, clap::Subcommand)]
enum Set {
    /// Score event types and actors on PLOVER gold records (`PLOVER_GSR_CAMEO.json`).
    ///
    /// Each record's sentence is coded on its own (dated to the record's date). The gold
    /// labels are PLOVER 0.5b1: FIGHT is scored as ASSAULT, DEMAND as REQUEST,
    /// DISAPPROVE and INVESTIGATE as ACCUSE; old CAMEO country codes (JAP, ITL, VTN) are
    /// mapped to ISO, IGO and NGO compared as roots. The DOCUMENT record is skipped.
    ///
    /// Per sentence, the predicted PLOVER types are the distinct types of its events
    /// (events of CAMEO roots 01 and 02 have none and do not count): the gold type, if
    /// predicted, is a true positive; every other predicted type is a false positive; a
    /// gold type not predicted is a false negative. Source and target accuracy are over
    /// true positives: the first predicted event of the gold type is right on its source
    /// when its country (first three letters, or the IGO/NGO root) is among the gold
    /// sources, and right on its target, when the gold has one, likewise.
    Plover {
        /// The gold file (a JSON array of records).
        file: PathBuf,
        #[command(flatten)]
        dictionaries: DictionaryArgs,
        /// Also print every sentence with its gold and predicted types.
        #[arg(long)]
        verbose: bool,
    },
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match &args.set {
        Set::Plover { file, dictionaries, verbose } => {
            let json =
                std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
            let gold = eval::parse_gold(&json)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("{}", file.display()))?;
            let coder = dictionaries.event_coder()?;
            let default = jiff::civil::date(2000, 1, 1);
            let mut predictions = Vec::with_capacity(gold.len());
            for record in &gold {
                let date = record.date.as_deref().and_then(|d| d.get(..10)?.parse().ok()).unwrap_or(default);
                let coded = coder.code_text(&record.id, &record.text, date);
                if *verbose {
                    let types: Vec<&str> =
                        coded.events.iter().filter_map(|e| e.plover).map(|p| p.as_str()).collect();
                    let found = coded.events.iter().find(|e| e.plover == Some(record.event));
                    let mark = match found {
                        None => "MISS",
                        Some(e) => {
                            let source_ok =
                                record.sources.contains(&eval::actor_root(e.source.code.as_str()));
                            let target_ok = record.targets.is_empty()
                                || e.target.as_ref().is_some_and(|t| {
                                    record.targets.contains(&eval::actor_root(t.code.as_str()))
                                });
                            match (source_ok, target_ok) {
                                (true, true) => "ok",
                                (false, true) => "ok/src?",
                                (true, false) => "ok/tgt?",
                                (false, false) => "ok/both?",
                            }
                        }
                    };
                    println!(
                        "{mark} {} gold {} {:?}->{:?} predicted {types:?}",
                        record.id, record.event, record.sources, record.targets
                    );
                    println!("     {}", record.text);
                    let mentions: Vec<String> =
                        coded.mentions.iter().map(|m| format!("{}={}", m.text, m.code)).collect();
                    println!("     mentions: {}", mentions.join(", "));
                    for e in &coded.events {
                        println!(
                            "     {} -> {} {} {}",
                            e.source.code,
                            e.target.as_ref().map_or("-".to_string(), |t| t.code.to_string()),
                            e.cameo,
                            e.plover.map_or("-", |p| p.as_str())
                        );
                    }
                }
                predictions.push(coded.events);
            }
            let score = eval::score(&gold, &predictions);
            let which = match (&dictionaries.dictionaries, dictionaries.dictionaries_only) {
                (None, _) => "faultline's dictionaries".to_string(),
                (Some(dir), false) => {
                    format!("faultline's dictionaries with {} layered over them", dir.display())
                }
                (Some(dir), true) => format!("{} alone", dir.display()),
            };
            println!("{} ({which})", file.display());
            println!(
                "scoring: per sentence, the gold type predicted is a TP, each other predicted type an FP, a missed gold type an FN;"
            );
            println!(
                "         source/target accuracy over TPs, on the first predicted event of the gold type."
            );
            print!("{score}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
