//! `%`-formatting of str (`PyUnicode_Format`): `PercentParser` splits a
//! format string into literal text and conversion specs (lazily, so that
//! the caller fetches arguments and meets errors in CPython's order), and
//! `percent_int`, `percent_float`, `percent_text` render one converted
//! argument with its flags, width and precision.
//!
//! The caller owns argument handling: fetching the next argument or the
//! mapping key, `*` widths (`set_star_width`/`set_star_precision`), type
//! checks ("%x format: an integer is required, not float"), `str`/`repr`/
//! `ascii` for s/r/a and the `%c` argument, and "not all arguments
//! converted during string formatting".

use super::format::{float_to_string, FloatFlags};
use super::int_text::{int_to_decimal, magnitude_digits};
use super::{ensure_allocatable, Int, NumError, NumResult};

/// A width or precision: absent, `*` (from the arguments), or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Absent,
    Star,
    Given(usize),
}

/// One `%` conversion: `%[(key)][flags][width][.precision][hlL]type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentSpec {
    /// The mapping key of `%(key)s`.
    pub key: Option<String>,
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always a sign.
    pub plus: bool,
    /// ` `: a space before non-negative numbers.
    pub blank: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// `0`: zero padding (numbers only).
    pub zero: bool,
    pub width: Count,
    pub precision: Count,
    /// The conversion type character (`%%` is a literal, never a spec;
    /// `%5%` is an unsupported `%` after an argument is fetched).
    pub kind: char,
    /// Index of `kind` in the format string, in code points.
    pub index: usize,
}

impl PercentSpec {
    /// Apply a `*` width taken from the arguments (negative = left-justify).
    pub fn set_star_width(&mut self, width: i64) {
        self.left |= width < 0;
        self.width = Count::Given(width.unsigned_abs().min(isize::MAX as u64) as usize);
    }

    /// Apply a `*` precision taken from the arguments (negative = 0).
    pub fn set_star_precision(&mut self, precision: i64) {
        self.precision = Count::Given(precision.clamp(0, i32::MAX as i64) as usize);
    }

    fn width(&self) -> usize {
        match self.width {
            Count::Given(w) => w,
            _ => 0,
        }
    }

    fn precision(&self) -> Option<usize> {
        match self.precision {
            Count::Given(p) => Some(p),
            _ => None,
        }
    }

    /// "unsupported format character 'y' (0x79) at index 3".
    pub fn unsupported(&self) -> NumError {
        let shown = if (' '..='~').contains(&self.kind) || self.kind == '\u{1f}' { self.kind } else { '?' };
        NumError::value(format!(
            "unsupported format character '{shown}' (0x{:x}) at index {}",
            self.kind as u32, self.index
        ))
    }
}

/// A piece of a `%` format string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Literal(String),
    Spec(PercentSpec),
}

/// Iterator over the pieces of a `%` format string.
pub struct PercentParser {
    chars: Vec<char>,
    pos: usize,
}

impl PercentParser {
    pub fn new(format: &str) -> Self {
        PercentParser { chars: format.chars().collect(), pos: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// The next character of a spec, or "incomplete format".
    fn next_char(&mut self) -> NumResult<char> {
        let c = self.peek().ok_or_else(|| NumError::value("incomplete format"))?;
        self.pos += 1;
        Ok(c)
    }

    /// `(key)` with balanced parentheses; the `(` is already consumed.
    fn parse_key(&mut self) -> NumResult<String> {
        let start = self.pos;
        let mut depth = 1;
        while depth > 0 {
            match self.peek() {
                None => return Err(NumError::value("incomplete format key")),
                Some(')') => depth -= 1,
                Some('(') => depth += 1,
                Some(_) => {}
            }
            self.pos += 1;
        }
        Ok(self.chars[start..self.pos - 1].iter().collect())
    }

    /// Decimal digits after `first`, bounded by `limit` ("width too big").
    fn parse_number(&mut self, first: char, limit: usize, too_big: &str) -> NumResult<(usize, Option<char>)> {
        let mut value = first as usize - '0' as usize;
        loop {
            let Some(c) = self.peek() else { return Ok((value, None)) };
            self.pos += 1;
            let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) else { return Ok((value, Some(c))) };
            if value > (limit - d as usize) / 10 {
                return Err(NumError::value(too_big));
            }
            value = value * 10 + d as usize;
        }
    }

    /// Everything after the `%`.
    fn parse_spec(&mut self) -> NumResult<PercentSpec> {
        let mut spec = PercentSpec {
            key: None,
            left: false,
            plus: false,
            blank: false,
            alternate: false,
            zero: false,
            width: Count::Absent,
            precision: Count::Absent,
            kind: '\0',
            index: 0,
        };
        if self.peek() == Some('(') {
            self.pos += 1;
            spec.key = Some(self.parse_key()?);
        }
        let mut c = self.next_char()?;
        loop {
            match c {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.blank = true,
                '#' => spec.alternate = true,
                '0' => spec.zero = true,
                _ => break,
            }
            c = self.next_char()?;
        }
        let mut current = Some(c);
        if c == '*' {
            spec.width = Count::Star;
            current = self.take();
        } else if c.is_ascii_digit() {
            let (w, after) = self.parse_number(c, isize::MAX as usize, "width too big")?;
            spec.width = Count::Given(w);
            current = after;
        }
        if current == Some('.') {
            spec.precision = Count::Given(0);
            current = self.take();
            match current {
                Some('*') => {
                    spec.precision = Count::Star;
                    current = self.take();
                }
                Some(d) if d.is_ascii_digit() => {
                    let (p, after) = self.parse_number(d, i32::MAX as usize, "precision too big")?;
                    spec.precision = Count::Given(p);
                    current = after;
                }
                _ => {}
            }
        }
        if matches!(current, Some('h' | 'l' | 'L')) {
            current = self.take();
        }
        spec.kind = current.ok_or_else(|| NumError::value("incomplete format"))?;
        spec.index = self.pos - 1;
        Ok(spec)
    }

    fn take(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }
}

impl Iterator for PercentParser {
    type Item = NumResult<Piece>;

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c != '%') {
            self.pos += 1;
        }
        if self.pos > start {
            return Some(Ok(Piece::Literal(self.chars[start..self.pos].iter().collect())));
        }
        self.peek()?;
        self.pos += 1;
        if self.peek() == Some('%') {
            self.pos += 1;
            return Some(Ok(Piece::Literal("%".to_owned())));
        }
        let result = self.parse_spec().map(Piece::Spec);
        if result.is_err() {
            self.pos = self.chars.len();
        }
        Some(result)
    }
}

/// `%d %i %u %o %x %X` of an int.
pub fn percent_int(value: &Int, spec: &PercentSpec) -> NumResult<String> {
    let (radix, prefix) = match spec.kind {
        'd' | 'i' | 'u' => (10, ""),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => return Err(spec.unsupported()),
    };
    let (negative, mut digits) = if radix == 10 {
        let text = int_to_decimal(value)?;
        match text.strip_prefix('-') {
            Some(rest) => (true, rest.to_owned()),
            None => (false, text),
        }
    } else {
        magnitude_digits(value, radix)
    };
    if let Some(p) = spec.precision() {
        if p > digits.len() {
            digits.insert_str(0, &"0".repeat(p - digits.len()));
        }
    }
    if spec.kind == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    pad_number(negative, prefix, &digits, spec)
}

/// `%e %E %f %F %g %G` of a float.
pub fn percent_float(value: f64, spec: &PercentSpec) -> NumResult<String> {
    if !matches!(spec.kind, 'e' | 'E' | 'f' | 'F' | 'g' | 'G') {
        return Err(spec.unsupported());
    }
    let flags = FloatFlags { alternate: spec.alternate, ..FloatFlags::default() };
    let precision = spec.precision().unwrap_or(6);
    ensure_allocatable(precision.saturating_add(400))?;
    let text = float_to_string(value, spec.kind, precision, flags);
    match text.strip_prefix('-') {
        Some(rest) => pad_number(true, "", rest, spec),
        None => pad_number(false, "", &text, spec),
    }
}

/// `%s %r %a` (the argument's str/repr/ascii, cut to the precision) and
/// `%c` (one character): padded with spaces to the width.
pub fn percent_text(text: &str, spec: &PercentSpec) -> NumResult<String> {
    ensure_allocatable(spec.width().saturating_add(text.len()))?;
    let keep = match (spec.kind, spec.precision()) {
        ('s' | 'r' | 'a', Some(p)) => p,
        _ => usize::MAX,
    };
    let kept: String = text.chars().take(keep).collect();
    let pad = spec.width().saturating_sub(kept.chars().count());
    let spaces = " ".repeat(pad);
    Ok(if spec.left { kept + &spaces } else { spaces + &kept })
}

/// `unicode_format_arg_output` for numbers: sign, prefix, zero or space
/// padding on the left, space padding on the right when left-justified.
fn pad_number(negative: bool, prefix: &str, body: &str, spec: &PercentSpec) -> NumResult<String> {
    ensure_allocatable(spec.width().saturating_add(body.len() + 4))?;
    let sign = match () {
        _ if negative => "-",
        _ if spec.plus => "+",
        _ if spec.blank => " ",
        _ => "",
    };
    let len = sign.len() + prefix.len() + body.chars().count();
    let pad = spec.width().saturating_sub(len);
    let mut out = String::with_capacity(len + pad);
    if spec.left {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
        out.push_str(&" ".repeat(pad));
    } else if spec.zero {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(&"0".repeat(pad));
        out.push_str(body);
    } else {
        out.push_str(&" ".repeat(pad));
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(format: &str) -> Vec<NumResult<Piece>> {
        PercentParser::new(format).collect()
    }

    fn spec(format: &str) -> PercentSpec {
        match specs(format).pop() {
            Some(Ok(Piece::Spec(spec))) => spec,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn parses_and_reports_cpython_errors() {
        assert_eq!(specs("a%").pop().unwrap().unwrap_err().message, "incomplete format");
        assert_eq!(specs("%(a").pop().unwrap().unwrap_err().message, "incomplete format key");
        assert_eq!(spec("abc%y").unsupported().message, "unsupported format character 'y' (0x79) at index 4");
        let s = spec("%(x(y))-+ #0*.*ld");
        assert_eq!(s.key.as_deref(), Some("x(y)"));
        assert!(s.left && s.plus && s.blank && s.alternate && s.zero);
        assert_eq!((s.width, s.precision, s.kind), (Count::Star, Count::Star, 'd'));
    }

    #[test]
    fn formats_like_cpython() {
        assert_eq!(percent_int(&Int::Small(-255), &spec("%#08x")).unwrap(), "-0x000ff");
        assert_eq!(percent_int(&Int::Small(5), &spec("%+.3d")).unwrap(), "+005");
        assert_eq!(percent_int(&Int::Small(-3), &spec("%-05d")).unwrap(), "-3   ");
        assert_eq!(percent_float(f64::INFINITY, &spec("%05f")).unwrap(), "00inf");
        assert_eq!(percent_float(1.0, &spec("%#.0e")).unwrap(), "1.e+00");
        assert_eq!(percent_text("hello", &spec("%-7.3s")).unwrap(), "hel    ");
    }
}
