//! The parts of `sys` that asyncio's event loop and the shutdown path use:
//! `is_finalizing`, the per-thread async-generator hooks
//! (`get_asyncgen_hooks`/`set_asyncgen_hooks`, with the
//! `sys.asyncgen_hooks` struct sequence) and the coroutine origin
//! tracking depth.
//!
//! Left to do: the hooks are stored and returned as CPython does, but the
//! VM does not call `firstiter` when an async generator starts nor
//! `finalizer` when one is collected unfinished, and coroutines do not
//! record `cr_origin`.

use super::structseq;
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{int, m, mk, Method};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use std::cell::{Cell, OnceCell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};

pub const FUNCTIONS: &[Method] = &[
    m("is_finalizing", |_, _| Ok(rt().bool_value(FINALIZING.load(Ordering::Relaxed)))),
    m("get_asyncgen_hooks", get_asyncgen_hooks),
    mk("set_asyncgen_hooks", set_asyncgen_hooks),
    m("get_coroutine_origin_tracking_depth", |_, _| Ok(int::from_i64(ORIGIN_DEPTH.with(Cell::get)))),
    mk("set_coroutine_origin_tracking_depth", set_coroutine_origin_tracking_depth),
];

/// Set once the interpreter has begun finalizing (after the exit hooks).
static FINALIZING: AtomicBool = AtomicBool::new(false);

/// Marks the interpreter as finalizing: `sys.is_finalizing()` is True from now on.
pub fn set_finalizing() {
    FINALIZING.store(true, Ordering::Relaxed);
}

thread_local! {
    /// This thread's (firstiter, finalizer) hooks; None when unset.
    static HOOKS: RefCell<Option<(Value, Value)>> = const { RefCell::new(None) };
    static ORIGIN_DEPTH: Cell<i64> = const { Cell::new(0) };
}

crate::interp_static! {
    static HOOKS_TYPE: OnceCell<Value> = const { OnceCell::new() };
}

fn hooks_type() -> Value {
    HOOKS_TYPE.with(|t| {
        t.get_or_init(|| structseq::new_type("builtins", "asyncgen_hooks", &["firstiter", "finalizer"], 2))
            .clone()
    })
}

/// The current (firstiter, finalizer), None for an unset one.
fn current_hooks() -> (Value, Value) {
    HOOKS.with(|h| h.borrow().clone()).unwrap_or_else(|| (rt().none.clone(), rt().none.clone()))
}

fn get_asyncgen_hooks(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("get_asyncgen_hooks", args, 1, 1)?;
    let (firstiter, finalizer) = current_hooks();
    structseq::new_instance(&hooks_type(), vec![firstiter, finalizer])
}

/// A hook argument: None or a callable, else CPython's TypeError.
fn hook_arg(v: &Value, what: &str) -> PyResult<Value> {
    if v.is(&rt().none) || crate::builtins::functions::is_callable(v) {
        return Ok(v.clone());
    }
    Err(exc::type_error(format!("callable {what} expected, got {}", type_name(v))))
}

// set_asyncgen_hooks(firstiter=<unchanged>, finalizer=<unchanged>)
fn set_asyncgen_hooks(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = super::native::bind("set_asyncgen_hooks", &args[1..], kwnames, &["firstiter", "finalizer"], 0)?;
    let (mut firstiter, mut finalizer) = current_hooks();
    if let Some(v) = &a[1] {
        finalizer = hook_arg(v, "finalizer")?;
    }
    if let Some(v) = &a[0] {
        firstiter = hook_arg(v, "firstiter")?;
    }
    HOOKS.with(|h| *h.borrow_mut() = Some((firstiter, finalizer)));
    Ok(rt().none.clone())
}

// set_coroutine_origin_tracking_depth(depth)
fn set_coroutine_origin_tracking_depth(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = super::native::bind_clinic(
        "set_coroutine_origin_tracking_depth",
        &args[1..],
        kwnames,
        &["depth"],
        1,
    )?;
    let depth = super::native::int_arg(a[0].as_ref().expect("required"), "")?;
    if depth < 0 {
        return Err(exc::value_error("depth must be >= 0"));
    }
    ORIGIN_DEPTH.with(|d| d.set(depth));
    Ok(rt().none.clone())
}
