//! [`EventFilter`] to SQL: conditions with bound parameters, never input in the text.
//!
//! A filter becomes a set of *branches*, each a conjunction of conditions that one index
//! can serve in event order. Most filters are one branch. Conditions on "either side"
//! (an actor as source or target, an undirected dyad) are a disjunction, and a single
//! index cannot serve `source = X OR target = X` in date order; so each alternative is
//! its own branch, each branch reads at most one page in index order, and the outer
//! query merges them: `O(limit)` rows read per branch instead of every match sorted.

use super::read::{EVENT_COLUMNS, event_from_row};
use crate::filter::{Cursor, ModalityFlag, Order, TextScope, actor_prefix, fts_query, prefix_upper_bound};
use crate::record::{Bucket, DyadBucket, DyadCounts, DyadSummary, EventPage};
use crate::{Error, EventFilter, Page, Result};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use std::collections::BTreeMap;

/// A conjunction of SQL conditions over `events e`, with their parameters in order.
#[derive(Clone, Debug, Default)]
struct Conj {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conj {
    fn push(&mut self, sql: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.sql.push(sql.into());
        self.params.extend(params);
    }

    fn extend(&mut self, other: &Conj) {
        self.sql.extend(other.sql.iter().cloned());
        self.params.extend(other.params.iter().cloned());
    }

    fn where_clause(&self) -> String {
        if self.sql.is_empty() { "1".to_string() } else { self.sql.join(" AND ") }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// Adds the conditions for "the `side` actor code starts with `code`". Returns false when
/// nothing can match.
fn side_prefix(conj: &mut Conj, side: Side, code: &str) -> bool {
    let prefix = match actor_prefix(code) {
        Ok(None) => return true,
        Ok(Some(prefix)) => prefix,
        Err(()) => return false,
    };
    let (root, column) = side.columns();
    if prefix.len() >= 3 {
        conj.push(format!("{root} = ?"), [text(&prefix[..3])]);
        if prefix.len() > 3 {
            conj.push(
                format!("{column} >= ? AND {column} < ?"),
                [text(&prefix), text(&prefix_upper_bound(&prefix))],
            );
        }
    } else {
        conj.push(format!("{root} >= ? AND {root} < ?"), [text(&prefix), text(&prefix_upper_bound(&prefix))]);
    }
    true
}

#[derive(Clone, Copy)]
enum Side {
    Source,
    Target,
}

impl Side {
    /// Column names: fixed strings, never input.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Side::Source => ("e.source_root", "e.source_code"),
            Side::Target => ("e.target_root", "e.target_code"),
        }
    }
}

fn dyad_conj(a: &str, b: &str) -> Option<Conj> {
    let mut conj = Conj::default();
    (side_prefix(&mut conj, Side::Source, a) && side_prefix(&mut conj, Side::Target, b)).then_some(conj)
}

fn modality_sql(flag: ModalityFlag) -> &'static str {
    match flag {
        ModalityFlag::Factual => "e.factual = 1",
        ModalityFlag::Asserted => "e.attribution = 'asserted'",
        ModalityFlag::Reported => "e.attribution = 'reported'",
        ModalityFlag::Conditional => "e.condition_text IS NOT NULL",
        ModalityFlag::Future => "e.future = 1",
        ModalityFlag::Hypothetical => "e.hypothetical = 1",
        ModalityFlag::Negated => "e.negated = 1",
        ModalityFlag::Habitual => "e.habitual = 1",
    }
}

/// A filter as SQL: conditions common to every branch, and groups of alternatives.
#[derive(Debug, Default)]
struct Plan {
    common: Conj,
    /// Each group is a disjunction; a branch takes one alternative of every group.
    groups: Vec<Vec<Conj>>,
}

/// The plan of a filter, or `None` when it can match nothing.
fn plan(filter: &EventFilter) -> Option<Plan> {
    let mut plan = Plan::default();
    let common = &mut plan.common;
    if let Some(actor) = &filter.actor {
        match actor_prefix(actor) {
            Ok(None) => {}
            Err(()) => return None,
            Ok(Some(_)) => {
                let mut as_source = Conj::default();
                let mut as_target = Conj::default();
                side_prefix(&mut as_source, Side::Source, actor);
                side_prefix(&mut as_target, Side::Target, actor);
                plan.groups.push(vec![as_source, as_target]);
            }
        }
    }
    if let Some(source) = &filter.source {
        if !side_prefix(common, Side::Source, source) {
            return None;
        }
    }
    if let Some(target) = &filter.target {
        if !side_prefix(common, Side::Target, target) {
            return None;
        }
    }
    if let Some(dyad) = &filter.dyad {
        let forward = dyad_conj(&dyad.a, &dyad.b)?;
        if dyad.directed {
            common.extend(&forward);
        } else {
            let backward = dyad_conj(&dyad.b, &dyad.a)?;
            plan.groups.push(vec![forward, backward]);
        }
    }
    if let Some(cameo) = &filter.cameo {
        let cameo = cameo.trim();
        if !cameo.is_empty() {
            if !cameo.bytes().all(|b| b.is_ascii_digit()) || cameo.len() > 4 {
                return None;
            }
            if cameo.len() >= 2 {
                let root: i64 = cameo[..2].parse().ok()?;
                common.push("e.cameo_root = ?", [Value::Integer(root)]);
            }
            if cameo.len() != 2 {
                common.push("e.cameo >= ? AND e.cameo < ?", [text(cameo), text(&prefix_upper_bound(cameo))]);
            }
        }
    }
    if let Some(root) = filter.cameo_root {
        common.push("e.cameo_root = ?", [Value::Integer(i64::from(root))]);
    }
    if let Some(plover) = filter.plover {
        common.push("e.plover = ?", [text(plover.as_str())]);
    }
    if let Some(quad_class) = filter.quad_class {
        common.push("e.quad_class = ?", [Value::Integer(i64::from(u8::from(quad_class)))]);
    }
    for flag in &filter.modality {
        common.push(modality_sql(*flag), []);
    }
    for flag in &filter.not_modality {
        common.push(format!("NOT ({})", modality_sql(*flag)), []);
    }
    if let Some(from) = filter.from {
        common.push("e.date >= ?", [text(&from.to_string())]);
    }
    if let Some(to) = filter.to {
        common.push("e.date <= ?", [text(&to.to_string())]);
    }
    if let Some(query) = &filter.text {
        let fts = fts_query(&query.query)?;
        match query.scope {
            TextScope::Article => common.push(
                "e.article_pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                [Value::Text(fts)],
            ),
            TextScope::Sentence => common
                .push("e.pk IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [Value::Text(fts)]),
        }
    }
    if let Some(article) = &filter.article {
        common.push("e.article_pk = (SELECT pk FROM articles WHERE id = ?)", [text(article)]);
    }
    Some(plan)
}

impl Plan {
    /// Every branch: the common conditions plus one alternative of each group.
    fn branches(&self) -> Vec<Conj> {
        let mut branches = vec![self.common.clone()];
        for group in &self.groups {
            let mut next = Vec::with_capacity(branches.len() * group.len());
            for branch in &branches {
                for alternative in group {
                    let mut b = branch.clone();
                    b.extend(alternative);
                    next.push(b);
                }
            }
            branches = next;
        }
        branches
    }
}

/// The SQL and parameters of one page.
pub(crate) fn events_sql(filter: &EventFilter, page: &Page) -> Result<Option<(String, Vec<Value>)>> {
    let Some(plan) = plan(filter) else { return Ok(None) };
    let cursor = match &page.after {
        Some(after) => Some(Cursor::decode(after).ok_or_else(|| Error::Cursor(after.clone()))?),
        None => None,
    };
    let (dir, cmp) = match page.order {
        Order::Asc => ("ASC", ">"),
        Order::Desc => ("DESC", "<"),
    };
    let fetch = i64::try_from(page.effective_limit() + 1).unwrap_or(i64::MAX);
    let mut params = Vec::new();
    let mut parts = Vec::new();
    for mut branch in plan.branches() {
        if let Some(cursor) = cursor {
            branch.push(
                format!("(e.date, e.pk) {cmp} (?, ?)"),
                [text(&cursor.date.to_string()), Value::Integer(cursor.key)],
            );
        }
        parts.push(format!(
            "SELECT pk FROM (SELECT e.pk FROM events e WHERE {} ORDER BY e.date {dir}, e.pk {dir} LIMIT ?)",
            branch.where_clause()
        ));
        params.extend(branch.params);
        params.push(Value::Integer(fetch));
    }
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk
         WHERE e.pk IN ({}) ORDER BY e.date {dir}, e.pk {dir} LIMIT ?",
        parts.join(" UNION ALL ")
    );
    params.push(Value::Integer(fetch));
    Ok(Some((sql, params)))
}

pub(crate) fn events(conn: &Connection, filter: &EventFilter, page: &Page) -> Result<EventPage> {
    let Some((sql, params)) = events_sql(filter, page)? else {
        return Ok(EventPage::default());
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let limit = page.effective_limit();
    let mut events = Vec::with_capacity(limit + 1);
    while let Some(row) = rows.next()? {
        events.push(event_from_row(row)?);
    }
    let next = if events.len() > limit {
        events.truncate(limit);
        events.last().map(|last| Cursor { date: last.event.date.date, key: last.key }.encode())
    } else {
        None
    };
    Ok(EventPage { events, next })
}

fn bucket_sql(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Day => "e.date",
        Bucket::Week => "date(e.date, '-6 days', 'weekday 1')",
        Bucket::Month => "substr(e.date, 1, 7) || '-01'",
        Bucket::Year => "substr(e.date, 1, 4) || '-01-01'",
    }
}

pub(crate) fn dyad(conn: &Connection, a: &str, b: &str, bucket: Bucket) -> Result<DyadSummary> {
    let mut summary = DyadSummary {
        a: a.to_string(),
        b: b.to_string(),
        bucket,
        a_to_b: DyadCounts::default(),
        b_to_a: DyadCounts::default(),
        buckets: Vec::new(),
    };
    let (Some(forward), Some(backward)) = (dyad_conj(a, b), dyad_conj(b, a)) else {
        return Ok(summary);
    };
    let forward_sql = forward.where_clause();
    let sql = format!(
        "SELECT ({forward_sql}) AS forward, {bucket} AS bucket, e.quad_class, count(*), sum(e.goldstein),
                sum(e.factual), min(e.date), max(e.date)
         FROM events e WHERE ({forward_sql}) OR ({backward_sql})
         GROUP BY forward, bucket, e.quad_class",
        bucket = bucket_sql(bucket),
        backward_sql = backward.where_clause(),
    );
    let params: Vec<Value> =
        forward.params.iter().chain(&forward.params).chain(&backward.params).cloned().collect();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut buckets: BTreeMap<String, (DyadCounts, DyadCounts)> = BTreeMap::new();
    while let Some(row) = rows.next()? {
        let is_forward: bool = row.get(0)?;
        let start: String = row.get(1)?;
        let quad: i64 = row.get(2)?;
        let n: i64 = row.get(3)?;
        let goldstein: f64 = row.get(4)?;
        let factual: i64 = row.get(5)?;
        let first: String = row.get(6)?;
        let last: String = row.get(7)?;
        let mut counts = DyadCounts {
            events: u64::try_from(n).unwrap_or(0),
            goldstein_sum: goldstein,
            factual: u64::try_from(factual).unwrap_or(0),
            first: first.parse().ok(),
            last: last.parse().ok(),
            ..DyadCounts::default()
        };
        if let Some(slot) = usize::try_from(quad - 1).ok().and_then(|i| counts.by_quad_class.get_mut(i)) {
            *slot = counts.events;
        }
        let entry = buckets.entry(start).or_default();
        let (total, in_bucket) = if is_forward {
            (&mut summary.a_to_b, &mut entry.0)
        } else {
            (&mut summary.b_to_a, &mut entry.1)
        };
        total.add(&counts);
        in_bucket.add(&counts);
    }
    for (start, (a_to_b, b_to_a)) in buckets {
        let start = start.parse().map_err(|e: jiff::Error| Error::Corrupt {
            table: "events",
            column: "date",
            detail: format!("{start:?}: {e}"),
        })?;
        summary.buckets.push(DyadBucket { start, a_to_b, b_to_a });
    }
    Ok(summary)
}
