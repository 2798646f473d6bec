//! Near-duplicate articles: one wire story carried by several outlets, with other
//! headlines and bylines, trimmed or extra paragraphs, edited spellings.
//!
//! [`NearDupIndex`] groups articles incrementally, one at a time as ingest sees them.
//! Each article's [`ArticleFingerprint`] (MinHash of word 3-shingles) is split into
//! [`NearDupConfig::bands`] bands of [`NearDupConfig::rows`] minima; articles sharing a
//! band are candidates, and a candidate is a near-duplicate when
//!
//! - the estimated containment of the smaller text in the larger is at least
//!   [`NearDupConfig::min_containment`] (default 0.6),
//! - the estimated Jaccard similarity is at least [`NearDupConfig::min_jaccard`]
//!   (default 0.15: below it the 120-minima estimate is too coarse to trust, so a
//!   one-paragraph brief of a ten-paragraph story is left alone),
//! - both texts have at least [`NearDupConfig::min_shingles`] shingles (default 20;
//!   shorter texts say too little to be told apart), and
//! - they were published at most [`NearDupConfig::max_gap_days`] apart (default 30).
//!
//! With 60 bands of 2 rows, a pair with Jaccard similarity `J` becomes a candidate with
//! probability `1 - (1 - J^2)^60`: 0.91 at `J = 0.2`, 0.996 at 0.3, and 0.8 % for two
//! unrelated texts at `J = 0.012`. The new article joins the group of its best match
//! (highest containment, then Jaccard, then the earliest article); with none it founds a
//! group whose id is the hash of its own id. Groups are never merged or renamed
//! afterwards, so a stored group id stays valid: an article that bridges two groups joins
//! the closer one.
//!
//! The state is the list of members; [`NearDupIndex::restore`] rebuilds it from stored
//! `(article id, date, fingerprint, group)` rows after a restart, and serde writes and
//! reads it as that list. [`NearDupIndex::prune_before`] drops articles too old to match
//! anything new, which bounds memory in a long `watch`.

use crate::day::{Day, day_of};
use crate::fingerprint::{ArticleFingerprint, NUM_HASHES, fmix64, lookup_hash};
use crate::point::GroupId;
use crate::{Error, Result};
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Thresholds of near-duplicate grouping; see the [module doc](self) for why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NearDupConfig {
    /// LSH bands (default 60).
    pub bands: usize,
    /// Minima per band (default 2). `bands * rows` must not exceed
    /// [`NUM_HASHES`].
    pub rows: usize,
    /// Minimum estimated containment of the smaller text in the larger (default 0.6).
    pub min_containment: f64,
    /// Minimum estimated Jaccard similarity (default 0.15).
    pub min_jaccard: f64,
    /// Texts with fewer distinct shingles are never grouped (default 20).
    pub min_shingles: u32,
    /// Articles published further apart are never grouped (default 30 days); `None`
    /// for no limit.
    pub max_gap_days: Option<u32>,
}

impl Default for NearDupConfig {
    fn default() -> NearDupConfig {
        NearDupConfig {
            bands: 60,
            rows: 2,
            min_containment: 0.6,
            min_jaccard: 0.15,
            min_shingles: 20,
            max_gap_days: Some(30),
        }
    }
}

impl NearDupConfig {
    /// Checks the banding fits the signature.
    ///
    /// # Errors
    /// [`Error::Config`] when `bands * rows` is 0 or exceeds the signature length.
    pub fn validate(&self) -> Result<()> {
        let used = self.bands.saturating_mul(self.rows);
        if used == 0 || used > NUM_HASHES {
            return Err(Error::Config(format!(
                "near-duplicate bands ({}) x rows ({}) must be between 1 and {NUM_HASHES}",
                self.bands, self.rows
            )));
        }
        Ok(())
    }
}

/// The article an assignment matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    pub article_id: String,
    pub containment: f64,
    pub jaccard: f64,
}

/// Where an article belongs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupMatch {
    pub group: GroupId,
    /// The article founded this group.
    pub new_group: bool,
    /// The closest earlier article, when it joined an existing group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched: Option<Neighbour>,
}

#[derive(Clone, Debug)]
struct Member {
    article_id: Box<str>,
    day: Day,
    group: GroupId,
    fingerprint: ArticleFingerprint,
    indexed: bool,
}

/// An incremental index of article fingerprints into near-duplicate groups.
///
/// ```
/// use faultline_analysis::{ArticleFingerprint, NearDupIndex};
/// let story = "The foreign ministry said on Tuesday that talks on the new border crossing \
///              would resume next month after a pause of almost two years, and that both \
///              delegations had agreed on an agenda covering trade, transit and fisheries.";
/// let date = jiff::civil::date(2025, 3, 4);
/// let mut index = NearDupIndex::default();
/// let first = index.assign("a1", date, &ArticleFingerprint::of_text(story));
/// let copy = format!("{story} The talks will be held in the capital.");
/// let second = index.assign("a2", date, &ArticleFingerprint::of_text(&copy));
/// assert!(first.new_group);
/// assert_eq!(second.group, first.group);
/// ```
#[derive(Clone, Debug)]
pub struct NearDupIndex {
    config: NearDupConfig,
    members: Vec<Member>,
    /// Band key -> the last entry with that key; entries are `member * bands + band`.
    heads: FxHashMap<u64, u32>,
    /// Entry -> the previous entry with the same key, or `NONE`.
    next: Vec<u32>,
    /// Hash of an article id -> members with that hash.
    by_article: FxHashMap<u64, u32>,
}

const NONE: u32 = u32::MAX;

impl Default for NearDupIndex {
    fn default() -> NearDupIndex {
        // the default configuration is valid (tested below)
        NearDupIndex::unchecked(NearDupConfig::default())
    }
}

impl NearDupIndex {
    /// An empty index.
    ///
    /// # Errors
    /// [`Error::Config`] when the configuration is invalid.
    pub fn new(config: NearDupConfig) -> Result<NearDupIndex> {
        config.validate()?;
        Ok(NearDupIndex::unchecked(config))
    }

    fn unchecked(config: NearDupConfig) -> NearDupIndex {
        NearDupIndex {
            config,
            members: Vec::new(),
            heads: FxHashMap::default(),
            next: Vec::new(),
            by_article: FxHashMap::default(),
        }
    }

    #[must_use]
    pub fn config(&self) -> &NearDupConfig {
        &self.config
    }

    /// The number of articles held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    fn band_key(&self, fingerprint: &ArticleFingerprint, band: usize) -> u64 {
        let rows = &fingerprint.minhash()[band * self.config.rows..(band + 1) * self.config.rows];
        let mut h = fmix64(band as u64 + 1);
        for &row in rows {
            h = fmix64(h ^ u64::from(row));
        }
        h
    }

    fn indexable(&self, fingerprint: &ArticleFingerprint) -> bool {
        fingerprint.shingles() >= self.config.min_shingles
    }

    fn member_of(&self, article_id: &str) -> Option<&Member> {
        let idx = *self.by_article.get(&lookup_hash(article_id))?;
        let member = self.members.get(idx as usize)?;
        (&*member.article_id == article_id).then_some(member)
    }

    /// The group of an article already in the index.
    #[must_use]
    pub fn group_of(&self, article_id: &str) -> Option<GroupId> {
        self.member_of(article_id).map(|m| m.group)
    }

    /// The closest near-duplicate of a text among the articles held, without adding it.
    #[must_use]
    pub fn lookup(&self, published: Date, fingerprint: &ArticleFingerprint) -> Option<(GroupId, Neighbour)> {
        self.best_match(day_of(published), fingerprint, None)
    }

    fn best_match(
        &self,
        day: Day,
        fingerprint: &ArticleFingerprint,
        skip: Option<u32>,
    ) -> Option<(GroupId, Neighbour)> {
        if !self.indexable(fingerprint) {
            return None;
        }
        let bands = self.config.bands;
        // A member shares several bands with a near-copy: each is taken once (a bit per
        // member), then the few distinct ones are put in member order.
        let mut taken = vec![0u64; self.members.len().div_ceil(64)];
        let mut candidates: Vec<u32> = Vec::new();
        for band in 0..bands {
            let mut entry = self.heads.get(&self.band_key(fingerprint, band)).copied().unwrap_or(NONE);
            while entry != NONE {
                let member = entry / bands as u32;
                let (word, bit) = ((member / 64) as usize, 1u64 << (member % 64));
                if taken[word] & bit == 0 {
                    taken[word] |= bit;
                    candidates.push(member);
                }
                entry = self.next[entry as usize];
            }
        }
        candidates.sort_unstable();
        let mut best: Option<(u32, f64, f64)> = None;
        for idx in candidates {
            if Some(idx) == skip {
                continue;
            }
            let member = &self.members[idx as usize];
            if let Some(gap) = self.config.max_gap_days
                && (i64::from(member.day) - i64::from(day)).unsigned_abs() > u64::from(gap)
            {
                continue;
            }
            let jaccard = fingerprint.jaccard(&member.fingerprint);
            if jaccard < self.config.min_jaccard {
                continue;
            }
            let containment = fingerprint.containment(&member.fingerprint);
            if containment < self.config.min_containment {
                continue;
            }
            // candidates are in member order, so ties keep the earliest article
            if best.is_none_or(|(_, c, j)| (containment, jaccard) > (c, j)) {
                best = Some((idx, containment, jaccard));
            }
        }
        best.map(|(idx, containment, jaccard)| {
            let member = &self.members[idx as usize];
            (member.group, Neighbour { article_id: member.article_id.to_string(), containment, jaccard })
        })
    }

    /// Places an article: it joins the group of its closest near-duplicate or founds a
    /// new group. Assigning an article id already held returns its group again.
    pub fn assign(
        &mut self,
        article_id: &str,
        published: Date,
        fingerprint: &ArticleFingerprint,
    ) -> GroupMatch {
        if let Some(member) = self.member_of(article_id) {
            return GroupMatch { group: member.group, new_group: false, matched: None };
        }
        let day = day_of(published);
        let found = self.best_match(day, fingerprint, None);
        let (group, new_group, matched) = match found {
            Some((group, neighbour)) => (group, false, Some(neighbour)),
            None => (GroupId::of(article_id), true, None),
        };
        self.insert(article_id, day, fingerprint.clone(), group);
        GroupMatch { group, new_group, matched }
    }

    /// Puts back an article with its stored group (after a restart), without matching.
    pub fn restore(
        &mut self,
        article_id: &str,
        published: Date,
        fingerprint: ArticleFingerprint,
        group: GroupId,
    ) {
        if self.member_of(article_id).is_none() {
            self.insert(article_id, day_of(published), fingerprint, group);
        }
    }

    fn insert(&mut self, article_id: &str, day: Day, fingerprint: ArticleFingerprint, group: GroupId) {
        let idx = u32::try_from(self.members.len()).unwrap_or(NONE);
        let indexed = self.indexable(&fingerprint);
        if indexed {
            for band in 0..self.config.bands {
                let key = self.band_key(&fingerprint, band);
                let entry = idx.saturating_mul(self.config.bands as u32).saturating_add(band as u32);
                let previous = self.heads.insert(key, entry).unwrap_or(NONE);
                let slot = entry as usize;
                if self.next.len() <= slot {
                    self.next.resize(slot + 1, NONE);
                }
                self.next[slot] = previous;
            }
        }
        self.by_article.insert(lookup_hash(article_id), idx);
        self.members.push(Member { article_id: article_id.into(), day, group, fingerprint, indexed });
    }

    /// Drops the articles published before `date` (they can no longer match a new
    /// article when `date` is the newest date minus `max_gap_days`). Their groups stay
    /// valid: later members keep the group id.
    pub fn prune_before(&mut self, date: Date) {
        let cutoff = day_of(date);
        let members = std::mem::take(&mut self.members);
        self.reindex(members.into_iter().filter(|m| m.day >= cutoff));
    }

    /// Keeps the last `n` articles placed (in arrival order) and drops the others, with
    /// the same groups: what rebuilding the index from the last `n` stored articles
    /// gives, without reading them back.
    pub fn retain_last(&mut self, n: usize) {
        let Some(excess) = self.members.len().checked_sub(n).filter(|&excess| excess > 0) else {
            return;
        };
        let members = std::mem::take(&mut self.members);
        self.reindex(members.into_iter().skip(excess));
    }

    fn reindex(&mut self, members: impl Iterator<Item = Member>) {
        self.heads.clear();
        self.next.clear();
        self.by_article.clear();
        for m in members {
            self.insert(&m.article_id, m.day, m.fingerprint, m.group);
        }
    }

    /// The ids of the articles held, in arrival order.
    pub fn article_ids(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| &*m.article_id)
    }

    /// How many members are indexed for matching (long enough texts).
    #[must_use]
    pub fn indexed(&self) -> usize {
        self.members.iter().filter(|m| m.indexed).count()
    }
}

/// The serialised form: the configuration and the members in arrival order.
#[derive(Serialize, Deserialize)]
struct Snapshot {
    config: NearDupConfig,
    members: Vec<SnapshotMember>,
}

#[derive(Serialize, Deserialize)]
struct SnapshotMember {
    article_id: String,
    date: Date,
    group: GroupId,
    fingerprint: ArticleFingerprint,
}

impl Serialize for NearDupIndex {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let snapshot = Snapshot {
            config: self.config.clone(),
            members: self
                .members
                .iter()
                .map(|m| SnapshotMember {
                    article_id: m.article_id.to_string(),
                    date: crate::day::date_of(m.day),
                    group: m.group,
                    fingerprint: m.fingerprint.clone(),
                })
                .collect(),
        };
        snapshot.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for NearDupIndex {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<NearDupIndex, D::Error> {
        let snapshot = Snapshot::deserialize(deserializer)?;
        let mut index = NearDupIndex::new(snapshot.config).map_err(serde::de::Error::custom)?;
        for m in snapshot.members {
            index.restore(&m.article_id, m.date, m.fingerprint, m.group);
        }
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_configuration_is_valid() {
        assert!(NearDupConfig::default().validate().is_ok());
        assert!(NearDupConfig { bands: 61, ..NearDupConfig::default() }.validate().is_err());
        assert!(NearDupConfig { rows: 0, ..NearDupConfig::default() }.validate().is_err());
    }
}
