//! What to select: [`EventFilter`], and how much of it: [`Page`].
//!
//! Every field of a filter is plain data (the HTTP server fills it from query parameters,
//! the CLI from flags). A filter never becomes SQL text: each value is bound as a
//! parameter, and free text is reduced to quoted FTS5 terms first, so no input can change
//! the shape of a query.

use faultline_model::{Plover, QuadClass};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Which events to return. Empty fields do not filter; all given fields must hold.
///
/// Actor codes match by prefix: `RUS` matches `RUS`, `RUSGOV` and `RUSMIL`; `RUSGOV`
/// matches `RUSGOV` and `RUSGOVMIL`. Codes are compared in upper case; a code with
/// characters other than letters and digits matches nothing.
///
/// ```
/// use faultline_store::{EventFilter, ModalityFlag};
/// use faultline_model::Plover;
/// let filter = EventFilter::default()
///     .dyad("RUS", "CHN")
///     .plover(Plover::Support)
///     .with(ModalityFlag::Conditional);
/// assert!(filter.dyad.is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// Either side: source or target code starts with this.
    pub actor: Option<String>,
    /// Source code starts with this.
    pub source: Option<String>,
    /// Target code starts with this.
    pub target: Option<String>,
    /// A pair of actors, directed (`a` acts on `b`) or not (either way round).
    pub dyad: Option<DyadFilter>,
    /// CAMEO code prefix: `19` (a root), `190`, `0312`.
    pub cameo: Option<String>,
    /// CAMEO root, 1 to 20.
    pub cameo_root: Option<u8>,
    pub plover: Option<Plover>,
    pub quad_class: Option<QuadClass>,
    /// Modality conditions that must all hold (`factual`, `conditional`, ...).
    pub modality: Vec<ModalityFlag>,
    /// Modality conditions that must all fail.
    pub not_modality: Vec<ModalityFlag>,
    /// Event date on or after this day.
    pub from: Option<Date>,
    /// Event date on or before this day.
    pub to: Option<Date>,
    /// Full-text search, over the article (title and text) or the evidence sentence.
    pub text: Option<TextQuery>,
    /// Only the events of this article (its id).
    pub article: Option<String>,
}

/// Two actors; see [`EventFilter::dyad`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadFilter {
    pub a: String,
    pub b: String,
    /// True: only `a` acting on `b`. False: either direction.
    #[serde(default)]
    pub directed: bool,
}

/// Free text to search, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuery {
    /// Words, all of which must occur. `"double quotes"` make a phrase, a trailing `*`
    /// a prefix (`sanction*`). Everything else (operators, punctuation) is ignored:
    /// the query is reduced to quoted terms before it reaches FTS5, so it never fails.
    pub query: String,
    #[serde(default)]
    pub scope: TextScope,
}

/// Where a [`TextQuery`] looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextScope {
    /// The article's title and text: events of the matching articles.
    #[default]
    Article,
    /// The evidence sentence of each event.
    Sentence,
}

/// One modality condition of an [`EventFilter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModalityFlag {
    /// Stated as having happened: no condition, not future, hypothetical or negated
    /// ([`Modality::is_factual`](faultline_model::Modality::is_factual)).
    Factual,
    /// Stated by the text itself.
    Asserted,
    /// Reported as someone's statement.
    Reported,
    /// Depends on a condition.
    Conditional,
    Future,
    Hypothetical,
    Negated,
    Habitual,
}

impl ModalityFlag {
    pub const ALL: [ModalityFlag; 8] = [
        ModalityFlag::Factual,
        ModalityFlag::Asserted,
        ModalityFlag::Reported,
        ModalityFlag::Conditional,
        ModalityFlag::Future,
        ModalityFlag::Hypothetical,
        ModalityFlag::Negated,
        ModalityFlag::Habitual,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ModalityFlag::Factual => "factual",
            ModalityFlag::Asserted => "asserted",
            ModalityFlag::Reported => "reported",
            ModalityFlag::Conditional => "conditional",
            ModalityFlag::Future => "future",
            ModalityFlag::Hypothetical => "hypothetical",
            ModalityFlag::Negated => "negated",
            ModalityFlag::Habitual => "habitual",
        }
    }
}

impl FromStr for ModalityFlag {
    type Err = String;
    fn from_str(s: &str) -> Result<ModalityFlag, String> {
        let lower = s.trim().to_ascii_lowercase();
        ModalityFlag::ALL.into_iter().find(|flag| flag.as_str() == lower).ok_or_else(|| {
            let known: Vec<_> = ModalityFlag::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown modality {s:?} (known: {})", known.join(", "))
        })
    }
}

impl fmt::Display for ModalityFlag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Builder-style setters, so that a filter reads as one line.
impl EventFilter {
    #[must_use]
    pub fn actor(mut self, code: impl Into<String>) -> EventFilter {
        self.actor = Some(code.into());
        self
    }

    #[must_use]
    pub fn source(mut self, code: impl Into<String>) -> EventFilter {
        self.source = Some(code.into());
        self
    }

    #[must_use]
    pub fn target(mut self, code: impl Into<String>) -> EventFilter {
        self.target = Some(code.into());
        self
    }

    /// Events between `a` and `b`, either way round.
    #[must_use]
    pub fn dyad(mut self, a: impl Into<String>, b: impl Into<String>) -> EventFilter {
        self.dyad = Some(DyadFilter { a: a.into(), b: b.into(), directed: false });
        self
    }

    /// Events of `a` acting on `b`.
    #[must_use]
    pub fn directed_dyad(mut self, a: impl Into<String>, b: impl Into<String>) -> EventFilter {
        self.dyad = Some(DyadFilter { a: a.into(), b: b.into(), directed: true });
        self
    }

    #[must_use]
    pub fn cameo(mut self, prefix: impl Into<String>) -> EventFilter {
        self.cameo = Some(prefix.into());
        self
    }

    #[must_use]
    pub fn cameo_root(mut self, root: u8) -> EventFilter {
        self.cameo_root = Some(root);
        self
    }

    #[must_use]
    pub fn plover(mut self, plover: Plover) -> EventFilter {
        self.plover = Some(plover);
        self
    }

    #[must_use]
    pub fn quad_class(mut self, quad_class: QuadClass) -> EventFilter {
        self.quad_class = Some(quad_class);
        self
    }

    /// Requires a modality condition.
    #[must_use]
    pub fn with(mut self, flag: ModalityFlag) -> EventFilter {
        self.modality.push(flag);
        self
    }

    /// Excludes a modality condition.
    #[must_use]
    pub fn without(mut self, flag: ModalityFlag) -> EventFilter {
        self.not_modality.push(flag);
        self
    }

    #[must_use]
    pub fn from(mut self, date: Date) -> EventFilter {
        self.from = Some(date);
        self
    }

    #[must_use]
    pub fn to(mut self, date: Date) -> EventFilter {
        self.to = Some(date);
        self
    }

    /// Events dated `from` to `to`, both included.
    #[must_use]
    pub fn between(self, from: Date, to: Date) -> EventFilter {
        self.from(from).to(to)
    }

    /// Events of the articles whose title or text match.
    #[must_use]
    pub fn text(mut self, query: impl Into<String>) -> EventFilter {
        self.text = Some(TextQuery { query: query.into(), scope: TextScope::Article });
        self
    }

    /// Events whose evidence sentence matches.
    #[must_use]
    pub fn sentence_text(mut self, query: impl Into<String>) -> EventFilter {
        self.text = Some(TextQuery { query: query.into(), scope: TextScope::Sentence });
        self
    }

    #[must_use]
    pub fn article(mut self, id: impl Into<String>) -> EventFilter {
        self.article = Some(id.into());
        self
    }
}

/// The most rows one page may hold.
pub const MAX_PAGE: usize = 1000;
/// The page size when none is given.
pub const DEFAULT_PAGE: usize = 50;

/// Event order: by event date, then by the store's event key (insertion order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Oldest first.
    #[default]
    Asc,
    /// Newest first.
    Desc,
}

/// One page of results: at most `limit` rows after the cursor `after`.
///
/// Paging is by key, not by offset: the cursor names the last row of the previous page,
/// so rows stored meanwhile never shift a page or repeat a row (a new event dated before
/// the cursor is simply not in the later pages).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Page {
    /// Rows per page, 1 to [`MAX_PAGE`] (larger values are clamped).
    pub limit: usize,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    pub order: Order,
}

impl Default for Page {
    fn default() -> Page {
        Page { limit: DEFAULT_PAGE, after: None, order: Order::Asc }
    }
}

impl Page {
    /// The first page of `limit` rows, oldest first.
    #[must_use]
    pub fn first(limit: usize) -> Page {
        Page { limit, ..Page::default() }
    }

    /// The page after `cursor`, in the same order.
    #[must_use]
    pub fn after(&self, cursor: impl Into<String>) -> Page {
        Page { after: Some(cursor.into()), ..self.clone() }
    }

    #[must_use]
    pub fn newest_first(mut self) -> Page {
        self.order = Order::Desc;
        self
    }

    /// The limit actually used.
    #[must_use]
    pub fn effective_limit(&self) -> usize {
        self.limit.clamp(1, MAX_PAGE)
    }
}

/// The position of a row in event order: its date and its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub date: Date,
    pub key: i64,
}

impl Cursor {
    pub(crate) fn encode(self) -> String {
        format!("{}~{}", self.date, self.key)
    }

    pub(crate) fn decode(s: &str) -> Option<Cursor> {
        let (date, key) = s.split_once('~')?;
        let date = date.parse::<Date>().ok()?;
        let key = key.parse::<i64>().ok()?;
        Some(Cursor { date, key })
    }
}

/// Reduces free text to an FTS5 query of quoted terms, phrases and prefixes, joined by
/// AND. Returns `None` when nothing searchable is left (the filter then matches nothing).
///
/// Only letters and digits survive inside the quotes, so the result is always a valid
/// FTS5 expression whatever the input (`"`, `--`, `;DROP TABLE`, `NEAR(`, `*`, `:`).
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut in_phrase = false;
    let mut phrase: Vec<String> = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if in_phrase && !phrase.is_empty() {
                parts.push(format!("\"{}\"", phrase.join(" ")));
            }
            phrase.clear();
            in_phrase = !in_phrase;
            continue;
        }
        if !c.is_alphanumeric() {
            continue;
        }
        let mut word = String::from(c);
        while let Some(&next) = chars.peek() {
            if !next.is_alphanumeric() {
                break;
            }
            word.push(next);
            chars.next();
        }
        if in_phrase {
            phrase.push(word);
        } else if chars.peek() == Some(&'*') {
            chars.next();
            parts.push(format!("\"{word}\"*"));
        } else {
            parts.push(format!("\"{word}\""));
        }
    }
    if in_phrase && !phrase.is_empty() {
        parts.push(format!("\"{}\"", phrase.join(" ")));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// An actor code prefix as the filter understands it: trimmed, upper case, letters and
/// digits only. `Ok(None)`: no filter; `Err(())`: matches nothing.
pub(crate) fn actor_prefix(code: &str) -> Result<Option<String>, ()> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    if code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) { Ok(Some(code)) } else { Err(()) }
}

/// The smallest string above every string that starts with `prefix`, for a prefix of
/// ASCII letters and digits (`RUSGOV` -> `RUSGOW`, `03` -> `04`, `9` -> `:`).
pub(crate) fn prefix_upper_bound(prefix: &str) -> String {
    let mut bytes = prefix.as_bytes().to_vec();
    if let Some(last) = bytes.last_mut() {
        *last += 1;
    }
    // ASCII letters and digits plus one are still ASCII.
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_are_quoted_terms() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Taiwan", Some("\"Taiwan\"")),
            ("sanction* Russia", Some("\"sanction\"* \"Russia\"")),
            ("\"Taiwan contingency\" Lavrov", Some("\"Taiwan contingency\" \"Lavrov\"")),
            ("\"unclosed phrase", Some("\"unclosed phrase\"")),
            ("'; DROP TABLE events; --", Some("\"DROP\" \"TABLE\" \"events\"")),
            ("NEAR(a b) OR c:d", Some("\"NEAR\" \"a\" \"b\" \"OR\" \"c\" \"d\"")),
            ("\"\"", None),
            ("--;", None),
            ("", None),
            ("Zürich's", Some("\"Zürich\" \"s\"")),
        ];
        for (input, expected) in cases {
            assert_eq!(fts_query(input).as_deref(), *expected, "{input:?}");
        }
    }

    #[test]
    fn actor_prefixes() {
        assert_eq!(actor_prefix(" rusgov "), Ok(Some("RUSGOV".into())));
        assert_eq!(actor_prefix(""), Ok(None));
        assert_eq!(actor_prefix("RUS'--"), Err(()));
        assert_eq!(prefix_upper_bound("RUSGOV"), "RUSGOW");
        assert_eq!(prefix_upper_bound("039"), "03:");
    }

    #[test]
    fn cursors_round_trip() {
        let cursor = Cursor { date: Date::new(2025, 11, 30).unwrap(), key: 42 };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        for bad in ["", "2025-11-30", "2025-11-30~x", "x~1", "2025-13-01~1"] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn modality_flags_parse() {
        for flag in ModalityFlag::ALL {
            assert_eq!(flag.as_str().parse::<ModalityFlag>(), Ok(flag));
        }
        assert!("maybe".parse::<ModalityFlag>().is_err());
    }
}
