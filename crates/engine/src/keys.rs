//! The key filter: which documents the store certainly does not hold, answered from
//! memory, so that a new document (nearly every document of a bulk ingest) is not looked
//! up in the store three times.
//!
//! [`KeyFilter`] is a Bloom filter over the documents' [`DocKey`]s (ids, URLs, content
//! hashes). It answers "absent" only for a key never inserted, and "maybe" for every key
//! inserted, so a lookup it rules out is one the store would have answered "no"; a "maybe"
//! costs the lookup it would have cost anyway. It is fixed in size (memory does not grow
//! with the documents; past its planned number of keys it only rules out less) and is
//! shared by the pipeline's threads without a lock: bits are only ever set, with relaxed
//! atomic `fetch_or`. The thread that inserts a key sees it at once; another thread may
//! see it a moment later, so its "absent" can miss a key inserted meanwhile. Hence only
//! the inserting thread, the pipeline's writer, takes an "absent" as final; the other
//! threads' checks save work, and the writer checks again.
//!
//! [`StoreKeys`] is the filter of one store: built from [`EventStore::keys`], kept by an
//! [`Ingest`](crate::Ingest) across its runs, and trusted only while
//! [`EventStore::data_version`] says that no other connection has committed since it was
//! built (see the [pipeline docs](crate::pipeline)).

use faultline_store::{DocKey, EventStore};
use std::hash::Hasher;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Bits per planned key: about 1 % false "maybe"s per key when the filter holds its
/// planned number of keys, far fewer below it.
const BITS_PER_KEY: u64 = 10;

/// Bits in a block: one cache line. Each key sets (and a lookup reads) one bit in each of
/// the block's eight words, so a lookup costs one cache miss.
const BLOCK_BITS: u64 = 512;

/// A Bloom filter over [`DocKey`]s, split into blocks of one cache line.
///
/// ```
/// use faultline_engine::KeyFilter;
/// use faultline_store::DocKey;
///
/// let filter = KeyFilter::with_capacity(1_000);
/// filter.insert(DocKey::Id("a-1"));
/// assert!(filter.may_hold(DocKey::Id("a-1")));
/// assert!(filter.rules_out(&[DocKey::Id("a-2"), DocKey::Url("https://news.example/a-2")]));
/// ```
#[derive(Debug)]
pub struct KeyFilter {
    blocks: Vec<Block>,
    planned: u64,
    inserted: AtomicU64,
}

/// Eight words of 64 bits, aligned to a cache line.
#[derive(Debug, Default)]
#[repr(align(64))]
struct Block([AtomicU64; 8]);

impl KeyFilter {
    /// A filter for `keys` keys at about 10 bits each (at least one block).
    #[must_use]
    pub fn with_capacity(keys: u64) -> KeyFilter {
        let n_blocks = keys.max(1).saturating_mul(BITS_PER_KEY).div_ceil(BLOCK_BITS);
        let n_blocks = usize::try_from(n_blocks).unwrap_or(usize::MAX);
        let mut blocks = Vec::with_capacity(n_blocks);
        blocks.resize_with(n_blocks, Block::default);
        KeyFilter { blocks, planned: keys, inserted: AtomicU64::new(0) }
    }

    /// Adds `key`: from now on [`may_hold`](Self::may_hold) says yes to it, on this
    /// thread at once, on others once they see the stores (relaxed).
    pub fn insert(&self, key: DocKey<'_>) {
        let (block, masks) = self.place(key);
        for (word, mask) in block.0.iter().zip(masks) {
            // Reading first spares the cache line a write when the bit is already set.
            if word.load(Ordering::Relaxed) & mask == 0 {
                word.fetch_or(mask, Ordering::Relaxed);
            }
        }
        self.inserted.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether `key` may have been inserted: `false` means it certainly was not.
    #[must_use]
    pub fn may_hold(&self, key: DocKey<'_>) -> bool {
        let (block, masks) = self.place(key);
        block.0.iter().zip(masks).all(|(word, mask)| word.load(Ordering::Relaxed) & mask == mask)
    }

    /// Whether none of `keys` was inserted (certainly).
    #[must_use]
    pub fn rules_out(&self, keys: &[DocKey<'_>]) -> bool {
        keys.iter().all(|&key| !self.may_hold(key))
    }

    /// Keys inserted so far (each time counted, so a key inserted twice counts twice).
    #[must_use]
    pub fn inserted(&self) -> u64 {
        self.inserted.load(Ordering::Relaxed)
    }

    /// The number of keys the filter was sized for.
    #[must_use]
    pub fn planned(&self) -> u64 {
        self.planned
    }

    /// The memory the filter takes, in bytes.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.blocks.len() * size_of::<Block>()
    }

    /// The key's block, and the bit it sets in each of the block's words.
    fn place(&self, key: DocKey<'_>) -> (&Block, [u64; 8]) {
        let hash = key_hash(key);
        // The block from the hash's high bits (multiply-shift: no division, any count).
        let n_blocks = self.blocks.len() as u64;
        let index = ((u128::from(hash) * u128::from(n_blocks)) >> 64) as usize;
        // Bit positions from a remix of the hash, six bits a word.
        let bits = mix(hash);
        let mut masks = [0u64; 8];
        for (i, mask) in masks.iter_mut().enumerate() {
            *mask = 1 << ((bits >> (16 + 6 * i)) & 63);
        }
        (&self.blocks[index], masks)
    }
}

/// A 64-bit hash of a key, different for an id and a URL of the same text. Content
/// hashes are BLAKE3 already: their first eight bytes serve.
fn key_hash(key: DocKey<'_>) -> u64 {
    let (kind, bytes) = match key {
        DocKey::Hash(hash) => {
            let mut first = [0u8; 8];
            first.copy_from_slice(&hash.as_bytes()[..8]);
            return u64::from_le_bytes(first);
        }
        DocKey::Id(id) => (0u8, id.as_bytes()),
        DocKey::Url(url) => (1u8, url.as_bytes()),
    };
    // SipHash-1-3 with fixed keys: the same in every thread of the process (the filter
    // is never saved, so it need not be the same across builds).
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write_u8(kind);
    hasher.write(bytes);
    hasher.finish()
}

/// SplitMix64's finaliser: every output bit depends on every input bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The fewest keys a store's filter is planned for (3.75 MB): into an empty store, room
/// for about a million new articles (an id, a URL and a content hash each) before the
/// filter rules out noticeably less.
const MIN_PLANNED_KEYS: u64 = 3_000_000;

/// The key filter of one store, and whether it still covers what the store holds.
///
/// It does while no other connection has committed since it was built: the store's keys
/// then are those it was built from plus those the writer inserted (before committing
/// them). The writer checks [`EventStore::data_version`] before it trusts an "absent";
/// when another process wrote, the filter is no longer trusted for the rest of the run,
/// and the next run builds it again.
#[derive(Debug)]
pub(crate) struct StoreKeys {
    filter: KeyFilter,
    /// The store's data version before its keys were read.
    version: u64,
    trusted: AtomicBool,
}

impl StoreKeys {
    /// The filter of every key `store` holds, sized for twice as many (at least
    /// [`MIN_PLANNED_KEYS`]). `None` when the store cannot list its keys or tell when
    /// another connection writes.
    pub(crate) fn build(store: &dyn EventStore) -> faultline_store::Result<Option<StoreKeys>> {
        // The version first: whatever is committed after it makes the next check fail.
        let Some(version) = store.data_version()? else { return Ok(None) };
        let stats = store.stats()?;
        let stored = stats.articles.saturating_mul(3).saturating_add(stats.skips);
        let filter = KeyFilter::with_capacity(stored.saturating_mul(2).max(MIN_PLANNED_KEYS));
        if !store.keys(&mut |key| filter.insert(key))? {
            return Ok(None);
        }
        Ok(Some(StoreKeys { filter, version, trusted: AtomicBool::new(true) }))
    }

    /// Whether the filter can serve the next run into `store` as it is: still trusted, no
    /// other connection has written since, and not filled beyond its plan.
    pub(crate) fn still_serves(&self, store: &dyn EventStore) -> faultline_store::Result<bool> {
        Ok(self.trusted()
            && self.filter.inserted() <= self.filter.planned()
            && store.data_version()? == Some(self.version))
    }

    pub(crate) fn filter(&self) -> &KeyFilter {
        &self.filter
    }

    /// Whether the filter may be believed: as far as any thread knows, no other
    /// connection has written. Early lookups that see `false` ask the store.
    pub(crate) fn trusted(&self) -> bool {
        self.trusted.load(Ordering::Relaxed)
    }

    /// Whether the store certainly holds none of `keys`, as far as the filter can say
    /// without asking the store (early lookups: a wrong "no" would only cost work).
    pub(crate) fn rules_out(&self, keys: &[DocKey<'_>]) -> bool {
        self.trusted() && self.filter.rules_out(keys)
    }

    /// Stops trusting the filter when another connection has committed to `store` since
    /// it was built (the store thread asks after each batch it commits).
    pub(crate) fn notice_writers(&self, store: &dyn EventStore) -> faultline_store::Result<()> {
        if self.trusted() && store.data_version()? != Some(self.version) {
            self.trusted.store(false, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Whether the store certainly holds none of `keys`: the filter rules them all out,
    /// and no other connection has committed since the filter was built (else it is no
    /// longer trusted). For the writer, whose answer is final.
    pub(crate) fn certainly_absent(
        &self,
        keys: &[DocKey<'_>],
        store: &dyn EventStore,
    ) -> faultline_store::Result<bool> {
        if !self.rules_out(keys) {
            return Ok(false);
        }
        if store.data_version()? != Some(self.version) {
            self.trusted.store(false, Ordering::Relaxed);
            return Ok(false);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_store::ContentHash;
    use proptest::prelude::*;

    /// A key of each kind from random material.
    #[derive(Clone, Debug)]
    enum Key {
        Id(String),
        Url(String),
        Hash([u8; 32]),
    }

    impl Key {
        fn with<T>(&self, f: impl FnOnce(DocKey<'_>) -> T) -> T {
            match self {
                Key::Id(id) => f(DocKey::Id(id)),
                Key::Url(url) => f(DocKey::Url(url)),
                Key::Hash(bytes) => f(DocKey::Hash(&ContentHash(*bytes))),
            }
        }
    }

    fn key() -> impl Strategy<Value = Key> {
        prop_oneof![
            "\\PC{0,40}".prop_map(Key::Id),
            "https://[a-z.]{1,20}/\\PC{0,40}".prop_map(Key::Url),
            any::<[u8; 32]>().prop_map(Key::Hash),
        ]
    }

    proptest! {
        /// Never "absent" for a key inserted, however full the filter (down to one block
        /// for thousands of keys).
        #[test]
        fn an_inserted_key_is_never_ruled_out(
            capacity in 0u64..5_000,
            keys in prop::collection::vec(key(), 0..2_000),
        ) {
            let filter = KeyFilter::with_capacity(capacity);
            for key in &keys {
                key.with(|key| filter.insert(key));
            }
            for key in &keys {
                prop_assert!(key.with(|key| filter.may_hold(key)), "{key:?} ruled out");
            }
            prop_assert_eq!(filter.inserted(), keys.len() as u64);
        }
    }

    /// The share of `probes` fresh ids a filter of `inserted` ids (sized for `planned`)
    /// does not rule out.
    fn false_maybes(planned: u64, inserted: u64, probes: u64) -> f64 {
        let filter = KeyFilter::with_capacity(planned);
        for n in 0..inserted {
            filter.insert(DocKey::Id(&format!("wikinews-{n}")));
        }
        let maybes = (0..probes)
            .filter(|n| filter.may_hold(DocKey::Url(&format!("https://news.example/{n}"))))
            .count();
        maybes as f64 / probes as f64
    }

    #[test]
    fn few_false_maybes_at_the_planned_load_and_next_to_none_below() {
        let full = false_maybes(100_000, 100_000, 100_000);
        assert!(full < 0.015, "{full}");
        let tenth = false_maybes(100_000, 10_000, 100_000);
        assert!(tenth < 0.000_1, "{tenth}");
        // Three times overfilled it rules out less, still something.
        let over = false_maybes(10_000, 30_000, 10_000);
        assert!(over < 0.5, "{over}");
    }

    #[test]
    fn an_id_is_not_the_url_of_the_same_text() {
        let filter = KeyFilter::with_capacity(1_000);
        filter.insert(DocKey::Id("https://news.example/a-1"));
        assert!(filter.may_hold(DocKey::Id("https://news.example/a-1")));
        assert!(!filter.may_hold(DocKey::Url("https://news.example/a-1")));
    }

    #[test]
    fn keys_inserted_on_one_thread_are_seen_by_others_after_it() {
        let filter = KeyFilter::with_capacity(100_000);
        let ids: Vec<String> = (0..50_000).map(|n| format!("doc-{n}")).collect();
        std::thread::scope(|scope| {
            let writer = scope.spawn(|| ids.iter().for_each(|id| filter.insert(DocKey::Id(id))));
            // Readers meanwhile: whatever they see, they do not crash or block.
            for _ in 0..2 {
                scope.spawn(|| ids.iter().filter(|id| filter.may_hold(DocKey::Id(id))).count());
            }
            writer.join().unwrap();
            let seen = scope.spawn(|| ids.iter().all(|id| filter.may_hold(DocKey::Id(id))));
            assert!(seen.join().unwrap());
        });
    }
}
