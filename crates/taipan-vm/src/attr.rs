//! Attribute access (CPython's `PyObject_GenericGetAttr`/`SetAttr` and
//! `type_getattro`): data descriptors on the type win over the instance
//! `__dict__`, which wins over non-data descriptors and plain class
//! attributes; `__getattr__` is the fallback. Known descriptor types
//! (functions, native methods, property, classmethod, staticmethod,
//! getset) are applied natively; others through `__get__`/`__set__`.
//! `load_method` serves LOAD_METHOD without creating bound methods.
//! Whether a class overrides `__getattribute__`, `__getattr__`,
//! `__setattr__` or `__delattr__`, and whether a value is a data
//! descriptor, are read from the type's slots (`slots.rs`), so a plain
//! attribute load does one cached type lookup (the attribute's name).

use crate::exceptions::{self as exc, PyResult};
use crate::objects::descr::{GetSetData, PropertyData, SuperData, WrapperData};
use crate::objects::function::{BuiltinData, FunctionData};
use crate::objects::{dict, str as pystr};
use crate::runtime::rt;
use crate::slots::{self, SlotFn, SlotId};
use crate::types::{
    self, as_type, lookup, lookup_td, type_data_of, type_name, type_of, type_payload, TypeData,
};
use crate::value::Value;

fn name_str(name: &Value) -> &str {
    pystr::as_str(name).unwrap_or("?")
}

/// Whether the type's `__getattribute__` is `object`'s or `type`'s generic
/// one (applied inline), not an override (`slots.rs` makes that distinction).
#[inline]
fn has_generic_getattribute(td: &TypeData) -> bool {
    !matches!(slots::get(td, SlotId::GetAttribute), SlotFn::Dunder)
}

/// `getattr(obj, name)`.
pub fn getattr(obj: &Value, name: &Value) -> PyResult<Value> {
    match getattr_opt_inner(obj, name, true)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(obj, name)),
    }
}

/// `getattr(obj, "name")` for a Rust string.
pub fn getattr_str(obj: &Value, name: &str) -> PyResult<Value> {
    getattr(obj, &pystr::intern(name))
}

/// `getattr(obj, name, None)`-like: None when AttributeError.
pub fn getattr_opt(obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    match getattr_opt_inner(obj, name, false) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(&rt().exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

fn getattr_opt_inner(obj: &Value, name: &Value, _raise: bool) -> PyResult<Option<Value>> {
    let td = type_data_of(obj);
    if has_generic_getattribute(td) {
        let found = if as_type(obj).is_some() {
            type_getattr_opt(obj, name)?
        } else {
            generic_getattr_opt(obj, name)?
        };
        return match found {
            Some(v) => Ok(Some(v)),
            None => call_getattr_hook(td, obj, name),
        };
    }
    match slots::call(td, SlotId::GetAttribute, &[obj.clone(), name.clone()]) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(&rt().exc.attribute_error) && slots::get(td, SlotId::GetAttr).is_present() => {
            call_getattr_hook(td, obj, name)
        }
        Err(e) => Err(e),
    }
}

/// The `__getattr__` fallback: a module's own (PEP 562; it is part of the
/// module's `__getattribute__`, so it comes first), then the class's; None
/// when there is none.
fn call_getattr_hook(td: &TypeData, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    if obj.downcast::<crate::objects::module::ModuleData>().is_some() {
        match crate::objects::module::getattr_hook(obj, name) {
            Ok(Some(v)) => return Ok(Some(v)),
            Err(e)
                if !e.matches(&rt().exc.attribute_error) || !slots::get(td, SlotId::GetAttr).is_present() =>
            {
                return Err(e)
            }
            _ => {}
        }
    }
    slots::call(td, SlotId::GetAttr, &[obj.clone(), name.clone()])
}

/// The AttributeError for a missing attribute, with CPython's wording.
pub fn no_attribute(obj: &Value, name: &Value) -> crate::PyErr {
    let n = name_str(name);
    let e = if let Some(td) = as_type(obj) {
        exc::attribute_error(format!("type object '{}' has no attribute '{n}'", td.name()))
    } else if obj.downcast::<crate::objects::module::ModuleData>().is_some() {
        module_no_attribute(obj, n)
    } else {
        exc::attribute_error(format!("'{}' object has no attribute '{n}'", type_name(obj)))
    };
    if let Some(d) = crate::objects::exc_objects::data(e.value()) {
        d.name.set(name.clone());
        d.obj.set(obj.clone());
    }
    e
}

/// A module's AttributeError, named by its `__name__` as CPython's
/// `module_getattro` does, with the circular-import hint while the module
/// is still being initialised.
fn module_no_attribute(md: &Value, n: &str) -> crate::PyErr {
    let ns = crate::objects::module::dict_of(md);
    let get = |key: &str| ns.as_ref().and_then(|d| dict::get_str(d, &pystr::intern(key)));
    let Some(mod_name) = get("__name__").filter(pystr::is_str) else {
        return exc::attribute_error(format!("module has no attribute '{n}'"));
    };
    let mod_name = name_str(&mod_name);
    if crate::import::is_initializing_spec(get("__spec__")) {
        return exc::attribute_error(format!(
            "partially initialized module '{mod_name}' has no attribute '{n}' (most likely due to a circular import)"
        ));
    }
    exc::attribute_error(format!("module '{mod_name}' has no attribute '{n}'"))
}

/// Whether `d` is a data descriptor (defines `__set__` or `__delete__`).
fn is_data_descriptor(d: &Value) -> bool {
    if d.is_small_int() || d.is_float() {
        return false;
    }
    if d.downcast::<PropertyData>().is_some() || d.downcast::<GetSetData>().is_some() {
        return true;
    }
    if d.downcast::<FunctionData>().is_some()
        || d.downcast::<BuiltinData>().is_some()
        || pystr::data(d).is_some()
    {
        return false;
    }
    let td = type_data_of(d);
    slots::get(td, SlotId::DescrSet).is_present() || slots::get(td, SlotId::DescrDelete).is_present()
}

/// Applies descriptor `d` found on `owner` for instance `obj` (None for class access).
pub fn bind_descriptor(d: Value, obj: &Value, owner: &Value) -> PyResult<Value> {
    if d.is_small_int() || d.is_float() {
        return Ok(d);
    }
    let none = obj.is(&rt().none);
    if d.downcast::<FunctionData>().is_some() {
        return Ok(if none { d } else { crate::objects::function::new_method(d, obj.clone()) });
    }
    if let Some(b) = d.downcast::<BuiltinData>() {
        if b.self_.is_null() && crate::objects::function::is_native_method_descriptor(&d) && !none {
            return Ok(crate::objects::function::bind_native_method(&d, b, obj.clone()));
        }
        return Ok(d);
    }
    if let Some(w) = d.downcast::<WrapperData>() {
        let t = type_of(&d);
        if t.is(&rt().types.staticmethod) {
            return Ok(w.0.get());
        }
        if t.is(&rt().types.classmethod) {
            return Ok(crate::objects::function::bind_class_method(w.0.get(), owner.clone()));
        }
    }
    if let Some(g) = d.downcast::<GetSetData>() {
        return if none { Ok(d) } else { (g.get)(obj) };
    }
    if pystr::data(&d).is_some()
        || crate::objects::int::is_int(&d)
        || crate::objects::tuple::items(&d).is_some()
    {
        return Ok(d);
    }
    let td = type_data_of(&d);
    if !slots::get(td, SlotId::DescrGet).is_present() {
        return Ok(d);
    }
    Ok(slots::call(td, SlotId::DescrGet, &[d.clone(), obj.clone(), owner.clone()])?.unwrap_or(d))
}

/// `object.__getattribute__(obj, name)` (AttributeError when missing).
pub fn generic_getattr(obj: &Value, name: &Value) -> PyResult<Value> {
    match generic_getattr_opt(obj, name)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(obj, name)),
    }
}

fn generic_getattr_opt(obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    if obj.downcast::<SuperData>().is_some() {
        if let Some(v) = crate::objects::descr::super_getattr(obj, name)? {
            return Ok(Some(v));
        }
    }
    generic_getattr_found(obj, name, lookup_td(type_data_of(obj), name))
}

/// The generic getattr once the type lookup has found `descr`.
fn generic_getattr_found(obj: &Value, name: &Value, descr: Option<Value>) -> PyResult<Option<Value>> {
    if let Some(d) = &descr {
        if is_data_descriptor(d) {
            return bind_data_descriptor(d, obj).map(Some);
        }
    }
    if let Some(h) = obj.header() {
        if let Some(d) = h.instance_dict() {
            if let Some(v) = dict::get_item(&d, name)? {
                return Ok(Some(v));
            }
        }
    }
    match descr {
        Some(d) if d.downcast::<FunctionData>().is_some() => {
            Ok(Some(crate::objects::function::new_method(d, obj.clone())))
        }
        Some(d) => bind_descriptor(d, obj, &type_of(obj)).map(Some),
        None => Ok(None),
    }
}

/// Applies a data descriptor to an instance: an exact `property` calls its
/// getter directly; anything else goes through `bind_descriptor`.
fn bind_data_descriptor(d: &Value, obj: &Value) -> PyResult<Value> {
    if let Some(p) = d.downcast::<PropertyData>() {
        let fget = p.fget.get();
        if !fget.is_null() && type_of(d).is(&rt().types.property) {
            return crate::call::call(&fget, std::slice::from_ref(obj), &[]);
        }
    }
    // An instance access even when the instance is None (`None.__class__`),
    // which `bind_descriptor` would read as a class access.
    if let Some(g) = d.downcast::<GetSetData>() {
        return (g.get)(obj);
    }
    bind_descriptor(d.clone(), obj, &type_of(obj))
}

/// `type.__getattribute__(cls, name)`.
pub fn type_getattr(cls: &Value, name: &Value) -> PyResult<Value> {
    match type_getattr_opt(cls, name)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(cls, name)),
    }
}

fn type_getattr_opt(cls: &Value, name: &Value) -> PyResult<Option<Value>> {
    let meta = type_of(cls);
    let meta_attr = lookup(&meta, name);
    if let Some(d) = &meta_attr {
        if is_data_descriptor(d) {
            return bind_descriptor(d.clone(), cls, &meta).map(Some);
        }
    }
    if let Some(v) = lookup(cls, name) {
        return bind_descriptor(v, &rt().none, cls).map(Some);
    }
    match meta_attr {
        Some(d) => bind_descriptor(d, cls, &meta).map(Some),
        None => Ok(None),
    }
}

/// LOAD_METHOD: `(method, self)` when `obj.name` is a plain method found on
/// the type, else `(NULL, obj.name)`.
pub fn load_method(obj: Value, name: &Value) -> PyResult<(Value, Value)> {
    let td = type_data_of(&obj);
    if as_type(&obj).is_some() || obj.downcast::<SuperData>().is_some() || !has_generic_getattribute(td) {
        return Ok((Value::NULL, getattr(&obj, name)?));
    }
    let descr = lookup_td(td, name);
    if let Some(d) = &descr {
        if is_plain_method(d) && !in_instance_dict(&obj, name)? {
            return Ok((d.clone(), obj));
        }
    }
    let found = match generic_getattr_found(&obj, name, descr)? {
        Some(v) => Some(v),
        None => call_getattr_hook(td, &obj, name)?,
    };
    match found {
        Some(v) => Ok((Value::NULL, v)),
        None => Err(no_attribute(&obj, name)),
    }
}

/// A Python function or a builtin's method descriptor (LOAD_METHOD can
/// skip making a bound method for these).
fn is_plain_method(d: &Value) -> bool {
    d.downcast::<FunctionData>().is_some() || crate::objects::function::is_native_method_descriptor(d)
}

/// Whether `obj`'s instance dict has `name`.
fn in_instance_dict(obj: &Value, name: &Value) -> PyResult<bool> {
    match obj.header().and_then(|h| h.instance_dict()) {
        Some(d) => Ok(dict::get_item(&d, name)?.is_some()),
        None => Ok(false),
    }
}

/// `obj.name(*args)`.
pub fn call_method(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let f = getattr_str(obj, name)?;
    crate::call::call(&f, args, &[])
}

/// `setattr(obj, name, v)`; `v` NULL deletes.
pub fn setattr(obj: &Value, name: &Value, v: Value) -> PyResult<()> {
    let td = type_data_of(obj);
    let hook = if v.is_null() { SlotId::DelAttr } else { SlotId::SetAttr };
    if let SlotFn::Dunder = slots::get(td, hook) {
        if v.is_null() {
            slots::call_dunder(td, hook, &[obj.clone(), name.clone()])?;
        } else {
            slots::call_dunder(td, hook, &[obj.clone(), name.clone(), v])?;
        }
        return Ok(());
    }
    if as_type(obj).is_some() {
        return type_setattr(obj, name, v);
    }
    generic_setattr(obj, name, v)
}

/// `object.__setattr__` / `object.__delattr__` (v NULL).
pub fn generic_setattr(obj: &Value, name: &Value, v: Value) -> PyResult<()> {
    if pystr::data(name).is_none() {
        return Err(exc::type_error(format!("attribute name must be string, not '{}'", type_name(name))));
    }
    let td = type_data_of(obj);
    let descr = lookup_td(td, name);
    if let Some(d) = &descr {
        if let Some(g) = d.downcast::<GetSetData>() {
            if v.is_null() {
                if let Some(r) = crate::objects::function::delete_attr(obj, name_str(name)) {
                    return r;
                }
            }
            return match g.set {
                Some(set) if !v.is_null() => set(obj, v),
                _ => Err(exc::attribute_error(format!(
                    "attribute '{}' of '{}' objects is not writable",
                    name_str(name),
                    type_name(obj)
                ))),
            };
        }
        if let Some(p) = d.downcast::<PropertyData>() {
            let f = if v.is_null() { p.fdel.get() } else { p.fset.get() };
            if f.is_null() {
                let what = if v.is_null() { "deleter" } else { "setter" };
                return Err(exc::attribute_error(format!(
                    "property '{}' of '{}' object has no {what}",
                    name_str(name),
                    type_name(obj)
                )));
            }
            let mut args = vec![obj.clone()];
            if !v.is_null() {
                args.push(v);
            }
            crate::call::call(&f, &args, &[])?;
            return Ok(());
        }
        let dt = type_data_of(d);
        let hook = if v.is_null() { SlotId::DescrDelete } else { SlotId::DescrSet };
        if slots::get(dt, hook).is_present() {
            let done = if v.is_null() {
                slots::call(dt, hook, &[d.clone(), obj.clone()])?
            } else {
                slots::call(dt, hook, &[d.clone(), obj.clone(), v])?
            };
            if done.is_some() {
                return Ok(());
            }
            return Err(no_attribute(obj, name));
        }
    }
    let Some(d) = crate::objects::object::instance_dict(obj) else {
        return Err(if v.is_null() || descr.is_none() {
            no_attribute(obj, name)
        } else {
            exc::attribute_error(format!(
                "'{}' object attribute '{}' is read-only",
                type_name(obj),
                name_str(name)
            ))
        });
    };
    if v.is_null() {
        if dict::del_item(&d, name)?.is_none() {
            return Err(no_attribute(obj, name));
        }
        return Ok(());
    }
    dict::set_item(&d, name.clone(), v)
}

/// `type.__setattr__(cls, name, v)`.
pub fn type_setattr(cls: &Value, name: &Value, v: Value) -> PyResult<()> {
    let meta = type_of(cls);
    if let Some(d) = lookup(&meta, name) {
        if let Some(g) = d.downcast::<GetSetData>() {
            return match g.set {
                // Deletion reaches the setter as NULL (CPython's setters refuse it).
                Some(set) => set(cls, v),
                None => Err(exc::attribute_error(format!(
                    "attribute '{}' of 'type' objects is not writable",
                    name_str(name)
                ))),
            };
        }
    }
    if pystr::data(name).is_none() {
        return Err(exc::type_error(format!("attribute name must be string, not '{}'", type_name(name))));
    }
    let _ = type_payload(cls);
    types::type_set_attr(cls, name, v)
}
