//! Python strings: storage and algorithms, independent of the object model.
//!
//! `Str` (`storage.rs`) is an immutable sequence of code points in CPython's
//! PEP 393 layout — Latin-1, UCS-2 or UCS-4 units, always the narrowest that
//! fits, lone surrogates allowed — with O(1) `len` and indexing. The VM wraps
//! it in its `str` heap object (which adds the cached hash) and calls the
//! methods here from the `str` methods; every method follows CPython 3.11's
//! semantics and messages, and returns errors as `TextError` values.
//!
//! - `storage.rs`: `Str`, construction, conversion, comparison, concat, repeat
//! - `builder.rs`: `StrBuilder`, building a `Str` of unknown width
//! - `builtins.rs`: chr, ord, ascii, hash, removeprefix/removesuffix
//! - `slice.rs`: slice and `start`/`end` index adjustment, slicing
//! - `search.rs`: find/rfind/index/rindex/count/startswith/endswith/contains
//! - `split.rs`: split/rsplit/splitlines/partition/rpartition/join
//! - `transform.rs`: replace/strip/center/ljust/rjust/zfill/expandtabs/translate
//! - `case.rs`: upper/lower/casefold/capitalize/title/swapcase
//! - `properties.rs`: Unicode properties and the `is*` predicates
//! - `codecs.rs`: UTF-8, Latin-1 and ASCII encode/decode with error handlers
//! - `unicode_tables.rs`: Unicode 14 data GENERATED from CPython 3.11 by
//!   `scripts/gen_text_data.py tables`
//!
//! See the "Strings" section of docs/vm.md.

mod builder;
mod builtins;
mod case;
pub mod codecs;
mod error;
pub mod properties;
mod search;
mod slice;
mod split;
mod storage;
mod transform;
mod unicode_tables;

pub use builder::StrBuilder;
pub use case::{push_fold, push_lower, push_title, push_upper};
pub use codecs::{Codec, Endian, ErrorHandler};
pub use error::{CodecError, TextError, TextResult};
pub use slice::{adjust_range, adjust_slice, SliceIndices};
pub use storage::{CodePoints, Kind, Str, Units, MAX_CODE_POINT};
pub use transform::{StripSide, Translation};

#[cfg(test)]
mod tests;
