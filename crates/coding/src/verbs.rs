//! faultline's own verb-pattern format (see `docs/dictionaries-verbs.md`):
//!
//! ```text
//! &aid = aid, assistance, relief, humanitarian aid
//! 0312  v  pledge military support to +      # a comment
//! 190   n  $ attack on|against +
//! 062   n  joint ... &exercise                @recip
//! ```

use crate::cameo::CameoTable;
use crate::error::Problems;
use crate::pattern::{Alt, Elem, Options, Origin, Pattern, PatternCode, Use};
use crate::vocab::{Vocab, WordId};
use faultline_model::CameoCode;
use rustc_hash::FxHashMap;

/// A dictionary's text and the name it is known by (`verbs/03-intent.txt`).
#[derive(Clone, Debug)]
pub struct DictionarySource {
    pub name: String,
    pub text: String,
}

impl DictionarySource {
    #[must_use]
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> DictionarySource {
        DictionarySource { name: name.into(), text: text.into() }
    }
}

/// Synonym sets: name -> alternatives (each a run of word ids).
pub(crate) type Sets = FxHashMap<String, Vec<Box<[WordId]>>>;

/// Reads every `&name = ...` line of the files.
pub(crate) fn read_sets(
    files: &[(u16, &DictionarySource)],
    vocab: &mut Vocab,
    problems: &mut Problems,
) -> Sets {
    let mut sets = Sets::default();
    for (_, file) in files {
        for (line_idx, raw) in file.text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            let Some(rest) = line.strip_prefix('&') else { continue };
            let line_no = line_idx + 1;
            let Some((name, members)) = rest.split_once('=') else {
                problems.push(&file.name, line_no, "a set is written `&name = word, other word, ...`");
                continue;
            };
            let name = name.trim();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                problems.push(
                    &file.name,
                    line_no,
                    format!("bad set name {name:?}: use letters, digits and _"),
                );
                continue;
            }
            let mut seqs = Vec::new();
            for member in members.split(',') {
                let words: Vec<&str> = member.split_whitespace().collect();
                if words.is_empty() {
                    problems.push(&file.name, line_no, format!("empty member in set &{name}"));
                    continue;
                }
                if let Some(bad) = words.iter().find(|w| !is_word(w)) {
                    problems.push(&file.name, line_no, format!("bad word {bad:?} in set &{name}"));
                    continue;
                }
                seqs.push(words.iter().map(|w| vocab.intern(w)).collect::<Box<[WordId]>>());
            }
            if sets.insert(name.to_string(), seqs).is_some() {
                problems.push(&file.name, line_no, format!("set &{name} is defined twice"));
            }
        }
    }
    sets
}

/// Reads the pattern lines of the files.
pub(crate) fn read_patterns(
    files: &[(u16, &DictionarySource)],
    sets: &Sets,
    cameo: &CameoTable,
    vocab: &mut Vocab,
    layer: u8,
    problems: &mut Problems,
) -> Vec<Pattern> {
    let mut patterns = Vec::new();
    for &(file_idx, file) in files {
        for (line_idx, raw) in file.text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() || line.starts_with('&') {
                continue;
            }
            let line_no = line_idx + 1;
            match parse_pattern_line(line, sets, cameo, vocab) {
                Ok((code, usage, before, trigger, after, options)) => patterns.push(Pattern {
                    code,
                    usage,
                    before,
                    trigger,
                    after,
                    options,
                    origin: Origin {
                        file: file_idx,
                        line: u32::try_from(line_no).unwrap_or(u32::MAX),
                        text: line.into(),
                    },
                    layer,
                    bare: false,
                }),
                Err(message) => problems.push(&file.name, line_no, message),
            }
        }
    }
    patterns
}

pub(crate) fn strip_comment(line: &str) -> &str {
    line.split_once('#').map_or(line, |(before, _)| before)
}

fn is_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '\'' || c == '.')
        && word.chars().any(char::is_alphanumeric)
}

type Parsed = (PatternCode, Use, Vec<Elem>, Alt, Vec<Elem>, Options);

fn parse_pattern_line(
    line: &str,
    sets: &Sets,
    cameo: &CameoTable,
    vocab: &mut Vocab,
) -> Result<Parsed, String> {
    let mut fields = line.split_whitespace();
    let code_field = fields.next().ok_or("empty line")?;
    let code = parse_code(code_field, cameo)?;
    let usage = match fields.next() {
        Some("v") => Use::Verb,
        Some("n") => Use::Noun,
        Some("x") => Use::Either,
        Some(other) => return Err(format!("use {other:?} must be v (verb), n (noun) or x (either)")),
        None => return Err("missing use (v, n or x) and pattern".into()),
    };
    let mut options = Options::default();
    let mut elems: Vec<Elem> = Vec::new();
    let mut star_at: Option<usize> = None;
    let (mut n_source, mut n_target) = (0, 0);
    let mut saw_option = false;
    for token in fields {
        if let Some(option) = token.strip_prefix('@') {
            match option {
                "recip" => options.recip = true,
                "notarget" => options.no_target = true,
                "habitual" => options.habitual = true,
                "pair" => options.pair = true,
                _ => {
                    return Err(format!(
                        "unknown option @{option}: use @recip, @pair, @notarget or @habitual"
                    ));
                }
            }
            saw_option = true;
            continue;
        }
        if saw_option {
            return Err(format!("{token:?} after an option: options come last"));
        }
        match token {
            "$" => {
                n_source += 1;
                elems.push(Elem::Source);
            }
            "+" => {
                n_target += 1;
                elems.push(Elem::Target);
            }
            "..." => {
                if matches!(elems.last(), Some(Elem::Gap)) {
                    return Err("two `...` in a row".into());
                }
                elems.push(Elem::Gap);
            }
            "*" => {
                if star_at.is_some() {
                    return Err("more than one `*`".into());
                }
                star_at = Some(elems.len());
            }
            _ => elems.push(Elem::Words(parse_alt(token, sets, vocab)?)),
        }
    }
    let trigger_at = match star_at {
        Some(at) => {
            if !matches!(elems.get(at), Some(Elem::Words(_))) {
                return Err("`*` must come right before a word".into());
            }
            at
        }
        None => elems
            .iter()
            .position(|e| matches!(e, Elem::Words(_)))
            .ok_or("a pattern needs at least one word")?,
    };
    if n_source > 1 || n_target > 1 {
        return Err("at most one `$` and one `+`".into());
    }
    if matches!(elems.last(), Some(Elem::Gap)) || matches!(elems.first(), Some(Elem::Gap)) {
        return Err("`...` must stand between two elements".into());
    }
    if trigger_at > 0 && matches!(elems[trigger_at - 1], Elem::Gap) && trigger_at == 1 {
        return Err("`...` must stand between two elements".into());
    }
    let Elem::Words(trigger) = elems[trigger_at].clone() else {
        return Err("the trigger must be a word".into());
    };
    let mut before: Vec<Elem> = elems[..trigger_at].to_vec();
    before.reverse();
    let after = elems[trigger_at + 1..].to_vec();
    Ok((code, usage, before, trigger, after, options))
}

fn parse_code(field: &str, cameo: &CameoTable) -> Result<PatternCode, String> {
    if field == "---" {
        return Ok(PatternCode::Null);
    }
    let check = |code: &str| -> Result<Option<CameoCode>, String> {
        if code.is_empty() || code == "---" {
            return Ok(None);
        }
        let parsed = CameoCode::new(code).map_err(|err| err.to_string())?;
        if cameo.get(code).is_none() {
            return Err(format!("CAMEO code {code} is not in the CAMEO table"));
        }
        Ok(Some(parsed))
    };
    let (forward, reverse) = match field.split_once(':') {
        Some((a, b)) => (check(a)?, check(b)?),
        None => (check(field)?, None),
    };
    if forward.is_none() && reverse.is_none() {
        return Err(format!("code {field:?} codes nothing: use --- for a null code"));
    }
    Ok(PatternCode::Event { forward, reverse })
}

fn parse_alt(token: &str, sets: &Sets, vocab: &mut Vocab) -> Result<Alt, String> {
    let mut seqs: Vec<Box<[WordId]>> = Vec::new();
    for part in token.split('|') {
        if let Some(name) = part.strip_prefix('&') {
            let members = sets.get(name).ok_or_else(|| format!("unknown set &{name}"))?;
            seqs.extend(members.iter().cloned());
            continue;
        }
        let words: Vec<&str> = part.split('_').collect();
        if let Some(bad) = words.iter().find(|w| !is_word(w)) {
            return Err(if bad.chars().any(char::is_uppercase) {
                format!("{bad:?}: write words in lower case (they match lemmas)")
            } else {
                format!("bad word {bad:?} in {token:?}")
            });
        }
        seqs.push(words.iter().map(|w| vocab.intern(w)).collect());
    }
    Ok(Alt::new(seqs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Pattern>, Vec<String>> {
        let mut vocab = Vocab::default();
        let mut problems = Problems::default();
        let src = DictionarySource::new("t.txt", text);
        let files = [(0u16, &src)];
        let sets = read_sets(&files, &mut vocab, &mut problems);
        let patterns = read_patterns(&files, &sets, CameoTable::builtin(), &mut vocab, 0, &mut problems);
        if problems.errors.is_empty() {
            Ok(patterns)
        } else {
            Err(problems.errors.iter().map(ToString::to_string).collect())
        }
    }

    #[test]
    fn patterns_parse() {
        let p = parse("&aid = aid, humanitarian aid\n0312 v pledge military support to +\n190 n $ attack on|against +\n073 v send ... &aid @notarget\n042:043 v visit +\n--- v charge symbolically\n").unwrap();
        assert_eq!(p.len(), 5);
        assert_eq!(p[0].after.len(), 4);
        assert_eq!(p[1].before, [Elem::Source]);
        assert_eq!(p[1].after.len(), 2);
        assert!(p[2].options.no_target);
        assert!(matches!(p[3].code, PatternCode::Event { reverse: Some(_), .. }));
        assert!(p[4].code.is_null());
        assert_eq!(p[1].origin.line, 3);
    }

    #[test]
    fn star_marks_the_trigger() {
        let p = parse("062 n joint ... * flight @recip\n").unwrap();
        assert_eq!(p[0].before.len(), 2);
        assert!(p[0].after.is_empty());
    }

    #[test]
    fn errors_name_file_and_line() {
        let errors =
            parse("\n999 v attack\n190 q attack\n190 v Attack\n190 v attack &nope\n0312 v\n").unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(errors[0].starts_with("t.txt:2:"), "{errors:?}");
        assert!(errors[1].starts_with("t.txt:3:") && errors[1].contains("use"), "{errors:?}");
        assert!(errors[2].contains("lower case"), "{errors:?}");
        assert!(errors[3].contains("unknown set &nope"), "{errors:?}");
        assert!(errors[4].starts_with("t.txt:6:"), "{errors:?}");
    }
}
