//! `tuple`: an immutable boxed slice of values, and its method table.

use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;

/// The payload of a tuple.
pub struct TupleData {
    pub items: Box<[Value]>,
}

/// A new tuple (the shared empty tuple when empty).
pub fn new(items: Vec<Value>) -> Value {
    if items.is_empty() {
        return rt().empty_tuple.clone();
    }
    crate::heap::alloc(&rt().types.tuple, TupleData { items: items.into_boxed_slice() })
}

pub(crate) fn raw_empty(ty: &Value) -> Value {
    let v = crate::heap::alloc(ty, TupleData { items: Box::new([]) });
    crate::runtime::make_immortal(&v);
    v
}

/// Whether `v` is exactly a tuple (not a subclass instance).
pub fn is_exact(v: &Value) -> bool {
    v.header().is_some_and(|h| h.ty.get() == rt().types.tuple.as_ptr())
}

/// The items of a tuple (or tuple subclass instance).
pub fn items(v: &Value) -> Option<&[Value]> {
    v.downcast::<TupleData>().map(|t| &*t.items)
}

pub const METHODS: &[Method] = &[
    new_method(tuple_new),
    m("__len__", tuple_len),
    m("__repr__", tuple_repr),
    m("__hash__", tuple_hash),
    m("__getitem__", tuple_getitem),
    m("__contains__", tuple_contains),
    m("__iter__", tuple_iter),
    m("__add__", tuple_add),
    m("__mul__", tuple_mul),
    m("__rmul__", tuple_mul),
    m("__eq__", tuple_eq),
    m("__ne__", tuple_ne),
    m("__lt__", tuple_lt),
    m("__le__", tuple_le),
    m("__gt__", tuple_gt),
    m("__ge__", tuple_ge),
    m("index", tuple_index).fast(),
    m("count", tuple_count),
    m("__getnewargs__", tuple_getnewargs),
];

fn this(v: &Value) -> PyResult<&[Value]> {
    items(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'tuple' object but received '{}'", type_name(v)))
    })
}

fn tuple_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("tuple() takes no keyword arguments"));
    }
    check_args("tuple", args, 1, 2)?;
    let items = match args.get(1) {
        None => Vec::new(),
        Some(v) if args[0].is(&rt().types.tuple) && is_exact(v) => return Ok(v.clone()),
        Some(v) => ops::collect(v)?,
    };
    if args[0].is(&rt().types.tuple) {
        return Ok(new(items));
    }
    super::object::alloc_subclass(&args[0], TupleData { items: items.into_boxed_slice() })
}

fn tuple_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.len()))
}

/// `repr()` of a sequence's items between `open` and `close`.
pub fn repr_items(items: &[Value], open: &str, close: &str) -> PyResult<String> {
    let mut out = String::from(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let r = ops::repr(item)?;
        out.push_str(super::str::as_str(&r).unwrap_or(""));
    }
    out.push_str(close);
    Ok(out)
}

fn tuple_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?;
    let Some(_guard) = crate::ops::ReprGuard::enter(&args[0]) else {
        return Ok(super::str::new("(...)"));
    };
    let s = if items.len() == 1 { repr_items(items, "(", ",)")? } else { repr_items(items, "(", ")")? };
    Ok(super::str::from_string(s))
}

fn tuple_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?;
    let mut hashes = Vec::with_capacity(items.len());
    for item in items {
        hashes.push(ops::hash(item)?);
    }
    Ok(super::int::from_i64(crate::hashing::hash_tuple(&hashes)))
}

/// Normalises a sequence index (`IndexError` with `what` when out of range).
pub fn norm_index(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(exc::index_error(format!("{what} index out of range")));
    }
    Ok(idx as usize)
}

fn tuple_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let items = this(&args[0])?;
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let (start, stop, step) = sl.indices(items.len())?;
        if step == 1 && start == 0 && stop >= items.len() as i64 && is_exact(&args[0]) {
            return Ok(args[0].clone());
        }
        let out = super::slice::range_indices(start, stop, step).map(|i| items[i].clone()).collect();
        return Ok(new(out));
    }
    let i = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("tuple indices must be integers or slices, not {}", type_name(&args[1])))
    })?;
    Ok(items[norm_index(i, items.len(), "tuple")?].clone())
}

fn tuple_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    for item in this(&args[0])? {
        if item.is(&args[1]) || ops::eq(item, &args[1])? {
            return Ok(rt().true_.clone());
        }
    }
    Ok(rt().false_.clone())
}

fn tuple_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?;
    Ok(super::iter::new_seq_iter(&rt().types.tuple_iterator, args[0].clone()))
}

fn tuple_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let a = this(&args[0])?;
    let Some(b) = items(&args[1]) else {
        return Err(exc::type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            type_name(&args[1])
        )));
    };
    Ok(new(a.iter().chain(b).cloned().collect()))
}

/// `n` repetitions of `items`, with CPython's MemoryError on overflow.
pub fn repeat(items: &[Value], n: &Value) -> PyResult<Option<Vec<Value>>> {
    let Some(n) = super::int::repeat_count(n)? else {
        return Ok(None);
    };
    let n = n.max(0) as usize;
    let total = items.len().checked_mul(n).ok_or_else(|| exc::memory_error(""))?;
    let mut out = exc::try_vec(total)?;
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(Some(out))
}

fn tuple_mul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mul__", args, 2, 2)?;
    let a = this(&args[0])?;
    match repeat(a, &args[1])? {
        Some(v) => Ok(new(v)),
        None => Ok(rt().not_implemented.clone()),
    }
}

/// The items of an exact tuple (not a subclass instance).
#[inline]
pub fn exact_items(v: &Value) -> Option<&[Value]> {
    if v.header()?.ty.get() != rt().types.tuple.as_ptr() {
        return None;
    }
    items(v)
}

/// Lexicographic comparison of two sequences with `op`: the first pair of
/// items that differ decides (ints, floats and strs without a call).
pub fn compare_seqs(a: &[Value], b: &[Value], op: ops::CompareOp) -> PyResult<Value> {
    let n = a.len().min(b.len());
    for i in 0..n {
        if let Some(o) = ops::compare_fast(&a[i], &b[i]) {
            if o.is_ne() {
                return Ok(rt().bool_value(op.apply(o)));
            }
            continue;
        }
        if !(a[i].is(&b[i]) || ops::eq(&a[i], &b[i])?) {
            return match op {
                ops::CompareOp::Eq => Ok(rt().false_.clone()),
                ops::CompareOp::Ne => Ok(rt().true_.clone()),
                _ => ops::compare(&a[i], &b[i], op),
            };
        }
    }
    let (x, y) = (a.len(), b.len());
    Ok(rt().bool_value(match op {
        ops::CompareOp::Lt => x < y,
        ops::CompareOp::Le => x <= y,
        ops::CompareOp::Eq => x == y,
        ops::CompareOp::Ne => x != y,
        ops::CompareOp::Gt => x > y,
        ops::CompareOp::Ge => x >= y,
    }))
}

fn cmp(args: &[Value], op: ops::CompareOp) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(&args[0])?;
    match items(&args[1]) {
        Some(b) => compare_seqs(a, b, op),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn tuple_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Eq)
}
fn tuple_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Ne)
}
fn tuple_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Lt)
}
fn tuple_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Le)
}
fn tuple_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Gt)
}
fn tuple_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Ge)
}

fn tuple_index(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("index", args, 2, 4)?;
    let items = this(&args[0])?;
    let (start, stop) = super::list::index_bounds(items.len(), args.get(2), args.get(3))?;
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if item.is(&args[1]) || ops::eq(item, &args[1])? {
            return Ok(super::int::from_usize(i));
        }
    }
    Err(exc::value_error("tuple.index(x): x not in tuple"))
}

fn tuple_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("count", args, 2, 2)?;
    let mut n = 0;
    for item in this(&args[0])? {
        if item.is(&args[1]) || ops::eq(item, &args[1])? {
            n += 1;
        }
    }
    Ok(super::int::from_usize(n))
}

fn tuple_getnewargs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(new(vec![new(this(&args[0])?.to_vec())]))
}
