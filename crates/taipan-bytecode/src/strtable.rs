//! `StrTable`: strings (by their bytes, borrowed) → small values, for the
//! tables that see every string of a module once per occurrence: marshal's
//! back-references when a `.pyc` is written (`marshal.rs`) and the VM's
//! conversion of a module's code (one `str` per distinct name). Such a
//! table makes hundreds of thousands of lookups per large import, nearly all
//! of short names and most of them hits, so it is leaner than a general map:
//! the hash (`fasthash.rs`'s, not keyed: tables live one module) is
//! computed once per lookup, kept beside the entry and compared first; the
//! probe array holds 4-byte entry numbers (linear probing, half full at
//! most); there is no removal.

use crate::fasthash::FastHasher;
use std::hash::Hasher;

/// A map from borrowed string bytes to `V`, insert-only.
pub struct StrTable<'a, V> {
    /// Entry number + 1 per slot (0: empty); a power of two long.
    slots: Vec<u32>,
    entries: Vec<Entry<'a, V>>,
}

struct Entry<'a, V> {
    hash: u64,
    key: &'a [u8],
    value: V,
}

/// What [`StrTable::find_or_insert`] found.
pub enum Found<'t, V> {
    /// The key was there: its value.
    Known(&'t V),
    /// The key was not there and has been added with this value.
    Added(&'t V),
}

impl<'a, V> Default for StrTable<'a, V> {
    fn default() -> Self {
        StrTable::with_capacity(0)
    }
}

impl<'a, V> StrTable<'a, V> {
    /// A table for about `n` strings before it grows.
    pub fn with_capacity(n: usize) -> Self {
        let slots = (2 * n).next_power_of_two().max(16);
        StrTable { slots: vec![0; slots], entries: Vec::with_capacity(n) }
    }

    /// How many strings it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key`, adding `make()` first if it is not there.
    #[inline]
    pub fn find_or_insert(&mut self, key: &'a [u8], make: impl FnOnce() -> V) -> Found<'_, V> {
        let hash = hash_of(key);
        let mask = self.slots.len() - 1;
        let mut slot = home(hash, mask);
        loop {
            match self.slots[slot] {
                0 => break,
                n => {
                    let entry = &self.entries[n as usize - 1];
                    if entry.hash == hash && entry.key == key {
                        return Found::Known(&self.entries[n as usize - 1].value);
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        self.entries.push(Entry { hash, key, value: make() });
        self.slots[slot] = self.entries.len() as u32;
        if 2 * self.entries.len() > self.slots.len() {
            self.grow();
        }
        Found::Added(&self.entries[self.entries.len() - 1].value)
    }

    /// Doubles the probe array and places every entry again.
    #[cold]
    fn grow(&mut self) {
        let size = 2 * self.slots.len();
        self.slots.clear();
        self.slots.resize(size, 0);
        let mask = size - 1;
        for (n, entry) in self.entries.iter().enumerate() {
            let mut slot = home(entry.hash, mask);
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = n as u32 + 1;
        }
    }
}

#[inline]
fn hash_of(key: &[u8]) -> u64 {
    let mut hasher = FastHasher::default();
    hasher.write(key);
    hasher.finish()
}

/// The first slot to probe: the hash's top bits (its last step is a
/// multiply, which spreads a difference in the input only upwards).
#[inline]
fn home(hash: u64, mask: usize) -> usize {
    (hash >> (64 - mask.count_ones())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_it_added_across_growth() {
        let words: Vec<String> = (0..5000).map(|i| format!("name_{i}")).collect();
        let mut table = StrTable::default();
        for (i, w) in words.iter().enumerate() {
            assert!(matches!(table.find_or_insert(w.as_bytes(), || i), Found::Added(&v) if v == i));
        }
        for (i, w) in words.iter().enumerate() {
            assert!(matches!(table.find_or_insert(w.as_bytes(), || 0), Found::Known(&v) if v == i));
        }
        assert_eq!(table.len(), words.len());
        assert!(matches!(table.find_or_insert(b"", || 7), Found::Added(&7)));
        assert!(matches!(table.find_or_insert(b"", || 8), Found::Known(&7)));
    }
}
