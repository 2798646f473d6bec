//! A small annotator for the coder's own tests: tokens, sentences, quotes, a few time
//! expressions and a gazetteer of invented actors with naive coreference. It stands in
//! for the nlp and actors crates so that coder tests do not move when those change.

use faultline_coding::{Coded, Coder, Input, SentenceInput, TimeInput, Token, TokenKind};
use faultline_model::{ActorCode, BlockKind, Event, Mention, MentionKind, Precision, Span};
use jiff::civil::Date;

/// One actor of a test world.
#[derive(Clone, Debug)]
pub struct Entry {
    pub phrase: &'static str,
    pub code: &'static str,
    pub kind: MentionKind,
    pub person: bool,
    pub media: bool,
}

/// A gazetteer: phrases to actor codes.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub entries: Vec<Entry>,
}

impl World {
    /// Lines `phrase = CODE [demonym|person|media|metonym]`.
    pub fn parse(text: &'static str) -> World {
        let mut entries = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (phrase, rest) = line.split_once('=').expect("phrase = CODE");
            let mut parts = rest.split_whitespace();
            let code = parts.next().expect("a code");
            let mut entry =
                Entry { phrase: phrase.trim(), code, kind: MentionKind::Name, person: false, media: false };
            for flag in parts {
                match flag {
                    "demonym" => entry.kind = MentionKind::Demonym,
                    "metonym" => entry.kind = MentionKind::Metonym,
                    "person" => entry.person = true,
                    "media" => entry.media = true,
                    "role" => entry.kind = MentionKind::Role,
                    other => panic!("unknown flag {other}"),
                }
            }
            entries.push(entry);
        }
        // Longest phrases first.
        entries.sort_by_key(|e| std::cmp::Reverse(e.phrase.len()));
        World { entries }
    }
}

/// Owned annotations, from which an [`Input`] borrows.
pub struct Annotated {
    pub id: String,
    pub text: String,
    pub date: Date,
    pub tokens: Vec<(Span, TokenKind, String, String)>,
    pub sentences: Vec<SentenceInput>,
    pub mentions: Vec<Mention>,
    pub media: Vec<bool>,
    pub quotes: Vec<Span>,
    pub times: Vec<TimeInput>,
    pub excluded: Vec<Span>,
}

impl Annotated {
    pub fn input(&self) -> Input<'_> {
        let mut input = Input::new(&self.id, &self.text, self.date);
        input.tokens = self
            .tokens
            .iter()
            .map(|(span, kind, lower, lemma)| Token { span: *span, kind: *kind, lower, lemma })
            .collect();
        input.sentences = self.sentences.clone();
        input.mentions = self.mentions.clone();
        input.media = self.media.clone();
        input.quotes = self.quotes.clone();
        input.times = self.times.clone();
        input.excluded = self.excluded.clone();
        input
    }
}

const MONTHS: [&str; 12] = [
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

fn month_of(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    MONTHS.iter().position(|m| *m == w || (w.len() == 3 && m.starts_with(w))).map(|i| i as i8 + 1)
}

/// Annotates blocks of text: `(kind, text)` pairs joined by blank lines.
pub fn annotate(world: &World, blocks: &[(BlockKind, &str)], date: Date) -> Annotated {
    let mut text = String::new();
    let mut block_spans = Vec::new();
    for (kind, block) in blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(block);
        block_spans.push((*kind, Span::new(start, text.len())));
    }
    // Tokens.
    let mut tokens: Vec<(Span, TokenKind, String, String)> = Vec::new();
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i;
            while j < bytes.len() {
                let (_, d) = bytes[j];
                let prev = if j > 0 { bytes[j - 1].1 } else { ' ' };
                let next = bytes.get(j + 1).map_or(' ', |(_, n)| *n);
                let abbreviation = d == '.'
                    && prev.is_uppercase()
                    && (next.is_uppercase() || bytes[i..j].iter().any(|(_, x)| *x == '.'));
                let joined = (d == '-' && next.is_alphanumeric())
                    || (d == ',' && prev.is_ascii_digit() && next.is_ascii_digit());
                if d.is_alphanumeric() || abbreviation || joined {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = bytes.get(j).map_or(text.len(), |(p, _)| *p);
            let word = &text[pos..end];
            // Split a possessive.
            let lower = word.to_lowercase();
            let kind = if word.chars().all(|c| c.is_ascii_digit() || c == ',') {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push((Span::new(pos, end), kind, lower.clone(), lemma(&lower)));
            i = j;
            // 's / ’s / n't
            if i + 1 < bytes.len()
                && matches!(bytes[i].1, '\'' | '’')
                && bytes[i + 1].1 == 's'
                && !bytes.get(i + 2).is_some_and(|(_, c)| c.is_alphanumeric())
            {
                let p = bytes[i].0;
                let e = bytes.get(i + 2).map_or(text.len(), |(p, _)| *p);
                tokens.push((Span::new(p, e), TokenKind::Possessive, "'s".into(), "'s".into()));
                i += 2;
            }
            continue;
        }
        let end = bytes.get(i + 1).map_or(text.len(), |(p, _)| *p);
        let kind = match c {
            '“' | '‘' => TokenKind::OpenQuote,
            '”' => TokenKind::CloseQuote,
            '"' => {
                let n = tokens.iter().filter(|t| t.2 == "\"").count();
                if n % 2 == 0 { TokenKind::OpenQuote } else { TokenKind::CloseQuote }
            }
            _ => TokenKind::Punct,
        };
        let lower = if c == '"' { "\"".to_string() } else { c.to_string() };
        tokens.push((Span::new(pos, end), kind, lower.clone(), lower));
        i += 1;
    }
    // Sentences: inside blocks, ending at . ! ? (not after a title abbreviation).
    let mut sentences = Vec::new();
    for (kind, span) in &block_spans {
        let first = tokens.partition_point(|t| t.0.end <= span.start);
        let last = tokens.partition_point(|t| t.0.start < span.end);
        let mut s = first;
        let mut k = first;
        while k < last {
            let is_end = matches!(tokens[k].2.as_str(), "." | "!" | "?");
            let closing = k + 1 < last && tokens[k + 1].1 == TokenKind::CloseQuote;
            if is_end || k + 1 == last {
                let mut e = k + 1;
                if is_end && closing {
                    e += 1;
                }
                sentences.push(SentenceInput {
                    span: tokens[s].0.cover(tokens[e - 1].0),
                    tokens: s..e,
                    block: *kind,
                });
                s = e;
                k = e;
                continue;
            }
            k += 1;
        }
    }
    // Quotes.
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    for t in &tokens {
        match t.1 {
            TokenKind::OpenQuote => open = Some(t.0.start as usize),
            TokenKind::CloseQuote => {
                if let Some(o) = open.take() {
                    quotes.push(Span::new(o, t.0.end as usize));
                }
            }
            _ => {}
        }
    }
    // Mentions: longest phrase first at each token, case-sensitive on the first letter.
    let mut mentions: Vec<Mention> = Vec::new();
    let mut media = Vec::new();
    let mut last_person: Option<usize> = None;
    let mut last_other: Option<usize> = None;
    let mut k = 0;
    while k < tokens.len() {
        let start = tokens[k].0.start as usize;
        let mut matched = false;
        for entry in &world.entries {
            let n = entry.phrase.split_whitespace().count();
            if k + n > tokens.len() {
                continue;
            }
            let end = tokens[k + n - 1].0.end as usize;
            let candidate = &text[start..end];
            let normal: String = candidate.split_whitespace().collect::<Vec<_>>().join(" ");
            if normal == entry.phrase {
                let idx = mentions.len();
                mentions.push(Mention {
                    span: Span::new(start, end),
                    text: candidate.to_string(),
                    code: ActorCode::new(entry.code).expect("valid code"),
                    kind: entry.kind,
                    name: entry.person.then(|| entry.phrase.to_string()),
                    antecedent: None,
                    confidence: 1.0,
                });
                media.push(entry.media);
                if entry.person {
                    last_person = Some(idx);
                } else if !entry.media {
                    last_other = Some(idx);
                }
                k += n;
                matched = true;
                break;
            }
        }
        if matched {
            continue;
        }
        let lower = tokens[k].2.as_str();
        let antecedent = match lower {
            "he" | "she" | "his" | "her" => last_person,
            "it" | "its" => last_other,
            _ => None,
        };
        if let Some(a) = antecedent {
            let ante = mentions[a].clone();
            mentions.push(Mention {
                span: tokens[k].0,
                text: text[tokens[k].0.range()].to_string(),
                code: ante.code.clone(),
                kind: MentionKind::Pronoun,
                name: ante.name.clone(),
                antecedent: Some(ante.span),
                confidence: 0.8,
            });
            media.push(false);
        }
        k += 1;
    }
    // Time expressions: `in November`, `on Dec 28`, `yesterday`, `last week`.
    let mut times = Vec::new();
    for k in 0..tokens.len() {
        let w = tokens[k].2.as_str();
        if let Some(month) = month_of(w)
            .filter(|_| tokens[k].0.len() > 2 && text[tokens[k].0.range()].starts_with(char::is_uppercase))
        {
            let year = if month > date.month() { date.year() - 1 } else { date.year() };
            let day = tokens.get(k + 1).and_then(|t| t.2.parse::<i8>().ok());
            let start = if k > 0 && matches!(tokens[k - 1].2.as_str(), "in" | "on") { k - 1 } else { k };
            let (end, d, precision) = match day {
                Some(d) => (k + 2, d, Precision::Day),
                None => (k + 1, 1, Precision::Month),
            };
            if let Ok(when) = Date::new(year, month, d) {
                times.push(TimeInput {
                    span: tokens[start].0.cover(tokens[end - 1].0),
                    date: when,
                    precision,
                });
            }
        } else if w == "yesterday" {
            times.push(TimeInput {
                span: tokens[k].0,
                date: date.yesterday().expect("a date"),
                precision: Precision::Day,
            });
        }
    }
    Annotated {
        id: "test".into(),
        text,
        date,
        tokens,
        sentences,
        mentions,
        media,
        quotes,
        times,
        excluded: Vec::new(),
    }
}

fn lemma(lower: &str) -> String {
    lower.to_string()
}

/// An event in one line: `SRC TGT CODE flags`, e.g. `FREGOV SYL 032 future if(if war
/// breaks out) reported`.
pub fn render(event: &Event) -> String {
    let m = &event.modality;
    let mut out = format!(
        "{} {} {}",
        event.source.code,
        event.target.as_ref().map_or("-".to_string(), |t| t.code.to_string()),
        event.cameo
    );
    for (flag, on) in [
        ("future", m.future),
        ("hypothetical", m.hypothetical),
        ("negated", m.negated),
        ("habitual", m.habitual),
        ("reported", m.attribution == faultline_model::Attribution::Reported),
    ] {
        if on {
            out.push(' ');
            out.push_str(flag);
        }
    }
    if let Some(c) = &m.condition {
        out.push_str(&format!(" cond({})", c.text));
    }
    out
}

pub fn code_blocks(
    coder: &Coder,
    world: &World,
    blocks: &[(BlockKind, &str)],
    date: Date,
) -> (Annotated, Coded) {
    let annotated = annotate(world, blocks, date);
    let coded = coder.code(&annotated.input());
    (annotated, coded)
}

/// Codes one sentence and compares its events, rendered, with `expected` (order-free).
#[track_caller]
pub fn check(coder: &Coder, world: &World, sentence: &str, expected: &[&str]) {
    let date = jiff::civil::date(2025, 12, 28);
    let (_, coded) = code_blocks(coder, world, &[(BlockKind::Paragraph, sentence)], date);
    let mut got: Vec<String> = coded.events.iter().map(render).collect();
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| (*s).to_string()).collect();
    want.sort();
    if got != want {
        let rules: Vec<String> =
            coded.events.iter().map(|e| format!("  {} <- {}", render(e), e.evidence.rule)).collect();
        panic!("\nsentence: {sentence}\nexpected: {want:?}\n     got: {got:?}\n{}", rules.join("\n"));
    }
}
