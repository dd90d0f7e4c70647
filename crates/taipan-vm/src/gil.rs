//! The global interpreter lock (DESIGN.md §4: non-atomic reference counts,
//! one lock guards the interpreter, `threading` runs real OS threads that
//! take turns).
//!
//! Native code that blocks — `sleep`, `read`/`write` on pipes and sockets,
//! `select`, `waitpid`, waiting on a lock — wraps the blocking system call
//! in [`allow_threads`] so that other Python threads run meanwhile. The
//! closure must not touch any `Value` or interpreter state: copy what it
//! needs (file descriptors, byte buffers) out first.
//!
//! Until threads land this is the single-threaded stub: it just calls `f`.

/// Runs `f` with the interpreter lock released, then takes it back.
#[inline]
pub fn allow_threads<R>(f: impl FnOnce() -> R) -> R {
    f()
}
