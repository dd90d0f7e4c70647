//! Backslash escapes in `str` and `bytes` literals, as CPython 3.11 decodes
//! them: `str` bodies through the `unicode_escape` codec after the parser's
//! own rewrite of non-ASCII text into `\UXXXXXXXX` escapes
//! (`decode_unicode_with_escapes` in Parser/string_parser.c, which is why the
//! codec's error positions count each non-ASCII character as ten bytes), and
//! `bytes` bodies through `_PyBytes_DecodeEscape`.
//!
//! Unknown escapes stay verbatim (CPython only warns). Errors are the text of
//! the exception CPython raises; the caller wraps them as `(unicode error) …`
//! or `(value error) …` SyntaxErrors.

use crate::ast::PyStr;
use std::fmt::Write;

/// The largest code point.
const MAX_UNICODE: u32 = 0x10FFFF;

/// Decodes a non-raw `str` literal body (the text between the quotes).
pub fn decode_str(body: &str) -> Result<PyStr, String> {
    if !body.contains('\\') {
        return Ok(PyStr::from(body));
    }
    decode_unicode_escape(&ascii_escaped(body))
}

/// The parser's rewrite of a body before decoding: every non-ASCII
/// character becomes `\UXXXXXXXX`, and a backslash that ends the body or
/// precedes non-ASCII text becomes `\u005c` (so it stands for itself).
fn ascii_escaped(body: &str) -> Vec<u8> {
    let mut out = String::with_capacity(body.len() + 16);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push('\\');
            if chars.peek().is_none_or(|next| !next.is_ascii()) {
                out.push_str("u005c");
            }
            if let Some(&next) = chars.peek() {
                if next.is_ascii() {
                    out.push(next);
                    chars.next();
                }
            }
        } else if c.is_ascii() {
            out.push(c);
        } else {
            write!(out, "\\U{:08x}", c as u32).expect("writing to a String cannot fail");
        }
    }
    out.into_bytes()
}

/// A `unicode_escape` decoding failure: the byte range and the reason, as
/// the codec's `UnicodeDecodeError` reports them.
struct CodecError {
    start: usize,
    end: usize,
    reason: &'static str,
}

impl CodecError {
    /// `str(UnicodeDecodeError)`.
    fn message(&self, input: &[u8]) -> String {
        if self.end == self.start + 1 {
            format!(
                "'unicodeescape' codec can't decode byte 0x{:02x} in position {}: {}",
                input[self.start], self.start, self.reason
            )
        } else {
            format!(
                "'unicodeescape' codec can't decode bytes in position {}-{}: {}",
                self.start,
                self.end - 1,
                self.reason
            )
        }
    }
}

/// The `unicode_escape` codec on an ASCII buffer.
fn decode_unicode_escape(input: &[u8]) -> Result<PyStr, String> {
    let mut out = PyStr::new();
    let mut i = 0;
    while i < input.len() {
        let byte = input[i];
        if byte != b'\\' {
            out.push(byte as u32);
            i += 1;
            continue;
        }
        let start = i;
        i = decode_one_escape(input, i + 1, &mut out)
            .map_err(|(end, reason)| CodecError { start, end, reason }.message(input))?;
    }
    Ok(out)
}

/// Decodes the escape whose letter is at `input[i]` (just after the
/// backslash) into `out`; returns the index after it, or the error's end
/// index and reason.
fn decode_one_escape(input: &[u8], i: usize, out: &mut PyStr) -> Result<usize, (usize, &'static str)> {
    let Some(&letter) = input.get(i) else {
        return Err((input.len(), "\\ at end of string"));
    };
    let simple = match letter {
        b'\n' => None,
        b'\\' => Some(b'\\'),
        b'\'' => Some(b'\''),
        b'"' => Some(b'"'),
        b'b' => Some(0x08),
        b'f' => Some(0x0C),
        b't' => Some(b'\t'),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b'v' => Some(0x0B),
        b'a' => Some(0x07),
        b'0'..=b'7' => return Ok(decode_octal(input, i, out)),
        b'x' => return decode_hex(input, i + 1, 2, "truncated \\xXX escape", out),
        b'u' => return decode_hex(input, i + 1, 4, "truncated \\uXXXX escape", out),
        b'U' => return decode_hex(input, i + 1, 8, "truncated \\UXXXXXXXX escape", out),
        b'N' => return decode_named(input, i + 1, out),
        _ => {
            out.push(b'\\' as u32);
            out.push(letter as u32);
            return Ok(i + 1);
        }
    };
    if let Some(byte) = simple {
        out.push(byte as u32);
    }
    Ok(i + 1)
}

/// `\o`, `\oo` or `\ooo` (values above 0o377 are kept as code points).
fn decode_octal(input: &[u8], i: usize, out: &mut PyStr) -> usize {
    let mut value = 0u32;
    let mut j = i;
    while j < input.len() && j < i + 3 && (b'0'..=b'7').contains(&input[j]) {
        value = value * 8 + (input[j] - b'0') as u32;
        j += 1;
    }
    out.push(value);
    j
}

/// `count` hex digits from `input[i]` as one code point.
fn decode_hex(
    input: &[u8],
    i: usize,
    count: usize,
    truncated: &'static str,
    out: &mut PyStr,
) -> Result<usize, (usize, &'static str)> {
    let mut value = 0u32;
    for j in i..i + count {
        let Some(&digit) = input.get(j) else {
            return Err((input.len(), truncated));
        };
        let Some(digit) = (digit as char).to_digit(16) else {
            return Err((j, truncated));
        };
        value = (value << 4) | digit;
    }
    if value > MAX_UNICODE {
        return Err((i + count, "illegal Unicode character"));
    }
    out.push(value);
    Ok(i + count)
}

/// `\N{name}`, with `input[i]` the character after the `N`.
fn decode_named(input: &[u8], i: usize, out: &mut PyStr) -> Result<usize, (usize, &'static str)> {
    const MALFORMED: &str = "malformed \\N character escape";
    match input.get(i) {
        None => return Err((input.len(), MALFORMED)),
        Some(b'{') => {}
        Some(_) => return Err((i, MALFORMED)),
    }
    let name_start = i + 1;
    let Some(len) = input[name_start..].iter().position(|&b| b == b'}') else {
        return Err((input.len(), MALFORMED));
    };
    if len == 0 {
        return Err((name_start, MALFORMED));
    }
    let after = name_start + len + 1;
    let name = std::str::from_utf8(&input[name_start..name_start + len]).unwrap_or("");
    match super::names::lookup(name) {
        Some(c) => {
            out.push(c as u32);
            Ok(after)
        }
        None => Err((after, "unknown Unicode character name")),
    }
}

/// Decodes a non-raw `bytes` literal body (ASCII only, checked by the caller).
pub fn decode_bytes(body: &str) -> Result<Vec<u8>, String> {
    let input = body.as_bytes();
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let byte = input[i];
        i += 1;
        if byte != b'\\' || i >= input.len() {
            out.push(byte);
            continue;
        }
        let letter = input[i];
        i += 1;
        match letter {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(letter),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0C),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(0x0B),
            b'a' => out.push(0x07),
            b'0'..=b'7' => {
                let mut value = (letter - b'0') as u32;
                for _ in 0..2 {
                    match input.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            b'x' => {
                let hex = |k: usize| input.get(k).and_then(|&d| (d as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(high), Some(low)) if i + 1 < input.len() => {
                        out.push((high * 16 + low) as u8);
                        i += 2;
                    }
                    _ => return Err(format!("invalid \\x escape at position {}", i - 2)),
                }
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}
