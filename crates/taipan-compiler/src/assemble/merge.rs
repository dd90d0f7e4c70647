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
//! `(True,)` stay distinct. Each object is hashed once when looked up (and
//! again only when it is new); CPython does the same.
//!
//! The cache must be dropped before the code is marshalled: the writer
//! flags an `Arc` held more than once, and the cache's own hold would flag
//! everything.

use std::hash::Hash;
use std::sync::Arc;
use taipan_bytecode::fasthash::FastHashSet;
use taipan_bytecode::{Constant, ConstantKey, PyString};

/// The shared objects of one compilation, by content.
#[derive(Default)]
pub struct ConstCache {
    /// Nested constants and `co_consts` tuples.
    consts: FastHashSet<ConstantKey>,
    /// `co_code`, the location and exception tables, the local kinds.
    bytes: FastHashSet<Arc<[u8]>>,
    /// `co_names` and `co_localsplusnames`.
    names: FastHashSet<Arc<[PyString]>>,
}

impl ConstCache {
    /// The shared byte string equal to `bytes`.
    pub fn bytes(&mut self, bytes: Vec<u8>) -> Arc<[u8]> {
        shared_slice(&mut self.bytes, bytes)
    }

    /// The shared name tuple equal to `names`.
    pub fn names(&mut self, names: Vec<PyString>) -> Arc<[PyString]> {
        shared_slice(&mut self.names, names)
    }

    /// The shared `co_consts` tuple equal to `consts`, its items merged.
    pub fn consts(&mut self, consts: Vec<Constant>) -> Arc<[Constant]> {
        let items: Arc<[Constant]> = consts.into_iter().map(|c| self.constant(c)).collect();
        match self.shared(Constant::Tuple(items.clone())) {
            Constant::Tuple(known) => known,
            _ => items,
        }
    }

    /// `c`, or the equal constant met before if it is one that marshal can
    /// share (the others are plain values).
    fn constant(&mut self, c: Constant) -> Constant {
        match c {
            Constant::Tuple(items) => {
                let items = self.items(items);
                self.shared(Constant::Tuple(items))
            }
            Constant::FrozenSet(items) => {
                let items = self.items(items);
                self.shared(Constant::FrozenSet(items))
            }
            Constant::Bytes(_) | Constant::BigInt(_) => self.shared(c),
            other => other,
        }
    }

    /// The items of a tuple or frozenset, merged (the same `Arc` when none
    /// of them can be shared).
    fn items(&mut self, items: Arc<[Constant]>) -> Arc<[Constant]> {
        let shareable = |c: &Constant| {
            matches!(
                c,
                Constant::Tuple(_) | Constant::FrozenSet(_) | Constant::Bytes(_) | Constant::BigInt(_)
            )
        };
        if !items.iter().any(shareable) {
            return items;
        }
        items.iter().map(|c| self.constant(c.clone())).collect()
    }

    /// The constant with `c`'s key met first.
    fn shared(&mut self, c: Constant) -> Constant {
        let key = ConstantKey(c);
        if let Some(known) = self.consts.get(&key) {
            return known.0.clone();
        }
        let c = key.0.clone();
        self.consts.insert(key);
        c
    }
}

/// The `Arc` in `table` equal to `items`, added if new.
fn shared_slice<T: Eq + Hash>(table: &mut FastHashSet<Arc<[T]>>, items: Vec<T>) -> Arc<[T]> {
    if let Some(known) = table.get(items.as_slice()) {
        return known.clone();
    }
    let new: Arc<[T]> = items.into();
    table.insert(new.clone());
    new
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
        assert!(
            negative[0] == Constant::Float(-0.0)
                && matches!(negative[0], Constant::Float(x) if x.is_sign_negative())
        );
    }
}
