//! `float`: exact floats live in the `Value` word (no allocation); instances
//! of float subclasses are heap objects with a `FloatData` payload. The
//! method table; the float fast paths of the operators are in `ops.rs`.

use super::int::{big_to_f64, to_bigint};
use super::{check_args, m, new_method, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Zero};
use std::cmp::Ordering;

/// The payload of a float-subclass instance.
pub struct FloatData(pub f64);

/// The float of a float value (exact or subclass).
pub fn to_f64(v: &Value) -> Option<f64> {
    v.as_float().or_else(|| v.downcast::<FloatData>().map(|d| d.0))
}

/// The float of a float or int (for mixed arithmetic).
pub fn coerce(v: &Value) -> PyResult<Option<f64>> {
    if let Some(f) = to_f64(v) {
        return Ok(Some(f));
    }
    match to_bigint(v) {
        Some(b) => Ok(Some(big_to_f64(&b)?)),
        None => Ok(None),
    }
}

/// `float(x)` conversion for any object.
pub fn float_of(v: &Value) -> PyResult<f64> {
    if let Some(f) = to_f64(v) {
        return Ok(f);
    }
    if let Some(b) = to_bigint(v) {
        return big_to_f64(&b);
    }
    if let Some(s) = super::str::as_str(v) {
        return parse_float(s);
    }
    if let Some(r) = crate::ops::call_dunder_opt(v, "__float__", &[])? {
        return to_f64(&r).ok_or_else(|| {
            exc::type_error(format!("{}.__float__ returned non-float (type {})", type_name(v), type_name(&r)))
        });
    }
    if let Some(r) = crate::ops::call_dunder_opt(v, "__index__", &[])? {
        if let Some(b) = to_bigint(&r) {
            return big_to_f64(&b);
        }
    }
    Err(exc::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        type_name(v)
    )))
}

/// Parses a float literal as `float(s)` does (Unicode digits and spaces
/// included, numbers/float_text.rs).
pub fn parse_float(s: &str) -> PyResult<f64> {
    crate::numbers::float_text::float_from_str(s.as_bytes()).map_err(crate::format::num_error)
}

/// `int(x)` of a float.
pub fn float_to_bigint(f: f64) -> PyResult<BigInt> {
    if f.is_nan() {
        return Err(exc::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(exc::overflow_error("cannot convert float infinity to integer"));
    }
    Ok(BigInt::from_f64(f.trunc()).unwrap_or_else(BigInt::zero))
}

/// Compares an int with a float exactly (None when the float is NaN).
pub fn compare_int_float(a: &BigInt, y: f64) -> Option<Ordering> {
    if y.is_nan() {
        return None;
    }
    if y.is_infinite() {
        return Some(if y > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let yi = BigInt::from_f64(y.floor())?;
    match a.cmp(&yi) {
        Ordering::Equal if y.fract() != 0.0 => Some(Ordering::Less),
        o => Some(o),
    }
}

/// `repr(float)`.
pub fn repr_f64(f: f64) -> String {
    taipan_repr::float_repr(f)
}

pub const METHODS: &[Method] = &[
    new_method(float_new),
    m("__repr__", float_repr),
    m("__hash__", float_hash),
    m("__bool__", float_bool),
    m("__float__", float_float),
    m("__int__", float_int),
    m("__trunc__", float_int),
    m("__neg__", float_neg),
    m("__pos__", float_float),
    m("__abs__", float_abs),
    m("__add__", float_add),
    m("__radd__", float_radd),
    m("__sub__", float_sub),
    m("__rsub__", float_rsub),
    m("__mul__", float_mul),
    m("__rmul__", float_rmul),
    m("__truediv__", float_truediv),
    m("__rtruediv__", float_rtruediv),
    m("__floordiv__", float_floordiv),
    m("__rfloordiv__", float_rfloordiv),
    m("__mod__", float_mod),
    m("__rmod__", float_rmod),
    m("__divmod__", float_divmod),
    m("__rdivmod__", float_rdivmod),
    m("__pow__", float_pow),
    m("__rpow__", float_rpow),
    m("__eq__", float_eq),
    m("__ne__", float_ne),
    m("__lt__", float_lt),
    m("__le__", float_le),
    m("__gt__", float_gt),
    m("__ge__", float_ge),
    m("__round__", float_round).fast(),
    m("__floor__", float_floor),
    m("__ceil__", float_ceil),
    m("__format__", float_format),
    m("is_integer", float_is_integer),
    m("conjugate", float_float),
    m("as_integer_ratio", float_as_integer_ratio),
    m("hex", float_hex),
    super::cm("fromhex", float_fromhex),
    super::cm("__getformat__", float_getformat),
    m("__getnewargs__", |a, _| Ok(super::tuple::new(vec![Value::float(this(&a[0])?)]))),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] =
    &[("real", |v| Ok(Value::float(this(v)?)), None), ("imag", |_| Ok(Value::float(0.0)), None)];

fn this(v: &Value) -> PyResult<f64> {
    to_f64(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'float' object but received '{}'", type_name(v)))
    })
}

fn float_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("float() takes no keyword arguments"));
    }
    check_args("float", args, 1, 2)?;
    let f = match args.get(1) {
        None => 0.0,
        Some(v) => float_of(v)?,
    };
    if args[0].is(&rt().types.float) {
        return Ok(Value::float(f));
    }
    super::object::alloc_subclass(&args[0], FloatData(f))
}

fn float_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::str::from_string(repr_f64(this(&args[0])?)))
}

/// `hash()` of a float value.
pub fn hash_float(v: &Value, x: f64) -> i64 {
    crate::hashing::hash_f64(x, crate::hashing::hash_pointer(v.bits()))
}

fn float_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(hash_float(&args[0], this(&args[0])?)))
}

fn float_bool(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(rt().bool_value(this(&args[0])? != 0.0))
}

fn float_float(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(Value::float(this(&args[0])?))
}

fn float_int(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_bigint(float_to_bigint(this(&args[0])?)?))
}

fn float_neg(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(Value::float(-this(&args[0])?))
}

fn float_abs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(Value::float(this(&args[0])?.abs()))
}

fn binop(args: &[Value], reflected: bool, f: fn(f64, f64) -> PyResult<Value>) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    let (Some(a), Some(b)) = (coerce(&args[0])?, coerce(&args[1])?) else {
        return Ok(rt().not_implemented.clone());
    };
    if reflected {
        f(b, a)
    } else {
        f(a, b)
    }
}

macro_rules! float_binops {
    ($( $name:ident, $rname:ident => $f:expr; )*) => {
        $(
            fn $name(args: &[Value], _: &[Value]) -> PyResult<Value> { binop(args, false, $f) }
            fn $rname(args: &[Value], _: &[Value]) -> PyResult<Value> { binop(args, true, $f) }
        )*
    };
}

float_binops! {
    float_add, float_radd => |a, b| Ok(Value::float(a + b));
    float_sub, float_rsub => |a, b| Ok(Value::float(a - b));
    float_mul, float_rmul => |a, b| Ok(Value::float(a * b));
    float_truediv, float_rtruediv => |a, b| f_truediv(a, b).map(Value::float);
    float_floordiv, float_rfloordiv => |a, b| f_divmod(a, b).map(|(q, _)| Value::float(q));
    float_mod, float_rmod => |a, b| f_divmod(a, b).map(|(_, r)| Value::float(r));
    float_divmod, float_rdivmod => |a, b| f_divmod(a, b).map(|(q, r)| super::tuple::new(vec![Value::float(q), Value::float(r)]));
    float_pow, float_rpow => |a, b| f_pow(a, b).map(Value::float);
}

pub fn f_truediv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(exc::zero_division_error("float division by zero"));
    }
    Ok(a / b)
}

/// Python's float divmod (`float_divmod` semantics).
pub fn f_divmod(a: f64, b: f64) -> PyResult<(f64, f64)> {
    if b == 0.0 {
        return Err(exc::zero_division_error("float divmod()"));
    }
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    Ok((floordiv, m))
}

/// Python's float `**`.
pub fn f_pow(a: f64, b: f64) -> PyResult<f64> {
    if a == 0.0 && b < 0.0 {
        return Err(exc::zero_division_error("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        return Err(exc::value_error("complex results are not supported yet"));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(exc::overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(r)
}

fn compare(args: &[Value], f: fn(Ordering) -> bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(&args[0])?;
    let ord = if let Some(b) = to_f64(&args[1]) {
        a.partial_cmp(&b)
    } else if let Some(b) = to_bigint(&args[1]) {
        compare_int_float(&b, a).map(Ordering::reverse)
    } else {
        return Ok(rt().not_implemented.clone());
    };
    Ok(rt().bool_value(match ord {
        Some(o) => f(o),
        // NaN: only != is true.
        None => f(Ordering::Less) && f(Ordering::Greater),
    }))
}

fn float_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_eq())
}
fn float_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_ne())
}
fn float_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_lt())
}
fn float_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_le())
}
fn float_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_gt())
}
fn float_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_ge())
}

/// round-half-even of a float to `nd` decimal digits.
fn round_to(x: f64, nd: i64) -> f64 {
    if nd > 22 || !x.is_finite() {
        return x;
    }
    let s = format!("{:.*e}", 17, x);
    let _ = s;
    let text = format!("{:.*}", nd.max(0) as usize, x);
    if nd >= 0 {
        // Rust's formatting rounds half-to-even on the exact binary value,
        // which is what CPython's correctly rounded dtoa does.
        return text.parse().unwrap_or(x);
    }
    let p = 10f64.powi((-nd) as i32);
    let y = x / p;
    let r = y.round();
    let r = if (y - y.trunc()).abs() == 0.5 { 2.0 * (y / 2.0).round() } else { r };
    r * p
}

fn float_round(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__round__", args, 1, 2)?;
    let x = this(&args[0])?;
    match args.get(1) {
        Some(v) if !v.is(&rt().none) => {
            let nd = super::int::index_value(v)?.unwrap_or(0);
            Ok(Value::float(round_to(x, nd)))
        }
        _ => {
            let r = x.round();
            let r = if (x - x.trunc()).abs() == 0.5 { 2.0 * (x / 2.0).round() } else { r };
            Ok(super::int::from_bigint(float_to_bigint(r)?))
        }
    }
}

fn float_floor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_bigint(float_to_bigint(this(&args[0])?.floor())?))
}

fn float_ceil(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_bigint(float_to_bigint(this(&args[0])?.ceil())?))
}

fn float_format(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__format__", args, 2, 2)?;
    let spec = super::str::as_str(&args[1]).ok_or_else(|| exc::type_error("format spec must be str"))?;
    crate::format::format_float(this(&args[0])?, spec)
}

fn float_is_integer(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let x = this(&args[0])?;
    Ok(rt().bool_value(x.is_finite() && x.fract() == 0.0))
}

fn float_as_integer_ratio(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let x = this(&args[0])?;
    if !x.is_finite() {
        return Err(if x.is_nan() {
            exc::value_error("cannot convert NaN to integer ratio")
        } else {
            exc::overflow_error("cannot convert Infinity to integer ratio")
        });
    }
    let mut num = x;
    let mut den = BigInt::from(1);
    let mut i = 0;
    while num.fract() != 0.0 && i < 1100 {
        num *= 2.0;
        den *= 2;
        i += 1;
    }
    let n = BigInt::from_f64(num).unwrap_or_default();
    let g = num_integer::Integer::gcd(&n, &den);
    Ok(super::tuple::new(vec![super::int::from_bigint(&n / &g), super::int::from_bigint(&den / &g)]))
}

fn float_hex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("hex", args, 1, 1)?;
    Ok(super::str::from_string(crate::numbers::float_ops::float_hex(this(&args[0])?)))
}

/// `float.__getformat__(typestr)`: how C doubles and floats are stored.
fn float_getformat(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getformat__", args, 2, 2)?;
    let Some(which) = super::str::as_str(&args[1]) else {
        let t = crate::types::type_name(&args[1]);
        return Err(exc::type_error(format!("__getformat__() argument must be str, not {t}")));
    };
    if which != "double" && which != "float" {
        return Err(exc::value_error("__getformat__() argument 1 must be 'double' or 'float'"));
    }
    let order = if cfg!(target_endian = "little") { "little" } else { "big" };
    Ok(super::str::from_string(format!("IEEE, {order}-endian")))
}

fn float_fromhex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("fromhex", args, 2, 2)?;
    let text = super::str::as_str(&args[1])
        .ok_or_else(|| exc::type_error("bad argument type for built-in operation"))?;
    let x = crate::numbers::float_ops::float_fromhex(text).map_err(crate::format::num_error)?;
    if args[0].is(&rt().types.float) {
        return Ok(Value::float(x));
    }
    crate::call::call(&args[0], &[Value::float(x)], &[])
}
