//! Character predicates and case mappings of sre, in its three flavours:
//! ASCII (bytes patterns and `re.ASCII`), LOCALE (bytes with `re.LOCALE`;
//! Taipan runs in the C locale, where it coincides with ASCII below 256) and
//! Unicode (str patterns). Unicode data comes from `taipan_vm::text`
//! (Unicode 14, as CPython 3.11): `lower_unicode`/`upper_unicode` are
//! CPython's `_PyUnicode_ToLowercase`/`ToUppercase`, the first code point of
//! the full mapping.

use super::opcodes::*;
use taipan_vm::text::properties as props;
use taipan_vm::text::{push_lower, push_upper};

/// `\n` is the only line break of `.`, `^`/`$` with MULTILINE.
#[inline]
pub fn is_linebreak(ch: u32) -> bool {
    ch == u32::from(b'\n')
}

#[inline]
fn is_ascii_digit(ch: u32) -> bool {
    (0x30..=0x39).contains(&ch)
}

#[inline]
fn is_ascii_space(ch: u32) -> bool {
    matches!(ch, 0x09..=0x0D | 0x20)
}

#[inline]
pub fn is_ascii_word(ch: u32) -> bool {
    ch < 0x80 && ((ch as u8).is_ascii_alphanumeric() || ch == u32::from(b'_'))
}

/// `\w` with `re.LOCALE` (the C locale: ASCII letters and digits).
#[inline]
pub fn is_locale_word(ch: u32) -> bool {
    is_ascii_word(ch)
}

/// `\w` for str patterns: `str.isalnum()` or the underscore.
#[inline]
pub fn is_unicode_word(ch: u32) -> bool {
    if ch < 0x80 {
        return is_ascii_word(ch);
    }
    props::is_alnum(ch)
}

#[inline]
pub fn lower_ascii(ch: u32) -> u32 {
    if (0x41..=0x5A).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}

#[inline]
pub fn upper_ascii(ch: u32) -> u32 {
    if (0x61..=0x7A).contains(&ch) {
        ch - 32
    } else {
        ch
    }
}

/// Lowercase in the C locale (bytes below 256; ASCII letters only).
#[inline]
pub fn lower_locale(ch: u32) -> u32 {
    lower_ascii(ch)
}

#[inline]
pub fn upper_locale(ch: u32) -> u32 {
    upper_ascii(ch)
}

thread_local! {
    /// Scratch space for one full case mapping (at most three code points).
    static MAPPING: std::cell::RefCell<Vec<u32>> = std::cell::RefCell::new(Vec::with_capacity(4));
}

fn first_of(push: fn(&mut Vec<u32>, u32), ch: u32) -> u32 {
    if ch > taipan_vm::text::MAX_CODE_POINT {
        return ch;
    }
    MAPPING.with(|m| {
        let mut out = m.borrow_mut();
        out.clear();
        push(&mut out, ch);
        out.first().copied().unwrap_or(ch)
    })
}

/// `_PyUnicode_ToLowercase`.
#[inline]
pub fn lower_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return lower_ascii(ch);
    }
    first_of(push_lower, ch)
}

/// `_PyUnicode_ToUppercase`.
#[inline]
pub fn upper_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return upper_ascii(ch);
    }
    first_of(push_upper, ch)
}

/// `_sre.ascii_iscased`.
pub fn ascii_iscased(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphabetic()
}

/// `_sre.unicode_iscased`.
pub fn unicode_iscased(ch: u32) -> bool {
    ch != lower_unicode(ch) || ch != upper_unicode(ch)
}

/// Whether `ch` is in the class of a CATEGORY code (`None`: unknown code).
pub fn category(code: u32, ch: u32) -> Option<bool> {
    let max = taipan_vm::text::MAX_CODE_POINT;
    Some(match code {
        CATEGORY_DIGIT => is_ascii_digit(ch),
        CATEGORY_NOT_DIGIT => !is_ascii_digit(ch),
        CATEGORY_SPACE => is_ascii_space(ch),
        CATEGORY_NOT_SPACE => !is_ascii_space(ch),
        CATEGORY_WORD => is_ascii_word(ch),
        CATEGORY_NOT_WORD => !is_ascii_word(ch),
        CATEGORY_LINEBREAK => is_linebreak(ch),
        CATEGORY_NOT_LINEBREAK => !is_linebreak(ch),
        CATEGORY_LOC_WORD => is_locale_word(ch),
        CATEGORY_LOC_NOT_WORD => !is_locale_word(ch),
        CATEGORY_UNI_DIGIT => ch <= max && props::is_decimal(ch),
        CATEGORY_UNI_NOT_DIGIT => !(ch <= max && props::is_decimal(ch)),
        CATEGORY_UNI_SPACE => ch <= max && props::is_space(ch),
        CATEGORY_UNI_NOT_SPACE => !(ch <= max && props::is_space(ch)),
        CATEGORY_UNI_WORD => ch <= max && is_unicode_word(ch),
        CATEGORY_UNI_NOT_WORD => !(ch <= max && is_unicode_word(ch)),
        CATEGORY_UNI_LINEBREAK => ch <= max && props::is_linebreak(ch),
        CATEGORY_UNI_NOT_LINEBREAK => !(ch <= max && props::is_linebreak(ch)),
        _ => return None,
    })
}
