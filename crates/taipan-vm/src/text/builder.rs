//! `StrBuilder`: builds a `Str` whose kind is not known in advance, one code
//! point or piece at a time. It starts with Latin-1 storage and widens the
//! buffer only when a wider code point arrives, so the result is canonical
//! without a final scan (CPython's `_PyUnicodeWriter` does the same). Used by
//! the case mappings, codecs and `replace`, and by the VM for `repr`,
//! f-strings and `format`.

use super::storage::{Kind, Str, Unit, Units, MAX_CODE_POINT};

/// An append-only buffer that becomes a canonical `Str`.
#[derive(Clone, Debug)]
pub struct StrBuilder {
    buf: Buf,
}

#[derive(Clone, Debug)]
enum Buf {
    Latin1(Vec<u8>),
    Ucs2(Vec<u16>),
    Ucs4(Vec<u32>),
}

impl Default for StrBuilder {
    fn default() -> StrBuilder {
        StrBuilder::new()
    }
}

impl StrBuilder {
    /// An empty builder.
    pub fn new() -> StrBuilder {
        StrBuilder::with_capacity(0)
    }

    /// An empty builder with room for `capacity` Latin-1 code points.
    pub fn with_capacity(capacity: usize) -> StrBuilder {
        StrBuilder { buf: Buf::Latin1(Vec::with_capacity(capacity)) }
    }

    /// The number of code points pushed so far.
    pub fn len(&self) -> usize {
        match &self.buf {
            Buf::Latin1(v) => v.len(),
            Buf::Ucs2(v) => v.len(),
            Buf::Ucs4(v) => v.len(),
        }
    }

    /// Whether nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn kind(&self) -> Kind {
        match &self.buf {
            Buf::Latin1(_) => Kind::Latin1,
            Buf::Ucs2(_) => Kind::Ucs2,
            Buf::Ucs4(_) => Kind::Ucs4,
        }
    }

    /// Widens the buffer so that it holds code points of kind `kind`.
    fn widen_to(&mut self, kind: Kind) {
        if kind <= self.kind() {
            return;
        }
        let cps: Vec<u32> = match &self.buf {
            Buf::Latin1(v) => v.iter().map(|&c| c.into()).collect(),
            Buf::Ucs2(v) => v.iter().map(|&c| c.into()).collect(),
            Buf::Ucs4(_) => return,
        };
        self.buf = match kind {
            Kind::Ucs2 => Buf::Ucs2(cps.into_iter().map(|c| c as u16).collect()),
            _ => Buf::Ucs4(cps),
        };
    }

    /// Appends one code point (values above U+10FFFF are clamped).
    pub fn push(&mut self, code_point: u32) {
        let cp = code_point.min(MAX_CODE_POINT);
        self.widen_to(Kind::for_max(cp));
        match &mut self.buf {
            Buf::Latin1(v) => v.push(cp as u8),
            Buf::Ucs2(v) => v.push(cp as u16),
            Buf::Ucs4(v) => v.push(cp),
        }
    }

    /// Appends a Rust string.
    pub fn push_str(&mut self, text: &str) {
        if text.is_ascii() {
            if let Buf::Latin1(v) = &mut self.buf {
                v.extend_from_slice(text.as_bytes());
                return;
            }
        }
        text.chars().for_each(|c| self.push(c.into()));
    }

    /// Appends the whole of `s`.
    pub fn push_pystr(&mut self, s: &Str) {
        self.push_units(s.as_units());
    }

    /// Appends code points `start..end` of `s` (clamped to its length).
    pub fn push_range(&mut self, s: &Str, start: usize, end: usize) {
        let end = end.min(s.len());
        let start = start.min(end);
        match s.as_units() {
            Units::Latin1(u) => self.push_units(Units::Latin1(&u[start..end])),
            Units::Ucs2(u) => self.push_units(Units::Ucs2(&u[start..end])),
            Units::Ucs4(u) => self.push_units(Units::Ucs4(&u[start..end])),
        }
    }

    /// Appends units of any content, widening the buffer as they need.
    fn push_units(&mut self, units: Units<'_>) {
        match units {
            Units::Latin1(u) => self.extend(u),
            Units::Ucs2(u) => self.widen_and_extend(u),
            Units::Ucs4(u) => self.widen_and_extend(u),
        }
    }

    fn widen_and_extend<T: Unit>(&mut self, units: &[T]) {
        let max = super::storage::max_unit(units);
        self.widen_to(Kind::for_max(max));
        self.extend(units);
    }

    /// Appends units no wider than the buffer's.
    fn extend<T: Unit>(&mut self, units: &[T]) {
        match &mut self.buf {
            Buf::Latin1(v) => v.extend(units.iter().map(|&c| c.into() as u8)),
            Buf::Ucs2(v) => v.extend(units.iter().map(|&c| c.into() as u16)),
            Buf::Ucs4(v) => v.extend(units.iter().map(|&c| c.into())),
        }
    }

    /// Appends a code point `count` times.
    pub fn push_repeated(&mut self, code_point: u32, count: usize) {
        if count == 0 {
            return;
        }
        self.push(code_point);
        let cp = code_point.min(MAX_CODE_POINT);
        match &mut self.buf {
            Buf::Latin1(v) => v.resize(v.len() + count - 1, cp as u8),
            Buf::Ucs2(v) => v.resize(v.len() + count - 1, cp as u16),
            Buf::Ucs4(v) => v.resize(v.len() + count - 1, cp),
        }
    }

    /// Reserves room for `additional` more code points, reporting failure.
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), super::TextError> {
        let result = match &mut self.buf {
            Buf::Latin1(v) => v.try_reserve(additional),
            Buf::Ucs2(v) => v.try_reserve(additional),
            Buf::Ucs4(v) => v.try_reserve(additional),
        };
        result.map_err(|_| super::TextError::Memory)
    }

    /// The canonical string.
    pub fn finish(self) -> Str {
        match self.buf {
            Buf::Latin1(v) => Str::from_latin1_vec(v),
            Buf::Ucs2(v) => u16::vec_to_str_canonical(v),
            Buf::Ucs4(v) => u32::vec_to_str_canonical(v),
        }
    }
}

impl Extend<u32> for StrBuilder {
    fn extend<I: IntoIterator<Item = u32>>(&mut self, iter: I) {
        iter.into_iter().for_each(|cp| self.push(cp));
    }
}
