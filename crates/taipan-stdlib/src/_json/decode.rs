//! The decoding half of `_json`: `scanstring` and the `Scanner` type
//! (`make_scanner(context)`, called as `scan_once(string, idx)` by
//! `json.decoder.JSONDecoder.raw_decode`). A recursive-descent parser over
//! the string's units; nothing matching at a position raises
//! `StopIteration(idx)` (which `raw_decode` turns into "Expecting value"),
//! everything else raises `JSONDecodeError` with `_json.c`'s message and
//! position. Object keys without escapes are shared within one call (the
//! C scanner's memo), keyed by their raw units.

use super::{nested, str_arg, with_cps, Cp};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use taipan_vm::exceptions::{self as exc, PyErr, PyResult};
use taipan_vm::modules::native::{self, BASETYPE};
use taipan_vm::objects::{dict, int, list, mk, new_method, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::text::{Str, StrBuilder};
use taipan_vm::types::type_name;
use taipan_vm::{call, ops, Value};

/// The payload of a `_json.Scanner`: the decoder's settings, read from
/// the context object once.
pub struct ScannerData {
    strict: bool,
    object_hook: Value,
    object_pairs_hook: Value,
    parse_float: Value,
    parse_int: Value,
    parse_constant: Value,
}

taipan_vm::interp_static! {
    static TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// The `_json.Scanner` type (the module's `make_scanner`).
pub fn scanner_type() -> Value {
    TYPE.with(|t| {
        t.get_or_init(|| {
            native::new_type::<ScannerData>(
                "Scanner",
                "_json",
                &rt().types.object,
                BASETYPE,
                METHODS,
                GETSETS,
            )
        })
        .clone()
    })
}

const METHODS: &[Method] = &[new_method(scanner_new), mk("__call__", scanner_call)];

type Getset = (&'static str, taipan_vm::objects::Getter, Option<taipan_vm::objects::Setter>);

const GETSETS: &[Getset] = &[
    ("strict", |v| Ok(native::boolean(this(v)?.strict)), None),
    ("object_hook", |v| Ok(this(v)?.object_hook.clone()), None),
    ("object_pairs_hook", |v| Ok(this(v)?.object_pairs_hook.clone()), None),
    ("parse_float", |v| Ok(this(v)?.parse_float.clone()), None),
    ("parse_int", |v| Ok(this(v)?.parse_int.clone()), None),
    ("parse_constant", |v| Ok(this(v)?.parse_constant.clone()), None),
];

fn this(v: &Value) -> PyResult<&ScannerData> {
    v.downcast::<ScannerData>().ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a '_json.Scanner' object but received '{}'",
            type_name(v)
        ))
    })
}

/// `make_scanner(context)`: the settings come from the context's
/// attributes (a `JSONDecoder`).
fn scanner_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = native::bind("make_scanner", &args[1..], kwnames, &["context"], 1)?;
    let ctx = a[0].clone().unwrap_or_else(native::none);
    let get = |name| taipan_vm::attr::getattr_str(&ctx, name);
    let strict = ops::truthy(&get("strict")?)?;
    let data = ScannerData {
        strict,
        object_hook: get("object_hook")?,
        object_pairs_hook: get("object_pairs_hook")?,
        parse_float: get("parse_float")?,
        parse_int: get("parse_int")?,
        parse_constant: get("parse_constant")?,
    };
    taipan_vm::objects::object::alloc_subclass(&args[0], data)
}

/// `scanner(string, idx)`: `(value, end)` for the JSON value at `idx`.
fn scanner_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let sc = this(&args[0])?;
    let a = native::bind("scan_once", &args[1..], kwnames, &["string", "idx"], 2)?;
    let (s, idx) = (a[0].clone().unwrap_or_else(native::none), a[1].clone().unwrap_or_else(native::none));
    let text = str_arg(&s)?;
    let idx = native::int_arg(&idx, "")?;
    if idx < 0 {
        return Err(exc::value_error("idx cannot be negative"));
    }
    let (v, end) = with_cps!(text, u => Parser::new(sc, text, u, &s).value(idx as usize)?);
    Ok(tuple::new(vec![v, int::from_usize(end)]))
}

/// `scanstring(string, end, strict=True)`: `(str, end)` for the string
/// whose opening quote is just before `end`.
pub fn scanstring(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("scanstring() takes no keyword arguments"));
    }
    let args = &args[1..];
    if args.len() < 2 || args.len() > 3 {
        let (what, n) = if args.len() < 2 { ("at least", 2) } else { ("at most", 3) };
        return Err(exc::type_error(format!(
            "scanstring() takes {what} {n} arguments ({} given)",
            args.len()
        )));
    }
    let end = native::int_arg(&args[1], "")?;
    let strict = match args.get(2) {
        Some(v) => ops::truthy(v)?,
        None => true,
    };
    let text = str_arg(&args[0])?;
    if end < 0 || end as usize > text.len() {
        return Err(exc::value_error("end is out of bounds"));
    }
    let (s, next) = with_cps!(text, u => scan_string(text, u, &args[0], end as usize, strict)?);
    Ok(tuple::new(vec![pystr::from_text(s), int::from_usize(next)]))
}

// ---- errors ----

/// `json.decoder.JSONDecodeError(msg, doc, pos)`.
fn decode_error(msg: &str, doc: &Value, pos: isize) -> PyErr {
    super::either((|| {
        let module = taipan_vm::import::import_absolute("json.decoder")?;
        let cls = taipan_vm::attr::getattr_str(&module, "JSONDecodeError")?;
        let e = call::call(&cls, &[pystr::new(msg), doc.clone(), int::from_i64(pos as i64)], &[])?;
        Ok(PyErr(e))
    })())
}

fn stop(idx: usize) -> PyErr {
    exc::stop_iteration(int::from_usize(idx))
}

// ---- strings ----

#[inline(always)]
fn is_ws(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0a | 0x0d)
}

/// The value of 4 hex digits at `at`, if they are.
fn hex4<T: Cp>(u: &[T], at: usize) -> Option<u32> {
    let mut v = 0;
    for unit in u.get(at..at + 4)? {
        v = v << 4 | char::from_u32(unit.cp())?.to_digit(16)?;
    }
    Some(v)
}

/// One backslash escape other than `\u`.
fn simple_escape(c: u32) -> Option<u32> {
    Some(match char::from_u32(c)? {
        '"' => '"' as u32,
        '\\' => '\\' as u32,
        '/' => '/' as u32,
        'b' => 8,
        'f' => 12,
        'n' => 10,
        'r' => 13,
        't' => 9,
        _ => return None,
    })
}

/// Where the unescaped run from `from` stops: at a quote or backslash
/// (`Ok`), or the end of the text (`Err`); a control character there is an
/// error when `strict`.
#[inline(always)]
fn run_end<T: Cp>(u: &[T], doc: &Value, from: usize, strict: bool) -> PyResult<Option<usize>> {
    for (i, unit) in u[from..].iter().enumerate() {
        let c = unit.cp();
        if c == '"' as u32 || c == '\\' as u32 {
            return Ok(Some(from + i));
        }
        if c <= 0x1f && strict {
            return Err(decode_error("Invalid control character at", doc, (from + i) as isize));
        }
    }
    Ok(None)
}

/// The string whose opening quote is at `end - 1`: its value and the index
/// after its closing quote (`scanstring_unicode`).
fn scan_string<T: Cp>(text: &Str, u: &[T], doc: &Value, end: usize, strict: bool) -> PyResult<(Str, usize)> {
    let begin = end as isize - 1;
    let unterminated = || decode_error("Unterminated string starting at", doc, begin);
    let mut out: Option<StrBuilder> = None;
    let mut end = end;
    loop {
        let Some(next) = run_end(u, doc, end, strict)? else {
            return Err(unterminated());
        };
        let quote = u[next].cp() == '"' as u32;
        if quote && out.is_none() {
            return Ok((text.substring(end, next), next + 1));
        }
        let b = out.get_or_insert_with(StrBuilder::new);
        b.push_range(text, end, next);
        if quote {
            return Ok((out.unwrap_or_default().finish(), next + 1));
        }
        let esc = next + 1;
        let Some(c) = u.get(esc).map(|c| c.cp()) else {
            return Err(unterminated());
        };
        if c != 'u' as u32 {
            end = esc + 1;
            let ch =
                simple_escape(c).ok_or_else(|| decode_error("Invalid \\escape", doc, esc as isize - 1))?;
            b.push(ch);
            continue;
        }
        let (ch, after) = unicode_escape(u, doc, esc + 1)?;
        b.push(ch);
        end = after;
    }
}

/// A `\uXXXX` escape whose digits start at `at` (a surrogate pair when a
/// high surrogate is followed by `\u` and a low one): the code point and
/// the index after the escape.
fn unicode_escape<T: Cp>(u: &[T], doc: &Value, at: usize) -> PyResult<(u32, usize)> {
    let bad = |pos: usize| decode_error("Invalid \\uXXXX escape", doc, pos as isize);
    let end = at + 4;
    if end >= u.len() {
        return Err(bad(at - 1));
    }
    let c = hex4(u, at).ok_or_else(|| bad(at - 1))?;
    let pair_follows = (0xd800..0xdc00).contains(&c)
        && end + 6 < u.len()
        && u[end].cp() == '\\' as u32
        && u[end + 1].cp() == 'u' as u32;
    if !pair_follows {
        return Ok((c, end));
    }
    let c2 = hex4(u, end + 2).ok_or_else(|| bad(end + 1))?;
    if (0xdc00..0xe000).contains(&c2) {
        return Ok((0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00)), end + 6));
    }
    Ok((c, end))
}

// ---- values ----

/// A fast hasher for the memo's raw keys (lives one call; keys are short).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// One `scan_once` call over one string.
struct Parser<'a, T> {
    sc: &'a ScannerData,
    text: &'a Str,
    u: &'a [T],
    doc: &'a Value,
    /// Object keys seen so far, by their raw units (keys without escapes).
    memo: HashMap<&'a [T], Value, BuildHasherDefault<FxHasher>>,
}

impl<'a, T: Cp + Eq + std::hash::Hash> Parser<'a, T> {
    fn new(sc: &'a ScannerData, text: &'a Str, u: &'a [T], doc: &'a Value) -> Self {
        Parser { sc, text, u, doc, memo: HashMap::default() }
    }

    fn at(&self, i: usize) -> u32 {
        self.u.get(i).map_or(0xffff_ffff, |c| c.cp())
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.u.len() && is_ws(self.u[i].cp()) {
            i += 1;
        }
        i
    }

    /// Whether `word` (ASCII) is at `i`.
    fn word_at(&self, i: usize, word: &str) -> bool {
        let w = word.as_bytes();
        self.u.get(i..i + w.len()).is_some_and(|s| s.iter().zip(w).all(|(a, &b)| a.cp() == b as u32))
    }

    fn err(&self, msg: &str, pos: usize) -> PyErr {
        decode_error(msg, self.doc, pos as isize)
    }

    /// The JSON value at `idx` and the index after it (`scan_once_unicode`).
    fn value(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let len = self.u.len();
        if idx >= len {
            return Err(stop(idx));
        }
        let r = rt();
        match char::from_u32(self.u[idx].cp()).unwrap_or('\0') {
            '"' => {
                let (s, end) = scan_string(self.text, self.u, self.doc, idx + 1, self.sc.strict)?;
                return Ok((pystr::from_text(s), end));
            }
            '{' => {
                return nested(" while decoding a JSON object from a unicode string", || self.object(idx + 1))
            }
            '[' => {
                return nested(" while decoding a JSON array from a unicode string", || self.array(idx + 1))
            }
            'n' if self.word_at(idx + 1, "ull") => return Ok((r.none.clone(), idx + 4)),
            't' if self.word_at(idx + 1, "rue") => return Ok((r.true_.clone(), idx + 4)),
            'f' if self.word_at(idx + 1, "alse") => return Ok((r.false_.clone(), idx + 5)),
            'N' if self.word_at(idx + 1, "aN") => return self.constant("NaN", idx),
            'I' if self.word_at(idx + 1, "nfinity") => return self.constant("Infinity", idx),
            '-' if self.word_at(idx + 1, "Infinity") => return self.constant("-Infinity", idx),
            _ => {}
        }
        self.number(idx)
    }

    /// `parse_constant(name)` for NaN and the infinities.
    fn constant(&self, name: &str, idx: usize) -> PyResult<(Value, usize)> {
        let v = call::call(&self.sc.parse_constant, &[pystr::intern(name)], &[])?;
        Ok((v, idx + name.len()))
    }

    /// An object whose `{` is just before `idx` (`_parse_object_unicode`).
    fn object(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let pairs_hook = !self.sc.object_pairs_hook.is(&rt().none);
        let mut pairs: Vec<Value> = Vec::new();
        let d = if pairs_hook { Value::NULL } else { dict::new_dict() };
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != '}' as u32 {
            loop {
                if self.at(idx) != '"' as u32 {
                    return Err(self.err("Expecting property name enclosed in double quotes", idx));
                }
                let (key, after) = self.key(idx + 1)?;
                idx = self.skip_ws(after);
                if self.at(idx) != ':' as u32 {
                    return Err(self.err("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                let (val, after) = self.value(idx)?;
                if pairs_hook {
                    pairs.push(tuple::new(vec![key, val]));
                } else if let Some(dd) = dict::data(&d) {
                    dd.set(key, val)?;
                }
                idx = self.skip_ws(after);
                if self.at(idx) == '}' as u32 {
                    break;
                }
                if self.at(idx) != ',' as u32 {
                    return Err(self.err("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        let end = idx + 1;
        if pairs_hook {
            return Ok((call::call(&self.sc.object_pairs_hook, &[list::new(pairs)], &[])?, end));
        }
        if !self.sc.object_hook.is(&rt().none) {
            return Ok((call::call(&self.sc.object_hook, &[d], &[])?, end));
        }
        Ok((d, end))
    }

    /// An object key whose opening quote is just before `idx`: keys
    /// without escapes come from the memo.
    fn key(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let strict = self.sc.strict;
        if let Some(close) = run_end(self.u, self.doc, idx, strict)? {
            if self.u[close].cp() == '"' as u32 {
                let raw = &self.u[idx..close];
                if let Some(k) = self.memo.get(raw) {
                    return Ok((k.clone(), close + 1));
                }
                let k = pystr::from_text(self.text.substring(idx, close));
                self.memo.insert(raw, k.clone());
                return Ok((k, close + 1));
            }
        }
        let (s, end) = scan_string(self.text, self.u, self.doc, idx, strict)?;
        Ok((pystr::from_text(s), end))
    }

    /// An array whose `[` is just before `idx` (`_parse_array_unicode`).
    fn array(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let mut items = Vec::new();
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != ']' as u32 {
            loop {
                let (val, after) = self.value(idx)?;
                items.push(val);
                idx = self.skip_ws(after);
                if self.at(idx) == ']' as u32 {
                    break;
                }
                if self.at(idx) != ',' as u32 {
                    return Err(self.err("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((list::new(items), idx + 1))
    }

    fn is_digit(&self, i: usize) -> bool {
        (b'0' as u32..=b'9' as u32).contains(&self.at(i))
    }

    /// A number at `start` (`_match_number_unicode`): an int unless it has
    /// a fraction or an exponent.
    fn number(&self, start: usize) -> PyResult<(Value, usize)> {
        let len = self.u.len();
        let mut idx = start;
        if self.at(idx) == '-' as u32 {
            idx += 1;
            if idx >= len {
                return Err(stop(start));
            }
        }
        match self.at(idx) {
            c if (b'1' as u32..=b'9' as u32).contains(&c) => {
                idx += 1;
                while self.is_digit(idx) {
                    idx += 1;
                }
            }
            c if c == '0' as u32 => idx += 1,
            _ => return Err(stop(start)),
        }
        let mut is_float = false;
        if idx + 1 < len && self.at(idx) == '.' as u32 && self.is_digit(idx + 1) {
            is_float = true;
            idx += 2;
            while self.is_digit(idx) {
                idx += 1;
            }
        }
        if idx + 1 < len && (self.at(idx) == 'e' as u32 || self.at(idx) == 'E' as u32) {
            let e_start = idx;
            idx += 1;
            if idx + 1 < len && (self.at(idx) == '-' as u32 || self.at(idx) == '+' as u32) {
                idx += 1;
            }
            while self.is_digit(idx) {
                idx += 1;
            }
            if self.is_digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        Ok((self.number_value(start, idx, is_float)?, idx))
    }

    /// The value of the number text `start..end`: through `parse_float` or
    /// `parse_int` when they are not `float` and `int`.
    fn number_value(&self, start: usize, end: usize, is_float: bool) -> PyResult<Value> {
        let types = &rt().types;
        let custom = if is_float { &self.sc.parse_float } else { &self.sc.parse_int };
        let builtin = if is_float { &types.float } else { &types.int };
        if !custom.is(builtin) {
            let s = pystr::from_text(self.text.substring(start, end));
            return call::call(custom, &[s], &[]);
        }
        // The number's units are ASCII (digits, sign, '.', 'e').
        let ascii: String = self.u[start..end].iter().map(|c| c.cp() as u8 as char).collect();
        if is_float {
            let f: f64 = ascii.parse().map_err(|_| exc::value_error("could not convert string to float"))?;
            return Ok(Value::float(f));
        }
        if end - start <= 18 {
            if let Ok(i) = ascii.parse::<i64>() {
                return Ok(int::from_i64(i));
            }
        }
        Ok(int::from_bigint(int::parse_int(&ascii, 10)?))
    }
}
