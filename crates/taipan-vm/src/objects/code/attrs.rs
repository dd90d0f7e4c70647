//! The Python-visible side of `code` objects, as CPython 3.11's
//! `Objects/codeobject.c` shows it: the `co_*` attributes (read-only),
//! `co_lines()` / `co_positions()` from the location table, `co_lnotab`
//! (the deprecated pre-3.10 line table, rebuilt as CPython's
//! `decode_linetable` does), `replace(**changes)` with CPython's argument
//! checks, equality and hash (`code_richcompare`, `code_hash`) and
//! `_varname_from_oparg` (what `dis` uses to name cell and free variables).
//! The tables are read from the bytes the code value keeps as CPython's
//! (quickening lives elsewhere), so `co_code` is the bytecode without
//! specialisation; equality and `replace` work on the external
//! `CodeObject`, rebuilt (`CodeData::external`).

use super::{data, new_code, CodeData};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{self as objs, bytes, int, m, mk, str as pystr, tuple, Getter, Method, Setter};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, Constant, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL};
use taipan_bytecode::linetable::{self, Position};
use taipan_bytecode::pystring::PyString;

fn this(v: &Value) -> PyResult<&CodeData> {
    data(v).ok_or_else(|| exc::type_error("expected a code object"))
}

pub const METHODS: &[Method] = &[
    objs::new_method(code_new),
    m("__repr__", code_repr),
    m("__eq__", code_eq),
    m("__ne__", code_ne),
    m("__hash__", code_hash),
    m("co_lines", co_lines),
    m("co_positions", co_positions),
    mk("replace", code_replace),
    m("_varname_from_oparg", varname_from_oparg),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("co_name", |v| Ok(this(v)?.name.clone()), None),
    ("co_qualname", |v| Ok(this(v)?.qualname.clone()), None),
    ("co_filename", |v| Ok(this(v)?.filename.clone()), None),
    ("co_firstlineno", |v| Ok(int::from_i64(this(v)?.firstlineno as i64)), None),
    ("co_argcount", |v| Ok(int::from_usize(this(v)?.argcount)), None),
    ("co_posonlyargcount", |v| Ok(int::from_usize(this(v)?.posonlyargcount)), None),
    ("co_kwonlyargcount", |v| Ok(int::from_usize(this(v)?.kwonlyargcount)), None),
    ("co_nlocals", |v| Ok(int::from_usize(nlocals(this(v)?))), None),
    ("co_flags", |v| Ok(int::from_i64(this(v)?.flags as i64)), None),
    ("co_stacksize", |v| Ok(int::from_usize(this(v)?.stacksize)), None),
    ("co_consts", |v| Ok(tuple::new(this(v)?.consts.to_vec())), None),
    ("co_names", |v| Ok(tuple::new(this(v)?.names.to_vec())), None),
    ("co_varnames", |v| names_tuple(v, CO_FAST_LOCAL), None),
    ("co_cellvars", |v| names_tuple(v, CO_FAST_CELL), None),
    ("co_freevars", |v| names_tuple(v, CO_FAST_FREE), None),
    ("co_code", |v| Ok(bytes::new(this(v)?.co_code.to_vec())), None),
    // CPython's specialised form; ours lives apart, so it reads as co_code.
    ("_co_code_adaptive", |v| Ok(bytes::new(this(v)?.co_code.to_vec())), None),
    ("co_linetable", |v| Ok(bytes::new(this(v)?.linetable.to_vec())), None),
    ("co_exceptiontable", |v| Ok(bytes::new(this(v)?.exceptiontable.to_vec())), None),
    ("co_lnotab", |v| Ok(bytes::new(lnotab(this(v)?))), None),
];

/// `co_nlocals`: the locals-plus entries that are locals.
fn nlocals(c: &CodeData) -> usize {
    c.kinds.iter().filter(|&&k| k & CO_FAST_LOCAL != 0).count()
}

/// The locals-plus names whose kind has the bit `kind`, in order.
fn names_tuple(v: &Value, kind: u8) -> PyResult<Value> {
    let c = this(v)?;
    let pairs = c.localsplus_names.iter().zip(c.kinds.iter());
    Ok(tuple::new(pairs.filter(|(_, k)| **k & kind != 0).map(|(n, _)| n.clone()).collect()))
}

fn code_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = this(&args[0])?;
    Ok(pystr::from_string(format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        pystr::as_str(&c.name).unwrap_or("?"),
        args[0].bits(),
        pystr::as_str(&c.filename).unwrap_or("?"),
        c.firstlineno
    )))
}

// ---------------------------------------------------------------------------
// Line and position tables

/// An int, or `None` for CPython's -1.
fn int_or_none(n: i32) -> Value {
    if n < 0 {
        rt().none.clone()
    } else {
        int::from_i64(i64::from(n))
    }
}

/// `co_lines()`: `(start, end, line)` per location entry, in bytes.
fn co_lines(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = this(&args[0])?;
    let items = c
        .lines()
        .into_iter()
        .map(|(start, end, line)| {
            tuple::new(vec![
                int::from_i64(i64::from(start) * 2),
                int::from_i64(i64::from(end) * 2),
                int_or_none(line),
            ])
        })
        .collect();
    crate::ops::iter(&objs::list::new(items))
}

/// `co_positions()`: `(line, end_line, col, end_col)` per code unit.
fn co_positions(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = this(&args[0])?;
    let positions = c.positions().unwrap_or_default();
    let items = positions.iter().map(position_tuple).collect();
    crate::ops::iter(&objs::list::new(items))
}

fn position_tuple(p: &Position) -> Value {
    tuple::new([p.line, p.end_line, p.col, p.end_col].into_iter().map(int_or_none).collect())
}

/// `co_lnotab`: (byte delta, line delta) pairs at each change of the
/// running line (no-line entries keep it), deltas split as CPython's
/// `emit_delta` splits them.
fn lnotab(code: &CodeData) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut offset, mut line) = (0i64, i64::from(code.firstlineno));
    let mut running = line;
    let entries = linetable::decode(&code.linetable, code.firstlineno).unwrap_or_default();
    let mut start = 0i64;
    for entry in entries {
        if entry.position != Position::NONE {
            running = i64::from(entry.position.line);
        }
        if running != line {
            emit_delta(&mut out, start - offset, running - line);
            offset = start;
            line = running;
        }
        start += i64::from(entry.length) * 2;
    }
    out
}

fn emit_delta(out: &mut Vec<u8>, mut bdelta: i64, mut ldelta: i64) {
    while bdelta > 255 {
        out.extend([255, 0]);
        bdelta -= 255;
    }
    while ldelta > 127 {
        out.extend([bdelta as u8, 127]);
        bdelta = 0;
        ldelta -= 127;
    }
    while ldelta < -128 {
        out.extend([bdelta as u8, (-128i8) as u8]);
        bdelta = 0;
        ldelta += 128;
    }
    out.extend([bdelta as u8, ldelta as i8 as u8]);
}

fn varname_from_oparg(args: &[Value], _: &[Value]) -> PyResult<Value> {
    objs::check_args("_varname_from_oparg", args, 2, 2)?;
    let c = this(&args[0])?;
    let i = int::to_i64(&int::index(&args[1])?).unwrap_or(-1);
    usize::try_from(i)
        .ok()
        .and_then(|i| c.localsplus_names.get(i).cloned())
        .ok_or_else(|| exc::index_error("tuple index out of range"))
}

// ---------------------------------------------------------------------------
// Equality and hash

fn code_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, false)
}

fn code_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, true)
}

fn compare(args: &[Value], negate: bool) -> PyResult<Value> {
    objs::check_args("__eq__", args, 2, 2)?;
    let (Some(a), Some(b)) = (data(&args[0]), data(&args[1])) else {
        return Ok(rt().not_implemented.clone());
    };
    let same = args[0].is(&args[1]) || same_code(&a.external()?, &b.external()?);
    Ok(rt().bool_value(same != negate))
}

/// `code_richcompare`: name, argument counts, flags, first line, code
/// bytes, constants by constant key, names, locals-plus names, location
/// and exception tables.
fn same_code(a: &CodeObject, b: &CodeObject) -> bool {
    std::ptr::eq(a, b)
        || (a.co_name == b.co_name
            && a.co_argcount == b.co_argcount
            && a.co_posonlyargcount == b.co_posonlyargcount
            && a.co_kwonlyargcount == b.co_kwonlyargcount
            && a.co_flags == b.co_flags
            && a.co_firstlineno == b.co_firstlineno
            && a.co_code == b.co_code
            && same_items(&a.co_consts, &b.co_consts)
            && a.co_names == b.co_names
            && a.co_localsplusnames == b.co_localsplusnames
            && a.co_linetable == b.co_linetable
            && a.co_exceptiontable == b.co_exceptiontable)
}

fn same_items(a: &[Constant], b: &[Constant]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_constant(x, y))
}

/// Equality of CPython's `_PyCode_ConstantKey`s: `1`, `1.0` and `True`
/// differ, so do `0.0` and `-0.0`; code objects compare by value, lists,
/// sets and dicts (only `replace` puts them there) by identity.
fn same_constant(a: &Constant, b: &Constant) -> bool {
    use Constant as C;
    let same_float = |x: f64, y: f64| x.to_bits() == y.to_bits() || (x == y && x != 0.0);
    match (a, b) {
        (C::None, C::None) | (C::Ellipsis, C::Ellipsis) | (C::StopIteration, C::StopIteration) => true,
        (C::Bool(x), C::Bool(y)) => x == y,
        (C::Int(x), C::Int(y)) => x == y,
        (C::BigInt(x), C::BigInt(y)) => x == y,
        (C::Float(x), C::Float(y)) => same_float(*x, *y),
        (C::Complex { re: a, im: b }, C::Complex { re: c, im: d }) => {
            same_float(*a, *c) && same_float(*b, *d)
        }
        (C::Str(x), C::Str(y)) => x == y,
        (C::Bytes(x), C::Bytes(y)) => x == y,
        (C::Tuple(x), C::Tuple(y)) => same_items(x, y),
        (C::FrozenSet(x), C::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| same_constant(p, q)))
        }
        (C::Code(x), C::Code(y)) => same_code(x, y),
        (C::List(x), C::List(y)) | (C::Set(x), C::Set(y)) => Arc::ptr_eq(x, y),
        (C::Dict(x), C::Dict(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// `code_hash`: the hashes of the name, constants, names, locals-plus
/// names and exception table, xor the counts and flags.
fn code_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let c = this(&args[0])?;
    let hash = crate::ops::hash;
    let mut h = hash(&c.name)?
        ^ hash(&tuple::new(c.consts.to_vec()))?
        ^ hash(&tuple::new(c.names.to_vec()))?
        ^ hash(&tuple::new(c.localsplus_names.to_vec()))?
        ^ crate::hashing::hash_bytes(&c.exceptiontable);
    h ^= (c.argcount ^ c.posonlyargcount ^ c.kwonlyargcount) as i64 ^ i64::from(c.flags);
    Ok(int::from_i64(if h == -1 { -2 } else { h }))
}

// ---------------------------------------------------------------------------
// replace()

/// The keyword arguments of `replace`, in CPython's order.
const REPLACE_FIELDS: &[&str] = &[
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_firstlineno",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_freevars",
    "co_cellvars",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_linetable",
    "co_exceptiontable",
];

/// The integer fields checked for negative values, in CPython's order:
/// the first seven of `replace`'s.
const INT_FIELDS: &[&str] = REPLACE_FIELDS.split_at(7).0;

/// `code.replace(**changes)`: a new code object with the given fields.
fn code_replace(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = objs::split_kwargs(args, kwnames);
    let c = this(&pos[0])?;
    if pos.len() > 1 {
        return Err(exc::type_error("replace() takes no positional arguments"));
    }
    let mut changes: Vec<(&str, &Value)> = Vec::with_capacity(kws.len());
    for (name, value) in kws {
        if !REPLACE_FIELDS.contains(&name) {
            return Err(exc::type_error(format!("'{name}' is an invalid keyword argument for replace()")));
        }
        check_type(name, value)?;
        changes.push((name, value));
    }
    let get = |field: &str| changes.iter().find(|(n, _)| *n == field).map(|(_, v)| *v);
    let mut ints = Vec::with_capacity(INT_FIELDS.len());
    for field in INT_FIELDS {
        ints.push(match get(field) {
            Some(v) => Some(c_int(v)?),
            None => None,
        });
    }
    for (field, n) in INT_FIELDS.iter().zip(&ints) {
        if n.is_some_and(|n| n < 0) {
            return Err(exc::value_error(format!("{field} must be a positive integer")));
        }
    }
    build(c.external()?, &ints, &get)
}

/// `template` with the fields given (`ints` in `INT_FIELDS` order),
/// checked, as a new code value.
fn build<'a>(
    mut code: CodeObject,
    ints: &[Option<i32>],
    get: &impl Fn(&str) -> Option<&'a Value>,
) -> PyResult<Value> {
    let int_of = |i: usize, old: u32| ints[i].map_or(old, |n| n as u32);
    code.co_argcount = int_of(0, code.co_argcount);
    code.co_posonlyargcount = int_of(1, code.co_posonlyargcount);
    code.co_kwonlyargcount = int_of(2, code.co_kwonlyargcount);
    code.co_stacksize = int_of(4, code.co_stacksize);
    code.co_flags = int_of(5, code.co_flags);
    code.co_firstlineno = ints[6].unwrap_or(code.co_firstlineno);
    apply_tables(&mut code, get)?;
    apply_names(&mut code, get)?;
    check_code(&code)?;
    new_code(Arc::new(code))
}

// ---------------------------------------------------------------------------
// code(...)

/// The parameters of `code(...)`, in order (the last two optional).
const NEW_FIELDS: &[&str] = &[
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_firstlineno",
    "co_linetable",
    "co_exceptiontable",
    "co_freevars",
    "co_cellvars",
];

/// `code(argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize,
/// flags, codestring, constants, names, varnames, filename, name,
/// qualname, firstlineno, linetable, exceptiontable, freevars=(),
/// cellvars=(), /)` with CPython's checks (`code_new_impl`).
fn code_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("code() takes no keyword arguments"));
    }
    let given = &args[1..];
    if given.len() < 16 || given.len() > 18 {
        let (bound, n) =
            if given.len() < 16 { ("at least 16", given.len()) } else { ("at most 18", given.len()) };
        return Err(exc::type_error(format!("code expected {bound} arguments, got {n}")));
    }
    let mut ints = vec![None; INT_FIELDS.len()];
    for (i, (field, v)) in NEW_FIELDS.iter().zip(given).enumerate() {
        match INT_FIELDS.iter().position(|f| f == field) {
            Some(k) => ints[k] = Some(c_int(v)?),
            None => check_new_type(i + 1, field, v)?,
        }
    }
    for (field, n) in INT_FIELDS.iter().zip(&ints).take(4) {
        if n.is_some_and(|n| n < 0) {
            let name = field.trim_start_matches("co_");
            return Err(exc::value_error(format!("code: {name} must not be negative")));
        }
    }
    if ints[4].is_some_and(|n| n < 0) || ints[5].is_some_and(|n| n < 0) {
        return Err(exc::system_error("bad argument to internal function"));
    }
    for (field, v) in NEW_FIELDS.iter().zip(given) {
        if field.ends_with("names") || field.ends_with("vars") {
            check_name_tuple(v)?;
        }
    }
    let get = |field: &str| NEW_FIELDS.iter().position(|f| *f == field).and_then(|i| given.get(i));
    build(empty_code(), &ints, &get)
}

/// The argument-clinic type check of argument `n` of `code(...)`.
fn check_new_type(n: usize, field: &str, value: &Value) -> PyResult<()> {
    check_type(field, value).map_err(|_| {
        let r = rt();
        let expected = match field {
            "co_code" | "co_linetable" | "co_exceptiontable" => "bytes",
            "co_filename" | "co_name" | "co_qualname" => "str",
            _ => "tuple",
        };
        let got = if value.is(&r.none) { "None".to_string() } else { type_name(value).to_string() };
        exc::type_error(format!("code() argument {n} must be {expected}, not {got}"))
    })
}

/// `validate_and_copy_tuple`: names must be strs.
fn check_name_tuple(v: &Value) -> PyResult<()> {
    match tuple::items(v).unwrap_or(&[]).iter().find(|x| !pystr::is_str(x)) {
        Some(x) => {
            Err(exc::type_error(format!("name tuples must contain only strings, not '{}'", type_name(x))))
        }
        None => Ok(()),
    }
}

/// A code object with every field empty (what `code(...)` fills in).
fn empty_code() -> CodeObject {
    let empty = PyString::from("");
    CodeObject {
        co_argcount: 0,
        co_posonlyargcount: 0,
        co_kwonlyargcount: 0,
        co_stacksize: 0,
        co_flags: 0,
        co_code: Arc::from(&[][..]),
        co_consts: Arc::from(Vec::new()),
        co_names: Arc::from(Vec::new()),
        co_localsplusnames: Arc::from(Vec::new()),
        co_localspluskinds: Arc::from(&[][..]),
        co_filename: empty.clone(),
        co_name: empty.clone(),
        co_qualname: empty,
        co_firstlineno: 0,
        co_linetable: Arc::from(&[][..]),
        co_exceptiontable: Arc::from(&[][..]),
    }
}

/// The argument-clinic type check of a `replace` keyword.
fn check_type(name: &str, value: &Value) -> PyResult<()> {
    let r = rt();
    let expected = match name {
        "co_code" | "co_linetable" | "co_exceptiontable" => ("bytes", &r.types.bytes),
        "co_consts" | "co_names" | "co_varnames" | "co_freevars" | "co_cellvars" => ("tuple", &r.types.tuple),
        "co_filename" | "co_name" | "co_qualname" => ("str", &r.types.str),
        _ => return Ok(()),
    };
    if crate::types::is_instance(value, expected.1) {
        return Ok(());
    }
    // Argument clinic names None as such, not as its type.
    let got = if value.is(&r.none) { "None".to_string() } else { type_name(value).to_string() };
    Err(exc::type_error(format!("replace() argument '{name}' must be {}, not {got}", expected.0)))
}

/// A C `int` argument (`_PyLong_AsInt`).
fn c_int(v: &Value) -> PyResult<i32> {
    let n = int::index(v)?;
    int::to_i64(&n)
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| exc::overflow_error("Python int too large to convert to C int"))
}

/// `co_code`, `co_consts`, the tables, file name, name and qualified name.
fn apply_tables<'a>(code: &mut CodeObject, get: &impl Fn(&str) -> Option<&'a Value>) -> PyResult<()> {
    let bytes_of = |v: &Value| Arc::from(bytes::as_bytes(v).unwrap_or(&[]));
    if let Some(v) = get("co_code") {
        code.co_code = bytes_of(v);
    }
    if let Some(v) = get("co_linetable") {
        code.co_linetable = bytes_of(v);
    }
    if let Some(v) = get("co_exceptiontable") {
        code.co_exceptiontable = bytes_of(v);
    }
    if let Some(v) = get("co_consts") {
        let items = tuple::items(v).unwrap_or(&[]);
        code.co_consts = items
            .iter()
            .map(|x| crate::modules::marshal::value_to_constant(x, 0))
            .collect::<PyResult<_>>()?;
    }
    for (field, slot) in [
        ("co_filename", &mut code.co_filename),
        ("co_name", &mut code.co_name),
        ("co_qualname", &mut code.co_qualname),
    ] {
        if let Some(v) = get(field) {
            *slot = py_string(v).ok_or_else(non_string)?;
        }
    }
    Ok(())
}

/// `co_names`, and the locals-plus names and kinds rebuilt from
/// `co_varnames`, `co_cellvars` and `co_freevars` (each defaulting to the
/// current one), as CPython's `_PyCode_Validate` / `init_localsplus` do.
fn apply_names<'a>(code: &mut CodeObject, get: &impl Fn(&str) -> Option<&'a Value>) -> PyResult<()> {
    if let Some(v) = get("co_names") {
        code.co_names = strings(v)?.into();
    }
    let pick = |field: &str, old: Vec<PyString>| get(field).map_or(Ok(old), strings);
    let varnames = pick("co_varnames", code.co_varnames())?;
    let cellvars = pick("co_cellvars", code.co_cellvars())?;
    let freevars = pick("co_freevars", code.co_freevars())?;
    let mut names = varnames.clone();
    let mut kinds = vec![CO_FAST_LOCAL; varnames.len()];
    for cell in cellvars {
        match varnames.iter().position(|n| *n == cell) {
            Some(i) => kinds[i] |= CO_FAST_CELL,
            None => {
                names.push(cell);
                kinds.push(CO_FAST_CELL);
            }
        }
    }
    kinds.extend(std::iter::repeat_n(CO_FAST_FREE, freevars.len()));
    names.extend(freevars);
    code.co_localsplusnames = names.into();
    code.co_localspluskinds = kinds.into();
    Ok(())
}

fn non_string() -> crate::exceptions::PyErr {
    exc::system_error("non-string found in code slot")
}

fn py_string(v: &Value) -> Option<PyString> {
    pystr::text(v).and_then(|t| PyString::from_wtf8(&t.to_wtf8()))
}

/// The items of a tuple of strs.
fn strings(v: &Value) -> PyResult<Vec<PyString>> {
    tuple::items(v).unwrap_or(&[]).iter().map(|x| py_string(x).ok_or_else(non_string)).collect()
}

/// CPython's `_PyCode_Validate` checks, then the verifier (the eval loop
/// runs only verified bytecode, so what CPython would run and crash on is
/// refused here).
fn check_code(code: &CodeObject) -> PyResult<()> {
    if code.co_argcount < code.co_posonlyargcount {
        return Err(exc::system_error("bad argument to internal function"));
    }
    if code.co_code.len() % 2 != 0 {
        return Err(exc::value_error("code: co_code is malformed"));
    }
    let flags = code.co_flags;
    let extra = u32::from(flags & taipan_bytecode::code::CO_VARARGS != 0)
        + u32::from(flags & taipan_bytecode::code::CO_VARKEYWORDS != 0);
    let needed = u64::from(code.co_argcount) + u64::from(code.co_kwonlyargcount) + u64::from(extra);
    if (code.co_nlocals() as u64) < needed {
        return Err(exc::value_error("code: co_varnames is too small"));
    }
    taipan_bytecode::verify::verify(code)
        .map_err(|e| exc::value_error(format!("code: invalid code object: {e}")))
}
