//! Helpers shared by the native modules: creating native types at module
//! initialisation (`new_type`), filling a module's namespace from a method
//! table (`add_functions`), and binding a native call's arguments by
//! position or keyword as CPython's Argument Clinic does (`bind`).

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{dict, function, module, str as pystr, Getter, Method, Setter};
use crate::runtime::rt;
use crate::types::{self, TF_BASETYPE, TF_HAS_DICT};
use crate::value::Value;

/// The flags of a native type that Python classes may subclass.
pub const BASETYPE: u32 = TF_BASETYPE;
/// The flags of a native type whose instances carry a `__dict__`.
pub const HAS_DICT: u32 = TF_HAS_DICT;

/// Creates a native type with instances of layout `T`, single base `base`,
/// `__module__` = `module`, and the given methods and getsets.
pub fn new_type<T: 'static>(
    name: &str,
    module: &str,
    base: &Value,
    flags: u32,
    methods: &[Method],
    getsets: &[(&'static str, Getter, Option<Setter>)],
) -> Value {
    crate::objects::object::new_native_type::<T>(name, module, base, flags, methods, getsets)
}

/// A new module named `name` with the functions of `rows`; returns the
/// module and its dict.
pub fn new_module(name: &str, rows: &[Method]) -> (Value, Value) {
    let md = module::new_module(name);
    let d = module::dict_of(&md).expect("module dict");
    add_functions(&md, &d, rows);
    (md, d)
}

/// Puts builtin functions for `rows` into `d`, bound to module `md`.
pub fn add_functions(md: &Value, d: &Value, rows: &[Method]) {
    let module = dict::get_str(d, &pystr::intern("__name__"));
    let module = module.as_ref().and_then(pystr::as_str).unwrap_or("");
    for row in rows {
        let conv = crate::objects::conv_of(&format!("{module}.{}", row.name), row.conv);
        dict::set_str(d, row.name, function::new_builtin_conv(row.name, row.func, row.kw, conv, md.clone()));
    }
}

/// Module functions get their module as `args[0]` (as `sys`'s do);
/// they pass `&args[1..]` here.
///
/// Binds a native call's arguments to `names` (positional first, then by
/// keyword); the first `required` are mandatory. `args` excludes `self`.
/// Errors are CPython's for a function called `fname` that parses its
/// arguments with `PyArg_ParseTupleAndKeywords`.
pub fn bind(
    fname: &str,
    args: &[Value],
    kwnames: &[Value],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    bind_with(ArgMessages::ParseTuple, fname, args, kwnames, names, required)
}

/// As `bind`, with the messages of a function whose arguments CPython
/// parses with Argument Clinic ("takes exactly 2 arguments", "'x' is an
/// invalid keyword argument for f()").
pub fn bind_clinic(
    fname: &str,
    args: &[Value],
    kwnames: &[Value],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    bind_with(ArgMessages::Clinic, fname, args, kwnames, names, required)
}

/// Which of CPython's argument parsers a native function's errors imitate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArgMessages {
    ParseTuple,
    Clinic,
}

fn bind_with(
    style: ArgMessages,
    fname: &str,
    args: &[Value],
    kwnames: &[Value],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let npos = args.len() - kwnames.len();
    if npos > names.len() {
        let what =
            if style == ArgMessages::Clinic && required == names.len() { "exactly" } else { "at most" };
        return Err(exc::type_error(format!(
            "{fname}() takes {what} {} argument{} ({npos} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in out.iter_mut().zip(&args[..npos]) {
        *slot = Some(v.clone());
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let k = pystr::as_str(k).unwrap_or("");
        let Some(i) = names.iter().position(|n| *n == k) else {
            return Err(exc::type_error(match style {
                ArgMessages::ParseTuple => format!("{fname}() got an unexpected keyword argument '{k}'"),
                ArgMessages::Clinic => format!("'{k}' is an invalid keyword argument for {fname}()"),
            }));
        };
        if out[i].is_some() {
            return Err(exc::type_error(format!(
                "argument for {fname}() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        out[i] = Some(v.clone());
    }
    if let Some(i) = out[..required].iter().position(|v| v.is_none()) {
        return Err(exc::type_error(format!(
            "{fname}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    Ok(out)
}

/// The argument if given and not None.
pub fn given(v: &Option<Value>) -> Option<&Value> {
    v.as_ref().filter(|v| !v.is(&rt().none))
}

/// `None`.
pub fn none() -> Value {
    rt().none.clone()
}

/// A bool value.
pub fn boolean(b: bool) -> Value {
    rt().bool_value(b)
}

/// An int argument (anything with `__index__`), or a TypeError naming `what`.
pub fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    if crate::objects::float::to_f64(v).is_some() && !crate::objects::int::is_int(v) {
        return Err(exc::type_error(format!("'float' object cannot be interpreted as an integer{what}")));
    }
    crate::objects::int::index_value(v)?.ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer{what}", types::type_name(v)))
    })
}

/// A str argument as Rust text (lone surrogates replaced), or a TypeError.
pub fn str_arg(v: &Value, fname: &str, what: &str) -> PyResult<String> {
    match pystr::text(v) {
        Some(t) => Ok(t.to_string_lossy().into_owned()),
        None => Err(exc::type_error(format!(
            "{fname}() argument '{what}' must be str, not {}",
            types::type_name(v)
        ))),
    }
}
