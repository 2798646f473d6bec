//! The dashboard: server-rendered pages over the same queries as the API.
//!
//! Every page is an `askama` template (`templates/`), HTML-escaped by default; no
//! template uses `|safe`, and no handler builds markup from data. Links are built here
//! from percent-encoded parts and escaped again by the template.

use crate::api::{self, event_href};
use crate::chart::{self, Chart};
use crate::error::Error;
use crate::highlight::{self, Piece};
use crate::params::{self, Params};
use crate::spans;
use crate::{AppState, assets, path_segment};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use faultline_analysis::{Alert, Bucket, Direction, DyadSummary, ModalityFilter, Unit};
use faultline_coding::CameoTable;
use faultline_model::{ActorRef, Event, Plover, Precision, QuadClass};
use faultline_store::{ActorSummary, EventRecord, EventStore, Order, Stats};

/// A page's answer: the rendered HTML, or an error page with the error's status.
fn render<T: Template>(page: &T, status: StatusCode) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => error_page(&Error::Internal(format!("template: {err}"))).into_response(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    nav: &'static str,
    asset_version: &'static str,
    status: u16,
    reason: String,
    message: String,
}

/// An HTML error page (internal details are logged, not shown).
pub(crate) fn error_page(err: &Error) -> (StatusCode, Html<String>) {
    err.log();
    let status = err.status();
    let page = ErrorPage {
        nav: "",
        asset_version: assets::VERSION,
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("Error").to_string(),
        message: err.public_message(),
    };
    // The error template has no fallible parts; a failure here leaves a plain message.
    let html = page.render().unwrap_or_else(|_| "error".to_string());
    (status, Html(html))
}

/// Errors of page handlers answer with an HTML page.
pub(crate) struct PageError(Error);

impl From<Error> for PageError {
    fn from(err: Error) -> PageError {
        PageError(err)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(&self.0).into_response()
    }
}

type PageResult = std::result::Result<Response, PageError>;

// ---- shared pieces ---------------------------------------------------------------

/// An option of a `<select>`.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choices<'a>(options: impl IntoIterator<Item = (&'a str, &'a str)>, current: Option<&str>) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            value: value.to_string(),
            label: label.to_string(),
            selected: current.unwrap_or("") == value,
        })
        .collect()
}

/// One side of an event, for tables and cards.
struct ActorView {
    code: String,
    /// The words in the text.
    text: String,
    /// The canonical name, when known.
    name: String,
    href: String,
}

impl ActorView {
    fn of(actor: &ActorRef) -> ActorView {
        ActorView {
            code: actor.code.to_string(),
            text: actor.text.clone(),
            name: actor.name.clone().unwrap_or_default(),
            href: actor_href(actor.code.as_str()),
        }
    }
}

fn actor_href(code: &str) -> String {
    format!("/actors/{}", path_segment(code))
}

fn dyad_href(a: &str, b: &str) -> String {
    format!("/dyads/{}/{}", path_segment(a), path_segment(b))
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars).collect();
    out.push('…');
    out
}

fn cameo_label(code: &str) -> String {
    CameoTable::builtin().lookup(code).map(|entry| entry.label.clone()).unwrap_or_default()
}

fn quad_label(quad: QuadClass) -> &'static str {
    match quad {
        QuadClass::VerbalCooperation => "verbal cooperation",
        QuadClass::MaterialCooperation => "material cooperation",
        QuadClass::VerbalConflict => "verbal conflict",
        QuadClass::MaterialConflict => "material conflict",
    }
}

fn quad_class_name(quad: QuadClass) -> &'static str {
    if quad.is_conflict() { "conflict" } else { "cooperation" }
}

fn precision_word(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

/// A date as precise as it is known: `2025-12-28`, `week of 2025-12-22`, `2025-11`, `2025`.
fn date_text(date: jiff::civil::Date, precision: Precision) -> String {
    match precision {
        Precision::Day => date.to_string(),
        Precision::Week => format!("week of {date}"),
        Precision::Month => format!("{:04}-{:02}", date.year(), date.month()),
        Precision::Year => format!("{:04}", date.year()),
    }
}

/// An http(s) URL that may be a link; anything else (`javascript:`, `data:`) is shown
/// as text only.
fn safe_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.trim().to_string())
}

/// An event as a row of an event table.
struct EventRow {
    href: String,
    json_href: String,
    date: String,
    source: ActorView,
    target: Option<ActorView>,
    cameo: String,
    cameo_label: String,
    plover: String,
    side: &'static str,
    badges: Vec<&'static str>,
    sentence: String,
    article_title: String,
    article_href: String,
    outlet: String,
}

impl EventRow {
    fn of(record: &EventRecord) -> EventRow {
        let e = &record.event;
        EventRow {
            href: event_href(&e.article_id, &e.id),
            json_href: format!("/api/events/{}", path_segment(&e.id)),
            date: date_text(e.date.date, e.date.precision),
            source: ActorView::of(&e.source),
            target: e.target.as_ref().map(ActorView::of),
            cameo: e.cameo.to_string(),
            cameo_label: cameo_label(e.cameo.as_str()),
            plover: e.plover.map(|p| p.to_string()).unwrap_or_default(),
            side: quad_class_name(e.quad_class),
            badges: spans::modality_words(e).into_iter().filter(|w| *w != "factual").collect(),
            sentence: truncate(&e.evidence.sentence_text, 240),
            article_title: record.article.title.clone().unwrap_or_else(|| record.article.id.clone()),
            article_href: format!("/articles/{}", path_segment(&record.article.id)),
            outlet: record.article.outlet.clone().unwrap_or_default(),
        }
    }
}

// ---- the event feed ---------------------------------------------------------------

#[derive(Template)]
#[template(path = "feed.html")]
struct FeedPage {
    nav: &'static str,
    asset_version: &'static str,
    stats: Stats,
    form: FeedForm,
    plovers: Vec<Choice>,
    quads: Vec<Choice>,
    modalities: Vec<Choice>,
    scopes: Vec<Choice>,
    orders: Vec<Choice>,
    limits: Vec<Choice>,
    error: Option<String>,
    rows: Vec<EventRow>,
    filtered: bool,
    next_href: Option<String>,
    first_href: Option<String>,
    api_href: String,
}

/// The filter form's values, as given.
#[derive(Default)]
struct FeedForm {
    actor: String,
    source: String,
    target: String,
    dyad: String,
    cameo: String,
    from: String,
    to: String,
    text: String,
}

pub(crate) async fn feed(State(state): State<AppState>, RawQuery(query): RawQuery) -> PageResult {
    let params = Params::parse(query.as_deref());
    let stats = state.readers().run(|store| Ok(store.stats()?)).await?;
    let get = |key: &str| params.get(key).unwrap_or("").to_string();
    let form = FeedForm {
        actor: get("actor"),
        source: get("source"),
        target: get("target"),
        dyad: get("dyad"),
        cameo: get("cameo"),
        from: get("from"),
        to: get("to"),
        text: get("text"),
    };
    let plover_names: Vec<(&str, &str)> = Plover::ALL.iter().map(|p| (p.as_str(), p.as_str())).collect();
    let mut page = FeedPage {
        nav: "events",
        asset_version: assets::VERSION,
        stats,
        form,
        plovers: choices([("", "any")].into_iter().chain(plover_names), params.get("plover")),
        quads: choices(
            [
                ("", "any"),
                ("1", "1 verbal cooperation"),
                ("2", "2 material cooperation"),
                ("3", "3 verbal conflict"),
                ("4", "4 material conflict"),
            ],
            params.get("quad"),
        ),
        modalities: choices(
            [
                ("", "any"),
                ("factual", "factual"),
                ("conditional", "conditional"),
                ("future", "future"),
                ("hypothetical", "hypothetical"),
                ("negated", "negated"),
                ("habitual", "habitual"),
                ("reported", "reported"),
                ("asserted", "asserted"),
            ],
            params.get("modality"),
        ),
        scopes: choices([("article", "article"), ("sentence", "evidence sentence")], params.get("scope")),
        orders: choices([("desc", "newest first"), ("asc", "oldest first")], params.get("order")),
        limits: choices(
            [("25", "25"), ("50", "50"), ("100", "100"), ("200", "200")],
            params.get("limit").or(Some("50")),
        ),
        error: None,
        rows: Vec::new(),
        filtered: !params.encode_without(&["after", "order", "limit"]).is_empty(),
        next_href: None,
        first_href: params.get("after").map(|_| format!("/?{}", params.encode_without(&["after"]))),
        api_href: format!("/api/events?{}", params.encode_without(&[])),
    };
    let parsed = params.only(params::EVENT_PARAMS).and_then(|()| params::event_query(&params, Order::Desc));
    let (filter, page_spec) = match parsed {
        Ok(parsed) => parsed,
        Err(err) => {
            page.error = Some(err.public_message());
            return Ok(render(&page, err.status()));
        }
    };
    let found = match state.readers().run(move |store| Ok(store.events(&filter, &page_spec)?)).await {
        Ok(found) => found,
        Err(err) if err.status().is_client_error() => {
            page.error = Some(err.public_message());
            return Ok(render(&page, err.status()));
        }
        Err(err) => return Err(err.into()),
    };
    page.rows = found.events.iter().map(EventRow::of).collect();
    page.next_href = found.next.map(|next| format!("/?{}", params.encode_with("after", &next)));
    Ok(render(&page, StatusCode::OK))
}

/// `/events/{id}`: the event's article, at its evidence card.
pub(crate) async fn event(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let lookup = id.clone();
    let record = state.readers().run(move |store| Ok(store.event(&lookup)?)).await?;
    match record {
        Some(record) => {
            Ok(Redirect::to(&event_href(&record.event.article_id, &record.event.id)).into_response())
        }
        None => Err(Error::not_found(format!("No event {id:?} in the store.")).into()),
    }
}

// ---- the article view ------------------------------------------------------------

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage<'a> {
    nav: &'static str,
    asset_version: &'static str,
    id: String,
    title: String,
    meta: Vec<(&'static str, String)>,
    url: Option<String>,
    url_text: String,
    pieces: Vec<Piece<'a>>,
    cards: Vec<Card>,
    quotes: Vec<QuoteView>,
    actors: Vec<ActorCount>,
    api_href: String,
    feed_href: String,
}

/// The evidence of one event.
struct Card {
    n: usize,
    anchor: String,
    id: String,
    cameo: String,
    cameo_label: String,
    plover: String,
    plover_mode: String,
    plover_context: String,
    quad: &'static str,
    side: &'static str,
    goldstein: String,
    source: ActorView,
    target: Option<ActorView>,
    flags: Vec<&'static str>,
    condition: Option<String>,
    date: String,
    date_precision: &'static str,
    date_words: Option<String>,
    quote: Option<String>,
    speaker: Option<String>,
    location: Option<String>,
    sentence: String,
    trigger: String,
    rule: String,
    dictionary_version: String,
    dyad_href: Option<String>,
    json_href: String,
}

impl Card {
    fn of(n: usize, e: &Event, text: &str) -> Card {
        let speaker = e.speaker.as_ref().or(e.quote.as_ref().and_then(|q| q.speaker.as_ref())).map(|s| {
            let name = s.name.as_deref().unwrap_or(s.text.as_str());
            format!("{name} ({})", s.code)
        });
        Card {
            n,
            anchor: spans::anchor(&e.id),
            id: e.id.clone(),
            cameo: e.cameo.to_string(),
            cameo_label: cameo_label(e.cameo.as_str()),
            plover: e.plover.map(|p| p.to_string()).unwrap_or_default(),
            plover_mode: e.plover_mode.clone(),
            plover_context: e.plover_context.join(", "),
            quad: quad_label(e.quad_class),
            side: quad_class_name(e.quad_class),
            goldstein: format!("{:+.1}", e.goldstein),
            source: ActorView::of(&e.source),
            target: e.target.as_ref().map(ActorView::of),
            flags: spans::modality_words(e),
            condition: e.modality.condition.as_ref().map(|c| c.text.clone()),
            date: date_text(e.date.date, e.date.precision),
            date_precision: precision_word(e.date.precision),
            date_words: e.date.span.and_then(|s| s.get(text)).map(str::to_string),
            quote: e.quote.as_ref().map(|q| q.text.clone()),
            speaker,
            location: e.location.clone(),
            sentence: e.evidence.sentence_text.clone(),
            trigger: e.evidence.trigger.get(text).unwrap_or("").to_string(),
            rule: e.evidence.rule.clone(),
            dictionary_version: e.evidence.dictionary_version.clone(),
            dyad_href: e.target.as_ref().map(|t| dyad_href(e.source.code.root(), t.code.root())),
            json_href: format!("/api/events/{}", path_segment(&e.id)),
        }
    }
}

struct QuoteView {
    text: String,
    kind: &'static str,
    speaker: String,
    speaker_href: Option<String>,
}

struct ActorCount {
    code: String,
    href: String,
    names: String,
    n: usize,
}

pub(crate) async fn article(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let stored = api::load_article(&state, id).await?;
    let text = stored.article.text.as_str();
    let layers = spans::layers(&stored);
    let a = &stored.article;
    let mut meta: Vec<(&'static str, String)> = Vec::new();
    if let Some(outlet) = &a.outlet {
        meta.push(("outlet", outlet.value.clone()));
    } else if let Some(site) = &a.site {
        meta.push(("site", site.clone()));
    }
    if let Some(published) = &a.published {
        meta.push(("published", published.date.to_string()));
    }
    for (label, field) in [("byline", &a.byline), ("dateline", &a.dateline), ("agency", &a.agency)] {
        if let Some(field) = field {
            meta.push((label, field.value.clone()));
        }
    }
    if let Some(language) = &a.language {
        meta.push(("language", language.clone()));
    }
    meta.push(("added", stored.added.clone()));
    let mut by_code: std::collections::BTreeMap<String, (usize, Vec<String>)> =
        std::collections::BTreeMap::new();
    for m in &stored.mentions {
        let entry = by_code.entry(m.code.to_string()).or_default();
        entry.0 += 1;
        let name = m.name.clone().unwrap_or_else(|| m.text.clone());
        if !entry.1.contains(&name) && entry.1.len() < 4 {
            entry.1.push(name);
        }
    }
    let mut actors: Vec<ActorCount> = by_code
        .into_iter()
        .map(|(code, (n, names))| ActorCount { href: actor_href(&code), code, names: names.join(", "), n })
        .collect();
    actors.sort_by(|x, y| y.n.cmp(&x.n).then_with(|| x.code.cmp(&y.code)));
    let quotes = stored
        .quotes
        .iter()
        .map(|q| QuoteView {
            text: q.text.clone(),
            kind: match q.kind {
                faultline_model::QuoteKind::Direct => "direct",
                faultline_model::QuoteKind::Partial => "partial",
                faultline_model::QuoteKind::Indirect => "indirect",
            },
            speaker: q.speaker.as_ref().map_or_else(
                || "unknown speaker".to_string(),
                |s| format!("{} ({})", s.name.as_deref().unwrap_or(s.text.as_str()), s.code),
            ),
            speaker_href: q.speaker.as_ref().map(|s| actor_href(s.code.as_str())),
        })
        .collect();
    let page = ArticlePage {
        nav: "events",
        asset_version: assets::VERSION,
        id: a.id.clone(),
        title: a.title.as_ref().map_or_else(|| a.id.clone(), |t| t.value.clone()),
        meta,
        url: a.url.as_deref().and_then(safe_link),
        url_text: a.url.clone().unwrap_or_default(),
        pieces: highlight::pieces(text, &layers),
        cards: stored.events.iter().enumerate().map(|(i, e)| Card::of(i + 1, e, text)).collect(),
        quotes,
        actors,
        api_href: format!("/api/articles/{}", path_segment(&a.id)),
        feed_href: {
            let mut query = form_urlencoded::Serializer::new(String::new());
            query.append_pair("article", &a.id);
            format!("/?{}", query.finish())
        },
    };
    Ok(render(&page, StatusCode::OK))
}

// ---- actors ---------------------------------------------------------------------

#[derive(Template)]
#[template(path = "actors.html")]
struct ActorsPage {
    nav: &'static str,
    asset_version: &'static str,
    q: String,
    rows: Vec<ActorRow>,
    total: usize,
}

struct ActorRow {
    code: String,
    href: String,
    names: String,
    n_source: u64,
    n_target: u64,
    n_mentions: u64,
    first: String,
    last: String,
}

impl ActorRow {
    fn of(actor: &ActorSummary) -> ActorRow {
        let names: Vec<&str> = actor.names.iter().take(3).map(|n| n.name.as_str()).collect();
        ActorRow {
            code: actor.code.clone(),
            href: actor_href(&actor.code),
            names: names.join(", "),
            n_source: actor.n_source,
            n_target: actor.n_target,
            n_mentions: actor.n_mentions,
            first: actor.first_date.map(|d| d.to_string()).unwrap_or_default(),
            last: actor.last_date.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

pub(crate) async fn actors(State(state): State<AppState>, RawQuery(query): RawQuery) -> PageResult {
    let params = Params::parse(query.as_deref());
    params.only(api::ACTORS_PARAMS)?;
    let (actors, total) = api::list_actors(&state, &params).await?;
    let page = ActorsPage {
        nav: "actors",
        asset_version: assets::VERSION,
        q: params.get("q").unwrap_or("").to_string(),
        rows: actors.iter().map(ActorRow::of).collect(),
        total,
    };
    Ok(render(&page, StatusCode::OK))
}

#[derive(Template)]
#[template(path = "actor.html")]
struct ActorPage {
    nav: &'static str,
    asset_version: &'static str,
    code: String,
    summary: Option<ActorRow>,
    names: Vec<(String, u64)>,
    codes: Vec<ActorRow>,
    partners: Vec<PartnerRow>,
    recent: Vec<EventRow>,
    feed_href: String,
    api_href: String,
}

struct PartnerRow {
    partner: String,
    partner_href: String,
    dyad_href: String,
    count: u32,
    reports: u32,
    conflict_pct: String,
    first: String,
    last: String,
}

fn partner_row(code: &str, d: &DyadSummary) -> PartnerRow {
    let key =
        if d.dyad.a == code || d.dyad.a == code.get(..3).unwrap_or(code) { &d.dyad.a } else { &d.dyad.b };
    let partner = if key == &d.dyad.a { &d.dyad.b } else { &d.dyad.a };
    PartnerRow {
        partner: partner.clone(),
        partner_href: actor_href(partner),
        dyad_href: dyad_href(key, partner),
        count: d.count,
        reports: d.reports,
        conflict_pct: if d.count > 0 {
            format!("{:.0}%", 100.0 * f64::from(d.conflict) / f64::from(d.count))
        } else {
            String::new()
        },
        first: d.first.map(|d| d.to_string()).unwrap_or_default(),
        last: d.last.map(|d| d.to_string()).unwrap_or_default(),
    }
}

pub(crate) async fn actor(State(state): State<AppState>, Path(code): Path<String>) -> PageResult {
    let body = api::actor_body(&state, &code, 25).await?;
    let names = body
        .summary
        .as_ref()
        .map(|s| s.names.iter().map(|n| (n.name.clone(), n.n)).collect())
        .unwrap_or_default();
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("actor", &body.code);
    let page = ActorPage {
        nav: "actors",
        asset_version: assets::VERSION,
        summary: body.summary.as_ref().map(ActorRow::of),
        names,
        codes: body.codes.iter().map(ActorRow::of).collect(),
        partners: body.partners.iter().map(|d| partner_row(&body.code, d)).collect(),
        recent: body.recent.iter().map(EventRow::of).collect(),
        feed_href: format!("/?{}", query.finish()),
        api_href: format!("/api/actors/{}", path_segment(&body.code)),
        code: body.code,
    };
    Ok(render(&page, StatusCode::OK))
}

// ---- dyads ----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "dyads.html")]
struct DyadsPage {
    nav: &'static str,
    asset_version: &'static str,
    rows: Vec<DyadRow>,
    n_dyads: usize,
}

struct DyadRow {
    a: String,
    b: String,
    href: String,
    count: u32,
    reports: u32,
    conflict_pct: String,
    last: String,
}

/// `/dyads`: the most active dyads, and a form; `?a=&b=` goes to that dyad.
pub(crate) async fn dyad_form(State(state): State<AppState>, RawQuery(query): RawQuery) -> PageResult {
    let params = Params::parse(query.as_deref());
    params.only(&["a", "b"])?;
    if let (Some(a), Some(b)) = (params.get("a"), params.get("b")) {
        let a = params::actor_code("a", a)?;
        let b = params::actor_code("b", b)?;
        return Ok(Redirect::to(&dyad_href(&a, &b)).into_response());
    }
    let snapshot = state.analysis().get(state.readers()).await?;
    let dyads = snapshot.dyads();
    let rows = dyads
        .iter()
        .take(50)
        .map(|d| DyadRow {
            a: d.dyad.a.clone(),
            b: d.dyad.b.clone(),
            href: dyad_href(&d.dyad.a, &d.dyad.b),
            count: d.count,
            reports: d.reports,
            conflict_pct: format!("{:.0}%", 100.0 * f64::from(d.conflict) / f64::from(d.count.max(1))),
            last: d.last.map(|d| d.to_string()).unwrap_or_default(),
        })
        .collect();
    let page = DyadsPage { nav: "dyads", asset_version: assets::VERSION, rows, n_dyads: dyads.len() };
    Ok(render(&page, StatusCode::OK))
}

#[derive(Template)]
#[template(path = "dyad.html")]
struct DyadPage {
    nav: &'static str,
    asset_version: &'static str,
    a: String,
    b: String,
    arrow: &'static str,
    chart: Chart,
    units: &'static str,
    bucket_word: &'static str,
    total: u32,
    imprecise: u32,
    units_choices: Vec<Choice>,
    buckets: Vec<Choice>,
    modalities: Vec<Choice>,
    directed: bool,
    table: Vec<BucketRow>,
    alerts: Vec<AlertRow>,
    recent: Vec<EventRow>,
    feed_href: String,
    api_href: String,
    swap_href: String,
}

struct BucketRow {
    start: String,
    count: u32,
    reports: u32,
    cooperation: u32,
    conflict: u32,
    goldstein: String,
    index: String,
}

pub(crate) async fn dyad(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> PageResult {
    let params = Params::parse(query.as_deref());
    params.only(params::SERIES_PARAMS)?;
    let body = api::dyad_body(&state, &a, &b, &params).await?;
    let series = &body.series;
    let (a, b) = (params::actor_code("a", &a)?, params::actor_code("b", &b)?);
    let directed = series.options.direction == Direction::Directed;
    let recent = {
        let filter = if directed {
            faultline_store::EventFilter::default().directed_dyad(a.clone(), b.clone())
        } else {
            faultline_store::EventFilter::default().dyad(a.clone(), b.clone())
        };
        state
            .readers()
            .run(move |store| Ok(store.events(&filter, &faultline_store::Page::first(20).newest_first())?))
            .await?
            .events
    };
    let table = series
        .buckets
        .iter()
        .rev()
        .filter(|bucket| bucket.count > 0)
        .take(60)
        .map(|bucket| BucketRow {
            start: bucket.start.to_string(),
            count: bucket.count,
            reports: bucket.reports,
            cooperation: bucket.quad.cooperation(),
            conflict: bucket.quad.conflict(),
            goldstein: format!("{:+.1}", bucket.goldstein_sum),
            index: bucket.index.map(|i| format!("{i:+.2}")).unwrap_or_default(),
        })
        .collect();
    let mut feed_query = form_urlencoded::Serializer::new(String::new());
    feed_query.append_pair("dyad", &format!("{a}{}{b}", if directed { ">" } else { "-" }));
    let query_string = params.encode_without(&[]);
    let suffix = if query_string.is_empty() { String::new() } else { format!("?{query_string}") };
    let page = DyadPage {
        nav: "dyads",
        asset_version: assets::VERSION,
        arrow: if directed { "→" } else { "–" },
        chart: chart::chart(series),
        units: match series.options.unit {
            Unit::Cluster => "events (clusters of reports)",
            Unit::Report => "reports",
        },
        bucket_word: match series.bucket {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
        },
        total: series.total,
        imprecise: series.imprecise,
        units_choices: choices(
            [("cluster", "events (clusters)"), ("report", "reports")],
            params.get("unit").or(Some("cluster")),
        ),
        buckets: choices(
            [("day", "day"), ("week", "week"), ("month", "month")],
            params.get("bucket").or(Some("week")),
        ),
        modalities: choices(
            [("factual", "factual only"), ("all", "all modalities")],
            Some(if series.options.modality == ModalityFilter::All { "all" } else { "factual" }),
        ),
        directed,
        table,
        alerts: body.alerts.iter().rev().take(20).map(AlertRow::of).collect(),
        recent: recent.iter().map(EventRow::of).collect(),
        feed_href: format!("/?{}", feed_query.finish()),
        api_href: format!("/api/dyads/{}/{}{suffix}", path_segment(&a), path_segment(&b)),
        swap_href: format!("{}{suffix}", dyad_href(&b, &a)),
        a,
        b,
    };
    Ok(render(&page, StatusCode::OK))
}

// ---- alerts ---------------------------------------------------------------------

struct AlertRow {
    dyad: String,
    dyad_href: String,
    window: String,
    raised: String,
    until: String,
    score: String,
    peak: String,
    value: String,
    expected: String,
    window_events: u32,
    n_drivers: u32,
    drivers: Vec<DriverView>,
}

struct DriverView {
    href: String,
    date: String,
    cameo: String,
    label: String,
    plover: String,
    n_reports: u32,
}

impl AlertRow {
    fn of(alert: &Alert) -> AlertRow {
        let d = &alert.dyad;
        AlertRow {
            dyad: format!("{}{}{}", d.a, if d.directed { " → " } else { " – " }, d.b),
            dyad_href: {
                let href = dyad_href(&d.a, &d.b);
                if d.directed { format!("{href}?directed=true") } else { href }
            },
            window: format!("{} – {}", alert.window.start, alert.window.end),
            raised: alert.raised.to_string(),
            until: alert.until.to_string(),
            score: format!("{:.1}", alert.score),
            peak: format!("{:.1} on {}", alert.peak_score, alert.peak_date),
            value: format!("{:.1}", alert.value),
            expected: format!("{:.1}", alert.expected),
            window_events: alert.window_events,
            n_drivers: alert.n_drivers,
            drivers: alert
                .drivers
                .iter()
                .take(5)
                .map(|driver| DriverView {
                    href: format!("/events/{}", path_segment(&driver.event_id)),
                    date: driver.date.to_string(),
                    cameo: driver.cameo.to_string(),
                    label: cameo_label(driver.cameo.as_str()),
                    plover: driver.plover.map(|p| p.to_string()).unwrap_or_default(),
                    n_reports: driver.n_reports,
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "alerts.html")]
struct AlertsPage {
    nav: &'static str,
    asset_version: &'static str,
    actor: String,
    threshold: String,
    window_days: String,
    baseline_days: String,
    units_choices: Vec<Choice>,
    rows: Vec<AlertRow>,
    total: usize,
    error: Option<String>,
    api_href: String,
}

pub(crate) async fn alerts(State(state): State<AppState>, RawQuery(query): RawQuery) -> PageResult {
    let params = Params::parse(query.as_deref());
    let mut page = AlertsPage {
        nav: "alerts",
        asset_version: assets::VERSION,
        actor: params.get("actor").unwrap_or("").to_string(),
        threshold: params.get("threshold").unwrap_or("").to_string(),
        window_days: params.get("window_days").unwrap_or("").to_string(),
        baseline_days: params.get("baseline_days").unwrap_or("").to_string(),
        units_choices: choices(
            [("cluster", "events (clusters)"), ("report", "reports")],
            params.get("unit").or(Some("cluster")),
        ),
        rows: Vec::new(),
        total: 0,
        error: None,
        api_href: format!("/api/alerts?{}", params.encode_without(&[])),
    };
    let body = match params.only(params::ALERT_PARAMS) {
        Ok(()) => api::alerts_body(&state, &params).await,
        Err(err) => Err(err),
    };
    match body {
        Ok(body) => {
            page.rows = body.alerts.iter().map(AlertRow::of).collect();
            page.total = body.total;
            page.threshold = format!("{}", body.config.threshold);
            page.window_days = body.config.window_days.to_string();
            page.baseline_days = body.config.baseline_days.to_string();
            Ok(render(&page, StatusCode::OK))
        }
        Err(err) if err.status().is_client_error() => {
            page.error = Some(err.public_message());
            Ok(render(&page, err.status()))
        }
        Err(err) => Err(err.into()),
    }
}

// ---- commitments ----------------------------------------------------------------

/// A report behind a commitment: its event (linked to its evidence in the article) and
/// its sentence.
struct CommitmentReportView {
    date: String,
    effect: &'static str,
    stance: &'static str,
    cameo: String,
    event_id: String,
    event_href: String,
    article_id: String,
    article_href: String,
    speaker: String,
    sentence: String,
}

/// A row of the commitments table.
struct CommitmentRow {
    id: String,
    holder: String,
    holder_href: String,
    beneficiary: Option<(String, String)>,
    adversary: Option<(String, String)>,
    /// `holder-beneficiary` and `holder-adversary` dyad pages.
    dyads: Vec<(String, String)>,
    class: &'static str,
    cameo: String,
    label: String,
    terms: String,
    trigger: String,
    condition: String,
    basis: String,
    status: &'static str,
    stance: &'static str,
    first_seen: String,
    last_seen: String,
    /// Why it matched a contingency query (empty on the register's page).
    why: &'static str,
    reports: Vec<CommitmentReportView>,
}

impl CommitmentRow {
    fn of(c: &faultline_model::Commitment, why: &'static str) -> CommitmentRow {
        let party = |code: &faultline_model::ActorCode| (code.to_string(), actor_href(code.as_str()));
        let holder = c.holder.to_string();
        let dyads = c
            .beneficiary
            .iter()
            .chain(c.adversary.iter())
            .map(|other| (format!("{holder} – {other}"), dyad_href(&holder, other.as_str())))
            .collect();
        let basis = c.basis.as_ref().map_or_else(String::new, |basis| {
            let cited = basis.cited_by.as_ref().map_or_else(String::new, |a| {
                format!(", cited by {} ({})", a.name.as_deref().unwrap_or(&a.text), a.code)
            });
            format!("{basis}{cited}")
        });
        CommitmentRow {
            id: c.id.clone(),
            holder_href: actor_href(&holder),
            holder,
            beneficiary: c.beneficiary.as_ref().map(party),
            adversary: c.adversary.as_ref().map(party),
            dyads,
            class: c.class.as_str(),
            cameo: c.cameo.to_string(),
            label: if c.label.is_empty() { cameo_label(c.cameo.as_str()) } else { c.label.clone() },
            terms: c.terms.clone().unwrap_or_default(),
            trigger: c.trigger.as_ref().map(ToString::to_string).unwrap_or_default(),
            condition: c.condition.clone().unwrap_or_default(),
            basis,
            status: c.status.as_str(),
            stance: c.stance.as_str(),
            first_seen: c.first_seen_text(),
            last_seen: c.last_seen_text(),
            why,
            reports: c
                .reports
                .iter()
                .map(|r| CommitmentReportView {
                    date: date_text(r.date, r.precision),
                    effect: r.effect.as_str(),
                    stance: r.stance.as_str(),
                    cameo: r.cameo.to_string(),
                    event_id: r.event_id.clone(),
                    event_href: event_href(&r.article_id, &r.event_id),
                    article_id: r.article_id.clone(),
                    article_href: format!("/articles/{}", path_segment(&r.article_id)),
                    speaker: r.speaker.as_ref().map_or_else(String::new, |s| {
                        format!("{} ({})", s.name.as_deref().unwrap_or(&s.text), s.code)
                    }),
                    sentence: r.sentence.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "commitments.html")]
struct CommitmentsPage {
    nav: &'static str,
    asset_version: &'static str,
    holder: String,
    beneficiary: String,
    adversary: String,
    actor: String,
    status_choices: Vec<Choice>,
    rows: Vec<CommitmentRow>,
    error: Option<String>,
    api_href: String,
}

pub(crate) async fn commitments(State(state): State<AppState>, RawQuery(query): RawQuery) -> PageResult {
    let params = Params::parse(query.as_deref());
    let value = |key: &str| params.get(key).unwrap_or("").to_string();
    let mut page = CommitmentsPage {
        nav: "commitments",
        asset_version: assets::VERSION,
        holder: value("holder"),
        beneficiary: value("beneficiary"),
        adversary: value("adversary"),
        actor: value("actor"),
        status_choices: choices(
            [
                ("", "any"),
                ("stated", "stated"),
                ("reaffirmed", "reaffirmed"),
                ("weakened", "weakened"),
                ("withdrawn", "withdrawn"),
            ],
            params.get("status"),
        ),
        rows: Vec::new(),
        error: None,
        api_href: format!("/api/commitments?{}", params.encode_without(&[])),
    };
    let body = match params.only(api::COMMITMENT_PARAMS) {
        Ok(()) => api::commitments_body(&state, &params).await,
        Err(err) => Err(err),
    };
    match body {
        Ok(body) => {
            page.rows = body.commitments.iter().map(|c| CommitmentRow::of(c, "")).collect();
            Ok(render(&page, StatusCode::OK))
        }
        Err(err) if err.status().is_client_error() => {
            page.error = Some(err.public_message());
            Ok(render(&page, err.status()))
        }
        Err(err) => Err(err.into()),
    }
}

// ---- contingency ----------------------------------------------------------------

/// A dyad involved in a contingency, with its trend.
struct TrendRow {
    dyad: String,
    href: String,
    roles: String,
    events: u32,
    conflict: u32,
    cooperation: u32,
    earlier: String,
    recent: String,
    trend: &'static str,
    months: Vec<(String, u32)>,
    alerts: Vec<AlertRow>,
}

#[derive(Template)]
#[template(path = "contingency.html")]
struct ContingencyPage {
    nav: &'static str,
    asset_version: &'static str,
    source: String,
    act: String,
    target: String,
    action_words: Vec<&'static str>,
    /// Whether a question was asked (and answered).
    asked: bool,
    question: String,
    rows: Vec<CommitmentRow>,
    trends: Vec<TrendRow>,
    as_of: String,
    error: Option<String>,
    api_href: String,
}

pub(crate) async fn contingency(State(state): State<AppState>, RawQuery(query): RawQuery) -> PageResult {
    let params = Params::parse(query.as_deref());
    let value = |key: &str| params.get(key).unwrap_or("").to_string();
    let mut page = ContingencyPage {
        nav: "contingency",
        asset_version: assets::VERSION,
        source: value("source"),
        act: value("act"),
        target: value("target"),
        action_words: faultline_analysis::contingency::ACTION_WORDS.iter().map(|(word, _)| *word).collect(),
        asked: false,
        question: String::new(),
        rows: Vec::new(),
        trends: Vec::new(),
        as_of: String::new(),
        error: None,
        api_href: format!("/api/contingency?{}", params.encode_without(&[])),
    };
    if params.encode_without(&[]).is_empty() {
        // The form alone, nothing asked yet.
        return Ok(render(&page, StatusCode::OK));
    }
    let answer = match params.only(api::CONTINGENCY_PARAMS) {
        Ok(()) => api::contingency_body(&state, &params).await,
        Err(err) => Err(err),
    };
    match answer {
        Ok(report) => {
            let q = &report.query;
            let any =
                |code: Option<&faultline_model::ActorCode>| code.map_or("any", |c| c.as_str()).to_string();
            page.asked = true;
            page.question = format!("{} {} {}", any(q.source.as_ref()), q.word, any(q.target.as_ref()));
            page.rows = report
                .commitments
                .iter()
                .map(|m| {
                    let why = match m.reason {
                        faultline_analysis::MatchReason::Trigger => "its trigger matches",
                        faultline_analysis::MatchReason::Defence => "a defence commitment to the target",
                    };
                    CommitmentRow::of(&m.commitment, why)
                })
                .collect();
            let index = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |v| format!("{v:+.2}"));
            page.trends = report
                .dyads
                .iter()
                .map(|d| TrendRow {
                    dyad: format!("{} – {}", d.a, d.b),
                    href: dyad_href(&d.a, &d.b),
                    roles: d.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "),
                    events: d.events,
                    conflict: d.conflict,
                    cooperation: d.cooperation,
                    earlier: index(d.earlier_index),
                    recent: index(d.recent_index),
                    trend: d.trend.as_str(),
                    months: d
                        .buckets
                        .iter()
                        .map(|b| (b.start.strftime("%Y-%m").to_string(), b.count))
                        .collect(),
                    alerts: d.alerts.iter().map(AlertRow::of).collect(),
                })
                .collect();
            page.as_of = report.as_of.map(|d| d.to_string()).unwrap_or_default();
            Ok(render(&page, StatusCode::OK))
        }
        Err(err) if err.status().is_client_error() => {
            page.error = Some(err.public_message());
            Ok(render(&page, err.status()))
        }
        Err(err) => Err(err.into()),
    }
}
