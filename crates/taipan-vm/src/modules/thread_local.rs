//! `_thread._local` (what `threading.local` is): an object whose
//! attributes are different in each thread, as CPython's
//! `Modules/_threadmodule.c` local objects are.
//!
//! The object keeps one namespace dict per thread, keyed by the thread's
//! serial number (assigned on first use and never reused, unlike
//! `get_ident()`, so a new thread never sees a dead thread's namespace).
//! Every attribute access first installs the calling thread's namespace as
//! the instance dict — creating it, and running the class's `__init__`
//! with the constructor's arguments, on the thread's first access — then
//! does the generic lookup. The interpreter lock makes the install-then-
//! look-up pair atomic with respect to other threads.
//!
//! Left to do: a dead thread's namespace lives until the local object does
//! (CPython drops it when the thread ends).

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{dict, mk, new_method, tuple, Method};
use crate::runtime::rt;
use crate::types::{lookup_str, type_of};
use crate::value::Value;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// The payload of a `_thread._local`.
pub struct LocalData {
    /// Each thread's namespace, by thread serial number.
    dicts: RefCell<HashMap<u64, Value>>,
    /// The thread that created the object (its `__init__` already ran).
    creator: u64,
    /// The constructor's arguments, passed to `__init__` in other threads:
    /// positional and keyword values (a tuple) and the keyword names.
    args: Value,
    kwnames: Value,
}

/// The next thread serial number.
static NEXT_SERIAL: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static SERIAL: Cell<u64> = const { Cell::new(0) };
}

/// The calling thread's serial number (assigned on first use).
fn thread_serial() -> u64 {
    SERIAL.with(|s| {
        if s.get() == 0 {
            s.set(NEXT_SERIAL.fetch_add(1, Ordering::Relaxed));
        }
        s.get()
    })
}

pub const METHODS: &[Method] = &[
    new_method(local_new),
    mk("__getattribute__", local_getattribute),
    mk("__setattr__", local_setattr),
    mk("__delattr__", local_delattr),
];

fn data(obj: &Value) -> PyResult<&LocalData> {
    obj.downcast::<LocalData>()
        .ok_or_else(|| exc::type_error("descriptor requires a '_thread._local' object"))
}

/// Whether `cls.__init__` is `object.__init__`.
fn has_default_init(cls: &Value) -> bool {
    match (lookup_str(cls, "__init__"), lookup_str(&rt().types.object, "__init__")) {
        (Some(a), Some(b)) => a.is(&b),
        _ => true,
    }
}

/// `_local.__new__(cls, *args, **kwargs)`.
fn local_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let cls = &args[0];
    if args.len() > 1 && has_default_init(cls) {
        return Err(exc::type_error("Initialization arguments are not supported"));
    }
    let local_type = super::_thread::local_type();
    let payload = LocalData {
        dicts: RefCell::new(HashMap::new()),
        creator: thread_serial(),
        args: tuple::new(args[1..].to_vec()),
        kwnames: tuple::new(kwnames.to_vec()),
    };
    let obj = crate::objects::object::alloc_maybe_subclass(cls, &local_type, payload)?;
    let d = dict::new_dict();
    data(&obj)?.dicts.borrow_mut().insert(thread_serial(), d.clone());
    install(&obj, d);
    Ok(obj)
}

/// Makes `d` the instance dict that generic attribute access sees.
fn install(obj: &Value, d: Value) {
    if let Some(h) = obj.header() {
        h.set_instance_dict(d);
    }
}

/// Installs the calling thread's namespace, creating it (and running
/// `__init__`) on the thread's first access; returns it.
fn enter(obj: &Value) -> PyResult<Value> {
    let local = data(obj)?;
    let serial = thread_serial();
    let existing = local.dicts.borrow().get(&serial).cloned();
    if let Some(d) = existing {
        install(obj, d.clone());
        return Ok(d);
    }
    let d = dict::new_dict();
    local.dicts.borrow_mut().insert(serial, d.clone());
    install(obj, d.clone());
    if serial == local.creator || has_default_init(&type_of(obj)) {
        return Ok(d);
    }
    let init = lookup_str(&type_of(obj), "__init__").expect("checked by has_default_init");
    let mut call_args = vec![obj.clone()];
    call_args.extend(tuple::items(&local.args).unwrap_or_default().iter().cloned());
    let kwnames = tuple::items(&local.kwnames).unwrap_or_default().to_vec();
    if let Err(e) = crate::call::call(&init, &call_args, &kwnames) {
        local.dicts.borrow_mut().remove(&serial);
        return Err(e);
    }
    Ok(d)
}

/// Whether `name` is the string `__dict__`.
fn is_dict_name(name: &Value) -> bool {
    crate::objects::str::as_str(name) == Some("__dict__")
}

fn local_getattribute(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("__getattribute__", args, 2, 2)?;
    let d = enter(&args[0])?;
    if is_dict_name(&args[1]) {
        return Ok(d);
    }
    crate::attr::generic_getattr(&args[0], &args[1])
}

/// Refuses to replace `__dict__`, as CPython's local objects do.
fn check_not_dict(obj: &Value, name: &Value) -> PyResult<()> {
    if is_dict_name(name) {
        return Err(exc::attribute_error(format!(
            "'{}' object attribute '__dict__' is read-only",
            crate::types::type_name(obj)
        )));
    }
    Ok(())
}

fn local_setattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("__setattr__", args, 3, 3)?;
    check_not_dict(&args[0], &args[1])?;
    enter(&args[0])?;
    crate::attr::generic_setattr(&args[0], &args[1], args[2].clone())?;
    Ok(rt().none.clone())
}

fn local_delattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("__delattr__", args, 2, 2)?;
    check_not_dict(&args[0], &args[1])?;
    enter(&args[0])?;
    crate::attr::generic_setattr(&args[0], &args[1], Value::NULL)?;
    Ok(rt().none.clone())
}
