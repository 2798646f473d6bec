//! The coder: sentences in, events out.
//!
//! For each sentence of a codeable block (title, standfirst, paragraph) the coder finds
//! pattern triggers, lets frames wrap the events they govern (`vowed to` + support ->
//! 032), finds each event's source and target among the actor mentions, reads its
//! modality and condition, attributes it to a speaker when it is reported, dates it, and
//! keeps the evidence. `docs/dictionaries-verbs.md` describes each rule.

use crate::compose::{compose, is_cooperation};
use crate::dictionary::Dictionaries;
use crate::error::Result;
use crate::frames::FrameKind;
use crate::grammar::*;
use crate::input::{Input, TokenKind};
use crate::pattern::{Alt, Elem, Options, Pattern, PatternCode, Use};
use crate::vocab::WordId;
use faultline_model::{
    ActorCode, ActorRef, Attribution, BlockKind, CameoCode, Condition, Event, EventDate, Evidence, Mention,
    MentionKind, Modality, Precision, Quote, QuoteKind, Span,
};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::OnceCell;

mod pledges;
use pledges::{CitedBasis, PledgeMarks};

/// Up to this many tokens may stand between two pattern elements.
const DEFAULT_GAP: usize = 3;
/// After `...`, up to this many.
const LONG_GAP: usize = 10;
/// How far actor searches look.
const SCAN: usize = 25;
/// How far after a frame the event it wraps may start.
const FRAME_REACH: usize = 16;

/// What coding an article produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coded {
    /// The actor mentions the coder was given.
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
}

/// Turns annotated articles into events. Built once from [`Dictionaries`]; `Send + Sync`.
///
/// ```
/// use faultline_coding::{Coder, Input, Token, TokenKind, SentenceInput};
/// use faultline_model::{BlockKind, Mention, MentionKind, Span};
/// let text = "Freedonia attacked Sylvania.";
/// let date = jiff::civil::date(2025, 1, 2);
/// let mut input = Input::new("doc", text, date);
/// let words = [(0, 9, "freedonia", "freedonia"), (10, 18, "attacked", "attack"), (19, 27, "sylvania", "sylvania"), (27, 28, ".", ".")];
/// for (s, e, lower, lemma) in words {
///     let kind = if lower == "." { TokenKind::Punct } else { TokenKind::Word };
///     input.tokens.push(Token { span: Span::new(s, e), kind, lower, lemma });
/// }
/// input.sentences.push(SentenceInput { span: Span::new(0, 28), tokens: 0..4, block: BlockKind::Paragraph });
/// for (s, e, code) in [(0, 9, "FRE"), (19, 27, "SYL")] {
///     input.mentions.push(Mention { span: Span::new(s, e), text: text[s..e].into(), code: code.parse().unwrap(),
///         kind: MentionKind::Name, name: None, antecedent: None, confidence: 1.0 });
/// }
/// let coded = Coder::builtin().unwrap().code(&input);
/// assert_eq!(coded.events[0].cameo.root(), 19);
/// assert_eq!(coded.events[0].target.as_ref().unwrap().code.as_str(), "SYL");
/// ```
#[derive(Debug)]
pub struct Coder {
    dicts: Dictionaries,
}

impl Coder {
    #[must_use]
    pub fn new(dictionaries: Dictionaries) -> Coder {
        Coder { dicts: dictionaries }
    }

    /// A coder with faultline's built-in dictionaries.
    pub fn builtin() -> Result<Coder> {
        Ok(Coder::new(Dictionaries::builtin()?))
    }

    #[must_use]
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Codes one article.
    #[must_use]
    pub fn code(&self, input: &Input<'_>) -> Coded {
        let mut article = Article::new(&self.dicts, input);
        article.run()
    }
}

/// Per token: the words it may be, its grammatical class, its mention, whether quoted.
#[derive(Clone, Copy, Debug, Default)]
struct Tok {
    ids: [WordId; 3],
    /// `Alt::mask_of(&ids)`.
    id_mask: u64,
    /// Some pattern is triggered by one of `ids`.
    triggers: bool,
    class: u32,
    /// Index + 1 of the usable mention covering it; 0 for none.
    mention: u32,
    quoted: bool,
    /// Inside a time expression (`last March` is not a march).
    timed: bool,
    /// Starts with a capital letter.
    capitalised: bool,
    /// May start an instrument (`treaty`, `article`): see `find_bases`.
    instrument_start: bool,
    /// May start a discard phrase.
    discard_start: bool,
    kind: Option<TokenKind>,
}

/// What the dictionaries know of a word (a lower-case form and its lemma).
#[derive(Clone, Copy, Debug)]
struct Word {
    ids: [WordId; 3],
    id_mask: u64,
    triggers: bool,
    class: u32,
    instrument_start: bool,
    discard_start: bool,
}

impl Word {
    fn new(dicts: &Dictionaries, lower: &str, lemma: &str, scratch: &mut String) -> Word {
        let ids = dicts.vocab.token_ids(lower, lemma, scratch);
        let mut class = 0;
        for id in ids {
            if id.is_some() {
                class |= dicts.classes[id.0 as usize];
            }
        }
        let starts = &dicts.pledge_words.instrument_starts;
        // Most words are their own lemma: one lookup then.
        let instrument_start = starts.contains(lower) || (lemma != lower && starts.contains(lemma));
        let discard_start = ids.iter().any(|id| id.is_some() && dicts.discard_starts[id.0 as usize]);
        let triggers = ids.iter().any(|id| id.is_some() && !dicts.by_word[id.0 as usize].is_empty());
        Word { ids, id_mask: Alt::mask_of(&ids), triggers, class, instrument_start, discard_start }
    }
}

#[derive(Clone, Copy, Debug)]
struct Ment {
    start: usize,
    end: usize,
    /// A political actor that may be a source or target (not media, not in a dateline).
    usable: bool,
    /// A possessive determiner (`its`, `their`) resolved to an actor.
    possessive: bool,
    demonym: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
enum Slot {
    #[default]
    None,
    Mentions(Vec<usize>),
    /// A noun phrase referring back to an earlier event (`the moves`).
    Anaphor,
}

impl Slot {
    fn mentions(&self) -> &[usize] {
        match self {
            Slot::Mentions(m) => m,
            _ => &[],
        }
    }

    fn is_none(&self) -> bool {
        matches!(self, Slot::None)
    }
}

/// A frame phrase found in a sentence.
#[derive(Clone, Copy, Debug)]
struct FrameHit {
    kind: FrameKind,
    frame: u32,
    start: usize,
    end: usize,
}

/// Reported speech: who said it, and which tokens they said.
#[derive(Clone, Debug)]
struct Speech {
    frame: FrameHit,
    speaker: Vec<usize>,
    /// `X said that ...` (a claim), as opposed to `..., X said` (sourcing).
    leading: bool,
    scope: (usize, usize),
    /// Where the speaking is described (`said in a parliamentary session in November`).
    frame_region: (usize, usize),
}

/// A candidate event inside a sentence.
#[derive(Clone, Debug)]
struct Hit {
    anchor: usize,
    anchor_end: usize,
    /// Tokens matched by pattern words (a hit absorbs triggers among them).
    words: Vec<usize>,
    end: usize,
    code: Option<CameoCode>,
    reverse: Option<CameoCode>,
    specificity: u32,
    /// How many alternatives the pattern's words had: fewer is more specific.
    breadth: u32,
    /// How many tokens the match spans: tighter is better.
    extent: u32,
    layer: u8,
    null: bool,
    bare: bool,
    noun: bool,
    source: Slot,
    target: Slot,
    options: Options,
    /// The pattern that matched (its rule text is made only for events kept).
    pattern: u32,
    /// The frames that wrapped the pattern's event, outermost first.
    frame_rules: Vec<String>,
    /// Rules applied after the pattern (reporting, modality, claims).
    rules: Vec<String>,
    absorbed: bool,
    /// For a hit made by a frame: the frame's start (the subject is the frame's).
    frame_start: Option<usize>,
    composed: bool,
    modality: Modality,
    speaker: Option<Vec<usize>>,
    leading: bool,
    /// Set when the hit was rewritten as a claim or warning about the original source.
    claim: bool,
    date_region: Option<(usize, usize)>,
    /// Set when negated cooperation that was stated for the future or on a condition
    /// became a rejection: it withdraws a pledge.
    withdrawn: bool,
}

/// An event ready to be expanded into source-target pairs.
#[derive(Clone, Debug)]
struct Proto {
    sentence: usize,
    block: BlockKind,
    sources: Vec<usize>,
    targets: Vec<usize>,
    recip: bool,
    code: CameoCode,
    reverse: Option<CameoCode>,
    trigger: Span,
    modality: Modality,
    speaker: Option<usize>,
    rules: Vec<String>,
    date: EventDate,
    /// What it may say about a commitment.
    marks: PledgeMarks,
}

struct Article<'d, 'i> {
    dicts: &'d Dictionaries,
    input: &'i Input<'i>,
    toks: Vec<Tok>,
    ments: Vec<Ment>,
    /// Every frame phrase of the article, by start token (`frame_index[i]..frame_index[i +
    /// 1]`), and a mask of the kinds starting at each token.
    frame_list: Vec<FrameHit>,
    frame_index: Vec<u32>,
    frame_mask: Vec<u32>,
    /// Each mention's code as the coder uses it: a bare sector placed by its location
    /// (`Rebels in the Ivory Coast` is CIVREB), else the mention's own.
    codes: Vec<(ActorCode, Span)>,
    /// Sentence bounds being coded: [s0, s1).
    s0: usize,
    s1: usize,
    /// Source mentions of the last event coded, for `the moves`.
    last_sources: Vec<usize>,
    speeches: Vec<Vec<Speech>>,
    /// Instruments cited in the article's sentences, for the pledges of their speakers.
    cited: Vec<CitedBasis>,
}

impl<'d, 'i> Article<'d, 'i> {
    fn new(dicts: &'d Dictionaries, input: &'i Input<'i>) -> Article<'d, 'i> {
        let mut scratch = String::new();
        // A word is looked up once per article, not once per token: the lookups hash up
        // to six strings (lemma, form, guessed lemmas), and most tokens repeat a word
        // (keyed by form, with the form's first lemma; a form with another lemma is
        // looked up afresh).
        let mut words: FxHashMap<&str, (&str, Word)> = FxHashMap::default();
        words.reserve(input.tokens.len() / 3);
        let mut toks: Vec<Tok> = input
            .tokens
            .iter()
            .map(|t| {
                let word = match words.get(t.lower) {
                    Some(&(lemma, word)) if lemma == t.lemma => word,
                    Some(_) => Word::new(dicts, t.lower, t.lemma, &mut scratch),
                    None => {
                        let word = Word::new(dicts, t.lower, t.lemma, &mut scratch);
                        words.insert(t.lower, (t.lemma, word));
                        word
                    }
                };
                let mut class = word.class;
                if t.kind == TokenKind::Possessive {
                    class &= !(BE | HAVE);
                }
                let capitalised =
                    input.text.get(t.span.range()).is_some_and(|t| t.starts_with(char::is_uppercase));
                Tok {
                    ids: word.ids,
                    id_mask: word.id_mask,
                    triggers: word.triggers,
                    class,
                    mention: 0,
                    quoted: false,
                    timed: false,
                    capitalised,
                    instrument_start: word.instrument_start,
                    discard_start: word.discard_start,
                    kind: Some(t.kind),
                }
            })
            .collect();
        // Quotations.
        for quote in &input.quotes {
            let first = input.tokens.partition_point(|t| t.span.end <= quote.start);
            let mut i = first;
            while i < input.tokens.len() && input.tokens[i].span.start < quote.end {
                toks[i].quoted = true;
                i += 1;
            }
        }
        for time in &input.times {
            let first = input.tokens.partition_point(|t| t.span.end <= time.span.start);
            let mut i = first;
            while i < input.tokens.len() && input.tokens[i].span.start < time.span.end {
                toks[i].timed = true;
                i += 1;
            }
        }
        // Mentions: token ranges; the longest wins where they overlap.
        let mut ments = Vec::with_capacity(input.mentions.len());
        for (idx, m) in input.mentions.iter().enumerate() {
            let start = input.tokens.partition_point(|t| t.span.end <= m.span.start);
            let mut end = start;
            while end < input.tokens.len() && input.tokens[end].span.start < m.span.end {
                end += 1;
            }
            let excluded = input.excluded.iter().any(|x| x.overlaps(m.span));
            // Only pronouns are lowercased (a String each), not every mention.
            let possessive = m.kind == MentionKind::Pronoun
                && matches!(
                    m.text.to_lowercase().as_str(),
                    "its" | "his" | "her" | "their" | "our" | "my" | "your"
                );
            let usable = end > start && !excluded && !input.is_media(idx);
            ments.push(Ment { start, end, usable, possessive, demonym: m.kind == MentionKind::Demonym });
            if usable {
                let longer = (start..end).any(|t| {
                    let other = toks[t].mention;
                    other != 0 && {
                        let o = &ments[other as usize - 1];
                        o.end - o.start >= end - start
                    }
                });
                if !longer {
                    for t in &mut toks[start..end] {
                        t.mention = u32::try_from(idx + 1).unwrap_or(0);
                    }
                }
            }
        }
        // A mention displaced by a longer one is no longer usable.
        for (idx, m) in ments.iter_mut().enumerate() {
            if m.usable && !(m.start..m.end).all(|t| toks[t].mention as usize == idx + 1) {
                m.usable = false;
            }
        }
        let codes = located_codes(input, &toks, &ments);
        let mut article = Article {
            dicts,
            input,
            toks,
            ments,
            frame_list: Vec::new(),
            frame_index: Vec::new(),
            frame_mask: Vec::new(),
            codes,
            s0: 0,
            s1: 0,
            last_sources: Vec::new(),
            speeches: Vec::new(),
            cited: Vec::new(),
        };
        article.index_frames();
        article
    }

    /// Finds every frame phrase once (frames are asked about many times per sentence).
    fn index_frames(&mut self) {
        let n = self.toks.len();
        self.s0 = 0;
        self.s1 = n;
        let mut list = Vec::new();
        let mut index = Vec::with_capacity(n + 1);
        let mut mask = vec![0u32; n];
        for i in 0..n {
            index.push(u32::try_from(list.len()).unwrap_or(u32::MAX));
            if self.in_name(i) {
                continue;
            }
            for id in self.toks[i].ids {
                if !id.is_some() {
                    continue;
                }
                for &f in &self.dicts.frames_by_word[id.0 as usize] {
                    let frame = &self.dicts.frames[f as usize];
                    if self.seq_at(i, &frame.words)
                        && !list.iter().rev().take_while(|h: &&FrameHit| h.start == i).any(|h| h.frame == f)
                    {
                        list.push(FrameHit {
                            kind: frame.kind,
                            frame: f,
                            start: i,
                            end: i + frame.words.len(),
                        });
                    }
                }
            }
        }
        index.push(u32::try_from(list.len()).unwrap_or(u32::MAX));
        for f in &list {
            mask[f.start] |= 1 << (f.kind as u32);
        }
        self.frame_list = list;
        self.frame_index = index;
        self.frame_mask = mask;
    }

    fn run(&mut self) -> Coded {
        let input = self.input;
        let mut protos: Vec<Proto> = Vec::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut normalised = String::new();
        let story_discarded = self.story_discarded();
        self.speeches = vec![Vec::new(); input.sentences.len()];
        for (si, sentence) in input.sentences.iter().enumerate() {
            if !matches!(sentence.block, BlockKind::Title | BlockKind::Standfirst | BlockKind::Paragraph) {
                continue;
            }
            self.s0 = sentence.tokens.start.min(self.toks.len());
            self.s1 = sentence.tokens.end.min(self.toks.len());
            if self.s0 >= self.s1 {
                continue;
            }
            // A sentence printed twice (standfirst and caption, or standfirst and body)
            // is coded once.
            collapse_spaces(sentence.span.get(input.text).unwrap_or(""), &mut normalised);
            let repeated = seen.contains(normalised.as_str());
            if !repeated {
                seen.insert(normalised.clone());
            }
            let frames = self.frames_in_sentence();
            let speeches = self.find_speech(&frames);
            let cited = self.cited_bases(si, &speeches);
            self.cited.extend(cited);
            self.speeches[si] = speeches.clone();
            if repeated || story_discarded || self.sentence_discarded() {
                continue;
            }
            let events = self.code_sentence(si, sentence.block, &speeches, &frames);
            protos.extend(events);
        }
        let quotes = self.quotes();
        let events = self.emit(protos, &quotes);
        Coded { mentions: input.mentions.clone(), events, quotes }
    }

    // ----- token helpers -----

    fn has(&self, i: usize, word: WordId) -> bool {
        word.is_some() && self.toks[i].ids.contains(&word)
    }

    fn seq_at(&self, i: usize, seq: &[WordId]) -> bool {
        i + seq.len() <= self.s1 && seq.iter().enumerate().all(|(k, w)| self.has(i + k, *w))
    }

    fn class(&self, i: usize) -> u32 {
        self.toks[i].class
    }

    fn is(&self, i: usize, class: u32) -> bool {
        self.toks[i].class & class != 0
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks[i].kind
    }

    fn is_quote_mark(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(TokenKind::OpenQuote | TokenKind::CloseQuote))
    }

    fn lower(&self, i: usize) -> &str {
        self.input.tokens[i].lower
    }

    /// Whether the token is part of an actor's name (`defence forces`, `riot police`):
    /// such words trigger nothing. Pronouns are not names.
    fn in_name(&self, i: usize) -> bool {
        self.mention_at(i).is_some_and(|m| self.input.mentions[m].kind != MentionKind::Pronoun)
    }

    fn mention_at(&self, i: usize) -> Option<usize> {
        let m = self.toks[i].mention;
        (m != 0).then(|| m as usize - 1)
    }

    fn span_of(&self, start: usize, end: usize) -> Span {
        let tokens = &self.input.tokens;
        if start >= end || end > tokens.len() {
            return tokens.get(start).map_or(Span::default(), |t| t.span);
        }
        tokens[start].span.cover(tokens[end - 1].span)
    }

    fn text_of(&self, start: usize, end: usize) -> &'i str {
        let span = self.span_of(start, end);
        span.get(self.input.text).unwrap_or("")
    }

    /// Whether a frame phrase of `kind` starts at `i`.
    fn frame_starts_at(&self, i: usize, kind: FrameKind) -> bool {
        self.frame_mask[i] & (1 << (kind as u32)) != 0 && self.frames_at(i).any(|f| f.kind == kind)
    }

    /// Every frame phrase starting at `i` (inside the sentence).
    fn frames_at(&self, i: usize) -> impl Iterator<Item = FrameHit> + '_ {
        let (a, b) = (self.frame_index[i] as usize, self.frame_index[i + 1] as usize);
        self.frame_list[a..b].iter().copied().filter(move |f| f.end <= self.s1)
    }

    /// The frames of the sentence: at each token, the longest phrase of each kind, and of
    /// the wrapping kinds only the longest (`seek to` is intent, not the appeal `seek`).
    fn frames_in_sentence(&self) -> Vec<FrameHit> {
        let mut out: Vec<FrameHit> = Vec::new();
        for i in self.s0..self.s1 {
            // Most tokens start no frame phrase.
            if self.frame_mask[i] == 0 {
                continue;
            }
            let first = out.len();
            for f in self.frames_at(i) {
                // `an offer to host` is content; `offered to host` is intent.
                let fits = match f.kind {
                    FrameKind::Content => self.noun_use(i),
                    kind if kind.wraps() => !self.noun_use(i),
                    _ => true,
                };
                if !fits {
                    continue;
                }
                match out[first..].iter_mut().find(|g| g.kind == f.kind) {
                    Some(g) if g.end < f.end => *g = f,
                    Some(_) => {}
                    None => out.push(f),
                }
            }
            let longest = out[first..].iter().filter(|f| f.kind.wraps()).map(|f| f.end).max();
            if let Some(longest) = longest {
                let mut k = first;
                while k < out.len() {
                    if out[k].kind.wraps() && out[k].end < longest {
                        out.remove(k);
                    } else {
                        k += 1;
                    }
                }
            }
        }
        out
    }

    // ----- discards -----

    fn discard_at(&self, i: usize, story: bool) -> bool {
        self.toks[i].discard_start
            && self
                .dicts
                .discards
                .phrases
                .iter()
                .any(|(seq, is_story, ..)| *is_story == story && self.seq_at(i, seq))
    }

    fn sentence_discarded(&self) -> bool {
        (self.s0..self.s1).any(|i| self.discard_at(i, false))
    }

    fn story_discarded(&mut self) -> bool {
        if !self.dicts.discards.phrases.iter().any(|p| p.1) {
            return false;
        }
        let n = self.toks.len();
        let (old0, old1) = (self.s0, self.s1);
        self.s0 = 0;
        self.s1 = n;
        let found = (0..n).any(|i| self.discard_at(i, true));
        self.s0 = old0;
        self.s1 = old1;
        found
    }
}

// ----- matching -----

impl Article<'_, '_> {
    /// Whether the token at `i` is used as a noun (`a Chinese attack`, `the release of`)
    /// rather than a verb (`China attacked`). A heuristic on its neighbours: faultline has
    /// no part-of-speech tagger yet.
    fn noun_use(&self, i: usize) -> bool {
        let tok = &self.input.tokens[i];
        let lower = tok.lower;
        if lower.ends_with("ed") && lower.len() > 4 {
            // `the occupied West Bank`, `a planned visit`: a participle after a determiner
            // is an adjective.
            return i > self.s0 && self.is(i - 1, DET);
        }
        if i > self.s0 {
            let p = i - 1;
            if self.is(p, MUST | SHOULD | FUTURE | MAYBE | WOULD | TO | NEG | DO) {
                return false;
            }
            if self.is(p, DET | POSS)
                || matches!(self.kind(p), Some(TokenKind::Possessive | TokenKind::Number))
            {
                return true;
            }
            if let Some(m) = self.mention_at(p) {
                let ment = self.ments[m];
                if ment.demonym || ment.possessive {
                    return true;
                }
                // `a U.S. request` vs `the United States requested`.
                if ment.start > self.s0 && self.is(ment.start - 1, DET) && !self.is(ment.start - 1, DEM) {
                    return true;
                }
                // `U.N. aid convoys`: a base form after a singular name cannot be its verb.
                // (`demanded that Sylvania withdraw its troops` is a verb: an object follows.)
                let base = lower == tok.lemma && !lower.ends_with('s') && !lower.ends_with("ed");
                let plural = self.input.mentions[m].text.ends_with('s');
                let object_follows =
                    i + 1 < self.s1 && (self.is(i + 1, DET | POSS) || self.mention_at(i + 1).is_some());
                return base && !plural && !object_follows && ment.end == i;
            }
            if self.is(p, PREP) && !self.is(p, TO) {
                return true;
            }
            if self.is(p, BE | HAVE) {
                return false;
            }
        }
        if i + 1 < self.s1 && self.is(i + 1, OF) {
            return true;
        }
        // A base or -s form is a verb only right after its subject or an auxiliary
        // (`rebels clash`, `they force`), not after a modifier (`tribal clashes`,
        // `a peacekeeping force`).
        let base_or_s = !lower.ends_with("ing") && (lower == tok.lemma || lower.ends_with('s'));
        // `US Predator attacks, occurring ...`, `attacks on Israel`: what follows shows a
        // noun where the subject cannot.
        if base_or_s
            && i + 1 < self.s1
            && (self.is(i + 1, COMMA | END | BE | HAVE | MAYBE | FUTURE | WOULD | MUST)
                || matches!(self.lower(i + 1), "on" | "against" | "of"))
        {
            return true;
        }
        if base_or_s {
            if i == self.s0 {
                return true;
            }
            let p = i - 1;
            // A capitalised word before it may be its subject (`Hezbollah attacks`), unless
            // it is itself inside a noun phrase (`the Argo rescue`).
            let capitalised = self.capitalised(p) && !(p > self.s0 && self.is(p - 1, DET | POSS | PREP));
            let licensed =
                self.is(p, PRON | ADV | REL | THAT | BRACKET) || capitalised || self.is_quote_mark(p);
            return !licensed;
        }
        false
    }

    fn is_passive(&self, anchor: usize) -> bool {
        let tok = &self.input.tokens[anchor];
        let lower = tok.lower;
        let participle = lower.ends_with("ed")
            || lower.ends_with("en")
            || (lower != tok.lemma && !lower.ends_with('s') && !lower.ends_with("ing"));
        if !participle {
            return false;
        }
        // `Freedonia, backed by Ruritania, ...`
        if anchor + 1 < self.s1 && self.is(anchor + 1, BY) && lower.ends_with("ed") {
            return true;
        }
        let mut j = anchor;
        let mut steps = 0;
        while j > self.s0 && steps < 3 {
            j -= 1;
            steps += 1;
            if self.is(j, BE) {
                return self.lower(j) != "being" || steps == 1;
            }
            if !self.is(j, ADV | NEG) {
                return false;
            }
        }
        false
    }

    fn trigger_len(&self, pattern: &Pattern, i: usize) -> Option<usize> {
        self.longest_at(&pattern.trigger, i, self.s1)
    }

    /// The length of the longest alternative of `alt` at `i` that ends by `end`.
    fn longest_at(&self, alt: &Alt, i: usize, end: usize) -> Option<usize> {
        let tok = &self.toks[i];
        if !alt.may_start(&tok.ids, tok.id_mask) {
            return None;
        }
        alt.seqs
            .iter()
            .filter(|s| !s.is_empty() && i + s.len() <= end && self.seq_at(i, s))
            .map(|s| s.len())
            .max()
    }

    /// The first usable mention starting within `gap` tokens from `pos`.
    fn mention_from(&self, pos: usize, gap: usize, allow_anaphor: bool) -> Option<(Slot, usize)> {
        let last = (pos + gap).min(self.s1.saturating_sub(1));
        let mut q = pos;
        while q <= last && q < self.s1 {
            if self.is(q, HARD | END) {
                return None;
            }
            if let Some(m) = self.mention_at(q) {
                let ment = self.ments[m];
                if !ment.possessive {
                    let list = self.coordinated(m);
                    let end = list.iter().map(|&x| self.ments[x].end).max().unwrap_or(ment.end);
                    return Some((Slot::Mentions(list), end));
                }
                q = ment.end;
                continue;
            }
            if allow_anaphor && let Some(end) = self.anaphor_at(q) {
                return Some((Slot::Anaphor, end));
            }
            q += 1;
        }
        None
    }

    /// `the moves`, `these steps`: a demonstrative and, within two tokens, a noun that
    /// refers back to an event. Returns the end of the phrase.
    fn anaphor_at(&self, q: usize) -> Option<usize> {
        if !self.is(q, DEM) {
            return None;
        }
        (q + 1..(q + 3).min(self.s1)).find(|&k| self.frame_starts_at(k, FrameKind::Anaphor)).map(|k| k + 1)
    }

    /// The match of `pattern` triggered at `i`; `noun` caches `noun_use(i)` for the
    /// patterns tried at the same token.
    fn match_pattern(
        &self,
        pattern: &Pattern,
        i: usize,
        pattern_idx: usize,
        noun: &OnceCell<bool>,
    ) -> Option<Hit> {
        let trig_len = self.trigger_len(pattern, i)?;
        let noun = *noun.get_or_init(|| self.noun_use(i));
        match pattern.usage {
            Use::Verb if noun => return None,
            Use::Noun if !noun => return None,
            _ => {}
        }
        let mut words: Vec<usize> = Vec::new();
        let mut source = Slot::None;
        let mut target = Slot::None;
        let mut specificity = 2 * trig_len as u32;
        let mut breadth = pattern.trigger.seqs.len();
        // After the trigger.
        let mut pos = i + trig_len;
        let mut gap = DEFAULT_GAP;
        let n_after = pattern.after.len();
        for (k, elem) in pattern.after.iter().enumerate() {
            match elem {
                Elem::Gap => {
                    gap = LONG_GAP;
                    continue;
                }
                Elem::Words(alt) => {
                    let last = (pos + gap).min(self.s1.saturating_sub(1));
                    let mut found = None;
                    let mut q = pos;
                    while q <= last && q < self.s1 {
                        if let Some(len) = self.longest_at(alt, q, self.s1) {
                            found = Some((q, len));
                            break;
                        }
                        if self.is(q, HARD | END | SUB | COND | REL) {
                            break;
                        }
                        q += 1;
                    }
                    let (q, len) = found?;
                    words.extend(q..q + len);
                    specificity += 2 * len as u32;
                    breadth += alt.seqs.len();
                    pos = q + len;
                }
                Elem::Source | Elem::Target => {
                    // A target at the end of a pattern is where the target is when the
                    // sentence names one (`attack +`); the pattern holds without it.
                    let found = self.mention_from(pos, gap, matches!(elem, Elem::Target));
                    let (slot, end) = match found {
                        Some(found) => found,
                        None if k + 1 == n_after && matches!(elem, Elem::Target) => break,
                        None => return None,
                    };
                    specificity += 1;
                    if matches!(elem, Elem::Source) {
                        source = slot;
                    } else {
                        target = slot;
                    }
                    pos = end;
                }
            }
            gap = DEFAULT_GAP;
        }
        let end = pos;
        // Before the trigger, nearest first.
        let mut pos = i;
        let mut gap = DEFAULT_GAP;
        for elem in &pattern.before {
            match elem {
                Elem::Gap => {
                    gap = LONG_GAP;
                    continue;
                }
                Elem::Words(alt) => {
                    let lo = pos.saturating_sub(gap + 1).max(self.s0);
                    let mut found = None;
                    let mut q = pos;
                    while q > lo {
                        q -= 1;
                        if let Some(len) = self.longest_at(alt, q, pos) {
                            found = Some((q, len));
                            break;
                        }
                        if self.is(q, HARD | END) {
                            break;
                        }
                    }
                    let (q, len) = found?;
                    words.extend(q..q + len);
                    specificity += 2 * len as u32;
                    breadth += alt.seqs.len();
                    pos = q;
                }
                Elem::Source | Elem::Target => {
                    let lo = pos.saturating_sub(gap + 1).max(self.s0);
                    let mut q = pos;
                    let mut found = None;
                    while q > lo {
                        q -= 1;
                        if let Some(m) = self.mention_at(q) {
                            found = Some(m);
                            break;
                        }
                        // An actor before a noun is inside its noun phrase: not across
                        // the phrase's determiner (`following the invasions`).
                        if self.is(q, HARD | END | COMMA | PREP | DET) {
                            break;
                        }
                    }
                    let m = found?;
                    specificity += 1;
                    let slot = Slot::Mentions(self.coordinated(m));
                    if matches!(elem, Elem::Source) {
                        source = slot;
                    } else {
                        target = slot;
                    }
                    pos = self.ments[m].start;
                }
            }
            gap = DEFAULT_GAP;
        }
        let extent = u32::try_from(end.max(i + trig_len) - pos).unwrap_or(u32::MAX);
        let (code, reverse, null) = match &pattern.code {
            PatternCode::Null => (None, None, true),
            PatternCode::Event { forward, reverse } => (forward.clone(), reverse.clone(), false),
        };

        Some(Hit {
            anchor: i,
            anchor_end: i + trig_len,
            words,
            end: end.max(i + trig_len),
            code,
            reverse,
            specificity,
            breadth: u32::try_from(breadth).unwrap_or(u32::MAX),
            extent,
            layer: pattern.layer,
            null,
            bare: pattern.bare,
            noun,
            source,
            target,
            options: pattern.options,
            pattern: u32::try_from(pattern_idx).unwrap_or(u32::MAX),
            frame_rules: Vec::new(),
            rules: Vec::new(),
            absorbed: false,
            frame_start: None,
            composed: false,
            modality: Modality::default(),
            speaker: None,
            leading: false,
            claim: false,
            date_region: None,
            withdrawn: false,
        })
    }

    fn capitalised(&self, i: usize) -> bool {
        self.toks[i].capitalised
    }

    /// Whether most words of the sentence are capitalised (a headline in title case), in
    /// which case a capital letter says nothing about a name.
    fn title_case(&self) -> bool {
        let (words, upper) = (self.s0..self.s1)
            .filter(|&k| matches!(self.kind(k), Some(TokenKind::Word)))
            .fold((0, 0), |(words, upper), k| (words + 1, upper + usize::from(self.capitalised(k))));
        words >= 3 && upper * 10 >= words * 6
    }

    /// The best pattern match at every token of the sentence.
    fn find_hits(&self) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut tried: Vec<u32> = Vec::new();
        // Asked only of a capitalised word that might trigger a pattern.
        let title_case = OnceCell::new();
        for i in self.s0..self.s1 {
            // Most tokens trigger no pattern.
            if !self.toks[i].triggers
                || self.toks[i].timed
                || self.in_name(i)
                || (i > self.s0
                    && self.capitalised(i)
                    && !self.is_quote_mark(i - 1)
                    && !*title_case.get_or_init(|| self.title_case()))
                || matches!(
                    self.kind(i),
                    Some(TokenKind::Punct | TokenKind::OpenQuote | TokenKind::CloseQuote)
                )
            {
                continue;
            }
            let mut best: Option<Hit> = None;
            let noun = OnceCell::new();
            tried.clear();
            for id in self.toks[i].ids {
                if !id.is_some() {
                    continue;
                }
                for &p in &self.dicts.by_word[id.0 as usize] {
                    if tried.contains(&p) {
                        continue;
                    }
                    tried.push(p);
                    let pattern = &self.dicts.patterns[p as usize];
                    if let Some(hit) = self.match_pattern(pattern, i, p as usize, &noun)
                        && best.as_ref().is_none_or(|b| better(&hit, b))
                    {
                        best = Some(hit);
                    }
                }
            }
            if let Some(hit) = best
                && !hit.null
            {
                hits.push(hit);
            }
        }
        // A hit absorbs the triggers among its own words (`send aid`: `aid` is not an event
        // of its own).
        let n = hits.len();
        for a in 0..n {
            for b in 0..n {
                if a != b && !hits[a].absorbed && hits[a].words.contains(&hits[b].anchor) {
                    hits[b].absorbed = true;
                }
            }
        }
        hits
    }
}

/// Whether `a` is a better match than `b` at the same token: more specific; a bare
/// verb's null code never wins; then the upper layer, then the more specific code.
fn better(a: &Hit, b: &Hit) -> bool {
    if a.null && a.bare {
        return false;
    }
    if b.null && b.bare {
        return true;
    }
    if a.null != b.null {
        // A null code blocks only what it is strictly more specific than.
        return if a.null { a.specificity > b.specificity } else { a.specificity >= b.specificity };
    }
    let key = |h: &Hit| {
        (
            h.specificity,
            h.layer,
            std::cmp::Reverse(h.extent),
            std::cmp::Reverse(h.breadth),
            h.code.as_ref().map_or(0, |c| c.as_str().len()),
        )
    };
    key(a) > key(b)
}

// ----- actors -----

impl Article<'_, '_> {
    /// How the tokens in `[a, b)` join two actors: `Some(true)` with `and`/`or`,
    /// `Some(false)` with a comma only, `None` if they do not join them.
    fn joins(&self, a: usize, b: usize) -> Option<bool> {
        if b <= a || b - a > 3 {
            return None;
        }
        let mut comma = false;
        let mut and = false;
        for k in a..b {
            let c = self.class(k);
            if c & AND != 0 {
                and = true;
            } else if c & COMMA != 0 {
                comma = true;
            } else if c & DET == 0 {
                return None;
            }
        }
        if and {
            Some(true)
        } else if comma {
            Some(false)
        } else {
            None
        }
    }

    /// A mention and those coordinated with it (`China and Russia`, `Iran, Libya and
    /// Cuba`). A list joined by commas alone is not a coordination (`Sylvania, President
    /// Firefly said`).
    fn coordinated(&self, m: usize) -> Vec<usize> {
        let mut list = vec![m];
        let mut any_and = false;
        // Left.
        let mut start = self.ments[m].start;
        loop {
            let lo = start.saturating_sub(4).max(self.s0);
            let found =
                (lo..start).rev().find_map(|k| self.mention_at(k).filter(|&x| self.ments[x].end <= start));
            let Some(x) = found else { break };
            let Some(and) = self.joins(self.ments[x].end, start) else { break };
            if self.ments[x].possessive {
                break;
            }
            any_and |= and;
            list.insert(0, x);
            start = self.ments[x].start;
        }
        // Right.
        let mut end = self.ments[m].end;
        loop {
            let hi = (end + 4).min(self.s1);
            let found = (end..hi).find_map(|k| self.mention_at(k).filter(|&x| self.ments[x].start >= end));
            let Some(x) = found else { break };
            let Some(and) = self.joins(end, self.ments[x].start) else { break };
            if self.ments[x].possessive {
                break;
            }
            any_and |= and;
            list.push(x);
            end = self.ments[x].end;
        }
        if !any_and {
            list.truncate(0);
            list.push(m);
        }
        list
    }

    /// The subject of the verb at `pos`: the nearest actor to its left inside the
    /// clause, preferring one that is not the object of a preposition.
    fn subject_of(&self, pos: usize) -> Slot {
        self.subject_in(pos, false)
    }

    /// The speaker of a speech frame: its subject inside its own clause. A comma stops
    /// the search unless it closes an apposition right before the frame (`Mr X, the
    /// foreign minister, said`): `..., Defence Minister Anna Kowal said` with an unknown
    /// name must not reach back into what was said.
    fn speaker_of(&self, pos: usize) -> Slot {
        self.subject_in(pos, true)
    }

    fn subject_in(&self, pos: usize, clause_only: bool) -> Slot {
        let lo = pos.saturating_sub(SCAN).max(self.s0);
        let apposition_end = self.verb_group_start(pos).checked_sub(1).filter(|&k| self.is(k, COMMA));
        let mut commas = 0;
        let quoted = self.toks[pos.min(self.s1 - 1)].quoted;
        let mut fallback: Option<usize> = None;
        // `Rebels kidnapped ten advisers and exploded bombs`: the second verb's subject is
        // the first's, so mentions are skipped until the verb before the `and`.
        let mut conjoined = false;
        let mut j = pos;
        while j > lo && self.is(j - 1, ADV | NEG | BE | HAVE | DO | FUTURE | WOULD | MAYBE | TO) {
            j -= 1;
        }
        // `shelled Juba, killing 20`: a participle after a comma has the main subject too.
        let participle = self.input.tokens[pos.min(self.s1 - 1)].lower.ends_with("ing");
        if j > lo && (self.is(j - 1, AND) || (participle && self.is(j - 1, COMMA))) {
            conjoined = true;
        }
        // `blockade Paris ... to demand an end`: an infinitive of purpose after an object
        // has the main subject.
        if self.purpose(pos)
            && (self.verb_group_start(pos).saturating_sub(10)..self.verb_group_start(pos))
                .any(|k| k >= self.s0 && self.mention_at(k).is_some())
        {
            conjoined = true;
        }
        let mut i = pos;
        while i > lo {
            i -= 1;
            if self.toks[i].quoted != quoted && !self.is_quote_mark(i) {
                break;
            }
            let c = self.class(i);
            if c & BRACKET != 0 {
                continue;
            }
            if c & (HARD | END | SUB | COND) != 0 || (c & AS != 0 && i + 1 < pos) {
                break;
            }
            if clause_only && c & COMMA != 0 {
                commas += 1;
                let allowed = if apposition_end.is_some() { 2 } else { 0 };
                if commas > allowed {
                    break;
                }
            }
            if c & THAT != 0 && self.mention_at(i.saturating_sub(1)).is_none() {
                break;
            }
            if c & REL != 0 {
                let mut j = i;
                while j > self.s0 && self.is(j - 1, COMMA) {
                    j -= 1;
                }
                if j > self.s0
                    && let Some(m) = self.mention_at(j - 1)
                {
                    return Slot::Mentions(self.coordinated(m));
                }
                break;
            }
            if conjoined {
                if self.looks_finite(i) {
                    conjoined = false;
                }
                if let Some(m) = self.mention_at(i) {
                    i = self.ments[m].start;
                }
                continue;
            }
            if i + 1 != pos && self.frame_starts_at(i, FrameKind::Speech) {
                break;
            }
            if let Some(m) = self.mention_at(i) {
                let ment = self.ments[m];
                if ment.possessive {
                    i = ment.start;
                    continue;
                }
                let mut b = ment.start;
                while b > self.s0 && self.is(b - 1, DET) {
                    b -= 1;
                }
                let after_prep = b > self.s0 && self.is(b - 1, PREP);
                if after_prep {
                    fallback.get_or_insert(m);
                    i = ment.start;
                    continue;
                }
                return Slot::Mentions(self.coordinated(m));
            }
        }
        fallback.map_or(Slot::None, |m| Slot::Mentions(self.coordinated(m)))
    }

    /// The first token of the verb group ending at `pos` (auxiliaries, adverbs, `to`).
    fn verb_group_start(&self, pos: usize) -> usize {
        let mut j = pos;
        while j > self.s0 && self.is(j - 1, ADV | NEG | BE | HAVE | DO | FUTURE | WOULD | MAYBE | TO) {
            j -= 1;
        }
        j
    }

    /// Whether the verb at `pos` is an infinitive of purpose (`sent personnel to Bosnia to
    /// investigate`): `to` after something other than a verb, governed by a verb that is
    /// not a control verb (`urged Japan to`, `prompting the ministry to describe`, whose
    /// object is the infinitive's subject).
    fn purpose(&self, pos: usize) -> bool {
        let j = self.verb_group_start(pos);
        if j <= self.s0
            || j >= pos
            || !self.is(j, TO)
            || self.looks_finite(j - 1)
            || self.is(j - 1, ADV | NEG | BE | HAVE)
        {
            return false;
        }
        let control = |k: usize| {
            self.frame_starts_at(k, FrameKind::Control)
                || self.frame_starts_at(k, FrameKind::Appeal)
                || self.frame_starts_at(k, FrameKind::Demand)
        };
        let lo = j.saturating_sub(12).max(self.s0);
        match (lo..j)
            .rev()
            .find(|&k| control(k) || self.looks_finite(k) || self.is(k, HARD | END | SUB | REL | THAT))
        {
            Some(g) => !control(g) && !self.is(g, HARD | END | SUB | REL | THAT),
            None => false,
        }
    }

    /// Whether the token looks like a finite verb: a past form (`kidnapped`, `held`) or
    /// an auxiliary.
    fn looks_finite(&self, i: usize) -> bool {
        let tok = &self.input.tokens[i];
        self.mention_at(i).is_none()
            && (tok.lower.ends_with("ed")
                || self.is(i, HAVE | BE | DO | FUTURE | WOULD | MAYBE)
                || (tok.lower != tok.lemma && !tok.lower.ends_with('s')))
    }

    /// The object of the verb whose pattern ends at `from`: the first actor to its right
    /// inside the clause.
    fn object_of(&self, from: usize, transparent: &[usize]) -> Slot {
        let hi = (from + SCAN).min(self.s1);
        let mut i = from;
        while i < hi {
            if transparent.contains(&i) {
                i += 1;
                continue;
            }
            let c = self.class(i);
            if c & (HARD | END | COMMA | SUB | COND | REL | THAT) != 0 {
                break;
            }
            if self.frame_starts_at(i, FrameKind::Speech) {
                break;
            }
            if let Some(m) = self.mention_at(i) {
                let ment = self.ments[m];
                if ment.possessive {
                    i = ment.end;
                    continue;
                }
                return Slot::Mentions(self.coordinated(m));
            }
            if self.anaphor_at(i).is_some() {
                return Slot::Anaphor;
            }
            i += 1;
        }
        Slot::None
    }

    /// The agent of a passive or a noun: `by X`, within the clause (commas allowed:
    /// `has been accused of misusing funds, much of it embezzled, by officials`).
    fn agent_of(&self, from: usize) -> Slot {
        let hi = (from + SCAN).min(self.s1);
        for i in from..hi {
            if self.is(i, HARD | END | SUB | THAT | COND) {
                break;
            }
            if self.is(i, BY)
                && let Some((slot, _)) = self.mention_from(i + 1, 2, false)
            {
                return slot;
            }
        }
        Slot::None
    }

    /// The actor inside a noun phrase: `a Chinese attack`, `China's attack`, `its attack`.
    fn noun_source(&self, anchor: usize) -> Slot {
        let mut j = anchor;
        let mut skipped = 0;
        while j > self.s0 && skipped <= 2 {
            j -= 1;
            if let Some(m) = self.mention_at(j) {
                return Slot::Mentions(self.coordinated(m));
            }
            if matches!(self.kind(j), Some(TokenKind::Possessive)) {
                continue;
            }
            if self.is(j, HARD | END | COMMA | PREP | THAT | SUB | COND | REL | BE | HAVE | TO | DET | AND) {
                break;
            }
            skipped += 1;
        }
        Slot::None
    }

    /// The subject of a light verb governing the noun at `anchor` (`launched an attack`).
    fn light_subject(&self, anchor: usize) -> Slot {
        let lo = anchor.saturating_sub(6).max(self.s0);
        let mut j = anchor;
        while j > lo {
            j -= 1;
            if self.is(j, HARD | END | COMMA | SUB | COND | REL | THAT) {
                break;
            }
            if self.frame_starts_at(j, FrameKind::Light) {
                return if self.is_passive(j) { self.agent_of(j + 1) } else { self.subject_of(j) };
            }
        }
        Slot::None
    }

    fn resolve_actors(&self, hit: &mut Hit) {
        let subject_pos = hit.frame_start.unwrap_or(hit.anchor);
        let passive = !hit.noun && hit.frame_start.is_none() && self.is_passive(hit.anchor);
        if passive {
            // `Sylvania was attacked by Freedonia`: the subject is the target, the agent
            // the source, whatever the pattern's own slots found.
            hit.target = self.subject_of(subject_pos);
            hit.source = self.agent_of(hit.anchor_end);
            return;
        }
        if hit.source.is_none() {
            hit.source = if hit.noun && hit.frame_start.is_none() {
                let np = self.noun_source(hit.anchor);
                if np.is_none() {
                    let agent = self.agent_of(hit.anchor_end);
                    if agent.is_none() { self.light_subject(hit.anchor) } else { agent }
                } else {
                    np
                }
            } else {
                self.subject_of(subject_pos)
            };
        }
        let recip = hit.options.recip;
        if recip && hit.source.mentions().len() >= 2 {
            return;
        }
        if hit.target.is_none() && !hit.options.no_target {
            hit.target = self.object_of(hit.anchor_end, &hit.words);
            // `sent Freedonian troops to Sylvania`: the source's own people are not the
            // target when another actor follows.
            let own = |slot: &Slot| {
                let sources = hit.source.mentions();
                !slot.mentions().is_empty()
                    && slot.mentions().iter().all(|&t| {
                        sources
                            .iter()
                            .any(|&s| self.country(s).is_some() && self.country(s) == self.country(t))
                    })
            };
            let near =
                hit.target.mentions().first().is_some_and(|&t| self.ments[t].start <= hit.anchor_end + 3);
            if own(&hit.target) && near {
                let after = hit.target.mentions().iter().map(|&t| self.ments[t].end).max().unwrap_or(hit.end);
                let next = self.object_of(after, &hit.words);
                if !next.is_none() {
                    hit.target = next;
                }
            }
            // `demanded that the United States match ...`: the target is the subject of
            // the clause the verb introduces.
            if hit.target.is_none() {
                let mut k = hit.anchor_end;
                while k < self.s1
                    && k < hit.anchor_end + 5
                    && (self.is(k, ADV | DET | POSS) || self.toks[k].timed || hit.words.contains(&k))
                {
                    k += 1;
                }
                if k < self.s1 && self.is(k, THAT) {
                    hit.target = self.object_of(k + 1, &[]);
                }
            }
        }
    }
}

// ----- speech, frames, modality -----

impl Article<'_, '_> {
    fn pattern_rule(&self, pattern: u32) -> String {
        self.dicts
            .patterns
            .get(pattern as usize)
            .map_or_else(String::new, |p| self.dicts.rule_text(p.origin.file, p.origin.line, &p.origin.text))
    }

    fn frame_rule(&self, f: &FrameHit) -> String {
        let frame = &self.dicts.frames[f.frame as usize];
        format!(
            "{} {}({})",
            self.dicts.rule_text(frame.file, frame.line, "").trim_end(),
            f.kind.name(),
            frame.text
        )
    }

    /// Reported-speech frames of the sentence, with speakers and scopes.
    fn find_speech(&self, frames: &[FrameHit]) -> Vec<Speech> {
        let mut out: Vec<Speech> = Vec::new();
        for &f in frames {
            if f.kind != FrameKind::Speech || self.toks[f.start].quoted {
                continue;
            }
            // `..., he said, adding that ...`: a participle frame after a comma introduces
            // what follows.
            let participle = self.lower(f.start).ends_with("ing")
                && f.end < self.s1
                && (self.is(f.end, THAT) || self.mention_at(f.end).is_some());
            let before_is_break = !participle
                && f.start > self.s0
                && (self.is(f.start - 1, COMMA)
                    || matches!(self.kind(f.start - 1), Some(TokenKind::CloseQuote)));
            let speech = if self.lower(f.start) == "according" {
                // `according to X`: X may be media or unknown; the event is reported all
                // the same.
                let (speaker, end) = match self.mention_from(f.end, 2, false) {
                    Some((Slot::Mentions(speaker), end)) => (speaker, end),
                    _ => {
                        let end =
                            (f.end..self.s1).find(|&k| self.is(k, COMMA | HARD | END)).unwrap_or(self.s1);
                        (Vec::new(), end)
                    }
                };
                let scope = if f.start > self.s0 + 1 { (self.s0, f.start) } else { (end, self.s1) };
                Speech { frame: f, speaker, leading: false, scope, frame_region: (f.end, f.end) }
            } else {
                let subject = self.speaker_of(f.start);
                let inverted = if before_is_break { self.mention_from(f.end, 1, false) } else { None };
                match (subject, inverted) {
                    (_, Some((Slot::Mentions(speaker), _))) => Speech {
                        frame: f,
                        speaker,
                        leading: false,
                        scope: (self.s0, f.start - 1),
                        frame_region: (f.end, f.end),
                    },
                    (Slot::Mentions(speaker), _) => {
                        let k = self.ments[speaker[0]].start;
                        // `..., Lavrov said in an interview` names the source of what came
                        // before; `In a letter, Iraq said it would ...` introduces what
                        // follows.
                        let trailing = k > self.s0 + 2
                            && (self.is(k - 1, COMMA)
                                || matches!(self.kind(k - 1), Some(TokenKind::CloseQuote)))
                            && !self.introduces(f.end);
                        if trailing {
                            Speech {
                                frame: f,
                                speaker,
                                leading: false,
                                scope: (self.s0, k - 1),
                                frame_region: (f.end, f.end),
                            }
                        } else {
                            let region_end = (f.end..(f.end + 15).min(self.s1))
                                .find(|&k| self.is(k, THAT | COLON_LIKE) || self.is_quote_mark(k))
                                .unwrap_or(f.end);
                            Speech {
                                frame: f,
                                speaker,
                                leading: true,
                                scope: (f.end, self.s1),
                                frame_region: (f.end, region_end),
                            }
                        }
                    }
                    _ => {
                        // No known speaker (`..., a senior official said`, `..., Defence
                        // Minister Anna Kowal said`): a comma or closing quote shortly
                        // before the frame ends what was said.
                        let comma = (f.start.saturating_sub(7).max(self.s0 + 2)..f.start).rev().find(|&k| {
                            self.is(k, COMMA) || matches!(self.kind(k), Some(TokenKind::CloseQuote))
                        });
                        let trailing = !participle && (before_is_break || comma.is_some());
                        let end = if before_is_break { f.start - 1 } else { comma.unwrap_or(f.start) };
                        let scope = if trailing { (self.s0, end) } else { (f.end, self.s1) };
                        Speech {
                            frame: f,
                            speaker: Vec::new(),
                            leading: !trailing,
                            scope,
                            frame_region: (f.end, f.end),
                        }
                    }
                }
            };
            out.push(speech);
        }
        // A speech frame without a speaker inside another's scope (`quoted ... as saying`)
        // adds nothing.
        let spoken: Vec<(usize, usize)> =
            out.iter().filter(|s| !s.speaker.is_empty()).map(|s| s.scope).collect();
        out.retain(|s| {
            !s.speaker.is_empty() || !spoken.iter().any(|&(a, b)| a <= s.frame.start && s.frame.start < b)
        });
        out
    }

    /// Whether what follows a speech frame is what was said: `that`, a pronoun or an
    /// actor, a quotation or a colon right after it.
    fn introduces(&self, from: usize) -> bool {
        (from..self.s1).filter(|&k| !self.is(k, ADV) && !self.toks[k].timed).take(2).any(|k| {
            self.is(k, THAT | PRON | HARD)
                || self.mention_at(k).is_some()
                || matches!(self.kind(k), Some(TokenKind::OpenQuote))
        })
    }

    /// Lets wrapping frames (`vowed to`, `urged`, `refused to`) take the event they govern.
    fn apply_frames(&self, hits: &mut Vec<Hit>, frames: &[FrameHit]) {
        for f in frames.iter().rev().filter(|f| f.kind.wraps()) {
            let own = hits.iter().position(|h| !h.absorbed && h.anchor == f.start);
            let inner = hits.iter().position(|h| {
                !h.absorbed && h.anchor >= f.end && h.anchor < f.end + FRAME_REACH && h.anchor != f.start && {
                    (f.end..h.anchor).all(|k| {
                        !self.is(k, HARD | END | SUB | COND | REL)
                            && !self.frame_starts_at(k, FrameKind::Speech)
                    })
                }
            });
            let Some(e) = inner else {
                // `agreed to a ceasefire`: the frame's own pattern coded the content.
                if let Some(o) = own
                    && let Some(code) = hits[o].code.clone()
                    && is_cooperation(code.as_str())
                    && code.root() != 3
                    && let Some(c) = compose(f.kind, code.as_str()).and_then(|c| CameoCode::new(c).ok())
                    && c != code
                {
                    hits[o].frame_rules.insert(0, self.frame_rule(f));
                    if c.root() == 3 {
                        hits[o].modality.future = true;
                    }
                    hits[o].code = Some(c);
                    hits[o].composed = true;
                }
                continue;
            };
            if f.kind == FrameKind::Accuse {
                if own.is_some() {
                    hits[e].absorbed = true;
                }
                continue;
            }
            if f.kind == FrameKind::Content {
                hits[e].absorbed = true;
                continue;
            }
            let Some(inner_code) = hits[e].code.clone() else { continue };
            match compose(f.kind, inner_code.as_str()).and_then(|c| CameoCode::new(c).ok()) {
                Some(code) => {
                    let mut composed = hits[e].clone();
                    composed.code = Some(code);
                    composed.reverse = None;
                    composed.anchor = f.start;
                    composed.anchor_end = f.end;
                    composed.frame_start = Some(f.start);
                    composed.composed = true;
                    composed.noun = false;
                    composed.frame_rules.insert(0, self.frame_rule(f));
                    // The frame's object is the target (`urged Japan to ...`); else the
                    // wrapped event's.
                    let object = match own.map(|o| hits[o].target.clone()) {
                        Some(t) if !t.is_none() => t,
                        _ => self.object_between(f.end, hits[e].anchor),
                    };
                    if !object.is_none() {
                        composed.target = object;
                    }
                    composed.source = own.map(|o| hits[o].source.clone()).unwrap_or_default();
                    if composed.code.as_ref().is_some_and(|c| c.root() == 3) {
                        composed.modality.future = true;
                    }
                    hits[e].absorbed = true;
                    if let Some(o) = own {
                        hits[o].absorbed = true;
                        composed.words.extend(hits[o].words.iter().copied());
                    }
                    hits.push(composed);
                }
                None => match f.kind {
                    FrameKind::Intent => hits[e].modality.future = true,
                    FrameKind::Deny => hits[e].modality.negated = true,
                    _ => {}
                },
            }
        }
    }

    /// `US Predator attacks have killed eight leaders`: a noun event that is the subject
    /// of a verb event is one event with it; the verb's pattern codes it and the noun's
    /// actor is its source.
    fn merge_noun_subjects(&self, hits: &mut Vec<Hit>) {
        let n = hits.len();
        for a in 0..n {
            if !hits[a].noun || hits[a].absorbed || !hits[a].target.is_none() {
                continue;
            }
            let Some(b) = (0..n)
                .filter(|&b| b != a && !hits[b].noun && !hits[b].absorbed && hits[b].anchor > hits[a].end)
                .min_by_key(|&b| hits[b].anchor)
            else {
                continue;
            };
            let (from, to) = (hits[a].end, hits[b].frame_start.unwrap_or(hits[b].anchor));
            if to > from + 10
                || (from..to)
                    .any(|k| self.is(k, HARD | END | SUB | COND | REL | THAT) || self.mention_at(k).is_some())
            {
                continue;
            }
            let mut noun = hits[a].clone();
            let source =
                if noun.source.is_none() { self.noun_source(noun.anchor) } else { noun.source.clone() };
            if source.is_none() {
                continue;
            }
            noun.absorbed = true;
            hits[a] = noun;
            hits[b].source = source;
            let rule = format!(
                "rule: the noun event before is the subject ({})",
                self.pattern_rule(hits[a].pattern)
            );
            hits[b].rules.push(rule);
        }
        hits.retain(|h| !h.absorbed);
    }

    /// The first actor between a frame and the event it wraps (`urged Japan to`).
    fn object_between(&self, from: usize, to: usize) -> Slot {
        for i in from..to {
            if let Some(m) = self.mention_at(i)
                && !self.ments[m].possessive
            {
                return Slot::Mentions(self.coordinated(m));
            }
        }
        Slot::None
    }

    /// The clause around `pos`: bounded by hard punctuation, commas and clause words.
    fn clause(&self, pos: usize) -> (usize, usize) {
        let stop = HARD | END | COMMA | SUB | COND | THAT | REL;
        let mut a = pos;
        while a > self.s0 && !self.is(a - 1, stop) {
            a -= 1;
        }
        let mut b = pos + 1;
        while b < self.s1 && !self.is(b, stop) {
            b += 1;
        }
        (a, b.min(self.s1))
    }

    /// Modal, negation, habitual and hypothetical markers around a hit.
    fn read_modality(&self, hit: &mut Hit, in_speech: bool) -> Obligation {
        let mut obligation = Obligation::None;
        let head = hit.frame_start.unwrap_or(hit.anchor);
        // The verb group: back from the trigger over auxiliaries and adverbs.
        let mut j = head;
        let lo = head.saturating_sub(8).max(self.s0);
        while j > lo {
            j -= 1;
            let c = self.class(j);
            if c & (HARD | END | COMMA | SUB | COND | THAT | REL) != 0 || self.mention_at(j).is_some() {
                break;
            }
            if c & FUTURE != 0 {
                hit.modality.future = true;
            }
            if c & WOULD != 0 {
                if in_speech {
                    hit.modality.future = true;
                } else {
                    hit.modality.hypothetical = true;
                }
            }
            if c & MAYBE != 0 {
                hit.modality.hypothetical = true;
            }
            if c & NEG != 0 {
                hit.modality.negated = true;
            }
            if c & HYPO != 0 {
                hit.modality.hypothetical = true;
            }
            if self.lower(j) == "going" && self.is(j + 1, TO) {
                hit.modality.future = true;
            }
            if c & MUST != 0 || (c & (HAVE | NEED) != 0 && self.is(j + 1, TO)) {
                obligation = Obligation::Must;
            }
            if c & SHOULD != 0 && obligation == Obligation::None {
                obligation = Obligation::Should;
            }
        }
        let (a, b) = self.clause(hit.anchor);
        let a = a.min(j);
        for k in a..b {
            let c = self.class(k);
            if c & HABIT != 0 {
                hit.modality.habitual = true;
            }
            if self.frame_starts_at(k, FrameKind::Stance) && k <= hit.anchor {
                hit.modality.habitual = true;
            }
        }
        // `over the years`, `for decades`, `since 1949`.
        for k in a..b.saturating_sub(1) {
            let w = self.lower(k);
            let next = self.lower(k + 1);
            let after = if k + 2 < b { self.lower(k + 2) } else { "" };
            if (w == "over" || w == "for" || w == "in")
                && (matches!(after, "years" | "decades") || matches!(next, "years" | "decades"))
                || (w == "since" && next.len() == 4 && next.bytes().all(|c| c.is_ascii_digit()))
            {
                hit.modality.habitual = true;
            }
        }
        if hit.options.habitual {
            hit.modality.habitual = true;
        }
        obligation
    }

    /// Condition clauses of the sentence: `if ...`, `unless ...`, `in case of ...`.
    fn conditions(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = self.s0;
        while i < self.s1 {
            let w = self.lower(i);
            let marker = if self.is(i, COND) {
                Some(1)
            } else if !matches!(w, "in" | "provided" | "on" | "should") {
                None
            } else {
                let next = if i + 1 < self.s1 { self.lower(i + 1) } else { "" };
                let third = if i + 2 < self.s1 { self.lower(i + 2) } else { "" };
                match (w, next, third) {
                    ("in", "case", _) => Some(2),
                    ("in", "the", "event") => Some(3),
                    ("provided", "that", _) | ("on", "condition", _) => Some(2),
                    // `should a crisis break out`: an inverted condition (`should` before
                    // a determiner or an actor is no modal of obligation).
                    ("should", ..)
                        if i + 1 < self.s1 && (self.is(i + 1, DET) || self.mention_at(i + 1).is_some()) =>
                    {
                        Some(1)
                    }
                    _ => None,
                }
            };
            if marker.is_some() {
                let mut end = i + 1;
                while end < self.s1 && !self.is(end, HARD | END | COMMA) && !self.is_quote_mark(end) {
                    end += 1;
                }
                out.push((i, end));
                i = end;
            } else {
                i += 1;
            }
        }
        out
    }

    fn condition_for(&self, hit: &Hit, conditions: &[(usize, usize)]) -> Option<(usize, usize)> {
        let head = hit.frame_start.unwrap_or(hit.anchor);
        conditions.iter().copied().find(|&(a, b)| {
            if a > head {
                (head..a).all(|k| !self.is(k, HARD | END | SUB))
                    && !(head..a).any(|k| self.frame_starts_at(k, FrameKind::Speech))
            } else {
                // A condition before the clause: `If attacked, Norway will respond`.
                b <= head
                    && (a == self.s0 || self.is(a - 1, COMMA | THAT))
                    && (b..head).all(|k| !self.is(k, HARD | END | SUB))
            }
        })
    }

    fn date_for(&self, hit: &Hit) -> EventDate {
        let input = self.input;
        let find = |a: usize, b: usize| -> Option<usize> {
            if a >= b {
                return None;
            }
            let span = self.span_of(a, b);
            let anchor = input.tokens[hit.anchor].span.start;
            input
                .times
                .iter()
                .enumerate()
                .filter(|(_, t)| span.contains(t.span))
                .min_by_key(|(_, t)| t.span.start.abs_diff(anchor))
                .map(|(i, _)| i)
        };
        let (a, b) = self.clause(hit.frame_start.unwrap_or(hit.anchor));
        let found = find(a, b).or_else(|| hit.date_region.and_then(|(a, b)| find(a, b)));
        match found {
            Some(i) => {
                let t = &input.times[i];
                EventDate { date: t.date, precision: t.precision, span: Some(t.span) }
            }
            None => EventDate { date: input.date, precision: Precision::Day, span: None },
        }
    }
}

/// Colon-like tokens end a speech frame's description too.
const COLON_LIKE: u32 = HARD;

/// `must` or `should` in a verb group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Obligation {
    None,
    Must,
    Should,
}

// ----- a sentence's events -----

impl Article<'_, '_> {
    /// Whether the verb group ending at `head` has a pronoun subject (`they would`,
    /// `it is prepared to`), which in reported speech stands for the speaker.
    fn pronoun_subject(&self, head: usize) -> bool {
        let mut j = head;
        while j > self.s0
            && self.is(j - 1, ADV | NEG | BE | HAVE | DO | FUTURE | WOULD | MAYBE | TO | MUST | SHOULD)
        {
            j -= 1;
        }
        j > self.s0 && self.is(j - 1, PRON)
    }

    /// The first actor named in a condition clause.
    fn condition_actor(&self, span: Span) -> Option<usize> {
        (self.s0..self.s1)
            .filter(|&k| span.contains(self.input.tokens[k].span))
            .find_map(|k| self.mention_at(k).filter(|&m| !self.ments[m].possessive))
    }

    fn country(&self, m: usize) -> Option<&str> {
        self.codes[m].0.country()
    }

    fn code_len(&self, m: usize) -> usize {
        self.codes[m].0.as_str().len()
    }

    fn code_sentence(
        &mut self,
        sentence: usize,
        block: BlockKind,
        speeches: &[Speech],
        frames: &[FrameHit],
    ) -> Vec<Proto> {
        let mut hits = self.find_hits();
        self.apply_frames(&mut hits, frames);
        hits.retain(|h| !h.absorbed);
        self.merge_noun_subjects(&mut hits);
        hits.sort_by_key(|h| (h.frame_start.unwrap_or(h.anchor), h.anchor));
        // Most sentences have no event: their conditions need not be found.
        if hits.is_empty() {
            return Vec::new();
        }
        let conditions = self.conditions();
        // The acts inside conditions are not events: they are coded as the conditions'
        // triggers.
        let cond_hits: Vec<Hit> = hits
            .iter()
            .filter(|h| {
                let head = h.frame_start.unwrap_or(h.anchor);
                conditions.iter().any(|&(a, b)| a <= head && head < b)
            })
            .cloned()
            .collect();
        let mut protos: Vec<Proto> = Vec::new();
        for mut hit in hits {
            let head = hit.frame_start.unwrap_or(hit.anchor);
            if conditions.iter().any(|&(a, b)| a <= head && head < b) {
                continue;
            }
            let Some(mut code) = hit.code.clone() else { continue };
            self.resolve_actors(&mut hit);
            let speech = speeches
                .iter()
                .filter(|s| s.scope.0 <= head && head < s.scope.1)
                .min_by_key(|s| (s.speaker.is_empty(), s.scope.1 - s.scope.0));
            let mut main_clause = false;
            if let Some(s) = speech {
                hit.modality.attribution = Attribution::Reported;
                hit.speaker = (!s.speaker.is_empty()).then(|| s.speaker.clone());
                // A claim is what the main clause of the reported content says, not what a
                // relative or subordinate clause inside it describes.
                let mut content_start =
                    if s.frame_region.1 > s.frame_region.0 { s.frame_region.1 } else { s.scope.0 };
                while content_start < head && self.is(content_start, THAT | COMMA) {
                    content_start += 1;
                }
                // `was quoted today as saying ...`: what was said starts after `saying`.
                if let Some(k) = (content_start..(content_start + 4).min(head))
                    .find(|&k| self.frame_starts_at(k, FrameKind::Speech))
                {
                    content_start = k + 1;
                }
                main_clause =
                    (content_start.min(head)..head).all(|k| !self.is(k, REL | SUB | COND | THAT | HARD | AS));
                hit.leading = s.leading && main_clause;
                hit.date_region = Some(s.frame_region);
                hit.rules.push(format!("reported: {}", self.frame_rule(&s.frame)));
            }
            let obligation = self.read_modality(&mut hit, speech.is_some());
            // An infinitive of purpose shares its main event's tense (`will visit ... to
            // mediate`), and a protest's purpose (`staged rallies to demand reforms`) is
            // the protest's, not an event of its own.
            if hit.frame_start.is_none()
                && self.purpose(head)
                && let Some(main) = protos.last()
            {
                if main.code.root() == 14 && matches!(code.root(), 2 | 10 | 14) {
                    continue;
                }
                hit.modality.future |= main.modality.future;
                hit.modality.hypothetical |= main.modality.hypothetical;
            }
            if let Some((a, b)) = self.condition_for(&hit, &conditions) {
                let trigger = self.condition_trigger((a, b), &cond_hits, &hit);
                hit.modality.condition = Some(Condition {
                    text: self.text_of(a, b).to_string(),
                    span: self.span_of(a, b),
                    trigger,
                });
            }
            // CAMEO codes announced or conditional coercion and violence as a threat
            // (`would blockade Paris`, `will withdraw ... unless`, `may halt mediation if`).
            let conditional =
                hit.modality.condition.is_some() && (hit.modality.future || hit.modality.hypothetical);
            if (hit.modality.future || conditional)
                && !hit.modality.negated
                && matches!(code.root(), 14..=20)
                && let Some(c) =
                    compose(FrameKind::Threat, code.as_str()).and_then(|c| CameoCode::new(c).ok())
            {
                code = c;
                hit.modality.future = false;
                hit.rules.push("rule: announced or conditional coercion is a threat (CAMEO 13)".into());
            }
            // CAMEO codes future or possible cooperation as intent (03), and refused
            // cooperation as rejection (12).
            if !hit.composed
                && (hit.modality.future || hit.modality.hypothetical)
                && is_cooperation(code.as_str())
                && code.root() != 3
                && let Some(c) =
                    compose(FrameKind::Intent, code.as_str()).and_then(|c| CameoCode::new(c).ok())
            {
                code = c;
                hit.rules.push("rule: future or possible cooperation is intent (CAMEO 03)".into());
            }
            if hit.modality.negated
                && is_cooperation(code.as_str())
                && let Some(c) =
                    compose(FrameKind::Reject, code.as_str()).and_then(|c| CameoCode::new(c).ok())
            {
                code = c;
                // `will not defend`, `would not support ... if`: a pledge withdrawn.
                hit.withdrawn =
                    hit.modality.future || hit.modality.hypothetical || hit.modality.condition.is_some();
                hit.modality.negated = false;
                hit.modality.future = false;
                hit.modality.hypothetical = false;
                hit.rules.push("rule: negated cooperation is rejection (CAMEO 12)".into());
            }
            if let Some(speaker) = hit.speaker.clone() {
                let spk = speaker[0];
                let sources = hit.source.mentions().to_vec();
                let speaker_country = self.country(spk).map(str::to_string);
                if sources.is_empty() && !hit.noun && main_clause && self.pronoun_subject(head) {
                    hit.source = Slot::Mentions(speaker.clone());
                    hit.rules.push("rule: the speaker is the subject".into());
                } else if sources.len() == 1
                    && self.code_len(sources[0]) == 3
                    && self.code_len(spk) > 3
                    && self.country(sources[0]).is_some()
                    && self.country(sources[0]) == speaker_country.as_deref()
                {
                    hit.source = Slot::Mentions(speaker.clone());
                    hit.rules.push("rule: the speaker acts for their country".into());
                }
                if hit.leading && !sources.is_empty() {
                    let others = sources.iter().all(|&m| {
                        !speaker.contains(&m)
                            && (speaker_country.is_none() || self.country(m) != speaker_country.as_deref())
                    });
                    if obligation != Obligation::None && !matches!(code.root(), 2 | 10) && others {
                        let frame = if obligation == Obligation::Must {
                            FrameKind::Demand
                        } else {
                            FrameKind::Appeal
                        };
                        if let Some(c) = compose(frame, code.as_str()).and_then(|c| CameoCode::new(c).ok()) {
                            code = c;
                            hit.target = Slot::Mentions(sources.clone());
                            hit.source = Slot::Mentions(speaker.clone());
                            hit.claim = true;
                            hit.modality =
                                Modality { attribution: Attribution::Reported, ..Modality::default() };
                            hit.rules.push(format!(
                                "rule: a statement that others {} act is a {}",
                                if frame == FrameKind::Demand { "must" } else { "should" },
                                frame.name()
                            ));
                        }
                    } else if code.root() >= 13 && others {
                        let (clause_start, clause_end) = self.clause(hit.anchor);
                        let _ = clause_start;
                        let warned = hit.noun
                            && (hit.end..(hit.end + 4).min(self.s1))
                                .any(|k| k < clause_end.max(hit.end + 1) && self.is(k, MAYBE | WOULD));
                        let act_targets = std::mem::replace(&mut hit.target, Slot::Mentions(sources.clone()));
                        hit.source = Slot::Mentions(speaker.clone());
                        hit.claim = true;
                        if warned {
                            let mut start = self.ments[sources[0]].start.min(hit.anchor);
                            while start > self.s0 && self.is(start - 1, DET) {
                                start -= 1;
                            }
                            let end = hit.end;
                            let condition = Condition {
                                text: self.text_of(start, end).to_string(),
                                span: self.span_of(start, end),
                                trigger: Some(self.act_trigger(&hit, &code, &sources, &act_targets)),
                            };
                            code = CameoCode::new("138").unwrap_or(code);
                            hit.modality = Modality {
                                attribution: Attribution::Reported,
                                condition: Some(condition),
                                hypothetical: true,
                                ..Modality::default()
                            };
                            hit.rules.push("rule: a warning about what another's hostile act would mean is a threat (CAMEO 138)".into());
                        } else {
                            code = CameoCode::new("112").unwrap_or(code);
                            hit.modality =
                                Modality { attribution: Attribution::Reported, ..Modality::default() };
                            hit.rules.push(
                                "rule: a claim about another's hostile conduct is an accusation (CAMEO 112)"
                                    .into(),
                            );
                        }
                    }
                }
            }
            // An expressed intent is about the future.
            if code.root() == 3 {
                hit.modality.future = true;
            }
            let sources = hit.source.mentions().to_vec();
            if sources.is_empty() {
                continue;
            }
            let mut targets = match &hit.target {
                Slot::Mentions(t) => t.clone(),
                Slot::Anaphor => self.last_sources.clone(),
                Slot::None => Vec::new(),
            };
            // `threatened to strike unless Israel rescinded ...`: the threat is aimed at the
            // condition's actor.
            if code.root() == 13
                && !hit.claim
                && let Some(c) = &hit.modality.condition
                && let Some(t) = self.condition_actor(c.span)
                && !sources.contains(&t)
            {
                targets = vec![t];
            }
            targets.retain(|t| !sources.contains(t));
            if hit.options.pair && targets.is_empty() && sources.len() < 2 {
                continue;
            }
            let date = self.date_for(&hit);
            let recip = hit.options.recip;
            let trigger = if hit.claim {
                self.span_of(hit.anchor, hit.anchor_end)
            } else {
                self.span_of(head, hit.anchor_end.max(head + 1))
            };
            self.last_sources.clone_from(&sources);
            // Only what may commit to something is read for a pledge.
            let marks = if faultline_model::CommitmentClass::of(&code).is_some() || hit.withdrawn {
                self.pledge_marks(&hit, head, speech)
            } else {
                PledgeMarks::default()
            };
            protos.push(Proto {
                sentence,
                block,
                sources,
                targets,
                recip,
                code,
                reverse: if hit.claim { None } else { hit.reverse.clone() },
                trigger,
                modality: hit.modality,
                speaker: hit.speaker.and_then(|s| s.first().copied()),
                rules: {
                    let mut rules = hit.frame_rules;
                    rules.push(self.pattern_rule(hit.pattern));
                    rules.extend(hit.rules);
                    rules
                },
                date,
                marks,
            });
        }
        protos
    }
}

// ----- quotes and events -----

impl Article<'_, '_> {
    fn actor_ref(&self, m: usize) -> ActorRef {
        let mention = &self.input.mentions[m];
        let name = mention.name.clone().or_else(|| {
            let antecedent = mention.antecedent?;
            let a = self.input.mentions.iter().find(|x| x.span == antecedent)?;
            a.name.clone().or_else(|| matches!(a.kind, MentionKind::Name).then(|| a.text.clone()))
        });
        let (code, span) = self.codes[m].clone();
        let text = if span == mention.span {
            mention.text.clone()
        } else {
            span.get(self.input.text).unwrap_or(&mention.text).to_string()
        };
        ActorRef { code, text, span, name }
    }

    fn sentence_of(&self, pos: u32) -> Option<usize> {
        let sentences = &self.input.sentences;
        let i = sentences.partition_point(|s| s.span.end <= pos);
        (i < sentences.len() && sentences[i].span.start <= pos).then_some(i)
    }

    /// Quotations with their speakers: the reporting frame in the sentence, else the
    /// speaker of the sentence before (a quote that continues).
    fn quotes(&mut self) -> Vec<Quote> {
        let input = self.input;
        let mut out = Vec::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut last: Option<(usize, usize)> = None; // (sentence, speaker mention)
        for q in &input.quotes {
            let Some(si) = self.sentence_of(q.start) else { continue };
            let sentence = &input.sentences[si];
            if !matches!(sentence.block, BlockKind::Title | BlockKind::Standfirst | BlockKind::Paragraph) {
                continue;
            }
            let raw = q.get(input.text).unwrap_or("");
            let lead =
                raw.len() - raw.trim_start_matches(|c: char| is_quote_char(c) || c.is_whitespace()).len();
            // The comma a quote ends with before its frame (`“...,” he said`) is the
            // sentence's, not the speaker's.
            let inner = raw.trim_matches(|c: char| is_quote_char(c) || c.is_whitespace());
            let inner = inner.strip_suffix(',').map_or(inner, str::trim_end);
            if inner.is_empty() || !seen.insert(inner.to_string()) {
                continue;
            }
            let span = Span::new(q.start as usize + lead, q.start as usize + lead + inner.len());
            self.s0 = sentence.tokens.start.min(self.toks.len());
            self.s1 = sentence.tokens.end.min(self.toks.len());
            let qa = input.tokens.partition_point(|t| t.span.end <= q.start);
            let qb = input.tokens.partition_point(|t| t.span.start < q.end);
            let speech = self.speeches[si]
                .iter()
                .filter(|s| s.frame.start < qa || s.frame.start >= qb)
                .min_by_key(|s| if s.frame.start < qa { qa - s.frame.start } else { s.frame.start - qb });
            let mut speaker = speech.and_then(|s| s.speaker.first().copied());
            if speaker.is_none() {
                let pronoun =
                    speech.is_some_and(|s| s.frame.start > self.s0 && self.is(s.frame.start - 1, PRON));
                let continues = speech.is_none() && last.is_some_and(|(ls, _)| ls + 1 >= si);
                if pronoun || continues {
                    speaker = last.map(|(_, m)| m);
                }
            }
            if let Some(m) = speaker {
                last = Some((si, m));
            }
            let n_words = inner.split_whitespace().count();
            let starts_sentence = qa <= self.s0 + 1;
            let kind = if n_words < 4 && !starts_sentence { QuoteKind::Partial } else { QuoteKind::Direct };
            out.push(Quote {
                text: inner.to_string(),
                span,
                kind,
                speaker: speaker.map(|m| self.actor_ref(m)),
                frame: speech.map(|s| self.span_of(s.frame.start, s.frame.end)),
            });
        }
        out
    }

    fn emit(&self, protos: Vec<Proto>, quotes: &[Quote]) -> Vec<Event> {
        let input = self.input;
        let dicts = self.dicts;
        let country = |m: usize| -> String { self.codes[m].0.root().to_string() };
        let pairs_of = |p: &Proto| -> Vec<(usize, Option<usize>)> {
            if p.targets.is_empty() {
                if p.recip && p.sources.len() >= 2 {
                    let mut pairs = Vec::new();
                    for &a in &p.sources {
                        for &b in &p.sources {
                            if a != b {
                                pairs.push((a, Some(b)));
                            }
                        }
                    }
                    pairs
                } else {
                    p.sources.iter().map(|&s| (s, None)).collect()
                }
            } else {
                p.sources.iter().flat_map(|&s| p.targets.iter().map(move |&t| (s, Some(t)))).collect()
            }
        };
        // Title and standfirst restate the body: their events count only when the body
        // has no event with the same countries and CAMEO root.
        let mut body: FxHashSet<(String, String, u8)> = FxHashSet::default();
        for p in protos.iter().filter(|p| p.block == BlockKind::Paragraph) {
            for (s, t) in pairs_of(p) {
                body.insert((country(s), t.map(country).unwrap_or_default(), p.code.root()));
            }
        }
        let mut events: Vec<Event> = Vec::new();
        let mut event_sentences: Vec<usize> = Vec::new();
        let mut done: FxHashSet<(usize, String, String, String)> = FxHashSet::default();
        for p in &protos {
            let sentence = &input.sentences[p.sentence];
            let quote = quotes
                .iter()
                .find(|q| q.span.start <= p.trigger.start && p.trigger.end <= q.span.end + 3)
                .cloned();
            let mut push =
                |source: usize, target: Option<usize>, code: &CameoCode, rule_extra: Option<&str>| {
                    let key = (country(source), target.map(country).unwrap_or_default(), code.root());
                    if p.block != BlockKind::Paragraph && body.contains(&key) {
                        return;
                    }
                    let src_code = self.codes[source].0.to_string();
                    let tgt_code = target.map(|t| self.codes[t].0.to_string()).unwrap_or_default();
                    if !done.insert((p.sentence, src_code, tgt_code, code.to_string())) {
                        return;
                    }
                    let Some(entry) = dicts.cameo.lookup(code.as_str()) else { return };
                    let mut rule = p.rules.join(" | ");
                    if let Some(extra) = rule_extra {
                        rule.push_str(" | ");
                        rule.push_str(extra);
                    }
                    let pledge =
                        if rule_extra.is_none() { self.pledge_of(p, code, target, quotes) } else { None };
                    event_sentences.push(p.sentence);
                    events.push(Event {
                        id: format!("{}#{}", input.article_id, events.len() + 1),
                        article_id: input.article_id.to_string(),
                        source: self.actor_ref(source),
                        target: target.map(|t| self.actor_ref(t)),
                        cameo: code.clone(),
                        plover: entry.plover,
                        plover_mode: entry.mode.clone(),
                        plover_context: entry.context.clone(),
                        goldstein: entry.goldstein,
                        quad_class: entry.quad_class,
                        modality: p.modality.clone(),
                        quote: quote.clone(),
                        speaker: p.speaker.map(|m| self.actor_ref(m)),
                        date: p.date.clone(),
                        location: None,
                        evidence: Evidence {
                            sentence: sentence.span,
                            sentence_text: sentence.span.get(input.text).unwrap_or("").to_string(),
                            trigger: p.trigger,
                            rule,
                            dictionary_version: dicts.version.clone(),
                        },
                        pledge,
                    });
                };
            for (s, t) in pairs_of(p) {
                // An actor does not act on itself: `Israel and Lebanon renewed talks on a
                // pullback from Lebanon` is not Lebanon negotiating with Lebanon.
                let t = t.filter(|&t| !p.recip || self.codes[t].0 != self.codes[s].0);
                push(s, t, &p.code, None);
                if let (Some(reverse), Some(t)) = (&p.reverse, t) {
                    push(t, Some(s), reverse, Some("reverse code"));
                }
            }
        }
        self.attach_cited_bases(&mut events, &event_sentences, &self.cited);
        events
    }
}

/// Sector codes that name no country (`REB`, `CVL`): placed by an `in`/`of`/`from` and
/// a country right after them.
const SECTORS: &[&str] = &[
    "REB", "CVL", "BUS", "MED", "OPP", "GOV", "MIL", "COP", "LEG", "JUD", "LAB", "REF", "EDU", "HLH", "AGR",
    "SPY", "UAF", "ELI", "CRM", "RAD", "PTY", "IND", "MOD",
];

/// `text` with its runs of white space collapsed to single spaces and trimmed, into
/// `out`: `text.split_whitespace().collect::<Vec<_>>().join(" ")` without the vector,
/// on the model's byte-level word splitter.
fn collapse_spaces(text: &str, out: &mut String) {
    out.clear();
    faultline_model::text::for_each_word(text, true, |word| push_word(out, word));
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

fn located_codes(input: &Input<'_>, toks: &[Tok], ments: &[Ment]) -> Vec<(ActorCode, Span)> {
    let mut out: Vec<(ActorCode, Span)> = input.mentions.iter().map(|m| (m.code.clone(), m.span)).collect();
    for (idx, m) in ments.iter().enumerate() {
        let code = &input.mentions[idx].code;
        if !m.usable || code.as_str().len() != 3 || !SECTORS.contains(&code.as_str()) {
            continue;
        }
        let mut k = m.end;
        if k < toks.len() && matches!(input.tokens[k].lower, "in" | "of" | "from") {
            k += 1;
            while k < toks.len() && toks[k].class & DET != 0 {
                k += 1;
            }
            if k < toks.len()
                && toks[k].mention != 0
                && let Some(place) = input.mentions.get(toks[k].mention as usize - 1)
                && let Some(country) = place.code.country()
                && let Ok(placed) = ActorCode::new(format!("{country}{code}"))
            {
                out[idx] = (placed, input.mentions[idx].span.cover(place.span));
            }
        }
    }
    out
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„')
}

#[cfg(test)]
mod tests {
    use super::collapse_spaces;
    use proptest::prelude::*;

    fn collapsed(text: &str) -> String {
        let mut out = String::from("stale");
        collapse_spaces(text, &mut out);
        out
    }

    #[test]
    fn collapse_spaces_joins_words_with_one_space() {
        assert_eq!(collapsed("  Iran\u{a0}and\t\tIraq \u{2028} met.\n"), "Iran and Iraq met.");
        assert_eq!(collapsed("\u{b}x\u{85}y\u{200b}z"), "x y\u{200b}z");
        assert_eq!(collapsed(" \n "), "");
    }

    proptest! {
        #[test]
        fn collapse_spaces_is_split_whitespace_joined(text in "[ a\t\n\u{b}\u{1c}\u{a0}\u{a9}\u{85}\u{1680}\u{2003}\u{201c}\u{20ac}\u{205f}é\u{200b}\u{3000}\u{3001}]{0,40}") {
            prop_assert_eq!(collapsed(&text), text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}
