//! `math` (CPython's `mathmodule.c`): every function and constant of
//! CPython 3.11's `math`, with its results and its exceptions. Functions
//! that CPython hands to the C library (`sin`, `exp`, `log`, `pow`, …) call
//! the same glibc functions through Rust's `f64` methods, so results agree
//! bit for bit; those CPython computes itself (`gamma`, `lgamma`, `fsum`,
//! `hypot`/`dist`, `remainder`, `atan2`'s special cases) follow its
//! algorithms step by step. The integer functions (`factorial`, `comb`,
//! `perm`, `isqrt`, `gcd`, `lcm`) take ints of any size. The float-only
//! algorithms live in `math_float.rs`.

use crate::math_float as mf;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, boolean};
use taipan_vm::objects::{dict, float as pyfloat, int, m, mk, tuple, Method};
use taipan_vm::ops::{self, BinOp};
use taipan_vm::types::type_name;
use taipan_vm::Value;

const FUNCTIONS: &[Method] = &[
    m("acos", |a, _| math_1(a, "acos", f64::acos, false)),
    m("acosh", |a, _| math_1(a, "acosh", mf::acosh, false)),
    m("asin", |a, _| math_1(a, "asin", f64::asin, false)),
    m("asinh", |a, _| math_1(a, "asinh", mf::asinh, false)),
    m("atan", |a, _| math_1(a, "atan", f64::atan, false)),
    m("atan2", |a, _| math_2(a, "atan2", mf::atan2)),
    m("atanh", |a, _| math_1(a, "atanh", mf::atanh, false)),
    m("cbrt", |a, _| math_1(a, "cbrt", mf::cbrt, false)),
    m("ceil", |a, _| rounding(a, "ceil", "__ceil__", f64::ceil)),
    m("comb", |a, _| comb_perm(a, "comb", true)),
    m("copysign", |a, _| math_2(a, "copysign", f64::copysign)),
    m("cos", |a, _| math_1(a, "cos", f64::cos, false)),
    m("cosh", |a, _| math_1(a, "cosh", f64::cosh, true)),
    m("degrees", |a, _| Ok(Value::float(as_double(one(a, "degrees")?)? * (180.0 / std::f64::consts::PI)))),
    m("dist", math_dist),
    m("erf", |a, _| math_1a(a, "erf", |x| (mf::erf(x), None))),
    m("erfc", |a, _| math_1a(a, "erfc", |x| (mf::erfc(x), None))),
    m("exp", |a, _| math_1(a, "exp", f64::exp, true)),
    m("exp2", |a, _| math_1(a, "exp2", f64::exp2, true)),
    m("expm1", |a, _| math_1(a, "expm1", f64::exp_m1, true)),
    m("fabs", |a, _| math_1(a, "fabs", f64::abs, false)),
    m("factorial", |a, _| factorial(one(a, "factorial")?)),
    m("floor", |a, _| rounding(a, "floor", "__floor__", f64::floor)),
    m("fmod", math_fmod),
    m("frexp", math_frexp),
    m("fsum", |a, _| Ok(Value::float(fsum(one(a, "fsum")?)?))),
    m("gamma", |a, _| math_1a(a, "gamma", mf::tgamma)),
    m("gcd", math_gcd),
    m("hypot", math_hypot),
    mk("isclose", math_isclose),
    m("isfinite", |a, _| Ok(boolean(as_double(one(a, "isfinite")?)?.is_finite()))),
    m("isinf", |a, _| Ok(boolean(as_double(one(a, "isinf")?)?.is_infinite()))),
    m("isnan", |a, _| Ok(boolean(as_double(one(a, "isnan")?)?.is_nan()))),
    m("isqrt", |a, _| isqrt(one(a, "isqrt")?)),
    m("lcm", math_lcm),
    m("ldexp", math_ldexp),
    m("lgamma", |a, _| math_1a(a, "lgamma", mf::lgamma)),
    m("log", math_log),
    m("log10", |a, _| log_helper(one(a, "log10")?, f64::log10)),
    m("log1p", |a, _| math_1(a, "log1p", f64::ln_1p, false)),
    m("log2", |a, _| log_helper(one(a, "log2")?, f64::log2)),
    m("modf", math_modf),
    m("nextafter", |a, _| {
        let (x, y) = two_doubles(a, "nextafter")?;
        Ok(Value::float(mf::nextafter(x, y)))
    }),
    m("perm", |a, _| comb_perm(a, "perm", false)),
    m("pow", math_pow),
    mk("prod", math_prod),
    m("radians", |a, _| Ok(Value::float(as_double(one(a, "radians")?)? * (std::f64::consts::PI / 180.0)))),
    m("remainder", |a, _| math_2(a, "remainder", mf::remainder)),
    m("sin", |a, _| math_1(a, "sin", f64::sin, false)),
    m("sinh", |a, _| math_1(a, "sinh", f64::sinh, true)),
    m("sqrt", |a, _| math_1(a, "sqrt", f64::sqrt, false)),
    m("tan", |a, _| math_1(a, "tan", f64::tan, false)),
    m("tanh", |a, _| math_1(a, "tanh", f64::tanh, false)),
    m("trunc", math_trunc),
    m("ulp", |a, _| Ok(Value::float(mf::ulp(as_double(one(a, "ulp")?)?)))),
];

/// Builds the `math` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("math", FUNCTIONS);
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        dict::set_str(&d, name, Value::float(value));
    }
    dict::set_str(
        &d,
        "__doc__",
        taipan_vm::objects::str::new(
            "This module provides access to the mathematical functions\ndefined by the C standard.",
        ),
    );
    Ok(md)
}

// ---- argument helpers ----

/// The single argument of a one-argument function (`args[0]` is the module).
fn one<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    match args {
        [_, x] => Ok(x),
        _ => Err(exc::type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

/// The two arguments of a two-argument positional function.
fn two<'a>(args: &'a [Value], name: &str) -> PyResult<(&'a Value, &'a Value)> {
    match args {
        [_, x, y] => Ok((x, y)),
        _ => {
            Err(exc::type_error(format!("{name} expected 2 arguments, got {}", args.len().saturating_sub(1))))
        }
    }
}

fn two_doubles(args: &[Value], name: &str) -> PyResult<(f64, f64)> {
    let (x, y) = two(args, name)?;
    Ok((as_double(x)?, as_double(y)?))
}

/// `PyFloat_AsDouble`: a float, an int, or an object with `__float__` or
/// `__index__`.
pub(crate) fn as_double(v: &Value) -> PyResult<f64> {
    if let Some(f) = pyfloat::to_f64(v) {
        return Ok(f);
    }
    if let Some(i) = v.as_small_int() {
        return Ok(i as f64);
    }
    if let Some(r) = ops::call_dunder_opt(v, "__float__", &[])? {
        return pyfloat::to_f64(&r).ok_or_else(|| {
            exc::type_error(format!("{}.__float__ returned non-float (type {})", type_name(v), type_name(&r)))
        });
    }
    if let Some(b) = int::to_bigint(v) {
        return int::big_to_f64(&b);
    }
    if let Some(r) = ops::call_dunder_opt(v, "__index__", &[])? {
        if let Some(b) = int::to_bigint(&r) {
            return int::big_to_f64(&b);
        }
        return Err(exc::type_error(format!("__index__ returned non-int (type {})", type_name(&r))));
    }
    Err(exc::type_error(format!("must be real number, not {}", type_name(v))))
}

/// `operator.index(v)` as a BigInt.
fn as_index(v: &Value) -> PyResult<BigInt> {
    let i = int::index(v)?;
    Ok(int::to_bigint(&i).unwrap_or_default())
}

fn domain_error() -> exc::PyErr {
    exc::value_error("math domain error")
}

fn range_error() -> exc::PyErr {
    exc::overflow_error("math range error")
}

/// The C library's error report after a call, as CPython's `is_error`
/// reads `errno`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Errno {
    Domain,
    Range,
}

/// Raises for `errno` as CPython's `is_error` does (ERANGE on a result
/// below 1.5 in magnitude is an underflow and is ignored).
fn check_errno(r: f64, errno: Option<Errno>) -> PyResult<Value> {
    match errno {
        Some(Errno::Domain) => Err(domain_error()),
        Some(Errno::Range) if r.abs() >= 1.5 => Err(range_error()),
        _ => Ok(Value::float(r)),
    }
}

// ---- the libm wrappers ----

/// CPython's `math_1`: a NaN from a non-NaN is a domain error, an infinity
/// from a finite value is a range error (`can_overflow`) or a domain error.
fn math_1(args: &[Value], name: &str, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    apply_1(as_double(one(args, name)?)?, f, can_overflow)
}

/// `math_1` once the argument is a float.
fn apply_1(x: f64, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error() } else { domain_error() });
    }
    Ok(Value::float(r))
}

/// CPython's `math_1a`: the function reports its own errors.
fn math_1a(args: &[Value], name: &str, f: fn(f64) -> (f64, Option<Errno>)) -> PyResult<Value> {
    let x = as_double(one(args, name)?)?;
    let (r, errno) = f(x);
    check_errno(r, errno)
}

/// CPython's `math_2`.
fn math_2(args: &[Value], name: &str, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let (x, y) = two_doubles(args, name)?;
    let r = f(x, y);
    let errno = if r.is_nan() && !x.is_nan() && !y.is_nan() {
        Some(Errno::Domain)
    } else if r.is_infinite() && x.is_finite() && y.is_finite() {
        Some(Errno::Range)
    } else {
        None
    };
    check_errno(r, errno)
}

fn math_fmod(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (x, y) = two_doubles(args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(Value::float(r))
}

fn math_pow(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (x, y) = two_doubles(args, "pow")?;
    let (r, errno) = mf::pow(x, y);
    check_errno(r, errno)
}

fn math_frexp(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let x = as_double(one(args, "frexp")?)?;
    let (m, e) = mf::frexp(x);
    Ok(tuple::new(vec![Value::float(m), int::from_i64(e as i64)]))
}

fn math_modf(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let x = as_double(one(args, "modf")?)?;
    let (frac, whole) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let whole = x.trunc();
        ((x - whole).copysign(x), whole)
    };
    Ok(tuple::new(vec![Value::float(frac), Value::float(whole)]))
}

fn math_ldexp(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (xv, iv) = two(args, "ldexp")?;
    let x = as_double(xv)?;
    let Some(i) = int::to_bigint(iv) else {
        return Err(exc::type_error("Expected an int as second argument to ldexp."));
    };
    let exp = i.to_i64().unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX });
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::float(x));
    }
    if exp > i32::MAX as i64 {
        return Err(range_error());
    }
    if exp < i32::MIN as i64 {
        return Ok(Value::float(0.0f64.copysign(x)));
    }
    let r = mf::ldexp(x, exp as i32);
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(Value::float(r))
}

// ---- rounding ----

/// `floor`/`ceil`: an exact float directly, else the type's `__floor__` /
/// `__ceil__`, else the float value.
fn rounding(args: &[Value], name: &str, dunder: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = one(args, name)?;
    if let Some(v) = x.as_float() {
        return float_to_int(f(v));
    }
    if let Some(r) = ops::call_dunder_opt(x, dunder, &[])? {
        return Ok(r);
    }
    float_to_int(f(as_double(x)?))
}

/// `int(f)` for an integral float, with CPython's errors for nan and inf.
fn float_to_int(f: f64) -> PyResult<Value> {
    if f.abs() < 9.2e18 {
        return Ok(int::from_i64(f as i64));
    }
    Ok(int::from_bigint(pyfloat::float_to_bigint(f)?))
}

fn math_trunc(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let x = one(args, "trunc")?;
    if let Some(v) = x.as_float() {
        return float_to_int(v);
    }
    match ops::call_dunder_opt(x, "__trunc__", &[])? {
        Some(r) => Ok(r),
        None => Err(exc::type_error(format!("type {} doesn't define __trunc__ method", type_name(x)))),
    }
}

// ---- logarithms ----

fn math_log(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (x, base) = match args {
        [_, x] => (x, None),
        [_, x, b] => (x, Some(b)),
        _ => return Err(exc::type_error("math.log requires 1 to 2 arguments")),
    };
    let num = log_helper(x, f64::ln)?;
    let Some(base) = base else { return Ok(num) };
    let den = log_helper(base, f64::ln)?;
    ops::binary(&num, &den, BinOp::TrueDiv)
}

/// CPython's `loghelper`: ints of any size (through their binary exponent
/// when they do not fit a float), else `math_1` of the function.
fn log_helper(x: &Value, f: fn(f64) -> f64) -> PyResult<Value> {
    let Some(n) = int::to_bigint(x) else {
        return apply_1(as_double(x)?, f, false);
    };
    if n.sign() != Sign::Plus {
        return Err(domain_error());
    }
    if let Some(v) = n.to_f64().filter(|v| v.is_finite()) {
        return Ok(Value::float(f(v)));
    }
    let (m, e) = mf::big_frexp(&n);
    Ok(Value::float(f(m) + f(2.0) * e as f64))
}

// ---- sums and norms ----

/// `fsum(iterable)`: Shewchuk's exact partial sums, rounded once.
fn fsum(seq: &Value) -> PyResult<f64> {
    let it = ops::iter(seq)?;
    let mut acc = mf::Fsum::default();
    while let Some(item) = ops::next(&it)? {
        let x = as_double(&item)?;
        if !acc.add(x) {
            return Err(exc::overflow_error("intermediate overflow in fsum"));
        }
    }
    acc.result().ok_or_else(|| exc::value_error("-inf + inf in fsum"))
}

fn math_hypot(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let coords = args[1..].iter().map(|v| Ok(as_double(v)?.abs())).collect::<PyResult<Vec<f64>>>()?;
    Ok(Value::float(mf::norm(&coords)))
}

fn math_dist(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (p, q) = two(args, "dist")?;
    let p = ops::collect(p)?;
    let q = ops::collect(q)?;
    if p.len() != q.len() {
        return Err(exc::value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        let (a, b) = (as_double(a)?, as_double(b)?);
        diffs.push((a - b).abs());
    }
    Ok(Value::float(mf::norm(&diffs)))
}

fn math_prod(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - 1 - kwnames.len();
    if npos != 1 {
        return Err(exc::type_error(format!("prod() takes exactly 1 positional argument ({npos} given)")));
    }
    let mut result = int::from_i64(1);
    for (k, v) in kwnames.iter().zip(&args[2..]) {
        let k = taipan_vm::objects::str::as_str(k).unwrap_or("");
        if k != "start" {
            return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for prod()")));
        }
        result = v.clone();
    }
    let it = ops::iter(&args[1])?;
    while let Some(item) = ops::next(&it)? {
        result = ops::binary(&result, &item, BinOp::Mul)?;
    }
    Ok(result)
}

fn math_isclose(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - 1 - kwnames.len();
    if npos > 2 {
        return Err(exc::type_error(format!(
            "isclose() takes exactly 2 positional arguments ({npos} given)"
        )));
    }
    let b = native::bind_clinic("isclose", &args[1..], kwnames, &["a", "b", "rel_tol", "abs_tol"], 2)?;
    let a = as_double(b[0].as_ref().unwrap_or(&args[1]))?;
    let bb = as_double(b[1].as_ref().unwrap_or(&args[1]))?;
    let rel_tol = b[2].as_ref().map(as_double).transpose()?.unwrap_or(1e-9);
    let abs_tol = b[3].as_ref().map(as_double).transpose()?.unwrap_or(0.0);
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(exc::value_error("tolerances must be non-negative"));
    }
    Ok(boolean(mf::isclose(a, bb, rel_tol, abs_tol)))
}

// ---- integer functions ----

fn math_gcd(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut acc = BigInt::zero();
    for v in &args[1..] {
        let x = as_index(v)?;
        if !acc.is_one() {
            acc = acc.gcd(&x);
        }
    }
    Ok(int::from_bigint(acc.abs()))
}

fn math_lcm(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut acc = BigInt::one();
    for (i, v) in args[1..].iter().enumerate() {
        let x = as_index(v)?;
        if i == 0 {
            acc = x.abs();
        } else if !acc.is_zero() {
            acc = if x.is_zero() { BigInt::zero() } else { (&acc / acc.gcd(&x) * &x).abs() };
        }
    }
    Ok(int::from_bigint(acc))
}

fn isqrt(v: &Value) -> PyResult<Value> {
    let n = as_index(v)?;
    if n.is_negative() {
        return Err(exc::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(int::from_bigint(n.sqrt()))
}

fn factorial(v: &Value) -> PyResult<Value> {
    let n = as_index(v)?;
    if n.is_negative() {
        return Err(exc::value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= i64::MAX as u64) else {
        return Err(exc::overflow_error(format!("factorial() argument should not exceed {}", i64::MAX)));
    };
    guard_size(n.saturating_mul(64 - n.leading_zeros() as u64))?;
    Ok(int::from_bigint(mf::factorial(n)))
}

/// A MemoryError instead of an attempt at an absurdly large result
/// (`bits` is an upper bound on its size).
fn guard_size(bits: u64) -> PyResult<()> {
    if bits > taipan_vm::numbers::arith::MAX_RESULT_BITS {
        return Err(exc::memory_error(""));
    }
    Ok(())
}

/// `comb(n, k)` / `perm(n, k=None)`.
fn comb_perm(args: &[Value], name: &str, is_comb: bool) -> PyResult<Value> {
    let (nv, kv) = match (args, is_comb) {
        ([_, n, k], _) => (n, Some(k)),
        ([_, n], false) => (n, None),
        _ => {
            let given = args.len().saturating_sub(1);
            let msg = if is_comb {
                format!("{name} expected 2 arguments, got {given}")
            } else if given > 2 {
                format!("{name} expected at most 2 arguments, got {given}")
            } else {
                format!("{name} expected at least 1 argument, got {given}")
            };
            return Err(exc::type_error(msg));
        }
    };
    let kv = kv.filter(|k| !k.is(&taipan_vm::runtime::rt().none));
    let Some(kv) = kv else { return factorial(nv) };
    let n = as_index(nv)?;
    let k = as_index(kv)?;
    if n.is_negative() {
        return Err(exc::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(exc::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(int::from_i64(0));
    }
    let k = if is_comb { std::cmp::min(k.clone(), &n - &k) } else { k };
    let Some(k) = k.to_u64().filter(|&k| k <= i64::MAX as u64) else {
        let what = if is_comb { "min(n - k, k)" } else { "k" };
        return Err(exc::overflow_error(format!("{what} must not exceed {}", i64::MAX)));
    };
    guard_size(k.saturating_mul(n.bits()))?;
    Ok(int::from_bigint(mf::falling_product(&n, k, is_comb)))
}

#[cfg(test)]
mod tests {
    use super::mf;
    use num_bigint::BigInt;

    #[test]
    fn factorial_matches_naive_product() {
        for n in 0..200u64 {
            let naive: BigInt = (1..=n).map(BigInt::from).product();
            assert_eq!(mf::factorial(n), naive, "n={n}");
        }
    }

    #[test]
    fn comb_and_perm_match_naive() {
        for n in 0..40u64 {
            for k in 0..=n {
                let perm: BigInt = (n - k + 1..=n).map(BigInt::from).product();
                let kf: BigInt = (1..=k).map(BigInt::from).product();
                assert_eq!(mf::falling_product(&BigInt::from(n), k, false), perm);
                assert_eq!(mf::falling_product(&BigInt::from(n), k, true), &perm / kf);
            }
        }
    }
}
