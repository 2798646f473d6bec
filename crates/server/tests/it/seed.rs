//! The real pipeline on the bundled samples (and the seed page, when `../shared` is
//! present): what the coder made is served, page ids with `/` in them work, and the
//! seed's conditional pledge is marked on its text with its evidence.

use crate::support::{self, app, get, get_json, get_page};
use axum::http::StatusCode;
use std::path::PathBuf;

/// The id the sources give the seed page (its file stem).
pub const SEED_ID: &str = "000_866e2b0e9ed6430e";
/// The seed's E1 evidence, as EXPECTED.md gives it.
pub const SEED_PLEDGE: &str = "Russia will support China if a Taiwan contingency flares up";

/// The inputs of the dashboard's real store: `samples/`, and the seed page if present.
pub fn real_inputs() -> Vec<PathBuf> {
    let mut inputs = vec![support::workspace().join("samples")];
    match support::seed_page() {
        Some(seed) => inputs.push(seed),
        None => eprintln!("note: ../shared is absent: the seed page is not ingested, samples only"),
    }
    inputs
}

#[tokio::test]
async fn the_samples_are_served() {
    let (_dir, db) = support::ingest(&[&support::workspace().join("samples")]);
    let app = app(&db);
    let health = get_json(&app, "/api/health").await;
    assert!(health["articles"].as_u64().unwrap() >= 7, "{health}");
    let events = get_json(&app, "/api/events?limit=1000").await;
    assert!(events["events"].as_array().unwrap().len() >= 20);
    // Ids from file paths hold a slash: percent-encoded in links, one path segment.
    let body = get_json(&app, "/api/articles/html%2Fborder-clash").await;
    assert_eq!(body["article"]["id"], "html/border-clash");
    let html = get_page(&app, "/articles/html%2Fborder-clash").await;
    assert!(html.contains("<mark class=\"ev\""));
    let feed = get_page(&app, "/?article=html%2Fborder-clash").await;
    assert!(feed.contains("href=\"/articles/html%2Fborder-clash#ev-1\""), "{feed}");
    let first = get_json(&app, "/api/events?article=html%2Fborder-clash&limit=1").await;
    let id = first["events"][0]["event"]["id"].as_str().unwrap().to_string();
    let one = get_json(&app, &format!("/api/events/{}", faultline_server::path_segment(&id))).await;
    assert_eq!(one["event"]["id"].as_str(), Some(id.as_str()));
    // The skipped samples say why.
    let reply = get(&app, "/api/articles/text%2Fpaywall_stub").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.json()["error"]["message"].as_str().unwrap().contains("skipped at ingest"));
}

#[tokio::test]
async fn the_seed_pledge_is_marked_with_its_evidence() {
    let Some(seed) = support::seed_page() else {
        eprintln!("note: ../shared is absent: the seed page test is skipped");
        return;
    };
    let (_dir, db) = support::ingest(&[&seed]);
    let app = app(&db);
    let events = get_json(&app, "/api/events?actor=RUS&plover=AGREE").await;
    let pledge = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"]["evidence"]["sentence_text"].as_str().unwrap().contains(SEED_PLEDGE))
        .expect("the pledge among RUS AGREE events");
    assert_eq!(pledge["event"]["modality"]["condition"]["text"], "if a Taiwan contingency flares up");
    let href = format!("/articles/{SEED_ID}");
    let html = get_page(&app, &href).await;
    assert!(html.contains("Russia vows to support China if Taiwan contingency flares up"));
    let mark = html
        .split("<mark class=\"ev\"")
        .skip(1)
        .map(|m| &m[..m.find("</mark>").unwrap_or(m.len())])
        .find(|m| strip_tags(m).contains(SEED_PLEDGE))
        .expect("the pledge sentence is marked");
    assert!(mark.contains("<span class=\"cond\""), "its condition is marked inside it: {mark}");
    assert!(mark.contains("<span class=\"trig\""), "and its trigger: {mark}");
    assert!(html.contains("<dd class=\"condition\">if a Taiwan contingency flares up</dd>"));
    assert!(html.contains("badge conditional"));
    assert!(html.contains("Sergei Lavrov (RUSGOV)"));
    let series = get_json(&app, "/api/dyads/RUS/CHN?modality=all").await;
    assert!(series["series"]["total"].as_u64().unwrap() >= 1);
}

/// The text of an HTML fragment (tags dropped, the few entities the templates write
/// decoded).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
}
