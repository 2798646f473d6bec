//! The JSON API under `/api/`, and `/metrics`. Routes and shapes are documented in the
//! crate's README.

use crate::analysis::Snapshot;
use crate::error::{Error, Result};
use crate::metrics::Gauge;
use crate::params::{self, Params};
use crate::spans::{self, SpanRef};
use crate::{AppState, path_segment};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use faultline_analysis::{
    Alert, AlertConfig, CommitmentFilter, ContingencyConfig, ContingencyQuery, ContingencyReport, DyadSeries,
    DyadSummary, contingency,
};
use faultline_model::{Commitment, CommitmentStatus};
use faultline_store::{ActorSummary, EventFilter, EventRecord, EventStore, Order, Page, StoredArticle};
use serde::Serialize;

/// `GET /api/events`: a page of events and the cursor of the next.
#[derive(Debug, Serialize)]
pub struct EventsBody {
    pub events: Vec<EventRecord>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The next page's URL (the same filters, `after` set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
}

pub async fn events(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<EventsBody>> {
    let params = Params::parse(query.as_deref());
    params.only(params::EVENT_PARAMS)?;
    let (filter, page) = params::event_query(&params, Order::Asc)?;
    let found = state.readers().run(move |store| Ok(store.events(&filter, &page)?)).await?;
    let next_url =
        found.next.as_ref().map(|next| format!("/api/events?{}", params.encode_with("after", next)));
    Ok(Json(EventsBody { events: found.events, next: found.next, next_url }))
}

/// `GET /api/events/{id}`.
#[derive(Debug, Serialize)]
pub struct EventBody {
    #[serde(flatten)]
    pub record: EventRecord,
    /// The event cluster (one real-world event, many reports) this report belongs to,
    /// when the analysis snapshot is built.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<faultline_analysis::Cluster>,
    /// The dashboard's view of the event: its article, at its evidence.
    pub html_url: String,
}

pub async fn event(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<EventBody>> {
    let lookup = id.clone();
    let record = state
        .readers()
        .run(move |store| Ok(store.event(&lookup)?))
        .await?
        .ok_or_else(|| Error::not_found(format!("no event {id:?}")))?;
    let cluster = state.analysis().peek().and_then(|snapshot| {
        let cluster = snapshot.set.cluster_of(&record.event.id)?;
        snapshot.set.cluster(cluster)
    });
    let html_url = event_href(&record.event.article_id, &record.event.id);
    Ok(Json(EventBody { record, cluster, html_url }))
}

/// The dashboard link of an event: its article, scrolled to its evidence card.
#[must_use]
pub fn event_href(article_id: &str, event_id: &str) -> String {
    format!("/articles/{}#{}", path_segment(article_id), spans::anchor(event_id))
}

/// `GET /api/articles/{id}`: the article, everything coded from it, and the flat list of
/// spans the dashboard marks on the text.
#[derive(Debug, Serialize)]
pub struct ArticleBody {
    #[serde(flatten)]
    pub stored: StoredArticle,
    pub spans: Vec<SpanRef>,
}

pub async fn article(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<ArticleBody>> {
    let stored = load_article(&state, id).await?;
    let spans = spans::span_refs(&stored);
    Ok(Json(ArticleBody { stored, spans }))
}

pub(crate) async fn load_article(state: &AppState, id: String) -> Result<StoredArticle> {
    let lookup = id.clone();
    let found = state.readers().run(move |store| Ok(store.article(&lookup)?)).await?;
    match found {
        Some(stored) => Ok(stored),
        None => {
            let lookup = id.clone();
            let skip = state.readers().run(move |store| Ok(store.skip(&lookup)?)).await?;
            Err(Error::not_found(match skip {
                Some(skip) => format!("article {id:?} was skipped at ingest: {}", skip.reason.key()),
                None => format!("no article {id:?}"),
            }))
        }
    }
}

/// `GET /api/actors`.
#[derive(Debug, Serialize)]
pub struct ActorsBody {
    /// Actors matching `q`, most active first, at most `limit`.
    pub actors: Vec<ActorSummary>,
    /// All actors matching `q`.
    pub total: usize,
}

pub const ACTORS_PARAMS: &[&str] = &["q", "limit"];

pub async fn actors(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<ActorsBody>> {
    let params = Params::parse(query.as_deref());
    params.only(ACTORS_PARAMS)?;
    let (actors, total) = list_actors(&state, &params).await?;
    Ok(Json(ActorsBody { actors, total }))
}

/// Actors whose code starts with `q` or whose names contain it (case-insensitive).
pub(crate) async fn list_actors(state: &AppState, params: &Params) -> Result<(Vec<ActorSummary>, usize)> {
    let limit = match params.get("limit") {
        None => 200,
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=10_000).contains(n))
            .ok_or_else(|| Error::bad(format!("limit: expected 1 to 10000, got {raw:?}")))?,
    };
    if params.get("q").is_some_and(|q| q.chars().count() > params::MAX_TEXT) {
        return Err(Error::bad("q: too long"));
    }
    let q = params.get("q").map(str::to_lowercase);
    let all = state.readers().run(|store| Ok(store.actors()?)).await?;
    let matching: Vec<ActorSummary> = all
        .into_iter()
        .filter(|actor| match &q {
            None => true,
            Some(q) => {
                actor.code.to_lowercase().starts_with(q.as_str())
                    || actor.names.iter().any(|n| n.name.to_lowercase().contains(q.as_str()))
            }
        })
        .collect();
    let total = matching.len();
    Ok((matching.into_iter().take(limit).collect(), total))
}

/// `GET /api/actors/{code}`.
#[derive(Debug, Serialize)]
pub struct ActorBody {
    pub code: String,
    /// The store's counts for exactly this code (absent when only longer codes occur).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<ActorSummary>,
    /// Longer codes under this one (`RUSGOV`, `RUSMIL` under `RUS`), with their counts.
    pub codes: Vec<ActorSummary>,
    /// Country-level partners (per event cluster, factual), most active first.
    pub partners: Vec<DyadSummary>,
    /// The latest events with this actor on either side.
    pub recent: Vec<EventRecord>,
}

pub async fn actor(State(state): State<AppState>, Path(code): Path<String>) -> Result<Json<ActorBody>> {
    Ok(Json(actor_body(&state, &code, 20).await?))
}

pub(crate) async fn actor_body(state: &AppState, code: &str, n_recent: usize) -> Result<ActorBody> {
    let code = params::actor_code("code", code)?;
    let (all, recent) = {
        let code = code.clone();
        state
            .readers()
            .run(move |store| {
                let recent = store
                    .events(&EventFilter::default().actor(code), &Page::first(n_recent).newest_first())?;
                Ok((store.actors()?, recent.events))
            })
            .await?
    };
    let mut summary = None;
    let mut codes = Vec::new();
    for actor in all {
        if actor.code == code {
            summary = Some(actor);
        } else if actor.code.starts_with(&code) {
            codes.push(actor);
        }
    }
    if summary.is_none() && codes.is_empty() && recent.is_empty() {
        return Err(Error::not_found(format!("no actor {code:?} in the store")));
    }
    let snapshot = state.analysis().get(state.readers()).await?;
    let partners = partners_of(&snapshot, &code, 25);
    Ok(ActorBody { code, summary, codes, partners, recent })
}

/// The dyads of `code`'s country (or of the code itself for `IGO...` and the like), as
/// the snapshot counts them.
fn partners_of(snapshot: &Snapshot, code: &str, n: usize) -> Vec<DyadSummary> {
    let key: &str =
        if code.len() > 3 && !snapshot.dyads().iter().any(|d| d.dyad.a == code || d.dyad.b == code) {
            &code[..3]
        } else {
            code
        };
    snapshot.dyads().iter().filter(|d| d.dyad.a == key || d.dyad.b == key).take(n).cloned().collect()
}

/// `GET /api/dyads/{a}/{b}`.
#[derive(Debug, Serialize)]
pub struct DyadBody {
    pub series: DyadSeries,
    /// Escalation alerts of this dyad (default alert parameters, the series' options).
    pub alerts: Vec<Alert>,
}

pub async fn dyad(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<DyadBody>> {
    let params = Params::parse(query.as_deref());
    params.only(params::SERIES_PARAMS)?;
    Ok(Json(dyad_body(&state, &a, &b, &params).await?))
}

pub(crate) async fn dyad_body(state: &AppState, a: &str, b: &str, params: &Params) -> Result<DyadBody> {
    let query = params::series_query(a, b, params)?;
    let snapshot = state.analysis().get(state.readers()).await?;
    let series = snapshot.set.series(&query);
    let config = AlertConfig { dyads: query.options, ..AlertConfig::default() };
    let alerts = snapshot.set.dyad_alerts_of(&query.a, &query.b, &config)?;
    Ok(DyadBody { series, alerts })
}

/// `GET /api/alerts`.
#[derive(Debug, Serialize)]
pub struct AlertsBody {
    /// Latest first, then highest score; at most `limit`.
    pub alerts: Vec<Alert>,
    /// All alerts found.
    pub total: usize,
    pub config: AlertConfig,
}

pub async fn alerts(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<AlertsBody>> {
    let params = Params::parse(query.as_deref());
    params.only(params::ALERT_PARAMS)?;
    Ok(Json(alerts_body(&state, &params).await?))
}

pub(crate) async fn alerts_body(state: &AppState, params: &Params) -> Result<AlertsBody> {
    let (config, actor, limit) = params::alert_query(params)?;
    let snapshot = state.analysis().get(state.readers()).await?;
    // Alerts over every dyad scan the whole set: off the async threads.
    let (all, config) = tokio::task::spawn_blocking(move || {
        let alerts = snapshot.set.alerts(&config);
        (alerts, config)
    })
    .await
    .map_err(|err| Error::Internal(format!("alerts task failed: {err}")))?;
    let mut all = all?;
    if let Some(actor) = &actor {
        all.retain(|alert| {
            alert.dyad.a.starts_with(actor.as_str()) || alert.dyad.b.starts_with(actor.as_str())
        });
    }
    let total = all.len();
    all.truncate(limit);
    Ok(AlertsBody { alerts: all, total, config })
}

/// `GET /api/commitments`: the commitments register, filtered.
#[derive(Debug, Serialize)]
pub struct CommitmentsBody {
    /// In order of foundation; each with its reports (event id, article id, date, effect,
    /// evidence sentence).
    pub commitments: Vec<Commitment>,
    pub total: usize,
    /// The filter applied (absent fields: any).
    pub filter: CommitmentFilter,
}

pub const COMMITMENT_PARAMS: &[&str] = &["holder", "beneficiary", "adversary", "actor", "status"];

pub async fn commitments(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<CommitmentsBody>> {
    let params = Params::parse(query.as_deref());
    params.only(COMMITMENT_PARAMS)?;
    Ok(Json(commitments_body(&state, &params).await?))
}

/// The register's filter from [`COMMITMENT_PARAMS`].
pub fn commitment_filter(params: &Params) -> Result<CommitmentFilter> {
    let code = |key: &str| params.get(key).map(|raw| params::actor_code(key, raw)).transpose();
    let status = match params.get("status") {
        None => None,
        Some(raw) => Some(match raw.to_ascii_lowercase().as_str() {
            "stated" => CommitmentStatus::Stated,
            "reaffirmed" => CommitmentStatus::Reaffirmed,
            "weakened" => CommitmentStatus::Weakened,
            "withdrawn" => CommitmentStatus::Withdrawn,
            _ => {
                return Err(Error::bad(format!(
                    "status: expected stated, reaffirmed, weakened or withdrawn, got {raw:?}"
                )));
            }
        }),
    };
    Ok(CommitmentFilter {
        holder: code("holder")?,
        beneficiary: code("beneficiary")?,
        adversary: code("adversary")?,
        actor: code("actor")?,
        status,
    })
}

/// A commitment with its CAMEO label from the built-in table.
fn labelled(commitment: &Commitment) -> Commitment {
    let label = faultline_coding::CameoTable::builtin()
        .lookup(commitment.cameo.as_str())
        .map_or_else(String::new, |entry| entry.label.clone());
    Commitment { label, ..commitment.clone() }
}

pub(crate) async fn commitments_body(state: &AppState, params: &Params) -> Result<CommitmentsBody> {
    let filter = commitment_filter(params)?;
    let snapshot = state.analysis().get(state.readers()).await?;
    let commitments: Vec<Commitment> = snapshot.register.select(&filter).map(labelled).collect();
    Ok(CommitmentsBody { total: commitments.len(), commitments, filter })
}

/// `GET /api/contingency?source=CHN&act=attacks&target=TWN`: the analysis's
/// `ContingencyReport`.
pub const CONTINGENCY_PARAMS: &[&str] = &["source", "act", "target", "months", "as_of"];

pub async fn contingency_answer(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<ContingencyReport>> {
    let params = Params::parse(query.as_deref());
    params.only(CONTINGENCY_PARAMS)?;
    Ok(Json(contingency_body(&state, &params).await?))
}

/// The query and settings from [`CONTINGENCY_PARAMS`]: `source`, `act` and `target` are
/// required (`any` for anyone).
pub fn contingency_query(params: &Params) -> Result<(ContingencyQuery, ContingencyConfig)> {
    let need = |key: &str| {
        params.get(key).ok_or_else(|| {
            Error::bad(format!(
                "{key}: required (source, act and target, like source=CHN&act=attacks&target=TWN)"
            ))
        })
    };
    let (source, act, target) = (need("source")?, need("act")?, need("target")?);
    for (key, raw) in [("source", source), ("target", target)] {
        if !raw.eq_ignore_ascii_case("any") {
            params::actor_code(key, raw)?;
        }
    }
    if act.chars().count() > 40 {
        return Err(Error::bad("act: too long"));
    }
    let query = ContingencyQuery::parse(source, act, target).map_err(|err| Error::bad(err.to_string()))?;
    let mut config = ContingencyConfig::default();
    if let Some(months) = params.months()? {
        config.months = months;
    }
    config.as_of = params.as_of()?;
    Ok((query, config))
}

pub(crate) async fn contingency_body(state: &AppState, params: &Params) -> Result<ContingencyReport> {
    let (query, config) = contingency_query(params)?;
    let snapshot = state.analysis().get(state.readers()).await?;
    // Series and alerts of a few dyads: off the async threads all the same.
    let mut report = tokio::task::spawn_blocking(move || {
        contingency(&snapshot.register, Some(&snapshot.set), &query, &config)
    })
    .await
    .map_err(|err| Error::Internal(format!("contingency task failed: {err}")))?;
    for m in &mut report.commitments {
        m.commitment = labelled(&m.commitment);
    }
    Ok(report)
}

/// `GET /api/health`.
#[derive(Debug, Serialize)]
pub struct HealthBody {
    pub status: &'static str,
    pub version: &'static str,
    pub schema_version: i64,
    pub articles: u64,
    pub events: u64,
    pub analysis: AnalysisHealth,
}

#[derive(Debug, Serialize)]
pub struct AnalysisHealth {
    /// A snapshot is built (series, partners and alerts answer without waiting).
    pub ready: bool,
    /// The store's event count when the snapshot was built.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clusters: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub built_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_seconds: Option<f64>,
}

pub async fn health(State(state): State<AppState>) -> Result<Json<HealthBody>> {
    let stats = state.readers().run(|store| Ok(store.stats()?)).await?;
    let snapshot = state.analysis().peek();
    let analysis = AnalysisHealth {
        ready: snapshot.is_some(),
        events: snapshot.as_ref().map(|s| s.events),
        clusters: snapshot.as_ref().map(|s| s.set.n_clusters()),
        built_at: snapshot.as_ref().map(|s| s.built_at.to_string()),
        build_seconds: snapshot.as_ref().map(|s| s.build_time.as_secs_f64()),
    };
    Ok(Json(HealthBody {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        schema_version: stats.schema_version,
        articles: stats.articles,
        events: stats.events,
        analysis,
    }))
}

/// `GET /metrics`: Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Result<Response> {
    let stats = state.readers().run(|store| Ok(store.stats()?)).await?;
    let rows = |table: &str, n: u64| (vec![("table", table.to_string())], n as f64);
    let mut gauges = vec![Gauge {
        name: "faultline_store_rows",
        help: "Rows in the store by table.",
        values: vec![
            rows("articles", stats.articles),
            rows("skips", stats.skips),
            rows("events", stats.events),
            rows("mentions", stats.mentions),
            rows("quotes", stats.quotes),
            rows("actors", stats.actors),
        ],
    }];
    if let Some(snapshot) = state.analysis().peek() {
        gauges.push(Gauge {
            name: "faultline_analysis_clusters",
            help: "Event clusters in the analysis snapshot.",
            values: vec![(Vec::new(), snapshot.set.n_clusters() as f64)],
        });
        gauges.push(Gauge {
            name: "faultline_analysis_build_seconds",
            help: "How long the last analysis snapshot took to build.",
            values: vec![(Vec::new(), snapshot.build_time.as_secs_f64())],
        });
    }
    gauges.push(Gauge {
        name: "faultline_uptime_seconds",
        help: "Seconds since the server started.",
        values: vec![(Vec::new(), state.uptime().as_secs_f64())],
    });
    let text = state.metrics().render(&gauges);
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response())
}
