//! Word lists of the scraped-text extractor: stopwords (to tell prose from menus), the
//! boilerplate lexicon (promos, share prompts, legal lines, cookie notices), caption
//! and credit openings, the markers that end an article (comments, related headlines,
//! copyright) and paywall prompts.
//!
//! Every test here is on a line's lowercase text. Lists are small and general: they name
//! kinds of page furniture every news site has, never one site's wording.

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, dfa};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: a fast hash for short keys (stopwords, token hashes), no dependency.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // Keys that are already hashes: mix once.
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 ^= self.0 >> 29;
    }
}

pub(crate) type FnvSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

/// Function words of the languages news is most often scraped in. A line of prose has
/// some; a menu, a headline list or a tag cloud has few.
const STOPWORDS: &[&str] = &[
    // English
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "not", "no", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his",
    "her", "their", "our", "your", "my", "me", "him", "them", "us", "who", "whom", "which", "what", "when",
    "where", "why", "how", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
    "than", "then", "there", "here", "also", "so", "such", "only", "just", "about", "into", "over", "after",
    "before", "under", "between", "through", "during", "while", "because", "since", "until", "up", "out",
    "more", "most", "other", "some", "any", "all", "each", "both", "very", "said", "says", "say",
    // Russian
    "и", "в", "не", "на", "что", "с", "по", "как", "а", "к", "но", "из", "у", "за", "от", "о", "же", "это",
    "то", "для", "так", "его", "она", "он", "они", "ещё", "мы", "вы", "бы", "до", // German
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "im", "ein", "eine", "auf", "für",
    "sich", "dem", "des", "auch", "es", "sie", "wir", // French
    "de", "la", "le", "les", "et", "des", "un", "une", "du", "en", "est", "pour", "que", "qui", "dans",
    "pas", "sur", "au", "par", "avec", "il", "elle", // Portuguese and Spanish
    "o", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "os", "as", "no", "na", "se", "por",
    "mais", "foi", "é", "el", "los", "las", "y", "del", "con", "su", "es", "al", "lo", "como",
    // Indonesian and Malay
    "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada", "juga",
    "ke", "karena", "ada", "kita", "saya", "atau", "bisa", // Italian
    "il", "che", "è", "per", "non", "sono", "della", "gli", "si", // Dutch
    "het", "een", "van", "en", "dat", "op", "te", "zijn", "niet", "met", "voor",
];

/// The FNV-1a hash of a word's lowercase form, computed without copying the word.
pub(crate) fn lowercase_hash(word: &str) -> u64 {
    // One pass for ASCII words (most words; they are short, so testing `is_ascii` first
    // cost as much as the hash): the bytes are hashed as if ASCII, and a word that turns
    // out not to be is hashed again, out of line.
    let mut hash = Fnv::default().0;
    let mut any = 0u8;
    for &b in word.as_bytes() {
        any |= b;
        hash = (hash ^ u64::from(ASCII_LOWER[usize::from(b)])).wrapping_mul(0x0100_0000_01b3);
    }
    if any.is_ascii() { hash } else { unicode_lowercase_hash(word) }
}

/// `u8::to_ascii_lowercase` as a table (one load instead of a compare and a select).
static ASCII_LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let byte = b as u8;
        table[b] = byte.to_ascii_lowercase();
        b += 1;
    }
    table
};

#[cold]
#[inline(never)]
fn unicode_lowercase_hash(word: &str) -> u64 {
    let mut hasher = Fnv::default();
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        hasher.write(c.encode_utf8(&mut buf).as_bytes());
    }
    hasher.finish()
}

/// Whether a word (any case) is a stopword.
pub(crate) fn is_stopword_hash(hash: u64) -> bool {
    WordLists::get().class(hash).stop
}

/// What the word lists say about a word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordClass {
    /// A stopword.
    pub stop: bool,
    /// A function word that a headline capitalises and a sentence does not (`Talks In
    /// Tokyo End Without A Deal`).
    pub title_function: bool,
    /// A word that only English uses this often ([`is_plainly_english`]).
    pub english_marker: bool,
}

/// The stopwords, title function words and English marker words by the hash of their
/// lowercase form, in one open-addressing table: every word of every line is looked up, and one probe of a
/// small flat table costs a fraction of two hash-set lookups.
pub(crate) struct WordLists {
    /// `(hash, flags)`; flags 0 marks an empty slot.
    slots: Box<[(u64, u8)]>,
}

impl WordLists {
    const STOP: u8 = 1;
    const TITLE_FUNCTION: u8 = 2;
    const ENGLISH_MARKER: u8 = 4;
    const BITS: u32 = 10;

    pub(crate) fn get() -> &'static WordLists {
        static LISTS: OnceLock<WordLists> = OnceLock::new();
        LISTS.get_or_init(|| {
            let mut lists = WordLists { slots: vec![(0, 0); 1 << Self::BITS].into_boxed_slice() };
            for word in STOPWORDS {
                lists.insert(lowercase_hash(word), Self::STOP);
            }
            for word in TITLE_FUNCTION_WORDS {
                lists.insert(lowercase_hash(word), Self::TITLE_FUNCTION);
            }
            for word in ENGLISH_MARKERS {
                lists.insert(lowercase_hash(word), Self::ENGLISH_MARKER);
            }
            lists
        })
    }

    fn slot(hash: u64) -> usize {
        // Fibonacci hashing: the top bits of a multiplication.
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::BITS)) as usize
    }

    fn insert(&mut self, hash: u64, flag: u8) {
        let mask = self.slots.len() - 1;
        let mut index = Self::slot(hash);
        loop {
            let (key, flags) = &mut self.slots[index];
            if *flags == 0 || *key == hash {
                *key = hash;
                *flags |= flag;
                return;
            }
            index = (index + 1) & mask;
        }
    }

    /// The lists' verdict on a word, by [`lowercase_hash`].
    pub(crate) fn class(&self, hash: u64) -> WordClass {
        let mask = self.slots.len() - 1;
        let mut index = Self::slot(hash);
        loop {
            let (key, flags) = self.slots[index];
            if flags == 0 {
                return WordClass::default();
            }
            if key == hash {
                return WordClass {
                    stop: flags & Self::STOP != 0,
                    title_function: flags & Self::TITLE_FUNCTION != 0,
                    english_marker: flags & Self::ENGLISH_MARKER != 0,
                };
            }
            index = (index + 1) & mask;
        }
    }
}

/// Words that only English uses this often (`the`, `and`, `of`, `that`...).
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "of", "that", "with", "was", "for", "is", "said", "from", "have", "has", "this", "are",
    "were", "which", "would", "it", "its", "he", "she", "they", "their", "will",
];

/// Whether a text is plainly English: at least one word in ten (and four in all) is an
/// English marker word; other languages' texts have almost none. The language guesser
/// is only needed for the other texts.
pub(crate) fn is_plainly_english(text: &str) -> bool {
    let (mut words, mut markers) = (0u32, 0u32);
    let lists = WordLists::get();
    faultline_model::text::for_each_word(text, true, |word| {
        words += 1;
        // Most words start and end with an ASCII letter or digit: nothing to trim.
        let bytes = word.as_bytes();
        let bare = bytes[0].is_ascii_alphanumeric() && bytes[bytes.len() - 1].is_ascii_alphanumeric();
        let word = if bare { word } else { word.trim_matches(|c: char| !c.is_alphanumeric()) };
        if (1..=5).contains(&word.len()) && lists.class(lowercase_hash(word)).english_marker {
            markers += 1;
        }
    });
    words >= 20 && markers >= 4 && markers * 10 >= words
}

/// Function words that a headline capitalises and a sentence does not.
const TITLE_FUNCTION_WORDS: &[&str] = &[
    "of", "to", "in", "for", "and", "with", "on", "at", "from", "after", "by", "the", "a", "an", "as", "is",
    "are", "over", "into", "about", "against", "amid",
];

/// Openings of promo, share, sign-in, legal and navigation lines.
const BOILERPLATE_OPENINGS: &[&str] = &[
    "sign up",
    "subscribe",
    "read more",
    "read also",
    "related:",
    "follow us",
    "follow ",
    "share this",
    "share on",
    "advertisement",
    "copyright",
    "©",
    "all rights reserved",
    "click here",
    "click to",
    "see more",
    "also read",
    "also on",
    "you may also like",
    "log in",
    "sign in",
    "newsletter",
    "get the latest",
    "this article",
    "tags:",
    "tag:",
    "filed under",
    "topics:",
    "previous article",
    "next article",
    "download the app",
    "need help",
    "you are commenting",
    "continue reading",
    "skip to",
    "want to",
    "don't miss",
    "don’t miss",
    "get our",
    "join our",
    "listen to",
    "watch:",
    "watch the",
    "advertise",
    "read the full",
    "to read the full",
];

/// Phrases that make a short line boilerplate wherever they occur in it.
const BOILERPLATE_PHRASES: &[&str] = &[
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms of service",
    "sign up for",
    "subscribe to",
    "newsletter",
    "click here",
    "javascript",
    "your browser",
    "©",
];

/// Openings of photo captions and credits.
const CAPTION_OPENINGS: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "image copyright",
    "image caption",
    "picture:",
    "credit:",
    "pictured:",
    "caption:",
    "file photo",
    "file:",
    "illustration:",
    "(photo",
    "[photo",
];

/// Phrases that mark a caption or credit inside a line.
const CAPTION_PHRASES: &[&str] = &[
    "(ap photo",
    "reuters/",
    "getty images",
    "/afp",
    "afp/",
    "photo credit",
    "image credit",
    "/ap photo",
    "photo/",
    "shutterstock",
    "(photo:",
    "(credit:",
    "(image:",
];

/// Whole lines (lowercase, brackets, counts and colons stripped) that head what comes
/// after an article: comments, related and recommended headlines, tags.
const END_HEADERS: &[&str] = &[
    "comments",
    "comment",
    "responses",
    "response",
    "replies",
    "reply",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the discussion",
    "join the conversation",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "related coverage",
    "related reading",
    "more on this topic",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "read next",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "trending",
    "trending now",
    "trending stories",
    "popular stories",
    "popular posts",
    "popular articles",
    "tag",
    "tags",
    "topics",
    "about the author",
    "latest",
    "latest news",
    "latest stories",
    "top stories",
    "more stories",
    "further reading",
    "see also",
];

/// End headers after which nothing is the article (comments).
const COMMENT_HEADERS: &[&str] = &[
    "comments",
    "comment",
    "responses",
    "response",
    "replies",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the discussion",
    "join the conversation",
];

/// Headers that introduce related headlines (`More on this topic`).
const RELATED_HEADERS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "related coverage",
    "related reading",
    "more on this topic",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "read next",
    "read more",
    "more stories",
    "further reading",
    "see also",
];

/// Inline openings of a related link inside the body (`Read more: ...`).
pub(crate) const RELATED_INLINE: &[&str] = &[
    "related:",
    "read more:",
    "read also:",
    "also read:",
    "see also:",
    "more:",
    "recommended:",
    "watch:",
    "read:",
];

/// Prompts of a paywall or subscription stub.
const PAYWALL_PHRASES: &[&str] = &[
    "to read the full story",
    "to continue reading",
    "subscribe to continue",
    "subscribe to read",
    "subscribers only",
    "subscriber-only",
    "for subscribers",
    "already a subscriber",
    "sign in to continue",
    "log in to continue",
    "this content is only available",
    "this article is only available",
    "premium content",
    "become a member to",
    "unlock this article",
    "start your subscription",
];

/// A header line's key: lowercase without surrounding brackets, a leading count, a
/// trailing colon or count (`[ 167 comments ]` → `comments`, `Comments (12)` →
/// `comments`).
fn header_key(lower: &str) -> &str {
    let key = lower.trim().trim_matches(|c: char| {
        matches!(c, '[' | ']' | '(' | ')' | ':' | '»' | '›' | '>') || c.is_whitespace()
    });
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
    key.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | ':')).trim_end()
}

/// An anchored automaton: does a line start with one of these openings?
fn openings_automaton(openings: &'static [&'static str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .start_kind(aho_corasick::StartKind::Anchored)
        .build(openings)
        .expect("openings automaton from constant lists")
}

fn starts_with_any(automaton: &aho_corasick::AhoCorasick, lower: &str) -> bool {
    let input = aho_corasick::Input::new(lower).anchored(aho_corasick::Anchored::Yes);
    automaton.try_find(input).ok().flatten().is_some()
}

fn starts_with_boilerplate(lower: &str) -> bool {
    static AUTOMATON: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    starts_with_any(AUTOMATON.get_or_init(|| openings_automaton(BOILERPLATE_OPENINGS)), lower)
}

fn starts_with_caption(lower: &str) -> bool {
    static AUTOMATON: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    starts_with_any(AUTOMATON.get_or_init(|| openings_automaton(CAPTION_OPENINGS)), lower)
}

fn header_set(list: &'static [&'static str]) -> FnvSet<&'static str> {
    list.iter().copied().collect()
}

fn is_in(set: &'static OnceLock<FnvSet<&'static str>>, list: &'static [&'static str], key: &str) -> bool {
    set.get_or_init(|| header_set(list)).contains(key)
}

static END_SET: OnceLock<FnvSet<&'static str>> = OnceLock::new();
static COMMENT_SET: OnceLock<FnvSet<&'static str>> = OnceLock::new();
static RELATED_SET: OnceLock<FnvSet<&'static str>> = OnceLock::new();

/// Phrases searched inside lines, with what each one means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phrase {
    Boilerplate,
    Caption,
    Paywall,
    Cookie,
    CookieContext,
    HardEnd,
}

/// Which kinds of phrase a line contains: one pass of an Aho-Corasick automaton over
/// every phrase list.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PhraseHits(u8);

impl PhraseHits {
    fn has(self, phrase: Phrase) -> bool {
        self.0 & (1 << phrase as u8) != 0
    }
}

fn phrase_automaton() -> &'static (dfa::DFA, Vec<Phrase>) {
    static AUTOMATON: OnceLock<(dfa::DFA, Vec<Phrase>)> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let mut patterns: Vec<&str> = Vec::new();
        let mut kinds = Vec::new();
        let lists: [(&[&str], Phrase); 6] = [
            (BOILERPLATE_PHRASES, Phrase::Boilerplate),
            (CAPTION_PHRASES, Phrase::Caption),
            (PAYWALL_PHRASES, Phrase::Paywall),
            (&["cookie"], Phrase::Cookie),
            (&["website", "browser", "consent", "we use", "this site"], Phrase::CookieContext),
            (&["comments feed", "comment feed", "all rights reserved"], Phrase::HardEnd),
        ];
        for (list, kind) in lists {
            for pattern in list {
                patterns.push(pattern);
                kinds.push(kind);
            }
        }
        // The phrase lists are a few dozen short constants: building cannot fail.
        let automaton = dfa::DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .expect("phrase automaton from constant lists");
        (automaton, kinds)
    })
}

/// The kinds of phrase a lowercase line contains.
///
/// The crate's non-overlapping search with standard semantics, written out over its
/// DFA: each match is the first one to end, reported as the first pattern of its match
/// state, and the search starts again after it. The crate's iterator returns to the
/// caller at every match and checks its position in memory at every byte; this loop
/// keeps its state in registers.
pub(crate) fn phrase_hits(lower: &str) -> PhraseHits {
    let (automaton, kinds) = phrase_automaton();
    let mut hits = 0u8;
    let haystack = lower.as_bytes();
    let Ok(start) = automaton.start_state(Anchored::No) else { return PhraseHits(0) };
    let mut state = start;
    let mut at = 0;
    while at < haystack.len() {
        while let Some(&byte) = haystack.get(at) {
            state = automaton.next_state(Anchored::No, state, byte);
            at += 1;
            if automaton.is_special(state) {
                break;
            }
        }
        if automaton.is_match(state) {
            let pattern = automaton.match_pattern(state, 0);
            if let Some(kind) = kinds.get(pattern.as_usize()) {
                hits |= 1 << *kind as u8;
            }
            state = start;
        } else if automaton.is_dead(state) {
            break;
        }
    }
    PhraseHits(hits)
}

/// A comment count, a comments feed, a copyright or "all rights reserved" line.
fn is_hard_end_line(lower: &str, hits: PhraseHits) -> bool {
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &lower[digits..];
        if rest.starts_with(" comments ") || rest.starts_with(" responses ") {
            return true;
        }
    }
    if hits.has(Phrase::HardEnd) {
        return true;
    }
    for opening in ["©", "copyright"] {
        if let Some(rest) = lower.strip_prefix(opening) {
            let rest = rest.trim_start();
            if rest.starts_with("by") || rest.bytes().take(4).filter(u8::is_ascii_digit).count() == 4 {
                return true;
            }
        }
    }
    false
}

/// What the lexicon says about one line.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineLexicon {
    pub boilerplate: bool,
    pub caption: bool,
    pub end: bool,
    pub hard_end: bool,
    pub related_header: bool,
    pub paywall: bool,
}

/// Phrases of the kinds that count on a long line (see [`PhraseHits::for_words`]), or
/// words of them.
const LONG_LINE_PHRASES: [&str; 3] = ["cookie", "comment", "all rights reserved"];

/// The kinds of phrase a lowercase line of `n_words` words contains, or at least those
/// that count for its length.
///
/// The automaton steps through every byte (its standard match semantics rule out its
/// fast prefilters), and most of a news page's text is in long lines where only cookie
/// notices and hard ends count: a long line that holds none of their words, which
/// `memmem` tells at a fraction of the cost, holds nothing that counts. (Cookie notice
/// context alone counts for nothing.)
pub(crate) fn line_phrase_hits(lower: &str, n_words: usize) -> PhraseHits {
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    if n_words > LONG_LINE_WORDS {
        let finders =
            FINDERS.get_or_init(|| LONG_LINE_PHRASES.iter().map(memchr::memmem::Finder::new).collect());
        if finders.iter().all(|finder| finder.find(lower.as_bytes()).is_none()) {
            return PhraseHits::default();
        }
    }
    phrase_hits(lower)
}

/// Lines of more words are long (see [`PhraseHits::for_words`]).
const LONG_LINE_WORDS: usize = 60;

impl PhraseHits {
    /// The kinds that count on a long line (more than 60 words): cookie notices and
    /// hard ends; a long line is never a short promo or a caption.
    fn for_words(self, n_words: usize) -> PhraseHits {
        if n_words <= LONG_LINE_WORDS {
            return self;
        }
        let keep =
            (1 << Phrase::Cookie as u8) | (1 << Phrase::CookieContext as u8) | (1 << Phrase::HardEnd as u8);
        PhraseHits(self.0 & keep)
    }
}

/// All lexicon tests of a lowercase line at once (one phrase scan, one header key).
#[cfg(test)]
pub(crate) fn scan(lower: &str, n_words: usize) -> LineLexicon {
    scan_with(lower, n_words, phrase_hits(lower))
}

/// All lexicon tests of a lowercase line, given the phrases found in it.
pub(crate) fn scan_with(lower: &str, n_words: usize, hits: PhraseHits) -> LineLexicon {
    let hits = hits.for_words(n_words);
    let mut found = LineLexicon {
        boilerplate: is_boilerplate(lower, n_words, hits),
        caption: is_caption(lower, n_words, hits),
        paywall: is_paywall_prompt(lower, hits),
        ..LineLexicon::default()
    };
    if lower.len() <= 60 {
        let key = header_key(lower);
        if (3..=40).contains(&key.len()) {
            let more_from = key.starts_with("more from ");
            found.end = is_in(&END_SET, END_HEADERS, key) || more_from || key.starts_with("also in ");
            found.related_header = is_in(&RELATED_SET, RELATED_HEADERS, key) || more_from;
            found.hard_end = found.end && is_in(&COMMENT_SET, COMMENT_HEADERS, key);
        }
    }
    if !found.hard_end {
        found.hard_end = is_hard_end_line(lower, hits);
    }
    found.end |= found.hard_end;
    found
}

/// Whether a lowercase line is a promo, share, sign-in, legal or cookie line.
pub(crate) fn is_boilerplate(lower: &str, n_words: usize, hits: PhraseHits) -> bool {
    (hits.has(Phrase::Cookie) && hits.has(Phrase::CookieContext))
        || starts_with_boilerplate(lower)
        || (n_words <= 40 && hits.has(Phrase::Boilerplate))
}

/// Whether a lowercase line is a photo caption or credit (or a gallery counter,
/// `1 of 4 ...`, `Image 1 of 23`).
pub(crate) fn is_caption(lower: &str, n_words: usize, hits: PhraseHits) -> bool {
    is_gallery_counter(lower) || starts_with_caption(lower) || (n_words <= 60 && hits.has(Phrase::Caption))
}

/// `1 of 4 ...`, `Image 1 of 23`, `photo 3/12`.
fn is_gallery_counter(lower: &str) -> bool {
    let rest = lower.strip_prefix("image ").or_else(|| lower.strip_prefix("photo ")).unwrap_or(lower);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = &rest[digits..];
    let rest =
        rest.strip_prefix(" of ").or_else(|| rest.strip_prefix(" / ")).or_else(|| rest.strip_prefix('/'));
    rest.is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a lowercase line is a paywall prompt.
pub(crate) fn is_paywall_prompt(lower: &str, hits: PhraseHits) -> bool {
    lower.len() < 400 && hits.has(Phrase::Paywall)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase search finds what the crate's own non-overlapping search finds, on
    /// lines where phrases overlap, repeat, share a pattern between lists (`all rights
    /// reserved`) or hold non-ASCII bytes (`©`).
    #[test]
    fn phrase_hits_as_the_crate_finds_them() {
        let (automaton, kinds) = phrase_automaton();
        assert_eq!(automaton.patterns_len(), kinds.len());
        let crate_search = aho_corasick::AhoCorasick::new(
            BOILERPLATE_PHRASES
                .iter()
                .chain(CAPTION_PHRASES)
                .chain(PAYWALL_PHRASES)
                .chain(&["cookie", "website", "browser", "consent", "we use", "this site"])
                .chain(&["comments feed", "comment feed", "all rights reserved"]),
        )
        .unwrap();
        for line in [
            "",
            "© 2019 associated press. all rights reserved.",
            "all rights reservedall rights reserved",
            "we use cookies on this website. by using this site you consent",
            "subscribe to continue reading: subscribe to read the full story",
            "(ap photo/evan vucci) reuters/afp/getty images shutterstock photo credit",
            "the comment feed and comments feed; privacy policyterms of use",
            "click here to sign up for our newsletter in your browser (javascript)",
            "a line of prose with nothing in it, as most lines are.",
            "©©© photo/photo/ (photo: (credit: (image: /ap photo /afp afp/",
        ] {
            let mut expected = 0u8;
            for found in crate_search.find_iter(line) {
                expected |= 1 << kinds[found.pattern().as_usize()] as u8;
            }
            assert_eq!(phrase_hits(line).0, expected, "{line}");
        }
    }

    #[test]
    fn headers() {
        for (line, end, hard, related) in [
            ("more on this topic", true, false, true),
            ("[ 167 comments ]", true, true, false),
            ("comments (12)", true, true, false),
            ("34 comments feed for comments back to top", true, true, false),
            ("related articles:", true, false, true),
            ("© 2019 associated press. all rights reserved.", true, true, false),
            ("copyright 2025 sph media", true, true, false),
            ("© john brecher needle poking skin", false, false, false),
            ("more from wired", true, false, true),
            ("the comments were rejected by the minister.", false, false, false),
        ] {
            let found = scan(line, line.split_whitespace().count());
            assert_eq!(found.end, end, "end {line}");
            assert_eq!(found.hard_end, hard, "hard {line}");
            assert_eq!(found.related_header, related, "related {line}");
        }
    }

    #[test]
    fn furniture() {
        for (line, boiler, caption) in [
            ("sign up now: get insights on asia's fast-moving developments", true, false),
            ("follow topic:", true, false),
            ("this website uses cookies to improve your experience while you navigate.", true, false),
            ("1 of 4 a shopper looks at extension cords", false, true),
            ("image 1 of 23", false, true),
            ("photo: epa", false, true),
            ("traders work on the floor. reuters/brendan mcdermid", false, true),
            ("russia will support china if a taiwan contingency flares up.", false, false),
            ("following the talks, the ministers met again.", false, false),
        ] {
            let n = line.split_whitespace().count();
            let hits = phrase_hits(line);
            assert_eq!(is_boilerplate(line, n, hits), boiler, "boiler {line}");
            assert_eq!(is_caption(line, n, hits), caption, "caption {line}");
        }
    }
}
