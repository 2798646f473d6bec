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

“As for a possible escalation, the procedure is set forth” in a treaty with Estria, Mr Petrov said. “One of the basic principles” is “mutual support in defending territorial integrity.”

The two countries have been allied since 1949.

“Our Vesian neighbours should have weighed everything,” he said. NORLAND NEWS";

const PARAPHRASE_SENTENCES: &[&str] = &[
    "OSLO - Norland will back Estria if a border crisis breaks out, Foreign Minister Ivan P. Petrov said in an interview with the Norland Herald.",
    "Mr Petrov also said in the interview, released on Dec 28, that Vesia's leadership is trying to speed up rearmament, citing higher military spending under Prime Minister Ana Sato's government.",
    "His remarks come after Ms Sato said in a session of parliament in November that an attack on Estria could create a “survival-threatening situation” for Vesia.",
    "“As for a possible escalation, the procedure is set forth” in a treaty with Estria, Mr Petrov said.",
    "“One of the basic principles” is “mutual support in defending territorial integrity.”",
    "The two countries have been allied since 1949.",
    "“Our Vesian neighbours should have weighed everything,” he said.",
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
            "As for a possible escalation, the procedure is set forth",
            "One of the basic principles",
            "mutual support in defending territorial integrity.",
            "Our Vesian neighbours should have weighed everything,",
        ]
    );
}

/// The real seed page: its body (from the dateline to the agency signature) read as one
/// text gives the sentences EXPECTED.md names, the Dec 28 day and the November month.
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
    let wanted = [
        "Mr Lavrov also said in the interview, released on Dec 28, that Japan’s leadership is seeking to accelerate militarisation, citing defence spending increases under Prime Minister Sanae Takaichi’s administration, in remarks seen as a warning to Tokyo.",
        "His comments come after Ms Takaichi said in a parliamentary session in November that a Chinese attack on Taiwan could constitute a “survival-threatening situation” for Japan, potentially involving its defence forces in support of the United States.",
        "Communist-ruled China and Taiwan have been governed separately since 1949 following a civil war.",
        "“Our Japanese neighbours should have weighted everything properly before taking any hasty decisions,” he said.",
    ];
    for sentence in wanted {
        assert!(got.iter().any(|s| s == sentence), "missing sentence {sentence:?} in {got:#?}");
    }
    assert!(
        got[0].starts_with("TOKYO - Russia will support China"),
        "the dateline starts the first sentence"
    );
    assert_eq!(got.len(), 10, "{got:#?}");

    let doc = annotate(body, Some(date(2025, 12, 28)));
    let times: Vec<(&str, jiff::civil::Date, Precision)> =
        doc.times().iter().map(|t| (doc.span_text(t.span), t.date, t.precision)).collect();
    assert!(times.contains(&("on Dec 28", date(2025, 12, 28), Precision::Day)), "{times:?}");
    assert!(times.contains(&("in November", date(2025, 11, 1), Precision::Month)), "{times:?}");
    let quotes: Vec<&str> = doc.quotes().iter().map(|q| doc.span_text(q.inner)).collect();
    for quote in [
        "mutual support in defending national unity and territorial integrity.",
        "Our Japanese neighbours should have weighted everything properly before taking any hasty decisions,",
        "clearly intended for demonstration of force against Japan",
        "survival-threatening situation",
    ] {
        assert!(quotes.contains(&quote), "missing quote {quote:?} in {quotes:#?}");
    }
}
