//! `ast.dump`, byte for byte: the same layout rules as CPython 3.11's
//! `Lib/ast.py` (`indent`, `include_attributes`, optional fields left out when
//! `None`, short simple nodes on one line) and Python's `repr` of every
//! constant (`str`, `bytes`, `int`, `float`, `complex`).
//!
//! The node types in `ast.rs` describe themselves through [`Dump::shape`];
//! nothing here knows the node list.

use crate::ast::{Constant, Int, Range};
pub use taipan_repr::{bytes_repr, complex_repr, float_repr, str_repr};

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
        Shape::Leaf(str_repr(self.as_bytes()))
    }
}

impl Dump for compact_str::CompactString {
    fn shape(&self) -> Shape<'_> {
        Shape::Leaf(str_repr(self.as_bytes()))
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
        Constant::Str(s) => str_repr(s.as_bytes()),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Int(Int::Small(i)) => i.to_string(),
        Constant::Int(Int::Big(i)) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => complex_repr(*real, *imag),
    }
}
