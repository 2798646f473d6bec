//! `faultline ingest` as users run it: the samples and their summary, reruns that store
//! nothing twice, a run killed in the middle and resumed, JSONL on stdin, a URL.

#![allow(clippy::unwrap_used)]

mod ingest_support;

use ingest_support::{article_ids, count, faultline, write_pages};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn ingest(db: &Path, args: &[&str]) -> (String, String) {
    let out = faultline().arg("ingest").arg("--db").arg(db).args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stdout}\n{stderr}");
    (stdout, stderr)
}

fn json_summary(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ingest(db, &all).0).unwrap()
}

#[test]
fn the_samples_then_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("samples.db");
    let samples = samples();
    let (first, _) = ingest(&db, &[samples.to_str().unwrap()]);
    for line in [
        "documents read",
        "articles kept",
        "skipped",
        "duplicates",
        "events",
        "mentions",
        "quotes",
        "errors",
        "elapsed",
    ] {
        assert!(first.contains(line), "{line} missing from\n{first}");
    }
    let articles = count(&db, "SELECT count(*) FROM articles");
    assert!(articles >= 5, "{first}");
    assert!(count(&db, "SELECT count(*) FROM events") > 0);
    assert_eq!(
        count(&db, "SELECT count(*) FROM events WHERE cluster_id IS NULL"),
        0,
        "every event clustered"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM articles WHERE neardup_group IS NULL"), 0);
    // Again: everything is known, nothing stored.
    let again = json_summary(&db, &[samples.to_str().unwrap()]);
    assert_eq!(again["counts"]["stored"], 0, "{again}");
    assert_eq!(again["counts"]["read"], again["counts"]["duplicates"], "{again}");
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), articles);
}

/// Polls until the database holds at least `n` articles (or the child exits).
fn wait_for_articles(db: &Path, n: i64, child: &mut std::process::Child) -> i64 {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if db.exists() {
            let stored =
                rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .and_then(|conn| {
                        conn.query_row("SELECT n FROM totals WHERE name = 'articles'", [], |r| r.get(0))
                    })
                    .unwrap_or(0);
            if stored >= n {
                return stored;
            }
        }
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be killed");
        assert!(Instant::now() < deadline, "no progress");
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn a_killed_run_resumes_and_stores_everything_exactly_once() {
    const N: usize = 400;
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    write_pages(&pages, N);
    let db = dir.path().join("killed.db");
    let mut child = faultline()
        .args(["ingest", "--threads", "1", "--batch-size", "4", "--quiet", "--db"])
        .arg(&db)
        .arg(&pages)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let before = wait_for_articles(&db, 40, &mut child);
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    let at_kill = count(&db, "SELECT count(*) FROM articles");
    assert!(at_kill >= before && at_kill < N as i64, "killed in the middle: {at_kill} of {N}");
    // Whole batches only: every stored article has its events.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.article_pk = a.pk)"
        ),
        0
    );

    let resumed = json_summary(&db, &["--threads", "2", "--batch-size", "16", pages.to_str().unwrap()]);
    assert_eq!(resumed["counts"]["stored"].as_i64().unwrap(), N as i64 - at_kill, "{resumed}");
    assert_eq!(resumed["counts"]["duplicates"].as_i64().unwrap(), at_kill, "{resumed}");

    // Everything once: the same ids, events and mentions as one clean run.
    let clean = dir.path().join("clean.db");
    ingest(&clean, &["--quiet", pages.to_str().unwrap()]);
    let expected: Vec<String> = (0..N).map(|i| format!("story-{i:04}")).collect();
    assert_eq!(article_ids(&db), expected);
    assert_eq!(article_ids(&clean), expected);
    for sql in [
        "SELECT count(*) FROM articles",
        "SELECT count(*) FROM events",
        "SELECT count(*) FROM mentions",
        "SELECT count(*) FROM quotes",
        "SELECT count(DISTINCT content_hash) FROM articles",
        "SELECT count(*) FROM events_fts",
        "SELECT n FROM totals WHERE name = 'events'",
    ] {
        assert_eq!(count(&db, sql), count(&clean, sql), "{sql}");
    }
}

#[test]
fn jsonl_on_stdin_with_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jsonl.db");
    let lines = [
        serde_json::json!({"id": "j1", "url": "https://news.example/j1", "html": ingest_support::page(1)})
            .to_string(),
        "not json".to_string(),
        serde_json::json!({"id": "j2", "text": "Menu\nHome\n"}).to_string(),
        serde_json::json!({"id": "j3", "url": "https://news.example/j3", "html": ingest_support::page(3)})
            .to_string(),
    ];
    let mut child = faultline()
        .args(["ingest", "--jsonl", "--json", "--db"])
        .arg(&db)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(lines.join("\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let counts = &summary["counts"];
    assert_eq!(counts["read"], 4, "{summary}");
    assert_eq!(counts["stored"], 2, "{summary}");
    assert_eq!(counts["skipped"]["malformed"], 1, "the bad line is a skip: {summary}\n{stderr}");
    assert_eq!(ingest_support::article_ids(&db), ["j1", "j3"]);
}

#[test]
fn a_url_is_fetched_once() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let served = std::sync::Arc::clone(&hits);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut request);
            served.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let body = ingest_support::page(7);
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("url.db");
    let url = format!("http://{addr}/world/story-7");
    let first = json_summary(&db, &[&url]);
    assert_eq!(first["counts"]["stored"], 1, "{first}");
    assert_eq!(article_ids(&db), std::slice::from_ref(&url));
    let again = json_summary(&db, &[&url]);
    assert_eq!(again["counts"]["duplicates"], 1, "{again}");
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 1, "not fetched again");
}
