//! The abstract syntax tree, node for node and field for field CPython
//! 3.11's `Parser/Python.asdl`. This file is the one list of AST nodes: the
//! `ast_sum!`/`ast_product!` macros below generate the Rust types *and* the
//! field lists that `dump.rs` prints and the class tables and conversions of
//! `reflect.rs` (Python's `ast` classes), so a node is added in one place.
//!
//! Conventions: a node with positions (`stmt`, `expr`, `excepthandler`,
//! `arg`, `keyword`, `alias`, `pattern`) is a struct of its `kind` and its
//! `range`; `expr?` fields are `Option<Box<Expr>>`; `identifier` is an
//! [`Identifier`] (already NFKC-normalised), a small string that needs no
//! heap allocation up to 24 bytes; `constant` is [`Constant`].

use crate::dump::{Dump, FieldList, Shape};
use crate::reflect::{
    py_name, range_from_obj, Asdl, Card, ClassInfo, FieldInfo, FromObj, Sink, Source, ToObj,
};
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

/// One [`ClassInfo`] from a class name, its base and its typed fields (a
/// field with a default is optional in Python, `int? level`).
macro_rules! class_info {
    ($name:expr, $base:expr, positions: $positions:expr, [ $( $field:ident : $ty:ty $(= $default:expr)? ),* ]) => {
        ClassInfo {
            name: $name,
            base: $base,
            fields: &[ $( FieldInfo {
                name: py_name(stringify!($field)),
                ty: <$ty as Asdl>::TYPE,
                card: field_card!($ty $(, $default)?),
            } ),* ],
            positions: $positions,
            is_abstract: false,
            end_required: false,
        }
    };
}

/// The cardinality of a field: its type's, or `?` when it has a default.
macro_rules! field_card {
    ($ty:ty) => {
        <$ty as Asdl>::CARD
    };
    ($ty:ty, $default:expr) => {
        Card::Opt
    };
}

/// Reads a field from a Python object, an absent or `None` one as its default.
macro_rules! read_field {
    ($source:ident, $obj:ident, $node:expr, $field:ident, $ty:ty) => {
        <$ty as FromObj>::from_field($source, $obj, $node, py_name(stringify!($field)))?
    };
    ($source:ident, $obj:ident, $node:expr, $field:ident, $ty:ty, $default:expr) => {
        <Option<$ty> as FromObj>::from_field($source, $obj, $node, py_name(stringify!($field)))?
            .unwrap_or($default)
    };
}

/// The abstract class of an ASDL sum type (`stmt`, `operator`, …).
macro_rules! abstract_class {
    ($name:expr, positions: $positions:expr) => {
        abstract_class!($name, positions: $positions, end_required: false)
    };
    ($name:expr, positions: $positions:expr, end_required: $end:expr) => {
        ClassInfo {
            name: $name,
            base: "AST",
            fields: &[],
            positions: $positions,
            is_abstract: true,
            end_required: $end,
        }
    };
}

/// Where the class called `name` is in `classes` (evaluated at compile time).
pub(crate) const fn class_index(classes: &[ClassInfo], name: &str) -> usize {
    let mut i = 0;
    while i < classes.len() {
        let a = classes[i].name.as_bytes();
        let b = name.as_bytes();
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("class not in its table")
}

/// `requiring end` after a sum type's name: its end positions are required.
macro_rules! ends_required {
    () => {
        false
    };
    (end) => {
        true
    };
}

/// Declares an ASDL sum type with attributes: `pub struct $node { kind, range }`
/// and `pub enum $kind { Variant { fields } }`, plus the field lists for
/// dumping and the `reflect` tables and conversions.
macro_rules! ast_sum {
    ($(#[$m:meta])* $node:ident as $pyname:literal $(requiring $end:ident)?, $kind:ident {
        $( $(#[$vm:meta])* $variant:ident { $( $field:ident : $ty:ty $(= $default:expr)? ),* $(,)? } ),* $(,)?
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

            /// The abstract class, then one class per constructor.
            pub const CLASSES: &'static [ClassInfo] = &[
                abstract_class!($pyname, positions: true, end_required: ends_required!($($end)?)),
                $( class_info!(stringify!($variant), $pyname, positions: false, [ $( $field: $ty $(= $default)? ),* ]) ),*
            ];
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

        impl Asdl for $node {
            const TYPE: &'static str = $pyname;
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

        impl ToObj for $node {
            fn to_obj<S: Sink>(&self, sink: &mut S) -> Result<S::Obj, S::Err> {
                match &self.kind {
                    $( $kind::$variant { $( $field ),* } => {
                        const AT: usize = class_index($node::CLASSES, stringify!($variant));
                        let fields = vec![ $( $field.to_obj(sink)? ),* ];
                        sink.node(&$node::CLASSES[AT], fields, Some(self.range))
                    } )*
                }
            }
        }

        impl FromObj for $node {
            fn from_obj<S: Source>(source: &mut S, obj: &S::Obj) -> Result<Self, S::Err> {
                let replaced = source.enter($pyname, obj)?;
                let node = $node::read_obj(source, replaced.as_ref().unwrap_or(obj));
                source.leave();
                node
            }
        }

        impl $node {
            fn read_obj<S: Source>(source: &mut S, obj: &S::Obj) -> Result<Self, S::Err> {
                let range = range_from_obj(source, obj, &$node::CLASSES[0])?;
                $( if source.is_instance(obj, stringify!($variant))? {
                    let kind = $kind::$variant { $(
                        $field: read_field!(source, obj, stringify!($variant), $field, $ty $(, $default)?),
                    )* };
                    return Ok($node::new(kind, range));
                } )*
                Err(source.wrong_kind(obj, $pyname))
            }
        }
    };
}

/// Declares an ASDL sum type without attributes (`mod`): a plain enum.
macro_rules! ast_sum_plain {
    ($(#[$m:meta])* $kind:ident as $pyname:literal {
        $( $variant:ident { $( $field:ident : $ty:ty ),* $(,)? } ),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $kind {
            $( $variant { $( $field: $ty ),* } ),*
        }

        impl $kind {
            /// The abstract class, then one class per constructor.
            pub const CLASSES: &'static [ClassInfo] = &[
                abstract_class!($pyname, positions: false),
                $( class_info!(stringify!($variant), $pyname, positions: false, [ $( $field: $ty ),* ]) ),*
            ];
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

        impl ToObj for $kind {
            fn to_obj<S: Sink>(&self, sink: &mut S) -> Result<S::Obj, S::Err> {
                match self {
                    $( $kind::$variant { $( $field ),* } => {
                        const AT: usize = class_index($kind::CLASSES, stringify!($variant));
                        let fields = vec![ $( $field.to_obj(sink)? ),* ];
                        sink.node(&$kind::CLASSES[AT], fields, None)
                    } )*
                }
            }
        }

        impl FromObj for $kind {
            fn from_obj<S: Source>(source: &mut S, obj: &S::Obj) -> Result<Self, S::Err> {
                $( if source.is_instance(obj, stringify!($variant))? {
                    return Ok($kind::$variant { $(
                        $field: <$ty as FromObj>::from_field(
                            source, obj, stringify!($variant), py_name(stringify!($field)))?,
                    )* });
                } )*
                Err(source.wrong_kind(obj, $pyname))
            }
        }
    };
}

/// Declares an ASDL product type, with or without a `range`; `in "base"`
/// makes it the one constructor of a sum type without attributes
/// (`type_ignore`).
macro_rules! ast_product {
    ($(#[$m:meta])* $name:ident as $pyname:literal { $( $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( pub $field: $ty, )*
        }

        impl $name {
            /// The class.
            pub const CLASSES: &'static [ClassInfo] =
                &[class_info!($pyname, "AST", positions: false, [ $( $field: $ty ),* ])];

            fn position(&self) -> Option<Range> {
                None
            }
        }

        product_common!($name as $pyname, owner: $pyname, [ $( $field: $ty ),* ]);

        impl FromObj for $name {
            fn from_obj<S: Source>(source: &mut S, obj: &S::Obj) -> Result<Self, S::Err> {
                Ok($name { $(
                    $field: <$ty as FromObj>::from_field(source, obj, $pyname, py_name(stringify!($field)))?,
                )* })
            }
        }
    };
    ($(#[$m:meta])* $name:ident as $pyname:literal in $base:literal { $( $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( pub $field: $ty, )*
        }

        impl $name {
            /// The abstract base, then the class.
            pub const CLASSES: &'static [ClassInfo] = &[
                abstract_class!($base, positions: false),
                class_info!($pyname, $base, positions: false, [ $( $field: $ty ),* ]),
            ];

            fn position(&self) -> Option<Range> {
                None
            }
        }

        product_common!($name as $pyname, owner: $base, [ $( $field: $ty ),* ]);

        impl FromObj for $name {
            fn from_obj<S: Source>(source: &mut S, obj: &S::Obj) -> Result<Self, S::Err> {
                if !source.is_instance(obj, $pyname)? {
                    return Err(source.wrong_kind(obj, $base));
                }
                Ok($name { $(
                    $field: <$ty as FromObj>::from_field(source, obj, $pyname, py_name(stringify!($field)))?,
                )* })
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

        impl $name {
            /// The class.
            pub const CLASSES: &'static [ClassInfo] =
                &[class_info!($pyname, "AST", positions: true, [ $( $field: $ty ),* ])];

            fn position(&self) -> Option<Range> {
                Some(self.range)
            }
        }

        product_common!($name as $pyname, owner: $pyname, [ $( $field: $ty ),* ]);

        impl FromObj for $name {
            fn from_obj<S: Source>(source: &mut S, obj: &S::Obj) -> Result<Self, S::Err> {
                Ok($name {
                    $( $field: <$ty as FromObj>::from_field(source, obj, $pyname, py_name(stringify!($field)))?, )*
                    range: range_from_obj(source, obj, &$name::CLASSES[0])?,
                })
            }
        }
    };
}

/// The parts of `ast_product!` its three forms share: dump and `ToObj`.
macro_rules! product_common {
    ($name:ident as $pyname:literal, owner: $owner:literal, [ $( $field:ident : $ty:ty ),* ]) => {
        impl Asdl for $name {
            const TYPE: &'static str = $owner;
        }

        impl Dump for $name {
            fn shape(&self) -> Shape<'_> {
                Shape::Node(FieldList {
                    name: $pyname,
                    fields: vec![ $( (stringify!($field), &self.$field as &dyn Dump) ),* ],
                    range: self.position(),
                })
            }
        }

        impl ToObj for $name {
            fn to_obj<S: Sink>(&self, sink: &mut S) -> Result<S::Obj, S::Err> {
                let fields = vec![ $( self.$field.to_obj(sink)? ),* ];
                let classes = $name::CLASSES;
                sink.node(&classes[classes.len() - 1], fields, self.position())
            }
        }
    };
}

/// Declares an ASDL enumeration (`expr_context`, `operator`, …): a fieldless
/// enum dumped as `Name()`, each variant a class without fields.
macro_rules! ast_enum {
    ($(#[$m:meta])* $name:ident as $pyname:literal { $( $variant:ident ),* $(,)? }) => {
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

            /// The abstract class, then one class per variant (in order).
            pub const CLASSES: &'static [ClassInfo] = &[
                abstract_class!($pyname, positions: false),
                $( class_info!(stringify!($variant), $pyname, positions: false, []) ),*
            ];
        }

        impl Asdl for $name {
            const TYPE: &'static str = $pyname;
        }

        impl Dump for $name {
            fn shape(&self) -> Shape<'_> {
                Shape::Node(FieldList { name: self.name(), fields: Vec::new(), range: None })
            }
        }

        impl ToObj for $name {
            fn to_obj<S: Sink>(&self, sink: &mut S) -> Result<S::Obj, S::Err> {
                sink.node(&$name::CLASSES[*self as usize + 1], Vec::new(), None)
            }
        }

        impl FromObj for $name {
            fn from_obj<S: Source>(source: &mut S, obj: &S::Obj) -> Result<Self, S::Err> {
                $( if source.is_instance(obj, stringify!($variant))? {
                    return Ok($name::$variant);
                } )*
                Err(source.wrong_kind(obj, $pyname))
            }

            /// `None` is no enumeration value (not a missing field).
            fn from_value<S: Source>(
                source: &mut S,
                value: &S::Obj,
                _node: &'static str,
                _field: &'static str,
            ) -> Result<Self, S::Err> {
                Self::from_obj(source, value)
            }
        }
    };
}

ast_sum_plain! {
    /// `mod`: the root of every tree, one variant per parse mode.
    Mod as "mod" {
        Module { body: Vec<Stmt>, type_ignores: Vec<TypeIgnore> },
        Interactive { body: Vec<Stmt> },
        Expression { body: Box<Expr> },
        FunctionType { argtypes: Vec<Expr>, returns: Box<Expr> },
    }
}

ast_sum! {
    /// `stmt`
    Stmt as "stmt", StmtKind {
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
        /// `level` is `int?` in the ASDL: absent in a Python object means 0.
        ImportFrom { module: Option<Identifier>, names: Vec<Alias>, level: i32 = 0 },
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
    Expr as "expr", ExprKind {
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

ast_enum! { ExprContext as "expr_context" { Load, Store, Del } }
ast_enum! { BoolOp as "boolop" { And, Or } }
ast_enum! {
    Operator as "operator" { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv }
}
ast_enum! { UnaryOp as "unaryop" { Invert, Not, UAdd, USub } }
ast_enum! { CmpOp as "cmpop" { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn } }

ast_product! {
    /// `comprehension`: one `for … in … if …` clause.
    Comprehension as "comprehension" { target: Expr, iter: Expr, ifs: Vec<Expr>, is_async: i32 }
}

ast_sum! {
    /// `excepthandler`
    ExceptHandler as "excepthandler", ExceptHandlerKind {
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
    Pattern as "pattern" requiring end, PatternKind {
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
    TypeIgnore as "TypeIgnore" in "type_ignore" { lineno: i32, tag: String }
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

    /// A string from generalised UTF-8 bytes (as [`PyStr::as_bytes`] gives).
    pub fn from_wtf8(bytes: Vec<u8>) -> Self {
        PyStr { bytes }
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
