//! The CAMEO table: every CAMEO event code with its label, Goldstein weight, QuadClass
//! and PLOVER type, mode and context, read from `dictionaries/cameo/cameo.txt`.

use crate::error::{Problems, Result};
use faultline_model::{CameoCode, Plover, QuadClass};
use rustc_hash::FxHashMap;
use std::str::FromStr;
use std::sync::OnceLock;

/// The name the built-in table is known by in evidence and errors.
pub const BUILTIN_CAMEO_NAME: &str = "cameo/cameo.txt";

const BUILTIN_CAMEO_TEXT: &str = include_str!("../../../dictionaries/cameo/cameo.txt");

/// One CAMEO code and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoEntry {
    pub code: CameoCode,
    /// The Goldstein weight, -10 (most conflictual) to +10 (most cooperative).
    pub goldstein: f32,
    pub quad_class: QuadClass,
    /// The PLOVER type; `None` for roots 01 and 02.
    pub plover: Option<Plover>,
    /// The PLOVER mode, empty when none.
    pub mode: String,
    /// PLOVER contexts.
    pub context: Vec<String>,
    pub label: String,
    /// The line of the table that defines it.
    pub line: usize,
}

/// The versioned table of CAMEO codes.
#[derive(Clone, Debug)]
pub struct CameoTable {
    name: String,
    version: String,
    entries: Vec<CameoEntry>,
    index: FxHashMap<String, usize>,
}

impl CameoTable {
    /// The table shipped with faultline (`dictionaries/cameo/cameo.txt`).
    ///
    /// # Panics
    /// Never in a released build: the built-in table is checked by the crate's tests.
    #[must_use]
    pub fn builtin() -> &'static CameoTable {
        static TABLE: OnceLock<CameoTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            CameoTable::parse(BUILTIN_CAMEO_NAME, BUILTIN_CAMEO_TEXT)
                .unwrap_or_else(|err| panic!("the built-in CAMEO table is invalid: {err}"))
        })
    }

    /// The built-in table's text, for hashing into the dictionary version.
    #[must_use]
    pub fn builtin_text() -> &'static str {
        BUILTIN_CAMEO_TEXT
    }

    /// Parses a table in the format of `dictionaries/cameo/cameo.txt`: a `version` line,
    /// then rows `code | goldstein | quad | plover | mode | context | label`.
    pub fn parse(name: &str, text: &str) -> Result<CameoTable> {
        let mut problems = Problems::default();
        let mut version = String::new();
        let mut entries: Vec<CameoEntry> = Vec::new();
        let mut index = FxHashMap::default();
        for (line_idx, raw) in text.lines().enumerate() {
            let line_no = line_idx + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("version") {
                version = rest.trim().to_string();
                continue;
            }
            match parse_row(line, line_no) {
                Ok(entry) => {
                    if index.insert(entry.code.as_str().to_string(), entries.len()).is_some() {
                        problems.push(name, line_no, format!("code {} is defined twice", entry.code));
                    }
                    entries.push(entry);
                }
                Err(message) => problems.push(name, line_no, message),
            }
        }
        if version.is_empty() {
            problems.push(name, 0, "no `version` line");
        }
        for entry in &entries {
            let code = entry.code.as_str();
            if code.len() > 2 && !index.contains_key(&code[..code.len() - 1]) {
                problems.push(
                    name,
                    entry.line,
                    format!("code {code} has no parent {}", &code[..code.len() - 1]),
                );
            }
        }
        problems.into_result(CameoTable { name: name.to_string(), version, entries, index })
    }

    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The table's version (`2025.1`).
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    #[must_use]
    pub fn get(&self, code: &str) -> Option<&CameoEntry> {
        self.index.get(code).map(|&i| &self.entries[i])
    }

    /// The entry for a code, or for its nearest ancestor in the table.
    #[must_use]
    pub fn lookup(&self, code: &str) -> Option<&CameoEntry> {
        (2..=code.len()).rev().find_map(|len| code.get(..len).and_then(|prefix| self.get(prefix)))
    }

    #[must_use]
    pub fn entries(&self) -> &[CameoEntry] {
        &self.entries
    }
}

fn parse_row(line: &str, line_no: usize) -> std::result::Result<CameoEntry, String> {
    let cols: Vec<&str> = line.split('|').map(str::trim).collect();
    if cols.len() != 7 {
        return Err(format!("expected 7 columns separated by `|`, found {}", cols.len()));
    }
    let code = CameoCode::new(cols[0]).map_err(|err| err.to_string())?;
    let goldstein: f32 =
        cols[1].parse().map_err(|_| format!("Goldstein weight {:?} is not a number", cols[1]))?;
    if !(-10.0..=10.0).contains(&goldstein) {
        return Err(format!("Goldstein weight {goldstein} is outside -10 to 10"));
    }
    let quad: u8 = cols[2].parse().map_err(|_| format!("QuadClass {:?} is not 1 to 4", cols[2]))?;
    let quad_class = QuadClass::try_from(quad).map_err(|err| err.to_string())?;
    if quad_class != code.quad_class() {
        return Err(format!(
            "QuadClass {quad} does not match root {} (expected {})",
            code.root_code(),
            u8::from(code.quad_class())
        ));
    }
    let plover = if cols[3].is_empty() {
        None
    } else {
        Some(Plover::from_str(cols[3]).map_err(|err| err.to_string())?)
    };
    if plover.is_some() == (code.root() <= 2) {
        return Err(if code.root() <= 2 {
            format!("roots 01 and 02 have no PLOVER type, found {}", cols[3])
        } else {
            "missing PLOVER type".to_string()
        });
    }
    let context = cols[5].split(',').map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect();
    if cols[6].is_empty() {
        return Err("missing label".to_string());
    }
    Ok(CameoEntry {
        code,
        goldstein,
        quad_class,
        plover,
        mode: cols[4].to_string(),
        context,
        label: cols[6].to_string(),
        line: line_no,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_complete() {
        let table = CameoTable::builtin();
        assert_eq!(table.entries().len(), 315);
        for root in 1..=20 {
            let code = format!("{root:02}");
            assert!(table.get(&code).is_some(), "root {code}");
        }
        let e = table.get("0312").unwrap();
        assert_eq!(e.plover, Some(Plover::Agree));
        assert_eq!(e.context, ["military"]);
        assert!((e.goldstein - 5.2).abs() < 1e-6);
        assert_eq!(table.get("020").unwrap().plover, None);
        assert_eq!(table.lookup("0399").unwrap().code.as_str(), "039");
    }

    #[test]
    fn bad_rows_name_their_line() {
        let text = "version 1\n01 | 0 | 1 | | | | x\n0312 | 5.2 | 2 | AGREE | | | y\n0901 | -2 | 3 | ACCUSE | | | z\n";
        let err = CameoTable::parse("t.txt", text).unwrap_err();
        let problems = err.problems();
        assert!(problems.iter().any(|p| p.line == 3 && p.message.contains("QuadClass")), "{err}");
        assert!(problems.iter().any(|p| p.line == 4 && p.message.contains("parent")), "{err}");
    }
}
