//! The `fcntl` module (CPython's `Modules/fcntlmodule.c` on Linux):
//! `fcntl`, `ioctl`, `flock` and `lockf` over file descriptors (ints or
//! objects with `fileno()`), with the F_*/LOCK_*/DN_*/F_SEAL_* constants.
//!
//! `fcntl` and `ioctl` take an int argument or a buffer: a buffer is
//! copied into a 1024-byte scratch area that the call may fill, and the
//! area comes back as bytes — except for `ioctl` on a writable buffer with
//! `mutate_flag` true, where the result is copied back into the caller's
//! buffer and the call's int result is returned. Calls that can block
//! (F_SETLKW, flock, lockf) run with the GIL released; `fcntl`, `flock` and
//! `lockf` retry on EINTR after running the signal handlers (PEP 475).

use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, none};
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{bytes, dict, int, m, str as pystr, Method};
use taipan_vm::{gil, signals, Value};

use crate::c_args::{c_int, c_long};
use crate::select::{fd_of, last_errno};

/// The scratch area for buffer arguments (CPython's 1024).
const SCRATCH: usize = 1024;

const CONSTANTS: &[(&str, i64)] = &[
    ("LOCK_SH", libc::LOCK_SH as i64),
    ("LOCK_EX", libc::LOCK_EX as i64),
    ("LOCK_NB", libc::LOCK_NB as i64),
    ("LOCK_UN", libc::LOCK_UN as i64),
    ("LOCK_MAND", 32),
    ("LOCK_READ", 64),
    ("LOCK_WRITE", 128),
    ("LOCK_RW", 192),
    ("F_DUPFD", libc::F_DUPFD as i64),
    ("F_DUPFD_CLOEXEC", libc::F_DUPFD_CLOEXEC as i64),
    ("F_GETFD", libc::F_GETFD as i64),
    ("F_SETFD", libc::F_SETFD as i64),
    ("F_GETFL", libc::F_GETFL as i64),
    ("F_SETFL", libc::F_SETFL as i64),
    ("F_GETLK", libc::F_GETLK as i64),
    ("F_SETLK", libc::F_SETLK as i64),
    ("F_SETLKW", libc::F_SETLKW as i64),
    ("F_GETLK64", libc::F_GETLK as i64),
    ("F_SETLK64", libc::F_SETLK as i64),
    ("F_SETLKW64", libc::F_SETLKW as i64),
    ("F_OFD_GETLK", libc::F_OFD_GETLK as i64),
    ("F_OFD_SETLK", libc::F_OFD_SETLK as i64),
    ("F_OFD_SETLKW", libc::F_OFD_SETLKW as i64),
    ("F_GETOWN", libc::F_GETOWN as i64),
    ("F_SETOWN", libc::F_SETOWN as i64),
    ("F_GETSIG", 11),
    ("F_SETSIG", 10),
    ("F_RDLCK", libc::F_RDLCK as i64),
    ("F_WRLCK", libc::F_WRLCK as i64),
    ("F_UNLCK", libc::F_UNLCK as i64),
    ("F_EXLCK", 4),
    ("F_SHLCK", 8),
    ("F_GETLEASE", libc::F_GETLEASE as i64),
    ("F_SETLEASE", libc::F_SETLEASE as i64),
    ("F_NOTIFY", libc::F_NOTIFY as i64),
    ("F_GETPIPE_SZ", libc::F_GETPIPE_SZ as i64),
    ("F_SETPIPE_SZ", libc::F_SETPIPE_SZ as i64),
    ("F_ADD_SEALS", libc::F_ADD_SEALS as i64),
    ("F_GET_SEALS", libc::F_GET_SEALS as i64),
    ("F_SEAL_SEAL", libc::F_SEAL_SEAL as i64),
    ("F_SEAL_SHRINK", libc::F_SEAL_SHRINK as i64),
    ("F_SEAL_GROW", libc::F_SEAL_GROW as i64),
    ("F_SEAL_WRITE", libc::F_SEAL_WRITE as i64),
    ("FD_CLOEXEC", libc::FD_CLOEXEC as i64),
    ("FASYNC", libc::O_ASYNC as i64),
    ("DN_ACCESS", 0x1),
    ("DN_MODIFY", 0x2),
    ("DN_CREATE", 0x4),
    ("DN_DELETE", 0x8),
    ("DN_RENAME", 0x10),
    ("DN_ATTRIB", 0x20),
    ("DN_MULTISHOT", 0x8000_0000u32 as i32 as i64),
];

const FUNCTIONS: &[Method] =
    &[m("fcntl", fcntl_fcntl), m("ioctl", fcntl_ioctl), m("flock", fcntl_flock), m("lockf", fcntl_lockf)];

/// Builds the `fcntl` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("fcntl", FUNCTIONS);
    for (name, v) in CONSTANTS {
        dict::set_str(&d, name, int::from_i64(*v));
    }
    Ok(md)
}

/// Checks the positional-only argument count of `fcntl.NAME`.
fn arity(name: &str, args: &[Value], kwnames: &[Value], min: usize, max: usize) -> PyResult<()> {
    if !kwnames.is_empty() {
        return Err(exc::type_error(format!("fcntl.{name}() takes no keyword arguments")));
    }
    let n = args.len();
    if (min..=max).contains(&n) {
        return Ok(());
    }
    Err(exc::type_error(match (min, max) {
        _ if min == max => format!("{name} expected {min} arguments, got {n}"),
        _ if n < min => format!("{name} expected at least {min} arguments, got {n}"),
        _ => format!("{name} expected at most {max} arguments, got {n}"),
    }))
}

/// A C `int` read by `PyArg_Parse("i")`, with its range messages.
fn parse_int(v: &Value) -> PyResult<i32> {
    let n = native::int_arg(v, "")?;
    i32::try_from(n).map_err(|_| {
        exc::overflow_error(if n > 0 {
            "signed integer is greater than maximum"
        } else {
            "signed integer is less than minimum"
        })
    })
}

/// The contents of a read-only buffer argument as `PyArg_Parse("s#")`
/// sees them: a str as UTF-8, or any bytes-like object.
fn read_buffer(v: &Value) -> Option<Vec<u8>> {
    if let Some(s) = pystr::as_str(v) {
        return Some(s.as_bytes().to_vec());
    }
    bytes::buffer(v)
}

/// Runs `call` until it does not fail with EINTR (running the signal
/// handlers in between), with the GIL released when `blocking`.
fn retrying(blocking: bool, mut call: impl FnMut() -> libc::c_int) -> PyResult<libc::c_int> {
    loop {
        let r = if blocking { gil::allow_threads(&mut call) } else { call() };
        if r != -1 {
            return Ok(r);
        }
        let errno = last_errno();
        if errno != libc::EINTR {
            return Err(from_errno(errno, None, None));
        }
        signals::check()?;
    }
}

// fcntl(fd, cmd, arg=0, /)
fn fcntl_fcntl(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("fcntl", args, kwnames, 2, 3)?;
    let fd = fd_of(&args[0])?;
    let cmd = c_int(&args[1])?;
    let blocking = cmd == libc::F_SETLKW || cmd == libc::F_OFD_SETLKW;
    if let Some(data) = args.get(2).and_then(read_buffer) {
        if data.len() > SCRATCH {
            return Err(exc::value_error("fcntl string arg too long"));
        }
        let mut scratch = [0u8; SCRATCH];
        scratch[..data.len()].copy_from_slice(&data);
        let ptr = scratch.as_mut_ptr() as usize;
        // SAFETY: the scratch area outlives the call and is large enough for
        // every command that takes a buffer (CPython's contract).
        retrying(blocking, || unsafe { libc::fcntl(fd, cmd, ptr as *mut u8) })?;
        return Ok(bytes::new(scratch[..data.len()].to_vec()));
    }
    let arg = match args.get(2) {
        Some(v) => parse_int(v)?,
        None => 0,
    };
    // SAFETY: fcntl with an int argument takes no pointers we own.
    let r = retrying(blocking, || unsafe { libc::fcntl(fd, cmd, arg) })?;
    Ok(int::from_i64(r as i64))
}

/// The `request` argument of ioctl: an int, masked to an unsigned long.
fn request_arg(v: &Value) -> PyResult<libc::c_ulong> {
    let index = int::index(v)?;
    let big = int::to_bigint(&index).unwrap_or_default();
    let (_, digits) = big.to_u64_digits();
    let low = digits.first().copied().unwrap_or(0);
    let masked = if big.sign() == num_bigint::Sign::Minus { low.wrapping_neg() } else { low };
    Ok(masked as libc::c_ulong)
}

fn ioctl_call(fd: i32, request: libc::c_ulong, buf: *mut u8) -> PyResult<libc::c_int> {
    // SAFETY: `buf` points at a live buffer of at least SCRATCH bytes or
    // at the caller's whole buffer (CPython's contract with ioctl).
    let r = unsafe { libc::ioctl(fd, request as _, buf) };
    if r == -1 {
        return Err(from_errno(last_errno(), None, None));
    }
    Ok(r)
}

// ioctl(fd, request, arg=0, mutate_flag=True, /)
fn fcntl_ioctl(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("ioctl", args, kwnames, 2, 4)?;
    let fd = fd_of(&args[0])?;
    let request = request_arg(&args[1])?;
    let mutate = match args.get(3) {
        Some(v) => taipan_vm::ops::truthy(v)?,
        None => true,
    };
    if let Some(arg) = args.get(2) {
        if taipan_vm::modules::_io::buffer_len(arg).is_ok() {
            return ioctl_writable(fd, request, arg, mutate);
        }
        if let Some(data) = read_buffer(arg) {
            if data.len() > SCRATCH {
                return Err(exc::value_error("ioctl string arg too long"));
            }
            let mut scratch = [0u8; SCRATCH];
            scratch[..data.len()].copy_from_slice(&data);
            ioctl_call(fd, request, scratch.as_mut_ptr())?;
            return Ok(bytes::new(scratch[..data.len()].to_vec()));
        }
    }
    let arg = match args.get(2) {
        Some(v) => parse_int(v)?,
        None => 0,
    };
    // SAFETY: ioctl with an int argument; the kernel does not dereference it
    // for requests that take an int.
    let r = unsafe { libc::ioctl(fd, request as _, arg as libc::c_long) };
    if r == -1 {
        return Err(from_errno(last_errno(), None, None));
    }
    Ok(int::from_i64(r as i64))
}

/// ioctl on a writable buffer: through the scratch area, copied back into
/// the buffer when `mutate` (returning the call's result), else returned.
fn ioctl_writable(fd: i32, request: libc::c_ulong, arg: &Value, mutate: bool) -> PyResult<Value> {
    let data = bytes::buffer(arg).unwrap_or_default();
    if data.len() > SCRATCH && !mutate {
        return Err(exc::value_error("ioctl string arg too long"));
    }
    let mut area = vec![0u8; data.len().max(SCRATCH)];
    area[..data.len()].copy_from_slice(&data);
    let r = ioctl_call(fd, request, area.as_mut_ptr())?;
    if mutate {
        taipan_vm::modules::_io::fill_buffer(arg, &area[..data.len()])?;
        return Ok(int::from_i64(r as i64));
    }
    Ok(bytes::new(area[..data.len()].to_vec()))
}

// flock(fd, operation, /)
fn fcntl_flock(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("flock", args, kwnames, 2, 2)?;
    let fd = fd_of(&args[0])?;
    let operation = c_int(&args[1])?;
    // SAFETY: flock(2) takes no pointers.
    retrying(true, || unsafe { libc::flock(fd, operation) })?;
    Ok(none())
}

// lockf(fd, cmd, len=0, start=0, whence=0, /)
fn fcntl_lockf(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("lockf", args, kwnames, 2, 5)?;
    let fd = fd_of(&args[0])?;
    let code = c_int(&args[1])?;
    let len = args.get(2).map(c_long).transpose()?.unwrap_or(0);
    let start = args.get(3).map(c_long).transpose()?.unwrap_or(0);
    let whence = args.get(4).map(c_int).transpose()?.unwrap_or(0);
    let lock_type = if code == libc::LOCK_UN {
        libc::F_UNLCK
    } else if code & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if code & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return Err(exc::value_error("unrecognized lockf argument"));
    };
    let cmd = if code & libc::LOCK_NB != 0 { libc::F_SETLK } else { libc::F_SETLKW };
    // SAFETY: an all-zero flock is a valid value of the plain C struct.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = lock_type as _;
    lock.l_whence = whence as _;
    lock.l_start = start as _;
    lock.l_len = len as _;
    let ptr = &mut lock as *mut libc::flock as usize;
    // SAFETY: `lock` lives on this frame for the whole call.
    retrying(true, || unsafe { libc::fcntl(fd, cmd, ptr as *mut libc::flock) })?;
    Ok(none())
}
