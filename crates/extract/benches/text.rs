//! Scraped-text extraction speed, one thread: every AEB page as scraped text
//! (`shared/data/aeb/text/*.txt`, from `FAULTLINE_SHARED` or `shared/` beside the
//! workspace), else the synthetic samples of `samples/text/` repeated. Each iteration
//! extracts every page and asserts how many became articles, so a regression that
//! skips pages cannot look fast.
//!
//! `cargo bench -p faultline-extract --bench text` prints the time per corpus pass;
//! pages/s = pages / time, MB/s = bytes / time (divan prints both as counters).

use divan::counter::{BytesCount, ItemsCount};
use faultline_model::{Format, Origin, RawDocument};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    let corpus = corpus();
    eprintln!(
        "corpus: {} ({} pages, {:.2} MB, {} articles expected)",
        corpus.name,
        corpus.pages.len(),
        corpus.bytes as f64 / 1e6,
        corpus.expected_articles
    );
    divan::main();
}

struct Corpus {
    name: &'static str,
    pages: Vec<(RawDocument, String)>,
    bytes: usize,
    expected_articles: usize,
}

fn count_articles(pages: &[(RawDocument, String)]) -> usize {
    pages.iter().filter(|(doc, text)| faultline_extract::extract(doc, text, Format::Text).is_ok()).count()
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let shared = std::env::var_os("FAULTLINE_SHARED").map_or_else(
            || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
            PathBuf::from,
        );
        let aeb = shared.join("data/aeb/text");
        let mut pages = Vec::new();
        let name = if let Ok(entries) = std::fs::read_dir(&aeb) {
            let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    pages.push((RawDocument::new(id, Origin::Inline, Vec::new()), text));
                }
            }
            "AEB scraped text"
        } else {
            let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/text");
            let mut paths: Vec<PathBuf> = std::fs::read_dir(samples)
                .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            paths.sort();
            for round in 0..40 {
                for path in &paths {
                    if let Ok(text) = std::fs::read_to_string(path) {
                        pages.push((
                            RawDocument::new(
                                format!("{round}-{}", path.display()),
                                Origin::Inline,
                                Vec::new(),
                            ),
                            text,
                        ));
                    }
                }
            }
            "synthetic samples x40"
        };
        let bytes = pages.iter().map(|(_, text)| text.len()).sum();
        let expected_articles = count_articles(&pages);
        Corpus { name, pages, bytes, expected_articles }
    })
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn extract_corpus(bencher: divan::Bencher) {
    let corpus = corpus();
    bencher.counter(ItemsCount::new(corpus.pages.len())).counter(BytesCount::new(corpus.bytes)).bench(|| {
        let articles = count_articles(&corpus.pages);
        assert_eq!(articles, corpus.expected_articles);
        articles
    });
}
