//! Native modules: one file per module and the registry. `NATIVE_MODULES`
//! lists the modules the interpreter itself needs to boot and to run the
//! import system (`sys`, `gc`, and the modules importlib's bootstrap uses).
//! An embedder adds more with `register` before running code — the CLI
//! registers `taipan_stdlib::MODULES`, the standard library's native
//! modules. `find` and `names` (which backs `sys.builtin_module_names`) are
//! the only ways the rest of the VM consults the registry.

pub mod _ast;
pub mod _imp;
pub mod _io;
pub mod _thread;
pub mod _warnings;
pub mod _weakref;
pub mod gc;
pub mod marshal;
pub mod native;
pub mod posix;
mod posix_at;
mod posix_fs;
mod posix_ids;
pub mod posix_process;
mod posix_scandir;
pub mod structseq;
pub mod sys;
pub mod sys_async;
pub mod thread_local;

use crate::exceptions::PyResult;
use crate::value::Value;
use std::sync::Mutex;

/// Builds a native module (called once; the result is put in `sys.modules`).
pub type ModuleInit = fn() -> PyResult<Value>;

/// The native modules, sorted by name (one source of truth).
pub const NATIVE_MODULES: &[(&str, ModuleInit)] = &[
    ("_ast", _ast::module),
    ("_imp", _imp::module),
    ("_io", _io::module),
    ("_thread", _thread::module),
    ("_warnings", _warnings::module),
    ("_weakref", _weakref::module),
    ("gc", gc::module),
    ("marshal", marshal::module),
    ("posix", posix::module),
    ("sys", sys::module),
];

/// Module lists added by the embedder (`register`).
static REGISTERED: Mutex<Vec<&'static [(&'static str, ModuleInit)]>> = Mutex::new(Vec::new());

/// Makes `modules` importable as native modules in every interpreter
/// created afterwards (a name already known keeps its first definition).
pub fn register(modules: &'static [(&'static str, ModuleInit)]) {
    let mut lists = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    if !lists.iter().any(|l| std::ptr::eq(*l, modules)) {
        lists.push(modules);
    }
}

/// Every registered native module, boot modules first.
fn all() -> Vec<(&'static str, ModuleInit)> {
    let lists = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    NATIVE_MODULES.iter().chain(lists.iter().flat_map(|l| l.iter())).copied().collect()
}

/// The function building native module `name`, if there is one.
pub fn find(name: &str) -> Option<ModuleInit> {
    all().into_iter().find(|(n, _)| *n == name).map(|(_, f)| f)
}

/// The names of all native modules, sorted (`sys.builtin_module_names`).
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = all().into_iter().map(|(n, _)| n).collect();
    v.sort_unstable();
    v.dedup();
    v
}
