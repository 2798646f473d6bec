//! Commitments: what a condition is coded as ([`Trigger`]), what an event says about a
//! pledge ([`Pledge`]: beneficiary, adversary, basis, terms, stance), and the register's
//! rows ([`Commitment`]) with the reports behind them.
//!
//! The coder fills [`Condition::trigger`](crate::Condition::trigger) and
//! [`Event::pledge`](crate::Event::pledge); the analysis crate's register turns pledges
//! into commitments and keeps their status current. All plain data.

use crate::{ActorCode, ActorRef, CameoCode, Plover, Precision, Span};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A condition coded as an act: who would do what to whom.
///
/// `if a Taiwan contingency flares up` is `(any, conflict, TWN)`; `a Chinese attack on
/// Taiwan` is `(CHN, 190 ASSAULT, TWN)`; `if Russia invades` is `(RUS, 190 ASSAULT,
/// any)`; `unless Iran halts enrichment` is `(IRN, other "halt", any)` negated: the
/// trigger is Iran *not* halting. A missing actor is a wildcard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// Who would act; `None` for anyone (`if a war breaks out`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ActorRef>,
    pub action: TriggerAction,
    /// Against whom, or over whom for a conflict; `None` for anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorRef>,
    /// `unless ...`, `if ... does not ...`: the trigger is the act not happening.
    #[serde(default)]
    pub negated: bool,
    /// The word that named the act, lower case (`contingency`, `attack`, `invades`).
    pub cue: String,
}

impl Trigger {
    /// The source's code, if the trigger names one.
    #[must_use]
    pub fn source_code(&self) -> Option<&ActorCode> {
        self.source.as_ref().map(|a| &a.code)
    }

    /// The target's code, if the trigger names one.
    #[must_use]
    pub fn target_code(&self) -> Option<&ActorCode> {
        self.target.as_ref().map(|a| &a.code)
    }
}

impl fmt::Display for Trigger {
    /// `(CHN, 190 ASSAULT, TWN)`, `(any, conflict, TWN)`, `not (IRN, other halt, any)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn actor(a: Option<&ActorRef>) -> &str {
            a.map_or("any", |a| a.code.country().unwrap_or(a.code.as_str()))
        }
        if self.negated {
            f.write_str("not ")?;
        }
        write!(f, "({}, ", actor(self.source.as_ref()))?;
        match &self.action {
            TriggerAction::Act { cameo, plover } => match plover {
                Some(p) => write!(f, "{cameo} {}", p.as_str())?,
                None => write!(f, "{cameo}")?,
            },
            TriggerAction::Conflict => f.write_str("conflict")?,
            TriggerAction::Other => write!(f, "other {}", self.cue)?,
        }
        write!(f, ", {})", actor(self.target.as_ref()))
    }
}

/// What a trigger's act is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TriggerAction {
    /// An act the verb dictionaries code (`attack` 190, `blockade` 191).
    Act {
        cameo: CameoCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plover: Option<Plover>,
    },
    /// A conflict, contingency, crisis or war, without saying who does what: it stands for
    /// any armed conflict act (CAMEO roots 18-20) involving its actors.
    Conflict,
    /// An act the dictionaries do not code (`halts enrichment`); only its cue is known.
    Other,
}

/// What a commitment rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// A treaty, pact, alliance, charter or an article of one (`Article 5`).
    Treaty,
    /// An agreement, accord, memorandum or deal.
    Agreement,
    /// A law, act, constitution or resolution.
    Law,
    /// Only the holder's own statement (`said in a parliamentary session`).
    Statement,
}

impl BasisKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BasisKind::Treaty => "treaty",
            BasisKind::Agreement => "agreement",
            BasisKind::Law => "law",
            BasisKind::Statement => "statement",
        }
    }

    /// A cited instrument (treaty, agreement, law), as opposed to a statement.
    #[must_use]
    pub fn is_instrument(self) -> bool {
        self != BasisKind::Statement
    }
}

/// The basis of a pledge: `a treaty with China`, `Article 5`, `the 2001 treaty of
/// friendship`, or the statement it was made in (`said in a parliamentary session`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    pub kind: BasisKind,
    /// The phrase as written (`a treaty with China`, `said in a parliamentary session in
    /// November`).
    pub text: String,
    pub span: Span,
    /// The other party the instrument names (`with China`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<ActorRef>,
    /// For a statement: where it was made, normalised (`parliament`, `interview`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// Who cited it, when it was cited by a speaker (`Mr Lavrov`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cited_by: Option<ActorRef>,
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.venue, self.kind) {
            (Some(venue), BasisKind::Statement) => write!(f, "statement in {venue} ({})", self.text),
            _ => write!(f, "{} ({})", self.kind.as_str(), self.text),
        }
    }
}

/// Words that spell out what is pledged beyond the verb: `mutual support in defending
/// national unity and territorial integrity`, `involving its defence forces in support
/// of the United States`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub text: String,
    pub span: Span,
}

/// How firmly an event states a pledge, strongest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Stated: `will support`, `vowed to defend`, `is committed to`.
    #[default]
    Firm,
    /// Possible: `could`, `might`, `would`, `potentially`.
    Possible,
    /// Hedged: `would consider`, `not automatically`, `case by case`, `not necessarily`.
    Hedged,
    /// Withdrawn: `will not defend`, `no longer bound by`.
    Withdrawn,
}

impl Stance {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Firm => "firm",
            Stance::Possible => "possible",
            Stance::Hedged => "hedged",
            Stance::Withdrawn => "withdrawn",
        }
    }

    /// 3 for firm down to 0 for withdrawn: a later report weaker than the commitment's
    /// current strength weakens it.
    #[must_use]
    pub fn strength(self) -> u8 {
        match self {
            Stance::Firm => 3,
            Stance::Possible => 2,
            Stance::Hedged => 1,
            Stance::Withdrawn => 0,
        }
    }
}

/// What an event says about a commitment, filled by the coder for pledges, defence
/// commitments, conditional threats, restatements and retractions, and statements that
/// cite a treaty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pledge {
    /// Who it is for: `in support of the United States`, the target of `will support
    /// China`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<ActorRef>,
    /// Who it is against: the target of a threat, or the trigger's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adversary: Option<ActorRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
    pub stance: Stance,
    /// Said as a restatement (`reaffirmed`, `reiterated`, `repeated`).
    #[serde(default)]
    pub restated: bool,
    /// The actor the pledge is about, when the text names one beside the beneficiary
    /// (`support for China's position on Taiwan`): lets an unconditional restatement
    /// reaffirm a commitment whose trigger is about that actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<ActorRef>,
}

/// What kind of thing is committed, from the pledge's CAMEO code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentClass {
    /// Military support or the use of force on someone's side: 0312, 0332, 0334, 062,
    /// 072, 074, and threats of force (138x).
    Military,
    /// Political or diplomatic support: 030, 031, 032, 05x, 060.
    Support,
    /// Material aid: 0311, 033, 0331, 0333, 061, 07x other than military.
    Aid,
    /// Threats of non-military coercion: 13x other than 138x.
    Coercion,
}

impl CommitmentClass {
    /// The class of a pledge coded `cameo`, or `None` when such an event commits to nothing
    /// the register follows (meetings, statements, reforms).
    #[must_use]
    pub fn of(cameo: &CameoCode) -> Option<CommitmentClass> {
        let code = cameo.as_str();
        Some(match cameo.root() {
            3 => match code {
                "0312" | "0332" | "0334" => CommitmentClass::Military,
                "0311" | "033" | "0331" | "0333" => CommitmentClass::Aid,
                "03" | "030" | "031" | "0313" | "0314" | "032" => CommitmentClass::Support,
                _ => return None,
            },
            5 => match code {
                "05" | "050" | "051" | "052" | "053" | "054" => CommitmentClass::Support,
                _ => return None,
            },
            6 => match code {
                "062" => CommitmentClass::Military,
                "061" => CommitmentClass::Aid,
                _ => CommitmentClass::Support,
            },
            7 => match code {
                "072" | "074" => CommitmentClass::Military,
                _ => CommitmentClass::Aid,
            },
            13 if code.starts_with("138") => CommitmentClass::Military,
            13 => CommitmentClass::Coercion,
            _ => return None,
        })
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentClass::Military => "military",
            CommitmentClass::Support => "support",
            CommitmentClass::Aid => "aid",
            CommitmentClass::Coercion => "coercion",
        }
    }

    /// Whether two classes can be the same commitment: equal, or support with military or
    /// aid (support is the general form of both).
    #[must_use]
    pub fn compatible(self, other: CommitmentClass) -> bool {
        self == other
            || matches!(
                (self, other),
                (CommitmentClass::Support, CommitmentClass::Military | CommitmentClass::Aid)
                    | (CommitmentClass::Military | CommitmentClass::Aid, CommitmentClass::Support)
            )
    }
}

/// Where a commitment stands after its latest report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    /// One report so far (or only reports that neither restate nor change it).
    #[default]
    Stated,
    /// A later report restated it at least as firmly.
    Reaffirmed,
    /// A later report hedged it: weaker than it stood.
    Weakened,
    /// A later report withdrew it.
    Withdrawn,
}

impl CommitmentStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Stated => "stated",
            CommitmentStatus::Reaffirmed => "reaffirmed",
            CommitmentStatus::Weakened => "weakened",
            CommitmentStatus::Withdrawn => "withdrawn",
        }
    }
}

impl fmt::Display for CommitmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one report did to a commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportEffect {
    /// The first report: the commitment starts here.
    Founded,
    /// Another report in an article already counted: no change.
    Repeated,
    /// Restated it at least as firmly as it stood.
    Reaffirmed,
    /// Hedged it: weaker than it stood.
    Weakened,
    Withdrawn,
}

impl ReportEffect {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ReportEffect::Founded => "founded",
            ReportEffect::Repeated => "repeated",
            ReportEffect::Reaffirmed => "reaffirmed",
            ReportEffect::Weakened => "weakened",
            ReportEffect::Withdrawn => "withdrawn",
        }
    }
}

/// One report behind a commitment: the event, its article and its evidence sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitmentReport {
    pub event_id: String,
    pub article_id: String,
    /// The event's date and its precision (`2025-11-01`, month).
    pub date: Date,
    pub precision: Precision,
    pub cameo: CameoCode,
    pub stance: Stance,
    pub effect: ReportEffect,
    /// The event's evidence sentence, carried as provenance (analysis never reads it).
    pub sentence: String,
    /// The speaker, when the pledge was reported speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ActorRef>,
}

/// A row of the commitments register: who pledged what to whom, under which trigger, on
/// what basis, and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// `k-` and 16 hex digits: the hash of the founding event's id; it never changes.
    pub id: String,
    /// The holder's country (or its code when it has none): `RUS`.
    pub holder: ActorCode,
    /// The holder as first reported (`RUSGOV`, `Foreign Minister Sergei Lavrov`).
    pub holder_actor: ActorRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<ActorCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adversary: Option<ActorCode>,
    pub class: CommitmentClass,
    /// The pledge as coded when founded (`032`, `138`) and its PLOVER type.
    pub cameo: CameoCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<Plover>,
    /// The CAMEO label of the pledge (`Express intent to cooperate diplomatically or
    /// support a policy`), when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// What is committed in the text's words, when a report spells it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Trigger>,
    /// The condition as written (`if a Taiwan contingency flares up`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The strongest basis reported (an instrument beats a statement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    pub status: CommitmentStatus,
    /// How firmly it stands now: the stance of its latest report.
    pub stance: Stance,
    /// The earliest event date among its reports, and that date's precision.
    pub first_seen: Date,
    pub first_precision: Precision,
    /// The latest event date among its reports, and that date's precision.
    pub last_seen: Date,
    pub last_precision: Precision,
    pub reports: Vec<CommitmentReport>,
}

impl Commitment {
    /// The first date as precisely as it is known: `2025-12-28`, `2025-11`, `2025`.
    #[must_use]
    pub fn first_seen_text(&self) -> String {
        date_text(self.first_seen, self.first_precision)
    }

    /// The last date as precisely as it is known.
    #[must_use]
    pub fn last_seen_text(&self) -> String {
        date_text(self.last_seen, self.last_precision)
    }
}

/// A date written as precisely as it is known: `2025-12-28`, `2025-11`, `2025`.
#[must_use]
pub fn date_text(date: Date, precision: Precision) -> String {
    match precision {
        Precision::Day | Precision::Week => date.to_string(),
        Precision::Month => format!("{:04}-{:02}", date.year(), date.month()),
        Precision::Year => format!("{:04}", date.year()),
    }
}
