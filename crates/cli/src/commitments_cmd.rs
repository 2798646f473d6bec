//! `faultline commitments`: the commitments register of a store (its pledge events), or of
//! pages coded on the fly.

use crate::code_cmd::DictionaryArgs;
use anyhow::{Context, bail};
use faultline_analysis::{
    ArticleFingerprint, ClusterConfig, CommitmentFilter, CommitmentRegister, EventPoint, EventSet,
    NearDupIndex,
};
use faultline_coding::EventCoder;
use faultline_model::{Article, Commitment, CommitmentStatus, Event, RawDocument, Skip, date_text};
use faultline_sources::{Input, ReadOptions};
use faultline_store::SqliteStore;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders of pages to code on the fly (read recursively; `.gz` and
    /// `.jsonl` understood; `-` is stdin). Without any, the store (--db) is read.
    paths: Vec<String>,
    /// The database file read when no PATH is given.
    #[arg(long, default_value = faultline_engine::DEFAULT_DB)]
    pub(crate) db: PathBuf,
    /// Only commitments held by this actor (a country code, or any code of it: `RUSGOV`).
    #[arg(long)]
    holder: Option<String>,
    /// Only commitments to this beneficiary.
    #[arg(long)]
    beneficiary: Option<String>,
    /// Only commitments against this adversary.
    #[arg(long)]
    adversary: Option<String>,
    /// Only commitments involving this actor (holder, beneficiary, adversary or trigger).
    #[arg(long)]
    actor: Option<String>,
    /// Only commitments with this status: stated, reaffirmed, weakened, withdrawn.
    #[arg(long, value_parser = parse_status)]
    status: Option<CommitmentStatus>,
    /// Print the commitments as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    pub(crate) source: SourceArgs,
}

/// How pages are read and coded.
#[derive(Debug, Clone, clap::Args)]
pub struct SourceArgs {
    /// The date events are dated to when the text does not date them and the page has
    /// no publication date (YYYY-MM-DD; default today).
    #[arg(long)]
    pub date: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
    /// Largest document to read, in bytes.
    #[arg(long, default_value_t = faultline_sources::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

fn parse_status(raw: &str) -> Result<CommitmentStatus, String> {
    match raw.to_ascii_lowercase().as_str() {
        "stated" => Ok(CommitmentStatus::Stated),
        "reaffirmed" => Ok(CommitmentStatus::Reaffirmed),
        "weakened" => Ok(CommitmentStatus::Weakened),
        "withdrawn" => Ok(CommitmentStatus::Withdrawn),
        other => Err(format!("unknown status {other:?}: stated, reaffirmed, weakened or withdrawn")),
    }
}

/// Pages coded on the fly: their events in reading order, projected for analysis.
pub(crate) struct Corpus {
    pub coder: EventCoder,
    pub events: Vec<Event>,
    pub points: Vec<EventPoint>,
    pub n_articles: u64,
    pub n_skipped: u64,
    pub n_errors: u64,
}

impl Corpus {
    /// The commitments register of the corpus, with CAMEO labels.
    pub fn register(&self) -> CommitmentRegister {
        CommitmentRegister::rebuild(&self.events)
    }

    /// The corpus's events clustered and indexed for dyad series and alerts.
    pub fn event_set(&self) -> EventSet {
        EventSet::from_points(self.points.iter().cloned(), ClusterConfig::default())
    }

    /// The CAMEO label of a code, from the coder's table.
    pub fn label(&self, commitment: &Commitment) -> String {
        self.coder
            .coder()
            .dictionaries()
            .cameo()
            .get(commitment.cameo.as_str())
            .map_or_else(String::new, |e| e.label.clone())
    }
}

fn extract_one(doc: &RawDocument, max_bytes: u64) -> Result<Article, Skip> {
    let decoded =
        faultline_sources::decode(doc, max_bytes).map_err(|reason| Skip::new(doc.id.clone(), reason))?;
    faultline_extract::extract(doc, &decoded.text, decoded.format)
        .map_err(|reason| Skip::new(doc.id.clone(), reason))
}

/// Reads, extracts and codes every page of `paths` (skips and errors are reported on
/// stderr and counted), projecting each event for analysis with its article's outlet,
/// near-duplicate group and publication date.
pub(crate) fn code_paths(paths: &[String], args: &SourceArgs) -> anyhow::Result<Corpus> {
    let coder = args.dictionaries.event_coder()?;
    let default_date = args.date.unwrap_or_else(crate::code_cmd::today);
    let options = ReadOptions { max_bytes: args.max_bytes };
    let inputs: Vec<Input> = paths.iter().map(|p| Input::from_arg(p)).collect();
    let mut corpus =
        Corpus { coder, events: Vec::new(), points: Vec::new(), n_articles: 0, n_skipped: 0, n_errors: 0 };
    let mut groups = NearDupIndex::default();
    for item in faultline_sources::documents(&inputs, options) {
        let doc = match item {
            Ok(doc) => doc,
            Err(err) => {
                match err.as_skip() {
                    Some(_) => corpus.n_skipped += 1,
                    None => corpus.n_errors += 1,
                }
                eprintln!("faultline: {err}");
                continue;
            }
        };
        let article = match extract_one(&doc, args.max_bytes) {
            Ok(article) => article,
            Err(skip) => {
                corpus.n_skipped += 1;
                eprintln!("faultline: {} ({}): skipped: {}", skip.id, doc.origin, skip.reason);
                continue;
            }
        };
        corpus.n_articles += 1;
        let coded = corpus
            .coder
            .code_article(&article, default_date)
            .with_context(|| format!("coding {}", article.id))?;
        let published = article.published.as_ref().map_or(default_date, |p| p.date);
        let outlet = article.outlet.as_ref().map(|o| o.value.clone()).or_else(|| article.site.clone());
        let group = groups.assign(&article.id, published, &ArticleFingerprint::of_text(article.body())).group;
        for event in coded.events {
            let mut point = EventPoint::from(&event).with_group(group).reported_on(published);
            if let Some(outlet) = &outlet {
                point = point.with_outlet(outlet.clone());
            }
            corpus.points.push(point);
            corpus.events.push(event);
        }
    }
    if corpus.n_skipped + corpus.n_errors > 0 {
        eprintln!(
            "faultline: {} articles, {} skipped, {} errors",
            corpus.n_articles, corpus.n_skipped, corpus.n_errors
        );
    }
    Ok(corpus)
}

/// Opens the store for reading, or says how to make one.
pub(crate) fn open_store(db: &Path) -> anyhow::Result<SqliteStore> {
    if !db.exists() {
        bail!("no store at {}: run faultline ingest first", db.display());
    }
    SqliteStore::open_reader(db).with_context(|| format!("opening {}", db.display()))
}

/// The CAMEO label of a commitment's code, from the built-in table (a store keeps codes,
/// not the dictionaries that coded them).
pub(crate) fn builtin_label(commitment: &Commitment) -> String {
    faultline_coding::CameoTable::builtin()
        .lookup(commitment.cameo.as_str())
        .map_or_else(String::new, |e| e.label.clone())
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let filter = CommitmentFilter {
        holder: args.holder.clone(),
        beneficiary: args.beneficiary.clone(),
        adversary: args.adversary.clone(),
        actor: args.actor.clone(),
        status: args.status,
    };
    let (commitments, from, failed) = if args.paths.is_empty() {
        let store = open_store(&args.db)?;
        let register = faultline_server::analysis::load_register(&store)
            .with_context(|| format!("reading the pledges of {}", args.db.display()))?;
        let commitments: Vec<Commitment> =
            register.select(&filter).map(|c| Commitment { label: builtin_label(c), ..c.clone() }).collect();
        (commitments, format!("the store {}", args.db.display()), false)
    } else {
        let corpus = code_paths(&args.paths, &args.source)?;
        let register = corpus.register();
        let commitments: Vec<Commitment> =
            register.select(&filter).map(|c| Commitment { label: corpus.label(c), ..c.clone() }).collect();
        let failed = corpus.n_articles == 0 && corpus.n_errors > 0;
        (commitments, format!("{} articles", corpus.n_articles), failed)
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &commitments)?;
        writeln!(out)?;
    } else {
        let n_reports: usize = commitments.iter().map(|c| c.reports.len()).sum();
        writeln!(out, "{} commitments ({} reports) from {from}", commitments.len(), n_reports)?;
        for c in &commitments {
            writeln!(out)?;
            write_commitment(&mut out, c, "")?;
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `RUS -> CHN`, `JPN -> USA (against CHN)`, `IRN (against USA)`.
pub(crate) fn parties(c: &Commitment) -> String {
    let mut out = c.holder.to_string();
    if let Some(b) = &c.beneficiary {
        out.push_str(&format!(" -> {b}"));
    }
    if let Some(a) = &c.adversary {
        out.push_str(&format!(" (against {a})"));
    }
    out
}

/// A commitment as readable lines, each starting with `indent`.
pub(crate) fn write_commitment(out: &mut impl Write, c: &Commitment, indent: &str) -> anyhow::Result<()> {
    writeln!(
        out,
        "{indent}{}  {}  {}  [{}, {}]",
        c.id,
        parties(c),
        c.class.as_str(),
        c.status,
        c.stance.as_str()
    )?;
    let label = if c.label.is_empty() { String::new() } else { format!(" {}", c.label) };
    match &c.terms {
        Some(terms) => writeln!(out, "{indent}  what:     {}{label}: {terms}", c.cameo)?,
        None => writeln!(out, "{indent}  what:     {}{label}", c.cameo)?,
    }
    match (&c.trigger, &c.condition) {
        (Some(t), Some(text)) => writeln!(out, "{indent}  trigger:  {t}  “{text}”")?,
        (Some(t), None) => writeln!(out, "{indent}  trigger:  {t}")?,
        (None, Some(text)) => writeln!(out, "{indent}  trigger:  “{text}”")?,
        (None, None) => writeln!(out, "{indent}  trigger:  none stated")?,
    }
    if let Some(basis) = &c.basis {
        let cited = basis.cited_by.as_ref().map_or(String::new(), |a| {
            format!(", cited by {} ({})", a.name.as_deref().unwrap_or(&a.text), a.code)
        });
        writeln!(out, "{indent}  basis:    {basis}{cited}")?;
    }
    writeln!(
        out,
        "{indent}  seen:     first {}, last {}, {} reports",
        c.first_seen_text(),
        c.last_seen_text(),
        c.reports.len()
    )?;
    for r in &c.reports {
        let speaker = r
            .speaker
            .as_ref()
            .map_or(String::new(), |s| format!("  {} ({})", s.name.as_deref().unwrap_or(&s.text), s.code));
        writeln!(
            out,
            "{indent}    {:<10} {:<10} {} {} {}{speaker}",
            date_text(r.date, r.precision),
            r.effect.as_str(),
            r.event_id,
            r.cameo,
            r.stance.as_str()
        )?;
        writeln!(out, "{indent}      “{}”", r.sentence)?;
    }
    Ok(())
}
