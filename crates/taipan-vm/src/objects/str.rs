//! `str`: the payload (`StrData`, a `text::Str` in PEP 393 storage with its
//! cached hash), constructors, interning, the cache of the 256 one-character
//! Latin-1 strings, and the bridge to Rust `&str` for the rest of the VM.
//! The method table lives in `str/methods.rs`.
//!
//! Rust code that needs a `&str` (names, attribute keys, messages) gets it
//! from [`as_str`]: ASCII text is borrowed from the storage itself; other
//! text is converted once to UTF-8 and cached on the object (as CPython
//! caches `PyUnicode_AsUTF8`), each lone surrogate shown as U+FFFD.

mod methods;

use crate::exceptions::{self as exc, PyErr};
use crate::runtime::rt;
use crate::text::{Str, TextError};
use crate::types::is_instance;
use crate::value::Value;
use std::cell::{Cell, OnceCell, RefCell};

pub use methods::METHODS;

/// The payload of a `str`.
pub struct StrData {
    /// The code points.
    pub text: Str,
    /// The UTF-8 form of non-ASCII text, made on first use by [`as_str`].
    utf8: OnceCell<Box<str>>,
    /// Cached hash (-1 until computed).
    pub hash: Cell<i64>,
}

impl StrData {
    /// A payload holding `text`.
    pub fn new(text: Str) -> StrData {
        StrData { text, utf8: OnceCell::new(), hash: Cell::new(-1) }
    }

    /// `len(s)` in code points (O(1)).
    #[inline]
    pub fn char_len(&self) -> usize {
        self.text.len()
    }

    /// The text as UTF-8 (lone surrogates as U+FFFD).
    pub fn as_rust_str(&self) -> &str {
        if let Some(s) = self.text.as_ascii_str() {
            return s;
        }
        self.utf8.get_or_init(|| self.text.to_string_lossy().into_owned().into_boxed_str())
    }
}

crate::interp_static! {
    /// The one-character strings U+0000..U+00FF, made once per thread (the
    /// runtime is per thread too) and never freed.
    static LATIN1_CHARS: OnceCell<&'static [Value]> = const { OnceCell::new() };
}

fn latin1_chars() -> &'static [Value] {
    LATIN1_CHARS.with(|cell| {
        *cell.get_or_init(|| {
            let chars: Vec<Value> = (0u8..=255)
                .map(|b| {
                    let v = alloc(Str::from_latin1(&[b]));
                    crate::runtime::make_immortal(&v);
                    v
                })
                .collect();
            Box::leak(chars.into_boxed_slice())
        })
    })
}

/// The one-character `str` for `cp` (shared for U+0000..U+00FF).
#[inline]
pub fn from_code_point(cp: u32) -> Value {
    match latin1_chars().get(cp as usize) {
        Some(v) => v.clone(),
        None => alloc(Str::from_char(cp)),
    }
}

fn alloc(text: Str) -> Value {
    crate::heap::alloc(&rt().types.str, StrData::new(text))
}

/// A new `str` holding `text` (one-character Latin-1 strings are shared).
pub fn from_text(text: Str) -> Value {
    match text.len() {
        0 => empty(),
        1 => from_code_point(text.char_at(0).unwrap_or(0)),
        _ => alloc(text),
    }
}

/// A new `str`.
pub fn new(s: &str) -> Value {
    from_text(Str::from(s))
}

/// `str(i)` for a machine integer: the digits written straight into the
/// string's storage (one-digit results are the shared one-character strs).
pub fn from_i64(i: i64) -> Value {
    if (0..=9).contains(&i) {
        return from_code_point(b'0' as u32 + i as u32);
    }
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut magnitude = i.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    alloc(Str::from_latin1(&buf[at..]))
}

/// The storage of a Latin-1 str value.
fn latin1(v: &Value) -> Option<&[u8]> {
    match text(v)?.as_units() {
        crate::text::Units::Latin1(bytes) => Some(bytes),
        _ => None,
    }
}

/// The concatenation of str values (`BUILD_STRING`); a value that is not
/// a str counts as empty.
pub fn concat_values(parts: &[Value]) -> Result<Value, PyErr> {
    if parts.iter().all(|p| latin1(p).is_some()) {
        let total = parts.iter().filter_map(latin1).map(<[u8]>::len).sum();
        return Ok(from_text(Str::latin1_filled(total, |out| {
            let mut at = 0;
            for bytes in parts.iter().filter_map(latin1) {
                out[at..at + bytes.len()].copy_from_slice(bytes);
                at += bytes.len();
            }
        })));
    }
    let empty = Str::new();
    let texts: Vec<&Str> = parts.iter().map(|p| text(p).unwrap_or(&empty)).collect();
    Str::concat_many(&texts).map(from_text).map_err(text_error)
}

/// `a + b` for two strs (an empty operand gives the other one back).
pub fn concat(a: &Value, b: &Value) -> Result<Value, PyErr> {
    let (Some(x), Some(y)) = (text(a), text(b)) else {
        return Err(exc::type_error("can only concatenate str to str"));
    };
    match (x.is_empty(), y.is_empty()) {
        (_, true) if is_exact(a) => Ok(a.clone()),
        (true, _) if is_exact(b) => Ok(b.clone()),
        _ => x.concat(y).map(from_text).map_err(text_error),
    }
}

/// A new `str` from a Rust `String`.
pub fn from_string(s: String) -> Value {
    from_text(Str::from(s))
}

crate::interp_static! {
    /// A direct-mapped cache in front of the interned-name table, indexed
    /// by the address of the caller's text (names are mostly literals);
    /// a hit is confirmed by comparing the text, so reused addresses are
    /// harmless.
    static INTERN_CACHE: RefCell<Vec<Option<Value>>> = const { RefCell::new(Vec::new()) };
}

const INTERN_CACHE_SLOTS: usize = 512;

crate::interp_static! {
    /// The interned empty string (`format(v)`'s default spec, …).
    static EMPTY: Value = intern_slow("");
}

/// The interned empty `str`.
pub fn empty() -> Value {
    EMPTY.with(Value::clone)
}

fn intern_slot(s: &str) -> usize {
    let addr = s.as_ptr() as usize;
    (addr ^ (addr >> 9) ^ s.len()) % INTERN_CACHE_SLOTS
}

/// The interned `str` for `s` (names, attribute keys).
pub fn intern(s: &str) -> Value {
    let slot = intern_slot(s);
    let cached = INTERN_CACHE.with(|c| c.borrow().get(slot).cloned().flatten());
    if let Some(v) = cached.filter(|v| text(v).is_some_and(|t| *t == *s)) {
        return v;
    }
    let v = intern_slow(s);
    INTERN_CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.is_empty() {
            cache.resize(INTERN_CACHE_SLOTS, None);
        }
        cache[slot] = Some(v.clone());
    });
    v
}

/// `intern` without the address-keyed cache, for text in a transient
/// buffer (a code object being converted): its address would never hit
/// and would only evict the cache's entries for static names.
pub fn intern_transient(s: &str) -> Value {
    intern_slow(s)
}

fn intern_slow(s: &str) -> Value {
    let r = rt();
    if let Some(v) = r.interned.borrow().get(s) {
        return v.clone();
    }
    let v = alloc(Str::from(s));
    crate::runtime::make_immortal(&v);
    r.interned.borrow_mut().insert(s.to_string(), v.clone());
    v
}

/// The text of a `str` (or str subclass instance) as UTF-8.
#[inline]
pub fn as_str(v: &Value) -> Option<&str> {
    v.downcast::<StrData>().map(StrData::as_rust_str)
}

/// The code points of a `str` (or str subclass instance).
#[inline]
pub fn text(v: &Value) -> Option<&Str> {
    v.downcast::<StrData>().map(|d| &d.text)
}

/// The payload of a `str` value.
pub fn data(v: &Value) -> Option<&StrData> {
    v.downcast::<StrData>()
}

/// Whether `v` is exactly a `str` (not a subclass).
pub fn is_exact(v: &Value) -> bool {
    v.header().is_some_and(|h| h.ty.get() == rt().types.str.as_ptr())
}

/// `hash(s)`: CPython's SipHash-1-3 over the PEP 393 units with the
/// process secret (`PYTHONHASHSEED`), cached; never -1.
pub fn hash_of(d: &StrData) -> i64 {
    let h = d.hash.get();
    if h != -1 {
        return h;
    }
    let h = d.text.python_hash();
    d.hash.set(h);
    h
}

/// `s[i]` for an index already known to be in range: the one-char `str`.
pub fn item(d: &StrData, i: usize) -> Option<Value> {
    d.text.char_at(i).map(from_code_point)
}

/// The Python exception for a failed text operation.
pub fn text_error(e: TextError) -> PyErr {
    let message = e.to_string();
    let exc = &rt().exc;
    match e {
        TextError::Value(_) => exc::value_error(message),
        TextError::Overflow(_) => exc::overflow_error(message),
        TextError::Memory => exc::memory_error(""),
        TextError::Lookup(_) => exc::with_msg(&exc.lookup_error, message),
        TextError::Type(_) => exc::type_error(message),
        TextError::Encode(_) => exc::with_msg(&exc.unicode_encode_error, message),
        TextError::Decode(_) => exc::with_msg(&exc.unicode_decode_error, message),
    }
}

/// `isinstance(v, str)`.
pub fn is_str(v: &Value) -> bool {
    is_instance(v, &rt().types.str)
}
