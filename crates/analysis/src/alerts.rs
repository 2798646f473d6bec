//! Escalation alerts: a dyad's conflict intensity against its own baseline.
//!
//! **Method** (a z-score of a recent window against a rolling baseline). For each dyad
//! and each day `t` of the corpus, with `x_d` the dyad's conflict intensity on day `d`:
//!
//! - the *window* is the [`AlertConfig::window_days`] days ending on `t` (default 7),
//!   the *baseline* the [`AlertConfig::baseline_days`] days before it (default 90);
//! - `μ` and `σ` are the mean and sample standard deviation of `x_d` over the baseline,
//!   `S` the sum over the window, `W` the window length;
//! - the score is `z = (S - W μ) / (√W · max(σ, floor))`, the window's excess over
//!   what the baseline predicts, in standard deviations of a W-day sum (days taken as
//!   independent). The floor ([`AlertConfig::sd_floor`]) keeps a quiet dyad (σ near 0)
//!   from alerting on one event;
//! - the day *fires* when `z ≥` [`AlertConfig::threshold`] (default 3), the window
//!   holds at least [`AlertConfig::min_window_events`] conflict events (default 3), the
//!   baseline at least [`AlertConfig::min_baseline_events`] (default 0: a dyad going
//!   from silence to three air strikes in a week is the escalation analysts most want),
//!   and `S ≥` [`AlertConfig::min_ratio`] `· W μ` (default 1.5: on a dyad with fifty
//!   events a day a 16 % rise is statistically significant and analytically dull).
//!
//! Consecutive firing days are one alert (an *episode*): it reports the first firing
//! day's window and score, the peak score and the last firing day. The drivers are the
//! conflict events of the first firing window, strongest (largest |Goldstein|) first, then
//! most reported.
//!
//! **Intensity** ([`Metric`]): by default the sum of |Goldstein| of the day's conflict
//! events (QuadClass 3 and 4), so an air strike (-10) weighs five criticisms (-2); or
//! their count. Only Day-precision dates are placed on a day. Counting is per cluster
//! and factual-only by default ([`DyadOptions`]): a story syndicated forty times is one
//! event, and a threat of what will happen "if" is not a strike.
//!
//! **Coverage**: days before the corpus's first Day-precision report are unknown, not
//! quiet, so evaluation starts once a whole baseline and window lie inside the corpus.
//!
//! **Delay and false alarms** (measured by the tests): a step from 2 to 6 conflict
//! events a day fires within 3 days, and any rise to at least 3·√W·σ + W·μ over the
//! window fires within the window's length (7 days); on stationary Poisson streams the
//! rate of false alerts is below one per 10 dyad-years at the defaults (see the tests
//! for the measured figure).

use crate::day::{Day, date_of, day_of};
use crate::point::ClusterId;
use crate::set::{Dyad, DyadOptions, EventSet, ModalityFilter, UnitRow};
use crate::{Error, Result};
use faultline_model::{CameoCode, Plover, Precision, QuadClass};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The daily conflict intensity measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Sum of |Goldstein| over the day's conflict events.
    #[default]
    Goldstein,
    /// Number of conflict events.
    Count,
}

/// Alert parameters; see the [module doc](self) for the method and why the defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertConfig {
    /// Dyads: undirected, country level, per cluster, factual only by default.
    #[serde(flatten)]
    pub dyads: DyadOptions,
    pub metric: Metric,
    /// Baseline length in days (default 90).
    pub baseline_days: u32,
    /// Window length in days (default 7).
    pub window_days: u32,
    /// Score threshold in standard deviations (default 3).
    pub threshold: f64,
    /// Floor on the baseline's daily standard deviation, in metric units (default: 2.0
    /// Goldstein points a day, 0.5 events a day for [`Metric::Count`]).
    pub sd_floor: Option<f64>,
    /// Minimum conflict events in the window (default 3).
    pub min_window_events: u32,
    /// Minimum conflict events in the baseline (default 0).
    pub min_baseline_events: u32,
    /// Minimum ratio of the window's total to the baseline's expectation (default 1.5).
    pub min_ratio: f64,
    /// Drivers listed per alert, strongest first (default 25; `n_drivers` has them all).
    pub max_drivers: usize,
    /// First window end to evaluate (default: as early as the corpus allows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Last window end to evaluate (default: the corpus's last day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

impl Default for AlertConfig {
    fn default() -> AlertConfig {
        AlertConfig {
            dyads: DyadOptions::default(),
            metric: Metric::Goldstein,
            baseline_days: 90,
            window_days: 7,
            threshold: 3.0,
            sd_floor: None,
            min_window_events: 3,
            min_baseline_events: 0,
            min_ratio: 1.5,
            max_drivers: 25,
            from: None,
            to: None,
        }
    }
}

impl AlertConfig {
    /// The standard deviation floor in use.
    #[must_use]
    pub fn floor(&self) -> f64 {
        self.sd_floor.unwrap_or(match self.metric {
            Metric::Goldstein => 2.0,
            Metric::Count => 0.5,
        })
    }

    /// Checks the lengths and thresholds make sense.
    ///
    /// # Errors
    /// [`Error::Config`] naming the field.
    pub fn validate(&self) -> Result<()> {
        if self.window_days == 0 {
            return Err(Error::Config("alert window_days must be at least 1".into()));
        }
        if self.baseline_days < 2 {
            return Err(Error::Config("alert baseline_days must be at least 2".into()));
        }
        if !(self.threshold.is_finite() && self.floor().is_finite() && self.floor() > 0.0) {
            return Err(Error::Config(
                "alert threshold and sd_floor must be finite, sd_floor above 0".into(),
            ));
        }
        Ok(())
    }

    fn weight(&self, unit: &UnitRow) -> f64 {
        match self.metric {
            Metric::Goldstein => f64::from(unit.goldstein.abs()),
            Metric::Count => 1.0,
        }
    }
}

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// The baseline an alert was scored against.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub period: Period,
    /// Mean daily intensity.
    pub mean: f64,
    /// Sample standard deviation of the daily intensity.
    pub sd: f64,
    /// The standard deviation used: `max(sd, floor)`.
    pub sd_used: f64,
    /// Conflict events in the baseline.
    pub events: u32,
}

/// An event behind an alert.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Driver {
    pub cluster: ClusterId,
    /// The report standing for it (per cluster: the first with its most reported code).
    pub event_id: String,
    pub date: Date,
    pub cameo: CameoCode,
    pub plover: Option<Plover>,
    pub quad: QuadClass,
    pub goldstein: f32,
    pub n_reports: u32,
}

/// An escalation alert: one episode of consecutive firing days on one dyad.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub dyad: Dyad,
    /// The window of the first firing day.
    pub window: Period,
    pub baseline: Baseline,
    /// The score of the first firing day.
    pub score: f64,
    /// The window's total intensity.
    pub value: f64,
    /// What the baseline predicts for the window: `W μ`.
    pub expected: f64,
    /// Conflict events in the window.
    pub window_events: u32,
    /// The highest score of the episode and its window's last day.
    pub peak_score: f64,
    pub peak_date: Date,
    /// The last firing day.
    pub until: Date,
    /// The parameters it was computed with.
    pub method: AlertConfig,
    /// The conflict events of the window, strongest first (at most `max_drivers`).
    pub drivers: Vec<Driver>,
    /// All conflict events of the window.
    pub n_drivers: u32,
}

/// One episode found by [`detect`], in indexes into the daily series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    /// The first firing day (the end of its window).
    pub first: usize,
    pub last: usize,
    pub peak: usize,
    pub score: f64,
    pub peak_score: f64,
    pub value: f64,
    pub expected: f64,
    pub window_events: u32,
    pub baseline_mean: f64,
    pub baseline_sd: f64,
    pub baseline_events: u32,
}

/// The z-score detector over one dyad's daily series: `values[d]` the intensity of day
/// `d`, `counts[d]` its number of conflict events (same length). Days before
/// `baseline_days + window_days - 1` are not evaluated; `range` limits the evaluated
/// window ends further. Pure, so the store may feed it daily sums from SQL.
#[must_use]
pub fn detect(
    values: &[f64],
    counts: &[u32],
    config: &AlertConfig,
    range: Option<(usize, usize)>,
) -> Vec<Episode> {
    let n = values.len().min(counts.len());
    let w = config.window_days as usize;
    let b = config.baseline_days as usize;
    if w == 0 || b < 2 || n < w + b {
        return Vec::new();
    }
    let mut sum = vec![0.0f64; n + 1];
    let mut sum_sq = vec![0.0f64; n + 1];
    let mut events = vec![0u64; n + 1];
    for d in 0..n {
        sum[d + 1] = sum[d] + values[d];
        sum_sq[d + 1] = sum_sq[d] + values[d] * values[d];
        events[d + 1] = events[d] + u64::from(counts[d]);
    }
    let floor = config.floor();
    let (lo, hi) = range.unwrap_or((0, n - 1));
    let first_eval = (w + b - 1).max(lo);
    let last_eval = hi.min(n - 1);
    let mut episodes = Vec::new();
    let mut open: Option<Episode> = None;
    let b_f = b as f64;
    let w_f = w as f64;
    if first_eval > last_eval {
        return Vec::new();
    }
    for t in first_eval..=last_eval {
        let window_start = t + 1 - w;
        let baseline_start = window_start - b;
        let value = sum[t + 1] - sum[window_start];
        let window_events = u32::try_from(events[t + 1] - events[window_start]).unwrap_or(u32::MAX);
        let base_sum = sum[window_start] - sum[baseline_start];
        let base_sq = sum_sq[window_start] - sum_sq[baseline_start];
        let baseline_events =
            u32::try_from(events[window_start] - events[baseline_start]).unwrap_or(u32::MAX);
        let mean = base_sum / b_f;
        let sd = ((base_sq - b_f * mean * mean) / (b_f - 1.0)).max(0.0).sqrt();
        let expected = w_f * mean;
        let score = (value - expected) / (w_f.sqrt() * sd.max(floor));
        let fires = score >= config.threshold
            && window_events >= config.min_window_events
            && baseline_events >= config.min_baseline_events
            && value >= config.min_ratio * expected;
        match (&mut open, fires) {
            (Some(episode), true) => {
                episode.last = t;
                if score > episode.peak_score {
                    episode.peak_score = score;
                    episode.peak = t;
                }
            }
            (None, true) => {
                open = Some(Episode {
                    first: t,
                    last: t,
                    peak: t,
                    score,
                    peak_score: score,
                    value,
                    expected,
                    window_events,
                    baseline_mean: mean,
                    baseline_sd: sd,
                    baseline_events,
                });
            }
            (Some(_), false) => episodes.extend(open.take()),
            (None, false) => {}
        }
    }
    episodes.extend(open);
    episodes
}

impl EventSet {
    /// Escalation alerts over every dyad, latest first (then highest score).
    ///
    /// # Errors
    /// [`Error::Config`] for an invalid configuration.
    pub fn alerts(&self, config: &AlertConfig) -> Result<Vec<Alert>> {
        config.validate()?;
        let Some(span) = self.span else { return Ok(Vec::new()) };
        let units = self.units(config.dyads.unit);
        let mut scratch = Scratch::default();
        let mut alerts = Vec::new();
        let mut keys: Vec<&(u32, u32)> = self.pairs(&config.dyads).keys().collect();
        keys.sort_unstable();
        for key in keys {
            let members = &self.pairs(&config.dyads)[key];
            let dyad = || self.dyad(*key, &config.dyads);
            self.dyad_alerts(members, units, span, config, &mut scratch, dyad, &mut alerts);
        }
        alerts.sort_by(|x, y| {
            y.window
                .end
                .cmp(&x.window.end)
                .then(y.score.total_cmp(&x.score))
                .then_with(|| x.dyad.cmp(&y.dyad))
        });
        Ok(alerts)
    }

    /// Escalation alerts of one dyad (actors as codes at any level), in time order.
    ///
    /// # Errors
    /// [`Error::Config`] for an invalid configuration.
    pub fn dyad_alerts_of(&self, a: &str, b: &str, config: &AlertConfig) -> Result<Vec<Alert>> {
        config.validate()?;
        let Some(span) = self.span else { return Ok(Vec::new()) };
        let Some((dyad, members)) = self.dyad_units(a, b, &config.dyads) else { return Ok(Vec::new()) };
        let mut alerts = Vec::new();
        let units = self.units(config.dyads.unit);
        self.dyad_alerts(members, units, span, config, &mut Scratch::default(), || dyad, &mut alerts);
        Ok(alerts)
    }

    #[allow(clippy::too_many_arguments)]
    fn dyad_alerts(
        &self,
        members: &[u32],
        units: &[UnitRow],
        (first_day, last_day): (Day, Day),
        config: &AlertConfig,
        scratch: &mut Scratch,
        dyad: impl FnOnce() -> Dyad,
        alerts: &mut Vec<Alert>,
    ) {
        let counted = |unit: &UnitRow| {
            unit.quad.is_conflict()
                && unit.precision == Precision::Day
                && (config.dyads.modality == ModalityFilter::All || unit.factual)
                && unit.start >= first_day
                && unit.start <= last_day
        };
        // cheap rejection: too few conflict events to ever fill a window
        let n_conflict = members.iter().filter(|&&m| counted(&units[m as usize])).count();
        if n_conflict < config.min_window_events.max(1) as usize {
            return;
        }
        let n = (last_day - first_day + 1) as usize;
        scratch.values.clear();
        scratch.values.resize(n, 0.0);
        scratch.counts.clear();
        scratch.counts.resize(n, 0);
        for &m in members {
            let unit = &units[m as usize];
            if counted(unit) {
                let d = (unit.start - first_day) as usize;
                scratch.values[d] += config.weight(unit);
                scratch.counts[d] += 1;
            }
        }
        let clamp = |date: Date| (day_of(date) - first_day).clamp(0, n as i32 - 1) as usize;
        let range = (config.from.map_or(0, clamp), config.to.map_or(n - 1, clamp));
        let episodes = detect(&scratch.values, &scratch.counts, config, Some(range));
        if episodes.is_empty() {
            return;
        }
        let dyad = dyad();
        let w = config.window_days as i32;
        let b = config.baseline_days as i32;
        let floor = config.floor();
        for e in episodes {
            let end = first_day + e.first as i32;
            let start = end - w + 1;
            let mut drivers: Vec<&UnitRow> = members
                .iter()
                .map(|&m| &units[m as usize])
                .filter(|u| counted(u) && u.start >= start && u.start <= end)
                .collect();
            drivers.sort_by(|x, y| {
                y.goldstein
                    .abs()
                    .total_cmp(&x.goldstein.abs())
                    .then(y.n_reports.cmp(&x.n_reports))
                    .then(x.start.cmp(&y.start))
                    .then(x.cluster.cmp(&y.cluster))
            });
            let n_drivers = u32::try_from(drivers.len()).unwrap_or(u32::MAX);
            alerts.push(Alert {
                dyad: dyad.clone(),
                window: Period { start: date_of(start), end: date_of(end) },
                baseline: Baseline {
                    period: Period { start: date_of(start - b), end: date_of(start - 1) },
                    mean: e.baseline_mean,
                    sd: e.baseline_sd,
                    sd_used: e.baseline_sd.max(floor),
                    events: e.baseline_events,
                },
                score: e.score,
                value: e.value,
                expected: e.expected,
                window_events: e.window_events,
                peak_score: e.peak_score,
                peak_date: date_of(first_day + e.peak as i32),
                until: date_of(first_day + e.last as i32),
                method: config.clone(),
                drivers: drivers.into_iter().take(config.max_drivers).map(|u| self.driver(u)).collect(),
                n_drivers,
            });
        }
    }

    fn driver(&self, unit: &UnitRow) -> Driver {
        let clusterer = &self.clusterer;
        let report = &clusterer.reports[unit.report as usize];
        let cluster = clusterer.clusters.get(unit.cluster as usize).map_or(ClusterId(0), |c| c.id);
        Driver {
            cluster,
            event_id: report.event_id.to_string(),
            date: date_of(unit.start),
            cameo: clusterer.cameo(report.cameo).clone(),
            plover: unit.plover,
            quad: unit.quad,
            goldstein: unit.goldstein,
            n_reports: unit.n_reports,
        }
    }
}

#[derive(Default)]
struct Scratch {
    values: Vec<f64>,
    counts: Vec<u32>,
}
