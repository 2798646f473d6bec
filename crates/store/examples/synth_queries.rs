//! Times typical event queries on a store built by `synth_store`, and prints their plans.
//!
//! ```text
//! cargo run --release -p faultline-store --example synth_queries -- /tmp/synth.db [RUNS]
//! ```

use faultline_model::Plover;
use faultline_store::{EventFilter, EventStore, ModalityFlag, Page, SqliteStore};
use jiff::civil::date;
use std::time::Instant;

/// The typical filters of the dashboard and the CLI, by name.
fn cases() -> Vec<(&'static str, EventFilter, Page)> {
    let f = EventFilter::default;
    let p = || Page::first(50);
    vec![
        ("all, oldest first", f(), p()),
        ("all, newest first", f(), p().newest_first()),
        ("actor RUS", f().actor("RUS"), p()),
        ("actor RUS, newest first", f().actor("RUS"), p().newest_first()),
        ("actor RUSGOV", f().actor("RUSGOV"), p()),
        ("actor SWE (rare)", f().actor("SWE"), p()),
        ("source CHN", f().source("CHN"), p()),
        ("dyad USA-CHN", f().dyad("USA", "CHN"), p()),
        ("dyad RUS-UKR directed", f().directed_dyad("RUS", "UKR"), p()),
        ("dyad SWE-CUB (rare)", f().dyad("SWE", "CUB"), p()),
        (
            "plover ASSAULT 2024",
            f().plover(Plover::Assault).between(date(2024, 1, 1), date(2024, 12, 31)),
            p(),
        ),
        ("plover AID, Q3 2025", f().plover(Plover::Aid).between(date(2025, 7, 1), date(2025, 9, 30)), p()),
        ("cameo 19", f().cameo("19"), p()),
        ("cameo 0311", f().cameo("0311"), p()),
        ("conditional", f().with(ModalityFlag::Conditional), p()),
        ("actor IRN factual", f().actor("IRN").with(ModalityFlag::Factual), p()),
        ("date range 1 week", f().between(date(2024, 6, 3), date(2024, 6, 9)), p()),
        ("text sanctions", f().text("sanctions"), p()),
        ("text said (common)", f().text("said"), p()),
        ("text place (rare)", f().text("Karosk"), p()),
        ("text 'nuclear talks'", f().text("nuclear talks"), p()),
        ("text 'canal lithium' (0.5%)", f().text("canal lithium"), p()),
        ("text 'canal lithium copper' (rare)", f().text("canal lithium copper"), p()),
        ("text said, newest first", f().text("said"), p().newest_first()),
        ("sentence said", f().sentence_text("said"), p()),
        ("sentence minister (2%)", f().sentence_text("minister"), p()),
        ("sentence canal (0.1%)", f().sentence_text("canal"), p()),
        ("sentence convoy", f().sentence_text("convoy"), p()),
        ("sentence ceasefire (rare)", f().sentence_text("ceasefire"), p()),
        ("text sanctions + actor RUS", f().text("sanctions").actor("RUS"), p()),
        ("dyad USA-CHN + ASSAULT", f().dyad("USA", "CHN").plover(Plover::Assault), p()),
        ("actor SWE + text canal", f().actor("SWE").text("canal"), p()),
        ("dyad SWE-CUB + text said", f().dyad("SWE", "CUB").text("said"), p()),
        (
            "hypothetical + sentence minister",
            f().with(ModalityFlag::Hypothetical).sentence_text("minister"),
            p(),
        ),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synth_queries PATH [RUNS]")?;
    let runs: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(50);
    let store = SqliteStore::open_reader(&path)?;
    let plans = std::env::var_os("PLANS").is_some();
    println!("| query | rows | median ms | p90 ms | max ms |");
    println!("|---|---|---|---|---|");
    for (name, filter, page) in cases() {
        let mut times = Vec::with_capacity(runs);
        let mut rows = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let result = store.events(&filter, &page)?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
            rows = result.events.len();
            // The second page too, through the cursor, for a realistic mix.
            if let Some(next) = &result.next {
                let t = Instant::now();
                store.events(&filter, &page.after(next.clone()))?;
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        println!("| {name} | {rows} | {:.2} | {:.2} | {:.2} |", at(0.5), at(0.9), at(1.0));
        if plans {
            for line in store.explain(&filter, &page)? {
                println!("|   {line} |");
            }
        }
    }
    Ok(())
}
