//! Loading a found module: the code (the native `get_code`: cache path,
//! read, validate, verify, unmarshal — or compile and write the cache
//! atomically), the module object with its attributes (`__name__`,
//! `__file__`, `__cached__`, `__package__`, `__spec__`, `__loader__`,
//! `__path__`), its entry in `sys.modules`, and running its body.
//!
//! Policy (docs/import.md): with a source, a cached file that is stale,
//! truncated, corrupt, of another magic, or that fails `verify.rs` is
//! ignored and rewritten; without a source (a legacy `NAME.pyc`,
//! `taipan file.pyc`) the same problems raise an error. Failing to write a
//! cache (read-only directory or file system) is silent.

use super::config::{config, optimization_tag};
use super::finder::{Origin, Spec};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::{dict, list, module, str as pystr};
use crate::runtime::rt;
use crate::value::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taipan_bytecode::marshal::MarshalErrorKind;
use taipan_bytecode::pyc::{hash_header, timestamp_header, Validation, MAGIC};
use taipan_bytecode::pycache::{self, PycError, CACHE_TAG};
use taipan_bytecode::CodeObject;

/// `_imp.source_hash(_RAW_MAGIC_NUMBER, source)`: SipHash-1-3 keyed by
/// Taipan's magic, as the 8 bytes stored in a hash-based `.pyc`.
pub fn source_hash(source: &[u8]) -> [u8; 8] {
    crate::tables::hash::keyed_hash(u32::from_le_bytes(MAGIC) as u64, source).to_le_bytes()
}

/// The cache file for `source` under the current settings (`-O` level,
/// `sys.pycache_prefix`), or `None` if it has none.
pub fn cache_path(source: &Path) -> Option<PathBuf> {
    let prefix =
        crate::modules::sys::get_attr("pycache_prefix").and_then(|p| pystr::as_str(&p).map(PathBuf::from));
    let tag = optimization_tag(config().optimize);
    pycache::cache_from_source(source, tag, CACHE_TAG, prefix.as_deref()).ok()
}

/// Whether `sys.dont_write_bytecode` is true now.
pub fn dont_write_bytecode() -> bool {
    crate::modules::sys::get_attr("dont_write_bytecode")
        .is_some_and(|v| crate::ops::truthy(&v).unwrap_or(false))
}

/// The native `SourceFileLoader.get_code`: the cached code if it is fresh
/// and sound, else the compiled source (and a new cache file).
pub fn source_code(name: &str, source: &Path) -> PyResult<Arc<CodeObject>> {
    let stat = pycache::source_stat(source).map_err(|e| os_error(&e, source))?;
    let cache = cache_path(source);
    let mut source_bytes = None;
    let mut hash_based = None;
    if let Some(cache) = &cache {
        if let Some(code) = fresh_cache(name, cache, source, stat, &mut source_bytes, &mut hash_based) {
            return Ok(code);
        }
    }
    let bytes = match source_bytes {
        Some(b) => b,
        None => std::fs::read(source).map_err(|e| os_error(&e, source))?,
    };
    let code = Arc::new(compile_bytes(&bytes, &source.to_string_lossy())?);
    if let Some(cache) = cache.filter(|_| !dont_write_bytecode()) {
        let header = match hash_based {
            Some(check_source) => hash_header(source_hash(&bytes), check_source),
            None => timestamp_header(stat.0 as u64, stat.1),
        };
        let data = pycache::pyc_bytes(header, &code);
        let _ = pycache::write_pyc_atomic(&cache, &data, pycache::cache_mode(source));
    }
    Ok(code)
}

/// The code in `cache` if it is valid for `source` (any problem: `None`).
/// Records the source bytes if they had to be read for a hash check, and
/// whether the file was hash-based (a rewrite keeps that kind).
fn fresh_cache(
    name: &str,
    cache: &Path,
    source: &Path,
    stat: (i64, u64),
    source_bytes: &mut Option<Vec<u8>>,
    hash_based: &mut Option<bool>,
) -> Option<Arc<CodeObject>> {
    let (header, body) = pycache::read_pyc(cache, name).ok()?;
    if let Validation::Hash { check_source, .. } = header.validation {
        *hash_based = Some(check_source);
    }
    let hash = || {
        let b = std::fs::read(source)?;
        let h = source_hash(&b);
        *source_bytes = Some(b);
        Ok(h)
    };
    pycache::check_fresh(&header, config().check_hash_based_pycs, stat, hash).ok()?;
    pycache::code_from_body(&body).ok()
}

/// Compiles module source bytes (PEP 263 decoding) at the `-O` level.
pub fn compile_bytes(bytes: &[u8], filename: &str) -> PyResult<CodeObject> {
    let syntax = |e: taipan_parser::SyntaxError| crate::builtins::functions::syntax_error_value(&e, filename);
    let tree =
        taipan_parser::parse_bytes(bytes, taipan_parser::Mode::Exec, Default::default()).map_err(syntax)?;
    // from_utf8 checks ASCII a word at a time; from_utf8_lossy goes byte by byte.
    let text = std::str::from_utf8(bytes)
        .map_or_else(|_| String::from_utf8_lossy(bytes), std::borrow::Cow::Borrowed);
    let mut options = taipan_compiler::CompileOptions::new(filename, taipan_compiler::CompileMode::Exec);
    options.optimize = config().optimize;
    taipan_compiler::compile(&tree, &text, &options).map_err(syntax)
}

/// The code of a sourceless `.pyc` (legacy `NAME.pyc`, `taipan file.pyc`):
/// every problem is an error (ImportError, EOFError or ValueError).
pub fn sourceless_code(name: &str, path: &Path) -> PyResult<Arc<CodeObject>> {
    let (_, body) = pycache::read_pyc(path, name).map_err(|e| pyc_error(&e, name, path))?;
    pycache::code_from_body(&body).map_err(|e| pyc_error(&e, name, path))
}

/// The Python exception for a `.pyc` that cannot be used.
pub fn pyc_error(e: &PycError, name: &str, path: &Path) -> PyErr {
    let msg = match e {
        PycError::Marshal(m) => m.message.clone(),
        _ => e.message(name, path),
    };
    let r = rt();
    let ty = match e {
        PycError::Io(io) => return os_error(io, path),
        PycError::Header(taipan_bytecode::pyc::HeaderError::Truncated) => &r.exc.eof_error,
        PycError::Marshal(m) => match m.kind {
            MarshalErrorKind::Eof => &r.exc.eof_error,
            MarshalErrorKind::Type => &r.exc.type_error,
            _ => &r.exc.value_error,
        },
        _ => &r.exc.import_error,
    };
    let err = exc::with_msg(ty, msg);
    if e_is_import(e) {
        set_import_name(&err, name);
    }
    err
}

fn e_is_import(e: &PycError) -> bool {
    !matches!(
        e,
        PycError::Io(_)
            | PycError::Marshal(_)
            | PycError::Header(taipan_bytecode::pyc::HeaderError::Truncated)
    )
}

/// `OSError` (the errno's subclass, with `errno`, `strerror` and
/// `filename`) for a file operation on `path`.
pub fn os_error(e: &std::io::Error, path: &Path) -> PyErr {
    crate::objects::os_error::from_io_error(e, Some(pystr::new(&path.to_string_lossy())))
}

/// Sets `ImportError.name`.
pub fn set_import_name(err: &PyErr, name: &str) {
    if let Some(d) = crate::objects::exc_objects::data(err.value()) {
        d.name.set(pystr::new(name));
    }
}

/// Loads the module `spec` describes: creates it, registers it in
/// `sys.modules`, runs it; returns what `sys.modules` then holds.
pub fn load(spec: &Spec) -> PyResult<Value> {
    if let Origin::Native = spec.origin {
        return load_native(&spec.name);
    }
    let module = module::new_module(&spec.name);
    let globals = module::dict_of(&module).ok_or_else(|| exc::system_error("module without a namespace"))?;
    let spec_obj = init_module_attrs(&globals, spec)?;
    let modules = super::sys_modules();
    let key = pystr::new(&spec.name);
    dict::set_item(&modules, key.clone(), module.clone())?;
    let result = run_module_code(spec, &globals, &spec_obj);
    if let Err(e) = result {
        let _ = dict::del_item(&modules, &key);
        return Err(e);
    }
    let Some(loaded) = dict::del_item(&modules, &key)? else {
        let err = exc::import_error(format!("Loaded module {} not found in sys.modules", spec.name));
        return Err(err);
    };
    dict::set_item(&modules, key, loaded.clone())?;
    if spec.name == "importlib._bootstrap_external" {
        set_taipan_magic(&loaded)?;
    }
    super::machinery::share_default_finders(&spec.name, &loaded)?;
    Ok(loaded)
}

/// Taipan's facts on CPython's `_bootstrap_external` (docs/import.md):
/// its `MAGIC_NUMBER` / `_RAW_MAGIC_NUMBER` become Taipan's magic, so that
/// `importlib.util`, `py_compile` and `compileall` write Taipan's files
/// (the cache tag already comes from `sys.implementation.cache_tag`).
fn set_taipan_magic(module: &Value) -> PyResult<()> {
    let magic = crate::objects::bytes::new(MAGIC.to_vec());
    crate::attr::setattr(module, &pystr::intern("MAGIC_NUMBER"), magic)?;
    let raw = crate::objects::int::from_i64(u32::from_le_bytes(MAGIC) as i64);
    crate::attr::setattr(module, &pystr::intern("_RAW_MAGIC_NUMBER"), raw)
}

/// Runs the module's code in its namespace (nothing for a namespace package),
/// with `__spec__._initializing` set meanwhile (for circular-import messages).
fn run_module_code(spec: &Spec, globals: &Value, spec_obj: &Value) -> PyResult<()> {
    let code = match &spec.origin {
        Origin::Source(p) => source_code(&spec.name, p)?,
        Origin::Sourceless(p) => sourceless_code(&spec.name, p)?,
        Origin::Namespace(_) | Origin::Native => return Ok(()),
    };
    let initializing = pystr::intern("_initializing");
    let _ = crate::attr::setattr(spec_obj, &initializing, rt().true_.clone());
    let r = crate::api::run_code_object(code, globals);
    let _ = crate::attr::setattr(spec_obj, &initializing, rt().false_.clone());
    r.map(|_| ())
}

/// A native module, built once and kept in `sys.modules`.
fn load_native(name: &str) -> PyResult<Value> {
    let make = crate::modules::find(name).ok_or_else(|| super::not_found(name))?;
    let m = make()?;
    dict::set_item(&super::sys_modules(), pystr::new(name), m.clone())?;
    set_builtin_spec(&m, name)?;
    Ok(m)
}

/// Gives a native module its `__spec__` (origin `built-in`), `__loader__`
/// (`BuiltinImporter`) and `__package__`, unless it has a spec.
pub fn set_builtin_spec(md: &Value, name: &str) -> PyResult<()> {
    let Some(d) = module::dict_of(md) else {
        return Ok(());
    };
    if dict::get_str(&d, &pystr::intern("__spec__")).is_some_and(|s| !s.is(&rt().none)) {
        return Ok(());
    }
    let loader = super::machinery::attr("BuiltinImporter")?;
    let spec = new_spec(name, &loader, Some(pystr::new("built-in")), false)?;
    dict::set_str(&d, "__spec__", spec);
    dict::set_str(&d, "__loader__", loader);
    dict::set_str(&d, "__package__", pystr::new(""));
    Ok(())
}

/// A `ModuleSpec(name, loader, origin=..., is_package=...)`.
fn new_spec(name: &str, loader: &Value, origin: Option<Value>, is_package: bool) -> PyResult<Value> {
    let cls = super::machinery::attr("ModuleSpec")?;
    let origin = origin.unwrap_or_else(|| rt().none.clone());
    let args = [pystr::new(name), loader.clone(), origin, rt().bool_value(is_package)];
    crate::call::call(&cls, &args, &[pystr::intern("origin"), pystr::intern("is_package")])
}

fn path_str(p: &Path) -> Value {
    pystr::new(&p.to_string_lossy())
}

/// The spec object (with its loader) for what the native finder found.
pub fn spec_value(spec: &Spec) -> PyResult<Value> {
    if let Origin::Native = spec.origin {
        let loader = super::machinery::attr("BuiltinImporter")?;
        return new_spec(&spec.name, &loader, Some(pystr::new("built-in")), false);
    }
    let search = spec.search_locations();
    let (loader_class, file) = match &spec.origin {
        Origin::Source(p) => ("SourceFileLoader", Some(p.clone())),
        Origin::Sourceless(p) => ("SourcelessFileLoader", Some(p.clone())),
        _ => ("NamespaceLoader", None),
    };
    let name = pystr::new(&spec.name);
    let locations = match (&spec.origin, &search) {
        (Origin::Namespace(_), Some(dirs)) => {
            let dirs = list::new(dirs.iter().map(|d| path_str(d)).collect());
            Some(crate::call::call(&super::machinery::attr("_NamespacePath")?, &[name.clone(), dirs], &[])?)
        }
        (_, Some(dirs)) => Some(list::new(dirs.iter().map(|d| path_str(d)).collect())),
        (_, None) => None,
    };
    let loader_path = match (&file, &locations) {
        (Some(f), _) => path_str(f),
        (None, Some(l)) => l.clone(),
        (None, None) => rt().none.clone(),
    };
    let loader = crate::call::call(&super::machinery::attr(loader_class)?, &[name, loader_path], &[])?;
    let origin = file.as_deref().map(path_str);
    let spec_obj = new_spec(&spec.name, &loader, origin, search.is_some())?;
    if let Some(l) = locations {
        crate::attr::setattr(&spec_obj, &pystr::intern("submodule_search_locations"), l)?;
    }
    if let Some(f) = &file {
        let cached = match &spec.origin {
            Origin::Source(p) => cache_path(p).map(|c| path_str(&c)),
            _ => Some(path_str(f)),
        };
        let cached = cached.unwrap_or_else(|| rt().none.clone());
        crate::attr::setattr(&spec_obj, &pystr::intern("cached"), cached)?;
        crate::attr::setattr(&spec_obj, &pystr::intern("has_location"), rt().true_.clone())?;
    }
    Ok(spec_obj)
}

/// Sets the module attributes importlib's `_init_module_attrs` sets;
/// returns the spec object.
pub(crate) fn init_module_attrs(globals: &Value, spec: &Spec) -> PyResult<Value> {
    let spec_obj = spec_value(spec)?;
    let get = |n: &str| crate::attr::getattr_str(&spec_obj, n);
    let package = match spec.search_locations() {
        Some(_) => spec.name.clone(),
        None => spec.name.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default(),
    };
    dict::set_str(globals, "__loader__", get("loader")?);
    dict::set_str(globals, "__package__", pystr::new(&package));
    dict::set_str(globals, "__builtins__", rt().builtins().clone());
    let locations = get("submodule_search_locations")?;
    if !locations.is(&rt().none) {
        dict::set_str(globals, "__path__", locations);
    }
    if let Origin::Namespace(_) = spec.origin {
        dict::set_str(globals, "__file__", rt().none.clone());
    }
    if let Some(f) = spec.file() {
        dict::set_str(globals, "__file__", path_str(f));
        dict::set_str(globals, "__cached__", get("cached")?);
    }
    dict::set_str(globals, "__spec__", spec_obj.clone());
    Ok(spec_obj)
}
