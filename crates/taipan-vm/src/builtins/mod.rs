//! The `builtins` module: one registry (`FUNCTIONS`) of the builtin
//! functions, plus the builtin types, constants and exception classes, all
//! put into the module's dict by `install`, and `__build_class__`. Native
//! modules (`sys`, `gc`, …) are in `crate::modules`.

pub mod functions;

use crate::exceptions::{self as exc, PyResult};
use crate::objects::function::new_builtin_owned;
use crate::objects::Conv::{self, Counted, Fast};
use crate::objects::{dict, module, str as pystr, NativeFn};
use crate::runtime::{rt, Runtime};
use crate::types::{class_name, type_payload, ClassName};
use crate::value::Value;

/// (name, function, accepts keywords, CPython 3.11's calling convention).
pub const FUNCTIONS: &[(&str, NativeFn, bool, Conv)] = &[
    ("print", functions::print, true, Fast),
    ("len", functions::len, false, Counted),
    ("isinstance", functions::isinstance, false, Fast),
    ("issubclass", functions::issubclass, false, Fast),
    ("iter", functions::iter, false, Fast),
    ("next", functions::next, false, Fast),
    ("repr", functions::repr, false, Counted),
    ("ascii", functions::ascii, false, Counted),
    ("abs", functions::abs, false, Counted),
    ("min", functions::min, true, Counted),
    ("max", functions::max, true, Counted),
    ("sum", functions::sum, true, Fast),
    ("sorted", functions::sorted, true, Fast),
    ("hash", functions::hash, false, Counted),
    ("id", functions::id, false, Counted),
    ("getattr", functions::getattr, false, Fast),
    ("setattr", functions::setattr, false, Fast),
    ("hasattr", functions::hasattr, false, Fast),
    ("delattr", functions::delattr, false, Fast),
    ("callable", functions::callable, false, Counted),
    ("chr", functions::chr, false, Counted),
    ("ord", functions::ord, false, Counted),
    ("any", functions::any, false, Counted),
    ("all", functions::all, false, Counted),
    ("divmod", functions::divmod, false, Fast),
    ("pow", functions::pow, true, Fast),
    ("round", functions::round, true, Fast),
    ("format", functions::format, false, Fast),
    ("hex", functions::hex, false, Counted),
    ("oct", functions::oct, false, Counted),
    ("bin", functions::bin, false, Counted),
    ("vars", functions::vars, false, Counted),
    ("globals", functions::globals, false, Counted),
    ("locals", functions::locals, false, Counted),
    ("dir", functions::dir, false, Counted),
    ("exec", functions::exec, true, Fast),
    ("eval", functions::eval, true, Fast),
    ("compile", functions::compile, true, Fast),
    ("__build_class__", build_class, true, Fast),
    ("__import__", functions::import, true, Fast),
    ("input", functions::input, false, Fast),
    ("open", crate::modules::_io::open, true, Fast),
];

/// Creates the builtins and sys modules.
pub fn install(r: &'static Runtime) {
    let m = module::new_module("builtins");
    let d = module::dict_of(&m).expect("module dict");
    for (name, f, kw, conv) in FUNCTIONS {
        let owner = crate::objects::str::intern("builtins");
        let conv = crate::objects::conv_of(&format!("builtins.{name}"), *conv);
        dict::set_str(&d, name, new_builtin_owned(name, *f, *kw, conv, Value::NULL, owner));
    }
    let t = &r.types;
    for ty in [
        &t.object,
        &t.bytes,
        &t.bytearray,
        &t.memoryview,
        &t.type_,
        &t.int,
        &t.bool_,
        &t.float,
        &t.str,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.range,
        &t.slice,
        &t.property,
        &t.classmethod,
        &t.staticmethod,
        &t.super_,
        &t.enumerate,
        &t.zip,
        &t.map,
        &t.filter,
        &t.reversed,
    ] {
        dict::set_str(&d, &type_payload(ty).name(), ty.clone());
    }
    dict::set_str(&d, "complex", crate::objects::complex::complex_type());
    for (name, ty) in exc::all_named(r) {
        dict::set_str(&d, &name, ty);
    }
    dict::set_str(&d, "EnvironmentError", r.exc.os_error.clone());
    dict::set_str(&d, "IOError", r.exc.os_error.clone());
    dict::set_str(&d, "None", r.none.clone());
    dict::set_str(&d, "True", r.true_.clone());
    dict::set_str(&d, "False", r.false_.clone());
    dict::set_str(&d, "NotImplemented", r.not_implemented.clone());
    dict::set_str(&d, "Ellipsis", r.ellipsis.clone());
    dict::set_str(&d, "__debug__", r.true_.clone());
    let _ = r.builtins.set(d);
    let modules = dict::new_dict();
    dict::set_str(&modules, "builtins", m);
    let _ = r.modules.set(modules);
}

/// `IMPORT_NAME` / `__import__`: the import system (`crate::import`).
pub fn import_module(name: &Value, fromlist: &Value, level: &Value) -> PyResult<Value> {
    let level = crate::objects::int::to_i64(level).unwrap_or(0);
    let globals = crate::eval::current_globals();
    crate::import::import_module_level(name, globals.as_ref(), fromlist, level)
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
fn build_class(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos < 2 {
        return Err(exc::type_error("__build_class__: not enough arguments"));
    }
    let func = &args[0];
    if func.downcast::<crate::objects::function::FunctionData>().is_none() {
        return Err(exc::type_error("__build_class__: func must be a function"));
    }
    let name = &args[1];
    if pystr::as_str(name).is_none() {
        return Err(exc::type_error("__build_class__: name is not a string"));
    }
    let orig_bases = args[2..npos].to_vec();
    let bases = update_bases(&orig_bases)?;
    let mut meta = None;
    let mut kw_names = Vec::new();
    let mut kw_vals = Vec::new();
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        if pystr::as_str(k) == Some("metaclass") {
            meta = Some(v.clone());
        } else {
            kw_names.push(k.clone());
            kw_vals.push(v.clone());
        }
    }
    let meta = match meta {
        Some(m) if crate::types::as_type(&m).is_some() => crate::objects::object::calculate_meta(&m, &bases)?,
        Some(m) => m,
        None => {
            let first = bases.first().map(crate::types::type_of).unwrap_or_else(|| rt().types.type_.clone());
            crate::objects::object::calculate_meta(&first, &bases)?
        }
    };
    let bases_t = crate::objects::tuple::new(bases.clone());
    // `type.__prepare__` returns a new empty dict (and `type`'s attributes
    // cannot be reassigned): the usual case needs no lookup.
    let plain_type = meta.is(&rt().types.type_);
    let prepare =
        if plain_type { None } else { crate::attr::getattr_opt(&meta, &class_name(ClassName::Prepare))? };
    let ns = match prepare {
        Some(prep) => {
            let mut a = vec![name.clone(), bases_t.clone()];
            a.extend(kw_vals.iter().cloned());
            crate::call::call(&prep, &a, &kw_names)?
        }
        None => dict::new_dict(),
    };
    if dict::data(&ns).is_none()
        && crate::types::lookup_str(&crate::types::type_of(&ns), "__getitem__").is_none()
    {
        let who = match crate::types::as_type(&meta) {
            Some(t) => t.name(),
            None => "<metaclass>".to_string(),
        };
        return Err(exc::type_error(format!(
            "{who}.__prepare__() must return a mapping, not {}",
            crate::types::type_name(&ns)
        )));
    }
    let cell = crate::eval::run_class_body(func, &ns)?;
    if bases.len() != orig_bases.len() || bases.iter().zip(&orig_bases).any(|(a, b)| !a.is(b)) {
        let orig_bases = crate::objects::tuple::new(orig_bases);
        crate::ops::setitem(&ns, class_name(ClassName::OrigBases), orig_bases)?;
    }
    let mut a = vec![name.clone(), bases_t, ns.clone()];
    a.extend(kw_vals);
    let cls = if plain_type && kw_names.is_empty() {
        // `type(name, bases, ns)`: `type.__call__` would run `type.__new__`
        // and then `type.__init__`, which does nothing.
        a.insert(0, meta);
        crate::objects::object::type_new(&a, &[])?
    } else {
        crate::call::call(&meta, &a, &kw_names)?
    };
    if let Some(c) = cell.downcast::<crate::objects::function::CellData>() {
        if crate::types::as_type(&cls).is_some() && c.0.get().is_null() {
            c.0.set(cls.clone());
        }
    }
    Ok(cls)
}

/// PEP 560: a base that is not a class but has `__mro_entries__` is
/// replaced by the classes that method returns.
fn update_bases(orig: &[Value]) -> PyResult<Vec<Value>> {
    let mut out = Vec::with_capacity(orig.len());
    if orig.iter().all(|b| crate::types::as_type(b).is_some()) {
        out.extend_from_slice(orig);
        return Ok(out);
    }
    let orig_t = crate::objects::tuple::new(orig.to_vec());
    for b in orig {
        if crate::types::as_type(b).is_some() {
            out.push(b.clone());
            continue;
        }
        let Some(f) = crate::attr::getattr_opt(b, &pystr::intern("__mro_entries__"))? else {
            out.push(b.clone());
            continue;
        };
        let r = crate::call::call(&f, std::slice::from_ref(&orig_t), &[])?;
        let Some(items) = crate::objects::tuple::items(&r) else {
            return Err(exc::type_error("__mro_entries__ must return a tuple"));
        };
        out.extend_from_slice(items);
    }
    Ok(out)
}
