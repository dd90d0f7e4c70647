//! The virtual machine of Taipan: the object model (one-word values, heap
//! objects with a type and its slots), the eval loop over CPython 3.11
//! bytecode, and the runtime the builtins stand on.
//!
//! Value-independent building blocks, each usable and tested on its own:
//! `text` (code-point strings with O(1) indexing, PEP 393 storage, and the
//! `str` algorithms), `numbers` (int/float parsing and formatting, the
//! format-spec mini-language), `tables` (CPython's hashing, the compact
//! ordered dict table and the set table with CPython's probing).

pub mod numbers;
pub mod tables;
pub mod text;
