//! Benchmarks of the analysis crate over one million synthetic reports
//! ([`synth::stream`]: 300 countries with GOV, MIL and CVL agents, 20,000 dyads with
//! Zipf(1.1) weights, the 20 CAMEO roots with a news-like skew, three years, 2.5 reports
//! per event), and of near-duplicate lookup over 50,000 synthetic articles. Every bench
//! asserts what it computed, so a fast wrong answer fails.
//!
//! `cargo bench -p faultline-analysis --bench analysis`
//!
//! Setup (generating, clustering once, warming the indexes) is outside the timed loops
//! and printed to stderr.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benches may panic on their setup

use divan::Bencher;
use divan::counter::ItemsCount;
use faultline_analysis::synth::{self, Rng, StreamConfig, Zipf};
use faultline_analysis::{
    AlertConfig, ArticleFingerprint, Bucket, ClusterConfig, Clusterer, DyadOptions, EventPoint, EventSet,
    NearDupIndex, SeriesQuery,
};
use std::sync::OnceLock;
use std::time::Instant;

fn main() {
    divan::main();
}

const REPORTS: usize = 1_000_000;

fn points() -> &'static [EventPoint] {
    static POINTS: OnceLock<Vec<EventPoint>> = OnceLock::new();
    POINTS.get_or_init(|| {
        let start = Instant::now();
        let points = synth::stream(&StreamConfig { reports: REPORTS, ..StreamConfig::default() });
        eprintln!("generated {} reports in {:.2?}", points.len(), start.elapsed());
        assert_eq!(points.len(), REPORTS);
        points
    })
}

/// The clustered, frozen set, with the busiest dyad and what its series must count.
struct World {
    set: EventSet,
    a: String,
    b: String,
    dyad_clusters: u32,
    n_clusters: usize,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let points = points();
        let start = Instant::now();
        let mut clusterer = Clusterer::new(ClusterConfig::default());
        for point in points {
            clusterer.assign(point);
        }
        let set = EventSet::from(clusterer);
        let top = set.dyads(&DyadOptions::default()).into_iter().next().unwrap();
        eprintln!(
            "clustered {} reports into {} clusters and indexed them in {:.2?}; busiest dyad {} with {} clusters of {} reports",
            set.n_reports(),
            set.n_clusters(),
            start.elapsed(),
            top.dyad,
            top.count,
            top.reports
        );
        let n_clusters = set.n_clusters();
        World { a: top.dyad.a, b: top.dyad.b, dyad_clusters: top.count, n_clusters, set }
    })
}

/// Clustering throughput: every report assigned incrementally, as during ingest.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn cluster_1m(bencher: Bencher) {
    let points = points();
    let expected = world().n_clusters;
    bencher.counter(ItemsCount::new(points.len())).bench_local(|| {
        let mut clusterer = Clusterer::new(ClusterConfig::default());
        for point in points {
            clusterer.assign(point);
        }
        assert_eq!(clusterer.n_clusters(), expected);
        clusterer
    });
}

/// The daily series of the busiest dyad, undirected, per cluster, factual.
#[divan::bench(args = [Bucket::Day, Bucket::Week, Bucket::Month])]
fn series_of_busiest_dyad(bencher: Bencher, bucket: Bucket) {
    let world = world();
    let query = SeriesQuery::new(&world.a, &world.b).bucket(bucket);
    // the facts: the dyad summary counted them the same way
    let expected = world.dyad_clusters;
    bencher.bench(|| {
        let series = world.set.series(&query);
        assert_eq!(series.total + series.imprecise, expected);
        series
    });
}

/// The same series per report, directed.
#[divan::bench]
fn series_of_busiest_dyad_per_report_directed(bencher: Bencher) {
    let world = world();
    let query = SeriesQuery::new(&world.a, &world.b).per_report().directed().bucket(Bucket::Day);
    bencher.bench(|| {
        let series = world.set.series(&query);
        assert!(series.total > 0);
        series
    });
}

/// Escalation alerts over every dyad, over the whole three years.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn alerts_all_dyads(bencher: Bencher) {
    let world = world();
    let config = AlertConfig::default();
    let expected = world.set.alerts(&config).unwrap().len();
    eprintln!("alerts over all dyads: {expected}");
    bencher.bench(|| {
        let alerts = world.set.alerts(&config).unwrap();
        assert_eq!(alerts.len(), expected);
        alerts
    });
}

/// Freezing a clusterer into an indexed set (the CLI's cost of loading a store).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn restore_and_index_1m(bencher: Bencher) {
    let points = points();
    let world = world();
    let ids: Vec<_> = points.iter().map(|p| world.set.cluster_of(&p.id).unwrap()).collect();
    bencher.counter(ItemsCount::new(points.len())).bench_local(|| {
        let set = EventSet::from_assigned(points.iter().zip(ids.iter().copied()), ClusterConfig::default());
        assert_eq!(set.n_clusters(), world.n_clusters);
        let dyads = set.dyads(&DyadOptions::default());
        assert_eq!(dyads[0].count, world.dyad_clusters);
        set
    });
}

/// Synthetic articles: words drawn from a Zipf(1.0) vocabulary of 20,000 pseudo-words,
/// 200 to 700 words each in paragraphs of 40; one in five is a copy of an earlier
/// article with its last paragraphs cut, a paragraph added and a few words changed.
struct Articles {
    texts: Vec<String>,
    copies: Vec<bool>,
}

fn articles(n: usize, seed: u64) -> Articles {
    let mut rng = Rng::new(seed);
    let syllables =
        ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "ga", "po", "ze", "an", "ur", "el"];
    let vocabulary: Vec<String> = (0..20_000)
        .map(|i| {
            let mut word = String::new();
            let mut x = i + 1;
            while x > 0 {
                word.push_str(syllables[x % syllables.len()]);
                x /= syllables.len();
            }
            word
        })
        .collect();
    let zipf = Zipf::new(vocabulary.len(), 1.0);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    let mut copies = Vec::with_capacity(n);
    while texts.len() < n {
        if texts.len() > 10 && rng.below(5) == 0 {
            let original = &texts[rng.below(texts.len())];
            let paragraphs: Vec<&str> = original.split("\n\n").collect();
            let keep = (paragraphs.len() * 2).div_ceil(3).max(1);
            let mut copy: Vec<String> =
                paragraphs[..keep]
                    .iter()
                    .map(|p| {
                        p.split(' ')
                            .map(|w| {
                                if rng.below(40) == 0 {
                                    vocabulary[zipf.sample(&mut rng)].as_str()
                                } else {
                                    w
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
            copy.push(
                (0..40).map(|_| vocabulary[zipf.sample(&mut rng)].as_str()).collect::<Vec<_>>().join(" "),
            );
            texts.push(copy.join("\n\n"));
            copies.push(true);
        } else {
            let words = 200 + rng.below(500);
            let text: Vec<String> = (0..words.div_ceil(40))
                .map(|_| {
                    (0..40).map(|_| vocabulary[zipf.sample(&mut rng)].as_str()).collect::<Vec<_>>().join(" ")
                })
                .collect();
            texts.push(text.join("\n\n"));
            copies.push(false);
        }
    }
    Articles { texts, copies }
}

struct Corpus {
    index: NearDupIndex,
    /// Queries: fingerprints, and whether each is a copy of an indexed article.
    queries: Vec<(ArticleFingerprint, bool)>,
    texts: Vec<String>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let start = Instant::now();
        let indexed = articles(50_000, 1);
        let day = jiff::civil::date(2024, 3, 1);
        let mut index = NearDupIndex::default();
        let mut grouped = 0;
        for (i, text) in indexed.texts.iter().enumerate() {
            if !index.assign(&format!("a{i}"), day, &ArticleFingerprint::of_text(text)).new_group {
                grouped += 1;
            }
        }
        let n_copies = indexed.copies.iter().filter(|&&c| c).count();
        eprintln!(
            "indexed {} articles ({n_copies} copies, {grouped} grouped) in {:.2?}",
            index.len(),
            start.elapsed()
        );
        assert!(
            grouped >= n_copies * 95 / 100 && grouped <= n_copies + n_copies / 20,
            "{grouped} of {n_copies}"
        );
        // queries: 500 fresh articles and 500 copies of indexed ones
        let fresh = articles(500, 2);
        let mut queries: Vec<(ArticleFingerprint, bool)> = fresh
            .texts
            .iter()
            .zip(&fresh.copies)
            .filter(|(_, c)| !**c)
            .map(|(t, _)| (ArticleFingerprint::of_text(t), false))
            .collect();
        let mut rng = Rng::new(3);
        while queries.len() < 1000 {
            let original = &indexed.texts[rng.below(indexed.texts.len())];
            let trimmed: Vec<&str> = original.split("\n\n").collect();
            let keep = (trimmed.len() * 3).div_ceil(4).max(1);
            queries.push((ArticleFingerprint::of_text(&trimmed[..keep].join("\n\n")), true));
        }
        Corpus { index, queries, texts: indexed.texts }
    })
}

/// Near-duplicate lookup of one article against 50,000 (half the queries are trimmed
/// copies of indexed articles).
#[divan::bench]
fn neardup_lookup_per_article(bencher: Bencher) {
    let corpus = corpus();
    let day = jiff::civil::date(2024, 3, 1);
    let expected_copies = corpus.queries.iter().filter(|(_, copy)| *copy).count();
    bencher.counter(ItemsCount::new(corpus.queries.len())).bench(|| {
        let found = corpus.queries.iter().filter(|(fp, _)| corpus.index.lookup(day, fp).is_some()).count();
        assert!(
            found >= expected_copies * 98 / 100 && found <= expected_copies + 5,
            "{found} of {expected_copies}"
        );
        found
    });
}

/// Fingerprinting an article body (what ingest pays per article).
#[divan::bench]
fn fingerprint_per_article(bencher: Bencher) {
    let corpus = corpus();
    let texts = &corpus.texts[..1000];
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    bencher.counter(ItemsCount::new(texts.len())).bench(|| {
        let shingles: u64 = texts.iter().map(|t| u64::from(ArticleFingerprint::of_text(t).shingles())).sum();
        assert!(shingles > (words as u64) * 9 / 10);
        shingles
    });
}

/// Fingerprinting an evidence sentence.
#[divan::bench]
fn fingerprint_per_sentence(bencher: Bencher) {
    let sentence = "Russian drones struck an energy facility in Kharkiv early on Friday, cutting power to \
                    about 200,000 homes as temperatures fell below freezing, the regional governor said.";
    bencher.bench(|| faultline_analysis::fingerprint::sentence(divan::black_box(sentence)).unwrap());
}

/// The commitments register over 100,000 pledge reports of 2,000 commitments (100
/// holders, 20 beneficiaries and one trigger target each): every report restates one.
/// Asserts the number of commitments and reports.
#[divan::bench(sample_count = 10)]
fn commitments_apply(bencher: Bencher) {
    const SHAPES: usize = 2_000;
    const REPORTS: usize = 100_000;
    let events: Vec<faultline_model::Event> = {
        let mut rng = Rng::new(7);
        (0..REPORTS)
            .map(|n| {
                let shape = if n < SHAPES { n } else { rng.below(SHAPES) };
                let holder = synth::country_code(shape / 20);
                let beneficiary = synth::country_code(1_000 + shape % 20);
                let target = synth::country_code(2_000 + shape);
                let day = 1 + n % 28;
                synth::pledge_event(
                    &format!("a{n}#1"),
                    &format!("2030-02-{day:02}"),
                    &holder,
                    &beneficiary,
                    "032",
                    ("any", "conflict", &target),
                    faultline_model::Stance::Firm,
                    "a pledge",
                )
            })
            .collect()
    };
    bencher.counter(ItemsCount::new(REPORTS)).bench(|| {
        let mut register = faultline_analysis::CommitmentRegister::default();
        for event in &events {
            register.apply(event);
        }
        assert_eq!(register.len(), SHAPES);
        assert_eq!(register.commitments().iter().map(|c| c.reports.len()).sum::<usize>(), REPORTS);
        register
    });
}
