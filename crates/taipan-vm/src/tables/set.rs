//! The set table of CPython 3.11 (`Objects/setobject.c`): open addressing
//! over 2**k slots (at least 8) of (hash, key), probing `LINEAR_PROBES` (9)
//! neighbours before jumping with `i = 5*i + 1 + perturb`, `perturb >>= 5`;
//! deleted keys leave dummies; `fill` counts active + dummy slots and the
//! table is rebuilt when `fill*5 >= mask*3`. Iteration is table order, so
//! doing CPython's operations in CPython's order gives CPython's `list(s)`.
//!
//! Generic over the key type and never calling user code. Lookups take a
//! pure comparison closure, or go step by step ([`SetTable::start_probe`],
//! [`SetTable::next_candidate`], [`SetTable::probe_still_valid`],
//! [`SetTable::insert_at_probe`]) when `__eq__` may run Python code.
//!
//! The set algebra (`merge`, `intersection`, `difference`, …) is written
//! here for pure comparisons, each mirroring one CPython function named in
//! its comment; with re-entrant `__eq__` the VM runs the same loops with the
//! step-wise API. The dict table is in `dict.rs`, hashing in `hash.rs`.

use super::dict::DictTable;

/// `LINEAR_PROBES`: neighbours scanned before a perturbed jump.
const LINEAR_PROBES: usize = 9;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// `PySet_MINSIZE`.
pub const MINSIZE: usize = 8;
/// The hash a dummy slot keeps (its key is gone).
const DUMMY_HASH: i64 = -1;

/// One slot: empty (no key, hash 0), dummy (no key, hash -1) or active.
#[derive(Clone, Debug)]
struct Slot<K> {
    hash: i64,
    key: Option<K>,
}

impl<K> Slot<K> {
    const EMPTY: Slot<K> = Slot { hash: 0, key: None };

    #[inline(always)]
    fn is_empty(&self) -> bool {
        self.key.is_none() && self.hash != DUMMY_HASH
    }

    #[inline(always)]
    fn is_dummy(&self) -> bool {
        self.key.is_none() && self.hash == DUMMY_HASH
    }
}

/// A lookup or insertion in progress (see the module comment).
#[derive(Clone, Copy, Debug)]
pub struct SetProbe {
    hash: i64,
    i: usize,
    perturb: u64,
    /// Offset in the current linear run and the run's last offset.
    j: usize,
    run: usize,
    /// Last dummy met (where an insertion goes), and the empty slot that
    /// ended the probe.
    freeslot: Option<usize>,
    end: Option<usize>,
    generation: u64,
    version: u64,
}

impl SetProbe {
    pub fn hash(&self) -> i64 {
        self.hash
    }
}

/// The set table: see the module comment.
#[derive(Clone, Debug)]
pub struct SetTable<K> {
    /// `mask + 1` slots, or none before the first insertion (then behaves
    /// as 8 empty slots).
    table: Vec<Slot<K>>,
    mask: usize,
    fill: usize,
    used: usize,
    /// Where `pop` resumes its search.
    finger: usize,
    version: u64,
    generation: u64,
}

impl<K> Default for SetTable<K> {
    fn default() -> Self {
        SetTable::new()
    }
}

/// The slot `hash` starts at, and the length of the linear run from slot `i`.
#[inline(always)]
fn run_len(i: usize, mask: usize) -> usize {
    if i + LINEAR_PROBES <= mask {
        LINEAR_PROBES
    } else {
        0
    }
}

#[inline(always)]
fn next_start(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= PERTURB_SHIFT;
    i.wrapping_mul(5).wrapping_add(1).wrapping_add(*perturb as usize) & mask
}

impl<K> SetTable<K> {
    /// An empty set (no allocation until the first insertion).
    pub fn new() -> SetTable<K> {
        SetTable {
            table: Vec::new(),
            mask: MINSIZE - 1,
            fill: 0,
            used: 0,
            finger: 0,
            version: 0,
            generation: 0,
        }
    }

    /// `len(s)`.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Number of slots (`mask + 1`).
    pub fn capacity(&self) -> usize {
        self.mask + 1
    }

    /// Active plus dummy slots.
    pub fn fill(&self) -> usize {
        self.fill
    }

    /// Changes whenever the set changes.
    pub fn version(&self) -> u64 {
        self.version
    }

    fn ensure_allocated(&mut self) {
        if self.table.is_empty() {
            self.table = (0..=self.mask).map(|_| Slot::EMPTY).collect();
        }
    }

    // -- lookups ----------------------------------------------------------

    /// `set_lookkey` for pure comparisons: the slot of the key with this
    /// hash for which `is_key` holds.
    pub fn find_with(&self, hash: i64, mut is_key: impl FnMut(&K) -> bool) -> Option<usize> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            for idx in i..=i + run_len(i, mask) {
                let e = &self.table[idx];
                match &e.key {
                    None if e.hash != DUMMY_HASH => return None,
                    Some(k) if e.hash == hash && is_key(k) => return Some(idx),
                    _ => {}
                }
            }
            i = next_start(i, &mut perturb, mask);
        }
    }

    /// `key in s` for pure comparisons.
    pub fn contains_with(&self, hash: i64, is_key: impl FnMut(&K) -> bool) -> bool {
        self.find_with(hash, is_key).is_some()
    }

    /// Starts a step-wise lookup or insertion of `hash`.
    pub fn start_probe(&self, hash: i64) -> SetProbe {
        let i = (hash as u64 as usize) & self.mask;
        SetProbe {
            hash,
            i,
            perturb: hash as u64,
            j: 0,
            run: run_len(i, self.mask),
            freeslot: None,
            end: if self.table.is_empty() { Some(i) } else { None },
            generation: self.generation,
            version: self.version,
        }
    }

    /// The next active slot with the probe's hash: (slot, key); `None` when
    /// an empty slot ends the probe (the key is absent). Callers compare
    /// identity, then `==`. A stale probe (table rebuilt) starts over.
    pub fn next_candidate(&self, p: &mut SetProbe) -> Option<(usize, &K)> {
        if p.generation != self.generation {
            *p = self.start_probe(p.hash);
        }
        p.version = self.version;
        while p.end.is_none() {
            if p.j > p.run {
                p.i = next_start(p.i, &mut p.perturb, self.mask);
                p.j = 0;
                p.run = run_len(p.i, self.mask);
            }
            let idx = p.i + p.j;
            p.j += 1;
            let e = &self.table[idx];
            match &e.key {
                Some(k) if e.hash == p.hash => return Some((idx, k)),
                Some(_) => {}
                None if e.is_dummy() => p.freeslot = Some(idx),
                None => p.end = Some(idx),
            }
        }
        None
    }

    /// After an `__eq__` call on the key in `slot` (recognised by `same`,
    /// an identity test): whether the probe may go on (`set_lookkey`'s
    /// "table != so->table || entry->key != startkey" check). If not, the
    /// caller restarts (in `set_add_entry`, a true `__eq__` counts first).
    pub fn probe_still_valid(&self, p: &SetProbe, slot: usize, same: impl FnOnce(&K) -> bool) -> bool {
        p.generation == self.generation && self.key_at(slot).is_some_and(same)
    }

    /// Inserts `key` where a finished probe (no match) says it goes: the
    /// last dummy on its path (as `set_add_entry` has it), else the empty
    /// slot that ended it. Gives
    /// the key back if the set changed since the probe ended (restart).
    pub fn insert_at_probe(&mut self, p: &SetProbe, key: K) -> Result<(), K> {
        if p.generation != self.generation || p.version != self.version {
            return Err(key);
        }
        let Some(end) = p.end else { return Err(key) };
        self.ensure_allocated();
        let target = p.freeslot.unwrap_or(end);
        if self.table[target].key.is_some() {
            return Err(key);
        }
        self.place(target, p.hash, key);
        Ok(())
    }

    /// Stores a new key in a free slot, updating counts and resizing as
    /// `set_add_entry` does.
    fn place(&mut self, idx: usize, hash: i64, key: K) {
        let was_empty = self.table[idx].is_empty();
        self.table[idx] = Slot { hash, key: Some(key) };
        self.used += 1;
        self.version += 1;
        if was_empty {
            self.fill += 1;
            if self.fill * 5 >= self.mask * 3 {
                self.resize(self.growth());
            }
        }
    }

    /// The `minused` of a growth resize: `used>50000 ? used*2 : used*4`.
    fn growth(&self) -> usize {
        if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    // -- access by slot -----------------------------------------------------

    /// The key in `slot`, if active.
    #[inline]
    pub fn key_at(&self, slot: usize) -> Option<&K> {
        self.table.get(slot)?.key.as_ref()
    }

    /// The hash stored in `slot`, if active.
    pub fn hash_at(&self, slot: usize) -> Option<i64> {
        let e = self.table.get(slot)?;
        e.key.as_ref().map(|_| e.hash)
    }

    /// The first active slot at or after `pos` (`set_next`; a set iterator
    /// keeps `slot + 1` and the length it started with: "Set changed size
    /// during iteration").
    pub fn next_entry(&self, pos: usize) -> Option<(usize, i64, &K)> {
        let rest = self.table.get(pos..)?;
        rest.iter().enumerate().find_map(|(i, e)| e.key.as_ref().map(|k| (pos + i, e.hash, k)))
    }

    /// Active entries in table order: (slot, hash, key).
    pub fn iter(&self) -> impl Iterator<Item = (usize, i64, &K)> + '_ {
        self.table.iter().enumerate().filter_map(|(i, e)| e.key.as_ref().map(|k| (i, e.hash, k)))
    }

    // -- mutation -------------------------------------------------------------

    /// `set_add_entry` for pure comparisons: true if `key` was added
    /// (false: an equal key is already there and is kept).
    pub fn add_with(&mut self, hash: i64, key: K, mut is_key: impl FnMut(&K) -> bool) -> bool {
        self.ensure_allocated();
        let mask = self.mask;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot = None;
        loop {
            for idx in i..=i + run_len(i, mask) {
                let e = &self.table[idx];
                match &e.key {
                    Some(k) if e.hash == hash && is_key(k) => return false,
                    Some(_) => {}
                    None if e.hash == DUMMY_HASH => freeslot = Some(idx),
                    None => {
                        self.place(freeslot.unwrap_or(idx), hash, key);
                        return true;
                    }
                }
            }
            i = next_start(i, &mut perturb, mask);
        }
    }

    /// Removes the key in `slot` (leaving a dummy) and returns it.
    pub fn remove_at(&mut self, slot: usize) -> Option<K> {
        let e = self.table.get_mut(slot)?;
        let key = e.key.take()?;
        e.hash = DUMMY_HASH;
        self.used -= 1;
        self.version += 1;
        Some(key)
    }

    /// `set_discard_entry` for pure comparisons: the removed key, if any.
    pub fn discard_with(&mut self, hash: i64, is_key: impl FnMut(&K) -> bool) -> Option<K> {
        let slot = self.find_with(hash, is_key)?;
        self.remove_at(slot)
    }

    /// `set.pop()` (`set_pop`): the first active slot from the finger on,
    /// wrapping around; the finger moves past it.
    pub fn pop(&mut self) -> Option<K> {
        if self.used == 0 {
            return None;
        }
        let mut i = self.finger & self.mask;
        while self.table[i].key.is_none() {
            i = if i == self.mask { 0 } else { i + 1 };
        }
        self.finger = i + 1;
        self.remove_at(i)
    }

    /// `set.clear()` (`set_clear_internal`): back to 8 empty slots (the
    /// finger stays). Returns the old contents to drop after the borrow.
    pub fn clear(&mut self) -> SetTable<K> {
        let fresh = SetTable {
            finger: self.finger,
            version: self.version + 1,
            generation: self.generation + 1,
            ..SetTable::new()
        };
        std::mem::replace(self, fresh)
    }

    /// `set_table_resize`: rebuilds into the smallest power of two (>= 8)
    /// above `minused`, re-inserting active keys in table order (except
    /// that an 8-slot table without dummies stays as it is).
    pub fn resize(&mut self, minused: usize) {
        let mut size = MINSIZE;
        while size <= minused && size < 1 << 62 {
            size <<= 1;
        }
        if size == MINSIZE && self.mask == MINSIZE - 1 && self.fill == self.used {
            return; // the small table has no dummies to purge
        }
        let old = std::mem::replace(&mut self.table, (0..size).map(|_| Slot::EMPTY).collect());
        self.mask = size - 1;
        self.fill = self.used;
        self.generation += 1;
        self.version += 1;
        for e in old {
            if let Some(k) = e.key {
                self.insert_clean(e.hash, k);
            }
        }
    }

    /// `set_insert_clean`: puts a key known to be absent into the first
    /// empty slot of its path (the table has no dummies to reuse).
    fn insert_clean(&mut self, hash: i64, key: K) {
        let mask = self.mask;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            for idx in i..=i + run_len(i, mask) {
                if self.table[idx].key.is_none() {
                    self.table[idx] = Slot { hash, key: Some(key) };
                    return;
                }
            }
            i = next_start(i, &mut perturb, mask);
        }
    }

    /// `set_swap_bodies` (used by `intersection_update`, `&=`): exchanges
    /// the tables and counts, but not the `pop` fingers.
    pub fn swap_bodies(&mut self, other: &mut SetTable<K>) {
        std::mem::swap(&mut self.table, &mut other.table);
        std::mem::swap(&mut self.mask, &mut other.mask);
        std::mem::swap(&mut self.fill, &mut other.fill);
        std::mem::swap(&mut self.used, &mut other.used);
        for t in [&mut *self, other] {
            t.generation += 1;
            t.version += 1;
        }
    }

    /// `hash(frozenset)` from the stored hashes (`frozenset_hash`).
    pub fn frozenset_hash(&self) -> i64 {
        super::hash::hash_frozenset(self.iter().map(|(_, h, _)| h))
    }
}

/// The set algebra for pure comparisons: `eq` must not touch the tables.
impl<K: Clone> SetTable<K> {
    /// `set_add_entry` with a two-key comparison.
    fn add_eq(&mut self, hash: i64, key: &K, eq: &mut impl FnMut(&K, &K) -> bool) -> bool {
        self.add_with(hash, key.clone(), |k| eq(k, key))
    }

    /// `set_merge(self, other)`: `s.update(t)`, `s | t`, `set(t)` for a set
    /// `t` (the caller skips `t is s`). One resize up front, then a slot
    /// copy, clean inserts or ordinary adds depending on the tables.
    pub fn merge(&mut self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask * 3 {
            self.resize((self.used + other.used) * 2);
        }
        self.ensure_allocated();
        if self.fill == 0 && self.mask == other.mask && other.fill == other.used {
            self.table.clone_from(&other.table);
            self.fill = other.fill;
            self.used = other.used;
            self.version += 1;
        } else if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            self.version += 1;
            for (_, hash, k) in other.iter() {
                self.insert_clean(hash, k.clone());
            }
        } else {
            for (_, hash, k) in other.iter() {
                self.add_eq(hash, k, &mut eq);
            }
        }
    }

    /// `set_update_internal` for a dict: `s.update(d)`, `set(d)`: one
    /// resize for `len(d)` more keys, then adds in dict order.
    pub fn update_from_dict<V>(&mut self, d: &DictTable<K, V>, mut eq: impl FnMut(&K, &K) -> bool) {
        if (self.fill + d.len()) * 5 >= self.mask * 3 {
            self.resize((self.used + d.len()) * 2);
        }
        for (_, hash, k, _) in d.iter() {
            self.add_eq(hash, k, &mut eq);
        }
    }

    /// `set_update_internal` for any other iterable: adds one by one.
    pub fn update_from_iter(
        &mut self,
        items: impl IntoIterator<Item = (i64, K)>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) {
        for (hash, k) in items {
            self.add_eq(hash, &k, &mut eq);
        }
    }

    /// `set.copy()` / `make_new_set(type, s)`: a new set merged from this one.
    pub fn copy(&self) -> SetTable<K> {
        let mut t = SetTable::new();
        t.merge(self, |_: &K, _: &K| false);
        t
    }

    /// `set_intersection` with a set: iterates the smaller set (the other
    /// one if sizes tie), adding its keys that the larger contains.
    /// The caller handles `s is t` (a copy).
    pub fn intersection(&self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) -> SetTable<K> {
        let (big, small) = if other.len() > self.len() { (other, self) } else { (self, other) };
        let mut result = SetTable::new();
        for (_, hash, k) in small.iter() {
            if big.contains_with(hash, |x| eq(x, k)) {
                result.add_eq(hash, k, &mut eq);
            }
        }
        result
    }

    /// `set_intersection` with an iterable (or a dict's keys).
    pub fn intersection_iter(
        &self,
        items: impl IntoIterator<Item = (i64, K)>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        let mut result = SetTable::new();
        for (hash, k) in items {
            if self.contains_with(hash, |x| eq(x, &k)) {
                result.add_eq(hash, &k, &mut eq);
            }
        }
        result
    }

    /// `set_intersection_update` (`s &= t`, `s.intersection_update(t)`):
    /// the intersection's body replaces this set's.
    pub fn intersection_update(&mut self, other: &SetTable<K>, eq: impl FnMut(&K, &K) -> bool) {
        let mut tmp = self.intersection(other, eq);
        self.swap_bodies(&mut tmp);
    }

    /// `set_intersection_update` with an iterable.
    pub fn intersection_update_iter(
        &mut self,
        items: impl IntoIterator<Item = (i64, K)>,
        eq: impl FnMut(&K, &K) -> bool,
    ) {
        let mut tmp = self.intersection_iter(items, eq);
        self.swap_bodies(&mut tmp);
    }

    /// `set_difference_update_internal` with a set (the caller turns
    /// `s -= s` into a clear): when `other` is more than 8 times larger,
    /// discards the keys of `self & other` instead; then drops dummies if
    /// they are more than a quarter of the table.
    pub fn difference_update(&mut self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) {
        if (other.len() >> 3) > self.len() {
            let common = self.intersection(other, &mut eq);
            self.discard_all(common.iter().map(|(_, h, k)| (h, k)), &mut eq);
        } else {
            self.discard_all(other.iter().map(|(_, h, k)| (h, k)), &mut eq);
        }
        self.shrink_dummies();
    }

    /// `set_difference_update_internal` with an iterable.
    pub fn difference_update_iter(
        &mut self,
        items: impl IntoIterator<Item = (i64, K)>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) {
        for (hash, k) in items {
            self.discard_with(hash, |x| eq(x, &k));
        }
        self.shrink_dummies();
    }

    fn discard_all<'a>(
        &mut self,
        items: impl Iterator<Item = (i64, &'a K)>,
        eq: &mut impl FnMut(&K, &K) -> bool,
    ) where
        K: 'a,
    {
        for (hash, k) in items {
            self.discard_with(hash, |x| eq(x, k));
        }
    }

    /// The end of `set_difference_update_internal`.
    fn shrink_dummies(&mut self) {
        if self.fill - self.used > self.mask / 4 {
            self.resize(self.growth());
        }
    }

    /// `set_difference` with a set (`s - t`, `s.difference(t)`): when
    /// `len(s)/4 > len(t)`, copy then remove (`set_copy_and_difference`),
    /// else add the keys of `s` not in `t` to a new set.
    pub fn difference(&self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) -> SetTable<K> {
        if (self.len() >> 2) > other.len() {
            let mut result = self.copy();
            result.difference_update(other, eq);
            return result;
        }
        let mut result = SetTable::new();
        for (_, hash, k) in self.iter() {
            if !other.contains_with(hash, |x| eq(x, k)) {
                result.add_eq(hash, k, &mut eq);
            }
        }
        result
    }

    /// `set_difference` with a dict (`s.difference(d)`).
    pub fn difference_dict<V>(&self, d: &DictTable<K, V>, mut eq: impl FnMut(&K, &K) -> bool) -> SetTable<K> {
        if (self.len() >> 2) > d.len() {
            let mut result = self.copy();
            result.difference_update_iter(d.iter().map(|(_, h, k, _)| (h, k.clone())), eq);
            return result;
        }
        let mut result = SetTable::new();
        for (_, hash, k) in self.iter() {
            if d.find_with(hash, |x| eq(x, k)).is_none() {
                result.add_eq(hash, k, &mut eq);
            }
        }
        result
    }

    /// `set_copy_and_difference`: `s.difference(iterable)`.
    pub fn difference_iter(
        &self,
        items: impl IntoIterator<Item = (i64, K)>,
        eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        let mut result = self.copy();
        result.difference_update_iter(items, eq);
        result
    }

    /// `set_symmetric_difference_update` with a set (`s ^= t`; the caller
    /// turns `s ^= s` into a clear): for each key of `other` in its table
    /// order, discard it here, or add it if absent.
    pub fn symmetric_difference_update(&mut self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) {
        for (_, hash, k) in other.iter() {
            self.toggle(hash, k, &mut eq);
        }
    }

    /// `set_symmetric_difference_update` with a dict: toggles in dict order.
    pub fn symmetric_difference_update_dict<V>(
        &mut self,
        d: &DictTable<K, V>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) {
        for (_, hash, k, _) in d.iter() {
            self.toggle(hash, k, &mut eq);
        }
    }

    /// `set_symmetric_difference_update` with an iterable: builds a set of
    /// it first, then toggles in that set's order.
    pub fn symmetric_difference_update_iter(
        &mut self,
        items: impl IntoIterator<Item = (i64, K)>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) {
        let mut other = SetTable::new();
        other.update_from_iter(items, &mut eq);
        self.symmetric_difference_update(&other, eq);
    }

    fn toggle(&mut self, hash: i64, key: &K, eq: &mut impl FnMut(&K, &K) -> bool) {
        if self.discard_with(hash, |x| eq(x, key)).is_none() {
            self.add_with(hash, key.clone(), |_| false);
        }
    }

    /// `set_symmetric_difference` (`s ^ t`, `s.symmetric_difference(t)`):
    /// a copy of `other` (`make_new_set`), updated with `self`'s keys.
    pub fn symmetric_difference(
        &self,
        other: &SetTable<K>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        let mut result = SetTable::new();
        result.merge(other, &mut eq);
        result.symmetric_difference_update(self, eq);
        result
    }

    /// `set_or` / `set_union` with a set: a copy of `self` merged with `other`.
    pub fn union(&self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) -> SetTable<K> {
        let mut result = self.copy();
        result.merge(other, &mut eq);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_of(keys: &[i64]) -> SetTable<i64> {
        let mut s = SetTable::new();
        for &k in keys {
            s.add_with(k, k, |&x| x == k);
        }
        s
    }

    fn order(s: &SetTable<i64>) -> Vec<i64> {
        s.iter().map(|(_, _, &k)| k).collect()
    }

    #[test]
    fn dummies_are_reused_and_pop_uses_the_finger() {
        // CPython 3.11: s={1,2}; s.discard(1); s.add(9) → [9, 2]
        let mut s = set_of(&[1, 2]);
        assert_eq!(s.discard_with(1, |&x| x == 1), Some(1));
        s.add_with(9, 9, |&x| x == 9);
        assert_eq!(order(&s), [9, 2]);
        // s=set(range(5)); pop; pop; clear; update([1,2,3]); pop → 2
        let mut s = set_of(&[0, 1, 2, 3, 4]);
        s.pop();
        s.pop();
        let _old = s.clear();
        for k in [1, 2, 3] {
            s.add_with(k, k, |&x| x == k);
        }
        assert_eq!(s.pop(), Some(2));
    }

    #[test]
    fn stepwise_insert() {
        let mut s = set_of(&[1, 9, 17]);
        let mut p = s.start_probe(25);
        while s.next_candidate(&mut p).is_some() {}
        assert!(s.insert_at_probe(&p, 25).is_ok());
        assert_eq!(order(&s), [1, 25, 9, 17]); // CPython 3.11's list(s)
        let mut empty = SetTable::new();
        let mut p = empty.start_probe(3);
        assert!(empty.next_candidate(&mut p).is_none());
        assert!(empty.insert_at_probe(&p, 3).is_ok());
        assert_eq!(order(&empty), [3]);
    }
}
