//! The bytecode layer of Taipan: CPython 3.11's instruction set (defined
//! once, in `opcodes.rs`), code objects and their constants (`code.rs`,
//! strings in `pystring.rs`), the location and exception tables
//! (`linetable.rs`, `exceptiontable.rs`) and the marshal format
//! (`marshal.rs`), and a disassembler printing what `dis.dis` does (`dis.rs`).
//!
//! The external format is CPython 3.11's so that CPython's `dis`, `marshal`
//! and `inspect` read Taipan's code objects unchanged; the VM may translate
//! it into any internal form.

pub mod code;
pub mod dis;
pub mod exceptiontable;
pub mod fasthash;
pub mod linetable;
pub mod marshal;
pub mod opcodes;
pub mod pyc;
pub mod pycache;
pub mod pystring;
pub mod strtable;
pub mod verify;

pub use code::{CodeObject, Constant, ConstantKey};
pub use opcodes::{ArgKind, Opcode};
pub use pystring::PyString;
