//! The abstract syntax tree, node for node and field for field CPython
//! 3.11's `Parser/Python.asdl`. This file is the one list of AST nodes: the
//! `ast_sum!`/`ast_product!` macros below generate the Rust types *and* the
//! field lists that `dump.rs` prints, so a node is added in one place.
//!
//! Conventions: a node with positions (`stmt`, `expr`, `excepthandler`,
//! `arg`, `keyword`, `alias`, `pattern`) is a struct of its `kind` and its
//! `range`; `expr?` fields are `Option<Box<Expr>>`; `identifier` is an
//! [`Identifier`] (already NFKC-normalised), a small string that needs no
//! heap allocation up to 24 bytes; `constant` is [`Constant`].

use crate::dump::{Dump, FieldList, Shape};
use crate::token::Pos;
use num_bigint::BigInt;

/// Where a node stands: `lineno`/`col_offset` and `end_lineno`/`end_col_offset`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Range {
    pub start: Pos,
    pub end: Pos,
}

impl Range {
    pub const fn new(start: Pos, end: Pos) -> Self {
        Range { start, end }
    }
}

pub type Identifier = compact_str::CompactString;

/// Declares an ASDL sum type with attributes: `pub struct $node { kind, range }`
/// and `pub enum $kind { Variant { fields } }`, plus the field lists for dumping.
macro_rules! ast_sum {
    ($(#[$m:meta])* $node:ident, $kind:ident {
        $( $(#[$vm:meta])* $variant:ident { $( $field:ident : $ty:ty ),* $(,)? } ),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $node {
            pub kind: $kind,
            pub range: Range,
        }

        impl $node {
            pub fn new(kind: $kind, range: Range) -> Self {
                $node { kind, range }
            }
        }

        #[derive(Clone, Debug, PartialEq)]
        pub enum $kind {
            $( $(#[$vm])* $variant { $( $field: $ty ),* } ),*
        }

        impl $kind {
            /// The CPython class name of this node.
            pub fn name(&self) -> &'static str {
                match self {
                    $( $kind::$variant { .. } => stringify!($variant), )*
                }
            }
        }

        impl Dump for $node {
            fn shape(&self) -> Shape<'_> {
                match &self.kind {
                    $( $kind::$variant { $( $field ),* } => Shape::Node(FieldList {
                        name: stringify!($variant),
                        fields: vec![ $( (stringify!($field), $field as &dyn Dump) ),* ],
                        range: Some(self.range),
                    }), )*
                }
            }
        }
    };
}

/// Declares an ASDL sum type without attributes (`mod`): a plain enum.
macro_rules! ast_sum_plain {
    ($(#[$m:meta])* $kind:ident {
        $( $variant:ident { $( $field:ident : $ty:ty ),* $(,)? } ),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $kind {
            $( $variant { $( $field: $ty ),* } ),*
        }

        impl Dump for $kind {
            fn shape(&self) -> Shape<'_> {
                match self {
                    $( $kind::$variant { $( $field ),* } => Shape::Node(FieldList {
                        name: stringify!($variant),
                        fields: vec![ $( (stringify!($field), $field as &dyn Dump) ),* ],
                        range: None,
                    }), )*
                }
            }
        }
    };
}

/// Declares an ASDL product type, with or without a `range`.
macro_rules! ast_product {
    ($(#[$m:meta])* $name:ident as $pyname:literal { $( $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( pub $field: $ty, )*
        }

        impl Dump for $name {
            fn shape(&self) -> Shape<'_> {
                Shape::Node(FieldList {
                    name: $pyname,
                    fields: vec![ $( (stringify!($field), &self.$field as &dyn Dump) ),* ],
                    range: None,
                })
            }
        }
    };
    ($(#[$m:meta])* $name:ident as $pyname:literal with range { $( $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( pub $field: $ty, )*
            pub range: Range,
        }

        impl Dump for $name {
            fn shape(&self) -> Shape<'_> {
                Shape::Node(FieldList {
                    name: $pyname,
                    fields: vec![ $( (stringify!($field), &self.$field as &dyn Dump) ),* ],
                    range: Some(self.range),
                })
            }
        }
    };
}

/// Declares an ASDL enumeration (`expr_context`, `operator`, …): a fieldless
/// enum dumped as `Name()`.
macro_rules! ast_enum {
    ($(#[$m:meta])* $name:ident { $( $variant:ident ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $variant ),*
        }

        impl $name {
            pub fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => stringify!($variant), )*
                }
            }
        }

        impl Dump for $name {
            fn shape(&self) -> Shape<'_> {
                Shape::Node(FieldList { name: self.name(), fields: Vec::new(), range: None })
            }
        }
    };
}

ast_sum_plain! {
    /// `mod`: the root of every tree, one variant per parse mode.
    Mod {
        Module { body: Vec<Stmt>, type_ignores: Vec<TypeIgnore> },
        Interactive { body: Vec<Stmt> },
        Expression { body: Box<Expr> },
        FunctionType { argtypes: Vec<Expr>, returns: Box<Expr> },
    }
}

ast_sum! {
    /// `stmt`
    Stmt, StmtKind {
        FunctionDef {
            name: Identifier,
            args: Box<Arguments>,
            body: Vec<Stmt>,
            decorator_list: Vec<Expr>,
            returns: Option<Box<Expr>>,
            type_comment: Option<String>,
        },
        AsyncFunctionDef {
            name: Identifier,
            args: Box<Arguments>,
            body: Vec<Stmt>,
            decorator_list: Vec<Expr>,
            returns: Option<Box<Expr>>,
            type_comment: Option<String>,
        },
        ClassDef {
            name: Identifier,
            bases: Vec<Expr>,
            keywords: Vec<Keyword>,
            body: Vec<Stmt>,
            decorator_list: Vec<Expr>,
        },
        Return { value: Option<Box<Expr>> },
        Delete { targets: Vec<Expr> },
        Assign { targets: Vec<Expr>, value: Box<Expr>, type_comment: Option<String> },
        AugAssign { target: Box<Expr>, op: Operator, value: Box<Expr> },
        AnnAssign { target: Box<Expr>, annotation: Box<Expr>, value: Option<Box<Expr>>, simple: i32 },
        For { target: Box<Expr>, iter: Box<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt>, type_comment: Option<String> },
        AsyncFor {
            target: Box<Expr>,
            iter: Box<Expr>,
            body: Vec<Stmt>,
            orelse: Vec<Stmt>,
            type_comment: Option<String>,
        },
        While { test: Box<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt> },
        If { test: Box<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt> },
        With { items: Vec<WithItem>, body: Vec<Stmt>, type_comment: Option<String> },
        AsyncWith { items: Vec<WithItem>, body: Vec<Stmt>, type_comment: Option<String> },
        Match { subject: Box<Expr>, cases: Vec<MatchCase> },
        Raise { exc: Option<Box<Expr>>, cause: Option<Box<Expr>> },
        Try { body: Vec<Stmt>, handlers: Vec<ExceptHandler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
        TryStar { body: Vec<Stmt>, handlers: Vec<ExceptHandler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
        Assert { test: Box<Expr>, msg: Option<Box<Expr>> },
        Import { names: Vec<Alias> },
        ImportFrom { module: Option<Identifier>, names: Vec<Alias>, level: i32 },
        Global { names: Vec<Identifier> },
        Nonlocal { names: Vec<Identifier> },
        Expr { value: Box<Expr> },
        Pass {},
        Break {},
        Continue {},
    }
}

ast_sum! {
    /// `expr`
    Expr, ExprKind {
        BoolOp { op: BoolOp, values: Vec<Expr> },
        NamedExpr { target: Box<Expr>, value: Box<Expr> },
        BinOp { left: Box<Expr>, op: Operator, right: Box<Expr> },
        UnaryOp { op: UnaryOp, operand: Box<Expr> },
        Lambda { args: Box<Arguments>, body: Box<Expr> },
        IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
        /// `keys[i]` is `None` for a `**mapping` entry.
        Dict { keys: Vec<Option<Expr>>, values: Vec<Expr> },
        Set { elts: Vec<Expr> },
        ListComp { elt: Box<Expr>, generators: Vec<Comprehension> },
        SetComp { elt: Box<Expr>, generators: Vec<Comprehension> },
        DictComp { key: Box<Expr>, value: Box<Expr>, generators: Vec<Comprehension> },
        GeneratorExp { elt: Box<Expr>, generators: Vec<Comprehension> },
        Await { value: Box<Expr> },
        Yield { value: Option<Box<Expr>> },
        YieldFrom { value: Box<Expr> },
        Compare { left: Box<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
        Call { func: Box<Expr>, args: Vec<Expr>, keywords: Vec<Keyword> },
        /// `conversion` is -1 (none) or the code of `s`, `r`, `a`.
        FormattedValue { value: Box<Expr>, conversion: i32, format_spec: Option<Box<Expr>> },
        JoinedStr { values: Vec<Expr> },
        /// `kind` is `Some("u")` for a `u''` string, else `None`.
        Constant { value: Constant, kind: Option<String> },
        Attribute { value: Box<Expr>, attr: Identifier, ctx: ExprContext },
        Subscript { value: Box<Expr>, slice: Box<Expr>, ctx: ExprContext },
        Starred { value: Box<Expr>, ctx: ExprContext },
        Name { id: Identifier, ctx: ExprContext },
        List { elts: Vec<Expr>, ctx: ExprContext },
        Tuple { elts: Vec<Expr>, ctx: ExprContext },
        Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>>, step: Option<Box<Expr>> },
    }
}

ast_enum! { ExprContext { Load, Store, Del } }
ast_enum! { BoolOp { And, Or } }
ast_enum! {
    Operator { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv }
}
ast_enum! { UnaryOp { Invert, Not, UAdd, USub } }
ast_enum! { CmpOp { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn } }

ast_product! {
    /// `comprehension`: one `for … in … if …` clause.
    Comprehension as "comprehension" { target: Expr, iter: Expr, ifs: Vec<Expr>, is_async: i32 }
}

ast_sum! {
    /// `excepthandler`
    ExceptHandler, ExceptHandlerKind {
        ExceptHandler { r#type: Option<Box<Expr>>, name: Option<Identifier>, body: Vec<Stmt> },
    }
}

ast_product! {
    /// `arguments`: a function's or lambda's parameter list.
    /// `kw_defaults[i]` is `None` for a keyword-only parameter without default.
    Arguments as "arguments" {
        posonlyargs: Vec<Arg>,
        args: Vec<Arg>,
        vararg: Option<Box<Arg>>,
        kwonlyargs: Vec<Arg>,
        kw_defaults: Vec<Option<Expr>>,
        kwarg: Option<Box<Arg>>,
        defaults: Vec<Expr>,
    }
}

ast_product! {
    /// `arg`: one parameter.
    Arg as "arg" with range { arg: Identifier, annotation: Option<Box<Expr>>, type_comment: Option<String> }
}

ast_product! {
    /// `keyword`: `arg=value` in a call or class bases; `arg` is `None` for `**value`.
    Keyword as "keyword" with range { arg: Option<Identifier>, value: Expr }
}

ast_product! {
    /// `alias`: `name [as asname]` in an import.
    Alias as "alias" with range { name: Identifier, asname: Option<Identifier> }
}

ast_product! {
    /// `withitem`: `context_expr [as optional_vars]`.
    WithItem as "withitem" { context_expr: Expr, optional_vars: Option<Box<Expr>> }
}

ast_product! {
    /// `match_case`: `case pattern [if guard]: body`.
    MatchCase as "match_case" { pattern: Pattern, guard: Option<Box<Expr>>, body: Vec<Stmt> }
}

ast_sum! {
    /// `pattern`
    Pattern, PatternKind {
        MatchValue { value: Box<Expr> },
        MatchSingleton { value: Constant },
        MatchSequence { patterns: Vec<Pattern> },
        MatchMapping { keys: Vec<Expr>, patterns: Vec<Pattern>, rest: Option<Identifier> },
        MatchClass { cls: Box<Expr>, patterns: Vec<Pattern>, kwd_attrs: Vec<Identifier>, kwd_patterns: Vec<Pattern> },
        MatchStar { name: Option<Identifier> },
        MatchAs { pattern: Option<Box<Pattern>>, name: Option<Identifier> },
        MatchOr { patterns: Vec<Pattern> },
    }
}

ast_product! {
    /// `type_ignore`: a `# type: ignore[tag]` comment (only with type comments on).
    TypeIgnore as "TypeIgnore" { lineno: i32, tag: String }
}

/// A literal's value (`constant` in the ASDL).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Str(PyStr),
    Bytes(Vec<u8>),
    Int(Int),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Ellipsis,
}

/// An integer literal: small ones inline, the rest arbitrary-precision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Int {
    Small(i64),
    Big(Box<BigInt>),
}

impl Int {
    /// Normalising constructor: a big int that fits in `i64` becomes `Small`.
    pub fn from_big(value: BigInt) -> Int {
        match i64::try_from(&value) {
            Ok(small) => Int::Small(small),
            Err(_) => Int::Big(Box::new(value)),
        }
    }
}

/// A Python `str` value: any sequence of code points, lone surrogates
/// included (`"\ud800"` is a valid literal). Stored as generalised UTF-8:
/// every code point, surrogates too, encoded on its own, so that the bytes
/// are valid UTF-8 exactly when there is no surrogate.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct PyStr {
    bytes: Vec<u8>,
}

impl PyStr {
    pub fn new() -> Self {
        PyStr { bytes: Vec::new() }
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Appends one code point (`0..=0x10FFFF`, surrogates allowed).
    pub fn push(&mut self, code_point: u32) {
        match char::from_u32(code_point) {
            Some(c) => self.push_str(c.encode_utf8(&mut [0; 4])),
            None => {
                debug_assert!((0xD800..0xE000).contains(&code_point));
                self.bytes.push(0xE0 | (code_point >> 12) as u8);
                self.bytes.push(0x80 | ((code_point >> 6) & 0x3F) as u8);
                self.bytes.push(0x80 | (code_point & 0x3F) as u8);
            }
        }
    }

    pub fn push_py_str(&mut self, other: &PyStr) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The text, when it has no lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// The generalised UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The code points, in order.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        taipan_repr::code_points(&self.bytes)
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> Self {
        PyStr { bytes: s.as_bytes().to_vec() }
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> Self {
        PyStr { bytes: s.into_bytes() }
    }
}

impl std::fmt::Debug for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&taipan_repr::str_repr(&self.bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn py_str_keeps_lone_surrogates_apart() {
        let mut s = PyStr::from("a");
        s.push(0xD83D);
        s.push(0xDE00);
        s.push('é' as u32);
        assert_eq!(s.code_points().collect::<Vec<_>>(), vec![0x61, 0xD83D, 0xDE00, 0xE9]);
        assert_eq!(s.as_str(), None);
        assert_eq!(PyStr::from("ok").as_str(), Some("ok"));
    }

    #[test]
    fn big_ints_that_fit_become_small() {
        assert_eq!(Int::from_big(BigInt::from(7)), Int::Small(7));
        assert!(matches!(Int::from_big(BigInt::from(u64::MAX)), Int::Big(_)));
    }
}
