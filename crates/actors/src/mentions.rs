//! Mentions: names found by the automaton, joined into compounds (`Russian Foreign
//! Minister Sergei Lavrov`), resolved on the article date, and linked by coreference
//! (`Mr Lavrov`, `he`, `the democratic island`).
//!
//! Per sentence:
//! 1. **Atoms**: every automaton match that sits on word boundaries and agrees in letter
//!    case; the leftmost-longest ones are kept. Surnames of people first met in this
//!    document with an unknown name (`Emergencies Minister Yevgeny Zinichev`) are atoms
//!    too.
//! 2. **Compounds**: neighbouring atoms separated only by spaces, a possessive (`'s`,
//!    `’s`), or up to two title-case or listed words (`Japan's top diplomat`) join:
//!    modifier + country, country/capital/description/organisation + agents, agents +
//!    person, honorific + surname. A title or honorific followed by capitalised words
//!    not in the dictionary takes them as the name of a person of the document.
//! 3. **Resolution**, in text order: a person's code on the date; a country with agents
//!    gets the agents' roles; a surname, pronoun or description resolves against the
//!    people and actors already mentioned.

use crate::actor::{ActorKind, Gender};
use crate::dictionary::{ActorDictionary, CaseCheck, fold};
use crate::layer::DefTarget;
use crate::roles::NON_STATE_ROOTS;
use aho_corasick::PatternID;
use faultline_model::{ActorCode, Mention, MentionKind, Span};
use jiff::civil::Date;
use std::ops::Range;

const CONF_NAME: f32 = 0.95;
const CONF_ROLE: f32 = 0.9;
const CONF_DEMONYM: f32 = 0.85;
const CONF_CAPTURED: f32 = 0.85;
const CONF_TITLE: f32 = 0.9;
const CONF_METONYM: f32 = 0.8;
const CONF_POSSESSOR: f32 = 0.8;
const CONF_TITLE_GUESS: f32 = 0.75;
const CONF_PRONOUN: f32 = 0.6;
const CONF_DESCRIPTION: f32 = 0.6;
const CONF_CONTEXT: f32 = 0.5;
const CONF_GENERIC: f32 = 0.4;

/// How many sentences back a pronoun looks for its antecedent.
const PRONOUN_WINDOW: usize = 5;

/// Lowercase words allowed between a country and its agent: `Japan's top diplomat`.
const GAP_WORDS: &[&str] = &[
    "top",
    "new",
    "chief",
    "deputy",
    "vice",
    "senior",
    "former",
    "acting",
    "outgoing",
    "incoming",
    "interim",
    "state",
    "national",
    "federal",
    "own",
    "main",
    "then",
    "current",
    "ruling",
    "caretaker",
    "powerful",
    "newly",
    "elected",
    "appointed",
    "first",
    "chief",
    "permanent",
    "special",
    "regional",
    "local",
    "central",
    "royal",
];

/// Words before a capital that make it a place, not a government (`talks in Beijing`).
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "around",
    "across",
    "inside",
    "throughout",
    "within",
    "into",
    "via",
    "over",
];

/// Capitalised words that never start or continue a captured name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "Or",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "These",
    "Those",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Said",
    "Says",
    "Told",
    "Also",
    "Has",
    "Had",
    "Was",
    "Is",
    "Will",
    "Would",
    "Who",
    "Which",
    "Not",
];

/// Lowercase particles inside names: `Luiz Inacio Lula da Silva`, `Mohammed bin Salman`.
const NAME_PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "el", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van",
    "von", "der", "den", "ten", "ter",
];

/// A match kept as an atom: a span and its case-passing targets (a range of
/// `Run::passing`), or a surname of a person of the document.
#[derive(Clone, Copy, Debug)]
struct Cand {
    start: usize,
    end: usize,
    targets: (u32, u32),
    local: Option<u32>,
}

/// The reading chosen for an atom.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Ignore,
    Country { actor: u32, kind: MentionKind },
    Body { actor: u32 },
    Person { actor: u32 },
    Metonym { target: u32 },
    Agent { agent: u32 },
    Honorific { gender: Gender },
    Modifier,
    Pronoun { gender: Gender },
    Surname,
    Local { person: u32 },
    Description,
    Possessor,
}

#[derive(Clone, Copy, Debug)]
enum Head {
    Country { actor: u32, kind: MentionKind },
    Metonym { target: u32 },
    Body { actor: u32 },
    Description { atom: usize },
    Possessor,
}

#[derive(Clone, Copy, Debug)]
enum PersonPart {
    /// A name of the dictionary's person, at this atom.
    Actor {
        actor: u32,
        atom: usize,
    },
    Surname {
        atom: usize,
    },
    Local(u32),
    Unknown {
        start: usize,
        end: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Modifier,
    Head,
    Agent { person: bool },
    Honorific,
    Person,
}

/// Atoms joined into one phrase.
#[derive(Clone, Debug)]
struct Compound {
    start: usize,
    end: usize,
    /// The end before a person part was joined (to fall back to when it does not resolve).
    before_person: usize,
    head: Option<Head>,
    head_end: usize,
    agents: [u32; 4],
    n_agents: usize,
    person: Option<PersonPart>,
    honorific: Option<Gender>,
    pronoun: Option<Gender>,
}

impl Compound {
    fn new(atom: &Cand) -> Compound {
        Compound {
            start: atom.start,
            end: atom.end,
            before_person: atom.start,
            head: None,
            head_end: atom.end,
            agents: [0; 4],
            n_agents: 0,
            person: None,
            honorific: None,
            pronoun: None,
        }
    }

    fn agents(&self) -> &[u32] {
        &self.agents[..self.n_agents]
    }

    fn push_agent(&mut self, agent: u32) {
        if self.n_agents < self.agents.len() {
            self.agents[self.n_agents] = agent;
            self.n_agents += 1;
        }
    }
}

/// What separates two atoms.
#[derive(Clone, Copy, Debug, Default)]
struct Gap {
    ok: bool,
    possessive: bool,
    words: usize,
    /// Every word is capitalised.
    capitalized: bool,
}

/// A person met in the document.
#[derive(Clone, Debug)]
struct DocPerson {
    /// The dictionary actor, or `None` for a person first met with an unknown name.
    actor: Option<u32>,
    name: String,
    surname: Option<String>,
    gender: Gender,
    first: Span,
    first_full: Option<Span>,
    last_seq: u32,
}

#[derive(Clone, Debug)]
struct PersonMention {
    person: u32,
    span: Span,
    sentence: usize,
    code: ActorCode,
}

/// The last mention of a code (`RUS`, `RUSGOV`, `IGONAT`).
#[derive(Clone, Debug)]
struct Seen {
    code: ActorCode,
    span: Span,
    seq: u32,
    sentence: usize,
    /// The code's root is a country.
    country: bool,
}

impl Seen {
    fn root(&self) -> Option<ActorCode> {
        ActorCode::new(self.code.root()).ok()
    }
}

/// State of one call of [`ActorDictionary::mentions`].
struct Run<'d, 't> {
    dict: &'d ActorDictionary,
    text: &'t str,
    date: Option<Date>,
    out: Vec<Mention>,
    /// The sentence, ASCII-lowercased (same byte offsets), for the automaton.
    folded: Vec<u8>,
    /// The automaton's matches in the sentence: start, end (in the sentence), pattern.
    found: Vec<(usize, usize, PatternID)>,
    passing: Vec<u32>,
    cands: Vec<Cand>,
    atoms: Vec<Cand>,
    kinds: Vec<Kind>,
    compounds: Vec<Compound>,
    persons: Vec<DocPerson>,
    person_mentions: Vec<PersonMention>,
    seen: Vec<Seen>,
    seq: u32,
}

/// The head of a compound, resolved: the code agents are added to.
struct HeadInfo {
    code: ActorCode,
    kind: MentionKind,
    confidence: f32,
    antecedent: Option<Span>,
    name: Option<String>,
    /// An organisation or outlet: agents do not change its code.
    body: bool,
}

impl HeadInfo {
    fn new(code: ActorCode, kind: MentionKind, confidence: f32) -> HeadInfo {
        HeadInfo { code, kind, confidence, antecedent: None, name: None, body: false }
    }

    fn named(mut self, name: &str) -> HeadInfo {
        self.name = Some(name.to_string());
        self
    }

    fn refers_to(mut self, antecedent: Span) -> HeadInfo {
        self.antecedent = Some(antecedent);
        self
    }

    fn body(mut self) -> HeadInfo {
        self.body = true;
        self
    }
}

/// A resolved phrase before it becomes a [`Mention`].
struct Resolved {
    span: Range<usize>,
    code: ActorCode,
    kind: MentionKind,
    name: Option<String>,
    antecedent: Option<Span>,
    confidence: f32,
}

impl ActorDictionary {
    /// Finds the actors mentioned in `text`, sentence by sentence, resolved on `date`.
    ///
    /// `sentences` are byte spans of `text` in order (from the nlp crate; an empty slice
    /// means the whole text is one sentence). Without a date a person gets the code of
    /// their latest term. Mentions come in text order, never overlapping; titles,
    /// pronouns and descriptions carry the span of their antecedent.
    #[must_use]
    pub fn mentions(&self, text: &str, sentences: &[Span], date: Option<Date>) -> Vec<Mention> {
        if u32::try_from(text.len()).is_err() {
            return Vec::new();
        }
        let whole = [Span::new(0, text.len())];
        let sentences = if sentences.is_empty() { &whole[..] } else { sentences };
        let mut run = Run {
            dict: self,
            text,
            date,
            out: Vec::new(),
            folded: Vec::new(),
            found: Vec::new(),
            passing: Vec::new(),
            cands: Vec::new(),
            atoms: Vec::new(),
            kinds: Vec::new(),
            compounds: Vec::new(),
            persons: Vec::new(),
            person_mentions: Vec::new(),
            seen: Vec::new(),
            seq: 0,
        };
        for (idx, sentence) in sentences.iter().enumerate() {
            if sentence.get(text).is_some() {
                run.sentence(idx, sentence.range());
            }
        }
        run.out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `text[start..end]` does not cut a word at either end.
fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    start == end || (!inside_word(text, start) && !inside_word(text, end))
}

/// Whether the characters on both sides of `pos` are word characters. The name search
/// asks it at every position whose byte can start a name, so this runs often: ASCII
/// neighbours, the common case, are answered from the bytes, inline; other neighbours
/// out of line.
#[inline]
fn inside_word(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    match (pos.checked_sub(1).and_then(|before| bytes.get(before)), bytes.get(pos)) {
        (Some(before), Some(after)) if before.is_ascii() && after.is_ascii() => {
            before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric()
        }
        (Some(_), Some(_)) => inside_word_chars(text, pos),
        _ => false,
    }
}

#[inline(never)]
fn inside_word_chars(text: &str, pos: usize) -> bool {
    text[..pos].chars().next_back().is_some_and(is_word_char)
        && text[pos..].chars().next().is_some_and(is_word_char)
}

/// Whether `pos` starts a sentence or a quotation.
fn clause_start(text: &str, sentence_start: usize, pos: usize) -> bool {
    let before = text[sentence_start..pos].trim_end();
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '\u{201c}' | '"' | '\u{2018}' | '(' | '[' | ':' | '\u{2014}'),
    }
}

fn case_ok(check: &CaseCheck, found: &str, clause: impl FnOnce() -> bool) -> bool {
    match check {
        CaseCheck::Any => true,
        CaseCheck::Upper(positions) => {
            let mut chars = found.chars().enumerate();
            positions.iter().all(|&pos| {
                chars.by_ref().find(|(i, _)| *i == usize::from(pos)).is_some_and(|(_, c)| c.is_uppercase())
            })
        }
        CaseCheck::AllUpper => found.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()),
        CaseCheck::Pronoun => {
            let mut chars = found.chars();
            let first = chars.next();
            let rest_lower = chars.all(char::is_lowercase);
            match first {
                Some(c) if c.is_lowercase() => rest_lower,
                Some(c) if c.is_uppercase() => rest_lower && clause(),
                _ => false,
            }
        }
    }
}

/// Analyses the text between two atoms.
fn gap(text: &str, from: usize, to: usize) -> Gap {
    let mut rest = &text[from..to];
    let mut possessive = false;
    for marker in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(after) = rest.strip_prefix(marker) {
            let bare = !marker.ends_with('s');
            if bare && !text[..from].ends_with(['s', 'S']) {
                break;
            }
            possessive = true;
            rest = after;
            break;
        }
    }
    if !rest.starts_with(char::is_whitespace) || !rest.ends_with(char::is_whitespace) {
        return Gap::default();
    }
    let mut words = 0;
    let mut capitalized = true;
    for word in rest.split_whitespace() {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        if !first.is_alphabetic() || !chars.all(|c| c.is_alphabetic() || c == '-') {
            return Gap::default();
        }
        let upper = first.is_uppercase();
        if !upper && !GAP_WORDS.contains(&word) {
            return Gap::default();
        }
        capitalized &= upper;
        words += 1;
    }
    Gap { ok: true, possessive, words, capitalized }
}

/// The word before `pos` within the sentence, lowercased.
fn word_before(text: &str, sentence_start: usize, pos: usize) -> String {
    let before = text[sentence_start..pos].trim_end();
    before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase()
}

/// Capitalised words after `from` (up to `limit`) that can be a person's name.
fn capture_name(text: &str, from: usize, limit: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut pos = from;
    let mut start = None;
    let mut end = None;
    let mut words = 0;
    while words < 4 {
        let space_end = text[pos..limit].find(|c: char| !c.is_whitespace()).map_or(limit, |i| pos + i);
        if space_end == pos || space_end >= limit || text[pos..space_end].contains('\n') {
            break;
        }
        let word_len = text[space_end..limit]
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}'))
            .unwrap_or(limit - space_end);
        let mut word_end = space_end + word_len;
        let word = &text[space_end..word_end];
        if word.is_empty() {
            break;
        }
        // An initial: `J.`
        if word.chars().count() == 1 && word_end < limit && bytes.get(word_end) == Some(&b'.') {
            word_end += 1;
        }
        let first = word.chars().next().unwrap_or(' ');
        let is_name_word = first.is_uppercase() && !NOT_NAMES.contains(&word);
        if is_name_word {
            start.get_or_insert(space_end);
            end = Some(word_end);
            words += 1;
        } else if start.is_some() && NAME_PARTICLES.contains(&word) {
            // a particle continues a name only if a capitalised word follows
        } else {
            break;
        }
        pos = word_end;
    }
    Some((start?, end?))
}

impl Run<'_, '_> {
    fn sentence(&mut self, idx: usize, range: Range<usize>) {
        self.find_atoms(range.clone());
        self.kinds.clear();
        for atom_idx in 0..self.atoms.len() {
            let kind = self.classify(&self.atoms[atom_idx]);
            self.kinds.push(kind);
        }
        self.compose(range.clone());
        // The previous mention: its end, code, span, and whether it is a person.
        let mut prev: Option<(usize, ActorCode, Span, bool)> = None;
        for compound_idx in 0..self.compounds.len() {
            let compound = self.compounds[compound_idx].clone();
            // `Takaichi's administration`, `the Trump administration`: an agent right after
            // a possessive, or right after a person, belongs to that actor's country.
            let possessor = prev.take().filter(|(end, _, _, person)| {
                let gap = gap(self.text, *end, compound.start);
                gap.ok && gap.words == 0 && (gap.possessive || *person)
            });
            let possessor = possessor.map(|(end, code, span, _)| (end, code, span));
            match self.resolve(&compound, idx, &range, possessor) {
                Some(resolved) => {
                    let span = Span::new(resolved.span.start, resolved.span.end);
                    let person = compound.person.is_some() && resolved.kind != MentionKind::Role;
                    prev = Some((resolved.span.end, resolved.code.clone(), span, person));
                    self.emit(resolved, idx);
                }
                None => prev = None,
            }
        }
    }

    fn find_atoms(&mut self, range: Range<usize>) {
        let dict = self.dict;
        let text = self.text;
        self.cands.clear();
        self.passing.clear();
        let haystack = &text[range.clone()];
        self.folded.clear();
        self.folded.extend_from_slice(haystack.as_bytes());
        self.folded.make_ascii_lowercase();
        // Names that do not cut a word at either end (see `on_boundaries`).
        let boundary = |pos: usize| !inside_word(text, range.start + pos);
        dict.automaton.find_at_boundaries(&self.folded, boundary, &mut self.found);
        for &(start, end, pattern) in &self.found {
            let (start, end) = (range.start + start, range.start + end);
            let key = dict.pattern_key[pattern.as_usize()];
            let (first, last) = dict.key_targets[key as usize];
            let before = self.passing.len();
            let matched = &text[start..end];
            for target in first..last {
                let check = &dict.targets[target as usize].case;
                if case_ok(check, matched, || clause_start(text, range.start, start)) {
                    self.passing.push(target);
                }
            }
            if self.passing.len() > before {
                let targets =
                    (u32::try_from(before).unwrap_or(0), u32::try_from(self.passing.len()).unwrap_or(0));
                self.cands.push(Cand { start, end, targets, local: None });
            }
        }
        for (person_idx, person) in self.persons.iter().enumerate() {
            let Some(surname) = person.surname.as_deref().filter(|_| person.actor.is_none()) else {
                continue;
            };
            for (offset, _) in haystack.match_indices(surname) {
                let start = range.start + offset;
                let end = start + surname.len();
                if on_boundaries(text, start, end) {
                    let local = u32::try_from(person_idx).ok();
                    self.cands.push(Cand { start, end, targets: (0, 0), local });
                }
            }
        }
        // Longest first, then leftmost: `South China Sea` (ignored) beats an earlier but
        // shorter `the South` that overlaps it.
        self.cands
            .sort_unstable_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
        self.atoms.clear();
        for cand in &self.cands {
            if self.atoms.iter().all(|atom| cand.end <= atom.start || atom.end <= cand.start) {
                self.atoms.push(*cand);
            }
        }
        self.atoms.sort_unstable_by_key(|atom| atom.start);
    }

    fn targets_of(&self, atom: &Cand) -> impl Iterator<Item = (u32, &DefTarget)> {
        let dict = self.dict;
        self.passing[atom.targets.0 as usize..atom.targets.1 as usize]
            .iter()
            .map(move |&t| (t, &dict.targets[t as usize].def))
    }

    fn classify(&self, atom: &Cand) -> Kind {
        if let Some(person) = atom.local {
            return Kind::Local { person };
        }
        let mut best = (u8::MAX, Kind::Ignore);
        for (target, def) in self.targets_of(atom) {
            let candidate = match *def {
                DefTarget::Ignore => (0, Kind::Ignore),
                DefTarget::Actor { actor, kind } => {
                    let entry = &self.dict.actors[actor];
                    let actor = u32::try_from(actor).unwrap_or(u32::MAX);
                    if entry.is_person() {
                        (1, Kind::Person { actor })
                    } else if entry.kind == ActorKind::Country {
                        (1, Kind::Country { actor, kind })
                    } else {
                        (1, Kind::Body { actor })
                    }
                }
                DefTarget::Metonym { .. } => (2, Kind::Metonym { target }),
                DefTarget::Agent { agent } => {
                    (3, Kind::Agent { agent: u32::try_from(agent).unwrap_or(u32::MAX) })
                }
                DefTarget::Honorific { gender } => (4, Kind::Honorific { gender }),
                DefTarget::Modifier => (5, Kind::Modifier),
                DefTarget::Pronoun { gender } => (6, Kind::Pronoun { gender }),
                DefTarget::Surname { .. } => (7, Kind::Surname),
                DefTarget::Description { .. } => (8, Kind::Description),
                DefTarget::Possessor => (9, Kind::Possessor),
            };
            if candidate.0 < best.0 {
                best = candidate;
            }
        }
        best.1
    }

    /// The root of a compound's head, when it is known before resolution.
    fn head_root(&self, head: Option<Head>) -> Option<&str> {
        match head? {
            Head::Country { actor, .. } => self.dict.actors[actor as usize].fixed_code().map(ActorCode::root),
            Head::Metonym { target } => match &self.dict.targets[target as usize].def {
                DefTarget::Metonym { code } => Some(code.root()),
                _ => None,
            },
            Head::Body { actor } => self.dict.actors[actor as usize].code_at(self.date).map(ActorCode::root),
            Head::Description { .. } | Head::Possessor => None,
        }
    }

    fn body_fits(&self, head: Option<Head>, body: u32) -> bool {
        let body_root = self.dict.actors[body as usize].code_at(self.date).map(ActorCode::root);
        match self.head_root(head) {
            None => true,
            Some(root) => body_root == Some(root),
        }
    }

    fn agent_is_person(&self, agent: u32) -> bool {
        self.dict.agents.get(agent as usize).is_some_and(|a| a.person)
    }

    fn agent_captures(&self, agent: u32) -> bool {
        self.dict.agents.get(agent as usize).is_some_and(|a| a.capture)
    }

    fn compose(&mut self, range: Range<usize>) {
        self.compounds.clear();
        let mut i = 0;
        while i < self.atoms.len() {
            let atom = self.atoms[i];
            let mut compound = Compound::new(&atom);
            let mut last = match self.kinds[i] {
                Kind::Ignore => {
                    i += 1;
                    continue;
                }
                Kind::Pronoun { gender } => {
                    compound.pronoun = Some(gender);
                    self.compounds.push(compound);
                    i += 1;
                    continue;
                }
                Kind::Country { actor, kind } => {
                    compound.head = Some(Head::Country { actor, kind });
                    Part::Head
                }
                Kind::Body { actor } => {
                    compound.head = Some(Head::Body { actor });
                    Part::Head
                }
                Kind::Metonym { target } => {
                    compound.head = Some(Head::Metonym { target });
                    Part::Head
                }
                Kind::Description => {
                    compound.head = Some(Head::Description { atom: i });
                    Part::Head
                }
                Kind::Possessor => {
                    compound.head = Some(Head::Possessor);
                    Part::Head
                }
                Kind::Person { actor } => {
                    compound.person = Some(PersonPart::Actor { actor, atom: i });
                    Part::Person
                }
                Kind::Surname => {
                    compound.person = Some(PersonPart::Surname { atom: i });
                    Part::Person
                }
                Kind::Local { person } => {
                    compound.person = Some(PersonPart::Local(person));
                    Part::Person
                }
                Kind::Agent { agent } => {
                    compound.push_agent(agent);
                    Part::Agent { person: self.agent_is_person(agent) }
                }
                Kind::Honorific { gender } => {
                    compound.honorific = Some(gender);
                    Part::Honorific
                }
                Kind::Modifier => Part::Modifier,
            };
            let mut j = i + 1;
            while j < self.atoms.len() {
                let next = self.atoms[j];
                let gap = gap(self.text, compound.end, next.start);
                if !gap.ok {
                    break;
                }
                let plain = !gap.possessive && gap.words == 0;
                let joined = match (last, self.kinds[j]) {
                    (Part::Modifier, Kind::Modifier) if plain => Some(Part::Modifier),
                    (Part::Modifier, Kind::Country { actor, kind }) if plain => {
                        compound.head = Some(Head::Country { actor, kind });
                        Some(Part::Head)
                    }
                    (Part::Modifier, Kind::Description) if plain => {
                        compound.head = Some(Head::Description { atom: j });
                        Some(Part::Head)
                    }
                    (Part::Head, Kind::Agent { agent }) => {
                        let fits = match compound.head {
                            Some(Head::Description { .. }) => gap.possessive,
                            Some(Head::Possessor) => !gap.possessive,
                            _ => true,
                        };
                        (fits && gap.words <= 2).then(|| {
                            compound.push_agent(agent);
                            Part::Agent { person: self.agent_is_person(agent) }
                        })
                    }
                    (Part::Head, Kind::Person { .. } | Kind::Surname | Kind::Local { .. }) => {
                        let fits = match compound.head {
                            Some(Head::Country { .. } | Head::Body { .. }) => gap.words == 0,
                            Some(Head::Metonym { .. } | Head::Description { .. }) => {
                                gap.words == 0 && gap.possessive
                            }
                            _ => false,
                        };
                        fits.then(|| {
                            compound.before_person = compound.end;
                            compound.person = Some(self.person_part(j));
                            Part::Person
                        })
                    }
                    (Part::Head, Kind::Body { actor })
                        if gap.words == 0
                            && !matches!(compound.head, Some(Head::Body { .. } | Head::Possessor))
                            && self.body_fits(compound.head, actor) =>
                    {
                        compound.head = Some(Head::Body { actor });
                        compound.head_end = next.end;
                        Some(Part::Head)
                    }
                    (Part::Agent { .. }, Kind::Agent { agent }) if gap.words == 0 => {
                        compound.push_agent(agent);
                        Some(Part::Agent { person: self.agent_is_person(agent) })
                    }
                    (
                        Part::Agent { person: true },
                        Kind::Person { .. } | Kind::Surname | Kind::Local { .. },
                    )
                    | (Part::Honorific, Kind::Person { .. } | Kind::Surname | Kind::Local { .. })
                        if !gap.possessive && gap.words <= 2 && gap.capitalized =>
                    {
                        compound.before_person = compound.end;
                        compound.person = Some(self.person_part(j));
                        Some(Part::Person)
                    }
                    (Part::Agent { .. }, Kind::Body { actor })
                        if plain
                            && !matches!(compound.head, Some(Head::Body { .. }))
                            && self.body_fits(compound.head, actor) =>
                    {
                        compound.head = Some(Head::Body { actor });
                        compound.head_end = next.end;
                        Some(Part::Head)
                    }
                    _ => None,
                };
                let Some(part) = joined else { break };
                if part == Part::Head || matches!(part, Part::Agent { .. }) {
                    compound.head_end = next.end;
                }
                last = part;
                compound.end = next.end;
                j += 1;
            }
            let captures = match last {
                Part::Honorific => true,
                Part::Agent { person: true } => {
                    compound.agents().last().is_some_and(|&agent| self.agent_captures(agent))
                }
                _ => false,
            };
            if captures && compound.person.is_none() {
                let limit = self.atoms.get(j).map_or(range.end, |a| a.start);
                if let Some((start, end)) = capture_name(self.text, compound.end, limit) {
                    compound.before_person = compound.end;
                    compound.person = Some(PersonPart::Unknown { start, end });
                    compound.end = end;
                }
            }
            self.compounds.push(compound);
            i = j;
        }
    }

    fn person_part(&self, atom: usize) -> PersonPart {
        match self.kinds[atom] {
            Kind::Person { actor } => PersonPart::Actor { actor, atom },
            Kind::Local { person } => PersonPart::Local(person),
            _ => PersonPart::Surname { atom },
        }
    }

    /// The code of a country or body with agents: `JPN` + `MIL`; an organisation keeps
    /// its code (`Tass news agency` is `RUSMED`).
    fn compose_code(&self, head: &ActorCode, head_is_body: bool, agents: &[u32]) -> Option<ActorCode> {
        if head_is_body || agents.is_empty() {
            return Some(head.clone());
        }
        let root = head.root();
        let mut suffix = String::new();
        let mut prefix = String::new();
        for (k, &agent) in agents.iter().enumerate() {
            let Some(def) = self.dict.agents.get(agent as usize) else { continue };
            if k > 0 && def.person {
                continue;
            }
            for group in def.roles.as_bytes().chunks(3) {
                let group = std::str::from_utf8(group).unwrap_or("");
                let taken = suffix.as_bytes().chunks(3).any(|g| g == group.as_bytes()) || group == root;
                if !taken && root.len() + prefix.len() + suffix.len() + 3 <= 24 {
                    if def.prefix {
                        prefix.push_str(group);
                    } else {
                        suffix.push_str(group);
                    }
                }
            }
        }
        ActorCode::new(format!("{prefix}{root}{suffix}")).ok()
    }

    fn resolve(
        &mut self,
        c: &Compound,
        sentence: usize,
        range: &Range<usize>,
        possessor: Option<(usize, ActorCode, Span)>,
    ) -> Option<Resolved> {
        if let Some(gender) = c.pronoun {
            return self.resolve_pronoun(c, gender, sentence);
        }
        let agents = c.agents();
        let head_only = agents.is_empty() && c.person.is_none();
        // The head: its code, how it was named, and what it refers back to.
        let mut head: Option<HeadInfo> = match c.head {
            Some(Head::Country { actor, kind }) => {
                let entry = &self.dict.actors[actor as usize];
                let conf = if kind == MentionKind::Demonym { CONF_DEMONYM } else { CONF_NAME };
                let code = entry.code_at(self.date)?.clone();
                Some(HeadInfo::new(code, kind, conf).named(&entry.name))
            }
            Some(Head::Metonym { target }) => {
                let DefTarget::Metonym { code } = &self.dict.targets[target as usize].def else {
                    return None;
                };
                if head_only && !self.metonym_acts(c, range) {
                    return None;
                }
                Some(HeadInfo::new(code.clone(), MentionKind::Metonym, CONF_METONYM))
            }
            Some(Head::Body { actor }) => {
                let entry = &self.dict.actors[actor as usize];
                let code = entry.code_at(self.date)?.clone();
                Some(HeadInfo::new(code, MentionKind::Name, CONF_NAME).named(&entry.name).body())
            }
            Some(Head::Description { atom }) => {
                let (code, antecedent, conf) = self.resolve_description(atom)?;
                Some(HeadInfo::new(code, MentionKind::Description, conf).refers_to(antecedent))
            }
            Some(Head::Possessor) => {
                if agents.is_empty() {
                    return None;
                }
                let seen = self
                    .seen
                    .iter()
                    .filter(|r| r.country && r.sentence + 1 >= sentence)
                    .max_by_key(|r| r.seq)?;
                Some(HeadInfo::new(seen.root()?, MentionKind::Role, CONF_POSSESSOR).refers_to(seen.span))
            }
            None => None,
        };
        if head_only
            && matches!(c.head, Some(Head::Country { .. } | Head::Metonym { .. }))
            && ["-based", "-born", "\u{2013}based"].iter().any(|s| self.text[c.end..].starts_with(s))
        {
            return None;
        }
        // Agents with no head: a possessive just before, else the one country of the
        // document so far, else a non-state role on its own.
        if head.is_none() && !agents.is_empty() {
            let word = word_before(self.text, range.start, c.start);
            // A bare agent (`officials said`) needs a clause start, `the` or a possessor
            // before it, so that `20 people` or `market forces` are not actors.
            let bare_ok = possessor.is_some() || word.is_empty() || word == "the";
            if bare_ok || c.person.is_some() {
                head = self.agent_context(agents, possessor);
            } else {
                return None;
            }
        }
        let composed = head.as_ref().and_then(|h| self.compose_code(&h.code, h.body, agents));

        if let Some(part) = c.person {
            if let Some(resolved) = self.resolve_person(
                c,
                part,
                composed.as_ref(),
                head.as_ref().map(|h| h.code.root()),
                sentence,
            ) {
                return Some(resolved);
            }
        }
        let HeadInfo { kind, confidence: conf, antecedent, name, body, .. } = head?;
        let code = composed?;
        let end = if c.person.is_some() { c.before_person.max(c.head_end) } else { c.end };
        let kind = if body || agents.is_empty() { kind } else { MentionKind::Role };
        let conf = if !body && !agents.is_empty() && antecedent.is_none() { CONF_ROLE } else { conf };
        let name = if body || agents.is_empty() { name } else { None };
        Some(Resolved { span: c.start..end, code, kind, name, antecedent, confidence: conf })
    }

    /// A capital stands for its government unless it is a place: a dateline
    /// (`TOKYO -`) or after a locative (`talks in Beijing`).
    fn metonym_acts(&self, c: &Compound, range: &Range<usize>) -> bool {
        let found = &self.text[c.start..c.end];
        let at_start = self.text[range.start..c.start].trim().is_empty();
        let all_caps = found.chars().all(|ch| !ch.is_alphabetic() || ch.is_uppercase());
        let after = self.text[c.end..range.end].trim_start();
        if at_start && all_caps && after.starts_with(['-', '\u{2013}', '\u{2014}', '(', ',']) {
            return false;
        }
        !LOCATIVES.contains(&word_before(self.text, range.start, c.start).as_str())
    }

    fn agent_context(&self, agents: &[u32], possessor: Option<(usize, ActorCode, Span)>) -> Option<HeadInfo> {
        if let Some((_, code, span)) = possessor {
            let root = ActorCode::new(code.root()).ok()?;
            return Some(HeadInfo::new(root, MentionKind::Role, CONF_POSSESSOR).refers_to(span));
        }
        let mut countries = self.seen.iter().filter(|r| r.country);
        if let Some(first) = countries.next() {
            let root = first.code.root();
            if countries.all(|other| other.code.root() == root) {
                let last = self.seen.iter().filter(|r| r.code.root() == root).max_by_key(|r| r.seq)?;
                return Some(
                    HeadInfo::new(first.root()?, MentionKind::Role, CONF_CONTEXT).refers_to(last.span),
                );
            }
        }
        let first = self.dict.agents.get(*agents.first()? as usize)?;
        let root = first.roles.get(..3)?;
        if NON_STATE_ROOTS.contains(&root) {
            let code = ActorCode::new(root).ok()?;
            return Some(HeadInfo::new(code, MentionKind::Role, CONF_CONTEXT).body());
        }
        None
    }

    fn resolve_description(&self, atom: usize) -> Option<(ActorCode, Span, f32)> {
        let atom = self.atoms[atom];
        let mut best: Option<(u32, ActorCode, Span, f32)> = None;
        for (_, def) in self.targets_of(&atom) {
            let DefTarget::Description { desc } = def else { continue };
            let Some(desc) = self.dict.descriptions.get(*desc) else { continue };
            let candidate = match &desc.code {
                None => self
                    .seen
                    .iter()
                    .filter(|r| r.country)
                    .max_by_key(|r| r.seq)
                    .and_then(|seen| Some((seen.seq, seen.root()?, seen.span, CONF_GENERIC))),
                Some(code) => self
                    .seen
                    .iter()
                    .filter(|r| desc.when.iter().any(|w| r.code.as_str().starts_with(w.as_str())))
                    .max_by_key(|r| r.seq)
                    .map(|seen| (seen.seq, code.clone(), seen.span, CONF_DESCRIPTION)),
            };
            if let Some(candidate) = candidate
                && best.as_ref().is_none_or(|b| candidate.0 > b.0)
            {
                best = Some(candidate);
            }
        }
        best.map(|(_, code, span, conf)| (code, span, conf))
    }

    fn resolve_person(
        &mut self,
        c: &Compound,
        part: PersonPart,
        composed: Option<&ActorCode>,
        root: Option<&str>,
        sentence: usize,
    ) -> Option<Resolved> {
        let span = c.start..c.end;
        let titled = c.honorific.is_some() || c.n_agents > 0 || c.head.is_some();
        match part {
            PersonPart::Actor { actor, atom } => {
                let entry = &self.dict.actors[actor as usize];
                let person = entry.person.as_ref();
                let gender = person.map_or(Gender::Unknown, |p| p.gender);
                let name = entry.name.clone();
                // A bare surname given as an alias (`Takaichi`), or a name after an
                // honorific, refers back like a title does.
                let atom = self.atoms[atom];
                let surname = person.and_then(|p| p.surname.as_deref());
                let by_surname = surname.is_some_and(|s| fold(s) == fold(&self.text[atom.start..atom.end]));
                let earlier = self
                    .persons
                    .iter()
                    .find(|p| p.actor == Some(actor))
                    .map(|p| p.first_full.unwrap_or(p.first));
                let (kind, antecedent) = match (by_surname || c.honorific.is_some(), earlier) {
                    (true, Some(first)) => (MentionKind::Title, Some(first)),
                    (true, None) if c.honorific.is_some() => (MentionKind::Title, None),
                    _ => (MentionKind::Name, None),
                };
                let confidence = if antecedent.is_some() { CONF_TITLE } else { CONF_NAME };
                let earlier_code = antecedent.and_then(|_| self.last_code(actor));
                let code = earlier_code.or_else(|| self.person_code(actor, c, composed))?;
                self.person_seen(Some(actor), &name, None, gender, &span, !by_surname, &code, sentence);
                Some(Resolved { span, code, kind, name: Some(name), antecedent, confidence })
            }
            PersonPart::Surname { atom } => {
                let atom = self.atoms[atom];
                let candidates: Vec<u32> = self
                    .targets_of(&atom)
                    .filter_map(|(_, def)| match def {
                        DefTarget::Surname { actor } => u32::try_from(*actor).ok(),
                        _ => None,
                    })
                    .collect();
                let known = self
                    .persons
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.actor.is_some_and(|a| candidates.contains(&a)))
                    .max_by_key(|(_, p)| p.last_seq)
                    .map(|(idx, p)| (idx, p.actor, p.first_full.unwrap_or(p.first)));
                let (actor, antecedent, confidence) = match known {
                    Some((_, Some(actor), antecedent)) => (actor, Some(antecedent), CONF_TITLE),
                    _ if titled => (self.guess_person(&candidates, root)?, None, CONF_TITLE_GUESS),
                    _ => return None,
                };
                let earlier_code = antecedent.and_then(|_| self.last_code(actor));
                let code = earlier_code.or_else(|| self.person_code(actor, c, composed))?;
                let entry = &self.dict.actors[actor as usize];
                let gender = c
                    .honorific
                    .filter(|g| *g != Gender::Unknown)
                    .unwrap_or_else(|| entry.person.as_ref().map_or(Gender::Unknown, |p| p.gender));
                let name = entry.name.clone();
                self.person_seen(Some(actor), &name, None, gender, &span, false, &code, sentence);
                Some(Resolved {
                    span,
                    code,
                    kind: MentionKind::Title,
                    name: Some(name),
                    antecedent,
                    confidence,
                })
            }
            PersonPart::Local(person) => {
                let known = self.persons.get(person as usize)?;
                let code =
                    self.person_mentions.iter().rev().find(|m| m.person == person).map(|m| m.code.clone())?;
                let name = known.name.clone();
                let antecedent = known.first_full.unwrap_or(known.first);
                if let Some(gender) = c.honorific.filter(|g| *g != Gender::Unknown)
                    && let Some(p) = self.persons.get_mut(person as usize)
                {
                    p.gender = gender;
                }
                self.person_seen_idx(person, &span, false, &code, sentence);
                Some(Resolved {
                    span,
                    code,
                    kind: MentionKind::Title,
                    name: Some(name),
                    antecedent: Some(antecedent),
                    confidence: CONF_TITLE,
                })
            }
            PersonPart::Unknown { start, end } => {
                let code = composed?.clone();
                let name = self.text[start..end].to_string();
                // A one-word name is not looked for again on its own: too often it is
                // not a name at all.
                let surname =
                    name.rsplit_once(' ').map(|(_, last)| last.to_string()).filter(|s| s.chars().count() > 1);
                let gender = c.honorific.unwrap_or(Gender::Unknown);
                self.person_seen(None, &name, surname, gender, &span, true, &code, sentence);
                Some(Resolved {
                    span,
                    code,
                    kind: MentionKind::Role,
                    name: Some(name),
                    antecedent: None,
                    confidence: CONF_CAPTURED,
                })
            }
        }
    }

    /// The code of a dictionary person in a compound: the code of their term on the
    /// date; out of every term, the office the text gives them, if any (`Prime Minister
    /// X` when the dictionary has not caught up, or a historical account), else the
    /// code outside terms.
    fn person_code(&self, actor: u32, c: &Compound, composed: Option<&ActorCode>) -> Option<ActorCode> {
        let entry = &self.dict.actors[actor as usize];
        let in_term = self.date.is_none_or(|date| entry.terms.iter().any(|t| t.covers(date)));
        if in_term || c.n_agents == 0 {
            return entry.code_at(self.date).or(composed).cloned();
        }
        // The office's country is the compound's own (`Portuguese President X`); a title
        // with no country of its own (`met President X`) took the document's country
        // from context, which says nothing about a person the dictionary knows.
        let titled = match composed.filter(|_| c.head.is_some()) {
            Some(code) => Some(code.clone()),
            None => {
                let root = ActorCode::new(entry.country_root()?).ok()?;
                self.compose_code(&root, false, c.agents())
            }
        };
        titled.or_else(|| entry.code_at(self.date).cloned())
    }

    /// The code a dictionary person last had in this document, so that `Mr X`, `X` and
    /// `he` keep the code of the full mention they refer to.
    fn last_code(&self, actor: u32) -> Option<ActorCode> {
        let person = self.persons.iter().position(|p| p.actor == Some(actor))?;
        let person = u32::try_from(person).ok()?;
        self.person_mentions.iter().rev().find(|m| m.person == person).map(|m| m.code.clone())
    }

    /// The one person a surname can mean: of the compound's country if it has one, in
    /// office on the date if several.
    fn guess_person(&self, candidates: &[u32], root: Option<&str>) -> Option<u32> {
        let of_country: Vec<u32> = candidates
            .iter()
            .copied()
            .filter(|&a| root.is_none_or(|root| self.dict.actors[a as usize].country_root() == Some(root)))
            .collect();
        if let [only] = of_country.as_slice() {
            return Some(*only);
        }
        let date = self.date?;
        let in_office: Vec<u32> = of_country
            .iter()
            .copied()
            .filter(|&a| self.dict.actors[a as usize].terms.iter().any(|t| t.covers(date)))
            .collect();
        match in_office.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn person_seen(
        &mut self,
        actor: Option<u32>,
        name: &str,
        surname: Option<String>,
        gender: Gender,
        span: &Range<usize>,
        full: bool,
        code: &ActorCode,
        sentence: usize,
    ) {
        let existing = actor.and_then(|a| self.persons.iter().position(|p| p.actor == Some(a)));
        let idx = match existing {
            Some(idx) => idx,
            None => {
                let first = Span::new(span.start, span.end);
                self.persons.push(DocPerson {
                    actor,
                    name: name.to_string(),
                    surname,
                    gender,
                    first,
                    first_full: None,
                    last_seq: self.seq,
                });
                self.persons.len() - 1
            }
        };
        if let Some(p) = self.persons.get_mut(idx)
            && p.gender == Gender::Unknown
        {
            p.gender = gender;
        }
        self.person_seen_idx(u32::try_from(idx).unwrap_or(u32::MAX), span, full, code, sentence);
    }

    fn person_seen_idx(
        &mut self,
        person: u32,
        span: &Range<usize>,
        full: bool,
        code: &ActorCode,
        sentence: usize,
    ) {
        let span = Span::new(span.start, span.end);
        if let Some(p) = self.persons.get_mut(person as usize) {
            p.last_seq = self.seq;
            if full && p.first_full.is_none() {
                p.first_full = Some(span);
            }
        }
        self.person_mentions.push(PersonMention { person, span, sentence, code: code.clone() });
    }

    /// `he`, `she`, `his`, `her`: the most recent person of that gender (or unknown
    /// gender) mentioned in the last few sentences; after a closing quotation mark
    /// (`,” he said`) the people named inside that quotation are skipped, since the
    /// pronoun is its speaker.
    fn resolve_pronoun(&mut self, c: &Compound, gender: Gender, sentence: usize) -> Option<Resolved> {
        let before = self.text[..c.start].trim_end();
        let quote = if before.ends_with(['\u{201d}', '"']) {
            let close = before.len();
            let inner = &before[..close - before.chars().next_back().map_or(1, char::len_utf8)];
            inner.rfind(['\u{201c}', '"']).map(|open| open..close)
        } else {
            None
        };
        let candidates = || {
            self.person_mentions
                .iter()
                .rev()
                .take_while(|m| m.sentence + PRONOUN_WINDOW >= sentence)
                .filter(|m| quote.as_ref().is_none_or(|q| !q.contains(&(m.span.start as usize))))
        };
        let gender_of =
            |m: &PersonMention| self.persons.get(m.person as usize).map_or(Gender::Unknown, |p| p.gender);
        // A person of the pronoun's gender first; one of unknown gender only if none.
        let found = candidates()
            .find(|m| gender_of(m) == gender)
            .or_else(|| candidates().find(|m| gender_of(m).compatible(gender)))?
            .clone();
        let name = self.persons.get(found.person as usize).map(|p| p.name.clone());
        let span = c.start..c.end;
        self.person_seen_idx(found.person, &span, false, &found.code, sentence);
        Some(Resolved {
            span,
            code: found.code,
            kind: MentionKind::Pronoun,
            name,
            antecedent: Some(found.span),
            confidence: CONF_PRONOUN,
        })
    }

    fn emit(&mut self, resolved: Resolved, sentence: usize) {
        let span = Span::new(resolved.span.start, resolved.span.end);
        self.seq += 1;
        // What the text says outright is evidence of what it is about; pronouns and
        // agents resolved from context are not, and would chain antecedents to each other.
        let evidence = resolved.kind != MentionKind::Pronoun && resolved.confidence > CONF_CONTEXT;
        match self.seen.iter_mut().find(|r| r.code == resolved.code).filter(|_| evidence) {
            Some(seen) => {
                seen.span = span;
                seen.seq = self.seq;
                seen.sentence = sentence;
            }
            None if !evidence => {}
            None => {
                let country = self.dict.countries.contains(resolved.code.root());
                let code = resolved.code.clone();
                self.seen.push(Seen { code, span, seq: self.seq, sentence, country });
            }
        }
        self.out.push(Mention {
            span,
            text: self.text[resolved.span].to_string(),
            code: resolved.code,
            kind: resolved.kind,
            name: resolved.name,
            antecedent: resolved.antecedent,
            confidence: resolved.confidence,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::NameAutomaton;

    #[test]
    fn gaps() {
        let text = "Japan’s top diplomat";
        let g = gap(text, 5, text.find("diplomat").unwrap());
        assert!(g.ok && g.possessive && g.words == 1);
        let text = "Russia said troops";
        assert!(!gap(text, 6, 12).ok);
        let text = "Prime Minister Sanae Takaichi";
        let g = gap(text, 14, 21);
        assert!(g.ok && g.capitalized && g.words == 1);
    }

    #[test]
    fn names_are_captured() {
        let text = "Emergencies Minister Yevgeny Zinichev said on Monday";
        assert_eq!(capture_name(text, 20, text.len()), Some((21, 37)));
        let text = "the spokesman said";
        assert_eq!(capture_name(text, 13, text.len()), None);
        let text = "Crown Prince Mohammed bin Salman.";
        assert_eq!(capture_name(text, 12, text.len()).map(|(s, e)| &text[s..e]), Some("Mohammed bin Salman"));
    }

    /// The names found on boundaries in each range of `text`, with the anchored walks and
    /// with the unanchored overlapping search they replaced (filtered by
    /// `on_boundaries`): asserts the two lists equal, order and pattern ids included.
    /// Returns how many matches were compared.
    fn same_names(
        automaton: &NameAutomaton,
        text: &str,
        ranges: impl IntoIterator<Item = Range<usize>>,
    ) -> usize {
        let (mut folded, mut walked, mut all) = (Vec::new(), Vec::new(), Vec::new());
        let mut compared = 0;
        for range in ranges {
            folded.clear();
            folded.extend_from_slice(text[range.clone()].as_bytes());
            folded.make_ascii_lowercase();
            let boundary = |pos: usize| !inside_word(text, range.start + pos);
            automaton.find_at_boundaries(&folded, boundary, &mut walked);
            automaton.find_overlapping(&folded, &mut all);
            assert_eq!(all, automaton.find_overlapping_by_crate(&folded));
            all.retain(|&(start, end, _)| on_boundaries(text, range.start + start, range.start + end));
            assert_eq!(walked, all, "{:?} in {:?}", &text[range.clone()], range);
            compared += all.len();
        }
        compared
    }

    /// Every range of `text` between two character boundaries (short texts only).
    fn all_ranges(text: &str) -> Vec<Range<usize>> {
        let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let mut ranges = Vec::new();
        for (i, &start) in cuts.iter().enumerate() {
            ranges.extend(cuts[i..].iter().map(|&end| start..end));
        }
        ranges
    }

    /// The whole text and each of its rough sentences.
    fn text_and_sentences(text: &str) -> Vec<Range<usize>> {
        let sentences = crate::rough_sentences(text);
        std::iter::once(0..text.len())
            .chain(sentences.iter().map(|s| s.start as usize..s.end as usize))
            .collect()
    }

    /// Texts that put names where the boundaries matter: inside words, overlapping,
    /// behind apostrophes, next to punctuation and to letters outside ASCII.
    const TRICKY: &[&str] = &[
        "the hers she her he herself; she’s he's THE HE",
        "New York City's new yorker, in New York-City and NewYork.",
        "Russia’s Russian Russians Russia's Russia\u{2019}s Prussia russia-china.",
        "US-China, USA, U.S., U.S.A., the U.S. and the US's US’s",
        "São Paulo, são paulo; Köln, KÖLN, Zürich’s zürich",
        "éRussia Russiaé ÜberJapan Japanß 日本Japan Japan日本 Japan—China «China» ‘China’",
        "Mr. Lavrov, Mrs Takaichi's, Prime Minister Sanae Takaichi’s government",
        "a-b .net -x x- 's ’s ' ’ '' -- ..",
        "O'Brien O’Brien o'brien d'Estaing d’Estaing l'Aquila",
        "The South China Sea, the South, South China, China Sea, south-china-sea",
        "\u{0301}Japan e\u{0301}Japan Japan\u{0301} 1Japan Japan2 _Japan Japan_",
        "",
        "J",
        "héhé",
    ];

    /// Patterns of the adversarial tests: suffixes and prefixes of one another, starting
    /// or ending with a non-word character, outside ASCII.
    const TRICKY_PATTERNS: &[&str] = &[
        "he",
        "she",
        "her",
        "hers",
        "herself",
        "the",
        "e",
        "h",
        "new york",
        "new york city",
        "york",
        "york city",
        "new",
        "russia",
        "russian",
        "russians",
        "russia's",
        "russia\u{2019}s",
        "'s",
        "\u{2019}s",
        "'",
        "\u{2019}",
        "us",
        "u.s.",
        "u.s",
        "s.",
        "usa",
        "us-china",
        "-china",
        "china",
        "china sea",
        "south china sea",
        "south",
        "south china",
        "the south",
        "são paulo",
        "são",
        "köln",
        "zürich",
        "ü",
        "é",
        "日本",
        "本",
        "japan",
        "japanß",
        "a-b",
        ".net",
        "-x",
        "x-",
        "--",
        ".",
        "..",
        "o'brien",
        "o\u{2019}brien",
        "d'estaing",
        "l'aquila",
        "mr.",
        "mr. lavrov",
        "lavrov",
        "e\u{0301}",
        "\u{0301}",
        "1",
        "japan2",
        "_japan",
        "«china»",
        "—",
        "hé",
        "éh",
    ];

    #[test]
    fn walks_find_the_names_of_the_unanchored_search_on_tricky_text() {
        let patterns: Vec<String> = TRICKY_PATTERNS.iter().map(|p| (*p).to_string()).collect();
        let contiguous = NameAutomaton::new(&patterns).unwrap();
        let large = NameAutomaton::large(&patterns);
        assert!(!contiguous.is_large() && large.is_large());
        let mut compared = 0;
        for text in TRICKY {
            compared += same_names(&contiguous, text, all_ranges(text));
            compared += same_names(&large, text, all_ranges(text));
        }
        assert!(compared > 10_000, "{compared}");
    }

    /// A small random generator (xorshift), so that the test needs no dependency.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % n as u64).unwrap()
        }
    }

    #[test]
    fn walks_find_the_names_of_the_unanchored_search_on_random_text() {
        const PIECES: &[&str] = &[
            "a", "b", "ab", "ba", "A", "B", " ", " ", "'", "’", "-", ".", "é", "É", "日", "1", "\u{0301}",
            "ß",
        ];
        let mut rng = Rng(0x5eed_cafe_f00d_beef);
        let piece_string = |rng: &mut Rng, max: usize| {
            let n = 1 + rng.below(max);
            (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect::<String>()
        };
        let mut compared = 0;
        for _ in 0..300 {
            // Patterns cut from the texts, so that they nest and overlap there.
            let texts: Vec<String> = (0..1 + rng.below(4)).map(|_| piece_string(&mut rng, 30)).collect();
            let mut patterns: Vec<String> = Vec::new();
            for _ in 0..1 + rng.below(10) {
                let text = texts[rng.below(texts.len())].to_ascii_lowercase();
                let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                let (a, b) = (cuts[rng.below(cuts.len())], cuts[rng.below(cuts.len())]);
                let pattern = &text[a.min(b)..a.max(b)];
                if !pattern.is_empty() && !patterns.iter().any(|p| p == pattern) {
                    patterns.push(pattern.to_string());
                }
            }
            let contiguous = NameAutomaton::new(&patterns).unwrap();
            let large = NameAutomaton::large(&patterns);
            for text in &texts {
                compared += same_names(&contiguous, text, all_ranges(text));
                compared += same_names(&large, text, all_ranges(text));
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    /// The test data and the tricky texts with real dictionaries: the built-in ones, the
    /// small world's, and both again as the noncontiguous NFA used for large dictionaries.
    #[test]
    fn walks_find_the_names_of_the_unanchored_search_with_dictionaries() {
        let mut texts: Vec<String> = TRICKY.iter().map(|t| (*t).to_string()).collect();
        texts.push(include_str!("../tests/data/paraphrase.txt").to_string());
        texts.push(include_str!("../tests/data/world.txt").to_string());
        let builtin = ActorDictionary::builtin().unwrap();
        let mut builder = ActorDictionary::builder();
        builder.add_builtin_agents().unwrap();
        builder.add_text("world.txt", include_str!("../tests/data/world.txt")).unwrap();
        let world = builder.build().unwrap();
        for dictionary in [&builtin, &world] {
            let patterns = dictionary.patterns();
            assert_eq!(patterns.len(), dictionary.stats().patterns);
            let large = NameAutomaton::large(&patterns);
            let mut compared = 0;
            for text in &texts {
                let ranges = if text.len() < 200 { all_ranges(text) } else { text_and_sentences(text) };
                compared += same_names(&dictionary.automaton, text, ranges.clone());
                compared += same_names(&large, text, ranges);
            }
            assert!(compared > 100, "{compared}");
        }
    }

    /// Every Wikinews article of the shared folder (skipped without it), whole and
    /// sentence by sentence, with the built-in dictionaries and with Phoenix's under them.
    #[test]
    fn walks_find_the_names_of_the_unanchored_search_in_wikinews() {
        let (Some(shared), Some(articles)) =
            (faultline_corpora::shared(), faultline_corpora::wikinews_dated())
        else {
            return;
        };
        let builtin = ActorDictionary::builtin().unwrap();
        let mut builder = ActorDictionary::builder();
        builder.add_phoenix_dir(shared.join("dictionaries/phoenix")).unwrap();
        builder.add_builtin().unwrap();
        let phoenix = builder.build().unwrap();
        assert!(phoenix.stats().patterns > 40_000);

        let phoenix_large = NameAutomaton::large(&phoenix.patterns());
        for automaton in [&builtin.automaton, &phoenix.automaton, &phoenix_large] {
            let mut compared = 0;
            for (text, _) in &articles {
                compared += same_names(automaton, text, text_and_sentences(text));
            }
            assert!(compared > 10_000, "{compared}");
        }
    }

    #[test]
    fn boundaries() {
        assert!(!on_boundaries("Iranian", 0, 4));
        assert!(on_boundaries("Iran's", 0, 4));
        assert!(!on_boundaries("USB", 0, 2));
        assert!(on_boundaries("US-China", 0, 2));
    }
}
