//! `range` (i64 bounds) and its iterator. A range with a bound beyond
//! i64 keeps its bounds as big ints (`RangeData::big`) and supports only
//! iteration (`longrange_iterator`), `len`, `repr` and the bound attributes
//! for now; everything else treats it as empty.

use super::{check_args, m, new_method, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::cell::Cell;

/// The payload of a range.
pub struct RangeData {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    /// `(start, stop, step)` when a bound does not fit in i64 (then the
    /// i64 fields describe an empty range).
    pub big: Option<Box<[num_bigint::BigInt; 3]>>,
}

impl RangeData {
    pub fn len(&self) -> i64 {
        let (a, b, s) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if s > 0 && b > a {
            (b - a + s - 1) / s
        } else if s < 0 && a > b {
            (a - b - s - 1) / (-s)
        } else {
            0
        };
        n as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

/// The payload of a range iterator.
pub struct RangeIterData {
    pub next: Cell<i64>,
    pub step: i64,
    pub remaining: Cell<i64>,
    /// The number of items at creation (pickling restores a position).
    pub len: i64,
}

impl RangeIterData {
    /// The next value, if any.
    #[inline]
    pub fn advance(&self) -> Option<i64> {
        let r = self.remaining.get();
        if r <= 0 {
            return None;
        }
        self.remaining.set(r - 1);
        let v = self.next.get();
        self.next.set(v.wrapping_add(self.step));
        Some(v)
    }
}

fn bound(v: &Value) -> PyResult<i64> {
    match super::int::index_value(v)? {
        Some(i) => Ok(i),
        None => {
            Err(exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))))
        }
    }
}

pub const METHODS: &[Method] = &[
    new_method(range_new),
    m("__len__", range_len),
    m("__iter__", range_iter),
    m("__reversed__", range_reversed),
    m("__repr__", range_repr),
    m("__getitem__", range_getitem),
    m("__contains__", range_contains),
    m("__eq__", range_eq),
    m("__hash__", range_hash),
    m("index", range_index),
    m("count", range_count),
    m("__reduce__", range_reduce),
];

/// `range_iterator`'s methods (`__next__` is the eval loop's fast path,
/// installed by `iter.rs`).
pub const ITER_METHODS: &[Method] = &[
    m("__length_hint__", |a, _| Ok(super::int::from_i64(this_iter(&a[0])?.remaining.get().max(0)))),
    m("__reduce__", iter_reduce),
    m("__setstate__", iter_setstate),
];

/// `range_iterator.__reduce__`: `iter(range(...))` of the range it
/// started from, and how far it got (CPython 3.11's form).
fn iter_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let it = this_iter(&args[0])?;
    let index = i128::from(it.len - it.remaining.get());
    let start = i128::from(it.next.get()) - index * i128::from(it.step);
    let stop = start + i128::from(it.len) * i128::from(it.step);
    let bounds = [start, stop, i128::from(it.step)].map(|b| super::int::from_bigint(b.into()));
    let range = crate::call::call(&rt().types.range, &bounds, &[])?;
    reduce_to_iter(range, super::int::from_i64(index as i64))
}

/// `(iter, (range,), index)`.
fn reduce_to_iter(range: Value, index: Value) -> PyResult<Value> {
    let iter = super::dict::get_str(rt().builtins(), &super::str::intern("iter"))
        .ok_or_else(|| exc::runtime_error("lost builtins.iter"))?;
    Ok(super::tuple::new(vec![iter, super::tuple::new(vec![range]), index]))
}

/// `range_iterator.__setstate__(index)`: continue from item `index`
/// (clamped to the range) of the range it started from.
fn iter_setstate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setstate__", args, 2, 2)?;
    let it = this_iter(&args[0])?;
    let index = bound(&args[1])?.clamp(0, it.len);
    let done = it.len - it.remaining.get();
    let start = i128::from(it.next.get()) - i128::from(done) * i128::from(it.step);
    it.next.set((start + i128::from(index) * i128::from(it.step)) as i64);
    it.remaining.set(it.len - index);
    Ok(rt().none.clone())
}

fn this_iter(v: &Value) -> PyResult<&RangeIterData> {
    v.downcast::<RangeIterData>().ok_or_else(|| exc::type_error("expected a range_iterator"))
}

/// `range.__reduce__`: `(range, (start, stop, step))`.
fn range_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let bounds = (0..3).map(|i| bound_attr(&args[0], i)).collect::<PyResult<Vec<_>>>()?;
    Ok(super::tuple::new(vec![rt().types.range.clone(), super::tuple::new(bounds)]))
}

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("start", |v| bound_attr(v, 0), None),
    ("stop", |v| bound_attr(v, 1), None),
    ("step", |v| bound_attr(v, 2), None),
];

fn bound_attr(v: &Value, which: usize) -> PyResult<Value> {
    let r = this(v)?;
    Ok(match &r.big {
        Some(b) => super::int::from_bigint(b[which].clone()),
        None => super::int::from_i64([r.start, r.stop, r.step][which]),
    })
}

fn this(v: &Value) -> PyResult<&RangeData> {
    v.downcast::<RangeData>().ok_or_else(|| exc::type_error("expected a range"))
}

/// A new range.
pub fn new(start: i64, stop: i64, step: i64) -> Value {
    crate::heap::alloc(&rt().types.range, RangeData { start, stop, step, big: None })
}

fn big_bound(v: &Value) -> PyResult<num_bigint::BigInt> {
    let i = super::int::index(v)?;
    Ok(super::int::to_bigint(&i).unwrap_or_default())
}

/// A range whose bounds do not all fit in i64.
fn new_big(args: &[Value]) -> PyResult<Value> {
    let (start, stop, step) = match args.len() {
        2 => (num_bigint::BigInt::from(0), big_bound(&args[1])?, num_bigint::BigInt::from(1)),
        3 => (big_bound(&args[1])?, big_bound(&args[2])?, num_bigint::BigInt::from(1)),
        _ => (big_bound(&args[1])?, big_bound(&args[2])?, big_bound(&args[3])?),
    };
    if step == num_bigint::BigInt::from(0) {
        return Err(exc::value_error("range() arg 3 must not be zero"));
    }
    let big = Some(Box::new([start, stop, step]));
    Ok(crate::heap::alloc(&rt().types.range, RangeData { start: 0, stop: 0, step: 1, big }))
}

/// The length of a big range.
fn big_len(b: &[num_bigint::BigInt; 3]) -> num_bigint::BigInt {
    let zero = num_bigint::BigInt::from(0);
    let [a, e, s] = b;
    if s > &zero && e > a {
        (e - a + s - 1) / s
    } else if s < &zero && a > e {
        (a - e - s - 1) / (-s)
    } else {
        zero
    }
}

/// The payload of a `longrange_iterator`.
pub struct LongRangeIterData {
    next: std::cell::RefCell<num_bigint::BigInt>,
    step: num_bigint::BigInt,
    remaining: std::cell::RefCell<num_bigint::BigInt>,
    /// The number of items at creation.
    len: num_bigint::BigInt,
}

crate::interp_static! {
    static LONG_ITER_TYPE: std::cell::OnceCell<Value> = const { std::cell::OnceCell::new() };
}

fn long_iter_type() -> Value {
    LONG_ITER_TYPE.with(|c| {
        c.get_or_init(|| {
            super::object::new_native_type::<LongRangeIterData>(
                "longrange_iterator",
                "builtins",
                &rt().types.object,
                0,
                &[
                    m("__iter__", |a, _| Ok(a[0].clone())),
                    m("__next__", long_iter_next),
                    m("__length_hint__", |a, _| {
                        Ok(super::int::from_bigint(this_long_iter(&a[0])?.remaining.borrow().clone()))
                    }),
                    m("__reduce__", long_iter_reduce),
                    m("__setstate__", long_iter_setstate),
                ],
                &[],
            )
        })
        .clone()
    })
}

fn this_long_iter(v: &Value) -> PyResult<&LongRangeIterData> {
    v.downcast::<LongRangeIterData>().ok_or_else(|| exc::type_error("expected longrange_iterator"))
}

/// The first item of the range a long iterator started from.
fn long_iter_start(it: &LongRangeIterData) -> num_bigint::BigInt {
    let done = &it.len - &*it.remaining.borrow();
    &*it.next.borrow() - done * &it.step
}

fn long_iter_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let it = this_long_iter(&args[0])?;
    let start = long_iter_start(it);
    let stop = &start + &it.len * &it.step;
    let bounds = [start, stop, it.step.clone()].map(super::int::from_bigint);
    let range = crate::call::call(&rt().types.range, &bounds, &[])?;
    let index = &it.len - &*it.remaining.borrow();
    reduce_to_iter(range, super::int::from_bigint(index))
}

fn long_iter_setstate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setstate__", args, 2, 2)?;
    let it = this_long_iter(&args[0])?;
    let i = super::int::index(&args[1])?;
    let index =
        super::int::to_bigint(&i).unwrap_or_default().clamp(num_bigint::BigInt::from(0), it.len.clone());
    let start = long_iter_start(it);
    *it.next.borrow_mut() = start + &index * &it.step;
    *it.remaining.borrow_mut() = &it.len - index;
    Ok(rt().none.clone())
}

fn long_iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let it = this_long_iter(&args[0])?;
    let mut rem = it.remaining.borrow_mut();
    if *rem <= num_bigint::BigInt::from(0) {
        return Err(exc::stop_iteration(rt().none.clone()));
    }
    *rem -= 1;
    let mut n = it.next.borrow_mut();
    let v = n.clone();
    *n += &it.step;
    Ok(super::int::from_bigint(v))
}

fn range_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("range() takes no keyword arguments"));
    }
    if args.len() == 1 {
        return Err(exc::type_error("range expected at least 1 argument, got 0"));
    }
    if args.len() > 4 {
        return Err(exc::type_error(format!("range expected at most 3 arguments, got {}", args.len() - 1)));
    }
    let fits = args[1..]
        .iter()
        .all(|a| !matches!(super::int::index_value(a), Err(e) if e.matches(&rt().exc.overflow_error)));
    if !fits {
        return new_big(args);
    }
    let (start, stop, step) = match args.len() {
        2 => (0, bound(&args[1])?, 1),
        3 => (bound(&args[1])?, bound(&args[2])?, 1),
        _ => (bound(&args[1])?, bound(&args[2])?, bound(&args[3])?),
    };
    if step == 0 {
        return Err(exc::value_error("range() arg 3 must not be zero"));
    }
    Ok(new(start, stop, step))
}

fn range_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = this(&args[0])?;
    if let Some(b) = &r.big {
        return i64::try_from(&big_len(b))
            .map(super::int::from_i64)
            .map_err(|_| exc::overflow_error("Python int too large to convert to C ssize_t"));
    }
    Ok(super::int::from_i64(r.len()))
}

/// An iterator over `r`.
pub fn iter_of(r: &RangeData) -> Value {
    crate::heap::alloc(
        &rt().types.range_iterator,
        RangeIterData { next: Cell::new(r.start), step: r.step, remaining: Cell::new(r.len()), len: r.len() },
    )
}

fn range_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = this(&args[0])?;
    if let Some(b) = &r.big {
        return Ok(long_iter(b[0].clone(), b[2].clone(), big_len(b)));
    }
    if !fast_iter_fits(r) {
        let [start, step, len] = [r.start, r.step, r.len()].map(num_bigint::BigInt::from);
        return Ok(long_iter(start, step, len));
    }
    Ok(iter_of(r))
}

/// Whether CPython 3.11 iterates `r` with a `range_iterator` (C longs)
/// rather than a `longrange_iterator`: the last item plus a step must not
/// overflow (`range_iter`'s checks), so the iterator type, which pickling
/// round trips preserve, is CPython's.
fn fast_iter_fits(r: &RangeData) -> bool {
    if r.is_empty() {
        return true;
    }
    if r.step > 0 {
        r.stop <= i64::MAX - (r.step - 1)
    } else {
        r.stop >= i64::MIN + (-1 - r.step)
    }
}

/// A `longrange_iterator` yielding `len` items from `start` by `step`.
fn long_iter(start: num_bigint::BigInt, step: num_bigint::BigInt, len: num_bigint::BigInt) -> Value {
    let data = LongRangeIterData {
        next: std::cell::RefCell::new(start),
        step,
        remaining: std::cell::RefCell::new(len.clone()),
        len,
    };
    crate::heap::alloc(&long_iter_type(), data)
}

/// `reversed(range)`: from the last item down by `-step`; a
/// `longrange_iterator` when CPython 3.11's `range_reverse` needs one
/// (`-step`, `start - step` or the last item beyond C longs).
fn range_reversed(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = this(&args[0])?;
    let (start, step, len) = match &r.big {
        Some(b) => (b[0].clone(), b[2].clone(), big_len(b)),
        None => {
            let n = r.len();
            let start_minus_step = r.start.checked_sub(r.step);
            if r.step != i64::MIN && start_minus_step.is_some() {
                let last = i128::from(r.start) + i128::from(n - 1) * i128::from(r.step);
                let last = if n == 0 { start_minus_step.unwrap_or(0) } else { last as i64 };
                let data =
                    RangeIterData { next: Cell::new(last), step: -r.step, remaining: Cell::new(n), len: n };
                return Ok(crate::heap::alloc(&rt().types.range_iterator, data));
            }
            (r.start.into(), r.step.into(), n.into())
        }
    };
    let last = &start + (&len - 1) * &step;
    Ok(long_iter(last, -step, len))
}

fn range_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = this(&args[0])?;
    if let Some(b) = &r.big {
        let [a, e, s] = &**b;
        return Ok(super::str::from_string(if *s == num_bigint::BigInt::from(1) {
            format!("range({a}, {e})")
        } else {
            format!("range({a}, {e}, {s})")
        }));
    }
    Ok(super::str::from_string(if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }))
}

fn range_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let r = this(&args[0])?;
    let n = r.len();
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let (a, b, s) = sl.indices(n as usize)?;
        return Ok(new(r.item(a), r.item(b), r.step * s));
    }
    let i = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("range indices must be integers or slices, not {}", type_name(&args[1])))
    })?;
    let idx = if i < 0 { i + n } else { i };
    if idx < 0 || idx >= n {
        return Err(exc::index_error("range object index out of range"));
    }
    Ok(super::int::from_i64(r.item(idx)))
}

fn position(r: &RangeData, v: &Value) -> Option<i64> {
    let x = super::int::to_i64(v)?;
    if !super::int::is_int(v) {
        return None;
    }
    let off = x.checked_sub(r.start)?;
    if off % r.step != 0 {
        return None;
    }
    let k = off / r.step;
    (k >= 0 && k < r.len()).then_some(k)
}

fn range_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let r = this(&args[0])?;
    if super::int::is_int(&args[1]) {
        return Ok(rt().bool_value(position(r, &args[1]).is_some()));
    }
    for i in 0..r.len() {
        if crate::ops::eq(&super::int::from_i64(r.item(i)), &args[1])? {
            return Ok(rt().true_.clone());
        }
    }
    Ok(rt().false_.clone())
}

fn canonical(r: &RangeData) -> (i64, i64, i64) {
    let n = r.len();
    match n {
        0 => (0, 0, 0),
        1 => (1, r.start, 0),
        _ => (n, r.start, r.step),
    }
}

fn range_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    let a = this(&args[0])?;
    match args[1].downcast::<RangeData>() {
        Some(b) => Ok(rt().bool_value(canonical(a) == canonical(b))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn range_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (n, s, st) = canonical(this(&args[0])?);
    let none = rt().none.clone();
    let t = match n {
        0 => super::tuple::new(vec![super::int::from_i64(0), none.clone(), none]),
        1 => super::tuple::new(vec![super::int::from_i64(1), super::int::from_i64(s), none]),
        _ => super::tuple::new(vec![
            super::int::from_i64(n),
            super::int::from_i64(s),
            super::int::from_i64(st),
        ]),
    };
    Ok(super::int::from_i64(crate::ops::hash(&t)?))
}

fn range_index(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("index", args, 2, 2)?;
    match position(this(&args[0])?, &args[1]) {
        Some(k) => Ok(super::int::from_i64(k)),
        None => {
            let r = crate::ops::repr(&args[1])?;
            Err(exc::value_error(format!("{} is not in range", super::str::as_str(&r).unwrap_or(""))))
        }
    }
}

fn range_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("count", args, 2, 2)?;
    Ok(super::int::from_i64(position(this(&args[0])?, &args[1]).is_some() as i64))
}
