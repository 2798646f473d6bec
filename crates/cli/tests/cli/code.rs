//! `faultline code` and `faultline eval plover`.

use std::io::Write;
use std::process::{Command, Stdio};

fn faultline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
}

#[test]
fn code_text_prints_a_table() {
    let out = faultline()
        .args(["code", "--date", "2025-12-28", "--text"])
        .arg("Russia will support China if a Taiwan contingency flares up, Foreign Minister Sergei Lavrov said.")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("RUSGOV") && table.contains("CHN") && table.contains("032"), "{table}");
    assert!(table.contains("condition: if a Taiwan contingency flares up"), "{table}");
}

#[test]
fn code_text_as_json() {
    let out = faultline()
        .args(["code", "--json", "--date", "2025-12-28", "--text", "Israeli troops shelled Gaza."])
        .output()
        .unwrap();
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let event = &value["events"][0];
    assert_eq!(event["cameo"], "194");
    assert_eq!(event["plover"], "ASSAULT");
    assert_eq!(event["evidence"]["sentence_text"], "Israeli troops shelled Gaza.");
    assert!(event["evidence"]["dictionary_version"].as_str().unwrap().starts_with("cameo "));
}

#[test]
fn code_jsonl_writes_events_per_line() {
    let mut child =
        faultline().args(["code", "--jsonl"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let input = concat!(
        r#"{"id":"a","text":"Pakistan expelled two Indian diplomats.","published":"2020-01-02"}"#,
        "\n",
        r#"{"id":"b","text":"The weather was fine."}"#,
        "\n",
        r#"{"id":"c","text":"Turkey rejected a proposal by Greece."}"#,
        "\n",
    );
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["article_id"], "a");
    assert_eq!(lines[0]["date"]["date"], "2020-01-02");
    assert_eq!(lines[1]["article_id"], "c");
}

#[test]
fn eval_plover_scores_a_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.json");
    std::fs::write(
        &gold,
        r#"[
  {"id": "d", "event": "DOCUMENT"},
  {"id": "1", "event": "FIGHT", "date": "2000-01-01", "text": "Israeli troops shelled Gaza.",
   "source": [{"code": "ISR"}], "target": [{"code": "PSE"}]},
  {"id": "2", "event": "DEMAND", "date": "2000-01-01", "text": "The weather was fine.",
   "source": [{"code": "USA"}], "target": ""}
]"#,
    )
    .unwrap();
    let out = faultline().args(["eval", "plover"]).arg(&gold).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("2 sentences"), "{report}");
    assert!(report.contains("ASSAULT"), "{report}");
    assert!(report.contains("source right on 1/1"), "{report}");
    let overall = report.lines().find(|l| l.starts_with("overall")).unwrap();
    // 1 TP (ASSAULT), 0 FP, 1 FN (REQUEST): P 1.0, R 0.5.
    assert!(overall.contains("1.000") && overall.contains("0.500"), "{overall}");
}
