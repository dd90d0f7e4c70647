//! The encoding half of `_json`: `encode_basestring(_ascii)` and the
//! `Encoder` type (`make_encoder(markers, default, encoder, indent,
//! key_separator, item_separator, sort_keys, skipkeys, allow_nan)`, called
//! as `encoder(obj, indent_level)` by `json.encoder.JSONEncoder.iterencode`
//! for one-shot encoding). The whole document is written into one
//! `StrBuilder` and returned as a one-item list, as CPython 3.11 does. Like
//! `_json.c`, the encoder ignores `indent` (`json` only uses it without one).

use super::{nested, str_arg, with_cps, Cp};
use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, BASETYPE};
use taipan_vm::objects::function::BuiltinData;
use taipan_vm::objects::{dict, float, int, list, mk, new_method, str as pystr, tuple, Method, NativeFn};
use taipan_vm::runtime::rt;
use taipan_vm::text::{Str, StrBuilder};
use taipan_vm::types::{type_name, type_of};
use taipan_vm::{call, ops, Value};

/// How strings are written: by one of this module's functions (inline) or
/// by calling the `encoder` given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StrMode {
    Ascii,
    Unicode,
    Call,
}

/// The payload of a `_json.Encoder`.
pub struct EncoderData {
    markers: Value,
    default: Value,
    encoder: Value,
    indent: Value,
    key_separator: Value,
    item_separator: Value,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    mode: StrMode,
}

taipan_vm::interp_static! {
    static TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// The `_json.Encoder` type (the module's `make_encoder`).
pub fn encoder_type() -> Value {
    TYPE.with(|t| {
        t.get_or_init(|| {
            native::new_type::<EncoderData>(
                "Encoder",
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

const METHODS: &[Method] = &[new_method(encoder_new), mk("__call__", encoder_call)];

type Getset = (&'static str, taipan_vm::objects::Getter, Option<taipan_vm::objects::Setter>);

const GETSETS: &[Getset] = &[
    ("markers", |v| Ok(this(v)?.markers.clone()), None),
    ("default", |v| Ok(this(v)?.default.clone()), None),
    ("encoder", |v| Ok(this(v)?.encoder.clone()), None),
    ("indent", |v| Ok(this(v)?.indent.clone()), None),
    ("key_separator", |v| Ok(this(v)?.key_separator.clone()), None),
    ("item_separator", |v| Ok(this(v)?.item_separator.clone()), None),
    ("sort_keys", |v| Ok(native::boolean(this(v)?.sort_keys)), None),
    ("skipkeys", |v| Ok(native::boolean(this(v)?.skipkeys)), None),
];

fn this(v: &Value) -> PyResult<&EncoderData> {
    v.downcast::<EncoderData>().ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a '_json.Encoder' object but received '{}'",
            type_name(v)
        ))
    })
}

const NEW_ARGS: &[&str] = &[
    "markers",
    "default",
    "encoder",
    "indent",
    "key_separator",
    "item_separator",
    "sort_keys",
    "skipkeys",
    "allow_nan",
];

/// `make_encoder(...)`, with `PyArg_ParseTupleAndKeywords("OOOOUUppp")`'s
/// checks in its order, then the markers'.
fn encoder_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = native::bind("make_encoder", &args[1..], kwnames, NEW_ARGS, NEW_ARGS.len())?;
    let a: Vec<Value> = a.into_iter().map(|v| v.unwrap_or_else(native::none)).collect();
    for (i, sep) in a[4..6].iter().enumerate() {
        if pystr::text(sep).is_none() {
            return Err(exc::type_error(format!(
                "make_encoder() argument {} must be str, not {}",
                i + 5,
                type_name(sep)
            )));
        }
    }
    let (sort_keys, skipkeys, allow_nan) = (ops::truthy(&a[6])?, ops::truthy(&a[7])?, ops::truthy(&a[8])?);
    let markers = a[0].clone();
    if !markers.is(&rt().none) && dict::data(&markers).is_none() {
        return Err(exc::type_error(format!(
            "make_encoder() argument 1 must be dict or None, not {}",
            type_name(&markers)
        )));
    }
    let data = EncoderData {
        mode: str_mode(&a[2]),
        markers,
        default: a[1].clone(),
        encoder: a[2].clone(),
        indent: a[3].clone(),
        key_separator: a[4].clone(),
        item_separator: a[5].clone(),
        sort_keys,
        skipkeys,
        allow_nan,
    };
    taipan_vm::objects::object::alloc_subclass(&args[0], data)
}

/// Strings are written inline when `encoder` is one of this module's.
fn str_mode(encoder: &Value) -> StrMode {
    let Some(b) = encoder.downcast::<BuiltinData>() else {
        return StrMode::Call;
    };
    let is = |f: NativeFn| std::ptr::fn_addr_eq(b.func, f);
    if is(encode_basestring_ascii) {
        StrMode::Ascii
    } else if is(encode_basestring) {
        StrMode::Unicode
    } else {
        StrMode::Call
    }
}

/// `encoder(obj, _current_indent_level)`: `[json_text]`.
fn encoder_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let e = this(&args[0])?;
    let a = native::bind("_iterencode", &args[1..], kwnames, &["obj", "_current_indent_level"], 2)?;
    native::int_arg(a[1].as_ref().unwrap_or(&native::none()), "")?;
    let obj = a[0].clone().unwrap_or_else(native::none);
    let mut w = Writer { e, out: StrBuilder::with_capacity(64) };
    w.value(&obj)?;
    Ok(list::new(vec![pystr::from_text(w.out.finish())]))
}

/// `encode_basestring_ascii(s)`: `s` as a JSON string of ASCII characters.
pub fn encode_basestring_ascii(args: &[Value], _: &[Value]) -> PyResult<Value> {
    encode_function(args, true)
}

/// `encode_basestring(s)`: `s` as a JSON string, non-ASCII kept.
pub fn encode_basestring(args: &[Value], _: &[Value]) -> PyResult<Value> {
    encode_function(args, false)
}

fn encode_function(args: &[Value], ascii: bool) -> PyResult<Value> {
    let [_, s] = args else {
        let name = if ascii { "encode_basestring_ascii" } else { "encode_basestring" };
        return Err(exc::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len() - 1
        )));
    };
    let text = str_arg(s)?;
    let mut out = StrBuilder::with_capacity(text.len() + 2);
    write_quoted(&mut out, text, ascii);
    Ok(pystr::from_text(out.finish()))
}

// ---- strings ----

/// Writes `text` quoted, escaping what JSON must (and, when `ascii`,
/// everything outside printable ASCII as `\uXXXX`).
fn write_quoted(out: &mut StrBuilder, text: &Str, ascii: bool) {
    out.push('"' as u32);
    with_cps!(text, u => write_escaped(out, text, u, ascii));
    out.push('"' as u32);
}

#[inline(always)]
fn needs_escape(c: u32, ascii: bool) -> bool {
    c < 0x20 || c == '"' as u32 || c == '\\' as u32 || (ascii && c >= 0x7f)
}

fn write_escaped<T: Cp>(out: &mut StrBuilder, text: &Str, u: &[T], ascii: bool) {
    let mut run = 0;
    for (i, unit) in u.iter().enumerate() {
        let c = unit.cp();
        if !needs_escape(c, ascii) {
            continue;
        }
        if run < i {
            out.push_range(text, run, i);
        }
        run = i + 1;
        write_escape(out, c);
    }
    if run < u.len() {
        out.push_range(text, run, u.len());
    }
}

fn write_escape(out: &mut StrBuilder, c: u32) {
    let short = match c {
        0x22 => "\\\"",
        0x5c => "\\\\",
        0x08 => "\\b",
        0x0c => "\\f",
        0x0a => "\\n",
        0x0d => "\\r",
        0x09 => "\\t",
        _ => "",
    };
    if !short.is_empty() {
        out.push_str(short);
    } else if c >= 0x10000 {
        let v = c - 0x10000;
        write_u_escape(out, 0xd800 | (v >> 10));
        write_u_escape(out, 0xdc00 | (v & 0x3ff));
    } else {
        write_u_escape(out, c);
    }
}

fn write_u_escape(out: &mut StrBuilder, c: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut buf = *b"\\u0000";
    for (k, shift) in [12, 8, 4, 0].into_iter().enumerate() {
        buf[2 + k] = HEX[((c >> shift) & 0xf) as usize];
    }
    // The buffer is ASCII.
    out.push_str(std::str::from_utf8(&buf).unwrap_or(""));
}

// ---- values ----

/// One encoder call writing one document.
struct Writer<'a> {
    e: &'a EncoderData,
    out: StrBuilder,
}

const ENCODING: &str = " while encoding a JSON object";

impl Writer<'_> {
    /// `encoder_listencode_obj`.
    fn value(&mut self, obj: &Value) -> PyResult<()> {
        let r = rt();
        if let Some(i) = obj.as_small_int() {
            self.out.push_str(itoa(i, &mut [0u8; 24]));
        } else if let Some(f) = obj.as_float() {
            self.float(f)?;
        } else if obj.is(&r.none) {
            self.out.push_str("null");
        } else if obj.is(&r.true_) {
            self.out.push_str("true");
        } else if obj.is(&r.false_) {
            self.out.push_str("false");
        } else if let Some(t) = pystr::text(obj) {
            self.string(obj, t)?;
        } else if let Some(b) = int::to_bigint(obj) {
            self.out.push_str(&int::decimal_string(&b)?);
        } else if let Some(f) = float::to_f64(obj) {
            self.float(f)?;
        } else if list::data(obj).is_some() || tuple::items(obj).is_some() {
            nested(ENCODING, || self.list(obj))?;
        } else if dict::data(obj).is_some() {
            nested(ENCODING, || self.dict(obj))?;
        } else {
            self.other(obj)?;
        }
        Ok(())
    }

    /// A float's JSON text (`encoder_encode_float`).
    fn float_text(&self, f: f64) -> PyResult<String> {
        if f.is_finite() {
            return Ok(float::repr_f64(f));
        }
        if !self.e.allow_nan {
            return Err(exc::value_error("Out of range float values are not JSON compliant"));
        }
        Ok(if f > 0.0 {
            "Infinity"
        } else if f < 0.0 {
            "-Infinity"
        } else {
            "NaN"
        }
        .to_string())
    }

    fn float(&mut self, f: f64) -> PyResult<()> {
        let s = self.float_text(f)?;
        self.out.push_str(&s);
        Ok(())
    }

    /// A str (`encoder_encode_string`): inline, or through `encoder`.
    fn string(&mut self, obj: &Value, text: &Str) -> PyResult<()> {
        match self.e.mode {
            StrMode::Ascii => write_quoted(&mut self.out, text, true),
            StrMode::Unicode => write_quoted(&mut self.out, text, false),
            StrMode::Call => {
                let s = call::call(&self.e.encoder, std::slice::from_ref(obj), &[])?;
                let Some(t) = pystr::text(&s) else {
                    return Err(exc::type_error(format!(
                        "encoder() must return a string, not {}",
                        type_name(&s)
                    )));
                };
                self.out.push_pystr(t);
            }
        }
        Ok(())
    }

    fn separator(&mut self, sep: &Value) {
        if let Some(t) = pystr::text(sep) {
            self.out.push_pystr(t);
        }
    }

    /// Registers `obj` as being encoded (circular references are errors);
    /// the key to release it with, when `markers` is a dict.
    fn mark(&self, obj: &Value) -> PyResult<Option<Value>> {
        let Some(m) = dict::data(&self.e.markers) else {
            return Ok(None);
        };
        let ident = int::from_bigint(num_bigint::BigInt::from(obj.bits()));
        if m.get(&ident)?.is_some() {
            return Err(exc::value_error("Circular reference detected"));
        }
        m.set(ident.clone(), obj.clone())?;
        Ok(Some(ident))
    }

    fn unmark(&self, ident: Option<Value>) -> PyResult<()> {
        if let (Some(ident), Some(m)) = (ident, dict::data(&self.e.markers)) {
            m.remove(&ident)?;
        }
        Ok(())
    }

    /// A list or tuple (`encoder_listencode_list`). A list's length is
    /// read at each step: `default` may shrink it while it is encoded.
    fn list(&mut self, obj: &Value) -> PyResult<()> {
        let item_at = |i: usize| match tuple::items(obj) {
            Some(t) => t.get(i).cloned(),
            None => list::data(obj).and_then(|l| l.items.borrow().get(i).cloned()),
        };
        if item_at(0).is_none() {
            self.out.push_str("[]");
            return Ok(());
        }
        let ident = self.mark(obj)?;
        self.out.push('[' as u32);
        let mut i = 0;
        while let Some(item) = item_at(i) {
            if i > 0 {
                self.separator(&self.e.item_separator);
            }
            self.value(&item)?;
            i += 1;
        }
        self.out.push(']' as u32);
        self.unmark(ident)
    }

    /// A dict (`encoder_listencode_dict`).
    fn dict(&mut self, obj: &Value) -> PyResult<()> {
        if dict::data(obj).is_some_and(|d| d.is_empty()) {
            self.out.push_str("{}");
            return Ok(());
        }
        let ident = self.mark(obj)?;
        self.out.push('{' as u32);
        let mut first = true;
        for (key, value) in self.items(obj)? {
            let Some(kstr) = self.key_text(&key)? else {
                continue;
            };
            if !first {
                self.separator(&self.e.item_separator);
            }
            first = false;
            if let Some(t) = pystr::text(&kstr) {
                self.string(&kstr, t)?;
            }
            self.separator(&self.e.key_separator);
            self.value(&value)?;
        }
        self.out.push('}' as u32);
        self.unmark(ident)
    }

    /// The dict's items (`PyMapping_Items`: `items()` of a subclass),
    /// sorted when `sort_keys`.
    fn items(&self, obj: &Value) -> PyResult<Vec<(Value, Value)>> {
        let exact = type_of(obj).is(&rt().types.dict);
        if exact {
            let mut pairs = dict::data(obj).map(|d| d.items()).unwrap_or_default();
            if !self.e.sort_keys {
                return Ok(pairs);
            }
            if pairs.iter().all(|(k, _)| pystr::is_exact(k)) {
                // Distinct str keys: the tuples' order is the keys'.
                pairs.sort_by(|a, b| pystr::text(&a.0).cmp(&pystr::text(&b.0)));
                return Ok(pairs);
            }
        }
        let mut tuples: Vec<Value> = if exact {
            let d = dict::data(obj).map(|d| d.items()).unwrap_or_default();
            d.into_iter().map(|(k, v)| tuple::new(vec![k, v])).collect()
        } else {
            let items = call::call(&taipan_vm::attr::getattr_str(obj, "items")?, &[], &[])?;
            ops::collect(&items)?
        };
        if self.e.sort_keys {
            list::sort_values(&mut tuples, None, false)?;
        }
        tuples
            .iter()
            .map(|t| match tuple::items(t) {
                Some([k, v]) => Ok((k.clone(), v.clone())),
                _ => Err(exc::value_error("items must return 2-tuples")),
            })
            .collect()
    }

    /// A key as the str to write, or None to skip it (`skipkeys`).
    fn key_text(&self, key: &Value) -> PyResult<Option<Value>> {
        let r = rt();
        if pystr::text(key).is_some() {
            return Ok(Some(key.clone()));
        }
        if let Some(f) = key.as_float().or_else(|| float::to_f64(key)) {
            return Ok(Some(pystr::new(&self.float_text(f)?)));
        }
        for (c, text) in [(&r.true_, "true"), (&r.false_, "false"), (&r.none, "null")] {
            if key.is(c) {
                return Ok(Some(pystr::new(text)));
            }
        }
        if let Some(b) = int::to_bigint(key) {
            return Ok(Some(pystr::new(&int::decimal_string(&b)?)));
        }
        if self.e.skipkeys {
            return Ok(None);
        }
        Err(exc::type_error(format!("keys must be str, int, float, bool or None, not {}", type_name(key))))
    }

    /// Anything else: `default(obj)` encoded in its place.
    fn other(&mut self, obj: &Value) -> PyResult<()> {
        let ident = self.mark(obj)?;
        let new = call::call(&self.e.default, std::slice::from_ref(obj), &[])?;
        nested(ENCODING, || self.value(&new))?;
        self.unmark(ident)
    }
}

/// The decimal digits of `i` in `buf`.
fn itoa(i: i64, buf: &mut [u8; 24]) -> &str {
    let mut n = i.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}
