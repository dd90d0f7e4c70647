//! A fast, unkeyed hasher for the compiler's and marshal's own tables
//! (identifiers → slots, constants → indices, strings → back-references).
//! Those tables hash millions of short keys per large import, where the
//! standard library's SipHash-1-3 costs more than the rest of the lookup;
//! this one mixes a word at a time with one rotate, xor and multiply (the
//! scheme of rustc's "Fx" hasher).
//!
//! It is not resistant to crafted collisions: use it only for tables whose
//! worst case is a slower compilation of the input that contains them,
//! never for tables that outlive one compilation or are shared.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The multiplier: an odd constant with well-spread bits.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state: one word.
#[derive(Clone, Copy, Default)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FastHasher`]s.
pub type FastBuildHasher = BuildHasherDefault<FastHasher>;
/// A `HashMap` with [`FastHasher`].
pub type FastHashMap<K, V> = HashMap<K, V, FastBuildHasher>;
/// A `HashSet` with [`FastHasher`].
pub type FastHashSet<K> = HashSet<K, FastBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash_of(value: impl Hash) -> u64 {
        FastBuildHasher::default().hash_one(value)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        assert_eq!(hash_of("func_12"), hash_of(String::from("func_12")));
        let names = ["a", "b", "ab", "ba", "func_1", "func_10", "CONST_1", "CONST_10", "", "\0"];
        let hashes: FastHashSet<u64> = names.iter().map(hash_of).collect();
        assert_eq!(hashes.len(), names.len());
        // A trailing NUL byte must not collide with the shorter key.
        assert_ne!(hash_of(&b"abcdefgh"[..]), hash_of(&b"abcdefgh\0"[..]));
    }

    #[test]
    fn works_as_a_map() {
        let mut map: FastHashMap<String, usize> = FastHashMap::default();
        for i in 0..1000 {
            map.insert(format!("name_{i}"), i);
        }
        assert!((0..1000).all(|i| map[&format!("name_{i}")] == i));
    }
}
