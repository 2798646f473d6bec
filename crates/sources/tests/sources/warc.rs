//! WARC archives written by the test: every kind of record, plain and gzip per record,
//! truncated, and mutated at random.

use faultline_model::{Origin, SkipReason};
use faultline_sources::{Error, Input, ReadOptions, WarcRecords, decode, documents};
use flate2::Compression;
use flate2::write::GzEncoder;
use proptest::prelude::*;
use std::io::Write;

/// One record as a WARC writer lays it out.
fn record(warc_type: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    write!(
        out,
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{warc_type}-{}>\r\nWARC-Date: 2025-12-28T09:30:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .unwrap();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (name, value) in headers {
        write!(out, "{name}: {value}\r\n").unwrap();
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn response(uri: &str, status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    record("response", uri, "application/http; msgtype=response", &http(status, headers, body))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(7) {
        write!(out, "{:x}\r\n", chunk.len()).unwrap();
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

const PAGE: &str = "<!DOCTYPE html><html><head><title>Russia vows support</title></head><body><p>Lavrov said on Sunday.</p></body></html>";

/// The records of the scenario archive, in order.
fn scenario() -> Vec<Vec<u8>> {
    let latin1 =
        b"<html><head><title>Caf\xE9</title></head><body><p>Na\xEFve \x93quote\x94</p></body></html>";
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\nformat: WARC File Format 1.0\r\n",
        ),
        record(
            "request",
            "https://news.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        response(
            "https://news.example/a",
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            PAGE.as_bytes(),
        ),
        record("metadata", "https://news.example/a", "application/warc-fields", b"fetchTimeMs: 120\r\n"),
        response(
            "https://news.example/b",
            "200 OK",
            &[("Content-Type", "text/html; charset=windows-1252")],
            latin1,
        ),
        response(
            "https://news.example/c",
            "200 OK",
            &[
                ("Content-Type", "application/xhtml+xml"),
                ("Content-Encoding", "gzip"),
                ("Transfer-Encoding", "chunked"),
            ],
            &chunked(&gzip(PAGE.as_bytes())),
        ),
        response(
            "https://news.example/logo.png",
            "200 OK",
            &[("Content-Type", "image/png")],
            b"\x89PNG\r\n\x1a\n\0\0",
        ),
        response(
            "https://news.example/report.pdf",
            "200 OK",
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.7\n",
        ),
        response(
            "https://news.example/gone",
            "404 Not Found",
            &[("Content-Type", "text/html")],
            b"<html>not here</html>",
        ),
        record("revisit", "https://news.example/a", "message/http", b"HTTP/1.1 200 OK\r\n\r\n"),
        response(
            "https://news.example/sniffed",
            "200 OK",
            &[],
            b"\n<html><body><p>No content type.</p></body></html>",
        ),
        response("https://news.example/big", "200 OK", &[("Content-Type", "text/html")], &vec![b'x'; 5000]),
        response("https://news.example/d", "200 OK", &[("Content-Type", "text/html")], PAGE.as_bytes()),
    ]
}

/// What one item came out as: a document id, or the skip key and offset.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Got {
    Doc { id: String, offset: u64 },
    Skip { key: &'static str, offset: u64, detail: String },
    Other(String),
}

fn got(item: Result<faultline_model::RawDocument, Error>) -> Got {
    match item {
        Ok(doc) => match doc.origin {
            Origin::WarcRecord { offset, .. } => Got::Doc { id: doc.id, offset },
            other => Got::Other(format!("unexpected origin {other}")),
        },
        Err(Error::Skipped { origin: Origin::WarcRecord { offset, .. }, skip }) => {
            Got::Skip { key: skip.reason.key(), offset, detail: skip.reason.to_string() }
        }
        Err(other) => Got::Other(other.to_string()),
    }
}

/// Lays the records out plain or one gzip member each; returns the file and the offset
/// and end of each record (or member).
fn layout(records: &[Vec<u8>], gz: bool) -> (Vec<u8>, Vec<(u64, u64)>) {
    let mut file = Vec::new();
    let mut spans = Vec::new();
    for record in records {
        let start = file.len() as u64;
        if gz {
            file.extend_from_slice(&gzip(record));
        } else {
            file.extend_from_slice(record);
        }
        spans.push((start, file.len() as u64));
    }
    (file, spans)
}

fn read(bytes: &[u8], gz: bool, max_bytes: u64) -> Vec<Got> {
    WarcRecords::new(std::io::Cursor::new(bytes.to_vec()), "t.warc", gz, ReadOptions { max_bytes })
        .map(got)
        .collect()
}

#[test]
fn every_kind_of_record_plain_and_gzip_through_documents() {
    let dir = tempfile::tempdir().unwrap();
    for gz in [false, true] {
        let mut records = scenario();
        // A truncated last record: only part of its block made it to disk.
        let last =
            response("https://news.example/cut", "200 OK", &[("Content-Type", "text/html")], PAGE.as_bytes());
        let (mut file, spans) = layout(&records, gz);
        let cut_at = file.len() as u64;
        let last_bytes = if gz { gzip(&last) } else { last.clone() };
        file.extend_from_slice(&last_bytes[..last_bytes.len() - 30]);
        records.push(last);
        let name = if gz { "news.warc.gz" } else { "news.warc" };
        std::fs::write(dir.path().join(name), &file).unwrap();

        let items: Vec<_> =
            documents(&[Input::Path(dir.path().join(name))], ReadOptions { max_bytes: 4000 }).collect();
        assert_eq!(items.len(), records.len(), "{gz}: one item per record");
        let offset = |i: usize| spans[i].0;
        let keys: Vec<Got> = items
            .iter()
            .map(|item| match item {
                Ok(doc) => Got::Doc {
                    id: doc.id.clone(),
                    offset: match doc.origin {
                        Origin::WarcRecord { offset, .. } => offset,
                        _ => u64::MAX,
                    },
                },
                Err(err) => match (err, err.as_skip()) {
                    (Error::Skipped { origin: Origin::WarcRecord { offset, .. }, .. }, Some(skip)) => {
                        Got::Skip { key: skip.reason.key(), offset: *offset, detail: skip.reason.to_string() }
                    }
                    _ => Got::Other(err.to_string()),
                },
            })
            .collect();
        let skip_key = |g: &Got| match g {
            Got::Skip { key, .. } => *key,
            Got::Doc { .. } => "doc",
            Got::Other(_) => "other",
        };
        let summary: Vec<&str> = keys.iter().map(skip_key).collect();
        assert_eq!(
            summary,
            [
                "not_html",
                "not_html",
                "doc",
                "not_html",
                "doc",
                "doc",
                "not_html",
                "not_html",
                "not_html",
                "not_html",
                "doc",
                "too_large",
                "doc",
                "malformed"
            ],
            "{gz}: {keys:#?}"
        );
        for (i, key) in keys.iter().enumerate().take(records.len() - 1) {
            match key {
                Got::Doc { offset: at, .. } | Got::Skip { offset: at, .. } => {
                    assert_eq!(*at, offset(i), "{gz}: record {i}")
                }
                Got::Other(other) => panic!("{other}"),
            }
        }
        // The truncated record is reported at its own offset, with what happened.
        match &keys[records.len() - 1] {
            Got::Skip { offset, detail, .. } => {
                assert_eq!(*offset, cut_at, "{gz}");
                assert!(detail.contains("truncated"), "{gz}: {detail}");
            }
            other => panic!("{other:?}"),
        }
        // Skip reasons say what the record was.
        let details: Vec<String> = keys
            .iter()
            .filter_map(|k| match k {
                Got::Skip { detail, .. } => Some(detail.clone()),
                _ => None,
            })
            .collect();
        for expected in [
            "WARC warcinfo record",
            "WARC request record",
            "WARC metadata record",
            "image/png",
            "application/pdf",
            "HTTP 404",
            "WARC revisit record",
            "5",
        ] {
            assert!(
                details.iter().any(|d| d.contains(expected)),
                "{gz}: no skip mentions {expected:?}: {details:#?}"
            );
        }

        let docs: Vec<_> = items.into_iter().filter_map(Result::ok).collect();
        let a = &docs[0];
        assert_eq!(a.id, "urn:uuid:response-22");
        assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(a.fetched.as_deref(), Some("2025-12-28T09:30:00Z"));
        assert_eq!(a.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(a.bytes, PAGE.as_bytes());
        // The charset of the HTTP header reaches the decoder.
        let b = decode(&docs[1], 1 << 20).unwrap();
        assert_eq!(b.charset, "windows-1252");
        assert!(b.text.contains("Caf\u{e9}") && b.text.contains("\u{201c}quote\u{201d}"), "{}", b.text);
        // Chunked and gzip content coding undone.
        assert_eq!(docs[2].bytes, PAGE.as_bytes());
        assert_eq!(docs[2].content_type.as_deref(), Some("application/xhtml+xml"));
        // No content type: sniffed as a page.
        assert_eq!(docs[3].url.as_deref(), Some("https://news.example/sniffed"));
        assert_eq!(docs[3].content_type, None);
        assert_eq!(docs[4].url.as_deref(), Some("https://news.example/d"));
    }
}

#[test]
fn a_wrong_content_length_costs_one_record() {
    let mut records = scenario();
    let good = records[2].clone();
    // Claim 10 bytes more and 10 bytes less than the block has.
    for (i, delta) in [(4usize, 10i64), (10, -10)] {
        let text = String::from_utf8_lossy(&records[i]).into_owned();
        let at = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
        let end = at + text[at..].find('\r').unwrap();
        let length: i64 = text[at..end].parse().unwrap();
        let mut bytes = records[i][..at].to_vec();
        bytes.extend_from_slice((length + delta).to_string().as_bytes());
        bytes.extend_from_slice(&records[i][end..]);
        records[i] = bytes;
    }
    records.push(good);
    for gz in [false, true] {
        let (file, _) = layout(&records, gz);
        let items = read(&file, gz, 4000);
        let docs = items.iter().filter(|g| matches!(g, Got::Doc { .. })).count();
        let malformed: Vec<_> =
            items.iter().filter(|g| matches!(g, Got::Skip { key: "malformed", .. })).collect();
        assert!(!malformed.is_empty(), "{gz}: {items:#?}");
        // Plain: a block 10 bytes too long swallows the start of the next record, so
        // that one is lost too; gzip members keep every other record.
        assert!(docs >= if gz { 4 } else { 3 }, "{gz}: {items:#?}");
        assert_eq!(
            items.last().map(|g| matches!(g, Got::Doc { .. })),
            Some(true),
            "{gz}: the last good record is read: {items:#?}"
        );
    }
}

#[test]
fn garbage_between_records_is_reported_and_passed() {
    let records = scenario();
    let mut file = records[2].clone();
    file.extend_from_slice(b"some junk\nmore junk\n");
    file.extend_from_slice(&records[12]);
    let items = read(&file, false, 4000);
    assert!(matches!(&items[0], Got::Doc { offset: 0, .. }), "{items:#?}");
    assert!(
        matches!(&items[1], Got::Skip { key: "malformed", detail, .. } if detail.contains("20 bytes")),
        "{items:#?}"
    );
    assert!(matches!(&items[2], Got::Doc { .. }), "{items:#?}");
    assert_eq!(items.len(), 3);
}

#[test]
fn a_record_above_the_limit_is_streamed_past() {
    // 3 MB of block in a 1 KB limit: skipped by its Content-Length, the next is read.
    let mut file = response(
        "https://news.example/huge",
        "200 OK",
        &[("Content-Type", "text/html")],
        &vec![b'y'; 3 << 20],
    );
    let tail =
        response("https://news.example/d", "200 OK", &[("Content-Type", "text/html")], PAGE.as_bytes());
    file.extend_from_slice(&tail);
    for gz in [false, true] {
        let (bytes, _) = layout(&[file.clone()], gz);
        let items = read(&bytes, gz, 1024);
        assert!(matches!(&items[0], Got::Skip { key: "too_large", .. }), "{items:?}");
        assert!(matches!(&items[1], Got::Doc { .. }), "{items:?}");
    }
}

#[test]
fn empty_and_non_warc_input() {
    assert!(read(b"", false, 100).is_empty());
    assert!(read(b"", true, 100).is_empty());
    let items = read(b"just some text\nwithout records", false, 100);
    assert!(matches!(&items[..], [Got::Skip { key: "malformed", offset: 0, .. }]), "{items:?}");
    let items = read(b"not gzip at all", true, 100);
    assert!(matches!(&items[..], [Got::Skip { key: "malformed", offset: 0, .. }]), "{items:?}");
}

/// The results of the records that end before `cut` must not change when the file is
/// cut there, and what is cut is reported at its record's offset.
fn check_truncation(gz: bool, cut: usize) {
    let records = scenario();
    let (file, spans) = layout(&records, gz);
    let cut = cut % (file.len() + 1);
    let full = read(&file, gz, 4000);
    let items = read(&file[..cut], gz, 4000);
    let complete = spans.iter().filter(|(_, end)| *end <= cut as u64).count();
    assert_eq!(items[..complete.min(items.len())], full[..complete], "cut at {cut}");
    if let Some((start, _)) = spans.iter().find(|(start, end)| *start < cut as u64 && cut as u64 + 4 < *end) {
        let last = items.last().expect("something for the cut record");
        assert!(
            matches!(last, Got::Skip { key: "malformed", offset, .. } if offset == start),
            "cut at {cut}: {last:?} {spans:?}"
        );
        assert_eq!(items.len(), complete + 1, "cut at {cut}: {items:#?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn truncation_anywhere_keeps_what_came_before(cut in 0usize..4000, gz in any::<bool>()) {
        check_truncation(gz, cut);
    }

    #[test]
    fn mutations_never_panic(
        gz in any::<bool>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let (mut file, _) = layout(&scenario(), false);
        for (at, byte) in &edits {
            let at = at % file.len();
            file[at] = *byte;
        }
        if let Some(cut) = cut {
            file.truncate(cut % (file.len() + 1));
        }
        let bytes = if gz { gzip(&file) } else { file.clone() };
        let items = read(&bytes, gz, 4000);
        prop_assert!(items.len() <= file.len() + 1);
        // Also corrupt the compressed bytes themselves.
        if gz {
            let mut bytes = layout(&scenario(), true).0;
            for (at, byte) in &edits {
                let at = at % bytes.len();
                bytes[at] = *byte;
            }
            let items = read(&bytes, true, 4000);
            prop_assert!(items.len() <= bytes.len() + 1);
        }
    }

    #[test]
    fn wrong_content_lengths_never_panic(index in 0usize..13, length in 0u64..100_000, gz in any::<bool>()) {
        let mut records = scenario();
        let text = String::from_utf8_lossy(&records[index]).into_owned();
        let at = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
        let end = at + text[at..].find('\r').unwrap();
        let mut bytes = records[index][..at].to_vec();
        bytes.extend_from_slice(length.to_string().as_bytes());
        bytes.extend_from_slice(&records[index][end..]);
        records[index] = bytes;
        let (file, _) = layout(&records, gz);
        let items = read(&file, gz, 4000);
        prop_assert!(!items.is_empty());
        prop_assert!(items.iter().all(|g| !matches!(g, Got::Other(_))), "{:?}", items);
    }
}

#[test]
fn skip_reasons_are_counted_by_key() {
    let (file, _) = layout(&scenario(), true);
    let mut counts = std::collections::BTreeMap::new();
    for item in
        WarcRecords::new(std::io::Cursor::new(file), "t.warc.gz", true, ReadOptions { max_bytes: 4000 })
    {
        let key = match item {
            Ok(_) => "document",
            Err(err) => err.as_skip().map_or("error", |skip| skip.reason.key()),
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    assert_eq!(counts.get("document"), Some(&5));
    assert_eq!(counts.get("not_html"), Some(&7));
    assert_eq!(counts.get("too_large"), Some(&1));
    let _ = SkipReason::Empty;
}
