//! [`EventSet`]: clustered reports, frozen and indexed by dyad for series and alerts.

use crate::cluster::{Cluster, ClusterConfig, Clusterer, NONE};
use crate::day::{Day, date_of};
use crate::point::{ActorLevel, ClusterId, EventPoint};
use faultline_model::{Plover, Precision, QuadClass};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// Directed (`A -> B`: what A did to B) or undirected (`{A, B}`: both ways).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Directed,
    #[default]
    Undirected,
}

/// What is counted: real-world events (clusters) or reports of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// One per cluster, whatever its number of reports: the default, and the point of
    /// clustering.
    #[default]
    Cluster,
    /// One per report, as GDELT counts.
    Report,
}

/// Which modalities count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModalityFilter {
    /// Only what is stated as having happened (asserted or reported, not conditional,
    /// future, hypothetical or negated). The default: a conditional pledge is not a fact.
    #[default]
    Factual,
    /// Everything coded.
    All,
}

/// How dyads are formed and what is counted, for series and alerts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct DyadOptions {
    /// Actor matching (default country: `RUSGOV` counts as `RUS`).
    pub level: ActorLevel,
    pub direction: Direction,
    pub unit: Unit,
    pub modality: ModalityFilter,
}

/// A pair of actors at some level: `a -> b` when directed, `{a, b}` (with `a <= b`)
/// otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Dyad {
    pub a: String,
    pub b: String,
    pub directed: bool,
}

impl fmt::Display for Dyad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.a, if self.directed { "->" } else { "-" }, self.b)
    }
}

/// One counted thing (a report or a cluster) as series and alerts need it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitRow {
    pub(crate) start: Day,
    pub(crate) precision: Precision,
    pub(crate) quad: QuadClass,
    pub(crate) plover: Option<Plover>,
    pub(crate) goldstein: f32,
    pub(crate) factual: bool,
    pub(crate) n_reports: u32,
    /// The cluster (for a report: its cluster).
    pub(crate) cluster: u32,
    /// The representative report (for a report: itself).
    pub(crate) report: u32,
}

type PairIndex = FxHashMap<(u32, u32), Vec<u32>>;

/// Clustered reports, frozen, with lazily built dyad indexes. `Send + Sync`: build once,
/// query from many threads.
///
/// ```
/// use faultline_analysis::{EventSet, ClusterConfig, SeriesQuery, Bucket, synth::PointBuilder};
/// let points = vec![
///     PointBuilder::new("a1#1", "RUSMIL", "UKR", "190", "2024-03-01").evidence("Russian missiles hit Kharkiv").build(),
///     PointBuilder::new("a2#1", "RUS", "UKR", "190", "2024-03-01").evidence("Russian missiles hit Kharkiv").build(),
///     PointBuilder::new("a3#1", "UKRGOV", "RUS", "111", "2024-03-02").evidence("Kyiv condemned the attack").build(),
/// ];
/// let set = EventSet::from_points(points, ClusterConfig::default());
/// assert_eq!(set.n_clusters(), 2);
/// let series = set.series(&SeriesQuery::new("RUS", "UKR").bucket(Bucket::Month));
/// assert_eq!(series.buckets[0].count, 2); // two events, three reports
/// ```
#[derive(Debug)]
pub struct EventSet {
    pub(crate) clusterer: Clusterer,
    pub(crate) report_units: Vec<UnitRow>,
    pub(crate) cluster_units: Vec<UnitRow>,
    /// Indexed by [level][unit][direction].
    indexes: [[[OnceLock<PairIndex>; 2]; 2]; 3],
    /// The first and last day of any Day-precision report: the span the corpus covers.
    pub(crate) span: Option<(Day, Day)>,
}

impl From<Clusterer> for EventSet {
    fn from(clusterer: Clusterer) -> EventSet {
        let report_units = clusterer
            .reports
            .iter()
            .enumerate()
            .map(|(idx, r)| UnitRow {
                start: r.start,
                precision: r.precision,
                quad: r.quad,
                plover: r.plover,
                goldstein: r.goldstein,
                factual: r.factual,
                n_reports: 1,
                cluster: r.cluster,
                report: u32::try_from(idx).unwrap_or(NONE),
            })
            .collect();
        let cluster_units = clusterer
            .clusters
            .iter()
            .enumerate()
            .map(|(idx, c)| {
                let report = clusterer.representative(c);
                let representative = &clusterer.reports[report as usize];
                UnitRow {
                    start: c.start,
                    precision: c.precision,
                    quad: representative.quad,
                    plover: representative.plover,
                    goldstein: c.mean_goldstein(),
                    factual: c.factual(),
                    n_reports: u32::try_from(c.reports.len()).unwrap_or(u32::MAX),
                    cluster: u32::try_from(idx).unwrap_or(NONE),
                    report,
                }
            })
            .collect();
        let span = clusterer.reports.iter().filter(|r| r.precision == Precision::Day).fold(
            None,
            |span: Option<(Day, Day)>, r| {
                Some(span.map_or((r.start, r.start), |(lo, hi)| (lo.min(r.start), hi.max(r.start))))
            },
        );
        EventSet { clusterer, report_units, cluster_units, indexes: Default::default(), span }
    }
}

impl EventSet {
    /// Clusters `points` and freezes the result. The points are sorted by publication
    /// date, then event id, first, so the clusters and their ids do not depend on the
    /// order they came in.
    #[must_use]
    pub fn from_points(points: impl IntoIterator<Item = EventPoint>, config: ClusterConfig) -> EventSet {
        let mut points: Vec<EventPoint> = points.into_iter().collect();
        points.sort_by(|a, b| a.reported.cmp(&b.reported).then_with(|| a.id.cmp(&b.id)));
        let mut clusterer = Clusterer::new(config);
        for point in &points {
            clusterer.assign(point);
        }
        EventSet::from(clusterer)
    }

    /// Rebuilds a set from stored points and their stored cluster ids, without
    /// clustering again.
    #[must_use]
    pub fn from_assigned<'a>(
        points: impl IntoIterator<Item = (&'a EventPoint, ClusterId)>,
        config: ClusterConfig,
    ) -> EventSet {
        let mut clusterer = Clusterer::new(config);
        for (point, cluster) in points {
            clusterer.restore(point, cluster);
        }
        EventSet::from(clusterer)
    }

    /// The latest day of any Day-precision report: where the corpus ends.
    #[must_use]
    pub fn last_day(&self) -> Option<jiff::civil::Date> {
        self.span.map(|(_, last)| date_of(last))
    }

    /// The clusterer underneath, with its configuration.
    #[must_use]
    pub fn clusterer(&self) -> &Clusterer {
        &self.clusterer
    }

    #[must_use]
    pub fn n_reports(&self) -> usize {
        self.clusterer.n_reports()
    }

    #[must_use]
    pub fn n_clusters(&self) -> usize {
        self.clusterer.n_clusters()
    }

    /// The cluster with this id.
    #[must_use]
    pub fn cluster(&self, id: ClusterId) -> Option<Cluster> {
        self.clusterer.cluster(id)
    }

    /// The cluster of a report.
    #[must_use]
    pub fn cluster_of(&self, event_id: &str) -> Option<ClusterId> {
        self.clusterer.cluster_of(event_id)
    }

    /// Every cluster, in order of foundation.
    pub fn clusters(&self) -> impl Iterator<Item = Cluster> + '_ {
        self.clusterer.clusters()
    }

    pub(crate) fn units(&self, unit: Unit) -> &[UnitRow] {
        match unit {
            Unit::Cluster => &self.cluster_units,
            Unit::Report => &self.report_units,
        }
    }

    pub(crate) fn actor_name(&self, id: u32) -> &str {
        self.clusterer.actors.names.name(id)
    }

    /// The id of a query's actor at `level`.
    pub(crate) fn actor_id(&self, code: &str, level: ActorLevel) -> Option<u32> {
        self.clusterer.actors.lookup(code, level)
    }

    /// The units of every dyad, keyed by `(a, b)` actor ids at `options.level` (with
    /// `a <= b` when undirected), in unit order.
    pub(crate) fn pairs(&self, options: &DyadOptions) -> &PairIndex {
        let level = crate::cluster::level_index(options.level);
        let unit = usize::from(options.unit == Unit::Report);
        let direction = usize::from(options.direction == Direction::Undirected);
        self.indexes[level][unit][direction].get_or_init(|| self.build_pairs(options))
    }

    fn build_pairs(&self, options: &DyadOptions) -> PairIndex {
        let actors = &self.clusterer.actors;
        let key = |source: u32, target: u32| {
            let a = actors.key(source, options.level);
            let b = actors.key(target, options.level);
            match options.direction {
                Direction::Directed => (a, b),
                Direction::Undirected => (a.min(b), a.max(b)),
            }
        };
        let mut index = PairIndex::default();
        match options.unit {
            Unit::Report => {
                for (idx, report) in self.clusterer.reports.iter().enumerate() {
                    if report.target != NONE {
                        index.entry(key(report.source, report.target)).or_default().push(idx as u32);
                    }
                }
            }
            Unit::Cluster => {
                let mut keys: Vec<(u32, u32)> = Vec::new();
                for (idx, cluster) in self.clusterer.clusters.iter().enumerate() {
                    keys.clear();
                    for &r in &cluster.reports {
                        let report = &self.clusterer.reports[r as usize];
                        if report.target != NONE {
                            keys.push(key(report.source, report.target));
                        }
                    }
                    keys.sort_unstable();
                    keys.dedup();
                    for &k in &keys {
                        index.entry(k).or_default().push(idx as u32);
                    }
                }
            }
        }
        index
    }

    /// The units of one dyad, if any (actors given as codes at any level: `RUSGOV` asks
    /// for `RUS` at the country level).
    pub(crate) fn dyad_units(&self, a: &str, b: &str, options: &DyadOptions) -> Option<(Dyad, &[u32])> {
        let a_id = self.actor_id(a, options.level)?;
        let b_id = self.actor_id(b, options.level)?;
        let key = match options.direction {
            Direction::Directed => (a_id, b_id),
            Direction::Undirected => (a_id.min(b_id), a_id.max(b_id)),
        };
        let units = self.pairs(options).get(&key)?;
        Some((self.dyad(key, options), units))
    }

    pub(crate) fn dyad(&self, key: (u32, u32), options: &DyadOptions) -> Dyad {
        let (mut a, mut b) = (self.actor_name(key.0).to_string(), self.actor_name(key.1).to_string());
        if options.direction == Direction::Undirected && b < a {
            std::mem::swap(&mut a, &mut b);
        }
        Dyad { a, b, directed: options.direction == Direction::Directed }
    }

    /// Every dyad with its number of units (after the modality filter), most active
    /// first: what `faultline dyad` lists without arguments.
    #[must_use]
    pub fn dyads(&self, options: &DyadOptions) -> Vec<DyadSummary> {
        let units = self.units(options.unit);
        let mut out: Vec<DyadSummary> = self
            .pairs(options)
            .iter()
            .filter_map(|(&key, members)| {
                let mut summary = DyadSummary { dyad: self.dyad(key, options), ..DyadSummary::default() };
                let mut first = Day::MAX;
                let mut last = Day::MIN;
                for &u in members {
                    let unit = &units[u as usize];
                    if options.modality == ModalityFilter::Factual && !unit.factual {
                        continue;
                    }
                    summary.count += 1;
                    summary.reports += unit.n_reports;
                    if unit.quad.is_conflict() {
                        summary.conflict += 1;
                    }
                    first = first.min(unit.start);
                    last = last.max(unit.start);
                }
                (summary.count > 0).then(|| DyadSummary {
                    first: Some(date_of(first)),
                    last: Some(date_of(last)),
                    ..summary
                })
            })
            .collect();
        out.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.dyad.cmp(&y.dyad)));
        out
    }
}

/// A dyad and how much happened in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadSummary {
    pub dyad: Dyad,
    /// Units (clusters or reports) counted.
    pub count: u32,
    /// Reports behind them.
    pub reports: u32,
    /// Units in a conflict QuadClass.
    pub conflict: u32,
    pub first: Option<jiff::civil::Date>,
    pub last: Option<jiff::civil::Date>,
}
