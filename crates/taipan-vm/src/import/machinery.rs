//! The import protocol's extension points (PEP 302/451), as CPython's
//! `_bootstrap._find_spec` and `PathFinder` consult them: `sys.meta_path`
//! (finders asked in order), `sys.path_hooks` (turning a path entry into a
//! finder) and `sys.path_importer_cache` (that finder, per entry). The
//! defaults are the classes of `prelude.py` (`BuiltinImporter`,
//! `FrozenImporter`, `PathFinder`, `FileFinder`); when the walk meets one
//! of them it takes the native path (`modules::find`, `finder::search_dir`)
//! instead of calling Python, so the common import costs a few identity
//! checks more than a purely native one. Finders and loaders written in
//! Python are called through `prelude.py`'s `_meta_find`, `_entry_find`
//! and `_load_foreign`. Also here: the natives `prelude.py` calls
//! (`_native_*`), and `module_repr` (CPython's `_module_repr`).

use super::finder::{self, DirHit, Origin, Spec};
use super::loader;
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{bytes, dict, function, int, list, m, module, str as pystr, tuple, Method};
use crate::runtime::rt;
use crate::value::Value;
use std::cell::{Cell, OnceCell};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taipan_bytecode::pyc::{hash_header, Validation};
use taipan_bytecode::pycache::{self, CACHE_TAG};
use taipan_bytecode::CodeObject;

/// The `prelude.py` namespace and the default finders in it.
#[derive(Clone)]
pub struct Machinery {
    pub ns: Value,
    builtin_importer: Value,
    frozen_importer: Value,
    path_finder: Value,
    file_finder: Value,
}

crate::interp_static! {
    static MACHINERY: OnceCell<Machinery> = const { OnceCell::new() };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// What a finder found.
pub enum Found {
    /// Found natively (a native module, a file, a namespace package).
    Native(Spec),
    /// A spec object from a finder written in Python.
    Foreign(Value),
}

/// The machinery, `prelude.py` compiled and run on first use.
pub fn machinery() -> PyResult<Machinery> {
    if let Some(m) = MACHINERY.with(|c| c.get().cloned()) {
        return Ok(m);
    }
    let m = build()?;
    Ok(MACHINERY.with(|c| c.get_or_init(|| m).clone()))
}

/// A name defined in `prelude.py`.
pub fn attr(name: &str) -> PyResult<Value> {
    let ns = machinery()?.ns;
    dict::get_str(&ns, &pystr::intern(name))
        .ok_or_else(|| exc::system_error(format!("import prelude lacks {name}")))
}

/// Makes CPython's `importlib._bootstrap` / `_bootstrap_external`, just
/// loaded as `name`, name Taipan's default finders, so that
/// `importlib.machinery.PathFinder is` the `PathFinder` on `sys.meta_path`
/// (likewise `BuiltinImporter` and `FrozenImporter`). `FileFinder` stays
/// CPython's class: `pkgutil` registers its module walker for that class,
/// and the walker needs `inspect` (hence `_ast`), which Taipan lacks; the
/// prelude's `FileFinder.iter_modules` serves `pkgutil` meanwhile.
pub fn share_default_finders(name: &str, module: &Value) -> PyResult<()> {
    let names: &[&str] = match name {
        "importlib._bootstrap" => &["BuiltinImporter", "FrozenImporter"],
        "importlib._bootstrap_external" => &["PathFinder"],
        _ => return Ok(()),
    };
    for &n in names {
        crate::attr::setattr(module, &pystr::intern(n), attr(n)?)?;
    }
    Ok(())
}

/// The compiled `prelude.py`: from a hash-checked cache file beside the
/// standard library's own (`<stdlib>/__pycache__/_taipan_import.*.pyc`)
/// when it matches this binary's prelude, else compiled (and cached).
/// Compiling it costs about 2 ms, reading the cache a tenth of that.
fn prelude_code() -> PyResult<Arc<CodeObject>> {
    let source = include_str!("prelude.py").as_bytes();
    let hash = loader::source_hash(source);
    let cache = super::config::stdlib_dir().map(|d| {
        let opt = super::config::optimization_tag(super::config::config().optimize);
        let name = if opt.is_empty() {
            format!("_taipan_import.{CACHE_TAG}.pyc")
        } else {
            format!("_taipan_import.{CACHE_TAG}.{opt}.pyc")
        };
        d.join("__pycache__").join(name)
    });
    if let Some(c) = &cache {
        if let Ok((header, body)) = pycache::read_pyc(c, "_taipan_import") {
            if header.validation == (Validation::Hash { hash, check_source: true }) {
                if let Ok(code) = pycache::code_from_body(&body) {
                    return Ok(code);
                }
            }
        }
    }
    let code = Arc::new(loader::compile_bytes(source, "<taipan import>")?);
    if let Some(c) = cache.filter(|_| !loader::dont_write_bytecode()) {
        let data = pycache::pyc_bytes(hash_header(hash, true), &code);
        let _ = pycache::write_pyc_atomic(&c, &data, 0o644);
    }
    Ok(code)
}

fn build() -> PyResult<Machinery> {
    let code = prelude_code()?;
    let ns = dict::new_dict();
    dict::set_str(&ns, "__name__", pystr::new("_taipan_import"));
    dict::set_str(&ns, "__builtins__", rt().builtins().clone());
    dict::set_str(&ns, "_sys", crate::modules::sys::module()?);
    for row in NATIVES {
        dict::set_str(&ns, row.name, function::new_builtin(row.name, row.func, row.kw, rt().none.clone()));
    }
    crate::api::run_code_object(code, &ns)?;
    let get = |n: &str| {
        dict::get_str(&ns, &pystr::intern(n))
            .ok_or_else(|| exc::system_error(format!("import prelude lacks {n}")))
    };
    Ok(Machinery {
        builtin_importer: get("BuiltinImporter")?,
        frozen_importer: get("FrozenImporter")?,
        path_finder: get("PathFinder")?,
        file_finder: get("FileFinder")?,
        ns,
    })
}

/// Fills `sys.meta_path` and `sys.path_hooks` with the defaults (if they
/// are still the empty lists `sys` starts with) and gives the native
/// modules imported so far their `__spec__`; once per run.
pub fn ensure_installed() -> PyResult<()> {
    if INSTALLED.with(|i| i.replace(true)) {
        return Ok(());
    }
    let m = machinery()?;
    if let Some(meta) = crate::modules::sys::get_attr("meta_path") {
        if list::snapshot(&meta).is_some_and(|v| v.is_empty()) {
            for f in [&m.builtin_importer, &m.frozen_importer, &m.path_finder] {
                crate::call::call(&crate::attr::getattr_str(&meta, "append")?, std::slice::from_ref(f), &[])?;
            }
        }
    }
    if let Some(hooks) = crate::modules::sys::get_attr("path_hooks") {
        if list::snapshot(&hooks).is_some_and(|v| v.is_empty()) {
            let hook = crate::call::call(&crate::attr::getattr_str(&m.file_finder, "path_hook")?, &[], &[])?;
            crate::call::call(&crate::attr::getattr_str(&hooks, "append")?, &[hook], &[])?;
        }
    }
    let modules = super::sys_modules();
    for name in crate::ops::collect(&modules)? {
        let Some(n) = pystr::as_str(&name).map(str::to_string) else { continue };
        if crate::modules::find(&n).is_some() || n == "sys" || n == "builtins" {
            if let Some(md) = dict::get_item(&modules, &name)? {
                loader::set_builtin_spec(&md, &n)?;
            }
        }
    }
    Ok(())
}

/// `_find_spec(name, path)`: asks each finder on `sys.meta_path`.
pub fn find(name: &str, path: Option<&Value>) -> PyResult<Option<Found>> {
    ensure_installed()?;
    let m = machinery()?;
    let Some(meta) = crate::modules::sys::get_attr("meta_path") else {
        return Err(exc::import_error("sys.meta_path is None, Python is likely shutting down"));
    };
    if meta.is(&rt().none) {
        return Err(exc::import_error("sys.meta_path is None, Python is likely shutting down"));
    }
    for finder in crate::ops::collect(&meta)? {
        if finder.is(&m.builtin_importer) {
            if path.is_none() && crate::modules::find(name).is_some() {
                return Ok(Some(Found::Native(native_spec(name))));
            }
        } else if finder.is(&m.path_finder) {
            if let Some(found) = path_find(name, path)? {
                return Ok(Some(found));
            }
        } else if !finder.is(&m.frozen_importer) {
            let path_arg = path.cloned().unwrap_or_else(|| rt().none.clone());
            let spec = crate::call::call(&attr("_meta_find")?, &[finder, pystr::new(name), path_arg], &[])?;
            if !spec.is(&rt().none) {
                return Ok(Some(Found::Foreign(spec)));
            }
        }
    }
    Ok(None)
}

fn native_spec(name: &str) -> Spec {
    Spec { name: name.to_string(), origin: Origin::Native, package_dir: None }
}

/// Loads what `find` found; returns what `sys.modules` then holds.
pub fn load(found: Found) -> PyResult<Value> {
    match found {
        Found::Native(spec) => loader::load(&spec),
        Found::Foreign(spec) => crate::call::call(&attr("_load_foreign")?, &[spec], &[]),
    }
}

/// `PathFinder.find_spec`: each entry of `path` (else `sys.path`) through
/// its path entry finder; namespace portions only if no entry has a module.
fn path_find(name: &str, path: Option<&Value>) -> PyResult<Option<Found>> {
    let entries = match path {
        Some(p) => crate::ops::collect(p)?,
        None => match crate::modules::sys::get_attr("path") {
            Some(p) => crate::ops::collect(&p)?,
            None => Vec::new(),
        },
    };
    let m = machinery()?;
    let tail = name.rsplit('.').next().unwrap_or(name);
    let mut portions: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let Some(entry) = pystr::as_str(&entry) else { continue };
        let Some(finder) = finder_for(entry)? else { continue };
        if crate::types::type_of(&finder).is(&m.file_finder) {
            let dir = crate::ops::str_string(&crate::attr::getattr_str(&finder, "path")?)?;
            match finder::search_dir(name, tail, Path::new(&dir)) {
                DirHit::Module(spec) => return Ok(Some(Found::Native(spec))),
                DirHit::Portion(p) => portions.push(p),
                DirHit::Nothing => {}
            }
            continue;
        }
        let spec = crate::call::call(&attr("_entry_find")?, &[finder, pystr::new(name)], &[])?;
        if spec.is(&rt().none) {
            continue;
        }
        if !crate::attr::getattr_str(&spec, "loader")?.is(&rt().none) {
            return Ok(Some(Found::Foreign(spec)));
        }
        let locations = crate::attr::getattr_str(&spec, "submodule_search_locations")?;
        if locations.is(&rt().none) {
            return Err(exc::import_error("spec missing loader"));
        }
        for p in crate::ops::collect(&locations)? {
            portions.push(PathBuf::from(crate::ops::str_string(&p)?));
        }
    }
    if portions.is_empty() {
        return Ok(None);
    }
    Ok(Some(Found::Native(Spec {
        name: name.to_string(),
        origin: Origin::Namespace(portions),
        package_dir: None,
    })))
}

/// `PathFinder._path_importer_cache`: the finder for a path entry
/// (`''` is the working directory), from `sys.path_importer_cache` or
/// made by the first `sys.path_hooks` entry that accepts it (None if
/// none does; cached either way).
fn finder_for(entry: &str) -> PyResult<Option<Value>> {
    let key = if entry.is_empty() {
        match std::env::current_dir() {
            Ok(d) => pystr::new(&d.to_string_lossy()),
            Err(_) => return Ok(None),
        }
    } else {
        pystr::new(entry)
    };
    let none = rt().none.clone();
    let cache = crate::modules::sys::get_attr("path_importer_cache");
    if let Some(cache) = &cache {
        if let Some(f) = crate::ops::getitem_opt(cache, &key)? {
            return Ok(if f.is(&none) { None } else { Some(f) });
        }
    }
    let finder = run_path_hooks(&key)?;
    if let Some(cache) = &cache {
        crate::ops::setitem(cache, key, finder.clone().unwrap_or(none))?;
    }
    Ok(finder)
}

/// The first finder a `sys.path_hooks` entry gives for `path`.
fn run_path_hooks(path: &Value) -> PyResult<Option<Value>> {
    let Some(hooks) = crate::modules::sys::get_attr("path_hooks") else {
        return Ok(None);
    };
    if hooks.is(&rt().none) {
        return Ok(None);
    }
    for hook in crate::ops::collect(&hooks)? {
        match crate::call::call(&hook, std::slice::from_ref(path), &[]) {
            Ok(f) => return Ok(Some(f)),
            Err(e) if e.matches(&rt().exc.import_error) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// `repr(module)`, as CPython's `_module_repr`: from `__spec__`, else the
/// loader's `module_repr`, else from `__name__`, `__file__`, `__loader__`.
pub fn module_repr(md: &Value) -> PyResult<Value> {
    let get = |n: &str| crate::attr::getattr_opt(md, &pystr::intern(n));
    let loader = get("__loader__")?.unwrap_or_else(|| rt().none.clone());
    if let Some(spec) = get("__spec__")? {
        if crate::ops::truthy(&spec)? {
            return repr_from_spec(&spec);
        }
    }
    if let Some(f) = crate::attr::getattr_opt(&loader, &pystr::intern("module_repr"))? {
        match crate::call::call(&f, std::slice::from_ref(md), &[]) {
            Ok(r) => return Ok(r),
            Err(e) if e.matches(&rt().exc.exception) => {}
            Err(e) => return Err(e),
        }
    }
    let name = match get("__name__")? {
        Some(n) => crate::ops::repr_string(&n)?,
        None => "'?'".to_string(),
    };
    let text = match get("__file__")? {
        Some(f) => format!("<module {name} from {}>", crate::ops::repr_string(&f)?),
        None if loader.is(&rt().none) => format!("<module {name}>"),
        None => format!("<module {name} ({})>", crate::ops::repr_string(&loader)?),
    };
    Ok(pystr::from_string(text))
}

/// CPython's `_module_repr_from_spec`.
fn repr_from_spec(spec: &Value) -> PyResult<Value> {
    let none = rt().none.clone();
    let field = |n: &str| crate::attr::getattr_str(spec, n);
    let name_v = field("name")?;
    let name = if name_v.is(&none) { "'?'".to_string() } else { crate::ops::repr_string(&name_v)? };
    let origin = field("origin")?;
    let text = if origin.is(&none) {
        let loader = field("loader")?;
        if loader.is(&none) {
            format!("<module {name}>")
        } else {
            format!("<module {name} ({})>", crate::ops::repr_string(&loader)?)
        }
    } else if crate::ops::truthy(&field("has_location")?)? {
        format!("<module {name} from {}>", crate::ops::repr_string(&origin)?)
    } else {
        format!("<module {} ({})>", crate::ops::repr_string(&name_v)?, crate::ops::str_string(&origin)?)
    };
    Ok(pystr::from_string(text))
}

// ---- the natives prelude.py calls (args[0] is None) ----

const NATIVES: &[Method] = &[
    m("_native_cached", native_cached),
    m("_native_is_builtin", |a, _| Ok(rt().bool_value(crate::modules::find(&str_arg(a, 1)?).is_some()))),
    m("_native_create_builtin", native_create_builtin),
    m("_native_path_find", native_path_find),
    m("_native_finder_for", native_finder_for),
    m("_native_absdir", native_absdir),
    m("_native_dir_find", native_dir_find),
    m("_native_listdir", native_listdir),
    m("_native_isdir", |a, _| Ok(rt().bool_value(Path::new(&str_arg(a, 1)?).is_dir()))),
    m("_native_read", native_read),
    m("_native_source_code", |a, _| {
        let path = str_arg(a, 2)?;
        crate::objects::code::new_code(loader::source_code(&str_arg(a, 1)?, Path::new(&path))?)
    }),
    m("_native_sourceless_code", |a, _| {
        let path = str_arg(a, 2)?;
        crate::objects::code::new_code(loader::sourceless_code(&str_arg(a, 1)?, Path::new(&path))?)
    }),
    m("_native_decode_source", native_decode_source),
    m("_native_stat", native_stat),
];

/// The str argument `i` (as Rust text).
fn str_arg(args: &[Value], i: usize) -> PyResult<String> {
    let v = args.get(i).ok_or_else(|| exc::type_error("missing argument"))?;
    match pystr::text(v) {
        Some(t) => Ok(t.to_string_lossy().into_owned()),
        None => Err(exc::type_error(format!("expected str, not {}", crate::types::type_name(v)))),
    }
}

/// `spec.cached` for an origin: the cache file of a source, the file itself
/// for a `.pyc`, else None.
fn native_cached(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let origin = str_arg(args, 1)?;
    if origin.ends_with(".py") {
        if let Some(c) = loader::cache_path(Path::new(&origin)) {
            return Ok(pystr::new(&c.to_string_lossy()));
        }
    } else if origin.ends_with(".pyc") {
        return Ok(pystr::new(&origin));
    }
    Ok(rt().none.clone())
}

fn native_create_builtin(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = str_arg(args, 1)?;
    if let Some(md) = dict::get_item(&super::sys_modules(), &pystr::new(&name))? {
        if module::dict_of(&md).is_some() && (name == "sys" || name == "builtins") {
            return Ok(md);
        }
    }
    let make = crate::modules::find(&name)
        .ok_or_else(|| exc::import_error(format!("no built-in module named {name}")))?;
    make()
}

fn native_path_find(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = str_arg(args, 1)?;
    let path = args.get(2).filter(|p| !p.is(&rt().none));
    match path_find(&name, path)? {
        Some(found) => found_spec(found),
        None => Ok(rt().none.clone()),
    }
}

/// The spec object for what was found.
fn found_spec(found: Found) -> PyResult<Value> {
    match found {
        Found::Native(spec) => loader::spec_value(&spec),
        Found::Foreign(spec) => Ok(spec),
    }
}

fn native_finder_for(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(finder_for(&str_arg(args, 1)?)?.unwrap_or_else(|| rt().none.clone()))
}

/// A path entry as an absolute directory (`''`/`'.'`: the working directory).
fn native_absdir(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let p = str_arg(args, 1)?;
    let cwd = || std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
    let abs = if p.is_empty() || p == "." {
        cwd()
    } else if p.starts_with('/') {
        p
    } else {
        format!("{}/{p}", cwd())
    };
    Ok(pystr::new(&abs))
}

/// `FileFinder.find_spec` for one directory.
fn native_dir_find(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = str_arg(args, 1)?;
    let dir = str_arg(args, 2)?;
    let tail = name.rsplit('.').next().unwrap_or(&name).to_string();
    match finder::search_dir(&name, &tail, Path::new(&dir)) {
        DirHit::Module(spec) => loader::spec_value(&spec),
        DirHit::Portion(p) => {
            let spec = crate::call::call(&attr("ModuleSpec")?, &[pystr::new(&name), rt().none.clone()], &[])?;
            let locations = list::new(vec![pystr::new(&p.to_string_lossy())]);
            crate::attr::setattr(&spec, &pystr::intern("submodule_search_locations"), locations)?;
            Ok(spec)
        }
        DirHit::Nothing => Ok(rt().none.clone()),
    }
}

fn native_listdir(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let dir = str_arg(args, 1)?;
    let entries = std::fs::read_dir(&dir).map_err(|e| loader::os_error(&e, Path::new(&dir)))?;
    let names =
        entries.filter_map(|e| e.ok()).map(|e| pystr::new(&e.file_name().to_string_lossy())).collect();
    Ok(list::new(names))
}

fn native_read(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let path = str_arg(args, 1)?;
    let data = std::fs::read(&path).map_err(|e| loader::os_error(&e, Path::new(&path)))?;
    Ok(bytes::new(data))
}

/// `decode_source`: PEP 263 decoding with universal newlines.
fn native_decode_source(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let data = args.get(1).and_then(bytes::as_bytes).ok_or_else(|| exc::type_error("expected bytes"))?;
    let text = taipan_parser::source::decode(data)
        .map_err(|e| crate::builtins::functions::syntax_error_value(&e, "<unknown>"))?;
    Ok(pystr::from_string(text.replace("\r\n", "\n").replace('\r', "\n")))
}

fn native_stat(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let path = str_arg(args, 1)?;
    let (mtime, size) = taipan_bytecode::pycache::source_stat(Path::new(&path))
        .map_err(|e| loader::os_error(&e, Path::new(&path)))?;
    Ok(tuple::new(vec![int::from_i64(mtime), int::from_i64(size as i64)]))
}
