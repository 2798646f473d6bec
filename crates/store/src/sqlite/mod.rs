//! The SQLite implementation of [`EventStore`].

mod checkpoint;
mod codec;
mod points;
mod query;

#[doc(hidden)]
pub use query::TextPlan;
mod read;
pub(crate) mod schema;
mod write;

use crate::record::{
    ActorSummary, ArticleRecord, BatchReport, Bucket, ClusterCount, ContentHash, DocKey, DyadSummary,
    EventPage, EventRecord, FingerprintRecord, NameCount, PointRecord, Seen, Stats, StoredArticle,
};
use crate::{Error, EventFilter, EventStore, Page, Result};
use faultline_analysis::ClusterId;
use faultline_model::{Skip, SkipReason};
use rusqlite::types::{FromSqlError, FromSqlResult, ValueRef};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

/// An [`EventStore`] in one SQLite file (or in memory).
///
/// One `SqliteStore` is one connection. Open one writer per database (the ingest) and,
/// for concurrent reading (the HTTP server), one [`SqliteStore::open_reader`] per thread:
/// in WAL mode readers see the last committed batch and never block the writer.
/// A `SqliteStore` is `Send` but not `Sync`; share it behind a `Mutex` or keep one per
/// thread.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    text_plan: query::TextPlan,
    /// Set by [`SqliteStore::checkpoint_in_background`].
    checkpointer: Option<checkpoint::Checkpointer>,
}

/// Statement cache size: the insert statements, the lookups, and the query shapes of
/// the filters a server sees most.
const STATEMENT_CACHE: usize = 128;

impl SqliteStore {
    /// Opens (creating if needed) a database file for reading and writing, and migrates it
    /// to the current schema. Refuses a database of a newer faultline.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        let path = path.as_ref();
        let conn = Connection::open(path).map_err(|source| Error::Open { path: path.into(), source })?;
        SqliteStore::writer(conn)
    }

    /// A new, empty database in memory (tests, one-off runs).
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::writer(Connection::open_in_memory()?)
    }

    /// Opens an existing database for reading only: a second connection beside the writer,
    /// for a server thread. The database must already be at the current schema version.
    pub fn open_reader(path: impl AsRef<Path>) -> Result<SqliteStore> {
        let path = path.as_ref();
        let flags =
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| Error::Open { path: path.into(), source })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let version = schema::check(&conn)?;
        if version < schema::SCHEMA_VERSION {
            return Err(Error::TooOld { found: version, known: schema::SCHEMA_VERSION });
        }
        conn.execute_batch(schema::READER_PRAGMAS)?;
        Ok(SqliteStore { conn, text_plan: query::TextPlan::Auto, checkpointer: None })
    }

    fn writer(mut conn: Connection) -> Result<SqliteStore> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Refuse foreign or newer files before touching them (journal mode is persistent).
        let version = schema::check(&conn)?;
        if version == 0 {
            // A new file: its page size is chosen before anything is written.
            conn.execute_batch(schema::NEW_FILE_PRAGMAS)?;
        }
        conn.execute_batch(schema::WRITER_PRAGMAS)?;
        schema::migrate(&mut conn)?;
        if version == 0 {
            conn.execute_batch(schema::NEW_FILE_FTS)?;
        }
        // Recommended for long-lived connections: cheap, and keeps planner statistics
        // fresh as the store grows.
        conn.execute_batch("PRAGMA optimize = 0x10002;")?;
        pin_fts_stats(&conn)?;
        Ok(SqliteStore { conn, text_plan: query::TextPlan::Auto, checkpointer: None })
    }

    /// Forces how text conditions run (tests compare the plans).
    #[doc(hidden)]
    pub fn set_text_plan(&mut self, plan: TextPlan) {
        self.text_plan = plan;
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        schema::user_version(&self.conn)
    }

    /// Caps how much of the database file this connection maps into memory
    /// (`PRAGMA mmap_size`; 1 GiB by default, which serves queries well). Mapped pages
    /// that have been read count in the process's resident set, so a long ingest whose
    /// memory should stay flat as the file grows sets 0: reads then go through the
    /// connection's page cache (64 MiB for the writer) and the OS's file cache.
    pub fn set_mmap_size(&self, bytes: u64) -> Result<()> {
        self.conn.pragma_update(None, "mmap_size", i64::try_from(bytes).unwrap_or(i64::MAX))?;
        Ok(())
    }

    /// Sets this connection's page cache (`PRAGMA cache_size`; the writer has 64 MiB, a
    /// reader 32 MiB). The cache is part of the process's memory and fills as the file
    /// grows; a connection that only looks keys up (the ingest's early lookups) needs
    /// little.
    pub fn set_cache_size(&self, bytes: u64) -> Result<()> {
        let kib = i64::try_from(bytes / 1024).unwrap_or(i64::MAX).max(1);
        self.conn.pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }

    /// Updates the query planner's statistics (`PRAGMA optimize`). Worth calling after a
    /// large ingest; also runs when the store is dropped.
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize;")?;
        pin_fts_stats(&self.conn)?;
        Ok(())
    }

    /// Runs `ANALYZE` over the whole database: slower than [`optimize`](Self::optimize),
    /// exact statistics. For benchmarks and after a bulk load.
    pub fn analyze(&self) -> Result<()> {
        self.conn.execute_batch("ANALYZE;")?;
        pin_fts_stats(&self.conn)?;
        Ok(())
    }

    /// Hands this writer's WAL checkpoints to a thread of their own until the store is
    /// dropped (the `checkpoint` module says how), so that a long ingest's commits never
    /// wait for a checkpoint. Does nothing for a database in memory or when already on.
    pub fn checkpoint_in_background(&mut self) -> Result<()> {
        if self.checkpointer.is_none() {
            self.checkpointer = checkpoint::Checkpointer::start(&mut self.conn)?;
        }
        Ok(())
    }

    /// Moves the WAL into the database file and truncates it.
    pub fn checkpoint(&self) -> Result<()> {
        let _background = self.checkpointer.as_ref().map(checkpoint::Checkpointer::hold);
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }

    /// The underlying connection, for ad-hoc SQL (read it; write through the store).
    #[must_use]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The query plan SQLite picks for a page of `filter` (`EXPLAIN QUERY PLAN`), one line
    /// per step. For tuning and for the benchmarks.
    pub fn explain(&self, filter: &EventFilter, page: &Page) -> Result<Vec<String>> {
        let Some((sql, params)) = query::events_sql(filter, page)? else {
            return Ok(vec!["(matches nothing; no query)".to_string()]);
        };
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut lines = Vec::new();
        while let Some(row) = rows.next()? {
            let detail: String = row.get(3)?;
            lines.push(detail);
        }
        Ok(lines)
    }

    fn count(&self, sql: &str) -> Result<u64> {
        let n: i64 = self.conn.prepare_cached(sql)?.query_row([], |row| row.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        // The checkpoint thread stops first (its own drop waits for it).
        self.checkpointer = None;
        // Best effort: statistics for the next connection. A read-only or busy database
        // simply skips it.
        let _ = self.conn.execute_batch("PRAGMA optimize;");
        let _ = pin_fts_stats(&self.conn);
    }
}

/// Gives the planner statistics of a large table for the full-text indexes' own tables
/// (`*_fts_data`, `*_fts_idx`), whatever `ANALYZE` found, and makes it reload them.
///
/// FTS5 removes a merged segment with `DELETE FROM x_fts_data WHERE id >= ? AND id <= ?`.
/// When `ANALYZE` (run by `PRAGMA optimize` on a new or small database) found that table
/// nearly empty, the planner judged a full scan cheaper than the rowid range and kept
/// that plan for the connection: every merge then read the whole index, and a bulk
/// ingest slowed down in proportion to the size of the database (at 100,000 articles,
/// 45 % of all CPU time went to re-reading the index). These tables are only ever read
/// by their keys, so claiming a million rows costs nothing and keeps every plan a search.
fn pin_fts_stats(conn: &Connection) -> Result<()> {
    let has_stats: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'", [], |row| {
            row.get(0)
        })?;
    if has_stats == 0 {
        // `sqlite_stat1` is made by ANALYZE only; a tiny table makes it.
        conn.execute_batch("ANALYZE totals;")?;
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND (name GLOB '*_fts_data' OR name GLOB '*_fts_idx')")?
        .query_map([], |row| row.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    for table in tables {
        conn.execute("DELETE FROM sqlite_stat1 WHERE tbl = ?1", [&table])?;
        if table.ends_with("_data") {
            conn.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?1, NULL, '1000000')", [&table])?;
        } else {
            // WITHOUT ROWID, keyed by (segid, term): its primary key is its index.
            conn.execute(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?1, ?1, '1000000 1000 1')",
                [&table],
            )?;
        }
    }
    // Reload the statistics, so that statements prepared from now on use them.
    conn.execute_batch("ANALYZE sqlite_schema;")?;
    Ok(())
}

/// Hands each value of `table.column` (the rows `filter` keeps) to `each`, borrowed from
/// its row. A value `each` cannot read is a corrupt store.
fn for_each_value(
    conn: &Connection,
    table: &'static str,
    column: &'static str,
    filter: &str,
    each: &mut dyn FnMut(ValueRef<'_>) -> FromSqlResult<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {column} FROM {table} {filter}"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(row.get_ref(0)?).map_err(|err| Error::Corrupt { table, column, detail: err.to_string() })?;
    }
    Ok(())
}

/// Names kept per actor in [`EventStore::actors`].
const NAMES_PER_ACTOR: usize = 10;

impl EventStore for SqliteStore {
    fn store_batch(&mut self, records: &[ArticleRecord]) -> Result<BatchReport> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let report = write::store_batch(&tx, records)?;
        tx.commit()?;
        Ok(report)
    }

    fn seen(&self, key: DocKey<'_>) -> Result<Option<Seen>> {
        let article_id: Option<String> = match key {
            DocKey::Id(id) => self
                .conn
                .prepare_cached("SELECT id FROM articles WHERE id = ?1")?
                .query_row([id], |r| r.get(0)),
            DocKey::Url(url) => self
                .conn
                .prepare_cached("SELECT id FROM articles WHERE url = ?1")?
                .query_row([url], |r| r.get(0)),
            DocKey::Hash(hash) => self
                .conn
                .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
                .query_row([hash.as_bytes().as_slice()], |r| r.get(0)),
        }
        .optional()?;
        if let Some(id) = article_id {
            return Ok(Some(Seen::Article { id }));
        }
        if let DocKey::Id(id) = key {
            let skip = self
                .conn
                .prepare_cached("SELECT id, reason FROM skips WHERE id = ?1")?
                .query_row([id], |r| Ok(Seen::Skip { id: r.get(0)?, reason: r.get(1)? }))
                .optional()?;
            return Ok(skip);
        }
        Ok(None)
    }

    fn holds(&self, keys: &[DocKey<'_>], skips: bool) -> Result<bool> {
        // One statement for all keys (an absent key is NULL, which matches nothing).
        let (mut id, mut url, mut hash) = (None, None, None);
        for &key in keys {
            match key {
                DocKey::Id(k) => id = Some(k),
                DocKey::Url(k) => url = Some(k),
                DocKey::Hash(k) => hash = Some(k.as_bytes().as_slice()),
            }
        }
        let skip_id = id.filter(|_| skips);
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)
                     OR EXISTS (SELECT 1 FROM articles WHERE url = ?2)
                     OR EXISTS (SELECT 1 FROM articles WHERE content_hash = ?3)
                     OR EXISTS (SELECT 1 FROM skips WHERE id = ?4)",
            )?
            .query_row(rusqlite::params![id, url, hash, skip_id], |r| r.get(0))?)
    }

    fn keys(&self, sink: &mut dyn FnMut(DocKey<'_>)) -> Result<bool> {
        // Each from its unique index, which covers the query: the rows themselves, with
        // their text, are not read.
        let conn = &self.conn;
        for_each_value(conn, "articles", "id", "", &mut |id| {
            sink(DocKey::Id(id.as_str()?));
            Ok(())
        })?;
        for_each_value(conn, "articles", "url", "WHERE url IS NOT NULL", &mut |url| {
            sink(DocKey::Url(url.as_str()?));
            Ok(())
        })?;
        for_each_value(conn, "skips", "id", "", &mut |id| {
            sink(DocKey::Id(id.as_str()?));
            Ok(())
        })?;
        for_each_value(conn, "articles", "content_hash", "", &mut |hash| {
            let hash = <[u8; 32]>::try_from(hash.as_blob()?).map_err(|_| FromSqlError::InvalidType)?;
            sink(DocKey::Hash(&ContentHash(hash)));
            Ok(())
        })?;
        Ok(true)
    }

    fn data_version(&self) -> Result<Option<u64>> {
        // Changes when another connection commits, not with this one's own commits.
        let version: i64 = self.conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?;
        Ok(Some(version as u64))
    }

    fn events(&self, filter: &EventFilter, page: &Page) -> Result<EventPage> {
        query::events(&self.conn, filter, page, self.text_plan)
    }

    fn event(&self, id: &str) -> Result<Option<EventRecord>> {
        // Event ids start with their article's id: look the article up, then the event
        // in the (article_pk, id) index.
        let Some(article_id) = write::event_article_id(id) else { return Ok(None) };
        let sql = format!(
            "SELECT {} FROM events e JOIN articles a ON a.pk = e.article_pk
             WHERE e.article_pk = (SELECT pk FROM articles WHERE id = ?1) AND e.id = ?2",
            read::EVENT_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([article_id, id])?;
        match rows.next()? {
            Some(row) => Ok(Some(read::event_from_row(row)?)),
            None => Ok(None),
        }
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        read::article(&self.conn, id)
    }

    fn skip(&self, id: &str) -> Result<Option<Skip>> {
        let detail: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT id, detail FROM skips WHERE id = ?1")?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let Some((id, detail)) = detail else { return Ok(None) };
        let reason: SkipReason = serde_json::from_str(&detail).map_err(|e| Error::Corrupt {
            table: "skips",
            column: "detail",
            detail: e.to_string(),
        })?;
        Ok(Some(Skip { id, reason }))
    }

    fn actors(&self) -> Result<Vec<ActorSummary>> {
        let mut names: HashMap<String, Vec<NameCount>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT code, name, n FROM actor_names ORDER BY code, n DESC, name")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let code: String = row.get(0)?;
                let n: i64 = row.get(2)?;
                let list = names.entry(code).or_default();
                if list.len() < NAMES_PER_ACTOR {
                    list.push(NameCount { name: row.get(1)?, n: u64::try_from(n).unwrap_or(0) });
                }
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, n_source, n_target, n_mentions, first_date, last_date FROM actors
             ORDER BY n_source + n_target + n_mentions DESC, code",
        )?;
        let mut rows = stmt.query([])?;
        let mut actors = Vec::new();
        while let Some(row) = rows.next()? {
            let code: String = row.get(0)?;
            let count = |i: usize| -> Result<u64> { Ok(u64::try_from(row.get::<_, i64>(i)?).unwrap_or(0)) };
            let date = |i: usize| -> Result<Option<jiff::civil::Date>> {
                let text: Option<String> = row.get(i)?;
                Ok(text.and_then(|t| t.parse().ok()))
            };
            actors.push(ActorSummary {
                names: names.remove(&code).unwrap_or_default(),
                n_source: count(1)?,
                n_target: count(2)?,
                n_mentions: count(3)?,
                first_date: date(4)?,
                last_date: date(5)?,
                code,
            });
        }
        Ok(actors)
    }

    fn dyad(&self, a: &str, b: &str, bucket: Bucket) -> Result<DyadSummary> {
        query::dyad(&self.conn, a, b, bucket)
    }

    fn stats(&self) -> Result<Stats> {
        let mut skips_by_reason = std::collections::BTreeMap::new();
        {
            let mut stmt = self.conn.prepare_cached("SELECT reason, count(*) FROM skips GROUP BY reason")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let n: i64 = row.get(1)?;
                skips_by_reason.insert(row.get::<_, String>(0)?, u64::try_from(n).unwrap_or(0));
            }
        }
        // One aggregate per query: only then does SQLite answer min() or max() from
        // the end of an index instead of a scan.
        let date = |sql: &str| -> Result<Option<jiff::civil::Date>> {
            let text: Option<String> = self.conn.prepare_cached(sql)?.query_row([], |row| row.get(0))?;
            Ok(text.and_then(|d| d.parse().ok()))
        };
        let first_event = date("SELECT min(date) FROM events")?;
        let last_event = date("SELECT max(date) FROM events")?;
        let total = |name: &str| -> Result<u64> {
            let n: i64 = self
                .conn
                .prepare_cached("SELECT n FROM totals WHERE name = ?1")?
                .query_row([name], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Stats {
            schema_version: self.schema_version()?,
            articles: total("articles")?,
            skips: skips_by_reason.values().sum(),
            skips_by_reason,
            events: total("events")?,
            mentions: total("mentions")?,
            quotes: total("quotes")?,
            actors: self.count("SELECT count(*) FROM actors")?,
            first_event,
            last_event,
        })
    }

    fn event_points(
        &self,
        filter: &EventFilter,
        sink: &mut dyn FnMut(PointRecord) -> Result<()>,
    ) -> Result<u64> {
        points::event_points(&self.conn, filter, sink)
    }

    fn recent_points(&self, articles: usize) -> Result<Vec<PointRecord>> {
        points::recent_points(&self.conn, articles)
    }

    fn recent_fingerprints(&self, limit: usize) -> Result<Vec<FingerprintRecord>> {
        points::recent_fingerprints(&self.conn, limit)
    }

    fn cluster_counts(&self, clusters: &[ClusterId]) -> Result<Vec<ClusterCount>> {
        points::cluster_counts(&self.conn, clusters)
    }

    fn pledge_events(&self, sink: &mut dyn FnMut(EventRecord) -> Result<()>) -> Result<u64> {
        read::pledge_events(&self.conn, sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_migration_leaves_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let good = "CREATE TABLE a (x);";
        let bad = "CREATE TABLE b (x); THIS IS NOT SQL;";
        let err = schema::migrate_with(&mut conn, &[good, bad]).unwrap_err();
        assert!(matches!(err, Error::Migration { version: 2, .. }), "{err}");
        assert_eq!(schema::user_version(&conn).unwrap(), 1);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'b'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(tables, 0, "the failed step's table was rolled back");
        // Fixed, the next open applies it.
        schema::migrate_with(&mut conn, &[good, "CREATE TABLE b (x);"]).unwrap();
        assert_eq!(schema::user_version(&conn).unwrap(), 2);
    }
}
