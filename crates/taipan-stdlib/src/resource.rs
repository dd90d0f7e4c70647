//! The `resource` module (CPython's `Modules/resource.c` on Linux):
//! `getrusage` with its `struct_rusage`, `getrlimit`/`setrlimit`/`prlimit`
//! over the RLIMIT_* resources, `getpagesize`, the RLIMIT_*/RUSAGE_*
//! constants, `RLIM_INFINITY` (-1: CPython converts `rlim_t` as a signed
//! long long) and `error` (= `OSError`).

use crate::c_args::{c_int, c_long};
use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, none};
use taipan_vm::modules::structseq;
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{dict, int, m, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::Value;

const CONSTANTS: &[(&str, i64)] = &[
    ("RLIMIT_CPU", libc::RLIMIT_CPU as i64),
    ("RLIMIT_FSIZE", libc::RLIMIT_FSIZE as i64),
    ("RLIMIT_DATA", libc::RLIMIT_DATA as i64),
    ("RLIMIT_STACK", libc::RLIMIT_STACK as i64),
    ("RLIMIT_CORE", libc::RLIMIT_CORE as i64),
    ("RLIMIT_RSS", libc::RLIMIT_RSS as i64),
    ("RLIMIT_NPROC", libc::RLIMIT_NPROC as i64),
    ("RLIMIT_NOFILE", libc::RLIMIT_NOFILE as i64),
    ("RLIMIT_OFILE", libc::RLIMIT_NOFILE as i64),
    ("RLIMIT_MEMLOCK", libc::RLIMIT_MEMLOCK as i64),
    ("RLIMIT_AS", libc::RLIMIT_AS as i64),
    ("RLIMIT_MSGQUEUE", libc::RLIMIT_MSGQUEUE as i64),
    ("RLIMIT_NICE", libc::RLIMIT_NICE as i64),
    ("RLIMIT_RTPRIO", libc::RLIMIT_RTPRIO as i64),
    ("RLIMIT_RTTIME", libc::RLIMIT_RTTIME as i64),
    ("RLIMIT_SIGPENDING", libc::RLIMIT_SIGPENDING as i64),
    ("RUSAGE_SELF", libc::RUSAGE_SELF as i64),
    ("RUSAGE_CHILDREN", libc::RUSAGE_CHILDREN as i64),
    ("RUSAGE_THREAD", libc::RUSAGE_THREAD as i64),
    ("RLIM_INFINITY", libc::RLIM_INFINITY as i64),
];

/// The number of resources `getrlimit` accepts (`RLIM_NLIMITS`).
const RESOURCE_COUNT: i64 = 16;

const RUSAGE_FIELDS: &[&str] = &[
    "ru_utime",
    "ru_stime",
    "ru_maxrss",
    "ru_ixrss",
    "ru_idrss",
    "ru_isrss",
    "ru_minflt",
    "ru_majflt",
    "ru_nswap",
    "ru_inblock",
    "ru_oublock",
    "ru_msgsnd",
    "ru_msgrcv",
    "ru_nsignals",
    "ru_nvcsw",
    "ru_nivcsw",
];

const FUNCTIONS: &[Method] = &[
    m("getrusage", getrusage),
    m("getrlimit", getrlimit),
    m("setrlimit", setrlimit),
    m("prlimit", prlimit),
    m("getpagesize", getpagesize),
];

taipan_vm::interp_static! {
    static RUSAGE_TYPE: OnceCell<Value> = OnceCell::new();
}

/// Builds the `resource` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("resource", FUNCTIONS);
    for (name, v) in CONSTANTS {
        dict::set_str(&d, name, int::from_i64(*v));
    }
    dict::set_str(&d, "error", rt().exc.os_error.clone());
    dict::set_str(&d, "struct_rusage", rusage_type());
    Ok(md)
}

fn rusage_type() -> Value {
    RUSAGE_TYPE.with(|t| {
        t.get_or_init(|| structseq::new_type("resource", "struct_rusage", RUSAGE_FIELDS, RUSAGE_FIELDS.len()))
            .clone()
    })
}

/// Checks the positional-only argument count of `resource.NAME`.
fn arity(name: &str, args: &[Value], kwnames: &[Value], min: usize, max: usize) -> PyResult<()> {
    if !kwnames.is_empty() {
        return Err(exc::type_error(format!("resource.{name}() takes no keyword arguments")));
    }
    let n = args.len();
    if (min..=max).contains(&n) {
        return Ok(());
    }
    Err(exc::type_error(match (min, max) {
        (0, 0) => format!("resource.{name}() takes no arguments ({n} given)"),
        (1, 1) => format!("resource.{name}() takes exactly one argument ({n} given)"),
        _ if min == max => format!("{name} expected {min} arguments, got {n}"),
        _ if n < min => format!("{name} expected at least {min} arguments, got {n}"),
        _ => format!("{name} expected at most {max} arguments, got {n}"),
    }))
}

/// A resource number, checked against the known resources.
fn resource_arg(v: &Value) -> PyResult<i32> {
    let r = c_int(v)?;
    if !(0..RESOURCE_COUNT).contains(&(r as i64)) {
        return Err(exc::value_error("invalid resource specified"));
    }
    Ok(r)
}

fn seconds(tv: libc::timeval) -> Value {
    Value::float(tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6)
}

fn getrusage(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("getrusage", args, kwnames, 1, 1)?;
    let who = c_int(&args[0])?;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is a valid, writable rusage for the call's duration.
    if unsafe { libc::getrusage(who, &mut ru) } == -1 {
        let errno = crate::select::last_errno();
        if errno == libc::EINVAL {
            return Err(exc::value_error("invalid who parameter"));
        }
        return Err(from_errno(errno, None, None));
    }
    let counts = [
        ru.ru_maxrss,
        ru.ru_ixrss,
        ru.ru_idrss,
        ru.ru_isrss,
        ru.ru_minflt,
        ru.ru_majflt,
        ru.ru_nswap,
        ru.ru_inblock,
        ru.ru_oublock,
        ru.ru_msgsnd,
        ru.ru_msgrcv,
        ru.ru_nsignals,
        ru.ru_nvcsw,
        ru.ru_nivcsw,
    ];
    let mut values = vec![seconds(ru.ru_utime), seconds(ru.ru_stime)];
    values.extend(counts.iter().map(|&c| int::from_i64(c)));
    structseq::new_instance(&rusage_type(), values)
}

fn limits_to_python(rl: &libc::rlimit) -> Value {
    tuple::new(vec![int::from_i64(rl.rlim_cur as i64), int::from_i64(rl.rlim_max as i64)])
}

/// The `(soft, hard)` limits argument of setrlimit/prlimit.
fn limits_from_python(v: &Value) -> PyResult<libc::rlimit> {
    let items = match tuple::items(v) {
        Some(items) => items.to_vec(),
        None => {
            let t = taipan_vm::call::call(&rt().types.tuple, std::slice::from_ref(v), &[])?;
            tuple::items(&t).map(|s| s.to_vec()).unwrap_or_default()
        }
    };
    if items.len() != 2 {
        return Err(exc::value_error("expected a tuple of 2 integers"));
    }
    Ok(libc::rlimit {
        rlim_cur: c_long(&items[0])? as libc::rlim_t,
        rlim_max: c_long(&items[1])? as libc::rlim_t,
    })
}

/// The error of a failed setrlimit/prlimit, as CPython words it.
fn set_limit_error(errno: i32) -> exc::PyErr {
    match errno {
        libc::EINVAL => exc::value_error("current limit exceeds maximum limit"),
        libc::EPERM => exc::value_error("not allowed to raise maximum limit"),
        _ => from_errno(errno, None, None),
    }
}

fn getrlimit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("getrlimit", args, kwnames, 1, 1)?;
    let resource = resource_arg(&args[0])?;
    let mut rl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `rl` is a valid, writable rlimit for the call's duration.
    if unsafe { libc::getrlimit(resource as _, &mut rl) } == -1 {
        return Err(from_errno(crate::select::last_errno(), None, None));
    }
    Ok(limits_to_python(&rl))
}

fn setrlimit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("setrlimit", args, kwnames, 2, 2)?;
    let resource = resource_arg(&args[0])?;
    let rl = limits_from_python(&args[1])?;
    // SAFETY: `rl` is a valid rlimit for the call's duration.
    if unsafe { libc::setrlimit(resource as _, &rl) } == -1 {
        let errno = crate::select::last_errno();
        return Err(if errno == libc::EPERM || errno == libc::EINVAL {
            set_limit_error(errno)
        } else {
            from_errno(errno, None, None)
        });
    }
    Ok(none())
}

fn prlimit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    if !kwnames.is_empty() {
        return Err(exc::type_error("resource.prlimit() takes no keyword arguments"));
    }
    if !(2..=3).contains(&args.len()) {
        return Err(exc::type_error("resource.prlimit requires 2 to 3 arguments"));
    }
    let pid = c_int(&args[0])?;
    let resource = resource_arg(&args[1])?;
    let new = match args.get(2) {
        Some(v) => Some(limits_from_python(v)?),
        None => None,
    };
    let mut old = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    let new_ptr = new.as_ref().map_or(std::ptr::null(), |rl| rl as *const libc::rlimit);
    // SAFETY: `new_ptr` is null or points at `new`, alive for the call;
    // `old` is a valid, writable rlimit.
    if unsafe { libc::prlimit(pid, resource as _, new_ptr, &mut old) } == -1 {
        let errno = crate::select::last_errno();
        return Err(if errno == libc::EINVAL {
            set_limit_error(errno)
        } else {
            from_errno(errno, None, None)
        });
    }
    Ok(limits_to_python(&old))
}

fn getpagesize(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = args.get(1..).unwrap_or(&[]);
    arity("getpagesize", args, kwnames, 0, 0)?;
    // SAFETY: sysconf takes no pointers.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Ok(int::from_i64(size as i64))
}
