//! Cutting and gluing: `split`/`rsplit` (whitespace mode or an explicit
//! separator, `maxsplit`), `splitlines` (all of CPython's line boundaries,
//! `keepends`), `partition`/`rpartition` and `join`. Pieces are substrings,
//! each stored in its own canonical kind. A negative `maxsplit` means no
//! limit, as in CPython.

use super::error::{TextError, TextResult};
use super::properties::{is_linebreak, is_space};
use super::search::{needle_as, Search};
use super::storage::{concat_as, try_vec, with_units, Kind, Str, Unit};

fn max_splits(maxsplit: isize) -> usize {
    usize::try_from(maxsplit).unwrap_or(usize::MAX)
}

/// Cuts `s` at the given separator starts (ascending), each `sep_len` long.
fn pieces_between(s: &Str, starts: &[usize], sep_len: usize) -> Vec<Str> {
    let mut out = Vec::with_capacity(starts.len() + 1);
    let mut from = 0;
    for &at in starts {
        out.push(s.substring(from, at));
        from = at + sep_len;
    }
    out.push(s.substring(from, s.len()));
    out
}

fn sep_positions<T: Search>(hay: &[T], sep: &Str, max: usize, reverse: bool) -> Vec<usize> {
    match needle_as::<T>(sep) {
        None => Vec::new(),
        Some(n) if reverse => T::rpositions(hay, &n, max),
        Some(n) => T::positions(hay, &n, max),
    }
}

impl Str {
    /// `str.split(sep, maxsplit)`; `sep = None` splits on runs of whitespace.
    pub fn split(&self, sep: Option<&Str>, maxsplit: isize) -> TextResult<Vec<Str>> {
        let max = max_splits(maxsplit);
        let Some(sep) = sep else { return Ok(self.split_whitespace(max)) };
        if sep.is_empty() {
            return Err(TextError::value("empty separator"));
        }
        let starts = with_units!(self, u => sep_positions(u, sep, max, false));
        Ok(pieces_between(self, &starts, sep.len()))
    }

    /// `str.rsplit(sep, maxsplit)`: like `split`, counting from the right.
    pub fn rsplit(&self, sep: Option<&Str>, maxsplit: isize) -> TextResult<Vec<Str>> {
        let max = max_splits(maxsplit);
        let Some(sep) = sep else { return Ok(self.rsplit_whitespace(max)) };
        if sep.is_empty() {
            return Err(TextError::value("empty separator"));
        }
        let mut starts = with_units!(self, u => sep_positions(u, sep, max, true));
        starts.reverse();
        Ok(pieces_between(self, &starts, sep.len()))
    }

    /// Cuts out the given ranges.
    fn pieces(&self, ranges: Vec<(usize, usize)>) -> Vec<Str> {
        ranges.into_iter().map(|(start, end)| self.substring(start, end)).collect()
    }

    fn split_whitespace(&self, max: usize) -> Vec<Str> {
        self.pieces(with_units!(self, u => whitespace_ranges(u, max)))
    }

    fn rsplit_whitespace(&self, max: usize) -> Vec<Str> {
        self.pieces(with_units!(self, u => rwhitespace_ranges(u, max)))
    }

    /// `str.splitlines(keepends)`: `\r\n` is one boundary; no empty last line.
    pub fn splitlines(&self, keepends: bool) -> Vec<Str> {
        self.pieces(with_units!(self, u => line_ranges(u, keepends)))
    }

    /// `str.partition(sep)`: (before, sep, after), or (self, '', '').
    pub fn partition(&self, sep: &Str) -> TextResult<[Str; 3]> {
        if sep.is_empty() {
            return Err(TextError::value("empty separator"));
        }
        Ok(match self.find(sep, None, None) {
            Some(at) => [self.substring(0, at), sep.clone(), self.substring(at + sep.len(), self.len())],
            None => [self.clone(), Str::new(), Str::new()],
        })
    }

    /// `str.rpartition(sep)`: (before, sep, after), or ('', '', self).
    pub fn rpartition(&self, sep: &Str) -> TextResult<[Str; 3]> {
        if sep.is_empty() {
            return Err(TextError::value("empty separator"));
        }
        Ok(match self.rfind(sep, None, None) {
            Some(at) => [self.substring(0, at), sep.clone(), self.substring(at + sep.len(), self.len())],
            None => [Str::new(), Str::new(), self.clone()],
        })
    }

    /// The concatenation of `parts` in one exact-size allocation
    /// (`BUILD_STRING`, CPython's `_PyUnicode_JoinArray` with no separator).
    pub fn concat_many(parts: &[&Str]) -> TextResult<Str> {
        concat_all(parts)
    }

    /// `self.join(items)` (the caller has checked that every item is a str).
    pub fn join(&self, items: &[Str]) -> TextResult<Str> {
        match items {
            [] => return Ok(Str::new()),
            [only] => return Ok(only.clone()),
            _ => {}
        }
        let mut parts: Vec<&Str> = try_vec(items.len() * 2)?;
        for (i, item) in items.iter().enumerate() {
            if i > 0 && !self.is_empty() {
                parts.push(self);
            }
            parts.push(item);
        }
        concat_all(&parts)
    }
}

fn space<T: Unit>(u: T) -> bool {
    is_space(u.into())
}

/// Whitespace split: runs of whitespace separate, ends are trimmed; once
/// `max` splits are made the rest (left-trimmed) is the last piece.
fn whitespace_ranges<T: Unit>(u: &[T], mut max: usize) -> Vec<(usize, usize)> {
    let (len, mut i, mut out) = (u.len(), 0, Vec::new());
    while max > 0 {
        while i < len && space(u[i]) {
            i += 1;
        }
        if i == len {
            return out;
        }
        let start = i;
        while i < len && !space(u[i]) {
            i += 1;
        }
        out.push((start, i));
        max -= 1;
    }
    while i < len && space(u[i]) {
        i += 1;
    }
    if i < len {
        out.push((i, len));
    }
    out
}

/// Whitespace split from the right (ranges in left-to-right order).
fn rwhitespace_ranges<T: Unit>(u: &[T], mut max: usize) -> Vec<(usize, usize)> {
    let (mut i, mut out) = (u.len(), Vec::new());
    while max > 0 {
        while i > 0 && space(u[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let end = i;
        while i > 0 && !space(u[i - 1]) {
            i -= 1;
        }
        out.push((i, end));
        max -= 1;
    }
    if max == 0 {
        while i > 0 && space(u[i - 1]) {
            i -= 1;
        }
        if i > 0 {
            out.push((0, i));
        }
    }
    out.reverse();
    out
}

/// Lines, with or without their line boundary.
fn line_ranges<T: Unit>(u: &[T], keepends: bool) -> Vec<(usize, usize)> {
    let (len, mut i, mut out) = (u.len(), 0, Vec::new());
    while i < len {
        let start = i;
        while i < len && !is_linebreak(u[i].into()) {
            i += 1;
        }
        let mut eol = i;
        if i < len {
            let crlf = u[i].into() == 0x0D && u.get(i + 1).is_some_and(|&c| c.into() == 0x0A);
            i += if crlf { 2 } else { 1 };
            if keepends {
                eol = i;
            }
        }
        out.push((start, eol));
    }
    out
}

/// The concatenation of `parts`; `OverflowError` if too long.
pub(crate) fn concat_all(parts: &[&Str]) -> TextResult<Str> {
    let total = parts.iter().try_fold(0usize, |acc, s| acc.checked_add(s.len()));
    if total.is_none_or(|n| n > isize::MAX as usize) {
        return Err(TextError::overflow("join() result is too long for a Python string"));
    }
    match parts.iter().map(|s| s.kind()).max().unwrap_or(Kind::Latin1) {
        Kind::Latin1 => concat_as::<u8>(parts),
        Kind::Ucs2 => concat_as::<u16>(parts),
        Kind::Ucs4 => concat_as::<u32>(parts),
    }
}
