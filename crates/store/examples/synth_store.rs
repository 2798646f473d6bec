//! Builds a synthetic store and reports how long it took and how big it is.
//!
//! ```text
//! cargo run --release -p faultline-store --example synth_store -- /tmp/synth.db 1000000
//! ```
//!
//! Arguments: the database path (must not exist), the number of events wanted (default
//! one million), the batch size in documents (default 500).

use faultline_store::synth::{Synth, SynthConfig};
use faultline_store::{ArticleRecord, EventStore, SqliteStore};
use std::time::Instant;

/// CPU seconds (user + system) of this process so far, from /proc (Linux; 0 elsewhere).
/// The machine is shared, so wall time alone says little.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the command name (which ends with ')'): utime is the 12th, stime the
    // 13th, in clock ticks of 1/100 s.
    let Some((_, rest)) = stat.rsplit_once(')') else { return 0.0 };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synth_store PATH [EVENTS] [BATCH]")?;
    let want: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1_000_000);
    let batch_size: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(500);
    if std::path::Path::new(&path).exists() {
        return Err(format!("{path} exists; give a new path").into());
    }
    let mut store = SqliteStore::open(&path)?;
    // About ten events per article; generate until enough events are stored.
    let mut synth = Synth::new(SynthConfig { articles: usize::MAX, ..SynthConfig::default() });
    let (mut n_events, mut n_docs) = (0usize, 0usize);
    let (mut generate, mut insert, mut insert_cpu) = (0.0f64, 0.0f64, 0.0f64);
    let started = Instant::now();
    while n_events < want {
        let t = Instant::now();
        let batch: Vec<ArticleRecord> = synth.batch(batch_size);
        generate += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let cpu = cpu_seconds();
        let report = store.store_batch(&batch)?;
        insert += t.elapsed().as_secs_f64();
        insert_cpu += cpu_seconds() - cpu;
        n_events += report.events;
        n_docs += report.records();
        if n_docs % 20_000 < batch_size {
            eprintln!("{n_docs} documents, {n_events} events, {:.1} s", started.elapsed().as_secs_f64());
        }
    }
    let t = Instant::now();
    store.analyze()?;
    store.checkpoint()?;
    let finish = t.elapsed().as_secs_f64();
    let total = started.elapsed().as_secs_f64();
    let stats = store.stats()?;
    drop(store);
    let size = std::fs::metadata(&path)?.len();
    println!("documents  {n_docs} ({} articles, {} skips)", stats.articles, stats.skips);
    println!("events     {}  mentions {}  quotes {}", stats.events, stats.mentions, stats.quotes);
    println!("actors     {}", stats.actors);
    println!("generate   {generate:.1} s");
    println!(
        "insert     {insert:.1} s  ({:.0} articles/s, {:.0} events/s, {:.0} us/article)",
        stats.articles as f64 / insert,
        stats.events as f64 / insert,
        insert * 1e6 / stats.articles as f64
    );
    println!(
        "insert cpu {insert_cpu:.1} s  ({:.0} us/article, user + system)",
        insert_cpu * 1e6 / stats.articles as f64
    );
    println!("analyze    {finish:.1} s (ANALYZE and WAL checkpoint)");
    println!("total      {total:.1} s");
    println!("size       {:.0} MB ({size} bytes)", size as f64 / 1e6);
    Ok(())
}
