//! `code` objects: the internal form the eval loop runs — instructions
//! decoded once (one `Inst` per code unit, `EXTENDED_ARG` folded into the
//! argument of the instruction it prefixes), constants converted to values,
//! names interned, the exception table decoded — and the quickening state:
//! one mutable word per code unit (`cache`) where specialisable instructions
//! keep their adaptive counter and their inline cache (`specialize.rs`).
//! The instructions and the quickening state are made on first use
//! (`insts()`, `cache()`): most functions a module defines are never
//! called, and the two take 16 bytes per code unit.
//!
//! The external `CodeObject` (CPython 3.11's layout) it was converted from
//! is not kept: a code value holds only what cannot be derived from its
//! internal form (`co_code` as stored, the location and exception tables
//! as encoded — shared with the `CodeObject`, not copied — and
//! `co_firstlineno`), and `CodeData::external` rebuilds the external form
//! when asked (marshal, `replace`, equality).

use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::value::Value;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::rc::Rc;
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, Constant, CO_FAST_CELL, CO_FAST_FREE, CO_VARARGS, CO_VARKEYWORDS};
use taipan_bytecode::exceptiontable::{self, ExceptionEntry};
use taipan_bytecode::fasthash::FastHashMap;
use taipan_bytecode::linetable::{Position, TableError};
use taipan_bytecode::opcodes::Opcode;
use taipan_bytecode::pystring::PyString;
use taipan_bytecode::strtable::{Found, StrTable};

mod attrs;

/// One decoded instruction (per code unit; caches decode as `CACHE`).
#[derive(Clone, Copy, Debug)]
pub struct Inst {
    pub op: Opcode,
    /// The full argument, `EXTENDED_ARG` prefixes included.
    pub arg: u32,
    /// Whether the byte was a valid opcode.
    pub valid: bool,
    /// Code units to the next instruction (1 + inline caches).
    pub size: u8,
}

/// The payload of a code object.
pub struct CodeData {
    /// `co_code` decoded (`insts()`), on first use.
    insts: OnceCell<Box<[Inst]>>,
    /// One word per code unit, parallel to `insts` (`cache()`, made on
    /// first use): the word of a specialisable instruction holds its
    /// specialisation state, and the words of its `CACHE` units its inline
    /// cache (see `specialize.rs`).
    cache: OnceCell<Box<[Cell<u64>]>>,
    /// The converted tables below are shared by the code objects whose
    /// `CodeObject` tables are shared (one compilation or one `.pyc`).
    pub consts: Rc<[Value]>,
    pub names: Rc<[Value]>,
    pub localsplus_names: Rc<[Value]>,
    pub kinds: Arc<[u8]>,
    pub nlocalsplus: usize,
    pub stacksize: usize,
    pub flags: u32,
    pub argcount: usize,
    pub posonlyargcount: usize,
    pub kwonlyargcount: usize,
    /// Number of cell + free variables at the end of localsplus.
    pub nfree: usize,
    pub exc_table: Rc<[ExceptionEntry]>,
    pub name: Value,
    pub qualname: Value,
    pub filename: Value,
    /// CPython's quickening warm-up ticks (RESUME, JUMP_BACKWARD), for the
    /// recursion accounting of call sites (`call::Site`).
    pub warmup: Cell<u32>,
    /// `co_lines()` ranges `(start, end, line)`, decoded on the first
    /// `line_of` (tracebacks ask once per frame left).
    line_ranges: OnceCell<Box<[(u32, u32, i32)]>>,
    pub firstlineno: i32,
    /// `co_code` as stored (CPython 3.11 instructions, caches zeroed).
    pub co_code: Arc<[u8]>,
    /// `co_linetable` (`taipan_bytecode::linetable`).
    pub linetable: Arc<[u8]>,
    /// `co_exceptiontable` as encoded (`exc_table` is its decoded form).
    pub exceptiontable: Arc<[u8]>,
}

impl CodeData {
    /// The decoded instructions, one per code unit.
    #[inline(always)]
    pub fn insts(&self) -> &[Inst] {
        match self.insts.get() {
            Some(insts) => insts,
            None => self.decode_insts(),
        }
    }

    #[cold]
    #[inline(never)]
    fn decode_insts(&self) -> &[Inst] {
        self.insts.get_or_init(|| decode(&self.co_code))
    }

    /// The quickening state, one word per code unit.
    #[inline(always)]
    pub fn cache(&self) -> &[Cell<u64>] {
        match self.cache.get() {
            Some(words) => words,
            None => self.make_cache(),
        }
    }

    #[cold]
    #[inline(never)]
    fn make_cache(&self) -> &[Cell<u64>] {
        self.cache.get_or_init(|| crate::specialize::initial_cache(self.insts()))
    }

    /// Total positional + keyword-only parameters (without *args/**kwargs).
    pub fn total_args(&self) -> usize {
        self.argcount + self.kwonlyargcount
    }

    pub fn has_varargs(&self) -> bool {
        self.flags & CO_VARARGS != 0
    }

    pub fn has_varkw(&self) -> bool {
        self.flags & CO_VARKEYWORDS != 0
    }

    /// The handler for an exception raised at code unit `offset`.
    pub fn find_handler(&self, offset: u32) -> Option<ExceptionEntry> {
        self.exc_table.iter().find(|e| e.start <= offset && offset < e.end).copied()
    }

    /// The line of code unit `unit` (-1 when none).
    pub fn line_of(&self, unit: u32) -> i32 {
        let ranges = self.line_ranges.get_or_init(|| self.lines().into_boxed_slice());
        // The ranges are contiguous and ascending: the last one starting at
        // or before `unit` is the only candidate.
        let i = ranges.partition_point(|&(start, _, _)| start <= unit);
        match i.checked_sub(1).map(|i| ranges[i]) {
            Some((_, end, line)) if unit < end => line,
            _ => -1,
        }
    }

    /// The name of local `i` (as text).
    pub fn local_name(&self, i: usize) -> &str {
        self.localsplus_names.get(i).and_then(super::str::as_str).unwrap_or("?")
    }

    /// `co_lines()` ranges `(start, end, line)` in code units (empty for a
    /// malformed table, which only `replace` can make).
    pub fn lines(&self) -> Vec<(u32, u32, i32)> {
        taipan_bytecode::linetable::lines(&self.linetable, self.firstlineno).unwrap_or_default()
    }

    /// `co_positions()`: one position per code unit.
    pub fn positions(&self) -> Result<Vec<Position>, TableError> {
        taipan_bytecode::linetable::positions(&self.linetable, self.firstlineno)
    }

    /// The external form (CPython 3.11's fields), rebuilt.
    pub fn external(&self) -> PyResult<CodeObject> {
        self.to_code_object(|c| crate::modules::marshal::value_to_constant(c, 0))
    }

    /// The external form, rebuilt; `constant` turns each of `co_consts`
    /// back into a `Constant` (marshal's conversion, nested code objects
    /// included).
    pub fn to_code_object(&self, constant: impl FnMut(&Value) -> PyResult<Constant>) -> PyResult<CodeObject> {
        Ok(CodeObject {
            co_argcount: self.argcount as u32,
            co_posonlyargcount: self.posonlyargcount as u32,
            co_kwonlyargcount: self.kwonlyargcount as u32,
            co_stacksize: self.stacksize as u32,
            co_flags: self.flags,
            co_code: self.co_code.clone(),
            co_consts: self.consts.iter().map(constant).collect::<PyResult<_>>()?,
            co_names: self.names.iter().map(pystring_of).collect(),
            co_localsplusnames: self.localsplus_names.iter().map(pystring_of).collect(),
            co_localspluskinds: self.kinds.clone(),
            co_filename: pystring_of(&self.filename),
            co_name: pystring_of(&self.name),
            co_qualname: pystring_of(&self.qualname),
            co_firstlineno: self.firstlineno,
            co_linetable: self.linetable.clone(),
            co_exceptiontable: self.exceptiontable.clone(),
        })
    }
}

/// A `str` value as a constant string (lone surrogates kept).
fn pystring_of(v: &Value) -> PyString {
    let text = super::str::text(v).map(|t| t.to_wtf8()).unwrap_or_default();
    PyString::from_wtf8(&text).unwrap_or_else(|| PyString::from_latin1(b""))
}

/// Converts a code object into a `code` value (nested code objects too).
pub fn new_code(code: Arc<CodeObject>) -> PyResult<Value> {
    Converter::default().code(&code)
}

/// A constant as a value.
pub fn constant_value(c: &Constant) -> PyResult<Value> {
    Converter::default().constant(c)
}

/// The text of a constant string (lone surrogates become U+FFFD for now).
pub fn pystring_text(s: &PyString) -> String {
    text_of(s).into_owned()
}

/// As [`pystring_text`], borrowing the constant's own bytes when it holds
/// no surrogates.
fn text_of(s: &PyString) -> Cow<'_, str> {
    match s.as_str() {
        Some(t) => Cow::Borrowed(t),
        None => Cow::Owned(s.code_points().map(|c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect()),
    }
}

/// One conversion of a tree of code objects and constants (a module's).
/// Names and name-like string constants are interned, each distinct one
/// looked up once per tree (names recur in every function) in a table
/// keyed by the bytes borrowed from the tree. Every code object of a
/// module has the same `co_filename`: it becomes one `str`, shared.
/// Tables and constants that the tree shares (the compiler merges equal
/// ones, marshal keeps the sharing) are converted once and shared too,
/// keyed by the address of their `Arc` (the tree outlives the conversion,
/// so no address is reused).
#[derive(Default)]
struct Converter<'a> {
    interned: Option<StringTable<'a>>,
    filename: Option<(&'a [u8], Value)>,
    tables: FastHashMap<usize, Rc<[Value]>>,
    exc_tables: FastHashMap<usize, Rc<[ExceptionEntry]>>,
    constants: FastHashMap<usize, Value>,
}

/// The address of a shared table or constant: its key in the converter.
fn address<T: ?Sized>(arc: &Arc<T>) -> usize {
    Arc::as_ptr(arc) as *const u8 as usize
}

/// A `str` constant (lone surrogates kept).
fn str_constant(s: &PyString) -> Value {
    match s.as_str() {
        Some(text) => super::str::new(text),
        None => super::str::from_text(crate::text::Str::from(s)),
    }
}

/// A new (not interned) `str`.
fn plain(s: &PyString) -> Value {
    super::str::new(&text_of(s))
}

/// Interned strings by their bytes (borrowed from the tree converted).
type StringTable<'a> = StrTable<'a, Value>;

/// A table sized for a typical module, made on first use
/// (`constant_value` converts one constant).
fn new_table<'a>() -> StringTable<'a> {
    StringTable::with_capacity(256)
}

impl<'a> Converter<'a> {
    fn code(&mut self, code: &'a Arc<CodeObject>) -> PyResult<Value> {
        let kinds = &code.co_localspluskinds;
        // Names recur (every class has its `__init__`): interned, as
        // CPython's identifiers are, each distinct one made once.
        let name =
            if code.co_name.is_name_like() { self.interned(&code.co_name) } else { plain(&code.co_name) };
        let qualname = if code.co_qualname == code.co_name { name.clone() } else { plain(&code.co_qualname) };
        let data = CodeData {
            insts: OnceCell::new(),
            cache: OnceCell::new(),
            consts: self.consts(&code.co_consts)?,
            names: self.names(&code.co_names),
            nlocalsplus: code.co_localsplusnames.len(),
            localsplus_names: self.names(&code.co_localsplusnames),
            kinds: kinds.clone(),
            stacksize: code.co_stacksize as usize,
            flags: code.co_flags,
            argcount: code.co_argcount as usize,
            posonlyargcount: code.co_posonlyargcount as usize,
            kwonlyargcount: code.co_kwonlyargcount as usize,
            nfree: kinds.iter().filter(|k| *k & (CO_FAST_CELL | CO_FAST_FREE) != 0).count(),
            exc_table: self.exc_table(&code.co_exceptiontable)?,
            name,
            qualname,
            filename: self.filename(&code.co_filename),
            warmup: Cell::new(0),
            line_ranges: OnceCell::new(),
            firstlineno: code.co_firstlineno,
            co_code: code.co_code.clone(),
            linetable: code.co_linetable.clone(),
            exceptiontable: code.co_exceptiontable.clone(),
        };
        Ok(crate::heap::alloc(&rt().types.code, data))
    }

    /// The decoded exception table, once per shared table.
    fn exc_table(&mut self, table: &Arc<[u8]>) -> PyResult<Rc<[ExceptionEntry]>> {
        if table.is_empty() {
            return Ok(Rc::from([]));
        }
        if let Some(known) = self.exc_tables.get(&address(table)) {
            return Ok(known.clone());
        }
        let entries: Rc<[ExceptionEntry]> = exceptiontable::decode(table)
            .map_err(|e| exc::system_error(format!("bad exception table: {}", e.message)))?
            .into();
        self.exc_tables.insert(address(table), entries.clone());
        Ok(entries)
    }

    /// The interned names, once per shared names tuple.
    fn names(&mut self, names: &'a Arc<[PyString]>) -> Rc<[Value]> {
        if let Some(known) = self.tables.get(&address(names)) {
            return known.clone();
        }
        let values: Rc<[Value]> = names.iter().map(|n| self.interned(n)).collect();
        self.tables.insert(address(names), values.clone());
        values
    }

    /// The constants, once per shared `co_consts` tuple.
    fn consts(&mut self, consts: &'a Arc<[Constant]>) -> PyResult<Rc<[Value]>> {
        if let Some(known) = self.tables.get(&address(consts)) {
            return Ok(known.clone());
        }
        let values: Rc<[Value]> = self.constants(consts)?.into();
        self.tables.insert(address(consts), values.clone());
        Ok(values)
    }

    /// The interned `str` for `s`.
    fn interned(&mut self, s: &'a PyString) -> Value {
        let table = self.interned.get_or_insert_with(new_table);
        match table.find_or_insert(s.as_wtf8(), || super::str::intern_transient(&text_of(s))) {
            Found::Known(v) | Found::Added(v) => v.clone(),
        }
    }

    fn filename(&mut self, name: &'a PyString) -> Value {
        match &self.filename {
            Some((known, value)) if *known == name.as_wtf8() => value.clone(),
            _ => {
                let value = plain(name);
                self.filename = Some((name.as_wtf8(), value.clone()));
                value
            }
        }
    }

    fn constants(&mut self, items: &'a [Constant]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for c in items {
            out.push(self.constant(c)?);
        }
        Ok(out)
    }

    fn constant(&mut self, c: &'a Constant) -> PyResult<Value> {
        let r = rt();
        Ok(match c {
            Constant::None => r.none.clone(),
            Constant::Ellipsis => r.ellipsis.clone(),
            Constant::Bool(b) => r.bool_value(*b),
            Constant::Int(i) => super::int::from_i64(*i),
            Constant::BigInt(b) => self.shared(address(b), |_| Ok(super::int::from_bigint((**b).clone())))?,
            Constant::Float(f) => Value::float(*f),
            Constant::Complex { re, im } => super::complex::new(*re, *im),
            Constant::Str(s) if s.is_name_like() => self.interned(s),
            Constant::Str(s) => str_constant(s),
            Constant::Bytes(b) => self.shared(address(b), |_| Ok(super::bytes::new(b.to_vec())))?,
            Constant::Tuple(items) => {
                self.shared(address(items), |cv| Ok(super::tuple::new(cv.constants(items)?)))?
            }
            Constant::FrozenSet(items) => {
                self.shared(address(items), |cv| super::set::frozenset_constant(cv.constants(items)?))?
            }
            Constant::Code(code) => self.code(code)?,
            Constant::StopIteration => r.exc.stop_iteration.clone(),
            Constant::List(items) => super::list::new(self.constants(items)?),
            Constant::Set(items) => super::set::new_set(self.constants(items)?)?,
            Constant::Dict(pairs) => super::dict::from_pairs(
                pairs
                    .iter()
                    .map(|(k, v)| Ok((self.constant(k)?, self.constant(v)?)))
                    .collect::<PyResult<_>>()?,
            )?,
        })
    }

    /// The value of the immutable constant at `key`, made once.
    fn shared(&mut self, key: usize, make: impl FnOnce(&mut Self) -> PyResult<Value>) -> PyResult<Value> {
        if let Some(known) = self.constants.get(&key) {
            return Ok(known.clone());
        }
        let value = make(self)?;
        self.constants.insert(key, value.clone());
        Ok(value)
    }
}

/// Per opcode byte: the instruction and its size in code units (1 + its
/// inline caches), or `None` for a byte that is no instruction.
const DECODE_TABLE: [Option<(Opcode, u8)>; 256] = {
    let mut table = [None; 256];
    let mut byte = 0;
    while byte < 256 {
        if let Some(op) = Opcode::from_u8(byte as u8) {
            table[byte] = Some((op, 1 + op.cache_entries()));
        }
        byte += 1;
    }
    table
};

fn decode(code: &[u8]) -> Box<[Inst]> {
    let units = code.chunks_exact(2);
    // An odd trailing byte (never in verified code) decodes with argument 0.
    let last = units.remainder().first().map(|&op| [op, 0]);
    let mut ext: u32 = 0;
    let decode_unit = |[byte, arg]: [u8; 2]| {
        let arg = ext | u32::from(arg);
        let inst = match DECODE_TABLE[usize::from(byte)] {
            Some((op, size)) => Inst { op, arg, valid: true, size },
            None => Inst { op: Opcode::CACHE, arg, valid: false, size: 1 },
        };
        ext = if inst.op == Opcode::EXTENDED_ARG { arg << 8 } else { 0 };
        inst
    };
    units.map(|u| [u[0], u[1]]).chain(last).map(decode_unit).collect()
}

/// The payload of a code value.
pub fn data(v: &Value) -> Option<&CodeData> {
    v.downcast::<CodeData>()
}

pub use attrs::{GETSETS, METHODS};
