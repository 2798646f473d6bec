//! One static table of the words this crate knows something about, keyed by normalised
//! form: irregular lemmas, lists for the lemma rules, time words and the words that
//! guide sentence splitting. Built once, on first use; one hash lookup per token.

use crate::hash::FxHashMap;
use crate::lemma_data;
use crate::time::TimeRelation;
use std::sync::LazyLock;

/// A word's role in time expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeWord {
    /// 1 to 12.
    Month(i8),
    /// Monday 0 to Sunday 6.
    Weekday(i8),
    Prep(TimeRelation),
    /// `early`, `late`, `mid`: part of a month or year.
    Part,
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    Last,
    This,
    Next,
    Earlier,
    Later,
    Unit(TimeUnit),
    Ago,
    /// `morning`, `afternoon`, `evening`, `night`.
    DayPart,
    /// A number word: `one` .. `twelve`, `a`, `an`.
    Count(i8),
    Of,
    The,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeUnit {
    Day,
    Week,
    Month,
    Year,
}

/// Flags on a word.
pub(crate) mod word {
    /// A base form ending in `e` the `-ed`/`-ing` rules cannot see (`complete`).
    pub(crate) const E_BASE: u16 = 1;
    /// A base form that takes no `e` and keeps a doubled consonant (`focus`, `add`).
    pub(crate) const PLAIN_BASE: u16 = 1 << 1;
    /// A singular in `-ie` (`movie`).
    pub(crate) const IE_NOUN: u16 = 1 << 2;
    /// A singular in `-oe` (`foe`).
    pub(crate) const OE_NOUN: u16 = 1 << 3;
    /// A singular in `-che` (`niche`).
    pub(crate) const CHE_NOUN: u16 = 1 << 4;
    /// A singular in `-s` with plural `-es` (`bus`).
    pub(crate) const S_NOUN: u16 = 1 << 5;
    /// Often starts a sentence (`The`, `He`, `But`): after an ambiguous abbreviation,
    /// a capitalised starter means a new sentence.
    pub(crate) const STARTER: u16 = 1 << 6;
    /// A line ending in this word goes on (`the`, `of`, `said`): no sentence break at
    /// the line break.
    pub(crate) const CONTINUER: u16 = 1 << 7;
}

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Entry {
    pub(crate) lemma: Option<&'static str>,
    pub(crate) time: Option<TimeWord>,
    pub(crate) flags: u16,
}

impl Entry {
    pub(crate) fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

pub(crate) struct Lexicon {
    /// Entry ids by word; id 0 is "unknown".
    ids: WordTable,
    entries: Vec<Entry>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The id of a normalised word's entry (0 if the crate does not know the word). Tokens
/// keep it, so later stages never hash the word again.
#[inline]
pub(crate) fn id_of(norm: &str) -> u16 {
    id_of_bytes(norm.as_bytes())
}

/// As [`id_of`], for the bytes of a word.
#[inline]
pub(crate) fn id_of_bytes(norm: &[u8]) -> u16 {
    LEXICON.ids.get(norm)
}

/// A word as two machine words and its length: the first and the last eight bytes
/// (overlapping; four and four below eight bytes; the first, middle and last byte below
/// four). For words of up to 16 bytes the three tell the word exactly.
#[inline]
fn word_key(word: &[u8]) -> (u64, u64) {
    let n = word.len();
    if n >= 8 {
        let (Ok(head), Ok(tail)) = (<[u8; 8]>::try_from(&word[..8]), <[u8; 8]>::try_from(&word[n - 8..]))
        else {
            return (0, 0);
        };
        (u64::from_le_bytes(head), u64::from_le_bytes(tail))
    } else if n >= 4 {
        let (Ok(head), Ok(tail)) = (<[u8; 4]>::try_from(&word[..4]), <[u8; 4]>::try_from(&word[n - 4..]))
        else {
            return (0, 0);
        };
        (u64::from(u32::from_le_bytes(head)), u64::from(u32::from_le_bytes(tail)))
    } else if n > 0 {
        (u64::from(word[0]) | u64::from(word[n / 2]) << 8 | u64::from(word[n - 1]) << 16, 0)
    } else {
        (0, 0)
    }
}

/// One slot of a [`WordTable`]; `len` 0 is empty.
#[derive(Clone, Copy, Default)]
struct Slot {
    head: u64,
    tail: u64,
    len: u32,
    id: u16,
}

/// The lexicon's index: an open-addressing table (linear probing, at most three eighths
/// full) of words by [`word_key`], so a lookup hashes two machine words and compares
/// them instead of hashing and comparing the word byte by byte; most words it does not
/// hold end at an empty slot or a length that differs.
struct WordTable {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
    /// The words by id, for words longer than 16 bytes, which the key does not tell.
    words: Vec<&'static str>,
    /// The longest word, to skip lookups of longer ones.
    max_len: usize,
}

impl WordTable {
    /// A table of `words`, each with its id (ids are nonzero, words nonempty).
    fn new(words: &[(&'static str, u16)]) -> WordTable {
        let capacity = (words.len() * 8 / 3 + 1).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![Slot::default(); capacity],
            shift: 64 - capacity.trailing_zeros(),
            words: vec![""; words.iter().map(|&(_, id)| usize::from(id) + 1).max().unwrap_or(1)],
            max_len: words.iter().map(|(w, _)| w.len()).max().unwrap_or(0),
        };
        for &(word, id) in words {
            table.words[usize::from(id)] = word;
            let (head, tail) = word_key(word.as_bytes());
            let mask = table.slots.len() - 1;
            let mut i = table.slot_of(head, tail, word.len());
            while table.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            table.slots[i] = Slot { head, tail, len: word.len() as u32, id };
        }
        table
    }

    #[inline]
    fn slot_of(&self, head: u64, tail: u64, len: usize) -> usize {
        let h = (head ^ tail.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> self.shift) as usize
    }

    /// The id of `word`, 0 if absent.
    #[inline]
    fn get(&self, word: &[u8]) -> u16 {
        let len = word.len();
        if len > 16 {
            return self.get_long(word);
        }
        if len == 0 {
            return 0;
        }
        // Up to 16 bytes, the length and key words tell the word.
        let (head, tail) = word_key(word);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(head, tail, len);
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return 0;
            }
            if slot.len as usize == len && slot.head == head && slot.tail == tail {
                return slot.id;
            }
            i = (i + 1) & mask;
        }
    }

    /// As [`WordTable::get`], for a word longer than 16 bytes (rare): the key is
    /// confirmed by comparing the words.
    #[cold]
    #[inline(never)]
    fn get_long(&self, word: &[u8]) -> u16 {
        let len = word.len();
        if len > self.max_len {
            return 0;
        }
        let (head, tail) = word_key(word);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(head, tail, len);
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return 0;
            }
            if slot.len as usize == len
                && slot.head == head
                && slot.tail == tail
                && self.words.get(usize::from(slot.id)).is_some_and(|w| w.as_bytes() == word)
            {
                return slot.id;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The entry with id `id`.
#[inline]
pub(crate) fn entry(id: u16) -> Option<&'static Entry> {
    if id == 0 {
        return None;
    }
    LEXICON.entries.get(usize::from(id))
}

/// Every word the lexicon knows, with its id and entry (for tables derived from it).
pub(crate) fn words() -> impl Iterator<Item = (u16, &'static str, &'static Entry)> {
    let lexicon = &*LEXICON;
    (0u16..)
        .zip(lexicon.ids.words.iter().zip(&lexicon.entries))
        .skip(1)
        .map(|(id, (word, entry))| (id, *word, entry))
}

/// The entry for a normalised word, if the crate knows it.
#[inline]
pub(crate) fn lookup(norm: &str) -> Option<&'static Entry> {
    entry(id_of(norm))
}

/// As [`lookup`], for the bytes of a word.
#[inline]
pub(crate) fn lookup_bytes(norm: &[u8]) -> Option<&'static Entry> {
    entry(id_of_bytes(norm))
}

/// Whether a normalised word has a flag.
#[inline]
pub(crate) fn has_flag(norm: &str, flag: u16) -> bool {
    has_flag_bytes(norm.as_bytes(), flag)
}

/// As [`has_flag`], for the bytes of a word.
#[inline]
pub(crate) fn has_flag_bytes(norm: &[u8], flag: u16) -> bool {
    lookup_bytes(norm).is_some_and(|entry| entry.has(flag))
}

/// Forces the table to be built (so the first document does not pay for it).
pub(crate) fn warm_up() {
    LazyLock::force(&LEXICON);
}

const STARTERS: &str = "
the a an he she it they we i you but and or so yet in on at for this that these those there
its his her their our my your mr mrs ms dr however meanwhile also when while after before if
as some many most both no not one what who why how where which nor then still other another
each every all such among according despite although though because since until unless once
earlier later last next today yesterday tomorrow separately elsewhere instead
";

const CONTINUERS: &str = "
the a an of to in on at by for with from and or but as that his her its their our your my
this these those is are was were be been has have had will would could should may might
must said says than into onto upon about over under between against during without within
including such very more most mr mrs ms dr
";

impl Lexicon {
    fn build() -> Lexicon {
        let mut words: FxHashMap<&'static str, Entry> = FxHashMap::default();
        // Lemmas: the first source that names a form wins, so overrides come first.
        for form in lemma_data::INVARIANT.split_whitespace() {
            set_lemma(&mut words, form, form);
        }
        for line in lemma_data::IRREGULAR_FORMS.lines() {
            if let Some((form, lemma)) = pair(line) {
                set_lemma(&mut words, form, lemma);
            }
        }
        for line in lemma_data::IRREGULAR_VERBS.lines() {
            let mut parts = line.split_whitespace();
            let Some(base) = parts.next() else { continue };
            set_lemma(&mut words, base, base);
            for forms in parts {
                for form in forms.split('/') {
                    set_lemma(&mut words, form, base);
                }
            }
        }
        for line in lemma_data::IRREGULAR_NOUNS.lines() {
            if let Some((form, lemma)) = pair(line) {
                set_lemma(&mut words, form, lemma);
            }
        }
        let flag_lists = [
            (lemma_data::E_BASES, word::E_BASE),
            (lemma_data::PLAIN_BASES, word::PLAIN_BASE),
            (lemma_data::IE_NOUNS, word::IE_NOUN),
            (lemma_data::OE_NOUNS, word::OE_NOUN),
            (lemma_data::CHE_NOUNS, word::CHE_NOUN),
            (lemma_data::S_NOUNS, word::S_NOUN),
            (STARTERS, word::STARTER),
            (CONTINUERS, word::CONTINUER),
        ];
        for (list, flag) in flag_lists {
            for form in list.split_whitespace() {
                words.entry(form).or_default().flags |= flag;
            }
        }
        for (form, time_word) in time_words() {
            words.entry(form).or_default().time = Some(time_word);
        }
        let mut keys: Vec<&'static str> = words.keys().copied().collect();
        keys.sort_unstable();
        let mut entries = vec![Entry::default()];
        let mut ids = Vec::with_capacity(keys.len());
        for key in keys {
            let Ok(id) = u16::try_from(entries.len()) else { break };
            entries.push(words[key]);
            ids.push((key, id));
        }
        Lexicon { ids: WordTable::new(&ids), entries }
    }
}

fn pair(line: &'static str) -> Option<(&'static str, &'static str)> {
    let mut parts = line.split_whitespace();
    Some((parts.next()?, parts.next()?))
}

fn set_lemma(words: &mut FxHashMap<&'static str, Entry>, form: &'static str, lemma: &'static str) {
    let entry = words.entry(form).or_default();
    if entry.lemma.is_none() {
        entry.lemma = Some(lemma);
    }
}

fn time_words() -> Vec<(&'static str, TimeWord)> {
    use TimeWord as W;
    let mut out = Vec::new();
    let months = [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may", "may"),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ];
    for (n, (name, short)) in (1i8..).zip(months) {
        out.push((name, W::Month(n)));
        out.push((short, W::Month(n)));
    }
    out.push(("sept", W::Month(9)));
    let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    for (n, name) in (0i8..).zip(weekdays) {
        out.push((name, W::Weekday(n)));
    }
    let preps = [
        ("in", TimeRelation::At),
        ("on", TimeRelation::At),
        ("during", TimeRelation::At),
        ("since", TimeRelation::Since),
        ("from", TimeRelation::From),
        ("by", TimeRelation::By),
        ("until", TimeRelation::Until),
        ("till", TimeRelation::Until),
        ("through", TimeRelation::Until),
        ("before", TimeRelation::Before),
        ("after", TimeRelation::After),
    ];
    for (word, relation) in preps {
        out.push((word, W::Prep(relation)));
    }
    for part in ["early", "late", "mid"] {
        out.push((part, W::Part));
    }
    out.extend([
        ("yesterday", W::Yesterday),
        ("today", W::Today),
        ("tomorrow", W::Tomorrow),
        ("tonight", W::Tonight),
        ("last", W::Last),
        ("this", W::This),
        ("next", W::Next),
        ("coming", W::Next),
        ("earlier", W::Earlier),
        ("later", W::Later),
        ("ago", W::Ago),
        ("of", W::Of),
        ("the", W::The),
    ]);
    for (unit, words) in [
        (TimeUnit::Day, ["day", "days"]),
        (TimeUnit::Week, ["week", "weeks"]),
        (TimeUnit::Month, ["month", "months"]),
        (TimeUnit::Year, ["year", "years"]),
    ] {
        for word in words {
            out.push((word, W::Unit(unit)));
        }
    }
    for part in ["morning", "afternoon", "evening", "night"] {
        out.push((part, W::DayPart));
    }
    let counts =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    for (n, word) in (1i8..).zip(counts) {
        out.push((word, W::Count(n)));
    }
    out.push(("a", W::Count(1)));
    out.push(("an", W::Count(1)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_table_finds_its_words_and_nothing_else() {
        let lexicon = &*LEXICON;
        let mut words: Vec<(&'static str, u16)> = Vec::new();
        for (id, word) in lexicon.ids.words.iter().enumerate().skip(1) {
            let id = u16::try_from(id).expect("ids fit u16");
            assert_eq!(id_of(word), id, "{word:?}");
            words.push((word, id));
        }
        assert!(words.len() > 1000, "the lexicon has its lists");
        // Words of every length up to past the longest, near the table's words: one
        // letter changed, dropped, added, at the start, the middle and the end.
        let known: std::collections::HashMap<&str, u16> = words.iter().copied().collect();
        let mut probes: Vec<String> = Vec::new();
        for (word, _) in &words {
            let n = word.len();
            for i in [0, n / 2, n.saturating_sub(1)] {
                let mut changed = word.as_bytes().to_vec();
                changed[i] = if changed[i] == b'z' { b'y' } else { b'z' };
                probes.push(String::from_utf8(changed).expect("ASCII"));
            }
            probes.push(word[1..].to_owned());
            probes.push(word[..n - 1].to_owned());
            probes.push(format!("{word}s"));
            probes.push(format!("x{word}"));
        }
        probes.extend((0..40).map(|n| "ab".repeat(n)));
        probes.push("a".repeat(16));
        probes.push("a".repeat(17));
        probes.push(String::new());
        for probe in &probes {
            assert_eq!(id_of(probe), known.get(probe.as_str()).copied().unwrap_or(0), "{probe:?}");
        }
    }

    #[test]
    fn word_keys_tell_words_of_up_to_16_bytes_apart() {
        let words: Vec<String> = (1..=16)
            .flat_map(|n| (0..n).map(move |i| (n, i)))
            .flat_map(|(n, i)| {
                let base = "a".repeat(n);
                let mut other = base.clone().into_bytes();
                other[i] = b'b';
                [base, String::from_utf8(other).expect("ASCII")]
            })
            .collect();
        let mut keys = std::collections::HashSet::new();
        for word in &words {
            let (head, tail) = word_key(word.as_bytes());
            keys.insert((word.len(), head, tail));
        }
        let distinct: std::collections::HashSet<&String> = words.iter().collect();
        assert_eq!(keys.len(), distinct.len());
    }
}
