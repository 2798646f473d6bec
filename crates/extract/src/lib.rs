//! Article extraction: a web page or a scraped-text page in, an [`Article`] out.
//!
//! Two extractors sit behind [`extract`]: one for HTML (`html`), one for scraped text
//! (`text`): pages whose markup is gone but whose menus, promos, captions, related
//! headlines and footers remain as lines. Both return the article's cleaned text with its
//! fields (title, date, outlet, byline, dateline, wire agency, standfirst, captions,
//! credits, related links, language), each tied to a span of that text, or a
//! [`SkipReason`] when the page is not an article. They never panic on any input.
//!
//! ```
//! use faultline_model::{Format, Origin, RawDocument};
//! let html = "<html><head><title>Synthetic</title></head><body><article>\
//!     <p>This synthetic paragraph is long enough to count as the body of an article \
//!     about nothing in particular, written for the doc test.</p>\
//!     <p>A second synthetic paragraph follows, so the page reads as a story and not a \
//!     fragment of a menu or a list of links.</p></article></body></html>";
//! let doc = RawDocument::new("doc", Origin::Inline, html.as_bytes().to_vec());
//! match faultline_extract::extract(&doc, html, Format::Html) {
//!     Ok(article) => assert!(article.body().contains("second synthetic paragraph")),
//!     Err(skip) => println!("skipped: {skip}"),
//! }
//! ```

mod html;
pub mod meta;
mod outlets;
mod text;

pub use outlets::{host_of, outlet_for_host};

use faultline_model::{Article, Field, Format, Published, RawDocument, SkipReason};

/// Extracts the article from a decoded document.
///
/// `input` is the document's text (decoded by `faultline-sources`), `format` tells which
/// extractor runs. Metadata the source knew (URL, publication date, outlet) fills the
/// fields the page itself does not give.
pub fn extract(doc: &RawDocument, input: &str, format: Format) -> Result<Article, SkipReason> {
    let mut article = match format {
        Format::Html => html::extract(doc, input)?,
        Format::Text => text::extract(doc, input)?,
    };
    finish(doc, &mut article);
    if article.paragraphs.is_empty() {
        return Err(SkipReason::NotArticle);
    }
    Ok(article)
}

/// Fills what both extractors leave to the end: id, URL, site, outlet, date and language
/// from the source where the page said nothing.
fn finish(doc: &RawDocument, article: &mut Article) {
    article.id.clone_from(&doc.id);
    if article.url.is_none() {
        article.url.clone_from(&doc.url);
    }
    if article.site.is_none() {
        article.site = article.url.as_deref().and_then(host_of);
    }
    if article.outlet.is_none() {
        let named = doc
            .outlet
            .clone()
            .or_else(|| article.site.as_deref().and_then(outlet_for_host).map(str::to_owned));
        article.outlet = named.map(Field::meta);
    }
    if article.published.is_none() {
        article.published = doc.published.as_deref().and_then(parse_source_date);
    }
    if article.language.is_none() {
        article.language = detect_language(article.body());
    }
}

/// A date from a source's metadata: an ISO date or date-time, or an RFC 2822 date as
/// feeds write them.
fn parse_source_date(raw: &str) -> Option<Published> {
    let raw_trimmed = raw.trim();
    let date = raw_trimmed
        .get(..10)
        .and_then(|prefix| prefix.parse::<jiff::civil::Date>().ok())
        .or_else(|| jiff::fmt::rfc2822::parse(raw_trimmed).ok().map(|zoned| zoned.date()))?;
    Some(Published { date, raw: raw_trimmed.to_owned(), span: None })
}

/// The ISO 639-3 code of a text's language, from its first few kilobytes, when the guess
/// is reliable.
fn detect_language(body: &str) -> Option<String> {
    let end = body.char_indices().nth(2000).map_or(body.len(), |(i, _)| i);
    let info = whatlang::detect(&body[..end])?;
    info.is_reliable().then(|| info.lang().code().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_dates() {
        for (raw, date) in [
            ("2025-12-28", "2025-12-28"),
            ("2025-12-28T08:30:00+08:00", "2025-12-28"),
            ("Sun, 28 Dec 2025 08:30:00 +0800", "2025-12-28"),
        ] {
            assert_eq!(parse_source_date(raw).unwrap().date.to_string(), date, "{raw}");
        }
        assert!(parse_source_date("yesterday").is_none());
    }

    #[test]
    fn language() {
        let text = "Russia will support China if a contingency flares up, the foreign minister said in an interview released on Sunday.";
        assert_eq!(detect_language(text).as_deref(), Some("eng"));
    }
}
