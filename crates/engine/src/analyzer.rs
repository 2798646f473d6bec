//! The analysis the engine runs as it stores: near-duplicate groups of articles and
//! clusters of event reports, assigned in input order and kept in bounded memory.

use crate::Result;
use faultline_analysis::{
    ArticleFingerprint, ClusterConfig, ClusterId, Clusterer, EventPoint, NearDupConfig, NearDupIndex,
};
use faultline_store::{CodedArticle, EventStore, NearDup};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};

/// How near-duplicates and clusters are found, and how much of the past they remember.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisConfig {
    pub near_dup: NearDupConfig,
    pub cluster: ClusterConfig,
    /// How far back matching looks, in articles: a new article is compared with the
    /// last `window` to `5/4 * window` articles stored, and its events with their events
    /// (default 4,096 articles: about 10 MB with their reports).
    pub window: usize,
}

impl Default for AnalysisConfig {
    fn default() -> AnalysisConfig {
        AnalysisConfig { near_dup: NearDupConfig::default(), cluster: ClusterConfig::default(), window: 4096 }
    }
}

impl AnalysisConfig {
    pub(crate) fn validate(&self) -> Result<()> {
        self.near_dup.validate()?;
        if self.window == 0 {
            return Err(crate::Error::Config("the analysis window must hold at least one article".into()));
        }
        Ok(())
    }
}

/// The ingest's analysis state: one [`NearDupIndex`] and one [`Clusterer`] per store,
/// fed in input order by the pipeline's writer thread.
///
/// **Bounded memory.** Both structures grow with every article; once they hold 5/4 of
/// the window, they are rebuilt with the last `window` articles and their events (in
/// the order assigned, with their groups and cluster ids: what a restart reads back from
/// the store, here kept in memory so that compaction reads nothing back). Matching
/// therefore looks back over the last few thousand articles, never the whole corpus,
/// and memory is flat however long the run: it peaks once `5/4 * window` articles are
/// in, and stays there.
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
    /// The events of the window's articles as assigned (with group and cluster), one
    /// entry per article (empty for an article without events), oldest first: what
    /// [`compact`](Self::compact) rebuilds the clusterer from.
    recent: VecDeque<Vec<(EventPoint, ClusterId)>>,
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
            recent: VecDeque::new(),
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
        for stored in store.recent_fingerprints(self.config.window)? {
            near_dups.restore(&stored.article_id, stored.published, stored.fingerprint, stored.group);
        }
        self.near_dups = near_dups;
        Ok(())
    }

    fn reload_events(&mut self, store: &dyn EventStore) -> Result<()> {
        let mut clusterer = Clusterer::new(self.config.cluster.clone());
        // Each article's events, in store order.
        let mut order: Vec<String> = Vec::new();
        let mut by_article: HashMap<String, Vec<(EventPoint, ClusterId)>> = HashMap::new();
        for stored in store.recent_points(self.config.window)? {
            let cluster = match stored.cluster {
                Some(cluster) => {
                    clusterer.restore(&stored.point, cluster);
                    cluster
                }
                // Stored before clustering existed (schema version 1): clustered now, in
                // store order, so that new reports can join them.
                None => clusterer.assign(&stored.point).cluster,
            };
            let article = stored.point.article_id.clone();
            by_article
                .entry(article)
                .or_insert_with_key(|article| {
                    order.push(article.clone());
                    Vec::new()
                })
                .push((stored.point, cluster));
        }
        self.clusterer = clusterer;
        // One entry per article of the window, in the near-duplicate index's order (it
        // holds every article of the window, with or without events); events of
        // articles it does not hold (stored before fingerprints existed) go first.
        let mut recent: VecDeque<_> = VecDeque::new();
        let held: Vec<&str> = self.near_dups.article_ids().collect();
        let held_set: std::collections::HashSet<&str> = held.iter().copied().collect();
        for article in order.iter().filter(|a| !held_set.contains(a.as_str())) {
            recent.extend(by_article.remove(article));
        }
        for article in held {
            recent.push_back(by_article.remove(article).unwrap_or_default());
        }
        self.recent = recent;
        Ok(())
    }

    fn reload(&mut self, store: &dyn EventStore) -> Result<()> {
        self.reload_articles(store)?;
        self.reload_events(store)
    }

    /// Drops what fell out of the window once either structure holds 5/4 of it: keeps
    /// the last `window` articles and rebuilds the clusterer from their events (the same
    /// state as [`restore`](Self::restore) reads from the store after the articles
    /// assigned so far are stored).
    pub fn compact(&mut self) {
        let window = self.config.window;
        let limit = window + window / 4;
        if self.near_dups.len() <= limit && self.recent.len() <= limit {
            return;
        }
        self.near_dups.retain_last(window);
        let excess = self.recent.len().saturating_sub(window);
        self.recent.drain(..excess);
        let mut clusterer = Clusterer::new(self.config.cluster.clone());
        for (point, cluster) in self.recent.iter().flatten() {
            clusterer.restore(point, *cluster);
        }
        self.clusterer = clusterer;
    }

    /// Finds the article's near-duplicate group and clusters its events, in this order
    /// of calls, and writes both into `coded` for the store. `prepared` is
    /// [`Prepared::of`] the same article, computed beforehand on any thread (the
    /// pipeline's workers do it, so that the writer only does what depends on order);
    /// `None` computes it here.
    pub fn assign(&mut self, coded: &mut CodedArticle, prepared: Option<Prepared>) {
        let prepared = prepared.unwrap_or_else(|| Prepared::of(coded, self.default_date));
        let group = self.near_dups.assign(&coded.article.id, prepared.published, &prepared.fingerprint).group;
        let mut assigned = Vec::with_capacity(prepared.points.len());
        coded.clusters = prepared
            .points
            .into_iter()
            .map(|point| {
                let point = point.with_group(group);
                let cluster = self.clusterer.assign(&point).cluster;
                assigned.push((point, cluster));
                cluster
            })
            .collect();
        coded.near_dup = Some(NearDup { fingerprint: prepared.fingerprint, group });
        self.recent.push_back(assigned);
    }
}

/// What analysis needs of an article that does not depend on other articles: the
/// MinHash fingerprint of its body and its events as points (with outlet and date, not
/// yet a group). The costly part (fingerprints), done in parallel by the workers.
#[derive(Clone, Debug)]
pub struct Prepared {
    published: Date,
    fingerprint: ArticleFingerprint,
    points: Vec<EventPoint>,
}

impl Prepared {
    /// `default_date` dates an article without a publication date.
    #[must_use]
    pub fn of(coded: &CodedArticle, default_date: Date) -> Prepared {
        let article = &coded.article;
        let published = article.published.as_ref().map_or(default_date, |p| p.date);
        let fingerprint = ArticleFingerprint::of_text(article.body());
        let outlet = article.outlet.as_ref().map(|o| o.value.as_str()).or(article.site.as_deref());
        let points = coded
            .events
            .iter()
            .map(|event| {
                let point = EventPoint::from(event).reported_on(published);
                match outlet {
                    Some(outlet) => point.with_outlet(outlet),
                    None => point,
                }
            })
            .collect();
        Prepared { published, fingerprint, points }
    }
}
