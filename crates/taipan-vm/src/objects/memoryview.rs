//! `memoryview` basics: a read-only window (format 'B', contiguous) onto a
//! bytes-like object — length, indexing, step-1 slicing (a new view),
//! `tobytes`, `tolist`, `hex`, comparison, `release` and the context
//! manager protocol. Views of a bytearray see its later changes.

use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::cell::Cell;

/// The payload of a memoryview: the exporting object and the window.
pub struct MemoryviewData {
    pub obj: Value,
    pub start: usize,
    pub len: usize,
    pub released: Cell<bool>,
}

/// The bytes a memoryview shows (`None` for another type).
pub fn contents(v: &Value) -> Option<Vec<u8>> {
    let d = v.downcast::<MemoryviewData>()?;
    let all = super::bytes::buffer(&d.obj)?;
    let end = (d.start + d.len).min(all.len());
    Some(all.get(d.start.min(end)..end).unwrap_or(&[]).to_vec())
}

fn this(v: &Value) -> PyResult<&MemoryviewData> {
    let d = v.downcast::<MemoryviewData>().ok_or_else(|| exc::type_error("expected a memoryview"))?;
    if d.released.get() {
        return Err(exc::value_error("operation forbidden on released memoryview object"));
    }
    Ok(d)
}

fn view_of(obj: Value, start: usize, len: usize) -> Value {
    crate::heap::alloc(&rt().types.memoryview, MemoryviewData { obj, start, len, released: Cell::new(false) })
}

pub const METHODS: &[Method] = &[
    new_method(memoryview_new),
    m("__len__", |a, _| Ok(super::int::from_usize(this(&a[0])?.len))),
    m("__getitem__", memoryview_getitem),
    m("__eq__", memoryview_eq),
    m("__repr__", |a, _| Ok(super::str::from_string(format!("<memory at {:#x}>", a[0].as_ptr() as usize)))),
    m("__enter__", |a, _| {
        this(&a[0])?;
        Ok(a[0].clone())
    }),
    m("__exit__", |a, _| {
        release(&a[0])?;
        Ok(rt().none.clone())
    }),
    m("release", |a, _| {
        release(&a[0])?;
        Ok(rt().none.clone())
    }),
    m("tobytes", |a, _| Ok(super::bytes::new(bytes_of(&a[0])?))),
    m("tolist", |a, _| {
        let items = bytes_of(&a[0])?.into_iter().map(|b| super::int::from_i64(b as i64)).collect();
        Ok(super::list::new(items))
    }),
    m("hex", |a, _| {
        Ok(super::str::from_string(super::bytes::hex_with_sep(&bytes_of(&a[0])?, a.get(1), a.get(2))?))
    }),
    m("__bytes__", |a, _| Ok(super::bytes::new(bytes_of(&a[0])?))),
];

pub const GETSETS: &[(&str, super::Getter, Option<super::Setter>)] = &[
    ("obj", |v| Ok(this(v)?.obj.clone()), None),
    ("nbytes", |v| Ok(super::int::from_usize(this(v)?.len)), None),
    ("readonly", |v| Ok(rt().bool_value(super::bytearray::data(&this(v)?.obj).is_none())), None),
    ("itemsize", |_| Ok(super::int::from_i64(1)), None),
    ("ndim", |_| Ok(super::int::from_i64(1)), None),
    ("format", |_| Ok(super::str::new("B")), None),
];

fn bytes_of(v: &Value) -> PyResult<Vec<u8>> {
    this(v)?;
    contents(v).ok_or_else(|| exc::type_error("expected a memoryview"))
}

fn release(v: &Value) -> PyResult<()> {
    let d = v.downcast::<MemoryviewData>().ok_or_else(|| exc::type_error("expected a memoryview"))?;
    d.released.set(true);
    Ok(())
}

fn memoryview_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = super::split_kwargs(args, kwnames);
    let obj = match pos.get(1).or(kws.iter().find(|(k, _)| *k == "object").map(|(_, v)| *v)) {
        Some(o) => o.clone(),
        None => return Err(exc::type_error("memoryview() missing required argument 'object' (pos 1)")),
    };
    if let Some(d) = obj.downcast::<MemoryviewData>() {
        return Ok(view_of(d.obj.clone(), d.start, d.len));
    }
    let len = super::bytes::buffer(&obj)
        .ok_or_else(|| {
            exc::type_error(format!("memoryview: a bytes-like object is required, not '{}'", type_name(&obj)))
        })?
        .len();
    Ok(view_of(obj, 0, len))
}

fn memoryview_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let d = this(&args[0])?;
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let (start, stop, step) = sl.indices(d.len)?;
        if step != 1 {
            let b = bytes_of(&args[0])?;
            let picked = super::slice::range_indices(start, stop, step).map(|i| b[i]).collect();
            let copy = super::bytes::new(picked);
            let n = super::bytes::as_bytes(&copy).map_or(0, <[u8]>::len);
            return Ok(view_of(copy, 0, n));
        }
        let len = (stop - start).max(0) as usize;
        return Ok(view_of(d.obj.clone(), d.start + start as usize, len));
    }
    let i =
        super::int::index_value(&args[1])?.ok_or_else(|| exc::type_error("memoryview: invalid slice key"))?;
    let idx = super::tuple::norm_index(i, d.len, "index")?;
    let b = bytes_of(&args[0])?;
    let byte = b.get(idx).copied().ok_or_else(|| exc::index_error("index out of bounds on dimension 1"))?;
    Ok(super::int::from_i64(byte as i64))
}

fn memoryview_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    let a = bytes_of(&args[0])?;
    match super::bytes::buffer(&args[1]) {
        Some(b) => Ok(rt().bool_value(a == b)),
        None => Ok(rt().not_implemented.clone()),
    }
}
