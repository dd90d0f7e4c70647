//! `ast.dump`, byte for byte: the same layout rules as CPython 3.11's
//! `Lib/ast.py` (`indent`, `include_attributes`, optional fields left out when
//! `None`, short simple nodes on one line) and Python's `repr` of every
//! constant (`str`, `bytes`, `int`, `float`, `complex`).
//!
//! The node types in `ast.rs` describe themselves through [`Dump::shape`];
//! nothing here knows the node list.

use crate::ast::{Constant, Int, PyStr, Range};
use crate::printable::is_printable;
use std::fmt::Write;

/// What one value of the tree looks like to the dumper.
pub enum Shape<'a> {
    /// An AST node: class name, fields in order, and its position if it has one.
    Node(FieldList<'a>),
    /// A Python list.
    List(Vec<&'a dyn Dump>),
    /// A leaf value, already in its Python `repr`.
    Leaf(String),
    /// `None` in an optional field: left out of a node, `None` inside a list.
    Absent,
}

pub struct FieldList<'a> {
    pub name: &'static str,
    pub fields: Vec<(&'static str, &'a dyn Dump)>,
    pub range: Option<Range>,
}

/// Anything that can stand in the tree.
pub trait Dump {
    fn shape(&self) -> Shape<'_>;
}

/// Options of `ast.dump` (`annotate_fields` is always true here).
#[derive(Clone, Copy, Debug)]
pub struct DumpOptions {
    pub indent: Option<usize>,
    pub include_attributes: bool,
}

/// `ast.dump(node, indent=…, include_attributes=…)`.
pub fn dump(node: &dyn Dump, options: DumpOptions) -> String {
    let indent = options.indent.map(|n| " ".repeat(n));
    let dumper = Dumper { indent: indent.as_deref(), include_attributes: options.include_attributes };
    dumper.format(node, 0).0
}

/// What `python3 -m ast -a FILE` prints for the tree (without the final newline).
pub fn dump_like_ast_main(node: &dyn Dump) -> String {
    dump(node, DumpOptions { indent: Some(3), include_attributes: true })
}

struct Dumper<'i> {
    indent: Option<&'i str>,
    include_attributes: bool,
}

impl Dumper<'_> {
    /// Returns the text and whether it is "simple" (as `_format` in ast.py).
    fn format(&self, value: &dyn Dump, level: usize) -> (String, bool) {
        let level = if self.indent.is_some() { level + 1 } else { level };
        let (prefix, sep) = match self.indent {
            Some(unit) => {
                let pad = unit.repeat(level);
                (format!("\n{pad}"), format!(",\n{pad}"))
            }
            None => (String::new(), ", ".to_owned()),
        };
        match value.shape() {
            Shape::Node(node) => self.format_node(node, level, &prefix, &sep),
            Shape::List(items) if items.is_empty() => ("[]".to_owned(), true),
            Shape::List(items) => {
                let parts: Vec<String> = items.iter().map(|item| self.format(*item, level).0).collect();
                (format!("[{prefix}{}]", parts.join(&sep)), false)
            }
            Shape::Leaf(repr) => (repr, true),
            Shape::Absent => ("None".to_owned(), true),
        }
    }

    fn format_node(&self, node: FieldList<'_>, level: usize, prefix: &str, sep: &str) -> (String, bool) {
        let mut args = Vec::with_capacity(node.fields.len() + 4);
        let mut all_simple = true;
        for (name, value) in node.fields {
            if matches!(value.shape(), Shape::Absent) {
                continue;
            }
            let (text, simple) = self.format(value, level);
            all_simple &= simple;
            args.push(format!("{}={}", name.trim_start_matches("r#"), text));
        }
        if let (true, Some(range)) = (self.include_attributes, node.range) {
            let attributes = [
                ("lineno", range.start.line),
                ("col_offset", range.start.col),
                ("end_lineno", range.end.line),
                ("end_col_offset", range.end.col),
            ];
            args.extend(attributes.iter().map(|(name, value)| format!("{name}={value}")));
        }
        if all_simple && args.len() <= 3 {
            let simple = args.is_empty();
            return (format!("{}({})", node.name, args.join(", ")), simple);
        }
        (format!("{}({prefix}{})", node.name, args.join(sep)), false)
    }
}

impl<T: Dump> Dump for Box<T> {
    fn shape(&self) -> Shape<'_> {
        (**self).shape()
    }
}

impl<T: Dump> Dump for Option<T> {
    fn shape(&self) -> Shape<'_> {
        match self {
            Some(value) => value.shape(),
            None => Shape::Absent,
        }
    }
}

impl<T: Dump> Dump for Vec<T> {
    fn shape(&self) -> Shape<'_> {
        Shape::List(self.iter().map(|item| item as &dyn Dump).collect())
    }
}

impl Dump for String {
    fn shape(&self) -> Shape<'_> {
        Shape::Leaf(str_repr(&PyStr::from(self.as_str())))
    }
}

impl Dump for compact_str::CompactString {
    fn shape(&self) -> Shape<'_> {
        Shape::Leaf(str_repr(&PyStr::from(self.as_str())))
    }
}

impl Dump for i32 {
    fn shape(&self) -> Shape<'_> {
        Shape::Leaf(self.to_string())
    }
}

impl Dump for Constant {
    fn shape(&self) -> Shape<'_> {
        Shape::Leaf(constant_repr(self))
    }
}

/// Python's `repr` of a constant.
pub fn constant_repr(value: &Constant) -> String {
    match value {
        Constant::None => "None".to_owned(),
        Constant::Bool(true) => "True".to_owned(),
        Constant::Bool(false) => "False".to_owned(),
        Constant::Ellipsis => "Ellipsis".to_owned(),
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Int(Int::Small(i)) => i.to_string(),
        Constant::Int(Int::Big(i)) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => complex_repr(*real, *imag),
    }
}

/// `repr(str)`: single quotes unless the text has `'` and no `"`; printable
/// characters as they are, the rest as `\x`, `\u` or `\U` escapes.
pub fn str_repr(s: &PyStr) -> String {
    let has_single = s.as_bytes().contains(&b'\'');
    let has_double = s.as_bytes().contains(&b'"');
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(s.as_bytes().len() + 2);
    out.push(quote);
    for cp in s.code_points() {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if cp == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(cp as u8 as char),
            _ if cp < 0x7F => write!(out, "\\x{cp:02x}").unwrap(),
            _ => match char::from_u32(cp).filter(|_| is_printable(cp)) {
                Some(c) => out.push(c),
                None if cp < 0x100 => write!(out, "\\x{cp:02x}").unwrap(),
                None if cp < 0x10000 => write!(out, "\\u{cp:04x}").unwrap(),
                None => write!(out, "\\U{cp:08x}").unwrap(),
            },
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if byte == quote => {
                out.push('\\');
                out.push(quote as char);
            }
            0x20..=0x7E => out.push(byte as char),
            _ => write!(out, "\\x{byte:02x}").unwrap(),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(float)`: the shortest digits that round-trip, in fixed notation
/// for decimal exponents -4..16 (with `.0` when integral), else scientific.
pub fn float_repr(f: f64) -> String {
    format_shortest(f, true)
}

/// `repr(complex)`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", format_shortest(imag, false));
    }
    let re = format_shortest(real, false);
    let im = format_shortest(imag, false);
    let sign = if im.starts_with('-') || im == "nan" && imag.is_sign_negative() { "" } else { "+" };
    format!("({re}{sign}{im}j)")
}

/// The shortest digits that round-trip, as "d.ddde±x". Rust's `{:e}` finds
/// how many digits are needed but may break a tie upwards; CPython's dtoa
/// takes the nearest (ties to even), which is Rust's exact formatting at
/// that many digits whenever that still round-trips.
fn shortest_scientific(f: f64) -> String {
    let shortest = format!("{f:e}");
    let digits = shortest.split_once('e').map_or(0, |(m, _)| m.bytes().filter(u8::is_ascii_digit).count());
    let nearest = format!("{:.*e}", digits.saturating_sub(1), f);
    if nearest.parse::<f64>() == Ok(f) {
        nearest
    } else {
        shortest
    }
}

/// CPython's `float_repr_style == 'short'` formatting (`'r'` format code);
/// `add_dot_0` appends `.0` to integral values as `repr(float)` does.
fn format_shortest(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let sci = shortest_scientific(f);
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` always has an exponent");
    let exp: i32 = exp.parse().expect("exponent is an integer");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', point - digits.len()));
                if add_dot_0 {
                    out.push_str(".0");
                }
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()).unwrap();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (1e300, "1e+300"),
            (0.0, "0.0"),
            // A tie between two shortest candidates: CPython takes the even one.
            (f64::from_bits(0x4306ba24c26c3c32), "799639566387078.2"),
        ];
        for (value, expected) in cases {
            assert_eq!(float_repr(value), expected, "{value}");
        }
    }

    #[test]
    fn complex_repr_matches_python() {
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(0.0, 1.5), "1.5j");
        assert_eq!(complex_repr(0.0, 1e16), "1e+16j");
        assert_eq!(complex_repr(0.0, f64::INFINITY), "infj");
        assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
    }

    #[test]
    fn str_repr_matches_python() {
        assert_eq!(str_repr(&PyStr::from("it's")), "\"it's\"");
        assert_eq!(str_repr(&PyStr::from("a'b\"c")), "'a\\'b\"c'");
        assert_eq!(
            str_repr(&PyStr::from("tab\t\x01\x7f é\u{a0}\u{200b}")),
            "'tab\\t\\x01\\x7f é\\xa0\\u200b'"
        );
        let mut lone = PyStr::new();
        lone.push(0xDC80);
        assert_eq!(str_repr(&lone), "'\\udc80'");
    }

    #[test]
    fn bytes_repr_matches_python() {
        assert_eq!(bytes_repr(b"a\x00\xff'"), "b\"a\\x00\\xff'\"");
    }
}
