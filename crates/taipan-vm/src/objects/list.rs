//! `list`: a `RefCell<Vec<Value>>`. Every method clones what it needs out of
//! the cell before calling back into Python (comparisons, `__eq__`,
//! `key=`), so no borrow is ever held across a call. `sort` is a stable
//! merge sort that detects mutation during the sort as CPython does.

use super::str as pystr;
use super::tuple::{self, compare_seqs, norm_index, repr_items};
use super::{check_args, m, mc, mk, new_method, split_kwargs, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::tables::sort;
use crate::types::type_name;
use crate::value::Value;
use std::cell::RefCell;

/// The payload of a list.
pub struct ListData {
    pub items: RefCell<Vec<Value>>,
}

/// A new list.
pub fn new(items: Vec<Value>) -> Value {
    crate::heap::alloc(&rt().types.list, ListData { items: RefCell::new(items) })
}

pub fn data(v: &Value) -> Option<&ListData> {
    v.downcast::<ListData>()
}

/// A copy of a list's items.
pub fn snapshot(v: &Value) -> Option<Vec<Value>> {
    data(v).map(|d| d.items.borrow().clone())
}

pub const METHODS: &[Method] = &[
    new_method(list_new),
    m("__init__", list_init),
    m("__len__", list_len),
    m("__repr__", list_repr),
    mc("__getitem__", list_getitem),
    m("__setitem__", list_setitem),
    m("__delitem__", list_delitem),
    m("__contains__", list_contains),
    m("__iter__", list_iter),
    m("__reversed__", list_reversed),
    m("__add__", list_add),
    m("__iadd__", list_iadd),
    m("__mul__", list_mul),
    m("__rmul__", list_mul),
    m("__imul__", list_imul),
    m("__eq__", list_eq),
    m("__ne__", list_ne),
    m("__lt__", list_lt),
    m("__le__", list_le),
    m("__gt__", list_gt),
    m("__ge__", list_ge),
    m("append", list_append),
    m("extend", list_extend),
    m("insert", list_insert).fast(),
    m("pop", list_pop).fast(),
    m("remove", list_remove),
    m("index", list_index).fast(),
    m("count", list_count),
    m("clear", list_clear),
    m("copy", list_copy),
    m("reverse", list_reverse),
    mk("sort", list_sort).fast(),
];

fn this(v: &Value) -> PyResult<&ListData> {
    data(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'list' object but received '{}'", type_name(v)))
    })
}

fn list_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args[0].is(&rt().types.list) {
        return Ok(new(Vec::new()));
    }
    super::object::alloc_subclass(&args[0], ListData { items: RefCell::new(Vec::new()) })
}

fn list_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("list() takes no keyword arguments"));
    }
    check_args("list", args, 1, 2)?;
    let d = this(&args[0])?;
    let items = match args.get(1) {
        Some(v) => ops::collect(v)?,
        None => Vec::new(),
    };
    let old = std::mem::replace(&mut *d.items.borrow_mut(), items);
    drop(old);
    Ok(rt().none.clone())
}

fn list_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.items.borrow().len()))
}

fn list_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?.items.borrow().clone();
    let Some(_guard) = crate::ops::ReprGuard::enter(&args[0]) else {
        return Ok(super::str::new("[...]"));
    };
    Ok(super::str::from_string(repr_items(&items, "[", "]")?))
}

fn index_arg(v: &Value, what: &str) -> PyResult<i64> {
    super::int::index_value(v)?.ok_or_else(|| {
        exc::type_error(format!("{what} indices must be integers or slices, not {}", type_name(v)))
    })
}

/// `list[i]`.
pub fn getitem(lst: &Value, key: &Value) -> PyResult<Value> {
    let d = this(lst)?;
    if let Some(sl) = key.downcast::<super::slice::SliceData>() {
        let items = d.items.borrow();
        let (start, stop, step) = sl.indices(items.len())?;
        let out = super::slice::range_indices(start, stop, step).map(|i| items[i].clone()).collect();
        return Ok(new(out));
    }
    let i = index_arg(key, "list")?;
    let items = d.items.borrow();
    Ok(items[norm_index(i, items.len(), "list")?].clone())
}

fn list_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    getitem(&args[0], &args[1])
}

/// `list[i] = v`.
pub fn setitem(lst: &Value, key: &Value, value: Value) -> PyResult<()> {
    let d = this(lst)?;
    if let Some(sl) = key.downcast::<super::slice::SliceData>() {
        let new_items = ops::collect(&value)?;
        let mut items = d.items.borrow_mut();
        let (start, stop, step) = sl.indices(items.len())?;
        if step == 1 {
            let stop = stop.max(start);
            let removed: Vec<Value> = items.splice(start as usize..stop as usize, new_items).collect();
            drop(items);
            drop(removed);
            return Ok(());
        }
        let idx: Vec<usize> = super::slice::range_indices(start, stop, step).collect();
        if idx.len() != new_items.len() {
            return Err(exc::value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new_items.len(),
                idx.len()
            )));
        }
        let mut old = Vec::new();
        for (i, v) in idx.into_iter().zip(new_items) {
            old.push(std::mem::replace(&mut items[i], v));
        }
        drop(items);
        drop(old);
        return Ok(());
    }
    let i = index_arg(key, "list")?;
    let mut items = d.items.borrow_mut();
    let len = items.len();
    let idx = norm_index(i, len, "list assignment")?;
    let old = std::mem::replace(&mut items[idx], value);
    drop(items);
    drop(old);
    Ok(())
}

fn list_setitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setitem__", args, 3, 3)?;
    setitem(&args[0], &args[1], args[2].clone())?;
    Ok(rt().none.clone())
}

fn list_delitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delitem__", args, 2, 2)?;
    let d = this(&args[0])?;
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let mut items = d.items.borrow_mut();
        let (start, stop, step) = sl.indices(items.len())?;
        let mut idx: Vec<usize> = super::slice::range_indices(start, stop, step).collect();
        idx.sort_unstable();
        let mut removed = Vec::new();
        for i in idx.into_iter().rev() {
            removed.push(items.remove(i));
        }
        drop(items);
        drop(removed);
        return Ok(rt().none.clone());
    }
    let i = index_arg(&args[1], "list")?;
    let mut items = d.items.borrow_mut();
    let len = items.len();
    let idx = norm_index(i, len, "list assignment")?;
    let old = items.remove(idx);
    drop(items);
    drop(old);
    Ok(rt().none.clone())
}

fn list_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let d = this(&args[0])?;
    let mut i = 0;
    loop {
        let item = match d.items.borrow().get(i) {
            Some(v) => v.clone(),
            None => return Ok(rt().false_.clone()),
        };
        if item.is(&args[1]) || ops::eq(&item, &args[1])? {
            return Ok(rt().true_.clone());
        }
        i += 1;
    }
}

fn list_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?;
    Ok(super::iter::new_seq_iter(&rt().types.list_iterator, args[0].clone()))
}

fn list_reversed(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let n = this(&args[0])?.items.borrow().len();
    Ok(super::iter::new_reverse_iter(&rt().types.list_reverseiterator, args[0].clone(), n))
}

fn list_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let a = this(&args[0])?.items.borrow().clone();
    let Some(b) = snapshot(&args[1]) else {
        return Err(exc::type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            type_name(&args[1])
        )));
    };
    Ok(new(a.into_iter().chain(b).collect()))
}

fn list_iadd(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__iadd__", args, 2, 2)?;
    list_extend(args, &[])?;
    Ok(args[0].clone())
}

fn list_mul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mul__", args, 2, 2)?;
    let a = this(&args[0])?.items.borrow().clone();
    match super::tuple::repeat(&a, &args[1])? {
        Some(v) => Ok(new(v)),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn list_imul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__imul__", args, 2, 2)?;
    let d = this(&args[0])?;
    let a = d.items.borrow().clone();
    match super::tuple::repeat(&a, &args[1])? {
        Some(v) => {
            let old = std::mem::replace(&mut *d.items.borrow_mut(), v);
            drop(old);
            Ok(args[0].clone())
        }
        None => Ok(rt().not_implemented.clone()),
    }
}

fn cmp(args: &[Value], op: ops::CompareOp) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(&args[0])?.items.borrow().clone();
    match snapshot(&args[1]) {
        Some(b) => compare_seqs(&a, &b, op),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn list_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Eq)
}
fn list_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Ne)
}
fn list_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Lt)
}
fn list_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Le)
}
fn list_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Gt)
}
fn list_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, ops::CompareOp::Ge)
}

/// `lst.append(v)`.
pub fn append(lst: &Value, v: Value) -> PyResult<()> {
    this(lst)?.items.borrow_mut().push(v);
    Ok(())
}

fn list_append(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("append", args, 2, 2)?;
    append(&args[0], args[1].clone())?;
    Ok(rt().none.clone())
}

fn list_extend(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("extend", args, 2, 2)?;
    let d = this(&args[0])?;
    let items = ops::collect(&args[1])?;
    d.items.borrow_mut().extend(items);
    Ok(rt().none.clone())
}

fn list_insert(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("insert", args, 3, 3)?;
    let d = this(&args[0])?;
    let i = index_arg(&args[1], "list")?;
    let mut items = d.items.borrow_mut();
    let len = items.len() as i64;
    let idx = if i < 0 { (i + len).max(0) } else { i.min(len) };
    items.insert(idx as usize, args[2].clone());
    Ok(rt().none.clone())
}

fn list_pop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("pop", args, 1, 2)?;
    let d = this(&args[0])?;
    let i = match args.get(1) {
        Some(v) => index_arg(v, "list")?,
        None => -1,
    };
    let mut items = d.items.borrow_mut();
    if items.is_empty() {
        return Err(exc::index_error("pop from empty list"));
    }
    let idx = norm_index(i, items.len(), "pop")?;
    Ok(items.remove(idx))
}

fn find(d: &ListData, x: &Value) -> PyResult<Option<usize>> {
    find_in_range(d, x, 0, usize::MAX)
}

/// The first index in `start..stop` (re-checking the length after every
/// comparison, which may mutate the list) holding an item equal to `x`.
fn find_in_range(d: &ListData, x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let item = match d.items.borrow().get(i) {
            Some(v) => v.clone(),
            None => return Ok(None),
        };
        if item.is(x) || ops::eq(&item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// The `start`/`stop` arguments of `list.index`/`tuple.index`
/// (`_PyEval_SliceIndexNotNone`, then clamped as a slice): a range of
/// `0..len`.
pub fn index_bounds(len: usize, start: Option<&Value>, stop: Option<&Value>) -> PyResult<(usize, usize)> {
    let clamp = |v: Option<&Value>, default: usize| -> PyResult<usize> {
        let Some(v) = v else { return Ok(default) };
        let i = match super::int::index_value(v) {
            Ok(Some(i)) => i as i128,
            Ok(None) => {
                return Err(exc::type_error("slice indices must be integers or have an __index__ method"))
            }
            Err(e) if e.matches(&rt().exc.overflow_error) => {
                let negative = super::int::to_bigint(v).is_some_and(|b| b.sign() == num_bigint::Sign::Minus);
                if negative {
                    i64::MIN as i128
                } else {
                    i64::MAX as i128
                }
            }
            Err(e) => return Err(e),
        };
        let i = if i < 0 { (i + len as i128).max(0) } else { i };
        Ok(i.min(len as i128) as usize)
    };
    Ok((clamp(start, 0)?, clamp(stop, len)?))
}

fn list_remove(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("remove", args, 2, 2)?;
    let d = this(&args[0])?;
    match find(d, &args[1])? {
        Some(i) => {
            let old = {
                let mut items = d.items.borrow_mut();
                (i < items.len()).then(|| items.remove(i))
            };
            drop(old);
            Ok(rt().none.clone())
        }
        None => Err(exc::value_error("list.remove(x): x not in list")),
    }
}

fn list_index(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("index", args, 2, 4)?;
    let d = this(&args[0])?;
    let (start, stop) = index_bounds(d.items.borrow().len(), args.get(2), args.get(3))?;
    match find_in_range(d, &args[1], start, stop)? {
        Some(i) => Ok(super::int::from_usize(i)),
        None => {
            let r = ops::repr(&args[1])?;
            Err(exc::value_error(format!("{} is not in list", super::str::as_str(&r).unwrap_or(""))))
        }
    }
}

fn list_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("count", args, 2, 2)?;
    let items = this(&args[0])?.items.borrow().clone();
    let mut n = 0;
    for item in &items {
        if item.is(&args[1]) || ops::eq(item, &args[1])? {
            n += 1;
        }
    }
    Ok(super::int::from_usize(n))
}

fn list_clear(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let old = std::mem::take(&mut *this(&args[0])?.items.borrow_mut());
    drop(old);
    Ok(rt().none.clone())
}

fn list_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(new(this(&args[0])?.items.borrow().clone()))
}

fn list_reverse(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?.items.borrow_mut().reverse();
    Ok(rt().none.clone())
}

fn list_sort(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.len() > 1 {
        return Err(exc::type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in kws {
        match k {
            "key" => key = (!v.is(&rt().none)).then(|| v.clone()),
            "reverse" => reverse = ops::truthy(v)?,
            _ => return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for sort()"))),
        }
    }
    sort_list(&args[0], key.as_ref(), reverse)?;
    Ok(rt().none.clone())
}

/// Sorts a list in place. While it sorts the list is empty, and any change
/// made to it meanwhile (seen as storage it did not have) is discarded and
/// reported as CPython does: "list modified during sort".
pub fn sort_list(lst: &Value, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    let d = this(lst)?;
    let mut items = std::mem::take(&mut *d.items.borrow_mut());
    let result = sort_values(&mut items, key, reverse);
    let modified = {
        let during = d.items.borrow();
        !during.is_empty() || during.capacity() != 0
    };
    let leftover = std::mem::replace(&mut *d.items.borrow_mut(), items);
    drop(leftover);
    result?;
    if modified {
        return Err(exc::value_error("list modified during sort"));
    }
    Ok(())
}

/// CPython's `list.sort` on `items`: the keys are computed first (an error
/// leaves `items` as they were); `reverse` reverses before and after a
/// stable sort, so equal items keep their order. A comparison that raises
/// stops the sort with `items` in the order CPython would leave them.
pub fn sort_values(items: &mut Vec<Value>, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    let mut keys = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for v in items.iter() {
                ks.push(crate::call::call(f, std::slice::from_ref(v), &[])?);
            }
            Some(ks)
        }
        None => None,
    };
    if reverse {
        items.reverse();
        if let Some(ks) = keys.as_mut() {
            ks.reverse();
        }
    }
    let (order, result) = sort_order(keys.as_deref().unwrap_or(items));
    let mut taken = std::mem::take(items);
    *items = order.into_iter().map(|i| std::mem::take(&mut taken[i])).collect();
    if reverse {
        items.reverse();
    }
    result
}

/// The permutation that sorts `keys`, and whether a comparison raised (the
/// permutation is then the partial one CPython's sort stopped at). The
/// comparison is chosen once, as CPython's pre-sort check does: exact
/// small ints, floats or strs compare natively on extracted keys; tuples
/// compare item by item; anything else through `<`.
fn sort_order(keys: &[Value]) -> (Vec<usize>, PyResult<()>) {
    match KeyKind::of(keys) {
        KeyKind::Int => {
            let mut v: Vec<(i64, usize)> =
                keys.iter().enumerate().map(|(i, k)| (k.as_small_int().unwrap_or(0), i)).collect();
            let r = sort::sort(&mut v, &mut |a, b| Ok(a.0 < b.0));
            (v.into_iter().map(|p| p.1).collect(), r)
        }
        KeyKind::Float => {
            let mut v: Vec<(f64, usize)> =
                keys.iter().enumerate().map(|(i, k)| (k.as_float().unwrap_or(0.0), i)).collect();
            let r = sort::sort(&mut v, &mut |a, b| Ok(a.0 < b.0));
            (v.into_iter().map(|p| p.1).collect(), r)
        }
        KeyKind::Str => {
            let empty = crate::text::Str::default();
            let mut v: Vec<(&crate::text::Str, usize)> =
                keys.iter().enumerate().map(|(i, k)| (pystr::text(k).unwrap_or(&empty), i)).collect();
            let r = sort::sort(&mut v, &mut |a, b| Ok(a.0 < b.0));
            (v.into_iter().map(|p| p.1).collect(), r)
        }
        KeyKind::Tuple => {
            let mut v: Vec<usize> = (0..keys.len()).collect();
            let r = sort::sort(&mut v, &mut |a, b| tuple_lt(&keys[a], &keys[b]));
            (v, r)
        }
        KeyKind::Other => {
            let mut v: Vec<usize> = (0..keys.len()).collect();
            let r = sort::sort(&mut v, &mut |a, b| ops::lt(&keys[a], &keys[b]));
            (v, r)
        }
    }
}

/// What every sort key is, when they are all of one kind that compares
/// without calling Python code (or are all non-empty exact tuples).
#[derive(Clone, Copy, PartialEq)]
enum KeyKind {
    Int,
    Float,
    Str,
    Tuple,
    Other,
}

impl KeyKind {
    fn of(keys: &[Value]) -> KeyKind {
        let Some(first) = keys.first() else {
            return KeyKind::Other;
        };
        let kind = KeyKind::of_one(first);
        if kind != KeyKind::Other && keys.iter().all(|k| KeyKind::of_one(k) == kind) {
            kind
        } else {
            KeyKind::Other
        }
    }

    #[inline]
    fn of_one(k: &Value) -> KeyKind {
        if k.is_small_int() {
            KeyKind::Int
        } else if k.is_float() {
            KeyKind::Float
        } else if pystr::is_exact(k) {
            KeyKind::Str
        } else if tuple::exact_items(k).is_some_and(|t| !t.is_empty()) {
            KeyKind::Tuple
        } else {
            KeyKind::Other
        }
    }
}

/// `a < b` for exact tuples, as CPython's `unsafe_tuple_compare`: the
/// first items that differ (by `==`, identity first) decide by `<`; when
/// one tuple is a prefix of the other, the shorter sorts first.
fn tuple_lt(a: &Value, b: &Value) -> PyResult<bool> {
    let (Some(x), Some(y)) = (tuple::exact_items(a), tuple::exact_items(b)) else {
        return ops::lt(a, b);
    };
    for (p, q) in x.iter().zip(y) {
        if let Some(o) = ops::compare_fast(p, q) {
            if o.is_ne() {
                return Ok(o.is_lt());
            }
            continue;
        }
        if !ops::eq(p, q)? {
            return ops::lt(p, q);
        }
    }
    Ok(x.len() < y.len())
}
