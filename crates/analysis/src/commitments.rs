//! The commitments register: who pledged what to whom, under which trigger, on what basis,
//! and whether later reports reaffirmed, weakened or withdrew it.
//!
//! The register reads events only: their codes, modality, condition trigger and
//! [`Pledge`] (all filled by the coder). It never reads text; the evidence sentence of
//! each report is carried through as provenance for the reader.
//!
//! # What a report is
//!
//! An event is a report about a commitment when it has a [`Pledge`] and names a
//! counterpart: a beneficiary, an adversary or a coded trigger. Its class comes from its
//! CAMEO code ([`CommitmentClass::of`]); a withdrawal coded as a rejection (12x) has none
//! and matches any class. Conditional events whose condition could not be coded as a
//! trigger (`if necessary`) are not reports, unless they cite an instrument.
//!
//! A report **founds** a commitment when no existing one matches it and it is conditional
//! (with a trigger), future or possible, or cites an instrument (treaty, agreement, law),
//! and is not a withdrawal. A bare restatement (`reaffirmed its support`) and a hedge or
//! withdrawal never found one: they only update.
//!
//! # Identification
//!
//! A report matches a commitment when all of these hold:
//!
//! - the same holder country (the event's source at country level);
//! - compatible classes ([`CommitmentClass::compatible`]: equal, or support with military
//!   or aid), or the report has no class;
//! - the same beneficiary country, or one of the two has none; the same for adversaries;
//! - compatible triggers: both absent; or both present and overlapping ([`triggers_overlap`]:
//!   each actor equal or a wildcard, acts of the same CAMEO root or PLOVER type, or any
//!   armed-conflict act (roots 18-20) against a conflict trigger, same negation); or the
//!   commitment has a trigger and the report has none but either hedges or withdraws (a
//!   retraction without a condition applies to every matching pledge) or restates with a
//!   topic that is one of the trigger's actors (`reaffirmed its support for China's
//!   position on Taiwan` reaffirms support conditional on a Taiwan contingency).
//!
//! Among matches the most specific wins: same beneficiary, both triggers present, same
//! adversary, same class, in that order of weight; then the earliest founded.
//!
//! # Status
//!
//! A commitment's reports are kept in date order (event date, then arrival) and its status
//! is replayed from them, so reports may arrive in any order:
//!
//! - the first report **founds** it: status `stated`, strength its [`Stance`];
//! - a report from an article already counted **repeats** it: no change;
//! - a withdrawing report (`will not defend`, `no longer bound`) makes it `withdrawn`;
//! - a report weaker than the current strength (firm 3 > possible 2 > hedged 1 >
//!   withdrawn 0: `would consider`, `not automatically`) makes it `weakened`;
//! - any other report restates it at least as firmly: `reaffirmed` (also after a
//!   weakening or withdrawal, which it reverses).
//!
//! The strength after a report is the report's stance. First seen is the earliest event
//! date (with its precision: Takaichi's remark is `2025-11`), last seen the latest.
//!
//! ```
//! use faultline_analysis::CommitmentRegister;
//! # fn events() -> Vec<faultline_model::Event> { Vec::new() }
//! let mut register = CommitmentRegister::default();
//! for event in events() {
//!     register.apply(&event); // at ingest, in arrival order
//! }
//! // or, from stored events: CommitmentRegister::rebuild(&stored)
//! for c in register.commitments() {
//!     println!("{} -> {:?}: {} ({})", c.holder, c.beneficiary, c.class.as_str(), c.status);
//! }
//! ```

use crate::fingerprint::hash_str;
use crate::point::ActorLevel;
use faultline_model::{
    ActorCode, ActorRef, CameoCode, Commitment, CommitmentClass, CommitmentReport, CommitmentStatus, Event,
    Precision, ReportEffect, Stance, Trigger, TriggerAction,
};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// What applying one event did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// The commitment it founded or updated.
    pub commitment: String,
    pub effect: ReportEffect,
    /// The commitment's status afterwards.
    pub status: CommitmentStatus,
}

/// The commitments register. Incremental ([`CommitmentRegister::apply`] one event at a
/// time, at ingest) and rebuildable from stored events ([`CommitmentRegister::rebuild`]).
#[derive(Clone, Debug, Default)]
pub struct CommitmentRegister {
    commitments: Vec<Commitment>,
    /// The commitments of each holder country, by index: a report is only compared with
    /// its holder's.
    by_holder: FxHashMap<ActorCode, Vec<usize>>,
    /// Event ids applied, so applying an event twice changes nothing.
    applied: FxHashSet<String>,
}

/// A report's reading of an event.
struct Report<'e> {
    event: &'e Event,
    holder: ActorCode,
    class: Option<CommitmentClass>,
    beneficiary: Option<ActorCode>,
    adversary: Option<ActorCode>,
    trigger: Option<&'e Trigger>,
    stance: Stance,
    restated: bool,
    topic: Option<ActorCode>,
    founds: bool,
}

/// An actor's country (or its first two groups when it has none), as analysis keys it.
fn country(code: &ActorCode) -> ActorCode {
    let key = ActorLevel::Country.key(code);
    ActorCode::new(key).unwrap_or_else(|_| code.clone())
}

fn country_of(actor: Option<&ActorRef>) -> Option<ActorCode> {
    actor.map(|a| country(&a.code))
}

fn report_of(event: &Event) -> Option<Report<'_>> {
    let pledge = event.pledge.as_ref()?;
    let modality = &event.modality;
    let class = CommitmentClass::of(&event.cameo);
    if class.is_none() && pledge.stance != Stance::Withdrawn {
        return None;
    }
    let trigger = modality.condition.as_ref().and_then(|c| c.trigger.as_ref());
    let instrument = pledge.basis.as_ref().is_some_and(|b| b.kind.is_instrument());
    if modality.condition.is_some() && trigger.is_none() && !instrument {
        return None;
    }
    let holder = country(&event.source.code);
    let beneficiary = country_of(pledge.beneficiary.as_ref()).filter(|b| *b != holder);
    let adversary = country_of(pledge.adversary.as_ref()).filter(|a| *a != holder);
    if beneficiary.is_none() && adversary.is_none() && trigger.is_none() {
        return None;
    }
    let founds = class.is_some()
        && matches!(pledge.stance, Stance::Firm | Stance::Possible)
        && (trigger.is_some() || modality.future || modality.hypothetical || instrument);
    Some(Report {
        event,
        holder,
        class,
        beneficiary,
        adversary,
        trigger,
        stance: pledge.stance,
        restated: pledge.restated,
        topic: country_of(pledge.topic.as_ref()),
        founds,
    })
}

/// Whether two actors of triggers agree: equal countries, or either a wildcard.
fn actors_agree(a: Option<&ActorRef>, b: Option<&ActorRef>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => country(&a.code) == country(&b.code),
        _ => true,
    }
}

/// Armed conflict: CAMEO roots 18 (assault), 19 (fight) and 20 (mass violence).
#[must_use]
pub fn is_armed_conflict(cameo: &CameoCode) -> bool {
    matches!(cameo.root(), 18..=20)
}

/// Whether two trigger actions can be the same act: acts of the same CAMEO root or PLOVER
/// type, or both armed conflict; a conflict and an armed-conflict act or another
/// conflict; uncoded acts with the same cue.
#[must_use]
pub fn actions_overlap(a: &TriggerAction, a_cue: &str, b: &TriggerAction, b_cue: &str) -> bool {
    match (a, b) {
        (TriggerAction::Act { cameo: x, plover: px }, TriggerAction::Act { cameo: y, plover: py }) => {
            x.root() == y.root()
                || (px.is_some() && px == py)
                || (is_armed_conflict(x) && is_armed_conflict(y))
        }
        (TriggerAction::Conflict, TriggerAction::Conflict) => true,
        (TriggerAction::Conflict, TriggerAction::Act { cameo, .. })
        | (TriggerAction::Act { cameo, .. }, TriggerAction::Conflict) => is_armed_conflict(cameo),
        (TriggerAction::Other, TriggerAction::Other) => a_cue == b_cue,
        _ => false,
    }
}

/// Whether two triggers can be the same contingency: same negation, overlapping actions,
/// and each actor equal or a wildcard (a conflict is undirected: `(CHN, conflict, TWN)`
/// overlaps `(TWN, conflict, CHN)`).
#[must_use]
pub fn triggers_overlap(a: &Trigger, b: &Trigger) -> bool {
    if a.negated != b.negated || !actions_overlap(&a.action, &a.cue, &b.action, &b.cue) {
        return false;
    }
    let directed = actors_agree(a.source.as_ref(), b.source.as_ref())
        && actors_agree(a.target.as_ref(), b.target.as_ref());
    let conflict = matches!(a.action, TriggerAction::Conflict) || matches!(b.action, TriggerAction::Conflict);
    directed
        || (conflict
            && actors_agree(a.source.as_ref(), b.target.as_ref())
            && actors_agree(a.target.as_ref(), b.source.as_ref()))
}

fn trigger_actors(trigger: &Trigger) -> impl Iterator<Item = ActorCode> + '_ {
    trigger.source.iter().chain(trigger.target.iter()).map(|a| country(&a.code))
}

/// How well a report matches a commitment: `None` if it does not.
fn score(c: &Commitment, r: &Report<'_>) -> Option<u32> {
    if c.holder != r.holder {
        return None;
    }
    if r.class.is_some_and(|class| !class.compatible(c.class)) {
        return None;
    }
    let agree = |x: &Option<ActorCode>, y: &Option<ActorCode>| x.is_none() || y.is_none() || x == y;
    if !agree(&c.beneficiary, &r.beneficiary) || !agree(&c.adversary, &r.adversary) {
        return None;
    }
    let triggers = match (&c.trigger, r.trigger) {
        (None, None) => true,
        (Some(a), Some(b)) => triggers_overlap(a, b),
        (None, Some(_)) => false,
        (Some(t), None) => {
            matches!(r.stance, Stance::Hedged | Stance::Withdrawn)
                || (r.restated
                    && r.topic.as_ref().is_some_and(|topic| trigger_actors(t).any(|a| a == *topic)))
        }
    };
    if !triggers {
        return None;
    }
    let same = |x: &Option<ActorCode>, y: &Option<ActorCode>| x.is_some() && x == y;
    Some(
        8 * u32::from(same(&c.beneficiary, &r.beneficiary))
            + 4 * u32::from(c.trigger.is_some() && r.trigger.is_some())
            + 2 * u32::from(same(&c.adversary, &r.adversary))
            + u32::from(r.class == Some(c.class)),
    )
}

fn commitment_report(r: &Report<'_>) -> CommitmentReport {
    let e = r.event;
    CommitmentReport {
        event_id: e.id.clone(),
        article_id: e.article_id.clone(),
        date: e.date.date,
        precision: e.date.precision,
        cameo: e.cameo.clone(),
        stance: r.stance,
        effect: ReportEffect::Founded,
        sentence: e.evidence.sentence_text.clone(),
        speaker: e.speaker.clone(),
    }
}

/// Replays a commitment's reports (already in date order) into their effects, its status
/// and strength.
fn replay(c: &mut Commitment) {
    let mut status = CommitmentStatus::Stated;
    let mut stance = Stance::Firm;
    let mut articles: Vec<&str> = Vec::new();
    for (i, report) in c.reports.iter_mut().enumerate() {
        let effect = if i == 0 {
            stance = report.stance;
            ReportEffect::Founded
        } else if articles.contains(&report.article_id.as_str()) {
            ReportEffect::Repeated
        } else if report.stance == Stance::Withdrawn {
            status = CommitmentStatus::Withdrawn;
            stance = report.stance;
            ReportEffect::Withdrawn
        } else if report.stance.strength() < stance.strength() {
            status = CommitmentStatus::Weakened;
            stance = report.stance;
            ReportEffect::Weakened
        } else {
            status = CommitmentStatus::Reaffirmed;
            stance = report.stance;
            ReportEffect::Reaffirmed
        };
        report.effect = effect;
        articles.push(report.article_id.as_str());
    }
    c.status = status;
    c.stance = stance;
    if let Some(first) = c.reports.iter().min_by_key(|r| (r.date, precision_rank(r.precision))) {
        c.first_seen = first.date;
        c.first_precision = first.precision;
    }
    if let Some(last) =
        c.reports.iter().max_by_key(|r| (r.date, std::cmp::Reverse(precision_rank(r.precision))))
    {
        c.last_seen = last.date;
        c.last_precision = last.precision;
    }
}

/// Finer precision first among equal dates.
fn precision_rank(precision: Precision) -> u8 {
    match precision {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Year => 3,
    }
}

fn found(r: &Report<'_>) -> Option<Commitment> {
    let e = r.event;
    let pledge = e.pledge.as_ref()?;
    let class = r.class?;
    let mut c = Commitment {
        id: format!("k-{:016x}", hash_str(&e.id)),
        holder: r.holder.clone(),
        holder_actor: e.source.clone(),
        beneficiary: r.beneficiary.clone(),
        adversary: r.adversary.clone(),
        class,
        cameo: e.cameo.clone(),
        plover: e.plover,
        label: String::new(),
        terms: pledge.terms.as_ref().map(|t| t.text.clone()),
        trigger: r.trigger.cloned(),
        condition: e.modality.condition.as_ref().map(|c| c.text.clone()),
        basis: pledge.basis.clone(),
        status: CommitmentStatus::Stated,
        stance: r.stance,
        first_seen: e.date.date,
        first_precision: e.date.precision,
        last_seen: e.date.date,
        last_precision: e.date.precision,
        reports: vec![commitment_report(r)],
    };
    replay(&mut c);
    Some(c)
}

/// Completes a commitment with what a matching report adds: actors, trigger and terms it
/// did not have, and an instrument where it had only a statement.
fn merge(c: &mut Commitment, r: &Report<'_>) {
    let Some(pledge) = r.event.pledge.as_ref() else { return };
    if c.beneficiary.is_none() {
        c.beneficiary.clone_from(&r.beneficiary);
    }
    if c.adversary.is_none() {
        c.adversary.clone_from(&r.adversary);
    }
    if c.trigger.is_none() && r.stance != Stance::Withdrawn {
        c.trigger = r.trigger.cloned();
        c.condition = r.event.modality.condition.as_ref().map(|x| x.text.clone());
    }
    if c.terms.is_none() {
        c.terms = pledge.terms.as_ref().map(|t| t.text.clone());
    }
    let instrument = |b: &Option<faultline_model::Basis>| b.as_ref().is_some_and(|b| b.kind.is_instrument());
    if c.basis.is_none() || (!instrument(&c.basis) && instrument(&pledge.basis)) {
        c.basis.clone_from(&pledge.basis);
    }
    let report = commitment_report(r);
    // Date order, ties in arrival order.
    let at = c.reports.partition_point(|x| x.date <= report.date);
    c.reports.insert(at, report);
    replay(c);
}

impl CommitmentRegister {
    /// An empty register.
    #[must_use]
    pub fn new() -> CommitmentRegister {
        CommitmentRegister::default()
    }

    /// A register built from stored events: sorted by event date, then id, and applied.
    #[must_use]
    pub fn rebuild<'e>(events: impl IntoIterator<Item = &'e Event>) -> CommitmentRegister {
        let mut events: Vec<&Event> = events.into_iter().collect();
        events.sort_by(|a, b| a.date.date.cmp(&b.date.date).then_with(|| a.id.cmp(&b.id)));
        let mut register = CommitmentRegister::default();
        for event in events {
            register.apply(event);
        }
        register
    }

    /// Applies one event: it founds a commitment, updates the best matching one, or
    /// (most events) does nothing. Applying an event id twice changes nothing.
    pub fn apply(&mut self, event: &Event) -> Option<Applied> {
        if self.applied.contains(&event.id) {
            return None;
        }
        let report = report_of(event)?;
        let candidates = self.by_holder.get(&report.holder).map_or(&[][..], Vec::as_slice);
        let best = candidates
            .iter()
            .filter_map(|&i| score(&self.commitments[i], &report).map(|s| (s, i)))
            .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)))
            .map(|(_, i)| i);
        let index = match best {
            Some(i) => {
                merge(&mut self.commitments[i], &report);
                i
            }
            None if report.founds => {
                let commitment = found(&report)?;
                self.commitments.push(commitment);
                let i = self.commitments.len() - 1;
                self.by_holder.entry(report.holder.clone()).or_default().push(i);
                i
            }
            None => return None,
        };
        self.applied.insert(event.id.clone());
        let c = &self.commitments[index];
        let effect =
            c.reports.iter().find(|r| r.event_id == event.id).map_or(ReportEffect::Founded, |r| r.effect);
        Some(Applied { commitment: c.id.clone(), effect, status: c.status })
    }

    /// Every commitment, in order of foundation.
    #[must_use]
    pub fn commitments(&self) -> &[Commitment] {
        &self.commitments
    }

    /// The commitment with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.id == id)
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.commitments.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.commitments.is_empty()
    }

    /// The commitments a filter selects, in order of foundation.
    pub fn select<'a>(&'a self, filter: &'a CommitmentFilter) -> impl Iterator<Item = &'a Commitment> + 'a {
        self.commitments.iter().filter(move |c| filter.accepts(c))
    }
}

/// Which commitments to list: by holder, beneficiary, adversary (countries or codes at
/// any level: `RUSGOV` asks for `RUS`), any actor, or status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitmentFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adversary: Option<String>,
    /// The holder, beneficiary, adversary or a trigger actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CommitmentStatus>,
}

fn key(code: &str) -> String {
    ActorCode::new(code).map_or_else(|_| code.to_string(), |c| country(&c).to_string())
}

impl CommitmentFilter {
    /// Whether `c` passes the filter.
    #[must_use]
    pub fn accepts(&self, c: &Commitment) -> bool {
        let is = |want: &Option<String>, got: Option<&ActorCode>| {
            want.as_deref().is_none_or(|w| got.is_some_and(|g| g.as_str() == key(w)))
        };
        let actor_ok = self.actor.as_deref().is_none_or(|w| {
            let w = key(w);
            std::iter::once(c.holder.clone())
                .chain(c.beneficiary.clone())
                .chain(c.adversary.clone())
                .chain(c.trigger.iter().flat_map(|t| trigger_actors(t).collect::<Vec<_>>()))
                .any(|a| a.as_str() == w)
        });
        is(&self.holder, Some(&c.holder))
            && is(&self.beneficiary, c.beneficiary.as_ref())
            && is(&self.adversary, c.adversary.as_ref())
            && actor_ok
            && self.status.is_none_or(|s| s == c.status)
    }
}
