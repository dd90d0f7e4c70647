//! `bytearray`: a mutable byte string. It shares its non-mutating methods
//! with `bytes` (`bytes::SHARED_METHODS`, which build results of the
//! receiver's type); the mutating ones (item and slice assignment,
//! append/extend/insert/pop/remove/reverse/clear, `+=`, `*=`) are here.

use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::cell::RefCell;

/// The payload of a bytearray.
pub struct BytearrayData(pub RefCell<Vec<u8>>);

/// A new bytearray.
pub fn new(b: Vec<u8>) -> Value {
    crate::heap::alloc(&rt().types.bytearray, BytearrayData(RefCell::new(b)))
}

/// The payload of a bytearray (or subclass instance).
pub fn data(v: &Value) -> Option<&BytearrayData> {
    v.downcast::<BytearrayData>()
}

fn this(v: &Value) -> PyResult<&BytearrayData> {
    data(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'bytearray' object but received '{}'", type_name(v)))
    })
}

pub const METHODS: &[Method] = &[
    new_method(bytearray_new),
    super::mk("__init__", bytearray_init),
    m("__getitem__", bytearray_getitem),
    m("__setitem__", bytearray_setitem),
    m("__delitem__", bytearray_delitem),
    m("__iadd__", bytearray_iadd),
    m("__imul__", bytearray_imul),
    m("__alloc__", |a, _| Ok(super::int::from_usize(this(&a[0])?.0.borrow().capacity() + 1))),
    m("__sizeof__", |a, _| Ok(super::int::from_usize(56 + this(&a[0])?.0.borrow().capacity()))),
    m("append", bytearray_append),
    m("extend", bytearray_extend),
    m("insert", bytearray_insert).fast(),
    m("pop", bytearray_pop).fast(),
    m("remove", bytearray_remove),
    m("reverse", |a, _| {
        this(&a[0])?.0.borrow_mut().reverse();
        Ok(rt().none.clone())
    }),
    m("clear", |a, _| {
        this(&a[0])?.0.borrow_mut().clear();
        Ok(rt().none.clone())
    }),
    m("copy", |a, _| Ok(new(this(&a[0])?.0.borrow().clone()))),
];

fn bytearray_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args[0].is(&rt().types.bytearray) {
        return Ok(new(Vec::new()));
    }
    super::object::alloc_subclass(&args[0], BytearrayData(RefCell::new(Vec::new())))
}

fn bytearray_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let contents = super::bytes::construct("bytearray", args, kwnames)?;
    *this(&args[0])?.0.borrow_mut() = contents;
    Ok(rt().none.clone())
}

fn bytearray_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let b = this(&args[0])?.0.borrow().clone();
    super::bytes::getitem_of(&args[0], &b, &args[1])
}

/// One byte from an int-like value ("byte must be in range(0, 256)").
fn byte_of(v: &Value) -> PyResult<u8> {
    let i = super::int::index_value(v)?.ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
    })?;
    u8::try_from(i).map_err(|_| exc::value_error("byte must be in range(0, 256)"))
}

fn bytearray_setitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setitem__", args, 3, 3)?;
    let d = this(&args[0])?;
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let src = if args[2].is(&args[0]) {
            d.0.borrow().clone()
        } else if super::int::is_int(&args[2]) {
            return Err(exc::type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
            ));
        } else {
            super::bytes::from_object(&args[2])?
        };
        let len = d.0.borrow().len();
        let (start, stop, step) = sl.indices(len)?;
        let mut b = d.0.borrow_mut();
        if step == 1 {
            let (s, e) = (start as usize, (stop.max(start)) as usize);
            b.splice(s..e, src);
            return Ok(rt().none.clone());
        }
        let idx: Vec<usize> = super::slice::range_indices(start, stop, step).collect();
        if idx.len() != src.len() {
            return Err(exc::value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                src.len(),
                idx.len()
            )));
        }
        for (i, v) in idx.into_iter().zip(src) {
            b[i] = v;
        }
        return Ok(rt().none.clone());
    }
    let i = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("bytearray indices must be integers or slices, not {}", type_name(&args[1])))
    })?;
    let v = byte_of(&args[2])?;
    let len = d.0.borrow().len();
    let idx = super::tuple::norm_index(i, len, "bytearray")?;
    d.0.borrow_mut()[idx] = v;
    Ok(rt().none.clone())
}

fn bytearray_delitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delitem__", args, 2, 2)?;
    let d = this(&args[0])?;
    let len = d.0.borrow().len();
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let (start, stop, step) = sl.indices(len)?;
        let mut drop_at: Vec<usize> = super::slice::range_indices(start, stop, step).collect();
        drop_at.sort_unstable();
        let mut b = d.0.borrow_mut();
        let mut k = 0;
        let mut i = 0;
        b.retain(|_| {
            let keep = drop_at.get(k) != Some(&i);
            if !keep {
                k += 1;
            }
            i += 1;
            keep
        });
        return Ok(rt().none.clone());
    }
    let i = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("bytearray indices must be integers or slices, not {}", type_name(&args[1])))
    })?;
    let idx = super::tuple::norm_index(i, len, "bytearray")?;
    d.0.borrow_mut().remove(idx);
    Ok(rt().none.clone())
}

fn bytearray_iadd(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__iadd__", args, 2, 2)?;
    let more = super::bytes::buffer(&args[1])
        .ok_or_else(|| exc::type_error(format!("can't concat {} to bytearray", type_name(&args[1]))))?;
    this(&args[0])?.0.borrow_mut().extend(more);
    Ok(args[0].clone())
}

fn bytearray_imul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__imul__", args, 2, 2)?;
    let Some(n) = super::int::repeat_count(&args[1])? else {
        return Ok(rt().not_implemented.clone());
    };
    let d = this(&args[0])?;
    let rep = super::bytes::repeat(&d.0.borrow(), n)?;
    *d.0.borrow_mut() = rep;
    Ok(args[0].clone())
}

fn bytearray_append(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("append", args, 2, 2)?;
    let v = byte_of(&args[1])?;
    this(&args[0])?.0.borrow_mut().push(v);
    Ok(rt().none.clone())
}

fn bytearray_extend(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("extend", args, 2, 2)?;
    if super::str::is_str(&args[1]) {
        return Err(exc::type_error("expected iterable of integers; got: 'str'"));
    }
    let more = match super::bytes::buffer(&args[1]) {
        Some(b) => b,
        None => {
            if !ops::is_iterable(&args[1]) {
                return Err(exc::type_error(format!("can't extend bytearray with {}", type_name(&args[1]))));
            }
            ops::collect(&args[1])?.iter().map(byte_of).collect::<PyResult<Vec<u8>>>()?
        }
    };
    this(&args[0])?.0.borrow_mut().extend(more);
    Ok(rt().none.clone())
}

fn bytearray_insert(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("insert", args, 3, 3)?;
    let d = this(&args[0])?;
    let i = super::int::index_value(&args[1])?.ok_or_else(|| exc::type_error("an integer is required"))?;
    let v = byte_of(&args[2])?;
    let len = d.0.borrow().len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    d.0.borrow_mut().insert(at as usize, v);
    Ok(rt().none.clone())
}

fn bytearray_pop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("pop", args, 1, 2)?;
    let d = this(&args[0])?;
    let len = d.0.borrow().len();
    if len == 0 {
        return Err(exc::index_error("pop from empty bytearray"));
    }
    let i = match args.get(1) {
        Some(v) => super::int::index_value(v)?.ok_or_else(|| exc::type_error("an integer is required"))?,
        None => -1,
    };
    let idx =
        super::tuple::norm_index(i, len, "pop").map_err(|_| exc::index_error("pop index out of range"))?;
    Ok(super::int::from_i64(d.0.borrow_mut().remove(idx) as i64))
}

fn bytearray_remove(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("remove", args, 2, 2)?;
    let v = byte_of(&args[1])?;
    let d = this(&args[0])?;
    let pos = d.0.borrow().iter().position(|&c| c == v);
    match pos {
        Some(i) => {
            d.0.borrow_mut().remove(i);
            Ok(rt().none.clone())
        }
        None => Err(exc::value_error("value not found in bytearray")),
    }
}
