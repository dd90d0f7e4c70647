//! The `atexit` module: functions to call when the program ends
//! (`register`, `unregister`, and the private `_run_exitfuncs`, `_clear`,
//! `_ncallbacks`), as CPython 3.11. Callbacks run latest first, from the
//! VM's exit hook (`taipan_vm::at_exit`); an exception in one is
//! printed as "Exception ignored in atexit callback: ..." and the rest still
//! run.

use std::cell::RefCell;
use taipan_vm::builtins::functions::is_callable;
use taipan_vm::exceptions as exc;
use taipan_vm::modules::native::{self, none};
use taipan_vm::objects::{int, m, mk, Method};
use taipan_vm::{PyResult, Value};

/// One registered call: the function, its arguments and keyword names
/// (the last `kwnames.len()` arguments are keyword values).
struct Callback {
    func: Value,
    args: Vec<Value>,
    kwnames: Vec<Value>,
}

taipan_vm::interp_static! {
    /// Registration order; `unregister` leaves a hole (`None`), which
    /// `_ncallbacks` still counts, as CPython 3.11 does.
    static CALLBACKS: RefCell<Vec<Option<Callback>>> = const { RefCell::new(Vec::new()) };
}

const FUNCTIONS: &[Method] = &[
    mk("register", register),
    m("unregister", unregister),
    m("_run_exitfuncs", |_, _| {
        run_callbacks();
        Ok(none())
    }),
    m("_clear", |_, _| {
        CALLBACKS.with(|c| c.borrow_mut().clear());
        Ok(none())
    }),
    m("_ncallbacks", |_, _| Ok(int::from_i64(CALLBACKS.with(|c| c.borrow().len()) as i64))),
];

/// Creates the module and makes the VM run the callbacks at exit.
pub fn module() -> PyResult<Value> {
    taipan_vm::at_exit(run_callbacks);
    let (md, _) = native::new_module("atexit", FUNCTIONS);
    Ok(md)
}

/// `register(func, *args, **kwargs)`: returns `func`.
fn register(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let args = &args[1..];
    let Some(func) = args.first().filter(|_| args.len() > kwnames.len()) else {
        return Err(exc::type_error("register() takes at least 1 argument (0 given)".to_string()));
    };
    if !is_callable(func) {
        return Err(exc::type_error("the first argument must be callable".to_string()));
    }
    let callback = Callback { func: func.clone(), args: args[1..].to_vec(), kwnames: kwnames.to_vec() };
    CALLBACKS.with(|c| c.borrow_mut().push(Some(callback)));
    Ok(func.clone())
}

/// `unregister(func)`: forgets every registration of a function equal to
/// `func`.
fn unregister(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let [_, func] = args else {
        return Err(exc::type_error(format!(
            "atexit.unregister() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    let count = CALLBACKS.with(|c| c.borrow().len());
    for i in 0..count {
        let registered =
            CALLBACKS.with(|c| c.borrow().get(i).and_then(|cb| cb.as_ref().map(|cb| cb.func.clone())));
        let Some(registered) = registered else { continue };
        if taipan_vm::ops::eq(&registered, func)? {
            CALLBACKS.with(|c| {
                if let Some(slot) = c.borrow_mut().get_mut(i) {
                    *slot = None;
                }
            });
        }
    }
    Ok(none())
}

/// Runs and forgets every callback, latest first. A callback may register
/// or unregister others while this runs.
fn run_callbacks() {
    while let Some(entry) = CALLBACKS.with(|c| c.borrow_mut().pop()) {
        let Some(cb) = entry else { continue };
        if let Err(e) = taipan_vm::call::call(&cb.func, &cb.args, &cb.kwnames) {
            let what = taipan_vm::ops::repr_string(&cb.func).unwrap_or_else(|_| "<object>".to_string());
            taipan_vm::modules::sys::write_unraisable(
                &format!("Exception ignored in atexit callback: {what}"),
                &e,
            );
        }
    }
}
