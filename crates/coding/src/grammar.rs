//! Function words and punctuation the matcher needs to know: determiners, auxiliaries,
//! modals, negation, clause boundaries. This is grammar, not dictionary: it does not
//! change with the domain, so it lives in code.

use crate::vocab::{Vocab, WordId};

pub(crate) const DET: u32 = 1;
/// Possessive determiners (`its`, `their`).
pub(crate) const POSS: u32 = 1 << 1;
pub(crate) const PREP: u32 = 1 << 2;
pub(crate) const BE: u32 = 1 << 3;
pub(crate) const HAVE: u32 = 1 << 4;
pub(crate) const DO: u32 = 1 << 5;
/// `will`, `shall`, `'ll`.
pub(crate) const FUTURE: u32 = 1 << 6;
/// `could`, `might`, `may`.
pub(crate) const MAYBE: u32 = 1 << 7;
/// `would`, `'d`.
pub(crate) const WOULD: u32 = 1 << 8;
/// `not`, `n't`, `never`.
pub(crate) const NEG: u32 = 1 << 9;
pub(crate) const TO: u32 = 1 << 10;
/// `and`, `or`, `&`.
pub(crate) const AND: u32 = 1 << 11;
pub(crate) const COMMA: u32 = 1 << 12;
/// Punctuation no pattern or actor search crosses: `;`, `:`, dashes, brackets.
pub(crate) const HARD: u32 = 1 << 13;
pub(crate) const THAT: u32 = 1 << 14;
/// Relative pronouns: `which`, `who`.
pub(crate) const REL: u32 = 1 << 15;
/// Subordinators and coordinators that start another clause: `because`, `while`, `but`.
pub(crate) const SUB: u32 = 1 << 16;
/// `if`, `unless`.
pub(crate) const COND: u32 = 1 << 17;
/// `must`.
pub(crate) const MUST: u32 = 1 << 18;
/// `should`.
pub(crate) const SHOULD: u32 = 1 << 19;
/// `repeatedly`, `regularly`, ...
pub(crate) const HABIT: u32 = 1 << 20;
/// `potentially`, `possibly`, ...
pub(crate) const HYPO: u32 = 1 << 21;
pub(crate) const BY: u32 = 1 << 22;
pub(crate) const OF: u32 = 1 << 23;
/// Adverbs that may stand inside a verb group (`also`, `again`, `reportedly`).
pub(crate) const ADV: u32 = 1 << 24;
/// Demonstratives that make a noun refer back (`the`, `these`, `such`).
pub(crate) const DEM: u32 = 1 << 25;
/// Personal pronouns that may stand for the speaker (`it`, `they`, `he`).
pub(crate) const PRON: u32 = 1 << 26;
/// Sentence-final punctuation.
pub(crate) const END: u32 = 1 << 27;
/// `as`.
pub(crate) const AS: u32 = 1 << 28;
/// `need` (`need to`).
pub(crate) const NEED: u32 = 1 << 29;
/// Brackets: skipped by actor searches (`The Homeland Union (Conservatives) began`).
pub(crate) const BRACKET: u32 = 1 << 30;

const WORDS: &[(u32, &[&str])] = &[
    (
        DET,
        &[
            "a", "an", "the", "this", "these", "those", "some", "any", "every", "each", "another", "such",
            "its", "his", "her", "their", "our", "my", "your", "both", "all", "several", "many", "two",
            "three",
        ],
    ),
    (POSS, &["its", "his", "her", "their", "our", "my", "your"]),
    (
        PREP,
        &[
            "in",
            "at",
            "from",
            "for",
            "with",
            "against",
            "on",
            "into",
            "of",
            "by",
            "over",
            "near",
            "under",
            "between",
            "toward",
            "towards",
            "about",
            "across",
            "through",
            "within",
            "without",
            "upon",
            "onto",
            "amid",
            "among",
            "around",
            "along",
            "inside",
            "outside",
            "during",
            "despite",
            "via",
            "off",
            "beyond",
            "behind",
            "outside",
            "throughout",
        ],
    ),
    (BE, &["be"]),
    (HAVE, &["have"]),
    (DO, &["do"]),
    (FUTURE, &["will", "shall"]),
    (MAYBE, &["could", "might", "may"]),
    (WOULD, &["would", "'d"]),
    (NEG, &["not", "never", "cannot"]),
    (TO, &["to"]),
    (AND, &["and", "or", "&", "nor"]),
    (COMMA, &[","]),
    (HARD, &[";", ":", "—", "–", "--", "?", "!"]),
    (BRACKET, &["(", ")", "[", "]"]),
    (END, &[".", "?", "!"]),
    (THAT, &["that"]),
    (REL, &["which", "who", "whom", "whose", "where"]),
    (
        SUB,
        &[
            "because", "while", "although", "though", "whereas", "when", "after", "before", "until", "but",
            "so", "whether",
        ],
    ),
    (COND, &["if", "unless"]),
    (MUST, &["must"]),
    (SHOULD, &["should"]),
    (
        HABIT,
        &[
            "repeatedly",
            "regularly",
            "routinely",
            "frequently",
            "often",
            "habitually",
            "traditionally",
            "customarily",
            "periodically",
            "constantly",
            "continually",
            "annually",
            "usually",
            "long-standing",
            "longstanding",
        ],
    ),
    (HYPO, &["potentially", "possibly", "perhaps", "maybe", "hypothetically", "conceivably"]),
    (BY, &["by"]),
    (OF, &["of"]),
    (
        ADV,
        &[
            "also",
            "again",
            "still",
            "already",
            "now",
            "reportedly",
            "jointly",
            "further",
            "once",
            "then",
            "finally",
            "recently",
            "today",
            "yesterday",
            "tonight",
            "just",
            "even",
            "formally",
            "officially",
            "publicly",
            "quickly",
            "immediately",
            "previously",
            "earlier",
            "later",
            "repeatedly",
            "regularly",
            "routinely",
            "frequently",
            "often",
            "allegedly",
            "reluctantly",
            "strongly",
            "sharply",
            "bluntly",
            "flatly",
            "outright",
            "unanimously",
            "unilaterally",
            "firmly",
            "fully",
            "partly",
            "largely",
            "initially",
            "apparently",
            "effectively",
            "potentially",
            "possibly",
            "reportedly",
            "indeed",
            "however",
            "nonetheless",
            "personally",
            "directly",
            "separately",
            "together",
            "soon",
            "currently",
            "longer",
        ],
    ),
    (DEM, &["the", "these", "those", "such", "this", "that"]),
    (PRON, &["it", "they", "he", "she", "we", "i"]),
    (AS, &["as"]),
    (NEED, &["need"]),
];

/// Interns the function words and returns their classes.
pub(crate) fn classes(vocab: &mut Vocab) -> Vec<(WordId, u32)> {
    let mut out = Vec::new();
    for &(class, words) in WORDS {
        for word in words {
            out.push((vocab.intern(word), class));
        }
    }
    // Forms that are aliases of words above.
    for (form, class) in [("n't", NEG), ("'ll", FUTURE), ("wo", FUTURE), ("’s", 0)] {
        let id = vocab.get(form);
        if id.is_some() {
            out.push((id, class));
        }
    }
    out
}
