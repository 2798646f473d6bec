//! Property tests: the HTML extractor never panics and every article it returns keeps its
//! invariants, on random bytes, on random tag soup, and on real pages mutated (truncated,
//! tags deleted or duplicated, random bytes inserted, wrapped in deep nesting).
//!
//! `FAULTLINE_FUZZ_CASES` sets the number of cases per property (default 64, for CI);
//! a long run: `FAULTLINE_FUZZ_CASES=20000 cargo test --release -p faultline-extract --test
//! html_fuzz`. The real pages are the synthetic samples in `samples/html/`, plus the AEB
//! pages when `$FAULTLINE_SHARED/data/aeb/html` (default `../shared` beside the
//! repository) is present.

use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

use faultline_model::{Format, Origin, RawDocument};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FAULTLINE_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

/// Extracts and checks; panics (failing the property) only on a broken invariant.
fn extract_checked(html: &str) {
    let doc = RawDocument::new("fuzz", Origin::Inline, Vec::new());
    if let Ok(article) = faultline_extract::extract(&doc, html, Format::Html) {
        if let Err(problem) = article.check() {
            panic!("broken article: {problem}");
        }
        assert!(!article.paragraphs.is_empty());
    }
}

fn real_pages() -> &'static [String] {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut pages = Vec::new();
        let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/html");
        for entry in std::fs::read_dir(samples).into_iter().flatten().flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                pages.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        let shared = std::env::var_os("FAULTLINE_SHARED")
            .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")), PathBuf::from);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(shared.join("data/aeb/html"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        for path in paths.into_iter().step_by(6) {
            let mut html = String::new();
            if let Ok(file) = std::fs::File::open(&path) {
                if flate2::read::GzDecoder::new(file).read_to_string(&mut html).is_ok() {
                    pages.push(html);
                }
            }
        }
        if pages.is_empty() {
            pages.push("<html><body><article><p>A fallback page for the fuzzer, long enough to be a paragraph of prose.</p></article></body></html>".into());
        }
        pages
    })
}

/// Pieces of HTML that exercise the tokenizer's and tree builder's states.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z ,.]{0,60}",
        1 => "&[a-zA-Z#x0-9]{0,10};?",
        1 => "[\\PC]{0,8}",
        6 => prop::sample::select(vec![
            "<div>", "</div>", "<p>", "</p>", "<br>", "<br/>", "</br>", "<span>", "</span>", "<b>", "</b>",
            "<a href=\"/x\">", "</a>", "<li>", "<ul>", "</ul>", "<table>", "<tr>", "<td>", "</td>", "</table>",
            "<h1>", "</h1>", "<h2>", "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>",
            "<math>", "<title>", "</title>", "<textarea>", "<noscript>", "<template>", "</template>",
            "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<?xml", "<", ">", "</", "/>", "\"", "'",
            "=", "<div class=\"share\">", "<div class=\"article-body\">", "<article>", "</article>",
            "<main>", "<nav>", "<footer>", "<figure>", "<figcaption>", "<html lang=\"en\">", "<head>",
            "</head>", "<body>", "<meta property=\"og:title\" content=\"x\">",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":",
            "<time datetime=\"2026-01-01\">", "<p hidden>", "<p style=\"display:none\">", "<x-custom>",
            "</x-custom>", "<pre>", "</pre>", "<plaintext>", "<form>", "<select><option>", "\0", "\r\n",
            "\u{feff}", "\u{ad}", "&nbsp;", "&amp", "&#", "&#x", "&#99999999;",
        ])
        .prop_map(str::to_owned),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    Truncate(f64),
    DeleteTag(usize),
    DuplicateRange(f64, usize),
    InsertBytes(f64, Vec<u8>),
    Nest(usize),
    SwapHalves,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        (0usize..5000).prop_map(Mutation::DeleteTag),
        ((0.0..1.0f64), 1usize..20_000).prop_map(|(at, len)| Mutation::DuplicateRange(at, len)),
        ((0.0..1.0f64), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, b)| Mutation::InsertBytes(at, b)),
        prop_oneof![Just(10_000usize), 1usize..600].prop_map(Mutation::Nest),
        Just(Mutation::SwapHalves),
    ]
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(page: &str, mutation: &Mutation) -> String {
    let at = |fraction: f64| floor_boundary(page, (page.len() as f64 * fraction) as usize);
    match mutation {
        Mutation::Truncate(fraction) => page[..at(*fraction)].to_owned(),
        Mutation::DeleteTag(nth) => {
            let starts: Vec<usize> = page.match_indices('<').map(|(i, _)| i).collect();
            let Some(&start) = starts.get(nth % starts.len().max(1)) else { return page.to_owned() };
            let end = page[start..].find('>').map_or(page.len(), |e| start + e + 1);
            format!("{}{}", &page[..start], &page[end..])
        }
        Mutation::DuplicateRange(fraction, len) => {
            let start = at(*fraction);
            let end = floor_boundary(page, start + len);
            format!("{}{}{}", &page[..end], &page[start..end], &page[end..])
        }
        Mutation::InsertBytes(fraction, bytes) => {
            let at = at(*fraction);
            format!("{}{}{}", &page[..at], String::from_utf8_lossy(bytes), &page[at..])
        }
        Mutation::Nest(depth) => {
            let body = page.find("<body").map_or(0, |i| page[i..].find('>').map_or(i, |e| i + e + 1));
            format!(
                "{}{}{}{}",
                &page[..body],
                "<div><span>".repeat(*depth),
                &page[body..],
                "</span></div>".repeat(*depth / 2)
            )
        }
        Mutation::SwapHalves => {
            let middle = at(0.5);
            format!("{}{}", &page[middle..], &page[..middle])
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        extract_checked(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_text(text in "\\PC{0,2000}") {
        extract_checked(&text);
    }

    #[test]
    fn tag_soup(tokens in prop::collection::vec(token(), 0..400)) {
        extract_checked(&tokens.concat());
    }

    #[test]
    fn mutated_pages(index in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let pages = real_pages();
        let mut page = pages[index.index(pages.len())].clone();
        for mutation in &mutations {
            page = apply(&page, mutation);
        }
        extract_checked(&page);
    }
}
