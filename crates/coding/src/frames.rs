//! Frames: the verbs that wrap other events (`vowed to`, `urged ... to`, `refused to`),
//! report speech (`said`), give nouns their actors (`launched an attack`), or mark a
//! standing stance (`views ... as`). Read from `dictionaries/verbs/frames.txt`:
//!
//! ```text
//! speech: say, tell, announce, quote as say
//! pledge: vow to, pledge to, promise to
//! ```

use crate::error::Problems;
use crate::verbs::{DictionarySource, strip_comment};
use crate::vocab::{Vocab, WordId};

/// What a frame does to the event it wraps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum FrameKind {
    /// Reported speech: `said`, `told`, `according to`.
    Speech,
    /// Intent: cooperation it wraps becomes CAMEO 03 (`agreed to meet` -> 036).
    Intent,
    /// Strong intent: like intent, and conflict it wraps becomes a threat (`vowed to
    /// retaliate` -> 138).
    Pledge,
    /// A threat: what it wraps becomes CAMEO 13 (`threatened to impose sanctions` -> 1312).
    Threat,
    /// A demand: CAMEO 10 (`demanded the release of` -> 1053).
    Demand,
    /// An appeal: CAMEO 02 (`urged ... to negotiate` -> 026).
    Appeal,
    /// A refusal: CAMEO 12 (`refused to release` -> 1243).
    Reject,
    /// A denial: what it wraps is denied (CAMEO 016 for conflict).
    Deny,
    /// An accusation or criticism about what it wraps (`accused ... of violating`): the
    /// frame's own code stands and the wrapped event is its content.
    Accuse,
    /// A light verb whose subject is the actor of a noun event (`launched an attack`).
    Light,
    /// A stance or standing view: events in it are habitual/background (`views ... as`).
    Stance,
    /// A noun that refers back to an earlier event (`the moves`).
    Anaphor,
    /// A verb whose object is the subject of the infinitive after it (`urged X to`,
    /// `prompting X to describe`).
    Control,
    /// A noun whose infinitive is its content, not another event (`an agreement to
    /// increase trade`): the wrapped event is absorbed.
    Content,
}

impl FrameKind {
    fn parse(name: &str) -> Option<FrameKind> {
        Some(match name {
            "speech" => FrameKind::Speech,
            "intent" => FrameKind::Intent,
            "pledge" => FrameKind::Pledge,
            "threat" => FrameKind::Threat,
            "demand" => FrameKind::Demand,
            "appeal" => FrameKind::Appeal,
            "reject" => FrameKind::Reject,
            "deny" => FrameKind::Deny,
            "accuse" => FrameKind::Accuse,
            "light" => FrameKind::Light,
            "stance" => FrameKind::Stance,
            "anaphor" => FrameKind::Anaphor,
            "control" => FrameKind::Control,
            "content" => FrameKind::Content,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            FrameKind::Speech => "speech",
            FrameKind::Intent => "intent",
            FrameKind::Pledge => "pledge",
            FrameKind::Threat => "threat",
            FrameKind::Demand => "demand",
            FrameKind::Appeal => "appeal",
            FrameKind::Reject => "reject",
            FrameKind::Deny => "deny",
            FrameKind::Accuse => "accuse",
            FrameKind::Light => "light",
            FrameKind::Stance => "stance",
            FrameKind::Anaphor => "anaphor",
            FrameKind::Control => "control",
            FrameKind::Content => "content",
        }
    }

    /// Frames that wrap an event and change its code.
    pub(crate) fn wraps(self) -> bool {
        matches!(
            self,
            FrameKind::Intent
                | FrameKind::Pledge
                | FrameKind::Threat
                | FrameKind::Demand
                | FrameKind::Appeal
                | FrameKind::Reject
                | FrameKind::Deny
                | FrameKind::Accuse
                | FrameKind::Content
        )
    }
}

/// One frame phrase.
#[derive(Clone, Debug)]
pub(crate) struct Frame {
    pub(crate) kind: FrameKind,
    /// Consecutive words (lemmas); the first is the one looked up.
    pub(crate) words: Box<[WordId]>,
    pub(crate) file: u16,
    pub(crate) line: u32,
    pub(crate) text: Box<str>,
}

pub(crate) fn read_frames(
    files: &[(u16, &DictionarySource)],
    vocab: &mut Vocab,
    problems: &mut Problems,
) -> Vec<Frame> {
    let mut frames = Vec::new();
    for &(file_idx, file) in files {
        for (line_idx, raw) in file.text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            let line_no = line_idx + 1;
            let Some((kind_name, phrases)) = line.split_once(':') else {
                problems.push(&file.name, line_no, "a frame line is written `kind: phrase, phrase, ...`");
                continue;
            };
            let Some(kind) = FrameKind::parse(kind_name.trim()) else {
                problems.push(&file.name, line_no, format!("unknown frame kind {:?}", kind_name.trim()));
                continue;
            };
            for phrase in phrases.split(',') {
                let words: Vec<&str> = phrase.split_whitespace().collect();
                if words.is_empty() {
                    problems.push(&file.name, line_no, "empty phrase");
                    continue;
                }
                if let Some(bad) =
                    words.iter().find(|w| !w.chars().all(|c| c.is_lowercase() || c == '-' || c == '\''))
                {
                    problems.push(
                        &file.name,
                        line_no,
                        format!("bad word {bad:?}: write lemmas in lower case"),
                    );
                    continue;
                }
                frames.push(Frame {
                    kind,
                    words: words.iter().map(|w| vocab.intern(w)).collect(),
                    file: file_idx,
                    line: u32::try_from(line_no).unwrap_or(u32::MAX),
                    text: phrase.trim().into(),
                });
            }
        }
    }
    frames
}
