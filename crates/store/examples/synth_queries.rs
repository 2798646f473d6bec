//! Times the typical queries of [`synth::query_mix`] on a store built by `synth_store`
//! (page one and, through its cursor, page two), and prints their plans with `PLANS=1`.
//!
//! ```text
//! cargo run --release -p faultline-store --example synth_queries -- /tmp/synth.db [RUNS]
//! ```

use faultline_store::synth::query_mix;
use faultline_store::{EventStore, SqliteStore};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synth_queries PATH [RUNS]")?;
    let runs: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(50);
    let store = SqliteStore::open_reader(&path)?;
    let plans = std::env::var_os("PLANS").is_some();
    println!("| query | rows | median ms | p90 ms | max ms |");
    println!("|---|---|---|---|---|");
    for case in query_mix() {
        let mut times = Vec::with_capacity(2 * runs);
        let mut rows = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let result = store.events(&case.filter, &case.page)?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
            rows = result.events.len();
            if let Some(next) = &result.next {
                let t = Instant::now();
                store.events(&case.filter, &case.page.after(next.clone()))?;
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        println!("| {} | {rows} | {:.2} | {:.2} | {:.2} |", case.name, at(0.5), at(0.9), at(1.0));
        if plans {
            for line in store.explain(&case.filter, &case.page)? {
                println!("|   {line} |");
            }
        }
    }
    Ok(())
}
