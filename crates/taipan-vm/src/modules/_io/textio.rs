//! `_io.TextIOWrapper` (text over a buffered binary stream) and
//! `_io.IncrementalNewlineDecoder`.
//!
//! The wrapper decodes UTF-8, Latin-1 and ASCII natively, chunk by chunk
//! (an incomplete UTF-8 sequence waits for the next chunk). Decoded text
//! is kept untranslated, and newlines are translated as it is handed out,
//! so `tell()` can count the bytes of what is still unread. Writes are
//! encoded, newline-translated and collected until a chunk is full, a
//! flush, or (line buffering) a line end.

use super::super::native::{self, bind, boolean, given, none, BASETYPE, HAS_DICT};
use super::iobase::call;
use super::stringio::{code_points, str_from, translate_newlines, Newline};
use super::{or_none, size_arg};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{bytes, int, m, mk, new_method, str as pystr, tuple, Getter, Method, Setter};
use crate::runtime::rt;
use crate::text::codecs::{Codec, ErrorHandler};
use crate::text::{StrBuilder, Units};
use crate::value::{Slot, Value};
use std::cell::{Cell, RefCell};

/// The payload of a `TextIOWrapper`.
pub struct TextData {
    buffer: Slot,
    encoding: RefCell<Value>,
    codec: Cell<Codec>,
    errors: RefCell<Value>,
    handler: Cell<ErrorHandler>,
    newline: Cell<Newline>,
    line_buffering: Cell<bool>,
    write_through: Cell<bool>,
    has_read1: Cell<bool>,
    /// `buffer.writable()` at `__init__` (CPython sets up an encoder then).
    writable: Cell<bool>,
    chunk_size: Cell<usize>,
    /// Decoded, untranslated text and how much of it was handed out.
    decoded: RefCell<Vec<u32>>,
    dpos: Cell<usize>,
    /// Bytes read but not yet decodable (an incomplete sequence).
    undecoded: RefCell<Vec<u8>>,
    eof: Cell<bool>,
    /// Encoded text not yet passed to the buffer.
    pending: RefCell<Vec<u8>>,
    /// The newline kinds seen in decoded text (`seen_newlines` bits) and
    /// whether decoded text ended with a CR (it may start a CRLF).
    seennl: Cell<u8>,
    pending_cr: Cell<bool>,
    /// What a `print` in progress still owes (`OWE_*` bits): its pieces
    /// are passed on together when it ends or before it runs Python code.
    owed: Cell<u8>,
}

/// Pass the pending bytes to the buffer (write-through, or a line end
/// under line buffering).
const OWE_PASS: u8 = 1;
/// Flush the buffer too (a line end under line buffering).
const OWE_FLUSH: u8 = 2;

const METHODS: &[Method] = &[
    new_method(text_new),
    mk("__init__", text_init),
    mk("read", text_read),
    mk("readline", text_readline),
    m("__next__", text_next),
    m("write", text_write),
    m("flush", text_flush),
    m("close", text_close),
    m("detach", text_detach),
    m("tell", text_tell),
    mk("seek", text_seek),
    mk("truncate", text_truncate),
    mk("reconfigure", text_reconfigure),
    m("fileno", |a, _| call(&buffer(&a[0])?, "fileno", &[])),
    m("isatty", |a, _| call(&buffer(&a[0])?, "isatty", &[])),
    m("readable", |a, _| call(&buffer(&a[0])?, "readable", &[])),
    m("writable", |a, _| call(&buffer(&a[0])?, "writable", &[])),
    m("seekable", |a, _| call(&buffer(&a[0])?, "seekable", &[])),
    m("__repr__", text_repr),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("buffer", |v| Ok(or_none(this(v)?.buffer.get())), None),
    ("closed", |v| crate::attr::getattr_str(&buffer(v)?, "closed"), None),
    ("name", |v| crate::attr::getattr_str(&buffer(v)?, "name"), None),
    ("encoding", |v| Ok(this(v)?.encoding.borrow().clone()), None),
    ("errors", |v| Ok(this(v)?.errors.borrow().clone()), None),
    ("line_buffering", |v| Ok(boolean(this(v)?.line_buffering.get())), None),
    ("write_through", |v| Ok(boolean(this(v)?.write_through.get())), None),
    ("newlines", text_newlines, None),
    (
        "_CHUNK_SIZE",
        |v| buffer(v).and_then(|_| Ok(int::from_usize(this(v)?.chunk_size.get()))),
        Some(set_chunk_size),
    ),
];

/// Creates the `TextIOWrapper` class.
pub fn new_type(base: &Value) -> Value {
    native::new_type::<TextData>("TextIOWrapper", "_io", base, BASETYPE | HAS_DICT, METHODS, GETSETS)
}

fn this(v: &Value) -> PyResult<&TextData> {
    v.downcast::<TextData>()
        .ok_or_else(|| exc::type_error("descriptor requires a '_io.TextIOWrapper' object"))
}

fn buffer(v: &Value) -> PyResult<Value> {
    let b = this(v)?.buffer.get();
    if b.is_null() {
        return Err(exc::value_error("underlying buffer has been detached"));
    }
    Ok(b)
}

fn check_closed(v: &Value) -> PyResult<Value> {
    let b = buffer(v)?;
    let closed = match super::buffered::closed_direct(&b).or_else(|| super::fileio::closed_direct(&b)) {
        Some(c) => c,
        None => super::iobase::is_closed(&b)?,
    };
    if closed {
        return Err(exc::value_error("I/O operation on closed file."));
    }
    Ok(b)
}

fn set_chunk_size(v: &Value, x: Value) -> PyResult<()> {
    let n = native::int_arg(&x, "")?;
    if n <= 0 {
        return Err(exc::value_error("a strictly positive integer is required"));
    }
    this(v)?.chunk_size.set(n as usize);
    Ok(())
}

fn text_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = TextData {
        buffer: Slot::default(),
        encoding: RefCell::new(pystr::new("utf-8")),
        codec: Cell::new(Codec::Utf8),
        errors: RefCell::new(pystr::new("strict")),
        handler: Cell::new(ErrorHandler::Strict),
        newline: Cell::new(Newline::Translate),
        line_buffering: Cell::new(false),
        write_through: Cell::new(false),
        has_read1: Cell::new(false),
        writable: Cell::new(false),
        chunk_size: Cell::new(super::DEFAULT_BUFFER_SIZE),
        decoded: RefCell::new(Vec::new()),
        dpos: Cell::new(0),
        undecoded: RefCell::new(Vec::new()),
        eof: Cell::new(false),
        pending: RefCell::new(Vec::new()),
        seennl: Cell::new(0),
        pending_cr: Cell::new(false),
        owed: Cell::new(0),
    };
    crate::objects::object::alloc_subclass(&args[0], d)
}

/// The codec for an `encoding` argument (None and "locale": UTF-8).
fn codec_for(encoding: Option<&Value>) -> PyResult<(Value, Codec)> {
    let Some(e) = encoding else { return Ok((pystr::new("UTF-8"), Codec::Utf8)) };
    let Some(name) = pystr::as_str(e) else {
        return Err(exc::type_error(format!(
            "TextIOWrapper() argument 'encoding' must be str or None, not {}",
            crate::types::type_name(e)
        )));
    };
    if name == "locale" {
        return Ok((pystr::new("UTF-8"), Codec::Utf8));
    }
    match Codec::lookup(name) {
        Some(c) => Ok((e.clone(), c)),
        None => Err(exc::with_msg(&rt().exc.lookup_error, format!("unknown encoding: {name}"))),
    }
}

fn handler_for(errors: Option<&Value>) -> PyResult<(Value, ErrorHandler)> {
    let Some(e) = errors else { return Ok((pystr::new("strict"), ErrorHandler::Strict)) };
    let Some(name) = pystr::as_str(e) else {
        return Err(exc::type_error(format!(
            "TextIOWrapper() argument 'errors' must be str or None, not {}",
            crate::types::type_name(e)
        )));
    };
    match ErrorHandler::from_name(name) {
        Some(h) => Ok((e.clone(), h)),
        None => Err(exc::with_msg(&rt().exc.lookup_error, format!("unknown error handler name '{name}'"))),
    }
}

/// `TextIOWrapper(buffer, encoding=None, errors=None, newline=None,
/// line_buffering=False, write_through=False)`.
fn text_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let names = ["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"];
    let a = bind("TextIOWrapper", &args[1..], kwnames, &names, 1)?;
    let d = this(me)?;
    let (enc, codec) = codec_for(given(&a[1]))?;
    let (errs, handler) = handler_for(given(&a[2]))?;
    let newline = Newline::parse(a[3].as_ref(), "TextIOWrapper()")?;
    let flag = |v: &Option<Value>| -> PyResult<bool> {
        match given(v) {
            Some(x) => crate::ops::truthy(x),
            None => Ok(false),
        }
    };
    let buf = a[0].clone().expect("required");
    d.has_read1.set(crate::attr::getattr_opt(&buf, &pystr::intern("read1"))?.is_some());
    d.writable.set(crate::ops::truthy(&call(&buf, "writable", &[])?)?);
    d.buffer.set(buf);
    *d.encoding.borrow_mut() = enc;
    d.codec.set(codec);
    *d.errors.borrow_mut() = errs;
    d.handler.set(handler);
    d.newline.set(newline);
    d.line_buffering.set(flag(&a[4])?);
    d.write_through.set(flag(&a[5])?);
    reset_read_state(d);
    d.pending.borrow_mut().clear();
    Ok(none())
}

fn reset_read_state(d: &TextData) {
    if d.dpos.get() == 0 && !d.eof.get() && d.decoded.borrow().is_empty() && d.undecoded.borrow().is_empty() {
        return;
    }
    d.decoded.borrow_mut().clear();
    d.dpos.set(0);
    d.undecoded.borrow_mut().clear();
    d.eof.set(false);
}

// ---------------------------------------------------------------- reading

/// How many leading bytes of `b` are complete UTF-8 sequences (the rest
/// may be the start of a sequence cut by the chunk boundary).
fn utf8_complete_prefix(b: &[u8]) -> usize {
    let n = b.len();
    for back in 1..=3.min(n) {
        let c = b[n - back];
        let need = match c {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            0x80..=0xBF => continue,
            _ => return n,
        };
        return if need > back { n - back } else { n };
    }
    n
}

/// Decodes `data` (all of it when `last`), keeping an incomplete tail.
fn decode_into(d: &TextData, data: Vec<u8>, last: bool) -> PyResult<()> {
    let mut data = {
        let mut u = d.undecoded.borrow_mut();
        let mut all = std::mem::take(&mut *u);
        all.extend_from_slice(&data);
        all
    };
    let split = if last || d.codec.get() != Codec::Utf8 { data.len() } else { utf8_complete_prefix(&data) };
    let tail = data.split_off(split);
    let text = d.codec.get().decode(&data, d.handler.get()).map_err(pystr::text_error)?;
    *d.undecoded.borrow_mut() = tail;
    let mut dec = d.decoded.borrow_mut();
    let dpos = d.dpos.get();
    if dpos > 0 {
        dec.drain(..dpos);
        d.dpos.set(0);
    }
    let start = dec.len();
    dec.extend(text.code_points());
    note_newlines(d, &dec[start..], last);
    Ok(())
}

/// Records the newline kinds of freshly decoded text, as CPython's
/// newline decoder does in universal-newlines mode (`newline` None or '').
fn note_newlines(d: &TextData, fresh: &[u32], last: bool) {
    if !matches!(d.newline.get(), Newline::Translate | Newline::Universal) {
        return;
    }
    let mut text = Vec::with_capacity(fresh.len() + 1);
    if d.pending_cr.replace(false) {
        text.push(13);
    }
    text.extend_from_slice(fresh);
    if !last && text.last() == Some(&13) {
        text.pop();
        d.pending_cr.set(true);
    }
    d.seennl.set(d.seennl.get() | seen_newlines(&text));
}

/// `newlines`: the kinds of line ends read so far (None when the
/// wrapper does not translate newlines or is not readable).
fn text_newlines(v: &Value) -> PyResult<Value> {
    buffer(v)?;
    Ok(newlines_value(this(v)?.seennl.get()))
}

/// Reads and decodes one chunk; false at end of file.
fn read_chunk(me: &Value) -> PyResult<bool> {
    let d = this(me)?;
    if d.eof.get() {
        return Ok(false);
    }
    let b = buffer(me)?;
    let size = int::from_usize(d.chunk_size.get());
    let chunk = call(&b, if d.has_read1.get() { "read1" } else { "read" }, &[size])?;
    if chunk.is(&rt().none) {
        return Ok(true);
    }
    let Some(data) = bytes::as_bytes(&chunk) else {
        return Err(exc::type_error(format!(
            "underlying read1() should have returned a bytes-like object, not '{}'",
            crate::types::type_name(&chunk)
        )));
    };
    let at_eof = data.is_empty();
    decode_into(d, data.to_vec(), at_eof)?;
    d.eof.set(at_eof);
    Ok(!at_eof)
}

/// Hands out decoded text: up to `max` characters, stopping after a line
/// end when `line`; reads more as needed.
fn take_text(me: &Value, max: Option<usize>, line: bool) -> PyResult<Vec<u32>> {
    let d = this(me)?;
    let nl = d.newline.get();
    let mut out: Vec<u32> = Vec::new();
    loop {
        let (consumed, done) = {
            let dec = d.decoded.borrow();
            let avail = &dec[d.dpos.get()..];
            scan(avail, &mut out, nl, max, line, d.eof.get())
        };
        d.dpos.set(d.dpos.get() + consumed);
        if done || !read_chunk(me)? && d.dpos.get() >= d.decoded.borrow().len() {
            return Ok(out);
        }
    }
}

/// Copies text from `avail` to `out` with the read-side newline rules;
/// returns how much of `avail` was used and whether the request is met.
fn scan(
    avail: &[u32],
    out: &mut Vec<u32>,
    nl: Newline,
    max: Option<usize>,
    line: bool,
    eof: bool,
) -> (usize, bool) {
    let mut i = 0;
    while i < avail.len() {
        if max.is_some_and(|m| out.len() >= m) {
            return (i, true);
        }
        let c = avail[i];
        let lookahead = c == 13 && matches!(nl, Newline::Translate | Newline::Universal | Newline::CrLf);
        if lookahead && i + 1 == avail.len() && !eof {
            return (i, false);
        }
        let next_lf = avail.get(i + 1) == Some(&10);
        let (ends_line, used) = match (nl, c) {
            (Newline::Translate, 13) => {
                out.push(10);
                (true, if next_lf { 2 } else { 1 })
            }
            (Newline::Universal, 13) if next_lf => {
                out.extend_from_slice(&[13, 10]);
                (true, 2)
            }
            (Newline::CrLf, 13) if next_lf => {
                out.extend_from_slice(&[13, 10]);
                (true, 2)
            }
            (Newline::Universal | Newline::Translate | Newline::Lf, 10) => {
                out.push(10);
                (true, 1)
            }
            (Newline::Universal, 13) | (Newline::Cr, 13) => {
                out.push(13);
                (true, 1)
            }
            _ => {
                out.push(c);
                (false, 1)
            }
        };
        i += used;
        if line && ends_line {
            return (i, true);
        }
    }
    (i, max.is_some_and(|m| out.len() >= m))
}

fn prepare_read(me: &Value) -> PyResult<()> {
    check_closed(me)?;
    let b = buffer(me)?;
    if !crate::ops::truthy(&call(&b, "readable", &[])?)? {
        return Err(super::unsupported("not readable"));
    }
    flush_pending(me)
}

fn text_read(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("read", &args[1..], kwnames, &["size"], 0)?;
    let n = size_arg(a[0].as_ref())?;
    prepare_read(me)?;
    if n.is_none() {
        let d = this(me)?;
        let rest = call(&buffer(me)?, "read", &[])?;
        let data = bytes::as_bytes(&rest).map(|b| b.to_vec()).unwrap_or_default();
        decode_into(d, data, true)?;
        d.eof.set(true);
    }
    Ok(str_from(&take_text(me, n, false)?))
}

fn text_readline(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("readline", &args[1..], kwnames, &["size"], 0)?;
    let n = size_arg(a[0].as_ref())?;
    prepare_read(me)?;
    Ok(str_from(&take_text(me, n, true)?))
}

fn text_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    prepare_read(me)?;
    let line = take_text(me, None, true)?;
    if line.is_empty() {
        return Err(exc::stop_iteration(none()));
    }
    Ok(str_from(&line))
}

// ---------------------------------------------------------------- writing

/// Passes the encoded text collected so far to the buffer (directly to
/// an exact `BufferedWriter` or `FileIO`, the standard streams' layers).
fn flush_pending(me: &Value) -> PyResult<()> {
    let d = this(me)?;
    if d.pending.borrow().is_empty() {
        return Ok(());
    }
    let data = std::mem::take(&mut *d.pending.borrow_mut());
    let b = buffer(me)?;
    if super::buffered::is_exact_writer(&b) {
        super::buffered::write_bytes(&b, &data)?;
    } else if super::fileio::is_exact(&b) {
        super::fileio::write_bytes(&b, &data)?;
    } else {
        call(&b, "write", &[bytes::new(data)])?;
    }
    Ok(())
}

/// `buffer.flush()` (directly for an exact buffered writer).
fn flush_buffer(b: &Value) -> PyResult<Value> {
    if super::buffered::is_exact_writer(b) {
        return super::buffered::flush(b).map(|_| none());
    }
    call(b, "flush", &[])
}

fn text_write(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("write", args, 2, 2)?;
    if !pystr::is_str(&args[1]) {
        return Err(exc::type_error(format!(
            "write() argument must be str, not {}",
            crate::types::type_name(&args[1])
        )));
    }
    write_str(&args[0], &args[1]).map(int::from_usize)
}

/// Whether `v` is an exact `TextIOWrapper` (`print` then writes through
/// `write_str` without a method call).
pub fn is_exact(v: &Value) -> bool {
    super::exact::<TextData>(v).is_some()
}

/// `write(text)` for a `str` `text`: encodes it (ASCII text written with
/// an ASCII-compatible codec and no newline translation is copied as is),
/// collects it, and passes it on when a chunk is full, a line ends under
/// line buffering, or with `write_through`. Returns the length in
/// characters.
pub fn write_str(me: &Value, text: &Value) -> PyResult<usize> {
    let n = write_owing(me, text)?;
    settle(me)?;
    Ok(n)
}

/// Does what the writes since the last call owe: passes the pending
/// bytes on, and flushes the buffer, if they asked for it.
pub fn settle(me: &Value) -> PyResult<()> {
    let d = this(me)?;
    let owed = d.owed.replace(0);
    if owed & OWE_PASS != 0 {
        flush_pending(me)?;
    }
    if owed & OWE_FLUSH != 0 {
        flush_buffer(&buffer(me)?)?;
    }
    Ok(())
}

/// `write_str` without its passing on and flushing, which are recorded
/// in `owed` for `settle`.
pub fn write_owing(me: &Value, text: &Value) -> PyResult<usize> {
    begin_writes(me)?;
    append(me, text)
}

/// The checks of `write` (attached, open, writable) and the reset of the
/// read state, done once for a run of `append`s (`print`'s pieces).
pub fn begin_writes(me: &Value) -> PyResult<()> {
    check_closed(me)?;
    let d = this(me)?;
    if !d.writable.get() {
        return Err(super::unsupported("not writable"));
    }
    reset_read_state(d);
    Ok(())
}

/// Encodes `text` onto the pending bytes (after `begin_writes`), passing
/// them on when a chunk is full; what line buffering and write-through
/// ask for is recorded in `owed`. Returns the length in characters.
pub fn append(me: &Value, text: &Value) -> PyResult<usize> {
    let s = pystr::text(text).ok_or_else(|| exc::type_error("write() argument must be str"))?;
    let d = this(me)?;
    let translate = d.newline.get().write_as();
    let (has_lf, has_cr, encoded) = match s.as_units() {
        Units::Latin1(b) if s.is_ascii() && translate.is_none() && ascii_compatible(d.codec.get()) => {
            (b.contains(&b'\n'), d.line_buffering.get() && b.contains(&b'\r'), std::borrow::Cow::Borrowed(b))
        }
        _ => {
            let cps = code_points(text).unwrap_or_default();
            let has_lf = cps.contains(&10);
            let has_cr = cps.contains(&13);
            (has_lf, has_cr, std::borrow::Cow::Owned(encode_text(d, &cps, translate, has_lf)?))
        }
    };
    let full = {
        let mut p = d.pending.borrow_mut();
        if !p.is_empty() && p.len() + encoded.len() > d.chunk_size.get() {
            drop(p);
            flush_pending(me)?;
            p = d.pending.borrow_mut();
        }
        p.extend_from_slice(&encoded);
        p.len() >= d.chunk_size.get()
    };
    if full {
        flush_pending(me)?;
    }
    let need_flush = d.line_buffering.get() && (has_lf || has_cr);
    if need_flush {
        d.owed.set(d.owed.get() | OWE_PASS | OWE_FLUSH);
    } else if d.write_through.get() {
        d.owed.set(d.owed.get() | OWE_PASS);
    }
    Ok(s.len())
}

/// Whether the codec writes ASCII text as its own bytes.
fn ascii_compatible(c: Codec) -> bool {
    matches!(c, Codec::Utf8 | Codec::Latin1 | Codec::Ascii)
}

/// The bytes of `cps` in the stream's encoding, `\n` translated.
fn encode_text(d: &TextData, cps: &[u32], translate: Option<&[u32]>, has_lf: bool) -> PyResult<Vec<u8>> {
    let mut b = StrBuilder::with_capacity(cps.len());
    for &c in cps {
        match translate {
            Some(rep) if has_lf && c == 10 => rep.iter().for_each(|r| b.push(*r)),
            _ => b.push(c),
        }
    }
    d.codec.get().encode(&b.finish(), d.handler.get()).map_err(pystr::text_error)
}

fn text_flush(args: &[Value], _: &[Value]) -> PyResult<Value> {
    flush(&args[0]).map(|_| none())
}

/// `flush()` from Rust.
pub fn flush(me: &Value) -> PyResult<()> {
    let b = check_closed(me)?;
    flush_pending(me)?;
    flush_buffer(&b).map(drop)
}

fn text_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let b = buffer(me)?;
    if super::iobase::is_closed(&b)? {
        return Ok(none());
    }
    let flushed = text_flush(args, &[]);
    let closed = call(&b, "close", &[]);
    flushed?;
    closed
}

fn text_detach(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let b = buffer(me)?;
    flush_pending(me)?;
    call(&b, "flush", &[])?;
    this(me)?.buffer.set(Value::NULL);
    Ok(b)
}

// ---------------------------------------------------------------- positions

/// How many bytes `text` takes in the stream's encoding.
fn encoded_len(codec: Codec, text: &[u32]) -> i64 {
    text.iter()
        .map(|&c| match (codec, c) {
            (Codec::Utf8, 0..=0x7F) | (Codec::Utf8, 0xDC80..=0xDCFF) => 1,
            (Codec::Utf8, 0x80..=0x7FF) => 2,
            (Codec::Utf8, 0x800..=0xFFFF) => 3,
            (Codec::Utf8, _) => 4,
            _ => 1,
        })
        .sum()
}

fn text_tell(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let b = check_closed(me)?;
    if !crate::ops::truthy(&call(&b, "seekable", &[])?)? {
        return Err(super::unsupported("underlying stream is not seekable"));
    }
    flush_pending(me)?;
    let d = this(me)?;
    let pos = native::int_arg(&call(&b, "tell", &[])?, "")?;
    let unread = {
        let dec = d.decoded.borrow();
        encoded_len(d.codec.get(), &dec[d.dpos.get()..])
    };
    Ok(int::from_i64(pos - d.undecoded.borrow().len() as i64 - unread))
}

fn text_seek(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("seek", &args[1..], kwnames, &["cookie", "whence"], 1)?;
    let cookie = a[0].clone().expect("required");
    let whence = match &a[1] {
        Some(v) => native::int_arg(v, "")?,
        None => 0,
    };
    let b = check_closed(me)?;
    if !crate::ops::truthy(&call(&b, "seekable", &[])?)? {
        return Err(super::unsupported("underlying stream is not seekable"));
    }
    let d = this(me)?;
    match whence {
        0 => {
            let pos = native::int_arg(&cookie, "")?;
            if pos < 0 {
                return Err(exc::value_error(format!("negative seek position {pos}")));
            }
            text_flush(args, &[])?;
            reset_read_state(d);
            call(&b, "seek", &[int::from_i64(pos)])
        }
        1 | 2 if native::int_arg(&cookie, "")? != 0 => {
            let which = if whence == 1 { "cur" } else { "end" };
            Err(super::unsupported(&format!("can't do nonzero {which}-relative seeks")))
        }
        1 => text_tell(args, &[]),
        2 => {
            text_flush(args, &[])?;
            reset_read_state(d);
            call(&b, "seek", &[int::from_i64(0), int::from_i64(2)])
        }
        _ => Err(exc::value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
}

fn text_truncate(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("truncate", &args[1..], kwnames, &["pos"], 0)?;
    text_flush(&args[..1], &[])?;
    let pos = match given(&a[0]) {
        Some(v) => v.clone(),
        None => text_tell(&args[..1], &[])?,
    };
    call(&buffer(me)?, "truncate", &[pos])
}

/// `reconfigure(*, encoding=None, errors=None, newline=None,
/// line_buffering=None, write_through=None)`.
fn text_reconfigure(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    if args.len() - kwnames.len() > 1 {
        return Err(exc::type_error("reconfigure() takes no positional arguments"));
    }
    let names = ["encoding", "errors", "newline", "line_buffering", "write_through"];
    let a = bind("reconfigure", &args[1..], kwnames, &names, 0)?;
    let d = this(me)?;
    if let Some(e) = given(&a[0]) {
        if !d.decoded.borrow().is_empty() {
            return Err(super::unsupported(
                "It is not possible to set the encoding or newline of stream after the first read",
            ));
        }
        let (enc, codec) = codec_for(Some(e))?;
        *d.encoding.borrow_mut() = enc;
        d.codec.set(codec);
    }
    if let Some(e) = given(&a[1]) {
        let (errs, h) = handler_for(Some(e))?;
        *d.errors.borrow_mut() = errs;
        d.handler.set(h);
    }
    if let Some(nl) = &a[2] {
        d.newline.set(Newline::parse(Some(nl), "reconfigure()")?);
    }
    text_flush(&args[..1], &[])?;
    if let Some(v) = given(&a[3]) {
        d.line_buffering.set(crate::ops::truthy(v)?);
    }
    if let Some(v) = given(&a[4]) {
        d.write_through.set(crate::ops::truthy(v)?);
    }
    Ok(none())
}

fn text_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let cls = crate::types::type_of(me);
    let mut s = format!(
        "<{}.{}",
        crate::objects::object::type_module_name(&cls),
        crate::types::type_payload(&cls).qualname.borrow()
    );
    let ignorable = |e: &crate::exceptions::PyErr| {
        e.matches(&rt().exc.attribute_error) || e.matches(&rt().exc.value_error)
    };
    match crate::attr::getattr_str(me, "name") {
        Ok(n) => s.push_str(&format!(" name={}", crate::ops::repr_string(&n)?)),
        Err(e) if ignorable(&e) => {}
        Err(e) => return Err(e),
    }
    if let Some(mode) = crate::objects::object::instance_dict(me)
        .and_then(|dd| crate::objects::dict::get_str(&dd, &pystr::intern("mode")))
    {
        s.push_str(&format!(" mode={}", crate::ops::repr_string(&mode)?));
    }
    s.push_str(&format!(" encoding={}>", crate::ops::repr_string(&this(me)?.encoding.borrow())?));
    Ok(pystr::from_string(s))
}

// ---------------------------------------------------------------- IncrementalNewlineDecoder

/// The payload of an `IncrementalNewlineDecoder`.
pub struct NewlineDecoderData {
    decoder: Slot,
    translate: Cell<bool>,
    pendingcr: Cell<bool>,
    /// Seen newline kinds: 1 = `\n`, 2 = `\r`, 4 = `\r\n`.
    seennl: Cell<u8>,
}

const DECODER_METHODS: &[Method] = &[
    new_method(decoder_new),
    mk("__init__", decoder_init),
    mk("decode", decoder_decode),
    m("getstate", decoder_getstate),
    m("setstate", decoder_setstate),
    m("reset", decoder_reset),
];

const DECODER_GETSETS: &[(&str, Getter, Option<Setter>)] = &[("newlines", decoder_newlines, None)];

/// Creates the `IncrementalNewlineDecoder` class.
pub fn new_decoder_type() -> Value {
    native::new_type::<NewlineDecoderData>(
        "IncrementalNewlineDecoder",
        "_io",
        &rt().types.object,
        BASETYPE,
        DECODER_METHODS,
        DECODER_GETSETS,
    )
}

fn decoder(v: &Value) -> PyResult<&NewlineDecoderData> {
    v.downcast::<NewlineDecoderData>()
        .ok_or_else(|| exc::type_error("descriptor requires an 'IncrementalNewlineDecoder' object"))
}

fn decoder_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = NewlineDecoderData {
        decoder: Slot::default(),
        translate: Cell::new(false),
        pendingcr: Cell::new(false),
        seennl: Cell::new(0),
    };
    crate::objects::object::alloc_subclass(&args[0], d)
}

fn decoder_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("IncrementalNewlineDecoder", &args[1..], kwnames, &["decoder", "translate", "errors"], 2)?;
    let d = decoder(&args[0])?;
    d.decoder.set(a[0].clone().expect("required"));
    d.translate.set(crate::ops::truthy(a[1].as_ref().expect("required"))?);
    d.pendingcr.set(false);
    d.seennl.set(0);
    Ok(none())
}

fn decoder_decode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let a = bind("decode", &args[1..], kwnames, &["input", "final"], 1)?;
    let d = decoder(me)?;
    let input = a[0].clone().expect("required");
    let last = match &a[1] {
        Some(v) => crate::ops::truthy(v)?,
        None => false,
    };
    let inner = d.decoder.get();
    let output = if inner.is_null() || inner.is(&rt().none) {
        input
    } else {
        let f = crate::attr::getattr_str(&inner, "decode")?;
        crate::call::call(&f, &[input, rt().bool_value(last)], &[])?
    };
    let Some(mut text) = code_points(&output) else {
        return Err(exc::type_error(format!(
            "decoder should return a string result, not '{}'",
            crate::types::type_name(&output)
        )));
    };
    if d.pendingcr.get() && (!text.is_empty() || last) {
        text.insert(0, 13);
        d.pendingcr.set(false);
    }
    if !last && text.last() == Some(&13) {
        text.pop();
        d.pendingcr.set(true);
    }
    d.seennl.set(d.seennl.get() | seen_newlines(&text));
    if d.translate.get() {
        text = translate_newlines(&text);
    }
    Ok(str_from(&text))
}

/// The newline kinds in `text` (bits as in `seennl`).
fn seen_newlines(text: &[u32]) -> u8 {
    let mut seen = 0;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            10 => seen |= 1,
            13 if text.get(i + 1) == Some(&10) => {
                seen |= 4;
                i += 1;
            }
            13 => seen |= 2,
            _ => {}
        }
        i += 1;
    }
    seen
}

fn decoder_getstate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = decoder(&args[0])?;
    let inner = d.decoder.get();
    let (buf, flag) = if inner.is_null() || inner.is(&rt().none) {
        (bytes::new(Vec::new()), 0)
    } else {
        let st = call(&inner, "getstate", &[])?;
        let items = tuple::items(&st)
            .filter(|t| t.len() == 2)
            .ok_or_else(|| exc::type_error("illegal decoder state"))?;
        (items[0].clone(), native::int_arg(&items[1], "")?)
    };
    let flag = (flag << 1) | i64::from(d.pendingcr.get());
    Ok(tuple::new(vec![buf, int::from_i64(flag)]))
}

fn decoder_setstate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("setstate", args, 2, 2)?;
    let d = decoder(&args[0])?;
    let items = tuple::items(&args[1])
        .filter(|t| t.len() == 2)
        .ok_or_else(|| exc::type_error("state argument must be a tuple"))?;
    let flag = native::int_arg(&items[1], "")?;
    d.pendingcr.set(flag & 1 != 0);
    let inner = d.decoder.get();
    if !inner.is_null() && !inner.is(&rt().none) {
        let st = tuple::new(vec![items[0].clone(), int::from_i64(flag >> 1)]);
        call(&inner, "setstate", &[st])?;
    }
    Ok(none())
}

fn decoder_reset(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = decoder(&args[0])?;
    d.seennl.set(0);
    d.pendingcr.set(false);
    let inner = d.decoder.get();
    if !inner.is_null() && !inner.is(&rt().none) {
        call(&inner, "reset", &[])?;
    }
    Ok(none())
}

fn decoder_newlines(v: &Value) -> PyResult<Value> {
    Ok(newlines_value(decoder(v)?.seennl.get()))
}

/// The `newlines` attribute for `seen_newlines` bits.
fn newlines_value(seen: u8) -> Value {
    let s = |t: &str| pystr::new(t);
    match seen {
        0 => none(),
        1 => s("\n"),
        2 => s("\r"),
        3 => tuple::new(vec![s("\r"), s("\n")]),
        4 => s("\r\n"),
        5 => tuple::new(vec![s("\n"), s("\r\n")]),
        6 => tuple::new(vec![s("\r"), s("\r\n")]),
        _ => tuple::new(vec![s("\r"), s("\n"), s("\r\n")]),
    }
}
