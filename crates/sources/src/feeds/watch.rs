//! The feed watcher: polls feeds, fetches new articles, hands them to a channel.

use super::fetch::{ClientOptions, FetchError, Fetched, Fetcher, Validators};
use super::list::FeedSpec;
use super::politeness::{Politeness, backoff, jittered, random_unit};
use super::state::{FeedState, StateFile};
use crate::payload::{is_html_type, is_unspecific_type, looks_like_html_page, mime_essence};
use crate::{Error, Result};
use faultline_model::{Origin, RawDocument, Skip, SkipReason};
use reqwest::Url;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;

const FEED_ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, \
                           application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";
const PAGE_ACCEPT: &str = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

/// Whether an article URL is already ingested. The engine implements it over the store
/// (an indexed lookup: it is called on the watcher's I/O threads, so keep it quick);
/// a closure `Fn(&str) -> bool` is one too.
///
/// A URL should count as known once its document is stored *or* recorded as skipped,
/// so pages that are not articles are not fetched again after a restart.
pub trait Seen: Send + Sync {
    fn is_known(&self, url: &str) -> bool;
}

impl<F> Seen for F
where
    F: Fn(&str) -> bool + Send + Sync,
{
    fn is_known(&self, url: &str) -> bool {
        self(url)
    }
}

/// How the watcher polls and fetches. [`WatchOptions::default`] is polite for the open
/// web; tests shorten the durations.
#[derive(Clone, Debug)]
pub struct WatchOptions {
    /// How often each feed is polled (each poll is jittered by `jitter`).
    pub interval: Duration,
    /// The fraction by which each interval is randomly shortened or lengthened.
    pub jitter: f64,
    /// At most this many requests at once to one host (`host:port`).
    pub per_host_concurrency: usize,
    /// At least this long between the starts of two requests to one host.
    pub per_host_delay: Duration,
    /// The first backoff after a failure (then doubled per failure, with jitter).
    pub backoff_base: Duration,
    /// The longest backoff.
    pub backoff_cap: Duration,
    /// The longest `Retry-After` honoured (a server asking for a week gets this).
    pub max_retry_after: Duration,
    pub connect_timeout: Duration,
    /// For a whole request, body included.
    pub request_timeout: Duration,
    /// Article pages larger than this are skipped (`too_large`) without being kept.
    pub max_page_bytes: u64,
    /// Feeds larger than this fail.
    pub max_feed_bytes: u64,
    pub max_redirects: usize,
    /// Sent with every request; name the tool and a contact.
    pub user_agent: String,
    /// Where feed state (validators, backoff) is kept between runs; `None` keeps it in
    /// memory only.
    pub state_path: Option<PathBuf>,
}

impl Default for WatchOptions {
    fn default() -> WatchOptions {
        WatchOptions {
            interval: Duration::from_secs(15 * 60),
            jitter: 0.1,
            per_host_concurrency: 2,
            per_host_delay: Duration::from_secs(1),
            backoff_base: Duration::from_secs(30),
            backoff_cap: Duration::from_secs(60 * 60),
            max_retry_after: Duration::from_secs(6 * 60 * 60),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_page_bytes: crate::DEFAULT_MAX_BYTES,
            max_feed_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            user_agent: format!(
                "faultline/{} (news event coder; +https://example.invalid/faultline)",
                env!("CARGO_PKG_VERSION")
            ),
            state_path: None,
        }
    }
}

/// One item of a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedItem {
    /// The feed's URL, as listed.
    pub feed: String,
    /// The article's URL (absolute): the document's `url` and the key of [`Seen`].
    pub link: String,
    pub title: Option<String>,
    /// Published (else updated) time of the item, RFC 3339.
    pub published: Option<String>,
    /// The outlet named in the feed list, else the feed's title.
    pub outlet: Option<String>,
}

/// What the watcher reports, in the order it happens. Only `Document` carries data for
/// the pipeline; the rest is for a log line (their `Display`) and counters.
#[derive(Debug)]
#[non_exhaustive]
pub enum WatchEvent {
    /// A new article page: `doc.id` and `doc.url` are the item's link, `doc.origin` is
    /// `Origin::Http` with the URL after redirects, `fetched` is when (RFC 3339).
    Document { doc: RawDocument, item: FeedItem },
    /// A new item whose page is not a document (not HTML, too large); not retried.
    PageSkipped { item: FeedItem, skip: Skip },
    /// A new item whose page could not be fetched. `retry` when it will be tried again
    /// at the feed's next poll (network errors, 429, 5xx), not when it is gone (404).
    PageFailed { item: FeedItem, reason: String, retry: bool },
    /// A feed answered: `not_modified` (304), or with `items` of which `new` are fetched.
    FeedPolled { feed: String, not_modified: bool, items: usize, new: usize },
    /// A feed is down, malformed, or not a feed; it is tried again after `retry_in`.
    FeedFailed { feed: String, reason: String, failures: u32, retry_in: Duration },
    /// The state file could not be written (the watcher goes on).
    StateNotSaved { detail: String },
}

impl fmt::Display for WatchEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WatchEvent::Document { doc, item } => {
                write!(f, "new: {}", item.link)?;
                if let Some(outlet) = &item.outlet {
                    write!(f, " ({outlet})")?;
                }
                write!(f, ", {} bytes", doc.bytes.len())
            }
            WatchEvent::PageSkipped { item, skip } => write!(f, "{}: skipped: {}", item.link, skip.reason),
            WatchEvent::PageFailed { item, reason, retry } => {
                let then = if *retry { "will retry" } else { "given up" };
                write!(f, "{}: {reason} ({then})", item.link)
            }
            WatchEvent::FeedPolled { feed, not_modified: true, .. } => write!(f, "{feed}: not modified"),
            WatchEvent::FeedPolled { feed, items, new, .. } => write!(f, "{feed}: {items} items, {new} new"),
            WatchEvent::FeedFailed { feed, reason, failures, retry_in } => {
                write!(f, "{feed}: {reason}; failure {failures}, retry in {:.1}s", retry_in.as_secs_f64())
            }
            WatchEvent::StateNotSaved { detail } => write!(f, "feed state not saved: {detail}"),
        }
    }
}

/// Counts of one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WatchSummary {
    pub polls: u64,
    pub not_modified: u64,
    pub feed_failures: u64,
    pub documents: u64,
    pub pages_skipped: u64,
    pub page_failures: u64,
}

impl fmt::Display for WatchSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} feed polls ({} not modified, {} failed), {} documents, {} pages skipped, {} pages failed",
            self.polls,
            self.not_modified,
            self.feed_failures,
            self.documents,
            self.pages_skipped,
            self.page_failures
        )
    }
}

#[derive(Debug, Default)]
struct Counters {
    polls: AtomicU64,
    not_modified: AtomicU64,
    feed_failures: AtomicU64,
    documents: AtomicU64,
    pages_skipped: AtomicU64,
    page_failures: AtomicU64,
}

impl Counters {
    fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn summary(&self) -> WatchSummary {
        WatchSummary {
            polls: self.polls.load(Ordering::Relaxed),
            not_modified: self.not_modified.load(Ordering::Relaxed),
            feed_failures: self.feed_failures.load(Ordering::Relaxed),
            documents: self.documents.load(Ordering::Relaxed),
            pages_skipped: self.pages_skipped.load(Ordering::Relaxed),
            page_failures: self.page_failures.load(Ordering::Relaxed),
        }
    }
}

/// Polls a list of feeds until told to stop. See the [module docs](super).
pub struct Watcher {
    feeds: Vec<FeedSpec>,
    options: WatchOptions,
    seen: Arc<dyn Seen>,
}

impl fmt::Debug for Watcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watcher").field("feeds", &self.feeds.len()).field("options", &self.options).finish()
    }
}

struct Shared {
    fetcher: Fetcher,
    options: WatchOptions,
    seen: Arc<dyn Seen>,
    sink: mpsc::Sender<WatchEvent>,
    /// Links fetched, being fetched or given up in this run.
    claimed: Mutex<HashSet<String>>,
    counters: Counters,
}

struct Slot {
    spec: FeedSpec,
    state: FeedState,
    due: Instant,
    polling: bool,
}

impl Watcher {
    #[must_use]
    pub fn new(feeds: Vec<FeedSpec>, options: WatchOptions, seen: Arc<dyn Seen>) -> Watcher {
        Watcher { feeds, options, seen }
    }

    /// Polls every feed on its schedule and sends what happens to `sink` until
    /// `shutdown` completes or the receiver is dropped; then stops the requests in
    /// flight, saves the feed state and returns the counts. Must run inside a tokio
    /// runtime (a current-thread one is enough).
    ///
    /// A feed's validators are saved only once every new item of that version was
    /// delivered or given up, so a stop in the middle of a poll loses nothing: the
    /// next run fetches the feed in full again and [`Seen`] filters what was delivered.
    ///
    /// Errors: the state file cannot be read or is not a state file; the HTTP client
    /// cannot be built.
    pub async fn run(
        self,
        sink: mpsc::Sender<WatchEvent>,
        shutdown: impl Future<Output = ()>,
    ) -> Result<WatchSummary> {
        let state_file = StateFile::new(self.options.state_path.clone());
        let mut saved = state_file.load()?;
        let politeness = Politeness {
            concurrency: self.options.per_host_concurrency.max(1),
            min_delay: self.options.per_host_delay,
            backoff_base: self.options.backoff_base,
            backoff_cap: self.options.backoff_cap,
            max_retry_after: self.options.max_retry_after,
        };
        let fetcher = Fetcher::new(&ClientOptions {
            user_agent: &self.options.user_agent,
            connect_timeout: self.options.connect_timeout,
            request_timeout: self.options.request_timeout,
            max_redirects: self.options.max_redirects,
            politeness,
        })
        .map_err(|detail| Error::Client { detail })?;
        let now = Instant::now();
        let wall_now = jiff::Timestamp::now();
        let mut slots: Vec<Slot> = self
            .feeds
            .into_iter()
            .map(|spec| {
                let state = saved.remove(&spec.url).unwrap_or_default();
                // A feed that was failing waits out its backoff across restarts.
                let wait = state
                    .retry_at
                    .and_then(|at| Duration::try_from(wall_now.duration_until(at)).ok())
                    .unwrap_or(Duration::ZERO);
                Slot { spec, state, due: now + wait, polling: false }
            })
            .collect();
        let shared = Arc::new(Shared {
            fetcher,
            options: self.options,
            seen: self.seen,
            sink,
            claimed: Mutex::new(HashSet::new()),
            counters: Counters::default(),
        });

        let mut polls: JoinSet<(FeedState, Duration)> = JoinSet::new();
        let mut running: HashMap<tokio::task::Id, usize> = HashMap::new();
        let mut shutdown = std::pin::pin!(shutdown);
        let mut dirty = false;
        loop {
            let now = Instant::now();
            for (idx, slot) in slots.iter_mut().enumerate() {
                if !slot.polling && slot.due <= now {
                    slot.polling = true;
                    let task = poll_feed(Arc::clone(&shared), slot.spec.clone(), slot.state.clone());
                    running.insert(polls.spawn(task).id(), idx);
                }
            }
            if dirty {
                dirty = false;
                save_state(&shared, &state_file, &slots).await;
            }
            let next_due = slots.iter().filter(|s| !s.polling).map(|s| s.due).min();
            let wake = next_due.unwrap_or(now + Duration::from_secs(3600));
            tokio::select! {
                biased;
                () = &mut shutdown => break,
                () = shared.sink.closed() => break,
                Some(joined) = polls.join_next_with_id(), if !polls.is_empty() => {
                    let (id, outcome) = match joined {
                        Ok((id, outcome)) => (id, Ok(outcome)),
                        Err(err) => (err.id(), Err(err)),
                    };
                    let Some(slot) = running.remove(&id).and_then(|idx| slots.get_mut(idx)) else { continue };
                    slot.polling = false;
                    let (state, delay) = match outcome {
                        Ok(outcome) => outcome,
                        // A panic inside a parser is the feed's failure, not the watcher's end.
                        Err(err) => shared.feed_failed(&slot.spec, slot.state.clone(), format!("internal error: {err}"), None).await,
                    };
                    slot.state = state;
                    slot.due = Instant::now() + delay;
                    dirty = true;
                }
                () = tokio::time::sleep_until(wake) => {}
            }
        }
        polls.shutdown().await;
        save_state(&shared, &state_file, &slots).await;
        Ok(shared.counters.summary())
    }
}

/// Fetches one article page by its URL (`faultline ingest URL`): the watcher's client,
/// limits and headers, and the document the watcher would make of a feed item with this
/// link (`id` and `url` are the URL given; the origin is the URL after redirects).
///
/// A page that is never going to be a document (not HTML, too large, a bad URL, too many
/// redirects) is an [`Error::Skipped`] with the reason; a network failure or an HTTP
/// error status is an [`Error::Io`] naming the URL.
pub async fn fetch_url(url: &str, options: &WatchOptions) -> Result<RawDocument> {
    let politeness = Politeness {
        concurrency: options.per_host_concurrency.max(1),
        min_delay: options.per_host_delay,
        backoff_base: options.backoff_base,
        backoff_cap: options.backoff_cap,
        max_retry_after: options.max_retry_after,
    };
    let fetcher = Fetcher::new(&ClientOptions {
        user_agent: &options.user_agent,
        connect_timeout: options.connect_timeout,
        request_timeout: options.request_timeout,
        max_redirects: options.max_redirects,
        politeness,
    })
    .map_err(|detail| Error::Client { detail })?;
    let origin = || Origin::Http { url: url.to_owned() };
    let failed = |detail: String| Error::Io { path: url.to_owned(), source: std::io::Error::other(detail) };
    let fetched = match fetcher.get(url, PAGE_ACCEPT, Validators::default(), options.max_page_bytes).await {
        Ok(fetched) => fetched,
        Err(FetchError::Network(reason)) => return Err(failed(reason)),
        Err(FetchError::Unusable(reason)) => {
            return Err(Error::Skipped { origin: origin(), skip: Skip::new(url, reason) });
        }
    };
    if !(200..300).contains(&fetched.status) {
        return Err(failed(format!("HTTP {}", fetched.status)));
    }
    let essence = fetched.content_type.as_deref().map(mime_essence).unwrap_or_default();
    let html =
        is_html_type(&essence) || (is_unspecific_type(&essence) && looks_like_html_page(&fetched.body));
    if !html {
        let content_type = if essence.is_empty() { "no content type, not HTML".to_owned() } else { essence };
        let skip = Skip::new(url, SkipReason::NotHtml { content_type });
        return Err(Error::Skipped { origin: origin(), skip });
    }
    let item =
        FeedItem { feed: String::new(), link: url.to_owned(), title: None, published: None, outlet: None };
    Ok(page_document(&item, fetched))
}

async fn save_state(shared: &Shared, file: &StateFile, slots: &[Slot]) {
    let states: BTreeMap<String, FeedState> =
        slots.iter().map(|s| (s.spec.url.clone(), s.state.clone())).collect();
    if let Err(err) = file.save(&states) {
        shared.emit(WatchEvent::StateNotSaved { detail: err.to_string() }).await;
    }
}

impl Shared {
    /// Sends an event; false when nobody listens any more.
    async fn emit(&self, event: WatchEvent) -> bool {
        self.sink.send(event).await.is_ok()
    }

    /// Claims a link for fetching: false when it is known to the store or already
    /// claimed in this run.
    fn claim(&self, link: &str) -> bool {
        if self.claimed.lock().unwrap_or_else(PoisonError::into_inner).contains(link) {
            return false;
        }
        if self.seen.is_known(link) {
            return false;
        }
        self.claimed.lock().unwrap_or_else(PoisonError::into_inner).insert(link.to_owned())
    }

    fn release(&self, link: &str) {
        self.claimed.lock().unwrap_or_else(PoisonError::into_inner).remove(link);
    }

    fn feed_ok(&self, mut state: FeedState) -> (FeedState, Duration) {
        state.failures = 0;
        state.retry_at = None;
        state.last_error = None;
        state.last_ok = Some(jiff::Timestamp::now());
        (state, jittered(self.options.interval, self.options.jitter, random_unit()))
    }

    async fn feed_failed(
        &self,
        spec: &FeedSpec,
        mut state: FeedState,
        reason: String,
        retry_after: Option<Duration>,
    ) -> (FeedState, Duration) {
        Counters::bump(&self.counters.feed_failures);
        state.failures = state.failures.saturating_add(1);
        let options = &self.options;
        let mut delay = backoff(options.backoff_base, options.backoff_cap, state.failures, random_unit());
        if let Some(asked) = retry_after {
            delay = delay.max(asked.min(options.max_retry_after));
        }
        let at = jiff::SignedDuration::try_from(delay)
            .ok()
            .and_then(|d| jiff::Timestamp::now().checked_add(d).ok());
        state.retry_at = at;
        state.last_error = Some(reason.clone());
        let failures = state.failures;
        self.emit(WatchEvent::FeedFailed { feed: spec.url.clone(), reason, failures, retry_in: delay }).await;
        (state, delay)
    }
}

/// One poll of one feed, with the fetches of its new items. Returns the feed's new
/// state and when to poll it next.
async fn poll_feed(shared: Arc<Shared>, spec: FeedSpec, mut state: FeedState) -> (FeedState, Duration) {
    Counters::bump(&shared.counters.polls);
    let validators =
        Validators { etag: state.etag.as_deref(), last_modified: state.last_modified.as_deref() };
    let fetched =
        match shared.fetcher.get(&spec.url, FEED_ACCEPT, validators, shared.options.max_feed_bytes).await {
            Ok(fetched) => fetched,
            Err(err) => return shared.feed_failed(&spec, state, err.to_string(), None).await,
        };
    if fetched.status == 304 {
        Counters::bump(&shared.counters.not_modified);
        let event = WatchEvent::FeedPolled { feed: spec.url.clone(), not_modified: true, items: 0, new: 0 };
        shared.emit(event).await;
        return shared.feed_ok(state);
    }
    if !(200..300).contains(&fetched.status) {
        let reason = format!("HTTP {}", fetched.status);
        return shared.feed_failed(&spec, state, reason, fetched.retry_after).await;
    }
    let feed = match parse_feed(&fetched) {
        Ok(feed) => feed,
        Err(reason) => return shared.feed_failed(&spec, state, reason, None).await,
    };
    let items = feed_items(&feed, &spec, &fetched.url);
    let new: Vec<FeedItem> = items.iter().filter(|item| shared.claim(&item.link)).cloned().collect();
    let event = WatchEvent::FeedPolled {
        feed: spec.url.clone(),
        not_modified: false,
        items: items.len(),
        new: new.len(),
    };
    shared.emit(event).await;
    let mut pages = JoinSet::new();
    for item in new {
        pages.spawn(fetch_page(Arc::clone(&shared), item));
    }
    let mut all_handled = true;
    while let Some(handled) = pages.join_next().await {
        all_handled &= handled.unwrap_or(false);
    }
    if all_handled {
        // Only now is this version of the feed done with.
        state.etag = fetched.etag;
        state.last_modified = fetched.last_modified;
    }
    shared.feed_ok(state)
}

/// Fetches one article page. True when the item is dealt with for good (delivered,
/// skipped, or gone), false when it should be tried again.
async fn fetch_page(shared: Arc<Shared>, item: FeedItem) -> bool {
    let counters = &shared.counters;
    let fetched = shared
        .fetcher
        .get(&item.link, PAGE_ACCEPT, Validators::default(), shared.options.max_page_bytes)
        .await;
    let fetched = match fetched {
        Ok(fetched) => fetched,
        Err(FetchError::Network(reason)) => {
            Counters::bump(&counters.page_failures);
            shared.release(&item.link);
            shared.emit(WatchEvent::PageFailed { item, reason, retry: true }).await;
            return false;
        }
        Err(FetchError::Unusable(reason)) => {
            Counters::bump(&counters.pages_skipped);
            let skip = Skip::new(item.link.clone(), reason);
            return shared.emit(WatchEvent::PageSkipped { item, skip }).await;
        }
    };
    if !(200..300).contains(&fetched.status) {
        Counters::bump(&counters.page_failures);
        let retry = fetched.status == 429 || fetched.status >= 500;
        if retry {
            shared.release(&item.link);
        }
        let reason = format!("HTTP {}", fetched.status);
        let sent = shared.emit(WatchEvent::PageFailed { item, reason, retry }).await;
        return sent && !retry;
    }
    let essence = fetched.content_type.as_deref().map(mime_essence).unwrap_or_default();
    let html =
        is_html_type(&essence) || (is_unspecific_type(&essence) && looks_like_html_page(&fetched.body));
    if !html {
        Counters::bump(&counters.pages_skipped);
        let content_type = if essence.is_empty() { "no content type, not HTML".to_owned() } else { essence };
        let skip = Skip::new(item.link.clone(), SkipReason::NotHtml { content_type });
        return shared.emit(WatchEvent::PageSkipped { item, skip }).await;
    }
    Counters::bump(&counters.documents);
    let doc = page_document(&item, fetched);
    shared.emit(WatchEvent::Document { doc, item }).await
}

fn page_document(item: &FeedItem, fetched: Fetched) -> RawDocument {
    let mut doc = RawDocument::new(item.link.clone(), Origin::Http { url: fetched.url }, fetched.body);
    doc.url = Some(item.link.clone());
    doc.content_type = fetched.content_type;
    doc.published = item.published.clone();
    doc.outlet = item.outlet.clone();
    doc.fetched = Some(format!("{:.0}", jiff::Timestamp::now()));
    doc
}

/// Parses a feed body; the reason names an HTML page for what it is.
fn parse_feed(fetched: &Fetched) -> std::result::Result<feed_rs::model::Feed, String> {
    let parser = feed_rs::parser::Builder::new().base_uri(Some(&fetched.url)).build();
    parser.parse(fetched.body.as_slice()).map_err(|err| {
        let essence = fetched.content_type.as_deref().map(mime_essence).unwrap_or_default();
        if looks_like_html_page(&fetched.body) || is_html_type(&essence) {
            let content_type = fetched.content_type.as_deref().unwrap_or("no content type");
            format!("returned an HTML page, not a feed ({content_type})")
        } else if fetched.body.iter().all(u8::is_ascii_whitespace) {
            "returned an empty body, not a feed".to_owned()
        } else {
            format!("malformed feed: {err}")
        }
    })
}

/// The items of a feed that have a usable link, each link once.
fn feed_items(feed: &feed_rs::model::Feed, spec: &FeedSpec, base: &str) -> Vec<FeedItem> {
    let base = Url::parse(base).ok();
    let text = |t: &Option<feed_rs::model::Text>| {
        t.as_ref().map(|t| t.content.trim().to_owned()).filter(|s| !s.is_empty())
    };
    let outlet = spec.outlet.clone().or_else(|| text(&feed.title));
    let mut links = HashSet::new();
    feed.entries
        .iter()
        .filter_map(|entry| {
            let link = entry_link(entry, base.as_ref())?;
            links.insert(link.clone()).then(|| FeedItem {
                feed: spec.url.clone(),
                link,
                title: text(&entry.title),
                published: entry.published.or(entry.updated).map(|at| at.to_rfc3339()),
                outlet: outlet.clone(),
            })
        })
        .collect()
}

/// The article link of an entry: an `alternate` (or unlabelled) link, else any link
/// (resolved against the feed's URL), else an id that is an absolute URL; http(s) only.
fn entry_link(entry: &feed_rs::model::Entry, base: Option<&Url>) -> Option<String> {
    let alternate =
        entry.links.iter().filter(|l| l.rel.as_deref().is_none_or(|r| r.eq_ignore_ascii_case("alternate")));
    let others =
        entry.links.iter().filter(|l| l.rel.as_deref().is_some_and(|r| !r.eq_ignore_ascii_case("alternate")));
    let web = |url: Url| matches!(url.scheme(), "http" | "https").then(|| url.to_string());
    alternate
        .chain(others)
        .find_map(|link| {
            let href = link.href.trim();
            match base {
                Some(base) => web(base.join(href).ok()?),
                None => web(Url::parse(href).ok()?),
            }
        })
        // An id is a link only when it is an absolute URL (feed-rs makes up ids).
        .or_else(|| web(Url::parse(entry.id.trim()).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(xml: &str, outlet: Option<&str>) -> Vec<FeedItem> {
        let feed = feed_rs::parser::Builder::new()
            .base_uri(Some("https://news.example/rss/world.xml"))
            .build()
            .parse(xml.as_bytes())
            .unwrap();
        let spec = FeedSpec {
            url: "https://news.example/rss/world.xml".into(),
            outlet: outlet.map(Into::into),
            line: 1,
        };
        feed_items(&feed, &spec, "https://news.example/rss/world.xml")
    }

    #[test]
    fn rss_items() {
        let got = items(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
            <item><title> Russia vows support </title><link>https://news.example/a/1</link><pubDate>Sun, 28 Dec 2025 09:00:00 GMT</pubDate></item>
            <item><title>Relative</title><link>/a/2</link></item>
            <item><title>Guid only</title><guid isPermaLink="true">https://news.example/a/3</guid></item>
            <item><title>Twice</title><link>https://news.example/a/1</link></item>
            <item><title>No link</title><description>x</description></item>
            </channel></rss>"#,
            None,
        );
        let links: Vec<&str> = got.iter().map(|i| i.link.as_str()).collect();
        assert_eq!(
            links,
            ["https://news.example/a/1", "https://news.example/a/2", "https://news.example/a/3"]
        );
        assert_eq!(got[0].title.as_deref(), Some("Russia vows support"));
        assert_eq!(got[0].published.as_deref(), Some("2025-12-28T09:00:00+00:00"));
        assert_eq!(got[0].outlet.as_deref(), Some("Example News"));
    }

    #[test]
    fn atom_items_and_the_listed_outlet() {
        let got = items(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed Title</title><id>x</id>
            <entry><title>A</title><id>urn:x:1</id><link rel="alternate" href="https://news.example/b/1"/><link rel="enclosure" href="https://news.example/b/1.mp3"/><updated>2025-12-28T10:00:00Z</updated></entry>
            <entry><title>B</title><id>urn:x:2</id><link rel="self" href="https://news.example/b/2"/></entry>
            </feed>"#,
            Some("Listed Outlet"),
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].link, "https://news.example/b/1");
        assert_eq!(got[0].published.as_deref(), Some("2025-12-28T10:00:00+00:00"));
        assert_eq!(got[1].link, "https://news.example/b/2");
        assert_eq!(got[1].outlet.as_deref(), Some("Listed Outlet"));
    }

    #[test]
    fn the_sample_feeds_give_their_items() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/feeds");
        for (file, links) in [
            (
                "synthetic-wire.rss",
                &[
                    "https://meridian-daily.example/asia/2026/05/02/vietnam-philippines-coast-guard",
                    // relative, resolved against the feed's URL
                    "https://news.example/asia/india-china-talks",
                ][..],
            ),
            ("synthetic-desk.atom", &["https://northsea-ledger.example/2026/04/14/baltic-exercise"][..]),
            ("synthetic-briefs.json", &["https://harbour-times.example/world/grain-corridor-talks"][..]),
        ] {
            let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
            let got = items(&text, None);
            let got_links: Vec<&str> = got.iter().map(|i| i.link.as_str()).collect();
            assert_eq!(got_links, links, "{file}");
            assert!(got.iter().all(|i| i.published.is_some() && i.title.is_some()), "{file}: {got:?}");
            assert!(got[0].outlet.as_deref().is_some_and(|o| o.ends_with("(synthetic)")), "{file}: {got:?}");
        }
    }

    fn fetched(content_type: Option<&str>, body: &str) -> Fetched {
        Fetched {
            status: 200,
            url: "https://news.example/feed".into(),
            content_type: content_type.map(Into::into),
            etag: None,
            last_modified: None,
            retry_after: None,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn bad_feeds_say_what_they_are() {
        let html =
            parse_feed(&fetched(Some("text/html"), "<!DOCTYPE html><html><body>Welcome</body></html>"))
                .unwrap_err();
        assert!(html.contains("HTML page"), "{html}");
        let broken =
            parse_feed(&fetched(Some("application/rss+xml"), "<rss version=\"2.0\"><channel><item>"))
                .unwrap_err();
        assert!(broken.starts_with("malformed feed"), "{broken}");
        let empty = parse_feed(&fetched(None, "  ")).unwrap_err();
        assert!(empty.contains("empty"), "{empty}");
    }
}
