//! Running a module as `__main__`: `taipan -m module` / `-m package` (its
//! `__main__` submodule), as `runpy._run_module_as_main` does, with its
//! messages; and `taipan file.pyc` (a verified sourceless file).

use super::finder::{Origin, Spec};
use super::machinery::{self, Found};
use super::{import_absolute, loader};
use crate::api::Exit;
use crate::exceptions::PyErr;
use crate::objects::{dict, list, module, str as pystr};
use crate::runtime::rt;
use crate::value::Value;
use std::path::Path;
use std::sync::Arc;
use taipan_bytecode::CodeObject;

/// Why `-m` could not start: a message printed after the executable's name.
enum RunError {
    Message(String),
    Python(PyErr),
}

/// The module `-m` runs: found natively, or by a finder written in
/// Python (a spec object and the code its loader's `get_code` gave).
enum Details {
    Native(Spec, Arc<CodeObject>),
    Foreign(Value, Value),
}

/// `taipan -m NAME`: finds the module (importing its parent packages,
/// asking `sys.meta_path` as `runpy` does), sets `sys.argv[0]` to its
/// file, runs it as `__main__`.
pub fn run_module(modname: &str) -> Exit {
    let status = match module_details(modname) {
        Ok(Details::Native(spec, code)) => run_as_main(&spec, code),
        Ok(Details::Foreign(spec, code)) => run_foreign_as_main(&spec, &code),
        Err(RunError::Message(m)) => {
            let exe = crate::modules::sys::get_attr("executable")
                .and_then(|e| pystr::as_str(&e).map(str::to_string))
                .unwrap_or_else(|| "taipan".to_string());
            crate::modules::sys::write_fd(2, &format!("{exe}: {m}\n"));
            1
        }
        Err(RunError::Python(e)) => crate::api::handle_uncaught(&e),
    };
    Exit::Status(crate::api::finalize(status))
}

/// `runpy._get_module_details`: the spec and code of the module to run.
fn module_details(modname: &str) -> Result<Details, RunError> {
    if modname.starts_with('.') {
        return Err(RunError::Message("Relative module names not supported".to_string()));
    }
    let mut path = None;
    if let Some((parent, _)) = modname.rsplit_once('.') {
        match import_absolute(parent) {
            Ok(pm) => path = crate::attr::getattr_opt(&pm, &pystr::intern("__path__")).ok().flatten(),
            Err(e) if e.matches(&rt().exc.import_error) => {
                let msg = crate::ops::str_string(e.value()).unwrap_or_default();
                let text = format!("{}: {msg}", crate::types::type_name(e.value()));
                return Err(RunError::Message(format!(
                    "Error while finding module specification for {} ({})",
                    super::quote(modname),
                    text.trim_end()
                )));
            }
            Err(e) => return Err(RunError::Python(e)),
        }
    }
    let spec = match machinery::find(modname, path.as_ref()).map_err(RunError::Python)? {
        None => return Err(RunError::Message(format!("No module named {modname}"))),
        Some(Found::Foreign(spec)) => return foreign_details(modname, spec),
        Some(Found::Native(spec)) => spec,
    };
    if spec.search_locations().is_some() {
        return package_main(modname);
    }
    let code = match &spec.origin {
        Origin::Source(p) => loader::source_code(modname, p),
        Origin::Sourceless(p) => loader::sourceless_code(modname, p),
        _ => return Err(RunError::Message(format!("No code object available for {modname}"))),
    };
    Ok(Details::Native(spec, code.map_err(RunError::Python)?))
}

/// A package runs its `__main__` submodule.
fn package_main(modname: &str) -> Result<Details, RunError> {
    if modname == "__main__" || modname.ends_with(".__main__") {
        return Err(RunError::Message("Cannot use package as __main__ module".to_string()));
    }
    module_details(&format!("{modname}.__main__")).map_err(|e| match e {
        RunError::Message(m) => RunError::Message(format!(
            "{m}; {} is a package and cannot be directly executed",
            super::quote(modname)
        )),
        other => other,
    })
}

/// The code of a module a finder written in Python found (its loader's
/// `get_code`), with runpy's messages.
fn foreign_details(modname: &str, spec: Value) -> Result<Details, RunError> {
    let none = rt().none.clone();
    let get = |name: &str| crate::attr::getattr_str(&spec, name).map_err(RunError::Python);
    if !get("submodule_search_locations")?.is(&none) {
        return package_main(modname);
    }
    let loader = get("loader")?;
    if loader.is(&none) {
        let quoted = super::quote(modname);
        return Err(RunError::Message(format!("{quoted} is a namespace package and cannot be executed")));
    }
    let code =
        crate::attr::call_method(&loader, "get_code", &[pystr::new(modname)]).map_err(RunError::Python)?;
    if code.is(&none) {
        return Err(RunError::Message(format!("No code object available for {modname}")));
    }
    Ok(Details::Foreign(spec, code))
}

/// Runs a foreign module's code in a fresh `__main__` given its spec's
/// attributes (`sys.argv[0]` is the spec's origin).
fn run_foreign_as_main(spec: &Value, code: &Value) -> i32 {
    if let Ok(origin) = crate::attr::getattr_str(spec, "origin") {
        if let Some(o) = pystr::as_str(&origin) {
            set_argv0(o);
        }
    }
    let globals = main_globals();
    let main = dict::get_item(&super::sys_modules(), &pystr::intern("__main__")).ok().flatten();
    let init = super::prelude_attr("_init_module_attrs");
    let r = init
        .and_then(|f| crate::call::call(&f, &[spec.clone(), main.unwrap_or_else(|| rt().none.clone())], &[]));
    if let Err(e) = r {
        return crate::api::handle_uncaught(&e);
    }
    dict::set_str(&globals, "__name__", pystr::new("__main__"));
    match crate::eval::run_code(code, &globals, &globals) {
        Ok(_) => 0,
        Err(e) => crate::api::handle_uncaught(&e),
    }
}

/// Runs `code` in a fresh `__main__` carrying the spec's attributes.
fn run_as_main(spec: &Spec, code: Arc<CodeObject>) -> i32 {
    let file = spec.file().map(Path::to_path_buf);
    if let Some(f) = &file {
        set_argv0(&f.to_string_lossy());
    }
    let globals = main_globals();
    if let Err(e) = loader::init_module_attrs(&globals, spec) {
        return crate::api::handle_uncaught(&e);
    }
    dict::set_str(&globals, "__name__", pystr::new("__main__"));
    run_in(code, &globals)
}

/// The end of start-up, in CPython's order: `import site` (unless `-S`,
/// or no standard library was found), which extends `sys.path` with the
/// site-packages directories and their `.pth` files and installs `exit`,
/// `help` and friends; then `sys.path[0]` (the script's directory, `''`
/// for `-c`, the working directory for `-m`) goes in front, so `site`'s
/// clean-up never saw it. A failure to import `site` is fatal, with
/// CPython's message.
pub fn finish_start_up() -> Result<(), Exit> {
    let config = super::config::config();
    if !config.no_site && super::config::stdlib_dir().is_some() {
        import_site()?;
    }
    if let Some(path0) = &config.path0 {
        if let Some(path) = crate::modules::sys::get_attr("path").as_ref().and_then(list::data) {
            path.items.borrow_mut().insert(0, pystr::new(path0));
        }
    }
    Ok(())
}

fn import_site() -> Result<(), Exit> {
    match machinery::ensure_installed().and_then(|_| import_absolute("site")) {
        Ok(_) => Ok(()),
        Err(e) => {
            crate::modules::sys::flush_stdout();
            eprintln!("Fatal Python error: init_import_site: Failed to import the site module");
            eprintln!("Python runtime state: initialized");
            crate::api::handle_uncaught(&e);
            Err(Exit::Status(1))
        }
    }
}

/// `taipan script.py` / `taipan -c CODE`: runs compiled main code with
/// CPython's `__main__` attributes (`__file__` for a script; `__spec__`
/// and `__package__` None).
pub fn run_script(code: CodeObject, file: Option<&str>) -> Exit {
    let globals = main_globals();
    if let Err(e) = super::machinery::ensure_installed() {
        return Exit::Status(crate::api::handle_uncaught(&e));
    }
    dict::set_str(&globals, "__package__", rt().none.clone());
    dict::set_str(&globals, "__spec__", rt().none.clone());
    let loader = match file {
        Some(f) => {
            dict::set_str(&globals, "__file__", pystr::new(&absolute(f)));
            dict::set_str(&globals, "__cached__", rt().none.clone());
            let cls = super::prelude_attr("SourceFileLoader");
            cls.and_then(|c| crate::call::call(&c, &[pystr::new("__main__"), pystr::new(f)], &[]))
        }
        None => super::prelude_attr("BuiltinImporter"),
    };
    dict::set_str(&globals, "__loader__", loader.unwrap_or_else(|_| rt().none.clone()));
    let status = run_in(Arc::new(code), &globals);
    Exit::Status(crate::api::finalize(status))
}

/// `taipan file.pyc`: runs a compiled file (verified; a bad file is an error).
pub fn run_pyc(path: &Path) -> Exit {
    let status = match loader::sourceless_code("__main__", path) {
        Ok(code) => {
            let globals = main_globals();
            dict::set_str(&globals, "__package__", rt().none.clone());
            dict::set_str(&globals, "__spec__", rt().none.clone());
            dict::set_str(&globals, "__file__", pystr::new(&path.to_string_lossy()));
            dict::set_str(&globals, "__cached__", rt().none.clone());
            run_in(code, &globals)
        }
        Err(e) => crate::api::handle_uncaught(&e),
    };
    Exit::Status(crate::api::finalize(status))
}

/// A new `__main__` module in `sys.modules`; its namespace.
fn main_globals() -> Value {
    let m = module::new_module("__main__");
    let d = module::dict_of(&m).unwrap_or_else(dict::new_dict);
    dict::set_str(&d, "__builtins__", rt().builtins().clone());
    let _ = dict::set_item(&super::sys_modules(), pystr::intern("__main__"), m);
    d
}

fn run_in(code: Arc<CodeObject>, globals: &Value) -> i32 {
    match crate::api::run_code_object(code, globals) {
        Ok(_) => 0,
        Err(e) => crate::api::handle_uncaught(&e),
    }
}

/// `sys.argv[0] = path` (as runpy does for `-m`).
fn set_argv0(path: &str) {
    if let Some(argv) = crate::modules::sys::get_attr("argv") {
        if list::data(&argv).is_some() {
            let _ = list::setitem(&argv, &crate::objects::int::from_i64(0), pystr::new(path));
        }
    }
}

/// Compiles the main program's text at the `-O` level (errors are
/// rendered by the caller, as CPython prints them).
pub fn compile_main(source: &str, filename: &str) -> Result<CodeObject, taipan_parser::SyntaxError> {
    let tree = taipan_parser::parse(source, taipan_parser::Mode::Exec, Default::default())
        .map_err(taipan_parser::SyntaxError::in_compilation)?;
    let mut options = taipan_compiler::CompileOptions::new(filename, taipan_compiler::CompileMode::Exec);
    options.optimize = super::config::config().optimize;
    taipan_compiler::compile(&tree, source, &options)
}

/// `path` joined to the working directory unless absolute (not
/// normalised, as CPython's `_Py_abspath`).
pub fn absolute(path: &str) -> String {
    match std::env::current_dir() {
        Ok(cwd) if !path.starts_with('/') => cwd.join(path).to_string_lossy().into_owned(),
        _ => path.to_string(),
    }
}
