//! `memoryview` basics: a read-only window (format 'B', contiguous) onto a
//! bytes-like object — length, indexing, step-1 slicing (a new view),
//! `tobytes`, `tolist`, `hex`, comparison, `release` and the context
//! manager protocol. Views of a bytearray see its later changes.
//! `cast` to another native integer format ('I', 'h', 'q', …) changes how
//! `len`, `tolist` and indexing read the items (re's compiler needs 'I').

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
    /// The struct format of the items (`b'B'` unless cast).
    pub format: u8,
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
    view_with_format(obj, start, len, b'B')
}

fn view_with_format(obj: Value, start: usize, len: usize, format: u8) -> Value {
    let data = MemoryviewData { obj, start, len, released: Cell::new(false), format };
    crate::heap::alloc(&rt().types.memoryview, data)
}

/// The size of one item of a native struct format, and whether it is signed.
fn format_info(format: u8) -> Option<(usize, bool)> {
    Some(match format {
        b'B' | b'c' => (1, false),
        b'b' => (1, true),
        b'H' => (2, false),
        b'h' => (2, true),
        b'I' => (4, false),
        b'i' => (4, true),
        b'L' | b'Q' | b'N' => (8, false),
        b'l' | b'q' | b'n' => (8, true),
        _ => return None,
    })
}

/// One item of `format` from its native-endian bytes.
fn item_value(format: u8, raw: &[u8]) -> Value {
    if format == b'c' {
        return super::bytes::new(raw.to_vec());
    }
    let signed = format_info(format).is_some_and(|(_, s)| s);
    let little = cfg!(target_endian = "little");
    let unsigned = (0..raw.len()).fold(0u64, |acc, i| {
        let byte = if little { raw[raw.len() - 1 - i] } else { raw[i] };
        (acc << 8) | u64::from(byte)
    });
    let shift = 64 - 8 * raw.len() as u32;
    if signed && shift < 64 {
        return super::int::from_i64(((unsigned << shift) as i64) >> shift);
    }
    super::int::from_bigint(unsigned.into())
}

fn itemsize(d: &MemoryviewData) -> usize {
    format_info(d.format).map_or(1, |(n, _)| n)
}

fn memoryview_cast(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("cast", args, 2, 2)?;
    let d = this(&args[0])?;
    let fmt = super::str::as_str(&args[1]).ok_or_else(|| {
        exc::type_error(format!("cast() argument 'format' must be str, not {}", type_name(&args[1])))
    })?;
    let fmt = fmt.strip_prefix('@').unwrap_or(fmt);
    let format = match fmt.as_bytes() {
        [c] if format_info(*c).is_some() => *c,
        _ => {
            return Err(exc::value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ))
        }
    };
    if d.format != b'B'
        && format != b'B'
        && d.format != b'c'
        && format != b'c'
        && d.format != b'b'
        && format != b'b'
    {
        return Err(exc::type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let size = format_info(format).map_or(1, |(n, _)| n);
    if d.len % size != 0 {
        return Err(exc::type_error("memoryview: length is not a multiple of itemsize"));
    }
    Ok(view_with_format(d.obj.clone(), d.start, d.len, format))
}

pub const METHODS: &[Method] = &[
    new_method(memoryview_new),
    m("__len__", |a, _| {
        let d = this(&a[0])?;
        Ok(super::int::from_usize(d.len / itemsize(d)))
    }),
    m("cast", memoryview_cast).fast(),
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
    m("tobytes", |a, _| Ok(super::bytes::new(bytes_of(&a[0])?))).fast(),
    m("tolist", |a, _| {
        let format = this(&a[0])?.format;
        let size = itemsize(this(&a[0])?);
        let items = bytes_of(&a[0])?.chunks_exact(size).map(|raw| item_value(format, raw)).collect();
        Ok(super::list::new(items))
    }),
    m("hex", |a, _| {
        Ok(super::str::from_string(super::bytes::hex_with_sep(&bytes_of(&a[0])?, a.get(1), a.get(2))?))
    })
    .fast(),
    m("__bytes__", |a, _| Ok(super::bytes::new(bytes_of(&a[0])?))),
];

pub const GETSETS: &[(&str, super::Getter, Option<super::Setter>)] = &[
    ("obj", |v| Ok(this(v)?.obj.clone()), None),
    ("nbytes", |v| Ok(super::int::from_usize(this(v)?.len)), None),
    ("readonly", |v| Ok(rt().bool_value(super::bytearray::data(&this(v)?.obj).is_none())), None),
    ("itemsize", |v| Ok(super::int::from_usize(itemsize(this(v)?))), None),
    ("ndim", |_| Ok(super::int::from_i64(1)), None),
    ("format", |v| Ok(super::str::from_string(char::from(this(v)?.format).to_string())), None),
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
    let size = itemsize(d);
    let idx = super::tuple::norm_index(i, d.len / size, "index")?;
    let b = bytes_of(&args[0])?;
    let raw = b
        .get(idx * size..idx * size + size)
        .ok_or_else(|| exc::index_error("index out of bounds on dimension 1"))?;
    Ok(item_value(d.format, raw))
}

fn memoryview_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    let a = bytes_of(&args[0])?;
    match super::bytes::buffer(&args[1]) {
        Some(b) => Ok(rt().bool_value(a == b)),
        None => Ok(rt().not_implemented.clone()),
    }
}
