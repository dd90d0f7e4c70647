//! `_io.BytesIO`: a binary stream over an in-memory, growable buffer.

use super::super::native::{self, bind, boolean, given, int_arg, none, BASETYPE, HAS_DICT};
use super::{bytes_arg, size_arg};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{bytes, int, list, m, mk, new_method, Getter, Method, Setter};
use crate::value::Value;
use std::cell::{Cell, RefCell};

/// The payload of a `BytesIO`.
pub struct BytesIoData {
    buf: RefCell<Vec<u8>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
}

const METHODS: &[Method] = &[
    new_method(bytesio_new),
    mk("__init__", bytesio_init),
    m("getvalue", |a, _| Ok(bytes::new(open(&a[0])?.buf.borrow().clone()))),
    m("getbuffer", bytesio_getbuffer),
    mk("read", bytesio_read),
    mk("read1", bytesio_read),
    mk("readline", bytesio_readline),
    m("readinto", bytesio_readinto),
    mk("readlines", bytesio_readlines),
    m("write", bytesio_write),
    m("writelines", bytesio_writelines),
    mk("seek", bytesio_seek),
    m("tell", |a, _| Ok(int::from_usize(open(&a[0])?.pos.get()))),
    mk("truncate", bytesio_truncate),
    m("close", |a, _| {
        let d = this(&a[0])?;
        d.closed.set(true);
        d.buf.borrow_mut().clear();
        Ok(none())
    }),
    m("flush", |a, _| open(&a[0]).map(|_| none())),
    m("isatty", |a, _| open(&a[0]).map(|_| boolean(false))),
    m("readable", |a, _| open(&a[0]).map(|_| boolean(true))),
    m("writable", |a, _| open(&a[0]).map(|_| boolean(true))),
    m("seekable", |a, _| open(&a[0]).map(|_| boolean(true))),
    m("__iter__", |a, _| open(&a[0]).map(|_| a[0].clone())),
    m("__next__", bytesio_next),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] =
    &[("closed", |v| Ok(boolean(this(v)?.closed.get())), None)];

/// Creates the `BytesIO` class.
pub fn new_type(base: &Value) -> Value {
    native::new_type::<BytesIoData>("BytesIO", "_io", base, BASETYPE | HAS_DICT, METHODS, GETSETS)
}

/// `getbuffer()`: a memoryview of the contents. Taipan's memoryview is
/// read-only, so the view is of a snapshot: later writes to the stream
/// do not show through it (CPython's view is live and writable).
fn bytesio_getbuffer(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let snapshot = bytes::new(open(&args[0])?.buf.borrow().clone());
    crate::call::call(&crate::runtime::rt().types.memoryview, &[snapshot], &[])
}

fn this(v: &Value) -> PyResult<&BytesIoData> {
    v.downcast::<BytesIoData>().ok_or_else(|| exc::type_error("descriptor requires a '_io.BytesIO' object"))
}

fn open(v: &Value) -> PyResult<&BytesIoData> {
    let d = this(v)?;
    if d.closed.get() {
        return Err(exc::value_error("I/O operation on closed file."));
    }
    Ok(d)
}

fn bytesio_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = BytesIoData { buf: RefCell::new(Vec::new()), pos: Cell::new(0), closed: Cell::new(false) };
    crate::objects::object::alloc_subclass(&args[0], d)
}

fn bytesio_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("BytesIO", &args[1..], kwnames, &["initial_bytes"], 0)?;
    let d = this(&args[0])?;
    let init = match given(&a[0]) {
        Some(v) => bytes_arg(v)?,
        None => Vec::new(),
    };
    *d.buf.borrow_mut() = init;
    d.pos.set(0);
    Ok(none())
}

/// Takes up to `n` bytes (all with None) from the position on.
fn take(d: &BytesIoData, n: Option<usize>) -> Vec<u8> {
    let buf = d.buf.borrow();
    let start = d.pos.get().min(buf.len());
    let end = n.map_or(buf.len(), |n| start.saturating_add(n).min(buf.len()));
    d.pos.set(d.pos.get().max(end));
    buf[start..end].to_vec()
}

fn bytesio_read(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("read", &args[1..], kwnames, &["size"], 0)?;
    Ok(bytes::new(take(d, size_arg(a[0].as_ref())?)))
}

fn bytesio_readinto(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("readinto", args, 2, 2)?;
    let d = open(&args[0])?;
    let n = super::buffer_len(&args[1])?;
    let data = take(d, Some(n));
    Ok(int::from_usize(super::fill_buffer(&args[1], &data)?))
}

fn line_len(d: &BytesIoData, limit: Option<usize>) -> usize {
    let buf = d.buf.borrow();
    let start = d.pos.get().min(buf.len());
    let rest = &buf[start..];
    let n = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
    limit.map_or(n, |l| n.min(l))
}

fn bytesio_readline(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("readline", &args[1..], kwnames, &["size"], 0)?;
    let n = line_len(d, size_arg(a[0].as_ref())?);
    Ok(bytes::new(take(d, Some(n))))
}

fn bytesio_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let n = line_len(d, None);
    if n == 0 {
        return Err(exc::stop_iteration(none()));
    }
    Ok(bytes::new(take(d, Some(n))))
}

fn bytesio_readlines(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("readlines", &args[1..], kwnames, &["size"], 0)?;
    let hint = size_arg(a[0].as_ref())?.filter(|h| *h > 0);
    let (mut lines, mut total) = (Vec::new(), 0);
    loop {
        let n = line_len(d, None);
        if n == 0 {
            break;
        }
        total += n;
        lines.push(bytes::new(take(d, Some(n))));
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(list::new(lines))
}

/// Writes `data` at the position (padding with zeros past the end).
fn write_bytes(d: &BytesIoData, data: &[u8]) {
    let mut buf = d.buf.borrow_mut();
    let pos = d.pos.get();
    if pos > buf.len() {
        buf.resize(pos, 0);
    }
    let end = pos + data.len();
    if end > buf.len() {
        buf.resize(end, 0);
    }
    buf[pos..end].copy_from_slice(data);
    d.pos.set(end);
}

fn bytesio_write(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("write", args, 2, 2)?;
    let d = open(&args[0])?;
    let data = bytes_arg(&args[1])?;
    write_bytes(d, &data);
    Ok(int::from_usize(data.len()))
}

fn bytesio_writelines(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("writelines", args, 2, 2)?;
    let d = open(&args[0])?;
    let it = crate::ops::iter(&args[1])?;
    while let Some(line) = crate::ops::next(&it)? {
        write_bytes(d, &bytes_arg(&line)?);
    }
    Ok(none())
}

fn bytesio_seek(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("seek", &args[1..], kwnames, &["pos", "whence"], 1)?;
    let pos = int_arg(a[0].as_ref().expect("required"), "")?;
    let whence = match &a[1] {
        Some(v) => int_arg(v, "")?,
        None => 0,
    };
    let base = match whence {
        0 => {
            if pos < 0 {
                return Err(exc::value_error(format!("negative seek value {pos}")));
            }
            0
        }
        1 => d.pos.get() as i64,
        2 => d.buf.borrow().len() as i64,
        _ => return Err(exc::value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let new = (base + pos).max(0) as usize;
    d.pos.set(new);
    Ok(int::from_usize(new))
}

fn bytesio_truncate(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("truncate", &args[1..], kwnames, &["size"], 0)?;
    let size = match given(&a[0]) {
        Some(v) => {
            let n = int_arg(v, "")?;
            if n < 0 {
                return Err(exc::value_error(format!("negative size value {n}")));
            }
            n as usize
        }
        None => d.pos.get(),
    };
    d.buf.borrow_mut().truncate(size);
    Ok(int::from_usize(size))
}
