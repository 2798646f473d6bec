//! Body-level metadata: datelines, wire-agency signatures, bylines, photo credits and
//! date lines, found in the text of an article's paragraphs.
//!
//! These are pure functions over one paragraph or line, shared by both extractors: the
//! text extractor calls them on its lines, the HTML extractor on its paragraphs. Every
//! result carries byte ranges into the string it was given (shift them to place them in
//! an article's text), and agency names are normalised through `data/agencies.tsv`
//! (`KYODO NEWS` and `Kyodo` are both `Kyodo News`).
//!
//! ```
//! use faultline_extract::meta;
//! let first = "WASHINGTON (Reuters) - The talks ended without a deal, officials said.";
//! let dateline = meta::find_dateline(first).unwrap();
//! assert_eq!(&first[dateline.place.clone().unwrap()], "WASHINGTON");
//! assert_eq!(dateline.agency.unwrap().name, "Reuters");
//!
//! let last = "“Nothing was agreed,” he said. KYODO NEWS";
//! let signature = meta::find_signature(last).unwrap();
//! assert_eq!(&last[signature.span.clone()], "KYODO NEWS");
//! assert_eq!(&last[..signature.body_end], "“Nothing was agreed,” he said.");
//! assert_eq!(signature.agency.unwrap().name, "Kyodo News");
//!
//! assert_eq!(meta::find_credit("PHOTO: EPA").unwrap().source, "EPA");
//! assert_eq!(meta::agency_name("afp"), Some("Agence France-Presse"));
//! ```

use faultline_model::{Field, Span};
use jiff::civil::Date;
use std::ops::Range;
use std::sync::OnceLock;

static AGENCY_TABLE: &str = include_str!("../data/agencies.tsv");

/// An agency named in the text: its normalised name and where the text names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyMention {
    /// The normalised name (`Kyodo News`).
    pub name: &'static str,
    /// The name as printed (`KYODO NEWS`), a byte range of the input.
    pub span: Range<usize>,
}

/// A dateline opening a story: `TOKYO - `, `WASHINGTON (Reuters) - `,
/// `BEIJING, Dec 28 (Xinhua) -- `, `LONDON: `, `ST. JOSEPH, Mich. (AP) — `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline up to and including its separator and the spaces after it;
    /// the story's first sentence starts at `span.end`.
    pub span: Range<usize>,
    /// The place as printed without region, date or agency (`TOKYO`, `ST. JOSEPH`);
    /// `None` for a bare agency opening such as `(Reuters) - `.
    pub place: Option<Range<usize>>,
    /// The region after the place (`Mich.` in `ST. JOSEPH, Mich.`).
    pub region: Option<Range<usize>>,
    /// A date written in the dateline (`Dec 28`).
    pub date: Option<Range<usize>>,
    /// The agency in the dateline's parenthesis.
    pub agency: Option<AgencyMention>,
}

/// What a signature at the end of a body says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureKind {
    /// The wire agency the story came from (`KYODO NEWS`, `— AP`, `AFP`).
    Agency,
    /// A reporting and editing credit (`(Reporting by Jane Doe; Editing by John Roe)`).
    Credits,
}

/// A signature ending the body: a wire agency's name after the last sentence, or a
/// whole line of agency name or reporting credits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The signature as printed.
    pub span: Range<usize>,
    /// Where the paragraph's own text ends (trailing spaces excluded): 0 when the whole
    /// paragraph is the signature.
    pub body_end: usize,
    pub kind: SignatureKind,
    /// The agency named by the signature, normalised.
    pub agency: Option<AgencyMention>,
}

/// A byline: `By Jane Doe`, `By Jane Doe and John Roe, Reuters`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Byline {
    /// From the first name to the end of the last (`Jane Doe and John Roe`).
    pub span: Range<usize>,
    /// Each author's name.
    pub names: Vec<Range<usize>>,
    /// An agency named after the authors (`Reuters`).
    pub agency: Option<AgencyMention>,
}

/// A photo or image credit: `PHOTO: EPA`, `(AP Photo/Alan Diaz)`, `REUTERS/Jane Doe`,
/// `Image copyright Getty Images`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    /// The credited source as printed (`EPA`, `AP Photo/Alan Diaz`).
    pub span: Range<usize>,
    /// The same text, for convenience.
    pub source: String,
    /// The agency the credit names, normalised (`European Pressphoto Agency`).
    pub agency: Option<&'static str>,
    /// Whether the line is only the credit (`PHOTO: EPA`), not a caption with a credit
    /// in it.
    pub whole_line: bool,
}

/// A line that is mostly a date: `date 2025-12-28 Straitstimes.com header logo`,
/// `Published 2:16 AM EST Nov 20, 2019`, `Nov. 19, 2019 8:03 am ET`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateLine {
    pub date: Date,
    /// The date as printed.
    pub span: Range<usize>,
    /// A web host named on the line (`Straitstimes.com`), as scrapers' header lines do.
    pub site: Option<Range<usize>>,
}

fn agency_entries() -> &'static [(&'static str, &'static str)] {
    static ENTRIES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        AGENCY_TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split_once('\t'))
            .map(|(variant, name)| (variant.trim(), name.trim()))
            .collect()
    })
}

/// The agency table by lowercase variant, sorted for binary search.
fn agency_index() -> &'static [(String, &'static str)] {
    static INDEX: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<(String, &'static str)> =
            agency_entries().iter().map(|&(variant, name)| (variant.to_lowercase(), name)).collect();
        // Stable: the first row of a variant wins.
        index.sort_by(|a, b| a.0.cmp(&b.0));
        index.dedup_by(|later, earlier| later.0 == earlier.0);
        index
    })
}

fn lookup_agency(lower: &str) -> Option<&'static str> {
    let index = agency_index();
    index.binary_search_by(|(variant, _)| variant.as_str().cmp(lower)).ok().map(|at| index[at].1)
}

/// FNV-1a of an ASCII word's lowercase bytes.
fn ascii_lowercase_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Hashes of the last words of every agency variant, lowercase, sorted (`ap`, `news`).
fn agency_last_words() -> &'static [u64] {
    static WORDS: OnceLock<Vec<u64>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<u64> = agency_entries()
            .iter()
            .filter_map(|(variant, _)| variant.rsplit(char::is_whitespace).next())
            .map(|word| ascii_lowercase_hash(trim_decoration(word)))
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

/// Whether a word can end an agency's name (`NEWS`, `Reuters`, `AP`), ignoring case.
fn is_agency_last_word(word: &str) -> bool {
    (2..=16).contains(&word.len())
        && word.is_ascii()
        && agency_last_words().binary_search(&ascii_lowercase_hash(word)).is_ok()
}

/// The normalised name of a wire or photo agency (`KYODO NEWS` → `Kyodo News`), ignoring
/// case, surrounding brackets, dashes and spaces.
#[must_use]
pub fn agency_name(variant: &str) -> Option<&'static str> {
    let trimmed = trim_decoration(variant);
    if trimmed.is_empty() || trimmed.len() > 40 {
        return None;
    }
    let mut buf = [0u8; 40];
    if trimmed.is_ascii() {
        let bytes = &mut buf[..trimmed.len()];
        bytes.copy_from_slice(trimmed.as_bytes());
        bytes.make_ascii_lowercase();
        let key = std::str::from_utf8(bytes).ok()?;
        lookup_agency(key)
    } else {
        lookup_agency(&trimmed.to_lowercase())
    }
}

fn is_decoration(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '—' | '–' | '(' | ')' | '[' | ']' | ',' | ';' | '.' | '/' | '|')
}

fn trim_decoration(s: &str) -> &str {
    s.trim_matches(is_decoration)
}

/// The range of `inner` (a subslice of `outer`) within `outer`.
fn range_in(outer: &str, inner: &str) -> Range<usize> {
    let start = (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize).min(outer.len());
    start..(start + inner.len()).min(outer.len())
}

/// An agency list such as `AFP`, `Reuters and AFP`, `AFP/dpa`: the first agency, or
/// `None` if any part is not an agency.
fn agency_list(outer: &str, text: &str) -> Option<AgencyMention> {
    let trimmed = trim_decoration(text);
    if trimmed.is_empty() || trimmed.len() > 60 {
        return None;
    }
    let mut first = None;
    for part in trimmed.split([',', '/', '&', ';']).flat_map(|p| p.split(" and ")) {
        let part = trim_decoration(part);
        let part = part.strip_prefix("With ").or_else(|| part.strip_prefix("with ")).unwrap_or(part);
        if part.is_empty() {
            continue;
        }
        let name = agency_name(part)?;
        if first.is_none() {
            first = Some(AgencyMention { name, span: range_in(outer, part) });
        }
    }
    first
}

// ------------------------------------------------------------------ datelines

/// Words that open a line in capitals but are not places.
const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "WATCH",
    "VIDEO",
    "PHOTOS",
    "PHOTO",
    "ANALYSIS",
    "OPINION",
    "EDITORIAL",
    "LIVE",
    "NOTE",
    "CORRECTION",
    "FILE",
    "READ",
    "MORE",
    "ALSO",
    "NEW",
    "NEWS",
    "WARNING",
    "SPOILER",
    "Q",
    "A",
    "I",
    "OK",
    "FAQ",
    "RELATED",
    "ADVERTISEMENT",
    "SPONSORED",
    "AP",
    "AFP",
    "EDITOR'S",
    "EDITORS",
    "REVIEW",
    "PREVIEW",
    "RECAP",
    "FACT",
    "CHECK",
    "TL;DR",
    "TLDR",
    "SUMMARY",
];

/// A word in capitals: letters all uppercase (at least one), with `.`, `-`, `'` allowed.
fn is_caps_word(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '.' | '-' | '\'' | '’') {
            return false;
        }
    }
    letters > 0
}

/// A separator after a dateline: dashes or a colon, then spaces. Returns the offset
/// (within `s`) where the story starts.
fn dateline_separator(s: &str, allow_colon: bool) -> Option<usize> {
    let spaces = s.len() - s.trim_start().len();
    let rest = &s[spaces..];
    let sep_len = if rest.starts_with("--") {
        2
    } else if rest.starts_with(['-', '—', '–']) {
        rest.chars().next().map_or(1, char::len_utf8)
    } else if allow_colon && spaces == 0 && rest.starts_with(':') {
        1
    } else {
        return None;
    };
    let after = &rest[sep_len..];
    let gap = after.len() - after.trim_start().len();
    // A colon or dash glued to the next word is a hyphenated word, not a separator.
    if gap == 0 && sep_len == 1 && rest.starts_with(['-', ':']) {
        return None;
    }
    let story = &after[gap..];
    let first = story.chars().next()?;
    (first.is_alphanumeric() || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '[' | '$' | '€' | '£'))
        .then_some(spaces + sep_len + gap)
}

/// A dateline at the start of a story's first paragraph.
///
/// The place must be in capitals (`TOKYO`, `NEW DELHI`, `ST. JOSEPH, Mich.`) and be
/// followed, after an optional region, date and agency parenthesis, by a dash or a colon
/// (`LONDON:`). An agency parenthesis alone also counts (`(Reuters) - `).
#[must_use]
pub fn find_dateline(first_paragraph: &str) -> Option<Dateline> {
    let text = first_paragraph;
    let lead = text.len() - text.trim_start().len();
    let s = &text[lead..];
    if s.starts_with('(') {
        let close = s.find(')')?;
        let agency = agency_list(text, &s[1..close])?;
        let story = dateline_separator(&s[close + 1..], false)?;
        let end = lead + close + 1 + story;
        return Some(Dateline {
            span: lead..end,
            place: None,
            region: None,
            date: None,
            agency: Some(agency),
        });
    }
    // The place: up to five words in capitals.
    let mut pos = 0;
    let mut place_end = 0;
    let mut n_words = 0;
    loop {
        let rest = &s[pos..];
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_len];
        let core = word.trim_end_matches([',', ':']);
        if core.is_empty() || !is_caps_word(core) || n_words >= 5 {
            break;
        }
        n_words += 1;
        place_end = pos + core.len();
        if core.len() < word.len() {
            break;
        }
        let next = &rest[word_len..];
        if !next.starts_with(' ') {
            break;
        }
        pos += word_len + 1;
    }
    if n_words == 0 {
        return None;
    }
    let place = &s[..place_end];
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    // A salutation in capitals opens letters and advice columns, not datelines (`DEAR ABBY:`).
    let salutation = place.split(' ').next().is_some_and(|first| matches!(first, "DEAR" | "HELLO" | "HI"));
    if letters < 2
        || salutation
        || NOT_PLACES.contains(&place)
        || (n_words == 1 && agency_name(place).is_some())
    {
        return None;
    }
    // Colon form: `LONDON: The ...`
    if let Some(story) = dateline_separator(&s[place_end..], true) {
        let end = lead + place_end + story;
        return Some(Dateline {
            span: lead..end,
            place: Some(lead..lead + place_end),
            region: None,
            date: None,
            agency: None,
        });
    }
    // The tail: `, Region`, `, Dec 28`, then `(Agency)`, then the separator, all within
    // a short stretch.
    let tail_limit = floor_char_boundary(s, (place_end + 80).min(s.len()));
    let tail = &s[place_end..tail_limit];
    let mut cursor = 0;
    let mut region = None;
    let mut date = None;
    while tail[cursor..].starts_with(',') {
        let part_start = cursor + 1;
        let part_end =
            tail[part_start..].find([',', '(', '-', '—', '–', ':']).map_or(tail.len(), |e| part_start + e);
        let part = tail[part_start..part_end].trim();
        if part.is_empty() || part.split_whitespace().count() > 4 {
            return None;
        }
        let part_range = range_in(text, part);
        if date.is_none() && parse_date_fragment(part).is_some() {
            date = Some(part_range);
        } else if region.is_none() && part.chars().next().is_some_and(char::is_uppercase) {
            region = Some(part_range);
        } else {
            return None;
        }
        cursor = part_end;
        // A region or date ends before spaces and the next piece.
        let trimmed = tail[cursor..].trim_start();
        cursor = tail.len() - trimmed.len();
        if !trimmed.starts_with(',') {
            // Allow `Mich.` to be followed by a space then `(AP)`.
            break;
        }
    }
    let mut agency = None;
    let after = tail[cursor..].trim_start();
    cursor = tail.len() - after.len();
    if after.starts_with('(') {
        let close = after.find(')')?;
        agency = Some(agency_list(text, &after[1..close])?);
        cursor += close + 1;
    }
    let story = dateline_separator(&tail[cursor..], false)?;
    let end = lead + place_end + cursor + story;
    Some(Dateline { span: lead..end, place: Some(lead..lead + place_end), region, date, agency })
}

fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    if index >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

// ------------------------------------------------------------------ signatures

/// Openings of a reporting-credits line (`(Reporting by ...; Editing by ...)`).
const CREDIT_OPENINGS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "additional reporting from",
    "with reporting by",
    "reported by",
    "editing by",
    "edited by",
    "writing by",
    "written by",
    "compiled by",
    "reporting and writing by",
    "compiled from",
    "with inputs from",
    "inputs from",
];

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Whether a whole line is a reporting-credits line.
fn is_credits_line(line: &str) -> bool {
    if line.len() >= 400 {
        return false;
    }
    let inner = line.trim_start_matches(['(', '[', '-', ' ']);
    let inner = inner.strip_prefix(['—', '–']).map_or(inner, str::trim_start);
    matches!(
        inner.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'r' | b'a' | b'w' | b'e' | b'c' | b'i')
    ) && CREDIT_OPENINGS.iter().any(|opening| starts_with_ignore_case(inner, opening))
}

/// A signature ending the last paragraph of a body (or being all of it): a wire
/// agency's name after the last sentence (`... he said. KYODO NEWS`, `... on Tuesday. —
/// AP`), a line naming only agencies (`AFP`, `(Reuters)`, `With AFP`), or a reporting
/// credits line (`(Reporting by Jane Doe; Editing by John Roe)`).
#[must_use]
pub fn find_signature(last_paragraph: &str) -> Option<Signature> {
    let text = last_paragraph;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let whole = range_in(text, trimmed);
    if is_credits_line(trimmed) {
        let agency = agency_after_credits(text, trimmed);
        return Some(Signature { span: whole, body_end: 0, kind: SignatureKind::Credits, agency });
    }
    // Any agency signature ends with (the last word of) an agency's name: `NEWS`,
    // `Reuters`, `AP`, `(AFP)`. Most lines are rejected here.
    let word_start = trimmed.as_bytes().iter().rposition(|&b| b == b' ' || b == b'\t').map_or(0, |p| p + 1);
    let last_word = trim_decoration(&trimmed[word_start..]);
    if !is_agency_last_word(last_word) {
        return None;
    }
    if trimmed.len() <= 60 {
        if let Some(agency) = agency_list(text, trimmed) {
            return Some(Signature {
                span: whole,
                body_end: 0,
                kind: SignatureKind::Agency,
                agency: Some(agency),
            });
        }
    }
    // A trailing agency after the last sentence or after a dash: the line then ends
    // with the agency's name (or its parenthesis), not with a stop or a quote.
    if trimmed.ends_with(['.', '!', '?', '"', '”', '’', ':', ',', ';', '…']) {
        return None;
    }
    let end = range_in(text, trimmed).end;
    let search_from = floor_char_boundary(text, end.saturating_sub(60));
    let window = &text[search_from..end];
    for (offset, c) in window.char_indices().rev() {
        let cut = search_from + offset;
        let after_char = cut + c.len_utf8();
        let (body_end, tail_start) = match c {
            '.' | '!' | '?' | '”' | '"' | '’' | ')' => (after_char, after_char),
            '—' | '–' | '-' if text[..cut].ends_with(' ') => (text[..cut].trim_end().len(), after_char),
            _ => continue,
        };
        let tail = &text[tail_start..end];
        let tail_trimmed = tail.trim();
        if tail_trimmed.is_empty() {
            // A terminator that ends the paragraph: look further back.
            continue;
        }
        if !tail.starts_with(char::is_whitespace) || body_end == 0 {
            break;
        }
        let Some(agency) = agency_list(text, tail_trimmed) else { break };
        let name_text = &text[agency.span.clone()];
        // A capitalised word after a sentence is a sentence unless it is in capitals, or
        // exactly as the table writes it, or set off by a dash.
        let dashed = matches!(c, '—' | '–' | '-');
        let caps = name_text.chars().all(|ch| !ch.is_lowercase());
        let exact = agency_entries().iter().any(|(variant, _)| *variant == name_text);
        let body = text[..body_end].trim_end();
        if (dashed || caps || exact) && !body.is_empty() {
            return Some(Signature {
                span: range_in(text, tail_trimmed),
                body_end: body.len(),
                kind: SignatureKind::Agency,
                agency: Some(agency),
            });
        }
        // The nearest sentence end decides; do not look further back.
        break;
    }
    None
}

/// `(Reporting by Jane Doe in Tokyo for Reuters)`: an agency named with `for`.
fn agency_after_credits(outer: &str, line: &str) -> Option<AgencyMention> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find(" for ")?;
    let rest = &line[at + 5..];
    let end = rest.find([';', ')', ',']).unwrap_or(rest.len());
    let name = agency_name(&rest[..end])?;
    Some(AgencyMention { name, span: range_in(outer, rest[..end].trim()) })
}

/// Whether a whole line is a signature line (agency only, or reporting credits).
#[must_use]
pub fn is_signature_line(line: &str) -> bool {
    find_signature(line).is_some_and(|s| s.body_end == 0)
}

// ------------------------------------------------------------------ bylines

const BYLINE_OPENINGS: &[&str] = &["by ", "written by ", "words by ", "story by ", "text by "];

/// Particles allowed in lower case inside a name (`Ursula von der Leyen`).
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "binti", "al",
    "el", "y", "dos", "das",
];

fn is_name(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let mut capitalised = 0;
    for word in &words {
        let first = word.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            if word.chars().any(|c| c.is_ascii_digit()) {
                return false;
            }
            capitalised += 1;
        } else if !NAME_PARTICLES.contains(word) {
            return false;
        }
    }
    capitalised >= 1 && !(words.len() == 1 && is_month(words[0]))
}

/// A byline line: `By Jane Doe`, `By JANE DOE`, `By Jane Doe and John Roe, Reuters`,
/// `By Jane Doe | Reuters`.
#[must_use]
pub fn find_byline(line: &str) -> Option<Byline> {
    let text = line;
    let trimmed = text.trim();
    if trimmed.split_whitespace().count() > 16 {
        return None;
    }
    let opening = BYLINE_OPENINGS.iter().find(|o| starts_with_ignore_case(trimmed, o))?;
    let rest = &trimmed[opening.len()..];
    let mut names = Vec::new();
    let mut agency = None;
    for chunk in rest.split([',', '|', ';']) {
        for part in chunk.split(" and ").flat_map(|p| p.split(" & ")) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if let Some(name) = agency_name(part) {
                agency.get_or_insert(AgencyMention { name, span: range_in(text, part) });
                continue;
            }
            if agency.is_some() || !is_name(part) {
                // Anything after the agency, or that is not a name (a role, a date),
                // ends the byline.
                return finish_byline(text, names, agency);
            }
            names.push(range_in(text, part));
        }
    }
    finish_byline(text, names, agency)
}

fn finish_byline(_text: &str, names: Vec<Range<usize>>, agency: Option<AgencyMention>) -> Option<Byline> {
    let first = names.first()?.start;
    let last = names.last()?.end;
    Some(Byline { span: first..last, names, agency })
}

// ------------------------------------------------------------------ credits

const CREDIT_LABELS: &[&str] = &[
    "photo credit:",
    "image credit:",
    "image copyright",
    "image source:",
    "photograph:",
    "photographs:",
    "photo:",
    "photos:",
    "image:",
    "images:",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "foto:",
    "photo by",
    "photos by",
    "photography by",
];

fn credit_from(outer: &str, source: &str, whole_line: bool) -> Option<Credit> {
    let source = source.trim().trim_end_matches(['.', ')', ']', ';', ',']).trim();
    if source.is_empty() || source.len() > 120 {
        return None;
    }
    let head = source.split(['/', ';']).next().unwrap_or(source);
    let head = head.strip_suffix(" Photo").unwrap_or(head);
    let agency = agency_name(head)
        .or_else(|| agency_name(source))
        .or_else(|| source.split(" via ").nth(1).and_then(agency_name));
    Some(Credit { span: range_in(outer, source), source: source.to_owned(), agency, whole_line })
}

/// A photo or image credit on a line: a labelled credit (`PHOTO: EPA`, `Image copyright
/// Getty Images`), a parenthesised one (`(AP Photo/Alan Diaz, File)`, `(AFP)`), an
/// agency/photographer pair (`REUTERS/Brendan McDermid`) or a `©` notice.
#[must_use]
pub fn find_credit(line: &str) -> Option<Credit> {
    let text = line;
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.len() > 1000 {
        return None;
    }
    if let Some(label) = CREDIT_LABELS.iter().find(|label| starts_with_ignore_case(trimmed, label)) {
        let rest = &trimmed[label.len()..];
        if rest.split_whitespace().count() <= 8 {
            return credit_from(text, rest, true);
        }
        return None;
    }
    if let Some(rest) = trimmed.strip_prefix('©') {
        return credit_from(text, rest, rest.split_whitespace().count() <= 6);
    }
    // `(AP Photo/Alan Diaz, File)`, `(Photo: Reuters)`, `(AFP)`
    if let Some(open) = trimmed.rfind('(') {
        let inner_end = trimmed[open..].find(')').map_or(trimmed.len(), |e| open + e);
        let inner = &trimmed[open + 1..inner_end];
        let whole_line = open == 0;
        if let Some(label) = CREDIT_LABELS.iter().find(|label| starts_with_ignore_case(inner, label)) {
            return credit_from(text, &inner[label.len()..], whole_line);
        }
        let head = inner.split('/').next().unwrap_or(inner);
        if inner.contains("Photo") && agency_name(head.trim_end_matches(" Photo")).is_some()
            || (agency_name(inner).is_some() && trimmed[inner_end..].trim_matches([')', '.', ' ']).is_empty())
        {
            return credit_from(text, inner, whole_line);
        }
    }
    // `REUTERS/Brendan McDermid`, `AFP/Getty Images`
    for (at, _) in trimmed.match_indices('/') {
        let before = &trimmed[..at];
        let word_start = before.rfind(char::is_whitespace).map_or(0, |w| w + 1);
        let agency_word = &before[word_start..];
        if agency_word.len() >= 2
            && agency_word.chars().all(|c| c.is_uppercase() || c == '-')
            && agency_name(agency_word).is_some()
        {
            return credit_from(text, &trimmed[word_start..], word_start == 0);
        }
    }
    for suffix in ["Getty Images", "Shutterstock", "AFP via Getty Images"] {
        if trimmed.ends_with(suffix) {
            let start = trimmed.len() - suffix.len();
            let source_start = trimmed[..start]
                .rfind(['.', '(', '|'])
                .map_or(0, |p| p + 1)
                .max(trimmed[..start].rfind("  ").map_or(0, |p| p + 2));
            let source = &trimmed[source_start..];
            let whole = source_start == 0;
            return credit_from(
                text,
                if source.split_whitespace().count() <= 6 { source } else { suffix },
                whole,
            )
            .map(|mut credit| {
                if credit.source.len() > suffix.len() && !whole {
                    credit.span = range_in(text, &trimmed[start..]);
                    suffix.clone_into(&mut credit.source);
                }
                credit
            });
        }
    }
    None
}

// ------------------------------------------------------------------ dates

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1-12) a word names: `December`, `Dec`, `Dec.`, `Sept`.
fn month_of(word: &str) -> Option<i8> {
    let word = word.trim_end_matches([',', '.']);
    if word.len() < 3
        || word.len() > 9
        || !matches!(
            word.as_bytes()[0].to_ascii_lowercase(),
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        )
        || !word.is_ascii()
    {
        return None;
    }
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(word) || (word.len() == 3 && m[..3].eq_ignore_ascii_case(word)))
        .and_then(|i| i8::try_from(i + 1).ok())
}

pub(crate) fn is_month(word: &str) -> bool {
    month_of(word).is_some()
}

fn number(word: &str) -> Option<i16> {
    let word = word.trim_end_matches([',', '.']);
    let word =
        word.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
    if word.is_empty() || word.len() > 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// A day and month without a year (`Dec 28`, `28 December`): (month, day).
fn parse_date_fragment(text: &str) -> Option<(i8, i8)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [m, d] | [m, d, _] if is_month(m) => {
            let day = i8::try_from(number(d)?).ok()?;
            (1..=31).contains(&day).then_some((month_of(m)?, day))
        }
        [d, m] | [d, m, _] if is_month(m) => {
            let day = i8::try_from(number(d)?).ok()?;
            (1..=31).contains(&day).then_some((month_of(m)?, day))
        }
        _ => None,
    }
}

/// An ISO date at the start of `word` (`2025-12-28`, `2019-11-19T12:48:14Z`,
/// `2025/12/28`).
fn iso_date(word: &str) -> Option<Date> {
    let head = word.get(..10)?;
    let bytes = head.as_bytes();
    let sep = bytes[4];
    if !(sep == b'-' || sep == b'/') || bytes[7] != sep {
        return None;
    }
    let digits = |r: Range<usize>| head.get(r).filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
    let year: i16 = digits(0..4)?.parse().ok()?;
    let month: i8 = digits(5..7)?.parse().ok()?;
    let day: i8 = digits(8..10)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// The first full date in a text: ISO, `Month D, YYYY`, `D Month YYYY`,
/// `Mon. D YYYY`. Returns the date and its byte range.
#[must_use]
pub fn find_date(text: &str) -> Option<(Date, Range<usize>)> {
    let words: Vec<(usize, &str)> =
        text.split_whitespace().map(|w| (range_in(text, w).start, w)).take(200).collect();
    for (i, &(start, word)) in words.iter().enumerate() {
        if let Some(date) = iso_date(word) {
            return Some((date, start..start + 10));
        }
        let next = |k: usize| words.get(i + k).map(|&(_, w)| w);
        let end_of = |k: usize| {
            words.get(i + k).map_or(text.len(), |&(s, w)| s + w.trim_end_matches([',', '.']).len())
        };
        if let Some(month) = month_of(word) {
            // Month D, YYYY
            if let (Some(d), Some(y)) = (next(1).and_then(number), next(2).and_then(number)) {
                if let (Ok(day), true) = (i8::try_from(d), y >= 1900) {
                    if let Ok(date) = Date::new(y, month, day) {
                        return Some((date, start..end_of(2)));
                    }
                }
            }
        } else if let Some(d) = number(word) {
            // D Month YYYY
            if let (Some(month), Some(y)) = (next(1).and_then(month_of), next(2).and_then(number)) {
                if let (Ok(day), true) = (i8::try_from(d), y >= 1900) {
                    if let Ok(date) = Date::new(y, month, day) {
                        return Some((date, start..end_of(2)));
                    }
                }
            }
        }
    }
    None
}

/// Words allowed around the date on a date line.
const DATE_LINE_WORDS: &[&str] = &[
    "date",
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "first",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "et",
    "est",
    "edt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "sgt",
    "jst",
    "ist",
    "pst",
    "pdt",
    "header",
    "logo",
    "|",
    "/",
    "-",
    "—",
    "–",
    "·",
    "•",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "hrs",
    "time",
    "by",
];

fn looks_like_host(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']);
    let Some((name, tld)) = word.rsplit_once('.') else { return false };
    !name.is_empty()
        && (2..=6).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// A line that is mostly a date (a dateline header, a "Published ..." line): a full
/// date, at most twelve words, and few words that are not date words.
#[must_use]
pub fn find_date_line(line: &str) -> Option<DateLine> {
    let text = line;
    let n_words = text.split_whitespace().count();
    if n_words == 0 || n_words > 12 {
        return None;
    }
    let (date, span) = find_date(text)?;
    let mut site = None;
    let mut others = 0;
    for word in text.split_whitespace() {
        let range = range_in(text, word);
        if range.start >= span.start && range.end <= span.end + 1 {
            continue;
        }
        let lower = word.to_ascii_lowercase();
        let bare = lower.trim_end_matches([',', ':']);
        if DATE_LINE_WORDS.contains(&bare)
            || bare.bytes().all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        {
            continue;
        }
        if site.is_none() && looks_like_host(word) {
            site = Some(range_in(text, word.trim_end_matches(['.', ','])));
            continue;
        }
        others += 1;
    }
    (others <= 3).then_some(DateLine { date, span, site })
}

/// A span of an article's text from a range relative to one of its blocks.
pub(crate) fn span_in(block: Span, inner: Range<usize>) -> Span {
    let start = block.start as usize + inner.start;
    Span::new(start, start + (inner.end - inner.start))
}

/// Splits a wire signature off the end of the last paragraph (`... he said. KYODO NEWS`):
/// shortens the paragraph and returns the signature's text and agency, with the agency's
/// range relative to the signature. Both extractors call this on their body.
pub(crate) fn split_signature<'a>(paragraphs: &mut [&'a str]) -> Option<(&'a str, Option<AgencyMention>)> {
    let last = paragraphs.last_mut()?;
    let whole: &'a str = last;
    let signature = find_signature(whole)?;
    if signature.body_end == 0 {
        return None;
    }
    let agency = signature.agency.map(|mut mention| {
        let by = signature.span.start;
        mention.span = mention.span.start.saturating_sub(by)..mention.span.end.saturating_sub(by);
        mention
    });
    *last = &whole[..signature.body_end];
    Some((&whole[signature.span.clone()], agency))
}

/// The dateline field and the agency it names, for the first paragraph at `span`.
pub(crate) fn dateline_fields(first_paragraph: &str, span: Span) -> (Option<Field>, Option<Field>) {
    let Some(dateline) = find_dateline(first_paragraph) else { return (None, None) };
    let place = dateline.place.map(|place| Field::at(&first_paragraph[place.clone()], span_in(span, place)));
    let agency = dateline.agency.map(|mention| Field::at(mention.name, span_in(span, mention.span)));
    (place, agency)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each finder's result rendered as one line, so that cases are data.
    fn render_dateline(text: &str) -> String {
        find_dateline(text).map_or_else(
            || "-".to_owned(),
            |d| {
                let part = |r: Option<Range<usize>>| r.map_or("-", |r| &text[r]).to_owned();
                format!(
                    "place={} region={} date={} agency={} | {}",
                    part(d.place),
                    part(d.region),
                    part(d.date),
                    d.agency.map_or("-", |a| a.name),
                    &text[d.span.end..]
                )
            },
        )
    }

    fn render_signature(text: &str) -> String {
        find_signature(text).map_or_else(
            || "-".to_owned(),
            |s| {
                format!(
                    "{:?} {} agency={} | {}",
                    s.kind,
                    &text[s.span],
                    s.agency.map_or("-", |a| a.name),
                    &text[..s.body_end]
                )
            },
        )
    }

    fn render_byline(text: &str) -> String {
        find_byline(text).map_or_else(
            || "-".to_owned(),
            |b| {
                let names: Vec<&str> = b.names.into_iter().map(|r| &text[r]).collect();
                format!("{} agency={}", names.join(" + "), b.agency.map_or("-", |a| a.name))
            },
        )
    }

    fn render_credit(text: &str) -> String {
        find_credit(text).map_or_else(
            || "-".to_owned(),
            |c| {
                assert_eq!(&text[c.span.clone()], c.source);
                format!("{} agency={} whole={}", c.source, c.agency.unwrap_or("-"), c.whole_line)
            },
        )
    }

    fn render_date_line(text: &str) -> String {
        find_date_line(text).map_or_else(
            || "-".to_owned(),
            |d| format!("{} raw={} site={}", d.date, &text[d.span], d.site.map_or("-", |s| &text[s])),
        )
    }

    fn check(render: fn(&str) -> String, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(render(input), *expected, "input: {input}");
        }
    }

    #[test]
    fn datelines() {
        check(
            render_dateline,
            &[
                (
                    "TOKYO - Russia will support China.",
                    "place=TOKYO region=- date=- agency=- | Russia will support China.",
                ),
                ("TOKYO — Russia said.", "place=TOKYO region=- date=- agency=- | Russia said."),
                (
                    "WASHINGTON (Reuters) - The talks ended.",
                    "place=WASHINGTON region=- date=- agency=Reuters | The talks ended.",
                ),
                (
                    "BEIJING, Dec 28 (Xinhua) -- China said.",
                    "place=BEIJING region=- date=Dec 28 agency=Xinhua | China said.",
                ),
                ("LONDON: The UK said.", "place=LONDON region=- date=- agency=- | The UK said."),
                (
                    "NEW DELHI: Their dream ended.",
                    "place=NEW DELHI region=- date=- agency=- | Their dream ended.",
                ),
                (
                    "ST. JOSEPH, Mich. (AP) — Officials said.",
                    "place=ST. JOSEPH region=Mich. date=- agency=Associated Press | Officials said.",
                ),
                (
                    "(Reuters) — The inquiry began.",
                    "place=- region=- date=- agency=Reuters | The inquiry began.",
                ),
                (
                    "SAN FRANCISCO (AP) — Power was cut.",
                    "place=SAN FRANCISCO region=- date=- agency=Associated Press | Power was cut.",
                ),
                (
                    "UNITED NATIONS (AP) — The council met.",
                    "place=UNITED NATIONS region=- date=- agency=Associated Press | The council met.",
                ),
                (
                    "KUALA LUMPUR, Jan 5 (Bernama) -- Malaysia said.",
                    "place=KUALA LUMPUR region=- date=Jan 5 agency=Bernama | Malaysia said.",
                ),
                ("Russia will support China.", "-"),
                ("US President Joe Biden said.", "-"),
                ("UPDATE: The story changed.", "-"),
                ("AFP - no place here.", "-"),
                ("TOKYO-based firms said.", "-"),
                ("NATO", "-"),
                ("", "-"),
                ("COVID-19 cases rose.", "-"),
                ("WASHINGTON (Unknown Wire) - Text.", "-"),
            ],
        );
    }

    #[test]
    fn signatures() {
        check(
            render_signature,
            &[
                (
                    "“Our neighbours should have weighted everything,” he said. KYODO NEWS",
                    "Agency KYODO NEWS agency=Kyodo News | “Our neighbours should have weighted everything,” he said.",
                ),
                (
                    "The talks ended on Tuesday. — AP",
                    "Agency AP agency=Associated Press | The talks ended on Tuesday.",
                ),
                (
                    "The talks ended on Tuesday. REUTERS",
                    "Agency REUTERS agency=Reuters | The talks ended on Tuesday.",
                ),
                (
                    "The talks ended on Tuesday. Bernama",
                    "Agency Bernama agency=Bernama | The talks ended on Tuesday.",
                ),
                (
                    "The talks ended on Tuesday. dpa",
                    "Agency dpa agency=Deutsche Presse-Agentur | The talks ended on Tuesday.",
                ),
                (
                    "The talks ended on Tuesday. (AFP)",
                    "Agency (AFP) agency=Agence France-Presse | The talks ended on Tuesday.",
                ),
                (
                    "The talks ended on Tuesday - Reuters",
                    "Agency Reuters agency=Reuters | The talks ended on Tuesday",
                ),
                ("AFP", "Agency AFP agency=Agence France-Presse | "),
                ("— AP", "Agency — AP agency=Associated Press | "),
                ("With AFP", "Agency With AFP agency=Agence France-Presse | "),
                ("AFP, Reuters", "Agency AFP, Reuters agency=Agence France-Presse | "),
                (
                    "(Reporting by Jane Doe; Editing by John Roe)",
                    "Credits (Reporting by Jane Doe; Editing by John Roe) agency=- | ",
                ),
                (
                    "Reporting by Jane Doe in Tokyo for Reuters; editing by John Roe",
                    "Credits Reporting by Jane Doe in Tokyo for Reuters; editing by John Roe agency=Reuters | ",
                ),
                ("The talks ended on Tuesday.", "-"),
                ("He joined Reuters in 2001 and left.", "-"),
                ("The deal was reported first by Reuters.", "-"),
                ("It went to Tass. The agency said.", "-"),
                (
                    "The minister met Reuters. Reuters",
                    "Agency Reuters agency=Reuters | The minister met Reuters.",
                ),
                ("", "-"),
            ],
        );
    }

    #[test]
    fn bylines() {
        check(
            render_byline,
            &[
                ("By Jane Doe", "Jane Doe agency=-"),
                ("By JANE DOE", "JANE DOE agency=-"),
                ("By Jane Doe and John Roe, Reuters", "Jane Doe + John Roe agency=Reuters"),
                ("By Jane Doe | Reuters", "Jane Doe agency=Reuters"),
                ("Written by Ursula von der Leyen", "Ursula von der Leyen agency=-"),
                ("By Phil Helsel, Nov. 19, 2019", "Phil Helsel agency=-"),
                ("By the way, the talks failed.", "-"),
                ("by", "-"),
                ("Byline", "-"),
            ],
        );
    }

    #[test]
    fn credits() {
        check(
            render_credit,
            &[
                ("PHOTO: EPA", "EPA agency=European Pressphoto Agency whole=true"),
                ("Photo: Reuters", "Reuters agency=Reuters whole=true"),
                ("PHOTO: ST FILE", "ST FILE agency=The Straits Times whole=true"),
                ("Image copyright Getty Images", "Getty Images agency=Getty Images whole=true"),
                ("Image Credit: WeWork", "WeWork agency=- whole=true"),
                (
                    "Workers at the port. (AP Photo/Alan Diaz, File)",
                    "AP Photo/Alan Diaz, File agency=Associated Press whole=false",
                ),
                (
                    "Traders at the exchange, Nov 18, 2019. REUTERS/Brendan McDermid",
                    "REUTERS/Brendan McDermid agency=Reuters whole=false",
                ),
                ("The first global map of Titan. (AFP)", "AFP agency=Agence France-Presse whole=false"),
                ("(AFP)", "AFP agency=Agence France-Presse whole=true"),
                ("© Reuters / David Mercado", "Reuters / David Mercado agency=Reuters whole=true"),
                ("A cyclist rides past. Getty Images", "Getty Images agency=Getty Images whole=false"),
                ("Russia said on Tuesday that it would act.", "-"),
                ("The ratio was 3/4 of the total.", "-"),
            ],
        );
    }

    #[test]
    fn date_lines() {
        check(
            render_date_line,
            &[
                (
                    " date 2025-12-28 Straitstimes.com header logo",
                    "2025-12-28 raw=2025-12-28 site=Straitstimes.com",
                ),
                ("Published 2:16 AM EST Nov 20, 2019", "2019-11-20 raw=Nov 20, 2019 site=-"),
                ("Nov. 19, 2019 8:03 am ET", "2019-11-19 raw=Nov. 19, 2019 site=-"),
                (
                    "Updated on: November 19, 2019 / 10:07 AM / CBS News",
                    "2019-11-19 raw=November 19, 2019 site=-",
                ),
                ("19 November 2019, 09:01 AM", "2019-11-19 raw=19 November 2019 site=-"),
                ("2019-11-19T12:48:14Z", "2019-11-19 raw=2019-11-19 site=-"),
                ("September 10, 2018 | by Catherine", "2018-09-10 raw=September 10, 2018 site=-"),
                (
                    "Russia said on December 28, 2025 that it would support China if a war broke out there.",
                    "-",
                ),
                ("February 30, 2019", "-"),
                ("no date here", "-"),
            ],
        );
    }

    #[test]
    fn agency_names() {
        for (variant, name) in [
            ("KYODO NEWS", Some("Kyodo News")),
            ("Kyodo", Some("Kyodo News")),
            ("(Reuters)", Some("Reuters")),
            ("— AP", Some("Associated Press")),
            ("Xinhua", Some("Xinhua")),
            ("afp", Some("Agence France-Presse")),
            ("The Guardian", None),
            ("", None),
        ] {
            assert_eq!(agency_name(variant), name, "{variant}");
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "(",
            ")",
            "(Reuters",
            "TOKYO",
            "TOKYO -",
            "—",
            "By ",
            "©",
            "PHOTO:",
            "é(ü",
            "A, B, C, D, E, F -",
            "2025-1",
            "Dec 2025",
            "日本 - 東京",
        ] {
            let _ = render_dateline(text);
            let _ = render_signature(text);
            let _ = render_byline(text);
            let _ = render_credit(text);
            let _ = render_date_line(text);
        }
    }
}
