//! The Tokens layer: a hand-written scanner over each block, with byte spans into the
//! text, a normalised form per token in one document buffer, and flags.
//!
//! Words keep internal hyphens (`survival-threatening`), apostrophes (`O'Brien`) and
//! dots (`U.S.`); possessives and contractions are split off (`Japan` `’s`, `do` `n't`);
//! known abbreviations and initials own their period (`Mr.`, `Dec.`, `J.`); decimals
//! and dates stay whole (`3.5`, `2025-12-28`). Quotation marks are opening or closing
//! by position, straight quotes by position and then by alternation within the block.

use crate::Doc;
use crate::doc::{LexRange, Token, TokenFlags, TokenKind};
use crate::lexicon;
use crate::pipeline::{Annotator, Layer, Layers};
use faultline_model::Span;

/// The Tokens layer (see the module documentation).
#[derive(Clone, Copy, Debug, Default)]
pub struct Tokenizer;

impl Annotator for Tokenizer {
    fn name(&self) -> &'static str {
        "tokens"
    }

    fn requires(&self) -> Layers {
        Layers::NONE
    }

    fn assigns(&self) -> Layers {
        Layer::Tokens.into()
    }

    fn annotate(&self, doc: &mut Doc) {
        tokenize::<true>(doc);
    }
}

/// The Tokens layer over `doc`; without `SHORTCUTS`, every word takes the general scan
/// and every token the char-by-char normal form (for tests: the same tokens).
fn tokenize<const SHORTCUTS: bool>(doc: &mut Doc) {
    crate::lexicon::warm_up();
    let Doc { text, blocks, tokens, lex, .. } = doc;
    tokens.clear();
    // The normal forms of ASCII tokens are their spans of the text in ASCII lower
    // case: one lowercased copy of the text (up to the end of the last block) holds
    // them all, and only the other tokens' forms are appended after it.
    let covered = blocks.iter().map(|b| b.span.end as usize).max().unwrap_or(0).min(text.len());
    lex.clear();
    lex.reserve(covered + covered / 4);
    lex.push_str(&text[..covered]);
    lex.make_ascii_lowercase();
    // About one token per 5.5 bytes of news text.
    tokens.reserve(text.len() / 5);
    for block in blocks.iter() {
        let mut scanner = Scanner::<SHORTCUTS> {
            text,
            bytes: text.as_bytes(),
            start: block.span.start as usize,
            end: block.span.end as usize,
            pos: block.span.start as usize,
            tokens,
            lex,
            pending: TokenFlags::empty(),
            double_open: false,
            single_open: false,
        };
        scanner.run();
    }
}

/// How an abbreviation that owns its period behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Comes before a name, never ends a sentence: `Mr.`, `Gen.`, `St.`.
    Title,
    /// A month: ends a sentence only before a capitalised sentence starter.
    Month,
    /// A capital initial: `J.`, `V.`.
    Initial,
    /// Ends a name or place: `Inc.`, `Co.`, `Jr.`, `U.S.`, `Calif.`.
    Name,
    /// Often ends a sentence: `etc.`, `a.m.`, `p.m.`.
    Loose,
    /// Never ends a sentence: `e.g.`, `i.e.`, `vs.`, `No.` before a number.
    Inline,
}

/// The kind of abbreviation `word` (without its final period) is, if any.
pub(crate) fn abbrev_kind(word: &str) -> Option<Abbrev> {
    let bytes = word.as_bytes();
    let first = *bytes.first()?;
    if word.len() > 8 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    for (dst, src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
    if word.contains('.') {
        return Some(match lower {
            "a.m" | "p.m" => Abbrev::Loose,
            "e.g" | "i.e" | "cf" => Abbrev::Inline,
            _ => Abbrev::Name,
        });
    }
    if bytes.len() == 1 {
        return first.is_ascii_uppercase().then_some(Abbrev::Initial);
    }
    if first.is_ascii_uppercase() {
        return match lower {
            "mr" | "mrs" | "ms" | "mx" | "dr" | "prof" | "gen" | "lt" | "col" | "sen" | "rep" | "gov"
            | "st" | "capt" | "cpt" | "sgt" | "maj" | "adm" | "cmdr" | "cdr" | "brig" | "rev" | "hon"
            | "pres" | "supt" | "insp" | "det" | "fr" | "messrs" | "mme" | "mlle" | "amb" | "atty"
            | "sec" | "gens" | "lieut" | "pvt" | "cpl" | "spc" | "rt" | "msgr" | "sens" | "reps" | "govs" => {
                Some(Abbrev::Title)
            }
            "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov"
            | "dec" => Some(Abbrev::Month),
            "inc" | "co" | "corp" | "ltd" | "bros" | "jr" | "sr" | "plc" | "mt" | "ft" | "ave" | "blvd"
            | "rd" | "dept" | "univ" | "assn" | "intl" | "govt" | "cos" | "mfg" | "ala" | "ariz" | "ark"
            | "calif" | "colo" | "conn" | "fla" | "ga" | "ill" | "ind" | "kan" | "ky" | "la" | "md"
            | "mass" | "mich" | "minn" | "miss" | "mo" | "mont" | "neb" | "nev" | "okla" | "ore" | "pa"
            | "tenn" | "va" | "vt" | "wash" | "wis" | "wyo" => Some(Abbrev::Name),
            "no" | "nos" | "art" | "vol" | "fig" | "para" | "ch" => Some(Abbrev::Inline),
            "etc" | "approx" => Some(Abbrev::Loose),
            _ => None,
        };
    }
    match word {
        "etc" => Some(Abbrev::Loose),
        "vs" | "cf" | "approx" | "ca" | "viz" | "esp" | "incl" | "ibid" | "al" | "no" | "nos" | "pp"
        | "para" | "vol" | "art" | "fig" => Some(Abbrev::Inline),
        _ => None,
    }
}

/// Abbreviations that own their period only before a number (`No. 5`, `Art. 9`).
fn needs_number_after(word: &str) -> bool {
    matches!(
        word,
        "No" | "no"
            | "NO"
            | "Nos"
            | "nos"
            | "Art"
            | "art"
            | "Vol"
            | "vol"
            | "Fig"
            | "fig"
            | "pp"
            | "para"
            | "Para"
            | "Ch"
    )
}

/// Word characters: letters, digits, and the marks and joiners that extend them.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_general_punctuation(c) {
        return matches!(c, '\u{200C}' | '\u{200D}'); // general punctuation, but joiners
    }
    is_caseless_letter(c) || c.is_alphanumeric() || is_extend(c)
}

/// The General Punctuation block (dashes, quotation marks, spaces, joiners): none of
/// its characters is a letter, a digit or has case.
#[inline]
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Letters of common scripts without case (Indic, Thai, CJK, kana, Hangul), told
/// without the Unicode tables.
#[inline]
fn is_caseless_letter(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0963}' | '\u{0966}'..='\u{109F}' | '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Combining marks, joiners, variation selectors, emoji modifiers, soft hyphen.
#[inline]
fn is_extend(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200C}' | '\u{200D}' | '\u{00AD}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Invisible characters that separate like spaces.
#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Characters after which a quotation mark opens.
fn is_opening_context(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '(' | '['
                | '{'
                | '-'
                | '\u{2013}'
                | '\u{2014}'
                | '/'
                | ':'
                | '\u{201C}'
                | '\u{2018}'
                | '"'
                | '\''
        )
}

/// Characters before which a quotation mark closes.
fn is_closing_context(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            ',' | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '-'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
                | '\u{201D}'
                | '\u{2019}'
                | '"'
                | '\''
        )
}

/// Words before which `'s` is `is`/`has`/`us` rather than a possessive.
fn is_pronoun_for_clitic(word: &str) -> bool {
    const PRONOUNS: [&str; 14] = [
        "it", "he", "she", "that", "there", "what", "who", "here", "where", "how", "let", "everyone",
        "someone", "nobody",
    ];
    PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Bits of [`BYTE_CLASS`].
const LOWER: u8 = 1;
const UPPER: u8 = 1 << 1;
const DIGIT: u8 = 1 << 2;
const NON_ASCII: u8 = 1 << 3;
const ALNUM: u8 = LOWER | UPPER | DIGIT;

/// The case flags of an ASCII token by the union of its bytes' [`ALNUM`] classes.
static CASE_FLAGS: [TokenFlags; 8] = {
    let mut table = [TokenFlags::empty(); 8];
    let mut classes = 0;
    while classes < 8 {
        let (lower, upper, digit) = (classes & LOWER != 0, classes & UPPER != 0, classes & DIGIT != 0);
        let mut flags = TokenFlags::empty();
        if upper && !lower {
            flags = flags.union(TokenFlags::ALL_CAPS);
        }
        if lower && !upper {
            flags = flags.union(TokenFlags::LOWER);
        }
        if lower || upper {
            flags = flags.union(TokenFlags::HAS_ALPHA);
        }
        if digit {
            flags = flags.union(TokenFlags::HAS_DIGIT);
        }
        table[classes as usize] = flags;
        classes += 1;
    }
    table
};

/// The class of each byte: ASCII lower or upper case letter, ASCII digit, or non-ASCII.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_lowercase() {
            LOWER
        } else if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else if byte >= 0x80 {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The scanner over one block; `SHORTCUTS`: whether ASCII tokens and plain words take
/// their shortcuts (always but in tests).
struct Scanner<'a, const SHORTCUTS: bool> {
    text: &'a str,
    bytes: &'a [u8],
    /// The block: the scanner never reads outside it.
    start: usize,
    end: usize,
    pos: usize,
    tokens: &'a mut Vec<Token>,
    lex: &'a mut String,
    /// Whitespace flags for the next token.
    pending: TokenFlags,
    double_open: bool,
    single_open: bool,
}

impl<const SHORTCUTS: bool> Scanner<'_, SHORTCUTS> {
    /// The char at byte `i` and its length, if `i` is inside the block.
    #[inline(always)]
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        if i >= self.end {
            return None;
        }
        let b = self.bytes[i];
        if b < 0x80 {
            return Some((b as char, 1));
        }
        let c = self.text.get(i..self.end)?.chars().next()?;
        Some((c, c.len_utf8()))
    }

    #[inline]
    fn next_char(&self, i: usize) -> Option<char> {
        self.char_at(i).map(|(c, _)| c)
    }

    /// The char ending at byte `i`, if inside the block.
    fn char_before(&self, i: usize) -> Option<char> {
        if i <= self.start {
            return None;
        }
        let b = self.bytes[i - 1];
        if b < 0x80 {
            return Some(b as char);
        }
        self.text.get(self.start..i)?.chars().next_back()
    }

    fn run(&mut self) {
        while self.pos < self.end {
            let b = self.bytes[self.pos];
            if b == b' ' {
                self.pending.insert(TokenFlags::SPACE_BEFORE);
                self.pos += 1;
                continue;
            }
            if b.is_ascii_alphanumeric() {
                self.word();
                continue;
            }
            let Some((c, len)) = self.char_at(self.pos) else { break };
            if is_space(c) {
                self.pending.insert(TokenFlags::SPACE_BEFORE);
                if matches!(c, '\n' | '\u{2028}' | '\u{2029}') {
                    if self.pending.contains(TokenFlags::NEWLINE_BEFORE) {
                        // a paragraph break: quotes pair within paragraphs
                        self.pending.insert(TokenFlags::BLANK_LINE_BEFORE);
                        self.double_open = false;
                        self.single_open = false;
                    }
                    self.pending.insert(TokenFlags::NEWLINE_BEFORE);
                }
                self.pos += len;
                continue;
            }
            if is_word_char(c) && !is_extend(c) {
                self.word();
                continue;
            }
            self.other(c, len);
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind, extra: TokenFlags) {
        // One table lookup a byte tells case, digits and non-ASCII for the whole piece.
        let bytes = &self.bytes[start..end];
        let classes = bytes.iter().fold(0u8, |classes, &b| classes | BYTE_CLASS[usize::from(b)]);
        self.push_classified(start, end, kind, extra, classes);
    }

    /// As [`Scanner::push`], with the union of the token's [`BYTE_CLASS`]es known.
    #[inline(always)]
    fn push_classified(&mut self, start: usize, end: usize, kind: TokenKind, extra: TokenFlags, classes: u8) {
        let mut flags = self.pending.union(extra);
        self.pending = TokenFlags::empty();
        if classes & NON_ASCII == 0 {
            if SHORTCUTS {
                self.push_ascii(start, end, kind, flags, classes);
                return;
            }
            flags.insert(TokenFlags::ASCII);
        }
        self.push_unicode(start, end, kind, flags);
    }

    /// An ASCII token, whose byte classes (of [`BYTE_CLASS`]) are `classes`.
    #[inline(always)]
    fn push_ascii(&mut self, start: usize, end: usize, kind: TokenKind, mut flags: TokenFlags, classes: u8) {
        flags.insert(TokenFlags::ASCII.union(CASE_FLAGS[usize::from(classes & ALNUM)]));
        let capitalised = match classes & (UPPER | LOWER) {
            UPPER => true,
            LOWER | 0 => false,
            _ => self.bytes[start..end]
                .iter()
                .find(|b| b.is_ascii_alphabetic())
                .is_some_and(u8::is_ascii_uppercase),
        };
        if capitalised {
            flags.insert(TokenFlags::CAPITALISED);
        }
        let alpha = classes & (UPPER | LOWER) != 0;
        // The lowercased copy of the text at the head of the buffer.
        let norm = LexRange { start: start as u32, end: end as u32 };
        self.finish(start, end, kind, flags, alpha, classes & DIGIT != 0, norm);
    }

    /// A token with non-ASCII chars (or any token, without shortcuts): its normal form
    /// is appended to the buffer.
    fn push_unicode(&mut self, start: usize, end: usize, kind: TokenKind, mut flags: TokenFlags) {
        let (mut upper, mut lower, mut alpha, mut digit) = (0u32, 0u32, false, false);
        let mut first_alpha_upper = None;
        let norm_start = self.lex.len();
        for c in self.text[start..end].chars() {
            if is_caseless_letter(c) {
                alpha = true;
                self.lex.push(c);
                continue;
            }
            if is_general_punctuation(c) {
                // Dashes, quotation marks: no letter, digit or case to look up.
                match c {
                    '\u{2018}' | '\u{2019}' | '\u{2039}' | '\u{203A}' => self.lex.push('\''),
                    '\u{201C}' | '\u{201D}' | '\u{201E}' => self.lex.push('"'),
                    c => self.lex.push(c),
                }
                continue;
            }
            if c.is_alphabetic() {
                alpha = true;
                if c.is_uppercase() {
                    upper += 1;
                    first_alpha_upper.get_or_insert(true);
                } else if c.is_lowercase() {
                    lower += 1;
                    first_alpha_upper.get_or_insert(false);
                }
            } else if c.is_numeric() {
                digit = true;
            }
            match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2039}' | '\u{203A}' => self.lex.push('\''),
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => self.lex.push('"'),
                c if c.is_uppercase() => self.lex.extend(c.to_lowercase()),
                c => self.lex.push(c),
            }
        }
        let norm = LexRange { start: norm_start as u32, end: self.lex.len() as u32 };
        if first_alpha_upper == Some(true) {
            flags.insert(TokenFlags::CAPITALISED);
        }
        if upper > 0 && lower == 0 {
            flags.insert(TokenFlags::ALL_CAPS);
        }
        if lower > 0 && upper == 0 {
            flags.insert(TokenFlags::LOWER);
        }
        if alpha {
            flags.insert(TokenFlags::HAS_ALPHA);
        }
        if digit {
            flags.insert(TokenFlags::HAS_DIGIT);
        }
        self.finish(start, end, kind, flags, alpha, digit, norm);
    }

    /// Stores a token with its flags and normal form, and its lexicon entry if it is a
    /// word or clitic (a word without letters but with digits is a number).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        start: usize,
        end: usize,
        kind: TokenKind,
        flags: TokenFlags,
        alpha: bool,
        digit: bool,
        norm: LexRange,
    ) {
        let kind = match kind {
            TokenKind::Word if !alpha && digit => TokenKind::Number,
            kind => kind,
        };
        let entry = match kind {
            TokenKind::Word | TokenKind::Clitic => {
                let norm_text = self.lex.as_bytes().get(norm.range()).unwrap_or_default();
                lexicon::id_of_bytes(norm_text.strip_suffix(b".").unwrap_or(norm_text))
            }
            _ => 0,
        };
        self.tokens.push(Token { span: Span::new(start, end), kind, flags, norm, lemma: norm, entry });
    }

    /// A word or number starting at `self.pos`, and the clitic or period it owns.
    fn word(&mut self) {
        self.word_from(self.pos);
    }

    /// A word or number starting at `self.pos` whose scan resumes at `pos` (after a
    /// leading `.` of `.5`).
    ///
    /// Most words are a run of ASCII letters and digits ended by a space or by
    /// punctuation that joins nothing: those are pushed here, the rest go to
    /// [`Scanner::word_joined`].
    #[inline]
    fn word_from(&mut self, pos: usize) {
        let start = self.pos;
        let rest = self.bytes.get(pos..self.end).unwrap_or_default();
        // The run of ASCII letters and digits, and the union of their classes (a `.`
        // before `pos`, of `.5`, adds none).
        let (mut run, mut classes) = (0, 0u8);
        while let Some(&b) = rest.get(run) {
            let class = BYTE_CLASS[usize::from(b)];
            if class & ALNUM == 0 {
                break;
            }
            classes |= class;
            run += 1;
        }
        let end = pos + run;
        let ends_here = run > 0
            && match rest.get(run) {
                None => true,
                // a joining mark, a period it may own, or a non-ASCII char
                Some(b'-' | b'.' | b'&' | b'\'' | 0x80..) => false,
                // `1,000`, `10:30`, `24/7`: digits on both sides join
                Some(b',' | b':' | b'/') => {
                    !(self.bytes[end - 1].is_ascii_digit()
                        && rest.get(run + 1).is_some_and(u8::is_ascii_digit))
                }
                Some(_) => true,
            };
        if !ends_here || !SHORTCUTS {
            self.word_joined(pos);
            return;
        }
        self.push_classified(start, end, TokenKind::Word, TokenFlags::empty(), classes);
        self.pos = end;
    }

    /// A word or number starting at `self.pos` whose scan resumes at `pos`, with what
    /// joins it: hyphens, internal periods and apostrophes, digit separators, `&`
    /// between capitals, non-ASCII letters; the clitic or period it owns.
    fn word_joined(&mut self, mut pos: usize) {
        let start = self.pos;
        let mut seg_start = start;
        let mut flags = TokenFlags::empty();
        let mut dotted = false;
        // (start, end, kind) of a clitic split off the end of the word
        let mut clitic: Option<(usize, usize, TokenKind)> = None;
        let mut word_end = None;
        loop {
            loop {
                let rest = self.bytes.get(pos..self.end).unwrap_or_default();
                pos += rest.iter().take_while(|&&b| BYTE_CLASS[usize::from(b)] & ALNUM != 0).count();
                match self.char_at(pos) {
                    Some((c, len)) if !c.is_ascii() && is_word_char(c) => pos += len,
                    _ => break,
                }
            }
            let Some((c, len)) = self.char_at(pos) else { break };
            // Most words end at a space or a punctuation mark that joins nothing: the
            // char after it is read only for the marks that may join.
            if !matches!(
                c,
                '-' | '.' | ',' | ':' | '/' | '&' | '\'' | '\u{2010}' | '\u{2011}' | '\u{2019}' | '\u{02BC}'
            ) {
                break;
            }
            let next = self.next_char(pos + len);
            let next_is_alnum = next.is_some_and(char::is_alphanumeric);
            match c {
                '-' | '\u{2010}' | '\u{2011}' if next_is_alnum => {
                    flags.insert(TokenFlags::HYPHENATED);
                    pos += len;
                }
                '.' if next_is_alnum => {
                    let next = next.unwrap_or(' ');
                    let segment = &self.text[seg_start..pos];
                    let short = segment.len() <= 2 && segment.bytes().all(|b| b.is_ascii_alphabetic());
                    if next.is_lowercase() || next.is_numeric() || short {
                        dotted |= short;
                        pos += len;
                        seg_start = pos;
                    } else {
                        break;
                    }
                }
                ',' | ':' | '/'
                    if next.is_some_and(|n| n.is_ascii_digit())
                        && self.char_before(pos).is_some_and(|p| p.is_ascii_digit()) =>
                {
                    pos += len;
                }
                '&' if next.is_some_and(char::is_uppercase)
                    && self.char_before(pos).is_some_and(char::is_uppercase) =>
                {
                    pos += len;
                }
                c if is_apostrophe(c) && next.is_some_and(char::is_alphabetic) => {
                    let after = pos + len;
                    let mut run_end = after;
                    while let Some((c, len)) = self.char_at(run_end) {
                        if !is_word_char(c) {
                            break;
                        }
                        run_end += len;
                    }
                    let rest = &self.text[after..run_end];
                    let word_so_far = &self.text[start..pos];
                    if rest.eq_ignore_ascii_case("s") {
                        let kind = match is_pronoun_for_clitic(word_so_far) {
                            true => TokenKind::Clitic,
                            false => TokenKind::Possessive,
                        };
                        clitic = Some((pos, run_end, kind));
                    } else if ["re", "ve", "ll", "d", "m"].iter().any(|s| rest.eq_ignore_ascii_case(s)) {
                        clitic = Some((pos, run_end, TokenKind::Clitic));
                    } else if rest.eq_ignore_ascii_case("t")
                        && word_so_far.len() >= 2
                        && word_so_far.ends_with(['n', 'N'])
                    {
                        word_end = Some(pos - 1);
                        clitic = Some((pos - 1, run_end, TokenKind::Clitic));
                    } else {
                        pos = after;
                        continue;
                    }
                    break;
                }
                _ => break,
            }
        }
        let mut end = word_end.unwrap_or(pos);
        if clitic.is_none() && self.owns_period(start, end, dotted) {
            end += 1;
            flags.insert(TokenFlags::ABBREV);
        }
        self.push(start, end, TokenKind::Word, flags);
        self.pos = end;
        if let Some((clitic_start, clitic_end, kind)) = clitic {
            self.push(clitic_start, clitic_end, kind, TokenFlags::empty());
            self.pos = clitic_end;
        }
    }

    /// Whether the word `[start, end)` followed by `.` is an abbreviation owning it.
    fn owns_period(&self, start: usize, end: usize, dotted: bool) -> bool {
        if end >= self.end || self.bytes[end] != b'.' {
            return false;
        }
        if end + 1 < self.end && self.bytes[end + 1] == b'.' {
            return false; // an ellipsis
        }
        let word = &self.text[start..end];
        if dotted {
            let last_segment = word.rsplit('.').next().unwrap_or(word);
            return last_segment.len() <= 2 && last_segment.bytes().all(|b| b.is_ascii_alphabetic());
        }
        if abbrev_kind(word).is_none() {
            return false;
        }
        if needs_number_after(word) {
            let mut i = end + 1;
            while i < self.end && self.bytes[i] == b' ' {
                i += 1;
            }
            return i < self.end && self.bytes.get(i).is_some_and(u8::is_ascii_digit);
        }
        true
    }

    /// Punctuation, quotation marks and symbols.
    fn other(&mut self, c: char, len: usize) {
        let start = self.pos;
        let mut end = start + len;
        // `.5`, `$.50`: a number
        if c == '.'
            && self.bytes.get(end).is_some_and(u8::is_ascii_digit)
            && end < self.end
            && self.char_before(start).is_none_or(|p| is_space(p) || matches!(p, '$' | '(' | '-'))
        {
            self.word_from(end);
            return;
        }
        if matches!(c, ',' | '(' | ')' | ':' | ';') {
            self.push(start, end, TokenKind::Punct, TokenFlags::empty());
            self.pos = end;
            return;
        }
        let prev = self.char_before(start);
        let next = self.next_char(start + len);
        let left_flanking = next.is_some_and(|n| !is_space(n)) && prev.is_none_or(is_opening_context);
        let right_flanking = prev.is_some_and(|p| !is_space(p)) && next.is_none_or(is_closing_context);
        let kind = match c {
            '"' => {
                let open = match (left_flanking, right_flanking) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => !self.double_open,
                };
                self.double_quote(open)
            }
            '\u{201C}' | '\u{201E}' | '\u{00AB}' => {
                self.double_quote(!(right_flanking && !left_flanking && self.double_open))
            }
            '\u{201D}' | '\u{00BB}' => {
                self.double_quote(left_flanking && !right_flanking && !self.double_open)
            }
            '\u{2018}' | '\u{2039}' => {
                if left_flanking || !self.single_open {
                    self.single_open = true;
                    TokenKind::OpenQuote
                } else {
                    self.single_open = false;
                    TokenKind::CloseQuote
                }
            }
            '\u{203A}' => {
                self.single_open = false;
                TokenKind::CloseQuote
            }
            c if is_apostrophe(c) => self.apostrophe(prev, next, left_flanking),
            '.' => {
                while end < self.end && self.bytes[end] == b'.' {
                    end += 1;
                }
                TokenKind::Punct
            }
            '?' | '!' => {
                while end < self.end && matches!(self.bytes[end], b'?' | b'!') {
                    end += 1;
                }
                TokenKind::Punct
            }
            '-' => {
                while end < self.end && self.bytes[end] == b'-' {
                    end += 1;
                }
                TokenKind::Punct
            }
            '$' | '%' | '&' | '@' | '#' | '+' | '=' | '<' | '>' | '*' | '^' | '~' | '|' | '\\' | '`' => {
                TokenKind::Symbol
            }
            c if c.is_ascii_punctuation() => TokenKind::Punct,
            '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{0964}'
            | '\u{0965}' => TokenKind::Punct,
            _ => {
                // A symbol with what extends it (emoji modifiers, ZWJ sequences).
                while let Some((n, n_len)) = self.char_at(end) {
                    if n == '\u{200D}' {
                        end += n_len;
                        if let Some((_, joined_len)) = self.char_at(end) {
                            end += joined_len;
                        }
                    } else if is_extend(n) {
                        end += n_len;
                    } else {
                        break;
                    }
                }
                TokenKind::Symbol
            }
        };
        self.push(start, end, kind, TokenFlags::empty());
        self.pos = end;
    }

    fn double_quote(&mut self, open: bool) -> TokenKind {
        self.double_open = open;
        match open {
            true => TokenKind::OpenQuote,
            false => TokenKind::CloseQuote,
        }
    }

    /// An apostrophe no word took: a closing single quote, a plural possessive
    /// (`leaders’`), an opening single quote, or punctuation.
    fn apostrophe(&mut self, prev: Option<char>, next: Option<char>, left_flanking: bool) -> TokenKind {
        let after_word = prev.is_some_and(is_word_char);
        if after_word || prev.is_some_and(|p| !is_space(p) && !is_opening_context(p)) {
            if self.single_open {
                self.single_open = false;
                return TokenKind::CloseQuote;
            }
            if matches!(prev, Some('s' | 'S')) && !next.is_some_and(char::is_alphanumeric) {
                return TokenKind::Possessive;
            }
            return TokenKind::Punct;
        }
        if left_flanking {
            self.single_open = true;
            return TokenKind::OpenQuote;
        }
        TokenKind::Punct
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Doc;

    /// Tokens with their normal forms (whose place in the buffer differs).
    fn tokens<const SHORTCUTS: bool>(text: &str) -> Vec<(Token, String)> {
        let mut doc = Doc::from_text(text, None);
        tokenize::<SHORTCUTS>(&mut doc);
        (0..doc.tokens.len())
            .map(|i| {
                let token = Token { norm: LexRange::default(), lemma: LexRange::default(), ..doc.tokens[i] };
                (token, doc.norm(i).to_owned())
            })
            .collect()
    }

    #[test]
    fn shortcuts_give_the_tokens_of_the_general_scan() {
        let texts = [
            "Russia will support China. Mr. Lavrov said so on Dec. 28, 2025; “We will,” he said.",
            "1,000 troops at 10:30 in 24/7 shifts; 1, 2 and 3: a,b c:d e/f 3.5% .5 $.50 U.S.-backed F-35s",
            "AT&T and S&P, R&d, a&b; O'Brien's d’Ivoire don't can’t it's leaders' Japan’s ’90s 'quote'",
            "survival-threatening re-elected mid‐November non‑stop co-- -- a - b word-",
            "Côte naïve café Straße ÉLYSÉE İstanbul 中文 ไทย e\u{0301} x\u{200D}y a\u{00AD}b 👍🏽 ²",
            "No. 5 and no. Art. 9 vol. e.g. i.e. a.m. p.m. etc. J. K. Rowling U.K. St. Petersburg",
            "wait... what?! end.\nNew line\n\nNew paragraph \"straight\" 'single' TOKYO - A Z 9",
            "x",
            "9",
            "a.",
            "a-",
            "a,",
            "a,1",
            "1,a",
            "1,",
            "1:",
            "1/",
            "a'",
            "a's",
            "a’",
            "a&",
            "A&B",
        ];
        for text in texts {
            assert_eq!(tokens::<true>(text), tokens::<false>(text), "{text:?}");
        }
        // Random strings of the pieces words are made and ended of.
        const PIECES: [&str; 40] = [
            "a", "Z", "abc", "XYZ", "9", "42", "x9", " ", " ", "  ", "\n", ".", "..", ",", ":", "/", "-",
            "&", "'", "’", "ʼ", "‐", "‑", "—", "“", "”", "\"", "(", ")", "é", "É", "中", "\u{0301}",
            "\u{200D}", "\u{00A0}", "?", "!", "$", "%", "s",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let n = 1 + next() % 24;
            let text: String = (0..n).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            assert_eq!(tokens::<true>(&text), tokens::<false>(&text), "{text:?}");
        }
    }

    #[test]
    fn general_punctuation_has_no_letters_digits_or_case() {
        for c in ('\u{2000}'..='\u{206F}').filter(|&c| is_general_punctuation(c)) {
            assert!(!c.is_alphanumeric() && !c.is_uppercase() && !c.is_lowercase(), "{c:?}");
            assert!(c.to_lowercase().eq([c]), "{c:?}");
            assert!(!is_caseless_letter(c), "{c:?}");
        }
        assert!(!is_general_punctuation('\u{1FFF}') && !is_general_punctuation('\u{2070}'));
    }
}
