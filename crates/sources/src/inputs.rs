//! Reading documents from files, folders, gzip files, stdin, JSONL and WARC.

use crate::warc::{WarcRecords, is_warc_path};
use crate::{Error, Result};
use faultline_model::{Format, Origin, RawDocument};
use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file (plain, `.gz`, JSONL by its `.jsonl`/`.ndjson` name, WARC by its
    /// `.warc`/`.warc.gz` name) or a folder, read recursively in name order.
    Path(PathBuf),
    /// Standard input as one document.
    Stdin,
    /// Standard input as JSONL, one document a line.
    StdinJsonl,
}

impl Input {
    /// `-` is standard input; anything else a path.
    #[must_use]
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" { Input::Stdin } else { Input::Path(PathBuf::from(arg)) }
    }
}

/// Options for reading.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    /// Documents larger than this (after gzip) are not read into memory: they come out as
    /// [`Error::TooLarge`].
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions { max_bytes: crate::DEFAULT_MAX_BYTES }
    }
}

/// One line of a JSONL input. `html` or `text` carries the page; `html` may in fact hold
/// scraped text (the format is then sniffed), `text` is always scraped text.
#[derive(Debug, Deserialize)]
struct JsonlLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
}

/// Parses one JSONL line into a document. `path` and `line` name it in messages and make
/// its id when the line has none.
pub fn parse_jsonl_line(json: &str, path: &str, line: u64) -> Result<RawDocument> {
    let malformed = |detail: String| Error::Malformed { path: path.to_owned(), line, detail };
    let parsed: JsonlLine = serde_json::from_str(json).map_err(|e| malformed(e.to_string()))?;
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None | Some(serde_json::Value::Null) => format!("{path}:{line}"),
        Some(other) => return Err(malformed(format!("`id` must be a string or number, not {other}"))),
    };
    let (body, declared) = match (parsed.html, parsed.text) {
        (Some(html), _) => (html, None),
        (None, Some(text)) => (text, Some(Format::Text)),
        (None, None) => return Err(malformed(format!("line for {id:?} has neither `html` nor `text`"))),
    };
    let mut doc = RawDocument::new(id, Origin::JsonlLine { path: path.to_owned(), line }, body.into_bytes());
    doc.url = parsed.url;
    doc.published = parsed.published;
    doc.outlet = parsed.outlet;
    doc.declared_format = declared;
    Ok(doc)
}

fn is_jsonl(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// A document id from a path: the file name (or the path below the folder that was
/// named) without its extensions.
fn id_for(path: &Path, root: Option<&Path>) -> String {
    let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    let rel = if root.is_some() { rel } else { Path::new(rel.file_name().unwrap_or(rel.as_os_str())) };
    let mut id = rel.to_string_lossy().replace('\\', "/");
    for ext in [".gz", ".html", ".htm", ".txt", ".text", ".xhtml"] {
        if id.len() > ext.len() && id.to_ascii_lowercase().ends_with(ext) {
            id.truncate(id.len() - ext.len());
        }
    }
    id
}

/// Reads at most `max + 1` bytes, so an oversized input is detected without reading it all.
fn read_capped(reader: impl Read, max: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

enum Pending {
    Path { path: PathBuf, root: Option<PathBuf> },
    Jsonl { reader: Box<dyn BufRead>, label: String, line: u64 },
    Warc(Box<WarcRecords>),
    Stdin,
}

/// An iterator over the documents of some inputs, in order. A file that cannot be read
/// or a malformed JSONL line is an `Err` item; iteration goes on with the rest. A WARC
/// record that is not an HTML page is an [`Error::Skipped`] item.
pub struct Documents {
    pending: VecDeque<Pending>,
    options: ReadOptions,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents").field("pending", &self.pending.len()).finish()
    }
}

/// The documents of `inputs`.
#[must_use]
pub fn documents(inputs: &[Input], options: ReadOptions) -> Documents {
    let pending = inputs
        .iter()
        .map(|input| match input {
            Input::Path(path) => Pending::Path { path: path.clone(), root: None },
            Input::Stdin => Pending::Stdin,
            Input::StdinJsonl => Pending::Jsonl {
                reader: Box::new(BufReader::new(io::stdin())),
                label: "<stdin>".to_owned(),
                line: 0,
            },
        })
        .collect();
    Documents { pending, options }
}

/// The documents of one JSONL stream.
#[must_use]
pub fn jsonl(reader: impl BufRead + 'static, label: &str, options: ReadOptions) -> Documents {
    let pending =
        VecDeque::from([Pending::Jsonl { reader: Box::new(reader), label: label.to_owned(), line: 0 }]);
    Documents { pending, options }
}

impl Documents {
    fn open_path(&mut self, path: PathBuf, root: Option<PathBuf>) -> Option<Result<RawDocument>> {
        let label = path.display().to_string();
        let io_err = |source| Some(Err(Error::Io { path: label.clone(), source }));
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => return io_err(e),
        };
        if meta.is_dir() {
            let mut entries = match std::fs::read_dir(&path) {
                Ok(entries) => entries.filter_map(|e| e.ok()).map(|e| e.path()).collect::<Vec<_>>(),
                Err(e) => return io_err(e),
            };
            entries.retain(|p| {
                let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
                // Never follow symlinked folders: no loops.
                let symlinked_dir = p.is_symlink() && p.is_dir();
                !hidden && !symlinked_dir
            });
            entries.sort();
            let root = root.unwrap_or_else(|| path.clone());
            for entry in entries.into_iter().rev() {
                self.pending.push_front(Pending::Path { path: entry, root: Some(root.clone()) });
            }
            return None;
        }
        if is_warc_path(&path) {
            return match WarcRecords::open(&path, self.options) {
                Ok(records) => {
                    self.pending.push_front(Pending::Warc(Box::new(records)));
                    None
                }
                Err(err) => Some(Err(err)),
            };
        }
        if is_jsonl(&path) {
            let file = match File::open(&path) {
                Ok(file) => file,
                Err(e) => return io_err(e),
            };
            let reader: Box<dyn BufRead> = if is_gzip(&path) {
                Box::new(BufReader::new(MultiGzDecoder::new(file)))
            } else {
                Box::new(BufReader::new(file))
            };
            self.pending.push_front(Pending::Jsonl { reader, label, line: 0 });
            return None;
        }
        let max = self.options.max_bytes;
        if !is_gzip(&path) && meta.len() > max {
            return Some(Err(Error::TooLarge {
                id: id_for(&path, root.as_deref()),
                path: label,
                bytes: meta.len(),
                limit: max,
            }));
        }
        let read = File::open(&path).and_then(|file| {
            if is_gzip(&path) { read_capped(MultiGzDecoder::new(file), max) } else { read_capped(file, max) }
        });
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(e) if is_gzip(&path) => {
                return Some(Err(Error::Malformed { path: label, line: 0, detail: format!("gzip: {e}") }));
            }
            Err(e) => return io_err(e),
        };
        let id = id_for(&path, root.as_deref());
        if bytes.len() as u64 > max {
            return Some(Err(Error::TooLarge { id, path: label, bytes: bytes.len() as u64, limit: max }));
        }
        Some(Ok(RawDocument::new(id, Origin::File { path: label }, bytes)))
    }

    fn read_stdin(&self) -> Result<RawDocument> {
        let max = self.options.max_bytes;
        let bytes = read_capped(io::stdin().lock(), max)
            .map_err(|source| Error::Io { path: "<stdin>".into(), source })?;
        if bytes.len() as u64 > max {
            return Err(Error::TooLarge {
                id: "stdin".into(),
                path: "<stdin>".into(),
                bytes: bytes.len() as u64,
                limit: max,
            });
        }
        Ok(RawDocument::new("stdin", Origin::Stdin, bytes))
    }
}

impl Iterator for Documents {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Result<RawDocument>> {
        loop {
            match self.pending.pop_front()? {
                Pending::Path { path, root } => {
                    if let Some(item) = self.open_path(path, root) {
                        return Some(item);
                    }
                }
                Pending::Stdin => return Some(self.read_stdin()),
                Pending::Warc(mut records) => {
                    if let Some(item) = records.next() {
                        self.pending.push_front(Pending::Warc(records));
                        return Some(item);
                    }
                }
                Pending::Jsonl { mut reader, label, mut line } => {
                    let mut buf = String::new();
                    loop {
                        buf.clear();
                        line += 1;
                        match reader.read_line(&mut buf) {
                            Ok(0) => break,
                            Ok(_) if buf.trim().is_empty() => continue,
                            Ok(_) => {
                                let item = parse_jsonl_line(buf.trim_end(), &label, line);
                                self.pending.push_front(Pending::Jsonl { reader, label, line });
                                return Some(item);
                            }
                            Err(e) => {
                                // A truncated gzip stream or invalid UTF-8: report it and
                                // stop reading this stream (its position is lost).
                                return Some(Err(Error::Malformed {
                                    path: label,
                                    line,
                                    detail: e.to_string(),
                                }));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn ids(inputs: &[Input]) -> Vec<std::result::Result<String, String>> {
        documents(inputs, ReadOptions { max_bytes: 1000 })
            .map(|item| item.map(|d| d.id).map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn folders_recursively_in_order_with_gzip_and_jsonl() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/nested")).unwrap();
        std::fs::write(root.join("a.html"), "<p>a</p>").unwrap();
        std::fs::write(root.join("b/nested/c.txt"), "c").unwrap();
        std::fs::write(root.join(".hidden"), "x").unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"zipped").unwrap();
        std::fs::write(root.join("b/d.html.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(
            root.join("e.jsonl"),
            "{\"id\":\"j1\",\"html\":\"<p>x</p>\"}\n\nnot json\n{\"id\":7,\"text\":\"y\"}\n{\"id\":\"j3\"}\n",
        )
        .unwrap();
        let got = ids(&[Input::Path(root.to_path_buf())]);
        let e = root.join("e.jsonl").display().to_string();
        assert_eq!(got[0], Ok("a".to_string()));
        assert_eq!(got[1], Ok("b/d".to_string()));
        assert_eq!(got[2], Ok("b/nested/c".to_string()));
        assert_eq!(got[3], Ok("j1".to_string()));
        assert!(got[4].as_ref().unwrap_err().starts_with(&format!("{e}:3: ")), "{:?}", got[4]);
        assert_eq!(got[5], Ok("7".to_string()));
        assert!(got[6].as_ref().unwrap_err().contains("neither `html` nor `text`"));
        assert_eq!(got.len(), 7);
    }

    #[test]
    fn a_missing_or_oversized_file_costs_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big.html"), vec![b'a'; 2000]).unwrap();
        std::fs::write(dir.path().join("ok.html"), "fine").unwrap();
        let got = ids(&[
            Input::Path(dir.path().join("missing.html")),
            Input::Path(dir.path().join("big.html")),
            Input::Path(dir.path().join("ok.html")),
        ]);
        assert!(got[0].as_ref().unwrap_err().contains("missing.html"));
        assert!(got[1].as_ref().unwrap_err().contains("too large"));
        assert_eq!(got[2], Ok("ok".to_string()));
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&[b'x'; 500]).unwrap();
        let bytes = gz.finish().unwrap();
        std::fs::write(dir.path().join("t.html.gz"), &bytes[..bytes.len() / 2]).unwrap();
        std::fs::write(dir.path().join("u.html"), "after").unwrap();
        let got = ids(&[Input::Path(dir.path().to_path_buf())]);
        assert!(got[0].as_ref().unwrap_err().contains("gzip"), "{:?}", got[0]);
        assert_eq!(got[1], Ok("u".to_string()));
    }

    #[test]
    fn jsonl_fields() {
        let doc = parse_jsonl_line(
            r#"{"id":"a","url":"https://x.example/1","text":"hello","published":"2025-12-28","outlet":"X"}"#,
            "f",
            1,
        )
        .unwrap();
        assert_eq!(doc.declared_format, Some(Format::Text));
        assert_eq!(doc.url.as_deref(), Some("https://x.example/1"));
        assert_eq!(doc.published.as_deref(), Some("2025-12-28"));
        assert_eq!(doc.outlet.as_deref(), Some("X"));
        assert_eq!(doc.bytes, b"hello");
        let doc = parse_jsonl_line(r#"{"url":"u","html":"<p>x</p>"}"#, "f", 9).unwrap();
        assert_eq!(doc.id, "f:9");
        assert_eq!(doc.declared_format, None);
    }
}
