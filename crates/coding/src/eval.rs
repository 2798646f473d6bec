//! Scoring against the PLOVER gold-standard records (`PLOVER_GSR_CAMEO.json`).
//!
//! The gold uses PLOVER 0.5b1 labels; they are mapped to PLOVER 2021 types: FIGHT ->
//! ASSAULT, DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE (mode
//! investigate). Actor codes are ISO 3166 alpha-3 with a few old CAMEO country codes
//! (JAP, ITL, VTN: mapped to ISO) and the roots IGO and NGO.
//!
//! Scoring, per sentence: the predicted PLOVER types are the distinct types of the
//! events coded from it (events of CAMEO roots 01 and 02 have none and do not count).
//! The gold type predicted is a true positive; every other predicted type is a false
//! positive; a gold type not predicted is a false negative. Source and target accuracy
//! are over true positives: the first predicted event of the gold type is right on its
//! source when its source country (first three letters, or the root for IGO/NGO) is among
//! the gold source codes, and right on its target, when the gold has one, likewise.

use faultline_model::{Event, Plover};
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::fmt::{self, Write as _};

/// One gold sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldRecord {
    pub id: String,
    /// The PLOVER 2021 type of the gold label.
    pub event: Plover,
    /// The gold label as written (`FIGHT`).
    pub label: String,
    pub mode: String,
    pub text: String,
    /// `YYYY-MM-DD`, when the record has one.
    pub date: Option<String>,
    /// Gold source actor roots (ISO alpha-3, IGO, NGO ...).
    pub sources: Vec<String>,
    /// Gold target actor roots; empty when the record has no target.
    pub targets: Vec<String>,
}

/// The PLOVER 2021 type of a PLOVER 0.5b1 label.
#[must_use]
pub fn map_label(label: &str) -> Option<Plover> {
    match label {
        "FIGHT" => Some(Plover::Assault),
        "DEMAND" => Some(Plover::Request),
        "DISAPPROVE" | "INVESTIGATE" => Some(Plover::Accuse),
        other => other.parse().ok(),
    }
}

/// The comparable root of an actor code: ISO alpha-3 for countries (old CAMEO country
/// codes mapped), the first group otherwise.
#[must_use]
pub fn actor_root(code: &str) -> String {
    let root: String = code.chars().take(3).collect::<String>().to_ascii_uppercase();
    match root.as_str() {
        "JAP" => "JPN".into(),
        "ITL" => "ITA".into(),
        "VTN" => "VNM".into(),
        "UKG" => "GBR".into(),
        "GMY" => "DEU".into(),
        "ROM" => "ROU".into(),
        "ZAR" => "COD".into(),
        "TMP" => "TLS".into(),
        _ => root,
    }
}

fn actors(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| item.get("code").and_then(Value::as_str))
            .filter(|code| !code.is_empty())
            .map(actor_root)
            .collect(),
        _ => Vec::new(),
    }
}

/// Reads the gold file (a JSON array), skipping the DOCUMENT record.
pub fn parse_gold(json: &str) -> Result<Vec<GoldRecord>, String> {
    let value: Value = serde_json::from_str(json).map_err(|err| format!("not JSON: {err}"))?;
    let Value::Array(items) = value else { return Err("expected a JSON array of records".into()) };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = item.get("event").and_then(Value::as_str).unwrap_or("");
        if label == "DOCUMENT" {
            continue;
        }
        let id = item.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        let event =
            map_label(label).ok_or_else(|| format!("record {i} ({id}): unknown event type {label:?}"))?;
        let text = item.get("text").and_then(Value::as_str).unwrap_or("").to_string();
        out.push(GoldRecord {
            id,
            event,
            label: label.to_string(),
            mode: item.get("mode").and_then(Value::as_str).unwrap_or("").to_string(),
            text,
            date: item.get("date").and_then(Value::as_str).map(String::from),
            sources: actors(item.get("source")),
            targets: actors(item.get("target")),
        });
    }
    Ok(out)
}

/// Counts for one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    #[must_use]
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The result of an evaluation.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub per_type: Vec<(Plover, Counts)>,
    pub overall: Counts,
    pub sentences: usize,
    pub source_right: usize,
    pub source_total: usize,
    pub target_right: usize,
    pub target_total: usize,
    /// gold type -> predicted type (None: nothing predicted) -> sentences.
    pub confusion: FxHashMap<Plover, FxHashMap<Option<Plover>, usize>>,
    /// Per sentence: gold id, gold type, predicted types.
    pub details: Vec<(String, Plover, Vec<Plover>)>,
}

impl Score {
    #[must_use]
    pub fn source_accuracy(&self) -> f64 {
        ratio(self.source_right, self.source_total)
    }
    #[must_use]
    pub fn target_accuracy(&self) -> f64 {
        ratio(self.target_right, self.target_total)
    }
}

/// Scores the events coded from each gold sentence (`predictions[i]` for `gold[i]`).
#[must_use]
pub fn score(gold: &[GoldRecord], predictions: &[Vec<Event>]) -> Score {
    let mut counts: FxHashMap<Plover, Counts> = FxHashMap::default();
    let mut out = Score { sentences: gold.len(), ..Score::default() };
    for (record, events) in gold.iter().zip(predictions) {
        let mut types: Vec<Plover> = Vec::new();
        for event in events {
            if let Some(p) = event.plover
                && !types.contains(&p)
            {
                types.push(p);
            }
        }
        counts.entry(record.event).or_default().gold += 1;
        let row = out.confusion.entry(record.event).or_default();
        if types.is_empty() {
            *row.entry(None).or_default() += 1;
        }
        for &p in &types {
            *row.entry(Some(p)).or_default() += 1;
            if p != record.event {
                counts.entry(p).or_default().fp += 1;
            }
        }
        if types.contains(&record.event) {
            counts.entry(record.event).or_default().tp += 1;
            if let Some(event) = events.iter().find(|e| e.plover == Some(record.event)) {
                out.source_total += 1;
                if record.sources.contains(&actor_root(event.source.code.as_str())) {
                    out.source_right += 1;
                }
                if !record.targets.is_empty() {
                    out.target_total += 1;
                    if event
                        .target
                        .as_ref()
                        .is_some_and(|t| record.targets.contains(&actor_root(t.code.as_str())))
                    {
                        out.target_right += 1;
                    }
                }
            }
        } else {
            counts.entry(record.event).or_default().fn_ += 1;
        }
        out.details.push((record.id.clone(), record.event, types));
    }
    for p in Plover::ALL {
        if let Some(c) = counts.get(&p) {
            out.per_type.push((p, *c));
            out.overall.gold += c.gold;
            out.overall.tp += c.tp;
            out.overall.fp += c.fp;
            out.overall.fn_ += c.fn_;
        }
    }
    out
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "PLOVER event types, {} sentences", self.sentences)?;
        writeln!(
            f,
            "{:<10} {:>5} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "gold", "tp", "fp", "fn", "P", "R", "F1"
        )?;
        for (p, c) in &self.per_type {
            writeln!(
                f,
                "{:<10} {:>5} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                p.as_str(),
                c.gold,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        let c = &self.overall;
        writeln!(
            f,
            "{:<10} {:>5} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
            "overall",
            c.gold,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        )?;
        writeln!(
            f,
            "source right on {}/{} events found ({:.3}); target right on {}/{} ({:.3})",
            self.source_right,
            self.source_total,
            self.source_accuracy(),
            self.target_right,
            self.target_total,
            self.target_accuracy()
        )?;
        writeln!(f)?;
        writeln!(f, "confusion (rows gold, columns predicted; a sentence may predict several types)")?;
        let cols: Vec<Option<Plover>> =
            Plover::ALL.iter().copied().map(Some).chain(std::iter::once(None)).collect();
        let mut header = format!("{:<10}", "");
        for col in &cols {
            let name = col.map_or("none", Plover::as_str);
            let _ = write!(header, " {:>4}", &name[..4.min(name.len())]);
        }
        writeln!(f, "{header}")?;
        for (p, _) in &self.per_type {
            let Some(row) = self.confusion.get(p) else { continue };
            let mut line = format!("{:<10}", p.as_str());
            for col in &cols {
                let n = row.get(col).copied().unwrap_or(0);
                if n == 0 {
                    line.push_str("    .");
                } else {
                    let _ = write!(line, " {n:>4}");
                }
            }
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_roots() {
        assert_eq!(map_label("FIGHT"), Some(Plover::Assault));
        assert_eq!(map_label("DISAPPROVE"), Some(Plover::Accuse));
        assert_eq!(map_label("AGREE"), Some(Plover::Agree));
        assert_eq!(map_label("DOCUMENT"), None);
        assert_eq!(actor_root("JAP"), "JPN");
        assert_eq!(actor_root("RUSGOV"), "RUS");
        assert_eq!(actor_root("IGOUNO"), "IGO");
    }

    #[test]
    fn gold_records_parse() {
        let json = r#"[{"id": "d", "event": "DOCUMENT"},
            {"id": "a", "event": "FIGHT", "text": "x", "source": [{"code": "ISR"}], "target": ""},
            {"id": "b", "event": "AGREE", "text": "y", "source": [{"code": "JAP"}], "target": [{"code": "USA"}]}]"#;
        let gold = parse_gold(json).unwrap();
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[0].event, Plover::Assault);
        assert!(gold[0].targets.is_empty());
        assert_eq!(gold[1].sources, ["JPN"]);
    }
}
