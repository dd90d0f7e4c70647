//! Finding a module: the native modules (top-level names only), then the
//! path-based search over `sys.path` or a package's `__path__`, as
//! CPython's `PathFinder` + `FileFinder` do it: in each directory a
//! package (`NAME/__init__.py`, or a sourceless `NAME/__init__.pyc`) wins,
//! then `NAME.py`, then a legacy sourceless `NAME.pyc`; a directory `NAME`
//! without `__init__` is remembered as a namespace portion (PEP 420) and
//! used only if no directory holds a real module. A stale
//! `__pycache__/NAME.*.pyc` whose source is gone is never found.

use crate::exceptions::PyResult;
use crate::objects::{list, str as pystr, tuple};
use crate::value::Value;
use std::path::{Path, PathBuf};

/// Where a module comes from and how to load it.
#[derive(Clone, Debug)]
pub enum Origin {
    /// A native module (`modules::find`).
    Native,
    /// A source file (its cache lives in `__pycache__`).
    Source(PathBuf),
    /// A legacy `.pyc` with no source beside it.
    Sourceless(PathBuf),
    /// A namespace package made of these directories.
    Namespace(Vec<PathBuf>),
}

/// What `find_spec` found (turned into a `ModuleSpec` when loaded).
#[derive(Clone, Debug)]
pub struct Spec {
    pub name: String,
    pub origin: Origin,
    /// The package's directory (`__path__[0]`) if it is a regular package.
    pub package_dir: Option<PathBuf>,
}

impl Spec {
    /// `__path__` for a package (`None` for a plain module).
    pub fn search_locations(&self) -> Option<Vec<PathBuf>> {
        match &self.origin {
            Origin::Namespace(dirs) => Some(dirs.clone()),
            _ => self.package_dir.clone().map(|d| vec![d]),
        }
    }

    /// The file the module comes from, if any.
    pub fn file(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Source(p) | Origin::Sourceless(p) => Some(p),
            _ => None,
        }
    }
}

/// Finds `name` (absolute); `path` is the parent package's `__path__`
/// (`None` for a top-level name: native modules, then `sys.path`).
pub fn find_spec(name: &str, path: Option<&Value>) -> PyResult<Option<Spec>> {
    let entries = match path {
        Some(p) => path_entries(p)?,
        None => {
            if crate::modules::find(name).is_some() {
                return Ok(Some(Spec { name: name.to_string(), origin: Origin::Native, package_dir: None }));
            }
            sys_path()?
        }
    };
    let tail = name.rsplit('.').next().unwrap_or(name);
    Ok(search(name, tail, &entries))
}

/// The path-based search over `entries` (directories).
fn search(name: &str, tail: &str, entries: &[String]) -> Option<Spec> {
    let mut portions = Vec::new();
    for entry in entries {
        let Some(dir) = entry_dir(entry) else { continue };
        match search_dir(name, tail, &dir) {
            DirHit::Module(spec) => return Some(spec),
            DirHit::Portion(p) => portions.push(p),
            DirHit::Nothing => {}
        }
    }
    if portions.is_empty() {
        None
    } else {
        Some(Spec { name: name.to_string(), origin: Origin::Namespace(portions), package_dir: None })
    }
}

/// What one directory holds for a module name.
pub enum DirHit {
    /// A package, a source file or a legacy `.pyc`.
    Module(Spec),
    /// A directory without `__init__`: a namespace portion.
    Portion(PathBuf),
    Nothing,
}

/// `FileFinder.find_spec` in directory `dir` for `name` (last part `tail`).
pub fn search_dir(name: &str, tail: &str, dir: &Path) -> DirHit {
    let spec = |origin, package_dir| DirHit::Module(Spec { name: name.to_string(), origin, package_dir });
    let base = dir.join(tail);
    let mut portion = None;
    if base.is_dir() {
        let init = base.join("__init__.py");
        if init.is_file() {
            return spec(Origin::Source(init), Some(base));
        }
        let init_pyc = base.join("__init__.pyc");
        if init_pyc.is_file() {
            return spec(Origin::Sourceless(init_pyc), Some(base));
        }
        portion = Some(base);
    }
    let source = dir.join(format!("{tail}.py"));
    if source.is_file() {
        return spec(Origin::Source(source), None);
    }
    let pyc = dir.join(format!("{tail}.pyc"));
    if pyc.is_file() {
        return spec(Origin::Sourceless(pyc), None);
    }
    match portion {
        Some(p) => DirHit::Portion(p),
        None => DirHit::Nothing,
    }
}

/// A `sys.path` entry as a directory (`''` and `'.'` are the working
/// directory, relative entries are joined to it, as `FileFinder` does).
fn entry_dir(entry: &str) -> Option<PathBuf> {
    if entry.is_empty() || entry == "." {
        return std::env::current_dir().ok();
    }
    let p = PathBuf::from(entry);
    if p.is_absolute() {
        Some(p)
    } else {
        std::env::current_dir().ok().map(|cwd| cwd.join(p))
    }
}

/// The current `sys.path` (its str entries).
fn sys_path() -> PyResult<Vec<String>> {
    match crate::modules::sys::get_attr("path") {
        Some(p) => path_entries(&p),
        None => Ok(Vec::new()),
    }
}

/// The str items of a list / tuple / other iterable of paths.
fn path_entries(path: &Value) -> PyResult<Vec<String>> {
    let items = match list::snapshot(path) {
        Some(v) => v,
        None => match tuple::items(path) {
            Some(t) => t.to_vec(),
            None => crate::ops::collect(path)?,
        },
    };
    Ok(items.iter().filter_map(|v| pystr::as_str(v).map(str::to_string)).collect())
}
