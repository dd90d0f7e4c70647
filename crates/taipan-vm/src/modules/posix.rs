//! The `posix` module (what `os` re-exports on Unix): file-system calls,
//! file descriptors, the environment and process facts, with CPython 3.11's
//! argument rules and errors (`OSError` subclasses carrying errno,
//! strerror and file names).
//!
//! Paths are `str` (encoded as UTF-8 with `surrogateescape`, like
//! CPython's file-system encoding on Linux), `bytes`, or `os.PathLike`;
//! results come back as the argument's kind. Calls on raw descriptors go
//! to the C library through the small `sys` section at the end, the only
//! `unsafe` in this module.

use super::native::{self, bind, boolean, int_arg, none};
use super::structseq;
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::os_error::{from_errno, from_io_error, strerror};
use crate::objects::{bytes, dict, int, list, m, mk, str as pystr, Method};
use crate::runtime::rt;
use crate::text::codecs::{Codec, ErrorHandler};
use crate::types::{self, type_name};
use crate::value::Value;
use std::cell::OnceCell;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// The struct sequence types of the module (made once per interpreter thread).
struct PosixTypes {
    stat_result: Value,
    uname_result: Value,
    terminal_size: Value,
}

crate::interp_static! {
    static TYPES: OnceCell<PosixTypes> = const { OnceCell::new() };
}

fn with_types<R>(f: impl FnOnce(&PosixTypes) -> R) -> R {
    TYPES.with(|t| {
        f(t.get_or_init(|| PosixTypes {
            stat_result: structseq::new_type("os", "stat_result", &STAT_FIELDS, 10),
            uname_result: structseq::new_type(
                "posix",
                "uname_result",
                &["sysname", "nodename", "release", "version", "machine"],
                5,
            ),
            terminal_size: structseq::new_type("os", "terminal_size", &["columns", "lines"], 2),
        }))
    })
}

const STAT_FIELDS: [&str; 19] = [
    "st_mode",
    "st_ino",
    "st_dev",
    "st_nlink",
    "st_uid",
    "st_gid",
    "st_size",
    "",
    "",
    "",
    "st_atime",
    "st_mtime",
    "st_ctime",
    "st_atime_ns",
    "st_mtime_ns",
    "st_ctime_ns",
    "st_blksize",
    "st_blocks",
    "st_rdev",
];

const FUNCTIONS: &[Method] = &[
    m("fstat", posix_fstat),
    m("getcwd", |_, _| getcwd(false)),
    m("getcwdb", |_, _| getcwd(true)),
    m("read", posix_read),
    m("write", posix_write),
    m("close", posix_close),
    m("lseek", posix_lseek),
    m("isatty", posix_isatty),
    m("ftruncate", posix_ftruncate),
    m("fsync", posix_fsync),
    m("dup", posix_dup),
    m("get_inheritable", posix_get_inheritable),
    m("set_inheritable", posix_set_inheritable),
    m("getpid", |_, _| Ok(int::from_i64(std::process::id() as i64))),
    m("getppid", |_, _| Ok(int::from_i64(sys::getppid()))),
    m("kill", posix_kill),
    m("getuid", |_, _| Ok(int::from_i64(sys::ids().0))),
    m("geteuid", |_, _| Ok(int::from_i64(sys::ids().1))),
    m("getgid", |_, _| Ok(int::from_i64(sys::ids().2))),
    m("getegid", |_, _| Ok(int::from_i64(sys::ids().3))),
    m("umask", posix_umask),
    m("urandom", posix_urandom),
    m("strerror", posix_strerror),
    mk("fspath", posix_fspath),
    m("putenv", posix_putenv),
    m("unsetenv", posix_unsetenv),
    m("_exit", posix_exit),
    m("uname", posix_uname),
    m("cpu_count", |_, _| Ok(sys::cpu_count().map(int::from_i64).unwrap_or_else(none))),
    m("get_terminal_size", posix_get_terminal_size),
    m("device_encoding", posix_device_encoding),
    mk("scandir", super::posix_scandir::scandir),
];

/// `(name, value)` of the integer constants (Linux x86-64 values).
const CONSTANTS: &[(&str, i64)] = &[
    ("F_OK", 0),
    ("R_OK", 4),
    ("W_OK", 2),
    ("X_OK", 1),
    ("O_RDONLY", 0),
    ("O_WRONLY", 1),
    ("O_RDWR", 2),
    ("O_ACCMODE", 3),
    ("O_CREAT", 0o100),
    ("O_EXCL", 0o200),
    ("O_NOCTTY", 0o400),
    ("O_TRUNC", 0o1000),
    ("O_APPEND", 0o2000),
    ("O_NONBLOCK", 0o4000),
    ("O_NDELAY", 0o4000),
    ("O_DSYNC", 0o10000),
    ("O_ASYNC", 0o20000),
    ("O_DIRECT", 0o40000),
    ("O_LARGEFILE", 0),
    ("O_DIRECTORY", 0o200000),
    ("O_NOFOLLOW", 0o400000),
    ("O_NOATIME", 0o1000000),
    ("O_CLOEXEC", 0o2000000),
    ("O_SYNC", 0o4010000),
    ("O_RSYNC", 0o4010000),
    ("O_PATH", 0o10000000),
    ("O_TMPFILE", 0o20200000),
    ("SEEK_DATA", 3),
    ("SEEK_HOLE", 4),
    ("O_FSYNC", 0o4010000),
    ("EX_OK", 0),
    ("EX_USAGE", 64),
    ("EX_DATAERR", 65),
    ("EX_NOINPUT", 66),
    ("EX_NOUSER", 67),
    ("EX_NOHOST", 68),
    ("EX_UNAVAILABLE", 69),
    ("EX_SOFTWARE", 70),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_CANTCREAT", 73),
    ("EX_IOERR", 74),
    ("EX_TEMPFAIL", 75),
    ("EX_PROTOCOL", 76),
    ("EX_NOPERM", 77),
    ("EX_CONFIG", 78),
    ("TMP_MAX", 238328),
    ("NGROUPS_MAX", 65536),
    ("WNOHANG", 1),
    ("WUNTRACED", 2),
    ("WSTOPPED", 2),
    ("WEXITED", 4),
    ("WCONTINUED", 8),
    ("WNOWAIT", 0x1000000),
    ("P_ALL", 0),
    ("P_PID", 1),
    ("P_PGID", 2),
    ("PRIO_PROCESS", 0),
    ("PRIO_PGRP", 1),
    ("PRIO_USER", 2),
    ("F_LOCK", 1),
    ("F_TLOCK", 2),
    ("F_ULOCK", 0),
    ("F_TEST", 3),
];

/// Builds the `posix` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("posix", FUNCTIONS);
    for (name, v) in CONSTANTS {
        dict::set_str(&d, name, int::from_i64(*v));
    }
    with_types(|t| {
        dict::set_str(&d, "stat_result", t.stat_result.clone());
        dict::set_str(&d, "uname_result", t.uname_result.clone());
        dict::set_str(&d, "terminal_size", t.terminal_size.clone());
    });
    dict::set_str(&d, "DirEntry", super::posix_scandir::dir_entry_type());
    dict::set_str(&d, "error", rt().exc.os_error.clone());
    dict::set_str(&d, "environ", environ()?);
    let have = super::posix_at::HAVE_FUNCTIONS.iter().map(|n| pystr::new(n)).collect();
    dict::set_str(&d, "_have_functions", list::new(have));
    native::add_functions(&md, &d, super::posix_at::FUNCTIONS);
    super::posix_fs::install(&md, &d);
    super::posix_ids::install(&md, &d);
    super::posix_process::install(&md, &d)?;
    Ok(md)
}

// ---------------------------------------------------------------- paths

/// A path argument: its bytes for the system, whether the caller gave
/// bytes (results are then bytes), and the original object (for errors).
pub struct PathArg {
    pub bytes: Vec<u8>,
    pub is_bytes: bool,
    pub orig: Value,
}

impl PathArg {
    pub fn os(&self) -> &OsStr {
        OsStr::from_bytes(&self.bytes)
    }

    /// The exception for a failed call on this path.
    pub fn error(&self, e: std::io::Error) -> PyErr {
        from_io_error(&e, Some(self.orig.clone()))
    }
}

/// A path or (where the call allows it) a file descriptor.
pub enum Target {
    Path(PathArg),
    Fd(i32),
}

/// `os.fspath(v)`: str and bytes as they are, else `type(v).__fspath__(v)`.
pub fn fspath(v: &Value) -> PyResult<Value> {
    if pystr::is_str(v) || bytes::as_bytes(v).is_some() {
        return Ok(v.clone());
    }
    let Some(f) = types::lookup_str(&types::type_of(v), "__fspath__") else {
        return Err(exc::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(v)
        )));
    };
    let r = crate::call::call(&f, std::slice::from_ref(v), &[])?;
    if pystr::is_str(&r) || bytes::as_bytes(&r).is_some() {
        return Ok(r);
    }
    Err(exc::type_error(format!(
        "expected {}.__fspath__() to return str or bytes, not {}",
        type_name(v),
        type_name(&r)
    )))
}

/// The bytes for the system of a str (UTF-8, surrogateescape).
pub fn encode_fs(v: &Value) -> PyResult<Vec<u8>> {
    let t = pystr::text(v).ok_or_else(|| exc::type_error("expected str"))?;
    Codec::Utf8.encode(t, ErrorHandler::SurrogateEscape).map_err(pystr::text_error)
}

/// A file name from the system as str (surrogateescape) or bytes.
pub fn decode_fs(b: &[u8], as_bytes: bool) -> Value {
    if as_bytes {
        return bytes::new(b.to_vec());
    }
    match Codec::Utf8.decode(b, ErrorHandler::SurrogateEscape) {
        Ok(s) => pystr::from_text(s),
        Err(_) => pystr::from_string(String::from_utf8_lossy(b).into_owned()),
    }
}

/// Converts argument `what` of `fname` to a path (or an fd when allowed).
pub fn path_arg(fname: &str, what: &str, v: &Value, allow_fd: bool) -> PyResult<Target> {
    path_conv(fname, what, v, allow_fd, false)
}

/// CPython's `path_converter`: str and bytes as they are, other bytes-like
/// objects with a DeprecationWarning, an integer as a descriptor when
/// `allow_fd`, else `__fspath__`. `nullable` only changes the message
/// (the caller handles None).
pub fn path_conv(fname: &str, what: &str, v: &Value, allow_fd: bool, nullable: bool) -> PyResult<Target> {
    let kinds = match (allow_fd, nullable) {
        (true, true) => "string, bytes, os.PathLike, integer or None",
        (true, false) => "string, bytes, os.PathLike or integer",
        (false, true) => "string, bytes, os.PathLike or None",
        (false, false) => "string, bytes or os.PathLike",
    };
    let wrong_kind = || format!("{fname}: {what} should be {kinds}, not {}", type_name(v));
    let (bytes, is_bytes) = if pystr::is_str(v) {
        (encode_fs(v)?, false)
    } else if let Some(b) = bytes::as_bytes(v) {
        (b.to_vec(), true)
    } else if let Some(b) = buffer_bytes(v) {
        super::_warnings::warn(&rt().exc.deprecation_warning, &wrong_kind(), 1)?;
        (b, true)
    } else if allow_fd && super::posix_at::is_index(v) {
        return Ok(Target::Fd(super::posix_at::fd_value(v)?));
    } else {
        if types::lookup_str(&types::type_of(v), "__fspath__").is_none() {
            return Err(exc::type_error(wrong_kind()));
        }
        let p = fspath(v)?;
        match bytes::as_bytes(&p) {
            Some(b) => (b.to_vec(), true),
            None => (encode_fs(&p)?, false),
        }
    };
    if bytes.contains(&0) {
        return Err(exc::value_error(if is_bytes {
            format!("{fname}: embedded null character in {what}")
        } else {
            "embedded null byte".to_string()
        }));
    }
    Ok(Target::Path(PathArg { bytes, is_bytes, orig: v.clone() }))
}

/// The contents of a bytes-like object other than bytes (bytearray,
/// memoryview), or None.
fn buffer_bytes(v: &Value) -> Option<Vec<u8>> {
    if let Some(b) = crate::objects::bytearray::data(v) {
        return Some(b.0.borrow().clone());
    }
    crate::objects::memoryview::contents(v)
}

/// A path argument that may not be a file descriptor.
pub fn path_only(fname: &str, what: &str, v: &Value) -> PyResult<PathArg> {
    match path_arg(fname, what, v, false)? {
        Target::Path(p) => Ok(p),
        Target::Fd(_) => {
            Err(exc::type_error(format!("{fname}: {what} should be string, bytes or os.PathLike")))
        }
    }
}

// ---------------------------------------------------------------- stat

/// An `os.stat_result` from a `stat` structure. The float times are
/// `seconds + nanoseconds * 1e-9` in double precision, as CPython's.
pub fn stat_result(st: &libc::stat) -> PyResult<Value> {
    let ns = |s: i64, n: i64| int::from_bigint(num_bigint::BigInt::from(s) * 1_000_000_000 + n);
    let f = |s: i64, n: i64| Value::float(s as f64 + n as f64 * 1e-9);
    let (at, mt, ct) =
        ((st.st_atime, st.st_atime_nsec), (st.st_mtime, st.st_mtime_nsec), (st.st_ctime, st.st_ctime_nsec));
    let values = vec![
        int::from_i64(st.st_mode as i64),
        int::from_bigint(st.st_ino.into()),
        int::from_bigint(st.st_dev.into()),
        int::from_bigint(st.st_nlink.into()),
        int::from_i64(st.st_uid as i64),
        int::from_i64(st.st_gid as i64),
        int::from_i64(st.st_size),
        int::from_i64(at.0),
        int::from_i64(mt.0),
        int::from_i64(ct.0),
        f(at.0, at.1),
        f(mt.0, mt.1),
        f(ct.0, ct.1),
        ns(at.0, at.1),
        ns(mt.0, mt.1),
        ns(ct.0, ct.1),
        int::from_i64(st.st_blksize),
        int::from_i64(st.st_blocks),
        int::from_bigint(st.st_rdev.into()),
    ];
    let ty = with_types(|t| t.stat_result.clone());
    structseq::new_instance(&ty, values)
}

/// A file descriptor argument (an int that fits a C int).
pub(super) fn fd_arg(v: &Value) -> PyResult<i32> {
    let n = int_arg(v, "")?;
    i32::try_from(n).map_err(|_| exc::overflow_error("fd is greater than maximum"))
}

fn posix_fstat(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("fstat", args, 2, 2)?;
    let fd = fd_arg(&args[1])?;
    stat_result(&super::posix_at::sys::fstat(fd).map_err(|e| from_errno(e, None, None))?)
}

// ---------------------------------------------------------------- directories and files

fn getcwd(as_bytes: bool) -> PyResult<Value> {
    let cwd = std::env::current_dir().map_err(|e| from_io_error(&e, None))?;
    Ok(decode_fs(cwd.as_os_str().as_bytes(), as_bytes))
}

// ---------------------------------------------------------------- file descriptors

fn posix_read(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("read", args, 3, 3)?;
    let (fd, n) = (fd_arg(&args[1])?, int_arg(&args[2], "")?);
    if n < 0 {
        return Err(from_errno(22, None, None));
    }
    Ok(bytes::new(sys::read(fd, n as usize)?))
}

/// The bytes of a bytes-like argument.
pub fn buffer_arg(v: &Value, _fname: &str) -> PyResult<Vec<u8>> {
    super::_io::bytes_arg(v)
}

fn posix_write(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("write", args, 3, 3)?;
    let fd = fd_arg(&args[1])?;
    let data = buffer_arg(&args[2], "write")?;
    Ok(int::from_usize(sys::write(fd, &data)?))
}

fn posix_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("close", args, 2, 2)?;
    sys::close(fd_arg(&args[1])?)?;
    Ok(none())
}

fn posix_lseek(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("lseek", args, 4, 4)?;
    let (fd, pos, how) = (fd_arg(&args[1])?, int_arg(&args[2], "")?, int_arg(&args[3], "")?);
    Ok(int::from_i64(sys::lseek(fd, pos, how as i32)?))
}

fn posix_isatty(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("isatty", args, 2, 2)?;
    Ok(boolean(sys::isatty(fd_arg(&args[1])?)))
}

fn posix_ftruncate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("ftruncate", args, 3, 3)?;
    sys::ftruncate(fd_arg(&args[1])?, int_arg(&args[2], "")?)?;
    Ok(none())
}

fn posix_fsync(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("fsync", args, 2, 2)?;
    let fd = match int::is_int(&args[1]) {
        true => fd_arg(&args[1])?,
        false => fd_arg(&crate::attr::call_method(&args[1], "fileno", &[])?)?,
    };
    sys::fsync(fd)?;
    Ok(none())
}

fn posix_dup(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("dup", args, 2, 2)?;
    Ok(int::from_i64(sys::dup(fd_arg(&args[1])?)? as i64))
}

fn posix_get_inheritable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("get_inheritable", args, 2, 2)?;
    Ok(boolean(sys::get_inheritable(fd_arg(&args[1])?)?))
}

fn posix_set_inheritable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("set_inheritable", args, 3, 3)?;
    sys::set_inheritable(fd_arg(&args[1])?, crate::ops::truthy(&args[2])?)?;
    Ok(none())
}

fn posix_umask(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("umask", args, 2, 2)?;
    Ok(int::from_i64(sys::umask(int_arg(&args[1], "")? as u32) as i64))
}

// ---------------------------------------------------------------- process and environment

fn posix_urandom(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("urandom", args, 2, 2)?;
    let n = int_arg(&args[1], "")?;
    if n < 0 {
        return Err(exc::value_error("negative argument not allowed"));
    }
    use std::io::Read;
    let mut buf = vec![0u8; n as usize];
    let mut f = std::fs::File::open("/dev/urandom").map_err(|e| from_io_error(&e, None))?;
    f.read_exact(&mut buf).map_err(|e| from_io_error(&e, None))?;
    Ok(bytes::new(buf))
}

fn posix_strerror(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("strerror", args, 2, 2)?;
    let n = int_arg(&args[1], "")?;
    Ok(pystr::from_string(strerror(n as i32)))
}

/// `kill(pid, signal)`; a signal sent to this process has its Python
/// handler run before returning, as CPython 3.11's.
fn posix_kill(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("kill", args, 3, 3)?;
    let pid = int_arg(&args[1], "")?;
    let sig = int_arg(&args[2], "")?;
    let (Ok(pid), Ok(sig)) = (libc::pid_t::try_from(pid), libc::c_int::try_from(sig)) else {
        return Err(exc::overflow_error("signed integer is greater than maximum"));
    };
    // SAFETY: kill has no memory-safety preconditions; errors come back as -1.
    if unsafe { libc::kill(pid, sig) } == -1 {
        return Err(from_io_error(&std::io::Error::last_os_error(), None));
    }
    crate::signals::check()?;
    Ok(none())
}

fn posix_fspath(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("fspath", &args[1..], kwnames, &["path"], 1)?;
    fspath(a[0].as_ref().expect("required"))
}

/// `posix.environ`: a dict of bytes to bytes, as CPython's on Unix.
fn environ() -> PyResult<Value> {
    let d = dict::new_dict();
    for (k, v) in std::env::vars_os() {
        dict::set_item(&d, bytes::new(k.as_bytes().to_vec()), bytes::new(v.as_bytes().to_vec()))?;
    }
    Ok(d)
}

/// An environment variable name or value: str or bytes, without NUL.
fn env_arg(v: &Value, fname: &str) -> PyResult<Vec<u8>> {
    let b = match bytes::as_bytes(v) {
        Some(b) => b.to_vec(),
        None if pystr::is_str(v) => encode_fs(v)?,
        None => {
            return Err(exc::type_error(format!(
                "{fname}: expected str, bytes or os.PathLike object, not {}",
                type_name(v)
            )))
        }
    };
    if b.contains(&0) {
        return Err(exc::value_error("embedded null byte"));
    }
    Ok(b)
}

fn posix_putenv(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("putenv", args, 3, 3)?;
    let (k, v) = (env_arg(&args[1], "putenv")?, env_arg(&args[2], "putenv")?);
    if k.is_empty() || k.contains(&b'=') {
        return Err(exc::value_error("illegal environment variable name"));
    }
    std::env::set_var(OsStr::from_bytes(&k), OsStr::from_bytes(&v));
    Ok(none())
}

fn posix_unsetenv(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("unsetenv", args, 2, 2)?;
    let k = env_arg(&args[1], "unsetenv")?;
    if k.is_empty() || k.contains(&b'=') {
        return Err(exc::value_error("illegal environment variable name"));
    }
    std::env::remove_var(OsStr::from_bytes(&k));
    Ok(none())
}

fn posix_exit(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("_exit", args, 2, 2)?;
    let code = int_arg(&args[1], "")?;
    // SAFETY: _exit ends the process at once, without atexit handlers or
    // buffer flushing (what `os._exit` promises); it never returns.
    unsafe { libc::_exit(code as i32) }
}

fn posix_uname(_: &[Value], _: &[Value]) -> PyResult<Value> {
    let fields = sys::uname()?;
    let ty = with_types(|t| t.uname_result.clone());
    structseq::new_instance(&ty, fields.iter().map(|s| decode_fs(s, false)).collect())
}

fn posix_get_terminal_size(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("get_terminal_size", args, 1, 2)?;
    let fd = match args.get(1) {
        Some(v) => fd_arg(v)?,
        None => 1,
    };
    let (cols, rows) = sys::terminal_size(fd)?;
    let ty = with_types(|t| t.terminal_size.clone());
    structseq::new_instance(&ty, vec![int::from_i64(cols), int::from_i64(rows)])
}

fn posix_device_encoding(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("device_encoding", args, 2, 2)?;
    Ok(if sys::isatty(fd_arg(&args[1])?) { pystr::new("UTF-8") } else { none() })
}

// ---------------------------------------------------------------- the C library

/// Thin wrappers over the C library calls that std does not offer on raw
/// descriptors; each returns the errno's `OSError` on failure.
pub mod sys {
    use super::PathArg;
    use crate::exceptions::{PyErr, PyResult};
    use crate::objects::os_error::from_errno;
    use std::ffi::CString;
    use std::mem::ManuallyDrop;
    use std::os::fd::FromRawFd;

    fn last_error() -> PyErr {
        from_errno(std::io::Error::last_os_error().raw_os_error().unwrap_or(0), None, None)
    }

    fn check(r: i64) -> PyResult<i64> {
        if r < 0 {
            Err(last_error())
        } else {
            Ok(r)
        }
    }

    fn c_path(p: &PathArg) -> CString {
        CString::new(p.bytes.clone()).unwrap_or_default()
    }

    /// `open(2)` with `O_CLOEXEC` (descriptors are non-inheritable, PEP 446).
    pub fn open(p: &PathArg, flags: i32, mode: u32) -> PyResult<i32> {
        let c = c_path(p);
        // SAFETY: `c` is a NUL-terminated string that outlives the call.
        let fd = unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
        if fd < 0 {
            let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
            return Err(from_errno(errno, Some(p.orig.clone()), None));
        }
        Ok(fd)
    }

    /// `fstat(2)` through std's metadata (the descriptor stays open).
    pub fn fstat(fd: i32) -> PyResult<std::fs::Metadata> {
        // SAFETY: the File never closes `fd` (ManuallyDrop); a bad fd makes
        // the call fail with EBADF, which is reported.
        let f = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
        f.metadata().map_err(|e| crate::objects::os_error::from_io_error(&e, None))
    }

    /// `read(2)` of at most `n` bytes.
    pub fn read(fd: i32, n: usize) -> PyResult<Vec<u8>> {
        let mut buf = Vec::new();
        buf.try_reserve_exact(n).map_err(|_| crate::exceptions::memory_error(""))?;
        buf.resize(n, 0);
        let r = retry_on_signal(|| {
            let ptr = buf.as_mut_ptr() as usize;
            // SAFETY: `buf` has `n` writable bytes and outlives the call.
            crate::gil::allow_threads(|| unsafe { libc::read(fd, ptr as *mut libc::c_void, n) })
        })?;
        buf.truncate(check(r as i64)? as usize);
        Ok(buf)
    }

    /// Runs a system call again after EINTR once the Python signal
    /// handlers ran without raising (PEP 475, CPython's `_Py_read`).
    fn retry_on_signal(mut call: impl FnMut() -> isize) -> PyResult<isize> {
        loop {
            let r = call();
            if r >= 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
                return Ok(r);
            }
            crate::signals::check()?;
        }
    }

    /// `write(2)`: returns how many bytes were written.
    pub fn write(fd: i32, data: &[u8]) -> PyResult<usize> {
        let r = retry_on_signal(|| {
            // SAFETY: `data` is a valid slice for the duration of the call.
            crate::gil::allow_threads(|| unsafe {
                libc::write(fd, data.as_ptr() as *const libc::c_void, data.len())
            })
        })?;
        Ok(check(r as i64)? as usize)
    }

    pub fn close(fd: i32) -> PyResult<()> {
        // SAFETY: closing a descriptor number has no memory-safety effect.
        check(unsafe { libc::close(fd) } as i64).map(|_| ())
    }

    pub fn lseek(fd: i32, pos: i64, how: i32) -> PyResult<i64> {
        // SAFETY: a plain system call on integers.
        check(unsafe { libc::lseek(fd, pos, how) })
    }

    pub fn isatty(fd: i32) -> bool {
        // SAFETY: a plain system call on an integer.
        unsafe { libc::isatty(fd) == 1 }
    }

    pub fn ftruncate(fd: i32, len: i64) -> PyResult<()> {
        // SAFETY: a plain system call on integers.
        check(unsafe { libc::ftruncate(fd, len) } as i64).map(|_| ())
    }

    pub fn fsync(fd: i32) -> PyResult<()> {
        // SAFETY: a plain system call on an integer.
        check(unsafe { libc::fsync(fd) } as i64).map(|_| ())
    }

    pub fn dup(fd: i32) -> PyResult<i32> {
        // SAFETY: a plain system call on integers.
        check(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) } as i64).map(|r| r as i32)
    }

    pub fn get_inheritable(fd: i32) -> PyResult<bool> {
        // SAFETY: a plain system call on integers.
        let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFD) } as i64)?;
        Ok(flags as i32 & libc::FD_CLOEXEC == 0)
    }

    pub fn set_inheritable(fd: i32, inheritable: bool) -> PyResult<()> {
        // SAFETY: a plain system call on integers.
        let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFD) } as i64)? as i32;
        let new = if inheritable { flags & !libc::FD_CLOEXEC } else { flags | libc::FD_CLOEXEC };
        // SAFETY: as above.
        check(unsafe { libc::fcntl(fd, libc::F_SETFD, new) } as i64).map(|_| ())
    }

    pub fn umask(mask: u32) -> u32 {
        // SAFETY: a plain system call on an integer.
        unsafe { libc::umask(mask) }
    }

    pub fn getppid() -> i64 {
        // SAFETY: a plain system call without arguments.
        unsafe { libc::getppid() as i64 }
    }

    /// (uid, euid, gid, egid).
    pub fn ids() -> (i64, i64, i64, i64) {
        // SAFETY: plain system calls without arguments.
        unsafe {
            (libc::getuid() as i64, libc::geteuid() as i64, libc::getgid() as i64, libc::getegid() as i64)
        }
    }

    pub fn cpu_count() -> Option<i64> {
        // SAFETY: a plain library call on an integer.
        let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
        (n > 0).then_some(n as i64)
    }

    /// `uname(2)`: sysname, nodename, release, version, machine.
    pub fn uname() -> PyResult<Vec<Vec<u8>>> {
        // SAFETY: utsname is plain old data; zeroed is a valid value.
        let mut u: libc::utsname = unsafe { std::mem::zeroed() };
        // SAFETY: `u` is a valid, writable utsname.
        check(unsafe { libc::uname(&mut u) } as i64)?;
        let field = |f: &[libc::c_char]| f.iter().take_while(|c| **c != 0).map(|c| *c as u8).collect();
        Ok(vec![
            field(&u.sysname),
            field(&u.nodename),
            field(&u.release),
            field(&u.version),
            field(&u.machine),
        ])
    }

    /// (columns, lines) of the terminal on `fd`.
    pub fn terminal_size(fd: i32) -> PyResult<(i64, i64)> {
        // SAFETY: winsize is plain old data; zeroed is a valid value.
        let mut w: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: TIOCGWINSZ writes one winsize into `w`.
        check(unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } as i64)?;
        Ok((w.ws_col as i64, w.ws_row as i64))
    }
}
