//! Lines of a scraped page: split, rejoined where a link broke a sentence, measured
//! (words, stopwords, capitalisation, terminal punctuation, furniture lexicon) and
//! classified.

use super::lexicon;
use crate::meta;
use std::borrow::Cow;
use std::ops::Range;

/// What a line looks like on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A sentence or more of running text.
    Prose,
    /// Prose that repeats text seen earlier on the page.
    Dup,
    /// A related-article teaser: a title-case headline run into its summary.
    Teaser,
    /// A headline or a line in title case.
    Head,
    /// One to four words, no sentence punctuation: a menu item, a button.
    Menu,
    /// Any other short line: a subheading, a list item, a label.
    Short,
    /// A byline, a date line, a reporting-credits line.
    Meta,
    /// A photo caption or credit.
    Caption,
    /// A promo, share, sign-in, legal or cookie line.
    Boiler,
}

/// Measurements of one line.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Features {
    pub n_words: u32,
    pub n_chars: u32,
    pub n_cjk: u32,
    pub n_stop: u32,
    /// Words starting with a lowercase letter.
    pub n_lower: u32,
    /// Words starting with a cased letter.
    pub n_cased: u32,
    /// Capitalised function words not at a sentence start (`Talks In Tokyo`).
    pub n_cap_function: u32,
    /// Leading words in title case (`Police Arrest Two After Crash ...`).
    pub lead: u32,
    /// Function words among them.
    pub lead_function: u32,
    pub terminal: bool,
    pub has_digit: bool,
    pub boiler: bool,
    pub caption: bool,
    /// A header of what follows an article (`More on this topic`, `Comments`, a
    /// copyright line).
    pub end: bool,
    /// A comments header or copyright line: nothing after it is the article.
    pub hard_end: bool,
    pub related_header: bool,
    pub date: bool,
    pub byline: bool,
    pub signature: bool,
    pub paywall: bool,
}

/// One line of the page (after rejoining).
#[derive(Debug)]
pub(crate) struct Line<'a> {
    pub text: Cow<'a, str>,
    pub features: Features,
    pub kind: Kind,
}

const TERMINALS: &[char] = &['.', '!', '?', '…', '。', '！', '？'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Whether text ends a sentence (closing quotes and brackets allowed after the stop).
pub(crate) fn ends_sentence(text: &str) -> bool {
    for c in text.chars().rev() {
        if c.is_whitespace() || CLOSERS.contains(&c) {
            continue;
        }
        return TERMINALS.contains(&c);
    }
    false
}

/// `char::is_alphabetic` with the common cases answered without table lookups.
fn is_letter(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { is_word_char(c) && c.is_alphabetic() }
}

/// Whether a non-ASCII character can be part of a word: anything but punctuation,
/// symbols, spaces and emoji (an approximation of Unicode's word characters that needs
/// no table lookup; good enough to compare tokens).
fn is_word_char(c: char) -> bool {
    !matches!(
        u32::from(c),
        0x80..=0xbf
            | 0xd7
            | 0xf7
            | 0x2000..=0x2bff
            | 0x3000..=0x303f
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff0f
            | 0xff1a..=0xff20
            | 0xff3b..=0xff40
            | 0xff5b..=0xff65
            | 0x1f000..=0x1faff
    )
}

/// Whether a character has case at all (Latin, Greek, Cyrillic, Armenian).
fn is_bicameral(c: char) -> bool {
    matches!(u32::from(c), 0xc0..=0x58f | 0x1e00..=0x1fff)
}

/// A word without surrounding punctuation (`“Yes,”` → `Yes`), on bytes when the ends
/// are ASCII.
fn strip_word_punctuation(word: &str) -> &str {
    let bytes = word.as_bytes();
    let ascii_punctuation = |b: u8| matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'(' | b')');
    let (mut start, mut end) = (0, bytes.len());
    while start < end && ascii_punctuation(bytes[start]) {
        start += 1;
    }
    while end > start && ascii_punctuation(bytes[end - 1]) {
        end -= 1;
    }
    let inner = &word[start..end];
    match (inner.as_bytes().first(), inner.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii() && b.is_ascii() => inner,
        _ => word.trim_matches(is_word_punctuation),
    }
}

fn is_word_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '“' | '”' | '‘' | '’' | '(' | ')')
}

fn is_word_opener(c: char) -> bool {
    matches!(c, '(' | '"' | '“' | '‘' | '\'' | '[' | '¿' | '¡' | '«')
}

/// Splits a page into trimmed non-empty lines with their byte ranges.
pub(crate) fn split(input: &str) -> Vec<(&str, Range<usize>)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in input.split_inclusive('\n') {
        let end = start + piece.len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let offset = trimmed.as_ptr() as usize - piece.as_ptr() as usize;
            lines.push((trimmed, start + offset..start + offset + trimmed.len()));
        }
        start = end;
    }
    lines
}

/// Whether `next` continues the sentence `prev` left open: `prev` does not end a
/// sentence or a label, `next` starts in lower case (or with `,` `;` `)`), and one of
/// them is long enough to be prose rather than two menu items.
fn continues(prev: &str, next: &str) -> bool {
    let Some(first) = next.chars().next() else { return false };
    if !(first.is_lowercase() || matches!(first, ',' | ';' | ')')) {
        return false;
    }
    if ends_sentence(prev) || prev.ends_with(':') {
        return false;
    }
    // A line ending in a comma or a function word (`with`, `the`, `of`) is unfinished
    // whatever its length.
    let last_word = prev.rsplit(char::is_whitespace).next().unwrap_or("");
    let open_ended = last_word.ends_with(',')
        || (last_word.chars().all(char::is_lowercase)
            && lexicon::is_stopword_hash(lexicon::lowercase_hash(last_word)));
    open_ended || prev.split_whitespace().take(6).count() >= 6 || next.split_whitespace().take(6).count() >= 6
}

/// Rejoins sentences that the page broke into lines where it had links.
pub(crate) fn rejoin<'a>(pieces: Vec<(&'a str, Range<usize>)>) -> Vec<(Cow<'a, str>, Range<usize>)> {
    let mut out: Vec<(Cow<'a, str>, Range<usize>)> = Vec::with_capacity(pieces.len());
    for (text, range) in pieces {
        if let Some((last, last_range)) = out.last_mut() {
            if continues(last, text) {
                let joined = last.to_mut();
                joined.push(' ');
                joined.push_str(text);
                last_range.end = range.end;
                continue;
            }
        }
        out.push((Cow::Borrowed(text), range));
    }
    out
}

/// The running state of [`measure`] over a line's words.
struct WordStats<'t> {
    lists: &'static lexicon::WordLists,
    prev_word: Option<&'t str>,
    lead_over: bool,
}

impl<'t> WordStats<'t> {
    fn add(&mut self, f: &mut Features, word: &'t str) {
        let index = f.n_words;
        f.n_words += 1;
        let stripped = strip_word_punctuation(word);
        let first_upper = stripped.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
        let (is_stop, is_function) = if stripped.is_empty() || stripped.len() > 7 {
            (false, false)
        } else {
            let class = self.lists.class(lexicon::lowercase_hash(stripped));
            // Only a capitalised word can be a capitalised function word.
            (class.stop, first_upper && class.title_function)
        };
        if is_stop {
            f.n_stop += 1;
        }
        let first = match word.as_bytes()[0] {
            b'(' | b'"' | b'\'' | b'[' => word.trim_start_matches(is_word_opener).chars().next(),
            b if b.is_ascii() => Some(char::from(b)),
            _ => word.trim_start_matches(is_word_opener).chars().next(),
        };
        if let Some(c) = first.filter(|&c| is_letter(c)) {
            if c.is_lowercase() {
                f.n_lower += 1;
                f.n_cased += 1;
            } else if c.is_uppercase() {
                f.n_cased += 1;
            }
        }
        let raw_first_upper = match word.as_bytes()[0] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        };
        // A capitalised function word in mid-sentence (`Talks In Tokyo`); the word must
        // be bare (`In`, not `In,`).
        if index > 0
            && raw_first_upper
            && is_function
            && stripped.len() == word.len()
            && self.prev_word.is_some_and(|p| !ends_sentence(p) && !p.ends_with(':'))
        {
            f.n_cap_function += 1;
        }
        if !self.lead_over {
            match first {
                Some(c)
                    if c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '&' | '$' | '@' | '#' | '-' | '–' | '—' | ':') =>
                {
                    f.lead += 1;
                    if index > 0 && is_function {
                        f.lead_function += 1;
                    }
                }
                _ => self.lead_over = true,
            }
        }
        self.prev_word = Some(word);
    }
}

/// Measures a line.
#[cfg(test)]
pub(crate) fn measure(text: &str) -> Features {
    measure_with(text, &text.to_ascii_lowercase())
}

/// Measures a line, given its source in the ASCII-lowercased page.
pub(crate) fn measure_with(text: &str, lower_source: &str) -> Features {
    let mut f = Features::default();
    let mut words = WordStats { lists: lexicon::WordLists::get(), prev_word: None, lead_over: false };
    faultline_model::text::for_each_word(text, !text.is_ascii(), |word| words.add(&mut f, word));
    // Characters and CJK characters, counted on bytes: a character starts at every byte
    // that is not a UTF-8 continuation byte; the lead bytes E3..ED start the kana, CJK
    // ideograph and Hangul blocks (and a few neighbours, near enough).
    // Counted in u8 lanes over blocks of 255 bytes, which the compiler vectorises.
    let (mut n_chars, mut n_cjk, mut n_digits) = (0u32, 0u32, 0u32);
    for block in text.as_bytes().chunks(255) {
        let (mut chars, mut cjk, mut digits) = (0u8, 0u8, 0u8);
        for &b in block {
            chars += u8::from(b & 0xc0 != 0x80);
            cjk += u8::from(b.wrapping_sub(0xe3) <= 0xed - 0xe3);
            digits += u8::from(b.wrapping_sub(b'0') <= 9);
        }
        n_chars += u32::from(chars);
        n_cjk += u32::from(cjk);
        n_digits += u32::from(digits);
    }
    f.n_chars = n_chars;
    f.n_cjk = n_cjk;
    f.has_digit = n_digits > 0;
    // A wire signature after the last sentence (`... he said. KYODO NEWS`) does not
    // stop the line ending a sentence.
    let signature = meta::find_signature(text);
    f.signature = f.n_words <= 60 && signature.as_ref().is_some_and(|s| s.body_end == 0);
    f.terminal = match &signature {
        Some(s) if s.body_end > 0 => ends_sentence(&text[..s.body_end]),
        _ => ends_sentence(text),
    };
    let n_words = f.n_words as usize;
    let hits = lexicon::line_phrase_hits(lower_source, n_words);
    // The line's openings and headers are looked for at the start of long lines only.
    // ASCII case folding is enough: the lexicon is ASCII (and `©`).
    let head_end =
        if lower_source.len() > 2000 { floor_boundary(lower_source, 300) } else { lower_source.len() };
    let lower = &lower_source[..head_end];
    let found = lexicon::scan_with(lower, n_words, hits);
    f.boiler = found.boilerplate;
    f.caption = found.caption;
    f.hard_end = found.hard_end;
    f.end = found.end;
    f.related_header = found.related_header;
    f.paywall = found.paywall;
    f.date = n_words <= 12 && has_date_hint(text);
    f.byline = n_words <= 12 && is_byline_opening(lower);
    f
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn is_byline_opening(lower: &str) -> bool {
    ["by ", "written by ", "posted by ", "von ", "por ", "par "]
        .iter()
        .any(|o| lower.strip_prefix(o).is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace())))
}

fn is_month_word(word: &str) -> bool {
    meta::is_month(word)
}

fn is_day_number(word: &str) -> bool {
    if !word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let word = word.trim_end_matches([',', '.']);
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a short line carries a date or time: `Nov 19`, `19 November`, `2019-11-19`,
/// `11/19/2019`, `3 hours ago`, `8:03 am`.
pub(crate) fn has_date_hint(text: &str) -> bool {
    let mut words = [""; 16];
    let mut n = 0;
    for word in text.split_whitespace().take(16) {
        words[n] = word;
        n += 1;
    }
    let words = &words[..n];
    for (i, word) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        if is_month_word(word) && is_day_number(next) || is_day_number(word) && is_month_word(next) {
            return true;
        }
        let bytes = word.as_bytes();
        if bytes.len() >= 10
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4] == b'-'
            && bytes[5..7].iter().all(u8::is_ascii_digit)
            && bytes[7] == b'-'
        {
            return true;
        }
        if word.bytes().filter(|&b| b == b'/').count() == 2
            && word.split('/').all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return true;
        }
        if word.eq_ignore_ascii_case("ago") && i >= 1 {
            let unit = words[i - 1].to_ascii_lowercase();
            if ["min", "mins", "minute", "minutes", "hour", "hours", "h", "day", "days", "hr", "hrs"]
                .contains(&unit.as_str())
                && i >= 2
                && words[i - 2].bytes().all(|b| b.is_ascii_digit())
            {
                return true;
            }
        }
        if let Some((h, m)) = word.split_once(':') {
            let m = m.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if (1..=2).contains(&h.len())
                && h.bytes().all(|b| b.is_ascii_digit())
                && m.len() == 2
                && m.bytes().all(|b| b.is_ascii_digit())
            {
                return true;
            }
        }
    }
    false
}

/// Page-level facts that the classification of one line depends on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PageStats {
    /// The page is in a language whose stopwords we know (so a long line without any
    /// is not prose).
    pub stopword_language: bool,
}

impl PageStats {
    pub(crate) fn of(features: &[Features]) -> PageStats {
        let (mut words, mut stops) = (0u64, 0u64);
        for f in features.iter().filter(|f| f.n_words >= 8) {
            words += u64::from(f.n_words);
            stops += u64::from(f.n_stop);
        }
        PageStats { stopword_language: words > 0 && stops * 100 >= words * 8 }
    }
}

/// Classifies a measured line.
pub(crate) fn classify(f: &Features, page: PageStats) -> Kind {
    if f.boiler {
        return Kind::Boiler;
    }
    if f.caption {
        return Kind::Caption;
    }
    if f.byline || f.date || f.signature {
        return Kind::Meta;
    }
    let n_words = f64::from(f.n_words);
    let cjk = f.n_cjk * 3 >= f.n_chars;
    let effective = effective_words(f);
    let stop_ratio = f64::from(f.n_stop) / n_words.max(1.0);
    let lower_ratio = f64::from(f.n_lower) / f64::from(f.n_cased.max(1));
    let cased = f.n_cased >= (f.n_words / 2).max(1);
    let mut sentence_like = cjk || !cased || stop_ratio >= 0.12 || lower_ratio >= 0.45;
    let mut headline_like = false;
    if f.n_cap_function >= 2 && f.n_cap_function * 8 >= f.n_words {
        sentence_like = false;
        headline_like = true;
    }
    if !cjk && cased && f64::from(f.n_cased - f.n_lower) >= 0.6 * f64::from(f.n_cased) && stop_ratio < 0.1 {
        sentence_like = false;
        headline_like = true;
    }
    if f.lead >= 5 && f.lead_function >= 1 && f.lead < f.n_words {
        return Kind::Teaser;
    }
    if effective >= 8.0 && sentence_like && f.terminal {
        return Kind::Prose;
    }
    if effective >= 20.0 && sentence_like && (cjk || stop_ratio >= 0.12 || !page.stopword_language) {
        return Kind::Prose;
    }
    if headline_like && f.n_words >= 4 {
        return Kind::Head;
    }
    if f.n_words <= 4 && !f.terminal && !f.has_digit {
        return Kind::Menu;
    }
    Kind::Short
}

/// Words, or for CJK text its characters / 2.5.
pub(crate) fn effective_words(f: &Features) -> f64 {
    if f.n_cjk * 3 >= f.n_chars { f64::from(f.n_chars) / 2.5 } else { f64::from(f.n_words) }
}

/// For each byte: its lowercase form if it is an ASCII word character, 0 if it separates
/// words, 0xFF if it starts or continues a multi-byte character.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            0xff
        } else if byte.is_ascii_alphanumeric() || byte == b'_' {
            byte.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Lowercase hashes of a line's word tokens (runs of letters, digits and `_`).
pub(crate) fn token_hashes(text: &str, out: &mut Vec<u64>) {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    out.clear();
    let mut hash: u64 = START;
    let mut in_token = false;
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let class = BYTE_CLASS[usize::from(bytes[i])];
        if class == 0 {
            if in_token {
                out.push(hash);
                in_token = false;
            }
            i += 1;
            continue;
        }
        if class != 0xff {
            if !in_token {
                hash = START;
                in_token = true;
            }
            // The rest of an ASCII run of the token, in a loop of its own.
            hash = (hash ^ u64::from(class)).wrapping_mul(PRIME);
            i += 1;
            while let Some(&b) = bytes.get(i) {
                let class = BYTE_CLASS[usize::from(b)];
                if class == 0 || class == 0xff {
                    break;
                }
                hash = (hash ^ u64::from(class)).wrapping_mul(PRIME);
                i += 1;
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if is_word_char(c) {
            if !in_token {
                hash = START;
                in_token = true;
            }
            if is_bicameral(c) {
                for lower in c.to_lowercase() {
                    hash = (hash ^ u64::from(lower)).wrapping_mul(PRIME);
                }
            } else {
                hash = (hash ^ u64::from(c)).wrapping_mul(PRIME);
            }
        } else if in_token {
            out.push(hash);
            in_token = false;
        }
    }
    if in_token {
        out.push(hash);
    }
}

/// Builds the page's lines: split, rejoined, measured, classified.
pub(crate) fn lines(input: &str) -> Vec<Line<'_>> {
    let joined = rejoin(split(input));
    // One lowercase copy of the page (ASCII folding keeps every offset) rather than one
    // per line.
    let lower_page = input.to_ascii_lowercase();
    let features: Vec<Features> = joined
        .iter()
        .map(|(text, range)| measure_with(text, lower_page.get(range.clone()).unwrap_or("")))
        .collect();
    let page = PageStats::of(&features);
    joined
        .into_iter()
        .zip(features)
        .map(|((text, _), features)| {
            let kind = classify(&features, page);
            Line { text, features, kind }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(input: &str) -> Vec<String> {
        rejoin(split(input)).into_iter().map(|(t, _)| t.into_owned()).collect()
    }

    #[test]
    fn rejoins_link_broken_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr Lavrov also said that Japan is seeking to accelerate militarisation, citing\n\ndefence spending increases\n\nunder Prime Minister Sanae Takaichi’s administration.",
                &[
                    "Mr Lavrov also said that Japan is seeking to accelerate militarisation, citing defence spending increases under Prime Minister Sanae Takaichi’s administration.",
                ],
            ),
            (
                "His comments come after Ms Takaichi\nsaid in a session in November\nthat an attack could happen.",
                &[
                    "His comments come after Ms Takaichi said in a session in November that an attack could happen.",
                ],
            ),
            ("Home\nnews\nsport", &["Home", "news", "sport"]),
            ("The talks ended on Tuesday.\nthen nothing", &["The talks ended on Tuesday.", "then nothing"]),
            (
                "Follow topic:\nrussia and china and japan and more",
                &["Follow topic:", "russia and china and japan and more"],
            ),
            (
                "The minister said the army would stay\n, officials added later in the day.",
                &["The minister said the army would stay , officials added later in the day."],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(joined(input), *expected, "{input}");
        }
    }

    #[test]
    fn kinds() {
        let page = PageStats { stopword_language: true };
        let cases: &[(&str, Kind)] = &[
            (
                "Russia will support China if a Taiwan contingency flares up, Foreign Minister Sergei Lavrov said.",
                Kind::Prose,
            ),
            ("Home", Kind::Menu),
            ("Privacy Policy", Kind::Boiler),
            ("Sign up now: Get insights on Asia's fast-moving developments", Kind::Boiler),
            ("PHOTO: EPA", Kind::Caption),
            ("By Jane Doe", Kind::Meta),
            ("Nov. 19, 2019 8:03 am ET", Kind::Meta),
            ("(Reporting by Jane Doe; Editing by John Roe)", Kind::Meta),
            ("Why Japan Will Not Yield As Dispute With China Escalates", Kind::Head),
            (
                "Police Arrest Two After Crash In Downtown Detroit Police said two men were held after the crash on Monday.",
                Kind::Teaser,
            ),
            ("What Does Stadia Offer?", Kind::Short),
            (
                "Change language & content: Afrique francophone (français) América Latina (español) Argentina (español) Australia (English) Belgique (français) Brasil (português)",
                Kind::Short,
            ),
        ];
        for (text, kind) in cases {
            assert_eq!(classify(&measure(text), page), *kind, "{text}");
        }
    }

    #[test]
    fn date_hints() {
        for (text, hint) in [
            ("Nov 19", true),
            ("19 November 2019", true),
            ("2019-11-19T12:48:14Z", true),
            ("11/19/2019", true),
            ("3 hours ago", true),
            ("Updated 8:03 am", true),
            ("Mayor of May Town", false),
            ("The 3/4 majority", false),
        ] {
            assert_eq!(has_date_hint(text), hint, "{text}");
        }
    }

    #[test]
    fn tokens() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        token_hashes("Russia’s TALKS, in Tokyo!", &mut a);
        token_hashes("russia s talks in tokyo", &mut b);
        assert_eq!(a, b);
        assert_eq!(a.len(), 5);
    }
}
