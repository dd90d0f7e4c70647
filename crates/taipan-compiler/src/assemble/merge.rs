//! Merging equal constants and tables across one compilation (a module and
//! every code object nested in it), as CPython's compiler does with its
//! per-compilation constant cache (`merge_const_one`): equal `co_consts`
//! tuples, name tuples, byte strings (`co_code`, `co_linetable`,
//! `co_exceptiontable`, `co_localspluskinds`) and nested constants (tuples,
//! frozensets, bytes, big ints) become one shared `Arc`. Marshal then
//! writes each once and refers back to it (`marshal.rs` shares by `Arc`
//! identity), and whoever reads or runs the code holds one copy.
//!
//! Constants are keyed as CPython keys them (`_PyCode_ConstantKey`, here
//! [`ConstantKey`]): by type and exact value, so `(1,)`, `(1.0,)` and
//! `(True,)` stay distinct. Each table maps the hash of an object's
//! contents to the first object with that hash: an object is hashed once, and on a hit compared once.
//! Two different objects with one hash (rare) are simply not shared. A `co_consts` that holds a code object is never
//! equal to another (code objects compare by identity) and is not looked
//! up.
//!
//! The cache must be dropped before the code is marshalled: the writer
//! flags an `Arc` held more than once, and the cache's own hold would flag
//! everything.

use std::collections::hash_map::Entry;
use std::hash::Hasher;
use std::sync::Arc;
use taipan_bytecode::fasthash::{FastHashMap, FastHasher};
use taipan_bytecode::{Constant, ConstantKey, PyString};

/// The shared objects of one compilation, by the hash of their contents.
pub struct ConstCache {
    /// Nested constants (tuples, frozensets, bytes, big ints).
    consts: FastHashMap<u64, Constant>,
    /// `co_consts` tuples.
    tables: FastHashMap<u64, Arc<[Constant]>>,
    /// `co_code`, the location and exception tables, the local kinds.
    bytes: FastHashMap<u64, Arc<[u8]>>,
    /// `co_names` and `co_localsplusnames`.
    names: FastHashMap<u64, Arc<[PyString]>>,
    /// The empty byte string (most exception tables) and name tuple,
    /// shared without hashing.
    empty_bytes: Arc<[u8]>,
    empty_names: Arc<[PyString]>,
}

impl Default for ConstCache {
    /// Tables sized for a typical module (a hundred code objects).
    fn default() -> Self {
        ConstCache {
            consts: FastHashMap::default(),
            tables: FastHashMap::with_capacity_and_hasher(64, Default::default()),
            bytes: FastHashMap::with_capacity_and_hasher(128, Default::default()),
            names: FastHashMap::with_capacity_and_hasher(64, Default::default()),
            empty_bytes: Arc::from([]),
            empty_names: Arc::from([]),
        }
    }
}

impl ConstCache {
    /// The shared byte string equal to `bytes`.
    pub fn bytes(&mut self, bytes: Vec<u8>) -> Arc<[u8]> {
        if bytes.is_empty() {
            return self.empty_bytes.clone();
        }
        shared_slice(&mut self.bytes, crate::names::hash(&bytes), bytes)
    }

    /// The shared name tuple equal to `names`.
    pub fn names(&mut self, names: Vec<PyString>) -> Arc<[PyString]> {
        if names.is_empty() {
            return self.empty_names.clone();
        }
        let hash = names.iter().fold(0u64, |h, name| h.rotate_left(17) ^ crate::names::hash(name.as_wtf8()));
        shared_slice(&mut self.names, hash, names)
    }

    /// The shared `co_consts` tuple equal to `consts`, its items merged.
    pub fn consts(&mut self, consts: Vec<Constant>) -> Arc<[Constant]> {
        let items: Vec<Constant> = if consts.iter().any(shareable) {
            consts.into_iter().map(|c| self.constant(c)).collect()
        } else {
            consts
        };
        if items.iter().any(|c| matches!(c, Constant::Code(_))) {
            return items.into();
        }
        let same = |known: &[Constant]| {
            known.len() == items.len() && known.iter().zip(&items).all(|(a, b)| ConstantKey::same(a, b))
        };
        match self.tables.entry(items_hash(&items)) {
            Entry::Occupied(e) if same(e.get()) => e.get().clone(),
            Entry::Occupied(_) => items.into(),
            Entry::Vacant(e) => e.insert(items.into()).clone(),
        }
    }

    /// `c`, or the equal constant met before if it is one that marshal can
    /// share (the others are plain values).
    fn constant(&mut self, c: Constant) -> Constant {
        if !shareable(&c) {
            return c;
        }
        let hash = ConstantKey::hash_of(&c);
        if let Some(known) = self.consts.get(&hash) {
            return if ConstantKey::same(known, &c) { known.clone() } else { c };
        }
        let merged = match c {
            Constant::Tuple(items) => Constant::Tuple(self.items(items)),
            Constant::FrozenSet(items) => Constant::FrozenSet(self.items(items)),
            other => other,
        };
        self.consts.insert(hash, merged.clone());
        merged
    }

    /// The items of a tuple or frozenset, merged (the same `Arc` when none
    /// of them can be shared).
    fn items(&mut self, items: Arc<[Constant]>) -> Arc<[Constant]> {
        if !items.iter().any(shareable) {
            return items;
        }
        items.iter().map(|c| self.constant(c.clone())).collect()
    }
}

/// Whether marshal can share `c` (it is held by an `Arc`).
fn shareable(c: &Constant) -> bool {
    matches!(c, Constant::Tuple(_) | Constant::FrozenSet(_) | Constant::Bytes(_) | Constant::BigInt(_))
}

/// The hash of a `co_consts` tuple: its items' key hashes.
fn items_hash(items: &[Constant]) -> u64 {
    let mut h = FastHasher::default();
    for c in items {
        h.write_u64(ConstantKey::hash_of(c));
    }
    h.finish()
}

/// The `Arc` in `table` (keyed by `hash`) equal to `items`, added if new.
fn shared_slice<T: Eq>(table: &mut FastHashMap<u64, Arc<[T]>>, hash: u64, items: Vec<T>) -> Arc<[T]> {
    match table.entry(hash) {
        Entry::Occupied(e) if **e.get() == *items => e.get().clone(),
        Entry::Occupied(_) => items.into(),
        Entry::Vacant(e) => e.insert(items.into()).clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple(items: Vec<Constant>) -> Constant {
        Constant::tuple(items)
    }

    fn same(a: &Constant, b: &Constant) -> bool {
        match (a, b) {
            (Constant::Tuple(x), Constant::Tuple(y)) => Arc::ptr_eq(x, y),
            _ => false,
        }
    }

    #[test]
    fn equal_tables_are_one_arc() {
        let mut cache = ConstCache::default();
        let a = cache.bytes(vec![1, 2, 3]);
        let b = cache.bytes(vec![1, 2, 3]);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &cache.bytes(vec![1, 2])));
        let names = || vec![PyString::from("self"), PyString::from("x")];
        assert!(Arc::ptr_eq(&cache.names(names()), &cache.names(names())));
    }

    #[test]
    fn names_differing_inside_are_not_merged() {
        let mut cache = ConstCache::default();
        let long = |middle: &str| vec![PyString::from(format!("prefix__{middle}__suffix").as_str())];
        let a = cache.names(long("a"));
        let b = cache.names(long("b"));
        assert!(!Arc::ptr_eq(&a, &b));
        assert_eq!(b[0].as_str(), Some("prefix__b__suffix"));
        // The first of the colliding tuples stays the shared one.
        assert!(Arc::ptr_eq(&a, &cache.names(long("a"))));
    }

    #[test]
    fn constants_merge_by_type_and_value() {
        let mut cache = ConstCache::default();
        let one = || tuple(vec![Constant::Int(1)]);
        let first = cache.consts(vec![Constant::None, one()]);
        let second = cache.consts(vec![Constant::None, one()]);
        assert!(Arc::ptr_eq(&first, &second));
        // The nested tuple is shared with the one in another table.
        let other = cache.consts(vec![one(), Constant::str("x")]);
        assert!(same(&first[1], &other[0]));
        // 1, 1.0 and True stay apart; so do 0.0 and -0.0.
        let float = cache.consts(vec![Constant::None, tuple(vec![Constant::Float(1.0)])]);
        let boolean = cache.consts(vec![Constant::None, tuple(vec![Constant::Bool(true)])]);
        assert!(!Arc::ptr_eq(&first, &float) && !Arc::ptr_eq(&first, &boolean));
        assert_eq!(float[1], tuple(vec![Constant::Float(1.0)]));
        let zero = cache.consts(vec![Constant::Float(0.0)]);
        let negative = cache.consts(vec![Constant::Float(-0.0)]);
        assert!(!Arc::ptr_eq(&zero, &negative));
        assert!(matches!(negative[0], Constant::Float(x) if x.is_sign_negative()));
    }
}
