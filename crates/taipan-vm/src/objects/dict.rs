//! `dict` on [`crate::tables::dict::DictTable`] (CPython 3.11's compact
//! table: sizes, growth, iteration order and `popitem` order are CPython's).
//! Key comparison may call Python `__eq__`, so lookups go step by step,
//! release the table around each such call and restart if the table was
//! rebuilt meanwhile. The functions here are the interface the rest of the
//! VM uses (plus the keys version, entry index and value-at-index accessors
//! of inline caches). Also the dict views (`keys()`, `values()`, `items()`).

use super::{check_args, cm, m, mc, mk, new_method, split_kwargs, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::tables::dict::{DictTable, KeysKind, Probe};
use crate::types::type_name;
use crate::value::Value;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};

/// The table behind a dict: keys and values are owned `Value`s.
type Table = DictTable<Value, Value>;

/// The payload of a dict.
pub struct DictData {
    table: RefCell<Table>,
    /// The keys version: a fresh value of [`next_keys_version`] on every
    /// structural change (a key added or removed, the table rebuilt), never
    /// on a value replaced in place. Lookups that call out restart when it
    /// moved; inline caches compare it (see [`keys_version`]).
    pub version: Cell<u64>,
    /// A one-word filter of the hashes of every key ever added (one bit
    /// per key, [`filter_bit`]; never cleared by a removal): a key whose
    /// bit is clear is certainly absent, which lets a method call skip the
    /// probe of the instance dict (see [`may_have_str`]).
    keys_seen: Cell<u64>,
}

/// The filter bit of a key hash (a multiplicative mix, so that small ints,
/// whose hash is themselves, spread too).
#[inline(always)]
fn filter_bit(hash: i64) -> u64 {
    1 << ((hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// The outcome of one pure step of a lookup.
enum Step {
    Found(usize),
    Absent,
    /// The key at this entry needs Python `__eq__` to decide.
    Compare(usize, Value),
}

impl DictData {
    pub fn new() -> DictData {
        DictData { table: RefCell::new(Table::new()), version: Cell::new(0), keys_seen: Cell::new(0) }
    }

    pub fn len(&self) -> usize {
        self.table.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn bump(&self) {
        self.version.set(next_keys_version());
    }

    /// The (key, value) pairs in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.table.borrow().iter().map(|(_, _, k, v)| (k.clone(), v.clone())).collect()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.table.borrow().iter().map(|(_, _, k, _)| k.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.table.borrow().iter().map(|(_, _, _, v)| v.clone()).collect()
    }

    /// The entry at dense position `pos` or later: (next pos, key, value).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let t = self.table.borrow();
        t.next_entry(pos).map(|(i, k, v)| (i + 1, k.clone(), v.clone()))
    }

    /// The last entry before dense position `end`: (its pos, key, value).
    pub fn entry_before(&self, end: usize) -> Option<(usize, Value, Value)> {
        let t = self.table.borrow();
        t.prev_entry(end).map(|(i, k, v)| (i, k.clone(), v.clone()))
    }

    /// Length of the dense entry array, holes included.
    pub fn entries_len(&self) -> usize {
        self.table.borrow().entries_len()
    }

    /// Finds the entry index of `key`; `Ok(None)` when absent. Keys that
    /// need Python `__eq__` are compared with the table released; if the
    /// table changed meanwhile, the lookup starts over (as `lookdict`).
    #[inline]
    pub fn find(&self, key: &Value, hash: i64) -> PyResult<Option<usize>> {
        if let Some(found) = self.find_pure(key, hash) {
            return Ok(found);
        }
        self.find_stepwise(key, hash)
    }

    /// The lookup in one pass with the table borrowed once, comparing by
    /// identity and `ops::eq_fast` (exact strs, ints, floats: no Python
    /// code can run, as `lookdict_unicode` and the pure steps of
    /// `lookdict`); `None` when a key on the path needs Python `__eq__`.
    #[inline]
    fn find_pure(&self, key: &Value, hash: i64) -> Option<Option<usize>> {
        let t = self.table.borrow();
        let mut undecided = false;
        let found = t.find_with(hash, |k| {
            k.is(key)
                || ops::eq_fast(k, key).unwrap_or_else(|| {
                    undecided = true;
                    true
                })
        });
        (!undecided).then_some(found)
    }

    fn find_stepwise(&self, key: &Value, hash: i64) -> PyResult<Option<usize>> {
        'restart: loop {
            let mut probe = self.table.borrow().start_probe(hash);
            loop {
                let (ix, stored) = match self.step(key, &mut probe) {
                    Step::Found(ix) => return Ok(Some(ix)),
                    Step::Absent => return Ok(None),
                    Step::Compare(ix, stored) => (ix, stored),
                };
                let same = ops::eq(&stored, key)?;
                if !self.table.borrow().probe_still_valid(&probe, ix, |k| k.is(&stored)) {
                    continue 'restart;
                }
                if same {
                    return Ok(Some(ix));
                }
            }
        }
    }

    /// Advances `probe` until a decision or a key needing Python `__eq__`.
    #[inline]
    fn step(&self, key: &Value, probe: &mut Probe) -> Step {
        let t = self.table.borrow();
        while let Some(c) = t.next_candidate(probe) {
            if c.key.is(key) {
                return Step::Found(c.index);
            }
            if c.hash_matches() {
                match ops::eq_fast(c.key, key) {
                    Some(true) => return Step::Found(c.index),
                    Some(false) => {}
                    None => return Step::Compare(c.index, c.key.clone()),
                }
            }
        }
        Step::Absent
    }

    /// The value at entry `ix` (a live entry found by `find`).
    fn value_at(&self, ix: usize) -> Option<Value> {
        self.table.borrow().value_at(ix).cloned()
    }

    /// `d[key]` (None when absent).
    pub fn get(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        self.get_hashed(key, hash)
    }

    pub fn get_hashed(&self, key: &Value, hash: i64) -> PyResult<Option<Value>> {
        Ok(self.find(key, hash)?.and_then(|ix| self.value_at(ix)))
    }

    /// `d[key] = value`.
    pub fn set(&self, key: Value, value: Value) -> PyResult<()> {
        let hash = ops::hash(&key)?;
        self.set_hashed(key, hash, value)
    }

    /// `insertdict`: a key that is not an exact str first turns a str-only
    /// table general; then the value is replaced or a new entry appended.
    pub fn set_hashed(&self, key: Value, hash: i64, value: Value) -> PyResult<()> {
        let exact_str = super::str::is_exact(&key);
        if !exact_str && self.table.borrow().keys_kind() == KeysKind::Str {
            self.with_table(|t| t.ensure_general());
        }
        if let Some(ix) = self.find(&key, hash)? {
            let old = self.table.borrow_mut().replace_value(ix, value);
            drop(old);
            return Ok(());
        }
        self.keys_seen.set(self.keys_seen.get() | filter_bit(hash));
        self.with_table(|t| {
            if exact_str {
                t.insert_new_str(hash, key, value);
            } else {
                t.insert_new(hash, key, value);
            }
        });
        Ok(())
    }

    /// Runs a structural change on the table, bumping the keys version if
    /// entries were added or removed or the index table replaced.
    fn with_table<R>(&self, f: impl FnOnce(&mut Table) -> R) -> R {
        let mut t = self.table.borrow_mut();
        let before = (t.entries_len(), t.len(), t.generation());
        let r = f(&mut t);
        let changed = before != (t.entries_len(), t.len(), t.generation());
        drop(t);
        if changed {
            self.bump();
        }
        r
    }

    /// Removes `key`, returning its value (None when absent).
    pub fn remove(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        let Some(ix) = self.find(key, hash)? else {
            return Ok(None);
        };
        let removed = self.with_table(|t| t.remove_at(ix));
        Ok(removed.map(|(k, v)| {
            drop(k);
            v
        }))
    }

    /// For the cycle collector: visits every key and value (nothing while
    /// the table is borrowed, which only makes the collector conservative).
    pub(crate) fn gc_visit(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(t) = self.table.try_borrow() {
            t.iter().for_each(|(_, _, k, v)| {
                visit(k);
                visit(v);
            });
        }
    }

    /// For the cycle collector's `clear` (a no-op while the table is borrowed).
    pub(crate) fn gc_clear(&self) {
        let old = self.table.try_borrow_mut().map(|mut t| std::mem::take(&mut *t));
        self.bump();
        drop(old);
    }

    /// Removes everything.
    pub fn clear(&self) {
        let old = self.with_table(|t| t.clear());
        drop(old);
    }

    /// Removes and returns the last item (LIFO, as `popitem`).
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        self.with_table(|t| t.popitem()).map(|(_, k, v)| (k, v))
    }

    /// `dict.__sizeof__()` as CPython 3.11 (64-bit) computes it: the dict
    /// object (48 bytes), plus its own keys object when it has one (32
    /// bytes of header, the index table and the usable entries).
    pub fn sizeof(&self) -> usize {
        let t = self.table.borrow();
        if t.capacity() == 0 {
            return 48;
        }
        let (indices, entries) = t.layout_bytes();
        48 + 32 + indices + entries
    }
}

impl Default for DictData {
    fn default() -> Self {
        Self::new()
    }
}

/// The source of keys versions: one counter for all dicts, so a version
/// is never seen on two different tables (a new dict starts at 0, which no
/// cache can hold since a cached entry needed a key added).
static KEYS_VERSION: AtomicU64 = AtomicU64::new(0);

fn next_keys_version() -> u64 {
    KEYS_VERSION.fetch_add(1, Ordering::Relaxed) + 1
}

/// The keys version of a dict (0 for a non-dict): it changes whenever a key
/// is added or removed or the table is rebuilt, and not when a value is
/// replaced in place, so an entry index found by [`lookup_str_index`] stays
/// valid for [`value_at`] while the version is unchanged.
pub fn keys_version(d: &Value) -> u64 {
    data(d).map_or(0, |dd| dd.version.get())
}

/// The entry index of the key equal to the exact str `name` (interned or
/// not), for inline caches. `None` when absent, when `name` is not an exact
/// str, or when deciding would need Python code (a key of another type with
/// the same hash): the caller then takes its general path.
pub fn lookup_str_index(d: &Value, name: &Value) -> Option<usize> {
    let dd = data(d)?;
    let hash = super::str::hash_of(super::str::data(name).filter(|_| super::str::is_exact(name))?);
    let mut probe = dd.table.borrow().start_probe(hash);
    match dd.step(name, &mut probe) {
        Step::Found(ix) => Some(ix),
        Step::Absent | Step::Compare(..) => None,
    }
}

/// The value of the live entry at `index` (`None` for a hole or an index
/// out of range).
#[inline]
pub fn value_at(d: &Value, index: usize) -> Option<Value> {
    data(d)?.value_at(index)
}

/// The value at entry `index` when that entry's key is `key` itself (an
/// inline cache's position hint; `None` sends the caller to a lookup).
#[inline]
pub fn value_at_if_key(d: &Value, index: usize, key: &Value) -> Option<Value> {
    let t = data(d)?.table.borrow();
    match t.get_by_index(index) {
        Some((k, v)) if k.is(key) => Some(v.clone()),
        _ => None,
    }
}

/// Replaces the value at entry `index` when that entry's key is `key`
/// itself, returning the old value (for the caller to drop once nothing is
/// borrowed); gives `v` back otherwise.
#[inline]
pub fn replace_at_if_key(d: &Value, index: usize, key: &Value, v: Value) -> Result<Value, Value> {
    let Some(dd) = data(d) else {
        return Err(v);
    };
    let mut t = dd.table.borrow_mut();
    if !t.key_at(index).is_some_and(|k| k.is(key)) {
        return Err(v);
    }
    t.replace_value(index, v)
}

/// One step of a dict iterator (`dictiter_iternext*`): the next (key,
/// value), `None` at the end; CPython's errors when the dict changed size or
/// yields more keys than it had ("keys changed" after a delete + insert).
pub fn iter_step(d: &Value, it: &super::iter::SeqIterData) -> PyResult<Option<(Value, Value)>> {
    let table = data(d).ok_or_else(|| exc::type_error("bad iterator"))?;
    if table.len() != it.size.get() {
        it.size.set(usize::MAX);
        return Err(exc::runtime_error("dictionary changed size during iteration"));
    }
    let Some((next, k, v)) = table.entry_from(it.index.get()) else {
        return Ok(None);
    };
    if it.remaining.get() == 0 {
        it.seq.set(Value::NULL);
        return Err(exc::runtime_error("dictionary keys changed during iteration"));
    }
    it.remaining.set(it.remaining.get() - 1);
    it.index.set(next);
    Ok(Some((k, v)))
}

/// A new empty dict.
pub fn new_dict() -> Value {
    crate::heap::alloc(&rt().types.dict, DictData::new())
}

/// The payload of a dict (or dict subclass instance).
pub fn data(v: &Value) -> Option<&DictData> {
    v.downcast::<DictData>()
}

fn this(v: &Value) -> PyResult<&DictData> {
    data(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'dict' object but received '{}'", type_name(v)))
    })
}

/// False when dict `d` certainly has no key equal to the str `key` (its
/// hash's filter bit is clear: no key of that hash was ever added); true
/// when it may have one, or when `d` is no dict or `key` no str.
#[inline(always)]
pub fn may_have_str(d: &Value, key: &Value) -> bool {
    match (data(d), super::str::data(key)) {
        (Some(dd), Some(k)) => dd.keys_seen.get() & filter_bit(super::str::hash_of(k)) != 0,
        _ => true,
    }
}

/// Looks up a str key (no Python code runs for str keys).
pub fn get_str(d: &Value, key: &Value) -> Option<Value> {
    let dd = data(d)?;
    let h = super::str::hash_of(super::str::data(key)?);
    dd.get_hashed(key, h).ok().flatten()
}

/// [`get_str`] when it is decided without running Python code; `None`
/// when a key on the probe path needs Python `__eq__` (which could change
/// anything, so callers holding borrows release them first).
pub fn get_str_pure(d: &Value, key: &Value) -> Option<Option<Value>> {
    let Some(dd) = data(d) else {
        return Some(None);
    };
    let h = super::str::hash_of(super::str::data(key)?);
    let found = dd.find_pure(key, h)?;
    Some(found.and_then(|ix| dd.value_at(ix)))
}

/// Sets `d[name] = v` for a Rust string name (interned).
pub fn set_str(d: &Value, name: &str, v: Value) {
    let key = super::str::intern(name);
    if let Some(dd) = data(d) {
        let h = super::str::hash_of(super::str::data(&key).expect("interned str"));
        let _ = dd.set_hashed(key, h, v);
    }
}

/// `d[key]` (None when absent).
pub fn get_item(d: &Value, key: &Value) -> PyResult<Option<Value>> {
    this(d)?.get(key)
}

pub fn set_item(d: &Value, key: Value, v: Value) -> PyResult<()> {
    this(d)?.set(key, v)
}

/// `del d[key]`; the removed value, or None when absent.
pub fn del_item(d: &Value, key: &Value) -> PyResult<Option<Value>> {
    this(d)?.remove(key)
}

/// A shallow copy of any dict.
pub fn copy(d: &Value) -> PyResult<Value> {
    let src = this(d)?;
    if let Some(table) = compact_table_clone(src) {
        let copy = DictData {
            table: RefCell::new(table),
            version: Cell::new(0),
            keys_seen: Cell::new(src.keys_seen.get()),
        };
        return Ok(crate::heap::alloc(&rt().types.dict, copy));
    }
    let out = new_dict();
    let od = this(&out)?;
    for (k, v) in this(d)?.items() {
        od.set(k, v)?;
    }
    Ok(out)
}

/// A clone of `d`'s table when it has no deleted entries (CPython's
/// `clone_combined_dict_keys`): the same order and sizes without hashing
/// or probing again. Type dicts are copied this way on every class creation.
fn compact_table_clone(d: &DictData) -> Option<Table> {
    let table = d.table.borrow();
    (table.len() == table.entries_len()).then(|| table.clone())
}

/// A dict from (key, value) pairs.
pub fn from_pairs(pairs: Vec<(Value, Value)>) -> PyResult<Value> {
    let out = new_dict();
    let od = this(&out)?;
    for (k, v) in pairs {
        od.set(k, v)?;
    }
    Ok(out)
}

/// `d.update(other)` for a mapping or an iterable of pairs.
pub fn update(d: &Value, other: &Value) -> PyResult<()> {
    let dd = this(d)?;
    if let Some(o) = data(other) {
        for (k, v) in o.items() {
            dd.set(k, v)?;
        }
        return Ok(());
    }
    if crate::types::lookup_str(&crate::types::type_of(other), "keys").is_some() {
        let keys = crate::attr::call_method(other, "keys", &[])?;
        for k in ops::collect(&keys)? {
            let v = ops::getitem(other, &k)?;
            dd.set(k, v)?;
        }
        return Ok(());
    }
    for (i, item) in ops::collect(other)?.into_iter().enumerate() {
        let pair = ops::collect(&item).map_err(|_| {
            exc::type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence"))
        })?;
        if pair.len() != 2 {
            return Err(exc::value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut it = pair.into_iter();
        let (k, v) = (it.next().unwrap_or_default(), it.next().unwrap_or_default());
        dd.set(k, v)?;
    }
    Ok(())
}

pub const METHODS: &[Method] = &[
    new_method(dict_new),
    mk("__init__", dict_init),
    m("__len__", dict_len),
    m("__sizeof__", dict_sizeof),
    m("__repr__", dict_repr),
    mc("__getitem__", dict_getitem),
    m("__setitem__", dict_setitem),
    m("__delitem__", dict_delitem),
    mc("__contains__", dict_contains),
    m("__iter__", dict_iter),
    m("__reversed__", dict_reversed),
    m("__eq__", dict_eq),
    m("__ne__", dict_ne),
    m("__or__", dict_or),
    m("__ior__", dict_ior),
    m("get", dict_get).fast(),
    m("setdefault", dict_setdefault).fast(),
    m("pop", dict_pop).fast(),
    m("popitem", dict_popitem),
    m("keys", dict_keys),
    m("values", dict_values),
    m("items", dict_items),
    mk("update", dict_update),
    m("clear", dict_clear),
    m("copy", dict_copy),
    cm("fromkeys", dict_fromkeys).fast(),
];

fn dict_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args[0].is(&rt().types.dict) {
        return Ok(new_dict());
    }
    super::object::alloc_subclass(&args[0], DictData::new())
}

fn dict_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    dict_update(args, kwnames)
}

fn dict_update(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    check_args("update", pos, 1, 2)?;
    if let Some(other) = pos.get(1) {
        update(&pos[0], other)?;
    }
    let d = this(&pos[0])?;
    for (k, v) in kws {
        d.set(super::str::new(k), v.clone())?;
    }
    Ok(rt().none.clone())
}

fn dict_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.len()))
}

fn dict_sizeof(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.sizeof()))
}

fn dict_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?.items();
    let Some(_guard) = crate::ops::ReprGuard::enter(&args[0]) else {
        return Ok(super::str::new("{...}"));
    };
    let mut out = String::from("{");
    for (i, (k, v)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(super::str::as_str(&ops::repr(k)?).unwrap_or(""));
        out.push_str(": ");
        out.push_str(super::str::as_str(&ops::repr(v)?).unwrap_or(""));
    }
    out.push('}');
    Ok(super::str::from_string(out))
}

/// `d[key]` with `__missing__` for subclasses and KeyError.
pub fn getitem(d: &Value, key: &Value) -> PyResult<Value> {
    if let Some(v) = this(d)?.get(key)? {
        return Ok(v);
    }
    if !super::dict::is_exact(d) {
        if let Some(r) = ops::call_dunder_opt(d, "__missing__", std::slice::from_ref(key))? {
            return Ok(r);
        }
    }
    Err(exc::key_error(key.clone()))
}

/// Whether `v` is exactly a dict.
pub fn is_exact(v: &Value) -> bool {
    v.header().is_some_and(|h| h.ty.get() == rt().types.dict.as_ptr())
}

fn dict_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("dict.__getitem__", args, 2, 2)?;
    getitem(&args[0], &args[1])
}

fn dict_setitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setitem__", args, 3, 3)?;
    this(&args[0])?.set(args[1].clone(), args[2].clone())?;
    Ok(rt().none.clone())
}

fn dict_delitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delitem__", args, 2, 2)?;
    match this(&args[0])?.remove(&args[1])? {
        Some(_) => Ok(rt().none.clone()),
        None => Err(exc::key_error(args[1].clone())),
    }
}

fn dict_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    Ok(rt().bool_value(this(&args[0])?.get(&args[1])?.is_some()))
}

fn dict_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?;
    Ok(super::iter::new_dict_iter(&rt().types.dict_keyiterator, args[0].clone()))
}

fn dict_reversed(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut keys = this(&args[0])?.keys();
    keys.reverse();
    let l = super::list::new(keys);
    Ok(super::iter::new_seq_iter(&rt().types.list_iterator, l))
}

/// `a == b` for two dicts.
pub fn dicts_equal(a: &DictData, b: &DictData) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (k, v) in a.items() {
        match b.get(&k)? {
            Some(w) if v.is(&w) || ops::eq(&v, &w)? => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

fn dict_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    match data(&args[1]) {
        Some(b) => Ok(rt().bool_value(dicts_equal(this(&args[0])?, b)?)),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn dict_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__ne__", args, 2, 2)?;
    match data(&args[1]) {
        Some(b) => Ok(rt().bool_value(!dicts_equal(this(&args[0])?, b)?)),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn dict_or(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__or__", args, 2, 2)?;
    if data(&args[1]).is_none() {
        return Ok(rt().not_implemented.clone());
    }
    let out = copy(&args[0])?;
    update(&out, &args[1])?;
    Ok(out)
}

fn dict_ior(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__ior__", args, 2, 2)?;
    update(&args[0], &args[1])?;
    Ok(args[0].clone())
}

fn dict_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("get", args, 2, 3)?;
    match this(&args[0])?.get(&args[1])? {
        Some(v) => Ok(v),
        None => Ok(args.get(2).cloned().unwrap_or_else(|| rt().none.clone())),
    }
}

fn dict_setdefault(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("setdefault", args, 2, 3)?;
    let d = this(&args[0])?;
    if let Some(v) = d.get(&args[1])? {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or_else(|| rt().none.clone());
    d.set(args[1].clone(), v.clone())?;
    Ok(v)
}

fn dict_pop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("pop", args, 2, 3)?;
    match this(&args[0])?.remove(&args[1])? {
        Some(v) => Ok(v),
        None => args.get(2).cloned().ok_or_else(|| exc::key_error(args[1].clone())),
    }
}

fn dict_popitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match this(&args[0])?.pop_last() {
        Some((k, v)) => Ok(super::tuple::new(vec![k, v])),
        None => Err(exc::key_error(super::str::new("popitem(): dictionary is empty"))),
    }
}

fn view(args: &[Value], ty: &Value) -> PyResult<Value> {
    this(&args[0])?;
    Ok(crate::heap::alloc(ty, DictViewData { dict: args[0].clone() }))
}

fn dict_keys(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view(args, &rt().types.dict_keys)
}
fn dict_values(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view(args, &rt().types.dict_values)
}
fn dict_items(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view(args, &rt().types.dict_items)
}

fn dict_clear(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?.clear();
    Ok(rt().none.clone())
}

fn dict_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    copy(&args[0])
}

fn dict_fromkeys(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("fromkeys", args, 2, 3)?;
    let out = crate::call::call(&args[0], &[], &[])?;
    let v = args.get(2).cloned().unwrap_or_else(|| rt().none.clone());
    for k in ops::collect(&args[1])? {
        ops::setitem(&out, k, v.clone())?;
    }
    Ok(out)
}

/// The payload of `dict_keys` / `dict_values` / `dict_items`.
pub struct DictViewData {
    pub dict: Value,
}

pub const VIEW_METHODS: &[Method] = &[
    m("__len__", view_len),
    m("__iter__", view_iter),
    m("__repr__", view_repr),
    m("__contains__", view_contains),
    m("__eq__", view_eq),
    m("__ne__", view_ne),
    m("__lt__", view_lt),
    m("__le__", view_le),
    m("__gt__", view_gt),
    m("__ge__", view_ge),
    m("__and__", view_and),
    m("__rand__", view_and),
    m("__or__", view_or),
    m("__ror__", view_or),
    m("__sub__", view_sub),
    m("__rsub__", view_rsub),
    m("__xor__", view_xor),
    m("__rxor__", view_xor),
    m("isdisjoint", view_isdisjoint),
    m("__reversed__", view_reversed),
];

fn view_set_op(args: &[Value], op: crate::ops::BinOp, swap: bool) -> PyResult<Value> {
    super::check_args("operator", args, 2, 2)?;
    if !ops::is_iterable(&args[1]) {
        return Ok(rt().not_implemented.clone());
    }
    let a = super::set::new_set(view_items(&args[0])?)?;
    let b = super::set::new_set(ops::collect(&args[1])?)?;
    if swap {
        ops::binary(&b, &a, op)
    } else {
        ops::binary(&a, &b, op)
    }
}

fn view_and(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_set_op(args, ops::BinOp::And, false)
}
fn view_or(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_set_op(args, ops::BinOp::Or, false)
}
fn view_sub(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_set_op(args, ops::BinOp::Sub, false)
}
fn view_rsub(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_set_op(args, ops::BinOp::Sub, true)
}
fn view_xor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_set_op(args, ops::BinOp::Xor, false)
}

fn view_isdisjoint(args: &[Value], _: &[Value]) -> PyResult<Value> {
    super::check_args("isdisjoint", args, 2, 2)?;
    let a = super::set::new_set(view_items(&args[0])?)?;
    for v in ops::collect(&args[1])? {
        if super::set::contains(&a, &v)? {
            return Ok(rt().false_.clone());
        }
    }
    Ok(rt().true_.clone())
}

fn view_reversed(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut items = view_items(&args[0])?;
    items.reverse();
    Ok(super::iter::new_seq_iter(&rt().types.list_iterator, super::list::new(items)))
}

fn view_this(v: &Value) -> PyResult<&DictViewData> {
    v.downcast::<DictViewData>().ok_or_else(|| exc::type_error("expected a dict view"))
}

fn view_kind(v: &Value) -> u8 {
    let t = crate::types::type_of(v);
    if t.is(&rt().types.dict_keys) {
        0
    } else if t.is(&rt().types.dict_values) {
        1
    } else {
        2
    }
}

/// The items a view shows.
pub fn view_items(v: &Value) -> PyResult<Vec<Value>> {
    let d = this(&view_this(v)?.dict)?;
    Ok(match view_kind(v) {
        0 => d.keys(),
        1 => d.values(),
        _ => d.items().into_iter().map(|(k, v)| super::tuple::new(vec![k, v])).collect(),
    })
}

fn view_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&view_this(&args[0])?.dict)?.len()))
}

fn view_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = view_this(&args[0])?.dict.clone();
    let ty = match view_kind(&args[0]) {
        0 => &rt().types.dict_keyiterator,
        1 => &rt().types.dict_valueiterator,
        _ => &rt().types.dict_itemiterator,
    };
    Ok(super::iter::new_dict_iter(ty, d))
}

fn view_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = view_items(&args[0])?;
    let name = crate::types::type_name(&args[0]);
    let inner = super::tuple::repr_items(&items, "[", "]")?;
    Ok(super::str::from_string(format!("{name}({inner})")))
}

fn view_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let d = this(&view_this(&args[0])?.dict)?;
    match view_kind(&args[0]) {
        0 => Ok(rt().bool_value(d.get(&args[1])?.is_some())),
        1 => {
            for v in d.values() {
                if v.is(&args[1]) || ops::eq(&v, &args[1])? {
                    return Ok(rt().true_.clone());
                }
            }
            Ok(rt().false_.clone())
        }
        _ => {
            let Some(pair) = super::tuple::items(&args[1]).filter(|p| p.len() == 2) else {
                return Ok(rt().false_.clone());
            };
            match d.get(&pair[0])? {
                Some(v) => Ok(rt().bool_value(v.is(&pair[1]) || ops::eq(&v, &pair[1])?)),
                None => Ok(rt().false_.clone()),
            }
        }
    }
}

fn view_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_compare(args, ops::CompareOp::Eq)
}
fn view_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_compare(args, ops::CompareOp::Ne)
}
fn view_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_compare(args, ops::CompareOp::Lt)
}
fn view_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_compare(args, ops::CompareOp::Le)
}
fn view_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_compare(args, ops::CompareOp::Gt)
}
fn view_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    view_compare(args, ops::CompareOp::Ge)
}

/// `dictview_richcompare`: keys and items views compare as sets with sets
/// and other keys/items views (by length, then containment); values views
/// only by identity.
fn view_compare(args: &[Value], op: ops::CompareOp) -> PyResult<Value> {
    use ops::CompareOp::*;
    check_args("comparison", args, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    if view_kind(a) == 1 {
        return Ok(match op {
            Eq => rt().bool_value(a.is(b)),
            Ne => rt().bool_value(!a.is(b)),
            _ => rt().not_implemented.clone(),
        });
    }
    let set_like =
        super::set::data(b).is_some() || b.downcast::<DictViewData>().is_some_and(|_| view_kind(b) != 1);
    if !set_like {
        return Ok(rt().not_implemented.clone());
    }
    let (la, lb) = (ops::len(a)?, ops::len(b)?);
    let result = match op {
        Eq => la == lb && all_contained_in(a, b)?,
        Ne => !(la == lb && all_contained_in(a, b)?),
        Lt => la < lb && all_contained_in(a, b)?,
        Le => la <= lb && all_contained_in(a, b)?,
        Gt => la > lb && all_contained_in(b, a)?,
        Ge => la >= lb && all_contained_in(b, a)?,
    };
    Ok(rt().bool_value(result))
}

/// Whether every item of `a` is in `b`.
fn all_contained_in(a: &Value, b: &Value) -> PyResult<bool> {
    for x in ops::collect(a)? {
        if !ops::contains(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::{int, str as pystr};

    fn setup() -> (Value, Value, Value) {
        let d = new_dict();
        let (a, b) = (pystr::intern("alpha"), pystr::intern("beta"));
        set_item(&d, a.clone(), int::from_i64(1)).unwrap();
        set_item(&d, b.clone(), int::from_i64(2)).unwrap();
        (d, a, b)
    }

    #[test]
    fn lookup_str_index_and_value_at() {
        let (d, a, b) = setup();
        let ia = lookup_str_index(&d, &a).unwrap();
        let ib = lookup_str_index(&d, &b).unwrap();
        assert_ne!(ia, ib);
        assert_eq!(value_at(&d, ia).unwrap().as_small_int(), Some(1));
        assert_eq!(value_at(&d, ib).unwrap().as_small_int(), Some(2));
        assert!(lookup_str_index(&d, &pystr::intern("gamma")).is_none());
        assert!(lookup_str_index(&d, &int::from_i64(1)).is_none());
        assert!(value_at(&d, 1000).is_none());
        del_item(&d, &a).unwrap();
        assert!(value_at(&d, ia).is_none());
        assert!(lookup_str_index(&d, &a).is_none());
    }

    #[test]
    fn keys_version_tracks_keys_not_values() {
        let (d, a, _) = setup();
        let v0 = keys_version(&d);
        set_item(&d, a.clone(), int::from_i64(10)).unwrap();
        assert_eq!(keys_version(&d), v0, "replacing a value keeps the version");
        set_item(&d, pystr::intern("gamma"), int::from_i64(3)).unwrap();
        let v1 = keys_version(&d);
        assert_ne!(v1, v0, "adding a key changes it");
        del_item(&d, &a).unwrap();
        let v2 = keys_version(&d);
        assert_ne!(v2, v1, "removing a key changes it");
        // Another dict with the same history never shares a version.
        let (other, _, _) = setup();
        assert_ne!(keys_version(&other), v0);
        for i in 0..100 {
            set_item(&d, int::from_i64(i), int::from_i64(i)).unwrap();
        }
        assert_ne!(keys_version(&d), v2, "growth (a rebuild) changes it");
        if let Some(dd) = data(&d) {
            dd.clear();
        }
        assert_ne!(keys_version(&d), v2);
    }
}
