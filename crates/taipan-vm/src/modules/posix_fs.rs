//! The descriptor and file-system calls of `posix` beyond the basics:
//! `fchown`/`fchmod`, `statvfs`, `pathconf`/`confstr`, positioned and
//! vectored I/O (`pread`, `pwritev`…), the in-kernel copies (`sendfile`,
//! `copy_file_range`, `splice`), extended attributes, `eventfd`,
//! `memfd_create`, `getrandom`, advisory calls (`posix_fadvise`,
//! `lockf`…) and device numbers, with CPython 3.11's signatures and
//! errors. The path-taking calls of the `*at()` family are in
//! `posix_at.rs`.

use super::native::{int_arg, none};
use super::posix::{buffer_arg, decode_fs, fd_arg, path_conv, path_only, Target};
use super::posix_at::{c_path, dev_arg, flag_arg, id_arg, parse, req, target_error};
use super::structseq;
use crate::exceptions::{self as exc, PyResult};
use crate::gil::allow_threads;
use crate::objects::os_error::from_errno;
use crate::objects::{bytes, dict, int, list, m, mk, str as pystr, tuple, Method};
use crate::types::type_name;
use crate::value::Value;
use std::cell::OnceCell;
use std::ffi::CString;

/// The functions of this file, added to `posix`'s namespace.
pub const FUNCTIONS: &[Method] = &[
    mk("fchown", posix_fchown),
    mk("fchmod", posix_fchmod),
    mk("fdatasync", posix_fdatasync),
    mk("statvfs", posix_statvfs),
    m("fstatvfs", posix_fstatvfs),
    mk("pathconf", posix_pathconf),
    m("fpathconf", posix_fpathconf),
    m("confstr", posix_confstr),
    mk("getrandom", posix_getrandom),
    mk("sendfile", posix_sendfile),
    m("pread", posix_pread),
    m("pwrite", posix_pwrite),
    m("readv", posix_readv),
    m("writev", posix_writev),
    mk("copy_file_range", posix_copy_file_range),
    mk("splice", posix_splice),
    m("posix_fadvise", posix_fadvise),
    m("posix_fallocate", posix_fallocate),
    m("lockf", posix_lockf),
    mk("getxattr", posix_getxattr),
    mk("setxattr", posix_setxattr),
    mk("listxattr", posix_listxattr),
    mk("removexattr", posix_removexattr),
    mk("eventfd", posix_eventfd),
    mk("eventfd_read", posix_eventfd_read),
    mk("eventfd_write", posix_eventfd_write),
    mk("memfd_create", posix_memfd_create),
    m("major", |a, _| device_part("major", a, |d| libc::major(d) as i64)),
    m("minor", |a, _| device_part("minor", a, |d| libc::minor(d) as i64)),
    m("makedev", posix_makedev),
    m("sync", posix_sync),
];

/// `(name, value)` of the integer constants of this file (Linux values).
pub const CONSTANTS: &[(&str, i64)] = &[
    ("EFD_CLOEXEC", 0o2000000),
    ("EFD_NONBLOCK", 0o4000),
    ("EFD_SEMAPHORE", 1),
    ("GRND_NONBLOCK", 1),
    ("GRND_RANDOM", 2),
    ("MFD_ALLOW_SEALING", 2),
    ("MFD_CLOEXEC", 1),
    ("MFD_HUGETLB", 4),
    ("MFD_HUGE_SHIFT", 26),
    ("MFD_HUGE_MASK", 63),
    ("MFD_HUGE_64KB", 16 << 26),
    ("MFD_HUGE_512KB", 19 << 26),
    ("MFD_HUGE_1MB", 20 << 26),
    ("MFD_HUGE_2MB", 21 << 26),
    ("MFD_HUGE_8MB", 23 << 26),
    ("MFD_HUGE_16MB", 24 << 26),
    ("MFD_HUGE_32MB", 25 << 26),
    ("MFD_HUGE_256MB", 28 << 26),
    ("MFD_HUGE_512MB", 29 << 26),
    ("MFD_HUGE_1GB", 30 << 26),
    ("MFD_HUGE_2GB", 31 << 26),
    ("MFD_HUGE_16GB", 34 << 26),
    ("POSIX_FADV_NORMAL", 0),
    ("POSIX_FADV_RANDOM", 1),
    ("POSIX_FADV_SEQUENTIAL", 2),
    ("POSIX_FADV_WILLNEED", 3),
    ("POSIX_FADV_DONTNEED", 4),
    ("POSIX_FADV_NOREUSE", 5),
    ("SPLICE_F_MOVE", 1),
    ("SPLICE_F_NONBLOCK", 2),
    ("SPLICE_F_MORE", 4),
    ("XATTR_CREATE", 1),
    ("XATTR_REPLACE", 2),
    ("XATTR_SIZE_MAX", 65536),
    ("ST_RDONLY", 1),
    ("ST_NOSUID", 2),
    ("ST_NODEV", 4),
    ("ST_NOEXEC", 8),
    ("ST_SYNCHRONOUS", 16),
    ("ST_MANDLOCK", 64),
    ("ST_WRITE", 128),
    ("ST_APPEND", 256),
    ("ST_NOATIME", 1024),
    ("ST_NODIRATIME", 2048),
    ("ST_RELATIME", 4096),
];

/// `os.pathconf_names` (glibc's `_PC_*` numbers).
const PATHCONF_NAMES: &[(&str, i64)] = &[
    ("PC_LINK_MAX", 0),
    ("PC_MAX_CANON", 1),
    ("PC_MAX_INPUT", 2),
    ("PC_NAME_MAX", 3),
    ("PC_PATH_MAX", 4),
    ("PC_PIPE_BUF", 5),
    ("PC_CHOWN_RESTRICTED", 6),
    ("PC_NO_TRUNC", 7),
    ("PC_VDISABLE", 8),
    ("PC_SYNC_IO", 9),
    ("PC_ASYNC_IO", 10),
    ("PC_PRIO_IO", 11),
    ("PC_SOCK_MAXBUF", 12),
    ("PC_FILESIZEBITS", 13),
    ("PC_REC_INCR_XFER_SIZE", 14),
    ("PC_REC_MAX_XFER_SIZE", 15),
    ("PC_REC_MIN_XFER_SIZE", 16),
    ("PC_REC_XFER_ALIGN", 17),
    ("PC_ALLOC_SIZE_MIN", 18),
    ("PC_SYMLINK_MAX", 19),
];

/// `os.confstr_names` (glibc's `_CS_*` numbers).
const CONFSTR_NAMES: &[(&str, i64)] = &[
    ("CS_PATH", 0),
    ("CS_GNU_LIBC_VERSION", 2),
    ("CS_GNU_LIBPTHREAD_VERSION", 3),
    ("CS_LFS_CFLAGS", 1000),
    ("CS_LFS_LDFLAGS", 1001),
    ("CS_LFS_LIBS", 1002),
    ("CS_LFS_LINTFLAGS", 1003),
    ("CS_LFS64_CFLAGS", 1004),
    ("CS_LFS64_LDFLAGS", 1005),
    ("CS_LFS64_LIBS", 1006),
    ("CS_LFS64_LINTFLAGS", 1007),
    ("CS_XBS5_ILP32_OFF32_CFLAGS", 1100),
    ("CS_XBS5_ILP32_OFF32_LDFLAGS", 1101),
    ("CS_XBS5_ILP32_OFF32_LIBS", 1102),
    ("CS_XBS5_ILP32_OFF32_LINTFLAGS", 1103),
    ("CS_XBS5_ILP32_OFFBIG_CFLAGS", 1104),
    ("CS_XBS5_ILP32_OFFBIG_LDFLAGS", 1105),
    ("CS_XBS5_ILP32_OFFBIG_LIBS", 1106),
    ("CS_XBS5_ILP32_OFFBIG_LINTFLAGS", 1107),
    ("CS_XBS5_LP64_OFF64_CFLAGS", 1108),
    ("CS_XBS5_LP64_OFF64_LDFLAGS", 1109),
    ("CS_XBS5_LP64_OFF64_LIBS", 1110),
    ("CS_XBS5_LP64_OFF64_LINTFLAGS", 1111),
    ("CS_XBS5_LPBIG_OFFBIG_CFLAGS", 1112),
    ("CS_XBS5_LPBIG_OFFBIG_LDFLAGS", 1113),
    ("CS_XBS5_LPBIG_OFFBIG_LIBS", 1114),
    ("CS_XBS5_LPBIG_OFFBIG_LINTFLAGS", 1115),
];

const STATVFS_FIELDS: [&str; 11] = [
    "f_bsize",
    "f_frsize",
    "f_blocks",
    "f_bfree",
    "f_bavail",
    "f_files",
    "f_ffree",
    "f_favail",
    "f_flag",
    "f_namemax",
    "f_fsid",
];

crate::interp_static! {
    static STATVFS_RESULT: OnceCell<Value> = const { OnceCell::new() };
}

fn statvfs_type() -> Value {
    STATVFS_RESULT
        .with(|t| t.get_or_init(|| structseq::new_type("os", "statvfs_result", &STATVFS_FIELDS, 10)).clone())
}

/// Adds the functions, constants, name tables and `statvfs_result`.
pub fn install(md: &Value, d: &Value) {
    super::native::add_functions(md, d, FUNCTIONS);
    for (name, v) in CONSTANTS {
        dict::set_str(d, name, int::from_i64(*v));
    }
    for (key, table) in [("pathconf_names", PATHCONF_NAMES), ("confstr_names", CONFSTR_NAMES)] {
        let names = dict::new_dict();
        for (name, v) in table {
            dict::set_str(&names, name, int::from_i64(*v));
        }
        dict::set_str(d, key, names);
    }
    dict::set_str(d, "statvfs_result", statvfs_type());
}

// ---------------------------------------------------------------- helpers

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn posix_error() -> crate::exceptions::PyErr {
    from_errno(errno(), None, None)
}

/// A C result: -1 becomes the errno's OSError.
fn check(r: i64) -> PyResult<i64> {
    if r < 0 {
        Err(posix_error())
    } else {
        Ok(r)
    }
}

/// Runs a system call again after EINTR once the signal handlers ran
/// without raising (PEP 475).
fn retrying(mut call: impl FnMut() -> i64) -> PyResult<i64> {
    loop {
        let r = call();
        if r >= 0 || errno() != libc::EINTR {
            return check(r);
        }
        crate::signals::check()?;
    }
}

/// A descriptor given as an int or an object with `fileno()`
/// (CPython's `fildes` converter).
fn fildes_arg(v: &Value) -> PyResult<i32> {
    if int::is_int(v) {
        return fd_arg(v);
    }
    match crate::attr::getattr_opt(v, &pystr::intern("fileno"))? {
        Some(f) => fd_arg(&crate::call::call(&f, &[], &[])?),
        None => Err(exc::type_error("argument must be an int, or have a fileno() method.")),
    }
}

/// A positional-only call's arguments (after the module).
fn positional<'a>(fname: &str, args: &'a [Value], n: usize) -> PyResult<&'a [Value]> {
    crate::objects::check_args(fname, args, n + 1, n + 1)?;
    Ok(&args[1..])
}

/// An optional offset (`None` means "the file position").
fn offset_arg(v: &Option<Value>) -> PyResult<Option<i64>> {
    match super::native::given(v) {
        Some(v) => Ok(Some(int_arg(v, "")?)),
        None => Ok(None),
    }
}

fn size_arg(v: &Value) -> PyResult<usize> {
    let n = int_arg(v, "")?;
    usize::try_from(n).map_err(|_| exc::value_error("negative argument not allowed"))
}

/// A zero-filled buffer of `n` bytes, or MemoryError.
fn buffer_of(n: usize) -> PyResult<Vec<u8>> {
    let mut buf = Vec::new();
    buf.try_reserve_exact(n).map_err(|_| exc::memory_error(""))?;
    buf.resize(n, 0);
    Ok(buf)
}

// ---------------------------------------------------------------- ownership, sync

/// `fchown(fd, uid, gid)`.
fn posix_fchown(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("fchown", args, kwnames, &["fd", "uid", "gid"], 3, 3)?;
    let fd = fd_arg(req(&a[0]))?;
    let (uid, gid) = (id_arg(req(&a[1]), "uid")?, id_arg(req(&a[2]), "gid")?);
    // SAFETY: a plain system call on integers.
    retrying(|| unsafe { libc::fchown(fd, uid, gid) } as i64)?;
    Ok(none())
}

/// `fchmod(fd, mode)`.
fn posix_fchmod(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("fchmod", args, kwnames, &["fd", "mode"], 2, 2)?;
    let fd = fd_arg(req(&a[0]))?;
    let mode = int_arg(req(&a[1]), "")? as u32;
    // SAFETY: a plain system call on integers.
    retrying(|| unsafe { libc::fchmod(fd, mode) } as i64)?;
    Ok(none())
}

/// `fdatasync(fd)`: an int or an object with `fileno()`.
fn posix_fdatasync(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("fdatasync", args, kwnames, &["fd"], 1, 1)?;
    let fd = fildes_arg(req(&a[0]))?;
    // SAFETY: a plain system call on an integer.
    retrying(|| allow_threads(|| unsafe { libc::fdatasync(fd) }) as i64)?;
    Ok(none())
}

fn posix_sync(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("sync", args, 0)?;
    // SAFETY: sync has no arguments and cannot fail.
    allow_threads(|| unsafe { libc::sync() });
    Ok(none())
}

// ---------------------------------------------------------------- file-system facts

fn statvfs_value(st: &libc::statvfs) -> PyResult<Value> {
    let u = |n: u64| int::from_bigint(n.into());
    let values = vec![
        u(st.f_bsize),
        u(st.f_frsize),
        u(st.f_blocks),
        u(st.f_bfree),
        u(st.f_bavail),
        u(st.f_files),
        u(st.f_ffree),
        u(st.f_favail),
        u(st.f_flag),
        u(st.f_namemax),
        u(st.f_fsid),
    ];
    structseq::new_instance(&statvfs_type(), values)
}

/// `statvfs(path)`: a path or a descriptor.
fn posix_statvfs(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("statvfs", args, kwnames, &["path"], 1, 1)?;
    let t = path_conv("statvfs", "path", req(&a[0]), true, false)?;
    // SAFETY: statvfs is plain old data; zeroed is a valid value.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    let ptr = &mut st as *mut libc::statvfs as usize;
    let r = match &t {
        // SAFETY: `st` is writable and outlives the call.
        Target::Fd(fd) => allow_threads(|| unsafe { libc::fstatvfs(*fd, ptr as *mut libc::statvfs) }),
        Target::Path(p) => {
            let c = c_path(p);
            // SAFETY: `c` is NUL-terminated; `st` is writable; both outlive the call.
            allow_threads(|| unsafe { libc::statvfs(c.as_ptr(), ptr as *mut libc::statvfs) })
        }
    };
    if r < 0 {
        return Err(target_error(errno(), &t));
    }
    statvfs_value(&st)
}

/// `fstatvfs(fd, /)`.
fn posix_fstatvfs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("fstatvfs", args, 1)?;
    let fd = fd_arg(&a[0])?;
    // SAFETY: statvfs is plain old data; zeroed is a valid value.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    let ptr = &mut st as *mut libc::statvfs as usize;
    // SAFETY: `st` is writable and outlives the call.
    retrying(|| allow_threads(|| unsafe { libc::fstatvfs(fd, ptr as *mut libc::statvfs) }) as i64)?;
    statvfs_value(&st)
}

/// A configuration name: a key of `table` or its number.
fn conf_name(v: &Value, table: &[(&str, i64)]) -> PyResult<i32> {
    if int::is_int(v) {
        return Ok(int_arg(v, "")? as i32);
    }
    let Some(s) = pystr::as_str(v) else {
        return Err(exc::type_error("configuration names must be strings or integers"));
    };
    table
        .iter()
        .find(|(n, _)| *n == s)
        .map(|(_, code)| *code as i32)
        .ok_or_else(|| exc::value_error("unrecognized configuration name"))
}

/// `pathconf(path, name)`: -1 without an errno is a valid answer.
fn posix_pathconf(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("pathconf", args, kwnames, &["path", "name"], 2, 2)?;
    let t = path_conv("pathconf", "path", req(&a[0]), true, false)?;
    let name = conf_name(req(&a[1]), PATHCONF_NAMES)?;
    // SAFETY: errno is thread-local; clearing it tells -1 answers from errors.
    unsafe { *libc::__errno_location() = 0 };
    let r = match &t {
        // SAFETY: a plain library call on integers.
        Target::Fd(fd) => unsafe { libc::fpathconf(*fd, name) },
        Target::Path(p) => {
            let c = c_path(p);
            // SAFETY: `c` is NUL-terminated and outlives the call.
            unsafe { libc::pathconf(c.as_ptr(), name) }
        }
    };
    if r == -1 && errno() != 0 {
        return Err(target_error(errno(), &t));
    }
    Ok(int::from_i64(r))
}

/// `fpathconf(fd, name, /)`.
fn posix_fpathconf(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("fpathconf", args, 2)?;
    let fd = fildes_arg(&a[0])?;
    let name = conf_name(&a[1], PATHCONF_NAMES)?;
    // SAFETY: errno is thread-local; clearing it tells -1 answers from errors.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: a plain library call on integers.
    let r = unsafe { libc::fpathconf(fd, name) };
    if r == -1 && errno() != 0 {
        return Err(posix_error());
    }
    Ok(int::from_i64(r))
}

/// `confstr(name, /)`: the string, or None when the name has no value.
fn posix_confstr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("confstr", args, 1)?;
    let name = conf_name(&a[0], CONFSTR_NAMES)?;
    // SAFETY: errno is thread-local; clearing it tells "no value" from errors.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: a NULL buffer of length 0 asks for the needed size.
    let n = unsafe { libc::confstr(name, std::ptr::null_mut(), 0) };
    if n == 0 {
        return if errno() != 0 { Err(posix_error()) } else { Ok(none()) };
    }
    let mut buf = vec![0u8; n];
    // SAFETY: `buf` has `n` writable bytes.
    unsafe { libc::confstr(name, buf.as_mut_ptr().cast(), n) };
    buf.truncate(n - 1);
    Ok(decode_fs(&buf, false))
}

// ---------------------------------------------------------------- device numbers

fn device_part(fname: &str, args: &[Value], part: fn(libc::dev_t) -> i64) -> PyResult<Value> {
    let a = positional(fname, args, 1)?;
    Ok(int::from_i64(part(dev_arg(&a[0])?)))
}

/// `makedev(major, minor, /)`.
fn posix_makedev(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("makedev", args, 2)?;
    let (major, minor) = (int_arg(&a[0], "")?, int_arg(&a[1], "")?);
    let (Ok(major), Ok(minor)) = (u32::try_from(major), u32::try_from(minor)) else {
        return Err(exc::overflow_error("Python int too large to convert to C unsigned int"));
    };
    Ok(int::from_bigint(libc::makedev(major, minor).into()))
}

// ---------------------------------------------------------------- positioned and vectored I/O

/// `pread(fd, length, offset, /)`.
fn posix_pread(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("pread", args, 3)?;
    let fd = fd_arg(&a[0])?;
    let n = int_arg(&a[1], "")?;
    let offset = int_arg(&a[2], "")?;
    let n = usize::try_from(n).map_err(|_| from_errno(libc::EINVAL, None, None))?;
    let mut buf = buffer_of(n)?;
    let ptr = buf.as_mut_ptr() as usize;
    // SAFETY: `buf` has `n` writable bytes and outlives the call.
    let got = retrying(|| {
        allow_threads(|| unsafe { libc::pread(fd, ptr as *mut libc::c_void, n, offset) }) as i64
    })?;
    buf.truncate(got as usize);
    Ok(bytes::new(buf))
}

/// `pwrite(fd, buffer, offset, /)`.
fn posix_pwrite(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("pwrite", args, 3)?;
    let fd = fd_arg(&a[0])?;
    let data = buffer_arg(&a[1], "pwrite")?;
    let offset = int_arg(&a[2], "")?;
    let ptr = data.as_ptr() as usize;
    let len = data.len();
    // SAFETY: `data` is readable for `len` bytes during the call.
    let n = retrying(|| {
        allow_threads(|| unsafe { libc::pwrite(fd, ptr as *const libc::c_void, len, offset) }) as i64
    })?;
    Ok(int::from_i64(n))
}

/// The items of a sequence argument (list or tuple, else iterated).
fn sequence_items(v: &Value, fname: &str) -> PyResult<Vec<Value>> {
    if let Some(items) = tuple::items(v) {
        return Ok(items.to_vec());
    }
    if let Some(items) = list::snapshot(v) {
        return Ok(items);
    }
    Err(exc::type_error(format!("{fname}() arg 2 must be a sequence")))
}

/// `readv(fd, buffers, /)`: fills the bytearrays in turn; returns the
/// number of bytes read.
fn posix_readv(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("readv", args, 2)?;
    let fd = fd_arg(&a[0])?;
    let targets = sequence_items(&a[1], "readv")?;
    let mut sizes = Vec::with_capacity(targets.len());
    for t in &targets {
        match crate::objects::bytearray::data(t) {
            Some(b) => sizes.push(b.0.borrow().len()),
            None if bytes::as_bytes(t).is_some() => {
                return Err(exc::with_msg(
                    &crate::runtime::rt().exc.buffer_error,
                    "Object is not writable.".to_string(),
                ))
            }
            None => {
                return Err(exc::type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(t)
                )))
            }
        }
    }
    let mut buf = buffer_of(sizes.iter().sum())?;
    let (ptr, len) = (buf.as_mut_ptr() as usize, buf.len());
    // SAFETY: `buf` has `len` writable bytes and outlives the call.
    let got = retrying(|| allow_threads(|| unsafe { libc::read(fd, ptr as *mut libc::c_void, len) }) as i64)?
        as usize;
    let mut at = 0;
    for (t, size) in targets.iter().zip(sizes) {
        let take = size.min(got - at);
        if let Some(b) = crate::objects::bytearray::data(t) {
            b.0.borrow_mut()[..take].copy_from_slice(&buf[at..at + take]);
        }
        at += take;
    }
    buf.clear();
    Ok(int::from_usize(got))
}

/// `writev(fd, buffers, /)`: returns the number of bytes written.
fn posix_writev(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("writev", args, 2)?;
    let fd = fd_arg(&a[0])?;
    let parts = sequence_items(&a[1], "writev")?
        .iter()
        .map(|v| buffer_arg(v, "writev"))
        .collect::<PyResult<Vec<_>>>()?;
    let iov: Vec<libc::iovec> = parts
        .iter()
        .map(|p| libc::iovec { iov_base: p.as_ptr() as *mut libc::c_void, iov_len: p.len() })
        .collect();
    let (ptr, n) = (iov.as_ptr() as usize, iov.len() as i32);
    // SAFETY: every iovec points into `parts`, which outlives the call.
    let w = retrying(|| allow_threads(|| unsafe { libc::writev(fd, ptr as *const libc::iovec, n) }) as i64)?;
    Ok(int::from_i64(w))
}

// ---------------------------------------------------------------- in-kernel copies

/// `sendfile(out_fd, in_fd, offset, count)`: `offset` None uses and moves
/// the input's file position.
fn posix_sendfile(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("sendfile", args, kwnames, &["out_fd", "in_fd", "offset", "count"], 4, 4)?;
    let (out_fd, in_fd) = (fd_arg(req(&a[0]))?, fd_arg(req(&a[1]))?);
    let offset = offset_arg(&a[2])?;
    let count = size_arg(req(&a[3]))?;
    let mut off = offset.unwrap_or(0);
    let off_ptr = if offset.is_some() { &mut off as *mut i64 as usize } else { 0 };
    // SAFETY: `off_ptr` is NULL or points at `off`, which outlives the call.
    let n = retrying(|| {
        allow_threads(|| unsafe { libc::sendfile(out_fd, in_fd, off_ptr as *mut i64, count) }) as i64
    })?;
    Ok(int::from_i64(n))
}

/// `copy_file_range(src, dst, count, offset_src=None, offset_dst=None)`.
fn posix_copy_file_range(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["src", "dst", "count", "offset_src", "offset_dst"];
    let a = parse("copy_file_range", args, kwnames, &names, 3, 5)?;
    let (src, dst) = (fd_arg(req(&a[0]))?, fd_arg(req(&a[1]))?);
    let count = size_arg(req(&a[2]))?;
    let (os, od) = (offset_arg(&a[3])?, offset_arg(&a[4])?);
    let (mut s, mut d) = (os.unwrap_or(0), od.unwrap_or(0));
    let sp = if os.is_some() { &mut s as *mut i64 as usize } else { 0 };
    let dp = if od.is_some() { &mut d as *mut i64 as usize } else { 0 };
    // SAFETY: the offset pointers are NULL or point at locals that outlive the call.
    let n = retrying(|| {
        allow_threads(|| unsafe { libc::copy_file_range(src, sp as *mut i64, dst, dp as *mut i64, count, 0) })
            as i64
    })?;
    Ok(int::from_i64(n))
}

/// `splice(src, dst, count, offset_src=None, offset_dst=None, flags=0)`.
fn posix_splice(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["src", "dst", "count", "offset_src", "offset_dst", "flags"];
    let a = parse("splice", args, kwnames, &names, 3, 6)?;
    let (src, dst) = (fd_arg(req(&a[0]))?, fd_arg(req(&a[1]))?);
    let count = size_arg(req(&a[2]))?;
    let (os, od) = (offset_arg(&a[3])?, offset_arg(&a[4])?);
    let flags = match &a[5] {
        Some(v) => int_arg(v, "")? as u32,
        None => 0,
    };
    let (mut s, mut d) = (os.unwrap_or(0), od.unwrap_or(0));
    let sp = if os.is_some() { &mut s as *mut i64 as usize } else { 0 };
    let dp = if od.is_some() { &mut d as *mut i64 as usize } else { 0 };
    // SAFETY: the offset pointers are NULL or point at locals that outlive the call.
    let n = retrying(|| {
        allow_threads(|| unsafe { libc::splice(src, sp as *mut i64, dst, dp as *mut i64, count, flags) })
            as i64
    })?;
    Ok(int::from_i64(n))
}

// ---------------------------------------------------------------- advice and locks

/// A call that returns an errno instead of setting it (`posix_fadvise`,
/// `posix_fallocate`), retried on EINTR.
fn errno_returning(mut call: impl FnMut() -> i32) -> PyResult<Value> {
    loop {
        match call() {
            0 => return Ok(none()),
            libc::EINTR => crate::signals::check()?,
            e => return Err(from_errno(e, None, None)),
        }
    }
}

/// `posix_fadvise(fd, offset, length, advice, /)`.
fn posix_fadvise(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("posix_fadvise", args, 4)?;
    let fd = fd_arg(&a[0])?;
    let (off, len, advice) = (int_arg(&a[1], "")?, int_arg(&a[2], "")?, int_arg(&a[3], "")? as i32);
    // SAFETY: a plain system call on integers.
    errno_returning(|| allow_threads(|| unsafe { libc::posix_fadvise(fd, off, len, advice) }))
}

/// `posix_fallocate(fd, offset, length, /)`.
fn posix_fallocate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("posix_fallocate", args, 3)?;
    let fd = fd_arg(&a[0])?;
    let (off, len) = (int_arg(&a[1], "")?, int_arg(&a[2], "")?);
    // SAFETY: a plain system call on integers.
    errno_returning(|| allow_threads(|| unsafe { libc::posix_fallocate(fd, off, len) }))
}

/// `lockf(fd, command, length, /)`.
fn posix_lockf(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("lockf", args, 3)?;
    let fd = fd_arg(&a[0])?;
    let (cmd, len) = (int_arg(&a[1], "")? as i32, int_arg(&a[2], "")?);
    // SAFETY: a plain library call on integers.
    check(allow_threads(|| unsafe { libc::lockf(fd, cmd, len) }) as i64)?;
    Ok(none())
}

// ---------------------------------------------------------------- extended attributes

/// The attribute-name argument (a path-like, never a descriptor).
fn attribute_arg(fname: &str, v: &Value) -> PyResult<CString> {
    Ok(c_path(&path_only(fname, "attribute", v)?))
}

/// Calls `with_size(buffer)` with growing buffers until the value fits
/// (as CPython, up to `XATTR_SIZE_MAX`); returns the filled part.
fn grow_until_fits(mut with_size: impl FnMut(&mut [u8]) -> isize) -> Result<Vec<u8>, i32> {
    for size in [128usize, 4096, 65536] {
        let mut buf = vec![0u8; size];
        let n = with_size(&mut buf);
        if n >= 0 {
            buf.truncate(n as usize);
            return Ok(buf);
        }
        let e = errno();
        if e != libc::ERANGE || size == 65536 {
            return Err(e);
        }
    }
    Err(libc::ERANGE)
}

/// `getxattr(path, attribute, *, follow_symlinks=True)`.
fn posix_getxattr(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("getxattr", args, kwnames, &["path", "attribute", "follow_symlinks"], 2, 2)?;
    let t = path_conv("getxattr", "path", req(&a[0]), true, false)?;
    let attr = attribute_arg("getxattr", req(&a[1]))?;
    let follow = flag_arg(&a[2], true)?;
    xattr_fd_check("getxattr", &t, follow)?;
    let r = grow_until_fits(|buf| {
        let (b, n) = (buf.as_mut_ptr().cast(), buf.len());
        // SAFETY: the names are NUL-terminated; `buf` has `n` writable bytes.
        unsafe {
            match &t {
                Target::Fd(fd) => libc::fgetxattr(*fd, attr.as_ptr(), b, n),
                Target::Path(p) if follow => libc::getxattr(c_path(p).as_ptr(), attr.as_ptr(), b, n),
                Target::Path(p) => libc::lgetxattr(c_path(p).as_ptr(), attr.as_ptr(), b, n),
            }
        }
    });
    Ok(bytes::new(r.map_err(|e| target_error(e, &t))?))
}

/// `setxattr(path, attribute, value, flags=0, *, follow_symlinks=True)`.
fn posix_setxattr(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["path", "attribute", "value", "flags", "follow_symlinks"];
    let a = parse("setxattr", args, kwnames, &names, 3, 4)?;
    let t = path_conv("setxattr", "path", req(&a[0]), true, false)?;
    let attr = attribute_arg("setxattr", req(&a[1]))?;
    let value = buffer_arg(req(&a[2]), "setxattr")?;
    let flags = match &a[3] {
        Some(v) => int_arg(v, "")? as i32,
        None => 0,
    };
    let follow = flag_arg(&a[4], true)?;
    xattr_fd_check("setxattr", &t, follow)?;
    let (v, n) = (value.as_ptr().cast(), value.len());
    // SAFETY: the names are NUL-terminated; `value` is readable for `n` bytes.
    let r = unsafe {
        match &t {
            Target::Fd(fd) => libc::fsetxattr(*fd, attr.as_ptr(), v, n, flags),
            Target::Path(p) if follow => libc::setxattr(c_path(p).as_ptr(), attr.as_ptr(), v, n, flags),
            Target::Path(p) => libc::lsetxattr(c_path(p).as_ptr(), attr.as_ptr(), v, n, flags),
        }
    };
    if r < 0 {
        return Err(target_error(errno(), &t));
    }
    Ok(none())
}

/// `removexattr(path, attribute, *, follow_symlinks=True)`.
fn posix_removexattr(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("removexattr", args, kwnames, &["path", "attribute", "follow_symlinks"], 2, 2)?;
    let t = path_conv("removexattr", "path", req(&a[0]), true, false)?;
    let attr = attribute_arg("removexattr", req(&a[1]))?;
    let follow = flag_arg(&a[2], true)?;
    xattr_fd_check("removexattr", &t, follow)?;
    // SAFETY: the names are NUL-terminated and outlive the call.
    let r = unsafe {
        match &t {
            Target::Fd(fd) => libc::fremovexattr(*fd, attr.as_ptr()),
            Target::Path(p) if follow => libc::removexattr(c_path(p).as_ptr(), attr.as_ptr()),
            Target::Path(p) => libc::lremovexattr(c_path(p).as_ptr(), attr.as_ptr()),
        }
    };
    if r < 0 {
        return Err(target_error(errno(), &t));
    }
    Ok(none())
}

/// `listxattr(path=None, *, follow_symlinks=True)`: the names as str.
fn posix_listxattr(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("listxattr", args, kwnames, &["path", "follow_symlinks"], 0, 1)?;
    let t = super::posix_at::dir_target("listxattr", &a[0])?;
    let follow = flag_arg(&a[1], true)?;
    xattr_fd_check("listxattr", &t, follow)?;
    let r = grow_until_fits(|buf| {
        let (b, n) = (buf.as_mut_ptr().cast(), buf.len());
        // SAFETY: the path is NUL-terminated; `buf` has `n` writable bytes.
        unsafe {
            match &t {
                Target::Fd(fd) => libc::flistxattr(*fd, b, n),
                Target::Path(p) if follow => libc::listxattr(c_path(p).as_ptr(), b, n),
                Target::Path(p) => libc::llistxattr(c_path(p).as_ptr(), b, n),
            }
        }
    });
    let raw = r.map_err(|e| target_error(e, &t))?;
    let names = raw.split(|c| *c == 0).filter(|n| !n.is_empty()).map(|n| decode_fs(n, false)).collect();
    Ok(list::new(names))
}

fn xattr_fd_check(fname: &str, t: &Target, follow: bool) -> PyResult<()> {
    if matches!(t, Target::Fd(_)) && !follow {
        return Err(exc::value_error(format!("{fname}: cannot use fd and follow_symlinks together")));
    }
    Ok(())
}

// ---------------------------------------------------------------- special descriptors

/// `eventfd(initval, flags=EFD_CLOEXEC)`.
fn posix_eventfd(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("eventfd", args, kwnames, &["initval", "flags"], 1, 2)?;
    let initval = int_arg(req(&a[0]), "")?;
    let initval = u32::try_from(initval)
        .map_err(|_| exc::overflow_error("Python int too large to convert to C unsigned int"))?;
    let flags = match &a[1] {
        Some(v) => int_arg(v, "")? as i32,
        None => libc::EFD_CLOEXEC,
    };
    // SAFETY: a plain system call on integers.
    let fd = check(unsafe { libc::eventfd(initval, flags) } as i64)?;
    Ok(int::from_i64(fd))
}

/// `eventfd_read(fd)`: the counter's value.
fn posix_eventfd_read(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("eventfd_read", args, kwnames, &["fd"], 1, 1)?;
    let fd = fd_arg(req(&a[0]))?;
    let mut value: u64 = 0;
    let ptr = &mut value as *mut u64 as usize;
    // SAFETY: `value` is 8 writable bytes that outlive the call.
    retrying(|| allow_threads(|| unsafe { libc::read(fd, ptr as *mut libc::c_void, 8) }) as i64)?;
    Ok(int::from_bigint(value.into()))
}

/// `eventfd_write(fd, value)`.
fn posix_eventfd_write(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("eventfd_write", args, kwnames, &["fd", "value"], 2, 2)?;
    let fd = fd_arg(req(&a[0]))?;
    let n = int::to_bigint(&int::index(req(&a[1]))?).unwrap_or_default();
    let value = u64::try_from(&n)
        .map_err(|_| exc::overflow_error("Python int too large to convert to C unsigned long"))?;
    let ptr = &value as *const u64 as usize;
    // SAFETY: `value` is 8 readable bytes that outlive the call.
    retrying(|| allow_threads(|| unsafe { libc::write(fd, ptr as *const libc::c_void, 8) }) as i64)?;
    Ok(none())
}

/// `memfd_create(name, flags=MFD_CLOEXEC)`.
fn posix_memfd_create(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("memfd_create", args, kwnames, &["name", "flags"], 1, 2)?;
    let name = c_path(&path_only("memfd_create", "name", req(&a[0]))?);
    let flags = match &a[1] {
        Some(v) => int_arg(v, "")? as u32,
        None => libc::MFD_CLOEXEC,
    };
    // SAFETY: `name` is NUL-terminated and outlives the call.
    let fd = check(unsafe { libc::memfd_create(name.as_ptr(), flags) } as i64)?;
    Ok(int::from_i64(fd))
}

/// `getrandom(size, flags=0)`.
fn posix_getrandom(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("getrandom", args, kwnames, &["size", "flags"], 1, 2)?;
    let size = usize::try_from(int_arg(req(&a[0]), "")?).map_err(|_| from_errno(libc::EINVAL, None, None))?;
    let flags = match &a[1] {
        Some(v) => int_arg(v, "")? as u32,
        None => 0,
    };
    let mut buf = buffer_of(size)?;
    let ptr = buf.as_mut_ptr() as usize;
    // SAFETY: `buf` has `size` writable bytes and outlives the call.
    let n = retrying(|| {
        allow_threads(|| unsafe { libc::getrandom(ptr as *mut libc::c_void, size, flags) }) as i64
    })?;
    buf.truncate(n as usize);
    Ok(bytes::new(buf))
}
