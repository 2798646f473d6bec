//! HTTP payloads as crawlers store them: the response head, chunked transfer coding,
//! gzip/deflate content coding, and telling an HTML page from everything else.
//!
//! Shared by the WARC reader (payloads recorded as they came off the wire) and the feed
//! watcher (pages fetched with `Accept-Encoding: gzip`). Every function is bounded by a
//! byte limit and returns a reason instead of panicking.

use faultline_model::SkipReason;
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use std::io::Read;

/// The head of an HTTP response: status and headers, and where the body starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HttpHead {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body_start: usize,
}

impl HttpHead {
    /// The first header of that name (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
    }
}

/// Response heads larger than this are not HTTP.
const MAX_HEAD: usize = 256 * 1024;

/// Parses `HTTP/1.x 200 OK` and the header lines up to the blank line. Lines may end in
/// CRLF or a bare LF; folded continuation lines are joined.
pub(crate) fn parse_http_head(block: &[u8]) -> Result<HttpHead, String> {
    let window = &block[..block.len().min(MAX_HEAD)];
    let (head_end, body_start) = match memchr::memmem::find(window, b"\r\n\r\n") {
        Some(at) => (at, at + 4),
        None => match memchr::memmem::find(window, b"\n\n") {
            Some(at) => (at, at + 2),
            // A head with no body at all (e.g. a 304 record cut right after it).
            None if window.len() == block.len() => (block.len(), block.len()),
            None => return Err("HTTP response head too long or unterminated".into()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_ascii_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {:?}", truncate(status_line, 60)));
    }
    let status = parts
        .next()
        .filter(|code| code.len() == 3)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line: {:?}", truncate(status_line, 60)))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        // A header line without a colon is ignored, as browsers do.
    }
    Ok(HttpHead { status, headers, body_start })
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// Undoes `Transfer-Encoding: chunked`. A body that does not start with a chunk size was
/// already de-chunked by the crawler (some keep the header anyway) and is returned as it
/// is; a body cut inside a chunk keeps what arrived (crawlers truncate long records).
pub(crate) fn dechunk(body: &[u8], max_bytes: u64) -> Result<Vec<u8>, SkipReason> {
    let mut out = Vec::new();
    let mut rest = body;
    let mut first = true;
    loop {
        let line_end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let line = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = u64::from_str_radix(size_text, 16) else {
            if first {
                return Ok(body.to_vec());
            }
            if size_text.is_empty() && line_end >= rest.len() {
                return Ok(out); // cut right after a chunk
            }
            return Err(SkipReason::Malformed {
                detail: format!("bad chunk size {:?}", truncate(&line, 40)),
            });
        };
        first = false;
        rest = rest.get(line_end + 1..).unwrap_or(&[]);
        if size == 0 {
            return Ok(out);
        }
        let take = usize::try_from(size).unwrap_or(usize::MAX).min(rest.len());
        if (out.len() + take) as u64 > max_bytes {
            return Err(SkipReason::TooLarge { bytes: (out.len() + take) as u64, limit: max_bytes });
        }
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if rest.is_empty() {
            return Ok(out);
        }
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
    }
}

/// Undoes a `Content-Encoding` (gzip, x-gzip, deflate, identity) within `max_bytes` of
/// output. A body that does not carry the declared coding was decoded by the crawler
/// already and is returned as it is.
pub(crate) fn decode_content(
    body: Vec<u8>,
    coding: Option<&str>,
    max_bytes: u64,
) -> Result<Vec<u8>, SkipReason> {
    let coding = coding.map(|c| c.trim().to_ascii_lowercase()).unwrap_or_default();
    let inflate = |reader: &mut dyn Read, name: &str| -> Result<Vec<u8>, SkipReason> {
        let mut out = Vec::new();
        reader
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| SkipReason::Malformed { detail: format!("{name} content coding: {e}") })?;
        if out.len() as u64 > max_bytes {
            return Err(SkipReason::TooLarge { bytes: out.len() as u64, limit: max_bytes });
        }
        Ok(out)
    };
    match coding.as_str() {
        "" | "identity" | "none" => Ok(body),
        "gzip" | "x-gzip" => {
            if body.starts_with(&[0x1f, 0x8b]) {
                inflate(&mut MultiGzDecoder::new(body.as_slice()), "gzip")
            } else {
                Ok(body)
            }
        }
        "deflate" => {
            // RFC 9110 deflate is zlib-wrapped; some servers send raw deflate.
            let zlib_header =
                body.len() >= 2 && body[0] & 0x0f == 8 && u16::from_be_bytes([body[0], body[1]]) % 31 == 0;
            if zlib_header {
                inflate(&mut ZlibDecoder::new(body.as_slice()), "deflate")
            } else if looks_like_markup(&body) {
                Ok(body)
            } else {
                inflate(&mut DeflateDecoder::new(body.as_slice()), "deflate")
            }
        }
        other => Err(SkipReason::Malformed { detail: format!("content coding {other:?} not supported") }),
    }
}

/// The MIME type of a content type, lower case, without parameters.
pub(crate) fn mime_essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// `text/html` or `application/xhtml+xml`.
pub(crate) fn is_html_type(essence: &str) -> bool {
    matches!(essence, "text/html" | "application/xhtml+xml")
}

/// A content type that says nothing about the bytes, so they are sniffed.
pub(crate) fn is_unspecific_type(essence: &str) -> bool {
    matches!(
        essence,
        "" | "application/octet-stream" | "binary/octet-stream" | "unknown/unknown" | "application/unknown"
    )
}

fn looks_like_markup(bytes: &[u8]) -> bool {
    bytes.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|&b| b == b'<')
}

/// True when the bytes are an HTML page (a doctype, `<html>`, `<head>` or `<body>` in the
/// first 4 KiB) and not a feed or other XML document.
#[must_use]
pub(crate) fn looks_like_html_page(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes.iter().take(4096).map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| memchr::memmem::find(&head, needle).is_some();
    let feed = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf");
    let page = has(b"<!doctype html") || has(b"<html") || has(b"<head") || has(b"<body");
    page && !feed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn http_head() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX: y\r\nbad line\r\n\r\n<p>hi";
        let head = parse_http_head(block).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(&block[head.body_start..], b"<p>hi");
        let lf = parse_http_head(b"HTTP/1.0 404 Not Found\nA: b\n\nbody").unwrap();
        assert_eq!((lf.status, lf.header("a")), (404, Some("b")));
        assert!(parse_http_head(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_http_head(b"HTTP/1.1 2000 OK\r\n\r\n").is_err());
        assert!(parse_http_head(b"HTTP/1.1\r\n\r\n").is_err());
        assert_eq!(parse_http_head(b"HTTP/1.1 304 Not Modified").unwrap().body_start, 25);
    }

    #[test]
    fn chunked() {
        assert_eq!(dechunk(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n", 100).unwrap(), b"hello world");
        assert_eq!(dechunk(b"<html>not chunked", 100).unwrap(), b"<html>not chunked");
        assert_eq!(dechunk(b"5\r\nhel", 100).unwrap(), b"hel");
        assert_eq!(dechunk(b"5\r\nhello\r\n", 100).unwrap(), b"hello");
        assert_eq!(dechunk(b"5\r\nhello\r\nzz\r\n", 100).unwrap_err().key(), "malformed");
        assert_eq!(dechunk(b"ffffffffffffffff\r\nhello", 3).unwrap_err().key(), "too_large");
    }

    #[test]
    fn content_codings() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>zipped</p>").unwrap();
        let zipped = gz.finish().unwrap();
        assert_eq!(decode_content(zipped.clone(), Some("gzip"), 100).unwrap(), b"<p>zipped</p>");
        assert_eq!(decode_content(zipped.clone(), Some("gzip"), 5).unwrap_err().key(), "too_large");
        assert_eq!(decode_content(zipped[..10].to_vec(), Some("gzip"), 100).unwrap_err().key(), "malformed");
        assert_eq!(decode_content(b"<p>plain".to_vec(), Some("gzip"), 100).unwrap(), b"<p>plain");
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"<p>z</p>").unwrap();
        assert_eq!(decode_content(z.finish().unwrap(), Some("deflate"), 100).unwrap(), b"<p>z</p>");
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(b"<p>raw</p>").unwrap();
        assert_eq!(decode_content(raw.finish().unwrap(), Some("deflate"), 100).unwrap(), b"<p>raw</p>");
        assert_eq!(decode_content(b"x".to_vec(), Some("br"), 100).unwrap_err().key(), "malformed");
    }

    #[test]
    fn html_or_not() {
        assert!(looks_like_html_page(b"\n<!DOCTYPE html><title>x</title>"));
        assert!(looks_like_html_page(b"<html><body>hi"));
        assert!(!looks_like_html_page(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"));
        assert!(!looks_like_html_page(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(!looks_like_html_page(b"%PDF-1.7"));
        assert_eq!(mime_essence("Text/HTML; charset=UTF-8"), "text/html");
    }
}
