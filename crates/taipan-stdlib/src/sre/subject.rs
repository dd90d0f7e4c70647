//! The string a pattern runs on (CPython's `getstring`): a `str` (its PEP
//! 393 units, borrowed) or a bytes-like object (bytes borrowed; bytearray
//! and memoryview copied for the duration of the call), plus the slicing
//! that turns spans back into `str`/`bytes` objects.

use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{bytes, str as pystr};
use taipan_vm::text::Units;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// A subject with its units.
pub struct Subject {
    /// The object itself (kept for `Match.string` and for slicing).
    pub obj: Value,
    copy: Option<Vec<u8>>,
    pub is_bytes: bool,
}

/// The units of a subject, one per character.
pub enum SubjectUnits<'a> {
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
}

/// Runs `$body` with `$s` bound to the units of `$subject`, whatever their width.
macro_rules! with_units {
    ($subject:expr, $s:ident => $body:expr) => {
        match $subject.units() {
            $crate::sre::subject::SubjectUnits::U8($s) => $body,
            $crate::sre::subject::SubjectUnits::U16($s) => $body,
            $crate::sre::subject::SubjectUnits::U32($s) => $body,
        }
    };
}
pub(crate) use with_units;

impl Subject {
    /// `getstring`: a str or a bytes-like object, else CPython's TypeError.
    pub fn new(obj: &Value) -> PyResult<Subject> {
        Subject::try_new(obj).ok_or_else(|| {
            exc::type_error(format!("expected string or bytes-like object, got '{}'", type_name(obj)))
        })
    }

    /// Like `new`, `None` for other objects.
    pub fn try_new(obj: &Value) -> Option<Subject> {
        if pystr::text(obj).is_some() {
            return Some(Subject { obj: obj.clone(), copy: None, is_bytes: false });
        }
        if bytes::as_bytes(obj).is_some() {
            return Some(Subject { obj: obj.clone(), copy: None, is_bytes: true });
        }
        let copy = bytes::buffer(obj)?;
        Some(Subject { obj: obj.clone(), copy: Some(copy), is_bytes: true })
    }

    pub fn units(&self) -> SubjectUnits<'_> {
        if let Some(c) = &self.copy {
            return SubjectUnits::U8(c);
        }
        if let Some(b) = bytes::as_bytes(&self.obj) {
            return SubjectUnits::U8(b);
        }
        match pystr::text(&self.obj).map(|t| t.as_units()) {
            Some(Units::Latin1(u)) => SubjectUnits::U8(u),
            Some(Units::Ucs2(u)) => SubjectUnits::U16(u),
            Some(Units::Ucs4(u)) => SubjectUnits::U32(u),
            None => SubjectUnits::U8(&[]),
        }
    }

    pub fn len(&self) -> usize {
        with_units!(self, s => s.len())
    }

    /// `string[start:end]` as an exact str or bytes (`getslice`).
    pub fn slice(&self, start: usize, end: usize) -> Value {
        slice_of(&self.obj, self.is_bytes, start, end)
    }

    /// Checks the subject's kind against the pattern's (`state_init`).
    pub fn check_kind(&self, pattern_is_bytes: Option<bool>) -> PyResult<()> {
        match pattern_is_bytes {
            Some(false) if self.is_bytes => {
                Err(exc::type_error("cannot use a string pattern on a bytes-like object"))
            }
            Some(true) if !self.is_bytes => {
                Err(exc::type_error("cannot use a bytes pattern on a string-like object"))
            }
            _ => Ok(()),
        }
    }
}

/// `obj[start:end]` as an exact str or bytes, for a subject object.
pub fn slice_of(obj: &Value, is_bytes: bool, start: usize, end: usize) -> Value {
    if !is_bytes {
        let Some(t) = pystr::text(obj) else { return pystr::empty() };
        let end = end.min(t.len());
        if start == 0 && end == t.len() && pystr::is_exact(obj) {
            return obj.clone();
        }
        return pystr::from_text(t.substring(start.min(end), end));
    }
    if let Some(b) = bytes::as_bytes(obj) {
        let end = end.min(b.len());
        if start == 0 && end == b.len() && bytes::is_exact(obj) {
            return obj.clone();
        }
        return bytes::new(b[start.min(end)..end].to_vec());
    }
    let b = bytes::buffer(obj).unwrap_or_default();
    let end = end.min(b.len());
    bytes::new(b[start.min(end)..end].to_vec())
}
