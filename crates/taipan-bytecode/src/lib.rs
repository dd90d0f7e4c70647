//! The bytecode layer of Taipan: CPython 3.11's instruction set (defined
//! once, in `opcodes.rs`), and — as the compiler and VM issue proceeds —
//! code objects, line and exception tables, marshal and disassembly.
//!
//! The external format is CPython 3.11's so that CPython's `dis`, `marshal`
//! and `inspect` read Taipan's code objects unchanged; the VM may translate
//! it into any internal form.

pub mod opcodes;

pub use opcodes::{ArgKind, Opcode};
