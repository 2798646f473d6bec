//! The engine end to end on synthetic pages: the same results on 1 and 4 threads, bad
//! input costing only itself, reruns storing nothing twice, analysis resumed after a
//! restart, and the analysis windows keeping memory bounded.

#![allow(clippy::unwrap_used)]

use faultline_analysis::GroupId;
use faultline_engine::{AnalysisConfig, Analyzer, Counts, Engine, EngineConfig, Fate, Observer, Quiet};
use faultline_model::{Origin, RawDocument};
use faultline_store::synth::{STORY_PAIRS, story_filler};
use faultline_store::{EventFilter, EventStore, PointRecord, SqliteStore};
use std::sync::Mutex;

/// A synthetic page: story `n`'s events with `n`'s own details. `copy` makes a second
/// outlet's version of the same story (another title and URL, one more paragraph).
fn page(n: usize, copy: bool) -> RawDocument {
    let (source, verb, target) = STORY_PAIRS[n % STORY_PAIRS.len()];
    let day = 1 + n % 27;
    let title = if copy { format!("Outlet B: story {n}") } else { format!("Synthetic story {n}") };
    let mut body = format!(
        "<p>{source} {verb} {target} on Tuesday, officials said in synthetic report number {n}, \
         written for the faultline engine tests and describing nothing that happened.</p>\
         <p>The statement, issued late in the evening of day {day}, gave few details and said \
         that talks between the delegations would continue in the coming weeks, according to \
         two people familiar with the matter who spoke on condition of anonymity.</p>\
         <p>Analysts said the episode {n} was the latest in a series of incidents this year \
         and that more were likely before the summit planned for the autumn in the capital.</p>\
         <p>The local notes mention {}.</p>",
        story_filler(n)
    );
    if copy {
        body.push_str("<p>Outlet B contributed reporting to this synthetic version of the story.</p>");
    }
    let html = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    );
    let id = if copy { format!("b-{n}") } else { format!("a-{n}") };
    let mut doc = RawDocument::new(id.clone(), Origin::Inline, html.into_bytes());
    doc.url = Some(format!("https://news.example/{id}"));
    doc.published = Some(format!("2025-03-{day:02}"));
    doc
}

/// `n` stories, every fifth followed by a second outlet's copy, and some bad input.
fn corpus(n: usize) -> Vec<faultline_sources::Result<RawDocument>> {
    let mut docs = Vec::new();
    for i in 0..n {
        docs.push(Ok(page(i, false)));
        if i % 5 == 0 {
            docs.push(Ok(page(i, true)));
        }
        if i % 17 == 3 {
            docs.push(Ok(RawDocument::new(
                format!("binary-{i}"),
                Origin::Inline,
                b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
            )));
            docs.push(Err(faultline_sources::Error::Io {
                path: format!("missing-{i}.html"),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            }));
        }
    }
    docs
}

fn engine(threads: usize, batch_size: usize) -> Engine {
    EngineConfig {
        threads,
        batch_size,
        default_date: Some(jiff::civil::date(2025, 3, 31)),
        ..EngineConfig::default()
    }
    .build()
    .unwrap()
}

fn points(store: &SqliteStore) -> Vec<PointRecord> {
    let mut out = Vec::new();
    store
        .event_points(&EventFilter::default(), &mut |p| {
            out.push(p);
            Ok(())
        })
        .unwrap();
    out
}

/// Everything a run stored that should not depend on threads: each event's id, its
/// cluster and its article's group, in store order.
fn fingerprint(store: &SqliteStore) -> Vec<(String, String, String)> {
    points(store)
        .into_iter()
        .map(|p| (p.point.id, format!("{:?}", p.cluster), format!("{:?}", p.point.group)))
        .collect()
}

#[test]
fn threads_change_nothing_but_speed() {
    let mut results = Vec::new();
    for threads in [1, 4] {
        let engine = engine(threads, 7);
        let mut store = SqliteStore::open_in_memory().unwrap();
        let summary = engine.ingest(&mut store).unwrap().run(corpus(60), &mut Quiet).unwrap();
        let c = &summary.counts;
        assert_eq!(c.read, 60 + 12 + 2 * 4, "{c:?}");
        assert_eq!(c.stored, 72, "{c:?}");
        assert_eq!(c.skipped.get("binary"), Some(&4), "{c:?}");
        assert_eq!(c.errors, 4, "{c:?}");
        assert!(c.events >= 72, "{c:?}");
        assert_eq!(c.batches, c.read.div_ceil(7));
        results.push(fingerprint(&store));
    }
    assert_eq!(results[0], results[1]);
}

#[test]
fn copies_share_a_group_and_their_events_a_cluster() {
    let engine = engine(2, 16);
    let mut store = SqliteStore::open_in_memory().unwrap();
    engine.ingest(&mut store).unwrap().run(corpus(20), &mut Quiet).unwrap();
    let original = store.article("a-5").unwrap().unwrap();
    let copy = store.article("b-5").unwrap().unwrap();
    let other = store.article("a-6").unwrap().unwrap();
    assert!(original.group.is_some());
    assert_eq!(original.group, copy.group);
    assert_ne!(original.group, other.group);
    assert_eq!(original.clusters[0], copy.clusters[0]);
    let counts = store.cluster_counts(&[original.clusters[0].unwrap()]).unwrap();
    assert_eq!((counts[0].reports, counts[0].articles), (2, 2));
}

/// Counts what the observer saw.
#[derive(Default)]
struct Tally {
    coded: usize,
    duplicates: usize,
    batches: Vec<Counts>,
}

impl Observer for Tally {
    fn document(&mut self, fate: Fate<'_>) {
        match fate {
            Fate::Coded { .. } => self.coded += 1,
            Fate::Duplicate { .. } => self.duplicates += 1,
            _ => {}
        }
    }

    fn batch(&mut self, batch: &Counts, _run: &Counts) {
        self.batches.push(batch.clone());
    }
}

#[test]
fn a_rerun_stores_nothing_twice_and_codes_nothing_known() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rerun.db");
    let engine = engine(2, 10);
    let mut store = SqliteStore::open(&path).unwrap();
    let first = engine.ingest(&mut store).unwrap().run(corpus(30), &mut Quiet).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, first.counts.stored);

    // With early lookups: known ids are not even decoded.
    let known = Mutex::new(SqliteStore::open_reader(&path).unwrap());
    let mut tally = Tally::default();
    let again = engine.ingest(&mut store).unwrap().with_known(&known).run(corpus(30), &mut tally).unwrap();
    assert_eq!(again.counts.stored, 0);
    assert_eq!(again.counts.n_skipped(), 0);
    assert_eq!(again.counts.duplicates, first.counts.stored + first.counts.n_skipped());
    assert_eq!(again.counts.errors, first.counts.errors, "unreadable inputs stay errors");
    assert_eq!(again.stages.code, std::time::Duration::ZERO, "nothing coded again");
    assert_eq!(tally.coded, 0);
    assert_eq!(store.stats().unwrap(), stats);

    // Without them the writer still finds every duplicate (by id, URL or text).
    let renamed: Vec<_> = corpus(30)
        .into_iter()
        .map(|item| {
            item.map(|mut doc| {
                doc.id = format!("renamed-{}", doc.id);
                doc.url = None;
                doc
            })
        })
        .collect();
    let third = engine.ingest(&mut store).unwrap().run(renamed, &mut Quiet).unwrap();
    assert_eq!(third.counts.stored, 0, "same texts under new ids are duplicates: {:?}", third.counts);
    assert_eq!(store.stats().unwrap().articles, stats.articles);
}

#[test]
fn a_restart_resumes_the_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resume.db");
    let engine = engine(2, 4);
    {
        let mut store = SqliteStore::open(&path).unwrap();
        engine.ingest(&mut store).unwrap().run(vec![Ok(page(5, false))], &mut Quiet).unwrap();
    }
    let mut store = SqliteStore::open(&path).unwrap();
    engine.ingest(&mut store).unwrap().run(vec![Ok(page(5, true))], &mut Quiet).unwrap();
    let original = store.article("a-5").unwrap().unwrap();
    let copy = store.article("b-5").unwrap().unwrap();
    assert_eq!(original.group, copy.group, "the copy found the stored original");
    assert_eq!(original.clusters[0], copy.clusters[0]);
}

#[test]
fn analysis_memory_is_bounded_by_its_windows() {
    let config = EngineConfig {
        threads: 2,
        batch_size: 5,
        analysis: AnalysisConfig { window: 8, ..AnalysisConfig::default() },
        ..EngineConfig::default()
    };
    let engine = config.build().unwrap();
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut ingest = engine.ingest(&mut store).unwrap();
    let mut max_articles = 0;
    let mut max_reports = 0;
    for round in 0..6 {
        let docs: Vec<_> = (round * 10..round * 10 + 10).map(|n| Ok(page(n, false))).collect();
        ingest.run(docs, &mut Quiet).unwrap();
        max_articles = max_articles.max(ingest.analyzer().n_articles());
        max_reports = max_reports.max(ingest.analyzer().n_reports());
    }
    // At most 5/4 of the window, plus one batch assigned before the compaction.
    assert!(max_articles <= 8 + 2 + 5, "{max_articles}");
    assert!(max_reports <= 2 * (8 + 2 + 5), "{max_reports}");
    drop(ingest);
    assert_eq!(store.stats().unwrap().articles, 60);
}

/// Compaction keeps in memory what a restart reads back from the store: the same
/// articles and reports, and the same answers for the next articles.
#[test]
fn compaction_keeps_what_a_restart_reads_back() {
    let engine = engine(1, 1);
    let config = AnalysisConfig { window: 8, ..AnalysisConfig::default() };
    let day = jiff::civil::date(2025, 3, 1);
    let coded = |doc: &RawDocument| match engine.process(doc) {
        faultline_store::ArticleRecord::Coded(coded) => coded,
        skipped => panic!("not coded: {skipped:?}"),
    };
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut analyzer = Analyzer::new(config.clone(), day).unwrap();
    for n in 0..20 {
        let mut article = coded(&page(n, n % 3 == 1));
        analyzer.assign(&mut article, None);
        store.store_batch(&[faultline_store::ArticleRecord::Coded(article)]).unwrap();
    }
    analyzer.compact();
    let mut restored = Analyzer::restore(config, day, &store).unwrap();
    assert_eq!(analyzer.n_articles(), 8);
    assert_eq!((analyzer.n_articles(), analyzer.n_reports()), (restored.n_articles(), restored.n_reports()));
    // Copies of stories inside the window (which join their originals) and outside it.
    for n in [19, 16, 14, 2] {
        let mut a = coded(&page(n, n % 3 != 1));
        let mut b = a.clone();
        analyzer.assign(&mut a, None);
        restored.assign(&mut b, None);
        let (ga, gb) = (a.near_dup.unwrap().group, b.near_dup.unwrap().group);
        assert_eq!(ga, gb, "story {n}");
        assert_eq!(a.clusters, b.clusters, "story {n}");
        let stored = if n % 3 == 1 { format!("b-{n}") } else { format!("a-{n}") };
        let expected = if n >= 12 {
            store.article(&stored).unwrap().unwrap().group.unwrap()
        } else {
            GroupId::of(&a.article.id)
        };
        assert_eq!(ga, expected, "story {n}: joins its original only inside the window");
    }
}

#[test]
fn observers_see_every_document_and_batch() {
    let engine = engine(3, 8);
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut tally = Tally::default();
    let summary = engine.ingest(&mut store).unwrap().run(corpus(25), &mut tally).unwrap();
    assert_eq!(tally.coded as u64, summary.counts.stored);
    let read: u64 = tally.batches.iter().map(|b| b.read).sum();
    assert_eq!(read, summary.counts.read);
    assert!(tally.batches.iter().all(|b| b.read <= 8));
}

#[test]
fn process_is_pure_and_total() {
    let engine = engine(1, 1);
    for bytes in [&b""[..], b"\0\0\0", b"<html></html>", "Menu\nHome\n".as_bytes()] {
        let record = engine.process(&RawDocument::new("odd", Origin::Inline, bytes.to_vec()));
        assert!(matches!(record, faultline_store::ArticleRecord::Skipped(_)), "{record:?}");
    }
    let record = engine.process(&page(1, false));
    let faultline_store::ArticleRecord::Coded(coded) = record else { panic!("not coded") };
    assert_eq!(coded.events[0].source.code.as_str(), "CHN");
    assert_eq!(coded.events[0].target.as_ref().unwrap().code.as_str(), "JPN");
}

/// Early lookups that find nothing, so that every duplicate reaches the writer; its
/// own check goes to the store.
struct Blind<'a>(&'a Mutex<SqliteStore>);

impl faultline_engine::Known for Blind<'_> {
    fn holds(&self, _keys: &[faultline_store::DocKey<'_>], _skips: bool) -> bool {
        false
    }

    fn check(&self, keys: &[faultline_store::DocKey<'_>], skips: bool) -> faultline_store::Result<bool> {
        self.0.lock().unwrap().holds(keys, skips)
    }
}

#[test]
fn the_store_thread_changes_nothing_but_speed() {
    // Each page again 5 documents later (in the same batch of 7 or the next one, while
    // the store thread may still hold the first), and with another id and no URL (the
    // same text).
    let mut docs = Vec::new();
    let mut again = Vec::new();
    for (i, item) in corpus(40).into_iter().enumerate() {
        if let Ok(doc) = &item {
            again.push((i + 5, doc.clone()));
        }
        docs.push(item);
        while again.first().is_some_and(|(at, _)| *at <= i) {
            let (_, doc) = again.remove(0);
            let mut renamed = doc.clone();
            renamed.id = format!("renamed-{}", doc.id);
            renamed.url = None;
            docs.push(Ok(doc));
            docs.push(Ok(renamed));
        }
    }
    let n_docs = docs.len() as u64;
    let copies = || {
        docs.iter().map(|d| {
            d.as_ref().cloned().map_err(|e| faultline_sources::Error::Io {
                path: e.to_string(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            })
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let mut results = Vec::new();
    for threaded in [false, true] {
        let path = dir.path().join(format!("store-thread-{threaded}.db"));
        let engine = engine(2, 7);
        let mut store = SqliteStore::open(&path).unwrap();
        let reader = Mutex::new(SqliteStore::open_reader(&path).unwrap());
        let blind = Blind(&reader);
        let mut tally = Tally::default();
        let ingest = engine.ingest(&mut store).unwrap();
        let mut ingest = if threaded { ingest.with_known(&blind) } else { ingest };
        let summary = ingest.run(copies(), &mut tally).unwrap();
        drop(ingest);
        let c = &summary.counts;
        assert_eq!(c.read, n_docs, "{c:?}");
        assert_eq!(c.stored, 48, "{c:?}");
        assert_eq!(tally.coded as u64, c.stored, "a duplicate was analysed as new: {c:?}");
        assert_eq!(c.stored + c.n_skipped() + c.duplicates + c.errors, n_docs, "{c:?}");
        let batches: u64 = tally.batches.iter().map(|b| b.read).sum();
        assert_eq!(batches, n_docs, "every batch reported");
        assert_eq!(store.stats().unwrap().articles, c.stored);
        results.push((fingerprint(&store), c.duplicates, c.n_skipped(), c.events));
    }
    assert_eq!(results[0], results[1]);
}

// ---------------------------------------------------------------------------------------
// the key filter: duplicates by every key, across restarts, runs and other writers

/// Story `other`'s page under story `n`'s id (another text and URL).
fn same_id(n: usize, other: usize) -> RawDocument {
    let mut doc = page(other, false);
    doc.id = page(n, false).id;
    doc.url = Some(format!("https://elsewhere.example/{other}"));
    doc
}

/// Story `other`'s page at story `n`'s URL (another id and text).
fn same_url(n: usize, other: usize) -> RawDocument {
    let mut doc = page(other, false);
    doc.id = format!("url-copy-{n}");
    doc.url = page(n, false).url;
    doc
}

/// Story `n`'s page under another id, without a URL: the same text.
fn same_text(n: usize) -> RawDocument {
    let mut doc = page(n, false);
    doc.id = format!("text-copy-{n}");
    doc.url = None;
    doc
}

fn binary(id: &str) -> RawDocument {
    RawDocument::new(id, Origin::Inline, b"\x89PNG\r\n\x1a\n\0\0".to_vec())
}

fn fresh(stories: std::ops::Range<usize>) -> impl Iterator<Item = RawDocument> {
    stories.map(|n| page(n, false))
}

/// A rerun after a restart (the filter built from the store) and copies within a batch:
/// every duplicate by id, URL, text or skipped id is found, with early lookups or
/// without, and nothing is stored twice.
#[test]
fn duplicates_by_every_key_are_found_across_a_restart_and_within_a_batch() {
    for with_known in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.db");
        let engine = engine(2, 8);
        {
            let mut store = SqliteStore::open(&path).unwrap();
            let docs = fresh(0..12).chain([binary("binary-1")]).map(Ok);
            let first = engine.ingest(&mut store).unwrap().run(docs, &mut Quiet).unwrap();
            assert_eq!((first.counts.stored, first.counts.n_skipped()), (12, 1));
        }
        let mut store = SqliteStore::open(&path).unwrap();
        let known = Mutex::new(SqliteStore::open_reader(&path).unwrap());
        // A full batch of new stories first: the filter is built after it.
        let docs: Vec<RawDocument> = fresh(100..108)
            // One batch: a new story and its copies by text, id and URL.
            .chain([page(200, false), same_text(200), same_id(200, 301), same_url(200, 302)])
            .chain(fresh(110..114))
            // Copies of what the first run stored, and of what this run stored in an
            // earlier batch (after the filter was built).
            .chain([same_id(3, 303), same_url(4, 304), same_text(5), binary("binary-1")])
            .chain([same_text(110), same_id(112, 305), same_url(113, 306)])
            .chain(fresh(120..130))
            .collect();
        let mut ingest = engine.ingest(&mut store).unwrap();
        if with_known {
            ingest = ingest.with_known(&known);
        }
        let mut tally = Tally::default();
        let again = ingest.run(docs.into_iter().map(Ok), &mut tally).unwrap();
        let (filter, trusted) = ingest.key_filter().expect("a filter after the first full batch");
        // Built with the 20 articles (id, URL, text) and the skip stored by then, and
        // given the keys of the 15 articles accepted after.
        let expected = 20 * 3 + 1 + 15 * 3;
        assert!(trusted && filter.inserted() >= expected, "{}", filter.inserted());
        drop(ingest);
        let c = &again.counts;
        assert_eq!((c.stored, c.duplicates, c.n_skipped()), (8 + 1 + 4 + 10, 3 + 4 + 3, 0), "{c:?}");
        // Each found before it was analysed; a skip that was stored already is a skip
        // again, which the store recognises (as it always did), unless an early lookup
        // found it first.
        assert_eq!(tally.duplicates, if with_known { 10 } else { 9 });
        let stats = store.stats().unwrap();
        assert_eq!((stats.articles, stats.skips), (12 + 23, 1));
        for id in
            ["text-copy-200", "url-copy-200", "url-copy-4", "text-copy-5", "text-copy-110", "url-copy-113"]
        {
            assert!(store.article(id).unwrap().is_none(), "{id} stored");
        }
        let kept = store.article("a-3").unwrap().unwrap();
        assert_eq!(kept.article.url.as_deref(), Some("https://news.example/a-3"), "the first a-3 stays");
    }
}

/// Stores `docs` through a second connection to the same file, as another process would.
fn store_elsewhere(engine: &Engine, path: &std::path::Path, docs: &[RawDocument]) {
    let mut other = SqliteStore::open(path).unwrap();
    let records: Vec<_> = docs.iter().map(|doc| engine.process(doc)).collect();
    let report = other.store_batch(&records).unwrap();
    assert_eq!(report.stored, docs.len());
}

/// Another writer on the same database (a second ingest, a watch) while a run trusts
/// its filter: the writer notices the other commit before it trusts an "absent", asks
/// the store for the rest of the run, and the next run builds the filter again.
#[test]
fn another_writer_on_the_same_file_is_noticed() {
    for with_known in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("two-writers.db");
        let engine = engine(2, 4);
        let mut store = SqliteStore::open(&path).unwrap();
        let known = Mutex::new(SqliteStore::open_reader(&path).unwrap());
        let mut ingest = engine.ingest(&mut store).unwrap();
        if with_known {
            ingest = ingest.with_known(&known);
        }
        // A first run builds the filter; like `watch`, the next runs keep it.
        ingest.run(fresh(0..8).map(Ok), &mut Quiet).unwrap();
        assert!(ingest.key_filter().is_some_and(|(_, trusted)| trusted));

        // The other writer commits while the next run is being read: after its fourth
        // document, before those that the other writer stored too.
        let theirs = [page(500, false), page(501, false), page(502, false)];
        let mut read = 0;
        let docs = fresh(10..14)
            .chain(theirs.iter().cloned())
            // Their stories again by URL and by text alone.
            .chain([same_url(500, 503), same_text(501)])
            .chain(fresh(20..24))
            .map(|doc| {
                read += 1;
                if read == 5 {
                    store_elsewhere(&engine, &path, &theirs);
                }
                Ok(doc)
            });
        let mut tally = Tally::default();
        let summary = ingest.run(docs, &mut tally).unwrap();
        let c = &summary.counts;
        assert_eq!((c.stored, c.duplicates), (8, 5), "{c:?}");
        // Found by the writer's own check (else the store would have refused them after
        // they were analysed and reported as coded).
        assert_eq!((tally.coded, tally.duplicates), (8, 5));
        let (_, trusted) = ingest.key_filter().unwrap();
        assert!(!trusted, "the other writer was noticed");

        // The next run builds the filter again, with the other writer's keys.
        let more: Vec<_> = fresh(30..34).chain([same_url(502, 504)]).chain(fresh(40..44)).collect();
        let mut tally = Tally::default();
        let next = ingest.run(more.into_iter().map(Ok), &mut tally).unwrap();
        assert_eq!((next.counts.stored, next.counts.duplicates, tally.duplicates), (8, 1, 1));
        assert!(ingest.key_filter().is_some_and(|(_, trusted)| trusted));
        drop(ingest);
        assert_eq!(store.stats().unwrap().articles, 8 + 8 + 3 + 8);
    }
}

/// Each thread's CPU time is reported by role, and adds up to no more than the run could
/// have used.
#[cfg(target_os = "linux")]
#[test]
fn a_run_reports_the_cpu_time_of_each_thread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cpu.db");
    let engine = engine(2, 10);
    let mut store = SqliteStore::open(&path).unwrap();
    let known = Mutex::new(SqliteStore::open_reader(&path).unwrap());
    let summary = engine.ingest(&mut store).unwrap().with_known(&known).run(corpus(40), &mut Quiet).unwrap();
    assert!(summary.counts.stored > 40, "{:?}", summary.counts);
    let cpu = summary.cpu;
    // Coding 40-odd articles takes the workers milliseconds; storing them, the store thread.
    assert!(cpu.workers > std::time::Duration::ZERO, "{cpu:?}");
    assert!(cpu.store > std::time::Duration::ZERO, "{cpu:?}");
    assert!(cpu.writer > std::time::Duration::ZERO, "{cpu:?}");
    // Two workers, a writer, a store thread and the reader: at most five threads busy.
    assert!(cpu.total() <= summary.elapsed * 5, "{cpu:?} in {:?}", summary.elapsed);
    // One thread cannot be busy for longer than the run.
    assert!(cpu.store <= summary.elapsed, "{cpu:?} in {:?}", summary.elapsed);

    // Without early lookups the writer stores: no store thread.
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("inline.db")).unwrap();
    let inline = engine.ingest(&mut store).unwrap().run(corpus(10), &mut Quiet).unwrap();
    assert_eq!(inline.cpu.store, std::time::Duration::ZERO);
    assert!(inline.cpu.writer > std::time::Duration::ZERO);
}

/// The nice value of every thread of this process with the given name (Linux `/proc`).
#[cfg(target_os = "linux")]
fn nice_of_threads(name: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim_end() != name {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        out.extend(nice_in_stat(&stat));
    }
    out
}

/// The nice value in a `/proc/.../stat` line: its 19th field, the 17th after the name in
/// parentheses (which may hold spaces).
#[cfg(target_os = "linux")]
fn nice_in_stat(stat: &str) -> Option<i64> {
    stat.rsplit_once(')')?.1.split_whitespace().nth(16)?.parse().ok()
}

/// Looks at the pipeline's threads from the writer thread, while the run is on.
#[cfg(target_os = "linux")]
#[derive(Default)]
struct ThreadWatch {
    workers: Vec<i64>,
    writers: Vec<i64>,
}

#[cfg(target_os = "linux")]
impl Observer for ThreadWatch {
    fn document(&mut self, _fate: Fate<'_>) {
        if self.workers.is_empty() {
            self.workers = nice_of_threads("fl-worker");
            self.writers = nice_of_threads("fl-writer");
        }
    }
}

/// The workers run `worker_nice` steps below the process; the writer does not.
#[cfg(target_os = "linux")]
#[test]
fn worker_threads_run_below_the_serial_stages() {
    let own = nice_in_stat(&std::fs::read_to_string("/proc/thread-self/stat").unwrap()).unwrap();
    let config = EngineConfig {
        threads: 2,
        worker_nice: 7,
        batch_size: 10,
        default_date: Some(jiff::civil::date(2025, 3, 31)),
        ..EngineConfig::default()
    };
    let engine = config.build().unwrap();
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut watch = ThreadWatch::default();
    // More chunks than the pipeline lets out at once (batch + 4 per worker + 8 documents),
    // so the reader, hence every worker, is still on when the writer sees the first one.
    engine.ingest(&mut store).unwrap().run(corpus(60), &mut watch).unwrap();
    // Other tests of this binary may run pipelines at the same time (their workers at the
    // default 10 steps): one of the workers seen is this run's.
    assert!(watch.workers.contains(&(own + 7).min(19)), "workers {:?}, own {own}", watch.workers);
    assert!(
        !watch.writers.is_empty() && watch.writers.iter().all(|&n| n == own),
        "writers {:?}",
        watch.writers
    );
}
