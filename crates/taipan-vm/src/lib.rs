//! The virtual machine of Taipan: the object model (one-word values, heap
//! objects with a type and its slots), the eval loop over CPython 3.11
//! bytecode, and the runtime the builtins stand on. See docs/vm.md.
//!
//! Value-independent building blocks, each usable and tested on its own:
//! `text` (code-point strings with O(1) indexing, PEP 393 storage, and the
//! `str` algorithms), `numbers` (int/float parsing and formatting, the
//! format-spec mini-language), `tables` (CPython's hashing, the compact
//! ordered dict table and the set table with CPython's probing).
//!
//! The object model: `value.rs` (NaN-boxed `Value`), `heap.rs` (headers,
//! refcounts, deallocation), `types.rs` (type objects, MRO, lookup cache),
//! `slots.rs` (each type's table of protocol slots), `runtime.rs` (the
//! per-thread runtime and builtin types), `objects/` (one file per builtin
//! type). Execution: `eval.rs` (the loop), `frame.rs`,
//! `ops.rs`, `attr.rs`, `call.rs`, `format.rs`. `builtins/` holds the
//! builtins, `modules/` the native modules; `traceback.rs` prints exceptions.

pub mod numbers;
pub mod tables;
pub mod text;

pub mod attr;
pub mod builtins;
pub mod call;
pub mod eval;
pub mod exceptions;
pub mod format;
pub mod frame;
pub mod gc;
pub mod gil;
pub mod hashing;
pub mod heap;
pub mod import;
pub mod modules;
pub mod objects;
pub mod ops;
pub mod ops_match;
pub mod runtime;
pub mod signals;
pub mod slots;
pub mod specialize;
pub mod traceback;
mod traceback_anchors;
pub mod types;
pub mod value;

pub use exceptions::{PyErr, PyResult};
pub use value::Value;

mod api;
pub use api::*;
