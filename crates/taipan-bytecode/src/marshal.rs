//! CPython 3.11's marshal format, version 4 (`Python/marshal.c`): `loads`
//! reads what CPython's `marshal.dumps` writes (every type code, the old
//! text floats and 64-bit ints included) and `dumps` writes what CPython's
//! `marshal.loads` reads. A `.pyc` is this format after a 16-byte header
//! (the header is the VM's business).
//!
//! Back-references: an object whose type byte carries `FLAG_REF` gets the
//! next index in a table *when its type byte is read* (containers and code
//! objects before their contents), and `TYPE_REF n` names entry `n`. A
//! reference to a container still being read (a recursive list) is refused:
//! constants cannot be cyclic. `dumps` flags every string and float (and
//! writes a repeat as a reference, as CPython does for interned strings and
//! for the float constants its compiler merges) and every shared `Arc`
//! (CPython's "refcount > 1"; the compiler shares equal tables and
//! constants), so its output is compact but not byte-identical to
//! CPython's.
//!
//! `loads` takes untrusted input (a `.pyc`): it never panics, nests at most
//! `MAX_MARSHAL_STACK_DEPTH` deep (about 1.2 MB of stack), allocates in
//! proportion to the input (capacities are capped by the bytes left;
//! references share, never copy), and fails where and as CPython does:
//! fields are read in CPython's order and checked when CPython checks them
//! (a code object's once all its fields are read), with CPython's messages.
//! Sets and dicts keep marshal's order and are not deduplicated.

use crate::code::{CodeObject, Constant};
use crate::fasthash::FastHashMap;
use crate::pystring::PyString;
use crate::strtable::{Found, StrTable};
use num_bigint::{BigInt, Sign};
use std::fmt;
use std::sync::Arc;

/// What marshal data holds: the same type as a code object's constants.
pub type Value = Constant;

/// CPython's nesting limit for reading and writing.
pub const MAX_MARSHAL_STACK_DEPTH: usize = 2000;
/// The format version written (`marshal.version`).
pub const VERSION: u32 = 4;

// Type codes (Python/marshal.c).
const TYPE_NULL: u8 = b'0';
const TYPE_NONE: u8 = b'N';
const TYPE_FALSE: u8 = b'F';
const TYPE_TRUE: u8 = b'T';
const TYPE_STOPITER: u8 = b'S';
const TYPE_ELLIPSIS: u8 = b'.';
const TYPE_INT: u8 = b'i';
/// Only read (no longer written): a 64-bit int.
const TYPE_INT64: u8 = b'I';
/// Only read: a float as text.
const TYPE_FLOAT: u8 = b'f';
const TYPE_BINARY_FLOAT: u8 = b'g';
/// Only read: a complex as two texts.
const TYPE_COMPLEX: u8 = b'x';
const TYPE_BINARY_COMPLEX: u8 = b'y';
const TYPE_LONG: u8 = b'l';
const TYPE_STRING: u8 = b's';
const TYPE_INTERNED: u8 = b't';
const TYPE_REF: u8 = b'r';
const TYPE_TUPLE: u8 = b'(';
const TYPE_LIST: u8 = b'[';
const TYPE_DICT: u8 = b'{';
const TYPE_CODE: u8 = b'c';
const TYPE_UNICODE: u8 = b'u';
const TYPE_SET: u8 = b'<';
const TYPE_FROZENSET: u8 = b'>';
const TYPE_ASCII: u8 = b'a';
const TYPE_ASCII_INTERNED: u8 = b'A';
const TYPE_SMALL_TUPLE: u8 = b')';
const TYPE_SHORT_ASCII: u8 = b'z';
const TYPE_SHORT_ASCII_INTERNED: u8 = b'Z';
const FLAG_REF: u8 = 0x80;

/// Which Python exception CPython raises for the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarshalErrorKind {
    /// `EOFError`: the data ended early.
    Eof,
    /// `ValueError`: malformed data, or nesting too deep.
    Value,
    /// `TypeError`: a NULL where an object belongs, or an unhashable item.
    Type,
    /// `UnicodeDecodeError`: a `TYPE_UNICODE` string is not (surrogatepass) UTF-8.
    UnicodeDecode,
}

/// A failure of `loads` (or of `try_dumps` on over-deep data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarshalError {
    pub kind: MarshalErrorKind,
    /// CPython's message, e.g. `bad marshal data (unknown type code)`.
    pub message: String,
}

impl MarshalError {
    #[cold]
    #[inline(never)]
    fn new(kind: MarshalErrorKind, message: impl Into<String>) -> Self {
        MarshalError { kind, message: message.into() }
    }
    #[cold]
    #[inline(never)]
    fn bad(what: &str) -> Self {
        MarshalError::new(MarshalErrorKind::Value, format!("bad marshal data ({what})"))
    }
    #[cold]
    #[inline(never)]
    fn too_short() -> Self {
        MarshalError::new(MarshalErrorKind::Eof, "marshal data too short")
    }
}

impl fmt::Display for MarshalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.kind {
            MarshalErrorKind::Eof => "EOFError",
            MarshalErrorKind::Value => "ValueError",
            MarshalErrorKind::Type => "TypeError",
            MarshalErrorKind::UnicodeDecode => "UnicodeDecodeError",
        };
        write!(f, "{name}: {}", self.message)
    }
}

impl std::error::Error for MarshalError {}

type Result<T> = std::result::Result<T, MarshalError>;

/// Reads one object from the start of `data` (trailing bytes are ignored,
/// as `marshal.loads` ignores them).
pub fn loads(data: &[u8]) -> Result<Value> {
    loads_prefix(data).map(|(value, _)| value)
}

/// Reads one object and also says how many bytes it took.
pub fn loads_prefix(data: &[u8]) -> Result<(Value, usize)> {
    let mut reader = Reader {
        data,
        pos: 0,
        depth: 0,
        refs: Vec::new(),
        cyclic: false,
        names_cache: NamesCache::default(),
    };
    let value = reader.object()?;
    if reader.cyclic {
        return Err(MarshalError::bad("recursive reference unsupported"));
    }
    match value {
        Some(value) => Ok((value, reader.pos)),
        None => Err(MarshalError::new(MarshalErrorKind::Type, "NULL object in marshal data for object")),
    }
}

/// A slot of the reference table.
#[derive(Clone)]
enum RefSlot {
    Filled(Value),
    /// A tuple, list, dict or set still being read: CPython enters these
    /// before their items, so a reference to one builds a cycle.
    Building,
    /// A code object or frozenset still being read: CPython reserves the
    /// slot (`r_ref_reserve`) and a reference to it is invalid.
    Reserved,
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    depth: usize,
    refs: Vec<RefSlot>,
    /// A reference to a container being built was met: reading goes on (so
    /// that later errors come out as CPython's) and fails at the end.
    cyclic: bool,
    names_cache: NamesCache,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(MarshalError::too_short());
        }
        let slice = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    /// One byte (a length): at the end, CPython's `r_byte` message.
    fn byte(&mut self) -> Result<u8> {
        let Some(&b) = self.data.get(self.pos) else {
            return Err(MarshalError::new(MarshalErrorKind::Eof, "EOF read where not expected"));
        };
        self.pos += 1;
        Ok(b)
    }

    fn long(&mut self) -> Result<i32> {
        let b = self.bytes(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn short(&mut self) -> Result<i16> {
        let b = self.bytes(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }

    fn f64(&mut self) -> Result<f64> {
        let b = self.bytes(8)?;
        Ok(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    /// A 32-bit size, checked to be non-negative; `what` names it in the error.
    fn size(&mut self, what: &str) -> Result<usize> {
        let n = self.long()?;
        usize::try_from(n).map_err(|_| MarshalError::bad(&format!("{what} size out of range")))
    }

    /// A count of items (checked only for sign: as in CPython, an item
    /// past the end is what fails, so errors come out as CPython's).
    fn item_count(&mut self, small: bool, what: &str) -> Result<usize> {
        if small {
            Ok(usize::from(self.byte()?))
        } else {
            self.size(what)
        }
    }

    /// Reserves a reference slot if `flag` is set; returns its index.
    #[inline(never)]
    fn reserve(&mut self, flag: bool, kind: u8) -> Option<usize> {
        flag.then(|| {
            let reserved = matches!(kind, TYPE_CODE | TYPE_FROZENSET);
            self.refs.push(if reserved { RefSlot::Reserved } else { RefSlot::Building });
            self.refs.len() - 1
        })
    }

    #[inline(never)]
    fn fill(&mut self, slot: Option<usize>, value: &Value) {
        if let Some(i) = slot {
            self.refs[i] = RefSlot::Filled(value.clone());
        }
    }

    /// One object; `None` for `TYPE_NULL`.
    fn object(&mut self) -> Result<Option<Value>> {
        let Some(&code) = self.data.get(self.pos) else {
            return Err(MarshalError::new(MarshalErrorKind::Eof, "EOF read where object expected"));
        };
        self.pos += 1;
        self.depth += 1;
        if self.depth > MAX_MARSHAL_STACK_DEPTH {
            return Err(MarshalError::new(MarshalErrorKind::Value, "recursion limit exceeded"));
        }
        let result = self.object_body(code & !FLAG_REF, code & FLAG_REF != 0);
        self.depth -= 1;
        result
    }

    /// An object that must not be NULL; `context` names the container.
    fn item(&mut self, context: &str) -> Result<Value> {
        self.object()?.ok_or_else(|| null_in(context))
    }

    fn object_body(&mut self, kind: u8, flag: bool) -> Result<Option<Value>> {
        let slot = match kind {
            // Singletons are never entered in the reference table.
            TYPE_NULL => return Ok(None),
            TYPE_NONE => return Ok(Some(Value::None)),
            TYPE_STOPITER => return Ok(Some(Value::StopIteration)),
            TYPE_ELLIPSIS => return Ok(Some(Value::Ellipsis)),
            TYPE_FALSE => return Ok(Some(Value::Bool(false))),
            TYPE_TRUE => return Ok(Some(Value::Bool(true))),
            TYPE_REF => return self.reference().map(Some),
            _ => self.reserve(flag, kind),
        };
        let value = match kind {
            TYPE_TUPLE | TYPE_SMALL_TUPLE | TYPE_LIST | TYPE_SET | TYPE_FROZENSET => self.sequence(kind)?,
            TYPE_DICT => Value::Dict(self.dict_items()?.into()),
            TYPE_CODE => self.code()?,
            _ => self.leaf(kind)?,
        };
        self.fill(slot, &value);
        Ok(Some(value))
    }

    // The recursive path (object → object_body → sequence → items →
    // object) keeps its frames small: everything else is out of line, so
    // MAX_MARSHAL_STACK_DEPTH levels fit in a thread's default stack.

    /// A tuple, list, set or frozenset.
    #[inline(never)]
    fn sequence(&mut self, kind: u8) -> Result<Value> {
        let what = match kind {
            TYPE_LIST => "list",
            TYPE_SET | TYPE_FROZENSET => "set",
            _ => "tuple",
        };
        let n = self.item_count(kind == TYPE_SMALL_TUPLE, what)?;
        let is_set = kind == TYPE_SET || kind == TYPE_FROZENSET;
        let items = self.items(n, what, is_set)?;
        Ok(match kind {
            TYPE_LIST => Value::List(items.into()),
            TYPE_SET => Value::Set(items.into()),
            TYPE_FROZENSET => Value::FrozenSet(items.into()),
            _ => Value::Tuple(items.into()),
        })
    }

    /// Everything without nested objects.
    #[inline(never)]
    fn leaf(&mut self, kind: u8) -> Result<Value> {
        Ok(match kind {
            TYPE_INT => Value::Int(i64::from(self.long()?)),
            TYPE_INT64 => {
                let b = self.bytes(8)?;
                Value::Int(i64::from_le_bytes(b.try_into().expect("8 bytes")))
            }
            TYPE_LONG => self.py_long()?,
            TYPE_FLOAT => Value::Float(self.text_float()?),
            TYPE_COMPLEX => {
                let re = self.text_float()?;
                Value::Complex { re, im: self.text_float()? }
            }
            TYPE_BINARY_FLOAT => Value::Float(self.f64()?),
            TYPE_BINARY_COMPLEX => {
                let re = self.f64()?;
                Value::Complex { re, im: self.f64()? }
            }
            TYPE_STRING => {
                let n = self.size("bytes object")?;
                Value::Bytes(self.bytes(n)?.into())
            }
            TYPE_ASCII | TYPE_ASCII_INTERNED => {
                let n = self.size("string")?;
                Value::Str(PyString::from_latin1(self.bytes(n)?))
            }
            TYPE_SHORT_ASCII | TYPE_SHORT_ASCII_INTERNED => {
                let n = usize::from(self.byte()?);
                Value::Str(PyString::from_latin1(self.bytes(n)?))
            }
            TYPE_UNICODE | TYPE_INTERNED => {
                let n = self.size("string")?;
                let raw = self.bytes(n)?;
                Value::Str(PyString::from_wtf8(raw).ok_or_else(|| decode_error(raw))?)
            }
            _ => return Err(MarshalError::bad("unknown type code")),
        })
    }

    #[inline(never)]
    fn reference(&mut self) -> Result<Value> {
        let n = self.long()?;
        let slot = usize::try_from(n).ok().and_then(|i| self.refs.get(i));
        match slot {
            Some(RefSlot::Filled(value)) => Ok(value.clone()),
            // CPython builds a cyclic structure; constants cannot hold one.
            Some(RefSlot::Building) => {
                self.cyclic = true;
                Ok(Value::None)
            }
            Some(RefSlot::Reserved) | None => Err(MarshalError::bad("invalid reference")),
        }
    }

    /// `n` items; for a set, each is checked to be hashable as it comes
    /// (CPython adds them one by one).
    fn items(&mut self, n: usize, context: &str, hashed: bool) -> Result<Vec<Value>> {
        // Each item takes at least a byte: the input bounds the allocation.
        let mut items = Vec::with_capacity(n.min(self.remaining()));
        for _ in 0..n {
            let item = self.item(context)?;
            if hashed && !item.is_hashable() {
                return Err(unhashable(&item));
            }
            items.push(item);
        }
        Ok(items)
    }

    /// Key/value pairs up to a NULL key (or, as in CPython, a NULL value).
    #[inline(never)]
    fn dict_items(&mut self) -> Result<Vec<(Value, Value)>> {
        let mut pairs = Vec::new();
        while let Some(key) = self.object()? {
            let Some(value) = self.object()? else { break };
            if !key.is_hashable() {
                return Err(unhashable(&key));
            }
            pairs.push((key, value));
        }
        Ok(pairs)
    }

    /// `TYPE_LONG`: a signed count of 15-bit digits, least significant first.
    #[inline(never)]
    fn py_long(&mut self) -> Result<Value> {
        let n = self.long()?;
        let count = n.unsigned_abs() as usize;
        let mut magnitude = BigInt::from(0);
        let mut digits = Vec::with_capacity(count.min(self.remaining() / 2));
        for _ in 0..count {
            let d = self.short()?;
            if d < 0 {
                return Err(MarshalError::bad("digit out of range in long"));
            }
            digits.push(d as u16);
        }
        if digits.last() == Some(&0) {
            return Err(MarshalError::bad("unnormalized long data"));
        }
        for &d in digits.iter().rev() {
            magnitude = (magnitude << 15u32) + BigInt::from(d);
        }
        Ok(Value::int(if n < 0 { -magnitude } else { magnitude }))
    }

    /// The text floats of format versions 0 and 1: a length byte, then ASCII.
    fn text_float(&mut self) -> Result<f64> {
        let n = usize::from(self.byte()?);
        let text = self.bytes(n)?;
        // CPython parses a C string: it ends at the first NUL.
        let text = &text[..text.iter().position(|&b| b == 0).unwrap_or(text.len())];
        let parsed = std::str::from_utf8(text).ok().and_then(|t| t.parse::<f64>().ok());
        parsed.ok_or_else(|| {
            let shown: String = String::from_utf8_lossy(text).chars().take(200).collect();
            MarshalError::new(
                MarshalErrorKind::Value,
                format!("could not convert string to float: '{shown}'"),
            )
        })
    }

    #[inline(never)]
    /// `TYPE_CODE`: every field is read first and only then checked, as
    /// CPython reads them and then calls the code constructor.
    fn code(&mut self) -> Result<Value> {
        let mut counts = [0i32; 5];
        for n in &mut counts {
            *n = self.long()?;
        }
        let mut objects: Vec<Field<'a>> = Vec::with_capacity(10);
        for _ in 0..8 {
            objects.push(self.field()?);
        }
        let co_firstlineno = self.long()?;
        objects.push(self.field()?);
        objects.push(self.field()?);
        build_code(counts, objects, co_firstlineno, &mut self.names_cache)
    }

    /// One field of a code object. A bytes object or a tuple without a
    /// reference flag (how `co_code`, the tables, `co_consts` and the name
    /// tuples are written) is read straight into a `Vec`, as `object`
    /// would read it; anything else is read as an object.
    fn field(&mut self) -> Result<Field<'a>> {
        let kind = self.data.get(self.pos).copied();
        if self.depth >= MAX_MARSHAL_STACK_DEPTH {
            return Ok(Field::Object(self.item("code object")?));
        }
        match kind {
            Some(TYPE_STRING) => {
                self.pos += 1;
                let n = self.size("bytes object")?;
                Ok(Field::Bytes(self.bytes(n)?))
            }
            Some(kind @ (TYPE_TUPLE | TYPE_SMALL_TUPLE)) => {
                self.pos += 1;
                self.depth += 1;
                let items = self.tuple_items(kind == TYPE_SMALL_TUPLE);
                self.depth -= 1;
                Ok(Field::Items(items?))
            }
            _ => Ok(Field::Object(self.item("code object")?)),
        }
    }

    /// The items of a tuple whose type byte was read (as `sequence`).
    fn tuple_items(&mut self, small: bool) -> Result<Vec<Value>> {
        let n = self.item_count(small, "tuple")?;
        self.items(n, "tuple", false)
    }
}

/// A field of a code object as [`Reader::field`] read it.
enum Field<'a> {
    Bytes(&'a [u8]),
    Items(Vec<Value>),
    Object(Value),
}

/// Name tuples already converted to `co_names`/`co_localsplusnames` form,
/// by the address of the tuple read (which the entry keeps alive, so the
/// address is not reused): code objects that share a names tuple in the
/// data share it after reading too.
type NamesCache = FastHashMap<usize, (Arc<[Value]>, Arc<[PyString]>)>;

/// The code object from its fields in marshal order (the five counts, then
/// code, consts, names, localsplusnames, localspluskinds, filename, name,
/// qualname, linetable, exceptiontable), checked.
#[inline(never)]
fn build_code(
    counts: [i32; 5],
    objects: Vec<Field<'_>>,
    co_firstlineno: i32,
    names_cache: &mut NamesCache,
) -> Result<Value> {
    let bad = |what: &str| MarshalError::bad(&format!("code: {what}"));
    let [argcount, posonly, kwonly, stacksize, flags] = counts;
    let unsigned = |n: i32, what: &str| u32::try_from(n).map_err(|_| bad(&format!("negative {what}")));
    let mut fields = objects.into_iter();
    let mut next_field = || fields.next().expect("ten code fields");
    let bytes = |f: Field, what: &str| match f {
        Field::Bytes(b) => Ok(Arc::from(b)),
        Field::Object(Value::Bytes(b)) => Ok(b),
        _ => Err(bad(&format!("{what} is not bytes"))),
    };
    let object = |f: Field| match f {
        Field::Bytes(b) => Value::Bytes(b.into()),
        Field::Items(items) => Value::Tuple(items.into()),
        Field::Object(v) => v,
    };
    let string = |v: Value, what: &str| match v {
        Value::Str(s) => Ok(s),
        _ => Err(bad(&format!("{what} is not a str"))),
    };
    let tuple = |f: Field, what: &str| match f {
        Field::Items(items) => Ok(Arc::from(items)),
        Field::Object(Value::Tuple(items)) => Ok(items),
        _ => Err(bad(&format!("{what} is not a tuple"))),
    };
    let mut names = |f: Field, what: &str| -> Result<Arc<[PyString]>> {
        let items = match f {
            Field::Items(items) => return items.into_iter().map(|item| name_string(item, what)).collect(),
            Field::Object(Value::Tuple(items)) => items,
            _ => return Err(bad(&format!("{what} is not a tuple"))),
        };
        let key = Arc::as_ptr(&items) as *const u8 as usize;
        if let Some((_, known)) = names_cache.get(&key) {
            return Ok(known.clone());
        }
        let converted: Arc<[PyString]> =
            items.iter().map(|item| name_string(item.clone(), what)).collect::<Result<_>>()?;
        names_cache.insert(key, (items, converted.clone()));
        Ok(converted)
    };
    let code = CodeObject {
        co_argcount: unsigned(argcount, "co_argcount")?,
        co_posonlyargcount: unsigned(posonly, "co_posonlyargcount")?,
        co_kwonlyargcount: unsigned(kwonly, "co_kwonlyargcount")?,
        co_stacksize: unsigned(stacksize, "co_stacksize")?,
        co_flags: flags as u32,
        co_code: bytes(next_field(), "co_code")?,
        co_consts: tuple(next_field(), "co_consts")?,
        co_names: names(next_field(), "co_names")?,
        co_localsplusnames: names(next_field(), "co_localsplusnames")?,
        co_localspluskinds: bytes(next_field(), "co_localspluskinds")?,
        co_filename: string(object(next_field()), "co_filename")?,
        co_name: string(object(next_field()), "co_name")?,
        co_qualname: string(object(next_field()), "co_qualname")?,
        co_firstlineno,
        co_linetable: bytes(next_field(), "co_linetable")?,
        co_exceptiontable: bytes(next_field(), "co_exceptiontable")?,
    };
    // CPython's `_PyCode_Validate`, in its order (its first group raises
    // SystemError; a ValueError here).
    if argcount < posonly || flags < 0 {
        return Err(bad("inconsistent argument counts or flags"));
    }
    if code.co_localspluskinds.len() != code.co_localsplusnames.len() {
        return Err(bad("co_localspluskinds does not match co_localsplusnames"));
    }
    if code.co_code.len() % 2 != 0 {
        return Err(MarshalError::new(MarshalErrorKind::Value, "code: co_code is malformed"));
    }
    let var = |flag: u32| i64::from(code.co_flags & flag != 0);
    let plain_locals = code.co_nlocals() as i64
        - i64::from(code.co_argcount)
        - i64::from(code.co_kwonlyargcount)
        - var(crate::code::CO_VARARGS)
        - var(crate::code::CO_VARKEYWORDS);
    if plain_locals < 0 {
        return Err(MarshalError::new(MarshalErrorKind::Value, "code: co_varnames is too small"));
    }
    Ok(Value::Code(Arc::new(code)))
}

/// An item of a names tuple, checked to be a `str`.
fn name_string(item: Value, what: &str) -> Result<PyString> {
    match item {
        Value::Str(s) => Ok(s),
        _ => Err(MarshalError::bad(&format!("code: {what} holds a non-str"))),
    }
}

#[cold]
#[inline(never)]
fn decode_error(raw: &[u8]) -> MarshalError {
    let (start, end, reason) = crate::pystring::utf8_error(raw).unwrap_or((0, 1, "invalid start byte"));
    let message = if end - start == 1 {
        format!("'utf-8' codec can't decode byte 0x{:02x} in position {start}: {reason}", raw[start])
    } else {
        format!("'utf-8' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
    };
    MarshalError::new(MarshalErrorKind::UnicodeDecode, message)
}

#[cold]
#[inline(never)]
fn null_in(context: &str) -> MarshalError {
    MarshalError::new(MarshalErrorKind::Type, format!("NULL object in marshal data for {context}"))
}

#[cold]
#[inline(never)]
fn unhashable(value: &Value) -> MarshalError {
    let mut culprit = value;
    while let Value::Tuple(items) = culprit {
        match items.iter().find(|v| !v.is_hashable()) {
            Some(inner) => culprit = inner,
            None => break,
        }
    }
    MarshalError::new(MarshalErrorKind::Type, format!("unhashable type: '{}'", culprit.type_name()))
}

/// Writes `value` in format version 4.
///
/// Panics if `value` nests deeper than `MAX_MARSHAL_STACK_DEPTH` (CPython's
/// `ValueError: object too deeply nested to marshal`); use `try_dumps` for
/// values that did not come from the compiler or from `loads`.
pub fn dumps(value: &Value) -> Vec<u8> {
    try_dumps(value).expect("object too deeply nested to marshal")
}

/// Writes `value` in format version 4, failing on over-deep nesting.
pub fn try_dumps(value: &Value) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    try_dumps_into(value, &mut out)?;
    Ok(out)
}

/// As [`try_dumps`], appending to `out` (a `.pyc` writes its header first
/// and reserves room for the whole file: one buffer, no copy). On error,
/// `out` holds a partial object.
pub fn try_dumps_into(value: &Value, out: &mut Vec<u8>) -> Result<()> {
    let mut writer = Writer {
        out,
        depth: 0,
        too_deep: false,
        strings: StrTable::with_capacity(256),
        floats: FastHashMap::default(),
        shared: FastHashMap::default(),
        next_ref: 0,
    };
    writer.child(value, false);
    if writer.too_deep {
        return Err(MarshalError::new(MarshalErrorKind::Value, "object too deeply nested to marshal"));
    }
    Ok(())
}

/// The writing state; `'a` is the value written, whose strings key the
/// back-reference table without being copied or counted.
struct Writer<'a, 'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    too_deep: bool,
    /// Reference index of each string written (by content).
    strings: StrTable<'a, u32>,
    /// Reference index of each float written (by its bits): a repeat is
    /// a 5-byte reference instead of 9 bytes (CPython gets there through
    /// its compiler, which makes equal float constants one object).
    floats: FastHashMap<u64, u32>,
    /// Reference index of each shared `Arc` written (by address).
    shared: FastHashMap<usize, u32>,
    next_ref: u32,
}

impl<'a> Writer<'a, '_> {
    fn long(&mut self, n: i32) {
        self.out.extend_from_slice(&n.to_le_bytes());
    }

    fn size(&mut self, n: usize) {
        // Marshal sizes are 32-bit; nothing Taipan writes comes near.
        self.long(i32::try_from(n).expect("object too large to marshal"));
    }

    fn pstring(&mut self, bytes: &[u8]) {
        self.size(bytes.len());
        self.out.extend_from_slice(bytes);
    }

    fn new_ref(&mut self) -> u32 {
        self.next_ref += 1;
        self.next_ref - 1
    }

    fn write_ref(&mut self, index: u32) {
        self.out.push(TYPE_REF);
        self.long(index as i32);
    }

    /// For a shared `Arc`: writes a reference and returns `None` if it was
    /// written before, else returns the flag for its type byte.
    fn share<T: ?Sized>(&mut self, arc: &Arc<T>) -> Option<u8> {
        if Arc::strong_count(arc) == 1 {
            return Some(0);
        }
        let key = Arc::as_ptr(arc) as *const u8 as usize;
        if let Some(&index) = self.shared.get(&key) {
            self.write_ref(index);
            return None;
        }
        let index = self.new_ref();
        self.shared.insert(key, index);
        Some(FLAG_REF)
    }

    /// `interned` chooses the interned string codes (for names).
    fn object_body(&mut self, value: &'a Value, interned: bool) {
        match value {
            Value::None => self.out.push(TYPE_NONE),
            Value::StopIteration => self.out.push(TYPE_STOPITER),
            Value::Ellipsis => self.out.push(TYPE_ELLIPSIS),
            Value::Bool(false) => self.out.push(TYPE_FALSE),
            Value::Bool(true) => self.out.push(TYPE_TRUE),
            Value::Int(n) => match i32::try_from(*n) {
                Ok(small) => {
                    self.out.push(TYPE_INT);
                    self.long(small);
                }
                Err(_) => self.py_long(&BigInt::from(*n), 0),
            },
            Value::BigInt(big) => {
                if let Some(flag) = self.share(big) {
                    self.py_long(big, flag);
                }
            }
            Value::Float(x) => self.float(*x),
            Value::Complex { re, im } => {
                self.out.push(TYPE_BINARY_COMPLEX);
                self.out.extend_from_slice(&re.to_le_bytes());
                self.out.extend_from_slice(&im.to_le_bytes());
            }
            Value::Str(s) => self.string(s, interned),
            Value::Bytes(b) => {
                if let Some(flag) = self.share(b) {
                    self.out.push(TYPE_STRING | flag);
                    self.pstring(b);
                }
            }
            Value::Tuple(items) => {
                if let Some(flag) = self.share(items) {
                    self.tuple_header(items.len(), flag);
                    self.items(items, interned);
                }
            }
            Value::List(items) => self.sequence(TYPE_LIST, items),
            Value::Set(items) => self.sequence(TYPE_SET, items),
            Value::FrozenSet(items) => self.sequence(TYPE_FROZENSET, items),
            Value::Dict(pairs) => {
                if let Some(flag) = self.share(pairs) {
                    self.out.push(TYPE_DICT | flag);
                    for (k, v) in pairs.iter() {
                        self.child(k, false);
                        self.child(v, false);
                    }
                    self.out.push(TYPE_NULL);
                }
            }
            Value::Code(code) => {
                if let Some(flag) = self.share(code) {
                    self.code(code, flag);
                }
            }
        }
    }

    /// A nested object (or the top one): past the nesting limit, nothing
    /// is written and `too_deep` is set.
    fn child(&mut self, value: &'a Value, interned: bool) {
        if self.depth >= MAX_MARSHAL_STACK_DEPTH {
            self.too_deep = true;
            return;
        }
        self.depth += 1;
        self.object_body(value, interned);
        self.depth -= 1;
    }

    fn items(&mut self, items: &'a [Value], interned: bool) {
        for item in items {
            self.child(item, interned);
        }
    }

    fn sequence(&mut self, code: u8, items: &'a Arc<[Value]>) {
        if let Some(flag) = self.share(items) {
            self.out.push(code | flag);
            self.size(items.len());
            self.items(items, false);
        }
    }

    /// Strings are written once, flagged, and referred to afterwards.
    fn string(&mut self, s: &'a PyString, interned: bool) {
        let bytes = s.as_wtf8();
        let next = self.next_ref;
        if let Found::Known(&index) = self.strings.find_or_insert(bytes, || next) {
            self.write_ref(index);
            return;
        }
        self.next_ref += 1;
        let out = &mut *self.out;
        if s.is_ascii() {
            if bytes.len() < 256 {
                let code = if interned { TYPE_SHORT_ASCII_INTERNED } else { TYPE_SHORT_ASCII };
                out.extend_from_slice(&[code | FLAG_REF, bytes.len() as u8]);
                out.extend_from_slice(bytes);
            } else {
                let code = if interned { TYPE_ASCII_INTERNED } else { TYPE_ASCII };
                out.push(code | FLAG_REF);
                self.pstring(bytes);
            }
        } else {
            let code = if interned { TYPE_INTERNED } else { TYPE_UNICODE };
            out.push(code | FLAG_REF);
            self.pstring(bytes);
        }
    }

    /// Floats are written once, flagged, and referred to afterwards.
    fn float(&mut self, x: f64) {
        let next = self.next_ref;
        let index = *self.floats.entry(x.to_bits()).or_insert(next);
        if index != next {
            self.write_ref(index);
            return;
        }
        self.next_ref += 1;
        self.out.push(TYPE_BINARY_FLOAT | FLAG_REF);
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    fn py_long(&mut self, value: &BigInt, flag: u8) {
        self.out.push(TYPE_LONG | flag);
        let (sign, mut magnitude) = (value.sign(), value.magnitude().clone());
        let mut digits = Vec::new();
        let mask = num_bigint::BigUint::from(0x7FFFu32);
        while magnitude != num_bigint::BigUint::from(0u32) {
            let digit = &magnitude & &mask;
            digits.push(u16::try_from(&digit).unwrap_or(0));
            magnitude >>= 15u32;
        }
        let n = i32::try_from(digits.len()).expect("int too large to marshal");
        self.long(if sign == Sign::Minus { -n } else { n });
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
    }

    /// A bytes field of a code object, written once if shared.
    fn bytes_object(&mut self, bytes: &Arc<[u8]>) {
        if let Some(flag) = self.share(bytes) {
            self.out.push(TYPE_STRING | flag);
            self.pstring(bytes);
        }
    }

    /// The header of a tuple of `len` items (`flag` from [`Writer::share`]).
    fn tuple_header(&mut self, len: usize, flag: u8) {
        if len < 256 {
            self.out.extend_from_slice(&[TYPE_SMALL_TUPLE | flag, len as u8]);
        } else {
            self.out.push(TYPE_TUPLE | flag);
            self.size(len);
        }
    }

    /// `co_names` or `co_localsplusnames`, written once if shared.
    fn name_tuple(&mut self, names: &'a Arc<[PyString]>) {
        if let Some(flag) = self.share(names) {
            self.tuple_header(names.len(), flag);
            for name in names.iter() {
                self.string(name, true);
            }
        }
    }

    /// `co_consts`, written once if shared; name-like strings are written
    /// interned (as CPython interns them).
    fn consts_tuple(&mut self, consts: &'a Arc<[Value]>) {
        if let Some(flag) = self.share(consts) {
            self.tuple_header(consts.len(), flag);
            for c in consts.iter() {
                let interned = matches!(c, Value::Str(s) if s.is_name_like());
                self.child(c, interned);
            }
        }
    }

    /// Fields in CPython 3.11's order; names are written interned (as
    /// CPython interns them). Fields shared with code objects written
    /// before become references.
    fn code(&mut self, code: &'a CodeObject, flag: u8) {
        self.out.push(TYPE_CODE | flag);
        for n in [
            code.co_argcount,
            code.co_posonlyargcount,
            code.co_kwonlyargcount,
            code.co_stacksize,
            code.co_flags,
        ] {
            self.long(n as i32);
        }
        self.bytes_object(&code.co_code);
        self.consts_tuple(&code.co_consts);
        self.name_tuple(&code.co_names);
        self.name_tuple(&code.co_localsplusnames);
        self.bytes_object(&code.co_localspluskinds);
        self.string(&code.co_filename, false);
        self.string(&code.co_name, true);
        self.string(&code.co_qualname, true);
        self.long(code.co_firstlineno);
        self.bytes_object(&code.co_linetable);
        self.bytes_object(&code.co_exceptiontable);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(data: &[u8]) -> String {
        loads(data).unwrap_err().to_string()
    }

    #[test]
    fn cpython_error_messages() {
        assert_eq!(err(b""), "EOFError: EOF read where object expected");
        assert_eq!(err(b"i"), "EOFError: marshal data too short");
        assert_eq!(
            err(b"l\x01\x00\x00\x00\x00\x00"),
            "ValueError: bad marshal data (unnormalized long data)"
        );
        assert_eq!(
            err(b"l\x01\x00\x00\x00\x00\x80"),
            "ValueError: bad marshal data (digit out of range in long)"
        );
        assert_eq!(err(b"r\x00\x00\x00\x00"), "ValueError: bad marshal data (invalid reference)");
        assert_eq!(err(b"?"), "ValueError: bad marshal data (unknown type code)");
        assert_eq!(err(b"0"), "TypeError: NULL object in marshal data for object");
        assert_eq!(err(b"(\x01\x00\x00\x000"), "TypeError: NULL object in marshal data for tuple");
        assert_eq!(
            err(b"s\xff\xff\xff\xff"),
            "ValueError: bad marshal data (bytes object size out of range)"
        );
        assert_eq!(err(b"<\x01\x00\x00\x00[\x00\x00\x00\x00"), "TypeError: unhashable type: 'list'");
        assert_eq!(err(b"{NN"), "EOFError: EOF read where object expected");
        assert_eq!(
            err(&[b')', 1].repeat(2000).into_iter().chain([b'N']).collect::<Vec<_>>()),
            "ValueError: recursion limit exceeded"
        );
        assert!(loads(&[b')', 1].repeat(1999).into_iter().chain([b'N']).collect::<Vec<_>>()).is_ok());
    }

    #[test]
    fn odd_but_valid_forms() {
        assert_eq!(loads(b"I\x05\x00\x00\x00\x00\x00\x00\x00").unwrap(), Value::Int(5));
        assert_eq!(loads(b"f\x031.5").unwrap(), Value::Float(1.5));
        assert_eq!(loads(b"x\x031.5\x012").unwrap(), Value::Complex { re: 1.5, im: 2.0 });
        assert_eq!(loads(b"a\x01\x00\x00\x00\xff").unwrap(), Value::str("ÿ"));
        assert_eq!(loads(b"{0").unwrap(), Value::Dict(Arc::from(vec![])));
        assert_eq!(loads(b"{N0").unwrap(), Value::Dict(Arc::from(vec![])));
        assert_eq!(loads(b"\xce").unwrap(), Value::None);
        let shared = loads(b"\xa9\x03\xe9\x01\x00\x00\x00\xda\x02abr\x02\x00\x00\x00").unwrap();
        assert_eq!(shared, Value::tuple(vec![Value::Int(1), Value::str("ab"), Value::str("ab")]));
        // A list holding itself: CPython builds a cycle; constants cannot.
        assert_eq!(
            err(b"\xdb\x01\x00\x00\x00r\x00\x00\x00\x00"),
            "ValueError: bad marshal data (recursive reference unsupported)"
        );
    }

    #[test]
    fn round_trips() {
        let big = BigInt::from(-3) << 200u32;
        let values = vec![
            Value::None,
            Value::Bool(true),
            Value::Int(-7),
            Value::Int(1 << 40),
            Value::int(big),
            Value::Float(-0.0),
            Value::Complex { re: 1.0, im: f64::INFINITY },
            Value::str("héllo"),
            Value::Str(PyString::from_wtf8(b"\xed\xa0\x80").unwrap()),
            Value::str(&"x".repeat(300)),
            Value::Bytes(Arc::from(&b"\x00\xff"[..])),
            Value::List(Arc::from(vec![Value::Ellipsis, Value::StopIteration])),
            Value::Dict(Arc::from(vec![(Value::str("k"), Value::Int(1))])),
            Value::Set(Arc::from(vec![Value::Int(1)])),
            Value::FrozenSet(Arc::from(vec![])),
        ];
        let all = Value::tuple(values);
        assert_eq!(loads(&dumps(&all)).unwrap(), all);
        let shared = Value::tuple(vec![Value::Bytes(Arc::from(&b"abc"[..]))]);
        let twice = Value::tuple(vec![shared.clone(), shared.clone()]);
        let bytes = dumps(&twice);
        assert!(bytes.windows(1).any(|w| w[0] == TYPE_REF));
        assert_eq!(loads(&bytes).unwrap(), twice);
    }

    #[test]
    fn repeated_floats_are_references() {
        let floats =
            Value::tuple(vec![Value::Float(1.5), Value::Float(1.5), Value::Float(-0.0), Value::Float(0.0)]);
        let bytes = dumps(&floats);
        // Tuple header, 1.5 in full, a reference to it, -0.0 and 0.0 in full.
        assert_eq!(bytes.len(), 2 + 9 + 5 + 9 + 9);
        assert_eq!(loads(&bytes).unwrap(), floats);
    }

    /// The deepest data fits in a spawned thread's default stack (2 MiB;
    /// reading takes about 600 bytes per level, writing less).
    #[test]
    fn deepest_data_fits_a_small_stack() {
        let deep: Vec<u8> = [b'[', 1, 0, 0, 0].repeat(1999).into_iter().chain([b'N']).collect();
        let run = move || {
            let value = loads(&deep).unwrap();
            assert_eq!(dumps(&value), deep);
        };
        std::thread::Builder::new().stack_size(STACK).spawn(run).unwrap().join().unwrap();
    }

    const STACK: usize = 2 * 1024 * 1024;

    #[test]
    fn too_deep_to_write() {
        let mut v = Value::None;
        for _ in 0..2100 {
            v = Value::tuple(vec![v]);
        }
        assert_eq!(try_dumps(&v).unwrap_err().message, "object too deeply nested to marshal");
    }

    /// No input may panic: random, truncated and mutated data.
    #[test]
    fn fuzz_no_panic() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let sample = Value::tuple(vec![
            Value::str("name"),
            Value::Int(1 << 50),
            Value::Float(2.5),
            Value::Dict(Arc::from(vec![(Value::Int(1), Value::List(Arc::from(vec![Value::None])))])),
            Value::FrozenSet(Arc::from(vec![Value::Bytes(Arc::from(&b"b"[..]))])),
        ]);
        let seed_data = dumps(&sample);
        for len in 0..seed_data.len() {
            let _ = loads(&seed_data[..len]);
        }
        let alphabet = b"0NFTS.iIfgxylstr([{cu<>aA)zZ\x80\xa9\xe9\xff\x00\x01\x02";
        for round in 0..20_000 {
            let mut data = if round % 2 == 0 {
                seed_data.clone()
            } else {
                (0..rand() % 64).map(|_| alphabet[(rand() % alphabet.len() as u64) as usize]).collect()
            };
            for _ in 0..1 + rand() % 4 {
                if data.is_empty() {
                    break;
                }
                let i = (rand() % data.len() as u64) as usize;
                data[i] = if rand() % 2 == 0 {
                    rand() as u8
                } else {
                    alphabet[(rand() % alphabet.len() as u64) as usize]
                };
            }
            if let Ok(value) = loads(&data) {
                let written = dumps(&value);
                assert_eq!(dumps(&loads(&written).unwrap()), written);
            }
        }
        // Huge claimed sizes fail fast instead of allocating.
        for code in [b'(', b'[', b'<', b'>', b's', b'u', b'a', b'l'] {
            assert!(loads(&[code, 0xff, 0xff, 0xff, 0x7f]).is_err());
        }
    }
}
