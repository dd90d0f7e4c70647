//! `int` and `bool`: small ints live in the `Value` word; ints outside 48
//! bits (and instances of int subclasses, and True/False) are heap objects
//! with an `IntData` payload. Conversion helpers (`from_i64`, `from_bigint`,
//! `to_bigint`, `index_value`) and the method table; the small-int fast
//! paths of the operators are in `ops.rs`.

use super::{check_args, m, new_method, split_kwargs, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::types::{is_instance, type_name};
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

/// The payload of a heap int (big, bool, or int-subclass instance).
pub struct IntData(pub BigInt);

/// An int value.
#[inline]
pub fn from_i64(i: i64) -> Value {
    match Value::try_small_int(i) {
        Some(v) => v,
        None => crate::heap::alloc(&rt().types.int, IntData(BigInt::from(i))),
    }
}

pub fn from_usize(i: usize) -> Value {
    from_i64(i as i64)
}

/// An int from a BigInt (small when it fits).
pub fn from_bigint(b: BigInt) -> Value {
    if let Some(i) = b.to_i64() {
        if let Some(v) = Value::try_small_int(i) {
            return v;
        }
    }
    crate::heap::alloc(&rt().types.int, IntData(b))
}

pub(crate) fn raw_bool(ty: &Value, b: bool) -> Value {
    let v = crate::heap::alloc(ty, IntData(BigInt::from(b as u8)));
    crate::runtime::make_immortal(&v);
    v
}

/// The value of an int (or bool, or int subclass instance).
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    if let Some(i) = v.as_small_int() {
        return Some(BigInt::from(i));
    }
    v.downcast::<IntData>().map(|d| d.0.clone())
}

/// The value of an int as i64, when it is an int and fits.
pub fn to_i64(v: &Value) -> Option<i64> {
    if let Some(i) = v.as_small_int() {
        return Some(i);
    }
    v.downcast::<IntData>().and_then(|d| d.0.to_i64())
}

/// Whether `v` is an int (bool and subclasses included).
pub fn is_int(v: &Value) -> bool {
    v.is_small_int() || v.downcast::<IntData>().is_some()
}

/// `operator.index(v)` as an i64: None when `v` has no `__index__`;
/// OverflowError when it does not fit.
pub fn index_value(v: &Value) -> PyResult<Option<i64>> {
    if let Some(i) = v.as_small_int() {
        return Ok(Some(i));
    }
    let big = match v.downcast::<IntData>() {
        Some(d) => d.0.clone(),
        None => match crate::ops::call_dunder_opt(v, "__index__", &[])? {
            Some(r) => to_bigint(&r).ok_or_else(|| {
                exc::type_error(format!("__index__ returned non-int (type {})", type_name(&r)))
            })?,
            None => return Ok(None),
        },
    };
    big.to_i64().map(Some).ok_or_else(|| exc::overflow_error("Python int too large to convert to C ssize_t"))
}

/// The count of a sequence repetition (`seq * v`): `index_value` with the
/// message CPython gives when `v` does not fit.
pub fn repeat_count(v: &Value) -> PyResult<Option<i64>> {
    index_value(v).map_err(|e| {
        if e.matches(&rt().exc.overflow_error) {
            exc::overflow_error(format!("cannot fit '{}' into an index-sized integer", type_name(v)))
        } else {
            e
        }
    })
}

/// `operator.index(v)` as an int Value, or a TypeError.
pub fn index(v: &Value) -> PyResult<Value> {
    if is_int(v) {
        return Ok(v.clone());
    }
    match crate::ops::call_dunder_opt(v, "__index__", &[])? {
        Some(r) if is_int(&r) => Ok(r),
        Some(r) => Err(exc::type_error(format!("__index__ returned non-int (type {})", type_name(&r)))),
        None => {
            Err(exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))))
        }
    }
}

/// An int to f64, with CPython's OverflowError.
pub fn big_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(exc::overflow_error("int too large to convert to float")),
    }
}

pub const METHODS: &[Method] = &[
    new_method(int_new),
    m("__repr__", int_repr),
    m("__hash__", int_hash),
    m("__bool__", int_bool),
    m("__index__", int_int),
    m("__int__", int_int),
    m("__float__", int_float),
    m("__neg__", int_neg),
    m("__pos__", int_int),
    m("__abs__", int_abs),
    m("__invert__", int_invert),
    m("__add__", int_add),
    m("__radd__", int_radd),
    m("__sub__", int_sub),
    m("__rsub__", int_rsub),
    m("__mul__", int_mul),
    m("__rmul__", int_rmul),
    m("__floordiv__", int_floordiv),
    m("__rfloordiv__", int_rfloordiv),
    m("__truediv__", int_truediv),
    m("__rtruediv__", int_rtruediv),
    m("__mod__", int_mod),
    m("__rmod__", int_rmod),
    m("__divmod__", int_divmod),
    m("__rdivmod__", int_rdivmod),
    m("__pow__", int_pow),
    m("__rpow__", int_rpow),
    m("__lshift__", int_lshift),
    m("__rlshift__", int_rlshift),
    m("__rshift__", int_rshift),
    m("__rrshift__", int_rrshift),
    m("__and__", int_and),
    m("__rand__", int_rand),
    m("__or__", int_or),
    m("__ror__", int_ror),
    m("__xor__", int_xor),
    m("__rxor__", int_rxor),
    m("__eq__", int_eq),
    m("__ne__", int_ne),
    m("__lt__", int_lt),
    m("__le__", int_le),
    m("__gt__", int_gt),
    m("__ge__", int_ge),
    m("__format__", int_format),
    m("__round__", int_round).fast(),
    m("__trunc__", int_int),
    m("__floor__", int_int),
    m("__ceil__", int_int),
    m("bit_length", int_bit_length),
    m("bit_count", int_bit_count),
    super::mk("to_bytes", int_to_bytes).fast(),
    super::cm("from_bytes", int_from_bytes).fast(),
    m("as_integer_ratio", |a, _| {
        let n = from_bigint(to_bigint(&a[0]).ok_or_else(|| exc::type_error("expected int"))?);
        Ok(super::tuple::new(vec![n, from_i64(1)]))
    }),
    m("conjugate", int_int),
    m("__getnewargs__", int_getnewargs),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("real", |v| Ok(from_bigint(this_big(v)?)), None),
    ("imag", |_| Ok(from_i64(0)), None),
    ("numerator", |v| Ok(from_bigint(this_big(v)?)), None),
    ("denominator", |_| Ok(from_i64(1)), None),
];

pub const BOOL_METHODS: &[Method] = &[
    new_method(bool_new),
    m("__repr__", bool_repr),
    m("__and__", bool_and),
    m("__rand__", bool_and),
    m("__or__", bool_or),
    m("__ror__", bool_or),
    m("__xor__", bool_xor),
    m("__rxor__", bool_xor),
];

fn this_big(v: &Value) -> PyResult<BigInt> {
    to_bigint(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires an 'int' object but received '{}'", type_name(v)))
    })
}

fn int_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    check_args("int", pos, 1, 3)?;
    let mut x = pos.get(1).cloned();
    let mut base = pos.get(2).cloned();
    for (k, v) in kws {
        match k {
            "base" => base = Some(v.clone()),
            _ => return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for int()"))),
        }
    }
    let value = match (x.take(), base) {
        (None, None) => BigInt::zero(),
        (None, Some(_)) => return Err(exc::type_error("int() missing string argument")),
        (Some(v), None) => int_from_object(&v)?,
        (Some(v), Some(b)) => {
            let b = index_value(&b)?.ok_or_else(|| exc::type_error("'base' must be an integer"))?;
            if b != 0 && !(2..=36).contains(&b) {
                return Err(exc::value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            if let Some(bytes) = super::bytes::buffer(&v).filter(|_| super::str::as_str(&v).is_none()) {
                crate::numbers::int_text::int_from_bytes_text(&bytes, b)
                    .map(|i| i.to_big())
                    .map_err(crate::format::num_error)?
            } else {
                let Some(s) = super::str::as_str(&v) else {
                    return Err(exc::type_error("int() can't convert non-string with explicit base"));
                };
                parse_int(s, b as u32)?
            }
        }
    };
    if pos[0].is(&rt().types.int) {
        return Ok(from_bigint(value));
    }
    super::object::alloc_subclass(&pos[0], IntData(value))
}

fn int_from_object(v: &Value) -> PyResult<BigInt> {
    if let Some(b) = to_bigint(v) {
        return Ok(b);
    }
    if let Some(f) = v.as_float().or_else(|| v.downcast::<super::float::FloatData>().map(|d| d.0)) {
        return super::float::float_to_bigint(f);
    }
    if let Some(s) = super::str::as_str(v) {
        return parse_int(s, 10);
    }
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(r) = crate::ops::call_dunder_opt(v, name, &[])? {
            return to_bigint(&r)
                .ok_or_else(|| exc::type_error(format!("{name} returned non-int (type {})", type_name(&r))));
        }
    }
    if let Some(b) = super::bytes::buffer(v) {
        return crate::numbers::int_text::int_from_bytes_text(&b, 10)
            .map(|i| i.to_big())
            .map_err(crate::format::num_error);
    }
    Err(exc::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        type_name(v)
    )))
}

/// Parses an int literal as `int(s, base)` does (base 0 = by prefix;
/// Unicode digits and spaces allowed, CPython's messages).
pub fn parse_int(s: &str, base: u32) -> PyResult<BigInt> {
    crate::numbers::int_text::int_from_str(s.as_bytes(), base as i64)
        .map(|i| i.to_big())
        .map_err(crate::format::num_error)
}

/// `str(int)` with CPython's digit limit for decimal conversion
/// (`sys.get_int_max_str_digits()`, 0 = none).
pub fn decimal_string(b: &BigInt) -> PyResult<String> {
    let limit = crate::numbers::int_text::int_max_str_digits() as u64;
    if limit > 0 && b.bits() > limit * 3 {
        let s = b.to_string();
        let digits = s.trim_start_matches('-').len() as u64;
        if digits > limit {
            return Err(exc::value_error(format!(
                "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
            )));
        }
        return Ok(s);
    }
    Ok(b.to_string())
}

fn int_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::str::from_string(decimal_string(&this_big(&args[0])?)?))
}

/// `hash()` of an int value.
pub fn hash_int(v: &Value) -> i64 {
    if let Some(i) = v.as_small_int() {
        return crate::hashing::hash_i64(i);
    }
    v.downcast::<IntData>().map(|d| crate::hashing::hash_bigint(&d.0)).unwrap_or(0)
}

fn int_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(from_i64(hash_int(&args[0])))
}

fn int_bool(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(rt().bool_value(!this_big(&args[0])?.is_zero()))
}

fn int_int(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(from_bigint(this_big(&args[0])?))
}

fn int_float(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(Value::float(big_to_f64(&this_big(&args[0])?)?))
}

fn int_neg(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(from_bigint(-this_big(&args[0])?))
}

fn int_abs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(from_bigint(this_big(&args[0])?.abs()))
}

fn int_invert(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(from_bigint(-this_big(&args[0])? - 1))
}

/// Runs a binary int operation when both operands are ints: on i128 when
/// both fit and `wide` can do it exactly, on BigInts otherwise.
fn binop(
    args: &[Value],
    reflected: bool,
    wide: fn(i128, i128) -> Option<Value>,
    f: fn(BigInt, BigInt) -> PyResult<Value>,
) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    let (x, y) = if reflected { (&args[1], &args[0]) } else { (&args[0], &args[1]) };
    if let (Some(a), Some(b)) = (to_i128(x), to_i128(y)) {
        if let Some(r) = wide(a, b) {
            return Ok(r);
        }
    }
    let (Some(a), Some(b)) = (to_bigint(x), to_bigint(y)) else {
        return Ok(rt().not_implemented.clone());
    };
    f(a, b)
}

/// The value of an int as i128, when it is an int and fits (no copy of
/// a BigInt's digits).
#[inline]
pub fn to_i128(v: &Value) -> Option<i128> {
    if let Some(i) = v.as_small_int() {
        return Some(i as i128);
    }
    v.downcast::<IntData>().and_then(|d| d.0.to_i128())
}

/// An int value from an i128.
pub fn from_i128(i: i128) -> Value {
    match i64::try_from(i) {
        Ok(small) => from_i64(small),
        Err(_) => crate::heap::alloc(&rt().types.int, IntData(BigInt::from(i))),
    }
}

/// `a op b` for two exact ints (no bools or subclasses, whose operators
/// may differ) of at most 128 bits whose result fits too: the operator
/// without the slot dispatch. `None` sends the caller the general way.
#[inline]
pub fn exact_binop(a: &Value, b: &Value, op: crate::ops::BinOp) -> Option<Value> {
    use crate::ops::BinOp;
    let (x, y) = match (a.as_small_int(), b.as_small_int()) {
        (Some(x), Some(y)) => (x as i128, y as i128),
        _ => {
            let int_type = rt().types.int.as_ptr();
            (exact_i128(a, int_type)?, exact_i128(b, int_type)?)
        }
    };
    match op {
        BinOp::Add => wide::add(x, y),
        BinOp::Sub => wide::sub(x, y),
        BinOp::Mul => wide::mul(x, y),
        BinOp::FloorDiv => wide::floordiv(x, y),
        BinOp::Mod => wide::modulo(x, y),
        BinOp::And => wide::and(x, y),
        BinOp::Or => wide::or(x, y),
        BinOp::Xor => wide::xor(x, y),
        BinOp::LShift => wide::lshift(x, y),
        BinOp::RShift => wide::rshift(x, y),
        BinOp::Pow | BinOp::TrueDiv | BinOp::MatMul => None,
    }
}

/// The value of an exact int (small, or a heap int whose type is
/// `int_type`, the `int` type object) as i128.
#[inline]
fn exact_i128(v: &Value, int_type: *const crate::heap::Header) -> Option<i128> {
    if let Some(i) = v.as_small_int() {
        return Some(i as i128);
    }
    if v.header()?.ty.get() != int_type {
        return None;
    }
    v.downcast::<IntData>().and_then(|d| d.0.to_i128())
}

/// The i128 forms of the int operators: `None` when the result does not
/// fit (or the operation raises), so that the BigInt path decides.
mod wide {
    use super::{from_i128, Value};

    pub fn add(a: i128, b: i128) -> Option<Value> {
        a.checked_add(b).map(from_i128)
    }
    pub fn sub(a: i128, b: i128) -> Option<Value> {
        a.checked_sub(b).map(from_i128)
    }
    pub fn mul(a: i128, b: i128) -> Option<Value> {
        a.checked_mul(b).map(from_i128)
    }
    /// Floor division (rounds towards minus infinity).
    pub fn floordiv(a: i128, b: i128) -> Option<Value> {
        let (q, r) = (a.checked_div(b)?, a.checked_rem(b)?);
        Some(from_i128(q - (r != 0 && (r < 0) != (b < 0)) as i128))
    }
    /// The modulo with the sign of the divisor.
    pub fn modulo(a: i128, b: i128) -> Option<Value> {
        let r = a.checked_rem(b)?;
        Some(from_i128(if r != 0 && (r < 0) != (b < 0) { r + b } else { r }))
    }
    pub fn and(a: i128, b: i128) -> Option<Value> {
        Some(from_i128(a & b))
    }
    pub fn or(a: i128, b: i128) -> Option<Value> {
        Some(from_i128(a | b))
    }
    pub fn xor(a: i128, b: i128) -> Option<Value> {
        Some(from_i128(a ^ b))
    }
    pub fn lshift(a: i128, b: i128) -> Option<Value> {
        if !(0..127).contains(&b) {
            return None;
        }
        let r = a << b;
        (r >> b == a).then(|| from_i128(r))
    }
    pub fn rshift(a: i128, b: i128) -> Option<Value> {
        (b >= 0).then(|| from_i128(a >> b.min(127)))
    }
    pub fn none(_: i128, _: i128) -> Option<Value> {
        None
    }
}

macro_rules! int_binops {
    ($( $name:ident, $rname:ident => $wide:expr, $f:expr; )*) => {
        $(
            fn $name(args: &[Value], _: &[Value]) -> PyResult<Value> { binop(args, false, $wide, $f) }
            fn $rname(args: &[Value], _: &[Value]) -> PyResult<Value> { binop(args, true, $wide, $f) }
        )*
    };
}

int_binops! {
    int_add, int_radd => wide::add, |a, b| Ok(from_bigint(a + b));
    int_sub, int_rsub => wide::sub, |a, b| Ok(from_bigint(a - b));
    int_mul, int_rmul => wide::mul, |a, b| Ok(from_bigint(a * b));
    int_floordiv, int_rfloordiv => wide::floordiv, big_floordiv;
    int_truediv, int_rtruediv => wide::none, big_truediv;
    int_mod, int_rmod => wide::modulo, big_mod;
    int_divmod, int_rdivmod => wide::none, |a, b| Ok(super::tuple::new(vec![big_floordiv(a.clone(), b.clone())?, big_mod(a, b)?]));
    int_lshift, int_rlshift => wide::lshift, big_lshift;
    int_rshift, int_rrshift => wide::rshift, big_rshift;
    int_and, int_rand => wide::and, |a, b| Ok(from_bigint(a & b));
    int_or, int_ror => wide::or, |a, b| Ok(from_bigint(a | b));
    int_xor, int_rxor => wide::xor, |a, b| Ok(from_bigint(a ^ b));
}

pub fn big_floordiv(a: BigInt, b: BigInt) -> PyResult<Value> {
    if b.is_zero() {
        return Err(exc::zero_division_error("integer division or modulo by zero"));
    }
    Ok(from_bigint(a.div_floor(&b)))
}

pub fn big_mod(a: BigInt, b: BigInt) -> PyResult<Value> {
    if b.is_zero() {
        return Err(exc::zero_division_error("integer modulo by zero"));
    }
    Ok(from_bigint(a.mod_floor(&b)))
}

pub fn big_truediv(a: BigInt, b: BigInt) -> PyResult<Value> {
    if b.is_zero() {
        return Err(exc::zero_division_error("division by zero"));
    }
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Ok(Value::float(x as f64 / y as f64));
        }
    }
    let q = num_rational_div(&a, &b);
    if !q.is_finite() {
        return Err(exc::overflow_error("integer division result too large for a float"));
    }
    Ok(Value::float(q))
}

/// a / b for big ints, correctly scaled (not always correctly rounded).
fn num_rational_div(a: &BigInt, b: &BigInt) -> f64 {
    let shift = a.bits() as i64 - b.bits() as i64 - 60;
    let (num, den) = if shift > 0 {
        (a.clone(), b.clone() << shift as usize)
    } else {
        (a.clone() << (-shift) as usize, b.clone())
    };
    let q = num / den;
    q.to_f64().unwrap_or(f64::NAN) * 2f64.powi(shift as i32)
}

fn big_lshift(a: BigInt, b: BigInt) -> PyResult<Value> {
    if b.is_negative() {
        return Err(exc::value_error("negative shift count"));
    }
    let n = b
        .to_usize()
        .filter(|n| *n < (1 << 32))
        .ok_or_else(|| exc::overflow_error("too many digits in integer"))?;
    Ok(from_bigint(a << n))
}

fn big_rshift(a: BigInt, b: BigInt) -> PyResult<Value> {
    if b.is_negative() {
        return Err(exc::value_error("negative shift count"));
    }
    let n = b.to_usize().unwrap_or(usize::MAX);
    if n > a.bits() as usize {
        return Ok(from_i64(if a.is_negative() { -1 } else { 0 }));
    }
    Ok(from_bigint(a.div_floor(&(BigInt::one() << n))))
}

/// `a ** b` (and `pow(a, b, m)`).
pub fn big_pow(a: BigInt, b: BigInt, m: Option<BigInt>) -> PyResult<Value> {
    if let Some(m) = m {
        if m.is_zero() {
            return Err(exc::value_error("pow() 3rd argument cannot be 0"));
        }
        let base = if b.is_negative() {
            mod_inverse(&a, &m)
                .ok_or_else(|| exc::value_error("base is not invertible for the given modulus"))?
        } else {
            a
        };
        let r = base.modpow(&b.abs(), &m.abs());
        let r = if m.is_negative() && !r.is_zero() { r + &m } else { r };
        return Ok(from_bigint(r));
    }
    if b.is_negative() {
        let x = big_to_f64(&a)?;
        let y = big_to_f64(&b)?;
        if x == 0.0 {
            return Err(exc::zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::float(x.powf(y)));
    }
    let e = b.to_u32().ok_or_else(|| exc::overflow_error("exponent too large"))?;
    Ok(from_bigint(Pow::pow(a, e)))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let e = a.extended_gcd(m);
    if !e.gcd.is_one() {
        return None;
    }
    Some(e.x.mod_floor(m))
}

fn int_pow(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__pow__", args, 2, 3)?;
    let (Some(a), Some(b)) = (to_bigint(&args[0]), to_bigint(&args[1])) else {
        return Ok(rt().not_implemented.clone());
    };
    let m = match args.get(2) {
        Some(v) if !v.is(&rt().none) => match to_bigint(v) {
            Some(m) => Some(m),
            None => return Ok(rt().not_implemented.clone()),
        },
        _ => None,
    };
    big_pow(a, b, m)
}

fn int_rpow(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__rpow__", args, 2, 3)?;
    let (Some(a), Some(b)) = (to_bigint(&args[0]), to_bigint(&args[1])) else {
        return Ok(rt().not_implemented.clone());
    };
    big_pow(b, a, None)
}

fn compare(args: &[Value], f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let Some(a) = to_bigint(&args[0]) else {
        return Ok(rt().not_implemented.clone());
    };
    if let Some(b) = to_bigint(&args[1]) {
        return Ok(rt().bool_value(f(a.cmp(&b))));
    }
    if let Some(y) = args[1].as_float() {
        return Ok(match super::float::compare_int_float(&a, y) {
            Some(o) => rt().bool_value(f(o)),
            None => rt().bool_value(f(std::cmp::Ordering::Less) && f(std::cmp::Ordering::Greater)),
        });
    }
    Ok(rt().not_implemented.clone())
}

fn int_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_eq())
}
fn int_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_ne())
}
fn int_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_lt())
}
fn int_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_le())
}
fn int_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_gt())
}
fn int_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, |o| o.is_ge())
}

fn int_format(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__format__", args, 2, 2)?;
    let spec = super::str::as_str(&args[1]).ok_or_else(|| exc::type_error("format spec must be str"))?;
    if spec.is_empty() {
        return crate::ops::str_(&args[0]);
    }
    let value = match args[0].as_small_int() {
        Some(i) => crate::numbers::Int::Small(i),
        None => crate::numbers::Int::from_big(this_big(&args[0])?),
    };
    crate::format::format_int(&value, spec)
}

fn int_round(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__round__", args, 1, 2)?;
    let a = this_big(&args[0])?;
    let nd = match args.get(1) {
        Some(v) if !v.is(&rt().none) => index_value(v)?.unwrap_or(0),
        _ => return Ok(from_bigint(a)),
    };
    if nd >= 0 {
        return Ok(from_bigint(a));
    }
    let p = Pow::pow(BigInt::from(10), (-nd) as u32);
    let (q, r) = a.div_mod_floor(&p);
    let twice = &r * 2;
    let q = if twice > p || (twice == p && q.is_odd()) { q + 1 } else { q };
    Ok(from_bigint(q * p))
}

fn int_bit_length(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(from_i64(this_big(&args[0])?.bits() as i64))
}

fn int_bit_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this_big(&args[0])?.abs();
    let n: u64 = a.to_u64_digits().1.iter().map(|d| d.count_ones() as u64).sum();
    Ok(from_i64(n as i64))
}

fn int_getnewargs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::tuple::new(vec![from_bigint(this_big(&args[0])?)]))
}

fn bool_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("bool() takes no keyword arguments"));
    }
    check_args("bool", args, 1, 2)?;
    match args.get(1) {
        None => Ok(rt().false_.clone()),
        Some(v) => Ok(rt().bool_value(crate::ops::truthy(v)?)),
    }
}

fn bool_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let t = this_big(&args[0])?;
    Ok(super::str::new(if t.is_zero() { "False" } else { "True" }))
}

fn bool_binop(args: &[Value], f: fn(bool, bool) -> bool, g: fn(BigInt, BigInt) -> BigInt) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    let is_bool = |v: &Value| is_instance(v, &rt().types.bool_);
    if is_bool(&args[0]) && is_bool(&args[1]) {
        let a = args[0].is(&rt().true_);
        let b = args[1].is(&rt().true_);
        return Ok(rt().bool_value(f(a, b)));
    }
    match (to_bigint(&args[0]), to_bigint(&args[1])) {
        (Some(a), Some(b)) => Ok(from_bigint(g(a, b))),
        _ => Ok(rt().not_implemented.clone()),
    }
}

fn bool_and(args: &[Value], _: &[Value]) -> PyResult<Value> {
    bool_binop(args, |a, b| a & b, |a, b| a & b)
}
fn bool_or(args: &[Value], _: &[Value]) -> PyResult<Value> {
    bool_binop(args, |a, b| a | b, |a, b| a | b)
}
fn bool_xor(args: &[Value], _: &[Value]) -> PyResult<Value> {
    bool_binop(args, |a, b| a ^ b, |a, b| a ^ b)
}

/// Binds `(length=1, byteorder="big", *, signed=False)`-style arguments:
/// the positional names, then the keyword-only `signed`.
fn bytes_args<'a>(
    name: &str,
    args: &'a [Value],
    kwnames: &'a [Value],
    positional: &[&str],
) -> PyResult<(Vec<Option<&'a Value>>, bool)> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.len() - 1 > positional.len() {
        return Err(exc::type_error(format!(
            "{name}() takes at most {} positional arguments ({} given)",
            positional.len(),
            pos.len() - 1
        )));
    }
    let mut slots: Vec<Option<&Value>> = pos[1..].iter().map(Some).collect();
    slots.resize(positional.len(), None);
    let mut signed = false;
    for (k, v) in kws {
        if k == "signed" {
            signed = crate::ops::truthy(v)?;
        } else if let Some(i) = positional.iter().position(|p| *p == k) {
            slots[i] = Some(v);
        } else {
            return Err(exc::type_error(format!("{name}() got an unexpected keyword argument '{k}'")));
        }
    }
    Ok((slots, signed))
}

/// `byteorder`: true for "little".
fn little_endian(v: Option<&Value>, name: &str) -> PyResult<bool> {
    let Some(v) = v else { return Ok(false) };
    match super::str::as_str(v) {
        Some("little") => Ok(true),
        Some("big") => Ok(false),
        Some(_) => Err(exc::value_error("byteorder must be either 'little' or 'big'")),
        None => {
            Err(exc::type_error(format!("{name}() argument 'byteorder' must be str, not {}", type_name(v))))
        }
    }
}

fn int_to_bytes(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (slots, signed) = bytes_args("to_bytes", args, kwnames, &["length", "byteorder"])?;
    let value = to_bigint(&args[0]).ok_or_else(|| exc::type_error("expected int"))?;
    let length = match slots[0] {
        Some(v) => index_value(v)?.ok_or_else(|| {
            exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
        })?,
        None => 1,
    };
    if length < 0 {
        return Err(exc::value_error("length argument must be non-negative"));
    }
    let little = little_endian(slots[1], "to_bytes")?;
    let out = crate::numbers::bits::to_bytes(
        &crate::numbers::Int::from_big(value),
        length as usize,
        little,
        signed,
    )
    .map_err(crate::format::num_error)?;
    Ok(super::bytes::new(out))
}

fn int_from_bytes(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (slots, signed) = bytes_args("from_bytes", args, kwnames, &["bytes", "byteorder"])?;
    let src =
        slots[0].ok_or_else(|| exc::type_error("from_bytes() missing required argument 'bytes' (pos 1)"))?;
    if is_int(src) {
        return Err(exc::type_error(format!("cannot convert '{}' object to bytes", type_name(src))));
    }
    let data = super::bytes::from_object(src)?;
    let little = little_endian(slots[1], "from_bytes")?;
    let value = from_bigint(crate::numbers::bits::from_bytes(&data, little, signed).to_big());
    if args[0].is(&rt().types.int) {
        return Ok(value);
    }
    crate::call::call(&args[0], &[value], &[])
}
