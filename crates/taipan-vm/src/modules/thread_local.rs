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
//! When a thread ends, its namespace is dropped from every live local
//! object ([`forget_this_thread`]), as CPython drops a thread's local
//! dicts when its thread state is cleared: the registry `LIVE` lists the
//! payload of each live local object (a payload unlists itself when it is
//! dropped).

use crate::exceptions::{self as exc, PyResult};
use crate::heap::Header;
use crate::objects::{dict, mk, new_method, tuple, Method};
use crate::runtime::rt;
use crate::types::{lookup_str, type_of};
use crate::value::Value;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
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
    /// The address of the object's header (set once it is allocated).
    header: Cell<usize>,
    /// The serial of the thread whose namespace is installed in the header.
    installed: Cell<u64>,
}

impl LocalData {
    /// For the cycle collector: every thread's namespace and the
    /// constructor's arguments (the installed namespace is also the
    /// header's, which holds its own reference).
    pub(crate) fn gc_visit(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(dicts) = self.dicts.try_borrow() {
            dicts.values().for_each(&mut *visit);
        }
        visit(&self.args);
        visit(&self.kwnames);
    }

    /// For the cycle collector: drops the namespaces (they can hold the
    /// object that holds this one).
    pub(crate) fn gc_clear(&self) {
        let old = self.dicts.try_borrow_mut().map(|mut d| std::mem::take(&mut *d)).unwrap_or_default();
        drop(old);
    }
}

impl Drop for LocalData {
    fn drop(&mut self) {
        let me = self as *const LocalData as usize;
        let _ = LIVE.try_with(|l| l.try_borrow_mut().map(|mut l| l.remove(&me)));
    }
}

crate::interp_static! {
    /// The payload addresses of the live `_local` objects.
    static LIVE: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
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
        header: Cell::new(0),
        installed: Cell::new(0),
    };
    let obj = crate::objects::object::alloc_maybe_subclass(cls, &local_type, payload)?;
    let local = data(&obj)?;
    if let Some(h) = obj.header() {
        local.header.set(h as *const Header as usize);
    }
    LIVE.with(|l| l.borrow_mut().insert(local as *const LocalData as usize));
    let d = dict::new_dict();
    local.dicts.borrow_mut().insert(thread_serial(), d.clone());
    install(&obj, d);
    Ok(obj)
}

/// Makes `d` the instance dict that generic attribute access sees.
fn install(obj: &Value, d: Value) {
    if let (Some(h), Some(local)) = (obj.header(), obj.downcast::<LocalData>()) {
        h.set_instance_dict(d);
        local.installed.set(thread_serial());
    }
}

/// Drops the calling thread's namespace from every live local object: the
/// thread is ending. The namespaces are released only after the walk, since
/// releasing one may run finalizers that free other local objects.
pub fn forget_this_thread() {
    let serial = SERIAL.with(|s| s.get());
    if serial == 0 {
        return;
    }
    let live: Vec<usize> = LIVE.with(|l| l.borrow().iter().copied().collect());
    let mut released = Vec::new();
    for addr in live {
        // SAFETY: `LIVE` lists allocated payloads only (a payload unlists
        // itself when dropped), and nothing is freed during this walk.
        let local = unsafe { &*(addr as *const LocalData) };
        let Ok(mut dicts) = local.dicts.try_borrow_mut() else { continue };
        let Some(d) = dicts.remove(&serial) else { continue };
        released.push(d);
        if local.installed.get() == serial && local.header.get() != 0 {
            // SAFETY: the header of a live payload's object is allocated.
            let h = unsafe { &*(local.header.get() as *const Header) };
            if let Some(old) = h.instance_dict() {
                released.push(old);
            }
            h.set_instance_dict(dict::new_dict());
            local.installed.set(0);
        }
    }
    drop(released);
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
