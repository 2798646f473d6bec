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
use crate::record::{Bucket, DyadBucket, DyadCounts, DyadSummary, EventPage, EventRecord};
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

/// How the text condition of a plan is written.
#[derive(Clone, Copy)]
enum TextIds<'a> {
    /// `IN (SELECT rowid FROM ..._fts WHERE ... MATCH ?)`.
    Match,
    /// The matching ids, known already, as a JSON array: `IN (SELECT value FROM json_each(?))`.
    Known(&'a str),
}

/// The plan of a filter, or `None` when it can match nothing.
fn plan(filter: &EventFilter) -> Option<Plan> {
    plan_with(filter, TextIds::Match)
}

fn plan_with(filter: &EventFilter, text_ids: TextIds<'_>) -> Option<Plan> {
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
        let key = match query.scope {
            TextScope::Article => "e.article_pk",
            TextScope::Sentence => "e.pk",
        };
        match text_ids {
            TextIds::Match => {
                let table = fts_table(query.scope);
                common.push(
                    format!("{key} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"),
                    [Value::Text(fts)],
                );
            }
            TextIds::Known(json) => {
                common.push(format!("{key} IN (SELECT value FROM json_each(?))"), [text(json)]);
            }
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

/// What a page query selects.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Select {
    /// Every column of [`EVENT_COLUMNS`], joined with the article.
    Full,
    /// `e.pk, e.article_pk, e.date`: candidates for the article-text probe.
    Keys,
    /// `e.pk, e.pk, e.date`: candidates for the sentence-text probe; read from the
    /// indexes alone (every index ends in date and pk).
    KeysOnly,
}

fn decode_cursor(page: &Page) -> Result<Option<Cursor>> {
    match &page.after {
        Some(after) => Cursor::decode(after).map(Some).ok_or_else(|| Error::Cursor(after.clone())),
        None => Ok(None),
    }
}

fn direction(order: Order) -> (&'static str, &'static str) {
    match order {
        Order::Asc => ("ASC", ">"),
        Order::Desc => ("DESC", "<"),
    }
}

/// The SQL of one page of `plan`: each branch reads at most `fetch` keys in index order,
/// the outer query merges them and reads the rows.
fn page_sql(
    plan: &Plan,
    cursor: Option<Cursor>,
    order: Order,
    fetch: usize,
    select: Select,
) -> (String, Vec<Value>) {
    let (dir, cmp) = direction(order);
    let fetch = i64::try_from(fetch).unwrap_or(i64::MAX);
    let mut params = Vec::new();
    let mut parts = Vec::new();
    let inner_columns = match select {
        Select::Full => "e.pk",
        Select::Keys => "e.pk, e.article_pk, e.date",
        Select::KeysOnly => "e.pk, e.pk, e.date",
    };
    for mut branch in plan.branches() {
        if let Some(cursor) = cursor {
            branch.push(
                format!("(e.date, e.pk) {cmp} (?, ?)"),
                [text(&cursor.date.to_string()), Value::Integer(cursor.key)],
            );
        }
        parts.push(format!(
            "SELECT * FROM (SELECT {inner_columns} FROM events e WHERE {} ORDER BY e.date {dir}, e.pk {dir} LIMIT ?)",
            branch.where_clause()
        ));
        params.extend(branch.params);
        params.push(Value::Integer(fetch));
    }
    let sql = match select {
        Select::Full => format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk
             WHERE e.pk IN ({}) ORDER BY e.date {dir}, e.pk {dir} LIMIT ?",
            parts.join(" UNION ALL ")
        ),
        // Keys come straight from the branches (from the indexes alone when possible);
        // UNION drops an event that two branches both found.
        Select::Keys | Select::KeysOnly if parts.len() == 1 => {
            // One branch: already in order and limited.
            return (parts.remove(0), params);
        }
        Select::Keys | Select::KeysOnly => {
            format!("{} ORDER BY 3 {dir}, 1 {dir} LIMIT ?", parts.join(" UNION "))
        }
    };
    params.push(Value::Integer(fetch));
    (sql, params)
}

/// The condition of `filter` over `events e` as one WHERE clause, without order or
/// paging (for scans in store order), or `None` when it can match nothing. Several
/// branches become `e.pk IN (... UNION ...)`.
pub(crate) fn filter_where(filter: &EventFilter) -> Option<(String, Vec<Value>)> {
    let plan = plan(filter)?;
    let mut branches = plan.branches();
    if branches.len() == 1 {
        let branch = branches.remove(0);
        return Some((branch.where_clause(), branch.params));
    }
    let mut params = Vec::new();
    let mut parts = Vec::new();
    for branch in branches {
        parts.push(format!("SELECT e.pk FROM events e WHERE {}", branch.where_clause()));
        params.extend(branch.params);
    }
    Some((format!("e.pk IN ({})", parts.join(" UNION ")), params))
}

/// The SQL and parameters of one page, the text (if any) as an `IN (full-text match)`
/// condition. For `explain` and the plain path of [`events`].
pub(crate) fn events_sql(filter: &EventFilter, page: &Page) -> Result<Option<(String, Vec<Value>)>> {
    let Some(plan) = plan(filter) else { return Ok(None) };
    let cursor = decode_cursor(page)?;
    Ok(Some(page_sql(&plan, cursor, page.order, page.effective_limit() + 1, Select::Full)))
}

/// A text query's matches are counted up to this many before choosing how to run it:
/// fewer, and the matches drive the query (read their events, sort); more, and the
/// events are read in order and probed against the matches.
const LOOKUP_MAX_ARTICLES: i64 = 1000;
const LOOKUP_MAX_EVENTS: i64 = 4000;

/// Candidate chunks of the probe: the first size, and the largest.
const PROBE_FIRST_CHUNK: usize = 256;
const PROBE_MAX_CHUNK: usize = 8192;

/// A chunk's keys are probed with one `rowid BETWEEN lo AND hi` full-text query per
/// cluster of keys at most this far apart. Keys follow ingestion order, which follows
/// time, so a chunk of events in date order makes a few clusters.
const PROBE_GAP: i64 = 2048;

/// More clusters than this in a chunk (keys scattered: a store not ingested in time
/// order), and every match is loaded once instead.
const PROBE_MAX_CLUSTERS: usize = 64;

fn fts_table(scope: TextScope) -> &'static str {
    match scope {
        TextScope::Article => "articles_fts",
        TextScope::Sentence => "events_fts",
    }
}

/// How a text condition runs; [`TextPlan::Auto`] except in tests that compare them.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextPlan {
    /// Count the matches (up to a cap) and choose.
    #[default]
    Auto,
    /// The matches drive the query.
    Lookup,
    /// The events are read in order and probed.
    Probe,
    /// Probed, always against all the matches loaded at once (the wide-range fallback).
    ProbeAll,
}

pub(crate) fn events(
    conn: &Connection,
    filter: &EventFilter,
    page: &Page,
    text_plan: TextPlan,
) -> Result<EventPage> {
    if let Some(query) = &filter.text {
        if let Some(fts) = fts_query(&query.query) {
            let table = fts_table(query.scope);
            let cap = match query.scope {
                TextScope::Article => LOOKUP_MAX_ARTICLES,
                TextScope::Sentence => LOOKUP_MAX_EVENTS,
            };
            let probe = match text_plan {
                TextPlan::Lookup => false,
                TextPlan::Probe | TextPlan::ProbeAll => true,
                TextPlan::Auto => {
                    // Up to `cap` matches: fewer, and they drive the query (passed as a
                    // list, so the full-text query runs once); more, and the probe runs.
                    let sql = format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 LIMIT ?2");
                    let ids = collect_ids(conn, &sql, rusqlite::params![fts, cap])?;
                    if ids.len() < usize::try_from(cap).unwrap_or(usize::MAX) {
                        let json = serde_json::to_string(&ids)?;
                        let Some(plan) = plan_with(filter, TextIds::Known(&json)) else {
                            return Ok(EventPage::default());
                        };
                        let cursor = decode_cursor(page)?;
                        let (sql, params) =
                            page_sql(&plan, cursor, page.order, page.effective_limit() + 1, Select::Full);
                        return read_page(conn, &sql, params, page);
                    }
                    true
                }
            };
            if probe {
                let rest = EventFilter { text: None, ..filter.clone() };
                let max_clusters = if text_plan == TextPlan::ProbeAll { 0 } else { PROBE_MAX_CLUSTERS };
                return probe_events(conn, &rest, query.scope, &fts, page, max_clusters);
            }
        }
    }
    let Some((sql, params)) = events_sql(filter, page)? else {
        return Ok(EventPage::default());
    };
    read_page(conn, &sql, params, page)
}

fn read_page(conn: &Connection, sql: &str, params: Vec<Value>, page: &Page) -> Result<EventPage> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut events = Vec::with_capacity(page.effective_limit() + 1);
    while let Some(row) = rows.next()? {
        events.push(event_from_row(row)?);
    }
    Ok(finish_page(events, page))
}

/// Cuts the extra row that says there is a next page, and makes its cursor.
fn finish_page(mut events: Vec<EventRecord>, page: &Page) -> EventPage {
    let limit = page.effective_limit();
    let next = if events.len() > limit {
        events.truncate(limit);
        events.last().map(|last| Cursor { date: last.event.date.date, key: last.key }.encode())
    } else {
        None
    };
    EventPage { events, next }
}

/// A common text: reads the events matching the other conditions in order, a chunk at
/// a time, and keeps those whose article (or sentence) matches. Chunks are probed with a
/// `rowid BETWEEN` full-text query over the keys they span, so the cost follows the rows
/// read, not the number of matches in the whole store.
fn probe_events(
    conn: &Connection,
    rest: &EventFilter,
    scope: TextScope,
    fts: &str,
    page: &Page,
    max_clusters: usize,
) -> Result<EventPage> {
    let Some(plan) = plan(rest) else { return Ok(EventPage::default()) };
    let want = page.effective_limit() + 1;
    let table = fts_table(scope);
    let range_sql = format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 AND rowid BETWEEN ?2 AND ?3");
    let all_sql = format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1");
    let mut cursor = decode_cursor(page)?;
    let mut chunk = PROBE_FIRST_CHUNK;
    let mut all_matches: Option<Vec<i64>> = None;
    let mut keep: Vec<i64> = Vec::with_capacity(want);
    loop {
        let select = match scope {
            TextScope::Article => Select::Keys,
            TextScope::Sentence => Select::KeysOnly,
        };
        let (sql, params) = page_sql(&plan, cursor, page.order, chunk, select);
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(params))?;
        let mut candidates: Vec<(i64, i64, String)> = Vec::with_capacity(chunk);
        while let Some(row) = rows.next()? {
            candidates.push((row.get(0)?, row.get(1)?, row.get(2)?));
        }
        drop(rows);
        let probe_key = |c: &(i64, i64, String)| match scope {
            TextScope::Article => c.1,
            TextScope::Sentence => c.0,
        };
        // The chunk's keys, in clusters no more than PROBE_GAP apart: one range query per
        // cluster returns the matches among them (and the few keys between).
        let mut keys: Vec<i64> = candidates.iter().map(probe_key).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut clusters: Vec<(i64, i64)> = Vec::new();
        for key in keys {
            match clusters.last_mut() {
                Some((_, hi)) if key - *hi <= PROBE_GAP => *hi = key,
                _ => clusters.push((key, key)),
            }
        }
        if clusters.is_empty() {
            break;
        }
        let mut in_clusters: Vec<i64> = Vec::new();
        let matches: &[i64] = match &mut all_matches {
            Some(all) => all,
            None if clusters.len() <= max_clusters => {
                for (lo, hi) in clusters {
                    in_clusters.extend(collect_ids(conn, &range_sql, rusqlite::params![fts, lo, hi])?);
                }
                &in_clusters
            }
            slot @ None => slot.insert(collect_ids(conn, &all_sql, rusqlite::params![fts])?),
        };
        for candidate in &candidates {
            if matches.binary_search(&probe_key(candidate)).is_ok() {
                keep.push(candidate.0);
                if keep.len() == want {
                    break;
                }
            }
        }
        if keep.len() == want || candidates.len() < chunk {
            break;
        }
        if let Some(last) = candidates.last() {
            let date = last.2.parse().map_err(|e: jiff::Error| Error::Corrupt {
                table: "events",
                column: "date",
                detail: format!("{:?}: {e}", last.2),
            })?;
            cursor = Some(Cursor { date, key: last.0 });
        }
        chunk = (chunk * 2).min(PROBE_MAX_CHUNK);
    }
    if keep.is_empty() {
        return Ok(EventPage::default());
    }
    let (dir, _) = direction(page.order);
    let marks = vec!["?"; keep.len()].join(",");
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk
         WHERE e.pk IN ({marks}) ORDER BY e.date {dir}, e.pk {dir}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(keep))?;
    let mut events = Vec::with_capacity(want);
    while let Some(row) = rows.next()? {
        events.push(event_from_row(row)?);
    }
    Ok(finish_page(events, page))
}

/// The ids a full-text query returns, ascending (FTS5 returns rowids in order).
fn collect_ids(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        ids.push(row.get(0)?);
    }
    // Already ascending; sorting sorted input is linear, and binary search relies on it.
    ids.sort_unstable();
    Ok(ids)
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
