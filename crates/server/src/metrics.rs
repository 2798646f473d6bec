//! Request counts and latencies by route, written in the Prometheus text format.
//!
//! Routes are the router's path templates (`/api/events/{id}`), never the requested
//! path, so the number of series stays bounded whatever clients ask for.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency histogram buckets, in seconds.
const BOUNDS: [f64; 14] =
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Clone, Debug, Default)]
struct Histogram {
    /// Observations at or below each bound (not cumulative; summed when written).
    buckets: [u64; BOUNDS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = BOUNDS.iter().position(|&bound| seconds <= bound) {
            self.buckets[i] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

#[derive(Debug, Default)]
struct Tables {
    /// (route, method, status) -> requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// route -> latency.
    latency: BTreeMap<String, Histogram>,
}

/// The server's counters. One lock, held for a map update: at thousands of requests a
/// second it is not contended enough to matter.
#[derive(Debug, Default)]
pub struct Metrics {
    tables: Mutex<Tables>,
}

/// A named gauge value to write beside the counters.
#[derive(Clone, Debug)]
pub struct Gauge {
    pub name: &'static str,
    pub help: &'static str,
    /// (label name, label value) pairs and the value, one line each.
    pub values: Vec<(Vec<(&'static str, String)>, f64)>,
}

impl Metrics {
    /// Counts one request.
    pub fn observe(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        let Ok(mut tables) = self.tables.lock() else { return };
        *tables.requests.entry((route.to_string(), method.to_string(), status)).or_default() += 1;
        tables.latency.entry(route.to_string()).or_default().observe(elapsed.as_secs_f64());
    }

    /// The Prometheus text exposition of the counters and `gauges`.
    #[must_use]
    pub fn render(&self, gauges: &[Gauge]) -> String {
        let (requests, latency) = match self.tables.lock() {
            Ok(tables) => (tables.requests.clone(), tables.latency.clone()),
            Err(_) => (BTreeMap::new(), BTreeMap::new()),
        };
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ =
            writeln!(out, "# HELP faultline_http_requests_total HTTP requests by route, method and status.");
        let _ = writeln!(out, "# TYPE faultline_http_requests_total counter");
        for ((route, method, status), n) in &requests {
            let _ = writeln!(
                out,
                "faultline_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                label(route),
                label(method)
            );
        }
        let _ =
            writeln!(out, "# HELP faultline_http_request_duration_seconds HTTP request latency by route.");
        let _ = writeln!(out, "# TYPE faultline_http_request_duration_seconds histogram");
        for (route, histogram) in &latency {
            let route = label(route);
            let mut cumulative = 0;
            for (bound, n) in BOUNDS.iter().zip(histogram.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "faultline_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "faultline_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                histogram.count
            );
            let _ = writeln!(
                out,
                "faultline_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                histogram.sum
            );
            let _ = writeln!(
                out,
                "faultline_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                histogram.count
            );
        }
        for gauge in gauges {
            let _ = writeln!(out, "# HELP {} {}", gauge.name, gauge.help);
            let _ = writeln!(out, "# TYPE {} gauge", gauge.name);
            for (labels, value) in &gauge.values {
                let labels: Vec<String> =
                    labels.iter().map(|(k, v)| format!("{k}=\"{}\"", label(v))).collect();
                if labels.is_empty() {
                    let _ = writeln!(out, "{} {value}", gauge.name);
                } else {
                    let _ = writeln!(out, "{}{{{}}} {value}", gauge.name, labels.join(","));
                }
            }
        }
        out
    }
}

/// A label value with `\`, `"` and line breaks escaped, as the text format requires.
fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_histograms_are_written() {
        let metrics = Metrics::default();
        metrics.observe("/api/events", "GET", 200, Duration::from_micros(800));
        metrics.observe("/api/events", "GET", 200, Duration::from_millis(30));
        metrics.observe("/api/events", "GET", 400, Duration::from_micros(100));
        let gauge = Gauge {
            name: "faultline_store_rows",
            help: "Rows in the store by table.",
            values: vec![(vec![("table", "events".to_string())], 3.0)],
        };
        let text = metrics.render(&[gauge]);
        assert!(text.contains(
            "faultline_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "faultline_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"400\"} 1"
        ));
        assert!(text.contains(
            "faultline_http_request_duration_seconds_bucket{route=\"/api/events\",le=\"0.001\"} 2"
        ));
        assert!(
            text.contains(
                "faultline_http_request_duration_seconds_bucket{route=\"/api/events\",le=\"0.05\"} 3"
            )
        );
        assert!(text.contains("faultline_http_request_duration_seconds_count{route=\"/api/events\"} 3"));
        assert!(text.contains("faultline_store_rows{table=\"events\"} 3"));
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
