//! The `_socket.socket` type: a descriptor with its family, type,
//! protocol and timeout. `socket.socket` (Lib/socket.py) subclasses it.
//!
//! Timeouts are CPython's: negative (None) is a blocking descriptor; 0 a
//! non-blocking one whose calls fail at once; a positive timeout keeps
//! the descriptor non-blocking and waits for readiness with `poll` before
//! each call ([`sock_call`], CPython's `sock_call_ex`), raising
//! `TimeoutError('timed out')` when the time runs out. Descriptors are
//! created close-on-exec (non-inheritable, PEP 446).

use super::addr::{self, SockAddr};
use super::{close_fd, default_timeout, last_error, timeout_arg, timeout_value};
use crate::select::{last_errno, poll_fds};
use std::cell::{Cell, OnceCell};
use std::time::{Duration, Instant};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, bind, boolean, none, BASETYPE};
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{bytes, int, m, mk, new_method, str as pystr, tuple, Getter, Method};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::{gil, signals, Value};

/// The payload of a `_socket.socket`.
pub struct SockData {
    pub(super) fd: Cell<i32>,
    pub(super) family: Cell<i32>,
    pub(super) kind: Cell<i32>,
    pub(super) proto: Cell<i32>,
    /// Seconds; negative means None (blocking).
    pub(super) timeout: Cell<f64>,
}

impl Drop for SockData {
    fn drop(&mut self) {
        let fd = self.fd.replace(-1);
        if fd >= 0 {
            // SAFETY: closing a descriptor this object owns.
            unsafe { libc::close(fd) };
        }
    }
}

taipan_vm::interp_static! {
    static TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// `_socket.socket`.
pub(super) fn socket_type() -> Value {
    TYPE.with(|t| {
        t.get_or_init(|| {
            native::new_type::<SockData>("socket", "_socket", &rt().types.object, BASETYPE, METHODS, GETSETS)
        })
        .clone()
    })
}

const GETSETS: &[(&str, Getter, Option<taipan_vm::objects::Setter>)] = &[
    ("family", |v| Ok(int::from_i64(this(v)?.family.get() as i64)), None),
    ("type", |v| Ok(int::from_i64(this(v)?.kind.get() as i64)), None),
    ("proto", |v| Ok(int::from_i64(this(v)?.proto.get() as i64)), None),
    ("timeout", |v| Ok(timeout_value(this(v)?.timeout.get())), None),
];

const METHODS: &[Method] = &[
    new_method(sock_new),
    mk("__init__", sock_init),
    m("__repr__", sock_repr),
    m("_accept", sock_accept),
    m("bind", sock_bind),
    m("listen", sock_listen),
    m("connect", |a, _| sock_connect(a, false)),
    m("connect_ex", |a, _| sock_connect(a, true)),
    m("send", sock_send),
    m("sendall", sock_sendall),
    m("sendto", sock_sendto),
    m("recv", sock_recv),
    mk("recv_into", sock_recv_into),
    m("recvfrom", sock_recvfrom),
    mk("recvfrom_into", sock_recvfrom_into),
    m("sendmsg", super::msg::sock_sendmsg),
    m("recvmsg", super::msg::sock_recvmsg),
    m("shutdown", sock_shutdown),
    m("close", sock_close),
    m("detach", |a, _| Ok(int::from_i64(this(&a[0])?.fd.replace(-1) as i64))),
    m("fileno", |a, _| Ok(int::from_i64(this(&a[0])?.fd.get() as i64))),
    m("getsockname", |a, _| sock_name(a, false)),
    m("getpeername", |a, _| sock_name(a, true)),
    m("setsockopt", sock_setsockopt),
    m("getsockopt", sock_getsockopt),
    m("setblocking", sock_setblocking),
    m("getblocking", |a, _| Ok(boolean(this(&a[0])?.timeout.get() != 0.0))),
    m("settimeout", sock_settimeout),
    m("gettimeout", |a, _| Ok(timeout_value(this(&a[0])?.timeout.get()))),
];

pub(super) fn this(v: &Value) -> PyResult<&SockData> {
    v.downcast::<SockData>().ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a '_socket.socket' object but received '{}'",
            type_name(v)
        ))
    })
}

fn sock_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let data = SockData {
        fd: Cell::new(-1),
        family: Cell::new(libc::AF_INET),
        kind: Cell::new(libc::SOCK_STREAM),
        proto: Cell::new(0),
        timeout: Cell::new(-1.0),
    };
    taipan_vm::objects::object::alloc_maybe_subclass(&args[0], &socket_type(), data)
}

/// `socket(family=-1, type=-1, proto=-1, fileno=None)`.
fn sock_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("socket", &args[1..], kwnames, &["family", "type", "proto", "fileno"], 0)?;
    let s = this(&args[0])?;
    let int_at = |i: usize| -> PyResult<i32> {
        match native::given(&a[i]) {
            Some(v) => Ok(native::int_arg(v, "")? as i32),
            None => Ok(-1),
        }
    };
    let (mut family, mut kind, mut proto) = (int_at(0)?, int_at(1)?, int_at(2)?);
    let fd = match native::given(&a[3]) {
        Some(f) => {
            let fd = native::int_arg(f, "")?;
            if fd < 0 {
                return Err(exc::value_error("negative file descriptor"));
            }
            let fd = i32::try_from(fd)
                .map_err(|_| exc::overflow_error("Python int too large to convert to C int"))?;
            let opt = |name| getsockopt_int(fd, libc::SOL_SOCKET, name);
            if family == -1 {
                family = opt(libc::SO_DOMAIN)?;
            }
            if kind == -1 {
                kind = opt(libc::SO_TYPE)?;
            }
            if proto == -1 {
                proto = opt(libc::SO_PROTOCOL)?;
            }
            fd
        }
        None => {
            family = if family == -1 { libc::AF_INET } else { family };
            kind = if kind == -1 { libc::SOCK_STREAM } else { kind };
            proto = if proto == -1 { 0 } else { proto };
            // SAFETY: socket(2) takes no pointers.
            let fd = unsafe { libc::socket(family, kind | libc::SOCK_CLOEXEC, proto) };
            if fd < 0 {
                return Err(last_error());
            }
            fd
        }
    };
    let old = s.fd.replace(fd);
    if old >= 0 {
        // SAFETY: closing the descriptor a re-initialised socket owned.
        unsafe { libc::close(old) };
    }
    s.family.set(family);
    s.kind.set(kind & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC));
    s.proto.set(proto);
    let timeout = if kind & libc::SOCK_NONBLOCK != 0 { 0.0 } else { default_timeout() };
    s.timeout.set(timeout);
    if timeout >= 0.0 {
        set_nonblocking(fd, true)?;
    }
    Ok(none())
}

/// A new `_socket.socket` owning `fd` (socketpair).
fn wrap_fd(fd: i32, family: i32, kind: i32, proto: i32) -> PyResult<Value> {
    let ty = socket_type();
    let v = sock_new(&[ty], &[])?;
    let s = this(&v)?;
    s.fd.set(fd);
    s.family.set(family);
    s.kind.set(kind);
    s.proto.set(proto);
    let timeout = default_timeout();
    s.timeout.set(timeout);
    if timeout >= 0.0 {
        set_nonblocking(fd, true)?;
    }
    Ok(v)
}

/// `socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0)`.
pub(super) fn socketpair(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("socketpair", &args[1..], kwnames, &["family", "type", "proto"], 0)?;
    let int_at = |i: usize, d: i32| -> PyResult<i32> {
        match native::given(&a[i]) {
            Some(v) => Ok(native::int_arg(v, "")? as i32),
            None => Ok(d),
        }
    };
    let (family, kind, proto) = (int_at(0, libc::AF_UNIX)?, int_at(1, libc::SOCK_STREAM)?, int_at(2, 0)?);
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors.
    if unsafe { libc::socketpair(family, kind | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) } < 0 {
        return Err(last_error());
    }
    let kind = kind & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC);
    let a = wrap_fd(fds[0], family, kind, proto);
    let b = wrap_fd(fds[1], family, kind, proto);
    Ok(tuple::new(vec![a?, b?]))
}

fn sock_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(&args[0])?;
    Ok(pystr::from_string(format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd.get(),
        s.family.get(),
        s.kind.get(),
        s.proto.get()
    )))
}

// ---- descriptor flags ----

fn set_nonblocking(fd: i32, on: bool) -> PyResult<()> {
    // SAFETY: fcntl with F_GETFL/F_SETFL takes no pointers.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(last_error());
    }
    let new = if on { flags | libc::O_NONBLOCK } else { flags & !libc::O_NONBLOCK };
    // SAFETY: as above.
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFL, new) } < 0 {
        return Err(last_error());
    }
    Ok(())
}

fn getsockopt_int(fd: i32, level: i32, name: i32) -> PyResult<i32> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `v` and `len` are valid for writing.
    let r = unsafe { libc::getsockopt(fd, level, name, &mut v as *mut _ as *mut libc::c_void, &mut len) };
    if r < 0 {
        return Err(last_error());
    }
    Ok(v)
}

/// The descriptor of an open socket (EBADF once closed, as CPython's calls).
fn open_fd(s: &SockData) -> PyResult<i32> {
    let fd = s.fd.get();
    if fd < 0 {
        return Err(from_errno(libc::EBADF, None, None));
    }
    Ok(fd)
}

fn timed_out() -> exc::PyErr {
    super::raise_with(&rt().exc.timeout_error, "timed out")
}

// ---- the generic call (CPython's sock_call_ex) ----

/// Runs the system call `op` (a result, or -1 with errno) on `s`'s
/// descriptor, honouring its timeout: a positive timeout waits for the
/// descriptor to be readable (`writing`: writable) before each try and
/// retries while the call would block; EINTR runs the signal handlers and
/// retries. `op` runs with the interpreter lock released.
pub(super) fn sock_call<T>(
    s: &SockData,
    writing: bool,
    mut op: impl FnMut(i32) -> (isize, T),
) -> PyResult<T> {
    let fd = open_fd(s)?;
    let timeout = s.timeout.get();
    let deadline = (timeout > 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout));
    loop {
        if let Some(d) = deadline {
            wait_ready(fd, writing, d)?;
        }
        loop {
            let (r, out, errno) = gil::allow_threads(|| {
                let (r, out) = op(fd);
                (r, out, if r < 0 { last_errno() } else { 0 })
            });
            if r >= 0 {
                return Ok(out);
            }
            if errno == libc::EINTR {
                signals::check()?;
                continue;
            }
            if deadline.is_some() && (errno == libc::EWOULDBLOCK || errno == libc::EAGAIN) {
                break;
            }
            return Err(from_errno(errno, None, None));
        }
    }
}

/// Waits until `fd` is readable or writable, or raises `TimeoutError`.
fn wait_ready(fd: i32, writing: bool, deadline: Instant) -> PyResult<()> {
    if Instant::now() >= deadline {
        return Err(timed_out());
    }
    let events = if writing { libc::POLLOUT } else { libc::POLLIN };
    let mut p = [libc::pollfd { fd, events: events | libc::POLLERR, revents: 0 }];
    if poll_fds(&mut p, Some(deadline))? == 0 {
        return Err(timed_out());
    }
    Ok(())
}

/// The address `v` in the socket's family.
fn address_arg(s: &SockData, v: &Value, caller: &str) -> PyResult<SockAddr> {
    addr::from_python(s.family.get(), v, caller)
}

// ---- methods ----

/// `_accept()` → (fd, address); the new descriptor is close-on-exec.
fn sock_accept(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(&args[0])?;
    let (fd, a) = sock_call(s, false, |fd| {
        let mut a = SockAddr::empty();
        // SAFETY: `a` has room for any address and `a.len` says so.
        let r = unsafe { libc::accept4(fd, a.as_mut_ptr(), &mut a.len, libc::SOCK_CLOEXEC) };
        (r as isize, (r, a))
    })?;
    Ok(tuple::new(vec![int::from_i64(fd as i64), addr::to_python(&a)?]))
}

fn sock_bind(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("bind", args, 2, 2)?;
    let s = this(&args[0])?;
    let a = address_arg(s, &args[1], "bind")?;
    // SAFETY: `a` is a valid address of `a.len` bytes.
    if unsafe { libc::bind(s.fd.get(), a.as_ptr(), a.len) } < 0 {
        return Err(last_error());
    }
    Ok(none())
}

fn sock_listen(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("listen", args, 1, 2)?;
    let s = this(&args[0])?;
    let backlog = match args.get(1) {
        Some(v) => native::int_arg(v, "")?.clamp(0, i32::MAX as i64) as i32,
        None => libc::SOMAXCONN.min(128),
    };
    // SAFETY: listen(2) takes no pointers.
    if unsafe { libc::listen(s.fd.get(), backlog) } < 0 {
        return Err(last_error());
    }
    Ok(none())
}

/// `connect(address)` / `connect_ex(address)` (the errno instead of an exception).
fn sock_connect(args: &[Value], ex: bool) -> PyResult<Value> {
    let name = if ex { "connect_ex" } else { "connect" };
    taipan_vm::objects::check_args(name, args, 2, 2)?;
    let s = this(&args[0])?;
    let a = address_arg(s, &args[1], name)?;
    let errno = connect_errno(s, &a)?;
    match (errno, ex) {
        (0, true) => Ok(int::from_i64(0)),
        (0, false) => Ok(none()),
        (-1, true) => Ok(int::from_i64(libc::EWOULDBLOCK as i64)),
        (e, true) => Ok(int::from_i64(e as i64)),
        (-1, false) => Err(timed_out()),
        (e, false) => Err(from_errno(e, None, None)),
    }
}

/// Connects; 0 or the errno (-1: timed out). Exceptions only from signal handlers.
fn connect_errno(s: &SockData, a: &SockAddr) -> PyResult<i32> {
    let fd = open_fd(s).map_err(|_| from_errno(libc::EBADF, None, None))?;
    let (mut r, mut errno) = gil::allow_threads(|| {
        // SAFETY: `a` is a valid address of `a.len` bytes.
        let r = unsafe { libc::connect(fd, a.as_ptr(), a.len) };
        (r, if r < 0 { last_errno() } else { 0 })
    });
    if errno == libc::EINTR {
        signals::check()?;
        if s.timeout.get() == 0.0 {
            return Ok(errno);
        }
        errno = libc::EINPROGRESS;
        r = -1;
    }
    if r == 0 {
        return Ok(0);
    }
    let timeout = s.timeout.get();
    if errno != libc::EINPROGRESS || timeout == 0.0 {
        return Ok(errno);
    }
    let deadline = (timeout > 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout));
    let mut p = [libc::pollfd { fd, events: libc::POLLOUT, revents: 0 }];
    if poll_fds(&mut p, deadline)? == 0 {
        return Ok(-1);
    }
    getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_ERROR)
}

fn flags_arg(v: Option<&Value>) -> PyResult<i32> {
    match v {
        Some(v) => Ok(native::int_arg(v, "")? as i32),
        None => Ok(0),
    }
}

fn data_arg(v: &Value) -> PyResult<Vec<u8>> {
    super::bytes_like(v)
}

fn sock_send(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("send", args, 2, 3)?;
    let s = this(&args[0])?;
    let data = data_arg(&args[1])?;
    let flags = flags_arg(args.get(2))?;
    let n = sock_call(s, true, |fd| {
        // SAFETY: `data` is valid for its length.
        let r = unsafe { libc::send(fd, data.as_ptr() as *const libc::c_void, data.len(), flags) };
        (r, r)
    })?;
    Ok(int::from_i64(n as i64))
}

/// `sendall(data[, flags])`: sends until done; the timeout covers the whole call.
fn sock_sendall(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("sendall", args, 2, 3)?;
    let s = this(&args[0])?;
    let data = data_arg(&args[1])?;
    let flags = flags_arg(args.get(2))?;
    let mut sent = 0;
    while sent < data.len() {
        let rest = &data[sent..];
        let n = sock_call(s, true, |fd| {
            // SAFETY: `rest` is valid for its length.
            let r = unsafe { libc::send(fd, rest.as_ptr() as *const libc::c_void, rest.len(), flags) };
            (r, r)
        })?;
        sent += n as usize;
        signals::check()?;
    }
    Ok(none())
}

/// `sendto(data[, flags], address)`.
fn sock_sendto(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (flags, addr_v) = match args.len() {
        3 => (0, &args[2]),
        4 => (native::int_arg(&args[2], "")? as i32, &args[3]),
        n => return Err(exc::type_error(format!("sendto() takes 2 or 3 arguments ({} given)", n - 1))),
    };
    let s = this(&args[0])?;
    let data = data_arg(&args[1])?;
    let a = address_arg(s, addr_v, "sendto")?;
    let n = sock_call(s, true, |fd| {
        // SAFETY: `data` and `a` are valid for their lengths.
        let r = unsafe {
            libc::sendto(fd, data.as_ptr() as *const libc::c_void, data.len(), flags, a.as_ptr(), a.len)
        };
        (r, r)
    })?;
    Ok(int::from_i64(n as i64))
}

fn bufsize_arg(v: &Value, fname: &str) -> PyResult<usize> {
    let n = native::int_arg(v, "")?;
    usize::try_from(n).map_err(|_| exc::value_error(format!("negative buffersize in {fname}")))
}

/// Receives at most `n` bytes (with the sender's address when `from`).
fn recv_bytes(s: &SockData, n: usize, flags: i32, from: bool) -> PyResult<(Vec<u8>, Option<SockAddr>)> {
    let mut buf = exc::try_vec::<u8>(n)?;
    buf.resize(n, 0);
    let (got, a) = sock_call(s, false, |fd| {
        let mut a = SockAddr::empty();
        let p = buf.as_mut_ptr() as *mut libc::c_void;
        let r = if from {
            // SAFETY: `buf` has `n` writable bytes and `a` room for any address.
            unsafe { libc::recvfrom(fd, p, n, flags, a.as_mut_ptr(), &mut a.len) }
        } else {
            // SAFETY: `buf` has `n` writable bytes.
            unsafe { libc::recv(fd, p, n, flags) }
        };
        (r, (r, a))
    })?;
    buf.truncate(got as usize);
    Ok((buf, from.then_some(a)))
}

fn sock_recv(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("recv", args, 2, 3)?;
    let s = this(&args[0])?;
    let n = bufsize_arg(&args[1], "recv")?;
    let (data, _) = recv_bytes(s, n, flags_arg(args.get(2))?, false)?;
    Ok(bytes::new(data))
}

fn sock_recvfrom(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("recvfrom", args, 2, 3)?;
    let s = this(&args[0])?;
    let n = bufsize_arg(&args[1], "recvfrom")?;
    let (data, a) = recv_bytes(s, n, flags_arg(args.get(2))?, true)?;
    let a = match a {
        Some(a) => addr::to_python(&a)?,
        None => none(),
    };
    Ok(tuple::new(vec![bytes::new(data), a]))
}

/// The (buffer, nbytes, flags) of recv_into / recvfrom_into.
fn into_args(args: &[Value], kwnames: &[Value], fname: &str) -> PyResult<(Value, usize, i32)> {
    let a = bind(fname, &args[1..], kwnames, &["buffer", "nbytes", "flags"], 1)?;
    let buffer = a[0].clone().expect("required");
    let room = taipan_vm::modules::_io::buffer_len(&buffer).map_err(|_| {
        exc::type_error(format!(
            "{fname}() argument 'buffer' must be read-write bytes-like object, not {}",
            type_name(&buffer)
        ))
    })?;
    let n = match a[1].as_ref() {
        Some(v) => {
            let n = native::int_arg(v, "")?;
            if n < 0 {
                return Err(exc::value_error(format!("negative buffersize in {fname}")));
            }
            if n as usize > room {
                return Err(exc::value_error("buffer too small for requested bytes"));
            }
            if n == 0 {
                room
            } else {
                n as usize
            }
        }
        None => room,
    };
    Ok((buffer, n, flags_arg(a[2].as_ref())?))
}

fn sock_recv_into(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (buffer, n, flags) = into_args(args, kwnames, "recv_into")?;
    let s = this(&args[0])?;
    let (data, _) = recv_bytes(s, n, flags, false)?;
    taipan_vm::modules::_io::fill_buffer(&buffer, &data)?;
    Ok(int::from_usize(data.len()))
}

fn sock_recvfrom_into(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (buffer, n, flags) = into_args(args, kwnames, "recvfrom_into")?;
    let s = this(&args[0])?;
    let (data, a) = recv_bytes(s, n, flags, true)?;
    taipan_vm::modules::_io::fill_buffer(&buffer, &data)?;
    let a = match a {
        Some(a) => addr::to_python(&a)?,
        None => none(),
    };
    Ok(tuple::new(vec![int::from_usize(data.len()), a]))
}

fn sock_shutdown(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("shutdown", args, 2, 2)?;
    let s = this(&args[0])?;
    let how = native::int_arg(&args[1], "")? as i32;
    // SAFETY: shutdown(2) takes no pointers.
    if unsafe { libc::shutdown(s.fd.get(), how) } < 0 {
        return Err(last_error());
    }
    Ok(none())
}

fn sock_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(&args[0])?;
    let fd = s.fd.replace(-1);
    if fd >= 0 {
        close_fd(fd)?;
    }
    Ok(none())
}

/// `getsockname()` / `getpeername()`.
fn sock_name(args: &[Value], peer: bool) -> PyResult<Value> {
    let s = this(&args[0])?;
    let mut a = SockAddr::empty();
    // SAFETY: `a` has room for any address and `a.len` says so.
    let r = unsafe {
        if peer {
            libc::getpeername(s.fd.get(), a.as_mut_ptr(), &mut a.len)
        } else {
            libc::getsockname(s.fd.get(), a.as_mut_ptr(), &mut a.len)
        }
    };
    if r < 0 {
        return Err(last_error());
    }
    if a.len == 0 && s.family.get() == libc::AF_UNIX {
        return Ok(pystr::new(""));
    }
    addr::to_python(&a)
}

/// `setsockopt(level, option, value)`: value an int, a bytes-like, or
/// None with an option length (`setsockopt(level, option, None, optlen)`).
fn sock_setsockopt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("setsockopt", args, 4, 5)?;
    let s = this(&args[0])?;
    let level = native::int_arg(&args[1], "")? as i32;
    let opt = native::int_arg(&args[2], "")? as i32;
    let value = &args[3];
    let r = if value.is(&rt().none) {
        let Some(len) = args.get(4) else {
            return Err(exc::type_error("setsockopt() takes exactly 4 arguments (3 given)"));
        };
        let len = native::int_arg(len, "")? as libc::socklen_t;
        // SAFETY: a NULL option value with a length is what the kernel expects here.
        unsafe { libc::setsockopt(s.fd.get(), level, opt, std::ptr::null(), len) }
    } else if taipan_vm::objects::int::is_int(value) {
        let v = native::int_arg(value, "")? as libc::c_int;
        let len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: `v` is a valid c_int for the duration of the call.
        unsafe { libc::setsockopt(s.fd.get(), level, opt, &v as *const _ as *const libc::c_void, len) }
    } else {
        let b = data_arg(value)?;
        // SAFETY: `b` is valid for its length.
        unsafe {
            libc::setsockopt(
                s.fd.get(),
                level,
                opt,
                b.as_ptr() as *const libc::c_void,
                b.len() as libc::socklen_t,
            )
        }
    };
    if r < 0 {
        return Err(last_error());
    }
    Ok(none())
}

/// `getsockopt(level, option[, buflen])`: an int, or bytes of at most buflen.
fn sock_getsockopt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("getsockopt", args, 3, 4)?;
    let s = this(&args[0])?;
    let level = native::int_arg(&args[1], "")? as i32;
    let opt = native::int_arg(&args[2], "")? as i32;
    let Some(buflen) = args.get(3) else {
        return Ok(int::from_i64(getsockopt_int(s.fd.get(), level, opt)? as i64));
    };
    let n = native::int_arg(buflen, "")?;
    if !(1..=1024).contains(&n) {
        return Err(super::os_error("getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut len = n as libc::socklen_t;
    // SAFETY: `buf` has `len` writable bytes.
    let r =
        unsafe { libc::getsockopt(s.fd.get(), level, opt, buf.as_mut_ptr() as *mut libc::c_void, &mut len) };
    if r < 0 {
        return Err(last_error());
    }
    buf.truncate(len as usize);
    Ok(bytes::new(buf))
}

fn sock_setblocking(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("setblocking", args, 2, 2)?;
    let s = this(&args[0])?;
    let block = taipan_vm::ops::truthy(&args[1])?;
    s.timeout.set(if block { -1.0 } else { 0.0 });
    set_nonblocking(open_fd(s)?, !block)?;
    Ok(none())
}

fn sock_settimeout(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("settimeout", args, 2, 2)?;
    let s = this(&args[0])?;
    let t = timeout_arg(&args[1])?;
    s.timeout.set(t);
    set_nonblocking(open_fd(s)?, t >= 0.0)?;
    Ok(none())
}
