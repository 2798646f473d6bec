//! The analysis the engine runs as it stores: near-duplicate groups of articles and
//! clusters of event reports, assigned in input order and kept in bounded memory.

use crate::Result;
use faultline_analysis::{
    ArticleFingerprint, ClusterConfig, Clusterer, EventPoint, NearDupConfig, NearDupIndex,
};
use faultline_store::{CodedArticle, EventStore, NearDup};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How near-duplicates and clusters are found, and how much of the past they remember.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisConfig {
    pub near_dup: NearDupConfig,
    pub cluster: ClusterConfig,
    /// Articles kept for near-duplicate matching: a new article is compared with the
    /// last `window_articles` to `5/4 * window_articles` stored (default 8,192).
    pub window_articles: usize,
    /// Event reports kept for clustering, likewise (default 32,768).
    pub window_events: usize,
}

impl Default for AnalysisConfig {
    fn default() -> AnalysisConfig {
        AnalysisConfig {
            near_dup: NearDupConfig::default(),
            cluster: ClusterConfig::default(),
            window_articles: 8192,
            window_events: 32768,
        }
    }
}

impl AnalysisConfig {
    pub(crate) fn validate(&self) -> Result<()> {
        self.near_dup.validate()?;
        if self.window_articles == 0 || self.window_events == 0 {
            return Err(crate::Error::Config("analysis windows must hold at least one item".into()));
        }
        Ok(())
    }
}

/// The ingest's analysis state: one [`NearDupIndex`] and one [`Clusterer`] per store,
/// fed in input order by the pipeline's writer thread.
///
/// **Bounded memory.** Both structures grow with every article; when one holds more
/// than 5/4 of its window, it is rebuilt from the store with the last `window` items
/// (in store order, with their stored groups and cluster ids: exactly what a restart
/// does). Matching therefore looks back over the last few thousand articles and tens
/// of thousands of reports, never the whole corpus, and memory is flat however long
/// the run.
///
/// **Determinism.** Given the same store and the same input in the same order, the same
/// groups and clusters come out: assignments happen in input order, rebuilds at the same
/// points. (A run interrupted and resumed restores the window as stored, which can hold
/// fewer items than the uninterrupted run had in memory, so a report near the window's
/// edge may found a new cluster instead of joining an old one.)
#[derive(Debug)]
pub struct Analyzer {
    config: AnalysisConfig,
    near_dups: NearDupIndex,
    clusterer: Clusterer,
    default_date: Date,
}

impl Analyzer {
    /// An empty analyzer (a new store).
    ///
    /// # Errors
    /// An invalid near-duplicate configuration.
    pub fn new(config: AnalysisConfig, default_date: Date) -> Result<Analyzer> {
        Ok(Analyzer {
            near_dups: NearDupIndex::new(config.near_dup.clone())?,
            clusterer: Clusterer::new(config.cluster.clone()),
            config,
            default_date,
        })
    }

    /// An analyzer holding the last window of what `store` holds: how a run resumes.
    ///
    /// # Errors
    /// The store cannot be read; an invalid configuration.
    pub fn restore(config: AnalysisConfig, default_date: Date, store: &dyn EventStore) -> Result<Analyzer> {
        let mut analyzer = Analyzer::new(config, default_date)?;
        analyzer.reload(store)?;
        Ok(analyzer)
    }

    /// Articles held for near-duplicate matching.
    #[must_use]
    pub fn n_articles(&self) -> usize {
        self.near_dups.len()
    }

    /// Reports held for clustering.
    #[must_use]
    pub fn n_reports(&self) -> usize {
        self.clusterer.n_reports()
    }

    fn reload_articles(&mut self, store: &dyn EventStore) -> Result<()> {
        let mut near_dups = NearDupIndex::new(self.config.near_dup.clone())?;
        for stored in store.recent_fingerprints(self.config.window_articles)? {
            near_dups.restore(&stored.article_id, stored.published, stored.fingerprint, stored.group);
        }
        self.near_dups = near_dups;
        Ok(())
    }

    fn reload_events(&mut self, store: &dyn EventStore) -> Result<()> {
        let mut clusterer = Clusterer::new(self.config.cluster.clone());
        for stored in store.recent_points(self.config.window_events)? {
            match stored.cluster {
                Some(cluster) => clusterer.restore(&stored.point, cluster),
                // Stored before clustering existed (schema version 1): clustered now, in
                // store order, so that new reports can join them.
                None => {
                    clusterer.assign(&stored.point);
                }
            }
        }
        self.clusterer = clusterer;
        Ok(())
    }

    fn reload(&mut self, store: &dyn EventStore) -> Result<()> {
        self.reload_articles(store)?;
        self.reload_events(store)
    }

    /// Rebuilds whichever structure outgrew its window, from what `store` holds. Call
    /// it only when everything assigned so far is committed.
    ///
    /// # Errors
    /// The store cannot be read.
    pub fn compact(&mut self, store: &dyn EventStore) -> Result<()> {
        if self.near_dups.len() > self.config.window_articles + self.config.window_articles / 4 {
            self.reload_articles(store)?;
        }
        if self.clusterer.n_reports() > self.config.window_events + self.config.window_events / 4 {
            self.reload_events(store)?;
        }
        Ok(())
    }

    /// Fingerprints the article's body, finds its near-duplicate group, clusters its
    /// events, and writes all of it into `coded` for the store.
    pub fn assign(&mut self, coded: &mut CodedArticle) {
        let article = &coded.article;
        let published = article.published.as_ref().map_or(self.default_date, |p| p.date);
        let fingerprint = ArticleFingerprint::of_text(article.body());
        let group = self.near_dups.assign(&article.id, published, &fingerprint).group;
        let outlet = article.outlet.as_ref().map(|o| o.value.as_str()).or(article.site.as_deref());
        coded.clusters = coded
            .events
            .iter()
            .map(|event| {
                let mut point = EventPoint::from(event).with_group(group).reported_on(published);
                if let Some(outlet) = outlet {
                    point = point.with_outlet(outlet);
                }
                self.clusterer.assign(&point).cluster
            })
            .collect();
        coded.near_dup = Some(NearDup { fingerprint, group });
    }
}
