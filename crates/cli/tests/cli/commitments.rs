//! `faultline commitments` and `faultline contingency` on the seed and its synthetic
//! follow-ups, through the real extractor, coder and analysis: the two commitments of the
//! seed's EXPECTED.md, their status after the follow-ups, and `contingency CHN attacks
//! TWN` returning both with their evidence. The real seed (`../shared/seed`) is used when
//! present; a synthetic paraphrase of it (`tests/data/seed_paraphrase.txt`, the same
//! situations in other words) always is.

#![allow(clippy::unwrap_used)] // test helpers may panic on what the binary printed

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn faultline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
}

fn shared_seed() -> Option<PathBuf> {
    let dir = std::env::var_os("FAULTLINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(WORKSPACE).join("../shared"));
    let seed = dir.join("seed/000_866e2b0e9ed6430e.txt");
    seed.is_file().then_some(seed)
}

fn paraphrase() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed_paraphrase.txt")
}

/// The seed (or its paraphrase) and the follow-ups: Russia restating its pledge (twice,
/// once without a condition) and Japan's government softening Takaichi's remark.
fn inputs(seed: &Path) -> Vec<PathBuf> {
    let samples = PathBuf::from(WORKSPACE).join("samples/text");
    vec![
        seed.to_path_buf(),
        samples.join("reuters_russia_china_taiwan.txt"),
        samples.join("eurasiawire_russia_restates_taiwan_pledge.txt"),
        samples.join("asiawire_japan_softens_takaichi_remark.txt"),
    ]
}

fn run_json(args: &[&str], inputs: &[PathBuf]) -> Value {
    let out = faultline().args(args).args(inputs).output().expect("faultline runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn find<'v>(commitments: &'v [Value], holder: &str, beneficiary: &str) -> &'v Value {
    commitments
        .iter()
        .find(|c| c["holder"] == holder && c["beneficiary"] == beneficiary)
        .unwrap_or_else(|| panic!("no {holder} -> {beneficiary} commitment in {commitments:#?}"))
}

/// The two commitments of EXPECTED.md, as the register keeps them after the follow-ups.
fn check_commitments(commitments: &[Value], seed_id: &str) {
    let russia = find(commitments, "RUS", "CHN");
    assert_eq!(russia["class"], "support");
    assert_eq!(russia["trigger"]["action"]["kind"], "conflict", "{russia:#}");
    assert!(russia["trigger"]["source"].is_null(), "a Taiwan contingency: anyone's");
    assert_eq!(russia["trigger"]["target"]["code"], "TWN");
    assert_eq!(russia["basis"]["kind"], "treaty");
    assert!(russia["basis"]["text"].as_str().unwrap().contains("treaty with China"), "{russia:#}");
    assert_eq!(russia["basis"]["cited_by"]["code"], "RUSGOV");
    assert!(russia["terms"].as_str().unwrap().starts_with("mutual support in"), "{russia:#}");
    assert_eq!(russia["first_seen"], "2025-12-28");
    assert_eq!(russia["status"], "reaffirmed");
    let reports = russia["reports"].as_array().unwrap();
    assert!(reports[0]["event_id"].as_str().unwrap().starts_with(seed_id));
    assert_eq!(reports[0]["effect"], "founded");
    // Article ids are file names, under their folder when a folder was read.
    let reaffirmed_by = |name: &str| {
        reports.iter().any(|r| {
            let id = r["article_id"].as_str().unwrap();
            (id == name || id.ends_with(&format!("/{name}"))) && r["effect"] == "reaffirmed"
        })
    };
    assert!(reaffirmed_by("eurasiawire_russia_restates_taiwan_pledge"), "{reports:#?}");
    assert!(reaffirmed_by("reuters_russia_china_taiwan"), "{reports:#?}");

    let japan = find(commitments, "JPN", "USA");
    assert_eq!(japan["adversary"], "CHN");
    assert_eq!(japan["class"], "military");
    assert_eq!(japan["trigger"]["action"]["kind"], "act");
    assert_eq!(japan["trigger"]["action"]["plover"], "ASSAULT");
    assert_eq!(japan["trigger"]["source"]["code"], "CHN");
    assert_eq!(japan["trigger"]["target"]["code"], "TWN");
    assert_eq!(japan["basis"]["kind"], "statement");
    assert_eq!(japan["basis"]["venue"], "parliament");
    assert!(japan["terms"].as_str().unwrap().contains("defence forces"), "{japan:#}");
    assert_eq!(
        (&japan["first_seen"], &japan["first_precision"]),
        (&Value::from("2025-11-01"), &Value::from("month"))
    );
    assert_eq!(japan["status"], "weakened");
    let effects: Vec<&str> =
        japan["reports"].as_array().unwrap().iter().map(|r| r["effect"].as_str().unwrap()).collect();
    assert_eq!(effects, ["founded", "weakened"]);
}

fn check_contingency(answer: &Value, pledge_words: &str, warning_words: &str) {
    let matches = answer["commitments"].as_array().unwrap();
    assert_eq!(matches.len(), 2, "{answer:#}");
    let holders: Vec<&str> = matches.iter().map(|m| m["commitment"]["holder"].as_str().unwrap()).collect();
    assert_eq!(holders, ["RUS", "JPN"], "standing commitments first");
    let sentences = |i: usize| -> Vec<String> {
        matches[i]["commitment"]["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["sentence"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(sentences(0)[0].contains(pledge_words), "{:?}", sentences(0));
    assert!(sentences(1)[0].contains(warning_words), "{:?}", sentences(1));
    let dyads: Vec<String> = answer["dyads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}-{} {}",
                d["a"].as_str().unwrap(),
                d["b"].as_str().unwrap(),
                d["roles"][0].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        dyads,
        [
            "CHN-TWN attacker_target",
            "RUS-CHN holder_beneficiary",
            "JPN-USA holder_beneficiary",
            "JPN-CHN holder_adversary"
        ]
    );
}

#[test]
fn seed_commitments_and_contingency() {
    let Some(seed) = shared_seed() else {
        eprintln!("note: ../shared/seed not found; the paraphrase test stands in for it");
        return;
    };
    let inputs = inputs(&seed);
    let commitments = run_json(&["commitments", "--json"], &inputs);
    check_commitments(commitments.as_array().unwrap(), "000_866e2b0e9ed6430e#");
    let answer = run_json(&["contingency", "CHN", "attacks", "TWN", "--json"], &inputs);
    check_contingency(
        &answer,
        "Russia will support China if a Taiwan contingency flares up",
        "a Chinese attack on Taiwan could constitute",
    );
}

#[test]
fn paraphrase_commitments_and_contingency() {
    let inputs = inputs(&paraphrase());
    let commitments = run_json(&["commitments", "--json"], &inputs);
    check_commitments(commitments.as_array().unwrap(), "seed_paraphrase#");
    let answer = run_json(&["contingency", "CHN", "attacks", "TWN", "--json"], &inputs);
    check_contingency(
        &answer,
        "Russia will support China in the event of a crisis over Taiwan",
        "a Chinese invasion of Taiwan",
    );
}

#[test]
fn contingency_prints_a_readable_report() {
    let out = faultline()
        .args(["contingency", "CHN", "attacks", "TWN"])
        .args(inputs(&paraphrase()))
        .output()
        .expect("faultline runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "If CHN attacks TWN (CAMEO 190):",
        "2 commitments would be set off:",
        "RUS -> CHN support, reaffirmed",
        "JPN -> USA (against CHN) military, weakened",
        "trigger:  (any, conflict, TWN)",
        "trigger:  (CHN, 190 ASSAULT, TWN)",
        "basis:    statement in parliament",
        "Dyads involved",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn contingency_rejects_unknown_actions() {
    let out = faultline().args(["contingency", "CHN", "tickles", "TWN"]).arg(paraphrase()).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown action"));
}

#[test]
fn nothing_sets_off_what_nobody_pledged() {
    let answer = run_json(&["contingency", "RUS", "attacks", "NOR", "--json"], &inputs(&paraphrase()));
    assert!(answer["commitments"].as_array().unwrap().is_empty(), "{answer:#}");
}

// ---- over a store --------------------------------------------------------------------

/// `faultline ingest --db DB inputs...` into a new database.
fn ingest(inputs: &[PathBuf]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let out = faultline().args(["ingest", "--quiet", "--db"]).arg(&db).args(inputs).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, db)
}

/// The seed (or its paraphrase) and every bundled sample.
fn seed_and_samples(seed: &Path) -> Vec<PathBuf> {
    vec![seed.to_path_buf(), PathBuf::from(WORKSPACE).join("samples")]
}

/// The store answers as the pages coded on the fly do: the same commitments (every field,
/// every report), the same contingency answer, and it passes the same checks.
fn check_store_against_pages(seed: &Path, seed_id: &str, pledge_words: &str, warning_words: &str) {
    let inputs = seed_and_samples(seed);
    let (_dir, db) = ingest(&inputs);
    let db = db.to_str().unwrap();

    let from_store = run_json(&["commitments", "--json", "--db", db], &[]);
    let on_the_fly = run_json(&["commitments", "--json"], &inputs);
    check_commitments(from_store.as_array().unwrap(), seed_id);
    assert_eq!(from_store, on_the_fly, "the store's register differs from the pages'");

    let answer = run_json(&["contingency", "CHN", "attacks", "TWN", "--json", "--db", db], &[]);
    check_contingency(&answer, pledge_words, warning_words);
    let answer_on_the_fly = run_json(&["contingency", "CHN", "attacks", "TWN", "--json"], &inputs);
    assert_eq!(answer, answer_on_the_fly, "the store's contingency answer differs from the pages'");

    // Filters apply to the store's register as to the pages'.
    let russia = run_json(&["commitments", "--json", "--db", db, "--holder", "RUSGOV"], &[]);
    let holders: Vec<&str> =
        russia.as_array().unwrap().iter().map(|c| c["holder"].as_str().unwrap()).collect();
    assert!(!holders.is_empty() && holders.iter().all(|h| *h == "RUS"), "{holders:?}");
    let weakened = run_json(&["commitments", "--json", "--db", db, "--status", "weakened"], &[]);
    let weakened = weakened.as_array().unwrap();
    assert!(weakened.iter().any(|c| c["holder"] == "JPN" && c["beneficiary"] == "USA"), "{weakened:#?}");
    assert!(weakened.iter().all(|c| c["status"] == "weakened"));

    // The readable report, from the store.
    let out = faultline().args(["contingency", "CHN", "attacks", "TWN", "--db", db]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in ["2 commitments would be set off:", "RUS -> CHN support, reaffirmed", pledge_words] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn seed_store_answers_as_the_pages() {
    let Some(seed) = shared_seed() else {
        eprintln!("note: ../shared/seed not found; the paraphrase store test stands in for it");
        return;
    };
    check_store_against_pages(
        &seed,
        "000_866e2b0e9ed6430e#",
        "Russia will support China if a Taiwan contingency flares up",
        "a Chinese attack on Taiwan could constitute",
    );
}

#[test]
fn paraphrase_store_answers_as_the_pages() {
    check_store_against_pages(
        &paraphrase(),
        "seed_paraphrase#",
        "Russia will support China in the event of a crisis over Taiwan",
        "a Chinese invasion of Taiwan",
    );
}

#[test]
fn without_a_store_the_commands_say_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("faultline.db");
    for args in [vec!["commitments"], vec!["contingency", "CHN", "attacks", "TWN"], vec!["alerts"]] {
        let out = faultline().args(&args).arg("--db").arg(&db).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("no store at {}: run faultline ingest first", db.display())),
            "{args:?}: {stderr}"
        );
        assert!(!db.exists(), "{args:?} created the file");
    }
    // The default is ./faultline.db.
    let out = faultline().arg("commitments").current_dir(dir.path()).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no store at faultline.db: run faultline ingest first")
    );
}

/// A store with one known escalation (the store's synthetic FRA-DEU recipe).
fn escalation_store() -> (tempfile::TempDir, PathBuf) {
    use faultline_store::EventStore;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("alerts.db");
    let mut store = faultline_store::SqliteStore::open(&db).unwrap();
    store.store_batch(&faultline_store::synth::escalation()).unwrap();
    drop(store);
    (dir, db)
}

fn alerts(db: &Path, args: &[&str]) -> String {
    let out = faultline().arg("alerts").arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn alerts_over_a_store_find_the_escalation() {
    let (_dir, db) = escalation_store();
    let table = alerts(&db, &[]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 2, "a header and one alert:\n{table}");
    assert!(lines[0].starts_with("dyad") && lines[0].contains("score"), "{table}");
    assert!(lines[1].starts_with("DEU-FRA"), "{table}");
    assert!(lines[1].contains("strike-"), "the strikes drive it:\n{table}");
    assert!(!lines[1].contains("calm-"), "{table}");

    let json: Value = serde_json::from_str(&alerts(&db, &["--json"])).unwrap();
    assert_eq!(json["total"], 1, "{json:#}");
    let alert = &json["alerts"][0];
    assert!(alert["score"].as_f64().unwrap() >= 3.0);
    assert!(alert["raised"].as_str().unwrap() >= "2025-07-08", "{alert:#}");
    assert!(
        alert["drivers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["event_id"].as_str().unwrap().starts_with("strike-"))
    );

    // Filters: actor, dyad, window, threshold.
    let total = |args: &[&str]| -> u64 {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let json: Value = serde_json::from_str(&alerts(&db, &all)).unwrap();
        json["total"].as_u64().unwrap()
    };
    assert_eq!(total(&["--actor", "FRA"]), 1);
    assert_eq!(total(&["--actor", "CHN"]), 0);
    assert_eq!(total(&["--dyad", "FRA,DEU"]), 1);
    assert_eq!(total(&["--dyad", "FRA,ITA"]), 0);
    assert_eq!(total(&["--to", "2025-06-30"]), 0, "no window before the burst");
    assert_eq!(total(&["--threshold", "40"]), 0);
    assert_eq!(alerts(&db, &["--actor", "CHN"]).trim(), "No escalation alerts.");

    let out = faultline()
        .arg("alerts")
        .arg("--db")
        .arg(&db)
        .args(["--from", "2025-08-01", "--to", "2025-07-01"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}
