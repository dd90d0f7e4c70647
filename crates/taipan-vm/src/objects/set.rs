//! `set` and `frozenset` over the `tables` building block's set table
//! (CPython's probing, so iteration order is CPython's). Lookups compare
//! keys step by step so that a Python `__eq__` runs with no borrow held,
//! restarting when the table changed meanwhile.

use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::tables::set::{SetProbe, SetTable};
use crate::types::{is_instance, type_name};
use crate::value::Value;
use std::cell::RefCell;

/// The payload of a set or frozenset.
pub struct SetData {
    table: RefCell<SetTable<Value>>,
}

impl SetData {
    pub fn new() -> SetData {
        SetData { table: RefCell::new(SetTable::new()) }
    }

    pub fn len(&self) -> usize {
        self.table.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items in iteration order.
    pub fn items(&self) -> Vec<Value> {
        self.table.borrow().iter().map(|(_, _, k)| k.clone()).collect()
    }

    /// The first item at or after table position `pos`: (next pos, item).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        self.table.borrow().next_entry(pos).map(|(slot, _, k)| (slot + 1, k.clone()))
    }

    /// Finds `key`: its slot (if present) and the finished probe.
    fn find(&self, key: &Value, hash: i64) -> PyResult<(Option<usize>, SetProbe)> {
        'restart: loop {
            let mut p = self.table.borrow().start_probe(hash);
            loop {
                let cand = self.table.borrow().next_candidate(&mut p).map(|(slot, k)| (slot, k.clone()));
                let Some((slot, k)) = cand else {
                    return Ok((None, p));
                };
                match ops::eq_fast(&k, key) {
                    Some(true) => return Ok((Some(slot), p)),
                    Some(false) => {}
                    None => {
                        let same = ops::eq(&k, key)?;
                        if !self.table.borrow().probe_still_valid(&p, slot, |x| x.is(&k)) {
                            continue 'restart;
                        }
                        if same {
                            return Ok((Some(slot), p));
                        }
                    }
                }
            }
        }
    }

    pub fn contains(&self, key: &Value) -> PyResult<bool> {
        let h = ops::hash(key)?;
        Ok(self.find(key, h)?.0.is_some())
    }

    /// Adds `key` (kept out if an equal key is present).
    pub fn add(&self, key: Value) -> PyResult<()> {
        let h = ops::hash(&key)?;
        let mut key = key;
        loop {
            let (found, p) = self.find(&key, h)?;
            if found.is_some() {
                return Ok(());
            }
            let r = self.table.borrow_mut().insert_at_probe(&p, key);
            match r {
                Ok(()) => return Ok(()),
                Err(k) => key = k,
            }
        }
    }

    /// Removes `key`; whether it was present.
    pub fn discard(&self, key: &Value) -> PyResult<bool> {
        let h = ops::hash(key)?;
        let (found, _) = self.find(key, h)?;
        let Some(slot) = found else {
            return Ok(false);
        };
        let old = self.table.borrow_mut().remove_at(slot);
        drop(old);
        Ok(true)
    }

    pub fn clear(&self) {
        let old = self.table.borrow_mut().clear();
        drop(old);
    }

    pub fn pop(&self) -> Option<Value> {
        let r = self.table.borrow_mut().pop();
        r
    }

    /// The frozenset hash (CPython's), from the stored hashes.
    pub fn frozen_hash(&self) -> i64 {
        self.table.borrow().frozenset_hash()
    }
}

impl Default for SetData {
    fn default() -> Self {
        Self::new()
    }
}

fn alloc(ty: &Value, items: Vec<Value>) -> PyResult<Value> {
    let d = SetData::new();
    for v in items {
        d.add(v)?;
    }
    if ty.is(&rt().types.set) || ty.is(&rt().types.frozenset) {
        Ok(crate::heap::alloc(ty, d))
    } else {
        super::object::alloc_subclass(ty, d)
    }
}

/// A new set of `items`.
pub fn new_set(items: Vec<Value>) -> PyResult<Value> {
    alloc(&rt().types.set, items)
}

/// A new frozenset of `items`.
pub fn new_frozenset(items: Vec<Value>) -> PyResult<Value> {
    alloc(&rt().types.frozenset, items)
}

pub fn data(v: &Value) -> Option<&SetData> {
    v.downcast::<SetData>()
}

/// The items of a set or frozenset.
pub fn items_of(v: &Value) -> Option<Vec<Value>> {
    data(v).map(SetData::items)
}

/// `x in s`.
pub fn contains(s: &Value, x: &Value) -> PyResult<bool> {
    let d = this(s)?;
    match d.contains(x) {
        Ok(r) => Ok(r),
        Err(e) if data(x).is_some() && e.matches(&rt().exc.type_error) => {
            let fs = new_frozenset(items_of(x).unwrap_or_default())?;
            d.contains(&fs)
        }
        Err(e) => Err(e),
    }
}

/// `s.add(x)`.
pub fn add(s: &Value, x: Value) -> PyResult<()> {
    this(s)?.add(x)
}

fn this(v: &Value) -> PyResult<&SetData> {
    data(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'set' object but received '{}'", type_name(v)))
    })
}

fn is_frozen(v: &Value) -> bool {
    is_instance(v, &rt().types.frozenset)
}

/// A result of the same kind (set/frozenset) as `like`.
fn same_kind(like: &Value, items: Vec<Value>) -> PyResult<Value> {
    if is_frozen(like) {
        new_frozenset(items)
    } else {
        new_set(items)
    }
}

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
    m("__hash__", set_unhashable),
    m("copy", set_copy),
    m("union", set_union),
    m("intersection", set_intersection),
    m("difference", set_difference),
    m("symmetric_difference", set_symmetric_difference),
    m("issubset", set_issubset),
    m("issuperset", set_issuperset),
    m("isdisjoint", set_isdisjoint),
    m("__len__", set_len),
    m("__contains__", set_contains),
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
];

pub const FROZENSET_METHODS: &[Method] = &[
    new_method(frozenset_new),
    m("__hash__", frozenset_hash),
    m("copy", set_copy),
    m("union", set_union),
    m("intersection", set_intersection),
    m("difference", set_difference),
    m("symmetric_difference", set_symmetric_difference),
    m("issubset", set_issubset),
    m("issuperset", set_issuperset),
    m("isdisjoint", set_isdisjoint),
    m("__len__", set_len),
    m("__contains__", set_contains),
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
];

fn set_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    alloc(&args[0], Vec::new())
}

fn set_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("set() takes no keyword arguments"));
    }
    check_args("set", args, 1, 2)?;
    let d = this(&args[0])?;
    d.clear();
    if let Some(src) = args.get(1) {
        for v in ops::collect(src)? {
            d.add(v)?;
        }
    }
    Ok(rt().none.clone())
}

fn frozenset_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("frozenset() takes no keyword arguments"));
    }
    check_args("frozenset", args, 1, 2)?;
    let items = match args.get(1) {
        Some(v) => ops::collect(v)?,
        None => Vec::new(),
    };
    alloc(&args[0], items)
}

fn set_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("add", args, 2, 2)?;
    add(&args[0], args[1].clone())?;
    Ok(rt().none.clone())
}

fn set_remove(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("remove", args, 2, 2)?;
    if this(&args[0])?.discard(&args[1])? {
        Ok(rt().none.clone())
    } else {
        Err(exc::key_error(args[1].clone()))
    }
}

fn set_discard(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("discard", args, 2, 2)?;
    this(&args[0])?.discard(&args[1])?;
    Ok(rt().none.clone())
}

fn set_pop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match this(&args[0])?.pop() {
        Some(k) => Ok(k),
        None => Err(exc::key_error(super::str::new("pop from an empty set"))),
    }
}

fn set_clear(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?.clear();
    Ok(rt().none.clone())
}

fn set_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    for other in &args[1..] {
        for v in ops::collect(other)? {
            d.add(v)?;
        }
    }
    Ok(rt().none.clone())
}

fn other_items(v: &Value) -> PyResult<Option<Vec<Value>>> {
    Ok(items_of(v))
}

fn inplace(args: &[Value], f: fn(&[Value], &[Value]) -> PyResult<Value>) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    if data(&args[1]).is_none() {
        return Ok(rt().not_implemented.clone());
    }
    let result = f(args, &[])?;
    let d = this(&args[0])?;
    let items = items_of(&result).unwrap_or_default();
    d.clear();
    for v in items {
        d.add(v)?;
    }
    Ok(args[0].clone())
}

fn set_ior(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, set_union)
}
fn set_iand(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, set_intersection)
}
fn set_isub(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, set_difference)
}
fn set_ixor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    inplace(args, set_symmetric_difference)
}

fn set_intersection_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = set_intersection(args, &[])?;
    let d = this(&args[0])?;
    d.clear();
    for v in items_of(&r).unwrap_or_default() {
        d.add(v)?;
    }
    Ok(rt().none.clone())
}

fn set_difference_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    for other in &args[1..] {
        for v in ops::collect(other)? {
            d.discard(&v)?;
        }
    }
    Ok(rt().none.clone())
}

fn set_unhashable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Err(exc::type_error(format!("unhashable type: '{}'", type_name(&args[0]))))
}

fn frozenset_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(this(&args[0])?.frozen_hash()))
}

fn set_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    same_kind(&args[0], this(&args[0])?.items())
}

fn set_union(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut items = this(&args[0])?.items();
    for other in &args[1..] {
        items.extend(ops::collect(other)?);
    }
    same_kind(&args[0], items)
}

fn set_intersection(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut cur = this(&args[0])?.items();
    for other in &args[1..] {
        let o = new_set(ops::collect(other)?)?;
        let mut keep = Vec::new();
        for v in cur {
            if contains(&o, &v)? {
                keep.push(v);
            }
        }
        cur = keep;
    }
    same_kind(&args[0], cur)
}

fn set_difference(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut cur = this(&args[0])?.items();
    for other in &args[1..] {
        let o = new_set(ops::collect(other)?)?;
        let mut keep = Vec::new();
        for v in cur {
            if !contains(&o, &v)? {
                keep.push(v);
            }
        }
        cur = keep;
    }
    same_kind(&args[0], cur)
}

fn set_symmetric_difference(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("symmetric_difference", args, 2, 2)?;
    let a = this(&args[0])?.items();
    let b_items = ops::collect(&args[1])?;
    let b = new_set(b_items.clone())?;
    let mut out = Vec::new();
    for v in a.iter() {
        if !contains(&b, v)? {
            out.push(v.clone());
        }
    }
    for v in b_items {
        if !contains(&args[0], &v)? {
            out.push(v);
        }
    }
    same_kind(&args[0], out)
}

fn subset(a: &Value, b: &Value) -> PyResult<bool> {
    for v in this(a)?.items() {
        if !contains(b, &v)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn as_set(v: &Value) -> PyResult<Value> {
    if data(v).is_some() {
        Ok(v.clone())
    } else {
        new_set(ops::collect(v)?)
    }
}

fn set_issubset(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("issubset", args, 2, 2)?;
    Ok(rt().bool_value(subset(&args[0], &as_set(&args[1])?)?))
}

fn set_issuperset(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("issuperset", args, 2, 2)?;
    Ok(rt().bool_value(subset(&as_set(&args[1])?, &args[0])?))
}

fn set_isdisjoint(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("isdisjoint", args, 2, 2)?;
    for v in ops::collect(&args[1])? {
        if contains(&args[0], &v)? {
            return Ok(rt().false_.clone());
        }
    }
    Ok(rt().true_.clone())
}

fn set_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.len()))
}

fn set_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    Ok(rt().bool_value(contains(&args[0], &args[1])?))
}

fn set_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?;
    Ok(super::iter::new_dict_iter(&rt().types.set_iterator, args[0].clone()))
}

fn set_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?.items();
    let name = type_name(&args[0]);
    let Some(_guard) = crate::ops::ReprGuard::enter(&args[0]) else {
        return Ok(super::str::from_string(format!("{name}(...)")));
    };
    let exact_set = crate::types::type_of(&args[0]).is(&rt().types.set);
    if items.is_empty() {
        return Ok(super::str::from_string(format!("{name}()")));
    }
    let inner = super::tuple::repr_items(&items, "{", "}")?;
    Ok(super::str::from_string(if exact_set { inner } else { format!("{name}({inner})") }))
}

fn rel(args: &[Value], f: fn(&Value, &Value, usize, usize) -> PyResult<bool>) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    if other_items(&args[1])?.is_none() {
        return Ok(rt().not_implemented.clone());
    }
    let (la, lb) = (this(&args[0])?.len(), this(&args[1])?.len());
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
    binop(args, set_intersection)
}
fn set_sub(args: &[Value], _: &[Value]) -> PyResult<Value> {
    binop(args, set_difference)
}
fn set_xor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    binop(args, set_symmetric_difference)
}
