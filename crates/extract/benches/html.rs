//! Throughput of the HTML extractor on the ScrapingHub article-extraction benchmark.
//!
//! Reads the 181 pages from `$FAULTLINE_SHARED/data/aeb/html/*.html.gz` (default: the
//! `shared` folder beside the repository); without them it falls back to synthetic
//! pages, so the bench always runs. Every iteration extracts every page and asserts the
//! number of articles it got, so a regression that skips pages cannot look fast.
//!
//! `cargo bench -p faultline-extract --bench html`: divan prints the median time of one
//! pass over all pages; `items/s` is pages per second and `B/s` is HTML bytes per second.

use std::io::Read;
use std::path::PathBuf;

use divan::counter::{BytesCount, ItemsCount};
use faultline_model::{Format, Origin, RawDocument};

fn main() {
    divan::main();
}

const AEB_PAGES: usize = 181;

struct Corpus {
    pages: Vec<(RawDocument, String)>,
    /// How many of them must come out as articles.
    expected_articles: usize,
    bytes: usize,
}

fn shared_dir() -> PathBuf {
    std::env::var_os("FAULTLINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

fn load() -> Corpus {
    let dir = shared_dir().join("data/aeb/html");
    let mut pages = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if !path.to_string_lossy().ends_with(".html.gz") {
                continue;
            }
            let mut html = String::new();
            let Ok(file) = std::fs::File::open(&path) else { continue };
            if flate2::read::GzDecoder::new(file).read_to_string(&mut html).is_err() {
                continue;
            }
            let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            pages.push((RawDocument::new(id, Origin::Inline, Vec::new()), html));
        }
    }
    if pages.is_empty() {
        eprintln!("AEB pages not found under {}: benchmarking synthetic pages", dir.display());
        pages = (0..100)
            .map(|i| {
                (RawDocument::new(format!("synthetic-{i}"), Origin::Inline, Vec::new()), synthetic_page(i))
            })
            .collect();
    }
    let bytes = pages.iter().map(|(_, html)| html.len()).sum();
    // The AEB has two paywall stubs (WSJ teasers with a "Subscribe / Sign In" prompt),
    // which are skipped as such; every other page is an article.
    let expected_articles = if pages.len() == AEB_PAGES { AEB_PAGES - 2 } else { pages.len() };
    Corpus { pages, expected_articles, bytes }
}

/// A page shaped like a news article: navigation, a body of paragraphs, a related list,
/// a footer, scripts. About 100 KB.
fn synthetic_page(seed: usize) -> String {
    let mut html =
        String::from("<!doctype html><html lang=\"en\"><head><title>Synthetic story - Example News</title>");
    html.push_str("<meta property=\"og:title\" content=\"Synthetic story\"><script>var x = '<p>not text</p>';</script></head><body>");
    html.push_str("<nav class=\"site-nav\"><ul>");
    for i in 0..60 {
        html.push_str(&format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"));
    }
    html.push_str("</ul></nav><main><article><h1>Synthetic story</h1><div class=\"article-body\">");
    for i in 0..40 {
        html.push_str(&format!(
            "<p>Paragraph {i} of synthetic story {seed}: ministers met on Tuesday and agreed, after long talks, \
             to meet again next month; officials said the &ldquo;framework&rdquo; was not yet final.</p>"
        ));
    }
    html.push_str("</div></article><aside class=\"related\"><h2>Related</h2><ul>");
    for i in 0..20 {
        html.push_str(&format!("<li><a href=\"/story/{i}\">Another synthetic headline number {i}</a></li>"));
    }
    html.push_str("</ul></aside></main><footer><p>Copyright Example News</p></footer>");
    html.push_str(
        &"<script>window.dataLayer = window.dataLayer || []; function gtag(){}</script>".repeat(800),
    );
    html.push_str("</body></html>");
    html
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn extract_pages(bencher: divan::Bencher) {
    let corpus = load();
    bencher.counter(ItemsCount::new(corpus.pages.len())).counter(BytesCount::new(corpus.bytes)).bench(|| {
        let mut n_articles = 0;
        for (doc, html) in &corpus.pages {
            if let Ok(article) = faultline_extract::extract(doc, html, Format::Html) {
                n_articles += 1;
                divan::black_box(article);
            }
        }
        assert_eq!(n_articles, corpus.expected_articles, "pages that gave an article");
        n_articles
    });
}
