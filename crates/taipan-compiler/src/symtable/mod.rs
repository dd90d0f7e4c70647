//! Symbol tables, as CPython 3.11's `Python/symtable.c` builds them: one
//! [`Scope`] per module, class, function, lambda and comprehension, and for
//! each name used in a scope what it is there (local, global, free, cell),
//! decided in CPython's two passes (collect definitions and uses, then
//! analyse free variables from the innermost scopes out). The compile-time
//! `SyntaxError`s of the symbol table (`nonlocal` at module level, names
//! used before `global`, `return` outside a function, …) come from here
//! with CPython's messages and positions.
//!
//! Codegen finds the scope of a node by the node's address
//! ([`SymbolTable::scope_of`]): the AST must not move between `build` and
//! code generation (both borrow the same `&Mod`).
//!
//! Inside: `future.rs` (the module's `from __future__` header, CPython's
//! future.c, read first), `visit.rs` (first pass), `analyze.rs` (second
//! pass), `raw.rs` (the working form of a block). The `'yield'`/`'return'`/
//! `'await'` outside function errors are code generation's, as in CPython.

mod analyze;
mod future;
mod raw;
mod visit;

pub use future::{parse_future, Future};

use crate::CompileOptions;
use compact_str::CompactString;
use raw::RawScope;
use std::borrow::Cow;
use taipan_bytecode::code::CO_FUTURE_ANNOTATIONS;
use taipan_bytecode::fasthash::FastHashMap;
use taipan_parser::ast::{Mod, Range};
use taipan_parser::{ErrorKind, SyntaxError};

/// A scope, by its index in [`SymbolTable::scopes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeId(pub u32);

/// What kind of block a scope is (CPython's `_Py_block_ty`; lambdas and
/// comprehensions are function blocks there, kept apart here for clarity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    /// A list/set/dict comprehension or generator expression.
    Comprehension,
}

/// Where a name lives in a scope (CPython's `LOCAL`, `GLOBAL_EXPLICIT`,
/// `GLOBAL_IMPLICIT`, `FREE`, `CELL`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

// Symbol flags (CPython's DEF_* and USE).
pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 2 << 1;
pub const DEF_NONLOCAL: u32 = 2 << 2;
pub const USE: u32 = 2 << 3;
pub const DEF_FREE: u32 = 2 << 4;
pub const DEF_FREE_CLASS: u32 = 2 << 5;
pub const DEF_IMPORT: u32 = 2 << 6;
pub const DEF_ANNOT: u32 = 2 << 7;
pub const DEF_COMP_ITER: u32 = 2 << 8;

/// One name of one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub name: CompactString,
    /// `DEF_*`/`USE` bits.
    pub flags: u32,
    pub scope: NameScope,
    /// [`name_key`] of `name`: [`Scope::lookup`] compares these first.
    key: u16,
}

impl Symbol {
    /// A symbol of the first pass (its scope is the second pass's to set).
    pub(crate) fn new(name: CompactString, flags: u32) -> Symbol {
        let key = name_key(name.as_bytes());
        Symbol { name, flags, scope: NameScope::Local, key }
    }
}

/// A 16-bit summary of a name (its length, first and last bytes): two
/// names with different keys differ, so a lookup compares the strings of
/// the few symbols whose key matches.
#[inline]
fn name_key(name: &[u8]) -> u16 {
    let (first, last) = (name.first().copied().unwrap_or(0), name.last().copied().unwrap_or(0));
    u16::from(name.len() as u8) | u16::from(first ^ last.rotate_left(3)) << 8
}

/// One scope.
#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// The name CPython gives the block (`top`, the function or class name,
    /// `lambda`, `listcomp`, `setcomp`, `dictcomp`, `genexpr`).
    pub name: CompactString,
    pub lineno: u32,
    /// The names of the scope in first-seen order (as CPython's `ste_symbols`).
    pub symbols: Vec<Symbol>,
    /// Parameters in `co_varnames` order: positional-only, positional,
    /// keyword-only, `*args`, `**kwargs` (`.0` for a comprehension).
    pub params: Vec<CompactString>,
    /// Nested scopes in the order CPython enters them.
    pub children: Vec<ScopeId>,
    pub parent: Option<ScopeId>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// A function nested in another function (`CO_NESTED`).
    pub is_nested: bool,
    /// A class whose methods use `super()` or `__class__`: it needs the
    /// implicit `__class__` cell.
    pub needs_class_closure: bool,
    /// A comprehension whose iteration is asynchronous (`async for`, or
    /// `await` inside).
    pub is_async_comprehension: bool,
    /// Name → index in `symbols`, for [`Scope::lookup`]; empty (searched
    /// linearly) up to [`LINEAR_LOOKUP_MAX`] symbols.
    by_name: FastHashMap<CompactString, u32>,
}

/// Scopes with at most this many symbols have no name index: a linear
/// search is as fast and saves building one.
const LINEAR_LOOKUP_MAX: usize = 8;

impl Scope {
    /// The symbol named `name`, if the scope has one.
    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        if self.symbols.len() <= LINEAR_LOOKUP_MAX {
            let key = name_key(name.as_bytes());
            return self.symbols.iter().find(|s| s.key == key && s.name == name);
        }
        self.by_name.get(name).map(|&i| &self.symbols[i as usize])
    }

    /// `co_cellvars` in CPython 3.11's order: the parameters that are
    /// cells in parameter order (they share their `co_varnames` slot),
    /// then the other cells sorted by name; for a class, just the implicit
    /// `__class__` when needed.
    pub fn cellvars(&self) -> Vec<CompactString> {
        if self.needs_class_closure {
            return vec!["__class__".into()];
        }
        let is_cell = |name: &str| self.lookup(name).is_some_and(|s| s.scope == NameScope::Cell);
        let mut cells: Vec<CompactString> = self.params.iter().filter(|p| is_cell(p)).cloned().collect();
        cells.extend(self.sorted_names(|s| s.scope == NameScope::Cell && s.flags & DEF_PARAM == 0));
        cells
    }

    /// `co_freevars`: the free names sorted, plus (in a class) the names
    /// the class binds that its methods use freely (`DEF_FREE_CLASS`).
    pub fn freevars(&self) -> Vec<CompactString> {
        self.sorted_names(|s| s.scope == NameScope::Free || s.flags & DEF_FREE_CLASS != 0)
    }

    fn sorted_names(&self, keep: impl Fn(&Symbol) -> bool) -> Vec<CompactString> {
        let mut names: Vec<CompactString> =
            self.symbols.iter().filter(|s| keep(s)).map(|s| s.name.clone()).collect();
        names.sort();
        names
    }
}

/// The symbol table of one compilation.
#[derive(Clone, Debug, Default)]
pub struct SymbolTable {
    /// `scopes[0]` is the module.
    pub scopes: Vec<Scope>,
    /// Node address → scope (for `FunctionDef`/`AsyncFunctionDef`/`ClassDef`
    /// statements, `Lambda`, `ListComp`, `SetComp`, `DictComp`, `GeneratorExp`
    /// expressions).
    pub by_node: FastHashMap<usize, ScopeId>,
    /// `CO_FUTURE_*` flags in force: the module's future statements plus
    /// `CompileOptions::future_flags`.
    pub future_features: u32,
    /// Line of the module's last leading future statement (0 if none);
    /// a future import after it is a code generation error.
    pub future_lineno: u32,
}

impl SymbolTable {
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    /// The scope a `def`/`class` statement or a lambda/comprehension
    /// expression opens: pass `node as *const _ as *const ()`.
    pub fn scope_of(&self, node: *const ()) -> Option<ScopeId> {
        self.by_node.get(&(node as usize)).copied()
    }
}

/// Builds the symbol table of `module` (CPython's `_PyFuture_FromAST`
/// then `_PySymtable_Build`).
pub fn build(module: &Mod, source: &str, options: &CompileOptions) -> Result<SymbolTable, SyntaxError> {
    let future = parse_future(module, source)?;
    let future_features = future.features | options.future_flags;
    let mut builder = visit::Builder::new(source, future_features & CO_FUTURE_ANNOTATIONS != 0);
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => builder.visit_body(body).map_err(|e| *e)?,
        Mod::Expression { body } => builder.visit_body_expr(body).map_err(|e| *e)?,
        Mod::FunctionType { .. } => {
            let msg = "this compiler does not handle FunctionTypes";
            return Err(SyntaxError::with_fields(ErrorKind::SyntaxError, msg, (-1, -1), (-1, -1), None));
        }
    }
    let (mut raw, mut names) = (builder.scopes, builder.names);
    analyze::analyze(&mut raw, &mut names, source)?;
    let mut table = SymbolTable { future_features, future_lineno: future.lineno, ..SymbolTable::default() };
    table.scopes.reserve(raw.len());
    table.by_node.reserve(raw.len());
    publish(&mut raw, 0, None, &mut table);
    Ok(table)
}

/// Moves block `id` and its descendants (pre-order) into `table`; returns its id.
fn publish(raw: &mut [RawScope], id: usize, parent: Option<ScopeId>, table: &mut SymbolTable) -> ScopeId {
    let r = &mut raw[id];
    let me = ScopeId(table.scopes.len() as u32);
    let symbols = std::mem::take(&mut r.symbols.symbols);
    let by_name = if symbols.len() > LINEAR_LOOKUP_MAX {
        symbols.iter().enumerate().map(|(i, s)| (s.name.clone(), i as u32)).collect()
    } else {
        FastHashMap::default()
    };
    table.scopes.push(Scope {
        kind: r.kind,
        name: std::mem::take(&mut r.name),
        lineno: r.lineno,
        symbols,
        params: std::mem::take(&mut r.varnames),
        children: Vec::new(),
        parent,
        is_generator: r.generator,
        is_coroutine: r.coroutine,
        has_varargs: r.varargs,
        has_varkeywords: r.varkeywords,
        is_nested: r.nested,
        needs_class_closure: r.needs_class_closure,
        is_async_comprehension: r.comprehension.is_some() && r.coroutine,
        by_name,
    });
    if id != 0 {
        table.by_node.insert(r.node, me);
    }
    let kids = std::mem::take(&mut r.children);
    let children: Vec<ScopeId> = kids.iter().map(|&c| publish(raw, c, Some(me), table)).collect();
    table.scopes[me.0 as usize].children = children;
    me
}

/// CPython's `_Py_Mangle`: inside class `private`, `__name` becomes
/// `_private__name` (leading underscores of the class name dropped),
/// except for dunder names, dotted names and all-underscore class names.
#[inline]
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> Cow<'a, str> {
    let Some(private) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let class = private.trim_start_matches('_');
    if class.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{class}{name}"))
}

/// A symbol-table `SyntaxError` at `range`: CPython reports these with
/// the AST's byte columns plus one (not converted to characters).
fn syntax_error(source: &str, msg: impl Into<String>, range: Range) -> SyntaxError {
    let line = range.start.line;
    let text = Some(format!("{}\n", taipan_parser::error::source_line(source, line)));
    let start = (line as i32, range.start.col as i32 + 1);
    let end = (range.end.line as i32, range.end.col as i32 + 1);
    SyntaxError::with_fields(ErrorKind::SyntaxError, msg, start, end, text)
}
