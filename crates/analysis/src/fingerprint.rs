//! Fingerprints of texts: the one place where this crate reads text.
//!
//! The rest of the crate sees events only. The ingest engine calls these pure functions
//! once, on the article body and on each event's evidence sentence, and stores the
//! results; clustering and near-duplicate grouping then work on the fingerprints.
//!
//! - [`ArticleFingerprint::of_text`]: a MinHash signature of the text's set of word
//!   3-shingles ([`NUM_HASHES`] minima of 32 bits) plus the number of distinct shingles.
//!   The signature is a one-permutation MinHash with optimal densification (Li, Owen and
//!   Zhang 2012; Shrivastava 2017): each shingle is hashed once and kept in one of the
//!   [`NUM_HASHES`] bins if it is that bin's minimum, and an empty bin borrows the value
//!   of a non-empty bin chosen by a fixed hash sequence. It estimates the Jaccard
//!   similarity like [`NUM_HASHES`] independent permutations do, at the cost of one hash
//!   per shingle instead of [`NUM_HASHES`].
//!   Two signatures estimate the Jaccard similarity of the shingle sets (the fraction of
//!   equal minima) and, with the set sizes, the *containment* of the smaller text in the
//!   larger, which is what a trimmed wire copy keeps high. See
//!   [`NearDupIndex`](crate::NearDupIndex) for the thresholds.
//! - [`sentence`]: a 2-bit MinHash of a sentence's content words packed in a `u64`. The
//!   number of differing slots ([`distance`], 0 to 32) estimates how different two
//!   sentences are: an unchanged or lightly edited wire sentence is within a few slots,
//!   two different sentences about the same actors are 15 or more apart.
//!
//! Words are maximal runs of alphanumeric characters, lowercased (Unicode); punctuation,
//! typographic quotes and apostrophes separate words, so `Japan’s` and `Japan's` are the
//! same two words. The hash functions are defined here (FNV-1a, then the MurmurHash3
//! finaliser; bins and densification from fixed seeds), never taken from
//! `std`, so fingerprints are stable across Rust versions and platforms and can be
//! stored. Changing any of this changes [`VERSION`].
//!
//! Why not a crate: the MinHash/LSH crates on crates.io are either unmaintained since
//! 2023 and heavy (`gaoya`: rayon, rand 0.8, sha-1 and ten more), a disk-backed CLI
//! (`incrededup`: redb, PostgreSQL, tokio), or 0.0.x/0.1 releases without a stable
//! hash function; `simhash` hashes with SipHash over whitespace words only. What is
//! needed is about a hundred lines with a persisted, versioned format.

use crate::{Error, Result};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The version of the fingerprint functions. Stored fingerprints of another version must
/// be recomputed from the text (or the article left out of near-duplicate grouping).
///
/// - 1: [`NUM_HASHES`] multiply-shift permutations, each applied to every shingle.
/// - 2: one-permutation MinHash with optimal densification (same bins, same estimates
///   in expectation, one hash per shingle).
pub const VERSION: u8 = 2;

/// MinHash signature length: 120 bins, i.e. 40 LSH bands of 3 rows.
pub const NUM_HASHES: usize = 120;

/// Words per shingle in article fingerprints.
pub const SHINGLE_WORDS: usize = 3;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
#[inline]
pub(crate) const fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// A stable 64-bit hash of a string (FNV-1a, finalised). Used for ids derived from
/// strings ([`GroupId`](crate::GroupId), [`ClusterId`](crate::ClusterId), locations).
#[must_use]
pub fn hash_str(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    fmix64(h)
}

/// A fast hash of a string for in-memory lookups only (never stored: it may change with
/// `rustc-hash`).
pub(crate) fn lookup_hash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(s.as_bytes());
    hasher.finish()
}

const fn splitmix64(state: u64) -> (u64, u64) {
    let state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (state, z ^ (z >> 31))
}

/// Seeds of the one-permutation hash (which bin, and the value kept in it) and of the
/// densification sequence.
const BIN_SEED: u64 = 0x6661_756c_746c_696e; // "faultlin"
const DENSIFY_SEED: u64 = 0x6465_6e73_6966_7921; // "densify!"

/// `x * n / 2^32` for a 32-bit `x`: maps a uniform 32-bit value onto `0..n` without a
/// division (Lemire's fast range reduction).
#[inline]
fn reduce(x: u32, n: usize) -> usize {
    ((u64::from(x) * n as u64) >> 32) as usize
}

/// The bin an empty bin `bin` borrows from at its `attempt`-th try.
#[inline]
fn densify_probe(bin: usize, attempt: u32) -> usize {
    let h = fmix64(DENSIFY_SEED ^ ((bin as u64) << 32 | u64::from(attempt)));
    reduce((h >> 32) as u32, NUM_HASHES)
}

/// Tries of the hash sequence before an empty bin borrows from the next non-empty bin
/// instead (only reached when almost every bin is empty, i.e. texts of a few words).
const DENSIFY_TRIES: u32 = 4 * NUM_HASHES as u32;

/// Calls `f` with the hash of each word of `text`, in order.
///
/// Bytes are read directly while they are ASCII (nearly all of an English text) and
/// decoded as characters only past them; the hashes are those of the lowercased
/// characters' UTF-8 bytes either way.
fn for_each_word(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
            } else if in_word {
                f(fmix64(h));
                h = FNV_OFFSET;
                in_word = false;
            }
            continue;
        }
        // `i` is on a character boundary: only whole characters are stepped over.
        let Some(ch) = text[i..].chars().next() else { break };
        i += ch.len_utf8();
        if ch.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for lower in ch.to_lowercase() {
                for &b in lower.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
            in_word = true;
        } else if in_word {
            f(fmix64(h));
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        f(fmix64(h));
    }
}

/// The hashes of the words of `text`, in order (see the module doc for what a word is).
#[must_use]
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut words = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |h| words.push(h));
    words
}

/// Combines word hashes into a shingle or word-pair hash (order matters).
#[inline]
fn combine(words: &[u64]) -> u64 {
    let mut h: u64 = 0x5348_494e_474c_4521; // "SHINGLE!"
    for &w in words {
        h = fmix64(h.rotate_left(23) ^ w);
    }
    h
}

/// A MinHash signature of an article's word 3-shingles, with the number of distinct
/// shingles. Stored per article (see [`ArticleFingerprint::to_bytes`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawFingerprint", into = "RawFingerprint")]
pub struct ArticleFingerprint {
    minhash: Box<[u32; NUM_HASHES]>,
    shingles: u32,
}

#[derive(Serialize, Deserialize)]
struct RawFingerprint {
    version: u8,
    shingles: u32,
    minhash: Vec<u32>,
}

impl TryFrom<RawFingerprint> for ArticleFingerprint {
    type Error = Error;
    fn try_from(raw: RawFingerprint) -> Result<ArticleFingerprint> {
        if raw.version != VERSION {
            return Err(Error::FingerprintVersion { found: raw.version });
        }
        let minhash: Box<[u32; NUM_HASHES]> = raw
            .minhash
            .into_boxed_slice()
            .try_into()
            .map_err(|b: Box<[u32]>| Error::FingerprintLength { found: b.len() })?;
        Ok(ArticleFingerprint { minhash, shingles: raw.shingles })
    }
}

impl From<ArticleFingerprint> for RawFingerprint {
    fn from(fp: ArticleFingerprint) -> RawFingerprint {
        RawFingerprint { version: VERSION, shingles: fp.shingles, minhash: fp.minhash.to_vec() }
    }
}

impl ArticleFingerprint {
    /// The fingerprint of a text: pass the article body (its paragraphs), not the title,
    /// byline or captions, which differ between outlets carrying the same wire story.
    #[must_use]
    pub fn of_text(text: &str) -> ArticleFingerprint {
        let words = word_hashes(text);
        let shingles: Vec<u64> = if words.len() < SHINGLE_WORDS {
            if words.is_empty() { Vec::new() } else { vec![combine(&words)] }
        } else {
            words.windows(SHINGLE_WORDS).map(combine).collect()
        };
        // A repeated shingle changes no minimum, so the signature reads them all; only
        // the count needs them distinct.
        let mut minhash = Box::new([u32::MAX; NUM_HASHES]);
        let mut filled = [false; NUM_HASHES];
        for &x in &shingles {
            let h = fmix64(x ^ BIN_SEED);
            let bin = reduce((h >> 32) as u32, NUM_HASHES);
            minhash[bin] = minhash[bin].min(h as u32);
            filled[bin] = true;
        }
        densify(&mut minhash, &filled);
        let shingles = u32::try_from(count_distinct(&shingles)).unwrap_or(u32::MAX);
        ArticleFingerprint { minhash, shingles }
    }

    /// The number of distinct shingles of the text.
    #[must_use]
    pub fn shingles(&self) -> u32 {
        self.shingles
    }

    /// The signature.
    #[must_use]
    pub fn minhash(&self) -> &[u32; NUM_HASHES] {
        &self.minhash
    }

    /// Estimated Jaccard similarity of the two shingle sets: the fraction of equal minima.
    #[must_use]
    pub fn jaccard(&self, other: &ArticleFingerprint) -> f64 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let equal = self.minhash.iter().zip(other.minhash.iter()).filter(|(a, b)| a == b).count();
        equal as f64 / NUM_HASHES as f64
    }

    /// Estimated containment of the smaller shingle set in the larger, from the Jaccard
    /// estimate `J` and the set sizes: `|A ∩ B| = J (|A| + |B|) / (1 + J)`, divided by
    /// `min(|A|, |B|)`, capped at 1. A wire story trimmed to half its paragraphs keeps a
    /// containment near 1 while its Jaccard similarity falls to about 0.5.
    #[must_use]
    pub fn containment(&self, other: &ArticleFingerprint) -> f64 {
        let jaccard = self.jaccard(other);
        let smaller = f64::from(self.shingles.min(other.shingles));
        if smaller == 0.0 {
            return 0.0;
        }
        let total = f64::from(self.shingles) + f64::from(other.shingles);
        (jaccard * total / (1.0 + jaccard) / smaller).min(1.0)
    }

    /// A compact binary form for a BLOB column: the version byte, the shingle count
    /// (u32, little-endian), then the minima (u32, little-endian): 485 bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(5 + 4 * NUM_HASHES);
        bytes.push(VERSION);
        bytes.extend_from_slice(&self.shingles.to_le_bytes());
        for h in self.minhash.iter() {
            bytes.extend_from_slice(&h.to_le_bytes());
        }
        bytes
    }

    /// Reads [`ArticleFingerprint::to_bytes`]'s form back.
    ///
    /// # Errors
    /// [`Error::FingerprintVersion`] for another version, [`Error::FingerprintLength`] for
    /// a truncated or overlong value.
    pub fn from_bytes(bytes: &[u8]) -> Result<ArticleFingerprint> {
        let (&version, rest) = bytes.split_first().ok_or(Error::FingerprintLength { found: 0 })?;
        if version != VERSION {
            return Err(Error::FingerprintVersion { found: version });
        }
        if rest.len() != 4 + 4 * NUM_HASHES {
            return Err(Error::FingerprintLength { found: rest.len().saturating_sub(4) / 4 });
        }
        let mut words = rest.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let shingles = words.next().unwrap_or(0);
        let mut minhash = Box::new([0u32; NUM_HASHES]);
        for (slot, h) in minhash.iter_mut().zip(words) {
            *slot = h;
        }
        Ok(ArticleFingerprint { minhash, shingles })
    }
}

/// The number of distinct values in `values` (hashes, so well mixed): an open-addressing
/// set with linear probing at most half full, faster than sorting a few thousand values.
fn count_distinct(values: &[u64]) -> usize {
    if values.len() < 2 {
        return values.len();
    }
    let slots = (values.len() * 2).next_power_of_two();
    let shift = 64 - slots.trailing_zeros();
    let mask = slots - 1;
    // 0 marks an empty slot; the value 0 itself is counted apart.
    let mut table = vec![0u64; slots];
    let mut distinct = 0;
    let mut zero = false;
    for &v in values {
        if v == 0 {
            zero = true;
            continue;
        }
        let mut slot = (v >> shift) as usize;
        loop {
            match table[slot] {
                0 => {
                    table[slot] = v;
                    distinct += 1;
                    break;
                }
                seen if seen == v => break,
                _ => slot = (slot + 1) & mask,
            }
        }
    }
    distinct + usize::from(zero)
}

/// Optimal densification: every empty bin takes the value of the first non-empty bin of
/// its own fixed pseudo-random sequence of bins (the same sequence in every text), so
/// that two texts agree on a borrowed bin exactly when they agree on the bin it borrows
/// from. Borrowing reads only bins that were filled by shingles, never borrowed ones.
fn densify(minhash: &mut [u32; NUM_HASHES], filled: &[bool; NUM_HASHES]) {
    if !filled.iter().any(|&f| f) {
        return; // no shingles: nothing to borrow, and the text is like nothing
    }
    for bin in 0..NUM_HASHES {
        if filled[bin] {
            continue;
        }
        let source = (0..DENSIFY_TRIES)
            .map(|attempt| densify_probe(bin, attempt))
            .find(|&probe| filled[probe])
            .unwrap_or_else(|| {
                // deterministic fallback: the next filled bin, cyclically
                (1..NUM_HASHES).map(|step| (bin + step) % NUM_HASHES).find(|&b| filled[b]).unwrap_or(bin)
            });
        minhash[bin] = minhash[source];
    }
}

/// Words left out of sentence fingerprints: function words and reporting verbs, which
/// syndication edits freely (`said` / `told reporters`) and which two unrelated
/// sentences share.
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "from",
    "and",
    "or",
    "but",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "them",
    "we",
    "our",
    "i",
    "you",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "not",
    "no",
    "said",
    "says",
    "say",
    "told",
    "according",
    "also",
    "after",
    "before",
    "over",
    "than",
    "into",
    "about",
    "which",
    "who",
    "whom",
    "s",
    "mr",
    "ms",
    "mrs",
    "on",
    "up",
    "out",
    "if",
    "so",
    "do",
    "did",
    "does",
];

fn stopwords() -> &'static FxHashSet<u64> {
    static SET: OnceLock<FxHashSet<u64>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().flat_map(|w| word_hashes(w)).collect())
}

/// Slots of a sentence fingerprint: 32 minima of 2 bits each in a `u64`.
pub const SENTENCE_SLOTS: u32 = 32;

/// The fingerprint of a sentence (an event's evidence): a 2-bit MinHash of its set of
/// content words (words that are not in a short list of function words and reporting
/// verbs), 32 minima of 2 bits packed in a `u64`. Two fingerprints agree on a slot with
/// probability `J + (1 - J) / 4` for word-set Jaccard similarity `J`, so the number of
/// differing slots ([`distance`]) estimates how different the sentences are:
/// about 24 expected for unrelated sentences, 14 at `J = 0.33`, 10 at `J = 0.5`, 0 when
/// the content words are the same. `None` when the sentence has no content words, so
/// that two empty evidences never look alike.
///
/// Why 2-bit MinHash and not SimHash: on short sentences it separates lightly edited
/// copies of one sentence from different sentences about the same actors better (in
/// this crate's calibration the 64-bit SimHash distances of the two kinds overlapped,
/// 6-22 bits against 20-35, while the 2-bit MinHash kept them apart but for a pair that
/// differed by one place name: see `tests/it/fingerprints.rs`).
#[must_use]
pub fn sentence(text: &str) -> Option<u64> {
    let stop = stopwords();
    let mut words: Vec<u64> = Vec::with_capacity(32);
    for_each_word(text, |word| {
        if !stop.contains(&word) {
            words.push(word);
        }
    });
    if words.is_empty() {
        return None;
    }
    words.sort_unstable();
    words.dedup();
    let mut packed = 0u64;
    for (slot, seed) in SENTENCE_SEEDS.iter().enumerate() {
        let min = words.iter().map(|&w| fmix64(w ^ seed)).min().unwrap_or(0);
        packed |= (min & 0b11) << (2 * slot);
    }
    Some(packed)
}

const SENTENCE_SEEDS: [u64; SENTENCE_SLOTS as usize] = {
    let mut seeds = [0u64; SENTENCE_SLOTS as usize];
    let mut state = 0x7365_6e74_656e_6365; // "sentence"
    let mut i = 0;
    while i < seeds.len() {
        let (s, x) = splitmix64(state);
        state = s;
        seeds[i] = x;
        i += 1;
    }
    seeds
};

/// The number of slots (of [`SENTENCE_SLOTS`]) where two sentence fingerprints differ.
#[must_use]
pub fn distance(a: u64, b: u64) -> u32 {
    let x = a ^ b;
    // a slot differs when either of its two bits does
    ((x | (x >> 1)) & 0x5555_5555_5555_5555).count_ones()
}

/// A hash of a place name with case and punctuation folded (`Kharkiv`, `KHARKIV,`), so
/// that event locations compare without their text. `None` for a name without words.
#[must_use]
pub fn place(text: &str) -> Option<u64> {
    let words = word_hashes(text);
    (!words.is_empty()).then(|| combine(&words))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word hashes as first defined: character by character.
    fn word_hashes_by_char(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut h = FNV_OFFSET;
        let mut in_word = false;
        for ch in text.chars() {
            if ch.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for lower in ch.to_lowercase() {
                    for &b in lower.encode_utf8(&mut buf).as_bytes() {
                        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                }
                in_word = true;
            } else if in_word {
                out.push(fmix64(h));
                h = FNV_OFFSET;
                in_word = false;
            }
        }
        if in_word {
            out.push(fmix64(h));
        }
        out
    }

    #[test]
    fn word_hashes_read_bytes_as_characters_would() {
        for text in [
            "",
            "Russia's MFA, on 28 Dec: \"no\".",
            "Zürich ÉTAT İstanbul ǅ ﬁnance Ωmega",
            "東京で首相が 3 Ω x",
            "end with ascii",
            "trailing é",
            "a\u{a0}b\u{2019}c—d",
        ] {
            assert_eq!(word_hashes(text), word_hashes_by_char(text), "{text}");
        }
    }

    #[test]
    fn distinct_counts_match_sorting() {
        let mut values: Vec<u64> = (0..5000u64).map(|i| fmix64(i % 1700)).collect();
        values.extend([0, 0, 7, u64::MAX, u64::MAX]);
        let mut sorted = values.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(count_distinct(&values), sorted.len());
        assert_eq!(count_distinct(&[]), 0);
        assert_eq!(count_distinct(&[0]), 1);
        assert_eq!(count_distinct(&[0, 0]), 1);
        assert_eq!(count_distinct(&[5, 5, 0]), 2);
    }

    #[test]
    fn words_fold_case_quotes_and_apostrophes() {
        assert_eq!(word_hashes("Japan’s LEADERSHIP"), word_hashes("japan's leadership"));
        assert_eq!(word_hashes("Zürich ÉTAT"), word_hashes("zürich état"));
        assert_eq!(word_hashes("  ,,  ").len(), 0);
        assert_eq!(word_hashes("survival-threatening situation").len(), 3);
    }

    #[test]
    fn fingerprints_round_trip_as_bytes_and_json() {
        let fp = ArticleFingerprint::of_text("one two three four five six seven");
        assert_eq!(fp.shingles(), 5);
        let bytes = fp.to_bytes();
        assert_eq!(bytes.len(), 485);
        assert_eq!(ArticleFingerprint::from_bytes(&bytes).unwrap(), fp);
        assert!(ArticleFingerprint::from_bytes(&bytes[..100]).is_err());
        assert!(ArticleFingerprint::from_bytes(&[]).is_err());
        let mut other_version = bytes.clone();
        other_version[0] = 99;
        assert!(ArticleFingerprint::from_bytes(&other_version).is_err());
        let json = serde_json::to_string(&fp).unwrap();
        assert_eq!(serde_json::from_str::<ArticleFingerprint>(&json).unwrap(), fp);
        assert!(
            serde_json::from_str::<ArticleFingerprint>(r#"{"version":1,"shingles":1,"minhash":[1]}"#)
                .is_err()
        );
    }

    #[test]
    fn empty_texts_are_like_nothing() {
        let empty = ArticleFingerprint::of_text("");
        assert_eq!(empty.shingles(), 0);
        assert_eq!(empty.jaccard(&empty), 0.0);
        assert_eq!(sentence(""), None);
        assert_eq!(sentence("the of and said"), None);
    }

    #[test]
    fn identical_texts_are_identical() {
        let text = "Russian missiles struck the port of Odesa overnight, killing three people.";
        let a = ArticleFingerprint::of_text(text);
        assert_eq!(a.jaccard(&ArticleFingerprint::of_text(text)), 1.0);
        assert_eq!(sentence(text), sentence(&text.to_uppercase()));
        let fp = sentence(text).unwrap();
        assert_eq!(distance(fp, fp), 0);
        assert_eq!(distance(0, u64::MAX), 32);
        assert_eq!(distance(0b01, 0b10), 1);
    }

    #[test]
    fn hash_str_is_stable() {
        // a stored value: changing the hash breaks stored ids and must bump VERSION
        assert_eq!(hash_str("a1#1"), hash_str("a1#1"));
        assert_ne!(hash_str("a1#1"), hash_str("a1#2"));
        assert_eq!(fmix64(0), 0);
    }
}
