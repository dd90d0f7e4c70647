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

use super::raw::RawScope;
use super::{
    syntax_error, NameScope, DEF_FREE_CLASS, DEF_GLOBAL, DEF_IMPORT, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM,
};
use compact_str::CompactString;
use taipan_bytecode::fasthash::FastHashSet;
use taipan_parser::SyntaxError;

type Names = FastHashSet<CompactString>;

/// `DEF_LOCAL | DEF_PARAM | DEF_IMPORT`: the flags that bind a name.
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Analyses the tree of blocks rooted at `scopes[0]` (CPython's `symtable_analyze`).
pub(super) fn analyze(scopes: &mut [RawScope], source: &str) -> Result<(), SyntaxError> {
    let mut analyzer = Analyzer { scopes, source };
    analyzer.block(0, None, &mut Names::default(), &mut Names::default())
}

struct Analyzer<'a> {
    scopes: &'a mut [RawScope],
    source: &'a str,
}

/// What the names of one block, once analysed, pass down to its children.
struct Visible {
    bound: Names,
    global: Names,
}

impl Analyzer<'_> {
    /// CPython's `analyze_block`: `bound` is `None` for the module; `free`
    /// collects the names free in this block and below.
    fn block(
        &mut self,
        id: usize,
        mut bound: Option<&mut Names>,
        free: &mut Names,
        global: &mut Names,
    ) -> Result<(), SyntaxError> {
        let is_class = self.scopes[id].is_class();
        let mut visible = Visible { bound: Names::default(), global: Names::default() };
        if is_class {
            visible.global.extend(global.iter().cloned());
            visible.bound.extend(bound.iter().flat_map(|b| b.iter().cloned()));
        }
        let mut local = Names::default();
        let mut scopes = Vec::with_capacity(self.scopes[id].symbols.len());
        for i in 0..self.scopes[id].symbols.len() {
            let scope = self.name(id, i, bound.as_deref_mut(), &mut local, free, global)?;
            scopes.push(scope);
        }
        if is_class {
            visible.bound.insert("__class__".into());
        } else {
            if self.scopes[id].is_function_block() {
                visible.bound.extend(local);
            }
            visible.bound.extend(bound.iter().flat_map(|b| b.iter().cloned()));
            visible.global.extend(global.iter().cloned());
        }
        let mut new_free = self.children(id, &visible)?;
        if self.scopes[id].is_function_block() {
            mark_cells(&self.scopes[id], &mut scopes, &mut new_free);
        } else if is_class && new_free.remove("__class__") {
            self.scopes[id].needs_class_closure = true;
        }
        update_symbols(&mut self.scopes[id], scopes, bound.as_deref(), &new_free, is_class);
        free.extend(new_free);
        Ok(())
    }

    /// Analyses each child with its own copies of the visible names;
    /// returns the names free in them.
    fn children(&mut self, id: usize, visible: &Visible) -> Result<Names, SyntaxError> {
        let mut all_free = Names::default();
        for child in self.scopes[id].children.clone() {
            let mut bound = visible.bound.clone();
            let mut global = visible.global.clone();
            let mut free = Names::default();
            self.block(child, Some(&mut bound), &mut free, &mut global)?;
            all_free.extend(free);
            if self.scopes[child].free || self.scopes[child].child_free {
                self.scopes[id].child_free = true;
            }
        }
        Ok(all_free)
    }

    /// CPython's `analyze_name` for symbol `i` of block `id`.
    fn name(
        &mut self,
        id: usize,
        i: usize,
        bound: Option<&mut Names>,
        local: &mut Names,
        free: &mut Names,
        global: &mut Names,
    ) -> Result<NameScope, SyntaxError> {
        let scope = &self.scopes[id];
        let (name, flags, nested) = (&scope.symbols.names[i].clone(), scope.symbols.flags[i], scope.nested);
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(self.directive_error(id, format!("name '{name}' is nonlocal and global"), name));
            }
            global.insert(name.clone());
            if let Some(bound) = bound {
                bound.remove(name);
            }
            return Ok(NameScope::GlobalExplicit);
        }
        if flags & DEF_NONLOCAL != 0 {
            let Some(bound) = bound else {
                return Err(self.directive_error(
                    id,
                    "nonlocal declaration not allowed at module level".into(),
                    name,
                ));
            };
            if !bound.contains(name) {
                return Err(self.directive_error(
                    id,
                    format!("no binding for nonlocal '{name}' found"),
                    name,
                ));
            }
            free.insert(name.clone());
            self.scopes[id].free = true;
            return Ok(NameScope::Free);
        }
        if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            global.remove(name);
            return Ok(NameScope::Local);
        }
        if bound.is_some_and(|b| b.contains(name)) {
            free.insert(name.clone());
            self.scopes[id].free = true;
            return Ok(NameScope::Free);
        }
        if !global.contains(name) && nested {
            self.scopes[id].free = true;
        }
        Ok(NameScope::GlobalImplicit)
    }

    /// An error at the `global`/`nonlocal` statement that declared `name`
    /// (CPython's `error_at_directive`).
    fn directive_error(&self, id: usize, msg: String, name: &str) -> SyntaxError {
        let directives = &self.scopes[id].directives;
        match directives.iter().find(|(n, _)| n == name) {
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
fn mark_cells(scope: &RawScope, scopes: &mut [NameScope], free: &mut Names) {
    for (name, kind) in scope.symbols.names.iter().zip(scopes.iter_mut()) {
        if *kind == NameScope::Local && free.remove(name) {
            *kind = NameScope::Cell;
        }
    }
}

/// CPython's `update_symbols`: stores the analysed scopes, then records
/// the names free in children: a class that binds one marks it
/// `DEF_FREE_CLASS`; a name bound further out becomes free here too. The
/// new names are appended in sorted order (CPython appends them in set
/// order, which depends on string hashing).
fn update_symbols(
    scope: &mut RawScope,
    scopes: Vec<NameScope>,
    bound: Option<&Names>,
    free: &Names,
    is_class: bool,
) {
    scope.scopes = scopes;
    let mut free: Vec<&CompactString> = free.iter().collect();
    free.sort();
    for name in free {
        if let Some(i) = scope.symbols.position(name) {
            let flags = scope.symbols.flags[i];
            if is_class && flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                scope.symbols.flags[i] = flags | DEF_FREE_CLASS;
            }
            continue;
        }
        if bound.is_some_and(|b| !b.contains(name)) {
            continue;
        }
        scope.symbols.set(name, 0);
        scope.scopes.push(NameScope::Free);
    }
}
