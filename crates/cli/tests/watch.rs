//! `faultline watch` against feeds served on 127.0.0.1: items ingested once, pages that
//! are not articles remembered as skips, nothing fetched again after a restart, and
//! Ctrl-C stopping cleanly.

#![allow(clippy::unwrap_used)]

mod ingest_support;

use ingest_support::{article_ids, count, faultline, page};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct State {
    hits: HashMap<String, usize>,
    /// Story 3 appears in the world feed once this is set.
    later: bool,
}

/// A news host: two feeds and their pages; every request counted by path.
fn serve() -> (SocketAddr, Arc<Mutex<State>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let state = Arc::clone(&shared);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let n = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let (status, content_type, body) = {
                    let mut state = state.lock().unwrap();
                    *state.hits.entry(path.clone()).or_default() += 1;
                    route(&path, addr, state.later)
                };
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    (addr, state)
}

fn rss(title: &str, links: &[String]) -> String {
    let mut xml = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>");
    for link in links {
        xml.push_str(&format!("<item><title>{link}</title><link>{link}</link></item>"));
    }
    xml + "</channel></rss>"
}

fn route(path: &str, addr: SocketAddr, later: bool) -> (u16, &'static str, Vec<u8>) {
    let link = |slug: &str| format!("http://{addr}/a/{slug}");
    match path {
        "/world.rss" => {
            let mut links = vec![link("s1.html"), link("s2.html"), link("report.pdf"), link("gone.html")];
            if later {
                links.push(link("s3.html"));
            }
            (200, "application/rss+xml", rss("World Desk", &links).into_bytes())
        }
        "/asia.rss" => {
            (200, "application/rss+xml", rss("Asia Desk", &[link("s2.html"), link("s4.html")]).into_bytes())
        }
        "/a/report.pdf" => (200, "application/pdf", b"%PDF-1.4 not a page".to_vec()),
        _ => match path.strip_prefix("/a/s").and_then(|rest| rest.strip_suffix(".html")) {
            Some(n) => match n.parse::<usize>() {
                Ok(n) => (200, "text/html; charset=utf-8", page(n).into_bytes()),
                Err(_) => (404, "text/plain", b"no".to_vec()),
            },
            None => (404, "text/plain", b"not found".to_vec()),
        },
    }
}

fn feeds_file(dir: &Path, addr: SocketAddr) -> std::path::PathBuf {
    let path = dir.join("feeds.txt");
    std::fs::write(
        &path,
        format!("# test desk\nhttp://{addr}/world.rss  World Desk\nhttp://{addr}/asia.rss\n"),
    )
    .unwrap();
    path
}

fn watch_once(feeds: &Path, db: &Path) -> (String, String) {
    let out = faultline()
        .args(["watch", "--once", "--host-delay", "0", "--settle", "0.2", "--db"])
        .arg(db)
        .arg(feeds)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stdout}\n{stderr}");
    (stdout, stderr)
}

#[test]
fn items_are_ingested_once_across_a_restart() {
    let (addr, state) = serve();
    let dir = tempfile::tempdir().unwrap();
    let feeds = feeds_file(dir.path(), addr);
    let db = dir.path().join("watch.db");

    let (stdout, stderr) = watch_once(&feeds, &db);
    let link = |slug: &str| format!("http://{addr}/a/{slug}");
    assert_eq!(article_ids(&db), [link("s1.html"), link("s2.html"), link("s4.html")], "{stdout}\n{stderr}");
    assert!(stdout.contains("3 new"), "a line per batch says what came in:\n{stdout}");
    assert!(stderr.contains("report.pdf: skipped: not an HTML page"), "{stderr}");
    assert!(stderr.contains("gone.html: HTTP 404"), "{stderr}");
    assert_eq!(count(&db, "SELECT count(*) FROM skips"), 2, "the PDF and the 404 are remembered");
    // s2 is in both feeds: whichever feed's poll answers first names its outlet.
    let outlet = |slug: &str| {
        let sql =
            format!("SELECT count(*) FROM articles WHERE outlet = 'World Desk' AND url = '{}'", link(slug));
        count(&db, &sql)
    };
    assert_eq!((outlet("s1.html"), outlet("s4.html")), (1, 0), "the feed file names an outlet:\n{stdout}");
    assert!(dir.path().join("watch.db.feeds.json").exists(), "feed state kept beside the database");

    // A restart, and the world feed has a new story: only it is fetched.
    state.lock().unwrap().later = true;
    let (stdout, _) = watch_once(&feeds, &db);
    assert!(stdout.contains("1 new"), "{stdout}");
    assert_eq!(article_ids(&db), [link("s1.html"), link("s2.html"), link("s3.html"), link("s4.html")]);
    let hits = state.lock().unwrap().hits.clone();
    for page in ["/a/s1.html", "/a/s2.html", "/a/s3.html", "/a/s4.html", "/a/report.pdf", "/a/gone.html"] {
        assert_eq!(hits.get(page), Some(&1), "{page} fetched once: {hits:?}");
    }
    assert_eq!(hits.get("/world.rss"), Some(&2));
    assert_eq!(count(&db, "SELECT count(*) FROM events WHERE cluster_id IS NULL"), 0);
}

#[test]
fn ctrl_c_stops_cleanly() {
    let (addr, _state) = serve();
    let dir = tempfile::tempdir().unwrap();
    let feeds = feeds_file(dir.path(), addr);
    let db = dir.path().join("ctrlc.db");
    let child = faultline()
        .args(["watch", "--interval", "0.01", "--host-delay", "0", "--settle", "0.2", "--db"])
        .arg(&db)
        .arg(&feeds)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !(db.exists() && ingest_support::stored_so_far(&db) >= 3) {
        assert!(Instant::now() < deadline, "nothing ingested");
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stderr.contains("stopping"), "{stderr}");
    assert!(stdout.contains("articles kept    3"), "{stdout}");
    assert_eq!(count(&db, "SELECT count(*) FROM articles"), 3);
}
