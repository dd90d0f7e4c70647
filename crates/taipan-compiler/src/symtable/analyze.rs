//! The second pass (CPython's `analyze_block` and helpers): decides for
//! every name of every block whether it is local, global (explicit or
//! implicit), free or a cell, from the innermost blocks out. A block passes
//! its children the names bound around them (`bound`) and the known
//! explicit globals (`global`); the children report back the names free in
//! them, which become cells of the block that binds them or free in the
//! blocks in between. Class blocks are transparent to their methods, except
//! for the implicit `__class__` cell. The errors found here (`nonlocal`
//! without a binding, at module level, or also `global`) point at the
//! directive recorded by the first pass.
//!
//! CPython copies the `bound` and `global` sets for every child; here they
//! are one array of marks indexed by [`NameId`] with an undo log: a block
//! changes the marks as its copies would change, and restores them on exit.

use super::raw::{Interner, NameId, RawScope};
use super::{
    syntax_error, NameScope, DEF_FREE_CLASS, DEF_GLOBAL, DEF_IMPORT, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM,
};
use taipan_parser::SyntaxError;

/// `DEF_LOCAL | DEF_PARAM | DEF_IMPORT`: the flags that bind a name.
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Mark bits: the name is in the `bound` set, in the `global` set.
const BOUND: u8 = 1;
const GLOBAL: u8 = 2;

/// Names free in a block and below, sorted by id without duplicates.
type FreeNames = Vec<NameId>;

/// Analyses the tree of blocks rooted at `scopes[0]` (CPython's `symtable_analyze`).
pub(super) fn analyze(
    scopes: &mut [RawScope],
    names: &mut Interner,
    source: &str,
) -> Result<(), SyntaxError> {
    let class_cell = names.intern("__class__");
    let mut analyzer =
        Analyzer { scopes, names, source, marks: vec![0; names.len()], log: Vec::new(), class_cell };
    analyzer.block(0).map(|_| ())
}

struct Analyzer<'a> {
    scopes: &'a mut [RawScope],
    names: &'a Interner,
    source: &'a str,
    /// The `bound`/`global` sets of the block being analysed, by name.
    marks: Vec<u8>,
    /// Previous marks, to restore when a block is left.
    log: Vec<(NameId, u8)>,
    class_cell: NameId,
}

impl Analyzer<'_> {
    /// CPython's `analyze_block` for block `id` (the module has no `bound`
    /// set at all): returns the names free in this block and below.
    fn block(&mut self, id: usize) -> Result<FreeNames, SyntaxError> {
        let entry = self.log.len();
        let is_class = self.scopes[id].is_class();
        let mut own_free = FreeNames::new();
        for i in 0..self.scopes[id].symbols.len() {
            let scope = self.name(id, i, &mut own_free)?;
            self.scopes[id].symbols.symbols[i].scope = scope;
        }
        if is_class {
            // The methods see the sets as the class got them, plus `__class__`.
            self.undo_to(entry);
            self.set_mark(self.class_cell, BOUND, true);
        } else if self.scopes[id].is_function_block() {
            self.bind_locals(id);
        }
        let mut new_free = self.children(id)?;
        if self.scopes[id].is_function_block() {
            mark_cells(&mut self.scopes[id], &mut new_free);
        } else if is_class {
            if let Ok(i) = new_free.binary_search(&self.class_cell) {
                new_free.remove(i);
                self.scopes[id].needs_class_closure = true;
            }
        }
        self.update_symbols(id, &new_free, is_class);
        self.undo_to(entry);
        own_free.extend(new_free);
        own_free.sort_unstable();
        own_free.dedup();
        Ok(own_free)
    }

    /// Analyses each child with the current marks; returns the names free in them.
    fn children(&mut self, id: usize) -> Result<FreeNames, SyntaxError> {
        let mut all_free = FreeNames::new();
        for i in 0..self.scopes[id].children.len() {
            let child = self.scopes[id].children[i];
            all_free.extend(self.block(child)?);
            if self.scopes[child].free || self.scopes[child].child_free {
                self.scopes[id].child_free = true;
            }
        }
        all_free.sort_unstable();
        all_free.dedup();
        Ok(all_free)
    }

    /// Adds the locals of function block `id` to the `bound` set its
    /// children see.
    fn bind_locals(&mut self, id: usize) {
        let symbols = &self.scopes[id].symbols;
        for (&name, symbol) in symbols.ids.iter().zip(&symbols.symbols) {
            if symbol.scope == NameScope::Local {
                let old = self.marks[name as usize];
                if old & BOUND == 0 {
                    self.log.push((name, old));
                    self.marks[name as usize] = old | BOUND;
                }
            }
        }
    }

    /// CPython's `analyze_name` for symbol `i` of block `id`.
    fn name(&mut self, id: usize, i: usize, free: &mut FreeNames) -> Result<NameScope, SyntaxError> {
        let scope = &self.scopes[id];
        let (name, flags, nested) = (scope.symbols.ids[i], scope.symbols.symbols[i].flags, scope.nested);
        let is_module = id == 0;
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                let msg = format!("name '{}' is nonlocal and global", self.names.name(name));
                return Err(self.directive_error(id, msg, name));
            }
            self.set_mark(name, GLOBAL, true);
            self.set_mark(name, BOUND, false);
            return Ok(NameScope::GlobalExplicit);
        }
        if flags & DEF_NONLOCAL != 0 {
            if is_module {
                let msg = "nonlocal declaration not allowed at module level".into();
                return Err(self.directive_error(id, msg, name));
            }
            if !self.has_mark(name, BOUND) {
                let msg = format!("no binding for nonlocal '{}' found", self.names.name(name));
                return Err(self.directive_error(id, msg, name));
            }
            free.push(name);
            self.scopes[id].free = true;
            return Ok(NameScope::Free);
        }
        if flags & DEF_BOUND != 0 {
            self.set_mark(name, GLOBAL, false);
            return Ok(NameScope::Local);
        }
        if self.has_mark(name, BOUND) {
            free.push(name);
            self.scopes[id].free = true;
            return Ok(NameScope::Free);
        }
        if !self.has_mark(name, GLOBAL) && nested {
            self.scopes[id].free = true;
        }
        Ok(NameScope::GlobalImplicit)
    }

    fn has_mark(&self, name: NameId, mark: u8) -> bool {
        self.marks[name as usize] & mark != 0
    }

    /// Adds `name` to or removes it from a set, logging the old marks.
    fn set_mark(&mut self, name: NameId, mark: u8, on: bool) {
        let old = self.marks[name as usize];
        let new = if on { old | mark } else { old & !mark };
        if new != old {
            self.log.push((name, old));
            self.marks[name as usize] = new;
        }
    }

    /// Restores the marks as they were when the log was `len` long.
    fn undo_to(&mut self, len: usize) {
        while self.log.len() > len {
            let (name, old) = self.log.pop().expect("log is longer than len");
            self.marks[name as usize] = old;
        }
    }

    /// CPython's `update_symbols`: stores the analysed scopes, then records
    /// the names free in children: a class that binds one marks it
    /// `DEF_FREE_CLASS`; a name bound further out becomes free here too. The
    /// new names are appended in sorted order (CPython appends them in set
    /// order, which depends on string hashing).
    fn update_symbols(&mut self, id: usize, free: &[NameId], is_class: bool) {
        if free.is_empty() {
            return;
        }
        let mut sorted: Vec<NameId> = free.to_vec();
        sorted.sort_unstable_by(|&a, &b| self.names.name(a).cmp(self.names.name(b)));
        let is_module = id == 0;
        let (marks, names) = (&self.marks, self.names);
        let symbols = &mut self.scopes[id].symbols;
        for name in sorted {
            if let Some(i) = symbols.position(name) {
                let symbol = &mut symbols.symbols[i];
                if is_class && symbol.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    symbol.flags |= DEF_FREE_CLASS;
                }
                continue;
            }
            if !is_module && marks[name as usize] & BOUND == 0 {
                continue;
            }
            symbols.push(name, names.name(name), 0);
            let last = symbols.symbols.len() - 1;
            symbols.symbols[last].scope = NameScope::Free;
        }
    }

    /// An error at the `global`/`nonlocal` statement that declared `name`
    /// (CPython's `error_at_directive`).
    fn directive_error(&self, id: usize, msg: String, name: NameId) -> SyntaxError {
        let directives = &self.scopes[id].directives;
        match directives.iter().find(|(n, _)| *n == name) {
            Some((_, range)) => syntax_error(self.source, msg, *range),
            None => SyntaxError::with_fields(
                taipan_parser::ErrorKind::SyntaxError,
                "BUG: internal directive bookkeeping broken",
                (-1, -1),
                (-1, -1),
                None,
            ),
        }
    }
}

/// CPython's `analyze_cells`: a local of a function that a child uses
/// freely becomes a cell (and is no longer free above).
fn mark_cells(scope: &mut RawScope, free: &mut FreeNames) {
    if free.is_empty() {
        return;
    }
    let symbols = &mut scope.symbols;
    for (&name, symbol) in symbols.ids.iter().zip(symbols.symbols.iter_mut()) {
        if symbol.scope == NameScope::Local {
            if let Ok(i) = free.binary_search(&name) {
                free.remove(i);
                symbol.scope = NameScope::Cell;
            }
        }
    }
}
