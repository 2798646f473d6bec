//! `faultline code`: pages, a text or JSON lines in, events out.

use anyhow::Context;
use faultline_coding::{Coded, EventCoder};
use faultline_model::{Article, Attribution, Event, RawDocument, Skip};
use faultline_sources::{Input, ReadOptions};
use serde::Deserialize;
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders of pages (read recursively; `.gz` and `.jsonl` understood); `-`
    /// is stdin.
    #[arg(required_unless_present_any = ["text", "jsonl"])]
    paths: Vec<String>,
    /// Code this text (a sentence or an article) instead of files.
    #[arg(long, conflicts_with_all = ["paths", "jsonl"])]
    text: Option<String>,
    /// Read JSON lines `{"id","text","published"}` on stdin (one sentence or article a
    /// line, `published` optional) and write each event as a JSON line.
    #[arg(long, conflicts_with = "paths")]
    jsonl: bool,
    /// The date events are dated to when the text does not date them and the page has
    /// no publication date (YYYY-MM-DD; default today).
    #[arg(long)]
    date: Option<jiff::civil::Date>,
    /// Print events (and quotes) as JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    /// Largest document to read, in bytes.
    #[arg(long, default_value_t = faultline_sources::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Which dictionaries to code with.
#[derive(Debug, Clone, clap::Args)]
pub struct DictionaryArgs {
    /// A folder of PETRARCH-2/Phoenix dictionaries (CAMEO.*.txt verbs, *.discards.txt,
    /// *.actors.txt, *agents.txt), read as they are and layered over faultline's own.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Use the --dictionaries folder alone: no built-in verb patterns or actors
    /// (faultline's frames, the coder's grammar, still apply).
    #[arg(long, requires = "dictionaries")]
    pub dictionaries_only: bool,
}

impl DictionaryArgs {
    /// The event coder these arguments ask for.
    pub fn event_coder(&self) -> anyhow::Result<EventCoder> {
        let Some(dir) = &self.dictionaries else {
            return EventCoder::builtin().context("loading the built-in dictionaries");
        };
        let (coder, warnings) = faultline_engine::load_dictionaries(dir, self.dictionaries_only)
            .with_context(|| format!("loading the dictionaries in {}", dir.display()))?;
        for warning in warnings.iter().take(5) {
            eprintln!("faultline: note: {warning}");
        }
        if warnings.len() > 5 {
            eprintln!("faultline: note: ... {} lines skipped in all, as PETRARCH skips them", warnings.len());
        }
        Ok(coder)
    }
}

/// A line of `--jsonl` input.
#[derive(Debug, Deserialize)]
struct JsonlIn {
    id: Option<String>,
    text: String,
    published: Option<String>,
}

/// Today's date in UTC.
pub(crate) fn today() -> jiff::civil::Date {
    let epoch = jiff::civil::date(1970, 1, 1);
    let days = jiff::Timestamp::now().as_second().div_euclid(86_400);
    epoch.checked_add(jiff::Span::new().days(days)).unwrap_or(epoch)
}

fn parse_date(raw: &str) -> Option<jiff::civil::Date> {
    raw.trim().get(..10).and_then(|d| d.parse().ok())
}

fn extract_one(doc: &RawDocument, max_bytes: u64) -> Result<Article, Skip> {
    let decoded =
        faultline_sources::decode(doc, max_bytes).map_err(|reason| Skip::new(doc.id.clone(), reason))?;
    faultline_extract::extract(doc, &decoded.text, decoded.format)
        .map_err(|reason| Skip::new(doc.id.clone(), reason))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let coder = args.dictionaries.event_coder()?;
    let default_date = args.date.unwrap_or_else(today);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(text) = &args.text {
        let coded = coder.code_text("text", text, default_date);
        print_coded(&mut out, "text", &coded, args.json)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.jsonl {
        let stdin = std::io::stdin();
        let mut n_errors = 0u64;
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line.context("reading stdin")?;
            if line.trim().is_empty() {
                continue;
            }
            let item: JsonlIn = match serde_json::from_str(&line) {
                Ok(item) => item,
                Err(err) => {
                    n_errors += 1;
                    eprintln!("faultline: stdin line {}: {err}", n + 1);
                    continue;
                }
            };
            let id = item.id.unwrap_or_else(|| format!("line-{}", n + 1));
            let date = item.published.as_deref().and_then(parse_date).unwrap_or(default_date);
            let coded = coder.code_text(&id, &item.text, date);
            for event in &coded.events {
                serde_json::to_writer(&mut out, event)?;
                writeln!(out)?;
            }
        }
        out.flush()?;
        return Ok(if n_errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let options = ReadOptions { max_bytes: args.max_bytes };
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from_arg(p)).collect();
    let (mut n_articles, mut n_skipped, mut n_errors) = (0u64, 0u64, 0u64);
    for item in faultline_sources::documents(&inputs, options) {
        let doc = match item {
            Ok(doc) => doc,
            Err(err) => {
                match err.as_skip() {
                    Some(_) => n_skipped += 1,
                    None => n_errors += 1,
                }
                eprintln!("faultline: {err}");
                continue;
            }
        };
        match extract_one(&doc, args.max_bytes) {
            Ok(article) => {
                n_articles += 1;
                let coded = coder.code_article(&article, default_date)?;
                print_coded(&mut out, &article.id, &coded, args.json)?;
            }
            Err(skip) => {
                n_skipped += 1;
                eprintln!("faultline: {} ({}): skipped: {}", skip.id, doc.origin, skip.reason);
            }
        }
    }
    out.flush().context("writing to stdout")?;
    if n_skipped + n_errors > 0 {
        eprintln!("faultline: {n_articles} articles, {n_skipped} skipped, {n_errors} errors");
    }
    Ok(if n_articles == 0 && n_errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn print_coded(out: &mut impl Write, id: &str, coded: &Coded, json: bool) -> anyhow::Result<()> {
    if json {
        let value = serde_json::json!({ "id": id, "events": coded.events, "quotes": coded.quotes, "mentions": coded.mentions });
        serde_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{id}: {} events, {} quotes", coded.events.len(), coded.quotes.len())?;
    if !coded.events.is_empty() {
        writeln!(
            out,
            "  {:<10} {:<10} {:<5} {:<10} {:>5} {:<28} {:<10} trigger",
            "source", "target", "cameo", "plover", "gold", "modality", "date"
        )?;
    }
    for event in &coded.events {
        let target = event.target.as_ref().map_or("-", |t| t.code.as_str());
        let date = match event.date.precision {
            faultline_model::Precision::Day => event.date.date.to_string(),
            faultline_model::Precision::Week => format!("{} wk", event.date.date),
            faultline_model::Precision::Month => event.date.date.strftime("%Y-%m").to_string(),
            faultline_model::Precision::Year => event.date.date.strftime("%Y").to_string(),
        };
        let ev = &event.evidence;
        let trigger = ev
            .sentence_text
            .get(
                ev.trigger.start.saturating_sub(ev.sentence.start) as usize
                    ..ev.trigger.end.saturating_sub(ev.sentence.start) as usize,
            )
            .unwrap_or("");
        writeln!(
            out,
            "  {:<10} {:<10} {:<5} {:<10} {:>5.1} {:<28} {:<10} {}",
            event.source.code.as_str(),
            target,
            event.cameo.as_str(),
            event.plover.map_or("-", |p| p.as_str()),
            event.goldstein,
            modality(event),
            date,
            trigger,
        )?;
        if let Some(condition) = &event.modality.condition {
            writeln!(out, "  {:<10} condition: {}", "", condition.text)?;
        }
    }
    for quote in &coded.quotes {
        let speaker = quote
            .speaker
            .as_ref()
            .map_or("?".to_string(), |s| format!("{} ({})", s.name.as_deref().unwrap_or(&s.text), s.code));
        writeln!(out, "  quote {speaker}: “{}”", quote.text)?;
    }
    Ok(())
}

fn modality(event: &Event) -> String {
    let m = &event.modality;
    let mut parts = Vec::new();
    if m.attribution == Attribution::Reported {
        parts.push("reported");
    }
    if m.condition.is_some() {
        parts.push("conditional");
    }
    for (on, name) in [
        (m.future, "future"),
        (m.hypothetical, "hypothetical"),
        (m.negated, "negated"),
        (m.habitual, "habitual"),
    ] {
        if on {
            parts.push(name);
        }
    }
    if parts.is_empty() { "asserted".to_string() } else { parts.join(",") }
}
