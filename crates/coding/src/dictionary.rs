//! The compiled dictionaries: CAMEO table, verb patterns from every layer, frames and
//! discards, indexed by word. Built once ([`DictionaryBuilder`]), then read-only.

use crate::cameo::{BUILTIN_CAMEO_NAME, CameoTable};
use crate::error::{DictionaryError, Problems, Result};
use crate::frames::{Frame, read_frames};
use crate::pattern::Pattern;
use crate::petrarch::{Discards, read_discards, read_verb_dictionary};
use crate::pledge_words::{PledgeWords, read_pledge_words};
use crate::verbs::{DictionarySource, read_patterns, read_sets};
use crate::vocab::{Vocab, WordId};

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../dictionaries/", $name)))),*]
    };
}

/// faultline's own verb dictionaries, in load order: sets first, then frames, then one
/// file per CAMEO root, then discards.
const BUILTIN_VERBS: &[(&str, &str)] = builtin![
    "verbs/sets.txt",
    "verbs/01-statement.txt",
    "verbs/02-appeal.txt",
    "verbs/03-intent.txt",
    "verbs/04-consult.txt",
    "verbs/05-support.txt",
    "verbs/06-cooperate.txt",
    "verbs/07-aid.txt",
    "verbs/08-yield.txt",
    "verbs/09-investigate.txt",
    "verbs/10-demand.txt",
    "verbs/11-disapprove.txt",
    "verbs/12-reject.txt",
    "verbs/13-threaten.txt",
    "verbs/14-protest.txt",
    "verbs/15-posture.txt",
    "verbs/16-reduce.txt",
    "verbs/17-coerce.txt",
    "verbs/18-assault.txt",
    "verbs/19-fight.txt",
    "verbs/20-mass-violence.txt",
];
const BUILTIN_FRAMES: (&str, &str) =
    ("verbs/frames.txt", include_str!("../../../dictionaries/verbs/frames.txt"));
const BUILTIN_COMMITMENTS: (&str, &str) =
    ("verbs/commitments.txt", include_str!("../../../dictionaries/verbs/commitments.txt"));
const BUILTIN_DISCARDS: (&str, &str) =
    ("verbs/discards.txt", include_str!("../../../dictionaries/verbs/discards.txt"));

/// Collects dictionary sources, then compiles them.
///
/// ```
/// use faultline_coding::DictionaryBuilder;
/// let dictionaries = DictionaryBuilder::new().build().unwrap();
/// assert!(dictionaries.n_patterns() > 500);
/// ```
#[derive(Clone, Debug)]
pub struct DictionaryBuilder {
    builtin_verbs: bool,
    cameo: Option<DictionarySource>,
    verbs: Vec<DictionarySource>,
    frames: Vec<DictionarySource>,
    petrarch: Vec<DictionarySource>,
    discards: Vec<DictionarySource>,
    commitments: Vec<DictionarySource>,
}

impl Default for DictionaryBuilder {
    fn default() -> Self {
        DictionaryBuilder::new()
    }
}

impl DictionaryBuilder {
    /// faultline's built-in dictionaries.
    #[must_use]
    pub fn new() -> DictionaryBuilder {
        DictionaryBuilder {
            builtin_verbs: true,
            cameo: None,
            verbs: Vec::new(),
            frames: Vec::new(),
            petrarch: Vec::new(),
            discards: Vec::new(),
            commitments: Vec::new(),
        }
    }

    /// Whether to load faultline's own verb patterns and discards (default yes). The
    /// frames (speech, intent, ...) are the coder's grammar and always load.
    #[must_use]
    pub fn builtin_verbs(mut self, yes: bool) -> DictionaryBuilder {
        self.builtin_verbs = yes;
        self
    }

    /// Replaces the CAMEO table.
    #[must_use]
    pub fn cameo(mut self, source: DictionarySource) -> DictionaryBuilder {
        self.cameo = Some(source);
        self
    }

    /// Adds verb patterns in faultline's format (after the built-in ones).
    #[must_use]
    pub fn verbs(mut self, source: DictionarySource) -> DictionaryBuilder {
        self.verbs.push(source);
        self
    }

    /// Adds frames (`kind: phrase, ...`), after the built-in ones.
    #[must_use]
    pub fn frames(mut self, source: DictionarySource) -> DictionaryBuilder {
        self.frames.push(source);
        self
    }

    /// Adds commitment words (`kind: phrase, ...`: conflict nouns, beneficiary phrases,
    /// instruments, cues, venues, hedges, withdrawals, restatements), after the built-in
    /// ones.
    #[must_use]
    pub fn commitments(mut self, source: DictionarySource) -> DictionaryBuilder {
        self.commitments.push(source);
        self
    }

    /// Adds a PETRARCH-2 verb dictionary (`CAMEO.2.0.txt`), layered over faultline's own.
    #[must_use]
    pub fn petrarch_verbs(mut self, source: DictionarySource) -> DictionaryBuilder {
        self.petrarch.push(source);
        self
    }

    /// Adds a PETRARCH discard list (`Phoenix.discards.txt`).
    #[must_use]
    pub fn discards(mut self, source: DictionarySource) -> DictionaryBuilder {
        self.discards.push(source);
        self
    }

    /// Reads and checks everything; every problem is reported with its file and line.
    pub fn build(self) -> Result<Dictionaries> {
        let mut problems = Problems::default();
        let mut warnings = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut hasher = blake3::Hasher::new();
        let hash_source = |hasher: &mut blake3::Hasher, name: &str, text: &str| {
            hasher.update(name.as_bytes());
            hasher.update(&[0]);
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        };

        let cameo = match &self.cameo {
            Some(source) => {
                hash_source(&mut hasher, &source.name, &source.text);
                CameoTable::parse(&source.name, &source.text)?
            }
            None => {
                hash_source(&mut hasher, BUILTIN_CAMEO_NAME, CameoTable::builtin_text());
                CameoTable::builtin().clone()
            }
        };

        let mut vocab = Vocab::default();
        let add = |names: &mut Vec<String>, hasher: &mut blake3::Hasher, source: &DictionarySource| -> u16 {
            hash_source(hasher, &source.name, &source.text);
            names.push(source.name.clone());
            u16::try_from(names.len() - 1).unwrap_or(u16::MAX)
        };

        // Frames: built-in, then the caller's.
        let mut frame_sources = vec![DictionarySource::new(BUILTIN_FRAMES.0, BUILTIN_FRAMES.1)];
        frame_sources.extend(self.frames.iter().cloned());
        let frame_files: Vec<(u16, &DictionarySource)> =
            frame_sources.iter().map(|s| (add(&mut names, &mut hasher, s), s)).collect();
        let frames = read_frames(&frame_files, &mut vocab, &mut problems);

        // Commitment words: built-in, then the caller's; like frames, they are grammar
        // and always load.
        let mut commitment_sources =
            vec![DictionarySource::new(BUILTIN_COMMITMENTS.0, BUILTIN_COMMITMENTS.1)];
        commitment_sources.extend(self.commitments.iter().cloned());
        for source in &commitment_sources {
            add(&mut names, &mut hasher, source);
        }
        let pledge_words = read_pledge_words(&commitment_sources.iter().collect::<Vec<_>>(), &mut problems);

        // faultline-format verbs: layer 0.
        let mut verb_sources: Vec<DictionarySource> = Vec::new();
        if self.builtin_verbs {
            verb_sources.extend(BUILTIN_VERBS.iter().map(|(n, t)| DictionarySource::new(*n, *t)));
        }
        verb_sources.extend(self.verbs.iter().cloned());
        let verb_files: Vec<(u16, &DictionarySource)> =
            verb_sources.iter().map(|s| (add(&mut names, &mut hasher, s), s)).collect();
        let sets = read_sets(&verb_files, &mut vocab, &mut problems);
        let mut patterns = read_patterns(&verb_files, &sets, &cameo, &mut vocab, 0, &mut problems);

        // PETRARCH-2 verbs: layer 1.
        for source in &self.petrarch {
            let idx = add(&mut names, &mut hasher, source);
            patterns.extend(read_verb_dictionary(
                idx,
                source,
                &cameo,
                &mut vocab,
                1,
                &mut problems,
                &mut warnings,
            ));
        }

        let mut discards = Discards::default();
        let mut discard_sources: Vec<DictionarySource> = Vec::new();
        if self.builtin_verbs {
            discard_sources.push(DictionarySource::new(BUILTIN_DISCARDS.0, BUILTIN_DISCARDS.1));
        }
        discard_sources.extend(self.discards.iter().cloned());
        for source in &discard_sources {
            let idx = add(&mut names, &mut hasher, source);
            read_discards(idx, source, &mut vocab, &mut discards);
        }

        let classes = crate::grammar::classes(&mut vocab);
        let version =
            format!("cameo {} + dictionaries {}", cameo.version(), &hasher.finalize().to_hex()[..12]);
        let mut dictionaries =
            Dictionaries::index(cameo, vocab, patterns, frames, discards, classes, names, version, warnings);
        dictionaries.pledge_words = pledge_words;
        problems.into_result(dictionaries)
    }
}

/// Compiled, immutable dictionaries; `Send + Sync`, shared by every thread.
#[derive(Debug)]
pub struct Dictionaries {
    pub(crate) cameo: CameoTable,
    pub(crate) vocab: Vocab,
    pub(crate) patterns: Vec<Pattern>,
    /// Pattern indices by the first word of each of their trigger alternatives.
    pub(crate) by_word: Vec<Vec<u32>>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) frames_by_word: Vec<Vec<u32>>,
    pub(crate) discards: Discards,
    pub(crate) discard_starts: Vec<bool>,
    /// Grammatical classes of function words, by word id.
    pub(crate) classes: Vec<u32>,
    pub(crate) names: Vec<String>,
    pub(crate) version: String,
    pub(crate) warnings: Vec<DictionaryError>,
    /// Conflict nouns, beneficiary phrases, instruments, hedges: for triggers and pledges.
    pub(crate) pledge_words: PledgeWords,
}

impl Dictionaries {
    #[allow(clippy::too_many_arguments)]
    fn index(
        cameo: CameoTable,
        vocab: Vocab,
        patterns: Vec<Pattern>,
        frames: Vec<Frame>,
        discards: Discards,
        classes_list: Vec<(WordId, u32)>,
        names: Vec<String>,
        version: String,
        warnings: Vec<DictionaryError>,
    ) -> Dictionaries {
        let n = vocab.len();
        let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (i, pattern) in patterns.iter().enumerate() {
            let mut firsts: Vec<WordId> =
                pattern.trigger.seqs.iter().filter_map(|s| s.first().copied()).collect();
            firsts.sort_unstable();
            firsts.dedup();
            for w in firsts {
                by_word[w.0 as usize].push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        let mut frames_by_word: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (i, frame) in frames.iter().enumerate() {
            if let Some(first) = frame.words.first() {
                frames_by_word[first.0 as usize].push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        let mut discard_starts = vec![false; n];
        for (seq, ..) in &discards.phrases {
            if let Some(first) = seq.first() {
                discard_starts[first.0 as usize] = true;
            }
        }
        let mut classes = vec![0u32; n];
        for (id, class) in classes_list {
            classes[id.0 as usize] |= class;
        }
        Dictionaries {
            cameo,
            vocab,
            patterns,
            by_word,
            frames,
            frames_by_word,
            discards,
            discard_starts,
            classes,
            names,
            version,
            warnings,
            pledge_words: PledgeWords::default(),
        }
    }

    /// faultline's built-in dictionaries.
    pub fn builtin() -> Result<Dictionaries> {
        DictionaryBuilder::new().build()
    }

    /// A short version string: the CAMEO table's version and a hash of every dictionary
    /// text loaded (`cameo 2025.1 + dictionaries 1a2b3c4d5e6f`).
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    #[must_use]
    pub fn cameo(&self) -> &CameoTable {
        &self.cameo
    }

    #[must_use]
    pub fn n_patterns(&self) -> usize {
        self.patterns.len()
    }

    /// The names of the dictionaries loaded, in load order.
    #[must_use]
    pub fn sources(&self) -> &[String] {
        &self.names
    }

    /// Lines PETRARCH would have skipped with a warning, and so did we.
    #[must_use]
    pub fn warnings(&self) -> &[DictionaryError] {
        &self.warnings
    }

    /// The patterns of each CAMEO root (1 to 20) in layer 0, for coverage checks.
    #[must_use]
    pub fn patterns_per_root(&self) -> [usize; 21] {
        let mut counts = [0; 21];
        for p in self.patterns.iter().filter(|p| p.layer == 0) {
            if let Some(code) = p.code.forward() {
                counts[code.root() as usize] += 1;
            }
        }
        counts
    }

    pub(crate) fn rule_text(&self, file: u16, line: u32, text: &str) -> String {
        let name = self.names.get(file as usize).map_or("?", String::as_str);
        format!("{name}:{line} {text}")
    }
}
