//! `faultline demo`: the README's main job, run as a newcomer runs it.

#![allow(clippy::unwrap_used)]

mod ingest_support;

use ingest_support::{count, faultline};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

fn samples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

#[test]
fn the_demo_ingests_the_samples_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    // From a folder with no samples/ of its own: the source tree's are found.
    let out =
        faultline().current_dir(dir.path()).args(["demo", "--no-serve", "--db"]).arg(&db).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let articles = count(&db, "SELECT count(*) FROM articles");
    let documents = walk(&samples());
    let skips = count(&db, "SELECT count(*) FROM skips");
    assert_eq!(
        articles + skips,
        documents as i64,
        "every sample stored once, as an article or a skip:\n{stdout}"
    );
    assert!(skips >= 2, "the paywall stub and the section front are skips with a reason:\n{stderr}");
    assert!(
        count(&db, "SELECT count(*) FROM events WHERE source_country = 'RUS' AND target_country = 'CHN'") > 0
    );
    assert!(stdout.contains("faultline serve --db"), "says how to serve it:\n{stdout}");

    // Again: nothing new.
    let out = faultline().args(["demo", "--no-serve", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success());
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), articles);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("articles kept    0\n"), "{stdout}");
}

#[test]
fn the_demo_serves_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut child = faultline()
        .args(["demo", "--addr", "127.0.0.1:0", "--samples"])
        .arg(samples())
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("the demo says where it serves").unwrap();
        if let Some(rest) = line.split_once("at http://").map(|(_, rest)| rest) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let health = get(&addr, "/api/health");
    let events = get(&addr, "/api/events?source=RUS&target=CHN");
    let page = get(&addr, "/");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(events.contains("\"source\"") && events.contains("RUS"), "{events}");
    assert!(page.starts_with("HTTP/1.1 200") && page.contains("<html"), "{page}");
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

/// The documents under `dir`: a file is one, but a web archive holds a document per
/// record and a JSONL file one per line.
fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                return walk(&p);
            }
            let bytes = std::fs::read(&p).unwrap();
            match p.extension().and_then(|e| e.to_str()) {
                Some("warc") => bytes.windows(10).filter(|w| w == b"WARC/1.0\r\n").count(),
                Some("jsonl") => bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
                _ => 1,
            }
        })
        .sum()
}
