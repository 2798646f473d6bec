//! Coded data: mentions of actors, events, quotes, each tied to spans of the article text.

use crate::{ActorCode, CameoCode, Pledge, Plover, QuadClass, Span, Trigger};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How a mention was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A name: `Russia`, `Sergei Lavrov`, `NATO`.
    Name,
    /// A demonym or adjective: `Russian`, `Japanese`.
    Demonym,
    /// A capital standing for its government: `Beijing said`.
    Metonym,
    /// A role or agent, possibly with its country: `Japan's Defence Ministry`.
    Role,
    /// A title with a surname, resolved to an earlier full mention: `Mr Lavrov`.
    Title,
    /// A pronoun resolved by coreference: `he`.
    Pronoun,
    /// A definite description of a known actor: `the democratic island`.
    Description,
}

impl MentionKind {
    /// The kind's name, as serde writes it (`name`, `demonym`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Demonym => "demonym",
            MentionKind::Metonym => "metonym",
            MentionKind::Role => "role",
            MentionKind::Title => "title",
            MentionKind::Pronoun => "pronoun",
            MentionKind::Description => "description",
        }
    }
}

/// A span of text resolved to an actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub code: ActorCode,
    pub kind: MentionKind,
    /// The person or body's canonical name, when the mention is of a known one
    /// (`Sergei Lavrov`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// For coreference (titles, pronouns, descriptions): the mention it refers back to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<Span>,
    /// 0 to 1.
    pub confidence: f32,
}

/// One side of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub code: ActorCode,
    /// The text of the mention (`Foreign Minister Sergei Lavrov`).
    pub text: String,
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A condition on an event: "if a Taiwan contingency flares up".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub text: String,
    pub span: Span,
    /// The condition coded as an act, when the coder could read one: `(any, conflict,
    /// TWN)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Trigger>,
}

/// Whether the text asserts the event or reports someone's statement of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// The text states it as a fact.
    #[default]
    Asserted,
    /// The text reports someone saying it (`X said`, `according to X`).
    Reported,
}

/// The modality of an event: what kind of claim the text makes about it. Counting a
/// conditional pledge or a hypothetical as a fact is the error faultline exists to avoid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modality {
    pub attribution: Attribution,
    /// The event depends on a condition (`if ...`, `unless ...`, `in case of ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// Stated for the future: `will`, `plans to`, `is to`.
    #[serde(default)]
    pub future: bool,
    /// Possible, not stated: `could`, `might`, `would`.
    #[serde(default)]
    pub hypothetical: bool,
    /// Negated: `did not`, `refused to`, `never`.
    #[serde(default)]
    pub negated: bool,
    /// Habitual, historical or background: `repeatedly over the years`, `views X as`.
    #[serde(default)]
    pub habitual: bool,
}

impl Modality {
    /// True when the event is stated as having happened: asserted or reported, with no
    /// condition, not future, not hypothetical, not negated.
    #[must_use]
    pub fn is_factual(&self) -> bool {
        self.condition.is_none() && !self.future && !self.hypothetical && !self.negated
    }
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    /// A week: the date is the week's Monday (`last week`).
    Week,
    Month,
    Year,
}

/// When an event happened: the article date unless the text dates it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// The day, or the first day of the week, month or year when less precise.
    pub date: Date,
    pub precision: Precision,
    /// The time expression that dated it (`in November`), if the text did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Why the coder believes an event: where it is, and what fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: Span,
    pub sentence_text: String,
    /// The verb or phrase that triggered the code.
    pub trigger: Span,
    /// The dictionary entry or rule that fired (`verbs.txt:412 SUPPORT +will support`).
    pub rule: String,
    /// The version of the dictionaries in use.
    pub dictionary_version: String,
}

/// A quote kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A whole quoted sentence or clause.
    Direct,
    /// A few quoted words inside a reported sentence.
    Partial,
    /// Reported speech without quotation marks (`X said that ...`).
    Indirect,
}

/// Something said, with who said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    pub span: Span,
    pub kind: QuoteKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ActorRef>,
    /// The reporting frame (`Mr Lavrov said`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<Span>,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable within the article: `{article_id}#{n}`.
    pub id: String,
    pub article_id: String,
    pub source: ActorRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorRef>,
    pub cameo: CameoCode,
    pub plover: Option<Plover>,
    /// PLOVER mode (`visit`, `heavy-weapons`), empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plover_mode: String,
    /// PLOVER contexts (`military`, `economic`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plover_context: Vec<String>,
    pub goldstein: f32,
    pub quad_class: QuadClass,
    pub modality: Modality,
    /// The quote this event was said in, when it was said rather than done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
    /// Who said it, when said (also set for reported speech without quotation marks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ActorRef>,
    pub date: EventDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub evidence: Evidence,
    /// What the event says about a commitment (beneficiary, adversary, basis, terms,
    /// stance), for pledges, conditional threats, restatements, retractions and treaty
    /// citations; `None` for other events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pledge: Option<Pledge>,
}
