//! The contingency query: what would `CHN attacks TWN` trigger?
//!
//! A query is an act: a source (or anyone), an action word and a target (or anyone). It
//! returns the commitments of the register that the act would trigger, each with its
//! reports and status, and the recent trend of every dyad involved: attacker and target,
//! and each matching commitment's holder with its beneficiary and with its adversary (the
//! dyad series and escalation alerts of an [`EventSet`]).
//!
//! # Action words
//!
//! [`ACTION_WORDS`] maps the words of a query to acts: `attack(s)`, `strike(s)`,
//! `assault(s)`, `invade(s)`, `fight(s)`, `hit(s)` are CAMEO 190 (conventional military
//! force); `blockade(s)`, `quarantine(s)` 191; `occupy`, `seize(s)`, `annex(es)` 192;
//! `shell(s)` 194; `bomb(s)` 195; `nuke(s)` 2042; `threaten(s)` 138; `sanction(s)` 163;
//! `conflict`, `war`, `contingency`, `crisis`, `clash(es)` a conflict.
//!
//! # What matches
//!
//! - A commitment whose trigger overlaps the act: not negated; actions overlapping as in
//!   the register ([`actions_overlap`]: same CAMEO root or PLOVER type, any two
//!   armed-conflict acts (roots 18-20), a conflict and an armed-conflict act); each
//!   trigger actor a wildcard or the query's (a conflict is undirected: `a Taiwan
//!   contingency`, `(any, conflict, TWN)`, is triggered by `CHN attacks TWN` and by `TWN
//!   attacks CHN`). A query actor `any` matches every trigger actor.
//! - A military commitment with no trigger whose beneficiary is the target of an
//!   armed-conflict act (`will defend Taiwan` is triggered by an attack on Taiwan): the
//!   match says it is implied.
//!
//! Commitments standing (stated, reaffirmed) come first, then weakened, then withdrawn;
//! latest reported first within each.
//!
//! # Trends
//!
//! For each dyad: the monthly series over the `months` before `as_of` (default six, up to
//! the latest day of the event set), what is counted being the set's defaults (clusters,
//! factual events, country level, both directions); the conflict-cooperation index of the
//! later half of the window against the earlier half (an earlier half without events
//! counts as 0: escalating when the later index is more than 0.2 below, easing when more
//! than 0.2 above, steady between, quiet with no events); and the dyad's escalation
//! alerts that end in the window (an alert makes the trend escalating).

use crate::alerts::{Alert, AlertConfig};
use crate::commitments::{CommitmentRegister, actions_overlap, is_armed_conflict};
use crate::point::ActorLevel;
use crate::series::{Bucket, SeriesBucket, SeriesQuery};
use crate::set::{DyadOptions, EventSet};
use crate::{Error, Result};
use faultline_model::{
    ActorCode, ActorRef, CameoCode, Commitment, CommitmentClass, CommitmentStatus, Trigger, TriggerAction,
};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The words a query's action may be, and what each means: a CAMEO code, or `conflict`.
pub const ACTION_WORDS: &[(&str, &str)] = &[
    ("attack", "190"),
    ("attacks", "190"),
    ("strike", "190"),
    ("strikes", "190"),
    ("assault", "190"),
    ("assaults", "190"),
    ("invade", "190"),
    ("invades", "190"),
    ("fight", "190"),
    ("fights", "190"),
    ("hit", "190"),
    ("hits", "190"),
    ("blockade", "191"),
    ("blockades", "191"),
    ("quarantine", "191"),
    ("quarantines", "191"),
    ("occupy", "192"),
    ("occupies", "192"),
    ("seize", "192"),
    ("seizes", "192"),
    ("annex", "192"),
    ("annexes", "192"),
    ("shell", "194"),
    ("shells", "194"),
    ("bomb", "195"),
    ("bombs", "195"),
    ("nuke", "2042"),
    ("nukes", "2042"),
    ("threaten", "138"),
    ("threatens", "138"),
    ("sanction", "163"),
    ("sanctions", "163"),
    ("conflict", "conflict"),
    ("war", "conflict"),
    ("contingency", "conflict"),
    ("crisis", "conflict"),
    ("clash", "conflict"),
    ("clashes", "conflict"),
];

/// An act asked about: `CHN attacks TWN`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContingencyQuery {
    /// The actor's country; `None` for anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ActorCode>,
    /// The action word as asked (`attacks`).
    pub word: String,
    pub action: TriggerAction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorCode>,
}

fn query_actor(code: &str) -> Result<Option<ActorCode>> {
    let code = code.trim();
    if code.eq_ignore_ascii_case("any") || code == "*" || code.is_empty() {
        return Ok(None);
    }
    let actor =
        ActorCode::new(code.to_ascii_uppercase()).map_err(|e| Error::Query(format!("{code:?}: {e}")))?;
    let key = ActorLevel::Country.key(&actor).to_string();
    Ok(Some(ActorCode::new(key).unwrap_or(actor)))
}

impl ContingencyQuery {
    /// A query from its three words: `CHN attacks TWN`; `any` (or `*`) for anyone.
    ///
    /// # Errors
    /// [`Error::Query`] for an invalid actor code or an action word not in
    /// [`ACTION_WORDS`].
    pub fn parse(source: &str, word: &str, target: &str) -> Result<ContingencyQuery> {
        let action = action_of(word).ok_or_else(|| {
            let known: Vec<&str> = ACTION_WORDS.iter().map(|(w, _)| *w).collect();
            Error::Query(format!("unknown action {word:?}; one of: {}", known.join(", ")))
        })?;
        Ok(ContingencyQuery {
            source: query_actor(source)?,
            word: word.to_lowercase(),
            action,
            target: query_actor(target)?,
        })
    }

    /// Whether the act would set off a commitment with this trigger.
    #[must_use]
    pub fn triggers(&self, trigger: &Trigger) -> bool {
        if trigger.negated || !actions_overlap(&trigger.action, &trigger.cue, &self.action, self.lemma()) {
            return false;
        }
        let agree = |t: Option<&ActorRef>, q: Option<&ActorCode>| match (t, q) {
            (Some(t), Some(q)) => ActorLevel::Country.key(&t.code) == q.as_str(),
            _ => true,
        };
        let directed = agree(trigger.source.as_ref(), self.source.as_ref())
            && agree(trigger.target.as_ref(), self.target.as_ref());
        directed
            || (matches!(trigger.action, TriggerAction::Conflict)
                && agree(trigger.source.as_ref(), self.target.as_ref())
                && agree(trigger.target.as_ref(), self.source.as_ref()))
    }

    /// The action word without a final `s` (`attacks` -> `attack`), for uncoded triggers.
    fn lemma(&self) -> &str {
        self.word.strip_suffix('s').unwrap_or(&self.word)
    }

    fn armed(&self) -> bool {
        match &self.action {
            TriggerAction::Act { cameo, .. } => is_armed_conflict(cameo),
            TriggerAction::Conflict => true,
            TriggerAction::Other => false,
        }
    }
}

/// The act an action word stands for.
#[must_use]
pub fn action_of(word: &str) -> Option<TriggerAction> {
    let lower = word.to_lowercase();
    let (_, meaning) = ACTION_WORDS.iter().find(|(w, _)| *w == lower)?;
    if *meaning == "conflict" {
        return Some(TriggerAction::Conflict);
    }
    let cameo = CameoCode::new(*meaning).ok()?;
    Some(TriggerAction::Act { plover: None, cameo })
}

/// Why a commitment would be set off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    /// Its trigger overlaps the act.
    Trigger,
    /// A military commitment with no trigger to the act's target.
    Defence,
}

/// A commitment the act would set off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContingencyMatch {
    pub reason: MatchReason,
    pub commitment: Commitment,
}

/// Why a dyad is in the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DyadRole {
    /// The query's source and target.
    AttackerTarget,
    /// A matching commitment's holder and beneficiary.
    HolderBeneficiary,
    /// A matching commitment's holder and adversary.
    HolderAdversary,
}

impl DyadRole {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DyadRole::AttackerTarget => "attacker-target",
            DyadRole::HolderBeneficiary => "holder-beneficiary",
            DyadRole::HolderAdversary => "holder-adversary",
        }
    }
}

/// Which way a dyad is moving.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Escalating,
    Easing,
    Steady,
    /// No events in the window.
    Quiet,
}

impl Trend {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Escalating => "escalating",
            Trend::Easing => "easing",
            Trend::Steady => "steady",
            Trend::Quiet => "quiet",
        }
    }
}

/// The recent trend of one dyad.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DyadTrend {
    /// The two countries, in the order the first role gave them.
    pub a: String,
    pub b: String,
    pub roles: Vec<DyadRole>,
    /// Monthly buckets of the window.
    pub buckets: Vec<SeriesBucket>,
    /// Units (clusters by default) counted in the window.
    pub events: u32,
    pub conflict: u32,
    pub cooperation: u32,
    /// The conflict-cooperation index of the earlier and the later half of the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_index: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_index: Option<f64>,
    pub trend: Trend,
    /// Escalation alerts ending in the window.
    pub alerts: Vec<Alert>,
}

/// Query settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContingencyConfig {
    /// Months of trend before `as_of` (default 6).
    pub months: u32,
    /// The day the trends end (default: the event set's latest day, else the latest
    /// report of a matching commitment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// How dyads are counted (the set's defaults).
    #[serde(flatten)]
    pub dyads: DyadOptions,
}

impl Default for ContingencyConfig {
    fn default() -> ContingencyConfig {
        ContingencyConfig { months: 6, as_of: None, dyads: DyadOptions::default() }
    }
}

/// The answer to a contingency query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContingencyReport {
    pub query: ContingencyQuery,
    pub commitments: Vec<ContingencyMatch>,
    pub dyads: Vec<DyadTrend>,
    /// The day the trends end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

fn status_rank(status: CommitmentStatus) -> u8 {
    match status {
        CommitmentStatus::Stated | CommitmentStatus::Reaffirmed => 0,
        CommitmentStatus::Weakened => 1,
        CommitmentStatus::Withdrawn => 2,
    }
}

/// The commitments `query` would set off, and the trends of the dyads involved (none
/// without an event set).
#[must_use]
pub fn contingency(
    register: &CommitmentRegister,
    events: Option<&EventSet>,
    query: &ContingencyQuery,
    config: &ContingencyConfig,
) -> ContingencyReport {
    let mut matches: Vec<ContingencyMatch> = Vec::new();
    for c in register.commitments() {
        let reason = match &c.trigger {
            Some(trigger) if query.triggers(trigger) => MatchReason::Trigger,
            None if c.class == CommitmentClass::Military
                && query.armed()
                && query.target.is_some()
                && c.beneficiary == query.target =>
            {
                MatchReason::Defence
            }
            _ => continue,
        };
        matches.push(ContingencyMatch { reason, commitment: c.clone() });
    }
    matches.sort_by(|x, y| {
        status_rank(x.commitment.status)
            .cmp(&status_rank(y.commitment.status))
            .then(y.commitment.last_seen.cmp(&x.commitment.last_seen))
            .then_with(|| x.commitment.id.cmp(&y.commitment.id))
    });

    // The dyads involved, each once (undirected), roles in order.
    let mut pairs: Vec<(String, String, Vec<DyadRole>)> = Vec::new();
    let mut add = |a: &ActorCode, b: &ActorCode, role: DyadRole| {
        if a == b {
            return;
        }
        match pairs
            .iter_mut()
            .find(|(x, y, _)| (x == a.as_str() && y == b.as_str()) || (x == b.as_str() && y == a.as_str()))
        {
            Some((_, _, roles)) if !roles.contains(&role) => roles.push(role),
            Some(_) => {}
            None => pairs.push((a.to_string(), b.to_string(), vec![role])),
        }
    };
    if let (Some(s), Some(t)) = (&query.source, &query.target) {
        add(s, t, DyadRole::AttackerTarget);
    }
    for m in &matches {
        let c = &m.commitment;
        if let Some(b) = &c.beneficiary {
            add(&c.holder, b, DyadRole::HolderBeneficiary);
        }
        if let Some(a) = &c.adversary {
            add(&c.holder, a, DyadRole::HolderAdversary);
        }
    }

    let as_of = config
        .as_of
        .or_else(|| events.and_then(EventSet::last_day))
        .or_else(|| matches.iter().map(|m| m.commitment.last_seen).max());
    let dyads = match (events, as_of) {
        (Some(set), Some(as_of)) => {
            pairs.into_iter().map(|(a, b, roles)| trend(set, a, b, roles, as_of, config)).collect()
        }
        _ => Vec::new(),
    };
    ContingencyReport { query: query.clone(), commitments: matches, dyads, as_of }
}

fn trend(
    set: &EventSet,
    a: String,
    b: String,
    roles: Vec<DyadRole>,
    as_of: Date,
    config: &ContingencyConfig,
) -> DyadTrend {
    let months = config.months.max(1);
    let from =
        as_of.checked_sub(i64::from(months - 1).months()).ok().map(|d| d.first_of_month()).unwrap_or(as_of);
    let query = SeriesQuery::new(&a, &b).options(config.dyads).bucket(Bucket::Month).between(from, as_of);
    let series = set.series(&query);
    let half = series.buckets.len() / 2;
    let index = |buckets: &[SeriesBucket]| {
        let (coop, conflict) = buckets.iter().fold((0.0, 0.0), |(c, k), b| {
            let (bc, bk) = b.weights();
            (c + bc, k + bk)
        });
        let total = coop + conflict;
        (total > 0.0).then(|| (coop - conflict) / total)
    };
    let earlier_index = index(&series.buckets[..half]);
    let recent_index = index(&series.buckets[half..]);
    let alerts: Vec<Alert> = set
        .dyad_alerts_of(&a, &b, &AlertConfig { dyads: config.dyads, ..AlertConfig::default() })
        .unwrap_or_default()
        .into_iter()
        .filter(|alert| alert.until >= from && alert.window.start <= as_of)
        .collect();
    let events = series.total;
    let conflict = series.buckets.iter().map(|b| b.quad.conflict()).sum();
    let cooperation = series.buckets.iter().map(|b| b.quad.cooperation()).sum();
    let trend = if events == 0 {
        Trend::Quiet
    } else if !alerts.is_empty() {
        Trend::Escalating
    } else {
        // An earlier half without events counts as neutral (0): from nothing to
        // conflict is an escalation.
        let earlier = earlier_index.unwrap_or(0.0);
        match recent_index {
            Some(r) if r < earlier - 0.2 => Trend::Escalating,
            Some(r) if r > earlier + 0.2 => Trend::Easing,
            _ => Trend::Steady,
        }
    };
    DyadTrend {
        a,
        b,
        roles,
        buckets: series.buckets,
        events,
        conflict,
        cooperation,
        earlier_index,
        recent_index,
        trend,
        alerts,
    }
}
