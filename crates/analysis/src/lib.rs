//! faultline analysis: near-duplicate articles, event clusters, dyad time series,
//! escalation alerts, the commitments register and the contingency query.
//!
//! **Analysis never sees article text.** Its input is [`EventPoint`], a projection of a
//! coded [`Event`](faultline_model::Event) (actors, codes, Goldstein score, date and
//! precision, modality, outlet) plus fingerprints computed upstream at ingest. The one
//! exception is the pure [`fingerprint`] module, which the ingest engine calls on each
//! article body ([`ArticleFingerprint::of_text`]) and each evidence sentence
//! ([`fingerprint::sentence`], done by `EventPoint::from(&Event)`); only the fingerprints
//! are kept.
//!
//! - [`NearDupIndex`]: incremental grouping of near-duplicate articles (one wire story in
//!   several outlets) by MinHash with LSH banding; [`GroupId`]s to store per article.
//! - [`Clusterer`]: incremental clustering of reports into real-world events (same dyad,
//!   compatible codes and dates, corroborated by similar evidence, the same wire story or
//!   the same place); [`ClusterId`]s to store per event.
//! - [`EventSet`]: clustered reports frozen and indexed by dyad, answering
//!   [`EventSet::series`] (counts by PLOVER type and QuadClass, Goldstein sum and mean, a
//!   conflict-cooperation index per day, week or month) and [`EventSet::alerts`]
//!   (escalations against a dyad's own baseline, with the events that drove them).
//!   Counts are per cluster by default, per report on request ([`Unit`]), factual-only
//!   by default ([`ModalityFilter`]).
//! - [`CommitmentRegister`]: who pledged what to whom, under which trigger, on what basis,
//!   kept current as reports arrive (reaffirmed, weakened, withdrawn); built from events'
//!   codes, modality, condition triggers and pledges ([`commitments`] has the rules).
//! - [`contingency()`]: the commitments an act (`CHN attacks TWN`) would set off, with
//!   the recent trend of every dyad involved ([`contingency`](mod@contingency) has the
//!   rules and the action words).
//! - [`synth`]: seeded synthetic events for tests and benchmarks.
//!
//! # Wiring it in
//!
//! - **Ingest (engine)**, per article: `fp = ArticleFingerprint::of_text(article.body())`,
//!   `m = near_dups.assign(&article.id, published, &fp)`; store `fp.to_bytes()` and
//!   `m.group` with the article. Per event: `point = EventPoint::from(&event)
//!   .with_outlet(outlet).with_group(m.group).reported_on(published)`,
//!   `a = clusterer.assign(&point)`; store `a.cluster` and `point.evidence` (and
//!   `point.location`) with the event. One [`NearDupIndex`] and one [`Clusterer`] per
//!   store, fed in ingest order: `assign` takes `&mut self`, so parallel workers share
//!   them behind a mutex (clustering runs at about 440,000 reports a second, far above
//!   ingest).
//! - **Restart**: [`NearDupIndex::restore`] the stored articles of the last
//!   [`NearDupConfig::max_gap_days`] and [`Clusterer::restore`] the stored events of the
//!   last few weeks, in their stored order, with their stored ids.
//! - **Queries (CLI, server)**: build an [`EventSet`] from stored points and cluster ids
//!   with [`EventSet::from_assigned`] (about 2.6 s per million reports, once; it is
//!   `Send + Sync`, so a server can share it and rebuild it after ingest), then
//!   [`EventSet::series`], [`EventSet::dyads`], [`EventSet::alerts`],
//!   [`EventSet::cluster`]. Every query and result type is serde, for `--json` and the
//!   HTTP API.
//!
//! ```
//! use faultline_analysis::synth::PointBuilder;
//! use faultline_analysis::{AlertConfig, ArticleFingerprint, Bucket, ClusterConfig, EventSet,
//!                          NearDupIndex, SeriesQuery};
//!
//! // at ingest: group articles, then project events
//! let mut groups = NearDupIndex::default();
//! let day = jiff::civil::date(2024, 3, 1);
//! let wire = "Russian missiles struck an energy facility in Kharkiv early on Friday, the \
//!             regional governor said, cutting power to thousands of homes across the city \
//!             as temperatures fell below freezing and repair crews waited for the all clear.";
//! let g1 = groups.assign("a1", day, &ArticleFingerprint::of_text(wire)).group;
//! let g2 = groups.assign("a2", day, &ArticleFingerprint::of_text(&format!("{wire} More soon."))).group;
//! assert_eq!(g1, g2);
//!
//! let sentence = "Russian missiles struck an energy facility in Kharkiv early on Friday";
//! let points = vec![
//!     PointBuilder::new("a1#1", "RUSMIL", "UKR", "195", "2024-03-01").evidence(sentence).group(g1).outlet("Wire").build(),
//!     PointBuilder::new("a2#1", "RUS", "UKR", "190", "2024-03-01").evidence(sentence).group(g2).outlet("Daily").build(),
//!     PointBuilder::new("a3#1", "UKRGOV", "RUS", "111", "2024-03-01").evidence("Kyiv condemned Moscow").build(),
//! ];
//! let set = EventSet::from_points(points, ClusterConfig::default());
//! assert_eq!(set.n_clusters(), 2); // the strike (two reports) and the condemnation
//! let strike = set.clusters().find(|c| c.n_reports == 2).unwrap();
//! assert_eq!((strike.n_articles, strike.n_outlets), (2, 2));
//!
//! let series = set.series(&SeriesQuery::new("RUS", "UKR").bucket(Bucket::Month));
//! assert_eq!(series.buckets[0].count, 2);
//! assert_eq!(series.buckets[0].quad.material_conflict, 1);
//! let alerts = set.alerts(&AlertConfig::default()).unwrap();
//! assert!(alerts.is_empty()); // three days of news are no baseline
//! ```

pub mod alerts;
pub mod cluster;
pub mod commitments;
pub mod contingency;
mod day;
mod error;
pub mod fingerprint;
pub mod neardup;
mod point;
pub mod series;
mod set;
pub mod synth;

pub use alerts::{
    Alert, AlertConfig, Baseline, DayTotals, Driver, Episode, Metric, Period, detect, poisson_z,
};
pub use cluster::{Assignment, Cluster, ClusterConfig, Clusterer, CodeMatch};
pub use commitments::{Applied, CommitmentFilter, CommitmentRegister};
pub use contingency::{
    ContingencyConfig, ContingencyMatch, ContingencyQuery, ContingencyReport, DyadRole, DyadTrend,
    MatchReason, Trend, contingency,
};
pub use error::{Error, Result};
pub use fingerprint::ArticleFingerprint;
pub use neardup::{GroupMatch, NearDupConfig, NearDupIndex, Neighbour};
pub use point::{ActorLevel, ClusterId, EventPoint, GroupId};
pub use series::{Bucket, DyadSeries, QuadCounts, SeriesBucket, SeriesQuery};
pub use set::{Direction, Dyad, DyadOptions, DyadSummary, EventSet, ModalityFilter, Unit};
