//! What goes into the store and what comes out of it.

use faultline_analysis::{ArticleFingerprint, ClusterId, EventPoint, GroupId};
use faultline_model::{Article, Event, Mention, Quote, Skip};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One document's outcome, as the pipeline hands it to the store: a coded article, or
/// the reason it was skipped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum ArticleRecord {
    /// Boxed: an article is large and a batch holds many skips too.
    Coded(Box<CodedArticle>),
    Skipped(Skip),
}

impl ArticleRecord {
    /// The document id.
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            ArticleRecord::Coded(coded) => &coded.article.id,
            ArticleRecord::Skipped(skip) => &skip.id,
        }
    }
}

impl From<CodedArticle> for ArticleRecord {
    fn from(coded: CodedArticle) -> ArticleRecord {
        ArticleRecord::Coded(Box::new(coded))
    }
}

impl From<Skip> for ArticleRecord {
    fn from(skip: Skip) -> ArticleRecord {
        ArticleRecord::Skipped(skip)
    }
}

/// An article with everything coded from it.
///
/// `near_dup` and `clusters` are what the ingest engine's analysis assigned (schema
/// version 2): the article's MinHash fingerprint and near-duplicate group, and each
/// event's cluster. Left empty, the columns stay NULL (the events' evidence and location
/// fingerprints are computed by the store in any case).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodedArticle {
    pub article: Article,
    #[serde(default)]
    pub mentions: Vec<Mention>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// The article's near-duplicate fingerprint and group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near_dup: Option<NearDup>,
    /// The cluster of each event, in the order of `events`: empty (not clustered) or
    /// exactly as long as `events` (else the batch is refused as invalid).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<ClusterId>,
}

impl CodedArticle {
    /// An article with nothing coded yet.
    #[must_use]
    pub fn new(article: Article) -> CodedArticle {
        CodedArticle {
            article,
            mentions: Vec::new(),
            events: Vec::new(),
            quotes: Vec::new(),
            near_dup: None,
            clusters: Vec::new(),
        }
    }
}

/// An article's place among near-duplicates: its fingerprint (kept so the index can be
/// rebuilt after a restart) and its group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NearDup {
    pub fingerprint: ArticleFingerprint,
    pub group: GroupId,
}

/// A stored article's fingerprint, to put back into a
/// [`NearDupIndex`](faultline_analysis::NearDupIndex) with
/// [`restore`](faultline_analysis::NearDupIndex::restore).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FingerprintRecord {
    /// The article's store key (insertion order).
    pub key: i64,
    pub article_id: String,
    /// The publication date, else the day the store received the article.
    pub published: Date,
    pub fingerprint: ArticleFingerprint,
    pub group: GroupId,
}

/// A stored event as analysis sees it, with its store key and cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointRecord {
    /// The event's store key (insertion order).
    pub key: i64,
    /// `reported` is the article's publication date, else the day the store received
    /// it; `outlet` the article's outlet, else its site; `group` the article's
    /// near-duplicate group; the fingerprints as stored (computed from the stored text
    /// for events stored before schema version 2).
    pub point: EventPoint,
    /// `None` for events stored without clustering (before schema version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<ClusterId>,
}

/// The stored reports of one event cluster, counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterCount {
    pub cluster: ClusterId,
    /// Stored events (reports) in the cluster.
    pub reports: u64,
    /// Distinct articles they come from.
    pub articles: u64,
    /// Distinct outlets (the article's outlet, else its site; articles with neither are
    /// not counted).
    pub outlets: u64,
    /// The earliest and latest event date of its reports.
    pub first: Date,
    pub last: Date,
}

/// The BLAKE3 hash of an article's cleaned text: two documents with the same text are
/// the same article, whatever their URL.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    #[must_use]
    pub fn of_text(text: &str) -> ContentHash {
        ContentHash(*blake3::hash(text.as_bytes()).as_bytes())
    }

    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Lower-case hex, 64 characters.
    #[must_use]
    pub fn to_hex(&self) -> String {
        use fmt::Write;
        let mut hex = String::with_capacity(64);
        for byte in self.0 {
            // Writing to a String cannot fail.
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    /// Parses 64 hex digits.
    #[must_use]
    pub fn from_hex(hex: &str) -> Option<ContentHash> {
        if hex.len() != 64 || !hex.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(ContentHash(bytes))
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({})", self.to_hex())
    }
}

impl Serialize for ContentHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ContentHash, D::Error> {
        let hex = String::deserialize(deserializer)?;
        ContentHash::from_hex(&hex).ok_or_else(|| serde::de::Error::custom("expected 64 hex digits"))
    }
}

/// How to recognise a document the store may already hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKey<'a> {
    /// The document id (articles and skips).
    Id(&'a str),
    /// The URL, exactly as stored (articles).
    Url(&'a str),
    /// The hash of the cleaned text (articles).
    Hash(&'a ContentHash),
}

/// What the store holds under a [`DocKey`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Seen {
    /// A stored article, by its id.
    Article { id: String },
    /// A skipped document and the key of its reason (`paywall`).
    Skip { id: String, reason: String },
}

/// Which key made a record a duplicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Id,
    Url,
    ContentHash,
}

/// A record of a batch that the store already held; nothing of it was stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The record's id.
    pub id: String,
    /// The id of what the store holds.
    pub of: String,
    pub by: MatchedBy,
}

/// What one batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchReport {
    /// Articles stored for the first time.
    pub stored: usize,
    /// Skips stored for the first time.
    pub skipped: usize,
    /// New skips by reason key (`paywall`, `too_short`, ...).
    pub skipped_by_reason: BTreeMap<String, usize>,
    /// Records already in the store (articles or skips), not stored again.
    pub duplicates: Vec<Duplicate>,
    /// Rows stored with the new articles.
    pub events: usize,
    pub mentions: usize,
    pub quotes: usize,
}

impl BatchReport {
    /// Records in the batch: new articles, new skips and duplicates.
    #[must_use]
    pub fn records(&self) -> usize {
        self.stored + self.skipped + self.duplicates.len()
    }
}

impl fmt::Display for BatchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} new, {} duplicate, {} skipped", self.stored, self.duplicates.len(), self.skipped)?;
        if !self.skipped_by_reason.is_empty() {
            let reasons: Vec<String> =
                self.skipped_by_reason.iter().map(|(reason, n)| format!("{reason} {n}")).collect();
            write!(f, " ({})", reasons.join(", "))?;
        }
        write!(f, "; {} events, {} mentions, {} quotes", self.events, self.mentions, self.quotes)
    }
}

/// The article an event came from, as event listings show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// When the store received it (UTC, `2025-11-30T09:15:00Z`).
    pub added: String,
}

/// A stored event with its place in the store and its article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The store's numeric key: stable, unique in this store, increasing in insertion
    /// order (the GDELT `GlobalEventID` of exports).
    pub key: i64,
    pub event: Event,
    /// The evidence sentence is in the title or the first paragraph (GDELT `IsRootEvent`).
    pub lead: bool,
    pub article: ArticleRef,
    /// The event cluster this report belongs to (schema version 2); `None` for events
    /// stored without clustering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<ClusterId>,
}

/// A page of events and the cursor of the next page (`None` on the last page).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub events: Vec<EventRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// An article with all that was coded from it, every span into `article.text`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub key: i64,
    pub article: Article,
    pub content_hash: ContentHash,
    /// When the store received it (UTC).
    pub added: String,
    /// In the order they were stored (as the batch gave them).
    pub mentions: Vec<Mention>,
    /// In the order they were stored.
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    /// The article's near-duplicate group (schema version 2), when it was assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    /// The cluster of each event, in the order of `events` (`None` where not clustered).
    #[serde(default)]
    pub clusters: Vec<Option<ClusterId>>,
}

/// A name an actor code was seen under, and how often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    pub name: String,
    pub n: u64,
}

/// An actor code with its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorSummary {
    pub code: String,
    /// Events with this code as the source.
    pub n_source: u64,
    /// Events with this code as the target.
    pub n_target: u64,
    pub n_mentions: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<Date>,
    /// Canonical names (and, for name mentions, the text), most frequent first.
    pub names: Vec<NameCount>,
}

/// Counts of the whole store.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub schema_version: i64,
    pub articles: u64,
    pub skips: u64,
    /// Skips by reason key.
    pub skips_by_reason: BTreeMap<String, u64>,
    pub events: u64,
    pub mentions: u64,
    pub quotes: u64,
    pub actors: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_event: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_event: Option<Date>,
}

/// Time buckets for [`DyadSummary::buckets`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    Day,
    /// Weeks starting on Monday.
    Week,
    #[default]
    Month,
    Year,
}

/// Counts of one direction of a dyad.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DyadCounts {
    pub events: u64,
    /// Events by QuadClass 1 to 4 (index 0 is QuadClass 1).
    pub by_quad_class: [u64; 4],
    pub goldstein_sum: f64,
    /// Events stated as having happened (see [`ModalityFlag::Factual`](crate::ModalityFlag)).
    pub factual: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Date>,
}

/// One time bucket of a dyad.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DyadBucket {
    /// The first day of the bucket.
    pub start: Date,
    pub a_to_b: DyadCounts,
    pub b_to_a: DyadCounts,
}

/// Basic counts between two actors (code prefixes, as in [`EventFilter`](crate::EventFilter)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DyadSummary {
    pub a: String,
    pub b: String,
    pub bucket: Bucket,
    /// `a` acting on `b`.
    pub a_to_b: DyadCounts,
    /// `b` acting on `a`.
    pub b_to_a: DyadCounts,
    /// Buckets with at least one event, in time order.
    pub buckets: Vec<DyadBucket>,
}

impl DyadCounts {
    pub(crate) fn add(&mut self, other: &DyadCounts) {
        self.events += other.events;
        for (sum, n) in self.by_quad_class.iter_mut().zip(other.by_quad_class) {
            *sum += n;
        }
        self.goldstein_sum += other.goldstein_sum;
        self.factual += other.factual;
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = match (self.last, other.last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_hex_round_trips() {
        let hash = ContentHash::of_text("Russia vows to support China.");
        assert_eq!(ContentHash::from_hex(&hash.to_hex()), Some(hash));
        assert_eq!(ContentHash::from_hex("zz"), None);
        assert_eq!(ContentHash::from_hex(&"é".repeat(32)), None);
    }
}
