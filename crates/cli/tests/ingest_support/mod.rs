//! Shared by the ingest, events and watch tests: synthetic pages and a look into the
//! database.

#![allow(dead_code, clippy::unwrap_used)]

use faultline_store::synth::{STORY_PAIRS, story_filler};
use std::path::Path;
use std::process::Command;

pub fn faultline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
}

/// The publication day of story `n`: March 1, 2025 plus `n` days (up to 60).
pub fn day_of(n: usize) -> String {
    let n = n % 61;
    if n < 31 { format!("2025-03-{:02}", n + 1) } else { format!("2025-04-{:02}", n - 30) }
}

/// Synthetic story `n` as an HTML page (marked synthetic), published `n` days after
/// March 1, 2025 (stories of one pair of actors five days apart, so each is an event of
/// its own); the event is reported speech in odd stories, asserted in even ones.
pub fn page(n: usize) -> String {
    let (source, verb, target) = STORY_PAIRS[n % STORY_PAIRS.len()];
    let day = day_of(n);
    let said = if n % 2 == 1 { ", officials said" } else { "" };
    format!(
        "<html><head><title>Synthetic story {n}</title>\
         <meta property=\"article:published_time\" content=\"{day}\"></head><body><article>\
         <h1>Synthetic story {n}</h1>\
         <p>{source} {verb} {target}{said} in synthetic report number {n}, written for the \
         faultline tests and describing nothing that happened.</p>\
         <p>The statement, issued late in the evening, gave few details and said that talks \
         between the delegations would continue in the coming weeks, according to two people \
         familiar with the matter who spoke on condition of anonymity.</p>\
         <p>The local notes of story {n} mention {}.</p></article></body></html>",
        story_filler(n)
    )
}

/// `n` synthetic pages in `dir` as `story-0000.html` ...
pub fn write_pages(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        std::fs::write(dir.join(format!("story-{i:04}.html")), page(i)).unwrap();
    }
}

/// A read-only look into a database.
pub fn db(path: &Path) -> rusqlite::Connection {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    conn
}

pub fn count(path: &Path, sql: &str) -> i64 {
    db(path).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Articles stored so far, or 0 while the database is being created.
pub fn stored_so_far(path: &Path) -> i64 {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row("SELECT n FROM totals WHERE name = 'articles'", [], |r| r.get(0)))
        .unwrap_or(0)
}

/// Every article id, sorted.
pub fn article_ids(path: &Path) -> Vec<String> {
    let conn = db(path);
    let mut stmt = conn.prepare("SELECT id FROM articles ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}
