//! `faultline extract`: pages in, article JSON out.

use anyhow::Context;
use faultline_model::{Article, RawDocument, Skip};
use faultline_sources::{Input, ReadOptions};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (read recursively; `.gz` and `.jsonl` understood); `-` is stdin.
    #[arg(required_unless_present = "jsonl")]
    paths: Vec<String>,
    /// Read JSON lines `{"id","url","html"}` (or `"text"`) on stdin and write one line
    /// `{"id","text",...metadata}` per input line, `text` being the article body.
    #[arg(long, conflicts_with = "paths")]
    jsonl: bool,
    /// Pretty-print each article (default: one JSON object a line).
    #[arg(long)]
    pretty: bool,
    /// Largest document to read, in bytes.
    #[arg(long, default_value_t = faultline_sources::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// The flat line `--jsonl` writes: the body as `text`, and the metadata beside it.
#[derive(Debug, Serialize)]
struct JsonlOut<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standfirst: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<faultline_model::Format>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<String>,
}

impl<'a> JsonlOut<'a> {
    fn article(article: &'a Article) -> JsonlOut<'a> {
        let value = |field: &'a Option<faultline_model::Field>| field.as_ref().map(|f| f.value.as_str());
        JsonlOut {
            id: &article.id,
            text: article.body(),
            title: value(&article.title),
            published: article.published.as_ref().map(|p| p.date.to_string()),
            outlet: value(&article.outlet),
            byline: value(&article.byline),
            dateline: value(&article.dateline),
            agency: value(&article.agency),
            standfirst: value(&article.standfirst),
            language: article.language.as_deref(),
            format: Some(article.format),
            skipped: None,
        }
    }

    fn skipped(id: &'a str, why: String) -> JsonlOut<'a> {
        JsonlOut {
            id,
            text: "",
            title: None,
            published: None,
            outlet: None,
            byline: None,
            dateline: None,
            agency: None,
            standfirst: None,
            language: None,
            format: None,
            skipped: Some(why),
        }
    }
}

/// Decodes and extracts one document.
fn extract_one(doc: &RawDocument, max_bytes: u64) -> Result<Article, Skip> {
    let decoded =
        faultline_sources::decode(doc, max_bytes).map_err(|reason| Skip::new(doc.id.clone(), reason))?;
    faultline_extract::extract(doc, &decoded.text, decoded.format)
        .map_err(|reason| Skip::new(doc.id.clone(), reason))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let options = ReadOptions { max_bytes: args.max_bytes };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut n_articles, mut n_skipped, mut n_errors) = (0u64, 0u64, 0u64);
    if args.jsonl {
        for item in faultline_sources::documents(&[Input::StdinJsonl], options) {
            match item {
                Ok(doc) => {
                    let line = match extract_one(&doc, args.max_bytes) {
                        Ok(article) => {
                            n_articles += 1;
                            serde_json::to_string(&JsonlOut::article(&article))?
                        }
                        Err(skip) => {
                            n_skipped += 1;
                            serde_json::to_string(&JsonlOut::skipped(&doc.id, skip.reason.to_string()))?
                        }
                    };
                    writeln!(out, "{line}").context("writing to stdout")?;
                }
                Err(err) => {
                    n_errors += 1;
                    eprintln!("faultline: {err}");
                }
            }
        }
    } else {
        let inputs: Vec<Input> = args.paths.iter().map(|p| Input::from_arg(p)).collect();
        for item in faultline_sources::documents(&inputs, options) {
            let doc = match item {
                Ok(doc) => doc,
                Err(err) => {
                    match err.as_skip() {
                        Some(_) => n_skipped += 1,
                        None => n_errors += 1,
                    }
                    eprintln!("faultline: {err}");
                    continue;
                }
            };
            match extract_one(&doc, args.max_bytes) {
                Ok(article) => {
                    n_articles += 1;
                    if args.pretty {
                        serde_json::to_writer_pretty(&mut out, &article)?;
                        writeln!(out)?;
                    } else {
                        serde_json::to_writer(&mut out, &article)?;
                        writeln!(out)?;
                    }
                }
                Err(skip) => {
                    n_skipped += 1;
                    eprintln!("faultline: {} ({}): skipped: {}", skip.id, doc.origin, skip.reason);
                }
            }
        }
    }
    out.flush().context("writing to stdout")?;
    if n_skipped + n_errors > 0 {
        eprintln!("faultline: {n_articles} articles, {n_skipped} skipped, {n_errors} errors");
    }
    // Partial success is success: skips are data. Only a run where nothing could be read
    // at all fails.
    Ok(if n_articles == 0 && n_errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
