//! The global interpreter lock (DESIGN.md §4: non-atomic reference counts,
//! one lock guards the interpreter, `threading` runs real OS threads that
//! take turns), and the statics it guards ([`interp_static!`]).
//!
//! A thread holds the lock while it runs Python code or touches any
//! `Value`. Hand-off follows CPython's `ceval_gil.c`: a thread that wants
//! the lock waits up to the switch interval (`sys.setswitchinterval`,
//! 5 ms), then sets the drop request bit of the eval breaker; the holder
//! sees it at the eval loop's next check point (RESUME, backward jumps),
//! releases the lock and waits until another thread has taken it before
//! asking again (FORCE_SWITCHING), so one busy thread cannot starve the
//! others. The eval breaker is one word carrying both that bit and the
//! "signal pending" bit, so a check point is one relaxed load.
//!
//! Native code that blocks — `sleep`, `read`/`write` on pipes and sockets,
//! `select`, `waitpid`, waiting on a lock — wraps the blocking system call
//! in [`allow_threads`] so that other Python threads run meanwhile. The
//! closure must not touch any `Value` or interpreter state: copy what it
//! needs (file descriptors, byte buffers) out first.
//!
//! A thread takes the lock when it first reaches the runtime (`rt()`) and
//! gives it back when it ends, so that Rust threads embedding the VM (the
//! test harness's) take turns too.

use std::cell::Cell;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// Eval breaker bit: some signal's Python handler has not run yet.
pub const SIGNALS_PENDING: u32 = 1;
/// Eval breaker bit: another thread waits for the lock.
pub const DROP_REQUEST: u32 = 2;

/// The eval breaker: nonzero when the eval loop must leave its fast path.
static EVAL_BREAKER: AtomicU32 = AtomicU32::new(0);

/// The switch interval in microseconds.
static INTERVAL_US: AtomicU64 = AtomicU64::new(5000);

struct State {
    locked: bool,
    /// How many times the lock was taken (a hand-off changes it).
    switches: u64,
    /// Threads waiting in `take`.
    waiters: usize,
    /// Threads waiting in `yield_now` for a hand-off.
    yielders: usize,
}

static STATE: Mutex<State> = Mutex::new(State { locked: false, switches: 0, waiters: 0, yielders: 0 });
/// Signalled when the lock is released (to one waiter).
static RELEASED: Condvar = Condvar::new();
/// Signalled when the lock is taken (to threads that yielded it).
static TAKEN: Condvar = Condvar::new();

/// Whether this thread holds the lock; gives it back when the thread ends.
struct Held(Cell<bool>);

impl Drop for Held {
    fn drop(&mut self) {
        if self.0.get() {
            self.0.set(false);
            unlock();
        }
    }
}

thread_local! {
    static HELD: Held = const { Held(Cell::new(false)) };
}

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

fn interval() -> Duration {
    Duration::from_micros(INTERVAL_US.load(Ordering::Relaxed).max(1))
}

/// Whether the calling thread holds the lock.
pub fn held() -> bool {
    HELD.with(|h| h.0.get())
}

/// Takes the lock (the calling thread must not hold it).
pub fn acquire() {
    let mut s = state();
    if s.locked {
        s.waiters += 1;
        while s.locked {
            let before = s.switches;
            let (g, res) = RELEASED.wait_timeout(s, interval()).unwrap_or_else(PoisonError::into_inner);
            s = g;
            if res.timed_out() && s.locked && s.switches == before {
                EVAL_BREAKER.fetch_or(DROP_REQUEST, Ordering::Relaxed);
            }
        }
        s.waiters -= 1;
    }
    s.locked = true;
    s.switches = s.switches.wrapping_add(1);
    EVAL_BREAKER.fetch_and(!DROP_REQUEST, Ordering::Relaxed);
    let wake = s.yielders > 0;
    drop(s);
    if wake {
        TAKEN.notify_all();
    }
    HELD.with(|h| h.0.set(true));
}

/// Releases the lock (the calling thread must hold it).
pub fn release() {
    HELD.with(|h| h.0.set(false));
    unlock();
}

fn unlock() {
    let mut s = state();
    s.locked = false;
    let wake = s.waiters > 0;
    drop(s);
    if wake {
        RELEASED.notify_one();
    }
}

/// Takes the lock if the calling thread does not hold it yet.
pub fn ensure_held() {
    if !held() {
        acquire();
    }
}

/// Gives the lock to a waiting thread and takes it back after it (the
/// eval loop does this on a drop request).
fn yield_now() {
    HELD.with(|h| h.0.set(false));
    let mut s = state();
    s.locked = false;
    let before = s.switches;
    let wake = s.waiters > 0;
    if wake {
        RELEASED.notify_one();
        s.yielders += 1;
        let deadline = std::time::Instant::now() + interval() * 4;
        while s.switches == before && s.waiters > 0 {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            s = TAKEN.wait_timeout(s, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        s.yielders -= 1;
    }
    drop(s);
    acquire();
}

/// Runs `f` with the interpreter lock released, then takes it back.
#[inline]
pub fn allow_threads<R>(f: impl FnOnce() -> R) -> R {
    if !held() {
        return f();
    }
    release();
    let r = f();
    acquire();
    r
}

/// Whether the eval loop must leave its fast path (one relaxed load).
#[inline(always)]
pub fn breaker_set() -> bool {
    EVAL_BREAKER.load(Ordering::Relaxed) != 0
}

/// The eval loop's slow path at a check point: hands the lock over when
/// asked to, then runs pending signal handlers (main thread only).
#[cold]
#[inline(never)]
pub fn handle_breaker() -> crate::exceptions::PyResult<()> {
    if EVAL_BREAKER.load(Ordering::Relaxed) & DROP_REQUEST != 0 && held() {
        yield_now();
    }
    if signals_pending() {
        return crate::signals::run_pending();
    }
    Ok(())
}

/// Sets the signal bit (async-signal-safe: one atomic RMW).
#[inline(always)]
pub fn set_signals_pending() {
    EVAL_BREAKER.fetch_or(SIGNALS_PENDING, Ordering::Release);
}

/// Clears the signal bit.
#[inline(always)]
pub fn clear_signals_pending() {
    EVAL_BREAKER.fetch_and(!SIGNALS_PENDING, Ordering::Relaxed);
}

/// Whether the signal bit is set.
#[inline(always)]
pub fn signals_pending() -> bool {
    EVAL_BREAKER.load(Ordering::Relaxed) & SIGNALS_PENDING != 0
}

/// `sys.getswitchinterval()` in seconds.
pub fn switch_interval() -> f64 {
    INTERVAL_US.load(Ordering::Relaxed) as f64 / 1e6
}

/// `sys.setswitchinterval(seconds)` (positive; the caller checks).
pub fn set_switch_interval(seconds: f64) {
    let us = (seconds * 1e6).clamp(1.0, u64::MAX as f64 / 2.0) as u64;
    INTERVAL_US.store(us, Ordering::Relaxed);
}

/// In the child of `fork()`: only the calling thread survives, and it
/// holds the lock; the other threads' waits are forgotten.
pub fn after_fork_child() {
    let mut s = state();
    s.locked = true;
    s.waiters = 0;
    s.yielders = 0;
    drop(s);
    EVAL_BREAKER.fetch_and(!DROP_REQUEST, Ordering::Relaxed);
    HELD.with(|h| h.0.set(true));
}

/// A process-wide static for interpreter-wide state (type objects, caches,
/// the collector's lists, …), declared like `thread_local!` and read with
/// the same `.with(|x| ..)`: see [`interp_static!`](crate::interp_static).
/// Its contents may be `!Sync` because they are only touched with the
/// interpreter lock held.
pub struct InterpStatic<T> {
    value: T,
}

// SAFETY: an `InterpStatic` is only reached by code running with the
// interpreter lock held (every thread that runs Python code holds it, and
// `allow_threads` closures must not touch interpreter state), so no two
// threads access its contents at the same time.
unsafe impl<T> Sync for InterpStatic<T> {}

impl<T> InterpStatic<T> {
    /// A static initialised at compile time (`= const { .. }`).
    pub const fn new(value: T) -> InterpStatic<T> {
        InterpStatic { value }
    }

    /// Runs `f` on the contents.
    #[inline(always)]
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.value)
    }
}

/// A lazily initialised [`InterpStatic`] (`= expr` without `const`).
pub struct InterpLazy<T> {
    cell: std::cell::OnceCell<T>,
    init: fn() -> T,
}

// SAFETY: as for `InterpStatic`: only touched with the interpreter lock held.
unsafe impl<T> Sync for InterpLazy<T> {}

impl<T> InterpLazy<T> {
    pub const fn new(init: fn() -> T) -> InterpLazy<T> {
        InterpLazy { cell: std::cell::OnceCell::new(), init }
    }

    /// Runs `f` on the contents, initialising them on first use.
    #[inline(always)]
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(self.cell.get_or_init(self.init))
    }

    /// As [`with`](Self::with); never fails (a process-wide static is not
    /// destroyed when a thread ends), kept for `LocalKey`'s API.
    #[inline(always)]
    pub fn try_with<R>(&'static self, f: impl FnOnce(&T) -> R) -> Result<R, std::convert::Infallible> {
        Ok(self.with(f))
    }
}

/// Declares interpreter-wide statics with `thread_local!`'s syntax:
/// `static NAME: T = const { expr };` or `static NAME: T = expr;` (lazy).
/// Truly per-thread state (the runtime pointer, the dealloc trashcan, the
/// repr recursion guard) stays in `thread_local!`.
#[macro_export]
macro_rules! interp_static {
    () => {};
    ($(#[$attr:meta])* $vis:vis static $name:ident : $t:ty = const $init:block $(; $($rest:tt)*)?) => {
        $(#[$attr])* $vis static $name: $crate::gil::InterpStatic<$t> = $crate::gil::InterpStatic::new($init);
        $($crate::interp_static!($($rest)*);)?
    };
    ($(#[$attr:meta])* $vis:vis static $name:ident : $t:ty = $init:expr $(; $($rest:tt)*)?) => {
        $(#[$attr])* $vis static $name: $crate::gil::InterpLazy<$t> = $crate::gil::InterpLazy::new(|| $init);
        $($crate::interp_static!($($rest)*);)?
    };
}
