//! Dyad time series: per pair of actors and per day, week or month, counts by PLOVER type
//! and QuadClass, Goldstein sum and mean, and the conflict-cooperation index.
//!
//! **The conflict-cooperation index** of a bucket is the Goldstein-weighted balance
//!
//! ```text
//! index = (C - K) / (C + K),  C = Σ |goldstein| over cooperation (QuadClass 1, 2),
//!                             K = Σ |goldstein| over conflict    (QuadClass 3, 4)
//! ```
//!
//! from -1 (only conflict) to +1 (only cooperation), `None` when the bucket has no
//! weighted events. Why this and not the mean Goldstein score: the mean mixes intensity
//! with the share of neutral statements (many `010 make statement` at 0 pull a week of
//! air strikes toward 0), while the balance asks only how the weight of what happened
//! splits between cooperation and conflict; the weights keep a war from being outweighed
//! by a handful of verbal statements; and being bounded it compares across dyads of very
//! different volume, where sums do not. The category comes from the QuadClass, the weight
//! from the Goldstein score, so a table that signs a code oddly cannot flip it. The sum and
//! mean are reported beside it for those who want them.
//!
//! Dates: a report or cluster counts in the bucket of its date when its precision is at
//! least the bucket's (a Day date anywhere; a Week date in week and month buckets, in the
//! month of its Monday; a Month date in month buckets). Coarser ones are left out and
//! counted in [`DyadSeries::imprecise`], rather than piled onto the first day of their
//! month.

use crate::day::{Day, date_of, day_of, month_number, month_start, week_start};
use crate::point::ActorLevel;
use crate::set::{Direction, Dyad, DyadOptions, EventSet, ModalityFilter, Unit, UnitRow};
use faultline_model::{Plover, Precision, QuadClass};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most buckets a series has: about 270 years of days. A longer range is cut at its
/// end.
pub const MAX_BUCKETS: usize = 100_000;

/// The length of a series bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    Day,
    /// ISO weeks, Monday to Sunday.
    #[default]
    Week,
    /// Calendar months.
    Month,
}

impl Bucket {
    fn key(self, day: Day) -> i32 {
        match self {
            Bucket::Day => day,
            Bucket::Week => week_start(day),
            Bucket::Month => month_number(day),
        }
    }

    fn step(self) -> i32 {
        match self {
            Bucket::Week => 7,
            Bucket::Day | Bucket::Month => 1,
        }
    }

    fn start(self, key: i32) -> Day {
        match self {
            Bucket::Day | Bucket::Week => key,
            Bucket::Month => month_start(key),
        }
    }

    /// Whether a date of this precision can be placed in one bucket.
    fn accepts(self, precision: Precision) -> bool {
        match self {
            Bucket::Day => precision == Precision::Day,
            Bucket::Week => matches!(precision, Precision::Day | Precision::Week),
            Bucket::Month => precision != Precision::Year,
        }
    }
}

/// What series to compute. Built with [`SeriesQuery::new`] and the methods below;
/// deserialisable from a JSON query (`{"a":"RUS","b":"UKR","bucket":"month"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesQuery {
    /// An actor code; matched at `options.level` (`RUSGOV` asks for `RUS` by default).
    pub a: String,
    pub b: String,
    #[serde(flatten)]
    pub options: DyadOptions,
    #[serde(default)]
    pub bucket: Bucket,
    /// First day counted (default: the dyad's first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Last day counted (default: the dyad's last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

impl SeriesQuery {
    /// The undirected, country-level, per-cluster, factual-only weekly series of `a`
    /// and `b`.
    #[must_use]
    pub fn new(a: &str, b: &str) -> SeriesQuery {
        SeriesQuery {
            a: a.to_string(),
            b: b.to_string(),
            options: DyadOptions::default(),
            bucket: Bucket::default(),
            from: None,
            to: None,
        }
    }

    /// What `a` did to `b` only.
    #[must_use]
    pub fn directed(mut self) -> SeriesQuery {
        self.options.direction = Direction::Directed;
        self
    }

    #[must_use]
    pub fn level(mut self, level: ActorLevel) -> SeriesQuery {
        self.options.level = level;
        self
    }

    /// Count reports instead of clusters.
    #[must_use]
    pub fn per_report(mut self) -> SeriesQuery {
        self.options.unit = Unit::Report;
        self
    }

    /// Count every modality, not only facts.
    #[must_use]
    pub fn all_modalities(mut self) -> SeriesQuery {
        self.options.modality = ModalityFilter::All;
        self
    }

    #[must_use]
    pub fn bucket(mut self, bucket: Bucket) -> SeriesQuery {
        self.bucket = bucket;
        self
    }

    #[must_use]
    pub fn between(mut self, from: Date, to: Date) -> SeriesQuery {
        self.from = Some(from);
        self.to = Some(to);
        self
    }

    #[must_use]
    pub fn options(mut self, options: DyadOptions) -> SeriesQuery {
        self.options = options;
        self
    }
}

/// Counts per QuadClass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuadCounts {
    pub verbal_cooperation: u32,
    pub material_cooperation: u32,
    pub verbal_conflict: u32,
    pub material_conflict: u32,
}

impl QuadCounts {
    fn add(&mut self, quad: QuadClass) {
        match quad {
            QuadClass::VerbalCooperation => self.verbal_cooperation += 1,
            QuadClass::MaterialCooperation => self.material_cooperation += 1,
            QuadClass::VerbalConflict => self.verbal_conflict += 1,
            QuadClass::MaterialConflict => self.material_conflict += 1,
        }
    }

    /// Conflict counts (QuadClass 3 and 4).
    #[must_use]
    pub fn conflict(&self) -> u32 {
        self.verbal_conflict + self.material_conflict
    }

    /// Cooperation counts (QuadClass 1 and 2).
    #[must_use]
    pub fn cooperation(&self) -> u32 {
        self.verbal_cooperation + self.material_cooperation
    }
}

/// One bucket of a series.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesBucket {
    /// The bucket's first day.
    pub start: Date,
    /// Units counted (clusters by default).
    pub count: u32,
    /// Reports behind them (equal to `count` per report).
    pub reports: u32,
    pub quad: QuadCounts,
    /// Counts per PLOVER type (CAMEO roots 01 and 02 have none and are only in `count`).
    pub plover: BTreeMap<Plover, u32>,
    pub goldstein_sum: f64,
    pub goldstein_mean: Option<f64>,
    /// The conflict-cooperation index; see the [module doc](self).
    pub index: Option<f64>,
    #[serde(skip)]
    cooperation_weight: f64,
    #[serde(skip)]
    conflict_weight: f64,
}

impl SeriesBucket {
    fn add(&mut self, unit: &UnitRow) {
        self.count += 1;
        self.reports += unit.n_reports;
        self.quad.add(unit.quad);
        if let Some(plover) = unit.plover {
            *self.plover.entry(plover).or_default() += 1;
        }
        let goldstein = f64::from(unit.goldstein);
        self.goldstein_sum += goldstein;
        if unit.quad.is_conflict() {
            self.conflict_weight += goldstein.abs();
        } else {
            self.cooperation_weight += goldstein.abs();
        }
    }

    /// The Goldstein weight of its cooperation and of its conflict, for an index over
    /// several buckets.
    pub(crate) fn weights(&self) -> (f64, f64) {
        (self.cooperation_weight, self.conflict_weight)
    }

    fn finish(&mut self) {
        if self.count > 0 {
            self.goldstein_mean = Some(self.goldstein_sum / f64::from(self.count));
        }
        let total = self.cooperation_weight + self.conflict_weight;
        if total > 0.0 {
            self.index = Some((self.cooperation_weight - self.conflict_weight) / total);
        }
    }
}

/// A dyad's series: dense buckets from the first to the last (empty ones included, so
/// charts need no gap filling).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DyadSeries {
    pub dyad: Dyad,
    pub options: DyadOptions,
    pub bucket: Bucket,
    pub buckets: Vec<SeriesBucket>,
    /// Units counted in the buckets.
    pub total: u32,
    /// Units of the dyad left out because their date is coarser than the bucket.
    pub imprecise: u32,
}

impl EventSet {
    /// The series of one dyad. Unknown actors give an empty series.
    #[must_use]
    pub fn series(&self, query: &SeriesQuery) -> DyadSeries {
        let options = query.options;
        let mut series = DyadSeries {
            dyad: Dyad {
                a: query.a.clone(),
                b: query.b.clone(),
                directed: options.direction == Direction::Directed,
            },
            options,
            bucket: query.bucket,
            buckets: Vec::new(),
            total: 0,
            imprecise: 0,
        };
        let Some((dyad, members)) = self.dyad_units(&query.a, &query.b, &options) else {
            return series;
        };
        series.dyad = dyad;
        let units = self.units(options.unit);
        let from = query.from.map(day_of);
        let to = query.to.map(day_of);
        let bucket = query.bucket;
        let mut selected: Vec<(i32, &UnitRow)> = Vec::with_capacity(members.len());
        for &m in members {
            let unit = &units[m as usize];
            if options.modality == ModalityFilter::Factual && !unit.factual {
                continue;
            }
            if from.is_some_and(|f| unit.start < f) || to.is_some_and(|t| unit.start > t) {
                continue;
            }
            if !bucket.accepts(unit.precision) {
                series.imprecise += 1;
                continue;
            }
            selected.push((bucket.key(unit.start), unit));
        }
        let first = from.map(|f| bucket.key(f)).or_else(|| selected.iter().map(|(k, _)| *k).min());
        let last = to.map(|t| bucket.key(t)).or_else(|| selected.iter().map(|(k, _)| *k).max());
        let (Some(first), Some(last)) = (first, last) else {
            return series;
        };
        if last < first {
            return series;
        }
        let step = bucket.step();
        // a query for ten thousand years of days is an error, not a reason to allocate
        let n = (((last - first) / step + 1) as usize).min(MAX_BUCKETS);
        series.buckets = (0..n)
            .map(|i| SeriesBucket {
                start: date_of(bucket.start(first + i as i32 * step)),
                ..SeriesBucket::default()
            })
            .collect();
        for (key, unit) in selected {
            let i = ((key - first) / step) as usize;
            if let Some(b) = series.buckets.get_mut(i) {
                b.add(unit);
                series.total += 1;
            }
        }
        for b in &mut series.buckets {
            b.finish();
        }
        series
    }
}
