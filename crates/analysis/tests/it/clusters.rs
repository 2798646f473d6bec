//! Event clusters: one real-world event, many reports. One-line cases over
//! `check_clusters(points, "ids of one cluster | ids of the next")`: clusters in order of
//! foundation, reports in arrival order (publication date, then id).

use crate::stories::{
    DAILY, DAILY_SENTENCE, ODESA, ODESA_SENTENCE, PROTEST, PROTEST_SENTENCE, SITE, SITE_SENTENCE, WIRE,
    WIRE_SENTENCE,
};
use crate::{check_clusters, check_clusters_with, p, partition};
use faultline_analysis::synth::PointBuilder;
use faultline_analysis::{
    ArticleFingerprint, ClusterConfig, ClusterId, Clusterer, CodeMatch, EventPoint, EventSet, GroupId,
    NearDupIndex,
};
use faultline_model::Precision;

const STRIKE: &str =
    "Russian missiles struck an energy facility in Kharkiv early on Friday, the governor said.";
const STRIKE_COPY: &str = "Russian missiles struck an energy facility in Kharkiv early Friday, regional governor Oleh Syniehubov said.";
const STRIKE_REWRITE: &str =
    "Russian missiles slammed into an energy plant in Kharkiv on Friday morning, the governor said.";
const OTHER_STRIKE: &str =
    "Russian drones hit grain silos in the port of Odesa overnight, injuring two dock workers.";
const COMPLAINT: &str = "Moscow lodged a formal complaint with Kyiv over the treatment of captured soldiers.";

/// The acceptance case, end to end from texts: the wire story in three outlets (grouped
/// by the near-duplicate index, each outlet with its own wording of the evidence) is one
/// cluster of three reports; the Odesa strike of the same day, dyad and type, and Kyiv's
/// protest, are clusters of their own.
#[test]
fn one_wire_story_in_three_outlets_is_one_cluster_of_three_reports() {
    let day = jiff::civil::date(2024, 3, 1);
    let mut groups = NearDupIndex::default();
    let mut group = |id: &str, text: &str| groups.assign(id, day, &ArticleFingerprint::of_text(text)).group;
    let points: Vec<EventPoint> = vec![
        p("wire#1", "RUSMIL", "UKR", "195", "2024-03-01", WIRE_SENTENCE)
            .group(group("wire", WIRE))
            .outlet("Wire"),
        p("daily#1", "RUS", "UKR", "190", "2024-03-01", DAILY_SENTENCE)
            .group(group("daily", DAILY))
            .outlet("Daily"),
        p("site#1", "RUS", "UKR", "195", "2024-03-01", SITE_SENTENCE)
            .group(group("site", SITE))
            .outlet("Site")
            .reported("2024-03-02"),
        p("odesa#1", "RUSMIL", "UKR", "195", "2024-03-01", ODESA_SENTENCE)
            .group(group("odesa", ODESA))
            .outlet("Wire"),
        p("protest#1", "UKRGOV", "RUS", "114", "2024-03-01", PROTEST_SENTENCE)
            .group(group("protest", PROTEST))
            .outlet("Wire"),
    ]
    .into_iter()
    .map(PointBuilder::build)
    .collect();
    let set = EventSet::from_points(points, ClusterConfig::default());
    assert_eq!(partition(&set), "daily#1 wire#1 site#1 | odesa#1 | protest#1");
    let strike = set.cluster(set.cluster_of("wire#1").unwrap()).unwrap();
    assert_eq!((strike.n_reports, strike.n_articles, strike.n_outlets), (3, 3, 3));
    assert_eq!((strike.source.as_str(), strike.target.as_deref()), ("RUS", Some("UKR")));
    assert_eq!(strike.cameo.as_str(), "195"); // the most reported code
    assert_eq!(strike.first_reported.to_string(), "2024-03-01");
    assert_eq!(strike.last_reported.to_string(), "2024-03-02");
    assert_eq!(strike.id, ClusterId::of("daily#1"));
}

#[test]
fn copies_of_one_report_are_one_event() {
    check_clusters(
        vec![
            p("a1#1", "RUSMIL", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_COPY),
            p("a3#1", "RUSGOV", "UKRMIL", "190", "2024-03-01", STRIKE),
        ],
        "a1#1 a2#1 a3#1",
    );
}

#[test]
fn two_strikes_in_different_places_the_same_day_are_two_events() {
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", OTHER_STRIKE),
        ],
        "a1#1 | a2#1",
    );
}

#[test]
fn a_strike_and_a_protest_of_one_dyad_and_day_are_two_events() {
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a1#2", "RUSGOV", "UKR", "114", "2024-03-01", COMPLAINT),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_COPY),
        ],
        "a1#1 a2#1 | a1#2",
    );
}

#[test]
fn codes_agree_by_root_or_plover_type() {
    // 18 and 19 are both ASSAULT
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "183", "2024-03-01", STRIKE),
        ],
        "a1#1 a2#1",
    );
    // same evidence, but a strike is not a criticism
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "111", "2024-03-01", STRIKE),
        ],
        "a1#1 | a2#1",
    );
    let by_root = ClusterConfig { codes: CodeMatch::Root, ..ClusterConfig::default() };
    check_clusters_with(
        &by_root,
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "183", "2024-03-01", STRIKE),
        ],
        "a1#1 | a2#1",
    );
    let exact = ClusterConfig { codes: CodeMatch::Exact, ..ClusterConfig::default() };
    check_clusters_with(
        &exact,
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "195", "2024-03-01", STRIKE),
        ],
        "a1#1 | a2#1",
    );
}

#[test]
fn dates_agree_within_two_days() {
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "190", "2024-03-03", STRIKE),
        ],
        "a1#1 a2#1",
    );
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "190", "2024-03-04", STRIKE),
        ],
        "a1#1 | a2#1",
    );
}

#[test]
fn an_imprecise_date_agrees_with_the_days_it_covers() {
    // "in March" / "in February", in articles of March 20
    let month = |id, date| {
        p(id, "RUS", "UKR", "190", date, STRIKE).precision(Precision::Month).reported("2024-03-20")
    };
    check_clusters(
        vec![p("a1#1", "RUS", "UKR", "190", "2024-03-17", STRIKE), month("a2#1", "2024-03-01")],
        "a1#1 a2#1",
    );
    check_clusters(
        vec![p("a1#1", "RUS", "UKR", "190", "2024-03-17", STRIKE), month("a2#1", "2024-02-01")],
        "a1#1 | a2#1",
    );
    // the window reaches two days past the month's end
    check_clusters(
        vec![p("a1#1", "RUS", "UKR", "190", "2024-03-02", STRIKE), month("a2#1", "2024-02-01")],
        "a1#1 a2#1",
    );
    // "last week", in an article of March 18
    let week = p("a2#1", "RUS", "UKR", "190", "2024-03-11", STRIKE)
        .precision(Precision::Week)
        .reported("2024-03-18");
    check_clusters(vec![p("a1#1", "RUS", "UKR", "190", "2024-03-15", STRIKE), week], "a1#1 a2#1");
}

#[test]
fn a_precise_report_dates_an_imprecise_cluster() {
    let points = vec![
        p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).precision(Precision::Month).build(),
        p("a2#1", "RUS", "UKR", "190", "2024-03-17", STRIKE).reported("2024-03-18").build(),
    ];
    let set = EventSet::from_points(points, ClusterConfig::default());
    let cluster = set.clusters().next().unwrap();
    assert_eq!((cluster.date.to_string(), cluster.precision), ("2024-03-17".to_string(), Precision::Day));
    assert_eq!(cluster.n_reports, 2);
}

#[test]
fn facts_and_pledges_never_mix() {
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).not_factual(),
        ],
        "a1#1 | a2#1",
    );
}

#[test]
fn direction_and_targets_matter() {
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "UKR", "RUS", "190", "2024-03-01", STRIKE),
        ],
        "a1#1 | a2#1",
    );
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "", "190", "2024-03-01", STRIKE),
        ],
        "a1#1 | a2#1",
    );
    check_clusters(
        vec![
            p("a1#1", "RUS", "", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUSMIL", "", "190", "2024-03-01", STRIKE),
        ],
        "a1#1 a2#1",
    );
}

#[test]
fn agents_split_clusters_only_when_asked() {
    let exact = ClusterConfig { level: faultline_analysis::ActorLevel::Exact, ..ClusterConfig::default() };
    check_clusters_with(
        &exact,
        vec![
            p("a1#1", "RUSMIL", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
        ],
        "a1#1 | a2#1",
    );
    // international bodies keep their second group at the country level
    check_clusters(
        vec![
            p("a1#1", "IGOUNO", "UKR", "042", "2024-03-01", STRIKE),
            p("a2#1", "IGONAT", "UKR", "042", "2024-03-01", STRIKE),
        ],
        "a1#1 | a2#1",
    );
}

#[test]
fn places_separate_and_corroborate() {
    // the same sentence about two places: the place decides
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).location("Kharkiv"),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).location("Odesa"),
        ],
        "a1#1 | a2#1",
    );
    // two wordings of one strike: the same place and code corroborate
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).location("Kharkiv"),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", OTHER_STRIKE).location("KHARKIV"),
        ],
        "a1#1 a2#1",
    );
    let no_places = ClusterConfig { use_locations: false, ..ClusterConfig::default() };
    check_clusters_with(
        &no_places,
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).location("Kharkiv"),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).location("Odesa"),
        ],
        "a1#1 a2#1",
    );
}

#[test]
fn one_wire_story_lets_rewritten_evidence_join() {
    let story = GroupId::of("a1");
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).group(story),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_REWRITE).group(story),
        ],
        "a1#1 a2#1",
    );
    // without the story, the rewrite is another report of unknown relation
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_REWRITE),
        ],
        "a1#1 | a2#1",
    );
    // two different strikes told in one story stay two, in every copy
    check_clusters(
        vec![
            p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).group(story),
            p("a1#2", "RUS", "UKR", "190", "2024-03-01", OTHER_STRIKE).group(story),
            p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_COPY).group(story),
            p("a2#2", "RUS", "UKR", "190", "2024-03-01", OTHER_STRIKE).group(story),
        ],
        "a1#1 a2#1 | a1#2 a2#2",
    );
}

#[test]
fn one_event_coded_twice_in_one_article_is_one_event_of_one_article() {
    // the standfirst repeats the first paragraph
    let points = vec![
        p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).outlet("Daily").build(),
        p("a1#2", "RUS", "UKR", "190", "2024-03-01", STRIKE).outlet("Daily").build(),
    ];
    let set = EventSet::from_points(points, ClusterConfig::default());
    let cluster = set.clusters().next().unwrap();
    assert_eq!((set.n_clusters(), cluster.n_reports, cluster.n_articles, cluster.n_outlets), (1, 2, 1, 1));
}

#[test]
fn without_evidence_nothing_corroborates() {
    check_clusters(
        vec![
            PointBuilder::new("a1#1", "RUS", "UKR", "190", "2024-03-01"),
            PointBuilder::new("a2#1", "RUS", "UKR", "190", "2024-03-01"),
        ],
        "a1#1 | a2#1",
    );
}

#[test]
fn clusters_do_not_depend_on_input_order() {
    let points: Vec<EventPoint> = vec![
        p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).build(),
        p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_COPY).build(),
        p("a3#1", "RUS", "UKR", "190", "2024-03-01", OTHER_STRIKE).build(),
        p("a4#1", "RUSGOV", "UKR", "114", "2024-03-02", COMPLAINT).build(),
    ];
    let forward = EventSet::from_points(points.clone(), ClusterConfig::default());
    let backward = EventSet::from_points(points.into_iter().rev(), ClusterConfig::default());
    let ids = |set: &EventSet| set.clusters().map(|c| (c.id, c.reports)).collect::<Vec<_>>();
    assert_eq!(ids(&forward), ids(&backward));
    assert_eq!(partition(&forward), "a1#1 a2#1 | a3#1 | a4#1");
}

#[test]
fn assigning_is_incremental_and_idempotent() {
    let mut clusterer = Clusterer::default();
    let first = clusterer.assign(&p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).build());
    let second = clusterer.assign(&p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_COPY).build());
    let again = clusterer.assign(&p("a2#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_COPY).build());
    assert!(first.new_cluster && !second.new_cluster && again.duplicate);
    assert_eq!(
        (first.cluster, second.cluster, again.cluster),
        (ClusterId::of("a1#1"), first.cluster, first.cluster)
    );
    assert_eq!((clusterer.n_reports(), clusterer.n_clusters()), (2, 1));
    assert_eq!(clusterer.cluster_of("a2#1"), Some(first.cluster));
}

/// After a restart the engine restores stored reports with their cluster ids; a new
/// report then joins the cluster it would have joined without the restart.
#[test]
fn restored_state_places_new_reports_like_the_original() {
    let stored: Vec<EventPoint> = vec![
        p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).build(),
        p("a2#1", "RUS", "UKR", "190", "2024-03-01", OTHER_STRIKE).build(),
        p("a3#1", "RUS", "UKR", "190", "2024-03-01", STRIKE_COPY).build(),
    ];
    let mut original = Clusterer::default();
    let ids: Vec<ClusterId> = stored.iter().map(|point| original.assign(point).cluster).collect();
    let mut restored = Clusterer::default();
    for (point, id) in stored.iter().zip(&ids) {
        restored.restore(point, *id);
    }
    let new = p("a4#1", "RUSMIL", "UKR", "195", "2024-03-02", STRIKE_COPY).build();
    assert_eq!(restored.assign(&new), original.assign(&new));
    assert_eq!(restored.cluster(ids[0]).unwrap().reports, ["a1#1", "a3#1", "a4#1"]);
    let set = EventSet::from_assigned(stored.iter().zip(ids.iter().copied()), ClusterConfig::default());
    assert_eq!(partition(&set), "a1#1 a3#1 | a2#1");
}

#[test]
fn cluster_ids_read_back_and_serialise_as_strings() {
    let id = ClusterId::of("a1#1");
    assert_eq!(id.to_string().parse::<ClusterId>().unwrap(), id);
    assert_eq!(ClusterId::from_i64(id.as_i64()), id);
    let set = EventSet::from_points(
        vec![p("a1#1", "RUS", "UKR", "190", "2024-03-01", STRIKE).build()],
        ClusterConfig::default(),
    );
    let json = serde_json::to_value(set.clusters().next().unwrap()).unwrap();
    assert_eq!(json["id"], id.to_string());
    assert_eq!(json["reports"][0], "a1#1");
}

#[test]
fn the_configuration_reads_from_json_with_defaults() {
    let config: ClusterConfig = serde_json::from_str(r#"{"date_window_days": 1, "codes": "root"}"#).unwrap();
    assert_eq!((config.date_window_days, config.codes), (1, CodeMatch::Root));
    assert_eq!(config.max_evidence_distance, ClusterConfig::default().max_evidence_distance);
    assert!(serde_json::from_str::<ClusterConfig>(r#"{"window": 1}"#).is_err());
}

/// On the benchmark's synthetic stream (smaller), clusters recover the generated events:
/// every cluster holds reports of one event, and nearly every event is one cluster
/// (agents, lags of up to two days and a few flipped fingerprint bits notwithstanding).
#[test]
fn clusters_recover_the_events_of_a_synthetic_stream() {
    use faultline_analysis::synth::{StreamConfig, stream};
    let points = stream(&StreamConfig { reports: 50_000, dyads: 2_000, ..StreamConfig::default() });
    // reports of event n are in articles `a{n}` and `a{n}-{k}`
    let event_of = |id: &str| id.trim_start_matches('a').split(['-', '#']).next().unwrap().to_string();
    let mut events: Vec<String> = points.iter().map(|p| event_of(&p.id)).collect();
    events.sort_unstable();
    events.dedup();
    let set = EventSet::from_points(points, ClusterConfig::default());
    let impure =
        set.clusters().filter(|c| c.reports.iter().any(|r| event_of(r) != event_of(&c.reports[0]))).count();
    assert_eq!(impure, 0);
    let split = set.n_clusters() - events.len();
    assert!(split * 1000 < events.len(), "{} clusters for {} events", set.n_clusters(), events.len());
}
