//! `bytearray`: a mutable byte string — a first, small method set (what
//! the standard library's `_collections_abc` and everyday code need:
//! construction as `bytes()`, length, iteration, indexing, item
//! assignment, append/extend/pop/clear/copy, decode, comparisons, repr).
//! Operations shared with `bytes` go through a `bytes` copy.

use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::{Slot, Value};
use std::cell::{Cell, OnceCell, RefCell};

/// The payload of a bytearray.
pub struct ByteArrayData(pub RefCell<Vec<u8>>);

/// The payload of a `bytearray_iterator`.
pub struct ByteArrayIterData {
    seq: Slot,
    index: Cell<usize>,
}

thread_local! {
    static TYPES: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

/// `(bytearray, bytearray_iterator)`.
fn types() -> (Value, Value) {
    TYPES.with(|c| {
        c.get_or_init(|| {
            let object = &rt().types.object;
            let ba = super::object::new_native_type::<ByteArrayData>(
                "bytearray",
                "builtins",
                object,
                crate::types::TF_BASETYPE,
                METHODS,
                &[],
            );
            super::dict::set_str(crate::types::type_payload(&ba).dict(), "__hash__", rt().none.clone());
            let it = super::object::new_native_type::<ByteArrayIterData>(
                "bytearray_iterator",
                "builtins",
                object,
                0,
                ITER_METHODS,
                &[],
            );
            (ba, it)
        })
        .clone()
    })
}

/// The `bytearray` type.
pub fn bytearray_type() -> Value {
    types().0
}

/// A new bytearray holding `b`.
pub fn new(b: Vec<u8>) -> Value {
    crate::heap::alloc(&bytearray_type(), ByteArrayData(RefCell::new(b)))
}

/// The contents of a bytes or bytearray (a copy).
pub fn buffer_of(v: &Value) -> Option<Vec<u8>> {
    if let Some(b) = super::bytes::as_bytes(v) {
        return Some(b.to_vec());
    }
    v.downcast::<ByteArrayData>().map(|d| d.0.borrow().clone())
}

fn this(v: &Value) -> PyResult<&ByteArrayData> {
    v.downcast::<ByteArrayData>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'bytearray' object but received '{}'", type_name(v)))
    })
}

fn snapshot(v: &Value) -> PyResult<Value> {
    Ok(super::bytes::new(this(v)?.0.borrow().clone()))
}

const METHODS: &[Method] = &[
    new_method(bytearray_new),
    m("__len__", |a, _| Ok(super::int::from_usize(this(&a[0])?.0.borrow().len()))),
    m("__iter__", bytearray_iter),
    m("__getitem__", bytearray_getitem),
    m("__setitem__", bytearray_setitem),
    m("__contains__", |a, _| crate::attr::call_method(&snapshot(&a[0])?, "__contains__", &a[1..])),
    m("__repr__", bytearray_repr),
    m("__eq__", |a, _| compare(a, |o| o.is_eq())),
    m("__ne__", |a, _| compare(a, |o| o.is_ne())),
    m("__lt__", |a, _| compare(a, |o| o.is_lt())),
    m("__le__", |a, _| compare(a, |o| o.is_le())),
    m("__gt__", |a, _| compare(a, |o| o.is_gt())),
    m("__ge__", |a, _| compare(a, |o| o.is_ge())),
    m("__add__", bytearray_add),
    m("__iadd__", bytearray_iadd),
    m("append", bytearray_append),
    m("extend", bytearray_extend),
    m("pop", bytearray_pop),
    m("clear", |a, _| {
        this(&a[0])?.0.borrow_mut().clear();
        Ok(rt().none.clone())
    }),
    m("copy", |a, _| Ok(new(this(&a[0])?.0.borrow().clone()))),
    super::mk("decode", |a, k| {
        let b = snapshot(&a[0])?;
        let f = crate::attr::getattr_str(&b, "decode")?;
        crate::call::call(&f, &a[1..], k)
    }),
    m("hex", |a, _| crate::attr::call_method(&snapshot(&a[0])?, "hex", &[])),
];

const ITER_METHODS: &[Method] = &[m("__iter__", |a, _| Ok(a[0].clone())), m("__next__", iter_next)];

fn bytearray_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = crate::call::call(&rt().types.bytes, &args[1..], kwnames)?;
    let data = super::bytes::as_bytes(&b).unwrap_or(&[]).to_vec();
    super::object::alloc_maybe_subclass(&args[0], &bytearray_type(), ByteArrayData(RefCell::new(data)))
}

fn bytearray_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    this(&args[0])?;
    Ok(crate::heap::alloc(
        &types().1,
        ByteArrayIterData { seq: Slot::new(args[0].clone()), index: Cell::new(0) },
    ))
}

fn iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let it = args[0]
        .downcast::<ByteArrayIterData>()
        .ok_or_else(|| exc::type_error("expected bytearray_iterator"))?;
    let seq = it.seq.get();
    if !seq.is_null() {
        let i = it.index.get();
        if let Some(b) = this(&seq)?.0.borrow().get(i).copied() {
            it.index.set(i + 1);
            return Ok(super::int::from_i64(b as i64));
        }
        it.seq.set(Value::NULL);
    }
    Err(exc::stop_iteration(rt().none.clone()))
}

fn bytearray_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    if let Some(i) = super::int::index_value(&args[1]).ok().flatten() {
        let d = this(&args[0])?.0.borrow();
        let idx = super::tuple::norm_index(i, d.len(), "bytearray")?;
        return Ok(super::int::from_i64(d[idx] as i64));
    }
    let r = crate::ops::getitem(&snapshot(&args[0])?, &args[1])?;
    Ok(new(super::bytes::as_bytes(&r).unwrap_or(&[]).to_vec()))
}

fn byte_value(v: &Value) -> PyResult<u8> {
    let i = super::int::index_value(v)?.ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
    })?;
    u8::try_from(i).map_err(|_| exc::value_error("byte must be in range(0, 256)"))
}

fn bytearray_setitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setitem__", args, 3, 3)?;
    let i = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("bytearray indices must be integers or slices, not {}", type_name(&args[1])))
    })?;
    let b = byte_value(&args[2])?;
    let mut d = this(&args[0])?.0.borrow_mut();
    let idx = super::tuple::norm_index(i, d.len(), "bytearray")?;
    d[idx] = b;
    Ok(rt().none.clone())
}

fn bytearray_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = crate::ops::repr_string(&snapshot(&args[0])?)?;
    Ok(super::str::from_string(format!("{}({r})", type_name(&args[0]))))
}

fn compare(args: &[Value], f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(&args[0])?.0.borrow().clone();
    match buffer_of(&args[1]) {
        Some(b) => Ok(rt().bool_value(f(a.cmp(&b)))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn bytearray_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let mut a = this(&args[0])?.0.borrow().clone();
    let b = buffer_of(&args[1])
        .ok_or_else(|| exc::type_error(format!("can't concat {} to bytearray", type_name(&args[1]))))?;
    a.extend(b);
    Ok(new(a))
}

fn bytearray_iadd(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__iadd__", args, 2, 2)?;
    let b = buffer_of(&args[1])
        .ok_or_else(|| exc::type_error(format!("can't concat {} to bytearray", type_name(&args[1]))))?;
    this(&args[0])?.0.borrow_mut().extend(b);
    Ok(args[0].clone())
}

fn bytearray_append(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("append", args, 2, 2)?;
    let b = byte_value(&args[1])?;
    this(&args[0])?.0.borrow_mut().push(b);
    Ok(rt().none.clone())
}

fn bytearray_extend(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("extend", args, 2, 2)?;
    let add = match buffer_of(&args[1]) {
        Some(b) => b,
        None => crate::ops::collect(&args[1])?.iter().map(byte_value).collect::<PyResult<Vec<u8>>>()?,
    };
    this(&args[0])?.0.borrow_mut().extend(add);
    Ok(rt().none.clone())
}

fn bytearray_pop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("pop", args, 1, 2)?;
    let mut d = this(&args[0])?.0.borrow_mut();
    if d.is_empty() {
        return Err(exc::index_error("pop from empty bytearray"));
    }
    let i = match args.get(1) {
        Some(v) => super::int::index_value(v)?.unwrap_or(-1),
        None => -1,
    };
    let idx = super::tuple::norm_index(i, d.len(), "pop")
        .map_err(|_| exc::index_error("pop index out of range"))?;
    Ok(super::int::from_i64(d.remove(idx) as i64))
}

/// The payload of a `memoryview` (first version: a read-only view of the
/// bytes of a bytes or bytearray, copied when read).
pub struct MemoryViewData {
    obj: Slot,
}

thread_local! {
    static MEMORYVIEW_TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// The `memoryview` type.
pub fn memoryview_type() -> Value {
    MEMORYVIEW_TYPE.with(|c| {
        c.get_or_init(|| {
            super::object::new_native_type::<MemoryViewData>(
                "memoryview",
                "builtins",
                &rt().types.object,
                0,
                MEMORYVIEW_METHODS,
                &[("obj", |v| Ok(view_of(v)?.obj.get()), None)],
            )
        })
        .clone()
    })
}

fn view_of(v: &Value) -> PyResult<&MemoryViewData> {
    v.downcast::<MemoryViewData>().ok_or_else(|| exc::type_error("expected a memoryview"))
}

fn view_bytes(v: &Value) -> PyResult<Value> {
    let obj = view_of(v)?.obj.get();
    if obj.is_null() {
        return Err(exc::value_error("operation forbidden on released memoryview object"));
    }
    Ok(super::bytes::new(buffer_of(&obj).unwrap_or_default()))
}

const MEMORYVIEW_METHODS: &[Method] = &[
    new_method(memoryview_new),
    m("tobytes", |a, _| view_bytes(&a[0])),
    m("tolist", |a, _| Ok(super::list::new(crate::ops::collect(&view_bytes(&a[0])?)?))),
    m("__len__", |a, _| Ok(super::int::from_usize(crate::ops::len(&view_bytes(&a[0])?)?))),
    m("__getitem__", |a, _| crate::ops::getitem(&view_bytes(&a[0])?, &a[1])),
    m("__eq__", |a, _| {
        let mine = view_bytes(&a[0])?;
        let other = match a[1].downcast::<MemoryViewData>() {
            Some(_) => view_bytes(&a[1])?,
            None => a[1].clone(),
        };
        match buffer_of(&other) {
            Some(b) => Ok(rt().bool_value(super::bytes::as_bytes(&mine) == Some(&b[..]))),
            None => Ok(rt().not_implemented.clone()),
        }
    }),
    m("release", |a, _| {
        view_of(&a[0])?.obj.set(Value::NULL);
        Ok(rt().none.clone())
    }),
    m("__enter__", |a, _| Ok(a[0].clone())),
    m("__exit__", |a, _| {
        view_of(&a[0])?.obj.set(Value::NULL);
        Ok(rt().none.clone())
    }),
];

fn memoryview_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() || args.len() != 2 {
        return Err(exc::type_error("memoryview() takes exactly one argument"));
    }
    if buffer_of(&args[1]).is_none() {
        return Err(exc::type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            type_name(&args[1])
        )));
    }
    Ok(crate::heap::alloc(&memoryview_type(), MemoryViewData { obj: Slot::new(args[1].clone()) }))
}
