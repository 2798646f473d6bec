//! Test support: the nlp pipeline for tokens, sentences, lemmas, times and quotes, and a
//! gazetteer of invented actors with naive coreference standing in for the actors crate,
//! so that coder tests do not move when the real actor dictionaries change.

use faultline_coding::{Coded, Coder, Input};
use faultline_model::{
    ActorCode, Article, ArticleBuilder, BlockKind, Event, Format, Mention, MentionKind, Published, Span,
};
use faultline_nlp::{Doc, Pipeline};
use jiff::civil::Date;
use std::sync::OnceLock;

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

/// An annotated article, from which an [`Input`] borrows.
pub struct Annotated {
    pub doc: Doc,
    pub media: Vec<bool>,
    pub excluded: Vec<Span>,
    pub date: Date,
}

impl Annotated {
    pub fn input(&self) -> Input<'_> {
        let mut input = Input::from_doc(&self.doc, "test", self.date);
        input.media = self.media.clone();
        input.excluded = self.excluded.clone();
        input
    }
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::standard)
}

/// An article of `(kind, text)` blocks.
pub fn article(blocks: &[(BlockKind, &str)], date: Date) -> Article {
    let mut builder = ArticleBuilder::new("test", Format::Text);
    for (kind, text) in blocks {
        builder.push(*kind, text);
    }
    let mut article = builder.finish();
    article.published = Some(Published { date, raw: date.to_string(), span: None });
    article
}

/// Annotates an article with the nlp pipeline and the world's gazetteer.
pub fn annotate_article(world: &World, article: &Article) -> Annotated {
    let date = article.published.as_ref().map_or(jiff::civil::date(2025, 12, 28), |p| p.date);
    let mut doc = pipeline().annotate_article(article).expect("the standard pipeline runs");
    let (mentions, media) = gazetteer(world, &doc);
    doc.mentions = mentions;
    Annotated { doc, media, excluded: Vec::new(), date }
}

/// Annotates blocks of text: `(kind, text)` pairs joined by blank lines.
pub fn annotate(world: &World, blocks: &[(BlockKind, &str)], date: Date) -> Annotated {
    annotate_article(world, &article(blocks, date))
}

/// Longest phrase first at each token; pronouns to the last person or other actor.
fn gazetteer(world: &World, doc: &Doc) -> (Vec<Mention>, Vec<bool>) {
    let text = doc.text();
    let tokens = doc.tokens();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut media = Vec::new();
    let mut last_person: Option<usize> = None;
    let mut last_other: Option<usize> = None;
    let mut k = 0;
    while k < tokens.len() {
        let start = tokens[k].span.start as usize;
        let mut matched = false;
        for entry in &world.entries {
            let n = entry.phrase.split_whitespace().count() + entry.phrase.matches("'s").count();
            for n in [n, entry.phrase.split_whitespace().count()] {
                if n == 0 || k + n > tokens.len() {
                    continue;
                }
                let end = tokens[k + n - 1].span.end as usize;
                let candidate = &text[start..end];
                let normal: String =
                    candidate.replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" ");
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
                break;
            }
        }
        if matched {
            continue;
        }
        let antecedent = match doc.norm(k) {
            "he" | "she" | "his" | "her" => last_person,
            "it" | "its" => last_other,
            _ => None,
        };
        if let Some(a) = antecedent {
            let ante = mentions[a].clone();
            mentions.push(Mention {
                span: tokens[k].span,
                text: text[tokens[k].span.range()].to_string(),
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
    (mentions, media)
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
