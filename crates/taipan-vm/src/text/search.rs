//! Substring search: `find`, `rfind`, `index`, `rindex`, `count`,
//! `startswith`, `endswith` and `in`, with CPython's `start`/`end` rules
//! (`slice::adjust_range`). The needle is converted to the haystack's unit
//! type first (a needle of a wider kind cannot occur: storage is canonical).
//! Latin-1 haystacks are searched with `memchr::memmem`; UCS-2/UCS-4 with a
//! first-unit scan. `positions`/`rpositions` serve `split` and `replace`.

use super::error::{TextError, TextResult};
use super::slice::adjust_range;
use super::storage::{with_units, Str, Unit};

/// Unit types with a substring search (non-empty needles).
pub(crate) trait Search: Unit {
    /// Start of the first occurrence of `needle` in `hay`.
    fn find_units(hay: &[Self], needle: &[Self]) -> Option<usize>;
    /// Start of the last occurrence.
    fn rfind_units(hay: &[Self], needle: &[Self]) -> Option<usize>;
    /// Starts of up to `max` non-overlapping occurrences, left to right.
    fn positions(hay: &[Self], needle: &[Self], max: usize) -> Vec<usize>;
    /// Starts of up to `max` non-overlapping occurrences, right to left.
    fn rpositions(hay: &[Self], needle: &[Self], max: usize) -> Vec<usize>;
}

impl Search for u8 {
    fn find_units(hay: &[u8], needle: &[u8]) -> Option<usize> {
        match needle {
            [b] => memchr::memchr(*b, hay),
            _ => memchr::memmem::find(hay, needle),
        }
    }
    fn rfind_units(hay: &[u8], needle: &[u8]) -> Option<usize> {
        match needle {
            [b] => memchr::memrchr(*b, hay),
            _ => memchr::memmem::rfind(hay, needle),
        }
    }
    fn positions(hay: &[u8], needle: &[u8], max: usize) -> Vec<usize> {
        match needle {
            [b] => memchr::memchr_iter(*b, hay).take(max).collect(),
            _ => memchr::memmem::find_iter(hay, needle).take(max).collect(),
        }
    }
    fn rpositions(hay: &[u8], needle: &[u8], max: usize) -> Vec<usize> {
        match needle {
            [b] => memchr::memrchr_iter(*b, hay).take(max).collect(),
            _ => memchr::memmem::rfind_iter(hay, needle).take(max).collect(),
        }
    }
}

macro_rules! generic_search {
    ($t:ty) => {
        impl Search for $t {
            fn find_units(hay: &[$t], needle: &[$t]) -> Option<usize> {
                generic_find(hay, needle, 0)
            }
            fn rfind_units(hay: &[$t], needle: &[$t]) -> Option<usize> {
                generic_rfind(hay, needle, hay.len())
            }
            fn positions(hay: &[$t], needle: &[$t], max: usize) -> Vec<usize> {
                let mut out = Vec::new();
                let mut from = 0;
                while out.len() < max {
                    let Some(i) = generic_find(hay, needle, from) else { break };
                    out.push(i);
                    from = i + needle.len();
                }
                out
            }
            fn rpositions(hay: &[$t], needle: &[$t], max: usize) -> Vec<usize> {
                let mut out = Vec::new();
                let mut end = hay.len();
                while out.len() < max {
                    let Some(i) = generic_rfind(hay, needle, end) else { break };
                    out.push(i);
                    end = i;
                }
                out
            }
        }
    };
}
generic_search!(u16);
generic_search!(u32);

/// How many units of verification a first-unit scan may spend per unit of
/// haystack before switching to Knuth-Morris-Pratt (linear in the worst
/// case, which adversarial needles like "aaa…ab" would otherwise hit).
const SCAN_BUDGET: usize = 4;

/// First occurrence of a non-empty `needle` at or after `from`.
fn generic_find<T: Unit>(hay: &[T], needle: &[T], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let (mut i, mut work) = (from, 0usize);
    while i <= last_start {
        i += hay[i..=last_start].iter().position(|&u| u == first)?;
        if hay[i + 1..i + needle.len()] == *rest {
            return Some(i);
        }
        work += needle.len();
        if work > SCAN_BUDGET * (i + 1 - from) + 1024 {
            let units = hay[i..].iter().copied().enumerate().map(|(k, u)| (i + k, u));
            return kmp(units, needle.iter().copied()).map(|end| end + 1 - needle.len());
        }
        i += 1;
    }
    None
}

/// Last occurrence of a non-empty `needle` ending at or before `end`.
fn generic_rfind<T: Unit>(hay: &[T], needle: &[T], end: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut limit = end.checked_sub(needle.len())? + 1;
    let mut work = 0usize;
    while limit > 0 {
        let i = hay[..limit].iter().rposition(|&u| u == first)?;
        if hay[i + 1..i + needle.len()] == *rest {
            return Some(i);
        }
        work += needle.len();
        if work > SCAN_BUDGET * (end - i) + 1024 {
            // Backwards: the haystack and the needle reversed.
            let units = hay[..end].iter().copied().enumerate().rev();
            return kmp(units, needle.iter().rev().copied());
        }
        limit = i;
    }
    None
}

/// Knuth-Morris-Pratt over `(index, unit)` pairs: the index of the unit
/// that completes the first match of `needle`.
fn kmp<T: Unit>(units: impl Iterator<Item = (usize, T)>, needle: impl Iterator<Item = T>) -> Option<usize> {
    let needle: Vec<T> = needle.collect();
    let fail = prefix_function(&needle);
    let mut j = 0;
    for (i, u) in units {
        while j > 0 && needle[j] != u {
            j = fail[j - 1];
        }
        if needle[j] == u {
            j += 1;
        }
        if j == needle.len() {
            return Some(i);
        }
    }
    None
}

/// `fail[k]`: the length of the longest proper border of `needle[..=k]`.
fn prefix_function<T: Unit>(needle: &[T]) -> Vec<usize> {
    let mut fail = vec![0; needle.len()];
    let mut j = 0;
    for k in 1..needle.len() {
        while j > 0 && needle[k] != needle[j] {
            j = fail[j - 1];
        }
        if needle[k] == needle[j] {
            j += 1;
        }
        fail[k] = j;
    }
    fail
}

/// The needle in the haystack's unit type, or `None` if it cannot occur.
pub(crate) fn needle_as<'a, T: Unit>(needle: &'a Str) -> Option<std::borrow::Cow<'a, [T]>> {
    T::units_of(needle)
}

fn find_in<T: Search>(hay: &[T], needle: &Str, reverse: bool) -> Option<usize> {
    let n = needle_as::<T>(needle)?;
    if n.is_empty() {
        return Some(if reverse { hay.len() } else { 0 });
    }
    if reverse {
        T::rfind_units(hay, &n)
    } else {
        T::find_units(hay, &n)
    }
}

fn count_in<T: Search>(hay: &[T], needle: &Str) -> usize {
    match needle_as::<T>(needle) {
        None => 0,
        Some(n) if n.is_empty() => hay.len() + 1,
        Some(n) => T::positions(hay, &n, usize::MAX).len(),
    }
}

fn matches_at<T: Unit>(hay: &[T], needle: &Str, at: usize) -> bool {
    needle_as::<T>(needle).is_some_and(|n| hay.get(at..at + n.len()) == Some(&n[..]))
}

impl Str {
    /// The code points `start..end` of an adjusted range, if at least
    /// `min_len` long.
    fn search_window(
        &self,
        start: Option<isize>,
        end: Option<isize>,
        min_len: usize,
    ) -> Option<(usize, usize)> {
        let (start, end) = adjust_range(self.len(), start, end);
        (end >= start && end - start >= min_len).then_some((start, end))
    }

    /// `self.find(sub, start, end)`: `None` stands for -1.
    pub fn find(&self, sub: &Str, start: Option<isize>, end: Option<isize>) -> Option<usize> {
        self.find_either(sub, start, end, false)
    }

    /// `self.rfind(sub, start, end)`: `None` stands for -1.
    pub fn rfind(&self, sub: &Str, start: Option<isize>, end: Option<isize>) -> Option<usize> {
        self.find_either(sub, start, end, true)
    }

    fn find_either(
        &self,
        sub: &Str,
        start: Option<isize>,
        end: Option<isize>,
        reverse: bool,
    ) -> Option<usize> {
        let (start, end) = self.search_window(start, end, sub.len())?;
        let found = with_units!(self, u => find_in(&u[start..end], sub, reverse))?;
        Some(start + found)
    }

    /// `self.index(sub, start, end)`.
    pub fn index_of(&self, sub: &Str, start: Option<isize>, end: Option<isize>) -> TextResult<usize> {
        self.find(sub, start, end).ok_or_else(|| TextError::value("substring not found"))
    }

    /// `self.rindex(sub, start, end)`.
    pub fn rindex_of(&self, sub: &Str, start: Option<isize>, end: Option<isize>) -> TextResult<usize> {
        self.rfind(sub, start, end).ok_or_else(|| TextError::value("substring not found"))
    }

    /// `self.count(sub, start, end)`: non-overlapping occurrences.
    pub fn count(&self, sub: &Str, start: Option<isize>, end: Option<isize>) -> usize {
        match self.search_window(start, end, sub.len()) {
            Some((start, end)) => with_units!(self, u => count_in(&u[start..end], sub)),
            None => 0,
        }
    }

    /// `self.startswith(prefix, start, end)` for one prefix (the caller
    /// loops over a tuple).
    pub fn starts_with(&self, prefix: &Str, start: Option<isize>, end: Option<isize>) -> bool {
        match self.search_window(start, end, prefix.len()) {
            Some((start, _)) => with_units!(self, u => matches_at(u, prefix, start)),
            None => false,
        }
    }

    /// `self.endswith(suffix, start, end)` for one suffix.
    pub fn ends_with(&self, suffix: &Str, start: Option<isize>, end: Option<isize>) -> bool {
        match self.search_window(start, end, suffix.len()) {
            Some((_, end)) => with_units!(self, u => matches_at(u, suffix, end - suffix.len())),
            None => false,
        }
    }
}
