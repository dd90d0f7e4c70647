//! The `_thread` module: real OS threads that take turns under the
//! interpreter lock (`gil.rs`), locks (`allocate_lock`/`LockType`) whose
//! blocking `acquire` releases the interpreter lock while it waits,
//! re-entrant locks (`RLock`), thread identity, `_set_sentinel` (the lock
//! `threading` joins on, released when the thread's state is freed).
//! `_local` (per-thread attributes) is in `thread_local.rs`.
//!
//! A started thread blocks the asynchronous signals, so that the kernel
//! delivers them to the main thread, whose lock waits wake up every
//! [`SIGNAL_POLL`] to run the Python handlers (a KeyboardInterrupt during
//! `join()` works as in CPython).

use super::native::{self, bind, boolean, int_arg, none, BASETYPE, HAS_DICT};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{dict, float, int, m, mk, new_method, str as pystr, Method};
use crate::runtime::rt;
use crate::value::Value;
use std::cell::{Cell, OnceCell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// `_thread.TIMEOUT_MAX` on Linux (seconds).
const TIMEOUT_MAX: f64 = 9223372036.854776;

/// The stack of a started thread: as large as the interpreter thread's,
/// so that the native-depth cap (`frame::MAX_NATIVE_DEPTH`) holds.
const THREAD_STACK: usize = 256 << 20;

/// How often the main thread's lock waits wake up to run signal handlers.
const SIGNAL_POLL: Duration = Duration::from_millis(20);

/// Threads started by `start_new_thread` that are still running.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
/// The size `stack_size(n)` last set (reported only: see `THREAD_STACK`).
static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);

/// A lock that a thread other than its holder may release: a flag under
/// a mutex, and a condition variable to wait on without the interpreter
/// lock.
pub struct RawLock {
    locked: Mutex<bool>,
    freed: Condvar,
}

/// The payload of a `_thread.lock`.
pub struct LockData {
    raw: RawLock,
}

/// The payload of a `_thread.RLock`: the owner and count are only touched
/// with the interpreter lock held; `raw` is held while count > 0.
pub struct RLockData {
    raw: RawLock,
    owner: Cell<u64>,
    count: Cell<u64>,
}

crate::interp_static! {
    static TYPES: OnceCell<(Value, Value, Value)> = const { OnceCell::new() };
}

thread_local! {
    /// The `_set_sentinel` locks of this thread, released when it ends.
    static SENTINELS: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

const LOCK_METHODS: &[Method] = &[
    mk("acquire", lock_acquire),
    mk("acquire_lock", lock_acquire),
    mk("__enter__", lock_acquire),
    m("release", lock_release),
    m("release_lock", lock_release),
    m("__exit__", lock_release),
    m("locked", |a, _| Ok(boolean(lock(&a[0])?.raw.is_locked()))),
    m("locked_lock", |a, _| Ok(boolean(lock(&a[0])?.raw.is_locked()))),
    m("_at_fork_reinit", |a, _| {
        lock(&a[0])?.raw.reset();
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
        r.raw.reset();
        r.owner.set(0);
        r.count.set(0);
        Ok(none())
    }),
    m("__repr__", rlock_repr),
];

const FUNCTIONS: &[Method] = &[
    m("allocate_lock", |_, _| Ok(new_lock())),
    m("allocate", |_, _| Ok(new_lock())),
    m("_set_sentinel", set_sentinel),
    m("get_ident", |_, _| Ok(int::from_bigint(get_ident().into()))),
    m("get_native_id", |_, _| Ok(int::from_i64(native_id()))),
    m("_count", |_, _| Ok(int::from_usize(RUNNING.load(Ordering::Relaxed)))),
    m("stack_size", stack_size),
    mk("start_new_thread", start_new_thread),
    mk("start_new", start_new_thread),
    m("interrupt_main", interrupt_main),
    m("daemon_threads_allowed", |_, _| Ok(boolean(true))),
    m("_is_main_interpreter", |_, _| Ok(boolean(true))),
    m("exit", |_, _| Err(exc::new_exception(&rt().exc.system_exit, Vec::new()))),
    m("exit_thread", |_, _| Err(exc::new_exception(&rt().exc.system_exit, Vec::new()))),
    m("_excepthook", excepthook),
];

fn types() -> (Value, Value, Value) {
    TYPES.with(|t| {
        t.get_or_init(|| {
            let object = &rt().types.object;
            let lock = native::new_type::<LockData>("lock", "_thread", object, 0, LOCK_METHODS, &[]);
            let rlock =
                native::new_type::<RLockData>("RLock", "_thread", object, BASETYPE, RLOCK_METHODS, &[]);
            let local = native::new_type::<super::thread_local::LocalData>(
                "_local",
                "_thread",
                object,
                BASETYPE | HAS_DICT,
                super::thread_local::METHODS,
                &[],
            );
            (lock, rlock, local)
        })
        .clone()
    })
}

/// The `_thread._local` type.
pub fn local_type() -> Value {
    types().2
}

/// Builds the `_thread` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_thread", FUNCTIONS);
    let (lock, rlock, local) = types();
    dict::set_str(&d, "_local", local);
    dict::set_str(&d, "LockType", lock);
    dict::set_str(&d, "RLock", rlock);
    dict::set_str(&d, "error", rt().exc.runtime_error.clone());
    dict::set_str(&d, "TIMEOUT_MAX", Value::float(TIMEOUT_MAX));
    dict::set_str(&d, "_ExceptHookArgs", except_hook_args_type());
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
    crate::heap::alloc(&types().0, LockData { raw: RawLock::new() })
}

/// The identity of the calling thread (`pthread_self`, as CPython).
pub fn get_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions and cannot fail.
    unsafe { libc::pthread_self() as u64 }
}

/// The kernel's id of the calling thread.
fn native_id() -> i64 {
    // SAFETY: gettid has no preconditions and cannot fail.
    unsafe { libc::syscall(libc::SYS_gettid) }
}

/// `stack_size([size])`: the size set before (0: the default); a new size
/// is checked as CPython does but threads keep the VM's own stack size.
fn stack_size(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("stack_size", args, 1, 2)?;
    let old = STACK_SIZE.load(Ordering::Relaxed);
    if let Some(v) = args.get(1) {
        let n = int_arg(v, "")?;
        if n != 0 && n < 32768 {
            return Err(exc::value_error("size not valid: 32768 bytes"));
        }
        if n < 0 {
            return Err(exc::value_error("size must be 0 or a positive value"));
        }
        STACK_SIZE.store(n as usize, Ordering::Relaxed);
    }
    Ok(int::from_usize(old))
}

/// `_set_sentinel()`: a new lock (`threading` acquires it at once),
/// released when this thread's state is freed (`join` waits on it).
fn set_sentinel(_: &[Value], _: &[Value]) -> PyResult<Value> {
    let l = new_lock();
    SENTINELS.with(|s| s.borrow_mut().push(l.clone()));
    Ok(l)
}

/// Values handed to a new thread: only touched with the interpreter lock.
struct Start(Value, Value, Value);

// SAFETY: the values are moved to the new thread, which touches them only
// after taking the interpreter lock; the starting thread gives them up.
unsafe impl Send for Start {}

/// `start_new_thread(function, args, kwargs=None)`: runs
/// `function(*args, **kwargs)` in a new OS thread; returns its identity.
fn start_new_thread(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("start_new_thread() takes no keyword arguments"));
    }
    crate::objects::check_args("start_new_thread", args, 3, 4)?;
    let (func, fargs) = (&args[1], &args[2]);
    let kwargs = args.get(3).cloned().unwrap_or_else(|| rt().none.clone());
    if !crate::builtins::functions::is_callable(func) {
        return Err(exc::type_error("first arg must be callable"));
    }
    if crate::objects::tuple::items(fargs).is_none() {
        return Err(exc::type_error("2nd arg must be a tuple"));
    }
    if !kwargs.is(&rt().none) && dict::data(&kwargs).is_none() {
        return Err(exc::type_error("optional 3rd arg must be a dictionary"));
    }
    crate::signals::is_main_thread();
    let start = Start(func.clone(), fargs.clone(), kwargs);
    RUNNING.fetch_add(1, Ordering::Relaxed);
    let spawned = std::thread::Builder::new().stack_size(THREAD_STACK).spawn(move || thread_main(start));
    match spawned {
        Ok(handle) => {
            use std::os::unix::thread::JoinHandleExt;
            Ok(int::from_bigint(handle.as_pthread_t().into()))
        }
        Err(_) => {
            RUNNING.fetch_sub(1, Ordering::Relaxed);
            Err(exc::runtime_error("can't start new thread"))
        }
    }
}

/// The body of a started thread: takes the interpreter lock, runs the
/// function, reports an exception other than SystemExit as unraisable,
/// then frees the thread's state and gives the lock back.
fn thread_main(start: Start) {
    crate::signals::block_in_this_thread();
    crate::runtime::attach();
    let Start(func, fargs, kwargs) = start;
    if let Err(e) = call_with(&func, &fargs, &kwargs) {
        if !e.matches(&rt().exc.system_exit) {
            crate::modules::sys::report_unraisable(Some("in thread started by"), &func, &e);
        }
    }
    drop((func, fargs, kwargs));
    super::thread_local::forget_this_thread();
    release_sentinels();
    crate::runtime::detach();
    RUNNING.fetch_sub(1, Ordering::Relaxed);
    crate::gil::release();
}

/// `func(*args, **kwargs)` (kwargs a dict or None).
fn call_with(func: &Value, fargs: &Value, kwargs: &Value) -> PyResult<Value> {
    let mut argv: Vec<Value> = crate::objects::tuple::items(fargs).unwrap_or(&[]).to_vec();
    let mut names = Vec::new();
    if let Some(d) = dict::data(kwargs) {
        for (k, v) in d.items() {
            argv.push(v);
            names.push(k);
        }
    }
    crate::call::call(func, &argv, &names)
}

/// Releases this thread's `_set_sentinel` locks.
fn release_sentinels() {
    let locks = SENTINELS.with(|s| std::mem::take(&mut *s.borrow_mut()));
    for l in &locks {
        if let Some(d) = l.downcast::<LockData>() {
            d.raw.release();
        }
    }
}

impl RawLock {
    fn new() -> RawLock {
        RawLock { locked: Mutex::new(false), freed: Condvar::new() }
    }

    fn state(&self) -> MutexGuard<'_, bool> {
        self.locked.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn is_locked(&self) -> bool {
        *self.state()
    }

    fn reset(&self) {
        *self.state() = false;
    }

    /// Takes the lock if it is free.
    fn try_acquire(&self) -> bool {
        let mut s = self.state();
        !std::mem::replace(&mut *s, true)
    }

    /// Frees the lock; false if it was not locked.
    fn release(&self) -> bool {
        let mut s = self.state();
        if !*s {
            return false;
        }
        *s = false;
        drop(s);
        self.freed.notify_one();
        true
    }

    /// Waits (without the interpreter lock) until the lock is free and
    /// takes it, or until `until` passes; false on timeout.
    fn wait_until(&self, until: Option<Instant>) -> bool {
        let mut s = self.state();
        while *s {
            s = match until {
                None => self.freed.wait(s).unwrap_or_else(PoisonError::into_inner),
                Some(t) => {
                    let left = t.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return false;
                    }
                    self.freed.wait_timeout(s, left).unwrap_or_else(PoisonError::into_inner).0
                }
            };
        }
        *s = true;
        true
    }

    /// Takes the lock, waiting up to `wait` (None: forever) with the
    /// interpreter lock released. The main thread wakes every
    /// [`SIGNAL_POLL`] to run signal handlers; their exception ends the wait.
    fn acquire(&self, wait: Option<Duration>) -> PyResult<bool> {
        if self.try_acquire() {
            return Ok(true);
        }
        if wait == Some(Duration::ZERO) {
            return Ok(false);
        }
        let deadline = wait.map(|d| Instant::now() + d);
        let main = crate::signals::is_main_thread();
        loop {
            let slice_end = if main { Some(Instant::now() + SIGNAL_POLL) } else { None };
            let until = match (deadline, slice_end) {
                (Some(d), Some(s)) => Some(d.min(s)),
                (d, s) => d.or(s),
            };
            if crate::gil::allow_threads(|| self.wait_until(until)) {
                return Ok(true);
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(false);
            }
            crate::signals::check()?;
        }
    }
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

fn lock_acquire(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let wait = wait_arg("acquire", args, kwnames)?;
    let l = lock(&args[0])?;
    Ok(boolean(l.raw.acquire(wait)?))
}

fn lock_release(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if !lock(&args[0])?.raw.release() {
        return Err(exc::runtime_error("release unlocked lock"));
    }
    Ok(none())
}

fn lock_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let state = if lock(&args[0])?.raw.is_locked() { "locked" } else { "unlocked" };
    Ok(pystr::from_string(format!("<{state} _thread.lock object at {:#x}>", args[0].bits())))
}

impl RLockData {
    fn owned_by_me(&self) -> bool {
        self.count.get() > 0 && self.owner.get() == get_ident()
    }
}

fn rlock_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::object::alloc_subclass(
        &args[0],
        RLockData { raw: RawLock::new(), owner: Cell::new(0), count: Cell::new(0) },
    )
}

fn rlock_acquire(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let wait = wait_arg("acquire", args, kwnames)?;
    let r = rlock(&args[0])?;
    if r.owned_by_me() {
        r.count.set(r.count.get() + 1);
        return Ok(boolean(true));
    }
    if !r.raw.acquire(wait)? {
        return Ok(boolean(false));
    }
    r.owner.set(get_ident());
    r.count.set(1);
    Ok(boolean(true))
}

fn rlock_release(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = rlock(&args[0])?;
    if !r.owned_by_me() {
        return Err(exc::runtime_error("cannot release un-acquired lock"));
    }
    r.count.set(r.count.get() - 1);
    if r.count.get() == 0 {
        r.owner.set(0);
        r.raw.release();
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
    r.raw.release();
    Ok(state)
}

fn rlock_acquire_restore(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("_acquire_restore", args, 2, 2)?;
    let r = rlock(&args[0])?;
    let items = crate::objects::tuple::items(&args[1]).unwrap_or(&[]);
    let [count, owner] = items else {
        return Err(exc::type_error("_acquire_restore() argument 1 must be tuple"));
    };
    let count = int_arg(count, "")? as u64;
    let owner = int::to_bigint(owner).and_then(|b| u64::try_from(b).ok()).unwrap_or(0);
    r.raw.acquire(None)?;
    r.count.set(count);
    r.owner.set(owner);
    Ok(none())
}

/// `sys.getswitchinterval()`.
pub fn sys_getswitchinterval(_: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(Value::float(crate::gil::switch_interval()))
}

/// `sys.setswitchinterval(interval)`.
pub fn sys_setswitchinterval(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("setswitchinterval", args, 2, 2)?;
    let secs = float::float_of(&args[1])?;
    if secs <= 0.0 {
        return Err(exc::value_error("switch interval must be strictly positive"));
    }
    crate::gil::set_switch_interval(secs);
    Ok(none())
}

/// At exit: `threading._shutdown()` if `threading` was imported, which
/// joins the non-daemon threads (CPython's `wait_for_thread_shutdown`).
pub fn shutdown_threading() {
    let Some(modules) = rt().modules.get() else { return };
    let Ok(Some(threading)) = dict::get_item(modules, &pystr::intern("threading")) else { return };
    let r = crate::attr::getattr(&threading, &pystr::intern("_shutdown"))
        .and_then(|f| crate::call::call(&f, &[], &[]));
    if let Err(e) = r {
        crate::modules::sys::report_unraisable(None, &threading, &e);
    }
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

// ---- threading.excepthook's native part ----

crate::interp_static! {
    static EXCEPT_HOOK_ARGS: OnceCell<Value> = const { OnceCell::new() };
}

/// `_thread._ExceptHookArgs`: `(exc_type, exc_value, exc_traceback, thread)`.
fn except_hook_args_type() -> Value {
    EXCEPT_HOOK_ARGS.with(|c| {
        c.get_or_init(|| {
            let fields = ["exc_type", "exc_value", "exc_traceback", "thread"];
            super::structseq::new_type("_thread", "_ExceptHookArgs", &fields, fields.len())
        })
        .clone()
    })
}

/// `_thread._excepthook(args)` (`threading.excepthook`): "Exception in
/// thread NAME:" and the exception on `sys.stderr` (the thread's `_stderr`
/// when that is None); SystemExit is silent.
fn excepthook(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("_excepthook", args, 2, 2)?;
    let a = &args[1];
    if !crate::types::type_of(a).is(&except_hook_args_type()) {
        return Err(exc::type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let get = |name| crate::attr::getattr_str(a, name);
    let (exc_type, exc_value, thread) = (get("exc_type")?, get("exc_value")?, get("thread")?);
    if exc_type.is(&rt().exc.system_exit) {
        return Ok(none());
    }
    let mut file = super::sys::std_stream("stderr");
    if file.is(&rt().none) {
        if thread.is(&rt().none) {
            return Ok(none());
        }
        file = crate::attr::getattr_str(&thread, "_stderr")?;
        if file.is(&rt().none) {
            return Ok(none());
        }
    }
    let name = if thread.is(&rt().none) {
        None
    } else {
        crate::attr::getattr_str(&thread, "name").ok().and_then(|n| crate::ops::str_string(&n).ok())
    };
    let name = name.unwrap_or_else(|| get_ident().to_string());
    let body = match crate::objects::exc_objects::data(&exc_value) {
        Some(_) => crate::traceback::format_exception(&exc::PyErr(exc_value)),
        None => format!("{}\n", crate::ops::str_string(&exc_value)?),
    };
    let text = format!("Exception in thread {name}:\n{body}");
    crate::attr::call_method(&file, "write", &[crate::objects::str::new(&text)])?;
    if let Ok(flush) = crate::attr::getattr_str(&file, "flush") {
        crate::call::call(&flush, &[], &[])?;
    }
    Ok(none())
}
