//! Query strings -> the store's and the analysis's query types, with a 400 that says what
//! was wrong for anything malformed.
//!
//! Parameters are read from the raw query string (repeated keys allowed where a list makes
//! sense), empty values count as absent (an HTML form sends every field), and unknown
//! parameters are refused: a typo (`?actr=RUS`) would otherwise list every event.

use crate::error::{Error, Result};
use faultline_analysis::{
    ActorLevel, AlertConfig, Bucket, Direction, DyadOptions, ModalityFilter, SeriesQuery, Unit,
};
use faultline_model::{Plover, QuadClass};
use faultline_store::{DyadFilter, EventFilter, MAX_PAGE, ModalityFlag, Order, Page, TextQuery, TextScope};
use jiff::civil::Date;

/// The longest free-text query accepted, in characters.
pub const MAX_TEXT: usize = 500;
/// The longest actor code prefix accepted.
const MAX_CODE: usize = 24;

/// A parsed query string: `(key, value)` pairs in order, empty values dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses `a=1&b=x+y`, percent-decoding (invalid UTF-8 is replaced, then refused by
    /// the checks of each parameter).
    #[must_use]
    pub fn parse(query: Option<&str>) -> Params {
        let pairs = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.trim().to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        Params { pairs }
    }

    /// Refuses parameters not in `known`.
    pub fn only(&self, known: &[&str]) -> Result<()> {
        for (key, _) in &self.pairs {
            if !known.contains(&key.as_str()) {
                return Err(Error::bad(format!("unknown parameter {key:?} (known: {})", known.join(", "))));
            }
        }
        Ok(())
    }

    /// The value of a single-valued parameter (the last one given).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Every value of a list parameter, repeated or comma-separated.
    pub fn list(&self, key: &str) -> impl Iterator<Item = &str> {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == key)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The query string without `drop`, re-encoded (for paging links).
    #[must_use]
    pub fn encode_without(&self, drop: &[&str]) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            if !drop.contains(&k.as_str()) {
                out.append_pair(k, v);
            }
        }
        out.finish()
    }

    /// The query string with `key` set to `value` (replacing any), re-encoded.
    #[must_use]
    pub fn encode_with(&self, key: &str, value: &str) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            if k != key {
                out.append_pair(k, v);
            }
        }
        out.append_pair(key, value);
        out.finish()
    }

    fn parsed<T>(&self, key: &str, what: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<Option<T>> {
        match self.get(key) {
            None => Ok(None),
            Some(raw) => {
                parse(raw).map(Some).ok_or_else(|| Error::bad(format!("{key}: expected {what}, got {raw:?}")))
            }
        }
    }

    fn date(&self, key: &str) -> Result<Option<Date>> {
        self.parsed(key, "a date YYYY-MM-DD", |raw| raw.parse::<Date>().ok())
    }

    fn number<T: std::str::FromStr + PartialOrd + Copy>(
        &self,
        key: &str,
        lo: T,
        hi: T,
        what: &str,
    ) -> Result<Option<T>> {
        self.parsed(key, what, |raw| raw.parse::<T>().ok().filter(|n| *n >= lo && *n <= hi))
    }

    /// `months` of a contingency's trends, 1 to 120.
    pub(crate) fn months(&self) -> Result<Option<u32>> {
        self.number("months", 1u32, 120, "a number of months, 1 to 120")
    }

    /// `as_of`, the day a contingency's trends end.
    pub(crate) fn as_of(&self) -> Result<Option<Date>> {
        self.date("as_of")
    }

    fn flag(&self, key: &str) -> Result<Option<bool>> {
        self.parsed(key, "true or false", |raw| match raw.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        })
    }
}

/// An actor code prefix: letters and digits, upper-cased (`rus` -> `RUS`).
pub fn actor_code(key: &str, raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > MAX_CODE || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::bad(format!(
            "{key}: expected an actor code or code prefix of letters and digits (RUS, RUSGOV), got {raw:?}"
        )));
    }
    Ok(code)
}

/// The parameters of an event listing.
pub const EVENT_PARAMS: &[&str] = &[
    "actor",
    "source",
    "target",
    "dyad",
    "cameo",
    "root",
    "plover",
    "quad",
    "modality",
    "not_modality",
    "from",
    "to",
    "text",
    "scope",
    "article",
    "limit",
    "after",
    "order",
];

/// An event filter and page from the parameters of [`EVENT_PARAMS`].
pub fn event_query(params: &Params, default_order: Order) -> Result<(EventFilter, Page)> {
    let mut filter = EventFilter::default();
    let code = |key: &str| params.get(key).map(|raw| actor_code(key, raw)).transpose();
    filter.actor = code("actor")?;
    filter.source = code("source")?;
    filter.target = code("target")?;
    if let Some(raw) = params.get("dyad") {
        filter.dyad = Some(dyad(raw)?);
    }
    if let Some(raw) = params.get("cameo") {
        if raw.is_empty() || raw.len() > 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::bad(format!(
                "cameo: expected a CAMEO code or prefix of 1 to 4 digits, got {raw:?}"
            )));
        }
        filter.cameo = Some(raw.to_string());
    }
    filter.cameo_root = params.number("root", 1u8, 20, "a CAMEO root, 1 to 20")?;
    filter.plover =
        params.parsed("plover", "a PLOVER type (AGREE, ASSAULT, ...)", |raw| raw.parse::<Plover>().ok())?;
    filter.quad_class = params.parsed("quad", "a QuadClass, 1 to 4", |raw| {
        raw.parse::<u8>().ok().and_then(|n| QuadClass::try_from(n).ok())
    })?;
    filter.modality = modality_flags(params, "modality")?;
    filter.not_modality = modality_flags(params, "not_modality")?;
    filter.from = params.date("from")?;
    filter.to = params.date("to")?;
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        return Err(Error::bad(format!("from {from} is after to {to}")));
    }
    if let Some(raw) = params.get("text") {
        if raw.chars().count() > MAX_TEXT {
            return Err(Error::bad(format!("text: at most {MAX_TEXT} characters")));
        }
        let scope = match params.get("scope") {
            None | Some("article") => TextScope::Article,
            Some("sentence") => TextScope::Sentence,
            Some(other) => {
                return Err(Error::bad(format!("scope: expected article or sentence, got {other:?}")));
            }
        };
        filter.text = Some(TextQuery { query: raw.to_string(), scope });
    } else if params.get("scope").is_some_and(|s| !matches!(s, "article" | "sentence")) {
        return Err(Error::bad("scope: expected article or sentence"));
    }
    filter.article = params.get("article").map(str::to_string);
    let limit = params
        .number("limit", 1usize, MAX_PAGE, "a page size, 1 to 1000")?
        .unwrap_or(faultline_store::DEFAULT_PAGE);
    let order = match params.get("order") {
        None => default_order,
        Some("asc") => Order::Asc,
        Some("desc") => Order::Desc,
        Some(other) => return Err(Error::bad(format!("order: expected asc or desc, got {other:?}"))),
    };
    let page = Page { limit, after: params.get("after").map(str::to_string), order };
    Ok((filter, page))
}

/// The query string of an event filter and page: what [`event_query`] reads back.
#[must_use]
pub fn encode_event_query(filter: &EventFilter, page: &Page) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    let mut put = |key: &str, value: &str| {
        out.append_pair(key, value);
    };
    let EventFilter {
        actor,
        source,
        target,
        dyad,
        cameo,
        cameo_root,
        plover,
        quad_class,
        modality,
        not_modality,
        from,
        to,
        text,
        article,
    } = filter;
    for (key, value) in [("actor", actor), ("source", source), ("target", target), ("cameo", cameo)] {
        if let Some(value) = value {
            put(key, value);
        }
    }
    if let Some(dyad) = dyad {
        put("dyad", &format!("{}{}{}", dyad.a, if dyad.directed { ">" } else { "-" }, dyad.b));
    }
    if let Some(root) = cameo_root {
        put("root", &root.to_string());
    }
    if let Some(plover) = plover {
        put("plover", plover.as_str());
    }
    if let Some(quad) = quad_class {
        put("quad", &u8::from(*quad).to_string());
    }
    for (key, flags) in [("modality", modality), ("not_modality", not_modality)] {
        if !flags.is_empty() {
            let names: Vec<&str> = flags.iter().map(|f| f.as_str()).collect();
            put(key, &names.join(","));
        }
    }
    for (key, date) in [("from", from), ("to", to)] {
        if let Some(date) = date {
            put(key, &date.to_string());
        }
    }
    if let Some(text) = text {
        put("text", &text.query);
        if text.scope == TextScope::Sentence {
            put("scope", "sentence");
        }
    }
    if let Some(article) = article {
        put("article", article);
    }
    put("limit", &page.limit.to_string());
    if let Some(after) = &page.after {
        put("after", after);
    }
    put("order", if page.order == Order::Desc { "desc" } else { "asc" });
    out.finish()
}

/// `A-B` or `A,B` (either way round) or `A>B` (A acting on B).
fn dyad(raw: &str) -> Result<DyadFilter> {
    let (a, b, directed) = if let Some((a, b)) = raw.split_once('>') {
        (a, b, true)
    } else if let Some((a, b)) = raw.split_once(['-', ',']) {
        (a, b, false)
    } else {
        return Err(Error::bad(format!("dyad: expected A-B (either way) or A>B (A on B), got {raw:?}")));
    };
    Ok(DyadFilter { a: actor_code("dyad", a)?, b: actor_code("dyad", b)?, directed })
}

fn modality_flags(params: &Params, key: &str) -> Result<Vec<ModalityFlag>> {
    params
        .list(key)
        .map(|raw| raw.parse::<ModalityFlag>().map_err(|e| Error::bad(format!("{key}: {e}"))))
        .collect()
}

/// The parameters of a dyad series.
pub const SERIES_PARAMS: &[&str] = &["unit", "bucket", "directed", "modality", "level", "from", "to"];

/// The dyad options shared by series and alerts: `unit`, `directed`, `modality`, `level`.
fn dyad_options(params: &Params) -> Result<DyadOptions> {
    let unit = match params.get("unit") {
        None | Some("cluster") => Unit::Cluster,
        Some("report") => Unit::Report,
        Some(other) => return Err(Error::bad(format!("unit: expected cluster or report, got {other:?}"))),
    };
    let direction =
        if params.flag("directed")?.unwrap_or(false) { Direction::Directed } else { Direction::Undirected };
    let modality = match params.get("modality") {
        None | Some("factual") => ModalityFilter::Factual,
        Some("all") => ModalityFilter::All,
        Some(other) => return Err(Error::bad(format!("modality: expected factual or all, got {other:?}"))),
    };
    let level = match params.get("level") {
        None | Some("country") => ActorLevel::Country,
        Some("sector") => ActorLevel::Sector,
        Some("exact") => ActorLevel::Exact,
        Some(other) => {
            return Err(Error::bad(format!("level: expected country, sector or exact, got {other:?}")));
        }
    };
    Ok(DyadOptions { level, direction, unit, modality })
}

/// A dyad series query for `a` and `b` from [`SERIES_PARAMS`].
pub fn series_query(a: &str, b: &str, params: &Params) -> Result<SeriesQuery> {
    let a = actor_code("a", a)?;
    let b = actor_code("b", b)?;
    let mut query = SeriesQuery::new(&a, &b).options(dyad_options(params)?);
    query.bucket = match params.get("bucket") {
        None | Some("week") => Bucket::Week,
        Some("day") => Bucket::Day,
        Some("month") => Bucket::Month,
        Some(other) => return Err(Error::bad(format!("bucket: expected day, week or month, got {other:?}"))),
    };
    query.from = params.date("from")?;
    query.to = params.date("to")?;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        return Err(Error::bad(format!("from {from} is after to {to}")));
    }
    Ok(query)
}

/// The parameters of an alert listing.
pub const ALERT_PARAMS: &[&str] = &[
    "unit",
    "directed",
    "modality",
    "level",
    "threshold",
    "window_days",
    "baseline_days",
    "min_days",
    "from",
    "to",
    "actor",
    "limit",
];

/// The most alerts one answer lists.
pub const MAX_ALERTS: usize = 1000;

/// Alert parameters, an actor to keep alerts of, and how many to list.
pub fn alert_query(params: &Params) -> Result<(AlertConfig, Option<String>, usize)> {
    let mut config = AlertConfig { dyads: dyad_options(params)?, ..AlertConfig::default() };
    if let Some(threshold) = params.number("threshold", 0.5f64, 50.0, "a score threshold, 0.5 to 50")? {
        config.threshold = threshold;
    }
    if let Some(days) = params.number("window_days", 1u32, 366, "a window length in days, 1 to 366")? {
        config.window_days = days;
    }
    if let Some(days) = params.number("baseline_days", 2u32, 3660, "a baseline length in days, 2 to 3660")? {
        config.baseline_days = days;
    }
    if let Some(days) = params.number("min_days", 1u32, 366, "a number of days, 1 to 366")? {
        config.min_days = days;
    }
    config.from = params.date("from")?;
    config.to = params.date("to")?;
    let actor = params.get("actor").map(|raw| actor_code("actor", raw)).transpose()?;
    let limit = params.number("limit", 1usize, MAX_ALERTS, "a number of alerts, 1 to 1000")?.unwrap_or(100);
    Ok((config, actor, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(query: &str) -> Result<(EventFilter, Page)> {
        let params = Params::parse(Some(query));
        params.only(EVENT_PARAMS)?;
        event_query(&params, Order::Asc)
    }

    #[test]
    fn event_filters_parse() {
        let (filter, page) = events(
            "actor=rus&dyad=RUS>CHN&plover=agree&modality=conditional,future&modality=reported&from=2025-01-01&to=2025-12-31&text=Taiwan&limit=10&order=desc&quad=1&root=3&cameo=03",
        )
        .unwrap();
        assert_eq!(filter.actor.as_deref(), Some("RUS"));
        assert_eq!(filter.dyad, Some(DyadFilter { a: "RUS".into(), b: "CHN".into(), directed: true }));
        assert_eq!(filter.plover, Some(Plover::Agree));
        assert_eq!(
            filter.modality,
            vec![ModalityFlag::Conditional, ModalityFlag::Future, ModalityFlag::Reported]
        );
        assert_eq!(filter.text.as_ref().map(|t| t.query.as_str()), Some("Taiwan"));
        assert_eq!((page.limit, page.order), (10, Order::Desc));
        assert_eq!(filter.cameo_root, Some(3));
        assert_eq!(filter.quad_class, Some(QuadClass::VerbalCooperation));
    }

    #[test]
    fn empty_form_fields_are_absent() {
        let (filter, page) = events("actor=&text=&limit=&plover=").unwrap();
        assert_eq!(filter, EventFilter::default());
        assert_eq!(page.limit, faultline_store::DEFAULT_PAGE);
    }

    #[test]
    fn bad_filters_say_what_is_wrong() {
        for (query, needle) in [
            ("actr=RUS", "unknown parameter \"actr\""),
            ("actor=RUS'--", "actor: expected an actor code"),
            ("dyad=RUS", "dyad: expected"),
            ("cameo=19x", "cameo"),
            ("root=21", "root"),
            ("plover=HUG", "plover"),
            ("quad=5", "quad"),
            ("modality=maybe", "unknown modality"),
            ("from=2025-13-01", "from: expected a date"),
            ("from=2025-02-01&to=2025-01-01", "is after"),
            ("limit=0", "limit"),
            ("limit=1001", "limit"),
            ("limit=ten", "limit"),
            ("order=up", "order"),
            ("text=x&scope=title", "scope"),
        ] {
            let err = events(query).unwrap_err();
            assert!(matches!(err, Error::BadRequest(_)), "{query}: {err:?}");
            assert!(err.to_string().contains(needle), "{query}: {err}");
        }
        let long = format!("text={}", "a".repeat(MAX_TEXT + 1));
        assert!(events(&long).is_err());
    }

    #[test]
    fn query_strings_round_trip() {
        for case in faultline_store::synth::query_mix() {
            let query = encode_event_query(&case.filter, &case.page);
            let (filter, page) = events(&query).unwrap();
            assert_eq!(filter, case.filter, "{}: {query}", case.name);
            assert_eq!((page.limit, page.order), (case.page.limit, case.page.order), "{}", case.name);
        }
        let filter =
            EventFilter::default().directed_dyad("RUS", "CHN").sentence_text("a \"b c\"").article("x/y#1");
        let page = Page::first(7).after("2025-01-01~9").newest_first();
        let (back, back_page) = events(&encode_event_query(&filter, &page)).unwrap();
        assert_eq!(back, filter);
        assert_eq!(back_page, page);
    }

    #[test]
    fn paging_links_keep_the_filter() {
        let params = Params::parse(Some("actor=RUS&text=a+b&after=x"));
        assert_eq!(params.encode_without(&["after"]), "actor=RUS&text=a+b");
        assert_eq!(params.encode_with("after", "2025-01-01~5"), "actor=RUS&text=a+b&after=2025-01-01%7E5");
    }

    #[test]
    fn series_and_alert_params() {
        let params = Params::parse(Some("unit=report&bucket=month&directed=true&modality=all"));
        params.only(SERIES_PARAMS).unwrap();
        let query = series_query("rus", "chn", &params).unwrap();
        assert_eq!((query.a.as_str(), query.b.as_str()), ("RUS", "CHN"));
        assert_eq!(query.options.unit, Unit::Report);
        assert_eq!(query.options.direction, Direction::Directed);
        assert_eq!(query.bucket, Bucket::Month);
        assert!(series_query("RUS", "CHN", &Params::parse(Some("bucket=year"))).is_err());
        assert!(series_query("R-S", "CHN", &Params::default()).is_err());
        let (config, actor, limit) =
            alert_query(&Params::parse(Some("threshold=4&actor=chn&limit=5"))).unwrap();
        assert_eq!((config.threshold, actor.as_deref(), limit), (4.0, Some("CHN"), 5));
        assert!(alert_query(&Params::parse(Some("window_days=0"))).is_err());
    }
}
