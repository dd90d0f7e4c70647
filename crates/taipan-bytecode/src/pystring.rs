//! `PyString`: a Python `str` as code objects and marshal data hold it — any
//! sequence of code points, lone surrogates included, stored as generalised
//! UTF-8 (UTF-8 that also encodes U+D800..U+DFFF as three bytes, which is
//! what `str.encode("utf-8", "surrogatepass")` gives and what marshal's
//! `TYPE_UNICODE` carries). `taipan_parser::ast::PyStr` uses the same
//! encoding, so converting between them is a byte copy. Cloning is O(1) (the
//! bytes are shared), which keeps marshal back-references cheap.
//!
//! This is a storage type for constants, not the VM's string object.

use std::fmt;
use std::sync::Arc;

/// An immutable Python string in generalised UTF-8.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyString(Arc<[u8]>);

impl PyString {
    /// Wraps bytes that are valid generalised UTF-8; `None` otherwise.
    pub fn from_wtf8(bytes: &[u8]) -> Option<PyString> {
        is_generalised_utf8(bytes).then(|| PyString(bytes.into()))
    }

    /// Each byte is one code point U+0000..U+00FF (marshal's "ASCII" kinds
    /// are read this way by CPython, so non-ASCII bytes become Latin-1).
    pub fn from_latin1(bytes: &[u8]) -> PyString {
        if bytes.is_ascii() {
            return PyString(bytes.into());
        }
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        PyString(text.into_bytes().into())
    }

    /// The generalised UTF-8 bytes.
    pub fn as_wtf8(&self) -> &[u8] {
        &self.0
    }

    /// The text, if it holds no surrogates.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// Whether this is the string `text` (a byte comparison: bytes holding
    /// a surrogate never equal a `str`'s).
    pub fn eq_str(&self, text: &str) -> bool {
        *self.0 == *text.as_bytes()
    }

    /// Whether every code point is below U+0080.
    pub fn is_ascii(&self) -> bool {
        self.0.is_ascii()
    }

    /// The number of code points (`len(s)`).
    pub fn char_len(&self) -> usize {
        self.0.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    }

    /// The code points.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        taipan_repr::code_points(&self.0)
    }

    /// Whether every character is `[A-Za-z0-9_]` (CPython interns such
    /// string constants of code objects).
    pub fn is_name_like(&self) -> bool {
        self.0.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
    }
}

/// Lookups by bytes in maps keyed by `PyString` (the derived `Hash` hashes
/// the bytes as a `[u8]` does).
impl std::borrow::Borrow<[u8]> for PyString {
    fn borrow(&self) -> &[u8] {
        &self.0
    }
}

impl From<&str> for PyString {
    fn from(s: &str) -> Self {
        PyString(s.as_bytes().into())
    }
}

impl From<String> for PyString {
    fn from(s: String) -> Self {
        PyString(s.into_bytes().into())
    }
}

impl fmt::Debug for PyString {
    /// Python-like: `'text'`, with surrogates as `\udxxx`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("'")?;
        for cp in self.code_points() {
            match char::from_u32(cp) {
                Some('\'') => f.write_str("\\'")?,
                Some(c) if !c.is_control() => write!(f, "{}", c.escape_debug())?,
                _ => write!(f, "\\u{cp:04x}")?,
            }
        }
        f.write_str("'")
    }
}

/// Whether `bytes` is UTF-8 in which surrogates may also appear (as
/// `ED A0..BF 80..BF`): shortest forms only, nothing above U+10FFFF.
pub fn is_generalised_utf8(bytes: &[u8]) -> bool {
    utf8_error(bytes).is_none()
}

/// Where decoding `bytes` as UTF-8 with `surrogatepass` fails, as CPython's
/// decoder reports it: `(start, end, reason)`, `reason` being "invalid start
/// byte", "invalid continuation byte" or "unexpected end of data".
pub fn utf8_error(bytes: &[u8]) -> Option<(usize, usize, &'static str)> {
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let (need, lo, hi) = match lead {
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return Some((i, i + 1, "invalid start byte")),
        };
        for k in 1..=need {
            let Some(&b) = bytes.get(i + k) else {
                return Some((i, bytes.len(), "unexpected end of data"));
            };
            let ok = if k == 1 { (lo..=hi).contains(&b) } else { b & 0xC0 == 0x80 };
            if !ok {
                // surrogatepass: ED A0..BF 80..BF is a lone surrogate.
                let surrogate = lead == 0xED
                    && k == 1
                    && (0xA0..=0xBF).contains(&b)
                    && bytes.get(i + 2).is_some_and(|&c| c & 0xC0 == 0x80);
                if !surrogate {
                    return Some((i, i + k, "invalid continuation byte"));
                }
                break;
            }
        }
        i += need + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_are_allowed_overlongs_are_not() {
        assert!(is_generalised_utf8("héllo €𝄞".as_bytes()));
        assert!(is_generalised_utf8(b"\xed\xa0\x80")); // U+D800
        assert!(!is_generalised_utf8(b"\xc0\x80"));
        assert!(!is_generalised_utf8(b"\xe0\x80\x80"));
        assert!(!is_generalised_utf8(b"\xf4\x90\x80\x80"));
        assert!(!is_generalised_utf8(b"\xe2\x82"));
        assert!(!is_generalised_utf8(b"\xff"));
        assert_eq!(utf8_error(b"ab\xe2\x82"), Some((2, 4, "unexpected end of data")));
        assert_eq!(utf8_error(b"\xed\xa0"), Some((0, 1, "invalid continuation byte")));
        assert_eq!(utf8_error(b"\xf0\x90\x41"), Some((0, 2, "invalid continuation byte")));
    }

    #[test]
    fn latin1_and_code_points() {
        let s = PyString::from_latin1(b"a\xff");
        assert_eq!(s.as_str(), Some("aÿ"));
        assert_eq!(s.char_len(), 2);
        let lone = PyString::from_wtf8(b"x\xed\xb0\x80").unwrap();
        assert_eq!(lone.code_points().collect::<Vec<_>>(), vec![0x78, 0xDC00]);
        assert_eq!(format!("{lone:?}"), "'x\\udc00'");
        assert!(PyString::from("_a1").is_name_like());
        assert!(!PyString::from("a b").is_name_like());
    }
}
