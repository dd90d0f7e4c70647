//! The `str`-related builtins that need only the text module: `chr`, `ord`,
//! `ascii`, `hash(s)` (the hash function itself is `tables::hash`'s; this
//! picks the storage units), and `removeprefix`/`removesuffix`.

use super::error::{TextError, TextResult};
use super::storage::{Str, Units, MAX_CODE_POINT};
use crate::tables::hash;

impl Str {
    /// `chr(i)` for an `i` that fits in `i64` (larger ints get the same
    /// `OverflowError` as those beyond C's `int`, which the caller raises).
    pub fn chr(code_point: i64) -> TextResult<Str> {
        if i32::try_from(code_point).is_err() {
            return Err(TextError::overflow("Python int too large to convert to C int"));
        }
        match u32::try_from(code_point) {
            Ok(cp) if cp <= MAX_CODE_POINT => Ok(Str::from_char(cp)),
            _ => Err(TextError::value("chr() arg not in range(0x110000)")),
        }
    }

    /// `ord(s)`: the code point of a one-character string.
    pub fn ord(&self) -> TextResult<u32> {
        match self.len() {
            1 => Ok(self.char_at(0).unwrap_or(0)),
            n => Err(TextError::Type(format!("ord() expected a character, but string of length {n} found"))),
        }
    }

    /// `ascii(s)`: `repr(s)` with every non-ASCII character escaped.
    pub fn ascii_repr(&self) -> String {
        let repr = self.repr();
        if repr.is_ascii() {
            return repr;
        }
        let mut out = String::with_capacity(repr.len() + 8);
        for c in repr.chars() {
            match u32::from(c) {
                0..=0x7F => out.push(c),
                cp @ 0x80..=0xFF => out.push_str(&format!("\\x{cp:02x}")),
                cp @ 0x100..=0xFFFF => out.push_str(&format!("\\u{cp:04x}")),
                cp => out.push_str(&format!("\\U{cp:08x}")),
            }
        }
        out
    }

    /// `hash(s)` with the process-wide secret: CPython hashes the storage
    /// units, so the kind matters (it is canonical, so equal strings agree).
    pub fn python_hash(&self) -> i64 {
        match self.as_units() {
            Units::Latin1(u) => hash::hash_str_ucs1(u),
            Units::Ucs2(u) => hash::hash_str_ucs2(u),
            Units::Ucs4(u) => hash::hash_str_ucs4(u),
        }
    }

    /// `str.removeprefix(prefix)`.
    pub fn removeprefix(&self, prefix: &Str) -> Str {
        match self.starts_with(prefix, None, None) {
            true => self.substring(prefix.len(), self.len()),
            false => self.clone(),
        }
    }

    /// `str.removesuffix(suffix)`.
    pub fn removesuffix(&self, suffix: &Str) -> Str {
        match self.ends_with(suffix, None, None) && !suffix.is_empty() {
            true => self.substring(0, self.len() - suffix.len()),
            false => self.clone(),
        }
    }
}
