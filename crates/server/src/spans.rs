//! What is marked on an article's text: the spans of its mentions, its events (source,
//! target, trigger, sentence, condition, time expression) and its quotes, as a flat list
//! for the API ([`span_refs`]) and as highlight layers for the article page ([`layers`]).

use crate::highlight::{Layer, LayerKind};
use faultline_model::{Event, MentionKind, Span};
use faultline_store::StoredArticle;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a span marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Mention,
    Sentence,
    Trigger,
    Source,
    Target,
    Condition,
    /// The time expression that dated an event.
    Date,
    Quote,
}

/// One span of an article: a byte range of `text`, what it marks and what it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanRef {
    pub kind: SpanKind,
    pub start: u32,
    pub end: u32,
    /// The actor code (mentions, sources, targets; the speaker of a quote).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The event it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The index of the quote in `quotes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
}

/// Every span of the article, in text order.
#[must_use]
pub fn span_refs(stored: &StoredArticle) -> Vec<SpanRef> {
    let mut out = Vec::new();
    let span = |kind, s: Span, code: Option<&str>, event: Option<&str>| SpanRef {
        kind,
        start: s.start,
        end: s.end,
        code: code.map(str::to_string),
        event: event.map(str::to_string),
        quote: None,
    };
    for m in &stored.mentions {
        out.push(span(SpanKind::Mention, m.span, Some(m.code.as_str()), None));
    }
    for e in &stored.events {
        let id = Some(e.id.as_str());
        out.push(span(SpanKind::Sentence, e.evidence.sentence, None, id));
        out.push(span(SpanKind::Trigger, e.evidence.trigger, None, id));
        out.push(span(SpanKind::Source, e.source.span, Some(e.source.code.as_str()), id));
        if let Some(target) = &e.target {
            out.push(span(SpanKind::Target, target.span, Some(target.code.as_str()), id));
        }
        if let Some(condition) = &e.modality.condition {
            out.push(span(SpanKind::Condition, condition.span, None, id));
        }
        if let Some(date) = e.date.span {
            out.push(span(SpanKind::Date, date, None, id));
        }
    }
    for (i, q) in stored.quotes.iter().enumerate() {
        let code = q.speaker.as_ref().map(|s| s.code.as_str());
        out.push(SpanRef { quote: Some(i), ..span(SpanKind::Quote, q.span, code, None) });
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
    out
}

/// The HTML id of an event's evidence card: `ev-` and the event's number in its article
/// (the part of `{article_id}#{n}` after the last `#`), letters and digits only.
#[must_use]
pub fn anchor(event_id: &str) -> String {
    let n = event_id.rsplit_once('#').map_or(event_id, |(_, n)| n);
    let clean: String = n.chars().filter(char::is_ascii_alphanumeric).take(32).collect();
    format!("ev-{clean}")
}

/// A short line about an event for hover text: `E1 RUSGOV → CHN · 0331 AGREE · conditional`.
#[must_use]
pub fn event_summary(label: &str, event: &Event) -> String {
    let target = event.target.as_ref().map_or("—", |t| t.code.as_str());
    let plover = event.plover.map(|p| format!(" {p}")).unwrap_or_default();
    let flags = modality_words(event);
    let flags = if flags.is_empty() { String::new() } else { format!(" · {}", flags.join(", ")) };
    format!("{label} {} → {target} · {}{plover}{flags}", event.source.code, event.cameo)
}

/// The modality of an event in words, the claim-changing ones first.
#[must_use]
pub fn modality_words(event: &Event) -> Vec<&'static str> {
    let m = &event.modality;
    let mut words = Vec::new();
    if m.condition.is_some() {
        words.push("conditional");
    }
    if m.hypothetical {
        words.push("hypothetical");
    }
    if m.future {
        words.push("future");
    }
    if m.negated {
        words.push("negated");
    }
    if m.habitual {
        words.push("habitual");
    }
    if m.attribution == faultline_model::Attribution::Reported {
        words.push("reported");
    }
    if m.is_factual() {
        words.push("factual");
    }
    words
}

/// Joins event numbers as a `data-ev` value (`"1 3"`), matched with `[data-ev~="3"]`.
fn numbers(events: &[usize]) -> String {
    let parts: Vec<String> = events.iter().map(usize::to_string).collect();
    parts.join(" ")
}

/// A layer being gathered: one per (kind, span), with the events it belongs to.
#[derive(Debug, Default)]
struct Gathered {
    events: Vec<usize>,
    titles: Vec<String>,
    classes: Vec<&'static str>,
    attrs: Vec<(&'static str, String)>,
}

impl Gathered {
    fn add_event(&mut self, n: usize, title: String) {
        if !self.events.contains(&n) {
            self.events.push(n);
        }
        if !self.titles.contains(&title) {
            self.titles.push(title);
        }
    }
}

/// The highlight layers of an article: events are numbered from 1 in stored order
/// (`E1`, `E2`, ...), and every element of an event carries its number in `data-ev`.
#[must_use]
pub fn layers(stored: &StoredArticle) -> Vec<Layer> {
    let mut gathered: BTreeMap<(LayerKind, u32, u32), Gathered> = BTreeMap::new();
    fn at(
        gathered: &mut BTreeMap<(LayerKind, u32, u32), Gathered>,
        kind: LayerKind,
        span: Span,
    ) -> &mut Gathered {
        gathered.entry((kind, span.start, span.end)).or_default()
    }
    for m in &stored.mentions {
        let g = at(&mut gathered, LayerKind::Actor, m.span);
        g.classes.push(match m.kind {
            MentionKind::Pronoun | MentionKind::Title | MentionKind::Description => "coref",
            _ => "name",
        });
        g.attrs.push(("data-code", m.code.to_string()));
        g.attrs.push(("data-kind", m.kind.as_str().to_string()));
        let name = m.name.as_deref().map(|n| format!(" · {n}")).unwrap_or_default();
        g.titles.push(format!("{}{name} ({})", m.code, m.kind.as_str()));
    }
    for (i, e) in stored.events.iter().enumerate() {
        let n = i + 1;
        let label = format!("E{n}");
        at(&mut gathered, LayerKind::Sentence, e.evidence.sentence).add_event(n, event_summary(&label, e));
        at(&mut gathered, LayerKind::Trigger, e.evidence.trigger)
            .add_event(n, format!("{label} trigger · CAMEO {}", e.cameo));
        at(&mut gathered, LayerKind::Actor, e.source.span)
            .add_event(n, format!("{label} source · {}", e.source.code));
        if let Some(target) = &e.target {
            at(&mut gathered, LayerKind::Actor, target.span)
                .add_event(n, format!("{label} target · {}", target.code));
        }
        if let Some(condition) = &e.modality.condition {
            at(&mut gathered, LayerKind::Condition, condition.span)
                .add_event(n, format!("{label} condition"));
        }
        if let Some(span) = e.date.span {
            at(&mut gathered, LayerKind::When, span).add_event(
                n,
                format!("{label} dated {} ({:?})", e.date.date, e.date.precision).to_lowercase(),
            );
        }
        if let Some(quote) = &e.quote {
            at(&mut gathered, LayerKind::Quote, quote.span)
                .add_event(n, format!("{label} said in this quote"));
        }
    }
    for q in &stored.quotes {
        let g = at(&mut gathered, LayerKind::Quote, q.span);
        let speaker = match &q.speaker {
            Some(s) => {
                g.attrs.push(("data-speaker", s.code.to_string()));
                let name = s.name.as_deref().unwrap_or(s.text.as_str());
                format!("{name} ({})", s.code)
            }
            None => "unknown speaker".to_string(),
        };
        g.titles.push(format!("quote · {speaker}"));
    }
    gathered
        .into_iter()
        .map(|((kind, start, end), g)| {
            let mut layer = Layer::new(start as usize, end as usize, kind);
            layer.classes = g.classes;
            layer.classes.dedup();
            layer.attrs = g.attrs;
            layer.attrs.dedup();
            if !g.events.is_empty() {
                layer.attrs.push(("data-ev", numbers(&g.events)));
                if kind == LayerKind::Actor {
                    layer.classes.push("party");
                }
                if kind == LayerKind::Sentence {
                    layer.attrs.push(("tabindex", "0".to_string()));
                }
            }
            layer.title = g.titles.join("\n");
            layer
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_plain() {
        assert_eq!(anchor("doc-1#3"), "ev-3");
        assert_eq!(anchor("a#b#12"), "ev-12");
        assert_eq!(anchor("x#\"><script>"), "ev-script");
        assert_eq!(anchor("noid"), "ev-noid");
    }
}
