//! Escalation alerts on synthetic streams with a fixed seed: a known change point fires
//! within the documented delay, stationary streams of the same volume stay silent, and
//! the false-alarm rate over many stationary streams is measured and bounded.

use faultline_analysis::synth::{PointBuilder, Rng, root_profile};
use faultline_analysis::{
    AlertConfig, ClusterConfig, DayTotals, DyadOptions, EventPoint, EventSet, Metric, Unit, detect,
};
use jiff::civil::{Date, date};

const START: Date = date(2023, 1, 1);

/// Conflict roots and how often each occurs: criticism and accusations most, strikes
/// less.
const CONFLICT_MIX: [(&str, u32); 7] =
    [("111", 30), ("112", 20), ("130", 10), ("138", 10), ("172", 10), ("190", 15), ("195", 5)];

fn conflict_code(rng: &mut Rng) -> &'static str {
    let total: u32 = CONFLICT_MIX.iter().map(|(_, w)| w).sum();
    let mut pick = rng.below(total as usize) as u32;
    for (code, weight) in CONFLICT_MIX {
        if pick < weight {
            return code;
        }
        pick -= weight;
    }
    "111"
}

fn day(n: u32) -> String {
    START.checked_add(jiff::Span::new().days(i64::from(n))).unwrap().to_string()
}

/// A stream for the dyad QAA-QAB over `days` days: each day a Poisson number of
/// conflict events at `rate(day)` and of cooperation events at 2 a day, each event
/// reported 1 to 3 times with the same evidence fingerprint, in random directions.
fn stream(seed: u64, days: u32, rate: impl Fn(u32) -> f64) -> Vec<EventPoint> {
    let mut rng = Rng::new(seed);
    let mut points = Vec::new();
    let mut n = 0;
    for d in 0..days {
        let conflict = rng.poisson(rate(d));
        let cooperation = rng.poisson(2.0);
        for k in 0..conflict + cooperation {
            let code =
                if k < conflict { conflict_code(&mut rng) } else { ["042", "036", "057"][rng.below(3)] };
            let (a, b) = if rng.below(2) == 0 { ("QAA", "QABGOV") } else { ("QABMIL", "QAA") };
            let evidence = rng.next_u64();
            for _ in 0..1 + rng.below(3) {
                n += 1;
                points.push(
                    PointBuilder::new(&format!("s{n}#1"), a, b, code, &day(d))
                        .evidence_fingerprint(evidence)
                        .build(),
                );
            }
        }
    }
    points
}

fn alerts(points: Vec<EventPoint>, config: &AlertConfig) -> Vec<faultline_analysis::Alert> {
    EventSet::from_points(points, ClusterConfig::default()).alerts(config).unwrap()
}

/// The days the alerts were raised, as day numbers from `START`.
fn fired(alerts: &[faultline_analysis::Alert]) -> Vec<i64> {
    alerts.iter().map(|a| (a.raised - START).get_days().into()).collect()
}

#[test]
fn a_step_in_conflict_raises_one_alert_within_two_weeks() {
    // 2 conflict events a day for 300 days, then 6
    let points = stream(1, 330, |d| if d < 300 { 2.0 } else { 6.0 });
    let found = alerts(points, &AlertConfig::default());
    assert_eq!(found.len(), 1, "{:?}", fired(&found));
    let delay = (found[0].raised - START).get_days() - 300;
    assert!((0..14).contains(&delay), "delay {delay}");
    let alert = &found[0];
    assert_eq!(alert.dyad.to_string(), "QAA-QAB");
    assert!(alert.score >= 3.0 && alert.value >= 2.0 * alert.expected, "{alert:?}");
    assert_eq!((alert.baseline.period.end - alert.baseline.period.start).get_days(), 89);
}

#[test]
fn drivers_are_the_window_events_strongest_first() {
    let points = stream(2, 330, |d| if d < 300 { 2.0 } else { 6.0 });
    let set = EventSet::from_points(points, ClusterConfig::default());
    let alert = &set.alerts(&AlertConfig::default()).unwrap()[0];
    assert_eq!(alert.n_drivers, alert.window_events);
    assert!(alert.drivers.len() <= 25);
    let strengths: Vec<f32> = alert.drivers.iter().map(|d| d.goldstein.abs()).collect();
    assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
    assert!(alert.drivers.iter().all(|d| d.date >= alert.window.start && d.date <= alert.window.end));
    // drivers are events: their reports were clustered
    let driver = &alert.drivers[0];
    let cluster = set.cluster(driver.cluster).unwrap();
    assert_eq!(cluster.n_reports, driver.n_reports);
    assert!(cluster.reports.contains(&driver.event_id));
}

#[test]
fn a_stationary_stream_of_the_same_volume_stays_silent() {
    // the same number of conflict events over the same days, spread evenly
    let total = 300.0 * 2.0 + 30.0 * 6.0;
    let points = stream(1, 330, |_| total / 330.0);
    assert_eq!(fired(&alerts(points, &AlertConfig::default())), Vec::<i64>::new());
}

#[test]
fn silence_to_three_air_strikes_in_a_week_fires_and_three_criticisms_do_not() {
    let quiet = stream(3, 200, |_| 0.0);
    let with = |code: &str| {
        let mut points = quiet.clone();
        for (k, d) in [190u32, 192, 194].into_iter().enumerate() {
            points.push(
                PointBuilder::new(&format!("x{k}#1"), "QAA", "QAB", code, &day(d))
                    .evidence_fingerprint(k as u64 * 0x1234_5678_9abc)
                    .build(),
            );
        }
        points
    };
    // the third strike is on day 194; the second firing day raises it
    assert_eq!(fired(&alerts(with("190"), &AlertConfig::default())), [195]);
    assert_eq!(fired(&alerts(with("111"), &AlertConfig::default())), Vec::<i64>::new());
}

/// One event syndicated forty times is one event: silent per cluster, an alert per
/// report (what counting reports, as GDELT does, would raise).
#[test]
fn a_syndication_burst_is_not_an_escalation() {
    let mut points = stream(4, 200, |_| 1.0);
    for k in 0..40 {
        points.push(
            PointBuilder::new(&format!("wire{k}#1"), "QAA", "QAB", "190", &day(190))
                .evidence_fingerprint(0xfeed)
                .reported(&day(190 + k % 3))
                .build(),
        );
    }
    assert_eq!(fired(&alerts(points.clone(), &AlertConfig::default())), Vec::<i64>::new());
    let per_report = AlertConfig {
        dyads: DyadOptions { unit: Unit::Report, ..DyadOptions::default() },
        ..AlertConfig::default()
    };
    assert_eq!(fired(&alerts(points, &per_report)), [191]);
}

#[test]
fn days_before_a_full_baseline_are_not_evaluated() {
    // a burst on day 60 of the corpus: no baseline yet
    let points = stream(5, 120, |d| if (60..67).contains(&d) { 10.0 } else { 1.0 });
    assert_eq!(fired(&alerts(points, &AlertConfig::default())), Vec::<i64>::new());
}

#[test]
fn the_evaluation_range_limits_alerts() {
    let points = stream(1, 330, |d| if d < 300 { 2.0 } else { 6.0 });
    let config = AlertConfig { to: Some(date(2023, 10, 1)), ..AlertConfig::default() };
    assert_eq!(fired(&alerts(points, &config)), Vec::<i64>::new());
}

#[test]
fn one_dyad_alone() {
    let points = stream(1, 330, |d| if d < 300 { 2.0 } else { 6.0 });
    let set = EventSet::from_points(points, ClusterConfig::default());
    let config = AlertConfig::default();
    assert_eq!(set.dyad_alerts_of("QABMIL", "QAA", &config).unwrap().len(), 1);
    assert!(set.dyad_alerts_of("QAA", "QAC", &config).unwrap().is_empty());
}

#[test]
fn configuration_is_checked_and_reads_from_json() {
    let config: AlertConfig =
        serde_json::from_str(r#"{"window_days": 14, "metric": "count", "direction": "directed"}"#).unwrap();
    assert_eq!((config.window_days, config.metric, config.baseline_days), (14, Metric::Count, 90));
    let set = EventSet::from_points(Vec::new(), ClusterConfig::default());
    assert!(set.alerts(&AlertConfig { window_days: 0, ..AlertConfig::default() }).is_err());
    assert!(set.alerts(&AlertConfig { prior_events: 0.0, ..AlertConfig::default() }).is_err());
}

/// Daily intensities of a stationary stream: Poisson counts of conflict events at
/// `rate`, each weighing the |Goldstein| of a code drawn from the conflict mix.
fn stationary_days(rng: &mut Rng, days: usize, rate: f64) -> Vec<DayTotals> {
    (0..days)
        .map(|_| {
            let mut day = DayTotals::default();
            for _ in 0..rng.poisson(rate) {
                let code: faultline_model::CameoCode = conflict_code(rng).parse().unwrap();
                day.add(f64::from(root_profile(code.root()).1.abs()));
            }
            day
        })
        .collect()
}

/// The false-alarm rate: 100 stationary dyads of three years at each of eight rates,
/// from one conflict event every ten days to fifty a day, Goldstein-weighted. The
/// figure is printed (`-- --nocapture`); it must stay below one false alert per ten
/// dyad-years (measured: 89 in 2,190 dyad-years, 0.041 per dyad-year, none at five or
/// more events a day).
#[test]
fn false_alarms_on_stationary_streams_are_rare() {
    let config = AlertConfig::default();
    let mut rng = Rng::new(2024);
    let days = 3 * 365;
    let mut total_alerts = 0usize;
    let mut dyad_years = 0.0;
    for rate in [0.1, 0.3, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0] {
        let mut at_rate = 0;
        for _ in 0..100 {
            at_rate += detect(&stationary_days(&mut rng, days, rate), &config, None).len();
        }
        // evaluated years: the first baseline and window are not
        let years = 100.0 * (days - 96) as f64 / 365.0;
        eprintln!("rate {rate:5}/day: {at_rate} false alerts in {years:.0} dyad-years");
        total_alerts += at_rate;
        dyad_years += years;
    }
    let per_dyad_year = total_alerts as f64 / dyad_years;
    eprintln!(
        "false alerts: {total_alerts} in {dyad_years:.0} dyad-years = {per_dyad_year:.3} per dyad-year"
    );
    assert!(per_dyad_year < 0.1, "{per_dyad_year}");
}

/// Delays over many seeds: a tripling (2 to 6 conflict events a day) is raised within
/// three weeks every time, within a week in most (measured: median 5 days, 36 of 40
/// within 10). A doubling is only sometimes raised: `min_ratio` is 2, so it must be a
/// full doubling, sustained.
#[test]
fn a_tripling_is_raised_within_three_weeks() {
    let config = AlertConfig::default();
    let mut delays = Vec::new();
    for seed in 0..40 {
        let mut rng = Rng::new(seed);
        let mut days = stationary_days(&mut rng, 300, 2.0);
        days.extend(stationary_days(&mut rng, 60, 6.0));
        let episodes = detect(&days, &config, None);
        let raised = episodes.iter().find(|e| e.last >= 300).map(|e| e.raised.saturating_sub(300));
        delays.push(raised.unwrap_or(usize::MAX));
    }
    delays.sort_unstable();
    eprintln!("delays over 40 seeds: {delays:?}");
    assert!(delays.iter().all(|&d| d < 21), "{delays:?}");
    assert!(delays[20] <= 7, "median {}", delays[20]);
}

/// The same detector on daily counts ([`Metric::Count`]): a step from 2 to 6 events a
/// day is raised within three weeks on every seed (measured: median 4 days, 47 of 50
/// within 7); stationary stretches before it raise few false alerts (measured: none in
/// 50 stretches of 204 evaluated days).
#[test]
fn the_detector_on_counts() {
    let config = AlertConfig { metric: Metric::Count, ..AlertConfig::default() };
    let mut delays = Vec::new();
    let mut false_alerts = 0;
    for seed in 0..50 {
        let mut rng = Rng::new(seed);
        let days: Vec<DayTotals> = (0..400)
            .map(|d| {
                let mut day = DayTotals::default();
                (0..rng.poisson(if d < 300 { 2.0 } else { 6.0 })).for_each(|_| day.add(1.0));
                day
            })
            .collect();
        let episodes = detect(&days, &config, None);
        false_alerts += episodes.iter().filter(|e| e.last < 300).count();
        let raised = episodes.iter().find(|e| e.last >= 300).map(|e| e.raised.saturating_sub(300));
        delays.push(raised.unwrap_or(usize::MAX));
    }
    delays.sort_unstable();
    eprintln!("counts: delays over 50 seeds {delays:?}, {false_alerts} false alerts in 50 x 204 days");
    assert!(delays.iter().all(|&d| d < 21), "{delays:?}");
    assert!(delays[25] <= 7, "median {}", delays[25]);
    assert!(false_alerts <= 3, "{false_alerts}");
}
