//! The `select` module (CPython's `Modules/selectmodule.c` on Linux):
//! `select.select`, `poll` objects and `epoll` objects, with the POLL*/
//! EPOLL* constants, `PIPE_BUF` and `error` (= `OSError`).
//!
//! `select.select` runs on `poll(2)` (no `fd_set` juggling) with the
//! kernel's mapping of poll events to select's three sets, and keeps
//! select's `FD_SETSIZE` limit and errors. Every wait goes through
//! [`poll_fds`]: the system call runs inside `gil::allow_threads`, and on
//! EINTR the Python signal handlers run and the wait resumes with what is
//! left of the timeout (PEP 475). `_socket.rs` shares [`fd_of`],
//! [`poll_fds`] and the timeout parsing.

use std::cell::{Cell, OnceCell, RefCell};
use std::time::{Duration, Instant};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, bind_clinic, boolean, none, BASETYPE};
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{
    cm, dict, float, int, list, m, mk, new_method, str as pystr, tuple, Getter, Method,
};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::{gil, signals, Value};

/// `FD_SETSIZE`: select() refuses descriptors at or above it.
const FD_SETSIZE: i64 = 1024;

/// The events the kernel's select counts as readable / writable / exceptional.
const SELECT_IN: i16 = libc::POLLIN | libc::POLLRDNORM | libc::POLLRDBAND | libc::POLLHUP | libc::POLLERR;
const SELECT_OUT: i16 = libc::POLLOUT | libc::POLLWRNORM | libc::POLLWRBAND | libc::POLLERR;
const SELECT_EX: i16 = libc::POLLPRI;

const CONSTANTS: &[(&str, i64)] = &[
    ("PIPE_BUF", libc::PIPE_BUF as i64),
    ("POLLIN", libc::POLLIN as i64),
    ("POLLPRI", libc::POLLPRI as i64),
    ("POLLOUT", libc::POLLOUT as i64),
    ("POLLERR", libc::POLLERR as i64),
    ("POLLHUP", libc::POLLHUP as i64),
    ("POLLNVAL", libc::POLLNVAL as i64),
    ("POLLRDNORM", libc::POLLRDNORM as i64),
    ("POLLRDBAND", libc::POLLRDBAND as i64),
    ("POLLWRNORM", libc::POLLWRNORM as i64),
    ("POLLWRBAND", libc::POLLWRBAND as i64),
    ("POLLMSG", 0x400),
    ("POLLRDHUP", libc::POLLRDHUP as i64),
    ("EPOLLIN", libc::EPOLLIN as i64),
    ("EPOLLOUT", libc::EPOLLOUT as i64),
    ("EPOLLPRI", libc::EPOLLPRI as i64),
    ("EPOLLERR", libc::EPOLLERR as i64),
    ("EPOLLHUP", libc::EPOLLHUP as i64),
    ("EPOLLET", libc::EPOLLET as u32 as i64),
    ("EPOLLONESHOT", libc::EPOLLONESHOT as i64),
    ("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE as i64),
    ("EPOLLRDHUP", libc::EPOLLRDHUP as i64),
    ("EPOLLRDNORM", libc::EPOLLRDNORM as i64),
    ("EPOLLRDBAND", libc::EPOLLRDBAND as i64),
    ("EPOLLWRNORM", libc::EPOLLWRNORM as i64),
    ("EPOLLWRBAND", libc::EPOLLWRBAND as i64),
    ("EPOLLMSG", libc::EPOLLMSG as i64),
    ("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC as i64),
];

const FUNCTIONS: &[Method] = &[m("select", select_select), m("poll", |_, _| new_poll())];

/// Builds the `select` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("select", FUNCTIONS);
    for (name, v) in CONSTANTS {
        dict::set_str(&d, name, int::from_i64(*v));
    }
    dict::set_str(&d, "error", rt().exc.os_error.clone());
    dict::set_str(&d, "epoll", types().epoll);
    Ok(md)
}

// ---- shared with _socket ----

/// A file descriptor from an int or an object with `fileno()`
/// (CPython's `PyObject_AsFileDescriptor`).
pub(crate) fn fd_of(v: &Value) -> PyResult<i32> {
    let n = if int::is_int(v) {
        int::index_value(v)?.unwrap_or(i64::MAX)
    } else if let Some(fd) = crate::_socket::native_fileno(v) {
        fd as i64
    } else {
        let Some(method) = taipan_vm::attr::getattr_opt(v, &pystr::intern("fileno"))? else {
            return Err(exc::type_error("argument must be an int, or have a fileno() method."));
        };
        let r = taipan_vm::call::call(&method, &[], &[])?;
        if !int::is_int(&r) {
            return Err(exc::type_error("fileno() returned a non-integer"));
        }
        int::index_value(&r)?.unwrap_or(i64::MAX)
    };
    if n < 0 {
        return Err(exc::value_error(format!("file descriptor cannot be a negative integer ({n})")));
    }
    i32::try_from(n).map_err(|_| exc::overflow_error("Python int too large to convert to C int"))
}

/// A timeout argument: None gives `Ok(None)`; ints and floats their
/// value; anything else a TypeError with `message`. `unit_ns` is the
/// length of one unit in nanoseconds (1e9 for seconds): a value beyond
/// CPython's 64-bit nanosecond clock is an OverflowError, as there.
pub(crate) fn timeout_arg(v: Option<&Value>, unit_ns: f64, message: &str) -> PyResult<Option<f64>> {
    let Some(v) = v.filter(|v| !v.is(&rt().none)) else { return Ok(None) };
    let (value, is_int) = if int::is_int(v) {
        let n = match int::to_i64(v) {
            Some(n) => n as f64,
            None => f64::INFINITY,
        };
        (n, true)
    } else {
        (float::to_f64(v).ok_or_else(|| exc::type_error(message))?, false)
    };
    if value.is_nan() {
        return Err(exc::value_error("Invalid value NaN (not a number)"));
    }
    if (value * unit_ns).abs() >= 9.223_372_036_854_776e18 {
        return Err(exc::overflow_error(if is_int {
            "timestamp too large to convert to C _PyTime_t"
        } else {
            "timestamp out of range for platform time_t"
        }));
    }
    Ok(Some(value))
}

/// A timeout in seconds (see [`timeout_arg`]).
pub(crate) fn seconds_arg(v: Option<&Value>, message: &str) -> PyResult<Option<f64>> {
    timeout_arg(v, 1e9, message)
}

/// Milliseconds for `poll(2)`, rounded up (CPython's `_PyTime_ROUND_TIMEOUT`).
fn millis_ceil(secs: f64) -> PyResult<i32> {
    let ms = (secs * 1000.0).ceil();
    if ms > i32::MAX as f64 {
        return Err(exc::overflow_error("timeout is too large"));
    }
    Ok(ms as i32)
}

/// The errno of the last failed system call.
pub(crate) fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// `poll(2)` over `fds` until an event, `deadline` (None: forever), or an
/// error. On EINTR the signal handlers run (an exception from one is
/// returned) and the wait resumes with the time left. Returns the number
/// of ready descriptors (0 on timeout).
pub(crate) fn poll_fds(fds: &mut [libc::pollfd], deadline: Option<Instant>) -> PyResult<usize> {
    loop {
        let ms = match deadline {
            None => -1,
            Some(d) => millis_ceil(d.saturating_duration_since(Instant::now()).as_secs_f64())?,
        };
        let (r, errno) = gil::allow_threads(|| sys_poll(fds, ms));
        if r >= 0 {
            return Ok(r as usize);
        }
        if errno != libc::EINTR {
            return Err(from_errno(errno, None, None));
        }
        signals::check()?;
        if deadline.is_some_and(|d| Instant::now() >= d) {
            fds.iter_mut().for_each(|p| p.revents = 0);
            return Ok(0);
        }
    }
}

/// One `poll(2)` call: its result and errno.
fn sys_poll(fds: &mut [libc::pollfd], ms: i32) -> (i32, i32) {
    // SAFETY: `fds` is a valid, exclusively borrowed array of `fds.len()` pollfds.
    let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
    (r, if r < 0 { last_errno() } else { 0 })
}

/// The deadline `secs` from now (None: none).
pub(crate) fn deadline_after(secs: Option<f64>) -> Option<Instant> {
    secs.map(|s| Instant::now() + Duration::from_secs_f64(s.clamp(0.0, 1e9)))
}

// ---- select.select ----

/// `select(rlist, wlist, xlist, timeout=None)`.
fn select_select(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("select", args, 4, 5)?;
    let secs = seconds_arg(args.get(4), "timeout must be a float or None")?;
    if secs.is_some_and(|s| s < 0.0) {
        return Err(exc::value_error("timeout must be non-negative"));
    }
    let sets: Vec<Vec<(i32, Value)>> = args[1..4].iter().map(select_list).collect::<PyResult<_>>()?;
    let wanted = [SELECT_IN, SELECT_OUT, SELECT_EX];
    // Where each descriptor's pollfd is (descriptors are below FD_SETSIZE).
    let mut slot = [u16::MAX; FD_SETSIZE as usize];
    let mut fds: Vec<libc::pollfd> = Vec::new();
    for (set, ask) in sets.iter().zip(wanted) {
        for (fd, _) in set {
            let at = &mut slot[*fd as usize];
            if *at == u16::MAX {
                *at = fds.len() as u16;
                fds.push(libc::pollfd { fd: *fd, events: 0, revents: 0 });
            }
            fds[*at as usize].events |= ask;
        }
    }
    poll_fds(&mut fds, deadline_after(secs))?;
    if fds.iter().any(|p| p.revents & libc::POLLNVAL != 0) {
        return Err(from_errno(libc::EBADF, None, None));
    }
    let ready = |set: &[(i32, Value)], mask: i16| {
        let items = set
            .iter()
            .filter(|(fd, _)| fds[slot[*fd as usize] as usize].revents & mask != 0)
            .map(|(_, v)| v.clone())
            .collect();
        list::new(items)
    };
    Ok(tuple::new(vec![ready(&sets[0], SELECT_IN), ready(&sets[1], SELECT_OUT), ready(&sets[2], SELECT_EX)]))
}

/// One of select's lists as (descriptor, original object) pairs.
fn select_list(v: &Value) -> PyResult<Vec<(i32, Value)>> {
    if !taipan_vm::ops::is_iterable(v) {
        return Err(exc::type_error("arguments 1-3 must be sequences"));
    }
    let mut out = Vec::new();
    let mut add = |item: Value| -> PyResult<()> {
        let fd = fd_of(&item)?;
        if fd as i64 >= FD_SETSIZE {
            return Err(exc::value_error("filedescriptor out of range in select()"));
        }
        out.push((fd, item));
        Ok(())
    };
    match list::data(v) {
        // A list is read live, its length re-checked after each fileno()
        // (which may mutate it), as CPython's PySequence_Fast loop does.
        Some(l) => {
            for i in 0.. {
                // The borrow must end before fileno() runs.
                let item = l.items.borrow().get(i).cloned();
                let Some(item) = item else { break };
                add(item)?;
            }
        }
        None => taipan_vm::ops::collect(v)?.into_iter().try_for_each(add)?,
    }
    Ok(out)
}

// ---- types ----

/// The payload of a `select.poll` object: registered (fd, events), in
/// registration order.
pub struct PollData {
    fds: RefCell<Vec<(i32, i16)>>,
    polling: Cell<bool>,
}

/// The payload of a `select.epoll` object: its descriptor, -1 once closed.
pub struct EpollData {
    fd: Cell<i32>,
}

impl Drop for EpollData {
    fn drop(&mut self) {
        close_fd(self.fd.replace(-1));
    }
}

#[derive(Clone)]
struct Types {
    poll: Value,
    epoll: Value,
}

taipan_vm::interp_static! {
    static TYPES: OnceCell<Types> = const { OnceCell::new() };
}

fn types() -> Types {
    TYPES.with(|t| {
        t.get_or_init(|| {
            let object = &rt().types.object;
            let poll = native::new_type::<PollData>("poll", "select", object, 0, POLL_METHODS, &[]);
            let epoll = native::new_type::<EpollData>(
                "epoll",
                "select",
                object,
                BASETYPE,
                EPOLL_METHODS,
                &[("closed", epoll_closed as Getter, None)],
            );
            Types { poll, epoll }
        })
        .clone()
    })
}

fn close_fd(fd: i32) {
    if fd >= 0 {
        // SAFETY: closing a descriptor we own has no memory-safety effect.
        unsafe { libc::close(fd) };
    }
}

// ---- poll ----

const POLL_METHODS: &[Method] = &[
    new_method(|_, _| Err(exc::type_error("cannot create 'select.poll' instances"))),
    m("register", poll_register),
    m("modify", poll_modify),
    m("unregister", poll_unregister),
    m("poll", poll_poll),
];

fn new_poll() -> PyResult<Value> {
    let data = PollData { fds: RefCell::new(Vec::new()), polling: Cell::new(false) };
    Ok(taipan_vm::heap::alloc(&types().poll, data))
}

fn poll_self(v: &Value) -> PyResult<&PollData> {
    v.downcast::<PollData>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'select.poll' object but received '{}'", type_name(v)))
    })
}

/// An event mask argument (a C unsigned short).
fn poll_mask(v: &Value) -> PyResult<i16> {
    let n = match int::to_bigint(v).filter(|_| int::to_i64(v).is_none()) {
        Some(big) if num_traits::Signed::is_negative(&big) => -1,
        Some(big) if num_traits::ToPrimitive::to_u64(&big).is_none() => {
            return Err(exc::overflow_error("Python int too large to convert to C unsigned long"))
        }
        Some(_) => i64::MAX,
        None => native::int_arg(v, "")?,
    };
    if n < 0 {
        return Err(exc::value_error("value must be positive"));
    }
    u16::try_from(n)
        .map(|n| n as i16)
        .map_err(|_| exc::overflow_error("Python int too large for C unsigned short"))
}

/// `poll.register(fd, eventmask=POLLIN|POLLPRI|POLLOUT)`.
fn poll_register(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("register", args, 2, 3)?;
    let p = poll_self(&args[0])?;
    let fd = fd_of(&args[1])?;
    let mask = match args.get(2) {
        Some(v) => poll_mask(v)?,
        None => libc::POLLIN | libc::POLLPRI | libc::POLLOUT,
    };
    let mut fds = p.fds.borrow_mut();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => entry.1 = mask,
        None => fds.push((fd, mask)),
    }
    Ok(none())
}

/// `poll.modify(fd, eventmask)`: FileNotFoundError when not registered.
fn poll_modify(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("modify", args, 3, 3)?;
    let p = poll_self(&args[0])?;
    let fd = fd_of(&args[1])?;
    let mask = poll_mask(&args[2])?;
    let mut fds = p.fds.borrow_mut();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => entry.1 = mask,
        None => return Err(from_errno(libc::ENOENT, None, None)),
    }
    Ok(none())
}

/// `poll.unregister(fd)`: KeyError when not registered.
fn poll_unregister(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("unregister", args, 2, 2)?;
    let p = poll_self(&args[0])?;
    let fd = fd_of(&args[1])?;
    let mut fds = p.fds.borrow_mut();
    match fds.iter().position(|(f, _)| *f == fd) {
        Some(i) => {
            fds.remove(i);
            Ok(none())
        }
        None => Err(exc::key_error(args[1].clone())),
    }
}

/// `poll.poll(timeout=None)`: timeout in milliseconds (None or negative:
/// forever); a list of (fd, events).
fn poll_poll(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("poll", args, 1, 2)?;
    let p = poll_self(&args[0])?;
    let ms = timeout_arg(args.get(1), 1e6, "timeout must be an integer or None")?;
    if let Some(ms) = ms.filter(|ms| *ms >= 0.0) {
        millis_ceil(ms / 1000.0)?;
    }
    let deadline = ms.filter(|ms| *ms >= 0.0).map(|ms| ms / 1000.0);
    if p.polling.get() {
        return Err(exc::runtime_error("concurrent poll() invocation"));
    }
    let mut fds: Vec<libc::pollfd> =
        p.fds.borrow().iter().map(|&(fd, events)| libc::pollfd { fd, events, revents: 0 }).collect();
    p.polling.set(true);
    let r = poll_fds(&mut fds, deadline_after(deadline));
    p.polling.set(false);
    r?;
    let ready = fds
        .iter()
        .filter(|p| p.revents != 0)
        .map(|p| tuple::new(vec![int::from_i64(p.fd as i64), int::from_i64(p.revents as u16 as i64)]))
        .collect();
    Ok(list::new(ready))
}

// ---- epoll ----

const EPOLL_METHODS: &[Method] = &[
    new_method(epoll_new),
    m("close", epoll_close),
    m("fileno", |a, _| Ok(int::from_i64(open_epoll(&a[0])? as i64))),
    cm("fromfd", epoll_fromfd),
    mk("register", epoll_register),
    mk("modify", epoll_modify),
    mk("unregister", epoll_unregister),
    mk("poll", epoll_poll),
    m("__enter__", |a, _| {
        open_epoll(&a[0])?;
        Ok(a[0].clone())
    }),
    m("__exit__", epoll_close),
];

fn epoll_self(v: &Value) -> PyResult<&EpollData> {
    v.downcast::<EpollData>().ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a 'select.epoll' object but received '{}'",
            type_name(v)
        ))
    })
}

/// The descriptor of an open epoll object.
fn open_epoll(v: &Value) -> PyResult<i32> {
    let fd = epoll_self(v)?.fd.get();
    if fd < 0 {
        return Err(exc::value_error("I/O operation on closed epoll object"));
    }
    Ok(fd)
}

/// `epoll(sizehint=-1, flags=0)`.
fn epoll_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind_clinic("epoll", &args[1..], kwnames, &["sizehint", "flags"], 0)?;
    if let Some(hint) = a[0].as_ref() {
        let hint = native::int_arg(hint, "")?;
        if hint == 0 || hint < -1 {
            return Err(exc::value_error("negative sizehint"));
        }
    }
    if let Some(flags) = a[1].as_ref() {
        let flags = native::int_arg(flags, "")?;
        if flags != 0 && flags != libc::EPOLL_CLOEXEC as i64 {
            return Err(from_errno(libc::EINVAL, None, None));
        }
    }
    // SAFETY: epoll_create1 takes no pointers.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(from_errno(last_errno(), None, None));
    }
    taipan_vm::objects::object::alloc_maybe_subclass(
        &args[0],
        &types().epoll,
        EpollData { fd: Cell::new(fd) },
    )
}

/// `epoll.fromfd(fd)`: an epoll object owning `fd`.
fn epoll_fromfd(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("fromfd", args, 2, 2)?;
    let fd = fd_of(&args[1])?;
    taipan_vm::objects::object::alloc_maybe_subclass(
        &args[0],
        &types().epoll,
        EpollData { fd: Cell::new(fd) },
    )
}

fn epoll_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    close_fd(epoll_self(&args[0])?.fd.replace(-1));
    Ok(none())
}

fn epoll_closed(v: &Value) -> PyResult<Value> {
    Ok(boolean(epoll_self(v)?.fd.get() < 0))
}

/// One `epoll_ctl(2)` call.
fn epoll_ctl(epfd: i32, op: i32, fd: i32, events: u32) -> PyResult<()> {
    let mut ev = libc::epoll_event { events, u64: fd as u64 };
    // SAFETY: `ev` is a valid epoll_event for the duration of the call.
    let r = unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) };
    if r < 0 {
        return Err(from_errno(last_errno(), None, None));
    }
    Ok(())
}

/// An epoll event mask argument (a C unsigned int).
fn epoll_mask(v: Option<&Value>) -> PyResult<u32> {
    let Some(v) = v else { return Ok((libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as u32) };
    let n = native::int_arg(v, "")?;
    u32::try_from(n)
        .or_else(|_| i32::try_from(n).map(|n| n as u32))
        .map_err(|_| exc::overflow_error("Python int too large to convert to C unsigned int"))
}

fn epoll_register(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind_clinic("register", &args[1..], kwnames, &["fd", "eventmask"], 1)?;
    let epfd = open_epoll(&args[0])?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    epoll_ctl(epfd, libc::EPOLL_CTL_ADD, fd, epoll_mask(a[1].as_ref())?)?;
    Ok(none())
}

fn epoll_modify(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind_clinic("modify", &args[1..], kwnames, &["fd", "eventmask"], 2)?;
    let epfd = open_epoll(&args[0])?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    epoll_ctl(epfd, libc::EPOLL_CTL_MOD, fd, epoll_mask(a[1].as_ref())?)?;
    Ok(none())
}

fn epoll_unregister(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind_clinic("unregister", &args[1..], kwnames, &["fd"], 1)?;
    let epfd = open_epoll(&args[0])?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    epoll_ctl(epfd, libc::EPOLL_CTL_DEL, fd, 0)?;
    Ok(none())
}

/// `epoll.poll(timeout=None, maxevents=-1)`: timeout in seconds (None or
/// negative: forever); a list of (fd, events).
fn epoll_poll(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind_clinic("poll", &args[1..], kwnames, &["timeout", "maxevents"], 0)?;
    let epfd = open_epoll(&args[0])?;
    let secs = seconds_arg(a[0].as_ref(), "timeout must be an integer or None")?.filter(|s| *s >= 0.0);
    if let Some(s) = secs {
        millis_ceil(s)?;
    }
    let max = match a[1].as_ref() {
        Some(v) => native::int_arg(v, "")?,
        None => -1,
    };
    let max = match max {
        -1 => FD_SETSIZE - 1,
        n if n < 1 => return Err(exc::value_error(format!("maxevents must be greater than 0, got {n}"))),
        n => n.min(1 << 20),
    };
    let events = epoll_wait_retrying(epfd, max as usize, deadline_after(secs))?;
    let ready = events
        .iter()
        .map(|e| {
            let (fd, ev) = (e.u64 as i32, e.events);
            tuple::new(vec![int::from_i64(fd as i64), int::from_i64(ev as i64)])
        })
        .collect();
    Ok(list::new(ready))
}

/// `epoll_wait(2)` with PEP 475's retry on EINTR.
fn epoll_wait_retrying(epfd: i32, max: usize, deadline: Option<Instant>) -> PyResult<Vec<libc::epoll_event>> {
    let mut events: Vec<libc::epoll_event> = exc::try_vec(max)?;
    loop {
        let ms = match deadline {
            None => -1,
            Some(d) => millis_ceil(d.saturating_duration_since(Instant::now()).as_secs_f64())?,
        };
        let (r, errno) = gil::allow_threads(|| sys_epoll_wait(epfd, &mut events, max, ms));
        if r >= 0 {
            // SAFETY: epoll_wait initialised the first `r` (<= max <= capacity) entries.
            unsafe { events.set_len(r as usize) };
            return Ok(events);
        }
        if errno != libc::EINTR {
            return Err(from_errno(errno, None, None));
        }
        signals::check()?;
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Ok(Vec::new());
        }
    }
}

/// One `epoll_wait(2)` call filling `events`' spare capacity (room for
/// `max`): its result and errno.
fn sys_epoll_wait(epfd: i32, events: &mut Vec<libc::epoll_event>, max: usize, ms: i32) -> (i32, i32) {
    debug_assert!(events.capacity() >= max && events.is_empty());
    // SAFETY: the vector has capacity for `max` entries, which the kernel writes.
    let r = unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), max as i32, ms) };
    (r, if r < 0 { last_errno() } else { 0 })
}
