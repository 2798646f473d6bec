//! Actors as the dictionaries define them: countries, organisations, media, people, with
//! their (possibly time-bounded) codes.

use crate::error::{Error, Result};
use faultline_model::ActorCode;
use jiff::civil::Date;
use std::fmt;
use std::sync::Arc;

/// What sort of actor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A country or territory (`RUS`, `TWN`, `HKG`).
    Country,
    /// An intergovernmental organisation (`IGOUNO`, `IGONAT`).
    Igo,
    /// A non-governmental organisation (`NGOIRC`).
    Ngo,
    /// A news agency or outlet (`RUSMED`): never the source or target of a coded event.
    Media,
    /// A person (`Sergei Lavrov`).
    Person,
    /// A state body, party or armed group with a country (`USASPY` for the CIA, `PSEREB`).
    Body,
    /// A company (`MNC...`).
    Business,
}

impl ActorKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Igo => "igo",
            ActorKind::Ngo => "ngo",
            ActorKind::Media => "media",
            ActorKind::Person => "person",
            ActorKind::Body => "body",
            ActorKind::Business => "business",
        }
    }

    /// The kind a code suggests when nothing else says (PETRARCH-2 entries).
    pub(crate) fn of_code(code: &ActorCode) -> ActorKind {
        if is_media_code(code) {
            return ActorKind::Media;
        }
        match code.root() {
            "IGO" => ActorKind::Igo,
            "NGO" | "NGM" => ActorKind::Ngo,
            "MNC" | "BUS" => ActorKind::Business,
            _ if code.as_str().len() == 3 => ActorKind::Country,
            _ => ActorKind::Body,
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a code belongs to a media actor: any of its groups is `MED` (`RUSMED`,
/// `MED`, `HTIOPPMED`).
#[must_use]
pub fn is_media_code(code: &ActorCode) -> bool {
    code.as_str().as_bytes().chunks(3).any(|group| group == b"MED")
}

/// A person's grammatical gender, for pronouns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    #[default]
    Unknown,
}

impl Gender {
    /// Whether a pronoun of gender `pronoun` can refer to someone of this gender.
    pub(crate) fn compatible(self, pronoun: Gender) -> bool {
        self == Gender::Unknown || pronoun == Gender::Unknown || self == pronoun
    }
}

/// A code held during a period: `[from, until)`, either end open.
///
/// `until` is exclusive: the day the term ended, which is usually the successor's first
/// day, so two consecutive terms never overlap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub code: ActorCode,
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// What the term is (`foreign minister`), when the dictionary says.
    pub note: Option<String>,
}

impl Term {
    /// A term with no dates: the code always applies.
    #[must_use]
    pub fn always(code: ActorCode) -> Term {
        Term { code, from: None, until: None, note: None }
    }

    #[must_use]
    pub fn covers(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date < until)
    }

    #[must_use]
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.until.is_some()
    }
}

/// Person details of an actor that is a person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub gender: Gender,
    /// The surname (`Lavrov`; `Xi` for Xi Jinping), used with titles (`Mr Lavrov`) and
    /// alone after a full mention.
    pub surname: Option<String>,
    /// The person's country (`RUS`), also outside their terms.
    pub country: Option<String>,
}

/// Where an entry was defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: u32,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One actor of the dictionary: a country, an organisation, an outlet or a person.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Actor {
    /// Display name (`Russia`, `Sergei Lavrov`, `United Nations`).
    pub name: String,
    pub kind: ActorKind,
    /// The codes it holds, with their periods; the first term that covers a date wins.
    pub terms: Vec<Term>,
    /// The code outside every term (`RUSELI` for a Russian politician out of office);
    /// `None` means the actor is not an actor outside its terms.
    pub otherwise: Option<ActorCode>,
    pub person: Option<Person>,
    /// Every name it is matched by, as the dictionary wrote them.
    pub names: Vec<String>,
    pub origin: Origin,
}

impl Actor {
    /// The code on `date`: the first term covering it, else [`Actor::otherwise`].
    /// Without a date, the term that started last (a person's latest office), else
    /// `otherwise`.
    #[must_use]
    pub fn code_at(&self, date: Option<Date>) -> Option<&ActorCode> {
        match date {
            Some(date) => self
                .terms
                .iter()
                .find(|term| term.covers(date))
                .map(|term| &term.code)
                .or(self.otherwise.as_ref()),
            None => self
                .terms
                .iter()
                .rev()
                .max_by_key(|term| term.from)
                .map(|term| &term.code)
                .or(self.otherwise.as_ref()),
        }
    }

    #[must_use]
    pub fn is_person(&self) -> bool {
        self.person.is_some()
    }

    /// The country root of the actor: its person country, else the root of its first code.
    #[must_use]
    pub fn country_root(&self) -> Option<&str> {
        if let Some(country) = self.person.as_ref().and_then(|p| p.country.as_deref()) {
            return Some(country);
        }
        self.terms.first().map(|term| term.code.root()).or(self.otherwise.as_ref().map(ActorCode::root))
    }

    /// The single undated code of a body (country, organisation, outlet), if it has one.
    #[must_use]
    pub fn fixed_code(&self) -> Option<&ActorCode> {
        match self.terms.as_slice() {
            [term] if !term.is_dated() => Some(&term.code),
            [] => self.otherwise.as_ref(),
            _ => None,
        }
    }
}

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Result<Date> {
    let ok = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    let date = ok.then(|| text.parse::<Date>().ok()).flatten();
    date.ok_or_else(|| Error::BadDate {
        range: text.to_string(),
        reason: "expected a date YYYY-MM-DD".into(),
    })
}

/// Parses a project date range: `2004-03-09..`, `..2025-10-21`, `2024-10-01..2025-10-21`.
pub(crate) fn parse_range(text: &str) -> Result<(Option<Date>, Option<Date>)> {
    let Some((from, until)) = text.split_once("..") else {
        return Err(Error::BadDate {
            range: text.to_string(),
            reason: "expected FROM..UNTIL with either end optional, e.g. 2004-03-09..".into(),
        });
    };
    let wrap = |err: Error| match err {
        Error::BadDate { reason, .. } => Error::BadDate { range: text.to_string(), reason },
        other => other,
    };
    let from = (!from.is_empty()).then(|| parse_date(from)).transpose().map_err(wrap)?;
    let until = (!until.is_empty()).then(|| parse_date(until)).transpose().map_err(wrap)?;
    if let (Some(from), Some(until)) = (from, until)
        && from >= until
    {
        return Err(Error::BadDate {
            range: text.to_string(),
            reason: "the range ends before it starts".into(),
        });
    }
    if from.is_none() && until.is_none() {
        return Err(Error::BadDate {
            range: text.to_string(),
            reason: "a range needs at least one date".into(),
        });
    }
    Ok((from, until))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn term(code: &str, from: Option<Date>, until: Option<Date>) -> Term {
        Term { code: code.parse().unwrap(), from, until, note: None }
    }

    #[test]
    fn ranges_parse() {
        assert_eq!(parse_range("2004-03-09..").unwrap(), (Some(date(2004, 3, 9)), None));
        assert_eq!(parse_range("..2025-10-21").unwrap(), (None, Some(date(2025, 10, 21))));
        for bad in ["2004-03-09", "..", "2025-10-21..2024-10-01", "2025-02-30..", "2025-1-1..", "x..y"] {
            assert!(parse_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_follow_terms() {
        let actor = Actor {
            name: "Shigeru Ishiba".into(),
            kind: ActorKind::Person,
            terms: vec![term("JPNGOV", Some(date(2024, 10, 1)), Some(date(2025, 10, 21)))],
            otherwise: Some("JPNELI".parse().unwrap()),
            person: Some(Person::default()),
            names: vec![],
            origin: Origin { file: "t".into(), line: 1 },
        };
        assert_eq!(actor.code_at(Some(date(2025, 1, 1))).unwrap().as_str(), "JPNGOV");
        assert_eq!(actor.code_at(Some(date(2025, 10, 21))).unwrap().as_str(), "JPNELI");
        assert_eq!(actor.code_at(None).unwrap().as_str(), "JPNGOV");
    }
}
