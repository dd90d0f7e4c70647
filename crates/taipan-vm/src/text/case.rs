//! Case conversion: `upper`, `lower`, `casefold`, `capitalize`, `title`,
//! `swapcase`, with the full (special-casing) mappings of Unicode 14.0 as
//! CPython 3.11 applies them — 'ß'.upper() is 'SS', 'İ'.lower() is 'i̇' —
//! and CPython's final-sigma rule in every lowercasing step. The mappings
//! come from `unicode_tables.rs` (generated from CPython), looked up through
//! a two-level index built on first use; ASCII strings take a byte-wise
//! fast path.

use super::properties::{is_case_ignorable, is_cased, is_lower, is_upper};
use super::storage::{with_units, Str, Unit, Units};
use super::unicode_tables as t;
use std::sync::OnceLock;

const CAPITAL_SIGMA: u32 = 0x3A3;
const SMALL_SIGMA: u32 = 0x3C3;
const FINAL_SIGMA: u32 = 0x3C2;

/// A two-level index over one mapping table of `unicode_tables.rs`, built
/// on first use: the table's sorted pairs cost a bisection per code point,
/// the index two loads. Blocks of 256 code points; block 0 maps nothing.
struct CaseIndex {
    block_of: Box<[u16]>,
    blocks: Vec<[u32; 256]>,
    /// For U+0000..U+00FF: the mapping if it is one Latin-1 code point.
    latin1: [Option<u8>; 256],
}

impl CaseIndex {
    fn build(table: &[(u32, u32)]) -> CaseIndex {
        let mut block_of = vec![0u16; 0x110000 >> 8].into_boxed_slice();
        let mut blocks = vec![[0u32; 256]];
        for &(cp, mapped) in table {
            let b = (cp >> 8) as usize;
            if block_of[b] == 0 {
                block_of[b] = blocks.len() as u16;
                blocks.push([0; 256]);
            }
            blocks[usize::from(block_of[b])][(cp & 0xFF) as usize] = mapped;
        }
        let mut index = CaseIndex { block_of, blocks, latin1: [None; 256] };
        for cp in 0..=0xFFu8 {
            let mapped = match index.get(cp.into()) {
                0 => Some(cp),
                m => u8::try_from(m).ok(),
            };
            index.latin1[usize::from(cp)] = mapped;
        }
        index
    }

    /// The table's entry for `cp`, 0 if it maps to itself.
    fn get(&self, cp: u32) -> u32 {
        let block = self.block_of.get((cp >> 8) as usize).copied().unwrap_or(0);
        self.blocks[usize::from(block)][(cp & 0xFF) as usize]
    }
}

macro_rules! case_index {
    ($name:ident, $table:ident) => {
        fn $name() -> &'static CaseIndex {
            static INDEX: OnceLock<CaseIndex> = OnceLock::new();
            INDEX.get_or_init(|| CaseIndex::build(t::$table))
        }
    };
}
case_index!(lower_index, LOWER_MAP);
case_index!(upper_index, UPPER_MAP);
case_index!(title_index, TITLE_MAP);
case_index!(fold_index, FOLD_MAP);

/// Pushes the mapping of `cp` in `index` (itself if absent).
fn push_mapped(out: &mut Vec<u32>, index: &CaseIndex, cp: u32) {
    let mapped = index.get(cp);
    if mapped == 0 {
        return out.push(cp);
    }
    if mapped & 0x8000_0000 == 0 {
        return out.push(mapped);
    }
    let multi = t::MULTI.get((mapped & 0x7FFF_FFFF) as usize).copied().unwrap_or([cp, 0, 0]);
    multi.iter().filter(|&&c| c != 0).for_each(|&c| out.push(c));
}

/// The full uppercase mapping of one code point.
#[inline]
pub fn push_upper(out: &mut Vec<u32>, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_uppercase()));
    }
    push_mapped(out, upper_index(), cp)
}

/// The full lowercase mapping of one code point (no final-sigma context).
#[inline]
pub fn push_lower(out: &mut Vec<u32>, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_lowercase()));
    }
    push_mapped(out, lower_index(), cp)
}

/// The full titlecase mapping of one code point.
pub fn push_title(out: &mut Vec<u32>, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_uppercase()));
    }
    push_mapped(out, title_index(), cp)
}

/// The full case folding of one code point.
pub fn push_fold(out: &mut Vec<u32>, cp: u32) {
    if cp < 0x80 {
        return out.push(u32::from((cp as u8).to_ascii_lowercase()));
    }
    push_mapped(out, fold_index(), cp)
}

fn map_units<T: Unit>(units: &[T], out: &mut Vec<u32>, f: &mut impl FnMut(&mut Vec<u32>, usize, u32)) {
    for (i, &u) in units.iter().enumerate() {
        f(out, i, u.into());
    }
}

impl Str {
    /// The lowercase of code point `i` in context: a capital sigma is final
    /// when preceded by a cased letter and not followed by one (both
    /// skipping case-ignorable code points).
    #[inline]
    fn push_lower_at(&self, out: &mut Vec<u32>, i: usize, cp: u32) {
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
    fn map_case(&self, mut f: impl FnMut(&mut Vec<u32>, usize, u32)) -> Str {
        let mut out = Vec::with_capacity(self.len());
        with_units!(self, u => map_units(u, &mut out, &mut f));
        Str::from_ucs4_vec(out)
    }

    /// Applies a byte mapping to an ASCII string.
    fn map_ascii(&self, f: impl Fn(&u8) -> u8) -> Option<Str> {
        let Units::Latin1(bytes) = self.as_units() else { return None };
        if !self.is_ascii() {
            return None;
        }
        Some(Str::latin1_filled(bytes.len(), |out| {
            for (o, b) in out.iter_mut().zip(bytes) {
                *o = f(b);
            }
        }))
    }

    /// Maps Latin-1 text byte by byte if every byte maps to one Latin-1
    /// code point (`lower()` always does; `upper()` unless 'ß', 'µ', 'ÿ').
    fn map_latin1(&self, index: &CaseIndex) -> Option<Str> {
        let Units::Latin1(bytes) = self.as_units() else { return None };
        let mapped: Option<Vec<u8>> = bytes.iter().map(|&b| index.latin1[usize::from(b)]).collect();
        mapped.map(Str::from_latin1_vec)
    }

    /// `str.upper()`.
    pub fn upper(&self) -> Str {
        self.map_ascii(u8::to_ascii_uppercase)
            .or_else(|| self.map_latin1(upper_index()))
            .unwrap_or_else(|| self.map_case(|out, _, cp| push_upper(out, cp)))
    }

    /// `str.lower()`.
    pub fn lower(&self) -> Str {
        self.map_ascii(u8::to_ascii_lowercase)
            .or_else(|| self.map_latin1(lower_index()))
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
