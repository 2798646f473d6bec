//! `faultline extract` on a batch: broken inputs cost only themselves.

use std::io::Write;
use std::process::{Command, Stdio};

fn faultline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
}

const ARTICLE: &str = "<html><head><title>Synthetic ministers meet</title></head><body><article>\
    <p>Synthetic sample article written for faultline; not real news. The foreign ministers of two \
    countries met on Monday to discuss an energy agreement, officials said after the talks.</p>\
    <p>The ministers agreed to meet again next month, a spokesman said, adding that the talks had \
    been constructive and that no date had yet been set for the next round.</p></article></body></html>";

#[test]
fn a_batch_survives_binary_truncated_and_huge_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a_good.html"), ARTICLE).unwrap();
    std::fs::write(root.join("b_binary.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(root.join("c_truncated.html"), &ARTICLE[..ARTICLE.len() / 3]).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(ARTICLE.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(root.join("d_truncated.html.gz"), &gz[..gz.len() / 2]).unwrap();
    // 50 MB of page: over the default 20 MiB limit, so never read into memory whole.
    let mut big = String::with_capacity(50 << 20);
    while big.len() < 50 << 20 {
        big.push_str("<p>Synthetic filler paragraph that repeats to make a very large page.</p>\n");
    }
    std::fs::write(root.join("e_huge.html"), &big).unwrap();
    std::fs::write(root.join("f_empty.html"), "").unwrap();
    std::fs::write(root.join("g_good.html"), ARTICLE).unwrap();

    let out = faultline().arg("extract").arg(root).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let ids: Vec<String> = stdout
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["id"].as_str().unwrap().to_owned()
        })
        .collect();
    // The truncated page still holds a paragraph-like fragment; whether it is an article or
    // a too-short skip, it is not an error and the good pages around it come out.
    assert!(ids.contains(&"a_good".to_owned()) && ids.contains(&"g_good".to_owned()), "{ids:?}\n{stderr}");
    assert!(stderr.contains("b_binary") && stderr.contains("binary"), "{stderr}");
    assert!(stderr.contains("d_truncated.html.gz") && stderr.contains("gzip"), "{stderr}");
    assert!(stderr.contains("e_huge.html") && stderr.contains("too large"), "{stderr}");
    assert!(stderr.contains("f_empty") && stderr.contains("empty"), "{stderr}");
}

#[test]
fn jsonl_mode_answers_every_line() {
    let lines = [
        serde_json::json!({"id": "good", "url": "https://www.straitstimes.com/x", "html": ARTICLE}),
        serde_json::json!({"id": "empty", "html": ""}),
        serde_json::json!({"id": "text", "text": "Menu\nHome\n"}),
    ];
    let mut input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    input.push_str("this line is not json\n");
    let mut child = faultline()
        .args(["extract", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0]["id"], "good");
    assert!(rows[0]["text"].as_str().unwrap().contains("agreed to meet again"));
    assert_eq!(rows[0]["outlet"], "The Straits Times");
    assert_eq!(rows[1]["skipped"], "empty document");
    assert!(rows[2]["skipped"].is_string());
    assert!(String::from_utf8(out.stderr).unwrap().contains("<stdin>:4: malformed input"));
}
