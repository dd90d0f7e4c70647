//! Value-independent numeric semantics of Python 3.11's `int` and `float`:
//! pure functions on `i64`, `BigInt`, `f64` and text that the object model's
//! int/float/str types call. Errors are values carrying CPython's exception
//! class and exact message (`NumError`).
//!
//! - `int_text`: `int(x, base)` parsing, `str`/`bin`/`oct`/`hex`, the
//!   4300-digit limit (`sys.set_int_max_str_digits`).
//! - `float_text`: `float(x)` parsing.
//! - `spec` and `format`: the format-spec mini-language (`format()`,
//!   f-strings, `str.format`) for int, float and str.
//! - `percent`: `%`-formatting (`PyUnicode_Format`'s parser and conversions).
//! - `arith`: floor division, modulo, true division, powers, conversions.
//! - `float_ops`: `round`, `float.hex`/`fromhex`, `as_integer_ratio`.
//! - `bits`: shifts, `bit_length`, `to_bytes`/`from_bytes`.
//! - `template`: `str.format` templates and field names.
//! - `unicode`: generated table of the non-ASCII spaces and decimal digits.

pub mod arith;
pub mod bits;
pub mod float_ops;
pub mod float_text;
pub mod format;
pub mod int_text;
pub mod percent;
pub mod spec;
pub mod template;
pub mod unicode;

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::fmt;

/// The Python exception class a `NumError` maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExcKind {
    ValueError,
    TypeError,
    OverflowError,
    ZeroDivisionError,
    /// A result too large to allocate (`x ** huge`, `x << huge`).
    MemoryError,
}

/// A Python exception to raise: its class and CPython 3.11's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumError {
    pub kind: ExcKind,
    pub message: String,
}

impl NumError {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> Self {
        NumError { kind, message: message.into() }
    }
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ExcKind::ValueError, message)
    }
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(ExcKind::TypeError, message)
    }
    pub fn overflow(message: impl Into<String>) -> Self {
        Self::new(ExcKind::OverflowError, message)
    }
    pub fn zero_division(message: impl Into<String>) -> Self {
        Self::new(ExcKind::ZeroDivisionError, message)
    }
    pub fn memory() -> Self {
        Self::new(ExcKind::MemoryError, "")
    }
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for NumError {}

pub type NumResult<T> = Result<T, NumError>;

/// MemoryError unless `bytes` bytes can be allocated: huge widths and
/// lengths fail as in CPython instead of aborting the process.
pub fn ensure_allocatable(bytes: usize) -> NumResult<()> {
    let mut probe: Vec<u8> = Vec::new();
    probe.try_reserve_exact(bytes).map_err(|_| NumError::memory())
}

/// A Python int: `Small` whenever the value fits in an `i64` (constructors
/// normalise), `Big` otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Int {
    Small(i64),
    Big(BigInt),
}

impl Int {
    /// The normalised `Int` of `value`.
    pub fn from_big(value: BigInt) -> Int {
        match value.to_i64() {
            Some(small) => Int::Small(small),
            None => Int::Big(value),
        }
    }

    /// The value as a `BigInt` (allocating for `Small`).
    pub fn to_big(&self) -> BigInt {
        match self {
            Int::Small(v) => BigInt::from(*v),
            Int::Big(v) => v.clone(),
        }
    }
}

impl From<i64> for Int {
    fn from(value: i64) -> Int {
        Int::Small(value)
    }
}

impl From<BigInt> for Int {
    fn from(value: BigInt) -> Int {
        Int::from_big(value)
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Int::Small(v) => write!(f, "{v}"),
            Int::Big(v) => write!(f, "{v}"),
        }
    }
}
