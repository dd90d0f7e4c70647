//! The embedding API: run a code object or source text as `__main__`,
//! compile source, and report how a program ended (for the CLI and tests).

use crate::exceptions::{PyErr, PyResult};
use crate::objects::{dict, module, str as pystr};
use crate::runtime::rt;
use crate::value::Value;
use std::sync::Arc;
use taipan_bytecode::CodeObject;

/// How a program run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// Normal end or `sys.exit()` with this status.
    Status(i32),
}

crate::interp_static! {
    /// Hooks run once when the program ends (`atexit` registers one).
    static EXIT_HOOKS: std::cell::RefCell<Vec<fn()>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Registers `hook` to run when the program ends, before stdout is flushed,
/// as CPython runs `atexit` callbacks in `Py_FinalizeEx`. Registering the
/// same hook twice runs it once.
pub fn at_exit(hook: fn()) {
    EXIT_HOOKS.with(|h| {
        let mut hooks = h.borrow_mut();
        if !hooks.iter().any(|f| std::ptr::fn_addr_eq(*f, hook)) {
            hooks.push(hook);
        }
    });
}

/// Ends a program run: runs the exit hooks (latest first), then flushes
/// stdout and stderr. Returns `status` unchanged, or 120 when the flush
/// failed, as CPython (errors in hooks are reported by the hooks
/// themselves, as unraisable exceptions).
pub fn finalize(status: i32) -> i32 {
    crate::modules::_thread::shutdown_threading();
    while let Some(hook) = EXIT_HOOKS.with(|h| h.borrow_mut().pop()) {
        hook();
    }
    crate::modules::sys_async::set_finalizing();
    if crate::modules::sys::flush_std_files() {
        status
    } else {
        120
    }
}

/// Sets `sys.argv`.
pub fn set_argv(argv: Vec<String>) {
    *rt().argv.borrow_mut() = argv;
}

/// A fresh `__main__` module's namespace.
pub fn main_namespace() -> Value {
    let m = module::new_module("__main__");
    let d = module::dict_of(&m).expect("module dict");
    dict::set_str(&d, "__builtins__", rt().builtins().clone());
    if let Some(mods) = rt().modules.get() {
        let _ = dict::set_item(mods, pystr::intern("__main__"), m);
    }
    d
}

/// Compiles source text to a code object (errors are SyntaxError values).
pub fn compile_source(
    source: &str,
    filename: &str,
    mode: taipan_compiler::CompileMode,
) -> Result<CodeObject, taipan_parser::SyntaxError> {
    let pmode = match mode {
        taipan_compiler::CompileMode::Exec => taipan_parser::Mode::Exec,
        taipan_compiler::CompileMode::Eval => taipan_parser::Mode::Eval,
        taipan_compiler::CompileMode::Single => taipan_parser::Mode::Single,
    };
    let tree = taipan_parser::parse(source, pmode, taipan_parser::ParseOptions::default())?;
    taipan_compiler::compile(&tree, source, &taipan_compiler::CompileOptions::new(filename, mode))
}

/// Runs a code object in `globals`.
pub fn run_code_object(code: Arc<CodeObject>, globals: &Value) -> PyResult<Value> {
    let c = crate::objects::code::new_code(code)?;
    crate::eval::run_code(&c, globals, globals)
}

/// Runs `code` as `__main__`; uncaught exceptions are printed as CPython
/// does and give status 1; SystemExit gives its status.
pub fn run_main(code: Arc<CodeObject>) -> Exit {
    let globals = main_namespace();
    let r = run_code_object(code, &globals);
    let status = match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(&e),
    };
    Exit::Status(finalize(status))
}

/// Prints an uncaught exception (or handles SystemExit); the exit status.
pub fn handle_uncaught(e: &PyErr) -> i32 {
    let r = rt();
    if e.matches(&r.exc.system_exit) {
        let code = crate::objects::exc_objects::data(e.value()).map(|d| d.value.get()).unwrap_or_default();
        if code.is_null() || code.is(&r.none) {
            return 0;
        }
        if let Some(i) = crate::objects::int::to_i64(&code) {
            return i as i32;
        }
        let s = crate::ops::str_string(&code).unwrap_or_default();
        crate::modules::sys::write_fd(2, &format!("{s}\n"));
        return 1;
    }
    if e.matches(&r.exc.keyboard_interrupt) {
        crate::signals::note_unhandled_interrupt();
    }
    crate::traceback::print_uncaught(e);
    1
}
