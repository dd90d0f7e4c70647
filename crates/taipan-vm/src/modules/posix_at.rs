//! The path calls of `posix` on the C library's `*at()` family: `stat`,
//! `open`, `mkdir`, `unlink`, `rename`, `link`, `chmod`, `chown`, `utime`,
//! `access`, `listdir` … with `dir_fd=`, `follow_symlinks=` and (where
//! CPython allows it) a file descriptor in place of the path, so that
//! `os.supports_dir_fd` & co., `os.fwalk` and the symlink-attack-safe
//! `shutil.rmtree` work. Argument rules and messages are CPython 3.11's
//! (`posixmodule.c`'s `path_t`, `dir_fd` and checker functions).
//!
//! The path conversion itself lives in `posix.rs` (`path_conv`); the
//! system calls are the small `sys` section at the end, the only `unsafe`
//! here; `posix_fs.rs` has the descriptor-only calls.

use super::native::{bind_clinic, boolean, given, int_arg, none};
use super::posix::{decode_fs, path_conv, path_only, stat_result, PathArg, Target};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::os_error::from_errno;
use crate::objects::{int, list, mk, str as pystr, tuple, Method};
use crate::types::{self, type_name};
use crate::value::Value;
use num_bigint::BigInt;
use std::ffi::CString;

/// The functions of this file, added to `posix`'s namespace.
pub const FUNCTIONS: &[Method] = &[
    mk("stat", posix_stat),
    mk("lstat", posix_lstat),
    mk("access", posix_access),
    mk("chdir", posix_chdir),
    mk("chmod", posix_chmod),
    mk("chown", posix_chown),
    mk("lchown", posix_lchown),
    mk("link", posix_link),
    mk("mkdir", |a, k| make_node("mkdir", a, k)),
    mk("mkfifo", |a, k| make_node("mkfifo", a, k)),
    mk("mknod", posix_mknod),
    mk("open", posix_open),
    mk("readlink", posix_readlink),
    mk("rename", |a, k| rename("rename", a, k)),
    mk("replace", |a, k| rename("replace", a, k)),
    mk("rmdir", |a, k| remove("rmdir", a, k)),
    mk("unlink", |a, k| remove("unlink", a, k)),
    mk("remove", |a, k| remove("remove", a, k)),
    mk("symlink", posix_symlink),
    mk("utime", posix_utime),
    mk("truncate", posix_truncate),
    mk("listdir", posix_listdir),
];

/// The `HAVE_*` names `os.py` reads to build `supports_dir_fd` & co.
/// (CPython 3.11's list on Linux).
pub const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_EVENTFD",
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FEXECVE",
    "HAVE_FDOPENDIR",
    "HAVE_FPATHCONF",
    "HAVE_FSTATAT",
    "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_FUTIMES",
    "HAVE_FUTIMESAT",
    "HAVE_LINKAT",
    "HAVE_LCHOWN",
    "HAVE_LSTAT",
    "HAVE_LUTIMES",
    "HAVE_MEMFD_CREATE",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_MKNODAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

// ---------------------------------------------------------------- arguments

/// Binds as Argument Clinic does for a signature whose first `max_pos`
/// parameters may be passed by position (the rest are keyword-only).
pub(super) fn parse(
    fname: &str,
    args: &[Value],
    kwnames: &[Value],
    names: &[&str],
    required: usize,
    max_pos: usize,
) -> PyResult<Vec<Option<Value>>> {
    let npos = args.len() - 1 - kwnames.len();
    if npos > max_pos {
        let what = if required == max_pos { "exactly" } else { "at most" };
        let s = if max_pos == 1 { "" } else { "s" };
        return Err(exc::type_error(format!(
            "{fname}() takes {what} {max_pos} positional argument{s} ({npos} given)"
        )));
    }
    bind_clinic(fname, &args[1..], kwnames, names, required)
}

/// A required argument that `parse` has checked.
pub(super) fn req(v: &Option<Value>) -> &Value {
    v.as_ref().expect("required argument checked by bind")
}

/// An int that fits a C int, with CPython's `_fd_converter` messages.
pub(super) fn fd_value(v: &Value) -> PyResult<i32> {
    if crate::objects::float::to_f64(v).is_some() && !int::is_int(v) {
        return Err(exc::type_error("integer argument expected, got float"));
    }
    let n = int::to_bigint(&int::index(v)?).unwrap_or_default();
    i32::try_from(&n).map_err(|_| {
        exc::overflow_error(if n < BigInt::from(0) {
            "fd is less than minimum"
        } else {
            "fd is greater than maximum"
        })
    })
}

/// Whether `v` supports `__index__` (CPython's `PyIndex_Check`).
pub(super) fn is_index(v: &Value) -> bool {
    int::is_int(v) || types::lookup_str(&types::type_of(v), "__index__").is_some()
}

/// A `dir_fd` argument: None (or absent) is the current directory.
pub(super) fn dir_fd_arg(v: &Option<Value>) -> PyResult<i32> {
    match given(v) {
        None => Ok(libc::AT_FDCWD),
        Some(v) if is_index(v) => fd_value(v),
        Some(v) => Err(exc::type_error(format!("argument should be integer or None, not {}", type_name(v)))),
    }
}

/// A `follow_symlinks` (or other boolean) argument, `default` when absent.
pub(super) fn flag_arg(v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => crate::ops::truthy(v),
        None => Ok(default),
    }
}

/// A uid or gid (`_Py_Uid_Converter`): -1 means "unchanged".
pub(super) fn id_arg(v: &Value, what: &str) -> PyResult<u32> {
    if !is_index(v) || (crate::objects::float::to_f64(v).is_some() && !int::is_int(v)) {
        return Err(exc::type_error(format!("{what} should be integer, not {}", type_name(v))));
    }
    let n = int::to_bigint(&int::index(v)?).unwrap_or_default();
    if n == BigInt::from(-1) {
        return Ok(u32::MAX);
    }
    let less = || exc::overflow_error(format!("{what} is less than minimum"));
    match i64::try_from(&n) {
        Ok(small) => u32::try_from(small).map_err(|_| less()),
        Err(_) if n < BigInt::from(0) => Err(less()),
        Err(_) => Err(exc::overflow_error(format!("{what} is greater than maximum"))),
    }
}

/// A `mode` argument (a C int).
fn mode_arg(v: &Option<Value>, default: u32) -> PyResult<u32> {
    match v {
        Some(v) => Ok(int_arg(v, "")? as u32),
        None => Ok(default),
    }
}

/// ValueError when a descriptor comes with `dir_fd`
/// (`path_and_dir_fd_invalid`).
fn check_fd_without_dir_fd(fname: &str, t: &Target, dir_fd: i32) -> PyResult<()> {
    match (t, dir_fd) {
        (Target::Fd(_), d) if d != libc::AT_FDCWD => {
            Err(exc::value_error(format!("{fname}: can't specify dir_fd without matching path")))
        }
        _ => Ok(()),
    }
}

/// ValueError when a descriptor comes with `follow_symlinks=False`.
fn check_fd_follows(fname: &str, t: &Target, follow: bool) -> PyResult<()> {
    match (t, follow) {
        (Target::Fd(_), false) => {
            Err(exc::value_error(format!("{fname}: cannot use fd and follow_symlinks together")))
        }
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------- errors

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The OSError for `errno` naming the target (its path, or its fd).
pub(super) fn target_error(errno: i32, t: &Target) -> PyErr {
    match t {
        Target::Path(p) => from_errno(errno, Some(p.orig.clone()), None),
        Target::Fd(fd) => from_errno(errno, Some(int::from_i64(*fd as i64)), None),
    }
}

fn path_error(errno: i32, p: &PathArg) -> PyErr {
    from_errno(errno, Some(p.orig.clone()), None)
}

fn two_path_error(errno: i32, a: &PathArg, b: &PathArg) -> PyErr {
    from_errno(errno, Some(a.orig.clone()), Some(b.orig.clone()))
}

/// The NUL-terminated form of a path (the converter refused inner NULs).
pub(super) fn c_path(p: &PathArg) -> CString {
    CString::new(p.bytes.clone()).unwrap_or_default()
}

// ---------------------------------------------------------------- stat and access

/// `stat(path, *, dir_fd=None, follow_symlinks=True)`.
fn posix_stat(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("stat", args, kwnames, &["path", "dir_fd", "follow_symlinks"], 1, 1)?;
    let t = path_conv("stat", "path", req(&a[0]), true, false)?;
    let dir_fd = dir_fd_arg(&a[1])?;
    let follow = flag_arg(&a[2], true)?;
    check_fd_without_dir_fd("stat", &t, dir_fd)?;
    check_fd_follows("stat", &t, follow)?;
    stat_target(&t, dir_fd, follow)
}

/// `lstat(path, *, dir_fd=None)`.
fn posix_lstat(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("lstat", args, kwnames, &["path", "dir_fd"], 1, 1)?;
    let t = path_conv("lstat", "path", req(&a[0]), false, false)?;
    stat_target(&t, dir_fd_arg(&a[1])?, false)
}

fn stat_target(t: &Target, dir_fd: i32, follow: bool) -> PyResult<Value> {
    let st = match t {
        Target::Fd(fd) => sys::fstat(*fd),
        Target::Path(p) => sys::fstatat(dir_fd, &c_path(p), follow),
    };
    stat_result(&st.map_err(|e| target_error(e, t))?)
}

/// `access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True)`.
fn posix_access(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"];
    let a = parse("access", args, kwnames, &names, 2, 2)?;
    let p = path_only("access", "path", req(&a[0]))?;
    let mode = int_arg(req(&a[1]), "")? as i32;
    let dir_fd = dir_fd_arg(&a[2])?;
    let mut flags = 0;
    if flag_arg(&a[3], false)? {
        flags |= libc::AT_EACCESS;
    }
    if !flag_arg(&a[4], true)? {
        flags |= libc::AT_SYMLINK_NOFOLLOW;
    }
    Ok(boolean(sys::faccessat(dir_fd, &c_path(&p), mode, flags)))
}

// ---------------------------------------------------------------- changing attributes

/// `chdir(path)`: a path or a descriptor (`fchdir`).
fn posix_chdir(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("chdir", args, kwnames, &["path"], 1, 1)?;
    let t = path_conv("chdir", "path", req(&a[0]), true, false)?;
    let r = match &t {
        Target::Fd(fd) => sys::fchdir(*fd),
        Target::Path(p) => sys::chdir(&c_path(p)),
    };
    r.map_err(|e| target_error(e, &t))?;
    Ok(none())
}

/// `chmod(path, mode, *, dir_fd=None, follow_symlinks=True)`; Linux has
/// no working `lchmod`, so not following a symlink is NotImplementedError.
fn posix_chmod(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("chmod", args, kwnames, &["path", "mode", "dir_fd", "follow_symlinks"], 2, 2)?;
    let t = path_conv("chmod", "path", req(&a[0]), true, false)?;
    let mode = int_arg(req(&a[1]), "")? as u32;
    let dir_fd = dir_fd_arg(&a[2])?;
    let follow = flag_arg(&a[3], true)?;
    let p = match &t {
        Target::Fd(fd) => return sys::fchmod(*fd, mode).map(|_| none()).map_err(|e| target_error(e, &t)),
        Target::Path(p) => p,
    };
    let Err(e) = sys::fchmodat(dir_fd, &c_path(p), mode, follow) else { return Ok(none()) };
    if !follow && (e == libc::ENOTSUP || e == libc::EOPNOTSUPP) {
        return Err(if dir_fd != libc::AT_FDCWD {
            exc::value_error("chmod: cannot use dir_fd and follow_symlinks together")
        } else {
            exc::not_implemented_error("chmod: follow_symlinks unavailable on this platform")
        });
    }
    Err(path_error(e, p))
}

/// `chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True)`.
fn posix_chown(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["path", "uid", "gid", "dir_fd", "follow_symlinks"];
    let a = parse("chown", args, kwnames, &names, 3, 3)?;
    let t = path_conv("chown", "path", req(&a[0]), true, false)?;
    let (uid, gid) = (id_arg(req(&a[1]), "uid")?, id_arg(req(&a[2]), "gid")?);
    let dir_fd = dir_fd_arg(&a[3])?;
    let follow = flag_arg(&a[4], true)?;
    check_fd_without_dir_fd("chown", &t, dir_fd)?;
    check_fd_follows("chown", &t, follow)?;
    let r = match &t {
        Target::Fd(fd) => sys::fchown(*fd, uid, gid),
        Target::Path(p) => sys::fchownat(dir_fd, &c_path(p), uid, gid, follow),
    };
    r.map_err(|e| target_error(e, &t))?;
    Ok(none())
}

/// `lchown(path, uid, gid)`.
fn posix_lchown(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("lchown", args, kwnames, &["path", "uid", "gid"], 3, 3)?;
    let p = path_only("lchown", "path", req(&a[0]))?;
    let (uid, gid) = (id_arg(req(&a[1]), "uid")?, id_arg(req(&a[2]), "gid")?);
    sys::fchownat(libc::AT_FDCWD, &c_path(&p), uid, gid, false).map_err(|e| path_error(e, &p))?;
    Ok(none())
}

/// `utime(path, times=None, *, ns, dir_fd=None, follow_symlinks=True)`.
fn posix_utime(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["path", "times", "ns", "dir_fd", "follow_symlinks"];
    let a = parse("utime", args, kwnames, &names, 1, 2)?;
    let t = path_conv("utime", "path", req(&a[0]), true, false)?;
    let spec = utime_spec(given(&a[1]), a[2].as_ref())?;
    let dir_fd = dir_fd_arg(&a[3])?;
    let follow = flag_arg(&a[4], true)?;
    check_fd_without_dir_fd("utime", &t, dir_fd)?;
    check_fd_follows("utime", &t, follow)?;
    let r = match &t {
        Target::Fd(fd) => sys::futimens(*fd, &spec),
        Target::Path(p) => sys::utimensat(dir_fd, &c_path(p), &spec, follow),
    };
    r.map_err(|e| target_error(e, &t))?;
    Ok(none())
}

/// The two timespecs of `utime`'s `times` or `ns` (now when neither).
fn utime_spec(times: Option<&Value>, ns: Option<&Value>) -> PyResult<[libc::timespec; 2]> {
    let pair = |v: &Value, msg: &str| match tuple::items(v) {
        Some([x, y]) if tuple::is_exact(v) => Ok((x.clone(), y.clone())),
        _ => Err(exc::type_error(msg.to_string())),
    };
    let ts = |(s, n): (i64, i64)| libc::timespec { tv_sec: s as libc::time_t, tv_nsec: n as _ };
    match (times, ns) {
        (Some(_), Some(_)) => {
            Err(exc::value_error("utime: you may specify either 'times' or 'ns' but not both"))
        }
        (Some(t), None) => {
            let (x, y) = pair(t, "utime: 'times' must be either a tuple of two ints or None")?;
            Ok([ts(seconds_arg(&x)?), ts(seconds_arg(&y)?)])
        }
        (None, Some(n)) => {
            let (x, y) = pair(n, "utime: 'ns' must be a tuple of two ints")?;
            Ok([ts(nanoseconds_arg(&x)?), ts(nanoseconds_arg(&y)?)])
        }
        (None, None) => {
            let now = libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW };
            Ok([now, now])
        }
    }
}

/// Seconds (int or float) as (seconds, nanoseconds), as CPython's
/// `_PyTime_ObjectToTimespec` with `_PyTime_ROUND_FLOOR`: the fraction of
/// the float's exact value times 10⁹, floored.
pub(super) fn seconds_arg(v: &Value) -> PyResult<(i64, i64)> {
    let Some(f) = crate::objects::float::to_f64(v).filter(|_| !int::is_int(v)) else {
        let n = int::to_bigint(&int::index(v)?).unwrap_or_default();
        let s = i64::try_from(&n)
            .map_err(|_| exc::overflow_error("timestamp out of range for platform time_t"))?;
        return Ok((s, 0));
    };
    if f.is_nan() {
        return Err(exc::value_error("Invalid value NaN (not a number)"));
    }
    let (mut whole, mut frac) = (f.trunc(), (f.fract() * 1e9).floor());
    if frac >= 1e9 {
        frac -= 1e9;
        whole += 1.0;
    } else if frac < 0.0 {
        frac += 1e9;
        whole -= 1.0;
    }
    if !(-9.2e18..9.2e18).contains(&whole) {
        return Err(exc::overflow_error("timestamp out of range for platform time_t"));
    }
    Ok((whole as i64, frac as i64))
}

/// Nanoseconds (an int) as (seconds, nanoseconds).
fn nanoseconds_arg(v: &Value) -> PyResult<(i64, i64)> {
    let n = int::to_i128(&int::index(v)?)
        .ok_or_else(|| exc::overflow_error("timestamp out of range for platform time_t"))?;
    let s = i64::try_from(n.div_euclid(1_000_000_000))
        .map_err(|_| exc::overflow_error("timestamp out of range for platform time_t"))?;
    Ok((s, n.rem_euclid(1_000_000_000) as i64))
}

/// `truncate(path, length)`: a path or a descriptor (`ftruncate`).
fn posix_truncate(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("truncate", args, kwnames, &["path", "length"], 2, 2)?;
    let t = path_conv("truncate", "path", req(&a[0]), true, false)?;
    let length = int_arg(req(&a[1]), "")?;
    match &t {
        Target::Fd(fd) => sys::ftruncate(*fd, length).map_err(|e| from_errno(e, None, None))?,
        Target::Path(p) => sys::truncate(&c_path(p), length).map_err(|e| path_error(e, p))?,
    }
    Ok(none())
}

// ---------------------------------------------------------------- creating and removing

/// `mkdir(path, mode=0o777, *, dir_fd=None)` and
/// `mkfifo(path, mode=0o666, *, dir_fd=None)`.
fn make_node(fname: &str, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse(fname, args, kwnames, &["path", "mode", "dir_fd"], 1, 2)?;
    let p = path_only(fname, "path", req(&a[0]))?;
    let is_dir = fname == "mkdir";
    let mode = mode_arg(&a[1], if is_dir { 0o777 } else { 0o666 })?;
    let dir_fd = dir_fd_arg(&a[2])?;
    let c = c_path(&p);
    let r = if is_dir {
        sys::mkdirat(dir_fd, &c, mode)
    } else {
        sys::mknodat(dir_fd, &c, mode | libc::S_IFIFO, 0)
    };
    r.map_err(|e| path_error(e, &p))?;
    Ok(none())
}

/// `mknod(path, mode=0o600, device=0, *, dir_fd=None)`.
fn posix_mknod(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("mknod", args, kwnames, &["path", "mode", "device", "dir_fd"], 1, 3)?;
    let p = path_only("mknod", "path", req(&a[0]))?;
    let mode = mode_arg(&a[1], 0o600)?;
    let device = match &a[2] {
        Some(v) => dev_arg(v)?,
        None => 0,
    };
    let dir_fd = dir_fd_arg(&a[3])?;
    sys::mknodat(dir_fd, &c_path(&p), mode, device).map_err(|e| path_error(e, &p))?;
    Ok(none())
}

/// A `dev_t` (CPython's `_Py_Dev_Converter`: an unsigned long long).
pub(super) fn dev_arg(v: &Value) -> PyResult<u64> {
    if !int::is_int(v) {
        return Err(exc::type_error("an integer is required"));
    }
    let n = int::to_bigint(v).unwrap_or_default();
    if n < BigInt::from(0) {
        return Err(exc::overflow_error("can't convert negative int to unsigned"));
    }
    u64::try_from(&n).map_err(|_| exc::overflow_error("int too big to convert"))
}

/// `open(path, flags, mode=0o777, *, dir_fd=None)`: the new descriptor is
/// non-inheritable (PEP 446).
fn posix_open(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("open", args, kwnames, &["path", "flags", "mode", "dir_fd"], 2, 3)?;
    let p = path_only("open", "path", req(&a[0]))?;
    let flags = int_arg(req(&a[1]), "")? as i32;
    let mode = mode_arg(&a[2], 0o777)?;
    let dir_fd = dir_fd_arg(&a[3])?;
    let c = c_path(&p);
    loop {
        match sys::openat(dir_fd, &c, flags | libc::O_CLOEXEC, mode) {
            Ok(fd) => return Ok(int::from_i64(fd as i64)),
            Err(libc::EINTR) => crate::signals::check()?,
            Err(e) => return Err(path_error(e, &p)),
        }
    }
}

/// `readlink(path, *, dir_fd=None)`.
fn posix_readlink(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("readlink", args, kwnames, &["path", "dir_fd"], 1, 1)?;
    let p = path_only("readlink", "path", req(&a[0]))?;
    let dir_fd = dir_fd_arg(&a[1])?;
    let target = sys::readlinkat(dir_fd, &c_path(&p)).map_err(|e| path_error(e, &p))?;
    Ok(decode_fs(&target, p.is_bytes))
}

/// `rename`/`replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None)`.
fn rename(fname: &str, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse(fname, args, kwnames, &["src", "dst", "src_dir_fd", "dst_dir_fd"], 2, 2)?;
    let src = path_only(fname, "src", req(&a[0]))?;
    let dst = path_only(fname, "dst", req(&a[1]))?;
    let (src_fd, dst_fd) = (dir_fd_arg(&a[2])?, dir_fd_arg(&a[3])?);
    sys::renameat(src_fd, &c_path(&src), dst_fd, &c_path(&dst)).map_err(|e| two_path_error(e, &src, &dst))?;
    Ok(none())
}

/// `link(src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True)`:
/// as CPython, plain `link()` (which does not follow) unless an argument
/// asks for `linkat()`.
fn posix_link(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"];
    let a = parse("link", args, kwnames, &names, 2, 2)?;
    let src = path_only("link", "src", req(&a[0]))?;
    let dst = path_only("link", "dst", req(&a[1]))?;
    let (src_fd, dst_fd) = (dir_fd_arg(&a[2])?, dir_fd_arg(&a[3])?);
    let follow = flag_arg(&a[4], true)?;
    let (s, d) = (c_path(&src), c_path(&dst));
    let r = if src_fd != libc::AT_FDCWD || dst_fd != libc::AT_FDCWD || !follow {
        sys::linkat(src_fd, &s, dst_fd, &d, if follow { libc::AT_SYMLINK_FOLLOW } else { 0 })
    } else {
        sys::link(&s, &d)
    };
    r.map_err(|e| two_path_error(e, &src, &dst))?;
    Ok(none())
}

/// `symlink(src, dst, target_is_directory=False, *, dir_fd=None)`.
fn posix_symlink(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["src", "dst", "target_is_directory", "dir_fd"];
    let a = parse("symlink", args, kwnames, &names, 2, 3)?;
    let src = path_only("symlink", "src", req(&a[0]))?;
    let dst = path_only("symlink", "dst", req(&a[1]))?;
    flag_arg(&a[2], false)?;
    let dir_fd = dir_fd_arg(&a[3])?;
    sys::symlinkat(&c_path(&src), dir_fd, &c_path(&dst)).map_err(|e| two_path_error(e, &src, &dst))?;
    Ok(none())
}

/// `rmdir`, `unlink`, `remove(path, *, dir_fd=None)`.
fn remove(fname: &str, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse(fname, args, kwnames, &["path", "dir_fd"], 1, 1)?;
    let p = path_only(fname, "path", req(&a[0]))?;
    let dir_fd = dir_fd_arg(&a[1])?;
    let flags = if fname == "rmdir" { libc::AT_REMOVEDIR } else { 0 };
    sys::unlinkat(dir_fd, &c_path(&p), flags).map_err(|e| path_error(e, &p))?;
    Ok(none())
}

// ---------------------------------------------------------------- listing

/// The directory `listdir`/`scandir` read: None means ".".
pub(super) fn dir_target(fname: &str, v: &Option<Value>) -> PyResult<Target> {
    match v {
        None => Ok(Target::Path(dot())),
        Some(v) if v.is(&crate::runtime::rt().none) => Ok(Target::Path(dot())),
        Some(v) => path_conv(fname, "path", v, true, true),
    }
}

fn dot() -> PathArg {
    PathArg { bytes: b".".to_vec(), is_bytes: false, orig: pystr::new(".") }
}

/// The entries of a directory (a path, or a descriptor which stays open
/// and is rewound afterwards, as CPython's), without "." and "..".
pub(super) fn read_entries(t: &Target) -> PyResult<Vec<sys::RawEntry>> {
    match t {
        Target::Fd(fd) => sys::read_dir_fd(*fd).map_err(|e| from_errno(e, None, None)),
        Target::Path(p) => sys::read_dir_path(&c_path(p)).map_err(|e| path_error(e, p)),
    }
}

/// `listdir(path=None)`: names as the path's kind (str for a descriptor).
fn posix_listdir(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("listdir", args, kwnames, &["path"], 0, 1)?;
    let t = dir_target("listdir", &a[0])?;
    let as_bytes = matches!(&t, Target::Path(p) if p.is_bytes);
    let names = read_entries(&t)?.into_iter().map(|e| decode_fs(&e.name, as_bytes)).collect();
    Ok(list::new(names))
}

// ---------------------------------------------------------------- the C library

/// The `*at()` calls; each returns the errno on failure. Blocking calls
/// release the interpreter lock.
pub mod sys {
    use crate::gil::allow_threads;
    use std::ffi::CStr;

    fn errno() -> i32 {
        super::errno()
    }

    fn check(r: libc::c_int) -> Result<(), i32> {
        if r < 0 {
            Err(errno())
        } else {
            Ok(())
        }
    }

    /// One directory entry: its name, `d_type` and inode number.
    pub struct RawEntry {
        pub name: Vec<u8>,
        pub d_type: u8,
        pub ino: u64,
    }

    pub fn fstatat(dir_fd: i32, p: &CStr, follow: bool) -> Result<libc::stat, i32> {
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        // SAFETY: stat is plain old data; zeroed is a valid value.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        let ptr = &mut st as *mut libc::stat as usize;
        // SAFETY: `p` is NUL-terminated and `st` is writable; both outlive the call.
        let r = allow_threads(|| unsafe { libc::fstatat(dir_fd, p.as_ptr(), ptr as *mut libc::stat, flags) });
        check(r).map(|_| st)
    }

    pub fn fstat(fd: i32) -> Result<libc::stat, i32> {
        // SAFETY: stat is plain old data; zeroed is a valid value.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        let ptr = &mut st as *mut libc::stat as usize;
        // SAFETY: `st` is writable and outlives the call.
        let r = allow_threads(|| unsafe { libc::fstat(fd, ptr as *mut libc::stat) });
        check(r).map(|_| st)
    }

    pub fn faccessat(dir_fd: i32, p: &CStr, mode: i32, flags: i32) -> bool {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        allow_threads(|| unsafe { libc::faccessat(dir_fd, p.as_ptr(), mode, flags) }) == 0
    }

    pub fn chdir(p: &CStr) -> Result<(), i32> {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        check(unsafe { libc::chdir(p.as_ptr()) })
    }

    pub fn fchdir(fd: i32) -> Result<(), i32> {
        // SAFETY: a plain system call on an integer.
        check(unsafe { libc::fchdir(fd) })
    }

    pub fn fchmod(fd: i32, mode: u32) -> Result<(), i32> {
        // SAFETY: a plain system call on integers.
        check(unsafe { libc::fchmod(fd, mode) })
    }

    pub fn fchmodat(dir_fd: i32, p: &CStr, mode: u32, follow: bool) -> Result<(), i32> {
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        // SAFETY: `p` is NUL-terminated and outlives the call.
        check(unsafe { libc::fchmodat(dir_fd, p.as_ptr(), mode, flags) })
    }

    pub fn fchown(fd: i32, uid: u32, gid: u32) -> Result<(), i32> {
        // SAFETY: a plain system call on integers.
        check(unsafe { libc::fchown(fd, uid, gid) })
    }

    pub fn fchownat(dir_fd: i32, p: &CStr, uid: u32, gid: u32, follow: bool) -> Result<(), i32> {
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        // SAFETY: `p` is NUL-terminated and outlives the call.
        check(unsafe { libc::fchownat(dir_fd, p.as_ptr(), uid, gid, flags) })
    }

    pub fn utimensat(dir_fd: i32, p: &CStr, spec: &[libc::timespec; 2], follow: bool) -> Result<(), i32> {
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        // SAFETY: `p` is NUL-terminated and `spec` holds two timespecs.
        check(unsafe { libc::utimensat(dir_fd, p.as_ptr(), spec.as_ptr(), flags) })
    }

    pub fn futimens(fd: i32, spec: &[libc::timespec; 2]) -> Result<(), i32> {
        // SAFETY: `spec` holds two timespecs valid for the call.
        check(unsafe { libc::futimens(fd, spec.as_ptr()) })
    }

    pub fn ftruncate(fd: i32, len: i64) -> Result<(), i32> {
        // SAFETY: a plain system call on integers.
        check(allow_threads(|| unsafe { libc::ftruncate(fd, len) }))
    }

    pub fn truncate(p: &CStr, len: i64) -> Result<(), i32> {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        check(allow_threads(|| unsafe { libc::truncate(p.as_ptr(), len) }))
    }

    pub fn mkdirat(dir_fd: i32, p: &CStr, mode: u32) -> Result<(), i32> {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        check(unsafe { libc::mkdirat(dir_fd, p.as_ptr(), mode) })
    }

    pub fn mknodat(dir_fd: i32, p: &CStr, mode: u32, dev: u64) -> Result<(), i32> {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        check(unsafe { libc::mknodat(dir_fd, p.as_ptr(), mode, dev) })
    }

    pub fn openat(dir_fd: i32, p: &CStr, flags: i32, mode: u32) -> Result<i32, i32> {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        let fd = allow_threads(|| unsafe { libc::openat(dir_fd, p.as_ptr(), flags, mode as libc::c_uint) });
        check(fd).map(|_| fd)
    }

    pub fn readlinkat(dir_fd: i32, p: &CStr) -> Result<Vec<u8>, i32> {
        let mut buf = vec![0u8; 4096];
        loop {
            // SAFETY: `p` is NUL-terminated; `buf` has `buf.len()` writable bytes.
            let n = unsafe { libc::readlinkat(dir_fd, p.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
            if n < 0 {
                return Err(errno());
            }
            if (n as usize) < buf.len() {
                buf.truncate(n as usize);
                return Ok(buf);
            }
            buf.resize(buf.len() * 2, 0);
        }
    }

    pub fn renameat(src_fd: i32, src: &CStr, dst_fd: i32, dst: &CStr) -> Result<(), i32> {
        // SAFETY: both paths are NUL-terminated and outlive the call.
        check(unsafe { libc::renameat(src_fd, src.as_ptr(), dst_fd, dst.as_ptr()) })
    }

    pub fn link(src: &CStr, dst: &CStr) -> Result<(), i32> {
        // SAFETY: both paths are NUL-terminated and outlive the call.
        check(unsafe { libc::link(src.as_ptr(), dst.as_ptr()) })
    }

    pub fn linkat(src_fd: i32, src: &CStr, dst_fd: i32, dst: &CStr, flags: i32) -> Result<(), i32> {
        // SAFETY: both paths are NUL-terminated and outlive the call.
        check(unsafe { libc::linkat(src_fd, src.as_ptr(), dst_fd, dst.as_ptr(), flags) })
    }

    pub fn symlinkat(src: &CStr, dir_fd: i32, dst: &CStr) -> Result<(), i32> {
        // SAFETY: both paths are NUL-terminated and outlive the call.
        check(unsafe { libc::symlinkat(src.as_ptr(), dir_fd, dst.as_ptr()) })
    }

    pub fn unlinkat(dir_fd: i32, p: &CStr, flags: i32) -> Result<(), i32> {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        check(unsafe { libc::unlinkat(dir_fd, p.as_ptr(), flags) })
    }

    /// Reads every entry of an open directory stream, then closes it
    /// (rewinding first when it came from a caller's descriptor).
    fn drain(dirp: *mut libc::DIR, rewind: bool) -> Result<Vec<RawEntry>, i32> {
        let mut out = Vec::new();
        let result = loop {
            // SAFETY: errno is thread-local; clearing it tells readdir's end from its errors.
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: `dirp` is an open stream, used by this thread only.
            let ent = unsafe { libc::readdir(dirp) };
            if ent.is_null() {
                let e = errno();
                break if e == 0 { Ok(out) } else { Err(e) };
            }
            // SAFETY: readdir returned a valid entry whose d_name is NUL-terminated.
            let (name, d_type, ino) = unsafe {
                let ent = &*ent;
                (CStr::from_ptr(ent.d_name.as_ptr()).to_bytes().to_vec(), ent.d_type, ent.d_ino)
            };
            if name != b"." && name != b".." {
                out.push(RawEntry { name, d_type, ino });
            }
        };
        // SAFETY: `dirp` is open; closedir releases it (and its descriptor).
        unsafe {
            if rewind {
                libc::rewinddir(dirp);
            }
            libc::closedir(dirp);
        }
        result
    }

    pub fn read_dir_path(p: &CStr) -> Result<Vec<RawEntry>, i32> {
        // SAFETY: `p` is NUL-terminated and outlives the call.
        let dirp = allow_threads(|| unsafe { libc::opendir(p.as_ptr()) } as usize) as *mut libc::DIR;
        if dirp.is_null() {
            return Err(errno());
        }
        drain(dirp, false)
    }

    /// The entries of the directory open on `fd`, read through a duplicate
    /// (closedir closes its descriptor) as CPython does.
    pub fn read_dir_fd(fd: i32) -> Result<Vec<RawEntry>, i32> {
        // SAFETY: a plain system call on integers.
        let dup = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
        if dup < 0 {
            return Err(errno());
        }
        // SAFETY: `dup` is a descriptor this function owns.
        let dirp = unsafe { libc::fdopendir(dup) };
        if dirp.is_null() {
            let e = errno();
            // SAFETY: `dup` is still ours when fdopendir failed.
            unsafe { libc::close(dup) };
            return Err(e);
        }
        drain(dirp, true)
    }
}
