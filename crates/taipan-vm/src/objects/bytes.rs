//! `bytes`: an immutable byte string (the common operations; the full
//! method set comes with the bytes issue).

use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;

/// The payload of a bytes object.
pub struct BytesData(pub Box<[u8]>);

/// A new bytes object.
pub fn new(b: Vec<u8>) -> Value {
    crate::heap::alloc(&rt().types.bytes, BytesData(b.into_boxed_slice()))
}

pub fn as_bytes(v: &Value) -> Option<&[u8]> {
    v.downcast::<BytesData>().map(|d| &*d.0)
}

fn this(v: &Value) -> PyResult<&[u8]> {
    as_bytes(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'bytes' object but received '{}'", type_name(v)))
    })
}

pub const METHODS: &[Method] = &[
    new_method(bytes_new),
    m("__len__", bytes_len),
    m("__repr__", bytes_repr),
    m("__str__", bytes_repr),
    m("__hash__", bytes_hash),
    m("__getitem__", bytes_getitem),
    m("__iter__", bytes_iter),
    m("__contains__", bytes_contains),
    m("__add__", bytes_add),
    m("__mul__", bytes_mul),
    m("__rmul__", bytes_mul),
    m("__eq__", bytes_eq),
    m("__ne__", bytes_ne),
    m("__lt__", bytes_lt),
    m("__le__", bytes_le),
    m("__gt__", bytes_gt),
    m("__ge__", bytes_ge),
    m("decode", bytes_decode),
    m("hex", bytes_hex),
    m("startswith", bytes_startswith),
    m("endswith", bytes_endswith),
    m("join", bytes_join),
    m("upper", |a, _| Ok(new(this(&a[0])?.to_ascii_uppercase()))),
    m("lower", |a, _| Ok(new(this(&a[0])?.to_ascii_lowercase()))),
    m("count", bytes_count),
    m("find", bytes_find),
];

fn bytes_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let src = if npos > 1 { Some(&args[1]) } else { None };
    let b = match src {
        None => Vec::new(),
        Some(v) if super::str::as_str(v).is_some() => {
            if npos < 3 && kwnames.is_empty() {
                return Err(exc::type_error("string argument without an encoding"));
            }
            super::str::as_str(v).unwrap_or("").as_bytes().to_vec()
        }
        Some(v) if as_bytes(v).is_some() => as_bytes(v).unwrap_or(&[]).to_vec(),
        Some(v) if super::int::is_int(v) => {
            let n = super::int::index_value(v)?.unwrap_or(0);
            if n < 0 {
                return Err(exc::value_error("negative count"));
            }
            vec![0; n as usize]
        }
        Some(v) => {
            let mut out = Vec::new();
            for x in ops::collect(v)? {
                let i = super::int::index_value(&x)?.ok_or_else(|| {
                    exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&x)))
                })?;
                if !(0..256).contains(&i) {
                    return Err(exc::value_error("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            out
        }
    };
    Ok(new(b))
}

fn bytes_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.len()))
}

fn bytes_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::str::from_string(taipan_repr::bytes_repr(this(&args[0])?)))
}

fn bytes_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = this(&args[0])?;
    Ok(super::int::from_i64(crate::hashing::hash_bytes(b)))
}

fn bytes_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let b = this(&args[0])?;
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let (start, stop, step) = sl.indices(b.len())?;
        return Ok(new(super::slice::range_indices(start, stop, step).map(|i| b[i]).collect()));
    }
    let i = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("byte indices must be integers or slices, not {}", type_name(&args[1])))
    })?;
    let idx = super::tuple::norm_index(i, b.len(), "index")?;
    Ok(super::int::from_i64(b[idx] as i64))
}

fn bytes_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?.iter().map(|&x| super::int::from_i64(x as i64)).collect();
    Ok(super::iter::new_seq_iter(&rt().types.list_iterator, super::list::new(items)))
}

fn bytes_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let b = this(&args[0])?;
    if let Some(i) = super::int::to_i64(&args[1]) {
        return Ok(rt().bool_value(b.contains(&(i as u8))));
    }
    let n = as_bytes(&args[1]).ok_or_else(|| exc::type_error("a bytes-like object is required"))?;
    Ok(rt().bool_value(n.is_empty() || b.windows(n.len()).any(|w| w == n)))
}

fn bytes_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let a = this(&args[0])?;
    match as_bytes(&args[1]) {
        Some(b) => Ok(new([a, b].concat())),
        None => Err(exc::type_error(format!("can't concat {} to bytes", type_name(&args[1])))),
    }
}

fn bytes_mul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mul__", args, 2, 2)?;
    let a = this(&args[0])?;
    match super::int::index_value(&args[1])? {
        Some(n) => Ok(new(a.repeat(n.max(0) as usize))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn cmp(args: &[Value], f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(&args[0])?;
    match as_bytes(&args[1]) {
        Some(b) => Ok(rt().bool_value(f(a.cmp(b)))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn bytes_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_eq())
}
fn bytes_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_ne())
}
fn bytes_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_lt())
}
fn bytes_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_le())
}
fn bytes_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_gt())
}
fn bytes_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_ge())
}

fn bytes_decode(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = this(&args[0])?;
    let enc =
        args.get(1).and_then(super::str::as_str).unwrap_or("utf-8").to_ascii_lowercase().replace('_', "-");
    match enc.as_str() {
        "utf-8" | "utf8" => match std::str::from_utf8(b) {
            Ok(s) => Ok(super::str::new(s)),
            Err(e) => Err(exc::with_msg(
                &rt().exc.unicode_decode_error,
                format!(
                    "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                    b[e.valid_up_to()],
                    e.valid_up_to()
                ),
            )),
        },
        "latin-1" | "latin1" | "iso-8859-1" => {
            Ok(super::str::from_string(b.iter().map(|&c| c as char).collect()))
        }
        "ascii" => match b.iter().position(|&c| c >= 128) {
            None => Ok(super::str::from_string(b.iter().map(|&c| c as char).collect())),
            Some(i) => Err(exc::with_msg(
                &rt().exc.unicode_decode_error,
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {i}: ordinal not in range(128)",
                    b[i]
                ),
            )),
        },
        _ => Err(exc::with_msg(&rt().exc.lookup_error, format!("unknown encoding: {enc}"))),
    }
}

/// `str.encode(encoding)`.
pub fn encode_str(s: &str, encoding: &str) -> PyResult<Value> {
    match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" => Ok(new(s.as_bytes().to_vec())),
        "latin-1" | "latin1" | "iso-8859-1" | "ascii" => {
            let limit = if encoding.eq_ignore_ascii_case("ascii") { 128 } else { 256 };
            let mut out = Vec::new();
            for (i, c) in s.chars().enumerate() {
                if (c as u32) >= limit {
                    let name = if limit == 128 { "ascii" } else { "latin-1" };
                    return Err(exc::with_msg(
                        &rt().exc.unicode_encode_error,
                        format!(
                            "'{name}' codec can't encode character '\\u{:04x}' in position {i}: ordinal not in range({limit})",
                            c as u32
                        ),
                    ));
                }
                out.push(c as u8);
            }
            Ok(new(out))
        }
        e => Err(exc::with_msg(&rt().exc.lookup_error, format!("unknown encoding: {e}"))),
    }
}

fn bytes_hex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::str::from_string(this(&args[0])?.iter().map(|b| format!("{b:02x}")).collect()))
}

fn affix(args: &[Value], f: fn(&[u8], &[u8]) -> bool) -> PyResult<Value> {
    check_args("startswith", args, 2, 2)?;
    let b = this(&args[0])?;
    let p = as_bytes(&args[1]).ok_or_else(|| exc::type_error("a bytes-like object is required"))?;
    Ok(rt().bool_value(f(b, p)))
}

fn bytes_startswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix(args, |b, p| b.starts_with(p))
}
fn bytes_endswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix(args, |b, p| b.ends_with(p))
}

fn bytes_join(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("join", args, 2, 2)?;
    let sep = this(&args[0])?;
    let mut out = Vec::new();
    for (i, item) in ops::collect(&args[1])?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(as_bytes(item).ok_or_else(|| {
            exc::type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                type_name(item)
            ))
        })?);
    }
    Ok(new(out))
}

fn bytes_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("count", args, 2, 2)?;
    let b = this(&args[0])?;
    let n = match super::int::to_i64(&args[1]) {
        Some(i) => b.iter().filter(|&&c| c as i64 == i).count(),
        None => {
            let p = as_bytes(&args[1]).ok_or_else(|| exc::type_error("a bytes-like object is required"))?;
            if p.is_empty() {
                b.len() + 1
            } else {
                let mut n = 0;
                let mut i = 0;
                while i + p.len() <= b.len() {
                    if &b[i..i + p.len()] == p {
                        n += 1;
                        i += p.len();
                    } else {
                        i += 1;
                    }
                }
                n
            }
        }
    };
    Ok(super::int::from_usize(n))
}

fn bytes_find(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("find", args, 2, 2)?;
    let b = this(&args[0])?;
    let p: Vec<u8> = match super::int::to_i64(&args[1]) {
        Some(i) => vec![i as u8],
        None => {
            as_bytes(&args[1]).ok_or_else(|| exc::type_error("a bytes-like object is required"))?.to_vec()
        }
    };
    let pos = if p.is_empty() { Some(0) } else { b.windows(p.len()).position(|w| w == p.as_slice()) };
    Ok(super::int::from_i64(pos.map_or(-1, |i| i as i64)))
}
