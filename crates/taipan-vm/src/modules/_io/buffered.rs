//! `_io.BufferedReader`, `BufferedWriter` and `BufferedRandom`: one
//! payload (`BufferedData`, a read-ahead buffer and a pending-write
//! buffer) over any raw stream, whose methods (`read`, `write`, `seek`,
//! `tell`, …) are called as Python methods so that Python raw classes
//! work too.

use super::super::native::{self, bind, given, int_arg, none, BASETYPE, HAS_DICT};
use super::iobase::call;
use super::{bytes_arg, or_none, size_arg, unsupported, DEFAULT_BUFFER_SIZE};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{bytes, int, m, mk, new_method, str as pystr, Getter, Method, Setter};
use crate::runtime::rt;
use crate::value::{Slot, Value};
use std::cell::{Cell, RefCell};

/// Which of the three classes an instance is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reader,
    Writer,
    Random,
}

/// The payload of the buffered classes.
pub struct BufferedData {
    kind: Kind,
    /// The raw stream (NULL before `__init__` and after `detach`).
    raw: Slot,
    size: Cell<usize>,
    rbuf: RefCell<Vec<u8>>,
    rpos: Cell<usize>,
    wbuf: RefCell<Vec<u8>>,
}

const COMMON: &[Method] = &[
    mk("__init__", buffered_init),
    m("flush", buffered_flush),
    mk("seek", buffered_seek),
    m("tell", buffered_tell),
    mk("truncate", buffered_truncate),
    m("close", buffered_close),
    m("detach", buffered_detach),
    m("fileno", |a, _| call(&raw(&a[0])?, "fileno", &[])),
    m("isatty", |a, _| call(&raw(&a[0])?, "isatty", &[])),
    m("seekable", |a, _| call(&raw(&a[0])?, "seekable", &[])),
    m("__repr__", buffered_repr),
    m("_dealloc_warn", |_, _| Ok(none())),
];

const READ: &[Method] = &[
    mk("read", buffered_read),
    mk("read1", buffered_read1),
    mk("peek", buffered_peek),
    m("readinto", buffered_readinto),
    m("readinto1", buffered_readinto1),
    mk("readline", buffered_readline),
    m("__next__", buffered_next),
    m("readable", |a, _| call(&raw(&a[0])?, "readable", &[])),
];

const WRITE: &[Method] =
    &[m("write", buffered_write), m("writable", |a, _| call(&raw(&a[0])?, "writable", &[]))];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("raw", |v| Ok(or_none(this(v)?.raw.get())), None),
    ("closed", |v| crate::attr::getattr_str(&raw(v)?, "closed"), None),
    ("name", |v| crate::attr::getattr_str(&raw(v)?, "name"), None),
    ("mode", |v| crate::attr::getattr_str(&raw(v)?, "mode"), None),
];

/// Creates `BufferedReader`, `BufferedWriter` and `BufferedRandom`.
pub fn new_types(base: &Value) -> (Value, Value, Value) {
    let make = |name: &str, kind: Kind, extra: &[&[Method]]| {
        let new: fn(&[Value], &[Value]) -> PyResult<Value> = match kind {
            Kind::Reader => |a, _| alloc(&a[0], Kind::Reader),
            Kind::Writer => |a, _| alloc(&a[0], Kind::Writer),
            Kind::Random => |a, _| alloc(&a[0], Kind::Random),
        };
        let ty = native::new_type::<BufferedData>(
            name,
            "_io",
            base,
            BASETYPE | HAS_DICT,
            &[new_method(new)],
            GETSETS,
        );
        for table in [COMMON].iter().chain(extra) {
            crate::objects::install(&ty, table, &[]);
        }
        ty
    };
    (
        make("BufferedReader", Kind::Reader, &[READ]),
        make("BufferedWriter", Kind::Writer, &[WRITE]),
        make("BufferedRandom", Kind::Random, &[READ, WRITE]),
    )
}

fn alloc(cls: &Value, kind: Kind) -> PyResult<Value> {
    let d = BufferedData {
        kind,
        raw: Slot::default(),
        size: Cell::new(DEFAULT_BUFFER_SIZE),
        rbuf: RefCell::new(Vec::new()),
        rpos: Cell::new(0),
        wbuf: RefCell::new(Vec::new()),
    };
    crate::objects::object::alloc_subclass(cls, d)
}

fn this(v: &Value) -> PyResult<&BufferedData> {
    v.downcast::<BufferedData>().ok_or_else(|| exc::type_error("descriptor requires a buffered stream"))
}

/// The raw stream, or ValueError once detached.
fn raw(v: &Value) -> PyResult<Value> {
    let r = this(v)?.raw.get();
    if r.is_null() {
        return Err(exc::value_error("raw stream has been detached"));
    }
    Ok(r)
}

fn check_closed(me: &Value, msg: &str) -> PyResult<Value> {
    let r = raw(me)?;
    if super::iobase::is_closed(&r)? {
        return Err(exc::value_error(msg));
    }
    Ok(r)
}

/// `__init__(raw, buffer_size=DEFAULT_BUFFER_SIZE)`.
fn buffered_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    let name = crate::types::type_name(&args[0]);
    let a = bind(&name, &args[1..], kwnames, &["raw", "buffer_size"], 1)?;
    let r = a[0].clone().expect("required");
    if d.kind != Kind::Writer {
        check_able(&r, "readable", "readable")?;
    }
    if d.kind != Kind::Reader {
        check_able(&r, "writable", "writable")?;
    }
    if d.kind == Kind::Random {
        check_able(&r, "seekable", "seekable")?;
    }
    let size = match given(&a[1]) {
        Some(v) => int_arg(v, "")?,
        None => DEFAULT_BUFFER_SIZE as i64,
    };
    if size <= 0 {
        return Err(exc::value_error("buffer size must be strictly positive"));
    }
    d.size.set(size as usize);
    d.raw.set(r);
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    d.wbuf.borrow_mut().clear();
    Ok(none())
}

fn check_able(r: &Value, what: &str, adjective: &str) -> PyResult<Value> {
    if !crate::ops::truthy(&call(r, what, &[])?)? {
        return Err(unsupported(&format!("File or stream is not {adjective}.")));
    }
    Ok(none())
}

fn unread(d: &BufferedData) -> usize {
    d.rbuf.borrow().len() - d.rpos.get()
}

/// Writes the pending bytes to the raw stream.
fn flush_writes(me: &Value) -> PyResult<()> {
    let d = this(me)?;
    let pending = std::mem::take(&mut *d.wbuf.borrow_mut());
    let mut done = 0;
    while done < pending.len() {
        let n = match raw_write(&raw(me)?, &pending[done..]) {
            Ok(n) => n,
            Err(e) => {
                d.wbuf.borrow_mut().splice(0..0, pending[done..].iter().copied());
                return Err(e);
            }
        };
        if n == 0 {
            d.wbuf.borrow_mut().splice(0..0, pending[done..].iter().copied());
            return Err(exc::with_msg(
                &rt().exc.blocking_io_error,
                "write could not complete without blocking",
            ));
        }
        done += n;
    }
    Ok(())
}

/// One `raw.write(data)`: how many bytes it took (0 when it would block).
fn raw_write(r: &Value, data: &[u8]) -> PyResult<usize> {
    if super::fileio::is_exact(r) {
        return Ok(super::fileio::write_bytes(r, data)?.unwrap_or(0));
    }
    let v = call(r, "write", &[bytes::new(data.to_vec())])?;
    if v.is(&rt().none) {
        return Ok(0);
    }
    Ok(int_arg(&v, "")?.max(0) as usize)
}

/// Forgets the read-ahead, moving the raw position back over it.
fn drop_read_ahead(me: &Value) -> PyResult<()> {
    let d = this(me)?;
    let n = unread(d);
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    if n > 0 {
        call(&raw(me)?, "seek", &[int::from_i64(-(n as i64)), int::from_i64(1)])?;
    }
    Ok(())
}

/// One raw read of up to `n` bytes appended to the read buffer; how many
/// bytes came (0 at end of file).
fn fill(me: &Value, n: usize) -> PyResult<usize> {
    let d = this(me)?;
    let chunk = call(&raw(me)?, "read", &[int::from_usize(n)])?;
    if chunk.is(&rt().none) {
        return Ok(0);
    }
    let b = bytes::as_bytes(&chunk).ok_or_else(|| {
        exc::type_error(format!("read() should return bytes, not '{}'", crate::types::type_name(&chunk)))
    })?;
    let mut rbuf = d.rbuf.borrow_mut();
    let rpos = d.rpos.get();
    if rpos > 0 {
        rbuf.drain(..rpos);
        d.rpos.set(0);
    }
    rbuf.extend_from_slice(b);
    Ok(b.len())
}

/// Takes `n` bytes (at most what is buffered) from the read buffer.
fn take(d: &BufferedData, n: usize) -> Vec<u8> {
    let rbuf = d.rbuf.borrow();
    let start = d.rpos.get();
    let end = start.saturating_add(n).min(rbuf.len());
    d.rpos.set(end);
    rbuf[start..end].to_vec()
}

fn prepare_read<'a>(me: &'a Value, what: &str) -> PyResult<&'a BufferedData> {
    check_closed(me, &format!("{what} of closed file"))?;
    let d = this(me)?;
    if d.kind == Kind::Random && !d.wbuf.borrow().is_empty() {
        flush_writes(me)?;
    }
    Ok(d)
}

fn buffered_read(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("read", &args[1..], kwnames, &["size"], 0)?;
    let n = size_arg(a[0].as_ref())?;
    let d = prepare_read(me, "read")?;
    let Some(n) = n else {
        let mut out = take(d, usize::MAX);
        let r = raw(me)?;
        let rest = match crate::attr::getattr_opt(&r, &pystr::intern("readall"))? {
            Some(f) => crate::call::call(&f, &[], &[])?,
            None => return read_rest(me, out),
        };
        if rest.is(&rt().none) && out.is_empty() {
            return Ok(rest);
        }
        out.extend_from_slice(bytes::as_bytes(&rest).unwrap_or(&[]));
        return Ok(bytes::new(out));
    };
    while unread(d) < n {
        let want = (n - unread(d)).max(d.size.get());
        if fill(me, want)? == 0 {
            break;
        }
    }
    Ok(bytes::new(take(d, n)))
}

fn read_rest(me: &Value, mut out: Vec<u8>) -> PyResult<Value> {
    let d = this(me)?;
    while fill(me, d.size.get())? > 0 {
        out.extend(take(d, usize::MAX));
    }
    Ok(bytes::new(out))
}

fn buffered_read1(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("read1", &args[1..], kwnames, &["size"], 0)?;
    let n = size_arg(a[0].as_ref())?;
    let d = prepare_read(me, "read")?;
    if n == Some(0) {
        return Ok(bytes::new(Vec::new()));
    }
    if unread(d) == 0 {
        fill(me, n.unwrap_or(0).max(d.size.get()))?;
    }
    Ok(bytes::new(take(d, n.unwrap_or(usize::MAX))))
}

fn buffered_readinto(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("readinto", args, 2, 2)?;
    let me = &args[0];
    let n = super::buffer_len(&args[1])?;
    let d = prepare_read(me, "readinto")?;
    while unread(d) < n {
        if fill(me, (n - unread(d)).max(d.size.get()))? == 0 {
            break;
        }
    }
    let data = take(d, n);
    Ok(int::from_usize(super::fill_buffer(&args[1], &data)?))
}

/// `readinto1(b)`: what is buffered, or at most one raw read.
fn buffered_readinto1(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("readinto1", args, 2, 2)?;
    let me = &args[0];
    let n = super::buffer_len(&args[1])?;
    let d = prepare_read(me, "readinto")?;
    if n > 0 && unread(d) == 0 {
        fill(me, n.max(d.size.get()))?;
    }
    let data = take(d, n);
    Ok(int::from_usize(super::fill_buffer(&args[1], &data)?))
}

fn buffered_peek(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    bind("peek", &args[1..], kwnames, &["size"], 0)?;
    let d = prepare_read(me, "peek")?;
    if unread(d) == 0 {
        fill(me, d.size.get())?;
    }
    let rbuf = d.rbuf.borrow();
    Ok(bytes::new(rbuf[d.rpos.get()..].to_vec()))
}

/// The next line (through `\n`, at most `limit` bytes).
fn read_line(me: &Value, limit: Option<usize>) -> PyResult<Vec<u8>> {
    let d = prepare_read(me, "readline")?;
    let mut scanned = 0;
    loop {
        let found = {
            let rbuf = d.rbuf.borrow();
            let rest = &rbuf[d.rpos.get()..];
            memchr::memchr(b'\n', &rest[scanned..]).map(|i| scanned + i + 1)
        };
        let have = unread(d);
        let want = match (found, limit) {
            (Some(n), Some(l)) => Some(n.min(l)),
            (Some(n), None) => Some(n),
            (None, Some(l)) if have >= l => Some(l),
            _ => None,
        };
        if let Some(n) = want {
            return Ok(take(d, n));
        }
        scanned = have;
        if fill(me, d.size.get())? == 0 {
            return Ok(take(d, limit.unwrap_or(usize::MAX)));
        }
    }
}

fn buffered_readline(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("readline", &args[1..], kwnames, &["size"], 0)?;
    let limit = size_arg(a[0].as_ref())?;
    Ok(bytes::new(read_line(&args[0], limit)?))
}

fn buffered_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let line = read_line(&args[0], None)?;
    if line.is_empty() {
        return Err(exc::stop_iteration(none()));
    }
    Ok(bytes::new(line))
}

fn buffered_write(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("write", args, 2, 2)?;
    let data = bytes_arg(&args[1])?;
    write_bytes(&args[0], &data).map(int::from_usize)
}

/// Whether `v` is an exact `BufferedWriter`/`BufferedRandom` (its
/// `write` and `flush` may then be called from Rust).
pub fn is_exact_writer(v: &Value) -> bool {
    super::exact::<BufferedData>(v).is_some_and(|d| d.kind != Kind::Reader)
}

/// `closed` of an exact buffered writer over an exact `FileIO`, without
/// lookups (None otherwise).
pub fn closed_direct(v: &Value) -> Option<bool> {
    if !is_exact_writer(v) {
        return None;
    }
    let r = this(v).ok()?.raw.get();
    if r.is_null() {
        return None;
    }
    super::fileio::closed_direct(&r)
}

/// `write(data)` from Rust: the bytes are buffered, or passed on.
pub fn write_bytes(me: &Value, data: &[u8]) -> PyResult<usize> {
    check_closed(me, "write to closed file")?;
    let d = this(me)?;
    if d.kind == Kind::Random && unread(d) > 0 {
        drop_read_ahead(me)?;
    }
    // As CPython: what fits joins the buffer; otherwise the buffer is
    // flushed, and data larger than a buffer goes straight to the raw stream.
    if d.wbuf.borrow().len() + data.len() <= d.size.get() {
        d.wbuf.borrow_mut().extend_from_slice(data);
        return Ok(data.len());
    }
    flush_writes(me)?;
    d.wbuf.borrow_mut().extend_from_slice(data);
    if data.len() > d.size.get() {
        flush_writes(me)?;
    }
    Ok(data.len())
}

/// `flush()` from Rust.
pub fn flush(me: &Value) -> PyResult<()> {
    buffered_flush(std::slice::from_ref(me), &[]).map(drop)
}

fn buffered_flush(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let r = check_closed(me, "flush of closed file")?;
    let d = this(me)?;
    if d.kind == Kind::Reader {
        return call(&r, "flush", &[]);
    }
    flush_writes(me)?;
    if d.kind == Kind::Random && unread(d) > 0 {
        drop_read_ahead(me)?;
    }
    Ok(none())
}

fn buffered_tell(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let d = this(me)?;
    let pos = int_arg(&call(&raw(me)?, "tell", &[])?, "")?;
    if pos < 0 {
        return Err(exc::with_msg(&rt().exc.os_error, format!("Raw stream returned invalid position {pos}")));
    }
    let pos = pos - unread(d) as i64 + d.wbuf.borrow().len() as i64;
    Ok(int::from_i64(pos.max(0)))
}

fn buffered_seek(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("seek", &args[1..], kwnames, &["target", "whence"], 1)?;
    let target = int_arg(a[0].as_ref().expect("required"), "")?;
    let whence = match &a[1] {
        Some(v) => int_arg(v, "")?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(exc::value_error(format!("whence value {whence} unsupported")));
    }
    check_closed(me, "seek of closed file")?;
    let d = this(me)?;
    flush_writes(me)?;
    let target = if whence == 1 { target - unread(d) as i64 } else { target };
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    call(&raw(me)?, "seek", &[int::from_i64(target), int::from_i64(whence)])
}

fn buffered_truncate(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("truncate", &args[1..], kwnames, &["pos"], 0)?;
    check_closed(me, "truncate of closed file")?;
    if this(me)?.kind == Kind::Reader {
        return Err(unsupported("truncate"));
    }
    flush_writes(me)?;
    drop_read_ahead(me)?;
    let pos = match given(&a[0]) {
        Some(v) => v.clone(),
        None => call(&raw(me)?, "tell", &[])?,
    };
    call(&raw(me)?, "truncate", &[pos])
}

fn buffered_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let r = raw(me)?;
    if super::iobase::is_closed(&r)? {
        return Ok(none());
    }
    let flushed = if this(me)?.kind == Kind::Reader { Ok(()) } else { flush_writes(me) };
    let closed = call(&r, "close", &[]);
    let d = this(me)?;
    d.rbuf.borrow_mut().clear();
    d.rpos.set(0);
    flushed?;
    closed
}

fn buffered_detach(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let r = raw(me)?;
    if this(me)?.kind != Kind::Reader {
        flush_writes(me)?;
    }
    this(me)?.raw.set(Value::NULL);
    Ok(r)
}

fn buffered_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let cls = crate::types::type_of(me);
    let tname = format!(
        "{}.{}",
        crate::objects::object::type_module_name(&cls),
        crate::types::type_payload(&cls).qualname.borrow()
    );
    let name = match crate::attr::getattr_str(me, "name") {
        Ok(n) => Some(n),
        Err(e) if e.matches(&rt().exc.attribute_error) || e.matches(&rt().exc.value_error) => None,
        Err(e) => return Err(e),
    };
    Ok(pystr::from_string(match name {
        Some(n) => format!("<{tname} name={}>", crate::ops::repr_string(&n)?),
        None => format!("<{tname}>"),
    }))
}

/// The payload of a `BufferedRWPair`: a reader and a writer buffer over
/// two raw streams.
pub struct RwPairData {
    reader: Slot,
    writer: Slot,
}

const RWPAIR_METHODS: &[Method] = &[
    new_method(rwpair_new),
    mk("__init__", rwpair_init),
    mk("read", |a, k| pair_call(a, k, true, "read")),
    mk("read1", |a, k| pair_call(a, k, true, "read1")),
    mk("peek", |a, k| pair_call(a, k, true, "peek")),
    mk("readline", |a, k| pair_call(a, k, true, "readline")),
    m("readinto", |a, k| pair_call(a, k, true, "readinto")),
    m("readinto1", |a, k| pair_call(a, k, true, "readinto1")),
    m("readable", |a, k| pair_call(a, k, true, "readable")),
    m("write", |a, k| pair_call(a, k, false, "write")),
    m("flush", |a, k| pair_call(a, k, false, "flush")),
    m("writable", |a, k| pair_call(a, k, false, "writable")),
    m("close", rwpair_close),
    m("isatty", rwpair_isatty),
];

const RWPAIR_GETSETS: &[(&str, Getter, Option<Setter>)] =
    &[("closed", |v| crate::attr::getattr_str(&pair_part(v, false)?, "closed"), None)];

/// Creates `BufferedRWPair`.
pub fn new_rwpair_type(base: &Value) -> Value {
    native::new_type::<RwPairData>(
        "BufferedRWPair",
        "_io",
        base,
        BASETYPE | HAS_DICT,
        RWPAIR_METHODS,
        RWPAIR_GETSETS,
    )
}

fn rwpair_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::object::alloc_subclass(
        &args[0],
        RwPairData { reader: Slot::default(), writer: Slot::default() },
    )
}

/// `BufferedRWPair(reader, writer, buffer_size=DEFAULT_BUFFER_SIZE)`.
fn rwpair_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("BufferedRWPair", &args[1..], kwnames, &["reader", "writer", "buffer_size"], 2)?;
    let d = args[0].downcast::<RwPairData>().ok_or_else(|| exc::type_error("expected a BufferedRWPair"))?;
    let size = a[2].clone().unwrap_or_else(|| int::from_usize(DEFAULT_BUFFER_SIZE));
    let t = super::types();
    let reader =
        crate::call::call(&t.buffered_reader, &[a[0].clone().expect("required"), size.clone()], &[])?;
    let writer = crate::call::call(&t.buffered_writer, &[a[1].clone().expect("required"), size], &[])?;
    d.reader.set(reader);
    d.writer.set(writer);
    Ok(none())
}

/// The reader or writer buffer of a pair.
fn pair_part(v: &Value, reader: bool) -> PyResult<Value> {
    let d = v.downcast::<RwPairData>().ok_or_else(|| exc::type_error("expected a BufferedRWPair"))?;
    let part = if reader { d.reader.get() } else { d.writer.get() };
    if part.is_null() {
        return Err(exc::value_error("I/O operation on uninitialized object"));
    }
    Ok(part)
}

fn pair_call(args: &[Value], kwnames: &[Value], reader: bool, name: &str) -> PyResult<Value> {
    let part = pair_part(&args[0], reader)?;
    let f = crate::attr::getattr_str(&part, name)?;
    crate::call::call(&f, &args[1..], kwnames)
}

fn rwpair_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let closed_writer = call(&pair_part(&args[0], false)?, "close", &[]);
    let closed_reader = call(&pair_part(&args[0], true)?, "close", &[]);
    closed_writer?;
    closed_reader
}

fn rwpair_isatty(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if crate::ops::truthy(&call(&pair_part(&args[0], false)?, "isatty", &[])?)? {
        return Ok(rt().true_.clone());
    }
    call(&pair_part(&args[0], true)?, "isatty", &[])
}
