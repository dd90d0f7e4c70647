//! `module` objects: a name and a `__dict__` (the header's instance dict).

use super::{m, Method};
use crate::exceptions::PyResult;
use crate::runtime::rt;
use crate::value::Value;

/// The payload of a module (its namespace is the instance dict).
pub struct ModuleData {
    pub name: String,
}

/// A new module named `name` with an empty namespace holding `__name__`.
pub fn new_module(name: &str) -> Value {
    let m = crate::heap::alloc(&rt().types.module, ModuleData { name: name.to_string() });
    let d = super::dict::new_dict();
    super::dict::set_str(&d, "__name__", super::str::new(name));
    super::dict::set_str(&d, "__doc__", rt().none.clone());
    if let Some(h) = m.header() {
        h.set_instance_dict(d);
    }
    m
}

/// The namespace of a module.
pub fn dict_of(m: &Value) -> Option<Value> {
    m.header().and_then(|h| h.instance_dict())
}

pub const METHODS: &[Method] = &[
    m("__repr__", module_repr),
    m("__dir__", module_dir),
    super::new_method(module_new),
    super::mk("__init__", module_init),
];

/// The namespace of a module, or CPython's TypeError when it is not a dict.
fn namespace(md: &Value) -> PyResult<Value> {
    dict_of(md)
        .filter(|d| super::dict::data(d).is_some())
        .ok_or_else(|| crate::exceptions::type_error("<module>.__dict__ is not a dictionary"))
}

/// `module.__dir__()`: the namespace's `__dir__()` when it defines one
/// (PEP 562), else the namespace's keys.
fn module_dir(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = namespace(&args[0])?;
    if let Some(f) = super::dict::get_str(&d, &super::str::intern("__dir__")) {
        return crate::call::call(&f, &[], &[]);
    }
    Ok(super::list::new(super::dict::data(&d).map(|dd| dd.keys()).unwrap_or_default()))
}

/// The last resort of attribute lookup on a module: the namespace's
/// `__getattr__(name)` (PEP 562); None when it defines none.
pub fn getattr_hook(md: &Value, name: &Value) -> PyResult<Option<Value>> {
    let Some(d) = dict_of(md) else {
        return Ok(None);
    };
    match super::dict::get_str(&d, &super::str::intern("__getattr__")) {
        Some(f) => crate::call::call(&f, std::slice::from_ref(name), &[]).map(Some),
        None => Ok(None),
    }
}

/// `module.__new__(cls, ...)`: a module (or subclass instance) whose
/// namespace holds `__name__`, `__doc__`, `__package__`, `__loader__`,
/// `__spec__`, all None until `__init__` names it.
fn module_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let md = super::object::alloc_maybe_subclass(
        &args[0],
        &rt().types.module,
        ModuleData { name: String::new() },
    )?;
    let d = super::dict::new_dict();
    for key in ["__name__", "__doc__", "__package__", "__loader__", "__spec__"] {
        super::dict::set_str(&d, key, rt().none.clone());
    }
    if let Some(h) = md.header() {
        h.set_instance_dict(d);
    }
    Ok(md)
}

/// `module(name, doc=None)`.
fn module_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = crate::modules::native::bind("module", &args[1..], kwnames, &["name", "doc"], 1)?;
    let name = b[0].clone().unwrap_or_else(|| rt().none.clone());
    if !super::str::is_str(&name) {
        return Err(crate::exceptions::type_error(format!(
            "module.__init__() argument 'name' must be str, not {}",
            crate::types::type_name(&name)
        )));
    }
    let d = dict_of(&args[0]).ok_or_else(|| crate::exceptions::type_error("module has no namespace"))?;
    super::dict::set_str(&d, "__name__", name);
    super::dict::set_str(&d, "__doc__", b[1].clone().unwrap_or_else(|| rt().none.clone()));
    Ok(rt().none.clone())
}

pub const GETSETS: &[(&str, super::Getter, Option<super::Setter>)] = &[(
    "__dict__",
    |v| dict_of(v).ok_or_else(|| crate::exceptions::type_error("module has no namespace")),
    None,
)];

fn module_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::import::machinery::module_repr(&args[0])
}

/// A native module `name` holding `functions` (each bound to the module, so
/// it receives the module as `args[0]`, as CPython's module functions do).
pub fn new_native_module(name: &str, functions: &[Method]) -> Value {
    let md = new_module(name);
    add_functions(&md, functions);
    md
}

/// Adds native functions (bound to the module) to a module's namespace.
pub fn add_functions(md: &Value, functions: &[Method]) {
    let Some(d) = dict_of(md) else {
        return;
    };
    let module = name_of(md);
    for row in functions {
        let conv = super::conv_of(&format!("{module}.{}", row.name), row.conv);
        let f = super::function::new_builtin_conv(row.name, row.func, row.kw, conv, md.clone());
        super::dict::set_str(&d, row.name, f);
    }
}

/// A module's `__name__` ("" when it has none).
fn name_of(md: &Value) -> String {
    dict_of(md)
        .and_then(|d| super::dict::get_str(&d, &super::str::intern("__name__")))
        .and_then(|n| super::str::as_str(&n).map(str::to_string))
        .unwrap_or_default()
}

/// Sets `md.name = value`.
pub fn set_attr(md: &Value, name: &str, value: Value) {
    if let Some(d) = dict_of(md) {
        super::dict::set_str(&d, name, value);
    }
}
