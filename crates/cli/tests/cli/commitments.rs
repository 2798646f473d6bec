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
    assert!(reports.iter().any(
        |r| r["article_id"] == "eurasiawire_russia_restates_taiwan_pledge" && r["effect"] == "reaffirmed"
    ));
    assert!(
        reports
            .iter()
            .any(|r| r["article_id"] == "reuters_russia_china_taiwan" && r["effect"] == "reaffirmed")
    );

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
