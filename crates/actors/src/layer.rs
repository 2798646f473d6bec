//! What a dictionary file says before it is compiled: one layer of names, actors, agents
//! and descriptions. Both readers (the project's format and PETRARCH-2's) produce a
//! [`Layer`]; the builder stacks layers and compiles them.

use crate::actor::{Actor, Gender, Origin};
use faultline_model::{ActorCode, MentionKind};

/// How the letter case of a name in the text must agree with the dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaseRule {
    /// Every uppercase letter of the dictionary's name must be uppercase in the text;
    /// lowercase letters match either case (`US` never matches `us`; `Turkey` never
    /// matches `turkey`; `the democratic island` matches `The democratic island`).
    AsWritten,
    /// PETRARCH-2 names are all capitals: the first letter of the first word that is not
    /// a function word must be uppercase, and names of three letters or fewer must be
    /// all uppercase in the text (`US`, `UN`).
    Phoenix,
    /// Any case (PETRARCH-2 agents).
    Any,
    /// Lowercase, or capitalised at the start of a sentence or quote (pronouns).
    Pronoun,
}

/// What a name points to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DefTarget {
    /// A name of an actor (`Russia`, `Sergei Lavrov`), or a demonym (`Russian`).
    Actor { actor: usize, kind: MentionKind },
    /// A capital or seat of government standing for a body: `Beijing` -> `CHNGOV`.
    Metonym { code: ActorCode },
    /// A person's surname: `Lavrov`, matched with a title or after a full mention.
    Surname { actor: usize },
    /// A role or agent: `foreign ministry` -> `GOV`.
    Agent { agent: usize },
    /// `Mr`, `Ms`: a title before a surname.
    Honorific { gender: Gender },
    /// `Communist-ruled`: absorbed before a country.
    Modifier,
    /// A definite description: `the democratic island`.
    Description { desc: usize },
    /// A name that is not an actor and must not be read as one: `Taiwan Strait`.
    Ignore,
    /// `he`, `she`, `his`, `her`... (built in, not read from dictionaries).
    Pronoun { gender: Gender },
    /// `its`, `their`: a possessive determiner before an agent (built in).
    Possessor,
}

impl DefTarget {
    /// Targets that exclude others for the same name (a later layer replaces them);
    /// surnames and descriptions stack.
    pub(crate) fn is_exclusive(&self) -> bool {
        !matches!(self, DefTarget::Surname { .. } | DefTarget::Description { .. })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct NameDef {
    pub text: String,
    pub target: DefTarget,
    pub case: CaseRule,
    pub origin: Origin,
}

/// A role or agent: the groups it adds to a country's code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AgentDef {
    /// Groups added (`GOV`, `GOVMIL`).
    pub roles: String,
    /// PETRARCH-2 `[NGO~]`: the groups go before the actor's code, not after.
    pub prefix: bool,
    /// The agent names a person holding an office (`foreign minister`): a known
    /// person's name may follow it.
    pub person: bool,
    /// Capitalised words after it that are in no dictionary are taken as the name of a
    /// person of the document (`Emergencies Minister Yevgeny Zinichev`). Only for the
    /// project's titles: PETRARCH-2 agents do not say which are offices.
    pub capture: bool,
}

/// A definite description (`the democratic island`) and when it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DescDef {
    /// The code it stands for; `None` means "the most recently mentioned country".
    pub code: Option<ActorCode>,
    /// Code prefixes (`TWN`, `IGONAT`) one of which must have been mentioned earlier in
    /// the document; the most recently mentioned wins among descriptions sharing a
    /// phrase.
    pub when: Vec<String>,
    pub origin: Origin,
}

/// One dictionary layer.
#[derive(Debug, Default)]
pub(crate) struct Layer {
    /// Own-format layers treat a name given to two actors as an error; PETRARCH-2
    /// layers let the later definition win, as PETRARCH-2 does.
    pub strict: bool,
    pub actors: Vec<Actor>,
    pub agents: Vec<AgentDef>,
    pub descriptions: Vec<DescDef>,
    pub names: Vec<NameDef>,
    /// Country roots this layer declares.
    pub countries: Vec<String>,
    /// Codes to check against the declared countries and known roles at build time.
    pub checks: Vec<(ActorCode, Origin)>,
}

impl Layer {
    /// Appends another layer's content, so several files form one layer (and a name
    /// given to two actors across them is caught as a conflict).
    pub(crate) fn append(&mut self, other: Layer) {
        let (actor_base, agent_base, desc_base) =
            (self.actors.len(), self.agents.len(), self.descriptions.len());
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.descriptions.extend(other.descriptions);
        self.countries.extend(other.countries);
        self.checks.extend(other.checks);
        self.strict |= other.strict;
        self.names.extend(other.names.into_iter().map(|mut name| {
            name.target = match name.target {
                DefTarget::Actor { actor, kind } => DefTarget::Actor { actor: actor + actor_base, kind },
                DefTarget::Surname { actor } => DefTarget::Surname { actor: actor + actor_base },
                DefTarget::Agent { agent } => DefTarget::Agent { agent: agent + agent_base },
                DefTarget::Description { desc } => DefTarget::Description { desc: desc + desc_base },
                other => other,
            };
            name
        }));
    }
}
