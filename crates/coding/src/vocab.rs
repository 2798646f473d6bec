//! Words as small integers: every word a dictionary mentions gets a [`WordId`], and each
//! token of a sentence is looked up once, so matching compares integers.

use rustc_hash::FxHashMap;

/// A word known to the dictionaries. `WordId::NONE` is a word no dictionary mentions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct WordId(pub(crate) u32);

impl WordId {
    pub(crate) const NONE: WordId = WordId(0);

    pub(crate) fn is_some(self) -> bool {
        self != WordId::NONE
    }
}

/// Interns words; aliases (irregular forms) map to the id of their lemma.
#[derive(Clone, Debug)]
pub(crate) struct Vocab {
    ids: FxHashMap<Box<str>, WordId>,
    words: Vec<Box<str>>,
}

impl Default for Vocab {
    fn default() -> Self {
        let mut vocab = Vocab { ids: FxHashMap::default(), words: vec!["".into()] };
        for (form, lemma) in GRAMMAR_FORMS {
            let id = vocab.intern(lemma);
            vocab.alias(form, id);
        }
        for line in IRREGULAR_VERBS.split(';') {
            let mut forms = line.split_whitespace();
            let Some(lemma) = forms.next() else { continue };
            let id = vocab.intern(lemma);
            for form in forms {
                vocab.alias(form, id);
            }
        }
        vocab
    }
}

/// Irregular verb forms news uses, so matching does not depend on the tokenizer's
/// lemmas: `lemma form form; ...`.
const IRREGULAR_VERBS: &str = "say said says; tell told; meet met; hold held; seek sought; give gave given; \
send sent; shoot shot; fight fought; strike struck stricken; take took taken; begin began begun; \
bring brought; throw threw thrown; lead led; leave left; make made; go went gone goes; \
come came; see saw seen; speak spoke spoken; break broke broken; buy bought; sell sold; \
keep kept; win won; lose lost; run ran; fly flew flown flies; build built; spend spent; \
freeze froze frozen; forbid forbade forbidden; forgive forgave forgiven; undertake undertook undertaken; \
overtake overtook overtaken; withdraw withdrew withdrawn; draw drew drawn; blow blew blown; \
arise arose arisen; swear swore sworn; tear tore torn; wear wore worn; write wrote written; \
ride rode ridden; rise rose risen; drive drove driven; stand stood; understand understood; \
find found; hit hits; put puts; set sets; cut cuts; shut shuts; let lets; quit quits; \
spread spreads; cast casts; bid bids; hurt hurts; split splits; beat beaten; \
lay laid; pay paid; feel felt; mean meant; deal dealt; flee fled; bleed bled; hang hung; \
slay slew slain; stick stuck; sink sank sunk; sing sang sung; drink drank drunk; \
steal stole stolen; choose chose chosen; know knew known; grow grew grown; show showed shown; \
foresee foresaw foreseen; oversee oversaw overseen; override overrode overridden; \
shake shook shaken; catch caught; teach taught; think thought; fall fell fallen; \
eat ate eaten; hide hid hidden; bind bound; sweep swept; \
weep wept; creep crept; light lit; dig dug; spin spun; swing swung; \
become became; get got gotten; mistake mistook mistaken; forget forgot forgotten";

/// Forms of the auxiliaries, which every matcher needs whatever the tokenizer's lemmas.
const GRAMMAR_FORMS: &[(&str, &str)] = &[
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("am", "be"),
    ("'re", "be"),
    ("'m", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("'ve", "have"),
    ("does", "do"),
    ("did", "do"),
    ("done", "do"),
    ("doing", "do"),
    ("n't", "not"),
    ("wo", "will"),
    ("'ll", "will"),
    ("ca", "can"),
    ("’s", "'s"),
    ("’", "'s"),
    ("'", "'s"),
];

impl Vocab {
    /// The id of `word`, adding it if new.
    pub(crate) fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId(u32::try_from(self.words.len()).unwrap_or(u32::MAX));
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        id
    }

    /// Makes `form` another spelling of `id` (unless `form` is already a word of its own).
    pub(crate) fn alias(&mut self, form: &str, id: WordId) {
        self.ids.entry(form.into()).or_insert(id);
    }

    pub(crate) fn get(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(WordId::NONE)
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The ids a token may stand for: its lemma, its lower-case form, and a guess at its
    /// lemma from regular English endings (so matching does not depend on how good the
    /// tokenizer's lemmas are). Duplicates and unknown words are `NONE`.
    pub(crate) fn token_ids(&self, lower: &str, lemma: &str, scratch: &mut String) -> [WordId; 3] {
        let a = self.get(lemma);
        // Most words are their own lemma: then `b` would be `a`.
        let mut b = if lower == lemma { WordId::NONE } else { self.get(lower) };
        if b == a {
            b = WordId::NONE;
        }
        let mut c = WordId::NONE;
        if !a.is_some() || !b.is_some() {
            for guess in regular_lemmas(lower, scratch) {
                let id = self.get(guess);
                if id.is_some() {
                    c = id;
                    break;
                }
            }
            if c == a || c == b {
                c = WordId::NONE;
            }
        }
        [a, b, c]
    }
}

/// Candidate lemmas of a lower-case English word from its regular endings, most likely
/// first: `agreed` -> `agree`, `agre`; `bombing` -> `bomb`, `bombe`; `cities` -> `city`.
pub(crate) fn regular_lemmas<'s>(word: &str, scratch: &'s mut String) -> impl Iterator<Item = &'s str> {
    scratch.clear();
    let mut ends: [usize; 4] = [0; 4];
    let mut n = 0;
    let mut push = |scratch: &mut String, stem: &str, suffix: &str| {
        if n < 4 && stem.len() >= 2 {
            scratch.push_str(stem);
            scratch.push_str(suffix);
            ends[n] = scratch.len();
            n += 1;
        }
    };
    let doubled = |stem: &str| {
        let b = stem.as_bytes();
        b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1])
    };
    if let Some(stem) = word.strip_suffix("ies").or_else(|| word.strip_suffix("ied")) {
        push(scratch, stem, "y");
    } else if let Some(stem) = word.strip_suffix("ing") {
        if doubled(stem) {
            push(scratch, &stem[..stem.len() - 1], "");
        }
        push(scratch, stem, "");
        push(scratch, stem, "e");
    } else if let Some(stem) = word.strip_suffix("ed") {
        if doubled(stem) {
            push(scratch, &stem[..stem.len() - 1], "");
        }
        push(scratch, stem, "e");
        push(scratch, stem, "");
    } else if let Some(stem) = word.strip_suffix("es") {
        push(scratch, stem, "");
        push(scratch, stem, "e");
    } else if let Some(stem) = word.strip_suffix('s') {
        if !stem.ends_with('s') {
            push(scratch, stem, "");
        }
    }
    let text: &'s str = scratch.as_str();
    let mut start = 0;
    ends.into_iter().take(n).map(move |end| {
        let s = &text[start..end];
        start = end;
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guesses(word: &str) -> Vec<String> {
        let mut scratch = String::new();
        regular_lemmas(word, &mut scratch).map(String::from).collect()
    }

    #[test]
    fn regular_endings() {
        assert_eq!(guesses("agreed"), ["agree", "agre"]);
        assert_eq!(guesses("bombing"), ["bomb", "bombe"]);
        assert_eq!(guesses("shelled"), ["shel", "shelle", "shell"]);
        assert_eq!(guesses("cities"), ["city"]);
        assert_eq!(guesses("vowed"), ["vowe", "vow"]);
        assert_eq!(guesses("stopped"), ["stop", "stoppe", "stopp"]);
        assert_eq!(guesses("talks"), ["talk"]);
        assert!(guesses("press").is_empty());
    }

    #[test]
    fn token_ids_use_the_best_evidence() {
        let mut vocab = Vocab::default();
        let attack = vocab.intern("attack");
        let mut scratch = String::new();
        assert_eq!(vocab.token_ids("attacked", "attacked", &mut scratch)[2], attack);
        assert_eq!(vocab.token_ids("attacked", "attack", &mut scratch)[0], attack);
        assert_eq!(vocab.get("was"), vocab.get("be"));
    }
}
