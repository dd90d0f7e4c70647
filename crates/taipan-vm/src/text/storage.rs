//! `Str`: an immutable Python string in CPython's PEP 393 layout. The code
//! points are stored in the narrowest unit that fits them all — Latin-1
//! (`u8`), UCS-2 (`u16`) or UCS-4 (`u32`) — so indexing is O(1), and the
//! layout is canonical (a `Str` never uses a wider unit than it needs), so
//! two strings of different kinds are never equal. Lone surrogates are
//! ordinary code points. Latin-1 strings carry an `is_ascii` flag, which
//! gives a zero-copy `&str` view of ASCII text.
//!
//! The algorithms (search, split, case mapping, codecs, …) live in the
//! sibling modules; `builder.rs` builds a `Str` of unknown kind a code point
//! at a time; the generic plumbing over the three unit types is `Unit`.

use super::error::{TextError, TextResult};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// The largest code point, U+10FFFF.
pub const MAX_CODE_POINT: u32 = 0x10FFFF;

/// The storage unit of a `Str`: 1, 2 or 4 bytes per code point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// U+0000..U+00FF, one byte each.
    Latin1 = 1,
    /// U+0000..U+FFFF, two bytes each.
    Ucs2 = 2,
    /// Any code point, four bytes each.
    Ucs4 = 4,
}

impl Kind {
    /// The narrowest kind that holds `max_code_point`.
    pub fn for_max(max_code_point: u32) -> Kind {
        match max_code_point {
            0..=0xFF => Kind::Latin1,
            0x100..=0xFFFF => Kind::Ucs2,
            _ => Kind::Ucs4,
        }
    }

    /// Bytes per unit (CPython's `PyUnicode_KIND`).
    pub fn unit_size(self) -> usize {
        self as usize
    }
}

/// A borrowed view of a `Str`'s storage (what CPython hashes: the units in
/// native byte order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units<'a> {
    Latin1(&'a [u8]),
    Ucs2(&'a [u16]),
    Ucs4(&'a [u32]),
}

/// An immutable Python `str`. See the module documentation.
#[derive(Clone)]
pub struct Str {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    /// Latin-1 text of at most `INLINE` code points, kept in the `Str`
    /// itself: short strings (names, words, numbers) need no allocation.
    Inline {
        len: u8,
        ascii: bool,
        bytes: [u8; INLINE],
    },
    Latin1 {
        bytes: Box<[u8]>,
        ascii: bool,
    },
    Ucs2(Box<[u16]>),
    Ucs4(Box<[u32]>),
}

/// The longest Latin-1 text stored inline (the size of a boxed slice and
/// its flags, so that inline storage makes a `Str` no larger).
const INLINE: usize = 21;

/// Runs `$body` with `$u` bound to the units of `$s`, whatever their type.
macro_rules! with_units {
    ($s:expr, $u:ident => $body:expr) => {
        match $s.as_units() {
            $crate::text::Units::Latin1($u) => $body,
            $crate::text::Units::Ucs2($u) => $body,
            $crate::text::Units::Ucs4($u) => $body,
        }
    };
}
pub(crate) use with_units;

impl Str {
    /// The empty string.
    pub fn new() -> Str {
        Str { repr: Repr::Inline { len: 0, ascii: true, bytes: [0; INLINE] } }
    }

    /// Latin-1 units whose ASCII-ness is known, inline when short enough.
    fn latin1_with_flag(units: &[u8], ascii: bool) -> Str {
        if units.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..units.len()].copy_from_slice(units);
            return Str { repr: Repr::Inline { len: units.len() as u8, ascii, bytes } };
        }
        Str { repr: Repr::Latin1 { bytes: units.into(), ascii } }
    }

    /// Latin-1 text of `len` code points written by `fill` straight into
    /// the new string's storage (no intermediate buffer when it is short).
    pub(crate) fn latin1_filled(len: usize, fill: impl FnOnce(&mut [u8])) -> Str {
        if len <= INLINE {
            let mut bytes = [0; INLINE];
            fill(&mut bytes[..len]);
            let ascii = bytes[..len].is_ascii();
            return Str { repr: Repr::Inline { len: len as u8, ascii, bytes } };
        }
        let mut units = vec![0; len];
        fill(&mut units);
        Str::from_latin1_vec(units)
    }

    /// A one-character string. `code_point` must be at most U+10FFFF
    /// (larger values are clamped to U+10FFFF rather than stored).
    pub fn from_char(code_point: u32) -> Str {
        let cp = code_point.min(MAX_CODE_POINT);
        match Kind::for_max(cp) {
            Kind::Latin1 => Str::from_latin1_vec(vec![cp as u8]),
            Kind::Ucs2 => Str { repr: Repr::Ucs2(Box::new([cp as u16])) },
            Kind::Ucs4 => Str { repr: Repr::Ucs4(Box::new([cp])) },
        }
    }

    /// Each byte is one code point U+0000..U+00FF.
    pub fn from_latin1(bytes: &[u8]) -> Str {
        Str::latin1_with_flag(bytes, bytes.is_ascii())
    }

    /// Takes ownership of Latin-1 units.
    pub fn from_latin1_vec(bytes: Vec<u8>) -> Str {
        let ascii = bytes.is_ascii();
        if bytes.len() <= INLINE {
            return Str::latin1_with_flag(&bytes, ascii);
        }
        Str { repr: Repr::Latin1 { bytes: bytes.into_boxed_slice(), ascii } }
    }

    /// Validated code points; `ValueError` for one above U+10FFFF.
    pub fn from_code_points<I: IntoIterator<Item = u32>>(code_points: I) -> TextResult<Str> {
        let cps: Vec<u32> = code_points.into_iter().collect();
        if cps.iter().any(|&cp| cp > MAX_CODE_POINT) {
            return Err(TextError::value("code point not in range(0x110000)"));
        }
        Ok(Str::from_ucs4_vec(cps))
    }

    /// Generalised UTF-8 (UTF-8 in which surrogates are encoded like other
    /// code points), as `taipan_bytecode::PyString` and `ast` constants
    /// store text. Bytes that are not generalised UTF-8 give unspecified
    /// code points (never a panic); `codecs::decode_utf8` validates.
    pub fn from_wtf8(bytes: &[u8]) -> Str {
        if bytes.is_ascii() {
            return Str::latin1_with_flag(bytes, true);
        }
        let cps = taipan_repr::code_points(bytes).map(|cp| cp.min(MAX_CODE_POINT));
        Str::from_ucs4_vec(cps.collect())
    }

    /// UCS-2 units (lone surrogates allowed), narrowed to Latin-1 if they fit.
    pub fn from_ucs2(units: &[u16]) -> Str {
        u16::slice_to_str(units)
    }

    /// Code points known to be at most U+10FFFF, narrowed as far as they go.
    pub(crate) fn from_ucs4_vec(cps: Vec<u32>) -> Str {
        u32::vec_to_str(cps)
    }

    /// The number of code points, `len(s)`.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Inline { len, .. } => usize::from(*len),
            Repr::Latin1 { bytes, .. } => bytes.len(),
            Repr::Ucs2(u) => u.len(),
            Repr::Ucs4(u) => u.len(),
        }
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The storage kind.
    pub fn kind(&self) -> Kind {
        match &self.repr {
            Repr::Inline { .. } | Repr::Latin1 { .. } => Kind::Latin1,
            Repr::Ucs2(_) => Kind::Ucs2,
            Repr::Ucs4(_) => Kind::Ucs4,
        }
    }

    /// Whether every code point is below U+0080 (`str.isascii()`).
    pub fn is_ascii(&self) -> bool {
        matches!(self.repr, Repr::Inline { ascii: true, .. } | Repr::Latin1 { ascii: true, .. })
    }

    /// The storage, for hashing and for algorithms specialised per kind.
    pub fn as_units(&self) -> Units<'_> {
        match &self.repr {
            Repr::Inline { len, bytes, .. } => Units::Latin1(&bytes[..usize::from(*len)]),
            Repr::Latin1 { bytes, .. } => Units::Latin1(bytes),
            Repr::Ucs2(u) => Units::Ucs2(u),
            Repr::Ucs4(u) => Units::Ucs4(u),
        }
    }

    /// The code point at `index`, or `None` past the end (O(1)).
    pub fn char_at(&self, index: usize) -> Option<u32> {
        with_units!(self, u => unit_at(u, index))
    }

    /// The code points in order.
    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints { units: self.as_units(), front: 0, back: self.len() }
    }

    /// The largest code point (0 for the empty string).
    pub fn max_char(&self) -> u32 {
        with_units!(self, u => max_unit(u))
    }

    /// The text as a `&str` without copying, if it is ASCII.
    pub fn as_ascii_str(&self) -> Option<&str> {
        match (&self.repr, self.as_units()) {
            (Repr::Inline { ascii: true, .. } | Repr::Latin1 { ascii: true, .. }, Units::Latin1(bytes)) => {
                std::str::from_utf8(bytes).ok()
            }
            _ => None,
        }
    }

    /// The text as a Rust `String`; `None` if it holds a lone surrogate.
    pub fn to_rust_string(&self) -> Option<String> {
        if let Some(s) = self.as_ascii_str() {
            return Some(s.to_owned());
        }
        self.code_points().map(char::from_u32).collect()
    }

    /// The text as a Rust `String`, each lone surrogate replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        if let Some(s) = self.as_ascii_str() {
            return Cow::Borrowed(s);
        }
        let text = self.code_points().map(|cp| char::from_u32(cp).unwrap_or('\u{FFFD}'));
        Cow::Owned(text.collect())
    }

    /// Generalised UTF-8 (surrogates encoded as three bytes each), the
    /// encoding of `taipan_bytecode::PyString`.
    pub fn to_wtf8(&self) -> Vec<u8> {
        if let Some(s) = self.as_ascii_str() {
            return s.as_bytes().to_vec();
        }
        let mut out = Vec::with_capacity(self.len() * 2);
        for cp in self.code_points() {
            push_wtf8(&mut out, cp);
        }
        out
    }

    /// `repr(s)` as CPython prints it.
    pub fn repr(&self) -> String {
        taipan_repr::str_repr(&self.to_wtf8())
    }

    /// `self + other`; `OverflowError`/`MemoryError` for impossible sizes.
    pub fn concat(&self, other: &Str) -> TextResult<Str> {
        if self.len().checked_add(other.len()).is_none_or(|n| n > isize::MAX as usize) {
            return Err(TextError::overflow("strings are too large to concat"));
        }
        if other.is_empty() {
            return Ok(self.clone());
        }
        if self.is_empty() {
            return Ok(other.clone());
        }
        Ok(match self.kind().max(other.kind()) {
            Kind::Latin1 => concat_as::<u8>(&[self, other])?,
            Kind::Ucs2 => concat_as::<u16>(&[self, other])?,
            Kind::Ucs4 => concat_as::<u32>(&[self, other])?,
        })
    }

    /// `self += other` in place (CPython's `PyUnicode_Append` on a string
    /// nobody else references). The storage grows by reallocation, which
    /// the allocator does in place when it can, widening the kind first
    /// when `other` needs it; on error `self` is unchanged.
    pub fn append(&mut self, other: &Str) -> TextResult<()> {
        if self.len().checked_add(other.len()).is_none_or(|n| n > isize::MAX as usize) {
            return Err(TextError::overflow("strings are too large to concat"));
        }
        if other.is_empty() {
            return Ok(());
        }
        if other.kind() > self.kind() {
            *self = self.concat(other)?;
            return Ok(());
        }
        let other_ascii = other.is_ascii();
        if matches!(self.repr, Repr::Inline { .. }) {
            *self = self.concat(other)?;
            return Ok(());
        }
        match &mut self.repr {
            Repr::Latin1 { bytes, ascii } => {
                append_units(bytes, other)?;
                *ascii = *ascii && other_ascii;
            }
            Repr::Ucs2(units) => append_units(units, other)?,
            Repr::Ucs4(units) => append_units(units, other)?,
            Repr::Inline { .. } => {}
        }
        Ok(())
    }

    /// `self * count` (empty for `count <= 0`).
    pub fn repeat(&self, count: isize) -> TextResult<Str> {
        if count <= 0 || self.is_empty() {
            return Ok(Str::new());
        }
        let count = count as usize;
        let total = self.len().checked_mul(count).filter(|&n| n <= isize::MAX as usize);
        let total = total.ok_or_else(|| TextError::overflow("repeated string is too long"))?;
        Ok(with_units!(self, u => repeat_units(u, count, total)?))
    }

    /// `sub in self`.
    pub fn contains(&self, sub: &Str) -> bool {
        self.find(sub, None, None).is_some()
    }

    /// The code points `start..end` (clamped to the string).
    pub fn substring(&self, start: usize, end: usize) -> Str {
        let end = end.min(self.len());
        let start = start.min(end);
        if start == 0 && end == self.len() {
            return self.clone();
        }
        if let Units::Latin1(bytes) = self.as_units() {
            let part = &bytes[start..end];
            return Str::latin1_with_flag(part, self.is_ascii() || part.is_ascii());
        }
        with_units!(self, u => Unit::slice_to_str(&u[start..end]))
    }
}

fn unit_at<T: Unit>(units: &[T], index: usize) -> Option<u32> {
    units.get(index).map(|&c| c.into())
}

/// The largest unit (0 if none), in a loop the compiler vectorises.
pub(crate) fn max_unit<T: Unit>(units: &[T]) -> u32 {
    units.iter().copied().fold(T::ZERO, Ord::max).into()
}

/// Appends `cp` to `out` as generalised UTF-8.
pub(crate) fn push_wtf8(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0..=0x7F => out.push(cp as u8),
        0x80..=0x7FF => out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]),
        0x800..=0xFFFF => out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
        _ => out.extend_from_slice(&[
            0xF0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3F) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
    }
}

/// A vector of `capacity` elements, or `MemoryError` instead of aborting.
pub(crate) fn try_vec<T>(capacity: usize) -> TextResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(capacity).map_err(|_| TextError::Memory)?;
    Ok(v)
}

/// The concatenation of `parts` in storage of unit `T` (wide enough for all).
pub(crate) fn concat_as<T: Unit>(parts: &[&Str]) -> TextResult<Str> {
    let total = parts.iter().map(|s| s.len()).sum();
    let mut out = try_vec::<T>(total)?;
    for part in parts {
        T::extend_from(&mut out, part);
    }
    Ok(T::vec_to_str_canonical(out))
}

/// Appends the code points of `other` (no wider than `T`) to `units`,
/// reallocating the block to the exact new size.
fn append_units<T: Unit>(units: &mut Box<[T]>, other: &Str) -> TextResult<()> {
    let mut v = std::mem::take(units).into_vec();
    if v.try_reserve_exact(other.len()).is_err() {
        *units = v.into_boxed_slice();
        return Err(TextError::Memory);
    }
    T::extend_from(&mut v, other);
    *units = v.into_boxed_slice();
    Ok(())
}

fn repeat_units<T: Unit>(units: &[T], count: usize, total: usize) -> TextResult<Str> {
    let mut out = try_vec::<T>(total)?;
    out.extend_from_slice(units);
    while out.len() < total {
        let chunk = out.len().min(total - out.len());
        out.extend_from_within(..chunk);
    }
    debug_assert_eq!(out.len(), units.len() * count);
    Ok(T::vec_to_str_canonical(out))
}

/// The three storage unit types, so that algorithms are written once.
pub(crate) trait Unit: Copy + Ord + Eq + Hash + Into<u32> + fmt::Debug + 'static {
    /// The kind whose storage this unit is.
    const KIND: Kind;
    /// The unit of U+0000.
    const ZERO: Self;
    /// `cp` as this unit; the caller ensures it fits.
    fn from_cp(cp: u32) -> Self;
    /// The units of `s` if `s` is stored with exactly this unit.
    fn view(s: &Str) -> Option<&[Self]>;
    /// Wraps units that are known to be canonical (some unit needs `KIND`).
    fn vec_to_str_canonical(units: Vec<Self>) -> Str;

    /// The units of `s` in this unit type: borrowed if `s` has this kind,
    /// widened if narrower, `None` if `s` holds a code point too large.
    fn units_of(s: &Str) -> Option<Cow<'_, [Self]>> {
        if let Some(u) = Self::view(s) {
            return Some(Cow::Borrowed(u));
        }
        if s.kind() > Self::KIND {
            return None;
        }
        let mut out = Vec::with_capacity(s.len());
        Self::extend_from(&mut out, s);
        Some(Cow::Owned(out))
    }

    /// Appends the code points of `s` (no wider than this unit).
    fn extend_from(out: &mut Vec<Self>, s: &Str) {
        match Self::view(s) {
            Some(u) => out.extend_from_slice(u),
            None => out.extend(s.code_points().map(Self::from_cp)),
        }
    }

    /// Wraps units of any content, narrowing to the canonical kind.
    fn vec_to_str(units: Vec<Self>) -> Str {
        let max = max_unit(&units);
        if Kind::for_max(max) == Self::KIND {
            return Self::vec_to_str_canonical(units);
        }
        Self::slice_to_str(&units)
    }

    /// Copies units of any content into a canonical `Str`.
    fn slice_to_str(units: &[Self]) -> Str {
        let max = max_unit(units);
        if Kind::for_max(max) == Self::KIND {
            return Self::vec_to_str_canonical(units.to_vec());
        }
        let cps = units.iter().map(|&u| u.into());
        match Kind::for_max(max) {
            Kind::Latin1 => Str::from_latin1_vec(cps.map(|c| c as u8).collect()),
            Kind::Ucs2 => Str { repr: Repr::Ucs2(cps.map(|c| c as u16).collect()) },
            Kind::Ucs4 => Str { repr: Repr::Ucs4(cps.collect()) },
        }
    }
}

impl Unit for u8 {
    const ZERO: u8 = 0;
    const KIND: Kind = Kind::Latin1;
    fn from_cp(cp: u32) -> u8 {
        cp as u8
    }
    fn view(s: &Str) -> Option<&[u8]> {
        match &s.repr {
            Repr::Inline { len, bytes, .. } => Some(&bytes[..usize::from(*len)]),
            Repr::Latin1 { bytes, .. } => Some(bytes),
            _ => None,
        }
    }
    fn vec_to_str_canonical(units: Vec<u8>) -> Str {
        Str::from_latin1_vec(units)
    }
    fn vec_to_str(units: Vec<u8>) -> Str {
        Str::from_latin1_vec(units)
    }
    fn slice_to_str(units: &[u8]) -> Str {
        Str::from_latin1(units)
    }
}

impl Unit for u16 {
    const ZERO: u16 = 0;
    const KIND: Kind = Kind::Ucs2;
    fn from_cp(cp: u32) -> u16 {
        cp as u16
    }
    fn view(s: &Str) -> Option<&[u16]> {
        match &s.repr {
            Repr::Ucs2(u) => Some(u),
            _ => None,
        }
    }
    fn vec_to_str_canonical(units: Vec<u16>) -> Str {
        Str { repr: Repr::Ucs2(units.into_boxed_slice()) }
    }
}

impl Unit for u32 {
    const ZERO: u32 = 0;
    const KIND: Kind = Kind::Ucs4;
    fn from_cp(cp: u32) -> u32 {
        cp
    }
    fn view(s: &Str) -> Option<&[u32]> {
        match &s.repr {
            Repr::Ucs4(u) => Some(u),
            _ => None,
        }
    }
    fn vec_to_str_canonical(units: Vec<u32>) -> Str {
        Str { repr: Repr::Ucs4(units.into_boxed_slice()) }
    }
}

/// Iterator over the code points of a `Str` (double-ended, exact size).
#[derive(Clone)]
pub struct CodePoints<'a> {
    units: Units<'a>,
    front: usize,
    back: usize,
}

impl CodePoints<'_> {
    fn at(&self, i: usize) -> u32 {
        match self.units {
            Units::Latin1(u) => u[i].into(),
            Units::Ucs2(u) => u[i].into(),
            Units::Ucs4(u) => u[i],
        }
    }
}

impl Iterator for CodePoints<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.at(self.front - 1)
        })
    }
    /// O(1), so that `skip` and `nth` do not walk.
    fn nth(&mut self, n: usize) -> Option<u32> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for CodePoints<'_> {
    fn next_back(&mut self) -> Option<u32> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.at(self.back)
        })
    }
}

impl ExactSizeIterator for CodePoints<'_> {}

impl CodePoints<'_> {
    /// The code points from `start` on (O(1)).
    pub fn from_index(mut self, start: usize) -> Self {
        self.front = start.min(self.back);
        self
    }
}

impl Default for Str {
    fn default() -> Str {
        Str::new()
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        if s.is_ascii() {
            return Str::latin1_with_flag(s.as_bytes(), true);
        }
        // The widest code point shows in the largest lead byte: 0xC4 starts
        // U+0100, 0xF0 starts U+10000.
        let max_lead = s.bytes().fold(0, u8::max);
        match max_lead {
            0..=0xC3 => Str::from_latin1_vec(s.chars().map(|c| c as u8).collect()),
            0xC4..=0xEF => u16::vec_to_str_canonical(s.chars().map(|c| c as u16).collect()),
            _ => u32::vec_to_str_canonical(s.chars().map(u32::from).collect()),
        }
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        if s.is_ascii() {
            return Str::from_latin1_vec(s.into_bytes());
        }
        Str::from(s.as_str())
    }
}

impl From<char> for Str {
    fn from(c: char) -> Str {
        Str::from_char(c.into())
    }
}

impl From<&taipan_bytecode::pystring::PyString> for Str {
    fn from(s: &taipan_bytecode::pystring::PyString) -> Str {
        Str::from_wtf8(s.as_wtf8())
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_units() == other.as_units()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        if self.is_ascii() {
            return self.as_units() == Units::Latin1(other.as_bytes());
        }
        self.len() <= other.len() && self.code_points().eq(other.chars().map(u32::from))
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl Ord for Str {
    /// Code-point order, as Python compares strings.
    fn cmp(&self, other: &Str) -> Ordering {
        match (self.as_units(), other.as_units()) {
            (Units::Latin1(a), Units::Latin1(b)) => a.cmp(b),
            (Units::Ucs2(a), Units::Ucs2(b)) => a.cmp(b),
            (Units::Ucs4(a), Units::Ucs4(b)) => a.cmp(b),
            _ => self.code_points().cmp(other.code_points()),
        }
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Hash for Str {
    /// A Rust-side hash (for Rust maps); Python's `hash()` is the tables
    /// module's, over `as_units()`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        with_units!(self, u => u.hash(state))
    }
}

impl fmt::Display for Str {
    /// The text, lone surrogates shown as U+FFFD.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

impl fmt::Debug for Str {
    /// `repr()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}
