//! The import system (docs/import.md): `IMPORT_NAME` / `__import__`
//! (CPython's `PyImport_ImportModuleLevelObject`: `sys.modules` first,
//! relative names resolved natively), `IMPORT_FROM`, `IMPORT_STAR`, and
//! the machinery behind them: `finder.rs` (native modules, then the
//! path-based search), `loader.rs` (the `.pyc` cache in `__pycache__`,
//! module objects), `resolve.rs` (relative names), `config.rs` (command
//! line, environment, standard-library discovery), `run.rs` (`-m` and
//! `taipan file.pyc`), `machinery.rs` (`sys.meta_path`, `sys.path_hooks`,
//! `sys.path_importer_cache`, module reprs). The finder, spec and loader
//! objects are Python classes speaking importlib's protocols (`prelude.py`).

pub mod config;
pub mod finder;
pub mod loader;
pub mod machinery;
pub mod resolve;
pub mod run;

pub use config::{configure, ImportConfig};

use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::{dict, module, str as pystr};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;

/// A class or function defined in `prelude.py`.
fn prelude_attr(name: &str) -> PyResult<Value> {
    machinery::attr(name)
}

/// `sys.modules`.
pub fn sys_modules() -> Value {
    rt().modules.get().cloned().unwrap_or_else(dict::new_dict)
}

/// `ModuleNotFoundError: No module named 'NAME'` (with `name` set, and a
/// hint when no standard library was found).
pub fn not_found(name: &str) -> PyErr {
    let mut msg = format!("No module named {}", quote(name));
    if config::stdlib_dir().is_none() && !name.contains('.') {
        msg = format!("{msg}\n{}", config::NO_STDLIB_HINT);
    }
    let err = exc::module_not_found_error(msg);
    loader::set_import_name(&err, name);
    err
}

/// `repr()` of a module name (as importlib's `{!r}`).
fn quote(s: &str) -> String {
    taipan_repr::str_repr(s.as_bytes())
}

/// `IMPORT_NAME` in code running with `globals`/`builtins`: the native
/// path unless `builtins.__import__` was replaced (then that is called).
pub fn import_name(
    globals: &Value,
    builtins: &Value,
    name: &Value,
    fromlist: &Value,
    level: &Value,
) -> PyResult<Value> {
    let Some(import) = dict::get_str(builtins, &pystr::intern("__import__")) else {
        return Err(exc::import_error("__import__ not found"));
    };
    let native = import.downcast::<crate::objects::function::BuiltinData>().is_some_and(|b| {
        b.func as usize == crate::builtins::functions::import as crate::objects::NativeFn as usize
    });
    if native {
        let level = crate::objects::int::to_i64(level).unwrap_or(0);
        return import_module_level(name, Some(globals), fromlist, level);
    }
    let none = rt().none.clone();
    crate::call::call(&import, &[name.clone(), globals.clone(), none, fromlist.clone(), level.clone()], &[])
}

/// `__import__(name, globals, locals, fromlist, level)` and `IMPORT_NAME`.
pub fn import_module_level(
    name: &Value,
    globals: Option<&Value>,
    fromlist: &Value,
    level: i64,
) -> PyResult<Value> {
    let Some(name_s) = pystr::as_str(name) else {
        return Err(exc::type_error("module name must be a string"));
    };
    if level < 0 {
        return Err(exc::value_error("level must be >= 0"));
    }
    let absolute = if level > 0 {
        resolve::resolve_name(name_s, globals, level)?
    } else {
        if name_s.is_empty() {
            return Err(exc::value_error("Empty module name"));
        }
        name_s.to_string()
    };
    let module = import_absolute(&absolute)?;
    if !crate::ops::truthy(fromlist)? || fromlist.is(&rt().none) {
        return top_of_dotted(&module, name_s, &absolute, level);
    }
    if has_attr(&module, "__path__")? {
        handle_fromlist(&module, fromlist, false)?;
    }
    Ok(module)
}

/// `import a.b.c` binds `a`: the module to return without a fromlist.
fn top_of_dotted(module: &Value, name: &str, absolute: &str, level: i64) -> PyResult<Value> {
    if (level > 0 && name.is_empty()) || !name.contains('.') {
        return Ok(module.clone());
    }
    let front = name.split('.').next().unwrap_or(name);
    if level == 0 {
        return import_absolute(front);
    }
    let cut = name.len() - front.len();
    let to_return = &absolute[..absolute.len() - cut];
    dict::get_item(&sys_modules(), &pystr::new(to_return))?.ok_or_else(|| {
        exc::key_error(pystr::new(&format!("{} not in sys.modules as expected", quote(to_return))))
    })
}

/// The module `name` (absolute): from `sys.modules`, or found and loaded.
pub fn import_absolute(name: &str) -> PyResult<Value> {
    let key = pystr::new(name);
    match dict::get_item(&sys_modules(), &key)? {
        Some(m) if m.is(&rt().none) => {
            let err = exc::module_not_found_error(format!("import of {name} halted; None in sys.modules"));
            loader::set_import_name(&err, name);
            Err(err)
        }
        Some(m) => Ok(m),
        None => find_and_load(name),
    }
}

/// `_find_and_load`: the parent package first, then the module.
fn find_and_load(name: &str) -> PyResult<Value> {
    let mut path = None;
    let mut parent_module = None;
    if let Some((parent, _)) = name.rsplit_once('.') {
        let pm = import_absolute(parent)?;
        if let Some(m) = dict::get_item(&sys_modules(), &pystr::new(name))? {
            return Ok(m);
        }
        match crate::attr::getattr_opt(&pm, &pystr::intern("__path__"))? {
            Some(p) => path = Some(p),
            None => {
                let msg = format!("No module named {}; {} is not a package", quote(name), quote(parent));
                let err = exc::module_not_found_error(msg);
                loader::set_import_name(&err, name);
                return Err(err);
            }
        }
        parent_module = Some(pm);
    }
    let found = machinery::find(name, path.as_ref())?.ok_or_else(|| not_found(name))?;
    let module = machinery::load(found)?;
    if let (Some(pm), Some((_, child))) = (parent_module, name.rsplit_once('.')) {
        let _ = crate::attr::setattr(&pm, &pystr::new(child), module.clone());
    }
    Ok(module)
}

fn has_attr(v: &Value, name: &str) -> PyResult<bool> {
    Ok(crate::attr::getattr_opt(v, &pystr::intern(name))?.is_some())
}

/// `_handle_fromlist`: imports the submodules a `from package import x`
/// names that are not attributes yet (`*` follows `__all__`).
fn handle_fromlist(module: &Value, fromlist: &Value, recursive: bool) -> PyResult<()> {
    for x in crate::ops::collect(fromlist)? {
        let Some(item) = pystr::as_str(&x) else {
            let modname = crate::attr::getattr_str(module, "__name__").ok();
            let where_ =
                match (recursive, modname.as_ref().and_then(|n| pystr::as_str(n).map(str::to_string))) {
                    (true, Some(n)) => format!("{n}.__all__"),
                    _ => "``from list''".to_string(),
                };
            return Err(exc::type_error(format!("Item in {where_} must be str, not {}", type_name(&x))));
        };
        if item == "*" {
            if !recursive {
                if let Some(all) = crate::attr::getattr_opt(module, &pystr::intern("__all__"))? {
                    handle_fromlist(module, &all, true)?;
                }
            }
            continue;
        }
        if has_attr(module, item)? {
            continue;
        }
        let modname = crate::ops::str_string(&crate::attr::getattr_str(module, "__name__")?)?;
        let from_name = format!("{modname}.{item}");
        if let Err(e) = import_absolute(&from_name) {
            if !is_not_found_for(&e, &from_name)? {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Whether `e` is a `ModuleNotFoundError` about `name` (ignored by fromlist).
fn is_not_found_for(e: &PyErr, name: &str) -> PyResult<bool> {
    if !e.matches(&rt().exc.module_not_found_error) {
        return Ok(false);
    }
    let exc_name = crate::objects::exc_objects::data(e.value()).map(|d| d.name.get()).unwrap_or_default();
    let in_modules = dict::get_item(&sys_modules(), &pystr::new(name))?;
    Ok(pystr::as_str(&exc_name) == Some(name) && !in_modules.is_some_and(|m| m.is(&rt().none)))
}

/// `IMPORT_FROM`: `getattr(module, name)`, else the submodule
/// `module.name` from `sys.modules`, else CPython's `ImportError`.
pub fn import_from(module: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = crate::attr::getattr_opt(module, name)? {
        return Ok(v);
    }
    let name_s = pystr::as_str(name).unwrap_or("?");
    let pkgname = crate::attr::getattr_opt(module, &pystr::intern("__name__"))?
        .and_then(|n| pystr::as_str(&n).map(str::to_string));
    let Some(pkgname) = pkgname else {
        let err = exc::import_error(format!("cannot import name {}", quote(name_s)));
        return Err(err);
    };
    if let Some(m) = dict::get_item(&sys_modules(), &pystr::new(&format!("{pkgname}.{name_s}")))? {
        return Ok(m);
    }
    let location = module_file(module).unwrap_or_else(|| "unknown location".to_string());
    let msg = if is_initializing(module) {
        format!(
            "cannot import name {} from partially initialized module {} (most likely due to a circular import) ({location})",
            quote(name_s),
            quote(&pkgname)
        )
    } else {
        format!("cannot import name {} from {} ({location})", quote(name_s), quote(&pkgname))
    };
    let err = exc::import_error(msg);
    loader::set_import_name(&err, &pkgname);
    Err(err)
}

/// A module's `__file__` (str), if it has one.
fn module_file(module: &Value) -> Option<String> {
    let d = module::dict_of(module)?;
    let f = dict::get_str(&d, &pystr::intern("__file__"))?;
    pystr::as_str(&f).map(str::to_string)
}

/// Whether the module is still running its body (`__spec__._initializing`).
fn is_initializing(module: &Value) -> bool {
    is_initializing_spec(crate::attr::getattr_opt(module, &pystr::intern("__spec__")).ok().flatten())
}

/// Whether a module spec says its module is still being executed
/// (`spec._initializing`, set by the import system while it runs).
pub fn is_initializing_spec(spec: Option<Value>) -> bool {
    let Some(spec) = spec.filter(|s| !s.is(&rt().none)) else {
        return false;
    };
    match crate::attr::getattr_opt(&spec, &pystr::intern("_initializing")) {
        Ok(Some(v)) => crate::ops::truthy(&v).unwrap_or(false),
        _ => false,
    }
}

/// `IMPORT_STAR`: binds the module's public names (`__all__`, else the
/// names not starting with `_`) in `locals`.
pub fn import_star(module: &Value, locals: &Value) -> PyResult<()> {
    if locals.is_null() {
        return Err(exc::system_error("no locals found during 'import *'"));
    }
    let (names, from_all) = match crate::attr::getattr_opt(module, &pystr::intern("__all__"))? {
        Some(all) => (crate::ops::collect(&all)?, true),
        None => {
            let d = match module::dict_of(module) {
                Some(d) => d,
                None => crate::attr::getattr_opt(module, &pystr::intern("__dict__"))?.ok_or_else(|| {
                    exc::import_error("from-import-* object has no __dict__ and no __all__")
                })?,
            };
            (crate::ops::collect(&d)?, false)
        }
    };
    for n in names {
        let Some(s) = pystr::as_str(&n) else {
            let modname = crate::attr::getattr_opt(module, &pystr::intern("__name__"))?
                .map(|m| crate::ops::str_string(&m))
                .transpose()?
                .unwrap_or_else(|| "?".to_string());
            let what = if from_all { "__all__" } else { "__dict__" };
            let kind = if from_all { "Item" } else { "Key" };
            return Err(exc::type_error(format!(
                "{kind} in {modname}.{what} must be str, not {}",
                type_name(&n)
            )));
        };
        if !from_all && s.starts_with('_') {
            continue;
        }
        let v = crate::attr::getattr(module, &n)?;
        crate::ops::setitem(locals, n, v)?;
    }
    Ok(())
}
