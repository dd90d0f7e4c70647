//! Errors of the text algorithms as values: which Python exception the VM
//! should raise and CPython's message for it. Codec errors keep the fields
//! that `UnicodeEncodeError`/`UnicodeDecodeError` objects expose (`encoding`,
//! `start`, `end`, `reason`); their `Display` is CPython's `str(exc)`.

use std::fmt;

/// Result of a text operation.
pub type TextResult<T> = Result<T, TextError>;

/// An error of a text operation, mapped to the Python exception it becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// `ValueError(message)`, e.g. "empty separator", "substring not found".
    Value(String),
    /// `OverflowError(message)`, e.g. "repeated string is too long".
    Overflow(String),
    /// `MemoryError()`: the result could not be allocated.
    Memory,
    /// `LookupError(message)`: unknown encoding or error handler name.
    Lookup(String),
    /// `TypeError(message)`, e.g. a handler that cannot handle decoding.
    Type(String),
    /// `UnicodeEncodeError`; `start..end` are code-point positions.
    Encode(CodecError),
    /// `UnicodeDecodeError`; `start..end` are byte positions.
    Decode(CodecError),
}

/// The details of a `UnicodeEncodeError` or `UnicodeDecodeError`. The
/// offending object is the caller's (the `str` or `bytes` it passed in);
/// `detail` is what the message shows of it: the single bad code point
/// (encode) or byte (decode) when `end == start + 1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError {
    /// The codec's name as CPython reports it: "utf-8", "latin-1", "ascii".
    pub encoding: &'static str,
    /// Index of the first bad code point (encode) or byte (decode).
    pub start: usize,
    /// One past the last bad one.
    pub end: usize,
    /// e.g. "surrogates not allowed", "invalid start byte".
    pub reason: &'static str,
    /// The first bad code point or byte value.
    pub detail: u32,
}

impl TextError {
    /// The name of the Python exception class to raise.
    pub fn exception_name(&self) -> &'static str {
        match self {
            TextError::Value(_) => "ValueError",
            TextError::Overflow(_) => "OverflowError",
            TextError::Memory => "MemoryError",
            TextError::Lookup(_) => "LookupError",
            TextError::Type(_) => "TypeError",
            TextError::Encode(_) => "UnicodeEncodeError",
            TextError::Decode(_) => "UnicodeDecodeError",
        }
    }

    pub(crate) fn value(message: &str) -> TextError {
        TextError::Value(message.to_owned())
    }

    pub(crate) fn overflow(message: &str) -> TextError {
        TextError::Overflow(message.to_owned())
    }
}

impl fmt::Display for TextError {
    /// `str(exc)` as CPython prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Value(m) | TextError::Overflow(m) | TextError::Lookup(m) | TextError::Type(m) => {
                f.write_str(m)
            }
            TextError::Memory => Ok(()),
            TextError::Encode(e) => e.fmt_encode(f),
            TextError::Decode(e) => e.fmt_decode(f),
        }
    }
}

impl CodecError {
    fn fmt_encode(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let CodecError { encoding, start, end, reason, detail } = *self;
        if end == start + 1 {
            let ch = match detail {
                0..=0xFF => format!("\\x{detail:02x}"),
                0x100..=0xFFFF => format!("\\u{detail:04x}"),
                _ => format!("\\U{detail:08x}"),
            };
            write!(f, "'{encoding}' codec can't encode character '{ch}' in position {start}: {reason}")
        } else {
            let last = end.saturating_sub(1);
            write!(f, "'{encoding}' codec can't encode characters in position {start}-{last}: {reason}")
        }
    }

    fn fmt_decode(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let CodecError { encoding, start, end, reason, detail } = *self;
        if end == start + 1 {
            write!(f, "'{encoding}' codec can't decode byte 0x{detail:02x} in position {start}: {reason}")
        } else {
            let last = end.saturating_sub(1);
            write!(f, "'{encoding}' codec can't decode bytes in position {start}-{last}: {reason}")
        }
    }
}
