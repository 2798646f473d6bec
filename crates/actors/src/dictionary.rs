//! Build, then use: [`ActorDictionaryBuilder`] stacks dictionary layers and compiles them
//! into an immutable [`ActorDictionary`].

use crate::actor::{Actor, ActorKind, Gender, Origin, is_media_code};
use crate::builtin;
use crate::error::{Error, Result};
use crate::layer::{AgentDef, CaseRule, DefTarget, DescDef, Layer};
use crate::phoenix::{self, PhoenixReport};
use crate::roles;
use crate::{own, roles::sector_label};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{Anchored, MatchKind, PatternID, nfa};
use faultline_model::{ActorCode, MentionKind};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Collects dictionary layers; [`build`](ActorDictionaryBuilder::build) compiles them.
///
/// Layers are applied in the order they are added: a name defined again in a later
/// layer replaces the earlier definition (surnames and descriptions add up instead).
#[derive(Debug, Default)]
pub struct ActorDictionaryBuilder {
    layers: Vec<Layer>,
}

impl ActorDictionaryBuilder {
    #[must_use]
    pub fn new() -> ActorDictionaryBuilder {
        ActorDictionaryBuilder::default()
    }

    /// Adds the project's dictionaries embedded in the binary (`dictionaries/actors/`),
    /// as one layer.
    pub fn add_builtin(&mut self) -> Result<&mut Self> {
        self.add_texts(builtin::FILES)
    }

    /// Adds only the built-in roles, titles, honorifics and modifiers (English words, no
    /// world knowledge): the base for a small fictional world in tests.
    pub fn add_builtin_agents(&mut self) -> Result<&mut Self> {
        self.add_text(builtin::AGENTS.0, builtin::AGENTS.1)
    }

    /// Adds a dictionary in the project's format as one layer; `file` names it in error
    /// messages.
    pub fn add_text(&mut self, file: &str, text: &str) -> Result<&mut Self> {
        self.layers.push(own::parse(file, text)?);
        Ok(self)
    }

    /// Adds several files in the project's format as one layer: a name given to two
    /// actors in different files of the set is a conflict, not an override. Parse errors
    /// of every file are reported together.
    pub fn add_texts(&mut self, files: &[(&str, &str)]) -> Result<&mut Self> {
        let mut layer = Layer { strict: true, ..Layer::default() };
        let mut errors = Vec::new();
        for (file, text) in files {
            match own::parse(file, text) {
                Ok(parsed) => layer.append(parsed),
                Err(Error::Invalid(all)) => errors.extend(all),
                Err(err) => errors.push(err),
            }
        }
        match errors.len() {
            0 => {
                self.layers.push(layer);
                Ok(self)
            }
            1 => Err(errors.remove(0)),
            _ => Err(Error::Invalid(errors)),
        }
    }

    /// Adds the PETRARCH-2 dictionaries of a directory (`*.actors.txt`, `*agents.txt`)
    /// as one layer. Odd lines are skipped and listed in the report; a missing or
    /// unreadable directory, or one without such files, is an error.
    pub fn add_phoenix_dir(&mut self, dir: impl AsRef<Path>) -> Result<PhoenixReport> {
        let (layer, report) = phoenix::load_dir(dir.as_ref())?;
        self.layers.push(layer);
        Ok(report)
    }

    /// Adds PETRARCH-2 dictionaries given as text: `(file name, text, is_agents_file)`.
    pub fn add_phoenix_texts(&mut self, texts: &[(&str, &str, bool)]) -> PhoenixReport {
        let (layer, report) = phoenix::read_texts(texts);
        self.layers.push(layer);
        report
    }

    /// Validates the layers (codes against declared countries and known roles; a name
    /// given to two actors in one layer of the project's format) and compiles them.
    /// Every problem found is reported, each with its file and line.
    pub fn build(self) -> Result<ActorDictionary> {
        compile(self.layers)
    }
}

/// A compiled target of a name: what it points to and how its case must match.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub def: DefTarget,
    pub case: CaseCheck,
}

/// Precomputed case check of a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CaseCheck {
    Any,
    /// These character positions must be uppercase in the text.
    Upper(Box<[u16]>),
    /// Every letter must be uppercase.
    AllUpper,
    Pronoun,
}

/// Counts of what a dictionary holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DictionaryStats {
    pub countries: usize,
    pub igos: usize,
    pub ngos: usize,
    pub media: usize,
    pub people: usize,
    pub bodies: usize,
    pub businesses: usize,
    /// Distinct agents and titles (one per role code).
    pub agents: usize,
    pub descriptions: usize,
    /// Distinct names (case-folded), all kinds.
    pub names: usize,
    /// Patterns in the automaton (names plus apostrophe variants).
    pub patterns: usize,
}

/// What a code stands for, for display and for the coder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// `Japan military`, `United Nations`, `Sergei Lavrov` is never here: codes name bodies.
    pub label: String,
    pub kind: Option<ActorKind>,
    /// A media actor: the coder must never use it as an event's source or target.
    pub media: bool,
}

/// The compiled, immutable dictionary: `Send + Sync`, shared by every thread.
///
/// Names are found with one Aho-Corasick automaton over case-folded text (walked from
/// word boundaries, then filtered by letter case and chosen longest first); compounds,
/// titles, pronouns and descriptions are resolved by
/// [`ActorDictionary::mentions`].
#[derive(Debug)]
pub struct ActorDictionary {
    pub(crate) actors: Vec<Actor>,
    pub(crate) agents: Vec<AgentDef>,
    pub(crate) descriptions: Vec<DescDef>,
    pub(crate) targets: Vec<Target>,
    /// Per key: its range in `targets`.
    pub(crate) key_targets: Vec<(u32, u32)>,
    /// Automaton pattern -> key.
    pub(crate) pattern_key: Vec<u32>,
    pub(crate) automaton: NameAutomaton,
    /// Case-folded name -> key.
    keys: HashMap<String, u32>,
    /// Fixed code -> actor (countries, organisations, outlets).
    codes: HashMap<String, usize>,
    /// Declared country roots.
    pub(crate) countries: HashSet<String>,
    stats: DictionaryStats,
}

impl ActorDictionary {
    #[must_use]
    pub fn builder() -> ActorDictionaryBuilder {
        ActorDictionaryBuilder::new()
    }

    /// The project's built-in dictionaries, compiled.
    pub fn builtin() -> Result<ActorDictionary> {
        let mut builder = ActorDictionaryBuilder::new();
        builder.add_builtin()?;
        builder.build()
    }

    /// A dictionary made only of the given texts in the project's format (one layer),
    /// e.g. a small fictional world for tests.
    pub fn from_texts(files: &[(&str, &str)]) -> Result<ActorDictionary> {
        let mut builder = ActorDictionaryBuilder::new();
        builder.add_texts(files)?;
        builder.build()
    }

    /// Every actor, in dictionary order.
    #[must_use]
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor a name stands for (`Russia`, `Sergei Lavrov`, `Tass`), any case.
    #[must_use]
    pub fn actor(&self, name: &str) -> Option<&Actor> {
        self.named(name).find_map(|target| match target.def {
            DefTarget::Actor { actor, .. } => self.actors.get(actor),
            _ => None,
        })
    }

    /// The person a full name or alias stands for.
    #[must_use]
    pub fn person(&self, name: &str) -> Option<&Actor> {
        self.actor(name).filter(|actor| actor.is_person())
    }

    /// The body that holds exactly this code: a country (`RUS`), an organisation
    /// (`IGONAT`). Codes of a country's sectors (`JPNMIL`, `RUSMED`) are shared by many
    /// bodies and name none.
    #[must_use]
    pub fn by_code(&self, code: &ActorCode) -> Option<&Actor> {
        self.codes.get(code.as_str()).and_then(|&idx| self.actors.get(idx))
    }

    /// Whether a code is a media actor (a news agency or outlet): any of its groups is
    /// `MED`, or it is the code of an outlet of the dictionary. The coder must never
    /// make a media actor the source or target of an event.
    #[must_use]
    pub fn is_media(&self, code: &ActorCode) -> bool {
        is_media_code(code) || self.by_code(code).is_some_and(|actor| actor.kind == ActorKind::Media)
    }

    /// Whether a root (`RUS`) is a declared country or territory.
    #[must_use]
    pub fn is_country(&self, root: &str) -> bool {
        self.countries.contains(root)
    }

    /// A label and kind for a code: the body holding its longest known prefix, then the
    /// labels of the remaining role groups (`JPNMIL` -> `Japan military`).
    #[must_use]
    pub fn describe(&self, code: &ActorCode) -> CodeInfo {
        let text = code.as_str();
        let media = self.is_media(code);
        let mut prefix_len = text.len();
        while prefix_len >= 3 {
            if let Some(actor) = self.codes.get(&text[..prefix_len]).and_then(|&idx| self.actors.get(idx)) {
                let mut label = actor.name.clone();
                for group in text.as_bytes()[prefix_len..].chunks(3) {
                    let group = std::str::from_utf8(group).unwrap_or("");
                    label.push(' ');
                    label.push_str(sector_label(group).unwrap_or(group));
                }
                let kind = match (prefix_len == text.len(), actor.kind) {
                    (true, kind) => kind,
                    (false, _) if media => ActorKind::Media,
                    (false, ActorKind::Country) => ActorKind::Body,
                    (false, kind) => kind,
                };
                return CodeInfo { label, kind: Some(kind), media };
            }
            prefix_len -= 3;
        }
        let label = code
            .as_str()
            .as_bytes()
            .chunks(3)
            .map(|g| std::str::from_utf8(g).unwrap_or(""))
            .collect::<Vec<_>>();
        let label = label.iter().map(|g| sector_label(g).unwrap_or(g)).collect::<Vec<_>>().join(" ");
        CodeInfo { label, kind: media.then_some(ActorKind::Media), media }
    }

    #[must_use]
    pub fn stats(&self) -> &DictionaryStats {
        &self.stats
    }

    /// The automaton's patterns, in pattern order, rebuilt from the keys as `compile`
    /// makes them.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> Vec<String> {
        let mut keys: Vec<(&String, &u32)> = self.keys.iter().collect();
        keys.sort_by_key(|&(_, &idx)| idx);
        let mut patterns = Vec::new();
        for (key, _) in keys {
            if key.contains('\'') {
                patterns.push(key.replace('\'', "\u{2019}"));
            }
            if !key.is_empty() {
                patterns.push(key.clone());
            }
        }
        patterns
    }

    fn named(&self, name: &str) -> impl Iterator<Item = &Target> {
        let key = self.keys.get(&fold(name)).copied();
        let range =
            key.and_then(|k| self.key_targets.get(k as usize)).map_or(0..0, |&(s, e)| s as usize..e as usize);
        self.targets[range].iter()
    }
}

/// The case-folded key of a name: ASCII lowercase, typographic apostrophes as `'`,
/// single spaces.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.push(match c {
                '\u{2019}' => '\'',
                c => c.to_ascii_lowercase(),
            });
        }
    }
    out
}

/// Words skipped when finding the letter of a PETRARCH-2 name that must be a capital.
const FUNCTION_WORDS: &[&str] =
    &["THE", "OF", "A", "AN", "AND", "FOR", "TO", "IN", "ON", "AT", "DE", "DU", "LA", "LE"];

fn case_check(rule: CaseRule, written: &str) -> CaseCheck {
    match rule {
        CaseRule::Any => CaseCheck::Any,
        CaseRule::Pronoun => CaseCheck::Pronoun,
        CaseRule::AsWritten => {
            let upper: Vec<u16> = written
                .chars()
                .enumerate()
                .filter(|(_, c)| c.is_ascii_uppercase())
                .map(|(i, _)| u16::try_from(i).unwrap_or(u16::MAX))
                .collect();
            if upper.is_empty() { CaseCheck::Any } else { CaseCheck::Upper(upper.into_boxed_slice()) }
        }
        CaseRule::Phoenix => {
            if written.chars().filter(|c| c.is_alphanumeric()).count() <= 3 {
                return CaseCheck::AllUpper;
            }
            let mut offset = 0usize;
            for word in written.split(' ') {
                if !FUNCTION_WORDS.contains(&word) && word.chars().next().is_some_and(char::is_alphabetic) {
                    return CaseCheck::Upper(
                        vec![u16::try_from(offset).unwrap_or(u16::MAX)].into_boxed_slice(),
                    );
                }
                offset += word.chars().count() + 1;
            }
            CaseCheck::Any
        }
    }
}

/// Built-in pronouns and possessive determiners.
const PRONOUNS: &[(&str, Option<Gender>)] = &[
    ("he", Some(Gender::Male)),
    ("him", Some(Gender::Male)),
    ("his", Some(Gender::Male)),
    ("himself", Some(Gender::Male)),
    ("she", Some(Gender::Female)),
    ("her", Some(Gender::Female)),
    ("hers", Some(Gender::Female)),
    ("herself", Some(Gender::Female)),
    ("its", None),
    ("their", None),
];

/// An entry of the name table during compilation.
struct Entry {
    target: DefTarget,
    rule: CaseRule,
    written: String,
    origin: Origin,
    layer: usize,
}

fn compile(layers: Vec<Layer>) -> Result<ActorDictionary> {
    let mut errors = Vec::new();
    let mut countries: HashSet<String> = HashSet::new();
    for layer in &layers {
        countries.extend(layer.countries.iter().cloned());
        if !layer.strict {
            let roots = layer.actors.iter().filter_map(|a| a.fixed_code()).filter(|c| c.as_str().len() == 3);
            countries.extend(roots.map(|code| code.as_str().to_string()));
        }
    }
    {
        let declared: HashSet<&str> = countries.iter().map(String::as_str).collect();
        for layer in layers.iter().filter(|layer| layer.strict) {
            for (code, origin) in &layer.checks {
                if let Err(err) = roles::check_code(code, &declared) {
                    errors.push(Error::at(&origin.file, origin.line, err));
                }
            }
        }
    }

    let mut actors = Vec::new();
    let mut agents = Vec::new();
    let mut descriptions = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut table: HashMap<String, Vec<Entry>> = HashMap::new();
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for (layer_idx, layer) in layers.into_iter().enumerate() {
        let (actor_base, agent_base, desc_base) = (actors.len(), agents.len(), descriptions.len());
        actors.extend(layer.actors);
        agents.extend(layer.agents);
        descriptions.extend(layer.descriptions);
        for name in layer.names {
            let target = match name.target {
                DefTarget::Actor { actor, kind } => DefTarget::Actor { actor: actor + actor_base, kind },
                DefTarget::Surname { actor } => DefTarget::Surname { actor: actor + actor_base },
                DefTarget::Agent { agent } => DefTarget::Agent { agent: agent + agent_base },
                DefTarget::Description { desc } => DefTarget::Description { desc: desc + desc_base },
                other => other,
            };
            let key = fold(&name.text);
            let entries = table.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Vec::new()
            });
            // The same name for the same target again: keep one per written form, since
            // the letter case of each form is checked separately (`TASS`, `Tass`).
            if entries.iter().any(|e| e.target == target && e.layer == layer_idx && e.written == name.text) {
                continue;
            }
            let same_target_here = entries.iter().any(|e| e.target == target && e.layer == layer_idx);
            if target.is_exclusive() && !same_target_here {
                // A later layer's person taking an earlier layer's person's name is the
                // same person: remember to merge them.
                if let DefTarget::Actor { actor: new, .. } = target {
                    for old in entries.iter().filter(|e| e.layer < layer_idx) {
                        if let DefTarget::Actor { actor: old, .. } = old.target
                            && actors[old].is_person()
                            && actors[new].is_person()
                        {
                            merges.push((old, new));
                        }
                    }
                }
                entries.retain(|e| !(e.target.is_exclusive() && e.layer < layer_idx));
                if let Some(pos) = entries.iter().position(|e| e.target.is_exclusive() && e.target != target)
                {
                    if layer.strict {
                        let other = &entries[pos];
                        errors.push(Error::at(
                            &name.origin.file,
                            name.origin.line,
                            Error::Conflict {
                                name: name.text.clone(),
                                this: describe_target(&target, &actors, &agents),
                                other: describe_target(&other.target, &actors, &agents),
                                other_at: other.origin.to_string(),
                            },
                        ));
                        continue;
                    }
                    entries.remove(pos);
                }
            } else if !target.is_exclusive() {
                entries.retain(|e| e.target != target || e.layer == layer_idx);
            }
            entries.push(Entry {
                target,
                rule: name.case,
                written: name.text,
                origin: name.origin,
                layer: layer_idx,
            });
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|err| match err {
            Error::WithLine { file, line, .. } => (file.clone(), *line),
            _ => (String::new(), 0),
        });
        return Err(if errors.len() == 1 { errors.remove(0) } else { Error::Invalid(errors) });
    }

    merge_people(&mut actors, &mut table, &merges);

    let builtin_origin = Origin { file: "<pronouns>".into(), line: 0 };
    for (word, gender) in PRONOUNS {
        let target = match gender {
            Some(gender) => DefTarget::Pronoun { gender: *gender },
            None => DefTarget::Possessor,
        };
        let key = (*word).to_string();
        let entries = table.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Vec::new()
        });
        entries.push(Entry {
            target,
            rule: CaseRule::Pronoun,
            written: key,
            origin: builtin_origin.clone(),
            layer: usize::MAX,
        });
    }

    let mut targets = Vec::new();
    let mut key_targets = Vec::new();
    let mut keys = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut pattern_key = Vec::new();
    for key in order {
        let Some(entries) = table.remove(&key) else { continue };
        if entries.is_empty() {
            continue;
        }
        let key_idx =
            u32::try_from(key_targets.len()).map_err(|_| Error::Automaton("too many names".into()))?;
        let start = u32::try_from(targets.len()).map_err(|_| Error::Automaton("too many names".into()))?;
        for entry in entries {
            targets.push(Target { case: case_check(entry.rule, &entry.written), def: entry.target });
        }
        let end = u32::try_from(targets.len()).map_err(|_| Error::Automaton("too many names".into()))?;
        key_targets.push((start, end));
        if key.contains('\'') {
            patterns.push(key.replace('\'', "\u{2019}"));
            pattern_key.push(key_idx);
        }
        // An empty name (the readers let none through) is never mentioned: no pattern.
        if !key.is_empty() {
            patterns.push(key.clone());
            pattern_key.push(key_idx);
        }
        keys.insert(key, key_idx);
    }
    let automaton = NameAutomaton::new(&patterns)?;

    // Codes that name a body: a country's root, an organisation's code. A country's
    // code with roles (`JPNMIL`, `RUSMED`) names a sector that many bodies share, so it
    // is described from its parts instead. The first actor with a code keeps it.
    let mut codes = HashMap::new();
    for (idx, actor) in actors.iter().enumerate() {
        let Some(code) = actor.fixed_code() else { continue };
        let sector_of_country = code.as_str().len() > 3 && countries.contains(code.root());
        if !sector_of_country {
            codes.entry(code.as_str().to_string()).or_insert(idx);
        }
    }
    let mut stats = DictionaryStats {
        agents: agents.len(),
        descriptions: descriptions.len(),
        names: keys.len(),
        patterns: patterns.len(),
        ..DictionaryStats::default()
    };
    for actor in &actors {
        let counter = match actor.kind {
            ActorKind::Country => &mut stats.countries,
            ActorKind::Igo => &mut stats.igos,
            ActorKind::Ngo => &mut stats.ngos,
            ActorKind::Media => &mut stats.media,
            ActorKind::Person => &mut stats.people,
            ActorKind::Body => &mut stats.bodies,
            ActorKind::Business => &mut stats.businesses,
        };
        *counter += 1;
    }
    Ok(ActorDictionary {
        actors,
        agents,
        descriptions,
        targets,
        key_targets,
        pattern_key,
        automaton,
        keys,
        codes,
        countries,
        stats,
    })
}

/// The automaton of every name.
///
/// Patterns are case-folded keys and the text is case-folded (ASCII) before the search:
/// four times faster to build and to search than the automaton's own ASCII
/// case-insensitivity, with the same matches.
///
/// Only a name that starts and ends outside a word is kept, so the automaton is not run
/// over every byte as an unanchored Aho-Corasick search, which follows a failure
/// transition at nearly every byte and reports every name inside every word (`he` in
/// `the`) only for the caller to throw it away: that search was the largest function of
/// an ingest. [`find_at_boundaries`] walks the automaton anchored, as a plain trie, from
/// the start of each word that some pattern starts with ([`LeadingWords`]: about a third
/// of the words of news text with the built-in dictionaries) and from each other byte
/// outside a word that starts a pattern; most walks end within a few bytes. The matches
/// and their order are those of the unanchored overlapping search filtered by
/// boundaries: the tests hold the two equal, over the Wikinews articles among others.
///
/// The crate's contiguous NFA, walked through its `Automaton` trait: a trie of our own,
/// its nodes numbered breadth first so that those near the root, where every walk goes,
/// share cache lines, made no difference in a whole ingest. Not a DFA: 11 MB for the
/// built-in dictionaries' 3,192 patterns, 223 MB with Phoenix's 41,647.
///
/// [`find_at_boundaries`]: NameAutomaton::find_at_boundaries
#[derive(Debug)]
pub(crate) struct NameAutomaton {
    nfa: Nfa,
    /// Per byte: the anchored start state's next state (dead when no pattern starts
    /// with that byte, e.g. any byte inside a multi-byte character).
    first: Box<[StateID; 256]>,
    /// The patterns' leading words, to pass over the words of a text that start none.
    words: LeadingWords,
}

#[derive(Debug)]
enum Nfa {
    Contiguous(nfa::contiguous::NFA),
    /// When a contiguous NFA cannot hold the patterns.
    Large(nfa::noncontiguous::NFA),
}

impl NameAutomaton {
    pub(crate) fn new(patterns: &[String]) -> Result<NameAutomaton> {
        // No empty pattern (`compile` leaves empty names out): the walks start at a byte.
        debug_assert!(patterns.iter().all(|pattern| !pattern.is_empty()));
        let error = |err: aho_corasick::BuildError| Error::Automaton(err.to_string());
        // Our own search loop (below) uses no prefilter.
        let nfa =
            nfa::contiguous::NFA::builder().match_kind(MatchKind::Standard).prefilter(false).build(patterns);
        let nfa = match nfa {
            Ok(nfa) => Nfa::Contiguous(nfa),
            Err(_) => nfa::noncontiguous::NFA::builder()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(patterns)
                .map(Nfa::Large)
                .map_err(error)?,
        };
        Ok(NameAutomaton::from_nfa(nfa, patterns))
    }

    fn from_nfa(nfa: Nfa, patterns: &[String]) -> NameAutomaton {
        let first = match &nfa {
            Nfa::Contiguous(nfa) => first_states(nfa),
            Nfa::Large(nfa) => first_states(nfa),
        };
        NameAutomaton { nfa, first, words: LeadingWords::new(patterns) }
    }

    /// Every occurrence in `folded` (ASCII-lowercased text) of a pattern that starts and
    /// ends at positions where `boundary` holds, as `(start, end, pattern)`, into `found`
    /// (cleared first): exactly the matches of the unanchored overlapping search that
    /// pass `boundary` at both ends, in its order (by end, the longest first).
    ///
    /// `boundary` must be false between two word bytes (ASCII lowercase letters or
    /// digits: inside a word): those positions are passed over without asking. It is
    /// asked only at character boundaries of `folded`: a pattern, valid UTF-8, neither
    /// starts nor ends inside a character.
    #[inline]
    pub(crate) fn find_at_boundaries(
        &self,
        folded: &[u8],
        boundary: impl Fn(usize) -> bool,
        found: &mut Vec<(usize, usize, PatternID)>,
    ) {
        found.clear();
        match &self.nfa {
            Nfa::Contiguous(nfa) => anchored_matches(nfa, self, folded, boundary, found),
            Nfa::Large(nfa) => anchored_matches(nfa, self, folded, boundary, found),
        }
        // The walks report by start, then end; the unanchored search by end, then start
        // (of the patterns ending in one state, the longest comes first), and the caller's
        // choice among candidates of one length may depend on that order. A stable sort:
        // one span can only be one pattern, but should two equal patterns ever share a
        // state they stay in the automaton's order. Usually already in order.
        if !found.is_sorted_by_key(|&(start, end, _)| (end, start)) {
            found.sort_by_key(|&(start, end, _)| (end, start));
        }
    }

    /// The unanchored overlapping search over every byte: every match, overlapping
    /// ones included, in the crate's order. The oracle of [`find_at_boundaries`].
    ///
    /// [`find_at_boundaries`]: NameAutomaton::find_at_boundaries
    #[cfg(test)]
    pub(crate) fn find_overlapping(&self, folded: &[u8], found: &mut Vec<(usize, usize, PatternID)>) {
        found.clear();
        match &self.nfa {
            Nfa::Contiguous(nfa) => overlapping_matches(nfa, folded, found),
            Nfa::Large(nfa) => overlapping_matches(nfa, folded, found),
        }
    }

    /// The crate's own overlapping search (its iterator state, a call per match): what
    /// [`find_overlapping`] writes out.
    ///
    /// [`find_overlapping`]: NameAutomaton::find_overlapping
    #[cfg(test)]
    pub(crate) fn find_overlapping_by_crate(&self, folded: &[u8]) -> Vec<(usize, usize, PatternID)> {
        fn search<A: Automaton>(automaton: &A, folded: &[u8]) -> Vec<(usize, usize, PatternID)> {
            let input = aho_corasick::Input::new(folded);
            let mut state = aho_corasick::automaton::OverlappingState::start();
            let mut found = Vec::new();
            loop {
                automaton.try_find_overlapping(&input, &mut state).expect("an unanchored search");
                let Some(found_match) = state.get_match() else { return found };
                found.push((found_match.start(), found_match.end(), found_match.pattern()));
            }
        }
        match &self.nfa {
            Nfa::Contiguous(nfa) => search(nfa, folded),
            Nfa::Large(nfa) => search(nfa, folded),
        }
    }

    /// The same automaton as a noncontiguous NFA, as used when a contiguous one cannot
    /// hold the patterns.
    #[cfg(test)]
    pub(crate) fn large(patterns: &[String]) -> NameAutomaton {
        let nfa = nfa::noncontiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns);
        NameAutomaton::from_nfa(Nfa::Large(nfa.expect("patterns build")), patterns)
    }

    #[cfg(test)]
    pub(crate) fn is_large(&self) -> bool {
        matches!(self.nfa, Nfa::Large(_))
    }
}

fn first_states<A: Automaton>(automaton: &A) -> Box<[StateID; 256]> {
    let mut first = Box::new([StateID::ZERO; 256]);
    if let Ok(start) = automaton.start_state(Anchored::Yes) {
        for (byte, next) in (0..=255u8).zip(first.iter_mut()) {
            *next = automaton.next_state(Anchored::Yes, start, byte);
        }
    } else {
        first.fill(dead_state(automaton));
    }
    first
}

/// The dead state of an automaton (where an anchored walk stops).
fn dead_state<A: Automaton>(automaton: &A) -> StateID {
    // The dead state is the state with ID zero in every automaton of the crate.
    debug_assert!(automaton.is_dead(StateID::ZERO));
    StateID::ZERO
}

/// Walks the automaton anchored (a trie walk: no failure transitions) from every
/// position whose byte starts a pattern and where `boundary` holds, and reports each
/// pattern that ends at a boundary. The rest of a word (a run of ASCII lowercase letters
/// and digits) is passed over without asking `boundary`, which must be false there, and
/// so is a word that no pattern starts with (see [`LeadingWords`]).
fn anchored_matches<A: Automaton>(
    automaton: &A,
    names: &NameAutomaton,
    haystack: &[u8],
    boundary: impl Fn(usize) -> bool,
    found: &mut Vec<(usize, usize, PatternID)>,
) {
    let mut start = 0;
    while let Some(&byte) = haystack.get(start) {
        let state = names.first[usize::from(byte)];
        if is_word_byte(byte) {
            let end = word_end(haystack, start + 1);
            if !automaton.is_dead(state) && names.words.may_lead(haystack, start, end) && boundary(start) {
                walk(automaton, state, haystack, start, &boundary, found);
            }
            start = end;
        } else {
            if !automaton.is_dead(state) && boundary(start) {
                walk(automaton, state, haystack, start, &boundary, found);
            }
            start += 1;
        }
    }
}

/// The leading words of the patterns (their first run of ASCII lowercase letters and
/// digits, when they start with one), as a set of hashes: the hash of the first eight
/// bytes and the length. A pattern kept at a word of the text (`haystack[start..end]`, a
/// whole run of such bytes) leads with exactly that word: the pattern either goes on
/// with another byte, which the text must have at `end`, or ends there, which must be a
/// boundary, not inside the word. So a word whose hash is not in the set starts no kept
/// name, and most words of a text are no name's first word (a word that only shares a
/// hash with one costs a walk that finds nothing).
#[derive(Debug)]
struct LeadingWords {
    bits: Box<[u64]>,
    /// Of a hash, the bits above this are its place in `bits`.
    shift: u32,
}

impl LeadingWords {
    fn new(patterns: &[String]) -> LeadingWords {
        let words: HashSet<&[u8]> = patterns
            .iter()
            .map(|pattern| &pattern.as_bytes()[..word_end(pattern.as_bytes(), 0)])
            .filter(|word| !word.is_empty())
            .collect();
        // 16 bits a word: one word in 16 or fewer passes without leading a pattern.
        let n_bits = (words.len() * 16).next_power_of_two().max(1 << 12);
        let mut set = LeadingWords {
            bits: vec![0; n_bits / 64].into_boxed_slice(),
            shift: 64 - n_bits.trailing_zeros(),
        };
        for word in words {
            let place = set.place(word, 0, word.len());
            set.bits[place / 64] |= 1 << (place % 64);
        }
        set
    }

    /// Whether `haystack[start..end]` (not empty) may be a pattern's leading word.
    #[inline]
    fn may_lead(&self, haystack: &[u8], start: usize, end: usize) -> bool {
        let place = self.place(haystack, start, end);
        self.bits[place / 64] & (1 << (place % 64)) != 0
    }

    #[inline]
    fn place(&self, haystack: &[u8], start: usize, end: usize) -> usize {
        let len = end - start;
        // The first eight bytes of the word, little-endian, zero past its end.
        let key = match haystack[start..].first_chunk::<8>() {
            Some(chunk) => u64::from_le_bytes(*chunk) & (u64::MAX >> (64 - 8 * len.min(8))),
            None => haystack[start..end].iter().rev().fold(0, |key, &byte| key << 8 | u64::from(byte)),
        };
        let hash = (key ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> self.shift) as usize
    }
}

/// Whether a byte is part of a word of folded text: an ASCII lowercase letter or digit.
#[inline]
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit()
}

/// The end of the run of word bytes ([`is_word_byte`]) from `at`: eight bytes at a time
/// (words are short, so the loop rarely goes round and its branch is predictable).
#[inline]
fn word_end(haystack: &[u8], mut at: usize) -> usize {
    const LOW: u64 = u64::from_ne_bytes([0x7F; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const fn splat(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }
    while let Some(chunk) = haystack.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let bytes = u64::from_le_bytes(*chunk);
        // In each byte, the top bit: whether its low seven bits are at least `lo` and at
        // most `hi` (no carry crosses bytes), and the byte is ASCII.
        let ascii = bytes & LOW;
        let digit = ascii.wrapping_add(splat(0x80 - b'0')) & !ascii.wrapping_add(splat(0x7F - b'9'));
        let lower = ascii.wrapping_add(splat(0x80 - b'a')) & !ascii.wrapping_add(splat(0x7F - b'z'));
        let stops = !((digit | lower) & !bytes) & HIGH;
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while haystack.get(at).is_some_and(|&byte| is_word_byte(byte)) {
        at += 1;
    }
    at
}

/// The walk from `start`, in `state` after its first byte. A match state also lists the
/// patterns of its failure states, proper suffixes that start later (after the state's
/// own, in the crate's order): only the patterns as long as the walk are reported.
#[inline(never)] // out of the scan's loop, which then keeps its registers
fn walk<A: Automaton>(
    automaton: &A,
    mut state: StateID,
    haystack: &[u8],
    start: usize,
    boundary: &impl Fn(usize) -> bool,
    found: &mut Vec<(usize, usize, PatternID)>,
) {
    let mut end = start + 1;
    loop {
        if automaton.is_match(state) && boundary(end) {
            for index in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, index);
                if automaton.pattern_len(pattern) == end - start {
                    found.push((start, end, pattern));
                }
            }
        }
        let Some(&byte) = haystack.get(end) else { break };
        state = automaton.next_state(Anchored::Yes, state, byte);
        if automaton.is_dead(state) {
            break;
        }
        end += 1;
    }
}

/// The search before the anchored walks, kept as their oracle: the crate's unanchored
/// overlapping search, written out (the same automaton, the same matches in the same
/// order), over every byte.
#[cfg(test)]
fn overlapping_matches<A: Automaton>(
    automaton: &A,
    haystack: &[u8],
    found: &mut Vec<(usize, usize, PatternID)>,
) {
    let Ok(mut state) = automaton.start_state(Anchored::No) else { return };
    let mut end = 0;
    while end < haystack.len() {
        (state, end) = next_special(automaton, haystack, state, end);
        if automaton.is_match(state) {
            for index in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, index);
                found.push((end - automaton.pattern_len(pattern), end, pattern));
            }
        }
    }
}

/// Runs the automaton from `state` at `haystack[at]` to the next special (match, start
/// or dead) state, or to the end: that state and the position after its byte.
#[cfg(test)]
fn next_special<A: Automaton>(
    automaton: &A,
    haystack: &[u8],
    mut state: StateID,
    mut at: usize,
) -> (StateID, usize) {
    while let Some(&byte) = haystack.get(at) {
        state = automaton.next_state(Anchored::No, state, byte);
        at += 1;
        if automaton.is_special(state) {
            break;
        }
    }
    (state, at)
}

/// Merges people redefined by a later layer: the later entry (its terms win) takes the
/// earlier one's gender, surname and country where it has none, and the earlier entry's
/// remaining names and surname now point to it.
fn merge_people(actors: &mut [Actor], table: &mut HashMap<String, Vec<Entry>>, merges: &[(usize, usize)]) {
    if merges.is_empty() {
        return;
    }
    let mut into: HashMap<usize, usize> = HashMap::new();
    for &(old, new) in merges {
        if old != new {
            into.insert(old, new);
        }
    }
    let last = |mut actor: usize| {
        let mut hops = 0;
        while let Some(&next) = into.get(&actor) {
            actor = next;
            hops += 1;
            if hops > into.len() {
                break;
            }
        }
        actor
    };
    for &old in into.keys() {
        let new = last(old);
        let Some(earlier) = actors.get(old).and_then(|a| a.person.clone()) else { continue };
        let Some(later) = actors.get_mut(new).and_then(|a| a.person.as_mut()) else { continue };
        if later.gender == Gender::Unknown {
            later.gender = earlier.gender;
        }
        if later.surname.is_none() {
            later.surname = earlier.surname;
        }
        if later.country.is_none() {
            later.country = earlier.country;
        }
    }
    for entries in table.values_mut() {
        for entry in entries.iter_mut() {
            match &mut entry.target {
                DefTarget::Actor { actor, .. } | DefTarget::Surname { actor } if into.contains_key(actor) => {
                    *actor = last(*actor);
                }
                _ => {}
            }
        }
        let mut seen = Vec::new();
        entries.retain(|e| {
            let fresh = !seen.contains(&(e.target.clone(), e.written.clone()));
            seen.push((e.target.clone(), e.written.clone()));
            fresh
        });
    }
}

fn describe_target(target: &DefTarget, actors: &[Actor], agents: &[AgentDef]) -> String {
    let actor_text = |idx: usize| {
        actors.get(idx).map_or_else(
            || "an unknown actor".to_string(),
            |a| match a.fixed_code() {
                Some(code) => format!("{} ({code})", a.name),
                None => format!("{} ({})", a.name, a.kind),
            },
        )
    };
    match target {
        DefTarget::Actor { actor, kind: MentionKind::Demonym } => {
            format!("a demonym of {}", actor_text(*actor))
        }
        DefTarget::Actor { actor, .. } => format!("a name of {}", actor_text(*actor)),
        DefTarget::Metonym { code } => format!("a seat of government ({code})"),
        DefTarget::Surname { actor } => format!("the surname of {}", actor_text(*actor)),
        DefTarget::Agent { agent } => {
            format!("an agent ({})", agents.get(*agent).map_or("?", |a| a.roles.as_str()))
        }
        DefTarget::Honorific { .. } => "an honorific".into(),
        DefTarget::Modifier => "a modifier".into(),
        DefTarget::Description { .. } => "a description".into(),
        DefTarget::Ignore => "ignored".into(),
        DefTarget::Pronoun { .. } | DefTarget::Possessor => "a pronoun".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_end_as_found_byte_by_byte() {
        let word: Vec<u8> = b"a0z9bcdefghijklmnopqrstuvwxy".repeat(2);
        for stop in 0..=255u8 {
            for len in 0..24 {
                let mut haystack = word[..len].to_vec();
                haystack.push(stop);
                haystack.extend_from_slice(b"abc");
                for at in 0..=haystack.len() {
                    let rest = &haystack[at..];
                    let expected = at + rest.iter().position(|&b| !is_word_byte(b)).unwrap_or(rest.len());
                    assert_eq!(word_end(&haystack, at), expected, "{haystack:?} from {at}");
                }
            }
        }
    }

    #[test]
    fn leading_words_pass_wherever_they_are() {
        let patterns = ["us", "united states", "internationalisation", "a-b", "1st", "'s", "\u{e9}t\u{e9}"];
        let words = LeadingWords::new(&patterns.map(String::from));
        // Shorter and longer than eight bytes, followed by other bytes, at the very end.
        let text = "us: united internationalisation a-b 1st ’s été united-states us";
        for word in ["us", "united", "internationalisation", "a", "1st"] {
            for (start, _) in text.match_indices(word) {
                assert!(words.may_lead(text.as_bytes(), start, start + word.len()), "{word} at {start}");
            }
        }
    }
}
