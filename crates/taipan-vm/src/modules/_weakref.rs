//! The `_weakref` module: `ref`/`ReferenceType`, `proxy`, `ProxyType`,
//! `CallableProxyType`, `getweakrefcount`, `getweakrefs` and
//! `_remove_dead_weakref` (the weakref objects are `objects/weakref.rs`).
//! importlib's bootstrap and the stdlib's `weakref.py` import it.

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{check_args, dict, int, list, m, weakref, Method};
use crate::runtime::rt;
use crate::value::Value;

/// Builds the `_weakref` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = super::native::new_module("_weakref", FUNCTIONS);
    let reference = weakref::reference_type();
    dict::set_str(&d, "ref", reference.clone());
    dict::set_str(&d, "ReferenceType", reference);
    dict::set_str(&d, "ProxyType", weakref::proxy_type());
    dict::set_str(&d, "CallableProxyType", weakref::callable_proxy_type());
    Ok(md)
}

const FUNCTIONS: &[Method] = &[
    m("getweakrefcount", |a, _| {
        check_args("getweakrefcount", a, 2, 2)?;
        Ok(int::from_usize(weakref::weakref_count(&a[1])))
    }),
    m("getweakrefs", |a, _| {
        check_args("getweakrefs", a, 2, 2)?;
        Ok(list::new(weakref::weakrefs_of(&a[1])))
    }),
    m("proxy", |a, _| {
        check_args("proxy", a, 2, 3)?;
        weakref::new_proxy(&a[1], a.get(2).cloned().unwrap_or_else(|| rt().none.clone()))
    }),
    m("_remove_dead_weakref", remove_dead_weakref),
];

/// `_remove_dead_weakref(dct, key)`: deletes `dct[key]` if it is a dead weakref.
fn remove_dead_weakref(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_remove_dead_weakref", args, 3, 3)?;
    let (d, key) = (&args[1], &args[2]);
    if dict::data(d).is_none() {
        return Err(exc::type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {}",
            crate::types::type_name(d)
        )));
    }
    if let Some(v) = dict::get_item(d, key)? {
        let dead = v.downcast::<weakref::WeakrefData>().is_some_and(|w| w.get().is_none());
        if dead {
            dict::del_item(d, key)?;
        }
    }
    Ok(rt().none.clone())
}
