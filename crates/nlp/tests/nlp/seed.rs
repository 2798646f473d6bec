//! The seed article: a synthetic paraphrase of its tricky sentences (always), and the
//! real page when the shared folder is present.

use crate::{annotate, sentences};
use faultline_model::Precision;
use jiff::civil::date;
use std::path::PathBuf;

/// The shared folder: `FAULTLINE_SHARED`, or `<workspace>/../shared`.
fn shared_dir() -> PathBuf {
    std::env::var_os("FAULTLINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

/// Written for this crate, in the seed's shapes: a dateline, `Mr`, a date and a month
/// inside a sentence, a link-broken sentence, a quote over two sentences, a final
/// quote with its frame and an agency signature.
const PARAPHRASE: &str = "OSLO - Norland will back Estria if a border crisis breaks out, Foreign Minister Ivan P. Petrov said in an interview with the Norland Herald.

Mr Petrov also said in the interview, released on Dec 28, that Vesia's leadership is trying to speed up rearmament, citing

higher military spending

under Prime Minister Ana Sato's government.

His remarks come after Ms Sato

said in a session of parliament in November

that an attack on Estria could create a “survival-threatening situation” for Vesia.

“As for a possible flare-up, the steps are laid down” in a treaty with Estria, Mr Petrov said. “One of the core principles” is “joint help in guarding territorial integrity.”

The two countries have been allied since 1949.

“Our Vesian neighbours should have thought everything through,” he said. NORLAND NEWS";

const PARAPHRASE_SENTENCES: &[&str] = &[
    "OSLO - Norland will back Estria if a border crisis breaks out, Foreign Minister Ivan P. Petrov said in an interview with the Norland Herald.",
    "Mr Petrov also said in the interview, released on Dec 28, that Vesia's leadership is trying to speed up rearmament, citing higher military spending under Prime Minister Ana Sato's government.",
    "His remarks come after Ms Sato said in a session of parliament in November that an attack on Estria could create a “survival-threatening situation” for Vesia.",
    "“As for a possible flare-up, the steps are laid down” in a treaty with Estria, Mr Petrov said.",
    "“One of the core principles” is “joint help in guarding territorial integrity.”",
    "The two countries have been allied since 1949.",
    "“Our Vesian neighbours should have thought everything through,” he said.",
    "NORLAND NEWS",
];

/// Sentences with their line breaks made single spaces.
fn flattened(text: &str) -> Vec<String> {
    let doc = annotate(text, Some(date(2025, 12, 28)));
    sentences(&doc).iter().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn paraphrase_sentences() {
    assert_eq!(flattened(PARAPHRASE), PARAPHRASE_SENTENCES);
}

#[test]
fn paraphrase_times_and_quotes() {
    let doc = annotate(PARAPHRASE, Some(date(2025, 12, 28)));
    let times: Vec<(&str, jiff::civil::Date, Precision)> =
        doc.times().iter().map(|t| (doc.span_text(t.span), t.date, t.precision)).collect();
    assert_eq!(
        times,
        [
            ("on Dec 28", date(2025, 12, 28), Precision::Day),
            ("in November", date(2025, 11, 1), Precision::Month),
            ("since 1949", date(1949, 1, 1), Precision::Year),
        ]
    );
    let quotes: Vec<&str> = doc.quotes().iter().map(|q| doc.span_text(q.inner)).collect();
    assert_eq!(
        quotes,
        [
            "survival-threatening situation",
            "As for a possible flare-up, the steps are laid down",
            "One of the core principles",
            "joint help in guarding territorial integrity.",
            "Our Vesian neighbours should have thought everything through,",
        ]
    );
}

/// The real seed page: its body (from the dateline to the agency signature) read as one
/// text. The checks name the page's sentences by a few words each (the page's text is
/// not copied here): link-broken sentences are joined, the dateline starts the first
/// sentence, the Dec 28 day and the November month are found, and so are the quotes.
#[test]
fn real_seed_page() {
    let path = shared_dir().join("seed/000_866e2b0e9ed6430e.txt");
    let Ok(page) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} not found; skipping the real seed test", path.display());
        return;
    };
    let (Some(start), Some(end)) = (page.find("TOKYO - "), page.find("KYODO NEWS")) else {
        panic!("the seed page no longer has its dateline and signature");
    };
    let body = &page[start..end];
    let got = flattened(body);
    assert_eq!(got.len(), 10, "{got:#?}");
    assert!(
        got[0].starts_with("TOKYO - Russia will support China"),
        "the dateline starts the first sentence"
    );
    // (first words, last words) of sentences the page broke over several lines or
    // that hold quotes across sentences
    let spans = [
        ("Mr Lavrov also said in the interview", "as a warning to Tokyo."),
        ("His comments come after Ms Takaichi said", "of the United States."),
        ("“As for the possible escalation", "Mr Lavrov said."),
        ("“One of the basic principles”", "territorial integrity.”"),
        ("Communist-ruled China and Taiwan", "since 1949 following a civil war."),
        ("“Our Japanese neighbours", "he said."),
    ];
    for (first, last) in spans {
        assert!(
            got.iter().any(|s| s.starts_with(first) && s.ends_with(last)),
            "no sentence from {first:?} to {last:?} in {got:#?}"
        );
    }

    let doc = annotate(body, Some(date(2025, 12, 28)));
    let times: Vec<(&str, jiff::civil::Date, Precision)> =
        doc.times().iter().map(|t| (doc.span_text(t.span), t.date, t.precision)).collect();
    assert!(times.contains(&("on Dec 28", date(2025, 12, 28), Precision::Day)), "{times:?}");
    assert!(times.contains(&("in November", date(2025, 11, 1), Precision::Month)), "{times:?}");
    assert!(times.contains(&("since 1949", date(1949, 1, 1), Precision::Year)), "{times:?}");
    let quotes: Vec<&str> = doc.quotes().iter().map(|q| doc.span_text(q.inner)).collect();
    for (first, last) in [
        ("mutual support", "territorial integrity."),
        ("Our Japanese neighbours", "hasty decisions,"),
        ("clearly intended", "against Japan"),
        ("survival-threatening", "situation"),
    ] {
        assert!(
            quotes.iter().any(|q| q.starts_with(first) && q.ends_with(last)),
            "no quote from {first:?} to {last:?} in {quotes:#?}"
        );
    }
}
