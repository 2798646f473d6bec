//! The CAMEO role and sector groups the project knows, with labels, and the check of a
//! code against declared countries.

use crate::error::{Error, Result};
use faultline_model::ActorCode;
use std::collections::HashSet;

/// Role and sector groups that may follow a country (`RUS` + `GOV`), with labels.
pub const SECTORS: &[(&str, &str)] = &[
    ("GOV", "government"),
    ("MIL", "military"),
    ("LEG", "legislature"),
    ("JUD", "judiciary"),
    ("COP", "police"),
    ("SPY", "intelligence"),
    ("REB", "rebels"),
    ("INS", "insurgents"),
    ("SEP", "separatists"),
    ("OPP", "opposition"),
    ("PTY", "political party"),
    ("MED", "media"),
    ("BUS", "business"),
    ("CVL", "civilians"),
    ("ELI", "elites"),
    ("EDU", "education"),
    ("HLH", "health"),
    ("HRI", "human rights"),
    ("LAB", "labour"),
    ("AGR", "agriculture"),
    ("ENV", "environment"),
    ("REF", "refugees"),
    ("REL", "religious"),
    ("DEV", "development"),
    ("CRM", "criminals"),
    ("UAF", "unaffiliated armed forces"),
    ("MOD", "moderates"),
    ("RAD", "radicals"),
    ("SET", "settlers"),
    ("IGO", "intergovernmental"),
    ("NGO", "non-governmental"),
    ("NGM", "non-governmental movement"),
    ("MNC", "multinational company"),
    ("IMG", "international militarised group"),
    ("UIS", "unidentified state actor"),
    ("CHR", "Christian"),
    ("MUS", "Muslim"),
    ("JEW", "Jewish"),
    ("HIN", "Hindu"),
    ("BUD", "Buddhist"),
];

/// Roots that are not countries (from the model's list).
pub const NON_STATE_ROOTS: &[&str] = &["IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "REB", "CVL", "BUS", "MED"];

/// The label of a sector group (`MIL` -> `military`).
#[must_use]
pub fn sector_label(group: &str) -> Option<&'static str> {
    SECTORS.iter().find(|(code, _)| *code == group).map(|(_, label)| *label)
}

/// Checks the role groups of an agent (`GOV`, `GOVMIL`): each a known sector.
pub(crate) fn check_groups(groups: &str) -> Result<()> {
    let ok_shape =
        !groups.is_empty() && groups.len() % 3 == 0 && groups.bytes().all(|b| b.is_ascii_uppercase());
    if !ok_shape {
        return Err(Error::UnknownCode {
            code: groups.to_string(),
            reason: "role groups are three uppercase letters each (GOV, GOVMIL)".into(),
        });
    }
    for group in groups.as_bytes().chunks(3) {
        let group = std::str::from_utf8(group).unwrap_or("");
        if sector_label(group).is_none() {
            return Err(Error::UnknownCode {
                code: groups.to_string(),
                reason: format!("{group} is not a known role"),
            });
        }
    }
    Ok(())
}

/// Checks a code of the project's dictionaries: its root is a declared country or a
/// non-state root; after a country, the first role is a known sector (later groups are
/// free, for organisation identifiers such as `PSEREBHMS`).
pub(crate) fn check_code(code: &ActorCode, countries: &HashSet<&str>) -> Result<()> {
    let root = code.root();
    if NON_STATE_ROOTS.contains(&root) {
        return Ok(());
    }
    if !countries.contains(root) {
        return Err(Error::UnknownCode {
            code: code.to_string(),
            reason: format!("{root} is neither a declared country nor one of {}", NON_STATE_ROOTS.join(", ")),
        });
    }
    if let Some(role) = code.primary_role()
        && sector_label(role).is_none()
    {
        return Err(Error::UnknownCode {
            code: code.to_string(),
            reason: format!("{role} is not a known role"),
        });
    }
    Ok(())
}
