//! Conversions of Python ints to C integer arguments with CPython's
//! messages, shared by the modules that wrap C calls (`fcntl`,
//! `resource`, `termios`).

use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native;
use taipan_vm::objects::int;
use taipan_vm::runtime::rt;
use taipan_vm::Value;

/// A C `int` (Argument Clinic's `int` converter): anything with
/// `__index__` that fits 32 bits, else CPython's TypeError/OverflowError.
pub(crate) fn c_int(v: &Value) -> PyResult<i32> {
    let too_large = || exc::overflow_error("Python int too large to convert to C int");
    let n =
        native::int_arg(v, "")
            .map_err(|e| if e.matches(&rt().exc.overflow_error) { too_large() } else { e })?;
    i32::try_from(n).map_err(|_| too_large())
}

/// A C `long` / `long long` (`PyLong_AsLong`): an int, or anything with
/// `__index__`.
pub(crate) fn c_long(v: &Value) -> PyResult<i64> {
    if int::is_int(v) {
        return int::to_i64(v)
            .ok_or_else(|| exc::overflow_error("Python int too large to convert to C long"));
    }
    native::int_arg(v, "")
}
