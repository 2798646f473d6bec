//! An open-loop load generator for `/api/events`: requests go out on a fixed schedule
//! (`rate` a second, whatever the server does), and each latency is measured from the
//! time its request was *scheduled*, so a slow server shows as latency instead of as a
//! lower request rate (no coordinated omission; `wrk` measures closed-loop, and `wrk2`,
//! which would not, is not in Debian).
//!
//! The queries are the store's `synth::query_mix()` (the dashboard's typical filters,
//! pages of 50), taken in turn.
//!
//! ```text
//! # a store of a million synthetic events
//! cargo run --release -p faultline-store --example synth_store -- /tmp/synth1m.db 1000000
//! # serve it in-process and measure 200 requests a second for 60 s after 10 s of warm-up
//! cargo run --release -p faultline-server --example loadgen -- --db /tmp/synth1m.db
//! # or against a running `faultline serve`
//! cargo run --release -p faultline-server --example loadgen -- --url http://127.0.0.1:8080
//! ```
//!
//! Options: `--rate N` (200), `--seconds N` (60), `--warmup N` (10), `--max-p99-ms N`
//! (50: exit 1 above it), `--db PATH` or `--url URL`.

use axum::body::Bytes;
use faultline_server::params::encode_event_query;
use faultline_store::synth::query_mix;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

#[derive(Debug)]
struct Options {
    url: Option<String>,
    db: Option<String>,
    rate: f64,
    seconds: f64,
    warmup: f64,
    max_p99_ms: f64,
}

fn options() -> Result<Options, String> {
    let mut options =
        Options { url: None, db: None, rate: 200.0, seconds: 60.0, warmup: 10.0, max_p99_ms: 50.0 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        let number = |v: String| v.parse::<f64>().map_err(|e| format!("{arg}: {e}"));
        match arg.as_str() {
            "--url" => options.url = Some(value()?),
            "--db" => options.db = Some(value()?),
            "--rate" => options.rate = number(value()?)?,
            "--seconds" => options.seconds = number(value()?)?,
            "--warmup" => options.warmup = number(value()?)?,
            "--max-p99-ms" => options.max_p99_ms = number(value()?)?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.url.is_none() == options.db.is_none() {
        return Err("give --db PATH (serve it in-process) or --url URL (a running server)".into());
    }
    if !(options.rate > 0.0 && options.seconds > 0.0 && options.warmup >= 0.0) {
        return Err("--rate and --seconds must be above 0".into());
    }
    Ok(options)
}

/// One measured request.
#[derive(Clone, Copy, Debug)]
struct Sample {
    case: usize,
    /// From the scheduled send time to the whole body received.
    latency: Duration,
    ok: bool,
    events: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Starts `faultline serve` in-process (its own runtime and threads) on a free loopback
/// port, and returns its URL.
fn serve_in_process(db: &str) -> Result<String, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let db = db.to_string();
    std::thread::spawn(move || {
        let runtime = match tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .max_blocking_threads(faultline_server::max_blocking_threads())
            .build()
        {
            Ok(runtime) => runtime,
            Err(err) => {
                eprintln!("loadgen: server runtime: {err}");
                return;
            }
        };
        runtime.block_on(async move {
            let result = async {
                let app = faultline_server::router(&faultline_server::ServerConfig::new(&db))?;
                let listener = tokio::net::TcpListener::from_std(listener)?;
                faultline_server::serve(listener, app, std::future::pending()).await
            };
            if let Err(err) = result.await {
                eprintln!("loadgen: server: {err}");
            }
        });
    });
    Ok(format!("http://{addr}"))
}

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Empty<Bytes>>;

async fn fetch(client: &HttpClient, uri: &str) -> Result<(u16, Bytes), String> {
    let request = hyper::Request::get(uri).body(Empty::<Bytes>::new()).map_err(|e| e.to_string())?;
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok((status, body))
}

/// Waits until the server answers and its analysis snapshot is built (steady state).
async fn wait_ready(client: &HttpClient, base: &str) -> Result<Duration, String> {
    let started = Instant::now();
    loop {
        if let Ok((200, body)) = fetch(client, &format!("{base}/api/health")).await {
            let health: serde_json::Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
            if health["analysis"]["ready"] == serde_json::Value::Bool(true) {
                eprintln!(
                    "loadgen: server ready: {} events, analysis snapshot built in {:.1} s",
                    health["events"],
                    health["analysis"]["build_seconds"].as_f64().unwrap_or(0.0)
                );
                return Ok(started.elapsed());
            }
        }
        if started.elapsed() > Duration::from_secs(600) {
            return Err("the server was not ready within 10 minutes".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn run(options: Options) -> Result<bool, String> {
    let base = match (&options.url, &options.db) {
        (Some(url), _) => url.trim_end_matches('/').to_string(),
        (None, Some(db)) => serve_in_process(db)?,
        (None, None) => unreachable!("checked by options()"),
    };
    let client: HttpClient = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(256).build_http();
    wait_ready(&client, &base).await?;
    let cases = query_mix();
    let uris: Arc<Vec<String>> = Arc::new(
        cases
            .iter()
            .map(|c| format!("{base}/api/events?{}", encode_event_query(&c.filter, &c.page)))
            .collect(),
    );
    let period = Duration::from_secs_f64(1.0 / options.rate);
    let warmup_n = (options.warmup * options.rate).round() as usize;
    let total_n = warmup_n + (options.seconds * options.rate).round() as usize;
    let samples: Arc<Mutex<Vec<Sample>>> = Arc::new(Mutex::new(Vec::with_capacity(total_n)));
    eprintln!(
        "loadgen: {} requests a second for {:.0} s (after {:.0} s of warm-up), {} query shapes in turn",
        options.rate,
        options.seconds,
        options.warmup,
        cases.len()
    );
    let start = Instant::now() + Duration::from_millis(50);
    let mut tasks = Vec::with_capacity(total_n);
    let mut max_lag = Duration::ZERO;
    for i in 0..total_n {
        let scheduled = start + period.mul_f64(i as f64);
        tokio::time::sleep_until(scheduled).await;
        max_lag = max_lag.max(Instant::now().saturating_duration_since(scheduled));
        let (client, uris, samples) = (client.clone(), Arc::clone(&uris), Arc::clone(&samples));
        let case = i % uris.len();
        let measured = i >= warmup_n;
        tasks.push(tokio::spawn(async move {
            let result = fetch(&client, &uris[case]).await;
            let latency = Instant::now().saturating_duration_since(scheduled);
            let (ok, events) = match result {
                Ok((200, body)) => {
                    let page: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                    match page["events"].as_array() {
                        Some(events) => (true, events.len()),
                        None => (false, 0),
                    }
                }
                _ => (false, 0),
            };
            if measured && let Ok(mut samples) = samples.lock() {
                samples.push(Sample { case, latency, ok, events });
            }
        }));
    }
    let sent_in = start.elapsed();
    for task in tasks {
        let _ = task.await;
    }
    let samples = samples.lock().map_err(|_| "poisoned")?.clone();
    let measured_n = samples.len();
    let errors = samples.iter().filter(|s| !s.ok).count();
    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.latency).collect();
    latencies.sort();
    let p = |q| percentile(&latencies, q);
    println!(
        "target rate      {:.0} requests/s, open loop, latency from the scheduled send time",
        options.rate
    );
    println!(
        "achieved rate    {:.1} requests/s sent ({} in {:.1} s; the sender lagged at most {} ms)",
        total_n as f64 / sent_in.as_secs_f64(),
        total_n,
        sent_in.as_secs_f64(),
        ms(max_lag)
    );
    println!("measured         {measured_n} requests after {warmup_n} warm-up, {errors} errors");
    println!(
        "latency (ms)     p50 {}  p90 {}  p99 {}  p99.9 {}  max {}",
        ms(p(50.0)),
        ms(p(90.0)),
        ms(p(99.0)),
        ms(p(99.9)),
        ms(p(100.0))
    );
    let mut by_case: BTreeMap<usize, Vec<Sample>> = BTreeMap::new();
    for s in &samples {
        by_case.entry(s.case).or_default().push(*s);
    }
    println!("{:<36} {:>6} {:>8} {:>8} {:>8}", "query", "n", "events", "p50 ms", "p99 ms");
    for (case, list) in &by_case {
        let mut lat: Vec<Duration> = list.iter().map(|s| s.latency).collect();
        lat.sort();
        let events = list.first().map_or(0, |s| s.events);
        println!(
            "{:<36} {:>6} {:>8} {:>8} {:>8}",
            cases[*case].name,
            list.len(),
            events,
            ms(percentile(&lat, 50.0)),
            ms(percentile(&lat, 99.0))
        );
    }
    // A benchmark that also asserts: every answer a page of events, and the latency bar.
    let p99_ms = p(99.0).as_secs_f64() * 1000.0;
    let pass = errors == 0 && measured_n > 0 && p99_ms < options.max_p99_ms;
    println!(
        "p99 {p99_ms:.2} ms against the bar of {} ms: {}",
        options.max_p99_ms,
        if pass { "PASS" } else { "FAIL" }
    );
    Ok(pass)
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(err) => {
            eprintln!("loadgen: {err}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("loadgen: {err}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(options)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("loadgen: {err}");
            ExitCode::from(2)
        }
    }
}
