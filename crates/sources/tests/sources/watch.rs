//! The feed watcher against feeds and pages that the test serves on 127.0.0.1: good
//! feeds with ETag and Last-Modified, a slow one, a malformed one, one that is an HTML
//! page, one whose server answers 500, articles that are gzip-encoded, busy (503 with
//! Retry-After), a PDF and gone (404). The watcher runs, stops, and runs again with the
//! same state file and seen set after a feed gained an item.

use faultline_model::Origin;
use faultline_sources::feeds::{WatchEvent, WatchOptions, WatchSummary, Watcher, read_feed_list};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

const GOOD2_MODIFIED: &str = "Sun, 28 Dec 2025 09:00:00 GMT";
const SLOW: Duration = Duration::from_millis(1500);

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Hit {
    at: Instant,
    path: String,
    headers: HashMap<String, String>,
    status: u16,
}

#[derive(Debug, Default)]
struct ServerState {
    hits: Vec<Hit>,
    in_flight: usize,
    max_in_flight: usize,
    good1: Vec<String>,
    busy_hits: u32,
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

type Route = fn(&mut ServerState, &str, &HashMap<String, String>, SocketAddr) -> Reply;

#[derive(Clone)]
struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<ServerState>>,
}

impl Server {
    async fn start(route: Route) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Server { addr, state: Arc::new(Mutex::new(ServerState::default())) };
        let state = Arc::clone(&server.state);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&state);
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut reader = BufReader::new(read);
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    let mut headers = HashMap::new();
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).await.unwrap_or(0) == 0 || line.trim().is_empty() {
                            break;
                        }
                        if let Some((name, value)) = line.split_once(':') {
                            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
                        }
                    }
                    let reply = {
                        let mut state = state.lock().unwrap();
                        state.in_flight += 1;
                        state.max_in_flight = state.max_in_flight.max(state.in_flight);
                        let reply = route(&mut state, &path, &headers, addr);
                        let hit = Hit { at: Instant::now(), path, headers, status: reply.status };
                        state.hits.push(hit);
                        reply
                    };
                    tokio::time::sleep(reply.delay).await;
                    // Out of flight before the client can have the answer.
                    state.lock().unwrap().in_flight -= 1;
                    let mut out = format!(
                        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                        reply.status,
                        reply.body.len()
                    );
                    for (name, value) in &reply.headers {
                        out.push_str(&format!("{name}: {value}\r\n"));
                    }
                    out.push_str("\r\n");
                    let mut bytes = out.into_bytes();
                    bytes.extend_from_slice(&reply.body);
                    let _ = write.write_all(&bytes).await;
                    let _ = write.shutdown().await;
                });
            }
        });
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn hits(&self, path: &str) -> Vec<Hit> {
        self.state.lock().unwrap().hits.iter().filter(|h| h.path == path).cloned().collect()
    }
}

fn rss(title: &str, items: &[(String, String)]) -> String {
    let mut xml = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>");
    for (item_title, link) in items {
        xml.push_str(&format!(
            "<item><title>{item_title}</title><link>{link}</link><pubDate>Sun, 28 Dec 2025 08:00:00 GMT</pubDate></item>"
        ));
    }
    xml + "</channel></rss>"
}

fn page(slug: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{slug}</title></head><body><p>Article {slug}.</p></body></html>"
    )
}

/// The news host: feeds and their articles.
fn news(state: &mut ServerState, path: &str, headers: &HashMap<String, String>, addr: SocketAddr) -> Reply {
    let link = |slug: &str| format!("http://{addr}/a/{slug}.html");
    match path {
        "/good1.rss" => {
            let etag = format!("\"g1-v{}\"", state.good1.len());
            if headers.get("if-none-match") == Some(&etag) {
                return Reply::new(304, "application/rss+xml", "").header("ETag", etag);
            }
            let items: Vec<_> =
                state.good1.iter().map(|slug| (format!("Story {slug}"), link(slug))).collect();
            Reply::new(200, "application/rss+xml", rss("Good One Feed", &items)).header("ETag", etag)
        }
        "/good2.atom" => {
            if headers.get("if-modified-since").map(String::as_str) == Some(GOOD2_MODIFIED) {
                return Reply::new(304, "application/atom+xml", "");
            }
            let entry = |id: &str, href: String| {
                format!(
                    "<entry><title>{id}</title><id>urn:test:{id}</id><link href=\"{href}\"/><updated>2025-12-28T07:00:00Z</updated></entry>"
                )
            };
            let atom = format!(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Second Outlet</title><id>urn:test:g2</id>{}{}{}</feed>",
                entry("g2-1", link("g2-1")),
                entry("report", format!("http://{addr}/a/report.pdf")),
                entry("missing", link("missing")),
            );
            Reply::new(200, "application/atom+xml", atom).header("Last-Modified", GOOD2_MODIFIED)
        }
        "/slow.rss" => {
            let etag = "\"slow-v1\"";
            let mut reply = if headers.get("if-none-match").map(String::as_str) == Some(etag) {
                Reply::new(304, "application/rss+xml", "")
            } else {
                Reply::new(200, "application/rss+xml", rss("Slow", &[("Slow story".into(), link("slow-1"))]))
            };
            reply.delay = SLOW;
            reply.header("ETag", etag)
        }
        "/broken.rss" => {
            Reply::new(200, "application/rss+xml", "<rss version=\"2.0\"><channel><item><title>cut")
        }
        "/html.rss" => {
            Reply::new(200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body>Subscribe!</body></html>")
        }
        "/a/busy.html" => {
            state.busy_hits += 1;
            if state.busy_hits == 1 {
                Reply::new(503, "text/plain", "busy").header("Retry-After", "1")
            } else {
                Reply::new(200, "text/html", page("busy"))
            }
        }
        "/a/report.pdf" => Reply::new(200, "application/pdf", "%PDF-1.7"),
        "/a/missing.html" => Reply::new(404, "text/html", "<html>gone</html>"),
        _ => match path.strip_prefix("/a/").and_then(|p| p.strip_suffix(".html")) {
            Some(slug)
                if headers.get("accept-encoding").is_some_and(|e| e.contains("gzip")) && slug == "g1-1" =>
            {
                let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
                gz.write_all(page(slug).as_bytes()).unwrap();
                Reply::new(200, "text/html; charset=utf-8", gz.finish().unwrap())
                    .header("Content-Encoding", "gzip")
            }
            Some(slug) => Reply::new(200, "text/html; charset=utf-8", page(slug)),
            None => Reply::new(404, "text/plain", "no such path"),
        },
    }
}

/// A host whose server fails.
fn down(_: &mut ServerState, _: &str, _: &HashMap<String, String>, _: SocketAddr) -> Reply {
    Reply::new(500, "text/plain", "internal error")
}

/// What the consumer saw.
#[derive(Default)]
struct Seen {
    urls: HashSet<String>,
    events: Vec<(Instant, WatchEvent)>,
}

type Shared = Arc<Mutex<Seen>>;

fn options(state_path: std::path::PathBuf) -> WatchOptions {
    WatchOptions {
        interval: Duration::from_millis(300),
        jitter: 0.1,
        per_host_concurrency: 2,
        per_host_delay: Duration::from_millis(10),
        backoff_base: Duration::from_millis(200),
        backoff_cap: Duration::from_secs(5),
        max_retry_after: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(10),
        state_path: Some(state_path),
        ..WatchOptions::default()
    }
}

/// Starts a watcher whose documents go to `seen` (the test's store); returns how to
/// stop it and the handle to its summary.
fn start(
    feeds_file: &std::path::Path,
    state_path: std::path::PathBuf,
    seen: &Shared,
) -> (oneshot::Sender<()>, tokio::task::JoinHandle<(WatchSummary, usize)>) {
    let feeds = read_feed_list(feeds_file).unwrap();
    let lookup = Arc::clone(seen);
    let is_known = move |url: &str| lookup.lock().unwrap().urls.contains(url);
    let watcher = Watcher::new(feeds, options(state_path), Arc::new(is_known));
    let (tx, mut rx) = mpsc::channel(16);
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let store = Arc::clone(seen);
    let consumer = tokio::spawn(async move {
        let mut n_events = 0;
        while let Some(event) = rx.recv().await {
            n_events += 1;
            let mut store = store.lock().unwrap();
            if let WatchEvent::Document { doc, .. } = &event {
                store.urls.insert(doc.url.clone().unwrap());
            }
            store.events.push((Instant::now(), event));
        }
        n_events
    });
    let handle = tokio::spawn(async move {
        let summary = watcher
            .run(tx, async {
                let _ = stop_rx.await;
            })
            .await
            .unwrap();
        (summary, consumer.await.unwrap())
    });
    (stop_tx, handle)
}

async fn wait_for(what: &str, seen: &Shared, condition: impl Fn(&Seen) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if condition(&seen.lock().unwrap()) {
            return;
        }
        if Instant::now() > deadline {
            let seen = seen.lock().unwrap();
            let log: Vec<String> = seen.events.iter().map(|(_, e)| e.to_string()).collect();
            panic!("timed out waiting for {what}; events:\n{}", log.join("\n"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn documents(seen: &Seen, since: usize) -> Vec<String> {
    seen.events[since..]
        .iter()
        .filter_map(|(_, e)| match e {
            WatchEvent::Document { doc, .. } => doc.url.clone(),
            _ => None,
        })
        .collect()
}

/// The failures reported for one feed: (when, failures in a row, reason, retry in).
fn failures(seen: &Seen, feed: &str, since: usize) -> Vec<(Instant, u32, String, Duration)> {
    seen.events[since..]
        .iter()
        .filter_map(|(at, e)| match e {
            WatchEvent::FeedFailed { feed: f, reason, failures, retry_in } if f == feed => {
                Some((*at, *failures, reason.clone(), *retry_in))
            }
            _ => None,
        })
        .collect()
}

fn not_modified(server: &Server, path: &str, header: &str, after: Instant) -> bool {
    server.hits(path).iter().any(|h| h.at >= after && h.status == 304 && h.headers.contains_key(header))
}

#[tokio::test]
async fn watch_feeds_exactly_once_across_a_restart() {
    let news_server = Server::start(news).await;
    let down_server = Server::start(down).await;
    news_server.state.lock().unwrap().good1 = vec!["g1-1".into(), "g1-2".into(), "busy".into()];
    let dir = tempfile::tempdir().unwrap();
    let feeds_file = dir.path().join("feeds.txt");
    std::fs::write(
        &feeds_file,
        format!(
            "# the test's feeds\n{}  Good One\n{}\n\n{}  Slow Times\n{}\n{}\n# another host\n{}\n",
            news_server.url("/good1.rss"),
            news_server.url("/good2.atom"),
            news_server.url("/slow.rss"),
            news_server.url("/broken.rss"),
            news_server.url("/html.rss"),
            down_server.url("/down.rss"),
        ),
    )
    .unwrap();
    let state_path = dir.path().join("watch-state.json");
    let seen: Shared = Arc::default();
    let link = |slug: &str| news_server.url(&format!("/a/{slug}.html"));
    let broken = news_server.url("/broken.rss");

    // ---- First run.
    let start1 = Instant::now();
    let (stop, run) = start(&feeds_file, state_path.clone(), &seen);
    let expected: HashSet<String> =
        ["g1-1", "g1-2", "busy", "g2-1", "slow-1"].iter().map(|s| link(s)).collect();
    wait_for("the first run", &seen, |s| {
        expected.iter().all(|u| s.urls.contains(u))
            && failures(s, &broken, 0).len() >= 3
            && !failures(s, &news_server.url("/html.rss"), 0).is_empty()
            && failures(s, &down_server.url("/down.rss"), 0).len() >= 2
            && not_modified(&news_server, "/good1.rss", "if-none-match", start1)
            && not_modified(&news_server, "/good2.atom", "if-modified-since", start1)
    })
    .await;
    stop.send(()).unwrap();
    let (summary1, _) = run.await.unwrap();
    eprintln!("run 1: {:?} {summary1}", start1.elapsed());

    let (n_events_first, last_broken_failures) = {
        let first = seen.lock().unwrap();
        let delivered = documents(&first, 0);
        assert_eq!(delivered.len(), expected.len(), "each good item exactly once: {delivered:#?}");
        assert_eq!(delivered.iter().collect::<HashSet<_>>(), expected.iter().collect::<HashSet<_>>());
        assert_eq!(summary1.documents, 5, "{summary1}");

        // Documents carry what the feed and the fetch know.
        for (_, event) in &first.events {
            if let WatchEvent::Document { doc, item } = event {
                assert_eq!(doc.id, item.link);
                assert!(matches!(&doc.origin, Origin::Http { url } if url == &item.link));
                assert!(doc.content_type.as_deref().is_some_and(|c| c.starts_with("text/html")));
                assert!(doc.fetched.as_deref().is_some_and(|f| f.ends_with('Z')), "{:?}", doc.fetched);
                let slug = item.link.rsplit('/').next().unwrap().trim_end_matches(".html");
                assert_eq!(String::from_utf8_lossy(&doc.bytes), page(slug), "gzip undone for {slug}");
                let (outlet, published) = match slug {
                    "g2-1" => ("Second Outlet", "2025-12-28T07:00:00+00:00"),
                    "slow-1" => ("Slow Times", "2025-12-28T08:00:00+00:00"),
                    _ => ("Good One", "2025-12-28T08:00:00+00:00"),
                };
                assert_eq!(doc.outlet.as_deref(), Some(outlet));
                assert_eq!(doc.published.as_deref(), Some(published));
            }
        }

        // The PDF is skipped with its reason, the 404 given up, neither retried.
        let reports: Vec<String> = first.events.iter().map(|(_, e)| e.to_string()).collect();
        assert!(
            reports.iter().any(|r| r.contains("report.pdf: skipped: not an HTML page (application/pdf)")),
            "{reports:#?}"
        );
        assert!(reports.iter().any(|r| r.contains("missing.html: HTTP 404 (given up)")), "{reports:#?}");
        assert!(reports.iter().any(|r| r.contains("busy.html: HTTP 503 (will retry)")), "{reports:#?}");

        // A malformed feed, an HTML page and a failing server are reported and retried with
        // growing delays, and the requests really wait that long.
        let broken_failures = failures(&first, &broken, 0);
        assert!(
            broken_failures.iter().all(|(_, _, reason, _)| reason.starts_with("malformed feed")),
            "{broken_failures:?}"
        );
        let delays: Vec<Duration> = broken_failures.iter().map(|f| f.3).collect();
        assert!(
            delays.windows(2).all(|w| w[0] <= w[1]) && delays[delays.len() - 1] > delays[0],
            "{delays:?}"
        );
        assert_eq!(
            broken_failures.iter().map(|f| f.1).collect::<Vec<_>>(),
            (1..=delays.len() as u32).collect::<Vec<_>>()
        );
        let broken_hits = news_server.hits("/broken.rss");
        for (i, pair) in broken_hits.windows(2).enumerate().take(delays.len()) {
            let gap = pair[1].at - pair[0].at;
            assert!(
                gap + Duration::from_millis(5) >= delays[i],
                "request {i}: waited {gap:?}, backoff {:?}",
                delays[i]
            );
        }
        let html = failures(&first, &news_server.url("/html.rss"), 0);
        assert!(html[0].2.contains("HTML page"), "{html:?}");
        let down_failures = failures(&first, &down_server.url("/down.rss"), 0);
        assert_eq!(down_failures[0].2, "HTTP 500");
        assert!(down_failures[1].3 >= down_failures[0].3);

        // Retry-After on the busy article was honoured (the host paused for a second).
        let busy = news_server.hits("/a/busy.html");
        assert_eq!(busy.len(), 2);
        assert!(busy[1].at - busy[0].at >= Duration::from_millis(950), "{:?}", busy[1].at - busy[0].at);

        // The slow feed held up no one: a fast feed's article came in before its one.
        let position = |url: &str| delivered.iter().position(|u| u == url).unwrap();
        assert!(position(&link("g2-1")) < position(&link("slow-1")), "{delivered:?}");

        // Every request named faultline.
        assert!(
            news_server
                .state
                .lock()
                .unwrap()
                .hits
                .iter()
                .all(|h| h.headers["user-agent"].starts_with("faultline/"))
        );
        let n_events_first = first.events.len();
        let last_broken_failures = broken_failures.last().unwrap().1;
        (n_events_first, last_broken_failures)
    };
    assert!(std::fs::read_to_string(&state_path).unwrap().contains("\\\"g1-v3\\\""));

    // ---- A new item appears while the watcher is stopped; the second run, with the
    // same state file and seen set, fetches only it.
    news_server.state.lock().unwrap().good1.push("g1-3".into());
    let start2 = Instant::now();
    let (stop, run) = start(&feeds_file, state_path.clone(), &seen);
    wait_for("the second run", &seen, |s| {
        s.urls.contains(&link("g1-3"))
            && not_modified(&news_server, "/good1.rss", "if-none-match", start2)
            && not_modified(&news_server, "/good2.atom", "if-modified-since", start2)
            && not_modified(&news_server, "/slow.rss", "if-none-match", start2)
            && !failures(s, &broken, n_events_first).is_empty()
    })
    .await;
    stop.send(()).unwrap();
    let (summary2, _) = run.await.unwrap();
    eprintln!("run 2: {:?} {summary2}", start2.elapsed());
    let second = seen.lock().unwrap();
    assert_eq!(documents(&second, n_events_first), [link("g1-3")], "{summary2}");
    // The feeds that did not change answered 304 to the very first request of the run:
    // the validators came from the state file.
    let first_of_run = |path: &str| news_server.hits(path).into_iter().find(|h| h.at >= start2).unwrap();
    assert_eq!(first_of_run("/good2.atom").status, 304);
    assert_eq!(first_of_run("/slow.rss").status, 304);
    assert_eq!(
        first_of_run("/good1.rss").headers.get("if-none-match").map(String::as_str),
        Some("\"g1-v3\"")
    );
    // The broken feed's failures count on from where the first run left them.
    assert!(failures(&second, &broken, n_events_first)[0].1 > last_broken_failures);

    // Each article page was requested once over both runs (busy: once more after its 503).
    let hits = news_server.state.lock().unwrap().hits.clone();
    let mut per_article: HashMap<String, usize> = HashMap::new();
    for hit in hits.iter().filter(|h| h.path.starts_with("/a/")) {
        *per_article.entry(hit.path.clone()).or_default() += 1;
    }
    for (path, count) in &per_article {
        let expected = if path == "/a/busy.html" { 2 } else { 1 };
        assert_eq!(*count, expected, "{path}: {per_article:?}");
    }
    assert_eq!(per_article.len(), 8, "{per_article:?}");

    // Politeness: never more than two requests at once to one host.
    let max_news = news_server.state.lock().unwrap().max_in_flight;
    let max_down = down_server.state.lock().unwrap().max_in_flight;
    assert!((1..=2).contains(&max_news), "{max_news}");
    assert!(max_down <= 2, "{max_down}");
}

#[tokio::test]
async fn a_watcher_with_no_state_and_nothing_listening_stops() {
    let news_server = Server::start(news).await;
    news_server.state.lock().unwrap().good1 = vec!["g1-1".into()];
    let feeds = vec![faultline_sources::feeds::FeedSpec::new(news_server.url("/good1.rss"))];
    let options = WatchOptions { state_path: None, ..options(std::path::PathBuf::new()) };
    let watcher = Watcher::new(feeds, options, Arc::new(|_: &str| false));
    let (tx, rx) = mpsc::channel(1);
    drop(rx);
    let summary = tokio::time::timeout(Duration::from_secs(30), watcher.run(tx, std::future::pending()))
        .await
        .expect("the watcher stops when its receiver is gone")
        .unwrap();
    assert!(summary.documents <= 1);
}

#[test]
fn a_corrupt_state_file_is_an_error_not_a_fresh_start() {
    let dir = tempfile::tempdir().unwrap();
    let state_path = dir.path().join("state.json");
    std::fs::write(&state_path, "{\"version\": 1, \"feeds\": [").unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let watcher = Watcher::new(Vec::new(), options(state_path), Arc::new(|_: &str| false));
    let (tx, _rx) = mpsc::channel(1);
    let err = runtime.block_on(watcher.run(tx, std::future::ready(()))).unwrap_err();
    assert!(err.to_string().contains("state.json: not a usable feed state file"), "{err}");
}
