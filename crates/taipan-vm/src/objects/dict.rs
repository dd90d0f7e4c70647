//! `dict`: a compact, insertion-ordered table (an index array with
//! CPython's perturbed probing over a dense entry vector, tombstones on
//! delete) — a stand-in until the `tables` building block replaces the
//! table behind these functions. Key comparison may call Python `__eq__`,
//! so lookups release the table between probes and restart if the table
//! changed meanwhile. Also the dict views (`keys()`, `values()`, `items()`).

use super::{check_args, cm, m, mk, new_method, split_kwargs, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;

struct Entry {
    hash: i64,
    key: Value,
    value: Value,
}

/// The hash table.
#[derive(Default)]
pub struct Table {
    indices: Vec<u32>,
    entries: Vec<Entry>,
    used: usize,
}

/// The payload of a dict.
pub struct DictData {
    table: RefCell<Table>,
    /// The keys version: a fresh value of [`next_keys_version`] on every
    /// structural change (a key added or removed, the table rebuilt), never
    /// on a value replaced in place. Lookups that call out restart when it
    /// moved; inline caches compare it (see [`keys_version`]).
    pub version: Cell<u64>,
}

impl DictData {
    pub fn new() -> DictData {
        DictData { table: RefCell::new(Table::default()), version: Cell::new(0) }
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn bump(&self) {
        self.version.set(next_keys_version());
    }

    /// The (key, value) pairs in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.table
            .borrow()
            .entries
            .iter()
            .filter(|e| !e.key.is_null())
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.table.borrow().entries.iter().filter(|e| !e.key.is_null()).map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.table.borrow().entries.iter().filter(|e| !e.key.is_null()).map(|e| e.value.clone()).collect()
    }

    /// The entry at dense position `pos` or later: (next pos, key, value).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let t = self.table.borrow();
        let mut i = pos;
        while i < t.entries.len() {
            let e = &t.entries[i];
            if !e.key.is_null() {
                return Some((i + 1, e.key.clone(), e.value.clone()));
            }
            i += 1;
        }
        None
    }

    /// Finds the entry index of `key`; `Ok(None)` when absent.
    pub fn find(&self, key: &Value, hash: i64) -> PyResult<Option<usize>> {
        'restart: loop {
            let version = self.version.get();
            let mut state = (hash as u64 as usize, hash as u64);
            loop {
                match self.probe(key, hash, &mut state) {
                    Probe::Found(ix) => return Ok(Some(ix)),
                    Probe::Absent => return Ok(None),
                    Probe::Compare(ix, k) => {
                        let same = ops::eq(&k, key)?;
                        if self.version.get() != version {
                            continue 'restart;
                        }
                        if same {
                            return Ok(Some(ix));
                        }
                    }
                }
            }
        }
    }

    /// Probes from `state` until a decision or a key needing Python `__eq__`.
    fn probe(&self, key: &Value, hash: i64, state: &mut (usize, u64)) -> Probe {
        let t = self.table.borrow();
        if t.indices.is_empty() {
            return Probe::Absent;
        }
        let mask = t.indices.len() - 1;
        loop {
            let i = state.0 & mask;
            let ix = t.indices[i];
            state.1 >>= 5;
            state.0 = i.wrapping_mul(5).wrapping_add(state.1 as usize).wrapping_add(1);
            if ix == EMPTY {
                return Probe::Absent;
            }
            if ix == DUMMY {
                continue;
            }
            let e = &t.entries[ix as usize];
            if e.key.is(key) {
                return Probe::Found(ix as usize);
            }
            if e.hash == hash {
                match ops::eq_fast(&e.key, key) {
                    Some(true) => return Probe::Found(ix as usize),
                    Some(false) => {}
                    None => return Probe::Compare(ix as usize, e.key.clone()),
                }
            }
        }
    }

    /// The value at entry `ix`.
    fn value_at(&self, ix: usize) -> Value {
        self.table.borrow().entries[ix].value.clone()
    }

    /// `d[key]` (None when absent).
    pub fn get(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        self.get_hashed(key, hash)
    }

    pub fn get_hashed(&self, key: &Value, hash: i64) -> PyResult<Option<Value>> {
        Ok(self.find(key, hash)?.map(|ix| self.value_at(ix)))
    }

    /// `d[key] = value`.
    pub fn set(&self, key: Value, value: Value) -> PyResult<()> {
        let hash = ops::hash(&key)?;
        self.set_hashed(key, hash, value)
    }

    pub fn set_hashed(&self, key: Value, hash: i64, value: Value) -> PyResult<()> {
        if let Some(ix) = self.find(&key, hash)? {
            let old = std::mem::replace(&mut self.table.borrow_mut().entries[ix].value, value);
            drop(old);
            return Ok(());
        }
        self.insert_new(key, hash, value);
        Ok(())
    }

    fn insert_new(&self, key: Value, hash: i64, value: Value) {
        let mut t = self.table.borrow_mut();
        if (t.entries.len() + 1) * 3 >= t.indices.len() * 2 {
            t.resize();
        }
        let ix = t.entries.len() as u32;
        t.entries.push(Entry { hash, key, value });
        t.used += 1;
        let slot = t.free_slot(hash);
        t.indices[slot] = ix;
        drop(t);
        self.bump();
    }

    /// Removes `key`, returning its value (None when absent).
    pub fn remove(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        let Some(ix) = self.find(key, hash)? else {
            return Ok(None);
        };
        let (k, v) = {
            let mut t = self.table.borrow_mut();
            let slot = t.slot_of(ix as u32, hash);
            if let Some(s) = slot {
                t.indices[s] = DUMMY;
            }
            t.used -= 1;
            let e = &mut t.entries[ix];
            (e.key.take(), e.value.take())
        };
        self.bump();
        drop(k);
        Ok(Some(v))
    }

    /// For the cycle collector: visits every key and value (nothing while
    /// the table is borrowed, which only makes the collector conservative).
    pub(crate) fn gc_visit(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(t) = self.table.try_borrow() {
            t.entries.iter().for_each(|e| {
                visit(&e.key);
                visit(&e.value);
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
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.bump();
        drop(old);
    }

    /// Removes and returns the last item.
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        let mut t = self.table.borrow_mut();
        while let Some(e) = t.entries.pop() {
            if e.key.is_null() {
                continue;
            }
            let ix = t.entries.len() as u32;
            if let Some(s) = t.slot_of(ix, e.hash) {
                t.indices[s] = DUMMY;
            }
            t.used -= 1;
            drop(t);
            self.bump();
            return Some((e.key, e.value));
        }
        None
    }
}

impl Default for DictData {
    fn default() -> Self {
        Self::new()
    }
}

enum Probe {
    Found(usize),
    Absent,
    Compare(usize, Value),
}

impl Table {
    fn resize(&mut self) {
        self.entries.retain(|e| !e.key.is_null());
        let mut size = 8;
        while size * 2 <= (self.entries.len() + 1) * 3 {
            size *= 2;
        }
        size *= 2;
        self.indices = vec![EMPTY; size];
        for ix in 0..self.entries.len() {
            let slot = self.free_slot(self.entries[ix].hash);
            self.indices[slot] = ix as u32;
        }
    }

    fn free_slot(&self, hash: i64) -> usize {
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            if self.indices[i] == EMPTY {
                return i;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    fn slot_of(&self, ix: u32, hash: i64) -> Option<usize> {
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            match self.indices[i] {
                EMPTY => return None,
                x if x == ix => return Some(i),
                _ => {}
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
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
    let mut state = (hash as u64 as usize, hash as u64);
    match dd.probe(name, hash, &mut state) {
        Probe::Found(ix) => Some(ix),
        Probe::Absent | Probe::Compare(..) => None,
    }
}

/// The value of the live entry at `index` (`None` for a hole or an index
/// out of range).
pub fn value_at(d: &Value, index: usize) -> Option<Value> {
    let t = data(d)?.table.borrow();
    t.entries.get(index).filter(|e| !e.key.is_null()).map(|e| e.value.clone())
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

/// Looks up a str key (no Python code runs for str keys).
pub fn get_str(d: &Value, key: &Value) -> Option<Value> {
    let dd = data(d)?;
    let h = super::str::hash_of(super::str::data(key)?);
    dd.get_hashed(key, h).ok().flatten()
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
    let out = new_dict();
    let od = this(&out)?;
    for (k, v) in this(d)?.items() {
        od.set(k, v)?;
    }
    Ok(out)
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
    m("__repr__", dict_repr),
    m("__getitem__", dict_getitem),
    m("__setitem__", dict_setitem),
    m("__delitem__", dict_delitem),
    m("__contains__", dict_contains),
    m("__iter__", dict_iter),
    m("__reversed__", dict_reversed),
    m("__eq__", dict_eq),
    m("__ne__", dict_ne),
    m("__or__", dict_or),
    m("__ior__", dict_ior),
    m("get", dict_get),
    m("setdefault", dict_setdefault),
    m("pop", dict_pop),
    m("popitem", dict_popitem),
    m("keys", dict_keys),
    m("values", dict_values),
    m("items", dict_items),
    mk("update", dict_update),
    m("clear", dict_clear),
    m("copy", dict_copy),
    cm("fromkeys", dict_fromkeys),
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
    check_args("__getitem__", args, 2, 2)?;
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
    check_args("__eq__", args, 2, 2)?;
    if view_kind(&args[0]) == 1 {
        return Ok(rt().bool_value(args[0].is(&args[1])));
    }
    let a = view_items(&args[0])?;
    let b = match args[1].downcast::<DictViewData>() {
        Some(_) => view_items(&args[1])?,
        None => match super::set::items_of(&args[1]) {
            Some(items) => items,
            None => return Ok(rt().not_implemented.clone()),
        },
    };
    if a.len() != b.len() {
        return Ok(rt().false_.clone());
    }
    let set = super::set::new_set(b)?;
    for x in a {
        if !super::set::contains(&set, &x)? {
            return Ok(rt().false_.clone());
        }
    }
    Ok(rt().true_.clone())
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
