//! Loaders for PETRARCH-2 dictionaries, read as analysts have them: the verb dictionary
//! (`CAMEO.2.0.txt`: synonym sets, verb blocks, patterns) and the discard list
//! (`Phoenix.discards.txt`).
//!
//! PETRARCH-2 matches patterns against a constituency parse; faultline has none, so a
//! pattern becomes an ordered list of words around the verb, each within a few tokens of
//! the previous one (`docs/dictionaries-verbs.md` lists what is kept and what is not).

use crate::cameo::CameoTable;
use crate::error::{DictionaryError, Problems};
use crate::pattern::{Alt, Elem, Options, Origin, Pattern, PatternCode, Use};
use crate::verbs::DictionarySource;
use crate::vocab::{Vocab, WordId};
use faultline_model::CameoCode;
use rustc_hash::FxHashMap;

type Synsets = FxHashMap<String, Vec<Box<[WordId]>>>;

/// Reads a PETRARCH-2 verb dictionary. Hard errors (a pattern outside any block, a line
/// that cannot be read) go to `problems`; what PETRARCH itself skips with a warning (an
/// undefined synset, an unknown code) goes to `warnings`.
pub(crate) fn read_verb_dictionary(
    file_idx: u16,
    file: &DictionarySource,
    cameo: &CameoTable,
    vocab: &mut Vocab,
    layer: u8,
    problems: &mut Problems,
    warnings: &mut Vec<DictionaryError>,
) -> Vec<Pattern> {
    let synsets = read_synsets(&file.text, vocab);
    let mut patterns = Vec::new();
    let mut in_patterns = false;
    // The current block: its code, its verbs (as trigger alternatives), and whether a
    // pattern line has been seen (verbs after patterns start no new block in PETRARCH,
    // but they still belong to the block).
    let mut block_code: Option<PatternCode> = None;
    let mut block_verbs: Vec<Box<[WordId]>> = Vec::new();
    let mut block_patterns: Vec<Pattern> = Vec::new();
    let warn = |warnings: &mut Vec<DictionaryError>, line: usize, message: String| {
        warnings.push(DictionaryError { file: file.name.clone(), line, message });
    };

    let flush = |block_verbs: &mut Vec<Box<[WordId]>>,
                 block_patterns: &mut Vec<Pattern>,
                 patterns: &mut Vec<Pattern>| {
        let trigger = Alt::new(std::mem::take(block_verbs));
        for mut pattern in block_patterns.drain(..) {
            if trigger.seqs.is_empty() {
                continue;
            }
            pattern.trigger = trigger.clone();
            patterns.push(pattern);
        }
    };

    for (line_idx, raw) in file.text.lines().enumerate() {
        let line_no = line_idx + 1;
        let line = raw.split('#').next().unwrap_or("").trim();
        if raw.starts_with("####### VERB PATTERNS") {
            in_patterns = true;
            continue;
        }
        if raw.starts_with("######## TRANSFORMATIONS") {
            flush(&mut block_verbs, &mut block_patterns, &mut patterns);
            block_code = None;
            in_patterns = false;
            continue;
        }
        if !in_patterns
            || line.is_empty()
            || line.starts_with('&')
            || line.starts_with('~')
            || line.starts_with("<!")
        {
            continue;
        }
        if line.starts_with("---") {
            flush(&mut block_verbs, &mut block_patterns, &mut patterns);
            block_code = match bracket_code(line) {
                Some(code) => match parse_code(code, cameo) {
                    Ok(code) => Some(code),
                    Err(message) => {
                        warn(warnings, line_no, message);
                        Some(PatternCode::Null)
                    }
                },
                None => Some(PatternCode::Null),
            };
            continue;
        }
        let Some(default_code) = block_code.clone() else {
            problems.push(
                &file.name,
                line_no,
                "a verb or pattern before the first `--- NAME [code] ---` block",
            );
            continue;
        };
        let origin =
            Origin { file: file_idx, line: u32::try_from(line_no).unwrap_or(u32::MAX), text: line.into() };
        if let Some(body) = line.strip_prefix('-') {
            match parse_pattern(body, &synsets, cameo, vocab) {
                Ok(Some((code, before, after))) => block_patterns.push(Pattern {
                    code,
                    usage: Use::Verb,
                    before,
                    trigger: Alt::new(Vec::new()),
                    after,
                    options: Options::default(),
                    origin,
                    layer,
                    bare: false,
                }),
                Ok(None) => {}
                Err(message) => warn(warnings, line_no, message),
            }
            continue;
        }
        // A verb line: WORD {FORMS} [CODE], or a compound +BEEF_UP, RE_+ARREST.
        let (head, code) = match line.find('[') {
            Some(at) => (line[..at].trim(), bracket_code(&line[at..])),
            None => (line, None),
        };
        let code = match code.map(|c| parse_code(c, cameo)) {
            Some(Ok(code)) => code,
            Some(Err(message)) => {
                warn(warnings, line_no, message);
                default_code
            }
            None => default_code,
        };
        let (verb, forms) = match head.find('{') {
            Some(at) => (
                head[..at].trim(),
                head[at + 1..].trim_end_matches('}').split_whitespace().collect::<Vec<_>>(),
            ),
            None => (head, Vec::new()),
        };
        let Some(verb) = verb.split_whitespace().next() else { continue };
        let seq = verb_words(verb, vocab);
        if seq.is_empty() {
            problems.push(&file.name, line_no, format!("cannot read the verb {verb:?}"));
            continue;
        }
        // Irregular forms point at the verb's own word.
        let verb_word = verb_part(verb);
        let verb_id = vocab.intern(&verb_word);
        for form in forms {
            vocab.alias(&verb_part(form), verb_id);
        }
        block_verbs.push(seq.clone());
        patterns.push(Pattern {
            code,
            usage: Use::Verb,
            before: Vec::new(),
            trigger: Alt::new(vec![seq]),
            after: Vec::new(),
            options: Options::default(),
            origin,
            layer,
            bare: true,
        });
    }
    flush(&mut block_verbs, &mut block_patterns, &mut patterns);
    patterns
}

/// The word of a verb entry that is the verb: `+BEEF_UP` -> `beef`, `RE_+ARREST` -> `arrest`.
fn verb_part(entry: &str) -> String {
    let words: Vec<&str> = entry.split('_').filter(|w| !w.is_empty()).collect();
    let word = words.iter().find(|w| w.starts_with('+')).or(words.first()).copied().unwrap_or("");
    word.trim_start_matches('+').to_lowercase()
}

/// The consecutive words of a verb entry: `+BEEF_UP` -> [beef, up].
fn verb_words(entry: &str, vocab: &mut Vocab) -> Box<[WordId]> {
    entry
        .split('_')
        .map(|w| w.trim_start_matches('+'))
        .filter(|w| !w.is_empty())
        .map(|w| vocab.intern(&w.to_lowercase()))
        .collect()
}

fn bracket_code(text: &str) -> Option<&str> {
    let start = text.find('[')?;
    let end = text[start..].find(']')? + start;
    Some(text[start + 1..end].trim())
}

fn parse_code(code: &str, cameo: &CameoTable) -> Result<PatternCode, String> {
    if code == "---" || code.is_empty() {
        return Ok(PatternCode::Null);
    }
    let one = |c: &str| -> Result<Option<CameoCode>, String> {
        let c = c.trim();
        if c.is_empty() || c == "---" {
            return Ok(None);
        }
        if cameo.get(c).is_none() {
            return Err(format!("code [{code}]: {c} is not a CAMEO code; pattern skipped"));
        }
        CameoCode::new(c).map(Some).map_err(|err| err.to_string())
    };
    let (forward, reverse) = match code.split_once(':') {
        Some((a, b)) => (one(a)?, one(b)?),
        None => (one(code)?, None),
    };
    if forward.is_none() && reverse.is_none() {
        return Ok(PatternCode::Null);
    }
    Ok(PatternCode::Event { forward, reverse })
}

type ParsedPattern = (PatternCode, Vec<Elem>, Vec<Elem>);

/// `PRE * POST [CODE]` -> elements before (nearest first) and after the verb.
fn parse_pattern(
    body: &str,
    synsets: &Synsets,
    cameo: &CameoTable,
    vocab: &mut Vocab,
) -> Result<Option<ParsedPattern>, String> {
    let Some(code_at) = body.rfind('[') else { return Err("pattern without a [code]".into()) };
    let code = parse_code(bracket_code(&body[code_at..]).unwrap_or(""), cameo)?;
    let body = &body[..code_at];
    let Some((pre, post)) = body.split_once('*') else {
        return Err("pattern without `*` for the verb".into());
    };
    let mut before = elements(pre, synsets, vocab)?;
    before.reverse();
    let after = elements(post, synsets, vocab)?;
    Ok(Some((code, before, after)))
}

fn elements(text: &str, synsets: &Synsets, vocab: &mut Vocab) -> Result<Vec<Elem>, String> {
    let mut elems = Vec::new();
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c| matches!(c, '(' | ')' | '{' | '}'));
        match token {
            "" | "^" | "%" => {}
            "$" => elems.push(Elem::Source),
            "+" => elems.push(Elem::Target),
            _ if token.starts_with('&') => {
                let members = synsets
                    .get(token)
                    .ok_or_else(|| format!("synset {token} is not defined; pattern skipped"))?;
                elems.push(Elem::Words(Alt::new(members.clone())));
            }
            _ => {
                let seq: Box<[WordId]> = token
                    .split('_')
                    .filter(|w| !w.is_empty())
                    .map(|w| vocab.intern(&w.to_lowercase()))
                    .collect();
                if !seq.is_empty() {
                    elems.push(Elem::Words(Alt::new(vec![seq])));
                }
            }
        }
    }
    Ok(elems)
}

/// Every `&NAME` block of `+MEMBER` lines, wherever it is in the file.
fn read_synsets(text: &str, vocab: &mut Vocab) -> Synsets {
    let mut synsets = Synsets::default();
    let mut current: Option<String> = None;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if let Some(name) = line.strip_prefix('&') {
            let name = format!("&{}", name.trim().trim_end_matches('_'));
            synsets.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        if let Some(member) = line.strip_prefix('+') {
            if let Some(name) = &current {
                let seq: Box<[WordId]> = member
                    .split(['_', ' '])
                    .filter(|w| !w.is_empty())
                    .map(|w| vocab.intern(&w.to_lowercase()))
                    .collect();
                if !seq.is_empty() {
                    synsets.entry(name.clone()).or_default().push(seq);
                }
            }
            continue;
        }
        current = None;
    }
    // PETRARCH writes both `&NAME` and `&NAME_` for the same set.
    let keys: Vec<String> = synsets.keys().cloned().collect();
    for key in keys {
        let with = format!("{key}_");
        if !synsets.contains_key(&with) {
            let members = synsets[&key].clone();
            synsets.insert(with, members);
        }
    }
    synsets
}

/// The discard list: phrases that make PETRARCH skip a sentence, or (with `+`) a story.
#[derive(Clone, Debug, Default)]
pub(crate) struct Discards {
    pub(crate) phrases: Vec<(Box<[WordId]>, bool, u16, u32)>,
}

pub(crate) fn read_discards(
    file_idx: u16,
    file: &DictionarySource,
    vocab: &mut Vocab,
    discards: &mut Discards,
) {
    for (line_idx, raw) in file.text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (story, phrase) = match line.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let seq: Box<[WordId]> = phrase
            .split(['_', ' ', '\t'])
            .filter(|w| !w.is_empty())
            .map(|w| vocab.intern(&w.to_lowercase()))
            .collect();
        if !seq.is_empty() {
            discards.phrases.push((seq, story, file_idx, u32::try_from(line_idx + 1).unwrap_or(u32::MAX)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
####### SYNONYM SETS #######

&AID_
+AID
+ASSISTANCE
+FOOD_AID

####### VERB PATTERNS #######

---  GRANT   [070]  ---
GRANT
GIVE {GAVE GIVEN GIVING }  # jw
+HAND_OVER [0842]
- * &AID (TO +)                     [073]     # GIVE
- $ * RECOGNITION (TO +)            [054]     # GIVE
- * &NOPE                           [071]     # skipped
- * NOTHING                         [---]

---  RUSH   [---]  ---
RUSH
- * (TO)                            [042:043]
";

    #[test]
    fn reads_blocks_patterns_and_forms() {
        let mut vocab = Vocab::default();
        let mut problems = Problems::default();
        let mut warnings = Vec::new();
        let src = DictionarySource::new("CAMEO.2.0.txt", SAMPLE);
        let p =
            read_verb_dictionary(0, &src, CameoTable::builtin(), &mut vocab, 1, &mut problems, &mut warnings);
        assert!(problems.errors.is_empty(), "{:?}", problems.errors);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("&NOPE") && warnings[0].line == 16);
        // 3 bare verbs + 3 patterns of GRANT; 1 bare + 1 pattern of RUSH.
        assert_eq!(p.len(), 8, "{p:#?}");
        let aid = p.iter().find(|p| p.origin.line == 14).unwrap();
        assert_eq!(aid.trigger.seqs.len(), 3);
        assert_eq!(aid.after.len(), 3);
        assert_eq!(vocab.get("gave"), vocab.get("give"));
        let hand_over = p.iter().find(|p| p.origin.line == 13).unwrap();
        assert_eq!(&*hand_over.trigger.seqs[0], &[vocab.get("hand"), vocab.get("over")]);
        let rush = p.iter().find(|p| p.origin.line == 21).unwrap();
        assert!(
            matches!(&rush.code, PatternCode::Event { forward: Some(f), reverse: Some(r) } if f.as_str() == "042" && r.as_str() == "043")
        );
        assert!(p.iter().find(|p| p.origin.line == 20).unwrap().code.is_null());
    }
}
