//! Argument parsing for `_sre`'s methods with Argument Clinic's messages:
//! positional-or-keyword parameters, the first `required` of them required.

use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::int;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// Binds `args` (self excluded) and keywords to `names`; `None` = omitted.
pub fn parse(
    func: &str,
    args: &[Value],
    kwnames: &[Value],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    taipan_vm::modules::native::bind_clinic(func, args, kwnames, names, required)
}

/// A `Py_ssize_t` argument (ints beyond the range are clamped, as
/// `_PyEval_SliceIndex`-style clinic converters do for pos/endpos).
pub fn ssize(v: &Option<Value>, default: i64) -> PyResult<i64> {
    let Some(v) = v else { return Ok(default) };
    if !int::is_int(v) && taipan_vm::types::lookup_str(&taipan_vm::types::type_of(v), "__index__").is_none() {
        return Err(exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        )));
    }
    match int::index_value(v) {
        Ok(Some(i)) => Ok(i),
        Ok(None) => Ok(default),
        Err(e) => Err(e),
    }
}
