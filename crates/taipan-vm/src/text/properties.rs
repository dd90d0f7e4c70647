//! Unicode character properties (Unicode 14.0, as CPython 3.11 has them:
//! `unicode_tables.rs` is generated from CPython's own `str` methods) and the
//! `str.is*()` predicates built on them, with CPython's rules for empty and
//! mixed-case strings. ASCII code points are answered without a table.

use super::storage::Str;
use super::unicode_tables as t;
use taipan_repr::ranges::contains;

/// `Py_UNICODE_ISSPACE`: whitespace for `split()`, `strip()`, `isspace()`.
pub fn is_space(cp: u32) -> bool {
    match cp {
        0x09..=0x0D | 0x1C..=0x20 => true,
        0..=0x7F => false,
        _ => contains(t::WHITESPACE, cp),
    }
}

/// A line boundary of `splitlines()` (`\r\n` is handled by the caller).
pub fn is_linebreak(cp: u32) -> bool {
    match cp {
        0x0A..=0x0D | 0x1C..=0x1E => true,
        0..=0x7F => false,
        _ => contains(t::LINEBREAK, cp),
    }
}

/// `c.isalpha()`.
pub fn is_alpha(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic();
    }
    contains(t::ALPHA, cp)
}

/// `c.isdecimal()`.
pub fn is_decimal(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit();
    }
    contains(t::DECIMAL, cp)
}

/// `c.isdigit()`.
pub fn is_digit(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit();
    }
    contains(t::DIGIT, cp)
}

/// `c.isnumeric()`.
pub fn is_numeric(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit();
    }
    contains(t::NUMERIC, cp)
}

/// `c.isalnum()`: alphabetic, decimal, digit or numeric.
pub fn is_alnum(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphanumeric();
    }
    is_alpha(cp) || is_decimal(cp) || is_digit(cp) || is_numeric(cp)
}

/// `Py_UNICODE_ISUPPER`.
pub fn is_upper(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_uppercase();
    }
    contains(t::UPPER, cp)
}

/// `Py_UNICODE_ISLOWER`.
pub fn is_lower(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_lowercase();
    }
    contains(t::LOWER, cp)
}

/// `Py_UNICODE_ISTITLE` (general category Lt).
pub fn is_title(cp: u32) -> bool {
    cp >= 0x80 && contains(t::TITLE, cp)
}

/// The Unicode `Cased` property.
pub fn is_cased(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic();
    }
    contains(t::CASED, cp)
}

/// The Unicode `Case_Ignorable` property.
pub fn is_case_ignorable(cp: u32) -> bool {
    contains(t::CASE_IGNORABLE, cp)
}

/// Whether `cp` may start an identifier (XID_Start or `_`).
pub fn is_xid_start(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic() || cp == 0x5F;
    }
    contains(t::XID_START, cp)
}

/// Whether `cp` may continue an identifier (XID_Continue).
pub fn is_xid_continue(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphanumeric() || cp == 0x5F;
    }
    contains(t::XID_CONTINUE, cp)
}

/// `c.isprintable()` (the table `repr` uses).
pub fn is_printable(cp: u32) -> bool {
    taipan_repr::printable::is_printable(cp)
}

/// `unicodedata.decimal(c)` (`Py_UNICODE_TODECIMAL`): what `int()` reads.
pub fn decimal_value(cp: u32) -> Option<u32> {
    if cp < 0x80 {
        return (cp as u8).is_ascii_digit().then(|| cp - 0x30);
    }
    let i = t::DECIMAL_VALUE.partition_point(|&(_, hi, _)| hi < cp);
    let &(lo, _, value) = t::DECIMAL_VALUE.get(i)?;
    (lo <= cp).then(|| value + (cp - lo))
}

impl Str {
    /// True if non-empty and every code point satisfies `pred`.
    fn all_nonempty(&self, pred: impl Fn(u32) -> bool) -> bool {
        !self.is_empty() && self.code_points().all(pred)
    }

    /// `str.isspace()`.
    pub fn is_space(&self) -> bool {
        self.all_nonempty(is_space)
    }

    /// `str.isalpha()`.
    pub fn is_alpha(&self) -> bool {
        self.all_nonempty(is_alpha)
    }

    /// `str.isalnum()`.
    pub fn is_alnum(&self) -> bool {
        self.all_nonempty(is_alnum)
    }

    /// `str.isdecimal()`.
    pub fn is_decimal(&self) -> bool {
        self.all_nonempty(is_decimal)
    }

    /// `str.isdigit()`.
    pub fn is_digit(&self) -> bool {
        self.all_nonempty(is_digit)
    }

    /// `str.isnumeric()`.
    pub fn is_numeric(&self) -> bool {
        self.all_nonempty(is_numeric)
    }

    /// `str.isprintable()` (true for the empty string).
    pub fn is_printable(&self) -> bool {
        self.code_points().all(is_printable)
    }

    /// `str.isidentifier()`: XID_Start or `_`, then XID_Continue.
    pub fn is_identifier(&self) -> bool {
        let mut cps = self.code_points();
        cps.next().is_some_and(is_xid_start) && cps.all(is_xid_continue)
    }

    /// `str.isupper()`: some cased code point, none lowercase or titlecase.
    pub fn is_upper(&self) -> bool {
        self.cased_without(is_upper, |cp| is_lower(cp) || is_title(cp))
    }

    /// `str.islower()`: some cased code point, none uppercase or titlecase.
    pub fn is_lower(&self) -> bool {
        self.cased_without(is_lower, |cp| is_upper(cp) || is_title(cp))
    }

    fn cased_without(&self, wanted: fn(u32) -> bool, unwanted: impl Fn(u32) -> bool) -> bool {
        let mut cased = false;
        for cp in self.code_points() {
            if unwanted(cp) {
                return false;
            }
            cased |= wanted(cp);
        }
        cased
    }

    /// `str.istitle()`: uppercase/titlecase only after uncased code points,
    /// lowercase only after cased ones, and at least one cased.
    pub fn is_title(&self) -> bool {
        let (mut cased, mut previous_is_cased) = (false, false);
        for cp in self.code_points() {
            if is_upper(cp) || is_title(cp) {
                if previous_is_cased {
                    return false;
                }
                (previous_is_cased, cased) = (true, true);
            } else if is_lower(cp) {
                if !previous_is_cased {
                    return false;
                }
                (previous_is_cased, cased) = (true, true);
            } else {
                previous_is_cased = false;
            }
        }
        cased
    }
}
