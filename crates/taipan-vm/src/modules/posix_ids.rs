//! The identity and accounting half of `posix`: user and group ids
//! (`setuid`… `getresgid`, `getgroups`, `getlogin`), scheduling
//! (`nice`, `getpriority`/`setpriority`, `sched_yield`), `times`,
//! `getloadavg`, `ctermid`, and the resource-reporting waits (`wait3`,
//! `wait4`, `waitid`), with CPython 3.11's signatures and errors. The
//! plain waits, `fork` and `exec*` are in `posix_process.rs`.

use super::native::{int_arg, none};
use super::posix_at::{id_arg, parse, req};
use super::structseq;
use crate::exceptions::{self as exc, PyResult};
use crate::gil::allow_threads;
use crate::objects::os_error::from_errno;
use crate::objects::{dict, int, list, m, mk, str as pystr, tuple, Method};
use crate::value::Value;
use std::cell::OnceCell;

/// The functions of this file, added to `posix`'s namespace.
pub const FUNCTIONS: &[Method] = &[
    m("setuid", |a, _| set_id("setuid", a, set_uid)),
    m("setgid", |a, _| set_id("setgid", a, set_gid)),
    m("seteuid", |a, _| set_id("seteuid", a, set_euid)),
    m("setegid", |a, _| set_id("setegid", a, set_egid)),
    m("setreuid", |a, _| set_two_ids("setreuid", a, set_reuid)),
    m("setregid", |a, _| set_two_ids("setregid", a, set_regid)),
    m("getresuid", posix_getresuid),
    m("getresgid", posix_getresgid),
    m("getgroups", posix_getgroups),
    m("getlogin", posix_getlogin),
    m("nice", posix_nice),
    mk("getpriority", posix_getpriority),
    mk("setpriority", posix_setpriority),
    m("sched_yield", posix_sched_yield),
    m("times", posix_times),
    m("getloadavg", posix_getloadavg),
    m("ctermid", posix_ctermid),
    mk("wait3", posix_wait3),
    mk("wait4", posix_wait4),
    m("waitid", posix_waitid),
];

struct IdTypes {
    times_result: Value,
    waitid_result: Value,
}

crate::interp_static! {
    static TYPES: OnceCell<IdTypes> = const { OnceCell::new() };
}

fn with_types<R>(f: impl FnOnce(&IdTypes) -> R) -> R {
    TYPES.with(|t| {
        f(t.get_or_init(|| IdTypes {
            times_result: structseq::new_type(
                "posix",
                "times_result",
                &["user", "system", "children_user", "children_system", "elapsed"],
                5,
            ),
            waitid_result: structseq::new_type(
                "posix",
                "waitid_result",
                &["si_pid", "si_uid", "si_signo", "si_status", "si_code"],
                5,
            ),
        }))
    })
}

/// Adds the functions and the `times_result`/`waitid_result` types.
pub fn install(md: &Value, d: &Value) {
    super::native::add_functions(md, d, FUNCTIONS);
    with_types(|t| {
        dict::set_str(d, "times_result", t.times_result.clone());
        dict::set_str(d, "waitid_result", t.waitid_result.clone());
    });
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Runs a C call returning 0 or -1; -1 becomes the errno's OSError.
fn unsafe_call(call: impl FnOnce() -> libc::c_int) -> PyResult<()> {
    if call() < 0 {
        return Err(from_errno(errno(), None, None));
    }
    Ok(())
}

fn positional<'a>(fname: &str, args: &'a [Value], n: usize) -> PyResult<&'a [Value]> {
    crate::objects::check_args(fname, args, n + 1, n + 1)?;
    Ok(&args[1..])
}

// ---------------------------------------------------------------- ids

fn set_id(fname: &str, args: &[Value], call: fn(u32) -> PyResult<()>) -> PyResult<Value> {
    let a = positional(fname, args, 1)?;
    let what = if fname.ends_with("uid") { "uid" } else { "gid" };
    call(id_arg(&a[0], what)?)?;
    Ok(none())
}

fn set_two_ids(fname: &str, args: &[Value], call: fn(u32, u32) -> PyResult<()>) -> PyResult<Value> {
    let a = positional(fname, args, 2)?;
    let what = if fname.ends_with("uid") { "uid" } else { "gid" };
    call(id_arg(&a[0], what)?, id_arg(&a[1], what)?)?;
    Ok(none())
}

fn set_uid(id: u32) -> PyResult<()> {
    // SAFETY: a plain system call on an integer.
    unsafe_call(|| unsafe { libc::setuid(id) })
}

fn set_gid(id: u32) -> PyResult<()> {
    // SAFETY: a plain system call on an integer.
    unsafe_call(|| unsafe { libc::setgid(id) })
}

fn set_euid(id: u32) -> PyResult<()> {
    // SAFETY: a plain system call on an integer.
    unsafe_call(|| unsafe { libc::seteuid(id) })
}

fn set_egid(id: u32) -> PyResult<()> {
    // SAFETY: a plain system call on an integer.
    unsafe_call(|| unsafe { libc::setegid(id) })
}

fn set_reuid(r: u32, e: u32) -> PyResult<()> {
    // SAFETY: a plain system call on integers.
    unsafe_call(|| unsafe { libc::setreuid(r, e) })
}

fn set_regid(r: u32, e: u32) -> PyResult<()> {
    // SAFETY: a plain system call on integers.
    unsafe_call(|| unsafe { libc::setregid(r, e) })
}

fn id_triple(ids: [u32; 3]) -> Value {
    tuple::new(ids.iter().map(|i| int::from_i64(*i as i64)).collect())
}

fn posix_getresuid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("getresuid", args, 0)?;
    let mut ids = [0u32; 3];
    let [r, e, s] = &mut ids;
    // SAFETY: the three pointers are to distinct writable u32s.
    unsafe_call(|| unsafe { libc::getresuid(r, e, s) })?;
    Ok(id_triple(ids))
}

fn posix_getresgid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("getresgid", args, 0)?;
    let mut ids = [0u32; 3];
    let [r, e, s] = &mut ids;
    // SAFETY: the three pointers are to distinct writable u32s.
    unsafe_call(|| unsafe { libc::getresgid(r, e, s) })?;
    Ok(id_triple(ids))
}

fn posix_getgroups(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("getgroups", args, 0)?;
    // SAFETY: a count of 0 with NULL asks for the number of groups.
    let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
    if n < 0 {
        return Err(from_errno(errno(), None, None));
    }
    let mut groups = vec![0 as libc::gid_t; n as usize];
    // SAFETY: `groups` has room for `n` gids.
    let got = unsafe { libc::getgroups(n, groups.as_mut_ptr()) };
    if got < 0 {
        return Err(from_errno(errno(), None, None));
    }
    groups.truncate(got as usize);
    Ok(list::new(groups.iter().map(|g| int::from_i64(*g as i64)).collect()))
}

fn posix_getlogin(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("getlogin", args, 0)?;
    // SAFETY: errno is thread-local; clearing it tells "no login" from errors.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: getlogin returns NULL or a NUL-terminated static name.
    let r = unsafe { libc::getlogin() };
    if r.is_null() {
        return Err(match errno() {
            0 => exc::with_msg(
                &crate::runtime::rt().exc.os_error,
                "unable to determine login name".to_string(),
            ),
            e => from_errno(e, None, None),
        });
    }
    // SAFETY: `r` is a NUL-terminated name (copied before any other call).
    let name = unsafe { std::ffi::CStr::from_ptr(r) };
    Ok(super::posix::decode_fs(name.to_bytes(), false))
}

// ---------------------------------------------------------------- scheduling

/// `nice(increment, /)`: the new niceness (-1 is valid when errno stays 0).
fn posix_nice(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("nice", args, 1)?;
    let inc = int_arg(&a[0], "")? as i32;
    // SAFETY: errno is thread-local; clearing it tells -1 answers from errors.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: a plain library call on an integer.
    let r = unsafe { libc::nice(inc) };
    if r == -1 && errno() != 0 {
        return Err(from_errno(errno(), None, None));
    }
    Ok(int::from_i64(r as i64))
}

fn posix_getpriority(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("getpriority", args, kwnames, &["which", "who"], 2, 2)?;
    let (which, who) = (int_arg(req(&a[0]), "")? as u32, int_arg(req(&a[1]), "")? as u32);
    // SAFETY: errno is thread-local; clearing it tells -1 answers from errors.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: a plain system call on integers.
    let r = unsafe { libc::getpriority(which, who) };
    if r == -1 && errno() != 0 {
        return Err(from_errno(errno(), None, None));
    }
    Ok(int::from_i64(r as i64))
}

fn posix_setpriority(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("setpriority", args, kwnames, &["which", "who", "priority"], 3, 3)?;
    let (which, who) = (int_arg(req(&a[0]), "")? as u32, int_arg(req(&a[1]), "")? as u32);
    let prio = int_arg(req(&a[2]), "")? as i32;
    // SAFETY: a plain system call on integers.
    unsafe_call(|| unsafe { libc::setpriority(which, who, prio) })?;
    Ok(none())
}

fn posix_sched_yield(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("sched_yield", args, 0)?;
    // SAFETY: a plain system call without arguments.
    allow_threads(|| unsafe { libc::sched_yield() });
    Ok(none())
}

// ---------------------------------------------------------------- accounting

/// `times()`: user/system times of the process and its children, and the
/// elapsed real time, in seconds (clock ticks divided as CPython does).
fn posix_times(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("times", args, 0)?;
    // SAFETY: tms is plain old data; zeroed is a valid value.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is writable.
    let c = unsafe { libc::times(&mut t) };
    if c == -1i64 as libc::clock_t {
        return Err(from_errno(errno(), None, None));
    }
    // SAFETY: a plain library call on an integer.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let secs = |v: libc::clock_t| Value::float(v as f64 / ticks);
    let values = vec![secs(t.tms_utime), secs(t.tms_stime), secs(t.tms_cutime), secs(t.tms_cstime), secs(c)];
    structseq::new_instance(&with_types(|t| t.times_result.clone()), values)
}

fn posix_getloadavg(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("getloadavg", args, 0)?;
    let mut avg = [0f64; 3];
    // SAFETY: `avg` has room for the 3 doubles asked for.
    if unsafe { libc::getloadavg(avg.as_mut_ptr(), 3) } != 3 {
        return Err(exc::with_msg(
            &crate::runtime::rt().exc.os_error,
            "Load averages are unobtainable".to_string(),
        ));
    }
    Ok(tuple::new(avg.iter().map(|f| Value::float(*f)).collect()))
}

fn posix_ctermid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("ctermid", args, 0)?;
    let mut buf = [0 as libc::c_char; 1024];
    // SAFETY: `buf` is larger than L_ctermid.
    let r = unsafe { libc::ctermid(buf.as_mut_ptr()) };
    if r.is_null() {
        return Err(from_errno(errno(), None, None));
    }
    // SAFETY: ctermid wrote a NUL-terminated name into `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
    Ok(super::posix::decode_fs(name.to_bytes(), false))
}

// ---------------------------------------------------------------- waits with resource usage

/// `resource.struct_rusage` of `ru` (CPython's `wait_helper`).
fn rusage_value(ru: &libc::rusage) -> PyResult<Value> {
    let resource = crate::import::import_module_level(&pystr::new("resource"), None, &none(), 0)?;
    let ty = crate::attr::getattr(&resource, &pystr::intern("struct_rusage"))?;
    let tv = |t: libc::timeval| Value::float(t.tv_sec as f64 + t.tv_usec as f64 * 1e-6);
    let i = |n: libc::c_long| int::from_i64(n);
    let fields = vec![
        tv(ru.ru_utime),
        tv(ru.ru_stime),
        i(ru.ru_maxrss),
        i(ru.ru_ixrss),
        i(ru.ru_idrss),
        i(ru.ru_isrss),
        i(ru.ru_minflt),
        i(ru.ru_majflt),
        i(ru.ru_nswap),
        i(ru.ru_inblock),
        i(ru.ru_oublock),
        i(ru.ru_msgsnd),
        i(ru.ru_msgrcv),
        i(ru.ru_nsignals),
        i(ru.ru_nvcsw),
        i(ru.ru_nivcsw),
    ];
    crate::call::call(&ty, &[tuple::new(fields)], &[])
}

/// `wait4(pid, options)` → `(pid, status, rusage)`; `wait3` is pid -1.
fn wait4_impl(pid: libc::pid_t, options: i32) -> PyResult<Value> {
    // SAFETY: rusage is plain old data; zeroed is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let ru_ptr = &mut ru as *mut libc::rusage as usize;
    let (got, status) = super::posix_process::wait_retrying(|| {
        let mut status = 0;
        // SAFETY: `status` and `ru` are writable for the call.
        let r = unsafe { libc::wait4(pid, &mut status, options, ru_ptr as *mut libc::rusage) };
        (r, status)
    })?;
    Ok(tuple::new(vec![int::from_i64(got as i64), int::from_i64(status as i64), rusage_value(&ru)?]))
}

fn posix_wait3(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("wait3", args, kwnames, &["options"], 1, 1)?;
    wait4_impl(-1, int_arg(req(&a[0]), "")? as i32)
}

fn posix_wait4(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("wait4", args, kwnames, &["pid", "options"], 2, 2)?;
    let pid = int_arg(req(&a[0]), "")? as libc::pid_t;
    wait4_impl(pid, int_arg(req(&a[1]), "")? as i32)
}

/// `waitid(idtype, id, options, /)`: a `waitid_result`, or None when
/// `WNOHANG` found no child.
fn posix_waitid(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = positional("waitid", args, 3)?;
    let idtype = int_arg(&a[0], "")? as libc::idtype_t;
    let id = int_arg(&a[1], "")? as libc::id_t;
    let options = int_arg(&a[2], "")? as i32;
    // SAFETY: siginfo_t is plain old data; zeroed is a valid value.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    let ptr = &mut info as *mut libc::siginfo_t as usize;
    super::posix_process::wait_retrying(|| {
        // SAFETY: `info` is writable for the call.
        let r = unsafe { libc::waitid(idtype, id, ptr as *mut libc::siginfo_t, options) };
        (r, 0)
    })?;
    // SAFETY: waitid filled `info` for a child (si_pid 0 means none).
    let (pid, uid, status) = unsafe { (info.si_pid(), info.si_uid(), info.si_status()) };
    if pid == 0 {
        return Ok(none());
    }
    let values = vec![
        int::from_i64(pid as i64),
        int::from_i64(uid as i64),
        int::from_i64(info.si_signo as i64),
        int::from_i64(status as i64),
        int::from_i64(info.si_code as i64),
    ];
    structseq::new_instance(&with_types(|t| t.waitid_result.clone()), values)
}
