//! Float methods with exact semantics: `round` (correctly rounded to
//! `ndigits` decimal places, half-even on the exact binary value, as
//! CPython's dtoa-based `double_round`), `round()` to an int, `round(int,
//! -n)`, `as_integer_ratio`, `is_integer`, `float.hex` and
//! `float.fromhex`.

use super::arith::{decompose, divmod_big, f64_to_int, ldexp};
use super::{Int, NumError, NumResult};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// `round(x)`: half-even to an int.
pub fn round_to_int(x: f64) -> NumResult<Int> {
    let mut rounded = x.round();
    if (x - rounded).abs() == 0.5 {
        rounded = 2.0 * (x / 2.0).round();
    }
    f64_to_int(rounded)
}

/// `round(x, ndigits)` for a float (`ndigits` clipped to i64 by the caller).
pub fn round_float(x: f64, ndigits: i64) -> NumResult<f64> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let text = if ndigits >= 0 {
        format!("{x:.0$}", ndigits as usize)
    } else {
        let scaled = round_half_even_scaled(x, (-ndigits) as u32);
        let sign = if x.is_sign_negative() && scaled.is_zero() { "-" } else { "" };
        format!("{sign}{scaled}e{}", -ndigits)
    };
    let rounded: f64 = text.parse().unwrap_or(f64::NAN);
    if rounded.is_infinite() {
        return Err(NumError::overflow("rounded value too large to represent"));
    }
    Ok(rounded)
}

/// x / 10**k rounded half-even to an integer, computed exactly.
fn round_half_even_scaled(x: f64, k: u32) -> BigInt {
    let (mantissa, exponent) = decompose(x);
    let mut numerator = BigInt::from(mantissa);
    let mut denominator = num_traits::pow(BigInt::from(10), k as usize);
    if exponent >= 0 {
        numerator <<= exponent as usize;
    } else {
        denominator <<= (-exponent) as usize;
    }
    let q = divide_half_even(&numerator, &denominator);
    if x < 0.0 {
        -q
    } else {
        q
    }
}

/// n / d (both non-negative, d > 0) rounded half-even.
fn divide_half_even(n: &BigInt, d: &BigInt) -> BigInt {
    let (q, r) = (n / d, n % d);
    let twice: BigInt = r << 1;
    if twice > *d || twice == *d && q.bit(0) {
        q + 1
    } else {
        q
    }
}

/// `round(value, ndigits)` for an int: unchanged for `ndigits >= 0`, else
/// half-even to a multiple of `10**-ndigits`.
pub fn round_int(value: &Int, ndigits: &Int) -> Int {
    let Some(k) = negated_small(ndigits) else {
        return value.clone();
    };
    let v = value.to_big();
    let max_digits = v.bits() as f64 * std::f64::consts::LOG10_2 + 2.0;
    if k as f64 > max_digits {
        return Int::Small(0);
    }
    let unit = num_traits::pow(BigInt::from(10), k as usize);
    let q = divide_half_even(&v.abs(), &unit) * unit;
    Int::from_big(if v.is_negative() { -q } else { q })
}

/// `-ndigits` when `ndigits` is negative (saturated to u64).
fn negated_small(ndigits: &Int) -> Option<u64> {
    match ndigits {
        Int::Small(n) if *n < 0 => Some(n.unsigned_abs()),
        Int::Small(_) => None,
        Int::Big(n) => n.is_negative().then_some(u64::MAX),
    }
}

/// `float.as_integer_ratio()`, in lowest terms with a positive denominator.
pub fn as_integer_ratio(x: f64) -> NumResult<(Int, Int)> {
    if x.is_nan() {
        return Err(NumError::value("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(NumError::overflow("cannot convert Infinity to integer ratio"));
    }
    let (mut mantissa, mut exponent) = decompose(x);
    if mantissa == 0 {
        return Ok((Int::Small(0), Int::Small(1)));
    }
    let zeros = mantissa.trailing_zeros() as i64;
    mantissa >>= zeros;
    exponent += zeros;
    let sign = if x < 0.0 { -1 } else { 1 };
    if exponent >= 0 {
        let numerator = BigInt::from(mantissa) << exponent as usize;
        Ok((Int::from_big(numerator * sign), Int::Small(1)))
    } else {
        let denominator = BigInt::one() << (-exponent) as usize;
        Ok((Int::Small(mantissa as i64 * sign), Int::from_big(denominator)))
    }
}

/// `float.is_integer()`.
pub fn is_integer(x: f64) -> bool {
    x.is_finite() && x == x.floor()
}

/// `float.hex()`: "0x1.8000000000000p+0", "-0x0.0p+0", "inf", "nan".
pub fn float_hex(x: f64) -> String {
    if !x.is_finite() {
        return taipan_repr::float_repr(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (lead, exponent) = if biased == 0 { (0, -1022) } else { (1, biased - 1023) };
    format!("{sign}0x{lead}.{fraction:013x}p{}{}", if exponent < 0 { '-' } else { '+' }, exponent.abs())
}

fn invalid_hex() -> NumError {
    NumError::value("invalid hexadecimal floating-point string")
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// `float.fromhex(text)`: `[sign]['0x']hexdigits['.'hexdigits]['p'[sign]digits]`
/// or inf/infinity/nan, whitespace around; correctly rounded.
pub fn float_fromhex(text: &str) -> NumResult<f64> {
    let s = text.as_bytes();
    let start = s.iter().position(|&b| !is_ascii_space(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|&b| !is_ascii_space(b)).map_or(start, |i| i + 1);
    let body = &s[start..end.max(start)];
    let (negative, unsigned) = match body.first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let magnitude = match unsigned.to_ascii_lowercase().as_slice() {
        b"inf" | b"infinity" => f64::INFINITY,
        b"nan" => f64::NAN,
        _ => hex_magnitude(unsigned)?,
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// The value of an unsigned hex float body.
fn hex_magnitude(s: &[u8]) -> NumResult<f64> {
    let s = match s {
        [b'0', b'x' | b'X', rest @ ..] => rest,
        _ => s,
    };
    let int_len = s.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    let mut i = int_len;
    let mut frac_len = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        frac_len = s[i..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
        i += frac_len;
    }
    if int_len + frac_len == 0 {
        return Err(invalid_hex());
    }
    let digits: Vec<u8> =
        s[..i].iter().filter(|&&b| b != b'.').map(|&b| (b as char).to_digit(16).unwrap_or(0) as u8).collect();
    let mut exponent: i64 = 0;
    if matches!(s.get(i), Some(b'p' | b'P')) {
        i += 1;
        let negative = s.get(i) == Some(&b'-');
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let count = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return Err(invalid_hex());
        }
        for &b in &s[i..i + count] {
            exponent = (exponent * 10 + (b - b'0') as i64).min(1 << 40);
        }
        exponent = if negative { -exponent } else { exponent };
        i += count;
    }
    if i != s.len() {
        return Err(invalid_hex());
    }
    let value = BigInt::from_radix_be(num_bigint::Sign::Plus, &digits, 16).unwrap_or_default();
    round_scaled(&value, exponent - 4 * frac_len as i64)
}

/// value * 2**exponent correctly rounded to a double (half-even, with
/// subnormals); OverflowError beyond the largest double.
fn round_scaled(value: &BigInt, exponent: i64) -> NumResult<f64> {
    let too_large = || NumError::overflow("hexadecimal value too large to represent as a float");
    if value.is_zero() {
        return Ok(0.0);
    }
    let bits = value.bits() as i64;
    let top = bits + exponent - 1;
    if top > 1023 {
        return Err(too_large());
    }
    if top < -1075 {
        return Ok(0.0);
    }
    let kept = if top >= -1022 { 53 } else { top + 1074 + 1 };
    let drop = bits - kept;
    let mantissa = if drop <= 0 {
        value << (-drop) as usize
    } else {
        let unit = BigInt::one() << drop as usize;
        let (q, r) = divmod_big(value, &unit).unwrap_or_default();
        let twice: BigInt = r << 1;
        if twice > unit || twice == unit && q.bit(0) {
            q + 1
        } else {
            q
        }
    };
    let result = ldexp(mantissa.to_f64().unwrap_or(f64::INFINITY), exponent + drop);
    if result.is_infinite() {
        return Err(too_large());
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_like_cpython() {
        assert_eq!(round_float(2.675, 2), Ok(2.67));
        assert_eq!(round_float(0.125, 2), Ok(0.12));
        assert_eq!(round_float(12345.0, -2), Ok(12300.0));
        assert_eq!(round_float(250.0, -2), Ok(200.0));
        assert!(round_float(-4.0, -1).unwrap().is_sign_negative());
        assert_eq!(
            round_float(1.7976931348623157e308, -308).unwrap_err().message,
            "rounded value too large to represent"
        );
        assert_eq!(round_to_int(2.5), Ok(Int::Small(2)));
        assert_eq!(round_int(&Int::Small(25), &Int::Small(-1)), Int::Small(20));
        assert_eq!(round_int(&Int::Small(-35), &Int::Small(-1)), Int::Small(-40));
    }

    #[test]
    fn hex_round_trips() {
        assert_eq!(float_hex(1.5), "0x1.8000000000000p+0");
        assert_eq!(float_hex(-0.0), "-0x0.0p+0");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        for x in [1.5, 0.1, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, -3.0] {
            assert_eq!(float_fromhex(&float_hex(x)), Ok(x));
        }
        assert_eq!(float_fromhex(" 0x1p-1075 "), Ok(0.0));
        assert_eq!(float_fromhex("0x3p-1076"), Ok(5e-324));
        assert_eq!(float_fromhex("0x3p-1075"), Ok(1e-323));
        assert_eq!(
            float_fromhex("0x1p1024").unwrap_err().message,
            "hexadecimal value too large to represent as a float"
        );
        assert_eq!(float_fromhex("0x.p1").unwrap_err().message, "invalid hexadecimal floating-point string");
    }

    #[test]
    fn integer_ratio() {
        assert_eq!(as_integer_ratio(0.75), Ok((Int::Small(3), Int::Small(4))));
        assert_eq!(as_integer_ratio(-2.0), Ok((Int::Small(-2), Int::Small(1))));
    }
}
