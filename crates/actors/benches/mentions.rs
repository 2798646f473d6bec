//! Benchmarks of the actors crate: mention finding over real news text (the Wikinews
//! articles of the shared folder when present, else a synthetic corpus) and building the
//! dictionaries. The mention bench counts sentences, so divan reports sentences/s, and
//! asserts a plausible number of mentions.
//!
//! `cargo bench -p faultline-actors --bench mentions`

#![allow(clippy::unwrap_used, clippy::expect_used)] // benches may panic on their setup

use divan::Bencher;
use divan::counter::ItemsCount;
use faultline_actors::{ActorDictionary, rough_sentences};
use faultline_model::Span;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// Articles with their sentences (split once, outside the timed loop) and dates.
struct Corpus {
    articles: Vec<(String, Vec<Span>, jiff::civil::Date)>,
    sentences: usize,
    source: &'static str,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let (texts, source) = match faultline_corpora::wikinews_dated() {
            Some(texts) if !texts.is_empty() => (texts, "wikinews"),
            _ => (synthetic(), "synthetic"),
        };
        let articles: Vec<_> = texts
            .into_iter()
            .map(|(text, date)| {
                let sentences = rough_sentences(&text);
                (text, sentences, date)
            })
            .collect();
        let sentences = articles.iter().map(|(_, s, _)| s.len()).sum();
        eprintln!("corpus: {} articles, {sentences} sentences ({source})", articles.len());
        Corpus { articles, sentences, source }
    })
}

/// News-like sentences for when the shared folder is absent.
fn synthetic() -> Vec<(String, jiff::civil::Date)> {
    let paragraph = include_str!("../tests/data/paraphrase.txt");
    let extra = "Officials in Berlin said the talks would continue next week. The European Union and NATO \
                 discussed sanctions on Monday. Indian Prime Minister Narendra Modi met President Donald Trump \
                 at the White House. Protesters gathered outside the parliament in Seoul. The company said its \
                 profits rose by 20 percent in the third quarter. Analysts expect the central bank to cut rates.";
    (0..300).map(|_| (format!("{paragraph}\n{extra}"), jiff::civil::date(2025, 12, 28))).collect()
}

fn builtin() -> &'static ActorDictionary {
    static DICTIONARY: OnceLock<ActorDictionary> = OnceLock::new();
    DICTIONARY.get_or_init(|| ActorDictionary::builtin().unwrap())
}

/// Every article of the corpus, mentions found sentence by sentence.
#[divan::bench]
fn mentions_builtin(bencher: Bencher) {
    let corpus = corpus();
    let dictionary = builtin();
    bencher.counter(ItemsCount::new(corpus.sentences)).bench(|| {
        let mut n_mentions = 0;
        for (text, sentences, date) in &corpus.articles {
            n_mentions += dictionary.mentions(text, sentences, Some(*date)).len();
        }
        let per_sentence = n_mentions as f64 / corpus.sentences as f64;
        assert!(
            (0.2..5.0).contains(&per_sentence),
            "{n_mentions} mentions in {} sentences of {}",
            corpus.sentences,
            corpus.source
        );
        n_mentions
    });
}

/// The same with the Phoenix dictionaries layered under the project's (40k names).
#[divan::bench]
fn mentions_with_phoenix(bencher: Bencher) {
    let Some(shared) = faultline_corpora::shared() else { return };
    let mut builder = ActorDictionary::builder();
    builder.add_phoenix_dir(shared.join("dictionaries/phoenix")).unwrap();
    builder.add_builtin().unwrap();
    let dictionary = builder.build().unwrap();
    let corpus = corpus();
    bencher.counter(ItemsCount::new(corpus.sentences)).bench(|| {
        let mut n_mentions = 0;
        for (text, sentences, date) in &corpus.articles {
            n_mentions += dictionary.mentions(text, sentences, Some(*date)).len();
        }
        assert!(n_mentions as f64 / corpus.sentences as f64 > 0.2, "{n_mentions} mentions");
        n_mentions
    });
}

#[divan::bench(sample_count = 20)]
fn build_builtin() -> ActorDictionary {
    let dictionary = ActorDictionary::builtin().unwrap();
    assert_eq!(dictionary.stats().countries, 250);
    dictionary
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn build_phoenix_over_builtin(bencher: Bencher) {
    let Some(shared) = faultline_corpora::shared() else { return };
    let dir = shared.join("dictionaries/phoenix");
    bencher.bench(|| {
        let mut builder = ActorDictionary::builder();
        builder.add_builtin().unwrap();
        let report = builder.add_phoenix_dir(&dir).unwrap();
        assert!(report.actors > 25_000);
        builder.build().unwrap()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn read_phoenix_countries_file(bencher: Bencher) {
    let Some(shared) = faultline_corpora::shared() else { return };
    let text =
        std::fs::read_to_string(shared.join("dictionaries/phoenix/Phoenix.Countries.actors.txt")).unwrap();
    bencher.bench(|| {
        let mut builder = ActorDictionary::builder();
        let report = builder.add_phoenix_texts(&[("Phoenix.Countries.actors.txt", &text, false)]);
        assert!(report.actors > 17_000);
        builder.build().unwrap()
    });
}
