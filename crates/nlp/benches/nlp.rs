//! Throughput of the standard pipeline (tokens, sentences, lemmas, times, quotes) on
//! news text: the Wikinews articles of the shared folder when present
//! (`$FAULTLINE_SHARED/data/wikinews/*.csv`), else a synthetic news text.
//!
//! Run: `cargo bench -p faultline-nlp --bench nlp`. Each benchmark reports items/s
//! (sentences) and bytes/s, and asserts the sentence count inside the loop.

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use faultline_nlp::{Doc, Pipeline, SentenceSplitter, Tokenizer};
use jiff::civil::Date;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

struct Corpus {
    name: &'static str,
    articles: Vec<(String, Option<Date>)>,
    n_bytes: usize,
    n_sentences: usize,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(load);

fn load() -> Corpus {
    let mut articles: Vec<(String, Option<Date>)> = faultline_corpora::shared()
        .and_then(|dir| faultline_corpora::wikinews(&dir))
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            let day = a.day();
            (a.text, day)
        })
        .collect();
    let name = if articles.is_empty() {
        eprintln!("note: no shared Wikinews articles; benchmarking a synthetic text");
        articles = synthetic();
        "synthetic"
    } else {
        "wikinews"
    };
    let pipeline = Pipeline::standard();
    let n_bytes = articles.iter().map(|(text, _)| text.len()).sum();
    let n_sentences = count_sentences(&pipeline, &articles);
    eprintln!("corpus: {name}, {} articles, {n_bytes} bytes, {n_sentences} sentences", articles.len());
    assert!(n_sentences > articles.len(), "every article has sentences");
    if name == "synthetic" {
        assert_eq!(n_sentences, 8 * articles.len(), "the synthetic paragraphs have 8 sentences each");
    }
    Corpus { name, articles, n_bytes, n_sentences }
}

fn count_sentences(pipeline: &Pipeline, articles: &[(String, Option<Date>)]) -> usize {
    articles
        .iter()
        .map(|(text, date)| {
            let doc = pipeline.annotate_text(text, *date).expect("the standard pipeline runs");
            doc.sentences().len()
        })
        .sum()
}

/// News-like paragraphs with abbreviations, quotes, dates and numbers; 8 sentences each.
fn synthetic() -> Vec<(String, Option<Date>)> {
    let names = ["Lavrov", "Takaichi", "Sato", "Petrov", "Wang", "Kim"];
    let places = ["Tokyo", "Beijing", "Moscow", "Taipei", "Seoul", "Washington"];
    (0..300)
        .map(|i| {
            let name = names[i % names.len()];
            let place = places[i % places.len()];
            let text = format!(
                "{up} - Russia will support China if a crisis flares up, Foreign Minister Sergei V. {name} said on Dec {day}. \
                 Mr. {name} also said that Japan’s leadership is seeking to accelerate militarisation, citing a {pct}.5 percent rise in U.S.-backed spending. \
                 “As for the escalation, the procedure is set forth” in a treaty, he said. “One of the principles” is “mutual support.”\n\n\
                 China and Russia have conducted joint bomber flights repeatedly over the years, prompting the ministry in {place} to describe them as “clearly intended for demonstration of force”. \
                 They have been governed separately since 1949. Talks resumed last week at 10 a.m. in St. Petersburg, officials said. \
                 “Our neighbours should have weighed everything properly before taking any hasty decisions,” he said in November.",
                up = place.to_uppercase(),
                day = 1 + i % 28,
                pct = i % 10,
            );
            (text, Some(jiff::civil::date(2025, 12, 28)))
        })
        .collect()
}

/// Checks the sentence count inside the measured loop, as the benchmark's assertion.
fn run(pipeline: &Pipeline, corpus: &Corpus) -> usize {
    let mut n_sentences = 0;
    for (text, date) in &corpus.articles {
        let doc = pipeline.annotate_text(divan::black_box(text), *date).expect("the standard pipeline runs");
        n_sentences += doc.sentences().len();
        divan::black_box(&doc);
    }
    assert_eq!(n_sentences, corpus.n_sentences, "sentence count of the {} corpus", corpus.name);
    n_sentences
}

/// The whole standard pipeline.
#[divan::bench(sample_count = 30)]
fn standard_pipeline(bencher: Bencher) {
    let corpus = &*CORPUS;
    let pipeline = Pipeline::standard();
    bencher
        .counter(BytesCount::new(corpus.n_bytes))
        .counter(ItemsCount::new(corpus.n_sentences))
        .bench(|| run(&pipeline, corpus));
}

/// Tokens and sentences only.
#[divan::bench(sample_count = 30)]
fn tokens_and_sentences(bencher: Bencher) {
    let corpus = &*CORPUS;
    let pipeline =
        Pipeline::builder().add(Tokenizer).add(SentenceSplitter).build().expect("a valid pipeline");
    bencher
        .counter(BytesCount::new(corpus.n_bytes))
        .counter(ItemsCount::new(corpus.n_sentences))
        .bench(|| run(&pipeline, corpus));
}

/// Tokens only (the sentence count is not assigned: checks the token count instead).
#[divan::bench(sample_count = 30)]
fn tokens_only(bencher: Bencher) {
    let corpus = &*CORPUS;
    let pipeline = Pipeline::builder().add(Tokenizer).build().expect("a valid pipeline");
    let expected: usize = corpus
        .articles
        .iter()
        .map(|(text, date)| pipeline.annotate_text(text, *date).map_or(0, |d| d.tokens().len()))
        .sum();
    bencher.counter(BytesCount::new(corpus.n_bytes)).counter(ItemsCount::new(corpus.n_sentences)).bench(
        || {
            let mut n_tokens = 0;
            for (text, date) in &corpus.articles {
                let mut doc = Doc::from_text(divan::black_box(text), *date);
                pipeline.run(&mut doc).expect("the pipeline runs");
                n_tokens += doc.tokens().len();
            }
            assert_eq!(n_tokens, expected);
            n_tokens
        },
    );
}
