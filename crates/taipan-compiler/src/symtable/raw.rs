//! The working form of a scope while the table is built (CPython's
//! `PySTEntryObject`): an insertion-ordered symbol map, the parameter list,
//! the `global`/`nonlocal` directives kept for error positions, and the
//! per-block state the first pass needs (comprehension kind, the
//! iteration-target and iterable-expression markers), and the interner
//! of the compilation's identifiers. `visit.rs` fills these,
//! `analyze.rs` resolves them, and `mod.rs` turns the reachable ones into
//! public [`Scope`](super::Scope)s.

use super::{ScopeKind, Symbol};
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

/// An identifier of one compilation, interned: symbol maps and the
/// second pass compare and index these instead of strings.
pub(super) type NameId = u32;

/// The identifiers seen by the first pass (mangled where CPython mangles),
/// each with its [`NameId`]: an open-addressing table of ids over the
/// names, keyed by [`crate::names::hash`] (identifiers are hashed and compared a
/// word at a time, with no call out for short ones).
#[derive(Default)]
pub(super) struct Interner {
    /// `id + 1` per slot, 0 for empty; a power of two long, at most half full.
    slots: Vec<NameId>,
    names: Vec<CompactString>,
    hashes: Vec<u64>,
}

impl Interner {
    /// An interner sized for about `count` distinct names.
    pub fn with_capacity(count: usize) -> Self {
        Interner {
            slots: vec![0; (2 * count).next_power_of_two().max(16)],
            names: Vec::with_capacity(count),
            hashes: Vec::with_capacity(count),
        }
    }

    /// The id of `name`, assigned on first sight.
    pub fn intern(&mut self, name: &str) -> NameId {
        if self.slots.is_empty() {
            *self = Interner::with_capacity(16);
        }
        let hash = crate::names::hash(name.as_bytes());
        let slot = match self.find(name, hash) {
            Ok(id) => return id,
            Err(slot) => slot,
        };
        let id = self.names.len() as NameId;
        self.names.push(name.into());
        self.hashes.push(hash);
        self.slots[slot] = id + 1;
        if 2 * self.names.len() > self.slots.len() {
            self.grow();
        }
        id
    }

    /// The id of `name` if it was ever interned.
    pub fn get(&self, name: &str) -> Option<NameId> {
        if self.slots.is_empty() {
            return None;
        }
        self.find(name, crate::names::hash(name.as_bytes())).ok()
    }

    /// `Ok(id)` of `name`, or `Err(slot)`: the empty slot where it would go.
    #[inline(always)]
    fn find(&self, name: &str, hash: u64) -> Result<NameId, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return Err(slot);
            }
            let id = entry - 1;
            if self.hashes[id as usize] == hash
                && crate::names::same(self.names[id as usize].as_bytes(), name.as_bytes())
            {
                return Ok(id);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Doubles the slots, re-placing every id.
    fn grow(&mut self) {
        let mut slots = vec![0; 2 * self.slots.len()];
        let mask = slots.len() - 1;
        for (id, &hash) in self.hashes.iter().enumerate() {
            let mut slot = hash as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id as NameId + 1;
        }
        self.slots = slots;
    }

    pub fn name(&self, id: NameId) -> &CompactString {
        &self.names[id as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// Up to this many symbols a map is searched linearly (most blocks):
/// no index table is allocated.
const LINEAR_MAX: usize = 12;

/// Names and their `DEF_*`/`USE` flags in first-seen order (a Python dict).
#[derive(Default)]
pub(super) struct SymbolMap {
    pub ids: Vec<NameId>,
    /// The symbols, parallel to `ids` (their `scope` is the second pass's).
    pub symbols: Vec<Symbol>,
    /// Id → position, kept only beyond [`LINEAR_MAX`] symbols.
    index: FastHashMap<NameId, u32>,
}

impl SymbolMap {
    /// The flags of `id`, 0 when absent (CPython's `_PyST_GetSymbol`).
    pub fn flags_of(&self, id: NameId) -> u32 {
        self.position(id).map_or(0, |i| self.symbols[i].flags)
    }

    /// Sets `id`'s flags, appending it when new.
    pub fn set(&mut self, id: NameId, name: &CompactString, flags: u32) {
        match self.position(id) {
            Some(i) => self.symbols[i].flags = flags,
            None => self.push(id, name, flags),
        }
    }

    /// Appends `id` (spelled `name`), which must be new.
    pub fn push(&mut self, id: NameId, name: &CompactString, flags: u32) {
        if self.ids.is_empty() {
            // Most blocks have a handful of names: skip the first regrowths.
            self.ids.reserve(8);
            self.symbols.reserve(8);
        }
        self.ids.push(id);
        self.symbols.push(Symbol::new(name.clone(), flags));
        let len = self.ids.len();
        if len == LINEAR_MAX + 1 {
            self.index = self.ids.iter().enumerate().map(|(i, &id)| (id, i as u32)).collect();
        } else if len > LINEAR_MAX + 1 {
            self.index.insert(id, len as u32 - 1);
        }
    }

    pub fn position(&self, id: NameId) -> Option<usize> {
        if self.ids.len() <= LINEAR_MAX {
            self.ids.iter().position(|&x| x == id)
        } else {
            self.index.get(&id).map(|&i| i as usize)
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
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
    /// Parameters in definition order (CPython's `ste_varnames`).
    pub varnames: Vec<CompactString>,
    pub children: Vec<usize>,
    /// `global`/`nonlocal` names (mangled) with the statement's range.
    pub directives: Vec<(NameId, Range)>,
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

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn interned_names_keep_their_ids_as_the_table_grows() {
        let mut names = Interner::default();
        let words: Vec<String> =
            (0..2000).map(|i| format!("{}{i}", ["x", "name_", "a_long_identifier_"][i % 3])).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(names.intern(w), i as u32);
        }
        assert_eq!(names.intern(""), 2000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(names.intern(w), i as u32);
            assert_eq!(names.get(w), Some(i as u32));
            assert_eq!(names.name(i as u32), w.as_str());
        }
        assert_eq!(names.get("absent"), None);
        assert_eq!(Interner::default().get("x"), None);
        assert_eq!(names.len(), 2001);
    }
}
