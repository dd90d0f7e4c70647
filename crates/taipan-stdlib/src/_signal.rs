//! The `_signal` module (what `signal` re-exports), as CPython 3.11's on
//! Linux: `signal`/`getsignal` over the VM's handler table
//! (`taipan_vm::signals`, which also holds the C-level handler and the
//! delivery to the eval loop), `default_int_handler`, `raise_signal`,
//! `strsignal`, `valid_signals`, the signal masks (`pthread_sigmask`,
//! `pthread_kill`, `sigpending`, `sigwait`), timers (`alarm`, `pause`,
//! `setitimer`/`getitimer`, `ItimerError`), `siginterrupt`,
//! `set_wakeup_fd`, and every `SIG*` constant.

use std::cell::OnceCell;
use taipan_vm::exceptions as exc;
use taipan_vm::modules::native::{self, bind, none};
use taipan_vm::objects::{dict, float, int, m, mk, set, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::signals::{self, Handler, NSIG};
use taipan_vm::{PyResult, Value};

/// `SIG_DFL` and `SIG_IGN` (plain ints, as CPython's `_signal`).
const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

const CONSTANTS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGIOT", libc::SIGIOT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGSTKFLT", libc::SIGSTKFLT),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGCLD", libc::SIGCHLD),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGPWR", libc::SIGPWR),
    ("SIGSYS", libc::SIGSYS),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
    ("SIG_DFL", SIG_DFL as i32),
    ("SIG_IGN", SIG_IGN as i32),
    ("SIG_BLOCK", libc::SIG_BLOCK),
    ("SIG_UNBLOCK", libc::SIG_UNBLOCK),
    ("SIG_SETMASK", libc::SIG_SETMASK),
    ("ITIMER_REAL", libc::ITIMER_REAL),
    ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL),
    ("ITIMER_PROF", libc::ITIMER_PROF),
    ("NSIG", NSIG as i32),
];

taipan_vm::interp_static! {
    /// (`default_int_handler`, `ItimerError`, `struct_siginfo`): one object
    /// each however often the module is built, so that `getsignal` returns
    /// what `signal` was given.
    static OBJECTS: OnceCell<(Value, Value, Value)> = const { OnceCell::new() };
}

const FUNCTIONS: &[Method] = &[
    m("signal", signal_signal),
    m("getsignal", signal_getsignal),
    m("raise_signal", signal_raise_signal),
    m("strsignal", signal_strsignal),
    m("valid_signals", |_, _| sigset_to_set(&full_sigset())),
    m("pthread_sigmask", signal_pthread_sigmask),
    m("pthread_kill", signal_pthread_kill),
    m("sigpending", signal_sigpending),
    m("sigwait", signal_sigwait),
    m("sigwaitinfo", signal_sigwaitinfo),
    m("sigtimedwait", signal_sigtimedwait),
    m("pidfd_send_signal", signal_pidfd_send_signal),
    m("alarm", signal_alarm),
    m("pause", signal_pause),
    m("setitimer", signal_setitimer),
    m("getitimer", signal_getitimer),
    m("siginterrupt", signal_siginterrupt),
    mk("set_wakeup_fd", signal_set_wakeup_fd),
];

/// Builds the `_signal` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_signal", FUNCTIONS);
    let (default_int, itimer_error, siginfo) = objects(&md);
    dict::set_str(&d, "default_int_handler", default_int);
    dict::set_str(&d, "ItimerError", itimer_error);
    dict::set_str(&d, "struct_siginfo", siginfo);
    for &(name, v) in CONSTANTS {
        dict::set_str(&d, name, int::from_i64(v as i64));
    }
    Ok(md)
}

const SIGINFO_FIELDS: [&str; 7] =
    ["si_signo", "si_code", "si_errno", "si_pid", "si_uid", "si_status", "si_band"];

fn objects(md: &Value) -> (Value, Value, Value) {
    OBJECTS.with(|o| {
        o.get_or_init(|| {
            let f = taipan_vm::objects::function::new_builtin(
                "default_int_handler",
                default_int_handler,
                false,
                md.clone(),
            );
            let ns = dict::new_dict();
            dict::set_str(&ns, "__module__", pystr::new("signal"));
            let err = taipan_vm::types::type_new(
                &rt().types.type_,
                "itimer_error",
                vec![rt().exc.os_error.clone()],
                &ns,
            )
            .expect("OSError can be subclassed");
            let siginfo =
                taipan_vm::modules::structseq::new_type("signal", "struct_siginfo", &SIGINFO_FIELDS, 7);
            (f, err, siginfo)
        })
        .clone()
    })
}

fn default_int_object() -> Option<Value> {
    OBJECTS.with(|o| o.get().map(|(f, _, _)| f.clone()))
}

/// `default_int_handler(signalnum, frame, /)`: raises KeyboardInterrupt.
fn default_int_handler(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let given = args.len().saturating_sub(1);
    if given != 2 {
        return Err(exc::type_error(format!("default_int_handler expected 2 arguments, got {given}")));
    }
    c_int_arg(&args[1])?;
    Err(signals::keyboard_interrupt())
}

/// A C `int` argument (CPython's `i` converter).
fn c_int_arg(v: &Value) -> PyResult<i64> {
    let i = native::int_arg(v, "")?;
    if i32::try_from(i).is_err() {
        return Err(exc::overflow_error("Python int too large to convert to C int"));
    }
    Ok(i)
}

/// Exactly `n` positional arguments after the module (CPython's message
/// for a positional-only clinic function).
fn positional<'a>(fname: &str, args: &'a [Value], n: usize) -> PyResult<&'a [Value]> {
    let args = &args[1..];
    if args.len() != n {
        let what = if n == 1 { "argument" } else { "arguments" };
        return Err(exc::type_error(if n == 1 {
            format!("{fname}() takes exactly one argument ({} given)", args.len())
        } else {
            format!("{fname} expected {n} {what}, got {}", args.len())
        }));
    }
    Ok(args)
}

/// A signal number argument in range, else "signal number out of range".
fn signum_arg(v: &Value) -> PyResult<usize> {
    let sig = c_int_arg(v)?;
    if !signals::in_range(sig) {
        return Err(exc::value_error("signal number out of range"));
    }
    Ok(sig as usize)
}

fn main_thread_only(what: &str) -> PyResult<()> {
    if signals::is_main_thread() {
        Ok(())
    } else {
        Err(exc::value_error(format!("{what} only works in main thread of the main interpreter")))
    }
}

/// The Python object for a handler (`getsignal`'s answer).
fn handler_object(h: Handler) -> Value {
    match h {
        Handler::Default => int::from_i64(SIG_DFL),
        Handler::Ignore => int::from_i64(SIG_IGN),
        Handler::DefaultInt => default_int_object().unwrap_or_else(none),
        Handler::Python(v) => v,
        Handler::Foreign => none(),
    }
}

/// `signal(signalnum, handler)`: installs `handler`, returns the old one.
fn signal_signal(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("signal", args, 2)?;
    main_thread_only("signal")?;
    let sig = signum_arg(&args[0])?;
    let new = handler_of(&args[1])?;
    signals::check()?;
    let old =
        signals::set_handler(sig, new).map_err(|e| taipan_vm::objects::os_error::from_io_error(&e, None))?;
    Ok(handler_object(old))
}

/// What `signal.signal` was given, as a `Handler`.
fn handler_of(v: &Value) -> PyResult<Handler> {
    if taipan_vm::builtins::functions::is_callable(v) {
        if default_int_object().is_some_and(|f| f.is(v)) {
            return Ok(Handler::DefaultInt);
        }
        return Ok(Handler::Python(v.clone()));
    }
    if taipan_vm::types::type_of(v).is(&rt().types.int) {
        match int::to_i64(v) {
            Some(SIG_IGN) => return Ok(Handler::Ignore),
            Some(SIG_DFL) => return Ok(Handler::Default),
            _ => {}
        }
    }
    Err(exc::type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object"))
}

/// `getsignal(signalnum)`.
fn signal_getsignal(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("getsignal", args, 1)?;
    let sig = signum_arg(&args[0])?;
    Ok(handler_object(signals::handler(sig)))
}

/// `raise_signal(signalnum)`: sends the signal to the calling thread and
/// runs its Python handler at once.
fn signal_raise_signal(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("raise_signal", args, 1)?;
    let sig = c_int_arg(&args[0])?;
    // SAFETY: raise has no memory-safety preconditions; a bad number fails.
    if unsafe { libc::raise(sig as libc::c_int) } != 0 {
        return Err(last_os_error());
    }
    signals::check()?;
    Ok(none())
}

fn last_os_error() -> exc::PyErr {
    taipan_vm::objects::os_error::from_io_error(&std::io::Error::last_os_error(), None)
}

/// `strsignal(signalnum)`: the C library's description, None if unknown.
fn signal_strsignal(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("strsignal", args, 1)?;
    let sig = signum_arg(&args[0])?;
    // SAFETY: strsignal returns a pointer to a NUL-terminated string (or
    // NULL) valid until the next call; it is copied at once on this thread.
    let text = unsafe {
        let p = libc::strsignal(sig as libc::c_int);
        if p.is_null() {
            return Ok(none());
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if text.contains("Unknown signal") {
        return Ok(none());
    }
    Ok(pystr::new(&text))
}

fn empty_sigset() -> libc::sigset_t {
    // SAFETY: a zeroed sigset_t is valid storage for sigemptyset.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid sigset_t.
    unsafe { libc::sigemptyset(&mut set) };
    set
}

fn full_sigset() -> libc::sigset_t {
    let mut set = empty_sigset();
    // SAFETY: `set` is a valid sigset_t.
    unsafe { libc::sigfillset(&mut set) };
    set
}

/// The signals of a C signal set, as a Python set.
fn sigset_to_set(set: &libc::sigset_t) -> PyResult<Value> {
    // SAFETY: `set` is a valid, initialised sigset_t; sigismember reads it.
    let members = (1..NSIG as i32).filter(|&s| unsafe { libc::sigismember(set, s) } == 1);
    set::new_set(members.map(|s| int::from_i64(s as i64)).collect())
}

/// A C signal set from an iterable of signal numbers.
fn sigset_from(v: &Value) -> PyResult<libc::sigset_t> {
    let mut set = empty_sigset();
    for item in taipan_vm::ops::collect(v)? {
        let sig = c_int_arg(&item)?;
        if !signals::in_range(sig) {
            return Err(exc::value_error(format!("signal number {sig} out of range [1; {}]", NSIG - 1)));
        }
        // SAFETY: `set` is valid and `sig` is a valid signal number.
        unsafe { libc::sigaddset(&mut set, sig as libc::c_int) };
    }
    Ok(set)
}

/// `pthread_sigmask(how, mask)`: the previous mask.
fn signal_pthread_sigmask(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("pthread_sigmask", args, 2)?;
    let how = c_int_arg(&args[0])?;
    let mask = sigset_from(&args[1])?;
    let mut old = empty_sigset();
    // SAFETY: both sets are valid sigset_t values.
    let err = unsafe { libc::pthread_sigmask(how as libc::c_int, &mask, &mut old) };
    if err != 0 {
        return Err(taipan_vm::objects::os_error::from_errno(err, None, None));
    }
    signals::check()?;
    sigset_to_set(&old)
}

/// `pthread_kill(thread_id, signalnum)`.
fn signal_pthread_kill(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("pthread_kill", args, 2)?;
    let thread = int::to_bigint(&args[0])
        .and_then(|b| u64::try_from(b).ok())
        .ok_or_else(|| exc::overflow_error("Python int too large to convert to C unsigned long"))?;
    let sig = c_int_arg(&args[1])?;
    // SAFETY: an unknown thread id gives ESRCH on Linux for live ids;
    // Python code passing a stale id is its own business, as in CPython.
    let err = unsafe { libc::pthread_kill(thread as libc::pthread_t, sig as libc::c_int) };
    if err != 0 {
        return Err(taipan_vm::objects::os_error::from_errno(err, None, None));
    }
    signals::check()?;
    Ok(none())
}

/// `sigpending()`: the signals pending while blocked.
fn signal_sigpending(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("sigpending", args, 0)?;
    let mut set = empty_sigset();
    // SAFETY: `set` is a valid sigset_t to write into.
    if unsafe { libc::sigpending(&mut set) } != 0 {
        return Err(last_os_error());
    }
    sigset_to_set(&set)
}

/// `sigwait(sigset)`: waits for one of the (blocked) signals.
fn signal_sigwait(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("sigwait", args, 1)?;
    let set = sigset_from(&args[0])?;
    let mut sig: libc::c_int = 0;
    // SAFETY: `set` is a valid sigset_t and `sig` a writable int.
    let err = unsafe { libc::sigwait(&set, &mut sig) };
    if err != 0 {
        return Err(taipan_vm::objects::os_error::from_errno(err, None, None));
    }
    Ok(int::from_i64(sig as i64))
}

/// `sigwaitinfo(sigset)`: waits for one of the (blocked) signals; its
/// `struct_siginfo`. EINTR runs the handlers and waits on (PEP 475).
fn signal_sigwaitinfo(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("sigwaitinfo", args, 1)?;
    let set = sigset_from(&args[0])?;
    loop {
        // SAFETY: a zeroed siginfo_t is valid storage for the kernel to fill.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `set` and `info` are valid.
        if unsafe { libc::sigwaitinfo(&set, &mut info) } >= 0 {
            return siginfo_value(&info);
        }
        wait_failed()?;
    }
}

/// After a failed wait: EINTR runs the handlers (Ok: wait again), any other
/// error is raised.
fn wait_failed() -> PyResult<()> {
    let err = std::io::Error::last_os_error();
    if err.raw_os_error() == Some(libc::EINTR) {
        return signals::check();
    }
    Err(taipan_vm::objects::os_error::from_io_error(&err, None))
}

/// `sigtimedwait(sigset, timeout)`: as `sigwaitinfo`, None on timeout.
fn signal_sigtimedwait(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("sigtimedwait", args, 2)?;
    let set = sigset_from(&args[0])?;
    let timeout = timeout_arg(&args[1])?;
    let deadline = std::time::Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let ts = libc::timespec {
            tv_sec: left.as_secs() as libc::time_t,
            tv_nsec: left.subsec_nanos() as libc::c_long,
        };
        // SAFETY: a zeroed siginfo_t is valid storage for the kernel to fill.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `set`, `info` and `ts` are valid.
        if unsafe { libc::sigtimedwait(&set, &mut info, &ts) } >= 0 {
            return siginfo_value(&info);
        }
        if std::io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN) {
            return Ok(none());
        }
        wait_failed()?;
    }
}

/// A timeout in seconds (int or float, not negative).
fn timeout_arg(v: &Value) -> PyResult<std::time::Duration> {
    let secs = if int::is_int(v) {
        native::int_arg(v, "")? as f64
    } else if let Some(f) = float::to_f64(v) {
        f
    } else {
        return Err(exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            taipan_vm::types::type_name(v)
        )));
    };
    if secs.is_nan() {
        return Err(exc::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(exc::value_error("timeout must be non-negative"));
    }
    if secs > 9.2e9 {
        return Err(exc::overflow_error("timestamp too large to convert to C _PyTime_t"));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

/// A `struct_siginfo` from the kernel's `siginfo_t`.
fn siginfo_value(info: &libc::siginfo_t) -> PyResult<Value> {
    // SAFETY: the accessors read the union members that the signals waited
    // for (process signals: pid/uid/status) fill; others read as zero.
    let (pid, uid, status) = unsafe { (info.si_pid(), info.si_uid(), info.si_status()) };
    let values = vec![
        int::from_i64(info.si_signo as i64),
        int::from_i64(info.si_code as i64),
        int::from_i64(info.si_errno as i64),
        int::from_i64(pid as i64),
        int::from_i64(uid as i64),
        int::from_i64(status as i64),
        int::from_i64(0),
    ];
    let ty = OBJECTS
        .with(|o| o.get().map(|(_, _, t)| t.clone()))
        .ok_or_else(|| exc::system_error("_signal not initialised"))?;
    taipan_vm::modules::structseq::new_instance(&ty, values)
}

/// `pidfd_send_signal(pidfd, signalnum, siginfo=None, flags=0, /)`.
fn signal_pidfd_send_signal(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = &args[1..];
    if !(2..=4).contains(&args.len()) {
        return Err(exc::type_error(format!(
            "pidfd_send_signal expected at least 2 arguments, got {}",
            args.len()
        )));
    }
    let pidfd = c_int_arg(&args[0])?;
    let sig = c_int_arg(&args[1])?;
    if args.get(2).is_some_and(|v| !v.is(&rt().none)) {
        return Err(exc::type_error("siginfo must be None"));
    }
    let flags = match args.get(3) {
        Some(v) => c_int_arg(v)?,
        None => 0,
    };
    // SAFETY: the pidfd_send_signal system call takes plain integers and a
    // NULL siginfo; a bad descriptor fails with EBADF.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd as libc::c_int,
            sig as libc::c_int,
            std::ptr::null::<libc::siginfo_t>(),
            flags as libc::c_uint,
        )
    };
    if rc < 0 {
        return Err(last_os_error());
    }
    Ok(none())
}

/// `alarm(seconds)`: the seconds left of the previous alarm.
fn signal_alarm(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("alarm", args, 1)?;
    let secs = c_int_arg(&args[0])?;
    // SAFETY: alarm has no preconditions.
    let left = unsafe { libc::alarm(secs as u32) };
    Ok(int::from_i64(left as i64))
}

/// `pause()`: waits for a signal, then runs its handler.
fn signal_pause(args: &[Value], _: &[Value]) -> PyResult<Value> {
    positional("pause", args, 0)?;
    // SAFETY: pause has no preconditions; it returns after a handler ran.
    unsafe { libc::pause() };
    signals::check()?;
    Ok(none())
}

fn timeval_of(secs: f64) -> libc::timeval {
    let whole = secs.floor();
    let mut usec = ((secs - whole) * 1e6).round() as i64;
    let mut sec = whole as i64;
    if usec >= 1_000_000 {
        sec += 1;
        usec -= 1_000_000;
    }
    // A positive delay below one microsecond still arms the timer, as
    // CPython's rounding up (`_PyTime_ROUND_CEILING`) does.
    if sec == 0 && usec == 0 && secs > 0.0 {
        usec = 1;
    }
    libc::timeval { tv_sec: sec as libc::time_t, tv_usec: usec as libc::suseconds_t }
}

fn seconds_of(tv: &libc::timeval) -> f64 {
    tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6
}

/// `(delay, interval)` of a timer.
fn itimer_tuple(v: &libc::itimerval) -> Value {
    tuple::new(vec![Value::float(seconds_of(&v.it_value)), Value::float(seconds_of(&v.it_interval))])
}

/// `ItimerError(errno, strerror)` for the last failed call.
fn itimer_error() -> exc::PyErr {
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    let cls =
        OBJECTS.with(|o| o.get().map(|(_, e, _)| e.clone())).unwrap_or_else(|| rt().exc.os_error.clone());
    let args = [int::from_i64(errno as i64), pystr::new(&taipan_vm::objects::os_error::strerror(errno))];
    match taipan_vm::call::call(&cls, &args, &[]) {
        Ok(e) => exc::PyErr(e),
        Err(e) => e,
    }
}

fn seconds_arg(v: &Value) -> PyResult<f64> {
    let secs = float::float_of(v)?;
    if !secs.is_finite() || secs.abs() > 9.2e18 {
        return Err(exc::overflow_error("timestamp too large to convert to C _PyTime_t"));
    }
    Ok(secs)
}

/// `setitimer(which, seconds, interval=0.0)`: the previous timer.
fn signal_setitimer(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("setitimer", &args[1..], kwnames, &["which", "seconds", "interval"], 2)?;
    let which = c_int_arg(a[0].as_ref().expect("required"))?;
    let delay = seconds_arg(a[1].as_ref().expect("required"))?;
    let interval = match &a[2] {
        Some(v) => seconds_arg(v)?,
        None => 0.0,
    };
    let new = libc::itimerval { it_value: timeval_of(delay), it_interval: timeval_of(interval) };
    // SAFETY: a zeroed itimerval is valid storage for the old timer.
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    // SAFETY: `new` and `old` are valid itimerval values.
    if unsafe { libc::setitimer(which as libc::c_int, &new, &mut old) } != 0 {
        return Err(itimer_error());
    }
    Ok(itimer_tuple(&old))
}

/// `getitimer(which)`.
fn signal_getitimer(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("getitimer", args, 1)?;
    let which = c_int_arg(&args[0])?;
    // SAFETY: a zeroed itimerval is valid storage.
    let mut cur: libc::itimerval = unsafe { std::mem::zeroed() };
    // SAFETY: `cur` is a valid itimerval to write into.
    if unsafe { libc::getitimer(which as libc::c_int, &mut cur) } != 0 {
        return Err(itimer_error());
    }
    Ok(itimer_tuple(&cur))
}

/// `siginterrupt(signalnum, flag)`.
fn signal_siginterrupt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("siginterrupt", args, 2)?;
    let sig = signum_arg(&args[0])?;
    let flag = c_int_arg(&args[1])?;
    signals::set_interrupt(sig, flag != 0)
        .map_err(|e| taipan_vm::objects::os_error::from_io_error(&e, None))?;
    Ok(none())
}

/// `set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)`: the previous fd.
fn signal_set_wakeup_fd(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("set_wakeup_fd", &args[1..], kwnames, &["fd", "warn_on_full_buffer"], 1)?;
    let fd = c_int_arg(a[0].as_ref().expect("required"))?;
    main_thread_only("set_wakeup_fd")?;
    if fd != -1 {
        check_wakeup_fd(fd as i32)?;
    }
    Ok(int::from_i64(signals::set_wakeup_fd(fd as i32) as i64))
}

/// The wakeup fd must be open and non-blocking.
fn check_wakeup_fd(fd: i32) -> PyResult<()> {
    // SAFETY: F_GETFL on any int is safe; a bad fd fails with EBADF.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(last_os_error());
    }
    if flags & libc::O_NONBLOCK == 0 {
        return Err(exc::value_error(format!("the fd {fd} must be in non-blocking mode")));
    }
    Ok(())
}
