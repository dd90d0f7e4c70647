//! `int` ↔ text: `int(x, base)` for str and bytes (CPython's
//! `PyLong_FromString` rules: ASCII whitespace around, a sign, prefixes
//! `0x`/`0o`/`0b`, single underscores between digits, Unicode decimal digits
//! in str), `str`/`bin`/`oct`/`hex`, and the integer string conversion
//! length limit (`sys.set_int_max_str_digits`, 4300 digits by default) that
//! applies to bases that are not powers of two.

use super::unicode::{DECIMAL_ZEROS, NON_ASCII_SPACES};
use super::{Int, NumError, NumResult};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `sys.int_info.default_max_str_digits`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// `sys.int_info.str_digits_check_threshold`: the smallest nonzero limit.
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

static MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_STR_DIGITS);

/// `sys.get_int_max_str_digits()` (0 means no limit).
pub fn int_max_str_digits() -> usize {
    MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// `sys.set_int_max_str_digits(maxdigits)`.
pub fn set_int_max_str_digits(max_digits: i64) -> NumResult<()> {
    if max_digits != 0 && max_digits < MAX_STR_DIGITS_THRESHOLD as i64 {
        return Err(NumError::value(format!(
            "maxdigits must be 0 or larger than {MAX_STR_DIGITS_THRESHOLD}"
        )));
    }
    MAX_STR_DIGITS.store(max_digits as usize, Ordering::Relaxed);
    Ok(())
}

/// Whether `digits` decimal digits exceed the current limit.
fn exceeds_limit(digits: usize) -> Option<usize> {
    let limit = int_max_str_digits();
    (limit > 0 && digits > limit).then_some(limit)
}

/// `int(text, base)` for a str given as generalised UTF-8 (lone surrogates
/// allowed). `base` is the caller's argument (0 = guess from the prefix).
pub fn int_from_str(wtf8: &[u8], base: i64) -> NumResult<Int> {
    let base = check_base(base)?;
    let ascii = ascii_number_text(wtf8);
    parse_ascii(&ascii, base).map_err(|fail| fail.into_error(base, || taipan_repr::str_repr(wtf8)))
}

/// `int(data, base)` for bytes or bytearray: ASCII only, no Unicode digits.
pub fn int_from_bytes_text(data: &[u8], base: i64) -> NumResult<Int> {
    let base = check_base(base)?;
    parse_ascii(data, base).map_err(|fail| fail.into_error(base, || taipan_repr::bytes_repr(data)))
}

fn check_base(base: i64) -> NumResult<u32> {
    if base == 0 || (2..=36).contains(&base) {
        Ok(base as u32)
    } else {
        Err(NumError::value("int() base must be >= 2 and <= 36, or 0"))
    }
}

/// The text `int()`/`float()` parse: `wtf8` itself when it is ASCII,
/// else its `transform_decimal_and_space` form.
pub fn ascii_number_text(wtf8: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if wtf8.iter().all(|&b| b < 0x7F) {
        std::borrow::Cow::Borrowed(wtf8)
    } else {
        std::borrow::Cow::Owned(transform_decimal_and_space(wtf8))
    }
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII stays,
/// non-ASCII whitespace becomes ' ', Unicode decimal digits become ASCII
/// digits, and anything else ends the text with '?'.
pub fn transform_decimal_and_space(wtf8: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(wtf8.len());
    for cp in taipan_repr::code_points(wtf8) {
        if cp < 0x7F {
            out.push(cp as u8);
        } else if NON_ASCII_SPACES.binary_search(&cp).is_ok() {
            out.push(b' ');
        } else if let Some(d) = unicode_decimal(cp) {
            out.push(b'0' + d);
        } else {
            out.push(b'?');
            break;
        }
    }
    out
}

/// The value of a non-ASCII Unicode decimal digit (category Nd).
pub fn unicode_decimal(cp: u32) -> Option<u8> {
    let run = DECIMAL_ZEROS.partition_point(|&zero| zero <= cp).checked_sub(1)?;
    let offset = cp - DECIMAL_ZEROS[run];
    (offset < 10).then_some(offset as u8)
}

/// Why `parse_ascii` failed; the message needs the caller's original text.
enum ParseFail {
    Invalid,
    TooManyDigits(usize, usize),
}

impl ParseFail {
    fn into_error(self, base: u32, repr: impl FnOnce() -> String) -> NumError {
        match self {
            ParseFail::Invalid => {
                let shown: String = repr().chars().take(200).collect();
                NumError::value(format!("invalid literal for int() with base {base}: {shown}"))
            }
            ParseFail::TooManyDigits(limit, digits) => NumError::value(format!(
                "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            )),
        }
    }
}

/// Python's ASCII whitespace (`Py_ISSPACE`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// The value of an ASCII digit or letter in bases up to 36 (37 otherwise).
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 37,
    }
}

/// `PyLong_FromString` over the whole of `s`, with `base` 0 or 2..=36.
fn parse_ascii(s: &[u8], base: u32) -> Result<Int, ParseFail> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_ascii_space(at(i)) {
        i += 1;
    }
    let negative = at(i) == b'-';
    if matches!(at(i), b'+' | b'-') {
        i += 1;
    }
    let (base, zero_only) = resolve_base(base, at(i), at(i + 1));
    if at(i) == b'0' && has_prefix(base, at(i + 1)) {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(ParseFail::Invalid);
    }
    let (digits, end) = scan_digits(&s[i..], base)?;
    if !base.is_power_of_two() && digits.len() > MAX_STR_DIGITS_THRESHOLD {
        if let Some(limit) = exceeds_limit(digits.len()) {
            return Err(ParseFail::TooManyDigits(limit, digits.len()));
        }
    }
    let mut rest = i + end;
    while is_ascii_space(at(rest)) {
        rest += 1;
    }
    if digits.is_empty() || rest != s.len() || zero_only && digits.iter().any(|&d| d != 0) {
        return Err(ParseFail::Invalid);
    }
    Ok(digits_to_int(&digits, base, negative))
}

/// For base 0, the base the prefix names; `true` when a leading `0` without
/// prefix allows only zeros ("010" is not an int literal).
fn resolve_base(base: u32, first: u8, second: u8) -> (u32, bool) {
    if base != 0 {
        return (base, false);
    }
    if first != b'0' {
        return (10, false);
    }
    match second {
        b'x' | b'X' => (16, false),
        b'o' | b'O' => (8, false),
        b'b' | b'B' => (2, false),
        _ => (10, true),
    }
}

fn has_prefix(base: u32, letter: u8) -> bool {
    matches!((base, letter), (16, b'x' | b'X') | (8, b'o' | b'O') | (2, b'b' | b'B'))
}

/// The digit values at the start of `s` (underscores dropped) and where the
/// run ends; a double or trailing underscore is an error.
fn scan_digits(s: &[u8], base: u32) -> Result<(Vec<u8>, usize), ParseFail> {
    let mut digits = Vec::new();
    let mut previous_underscore = false;
    let mut end = 0;
    for &b in s {
        if b == b'_' {
            if previous_underscore {
                return Err(ParseFail::Invalid);
            }
            previous_underscore = true;
        } else if digit_value(b) < base {
            digits.push(digit_value(b) as u8);
            previous_underscore = false;
        } else {
            break;
        }
        end += 1;
    }
    if previous_underscore {
        return Err(ParseFail::Invalid);
    }
    Ok((digits, end))
}

/// The int of `digits` (values below `base`), small without allocating.
fn digits_to_int(digits: &[u8], base: u32, negative: bool) -> Int {
    let mut small: Option<i64> = Some(0);
    for &d in digits {
        small = small.and_then(|v| v.checked_mul(base as i64)).and_then(|v| v.checked_add(d as i64));
        if small.is_none() {
            break;
        }
    }
    if let Some(v) = small {
        return Int::Small(if negative { -v } else { v });
    }
    let magnitude = BigInt::from_radix_be(Sign::Plus, digits, base).unwrap_or_default();
    Int::from_big(if negative { -magnitude } else { magnitude })
}

/// `str(int)` (and `repr`): decimal, subject to the digit limit.
pub fn int_to_decimal(value: &Int) -> NumResult<String> {
    match value {
        Int::Small(v) => Ok(v.to_string()),
        Int::Big(v) => big_to_decimal(v),
    }
}

/// Decimal text of a big int, refused beyond the digit limit (checked from
/// the bit length first, so huge values fail without being converted).
pub fn big_to_decimal(value: &BigInt) -> NumResult<String> {
    let limit = int_max_str_digits();
    if limit > 0 && (value.bits().saturating_sub(1) as f64) >= limit as f64 * std::f64::consts::LOG2_10 + 1.0
    {
        return Err(str_limit_error(limit));
    }
    let text = value.to_string();
    let digits = text.len() - usize::from(value.is_negative());
    match exceeds_limit(digits) {
        Some(limit) => Err(str_limit_error(limit)),
        None => Ok(text),
    }
}

fn str_limit_error(limit: usize) -> NumError {
    NumError::value(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// `bin`/`oct`/`hex` (radix 2, 8, 16) with their `0b`/`0o`/`0x` prefix.
pub fn int_to_prefixed(value: &Int, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        _ => "0x",
    };
    let (negative, digits) = magnitude_digits(value, radix);
    format!("{}{prefix}{digits}", if negative { "-" } else { "" })
}

/// The sign and the lowercase digits of |value| in `radix` (2..=36).
pub fn magnitude_digits(value: &Int, radix: u32) -> (bool, String) {
    match value {
        Int::Small(v) => {
            let negative = *v < 0;
            let m = v.unsigned_abs();
            let digits = match radix {
                2 => format!("{m:b}"),
                8 => format!("{m:o}"),
                10 => m.to_string(),
                16 => format!("{m:x}"),
                _ => BigInt::from(m).to_str_radix(radix),
            };
            (negative, digits)
        }
        Int::Big(v) => (v.is_negative(), v.magnitude().to_str_radix(radix)),
    }
}

/// Whether the value is zero (either representation).
pub fn is_zero(value: &Int) -> bool {
    match value {
        Int::Small(v) => *v == 0,
        Int::Big(v) => v.is_zero(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, base: i64) -> Result<String, String> {
        int_from_str(text.as_bytes(), base).map(|v| v.to_string()).map_err(|e| e.message)
    }

    #[test]
    fn accepts_python_spellings() {
        assert_eq!(parse(" -0x_1F ", 0), Ok("-31".into()));
        assert_eq!(parse("1_000", 10), Ok("1000".into()));
        assert_eq!(parse("0_0", 0), Ok("0".into()));
        assert_eq!(parse("\u{663}\u{664}", 10), Ok("34".into()));
        assert_eq!(parse("\u{a0}7\u{3000}", 10), Ok("7".into()));
        assert_eq!(parse("z", 36), Ok("35".into()));
        assert_eq!(parse("99999999999999999999", 10), Ok("99999999999999999999".into()));
    }

    #[test]
    fn rejects_with_cpython_messages() {
        assert_eq!(parse("010", 0), Err("invalid literal for int() with base 0: '010'".into()));
        assert_eq!(parse("1__0", 10), Err("invalid literal for int() with base 10: '1__0'".into()));
        assert_eq!(parse("\u{1c}1", 10), Err("invalid literal for int() with base 10: '\\x1c1'".into()));
        assert_eq!(parse("1", 1), Err("int() base must be >= 2 and <= 36, or 0".into()));
        let many = "1".repeat(5000) + "x";
        let message = parse(&many, 10).unwrap_err();
        assert!(message.contains("value has 5000 digits"), "{message}");
    }

    #[test]
    fn prints_bases() {
        assert_eq!(int_to_prefixed(&Int::Small(-255), 16), "-0xff");
        assert_eq!(int_to_prefixed(&Int::Small(i64::MIN), 2), format!("-0b1{}", "0".repeat(63)));
        let big = Int::from_big(BigInt::from(10).pow(5000));
        assert!(int_to_decimal(&big).unwrap_err().message.starts_with("Exceeds the limit (4300 digits)"));
    }
}
