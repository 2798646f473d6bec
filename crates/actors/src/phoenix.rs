//! Reader of the PETRARCH-2 / Phoenix dictionaries as they are: `*.actors.txt` and
//! `*agents.txt` (formats as read by PETRARCH-2's `PETRreader.py`).
//!
//! Actors: a line starts an entry (`VLADIMIR_PUTIN_`), `+` lines add synonyms,
//! `[CODE]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]` give codes
//! (six-digit years 00-30 are 20YY, others 19YY; eight-digit dates are YYYYMMDD; both
//! ends of a range are inclusive), on the entry's line or on indented lines below it.
//! An undated code among dated ones applies outside them. `[---]` marks a phrase that is
//! no actor. `_` joins words; `#` starts a comment.
//!
//! Agents: `PHRASE {PLURAL} [~GOV]` (groups added after the country: `RUS` + `GOV`) or
//! `[NGO~]` (before it); the plural is formed as PETRARCH-2 does unless given in `{}` (an
//! empty `{}` means none); `!MINIST! = MINISTER, MINISTRY` defines a substitution set
//! used as `FOREIGN_!MINIST!`.
//!
//! The reader is tolerant: an odd line is skipped (or read the way PETRARCH-2 reads it)
//! and reported with its file and line in the [`PhoenixReport`]; only a missing
//! directory or unreadable file is an error.

use crate::actor::{Actor, ActorKind, Origin, Person, Term};
use crate::dictionary::fold;
use crate::error::{Error, Result};
use crate::layer::{AgentDef, CaseRule, DefTarget, Layer, NameDef};
use crate::roles::NON_STATE_ROOTS;
use faultline_model::{ActorCode, MentionKind};
use jiff::civil::Date;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A line of a PETRARCH-2 file that was skipped, or read with a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoenixNote {
    pub file: String,
    pub line: u32,
    /// The line (or a code on it) was left out; otherwise it was read as PETRARCH-2 would.
    pub skipped: bool,
    pub message: String,
}

impl std::fmt::Display for PhoenixNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.skipped { "skipped" } else { "note" };
        write!(f, "{}:{}: {what}: {}", self.file, self.line, self.message)
    }
}

/// What loading a PETRARCH-2 directory read, and every line it skipped or doubted.
#[derive(Clone, Debug, Default)]
pub struct PhoenixReport {
    /// Files read, in order.
    pub files: Vec<String>,
    /// Actor entries read (countries, organisations, people).
    pub actors: usize,
    /// Names and synonyms of actors, and phrases marked `[---]`.
    pub names: usize,
    /// Agent phrases, plurals and substitutions included.
    pub agent_phrases: usize,
    /// Names defined twice; the later definition wins, as in PETRARCH-2.
    pub redefined: usize,
    pub notes: Vec<PhoenixNote>,
}

impl PhoenixReport {
    /// Notes about lines left out.
    pub fn skipped(&self) -> impl Iterator<Item = &PhoenixNote> {
        self.notes.iter().filter(|note| note.skipped)
    }
}

/// Reads every `*.actors.txt` and `*agents.txt` in `dir` (sorted by name).
pub(crate) fn load_dir(dir: &Path) -> Result<(Layer, PhoenixReport)> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::path(dir, Error::Io(err)))?;
    let mut actor_files = Vec::new();
    let mut agent_files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| Error::path(dir, Error::Io(err)))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".actors.txt") {
            actor_files.push(entry.path());
        } else if name.ends_with("agents.txt") {
            agent_files.push(entry.path());
        }
    }
    if actor_files.is_empty() && agent_files.is_empty() {
        return Err(Error::path(dir, Error::NoDictionaries));
    }
    actor_files.sort();
    agent_files.sort();
    let mut reader = PhoenixReader::default();
    for (path, is_agents) in
        actor_files.iter().map(|p| (p, false)).chain(agent_files.iter().map(|p| (p, true)))
    {
        let bytes = std::fs::read(path).map_err(|err| Error::path(path, Error::Io(err)))?;
        let file =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                reader.note(&file, 0, false, "not valid UTF-8: read with replacement characters");
                String::from_utf8_lossy(err.as_bytes()).into_owned()
            }
        };
        if is_agents {
            reader.read_agents(&file, &text);
        } else {
            reader.read_actors(&file, &text);
        }
    }
    Ok(reader.finish())
}

/// Reads PETRARCH-2 texts given as strings (`(file name, text, is_agents)`), for tests
/// and for dictionaries that are not on disk.
pub(crate) fn read_texts(texts: &[(&str, &str, bool)]) -> (Layer, PhoenixReport) {
    let mut reader = PhoenixReader::default();
    for (file, text, is_agents) in texts {
        if *is_agents {
            reader.read_agents(file, text);
        } else {
            reader.read_actors(file, text);
        }
    }
    reader.finish()
}

#[derive(Default)]
struct PhoenixReader {
    layer: Layer,
    report: PhoenixReport,
    /// Agent definitions by (groups, prefix), so each distinct code is one agent.
    agents: HashMap<(String, bool), usize>,
    /// What each name (case-folded) was last defined as, to count redefinitions.
    defined: HashMap<String, DefTarget>,
}

/// An entry being read: its names and codes.
struct Pending {
    line: u32,
    names: Vec<(String, u32)>,
    dated: Vec<Term>,
    undated: Vec<ActorCode>,
    blocked: bool,
    /// It had `[...]` groups, even if none of them could be read.
    coded: bool,
}

impl PhoenixReader {
    fn note(&mut self, file: &str, line: u32, skipped: bool, message: impl Into<String>) {
        self.report.notes.push(PhoenixNote {
            file: file.to_string(),
            line,
            skipped,
            message: message.into(),
        });
    }

    fn finish(mut self) -> (Layer, PhoenixReport) {
        self.layer.strict = false;
        self.report.actors = self.layer.actors.len();
        (self.layer, self.report)
    }

    fn read_actors(&mut self, file: &str, text: &str) {
        self.report.files.push(file.to_string());
        let file_arc: Arc<str> = Arc::from(file);
        let mut pending: Option<Pending> = None;
        let mut in_xml_comment = false;
        for (idx, raw) in text.lines().enumerate() {
            let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
            let Some(line) = clean_line(raw, &mut in_xml_comment) else { continue };
            if line.starts_with('[') {
                match pending.as_mut() {
                    Some(entry) => self.read_codes(file, line_no, line, entry),
                    None => self.note(file, line_no, true, "code line before any entry"),
                }
            } else if let Some(synonym) = line.strip_prefix('+') {
                let Some(entry) = pending.as_mut() else {
                    self.note(file, line_no, true, "synonym before any entry");
                    continue;
                };
                let (name, codes) = split_codes(synonym);
                if let Some(name) = self.phoenix_name(file, line_no, name) {
                    entry.names.push((name, line_no));
                }
                if !codes.is_empty() {
                    self.note(file, line_no, false, "codes on a synonym line: read as the entry's codes");
                    self.read_codes(file, line_no, codes, entry);
                }
            } else {
                let mut carried = Vec::new();
                if let Some(done) = pending.take() {
                    if !done.coded && !done.names.is_empty() {
                        // The files often list variants as entries of their own with the
                        // codes after the last one; PETRARCH-2 leaves all but the last
                        // uncoded. They are read as synonyms of the next entry.
                        let first = done.names[0].0.clone();
                        let message =
                            format!("entry {first:?} has no code: read as a synonym of the next entry");
                        self.note(file, done.line, false, message);
                        carried = done.names;
                    } else {
                        self.finish_entry(file, &file_arc, done);
                    }
                }
                let (name, codes) = split_codes(line);
                let mut entry = Pending {
                    line: line_no,
                    names: carried,
                    dated: Vec::new(),
                    undated: Vec::new(),
                    blocked: false,
                    coded: false,
                };
                if let Some(name) = self.phoenix_name(file, line_no, name) {
                    entry.names.push((name, line_no));
                }
                if !codes.is_empty() {
                    self.read_codes(file, line_no, codes, &mut entry);
                }
                pending = Some(entry);
            }
        }
        if let Some(done) = pending.take() {
            self.finish_entry(file, &file_arc, done);
        }
    }

    /// A name as PETRARCH-2 reads it: `_` joins words.
    fn phoenix_name(&mut self, file: &str, line: u32, text: &str) -> Option<String> {
        let name = text.replace('_', " ").split_whitespace().collect::<Vec<_>>().join(" ");
        if name.chars().any(char::is_alphanumeric) {
            if name.contains('+') {
                self.note(file, line, false, format!("'+' inside the name {name:?}: kept as a character"));
            }
            Some(name)
        } else {
            if !name.is_empty() {
                self.note(file, line, true, format!("name {name:?} has no letters or digits"));
            }
            None
        }
    }

    /// Reads every `[...]` group of `text` into the entry.
    fn read_codes(&mut self, file: &str, line: u32, text: &str, entry: &mut Pending) {
        entry.coded = true;
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']') else {
                self.note(file, line, true, format!("unclosed '[' in {text:?}"));
                return;
            };
            let group = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let mut parts = group.split_whitespace();
            let Some(code_text) = parts.next() else {
                self.note(file, line, true, "empty code []");
                continue;
            };
            if code_text == "---" {
                entry.blocked = true;
                continue;
            }
            let Ok(code) = ActorCode::new(code_text) else {
                self.note(file, line, true, format!("invalid code {code_text:?}"));
                continue;
            };
            let dates: String = parts.collect();
            if dates.is_empty() {
                entry.undated.push(code);
                continue;
            }
            match self.phoenix_dates(file, line, &dates) {
                Some((from, until)) => entry.dated.push(Term { code, from, until, note: None }),
                None => continue,
            }
        }
        if !rest.trim().is_empty() {
            self.note(file, line, false, format!("text after the codes ignored: {:?}", rest.trim()));
        }
    }

    /// `>D`, `<D`, `D1-D2`, or a bare `D` (read as a start date), inclusive ends.
    fn phoenix_dates(&mut self, file: &str, line: u32, spec: &str) -> Option<(Option<Date>, Option<Date>)> {
        let next_day = |d: Date| d.tomorrow().ok();
        if let Some(from) = spec.strip_prefix('>') {
            self.phoenix_date(file, line, from).map(|d| (Some(d), None))
        } else if let Some(until) = spec.strip_prefix('<') {
            self.phoenix_date(file, line, until).map(|d| (None, next_day(d)))
        } else if let Some((from, until)) = spec.split_once('-') {
            let from = self.phoenix_date(file, line, from)?;
            let until = self.phoenix_date(file, line, until)?;
            if until < from {
                self.note(file, line, true, format!("date range {spec} ends before it starts"));
                return None;
            }
            Some((Some(from), next_day(until)))
        } else {
            let from = self.phoenix_date(file, line, spec)?;
            self.note(
                file,
                line,
                false,
                format!("date {spec} without '>', '<' or '-': read as a start date"),
            );
            Some((Some(from), None))
        }
    }

    /// `YYMMDD` (00-30 are 20YY) or `YYYYMMDD`; longer or shorter strings are cut as
    /// PETRARCH-2 cuts them, with a note.
    fn phoenix_date(&mut self, file: &str, line: u32, text: &str) -> Option<Date> {
        let digits = text.trim();
        if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            self.note(file, line, true, format!("date {digits:?} is not YYMMDD or YYYYMMDD"));
            return None;
        }
        let num = |range: std::ops::Range<usize>| digits[range].parse::<i16>().ok();
        let (year, month, day) = if digits.len() <= 7 {
            if digits.len() == 7 {
                self.note(
                    file,
                    line,
                    false,
                    format!("date {digits} has 7 digits: read as YYMMDD {}", &digits[..6]),
                );
            }
            let yy = num(0..2)?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, num(2..4)?, num(4..6)?)
        } else {
            if digits.len() > 8 {
                self.note(file, line, false, format!("date {digits} is too long: read as {}", &digits[..8]));
            }
            (num(0..4)?, num(4..6)?, num(6..8)?)
        };
        let month = i8::try_from(month).ok()?;
        let day = i8::try_from(day).ok()?;
        match Date::new(year, month, day) {
            Ok(date) => Some(date),
            Err(_) => {
                self.note(file, line, true, format!("{digits} is not a calendar date"));
                None
            }
        }
    }

    fn finish_entry(&mut self, file: &str, file_arc: &Arc<str>, entry: Pending) {
        if entry.names.is_empty() {
            return;
        }
        let origin = |line| Origin { file: file_arc.clone(), line };
        let has_codes = !entry.dated.is_empty() || !entry.undated.is_empty();
        if !has_codes {
            if entry.blocked {
                for (name, line) in entry.names {
                    self.push_name(name, DefTarget::Ignore, origin(line));
                }
            } else {
                self.note(file, entry.line, true, format!("entry {:?} has no code", entry.names[0].0));
            }
            return;
        }
        let mut undated = entry.undated.into_iter();
        let (terms, otherwise) = if entry.dated.is_empty() {
            (undated.by_ref().take(1).map(Term::always).collect::<Vec<_>>(), None)
        } else {
            // Outside its dated codes, an entry with no undated default is still an actor
            // of its country: {root}ELI, as the project's own people are.
            let root = entry.dated[0].code.root();
            let default = if NON_STATE_ROOTS.contains(&root) {
                None
            } else {
                ActorCode::new(format!("{root}ELI")).ok()
            };
            let otherwise = undated.next().or(default);
            (entry.dated, otherwise)
        };
        let person = terms.iter().any(Term::is_dated).then(|| Person {
            surname: None,
            country: terms.first().map(|t| t.code.root().to_string()),
            ..Person::default()
        });
        let kind = match (&person, terms.first()) {
            (Some(_), _) => ActorKind::Person,
            (None, Some(term)) => ActorKind::of_code(&term.code),
            (None, None) => ActorKind::Body,
        };
        let actor = self.layer.actors.len();
        let names: Vec<String> = entry.names.iter().map(|(name, _)| name.clone()).collect();
        self.layer.actors.push(Actor {
            name: title_case(&names[0]),
            kind,
            terms,
            otherwise,
            person,
            names,
            origin: origin(entry.line),
        });
        for (name, line) in entry.names {
            self.push_name(name, DefTarget::Actor { actor, kind: MentionKind::Name }, origin(line));
        }
    }

    fn push_name(&mut self, text: String, target: DefTarget, origin: Origin) {
        let case = if matches!(target, DefTarget::Agent { .. }) { CaseRule::Any } else { CaseRule::Phoenix };
        self.report.names += usize::from(!matches!(target, DefTarget::Agent { .. }));
        if let Some(previous) = self.defined.insert(fold(&text), target.clone())
            && previous != target
        {
            self.report.redefined += 1;
        }
        self.layer.names.push(NameDef { text, target, case, origin });
    }

    fn read_agents(&mut self, file: &str, text: &str) {
        self.report.files.push(file.to_string());
        let file_arc: Arc<str> = Arc::from(file);
        let mut substitutions: HashMap<String, Vec<String>> = HashMap::new();
        let mut in_xml_comment = false;
        for (idx, raw) in text.lines().enumerate() {
            let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
            let Some(line) = clean_line(raw, &mut in_xml_comment) else { continue };
            if line.contains('!') && line.contains('=') {
                let (marker, list) = line.split_once('=').unwrap_or((line, ""));
                let marker = marker.trim().trim_matches('!');
                if marker.is_empty() || marker.contains('!') {
                    self.note(file, line_no, true, "substitution marker incorrectly defined");
                    continue;
                }
                let items = list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                substitutions.insert(marker.to_string(), items);
                continue;
            }
            let Some(open) = line.find('[') else {
                self.note(file, line_no, true, "agent without a [code]");
                continue;
            };
            let Some(close) = line[open..].find(']') else {
                self.note(file, line_no, true, "unclosed '['");
                continue;
            };
            let code = line[open + 1..open + close].trim();
            let (groups, prefix) = match (code.strip_prefix('~'), code.strip_suffix('~')) {
                (Some(groups), _) => (groups, false),
                (None, Some(groups)) => (groups, true),
                (None, None) => {
                    self.note(file, line_no, true, format!("agent code {code:?} has no '~'"));
                    continue;
                }
            };
            if ActorCode::new(groups).is_err() {
                self.note(file, line_no, true, format!("invalid agent code {code:?}"));
                continue;
            }
            let phrase_part = line[..open].trim();
            let (phrase, plural) = match phrase_part.find('{') {
                Some(brace) => {
                    let Some(end) = phrase_part[brace..].find('}') else {
                        self.note(file, line_no, true, "missing '}'");
                        continue;
                    };
                    let plural = phrase_part[brace + 1..brace + end].trim();
                    (phrase_part[..brace].trim(), (!plural.is_empty()).then(|| plural.to_string()))
                }
                None if phrase_part.contains('!') => (phrase_part, None),
                None => (phrase_part, Some(petrarch_plural(phrase_part))),
            };
            let mut phrases = Vec::new();
            if phrase.contains('!') {
                let mut pieces = phrase.splitn(3, '!');
                let (before, marker, after) = (pieces.next(), pieces.next(), pieces.next());
                let (Some(before), Some(marker), Some(after)) = (before, marker, after) else {
                    self.note(file, line_no, true, "substitution marker syntax incorrect");
                    continue;
                };
                let Some(items) = substitutions.get(marker) else {
                    self.note(file, line_no, true, format!("substitution marker !{marker}! is not defined"));
                    continue;
                };
                phrases.extend(items.iter().map(|item| format!("{before}{item}{after}")));
            } else {
                phrases.push(phrase.to_string());
            }
            phrases.extend(plural);
            let next = self.layer.agents.len();
            let agent = *self.agents.entry((groups.to_string(), prefix)).or_insert(next);
            if agent == next {
                self.layer.agents.push(AgentDef {
                    roles: groups.to_string(),
                    prefix,
                    person: true,
                    capture: false,
                });
            }
            for phrase in phrases {
                let Some(name) = self.phoenix_name(file, line_no, &phrase) else { continue };
                self.report.agent_phrases += 1;
                let origin = Origin { file: file_arc.clone(), line: line_no };
                self.push_name(name, DefTarget::Agent { agent }, origin);
            }
        }
    }
}

/// A line without comments, or `None` if nothing is left.
fn clean_line<'a>(raw: &'a str, in_xml_comment: &mut bool) -> Option<&'a str> {
    let mut line = raw;
    if *in_xml_comment {
        let end = line.find("-->")?;
        *in_xml_comment = false;
        line = &line[end + 3..];
    }
    if line.starts_with('#') {
        return None;
    }
    if let Some(start) = line.find("<!") {
        match line[start..].find("-->") {
            Some(_) => line = &line[..start],
            None => {
                *in_xml_comment = line[start..].starts_with("<!--");
                line = &line[..start];
            }
        }
    }
    if let Some(hash) = line.find('#') {
        line = &line[..hash];
    }
    let line = line.trim();
    (!line.is_empty()).then_some(line)
}

/// Splits `NAME [CODE] [CODE]` into the name and the codes part.
fn split_codes(line: &str) -> (&str, &str) {
    match line.find('[') {
        Some(open) => (&line[..open], &line[open..]),
        None => (line, ""),
    }
}

/// PETRARCH-2's regular plural of an agent: `Y` -> `IES`, `S` -> `SES`, else `S`.
fn petrarch_plural(phrase: &str) -> String {
    if let Some(stem) = phrase.strip_suffix('Y') {
        format!("{stem}IES")
    } else if phrase.ends_with('S') {
        format!("{phrase}ES")
    } else {
        format!("{phrase}S")
    }
}

/// `SERGEY LAVROV` -> `Sergey Lavrov`, for display.
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_read_as_petrarch_reads_them() {
        let mut reader = PhoenixReader::default();
        assert_eq!(reader.phoenix_date("f", 1, "040309"), Some(date(2004, 3, 9)));
        assert_eq!(reader.phoenix_date("f", 1, "510724"), Some(date(1951, 7, 24)));
        assert_eq!(reader.phoenix_date("f", 1, "19411207"), Some(date(1941, 12, 7)));
        assert_eq!(reader.phoenix_date("f", 1, "201005011"), Some(date(2010, 5, 1)));
        assert_eq!(reader.phoenix_date("f", 1, "100231"), None);
        assert_eq!(reader.phoenix_date("f", 1, "12"), None);
        assert_eq!(reader.report.skipped().count(), 2);
    }

    #[test]
    fn plurals_and_titles() {
        assert_eq!(petrarch_plural("MILITARY"), "MILITARIES");
        assert_eq!(petrarch_plural("BOSS"), "BOSSES");
        assert_eq!(petrarch_plural("TROOP"), "TROOPS");
        assert_eq!(title_case("SERGEY V. LAVROV"), "Sergey V. Lavrov");
    }

    #[test]
    fn comments_are_dropped() {
        let mut xml = false;
        assert_eq!(clean_line("KOFI_ANNAN_ # note", &mut xml), Some("KOFI_ANNAN_"));
        assert_eq!(clean_line("# whole line", &mut xml), None);
        assert_eq!(clean_line("<!-- start", &mut xml), None);
        assert!(xml);
        assert_eq!(clean_line("end --> NATO [IGONAT]", &mut xml), Some("NATO [IGONAT]"));
    }
}
