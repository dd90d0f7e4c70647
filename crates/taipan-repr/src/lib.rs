//! Python's `repr` of the literal types — `str` (code points in
//! generalised UTF-8, lone surrogates included), `bytes`, `float` and
//! `complex` — exactly as CPython 3.11 prints them, and the Unicode data
//! behind it (`printable.rs`, generated from CPython 3.11 itself). Every
//! stage shares this crate: the parser's `ast.dump`, the disassembler, and
//! later the VM's `repr`.

pub mod printable;
pub mod ranges;

use printable::is_printable;
use std::fmt::Write;

/// The code points of generalised UTF-8 `bytes` (UTF-8 in which surrogates
/// are encoded like any other code point), in order.
pub fn code_points(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = u32::from(*bytes.get(i)?);
        let (len, init) = match first {
            0x00..=0x7F => (1, first),
            0xC0..=0xDF => (2, first & 0x1F),
            0xE0..=0xEF => (3, first & 0x0F),
            _ => (4, first & 0x07),
        };
        let tail = bytes.get(i + 1..i + len).unwrap_or(&[]);
        let cp = tail.iter().fold(init, |acc, &c| (acc << 6) | u32::from(c & 0x3F));
        i += len;
        Some(cp)
    })
}

/// `repr(str)`: single quotes unless the text has `'` and no `"`; printable
/// characters as they are, the rest as `\x`, `\u` or `\U` escapes.
pub fn str_repr(wtf8: &[u8]) -> String {
    let has_single = wtf8.contains(&b'\'');
    let has_double = wtf8.contains(&b'"');
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(wtf8.len() + 2);
    out.push(quote);
    for cp in code_points(wtf8) {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if cp == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(cp as u8 as char),
            _ if cp < 0x7F => write!(out, "\\x{cp:02x}").unwrap(),
            _ => match char::from_u32(cp).filter(|_| is_printable(cp)) {
                Some(c) => out.push(c),
                None if cp < 0x100 => write!(out, "\\x{cp:02x}").unwrap(),
                None if cp < 0x10000 => write!(out, "\\u{cp:04x}").unwrap(),
                None => write!(out, "\\U{cp:08x}").unwrap(),
            },
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if byte == quote => {
                out.push('\\');
                out.push(quote as char);
            }
            0x20..=0x7E => out.push(byte as char),
            _ => write!(out, "\\x{byte:02x}").unwrap(),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(float)`: the shortest digits that round-trip, in fixed notation
/// for decimal exponents -4..16 (with `.0` when integral), else scientific.
pub fn float_repr(f: f64) -> String {
    format_shortest(f, true)
}

/// `repr(complex)`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", format_shortest(imag, false));
    }
    let re = format_shortest(real, false);
    let im = format_shortest(imag, false);
    let sign = if im.starts_with('-') || im == "nan" && imag.is_sign_negative() { "" } else { "+" };
    format!("({re}{sign}{im}j)")
}

/// The shortest digits that round-trip (the closest such, ties to even, as
/// CPython's dtoa mode 0 and Ryu both choose) and the decimal exponent of
/// the first: `f.abs() == 0.DIGITS × 10^(exp + 1)`. Ryu's text is read back
/// digit by digit: "123.45", "0.0001", "1.5e-7", "1e16".
fn shortest_digits(f: f64, digits: &mut Vec<u8>) -> i32 {
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(f.abs()).as_bytes();
    let (mantissa, exp) = match text.iter().position(|&b| b == b'e') {
        Some(i) => (&text[..i], parse_exponent(&text[i + 1..])),
        None => (text, 0),
    };
    let int_len = mantissa.iter().position(|&b| b == b'.').unwrap_or(mantissa.len()) as i32;
    digits.extend(mantissa.iter().filter(|b| b.is_ascii_digit()));
    let leading = digits.iter().take_while(|&&b| b == b'0').count();
    if leading == digits.len() {
        digits.truncate(1);
        return 0;
    }
    digits.drain(..leading);
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    int_len - leading as i32 + exp - 1
}

fn parse_exponent(text: &[u8]) -> i32 {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let value = digits.iter().fold(0i32, |acc, &d| acc * 10 + i32::from(d - b'0'));
    if negative {
        -value
    } else {
        value
    }
}

/// CPython's `float_repr_style == 'short'` formatting (`'r'` format code);
/// `add_dot_0` appends `.0` to integral values as `repr(float)` does.
fn format_shortest(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let mut digits = Vec::with_capacity(24);
    let exp = shortest_digits(f, &mut digits);
    let digits = std::str::from_utf8(&digits).unwrap_or("0");
    let mut out = String::with_capacity(digits.len() + 8);
    if f.is_sign_negative() {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(digits);
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                out.push_str(digits);
                out.extend(std::iter::repeat_n('0', point - digits.len()));
                if add_dot_0 {
                    out.push_str(".0");
                }
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()).unwrap();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr_of(text: &str) -> String {
        str_repr(text.as_bytes())
    }

    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (1e300, "1e+300"),
            (0.0, "0.0"),
            // A tie between two shortest candidates: CPython takes the even one.
            (f64::from_bits(0x4306ba24c26c3c32), "799639566387078.2"),
        ];
        for (value, expected) in cases {
            assert_eq!(float_repr(value), expected, "{value}");
        }
    }

    #[test]
    fn complex_repr_matches_python() {
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(0.0, 1.5), "1.5j");
        assert_eq!(complex_repr(0.0, 1e16), "1e+16j");
        assert_eq!(complex_repr(0.0, f64::INFINITY), "infj");
        assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
    }

    #[test]
    fn str_repr_matches_python() {
        assert_eq!(repr_of("it's"), "\"it's\"");
        assert_eq!(repr_of("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(repr_of("tab\t\x01\x7f é\u{a0}\u{200b}"), "'tab\\t\\x01\\x7f é\\xa0\\u200b'");
        // U+DC80, a lone surrogate, in generalised UTF-8.
        assert_eq!(str_repr(&[0xED, 0xB2, 0x80]), "'\\udc80'");
    }

    #[test]
    fn bytes_repr_matches_python() {
        assert_eq!(bytes_repr(b"a\x00\xff'"), "b\"a\\x00\\xff'\"");
    }
}
