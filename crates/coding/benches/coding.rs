//! Speed of the coding stage: nlp, actors and coding together on one thread over real
//! news text (the Wikinews articles of the shared folder when present, else a small
//! synthetic corpus), counted in sentences so divan reports sentences/s. Each iteration
//! asserts the number of events it coded.
//!
//! `cargo bench -p faultline-coding --bench coding`

#![allow(clippy::unwrap_used, clippy::expect_used)] // benches may panic on their setup

use divan::Bencher;
use divan::counter::ItemsCount;
use faultline_coding::{EventCoder, Input};
use faultline_model::Span;
use faultline_nlp::{Doc, Pipeline};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

struct Corpus {
    articles: Vec<(String, jiff::civil::Date)>,
    sentences: usize,
    events: usize,
    source: &'static str,
}

fn coder() -> &'static EventCoder {
    static CODER: OnceLock<EventCoder> = OnceLock::new();
    CODER.get_or_init(|| EventCoder::builtin().unwrap())
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let (articles, source) = match faultline_corpora::wikinews_dated() {
            Some(texts) if !texts.is_empty() => (texts, "wikinews"),
            _ => (synthetic(), "synthetic"),
        };
        let pipeline = Pipeline::standard();
        let sentences = articles
            .iter()
            .map(|(text, date)| {
                pipeline.annotate_text(text, Some(*date)).map_or(0, |doc| doc.sentences().len())
            })
            .sum();
        let events =
            articles.iter().map(|(text, date)| coder().code_text("bench", text, *date).events.len()).sum();
        eprintln!("corpus: {} articles, {sentences} sentences, {events} events ({source})", articles.len());
        Corpus { articles, sentences, events, source }
    })
}

/// News-like sentences of our own for when the shared folder is absent.
fn synthetic() -> Vec<(String, jiff::civil::Date)> {
    let text = include_str!("synthetic.txt");
    (0..300).map(|_| (text.to_string(), jiff::civil::date(2025, 12, 28))).collect()
}

/// nlp + actors + coding, one thread, every article of the corpus.
#[divan::bench]
fn nlp_actors_coding(bencher: Bencher) {
    let corpus = corpus();
    let coder = coder();
    bencher.counter(ItemsCount::new(corpus.sentences)).bench(|| {
        let mut n_events = 0;
        for (text, date) in &corpus.articles {
            n_events += coder.code_text("bench", text, *date).events.len();
        }
        assert_eq!(n_events, corpus.events, "events coded from {}", corpus.source);
        n_events
    });
}

/// The coder alone, over documents the nlp and actors stages annotated beforehand.
#[divan::bench]
fn coding_only(bencher: Bencher) {
    let corpus = corpus();
    let coder = coder();
    let pipeline = Pipeline::standard();
    let docs: Vec<(Doc, Vec<bool>, jiff::civil::Date)> = corpus
        .articles
        .iter()
        .map(|(text, date)| {
            let mut doc = pipeline.annotate_text(text, Some(*date)).unwrap();
            let sentences: Vec<Span> = doc.sentences().iter().map(|s| s.span).collect();
            doc.mentions = coder.actors().mentions(doc.text(), &sentences, Some(*date));
            let media = doc.mentions.iter().map(|m| coder.actors().is_media(&m.code)).collect();
            (doc, media, *date)
        })
        .collect();
    bencher.counter(ItemsCount::new(corpus.sentences)).bench(|| {
        let mut n_events = 0;
        for (doc, media, date) in &docs {
            let mut input = Input::from_doc(doc, "bench", *date);
            input.media.clone_from(media);
            n_events += coder.coder().code(&input).events.len();
        }
        assert!(n_events > 0, "events coded from {}", corpus.source);
        n_events
    });
}
