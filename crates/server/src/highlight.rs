//! Spans on a text -> properly nested elements.
//!
//! An article's annotations (evidence sentences, triggers, conditions, time expressions,
//! actor mentions, quotes) are byte spans into its text, and they overlap freely: a quote
//! runs across two sentences, a condition ends inside a quote. HTML needs a tree, so the
//! text is cut at every span boundary and an element that would cross the end of an
//! enclosing one is closed there and reopened after it (the reopened part is marked
//! `cont`). The result is a flat list of [`Piece`]s that a template writes out, escaping
//! every text and attribute value: no markup is ever made from the text itself.

use std::collections::BTreeSet;

/// What a layer marks; also its nesting rank when two layers cover the same text (the
/// sentence outermost, the trigger innermost).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LayerKind {
    /// An event's evidence sentence.
    Sentence,
    /// A quotation.
    Quote,
    /// The condition of a conditional event.
    Condition,
    /// The time expression that dated an event.
    When,
    /// An actor mention, or an event's source or target words.
    Actor,
    /// The words that triggered an event's code.
    Trigger,
}

impl LayerKind {
    /// The element and its base class.
    fn element(self) -> (&'static str, &'static str) {
        match self {
            LayerKind::Sentence => ("mark", "ev"),
            LayerKind::Quote => ("span", "q"),
            LayerKind::Condition => ("span", "cond"),
            LayerKind::When => ("span", "when"),
            LayerKind::Actor => ("span", "m"),
            LayerKind::Trigger => ("span", "trig"),
        }
    }
}

/// One span to mark, with its classes and attributes (values are escaped when written).
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub start: usize,
    pub end: usize,
    pub kind: LayerKind,
    /// Extra classes (fixed words chosen by the server, never data).
    pub classes: Vec<&'static str>,
    /// `data-*` and other attributes: names fixed by the server, values escaped.
    pub attrs: Vec<(&'static str, String)>,
    /// The hover text.
    pub title: String,
}

impl Layer {
    #[must_use]
    pub fn new(start: usize, end: usize, kind: LayerKind) -> Layer {
        Layer { start, end, kind, classes: Vec::new(), attrs: Vec::new(), title: String::new() }
    }
}

/// An opening tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub name: &'static str,
    /// Space-separated classes.
    pub class: String,
    pub attrs: Vec<(&'static str, String)>,
    pub title: String,
}

/// A piece of marked-up text, in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece<'t> {
    Open(Tag),
    Close(&'static str),
    Text(&'t str),
}

/// Cuts `text` into pieces with every valid layer marked. Layers that are empty, out of
/// bounds or not on character boundaries (a damaged database) are left out.
#[must_use]
pub fn pieces<'t>(text: &'t str, layers: &[Layer]) -> Vec<Piece<'t>> {
    let valid = |l: &Layer| {
        l.start < l.end
            && l.end <= text.len()
            && text.is_char_boundary(l.start)
            && text.is_char_boundary(l.end)
    };
    let mut order: Vec<usize> = (0..layers.len()).filter(|&i| valid(&layers[i])).collect();
    // Outer first: earlier start, then longer, then by rank.
    order.sort_by(|&x, &y| {
        let (a, b) = (&layers[x], &layers[y]);
        a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)).then(x.cmp(&y))
    });
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for &i in &order {
        cuts.insert(layers[i].start);
        cuts.insert(layers[i].end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out = Vec::with_capacity(order.len() * 3 + cuts.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut next_open = 0;
    for (k, &at) in cuts.iter().enumerate() {
        // Close what ends here; what was opened inside it and goes on is closed with it
        // and reopened just after.
        if let Some(lowest) = stack.iter().position(|&i| layers[i].end == at) {
            let popped: Vec<usize> = stack.drain(lowest..).collect();
            for &i in popped.iter().rev() {
                out.push(Piece::Close(layers[i].kind.element().0));
            }
            for &i in popped.iter().filter(|&&i| layers[i].end > at) {
                out.push(Piece::Open(tag(&layers[i], true)));
                stack.push(i);
            }
        }
        while next_open < order.len() && layers[order[next_open]].start == at {
            let i = order[next_open];
            out.push(Piece::Open(tag(&layers[i], false)));
            stack.push(i);
            next_open += 1;
        }
        if let Some(&end) = cuts.get(k + 1) {
            out.push(Piece::Text(&text[at..end]));
        }
    }
    debug_assert!(stack.is_empty());
    out
}

fn tag(layer: &Layer, cont: bool) -> Tag {
    let (name, base) = layer.kind.element();
    let mut class = String::from(base);
    for extra in &layer.classes {
        class.push(' ');
        class.push_str(extra);
    }
    if cont {
        class.push_str(" cont");
    }
    Tag { name, class, attrs: layer.attrs.clone(), title: layer.title.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces as a compact string: `[ev ...]` for elements, text as is.
    fn show(text: &str, layers: &[Layer]) -> String {
        let mut s = String::new();
        for piece in pieces(text, layers) {
            match piece {
                Piece::Open(tag) => {
                    s.push('[');
                    s.push_str(&tag.class);
                    s.push(' ');
                }
                Piece::Close(_) => s.push(']'),
                Piece::Text(t) => s.push_str(t),
            }
        }
        s
    }

    fn layer(start: usize, end: usize, kind: LayerKind) -> Layer {
        Layer::new(start, end, kind)
    }

    #[test]
    fn nested_and_disjoint_spans() {
        let text = "Russia will support China.";
        let layers = [
            layer(0, 26, LayerKind::Sentence),
            layer(0, 6, LayerKind::Actor),
            layer(12, 19, LayerKind::Trigger),
            layer(20, 25, LayerKind::Actor),
        ];
        assert_eq!(show(text, &layers), "[ev [m Russia] will [trig support] [m China].]");
    }

    #[test]
    fn crossing_spans_are_split_and_marked_cont() {
        // a quote from 4 to 12 crosses the end of a sentence at 8
        let text = "aaaa bbb. ccc";
        let layers = [layer(0, 9, LayerKind::Sentence), layer(5, 13, LayerKind::Quote)];
        assert_eq!(show(text, &layers), "[ev aaaa [q bbb.]][q cont  ccc]");
    }

    #[test]
    fn equal_spans_nest_by_rank() {
        let text = "if war";
        let layers = [layer(0, 6, LayerKind::Trigger), layer(0, 6, LayerKind::Condition)];
        assert_eq!(show(text, &layers), "[cond [trig if war]]");
    }

    #[test]
    fn bad_spans_are_left_out() {
        let text = "Zürich";
        let layers = [
            layer(0, 2, LayerKind::Actor),    // inside 'ü'
            layer(3, 3, LayerKind::Actor),    // empty
            layer(4, 99, LayerKind::Actor),   // out of bounds
            layer(5, 2, LayerKind::Actor),    // backwards
            layer(0, 7, LayerKind::Sentence), // whole text
        ];
        assert_eq!(show(text, &layers), "[ev Zürich]");
    }

    #[test]
    fn many_overlaps_stay_balanced() {
        let text: String = "abcdefghij".repeat(3);
        let mut layers = Vec::new();
        for i in 0..20 {
            let kind = [LayerKind::Sentence, LayerKind::Quote, LayerKind::Actor, LayerKind::Trigger][i % 4];
            layers.push(layer(i, (i * 7 % 23) + i + 1, kind));
        }
        let out = pieces(&text, &layers);
        let mut depth = 0i32;
        let mut joined = String::new();
        for piece in &out {
            match piece {
                Piece::Open(_) => depth += 1,
                Piece::Close(_) => depth -= 1,
                Piece::Text(t) => joined.push_str(t),
            }
            assert!(depth >= 0);
        }
        assert_eq!(depth, 0);
        assert_eq!(joined, text, "the text comes out whole, in order");
    }
}
