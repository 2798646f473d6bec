//! The feed list file: one feed URL a line, an optional outlet name after it.

use crate::{Error, Result};
use std::path::Path;

/// One feed of a feed list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FeedSpec {
    /// The feed's URL (`http` or `https`).
    pub url: String,
    /// The outlet name given after the URL; when absent, the feed's own title is used.
    pub outlet: Option<String>,
    /// The line of the feed list it came from (1-based), for messages.
    pub line: u64,
}

impl FeedSpec {
    /// A feed with no outlet name, as if on line 0.
    #[must_use]
    pub fn new(url: impl Into<String>) -> FeedSpec {
        FeedSpec { url: url.into(), outlet: None, line: 0 }
    }
}

/// Parses a feed list. `path` names the list in errors, which carry its line.
///
/// ```text
/// # East Asia desk
/// https://www.example-news.jp/rss/world.xml   Example News Japan
/// https://feeds.example.org/asia.atom
/// ```
///
/// Blank lines and lines starting with `#` are ignored. Each other line is a URL, then
/// optionally white space and an outlet name (the rest of the line, which may contain
/// spaces). A URL that is not `http://` or `https://` with a host, and a URL listed
/// twice, are errors.
pub fn parse_feed_list(text: &str, path: &str) -> Result<Vec<FeedSpec>> {
    let mut feeds: Vec<FeedSpec> = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let line = idx as u64 + 1;
        let trimmed = raw.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let err = |detail: String| Error::FeedList { path: path.to_owned(), line, detail };
        let (url, outlet) = match trimmed.split_once(char::is_whitespace) {
            Some((url, rest)) => (url, Some(rest.trim()).filter(|o| !o.is_empty())),
            None => (trimmed, None),
        };
        check_url(url).map_err(err)?;
        if let Some(first) = feeds.iter().find(|f| f.url == url) {
            return Err(err(format!("{url} is already listed on line {}", first.line)));
        }
        feeds.push(FeedSpec { url: url.to_owned(), outlet: outlet.map(str::to_owned), line });
    }
    Ok(feeds)
}

/// Reads and parses a feed list file.
pub fn read_feed_list(path: impl AsRef<Path>) -> Result<Vec<FeedSpec>> {
    let path = path.as_ref();
    let label = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: label.clone(), source })?;
    parse_feed_list(&text, &label)
}

fn check_url(url: &str) -> std::result::Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
        .ok_or_else(|| format!("{url:?} is not an http:// or https:// URL"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("{url:?} has no host"));
    }
    if url.chars().any(|c| c.is_control()) {
        return Err(format!("{url:?} contains control characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Expected<'a> = std::result::Result<&'a [(&'a str, Option<&'a str>, u64)], &'a str>;

    fn check(text: &str, expected: Expected<'_>) {
        let got = parse_feed_list(text, "feeds.txt");
        match (got, expected) {
            (Ok(feeds), Ok(want)) => {
                let feeds: Vec<_> =
                    feeds.iter().map(|f| (f.url.as_str(), f.outlet.as_deref(), f.line)).collect();
                assert_eq!(feeds, want);
            }
            (Err(err), Err(message)) => assert_eq!(err.to_string(), message),
            (got, expected) => panic!("got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn feeds_outlets_comments() {
        check(
            "# East Asia\n\nhttps://a.example/rss  Example News Japan \n  http://b.example/feed.atom\n\t# more\n",
            Ok(&[
                ("https://a.example/rss", Some("Example News Japan"), 3),
                ("http://b.example/feed.atom", None, 4),
            ]),
        );
        check(
            "\u{feff}https://a.example/rss\tThe Outlet",
            Ok(&[("https://a.example/rss", Some("The Outlet"), 1)]),
        );
        check("", Ok(&[]));
    }

    #[test]
    fn errors_name_file_and_line() {
        check(
            "https://a.example/rss\nftp://x/y\n",
            Err("feeds.txt:2: \"ftp://x/y\" is not an http:// or https:// URL"),
        );
        check("# c\nhttps:///rss", Err("feeds.txt:2: \"https:///rss\" has no host"));
        check("a.example/rss", Err("feeds.txt:1: \"a.example/rss\" is not an http:// or https:// URL"));
        check(
            "https://a.example/rss\n\nhttps://a.example/rss Again",
            Err("feeds.txt:3: https://a.example/rss is already listed on line 1"),
        );
    }
}
