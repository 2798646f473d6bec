//! What analysis sees of an event: [`EventPoint`], a compact projection of
//! [`faultline_model::Event`] without any article text, and the ids analysis gives to
//! groups of articles and clusters of events.

use crate::fingerprint::{self, hash_str};
use crate::{Error, Result};
use faultline_model::{ActorCode, CameoCode, Event, Plover, Precision, QuadClass};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! hashed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(pub u64);

        impl $name {
            /// The id founded by the item with this string id.
            #[must_use]
            pub fn of(founder: &str) -> $name {
                $name(hash_str(founder))
            }

            /// The same 64 bits as an `i64`, for an SQLite INTEGER column.
            #[must_use]
            pub fn as_i64(self) -> i64 {
                self.0 as i64
            }

            /// Reads [`Self::as_i64`] back.
            #[must_use]
            pub fn from_i64(value: i64) -> $name {
                $name(value as u64)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "-{:016x}"), self.0)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name> {
                s.strip_prefix(concat!($prefix, "-"))
                    .filter(|hex| hex.len() == 16)
                    .and_then(|hex| u64::from_str_radix(hex, 16).ok())
                    .map($name)
                    .ok_or_else(|| Error::Id(s.to_string()))
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<$name> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }
    };
}

hashed_id!(
    /// A group of near-duplicate articles (one wire story in several outlets). The id is
    /// the hash of the id of the article that founded the group, written `g-` and 16 hex
    /// digits; it never changes once given.
    GroupId,
    "g"
);

hashed_id!(
    /// A cluster of reports of one real-world event. The id is the hash of the id of the
    /// event (report) that founded the cluster, written `c-` and 16 hex digits; it never
    /// changes once given.
    ClusterId,
    "c"
);

/// How precisely actors are matched, for dyads and clusters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorLevel {
    /// The country (`RUS` for `RUS`, `RUSGOV`, `RUSMIL`); actors without a country keep
    /// their first two groups (`IGOUNO`, `NGOAMN`), so the UN is not merged with NATO.
    #[default]
    Country,
    /// The first two groups: country and sector (`RUSGOV`, `RUSMIL`, plain `RUS`).
    Sector,
    /// The whole code (`RUSGOVMIL` stays itself).
    Exact,
}

impl ActorLevel {
    /// The key of `code` at this level.
    #[must_use]
    pub fn key(self, code: &ActorCode) -> &str {
        let full = code.as_str();
        match self {
            ActorLevel::Country => code.country().unwrap_or(&full[..full.len().min(6)]),
            ActorLevel::Sector => &full[..full.len().min(6)],
            ActorLevel::Exact => full,
        }
    }
}

/// One event report as analysis sees it: codes, dates, modality and fingerprints, no
/// text. Built from an [`Event`] with `From`, then completed with what the event does
/// not know: its article's outlet, near-duplicate group and publication date.
///
/// ```
/// # use faultline_analysis::{EventPoint, GroupId};
/// # fn f(event: &faultline_model::Event, published: jiff::civil::Date) {
/// let point = EventPoint::from(event)
///     .with_outlet("The Straits Times")
///     .with_group(GroupId::of("article-1"))
///     .reported_on(published);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPoint {
    /// The event's id (`{article_id}#{n}`).
    pub id: String,
    pub article_id: String,
    /// The outlet that published the article (`The Straits Times`, or its host).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub source: ActorCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorCode>,
    pub cameo: CameoCode,
    pub plover: Option<Plover>,
    pub quad: QuadClass,
    pub goldstein: f32,
    /// The event date: the day, or the first day of its week, month or year.
    pub date: Date,
    pub precision: Precision,
    /// When the report was published: the article date.
    pub reported: Date,
    /// Stated as having happened ([`faultline_model::Modality::is_factual`]).
    pub factual: bool,
    /// [`fingerprint::sentence`] of the evidence sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<u64>,
    /// The near-duplicate group of the article ([`crate::NearDupIndex`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    /// [`fingerprint::place`] of the event's location, when the coder found one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<u64>,
}

impl From<&Event> for EventPoint {
    /// The projection of an event. `reported` is the event date (set the article date
    /// with [`EventPoint::reported_on`]); the evidence sentence and location are
    /// fingerprinted here, which is the only text this crate reads from an event.
    fn from(event: &Event) -> EventPoint {
        EventPoint {
            id: event.id.clone(),
            article_id: event.article_id.clone(),
            outlet: None,
            source: event.source.code.clone(),
            target: event.target.as_ref().map(|t| t.code.clone()),
            cameo: event.cameo.clone(),
            plover: event.plover,
            quad: event.quad_class,
            goldstein: event.goldstein,
            date: event.date.date,
            precision: event.date.precision,
            reported: event.date.date,
            factual: event.modality.is_factual(),
            evidence: fingerprint::sentence(&event.evidence.sentence_text),
            group: None,
            location: event.location.as_deref().and_then(fingerprint::place),
        }
    }
}

impl EventPoint {
    /// Sets the outlet.
    #[must_use]
    pub fn with_outlet(mut self, outlet: impl Into<String>) -> EventPoint {
        self.outlet = Some(outlet.into());
        self
    }

    /// Sets the article's near-duplicate group.
    #[must_use]
    pub fn with_group(mut self, group: GroupId) -> EventPoint {
        self.group = Some(group);
        self
    }

    /// Sets the publication date of the report.
    #[must_use]
    pub fn reported_on(mut self, date: Date) -> EventPoint {
        self.reported = date;
        self
    }
}
