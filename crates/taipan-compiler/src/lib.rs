//! The compiler of Taipan: a Python 3.11 AST (`taipan_parser::ast`) to a
//! CPython 3.11 code object (`taipan_bytecode::CodeObject`).
//!
//! The pipeline inside this crate, in CPython's order:
//! `symtable` (scopes and what each name is, plus the compile-time
//! `SyntaxError`s) → `codegen` (AST → [`ir`] blocks of instructions with
//! pseudo-jumps and `SETUP_*` blocks, constant folding as CPython's
//! `ast_opt.c` does) → `assemble` (the flow-graph passes of CPython's
//! `compile.c`: exception targets, stack depth, jump resolution with
//! `EXTENDED_ARG`, inline caches, the location and exception tables).

pub mod assemble;
pub mod codegen;
pub mod ir;
mod names;
pub mod symtable;

use taipan_bytecode::CodeObject;
use taipan_parser::ast::Mod;
use taipan_parser::SyntaxError;

/// What `compile()`'s `mode` asks for (the AST must match: `Module` for
/// `Exec`, `Expression` for `Eval`, `Interactive` for `Single`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileMode {
    Exec,
    Eval,
    Single,
}

/// Options of one compilation (the parts of `compile()`'s arguments and of
/// the command line that change the code produced).
#[derive(Clone, Debug)]
pub struct CompileOptions {
    /// `co_filename` of every code object.
    pub filename: String,
    pub mode: CompileMode,
    /// `-O` level: 0 keeps asserts and `__debug__` is True; 1 drops asserts;
    /// 2 also drops docstrings.
    pub optimize: u8,
    /// `CO_FUTURE_*` flags inherited from the caller (`compile(flags=...)`).
    pub future_flags: u32,
}

impl CompileOptions {
    pub fn new(filename: impl Into<String>, mode: CompileMode) -> Self {
        CompileOptions { filename: filename.into(), mode, optimize: 0, future_flags: 0 }
    }
}

/// Compiles a parsed module. `source` is the text the AST came from: compile
/// errors quote its lines as CPython does.
pub fn compile(module: &Mod, source: &str, options: &CompileOptions) -> Result<CodeObject, SyntaxError> {
    let table = symtable::build(module, source, options)?;
    let (unit, mut cache) = codegen::generate(module, &table, source, options)?;
    Ok(assemble::assemble_with(unit, &mut cache))
}
