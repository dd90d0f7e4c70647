//! Native modules: the registry (`NATIVE_MODULES`, the one list of modules
//! written in Rust that `import` can load, also `sys.builtin_module_names`)
//! and one file per module. The modules here are the ones the interpreter
//! needs to boot and to run the import system (`sys`, `gc`, and the modules
//! importlib's bootstrap uses); the rest of the standard library's native
//! modules will live in their own crate.

pub mod gc;
pub mod sys;

use crate::exceptions::PyResult;
use crate::value::Value;

/// Builds a native module (called once; the result is put in `sys.modules`).
pub type ModuleInit = fn() -> PyResult<Value>;

/// The native modules, sorted by name (one source of truth).
pub const NATIVE_MODULES: &[(&str, ModuleInit)] = &[("gc", gc::module), ("sys", sys::module)];
