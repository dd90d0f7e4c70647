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

pub const METHODS: &[Method] = &[m("__repr__", module_repr)];

fn module_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = args[0].downcast::<ModuleData>().map(|d| d.name.clone()).unwrap_or_default();
    Ok(super::str::from_string(format!("<module '{name}' (built-in)>")))
}
