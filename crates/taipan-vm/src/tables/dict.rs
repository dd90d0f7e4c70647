//! The compact, insertion-ordered dict table of CPython 3.11
//! (`Objects/dictobject.c`, combined tables): an index table of 2**k slots
//! (i8/i16/i32/i64 wide by size) holding positions into a dense entry array
//! of (hash, key, value), with `DKIX_EMPTY`/`DKIX_DUMMY` slots, CPython's
//! probe sequence (`i = 5*i + perturb + 1`, `perturb >>= 5`), its growth
//! rule (`used*3`) and 2/3 load, holes on delete and compaction on resize.
//!
//! The table is generic over the key and value types and never calls back
//! into user code: keys are compared by the caller. Two lookup styles:
//! - [`DictTable::find_with`]: for comparisons without side effects (`str`
//!   keys, identity, small ints): one call, no restart logic;
//! - the step-wise [`DictTable::start_probe`] / [`DictTable::next_candidate`]
//!   / [`DictTable::probe_still_valid`], for `__eq__` that may run Python code
//!   and even mutate this dict: the caller clones the candidate key, releases
//!   its borrow, compares, re-borrows and checks the probe before trusting the
//!   answer, restarting the lookup if the table was rebuilt (as `lookdict` does).
//!
//! Removing entries hands the key and value back to the caller, so that their
//! destructors (which may run `__del__`) run after the table is released.
//! The set table, with its own probing, is in `set.rs`; hashing in `hash.rs`.

/// An index slot that never held an entry (ends a probe).
pub const DKIX_EMPTY: i64 = -1;
/// An index slot whose entry was deleted (probes go on past it).
pub const DKIX_DUMMY: i64 = -2;
/// `PyDict_LOG_MINSIZE`: the smallest non-empty table has 8 slots.
const LOG_MINSIZE: u8 = 3;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// `_PyDict_NewPresized` never presizes beyond 2**17 slots.
const LOG_MAX_PRESIZE: u8 = 17;

/// `USABLE_FRACTION`: how many entries a table of `n` slots may hold.
#[inline]
pub const fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// `calculate_log2_keysize` (64-bit build): `bit_length(((n | 8) - 1) | 7)`,
/// which is at least 3 and, below 8, rounds 6 up to 16 slots (not 8).
fn log2_keysize(minsize: usize) -> u8 {
    let n = ((minsize | (1 << LOG_MINSIZE)) - 1) | ((1 << LOG_MINSIZE) - 1);
    (usize::BITS - n.leading_zeros()).min(62) as u8
}

/// `estimate_log2_keysize`: a table size that holds `n` entries.
fn estimate_log2_keysize(n: usize) -> u8 {
    log2_keysize(n.saturating_mul(3).saturating_add(1) / 2)
}

/// The index table, its width chosen by size as `dictkeys_get_index` does.
#[derive(Clone, Debug)]
enum Indices {
    I8(Box<[i8]>),
    I16(Box<[i16]>),
    I32(Box<[i32]>),
    I64(Box<[i64]>),
}

impl Indices {
    /// A table of 2**log2 slots, all `DKIX_EMPTY` (log2 0: no slots at all,
    /// the shared empty table of a new dict; no allocation).
    fn new(log2: u8) -> Indices {
        if log2 == 0 {
            return Indices::I8(Box::new([]));
        }
        let n = 1usize << log2;
        match log2 {
            0..=7 => Indices::I8(vec![-1; n].into_boxed_slice()),
            8..=15 => Indices::I16(vec![-1; n].into_boxed_slice()),
            16..=31 => Indices::I32(vec![-1; n].into_boxed_slice()),
            _ => Indices::I64(vec![-1; n].into_boxed_slice()),
        }
    }

    /// The entry position at slot `i` (or `DKIX_EMPTY`/`DKIX_DUMMY`).
    #[inline(always)]
    fn get(&self, i: usize) -> i64 {
        match self {
            Indices::I8(t) => t.get(i).map_or(DKIX_EMPTY, |&x| x as i64),
            Indices::I16(t) => t.get(i).map_or(DKIX_EMPTY, |&x| x as i64),
            Indices::I32(t) => t.get(i).map_or(DKIX_EMPTY, |&x| x as i64),
            Indices::I64(t) => t.get(i).map_or(DKIX_EMPTY, |&x| x),
        }
    }

    /// Stores an entry position (or `DKIX_DUMMY`) at slot `i`; positions
    /// always fit the width, which `new` chose for the table's usable size.
    #[inline(always)]
    fn set(&mut self, i: usize, ix: i64) {
        match self {
            Indices::I8(t) => t[i] = ix as i8,
            Indices::I16(t) => t[i] = ix as i16,
            Indices::I32(t) => t[i] = ix as i32,
            Indices::I64(t) => t[i] = ix,
        }
    }
}

/// CPython's open-addressing sequence over a table with `mask + 1` slots.
#[derive(Clone, Copy, Debug)]
struct ProbeSeq {
    i: usize,
    perturb: u64,
    mask: usize,
}

impl ProbeSeq {
    #[inline(always)]
    fn new(hash: i64, mask: usize) -> ProbeSeq {
        ProbeSeq { i: (hash as u64 as usize) & mask, perturb: hash as u64, mask }
    }

    #[inline(always)]
    fn advance(&mut self) {
        self.perturb >>= PERTURB_SHIFT;
        self.i = self.i.wrapping_mul(5).wrapping_add(self.perturb as usize).wrapping_add(1) & self.mask;
    }
}

/// One entry of the dense array; `kv` is `None` once deleted (a hole).
#[derive(Clone, Debug)]
struct Entry<K, V> {
    hash: i64,
    kv: Option<(K, V)>,
}

impl KeysKind {
    /// `Str` only if both are (`dictresize` keeps `Str` only for a `Str`
    /// table asked to stay `Str`).
    fn and(self, other: KeysKind) -> KeysKind {
        if self == KeysKind::Str && other == KeysKind::Str {
            KeysKind::Str
        } else {
            KeysKind::General
        }
    }
}

/// A lookup in progress (see the module comment for the protocol).
#[derive(Clone, Copy, Debug)]
pub struct Probe {
    hash: i64,
    seq: ProbeSeq,
    generation: u64,
    done: bool,
}

impl Probe {
    /// The hash being looked up.
    pub fn hash(&self) -> i64 {
        self.hash
    }
}

/// A live entry met by a probe: compare `key` with the one looked up as
/// CPython does — identity first, then (only if `hash` equals the probe's
/// hash, see [`Candidate::hash_matches`]) `==`.
#[derive(Debug)]
pub struct Candidate<'a, K> {
    pub index: usize,
    pub hash: i64,
    pub key: &'a K,
    probe_hash: i64,
}

impl<K> Candidate<'_, K> {
    /// Whether the stored hash equals the looked-up hash (the precondition
    /// for calling `__eq__`).
    #[inline]
    pub fn hash_matches(&self) -> bool {
        self.hash == self.probe_hash
    }
}

/// What keys a table may hold (CPython's `dk_kind` of combined tables).
/// CPython stores 16-byte entries for `Str` tables (the hash lives in the
/// str) and 24-byte ones otherwise; for the VM, a `Str` table looked up with
/// an exact str compares without calling Python code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeysKind {
    /// Exact `str` keys only (also the kind of the empty table).
    Str,
    /// Any keys.
    General,
}

/// The dict table: see the module comment.
#[derive(Clone, Debug)]
pub struct DictTable<K, V> {
    indices: Indices,
    /// log2 of the number of index slots (0 for the empty table).
    log2_size: u8,
    /// Number of index slots − 1 (0 for the empty table, which has none).
    mask: usize,
    /// The dense array; its length is CPython's `dk_nentries`.
    entries: Vec<Entry<K, V>>,
    /// `dk_usable`: entries that may still be appended before a resize.
    usable: usize,
    /// `ma_used`: live entries.
    used: usize,
    kind: KeysKind,
    /// Bumped by every mutation (dict views and iterators may use it).
    version: u64,
    /// Bumped whenever the index table is replaced (resize, clear): a probe
    /// from an older generation is stale.
    generation: u64,
}

impl<K, V> Default for DictTable<K, V> {
    fn default() -> Self {
        DictTable::new()
    }
}

impl<K, V> DictTable<K, V> {
    /// An empty table (no allocation until the first insertion).
    pub fn new() -> DictTable<K, V> {
        DictTable {
            indices: Indices::new(0),
            log2_size: 0,
            mask: 0,
            entries: Vec::new(),
            usable: 0,
            used: 0,
            kind: KeysKind::Str,
            version: 0,
            generation: 0,
        }
    }

    /// A table sized for `minused` entries as `dict_new_presized` sizes it
    /// (`BUILD_MAP`/`BUILD_CONST_KEY_MAP` through `_PyDict_FromItems`: kind
    /// `Str` when all the keys are exact str).
    pub fn with_capacity(minused: usize, kind: KeysKind) -> DictTable<K, V> {
        let mut t = DictTable::new();
        if minused > usable_fraction(1 << LOG_MINSIZE) {
            let log2 = if minused > usable_fraction(1 << LOG_MAX_PRESIZE) {
                LOG_MAX_PRESIZE
            } else {
                estimate_log2_keysize(minused)
            };
            t.install_empty(log2, kind);
        }
        t
    }

    /// Number of live entries (`len(d)`).
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Number of index slots (`DK_SIZE`; 0 for a never-filled table).
    pub fn capacity(&self) -> usize {
        if self.log2_size == 0 {
            0
        } else {
            1 << self.log2_size
        }
    }

    /// Entries that fit before the next resize (`dk_usable`).
    pub fn usable(&self) -> usize {
        self.usable
    }

    /// Length of the dense entry array, holes included (`dk_nentries`): the
    /// bound for position-based iteration.
    pub fn entries_len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the keys are all exact str (`Str`) or anything (`General`).
    #[inline]
    pub fn keys_kind(&self) -> KeysKind {
        self.kind
    }

    /// Mutation counter: changes whenever the table changes.
    #[inline]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Index-table generation: changes whenever the index table is replaced
    /// (resize, clear), i.e. whenever entry positions may have moved.
    #[inline]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Bytes of the index table and entry array, for `sys.getsizeof`-like
    /// accounting (CPython's layout: 1/2/4/8-byte indices, 16-byte entries
    /// for `Str` tables, 24-byte ones for `General`).
    pub fn layout_bytes(&self) -> (usize, usize) {
        let width = match self.log2_size {
            0..=7 => 1,
            8..=15 => 2,
            16..=31 => 4,
            _ => 8,
        };
        let usable_total = usable_fraction(self.capacity());
        let entry = if self.kind == KeysKind::Str { 16 } else { 24 };
        (self.capacity() * width, usable_total * entry)
    }

    // -- lookups ----------------------------------------------------------

    #[inline(always)]
    fn mask(&self) -> usize {
        self.mask
    }

    /// The position of the live entry with this hash for which `is_key`
    /// holds; `is_key` must not touch the table (pure comparisons).
    #[inline]
    pub fn find_with(&self, hash: i64, mut is_key: impl FnMut(&K) -> bool) -> Option<usize> {
        if self.used == 0 {
            return None;
        }
        let mut seq = ProbeSeq::new(hash, self.mask());
        loop {
            let ix = self.indices.get(seq.i);
            if ix == DKIX_EMPTY {
                return None;
            }
            if ix >= 0 {
                let e = &self.entries[ix as usize];
                if e.hash == hash {
                    if let Some((k, _)) = &e.kv {
                        if is_key(k) {
                            return Some(ix as usize);
                        }
                    }
                }
            }
            seq.advance();
        }
    }

    /// Like [`DictTable::find_with`] for comparisons that may fail (but
    /// still do not touch the table): stops at the first error.
    pub fn try_find_with<E>(
        &self,
        hash: i64,
        mut is_key: impl FnMut(&K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E> {
        let mut probe = self.start_probe(hash);
        while let Some(c) = self.next_candidate(&mut probe) {
            if c.hash_matches() && is_key(c.key)? {
                return Ok(Some(c.index));
            }
        }
        Ok(None)
    }

    /// Starts a step-wise lookup of `hash`.
    pub fn start_probe(&self, hash: i64) -> Probe {
        Probe {
            hash,
            seq: ProbeSeq::new(hash, self.mask()),
            generation: self.generation,
            done: self.used == 0,
        }
    }

    /// The next live entry on the probe's path, or `None` when the path
    /// ends (the key is absent). A stale probe (the table was rebuilt since
    /// it started) starts over.
    pub fn next_candidate(&self, probe: &mut Probe) -> Option<Candidate<'_, K>> {
        if probe.generation != self.generation {
            *probe = self.start_probe(probe.hash);
        }
        while !probe.done {
            let ix = self.indices.get(probe.seq.i);
            if ix == DKIX_EMPTY {
                probe.done = true;
                return None;
            }
            probe.seq.advance();
            if ix >= 0 {
                let e = &self.entries[ix as usize];
                if let Some((k, _)) = &e.kv {
                    return Some(Candidate {
                        index: ix as usize,
                        hash: e.hash,
                        key: k,
                        probe_hash: probe.hash,
                    });
                }
            }
        }
        None
    }

    /// After an `__eq__` call on the key of entry `index` (which `same`
    /// recognises by identity): true if the answer still applies — the
    /// index table was not rebuilt and the entry still holds that key.
    /// Otherwise the caller restarts with [`DictTable::start_probe`].
    pub fn probe_still_valid(&self, probe: &Probe, index: usize, same: impl FnOnce(&K) -> bool) -> bool {
        probe.generation == self.generation && self.key_at(index).is_some_and(same)
    }

    // -- access by position -----------------------------------------------

    /// The key and value of the live entry at `index`.
    #[inline]
    pub fn get_by_index(&self, index: usize) -> Option<(&K, &V)> {
        self.entries.get(index)?.kv.as_ref().map(|(k, v)| (k, v))
    }

    /// The key of the live entry at `index`.
    #[inline]
    pub fn key_at(&self, index: usize) -> Option<&K> {
        self.entries.get(index)?.kv.as_ref().map(|(k, _)| k)
    }

    /// The value of the live entry at `index`.
    #[inline]
    pub fn value_at(&self, index: usize) -> Option<&V> {
        self.entries.get(index)?.kv.as_ref().map(|(_, v)| v)
    }

    /// The stored hash of the live entry at `index`.
    pub fn hash_at(&self, index: usize) -> Option<i64> {
        let e = self.entries.get(index)?;
        e.kv.as_ref().map(|_| e.hash)
    }

    /// Mutable access to the value at `index` (does not bump the version:
    /// replacing a value is not a change of size or keys).
    pub fn value_at_mut(&mut self, index: usize) -> Option<&mut V> {
        self.entries.get_mut(index)?.kv.as_mut().map(|(_, v)| v)
    }

    /// Replaces the value of the live entry at `index` (`d[k] = v` for an
    /// existing key keeps the old key), returning the old value.
    pub fn replace_value(&mut self, index: usize, value: V) -> Result<V, V> {
        match self.value_at_mut(index) {
            Some(slot) => {
                let old = std::mem::replace(slot, value);
                self.version += 1;
                Ok(old)
            }
            None => Err(value),
        }
    }

    /// The first live entry at position >= `pos`: (position, key, value).
    /// A dict iterator keeps `position + 1` and compares `len()` with the
    /// length it started with ("dictionary changed size during iteration").
    #[inline]
    pub fn next_entry(&self, pos: usize) -> Option<(usize, &K, &V)> {
        let rest = self.entries.get(pos..)?;
        rest.iter().enumerate().find_map(|(i, e)| e.kv.as_ref().map(|(k, v)| (pos + i, k, v)))
    }

    /// The last live entry at position < `end` (for `reversed(d)`).
    pub fn prev_entry(&self, end: usize) -> Option<(usize, &K, &V)> {
        let end = end.min(self.entries.len());
        self.entries[..end].iter().enumerate().rev().find_map(|(i, e)| e.kv.as_ref().map(|(k, v)| (i, k, v)))
    }

    /// Live entries in insertion order: (position, hash, key, value).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (usize, i64, &K, &V)> + '_ {
        self.entries.iter().enumerate().filter_map(|(i, e)| e.kv.as_ref().map(|(k, v)| (i, e.hash, k, v)))
    }

    // -- mutation ---------------------------------------------------------

    /// Appends a new entry for a key (not an exact str) the caller has
    /// checked is absent (`insertdict`'s insertion path, or
    /// `insert_to_emptydict`; resizes first when full). Returns the entry's
    /// position. For CPython's sizes, call [`DictTable::ensure_general`]
    /// before the lookup that preceded this.
    pub fn insert_new(&mut self, hash: i64, key: K, value: V) -> usize {
        self.append(hash, key, value, KeysKind::General)
    }

    /// [`DictTable::insert_new`] for an exact `str` key.
    pub fn insert_new_str(&mut self, hash: i64, key: K, value: V) -> usize {
        self.append(hash, key, value, KeysKind::Str)
    }

    /// The top of `insertdict`: before looking up a key that is not an
    /// exact str for insertion, a `Str` table is rebuilt as `General`
    /// (`insertion_resize(mp, 0)`).
    pub fn ensure_general(&mut self) {
        if self.kind == KeysKind::Str && self.capacity() > 0 {
            self.resize_to(log2_keysize(self.used.saturating_mul(3)), KeysKind::General);
        }
    }

    fn append(&mut self, hash: i64, key: K, value: V, kind: KeysKind) -> usize {
        if self.capacity() == 0 {
            self.install_empty(LOG_MINSIZE, kind);
        } else if self.usable == 0 {
            self.resize(log2_keysize(self.used.saturating_mul(3)));
        }
        if kind == KeysKind::General {
            self.kind = KeysKind::General;
        }
        let slot = self.find_empty_slot(hash);
        let ix = self.entries.len();
        self.indices.set(slot, ix as i64);
        self.entries.push(Entry { hash, kv: Some((key, value)) });
        self.used += 1;
        self.usable -= 1;
        self.version += 1;
        ix
    }

    /// `d[k] = v` for pure key comparisons and a key that is not an exact
    /// str: replaces the value if a key matches (returning the old value),
    /// else inserts.
    pub fn insert_with(&mut self, hash: i64, key: K, value: V, is_key: impl FnMut(&K) -> bool) -> Option<V> {
        self.ensure_general();
        self.insert_kind_with(hash, key, value, KeysKind::General, is_key)
    }

    /// `d[k] = v` for an exact str key (pure comparisons).
    pub fn insert_with_str(
        &mut self,
        hash: i64,
        key: K,
        value: V,
        is_key: impl FnMut(&K) -> bool,
    ) -> Option<V> {
        self.insert_kind_with(hash, key, value, KeysKind::Str, is_key)
    }

    fn insert_kind_with(
        &mut self,
        hash: i64,
        key: K,
        value: V,
        kind: KeysKind,
        is_key: impl FnMut(&K) -> bool,
    ) -> Option<V> {
        match self.find_with(hash, is_key) {
            Some(ix) => self.replace_value(ix, value).ok(),
            None => {
                self.append(hash, key, value, kind);
                None
            }
        }
    }

    /// Deletes the live entry at `index` (leaving a hole and a dummy slot),
    /// returning its key and value for the caller to drop.
    pub fn remove_at(&mut self, index: usize) -> Option<(K, V)> {
        let hash = self.hash_at(index)?;
        let slot = self.slot_of(hash, index)?;
        self.indices.set(slot, DKIX_DUMMY);
        self.used -= 1;
        self.version += 1;
        self.entries[index].kv.take()
    }

    /// `del d[k]` / `d.pop(k)` for pure comparisons.
    pub fn remove_with(&mut self, hash: i64, is_key: impl FnMut(&K) -> bool) -> Option<(K, V)> {
        let ix = self.find_with(hash, is_key)?;
        self.remove_at(ix)
    }

    /// `dict.popitem()`: removes the last live entry (LIFO) and trims the
    /// entry array to it, as CPython does. Returns (hash, key, value).
    pub fn popitem(&mut self) -> Option<(i64, K, V)> {
        let (ix, _, _) = self.prev_entry(self.entries.len())?;
        let hash = self.entries[ix].hash;
        let (k, v) = self.remove_at(ix)?;
        self.entries.truncate(ix);
        Some((hash, k, v))
    }

    /// `dict.clear()`: the table becomes empty; the old contents are
    /// returned so the caller drops them after releasing its borrow.
    pub fn clear(&mut self) -> DictTable<K, V> {
        let generation = self.generation + 1;
        let version = self.version + 1;
        let mut old = std::mem::take(self);
        self.generation = generation;
        self.version = version;
        old.generation = generation;
        old
    }

    /// `dict.copy()` / `PyDict_Copy`: a new empty table for an empty dict,
    /// an exact clone when at most a third of the entries are holes, else
    /// a compacted table sized as `dict_merge` sizes it.
    pub fn copy(&self) -> DictTable<K, V>
    where
        K: Clone,
        V: Clone,
    {
        if self.used == 0 {
            return DictTable::new();
        }
        if self.used >= self.entries.len() * 2 / 3 {
            let mut t = self.clone();
            t.version = 0;
            t.generation = 0;
            return t;
        }
        // dict_merge into an empty dict: the resize gives it `self`'s kind,
        // so a `General` target needs no per-key kind.
        let mut t = DictTable::new();
        t.update_from_dict(self, |_, _| false, |_| false);
        t
    }

    /// The resize `dict_merge` does before adding the `other_len` entries
    /// of another dict of kind `other_kind` (`d.update(other)`,
    /// `dict(other)`): one big resize if they may not fit.
    pub fn reserve_for_merge(&mut self, other_len: usize, other_kind: KeysKind) {
        if usable_fraction(self.capacity()) < other_len {
            self.resize_to(estimate_log2_keysize(self.used + other_len), self.kind.and(other_kind));
        }
    }

    /// The resize `dict.fromkeys(d_or_set)` does first (`dictresize` to
    /// `estimate_log2_keysize(n)` for an exact dict or set of `n` keys;
    /// kind: the dict's, `General` for a set).
    pub fn presize_for(&mut self, n: usize, kind: KeysKind) {
        self.resize_to(estimate_log2_keysize(n), self.kind.and(kind));
    }

    /// `dict_merge(self, other, override=1)` for pure comparisons:
    /// `d.update(other)` / `dict(other)` with a dict `other` (the caller
    /// skips `other is self`). An empty table takes a clone of a dense,
    /// freshly sized `other`; otherwise one resize, then insertions (where
    /// `is_exact_str` tells which keys keep a `Str` table `Str`).
    pub fn update_from_dict(
        &mut self,
        other: &DictTable<K, V>,
        mut eq: impl FnMut(&K, &K) -> bool,
        is_exact_str: impl Fn(&K) -> bool,
    ) where
        K: Clone,
        V: Clone,
    {
        if other.used == 0 {
            return;
        }
        if self.used == 0 && other.is_clone_friendly() {
            let (version, generation) = (self.version + 1, self.generation + 1);
            *self = other.clone();
            self.version = version;
            self.generation = generation;
            return;
        }
        self.reserve_for_merge(other.used, other.kind);
        for (_, hash, k, v) in other.iter() {
            if other.kind == KeysKind::Str || is_exact_str(k) {
                self.insert_with_str(hash, k.clone(), v.clone(), |x| eq(x, k));
            } else {
                self.insert_with(hash, k.clone(), v.clone(), |x| eq(x, k));
            }
        }
    }

    /// `dict_merge`'s test for cloning: no holes, and a table not much
    /// larger than its contents need.
    fn is_clone_friendly(&self) -> bool {
        self.used == self.entries.len()
            && (self.log2_size == LOG_MINSIZE || usable_fraction(self.capacity() / 2) < self.used)
    }

    // -- internals --------------------------------------------------------

    /// `find_empty_slot`: the first slot on `hash`'s path without a live
    /// entry (empty or dummy).
    #[inline]
    fn find_empty_slot(&self, hash: i64) -> usize {
        let mut seq = ProbeSeq::new(hash, self.mask());
        while self.indices.get(seq.i) >= 0 {
            seq.advance();
        }
        seq.i
    }

    /// `lookdict_index`: the slot holding entry position `index`.
    fn slot_of(&self, hash: i64, index: usize) -> Option<usize> {
        let mut seq = ProbeSeq::new(hash, self.mask());
        loop {
            match self.indices.get(seq.i) {
                ix if ix == index as i64 => return Some(seq.i),
                DKIX_EMPTY => return None,
                _ => seq.advance(),
            }
        }
    }

    /// Replaces an empty table by one of 2**log2 slots.
    fn install_empty(&mut self, log2: u8, kind: KeysKind) {
        self.indices = Indices::new(log2);
        self.log2_size = log2;
        self.mask = (1 << log2) - 1;
        self.kind = kind;
        self.usable = usable_fraction(1 << log2);
        self.entries = Vec::with_capacity(self.usable);
        self.generation += 1;
    }

    /// `insertion_resize(mp, 1)`: keeps the kind.
    fn resize(&mut self, log2: u8) {
        self.resize_to(log2, self.kind);
    }

    /// `dictresize`: a new index table of 2**log2 slots of the given kind
    /// over the live entries, compacted in order.
    fn resize_to(&mut self, log2: u8, kind: KeysKind) {
        let mut old = std::mem::take(&mut self.entries);
        if old.len() != self.used {
            old.retain(|e| e.kv.is_some());
        }
        self.install_empty(log2, kind);
        for (ix, e) in old.iter().enumerate() {
            let slot = self.find_empty_slot(e.hash);
            self.indices.set(slot, ix as i64);
        }
        self.entries.extend(old);
        self.usable -= self.used;
        self.version += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ins(t: &mut DictTable<i64, i64>, k: i64, v: i64) -> Option<i64> {
        t.insert_with(k, k, v, |&x| x == k)
    }

    #[test]
    fn grows_like_cpython() {
        let mut t = DictTable::new();
        assert_eq!(t.capacity(), 0);
        let mut sizes = vec![];
        for k in 0..100 {
            ins(&mut t, k, k);
            sizes.push(t.capacity());
        }
        // CPython 3.11's sys.getsizeof({...}) changes at these insertions.
        let changes: Vec<(usize, usize)> =
            (0..100).filter(|&i| i == 0 || sizes[i] != sizes[i - 1]).map(|i| (i, sizes[i])).collect();
        assert_eq!(changes, [(0, 8), (5, 16), (10, 32), (21, 64), (42, 128), (85, 256)]);
    }

    #[test]
    fn order_holes_and_popitem() {
        let mut t = DictTable::new();
        for k in [5, 3, 9, 1] {
            ins(&mut t, k, k * 10);
        }
        assert_eq!(ins(&mut t, 3, 33), Some(30));
        let ix = t.find_with(9, |&x| x == 9).unwrap();
        assert_eq!(t.remove_at(ix), Some((9, 90)));
        let keys: Vec<i64> = t.iter().map(|(_, _, k, _)| *k).collect();
        assert_eq!(keys, [5, 3, 1]);
        assert_eq!(t.popitem(), Some((1, 1, 10)));
        assert_eq!(t.entries_len(), 3); // dk_nentries = the popped position
        ins(&mut t, 7, 70);
        let keys: Vec<i64> = t.iter().map(|(_, _, k, _)| *k).collect();
        assert_eq!(keys, [5, 3, 7]);
        assert_eq!(t.find_with(9, |&x| x == 9), None);
    }

    #[test]
    fn stepwise_probe_sees_colliding_keys() {
        let mut t: DictTable<i64, ()> = DictTable::new();
        for k in [1, 2, 3] {
            t.insert_new(42, k, ());
        }
        let mut p = t.start_probe(42);
        let mut seen = vec![];
        while let Some(c) = t.next_candidate(&mut p) {
            assert!(c.hash_matches());
            seen.push(*c.key);
        }
        // The path may pass a slot twice (as CPython's does): dedup.
        seen.sort();
        seen.dedup();
        assert_eq!(seen, [1, 2, 3]);
        let mut p = t.start_probe(42);
        let c = t.next_candidate(&mut p).unwrap();
        let ix = c.index;
        let _old = t.clear();
        assert!(!t.probe_still_valid(&p, ix, |_| true));
    }

    #[test]
    fn extreme_hashes_do_not_panic() {
        let mut t = DictTable::new();
        for h in [i64::MIN, i64::MAX, -2, 0, 1 << 62] {
            t.insert_new(h, h, ());
        }
        for h in [i64::MIN, i64::MAX, -2, 0, 1 << 62] {
            assert!(t.find_with(h, |&k| k == h).is_some());
        }
    }
}
