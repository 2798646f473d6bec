//! Bytes to text: charset decoding and telling HTML from scraped text.

use encoding_rs::{Encoding, UTF_8};
use faultline_model::{Format, RawDocument, SkipReason};

/// The default size limit for one document (bytes after gzip): 20 MiB. Real article
/// pages are well under 2 MiB; anything larger is a dump, a binary or an attack.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// A document decoded to text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub format: Format,
    /// The charset the bytes were decoded from (`UTF-8`, `windows-1252`, `Shift_JIS`).
    pub charset: &'static str,
    /// Why that charset: `bom`, `declared` (HTTP, meta tag), `utf8` (valid UTF-8) or
    /// `detected` (statistical guess).
    pub charset_source: &'static str,
}

/// Decodes a document's bytes and tells HTML from scraped text.
///
/// Empty, binary, oversized and undecodable inputs are [`SkipReason`]s, never panics.
/// The charset comes from, in order: a byte-order mark; the declared charset (the
/// content type, then a `<meta charset>` in the first 4 KiB) when the bytes agree with
/// it; UTF-8 when the bytes are valid UTF-8; else a statistical guess (chardetng, with the
/// URL's top-level domain as a hint).
pub fn decode(doc: &RawDocument, max_bytes: u64) -> Result<Decoded, SkipReason> {
    let bytes = doc.bytes.as_slice();
    if bytes.len() as u64 > max_bytes {
        return Err(SkipReason::TooLarge { bytes: bytes.len() as u64, limit: max_bytes });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SkipReason::Empty);
    }
    let (text, charset, charset_source) =
        decode_text(bytes, doc.content_type.as_deref(), doc.url.as_deref())?;
    if looks_binary(&text) {
        return Err(SkipReason::Binary);
    }
    if let Some(format) = feed_format(&text) {
        return Err(SkipReason::Feed { format: format.to_owned() });
    }
    let format = doc.declared_format.unwrap_or_else(|| sniff_format(&text));
    Ok(Decoded { text, format, charset, charset_source })
}

fn decode_text(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<(String, &'static str, &'static str), SkipReason> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && encoding != UTF_8 {
            return Err(SkipReason::Undecodable);
        }
        return Ok((text.into_owned(), encoding.name(), "bom"));
    }
    if has_binary_magic(bytes) {
        return Err(SkipReason::Binary);
    }
    let declared = content_type.and_then(charset_param).or_else(|| meta_charset(bytes));
    if let Some(encoding) = declared {
        // UTF-16 declared in a page that has no BOM is nearly always a lie (the page is
        // ASCII-compatible, or it would not have been parsed to find the meta tag).
        let encoding = if encoding.is_single_byte() || encoding.output_encoding() == encoding {
            encoding
        } else {
            encoding.output_encoding()
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok((text.into_owned(), encoding.name(), "declared"));
        }
        // A page declared UTF-8 that is not: fall through to detection.
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), UTF_8.name(), "utf8"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    let encoding = detector.guess(tld.as_deref().map(str::as_bytes), chardetng::Utf8Detection::Allow);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if replaced * 20 > text.chars().count().max(1) {
            return Err(SkipReason::Undecodable);
        }
    }
    Ok((text.into_owned(), encoding.name(), "detected"))
}

/// The `charset=` parameter of a content type.
fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = lower[at + "charset=".len()..].trim_start_matches(['"', '\'']);
    let end = value.find([';', '"', '\'', ' ']).unwrap_or(value.len());
    Encoding::for_label(&value.as_bytes()[..end])
}

/// The charset of a `<meta charset=...>` or `<meta http-equiv=Content-Type content=...>`
/// in the first 4 KiB (the HTML prescan, simplified).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let tag_start = from + pos;
        let tag_end = memchr::memchr(b'>', &lower[tag_start..]).map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = memchr::memmem::find(tag, b"charset=") {
            let value = &tag[c + b"charset=".len()..];
            let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
            let end = value
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(value.len());
            if let Some(encoding) = Encoding::for_label(&value[..end]) {
                return Some(encoding);
            }
        }
        from = tag_end;
    }
    None
}

fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', ':', '?', '#']).next()?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphabetic())).then(|| tld.to_ascii_lowercase())
}

/// Magic numbers of formats that are never articles.
fn has_binary_magic(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF87a",
        b"GIF89a",
        b"%PDF",
        b"PK\x03\x04",
        b"\x1F\x8B",
        b"\x7FELF",
        b"RIFF",
        b"BZh",
        b"\xFD7zXZ",
        b"OggS",
        b"ID3",
        b"\x00\x00\x01\x00",
    ];
    MAGIC.iter().any(|magic| bytes.starts_with(magic))
}

/// Text with NUL bytes or mostly control characters is binary that happened to decode.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(8192).collect();
    if sample.contains(&'\0') {
        return true;
    }
    let controls =
        sample.iter().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')).count();
    let replacements = sample.iter().filter(|&&c| c == '\u{FFFD}').count();
    (controls + replacements) * 10 > sample.len()
}

/// The kind of news feed a document is (`RSS`, `RSS 1.0`, `Atom`, `JSON Feed`), from
/// its root element (after an XML declaration, comments and processing instructions)
/// or, for JSON, its `version` URL near the top; `None` for anything else. A feed read
/// as a page would otherwise pass for an article made of its item titles.
#[must_use]
pub fn feed_format(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let mut rest = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if rest.starts_with('{') {
        return rest.contains("jsonfeed.org/version/").then_some("JSON Feed");
    }
    // Skip the prolog: `<?xml ...?>`, `<?xml-stylesheet ...?>`, comments.
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else {
            break;
        }
    }
    let name_end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
    match &rest[..name_end] {
        "<rss" => Some("RSS"),
        "<feed" => Some("Atom"),
        "<rdf:RDF" if rest.contains("purl.org/rss/1.0") => Some("RSS 1.0"),
        _ => None,
    }
}

/// Tells HTML from scraped text: HTML starts with markup or has the page structure tags
/// near the top; scraped text is lines of words, perhaps with a stray `<`.
#[must_use]
pub fn sniff_format(text: &str) -> Format {
    let head: String = text.chars().take(4096).collect::<String>().to_ascii_lowercase();
    let trimmed = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    const STRUCTURE: &[&str] = &["<!doctype html", "<html", "<head", "<body", "<meta ", "<title"];
    if STRUCTURE.iter().any(|tag| head.contains(tag)) {
        return Format::Html;
    }
    if trimmed.starts_with('<') {
        const BLOCK_TAGS: &[&str] =
            &["<div", "<p>", "<p ", "<article", "<section", "<span", "<h1", "<!--", "<?xml"];
        if BLOCK_TAGS.iter().any(|tag| trimmed.starts_with(tag)) {
            return Format::Html;
        }
    }
    // Fragments: count tags against lines.
    let tags = head.matches("</").count();
    let lines = head.lines().count().max(1);
    if tags >= 3 && tags * 2 >= lines { Format::Html } else { Format::Text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::Origin;

    fn raw(bytes: &[u8]) -> RawDocument {
        RawDocument::new("t", Origin::Inline, bytes.to_vec())
    }

    fn check(bytes: &[u8], content_type: Option<&str>, expected: Result<(&str, &str, Format), &str>) {
        let mut doc = raw(bytes);
        doc.content_type = content_type.map(str::to_owned);
        let got = decode(&doc, DEFAULT_MAX_BYTES);
        match (got, expected) {
            (Ok(d), Ok((text, charset, format))) => {
                assert!(d.text.contains(text), "{:?} does not contain {text:?}", d.text);
                assert_eq!(d.charset, charset);
                assert_eq!(d.format, format);
            }
            (Err(reason), Err(key)) => assert_eq!(reason.key(), key),
            (got, expected) => panic!("got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn utf8_text() {
        check("Japan’s leadership\n".as_bytes(), None, Ok(("Japan’s", "UTF-8", Format::Text)));
    }

    #[test]
    fn utf8_bom() {
        check(b"\xEF\xBB\xBFhello world", None, Ok(("hello world", "UTF-8", Format::Text)));
    }

    #[test]
    fn windows_1252_declared_in_meta() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xE9</title></head><body><p>Na\xEFve \x93quote\x94</p></body></html>";
        check(page, None, Ok(("Caf\u{e9}", "windows-1252", Format::Html)));
        check(page, None, Ok(("\u{201c}quote\u{201d}", "windows-1252", Format::Html)));
    }

    #[test]
    fn windows_1252_undeclared_is_detected() {
        let text = b"The minister\x92s statement on the na\xEFve caf\xE9 policy was \x93clear\x94, officials said in a long statement about the budget.";
        check(text, None, Ok(("minister\u{2019}s", "windows-1252", Format::Text)));
    }

    #[test]
    fn shift_jis_declared_in_http() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("<p>東京で首相が記者会見した。</p>");
        check(&bytes, Some("text/html; charset=Shift_JIS"), Ok(("東京で首相", "Shift_JIS", Format::Html)));
    }

    #[test]
    fn shift_jis_detected() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(
            "東京で首相が記者会見し、防衛費の増額について説明した。政府は来年度予算案を閣議決定した。",
        );
        check(&bytes, None, Ok(("東京で首相", "Shift_JIS", Format::Text)));
    }

    #[test]
    fn declared_utf8_that_is_not_falls_back() {
        check(
            b"<html><head><meta charset=utf-8></head><body>The caf\xE9 owner\x92s cr\xE8me br\xFBl\xE9e was \x93the best in town\x94, the minister said on Monday.</body></html>",
            None,
            Ok(("caf\u{e9} owner\u{2019}s", "windows-1252", Format::Html)),
        );
    }

    #[test]
    fn skips() {
        check(b"", None, Err("empty"));
        check(b"  \n\t ", None, Err("empty"));
        check(b"\x89PNG\r\n\x1a\n\0\0\0", None, Err("binary"));
        check(b"%PDF-1.7 ...", None, Err("binary"));
        check(b"abc\0def\0ghi", None, Err("binary"));
        let big = raw(&[b'a'; 101]);
        assert_eq!(decode(&big, 100).unwrap_err().key(), "too_large");
    }

    #[test]
    fn feeds_are_not_articles() {
        for (text, format) in [
            ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>", Some("RSS")),
            (
                "\u{FEFF}<?xml version=\"1.0\"?><?xml-stylesheet href=\"s.xsl\"?>\n<!-- c --><rss>",
                Some("RSS"),
            ),
            ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title></feed>", Some("Atom")),
            ("<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\"><channel/></rdf:RDF>", Some("RSS 1.0")),
            ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", Some("JSON Feed")),
            // Pages and text that mention feeds are not feeds.
            ("<html><body><p>Subscribe to our <rss> feed</p></body></html>", None),
            ("<feedback>x</feedback>", None),
            ("<rdf:RDF><x/></rdf:RDF>", None),
            ("{\"title\": \"a JSON document\"}", None),
            ("The rss feed of the ministry was down.", None),
            ("<?xml version=\"1.0\"", None),
        ] {
            assert_eq!(feed_format(text), format, "{text}");
        }
        let doc =
            raw(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>");
        assert_eq!(decode(&doc, DEFAULT_MAX_BYTES), Err(SkipReason::Feed { format: "RSS".into() }));
    }

    #[test]
    fn format_sniffing() {
        for (text, format) in [
            ("<!DOCTYPE html><html>", Format::Html),
            ("  <html lang=en>", Format::Html),
            ("<div class=a><p>Hi</p></div>", Format::Html),
            ("date 2025-12-28 Example.com header logo\n\nA headline", Format::Text),
            ("Prices fell 3% as x < y in the market.\nMore text.", Format::Text),
        ] {
            assert_eq!(sniff_format(text), format, "{text}");
        }
    }
}
