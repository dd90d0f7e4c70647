//! `str.format` templates (CPython's `unicode_format.h`): `TemplateParser`
//! yields literal text and replacement fields `{name!conv:spec}` lazily
//! (so lookups and errors happen in CPython's order); `AutoNumber::split`
//! splits a field name into its first part (auto-numbered, positional or
//! keyword) and the `.attr` / `[key]` accessors that follow. The caller
//! looks objects up, applies the conversion (`r`, `s`, `a`), expands a
//! spec that contains fields (at most `MAX_RECURSION` levels), and formats.

use super::int_text::unicode_decimal;
use super::{NumError, NumResult};

/// How deep format specs may nest fields (`'{:{}}'` is one level).
pub const MAX_RECURSION: u32 = 2;

/// "Max string recursion exceeded".
pub fn recursion_error() -> NumError {
    NumError::value("Max string recursion exceeded")
}

/// "Unknown conversion specifier x" for a conversion other than r, s, a.
pub fn unknown_conversion(conversion: char) -> NumError {
    if (conversion as u32) > 32 && (conversion as u32) < 127 {
        NumError::value(format!("Unknown conversion specifier {conversion}"))
    } else {
        NumError::value(format!("Unknown conversion specifier \\x{:x}", conversion as u32))
    }
}

/// One replacement field, `{field_name!conversion:format_spec}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub conversion: Option<char>,
    pub spec: String,
    /// The spec contains `{`: render it as a template first.
    pub spec_has_fields: bool,
}

/// A piece of a template: literal text, then maybe a field (as CPython's
/// `_string.formatter_parser` yields them; `{{` and `}}` end a segment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub literal: String,
    pub field: Option<Field>,
}

/// Iterator over the segments of a `str.format` template.
pub struct TemplateParser {
    chars: Vec<char>,
    pos: usize,
}

impl TemplateParser {
    pub fn new(template: &str) -> Self {
        TemplateParser { chars: template.chars().collect(), pos: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn take(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Literal text up to a `{` or `}`; `Some(true)` when a field follows.
    fn literal(&mut self) -> NumResult<(String, bool)> {
        let start = self.pos;
        let mut brace = None;
        while let Some(c) = self.take() {
            if c == '{' || c == '}' {
                brace = Some(c);
                break;
            }
        }
        let Some(brace) = brace else {
            return Ok((self.chars[start..].iter().collect(), false));
        };
        let doubled = self.peek() == Some(brace);
        if brace == '}' && !doubled {
            return Err(NumError::value("Single '}' encountered in format string"));
        }
        if brace == '{' && self.peek().is_none() {
            return Err(NumError::value("Single '{' encountered in format string"));
        }
        if doubled {
            self.pos += 1;
            return Ok((self.chars[start..self.pos - 1].iter().collect(), false));
        }
        Ok((self.chars[start..self.pos - 1].iter().collect(), true))
    }

    /// `parse_field`: the field after its `{`, through its `}`.
    fn field(&mut self) -> NumResult<Field> {
        let start = self.pos;
        let mut last = '\0';
        while let Some(c) = self.take() {
            last = c;
            match c {
                '{' => return Err(NumError::value("unexpected '{' in field name")),
                '[' => {
                    while self.peek().is_some_and(|c| c != ']') {
                        self.pos += 1;
                    }
                }
                '}' | ':' | '!' => break,
                _ => {}
            }
        }
        let name: String = self.chars[start..self.pos.saturating_sub(1).max(start)].iter().collect();
        let mut field = Field { name, conversion: None, spec: String::new(), spec_has_fields: false };
        if !matches!(last, '!' | ':') {
            if last != '}' || self.pos == start {
                return Err(NumError::value("expected '}' before end of string"));
            }
            return Ok(field);
        }
        if last == '!' {
            let conversion = self
                .take()
                .ok_or_else(|| NumError::value("end of string while looking for conversion specifier"))?;
            field.conversion = Some(conversion);
            match self.take() {
                Some('}') => return Ok(field),
                Some(':') | None => {}
                Some(_) => return Err(NumError::value("expected ':' after conversion specifier")),
            }
        }
        self.spec(&mut field)?;
        Ok(field)
    }

    /// The format spec through the `}` that balances the field's `{`.
    fn spec(&mut self, field: &mut Field) -> NumResult<()> {
        let start = self.pos;
        let mut depth = 1;
        while let Some(c) = self.take() {
            match c {
                '{' => {
                    field.spec_has_fields = true;
                    depth += 1;
                }
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        field.spec = self.chars[start..self.pos - 1].iter().collect();
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(NumError::value("unmatched '{' in format spec"))
    }
}

impl Iterator for TemplateParser {
    type Item = NumResult<Segment>;

    fn next(&mut self) -> Option<Self::Item> {
        self.peek()?;
        let result = self.literal().and_then(|(literal, field_follows)| {
            let field = if field_follows { Some(self.field()?) } else { None };
            Ok(Segment { literal, field })
        });
        if result.is_err() {
            self.pos = self.chars.len();
        }
        Some(result)
    }
}

/// The first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKey {
    /// A positional argument (written or auto-numbered).
    Index(usize),
    /// A keyword argument.
    Name(String),
}

/// One accessor after the first part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accessor {
    /// `.name`
    Attr(String),
    /// `[123]`: an integer index.
    Index(usize),
    /// `[text]`: a string key.
    Key(String),
}

/// Automatic field numbering state of one `str.format` call (shared by the
/// fields of nested specs).
#[derive(Debug, Clone, Default)]
pub struct AutoNumber {
    mode: Option<bool>,
    next: usize,
}

impl AutoNumber {
    pub fn new() -> Self {
        Self::default()
    }

    /// Split `name` into its first part and an iterator over its accessors.
    pub fn split(&mut self, name: &str) -> NumResult<(FieldKey, Accessors)> {
        let chars: Vec<char> = name.chars().collect();
        let first_end = chars.iter().position(|&c| c == '.' || c == '[').unwrap_or(chars.len());
        let first: String = chars[..first_end].iter().collect();
        let index = decimal_index(&first)?;
        let rest = Accessors { chars, pos: first_end, failed: false };
        if first.is_empty() || index.is_some() {
            let automatic = first.is_empty();
            match self.mode {
                Some(true) if !automatic => {
                    return Err(NumError::value(
                        "cannot switch from automatic field numbering to manual field specification",
                    ))
                }
                Some(false) if automatic => {
                    return Err(NumError::value(
                        "cannot switch from manual field specification to automatic field numbering",
                    ))
                }
                _ => self.mode = Some(automatic),
            }
            if automatic {
                self.next += 1;
                return Ok((FieldKey::Index(self.next - 1), rest));
            }
        }
        Ok((index.map_or(FieldKey::Name(first), FieldKey::Index), rest))
    }
}

/// `_string.formatter_field_name_split`: no auto-numbering; an empty first
/// part stays `Name("")`.
pub fn split_field_name(name: &str) -> NumResult<(FieldKey, Accessors)> {
    let chars: Vec<char> = name.chars().collect();
    let first_end = chars.iter().position(|&c| c == '.' || c == '[').unwrap_or(chars.len());
    let first: String = chars[..first_end].iter().collect();
    let key = decimal_index(&first)?.map_or(FieldKey::Name(first), FieldKey::Index);
    Ok((key, Accessors { chars, pos: first_end, failed: false }))
}

/// All-decimal text (Unicode digits too) as an index; "Too many decimal
/// digits in format string" beyond `isize::MAX`.
fn decimal_index(text: &str) -> NumResult<Option<usize>> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut value: usize = 0;
    for c in text.chars() {
        let digit = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else if (c as u32) < 0x80 {
            return Ok(None);
        } else {
            match unicode_decimal(c as u32) {
                Some(d) => d as u32,
                None => return Ok(None),
            }
        };
        if value > (isize::MAX as usize - digit as usize) / 10 {
            return Err(NumError::value("Too many decimal digits in format string"));
        }
        value = value * 10 + digit as usize;
    }
    Ok(Some(value))
}

/// The accessors of a field name, parsed as they are used.
#[derive(Debug, Clone)]
pub struct Accessors {
    chars: Vec<char>,
    pos: usize,
    failed: bool,
}

impl Accessors {
    fn accessor(&mut self) -> NumResult<Accessor> {
        let kind = self.chars[self.pos];
        self.pos += 1;
        let start = self.pos;
        let accessor = match kind {
            '.' => {
                while self.pos < self.chars.len() && !matches!(self.chars[self.pos], '.' | '[') {
                    self.pos += 1;
                }
                Accessor::Attr(self.chars[start..self.pos].iter().collect())
            }
            '[' => {
                let close = self.chars[start..].iter().position(|&c| c == ']');
                let close = close.ok_or_else(|| NumError::value("Missing ']' in format string"))? + start;
                self.pos = close + 1;
                let text: String = self.chars[start..close].iter().collect();
                match decimal_index(&text)? {
                    Some(i) => Accessor::Index(i),
                    None => Accessor::Key(text),
                }
            }
            _ => return Err(NumError::value("Only '.' or '[' may follow ']' in format field specifier")),
        };
        if matches!(&accessor, Accessor::Attr(s) | Accessor::Key(s) if s.is_empty()) {
            return Err(NumError::value("Empty attribute in format string"));
        }
        Ok(accessor)
    }
}

impl Iterator for Accessors {
    type Item = NumResult<Accessor>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.chars.len() {
            return None;
        }
        let result = self.accessor();
        self.failed = result.is_err();
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(template: &str) -> Result<Vec<Segment>, String> {
        TemplateParser::new(template).collect::<NumResult<Vec<_>>>().map_err(|e| e.message)
    }

    #[test]
    fn parses_fields_as_cpython() {
        let seg = |literal: &str, field: Option<(&str, Option<char>, &str)>| Segment {
            literal: literal.into(),
            field: field.map(|(name, conversion, spec)| Field {
                name: name.into(),
                conversion,
                spec: spec.into(),
                spec_has_fields: spec.contains('{'),
            }),
        };
        assert_eq!(segments("a{0[}]}b"), Ok(vec![seg("a", Some(("0[}]", None, ""))), seg("b", None)]));
        assert_eq!(segments("{0!r:>{1}}"), Ok(vec![seg("", Some(("0", Some('r'), ">{1}")))]));
        assert_eq!(segments("x}}y{{"), Ok(vec![seg("x}", None), seg("y{", None)]));
        assert_eq!(segments("{!}"), Err("unmatched '{' in format spec".into()));
        assert_eq!(segments("{a[b}"), Err("expected '}' before end of string".into()));
        assert_eq!(segments("}"), Err("Single '}' encountered in format string".into()));
    }

    #[test]
    fn numbers_fields() {
        let mut auto = AutoNumber::new();
        assert_eq!(auto.split("").unwrap().0, FieldKey::Index(0));
        assert_eq!(auto.split("").unwrap().0, FieldKey::Index(1));
        assert_eq!(auto.split("name").unwrap().0, FieldKey::Name("name".into()));
        assert!(auto.split("0").unwrap_err().message.starts_with("cannot switch from automatic"));
        let (key, rest) = split_field_name("a.b[c][1]").unwrap();
        let rest: Vec<_> = rest.collect::<NumResult<_>>().unwrap();
        assert_eq!(key, FieldKey::Name("a".into()));
        assert_eq!(rest, vec![Accessor::Attr("b".into()), Accessor::Key("c".into()), Accessor::Index(1)]);
    }
}
