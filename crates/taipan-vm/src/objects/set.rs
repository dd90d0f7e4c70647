//! `set` and `frozenset`: a stand-in over the dict table (keys only, values
//! unused) until the `tables` building block's set table (CPython's probing
//! and iteration order) replaces it behind these functions.

use super::dict::DictData;
use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::types::{is_instance, type_name};
use crate::value::Value;

/// The payload of a set or frozenset.
pub struct SetData {
    pub table: DictData,
}

impl SetData {
    pub fn items(&self) -> Vec<Value> {
        self.table.keys()
    }
}

fn alloc(ty: &Value, items: Vec<Value>) -> PyResult<Value> {
    let d = SetData { table: DictData::new() };
    for v in items {
        d.table.set(v, Value::NULL)?;
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
    match d.table.get(x) {
        Ok(r) => Ok(r.is_some()),
        Err(e) if data(x).is_some() && e.matches(&rt().exc.type_error) => {
            let fs = new_frozenset(items_of(x).unwrap_or_default())?;
            Ok(d.table.get(&fs)?.is_some())
        }
        Err(e) => Err(e),
    }
}

/// `s.add(x)`.
pub fn add(s: &Value, x: Value) -> PyResult<()> {
    this(s)?.table.set(x, Value::NULL)
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
    d.table.clear();
    if let Some(src) = args.get(1) {
        for v in ops::collect(src)? {
            d.table.set(v, Value::NULL)?;
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
    match this(&args[0])?.table.remove(&args[1])? {
        Some(_) => Ok(rt().none.clone()),
        None => Err(exc::key_error(args[1].clone())),
    }
}

fn set_discard(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("discard", args, 2, 2)?;
    this(&args[0])?.table.remove(&args[1])?;
    Ok(rt().none.clone())
}

fn set_pop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    let first = d.table.entry_from(0);
    match first {
        Some((_, k, _)) => {
            d.table.remove(&k)?;
            Ok(k)
        }
        None => Err(exc::key_error(super::str::new("pop from an empty set"))),
    }
}

fn set_clear(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?.table.clear();
    Ok(rt().none.clone())
}

fn set_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    for other in &args[1..] {
        for v in ops::collect(other)? {
            d.table.set(v, Value::NULL)?;
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
    d.table.clear();
    for v in items {
        d.table.set(v, Value::NULL)?;
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
    d.table.clear();
    for v in items_of(&r).unwrap_or_default() {
        d.table.set(v, Value::NULL)?;
    }
    Ok(rt().none.clone())
}

fn set_difference_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    for other in &args[1..] {
        for v in ops::collect(other)? {
            d.table.remove(&v)?;
        }
    }
    Ok(rt().none.clone())
}

fn set_unhashable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Err(exc::type_error(format!("unhashable type: '{}'", type_name(&args[0]))))
}

fn frozenset_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    // CPython's frozenset hash: xor of shuffled item hashes.
    let mut h: u64 = 0;
    let items = this(&args[0])?.items();
    for v in &items {
        let x = ops::hash(v)? as u64;
        h ^= ((x ^ 89_869_747) ^ (x << 16)).wrapping_mul(3_644_798_167);
    }
    h ^= (items.len() as u64 + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
    let h = if h as i64 == -1 { 590_923_713 } else { h as i64 };
    Ok(super::int::from_i64(h))
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
