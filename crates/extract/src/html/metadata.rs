//! What the page says about itself: `<meta>` tags, JSON-LD, `<title>`, `<html lang>`,
//! `<time>` elements and `rel=author` links.

use jiff::civil::Date;
use serde_json::Value;

use super::dom::{Dom, NodeId};
use super::entities::decode;
use super::tags::Tag;

/// Metadata read from the page's markup (not from its body text).
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub og_title: Option<String>,
    pub headline: Option<String>,
    pub twitter_title: Option<String>,
    pub doc_title: Option<String>,
    pub site_name: Option<String>,
    pub publisher: Option<String>,
    pub application_name: Option<String>,
    pub description: Option<String>,
    pub og_description: Option<String>,
    pub json_description: Option<String>,
    pub authors: Vec<String>,
    pub meta_author: Option<String>,
    /// Raw date values, best first.
    pub dates: Vec<String>,
    pub language: Option<String>,
    pub canonical: Option<String>,
    pub paywalled: bool,
    /// The site's name as the `<title>` gives it after the headline.
    pub title_site: Option<String>,
}

impl PageMeta {
    pub(crate) fn read(dom: &Dom<'_>) -> PageMeta {
        let mut meta = PageMeta::default();
        let mut dates: Vec<(u8, String)> = Vec::new();
        let mut json_ld = Vec::new();
        for (index, node) in dom.nodes.iter().enumerate() {
            let id = index as NodeId;
            match node.tag {
                Tag::Meta => meta.meta_tag(dom, id, &mut dates),
                Tag::Title if meta.doc_title.is_none() && !inside_svg(dom, id) => {
                    let text = text_content(dom, id);
                    if !text.is_empty() {
                        meta.doc_title = Some(text);
                    }
                }
                Tag::Html if meta.language.is_none() => {
                    meta.language =
                        dom.attr(id, "lang").or_else(|| dom.attr(id, "xml:lang")).and_then(iso639_3);
                }
                Tag::Link => {
                    let rel = dom.attr(id, "rel").unwrap_or("");
                    if rel.eq_ignore_ascii_case("canonical") && meta.canonical.is_none() {
                        meta.canonical = dom.attr(id, "href").map(|h| decode(h.trim(), true));
                    }
                }
                Tag::Script => {
                    let is_ld =
                        dom.attr(id, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                    if is_ld && json_ld.len() < 16 {
                        json_ld.push(id);
                    }
                }
                Tag::Time => {
                    if let Some(datetime) = dom.attr(id, "datetime") {
                        let rank = if dom.attr(id, "pubdate").is_some()
                            || dom
                                .attr(id, "itemprop")
                                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                        {
                            2
                        } else {
                            8
                        };
                        dates.push((rank, decode(datetime.trim(), true)));
                    }
                }
                Tag::Other | Tag::Span | Tag::Div | Tag::P
                    if dom.attr(id, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished")) =>
                {
                    let value = dom
                        .attr(id, "content")
                        .map(|c| decode(c.trim(), true))
                        .unwrap_or_else(|| text_content(dom, id));
                    dates.push((2, value));
                }
                _ => {}
            }
        }
        for id in json_ld {
            let raw = dom
                .children(id)
                .filter(|&c| dom.tag(c) == Tag::Text)
                .map(|c| dom.raw_text(c))
                .collect::<String>();
            meta.json_ld(&raw, &mut dates);
        }
        dates.sort_by_key(|(rank, _)| *rank);
        meta.dates = dates.into_iter().map(|(_, d)| d).filter(|d| !d.is_empty()).collect();
        meta
    }

    fn meta_tag(&mut self, dom: &Dom<'_>, id: NodeId, dates: &mut Vec<(u8, String)>) {
        let Some(content) = dom.attr(id, "content") else {
            return;
        };
        let key = dom
            .attr(id, "property")
            .or_else(|| dom.attr(id, "name"))
            .or_else(|| dom.attr(id, "itemprop"))
            .or_else(|| dom.attr(id, "http-equiv"));
        let Some(key) = key else { return };
        // `itemprop` may list several properties: `datePublished dateCreated`.
        let key = key.split_ascii_whitespace().next().unwrap_or("").to_ascii_lowercase();
        let value = clean(&strip_tags(&decode(content, true)));
        if value.is_empty() {
            return;
        }
        let set = |slot: &mut Option<String>, value: String| {
            if slot.is_none() {
                *slot = Some(value);
            }
        };
        match key.as_str() {
            "og:title" => set(&mut self.og_title, value),
            "twitter:title" => set(&mut self.twitter_title, value),
            "og:site_name" => set(&mut self.site_name, value),
            "application-name" => set(&mut self.application_name, value),
            "description" => set(&mut self.description, value),
            "og:description" | "twitter:description" => set(&mut self.og_description, value),
            "author" | "article:author" | "byl" | "dc.creator" | "parsely-author" | "sailthru.author"
                if !value.contains("://") && !value.starts_with("www.") && !value.starts_with('@') =>
            {
                let value = strip_by(&value).to_owned();
                set(&mut self.meta_author, value);
            }
            "article:published_time"
            | "og:article:published_time"
            | "datepublished"
            | "article:published" => dates.push((1, value)),
            "pdate"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "published_time"
            | "article.published"
            | "parsely-pub-date"
            | "sailthru.date"
            | "dc.date.issued"
            | "dcterms.issued"
            | "dcterms.created"
            | "original-publish-date"
            | "article_date_original"
            | "cxenseparse:recs:publishtime" => {
                dates.push((3, value));
            }
            "date" | "dc.date" | "dcterms.date" | "og:updated_time" | "article:modified_time" => {
                dates.push((6, value));
            }
            key if (key.contains("pub") || key.contains("post"))
                && (key.contains("date") || key.contains("time")) =>
            {
                dates.push((5, value));
            }
            "content-language" | "og:locale" | "language" | "dc.language" if self.language.is_none() => {
                self.language = iso639_3(&value);
            }
            _ => {}
        }
    }

    fn json_ld(&mut self, raw: &str, dates: &mut Vec<(u8, String)>) {
        let raw = raw.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
        let raw = raw.strip_prefix("//<![CDATA[").unwrap_or(raw).trim_end_matches("//]]>");
        let Ok(value) = serde_json::from_str::<Value>(raw) else { return };
        // Walk iteratively: objects, arrays and @graph lists, a bounded number of nodes.
        let mut stack = vec![&value];
        let mut visited = 0;
        while let Some(value) = stack.pop() {
            visited += 1;
            if visited > 256 {
                break;
            }
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(object) => {
                    if let Some(graph) = object.get("@graph") {
                        stack.push(graph);
                    }
                    let types = types_of(object.get("@type"));
                    let is_article = types.iter().any(|t| is_article_type(t));
                    if is_article {
                        self.article_object(object, dates);
                    } else if types.iter().any(|t| t == "WebSite" || t == "NewsMediaOrganization") {
                        if let Some(name) = object.get("name").and_then(Value::as_str) {
                            let name = clean(&decode(name, false));
                            if !name.is_empty() && self.publisher.is_none() {
                                self.publisher = Some(name);
                            }
                        }
                    } else if types.iter().any(|t| t == "WebPage") {
                        if let Some(date) = object.get("datePublished").and_then(Value::as_str) {
                            dates.push((4, date.trim().to_owned()));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn article_object(&mut self, object: &serde_json::Map<String, Value>, dates: &mut Vec<(u8, String)>) {
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(|s| clean(&decode(s, false)));
        if self.headline.is_none() {
            self.headline = text("headline").or_else(|| text("name")).filter(|s| !s.is_empty());
        }
        if let Some(date) = text("datePublished") {
            dates.push((0, date));
        } else if let Some(date) = text("dateCreated") {
            dates.push((5, date));
        }
        if self.json_description.is_none() {
            self.json_description = text("description").filter(|s| !s.is_empty());
        }
        if self.authors.is_empty() {
            if let Some(author) = object.get("author") {
                self.authors = names(author);
            }
        }
        if self.publisher.is_none() {
            if let Some(publisher) = object.get("publisher") {
                self.publisher = names(publisher).into_iter().next();
            }
        }
        if self.language.is_none() {
            self.language = text("inLanguage").as_deref().and_then(iso639_3);
        }
        if let Some(free) = object.get("isAccessibleForFree") {
            let free = match free {
                Value::Bool(b) => *b,
                Value::String(s) => !s.eq_ignore_ascii_case("false"),
                _ => true,
            };
            self.paywalled |= !free;
        }
    }

    /// Adds date candidates from elements named like dates (`publish-date`,
    /// `article_date`: `Published 11:11 PM EST Nov 19, 2019`), after the markup's own.
    pub(crate) fn read_dated_elements(&mut self, dom: &Dom<'_>, hints_of: &[u16], date_hint: u16) {
        if self.published().is_some() {
            return;
        }
        for (index, node) in dom.nodes.iter().enumerate() {
            if node.tag == Tag::Text || hints_of.get(index).is_none_or(|h| h & date_hint == 0) {
                continue;
            }
            let text = text_content(dom, index as NodeId);
            let lower = text.to_lowercase();
            if text.len() <= 120
                && !lower.contains("updated")
                && !lower.contains("modified")
                && parse_date(&text).is_some()
            {
                self.dates.push(text);
                return;
            }
        }
    }

    /// The publication date: the first candidate that parses.
    pub(crate) fn published(&self) -> Option<(Date, String)> {
        self.dates.iter().find_map(|raw| parse_date(raw).map(|date| (date, raw.clone())))
    }

    /// The outlet's name.
    pub(crate) fn outlet(&self) -> Option<&str> {
        self.site_name
            .as_deref()
            .or(self.publisher.as_deref())
            .or(self.application_name.as_deref())
            .or(self.title_site.as_deref())
    }

    /// Learns the site's name from the `<title>` when it is the headline plus the name
    /// (`Headline :: Site`).
    pub(crate) fn learn_title_site(&mut self, headline: &str) {
        let Some(doc_title) = self.doc_title.as_deref() else { return };
        let Some(rest) = doc_title.strip_prefix(headline) else { return };
        let rest = rest.trim_start();
        for separator in ["|", "-", "\u{2013}", "\u{2014}", "::", "\u{b7}", "//"] {
            if let Some(site) = rest.strip_prefix(separator) {
                let site = site.trim();
                if !site.is_empty() && site.split_whitespace().count() <= 6 {
                    self.title_site = Some(site.to_owned());
                }
                return;
            }
        }
    }

    /// The byline's names from the markup.
    pub(crate) fn byline(&self) -> Option<String> {
        if !self.authors.is_empty() {
            return Some(join_names(&self.authors));
        }
        self.meta_author.clone()
    }

    pub(crate) fn description(&self) -> Option<&str> {
        self.description.as_deref().or(self.og_description.as_deref()).or(self.json_description.as_deref())
    }
}

fn inside_svg(dom: &Dom<'_>, id: NodeId) -> bool {
    let mut current = dom.node(id).parent;
    while current != super::dom::NONE {
        if matches!(dom.tag(current), Tag::Svg | Tag::Math) {
            return true;
        }
        current = dom.node(current).parent;
    }
    false
}

fn types_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit('/').next().unwrap_or(t);
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "LiveBlogPosting" | "Report" | "Review" | "SocialMediaPosting" | "Posting"
        )
}

/// Names of a JSON-LD person or organisation value (an object, a string, or a list).
fn names(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |name: &str| {
        let name = clean(&decode(name, false));
        let name = strip_by(&name).to_owned();
        if !name.is_empty() && !name.contains("://") && !out.contains(&name) && out.len() < 8 {
            out.push(name);
        }
    };
    match value {
        Value::String(s) => push(s),
        Value::Object(object) => {
            if let Some(name) = object.get("name").and_then(Value::as_str) {
                push(name);
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(8) {
                match item {
                    Value::String(s) => push(s),
                    Value::Object(object) => {
                        if let Some(name) = object.get("name").and_then(Value::as_str) {
                            push(name);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    out
}

/// "A", "A and B", "A, B and C".
pub(crate) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A byline without its leading "By".
pub(crate) fn strip_by(text: &str) -> &str {
    let trimmed = text.trim();
    for prefix in ["By ", "by ", "BY ", "By: ", "by: "] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    trimmed
}

/// Text with any markup in it removed (some pages put HTML in their meta descriptions).
pub(crate) fn strip_tags(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('<') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let opens_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(gt) if opens_tag => {
                out.push(' ');
                rest = &after[gt + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// White space collapsed, trimmed.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The decoded, white-space-collapsed text of a subtree (its first few kilobytes).
pub(crate) fn text_content(dom: &Dom<'_>, id: NodeId) -> String {
    let mut raw = String::new();
    for node in dom.descendants(id).take(MAX_NODES_READ) {
        if dom.tag(node) == Tag::Text {
            raw.push_str(dom.raw_text(node));
            raw.push(' ');
        }
        if raw.len() > 4096 {
            break;
        }
    }
    clean(&decode(&raw, false))
}

/// How many nodes a field reader looks at under one element: fields are short, and
/// the cap keeps nested look-alikes (a caption in a caption in ...) linear.
pub(crate) const MAX_NODES_READ: usize = 2000;

/// A date from a metadata value: ISO 8601 (`2019-11-19`, `2019-11-19T08:03:00Z`,
/// `2019/11/19`), RFC 2822, or written out (`November 19, 2019`, `19 Nov 2019`).
pub(crate) fn parse_date(raw: &str) -> Option<Date> {
    let raw = raw.trim();
    let bytes = raw.as_bytes();
    if bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && matches!(bytes[4], b'-' | b'/' | b'.')
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[7] == bytes[4]
        && bytes[8..10].iter().all(u8::is_ascii_digit)
    {
        let year: i16 = raw.get(..4)?.parse().ok()?;
        let month: i8 = raw.get(5..7)?.parse().ok()?;
        let day: i8 = raw.get(8..10)?.parse().ok()?;
        return plausible(Date::new(year, month, day).ok()?);
    }
    if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_digit) {
        let year: i16 = raw.get(..4)?.parse().ok()?;
        let month: i8 = raw.get(4..6)?.parse().ok()?;
        let day: i8 = raw.get(6..8)?.parse().ok()?;
        return plausible(Date::new(year, month, day).ok()?);
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(raw) {
        return plausible(zoned.date());
    }
    written_date(raw)
}

/// A date in a URL's path (`/2019/11/19/`, `/2019/nov/18/`, `/2019-11-19-`), the last
/// resort for a page that states none.
pub(crate) fn date_in_url(url: &str) -> Option<(Date, String)> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for window in parts.windows(3) {
        let (Ok(year), Some(month), Ok(day)) = (
            window[0].parse::<i16>(),
            window[1].parse::<i8>().ok().or_else(|| month_number(window[1])),
            window[2].parse::<i8>(),
        ) else {
            continue;
        };
        if window[0].len() == 4 && window[2].len() <= 2 {
            if let Some(date) = Date::new(year, month, day).ok().and_then(plausible) {
                return Some((date, window.join("/")));
            }
        }
    }
    None
}

fn plausible(date: Date) -> Option<Date> {
    (1990..=2100).contains(&date.year()).then_some(date)
}

/// `November 19, 2019`, `Nov. 19, 2019 8:03 am ET`, `19 November 2019`, `Tuesday 19 Nov 2019`.
fn written_date(raw: &str) -> Option<Date> {
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_number(word) else { continue };
        let number = |w: Option<&&str>| {
            w.and_then(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse::<i16>().ok())
        };
        // Month Day Year
        if let (Some(day), Some(year)) = (number(words.get(i + 1)), number(words.get(i + 2))) {
            if let Ok(date) = Date::new(year, month, i8::try_from(day).ok()?) {
                return plausible(date);
            }
        }
        // Day Month Year
        if i > 0 {
            if let (Some(day), Some(year)) = (number(words.get(i - 1)), number(words.get(i + 1))) {
                if let Ok(date) = Date::new(year, month, i8::try_from(day).ok()?) {
                    return plausible(date);
                }
            }
        }
    }
    None
}

fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&lower) || (lower == "sept" && *m == "september"))
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// ISO 639-3 code for a language tag (`en`, `en-US`, `en_GB`, `eng`, `pt-BR`).
pub(crate) fn iso639_3(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    match primary.len() {
        2 => ISO_639_1.iter().find(|(two, _)| *two == primary).map(|(_, three)| (*three).to_owned()),
        3 => Some(primary),
        _ => None,
    }
}

/// ISO 639-1 to 639-3 for the languages news is written in.
const ISO_639_1: &[(&str, &str)] = &[
    ("af", "afr"),
    ("am", "amh"),
    ("ar", "ara"),
    ("az", "aze"),
    ("be", "bel"),
    ("bg", "bul"),
    ("bn", "ben"),
    ("bs", "bos"),
    ("ca", "cat"),
    ("cs", "ces"),
    ("cy", "cym"),
    ("da", "dan"),
    ("de", "deu"),
    ("el", "ell"),
    ("en", "eng"),
    ("eo", "epo"),
    ("es", "spa"),
    ("et", "est"),
    ("eu", "eus"),
    ("fa", "pes"),
    ("fi", "fin"),
    ("fr", "fra"),
    ("ga", "gle"),
    ("gl", "glg"),
    ("gu", "guj"),
    ("ha", "hau"),
    ("he", "heb"),
    ("hi", "hin"),
    ("hr", "hrv"),
    ("hu", "hun"),
    ("hy", "hye"),
    ("id", "ind"),
    ("ig", "ibo"),
    ("is", "isl"),
    ("it", "ita"),
    ("iw", "heb"),
    ("ja", "jpn"),
    ("jv", "jav"),
    ("ka", "kat"),
    ("kk", "kaz"),
    ("km", "khm"),
    ("kn", "kan"),
    ("ko", "kor"),
    ("ku", "kur"),
    ("ky", "kir"),
    ("la", "lat"),
    ("lo", "lao"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("mk", "mkd"),
    ("ml", "mal"),
    ("mn", "mon"),
    ("mr", "mar"),
    ("ms", "msa"),
    ("my", "mya"),
    ("nb", "nob"),
    ("ne", "nep"),
    ("nl", "nld"),
    ("nn", "nno"),
    ("no", "nor"),
    ("or", "ori"),
    ("pa", "pan"),
    ("pl", "pol"),
    ("ps", "pus"),
    ("pt", "por"),
    ("ro", "ron"),
    ("ru", "rus"),
    ("si", "sin"),
    ("sk", "slk"),
    ("sl", "slv"),
    ("so", "som"),
    ("sq", "sqi"),
    ("sr", "srp"),
    ("sv", "swe"),
    ("sw", "swh"),
    ("ta", "tam"),
    ("te", "tel"),
    ("tg", "tgk"),
    ("th", "tha"),
    ("tk", "tuk"),
    ("tl", "tgl"),
    ("tr", "tur"),
    ("uk", "ukr"),
    ("ur", "urd"),
    ("uz", "uzb"),
    ("vi", "vie"),
    ("yo", "yor"),
    ("zh", "cmn"),
    ("zu", "zul"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for (raw, date) in [
            ("2019-11-19T08:03:00-05:00", "2019-11-19"),
            ("2019/11/19", "2019-11-19"),
            ("20191119", "2019-11-19"),
            ("Tue, 19 Nov 2019 13:03:00 GMT", "2019-11-19"),
            ("Nov. 19, 2019 8:03 am ET", "2019-11-19"),
            ("November 19, 2019", "2019-11-19"),
            ("19 November 2019", "2019-11-19"),
            ("Tuesday 19th November 2019", "2019-11-19"),
        ] {
            assert_eq!(parse_date(raw).map(|d| d.to_string()).as_deref(), Some(date), "{raw}");
        }
        for raw in ["", "yesterday", "2019-13-45", "0001-01-01", "May the fourth"] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn markup_in_values() {
        assert_eq!(clean(&strip_tags("<p>Share <b>this</b></p> now")), "Share this now");
        assert_eq!(strip_tags("a < b and c > d"), "a < b and c > d");
    }

    #[test]
    fn dates_in_urls() {
        let date = |url: &str| date_in_url(url).map(|(d, _)| d.to_string());
        assert_eq!(date("https://x.example/2019/11/19/story.html").as_deref(), Some("2019-11-19"));
        assert_eq!(date("https://x.example/statements/2019/nov/18/name/").as_deref(), Some("2019-11-18"));
        assert_eq!(date("https://x.example/news/2026-03-09-talks").as_deref(), Some("2026-03-09"));
        assert_eq!(date("https://x.example/article/3834/1"), None);
        assert_eq!(date("https://x.example/p/12345678"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(iso639_3("en-US").as_deref(), Some("eng"));
        assert_eq!(iso639_3("pt_BR").as_deref(), Some("por"));
        assert_eq!(iso639_3("ko").as_deref(), Some("kor"));
        assert_eq!(iso639_3("deu").as_deref(), Some("deu"));
        assert_eq!(iso639_3("x"), None);
        assert_eq!(iso639_3("12"), None);
    }

    #[test]
    fn meta_and_json_ld() {
        let html = r#"<html lang="en-GB"><head><title>Pact signed - Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="By Jane Roe">
            <meta property="article:published_time" content="2026-03-02T10:00:00Z">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"NewsArticle","headline":"Pact signed &amp; sealed","datePublished":"2026-03-01",
               "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}],
               "publisher":{"@type":"Organization","name":"Example News Ltd"}}]}</script>
            </head><body></body></html>"#;
        let dom = Dom::parse(html);
        let meta = PageMeta::read(&dom);
        assert_eq!(meta.doc_title.as_deref(), Some("Pact signed - Example News"));
        assert_eq!(meta.headline.as_deref(), Some("Pact signed & sealed"));
        assert_eq!(meta.outlet(), Some("Example News"));
        assert_eq!(meta.byline().as_deref(), Some("Jane Roe and John Doe"));
        assert_eq!(meta.published().map(|(d, _)| d.to_string()).as_deref(), Some("2026-03-01"));
        assert_eq!(meta.language.as_deref(), Some("eng"));
    }
}
