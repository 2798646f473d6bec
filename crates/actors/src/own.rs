//! Reader of the project's own dictionary format (documented for analysts in
//! `docs/dictionaries.md`).
//!
//! ```text
//! # a comment
//! country RUS: Russia
//!   names: Russian Federation, the Russian Federation
//!   demonyms: Russian, Russians
//!   capitals: Moscow
//!   seats: the Kremlin, the Pentagon = USAMIL
//! org IGOUNO: United Nations
//!   names: UN, U.N.
//! media RUSMED: TASS
//! person: Sergei Lavrov
//!   country: RUS
//!   gender: m
//!   surname: Lavrov
//!   role: RUSGOV 2004-03-09.. foreign minister
//! agent MIL: military, army, troops
//! title GOV: foreign minister, president
//! honorific male: Mr, Mr.
//! modifier: Communist-ruled
//! ignore: Taiwan Strait
//! description TWN: the democratic island, the island
//!   when: TWN
//! ```
//!
//! Header lines start at the first column; attribute lines (`key: values`) are indented
//! and belong to the header above them. Lists are comma-separated.

use crate::actor::{Actor, ActorKind, Gender, Origin, Person, Term, parse_range};
use crate::error::{Error, Result};
use crate::layer::{AgentDef, CaseRule, DefTarget, DescDef, Layer, NameDef};
use crate::roles;
use faultline_model::{ActorCode, MentionKind};
use std::sync::Arc;

/// The block a header line opened.
#[derive(Clone, Copy, Debug)]
enum Block {
    None,
    /// Index into `layer.actors`, and the header's line.
    Country(usize),
    Body(usize, u32),
    Person(usize, u32),
    /// The descriptions the header defined (a range in `layer.descriptions`).
    Description(usize, usize),
    /// One-line headers take no attributes.
    Closed,
}

struct Reader {
    file: Arc<str>,
    layer: Layer,
    block: Block,
    errors: Vec<Error>,
}

/// Parses one file of the project's format into a layer.
pub(crate) fn parse(file: &str, text: &str) -> Result<Layer> {
    let mut reader = Reader {
        file: Arc::from(file),
        layer: Layer { strict: true, ..Layer::default() },
        block: Block::None,
        errors: Vec::new(),
    };
    for (idx, raw) in text.lines().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let line = strip_comment(raw).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let result = if raw.starts_with([' ', '\t']) {
            reader.attribute(line.trim(), line_no)
        } else {
            if let Err(err) = reader.close_block() {
                reader.errors.push(err);
            }
            reader.header(line, line_no)
        };
        if let Err(err) = result {
            reader.errors.push(Error::at(file, line_no, err));
        }
    }
    if let Err(err) = reader.close_block() {
        reader.errors.push(err);
    }
    match reader.errors.len() {
        0 => Ok(reader.layer),
        1 => Err(reader.errors.remove(0)),
        _ => Err(Error::Invalid(reader.errors)),
    }
}

/// Drops a comment: a `#` at the start of the line or after whitespace.
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// Splits a comma-separated list of names, normalising inner whitespace.
fn names(list: &str) -> Result<Vec<String>> {
    list.split(',')
        .map(|item| {
            let name = item.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.chars().any(char::is_alphanumeric) {
                Ok(name)
            } else {
                Err(Error::malformed(format!(
                    "empty or punctuation-only name {:?} in list {list:?}",
                    item.trim()
                )))
            }
        })
        .collect()
}

fn code(text: &str) -> Result<ActorCode> {
    Ok(ActorCode::new(text)?)
}

impl Reader {
    fn origin(&self, line: u32) -> Origin {
        Origin { file: self.file.clone(), line }
    }

    fn name(&mut self, text: String, target: DefTarget, line: u32) {
        let origin = self.origin(line);
        self.layer.names.push(NameDef { text, target, case: CaseRule::AsWritten, origin });
    }

    fn check(&mut self, code: &ActorCode, line: u32) {
        let origin = self.origin(line);
        self.layer.checks.push((code.clone(), origin));
    }

    fn header(&mut self, line: &str, line_no: u32) -> Result<()> {
        let Some((head, value)) = line.split_once(':') else {
            return Err(Error::malformed(format!(
                "{line:?}: expected a header such as `country RUS: Russia`"
            )));
        };
        let value = value.trim();
        let mut words = head.split_whitespace();
        let keyword = words.next().unwrap_or("");
        let arg = words.next();
        if let Some(extra) = words.next() {
            return Err(Error::malformed(format!("unexpected {extra:?} before ':' in {line:?}")));
        }
        if value.is_empty() {
            return Err(Error::malformed(format!("{line:?}: nothing after ':'")));
        }
        match keyword {
            "country" => {
                let Some(arg) = arg.filter(|a| a.len() == 3) else {
                    return Err(Error::malformed(
                        "a country needs its three-letter code: `country RUS: Russia`",
                    ));
                };
                let code = code(arg)?;
                self.check(&code, line_no);
                self.layer.countries.push(code.as_str().to_string());
                let actor =
                    self.new_actor(value, ActorKind::Country, vec![Term::always(code)], None, line_no);
                self.block = Block::Country(actor);
            }
            "org" | "media" => {
                let terms = match arg {
                    Some(arg) => {
                        let code = code(arg)?;
                        self.check(&code, line_no);
                        vec![Term::always(code)]
                    }
                    None => Vec::new(),
                };
                let kind = match (keyword, terms.first()) {
                    ("media", _) => ActorKind::Media,
                    (_, Some(term)) => ActorKind::of_code(&term.code),
                    _ => ActorKind::Body,
                };
                let actor = self.new_actor(value, kind, terms, None, line_no);
                self.block = Block::Body(actor, line_no);
            }
            "person" => {
                if let Some(arg) = arg {
                    return Err(Error::malformed(format!(
                        "`person: Full Name` takes no code ({arg:?}): use role:"
                    )));
                }
                let actor =
                    self.new_actor(value, ActorKind::Person, Vec::new(), Some(Person::default()), line_no);
                self.block = Block::Person(actor, line_no);
            }
            "agent" | "title" => {
                let Some(roles) = arg else {
                    return Err(Error::malformed(format!(
                        "`{keyword}` needs its role groups: `{keyword} GOV: ...`"
                    )));
                };
                roles::check_groups(roles)?;
                let agent = self.layer.agents.len();
                self.layer.agents.push(AgentDef {
                    roles: roles.to_string(),
                    prefix: false,
                    person: keyword == "title",
                    capture: keyword == "title",
                });
                for name in names(value)? {
                    self.name(name, DefTarget::Agent { agent }, line_no);
                }
                self.block = Block::Closed;
            }
            "honorific" => {
                let gender = match arg {
                    None => Gender::Unknown,
                    Some(word) => parse_gender(word)?,
                };
                for name in names(value)? {
                    self.name(name, DefTarget::Honorific { gender }, line_no);
                }
                self.block = Block::Closed;
            }
            "modifier" | "ignore" => {
                if let Some(arg) = arg {
                    return Err(Error::malformed(format!("`{keyword}:` takes no argument ({arg:?})")));
                }
                let target = if keyword == "modifier" { DefTarget::Modifier } else { DefTarget::Ignore };
                for name in names(value)? {
                    self.name(name, target.clone(), line_no);
                }
                self.block = Block::Closed;
            }
            "description" => {
                let code = match arg {
                    Some("*") => None,
                    Some(arg) => {
                        let code = code(arg)?;
                        self.check(&code, line_no);
                        Some(code)
                    }
                    None => {
                        return Err(Error::malformed(
                            "a description needs the code it stands for, or * for the last country mentioned",
                        ));
                    }
                };
                let when = code.iter().map(|c| c.root().to_string()).collect();
                let desc = self.layer.descriptions.len();
                self.layer.descriptions.push(DescDef { code, when, origin: self.origin(line_no) });
                for name in names(value)? {
                    self.name(name, DefTarget::Description { desc }, line_no);
                }
                self.block = Block::Description(desc, desc + 1);
            }
            other => {
                return Err(Error::malformed(format!(
                    "unknown header {other:?}: expected country, org, media, person, agent, title, honorific, \
                     modifier, ignore or description (attribute lines must be indented)"
                )));
            }
        }
        Ok(())
    }

    fn new_actor(
        &mut self,
        name: &str,
        kind: ActorKind,
        terms: Vec<Term>,
        person: Option<Person>,
        line: u32,
    ) -> usize {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let actor = self.layer.actors.len();
        self.layer.actors.push(Actor {
            name: name.clone(),
            kind,
            terms,
            otherwise: None,
            person,
            names: vec![name.clone()],
            origin: self.origin(line),
        });
        self.name(name, DefTarget::Actor { actor, kind: MentionKind::Name }, line);
        actor
    }

    fn attribute(&mut self, line: &str, line_no: u32) -> Result<()> {
        let Some((key, value)) = line.split_once(':') else {
            return Err(Error::malformed(format!("{line:?}: expected an attribute `key: value`")));
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            return Err(Error::malformed(format!("{line:?}: nothing after ':'")));
        }
        match (self.block, key) {
            (Block::None | Block::Closed, _) => {
                return Err(Error::malformed(format!(
                    "attribute {key:?} belongs to no entry: indented lines follow a country, org, media, person or \
                     description header"
                )));
            }
            (
                Block::Country(actor) | Block::Body(actor, _) | Block::Person(actor, _),
                "names" | "aliases",
            ) => {
                for name in names(value)? {
                    self.layer.actors[actor].names.push(name.clone());
                    self.name(name, DefTarget::Actor { actor, kind: MentionKind::Name }, line_no);
                }
            }
            (Block::Country(actor), "demonyms") => {
                for name in names(value)? {
                    self.layer.actors[actor].names.push(name.clone());
                    self.name(name, DefTarget::Actor { actor, kind: MentionKind::Demonym }, line_no);
                }
            }
            (Block::Country(actor), "capitals" | "seats") => {
                let country = self.layer.actors[actor].terms[0].code.clone();
                for item in names(value)? {
                    let (name, code) = match item.split_once('=') {
                        Some((name, explicit)) => {
                            let explicit = code(explicit.trim())?;
                            self.check(&explicit, line_no);
                            (name.trim().to_string(), explicit)
                        }
                        None => (item, country.with_role("GOV")?),
                    };
                    self.name(name, DefTarget::Metonym { code }, line_no);
                }
            }
            (Block::Body(actor, _) | Block::Person(actor, _), "role") => {
                let mut parts = value.split_whitespace();
                let code = code(parts.next().unwrap_or(""))?;
                self.check(&code, line_no);
                let rest: Vec<&str> = parts.collect();
                let (from, until, note) = match rest.first() {
                    Some(range) if range.contains("..") => {
                        let (from, until) = parse_range(range)?;
                        (from, until, rest[1..].join(" "))
                    }
                    _ => (None, None, rest.join(" ")),
                };
                let note = (!note.is_empty()).then_some(note);
                self.layer.actors[actor].terms.push(Term { code, from, until, note });
            }
            (Block::Body(actor, _) | Block::Person(actor, _), "otherwise") => {
                let code = code(value)?;
                self.check(&code, line_no);
                self.layer.actors[actor].otherwise = Some(code);
            }
            (Block::Person(actor, _), "country") => {
                let root = code(value)?;
                if root.as_str().len() != 3 {
                    return Err(Error::malformed(format!("country {value:?}: expected a three-letter code")));
                }
                self.check(&root, line_no);
                if let Some(person) = self.layer.actors[actor].person.as_mut() {
                    person.country = Some(root.as_str().to_string());
                }
            }
            (Block::Person(actor, _), "gender") => {
                let gender = parse_gender(value)?;
                if let Some(person) = self.layer.actors[actor].person.as_mut() {
                    person.gender = gender;
                }
            }
            (Block::Person(actor, _), "surname") => {
                let surname = if value == "-" { value.to_string() } else { names(value)?.remove(0) };
                if let Some(person) = self.layer.actors[actor].person.as_mut() {
                    person.surname = Some(surname);
                }
            }
            (Block::Description(first, end), "when") => {
                let mut roots = Vec::new();
                for prefix in value.split(',').map(str::trim) {
                    let code = code(prefix)?;
                    self.check(&code, line_no);
                    roots.push(code.as_str().to_string());
                }
                for desc in &mut self.layer.descriptions[first..end] {
                    desc.when.clone_from(&roots);
                }
            }
            (block, key) => {
                let entry = match block {
                    Block::Country(..) => "a country (names, demonyms, capitals, seats)",
                    Block::Body(..) => "an org or media entry (names, role, otherwise)",
                    Block::Person(..) => "a person (country, gender, surname, aliases, role, otherwise)",
                    _ => "a description (when)",
                };
                return Err(Error::malformed(format!("unknown attribute {key:?} for {entry}")));
            }
        }
        Ok(())
    }

    /// Finishes the open block: defaults and checks that need the whole entry.
    fn close_block(&mut self) -> Result<()> {
        let block = std::mem::replace(&mut self.block, Block::None);
        match block {
            Block::Body(actor, line) => {
                let entry = &self.layer.actors[actor];
                if entry.terms.is_empty() && entry.otherwise.is_none() {
                    let name = entry.name.clone();
                    return Err(Error::at(
                        &self.file,
                        line,
                        Error::malformed(format!(
                            "{name:?} has no code: give one after the keyword or a role: line"
                        )),
                    ));
                }
                if entry.terms.iter().any(Term::is_dated) && entry.kind == ActorKind::Body {
                    let kind = ActorKind::of_code(&entry.terms[0].code);
                    self.layer.actors[actor].kind = kind;
                }
            }
            Block::Person(actor, line) => {
                let entry = &mut self.layer.actors[actor];
                let name = entry.name.clone();
                let Some(person) = entry.person.as_mut() else { return Ok(()) };
                if person.country.is_none() {
                    person.country = entry.terms.first().map(|t| t.code.root().to_string());
                }
                if entry.otherwise.is_none()
                    && let Some(country) = &person.country
                {
                    entry.otherwise = ActorCode::new(format!("{country}ELI")).ok();
                }
                if entry.terms.is_empty() && entry.otherwise.is_none() {
                    return Err(Error::at(
                        &self.file,
                        line,
                        Error::malformed(format!("person {name:?} has no role: and no country:")),
                    ));
                }
                match person.surname.as_deref() {
                    Some("-") => person.surname = None,
                    Some(_) => {}
                    None => {
                        person.surname =
                            name.rsplit(' ').next().filter(|s| s.len() < name.len()).map(str::to_string);
                    }
                }
                if let Some(surname) = person.surname.clone() {
                    self.name(surname, DefTarget::Surname { actor }, line);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn parse_gender(word: &str) -> Result<Gender> {
    match word {
        "m" | "male" => Ok(Gender::Male),
        "f" | "female" => Ok(Gender::Female),
        "u" | "unknown" => Ok(Gender::Unknown),
        other => Err(Error::malformed(format!("gender {other:?}: expected m, f or unknown"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_need_a_space_before() {
        assert_eq!(strip_comment("a # b"), "a ");
        assert_eq!(strip_comment("# b"), "");
        assert_eq!(strip_comment("C#"), "C#");
    }

    #[test]
    fn a_person_gets_defaults() {
        let layer = parse(
            "p.txt",
            "person: Sergei Lavrov\n  role: RUSGOV 2004-03-09.. foreign minister\n  gender: m\n",
        )
        .unwrap();
        let actor = &layer.actors[0];
        let person = actor.person.as_ref().unwrap();
        assert_eq!(person.country.as_deref(), Some("RUS"));
        assert_eq!(person.surname.as_deref(), Some("Lavrov"));
        assert_eq!(actor.otherwise.as_ref().unwrap().as_str(), "RUSELI");
        assert_eq!(actor.terms[0].note.as_deref(), Some("foreign minister"));
    }
}
