//! The analysis snapshot: the store's events clustered and indexed ([`EventSet`]) for dyad
//! series, partners and alerts, and the commitments register ([`CommitmentRegister`],
//! from the store's pledge events) for commitments and contingencies, rebuilt when the
//! store has changed.
//!
//! Building one reads every event once (a projection without article text, see
//! [`load_points`]), so it is done on a blocking thread, once at startup and then
//! whenever the store's event count has moved; requests meanwhile are answered from the
//! previous snapshot ("stale while rebuilding"). Only the very first build is waited for.

use crate::error::{Error, Result};
use crate::readers::Readers;
use faultline_analysis::{
    ClusterConfig, CommitmentRegister, DyadOptions, DyadSummary, EventPoint, EventSet, fingerprint,
};
use faultline_model::{ActorCode, CameoCode, Plover, Precision, QuadClass};
use faultline_store::{EventStore, SqliteStore};
use jiff::civil::Date;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

/// How often, at most, a request checks whether the store has new events.
const CHECK_EVERY: Duration = Duration::from_secs(2);

/// The events of the store, clustered and frozen.
#[derive(Debug)]
pub struct Snapshot {
    pub set: EventSet,
    /// The commitments register, rebuilt from the store's pledge events.
    pub register: CommitmentRegister,
    /// The store's event count when it was built.
    pub events: u64,
    /// Stored events that could not be projected (unparsable codes in a damaged store).
    pub skipped: u64,
    /// When it was built (UTC).
    pub built_at: jiff::Timestamp,
    pub build_time: Duration,
    /// Country-level undirected dyads, per cluster, factual: the actor pages' partners.
    partners: OnceLock<Vec<DyadSummary>>,
}

impl Snapshot {
    /// Every dyad at the default options, most active first (computed once).
    pub fn dyads(&self) -> &[DyadSummary] {
        self.partners.get_or_init(|| self.set.dyads(&DyadOptions::default()))
    }
}

#[derive(Debug)]
struct Current {
    snapshot: Option<Arc<Snapshot>>,
    checked: Option<Instant>,
}

/// The current snapshot and the machinery to refresh it.
#[derive(Debug)]
pub struct AnalysisCache {
    current: RwLock<Current>,
    /// Held while a build runs, so that only one runs at a time.
    building: tokio::sync::Mutex<()>,
}

impl Default for AnalysisCache {
    fn default() -> AnalysisCache {
        AnalysisCache {
            current: RwLock::new(Current { snapshot: None, checked: None }),
            building: tokio::sync::Mutex::new(()),
        }
    }
}

impl AnalysisCache {
    /// The snapshot if one is built, without waiting.
    pub fn peek(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|c| c.snapshot.clone())
    }

    /// A snapshot of the store: the current one, refreshed in the background when the
    /// store has changed; the first one is built and waited for.
    pub async fn get(self: &Arc<Self>, readers: &Readers) -> Result<Arc<Snapshot>> {
        let (snapshot, due) = {
            let current =
                self.current.read().map_err(|_| Error::Internal("analysis lock poisoned".into()))?;
            let due = current.checked.is_none_or(|t| t.elapsed() >= CHECK_EVERY);
            (current.snapshot.clone(), due)
        };
        match snapshot {
            None => self.rebuild(readers).await,
            Some(snapshot) if !due => Ok(snapshot),
            Some(snapshot) => {
                let events = readers.run(|store| Ok(store.stats()?.events)).await?;
                self.mark_checked();
                if events != snapshot.events {
                    self.refresh_in_background(readers);
                }
                Ok(snapshot)
            }
        }
    }

    /// Starts a build if none is running, and returns at once.
    pub fn refresh_in_background(self: &Arc<Self>, readers: &Readers) {
        let cache = Arc::clone(self);
        let readers = readers.clone();
        tokio::spawn(async move {
            if let Err(err) = cache.rebuild(&readers).await {
                eprintln!("faultline serve: analysis rebuild failed: {err}");
            }
        });
    }

    fn mark_checked(&self) {
        if let Ok(mut current) = self.current.write() {
            current.checked = Some(Instant::now());
        }
    }

    /// Builds a snapshot unless the current one is up to date (checked after waiting for
    /// any build in progress).
    async fn rebuild(&self, readers: &Readers) -> Result<Arc<Snapshot>> {
        let _building = self.building.lock().await;
        let events = readers.run(|store| Ok(store.stats()?.events)).await?;
        if let Some(snapshot) = self.peek()
            && snapshot.events == events
        {
            self.mark_checked();
            return Ok(snapshot);
        }
        let snapshot = Arc::new(readers.run(build).await?);
        if let Ok(mut current) = self.current.write() {
            current.snapshot = Some(Arc::clone(&snapshot));
            current.checked = Some(Instant::now());
        }
        Ok(snapshot)
    }
}

/// Builds a snapshot from the store.
pub fn build(store: &SqliteStore) -> Result<Snapshot> {
    let started = Instant::now();
    let events = store.stats()?.events;
    let (points, skipped) = load_points(store)?;
    let set = EventSet::from_points(points, ClusterConfig::default());
    let register = load_register(store)?;
    Ok(Snapshot {
        set,
        register,
        events,
        skipped,
        built_at: jiff::Timestamp::now(),
        build_time: started.elapsed(),
        partners: OnceLock::new(),
    })
}

/// The commitments register of the store: its pledge events (the only ones that can bear
/// on a commitment, read through their index, not every event) applied in event order,
/// date then arrival, as they stream (memory holds the register, not the events).
pub fn load_register(store: &impl EventStore) -> Result<CommitmentRegister> {
    let mut register = CommitmentRegister::new();
    store.pledge_events(&mut |record| {
        register.apply(&record.event);
        Ok(())
    })?;
    Ok(register)
}

/// Every stored event as analysis sees it: codes, dates, modality, the outlet, and the
/// fingerprints of its evidence sentence and location (computed here; the text itself
/// goes no further). Returns the points and the number of rows that did not parse.
///
/// A read-only query over the store's connection, with no parameters: the store at
/// schema version 1 has no loader for analysis points yet, nor stored cluster ids, so
/// events are clustered here at each build.
pub fn load_points(store: &SqliteStore) -> Result<(Vec<EventPoint>, u64)> {
    let sql =
        "SELECT e.id, a.id, coalesce(a.outlet, a.site), e.source_code, e.target_code, e.cameo, e.plover,
                      e.quad_class, e.goldstein, e.date, e.date_precision, a.published, e.factual,
                      e.sentence_text, e.location
               FROM events e JOIN articles a ON a.pk = e.article_pk";
    let conn = store.connection();
    let mut stmt = conn.prepare(sql).map_err(faultline_store::Error::from)?;
    let mut rows = stmt.query([]).map_err(faultline_store::Error::from)?;
    let mut points = Vec::new();
    let mut skipped = 0u64;
    while let Some(row) = rows.next().map_err(faultline_store::Error::from)? {
        match point_of_row(row) {
            Ok(Some(point)) => points.push(point),
            Ok(None) => skipped += 1,
            Err(err) => return Err(faultline_store::Error::from(err).into()),
        }
    }
    Ok((points, skipped))
}

fn point_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<EventPoint>> {
    let text = |i: usize| row.get::<_, Option<String>>(i);
    let (Some(id), Some(article_id)) = (text(0)?, text(1)?) else { return Ok(None) };
    let Some(source) = text(3)?.and_then(|c| ActorCode::new(c).ok()) else { return Ok(None) };
    let target = match text(4)? {
        None => None,
        Some(code) => match ActorCode::new(code) {
            Ok(code) => Some(code),
            Err(_) => return Ok(None),
        },
    };
    let Some(cameo) = text(5)?.and_then(|c| CameoCode::new(c).ok()) else { return Ok(None) };
    let plover = text(6)?.and_then(|p| p.parse::<Plover>().ok());
    let Some(quad) = row
        .get::<_, Option<i64>>(7)?
        .and_then(|q| u8::try_from(q).ok())
        .and_then(|q| QuadClass::try_from(q).ok())
    else {
        return Ok(None);
    };
    let goldstein = row.get::<_, Option<f64>>(8)?.unwrap_or(0.0) as f32;
    let Some(date) = text(9)?.and_then(|d| d.parse::<Date>().ok()) else { return Ok(None) };
    let precision = match text(10)?.as_deref() {
        Some("day") => Precision::Day,
        Some("week") => Precision::Week,
        Some("month") => Precision::Month,
        Some("year") => Precision::Year,
        _ => return Ok(None),
    };
    let reported = text(11)?.and_then(|d| d.get(..10).and_then(|d| d.parse::<Date>().ok())).unwrap_or(date);
    let factual = row.get::<_, Option<i64>>(12)?.unwrap_or(0) != 0;
    let evidence = text(13)?.as_deref().and_then(fingerprint::sentence);
    let location = text(14)?.as_deref().and_then(fingerprint::place);
    Ok(Some(EventPoint {
        id,
        article_id,
        outlet: text(2)?,
        source,
        target,
        cameo,
        plover,
        quad,
        goldstein,
        date,
        precision,
        reported,
        factual,
        evidence,
        group: None,
        location,
    }))
}
