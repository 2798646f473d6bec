//! The bundled samples (`samples/` at the workspace root) in every input format the
//! sources read: each is marked as synthetic, and each reads as what it is meant to show
//! (the WARC's HTML responses are documents and its other records skips with reasons,
//! the JSONL's broken last line a skip, the feeds skips that point to `faultline watch`).

use faultline_model::SkipReason;
use faultline_sources::{DEFAULT_MAX_BYTES, Input, ReadOptions, decode, documents};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

/// What each document of `path` became, in reading order: its id and `document`, or its
/// skip reason as it is printed. Documents that do not decode are skips too, as in the
/// pipeline.
fn read(path: &Path) -> Vec<(String, String)> {
    documents(&[Input::Path(path.to_path_buf())], ReadOptions::default())
        .map(|item| match item {
            Ok(doc) => match decode(&doc, DEFAULT_MAX_BYTES) {
                Ok(_) => (doc.id, "document".to_owned()),
                Err(reason) => (doc.id, reason.to_string()),
            },
            Err(err) => {
                let skip = err.as_skip().unwrap_or_else(|| panic!("{path:?}: {err}"));
                (skip.id, skip.reason.to_string())
            }
        })
        .collect()
}

#[test]
fn every_sample_is_marked_synthetic() {
    let mut stack = vec![samples()];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            assert!(text.contains("synthetic"), "{} does not say it is synthetic", path.display());
            files += 1;
        }
    }
    assert!(files >= 14, "{files} sample files");
}

#[test]
fn the_web_archive_sample_reads_as_two_pages_and_five_skips() {
    let got = read(&samples().join("warc/synthetic-crawl.warc"));
    let want = [
        ("urn:uuid:5f17e7ec-0000-4000-8000-000000000001", "not an HTML page (WARC warcinfo record)"),
        ("urn:uuid:5f17e7ec-0000-4000-8000-000000000002", "not an HTML page (WARC request record)"),
        ("urn:uuid:5f17e7ec-0000-4000-8000-000000000003", "document"),
        ("urn:uuid:5f17e7ec-0000-4000-8000-000000000004", "not an HTML page (WARC metadata record)"),
        ("urn:uuid:5f17e7ec-0000-4000-8000-000000000005", "not an HTML page (text/css)"),
        ("urn:uuid:5f17e7ec-0000-4000-8000-000000000006", "not an HTML page (HTTP 404)"),
        ("urn:uuid:5f17e7ec-0000-4000-8000-000000000007", "document"),
    ];
    let got: Vec<(&str, &str)> = got.iter().map(|(id, what)| (id.as_str(), what.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn the_jsonl_sample_reads_its_good_lines_and_skips_the_broken_one() {
    let got = read(&samples().join("jsonl/synthetic-desk.jsonl"));
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], ("jsonl/baltic-exercise".to_owned(), "document".to_owned()));
    assert_eq!(got[1], ("jsonl/grain-corridor".to_owned(), "document".to_owned()));
    assert!(got[2].1.starts_with("malformed input: "), "{got:?}");
}

#[test]
fn the_feed_samples_are_feeds_not_articles() {
    let got: BTreeMap<String, String> = read(&samples().join("feeds")).into_iter().collect();
    let format = |format: &str| SkipReason::Feed { format: format.to_owned() }.to_string();
    assert_eq!(got.get("synthetic-wire.rss"), Some(&format("RSS")), "{got:?}");
    assert_eq!(got.get("synthetic-desk.atom"), Some(&format("Atom")), "{got:?}");
    assert_eq!(got.get("synthetic-briefs.json"), Some(&format("JSON Feed")), "{got:?}");
    assert_eq!(got.len(), 3);
}
