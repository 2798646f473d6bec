//! faultline server: the HTTP JSON API and the web dashboard. The only crate that knows
//! HTTP.
//!
//! - [`router`] builds the whole application (API under `/api/`, `/metrics`, the
//!   dashboard pages, the embedded assets) over one database; [`serve`] runs it on a
//!   listener until a shutdown signal. `faultline serve` is a thin wrapper over both.
//! - Store calls run on blocking threads, each with its own reader connection
//!   ([`readers`]); async stops at this crate's edge.
//! - Dyad series, partners and alerts come from an analysis snapshot of the store
//!   ([`analysis`]), built once at startup and refreshed when the store changes.
//! - Pages are `askama` templates (compile-time checked, HTML-escaped by default); the
//!   dyad chart is SVG drawn by a template from numbers ([`chart`]); highlights on
//!   article text are made from spans ([`highlight`]), never from the text. Every
//!   response carries a strict Content-Security-Policy: scripts and styles from the
//!   server's own `/assets/` only, no inline script, no inline style.
//!
//! The API's routes, parameters and response shapes are documented in the crate's
//! `README.md`.
//!
//! ```no_run
//! # async fn run() -> Result<(), faultline_server::Error> {
//! let app = faultline_server::router(&faultline_server::ServerConfig::new("faultline.db"))?;
//! let listener = tokio::net::TcpListener::bind(faultline_server::DEFAULT_ADDR).await?;
//! faultline_server::serve(listener, app, std::future::pending()).await?;
//! # Ok(()) }
//! ```

pub mod analysis;
pub mod api;
mod assets;
pub mod chart;
mod error;
pub mod highlight;
pub mod metrics;
mod pages;
pub mod params;
pub mod readers;
pub mod spans;

pub use error::{Error, Result};

use crate::analysis::AnalysisCache;
use crate::metrics::Metrics;
use crate::readers::Readers;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Where `faultline serve` listens unless told otherwise: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// The Content-Security-Policy of every response: nothing from elsewhere, scripts and
/// styles only from `/assets/` (no inline script or style, no `eval`), no framing, forms
/// only to this server.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How long a request may take before it is answered 503.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What to serve.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The database file (must exist).
    pub db: PathBuf,
    /// Build the analysis snapshot at startup rather than on the first request that
    /// needs it (default true).
    pub warm_analysis: bool,
    /// Answer only requests whose `Host` is a loopback name (`localhost`, `127.0.0.1`,
    /// `[::1]`), as a server listening on loopback should: a web page elsewhere cannot
    /// then read the store by pointing its own name at 127.0.0.1 (DNS rebinding).
    /// Default true; turn it off when serving on another address.
    pub loopback_hosts_only: bool,
}

impl ServerConfig {
    #[must_use]
    pub fn new(db: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig { db: db.into(), warm_analysis: true, loopback_hosts_only: true }
    }
}

/// The state every handler shares.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

#[derive(Debug)]
struct Shared {
    loopback_hosts_only: bool,
    readers: Readers,
    analysis: Arc<AnalysisCache>,
    metrics: Metrics,
    started: Instant,
}

impl AppState {
    /// Opens the database (checking it is one) and makes the shared state.
    pub fn open(config: &ServerConfig) -> Result<AppState> {
        Ok(AppState(Arc::new(Shared {
            loopback_hosts_only: config.loopback_hosts_only,
            readers: Readers::open(&config.db)?,
            analysis: Arc::new(AnalysisCache::default()),
            metrics: Metrics::default(),
            started: Instant::now(),
        })))
    }

    #[must_use]
    pub fn readers(&self) -> &Readers {
        &self.0.readers
    }

    #[must_use]
    pub fn analysis(&self) -> &Arc<AnalysisCache> {
        &self.0.analysis
    }

    #[must_use]
    pub fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }

    #[must_use]
    pub fn uptime(&self) -> Duration {
        self.0.started.elapsed()
    }
}

/// The whole application over `config.db`. Must be called within a tokio runtime when
/// `config.warm_analysis` is set (the first analysis build starts in the background).
pub fn router(config: &ServerConfig) -> Result<Router> {
    let state = AppState::open(config)?;
    if config.warm_analysis {
        state.analysis().refresh_in_background(state.readers());
    }
    Ok(router_with_state(state))
}

/// The application over an opened state.
pub fn router_with_state(state: AppState) -> Router {
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    Router::new()
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/actors", get(api::actors))
        .route("/api/actors/{code}", get(api::actor))
        .route("/api/dyads/{a}/{b}", get(api::dyad))
        .route("/api/alerts", get(api::alerts))
        .route("/api/commitments", get(api::commitments))
        .route("/api/contingency", get(api::contingency_answer))
        .route("/api/health", get(api::health))
        .route("/metrics", get(api::metrics))
        .route("/", get(pages::feed))
        .route("/events/{id}", get(pages::event))
        .route("/articles/{id}", get(pages::article))
        .route("/actors", get(pages::actors))
        .route("/actors/{code}", get(pages::actor))
        .route("/dyads", get(pages::dyad_form))
        .route("/dyads/{a}/{b}", get(pages::dyad))
        .route("/alerts", get(pages::alerts))
        .route("/commitments", get(pages::commitments))
        .route("/contingency", get(pages::contingency))
        .route("/assets/{name}", get(assets::asset))
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(state.clone(), track))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(HeaderName::from_static("cross-origin-opener-policy"), "same-origin"))
        .layer(header(HeaderName::from_static("cross-origin-resource-policy"), "same-origin"))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT))
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            eprintln!("faultline serve: error: a request handler panicked");
            Error::Internal("panic".into()).into_response()
        }))
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then finishes the requests in
/// flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
    Ok(())
}

/// How many blocking threads a runtime serving the store should allow: four per core, 4
/// to 32. Each keeps one reader connection (with its own SQLite page cache), and a page
/// of events takes a few milliseconds, so a few per core keep the cores busy without a
/// crowd of idle connections.
#[must_use]
pub fn max_blocking_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    (4 * cores).clamp(4, 32)
}

/// Whether `addr` is reachable from this machine only.
#[must_use]
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Counts and times each request under its route template.
async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route =
        request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_string();
    let method = request.method().as_str().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics().observe(&route, &method, response.status().as_u16(), started.elapsed());
    response
}

/// Refuses (403) a request whose `Host` is not a loopback name, when so configured. A
/// request without `Host` (HTTP/1.0, in-process tests) passes: browsers always send one.
async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.0.loopback_hosts_only
        && let Some(host) = request.headers().get(header::HOST)
        && !is_loopback_host(host.to_str().unwrap_or(""))
    {
        return (StatusCode::FORBIDDEN, "this server answers only to localhost, 127.0.0.1 and [::1]\n")
            .into_response();
    }
    next.run(request).await
}

/// Whether a `Host` header names this machine's loopback (any port).
#[must_use]
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':')
            .map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// 404 for anything else: JSON under `/api/`, a page elsewhere.
async fn fallback(request: Request) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") || path == "/api" {
        Error::not_found(format!("no route {path}")).into_response()
    } else {
        pages::error_page(&Error::not_found("There is no page at this address.")).into_response()
    }
}

/// Percent-encodes `s` as one URL path segment: everything but ASCII letters, digits
/// and `-._~`.
#[must_use]
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(path_segment("doc-1#3"), "doc-1%233");
        assert_eq!(path_segment("a/b c\"<"), "a%2Fb%20c%22%3C");
        assert_eq!(path_segment("Zü"), "Z%C3%BC");
    }

    #[test]
    fn loopback_host_names() {
        for host in [
            "localhost",
            "localhost:8080",
            "127.0.0.1",
            "127.0.0.1:8080",
            "127.1.2.3:9",
            "[::1]:8080",
            "[::1]",
            "app.localhost:80",
            "LOCALHOST.",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "10.0.0.1:8080",
            "[::2]:80",
            "",
            "localhost.evil.example",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn the_default_address_is_loopback() {
        let addr: SocketAddr = DEFAULT_ADDR.parse().unwrap();
        assert!(is_loopback(&addr));
        assert!(!is_loopback(&"0.0.0.0:8080".parse().unwrap()));
    }
}
