//! Case conversion: `upper`, `lower`, `casefold`, `capitalize`, `title`,
//! `swapcase`, with the full (special-casing) mappings of Unicode 14.0 as
//! CPython 3.11 applies them — 'ß'.upper() is 'SS', 'İ'.lower() is 'i̇' —
//! and CPython's final-sigma rule in every lowercasing step. The mappings
//! come from `unicode_tables.rs` (generated from CPython); ASCII strings take
//! a byte-wise fast path.

use super::builder::StrBuilder;
use super::properties::{is_case_ignorable, is_cased, is_lower, is_upper};
use super::storage::Str;
use super::unicode_tables as t;

const CAPITAL_SIGMA: u32 = 0x3A3;
const SMALL_SIGMA: u32 = 0x3C3;
const FINAL_SIGMA: u32 = 0x3C2;

/// Pushes the mapping of `cp` in `table` (itself if absent).
fn push_mapped(out: &mut StrBuilder, table: &[(u32, u32)], cp: u32) {
    let Ok(i) = table.binary_search_by_key(&cp, |&(k, _)| k) else {
        return out.push(cp);
    };
    let mapped = table[i].1;
    if mapped & 0x8000_0000 == 0 {
        return out.push(mapped);
    }
    let multi = t::MULTI.get((mapped & 0x7FFF_FFFF) as usize).copied().unwrap_or([cp, 0, 0]);
    multi.iter().filter(|&&c| c != 0).for_each(|&c| out.push(c));
}

/// The full uppercase mapping of one code point.
pub fn push_upper(out: &mut StrBuilder, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_uppercase()));
    }
    push_mapped(out, t::UPPER_MAP, cp)
}

/// The full lowercase mapping of one code point (no final-sigma context).
pub fn push_lower(out: &mut StrBuilder, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_lowercase()));
    }
    push_mapped(out, t::LOWER_MAP, cp)
}

/// The full titlecase mapping of one code point.
pub fn push_title(out: &mut StrBuilder, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_uppercase()));
    }
    push_mapped(out, t::TITLE_MAP, cp)
}

/// The full case folding of one code point.
pub fn push_fold(out: &mut StrBuilder, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_lowercase()));
    }
    push_mapped(out, t::FOLD_MAP, cp)
}

impl Str {
    /// The lowercase of code point `i` in context: a capital sigma is final
    /// when preceded by a cased letter and not followed by one (both
    /// skipping case-ignorable code points).
    fn push_lower_at(&self, out: &mut StrBuilder, i: usize, cp: u32) {
        if cp != CAPITAL_SIGMA {
            return push_lower(out, cp);
        }
        let cased_before =
            (0..i).rev().map(|j| self.char_at(j).unwrap_or(0)).find(|&c| !is_case_ignorable(c));
        let cased_after =
            (i + 1..self.len()).map(|j| self.char_at(j).unwrap_or(0)).find(|&c| !is_case_ignorable(c));
        let (cased_before, cased_after) =
            (cased_before.is_some_and(is_cased), cased_after.is_some_and(is_cased));
        out.push(if cased_before && !cased_after { FINAL_SIGMA } else { SMALL_SIGMA });
    }

    /// Maps every code point with `f(out, index, code point)`.
    fn map_case(&self, mut f: impl FnMut(&mut StrBuilder, usize, u32)) -> Str {
        let mut out = StrBuilder::with_capacity(self.len());
        for (i, cp) in self.code_points().enumerate() {
            f(&mut out, i, cp);
        }
        out.finish()
    }

    /// Applies a byte mapping to an ASCII string.
    fn map_ascii(&self, f: impl Fn(&u8) -> u8) -> Option<Str> {
        let text = self.as_ascii_str()?;
        Some(Str::from_latin1_vec(text.as_bytes().iter().map(f).collect()))
    }

    /// `str.upper()`.
    pub fn upper(&self) -> Str {
        self.map_ascii(u8::to_ascii_uppercase)
            .unwrap_or_else(|| self.map_case(|out, _, cp| push_upper(out, cp)))
    }

    /// `str.lower()`.
    pub fn lower(&self) -> Str {
        self.map_ascii(u8::to_ascii_lowercase)
            .unwrap_or_else(|| self.map_case(|out, i, cp| self.push_lower_at(out, i, cp)))
    }

    /// `str.casefold()`.
    pub fn casefold(&self) -> Str {
        self.map_ascii(u8::to_ascii_lowercase)
            .unwrap_or_else(|| self.map_case(|out, _, cp| push_fold(out, cp)))
    }

    /// `str.swapcase()`: uppercase to lower (final sigma included), lowercase
    /// to upper.
    pub fn swapcase(&self) -> Str {
        self.map_case(|out, i, cp| {
            if is_upper(cp) {
                self.push_lower_at(out, i, cp)
            } else if is_lower(cp) {
                push_upper(out, cp)
            } else {
                out.push(cp)
            }
        })
    }

    /// `str.capitalize()`: the first code point titlecased, the rest lowered.
    pub fn capitalize(&self) -> Str {
        self.map_case(|out, i, cp| if i == 0 { push_title(out, cp) } else { self.push_lower_at(out, i, cp) })
    }

    /// `str.title()`: titlecase after an uncased code point, lowercase after
    /// a cased one.
    pub fn title(&self) -> Str {
        let mut previous_is_cased = false;
        self.map_case(|out, i, cp| {
            if previous_is_cased {
                self.push_lower_at(out, i, cp)
            } else {
                push_title(out, cp)
            }
            previous_is_cased = is_cased(cp);
        })
    }
}
