//! The whole coding stage in one value: the nlp pipeline, the actor dictionary and the
//! coder, for callers that start from an [`Article`] or a text.

use crate::coder::{Coded, Coder};
use crate::error::Result;
use crate::input::Input;
use faultline_actors::ActorDictionary;
use faultline_model::{ActorCode, Article, Mention, MentionKind, Span};
use faultline_nlp::{Doc, Pipeline};
use jiff::civil::Date;

/// Articles or texts in, events out: tokens, sentences, lemmas, times and quotations
/// (nlp), actor mentions (actors), then events (coding). Built once; `Send + Sync`.
///
/// ```
/// use faultline_coding::EventCoder;
/// let coder = EventCoder::builtin().unwrap();
/// let coded = coder.code_text("t", "Russia will support China.", jiff::civil::date(2025, 12, 28));
/// assert_eq!(coded.events[0].cameo.root(), 3);
/// ```
#[derive(Debug)]
pub struct EventCoder {
    pipeline: Pipeline,
    actors: ActorDictionary,
    coder: Coder,
}

impl EventCoder {
    #[must_use]
    pub fn new(pipeline: Pipeline, actors: ActorDictionary, coder: Coder) -> EventCoder {
        EventCoder { pipeline, actors, coder }
    }

    /// The standard nlp pipeline with faultline's built-in actor and verb dictionaries.
    pub fn builtin() -> Result<EventCoder> {
        Ok(EventCoder::new(Pipeline::standard(), ActorDictionary::builtin()?, Coder::builtin()?))
    }

    #[must_use]
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    #[must_use]
    pub fn actors(&self) -> &ActorDictionary {
        &self.actors
    }

    /// Codes an extracted article: its date is the publication date (`default_date` when
    /// it has none); its dateline's mentions take no part in events.
    pub fn code_article(&self, article: &Article, default_date: Date) -> Result<Coded> {
        let date = article.published.as_ref().map_or(default_date, |p| p.date);
        let mut doc = self.pipeline.annotate_article(article)?;
        let excluded: Vec<Span> = article.dateline.iter().filter_map(|d| d.span).collect();
        Ok(self.code_doc(&mut doc, &article.id, date, &excluded))
    }

    /// Codes a plain text (one sentence or a whole article).
    #[must_use]
    pub fn code_text(&self, id: &str, text: &str, date: Date) -> Coded {
        let mut doc = Doc::from_text(text, Some(date));
        if self.pipeline.run(&mut doc).is_err() {
            return Coded::default();
        }
        self.code_doc(&mut doc, id, date, &[])
    }

    /// Finds the mentions of an annotated document, then codes it.
    pub fn code_doc(&self, doc: &mut Doc, id: &str, date: Date, excluded: &[Span]) -> Coded {
        let sentences: Vec<Span> = doc.sentences().iter().map(|s| s.span).collect();
        doc.mentions = self.actors.mentions(doc.text(), &sentences, Some(date));
        self.add_places(doc, date);
        let mut input = Input::from_doc(doc, id, date);
        input.media = doc.mentions.iter().map(|m| self.actors.is_media(&m.code)).collect();
        input.excluded = excluded.to_vec();
        self.coder.code(&input)
    }

    /// Capitals named as places (`arrived in Amman`, `an embassy in Tehran`): the actor
    /// dictionary rightly does not make them governments, but an event's target is often
    /// where it happens. They are added as mentions of the country (its bare code, with a
    /// low confidence), where no other mention covers them.
    fn add_places(&self, doc: &mut Doc, date: Date) {
        let text = doc.text();
        let tokens = doc.tokens();
        let mut places: Vec<Mention> = Vec::new();
        for i in 1..tokens.len() {
            if !matches!(
                doc.norm(i - 1),
                "in" | "at" | "into" | "near" | "to" | "outside" | "around" | "from"
            ) {
                continue;
            }
            let starts_upper = |k: usize| text[tokens[k].span.range()].starts_with(char::is_uppercase);
            if !starts_upper(i) || doc.mentions.iter().any(|m| m.span.overlaps(tokens[i].span)) {
                continue;
            }
            // The longest run of up to three capitalised words that the dictionary reads,
            // on its own, as a country or its capital.
            let mut best: Option<(usize, ActorCode)> = None;
            let mut end = i;
            while end < tokens.len() && end < i + 3 && starts_upper(end) {
                end += 1;
                let name = &text[tokens[i].span.start as usize..tokens[end - 1].span.end as usize];
                let found = self.actors.mentions(name, &[], Some(date));
                if let [only] = found.as_slice()
                    && only.span.len() == name.len()
                    && matches!(only.kind, MentionKind::Name | MentionKind::Metonym)
                    && self.actors.is_country(only.code.root())
                    && let Ok(code) = ActorCode::new(only.code.root())
                {
                    best = Some((end, code));
                }
            }
            if let Some((end, code)) = best {
                let span = tokens[i].span.cover(tokens[end - 1].span);
                places.push(Mention {
                    span,
                    text: span.slice(text).to_string(),
                    code,
                    kind: MentionKind::Metonym,
                    name: None,
                    antecedent: None,
                    confidence: 0.5,
                });
            }
        }
        if !places.is_empty() {
            doc.mentions.extend(places);
            doc.mentions.sort_by_key(|m| m.span);
        }
    }
}
