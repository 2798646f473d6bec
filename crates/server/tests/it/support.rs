//! Stores to serve, and a client that calls the application without a socket.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use faultline_engine::{EngineConfig, Quiet};
use faultline_model::{Basis, BasisKind, Pledge, Plover, Precision, Span, Stance, Terms};
use faultline_server::{ServerConfig, router};
use faultline_sources::{Input, ReadOptions};
use faultline_store::synth::{self, Synth, SynthConfig, article, event};
use faultline_store::{ArticleRecord, EventStore, SqliteStore};
use http_body_util::BodyExt;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

/// The workspace root.
pub fn workspace() -> PathBuf {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    std::fs::canonicalize(&path).unwrap_or(path)
}

/// The shared data folder (`FAULTLINE_SHARED`, else `<workspace>/../shared`), if present.
pub fn shared() -> Option<PathBuf> {
    let dir =
        std::env::var_os("FAULTLINE_SHARED").map_or_else(|| workspace().join("../shared"), PathBuf::from);
    dir.is_dir().then_some(dir)
}

/// The seed page, if the shared folder is present.
pub fn seed_page() -> Option<PathBuf> {
    let path = shared()?.join("seed/000_866e2b0e9ed6430e.txt");
    path.is_file().then_some(path)
}

/// A database file in a fresh temporary folder (kept alive by the returned guard).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("faultline.db");
    (dir, path)
}

/// The seed's story as synthetic articles: the conditional pledge (quoted; a `Pledge` to
/// China on a treaty, triggered by a conflict over Taiwan), the hypothetical remark dated
/// November (a `Pledge` to the United States against China, triggered by a Chinese attack
/// on Taiwan), the habitual bomber flights, a background stance; plus an article with two
/// events in one sentence and one with no events.
pub fn seed_like() -> Vec<ArticleRecord> {
    let d = jiff::civil::date;
    let pledge = article("pledge")
        .title("Russia vows to support China if Taiwan contingency flares up: Top diplomat")
        .published(d(2025, 12, 28))
        .event(
            event("RUSGOV", "033")
                .source_as("Foreign Minister Sergei Lavrov", Some("Sergei Lavrov"))
                .target("CHN")
                .target_as("China", None)
                .plover(Some(Plover::Agree))
                .future()
                .conditional("if a Taiwan contingency flares up")
                .quoted_by("RUSGOV", Some("Sergei Lavrov"))
                .words("over the Taiwan contingency")
                .rule("verbs/03-intent.txt:12 SUPPORT +will support")
                .trigger(synth::trigger("any", "conflict", "TWN"))
                .pledge(Pledge {
                    beneficiary: Some(synth::actor("CHN")),
                    basis: Some(Basis {
                        kind: BasisKind::Treaty,
                        text: "a treaty with China".into(),
                        span: Span::default(),
                        counterpart: Some(synth::actor("CHN")),
                        venue: None,
                        cited_by: None,
                    }),
                    terms: Some(Terms { text: "mutual support".into(), span: Span::default() }),
                    ..Pledge::default()
                }),
        )
        .event(
            event("JPNGOV", "138")
                .target("CHN")
                .hypothetical()
                .conditional("if China attacks Taiwan")
                .dated(d(2025, 11, 1), Precision::Month, "in November")
                .reported()
                .trigger(synth::trigger("CHN", "190", "TWN"))
                .pledge(Pledge {
                    beneficiary: Some(synth::actor("USA")),
                    adversary: Some(synth::actor("CHN")),
                    stance: Stance::Possible,
                    ..Pledge::default()
                }),
        )
        .event(event("CHNMIL", "062").target("RUSMIL").habitual().mode("", &["military"]))
        .event(event("CHNGOV", "138").target("TWN").habitual())
        .event(event("JPNMIL", "111").target("CHN").on(d(2025, 12, 20)))
        .paragraph("This paragraph codes nothing.")
        .build();
    let sanctions = article("sanctions")
        .title("Sanctions talks")
        .published(d(2025, 12, 1))
        .event(event("USAGOV", "163").target("RUSGOV").words("over sanctions"))
        .event(event("RUSGOV", "111").target("USAGOV").negated())
        .build();
    let quiet =
        article("quiet").title("A quiet day").published(d(2025, 12, 2)).paragraph("Nothing at all.").build();
    vec![pledge.into(), sanctions.into(), quiet.into()]
}

/// A database with [`seed_like`] and `n_generated` articles of the seeded generator.
pub fn synthetic_store(n_generated: usize) -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("a new store");
    store.store_batch(&seed_like()).expect("the seed-like batch");
    if n_generated > 0 {
        let mut synth = Synth::new(SynthConfig { articles: n_generated, seed: 7, ..SynthConfig::default() });
        let batch = synth.batch(n_generated);
        store.store_batch(&batch).expect("a generated batch");
    }
    drop(store);
    (dir, path)
}

/// A database with `records`.
pub fn store_with(records: &[ArticleRecord]) -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_db();
    let mut store = SqliteStore::open(&path).expect("a new store");
    store.store_batch(records).expect("the batch");
    drop(store);
    (dir, path)
}

/// The real pipeline over `inputs` (files or folders) into a new database: the engine
/// reads, decodes, extracts, codes, clusters and stores, as `faultline ingest` does.
/// Pages that are not articles are stored as skips.
pub fn ingest(inputs: &[&Path]) -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_db();
    let inputs: Vec<Input> = inputs.iter().map(|p| Input::Path(p.to_path_buf())).collect();
    let config = EngineConfig {
        threads: 2,
        default_date: Some(jiff::civil::date(2025, 12, 28)),
        db_path: path.clone(),
        ..EngineConfig::default()
    };
    let engine = config.build().expect("the built-in engine");
    let mut store = SqliteStore::open(&path).expect("a new store");
    let documents = faultline_sources::documents(&inputs, ReadOptions::default());
    engine.ingest(&mut store).expect("an ingest").run(documents, &mut Quiet).expect("the ingest runs");
    drop(store);
    (dir, path)
}

/// The application over `db`, with the analysis snapshot built on first use.
pub fn app(db: &Path) -> Router {
    router(&ServerConfig { warm_analysis: false, ..ServerConfig::new(db) })
        .expect("a server over the test store")
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// `GET uri` against the application.
pub async fn get(app: &Router, uri: &str) -> Reply {
    let request = Request::builder().uri(uri).body(Body::empty()).expect("a request");
    let response = app.clone().oneshot(request).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("the body").to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// `GET uri`, asserting 200, as JSON.
pub async fn get_json(app: &Router, uri: &str) -> serde_json::Value {
    let reply = get(app, uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    assert!(reply.header("content-type").starts_with("application/json"), "{uri}");
    reply.json()
}

/// `GET uri`, asserting 200, as HTML.
pub async fn get_page(app: &Router, uri: &str) -> String {
    let reply = get(app, uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    assert!(reply.header("content-type").starts_with("text/html"), "{uri}");
    reply.body
}

/// Every event of a listing, following `next` cursors.
pub async fn all_pages(app: &Router, first_uri: &str) -> Vec<serde_json::Value> {
    let mut events = Vec::new();
    let mut uri = first_uri.to_string();
    for _ in 0..10_000 {
        let page = get_json(app, &uri).await;
        events.extend(page["events"].as_array().cloned().unwrap_or_default());
        match page["next_url"].as_str() {
            Some(next) => uri = next.to_string(),
            None => return events,
        }
    }
    panic!("paging did not end");
}
