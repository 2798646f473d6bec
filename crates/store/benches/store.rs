//! Store benchmarks: batch inserts of synthetic articles, and the typical queries of
//! `synth::query_mix` on a store of one million synthetic events.
//!
//! ```text
//! cargo bench -p faultline-store --bench store
//! ```
//!
//! The million-event store is built on first use (about a minute and a half here) at
//! `$FAULTLINE_BENCH_DB`, default `target/tmp/faultline-bench-1m-v{schema}.db`, and reused
//! afterwards. `FAULTLINE_BENCH_EVENTS` changes its size.
//!
//! Each benchmark checks its result: inserts store every record of the batch, queries
//! return the number of rows they returned the first time.

// A benchmark binary: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use faultline_store::synth::{Synth, SynthConfig, query_mix};
use faultline_store::{EventStore, SCHEMA_VERSION, SqliteStore};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// Articles per insert batch.
const BATCH: usize = 100;

fn synth(seed: u64, start: jiff::civil::Date) -> Synth {
    Synth::new(SynthConfig { seed, articles: usize::MAX, start, ..SynthConfig::default() })
}

/// Batches of 100 synthetic articles (about 1,000 events, 2,000 mentions) into a new
/// store file, one transaction each.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn insert_100_articles_new_store(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("insert.db")).unwrap();
    let mut synth = synth(1, jiff::civil::date(2023, 1, 1));
    bencher
        .counter(divan::counter::ItemsCount::new(BATCH))
        .with_inputs(|| synth.batch(BATCH))
        .bench_local_values(|batch| {
            let report = store.store_batch(&batch).unwrap();
            assert_eq!(report.records(), BATCH);
            assert!(report.duplicates.is_empty());
        });
}

/// The same batches into a copy of the million-event store: the cost at scale.
#[divan::bench(sample_count = 40, sample_size = 1)]
fn insert_100_articles_1m_store(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    std::fs::copy(big_store(), &copy).unwrap();
    let mut store = SqliteStore::open(&copy).unwrap();
    // News keeps arriving after the last stored day.
    let mut synth = synth(2, jiff::civil::date(2026, 1, 1));
    bencher
        .counter(divan::counter::ItemsCount::new(BATCH))
        .with_inputs(|| synth.batch(BATCH))
        .bench_local_values(|batch| {
            let report = store.store_batch(&batch).unwrap();
            assert_eq!(report.records(), BATCH);
            assert!(report.duplicates.is_empty());
        });
}

/// The path of the million-event store, built once if missing.
fn big_store() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = std::env::var_os("FAULTLINE_BENCH_DB").map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("faultline-bench-1m-v{SCHEMA_VERSION}.db"))
        });
        let want: usize =
            std::env::var("FAULTLINE_BENCH_EVENTS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
        if !path.exists() {
            eprintln!("building {} with {want} synthetic events ...", path.display());
            let partial = path.with_extension("partial");
            let _ = std::fs::remove_file(&partial);
            {
                let mut store = SqliteStore::open(&partial).unwrap();
                let mut synth = synth(42, jiff::civil::date(2023, 1, 1));
                let mut n_events = 0;
                while n_events < want {
                    n_events += store.store_batch(&synth.batch(500)).unwrap().events;
                }
                store.analyze().unwrap();
                store.checkpoint().unwrap();
            }
            std::fs::rename(&partial, &path).unwrap();
        }
        path
    })
}

fn case_names() -> impl Iterator<Item = &'static str> {
    query_mix().into_iter().map(|case| case.name)
}

/// One page of 50 events for each typical filter, on the million-event store.
#[divan::bench(args = case_names(), sample_count = 200)]
fn query_1m(bencher: divan::Bencher, name: &str) {
    let store = SqliteStore::open_reader(big_store()).unwrap();
    let case = query_mix().into_iter().find(|case| case.name == name).unwrap();
    let expected = store.events(&case.filter, &case.page).unwrap().events.len();
    assert!(expected > 0, "{name} finds nothing");
    bencher.bench_local(|| {
        let page = store.events(&case.filter, &case.page).unwrap();
        assert_eq!(page.events.len(), expected);
        page
    });
}

/// Reading one article with its mentions, events and quotes.
#[divan::bench(sample_count = 200)]
fn article_1m(bencher: divan::Bencher) {
    let store = SqliteStore::open_reader(big_store()).unwrap();
    bencher.bench_local(|| {
        let article = store.article("synth-42-50000").unwrap().unwrap();
        assert!(!article.article.text.is_empty());
        article
    });
}

/// The actor list, the dyad summary of the busiest pair, and the store counts.
#[divan::bench(sample_count = 20)]
fn actors_dyad_stats_1m(bencher: divan::Bencher) {
    let store = SqliteStore::open_reader(big_store()).unwrap();
    bencher.bench_local(|| {
        let actors = store.actors().unwrap();
        let dyad = store.dyad("USA", "CHN", faultline_store::Bucket::Month).unwrap();
        let stats = store.stats().unwrap();
        assert!(actors.len() > 100 && dyad.a_to_b.events > 0 && stats.events > 0);
        (actors, dyad, stats)
    });
}
