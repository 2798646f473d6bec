//! Escalation alerts: a dyad's conflict intensity against its own baseline.
//!
//! **Method**: a z-score of a recent window against a rolling baseline, computed under a
//! (quasi-)Poisson model of conflict events so that it stays honest at the low counts
//! most dyads have. For each dyad and each day `t` of the corpus:
//!
//! - the *window* is the [`AlertConfig::window_days`] days ending on `t` (default 7), the
//!   *baseline* the [`AlertConfig::baseline_days`] days before it (default 90);
//! - the day's *intensity* is the sum of the weights `w` of its conflict events
//!   (QuadClass 3 and 4): `|Goldstein|` by default, so an air strike (10) weighs five
//!   criticisms (2), or 1 each with [`Metric::Count`];
//! - the baseline is padded with [`AlertConfig::prior_events`] typical conflict events
//!   (default 3, of weight 5; 1 for counts): a silent dyad is expected to have about one
//!   conflict event a month, not none. This is the floor on the baseline's rate and
//!   spread, so that one event on a silent dyad is not infinitely surprising;
//! - the window's total `S` is compared with the baseline's expectation `E = W μ` (`μ`
//!   the padded mean daily intensity) in units of the *scale*
//!   `c = max(Σw² / Σw, s² / μ₀) · (1 + W/B)`: the size of one "typical" event for a
//!   compound Poisson sum, raised to the baseline's observed over-dispersion (`s²` the
//!   sample variance of its daily intensity, `μ₀` its unpadded mean) and by the
//!   uncertainty of a rate estimated from `B` days. `S / c` is then about Poisson with
//!   mean `E / c`;
//! - the *score* is that Poisson tail as a z-score, skew-corrected by the Wilson-Hilferty
//!   approximation: with `k = S / c` and `m = E / c`,
//!   `z = 3 √k (1 - 1/(9k) - (m/k)^(1/3))`. For large counts it equals the plain
//!   `(S - E) / √(c E)`; for small ones it does not call three events against an
//!   expected one a 3-sigma surprise, as the normal approximation would;
//! - the day *fires* when `z ≥` [`AlertConfig::threshold`] (default 3), the window holds
//!   at least [`AlertConfig::min_window_events`] conflict events (default 3), the
//!   baseline at least [`AlertConfig::min_baseline_events`] (default 0: a dyad going from
//!   silence to air strikes is the escalation analysts most want), and
//!   `S ≥` [`AlertConfig::min_ratio`] `· E` (default 2: at least double the usual
//!   intensity; on a dyad with fifty events a day, a 16 % rise is statistically
//!   significant and analytically dull).
//!
//! An alert is *raised* on the [`AlertConfig::min_days`]-th consecutive firing day
//! (default 2: a one-day blip of the window sum is the commonest false alarm, and
//! waiting a day halves them). It reports the first firing day's window, score and
//! baseline. The *episode* goes on while the window stays escalated against the
//! baseline it was raised on (a dyad at war stays one alert while its rolling baseline
//! catches up with the war), and ends a whole window after its last escalated day;
//! `peak_score` and `until` say how high and how long. Its drivers are the conflict
//! events of the first firing window, strongest (largest |Goldstein|) first, then most
//! reported. Only Day-precision dates are placed on a day. Counting is
//! per cluster and factual-only by default ([`DyadOptions`]): a story syndicated forty
//! times is one event, and a threat of what will happen "if" is not a strike.
//!
//! **Coverage**: days before the corpus's first Day-precision report are unknown, not
//! quiet, so evaluation starts once a whole baseline and window lie inside the corpus.
//!
//! **Delay and false alarms**, measured by this crate's tests on seeded Poisson streams
//! (`tests/it/alerts.rs`) at the defaults:
//!
//! - a tripling of a dyad's conflict (2 to 6 events a day, Goldstein-weighted) is raised
//!   after a median of 5 days, within 10 days on 36 of 40 seeds, within 3 weeks on all;
//!   counted events: median 4 days;
//! - a doubling is raised only when it is sustained and clean: `min_ratio` asks for a
//!   full doubling of the window over the baseline's expectation;
//! - silence to three air strikes in a week is raised the day after the third strike;
//!   three criticisms are not;
//! - false alerts on stationary Poisson streams: 89 in 2,190 dyad-years (0.041 per
//!   dyad-year, one per 25 dyad-years), from 100 dyads of three years at each of 0.1,
//!   0.3, 1, 2, 5, 10, 20 and 50 conflict events a day; none at 5 a day or more, the
//!   most (0.11 per dyad-year) at 2 a day. Real news is burstier than Poisson; the
//!   over-dispersion term of the scale absorbs what the baseline shows of it.

use crate::day::{Day, date_of, day_of};
use crate::point::ClusterId;
use crate::set::{Dyad, DyadOptions, EventSet, ModalityFilter, UnitRow};
use crate::{Error, Result};
use faultline_model::{CameoCode, Plover, Precision, QuadClass};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The weight of a conflict event in the daily intensity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Its |Goldstein| score.
    #[default]
    Goldstein,
    /// 1: the intensity is the number of conflict events.
    Count,
}

impl Metric {
    /// The weight of the typical conflict event the baseline is padded with: a Goldstein
    /// score of 5 (between a threat and a show of force), or 1 event.
    #[must_use]
    pub fn prior_weight(self) -> f64 {
        match self {
            Metric::Goldstein => 5.0,
            Metric::Count => 1.0,
        }
    }
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
    /// Typical conflict events added to every baseline: the floor on its rate and spread
    /// (default 3).
    pub prior_events: f64,
    /// Minimum conflict events in the window (default 3).
    pub min_window_events: u32,
    /// Minimum conflict events in the baseline (default 0).
    pub min_baseline_events: u32,
    /// Minimum ratio of the window's total to the baseline's expectation (default 2).
    pub min_ratio: f64,
    /// Consecutive firing days needed to raise an alert (default 2).
    pub min_days: u32,
    /// Drivers listed per alert, strongest first (default 25; `n_drivers` counts all).
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
            prior_events: 3.0,
            min_window_events: 3,
            min_baseline_events: 0,
            min_ratio: 2.0,
            min_days: 2,
            max_drivers: 25,
            from: None,
            to: None,
        }
    }
}

impl AlertConfig {
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
        if !(self.prior_events.is_finite() && self.prior_events > 0.0) {
            return Err(Error::Config("alert prior_events must be above 0".into()));
        }
        if !(self.threshold.is_finite() && self.min_ratio.is_finite()) {
            return Err(Error::Config("alert threshold and min_ratio must be finite".into()));
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
    /// Conflict events in the baseline.
    pub events: u32,
    /// Mean daily intensity (without the prior events).
    pub mean: f64,
    /// Sample standard deviation of the daily intensity.
    pub sd: f64,
    /// The scale `c`: the size of one typical event, raised by over-dispersion.
    pub scale: f64,
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
    /// The score of the first firing day, in standard deviations.
    pub score: f64,
    /// The window's total intensity `S`.
    pub value: f64,
    /// What the (padded) baseline predicts for the window: `E = W μ`.
    pub expected: f64,
    /// Conflict events in the window.
    pub window_events: u32,
    /// The day the alert was raised: the `min_days`-th consecutive firing day.
    pub raised: Date,
    /// The highest score of the episode and its window's last day.
    pub peak_score: f64,
    pub peak_date: Date,
    /// The episode's last firing day.
    pub until: Date,
    /// The parameters it was computed with.
    pub method: AlertConfig,
    /// The conflict events of the window, strongest first (at most `max_drivers`).
    pub drivers: Vec<Driver>,
    /// All conflict events of the window.
    pub n_drivers: u32,
}

/// One day of a dyad's conflict: what [`detect`] reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DayTotals {
    /// Conflict events.
    pub events: u32,
    /// Sum of their weights (the day's intensity).
    pub weight: f64,
    /// Sum of their squared weights.
    pub weight_sq: f64,
}

impl DayTotals {
    /// Adds one event of weight `w`.
    pub fn add(&mut self, w: f64) {
        self.events += 1;
        self.weight += w;
        self.weight_sq += w * w;
    }
}

/// One alert found by [`detect`], in indexes into the daily series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    /// The first day of the run of firing days that raised the alert (its window ends
    /// there); the scores and baseline below are that day's.
    pub first: usize,
    /// The day the alert was raised: `first + min_days - 1`.
    pub raised: usize,
    /// The episode's last firing day.
    pub last: usize,
    pub peak: usize,
    pub score: f64,
    pub peak_score: f64,
    pub value: f64,
    pub expected: f64,
    pub window_events: u32,
    pub baseline_events: u32,
    pub baseline_mean: f64,
    pub baseline_sd: f64,
    pub scale: f64,
}

/// An episode being followed by [`detect`].
struct Open {
    last_fire: usize,
    run_start: usize,
    run_len: u32,
    run_first: Episode,
    peak: usize,
    peak_score: f64,
    raised: Option<Episode>,
}

/// The Poisson upper tail `P(X ≥ k)`, `X ~ Poisson(m)`, as a z-score, by the
/// Wilson-Hilferty approximation of the equivalent gamma tail (continuous in `k`).
#[must_use]
pub fn poisson_z(k: f64, m: f64) -> f64 {
    if k <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if m <= 0.0 {
        return f64::INFINITY;
    }
    3.0 * k.sqrt() * (1.0 - 1.0 / (9.0 * k) - (m / k).cbrt())
}

/// The detector over one dyad's daily series (see the [module doc](self)). Days before
/// `baseline_days + window_days - 1` are not evaluated; `range` (first and last day
/// index) limits the evaluated window ends further. Pure, so the store may feed it daily
/// totals from SQL.
#[must_use]
pub fn detect(days: &[DayTotals], config: &AlertConfig, range: Option<(usize, usize)>) -> Vec<Episode> {
    let n = days.len();
    let w = config.window_days as usize;
    let b = config.baseline_days as usize;
    if w == 0 || b < 2 || n < w + b {
        return Vec::new();
    }
    // prefix sums of events, weights, squared weights and squared daily intensities
    let mut events = vec![0u64; n + 1];
    let mut weight = vec![0.0f64; n + 1];
    let mut weight_sq = vec![0.0f64; n + 1];
    let mut daily_sq = vec![0.0f64; n + 1];
    for (d, day) in days.iter().enumerate() {
        events[d + 1] = events[d] + u64::from(day.events);
        weight[d + 1] = weight[d] + day.weight;
        weight_sq[d + 1] = weight_sq[d] + day.weight_sq;
        daily_sq[d + 1] = daily_sq[d] + day.weight * day.weight;
    }
    let (w_f, b_f) = (w as f64, b as f64);
    let prior_w = config.metric.prior_weight();
    let prior_sum = config.prior_events * prior_w;
    let prior_sq = config.prior_events * prior_w * prior_w;
    let (lo, hi) = range.unwrap_or((0, n - 1));
    let first_eval = (w + b - 1).max(lo);
    let last_eval = hi.min(n - 1);
    if first_eval > last_eval {
        return Vec::new();
    }
    let mut episodes = Vec::new();
    let mut open: Option<Open> = None;
    let min_days = config.min_days.max(1);
    let close = |open: Open, episodes: &mut Vec<Episode>| {
        if let Some(mut episode) = open.raised {
            episode.peak = open.peak;
            episode.peak_score = open.peak_score;
            episodes.push(episode);
        }
    };
    for t in first_eval..=last_eval {
        let window_start = t + 1 - w;
        let baseline_start = window_start - b;
        let value = weight[t + 1] - weight[window_start];
        let window_events = u32::try_from(events[t + 1] - events[window_start]).unwrap_or(u32::MAX);
        let base_events = events[window_start] - events[baseline_start];
        let base_sum = weight[window_start] - weight[baseline_start];
        let base_sq = weight_sq[window_start] - weight_sq[baseline_start];
        let base_daily_sq = daily_sq[window_start] - daily_sq[baseline_start];
        let mean = base_sum / b_f;
        let sd = ((base_daily_sq - b_f * mean * mean) / (b_f - 1.0)).max(0.0).sqrt();
        let padded_mean = (base_sum + prior_sum) / b_f;
        let poisson_scale = (base_sq + prior_sq) / (base_sum + prior_sum);
        let dispersed_scale = if mean > 0.0 { sd * sd / mean } else { 0.0 };
        let scale = poisson_scale.max(dispersed_scale) * (1.0 + w_f / b_f);
        let expected = w_f * padded_mean;
        let score = poisson_z(value / scale, expected / scale);
        let baseline_events = u32::try_from(base_events).unwrap_or(u32::MAX);
        let fires = score >= config.threshold
            && window_events >= config.min_window_events
            && baseline_events >= config.min_baseline_events
            && value >= config.min_ratio * expected;
        if !fires {
            // a raised episode goes on while the window stays escalated against the
            // baseline it was raised on (the dyad has not returned to its old normal,
            // even if its rolling baseline has caught up), and ends a whole window
            // after its last escalated day
            let continues = open.as_ref().and_then(|o| o.raised.as_ref()).is_some_and(|r| {
                value >= config.min_ratio * r.expected
                    && poisson_z(value / r.scale, r.expected / r.scale) >= config.threshold
            });
            if let Some(o) = open.as_mut().filter(|_| continues) {
                o.last_fire = t;
                o.run_len = 0;
                if let Some(raised) = &mut o.raised {
                    raised.last = t;
                }
            } else if open.as_ref().is_some_and(|o| t - o.last_fire >= w)
                && let Some(ended) = open.take()
            {
                close(ended, &mut episodes);
            }
            continue;
        }
        let today = Episode {
            first: t,
            raised: t,
            last: t,
            peak: t,
            score,
            peak_score: score,
            value,
            expected,
            window_events,
            baseline_events,
            baseline_mean: mean,
            baseline_sd: sd,
            scale,
        };
        let o = open.get_or_insert(Open {
            last_fire: t,
            run_start: t,
            run_len: 0,
            run_first: today,
            peak: t,
            peak_score: score,
            raised: None,
        });
        if o.run_len == 0 || o.last_fire + 1 != t {
            o.run_start = t;
            o.run_len = 0;
            o.run_first = today;
        }
        o.run_len += 1;
        o.last_fire = t;
        if score > o.peak_score {
            o.peak_score = score;
            o.peak = t;
        }
        if o.raised.is_none() && o.run_len >= min_days {
            o.raised = Some(Episode { raised: t, ..o.run_first });
        }
        if let Some(raised) = &mut o.raised {
            raised.last = t;
        }
        debug_assert_eq!(o.run_first.first, o.run_start);
    }
    if let Some(ended) = open {
        close(ended, &mut episodes);
    }
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
        scratch.days.clear();
        scratch.days.resize(n, DayTotals::default());
        for &m in members {
            let unit = &units[m as usize];
            if counted(unit) {
                scratch.days[(unit.start - first_day) as usize].add(config.weight(unit));
            }
        }
        let clamp = |date: Date| (day_of(date) - first_day).clamp(0, n as i32 - 1) as usize;
        let range = (config.from.map_or(0, clamp), config.to.map_or(n - 1, clamp));
        let episodes = detect(&scratch.days, config, Some(range));
        if episodes.is_empty() {
            return;
        }
        let dyad = dyad();
        let w = config.window_days as i32;
        let b = config.baseline_days as i32;
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
                    events: e.baseline_events,
                    mean: e.baseline_mean,
                    sd: e.baseline_sd,
                    scale: e.scale,
                },
                score: e.score,
                value: e.value,
                expected: e.expected,
                window_events: e.window_events,
                raised: date_of(first_day + e.raised as i32),
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
    days: Vec<DayTotals>,
}
