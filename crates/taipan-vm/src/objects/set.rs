//! `set` and `frozenset` on the `tables::set` table (CPython 3.11's
//! `setobject.c` probing, so iteration orders match CPython's).
//!
//! Single-key operations (`add`, `discard`, `in`) probe step by step: the
//! table is borrowed only between `__eq__` calls, and a probe invalidated by
//! re-entrant code restarts as CPython's does. The set algebra works on
//! owned snapshots of the tables (cheap reference-count clones), so Python
//! `__eq__` may run during it without any table being borrowed; the result
//! replaces the set's body at the end. Each operation follows the CPython
//! function named in its comment.

use std::cell::RefCell;

use super::{check_args, m, mc, new_method, Method};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::tables::set::{SetProbe, SetTable};
use crate::types::{is_instance, type_name};
use crate::value::Value;

type Table = SetTable<Value>;

/// The payload of a set or frozenset.
pub struct SetData {
    table: SetStore,
}

impl SetData {
    pub fn new() -> SetData {
        SetData { table: SetStore::default() }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Slots in the hash table (`__sizeof__`).
    pub fn capacity(&self) -> usize {
        self.table.t.borrow().capacity()
    }

    /// For the cycle collector: visits every key (nothing while the table
    /// is borrowed) and, for `gc_clear`, empties the set.
    pub(crate) fn gc_visit(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(t) = self.table.t.try_borrow() {
            t.iter().for_each(|(_, _, k)| visit(k));
        }
    }

    pub(crate) fn gc_clear(&self) {
        let old = self.table.t.try_borrow_mut().map(|mut t| t.clear());
        drop(old);
    }

    /// The keys in iteration order.
    pub fn items(&self) -> Vec<Value> {
        self.table.keys()
    }

    /// The first key at or after slot `pos` and the position after it
    /// (for the set iterator).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        self.table.entry_from(pos)
    }
}

impl Default for SetData {
    fn default() -> Self {
        SetData::new()
    }
}

/// A set table behind a `RefCell`, never borrowed across Python code.
#[derive(Default)]
pub struct SetStore {
    t: RefCell<Table>,
}

/// Where a step-wise lookup ended.
enum Lookup {
    Found(usize),
    Absent(SetProbe),
}

impl SetStore {
    pub fn len(&self) -> usize {
        self.t.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first entry at or after slot `pos`: (next position, key).
    fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        let t = self.t.borrow();
        t.next_entry(pos).map(|(slot, _, k)| (slot + 1, k.clone()))
    }

    /// The keys in table (iteration) order.
    pub fn keys(&self) -> Vec<Value> {
        self.t.borrow().iter().map(|(_, _, k)| k.clone()).collect()
    }

    /// An owned copy of the table (same layout, same order).
    fn snapshot(&self) -> Table {
        self.t.borrow().clone()
    }

    /// The table itself, borrowed, when every key is pure (`pure_key`):
    /// comparing or dropping such keys runs no Python code, so the set
    /// algebra can read it in place instead of from a snapshot.
    fn borrow_if_pure(&self) -> Option<std::cell::Ref<'_, Table>> {
        let t = self.t.borrow();
        all_pure(&t).then_some(t)
    }

    /// Replaces the body; the old keys are dropped after the borrow ends.
    fn replace(&self, body: Table) {
        let old = std::mem::replace(&mut *self.t.borrow_mut(), body);
        drop(old);
    }

    /// Runs `f` on the table mutably, dropping what it returns afterwards.
    fn with_mut<R>(&self, f: impl FnOnce(&mut Table) -> R) -> R {
        f(&mut self.t.borrow_mut())
    }

    /// `set_lookkey` step by step (`add` gives a true `__eq__` priority over
    /// a probe invalidated by it, as `set_add_entry` does).
    fn lookup(&self, key: &Value, hash: i64, eq_wins: bool) -> PyResult<Lookup> {
        'restart: loop {
            let mut p = self.t.borrow().start_probe(hash);
            loop {
                let cand = self.t.borrow().next_candidate(&mut p).map(|(s, k)| (s, k.clone()));
                let Some((slot, k)) = cand else { return Ok(Lookup::Absent(p)) };
                if let Some(same) = ops::eq_fast(&k, key) {
                    if same {
                        return Ok(Lookup::Found(slot));
                    }
                    continue;
                }
                let same = ops::eq(&k, key)?;
                if same && eq_wins {
                    return Ok(Lookup::Found(slot));
                }
                if !self.t.borrow().probe_still_valid(&p, slot, |x| x.is(&k)) {
                    continue 'restart;
                }
                if same {
                    return Ok(Lookup::Found(slot));
                }
            }
        }
    }

    /// `key in s` for a hashed key.
    pub fn contains_hashed(&self, key: &Value, hash: i64) -> PyResult<bool> {
        if let Some(found) = self.contains_pure(key, hash) {
            return Ok(found);
        }
        Ok(matches!(self.lookup(key, hash, false)?, Lookup::Found(_)))
    }

    /// `key in s` in one pass with the table borrowed once, comparing by
    /// identity and `ops::eq_fast`; `None` when a key on the path needs
    /// Python `__eq__` (then the step-wise lookup decides).
    #[inline]
    fn contains_pure(&self, key: &Value, hash: i64) -> Option<bool> {
        let t = self.t.borrow();
        let mut undecided = false;
        let found = t.contains_with(hash, |k| pure_eq(k, key, &mut undecided));
        (!undecided).then_some(found)
    }

    /// `set_add_entry`: adds `key` unless an equal key is present.
    pub fn add_hashed(&self, key: Value, hash: i64) -> PyResult<()> {
        // One pure pass first: it inserts, or finds the key, or stops
        // (without inserting) at a key that needs Python `__eq__`.
        let mut undecided = false;
        let added = self.t.borrow_mut().add_with(hash, key.clone(), |k| pure_eq(k, &key, &mut undecided));
        if added || !undecided {
            return Ok(());
        }
        let mut key = key;
        loop {
            let Lookup::Absent(p) = self.lookup(&key, hash, true)? else { return Ok(()) };
            match self.t.borrow_mut().insert_at_probe(&p, key) {
                Ok(()) => return Ok(()),
                Err(k) => key = k,
            }
        }
    }

    /// `set_discard_entry`: whether `key` was there.
    pub fn discard_hashed(&self, key: &Value, hash: i64) -> PyResult<bool> {
        loop {
            let Lookup::Found(slot) = self.lookup(key, hash, false)? else { return Ok(false) };
            if self.with_mut(|t| t.remove_at(slot)).is_some() {
                return Ok(true);
            }
        }
    }

    pub fn add(&self, key: Value) -> PyResult<()> {
        let h = ops::hash(&key)?;
        self.add_hashed(key, h)
    }

    pub fn clear(&self) {
        let old = self.with_mut(Table::clear);
        drop(old);
    }
}

/// Whether comparing `k` with another pure key, or dropping it, can run
/// no Python code: an exact str, a small int or a float.
#[inline(always)]
fn pure_key(k: &Value) -> bool {
    k.is_small_int() || k.is_float() || super::str::is_exact(k)
}

/// Whether every key of `t` is pure.
fn all_pure(t: &Table) -> bool {
    t.iter().all(|(_, _, k)| pure_key(k))
}

/// Identity or `ops::eq_fast` equality of a stored key and a probe key;
/// when only Python `__eq__` could tell, sets `undecided` and answers
/// "equal" so that the pure probe stops there.
#[inline(always)]
fn pure_eq(stored: &Value, key: &Value, undecided: &mut bool) -> bool {
    stored.is(key)
        || ops::eq_fast(stored, key).unwrap_or_else(|| {
            *undecided = true;
            true
        })
}

/// Python `==` for the table algebra: the first error is kept and later
/// comparisons are skipped (answering "different").
struct PyEq {
    err: Option<PyErr>,
}

impl PyEq {
    fn new() -> PyEq {
        PyEq { err: None }
    }

    fn eq(&mut self, a: &Value, b: &Value) -> bool {
        if let Some(r) = ops::eq_fast(a, b) {
            return r;
        }
        if self.err.is_some() {
            return false;
        }
        match ops::eq(a, b) {
            Ok(r) => r,
            Err(e) => {
                self.err = Some(e);
                false
            }
        }
    }

    /// Runs one table operation with this comparison.
    fn run<R>(f: impl FnOnce(&mut dyn FnMut(&Value, &Value) -> bool) -> R) -> PyResult<R> {
        let mut e = PyEq::new();
        let r = f(&mut |a, b| e.eq(a, b));
        match e.err {
            Some(err) => Err(err),
            None => Ok(r),
        }
    }
}

/// The (hash, key) pairs of an iterable, in its order.
fn hashed_items(v: &Value) -> PyResult<Vec<(i64, Value)>> {
    ops::collect(v)?.into_iter().map(|k| Ok((ops::hash(&k)?, k))).collect()
}

/// `set_update_internal` into an owned table: a set merges, a dict resizes
/// once for its size then adds its keys, anything else adds one by one.
fn update_table(t: &mut Table, other: &Value) -> PyResult<()> {
    if let Some(o) = data(other) {
        if all_pure(t) {
            if let Some(body) = o.table.borrow_if_pure() {
                return PyEq::run(|eq| t.merge(&body, eq));
            }
        }
        let body = o.table.snapshot();
        return PyEq::run(|eq| t.merge(&body, eq));
    }
    let dict_len = super::dict::data(other).filter(|_| super::dict::is_exact(other)).map(|d| d.len());
    let items = hashed_items(other)?;
    if let Some(n) = dict_len {
        if (t.fill() + n) * 5 >= (t.capacity() - 1) * 3 {
            t.resize((t.len() + n) * 2);
        }
    }
    PyEq::run(|eq| t.update_from_iter(items, eq))
}

/// `make_new_set`: a table holding the items of an iterable.
fn table_of(v: &Value) -> PyResult<Table> {
    let mut t = Table::new();
    update_table(&mut t, v)?;
    Ok(t)
}

/// `set_update_internal` on a live set.
fn update_live(s: &SetData, other: &Value) -> PyResult<()> {
    if let Some(o) = data(other) {
        if std::ptr::eq(o, s) {
            return Ok(());
        }
        if let Some(body) = o.table.borrow_if_pure() {
            let mut mine = s.table.t.borrow_mut();
            if all_pure(&mine) {
                return PyEq::run(|eq| mine.merge(&body, eq));
            }
        }
        let mut t = s.table.snapshot();
        update_table(&mut t, other)?;
        s.table.replace(t);
        return Ok(());
    }
    if super::dict::data(other).is_some() && super::dict::is_exact(other) {
        let mut t = s.table.snapshot();
        update_table(&mut t, other)?;
        s.table.replace(t);
        return Ok(());
    }
    let it = ops::iter(other)?;
    while let Some(k) = next_item(&it)? {
        s.table.add(k)?;
    }
    Ok(())
}

/// The next item of iterator `it`: the builtin iterators natively.
#[inline]
fn next_item(it: &Value) -> PyResult<Option<Value>> {
    match super::iter::next_native(it) {
        Some(r) => r,
        None => ops::next(it),
    }
}

fn alloc_table(ty: &Value, t: Table) -> PyResult<Value> {
    let d = SetData { table: SetStore { t: RefCell::new(t) } };
    if ty.is(&rt().types.set) || ty.is(&rt().types.frozenset) {
        Ok(crate::heap::alloc(ty, d))
    } else {
        super::object::alloc_subclass(ty, d)
    }
}

fn alloc(ty: &Value, items: Vec<Value>) -> PyResult<Value> {
    let mut t = Table::new();
    let hashed = items.into_iter().map(|k| Ok((ops::hash(&k)?, k))).collect::<PyResult<Vec<_>>>()?;
    PyEq::run(|eq| t.update_from_iter(hashed, eq))?;
    alloc_table(ty, t)
}

/// A new set of `items`.
pub fn new_set(items: Vec<Value>) -> PyResult<Value> {
    alloc(&rt().types.set, items)
}

/// A new frozenset of `items`.
pub fn new_frozenset(items: Vec<Value>) -> PyResult<Value> {
    alloc(&rt().types.frozenset, items)
}

/// A frozenset constant of a code object, laid out as CPython's: the
/// compiler builds it from the source order and the constant merging
/// (`merge_consts_recursive`) rebuilds it once from that set's iteration
/// order, which can move colliding keys.
pub fn frozenset_constant(items: Vec<Value>) -> PyResult<Value> {
    let mut t = Table::new();
    let hashed = items.into_iter().map(|k| Ok((ops::hash(&k)?, k))).collect::<PyResult<Vec<_>>>()?;
    PyEq::run(|eq| t.update_from_iter(hashed, eq))?;
    let order: Vec<(i64, Value)> = t.iter().map(|(_, h, k)| (h, k.clone())).collect();
    let mut t = Table::new();
    PyEq::run(|eq| t.update_from_iter(order, eq))?;
    alloc_table(&rt().types.frozenset, t)
}

pub fn data(v: &Value) -> Option<&SetData> {
    v.downcast::<SetData>()
}

/// The items of a set or frozenset, in iteration order.
pub fn items_of(v: &Value) -> Option<Vec<Value>> {
    data(v).map(|d| d.table.keys())
}

/// Hashes `x`, retrying a set as a frozenset (`set_contains_key` and
/// friends): the key to use and its hash.
fn hash_key(x: &Value) -> PyResult<(Value, i64)> {
    match ops::hash(x) {
        Ok(h) => Ok((x.clone(), h)),
        Err(e) if data(x).is_some() && e.matches(&rt().exc.type_error) => {
            let body = data(x).map(|d| d.table.snapshot()).unwrap_or_default();
            let h = body.frozenset_hash();
            Ok((alloc_table(&rt().types.frozenset, body)?, h))
        }
        Err(e) => Err(e),
    }
}

/// `x in s`.
pub fn contains(s: &Value, x: &Value) -> PyResult<bool> {
    let d = this(s)?;
    let (k, h) = hash_key(x)?;
    d.table.contains_hashed(&k, h)
}

/// `x in s` for an exact set or frozenset (their own `__contains__`,
/// without the slot dispatch); `None` for any other container.
#[inline]
pub fn exact_contains(s: &Value, x: &Value) -> Option<PyResult<bool>> {
    let ty = s.header()?.ty.get();
    let t = &rt().types;
    if ty != t.set.as_ptr() && ty != t.frozenset.as_ptr() {
        return None;
    }
    Some(contains(s, x))
}

/// `s.update(iterable)` (`SET_UPDATE`): a set operand merges its table,
/// so a set literal built from a frozenset constant keeps its order.
pub fn update(s: &Value, other: &Value) -> PyResult<()> {
    update_live(this(s)?, other)
}

/// `s.add(x)`.
pub fn add(s: &Value, x: Value) -> PyResult<()> {
    this(s)?.table.add(x)
}

fn this(v: &Value) -> PyResult<&SetData> {
    data(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'set' object but received '{}'", type_name(v)))
    })
}

fn is_frozen(v: &Value) -> bool {
    is_instance(v, &rt().types.frozenset)
}

/// A result of the base kind (set/frozenset) of `like`
/// (`make_new_set_basetype`).
fn same_kind(like: &Value, t: Table) -> PyResult<Value> {
    let ty = if is_frozen(like) { &rt().types.frozenset } else { &rt().types.set };
    alloc_table(ty, t)
}

/// The methods only `set` has (it also gets `SHARED_METHODS`).
pub const SET_METHODS: &[Method] = &[
    new_method(set_new),
    m("__init__", set_init),
    m("add", set_add),
    m("remove", set_remove),
    m("discard", set_discard),
    m("pop", set_pop),
    m("clear", set_clear),
    m("update", set_update),
    m("__ior__", set_ior),
    m("__iand__", set_iand),
    m("__isub__", set_isub),
    m("__ixor__", set_ixor),
    m("intersection_update", set_intersection_update),
    m("difference_update", set_difference_update),
    m("symmetric_difference_update", set_symmetric_difference_update),
    m("__hash__", set_unhashable),
];

/// The methods only `frozenset` has (it also gets `SHARED_METHODS`).
pub const FROZENSET_METHODS: &[Method] = &[new_method(frozenset_new), m("__hash__", frozenset_hash)];

/// The methods `set` and `frozenset` share (installed on both).
pub const SHARED_METHODS: &[Method] = &[
    m("copy", set_copy),
    m("union", set_union),
    m("intersection", set_intersection),
    m("difference", set_difference),
    m("symmetric_difference", set_symmetric_difference),
    m("issubset", set_issubset),
    m("issuperset", set_issuperset),
    m("isdisjoint", set_isdisjoint),
    m("__len__", set_len),
    mc("__contains__", set_contains),
    m("__iter__", set_iter),
    m("__repr__", set_repr),
    m("__eq__", set_eq),
    m("__ne__", set_ne),
    m("__le__", set_le),
    m("__lt__", set_lt),
    m("__ge__", set_ge),
    m("__gt__", set_gt),
    m("__or__", set_or),
    m("__and__", set_and),
    m("__sub__", set_sub),
    m("__xor__", set_xor),
    m("__ror__", set_ror),
    m("__rand__", set_rand),
    m("__rsub__", set_rsub),
    m("__rxor__", set_rxor),
];

fn none() -> PyResult<Value> {
    Ok(rt().none.clone())
}

fn set_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    alloc_table(&args[0], Table::new())
}

/// `set.__init__`: clears, then `set_update_internal`.
fn set_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("set() takes no keyword arguments"));
    }
    check_args("set", args, 1, 2)?;
    let d = this(&args[0])?;
    d.table.clear();
    if let Some(src) = args.get(1) {
        update_live(d, src)?;
    }
    none()
}

fn frozenset_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("frozenset() takes no keyword arguments"));
    }
    check_args("frozenset", args, 1, 2)?;
    let exact = args[0].is(&rt().types.frozenset);
    match args.get(1) {
        Some(v) if exact && crate::types::type_of(v).is(&rt().types.frozenset) => Ok(v.clone()),
        Some(v) => alloc_table(&args[0], table_of(v)?),
        None => alloc_table(&args[0], Table::new()),
    }
}

fn set_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("add", args, 2, 2)?;
    add(&args[0], args[1].clone())?;
    none()
}

/// `set_discard_key` with the set-as-frozenset retry.
fn discard(s: &Value, x: &Value) -> PyResult<bool> {
    let d = this(s)?;
    let (k, h) = hash_key(x)?;
    d.table.discard_hashed(&k, h)
}

fn set_remove(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("remove", args, 2, 2)?;
    if discard(&args[0], &args[1])? {
        none()
    } else {
        Err(exc::key_error(args[1].clone()))
    }
}

fn set_discard(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("discard", args, 2, 2)?;
    discard(&args[0], &args[1])?;
    none()
}

fn set_pop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("pop", args, 1, 1)?;
    let popped = this(&args[0])?.table.with_mut(Table::pop);
    popped.ok_or_else(|| exc::key_error(super::str::new("pop from an empty set")))
}

fn set_clear(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("clear", args, 1, 1)?;
    this(&args[0])?.table.clear();
    none()
}

fn set_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    for other in &args[1..] {
        update_live(d, other)?;
    }
    none()
}

/// `set_copy` (`make_new_set_basetype` from this set).
fn copy_of(s: &Value) -> PyResult<Value> {
    same_kind(s, this(s)?.table.snapshot().copy())
}

fn set_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("copy", args, 1, 1)?;
    copy_of(&args[0])
}

/// `set_union`: a copy updated with each other iterable.
fn set_union(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut t = this(&args[0])?.table.t.borrow().copy();
    for other in &args[1..] {
        if !other.is(&args[0]) {
            update_table(&mut t, other)?;
        }
    }
    same_kind(&args[0], t)
}

/// `set_intersection` of one set with one iterable.
fn intersection(s: &Value, other: &Value) -> PyResult<Table> {
    let d = this(s)?;
    if let Some(o) = data(other).filter(|_| !other.is(s)) {
        if let (Some(body), Some(ob)) = (d.table.borrow_if_pure(), o.table.borrow_if_pure()) {
            return PyEq::run(|eq| body.intersection(&ob, eq));
        }
    }
    let body = d.table.snapshot();
    if other.is(s) {
        return Ok(body.copy());
    }
    if let Some(o) = data(other) {
        let ob = o.table.snapshot();
        return PyEq::run(|eq| body.intersection(&ob, eq));
    }
    let items = hashed_items(other)?;
    PyEq::run(|eq| body.intersection_iter(items, eq))
}

/// `set_intersection_multi`.
fn set_intersection(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut result = copy_of(&args[0])?;
    for (i, other) in args[1..].iter().enumerate() {
        let from = if i == 0 { &args[0] } else { &result };
        let t = intersection(from, other)?;
        result = same_kind(&args[0], t)?;
    }
    Ok(result)
}

/// `set_intersection_update_multi`: swaps the intersection's body in.
fn set_intersection_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = set_intersection(args, &[])?;
    swap_in(&args[0], &r)?;
    none()
}

/// `set_swap_bodies(s, tmp)` where `tmp` is a fresh result.
fn swap_in(s: &Value, tmp: &Value) -> PyResult<()> {
    let mut body = this(tmp)?.table.snapshot();
    this(s)?.table.with_mut(|t| t.swap_bodies(&mut body));
    Ok(())
}

/// `set_difference_update_internal` on a live set.
fn difference_update(s: &Value, other: &Value) -> PyResult<()> {
    let d = this(s)?;
    if other.is(s) {
        d.table.clear();
        return Ok(());
    }
    let mut t = d.table.snapshot();
    if let Some(o) = data(other) {
        let ob = o.table.snapshot();
        PyEq::run(|eq| t.difference_update(&ob, eq))?;
    } else {
        let items = hashed_items(other)?;
        PyEq::run(|eq| t.difference_update_iter(items, eq))?;
    }
    d.table.replace(t);
    Ok(())
}

fn set_difference_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    for other in &args[1..] {
        difference_update(&args[0], other)?;
    }
    none()
}

/// `set_difference` of one set with one iterable.
fn difference(s: &Value, other: &Value) -> PyResult<Table> {
    let d = this(s)?;
    if let Some(o) = data(other) {
        if other.is(s) {
            return Ok(Table::new());
        }
        if let (Some(body), Some(ob)) = (d.table.borrow_if_pure(), o.table.borrow_if_pure()) {
            return PyEq::run(|eq| body.difference(&ob, eq));
        }
    }
    let body = d.table.snapshot();
    if let Some(o) = data(other) {
        let ob = o.table.snapshot();
        return PyEq::run(|eq| body.difference(&ob, eq));
    }
    if super::dict::is_exact(other) {
        let n = super::dict::data(other).map_or(0, |d| d.len());
        if (body.len() >> 2) <= n {
            let mut result = Table::new();
            for (_, h, k) in body.iter() {
                if super::dict::data(other).map(|d| d.get_hashed(k, h)).transpose()?.flatten().is_none() {
                    PyEq::run(|eq| result.update_from_iter([(h, k.clone())], eq))?;
                }
            }
            return Ok(result);
        }
    }
    let items = hashed_items(other)?;
    PyEq::run(|eq| body.difference_iter(items, eq))
}

/// `set_difference_multi`.
fn set_difference(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(first) = args.get(1) else { return copy_of(&args[0]) };
    let result = same_kind(&args[0], difference(&args[0], first)?)?;
    for other in &args[2..] {
        difference_update(&result, other)?;
    }
    Ok(result)
}

/// `set_symmetric_difference_update`.
fn symmetric_difference_update(s: &Value, other: &Value) -> PyResult<()> {
    let d = this(s)?;
    if other.is(s) {
        d.table.clear();
        return Ok(());
    }
    let ob = match data(other) {
        Some(o) => o.table.snapshot(),
        None if super::dict::is_exact(other) => {
            let mut t = d.table.snapshot();
            let items = hashed_items(other)?;
            PyEq::run(|eq| {
                for (h, k) in items {
                    if t.discard_with(h, |x| eq(x, &k)).is_none() {
                        t.add_with(h, k, |_| false);
                    }
                }
            })?;
            d.table.replace(t);
            return Ok(());
        }
        None => table_of(other)?,
    };
    let mut t = d.table.snapshot();
    PyEq::run(|eq| t.symmetric_difference_update(&ob, eq))?;
    d.table.replace(t);
    Ok(())
}

fn set_symmetric_difference_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("symmetric_difference_update", args, 2, 2)?;
    symmetric_difference_update(&args[0], &args[1])?;
    none()
}

/// `set_symmetric_difference`: a new set of `other` toggled with `self`.
fn set_symmetric_difference(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("symmetric_difference", args, 2, 2)?;
    let mut t = table_of(&args[1])?;
    let d = this(&args[0])?;
    if all_pure(&t) {
        if let Some(body) = d.table.borrow_if_pure() {
            PyEq::run(|eq| t.symmetric_difference_update(&body, eq))?;
            return same_kind(&args[0], t);
        }
    }
    let body = d.table.snapshot();
    PyEq::run(|eq| t.symmetric_difference_update(&body, eq))?;
    same_kind(&args[0], t)
}

fn set_unhashable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Err(exc::type_error(format!("unhashable type: '{}'", type_name(&args[0]))))
}

fn frozenset_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(this(&args[0])?.table.t.borrow().frozenset_hash()))
}

/// `set_issubset(a, b)` for two sets: every key of `a` is in `b`.
fn subset(a: &Value, b: &Value) -> PyResult<bool> {
    let (ta, tb) = (this(a)?.table.snapshot(), this(b)?.table.snapshot());
    if ta.len() > tb.len() {
        return Ok(false);
    }
    PyEq::run(|eq| ta.iter().all(|(_, h, k)| tb.contains_with(h, |x| eq(x, k))))
}

fn as_set(v: &Value) -> PyResult<Value> {
    if data(v).is_some() {
        Ok(v.clone())
    } else {
        alloc_table(&rt().types.set, table_of(v)?)
    }
}

fn set_issubset(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("issubset", args, 2, 2)?;
    Ok(rt().bool_value(subset(&args[0], &as_set(&args[1])?)?))
}

/// `set_issuperset`: a set operand is a subset test; an iterable is
/// checked key by key.
fn set_issuperset(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("issuperset", args, 2, 2)?;
    if data(&args[1]).is_some() {
        return Ok(rt().bool_value(subset(&args[1], &args[0])?));
    }
    let it = ops::iter(&args[1])?;
    while let Some(k) = ops::next(&it)? {
        if !contains(&args[0], &k)? {
            return Ok(rt().false_.clone());
        }
    }
    Ok(rt().true_.clone())
}

/// `set_isdisjoint`: iterates the smaller set (or the iterable).
fn set_isdisjoint(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("isdisjoint", args, 2, 2)?;
    let (s, other) = (&args[0], &args[1]);
    if other.is(s) {
        return Ok(rt().bool_value(this(s)?.table.is_empty()));
    }
    if data(other).is_some() {
        let (a, b) = (this(s)?.table.snapshot(), this(other)?.table.snapshot());
        let (big, small) = if b.len() > a.len() { (b, a) } else { (a, b) };
        let hit = PyEq::run(|eq| small.iter().any(|(_, h, k)| big.contains_with(h, |x| eq(x, k))))?;
        return Ok(rt().bool_value(!hit));
    }
    let it = ops::iter(other)?;
    while let Some(k) = ops::next(&it)? {
        if contains(s, &k)? {
            return Ok(rt().false_.clone());
        }
    }
    Ok(rt().true_.clone())
}

fn set_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.table.len()))
}

fn set_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    Ok(rt().bool_value(contains(&args[0], &args[1])?))
}

fn set_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?;
    Ok(super::iter::new_dict_iter(&rt().types.set_iterator, args[0].clone()))
}

/// `set_repr`: `{1, 2}`, `set()`, `frozenset({1})`, `Sub({1})`, `set(...)`.
fn set_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = type_name(&args[0]);
    let Some(_guard) = crate::ops::ReprGuard::enter(&args[0]) else {
        return Ok(super::str::from_string(format!("{name}(...)")));
    };
    let items = this(&args[0])?.table.keys();
    if items.is_empty() {
        return Ok(super::str::from_string(format!("{name}()")));
    }
    let exact_set = crate::types::type_of(&args[0]).is(&rt().types.set);
    let inner = super::tuple::repr_items(&items, "{", "}")?;
    Ok(super::str::from_string(if exact_set { inner } else { format!("{name}({inner})") }))
}

fn rel(args: &[Value], f: fn(&Value, &Value, usize, usize) -> PyResult<bool>) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    if data(&args[1]).is_none() {
        return Ok(rt().not_implemented.clone());
    }
    let (la, lb) = (this(&args[0])?.table.len(), this(&args[1])?.table.len());
    Ok(rt().bool_value(f(&args[0], &args[1], la, lb)?))
}

fn set_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    rel(args, |a, b, la, lb| Ok(la == lb && subset(a, b)?))
}
fn set_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    rel(args, |a, b, la, lb| Ok(!(la == lb && subset(a, b)?)))
}
fn set_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    rel(args, |a, b, _, _| subset(a, b))
}
fn set_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    rel(args, |a, b, la, lb| Ok(la < lb && subset(a, b)?))
}
fn set_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    rel(args, |a, b, _, _| subset(b, a))
}
fn set_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    rel(args, |a, b, la, lb| Ok(la > lb && subset(b, a)?))
}

/// Binary operators: NotImplemented unless both operands are sets.
fn binop(args: &[Value], f: fn(&[Value], &[Value]) -> PyResult<Value>) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    if data(&args[1]).is_none() {
        return Ok(rt().not_implemented.clone());
    }
    f(args, &[])
}

fn set_or(args: &[Value], _: &[Value]) -> PyResult<Value> {
    binop(args, set_union)
}
fn set_and(args: &[Value], _: &[Value]) -> PyResult<Value> {
    binop(args, |a, _| same_kind(&a[0], intersection(&a[0], &a[1])?))
}
fn set_sub(args: &[Value], _: &[Value]) -> PyResult<Value> {
    binop(args, set_difference)
}
fn set_xor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    binop(args, set_symmetric_difference)
}

/// In-place operators: NotImplemented unless `other` is a set; the
/// update runs on `self`, which is returned.
fn inplace(args: &[Value], f: fn(&Value, &Value) -> PyResult<()>) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    if data(&args[1]).is_none() {
        return Ok(rt().not_implemented.clone());
    }
    f(&args[0], &args[1])?;
    Ok(args[0].clone())
}

fn set_ior(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, |s, o| update_live(this(s)?, o))
}
fn set_iand(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, |s, o| {
        let t = intersection(s, o)?;
        let tmp = alloc_table(&rt().types.set, t)?;
        swap_in(s, &tmp)
    })
}
fn set_isub(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, difference_update)
}
fn set_ixor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, symmetric_difference_update)
}

/// Reflected operators: `other OP self`, both sets.
fn reflected(args: &[Value], f: fn(&[Value], &[Value]) -> PyResult<Value>) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    binop(&[args[1].clone(), args[0].clone()], f)
}

fn set_ror(args: &[Value], _: &[Value]) -> PyResult<Value> {
    reflected(args, set_or)
}
fn set_rand(args: &[Value], _: &[Value]) -> PyResult<Value> {
    reflected(args, set_and)
}
fn set_rsub(args: &[Value], _: &[Value]) -> PyResult<Value> {
    reflected(args, set_sub)
}
fn set_rxor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    reflected(args, set_xor)
}
