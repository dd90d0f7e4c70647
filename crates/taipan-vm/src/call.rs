//! Calling objects: Python functions (a new frame), native functions,
//! bound methods, classes (`__new__` then `__init__`), and anything with
//! `__call__`; `CALL_FUNCTION_EX`'s `f(*args, **kwargs)`. Native calls are
//! counted against the recursion limit like Python frames.

use crate::exceptions::{self as exc, PyResult};
use crate::objects::function::{BuiltinData, FunctionData, MethodData};
use crate::objects::{dict, str as pystr, tuple};
use crate::runtime::rt;
use crate::types::{self, as_type, type_name, type_of};
use crate::value::Value;
use std::cell::Cell;
use std::mem::ManuallyDrop;

/// `callable(*args)`; the last `kwnames.len()` args are keyword values.
pub fn call(callable: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if callable.downcast::<FunctionData>().is_some() {
        return crate::eval::call_function(callable, args, kwnames);
    }
    if let Some(b) = callable.downcast::<BuiltinData>() {
        return call_builtin(b, args, kwnames);
    }
    if let Some(m) = callable.downcast::<MethodData>() {
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(m.self_.clone());
        full.extend_from_slice(args);
        return call(&m.func, &full, kwnames);
    }
    if as_type(callable).is_some() {
        return type_call(callable, args, kwnames);
    }
    match types::lookup_str(&type_of(callable), "__call__") {
        Some(f) => {
            let ts = &rt().thread;
            ts.enter().map_err(|_| {
                exc::recursion_error("maximum recursion depth exceeded while calling a Python object")
            })?;
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(callable.clone());
            full.extend_from_slice(args);
            let r = call(&f, &full, kwnames);
            ts.leave();
            r
        }
        None => Err(exc::type_error(format!("'{}' object is not callable", type_name(callable)))),
    }
}

/// `callable(*args)` for the native functions the CALL instruction runs
/// without the general protocol (CPython's `CALL_NO_KW_LEN`, and
/// `super()` without `type.__call__`): `None` for any other callable.
#[inline]
pub fn call_native_fast(callable: &Value, args: &[Value]) -> Option<PyResult<Value>> {
    if args.is_empty() && callable.is(&rt().types.super_) {
        // `super()`: the class cell and first argument of the running frame.
        return Some(
            crate::eval::zero_arg_super()
                .and_then(|(ty, obj)| crate::objects::descr::make_super(callable, ty, obj)),
        );
    }
    let b = callable.downcast::<BuiltinData>()?;
    if args.len() == 1
        && b.self_.is_null()
        && std::ptr::fn_addr_eq(b.func, crate::builtins::functions::len as crate::objects::NativeFn)
    {
        return Some(crate::ops::len(&args[0]).map(crate::objects::int::from_usize));
    }
    None
}

/// Calls `f` found on the type of `self_` with `args` (self first).
pub fn call_unbound(f: &Value, self_: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if f.downcast::<FunctionData>().is_some() || f.downcast::<BuiltinData>().is_some() {
        return call(f, args, kwnames);
    }
    let bound = crate::attr::bind_descriptor(f.clone(), self_, &type_of(self_))?;
    call(&bound, &args[1..], kwnames)
}

fn call_builtin(b: &BuiltinData, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !b.kw && !kwnames.is_empty() {
        return Err(exc::type_error(format!("{}() takes no keyword arguments", b.name)));
    }
    if b.self_.is_null() {
        let npos = args.len() - kwnames.len();
        if npos == 0 && (b.name == "__new__" || is_method_descriptor(b)) {
            return Err(exc::type_error(format!("unbound method {}() needs an argument", b.name)));
        }
        return guarded(|| (b.func)(args, kwnames));
    }
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(b.self_.clone());
    full.extend_from_slice(args);
    guarded(|| (b.func)(&full, kwnames))
}

/// Runs a native call counted against the recursion limit.
#[inline]
fn guarded(f: impl FnOnce() -> PyResult<Value>) -> PyResult<Value> {
    let ts = &rt().thread;
    ts.enter().map_err(|_| {
        exc::recursion_error("maximum recursion depth exceeded while calling a Python object")
    })?;
    let r = f();
    ts.leave();
    r
}

fn is_method_descriptor(b: &BuiltinData) -> bool {
    // Method descriptors are the only native functions without a module
    // `self_` that live in type dicts; plain builtins are created with NULL
    // self too, so tell them apart by the registry name list.
    !crate::builtins::FUNCTIONS.iter().any(|(n, ..)| *n == b.name)
}

/// Calling a class: `type(x)`, or `cls.__new__` then `__init__`.
pub fn type_call(cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let r = rt();
    if cls.is(&r.types.type_) && args.len() == 1 && kwnames.is_empty() {
        return Ok(type_of(&args[0]));
    }
    if cls.is(&r.types.str) && args.len() == 1 && kwnames.is_empty() {
        return crate::ops::str_(&args[0]);
    }
    let meta = type_of(cls);
    if !meta.is(&r.types.type_) {
        if let Some(f) = types::lookup_str(&meta, "__call__") {
            if f.downcast::<BuiltinData>().is_none() {
                let mut full = vec![cls.clone()];
                full.extend_from_slice(args);
                return call(&f, &full, kwnames);
            }
        }
    }
    type_call_impl(cls, args, kwnames)
}

thread_local! {
    /// The interned `__new__` and `__init__` (immortal, so kept as bits),
    /// and `object.__init__`/`object.__new__` as found on `object`.
    static TYPE_CALL_NAMES: Cell<[u64; 4]> = const { Cell::new([0; 4]) };
}

/// `(__new__, __init__, object.__new__, object.__init__)`, borrowed: the
/// names are immortal and `object`'s namespace never changes.
fn type_call_names() -> [ManuallyDrop<Value>; 4] {
    let bits = TYPE_CALL_NAMES.with(|c| {
        if c.get()[0] == 0 {
            let new = pystr::intern("__new__");
            let init = pystr::intern("__init__");
            let object = &rt().types.object;
            let onew = types::lookup(object, &new).unwrap_or_default();
            let oinit = types::lookup(object, &init).unwrap_or_default();
            // The references are kept for as long as the thread lives.
            c.set([new.into_raw(), init.into_raw(), onew.into_raw(), oinit.into_raw()]);
        }
        c.get()
    });
    // SAFETY: each word is a reference leaked above, so alive for good;
    // the aliases are never dropped.
    bits.map(|b| ManuallyDrop::new(unsafe { Value::from_raw(b) }))
}

/// `type.__call__(cls, *args, **kwargs)`: `__new__`, then `__init__`.
pub fn type_call_impl(cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let r = rt();
    if as_type(cls).is_none() {
        return Err(exc::type_error(format!(
            "descriptor '__call__' requires a 'type' object but received a '{}'",
            type_name(cls)
        )));
    }
    let [new_name, init_name, object_new, object_init] = type_call_names();
    let Some(new) = types::lookup(cls, &new_name) else {
        return Err(exc::type_error(format!(
            "cannot create '{}' instances",
            types::type_payload(cls).name()
        )));
    };
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(cls.clone());
    full.extend_from_slice(args);
    let new = match new.downcast::<crate::objects::descr::WrapperData>() {
        Some(w) => w.0.get(),
        None => new,
    };
    let obj = call(&new, &full, kwnames)?;
    if !types::is_instance(&obj, cls) {
        return Ok(obj);
    }
    if cls.is(&r.types.type_) && args.len() == 1 {
        return Ok(obj);
    }
    let ty = type_of(&obj);
    if let Some(init) = types::lookup(&ty, &init_name) {
        // `object.__init__` does nothing unless it must reject arguments,
        // which it does only when `__new__` is object's too.
        let excess = args.len() > 1 || !kwnames.is_empty();
        if init.is(&object_init)
            && (!excess || !types::lookup(&ty, &new_name).is_some_and(|n| n.is(&object_new)))
        {
            return Ok(obj);
        }
        full[0] = obj.clone();
        let res = call_unbound(&init, &obj, &full, kwnames)?;
        let _ = kwnames;
        if !res.is(&r.none) {
            return Err(exc::type_error(format!("__init__() should return None, not '{}'", type_name(&res))));
        }
    }
    Ok(obj)
}

/// `f(*callargs, **kwargs)` (kwargs NULL when absent).
pub fn call_ex(func: &Value, callargs: &Value, kwargs: &Value) -> PyResult<Value> {
    let mut args = match tuple::items(callargs) {
        Some(t) => t.to_vec(),
        None => {
            if !crate::ops::is_iterable(callargs) {
                let fname = function_str(func)
                    .map(|n| format!("{n}()"))
                    .unwrap_or_else(|| format!("{} object", type_name(func)));
                return Err(exc::type_error(format!(
                    "{fname} argument after * must be an iterable, not {}",
                    type_name(callargs)
                )));
            }
            crate::ops::collect(callargs)?
        }
    };
    let mut names = Vec::new();
    if !kwargs.is_null() {
        let d = dict::data(kwargs).ok_or_else(|| exc::type_error("argument after ** must be a mapping"))?;
        for (k, v) in d.items() {
            if pystr::as_str(&k).is_none() {
                return Err(exc::type_error("keywords must be strings"));
            }
            names.push(k);
            args.push(v);
        }
    }
    call(func, &args, &names)
}

/// `_PyObject_FunctionStr`: `module.qualname` for functions outside builtins.
pub fn function_str(func: &Value) -> Option<String> {
    let f = match func.downcast::<MethodData>() {
        Some(m) => m.func.clone(),
        None => func.clone(),
    };
    if let Some(fd) = f.downcast::<FunctionData>() {
        let q = pystr::as_str(&fd.qualname.get()).unwrap_or("?").to_string();
        let m = fd.module.get();
        return Some(match pystr::as_str(&m) {
            Some(m) if m != "builtins" => format!("{m}.{q}"),
            _ => q,
        });
    }
    callable_name(func)
}

/// The name CPython shows for a callable in call errors (`f`, `C.m`).
pub fn callable_name(func: &Value) -> Option<String> {
    if let Some(f) = func.downcast::<FunctionData>() {
        return pystr::as_str(&f.qualname.get()).map(str::to_string);
    }
    if let Some(m) = func.downcast::<MethodData>() {
        return callable_name(&m.func);
    }
    if let Some(b) = func.downcast::<BuiltinData>() {
        return Some(b.name.to_string());
    }
    as_type(func).map(|t| t.name())
}
