//! Event exports: a human table, JSON lines, CSV and a GDELT 2.0-style event TSV.
//!
//! An [`EventWriter`] writes records one at a time to any [`io::Write`], so an export of
//! millions of events streams page by page ([`export`]) in flat memory.
//!
//! - **table**: fixed-width columns for a terminal; long values are cut with `…`.
//! - **jsonl**: one [`EventRecord`] per line, every field (spans included).
//! - **csv**: RFC 4180 (a field with `,` `"` or a line break is quoted, `"` doubled), one
//!   header row, the columns of [`CSV_COLUMNS`]. Made to be opened in a spreadsheet, so a
//!   value that a spreadsheet would run as a formula (text from a news page starting with
//!   `=`, `+`, `-`, `@`, a tab or a carriage return, and not a plain number) is written
//!   with a `'` in front, as OWASP advises against CSV injection. JSON lines keep every
//!   value as stored.
//! - **gdelt**: the 61 columns of the GDELT 2.0 event table, tab-separated, no header, as
//!   GDELT publishes it; [`GDELT_COLUMNS`] says what faultline puts in each. Like GDELT's
//!   files it has no quoting: tabs and line breaks inside values become spaces. Read it
//!   with quoting off (pandas `quoting=csv.QUOTE_NONE`, R `quote = ""`). Its values are
//!   not defused against spreadsheet formulas, as GDELT's are not: for spreadsheets,
//!   export CSV.

use crate::filter::{MAX_PAGE, Order};
use crate::record::{ClusterCount, EventRecord};
use crate::{EventFilter, EventStore, Page, Result};
use faultline_analysis::ClusterId;
use faultline_model::{ActorCode, ActorRef, Modality};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

/// The formats of `faultline events --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Table,
    Jsonl,
    Csv,
    GdeltTsv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] =
        [ExportFormat::Table, ExportFormat::Jsonl, ExportFormat::Csv, ExportFormat::GdeltTsv];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Table => "table",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::GdeltTsv => "gdelt",
        }
    }
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<ExportFormat, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" => Ok(ExportFormat::Table),
            "jsonl" | "json" => Ok(ExportFormat::Jsonl),
            "csv" => Ok(ExportFormat::Csv),
            "gdelt" | "tsv" | "gdelt-tsv" => Ok(ExportFormat::GdeltTsv),
            other => Err(format!("unknown export format {other:?} (table, jsonl, csv, gdelt)")),
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a row stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Unit {
    /// One row per stored event, that is per report: an event carried by five articles
    /// is five rows (each with its cluster's counts where the format has room).
    #[default]
    Report,
    /// One row per event cluster (one real-world event): its first report in the export's
    /// order stands for it, with the cluster's counts. GDELT's `NumMentions`,
    /// `NumSources` and `NumArticles` then hold reports, outlets and articles, as in
    /// GDELT's own files. Events stored without a cluster are rows of their own.
    Cluster,
}

/// How [`export_with`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: ExportFormat,
    pub unit: Unit,
    /// At most this many rows; `None` for all.
    pub limit: Option<usize>,
    pub order: Order,
}

impl ExportOptions {
    /// Every matching event, oldest first, one row per report.
    #[must_use]
    pub fn new(format: ExportFormat) -> ExportOptions {
        ExportOptions { format, unit: Unit::Report, limit: None, order: Order::Asc }
    }
}

/// Writes event records in one format. Call [`finish`](Self::finish) at the end (it
/// writes the header of an empty CSV or table and flushes).
#[derive(Debug)]
pub struct EventWriter<W: Write> {
    format: ExportFormat,
    unit: Unit,
    out: W,
    started: bool,
    written: usize,
}

/// A JSON line with the cluster's counts beside the record's fields.
#[derive(Serialize)]
struct CountedRecord<'a> {
    #[serde(flatten)]
    record: &'a EventRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster_counts: Option<&'a ClusterCount>,
}

impl<W: Write> EventWriter<W> {
    pub fn new(format: ExportFormat, out: W) -> EventWriter<W> {
        EventWriter { format, unit: Unit::Report, out, started: false, written: 0 }
    }

    /// Rows stand for clusters: GDELT's counts columns hold the cluster's counts.
    #[must_use]
    pub fn unit(mut self, unit: Unit) -> EventWriter<W> {
        self.unit = unit;
        self
    }

    /// Records written so far.
    #[must_use]
    pub fn written(&self) -> usize {
        self.written
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        match self.format {
            ExportFormat::Csv => {
                let header: Vec<&str> = CSV_COLUMNS.iter().map(|(name, _)| *name).collect();
                write_csv_row(&mut self.out, header)
            }
            ExportFormat::Table => write_table_header(&mut self.out),
            ExportFormat::Jsonl | ExportFormat::GdeltTsv => Ok(()),
        }
    }

    pub fn write(&mut self, record: &EventRecord) -> Result<()> {
        self.write_counted(record, None)
    }

    /// Writes a record with its cluster's counts (see [`EventStore::cluster_counts`]):
    /// in the table's `N` column, the CSV's `cluster_*` columns, a JSON line's
    /// `cluster_counts`, and (with [`Unit::Cluster`]) GDELT's counts.
    pub fn write_counted(&mut self, record: &EventRecord, counts: Option<&ClusterCount>) -> Result<()> {
        self.start()?;
        match self.format {
            ExportFormat::Table => write_table_row(&mut self.out, record, counts)?,
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, &CountedRecord { record, cluster_counts: counts })?;
                self.out.write_all(b"\n")?;
            }
            ExportFormat::Csv => write_csv_row(&mut self.out, csv_values(record, counts))?,
            ExportFormat::GdeltTsv => {
                let counts = if self.unit == Unit::Cluster { counts } else { None };
                write_tsv_row(&mut self.out, gdelt_values(record, counts))?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Writes the header if nothing was written, flushes, and returns the writer.
    pub fn finish(mut self) -> Result<W> {
        self.start()?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes every event matching `filter`, in event order, paging through the store.
/// Returns the number of events written.
pub fn export<W: Write>(
    store: &dyn EventStore,
    filter: &EventFilter,
    format: ExportFormat,
    out: W,
) -> Result<usize> {
    export_with(store, filter, &ExportOptions::new(format), out)
}

/// Writes the events matching `filter` as `options` say: paging through the store in
/// flat memory (but for the set of clusters already written, with [`Unit::Cluster`]),
/// each row with its cluster's counts. Returns the number of rows written.
pub fn export_with<W: Write>(
    store: &dyn EventStore,
    filter: &EventFilter,
    options: &ExportOptions,
    out: W,
) -> Result<usize> {
    let mut writer = EventWriter::new(options.format, out).unit(options.unit);
    let limit = options.limit.unwrap_or(usize::MAX);
    let mut page = Page { limit: MAX_PAGE, after: None, order: options.order };
    let mut written_clusters: HashSet<ClusterId> = HashSet::new();
    'pages: while writer.written() < limit {
        let result = store.events(filter, &page)?;
        let mut clusters: Vec<ClusterId> = result.events.iter().filter_map(|r| r.cluster).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let counts: HashMap<ClusterId, ClusterCount> =
            store.cluster_counts(&clusters)?.into_iter().map(|c| (c.cluster, c)).collect();
        for record in &result.events {
            if options.unit == Unit::Cluster
                && let Some(cluster) = record.cluster
                && !written_clusters.insert(cluster)
            {
                continue;
            }
            writer.write_counted(record, record.cluster.and_then(|c| counts.get(&c)))?;
            if writer.written() >= limit {
                break 'pages;
            }
        }
        match result.next {
            Some(next) => page = page.after(next),
            None => break,
        }
    }
    let written = writer.written();
    writer.finish()?;
    Ok(written)
}

// ---------------------------------------------------------------------------------------
// table

const TABLE: [(&str, usize); 10] = [
    ("DATE", 10),
    ("SOURCE", 12),
    ("TARGET", 12),
    ("CAMEO", 5),
    ("PLOVER", 9),
    ("Q", 1),
    ("GOLD", 5),
    ("MODALITY", 14),
    ("N", 3),
    ("EVIDENCE", 60),
];

/// `value` cut or padded to `width` characters.
fn fit(value: &str, width: usize) -> String {
    let value = value.replace(['\n', '\r', '\t'], " ");
    let n = value.chars().count();
    if n <= width {
        format!("{value:<width$}")
    } else {
        let cut: String = value.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn write_table_header(out: &mut impl Write) -> io::Result<()> {
    let cells: Vec<String> = TABLE.iter().map(|(name, width)| fit(name, *width)).collect();
    writeln!(out, "{}", cells.join("  ").trim_end())
}

/// A short modality label: `factual`, or the flags (`cond,future,reported`).
#[must_use]
pub fn modality_label(modality: &Modality) -> String {
    let mut flags = Vec::new();
    if modality.condition.is_some() {
        flags.push("cond");
    }
    if modality.future {
        flags.push("future");
    }
    if modality.hypothetical {
        flags.push("hyp");
    }
    if modality.negated {
        flags.push("neg");
    }
    if modality.habitual {
        flags.push("habit");
    }
    if modality.attribution == faultline_model::Attribution::Reported {
        flags.push("rep");
    }
    if modality.is_factual() {
        flags.insert(0, "factual");
    }
    flags.join(",")
}

/// A row; `N` is the number of reports of the event's cluster, when known.
fn write_table_row(
    out: &mut impl Write,
    record: &EventRecord,
    counts: Option<&ClusterCount>,
) -> io::Result<()> {
    let event = &record.event;
    let values = [
        event.date.date.to_string(),
        event.source.code.to_string(),
        event.target.as_ref().map(|t| t.code.to_string()).unwrap_or_default(),
        event.cameo.to_string(),
        event.plover.map(|p| p.as_str().to_string()).unwrap_or_default(),
        u8::from(event.quad_class).to_string(),
        format!("{:.1}", event.goldstein),
        modality_label(&event.modality),
        counts.map(|c| c.reports.to_string()).unwrap_or_default(),
        event.evidence.sentence_text.clone(),
    ];
    let cells: Vec<String> = values.iter().zip(TABLE).map(|(value, (_, width))| fit(value, width)).collect();
    writeln!(out, "{}", cells.join("  ").trim_end())
}

// ---------------------------------------------------------------------------------------
// CSV

/// The CSV columns, in order, with what each holds. Spans are byte offsets into the
/// article text; booleans are `true`/`false`; empty means none.
pub const CSV_COLUMNS: [(&str, &str); 48] = [
    ("key", "the store's event key (unique in this store)"),
    ("event_id", "the event id, `{article_id}#{n}`"),
    ("article_id", "the article id"),
    ("date", "event date, YYYY-MM-DD (first day of the week/month/year when less precise)"),
    ("date_precision", "day, week, month or year"),
    ("source_code", "source actor code (RUSGOV)"),
    ("source_name", "source canonical name, when known"),
    ("source_text", "source words in the text"),
    ("source_country", "source country (first three letters of a country code)"),
    ("target_code", "target actor code"),
    ("target_name", "target canonical name"),
    ("target_text", "target words in the text"),
    ("target_country", "target country"),
    ("cameo", "CAMEO event code"),
    ("cameo_root", "CAMEO root, 01 to 20"),
    ("plover", "PLOVER event type (empty for CAMEO 01, 02)"),
    ("plover_mode", "PLOVER mode"),
    ("plover_context", "PLOVER contexts, separated by `;`"),
    ("goldstein", "Goldstein score"),
    ("quad_class", "QuadClass, 1 to 4"),
    ("attribution", "asserted or reported"),
    ("factual", "stated as having happened (no condition, not future, hypothetical or negated)"),
    ("conditional", "depends on a condition"),
    ("condition", "the condition's text"),
    ("future", "stated for the future"),
    ("hypothetical", "possible, not stated"),
    ("negated", "negated"),
    ("habitual", "habitual or background"),
    ("quote", "the quote the event was said in"),
    ("speaker_code", "who said it: actor code"),
    ("speaker_name", "who said it: canonical name, else the words in the text"),
    ("location", "where, as the text names it"),
    ("sentence", "the evidence sentence"),
    ("sentence_start", "evidence sentence span start"),
    ("sentence_end", "evidence sentence span end"),
    ("trigger", "the words that triggered the code"),
    ("trigger_start", "trigger span start"),
    ("trigger_end", "trigger span end"),
    ("rule", "the dictionary entry or rule that fired"),
    ("dictionary_version", "the dictionaries' version"),
    ("url", "article URL"),
    ("title", "article title"),
    ("published", "article publication day"),
    ("added", "when the store received the article (UTC)"),
    ("cluster", "the event cluster (one real-world event) this report belongs to, `c-` and 16 hex digits"),
    ("cluster_reports", "stored reports (events) in the cluster"),
    ("cluster_articles", "distinct articles carrying them"),
    ("cluster_outlets", "distinct outlets carrying them"),
];

fn precision_name(precision: faultline_model::Precision) -> &'static str {
    match precision {
        faultline_model::Precision::Day => "day",
        faultline_model::Precision::Week => "week",
        faultline_model::Precision::Month => "month",
        faultline_model::Precision::Year => "year",
    }
}

fn code(actor: Option<&ActorRef>) -> String {
    actor.map(|a| a.code.to_string()).unwrap_or_default()
}

fn country(actor: Option<&ActorRef>) -> String {
    actor.and_then(|a| a.code.country()).map(str::to_string).unwrap_or_default()
}

fn csv_values(record: &EventRecord, counts: Option<&ClusterCount>) -> Vec<String> {
    let event = &record.event;
    let m = &event.modality;
    let source = Some(&event.source);
    let target = event.target.as_ref();
    let speaker = event.speaker.as_ref();
    let evidence = &event.evidence;
    let trigger = evidence
        .trigger
        .start
        .checked_sub(evidence.sentence.start)
        .and_then(|start| {
            let start = start as usize;
            evidence.sentence_text.get(start..start + evidence.trigger.len())
        })
        .unwrap_or_default();
    vec![
        record.key.to_string(),
        event.id.clone(),
        event.article_id.clone(),
        event.date.date.to_string(),
        precision_name(event.date.precision).to_string(),
        code(source),
        event.source.name.clone().unwrap_or_default(),
        event.source.text.clone(),
        country(source),
        code(target),
        target.and_then(|t| t.name.clone()).unwrap_or_default(),
        target.map(|t| t.text.clone()).unwrap_or_default(),
        country(target),
        event.cameo.to_string(),
        event.cameo.root_code().to_string(),
        event.plover.map(|p| p.as_str().to_string()).unwrap_or_default(),
        event.plover_mode.clone(),
        event.plover_context.join(";"),
        event.goldstein.to_string(),
        u8::from(event.quad_class).to_string(),
        match m.attribution {
            faultline_model::Attribution::Asserted => "asserted".to_string(),
            faultline_model::Attribution::Reported => "reported".to_string(),
        },
        m.is_factual().to_string(),
        m.condition.is_some().to_string(),
        m.condition.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
        m.future.to_string(),
        m.hypothetical.to_string(),
        m.negated.to_string(),
        m.habitual.to_string(),
        event.quote.as_ref().map(|q| q.text.clone()).unwrap_or_default(),
        code(speaker),
        speaker.map(|s| s.name.clone().unwrap_or_else(|| s.text.clone())).unwrap_or_default(),
        event.location.clone().unwrap_or_default(),
        evidence.sentence_text.clone(),
        evidence.sentence.start.to_string(),
        evidence.sentence.end.to_string(),
        trigger.to_string(),
        evidence.trigger.start.to_string(),
        evidence.trigger.end.to_string(),
        evidence.rule.clone(),
        evidence.dictionary_version.clone(),
        record.article.url.clone().unwrap_or_default(),
        record.article.title.clone().unwrap_or_default(),
        record.article.published.map(|d| d.to_string()).unwrap_or_default(),
        record.article.added.clone(),
        record.cluster.map(|c| c.to_string()).unwrap_or_default(),
        counts.map(|c| c.reports.to_string()).unwrap_or_default(),
        counts.map(|c| c.articles.to_string()).unwrap_or_default(),
        counts.map(|c| c.outlets.to_string()).unwrap_or_default(),
    ]
}

/// Writes one RFC 4180 row: a field with a comma, a quote or a line break is quoted and
/// its quotes doubled; a field a spreadsheet would take for a formula gets a `'` first.
fn write_csv_row<S: AsRef<str>>(out: &mut impl Write, fields: impl IntoIterator<Item = S>) -> io::Result<()> {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let field = field.as_ref();
        let guard: &[u8] = if looks_like_formula(field) { b"'" } else { b"" };
        if field.contains([',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(guard)?;
            out.write_all(field.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(guard)?;
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

/// True when a spreadsheet opening the CSV could run `field` as a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list), unless it is a plain
/// number such as a negative Goldstein score (`-7.5`), which a spreadsheet reads as a
/// number and which must stay one.
fn looks_like_formula(field: &str) -> bool {
    let Some(&first) = field.as_bytes().first() else { return false };
    if !matches!(first, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') {
        return false;
    }
    let rest = &field.as_bytes()[1..];
    let plain_number = matches!(first, b'-' | b'+')
        && rest.first().is_some_and(u8::is_ascii_digit)
        && rest.iter().all(|&b| b.is_ascii_digit() || b == b'.')
        && rest.iter().filter(|&&b| b == b'.').count() <= 1;
    !plain_number
}

// ---------------------------------------------------------------------------------------
// GDELT 2.0 event TSV

/// The 61 columns of the GDELT 2.0 event table, in order, and what faultline writes in
/// each (empty when faultline has no such data).
pub const GDELT_COLUMNS: [(&str, &str); 61] = [
    ("GlobalEventID", "the store's event key"),
    ("Day", "event date, YYYYMMDD (first day of the week/month/year when less precise)"),
    ("MonthYear", "YYYYMM of the event date"),
    ("Year", "YYYY of the event date"),
    ("FractionDate", "YYYY + (MONTH * 30 + DAY) / 365, four decimals, as GDELT computes it"),
    ("Actor1Code", "source actor code"),
    ("Actor1Name", "source canonical name, else its words in the text; upper case"),
    ("Actor1CountryCode", "source country, when the code starts with one"),
    ("Actor1KnownGroupCode", "last group of an IGO/NGO/NGM/MNC/IMG code (UNO of IGOUNO)"),
    ("Actor1EthnicCode", "empty"),
    ("Actor1Religion1Code", "empty"),
    ("Actor1Religion2Code", "empty"),
    ("Actor1Type1Code", "first role of the code (GOV of RUSGOV; IGO of IGOUNO)"),
    ("Actor1Type2Code", "second role"),
    ("Actor1Type3Code", "third role"),
    ("Actor2Code", "target actor code (empty without a target)"),
    ("Actor2Name", "as Actor1Name, for the target"),
    ("Actor2CountryCode", "as Actor1CountryCode, for the target"),
    ("Actor2KnownGroupCode", "as Actor1KnownGroupCode, for the target"),
    ("Actor2EthnicCode", "empty"),
    ("Actor2Religion1Code", "empty"),
    ("Actor2Religion2Code", "empty"),
    ("Actor2Type1Code", "as Actor1Type1Code, for the target"),
    ("Actor2Type2Code", "as Actor1Type2Code, for the target"),
    ("Actor2Type3Code", "as Actor1Type3Code, for the target"),
    ("IsRootEvent", "1 when the evidence sentence is in the title or first paragraph, else 0"),
    ("EventCode", "CAMEO code; a two-digit root code is written GDELT-style with a 0 (04 -> 040)"),
    ("EventBaseCode", "first three digits of EventCode"),
    ("EventRootCode", "CAMEO root, two digits"),
    ("QuadClass", "QuadClass 1 to 4"),
    ("GoldsteinScale", "Goldstein score, one decimal"),
    ("NumMentions", "1 per report; with `--per-cluster`, the cluster's reports (stored events)"),
    (
        "NumSources",
        "1 per report; with `--per-cluster`, the distinct outlets carrying the cluster (at least 1)",
    ),
    ("NumArticles", "1 per report; with `--per-cluster`, the distinct articles carrying the cluster"),
    ("AvgTone", "empty (faultline does not score tone)"),
    ("Actor1Geo_Type", "empty"),
    ("Actor1Geo_FullName", "empty"),
    ("Actor1Geo_CountryCode", "empty"),
    ("Actor1Geo_ADM1Code", "empty"),
    ("Actor1Geo_ADM2Code", "empty"),
    ("Actor1Geo_Lat", "empty"),
    ("Actor1Geo_Long", "empty"),
    ("Actor1Geo_FeatureID", "empty"),
    ("Actor2Geo_Type", "empty"),
    ("Actor2Geo_FullName", "empty"),
    ("Actor2Geo_CountryCode", "empty"),
    ("Actor2Geo_ADM1Code", "empty"),
    ("Actor2Geo_ADM2Code", "empty"),
    ("Actor2Geo_Lat", "empty"),
    ("Actor2Geo_Long", "empty"),
    ("Actor2Geo_FeatureID", "empty"),
    ("ActionGeo_Type", "empty"),
    ("ActionGeo_FullName", "the event's location as the text names it, if any"),
    ("ActionGeo_CountryCode", "empty"),
    ("ActionGeo_ADM1Code", "empty"),
    ("ActionGeo_ADM2Code", "empty"),
    ("ActionGeo_Lat", "empty"),
    ("ActionGeo_Long", "empty"),
    ("ActionGeo_FeatureID", "empty"),
    ("DATEADDED", "when the store received the article, YYYYMMDDHHMMSS UTC"),
    ("SOURCEURL", "article URL, else the article id"),
];

/// [`GDELT_COLUMNS`] as a markdown table, for the README.
#[must_use]
pub fn gdelt_columns_markdown() -> String {
    let mut md = String::from("| # | GDELT 2.0 column | faultline writes |\n|---|---|---|\n");
    for (i, (name, what)) in GDELT_COLUMNS.iter().enumerate() {
        md.push_str(&format!("| {} | {name} | {what} |\n", i + 1));
    }
    md
}

/// [`CSV_COLUMNS`] as a markdown table, for the README.
#[must_use]
pub fn csv_columns_markdown() -> String {
    let mut md = String::from("| column | holds |\n|---|---|\n");
    for (name, what) in CSV_COLUMNS {
        md.push_str(&format!("| {name} | {what} |\n"));
    }
    md
}

/// Roots whose last group names a known organisation (GDELT `KnownGroupCode`).
const GROUP_ROOTS: &[&str] = &["IGO", "NGO", "NGM", "MNC", "IMG"];

/// The ten GDELT actor columns of one actor (empty when `None`).
fn gdelt_actor(actor: Option<&ActorRef>) -> [String; 10] {
    let Some(actor) = actor else { return Default::default() };
    let code: &ActorCode = &actor.code;
    let name = actor.name.as_deref().unwrap_or(&actor.text).to_uppercase();
    let roles: Vec<&str> = code.roles().collect();
    let (known_group, types): (Option<&str>, Vec<&str>) = match code.country() {
        Some(_) => (None, roles.clone()),
        None if GROUP_ROOTS.contains(&code.root()) => (roles.last().copied(), vec![code.root()]),
        None => (None, std::iter::once(code.root()).chain(roles.iter().copied()).collect()),
    };
    let ty = |i: usize| types.get(i).map(|t| (*t).to_string()).unwrap_or_default();
    [
        code.to_string(),
        name,
        code.country().unwrap_or_default().to_string(),
        known_group.unwrap_or_default().to_string(),
        String::new(),
        String::new(),
        String::new(),
        ty(0),
        ty(1),
        ty(2),
    ]
}

fn gdelt_values(record: &EventRecord, counts: Option<&ClusterCount>) -> Vec<String> {
    let event = &record.event;
    let date = event.date.date;
    let (year, month, day) = (i32::from(date.year()), i32::from(date.month()), i32::from(date.day()));
    let fraction = f64::from(year) + f64::from(month * 30 + day) / 365.0;
    let mut event_code = event.cameo.as_str().to_string();
    if event_code.len() == 2 {
        event_code.push('0');
    }
    let mut values = Vec::with_capacity(GDELT_COLUMNS.len());
    values.push(record.key.to_string());
    values.push(format!("{year:04}{month:02}{day:02}"));
    values.push(format!("{year:04}{month:02}"));
    values.push(format!("{year:04}"));
    values.push(format!("{fraction:.4}"));
    values.extend(gdelt_actor(Some(&event.source)));
    values.extend(gdelt_actor(event.target.as_ref()));
    values.push(if record.lead { "1" } else { "0" }.to_string());
    values.push(event_code.clone());
    values.push(event_code.get(..3).unwrap_or(&event_code).to_string());
    values.push(event.cameo.root_code().to_string());
    values.push(u8::from(event.quad_class).to_string());
    values.push(format!("{:.1}", event.goldstein));
    match counts {
        // An unnamed outlet is still a source.
        Some(c) => {
            values.extend([c.reports.to_string(), c.outlets.max(1).to_string(), c.articles.to_string()])
        }
        None => values.extend(["1", "1", "1"].map(str::to_string)),
    }
    values.push(String::new()); // AvgTone
    // Actor1Geo, Actor2Geo: 8 empty columns each.
    values.extend(std::iter::repeat_n(String::new(), 16));
    // ActionGeo: type, full name, then 6 empty columns.
    values.push(String::new());
    values.push(event.location.clone().unwrap_or_default());
    values.extend(std::iter::repeat_n(String::new(), 6));
    values.push(record.article.added.chars().filter(char::is_ascii_digit).collect());
    values.push(record.article.url.clone().unwrap_or_else(|| record.article.id.clone()));
    values
}

/// Writes one tab-separated row; tabs and line breaks inside values become spaces.
fn write_tsv_row(out: &mut impl Write, fields: Vec<String>) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\t")?;
        }
        if field.contains(['\t', '\n', '\r']) {
            out.write_all(field.replace(['\t', '\n', '\r'], " ").as_bytes())?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_escapes() {
        let mut out = Vec::new();
        write_csv_row(&mut out, ["plain", "a,b", "say \"hi\"", "two\nlines", ""]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
    }

    #[test]
    fn csv_defuses_formulas_but_keeps_numbers() {
        let mut out = Vec::new();
        let fields = [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tlead",
            "-7.5",
            "-10",
            "+3",
            "4.0",
            "-",
            "-1.2.3",
            "a=b",
        ];
        write_csv_row(&mut out, fields).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd|' /C calc'!A0,'-2+3,'@SUM(A1),'\tlead,\
             -7.5,-10,+3,4.0,'-,'-1.2.3,a=b\n"
        );
    }

    #[test]
    fn tsv_flattens() {
        let mut out = Vec::new();
        write_tsv_row(&mut out, vec!["a\tb".into(), "c\r\nd".into(), "\"e\"".into()]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a b\tc  d\t\"e\"\n");
    }

    #[test]
    fn table_cells_fit() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("a\nb", 3), "a b");
    }

    #[test]
    fn formats_parse() {
        for format in ExportFormat::ALL {
            assert_eq!(format.as_str().parse::<ExportFormat>(), Ok(format));
        }
        assert!("xml".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn markdown_lists_every_column() {
        assert_eq!(gdelt_columns_markdown().lines().count(), 61 + 2);
        assert_eq!(csv_columns_markdown().lines().count(), CSV_COLUMNS.len() + 2);
    }
}
