//! The Times layer: time expressions in news English, resolved against the reference
//! (article) date.
//!
//! Dates: `Dec 28`, `Dec. 28`, `December 28th`, `28 December`, `the 28th of December`,
//! with or without a year (without one, the nearest occurrence not after the reference
//! date), `2025-12-28`, `Friday, January 4, 2019`. Months: `in November` (the most
//! recent November not after the reference month), `November 2024`, `early November`,
//! `mid-November`, `last/this/next November`. Years: `in 2019`, `since 1949`,
//! `by 2030`, `mid-2020`. Relative: `yesterday`, `today`, `tomorrow`, `tonight`,
//! `last night`, `this morning`, `last/this/next week|month|year`, `earlier this year`,
//! `two weeks ago`, weekdays (`on Monday`: the most recent Monday on or before the
//! reference date; `last Monday`: strictly before; `next Monday`: strictly after).
//!
//! A yearless date, a bare month or a bare weekday right after a word announcing the
//! future in the same clause (`will meet on Monday`, `is due out in May`, `scheduled
//! for Dec 30`) resolves to the nearest occurrence on or after the reference date.
//!
//! Bare month names need a cue (`in`, `on`, `since`, `by`, `last`, `early`, ..., a day
//! number or a year) and a capital, so the modal `may` and the verb `march` are not
//! months. Expressions never cross sentences. Without a reference date only
//! expressions that carry their own year are resolved.

use crate::Doc;
use crate::doc::{TokenFlags, TokenKind};
use crate::lexicon::{self, TimeUnit, TimeWord};
use crate::pipeline::{Annotator, Layer, Layers};
use faultline_model::{EventDate, Precision, Span};
use jiff::civil::Date;

/// How a time expression relates to what it dates, from its preposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum TimeRelation {
    /// `in November`, `on Monday`, or no preposition.
    #[default]
    At,
    /// `since 1949`.
    Since,
    /// `from 2019`.
    From,
    /// `until`, `till`, `through`.
    Until,
    /// `by 2030`.
    By,
    /// `before Monday`.
    Before,
    /// `after Monday`.
    After,
}

/// A time expression: where it is, the date it resolves to and how precisely.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeExpr {
    /// The whole expression, with its preposition (`on Dec 28`, `in November`).
    pub span: Span,
    /// Index of the first token.
    pub first_token: u32,
    /// Index one past the last token.
    pub end_token: u32,
    /// Index of the sentence.
    pub sentence: u32,
    /// The day, or the first day of the week (a Monday), month or year.
    pub date: Date,
    pub precision: Precision,
    pub relation: TimeRelation,
    /// Whether the date depends on the reference date (`last week`, `Dec 28` without
    /// a year) rather than being fully written out (`Dec 28, 2025`, `in 2019`).
    pub relative: bool,
}

impl TimeExpr {
    /// The expression as an event date, with its span.
    #[must_use]
    pub fn event_date(&self) -> EventDate {
        EventDate { date: self.date, precision: self.precision, span: Some(self.span) }
    }
}

/// The Times layer (see the module documentation).
#[derive(Clone, Copy, Debug, Default)]
pub struct TimeTagger;

impl Annotator for TimeTagger {
    fn name(&self) -> &'static str {
        "times"
    }

    fn requires(&self) -> Layers {
        Layers::of(&[Layer::Tokens, Layer::Sentences])
    }

    fn assigns(&self) -> Layers {
        Layer::Times.into()
    }

    fn annotate(&self, doc: &mut Doc) {
        let mut times = std::mem::take(&mut doc.times);
        times.clear();
        for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
            let matcher =
                Matcher { doc, start: sentence.first_token as usize, end: sentence.end_token as usize };
            let mut i = matcher.start;
            while i < matcher.end {
                // Every expression starts with a number, a lexicon word (a time word), or a
                // word with a hyphen or digits (`mid-November`, `28th`).
                let token = &doc.tokens[i];
                let may_start = match token.kind {
                    TokenKind::Number => true,
                    TokenKind::Word => {
                        token.entry != 0
                            || token.flags.contains(TokenFlags::HYPHENATED)
                            || token.flags.contains(TokenFlags::HAS_DIGIT)
                    }
                    _ => false,
                };
                if !may_start {
                    i += 1;
                    continue;
                }
                let Some(mut found) = matcher.match_at(i) else {
                    i += 1;
                    continue;
                };
                if let (Some(anchor), Some(reference)) = (found.anchor, doc.reference_date) {
                    if matcher.future_cue(i) {
                        found.date = anchor.forward(reference).unwrap_or(found.date);
                    }
                }
                let span = Span { start: doc.tokens[i].span.start, end: doc.tokens[found.end - 1].span.end };
                times.push(TimeExpr {
                    span,
                    first_token: i as u32,
                    end_token: found.end as u32,
                    sentence: sentence_index as u32,
                    date: found.date,
                    precision: found.precision,
                    relation: found.relation,
                    relative: found.relative,
                });
                i = found.end;
            }
        }
        doc.times = times;
    }
}

struct Found {
    end: usize,
    date: Date,
    precision: Precision,
    relation: TimeRelation,
    relative: bool,
    /// What a yearless or weekday expression named, to resolve it forward instead.
    anchor: Option<Anchor>,
}

/// A date named without its year or week, resolved backwards by default.
#[derive(Clone, Copy)]
enum Anchor {
    Day(i8, i8),
    Month(i8),
    Weekday(i8),
}

impl Anchor {
    /// The nearest occurrence on or after the reference date.
    fn forward(self, reference: Date) -> Option<Date> {
        match self {
            Anchor::Day(month, day) => {
                let earlier = (month, day) < (reference.month(), reference.day());
                let year = if earlier { reference.year().checked_add(1)? } else { reference.year() };
                Date::new(year, month, day).ok()
            }
            Anchor::Month(month) => {
                let earlier = month < reference.month();
                let year = if earlier { reference.year().checked_add(1)? } else { reference.year() };
                Date::new(year, month, 1).ok()
            }
            Anchor::Weekday(weekday) => {
                let today = reference.weekday().to_monday_zero_offset();
                add_days(reference, i64::from((weekday - today).rem_euclid(7)))
            }
        }
    }
}

struct Matcher<'d> {
    doc: &'d Doc,
    start: usize,
    end: usize,
}

impl Matcher<'_> {
    fn kind(&self, i: usize) -> Option<TokenKind> {
        (i < self.end).then(|| self.doc.tokens[i].kind)
    }

    fn is(&self, i: usize, flag: TokenFlags) -> bool {
        i < self.end && self.doc.tokens[i].is(flag)
    }

    fn text(&self, i: usize) -> &str {
        if i < self.end { self.doc.token_text(i) } else { "" }
    }

    /// The time word at token `i`.
    fn word(&self, i: usize) -> Option<TimeWord> {
        if self.kind(i)? != TokenKind::Word {
            return None;
        }
        lexicon::entry(self.doc.tokens[i].entry)?.time
    }

    /// A capitalised month name at `i`, and whether it came with `mid-`/`early-`/`late-`.
    fn month(&self, i: usize) -> Option<(i8, bool)> {
        if !self.is(i, TokenFlags::CAPITALISED) && !self.after_part_prefix(i) {
            return None;
        }
        if let Some(TimeWord::Month(m)) = self.word(i) {
            return Some((m, false));
        }
        let rest = self.part_prefix_rest(i)?;
        match lexicon::lookup(rest)?.time? {
            TimeWord::Month(m) => Some((m, true)),
            _ => None,
        }
    }

    fn after_part_prefix(&self, i: usize) -> bool {
        self.part_prefix_rest(i).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
            && self.text(i).split('-').nth(1).is_some_and(|m| m.starts_with(|c: char| c.is_uppercase()))
    }

    /// `november` of `mid-november`.
    fn part_prefix_rest(&self, i: usize) -> Option<&str> {
        if !self.is(i, TokenFlags::HYPHENATED) {
            return None;
        }
        let norm = self.doc.norm(i);
        ["mid-", "early-", "late-"].iter().find_map(|p| norm.strip_prefix(p))
    }

    /// A day of the month at `i`: `28`, `28th`, the first day of `28-29`.
    fn day(&self, i: usize) -> Option<i8> {
        let text = self.text(i);
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        let rest = &text[digits..];
        let ok = match self.kind(i)? {
            TokenKind::Number => rest.is_empty() || rest.starts_with('-'),
            TokenKind::Word => ["st", "nd", "rd", "th"].iter().any(|s| rest.eq_ignore_ascii_case(s)),
            _ => false,
        };
        let day: i8 = text[..digits].parse().ok()?;
        (ok && (1..=31).contains(&day)).then_some(day)
    }

    /// A four-digit year at `i` (1000 to 2999).
    fn year(&self, i: usize) -> Option<i16> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        parse_year(self.text(i))
    }

    fn comma(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Punct) && self.text(i) == ","
    }

    /// A word announcing the future just before token `i`, in the same clause: `will`,
    /// `'ll`, `shall`, `due`, `scheduled`, `slated`, `upcoming`, `planned`, `expected`
    /// (`is due out in May`, `will meet on Monday`).
    fn future_cue(&self, i: usize) -> bool {
        let first = i.saturating_sub(5).max(self.start);
        for k in (first..i).rev() {
            let token = &self.doc.tokens[k];
            if !matches!(token.kind, TokenKind::Word | TokenKind::Clitic | TokenKind::Number) {
                return false;
            }
            if matches!(
                self.doc.norm(k),
                "will"
                    | "'ll"
                    | "shall"
                    | "due"
                    | "scheduled"
                    | "slated"
                    | "upcoming"
                    | "planned"
                    | "expected"
            ) {
                return true;
            }
        }
        false
    }

    fn reference(&self) -> Option<Date> {
        self.doc.reference_date
    }

    fn match_at(&self, i: usize) -> Option<Found> {
        let token = &self.doc.tokens[i];
        match token.kind {
            TokenKind::Word => {}
            TokenKind::Number => {
                return self.iso_date(i).or_else(|| self.day_month(i)).or_else(|| self.count_ago(i));
            }
            _ => return None,
        }
        // Every expression starts with a time word, `28th` or a hyphenated `mid-November`;
        // the commonest time words (`the`, `a`, `of`, `in`) rarely start one, so they are
        // rejected on the next token before any pattern is tried.
        let (relation, j) = match self.word(i) {
            None if token.is(TokenFlags::HYPHENATED) || token.is(TokenFlags::HAS_DIGIT) => {
                (TimeRelation::At, i)
            }
            // `the end of November`, `the summer of 2019` (not `of May`: Theresa May)
            Some(TimeWord::Of) => {
                let year = self.year(i + 1).is_some();
                let month = matches!(self.month(i + 1), Some((m, false)) if m != 5);
                if !(year || month) {
                    return None;
                }
                (TimeRelation::At, i + 1)
            }
            None | Some(TimeWord::Unit(_) | TimeWord::Ago | TimeWord::DayPart) => return None,
            Some(TimeWord::Count(_)) => {
                return match self.word(i + 1) {
                    Some(TimeWord::Unit(_)) => self.count_ago(i),
                    _ => None,
                };
            }
            Some(TimeWord::The) => return self.day_month(i),
            Some(TimeWord::Prep(relation)) => {
                if !self.may_follow_prep(i + 1) {
                    return None;
                }
                (relation, i + 1)
            }
            Some(_) => (TimeRelation::At, i),
        };
        let has_prep = j > i;
        let found = self.after_prep(j, has_prep);
        found.map(|mut found| {
            found.relation = relation;
            found
        })
    }

    /// Whether token `j` can start what follows a preposition: a number, a capital
    /// (month, weekday), `28th`, `mid-2020`, or a time word.
    fn may_follow_prep(&self, j: usize) -> bool {
        if j >= self.end {
            return false;
        }
        let token = &self.doc.tokens[j];
        match token.kind {
            TokenKind::Number => true,
            TokenKind::Word => {
                token.flags.contains(TokenFlags::CAPITALISED)
                    || token.flags.contains(TokenFlags::HAS_DIGIT)
                    || token.flags.contains(TokenFlags::HYPHENATED)
                    || matches!(
                        self.word(j),
                        Some(
                            TimeWord::Part | TimeWord::Last | TimeWord::This | TimeWord::Next | TimeWord::The
                        )
                    )
            }
            _ => false,
        }
    }

    /// What may follow a preposition (or start an expression without one) at `j`.
    fn after_prep(&self, j: usize, has_prep: bool) -> Option<Found> {
        let (part, j) = match self.word(j) {
            Some(TimeWord::Part) => (true, j + 1),
            Some(TimeWord::The) => return self.day_month(j),
            _ => (false, j),
        };
        if let Some(found) = self.month_expr(j, has_prep || part) {
            return Some(found);
        }
        if let Some(found) = self.day_month(j) {
            return Some(found);
        }
        if let Some(year) = self.year(j).or_else(|| self.prefixed_year(j)) {
            let cued = has_prep || part || self.prefixed_year(j).is_some();
            return cued.then(|| absolute(j + 1, Date::new(year, 1, 1).ok(), Precision::Year)).flatten();
        }
        if part {
            return None;
        }
        if let Some(found) = self.iso_date(j) {
            return Some(found);
        }
        let reference = self.reference()?;
        match self.word(j)? {
            TimeWord::Weekday(weekday) => self.weekday_expr(j, weekday, 0),
            TimeWord::Yesterday | TimeWord::Today | TimeWord::Tomorrow | TimeWord::Tonight => {
                let after_quote = j > self.start && self.kind(j - 1) == Some(TokenKind::OpenQuote);
                let sentence_initial = self.is(j, TokenFlags::SENT_START) || after_quote;
                if self.is(j, TokenFlags::CAPITALISED)
                    && !self.is(j, TokenFlags::ALL_CAPS)
                    && !sentence_initial
                {
                    return None; // "Russia Today"
                }
                let offset = match self.word(j)? {
                    TimeWord::Yesterday => -1,
                    TimeWord::Tomorrow => 1,
                    _ => 0,
                };
                let end = if self.word(j + 1) == Some(TimeWord::DayPart) { j + 2 } else { j + 1 };
                relative(end, add_days(reference, offset), Precision::Day)
            }
            TimeWord::Last | TimeWord::This | TimeWord::Next => self.deictic(j, reference),
            TimeWord::Earlier | TimeWord::Later => match self.word(j + 1)? {
                TimeWord::This => self.deictic(j + 1, reference),
                TimeWord::Today => relative(j + 2, Some(reference), Precision::Day),
                _ => None,
            },
            TimeWord::Count(_) => self.count_ago(j),
            _ => None,
        }
    }

    /// `Month [day] [,] [year]`, or a bare month when `cued`.
    fn month_expr(&self, j: usize, cued: bool) -> Option<Found> {
        let (month, prefixed) = self.month(j)?;
        match self.day(j + 1) {
            Some(day) if !prefixed => {
                let (year, end) = self.optional_year(j + 2);
                return self.day_date(end, year, month, day);
            }
            _ => {}
        }
        if let Some(year) = self.year(j + 1) {
            return absolute(j + 2, Date::new(year, month, 1).ok(), Precision::Month);
        }
        if !(cued || prefixed) {
            return None;
        }
        let reference = self.reference()?;
        anchored(
            relative(j + 1, recent_month(reference, month, false), Precision::Month),
            Anchor::Month(month),
        )
    }

    /// `28 December [2025]`, `the 28th of December`.
    fn day_month(&self, j: usize) -> Option<Found> {
        let j = if self.word(j) == Some(TimeWord::The) { j + 1 } else { j };
        if !self.is(j, TokenFlags::HAS_DIGIT) {
            return None;
        }
        let day = self.day(j)?;
        let k = if self.word(j + 1) == Some(TimeWord::Of) { j + 2 } else { j + 1 };
        let (month, false) = self.month(k)? else { return None };
        let (year, end) = self.optional_year(k + 1);
        self.day_date(end, year, month, day)
    }

    /// A year after a day: `, 2025` or `2025`; returns the year and the end.
    fn optional_year(&self, i: usize) -> (Option<i16>, usize) {
        if let Some(year) = self.year(i) {
            return (Some(year), i + 1);
        }
        match self.year(i + 1) {
            Some(year) if self.comma(i) => (Some(year), i + 2),
            _ => (None, i),
        }
    }

    fn day_date(&self, end: usize, year: Option<i16>, month: i8, day: i8) -> Option<Found> {
        match year {
            Some(year) => absolute(end, Date::new(year, month, day).ok(), Precision::Day),
            None => anchored(
                relative(end, recent_day(self.reference()?, month, day), Precision::Day),
                Anchor::Day(month, day),
            ),
        }
    }

    /// `mid-2020`.
    fn prefixed_year(&self, j: usize) -> Option<i16> {
        parse_year(self.part_prefix_rest(j)?)
    }

    /// `2025-12-28`.
    fn iso_date(&self, j: usize) -> Option<Found> {
        if self.kind(j)? != TokenKind::Number {
            return None;
        }
        let text = self.text(j);
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = parse_year(&text[..4])?;
        let month: i8 = text[5..7].parse().ok()?;
        let day: i8 = text[8..10].parse().ok()?;
        absolute(j + 1, Date::new(year, month, day).ok(), Precision::Day)
    }

    /// `Monday`, `Monday night`, `Friday, January 4, 2019`; `direction` -1 for `last`,
    /// 1 for `next`, 0 for the most recent on or before the reference date.
    fn weekday_expr(&self, j: usize, weekday: i8, direction: i8) -> Option<Found> {
        if !self.is(j, TokenFlags::CAPITALISED) {
            return None;
        }
        if direction == 0 && self.comma(j + 1) {
            if let Some(found) = self.month_expr(j + 2, false) {
                return Some(found);
            }
        }
        let reference = self.reference()?;
        let end = if self.word(j + 1) == Some(TimeWord::DayPart) { j + 2 } else { j + 1 };
        let found = relative(end, weekday_date(reference, weekday, direction), Precision::Day);
        match direction {
            0 => anchored(found, Anchor::Weekday(weekday)),
            _ => found,
        }
    }

    /// `last week`, `this month`, `next year`, `last November`, `last Monday`,
    /// `last night`, `this morning`; `j` is at `last`/`this`/`next`.
    fn deictic(&self, j: usize, reference: Date) -> Option<Found> {
        let which = self.word(j)?;
        let step: i64 = match which {
            TimeWord::Last => -1,
            TimeWord::Next => 1,
            _ => 0,
        };
        match self.word(j + 1)? {
            TimeWord::Unit(TimeUnit::Week) if self.text(j + 1).len() == 4 => {
                relative(j + 2, add_days(monday_of(reference)?, 7 * step), Precision::Week)
            }
            TimeWord::Unit(TimeUnit::Month) if self.text(j + 1).len() == 5 => {
                relative(j + 2, shift_month(reference, step), Precision::Month)
            }
            TimeWord::Unit(TimeUnit::Year) if self.text(j + 1).len() == 4 => {
                let year = i64::from(reference.year()) + step;
                relative(j + 2, Date::new(i16::try_from(year).ok()?, 1, 1).ok(), Precision::Year)
            }
            TimeWord::Month(month) if self.is(j + 1, TokenFlags::CAPITALISED) => {
                let date = match which {
                    TimeWord::Last => recent_month(reference, month, true),
                    TimeWord::Next => next_month(reference, month),
                    _ => Date::new(reference.year(), month, 1).ok(),
                };
                relative(j + 2, date, Precision::Month)
            }
            TimeWord::Weekday(weekday) => self.weekday_expr(j + 1, weekday, step as i8),
            TimeWord::DayPart => {
                let night = self.doc.norm(j + 1) == "night";
                match (which, night) {
                    (TimeWord::Last, true) => relative(j + 2, add_days(reference, -1), Precision::Day),
                    (TimeWord::This, _) => relative(j + 2, Some(reference), Precision::Day),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `two weeks ago`, `3 days ago`, `a year ago`.
    fn count_ago(&self, j: usize) -> Option<Found> {
        let count = match self.kind(j)? {
            TokenKind::Number => self.text(j).parse::<i64>().ok().filter(|n| (1..=1000).contains(n))?,
            _ => match self.word(j)? {
                TimeWord::Count(n) => i64::from(n),
                _ => return None,
            },
        };
        let Some(TimeWord::Unit(unit)) = self.word(j + 1) else { return None };
        if self.word(j + 2) != Some(TimeWord::Ago) {
            return None;
        }
        let reference = self.reference()?;
        let (date, precision) = match unit {
            TimeUnit::Day => (add_days(reference, -count), Precision::Day),
            TimeUnit::Week => (add_days(monday_of(reference)?, -7 * count), Precision::Week),
            TimeUnit::Month => (shift_month(reference, -count), Precision::Month),
            TimeUnit::Year => {
                let year = i16::try_from(i64::from(reference.year()) - count).ok()?;
                (Date::new(year, 1, 1).ok(), Precision::Year)
            }
        };
        relative(j + 3, date, precision)
    }
}

fn absolute(end: usize, date: Option<Date>, precision: Precision) -> Option<Found> {
    Some(Found { end, date: date?, precision, relation: TimeRelation::At, relative: false, anchor: None })
}

fn relative(end: usize, date: Option<Date>, precision: Precision) -> Option<Found> {
    Some(Found { end, date: date?, precision, relation: TimeRelation::At, relative: true, anchor: None })
}

fn anchored(found: Option<Found>, anchor: Anchor) -> Option<Found> {
    found.map(|found| Found { anchor: Some(anchor), ..found })
}

fn parse_year(text: &str) -> Option<i16> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i16 = text.parse().ok()?;
    (1000..=2999).contains(&year).then_some(year)
}

fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().try_days(days).ok()?).ok()
}

/// The Monday of the week holding `date`.
fn monday_of(date: Date) -> Option<Date> {
    add_days(date, -i64::from(date.weekday().to_monday_zero_offset()))
}

/// The first of the month `delta` months from `date`'s month.
fn shift_month(date: Date, delta: i64) -> Option<Date> {
    let total = i64::from(date.year()) * 12 + i64::from(date.month() - 1) + delta;
    let year = i16::try_from(total.div_euclid(12)).ok()?;
    let month = i8::try_from(total.rem_euclid(12) + 1).ok()?;
    Date::new(year, month, 1).ok()
}

/// The first of the most recent `month` not after the reference month (`strict`: before).
fn recent_month(reference: Date, month: i8, strict: bool) -> Option<Date> {
    let later = month > reference.month() || (strict && month == reference.month());
    let year = if later { reference.year().checked_sub(1)? } else { reference.year() };
    Date::new(year, month, 1).ok()
}

/// The first of the next `month` after the reference month.
fn next_month(reference: Date, month: i8) -> Option<Date> {
    let year = if month <= reference.month() { reference.year().checked_add(1)? } else { reference.year() };
    Date::new(year, month, 1).ok()
}

/// The most recent `month`/`day` on or before the reference date (a 29 February goes
/// back to the last leap year).
fn recent_day(reference: Date, month: i8, day: i8) -> Option<Date> {
    let later = (month, day) > (reference.month(), reference.day());
    let mut year = if later { reference.year().checked_sub(1)? } else { reference.year() };
    for _ in 0..8 {
        if let Ok(date) = Date::new(year, month, day) {
            return Some(date);
        }
        year = year.checked_sub(1)?;
    }
    None
}

/// A weekday (Monday 0) relative to the reference date: `direction` 0 the most recent
/// on or before it, -1 strictly before, 1 strictly after.
fn weekday_date(reference: Date, weekday: i8, direction: i8) -> Option<Date> {
    let today = reference.weekday().to_monday_zero_offset();
    let days = match direction {
        0 => -i64::from((today - weekday).rem_euclid(7)),
        d if d < 0 => {
            let back = (today - weekday).rem_euclid(7);
            -i64::from(if back == 0 { 7 } else { back })
        }
        _ => {
            let ahead = (weekday - today).rem_euclid(7);
            i64::from(if ahead == 0 { 7 } else { ahead })
        }
    };
    add_days(reference, days)
}
