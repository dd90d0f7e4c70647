//! `complex`: a first version (the standard library's `numbers` and `copy`
//! register it; everyday arithmetic works): construction from numbers,
//! `real`/`imag`, `conjugate`, `+ - * /`, `**` by an integer or a
//! complex, `abs`, `==`, `hash` and CPython's `repr`. Not yet: parsing
//! strings, `__format__`, `divmod`-style errors beyond division by zero.

use super::{check_args, m, new_method, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::numbers::format::{float_to_string, FloatFlags};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::cell::OnceCell;

/// The payload of a complex number.
pub struct ComplexData {
    pub re: f64,
    pub im: f64,
}

crate::interp_static! {
    static COMPLEX_TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// The `complex` type.
pub fn complex_type() -> Value {
    COMPLEX_TYPE.with(|c| {
        c.get_or_init(|| {
            super::object::new_native_type::<ComplexData>(
                "complex",
                "builtins",
                &rt().types.object,
                crate::types::TF_BASETYPE,
                METHODS,
                GETSETS,
            )
        })
        .clone()
    })
}

/// A new complex number.
pub fn new(re: f64, im: f64) -> Value {
    crate::heap::alloc(&complex_type(), ComplexData { re, im })
}

/// `(re, im)` of a complex, int or float (None for anything else).
fn parts(v: &Value) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = v.downcast::<ComplexData>() {
        return Ok(Some((c.re, c.im)));
    }
    if let Some(f) = v.as_float() {
        return Ok(Some((f, 0.0)));
    }
    if super::int::is_int(v) {
        return Ok(Some((super::float::float_of(v)?, 0.0)));
    }
    Ok(None)
}

const METHODS: &[Method] = &[
    new_method(complex_new),
    m("__repr__", complex_repr),
    m("__str__", complex_repr),
    m("__hash__", |a, _| {
        let (re, im) = parts(&a[0])?.unwrap_or_default();
        Ok(super::int::from_i64(crate::tables::hash::hash_complex(re, im, a[0].bits() as usize)))
    }),
    m("__eq__", |a, _| equality(a, true)),
    m("__ne__", |a, _| equality(a, false)),
    m("__bool__", |a, _| {
        let (re, im) = parts(&a[0])?.unwrap_or_default();
        Ok(rt().bool_value(re != 0.0 || im != 0.0))
    }),
    m("__neg__", |a, _| unary(a, |re, im| (-re, -im))),
    m("__pos__", |a, _| unary(a, |re, im| (re, im))),
    m("__abs__", |a, _| {
        let (re, im) = parts(&a[0])?.unwrap_or_default();
        let r = re.hypot(im);
        if r.is_infinite() && re.is_finite() && im.is_finite() {
            return Err(exc::overflow_error("absolute value too large"));
        }
        Ok(Value::float(r))
    }),
    m("conjugate", |a, _| unary(a, |re, im| (re, -im))),
    m("__complex__", |a, _| unary(a, |re, im| (re, im))),
    m("__add__", |a, _| binary(a, false, |x, y| Ok((x.0 + y.0, x.1 + y.1)))),
    m("__radd__", |a, _| binary(a, true, |x, y| Ok((x.0 + y.0, x.1 + y.1)))),
    m("__sub__", |a, _| binary(a, false, |x, y| Ok((x.0 - y.0, x.1 - y.1)))),
    m("__rsub__", |a, _| binary(a, true, |x, y| Ok((x.0 - y.0, x.1 - y.1)))),
    m("__mul__", |a, _| binary(a, false, |x, y| Ok(mul(x, y)))),
    m("__rmul__", |a, _| binary(a, true, |x, y| Ok(mul(x, y)))),
    m("__truediv__", |a, _| binary(a, false, quot)),
    m("__rtruediv__", |a, _| binary(a, true, quot)),
    m("__pow__", |a, _| binary(a, false, pow)),
    m("__rpow__", |a, _| binary(a, true, pow)),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("real", |v| Ok(Value::float(parts(v)?.unwrap_or_default().0)), None),
    ("imag", |v| Ok(Value::float(parts(v)?.unwrap_or_default().1)), None),
];

/// `complex(real=0, imag=0)`.
fn complex_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = super::split_kwargs(&args[1..], kwnames);
    if pos.len() > 2 {
        return Err(exc::type_error(format!("complex() takes at most 2 arguments ({} given)", pos.len())));
    }
    let mut real = pos.first().cloned();
    let mut imag = pos.get(1).cloned();
    for (k, v) in kws {
        match k {
            "real" => real = Some(v.clone()),
            "imag" => imag = Some(v.clone()),
            _ => return Err(exc::type_error(format!("complex() got an unexpected keyword argument '{k}'"))),
        }
    }
    let part = |v: &Option<Value>, which: &str| -> PyResult<(f64, f64)> {
        let Some(v) = v else { return Ok((0.0, 0.0)) };
        if let Some(p) = parts(v)? {
            return Ok(p);
        }
        if let Some(f) = crate::ops::call_dunder_opt(v, "__complex__", &[])? {
            return parts(&f)?.ok_or_else(|| exc::type_error("__complex__ returned non-complex"));
        }
        if let Some(f) = crate::ops::call_dunder_opt(v, "__float__", &[])? {
            return Ok((f.as_float().unwrap_or(0.0), 0.0));
        }
        Err(exc::type_error(format!("complex() {which} must be a number, not '{}'", type_name(v))))
    };
    let (rr, ri) = part(&real, "first argument")?;
    let (ir, ii) = part(&imag, "second argument")?;
    let data = ComplexData { re: rr - ii, im: ri + ir };
    super::object::alloc_maybe_subclass(&args[0], &complex_type(), data)
}

fn complex_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (re, im) = parts(&args[0])?.unwrap_or_default();
    let plain = FloatFlags::default();
    let signed = FloatFlags { sign: true, ..FloatFlags::default() };
    let s = if re == 0.0 && re.is_sign_positive() {
        format!("{}j", float_to_string(im, 'r', 0, plain))
    } else {
        let im_s = float_to_string(im, 'r', 0, signed);
        let im_s = if im.is_nan() { format!("+{im_s}") } else { im_s };
        format!("({}{im_s}j)", float_to_string(re, 'r', 0, plain))
    };
    Ok(super::str::from_string(s))
}

fn unary(args: &[Value], f: fn(f64, f64) -> (f64, f64)) -> PyResult<Value> {
    let (re, im) = parts(&args[0])?.ok_or_else(|| exc::type_error("expected a complex"))?;
    let (a, b) = f(re, im);
    Ok(new(a, b))
}

type Parts = (f64, f64);

fn binary(args: &[Value], reflected: bool, f: fn(Parts, Parts) -> PyResult<Parts>) -> PyResult<Value> {
    check_args("operator", args, 2, 2)?;
    let Some(a) = parts(&args[0])? else { return Ok(rt().not_implemented.clone()) };
    let Some(b) = parts(&args[1])? else { return Ok(rt().not_implemented.clone()) };
    let (x, y) = if reflected { (b, a) } else { (a, b) };
    let (re, im) = f(x, y)?;
    Ok(new(re, im))
}

fn mul(a: Parts, b: Parts) -> Parts {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `_Py_c_quot`: Smith's algorithm, as CPython.
fn quot(a: Parts, b: Parts) -> PyResult<Parts> {
    let (abs_breal, abs_bimag) = (b.0.abs(), b.1.abs());
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return Err(exc::zero_division_error("complex division by zero"));
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Ok(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bimag >= abs_breal {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Ok(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Ok((f64::NAN, f64::NAN))
    }
}

/// `a ** b`: repeated squaring for small integral exponents, else polar form.
fn pow(a: Parts, b: Parts) -> PyResult<Parts> {
    if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let mut result = (1.0, 0.0);
        let mut base = a;
        let mut k = n.unsigned_abs();
        while k > 0 {
            if k & 1 == 1 {
                result = mul(result, base);
            }
            base = mul(base, base);
            k >>= 1;
        }
        return if n < 0 { quot((1.0, 0.0), result) } else { Ok(result) };
    }
    if b == (0.0, 0.0) {
        return Ok((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(exc::zero_division_error("0.0 to a negative or complex power"));
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

fn equality(args: &[Value], eq: bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let Some(a) = parts(&args[0])? else { return Ok(rt().not_implemented.clone()) };
    let Some(b) = parts(&args[1])? else { return Ok(rt().not_implemented.clone()) };
    Ok(rt().bool_value((a == b) == eq))
}
