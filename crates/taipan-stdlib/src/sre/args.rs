//! Argument parsing for `_sre`'s methods with Argument Clinic's messages:
//! positional-or-keyword parameters, the first `required` of them required.

use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{int, str as pystr};
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
    let npos = args.len() - kwnames.len();
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    if npos > names.len() {
        let (lo, hi) = (required, names.len());
        let what = if lo == hi { "exactly" } else { "at most" };
        let s = if hi == 1 { "" } else { "s" };
        return Err(exc::type_error(format!("{func}() takes {what} {hi} argument{s} ({npos} given)")));
    }
    for (slot, v) in out.iter_mut().zip(&args[..npos]) {
        *slot = Some(v.clone());
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let key = pystr::as_str(k).unwrap_or("");
        let Some(i) = names.iter().position(|n| *n == key) else {
            return Err(exc::type_error(format!("'{key}' is an invalid keyword argument for {func}()")));
        };
        if out[i].is_some() {
            return Err(exc::type_error(format!(
                "argument for {func}() given by name ('{key}') and position ({})",
                i + 1
            )));
        }
        out[i] = Some(v.clone());
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(exc::type_error(format!(
                "{func}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
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
