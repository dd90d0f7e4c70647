//! The `from __future__` features code generation needs. They are read once,
//! by the symbol table's pass over the module header (`symtable::future`,
//! CPython's `future.c`), merged with the caller's `compile()` flags as
//! CPython's compiler merges them, and consulted here.

use crate::symtable::SymbolTable;
use taipan_bytecode::code::CO_FUTURE_ANNOTATIONS;

/// The future features of a module.
#[derive(Clone, Copy, Debug)]
pub struct Features {
    /// `CO_FUTURE_*` flags turned on (the module's and the caller's).
    pub flags: u32,
    /// The line of the last future import of the module header (0 if none):
    /// later ones are errors.
    pub lineno: i32,
}

impl Features {
    pub fn of(table: &SymbolTable) -> Features {
        Features { flags: table.future_features, lineno: table.future_lineno as i32 }
    }

    pub fn annotations(&self) -> bool {
        self.flags & CO_FUTURE_ANNOTATIONS != 0
    }
}
