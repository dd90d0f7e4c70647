//! `_io.StringIO`: a text stream over an in-memory buffer of code points,
//! with CPython's newline rules (None: `\r\n` and `\r` become `\n` on
//! write; `""`: nothing translated, any line ending ends a line; `"\r"`
//! or `"\r\n"`: `\n` written as that).

use super::super::native::{self, bind, boolean, given, int_arg, none, BASETYPE, HAS_DICT};
use super::size_arg;
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{int, m, mk, new_method, str as pystr, Getter, Method, Setter};
use crate::runtime::rt;
use crate::text::StrBuilder;
use crate::value::Value;
use std::cell::{Cell, RefCell};

/// The payload of a `StringIO`.
pub struct StringIoData {
    buf: RefCell<Vec<u32>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
    newline: RefCell<Newline>,
}

/// The `newline` argument.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Newline {
    /// None: universal newlines, translated to `\n`.
    Translate,
    /// "": universal newlines, untranslated.
    Universal,
    Lf,
    Cr,
    CrLf,
}

impl Newline {
    /// Parses a `newline` argument (`who` names the function for errors).
    pub fn parse(v: Option<&Value>, who: &str) -> PyResult<Newline> {
        let Some(v) = v.filter(|v| !v.is(&rt().none)) else { return Ok(Newline::Translate) };
        let Some(s) = pystr::as_str(v) else {
            return Err(exc::type_error(format!(
                "{who} argument 'newline' must be str or None, not {}",
                crate::types::type_name(v)
            )));
        };
        Ok(match s {
            "" => Newline::Universal,
            "\n" => Newline::Lf,
            "\r" => Newline::Cr,
            "\r\n" => Newline::CrLf,
            _ if who == "StringIO()" => {
                return Err(exc::value_error(format!(
                    "illegal newline value: {}",
                    crate::ops::repr_string(v)?
                )))
            }
            _ => return Err(exc::value_error(format!("illegal newline value: {s}"))),
        })
    }

    /// What `\n` becomes on write (None: unchanged).
    pub fn write_as(self) -> Option<&'static [u32]> {
        match self {
            Newline::Cr => Some(&[13]),
            Newline::CrLf => Some(&[13, 10]),
            _ => None,
        }
    }
}

/// The length of the line starting at `text[0]` (through its ending), or
/// None when no ending is in `text` (a lone trailing `\r` counts as an
/// ending only when `at_eof`).
pub fn line_end(text: &[u32], nl: Newline, at_eof: bool) -> Option<usize> {
    match nl {
        Newline::Translate | Newline::Lf => text.iter().position(|c| *c == 10).map(|i| i + 1),
        Newline::Cr => text.iter().position(|c| *c == 13).map(|i| i + 1),
        Newline::CrLf => text.windows(2).position(|w| w == [13, 10]).map(|i| i + 2),
        Newline::Universal => {
            let i = text.iter().position(|c| *c == 10 || *c == 13)?;
            if text[i] == 10 {
                return Some(i + 1);
            }
            match text.get(i + 1) {
                Some(10) => Some(i + 2),
                Some(_) => Some(i + 1),
                None if at_eof => Some(i + 1),
                None => None,
            }
        }
    }
}

/// `\r\n` and `\r` → `\n`.
pub fn translate_newlines(text: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == 13 {
            out.push(10);
            if text.get(i + 1) == Some(&10) {
                i += 1;
            }
        } else {
            out.push(text[i]);
        }
        i += 1;
    }
    out
}

/// A str value from code points.
pub fn str_from(cps: &[u32]) -> Value {
    let mut b = StrBuilder::with_capacity(cps.len());
    for c in cps {
        b.push(*c);
    }
    pystr::from_text(b.finish())
}

/// The code points of a str value.
pub fn code_points(v: &Value) -> Option<Vec<u32>> {
    pystr::text(v).map(|t| t.code_points().collect())
}

const METHODS: &[Method] = &[
    new_method(stringio_new),
    mk("__init__", stringio_init),
    m("getvalue", |a, _| Ok(str_from(&open(&a[0])?.buf.borrow()))),
    mk("read", stringio_read),
    mk("readline", stringio_readline),
    m("write", stringio_write),
    mk("seek", stringio_seek),
    m("tell", |a, _| Ok(int::from_usize(open(&a[0])?.pos.get()))),
    mk("truncate", stringio_truncate),
    m("close", |a, _| {
        let d = this(&a[0])?;
        d.closed.set(true);
        d.buf.borrow_mut().clear();
        Ok(none())
    }),
    m("readable", |a, _| open(&a[0]).map(|_| boolean(true))),
    m("writable", |a, _| open(&a[0]).map(|_| boolean(true))),
    m("seekable", |a, _| open(&a[0]).map(|_| boolean(true))),
    m("__next__", stringio_next),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("closed", |v| Ok(boolean(this(v)?.closed.get())), None),
    ("line_buffering", |v| open(v).map(|_| boolean(false)), None),
    ("newlines", |v| open(v).map(|_| none()), None),
];

/// Creates the `StringIO` class.
pub fn new_type(base: &Value) -> Value {
    native::new_type::<StringIoData>("StringIO", "_io", base, BASETYPE | HAS_DICT, METHODS, GETSETS)
}

fn this(v: &Value) -> PyResult<&StringIoData> {
    v.downcast::<StringIoData>().ok_or_else(|| exc::type_error("descriptor requires a '_io.StringIO' object"))
}

fn open(v: &Value) -> PyResult<&StringIoData> {
    let d = this(v)?;
    if d.closed.get() {
        return Err(exc::value_error("I/O operation on closed file"));
    }
    Ok(d)
}

fn stringio_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = StringIoData {
        buf: RefCell::new(Vec::new()),
        pos: Cell::new(0),
        closed: Cell::new(false),
        newline: RefCell::new(Newline::Lf),
    };
    crate::objects::object::alloc_subclass(&args[0], d)
}

fn stringio_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("StringIO", &args[1..], kwnames, &["initial_value", "newline"], 0)?;
    let d = this(&args[0])?;
    let nl = match &a[1] {
        Some(v) => Newline::parse(Some(v), "StringIO()")?,
        None => Newline::Lf,
    };
    *d.newline.borrow_mut() = nl;
    d.buf.borrow_mut().clear();
    d.pos.set(0);
    if let Some(v) = given(&a[0]) {
        let Some(cps) = code_points(v) else {
            return Err(exc::type_error(format!(
                "initial_value must be str or None, not {}",
                crate::types::type_name(v)
            )));
        };
        write_text(d, &cps);
        d.pos.set(0);
    }
    Ok(none())
}

/// Writes text at the position with the newline translation.
fn write_text(d: &StringIoData, text: &[u32]) {
    let nl = *d.newline.borrow();
    let translated;
    let mut text = text;
    if nl == Newline::Translate {
        translated = translate_newlines(text);
        text = &translated;
    }
    let expanded;
    if let Some(rep) = nl.write_as() {
        expanded =
            text.iter().flat_map(|c| if *c == 10 { rep.to_vec() } else { vec![*c] }).collect::<Vec<u32>>();
        text = &expanded;
    }
    let mut buf = d.buf.borrow_mut();
    let pos = d.pos.get();
    if pos > buf.len() {
        buf.resize(pos, 0);
    }
    let end = pos + text.len();
    if end > buf.len() {
        buf.resize(end, 0);
    }
    buf[pos..end].copy_from_slice(text);
    d.pos.set(end);
}

fn stringio_write(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("write", args, 2, 2)?;
    let d = open(&args[0])?;
    let Some(cps) = code_points(&args[1]) else {
        return Err(exc::type_error(format!(
            "string argument expected, got '{}'",
            crate::types::type_name(&args[1])
        )));
    };
    write_text(d, &cps);
    Ok(int::from_usize(cps.len()))
}

fn take(d: &StringIoData, n: Option<usize>) -> Value {
    let buf = d.buf.borrow();
    let start = d.pos.get().min(buf.len());
    let end = n.map_or(buf.len(), |n| start.saturating_add(n).min(buf.len()));
    d.pos.set(d.pos.get().max(end));
    str_from(&buf[start..end])
}

fn stringio_read(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("read", &args[1..], kwnames, &["size"], 0)?;
    Ok(take(d, size_arg(a[0].as_ref())?))
}

fn line_len(d: &StringIoData, limit: Option<usize>) -> usize {
    let buf = d.buf.borrow();
    let start = d.pos.get().min(buf.len());
    let rest = &buf[start..];
    let n = line_end(rest, *d.newline.borrow(), true).unwrap_or(rest.len());
    limit.map_or(n, |l| n.min(l))
}

fn stringio_readline(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("readline", &args[1..], kwnames, &["size"], 0)?;
    let n = line_len(d, size_arg(a[0].as_ref())?);
    Ok(take(d, Some(n)))
}

fn stringio_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let n = line_len(d, None);
    if n == 0 {
        return Err(exc::stop_iteration(none()));
    }
    Ok(take(d, Some(n)))
}

fn stringio_seek(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("seek", &args[1..], kwnames, &["pos", "whence"], 1)?;
    let pos = int_arg(a[0].as_ref().expect("required"), "")?;
    let whence = match &a[1] {
        Some(v) => int_arg(v, "")?,
        None => 0,
    };
    let new = match whence {
        0 if pos < 0 => return Err(exc::value_error(format!("Negative seek position {pos}"))),
        0 => pos as usize,
        1 | 2 if pos != 0 => {
            let which = if whence == 1 { "cur" } else { "end" };
            return Err(exc::with_msg(
                &rt().exc.os_error,
                format!("Can't do nonzero {which}-relative seeks"),
            ));
        }
        1 => d.pos.get(),
        2 => d.buf.borrow().len(),
        _ => return Err(exc::value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    d.pos.set(new);
    Ok(int::from_usize(new))
}

fn stringio_truncate(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = open(&args[0])?;
    let a = bind("truncate", &args[1..], kwnames, &["pos"], 0)?;
    let size = match given(&a[0]) {
        Some(v) => {
            let n = int_arg(v, "")?;
            if n < 0 {
                return Err(exc::value_error(format!("Negative size value {n}")));
            }
            n as usize
        }
        None => d.pos.get(),
    };
    d.buf.borrow_mut().truncate(size);
    Ok(int::from_usize(size))
}
