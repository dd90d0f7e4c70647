//! NUMBER token values, as CPython 3.11's `parsenumber` (Parser/pegen.c)
//! computes them: underscores dropped, integers in base 2/8/10/16 (exact,
//! arbitrarily large), floats correctly rounded (overflow gives `inf`), and
//! imaginary literals as complex numbers with a zero real part.
//!
//! The lexer has validated the token's syntax; anything malformed still gets
//! an error value here, never a panic. The one error CPython itself reports is
//! the decimal-digit limit of `int` (PEP 651's `sys.int_info.default_max_str_digits`).

use crate::ast::{Constant, Int};
use num_bigint::BigInt;
use num_traits::Num;

/// CPython's default `sys.get_int_max_str_digits()`: decimal literals with more
/// digits are a SyntaxError.
const MAX_STR_DIGITS: usize = 4300;

/// The value of one NUMBER token's text.
pub fn parse_number(text: &str) -> Result<Constant, String> {
    if let Some(value) = small_decimal(text) {
        return Ok(Constant::Int(Int::Small(value)));
    }
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(imag) = digits.strip_suffix(['j', 'J']) {
        let imag = parse_float(imag)?;
        return Ok(Constant::Complex { real: 0.0, imag });
    }
    if let Some(int) = parse_int(&digits)? {
        return Ok(Constant::Int(int));
    }
    parse_float(&digits).map(Constant::Float)
}

/// The value of a decimal integer literal of at most 18 digits without
/// underscores (most of them), computed without the general path's copies.
fn small_decimal(text: &str) -> Option<i64> {
    let digits = text.as_bytes();
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |value, &digit| value * 10 + i64::from(digit - b'0')))
}

/// An integer literal's value; `None` when the text is not an integer (a float).
fn parse_int(text: &str) -> Result<Option<Int>, String> {
    let prefixed = |prefix: [&str; 2]| text.strip_prefix(prefix[0]).or_else(|| text.strip_prefix(prefix[1]));
    let (radix, body) = if let Some(hex) = prefixed(["0x", "0X"]) {
        (16, hex)
    } else if let Some(oct) = prefixed(["0o", "0O"]) {
        (8, oct)
    } else if let Some(bin) = prefixed(["0b", "0B"]) {
        (2, bin)
    } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        (10, text)
    } else {
        return Ok(None);
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return Err(format!("invalid number literal {text:?}"));
    }
    if let Ok(small) = i64::from_str_radix(body, radix) {
        return Ok(Some(Int::Small(small)));
    }
    check_digit_limit(radix, body)?;
    let big = BigInt::from_str_radix(body, radix).map_err(|e| e.to_string())?;
    Ok(Some(Int::from_big(big)))
}

/// CPython refuses to convert more than 4300 decimal digits (leading zeros
/// included); power-of-two bases are exempt.
fn check_digit_limit(radix: u32, body: &str) -> Result<(), String> {
    if radix != 10 || body.len() <= MAX_STR_DIGITS {
        return Ok(());
    }
    Err(format!(
        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {} digits; \
         use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer \
         literals to avoid decimal conversion limits.",
        body.len()
    ))
}

/// A float literal (`1.5`, `1e400`, `.5`, `1.`): correctly rounded, with
/// overflow to infinity as C's `strtod` does.
fn parse_float(text: &str) -> Result<f64, String> {
    let valid = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    match text.parse::<f64>() {
        Ok(value) if valid => Ok(value),
        _ => Err(format!("invalid number literal {text:?}")),
    }
}
