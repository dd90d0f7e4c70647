//! Unicode character names for `\N{...}`, with the lookup rules of CPython
//! 3.11's `unicodedata` (`_getcode`): names and aliases match
//! case-insensitively, except the algorithmic `CJK UNIFIED IDEOGRAPH-XXXX`
//! and `HANGUL SYLLABLE …` names, which must be spelled in capitals; named
//! sequences are not characters. The `unicode_names2` crate's database is
//! newer than 3.11's Unicode 14.0: `names_table.rs` (generated from CPython)
//! lists what it knows beyond that.

use super::names_table::{NOT_IN_UNICODE_14, UNKNOWN_ALIASES};

/// The character `\N{name}` stands for, if any.
pub fn lookup(name: &str) -> Option<char> {
    if !name.is_ascii() {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    let algorithmic = upper.starts_with("CJK UNIFIED IDEOGRAPH-") || upper.starts_with("HANGUL SYLLABLE ");
    if (algorithmic && upper != name) || UNKNOWN_ALIASES.contains(&upper.as_str()) {
        return None;
    }
    let c = unicode_names2::character(name)?;
    (!taipan_repr::ranges::contains(NOT_IN_UNICODE_14, c as u32)).then_some(c)
}
