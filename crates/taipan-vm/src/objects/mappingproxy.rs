//! `types.MappingProxyType` (`mappingproxy`): a read-only view of a
//! mapping. `type.__dict__` returns one over the class namespace, and
//! `enum`/`types` build them directly. Reads are forwarded to the mapping;
//! there is no way to write through the proxy.

use super::{check_args, m, new_method, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::cell::OnceCell;

/// The payload: the mapping being viewed.
pub struct ProxyData {
    pub mapping: Value,
}

crate::interp_static! {
    static PROXY_TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// The `mappingproxy` type.
pub fn proxy_type() -> Value {
    PROXY_TYPE.with(|c| {
        c.get_or_init(|| {
            super::object::new_native_type::<ProxyData>(
                "mappingproxy",
                "builtins",
                &rt().types.object,
                crate::types::TF_MAPPING,
                METHODS,
                &[],
            )
        })
        .clone()
    })
}

/// A read-only proxy of `mapping` (not checked: for internal callers).
pub fn new_proxy(mapping: Value) -> Value {
    crate::heap::alloc(&proxy_type(), ProxyData { mapping })
}

fn mapping_of(v: &Value) -> PyResult<&Value> {
    v.downcast::<ProxyData>().map(|p| &p.mapping).ok_or_else(|| exc::type_error("expected a mappingproxy"))
}

const METHODS: &[Method] = &[
    new_method(proxy_new),
    m("__getitem__", |a, _| crate::ops::getitem(mapping_of(&a[0])?, &a[1])),
    m("__len__", |a, _| Ok(super::int::from_usize(crate::ops::len(mapping_of(&a[0])?)?))),
    m("__iter__", |a, _| crate::ops::iter(mapping_of(&a[0])?)),
    m("__contains__", |a, _| Ok(rt().bool_value(crate::ops::contains(mapping_of(&a[0])?, &a[1])?))),
    m("__repr__", proxy_repr),
    m("__str__", |a, _| crate::ops::str_(mapping_of(&a[0])?)),
    m("__eq__", |a, _| crate::ops::compare(mapping_of(&a[0])?, &a[1], crate::ops::CompareOp::Eq)),
    m("__ne__", |a, _| crate::ops::compare(mapping_of(&a[0])?, &a[1], crate::ops::CompareOp::Ne)),
    m("__or__", proxy_or),
    m("__ror__", proxy_ror),
    m("__reversed__", |a, _| crate::call::call(&rt().types.reversed, &[mapping_of(&a[0])?.clone()], &[])),
    m("get", proxy_get),
    m("keys", |a, _| crate::attr::call_method(mapping_of(&a[0])?, "keys", &[])),
    m("values", |a, _| crate::attr::call_method(mapping_of(&a[0])?, "values", &[])),
    m("items", |a, _| crate::attr::call_method(mapping_of(&a[0])?, "items", &[])),
    m("copy", |a, _| crate::attr::call_method(mapping_of(&a[0])?, "copy", &[])),
];

/// `MappingProxyType(mapping)`: anything with `__getitem__` that is not a
/// list or tuple.
fn proxy_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() || args.len() != 2 {
        return Err(exc::type_error(format!(
            "mappingproxy() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    let mapping = &args[1];
    let is_seq = super::list::data(mapping).is_some() || super::tuple::items(mapping).is_some();
    let has_getitem = crate::types::lookup_str(&crate::types::type_of(mapping), "__getitem__").is_some();
    if is_seq || !has_getitem {
        return Err(exc::type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            type_name(mapping)
        )));
    }
    Ok(new_proxy(mapping.clone()))
}

fn proxy_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = crate::ops::repr_string(mapping_of(&args[0])?)?;
    Ok(super::str::from_string(format!("mappingproxy({r})")))
}

fn proxy_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("get", args, 2, 3)?;
    let default = args.get(2).cloned().unwrap_or_else(|| rt().none.clone());
    crate::attr::call_method(mapping_of(&args[0])?, "get", &[args[1].clone(), default])
}

fn unwrap(v: &Value) -> Value {
    v.downcast::<ProxyData>().map(|p| p.mapping.clone()).unwrap_or_else(|| v.clone())
}

fn proxy_or(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__or__", args, 2, 2)?;
    crate::ops::binary(&unwrap(&args[0]), &unwrap(&args[1]), crate::ops::BinOp::Or)
}

fn proxy_ror(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__ror__", args, 2, 2)?;
    crate::ops::binary(&unwrap(&args[1]), &unwrap(&args[0]), crate::ops::BinOp::Or)
}
