//! `_struct` (CPython's `_struct.c`): packing Python values into C structs
//! laid out by a format string and back: `Struct` (with `pack`, `unpack`,
//! `pack_into`, `unpack_from`, `iter_unpack`, `format`, `size`), the
//! module-level functions over a cache of `Struct`s, and `error`. Byte
//! orders `@` (native sizes and alignment, x86-64 Linux), `=`, `<`, `>`,
//! `!` (standard sizes, no alignment); every format code including the
//! half float `e`. Messages are CPython 3.11's. `struct.py` re-exports it.

use num_bigint::BigInt;
use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyErr, PyResult};
use taipan_vm::modules::native::{self, bind, BASETYPE};
use taipan_vm::objects::{
    bytearray, bytes, dict, float, int, list, m, mk, new_method, str as pystr, tuple, Getter, Method, Setter,
};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// One format code with its repeat count and byte offset in the struct.
#[derive(Clone, Copy, Debug)]
struct Item {
    code: u8,
    count: usize,
    offset: usize,
}

/// A parsed format: its items, total size, and byte order.
#[derive(Clone, Debug)]
struct Layout {
    items: Vec<Item>,
    size: usize,
    native: bool,
    little: bool,
    /// How many values `pack` takes / `unpack` gives.
    nvalues: usize,
}

/// The payload of a `Struct`.
pub struct StructData {
    format: std::cell::RefCell<Value>,
    layout: std::cell::RefCell<Layout>,
}

taipan_vm::interp_static! {
    static TYPES: OnceCell<(Value, Value)> = const { OnceCell::new() };
    static CACHE: OnceCell<Value> = const { OnceCell::new() };
}

/// (`Struct`, `error`).
fn types() -> (Value, Value) {
    TYPES.with(|t| t.get_or_init(make_types).clone())
}

fn make_types() -> (Value, Value) {
    let st =
        native::new_type::<StructData>("Struct", "_struct", &rt().types.object, BASETYPE, METHODS, GETSETS);
    let ns = dict::new_dict();
    dict::set_str(&ns, "__module__", pystr::new("struct"));
    let error = taipan_vm::types::type_new(&rt().types.type_, "error", vec![rt().exc.exception.clone()], &ns)
        .expect("struct.error's base is Exception");
    (st, error)
}

/// The cache of module-level `Struct`s, keyed by format.
fn cache() -> Value {
    CACHE.with(|c| c.get_or_init(dict::new_dict).clone())
}

/// `struct.error(msg)`.
fn error(msg: impl Into<String>) -> PyErr {
    exc::with_msg(&types().1, msg)
}

const METHODS: &[Method] = &[
    new_method(struct_new),
    mk("__init__", struct_init),
    m("pack", |a, _| s_pack(this(&a[0])?, &a[1..])),
    m("unpack", |a, _| {
        taipan_vm::objects::check_args("unpack", a, 2, 2)?;
        s_unpack(this(&a[0])?, &a[1])
    }),
    mk("unpack_from", |a, k| s_unpack_from(this(&a[0])?, &a[1..], k)),
    m("pack_into", |a, _| s_pack_into(this(&a[0])?, &a[1..])),
    m("iter_unpack", |a, _| {
        taipan_vm::objects::check_args("iter_unpack", a, 2, 2)?;
        s_iter_unpack(this(&a[0])?, &a[1])
    }),
    m("__sizeof__", |a, _| Ok(int::from_usize(64 + this(&a[0])?.layout.borrow().items.len() * 24))),
    m("__repr__", struct_repr),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("format", |v| Ok(this(v)?.format.borrow().clone()), None),
    ("size", |v| Ok(int::from_usize(this(v)?.layout.borrow().size)), None),
];

const FUNCTIONS: &[Method] = &[
    m("pack", |a, _| {
        let s = cached(a.get(1), "pack")?;
        s_pack(this(&s)?, &a[2..])
    }),
    m("unpack", |a, _| {
        taipan_vm::objects::check_args("unpack", a, 3, 3)?;
        s_unpack(this(&cached(a.get(1), "unpack")?)?, &a[2])
    }),
    mk("unpack_from", |a, k| {
        let s = cached(a.get(1), "unpack_from")?;
        s_unpack_from(this(&s)?, &a[2..], k)
    }),
    m("pack_into", |a, _| {
        let s = cached(a.get(1), "pack_into")?;
        s_pack_into(this(&s)?, &a[2..])
    }),
    m("iter_unpack", |a, _| {
        taipan_vm::objects::check_args("iter_unpack", a, 3, 3)?;
        s_iter_unpack(this(&cached(a.get(1), "iter_unpack")?)?, &a[2])
    }),
    m("calcsize", |a, _| {
        taipan_vm::objects::check_args("calcsize", a, 2, 2)?;
        Ok(int::from_usize(this(&cached(a.get(1), "calcsize")?)?.layout.borrow().size))
    }),
    m("_clearcache", |_, _| {
        taipan_vm::ops::call_dunder_opt(&cache(), "clear", &[])?;
        Ok(native::none())
    }),
];

/// Builds the `_struct` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_struct", FUNCTIONS);
    let (st, error) = types();
    dict::set_str(&d, "Struct", st);
    dict::set_str(&d, "error", error);
    dict::set_str(&d, "__doc__", pystr::new(DOC));
    Ok(md)
}

const DOC: &str = "Functions to convert between Python values and C structs.\n\
Python bytes objects are used to hold the data representing the C struct\n\
and also as format strings (explained below) to describe the layout of data\n\
in the C struct.";

fn this(v: &Value) -> PyResult<&StructData> {
    v.downcast::<StructData>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'Struct' object but received '{}'", type_name(v)))
    })
}

/// The module-level functions' `Struct` for a format (cached).
fn cached(format: Option<&Value>, fname: &str) -> PyResult<Value> {
    let Some(format) = format else {
        return Err(exc::type_error(format!("{fname}() missing required argument 'format' (pos 1)")));
    };
    let c = cache();
    if pystr::is_str(format) || bytes::as_bytes(format).is_some() {
        if let Ok(Some(s)) = dict::get_item(&c, format) {
            return Ok(s);
        }
    }
    let s = taipan_vm::call::call(&types().0, std::slice::from_ref(format), &[])?;
    if taipan_vm::ops::len(&c)? >= 100 {
        taipan_vm::ops::call_dunder_opt(&c, "clear", &[])?;
    }
    dict::set_item(&c, format.clone(), s.clone())?;
    Ok(s)
}

fn struct_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let empty = Layout { items: Vec::new(), size: 0, native: true, little: true, nvalues: 0 };
    let data = StructData {
        format: std::cell::RefCell::new(pystr::new("")),
        layout: std::cell::RefCell::new(empty),
    };
    let s = taipan_vm::objects::object::alloc_maybe_subclass(&args[0], &types().0, data)?;
    Ok(s)
}

fn struct_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("Struct", &args[1..], kwnames, &["format"], 1)?;
    let format = b[0].clone().unwrap_or_else(native::none);
    let text = format_text(&format)?;
    let layout = parse(&text)?;
    let d = this(&args[0])?;
    *d.layout.borrow_mut() = layout;
    *d.format.borrow_mut() = pystr::new(&text);
    Ok(native::none())
}

fn struct_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let f = taipan_vm::ops::repr_string(&this(&args[0])?.format.borrow().clone())?;
    Ok(pystr::new(&format!("Struct({f})")))
}

/// The format argument as text (str or bytes).
fn format_text(v: &Value) -> PyResult<String> {
    if let Some(s) = pystr::as_str(v) {
        return Ok(s.to_string());
    }
    if let Some(b) = bytes::as_bytes(v) {
        return Ok(String::from_utf8_lossy(b).into_owned());
    }
    Err(exc::type_error(format!("Struct() argument 1 must be a str or bytes object, not {}", type_name(v))))
}

/// (size, alignment) of a code; `None` if the code is unknown in this mode.
fn code_size(code: u8, native: bool) -> Option<(usize, usize)> {
    let size = match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    };
    Some((size, if native { size } else { 1 }))
}

/// Parses a format string (CPython's `prepare_s`).
fn parse(fmt: &str) -> PyResult<Layout> {
    let b = fmt.as_bytes();
    let (native, little, mut i) = match b.first() {
        Some(b'@') => (true, true, 1),
        Some(b'=') | Some(b'<') => (false, true, 1),
        Some(b'>') | Some(b'!') => (false, false, 1),
        _ => (true, true, 0),
    };
    let overflow = || error("total struct size too long");
    let mut items = Vec::new();
    let (mut size, mut nvalues) = (0usize, 0usize);
    while i < b.len() {
        let mut c = b[i];
        i += 1;
        if c.is_ascii_whitespace() {
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            count = (c - b'0') as usize;
            loop {
                let Some(&d) = b.get(i) else {
                    return Err(error("repeat count given without format specifier"));
                };
                i += 1;
                if !d.is_ascii_digit() {
                    c = d;
                    break;
                }
                count = count
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((d - b'0') as usize))
                    .ok_or_else(overflow)?;
            }
        }
        let (isize_, align) = code_size(c, native).ok_or_else(|| error("bad char in struct format"))?;
        if align > 1 && size > 0 {
            size = size.checked_add((align - 1) - (size - 1) % align).ok_or_else(overflow)?;
        }
        match c {
            b's' | b'p' => nvalues += 1,
            b'x' => {}
            _ => nvalues += count,
        }
        items.push(Item { code: c, count, offset: size });
        size = count.checked_mul(isize_).and_then(|n| n.checked_add(size)).ok_or_else(overflow)?;
        if size > isize::MAX as usize {
            return Err(overflow());
        }
    }
    Ok(Layout { items, size, native, little, nvalues })
}

fn s_pack(s: &StructData, values: &[Value]) -> PyResult<Value> {
    let layout = s.layout.borrow().clone();
    if values.len() != layout.nvalues {
        return Err(error(format!(
            "pack expected {} items for packing (got {})",
            layout.nvalues,
            values.len()
        )));
    }
    let mut out = vec![0u8; layout.size];
    pack_values(&layout, values, &mut out)?;
    Ok(bytes::new(out))
}

/// Packs `values` into `out` (exactly `layout.size` bytes).
fn pack_values(layout: &Layout, values: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut vi = 0;
    for item in &layout.items {
        let (size, _) = code_size(item.code, layout.native).unwrap_or((1, 1));
        match item.code {
            b'x' => {}
            b's' | b'p' => {
                pack_string(item, &values[vi], &mut out[item.offset..item.offset + item.count])?;
                vi += 1;
            }
            _ => {
                for k in 0..item.count {
                    let at = item.offset + k * size;
                    pack_one(item.code, layout, &values[vi], &mut out[at..at + size])?;
                    vi += 1;
                }
            }
        }
    }
    Ok(())
}

fn pack_string(item: &Item, v: &Value, out: &mut [u8]) -> PyResult<()> {
    let data = bytes::buffer(v)
        .filter(|_| !pystr::is_str(v))
        .ok_or_else(|| error(format!("argument for '{}' must be a bytes object", item.code as char)))?;
    if item.code == b's' {
        let n = data.len().min(out.len());
        out[..n].copy_from_slice(&data[..n]);
    } else if !out.is_empty() {
        let n = data.len().min(out.len() - 1).min(255);
        out[1..1 + n].copy_from_slice(&data[..n]);
        out[0] = n as u8;
    }
    Ok(())
}

/// Packs one value of an integer, bool, char or float code.
fn pack_one(code: u8, layout: &Layout, v: &Value, out: &mut [u8]) -> PyResult<()> {
    match code {
        b'?' => out[0] = taipan_vm::ops::truthy(v)? as u8,
        b'c' => match bytes::buffer(v).filter(|b| b.len() == 1 && !pystr::is_str(v)) {
            Some(b) => out[0] = b[0],
            None => return Err(error("char format requires a bytes object of length 1")),
        },
        b'e' | b'f' | b'd' => pack_float(code, layout, v, out)?,
        _ => pack_int(code, layout, v, out)?,
    }
    Ok(())
}

/// Packs a float; a native `f` is a plain C cast (no overflow check, as CPython).
fn pack_float(code: u8, layout: &Layout, v: &Value, out: &mut [u8]) -> PyResult<()> {
    let x = float_arg(v)?;
    let mut raw = match code {
        b'd' => x.to_le_bytes().to_vec(),
        b'f' => {
            let f = x as f32;
            if f.is_infinite() && x.is_finite() && !layout.native {
                return Err(exc::overflow_error("float too large to pack with f format"));
            }
            f.to_le_bytes().to_vec()
        }
        _ => half_from_f64(x)?.to_le_bytes().to_vec(),
    };
    if !layout.little {
        raw.reverse();
    }
    out.copy_from_slice(&raw);
    Ok(())
}

/// A float argument (`__float__`, or `__index__`).
fn float_arg(v: &Value) -> PyResult<f64> {
    if pystr::is_str(v) || bytes::as_bytes(v).is_some() {
        return Err(error("required argument is not a float"));
    }
    float::float_of(v).map_err(|e| {
        if e.matches(&rt().exc.type_error) {
            error("required argument is not a float")
        } else {
            e
        }
    })
}

/// IEEE 754 binary16 bits of `x` (round half to even), as CPython's
/// `PyFloat_Pack2`.
fn half_from_f64(x: f64) -> PyResult<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Ok(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Ok(sign | 0x7c00);
    }
    if a == 0.0 {
        return Ok(sign);
    }
    let (mant, exp) = frexp(a); // a = mant * 2^exp, 0.5 <= mant < 1
    let (mut e, f);
    if exp > 16 {
        return Err(exc::overflow_error("float too large to pack with e format"));
    } else if exp < -13 {
        // Subnormal: value = f * 2^-24.
        f = a * (1u64 << 24) as f64;
        e = 0i32;
    } else {
        e = exp + 14;
        f = (mant * 2.0 - 1.0) * 1024.0;
    }
    let bits = f.floor();
    let rest = f - bits;
    let mut bits = bits as u32;
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 && e > 0 {
            bits = 0;
            e += 1;
            if e == 31 {
                return Err(exc::overflow_error("float too large to pack with e format"));
            }
        } else if bits == 1024 && e == 0 {
            // Rounded up from subnormal into the smallest normal.
            bits = 0;
            e = 1;
        }
    }
    Ok(sign | ((e as u16) << 10) | (bits as u16 & 0x3ff))
}

/// `frexp(a)` for a finite positive `a`.
fn frexp(a: f64) -> (f64, i32) {
    let bits = a.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(a * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

fn f64_from_half(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    let v = match e {
        0 => f * 2f64.powi(-24),
        31 if f == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    };
    sign * v
}

/// The integer value of a pack argument (`__index__`).
fn int_value(v: &Value) -> PyResult<BigInt> {
    if let Some(b) = int::to_bigint(v) {
        return Ok(b);
    }
    let r = taipan_vm::ops::call_dunder_opt(v, "__index__", &[]);
    match r {
        Ok(Some(r)) => int::to_bigint(&r).ok_or_else(|| error("required argument is not an integer")),
        Ok(None) => Err(error("required argument is not an integer")),
        Err(e) if e.matches(&rt().exc.type_error) => Err(error("required argument is not an integer")),
        Err(e) => Err(e),
    }
}

fn pack_int(code: u8, layout: &Layout, v: &Value, out: &mut [u8]) -> PyResult<()> {
    let n = int_value(v)?;
    let size = out.len();
    let unsigned = code.is_ascii_uppercase() || code == b'P';
    let bits = size as u32 * 8;
    let (lo, hi) = if unsigned {
        (BigInt::from(0), (BigInt::from(1) << bits) - 1)
    } else {
        (-(BigInt::from(1) << (bits - 1)), (BigInt::from(1) << (bits - 1)) - 1)
    };
    if n < lo || n > hi {
        return Err(range_error(code, size, &n, &lo, &hi));
    }
    let mut raw = n.to_signed_bytes_le();
    let fill = if n < BigInt::from(0) { 0xff } else { 0 };
    raw.resize(8.max(raw.len()), fill);
    let mut raw = raw[..size].to_vec();
    if !layout.little {
        raw.reverse();
    }
    out.copy_from_slice(&raw);
    Ok(())
}

/// CPython's message for an integer out of a code's range.
fn range_error(code: u8, size: usize, n: &BigInt, lo: &BigInt, hi: &BigInt) -> PyErr {
    let name = match code {
        b'b' => "byte",
        b'B' => "ubyte",
        b'h' => "short",
        b'H' => "ushort",
        _ if size == 8 || (code.is_ascii_uppercase() && n < &BigInt::from(0)) => {
            return error("argument out of range")
        }
        _ => return error(format!("'{}' format requires {lo} <= number <= {hi}", code as char)),
    };
    error(format!("{name} format requires {lo} <= number <= {hi}"))
}

fn s_unpack(s: &StructData, buffer: &Value) -> PyResult<Value> {
    let layout = s.layout.borrow().clone();
    let data = buffer_bytes(buffer)?;
    if data.len() != layout.size {
        return Err(error(format!("unpack requires a buffer of {} bytes", layout.size)));
    }
    unpack_values(&layout, &data)
}

/// The bytes of a buffer argument.
fn buffer_bytes(v: &Value) -> PyResult<Vec<u8>> {
    if pystr::is_str(v) {
        return Err(exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v))));
    }
    if let Some(b) = bytes::buffer(v) {
        return Ok(b);
    }
    if let Some(b) = taipan_vm::objects::memoryview::contents(v) {
        return Ok(b);
    }
    Err(exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v))))
}

fn unpack_values(layout: &Layout, data: &[u8]) -> PyResult<Value> {
    let mut out = Vec::with_capacity(layout.nvalues);
    for item in &layout.items {
        let (size, _) = code_size(item.code, layout.native).unwrap_or((1, 1));
        let field = &data[item.offset..];
        match item.code {
            b'x' => {}
            b's' => out.push(bytes::new(field[..item.count].to_vec())),
            b'p' => {
                let n = if item.count == 0 { 0 } else { (field[0] as usize).min(item.count - 1) };
                out.push(bytes::new(field.get(1..1 + n).unwrap_or(&[]).to_vec()));
            }
            _ => {
                for k in 0..item.count {
                    out.push(unpack_one(item.code, layout.little, &field[k * size..(k + 1) * size])?);
                }
            }
        }
    }
    Ok(tuple::new(out))
}

fn unpack_one(code: u8, little: bool, raw: &[u8]) -> PyResult<Value> {
    let mut le = raw.to_vec();
    if !little {
        le.reverse();
    }
    Ok(match code {
        b'?' => native::boolean(le[0] != 0),
        b'c' => bytes::new(le),
        b'e' => Value::float(f64_from_half(u16::from_le_bytes([le[0], le[1]]))),
        b'f' => Value::float(f32::from_le_bytes([le[0], le[1], le[2], le[3]]) as f64),
        b'd' => Value::float(f64::from_le_bytes(le[..8].try_into().unwrap_or([0; 8]))),
        c if c.is_ascii_uppercase() || c == b'P' => {
            int::from_bigint(BigInt::from_bytes_le(num_bigint::Sign::Plus, &le))
        }
        _ => int::from_bigint(BigInt::from_signed_bytes_le(&le)),
    })
}

fn s_unpack_from(s: &StructData, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("unpack_from", args, kwnames, &["buffer", "offset"], 1)?;
    let buffer = b[0].clone().unwrap_or_else(native::none);
    let data = buffer_bytes(&buffer)?;
    let mut offset = match &b[1] {
        Some(o) => native::int_arg(o, "")?,
        None => 0,
    };
    let layout = s.layout.borrow().clone();
    let len = data.len() as i64;
    if offset < 0 {
        if offset + len < 0 {
            return Err(error(format!("offset {offset} out of range for {len}-byte buffer")));
        }
        offset += len;
    }
    if len - offset < layout.size as i64 {
        return Err(error(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {offset} (actual buffer size is {len})",
            layout.size as i64 + offset,
            layout.size
        )));
    }
    let start = offset as usize;
    unpack_values(&layout, &data[start..start + layout.size])
}

fn s_pack_into(s: &StructData, args: &[Value]) -> PyResult<Value> {
    let layout = s.layout.borrow().clone();
    let Some(buffer) = args.first() else {
        return Err(exc::type_error("pack_into expected buffer argument"));
    };
    let Some(offset) = args.get(1) else {
        return Err(exc::type_error("pack_into expected offset argument"));
    };
    let values = &args[2..];
    if values.len() != layout.nvalues {
        return Err(error(format!(
            "pack_into expected {} items for packing (got {})",
            layout.nvalues,
            values.len()
        )));
    }
    let Some(target) = bytearray::data(buffer) else {
        let what = if bytes::as_bytes(buffer).is_some() {
            "read-only bytes-like object"
        } else {
            "read-write bytes-like object"
        };
        return Err(exc::type_error(format!("argument must be {what}, not {}", type_name(buffer))));
    };
    let mut offset = native::int_arg(offset, "")?;
    let len = target.0.borrow().len() as i64;
    if offset < 0 {
        if offset + layout.size as i64 > 0 {
            return Err(error(format!("no space to pack {} bytes at offset {offset}", layout.size)));
        }
        if offset + len < 0 {
            return Err(error(format!("offset {offset} out of range for {len}-byte buffer")));
        }
        offset += len;
    }
    if len - offset < layout.size as i64 {
        return Err(error(format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {offset} (actual buffer size is {len})",
            layout.size as i64 + offset,
            layout.size
        )));
    }
    let mut out = vec![0u8; layout.size];
    pack_values(&layout, values, &mut out)?;
    let start = offset as usize;
    target.0.borrow_mut()[start..start + layout.size].copy_from_slice(&out);
    Ok(native::none())
}

fn s_iter_unpack(s: &StructData, buffer: &Value) -> PyResult<Value> {
    let layout = s.layout.borrow().clone();
    let data = buffer_bytes(buffer)?;
    if layout.size == 0 {
        return Err(error("cannot iteratively unpack with a struct of length 0"));
    }
    if data.len() % layout.size != 0 {
        return Err(error(format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            layout.size
        )));
    }
    let items = data.chunks(layout.size).map(|c| unpack_values(&layout, c)).collect::<PyResult<Vec<_>>>()?;
    taipan_vm::ops::iter(&list::new(items))
}
