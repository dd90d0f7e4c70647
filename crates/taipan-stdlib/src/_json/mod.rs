//! `_json` (CPython's `Modules/_json.c`): the accelerator the `json`
//! package picks up when it can import it. `scanstring`, `make_scanner`
//! (the `Scanner` type: the whole decoder, `decode.rs`), `make_encoder`
//! (the `Encoder` type: the one-shot encoder behind `json.dumps` without
//! indentation, `encode.rs`), `encode_basestring` and
//! `encode_basestring_ascii`. Errors are CPython's to the message and
//! position: decoding errors are `json.decoder.JSONDecodeError`, looked up
//! when raised (as `_json.c` does), so a fresh `json` package sees its own.
//!
//! Both halves work on the string's storage directly (Latin-1, UCS-2 or
//! UCS-4 units, through `Cp`), copying unescaped runs in bulk.

mod decode;
mod encode;

use taipan_vm::exceptions::{self as exc, PyErr, PyResult};
use taipan_vm::objects::{str as pystr, Method};
use taipan_vm::runtime::rt;
use taipan_vm::text::Str;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// One storage unit of a string, read as a code point.
pub(crate) trait Cp: Copy {
    fn cp(self) -> u32;
}

impl Cp for u8 {
    #[inline(always)]
    fn cp(self) -> u32 {
        self as u32
    }
}

impl Cp for u16 {
    #[inline(always)]
    fn cp(self) -> u32 {
        self as u32
    }
}

impl Cp for u32 {
    #[inline(always)]
    fn cp(self) -> u32 {
        self
    }
}

/// Runs `$body` with `$u` bound to the units of `$s` (a `Str`).
macro_rules! with_cps {
    ($s:expr, $u:ident => $body:expr) => {
        match $s.as_units() {
            taipan_vm::text::Units::Latin1($u) => $body,
            taipan_vm::text::Units::Ucs2($u) => $body,
            taipan_vm::text::Units::Ucs4($u) => $body,
        }
    };
}
pub(crate) use with_cps;

const FUNCTIONS: &[Method] = &[
    taipan_vm::objects::m("scanstring", decode::scanstring),
    taipan_vm::objects::m("encode_basestring_ascii", encode::encode_basestring_ascii),
    taipan_vm::objects::m("encode_basestring", encode::encode_basestring),
];

/// Builds the `_json` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = taipan_vm::modules::native::new_module("_json", FUNCTIONS);
    taipan_vm::objects::dict::set_str(&d, "make_scanner", decode::scanner_type());
    taipan_vm::objects::dict::set_str(&d, "make_encoder", encode::encoder_type());
    taipan_vm::objects::dict::set_str(&d, "__doc__", pystr::new("json speedups\n"));
    Ok(md)
}

/// The text of a str argument, or "first argument must be a string, not T".
fn str_arg(v: &Value) -> PyResult<&Str> {
    pystr::text(v)
        .ok_or_else(|| exc::type_error(format!("first argument must be a string, not {}", type_name(v))))
}

/// `RecursionError` with `_Py_EnterRecursiveCall`'s message for `doing`.
fn enter_recursion(doing: &str) -> PyResult<()> {
    let ts = &rt().thread;
    ts.enter().map_err(|_| exc::recursion_error(format!("maximum recursion depth exceeded{doing}")))?;
    if let Err(e) = ts.enter_native() {
        ts.leave();
        return Err(e);
    }
    Ok(())
}

fn leave_recursion() {
    let ts = &rt().thread;
    ts.leave_native();
    ts.leave();
}

/// Runs `f` one recursion level deeper (`doing` names the work in the
/// `RecursionError`'s message).
fn nested<R>(doing: &str, f: impl FnOnce() -> PyResult<R>) -> PyResult<R> {
    enter_recursion(doing)?;
    let r = f();
    leave_recursion();
    r
}

/// An error raised while building another error stays that error.
fn either(r: PyResult<PyErr>) -> PyErr {
    r.unwrap_or_else(|e| e)
}
