//! Outlet names for web hosts, from `data/outlets.tsv`.

use std::sync::OnceLock;

static TABLE: &str = include_str!("../data/outlets.tsv");

fn entries() -> &'static [(&'static str, &'static str)] {
    static ENTRIES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split_once('\t'))
            .map(|(host, name)| (host.trim(), name.trim()))
            .collect()
    })
}

/// The host of a URL, lowercased, without `www.` (`straitstimes.com`).
#[must_use]
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    (host.contains('.') && !host.contains(char::is_whitespace)).then_some(host)
}

/// The outlet name for a host (or a subdomain of a known host).
#[must_use]
pub fn outlet_for_host(host: &str) -> Option<&'static str> {
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    entries().iter().find_map(|&(known, name)| {
        let matches = host == known || host.strip_suffix(known).is_some_and(|prefix| prefix.ends_with('.'));
        matches.then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_outlets() {
        assert_eq!(host_of("https://www.straitstimes.com/asia/x?y=1").as_deref(), Some("straitstimes.com"));
        assert_eq!(host_of("http://user@News.Example.org:8080/a").as_deref(), Some("news.example.org"));
        assert_eq!(host_of("not a url"), None);
        assert_eq!(outlet_for_host("straitstimes.com"), Some("The Straits Times"));
        assert_eq!(outlet_for_host("Straitstimes.com"), Some("The Straits Times"));
        assert_eq!(outlet_for_host("edition.cnn.com"), Some("CNN"));
        assert_eq!(outlet_for_host("notcnn.com"), None);
    }
}
