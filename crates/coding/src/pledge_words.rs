//! The commitment words: what the coder reads to code a condition into a trigger and to
//! find a pledge's beneficiary, basis, terms and stance. Read from
//! `dictionaries/verbs/commitments.txt`:
//!
//! ```text
//! conflict: contingency, conflict, crisis
//! treaty: treaty, pact, alliance
//! venue parliament: parliament, parliamentary, diet
//! ```

use crate::error::Problems;
use crate::verbs::{DictionarySource, strip_comment};
use faultline_model::BasisKind;
use rustc_hash::FxHashSet;

/// A phrase: consecutive lower-case words, each matched against a token's lower-case
/// form or lemma.
pub(crate) type Phrase = Box<[Box<str>]>;

/// The compiled commitment words.
#[derive(Clone, Debug, Default)]
pub(crate) struct PledgeWords {
    pub(crate) conflict: Vec<Phrase>,
    pub(crate) beneficiary: Vec<Phrase>,
    pub(crate) instruments: Vec<(Phrase, BasisKind)>,
    /// The first words of `instruments`: a token that is none of them (as its lower-case
    /// form or lemma) starts no instrument, so most tokens are passed over with one
    /// lookup instead of a comparison with every instrument.
    pub(crate) instrument_starts: FxHashSet<Box<str>>,
    pub(crate) cues: Vec<Phrase>,
    /// Venue phrases and the venue's name.
    pub(crate) venues: Vec<(Phrase, Box<str>)>,
    pub(crate) hedge: Vec<Phrase>,
    pub(crate) withdraw: Vec<Phrase>,
    pub(crate) restate: Vec<Phrase>,
}

pub(crate) fn read_pledge_words(files: &[&DictionarySource], problems: &mut Problems) -> PledgeWords {
    let mut words = PledgeWords::default();
    for file in files {
        for (line_idx, raw) in file.text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            let line_no = line_idx + 1;
            let Some((head, phrases)) = line.split_once(':') else {
                problems.push(
                    &file.name,
                    line_no,
                    "a commitments line is written `kind: phrase, phrase, ...`",
                );
                continue;
            };
            let head = head.trim();
            let (kind, name) = head.split_once(' ').map_or((head, ""), |(k, n)| (k, n.trim()));
            if (kind == "venue") == name.is_empty() {
                let message = if kind == "venue" {
                    "a venue line is written `venue NAME: phrase, ...`".to_string()
                } else {
                    format!("unknown commitments kind {head:?}")
                };
                problems.push(&file.name, line_no, message);
                continue;
            }
            let mut parsed: Vec<Phrase> = Vec::new();
            for phrase in phrases.split(',') {
                let phrase_words: Vec<&str> = phrase.split_whitespace().collect();
                if phrase_words.is_empty() {
                    problems.push(&file.name, line_no, "empty phrase");
                    continue;
                }
                if let Some(bad) = phrase_words.iter().find(|w| {
                    !w.chars().all(|c| c.is_lowercase() || c == '-' || c == '\'' || c.is_ascii_digit())
                }) {
                    problems.push(
                        &file.name,
                        line_no,
                        format!("bad word {bad:?}: write words in lower case"),
                    );
                    continue;
                }
                parsed.push(phrase_words.iter().map(|w| Box::<str>::from(*w)).collect());
            }
            let target = match kind {
                "conflict" => &mut words.conflict,
                "beneficiary" => &mut words.beneficiary,
                "cue" => &mut words.cues,
                "hedge" => &mut words.hedge,
                "withdraw" => &mut words.withdraw,
                "restate" => &mut words.restate,
                "treaty" | "agreement" | "law" => {
                    let basis = match kind {
                        "treaty" => BasisKind::Treaty,
                        "agreement" => BasisKind::Agreement,
                        _ => BasisKind::Law,
                    };
                    words.instruments.extend(parsed.into_iter().map(|p| (p, basis)));
                    continue;
                }
                "venue" => {
                    words.venues.extend(parsed.into_iter().map(|p| (p, Box::<str>::from(name))));
                    continue;
                }
                _ => {
                    problems.push(&file.name, line_no, format!("unknown commitments kind {kind:?}"));
                    continue;
                }
            };
            target.extend(parsed);
        }
    }
    // Longer phrases first, so `set forth in` wins over `in`.
    for list in [
        &mut words.conflict,
        &mut words.beneficiary,
        &mut words.cues,
        &mut words.hedge,
        &mut words.withdraw,
        &mut words.restate,
    ] {
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    words.instruments.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    words.instrument_starts = words.instruments.iter().filter_map(|(p, _)| p.first().cloned()).collect();
    words.venues.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (PledgeWords, Vec<String>) {
        let mut problems = Problems::default();
        let source = DictionarySource::new("c.txt", text);
        let words = read_pledge_words(&[&source], &mut problems);
        (words, problems.errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_kinds_and_venues() {
        let (words, errors) = read("conflict: war, armed conflict\nvenue parliament: diet\ntreaty: pact\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(words.conflict.len(), 2);
        assert_eq!(&*words.conflict[0][1], "conflict");
        assert_eq!(&*words.venues[0].1, "parliament");
        assert_eq!(words.instruments[0].1, BasisKind::Treaty);
    }

    #[test]
    fn errors_name_file_and_line() {
        let (_, errors) = read("conflict: war\nwhatever: x\nvenue: diet\nhedge: Not\n");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("c.txt:2"), "{errors:?}");
        assert!(errors[1].starts_with("c.txt:3"), "{errors:?}");
        assert!(errors[2].starts_with("c.txt:4"), "{errors:?}");
    }
}
