//! Validated codes: actor codes, CAMEO event codes, PLOVER types, QuadClass.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A code that failed validation.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CodeError {
    #[error("actor code {0:?}: expected 3 to 24 uppercase letters or digits, in groups of three")]
    Actor(String),
    #[error("CAMEO code {0:?}: expected 2 to 4 digits with a root from 01 to 20")]
    Cameo(String),
    #[error("unknown PLOVER event type {0:?}")]
    Plover(String),
    #[error("QuadClass {0}: expected 1 to 4")]
    QuadClass(u8),
}

/// A CAMEO-style actor code: groups of three uppercase characters, the first usually an
/// ISO 3166 alpha-3 country (`RUS`), then roles (`GOV`, `MIL`, ...): `RUSGOV`, `JPNMIL`,
/// `IGOUNO`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ActorCode(String);

/// First groups that are not countries.
const NON_STATE_ROOTS: &[&str] = &["IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "REB", "CVL", "BUS", "MED"];

impl ActorCode {
    /// Validates and wraps a code.
    pub fn new(code: impl Into<String>) -> Result<ActorCode, CodeError> {
        let code = code.into();
        let ok = (3..=24).contains(&code.len())
            && code.len() % 3 == 0
            && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok { Ok(ActorCode(code)) } else { Err(CodeError::Actor(code)) }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first group (`RUS` for `RUSGOV`, `IGO` for `IGOUNO`).
    #[must_use]
    pub fn root(&self) -> &str {
        &self.0[..3]
    }

    /// The country, when the first group is a country code.
    #[must_use]
    pub fn country(&self) -> Option<&str> {
        let root = self.root();
        (!NON_STATE_ROOTS.contains(&root)).then_some(root)
    }

    /// The groups after the first (`["GOV"]` for `RUSGOV`).
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.0.as_bytes()[3..].chunks(3).filter_map(|chunk| std::str::from_utf8(chunk).ok())
    }

    /// The first role, if any: the actor's sector (`GOV` for `RUSGOV`).
    #[must_use]
    pub fn primary_role(&self) -> Option<&str> {
        self.roles().next()
    }

    /// This code with a role appended (`RUS` + `GOV` = `RUSGOV`).
    pub fn with_role(&self, role: &str) -> Result<ActorCode, CodeError> {
        ActorCode::new(format!("{}{role}", self.0))
    }
}

impl TryFrom<String> for ActorCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<ActorCode, CodeError> {
        ActorCode::new(s)
    }
}

impl From<ActorCode> for String {
    fn from(c: ActorCode) -> String {
        c.0
    }
}

impl FromStr for ActorCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<ActorCode, CodeError> {
        ActorCode::new(s)
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A CAMEO event code: `03` (a root), `031`, `0312`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CameoCode(String);

impl CameoCode {
    pub fn new(code: impl Into<String>) -> Result<CameoCode, CodeError> {
        let code = code.into();
        let ok = (2..=4).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_digit())
            && code[..2].parse::<u8>().is_ok_and(|root| (1..=20).contains(&root));
        if ok { Ok(CameoCode(code)) } else { Err(CodeError::Cameo(code)) }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The root, 1 to 20.
    #[must_use]
    pub fn root(&self) -> u8 {
        // validated in `new`
        self.0[..2].parse().unwrap_or(1)
    }

    /// The two-digit root code (`03`).
    #[must_use]
    pub fn root_code(&self) -> &str {
        &self.0[..2]
    }

    /// The QuadClass of this code's root.
    #[must_use]
    pub fn quad_class(&self) -> QuadClass {
        QuadClass::of_root(self.root())
    }
}

impl TryFrom<String> for CameoCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<CameoCode, CodeError> {
        CameoCode::new(s)
    }
}

impl From<CameoCode> for String {
    fn from(c: CameoCode) -> String {
        c.0
    }
}

impl FromStr for CameoCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<CameoCode, CodeError> {
        CameoCode::new(s)
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// PLOVER event types (PLOVER 2021, as mapped from CAMEO). CAMEO roots 01 and 02 have no
/// PLOVER type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Plover {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Mobilize,
    Sanction,
    Coerce,
    Assault,
}

impl Plover {
    pub const ALL: [Plover; 16] = [
        Plover::Agree,
        Plover::Consult,
        Plover::Support,
        Plover::Concede,
        Plover::Cooperate,
        Plover::Aid,
        Plover::Retreat,
        Plover::Request,
        Plover::Accuse,
        Plover::Reject,
        Plover::Threaten,
        Plover::Protest,
        Plover::Mobilize,
        Plover::Sanction,
        Plover::Coerce,
        Plover::Assault,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Plover::Agree => "AGREE",
            Plover::Consult => "CONSULT",
            Plover::Support => "SUPPORT",
            Plover::Concede => "CONCEDE",
            Plover::Cooperate => "COOPERATE",
            Plover::Aid => "AID",
            Plover::Retreat => "RETREAT",
            Plover::Request => "REQUEST",
            Plover::Accuse => "ACCUSE",
            Plover::Reject => "REJECT",
            Plover::Threaten => "THREATEN",
            Plover::Protest => "PROTEST",
            Plover::Mobilize => "MOBILIZE",
            Plover::Sanction => "SANCTION",
            Plover::Coerce => "COERCE",
            Plover::Assault => "ASSAULT",
        }
    }
}

impl FromStr for Plover {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Plover, CodeError> {
        let upper = s.trim().to_ascii_uppercase();
        Plover::ALL.into_iter().find(|p| p.as_str() == upper).ok_or_else(|| CodeError::Plover(s.to_string()))
    }
}

impl fmt::Display for Plover {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The four GDELT QuadClasses: 1 verbal cooperation (CAMEO 01-05), 2 material
/// cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl QuadClass {
    /// The QuadClass of a CAMEO root (1 to 20).
    #[must_use]
    pub fn of_root(root: u8) -> QuadClass {
        match root {
            0..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }

    #[must_use]
    pub fn is_conflict(self) -> bool {
        matches!(self, QuadClass::VerbalConflict | QuadClass::MaterialConflict)
    }
}

impl TryFrom<u8> for QuadClass {
    type Error = CodeError;
    fn try_from(n: u8) -> Result<QuadClass, CodeError> {
        match n {
            1 => Ok(QuadClass::VerbalCooperation),
            2 => Ok(QuadClass::MaterialCooperation),
            3 => Ok(QuadClass::VerbalConflict),
            4 => Ok(QuadClass::MaterialConflict),
            _ => Err(CodeError::QuadClass(n)),
        }
    }
}

impl From<QuadClass> for u8 {
    fn from(q: QuadClass) -> u8 {
        q as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_validate() {
        let code = ActorCode::new("RUSGOV").unwrap();
        assert_eq!(code.country(), Some("RUS"));
        assert_eq!(code.roles().collect::<Vec<_>>(), ["GOV"]);
        assert_eq!(ActorCode::new("IGOUNO").unwrap().country(), None);
        for bad in ["", "RU", "rusgov", "RUSG", "RUS GOV"] {
            assert!(ActorCode::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cameo_codes_validate() {
        assert_eq!(CameoCode::new("0312").unwrap().root(), 3);
        assert_eq!(CameoCode::new("138").unwrap().quad_class(), QuadClass::VerbalConflict);
        assert_eq!(CameoCode::new("20").unwrap().quad_class(), QuadClass::MaterialConflict);
        for bad in ["", "1", "00", "21", "03125", "0a1"] {
            assert!(CameoCode::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plover_round_trips() {
        for p in Plover::ALL {
            assert_eq!(p.as_str().parse::<Plover>().unwrap(), p);
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
        }
    }
}
