//! `format(value, spec)` for int, float and str (CPython 3.11's
//! `Python/formatter_unicode.c` semantics), and `float_to_string`, the
//! equivalent of `PyOS_double_to_string` that `%`-formatting, `str()` and
//! `format()` share.
//!
//! A formatted number is laid out as
//! `<lpad><sign><prefix><spad><grouped digits><tail><rpad>`, where the tail
//! is everything after the integer digits (decimal point, fraction,
//! exponent, `%`); with fill `0` and `=` alignment the digits themselves
//! are zero-extended, grouping separators included.

use super::arith::int_to_f64;
use super::int_text::{int_to_decimal, magnitude_digits};
use super::spec::{parse_spec, unknown_code, FormatSpec, Grouping, SpecTarget};
use super::{ensure_allocatable, Int, NumError, NumResult};
use std::fmt::Write;

/// `format(value, spec)` for an int (`type_name` is `type(value).__name__`).
pub fn format_int(value: &Int, spec: &str, type_name: &str) -> NumResult<String> {
    if spec.is_empty() {
        return int_to_decimal(value);
    }
    let spec = parse_spec(spec, SpecTarget::int(type_name))?;
    match spec.kind {
        Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_int_spec(value, &spec),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => format_float_spec(int_to_f64(value)?, &spec),
        other => Err(unknown_code(other.unwrap_or('d'), type_name)),
    }
}

/// `format(value, spec)` for a float.
pub fn format_float(value: f64, spec: &str, type_name: &str) -> NumResult<String> {
    if spec.is_empty() {
        return Ok(taipan_repr::float_repr(value));
    }
    let spec = parse_spec(spec, SpecTarget::float(type_name))?;
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(value, &spec),
        Some(other) => Err(unknown_code(other, type_name)),
    }
}

/// `format(complex(re, im), spec)`: the parts are formatted as floats
/// (sign, grouping) and then padded together; no type means `str(z)`.
pub fn format_complex(re: f64, im: f64, spec: &str, type_name: &str) -> NumResult<String> {
    if spec.is_empty() {
        return Ok(taipan_repr::complex_repr(re, im));
    }
    let spec = parse_spec(spec, SpecTarget::float(type_name))?;
    if !matches!(spec.kind, None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')) {
        return Err(unknown_code(spec.kind.unwrap_or('?'), type_name));
    }
    if spec.fill == '0' {
        return Err(NumError::value("Zero padding is not allowed in complex format specifier"));
    }
    if spec.align == '=' {
        return Err(NumError::value("'=' alignment flag is not allowed in complex format specifier"));
    }
    let flags = FloatFlags { alternate: spec.alternate, no_neg_0: spec.no_neg_0, ..FloatFlags::default() };
    let (mut code, default_precision) = match spec.kind {
        None => ('r', 0),
        Some('n') => ('g', 6),
        Some(kind) => (kind, 6),
    };
    let skip_re = spec.kind.is_none() && re == 0.0 && re.is_sign_positive();
    let parens = spec.kind.is_none() && !skip_re;
    let precision = match spec.precision {
        Some(p) if p > i32::MAX as usize => return Err(NumError::value("precision too big")),
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    ensure_allocatable(
        spec.width.unwrap_or(0).saturating_add(precision.saturating_mul(2)).saturating_add(800),
    )?;
    let unpadded = FormatSpec { fill: ' ', align: '<', width: None, ..spec.clone() };
    let part = |value: f64, sign: Option<char>| {
        let text = float_to_string(value, code, precision, flags);
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let split = body.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(body.len());
        let group = match spec.grouping {
            _ if spec.kind == Some('n') => None,
            Grouping::None => None,
            Grouping::Comma => Some((',', 3)),
            Grouping::Underscore => Some(('_', 3)),
        };
        let part_spec = FormatSpec { sign, ..unpadded.clone() };
        layout_number(negative, "", &body[..split], &body[split..], group, &part_spec)
    };
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body += &part(re, spec.sign)?;
    }
    body += &part(im, if skip_re { spec.sign } else { Some('+') })?;
    body.push('j');
    if parens {
        body.push(')');
    }
    let len = body.chars().count();
    let total = spec.width.map_or(len, |w| w.max(len));
    let left = match spec.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let mut out = String::new();
    push_fill(&mut out, spec.fill, left);
    out += &body;
    push_fill(&mut out, spec.fill, total - len - left);
    Ok(out)
}

/// `format(text, spec)` for a str.
pub fn format_str(text: &str, spec: &str, type_name: &str) -> NumResult<String> {
    if spec.is_empty() {
        return Ok(text.to_owned());
    }
    let spec = parse_spec(spec, SpecTarget::string(type_name))?;
    let layout = str_layout(text.chars().count(), &spec, type_name)?;
    ensure_allocatable(
        text.len().saturating_add((layout.left + layout.right).saturating_mul(spec.fill.len_utf8())),
    )?;
    let mut out = String::with_capacity(text.len() + layout.left + layout.right);
    push_fill(&mut out, spec.fill, layout.left);
    out.extend(text.chars().take(layout.keep));
    push_fill(&mut out, spec.fill, layout.right);
    Ok(out)
}

/// How to lay out a str of some length: how many code points to keep and
/// how much fill to put on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrLayout {
    pub keep: usize,
    pub left: usize,
    pub right: usize,
}

/// Check `spec` for a str of `len` code points and compute its layout
/// (for callers whose strings are not Rust `str`s).
pub fn str_layout(len: usize, spec: &FormatSpec, type_name: &str) -> NumResult<StrLayout> {
    if spec.kind != Some('s') {
        return Err(unknown_code(spec.kind.unwrap_or('s'), type_name));
    }
    let refuse = |what: &str| Err(NumError::value(format!("{what} not allowed in string format specifier")));
    match spec.sign {
        Some(' ') => return refuse("Space"),
        Some(_) => return refuse("Sign"),
        None => {}
    }
    if spec.no_neg_0 {
        return refuse("Negative zero coercion (z)");
    }
    if spec.alternate {
        return refuse("Alternate form (#)");
    }
    if spec.align == '=' {
        return refuse("'=' alignment");
    }
    let keep = spec.precision.map_or(len, |p| p.min(len));
    let total = spec.width.map_or(keep, |w| w.max(keep));
    let left = match spec.align {
        '>' => total - keep,
        '^' => (total - keep) / 2,
        _ => 0,
    };
    Ok(StrLayout { keep, left, right: total - keep - left })
}

fn push_fill(out: &mut String, fill: char, count: usize) {
    out.extend(std::iter::repeat_n(fill, count));
}

/// An int with a parsed spec whose type is b, c, d, o, x, X or n.
pub fn format_int_spec(value: &Int, spec: &FormatSpec) -> NumResult<String> {
    if spec.precision.is_some() {
        return Err(NumError::value("Precision not allowed in integer format specifier"));
    }
    if spec.no_neg_0 {
        return Err(NumError::value("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    let kind = spec.kind.unwrap_or('d');
    if kind == 'c' {
        return format_int_as_char(value, spec);
    }
    let (negative, digits) = match kind {
        'b' => magnitude_digits(value, 2),
        'o' => magnitude_digits(value, 8),
        'x' => magnitude_digits(value, 16),
        'X' => {
            let (negative, digits) = magnitude_digits(value, 16);
            (negative, digits.to_ascii_uppercase())
        }
        _ => {
            let text = int_to_decimal(value)?;
            match text.strip_prefix('-') {
                Some(rest) => (true, rest.to_owned()),
                None => (false, text),
            }
        }
    };
    let prefix = match (spec.alternate, kind) {
        (true, 'b') => "0b",
        (true, 'o') => "0o",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let group = match (spec.grouping, kind) {
        (Grouping::None, _) | (_, 'n') => None,
        (Grouping::Underscore, 'b' | 'o' | 'x' | 'X') => Some(('_', 4)),
        (Grouping::Underscore, _) => Some(('_', 3)),
        (Grouping::Comma, _) => Some((',', 3)),
    };
    layout_number(negative, prefix, &digits, "", group, spec)
}

/// Type `c`: the code point `value` as a one-character string.
fn format_int_as_char(value: &Int, spec: &FormatSpec) -> NumResult<String> {
    if spec.sign.is_some() {
        return Err(NumError::value("Sign not allowed with integer format specifier 'c'"));
    }
    if spec.alternate {
        return Err(NumError::value("Alternate form (#) not allowed with integer format specifier 'c'"));
    }
    let Int::Small(code) = value else {
        return Err(NumError::overflow("Python int too large to convert to C long"));
    };
    let ch = u32::try_from(*code)
        .ok()
        .filter(|&c| c < 0x110000)
        .ok_or_else(|| NumError::overflow("%c arg not in range(0x110000)"))?;
    // Lone surrogates cannot live in a Rust `String`; U+FFFD stands in.
    let ch = char::from_u32(ch).unwrap_or('\u{FFFD}');
    layout_number(false, "", "", &ch.to_string(), None, spec)
}

/// A float with a parsed spec whose type is e, E, f, F, g, G, n, % or none.
pub fn format_float_spec(value: f64, spec: &FormatSpec) -> NumResult<String> {
    let mut flags =
        FloatFlags { alternate: spec.alternate, no_neg_0: spec.no_neg_0, ..FloatFlags::default() };
    let mut code = spec.kind.unwrap_or('r');
    let default_precision = if code == 'r' { 0 } else { 6 };
    if code == 'r' {
        flags.add_dot_0 = true;
    }
    if code == 'n' {
        code = 'g';
    }
    let mut value = value;
    let percent = code == '%';
    if percent {
        code = 'f';
        value *= 100.0;
    }
    let precision = match spec.precision {
        Some(p) if p > i32::MAX as usize => return Err(NumError::value("precision too big")),
        Some(p) if ensure_allocatable(p.saturating_add(400)).is_err() => return Err(NumError::memory()),
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut text = float_to_string(value, code, precision, flags);
    if percent {
        text.push('%');
    }
    let plain =
        !matches!(spec.sign, Some('+' | ' ')) && spec.width.is_none() && spec.grouping == Grouping::None;
    if plain && spec.kind != Some('n') {
        return Ok(text);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let split = body.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(body.len());
    let (digits, tail) = body.split_at(split);
    let group = match spec.grouping {
        _ if spec.kind == Some('n') => None,
        Grouping::None => None,
        Grouping::Comma => Some((',', 3)),
        Grouping::Underscore => Some(('_', 3)),
    };
    layout_number(negative, "", digits, tail, group, spec)
}

/// Assemble sign, prefix, grouped digits, tail and padding
/// (`calc_number_widths` and `fill_number`).
fn layout_number(
    negative: bool,
    prefix: &str,
    digits: &str,
    tail: &str,
    group: Option<(char, usize)>,
    spec: &FormatSpec,
) -> NumResult<String> {
    let width_bytes = spec.width.unwrap_or(0).saturating_mul(spec.fill.len_utf8());
    ensure_allocatable(width_bytes.saturating_add(digits.len() * 2 + tail.len() + 8))?;
    let sign = match (negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Some('+')) => Some('+'),
        (false, Some(' ')) => Some(' '),
        _ => None,
    };
    let fixed = usize::from(sign.is_some()) + prefix.len() + tail.chars().count();
    let width = spec.width.map_or(0, |w| w as isize);
    let min_width = if spec.fill == '0' && spec.align == '=' { width - fixed as isize } else { 0 };
    let grouped = if digits.is_empty() { String::new() } else { group_digits(digits, min_width, group) };
    let padding = (width - (fixed + grouped.chars().count()) as isize).max(0) as usize;
    let (left, inner, right) = match spec.align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::with_capacity(width.max(0) as usize + fixed + grouped.len());
    push_fill(&mut out, spec.fill, left);
    out.extend(sign);
    out.push_str(prefix);
    push_fill(&mut out, spec.fill, inner);
    out.push_str(&grouped);
    out.push_str(tail);
    push_fill(&mut out, spec.fill, right);
    Ok(out)
}

/// `_PyUnicode_InsertThousandsGrouping`: separators every `size` digits
/// from the right, and leading zeros (grouped too) up to `min_width`.
fn group_digits(digits: &str, min_width: isize, group: Option<(char, usize)>) -> String {
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width;
    // Chunks from the right: (leading zeros, digit range).
    let chunk = |remaining: isize, len: isize| {
        let zeros = (len - remaining).max(0) as usize;
        let start = (remaining - remaining.min(len).max(0)) as usize;
        (zeros, start..remaining.max(0) as usize)
    };
    let mut chunks = Vec::new();
    match group {
        None => chunks.push(chunk(remaining, remaining.max(min_width).max(1))),
        Some((_, size)) => loop {
            let len = (size as isize).min(remaining.max(min_width).max(1));
            chunks.push(chunk(remaining, len));
            remaining -= remaining.min(len).max(0);
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                break;
            }
            min_width -= 1;
        },
    }
    let mut out = String::with_capacity(chunks.iter().map(|(z, r)| z + r.len() + 1).sum());
    for (i, (zeros, range)) in chunks.into_iter().rev().enumerate() {
        if i > 0 {
            out.extend(group.map(|(separator, _)| separator));
        }
        out.extend(std::iter::repeat_n('0', zeros));
        out.push_str(&digits[range]);
    }
    out
}

/// Options of `float_to_string` (CPython's `Py_DTSF_*` flags).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// `Py_DTSF_SIGN`: a `+` before non-negative values.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: `.0` after integral fixed-point output.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: keep the point and trailing zeros (`#`).
    pub alternate: bool,
    /// `Py_DTSF_NO_NEG_0`: a value that rounds to zero loses its `-` (`z`).
    pub no_neg_0: bool,
}

/// `PyOS_double_to_string(value, code, precision, flags)`: `code` is one of
/// e E f F g G r (`r` ignores `precision` and gives the shortest repr).
pub fn float_to_string(value: f64, code: char, precision: usize, flags: FloatFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    if !value.is_finite() {
        let (sign, word) = match () {
            _ if value.is_nan() => ("", "nan"),
            _ if value < 0.0 => ("-", "inf"),
            _ => (if flags.sign { "+" } else { "" }, "inf"),
        };
        let word = if upper { word.to_ascii_uppercase() } else { word.to_owned() };
        return format!("{sign}{word}");
    }
    if let Some(fast) = fast_fixed_or_exponent(value, code, precision, flags, upper) {
        return fast;
    }
    let precision = if code == 'g' && precision == 0 { 1 } else { precision };
    let (digits, decpt) = decimal_digits(value.abs(), code, precision);
    let mut negative = value.is_sign_negative();
    if flags.no_neg_0 && digits == "0" {
        negative = false;
    }
    let body = place_point(&digits, decpt, code, precision, flags, upper);
    let sign = if negative {
        "-"
    } else if flags.sign {
        "+"
    } else {
        ""
    };
    format!("{sign}{body}")
}

/// `f` and `e` without flags straight from Rust's exact formatting, which
/// then spells them as CPython does (but for the exponent's sign and
/// width, fixed here).
fn fast_fixed_or_exponent(
    value: f64,
    code: char,
    precision: usize,
    flags: FloatFlags,
    upper: bool,
) -> Option<String> {
    if flags != FloatFlags::default() || precision > 1000 {
        return None;
    }
    match code {
        'f' => Some(fixed_by_scaling(value, precision).unwrap_or_else(|| format!("{value:.precision$}"))),
        'e' => {
            if let Some(fast) = exponent_by_scaling(value, precision, upper) {
                return Some(fast);
            }
            let text = format!("{value:.precision$e}");
            let (mantissa, exp) = text.split_once('e')?;
            let exp: i32 = exp.parse().ok()?;
            let e = if upper { 'E' } else { 'e' };
            Some(format!("{mantissa}{e}{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()))
        }
        _ => None,
    }
}

/// Powers of ten that are exact doubles and fit a u64.
const POW10: [u64; 20] = {
    let mut table = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `value` with `precision` decimals, correctly rounded (ties to even),
/// when `|value| × 10^precision` is below 2^52: the product is rounded
/// once, and a fused multiply-add gives its exact error, which decides the
/// halfway cases the rounded product cannot. `None` otherwise (Rust's
/// exact expansion then does it, more slowly).
fn fixed_by_scaling(value: f64, precision: usize) -> Option<String> {
    let scale_int = *POW10.get(precision)?;
    let scale = scale_int as f64;
    let magnitude = value.abs();
    let scaled = magnitude * scale;
    if scaled >= 4_503_599_627_370_496.0 {
        return None;
    }
    let error = magnitude.mul_add(scale, -scaled);
    let floor = scaled.floor();
    let n = floor as u64 + u64::from(rounds_up(scaled - floor, error, floor));
    let mut out = String::with_capacity(24 + precision);
    if value.is_sign_negative() {
        out.push('-');
    }
    let _ = write!(out, "{}", n / scale_int);
    if precision > 0 {
        let _ = write!(out, ".{:0precision$}", n % scale_int);
    }
    Some(out)
}

/// `value` in `e` notation with `precision` decimals (at most 14),
/// correctly rounded as in `fixed_by_scaling`: scaled by a power of ten
/// that is an exact double, multiplying (error by a fused multiply-add) or
/// dividing (remainder by one), so that `precision + 1` digits lie before
/// the point. `None` for zero and when the scale is out of range.
fn exponent_by_scaling(value: f64, precision: usize, upper: bool) -> Option<String> {
    let magnitude = value.abs();
    if precision > 14 || magnitude == 0.0 {
        return None;
    }
    let digits = precision as i32 + 1;
    let mut exponent = magnitude.log10().floor() as i32;
    let (low, high) = (POW10[precision] as f64, POW10[precision + 1] as f64);
    let (mut scaled, mut error) = scale_by_pow10(magnitude, digits - 1 - exponent)?;
    if scaled < low {
        exponent -= 1;
        (scaled, error) = scale_by_pow10(magnitude, digits - 1 - exponent)?;
    } else if scaled >= high {
        exponent += 1;
        (scaled, error) = scale_by_pow10(magnitude, digits - 1 - exponent)?;
    }
    if !(low..high).contains(&scaled) {
        return None;
    }
    let floor = scaled.floor();
    let mut n = floor as u64 + u64::from(rounds_up(scaled - floor, error, floor));
    if n == POW10[precision + 1] {
        n /= 10;
        exponent += 1;
    }
    let text = n.to_string();
    let mut out = String::with_capacity(precision + 8);
    if value.is_sign_negative() {
        out.push('-');
    }
    out.push_str(&text[..1]);
    if precision > 0 {
        out.push('.');
        out.push_str(&text[1..]);
    }
    out.push(if upper { 'E' } else { 'e' });
    let _ = write!(out, "{}{:02}", if exponent < 0 { '-' } else { '+' }, exponent.unsigned_abs());
    Some(out)
}

/// `magnitude × 10^k`, rounded, with the sign-carrying error of that
/// rounding (exact value minus result, or a value of that sign), for
/// |k| ≤ 19 (powers of ten exact as doubles).
fn scale_by_pow10(magnitude: f64, k: i32) -> Option<(f64, f64)> {
    let scale = *POW10.get(k.unsigned_abs() as usize)? as f64;
    if k >= 0 {
        let scaled = magnitude * scale;
        return Some((scaled, magnitude.mul_add(scale, -scaled)));
    }
    let quotient = magnitude / scale;
    let remainder = (-quotient).mul_add(scale, magnitude);
    Some((quotient, remainder))
}

/// Whether `floor + fraction + error` (exactly) rounds up to the next
/// integer, ties to even; `error` is below half an ulp of the sum.
fn rounds_up(fraction: f64, error: f64, floor: f64) -> bool {
    if fraction != 0.5 {
        return fraction > 0.5;
    }
    if error != 0.0 {
        return error > 0.0;
    }
    floor % 2.0 != 0.0
}

/// Correctly rounded digits of `magnitude` (no trailing zeros; "0" for
/// zero) and the decimal point position, as `_Py_dg_dtoa` gives them.
fn decimal_digits(magnitude: f64, code: char, precision: usize) -> (String, i64) {
    // A double's exact decimal expansion has at most 767 significant digits
    // and 1074 after the point: beyond that only zeros follow (trimmed here,
    // padded back by `place_point`), and Rust's formatter caps precisions.
    let precision = precision.min(if code == 'f' { 1100 } else { 800 });
    let scientific = match code {
        'e' => format!("{magnitude:.precision$e}"),
        'g' => format!("{magnitude:.*e}", precision - 1),
        'f' => return fixed_digits(&format!("{magnitude:.precision$}")),
        _ => return repr_digits(magnitude),
    };
    let (mantissa, exp) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (trim_zeros(digits), exp.parse::<i64>().unwrap_or(0) + 1)
}

fn trim_zeros(mut digits: String) -> String {
    let kept = digits.trim_end_matches('0').len().max(1);
    digits.truncate(kept);
    digits
}

/// Digits and point position of fixed-point text such as "0.0012" or "12.50".
fn fixed_digits(text: &str) -> (String, i64) {
    let (int_part, frac) = text.split_once('.').unwrap_or((text, ""));
    let all = format!("{int_part}{frac}");
    let leading = all.len() - all.trim_start_matches('0').len();
    if leading == all.len() {
        return ("0".to_owned(), 1);
    }
    (trim_zeros(all[leading..].to_owned()), int_part.len() as i64 - leading as i64)
}

/// The shortest round-tripping digits, from `taipan_repr::float_repr`.
fn repr_digits(magnitude: f64) -> (String, i64) {
    let repr = taipan_repr::float_repr(magnitude);
    match repr.split_once('e') {
        Some((mantissa, exp)) => {
            let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
            (digits, exp.parse::<i64>().unwrap_or(0) + 1)
        }
        None => fixed_digits(&repr),
    }
}

/// `format_float_short`'s placement of the digits around the point.
fn place_point(
    digits: &str,
    decpt: i64,
    code: char,
    precision: usize,
    flags: FloatFlags,
    upper: bool,
) -> String {
    let p = precision as i64;
    let mut decpt = decpt;
    let mut use_exp = false;
    let mut vdigits_end = digits.len() as i64;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = p + 1;
        }
        'f' => vdigits_end = decpt + p,
        'g' => {
            let limit = if flags.add_dot_0 { p - 1 } else { p };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alternate {
                vdigits_end = p;
            }
        }
        _ => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    let floor = if !use_exp && flags.add_dot_0 { decpt + 1 } else { decpt };
    vdigits_end = vdigits_end.max(floor);
    let len = digits.len() as i64;
    let zeros = |n: i64| "0".repeat(n.max(0) as usize);
    let mut out = String::new();
    if decpt <= 0 {
        out += &zeros(decpt - vdigits_start);
        out.push('.');
        out += &zeros(-decpt);
    } else {
        out += &zeros(-vdigits_start);
    }
    if 0 < decpt && decpt <= len {
        out += &digits[..decpt as usize];
        out.push('.');
        out += &digits[decpt as usize..];
    } else {
        out += digits;
    }
    if len < decpt {
        out += &zeros(decpt - len);
        out.push('.');
        out += &zeros(vdigits_end - decpt);
    } else {
        out += &zeros(vdigits_end - len);
    }
    if out.ends_with('.') && !flags.alternate {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out += &format!("{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_cpython() {
        let int = |v: i64, s: &str| format_int(&Int::Small(v), s, "int").unwrap();
        let float = |v: f64, s: &str| format_float(v, s, "float").unwrap();
        assert_eq!(int(-5, "0=+8,"), "-000,005");
        assert_eq!(int(1234, "08,"), "0,001,234");
        assert_eq!(int(123456789, "_x"), "75b_cd15");
        assert_eq!(int(255, "#010X"), "0X000000FF");
        assert_eq!(float(f64::INFINITY, "010"), "0000000inf");
        assert_eq!(float(123.0, ".3"), "1.23e+02");
        assert_eq!(float(12.0, ".3"), "12.0");
        assert_eq!(float(123.0, "#.3g"), "123.");
        assert_eq!(float(-0.0001, "z.2f"), "0.00");
        assert_eq!(float(1.5, "#.0"), "2.e+00");
        assert_eq!(float(12345.678, "_"), "12_345.678");
        assert_eq!(float(1.5, ".0%"), "150%");
        assert_eq!(format_str("abc", "^7.2", "str").unwrap(), "  ab   ");
    }

    #[test]
    fn reports_cpython_errors() {
        let err = |r: NumResult<String>| r.unwrap_err().message;
        assert_eq!(
            err(format_int(&Int::Small(1), "abc", "int")),
            "Invalid format specifier 'abc' for object of type 'int'"
        );
        assert_eq!(err(format_str("a", ",", "str")), "Cannot specify ',' with 's'.");
        assert_eq!(
            err(format_float(1.0, "\u{1}", "float")),
            "Unknown format code '\\x1' for object of type 'float'"
        );
        assert_eq!(err(format_int(&Int::Small(-1), "c", "int")), "%c arg not in range(0x110000)");
    }
}
