//! The customer codes an import knows, in a map built for millions of
//! lookups: a fast hash, and codes kept inline in the table.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

use crate::domain::customer::CustomerId;

/// The multiply-rotate hash of rustc (`FxHasher`), with a final mix:
/// several times faster than the default SipHash on short keys such as
/// customer codes. Its weakness against keys crafted to collide does not
/// matter for a file the user chose to import.
#[derive(Clone, Copy, Default)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    /// Mixes the high bits into the low ones (MurmurHash3's finaliser):
    /// the multiply-rotate steps alone leave the low bits, which pick the
    /// bucket, depending on only a few input bytes.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// A code of at most 23 bytes kept inside the map's own table (its length,
/// then its bytes, then zeros), so that neither loading nor looking one up
/// follows a pointer or allocates.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct ShortCode([u8; 24]);

impl ShortCode {
    /// The key of `code`; `None` when it is 24 bytes or longer.
    pub(super) fn new(code: &str) -> Option<Self> {
        let bytes = code.as_bytes();
        let len = u8::try_from(bytes.len()).ok().filter(|n| *n < 24)?;
        let mut key = [0u8; 24];
        key[0] = len;
        key[1..=bytes.len()].copy_from_slice(bytes);
        Some(Self(key))
    }
}

impl Hash for ShortCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for word in self.0.chunks_exact(8) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(word);
            state.write_u64(u64::from_le_bytes(bytes));
        }
    }
}

/// A map keyed by customer code: short codes inline, longer ones boxed.
pub(super) struct CodeMap<V> {
    short: HashMap<ShortCode, V, Fx>,
    long: HashMap<Box<str>, V, Fx>,
}

impl<V> CodeMap<V> {
    pub(super) fn with_capacity(n: usize) -> Self {
        Self {
            short: HashMap::with_capacity_and_hasher(n, Fx::default()),
            long: HashMap::default(),
        }
    }

    pub(super) fn get(&self, code: &str) -> Option<&V> {
        match ShortCode::new(code) {
            Some(key) => self.short.get(&key),
            None => self.long.get(code),
        }
    }

    pub(super) fn insert(&mut self, code: &str, value: V) {
        match ShortCode::new(code) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(code.into(), value),
        };
    }

    pub(super) fn remove(&mut self, code: &str) {
        match ShortCode::new(code) {
            Some(key) => self.short.remove(&key),
            None => self.long.remove(code),
        };
    }

    pub(super) fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

/// The customer codes an import knows: those of the database when it
/// started (shared with the reading thread, which looks up the plain rows'
/// customers there, see [`ReadyTransaction`]), and those the import added.
/// `None`: a trashed customer's code, known but not usable.
pub(super) struct KnownCodes {
    pub(super) stored: Arc<CodeMap<Option<CustomerId>>>,
    pub(super) added: CodeMap<Option<CustomerId>>,
}

impl KnownCodes {
    pub(super) fn get(&self, code: &str) -> Option<&Option<CustomerId>> {
        if self.added.is_empty() {
            return self.stored.get(code);
        }
        self.added.get(code).or_else(|| self.stored.get(code))
    }

    pub(super) fn contains_key(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    pub(super) fn insert(&mut self, code: &str, id: Option<CustomerId>) {
        self.added.insert(code, id);
    }

    /// Forgets a code this import added.
    pub(super) fn remove(&mut self, code: &str) {
        self.added.remove(code);
    }
}
