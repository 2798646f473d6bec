//! Event clusters: the reports of one real-world event, across articles and outlets.
//!
//! GDELT counts a kidnapping reported 151 times as 151 events; faultline counts one
//! cluster with 151 reports. [`Clusterer::assign`] places each report as it arrives: it
//! joins the best compatible cluster or founds a new one. A report and a cluster are
//! compatible when all of these hold ([`ClusterConfig`] has the knobs):
//!
//! 1. **Same dyad** at [`ClusterConfig::level`]: by default the country, so `RUSGOV`,
//!    `RUSMIL` and `RUS` are one side. Reports of one event disagree on agents all the
//!    time ("Russia struck", "Russian forces struck", "the Kremlin ordered"), so agent
//!    codes would split clusters that are one event. Actors without a country keep their
//!    first two groups (`IGOUNO`). A report without a target only joins clusters without
//!    a target.
//! 2. **Same modality class**: factual reports cluster with factual ones, the rest (pledges,
//!    threats of what will happen, hypotheticals, negations) with the rest, so that "will
//!    strike if" never merges with "struck".
//! 3. **Compatible codes** ([`CodeMatch`], default [`CodeMatch::RootOrPlover`]): the same
//!    CAMEO root as the cluster's founding report, or the same PLOVER type (`18`, `19`
//!    and `20` are all ASSAULT; `09` and `11` are both ACCUSE). Coders disagree on the
//!    exact code of one event far more often than on its type.
//! 4. **Compatible dates**: the report's date interval and the cluster's (a day, or the
//!    whole week, month or year of an imprecise date: a Month-precision report is
//!    compatible with every day of its month) are at most
//!    [`ClusterConfig::date_window_days`] apart (default 2: reports a day or two later
//!    that do not re-date the event).
//! 5. **No conflicting place**: when both have a location and they differ, never.
//! 6. **Corroboration**, one of:
//!    - *similar evidence*: the fingerprint of the report's evidence sentence
//!      ([`fingerprint::sentence`](crate::fingerprint::sentence)) is within
//!      [`ClusterConfig::max_evidence_distance`] slots (default 12 of 32: content-word
//!      Jaccard similarity about 0.5 or more) of one of the cluster's;
//!    - *the same wire story*: the report's article is in the same near-duplicate group
//!      as another article of the cluster and the evidence is within the looser
//!      [`ClusterConfig::max_evidence_distance_in_group`] (default 16: Jaccard about 0.33;
//!      or either has no evidence): syndication edits sentences, but two different events
//!      of one story still differ more than that;
//!    - *the same place and code*: both have the same location and the same full CAMEO
//!      code.
//!
//! Among compatible clusters the report joins the best corroborated (same group, then
//! closest evidence, then same place), ties going to the earliest cluster. The
//! cluster's date is its most precise report's; its code is its most reported code.
//!
//! Ids are deterministic: a cluster's id is the hash of its founding report's event id,
//! so the same reports in the same order give the same ids, and a stored id stays valid
//! as reports join. Batch runs ([`EventSet::from_points`](crate::EventSet::from_points))
//! sort reports by publication date and id first, so they do not depend on input order.

use crate::day::{Day, date_of, day_of, interval_end, max_span};
use crate::fingerprint::{distance, lookup_hash};
use crate::point::{ActorLevel, ClusterId, EventPoint, GroupId};
use faultline_model::{ActorCode, CameoCode, Plover, Precision, QuadClass};
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// How event codes must agree for two reports to be one event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeMatch {
    /// The same full CAMEO code.
    Exact,
    /// The same CAMEO root.
    Root,
    /// The same CAMEO root, or the same PLOVER type.
    #[default]
    RootOrPlover,
}

/// The clustering rules; see the [module doc](self).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClusterConfig {
    /// Actor matching for the dyad (default country).
    pub level: ActorLevel,
    /// Maximum gap between date intervals, in days (default 2).
    pub date_window_days: u32,
    pub codes: CodeMatch,
    /// Evidence fingerprint distance for similar evidence, in slots (default 12).
    pub max_evidence_distance: u32,
    /// Evidence fingerprint distance within one wire story (default 16).
    pub max_evidence_distance_in_group: u32,
    /// Use near-duplicate groups (default true).
    pub use_groups: bool,
    /// Use locations: differing places separate, the same place and code corroborates
    /// (default true).
    pub use_locations: bool,
    /// Evidence fingerprints kept per cluster to compare with (default 64).
    pub max_fingerprints: usize,
}

impl Default for ClusterConfig {
    fn default() -> ClusterConfig {
        ClusterConfig {
            level: ActorLevel::Country,
            date_window_days: 2,
            codes: CodeMatch::RootOrPlover,
            max_evidence_distance: 12,
            max_evidence_distance_in_group: 16,
            use_groups: true,
            use_locations: true,
            max_fingerprints: 64,
        }
    }
}

pub(crate) const NONE: u32 = u32::MAX;

/// Strings to small ids.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    map: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(NONE);
        self.names.push(s.into());
        self.map.insert(s.into(), id);
        id
    }

    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.map.get(s).copied()
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |s| s)
    }
}

/// Actor codes with their keys at each [`ActorLevel`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Actors {
    pub(crate) names: Interner,
    /// For every interned name: its country, sector and exact keys.
    levels: Vec<[u32; 3]>,
}

pub(crate) fn level_index(level: ActorLevel) -> usize {
    match level {
        ActorLevel::Country => 0,
        ActorLevel::Sector => 1,
        ActorLevel::Exact => 2,
    }
}

impl Actors {
    pub(crate) fn intern(&mut self, code: &ActorCode) -> u32 {
        if let Some(id) = self.names.get(code.as_str()) {
            return id;
        }
        let id = self.push_name(code.as_str());
        let country = ActorLevel::Country.key(code).to_string();
        let sector = ActorLevel::Sector.key(code).to_string();
        let country_id = self.intern_key(&country);
        let sector_id = self.intern_key(&sector);
        self.levels[id as usize] = [country_id, sector_id, id];
        id
    }

    /// A name, with itself as its key at every level until told otherwise.
    fn push_name(&mut self, name: &str) -> u32 {
        let id = self.names.intern(name);
        while self.levels.len() <= id as usize {
            let next = u32::try_from(self.levels.len()).unwrap_or(NONE);
            self.levels.push([next; 3]);
        }
        id
    }

    /// A key is a valid code itself (a prefix of whole groups of one).
    fn intern_key(&mut self, key: &str) -> u32 {
        match ActorCode::new(key) {
            Ok(code) => self.intern(&code),
            Err(_) => self.push_name(key),
        }
    }

    pub(crate) fn key(&self, actor: u32, level: ActorLevel) -> u32 {
        if actor == NONE {
            return NONE;
        }
        self.levels.get(actor as usize).map_or(actor, |l| l[level_index(level)])
    }

    /// The id of a query's actor at a level, if known.
    pub(crate) fn lookup(&self, code: &str, level: ActorLevel) -> Option<u32> {
        let code = ActorCode::new(code.trim().to_ascii_uppercase()).ok()?;
        self.names.get(level.key(&code))
    }
}

/// One report, compactly.
#[derive(Clone, Debug)]
pub(crate) struct Report {
    pub(crate) event_id: Box<str>,
    pub(crate) article: u32,
    pub(crate) outlet: u32,
    pub(crate) source: u32,
    pub(crate) target: u32,
    pub(crate) cameo: u32,
    pub(crate) root: u8,
    pub(crate) plover: Option<Plover>,
    pub(crate) quad: QuadClass,
    pub(crate) goldstein: f32,
    pub(crate) start: Day,
    pub(crate) precision: Precision,
    pub(crate) reported: Day,
    pub(crate) factual: bool,
    pub(crate) evidence: Option<u64>,
    pub(crate) group: Option<GroupId>,
    pub(crate) location: Option<u64>,
    pub(crate) cluster: u32,
}

/// The dyad and modality class of a cluster: clusters are only ever compared within one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct BlockKey {
    source: u32,
    target: u32,
    factual: bool,
}

#[derive(Clone, Debug, Default)]
struct Block {
    /// `(start day, cluster)` per precision of the cluster's date.
    by_precision: [BTreeSet<(Day, u32)>; 4],
}

fn precision_index(precision: Precision) -> usize {
    match precision {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Year => 3,
    }
}

const PRECISIONS: [Precision; 4] = [Precision::Day, Precision::Week, Precision::Month, Precision::Year];

#[derive(Clone, Debug)]
pub(crate) struct ClusterState {
    pub(crate) id: ClusterId,
    key: BlockKey,
    /// The founding report's codes, which later reports must be compatible with.
    founder_cameo: u32,
    founder_root: u8,
    founder_plover: Option<Plover>,
    pub(crate) start: Day,
    pub(crate) end: Day,
    pub(crate) precision: Precision,
    fingerprints: Vec<u64>,
    /// (group, article) of the reports that had a group.
    groups: Vec<(GroupId, u32)>,
    location: Option<u64>,
    /// (code, reports with it), in order of first appearance.
    codes: Vec<(u32, u32)>,
    pub(crate) reports: Vec<u32>,
    pub(crate) goldstein_sum: f64,
    pub(crate) first_reported: Day,
    pub(crate) last_reported: Day,
}

impl ClusterState {
    /// The most reported code, ties to the first reported.
    pub(crate) fn mode_code(&self) -> u32 {
        let mut best = (self.founder_cameo, 0);
        for &(code, n) in &self.codes {
            if n > best.1 {
                best = (code, n);
            }
        }
        best.0
    }

    pub(crate) fn factual(&self) -> bool {
        self.key.factual
    }

    pub(crate) fn mean_goldstein(&self) -> f32 {
        if self.reports.is_empty() { 0.0 } else { (self.goldstein_sum / self.reports.len() as f64) as f32 }
    }
}

/// Where a report went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub cluster: ClusterId,
    /// The report founded the cluster.
    pub new_cluster: bool,
    /// The report's event id was seen before: nothing was added.
    pub duplicate: bool,
}

/// A cluster as the outside sees it: one real-world event and its reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: ClusterId,
    /// The source at the clustering level (`RUS`).
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The most reported CAMEO code (ties: the first reported).
    pub cameo: CameoCode,
    pub plover: Option<Plover>,
    pub quad: QuadClass,
    /// The mean Goldstein score of the reports.
    pub goldstein: f32,
    /// The date of the most precise report.
    pub date: Date,
    pub precision: Precision,
    pub factual: bool,
    pub n_reports: u32,
    pub n_articles: u32,
    pub n_outlets: u32,
    pub first_reported: Date,
    pub last_reported: Date,
    /// The reports' event ids, in arrival order.
    pub reports: Vec<String>,
}

/// Incremental clustering of event reports; see the [module doc](self).
///
/// The engine keeps one during ingest: [`Clusterer::assign`] each new event's
/// [`EventPoint`] and store the returned [`ClusterId`] with the event. After a restart,
/// [`Clusterer::restore`] the stored points with their cluster ids (the last few weeks
/// are enough for new reports to find their clusters). [`EventSet::from`] freezes it
/// for queries.
///
/// [`EventSet::from`]: crate::EventSet
#[derive(Clone, Debug)]
pub struct Clusterer {
    pub(crate) config: ClusterConfig,
    pub(crate) actors: Actors,
    pub(crate) articles: Interner,
    pub(crate) outlets: Interner,
    pub(crate) cameos: Interner,
    /// The code of each interned CAMEO id.
    cameo_codes: Vec<CameoCode>,
    pub(crate) reports: Vec<Report>,
    pub(crate) clusters: Vec<ClusterState>,
    by_id: FxHashMap<ClusterId, u32>,
    /// Hash of an event id -> reports with it.
    by_event: FxHashMap<u64, u32>,
    blocks: FxHashMap<BlockKey, Block>,
}

impl Default for Clusterer {
    fn default() -> Clusterer {
        Clusterer::new(ClusterConfig::default())
    }
}

impl Clusterer {
    #[must_use]
    pub fn new(config: ClusterConfig) -> Clusterer {
        Clusterer {
            config,
            actors: Actors::default(),
            articles: Interner::default(),
            outlets: Interner::default(),
            cameos: Interner::default(),
            cameo_codes: Vec::new(),
            reports: Vec::new(),
            clusters: Vec::new(),
            by_id: FxHashMap::default(),
            by_event: FxHashMap::default(),
            blocks: FxHashMap::default(),
        }
    }

    #[must_use]
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// Reports held.
    #[must_use]
    pub fn n_reports(&self) -> usize {
        self.reports.len()
    }

    /// Clusters formed.
    #[must_use]
    pub fn n_clusters(&self) -> usize {
        self.clusters.len()
    }

    fn report_of(&self, event_id: &str) -> Option<u32> {
        let idx = *self.by_event.get(&lookup_hash(event_id))?;
        (&*self.reports.get(idx as usize)?.event_id == event_id).then_some(idx)
    }

    /// The cluster of a report already held.
    #[must_use]
    pub fn cluster_of(&self, event_id: &str) -> Option<ClusterId> {
        let report = self.report_of(event_id)?;
        let cluster = self.reports[report as usize].cluster;
        self.clusters.get(cluster as usize).map(|c| c.id)
    }

    fn compact(&mut self, point: &EventPoint) -> Report {
        let source = self.actors.intern(&point.source);
        let target = point.target.as_ref().map_or(NONE, |t| self.actors.intern(t));
        let cameo = self.cameos.intern(point.cameo.as_str());
        if cameo as usize == self.cameo_codes.len() {
            self.cameo_codes.push(point.cameo.clone());
        }
        Report {
            event_id: point.id.as_str().into(),
            article: self.articles.intern(&point.article_id),
            outlet: point.outlet.as_deref().map_or(NONE, |o| self.outlets.intern(o)),
            source,
            target,
            cameo,
            root: point.cameo.root(),
            plover: point.plover,
            quad: point.quad,
            goldstein: if point.goldstein.is_finite() { point.goldstein } else { 0.0 },
            start: day_of(point.date),
            precision: point.precision,
            reported: day_of(point.reported),
            factual: point.factual,
            evidence: point.evidence,
            group: point.group,
            location: point.location,
            cluster: NONE,
        }
    }

    fn key_of(&self, report: &Report) -> BlockKey {
        BlockKey {
            source: self.actors.key(report.source, self.config.level),
            target: self.actors.key(report.target, self.config.level),
            factual: report.factual,
        }
    }

    /// Places a report: it joins the best compatible cluster or founds one.
    pub fn assign(&mut self, point: &EventPoint) -> Assignment {
        if let Some(existing) = self.report_of(&point.id) {
            let cluster = self.reports[existing as usize].cluster;
            return Assignment {
                cluster: self.clusters[cluster as usize].id,
                new_cluster: false,
                duplicate: true,
            };
        }
        let report = self.compact(point);
        let key = self.key_of(&report);
        match self.best_cluster(&report, key) {
            Some(cluster) => {
                self.add(report, cluster);
                Assignment {
                    cluster: self.clusters[cluster as usize].id,
                    new_cluster: false,
                    duplicate: false,
                }
            }
            None => {
                let id = self.fresh_id(&report.event_id);
                let cluster = self.found(report, key, id);
                Assignment {
                    cluster: self.clusters[cluster as usize].id,
                    new_cluster: true,
                    duplicate: false,
                }
            }
        }
    }

    /// Puts back a stored report with its stored cluster id, without matching. Restore
    /// reports in the order they were first assigned (the store's insertion order), so
    /// that each cluster's founding report, whose codes later reports are compared
    /// with, is the same as before.
    pub fn restore(&mut self, point: &EventPoint, cluster: ClusterId) {
        if self.report_of(&point.id).is_some() {
            return;
        }
        let report = self.compact(point);
        match self.by_id.get(&cluster) {
            Some(&idx) => self.add(report, idx),
            None => {
                let key = self.key_of(&report);
                self.found(report, key, cluster);
            }
        }
    }

    fn fresh_id(&self, event_id: &str) -> ClusterId {
        let mut id = ClusterId::of(event_id);
        // a 64-bit collision between two founders: step deterministically
        while self.by_id.contains_key(&id) {
            id = ClusterId(crate::fingerprint::fmix64(id.0 ^ 0x9e37_79b9_7f4a_7c15));
        }
        id
    }

    fn codes_compatible(&self, report: &Report, cluster: &ClusterState) -> bool {
        match self.config.codes {
            CodeMatch::Exact => report.cameo == cluster.founder_cameo,
            CodeMatch::Root => report.root == cluster.founder_root,
            CodeMatch::RootOrPlover => {
                report.root == cluster.founder_root
                    || (report.plover.is_some() && report.plover == cluster.founder_plover)
            }
        }
    }

    /// The corroboration score of a compatible cluster, or `None` when nothing
    /// corroborates the report joining it. Higher is better.
    fn corroboration(&self, report: &Report, cluster: &ClusterState) -> Option<u32> {
        let config = &self.config;
        let closest = report
            .evidence
            .and_then(|fp| cluster.fingerprints.iter().map(|&other| distance(fp, other)).min());
        let same_group = config.use_groups
            && report.group.is_some_and(|g| {
                cluster.groups.iter().any(|&(group, article)| group == g && article != report.article)
            });
        let same_place = config.use_locations
            && report.location.is_some()
            && report.location == cluster.location
            && cluster.codes.iter().any(|&(code, _)| code == report.cameo);
        let evidence_ok = closest.is_some_and(|d| d <= config.max_evidence_distance);
        let group_ok = same_group && closest.is_none_or(|d| d <= config.max_evidence_distance_in_group);
        if !(evidence_ok || group_ok || same_place) {
            return None;
        }
        let closeness = closest.map_or(0, |d| 33 - d.min(32));
        Some(u32::from(group_ok) * 1000 + closeness * 10 + u32::from(same_place))
    }

    fn best_cluster(&self, report: &Report, key: BlockKey) -> Option<u32> {
        let block = self.blocks.get(&key)?;
        let window = i32::try_from(self.config.date_window_days).unwrap_or(i32::MAX / 4);
        let end = interval_end(report.start, report.precision);
        let mut best: Option<(u32, u32)> = None;
        for precision in PRECISIONS {
            let clusters = &block.by_precision[precision_index(precision)];
            if clusters.is_empty() {
                continue;
            }
            let lo = report.start.saturating_sub(window).saturating_sub(max_span(precision));
            let hi = end.saturating_add(window);
            for &(_, idx) in clusters.range((lo, 0)..=(hi, NONE)) {
                let cluster = &self.clusters[idx as usize];
                if cluster.start > end.saturating_add(window)
                    || report.start > cluster.end.saturating_add(window)
                {
                    continue;
                }
                if !self.codes_compatible(report, cluster) {
                    continue;
                }
                if self.config.use_locations
                    && report.location.is_some()
                    && cluster.location.is_some()
                    && report.location != cluster.location
                {
                    continue;
                }
                let Some(score) = self.corroboration(report, cluster) else { continue };
                let better = match best {
                    None => true,
                    Some((best_score, best_idx)) => {
                        score > best_score || (score == best_score && idx < best_idx)
                    }
                };
                if better {
                    best = Some((score, idx));
                }
            }
        }
        best.map(|(_, idx)| idx)
    }

    fn found(&mut self, report: Report, key: BlockKey, id: ClusterId) -> u32 {
        let idx = u32::try_from(self.clusters.len()).unwrap_or(NONE);
        let state = ClusterState {
            id,
            key,
            founder_cameo: report.cameo,
            founder_root: report.root,
            founder_plover: report.plover,
            start: report.start,
            end: interval_end(report.start, report.precision),
            precision: report.precision,
            fingerprints: Vec::new(),
            groups: Vec::new(),
            location: None,
            codes: Vec::new(),
            reports: Vec::new(),
            goldstein_sum: 0.0,
            first_reported: report.reported,
            last_reported: report.reported,
        };
        self.blocks.entry(key).or_default().by_precision[precision_index(state.precision)]
            .insert((state.start, idx));
        self.by_id.insert(id, idx);
        self.clusters.push(state);
        self.add(report, idx);
        idx
    }

    fn add(&mut self, mut report: Report, idx: u32) {
        let report_idx = u32::try_from(self.reports.len()).unwrap_or(NONE);
        report.cluster = idx;
        let max_fingerprints = self.config.max_fingerprints;
        let cluster = &mut self.clusters[idx as usize];
        // a more precise date re-dates the cluster
        if report.precision < cluster.precision {
            let key = cluster.key;
            let old = (precision_index(cluster.precision), cluster.start);
            cluster.start = report.start;
            cluster.end = interval_end(report.start, report.precision);
            cluster.precision = report.precision;
            let new = (precision_index(cluster.precision), cluster.start);
            if let Some(block) = self.blocks.get_mut(&key) {
                block.by_precision[old.0].remove(&(old.1, idx));
                block.by_precision[new.0].insert((new.1, idx));
            }
        }
        let cluster = &mut self.clusters[idx as usize];
        if let Some(fp) = report.evidence
            && cluster.fingerprints.len() < max_fingerprints
            && !cluster.fingerprints.contains(&fp)
        {
            cluster.fingerprints.push(fp);
        }
        if let Some(group) = report.group
            && !cluster.groups.contains(&(group, report.article))
        {
            cluster.groups.push((group, report.article));
        }
        if cluster.location.is_none() {
            cluster.location = report.location;
        }
        match cluster.codes.iter_mut().find(|(code, _)| *code == report.cameo) {
            Some((_, n)) => *n += 1,
            None => cluster.codes.push((report.cameo, 1)),
        }
        cluster.goldstein_sum += f64::from(report.goldstein);
        cluster.first_reported = cluster.first_reported.min(report.reported);
        cluster.last_reported = cluster.last_reported.max(report.reported);
        cluster.reports.push(report_idx);
        self.by_event.insert(lookup_hash(&report.event_id), report_idx);
        self.reports.push(report);
    }

    /// The cluster with this id.
    #[must_use]
    pub fn cluster(&self, id: ClusterId) -> Option<Cluster> {
        let idx = *self.by_id.get(&id)?;
        Some(self.view(idx))
    }

    /// Every cluster, in order of foundation.
    pub fn clusters(&self) -> impl Iterator<Item = Cluster> + '_ {
        (0..self.clusters.len()).map(|idx| self.view(idx as u32))
    }

    pub(crate) fn cameo(&self, code: u32) -> &CameoCode {
        &self.cameo_codes[code as usize]
    }

    /// The report that stands for a cluster: the first with its most reported code.
    pub(crate) fn representative(&self, cluster: &ClusterState) -> u32 {
        let code = cluster.mode_code();
        let mut reports = cluster.reports.iter().copied();
        reports
            .clone()
            .find(|&r| self.reports[r as usize].cameo == code)
            .or_else(|| reports.next())
            .unwrap_or(NONE)
    }

    pub(crate) fn view(&self, idx: u32) -> Cluster {
        let c = &self.clusters[idx as usize];
        let representative = &self.reports[self.representative(c) as usize];
        let mut articles: Vec<u32> = c.reports.iter().map(|&r| self.reports[r as usize].article).collect();
        articles.sort_unstable();
        articles.dedup();
        let mut outlets: Vec<u32> =
            c.reports.iter().map(|&r| self.reports[r as usize].outlet).filter(|&o| o != NONE).collect();
        outlets.sort_unstable();
        outlets.dedup();
        Cluster {
            id: c.id,
            source: self.actors.names.name(c.key.source).to_string(),
            target: (c.key.target != NONE).then(|| self.actors.names.name(c.key.target).to_string()),
            cameo: self.cameo(representative.cameo).clone(),
            plover: representative.plover,
            quad: representative.quad,
            goldstein: c.mean_goldstein(),
            date: date_of(c.start),
            precision: c.precision,
            factual: c.factual(),
            n_reports: u32::try_from(c.reports.len()).unwrap_or(u32::MAX),
            n_articles: u32::try_from(articles.len()).unwrap_or(u32::MAX),
            n_outlets: u32::try_from(outlets.len()).unwrap_or(u32::MAX),
            first_reported: date_of(c.first_reported),
            last_reported: date_of(c.last_reported),
            reports: c.reports.iter().map(|&r| self.reports[r as usize].event_id.to_string()).collect(),
        }
    }
}
