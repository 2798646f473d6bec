//! The JSON API: every route, every filter, paging, and the 400s and 404s.

use crate::support::{self, all_pages, app, get, get_json, synthetic_store};
use axum::http::StatusCode;
use faultline_store::{ArticleRecord, EventStore, SqliteStore};
use serde_json::Value;
use std::collections::HashSet;

fn ids(page: &Value) -> Vec<String> {
    let mut ids: Vec<String> = page["events"]
        .as_array()
        .expect("an events array")
        .iter()
        .map(|e| e["event"]["id"].as_str().expect("an id").to_string())
        .collect();
    ids.sort();
    ids
}

/// Each filter of `/api/events` against the seed-like store (seven events, known by heart).
#[tokio::test]
async fn every_filter_selects_what_it_says() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let cases: &[(&str, &[&str])] = &[
        ("", &["pledge#1", "pledge#2", "pledge#3", "pledge#4", "pledge#5", "sanctions#1", "sanctions#2"]),
        ("actor=RUS", &["pledge#1", "pledge#3", "sanctions#1", "sanctions#2"]),
        ("actor=rusgov", &["pledge#1", "sanctions#1", "sanctions#2"]),
        ("source=RUS", &["pledge#1", "sanctions#2"]),
        ("target=CHN", &["pledge#1", "pledge#2", "pledge#5"]),
        ("dyad=RUS-CHN", &["pledge#1", "pledge#3"]),
        ("dyad=CHN,RUS", &["pledge#1", "pledge#3"]),
        ("dyad=RUS%3ECHN", &["pledge#1"]),
        ("dyad=CHN%3ERUS", &["pledge#3"]),
        ("cameo=13", &["pledge#2", "pledge#4"]),
        ("cameo=0", &["pledge#1", "pledge#3"]),
        ("root=11", &["pledge#5", "sanctions#2"]),
        ("plover=agree", &["pledge#1"]),
        ("plover=THREATEN", &["pledge#2", "pledge#4"]),
        ("quad=4", &["sanctions#1"]),
        ("modality=conditional", &["pledge#1", "pledge#2"]),
        ("modality=conditional,hypothetical", &["pledge#2"]),
        ("modality=conditional&modality=future", &["pledge#1"]),
        ("not_modality=factual", &["pledge#1", "pledge#2", "sanctions#2"]),
        ("modality=habitual", &["pledge#3", "pledge#4"]),
        ("modality=negated", &["sanctions#2"]),
        ("from=2025-12-10", &["pledge#1", "pledge#3", "pledge#4", "pledge#5"]),
        ("to=2025-11-30", &["pledge#2"]),
        ("from=2025-12-01&to=2025-12-20", &["pledge#5", "sanctions#1", "sanctions#2"]),
        ("text=Taiwan", &["pledge#1", "pledge#2", "pledge#3", "pledge#4", "pledge#5"]),
        ("text=Taiwan&scope=sentence", &["pledge#1", "pledge#2", "pledge#4"]),
        ("text=%22Taiwan+contingency%22&scope=sentence", &["pledge#1"]),
        ("text=sanction*", &["sanctions#1", "sanctions#2"]),
        ("article=sanctions", &["sanctions#1", "sanctions#2"]),
        ("article=nosuch", &[]),
        ("actor=RUS&plover=AGREE&modality=conditional", &["pledge#1"]),
        ("actor=SWE", &[]),
    ];
    for (query, expected) in cases {
        let page = get_json(&app, &format!("/api/events?{query}")).await;
        assert_eq!(ids(&page), *expected, "{query}");
        assert!(page.get("next").is_none(), "{query}: one page");
    }
}

/// An event as the API gives it: the whole model event, its key, its article.
#[tokio::test]
async fn events_carry_evidence_and_modality() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let page = get_json(&app, "/api/events?article=pledge&limit=1").await;
    let record = &page["events"][0];
    assert_eq!(record["event"]["id"], "pledge#2", "oldest first: the November remark");
    let page = get_json(&app, "/api/events?dyad=RUS%3ECHN").await;
    let e = &page["events"][0]["event"];
    assert_eq!(e["cameo"], "033");
    assert_eq!(e["plover"], "AGREE");
    assert_eq!(e["modality"]["condition"]["text"], "if a Taiwan contingency flares up");
    assert_eq!(e["modality"]["future"], true);
    assert_eq!(e["speaker"]["name"], "Sergei Lavrov");
    assert_eq!(e["evidence"]["rule"], "verbs/03-intent.txt:12 SUPPORT +will support");
    assert_eq!(
        page["events"][0]["article"]["title"],
        "Russia vows to support China if Taiwan contingency flares up: Top diplomat"
    );
}

/// Pages of a few hundred articles: every event exactly once, in event order, both ways.
#[tokio::test]
async fn cursor_paging_visits_every_event_once() {
    let (_dir, db) = synthetic_store(300);
    let n_events = SqliteStore::open_reader(&db).unwrap().stats().unwrap().events as usize;
    assert!(n_events > 1000, "{n_events}");
    let app = app(&db);
    for (order, cmp) in [("asc", std::cmp::Ordering::Less), ("desc", std::cmp::Ordering::Greater)] {
        let events = all_pages(&app, &format!("/api/events?limit=97&order={order}")).await;
        assert_eq!(events.len(), n_events, "{order}");
        let keys: HashSet<i64> = events.iter().map(|e| e["key"].as_i64().unwrap()).collect();
        assert_eq!(keys.len(), n_events, "{order}: no repeats");
        for pair in events.windows(2) {
            let a = (pair[0]["event"]["date"]["date"].as_str().unwrap(), pair[0]["key"].as_i64().unwrap());
            let b = (pair[1]["event"]["date"]["date"].as_str().unwrap(), pair[1]["key"].as_i64().unwrap());
            assert_eq!(a.cmp(&b), cmp, "{order}: {a:?} then {b:?}");
        }
    }
    // A filtered listing pages the same way, and keeps its filter in `next_url`.
    let first = get_json(&app, "/api/events?actor=RUS&limit=10").await;
    let next_url = first["next_url"].as_str().expect("more than one page");
    assert!(next_url.starts_with("/api/events?actor=RUS&limit=10&after="), "{next_url}");
    let all = all_pages(&app, "/api/events?actor=RUS&limit=10").await;
    let one = get_json(&app, "/api/events?actor=RUS&limit=1000").await;
    assert_eq!(all.len(), one["events"].as_array().unwrap().len());
}

#[tokio::test]
async fn one_event_by_id() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let body = get_json(&app, "/api/events/pledge%231").await;
    assert_eq!(body["event"]["id"], "pledge#1");
    assert_eq!(body["article"]["id"], "pledge");
    assert_eq!(body["html_url"], "/articles/pledge#ev-1");
    // Once the analysis snapshot exists, the event's cluster comes with it.
    get_json(&app, "/api/dyads/RUS/CHN").await;
    let body = get_json(&app, "/api/events/pledge%231").await;
    assert_eq!(body["cluster"]["n_reports"], 1);
    assert_eq!(body["cluster"]["reports"][0], "pledge#1");
    let missing = get(&app, "/api/events/pledge%2399").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"]["message"], "no event \"pledge#99\"");
    assert_eq!(get(&app, "/api/events/nonsense").await.status, StatusCode::NOT_FOUND);
}

/// The article with every span, each of which lies on the text.
#[tokio::test]
async fn an_article_with_its_spans() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let body = get_json(&app, "/api/articles/pledge").await;
    let text = body["article"]["text"].as_str().unwrap();
    assert!(text.starts_with("Russia vows to support China"));
    assert_eq!(body["events"].as_array().unwrap().len(), 5);
    assert_eq!(body["quotes"].as_array().unwrap().len(), 1);
    assert!(!body["mentions"].as_array().unwrap().is_empty());
    let spans = body["spans"].as_array().unwrap();
    let kinds: HashSet<&str> = spans.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    for kind in ["mention", "sentence", "trigger", "source", "target", "condition", "date", "quote"] {
        assert!(kinds.contains(kind), "no {kind} span");
    }
    for span in spans {
        let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
        assert!(text.get(start..end).is_some_and(|s| !s.is_empty()), "{span}");
    }
    let condition = spans.iter().find(|s| s["kind"] == "condition" && s["event"] == "pledge#1").unwrap();
    let (start, end) =
        (condition["start"].as_u64().unwrap() as usize, condition["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "if a Taiwan contingency flares up");
    let date = spans.iter().find(|s| s["kind"] == "date").unwrap();
    assert_eq!(date["event"], "pledge#2");
    let missing = get(&app, "/api/articles/nosuch").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"]["message"], "no article \"nosuch\"");
}

#[tokio::test]
async fn a_skipped_page_is_a_404_that_says_why() {
    let skip = faultline_model::Skip::new("stub", faultline_model::SkipReason::Paywall);
    let (_dir, db) = support::store_with(&[ArticleRecord::from(skip)]);
    let app = app(&db);
    let reply = get(&app, "/api/articles/stub").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["error"]["message"], "article \"stub\" was skipped at ingest: paywall");
}

#[tokio::test]
async fn actors_and_one_actor() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let body = get_json(&app, "/api/actors").await;
    let codes: Vec<&str> =
        body["actors"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"RUSGOV") && codes.contains(&"CHN"), "{codes:?}");
    assert_eq!(body["total"].as_u64().unwrap() as usize, codes.len());
    let body = get_json(&app, "/api/actors?q=rus&limit=2").await;
    assert_eq!(body["actors"].as_array().unwrap().len(), 2);
    assert!(
        body["actors"].as_array().unwrap().iter().all(|a| a["code"].as_str().unwrap().starts_with("RUS"))
    );
    let body = get_json(&app, "/api/actors?q=lavrov").await;
    assert_eq!(body["actors"][0]["code"], "RUSGOV", "names are searched too");

    let body = get_json(&app, "/api/actors/RUS").await;
    assert_eq!(body["code"], "RUS");
    let sub: Vec<&str> =
        body["codes"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
    assert!(sub.contains(&"RUSGOV") && sub.contains(&"RUSMIL"), "{sub:?}");
    let partners: Vec<String> = body["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}-{}", d["dyad"]["a"].as_str().unwrap(), d["dyad"]["b"].as_str().unwrap()))
        .collect();
    assert!(partners.contains(&"CHN-RUS".to_string()), "{partners:?}");
    let recent = body["recent"].as_array().unwrap();
    assert_eq!(recent.len(), 4);
    assert_eq!(recent[0]["event"]["date"]["date"], "2025-12-28", "newest first");

    let body = get_json(&app, "/api/actors/rusgov").await;
    assert_eq!(body["summary"]["code"], "RUSGOV");
    assert!(body["summary"]["names"].as_array().unwrap().iter().any(|n| n["name"] == "Sergei Lavrov"));
    assert_eq!(get(&app, "/api/actors/XYZ").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/actors/RU%27S").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&app, "/api/actors?limit=0").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn dyad_series_per_cluster_by_default() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let body = get_json(&app, "/api/dyads/RUS/CHN").await;
    let series = &body["series"];
    assert_eq!(series["dyad"]["a"], "CHN");
    assert_eq!(series["dyad"]["b"], "RUS");
    assert_eq!(series["options"]["unit"], "cluster");
    assert_eq!(series["options"]["direction"], "undirected");
    assert_eq!(series["bucket"], "week");
    // Factual only by default: the conditional pledge is not counted, the habitual joint
    // flights are.
    assert_eq!(series["total"], 1);
    assert_eq!(body["alerts"], serde_json::json!([]));
    let all = get_json(&app, "/api/dyads/RUS/CHN?modality=all").await;
    assert_eq!(all["series"]["total"], 2);
    let directed =
        get_json(&app, "/api/dyads/RUS/CHN?modality=all&directed=true&unit=report&bucket=month").await;
    let s = &directed["series"];
    assert_eq!(
        (s["total"].as_u64(), s["options"]["unit"].as_str(), s["bucket"].as_str()),
        (Some(1), Some("report"), Some("month"))
    );
    assert_eq!(s["buckets"][0]["start"], "2025-12-01");
    assert_eq!(s["buckets"][0]["plover"]["AGREE"], 1);
    let by_day = get_json(&app, "/api/dyads/CHN/TWN?bucket=day").await;
    assert_eq!(by_day["series"]["total"], 1);
    let empty = get_json(&app, "/api/dyads/SWE/CUB").await;
    assert_eq!(empty["series"]["total"], 0);
    for bad in [
        "/api/dyads/RUS/CHN?bucket=year",
        "/api/dyads/RUS/CHN?unit=event",
        "/api/dyads/R-S/CHN",
        "/api/dyads/RUS/CHN?directed=maybe",
    ] {
        assert_eq!(get(&app, bad).await.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}

/// A dyad with a quiet baseline and then a week of strikes: one escalation alert,
/// with the strikes as its drivers (the store's synthetic recipe, shared with the CLI's
/// `faultline alerts` test).
pub fn escalation() -> Vec<ArticleRecord> {
    faultline_store::synth::escalation()
}

#[tokio::test]
async fn alerts_find_an_escalation_and_its_drivers() {
    let (_dir, db) = support::store_with(&escalation());
    let app = app(&db);
    let body = get_json(&app, "/api/alerts").await;
    let alerts = body["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{body:#}");
    assert_eq!(body["total"], 1);
    let alert = &alerts[0];
    assert_eq!((alert["dyad"]["a"].as_str(), alert["dyad"]["b"].as_str()), (Some("DEU"), Some("FRA")));
    assert!(alert["score"].as_f64().unwrap() >= 3.0);
    let drivers = alert["drivers"].as_array().unwrap();
    assert!(drivers.len() >= 3, "{drivers:?}");
    assert!(drivers.iter().all(|d| d["event_id"].as_str().unwrap().starts_with("strike-")));
    assert_eq!(body["config"]["threshold"], 3.0);
    assert_eq!(get_json(&app, "/api/alerts?actor=FRA").await["total"], 1);
    assert_eq!(get_json(&app, "/api/alerts?actor=CHN").await["total"], 0);
    assert_eq!(get_json(&app, "/api/alerts?threshold=40").await["total"], 0);
    assert_eq!(
        get_json(&app, "/api/alerts?limit=1&unit=report").await["alerts"].as_array().unwrap().len(),
        1
    );
    for bad in
        ["/api/alerts?window_days=0", "/api/alerts?threshold=x", "/api/alerts?unit=x", "/api/alerts?foo=1"]
    {
        assert_eq!(get(&app, bad).await.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    // The dyad's own answer lists it too.
    let dyad = get_json(&app, "/api/dyads/FRA/DEU").await;
    assert_eq!(dyad["alerts"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_requests_are_400_with_a_message() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    for (uri, needle) in [
        ("/api/events?actr=RUS", "unknown parameter"),
        ("/api/events?actor=RUS%3B--", "actor: expected an actor code"),
        ("/api/events?limit=5000", "limit"),
        ("/api/events?from=yesterday", "from: expected a date"),
        ("/api/events?plover=HUG", "plover"),
        ("/api/events?after=garbage", "invalid cursor"),
        ("/api/events?modality=perhaps", "unknown modality"),
        ("/api/events?order=sideways", "order"),
        ("/api/actors?q=a&x=1", "unknown parameter"),
    ] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}: {}", reply.body);
        assert!(reply.header("content-type").starts_with("application/json"), "{uri}");
        let body = reply.json();
        assert_eq!(body["error"]["status"], 400);
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{uri}: {message}");
    }
    let reply = get(&app, "/api/nothing/here").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["error"]["message"], "no route /api/nothing/here");
}

#[tokio::test]
async fn health_and_metrics() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let health = get_json(&app, "/api/health").await;
    assert_eq!(health["status"], "ok");
    assert_eq!((health["articles"].as_u64(), health["events"].as_u64()), (Some(3), Some(7)));
    assert_eq!(health["analysis"]["ready"], false, "built on first use in tests");
    get_json(&app, "/api/events?actor=RUS").await;
    get_json(&app, "/api/events/pledge%231").await;
    get(&app, "/api/events?limit=0").await;
    get_json(&app, "/api/dyads/RUS/CHN").await;
    let health = get_json(&app, "/api/health").await;
    assert_eq!(health["analysis"]["ready"], true);
    assert_eq!(health["analysis"]["events"], 7);
    let reply = get(&app, "/metrics").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("content-type").starts_with("text/plain; version=0.0.4"));
    let text = reply.body;
    for line in [
        "faultline_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"200\"} 1",
        "faultline_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"400\"} 1",
        "faultline_http_requests_total{route=\"/api/events/{id}\",method=\"GET\",status=\"200\"} 1",
        "faultline_http_request_duration_seconds_count{route=\"/api/dyads/{a}/{b}\"} 1",
        "faultline_store_rows{table=\"events\"} 7",
        "faultline_store_rows{table=\"articles\"} 3",
        "faultline_analysis_clusters ",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // Series stay bounded: a requested path never becomes a label.
    assert!(!text.contains("pledge"), "{text}");
}

/// New events stored while the server runs reach the analysis snapshot.
#[tokio::test]
async fn the_snapshot_follows_the_store() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    assert_eq!(get_json(&app, "/api/dyads/FRA/DEU?modality=all").await["series"]["total"], 0);
    let mut writer = SqliteStore::open(&db).unwrap();
    writer.store_batch(&escalation()).unwrap();
    drop(writer);
    // The store is checked at most every two seconds; the rebuild runs in the background.
    let mut total = 0;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        total = get_json(&app, "/api/dyads/FRA/DEU?modality=all").await["series"]["total"].as_u64().unwrap();
        if total > 0 {
            break;
        }
    }
    assert_eq!(total, 34);
}
