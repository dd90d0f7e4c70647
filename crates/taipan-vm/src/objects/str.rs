//! `str`: the payload (`StrData`), constructors, interning, and the method
//! table. Storage is a stand-in (Rust `String` with an ASCII flag for O(1)
//! indexing) until the `text` building block (PEP 393 code-point storage,
//! lone surrogates allowed) replaces it behind the same functions.

use super::{check_args, m, mk, new_method, split_kwargs, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::types::{is_instance, type_name};
use crate::value::Value;
use std::cell::Cell;

/// The payload of a `str`.
pub struct StrData {
    pub s: String,
    pub ascii: bool,
    /// Cached hash (-1 until computed).
    pub hash: Cell<i64>,
}

impl StrData {
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.s.len()
        } else {
            self.s.chars().count()
        }
    }
}

/// A new `str`.
pub fn new(s: &str) -> Value {
    from_string(s.to_string())
}

/// A new `str` owning `s`.
pub fn from_string(s: String) -> Value {
    let ascii = s.is_ascii();
    crate::heap::alloc(&rt().types.str, StrData { s, ascii, hash: Cell::new(-1) })
}

/// The interned `str` for `s` (names, attribute keys).
pub fn intern(s: &str) -> Value {
    let r = rt();
    if let Some(v) = r.interned.borrow().get(s) {
        return v.clone();
    }
    let v = new(s);
    crate::runtime::make_immortal(&v);
    r.interned.borrow_mut().insert(s.to_string(), v.clone());
    v
}

/// The text of a `str` (or str subclass instance).
#[inline]
pub fn as_str(v: &Value) -> Option<&str> {
    v.downcast::<StrData>().map(|d| d.s.as_str())
}

/// The payload of a `str` value.
pub fn data(v: &Value) -> Option<&StrData> {
    v.downcast::<StrData>()
}

/// Whether `v` is exactly a `str` (not a subclass).
pub fn is_exact(v: &Value) -> bool {
    v.header().is_some_and(|h| h.ty.get() == rt().types.str.as_ptr())
}

/// The `str` hash (SipHash-1-3 stand-in, cached; never -1).
pub fn hash_of(d: &StrData) -> i64 {
    let h = d.hash.get();
    if h != -1 {
        return h;
    }
    let h = crate::hashing::hash_str(&d.s);
    d.hash.set(h);
    h
}

fn this(args: &[Value]) -> PyResult<&str> {
    args.first().and_then(as_str).ok_or_else(|| exc::type_error("descriptor requires a 'str' object"))
}

fn arg_str<'a>(v: &'a Value, what: &str) -> PyResult<&'a str> {
    as_str(v).ok_or_else(|| exc::type_error(format!("{what} must be str, not {}", type_name(v))))
}

/// The char index `i` → byte offset (clamped to the end).
pub fn byte_offset(s: &str, ascii: bool, i: usize) -> usize {
    if ascii {
        i.min(s.len())
    } else {
        s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(s.len())
    }
}

/// `s[i]` for a normalised index.
pub fn char_at(d: &StrData, i: usize) -> Option<char> {
    if d.ascii {
        d.s.as_bytes().get(i).map(|&b| b as char)
    } else {
        d.s.chars().nth(i)
    }
}

pub const METHODS: &[Method] = &[
    new_method(str_new),
    m("__len__", str_len),
    m("__hash__", str_hash),
    m("__repr__", str_repr),
    m("__str__", str_str),
    m("__eq__", str_eq),
    m("__ne__", str_ne),
    m("__lt__", str_lt),
    m("__le__", str_le),
    m("__gt__", str_gt),
    m("__ge__", str_ge),
    m("__add__", str_add),
    m("__mul__", str_mul),
    m("__rmul__", str_mul),
    m("__mod__", str_mod),
    m("__contains__", str_contains),
    m("__getitem__", str_getitem),
    m("__iter__", str_iter),
    m("__format__", str_format_spec),
    m("join", str_join),
    mk("split", str_split),
    mk("rsplit", str_rsplit),
    m("strip", str_strip),
    m("lstrip", str_lstrip),
    m("rstrip", str_rstrip),
    m("startswith", str_startswith),
    m("endswith", str_endswith),
    m("replace", str_replace),
    m("find", str_find),
    m("rfind", str_rfind),
    m("index", str_index),
    m("rindex", str_rindex),
    m("count", str_count),
    m("upper", str_upper),
    m("lower", str_lower),
    m("title", str_title),
    m("capitalize", str_capitalize),
    m("swapcase", str_swapcase),
    m("isdigit", str_isdigit),
    m("isdecimal", str_isdigit),
    m("isnumeric", str_isnumeric),
    m("isalpha", str_isalpha),
    m("isalnum", str_isalnum),
    m("isspace", str_isspace),
    m("isupper", str_isupper),
    m("islower", str_islower),
    m("isidentifier", str_isidentifier),
    m("isascii", str_isascii),
    m("zfill", str_zfill),
    m("center", str_center),
    m("ljust", str_ljust),
    m("rjust", str_rjust),
    m("partition", str_partition),
    m("rpartition", str_rpartition),
    mk("splitlines", str_splitlines),
    mk("format", str_format),
    m("encode", str_encode),
    m("expandtabs", str_expandtabs),
];

fn str_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if !kws.is_empty() {
        return Err(exc::type_error("str() keyword arguments are not supported yet"));
    }
    check_args("str", pos, 1, 2)?;
    let s = match pos.get(1) {
        None => new(""),
        Some(v) => ops::str_(v)?,
    };
    if pos[0].is(&rt().types.str) {
        return Ok(s);
    }
    let text = as_str(&s).unwrap_or("").to_string();
    let ascii = text.is_ascii();
    super::object::alloc_subclass(&pos[0], StrData { s: text, ascii, hash: Cell::new(-1) })
}

fn str_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__len__", args, 1, 1)?;
    Ok(super::int::from_usize(data(&args[0]).map(|d| d.char_len()).unwrap_or(0)))
}

fn str_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = data(&args[0]).ok_or_else(|| exc::type_error("expected str"))?;
    Ok(super::int::from_i64(hash_of(d)))
}

fn str_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(from_string(taipan_repr::str_repr(this(args)?.as_bytes())))
}

fn str_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if is_exact(&args[0]) {
        return Ok(args[0].clone());
    }
    Ok(new(this(args)?))
}

fn compare(args: &[Value], f: fn(&str, &str) -> bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(args)?;
    match as_str(&args[1]) {
        Some(b) => Ok(rt().bool_value(f(a, b))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn str_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |a, b| a == b)
}
fn str_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |a, b| a != b)
}
fn str_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |a, b| a < b)
}
fn str_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |a, b| a <= b)
}
fn str_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |a, b| a > b)
}
fn str_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |a, b| a >= b)
}

fn str_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let a = this(args)?;
    match as_str(&args[1]) {
        Some(b) => {
            let mut s = String::with_capacity(a.len() + b.len());
            s.push_str(a);
            s.push_str(b);
            Ok(from_string(s))
        }
        None => Ok(rt().not_implemented.clone()),
    }
}

fn str_mul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mul__", args, 2, 2)?;
    let a = this(args)?;
    let Some(n) = super::int::index_value(&args[1])? else {
        return Ok(rt().not_implemented.clone());
    };
    let n = n.max(0) as usize;
    if a.len().checked_mul(n).is_none_or(|total| total > isize::MAX as usize / 2) {
        return Err(exc::memory_error(""));
    }
    Ok(from_string(a.repeat(n)))
}

fn str_mod(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mod__", args, 2, 2)?;
    crate::format::percent_format(this(args)?, &args[1])
}

fn str_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let needle = as_str(&args[1]).ok_or_else(|| {
        exc::type_error(format!("'in <string>' requires string as left operand, not {}", type_name(&args[1])))
    })?;
    Ok(rt().bool_value(this(args)?.contains(needle)))
}

fn str_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let d = data(&args[0]).ok_or_else(|| exc::type_error("expected str"))?;
    if let Some(sl) = args[1].downcast::<super::slice::SliceData>() {
        let len = d.char_len();
        let (start, stop, step) = sl.indices(len)?;
        let chars: Vec<char> = if d.ascii { Vec::new() } else { d.s.chars().collect() };
        let mut out = String::new();
        for i in super::slice::range_indices(start, stop, step) {
            out.push(if d.ascii { d.s.as_bytes()[i] as char } else { chars[i] });
        }
        return Ok(from_string(out));
    }
    let i = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("string indices must be integers, not '{}'", type_name(&args[1])))
    })?;
    let len = d.char_len() as i64;
    let idx = if i < 0 { i + len } else { i };
    if idx < 0 || idx >= len {
        return Err(exc::index_error("string index out of range"));
    }
    let c = char_at(d, idx as usize).unwrap_or('\0');
    Ok(from_string(c.to_string()))
}

fn str_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::iter::new_seq_iter(&rt().types.str_iterator, args[0].clone()))
}

fn str_format_spec(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__format__", args, 2, 2)?;
    let spec = arg_str(&args[1], "format spec")?;
    crate::format::format_str(this(args)?, spec)
}

fn str_join(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("join", args, 2, 2)?;
    let sep = this(args)?;
    let items = ops::collect(&args[1])?;
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        let s = as_str(item).ok_or_else(|| {
            exc::type_error(format!("sequence item {i}: expected str instance, {} found", type_name(item)))
        })?;
        out.push_str(s);
    }
    Ok(from_string(out))
}

fn split_args(name: &str, args: &[Value], kwnames: &[Value]) -> PyResult<(Option<Value>, i64)> {
    let (pos, kws) = split_kwargs(args, kwnames);
    check_args(name, pos, 1, 3)?;
    let mut sep = pos.get(1).cloned();
    let mut maxsplit = pos.get(2).cloned();
    for (k, v) in kws {
        match k {
            "sep" => sep = Some(v.clone()),
            "maxsplit" => maxsplit = Some(v.clone()),
            _ => return Err(exc::type_error(format!("{name}() got an unexpected keyword argument '{k}'"))),
        }
    }
    let sep = match sep {
        Some(v) if !v.is(&rt().none) => {
            let Some(text) = as_str(&v) else {
                return Err(exc::type_error(format!("must be str or None, not {}", type_name(&v))));
            };
            if text.is_empty() {
                return Err(exc::value_error("empty separator"));
            }
            Some(v)
        }
        _ => None,
    };
    let maxsplit = match maxsplit {
        Some(v) => super::int::index_value(&v)?.ok_or_else(|| exc::type_error("integer expected"))?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn str_split(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (sep_v, maxsplit) = split_args("split", args, kwnames)?;
    let sep = sep_v.as_ref().and_then(as_str);
    let s = this(args)?;
    let parts: Vec<&str> = match (sep, maxsplit) {
        (None, n) => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if n >= 0 && out.len() as i64 == n {
                    out.push(rest);
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(&rest[..end]);
                rest = rest[end..].trim_start();
            }
            out
        }
        (Some(sep), n) if n < 0 => s.split(sep).collect(),
        (Some(sep), n) => s.splitn(n as usize + 1, sep).collect(),
    };
    Ok(super::list::new(parts.into_iter().map(new).collect()))
}

fn str_rsplit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (sep_v, maxsplit) = split_args("rsplit", args, kwnames)?;
    let sep = sep_v.as_ref().and_then(as_str);
    let s = this(args)?;
    let mut parts: Vec<&str> = match (sep, maxsplit) {
        (None, n) => {
            let mut out = Vec::new();
            let mut rest = s.trim_end();
            while !rest.is_empty() {
                if n >= 0 && out.len() as i64 == n {
                    out.push(rest);
                    break;
                }
                let start = rest
                    .rfind(char::is_whitespace)
                    .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                out.push(&rest[start..]);
                rest = rest[..start].trim_end();
            }
            out
        }
        (Some(sep), n) if n < 0 => s.rsplit(sep).collect(),
        (Some(sep), n) => s.rsplitn(n as usize + 1, sep).collect(),
    };
    parts.reverse();
    Ok(super::list::new(parts.into_iter().map(new).collect()))
}

fn strip_chars<'a>(args: &'a [Value], name: &str) -> PyResult<Option<&'a str>> {
    check_args(name, args, 1, 2)?;
    match args.get(1) {
        None => Ok(None),
        Some(v) if v.is(&rt().none) => Ok(None),
        Some(v) => {
            Ok(Some(as_str(v).ok_or_else(|| exc::type_error(format!("{name} arg must be None or str")))?))
        }
    }
}

fn str_strip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args)?;
    Ok(new(match strip_chars(args, "strip")? {
        None => s.trim(),
        Some(cs) => s.trim_matches(|c| cs.contains(c)),
    }))
}

fn str_lstrip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args)?;
    Ok(new(match strip_chars(args, "lstrip")? {
        None => s.trim_start(),
        Some(cs) => s.trim_start_matches(|c| cs.contains(c)),
    }))
}

fn str_rstrip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args)?;
    Ok(new(match strip_chars(args, "rstrip")? {
        None => s.trim_end(),
        Some(cs) => s.trim_end_matches(|c| cs.contains(c)),
    }))
}

fn affix_test(args: &[Value], name: &str, f: fn(&str, &str) -> bool) -> PyResult<Value> {
    check_args(name, args, 2, 4)?;
    let s = this(args)?;
    let (start, end) = char_range(s, args.get(2), args.get(3))?;
    let s = &s[start..end];
    if let Some(t) = args[1].downcast::<super::tuple::TupleData>() {
        for item in t.items.iter() {
            if f(s, arg_str(item, "tuple for startswith")?) {
                return Ok(rt().true_.clone());
            }
        }
        return Ok(rt().false_.clone());
    }
    let p = as_str(&args[1]).ok_or_else(|| {
        exc::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(&args[1])
        ))
    })?;
    Ok(rt().bool_value(f(s, p)))
}

/// The byte range of the char slice `[start:end]` (optional None-able args).
fn char_range(s: &str, start: Option<&Value>, end: Option<&Value>) -> PyResult<(usize, usize)> {
    let len = s.chars().count() as i64;
    let norm = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None => Ok(default),
            Some(v) if v.is(&rt().none) => Ok(default),
            Some(v) => {
                let i = super::int::index_value(v)?.ok_or_else(|| {
                    exc::type_error("slice indices must be integers or None or have an __index__ method")
                })?;
                Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
            }
        }
    };
    let a = norm(start, 0)?;
    let b = norm(end, len)?.max(a);
    let ascii = s.is_ascii();
    Ok((byte_offset(s, ascii, a as usize), byte_offset(s, ascii, b as usize)))
}

fn str_startswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix_test(args, "startswith", |s, p| s.starts_with(p))
}

fn str_endswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix_test(args, "endswith", |s, p| s.ends_with(p))
}

fn str_replace(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("replace", args, 3, 4)?;
    let s = this(args)?;
    let old = arg_str(&args[1], "replace() argument 1")?;
    let new_s = arg_str(&args[2], "replace() argument 2")?;
    let count = match args.get(3) {
        Some(v) => super::int::index_value(v)?.unwrap_or(-1),
        None => -1,
    };
    Ok(from_string(if count < 0 { s.replace(old, new_s) } else { s.replacen(old, new_s, count as usize) }))
}

fn char_index_of(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

fn find_impl(args: &[Value], name: &str, reverse: bool) -> PyResult<i64> {
    check_args(name, args, 2, 4)?;
    let s = this(args)?;
    let sub = arg_str(&args[1], "must be str, not")?;
    let (a, b) = char_range(s, args.get(2), args.get(3))?;
    let hay = &s[a..b];
    let found = if reverse { hay.rfind(sub) } else { hay.find(sub) };
    Ok(match found {
        Some(i) => char_index_of(s, a + i) as i64,
        None => -1,
    })
}

fn str_find(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(find_impl(args, "find", false)?))
}

fn str_rfind(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(find_impl(args, "rfind", true)?))
}

fn str_index(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match find_impl(args, "index", false)? {
        -1 => Err(exc::value_error("substring not found")),
        i => Ok(super::int::from_i64(i)),
    }
}

fn str_rindex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match find_impl(args, "rindex", true)? {
        -1 => Err(exc::value_error("substring not found")),
        i => Ok(super::int::from_i64(i)),
    }
}

fn str_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("count", args, 2, 4)?;
    let s = this(args)?;
    let sub = arg_str(&args[1], "must be str, not")?;
    let (a, b) = char_range(s, args.get(2), args.get(3))?;
    let hay = &s[a..b];
    let n = if sub.is_empty() { hay.chars().count() + 1 } else { hay.matches(sub).count() };
    Ok(super::int::from_usize(n))
}

fn map_str(args: &[Value], f: fn(&str) -> String) -> PyResult<Value> {
    check_args("method", args, 1, 1)?;
    Ok(from_string(f(this(args)?)))
}

fn str_upper(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_str(args, |s| s.to_uppercase())
}
fn str_lower(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_str(args, |s| s.to_lowercase())
}
fn str_swapcase(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_str(args, |s| {
        s.chars()
            .map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<String>()
                } else {
                    c.to_uppercase().collect()
                }
            })
            .collect()
    })
}
fn str_title(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_str(args, |s| {
        let mut out = String::new();
        let mut prev_cased = false;
        for c in s.chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = c.is_alphabetic();
        }
        out
    })
}
fn str_capitalize(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_str(args, |s| {
        let mut cs = s.chars();
        match cs.next() {
            Some(c) => c.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect(),
            None => String::new(),
        }
    })
}

fn test_chars(args: &[Value], f: fn(char) -> bool) -> PyResult<Value> {
    check_args("method", args, 1, 1)?;
    let s = this(args)?;
    Ok(rt().bool_value(!s.is_empty() && s.chars().all(f)))
}

fn str_isdigit(args: &[Value], _: &[Value]) -> PyResult<Value> {
    test_chars(args, |c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()))
}
fn str_isnumeric(args: &[Value], _: &[Value]) -> PyResult<Value> {
    test_chars(args, char::is_numeric)
}
fn str_isalpha(args: &[Value], _: &[Value]) -> PyResult<Value> {
    test_chars(args, char::is_alphabetic)
}
fn str_isalnum(args: &[Value], _: &[Value]) -> PyResult<Value> {
    test_chars(args, char::is_alphanumeric)
}
fn str_isspace(args: &[Value], _: &[Value]) -> PyResult<Value> {
    test_chars(args, char::is_whitespace)
}
fn str_isascii(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(rt().bool_value(this(args)?.is_ascii()))
}
fn str_isupper(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args)?;
    Ok(rt().bool_value(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)))
}
fn str_islower(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args)?;
    Ok(rt().bool_value(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)))
}
fn str_isidentifier(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(args)?;
    let mut cs = s.chars();
    let ok = match cs.next() {
        Some(c) => (c == '_' || c.is_alphabetic()) && cs.all(|c| c == '_' || c.is_alphanumeric()),
        None => false,
    };
    Ok(rt().bool_value(ok))
}

fn width_arg(args: &[Value], name: &str) -> PyResult<(usize, char)> {
    check_args(name, args, 2, 3)?;
    let w = super::int::index_value(&args[1])?.ok_or_else(|| exc::type_error("integer argument expected"))?;
    let fill = match args.get(2) {
        None => ' ',
        Some(v) => {
            let f = arg_str(v, "fill character")?;
            let mut cs = f.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => return Err(exc::type_error("The fill character must be exactly one character long")),
            }
        }
    };
    Ok((w.max(0) as usize, fill))
}

fn pad(s: &str, left: usize, right: usize, fill: char) -> Value {
    let mut out = String::new();
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    from_string(out)
}

fn str_center(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (w, fill) = width_arg(args, "center")?;
    let s = this(args)?;
    let n = s.chars().count();
    if w <= n {
        return Ok(new(s));
    }
    let marg = w - n;
    let left = marg / 2 + (marg & w & 1);
    Ok(pad(s, left, marg - left, fill))
}
fn str_ljust(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (w, fill) = width_arg(args, "ljust")?;
    let s = this(args)?;
    let n = s.chars().count();
    Ok(pad(s, 0, w.saturating_sub(n), fill))
}
fn str_rjust(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (w, fill) = width_arg(args, "rjust")?;
    let s = this(args)?;
    let n = s.chars().count();
    Ok(pad(s, w.saturating_sub(n), 0, fill))
}
fn str_zfill(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("zfill", args, 2, 2)?;
    let s = this(args)?;
    let w = super::int::index_value(&args[1])?.unwrap_or(0).max(0) as usize;
    let n = s.chars().count();
    if w <= n {
        return Ok(new(s));
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), s),
    };
    Ok(from_string(format!("{sign}{}{rest}", "0".repeat(w - n))))
}

fn str_partition(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("partition", args, 2, 2)?;
    let s = this(args)?;
    let sep = arg_str(&args[1], "must be str, not")?;
    if sep.is_empty() {
        return Err(exc::value_error("empty separator"));
    }
    Ok(match s.find(sep) {
        Some(i) => super::tuple::new(vec![new(&s[..i]), new(sep), new(&s[i + sep.len()..])]),
        None => super::tuple::new(vec![new(s), new(""), new("")]),
    })
}

fn str_rpartition(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("rpartition", args, 2, 2)?;
    let s = this(args)?;
    let sep = arg_str(&args[1], "must be str, not")?;
    if sep.is_empty() {
        return Err(exc::value_error("empty separator"));
    }
    Ok(match s.rfind(sep) {
        Some(i) => super::tuple::new(vec![new(&s[..i]), new(sep), new(&s[i + sep.len()..])]),
        None => super::tuple::new(vec![new(""), new(""), new(s)]),
    })
}

fn str_splitlines(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut keep = pos.get(1).map(ops::truthy).transpose()?.unwrap_or(false);
    for (k, v) in kws {
        if k == "keepends" {
            keep = ops::truthy(v)?;
        }
    }
    let s = this(args)?;
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (b, c) = bytes[i];
        if matches!(
            c,
            '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
        ) {
            let mut end = b + c.len_utf8();
            if c == '\r' && bytes.get(i + 1).map(|x| x.1) == Some('\n') {
                end += 1;
                i += 1;
            }
            out.push(new(if keep { &s[start..end] } else { &s[start..b] }));
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        out.push(new(&s[start..]));
    }
    Ok(super::list::new(out))
}

fn str_format(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    crate::format::str_format(this(args)?, &pos[1..], &kws)
}

fn str_encode(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let _ = this(args)?;
    Err(exc::not_implemented_error("str.encode is not implemented yet"))
}

fn str_expandtabs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("expandtabs", args, 1, 2)?;
    let s = this(args)?;
    let size = match args.get(1) {
        Some(v) => super::int::index_value(v)?.unwrap_or(8),
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(from_string(out))
}

/// `isinstance(v, str)`.
pub fn is_str(v: &Value) -> bool {
    is_instance(v, &rt().types.str)
}
