//! Index arithmetic shared by every sequence: CPython's `PySlice_Unpack` +
//! `PySlice_AdjustIndices` for `s[start:stop:step]`, and the `ADJUST_INDICES`
//! rule of the `start`/`end` arguments of `find`, `count`, `startswith`, ….
//! Python integers too large for `isize` are the caller's to clamp (as
//! CPython's `_PyEval_SliceIndex` does) before calling in here.

use super::error::{TextError, TextResult};
use super::storage::{with_units, Str, Unit, Units};

/// A slice resolved against a sequence length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceIndices {
    /// First index taken (may be -1 or `length` when nothing is taken).
    pub start: isize,
    /// The stop index after adjustment.
    pub stop: isize,
    /// The step, never 0.
    pub step: isize,
    /// How many items the slice takes.
    pub len: usize,
}

impl SliceIndices {
    /// The indices the slice takes, in order.
    pub fn indices(&self) -> impl Iterator<Item = usize> {
        let (start, step) = (self.start, self.step);
        (0..self.len).map(move |i| (start + i as isize * step) as usize)
    }
}

/// `slice(start, stop, step).indices(length)` in CPython's terms: `None`s
/// get their defaults; a zero step is `ValueError`.
pub fn adjust_slice(
    length: usize,
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
) -> TextResult<SliceIndices> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(TextError::value("slice step cannot be zero"));
    }
    // CPython keeps `-step` representable.
    let step = step.max(-isize::MAX);
    let length = length.min(isize::MAX as usize) as isize;
    let backwards = step < 0;
    let start = start.unwrap_or(if backwards { isize::MAX } else { 0 });
    let stop = stop.unwrap_or(if backwards { isize::MIN } else { isize::MAX });
    let start = clamp_index(start, length, backwards);
    let stop = clamp_index(stop, length, backwards);
    let len = if backwards && stop < start {
        (start - stop - 1) / -step + 1
    } else if !backwards && start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok(SliceIndices { start, stop, step, len: len as usize })
}

fn clamp_index(index: isize, length: isize, backwards: bool) -> isize {
    if index < 0 {
        let index = index + length;
        if index < 0 {
            return if backwards { -1 } else { 0 };
        }
        index
    } else if index >= length {
        if backwards {
            length - 1
        } else {
            length
        }
    } else {
        index
    }
}

/// The `start`/`end` arguments of `find` and friends resolved against
/// `length` (CPython's `ADJUST_INDICES`): negative values count from the
/// end, `end` is clamped to `length`; `start` may exceed `end`.
pub fn adjust_range(length: usize, start: Option<isize>, end: Option<isize>) -> (usize, usize) {
    let len = length.min(isize::MAX as usize) as isize;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start as usize, end as usize)
}

/// The index of the `k`-th unit an adjusted slice takes (`k < slice.len`).
fn stepped_index(slice: &SliceIndices, k: usize) -> usize {
    (slice.start + k as isize * slice.step) as usize
}

/// The units an adjusted slice takes (any step).
fn take_stepped<T: Unit>(units: &[T], slice: &SliceIndices) -> Vec<T> {
    if slice.len == 0 {
        return Vec::new();
    }
    let start = slice.start as usize;
    let step = slice.step.unsigned_abs();
    if slice.step > 0 {
        units[start..].iter().step_by(step).take(slice.len).copied().collect()
    } else {
        units[..=start].iter().rev().step_by(step).take(slice.len).copied().collect()
    }
}

impl Str {
    /// `s[start:stop:step]`.
    pub fn slice(&self, start: Option<isize>, stop: Option<isize>, step: Option<isize>) -> TextResult<Str> {
        Ok(self.slice_indices(&adjust_slice(self.len(), start, stop, step)?))
    }

    /// The code points an already adjusted slice takes.
    pub fn slice_indices(&self, slice: &SliceIndices) -> Str {
        if slice.step == 1 {
            let start = slice.start.max(0) as usize;
            return self.substring(start, start + slice.len);
        }
        if let Units::Latin1(bytes) = self.as_units() {
            return Str::latin1_filled(slice.len, |out| {
                for (k, o) in out.iter_mut().enumerate() {
                    *o = bytes[stepped_index(slice, k)];
                }
            });
        }
        with_units!(self, u => Unit::vec_to_str(take_stepped(u, slice)))
    }

    /// `s[index]` for a possibly negative index; `None` when out of range
    /// (the caller raises "string index out of range").
    pub fn get(&self, index: isize) -> Option<Str> {
        let i = if index < 0 { index.checked_add(self.len() as isize)? } else { index };
        let cp = self.char_at(usize::try_from(i).ok()?)?;
        Some(Str::from_char(cp))
    }
}
