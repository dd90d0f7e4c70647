//! The `_io` module: the I/O stack `open()` builds (`FileIO` → a
//! `Buffered*` → `TextIOWrapper`), the in-memory streams (`BytesIO`,
//! `StringIO`), `IncrementalNewlineDecoder`, and the abstract bases
//! `_IOBase`/`_RawIOBase`/`_BufferedIOBase`/`_TextIOBase` that `io.py`
//! subclasses. Behaviour and messages follow CPython 3.11's `Modules/_io`.
//!
//! One file per class family: `iobase.rs` (the generic methods every
//! stream inherits), `fileio.rs`, `buffered.rs`, `textio.rs` (with the
//! newline decoder), `bytesio.rs`, `stringio.rs`; `open()` is here.

mod buffered;
mod bytesio;
mod fileio;
mod iobase;
pub mod stdio;
mod stringio;
pub mod textio;

use super::native::{self, bind, given, int_arg, none, BASETYPE, HAS_DICT};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::{dict, int, mk, str as pystr, Method};
use crate::runtime::rt;
use crate::value::Value;
use std::cell::Cell;

/// `io.DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// The classes of the module (made once per interpreter thread).
pub struct IoTypes {
    pub iobase: Value,
    pub raw_iobase: Value,
    pub buffered_iobase: Value,
    pub text_iobase: Value,
    pub fileio: Value,
    pub bytesio: Value,
    pub stringio: Value,
    pub buffered_reader: Value,
    pub buffered_writer: Value,
    pub buffered_random: Value,
    pub buffered_rwpair: Value,
    pub text_io_wrapper: Value,
    pub newline_decoder: Value,
    pub unsupported_operation: Value,
}

crate::interp_static! {
    static TYPES: Cell<Option<&'static IoTypes>> = const { Cell::new(None) };
}

/// The `_io` classes (created on first use).
pub fn types() -> &'static IoTypes {
    if let Some(t) = TYPES.with(|t| t.get()) {
        return t;
    }
    let t: &'static IoTypes = Box::leak(Box::new(create_types()));
    TYPES.with(|c| c.set(Some(t)));
    t
}

fn create_types() -> IoTypes {
    let object = &rt().types.object;
    let base_flags = BASETYPE | HAS_DICT;
    let iobase =
        native::new_type::<()>("_IOBase", "_io", object, base_flags, iobase::METHODS, iobase::GETSETS);
    let sub = |name: &str, methods: &[Method], getsets| {
        native::new_type::<()>(name, "_io", &iobase, base_flags, methods, getsets)
    };
    let raw_iobase = sub("_RawIOBase", iobase::RAW_METHODS, &[]);
    let buffered_iobase = sub("_BufferedIOBase", iobase::BUFFERED_METHODS, &[]);
    let text_iobase = sub("_TextIOBase", iobase::TEXT_METHODS, iobase::TEXT_GETSETS);
    let fileio = fileio::new_type(&raw_iobase);
    let bytesio = bytesio::new_type(&buffered_iobase);
    let stringio = stringio::new_type(&text_iobase);
    let (buffered_reader, buffered_writer, buffered_random) = buffered::new_types(&buffered_iobase);
    let buffered_rwpair = buffered::new_rwpair_type(&buffered_iobase);
    let text_io_wrapper = textio::new_type(&text_iobase);
    let newline_decoder = textio::new_decoder_type();
    let unsupported_operation = unsupported_operation_type();
    let t = IoTypes {
        iobase,
        raw_iobase,
        buffered_iobase,
        text_iobase,
        fileio,
        bytesio,
        stringio,
        buffered_reader,
        buffered_writer,
        buffered_random,
        buffered_rwpair,
        text_io_wrapper,
        newline_decoder,
        unsupported_operation,
    };
    for ty in [
        &t.iobase,
        &t.raw_iobase,
        &t.buffered_iobase,
        &t.text_iobase,
        &t.fileio,
        &t.bytesio,
        &t.stringio,
        &t.buffered_reader,
        &t.buffered_writer,
        &t.buffered_random,
        &t.buffered_rwpair,
        &t.text_io_wrapper,
    ] {
        crate::types::type_payload(ty).has_finalizer.set(true);
    }
    t
}

/// `class UnsupportedOperation(OSError, ValueError)`, module `io`.
fn unsupported_operation_type() -> Value {
    let ns = dict::new_dict();
    dict::set_str(&ns, "__module__", pystr::new("io"));
    let bases = vec![rt().exc.os_error.clone(), rt().exc.value_error.clone()];
    crate::types::type_new(&rt().types.type_, "UnsupportedOperation", bases, &ns)
        .expect("UnsupportedOperation's bases are compatible")
}

/// The payload of `v` when its class is a native class itself, not a
/// Python subclass: its methods cannot have been overridden, so Rust may
/// call them directly.
pub fn exact<T: 'static>(v: &Value) -> Option<&T> {
    let h = v.header()?;
    if h.type_data().flags.get() & crate::types::TF_HEAPTYPE != 0 {
        return None;
    }
    v.downcast::<T>()
}

/// A slot's value, None for NULL (a detached stream's `raw`/`buffer`).
pub fn or_none(v: Value) -> Value {
    if v.is_null() {
        none()
    } else {
        v
    }
}

/// `io.UnsupportedOperation(msg)`.
pub fn unsupported(msg: &str) -> PyErr {
    exc::with_msg(&types().unsupported_operation, msg)
}

/// `ValueError(msg)` for an operation on a closed stream.
pub fn closed_error(msg: &str) -> PyErr {
    exc::value_error(msg)
}

const FUNCTIONS: &[Method] =
    &[mk("open", io_open), mk("open_code", io_open_code), mk("text_encoding", io_text_encoding)];

/// Builds the `_io` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_io", FUNCTIONS);
    let t = types();
    let rows: [(&str, &Value); 14] = [
        ("_IOBase", &t.iobase),
        ("_RawIOBase", &t.raw_iobase),
        ("_BufferedIOBase", &t.buffered_iobase),
        ("_TextIOBase", &t.text_iobase),
        ("FileIO", &t.fileio),
        ("BytesIO", &t.bytesio),
        ("StringIO", &t.stringio),
        ("BufferedReader", &t.buffered_reader),
        ("BufferedWriter", &t.buffered_writer),
        ("BufferedRandom", &t.buffered_random),
        ("BufferedRWPair", &t.buffered_rwpair),
        ("TextIOWrapper", &t.text_io_wrapper),
        ("IncrementalNewlineDecoder", &t.newline_decoder),
        ("UnsupportedOperation", &t.unsupported_operation),
    ];
    for (name, ty) in rows {
        dict::set_str(&d, name, ty.clone());
    }
    // `io.open is open`, as in CPython: the module shares the builtin.
    if let Some(open) = dict::get_str(rt().builtins(), &pystr::intern("open")) {
        dict::set_str(&d, "open", open);
    }
    dict::set_str(&d, "DEFAULT_BUFFER_SIZE", int::from_usize(DEFAULT_BUFFER_SIZE));
    dict::set_str(&d, "BlockingIOError", rt().exc.blocking_io_error.clone());
    Ok(md)
}

/// The builtin `open` (also `io.open`).
pub fn open(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    open_impl(args, kwnames)
}

/// `_io.open` (its module is `args[0]`).
fn io_open(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    open_impl(&args[1..], kwnames)
}

/// What `open()`'s mode string asks for.
#[derive(Default)]
struct OpenMode {
    creating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    updating: bool,
    text: bool,
    binary: bool,
}

impl OpenMode {
    fn parse(mode: &str) -> PyResult<OpenMode> {
        let mut m = OpenMode::default();
        let invalid = || exc::value_error(format!("invalid mode: '{mode}'"));
        for (i, c) in mode.char_indices() {
            let flag = match c {
                'x' => &mut m.creating,
                'r' => &mut m.reading,
                'w' => &mut m.writing,
                'a' => &mut m.appending,
                '+' => &mut m.updating,
                't' => &mut m.text,
                'b' => &mut m.binary,
                _ => return Err(invalid()),
            };
            *flag = true;
            if mode[i + c.len_utf8()..].contains(c) {
                return Err(invalid());
            }
        }
        Ok(m)
    }

    /// The mode `FileIO` gets.
    fn raw_mode(&self) -> String {
        let mut s = String::new();
        for (on, c) in [
            (self.creating, 'x'),
            (self.reading, 'r'),
            (self.writing, 'w'),
            (self.appending, 'a'),
            (self.updating, '+'),
        ] {
            if on {
                s.push(c);
            }
        }
        s
    }
}

/// A str-or-None argument of `open()`.
fn opt_str_arg(v: &Option<Value>, what: &str) -> PyResult<Option<Value>> {
    match given(v) {
        None => Ok(None),
        Some(s) if pystr::is_str(s) => Ok(Some(s.clone())),
        Some(s) => Err(exc::type_error(format!(
            "open() argument '{what}' must be str or None, not {}",
            crate::types::type_name(s)
        ))),
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`.
fn open_impl(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];
    let a = bind("open", args, kwnames, &names, 1)?;
    let file = a[0].clone().expect("required");
    let mode_v = a[1].clone().unwrap_or_else(|| pystr::new("r"));
    let Some(mode) = pystr::as_str(&mode_v).map(str::to_string) else {
        return Err(exc::type_error(format!(
            "open() argument 'mode' must be str, not {}",
            crate::types::type_name(&mode_v)
        )));
    };
    let mut buffering = match &a[2] {
        Some(v) => int_arg(v, "")?,
        None => -1,
    };
    let encoding = opt_str_arg(&a[3], "encoding")?;
    let errors = opt_str_arg(&a[4], "errors")?;
    let newline = opt_str_arg(&a[5], "newline")?;
    let closefd = match &a[6] {
        Some(v) => crate::ops::truthy(v)?,
        None => true,
    };
    let m = OpenMode::parse(&mode)?;
    if m.text && m.binary {
        return Err(exc::value_error("can't have text and binary mode at once"));
    }
    if [m.creating, m.reading, m.writing, m.appending].iter().filter(|b| **b).count() > 1 {
        return Err(exc::value_error("must have exactly one of create/read/write/append mode"));
    }
    for (given, what) in [(&encoding, "an encoding"), (&errors, "an errors"), (&newline, "a newline")] {
        if m.binary && given.is_some() {
            return Err(exc::value_error(format!("binary mode doesn't take {what} argument")));
        }
    }
    if m.binary && buffering == 1 {
        let msg = "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used";
        super::_warnings::warn(&rt().exc.runtime_warning, msg, 1)?;
    }
    let t = types();
    let raw_args =
        [file, pystr::from_string(m.raw_mode()), rt().bool_value(closefd), a[7].clone().unwrap_or_else(none)];
    let raw = crate::call::call(&t.fileio, &raw_args, &[])?;
    let result = open_layers(&raw, &m, &mut buffering, encoding, errors, newline, &mode_v);
    if result.is_err() {
        let _ = crate::attr::call_method(&raw, "close", &[]);
    }
    result
}

/// Wraps the raw file in its buffer and (text mode) a `TextIOWrapper`.
fn open_layers(
    raw: &Value,
    m: &OpenMode,
    buffering: &mut i64,
    encoding: Option<Value>,
    errors: Option<Value>,
    newline: Option<Value>,
    mode: &Value,
) -> PyResult<Value> {
    let t = types();
    let mut line_buffering = false;
    if *buffering == 1
        || *buffering < 0 && crate::ops::truthy(&crate::attr::call_method(raw, "isatty", &[])?)?
    {
        *buffering = -1;
        line_buffering = true;
    }
    if *buffering < 0 {
        let blk = crate::attr::getattr_str(raw, "_blksize").ok().and_then(|v| int::to_i64(&v)).unwrap_or(0);
        *buffering = if blk > 1 { blk } else { DEFAULT_BUFFER_SIZE as i64 };
    }
    if *buffering == 0 {
        if m.binary {
            return Ok(raw.clone());
        }
        return Err(exc::value_error("can't have unbuffered text I/O"));
    }
    let cls = if m.updating {
        &t.buffered_random
    } else if m.creating || m.writing || m.appending {
        &t.buffered_writer
    } else {
        &t.buffered_reader
    };
    let buffer = crate::call::call(cls, &[raw.clone(), int::from_i64(*buffering)], &[])?;
    if m.binary {
        return Ok(buffer);
    }
    let n = none();
    let targs = [
        buffer,
        encoding.unwrap_or_else(|| n.clone()),
        errors.unwrap_or_else(|| n.clone()),
        newline.unwrap_or_else(|| n.clone()),
        rt().bool_value(line_buffering),
    ];
    let wrapper = crate::call::call(&t.text_io_wrapper, &targs, &[])?;
    crate::attr::setattr(&wrapper, &pystr::intern("mode"), mode.clone())?;
    Ok(wrapper)
}

/// `open_code(path)`: `open(path, 'rb')`.
fn io_open_code(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("open_code", &args[1..], kwnames, &["path"], 1)?;
    let path = a[0].clone().expect("required");
    if !pystr::is_str(&path) {
        return Err(exc::type_error(format!(
            "open_code() argument 'path' must be str, not {}",
            crate::types::type_name(&path)
        )));
    }
    open_impl(&[path, pystr::new("rb")], &[])
}

/// `text_encoding(encoding, stacklevel=2)`: "locale" for None.
fn io_text_encoding(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("text_encoding", &args[1..], kwnames, &["encoding", "stacklevel"], 1)?;
    Ok(match given(&a[0]) {
        Some(e) => e.clone(),
        None => pystr::new("locale"),
    })
}

/// The bytes of a bytes-like argument (bytes, bytearray, memoryview).
pub fn bytes_arg(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = crate::objects::bytes::as_bytes(v) {
        return Ok(b.to_vec());
    }
    if let Some(b) = crate::objects::bytearray::data(v) {
        return Ok(b.0.borrow().clone());
    }
    if let Some(b) = crate::objects::memoryview::contents(v) {
        return Ok(b);
    }
    Err(exc::type_error(format!("a bytes-like object is required, not '{}'", crate::types::type_name(v))))
}

/// The writable byte buffer behind a `readinto` argument: the bytearray
/// and the range of it the argument covers.
fn writable_buffer(v: &Value) -> PyResult<(Value, usize, usize)> {
    if let Some(b) = crate::objects::bytearray::data(v) {
        let n = b.0.borrow().len();
        return Ok((v.clone(), 0, n));
    }
    if let Some(m) = v.downcast::<crate::objects::memoryview::MemoryviewData>() {
        if crate::objects::bytearray::data(&m.obj).is_some() && !m.released.get() {
            return Ok((m.obj.clone(), m.start, m.len));
        }
    }
    Err(exc::type_error(format!(
        "readinto() argument must be read-write bytes-like object, not {}",
        crate::types::type_name(v)
    )))
}

/// The size of a `readinto` argument.
pub fn buffer_len(v: &Value) -> PyResult<usize> {
    writable_buffer(v).map(|(_, _, n)| n)
}

/// Copies `data` to the front of a `readinto` argument; how many bytes.
pub fn fill_buffer(v: &Value, data: &[u8]) -> PyResult<usize> {
    let (owner, start, len) = writable_buffer(v)?;
    let n = data.len().min(len);
    let b = crate::objects::bytearray::data(&owner).expect("checked bytearray");
    let mut buf = b.0.borrow_mut();
    let end = (start + n).min(buf.len());
    let n = end.saturating_sub(start);
    buf[start..end].copy_from_slice(&data[..n]);
    Ok(n)
}

/// A `size` argument: None or negative means "all" (None returned).
pub fn size_arg(v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(v) if v.is(&rt().none) => Ok(None),
        Some(v) => {
            let n = crate::objects::int::index_value(v)?.ok_or_else(|| {
                exc::type_error(format!(
                    "argument should be integer or None, not '{}'",
                    crate::types::type_name(v)
                ))
            })?;
            Ok(usize::try_from(n).ok())
        }
    }
}
