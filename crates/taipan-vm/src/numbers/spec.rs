//! The format-spec mini-language, parsed as CPython 3.11's
//! `parse_internal_render_format_spec` does:
//! `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`.
//! What a spec means for a given type is decided in `format`.

use super::int_text::unicode_decimal;
use super::{NumError, NumResult};

/// Digit grouping requested by the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    None,
    /// `,`: every three digits.
    Comma,
    /// `_`: every three digits for d/e/f/g/%, every four for b/o/x/X.
    Underscore,
}

/// A parsed format spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    /// One of `<`, `>`, `^`, `=`; the type's default when not given.
    pub align: char,
    /// Whether `align` was written in the spec.
    pub align_given: bool,
    /// `+`, `-`, ` `, or `None` when absent.
    pub sign: Option<char>,
    /// `z`: negative zero becomes zero (floats only).
    pub no_neg_0: bool,
    /// `#`
    pub alternate: bool,
    pub width: Option<usize>,
    pub grouping: Grouping,
    pub precision: Option<usize>,
    /// The type code (the target's default when absent).
    pub kind: Option<char>,
}

/// The kind of object being formatted: its defaults and its name in errors.
#[derive(Debug, Clone, Copy)]
pub struct SpecTarget<'a> {
    /// `type(x).__name__`, for error messages.
    pub type_name: &'a str,
    /// `>` for numbers, `<` for strings.
    pub default_align: char,
    /// The type code assumed when the spec has none (`d` for int, `s` for
    /// str, none for float).
    pub default_kind: Option<char>,
}

impl<'a> SpecTarget<'a> {
    pub fn int(type_name: &'a str) -> Self {
        SpecTarget { type_name, default_align: '>', default_kind: Some('d') }
    }
    pub fn float(type_name: &'a str) -> Self {
        SpecTarget { type_name, default_align: '>', default_kind: None }
    }
    pub fn string(type_name: &'a str) -> Self {
        SpecTarget { type_name, default_align: '<', default_kind: Some('s') }
    }
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parse `spec` for an object described by `target`.
pub fn parse_spec(spec: &str, target: SpecTarget<'_>) -> NumResult<FormatSpec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut pos = 0;
    let mut out = FormatSpec {
        fill: ' ',
        align: target.default_align,
        align_given: false,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: None,
        grouping: Grouping::None,
        precision: None,
        kind: None,
    };
    let at = |i: usize| chars.get(i).copied();
    let mut fill_given = false;
    if chars.len() >= 2 && is_align(chars[1]) {
        (out.fill, out.align, fill_given, out.align_given) = (chars[0], chars[1], true, true);
        pos = 2;
    } else if at(0).is_some_and(is_align) {
        (out.align, out.align_given) = (chars[0], true);
        pos = 1;
    }
    if let Some(c @ ('+' | '-' | ' ')) = at(pos) {
        out.sign = Some(c);
        pos += 1;
    }
    if at(pos) == Some('z') {
        out.no_neg_0 = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        out.alternate = true;
        pos += 1;
    }
    if !fill_given && at(pos) == Some('0') {
        out.fill = '0';
        if !out.align_given && target.default_align == '>' {
            out.align = '=';
        }
        pos += 1;
    }
    out.width = read_integer(&chars, &mut pos)?;
    parse_grouping(&chars, &mut pos, &mut out)?;
    if at(pos) == Some('.') {
        pos += 1;
        out.precision = Some(
            read_integer(&chars, &mut pos)?
                .ok_or_else(|| NumError::value("Format specifier missing precision"))?,
        );
    }
    if chars.len() - pos > 1 {
        return Err(NumError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{}'",
            target.type_name
        )));
    }
    out.kind = at(pos).or(target.default_kind);
    check_grouping_type(&mut out)?;
    Ok(out)
}

/// `,` and/or `_` after the width.
fn parse_grouping(chars: &[char], pos: &mut usize, out: &mut FormatSpec) -> NumResult<()> {
    let both = || NumError::value("Cannot specify both ',' and '_'.");
    if chars.get(*pos) == Some(&',') {
        out.grouping = Grouping::Comma;
        *pos += 1;
    }
    if chars.get(*pos) == Some(&'_') {
        if out.grouping != Grouping::None {
            return Err(both());
        }
        out.grouping = Grouping::Underscore;
        *pos += 1;
    }
    if chars.get(*pos) == Some(&',') && out.grouping == Grouping::Underscore {
        return Err(both());
    }
    Ok(())
}

/// Decimal digits (Unicode ones too) at `pos`: `None` when there are none.
fn read_integer(chars: &[char], pos: &mut usize) -> NumResult<Option<usize>> {
    let mut value: Option<usize> = None;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        let v = value.unwrap_or(0);
        if v > (isize::MAX as usize - d as usize) / 10 {
            return Err(NumError::value("Too many decimal digits in format string"));
        }
        value = Some(v * 10 + d as usize);
        *pos += 1;
    }
    Ok(value)
}

fn decimal_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        Some(c as u8 - b'0')
    } else if (c as u32) < 0x80 {
        None
    } else {
        unicode_decimal(c as u32)
    }
}

/// Grouping is allowed only with some types (PEP 378, PEP 515).
fn check_grouping_type(spec: &mut FormatSpec) -> NumResult<()> {
    let mark = match spec.grouping {
        Grouping::None => return Ok(()),
        Grouping::Comma => ',',
        Grouping::Underscore => '_',
    };
    match spec.kind {
        None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => Ok(()),
        Some('b' | 'o' | 'x' | 'X') if mark == '_' => Ok(()),
        Some(kind) => Err(NumError::value(format!("Cannot specify '{mark}' with {}.", quoted_code(kind)))),
    }
}

/// A type code as CPython's messages show it: `'x'`, or `'\x1'` when it is
/// not printable ASCII.
pub fn quoted_code(kind: char) -> String {
    if (' ' < kind) && (kind as u32) < 128 {
        format!("'{kind}'")
    } else {
        format!("'\\x{:x}'", kind as u32)
    }
}

/// "Unknown format code 'y' for object of type 'int'".
pub fn unknown_code(kind: char, type_name: &str) -> NumError {
    NumError::value(format!("Unknown format code {} for object of type '{type_name}'", quoted_code(kind)))
}
