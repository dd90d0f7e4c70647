//! `_posixsubprocess` (CPython's `_posixsubprocess.c`): `fork_exec`, the
//! fork-and-exec behind `subprocess.Popen` on POSIX, with CPython 3.11's
//! 23 arguments.
//!
//! Everything the child needs (argv, the executables to try, the
//! environment, the directory) is converted to C data before the fork;
//! the child then makes only async-signal-safe system calls — except for
//! `preexec_fn`, Python code that runs in the child as in CPython — and
//! reports a failure through `errpipe_write` in CPython's format
//! (`OSError:<hex errno>:` plus `noexec` when exec was never reached, or
//! `SubprocessError:0:<message>`), which `subprocess.py` turns into the
//! exception.

use std::ffi::CString;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, int_arg};
use taipan_vm::modules::posix::{self, Target};
use taipan_vm::modules::posix_process as process;
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{bytes, int, list, m, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

const FUNCTIONS: &[Method] = &[m("fork_exec", fork_exec)];

/// Builds the `_posixsubprocess` module.
pub fn module() -> PyResult<Value> {
    let (md, _) = native::new_module("_posixsubprocess", FUNCTIONS);
    Ok(md)
}

/// The child's descriptors and settings, plain data (no `Value`).
struct ChildSetup {
    p2cread: i32,
    p2cwrite: i32,
    c2pread: i32,
    c2pwrite: i32,
    errread: i32,
    errwrite: i32,
    errpipe_read: i32,
    errpipe_write: i32,
    close_fds: bool,
    fds_to_keep: Vec<i32>,
    restore_signals: bool,
    call_setsid: bool,
    pgid_to_set: i32,
    gid: Option<libc::gid_t>,
    extra_groups: Option<Vec<libc::gid_t>>,
    uid: Option<libc::uid_t>,
    child_umask: i32,
}

/// The C strings for exec, with their NULL-terminated pointer arrays.
struct ExecData {
    _strings: Vec<CString>,
    argv: Vec<*const libc::c_char>,
    executables: Vec<*const libc::c_char>,
    envp: Option<Vec<*const libc::c_char>>,
    cwd: Option<CString>,
}

/// `fork_exec(args, executable_list, close_fds, fds_to_keep, cwd, env_list,
/// p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read,
/// errpipe_write, restore_signals, call_setsid, pgid_to_set, gid,
/// extra_groups, uid, child_umask, preexec_fn, allow_vfork)` → the pid.
fn fork_exec(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = &args[1..];
    if a.len() != 23 {
        return Err(exc::type_error(format!("fork_exec() takes exactly 23 arguments ({} given)", a.len())));
    }
    let setup = child_setup(a)?;
    if setup.close_fds && setup.errpipe_write < 3 {
        return Err(exc::value_error("errpipe_write must be >= 3"));
    }
    let data = exec_data(&a[0], &a[1], &a[4], &a[5])?;
    let preexec_fn = Some(&a[21]).filter(|f| !f.is(&rt().none)).cloned();
    if preexec_fn.is_some() {
        process::before_fork();
    }
    // SAFETY: the child only makes async-signal-safe calls on data prepared
    // above (and runs preexec_fn, which the caller asked for), then execs or
    // exits with _exit.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        if preexec_fn.is_some() {
            process::after_fork_child();
        }
        child(&setup, &data, preexec_fn.as_ref());
    }
    let err = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    if preexec_fn.is_some() {
        process::after_fork_parent();
    }
    if pid < 0 {
        return Err(from_errno(err, None, None));
    }
    Ok(int::from_i64(pid as i64))
}

fn bool_arg(v: &Value) -> PyResult<bool> {
    taipan_vm::ops::truthy(v)
}

fn i32_arg(v: &Value) -> PyResult<i32> {
    let n = int_arg(v, "")?;
    i32::try_from(n).map_err(|_| exc::overflow_error("signed integer is greater than maximum"))
}

/// An id argument: None for "leave as is", else a non-negative C id.
fn id_arg(v: &Value) -> PyResult<Option<u32>> {
    if v.is(&rt().none) {
        return Ok(None);
    }
    let n = int_arg(v, "")?;
    u32::try_from(n).map(Some).map_err(|_| exc::overflow_error("uid/gid is out of range"))
}

fn child_setup(a: &[Value]) -> PyResult<ChildSetup> {
    let fds = |i: usize| i32_arg(&a[i]);
    Ok(ChildSetup {
        close_fds: bool_arg(&a[2])?,
        fds_to_keep: fds_to_keep(&a[3])?,
        p2cread: fds(6)?,
        p2cwrite: fds(7)?,
        c2pread: fds(8)?,
        c2pwrite: fds(9)?,
        errread: fds(10)?,
        errwrite: fds(11)?,
        errpipe_read: fds(12)?,
        errpipe_write: fds(13)?,
        restore_signals: bool_arg(&a[14])?,
        call_setsid: bool_arg(&a[15])?,
        pgid_to_set: fds(16)?,
        gid: id_arg(&a[17])?,
        extra_groups: extra_groups(&a[18])?,
        uid: id_arg(&a[19])?,
        child_umask: fds(20)?,
    })
}

/// `fds_to_keep`: a tuple of distinct non-negative ints in ascending order.
fn fds_to_keep(v: &Value) -> PyResult<Vec<i32>> {
    let Some(items) = tuple::items(v) else {
        return Err(exc::type_error(format!("fork_exec() argument 4 must be tuple, not {}", type_name(v))));
    };
    let bad = || exc::value_error("bad value(s) in fds_to_keep");
    let mut out: Vec<i32> = Vec::with_capacity(items.len());
    for item in items {
        if !int::is_int(item) {
            return Err(bad());
        }
        let fd = int::to_i64(item).and_then(|n| i32::try_from(n).ok()).ok_or_else(bad)?;
        if fd < 0 || out.last().is_some_and(|&prev| prev >= fd) {
            return Err(bad());
        }
        out.push(fd);
    }
    Ok(out)
}

fn extra_groups(v: &Value) -> PyResult<Option<Vec<libc::gid_t>>> {
    if v.is(&rt().none) {
        return Ok(None);
    }
    let items = match (tuple::items(v), list::snapshot(v)) {
        (Some(t), _) => t.to_vec(),
        (None, Some(l)) => l,
        _ => return Err(exc::type_error("setgroups argument must be a sequence")),
    };
    let mut out = Vec::with_capacity(items.len());
    for g in &items {
        out.push(id_arg(g)?.ok_or_else(|| exc::type_error("an integer is required"))?);
    }
    Ok(Some(out))
}

/// A path-like argument as a C string (`PyUnicode_FSConverter`).
fn fs_c_string(v: &Value, what: &str) -> PyResult<CString> {
    let p = match posix::path_arg("fork_exec", what, v, false)? {
        Target::Path(p) => p.bytes,
        Target::Fd(_) => return Err(exc::type_error("expected str, bytes or os.PathLike object")),
    };
    CString::new(p).map_err(|_| exc::value_error("embedded null byte"))
}

/// The items of a sequence argument (tuple or list), or a TypeError.
fn sequence(v: &Value, message: &str) -> PyResult<Vec<Value>> {
    match (tuple::items(v), list::snapshot(v)) {
        (Some(t), _) => Ok(t.to_vec()),
        (None, Some(l)) => Ok(l),
        _ => Err(exc::type_error(message.to_string())),
    }
}

fn exec_data(args: &Value, executables: &Value, cwd: &Value, env: &Value) -> PyResult<ExecData> {
    let mut strings = Vec::new();
    let pointers = |list: Vec<CString>, strings: &mut Vec<CString>| {
        let mut ptrs: Vec<*const libc::c_char> = list.iter().map(|s| s.as_ptr()).collect();
        ptrs.push(std::ptr::null());
        strings.extend(list);
        ptrs
    };
    let argv = match args.is(&rt().none) {
        true => Vec::new(),
        false => sequence(args, "argv must be a tuple")?
            .iter()
            .map(|v| fs_c_string(v, "args"))
            .collect::<PyResult<_>>()?,
    };
    let exe = sequence(executables, "expected a sequence")?
        .iter()
        .map(|v| fs_c_string(v, "executable"))
        .collect::<PyResult<Vec<_>>>()?;
    let envp = match env.is(&rt().none) {
        true => None,
        false => {
            Some(sequence(env, "expected a sequence")?.iter().map(env_entry).collect::<PyResult<Vec<_>>>()?)
        }
    };
    let cwd = match cwd.is(&rt().none) {
        true => None,
        false => Some(fs_c_string(cwd, "cwd")?),
    };
    let argv = pointers(argv, &mut strings);
    let executables = pointers(exe, &mut strings);
    let envp = envp.map(|e| pointers(e, &mut strings));
    Ok(ExecData { _strings: strings, argv, executables, envp, cwd })
}

/// One `KEY=value` entry of `env_list` (bytes).
fn env_entry(v: &Value) -> PyResult<CString> {
    let Some(b) = bytes::as_bytes(v) else {
        return Err(exc::type_error(format!("expected bytes, {} found", type_name(v))));
    };
    CString::new(b.to_vec()).map_err(|_| exc::value_error("embedded null byte"))
}

// ---------------------------------------------------------------- the child

/// Where the child failed: the errno and whether exec was reached.
enum Failure {
    Os { errno: i32, reached_exec: bool },
    Preexec,
}

/// The child after the fork: sets up descriptors and process state,
/// execs, and on failure reports to the parent and exits with 255.
fn child(s: &ChildSetup, d: &ExecData, preexec_fn: Option<&Value>) -> ! {
    let failure = match prepare_child(s, d) {
        Err(errno) => Failure::Os { errno, reached_exec: false },
        Ok(()) => match run_preexec(preexec_fn) {
            false => Failure::Preexec,
            true => {
                if s.close_fds {
                    close_open_fds(&s.fds_to_keep);
                }
                Failure::Os { errno: exec_all(d), reached_exec: true }
            }
        },
    };
    report(s.errpipe_write, &failure);
    // SAFETY: _exit ends the child at once; it is async-signal-safe.
    unsafe { libc::_exit(255) }
}

/// The last errno as an error.
fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// A system call's result: `Err(errno)` when negative.
fn posix_call(r: i32) -> Result<i32, i32> {
    if r < 0 {
        Err(errno())
    } else {
        Ok(r)
    }
}

/// Sets or clears `FD_CLOEXEC` without allocating.
fn set_inheritable(fd: i32, inheritable: bool) -> Result<(), i32> {
    // SAFETY: plain fcntl calls on integers.
    let flags = posix_call(unsafe { libc::fcntl(fd, libc::F_GETFD) })?;
    let new = if inheritable { flags & !libc::FD_CLOEXEC } else { flags | libc::FD_CLOEXEC };
    if new != flags {
        // SAFETY: as above.
        posix_call(unsafe { libc::fcntl(fd, libc::F_SETFD, new) })?;
    }
    Ok(())
}

/// Duplicates `fd` onto `target` (0, 1 or 2); when they are equal, only
/// clears close-on-exec (dup2 would be a no-op).
fn install_std_fd(fd: i32, target: i32) -> Result<(), i32> {
    if fd == target {
        return set_inheritable(fd, true);
    }
    if fd != -1 {
        // SAFETY: a plain system call on integers.
        posix_call(unsafe { libc::dup2(fd, target) })?;
    }
    Ok(())
}

/// Everything before `preexec_fn`, in CPython's order.
fn prepare_child(s: &ChildSetup, d: &ExecData) -> Result<(), i32> {
    for &fd in &s.fds_to_keep {
        if fd != s.errpipe_write {
            set_inheritable(fd, true)?;
        }
    }
    for fd in [s.p2cwrite, s.c2pread, s.errread, s.errpipe_read] {
        if fd != -1 {
            // SAFETY: closing a descriptor number has no memory-safety effect.
            posix_call(unsafe { libc::close(fd) })?;
        }
    }
    let mut c2pwrite = s.c2pwrite;
    if c2pwrite == 0 {
        // SAFETY: a plain system call on an integer.
        c2pwrite = posix_call(unsafe { libc::dup(c2pwrite) })?;
        set_inheritable(c2pwrite, false)?;
    }
    let mut errwrite = s.errwrite;
    while errwrite == 0 || errwrite == 1 {
        // SAFETY: a plain system call on an integer.
        errwrite = posix_call(unsafe { libc::dup(errwrite) })?;
        set_inheritable(errwrite, false)?;
    }
    install_std_fd(s.p2cread, 0)?;
    install_std_fd(c2pwrite, 1)?;
    install_std_fd(errwrite, 2)?;
    if let Some(cwd) = &d.cwd {
        // SAFETY: `cwd` is a NUL-terminated string prepared before the fork.
        posix_call(unsafe { libc::chdir(cwd.as_ptr()) })?;
    }
    if s.child_umask >= 0 {
        // SAFETY: umask always succeeds.
        unsafe { libc::umask(s.child_umask as libc::mode_t) };
    }
    if s.restore_signals {
        restore_signals();
    }
    process_identity(s)
}

/// `setsid`, `setpgid`, `setgroups`, `setregid`, `setreuid` as asked.
fn process_identity(s: &ChildSetup) -> Result<(), i32> {
    if s.call_setsid {
        // SAFETY: a plain system call without arguments.
        posix_call(unsafe { libc::setsid() })?;
    }
    if s.pgid_to_set >= 0 {
        // SAFETY: a plain system call on integers.
        posix_call(unsafe { libc::setpgid(0, s.pgid_to_set) })?;
    }
    if let Some(groups) = s.extra_groups.as_ref().filter(|g| !g.is_empty()) {
        // SAFETY: `groups` is a slice prepared before the fork.
        posix_call(unsafe { libc::setgroups(groups.len(), groups.as_ptr()) })?;
    }
    if let Some(gid) = s.gid {
        // SAFETY: a plain system call on integers.
        posix_call(unsafe { libc::setregid(gid, gid) })?;
    }
    if let Some(uid) = s.uid {
        // SAFETY: a plain system call on integers.
        posix_call(unsafe { libc::setreuid(uid, uid) })?;
    }
    Ok(())
}

/// SIGPIPE and SIGXFSZ back to their default actions (CPython ignores
/// them in the interpreter; a child expects the defaults).
fn restore_signals() {
    for sig in [libc::SIGPIPE, libc::SIGXFSZ] {
        // SAFETY: installing SIG_DFL has no memory-safety preconditions.
        unsafe { libc::signal(sig, libc::SIG_DFL) };
    }
}

/// Calls `preexec_fn` (if any); false when it raised.
fn run_preexec(preexec_fn: Option<&Value>) -> bool {
    match preexec_fn {
        Some(f) => taipan_vm::call::call(f, &[], &[]).is_ok(),
        None => true,
    }
}

/// Closes every descriptor from 3 up that is not in `keep` (sorted).
fn close_open_fds(keep: &[i32]) {
    let mut start: u32 = 3;
    for &fd in keep {
        let fd = fd as u32;
        if fd < start {
            continue;
        }
        if fd > start {
            process::sys::close_range(start, fd - 1);
        }
        start = fd + 1;
    }
    process::sys::close_range(start, u32::MAX);
}

/// Tries each executable in turn (`os._execvpe`'s PATH search); returns
/// the errno to report: the first that is not ENOENT/ENOTDIR, else the last.
fn exec_all(d: &ExecData) -> i32 {
    let (mut saved, mut last) = (0, 0);
    for &exe in d.executables.iter().take_while(|p| !p.is_null()) {
        // SAFETY: `exe`, `argv` and `envp` are NULL-terminated arrays of C
        // strings prepared before the fork; exec returns only on failure.
        unsafe {
            match &d.envp {
                Some(envp) => libc::execve(exe, d.argv.as_ptr(), envp.as_ptr()),
                None => libc::execv(exe, d.argv.as_ptr()),
            };
        }
        let e = errno();
        last = e;
        if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
            saved = e;
        }
    }
    if saved != 0 {
        saved
    } else {
        last
    }
}

/// Writes all of `data` to `fd`, retrying after EINTR, ignoring errors.
fn write_all(fd: i32, mut data: &[u8]) {
    while !data.is_empty() {
        // SAFETY: `data` is a valid slice for the call.
        let r = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
        if r < 0 && errno() == libc::EINTR {
            continue;
        }
        if r <= 0 {
            return;
        }
        data = &data[r as usize..];
    }
}

/// Reports a failure to the parent in CPython's format, without allocating.
fn report(fd: i32, failure: &Failure) {
    match *failure {
        Failure::Preexec => write_all(fd, b"SubprocessError:0:Exception occurred in preexec_fn."),
        Failure::Os { errno, reached_exec } => {
            write_all(fd, b"OSError:");
            let mut buf = [0u8; 16];
            write_all(fd, hex(errno as u32, &mut buf));
            write_all(fd, b":");
            if !reached_exec {
                write_all(fd, b"noexec");
            }
        }
    }
}

/// `n` in lowercase hex (no digits for 0, as CPython writes it).
fn hex(mut n: u32, buf: &mut [u8; 16]) -> &[u8] {
    let mut i = buf.len();
    while n != 0 && i > 0 {
        i -= 1;
        buf[i] = b"0123456789abcdef"[(n % 16) as usize];
        n /= 16;
    }
    &buf[i..]
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn errno_in_hex_as_cpython_writes_it() {
        let mut buf = [0u8; 16];
        assert_eq!(hex(2, &mut buf), b"2");
        assert_eq!(hex(0x1f, &mut buf), b"1f");
        assert_eq!(hex(0, &mut buf), b"");
    }
}
