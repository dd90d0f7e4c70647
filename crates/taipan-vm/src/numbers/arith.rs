//! Arithmetic semantics of int and float: floor division and modulo with
//! Python's sign rules (the result of `%` takes the divisor's sign), true
//! division (correctly rounded for big ints, as CPython's
//! `long_true_divide`), powers (`int ** int`, three-argument `pow`,
//! `float ** float`), and int ↔ float conversion.

use super::{Int, NumError, NumResult};
use num_bigint::{BigInt, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The largest result, in bits, that `**` and `<<` agree to build.
pub const MAX_RESULT_BITS: u64 = 1 << 32;

/// `a + b`, `a - b`, `a * b`: small while the result fits in an `i64`.
pub fn int_add(a: &Int, b: &Int) -> Int {
    match (a, b) {
        (Int::Small(x), Int::Small(y)) => {
            x.checked_add(*y).map_or_else(|| Int::Big(BigInt::from(*x) + y), Int::Small)
        }
        _ => Int::from_big(a.to_big() + b.to_big()),
    }
}

/// `a - b`.
pub fn int_sub(a: &Int, b: &Int) -> Int {
    match (a, b) {
        (Int::Small(x), Int::Small(y)) => {
            x.checked_sub(*y).map_or_else(|| Int::Big(BigInt::from(*x) - y), Int::Small)
        }
        _ => Int::from_big(a.to_big() - b.to_big()),
    }
}

/// `a * b`.
pub fn int_mul(a: &Int, b: &Int) -> Int {
    match (a, b) {
        (Int::Small(x), Int::Small(y)) => {
            x.checked_mul(*y).map_or_else(|| Int::Big(BigInt::from(*x) * y), Int::Small)
        }
        _ => Int::from_big(a.to_big() * b.to_big()),
    }
}

/// `-a`.
pub fn int_neg(a: &Int) -> Int {
    match a {
        Int::Small(x) => x.checked_neg().map_or_else(|| Int::Big(-BigInt::from(*x)), Int::Small),
        Int::Big(x) => Int::from_big(-x),
    }
}

/// `abs(a)`.
pub fn int_abs(a: &Int) -> Int {
    match a {
        Int::Small(x) if *x < 0 => int_neg(a),
        Int::Big(x) => Int::from_big(x.abs()),
        _ => a.clone(),
    }
}

fn int_zero_division() -> NumError {
    NumError::zero_division("integer division or modulo by zero")
}

/// `a // b` on small ints (`i64::MIN // -1` becomes a big int).
pub fn floordiv_i64(a: i64, b: i64) -> NumResult<Int> {
    if b == 0 {
        return Err(int_zero_division());
    }
    match a.checked_div(b) {
        Some(q) if (a % b != 0) && ((a < 0) != (b < 0)) => Ok(Int::Small(q - 1)),
        Some(q) => Ok(Int::Small(q)),
        None => Ok(Int::Big(-BigInt::from(a))),
    }
}

/// `a % b` on small ints: the result has the sign of `b`.
pub fn mod_i64(a: i64, b: i64) -> NumResult<i64> {
    if b == 0 {
        return Err(NumError::zero_division("integer modulo by zero"));
    }
    let r = a.wrapping_rem(b);
    Ok(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
}

/// `divmod(a, b)` on big ints.
pub fn divmod_big(a: &BigInt, b: &BigInt) -> NumResult<(BigInt, BigInt)> {
    if b.is_zero() {
        return Err(int_zero_division());
    }
    let (mut q, mut r) = (a / b, a % b);
    if !r.is_zero() && (r.is_negative() != b.is_negative()) {
        q -= 1;
        r += b;
    }
    Ok((q, r))
}

/// `divmod(a, b)` on ints.
pub fn int_divmod(a: &Int, b: &Int) -> NumResult<(Int, Int)> {
    if let (Int::Small(x), Int::Small(y)) = (a, b) {
        if *y == 0 {
            return Err(int_zero_division());
        }
        return Ok((floordiv_i64(*x, *y)?, Int::Small(mod_i64(*x, *y)?)));
    }
    let (q, r) = divmod_big(&a.to_big(), &b.to_big())?;
    Ok((Int::from_big(q), Int::from_big(r)))
}

/// `a // b` on ints.
pub fn int_floordiv(a: &Int, b: &Int) -> NumResult<Int> {
    match (a, b) {
        (Int::Small(x), Int::Small(y)) => floordiv_i64(*x, *y),
        _ => Ok(int_divmod(a, b)?.0),
    }
}

/// `a % b` on ints.
pub fn int_mod(a: &Int, b: &Int) -> NumResult<Int> {
    match (a, b) {
        (Int::Small(x), Int::Small(y)) => Ok(Int::Small(mod_i64(*x, *y)?)),
        _ if int_sign(b) == Sign::NoSign => Err(NumError::zero_division("integer modulo by zero")),
        _ => Ok(int_divmod(a, b)?.1),
    }
}

/// `float(int)`: correctly rounded; "int too large to convert to float".
pub fn int_to_f64(value: &Int) -> NumResult<f64> {
    let f = match value {
        Int::Small(v) => *v as f64,
        Int::Big(v) => v.to_f64().unwrap_or(f64::INFINITY),
    };
    if f.is_finite() {
        Ok(f)
    } else {
        Err(NumError::overflow("int too large to convert to float"))
    }
}

/// `int(x)` for a float: truncation, exact for any magnitude.
pub fn f64_to_int(x: f64) -> NumResult<Int> {
    if x.is_nan() {
        return Err(NumError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(NumError::overflow("cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    if t.abs() < (1u64 << 63) as f64 {
        return Ok(Int::Small(t as i64));
    }
    let (mantissa, exponent) = decompose(t);
    let magnitude = BigInt::from(mantissa) << exponent as usize;
    Ok(Int::from_big(if t < 0.0 { -magnitude } else { magnitude }))
}

/// |x| (finite, nonzero allowed to be zero) as `mantissa * 2**exponent`
/// with an integer mantissa below 2**53.
pub fn decompose(x: f64) -> (u64, i64) {
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// `x * 2**exp` for an `x` whose result is exactly representable (or
/// overflows), without intermediate rounding.
pub fn ldexp(x: f64, exp: i64) -> f64 {
    let pow2 = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    let mut x = x;
    let mut exp = exp.clamp(-2200, 2200);
    while exp > 1000 {
        x *= pow2(1000);
        exp -= 1000;
    }
    while exp < -1000 {
        x *= pow2(-1000);
        exp += 1000;
    }
    x * pow2(exp)
}

/// `a / b` on ints: the correctly rounded quotient.
pub fn int_truediv(a: &Int, b: &Int) -> NumResult<f64> {
    const EXACT: u64 = 1 << 53;
    if let (Int::Small(x), Int::Small(y)) = (a, b) {
        if *y == 0 {
            return Err(NumError::zero_division("division by zero"));
        }
        if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
            return Ok(*x as f64 / *y as f64);
        }
    }
    big_truediv(&a.to_big(), &b.to_big())
}

/// `long_true_divide`: shift so that the integer quotient has 55 or 56
/// significant bits (fewer for subnormal results), round it half-even
/// with the remainder as sticky bit, and scale.
fn big_truediv(a: &BigInt, b: &BigInt) -> NumResult<f64> {
    const MANT_DIG: i64 = 53;
    const MIN_EXP: i64 = -1021;
    const MAX_EXP: i64 = 1024;
    if b.is_zero() {
        return Err(NumError::zero_division("division by zero"));
    }
    let negative = a.is_negative() != b.is_negative();
    let signed = |m: f64| if negative { -m } else { m };
    let too_large = || NumError::overflow("integer division result too large for a float");
    if a.is_zero() {
        return Ok(signed(0.0));
    }
    let (a, b) = (a.magnitude(), b.magnitude());
    let diff = a.bits() as i64 - b.bits() as i64;
    if diff > MAX_EXP {
        return Err(too_large());
    }
    if diff < MIN_EXP - MANT_DIG - 1 {
        return Ok(signed(0.0));
    }
    let shift = diff.max(MIN_EXP) - MANT_DIG - 2;
    let (q, r) = if shift >= 0 {
        let d = b << shift as usize;
        (a / &d, a % &d)
    } else {
        let n = a << (-shift) as usize;
        (&n / b, &n % b)
    };
    let mut x = q.to_u64().unwrap_or(u64::MAX);
    let x_bits = 64 - x.leading_zeros() as i64;
    let extra_bits = x_bits.max(MIN_EXP - shift) - MANT_DIG;
    let mask = 1u64 << (extra_bits - 1);
    let low = x | u64::from(!r.is_zero());
    if low & mask != 0 && low & (3 * mask - 1) != 0 {
        x = x.wrapping_add(mask);
    }
    x &= !(2 * mask - 1);
    let dx = x as f64;
    if shift + x_bits >= MAX_EXP && (shift + x_bits > MAX_EXP || dx == ldexp(1.0, x_bits)) {
        return Err(too_large());
    }
    Ok(signed(ldexp(dx, shift)))
}

/// The result of `**`: ints stay ints unless the exponent is negative.
#[derive(Debug, Clone, PartialEq)]
pub enum IntPow {
    Int(Int),
    Float(f64),
}

/// `base ** exp` on ints (negative exponents go through float).
pub fn int_pow(base: &Int, exp: &Int) -> NumResult<IntPow> {
    let exp_big = exp.to_big();
    if exp_big.is_negative() {
        return match float_pow(int_to_f64(base)?, int_to_f64(exp)?)? {
            FloatPow::Real(f) => Ok(IntPow::Float(f)),
            FloatPow::NeedsComplex => unreachable_complex(),
        };
    }
    let b = base.to_big();
    if b.is_zero() || b.is_one() || exp_big.is_zero() {
        return Ok(IntPow::Int(Int::Small(if exp_big.is_zero() || b.is_one() { 1 } else { 0 })));
    }
    if b == BigInt::from(-1) {
        return Ok(IntPow::Int(Int::Small(if exp_big.bit(0) { -1 } else { 1 })));
    }
    let e = exp_big
        .to_u64()
        .filter(|e| e.saturating_mul(b.bits() - 1) <= MAX_RESULT_BITS)
        .ok_or_else(NumError::memory)?;
    if let (Int::Small(x), Ok(e32)) = (base, u32::try_from(e)) {
        if let Some(v) = x.checked_pow(e32) {
            return Ok(IntPow::Int(Int::Small(v)));
        }
    }
    Ok(IntPow::Int(Int::from_big(num_traits::pow::pow(b, e as usize))))
}

/// An int raised to an int exponent is real; the complex branch cannot be
/// reached (integral exponents), but errors are values here.
fn unreachable_complex() -> NumResult<IntPow> {
    Err(NumError::value("math domain error"))
}

/// `pow(base, exp, modulus)` on ints (a negative exponent uses the modular
/// inverse, Python 3.8+).
pub fn int_pow_mod(base: &Int, exp: &Int, modulus: &Int) -> NumResult<Int> {
    let m = modulus.to_big();
    if m.is_zero() {
        return Err(NumError::value("pow() 3rd argument cannot be 0"));
    }
    let negative_modulus = m.is_negative();
    let m = m.abs();
    let mut b = divmod_big(&base.to_big(), &m)?.1;
    let mut e = exp.to_big();
    if e.is_negative() {
        b = b.modinv(&m).ok_or_else(|| NumError::value("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut r = if m.is_one() { BigInt::zero() } else { b.modpow(&e, &m) };
    if negative_modulus && !r.is_zero() {
        r -= &m;
    }
    Ok(Int::from_big(r))
}

/// The result of `float ** float`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FloatPow {
    Real(f64),
    /// A negative base with a non-integral exponent: Python computes the
    /// result as `complex ** complex`.
    NeedsComplex,
}

fn is_odd_integer(x: f64) -> bool {
    x.is_finite() && (x % 2.0).abs() == 1.0
}

/// `float ** float` (CPython's `float_pow`, special cases first).
pub fn float_pow(v: f64, w: f64) -> NumResult<FloatPow> {
    use FloatPow::Real;
    if w == 0.0 {
        return Ok(Real(1.0));
    }
    if v.is_nan() {
        return Ok(Real(v));
    }
    if w.is_nan() {
        return Ok(Real(if v == 1.0 { 1.0 } else { w }));
    }
    if w.is_infinite() {
        let av = v.abs();
        return Ok(Real(if av == 1.0 {
            1.0
        } else if (w > 0.0) == (av > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if v.is_infinite() {
        let odd = is_odd_integer(w);
        return Ok(Real(match (w > 0.0, odd) {
            (true, true) => v,
            (true, false) => v.abs(),
            (false, true) => 0.0f64.copysign(v),
            (false, false) => 0.0,
        }));
    }
    if v == 0.0 {
        if w < 0.0 {
            return Err(NumError::zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(Real(if is_odd_integer(w) { v } else { 0.0 }));
    }
    let mut base = v;
    let mut negate = false;
    if v < 0.0 {
        if w != w.floor() {
            return Ok(FloatPow::NeedsComplex);
        }
        base = -v;
        negate = is_odd_integer(w);
    }
    let result = if base == 1.0 { 1.0 } else { base.powf(w) };
    if result.is_infinite() {
        return Err(NumError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(Real(if negate { -result } else { result }))
}

/// `a / b` on floats.
pub fn float_div(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::zero_division("float division by zero"));
    }
    Ok(a / b)
}

/// `a % b` on floats: the result takes the sign of `b`.
pub fn float_mod(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::zero_division("float modulo"));
    }
    Ok(float_mod_nonzero(a, b))
}

fn float_mod_nonzero(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

/// `a // b` on floats.
pub fn float_floordiv(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::zero_division("float floor division by zero"));
    }
    Ok(float_divmod_nonzero(a, b).0)
}

/// `divmod(a, b)` on floats (CPython's `float_divmod`).
pub fn float_divmod(a: f64, b: f64) -> NumResult<(f64, f64)> {
    if b == 0.0 {
        return Err(NumError::zero_division("float divmod()"));
    }
    Ok(float_divmod_nonzero(a, b))
}

fn float_divmod_nonzero(a: f64, b: f64) -> (f64, f64) {
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
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// The sign of an int in either form.
pub fn int_sign(value: &Int) -> Sign {
    match value {
        Int::Small(v) => match v.signum() {
            -1 => Sign::Minus,
            0 => Sign::NoSign,
            _ => Sign::Plus,
        },
        Int::Big(v) => v.sign(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> Int {
        Int::from_big(text.parse().unwrap())
    }

    #[test]
    fn floor_division_follows_the_divisor_sign() {
        assert_eq!(floordiv_i64(-7, 2), Ok(Int::Small(-4)));
        assert_eq!(mod_i64(-7, 2), Ok(1));
        assert_eq!(mod_i64(7, -2), Ok(-1));
        assert_eq!(floordiv_i64(i64::MIN, -1), Ok(big("9223372036854775808")));
        assert_eq!(mod_i64(i64::MIN, -1), Ok(0));
        assert_eq!(floordiv_i64(1, 0).unwrap_err().message, "integer division or modulo by zero");
        assert_eq!(float_divmod(-7.0, 2.0), Ok((-4.0, 1.0)));
        assert!(float_mod(-0.0, 5.0).unwrap().is_sign_positive());
        assert!(float_mod(0.0, -5.0).unwrap().is_sign_negative());
    }

    #[test]
    fn true_division_is_exact_for_big_ints() {
        let t = |a: &str, b: &str| int_truediv(&big(a), &big(b));
        assert_eq!(t(&format!("1{}", "0".repeat(400)), &format!("1{}", "0".repeat(399))), Ok(10.0));
        assert_eq!(t("1", "3"), Ok(1.0 / 3.0));
        assert_eq!(
            t(&format!("1{}", "0".repeat(400)), "1").unwrap_err().message,
            "integer division result too large for a float"
        );
        assert_eq!(t("0", "-5").map(f64::is_sign_negative), Ok(true));
    }

    #[test]
    fn ring_operations_overflow_to_big() {
        assert_eq!(int_add(&Int::Small(i64::MAX), &Int::Small(1)), big("9223372036854775808"));
        assert_eq!(int_sub(&big("9223372036854775808"), &Int::Small(1)), Int::Small(i64::MAX));
        assert_eq!(int_mul(&Int::Small(1 << 40), &Int::Small(1 << 40)), big("1208925819614629174706176"));
        assert_eq!(int_neg(&Int::Small(i64::MIN)), big("9223372036854775808"));
        assert_eq!(int_abs(&big("-9223372036854775808")), big("9223372036854775808"));
    }

    #[test]
    fn powers() {
        assert_eq!(int_pow(&Int::Small(2), &Int::Small(-1)), Ok(IntPow::Float(0.5)));
        assert_eq!(
            int_pow(&Int::Small(0), &Int::Small(-1)).unwrap_err().message,
            "0.0 cannot be raised to a negative power"
        );
        assert_eq!(int_pow(&Int::Small(3), &Int::Small(40)), Ok(IntPow::Int(big("12157665459056928801"))));
        assert_eq!(int_pow_mod(&Int::Small(3), &Int::Small(-1), &Int::Small(7)), Ok(Int::Small(5)));
        assert_eq!(int_pow_mod(&Int::Small(3), &Int::Small(2), &Int::Small(-7)), Ok(Int::Small(-5)));
        assert_eq!(float_pow(-8.0, 1.0 / 3.0), Ok(FloatPow::NeedsComplex));
        assert_eq!(float_pow(-2.0, 3.0), Ok(FloatPow::Real(-8.0)));
    }
}
