//! Signal delivery, as CPython's `Modules/signalmodule.c` does it: the
//! C-level handler (`trip`) only records that a signal arrived — one
//! atomic flag per signal plus the "signals pending" bit of the eval
//! breaker (`gil.rs`), which the eval loop checks at its periodic check
//! points (RESUME and backward jumps) with one relaxed load.
//! When set, `run_pending` calls the Python handlers on the main thread;
//! an exception from a handler propagates from that instruction.
//!
//! This module owns the handler table (what `signal.getsignal` reports)
//! and the `sigaction` calls; the Python-facing `_signal` module
//! (`taipan-stdlib/src/_signal.rs`) is a thin layer over it. Blocking
//! calls that see `EINTR` call `check` and retry (PEP 475). The CLI calls
//! `install_startup_handlers` (SIGINT → KeyboardInterrupt, SIGPIPE and
//! SIGXFSZ ignored) and, after an uncaught KeyboardInterrupt, `exit_by_sigint`.

use crate::exceptions::{self as exc, PyResult};
use crate::objects::int;
use crate::runtime::rt;
use crate::value::Value;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

/// One more than the highest signal number (Linux: 64 real-time included).
pub const NSIG: usize = 65;

/// Per signal: it arrived and its handler has not run yet.
static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
/// The file descriptor `trip` writes the signal number to (-1: none).
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);
/// The Python main thread (`pthread_self`; 0 until the first handler
/// is set or the start-up handlers are installed).
static MAIN_THREAD: AtomicU64 = AtomicU64::new(0);
/// The program ended with an uncaught KeyboardInterrupt.
static UNHANDLED_INTERRUPT: AtomicBool = AtomicBool::new(false);

/// What a signal does, as `signal.getsignal` sees it.
#[derive(Clone)]
pub enum Handler {
    /// `SIG_DFL`: the operating system's default action.
    Default,
    /// `SIG_IGN`.
    Ignore,
    /// `signal.default_int_handler`: raise KeyboardInterrupt.
    DefaultInt,
    /// A Python callable, called as `handler(signum, frame)`.
    Python(Value),
    /// A handler installed outside Python (`getsignal` gives None).
    Foreign,
}

crate::interp_static! {
    /// The handlers of the main thread's interpreter, filled from the
    /// operating system's dispositions on first use.
    static HANDLERS: RefCell<Vec<Handler>> = const { RefCell::new(Vec::new()) };
}

/// The C-level handler: records the signal and wakes the wakeup fd. Only
/// async-signal-safe work: atomic stores and `write`.
extern "C" fn trip(sig: libc::c_int) {
    // SAFETY: reading errno through the libc accessor is async-signal-safe.
    let saved = unsafe { *libc::__errno_location() };
    if let Some(flag) = TRIPPED.get(sig as usize) {
        flag.store(true, Ordering::Relaxed);
        crate::gil::set_signals_pending();
    }
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = sig as u8;
        // SAFETY: `write` is async-signal-safe; the buffer is one live byte.
        // A full or closed fd is ignored, as CPython does without a warning.
        unsafe { libc::write(fd, &byte as *const u8 as *const libc::c_void, 1) };
    }
    // SAFETY: as above; restores what the interrupted code saw.
    unsafe { *libc::__errno_location() = saved };
}

/// Whether a signal is waiting for its Python handler (one relaxed load).
#[inline(always)]
pub fn pending() -> bool {
    crate::gil::signals_pending()
}

/// Runs the Python handlers of signals that arrived, if any (the eval
/// loop's check point and the `EINTR` retry loops call this).
#[inline(always)]
pub fn check() -> PyResult<()> {
    if pending() {
        run_pending()
    } else {
        Ok(())
    }
}

/// Calls the handler of each tripped signal, lowest number first, on the
/// main thread only. An exception stops the run; the signals not yet
/// handled stay pending (CPython's `_PyErr_CheckSignalsTstate`).
#[cold]
#[inline(never)]
pub fn run_pending() -> PyResult<()> {
    if !is_main_thread() {
        return Ok(());
    }
    crate::gil::clear_signals_pending();
    std::sync::atomic::fence(Ordering::Acquire);
    for (sig, flag) in TRIPPED.iter().enumerate().skip(1) {
        if !flag.swap(false, Ordering::Relaxed) {
            continue;
        }
        if let Err(e) = run_handler(sig) {
            crate::gil::set_signals_pending();
            return Err(e);
        }
    }
    Ok(())
}

/// Calls the Python-level handler of one signal.
fn run_handler(sig: usize) -> PyResult<()> {
    match handler(sig) {
        Handler::DefaultInt => Err(keyboard_interrupt()),
        Handler::Python(func) => {
            let frame = current_frame();
            crate::call::call(&func, &[int::from_i64(sig as i64), frame], &[]).map(drop)
        }
        Handler::Default | Handler::Ignore | Handler::Foreign => {
            let e = exc::with_msg(&rt().exc.os_error, format!("Signal {sig} ignored due to race condition"));
            crate::modules::sys::write_unraisable("Exception ignored in: None", &e);
            Ok(())
        }
    }
}

/// `KeyboardInterrupt()`, as `signal.default_int_handler` raises it.
pub fn keyboard_interrupt() -> exc::PyErr {
    exc::new_exception(&rt().exc.keyboard_interrupt, Vec::new())
}

/// The frame object of the innermost Python frame (None outside any).
fn current_frame() -> Value {
    let r = rt();
    crate::objects::frame_object::innermost(&r.thread).unwrap_or_else(|| r.none.clone())
}

/// Whether the calling thread is Python's main thread (the first thread
/// that asked counts as main when no start-up handlers were installed).
pub fn is_main_thread() -> bool {
    let me = current_thread();
    match MAIN_THREAD.compare_exchange(0, me, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => true,
        Err(main) => main == me,
    }
}

fn current_thread() -> u64 {
    // SAFETY: pthread_self has no preconditions and cannot fail.
    unsafe { libc::pthread_self() as u64 }
}

/// Whether `sig` is a valid signal number (1 ≤ sig < NSIG).
pub fn in_range(sig: i64) -> bool {
    (1..NSIG as i64).contains(&sig)
}

/// The Python-level handler of `sig` (which must be in range).
pub fn handler(sig: usize) -> Handler {
    with_handlers(|h| h[sig].clone())
}

fn with_handlers<T>(f: impl FnOnce(&mut Vec<Handler>) -> T) -> T {
    HANDLERS.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_empty() {
            *h = (0..NSIG).map(os_disposition).collect();
        }
        f(&mut h)
    })
}

/// What the operating system does for `sig` now, as a `Handler`.
fn os_disposition(sig: usize) -> Handler {
    if sig == 0 {
        return Handler::Default;
    }
    // SAFETY: a zeroed sigaction is a valid out-parameter; passing NULL as
    // the new action only queries.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: `old` is a valid sigaction to write into.
    if unsafe { libc::sigaction(sig as libc::c_int, std::ptr::null(), &mut old) } != 0 {
        return Handler::Default;
    }
    match old.sa_sigaction {
        libc::SIG_DFL => Handler::Default,
        libc::SIG_IGN => Handler::Ignore,
        // Rust's runtime guards the main thread's stack with SIGSEGV and
        // SIGBUS handlers; CPython reports SIG_DFL for those.
        _ if sig as libc::c_int == libc::SIGSEGV || sig as libc::c_int == libc::SIGBUS => Handler::Default,
        _ => Handler::Foreign,
    }
}

/// Sets the handler of `sig` (in range) for the operating system and for
/// Python; returns the previous one. SIGKILL/SIGSTOP give the OS error.
pub fn set_handler(sig: usize, new: Handler) -> std::io::Result<Handler> {
    let action = match &new {
        Handler::Default => libc::SIG_DFL,
        Handler::Ignore => libc::SIG_IGN,
        Handler::DefaultInt | Handler::Python(_) | Handler::Foreign => {
            trip as extern "C" fn(libc::c_int) as usize
        }
    };
    os_set_action(sig as libc::c_int, action, false)?;
    Ok(with_handlers(|h| std::mem::replace(&mut h[sig], new)))
}

/// `sigaction(sig, action)` without SA_RESTART unless `restart` (so that
/// blocking calls see EINTR and run the handlers, as CPython's).
fn os_set_action(sig: libc::c_int, action: usize, restart: bool) -> std::io::Result<()> {
    // SAFETY: a zeroed sigaction is valid; every field used is set below.
    let mut sa: libc::sigaction = unsafe { std::mem::zeroed() };
    sa.sa_sigaction = action;
    sa.sa_flags = libc::SA_ONSTACK | if restart { libc::SA_RESTART } else { 0 };
    // SAFETY: `sa.sa_mask` is a valid sigset_t to initialise.
    unsafe { libc::sigemptyset(&mut sa.sa_mask) };
    // SAFETY: `sa` is fully initialised; the old action is not wanted.
    if unsafe { libc::sigaction(sig, &sa, std::ptr::null_mut()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// `signal.siginterrupt(sig, flag)`: whether system calls interrupted by
/// `sig` fail with EINTR (flag true) or restart (false). Keeps the handler.
pub fn set_interrupt(sig: usize, interrupt: bool) -> std::io::Result<()> {
    let sig = sig as libc::c_int;
    // SAFETY: a zeroed sigaction is a valid out-parameter.
    let mut sa: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: query only: `sa` receives the current action.
    if unsafe { libc::sigaction(sig, std::ptr::null(), &mut sa) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    if interrupt {
        sa.sa_flags &= !libc::SA_RESTART;
    } else {
        sa.sa_flags |= libc::SA_RESTART;
    }
    // SAFETY: `sa` is the valid action just read, with one flag changed.
    if unsafe { libc::sigaction(sig, &sa, std::ptr::null_mut()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Records that `sig` arrived, as the C handler would (`signal.raise_signal`
/// of a signal whose handler is Python's goes through the OS instead;
/// `_thread.interrupt_main` uses this).
pub fn trip_now(sig: usize) {
    trip(sig as libc::c_int);
}

/// Sets the wakeup fd (-1: none); returns the previous one.
pub fn set_wakeup_fd(fd: i32) -> i32 {
    WAKEUP_FD.swap(fd, Ordering::Relaxed)
}

/// The start-up handlers of CPython (`signal_install_handlers`): SIGPIPE
/// and SIGXFSZ ignored, SIGINT raising KeyboardInterrupt unless it was
/// already ignored or handled. The calling thread becomes the main thread.
pub fn install_startup_handlers() {
    MAIN_THREAD.store(current_thread(), Ordering::Relaxed);
    for sig in [libc::SIGPIPE, libc::SIGXFSZ] {
        let _ = set_handler(sig as usize, Handler::Ignore);
    }
    if matches!(handler(libc::SIGINT as usize), Handler::Default) {
        let _ = set_handler(libc::SIGINT as usize, Handler::DefaultInt);
    }
}

/// Blocks the asynchronous signals in the calling thread, so that the
/// kernel delivers them to the interpreter's thread (where blocking calls
/// then fail with EINTR). The CLI's first thread calls this once it has
/// started the interpreter thread and only waits for it.
pub fn block_in_this_thread() {
    // SAFETY: a zeroed sigset_t is valid input to sigfillset.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid sigset_t; the old mask is not wanted.
    unsafe {
        libc::sigfillset(&mut set);
        for sig in [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE, libc::SIGILL] {
            libc::sigdelset(&mut set, sig);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

/// Notes that the program ends with an uncaught KeyboardInterrupt (the
/// traceback is printed by then).
pub fn note_unhandled_interrupt() {
    UNHANDLED_INTERRUPT.store(true, Ordering::Relaxed);
}

/// After an uncaught KeyboardInterrupt, ends the process as killed by
/// SIGINT, as CPython does (`exit_sigint`), so that shells see it; returns
/// when there was none (or when the signal did not end the process).
pub fn exit_if_interrupted() {
    if !UNHANDLED_INTERRUPT.load(Ordering::Relaxed) {
        return;
    }
    let _ = os_set_action(libc::SIGINT, libc::SIG_DFL, false);
    // SAFETY: a zeroed sigset_t is valid; unblocking SIGINT and signalling
    // ourselves have no memory-safety preconditions.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::kill(libc::getpid(), libc::SIGINT);
    }
}
