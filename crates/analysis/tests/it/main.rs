//! The crate's one integration-test binary. Tests are data: a `check` per feature, then
//! one-line cases. The texts in `stories` are synthetic, written for these tests.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they set up

mod alerts;
mod clusters;
mod commitments;
mod fingerprints;
mod neardup;
mod points;
mod series;
mod stories;

use faultline_analysis::synth::PointBuilder;
use faultline_analysis::{ClusterConfig, EventPoint, EventSet};

/// A report of `cameo` by `source` on `target` on `date`, with evidence `sentence`:
/// `p("a1#1", "RUSMIL", "UKR", "190", "2024-03-01", "Russian missiles hit Kharkiv")`.
pub fn p(id: &str, source: &str, target: &str, cameo: &str, date: &str, sentence: &str) -> PointBuilder {
    PointBuilder::new(id, source, target, cameo, date).evidence(sentence)
}

/// The clusters of `points` as a partition of their event ids, written `"a b | c"`:
/// clusters in order of their first report, reports in arrival order.
pub fn partition(set: &EventSet) -> String {
    set.clusters().map(|c| c.reports.join(" ")).collect::<Vec<_>>().join(" | ")
}

/// Asserts that `points`, clustered with the default rules, form `expected`.
#[track_caller]
pub fn check_clusters(points: Vec<PointBuilder>, expected: &str) {
    check_clusters_with(&ClusterConfig::default(), points, expected);
}

#[track_caller]
pub fn check_clusters_with(config: &ClusterConfig, points: Vec<PointBuilder>, expected: &str) {
    let points: Vec<EventPoint> = points.into_iter().map(PointBuilder::build).collect();
    let set = EventSet::from_points(points, config.clone());
    assert_eq!(partition(&set), expected);
}

#[test]
fn frozen_sets_are_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<EventSet>();
    shared::<faultline_analysis::NearDupIndex>();
    shared::<faultline_analysis::Clusterer>();
}
