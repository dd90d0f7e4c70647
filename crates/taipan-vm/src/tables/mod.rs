//! Value-independent building blocks for the object model's hashing and
//! hash tables, following CPython 3.11 exactly so that hashes, dict sizes
//! and set iteration orders match it:
//! - `hash`: `hash()` of str/bytes (SipHash-1-3 keyed by `PYTHONHASHSEED`),
//!   numbers, tuples, frozensets and identities;
//! - `dict`: the compact insertion-ordered dict table (`dictobject.c`);
//! - `set`: the set table with linear probing (`setobject.c`).
//!
//! The tables are generic over keys and values and never call user code:
//! key comparison is the caller's, either through a pure closure or through
//! the step-wise probe API that survives re-entrant `__eq__`. See the
//! "Hashing and tables" section of docs/vm.md.

pub mod dict;
pub mod hash;
pub mod set;
pub mod sort;
