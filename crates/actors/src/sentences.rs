//! A rough sentence splitter for tests, benchmarks and doc examples. The pipeline gets
//! its sentences from `faultline-nlp`.

use faultline_model::Span;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Prof", "Jr",
    "Sr", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs",
    "etc",
];

/// Splits `text` into sentences: after `.`, `!` or `?` (and any closing quotes or
/// brackets) followed by whitespace, unless the word before the period is a known
/// abbreviation, an initial or dotted letters (`U.S.`); and at line breaks. Spans are
/// trimmed of whitespace; empty ones are dropped.
#[must_use]
pub fn rough_sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |from: usize, to: usize, spans: &mut Vec<Span>| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            spans.push(Span::new(from + lead, from + lead + trimmed.len()));
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, &mut spans);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while let Some(c) =
                text[end..].chars().next().filter(|c| matches!(c, '"' | '\'' | ')' | '\u{201d}' | '\u{2019}'))
            {
                end += c.len_utf8();
            }
            let followed_by_space = text[end..].starts_with([' ', '\t']);
            let word = text[start..i].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
            let abbreviation = b == b'.'
                && (ABBREVIATIONS.contains(&word.trim_start_matches(['(', '"', '\u{201c}']))
                    || word.chars().count() == 1
                    || word.contains('.'));
            if followed_by_space && !abbreviation {
                push(start, end, &mut spans);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(start, text.len(), &mut spans);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        rough_sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            split("Mr. Lavrov spoke. The U.S. replied. “Yes,” he said."),
            ["Mr. Lavrov spoke.", "The U.S. replied.", "“Yes,” he said."]
        );
        assert_eq!(split("One\n\nTwo? Three"), ["One", "Two?", "Three"]);
    }
}
