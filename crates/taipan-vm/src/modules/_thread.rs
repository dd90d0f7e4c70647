//! The `_thread` module: locks (`allocate_lock`/`LockType`), re-entrant
//! locks (`RLock`), thread identity and `_local`. The interpreter runs one
//! thread for now, so `start_new_thread` raises `RuntimeError`; a blocking
//! `acquire` of a lock nobody else can release waits for its timeout (or
//! forever, as CPython would).

use super::native::{self, bind, boolean, int_arg, none, BASETYPE, HAS_DICT};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{dict, float, int, m, mk, new_method, str as pystr, Method};
use crate::runtime::rt;
use crate::value::Value;
use std::cell::{Cell, OnceCell};
use std::time::Duration;

/// `_thread.TIMEOUT_MAX` on Linux (seconds).
const TIMEOUT_MAX: f64 = 9223372036.854776;

/// The payload of a `_thread.lock`.
pub struct LockData {
    locked: Cell<bool>,
}

/// The payload of a `_thread.RLock`.
pub struct RLockData {
    owner: Cell<u64>,
    count: Cell<u64>,
}

crate::interp_static! {
    static TYPES: OnceCell<(Value, Value, Value)> = const { OnceCell::new() };
}

const LOCK_METHODS: &[Method] = &[
    mk("acquire", lock_acquire),
    mk("acquire_lock", lock_acquire),
    mk("__enter__", lock_acquire),
    m("release", lock_release),
    m("release_lock", lock_release),
    m("__exit__", lock_release),
    m("locked", |a, _| Ok(boolean(lock(&a[0])?.locked.get()))),
    m("locked_lock", |a, _| Ok(boolean(lock(&a[0])?.locked.get()))),
    m("_at_fork_reinit", |a, _| {
        lock(&a[0])?.locked.set(false);
        Ok(none())
    }),
    m("__repr__", lock_repr),
];

const RLOCK_METHODS: &[Method] = &[
    new_method(rlock_new),
    mk("acquire", rlock_acquire),
    mk("__enter__", rlock_acquire),
    m("release", rlock_release),
    m("__exit__", rlock_release),
    m("_is_owned", |a, _| Ok(boolean(rlock(&a[0])?.owned_by_me()))),
    m("_recursion_count", |a, _| {
        let r = rlock(&a[0])?;
        Ok(int::from_i64(if r.owned_by_me() { r.count.get() as i64 } else { 0 }))
    }),
    m("_release_save", rlock_release_save),
    m("_acquire_restore", rlock_acquire_restore),
    m("_at_fork_reinit", |a, _| {
        let r = rlock(&a[0])?;
        r.owner.set(0);
        r.count.set(0);
        Ok(none())
    }),
    m("__repr__", rlock_repr),
];

const FUNCTIONS: &[Method] = &[
    m("allocate_lock", |_, _| Ok(new_lock())),
    m("allocate", |_, _| Ok(new_lock())),
    m("_set_sentinel", |_, _| Ok(new_lock())),
    m("get_ident", |_, _| Ok(int::from_bigint(get_ident().into()))),
    m("get_native_id", |_, _| Ok(int::from_i64(std::process::id() as i64))),
    m("_count", |_, _| Ok(int::from_i64(0))),
    m("stack_size", |_, _| Ok(int::from_i64(0))),
    mk("start_new_thread", |_, _| Err(exc::runtime_error("can't start new thread"))),
    mk("start_new", |_, _| Err(exc::runtime_error("can't start new thread"))),
    m("interrupt_main", interrupt_main),
    m("exit", |_, _| Err(exc::new_exception(&rt().exc.system_exit, Vec::new()))),
];

fn types() -> (Value, Value, Value) {
    TYPES.with(|t| {
        t.get_or_init(|| {
            let object = &rt().types.object;
            let lock = native::new_type::<LockData>("lock", "_thread", object, 0, LOCK_METHODS, &[]);
            let rlock =
                native::new_type::<RLockData>("RLock", "_thread", object, BASETYPE, RLOCK_METHODS, &[]);
            let local = native::new_type::<()>("_local", "_thread", object, BASETYPE | HAS_DICT, &[], &[]);
            (lock, rlock, local)
        })
        .clone()
    })
}

/// Builds the `_thread` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_thread", FUNCTIONS);
    let (lock, rlock, local) = types();
    dict::set_str(&d, "LockType", lock);
    dict::set_str(&d, "RLock", rlock);
    dict::set_str(&d, "_local", local);
    dict::set_str(&d, "error", rt().exc.runtime_error.clone());
    dict::set_str(&d, "TIMEOUT_MAX", Value::float(TIMEOUT_MAX));
    Ok(md)
}

/// `interrupt_main(signum=SIGINT, /)`: acts as if `signum` arrived (a
/// signal whose handler is SIG_DFL or SIG_IGN is dropped), as CPython's
/// `PyErr_SetInterruptEx`.
fn interrupt_main(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("interrupt_main", args, 1, 2)?;
    let sig = match args.get(1) {
        Some(v) => int_arg(v, "")?,
        None => libc::SIGINT as i64,
    };
    if !crate::signals::in_range(sig) {
        return Err(exc::value_error("signal number out of range"));
    }
    let sig = sig as usize;
    if !matches!(
        crate::signals::handler(sig),
        crate::signals::Handler::Default | crate::signals::Handler::Ignore
    ) {
        crate::signals::trip_now(sig);
    }
    Ok(none())
}

/// A new unlocked `_thread.lock`.
pub fn new_lock() -> Value {
    crate::heap::alloc(&types().0, LockData { locked: Cell::new(false) })
}

/// The identity of the calling thread (`pthread_self`, as CPython).
pub fn get_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions and cannot fail.
    unsafe { libc::pthread_self() as u64 }
}

fn lock(v: &Value) -> PyResult<&LockData> {
    v.downcast::<LockData>().ok_or_else(|| exc::type_error("expected a lock"))
}

fn rlock(v: &Value) -> PyResult<&RLockData> {
    v.downcast::<RLockData>().ok_or_else(|| exc::type_error("expected an RLock"))
}

/// `acquire(blocking=True, timeout=-1)`'s arguments: how long to wait
/// (None: forever; zero: not at all).
fn wait_arg(fname: &str, args: &[Value], kwnames: &[Value]) -> PyResult<Option<Duration>> {
    let a = bind(fname, &args[1..], kwnames, &["blocking", "timeout"], 0)?;
    let blocking = match &a[0] {
        Some(v) => crate::ops::truthy(v)?,
        None => true,
    };
    let timeout = match &a[1] {
        Some(v) => float::float_of(v)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(exc::value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(exc::value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(exc::overflow_error("timeout value is too large"));
    }
    Ok(match (blocking, timeout) {
        (false, _) => Some(Duration::ZERO),
        (true, t) if t < 0.0 => None,
        (true, t) => Some(Duration::from_secs_f64(t)),
    })
}

/// Waits for a lock that no other thread can release.
fn wait_in_vain(wait: Option<Duration>) {
    match wait {
        Some(d) => std::thread::sleep(d),
        None => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
    }
}

fn lock_acquire(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let wait = wait_arg("acquire", args, kwnames)?;
    let l = lock(&args[0])?;
    if !l.locked.get() {
        l.locked.set(true);
        return Ok(boolean(true));
    }
    wait_in_vain(wait);
    Ok(boolean(false))
}

fn lock_release(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let l = lock(&args[0])?;
    if !l.locked.get() {
        return Err(exc::runtime_error("release unlocked lock"));
    }
    l.locked.set(false);
    Ok(none())
}

fn lock_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let state = if lock(&args[0])?.locked.get() { "locked" } else { "unlocked" };
    Ok(pystr::from_string(format!("<{state} _thread.lock object at {:#x}>", args[0].bits())))
}

impl RLockData {
    fn owned_by_me(&self) -> bool {
        self.count.get() > 0 && self.owner.get() == get_ident()
    }
}

fn rlock_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::object::alloc_subclass(&args[0], RLockData { owner: Cell::new(0), count: Cell::new(0) })
}

fn rlock_acquire(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let wait = wait_arg("acquire", args, kwnames)?;
    let r = rlock(&args[0])?;
    if r.count.get() == 0 || r.owned_by_me() {
        r.owner.set(get_ident());
        r.count.set(r.count.get() + 1);
        return Ok(boolean(true));
    }
    wait_in_vain(wait);
    Ok(boolean(false))
}

fn rlock_release(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = rlock(&args[0])?;
    if !r.owned_by_me() {
        return Err(exc::runtime_error("cannot release un-acquired lock"));
    }
    r.count.set(r.count.get() - 1);
    if r.count.get() == 0 {
        r.owner.set(0);
    }
    Ok(none())
}

fn rlock_release_save(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = rlock(&args[0])?;
    if r.count.get() == 0 {
        return Err(exc::runtime_error("cannot release un-acquired lock"));
    }
    let state = crate::objects::tuple::new(vec![
        int::from_bigint(r.count.get().into()),
        int::from_bigint(r.owner.get().into()),
    ]);
    r.count.set(0);
    r.owner.set(0);
    Ok(state)
}

fn rlock_acquire_restore(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("_acquire_restore", args, 2, 2)?;
    let r = rlock(&args[0])?;
    let items = crate::objects::tuple::items(&args[1]).unwrap_or(&[]);
    let [count, owner] = items else {
        return Err(exc::type_error("_acquire_restore() argument 1 must be tuple"));
    };
    r.count.set(int_arg(count, "")? as u64);
    r.owner.set(int::to_bigint(owner).and_then(|b| u64::try_from(b).ok()).unwrap_or(0));
    Ok(none())
}

fn rlock_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = rlock(&args[0])?;
    let state = if r.count.get() > 0 { "locked" } else { "unlocked" };
    let cls = crate::types::type_of(&args[0]);
    let name = format!(
        "{}.{}",
        crate::objects::object::type_module_name(&cls),
        crate::types::type_payload(&cls).qualname.borrow()
    );
    Ok(pystr::from_string(format!(
        "<{state} {name} object owner={} count={} at {:#x}>",
        r.owner.get(),
        r.count.get(),
        args[0].bits()
    )))
}
