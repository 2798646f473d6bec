//! `faultline events` on an ingested store: each filter, each format, per report and per
//! cluster, limits.

#![allow(clippy::unwrap_used)]

mod ingest_support;

use ingest_support::{faultline, page, write_pages};
use std::path::Path;
use std::sync::OnceLock;

/// One store for all tests: 60 synthetic stories, and a second outlet's copy of stories
/// 0 to 4 (same events, other title and URL).
fn store() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    let (_, db) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("pages");
        write_pages(&pages, 60);
        for n in 0..5 {
            let copy =
                page(n).replace(&format!("Synthetic story {n}<"), &format!("Outlet B carries story {n}<"));
            std::fs::write(pages.join(format!("copy-{n}.html")), copy).unwrap();
        }
        let db = dir.path().join("events.db");
        let out = faultline().args(["ingest", "--quiet", "--db"]).arg(&db).arg(&pages).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (dir, db)
    });
    db
}

fn events(args: &[&str]) -> (String, String) {
    let out = faultline().arg("events").arg("--db").arg(store()).args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?}\n{stderr}");
    (stdout, stderr)
}

fn jsonl(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "jsonl"];
    all.extend_from_slice(args);
    events(&all).0.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn codes(record: &serde_json::Value) -> (String, String) {
    let event = &record["event"];
    (
        event["source"]["code"].as_str().unwrap().to_string(),
        event["target"]["code"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn filters_select_what_they_say() {
    let all = jsonl(&[]);
    assert!(all.len() >= 65, "{}", all.len());
    let check = |args: &[&str], keep: &dyn Fn(&serde_json::Value) -> bool| {
        let got = jsonl(args);
        let expected: Vec<&serde_json::Value> = all.iter().filter(|r| keep(r)).collect();
        assert!(!expected.is_empty(), "{args:?} selects nothing in this store");
        assert_eq!(got.len(), expected.len(), "{args:?}");
        assert!(got.iter().all(keep), "{args:?}");
    };
    let starts = |code: String, prefix: &str| code.starts_with(prefix);
    check(&["--actor", "CHN"], &|r| starts(codes(r).0, "CHN") || starts(codes(r).1, "CHN"));
    check(&["--source", "USA"], &|r| starts(codes(r).0, "USA"));
    check(&["--target", "IRN"], &|r| starts(codes(r).1, "IRN"));
    check(&["--dyad", "JPN,CHN"], &|r| {
        let (s, t) = codes(r);
        (starts(s.clone(), "JPN") && starts(t.clone(), "CHN")) || (starts(s, "CHN") && starts(t, "JPN"))
    });
    check(&["--dyad", "CHN,JPN", "--directed"], &|r| starts(codes(r).0, "CHN") && starts(codes(r).1, "JPN"));
    check(&["--root", "19"], &|r| r["event"]["cameo"].as_str().unwrap().starts_with("19"));
    check(&["--cameo", "112"], &|r| r["event"]["cameo"].as_str().unwrap().starts_with("112"));
    check(&["--plover", "ACCUSE"], &|r| r["event"]["plover"] == "ACCUSE");
    check(&["--quad", "4"], &|r| r["event"]["quad_class"] == 4);
    check(&["--modality", "reported"], &|r| r["event"]["modality"]["attribution"] == "reported");
    check(&["--not-modality", "reported"], &|r| r["event"]["modality"]["attribution"] != "reported");
    check(&["--from", "2025-03-10", "--to", "2025-03-12"], &|r| {
        let date = r["event"]["date"]["date"].as_str().unwrap();
        ("2025-03-10"..="2025-03-12").contains(&date)
    });
    check(&["--text", "Kharkiv"], &|r| {
        r["event"]["evidence"]["sentence_text"].as_str().unwrap().contains("Kharkiv")
    });
    check(&["--text", "Kharkiv", "--in", "sentence"], &|r| {
        r["event"]["evidence"]["sentence_text"].as_str().unwrap().contains("Kharkiv")
    });
    check(&["--article", "story-0007"], &|r| r["article"]["id"] == "story-0007");
}

#[test]
fn clusters_count_events_not_reports() {
    let per_report = jsonl(&["--actor", "RUS"]);
    let per_cluster = jsonl(&["--actor", "RUS", "--per-cluster"]);
    assert!(per_cluster.len() < per_report.len(), "{} vs {}", per_cluster.len(), per_report.len());
    // Story 0 (Russian shelling) and its copy: one cluster of two reports in two articles.
    // The copy is read first (name order), so it stands for the cluster.
    let listed: Vec<&serde_json::Value> = per_cluster
        .iter()
        .filter(|r| r["article"]["id"] == "story-0000" || r["article"]["id"] == "copy-0")
        .collect();
    assert_eq!(listed.len(), 1, "one row for the two reports");
    assert_eq!(listed[0]["cluster_counts"]["reports"], 2);
    assert_eq!(listed[0]["cluster_counts"]["articles"], 2);

    let names: Vec<&str> = faultline_store::export::GDELT_COLUMNS.iter().map(|(n, _)| *n).collect();
    let (tsv, _) = events(&["--format", "gdelt", "--per-cluster", "--actor", "RUS"]);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), per_cluster.len());
    assert!(rows.iter().all(|r| r.len() == 61));
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(rows.iter().any(|r| r[at("NumArticles")] == "2"));
}

#[test]
fn formats_and_limits() {
    let (table, note) = events(&["--limit", "3"]);
    assert_eq!(table.lines().count(), 4, "a header and three rows:\n{table}");
    assert!(table.starts_with("DATE"));
    assert!(note.contains("more match"), "{note}");
    let (csv, _) = events(&["--format", "csv", "--limit", "0"]);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("key,event_id,article_id,date"), "{header}");
    assert!(header.ends_with("cluster,cluster_reports,cluster_articles,cluster_outlets"), "{header}");
    let (all_jsonl, _) = events(&["--format", "jsonl"]);
    assert!(all_jsonl.lines().count() > 50, "exports are not limited by default");
    let (newest, _) = events(&["--format", "jsonl", "--limit", "1", "--newest-first"]);
    let last = all_jsonl.lines().last().unwrap();
    let newest: serde_json::Value = serde_json::from_str(newest.trim()).unwrap();
    let last: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(newest["event"]["date"], last["event"]["date"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.tsv");
    events(&["--format", "gdelt", "--output", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), all_jsonl.lines().count());
    let (none, note) = events(&["--actor", "XYZ"]);
    assert_eq!(none.lines().count(), 1);
    assert!(note.contains("no events"), "{note}");
}

#[test]
fn a_missing_database_is_an_error() {
    let out = faultline().args(["events", "--db", "/nonexistent/x.db"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("faultline ingest"));
}
