//! The generic methods of `_IOBase` and its three abstract subclasses,
//! written against the stream's own methods (`read`, `readline`, `seek`,
//! `closed`, …) so that Python subclasses in `io.py` and user code
//! inherit working defaults. A plain `_IOBase` instance records being
//! closed in its `__dict__` (`__IOBase_closed`), as CPython does.

use super::super::native::{bind, boolean, none};
use super::{closed_error, size_arg, unsupported};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{bytes, dict, int, list, m, mk, object, str as pystr, Getter, Method, Setter};
use crate::runtime::rt;
use crate::value::Value;

const CLOSED_KEY: &str = "__IOBase_closed";

pub const METHODS: &[Method] = &[
    m("close", iobase_close),
    m("flush", iobase_flush),
    m("seek", |_, _| Err(unsupported("seek"))),
    m("tell", |a, _| call(&a[0], "seek", &[int::from_i64(0), int::from_i64(1)])),
    m("truncate", |_, _| Err(unsupported("truncate"))),
    m("fileno", |_, _| Err(unsupported("fileno"))),
    m("isatty", |a, _| {
        check_closed(&a[0])?;
        Ok(boolean(false))
    }),
    m("readable", |_, _| Ok(boolean(false))),
    m("writable", |_, _| Ok(boolean(false))),
    m("seekable", |_, _| Ok(boolean(false))),
    m("_checkClosed", |a, _| check_closed(&a[0]).map(|_| none())),
    m("_checkReadable", |a, _| check_able(&a[0], "readable", "File or stream is not readable.")),
    m("_checkWritable", |a, _| check_able(&a[0], "writable", "File or stream is not writable.")),
    m("_checkSeekable", |a, _| check_able(&a[0], "seekable", "File or stream is not seekable.")),
    m("__enter__", |a, _| {
        check_closed(&a[0])?;
        Ok(a[0].clone())
    }),
    m("__exit__", |a, _| call(&a[0], "close", &[])),
    m("__iter__", |a, _| {
        check_closed(&a[0])?;
        Ok(a[0].clone())
    }),
    m("__next__", iobase_next),
    mk("readline", iobase_readline),
    mk("readlines", iobase_readlines),
    m("writelines", iobase_writelines),
    m("__del__", iobase_del),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[("closed", iobase_closed, None)];

pub const RAW_METHODS: &[Method] = &[
    mk("read", raw_read),
    m("readall", raw_readall),
    m("readinto", |_, _| Err(exc::not_implemented_error(""))),
    m("write", |_, _| Err(exc::not_implemented_error(""))),
];

pub const BUFFERED_METHODS: &[Method] = &[
    mk("read", |_, _| Err(unsupported("read"))),
    mk("read1", |_, _| Err(unsupported("read1"))),
    m("write", |_, _| Err(unsupported("write"))),
    m("detach", |_, _| Err(unsupported("detach"))),
    m("readinto", |a, _| buffered_readinto_via(a, "read")),
    m("readinto1", |a, _| buffered_readinto_via(a, "read1")),
];

pub const TEXT_METHODS: &[Method] = &[
    mk("read", |_, _| Err(unsupported("read"))),
    mk("readline", |_, _| Err(unsupported("readline"))),
    m("write", |_, _| Err(unsupported("write"))),
    m("detach", |_, _| Err(unsupported("detach"))),
];

/// `encoding`, `errors` and `newlines` of `_TextIOBase`: None.
pub const TEXT_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("encoding", |_| Ok(none()), None),
    ("errors", |_| Ok(none()), None),
    ("newlines", |_| Ok(none()), None),
];

/// `_BufferedIOBase.readinto(b)`/`readinto1(b)`: `self.read(len(b))` (or
/// `read1`) copied into `b`.
fn buffered_readinto_via(args: &[Value], read: &str) -> PyResult<Value> {
    crate::objects::check_args(if read == "read" { "readinto" } else { "readinto1" }, args, 2, 2)?;
    let n = super::buffer_len(&args[1])?;
    let data = call(&args[0], read, &[int::from_usize(n)])?;
    let data = super::bytes_arg(&data)?;
    Ok(int::from_usize(super::fill_buffer(&args[1], &data)?))
}

/// `obj.name(*args)`.
pub fn call(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    crate::attr::call_method(obj, name, args)
}

/// `obj.closed` as a bool.
pub fn is_closed(obj: &Value) -> PyResult<bool> {
    crate::ops::truthy(&crate::attr::getattr_str(obj, "closed")?)
}

/// `_checkClosed`: ValueError on a closed stream.
pub fn check_closed(obj: &Value) -> PyResult<()> {
    if is_closed(obj)? {
        return Err(closed_error("I/O operation on closed file."));
    }
    Ok(())
}

fn check_able(obj: &Value, what: &str, msg: &str) -> PyResult<Value> {
    if !crate::ops::truthy(&call(obj, what, &[])?)? {
        return Err(unsupported(msg));
    }
    Ok(none())
}

fn iobase_closed(v: &Value) -> PyResult<Value> {
    let closed = object::instance_dict(v)
        .and_then(|d| dict::get_str(&d, &pystr::intern(CLOSED_KEY)))
        .is_some_and(|x| crate::ops::truthy(&x).unwrap_or(false));
    Ok(boolean(closed))
}

fn iobase_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    if iobase_closed(me)?.is(&rt().true_) {
        return Ok(none());
    }
    let r = call(me, "flush", &[]);
    if let Some(d) = object::instance_dict(me) {
        dict::set_str(&d, CLOSED_KEY, rt().true_.clone());
    }
    r.map(|_| none())
}

fn iobase_flush(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_closed(&args[0])?;
    Ok(none())
}

fn iobase_del(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    if let Ok(false) = is_closed(me) {
        call(me, "close", &[])?;
    }
    Ok(none())
}

fn iobase_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let line = call(&args[0], "readline", &[])?;
    if crate::ops::len(&line)? == 0 {
        return Err(exc::stop_iteration(none()));
    }
    Ok(line)
}

/// The generic `readline(size=-1)`: `peek` when there is one, else one
/// byte at a time.
fn iobase_readline(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("readline", &args[1..], kwnames, &["size"], 0)?;
    let limit = size_arg(a[0].as_ref())?;
    let mut out: Vec<u8> = Vec::new();
    while limit.is_none_or(|l| out.len() < l) {
        let b = call(me, "read", &[int::from_i64(1)])?;
        let Some(chunk) = bytes::as_bytes(&b) else {
            if b.is(&rt().none) {
                break;
            }
            return Err(exc::with_msg(
                &rt().exc.os_error,
                format!("read() should have returned a bytes object, not '{}'", crate::types::type_name(&b)),
            ));
        };
        if chunk.is_empty() {
            break;
        }
        out.extend_from_slice(chunk);
        if out.ends_with(b"\n") {
            break;
        }
    }
    Ok(bytes::new(out))
}

fn iobase_readlines(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("readlines", &args[1..], kwnames, &["hint"], 0)?;
    let hint = size_arg(a[0].as_ref())?.filter(|h| *h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    let it = crate::ops::iter(me)?;
    while let Some(line) = crate::ops::next(&it)? {
        total += crate::ops::len(&line)?;
        lines.push(line);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(list::new(lines))
}

fn iobase_writelines(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("writelines", args, 2, 2)?;
    let me = &args[0];
    check_closed(me)?;
    let it = crate::ops::iter(&args[1])?;
    while let Some(line) = crate::ops::next(&it)? {
        call(me, "write", &[line])?;
    }
    Ok(none())
}

/// `_RawIOBase.read(size=-1)`: `readall()` for -1, else `readinto` of a
/// fresh bytearray.
fn raw_read(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("read", &args[1..], kwnames, &["size"], 0)?;
    let Some(n) = size_arg(a[0].as_ref())? else { return call(&args[0], "readall", &[]) };
    let buf = crate::objects::bytearray::new(vec![0; n]);
    let got = call(&args[0], "readinto", std::slice::from_ref(&buf))?;
    if got.is(&rt().none) {
        return Ok(got);
    }
    let got = crate::objects::int::index_value(&got)?.unwrap_or(0).clamp(0, n as i64) as usize;
    let data =
        crate::objects::bytearray::data(&buf).map(|b| b.0.borrow()[..got].to_vec()).unwrap_or_default();
    Ok(bytes::new(data))
}

fn raw_readall(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut out = Vec::new();
    loop {
        let b = call(&args[0], "read", &[int::from_usize(super::DEFAULT_BUFFER_SIZE)])?;
        match bytes::as_bytes(&b) {
            Some([]) => break,
            Some(chunk) => out.extend_from_slice(chunk),
            None if out.is_empty() => return Ok(b),
            None => break,
        }
    }
    Ok(bytes::new(out))
}
