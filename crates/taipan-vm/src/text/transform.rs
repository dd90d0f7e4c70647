//! Strings made from strings: `replace`, `strip`/`lstrip`/`rstrip`,
//! `center`/`ljust`/`rjust`, `zfill`, `expandtabs`, and the loop behind
//! `str.translate` (the VM supplies the table lookup, which may call
//! Python). Sizes are checked before allocating: too long is CPython's
//! `OverflowError`, unallocatable is `MemoryError`, never a panic.

use super::builder::StrBuilder;
use super::error::{TextError, TextResult};
use super::properties::is_space;
use super::search::{needle_as, Search};
use super::storage::{with_units, Str, Unit};

/// Which ends `strip` works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StripSide {
    Left,
    Right,
    Both,
}

/// What a translation table says about one code point.
#[derive(Clone, Debug)]
pub enum Translation {
    /// Not in the table (`LookupError`): keep the code point.
    Keep,
    /// Mapped to `None`: drop it.
    Delete,
    /// Mapped to an int: this code point (the caller has checked the range).
    Char(u32),
    /// Mapped to a str.
    Text(Str),
}

fn replace_positions<T: Search>(hay: &[T], old: &Str, max: usize) -> Vec<usize> {
    match needle_as::<T>(old) {
        Some(n) => T::positions(hay, &n, max),
        None => Vec::new(),
    }
}

impl Str {
    /// `str.replace(old, new, count)`; a negative `count` replaces all.
    pub fn replace(&self, old: &Str, new: &Str, count: isize) -> TextResult<Str> {
        let max = usize::try_from(count).unwrap_or(usize::MAX);
        if max == 0 || old.len() > self.len() {
            return Ok(self.clone());
        }
        let starts: Vec<usize> = if old.is_empty() {
            (0..=self.len()).take(max).collect()
        } else {
            with_units!(self, u => replace_positions(u, old, max))
        };
        if starts.is_empty() {
            return Ok(self.clone());
        }
        let grown = (new.len() as u128).saturating_mul(starts.len() as u128);
        let total = (self.len() as u128 + grown).saturating_sub(old.len() as u128 * starts.len() as u128);
        if total > isize::MAX as u128 {
            return Err(TextError::overflow("replace string is too long"));
        }
        let mut out = StrBuilder::new();
        out.try_reserve(total as usize)?;
        let mut from = 0;
        for at in starts {
            out.push_range(self, from, at);
            out.push_pystr(new);
            from = at + old.len();
        }
        out.push_range(self, from, self.len());
        Ok(out.finish())
    }

    /// `str.strip(chars)` and friends; `chars = None` strips whitespace.
    pub fn strip(&self, chars: Option<&Str>, side: StripSide) -> Str {
        let (start, end) = match chars {
            None => with_units!(self, u => strip_range(u, side, is_space)),
            Some(set) => {
                let set = CharSet::new(set);
                with_units!(self, u => strip_range(u, side, |cp| set.contains(cp)))
            }
        };
        self.substring(start, end)
    }

    /// `left` fill characters, the string, `right` fill characters.
    fn pad(&self, left: usize, right: usize, fill: u32) -> TextResult<Str> {
        let total = self.len().checked_add(left).and_then(|n| n.checked_add(right));
        if total.is_none_or(|n| n > isize::MAX as usize) {
            return Err(TextError::overflow("padded string is too long"));
        }
        let mut out = StrBuilder::new();
        out.try_reserve(total.unwrap_or(0))?;
        out.push_repeated(fill, left);
        out.push_pystr(self);
        out.push_repeated(fill, right);
        Ok(out.finish())
    }

    fn margin(&self, width: isize) -> Option<usize> {
        usize::try_from(width).ok().and_then(|w| w.checked_sub(self.len())).filter(|&m| m > 0)
    }

    /// `str.center(width, fillchar)` (CPython's odd-width rounding).
    pub fn center(&self, width: isize, fill: u32) -> TextResult<Str> {
        let Some(marg) = self.margin(width) else { return Ok(self.clone()) };
        let left = marg / 2 + (marg & width as usize & 1);
        self.pad(left, marg - left, fill)
    }

    /// `str.ljust(width, fillchar)`.
    pub fn ljust(&self, width: isize, fill: u32) -> TextResult<Str> {
        let Some(marg) = self.margin(width) else { return Ok(self.clone()) };
        self.pad(0, marg, fill)
    }

    /// `str.rjust(width, fillchar)`.
    pub fn rjust(&self, width: isize, fill: u32) -> TextResult<Str> {
        let Some(marg) = self.margin(width) else { return Ok(self.clone()) };
        self.pad(marg, 0, fill)
    }

    /// `str.zfill(width)`: zeros on the left, after a leading sign.
    pub fn zfill(&self, width: isize) -> TextResult<Str> {
        let Some(marg) = self.margin(width) else { return Ok(self.clone()) };
        let signed = matches!(self.char_at(0), Some(0x2B | 0x2D));
        if !signed {
            return self.pad(marg, 0, 0x30);
        }
        let mut out = StrBuilder::new();
        out.try_reserve(marg + self.len())?;
        out.push_range(self, 0, 1);
        out.push_repeated(0x30, marg);
        out.push_range(self, 1, self.len());
        Ok(out.finish())
    }

    /// `str.expandtabs(tabsize)`: tabs to spaces up to the next multiple of
    /// `tabsize` (dropped if `tabsize <= 0`); `\n` and `\r` reset the column.
    pub fn expandtabs(&self, tabsize: isize) -> TextResult<Str> {
        if self.find(&Str::from_char(9), None, None).is_none() {
            return Ok(self.clone());
        }
        let mut out = StrBuilder::with_capacity(self.len());
        let mut column: usize = 0;
        for cp in self.code_points() {
            match cp {
                0x09 => {
                    let spaces = if tabsize > 0 { tabsize as usize - column % tabsize as usize } else { 0 };
                    column = column
                        .checked_add(spaces)
                        .filter(|&c| c <= isize::MAX as usize)
                        .ok_or_else(too_long)?;
                    out.try_reserve(spaces)?;
                    out.push_repeated(0x20, spaces);
                }
                0x0A | 0x0D => {
                    column = 0;
                    out.push(cp);
                }
                _ => {
                    column += 1;
                    out.push(cp);
                }
            }
            if out.len() > isize::MAX as usize {
                return Err(too_long());
            }
        }
        Ok(out.finish())
    }

    /// `str.translate`: `lookup` answers for each code point (and may fail
    /// with the caller's error type, e.g. a Python exception).
    pub fn translate_with<E>(&self, mut lookup: impl FnMut(u32) -> Result<Translation, E>) -> Result<Str, E> {
        let mut out = StrBuilder::with_capacity(self.len());
        for cp in self.code_points() {
            match lookup(cp)? {
                Translation::Keep => out.push(cp),
                Translation::Delete => {}
                Translation::Char(c) => out.push(c),
                Translation::Text(s) => out.push_pystr(&s),
            }
        }
        Ok(out.finish())
    }
}

/// The range left after stripping code points that satisfy `strip_it`.
fn strip_range<T: Unit>(u: &[T], side: StripSide, strip_it: impl Fn(u32) -> bool) -> (usize, usize) {
    let (mut start, mut end) = (0, u.len());
    if side != StripSide::Right {
        while start < end && strip_it(u[start].into()) {
            start += 1;
        }
    }
    if side != StripSide::Left {
        while end > start && strip_it(u[end - 1].into()) {
            end -= 1;
        }
    }
    (start, end)
}

/// A set of code points with O(1) Latin-1 membership.
struct CharSet {
    latin1: [bool; 256],
    wide: Vec<u32>,
}

impl CharSet {
    fn new(chars: &Str) -> CharSet {
        let mut set = CharSet { latin1: [false; 256], wide: Vec::new() };
        for cp in chars.code_points() {
            match set.latin1.get_mut(cp as usize) {
                Some(slot) => *slot = true,
                None => set.wide.push(cp),
            }
        }
        set.wide.sort_unstable();
        set
    }

    fn contains(&self, cp: u32) -> bool {
        match self.latin1.get(cp as usize) {
            Some(&hit) => hit,
            None => self.wide.binary_search(&cp).is_ok(),
        }
    }
}

fn too_long() -> TextError {
    TextError::overflow("result too long")
}
