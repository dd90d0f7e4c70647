//! The working form of a scope while the table is built (CPython's
//! `PySTEntryObject`): an insertion-ordered symbol map, the parameter list,
//! the `global`/`nonlocal` directives kept for error positions, and the
//! per-block state the first pass needs (comprehension kind, the
//! iteration-target and iterable-expression markers). `visit.rs` fills these,
//! `analyze.rs` resolves them, and `mod.rs` turns the reachable ones into
//! public [`Scope`](super::Scope)s.

use super::{NameScope, ScopeKind};
use compact_str::CompactString;
use taipan_bytecode::fasthash::FastHashMap;
use taipan_parser::ast::Range;

/// Which comprehension a comprehension scope is (CPython's
/// `_Py_comprehension_ty`); it picks the "'yield' inside …" message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl CompKind {
    /// The name CPython gives the block.
    pub(super) fn scope_name(self) -> &'static str {
        match self {
            CompKind::List => "listcomp",
            CompKind::Set => "setcomp",
            CompKind::Dict => "dictcomp",
            CompKind::Generator => "genexpr",
        }
    }

    /// CPython's message for a `yield` inside this comprehension.
    pub(super) fn yield_message(self) -> &'static str {
        match self {
            CompKind::List => "'yield' inside list comprehension",
            CompKind::Set => "'yield' inside set comprehension",
            CompKind::Dict => "'yield' inside dict comprehension",
            CompKind::Generator => "'yield' inside generator expression",
        }
    }
}

/// Names and their `DEF_*`/`USE` flags in first-seen order (a Python dict).
#[derive(Default)]
pub(super) struct SymbolMap {
    pub names: Vec<CompactString>,
    pub flags: Vec<u32>,
    index: FastHashMap<CompactString, usize>,
}

impl SymbolMap {
    pub fn get(&self, name: &str) -> Option<u32> {
        self.index.get(name).map(|&i| self.flags[i])
    }

    /// The flags of `name`, 0 when absent (CPython's `_PyST_GetSymbol`).
    pub fn flags_of(&self, name: &str) -> u32 {
        self.get(name).unwrap_or(0)
    }

    /// Sets `name`'s flags, appending it when new.
    pub fn set(&mut self, name: &str, flags: u32) {
        match self.index.get(name) {
            Some(&i) => self.flags[i] = flags,
            None => self.push(name, flags),
        }
    }

    /// Appends `name`, which must be new.
    pub fn push(&mut self, name: &str, flags: u32) {
        if self.names.is_empty() {
            // Most scopes have a handful of names: skip the first regrowths.
            self.index.reserve(8);
            self.names.reserve(8);
            self.flags.reserve(8);
        }
        self.index.insert(name.into(), self.names.len());
        self.names.push(name.into());
        self.flags.push(flags);
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// One block under construction.
pub(super) struct RawScope {
    pub kind: ScopeKind,
    /// A `from __future__ import annotations` annotation block: visited for
    /// its errors, never attached to the tree.
    pub is_annotation: bool,
    pub name: CompactString,
    pub lineno: u32,
    /// Address of the AST node that opened the block (0 for the module).
    pub node: usize,
    pub symbols: SymbolMap,
    /// Analysed scope of each symbol, parallel to `symbols` (after analysis).
    pub scopes: Vec<NameScope>,
    /// Parameters in definition order (CPython's `ste_varnames`).
    pub varnames: Vec<CompactString>,
    pub children: Vec<usize>,
    /// `global`/`nonlocal` names (mangled) with the statement's range.
    pub directives: Vec<(CompactString, Range)>,
    pub nested: bool,
    pub generator: bool,
    pub coroutine: bool,
    pub comprehension: Option<CompKind>,
    pub varargs: bool,
    pub varkeywords: bool,
    /// Visiting a comprehension's iteration target.
    pub comp_iter_target: bool,
    /// Depth of comprehension iterable expressions being visited.
    pub comp_iter_expr: u32,
    /// Some name resolved free (or implicitly global while nested).
    pub free: bool,
    pub child_free: bool,
    pub needs_class_closure: bool,
}

impl RawScope {
    pub fn new(kind: ScopeKind, name: &str, lineno: u32, node: usize) -> Self {
        RawScope {
            kind,
            is_annotation: false,
            name: name.into(),
            lineno,
            node,
            symbols: SymbolMap::default(),
            scopes: Vec::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            directives: Vec::new(),
            nested: false,
            generator: false,
            coroutine: false,
            comprehension: None,
            varargs: false,
            varkeywords: false,
            comp_iter_target: false,
            comp_iter_expr: 0,
            free: false,
            child_free: false,
            needs_class_closure: false,
        }
    }

    /// CPython's `FunctionBlock`: functions, lambdas and comprehensions.
    pub fn is_function_block(&self) -> bool {
        !self.is_annotation
            && matches!(self.kind, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension)
    }

    pub fn is_class(&self) -> bool {
        !self.is_annotation && self.kind == ScopeKind::Class
    }

    pub fn is_module(&self) -> bool {
        !self.is_annotation && self.kind == ScopeKind::Module
    }
}
