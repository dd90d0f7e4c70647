//! The builtin object types, one file per type (payload struct, constructor
//! helpers, and the type's method table `METHODS`, the one source of truth
//! for what the type offers). `install_methods` puts every table into its
//! type's `__dict__` at boot.
//!
//! Adding a builtin method: write `fn name(args: &[Value], kw: &[Value]) ->
//! PyResult<Value>` in the type's file (args[0] is self) and add a row to
//! its `METHODS` table.

pub mod bytearray;
pub mod bytes;
pub mod code;
pub mod complex;
pub mod coroutine;
pub mod descr;
pub mod dict;
pub mod exc_objects;
pub mod float;
pub mod frame_object;
pub mod function;
pub mod generator;
pub mod genericalias;
pub mod int;
pub mod iter;
pub mod list;
pub mod mappingproxy;
pub mod memoryview;
pub mod module;
pub mod object;
pub mod os_error;
pub mod range;
pub mod set;
pub mod sizeof;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod weakref;

use crate::exceptions::{self as exc, PyResult};
use crate::runtime::Runtime;
use crate::value::Value;

/// A native function: positional args (self first for methods), then the
/// keyword values; `kwnames` names the last `kwnames.len()` args.
pub type NativeFn = fn(&[Value], &[Value]) -> PyResult<Value>;

/// A native getter / setter of a `getset_descriptor`.
pub type Getter = fn(&Value) -> PyResult<Value>;
pub type Setter = fn(&Value, Value) -> PyResult<()>;

/// One row of a method table.
pub struct Method {
    pub name: &'static str,
    pub func: NativeFn,
    /// Whether keyword arguments are accepted.
    pub kw: bool,
    pub kind: MethodKind,
    /// CPython 3.11's calling convention for the function (`Counted`
    /// unless the row says `.fast()`).
    pub conv: Conv,
}

/// CPython 3.11's calling convention of a native function (its `METH_*`
/// flags), which decides whether a call counts against the recursion
/// limit: CPython counts every call of a C function, except at a CALL site
/// it has specialised for a `METH_FASTCALL` callee (`PRECALL_BUILTIN_FAST`,
/// `PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST`, …). `crate::call` applies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conv {
    /// `METH_O`, `METH_NOARGS`, `METH_VARARGS` (with or without
    /// `METH_KEYWORDS`): every call counts.
    Counted,
    /// `METH_FASTCALL` (with or without `METH_KEYWORDS`).
    Fast,
}

impl Method {
    /// The row with CPython's `METH_FASTCALL` convention (see [`Conv`]).
    pub const fn fast(self) -> Method {
        Method { conv: Conv::Fast, ..self }
    }
}

/// How a method table row is exposed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    /// An instance method: a `wrapper_descriptor` when its name is a slot's
    /// (`int.__add__`), else a `method_descriptor` (`str.join`).
    Instance,
    /// An instance method that CPython defines explicitly beside the slot
    /// of the same name (METH_COEXIST, e.g. `list.__getitem__`): always a
    /// `method_descriptor`.
    Coexist,
    /// Called with the class first, never bound (`__new__`).
    Static,
    /// A classmethod (`dict.fromkeys`).
    Class,
}

/// An instance method row.
pub const fn m(name: &'static str, func: NativeFn) -> Method {
    Method { name, func, kw: false, kind: MethodKind::Instance, conv: Conv::Counted }
}

/// An instance method row that stays a `method_descriptor` although a slot
/// has its name (see `MethodKind::Coexist`).
pub const fn mc(name: &'static str, func: NativeFn) -> Method {
    Method { name, func, kw: false, kind: MethodKind::Coexist, conv: Conv::Counted }
}

/// An instance method row accepting keywords.
pub const fn mk(name: &'static str, func: NativeFn) -> Method {
    Method { name, func, kw: true, kind: MethodKind::Instance, conv: Conv::Counted }
}

/// A `__new__` row (static, keywords allowed).
pub const fn new_method(func: NativeFn) -> Method {
    Method { name: "__new__", func, kw: true, kind: MethodKind::Static, conv: Conv::Counted }
}

/// A classmethod row.
pub const fn cm(name: &'static str, func: NativeFn) -> Method {
    Method { name, func, kw: true, kind: MethodKind::Class, conv: Conv::Counted }
}

/// Puts a method table and getset table into a type's dict.
pub fn install(ty: &Value, methods: &[Method], getsets: &[(&'static str, Getter, Option<Setter>)]) {
    let d = crate::types::type_payload(ty).dict();
    for row in methods {
        let f = match row.kind {
            MethodKind::Instance if function::is_slot_wrapper_name(row.name) => {
                function::new_wrapper_descriptor(row.name, row.func, row.kw, ty)
            }
            MethodKind::Instance | MethodKind::Coexist => {
                function::new_method_descriptor(row.name, row.func, row.kw, row.conv, ty)
            }
            MethodKind::Static => {
                function::new_builtin_owned(row.name, row.func, row.kw, row.conv, Value::NULL, ty.clone())
            }
            MethodKind::Class => descr::new_classmethod(function::new_method_descriptor(
                row.name, row.func, row.kw, row.conv, ty,
            )),
        };
        dict::set_str(d, row.name, f);
    }
    for (name, get, set) in getsets {
        dict::set_str(d, name, descr::new_getset(name, *get, *set));
    }
}

/// Installs every builtin type's method table.
pub fn install_methods(r: &Runtime) {
    let t = &r.types;
    object::install_all(r);
    install(&t.int, int::METHODS, int::GETSETS);
    install(&t.bool_, int::BOOL_METHODS, &[]);
    install(&t.float, float::METHODS, float::GETSETS);
    install(&t.str, str::METHODS, &[]);
    install(&t.bytes, bytes::METHODS, &[]);
    install(&t.bytes, bytes::SHARED_METHODS, &[]);
    install(&t.bytearray, bytearray::METHODS, &[]);
    install(&t.bytearray, bytes::SHARED_METHODS, &[]);
    install(&t.memoryview, memoryview::METHODS, memoryview::GETSETS);
    install(&t.list, list::METHODS, &[]);
    install(&t.tuple, tuple::METHODS, &[]);
    install(&t.dict, dict::METHODS, &[]);
    install(&t.dict_keys, dict::VIEW_METHODS, &[]);
    install(&t.dict_values, dict::VIEW_METHODS, &[]);
    install(&t.dict_items, dict::VIEW_METHODS, &[]);
    install(&t.set, set::SET_METHODS, &[]);
    install(&t.set, set::SHARED_METHODS, &[]);
    install(&t.frozenset, set::FROZENSET_METHODS, &[]);
    install(&t.frozenset, set::SHARED_METHODS, &[]);
    install(&t.range, range::METHODS, range::GETSETS);
    install(&t.slice, slice::METHODS, slice::GETSETS);
    install(&t.function, function::FUNCTION_METHODS, function::FUNCTION_GETSETS);
    install(&t.method, function::METHOD_METHODS, function::METHOD_GETSETS);
    install(&t.builtin_function, function::BUILTIN_METHODS, function::BUILTIN_GETSETS);
    install(&t.method_descriptor, function::DESCRIPTOR_METHODS, function::DESCRIPTOR_GETSETS);
    install(&t.wrapper_descriptor, function::WRAPPER_METHODS, function::DESCRIPTOR_GETSETS);
    install(&t.method_wrapper, function::METHOD_WRAPPER_METHODS, function::DESCRIPTOR_GETSETS);
    install(&t.cell, &[], function::CELL_GETSETS);
    install(&t.code, code::METHODS, code::GETSETS);
    install(&t.generator, generator::METHODS, generator::GETSETS);
    coroutine::install_types(t);
    install(&t.property, descr::PROPERTY_METHODS, descr::PROPERTY_GETSETS);
    install(&t.classmethod, descr::CLASSMETHOD_METHODS, descr::WRAPPER_GETSETS);
    install(&t.staticmethod, descr::STATICMETHOD_METHODS, descr::WRAPPER_GETSETS);
    install(&t.super_, descr::SUPER_METHODS, &[]);
    install(&t.getset_descriptor, descr::GETSET_METHODS, &[]);
    install(&t.module, module::METHODS, module::GETSETS);
    install(&t.traceback, &[], exc_objects::TRACEBACK_GETSETS);
    install(&t.frame, frame_object::METHODS, frame_object::GETSETS);
    iter::install_all(r);
    genericalias::install(r);
    for ty in [&t.list, &t.dict, &t.set, &t.bytearray] {
        dict::set_str(crate::types::type_payload(ty).dict(), "__hash__", r.none.clone());
    }
    let ftd = crate::types::type_payload(&t.function);
    ftd.flags.set(ftd.flags.get() | crate::types::TF_HAS_DICT);
}

/// Checks the count of positional args (self included) of a native method.
pub fn check_args(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    // Counts exclude self, as CPython's messages do.
    let (min, max, n) = (min.saturating_sub(1), max.saturating_sub(1), n.saturating_sub(1));
    Err(exc::type_error(if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
    }))
}

/// Splits a native call's args into positional args and `(name, value)` pairs.
pub fn split_kwargs<'a>(args: &'a [Value], kwnames: &'a [Value]) -> (&'a [Value], Vec<(&'a str, &'a Value)>) {
    let npos = args.len() - kwnames.len();
    let kws = kwnames.iter().zip(&args[npos..]).map(|(k, v)| (str::as_str(k).unwrap_or(""), v)).collect();
    (&args[..npos], kws)
}

/// Binds a method's arguments (`args[0]` is `self`) to `params`,
/// positionally then by keyword, as borrowed values; `None` = omitted.
/// Errors are CPython's for a method `name` parsed with
/// `PyArg_ParseTupleAndKeywords`.
pub fn bind_method_args<'a>(
    name: &str,
    args: &'a [Value],
    kwnames: &'a [Value],
    params: &[&str],
) -> PyResult<Vec<Option<&'a Value>>> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let given = pos.len().saturating_sub(1);
    if given > params.len() {
        return Err(exc::type_error(format!(
            "{name}() takes at most {} argument{} ({} given)",
            params.len(),
            if params.len() == 1 { "" } else { "s" },
            given + kws.len()
        )));
    }
    let mut out: Vec<Option<&Value>> = vec![None; params.len()];
    for (slot, v) in out.iter_mut().zip(pos.iter().skip(1)) {
        *slot = Some(v);
    }
    for (k, v) in kws {
        let i = params
            .iter()
            .position(|p| *p == k)
            .ok_or_else(|| exc::type_error(format!("{name}() got an unexpected keyword argument '{k}'")))?;
        if out[i].is_some() {
            return Err(exc::type_error(format!(
                "argument for {name}() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        out[i] = Some(v);
    }
    Ok(out)
}
