//! The scraped-text extractor never panics and always returns a valid article or a skip:
//! random strings, and real or sample pages mutated (lines shuffled, truncated,
//! duplicated, random bytes inserted, a 10 MB line), with `Article::check()` on every
//! article.
//!
//! `FAULTLINE_FUZZ_CASES` sets the number of cases per property (default 64; run with
//! thousands for a long fuzz). `FAULTLINE_BIG_PAGE_MB` sets the size of the generated
//! big page (default 5; the report uses 50 in release).

use faultline_model::{Format, Origin, RawDocument};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

fn cases() -> u32 {
    std::env::var("FAULTLINE_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

/// Extracts and checks; a panic or an invalid article fails the property.
fn extract_checked(text: &str) -> Result<(), TestCaseError> {
    let doc = RawDocument::new("fuzz", Origin::Inline, Vec::new());
    if let Ok(article) = faultline_extract::extract(&doc, text, Format::Text) {
        prop_assert!(article.check().is_ok(), "invalid article: {:?}", article.check());
        prop_assert!(!article.paragraphs.is_empty());
        prop_assert!(!article.body().is_empty());
    }
    Ok(())
}

/// Pages to mutate: the synthetic samples, and the seed and AEB text pages when the
/// shared folder is there.
fn base_pages() -> &'static [String] {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut dirs = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/text"))];
        let shared = std::env::var_os("FAULTLINE_SHARED").map_or_else(
            || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
            PathBuf::from,
        );
        dirs.push(shared.join("seed"));
        dirs.push(shared.join("data/aeb/text"));
        let mut pages = Vec::new();
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")).take(60) {
                if let Ok(text) = std::fs::read_to_string(path) {
                    pages.push(text);
                }
            }
        }
        pages
    })
}

/// One change to a page.
#[derive(Clone, Debug)]
enum Mutation {
    /// Swap two lines.
    Swap(usize, usize),
    /// Cut the page at this fraction (per mille) of its length.
    Truncate(u16),
    /// Repeat a line right after itself, `n` times.
    Duplicate(usize, u8),
    /// Insert a string (random bytes as chars, possibly controls) at a fraction of the
    /// page.
    Insert(u16, String),
    /// Delete a line.
    Delete(usize),
    /// Join all lines into one.
    OneLine,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (0u16..1000).prop_map(Mutation::Truncate),
        (any::<usize>(), 1u8..20).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (0u16..1000, ".{0,40}").prop_map(|(at, s)| Mutation::Insert(at, s)),
        (0u16..1000, prop::collection::vec(any::<u8>(), 0..40))
            .prop_map(|(at, bytes)| Mutation::Insert(at, String::from_utf8_lossy(&bytes).into_owned())),
        any::<usize>().prop_map(Mutation::Delete),
        Just(Mutation::OneLine),
    ]
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(page: &str, mutations: &[Mutation]) -> String {
    let mut text = page.to_owned();
    for mutation in mutations {
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let n = lines.len().max(1);
        match mutation {
            Mutation::Swap(a, b) => lines.swap(a % n, b % n),
            Mutation::Truncate(per_mille) => {
                let at = floor_boundary(&text, text.len() * usize::from(*per_mille) / 1000);
                text.truncate(at);
                continue;
            }
            Mutation::Duplicate(i, times) => {
                let i = i % lines.len();
                let line = lines[i].clone();
                for _ in 0..*times {
                    lines.insert(i, line.clone());
                }
            }
            Mutation::Insert(per_mille, s) => {
                let at = floor_boundary(&text, text.len() * usize::from(*per_mille) / 1000);
                text.insert_str(at, s);
                continue;
            }
            Mutation::Delete(i) => {
                let i = i % lines.len();
                lines.remove(i);
            }
            Mutation::OneLine => {
                text = lines.join(" ");
                continue;
            }
        }
        text = lines.join("\n");
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_text(text in "(?s).{0,600}") {
        extract_checked(&text)?;
    }

    #[test]
    fn random_lines(lines in prop::collection::vec("[A-Za-z ,.“”’'()\\-—:0-9]{0,120}", 0..80)) {
        extract_checked(&lines.join("\n"))?;
    }

    #[test]
    fn mutated_pages(index in any::<usize>(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let pages = base_pages();
        prop_assume!(!pages.is_empty());
        let page = &pages[index % pages.len()];
        extract_checked(&apply(page, &mutations))?;
    }
}

#[test]
fn a_ten_megabyte_line_in_a_page() {
    let page = base_pages().first().cloned().unwrap_or_default();
    let mut lines: Vec<String> = page.lines().map(str::to_owned).collect();
    let at = lines.len() / 2;
    let big: String = "The minister said talks would resume, officials said. ".repeat(10 * 1024 * 1024 / 56);
    lines.insert(at, big);
    lines.insert(0, "x".repeat(10 * 1024 * 1024));
    let started = Instant::now();
    extract_checked(&lines.join("\n")).expect("valid");
    eprintln!("10 MB lines: {:?}", started.elapsed());
}

/// A big generated page: many articles' worth of paragraphs, menus, captions and
/// footers. It must give an article or a skip in time linear in its size.
#[test]
fn a_big_generated_page_is_linear() {
    let megabytes: usize =
        std::env::var("FAULTLINE_BIG_PAGE_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let page = big_page(megabytes * 1024 * 1024);
    let tenth = big_page(megabytes * 1024 * 1024 / 10);
    let time = |text: &str| {
        let doc = RawDocument::new("big", Origin::Inline, Vec::new());
        let started = Instant::now();
        let result = faultline_extract::extract(&doc, text, Format::Text);
        if let Ok(article) = &result {
            assert!(article.check().is_ok());
        }
        (started.elapsed(), result.map(|a| a.paragraphs.len()).map_err(|s| s.key()))
    };
    let (small, _) = time(&tenth);
    let (big, result) = time(&page);
    eprintln!(
        "big page: {:.1} MB in {:?} ({:?}); a tenth of it in {:?}",
        page.len() as f64 / 1e6,
        big,
        result,
        small
    );
    // Linear: ten times the input takes nowhere near a hundred times as long.
    assert!(big.as_secs_f64() < 40.0 * small.as_secs_f64().max(0.01), "not linear: {big:?} vs {small:?}");
}

fn big_page(bytes: usize) -> String {
    let pieces = [
        "Home\nWorld\nAsia\nEurope\nBusiness\nSport\n",
        "Leaders meet in Geneva as talks on the ceasefire enter a second week\n",
        "By Jane Doe\nMarch 3, 2026 10:07 AM\n",
        "The ministers met in Geneva on Monday for talks on the ceasefire, which have stalled for weeks over the withdrawal of heavy weapons from the front.\n",
        "Diplomats said a deal was unlikely before the summer, as both sides wanted guarantees that the other would not use the pause to rearm.\n",
        "Officials said the talks with\nthe mediators\nwould resume next week after the holiday.\n",
        "PHOTO: AFP\nSign up for our newsletter\n",
        "Related\nTalks stall over prisoner exchange\nMinisters trade blame after shelling\n",
        "Comments\njdoe says:\nThis is a long comment that looks like prose, with stopwords and a full stop at its end.\n",
        "© 2026 Example News. All rights reserved.\n",
    ];
    let mut page = String::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while page.len() < bytes {
        page.push_str(pieces[i % pieces.len()]);
        // Vary the text so that not every paragraph is a duplicate.
        page.push_str(&format!(
            "Paragraph number {i} adds a sentence of its own, which the reader has not seen before.\n"
        ));
        i += 1;
    }
    page
}
