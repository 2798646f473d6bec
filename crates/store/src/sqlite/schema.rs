//! The schema: ordered migrations, the version in `PRAGMA user_version`, and the pragmas
//! every connection sets.
//!
//! Migration `i` (0-based) of [`MIGRATIONS`] takes the database from version `i` to
//! `i + 1`. Each runs in its own `BEGIN IMMEDIATE` transaction together with the
//! `user_version` bump, so a failed step leaves the database at the previous version and
//! two processes opening a fresh file at once cannot both apply it. A database with a
//! version above [`SCHEMA_VERSION`] is refused ([`Error::TooNew`]). Released migrations
//! are never edited: a change is a new step at the end.

use crate::{Error, Result};
use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of faultline databases ("FLTN").
pub(crate) const APPLICATION_ID: i32 = 0x464C_544E;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Schema version 1. Column notes:
/// - `pk`: integer keys; `events.pk` is the event key of listings and exports.
/// - spans are `*_start`/`*_end` byte offsets into `articles.text`.
/// - dates are ISO `YYYY-MM-DD` text, timestamps ISO UTC text.
/// - `*_root` is the first three characters of an actor code (`RUS` of `RUSGOV`),
///   `*_country` the same when it is a country (NULL for `IGO...`, `NGO...`).
const V1: &str = r#"
PRAGMA application_id = 1179407438;

CREATE TABLE articles (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT,
    content_hash BLOB NOT NULL UNIQUE,   -- BLAKE3 of text, 32 bytes
    format       TEXT NOT NULL,          -- html | text
    title        TEXT,
    published    TEXT,                   -- YYYY-MM-DD
    outlet       TEXT,
    site         TEXT,
    byline       TEXT,
    dateline     TEXT,
    agency       TEXT,
    standfirst   TEXT,
    language     TEXT,                   -- ISO 639-3
    text         TEXT NOT NULL,
    fields       TEXT NOT NULL,          -- JSON: blocks, paragraphs, every field with its span
    added        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_published ON articles(published);

-- Full-text index of title and text. Rows are added by the store at the end of each
-- batch with one INSERT ... SELECT, not by a per-row trigger: FTS5 flushes its pending
-- terms at every statement savepoint, and a trigger per row turned each batch into
-- thousands of tiny segments and merges (about half of the insert time). Deletes and
-- updates keep their triggers. `columnsize = 0`: no per-row token counts (they serve
-- bm25 ranking, and results are ordered by date, not relevance).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'pk', columnsize = 0,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE TABLE skips (
    pk     INTEGER PRIMARY KEY,
    id     TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL,                -- SkipReason::key(): paywall, too_short, ...
    detail TEXT NOT NULL,                -- the SkipReason as JSON
    added  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX skips_reason ON skips(reason);

CREATE TABLE mentions (
    pk               INTEGER PRIMARY KEY,
    article_pk       INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    text             TEXT NOT NULL,
    code             TEXT NOT NULL,
    kind             TEXT NOT NULL,      -- name | demonym | metonym | role | title | pronoun | description
    name             TEXT,
    antecedent_start INTEGER,
    antecedent_end   INTEGER,
    confidence       REAL NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_pk);

CREATE TABLE quotes (
    pk            INTEGER PRIMARY KEY,
    article_pk    INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    text          TEXT NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    kind          TEXT NOT NULL,         -- direct | partial | indirect
    speaker_code  TEXT,
    speaker_text  TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    speaker_name  TEXT,
    frame_start   INTEGER,
    frame_end     INTEGER
);
CREATE INDEX quotes_article ON quotes(article_pk);
CREATE INDEX quotes_speaker ON quotes(speaker_code) WHERE speaker_code IS NOT NULL;

CREATE TABLE events (
    pk                 INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL,    -- {article id}#{n}
    article_pk         INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    date               TEXT NOT NULL,    -- YYYY-MM-DD: the day, or first day of week/month/year
    date_precision     TEXT NOT NULL,    -- day | week | month | year
    date_start         INTEGER,          -- the time expression that dated it
    date_end           INTEGER,
    source_code        TEXT NOT NULL,
    source_root        TEXT NOT NULL,
    source_country     TEXT,
    source_text        TEXT NOT NULL,
    source_start       INTEGER NOT NULL,
    source_end         INTEGER NOT NULL,
    source_name        TEXT,
    target_code        TEXT,
    target_root        TEXT,
    target_country     TEXT,
    target_text        TEXT,
    target_start       INTEGER,
    target_end         INTEGER,
    target_name        TEXT,
    cameo              TEXT NOT NULL,    -- 2 to 4 digits
    cameo_root         INTEGER NOT NULL CHECK (cameo_root BETWEEN 1 AND 20),
    plover             TEXT,             -- AGREE, ... ASSAULT; NULL for CAMEO 01, 02
    plover_mode        TEXT NOT NULL DEFAULT '',
    plover_context     TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    goldstein          REAL NOT NULL,
    quad_class         INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    attribution        TEXT NOT NULL,    -- asserted | reported
    condition_text     TEXT,             -- set when conditional
    condition_start    INTEGER,
    condition_end      INTEGER,
    future             INTEGER NOT NULL,
    hypothetical       INTEGER NOT NULL,
    negated            INTEGER NOT NULL,
    habitual           INTEGER NOT NULL,
    factual            INTEGER NOT NULL, -- no condition, not future, hypothetical or negated
    quote_text         TEXT,
    quote_start        INTEGER,
    quote_end          INTEGER,
    quote              TEXT,             -- the whole Quote as JSON
    speaker_code       TEXT,
    speaker_text       TEXT,
    speaker_start      INTEGER,
    speaker_end        INTEGER,
    speaker_name       TEXT,
    location           TEXT,
    sentence_start     INTEGER NOT NULL,
    sentence_end       INTEGER NOT NULL,
    sentence_text      TEXT NOT NULL,
    trigger_start      INTEGER NOT NULL,
    trigger_end        INTEGER NOT NULL,
    rule               TEXT NOT NULL,
    dictionary_version TEXT NOT NULL,
    lead               INTEGER NOT NULL  -- sentence in the title or first paragraph
);
-- Every listing is ordered by (date, pk); each index ends in date (and, implicitly,
-- pk) so that a filter on its leading columns reads rows already in order and a page
-- stops after `limit` rows.
-- Events of an article, and the event with an id (ids start with their article's id);
-- with date, it also covers "the events of these articles in date order", the plan of a
-- rare text search. Ids are unique per article: the store checks each batch.
CREATE INDEX events_article ON events(article_pk, date, id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_root, date);
CREATE INDEX events_target ON events(target_root, date);
-- Covering for dyad counts (QuadClass, Goldstein, factual): the summary of a busy dyad
-- reads the index alone (64 -> 14 ms for 17k events); pk is explicit so that (date, pk)
-- order still comes from the index.
CREATE INDEX events_dyad ON events(source_root, target_root, date, pk, quad_class, goldstein, factual);
CREATE INDEX events_plover ON events(plover, date);
CREATE INDEX events_cameo ON events(cameo_root, date);

CREATE VIRTUAL TABLE events_fts USING fts5(
    sentence_text,
    content = 'events', content_rowid = 'pk', columnsize = 0,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, sentence_text) VALUES ('delete', old.pk, old.sentence_text);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF sentence_text ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, sentence_text) VALUES ('delete', old.pk, old.sentence_text);
    INSERT INTO events_fts(rowid, sentence_text) VALUES (new.pk, new.sentence_text);
END;

-- Row counts, kept up to date by each batch, so that `stats` never scans a table (a
-- count(*) of a million events takes tens of milliseconds). Whatever deletes rows must
-- update these too.
CREATE TABLE totals (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO totals (name, n) VALUES ('articles', 0), ('events', 0), ('mentions', 0), ('quotes', 0);

-- Per-actor counts, kept up to date by each batch (one upsert per code per batch), so
-- that listing actors never scans the events.
CREATE TABLE actors (
    code       TEXT PRIMARY KEY,
    n_source   INTEGER NOT NULL DEFAULT 0,
    n_target   INTEGER NOT NULL DEFAULT 0,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    first_date TEXT,
    last_date  TEXT
) WITHOUT ROWID;
CREATE TABLE actor_names (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;
"#;

/// Schema version 2: what the ingest engine's analysis assigns, kept so that restarts
/// resume it and queries count events rather than reports.
/// - `articles.neardup_fp`: the article body's MinHash fingerprint
///   (`faultline_analysis::ArticleFingerprint::to_bytes`, 485 bytes);
///   `articles.neardup_group`: its near-duplicate group (`GroupId` as a signed 64-bit
///   integer). NULL for articles stored before version 2 or without analysis.
/// - `events.cluster_id`: the event cluster (`ClusterId` as a signed 64-bit integer);
///   `events.evidence_fp`, `events.location_fp`: `faultline_analysis::fingerprint::sentence`
///   of the evidence sentence and `fingerprint::place` of the location (64 bits, signed).
///   NULL for events stored before version 2 (readers compute the fingerprints from the
///   stored text then).
/// - `events_cluster` lists a cluster's reports and counts them; `articles_group` the
///   articles of a wire story.
///
/// `ALTER TABLE ... ADD COLUMN` with a NULL default only rewrites the schema, not the
/// rows, so an existing database of any size upgrades in moments.
const V2: &str = r#"
ALTER TABLE articles ADD COLUMN neardup_fp BLOB;
ALTER TABLE articles ADD COLUMN neardup_group INTEGER;
ALTER TABLE events ADD COLUMN cluster_id INTEGER;
ALTER TABLE events ADD COLUMN evidence_fp INTEGER;
ALTER TABLE events ADD COLUMN location_fp INTEGER;
CREATE INDEX events_cluster ON events(cluster_id, date);
CREATE INDEX articles_group ON articles(neardup_group) WHERE neardup_group IS NOT NULL;
"#;

/// Schema version 3: what the commitments register reads, so that it can be rebuilt from
/// the store.
/// - `events.condition_trigger`: the condition coded as an act
///   (`faultline_model::Trigger` as JSON), when the event has a condition and the coder
///   could code it; NULL otherwise.
/// - `events.pledge`: the event's `faultline_model::Pledge` as JSON (beneficiary,
///   adversary, basis, terms, stance); NULL for events that pledge nothing (most).
/// - `events_pledge`: the events with a pledge in event order (date, pk), a partial
///   index, so that rebuilding the register reads those rows and no others.
///
/// Rows stored before version 3 have neither (they read as before: no trigger, no
/// pledge); re-ingesting their pages codes them again.
const V3: &str = r#"
ALTER TABLE events ADD COLUMN condition_trigger TEXT;
ALTER TABLE events ADD COLUMN pledge TEXT;
CREATE INDEX events_pledge ON events(date) WHERE pledge IS NOT NULL;
"#;

/// The migrations, in order. Never edit a released one; append.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// Schema version 1 alone, for tests that build a version-1 database to migrate.
#[doc(hidden)]
pub const V1_SQL: &str = V1;

/// Schema version 2's step alone (applied over [`V1_SQL`]), for tests that build a
/// version-2 database to migrate.
#[doc(hidden)]
pub const V2_SQL: &str = V2;

/// Pragmas of a new database file, before its first table.
///
/// - `page_size = 16384`: the full-text indexes keep their segments as rows of about
///   4 KB and rewrite them as they merge; with 4 KB pages, a merge deleting its input
///   segments read each one back page by page, and those deletes were the largest single
///   cost of a bulk ingest (17 % of all CPU time on 40,000 Wikinews articles). With
///   16 KB pages, ingest costs a tenth less CPU, the store's share a quarter less, for
///   the same file size. Files made with another page size keep it.
pub(crate) const NEW_FILE_PRAGMAS: &str = "PRAGMA page_size = 16384;";

/// Full-text settings of a new file, once its tables exist (kept in each index's
/// `_config` table).
///
/// - `pgsz = 16000`: index leaves that fill a 16 KB page, so merges write and delete a
///   quarter as many rows (a sixth less time in the store on 30,000 AEB pages).
/// - `hashsize = 16 MiB`: terms pending in memory before they are written as a new
///   segment (default 1 MiB); a batch of long articles then makes one segment, not
///   several, and there is less to merge.
/// - `automerge = 16`: a level's segments are merged when 16 of them have gathered,
///   not 4, so each term's postings are rewritten fewer times as the index grows
///   (100,000 Wikinews articles: ingest 1.5-3 % faster; searches for common words,
///   phrases and prefixes took the same 0.1-3 ms).
pub(crate) const NEW_FILE_FTS: &str = "
INSERT INTO articles_fts(articles_fts, rank) VALUES ('pgsz', 16000);
INSERT INTO events_fts(events_fts, rank) VALUES ('pgsz', 16000);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO events_fts(events_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO events_fts(events_fts, rank) VALUES ('automerge', 16);
";

/// Pragmas of the writer connection, set on every open. They are not part of the schema
/// (most are per connection).
///
/// - `journal_mode = WAL`: readers (the HTTP server's connections) never block the
///   writer and the writer never blocks them; a commit is one append to the WAL file.
/// - `synchronous = NORMAL`: with WAL, a committed batch survives a crash of the
///   process; a power cut may lose the last batches but never corrupts the file. A rerun
///   re-ingests what was lost (batches are idempotent).
/// - `foreign_keys = ON`: mentions, events and quotes always belong to a stored article.
/// - `cache_size = -65536`: 64 MiB of page cache, so the B-tree pages that bulk ingest
///   touches (the ends of the date indexes, the FTS segments) stay in memory.
/// - `temp_store = MEMORY`: sorts and temporary B-trees of queries stay in RAM.
/// - `mmap_size = 1 GiB`: reads go through the OS page cache without a copy.
/// - `wal_autocheckpoint = 4000`: checkpoint every 4,000 pages of WAL (64 MB with 16 KB
///   pages) instead of every 1,000, fewer pauses during bulk ingest; `journal_size_limit`
///   trims the WAL file afterwards. An ingest moves these checkpoints to a thread of their
///   own (`SqliteStore::checkpoint_in_background`).
/// - `busy_timeout = 5 s`: wait for another writer (a second ingest) instead of failing.
pub(crate) const WRITER_PRAGMAS: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;
PRAGMA mmap_size = 1073741824;
PRAGMA wal_autocheckpoint = 4000;
PRAGMA journal_size_limit = 67108864;
";

/// Pragmas of a reader connection: the same caches, and `query_only` so that a reader
/// can never write.
pub(crate) const READER_PRAGMAS: &str = "
PRAGMA query_only = ON;
PRAGMA cache_size = -32768;
PRAGMA temp_store = MEMORY;
PRAGMA mmap_size = 1073741824;
";

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_one(None, "user_version")?)
}

fn application_id(conn: &Connection) -> Result<i32> {
    Ok(conn.pragma_query_one(None, "application_id")?)
}

/// Checks that the file is a faultline database (or a fresh one) of a known version.
pub(crate) fn check(conn: &Connection) -> Result<i64> {
    check_known(conn, SCHEMA_VERSION)
}

fn check_known(conn: &Connection, known: i64) -> Result<i64> {
    let app = application_id(conn)?;
    if app != 0 && app != APPLICATION_ID {
        return Err(Error::NotFaultline(app));
    }
    let found = user_version(conn)?;
    if found > known {
        return Err(Error::TooNew { found, known });
    }
    Ok(found)
}

/// Brings the database to [`SCHEMA_VERSION`]. Returns the version found before.
pub(crate) fn migrate(conn: &mut Connection) -> Result<i64> {
    migrate_with(conn, MIGRATIONS)
}

pub(crate) fn migrate_with(conn: &mut Connection, migrations: &[&str]) -> Result<i64> {
    let found = check_known(conn, migrations.len() as i64)?;
    for (index, sql) in migrations.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= found {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        if user_version(&tx)? >= version {
            continue;
        }
        tx.execute_batch(sql).map_err(|source| Error::Migration { version, source })?;
        tx.pragma_update(None, "user_version", version)
            .map_err(|source| Error::Migration { version, source })?;
        tx.commit().map_err(|source| Error::Migration { version, source })?;
    }
    Ok(found)
}
