//! WARC archives (`.warc`, `.warc.gz`) as web crawlers write them.
//!
//! [`WarcRecords`] streams the records of one archive: one record's block is in memory at
//! a time, never the file, and a record whose `Content-Length` is above the size limit is
//! read past without being buffered. `.warc.gz` files are read gzip member by gzip member
//! (Common Crawl writes one record per member), so every record is reported with the
//! **compressed** byte offset of its member, the offset a CDX index gives and a range
//! request or `tail -c +N | zcat` can use; plain `.warc` files give the record's byte
//! offset.
//!
//! A `response` record whose HTTP status is 200 and whose payload is an HTML page
//! (`text/html` or `application/xhtml+xml`, or an unspecific type and markup that sniffs
//! as a page) becomes a [`RawDocument`]: its id is the `WARC-Record-ID` (else the target
//! URI), `url` the `WARC-Target-URI`, `fetched` the `WARC-Date`, `content_type` the HTTP
//! `Content-Type`, and the bytes are the HTTP body with chunked transfer coding and
//! gzip/deflate content coding undone when the crawler recorded them.
//!
//! Every other record is an [`Error::Skipped`] item carrying a
//! [`Skip`] and the record's [`Origin::WarcRecord`], so a caller
//! can count what was dropped and why: `request`, `metadata`, `warcinfo`, `revisit`
//! records and non-HTML responses are `not_html` (with the record type, content type or
//! HTTP status); oversized blocks are `too_large`; a truncated last record, a
//! `Content-Length` that does not match the record, bytes between records that are not a
//! record, and broken HTTP heads are `malformed`. The reader then finds the next record
//! (the next gzip member, or the next `WARC/` line) and goes on; a gzip stream it cannot
//! decode ends the file with that item.
//!
//! ```no_run
//! use faultline_sources::{ReadOptions, WarcRecords};
//! let records = WarcRecords::open("CC-NEWS-20250101000000-00000.warc.gz", ReadOptions::default())?;
//! for item in records {
//!     match item {
//!         Ok(doc) => println!("{} {}", doc.id, doc.url.unwrap_or_default()),
//!         Err(err) => match err.as_skip() {
//!             Some(skip) => println!("{} skipped: {}", skip.id, skip.reason.key()),
//!             None => eprintln!("{err}"),
//!         },
//!     }
//! }
//! # Ok::<(), faultline_sources::Error>(())
//! ```

use crate::payload::{
    dechunk, decode_content, is_html_type, is_unspecific_type, looks_like_html_page, mime_essence,
    parse_http_head,
};
use crate::{Error, ReadOptions, Result};
use faultline_model::{Origin, RawDocument, Skip, SkipReason};
use flate2::bufread::GzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// A header line longer than this is not a WARC header.
const MAX_LINE: usize = 64 * 1024;
/// A record head with more lines than this is not a WARC record head.
const MAX_HEADER_LINES: usize = 1024;

/// True for `.warc` and `.warc.gz` file names (any case).
#[must_use]
pub fn is_warc_path(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// A reader that counts the bytes consumed from it.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

type Raw = Counting<Box<dyn BufRead>>;
type Member = BufReader<GzDecoder<Raw>>;

enum Stream {
    Plain(Raw),
    /// Between members `member` is `None` and `raw` holds the file; inside a member the
    /// decoder owns it.
    Gzip {
        raw: Option<Raw>,
        member: Option<Box<Member>>,
        member_offset: u64,
    },
}

/// The records of one WARC file, as documents or skips. See the [module docs](self).
pub struct WarcRecords {
    label: String,
    max_bytes: u64,
    stream: Stream,
    /// A `WARC/` line found while looking for the next record, and where it started.
    carried: Option<(Vec<u8>, u64)>,
    /// The offset of the record being read, for errors that end the file.
    current: u64,
    done: bool,
}

impl std::fmt::Debug for WarcRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcRecords").field("label", &self.label).field("done", &self.done).finish()
    }
}

/// What reading at the current position gave: an item, or `None` when the current gzip
/// member, or the plain file, has no more records.
type Step = Option<Result<RawDocument>>;

impl WarcRecords {
    /// Opens a WARC file; `.gz` names are read as gzip members.
    pub fn open(path: impl AsRef<Path>, options: ReadOptions) -> Result<WarcRecords> {
        let path = path.as_ref();
        let label = path.display().to_string();
        let file = File::open(path).map_err(|source| Error::Io { path: label.clone(), source })?;
        let gzip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        Ok(WarcRecords::new(BufReader::with_capacity(256 * 1024, file), &label, gzip, options))
    }

    /// Reads WARC records from a stream; `label` names it in origins and messages,
    /// `gzip` says whether it is a `.warc.gz`.
    pub fn new(reader: impl BufRead + 'static, label: &str, gzip: bool, options: ReadOptions) -> WarcRecords {
        let raw = Counting { inner: Box::new(reader) as Box<dyn BufRead>, pos: 0 };
        let stream = if gzip {
            Stream::Gzip { raw: Some(raw), member: None, member_offset: 0 }
        } else {
            Stream::Plain(raw)
        };
        WarcRecords {
            label: label.to_owned(),
            max_bytes: options.max_bytes,
            stream,
            carried: None,
            current: 0,
            done: false,
        }
    }

    fn origin(&self, offset: u64) -> Origin {
        Origin::WarcRecord { path: self.label.clone(), offset }
    }

    fn skipped(&self, offset: u64, id: Option<String>, reason: SkipReason) -> Error {
        let id = id.unwrap_or_else(|| format!("{}@{offset}", self.label));
        Error::Skipped { origin: self.origin(offset), skip: Skip::new(id, reason) }
    }

    fn malformed(&self, offset: u64, id: Option<String>, detail: impl Into<String>) -> Error {
        self.skipped(offset, id, SkipReason::Malformed { detail: detail.into() })
    }

    /// Opens the next gzip member if none is open. `Ok(false)` at the end of the file.
    fn ensure_member(&mut self) -> Result<bool> {
        let Stream::Gzip { raw, member, member_offset } = &mut self.stream else { return Ok(true) };
        if member.is_some() {
            return Ok(true);
        }
        let Some(mut reader) = raw.take() else { return Ok(false) };
        let at_end =
            reader.fill_buf().map_err(|source| Error::Io { path: self.label.clone(), source })?.is_empty();
        if at_end {
            return Ok(false);
        }
        *member_offset = reader.pos;
        self.current = reader.pos;
        *member = Some(Box::new(BufReader::with_capacity(64 * 1024, GzDecoder::new(reader))));
        Ok(true)
    }

    /// Closes the current gzip member (it is at its end), giving the file back.
    fn close_member(&mut self) {
        if let Stream::Gzip { raw, member, .. } = &mut self.stream
            && let Some(open) = member.take()
        {
            *raw = Some(open.into_inner().into_inner());
        }
    }

    /// Reads one record (or one stretch of garbage) at the current position.
    fn read_step(&mut self) -> io::Result<Step> {
        let (version, offset) = match self.carried.take() {
            Some(carried) => carried,
            None => {
                // The record starts after the blank lines between records: at the
                // member's offset, or (plain) at the position after them.
                let (reader, _) = self.reader_and_position();
                let Some(reader) = reader else { return Ok(None) };
                skip_newlines(reader)?;
                self.current = self.reader_and_position().1;
                let (reader, offset) = self.reader_and_position();
                let Some(reader) = reader else { return Ok(None) };
                let line = read_line_capped(reader)?;
                if line.is_empty() {
                    return Ok(None);
                }
                (line, offset)
            }
        };
        self.current = offset;
        if !version.starts_with(b"WARC/") {
            let skipped = version.len() as u64 + self.resync()?;
            let detail = format!("{skipped} bytes that are not a WARC record");
            return Ok(Some(Err(self.malformed(offset, None, detail))));
        }
        self.read_record(offset)
    }

    /// Consumes lines up to the next `WARC/` line (kept for the next record) or the end
    /// of the member or file. Returns the number of bytes passed over.
    fn resync(&mut self) -> io::Result<u64> {
        let mut skipped = 0u64;
        loop {
            let (reader, offset) = self.reader_and_position();
            let Some(reader) = reader else { return Ok(skipped) };
            let line = read_line_capped(reader)?;
            if line.is_empty() {
                return Ok(skipped);
            }
            if line.starts_with(b"WARC/") {
                self.carried = Some((line, offset));
                return Ok(skipped);
            }
            skipped += line.len() as u64;
        }
    }

    /// In a gzip member, looks past the record just read, so a member that fails its
    /// length or CRC check (a truncated file) costs that record, not passes it unchecked.
    fn check_member(&mut self) -> io::Result<()> {
        if let Stream::Gzip { member: Some(member), .. } = &mut self.stream {
            skip_newlines(member)?;
            member.fill_buf()?;
        }
        Ok(())
    }

    /// The current reader and the offset a record starting here would have.
    fn reader_and_position(&mut self) -> (Option<&mut dyn BufRead>, u64) {
        match &mut self.stream {
            Stream::Plain(raw) => {
                let pos = raw.pos;
                (Some(raw as &mut dyn BufRead), pos)
            }
            Stream::Gzip { member: Some(member), member_offset, .. } => {
                (Some(member as &mut dyn BufRead), *member_offset)
            }
            Stream::Gzip { member: None, member_offset, .. } => (None, *member_offset),
        }
    }

    /// Reads the header lines and the block of a record whose version line is read.
    fn read_record(&mut self, offset: u64) -> io::Result<Step> {
        let (reader, _) = self.reader_and_position();
        let Some(reader) = reader else { return Ok(None) };
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut ended = false;
        for _ in 0..MAX_HEADER_LINES {
            let line = read_line_capped(reader)?;
            if line.is_empty() {
                break; // end of input inside the head
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                ended = true;
                break;
            }
            if text.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
            } else if let Some((name, value)) = text.split_once(':') {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
        let header =
            |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let id = header("WARC-Record-ID").map(strip_angle).filter(|id| !id.is_empty()).map(str::to_owned);
        if !ended {
            let detail = if headers.len() >= MAX_HEADER_LINES {
                "record head has too many lines".to_owned()
            } else {
                "truncated record (its head is cut off)".to_owned()
            };
            let item = Err(self.malformed(offset, id, detail));
            self.resync()?;
            return Ok(Some(item));
        }
        let Some(length) = header("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            let item = Err(self.malformed(offset, id, "record has no valid Content-Length"));
            self.resync()?;
            return Ok(Some(item));
        };
        let max_bytes = self.max_bytes;
        let (reader, _) = self.reader_and_position();
        let Some(reader) = reader else { return Ok(None) };
        if length > max_bytes {
            let passed = io::copy(&mut reader.take(length), &mut io::sink())?;
            let item = if passed < length {
                Err(self.malformed(offset, id, format!("truncated record: {passed} of {length} bytes")))
            } else {
                Err(self.skipped(offset, id, SkipReason::TooLarge { bytes: length, limit: max_bytes }))
            };
            let (reader, _) = self.reader_and_position();
            if let Some(reader) = reader
                && !ends_block(reader)?
            {
                self.resync()?;
            }
            self.check_member()?;
            return Ok(Some(item));
        }
        let mut block = Vec::new();
        reader.take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            let detail = format!("truncated record: {} of {length} bytes", block.len());
            return Ok(Some(Err(self.malformed(offset, id, detail))));
        }
        if !ends_block(reader)? {
            let item =
                Err(self.malformed(offset, id, format!("Content-Length {length} does not match the record")));
            self.resync()?;
            return Ok(Some(item));
        }
        self.check_member()?;
        let item = classify(&headers, block, self.origin(offset), id, self.max_bytes)
            .map_err(|skip| Error::Skipped { origin: self.origin(offset), skip });
        Ok(Some(item))
    }
}

impl Iterator for WarcRecords {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Result<RawDocument>> {
        loop {
            if self.done {
                return None;
            }
            match self.ensure_member() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(err) => {
                    self.done = true;
                    return Some(Err(err));
                }
            }
            let gzip = matches!(self.stream, Stream::Gzip { .. });
            match self.read_step() {
                Ok(Some(item)) => return Some(item),
                Ok(None) if gzip => self.close_member(),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(err) => {
                    // The file cannot be read on: report where it broke and stop.
                    self.done = true;
                    let offset = self.current;
                    return Some(Err(if gzip {
                        self.malformed(offset, None, format!("truncated or corrupt gzip member: {err}"))
                    } else if err.kind() == io::ErrorKind::UnexpectedEof {
                        self.malformed(offset, None, "truncated record")
                    } else {
                        Error::Io { path: self.label.clone(), source: err }
                    }));
                }
            }
        }
    }
}

fn strip_angle(value: &str) -> &str {
    value.trim().trim_start_matches('<').trim_end_matches('>').trim()
}

/// Skips the CR and LF bytes between records.
fn skip_newlines(reader: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let n = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        let all = n == buf.len();
        reader.consume(n);
        if !all {
            return Ok(());
        }
    }
}

/// Reads one line with its terminator, at most [`MAX_LINE`] bytes. Empty at the end.
fn read_line_capped(reader: &mut dyn BufRead) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(line);
        }
        let room = MAX_LINE - line.len();
        let window = &buf[..buf.len().min(room)];
        match memchr::memchr(b'\n', window) {
            Some(at) => {
                line.extend_from_slice(&window[..=at]);
                reader.consume(at + 1);
                return Ok(line);
            }
            None => {
                let n = window.len();
                line.extend_from_slice(window);
                reader.consume(n);
                if line.len() >= MAX_LINE {
                    return Ok(line);
                }
            }
        }
    }
}

/// After a block comes `CRLF CRLF` (or the end of the member or file). False when
/// something else comes: the `Content-Length` was wrong.
fn ends_block(reader: &mut dyn BufRead) -> io::Result<bool> {
    let buf = reader.fill_buf()?;
    Ok(buf.is_empty() || buf.starts_with(b"\r\n") || buf.starts_with(b"\n") || buf == b"\r")
}

/// A record to a document, or the reason it is not one.
fn classify(
    headers: &[(String, String)],
    block: Vec<u8>,
    origin: Origin,
    id: Option<String>,
    max_bytes: u64,
) -> std::result::Result<RawDocument, Skip> {
    let header =
        |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let url = header("WARC-Target-URI").map(strip_angle).filter(|u| !u.is_empty()).map(str::to_owned);
    let id = id.or_else(|| url.clone()).unwrap_or_else(|| origin.to_string());
    let skip = |reason: SkipReason| Skip::new(id.clone(), reason);
    let record_type = header("WARC-Type").unwrap_or("").to_ascii_lowercase();
    if record_type != "response" {
        let what = if record_type.is_empty() {
            "WARC record without a type".to_owned()
        } else {
            format!("WARC {record_type} record")
        };
        return Err(skip(SkipReason::NotHtml { content_type: what }));
    }
    let warc_type = mime_essence(header("Content-Type").unwrap_or(""));
    if !warc_type.is_empty() && warc_type != "application/http" {
        return Err(skip(SkipReason::NotHtml { content_type: format!("WARC response of {warc_type}") }));
    }
    let head = parse_http_head(&block).map_err(|detail| skip(SkipReason::Malformed { detail }))?;
    let content_type = head.header("Content-Type").map(str::to_owned);
    if head.status != 200 {
        let what = format!("HTTP {}", head.status);
        return Err(skip(SkipReason::NotHtml { content_type: what }));
    }
    let essence = content_type.as_deref().map(mime_essence).unwrap_or_default();
    if !is_html_type(&essence) && !is_unspecific_type(&essence) {
        return Err(skip(SkipReason::NotHtml { content_type: essence }));
    }
    let mut body = block;
    body.drain(..head.body_start.min(body.len()));
    if head.header("Transfer-Encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body, max_bytes).map_err(&skip)?;
    }
    let body = decode_content(body, head.header("Content-Encoding"), max_bytes).map_err(&skip)?;
    if !is_html_type(&essence) && !looks_like_html_page(&body) {
        let what = if essence.is_empty() {
            "no content type, not HTML".to_owned()
        } else {
            format!("{essence}, not HTML")
        };
        return Err(skip(SkipReason::NotHtml { content_type: what }));
    }
    let mut doc = RawDocument::new(id, origin, body);
    doc.url = url;
    doc.content_type = content_type;
    doc.fetched = header("WARC-Date").map(str::to_owned);
    Ok(doc)
}
