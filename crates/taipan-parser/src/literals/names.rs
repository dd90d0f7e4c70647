//! Unicode character names for `\N{...}`, with the lookup rules of CPython
//! 3.11's `unicodedata` (`_getcode`): names and aliases match
//! case-insensitively, except the algorithmic `CJK UNIFIED IDEOGRAPH-XXXX`
//! and `HANGUL SYLLABLE …` names, which must be spelled in capitals; named
//! sequences are not characters.

/// The character `\N{name}` stands for, if any.
pub fn lookup(name: &str) -> Option<char> {
    let upper = name.to_ascii_uppercase();
    let algorithmic = upper.starts_with("CJK UNIFIED IDEOGRAPH-") || upper.starts_with("HANGUL SYLLABLE ");
    if algorithmic && upper != name {
        return None;
    }
    if !name.is_ascii() {
        return None;
    }
    unicode_names2::character(name)
}
