//! The `_imp` module: the native half of importlib's bootstrap — built-in
//! module creation (`is_builtin`, `create_builtin`, `exec_builtin`), the
//! frozen-module queries (Taipan freezes nothing: its "frozen" importlib is
//! cached bytecode), the import lock, `source_hash` (SipHash-1-3 keyed as
//! CPython's `_imp.source_hash`), `check_hash_based_pycs`, and
//! `_fix_co_filename`. Extension modules (`.so`) are not supported. Module
//! functions receive the module as `args[0]`.

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{bytes, check_args, dict, int, list, m, module, str as pystr, Method};
use crate::runtime::rt;
use crate::value::Value;
use taipan_bytecode::pycache::CheckHashBasedPycs;

const FUNCTIONS: &[Method] = &[
    m("lock_held", |_, _| Ok(rt().false_.clone())),
    m("acquire_lock", |_, _| Ok(rt().none.clone())),
    m("release_lock", |_, _| Ok(rt().none.clone())),
    m("is_builtin", imp_is_builtin),
    m("create_builtin", imp_create_builtin),
    m("exec_builtin", |_, _| Ok(int::from_i64(0))),
    m("is_frozen", |_, _| Ok(rt().false_.clone())),
    m("is_frozen_package", |_, _| Ok(rt().false_.clone())),
    m("find_frozen", |_, _| Ok(rt().none.clone())),
    m("get_frozen_object", imp_not_frozen),
    m("init_frozen", imp_not_frozen),
    m("_frozen_module_names", |_, _| Ok(crate::objects::tuple::new(Vec::new()))),
    m("extension_suffixes", |_, _| Ok(list::new(Vec::new()))),
    m("create_dynamic", imp_create_dynamic),
    m("exec_dynamic", |_, _| Ok(int::from_i64(0))),
    m("source_hash", imp_source_hash),
    m("_fix_co_filename", |_, _| Ok(rt().none.clone())),
    // There are no frozen modules to override (test.support calls it).
    m("_override_frozen_modules_for_tests", |_, _| Ok(rt().none.clone())),
];

/// Builds the `_imp` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_module("_imp");
    let d = module::dict_of(&md).ok_or_else(|| exc::system_error("module without a namespace"))?;
    for row in FUNCTIONS {
        let f = crate::objects::function::new_builtin(row.name, row.func, row.kw, md.clone());
        dict::set_str(&d, row.name, f);
    }
    let mode = match crate::import::config::config().check_hash_based_pycs {
        CheckHashBasedPycs::Default => "default",
        CheckHashBasedPycs::Always => "always",
        CheckHashBasedPycs::Never => "never",
    };
    dict::set_str(&d, "check_hash_based_pycs", pystr::new(mode));
    Ok(md)
}

fn name_arg(v: &Value, func: &str) -> PyResult<String> {
    pystr::as_str(v).map(str::to_string).ok_or_else(|| {
        exc::type_error(format!("{func}() argument must be str, not {}", crate::types::type_name(v)))
    })
}

/// `_imp.is_builtin(name)`: 1 for a native module (-1 for `sys` and
/// `builtins`, which cannot be initialised again), else 0.
fn imp_is_builtin(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("is_builtin", args, 2, 2)?;
    let name = name_arg(&args[1], "is_builtin")?;
    let n = match name.as_str() {
        "sys" | "builtins" => -1,
        _ if crate::modules::find(&name).is_some() => 1,
        _ => 0,
    };
    Ok(int::from_i64(n))
}

/// `_imp.create_builtin(spec)`: the native module `spec.name` (the one
/// already made, if any).
fn imp_create_builtin(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("create_builtin", args, 2, 2)?;
    let name = crate::attr::getattr_str(&args[1], "name")?;
    let name = name_arg(&name, "create_builtin")?;
    if name == "builtins" {
        let modules = crate::import::sys_modules();
        if let Some(m) = dict::get_item(&modules, &pystr::new("builtins"))? {
            return Ok(m);
        }
    }
    if let Some(m) = dict::get_item(&crate::import::sys_modules(), &pystr::new(&name))? {
        if module::dict_of(&m).is_some() {
            return Ok(m);
        }
    }
    let make = crate::modules::find(&name)
        .ok_or_else(|| exc::import_error(format!("no built-in module named {name}")))?;
    make()
}

fn imp_not_frozen(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = args.get(1).and_then(pystr::as_str).unwrap_or("?").to_string();
    let err =
        exc::import_error(format!("No such frozen object named {}", taipan_repr::str_repr(name.as_bytes())));
    crate::import::loader::set_import_name(&err, &name);
    Err(err)
}

fn imp_create_dynamic(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = args.get(1).and_then(|s| crate::attr::getattr_str(s, "name").ok());
    let name = name.as_ref().and_then(pystr::as_str).unwrap_or("?").to_string();
    Err(exc::import_error(format!("extension modules are not supported by Taipan: {name}")))
}

/// `_imp.source_hash(key, source)`: 8 bytes.
fn imp_source_hash(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = crate::objects::split_kwargs(&args[1..], kwnames);
    let mut key = pos.first().cloned();
    let mut source = pos.get(1).cloned();
    for (k, v) in kws {
        match k {
            "key" => key = Some(v.clone()),
            "source" => source = Some(v.clone()),
            _ => {
                return Err(exc::type_error(format!(
                    "source_hash() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let key = key.ok_or_else(|| exc::type_error("source_hash() missing required argument 'key' (pos 1)"))?;
    let source =
        source.ok_or_else(|| exc::type_error("source_hash() missing required argument 'source' (pos 2)"))?;
    let key = int::to_bigint(&key).ok_or_else(|| exc::type_error("an integer is required"))?;
    let key = u64::try_from(&key).or_else(|_| i64::try_from(&key).map(|k| k as u64)).unwrap_or(0);
    let data = bytes::as_bytes(&source).ok_or_else(|| exc::type_error("a bytes-like object is required"))?;
    Ok(bytes::new(crate::tables::hash::keyed_hash(key, data).to_le_bytes().to_vec()))
}
