//! Code objects in CPython 3.11's layout (`Include/cpython/code.h`): the
//! fields `marshal` writes, in the order it writes them, and the `Constant`s
//! that `co_consts` holds. The views CPython derives from
//! `co_localsplusnames`/`co_localspluskinds` (`co_varnames`, `co_cellvars`,
//! `co_freevars`, `co_nlocals`) are methods, as are `co_positions` and the
//! exception-table entries (decoded by `linetable.rs` and
//! `exceptiontable.rs`). Reading and writing them is `marshal.rs`; building
//! them is the compiler's job, running them the VM's.

use crate::pystring::PyString;
use num_bigint::BigInt;
use std::sync::Arc;

// co_flags (Include/cpython/code.h).
pub const CO_OPTIMIZED: u32 = 0x0001;
pub const CO_NEWLOCALS: u32 = 0x0002;
pub const CO_VARARGS: u32 = 0x0004;
pub const CO_VARKEYWORDS: u32 = 0x0008;
pub const CO_NESTED: u32 = 0x0010;
pub const CO_GENERATOR: u32 = 0x0020;
pub const CO_NOFREE: u32 = 0x0040;
pub const CO_COROUTINE: u32 = 0x0080;
pub const CO_ITERABLE_COROUTINE: u32 = 0x0100;
pub const CO_ASYNC_GENERATOR: u32 = 0x0200;
pub const CO_FUTURE_DIVISION: u32 = 0x20000;
pub const CO_FUTURE_ABSOLUTE_IMPORT: u32 = 0x40000;
pub const CO_FUTURE_WITH_STATEMENT: u32 = 0x80000;
pub const CO_FUTURE_PRINT_FUNCTION: u32 = 0x100000;
pub const CO_FUTURE_UNICODE_LITERALS: u32 = 0x200000;
pub const CO_FUTURE_BARRY_AS_BDFL: u32 = 0x400000;
pub const CO_FUTURE_GENERATOR_STOP: u32 = 0x800000;
pub const CO_FUTURE_ANNOTATIONS: u32 = 0x1000000;

// co_localspluskinds bits (Include/internal/pycore_code.h).
/// A positional argument (unused by CPython 3.11 itself, kept for parity).
pub const CO_FAST_ARG_POS: u8 = 0x02;
/// A keyword argument (unused by CPython 3.11 itself).
pub const CO_FAST_ARG_KW: u8 = 0x04;
/// A `*args`/`**kwargs` argument (unused by CPython 3.11 itself).
pub const CO_FAST_ARG_VAR: u8 = 0x08;
/// A plain local (part of `co_varnames`).
pub const CO_FAST_LOCAL: u8 = 0x20;
/// A local that inner scopes capture (part of `co_cellvars`).
pub const CO_FAST_CELL: u8 = 0x40;
/// A variable of an enclosing scope (part of `co_freevars`).
pub const CO_FAST_FREE: u8 = 0x80;

/// A value `co_consts` can hold. The compiler produces the first group; the
/// marshal-only variants exist because CPython lets any marshallable object
/// sit in `co_consts` (and marshal data at large holds lists, dicts and
/// sets), so `marshal::Value` is this same type. Containers are shared
/// (`Arc`), so clones — and marshal back-references — cost O(1).
///
/// Equality is structural (floats by `==`, so NaN ≠ NaN; sets and dicts by
/// their stored order, duplicates included).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Ellipsis,
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// An int that does not fit in 64 bits (never one that does).
    BigInt(Arc<BigInt>),
    Float(f64),
    Complex {
        re: f64,
        im: f64,
    },
    Str(PyString),
    Bytes(Arc<[u8]>),
    Tuple(Arc<[Constant]>),
    FrozenSet(Arc<[Constant]>),
    Code(Arc<CodeObject>),
    // Marshal-only: never produced by the compiler.
    /// The `StopIteration` class (marshal's `TYPE_STOPITER`).
    StopIteration,
    List(Arc<[Constant]>),
    /// Key/value pairs in marshal order.
    Dict(Arc<[(Constant, Constant)]>),
    Set(Arc<[Constant]>),
}

impl Constant {
    /// An int, small or big, normalised (`BigInt` only outside `i64`).
    pub fn int(value: BigInt) -> Constant {
        match i64::try_from(&value) {
            Ok(small) => Constant::Int(small),
            Err(_) => Constant::BigInt(Arc::new(value)),
        }
    }

    /// A `str` constant.
    pub fn str(text: &str) -> Constant {
        Constant::Str(PyString::from(text))
    }

    /// A tuple constant.
    pub fn tuple(items: Vec<Constant>) -> Constant {
        Constant::Tuple(items.into())
    }

    /// The Python type name (`type(c).__name__`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Constant::None => "NoneType",
            Constant::Ellipsis => "ellipsis",
            Constant::Bool(_) => "bool",
            Constant::Int(_) | Constant::BigInt(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex { .. } => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Tuple(_) => "tuple",
            Constant::FrozenSet(_) => "frozenset",
            Constant::Code(_) => "code",
            Constant::StopIteration => "type",
            Constant::List(_) => "list",
            Constant::Dict(_) => "dict",
            Constant::Set(_) => "set",
        }
    }

    /// Whether `hash()` would succeed (lists, dicts, sets and tuples holding
    /// them are unhashable).
    pub fn is_hashable(&self) -> bool {
        match self {
            Constant::List(_) | Constant::Dict(_) | Constant::Set(_) => false,
            Constant::Tuple(items) => items.iter().all(Constant::is_hashable),
            _ => true,
        }
    }
}

/// A constant compared as CPython's compiler merges constants
/// (`_PyCode_ConstantKey`): by type and exact value, so `1`, `1.0` and
/// `True` differ, `0.0` and `-0.0` differ, floats compare by their bits,
/// tuples and frozensets by their items' keys, and code objects (and the
/// marshal-only mutable containers) by identity. For the compiler's
/// constant table (`HashMap<ConstantKey, index>`).
#[derive(Clone, Debug)]
pub struct ConstantKey(pub Constant);

impl ConstantKey {
    /// Whether `a` and `b` would be the same key (without wrapping them).
    pub fn same(a: &Constant, b: &Constant) -> bool {
        key_eq(a, b)
    }

    /// The hash of `c` as a key (what `Hash` feeds the hasher).
    pub fn hash_of(c: &Constant) -> u64 {
        key_hash(c)
    }
}

impl PartialEq for ConstantKey {
    fn eq(&self, other: &Self) -> bool {
        key_eq(&self.0, &other.0)
    }
}

impl Eq for ConstantKey {}

impl std::hash::Hash for ConstantKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(key_hash(&self.0));
    }
}

fn key_eq(a: &Constant, b: &Constant) -> bool {
    use Constant as C;
    let items_eq =
        |x: &[Constant], y: &[Constant]| x.len() == y.len() && x.iter().zip(y).all(|(p, q)| key_eq(p, q));
    match (a, b) {
        (C::None, C::None) | (C::Ellipsis, C::Ellipsis) | (C::StopIteration, C::StopIteration) => true,
        (C::Bool(x), C::Bool(y)) => x == y,
        (C::Int(x), C::Int(y)) => x == y,
        (C::BigInt(x), C::BigInt(y)) => x == y,
        (C::Float(x), C::Float(y)) => x.to_bits() == y.to_bits(),
        (C::Complex { re: a, im: b }, C::Complex { re: c, im: d }) => {
            a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
        }
        (C::Str(x), C::Str(y)) => x == y,
        (C::Bytes(x), C::Bytes(y)) => x == y,
        (C::Tuple(x), C::Tuple(y)) => items_eq(x, y),
        (C::FrozenSet(x), C::FrozenSet(y)) => {
            x.len() == y.len()
                && x.iter().all(|p| y.iter().any(|q| key_eq(p, q)))
                && y.iter().all(|q| x.iter().any(|p| key_eq(p, q)))
        }
        (C::Code(x), C::Code(y)) => Arc::ptr_eq(x, y),
        (C::List(x), C::List(y)) | (C::Set(x), C::Set(y)) => Arc::ptr_eq(x, y),
        (C::Dict(x), C::Dict(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

fn key_hash(c: &Constant) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::fasthash::FastHasher::default();
    std::mem::discriminant(c).hash(&mut h);
    match c {
        Constant::Bool(b) => b.hash(&mut h),
        Constant::Int(n) => n.hash(&mut h),
        Constant::BigInt(n) => n.hash(&mut h),
        Constant::Float(x) => x.to_bits().hash(&mut h),
        Constant::Complex { re, im } => (re.to_bits(), im.to_bits()).hash(&mut h),
        Constant::Str(s) => s.hash(&mut h),
        Constant::Bytes(b) => b.hash(&mut h),
        Constant::Tuple(items) => items.iter().for_each(|i| key_hash(i).hash(&mut h)),
        // Order-independent, as the key is a set.
        Constant::FrozenSet(items) => items.iter().map(key_hash).fold(0u64, u64::wrapping_add).hash(&mut h),
        Constant::Code(code) => (Arc::as_ptr(code) as usize).hash(&mut h),
        Constant::List(x) | Constant::Set(x) => (Arc::as_ptr(x) as *const u8 as usize).hash(&mut h),
        Constant::Dict(x) => (Arc::as_ptr(x) as *const u8 as usize).hash(&mut h),
        Constant::None | Constant::Ellipsis | Constant::StopIteration => {}
    }
    h.finish()
}

/// A CPython 3.11 code object: the fields, in marshal's order.
///
/// The tables and byte strings are `Arc`s so that code objects of one
/// compilation unit (or one marshal stream) can share equal ones, as
/// CPython's compiler merges them (`merge_const_one`): marshal then writes
/// a shared one once and refers back to it, and reading keeps the sharing.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    /// Positional arguments, positional-only ones included.
    pub co_argcount: u32,
    pub co_posonlyargcount: u32,
    pub co_kwonlyargcount: u32,
    pub co_stacksize: u32,
    /// `CO_*` flags.
    pub co_flags: u32,
    /// CPython 3.11 instructions, two bytes per code unit, each instruction
    /// followed by its inline `CACHE` units (zeroed, as `co_code` reads).
    pub co_code: Arc<[u8]>,
    pub co_consts: Arc<[Constant]>,
    /// Global and attribute names.
    pub co_names: Arc<[PyString]>,
    /// Locals, then cells, then free variables (see the kinds).
    pub co_localsplusnames: Arc<[PyString]>,
    /// One `CO_FAST_*` byte per entry of `co_localsplusnames`.
    pub co_localspluskinds: Arc<[u8]>,
    pub co_filename: PyString,
    pub co_name: PyString,
    pub co_qualname: PyString,
    pub co_firstlineno: i32,
    /// The location table (`linetable.rs`).
    pub co_linetable: Arc<[u8]>,
    /// The exception table (`exceptiontable.rs`).
    pub co_exceptiontable: Arc<[u8]>,
}

impl CodeObject {
    fn names_with(&self, kind: u8) -> Vec<PyString> {
        let pairs = self.co_localsplusnames.iter().zip(self.co_localspluskinds.iter());
        pairs.filter(|(_, &k)| k & kind != 0).map(|(name, _)| name.clone()).collect()
    }

    /// `co_varnames`: the names with `CO_FAST_LOCAL`, arguments first.
    pub fn co_varnames(&self) -> Vec<PyString> {
        self.names_with(CO_FAST_LOCAL)
    }

    /// `co_cellvars`: the names with `CO_FAST_CELL` (an argument that is
    /// also a cell appears in both `co_varnames` and here).
    pub fn co_cellvars(&self) -> Vec<PyString> {
        self.names_with(CO_FAST_CELL)
    }

    /// `co_freevars`: the names with `CO_FAST_FREE`.
    pub fn co_freevars(&self) -> Vec<PyString> {
        self.names_with(CO_FAST_FREE)
    }

    /// `co_nlocals`: how many names have `CO_FAST_LOCAL`.
    pub fn co_nlocals(&self) -> usize {
        self.co_localspluskinds.iter().filter(|&&k| k & CO_FAST_LOCAL != 0).count()
    }

    /// How many code units `co_code` has.
    pub fn code_units(&self) -> usize {
        self.co_code.len() / 2
    }

    /// `co_positions()`: `(line, end_line, col, end_col)` per code unit,
    /// `-1` where CPython gives `None`.
    pub fn co_positions(&self) -> Result<Vec<crate::linetable::Position>, crate::linetable::TableError> {
        crate::linetable::positions(&self.co_linetable, self.co_firstlineno)
    }

    /// `co_lines()`: `(start, end, line)` ranges in code units, -1 for no line.
    pub fn co_lines(&self) -> Result<Vec<(u32, u32, i32)>, crate::linetable::TableError> {
        crate::linetable::lines(&self.co_linetable, self.co_firstlineno)
    }

    /// The exception-table entries, in table order.
    pub fn exception_entries(
        &self,
    ) -> Result<Vec<crate::exceptiontable::ExceptionEntry>, crate::linetable::TableError> {
        crate::exceptiontable::decode(&self.co_exceptiontable)
    }

    /// The code objects among `co_consts`, in order (not recursively).
    pub fn nested_code(&self) -> impl Iterator<Item = &Arc<CodeObject>> {
        self.co_consts.iter().filter_map(|c| match c {
            Constant::Code(code) => Some(code),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CodeObject {
        let names = ["a", "b", "c", "d", "e"].map(PyString::from).to_vec();
        CodeObject {
            co_argcount: 2,
            co_posonlyargcount: 0,
            co_kwonlyargcount: 0,
            co_stacksize: 1,
            co_flags: CO_OPTIMIZED | CO_NEWLOCALS,
            co_code: Arc::from([151, 0, 100, 0, 83, 0]),
            co_consts: Arc::from([Constant::None]),
            co_names: Arc::from([]),
            co_localsplusnames: names.into(),
            co_localspluskinds: Arc::from([
                CO_FAST_LOCAL,
                CO_FAST_LOCAL | CO_FAST_CELL,
                CO_FAST_LOCAL,
                CO_FAST_CELL,
                CO_FAST_FREE,
            ]),
            co_filename: "f.py".into(),
            co_name: "f".into(),
            co_qualname: "f".into(),
            co_firstlineno: 1,
            co_linetable: Arc::from([]),
            co_exceptiontable: Arc::from([]),
        }
    }

    #[test]
    fn derived_views_follow_the_kinds() {
        let code = sample();
        let strs = |v: Vec<PyString>| v.iter().map(|s| s.as_str().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(strs(code.co_varnames()), ["a", "b", "c"]);
        assert_eq!(strs(code.co_cellvars()), ["b", "d"]);
        assert_eq!(strs(code.co_freevars()), ["e"]);
        assert_eq!(code.co_nlocals(), 3);
        assert_eq!(code.code_units(), 3);
    }

    #[test]
    fn constant_keys_merge_as_cpython_does() {
        use std::collections::HashSet;
        let key = |c: Constant| ConstantKey(c);
        let all = [
            Constant::Int(1),
            Constant::Float(1.0),
            Constant::Bool(true),
            Constant::Float(0.0),
            Constant::Float(-0.0),
            Constant::tuple(vec![Constant::Int(1)]),
            Constant::tuple(vec![Constant::Float(1.0)]),
            Constant::FrozenSet(Arc::from(vec![Constant::Int(1), Constant::Int(2)])),
        ];
        let set: HashSet<_> = all.iter().cloned().map(key).collect();
        assert_eq!(set.len(), all.len());
        let reordered = Constant::FrozenSet(Arc::from(vec![Constant::Int(2), Constant::Int(1)]));
        assert!(set.contains(&key(reordered)));
        assert!(set.contains(&key(Constant::tuple(vec![Constant::Int(1)]))));
        assert_eq!(key(Constant::Float(f64::NAN)), key(Constant::Float(f64::NAN)));
    }

    #[test]
    fn ints_normalise() {
        assert_eq!(Constant::int(BigInt::from(5)), Constant::Int(5));
        let big = BigInt::from(i64::MAX) + 1;
        assert!(matches!(Constant::int(big), Constant::BigInt(_)));
        assert!(!Constant::tuple(vec![Constant::List(Arc::from(vec![]))]).is_hashable());
    }
}
