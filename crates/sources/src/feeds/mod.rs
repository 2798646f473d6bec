//! RSS and Atom feeds: the feed list, and (feature `http`) the `Watcher` that polls
//! feeds and fetches their new articles.
//!
//! **The feed list** ([`read_feed_list`]) is one feed URL a line, optionally followed by
//! the outlet's name; blank lines and `#` lines are ignored; errors name file and line.
//!
//! **The watcher** polls every feed on a jittered schedule with conditional GETs
//! (`If-None-Match` / `If-Modified-Since`; a 304 costs nothing), parses RSS 0.9x/1.0/2.0,
//! Atom and JSON Feed (feed-rs), and fetches each new item's page once. New means: not
//! `Seen::is_known` to the caller (the store) and not already handled in this run.
//! Pages and feeds go through one HTTP client (reqwest, HTTP/1.1, rustls on ring) with
//! timeouts, a size limit, at most five redirects (each hop polite on its own host),
//! `Accept-Encoding: gzip` and a User-Agent naming faultline. Every host (`host:port`)
//! has a gate: at most `per_host_concurrency` requests at once and `per_host_delay`
//! between request starts. Failures back off exponentially with jitter and a cap, per
//! feed (a feed that is down, malformed, or an HTML page) and per host (no connection,
//! timeouts, 429, 5xx); `Retry-After` is honoured up to `max_retry_after`.
//!
//! Everything that happens is a `WatchEvent` on the caller's channel: documents for
//! the pipeline, and a line's worth of report for everything else. Feed state
//! (validators and backoff) persists in a small JSON file (`state_path`); which articles
//! were ingested is the store's to say, through `Seen`.
//!
//! ```no_run
//! # #[cfg(feature = "http")]
//! # async fn watch() -> faultline_sources::Result<()> {
//! use faultline_sources::feeds::{WatchEvent, WatchOptions, Watcher, read_feed_list};
//! use std::sync::Arc;
//!
//! let feeds = read_feed_list("feeds.txt")?;
//! let options = WatchOptions { state_path: Some("feeds.state.json".into()), ..WatchOptions::default() };
//! let seen = Arc::new(|url: &str| url.ends_with("/already-stored")); // the store, in the engine
//! let (tx, mut rx) = tokio::sync::mpsc::channel(64);
//! let consumer = tokio::spawn(async move {
//!     while let Some(event) = rx.recv().await {
//!         match event {
//!             WatchEvent::Document { doc, .. } => println!("to the pipeline: {}", doc.id),
//!             other => eprintln!("{other}"),
//!         }
//!     }
//! });
//! let stop = async { tokio::time::sleep(std::time::Duration::from_secs(3600)).await };
//! let summary = Watcher::new(feeds, options, seen).run(tx, stop).await?;
//! eprintln!("{summary}");
//! # let _ = consumer.await;
//! # Ok(())
//! # }
//! ```

mod list;

pub use list::{FeedSpec, parse_feed_list, read_feed_list};

#[cfg(feature = "http")]
mod fetch;
#[cfg(feature = "http")]
mod politeness;
#[cfg(feature = "http")]
mod state;
#[cfg(feature = "http")]
mod watch;

#[cfg(feature = "http")]
pub use state::FeedState;
#[cfg(feature = "http")]
pub use watch::{FeedItem, Seen, WatchEvent, WatchOptions, WatchSummary, Watcher, fetch_url};
