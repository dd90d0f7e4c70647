//! The process half of `posix`: `fork` with the `register_at_fork` hooks,
//! `waitpid`/`wait` and the wait-status decoders, `pipe`/`pipe2`/`dup2`,
//! blocking mode, `exec*`, process groups and sessions, `sysconf` and CPU
//! affinity — what `subprocess`, `multiprocessing` and
//! `concurrent.futures` use, with CPython 3.11's argument rules and
//! messages.
//!
//! The fork hooks are public (`before_fork`, `after_fork_parent`,
//! `after_fork_child`): `_posixsubprocess.fork_exec` runs them around its
//! own fork when it is given a `preexec_fn`, as CPython's does.

use super::native::{bind, boolean, int_arg, none};
use super::posix::{fd_arg, path_arg, path_only, PathArg, Target};
use crate::exceptions::{self as exc, PyResult};
use crate::gil::allow_threads;
use crate::objects::os_error::from_errno;
use crate::objects::{dict, int, list, m, mk, set, str as pystr, tuple, Method};
use crate::types::type_name;
use crate::value::Value;
use std::cell::RefCell;
use std::ffi::CString;

/// The process functions, added to `posix`'s namespace.
pub const FUNCTIONS: &[Method] = &[
    m("fork", posix_fork),
    mk("register_at_fork", posix_register_at_fork),
    m("waitpid", posix_waitpid),
    m("wait", posix_wait),
    mk("waitstatus_to_exitcode", posix_waitstatus_to_exitcode),
    mk("WIFEXITED", |a, k| status_test("WIFEXITED", a, k, |s| libc::WIFEXITED(s))),
    mk("WIFSIGNALED", |a, k| status_test("WIFSIGNALED", a, k, |s| libc::WIFSIGNALED(s))),
    mk("WIFSTOPPED", |a, k| status_test("WIFSTOPPED", a, k, |s| libc::WIFSTOPPED(s))),
    mk("WIFCONTINUED", |a, k| status_test("WIFCONTINUED", a, k, |s| libc::WIFCONTINUED(s))),
    mk("WCOREDUMP", posix_wcoredump),
    mk("WEXITSTATUS", |a, k| status_field("WEXITSTATUS", a, k, |s| libc::WEXITSTATUS(s))),
    mk("WTERMSIG", |a, k| status_field("WTERMSIG", a, k, |s| libc::WTERMSIG(s))),
    mk("WSTOPSIG", |a, k| status_field("WSTOPSIG", a, k, |s| libc::WSTOPSIG(s))),
    m("pipe", posix_pipe),
    m("pipe2", posix_pipe2),
    m("openpty", posix_openpty),
    m("ttyname", posix_ttyname),
    mk("dup2", posix_dup2),
    m("closerange", posix_closerange),
    m("get_blocking", posix_get_blocking),
    m("set_blocking", posix_set_blocking),
    m("killpg", posix_killpg),
    m("setsid", posix_setsid),
    m("getsid", posix_getsid),
    m("getpgid", posix_getpgid),
    m("getpgrp", posix_getpgrp),
    m("setpgid", posix_setpgid),
    m("setpgrp", posix_setpgrp),
    m("execv", posix_execv),
    m("execve", posix_execve),
    m("sysconf", posix_sysconf),
    m("abort", posix_abort),
    m("sched_getaffinity", posix_sched_getaffinity),
];

/// `(name, value)` of the integer constants of this half.
pub const CONSTANTS: &[(&str, i64)] = &[
    ("CLD_EXITED", 1),
    ("CLD_KILLED", 2),
    ("CLD_DUMPED", 3),
    ("CLD_TRAPPED", 4),
    ("CLD_STOPPED", 5),
    ("CLD_CONTINUED", 6),
    ("SCHED_OTHER", 0),
    ("SCHED_FIFO", 1),
    ("SCHED_RR", 2),
    ("SCHED_BATCH", 3),
    ("SCHED_IDLE", 5),
    ("SCHED_RESET_ON_FORK", 0x40000000),
];

/// Adds the functions, constants and `sysconf_names` to `posix`'s dict.
pub fn install(md: &Value, d: &Value) -> PyResult<()> {
    super::native::add_functions(md, d, FUNCTIONS);
    for (name, v) in CONSTANTS {
        dict::set_str(d, name, int::from_i64(*v));
    }
    let names = dict::new_dict();
    for (name, v) in SYSCONF_NAMES {
        dict::set_item(&names, pystr::new(name), int::from_i64(*v))?;
    }
    dict::set_str(d, "sysconf_names", names);
    Ok(())
}

// ---------------------------------------------------------------- fork and its hooks

/// The callables given to `register_at_fork`, in registration order.
#[derive(Default)]
struct ForkHooks {
    before: Vec<Value>,
    after_in_child: Vec<Value>,
    after_in_parent: Vec<Value>,
}

crate::interp_static! {
    static HOOKS: RefCell<ForkHooks> = RefCell::new(ForkHooks::default());
}

/// Calls each hook; an exception is reported as unraisable and the rest
/// still run (CPython's `run_at_forkers`).
fn run_hooks(hooks: Vec<Value>) {
    for f in hooks {
        if let Err(e) = crate::call::call(&f, &[], &[]) {
            super::sys::report_unraisable(None, &f, &e);
        }
    }
}

/// Before a fork: the `before` hooks, last registered first.
pub fn before_fork() {
    let hooks: Vec<Value> = HOOKS.with(|h| h.borrow().before.iter().rev().cloned().collect());
    run_hooks(hooks);
}

/// In the parent after a fork: the `after_in_parent` hooks, in order.
pub fn after_fork_parent() {
    let hooks = HOOKS.with(|h| h.borrow().after_in_parent.clone());
    run_hooks(hooks);
}

/// In the child after a fork: the `after_in_child` hooks, in order.
pub fn after_fork_child() {
    crate::gil::after_fork_child();
    let hooks = HOOKS.with(|h| h.borrow().after_in_child.clone());
    run_hooks(hooks);
}

fn posix_fork(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("fork", args, 1, 1)?;
    before_fork();
    let pid = sys::fork();
    if pid < 0 {
        let err = last_errno();
        after_fork_parent();
        return Err(from_errno(err, None, None));
    }
    if pid == 0 {
        after_fork_child();
    } else {
        after_fork_parent();
    }
    Ok(int::from_i64(pid as i64))
}

fn posix_register_at_fork(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if args.len() - 1 > kwnames.len() {
        return Err(exc::type_error("register_at_fork() takes no positional arguments"));
    }
    let names = ["before", "after_in_child", "after_in_parent"];
    let a = bind("register_at_fork", &args[1..], kwnames, &names, 0)?;
    if a.iter().all(|v| v.is_none()) {
        return Err(exc::type_error("At least one argument is required."));
    }
    for (name, v) in names.iter().zip(&a) {
        if let Some(f) = v {
            if !crate::builtins::functions::is_callable(f) {
                return Err(exc::type_error(format!("'{name}' must be callable, not {}", type_name(f))));
            }
        }
    }
    HOOKS.with(|h| {
        let h = &mut *h.borrow_mut();
        let lists = [&mut h.before, &mut h.after_in_child, &mut h.after_in_parent];
        for (list, v) in lists.into_iter().zip(&a) {
            if let Some(f) = v {
                list.push(f.clone());
            }
        }
    });
    Ok(none())
}

// ---------------------------------------------------------------- waiting

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Runs a waiting call with the interpreter lock released, again after
/// EINTR once the signal handlers ran without raising (PEP 475).
pub(super) fn wait_retrying(mut call: impl FnMut() -> (libc::pid_t, i32)) -> PyResult<(libc::pid_t, i32)> {
    loop {
        let (pid, status) = allow_threads(&mut call);
        if pid >= 0 {
            return Ok((pid, status));
        }
        let err = last_errno();
        if err != libc::EINTR {
            return Err(from_errno(err, None, None));
        }
        crate::signals::check()?;
    }
}

fn pid_arg(v: &Value) -> PyResult<libc::pid_t> {
    let n = int_arg(v, "")?;
    libc::pid_t::try_from(n).map_err(|_| exc::overflow_error("signed integer is greater than maximum"))
}

fn int32_arg(v: &Value) -> PyResult<i32> {
    let n = int_arg(v, "")?;
    i32::try_from(n).map_err(|_| exc::overflow_error("signed integer is greater than maximum"))
}

fn pid_status(pid: libc::pid_t, status: i32) -> Value {
    tuple::new(vec![int::from_i64(pid as i64), int::from_i64(status as i64)])
}

/// `waitpid(pid, options)` → `(pid, status)`.
fn posix_waitpid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("waitpid", args, 3, 3)?;
    let (pid, options) = (pid_arg(&args[1])?, int32_arg(&args[2])?);
    let (got, status) = wait_retrying(|| {
        let mut status = 0;
        // SAFETY: `status` is a valid, writable int for the call.
        let r = unsafe { libc::waitpid(pid, &mut status, options) };
        (r, status)
    })?;
    Ok(pid_status(got, status))
}

/// `wait()` → `(pid, status)`.
fn posix_wait(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("wait", args, 1, 1)?;
    let (got, status) = wait_retrying(|| {
        let mut status = 0;
        // SAFETY: `status` is a valid, writable int for the call.
        let r = unsafe { libc::wait(&mut status) };
        (r, status)
    })?;
    Ok(pid_status(got, status))
}

/// The `status` argument of the wait-status functions (positional or keyword).
fn status_arg(fname: &str, args: &[Value], kwnames: &[Value]) -> PyResult<i32> {
    let a = bind(fname, &args[1..], kwnames, &["status"], 1)?;
    int32_arg(a[0].as_ref().expect("required"))
}

fn status_test(fname: &str, args: &[Value], kwnames: &[Value], test: fn(i32) -> bool) -> PyResult<Value> {
    Ok(boolean(test(status_arg(fname, args, kwnames)?)))
}

fn status_field(fname: &str, args: &[Value], kwnames: &[Value], field: fn(i32) -> i32) -> PyResult<Value> {
    Ok(int::from_i64(field(status_arg(fname, args, kwnames)?) as i64))
}

/// `WCOREDUMP(status)`: positional only, unlike its siblings (as CPython's).
fn posix_wcoredump(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("posix.WCOREDUMP() takes no keyword arguments"));
    }
    status_test("WCOREDUMP", args, kwnames, |s| libc::WCOREDUMP(s))
}

/// `waitstatus_to_exitcode(status)`: the exit code, or minus the signal
/// number of a killed process.
fn posix_waitstatus_to_exitcode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let s = status_arg("waitstatus_to_exitcode", args, kwnames)?;
    if libc::WIFEXITED(s) {
        return Ok(int::from_i64(libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(int::from_i64(-(libc::WTERMSIG(s) as i64)));
    }
    if libc::WIFSTOPPED(s) {
        return Err(exc::value_error(format!("process stopped by delivery of signal {}", libc::WSTOPSIG(s))));
    }
    Err(exc::value_error(format!("invalid wait status: {s}")))
}

// ---------------------------------------------------------------- descriptors

fn fd_pair(fds: [i32; 2]) -> Value {
    tuple::new(vec![int::from_i64(fds[0] as i64), int::from_i64(fds[1] as i64)])
}

/// `pipe()`: a non-inheritable pipe `(read_fd, write_fd)`.
fn posix_pipe(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("pipe", args, 1, 1)?;
    Ok(fd_pair(sys::pipe2(libc::O_CLOEXEC)?))
}

/// `pipe2(flags)`: a pipe with `O_NONBLOCK`/`O_CLOEXEC` set atomically.
fn posix_pipe2(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("pipe2", args, 2, 2)?;
    Ok(fd_pair(sys::pipe2(int32_arg(&args[1])?)?))
}

/// `openpty()`: a new pseudo-terminal `(master_fd, slave_fd)`, both
/// non-inheritable.
fn posix_openpty(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("openpty", args, 1, 1)?;
    Ok(fd_pair(sys::openpty()?))
}

/// `ttyname(fd)`: the path of the terminal open on `fd`.
fn posix_ttyname(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("ttyname", args, 2, 2)?;
    let fd = int32_arg(&args[1])?;
    Ok(crate::objects::str::from_string(sys::ttyname(fd)?))
}

/// `dup2(fd, fd2, inheritable=True)` → `fd2`.
fn posix_dup2(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("dup2", &args[1..], kwnames, &["fd", "fd2", "inheritable"], 2)?;
    let fd = fd_arg(a[0].as_ref().expect("required"))?;
    let fd2 = fd_arg(a[1].as_ref().expect("required"))?;
    let inheritable = match &a[2] {
        Some(v) => crate::ops::truthy(v)?,
        None => true,
    };
    Ok(int::from_i64(sys::dup2(fd, fd2, inheritable)? as i64))
}

/// `closerange(fd_low, fd_high)`: closes `[fd_low, fd_high)`, ignoring errors.
fn posix_closerange(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("closerange", args, 3, 3)?;
    let (lo, hi) = (int32_arg(&args[1])?.max(0), int32_arg(&args[2])?);
    if lo < hi {
        sys::close_range(lo as u32, (hi - 1) as u32);
    }
    Ok(none())
}

fn posix_get_blocking(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("get_blocking", args, 2, 2)?;
    Ok(boolean(sys::get_blocking(fd_arg(&args[1])?)?))
}

fn posix_set_blocking(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("set_blocking", args, 3, 3)?;
    let fd = fd_arg(&args[1])?;
    sys::set_blocking(fd, crate::ops::truthy(&args[2])?)?;
    Ok(none())
}

// ---------------------------------------------------------------- process groups and sessions

fn posix_killpg(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("killpg", args, 3, 3)?;
    let (pgid, sig) = (pid_arg(&args[1])?, int32_arg(&args[2])?);
    // SAFETY: killpg has no memory-safety preconditions.
    sys::check(unsafe { libc::killpg(pgid, sig) })?;
    crate::signals::check()?;
    Ok(none())
}

fn posix_setsid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("setsid", args, 1, 1)?;
    // SAFETY: a plain system call without arguments.
    sys::check(unsafe { libc::setsid() })?;
    Ok(none())
}

fn posix_getsid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("getsid", args, 2, 2)?;
    let pid = pid_arg(&args[1])?;
    // SAFETY: a plain system call on an integer.
    Ok(int::from_i64(sys::check(unsafe { libc::getsid(pid) })? as i64))
}

fn posix_getpgid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("getpgid", args, 2, 2)?;
    let pid = pid_arg(&args[1])?;
    // SAFETY: a plain system call on an integer.
    Ok(int::from_i64(sys::check(unsafe { libc::getpgid(pid) })? as i64))
}

fn posix_getpgrp(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("getpgrp", args, 1, 1)?;
    // SAFETY: a plain system call without arguments.
    Ok(int::from_i64(unsafe { libc::getpgrp() } as i64))
}

fn posix_setpgid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("setpgid", args, 3, 3)?;
    let (pid, pgrp) = (pid_arg(&args[1])?, pid_arg(&args[2])?);
    // SAFETY: a plain system call on integers.
    sys::check(unsafe { libc::setpgid(pid, pgrp) })?;
    Ok(none())
}

fn posix_setpgrp(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("setpgrp", args, 1, 1)?;
    // SAFETY: a plain system call on integers.
    sys::check(unsafe { libc::setpgid(0, 0) })?;
    Ok(none())
}

// ---------------------------------------------------------------- exec

/// The C strings of an `exec*` argv: a tuple or list of paths, not empty,
/// the first not empty.
fn exec_argv(fname: &str, v: &Value) -> PyResult<Vec<CString>> {
    let items = match (tuple::items(v), list::snapshot(v)) {
        (Some(t), _) => t.to_vec(),
        (None, Some(l)) => l,
        _ => return Err(exc::type_error(format!("{fname}() arg 2 must be a tuple or list"))),
    };
    if items.is_empty() {
        return Err(exc::value_error(format!("{fname}() arg 2 must not be empty")));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        out.push(c_string(path_only(fname, "argv", item)?.bytes)?);
    }
    if out[0].as_bytes().is_empty() {
        return Err(exc::value_error(format!("{fname}() arg 2 first element cannot be empty")));
    }
    Ok(out)
}

fn c_string(b: Vec<u8>) -> PyResult<CString> {
    CString::new(b).map_err(|_| exc::value_error("embedded null byte"))
}

/// The `KEY=value` strings of an `execve` environment mapping.
fn exec_env(env: &Value) -> PyResult<Vec<CString>> {
    let keys = crate::attr::call_method(env, "keys", &[])?;
    let keys = crate::ops::collect(&keys)?;
    let mut out = Vec::new();
    for k in keys {
        let v = crate::ops::getitem(env, &k)?;
        let mut kb = path_only("execve", "environment", &k)?.bytes;
        if kb.is_empty() || kb[1..].contains(&b'=') {
            return Err(exc::value_error("illegal environment variable name"));
        }
        kb.push(b'=');
        kb.extend(path_only("execve", "environment", &v)?.bytes);
        out.push(c_string(kb)?);
    }
    Ok(out)
}

fn null_terminated(strings: &[CString]) -> Vec<*const libc::c_char> {
    strings.iter().map(|s| s.as_ptr()).chain(std::iter::once(std::ptr::null())).collect()
}

/// `execv(path, argv)`: replaces the process; returns only on error.
fn posix_execv(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("execv", args, 3, 3)?;
    let path = path_only("execv", "path", &args[1])?;
    let argv = exec_argv("execv", &args[2])?;
    exec(&path, &argv, None)
}

/// `execve(path, argv, env)`: as `execv` with a new environment.
fn posix_execve(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("execve", &args[1..], kwnames, &["path", "argv", "env"], 3)?;
    let target = path_arg("execve", "path", a[0].as_ref().expect("required"), true)?;
    let argv = exec_argv("execve", a[1].as_ref().expect("required"))?;
    let env = a[2].as_ref().expect("required");
    if crate::types::lookup_str(&crate::types::type_of(env), "keys").is_none() {
        return Err(exc::type_error("execve: environment must be a mapping object"));
    }
    let envp = exec_env(env)?;
    match target {
        Target::Path(path) => exec(&path, &argv, Some(&envp)),
        Target::Fd(fd) => fexec(fd, &argv, &envp),
    }
}

/// `execve` of an open descriptor (`fexecve`); returns only on error.
fn fexec(fd: i32, argv: &[CString], envp: &[CString]) -> PyResult<Value> {
    let (argv_ptrs, env_ptrs) = (null_terminated(argv), null_terminated(envp));
    // SAFETY: both pointer arrays are NULL-terminated and point at C
    // strings that outlive the call (which returns only on failure).
    unsafe { libc::fexecve(fd, argv_ptrs.as_ptr(), env_ptrs.as_ptr()) };
    Err(from_errno(last_errno(), Some(int::from_i64(fd as i64)), None))
}

fn exec(path: &PathArg, argv: &[CString], envp: Option<&[CString]>) -> PyResult<Value> {
    let c_path = c_string(path.bytes.clone())?;
    let argv_ptrs = null_terminated(argv);
    // SAFETY: every pointer array is NULL-terminated and points at C
    // strings that outlive the call (which returns only on failure).
    unsafe {
        match envp {
            Some(env) => {
                let env_ptrs = null_terminated(env);
                libc::execve(c_path.as_ptr(), argv_ptrs.as_ptr(), env_ptrs.as_ptr());
            }
            None => {
                libc::execv(c_path.as_ptr(), argv_ptrs.as_ptr());
            }
        }
    }
    // CPython names the file in execve's error, not in execv's.
    let filename = envp.map(|_| path.orig.clone());
    Err(from_errno(last_errno(), filename, None))
}

/// `abort()`: dies of SIGABRT at once (no handlers, no flushing).
fn posix_abort(_: &[Value], _: &[Value]) -> PyResult<Value> {
    // SAFETY: abort has no preconditions; it never returns.
    unsafe { libc::abort() }
}

// ---------------------------------------------------------------- system facts

/// `sysconf(name)`: `name` is a key of `sysconf_names` or its number.
fn posix_sysconf(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("sysconf", args, 2, 2)?;
    let name = sysconf_name(&args[1])?;
    Ok(int::from_i64(sys::sysconf(name)?))
}

fn sysconf_name(v: &Value) -> PyResult<i32> {
    if int::is_int(v) {
        return int32_arg(v);
    }
    let Some(s) = pystr::as_str(v) else {
        return Err(exc::type_error("configuration names must be strings or integers"));
    };
    SYSCONF_NAMES
        .iter()
        .find(|(n, _)| *n == s)
        .map(|(_, code)| *code as i32)
        .ok_or_else(|| exc::value_error("unrecognized configuration name"))
}

/// `sched_getaffinity(pid)`: the set of CPUs the process may run on.
fn posix_sched_getaffinity(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("sched_getaffinity", args, 2, 2)?;
    let cpus = sys::sched_getaffinity(pid_arg(&args[1])?)?;
    set::new_set(cpus.into_iter().map(|c| int::from_i64(c as i64)).collect())
}

/// `os.sysconf_names` on Linux (glibc's `_SC_*` numbers).
const SYSCONF_NAMES: &[(&str, i64)] = &[
    ("SC_ARG_MAX", 0),
    ("SC_CHILD_MAX", 1),
    ("SC_CLK_TCK", 2),
    ("SC_NGROUPS_MAX", 3),
    ("SC_OPEN_MAX", 4),
    ("SC_STREAM_MAX", 5),
    ("SC_TZNAME_MAX", 6),
    ("SC_JOB_CONTROL", 7),
    ("SC_SAVED_IDS", 8),
    ("SC_REALTIME_SIGNALS", 9),
    ("SC_PRIORITY_SCHEDULING", 10),
    ("SC_TIMERS", 11),
    ("SC_ASYNCHRONOUS_IO", 12),
    ("SC_PRIORITIZED_IO", 13),
    ("SC_SYNCHRONIZED_IO", 14),
    ("SC_FSYNC", 15),
    ("SC_MAPPED_FILES", 16),
    ("SC_MEMLOCK", 17),
    ("SC_MEMLOCK_RANGE", 18),
    ("SC_MEMORY_PROTECTION", 19),
    ("SC_MESSAGE_PASSING", 20),
    ("SC_SEMAPHORES", 21),
    ("SC_SHARED_MEMORY_OBJECTS", 22),
    ("SC_AIO_LISTIO_MAX", 23),
    ("SC_AIO_MAX", 24),
    ("SC_AIO_PRIO_DELTA_MAX", 25),
    ("SC_DELAYTIMER_MAX", 26),
    ("SC_MQ_OPEN_MAX", 27),
    ("SC_MQ_PRIO_MAX", 28),
    ("SC_VERSION", 29),
    ("SC_PAGESIZE", 30),
    ("SC_PAGE_SIZE", 30),
    ("SC_RTSIG_MAX", 31),
    ("SC_SEM_NSEMS_MAX", 32),
    ("SC_SEM_VALUE_MAX", 33),
    ("SC_SIGQUEUE_MAX", 34),
    ("SC_TIMER_MAX", 35),
    ("SC_BC_BASE_MAX", 36),
    ("SC_BC_DIM_MAX", 37),
    ("SC_BC_SCALE_MAX", 38),
    ("SC_BC_STRING_MAX", 39),
    ("SC_COLL_WEIGHTS_MAX", 40),
    ("SC_EQUIV_CLASS_MAX", 41),
    ("SC_EXPR_NEST_MAX", 42),
    ("SC_LINE_MAX", 43),
    ("SC_RE_DUP_MAX", 44),
    ("SC_CHARCLASS_NAME_MAX", 45),
    ("SC_2_VERSION", 46),
    ("SC_2_C_BIND", 47),
    ("SC_2_C_DEV", 48),
    ("SC_2_FORT_DEV", 49),
    ("SC_2_FORT_RUN", 50),
    ("SC_2_SW_DEV", 51),
    ("SC_2_LOCALEDEF", 52),
    ("SC_PII", 53),
    ("SC_PII_XTI", 54),
    ("SC_PII_SOCKET", 55),
    ("SC_PII_INTERNET", 56),
    ("SC_PII_OSI", 57),
    ("SC_POLL", 58),
    ("SC_SELECT", 59),
    ("SC_IOV_MAX", 60),
    ("SC_UIO_MAXIOV", 60),
    ("SC_PII_INTERNET_STREAM", 61),
    ("SC_PII_INTERNET_DGRAM", 62),
    ("SC_PII_OSI_COTS", 63),
    ("SC_PII_OSI_CLTS", 64),
    ("SC_PII_OSI_M", 65),
    ("SC_T_IOV_MAX", 66),
    ("SC_THREADS", 67),
    ("SC_THREAD_SAFE_FUNCTIONS", 68),
    ("SC_GETGR_R_SIZE_MAX", 69),
    ("SC_GETPW_R_SIZE_MAX", 70),
    ("SC_LOGIN_NAME_MAX", 71),
    ("SC_TTY_NAME_MAX", 72),
    ("SC_THREAD_DESTRUCTOR_ITERATIONS", 73),
    ("SC_THREAD_KEYS_MAX", 74),
    ("SC_THREAD_STACK_MIN", 75),
    ("SC_THREAD_THREADS_MAX", 76),
    ("SC_THREAD_ATTR_STACKADDR", 77),
    ("SC_THREAD_ATTR_STACKSIZE", 78),
    ("SC_THREAD_PRIORITY_SCHEDULING", 79),
    ("SC_THREAD_PRIO_INHERIT", 80),
    ("SC_THREAD_PRIO_PROTECT", 81),
    ("SC_THREAD_PROCESS_SHARED", 82),
    ("SC_NPROCESSORS_CONF", 83),
    ("SC_NPROCESSORS_ONLN", 84),
    ("SC_PHYS_PAGES", 85),
    ("SC_AVPHYS_PAGES", 86),
    ("SC_ATEXIT_MAX", 87),
    ("SC_PASS_MAX", 88),
    ("SC_XOPEN_VERSION", 89),
    ("SC_XOPEN_XCU_VERSION", 90),
    ("SC_XOPEN_UNIX", 91),
    ("SC_XOPEN_CRYPT", 92),
    ("SC_XOPEN_ENH_I18N", 93),
    ("SC_XOPEN_SHM", 94),
    ("SC_2_CHAR_TERM", 95),
    ("SC_2_C_VERSION", 96),
    ("SC_2_UPE", 97),
    ("SC_XOPEN_XPG2", 98),
    ("SC_XOPEN_XPG3", 99),
    ("SC_XOPEN_XPG4", 100),
    ("SC_CHAR_BIT", 101),
    ("SC_CHAR_MAX", 102),
    ("SC_CHAR_MIN", 103),
    ("SC_INT_MAX", 104),
    ("SC_INT_MIN", 105),
    ("SC_LONG_BIT", 106),
    ("SC_WORD_BIT", 107),
    ("SC_MB_LEN_MAX", 108),
    ("SC_NZERO", 109),
    ("SC_SSIZE_MAX", 110),
    ("SC_SCHAR_MAX", 111),
    ("SC_SCHAR_MIN", 112),
    ("SC_SHRT_MAX", 113),
    ("SC_SHRT_MIN", 114),
    ("SC_UCHAR_MAX", 115),
    ("SC_UINT_MAX", 116),
    ("SC_ULONG_MAX", 117),
    ("SC_USHRT_MAX", 118),
    ("SC_NL_ARGMAX", 119),
    ("SC_NL_LANGMAX", 120),
    ("SC_NL_MSGMAX", 121),
    ("SC_NL_NMAX", 122),
    ("SC_NL_SETMAX", 123),
    ("SC_NL_TEXTMAX", 124),
    ("SC_XBS5_ILP32_OFF32", 125),
    ("SC_XBS5_ILP32_OFFBIG", 126),
    ("SC_XBS5_LP64_OFF64", 127),
    ("SC_XBS5_LPBIG_OFFBIG", 128),
    ("SC_XOPEN_LEGACY", 129),
    ("SC_XOPEN_REALTIME", 130),
    ("SC_XOPEN_REALTIME_THREADS", 131),
    ("SC_MINSIGSTKSZ", 249),
];

// ---------------------------------------------------------------- the C library

/// The system calls of this half; each failure becomes the errno's `OSError`.
pub mod sys {
    use crate::exceptions::PyResult;
    use crate::objects::os_error::from_errno;

    /// `r` when not negative, else the errno's `OSError`.
    pub fn check<T: Copy + Default + PartialOrd>(r: T) -> PyResult<T> {
        if r < T::default() {
            return Err(from_errno(super::last_errno(), None, None));
        }
        Ok(r)
    }

    /// `fork(2)`: 0 in the child, the child's pid in the parent, -1 on failure.
    pub fn fork() -> libc::pid_t {
        // SAFETY: fork has no memory-safety preconditions; the child goes on
        // running this (single-threaded, lock-holding) interpreter.
        unsafe { libc::fork() }
    }

    pub fn pipe2(flags: i32) -> PyResult<[i32; 2]> {
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors.
        check(unsafe { libc::pipe2(fds.as_mut_ptr(), flags) })?;
        Ok(fds)
    }

    /// `openpty(3)`, both ends marked close-on-exec.
    pub fn openpty() -> PyResult<[i32; 2]> {
        let (mut master, mut slave) = (-1, -1);
        let (name, termp, winp) = (std::ptr::null_mut(), std::ptr::null(), std::ptr::null());
        // SAFETY: the two descriptor slots are valid; name, termios and
        // winsize may be null.
        check(unsafe { libc::openpty(&mut master, &mut slave, name, termp, winp) })?;
        for fd in [master, slave] {
            // SAFETY: a plain system call on a descriptor we own.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        Ok([master, slave])
    }

    /// `ttyname_r(3)`: the path of the terminal on `fd`.
    pub fn ttyname(fd: i32) -> PyResult<String> {
        let mut buf = [0u8; 4096];
        // SAFETY: `buf` is writable for its whole length.
        let r = unsafe { libc::ttyname_r(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if r != 0 {
            return Err(from_errno(r, None, None));
        }
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
    }

    /// `dup2(2)`, or `dup3(2)` with `O_CLOEXEC` for a non-inheritable copy.
    pub fn dup2(fd: i32, fd2: i32, inheritable: bool) -> PyResult<i32> {
        if inheritable || fd == fd2 {
            // SAFETY: a plain system call on integers.
            let r = check(unsafe { libc::dup2(fd, fd2) })?;
            if !inheritable {
                super::super::posix::sys::set_inheritable(r, false)?;
            }
            return Ok(r);
        }
        // SAFETY: a plain system call on integers.
        check(unsafe { libc::dup3(fd, fd2, libc::O_CLOEXEC) })
    }

    /// Closes every descriptor in `[lo, hi]`, ignoring errors
    /// (`close_range(2)`, else one `close` each up to the descriptor limit).
    /// Async-signal-safe: `fork_exec`'s child calls it.
    pub fn close_range(lo: u32, hi: u32) {
        // SAFETY: close_range has no memory-safety preconditions.
        let r = unsafe { libc::syscall(libc::SYS_close_range, lo, hi, 0u32) };
        if r == 0 {
            return;
        }
        let limit = max_fd().min(hi as u64 + 1);
        for fd in lo as u64..limit {
            // SAFETY: closing a descriptor number has no memory-safety effect.
            unsafe { libc::close(fd as i32) };
        }
    }

    /// One past the highest descriptor number the process may have.
    fn max_fd() -> u64 {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: `lim` is a valid, writable rlimit.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } == 0
            && lim.rlim_cur != libc::RLIM_INFINITY
        {
            return lim.rlim_cur;
        }
        65536
    }

    pub fn get_blocking(fd: i32) -> PyResult<bool> {
        // SAFETY: a plain system call on integers.
        let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
        Ok(flags & libc::O_NONBLOCK == 0)
    }

    pub fn set_blocking(fd: i32, blocking: bool) -> PyResult<()> {
        // SAFETY: a plain system call on integers.
        let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
        let new = if blocking { flags & !libc::O_NONBLOCK } else { flags | libc::O_NONBLOCK };
        if new != flags {
            // SAFETY: as above.
            check(unsafe { libc::fcntl(fd, libc::F_SETFL, new) })?;
        }
        Ok(())
    }

    /// `sysconf(3)`: -1 without an error means "no limit".
    pub fn sysconf(name: i32) -> PyResult<i64> {
        // SAFETY: errno is this thread's; sysconf takes an integer.
        let r = unsafe {
            *libc::__errno_location() = 0;
            libc::sysconf(name)
        };
        if r == -1 && super::last_errno() != 0 {
            return Err(from_errno(super::last_errno(), None, None));
        }
        Ok(r as i64)
    }

    /// The CPU numbers in the affinity mask of `pid` (0: this process).
    pub fn sched_getaffinity(pid: libc::pid_t) -> PyResult<Vec<usize>> {
        // SAFETY: cpu_set_t is plain old data; zeroed is an empty set.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        let size = std::mem::size_of::<libc::cpu_set_t>();
        // SAFETY: `set` is a writable cpu_set_t of `size` bytes.
        check(unsafe { libc::sched_getaffinity(pid, size, &mut set) })?;
        // SAFETY: CPU_ISSET only reads the set, for indices below its capacity.
        Ok((0..size * 8).filter(|&c| unsafe { libc::CPU_ISSET(c, &set) }).collect())
    }
}
