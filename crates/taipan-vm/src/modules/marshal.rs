//! The `marshal` module: `dumps`, `loads`, `dump`, `load`, `version`, in
//! CPython 3.11's format (version 4) through `taipan_bytecode::marshal`.
//! Values cross as `Constant`s. Marshal data is untrusted input: a code
//! object read by `loads`/`load` is verified (`verify.rs`) before it can
//! become a code value, so no marshalled file can crash the VM. Module
//! functions receive the module as `args[0]`.

use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::{bytes, check_args, dict, int, list, m, module, set, str as pystr, tuple, Method};
use crate::runtime::rt;
use crate::types::{type_name, type_of};
use crate::value::Value;
use std::sync::Arc;
use taipan_bytecode::marshal::{self, MarshalError, MarshalErrorKind};
use taipan_bytecode::{Constant, PyString};

const FUNCTIONS: &[Method] =
    &[m("dumps", marshal_dumps), m("loads", marshal_loads), m("dump", marshal_dump), m("load", marshal_load)];

/// Builds the `marshal` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_module("marshal");
    let d = module::dict_of(&md).ok_or_else(|| exc::system_error("module without a namespace"))?;
    for row in FUNCTIONS {
        let f = crate::objects::function::new_builtin(row.name, row.func, row.kw, md.clone());
        dict::set_str(&d, row.name, f);
    }
    dict::set_str(&d, "version", int::from_i64(marshal::VERSION as i64));
    Ok(md)
}

/// `marshal.dumps(value[, version])`.
fn marshal_dumps(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("dumps", args, 2, 3)?;
    Ok(bytes::new(dumps_value(&args[1])?))
}

/// `marshal.loads(bytes)`: the first value in the data.
fn marshal_loads(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("loads", args, 2, 2)?;
    let data = bytes_arg(&args[1])?;
    let (value, _) = marshal::loads_prefix(&data).map_err(|e| marshal_error(&e))?;
    constant_to_value(&value)
}

/// `marshal.dump(value, file[, version])`: `file.write(dumps(value))`.
fn marshal_dump(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("dump", args, 3, 4)?;
    let data = bytes::new(dumps_value(&args[1])?);
    crate::attr::call_method(&args[2], "write", &[data])?;
    Ok(rt().none.clone())
}

/// `marshal.load(file)`: reads the rest of the file, takes one value and
/// seeks back over what it did not use (when the file can seek).
fn marshal_load(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("load", args, 2, 2)?;
    let data = crate::attr::call_method(&args[1], "read", &[])?;
    let data = bytes_arg(&data)?;
    let (value, used) = marshal::loads_prefix(&data).map_err(|e| marshal_error(&e))?;
    if used < data.len() {
        let back = int::from_i64(used as i64 - data.len() as i64);
        crate::attr::call_method(&args[1], "seek", &[back, int::from_i64(1)])?;
    }
    constant_to_value(&value)
}

fn bytes_arg(v: &Value) -> PyResult<Vec<u8>> {
    bytes::as_bytes(v)
        .map(<[u8]>::to_vec)
        .ok_or_else(|| exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v))))
}

fn dumps_value(v: &Value) -> PyResult<Vec<u8>> {
    let c = value_to_constant(v, 0)?;
    marshal::try_dumps(&c).map_err(|e| marshal_error(&e))
}

/// The Python exception for a marshal error.
pub fn marshal_error(e: &MarshalError) -> PyErr {
    let r = rt();
    let ty = match e.kind {
        MarshalErrorKind::Eof => &r.exc.eof_error,
        MarshalErrorKind::Type => &r.exc.type_error,
        MarshalErrorKind::Value | MarshalErrorKind::UnicodeDecode => &r.exc.value_error,
    };
    exc::with_msg(ty, e.message.clone())
}

/// A value read from marshal data; code objects are verified first.
pub fn constant_to_value(c: &Constant) -> PyResult<Value> {
    verify_codes(c)?;
    crate::objects::code::constant_value(c)
}

/// Verifies every code object reachable from `c` (outside code objects:
/// `verify` itself walks the constants of each code).
fn verify_codes(c: &Constant) -> PyResult<()> {
    match c {
        Constant::Code(code) => taipan_bytecode::verify::verify(code)
            .map_err(|e| exc::value_error(format!("bad marshal data (invalid code object: {e})"))),
        Constant::Tuple(items)
        | Constant::FrozenSet(items)
        | Constant::List(items)
        | Constant::Set(items) => items.iter().try_for_each(verify_codes),
        Constant::Dict(pairs) => pairs.iter().try_for_each(|(k, v)| {
            verify_codes(k)?;
            verify_codes(v)
        }),
        _ => Ok(()),
    }
}

/// Marshal's nesting limit for writing (CPython's `MAX_MARSHAL_STACK_DEPTH`).
const MAX_DEPTH: usize = marshal::MAX_MARSHAL_STACK_DEPTH;

/// A value as a marshallable `Constant` (exact builtin types only, as
/// CPython's `w_object`; subclasses are written as their base, except
/// that CPython refuses them too for most types: "unmarshallable object").
pub fn value_to_constant(v: &Value, depth: usize) -> PyResult<Constant> {
    if depth > MAX_DEPTH {
        return Err(exc::value_error("object too deeply nested to marshal"));
    }
    let r = rt();
    let items = |vs: &[Value]| -> PyResult<Arc<[Constant]>> {
        vs.iter().map(|x| value_to_constant(x, depth + 1)).collect::<PyResult<Vec<_>>>().map(Arc::from)
    };
    let ty = type_of(v);
    Ok(if v.is(&r.none) {
        Constant::None
    } else if v.is(&r.ellipsis) {
        Constant::Ellipsis
    } else if v.is(&r.true_) || v.is(&r.false_) {
        Constant::Bool(v.is(&r.true_))
    } else if v.is(&r.exc.stop_iteration) {
        Constant::StopIteration
    } else if let Some(f) = v.as_float() {
        Constant::Float(f)
    } else if ty.is(&r.types.int) {
        let b = int::to_bigint(v).unwrap_or_default();
        match i64::try_from(&b) {
            Ok(i) => Constant::Int(i),
            Err(_) => Constant::BigInt(Arc::new(b)),
        }
    } else if ty.is(&r.types.float) {
        Constant::Float(crate::objects::float::to_f64(v).unwrap_or(0.0))
    } else if ty.is(&r.types.str) {
        let text = pystr::text(v).map(|t| t.to_wtf8()).unwrap_or_default();
        Constant::Str(PyString::from_wtf8(&text).unwrap_or_else(|| PyString::from_latin1(b"")))
    } else if ty.is(&r.types.bytes) {
        Constant::Bytes(Arc::from(bytes::as_bytes(v).unwrap_or(&[])))
    } else if ty.is(&r.types.tuple) {
        Constant::Tuple(items(tuple::items(v).unwrap_or(&[]))?)
    } else if ty.is(&r.types.list) {
        Constant::List(items(&list::snapshot(v).unwrap_or_default())?)
    } else if ty.is(&r.types.set) || ty.is(&r.types.frozenset) {
        let members = items(&set::items_of(v).unwrap_or_default())?;
        if ty.is(&r.types.set) {
            Constant::Set(members)
        } else {
            Constant::FrozenSet(members)
        }
    } else if ty.is(&r.types.dict) {
        let pairs = dict::data(v).map(|d| d.items()).unwrap_or_default();
        let pairs = pairs
            .iter()
            .map(|(k, x)| Ok((value_to_constant(k, depth + 1)?, value_to_constant(x, depth + 1)?)))
            .collect::<PyResult<Vec<_>>>()?;
        Constant::Dict(Arc::from(pairs))
    } else if let Some(code) = crate::objects::code::data(v) {
        Constant::Code(Arc::new(code.to_code_object(|c| value_to_constant(c, depth + 1))?))
    } else {
        return Err(exc::value_error("unmarshallable object"));
    })
}
