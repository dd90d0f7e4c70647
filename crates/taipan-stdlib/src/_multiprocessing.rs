//! `_multiprocessing` (CPython's `multiprocessing/semaphore.c` on POSIX):
//! `SemLock`, a semaphore or recursive mutex over a POSIX named semaphore
//! (`sem_open`), shared with forked children; `sem_unlink`; `flags`.
//! `multiprocessing.synchronize` builds `Lock`, `RLock`, `Semaphore`,
//! `Condition` and `Event` on it.
//!
//! A blocking `acquire` waits with the interpreter lock released
//! (`gil::allow_threads`) and, like CPython's, runs the Python signal
//! handlers when a signal interrupts the wait (an exception from one
//! ends the wait), then waits again until the deadline.

use std::cell::{Cell, OnceCell};
use std::ffi::CString;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, bind_clinic, boolean, int_arg, none, BASETYPE};
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{cm, dict, float, int, m, mk, new_method, str as pystr, Getter, Method, Setter};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// `SemLock.kind` of a recursive mutex (`RLock`).
const RECURSIVE_MUTEX: i64 = 0;
/// `SemLock.kind` of a counting semaphore.
const SEMAPHORE: i64 = 1;
/// `SEM_VALUE_MAX` on Linux (INT_MAX).
const SEM_VALUE_MAX: i64 = i32::MAX as i64;

/// The payload of a `SemLock`.
pub struct SemLockData {
    /// The `sem_t *` from `sem_open` (closed when the object goes).
    handle: usize,
    kind: i64,
    maxvalue: i64,
    /// The semaphore's name, None once unlinked.
    name: Option<String>,
    /// How many times this thread holds it (recursion depth of an RLock).
    count: Cell<i64>,
    /// The thread that last acquired it.
    last_tid: Cell<u64>,
}

impl SemLockData {
    fn sem(&self) -> *mut libc::sem_t {
        self.handle as *mut libc::sem_t
    }

    /// Whether the calling thread holds it (CPython's `ISMINE`).
    fn is_mine(&self) -> bool {
        self.count.get() > 0 && self.last_tid.get() == taipan_vm::modules::_thread::get_ident()
    }

    /// `sem_getvalue`, clamped at 0 (Linux may report waiters as negative).
    fn value(&self) -> PyResult<i64> {
        let mut v: libc::c_int = 0;
        // SAFETY: `sem()` is the open semaphore of this object; `v` is writable.
        if unsafe { libc::sem_getvalue(self.sem(), &mut v) } < 0 {
            return Err(last_os_error());
        }
        Ok(v.max(0) as i64)
    }
}

impl Drop for SemLockData {
    fn drop(&mut self) {
        // SAFETY: the handle came from sem_open and is closed exactly once.
        unsafe { libc::sem_close(self.sem()) };
    }
}

taipan_vm::interp_static! {
    static TYPE: OnceCell<Value> = const { OnceCell::new() };
}

fn semlock_type() -> Value {
    TYPE.with(|t| {
        t.get_or_init(|| {
            let ty = native::new_type::<SemLockData>(
                "SemLock",
                "_multiprocessing",
                &rt().types.object,
                BASETYPE,
                METHODS,
                GETSETS,
            );
            let d = taipan_vm::types::type_payload(&ty).dict();
            dict::set_str(d, "SEM_VALUE_MAX", int::from_i64(SEM_VALUE_MAX));
            ty
        })
        .clone()
    })
}

const METHODS: &[Method] = &[
    new_method(semlock_new),
    mk("acquire", semlock_acquire),
    m("release", semlock_release),
    m("__enter__", |a, _| semlock_acquire(&a[..1], &[])),
    m("__exit__", |a, _| semlock_release(&a[..1], &[])),
    m("_count", |a, _| Ok(int::from_i64(this(&a[0])?.count.get()))),
    m("_is_mine", |a, _| Ok(boolean(this(&a[0])?.is_mine()))),
    m("_get_value", |a, _| Ok(int::from_i64(this(&a[0])?.value()?))),
    m("_is_zero", |a, _| Ok(boolean(this(&a[0])?.value()? == 0))),
    m("_after_fork", |a, _| {
        this(&a[0])?.count.set(0);
        Ok(none())
    }),
    cm("_rebuild", semlock_rebuild),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("handle", |v| Ok(int::from_i64(this(v)?.handle as i64)), None),
    ("kind", |v| Ok(int::from_i64(this(v)?.kind)), None),
    ("maxvalue", |v| Ok(int::from_i64(this(v)?.maxvalue)), None),
    ("name", |v| Ok(this(v)?.name.as_deref().map(pystr::new).unwrap_or_else(none)), None),
];

const FUNCTIONS: &[Method] = &[m("sem_unlink", module_sem_unlink)];

/// Builds the `_multiprocessing` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_multiprocessing", FUNCTIONS);
    dict::set_str(&d, "SemLock", semlock_type());
    let flags = dict::new_dict();
    dict::set_item(&flags, pystr::new("HAVE_SEM_OPEN"), int::from_i64(1))?;
    dict::set_item(&flags, pystr::new("HAVE_SEM_TIMEDWAIT"), int::from_i64(1))?;
    dict::set_str(&d, "flags", flags);
    Ok(md)
}

fn this(v: &Value) -> PyResult<&SemLockData> {
    v.downcast::<SemLockData>().ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a '_multiprocessing.SemLock' object but received '{}'",
            type_name(v)
        ))
    })
}

fn last_os_error() -> exc::PyErr {
    from_errno(std::io::Error::last_os_error().raw_os_error().unwrap_or(0), None, None)
}

fn c_name(name: &str) -> PyResult<CString> {
    CString::new(name).map_err(|_| exc::value_error("embedded null character"))
}

/// `SemLock(kind, value, maxvalue, name, unlink)`: creates the named
/// semaphore (it must not exist), unlinking the name at once if asked.
fn semlock_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["kind", "value", "maxvalue", "name", "unlink"];
    let a = bind_clinic("SemLock", &args[1..], kwnames, &names, 5)?;
    let arg = |i: usize| a[i].as_ref().expect("required");
    let (kind, value, maxvalue) = (int_arg(arg(0), "")?, int_arg(arg(1), "")?, int_arg(arg(2), "")?);
    let name = native::str_arg(arg(3), "SemLock", "name")?;
    let unlink = taipan_vm::ops::truthy(arg(4))?;
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return Err(exc::value_error("unrecognized kind"));
    }
    let value = u32::try_from(value).map_err(|_| exc::overflow_error("value out of range"))?;
    let c = c_name(&name)?;
    // SAFETY: `c` is a NUL-terminated name; sem_open with O_CREAT takes the
    // mode and initial value as its variadic arguments.
    let sem =
        unsafe { libc::sem_open(c.as_ptr(), libc::O_CREAT | libc::O_EXCL, 0o600 as libc::c_uint, value) };
    if sem == libc::SEM_FAILED {
        return Err(last_os_error());
    }
    if unlink {
        // SAFETY: `c` is a NUL-terminated name.
        if unsafe { libc::sem_unlink(c.as_ptr()) } < 0 {
            let err = last_os_error();
            // SAFETY: `sem` was opened above and is not used again.
            unsafe { libc::sem_close(sem) };
            return Err(err);
        }
    }
    let data = new_data(sem, kind, maxvalue, (!unlink).then_some(name));
    taipan_vm::objects::object::alloc_maybe_subclass(&args[0], &semlock_type(), data)
}

fn new_data(sem: *mut libc::sem_t, kind: i64, maxvalue: i64, name: Option<String>) -> SemLockData {
    SemLockData { handle: sem as usize, kind, maxvalue, name, count: Cell::new(0), last_tid: Cell::new(0) }
}

/// `SemLock._rebuild(handle, kind, maxvalue, name)`: the semaphore in a
/// child, reopened by name (or the inherited handle when unnamed).
fn semlock_rebuild(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.len() != 5 {
        return Err(exc::type_error(format!("_rebuild expected 4 arguments, got {}", args.len() - 1)));
    }
    if !int::is_int(&args[1]) {
        let what = if args[1].is(&rt().none) { "None".to_string() } else { type_name(&args[1]) };
        return Err(exc::type_error(format!("_rebuild() argument 1 must be int, not {what}")));
    }
    let (kind, maxvalue) = (int_arg(&args[2], "")?, int_arg(&args[3], "")?);
    let (sem, name) = if args[4].is(&rt().none) {
        (int_arg(&args[1], "")? as usize as *mut libc::sem_t, None)
    } else {
        let name = native::str_arg(&args[4], "_rebuild", "name")?;
        let c = c_name(&name)?;
        // SAFETY: `c` is a NUL-terminated name; no O_CREAT, so no varargs.
        let sem = unsafe { libc::sem_open(c.as_ptr(), 0) };
        if sem == libc::SEM_FAILED {
            return Err(last_os_error());
        }
        (sem, Some(name))
    };
    taipan_vm::objects::object::alloc_maybe_subclass(
        &args[0],
        &semlock_type(),
        new_data(sem, kind, maxvalue, name),
    )
}

/// A timeout in seconds: a real number (negative counts as zero).
fn timeout_arg(v: &Value) -> PyResult<f64> {
    let t = match float::to_f64(v) {
        Some(f) => f,
        None if int::is_int(v) => int::big_to_f64(&int::to_bigint(v).unwrap_or_default())?,
        None => return Err(exc::type_error(format!("must be real number, not {}", type_name(v)))),
    };
    Ok(t.max(0.0))
}

/// The absolute `CLOCK_REALTIME` deadline `seconds` from now.
fn deadline_after(seconds: f64) -> libc::timespec {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) };
    let whole = seconds.floor();
    let mut sec = now.tv_sec.saturating_add(whole.min(1e15) as libc::time_t);
    let mut nsec = now.tv_nsec + ((seconds - whole) * 1e9) as libc::c_long;
    if nsec >= 1_000_000_000 {
        sec += 1;
        nsec -= 1_000_000_000;
    }
    libc::timespec { tv_sec: sec, tv_nsec: nsec }
}

/// `acquire(block=True, timeout=None)` → whether it was acquired.
fn semlock_acquire(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind_clinic("acquire", &args[1..], kwnames, &["block", "timeout"], 0)?;
    let me = this(&args[0])?;
    let block = match &a[0] {
        Some(v) => taipan_vm::ops::truthy(v)?,
        None => true,
    };
    let timeout = match native::given(&a[1]) {
        Some(v) => Some(timeout_arg(v)?),
        None => None,
    };
    if me.kind == RECURSIVE_MUTEX && me.is_mine() {
        me.count.set(me.count.get() + 1);
        return Ok(boolean(true));
    }
    if !wait(me.handle, block, timeout)? {
        return Ok(boolean(false));
    }
    me.count.set(me.count.get() + 1);
    me.last_tid.set(taipan_vm::modules::_thread::get_ident());
    Ok(boolean(true))
}

/// Takes the semaphore: at once if it is free, else (when `block`) waits
/// until it is, or until the timeout; false when it was not taken.
fn wait(handle: usize, block: bool, timeout: Option<f64>) -> PyResult<bool> {
    let sem = handle as *mut libc::sem_t;
    // SAFETY: `sem` is the object's open semaphore.
    let r = retry(|| unsafe { libc::sem_trywait(sem) })?;
    let mut err = errno();
    if r == 0 {
        return Ok(true);
    }
    if err == libc::EAGAIN && block {
        let deadline = timeout.map(deadline_after);
        loop {
            let r = taipan_vm::gil::allow_threads(|| {
                let sem = handle as *mut libc::sem_t;
                // SAFETY: `sem` is open (the SemLock outlives the call);
                // `d` is a valid timespec.
                let r = match &deadline {
                    Some(d) => unsafe { libc::sem_timedwait(sem, d) },
                    None => unsafe { libc::sem_wait(sem) },
                };
                (r, errno())
            });
            if r.0 == 0 {
                return Ok(true);
            }
            err = r.1;
            if err != libc::EINTR {
                break;
            }
            taipan_vm::signals::check()?;
        }
    }
    match err {
        libc::EAGAIN | libc::ETIMEDOUT => Ok(false),
        _ => Err(from_errno(err, None, None)),
    }
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Runs `call` again after EINTR once the signal handlers ran.
fn retry(mut call: impl FnMut() -> libc::c_int) -> PyResult<libc::c_int> {
    loop {
        let r = call();
        if r == 0 || errno() != libc::EINTR {
            return Ok(r);
        }
        taipan_vm::signals::check()?;
    }
}

/// `release()`: gives one unit back (one level of a recursive mutex).
fn semlock_release(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("release", args, 1, 1)?;
    let me = this(&args[0])?;
    if me.kind == RECURSIVE_MUTEX {
        if !me.is_mine() {
            return Err(exc::with_msg(
                &rt().exc.assertion_error,
                "attempt to release recursive lock not owned by thread",
            ));
        }
        if me.count.get() > 1 {
            me.count.set(me.count.get() - 1);
            return Ok(none());
        }
    } else if me.value()? >= me.maxvalue {
        return Err(exc::value_error("semaphore or lock released too many times"));
    }
    // SAFETY: `sem()` is the object's open semaphore.
    if unsafe { libc::sem_post(me.sem()) } < 0 {
        return Err(last_os_error());
    }
    me.count.set(me.count.get() - 1);
    Ok(none())
}

/// `sem_unlink(name)`: removes a named semaphore.
fn module_sem_unlink(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("sem_unlink", args, 2, 2)?;
    let name = native::str_arg(&args[1], "sem_unlink", "name")?;
    let c = c_name(&name)?;
    // SAFETY: `c` is a NUL-terminated name.
    if unsafe { libc::sem_unlink(c.as_ptr()) } < 0 {
        return Err(last_os_error());
    }
    Ok(none())
}
