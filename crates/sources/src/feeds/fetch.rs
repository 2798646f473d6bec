//! The HTTP client: one `reqwest` client (HTTP/1.1, rustls on ring), every request through
//! its host's gate, redirects followed by hand so each hop is polite too, bodies read
//! chunk by chunk under a byte limit, gzip undone by us.

use super::politeness::{Hosts, Politeness};
use crate::payload::decode_content;
use faultline_model::SkipReason;
use reqwest::header::{self, HeaderMap};
use reqwest::{Client, StatusCode, Url};
use std::time::Duration;

/// A response that arrived.
#[derive(Debug)]
pub(crate) struct Fetched {
    pub status: u16,
    /// The URL after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// How long a 429 or 503 asked us to wait.
    pub retry_after: Option<Duration>,
    /// The body (content coding undone) of a 2xx response; empty for other statuses.
    pub body: Vec<u8>,
}

/// Why a request gave no response to use.
#[derive(Debug)]
pub(crate) enum FetchError {
    /// No answer: DNS, connection, TLS, a timeout, a body cut off. Worth retrying.
    Network(String),
    /// An answer that is never going to be usable: a bad URL, a redirect loop, a body
    /// above the limit or in a coding we do not read.
    Unusable(SkipReason),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Network(detail) => f.write_str(detail),
            FetchError::Unusable(reason) => write!(f, "{reason}"),
        }
    }
}

/// Conditional request headers.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Validators<'a> {
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
}

#[derive(Debug)]
pub(crate) struct Fetcher {
    client: Client,
    hosts: Hosts,
    politeness: Politeness,
    max_redirects: usize,
}

pub(crate) struct ClientOptions<'a> {
    pub user_agent: &'a str,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub max_redirects: usize,
    pub politeness: Politeness,
}

impl Fetcher {
    pub fn new(options: &ClientOptions<'_>) -> Result<Fetcher, String> {
        // reqwest is built without a crypto provider (aws-lc-rs doubles the build): ring
        // becomes the process default unless the application chose one already.
        let _already_chosen = rustls::crypto::ring::default_provider().install_default();
        let client = Client::builder()
            .user_agent(options.user_agent)
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .referer(false)
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        Ok(Fetcher {
            client,
            hosts: Hosts::default(),
            politeness: options.politeness,
            max_redirects: options.max_redirects,
        })
    }

    /// GETs `url` through the host gates. Statuses other than 2xx come back as
    /// responses (without their body); 429, 5xx and network failures also put the host
    /// into backoff.
    pub async fn get(
        &self,
        url: &str,
        accept: &str,
        validators: Validators<'_>,
        max_bytes: u64,
    ) -> Result<Fetched, FetchError> {
        let mut url = Url::parse(url).map_err(|e| {
            FetchError::Unusable(SkipReason::Malformed { detail: format!("bad URL {url:?}: {e}") })
        })?;
        for _hop in 0..=self.max_redirects {
            check_scheme(&url)?;
            let host = host_key(&url);
            let gate = self.hosts.gate(&host, self.politeness.concurrency);
            let Some(permit) = gate.acquire(self.politeness.min_delay).await else {
                return Err(FetchError::Network("shutting down".into()));
            };
            let mut request = self
                .client
                .get(url.clone())
                .header(header::ACCEPT, accept)
                .header(header::ACCEPT_ENCODING, "gzip");
            if let Some(etag) = validators.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(last_modified) = validators.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, last_modified);
            }
            let mut response = match request.send().await {
                Ok(response) => response,
                Err(err) => {
                    gate.failed(&self.politeness, None);
                    return Err(FetchError::Network(describe(&err)));
                }
            };
            let status = response.status();
            let headers = response.headers().clone();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                gate.succeeded();
                drop(permit);
                let location =
                    headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).ok_or_else(|| {
                        FetchError::Unusable(SkipReason::Malformed {
                            detail: format!("HTTP {status} without a Location"),
                        })
                    })?;
                url = url.join(location).map_err(|e| {
                    FetchError::Unusable(SkipReason::Malformed {
                        detail: format!("bad redirect {location:?}: {e}"),
                    })
                })?;
                continue;
            }
            let retry_after = retry_after(&headers);
            if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                gate.failed(&self.politeness, retry_after);
            } else {
                gate.succeeded();
            }
            let mut fetched = Fetched {
                status: status.as_u16(),
                url: response.url().to_string(),
                content_type: header_text(&headers, header::CONTENT_TYPE),
                etag: header_text(&headers, header::ETAG),
                last_modified: header_text(&headers, header::LAST_MODIFIED),
                retry_after,
                body: Vec::new(),
            };
            if !status.is_success() {
                return Ok(fetched);
            }
            if let Some(length) = response.content_length()
                && length > max_bytes
            {
                return Err(FetchError::Unusable(SkipReason::TooLarge { bytes: length, limit: max_bytes }));
            }
            let mut body = Vec::new();
            loop {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        if (body.len() + chunk.len()) as u64 > max_bytes {
                            let bytes = (body.len() + chunk.len()) as u64;
                            return Err(FetchError::Unusable(SkipReason::TooLarge {
                                bytes,
                                limit: max_bytes,
                            }));
                        }
                        body.extend_from_slice(&chunk);
                    }
                    Ok(None) => break,
                    Err(err) => {
                        gate.failed(&self.politeness, None);
                        return Err(FetchError::Network(describe(&err)));
                    }
                }
            }
            drop(permit);
            let coding = header_text(&headers, header::CONTENT_ENCODING);
            fetched.body =
                decode_content(body, coding.as_deref(), max_bytes).map_err(FetchError::Unusable)?;
            return Ok(fetched);
        }
        Err(FetchError::Unusable(SkipReason::Malformed {
            detail: format!("more than {} redirects", self.max_redirects),
        }))
    }
}

fn check_scheme(url: &Url) -> Result<(), FetchError> {
    if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() {
        Ok(())
    } else {
        Err(FetchError::Unusable(SkipReason::Malformed { detail: format!("not an http(s) URL: {url}") }))
    }
}

/// The politeness key of a URL: `host:port`.
pub(crate) fn host_key(url: &Url) -> String {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    parse_retry_after(headers.get(header::RETRY_AFTER)?.to_str().ok()?, jiff::Timestamp::now())
}

pub(crate) fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let wait = now.duration_until(at);
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// A network error in one line, with its cause (reqwest's own text is terse).
fn describe(err: &reqwest::Error) -> String {
    let kind = if err.is_timeout() {
        "timed out"
    } else if err.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut text = kind.to_owned();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let now: jiff::Timestamp = "2025-12-28T09:00:00Z".parse().unwrap();
        assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Sun, 28 Dec 2025 09:01:30 GMT", now), Some(Duration::from_secs(90)));
        assert_eq!(parse_retry_after("Sun, 28 Dec 2025 08:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn host_keys() {
        let key = |u: &str| host_key(&Url::parse(u).unwrap());
        assert_eq!(key("https://News.Example/a"), "news.example:443");
        assert_eq!(key("http://127.0.0.1:8080/feed"), "127.0.0.1:8080");
    }
}
