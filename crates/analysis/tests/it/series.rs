//! Dyad series. `check(points, query, "start:count start:count ...")` with one-line
//! cases; the other fields get their own assertions.

use crate::p;
use faultline_analysis::synth::PointBuilder;
use faultline_analysis::{
    ActorLevel, Bucket, ClusterConfig, DyadOptions, EventPoint, EventSet, SeriesQuery, Unit,
};
use faultline_model::{Plover, Precision};
use jiff::civil::date;

const STRIKE: &str =
    "Russian missiles struck an energy facility in Kharkiv early on Friday, the governor said.";
const STRIKE_COPY: &str = "Russian missiles struck an energy facility in Kharkiv early Friday, regional governor Oleh Syniehubov said.";
const OTHER_STRIKE: &str =
    "Russian drones hit grain silos in the port of Odesa overnight, injuring two dock workers.";
const TALKS: &str = "Russian and Ukrainian negotiators met in Istanbul to discuss a prisoner exchange.";
const PLEDGE: &str =
    "Moscow would retaliate against Kyiv if the shelling of Belgorod continued, the Kremlin said.";
const PROTEST: &str = "Kyiv summoned Moscow's envoy over the strikes on civilian infrastructure.";
const SHELLING: &str =
    "Shelling damaged a school and a hospital in Sumy during March, the regional council said.";

/// A small world: on the week of March 4, 2024, one strike reported three times (once
/// by a Russian military source), another strike, talks, a conditional threat; Kyiv's
/// protest the next week; shelling "in March" known only to the month.
fn world() -> EventSet {
    let points: Vec<EventPoint> = vec![
        p("a1#1", "RUSMIL", "UKR", "190", "2024-03-04", STRIKE),
        p("a2#1", "RUS", "UKR", "190", "2024-03-04", STRIKE_COPY),
        p("a3#1", "RUS", "UKRGOV", "195", "2024-03-05", STRIKE).reported("2024-03-05"),
        p("a4#1", "RUS", "UKR", "190", "2024-03-06", OTHER_STRIKE),
        p("a5#1", "RUSGOV", "UKRGOV", "046", "2024-03-07", TALKS),
        p("a6#1", "RUSGOV", "UKR", "138", "2024-03-07", PLEDGE).not_factual(),
        p("a7#1", "UKRGOV", "RUSGOV", "114", "2024-03-12", PROTEST),
        p("a8#1", "RUS", "UKR", "190", "2024-03-01", SHELLING)
            .precision(Precision::Month)
            .reported("2024-03-20"),
    ]
    .into_iter()
    .map(PointBuilder::build)
    .collect();
    EventSet::from_points(points, ClusterConfig::default())
}

/// Asserts a series' buckets as `start:count` pairs.
#[track_caller]
fn check(set: &EventSet, query: SeriesQuery, expected: &str) {
    let series = set.series(&query);
    let found: Vec<String> = series.buckets.iter().map(|b| format!("{}:{}", b.start, b.count)).collect();
    assert_eq!(found.join(" "), expected, "{query:?}");
}

#[test]
fn counts_events_not_reports_by_default() {
    let set = world();
    check(&set, SeriesQuery::new("RUS", "UKR"), "2024-03-04:3 2024-03-11:1");
    check(&set, SeriesQuery::new("RUS", "UKR").per_report(), "2024-03-04:5 2024-03-11:1");
    let week = &set.series(&SeriesQuery::new("RUS", "UKR")).buckets[0];
    assert_eq!(week.reports, 5);
}

#[test]
fn directed_and_undirected() {
    let set = world();
    check(&set, SeriesQuery::new("RUS", "UKR").directed(), "2024-03-04:3");
    check(&set, SeriesQuery::new("UKR", "RUS").directed(), "2024-03-11:1");
    check(&set, SeriesQuery::new("UKR", "RUS"), "2024-03-04:3 2024-03-11:1");
}

#[test]
fn actors_match_by_country_or_exactly() {
    let set = world();
    // any code asks for its country at the country level
    check(&set, SeriesQuery::new("RUSGOV", "ukr").directed(), "2024-03-04:3");
    check(&set, SeriesQuery::new("RUSGOV", "UKRGOV").level(ActorLevel::Exact), "2024-03-04:1 2024-03-11:1");
    // the strike cluster counts for an exact dyad when one of its reports has it
    check(&set, SeriesQuery::new("RUSMIL", "UKR").level(ActorLevel::Exact), "2024-03-04:1");
    check(&set, SeriesQuery::new("RUS", "UKRGOV").level(ActorLevel::Exact), "2024-03-04:1");
    check(&set, SeriesQuery::new("RUSMIL", "UKR").level(ActorLevel::Sector), "2024-03-04:1");
}

#[test]
fn facts_by_default_everything_on_request() {
    let set = world();
    check(&set, SeriesQuery::new("RUS", "UKR").all_modalities(), "2024-03-04:4 2024-03-11:1");
}

#[test]
fn buckets_are_dense_days_weeks_and_months() {
    let set = world();
    check(
        &set,
        SeriesQuery::new("RUS", "UKR").bucket(Bucket::Day),
        "2024-03-04:1 2024-03-05:0 2024-03-06:1 2024-03-07:1 2024-03-08:0 2024-03-09:0 2024-03-10:0 2024-03-11:0 2024-03-12:1",
    );
    // the strike known only to the month counts in month buckets
    check(&set, SeriesQuery::new("RUS", "UKR").bucket(Bucket::Month), "2024-03-01:5");
    check(
        &set,
        SeriesQuery::new("RUS", "UKR").between(date(2024, 2, 26), date(2024, 3, 24)),
        "2024-02-26:0 2024-03-04:3 2024-03-11:1 2024-03-18:0",
    );
    check(
        &set,
        SeriesQuery::new("RUS", "UKR").between(date(2024, 3, 5), date(2024, 3, 6)).bucket(Bucket::Day),
        "2024-03-05:0 2024-03-06:1",
    );
}

#[test]
fn imprecise_dates_are_left_out_of_finer_buckets_and_counted() {
    let set = world();
    assert_eq!(set.series(&SeriesQuery::new("RUS", "UKR")).imprecise, 1);
    assert_eq!(set.series(&SeriesQuery::new("RUS", "UKR").bucket(Bucket::Month)).imprecise, 0);
}

#[test]
fn counts_by_type_goldstein_and_index() {
    let set = world();
    let series = set.series(&SeriesQuery::new("RUS", "UKR"));
    let week = &series.buckets[0];
    assert_eq!(week.quad.material_conflict, 2);
    assert_eq!(week.quad.verbal_cooperation, 1);
    assert_eq!(week.plover.get(&Plover::Assault), Some(&2));
    assert_eq!(week.plover.get(&Plover::Consult), Some(&1));
    // two strikes at -10 and talks at +1
    assert_eq!(week.goldstein_sum, -19.0);
    assert_eq!(week.goldstein_mean, Some(-19.0 / 3.0));
    assert_eq!(week.index, Some((1.0 - 20.0) / 21.0));
    let next = &series.buckets[1];
    assert_eq!((next.quad.verbal_conflict, next.index), (1, Some(-1.0)));
    assert_eq!(series.total, 4);
}

#[test]
fn an_empty_bucket_has_no_mean_or_index() {
    let set = world();
    let series = set.series(&SeriesQuery::new("RUS", "UKR").bucket(Bucket::Day));
    let empty = &series.buckets[1];
    assert_eq!((empty.count, empty.goldstein_mean, empty.index), (0, None, None));
}

#[test]
fn unknown_actors_give_an_empty_series() {
    let set = world();
    check(&set, SeriesQuery::new("CHN", "UKR"), "");
    check(&set, SeriesQuery::new("not a code", "UKR"), "");
}

#[test]
fn dyads_are_listed_most_active_first() {
    let set = world();
    let dyads = set.dyads(&DyadOptions::default());
    assert_eq!(dyads.len(), 1);
    assert_eq!(
        (dyads[0].dyad.to_string(), dyads[0].count, dyads[0].reports, dyads[0].conflict),
        ("RUS-UKR".into(), 5, 7, 4)
    );
    let per_report = set.dyads(&DyadOptions { unit: Unit::Report, ..DyadOptions::default() });
    assert_eq!(per_report[0].count, 7);
}

#[test]
fn queries_read_from_json() {
    let query: SeriesQuery = serde_json::from_str(
        r#"{"a": "RUS", "b": "UKR", "bucket": "day", "direction": "directed", "unit": "report"}"#,
    )
    .unwrap();
    assert_eq!(query, SeriesQuery::new("RUS", "UKR").bucket(Bucket::Day).directed().per_report());
    let json = serde_json::to_value(world().series(&SeriesQuery::new("RUS", "UKR"))).unwrap();
    assert_eq!(json["buckets"][0]["plover"]["ASSAULT"], 2);
    assert_eq!(json["dyad"]["a"], "RUS");
}

#[test]
fn an_absurd_range_is_cut_not_allocated() {
    let set = world();
    let query = SeriesQuery::new("RUS", "UKR").bucket(Bucket::Day).between(date(1, 1, 1), date(9999, 12, 31));
    let series = set.series(&query);
    assert_eq!(series.buckets.len(), faultline_analysis::series::MAX_BUCKETS);
    assert_eq!(series.total, 0); // 2024 is past the cut
}
