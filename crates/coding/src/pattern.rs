//! Compiled verb and noun patterns, shared by the faultline and PETRARCH-2 loaders.

use crate::vocab::WordId;
use faultline_model::CameoCode;

/// What a pattern codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PatternCode {
    /// No event: a null code (`---`) that blocks less specific patterns.
    Null,
    /// An event from source to target (`forward`), and/or one from target to source
    /// (`reverse`), as PETRARCH's `[042:043]`.
    Event { forward: Option<CameoCode>, reverse: Option<CameoCode> },
}

impl PatternCode {
    pub(crate) fn forward(&self) -> Option<&CameoCode> {
        match self {
            PatternCode::Event { forward, .. } => forward.as_ref(),
            PatternCode::Null => None,
        }
    }

    #[cfg(test)]
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, PatternCode::Null)
    }
}

/// How the trigger word must be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Use {
    Verb,
    Noun,
    Either,
}

/// Alternatives for one position: each a run of consecutive words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Alt {
    pub(crate) seqs: Vec<Box<[WordId]>>,
    /// The first words of `seqs`, sorted: most tokens are none of them, and are passed
    /// over with a binary search instead of a try of every alternative (a set has up to
    /// fifty).
    firsts: Box<[WordId]>,
    /// Bit `id % 64` set for each of `firsts`: most ids are ruled out without the search.
    firsts_mask: u64,
}

impl Alt {
    pub(crate) fn new(seqs: Vec<Box<[WordId]>>) -> Alt {
        let mut firsts: Vec<WordId> = seqs.iter().filter_map(|s| s.first().copied()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let firsts_mask = firsts.iter().fold(0, |mask, id| mask | 1 << (id.0 % 64));
        Alt { seqs, firsts: firsts.into(), firsts_mask }
    }

    /// Bit `id % 64` set for each of `ids` but `NONE`: the `ids_mask` of `may_start`.
    pub(crate) fn mask_of(ids: &[WordId]) -> u64 {
        ids.iter().filter(|id| id.is_some()).fold(0, |mask, id| mask | 1 << (id.0 % 64))
    }

    /// Whether a token that may be any of `ids` (with `ids_mask = mask_of(ids)`) may start
    /// one of the alternatives.
    pub(crate) fn may_start(&self, ids: &[WordId], ids_mask: u64) -> bool {
        // Most tokens are ruled out by one test of the masks.
        if self.firsts_mask & ids_mask == 0 {
            return false;
        }
        ids.iter().any(|id| {
            id.is_some() && self.firsts_mask & 1 << (id.0 % 64) != 0 && self.firsts.binary_search(id).is_ok()
        })
    }
}

/// One element of a pattern around the trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Elem {
    Words(Alt),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `...`: the next element may be further away than usual.
    Gap,
}

/// Where a pattern came from, for evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    /// Index into the dictionary's list of source names.
    pub(crate) file: u16,
    pub(crate) line: u32,
    /// The pattern as written (trimmed, without its comment).
    pub(crate) text: Box<str>,
}

/// Options of a pattern.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Coordinated sources act on each other (`China and Russia held joint drills`).
    pub(crate) recip: bool,
    /// Do not look for a target beyond the pattern's own `+`.
    pub(crate) no_target: bool,
    /// A stance or standing practice: the event is habitual/background.
    pub(crate) habitual: bool,
    /// The event needs a counterpart: a target, or coordinated sources (`met`).
    pub(crate) pair: bool,
}

/// A compiled pattern: words before the trigger (nearest first), the trigger, words after.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub(crate) code: PatternCode,
    pub(crate) usage: Use,
    pub(crate) before: Vec<Elem>,
    pub(crate) trigger: Alt,
    pub(crate) after: Vec<Elem>,
    pub(crate) options: Options,
    pub(crate) origin: Origin,
    /// 0 for faultline's own dictionaries, higher for layers loaded over them.
    pub(crate) layer: u8,
    /// Whether the pattern is a verb's bare default code (PETRARCH's `VERB [code]`).
    pub(crate) bare: bool,
}
