//! Relative import names: `from ..a import b` in package `p.q` means
//! `p.a` (CPython's `resolve_name` in `import.c`, with its messages). The
//! package comes from `__package__`, else `__spec__.parent`, else
//! `__name__` (minus its last part unless the module is a package).

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{dict, str as pystr};
use crate::value::Value;

/// The absolute name for `name` imported at `level` from code running in `globals`.
pub fn resolve_name(name: &str, globals: Option<&Value>, level: i64) -> PyResult<String> {
    let globals = globals.filter(|g| dict::data(g).is_some());
    let Some(globals) = globals else {
        return Err(exc::key_error(pystr::new("'__name__' not in globals")));
    };
    let package = package_of(globals)?;
    if package.is_empty() {
        return Err(exc::import_error("attempted relative import with no known parent package"));
    }
    let base = strip_levels(&package, level)?;
    Ok(if name.is_empty() { base.to_string() } else { format!("{base}.{name}") })
}

/// The package a module belongs to, from its globals.
fn package_of(globals: &Value) -> PyResult<String> {
    let none = |v: &Option<Value>| v.as_ref().is_none_or(|v| v.is(&crate::runtime::rt().none));
    let package = dict::get_str(globals, &pystr::intern("__package__"));
    if !none(&package) {
        let p = package.unwrap_or_default();
        return pystr::as_str(&p)
            .map(str::to_string)
            .ok_or_else(|| exc::type_error("package must be a string"));
    }
    let spec = dict::get_str(globals, &pystr::intern("__spec__"));
    if let Some(spec) = spec.filter(|s| !s.is(&crate::runtime::rt().none)) {
        let parent = crate::attr::getattr_str(&spec, "parent")?;
        return pystr::as_str(&parent)
            .map(str::to_string)
            .ok_or_else(|| exc::type_error("__spec__.parent must be a string"));
    }
    let name = dict::get_str(globals, &pystr::intern("__name__"))
        .ok_or_else(|| exc::key_error(pystr::new("'__name__' not in globals")))?;
    let name = pystr::as_str(&name).ok_or_else(|| exc::type_error("__name__ must be a string"))?;
    if dict::get_str(globals, &pystr::intern("__path__")).is_some() {
        return Ok(name.to_string());
    }
    Ok(name.rsplit_once('.').map(|(p, _)| p).unwrap_or("").to_string())
}

/// `package` with `level - 1` trailing components removed.
fn strip_levels(package: &str, level: i64) -> PyResult<&str> {
    let mut end = package.len();
    for _ in 1..level {
        end = package[..end]
            .rfind('.')
            .ok_or_else(|| exc::import_error("attempted relative import beyond top-level package"))?;
    }
    Ok(&package[..end])
}

#[cfg(test)]
mod tests {
    use super::strip_levels;

    #[test]
    fn levels_strip_components() {
        assert_eq!(strip_levels("a.b.c", 1).ok(), Some("a.b.c"));
        assert_eq!(strip_levels("a.b.c", 3).ok(), Some("a"));
    }
}
