//! `float(x)` from text (CPython's `PyFloat_FromString`): ASCII whitespace
//! around, Unicode decimal digits and spaces in str, `inf`/`infinity`/`nan`
//! in any case with a sign, underscores only between digits, no hex; the
//! value is correctly rounded (Rust's parser, after the syntax is checked
//! here), overflowing to ±inf.

use super::int_text::ascii_number_text;
use super::{NumError, NumResult};

/// `float(s)` for a str given as generalised UTF-8.
pub fn float_from_str(wtf8: &[u8]) -> NumResult<f64> {
    parse_ascii(&ascii_number_text(wtf8)).ok_or_else(|| not_a_float(taipan_repr::str_repr(wtf8)))
}

/// `float(b)` for bytes or bytearray.
pub fn float_from_bytes_text(data: &[u8]) -> NumResult<f64> {
    parse_ascii(data).ok_or_else(|| not_a_float(taipan_repr::bytes_repr(data)))
}

fn not_a_float(repr: String) -> NumError {
    NumError::value(format!("could not convert string to float: {repr}"))
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// The float spelled by `s` (surrounding whitespace allowed), if any.
pub fn parse_ascii(s: &[u8]) -> Option<f64> {
    let start = s.iter().position(|&b| !is_ascii_space(b))?;
    let end = s.iter().rposition(|&b| !is_ascii_space(b))? + 1;
    let body = &s[start..end];
    if body.contains(&b'_') {
        parse_number(&strip_underscores(body)?)
    } else {
        parse_number(body)
    }
}

/// `body` without its underscores, each of which must sit between digits.
fn strip_underscores(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut previous = 0u8;
    for &b in body {
        if b == b'_' {
            if !previous.is_ascii_digit() {
                return None;
            }
        } else {
            if previous == b'_' && !b.is_ascii_digit() {
                return None;
            }
            out.push(b);
        }
        previous = b;
    }
    (previous != b'_').then_some(out)
}

/// A signed decimal float or inf/infinity/nan, nothing around it.
fn parse_number(s: &[u8]) -> Option<f64> {
    let (negative, unsigned) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude = if let Some(special) = parse_special(unsigned) {
        special
    } else {
        if !is_decimal_syntax(unsigned) {
            return None;
        }
        std::str::from_utf8(unsigned).ok()?.parse::<f64>().ok()?
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_special(s: &[u8]) -> Option<f64> {
    if s.eq_ignore_ascii_case(b"inf") || s.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if s.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// digits [. digits] [(e|E) [sign] digits], with a digit before the exponent.
fn is_decimal_syntax(s: &[u8]) -> bool {
    let int_digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_digits = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if exp_digits == 0 {
            return false;
        }
        i += exp_digits;
    }
    i == s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_python_spellings() {
        let ok = |s: &str| float_from_str(s.as_bytes()).unwrap();
        assert_eq!(ok(" 1_0.0_1e1_0 "), 100100000000.0);
        assert_eq!(ok("-iNfinity"), f64::NEG_INFINITY);
        assert!(ok("-nan").is_nan() && ok("-nan").is_sign_negative());
        assert_eq!(ok("1.e5"), 1e5);
        assert_eq!(ok(".5"), 0.5);
        assert_eq!(ok("\u{663}.5"), 3.5);
        assert_eq!(ok("1e400"), f64::INFINITY);
    }

    #[test]
    fn rejects_with_cpython_messages() {
        let err = |s: &str| float_from_str(s.as_bytes()).unwrap_err().message;
        assert_eq!(err("0x10"), "could not convert string to float: '0x10'");
        for bad in
            ["", " ", "1_", "_1", "1__0", "1_e5", "nan_", "1e", ".", "e5", "+-1", "in f", "1.5\u{2603}"]
        {
            assert!(float_from_str(bad.as_bytes()).is_err(), "{bad:?}");
        }
        assert_eq!(
            float_from_bytes_text(b"x").unwrap_err().message,
            "could not convert string to float: b'x'"
        );
    }
}
