//! Lemmas without allocation: a verb lemma for every form that can be a verb
//! (`said` -> `say`, `accelerating` -> `accelerate`, `stopped` -> `stop`) and a singular
//! for plural nouns (`casualties` -> `casualty`).
//!
//! Irregular forms come from tables ([`crate::lemma_data`]); regular ones from suffix
//! rules with exception lists. With no part-of-speech tags, a form that can be a verb
//! gets its verb lemma (`leaves` -> `leave`, `left` -> `leave`).

use crate::doc::{LexRange, TokenFlags, TokenKind};
use crate::lexicon::{self, Entry, word};
use crate::pipeline::{Annotator, Layer, Layers};
use crate::{Doc, lemma_data};
use faultline_model::BlockKind;
use std::fmt;
use std::sync::LazyLock;

/// A lemma, in two pieces so it never allocates: a head borrowed from the word and a
/// static tail (`accelerat` + `e`, `` + `say`, `co-` + `write`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Lemma<'a> {
    head: &'a str,
    tail: &'static str,
}

impl<'a> Lemma<'a> {
    fn same(word: &'a str) -> Lemma<'a> {
        Lemma { head: word, tail: "" }
    }

    /// The two pieces: the lemma is `head` followed by `tail`.
    #[must_use]
    pub fn parts(&self) -> (&'a str, &'static str) {
        (self.head, self.tail)
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.head.len() + self.tail.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the lemma is `text`, without building it.
    #[must_use]
    pub fn is(&self, text: &str) -> bool {
        text.len() == self.len() && text.starts_with(self.head) && text.ends_with(self.tail)
    }

    /// Appends the lemma to `out`.
    pub fn push_to(&self, out: &mut String) {
        out.push_str(self.head);
        out.push_str(self.tail);
    }
}

impl fmt::Display for Lemma<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.head)?;
        f.write_str(self.tail)
    }
}

impl fmt::Debug for Lemma<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

/// The lemma of a lower-case word (`conducted` -> `conduct`, `sought` -> `seek`,
/// `talks` -> `talk`). Words the rules do not apply to are their own lemma.
///
/// ```
/// use faultline_nlp::lemmatize;
/// assert_eq!(lemmatize("accelerating").to_string(), "accelerate");
/// assert_eq!(lemmatize("visited").to_string(), "visit");
/// assert!(lemmatize("withdrew").is("withdraw"));
/// ```
#[must_use]
pub fn lemmatize(word: &str) -> Lemma<'_> {
    lemma_with(word, lexicon::lookup(word), word.contains('-'))
}

/// As [`lemmatize`], with the word's lexicon entry already looked up and whether it
/// has a hyphen.
pub(crate) fn lemma_with<'a>(word: &'a str, entry: Option<&Entry>, hyphenated: bool) -> Lemma<'a> {
    if let Some(lemma) = entry.and_then(|e| e.lemma) {
        return Lemma { head: "", tail: lemma };
    }
    if word.len() < 3 {
        return Lemma::same(word);
    }
    // Hyphenated words: the last part carries the inflection (`re-elected`).
    if hyphenated {
        if !word.is_ascii() {
            return Lemma::same(word);
        }
        if let Some(hyphen) = word.rfind('-') {
            let (prefix, last) = (&word[..=hyphen], &word[hyphen + 1..]);
            if last.len() < 3 {
                return Lemma::same(word);
            }
            let lemma = lemmatize(last);
            return match lemma.head.is_empty() {
                // an irregular base: the prefix is borrowed, the base is static
                true => Lemma { head: prefix, tail: lemma.tail },
                false => Lemma { head: &word[..=hyphen + lemma.head.len()], tail: lemma.tail },
            };
        }
    }
    // The rules read lower-case ASCII letters only (which also rules out non-ASCII).
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Lemma::same(word);
    }
    let bytes = word.as_bytes();
    let n = bytes.len();
    if word.ends_with("ing") && n >= 5 {
        return verb_stem(word, n - 3);
    }
    if word.ends_with("ed") && n >= 4 {
        return past(word);
    }
    if bytes[n - 1] == b's' {
        return plural(word);
    }
    // Irregular forms end in none of the regular suffixes above.
    if let Some(lemma) = irregular_with_prefix(word) {
        return lemma;
    }
    if word.ends_with("men") && n > 4 && !matches!(word, "abdomen" | "specimen" | "regimen" | "acumen") {
        return Lemma { head: &word[..n - 3], tail: "man" };
    }
    Lemma::same(word)
}

/// `word` without `prefix`, if it starts with it; the first bytes are compared before
/// the rest (a call to `bcmp` for a prefix whose length the compiler does not know).
#[inline]
fn strip_prefix<'w>(word: &'w [u8], prefix: &[u8]) -> Option<&'w [u8]> {
    if !prefix.is_empty() && word.first() != prefix.first() {
        return None;
    }
    word.strip_prefix(prefix)
}

/// `rebuilt` -> `re` + `build`: a known prefix before an irregular form.
#[inline]
fn irregular_with_prefix(word: &str) -> Option<Lemma<'_>> {
    // Most words start with none of the prefixes: one test of the first letter, in the
    // caller, rules them out.
    if !matches!(word.as_bytes().first(), Some(b'r' | b'o' | b'u' | b'm' | b'f' | b'w')) {
        return None;
    }
    irregular_after_prefix(word)
}

fn irregular_after_prefix(word: &str) -> Option<Lemma<'_>> {
    // `re`, `over`, `under`, `out`, `mis`, `fore`, `with`, `up`: no two of them start
    // the same word, so the first that does is the only one; byte patterns, not a loop
    // of string compares.
    let prefix_len = match word.as_bytes() {
        [b'r', b'e', ..] | [b'u', b'p', ..] => 2,
        [b'o', b'u', b't', ..] | [b'm', b'i', b's', ..] => 3,
        [b'o', b'v', b'e', b'r', ..] | [b'f', b'o', b'r', b'e', ..] | [b'w', b'i', b't', b'h', ..] => 4,
        [b'u', b'n', b'd', b'e', b'r', ..] => 5,
        _ => return None,
    };
    let rest = &word[prefix_len..];
    if rest.len() < 3 {
        return None;
    }
    match lexicon::lookup(rest).and_then(|e| e.lemma) {
        Some(base) if base != rest => Some(Lemma { head: &word[..prefix_len], tail: base }),
        _ => None,
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether `stem[i]` is a vowel, reading `u` after `q` or `g` before a vowel as a
/// consonant (`quot`, `guid`) and a leading `y` as a consonant.
fn vowel_at(stem: &[u8], i: usize) -> bool {
    let b = stem[i];
    if b == b'y' {
        return i > 0;
    }
    if b == b'u'
        && i > 0
        && matches!(stem[i - 1], b'q' | b'g')
        && stem.get(i + 1).is_some_and(|&c| is_vowel(c))
    {
        return false;
    }
    is_vowel(b)
}

fn has_vowel(stem: &[u8]) -> bool {
    (0..stem.len()).any(|i| vowel_at(stem, i))
}

/// Two vowel letters that make one sound (`ea` of `treat`, `ai` of `gain`), as
/// opposed to two syllables (`ia` of `dial`, `ua` of `persuade`, `io` of `riot`).
fn is_digraph(first: u8, second: u8) -> bool {
    matches!(
        (first, second),
        (b'a', b'i' | b'u' | b'y')
            | (b'e', b'a' | b'e' | b'i' | b'u' | b'y')
            | (b'i', b'e')
            | (b'o', b'a' | b'i' | b'o' | b'u' | b'y')
            | (b'u', b'i')
    )
}

/// Vowel groups, splitting two-syllable pairs (`dial` has two).
fn syllables(stem: &[u8]) -> usize {
    let mut count = 0;
    let mut prev_vowel: Option<u8> = None;
    for i in 0..stem.len() {
        if vowel_at(stem, i) {
            let b = stem[i];
            if prev_vowel.is_none_or(|p| !is_digraph(p, b)) {
                count += 1;
            }
            prev_vowel = Some(b);
        } else {
            prev_vowel = None;
        }
    }
    count
}

/// The lemma of a word in `-ed`.
fn past(word: &str) -> Lemma<'_> {
    let n = word.len();
    if word.ends_with("ied") {
        // died, tied, lied: the stem keeps its e; tried -> try
        return match n {
            4 => Lemma { head: &word[..n - 1], tail: "" },
            _ => Lemma { head: &word[..n - 3], tail: "y" },
        };
    }
    if word.ends_with("eed") {
        // seaweed, milkweed: nouns in -eed; agreed -> agree, guaranteed -> guarantee
        const EED_NOUNS: [&str; 11] =
            ["weed", "seed", "speed", "need", "feed", "breed", "bleed", "heed", "deed", "steed", "tweed"];
        if EED_NOUNS.iter().any(|noun| word.ends_with(noun)) {
            return Lemma::same(word);
        }
        return Lemma { head: &word[..n - 1], tail: "" };
    }
    verb_stem(word, n - 2)
}

/// Undoes `-ed` or `-ing` whose stem is `word[..stem_len]`: undoubling (`stopped`),
/// e-restoration (`accelerated`), `-ying` (`trying`).
fn verb_stem(word: &str, stem_len: usize) -> Lemma<'_> {
    let stem = &word[..stem_len];
    let s = stem.as_bytes();
    if !has_vowel(s) || stem_len < 2 {
        return Lemma::same(word);
    }
    let last = s[stem_len - 1];
    // Pinyin names: Beijing, Nanjing.
    if matches!(last, b'j' | b'q') {
        return Lemma::same(word);
    }
    if with_e_is(stem, word::E_BASE) {
        return Lemma { head: stem, tail: "e" };
    }
    if lexicon::has_flag(stem, word::PLAIN_BASE) {
        return Lemma::same(stem);
    }
    // panicked -> panic
    if let Some(base) = stem.strip_suffix("ck") {
        let base = &stem[..base.len() + 1];
        if lexicon::has_flag(base, word::PLAIN_BASE) {
            return Lemma::same(base);
        }
    }
    let prev = s[stem_len - 2];
    if last == prev && !is_vowel(last) {
        return match last {
            b'l' => match undoubled_l(stem) {
                true => Lemma::same(&stem[..stem_len - 1]),
                false => Lemma::same(stem),
            },
            b's' | b'z' | b'f' => Lemma::same(stem),
            _ => Lemma::same(&stem[..stem_len - 1]),
        };
    }
    match needs_e(s) || prefixed_mono(s) {
        true => Lemma { head: stem, tail: "e" },
        false => Lemma::same(stem),
    }
}

/// `renam` (of `renamed`), `reshap`: a prefix before a one-syllable stem ending in a
/// single vowel and consonant, which would have doubled had it no `e`.
fn prefixed_mono(s: &[u8]) -> bool {
    const PREFIXES: [&[u8]; 7] = [b"re", b"un", b"mis", b"out", b"over", b"under", b"pre"];
    const ONSETS: [&[u8]; 23] = [
        b"bl", b"br", b"ch", b"cl", b"cr", b"dr", b"fl", b"fr", b"gl", b"gr", b"pl", b"pr", b"sc", b"sh",
        b"sk", b"sl", b"sm", b"sn", b"sp", b"st", b"sw", b"th", b"tr",
    ];
    PREFIXES.iter().any(|prefix| {
        let Some(rest) = strip_prefix(s, prefix) else { return false };
        let onset_len = rest.iter().take_while(|&&b| !is_vowel(b)).count();
        if onset_len == 0 || rest.len() != onset_len + 2 {
            return false;
        }
        let onset = &rest[..onset_len];
        let valid_onset = match onset_len {
            1 => !matches!(onset[0], b'q' | b'x' | b'y'),
            _ => ONSETS.contains(&onset),
        };
        let vowel = rest[onset_len];
        let last = rest[onset_len + 1];
        valid_onset && vowel != b'y' && !is_vowel(last) && !matches!(last, b'w' | b'x')
    })
}

/// Whether `stem + "e"` (or the same after a common prefix) has `flag`.
fn with_e_is(stem: &str, flag: u16) -> bool {
    let mut buf = [0u8; 48];
    let bytes = stem.as_bytes();
    if bytes.len() + 1 > buf.len() {
        return false;
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[bytes.len()] = b'e';
    let candidate = &buf[..=bytes.len()];
    if let Some(entry) = lexicon::lookup_bytes(candidate) {
        // a base in `-e` from the lists, or an irregular verb's base (`become`)
        if entry.has(flag) || (flag == word::E_BASE && entry.lemma.is_some_and(|l| l.as_bytes() == candidate))
        {
            return true;
        }
    }
    const PREFIXES: [&str; 12] =
        ["re", "un", "over", "under", "out", "mis", "pre", "dis", "co", "inter", "counter", "de"];
    PREFIXES.iter().any(|prefix| {
        strip_prefix(candidate, prefix.as_bytes()).is_some_and(|rest| {
            let unhyphenated = &rest[rest.iter().take_while(|&&b| b == b'-').count()..];
            rest.len() >= 5 && lexicon::has_flag_bytes(unhyphenated, flag)
        })
    })
}

/// `travell` -> `travel`: the stem less one `l` ends in a British `-ll-` verb.
fn undoubled_l(stem: &str) -> bool {
    static BASES: LazyLock<Vec<&str>> = LazyLock::new(|| lemma_data::L_DOUBLING.split_whitespace().collect());
    let single = &stem[..stem.len() - 1];
    BASES.iter().any(|base| single.ends_with(base))
}

/// Whether a stem left by `-ed`/`-ing` (no doubled final consonant) needs its `e` back.
fn needs_e(s: &[u8]) -> bool {
    let n = s.len();
    let last = s[n - 1];
    let prev = s[n - 2];
    let prev_vowel = vowel_at(s, n - 2);
    // Two vowels that make one sound before the final consonant (`treat`, `appear`,
    // `gain`); `ia`, `ua`, `io` are two syllables (`negotiate`, `persuade`, `riot`).
    let digraph = prev_vowel && n >= 3 && vowel_at(s, n - 3) && is_digraph(s[n - 3], prev);
    let mono = syllables(s) <= 1;
    match last {
        b'u' => true,
        b'a' | b'e' | b'i' | b'o' | b'y' | b'w' | b'x' => false,
        b'v' | b'c' => true,
        b'h' => match prev {
            b't' => !(n >= 3 && s[n - 3] == b'r'),
            _ => false,
        },
        b'z' => !matches!(prev, b't' | b'z'),
        b's' => prev != b's',
        b'g' => match prev {
            b'n' => false,
            b'r' | b'd' | b'l' => true,
            _ => prev_vowel,
        },
        b'l' => match prev {
            b'r' | b'w' => false,
            _ if !prev_vowel => true,
            _ if digraph => false,
            _ if mono => true,
            b'e' | b'a' => false,
            _ => true,
        },
        b'r' => match prev {
            _ if !prev_vowel => true,
            _ if digraph => false,
            _ if mono => true,
            b'a' | b'i' | b'u' => true,
            _ => false,
        },
        b'n' | b'm' => match prev {
            _ if !prev_vowel || digraph => false,
            _ if mono => true,
            b'i' | b'u' => true,
            _ => false,
        },
        b't' => match prev {
            _ if !prev_vowel || digraph => false,
            _ if mono => true,
            b'a' | b'u' => true,
            _ => false,
        },
        b'p' => prev_vowel && !digraph && mono,
        b'd' | b'k' | b'b' | b'f' => prev_vowel && !digraph,
        _ => false,
    }
}

/// The lemma of a word in `-s`: a noun's singular or a verb's base.
fn plural(word: &str) -> Lemma<'_> {
    let n = word.len();
    let b = word.as_bytes();
    if n <= 3 || matches!(b[n - 2], b's' | b'u' | b'i') || b[n - 2] == b'\'' {
        return Lemma::same(word);
    }
    let strip = |k: usize| Lemma::same(&word[..n - k]);
    if word.ends_with("ies") {
        if n == 4 || lexicon::has_flag(&word[..n - 1], word::IE_NOUN) {
            return strip(1);
        }
        return Lemma { head: &word[..n - 3], tail: "y" };
    }
    if !word.ends_with("es") {
        return strip(1);
    }
    let singular_e = &word[..n - 1];
    let singular = &word[..n - 2];
    if word.ends_with("oes") {
        return match lexicon::has_flag(singular_e, word::OE_NOUN) {
            true => strip(1),
            false => strip(2),
        };
    }
    if word.ends_with("ches") || word.ends_with("shes") {
        return match lexicon::has_flag(singular_e, word::CHE_NOUN) {
            true => strip(1),
            false => strip(2),
        };
    }
    if word.ends_with("xes") || word.ends_with("sses") || word.ends_with("zzes") || word.ends_with("tzes") {
        return strip(2);
    }
    if word.ends_with("ses") && lexicon::has_flag(singular, word::S_NOUN) {
        return strip(2);
    }
    strip(1)
}

/// The Lemmas layer: a lemma for every token, stored once per document.
///
/// Words are lemmatised in lower case, except capitalised words inside a sentence
/// (proper nouns: `Reuters`, `Athens`) and words in capitals (`SARS`, `TOKYO`), which
/// are their own lemma; sentence-initial words, words of titles and words of sentences
/// mostly in capitals (shouted headlines) are lemmatised. Clitics get their full form (`n't` ->
/// `not`, `'re` -> `be`); possessive `'s` stays.
#[derive(Clone, Copy, Debug, Default)]
pub struct LemmaTagger;

impl Annotator for LemmaTagger {
    fn name(&self) -> &'static str {
        "lemmas"
    }

    fn requires(&self) -> Layers {
        Layers::of(&[Layer::Tokens, Layer::Sentences])
    }

    fn assigns(&self) -> Layers {
        Layer::Lemmas.into()
    }

    fn annotate(&self, doc: &mut Doc) {
        let Doc { tokens, sentences, lex, .. } = doc;
        // Drop the lemmas of an earlier run: norms come first in the buffer.
        let norm_end = tokens.iter().map(|t| t.norm.end).max().unwrap_or(0) as usize;
        lex.truncate(norm_end);
        for sentence in sentences.iter() {
            let in_title = sentence.kind == BlockKind::Title;
            // A sentence mostly in capitals is a shouted headline: its words are words;
            // elsewhere a word in capitals is an acronym or a name (`SARS`, `TOKYO`).
            let (n_words, n_caps) = tokens[sentence.token_range()]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .fold((0usize, 0usize), |(w, c), t| (w + 1, c + usize::from(t.is(TokenFlags::ALL_CAPS))));
            let shouting = n_caps * 2 > n_words;
            let mut at_start = true;
            for index in sentence.token_range() {
                let token = tokens[index];
                let starts = at_start;
                match token.kind {
                    TokenKind::OpenQuote => {
                        at_start = true;
                        continue;
                    }
                    TokenKind::Punct | TokenKind::CloseQuote | TokenKind::Symbol => continue,
                    TokenKind::Word | TokenKind::Number => at_start = false,
                    TokenKind::Possessive | TokenKind::Clitic => {}
                }
                token_lemma(&mut tokens[index], lex, starts || in_title, shouting);
            }
        }
    }
}

/// The lemma of a lexicon word, as the length of its head (a prefix of the word) and
/// its tail, for the word as a token with `hyphenated` as its flag.
#[derive(Clone, Copy, Default)]
struct KnownLemma {
    word_len: usize,
    hyphenated: bool,
    head_len: usize,
    tail: &'static str,
}

/// The lemmas of the lexicon's words by entry id, worked out once: about half the
/// words lemmatised in news text are in the lexicon (function words, irregular forms,
/// the rules' lists). An entry whose lemma could not be stored this way keeps the
/// default, whose length matches no word, so the rules run.
static ENTRY_LEMMAS: LazyLock<Vec<KnownLemma>> = LazyLock::new(|| {
    let mut table = Vec::new();
    for (id, word, entry) in lexicon::words() {
        let id = usize::from(id);
        if table.len() <= id {
            table.resize(id + 1, KnownLemma { word_len: usize::MAX, ..KnownLemma::default() });
        }
        let hyphenated = word.contains('-');
        let lemma = lemma_with(word, Some(entry), hyphenated);
        let (head, tail) = lemma.parts();
        if word.starts_with(head) {
            table[id] = KnownLemma { word_len: word.len(), hyphenated, head_len: head.len(), tail };
        }
    }
    table
});

fn token_lemma(token: &mut crate::doc::Token, lex: &mut String, lemmatise_capitals: bool, shouting: bool) {
    token.lemma = token.norm;
    let proper = match token.is(TokenFlags::ALL_CAPS) {
        true => !shouting,
        false => token.is(TokenFlags::CAPITALISED) && !lemmatise_capitals,
    };
    let wanted = match token.kind {
        TokenKind::Word => !proper && !token.is(TokenFlags::ABBREV),
        TokenKind::Clitic => true,
        _ => false,
    };
    if !wanted {
        return;
    }
    let Some(norm) = lex.get(token.norm.range()) else { return };
    let hyphenated = token.is(TokenFlags::HYPHENATED);
    let lemma = match ENTRY_LEMMAS.get(usize::from(token.entry)) {
        // the token is the lexicon word (not the word with a period after it)
        Some(known) if token.entry != 0 && known.word_len == norm.len() && known.hyphenated == hyphenated => {
            Lemma { head: norm.get(..known.head_len).unwrap_or(norm), tail: known.tail }
        }
        _ => lemma_with(norm, lexicon::entry(token.entry), hyphenated),
    };
    let (head, tail) = lemma.parts();
    if tail.is_empty() {
        // a prefix of the norm: no copy
        let end = token.norm.start + head.len() as u32;
        token.lemma = LexRange { start: token.norm.start, end };
        return;
    }
    let start = lex.len();
    if head.is_empty() {
        // an irregular form's base (`said` -> `say`)
        lex.push_str(tail);
        token.lemma = LexRange { start: start as u32, end: lex.len() as u32 };
        return;
    }
    // The head is always a prefix of the norm; the lemma rules only touch ASCII words,
    // whose heads fit a small buffer. (String::extend_from_within would do, but needs
    // Rust 1.87.)
    let head_len = head.len();
    let mut buf = [0u8; 128];
    let Some(head_buf) = buf.get_mut(..head_len) else { return };
    head_buf.copy_from_slice(head.as_bytes());
    if let Ok(head) = std::str::from_utf8(head_buf) {
        lex.push_str(head);
    }
    lex.push_str(tail);
    token.lemma = LexRange { start: start as u32, end: lex.len() as u32 };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_lemmas_worked_out_once_are_the_rules_lemmas() {
        let mut known = 0;
        for (id, word, entry) in lexicon::words() {
            let stored = ENTRY_LEMMAS[usize::from(id)];
            let hyphenated = word.contains('-');
            assert_eq!(stored.hyphenated, hyphenated, "{word:?}");
            if stored.word_len != word.len() {
                continue;
            }
            known += 1;
            let lemma = Lemma { head: &word[..stored.head_len], tail: stored.tail };
            assert_eq!(lemma, lemma_with(word, Some(entry), hyphenated), "{word:?}");
        }
        assert!(known > 1000, "the lexicon's lemmas are stored");
    }

    #[test]
    fn tokens_of_lexicon_words_get_the_rules_lemmas() {
        let text = "Said the leaders: “We were seeking talks, and they sought them.” THE TALKS WERE \
                    HELD. He’s co-written it; it's re-elected; they'd been; U.S. troops left, \
                    e.g. FOCUSED focused women men stopped travelled don't won't";
        let doc = crate::Pipeline::standard().annotate_text(text, None).expect("runs");
        let mut lemmatised = 0;
        for (index, token) in doc.tokens().iter().enumerate() {
            let lower_word =
                token.kind == TokenKind::Word && token.is(TokenFlags::LOWER) && !token.is(TokenFlags::ABBREV);
            if doc.lemma(index) == doc.norm(index) && !lower_word && token.kind != TokenKind::Clitic {
                continue; // not lemmatised
            }
            lemmatised += 1;
            let norm = doc.norm(index);
            let rules = lemma_with(norm, lexicon::entry(token.entry), token.is(TokenFlags::HYPHENATED));
            assert!(rules.is(doc.lemma(index)), "{norm:?}: {rules} vs {:?}", doc.lemma(index));
        }
        assert!(lemmatised > 20);
    }
}
