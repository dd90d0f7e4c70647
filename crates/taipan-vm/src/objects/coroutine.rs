//! Coroutines and async generators on top of `generator.rs` (which owns
//! the frame machinery shared by all three kinds): the `await` protocol
//! (`get_awaitable`, `coroutine.__await__` → `coroutine_wrapper`), the
//! `async for` protocol (`get_aiter`, `get_anext`), `async with`
//! (`before_async_with`), and the async generator awaitables
//! (`async_generator_asend` for `__anext__`/`asend`,
//! `async_generator_athrow` for `athrow`/`aclose`) with the wrapped values
//! ASYNC_GEN_WRAP makes of `yield` so that they can be told from the
//! values an `await` inside the generator passes through. Semantics and
//! messages are CPython 3.11's `genobject.c`/`ceval.c`.

use super::generator::{self as gen, GenData, GenKind, SendResult};
use super::{check_args, m, Getter, Method, Setter};
use crate::eval::Resume;
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::runtime::rt;
use crate::types::{type_name, type_of};
use crate::value::{Slot, Value};
use std::cell::Cell;
use taipan_bytecode::code::CO_ITERABLE_COROUTINE;

/// The payload of `coroutine_wrapper` (what `coroutine.__await__()` returns).
pub struct CoroWrapperData {
    coro: Value,
}

/// The payload of ASYNC_GEN_WRAP's values (`_PyAsyncGenWrappedValue`).
pub struct WrappedData {
    value: Value,
}

/// The states of an `asend`/`athrow` awaitable.
const INIT: u8 = 0;
const ITER: u8 = 1;
const CLOSED: u8 = 2;

/// The payload of `async_generator_asend`.
pub struct ASendData {
    agen: Value,
    sendval: Slot,
    state: Cell<u8>,
}

/// The payload of `async_generator_athrow` (`args` NULL: `aclose()`).
pub struct AThrowData {
    agen: Value,
    args: Value,
    state: Cell<u8>,
}

/// Installs the methods of the coroutine-related types.
pub fn install_types(t: &crate::runtime::BuiltinTypes) {
    super::install(&t.coroutine, CORO_METHODS, CORO_GETSETS);
    super::install(&t.async_generator, AGEN_METHODS, AGEN_GETSETS);
    super::install(&t.coroutine_wrapper, WRAPPER_METHODS, &[]);
    super::install(&t.async_generator_asend, ASEND_METHODS, &[]);
    super::install(&t.async_generator_athrow, ATHROW_METHODS, &[]);
}

fn none() -> Value {
    rt().none.clone()
}

fn gen_of_kind(v: &Value, kind: GenKind) -> Option<&GenData> {
    v.downcast::<GenData>().filter(|g| g.kind == kind)
}

/// A coroutine, or a generator whose code is marked `CO_ITERABLE_COROUTINE`
/// (`types.coroutine`): awaitable as it is.
pub fn is_coroutine_like(v: &Value) -> bool {
    match v.downcast::<GenData>() {
        Some(g) if g.kind == GenKind::Coroutine => true,
        Some(g) if g.kind == GenKind::Generator => g.code_flags() & CO_ITERABLE_COROUTINE != 0,
        _ => false,
    }
}

// ---------------------------------------------------------------- await

/// `_PyCoro_GetAwaitableIter`: what `await v` iterates.
pub fn awaitable_iter(v: &Value) -> PyResult<Value> {
    if is_coroutine_like(v) {
        return Ok(v.clone());
    }
    let ty = type_of(v);
    let Some(getter) = crate::types::lookup_str(&ty, "__await__") else {
        return Err(exc::type_error(format!("object {} can't be used in 'await' expression", type_name(v))));
    };
    let res = crate::call::call(&getter, std::slice::from_ref(v), &[])?;
    if is_coroutine_like(&res) {
        return Err(exc::type_error("__await__() returned a coroutine"));
    }
    if crate::types::lookup_str(&type_of(&res), "__next__").is_none() {
        return Err(exc::type_error(format!(
            "__await__() returned non-iterator of type '{}'",
            type_name(&res)
        )));
    }
    Ok(res)
}

/// GET_AWAITABLE: `where_` is 1 after `__aenter__`, 2 after `__aexit__`.
pub fn get_awaitable(v: &Value, where_: usize) -> PyResult<Value> {
    let it = match awaitable_iter(v) {
        Ok(it) => it,
        Err(e) => {
            let no_await = crate::types::lookup_str(&type_of(v), "__await__").is_none();
            let from = match where_ {
                1 => "__aenter__",
                2 => "__aexit__",
                _ => return Err(e),
            };
            if !no_await {
                return Err(e);
            }
            return Err(exc::type_error(format!(
                "'async with' received an object from {from} that does not implement __await__: {}",
                type_name(v)
            )));
        }
    };
    if let Some(g) = gen_of_kind(&it, GenKind::Coroutine) {
        if g.yielding_from().is_some() {
            return Err(exc::runtime_error("coroutine is being awaited already"));
        }
    }
    Ok(it)
}

// ---------------------------------------------------------------- async for / with

/// GET_AITER.
pub fn get_aiter(obj: &Value) -> PyResult<Value> {
    let Some(aiter) = crate::types::lookup_str(&type_of(obj), "__aiter__") else {
        return Err(exc::type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            type_name(obj)
        )));
    };
    let it = crate::call::call(&aiter, std::slice::from_ref(obj), &[])?;
    if crate::types::lookup_str(&type_of(&it), "__anext__").is_none() {
        return Err(exc::type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            type_name(&it)
        )));
    }
    Ok(it)
}

/// GET_ANEXT: the awaitable of the next item of `aiter`.
pub fn get_anext(aiter: &Value) -> PyResult<Value> {
    if gen_of_kind(aiter, GenKind::AsyncGenerator).is_some() {
        return Ok(new_asend(aiter, Value::NULL));
    }
    let Some(anext) = crate::types::lookup_str(&type_of(aiter), "__anext__") else {
        return Err(exc::type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            type_name(aiter)
        )));
    };
    let next = crate::call::call(&anext, std::slice::from_ref(aiter), &[])?;
    awaitable_iter(&next).map_err(|cause| {
        let e = exc::type_error(format!(
            "'async for' received an invalid object from __anext__: {}",
            type_name(&next)
        ));
        chain_from(&e, cause);
        e
    })
}

/// Sets `cause` as the `__cause__` and `__context__` of `e` (`_PyErr_FormatFromCause`).
fn chain_from(e: &PyErr, cause: PyErr) {
    if let Some(d) = super::exc_objects::data(e.value()) {
        d.cause.set(cause.0.clone());
        d.context.set(cause.0);
        d.suppress_context.set(true);
    }
}

/// BEFORE_ASYNC_WITH: (bound `__aexit__`, the result of `__aenter__()`).
pub fn before_async_with(mgr: &Value) -> PyResult<(Value, Value)> {
    let ty = type_of(mgr);
    let Some(enter) = crate::types::lookup_str(&ty, "__aenter__") else {
        return Err(exc::type_error(format!(
            "'{}' object does not support the asynchronous context manager protocol",
            type_name(mgr)
        )));
    };
    let Some(exit) = crate::types::lookup_str(&ty, "__aexit__") else {
        return Err(exc::type_error(format!(
            "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
            type_name(mgr)
        )));
    };
    let exit = crate::attr::bind_descriptor(exit, mgr, &ty)?;
    let entered = crate::call::call(&enter, std::slice::from_ref(mgr), &[])?;
    Ok((exit, entered))
}

/// END_ASYNC_FOR: whether the exception ends the loop (StopAsyncIteration).
pub fn ends_async_for(e: &Value) -> bool {
    crate::types::is_instance(e, &rt().exc.stop_async_iteration)
}

/// ASYNC_GEN_WRAP.
pub fn wrap(v: Value) -> Value {
    crate::heap::alloc(&rt().types.async_generator_wrapped_value, WrappedData { value: v })
}

// ---------------------------------------------------------------- coroutine

fn coro_this(v: &Value) -> PyResult<&GenData> {
    gen_of_kind(v, GenKind::Coroutine)
        .ok_or_else(|| exc::type_error(format!("expected a coroutine, got {}", type_name(v))))
}

fn coro_await(args: &[Value], _: &[Value]) -> PyResult<Value> {
    coro_this(&args[0])?;
    Ok(crate::heap::alloc(&rt().types.coroutine_wrapper, CoroWrapperData { coro: args[0].clone() }))
}

const CORO_METHODS: &[Method] = &[
    m("send", gen::gen_send),
    m("throw", gen::gen_throw),
    m("close", gen::gen_close),
    m("__repr__", gen::gen_repr),
    m("__await__", coro_await),
];

const CORO_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    gen::NAME_GETSET,
    gen::QUALNAME_GETSET,
    ("cr_await", gen::get_yieldfrom, None),
    ("cr_frame", gen::gen_frame, None),
    ("cr_running", gen::get_running, None),
    ("cr_suspended", gen::get_suspended, None),
    ("cr_code", gen::get_code, None),
    ("cr_origin", |_| Ok(none()), None),
];

// ---------------------------------------------------------------- coroutine_wrapper

fn wrapper_coro(v: &Value) -> PyResult<Value> {
    v.downcast::<CoroWrapperData>()
        .map(|w| w.coro.clone())
        .ok_or_else(|| exc::type_error(format!("expected a coroutine_wrapper, got {}", type_name(v))))
}

/// Calls generator method `f` with the wrapped coroutine as self.
fn forward(f: super::NativeFn, args: &[Value]) -> PyResult<Value> {
    let mut full = vec![wrapper_coro(&args[0])?];
    full.extend_from_slice(&args[1..]);
    f(&full, &[])
}

const WRAPPER_METHODS: &[Method] = &[
    m("__iter__", |a, _| Ok(a[0].clone())),
    m("__next__", |a, _| forward(gen::gen_next_method, a)),
    m("send", |a, _| forward(gen::gen_send, a)),
    m("throw", |a, _| forward(gen::gen_throw, a)),
    m("close", |a, _| forward(gen::gen_close, a)),
];

// ---------------------------------------------------------------- async generator

fn agen_this(v: &Value) -> PyResult<&GenData> {
    gen_of_kind(v, GenKind::AsyncGenerator)
        .ok_or_else(|| exc::type_error(format!("expected an async generator, got {}", type_name(v))))
}

fn new_asend(agen: &Value, sendval: Value) -> Value {
    let d = ASendData { agen: agen.clone(), sendval: Slot::new(sendval), state: Cell::new(INIT) };
    crate::heap::alloc(&rt().types.async_generator_asend, d)
}

fn new_athrow(agen: &Value, args: Value) -> Value {
    let d = AThrowData { agen: agen.clone(), args, state: Cell::new(INIT) };
    crate::heap::alloc(&rt().types.async_generator_athrow, d)
}

const AGEN_METHODS: &[Method] = &[
    m("__repr__", gen::gen_repr),
    m("__aiter__", |a, _| {
        agen_this(&a[0])?;
        Ok(a[0].clone())
    }),
    m("__anext__", |a, _| {
        agen_this(&a[0])?;
        Ok(new_asend(&a[0], Value::NULL))
    }),
    m("asend", |a, _| {
        check_args("asend", a, 2, 2)?;
        agen_this(&a[0])?;
        Ok(new_asend(&a[0], a[1].clone()))
    }),
    m("athrow", |a, _| {
        check_args("athrow", a, 2, 4)?;
        agen_this(&a[0])?;
        Ok(new_athrow(&a[0], crate::objects::tuple::new(a[1..].to_vec())))
    }),
    m("aclose", |a, _| {
        check_args("aclose", a, 1, 1)?;
        agen_this(&a[0])?;
        Ok(new_athrow(&a[0], Value::NULL))
    }),
];

const AGEN_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    gen::NAME_GETSET,
    gen::QUALNAME_GETSET,
    ("ag_await", gen::get_yieldfrom, None),
    ("ag_frame", gen::gen_frame, None),
    ("ag_running", |a| Ok(rt().bool_value(agen_this(a)?.running_async.get())), None),
    ("ag_code", gen::get_code, None),
];

/// `async_gen_unwrap_value`: what one step of the async generator means
/// for the awaitable driving it. A wrapped value (the generator's `yield`)
/// completes the awaitable (StopIteration carrying it); anything else it
/// yields passes through to the event loop; returning raises
/// StopAsyncIteration.
fn unwrap_step(g: &GenData, r: PyResult<SendResult>) -> PyResult<Value> {
    match r {
        Ok(SendResult::Yield(v)) => match v.downcast::<WrappedData>() {
            Some(w) => {
                g.running_async.set(false);
                Err(exc::stop_iteration(w.value.clone()))
            }
            None => Ok(v),
        },
        Ok(SendResult::Return(_)) => {
            g.running_async.set(false);
            Err(exc::new_exception(&rt().exc.stop_async_iteration, vec![]))
        }
        Err(e) => {
            g.running_async.set(false);
            Err(e)
        }
    }
}

// ---------------------------------------------------------------- asend

fn asend_this(v: &Value) -> PyResult<&ASendData> {
    v.downcast::<ASendData>().ok_or_else(|| exc::type_error("expected an async_generator_asend"))
}

/// `asend.send(arg)`; `arg` None (or NULL from `__next__`) sends the value
/// given to `asend()`.
fn asend_send(this: &Value, arg: Value) -> PyResult<Value> {
    let a = asend_this(this)?;
    let g = agen_this(&a.agen)?;
    let mut arg = arg;
    match a.state.get() {
        CLOSED => return Err(exc::runtime_error("cannot reuse already awaited __anext__()/asend()")),
        INIT => {
            if g.running_async.get() {
                return Err(exc::runtime_error("anext(): asynchronous generator is already running"));
            }
            if arg.is_null() || arg.is(&rt().none) {
                arg = a.sendval.get();
            }
            a.state.set(ITER);
        }
        _ => {}
    }
    if arg.is_null() {
        arg = none();
    }
    g.running_async.set(true);
    let r = unwrap_step(g, gen::step(&a.agen, Resume::Send(arg)));
    if r.is_err() {
        a.state.set(CLOSED);
    }
    r
}

fn asend_throw(args: &[Value]) -> PyResult<Value> {
    check_args("throw", args, 2, 4)?;
    let a = asend_this(&args[0])?;
    if a.state.get() == CLOSED {
        return Err(exc::runtime_error("cannot reuse already awaited __anext__()/asend()"));
    }
    let g = agen_this(&a.agen)?;
    let err = gen::throw_exception(args)?;
    let r = unwrap_step(g, gen::throw_into(&a.agen, err));
    if r.is_err() {
        a.state.set(CLOSED);
    }
    r
}

const ASEND_METHODS: &[Method] = &[
    m("__await__", |a, _| Ok(a[0].clone())),
    m("__iter__", |a, _| Ok(a[0].clone())),
    m("__next__", |a, _| asend_send(&a[0], Value::NULL)),
    m("send", |a, _| {
        check_args("send", a, 2, 2)?;
        asend_send(&a[0], a[1].clone())
    }),
    m("throw", |a, _| asend_throw(a)),
    m("close", |a, _| {
        asend_this(&a[0])?.state.set(CLOSED);
        Ok(none())
    }),
];

// ---------------------------------------------------------------- athrow / aclose

fn athrow_this(v: &Value) -> PyResult<&AThrowData> {
    v.downcast::<AThrowData>().ok_or_else(|| exc::type_error("expected an async_generator_athrow"))
}

const ASYNC_GEN_IGNORED_EXIT: &str = "async generator ignored GeneratorExit";

/// The end of an `athrow`/`aclose` step that raised `e`: in `aclose()`
/// mode StopAsyncIteration and GeneratorExit mean "closed" (StopIteration).
fn athrow_error(t: &AThrowData, g: &GenData, e: PyErr) -> PyErr {
    g.running_async.set(false);
    t.state.set(CLOSED);
    let r = rt();
    if t.args.is_null() && (e.matches(&r.exc.stop_async_iteration) || e.matches(&r.exc.generator_exit)) {
        return exc::stop_iteration(none());
    }
    e
}

/// One `aclose()`-mode step's result: a wrapped value means the generator
/// yielded instead of closing.
fn aclose_result(t: &AThrowData, g: &GenData, r: PyResult<SendResult>) -> PyResult<Value> {
    match r {
        Ok(SendResult::Yield(v)) if v.downcast::<WrappedData>().is_some() => {
            g.running_async.set(false);
            t.state.set(CLOSED);
            Err(exc::runtime_error(ASYNC_GEN_IGNORED_EXIT))
        }
        Ok(SendResult::Yield(v)) => Ok(v),
        Ok(SendResult::Return(_)) => {
            Err(athrow_error(t, g, exc::new_exception(&rt().exc.stop_async_iteration, vec![])))
        }
        Err(e) => Err(athrow_error(t, g, e)),
    }
}

fn athrow_send(this: &Value, arg: Value) -> PyResult<Value> {
    let t = athrow_this(this)?;
    let g = agen_this(&t.agen)?;
    if t.state.get() == CLOSED {
        return Err(exc::runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    if g.is_closed() {
        t.state.set(CLOSED);
        return Err(exc::stop_iteration(none()));
    }
    if t.state.get() == INIT {
        return athrow_start(t, g, arg);
    }
    let r = gen::step(&t.agen, Resume::Send(arg));
    if t.args.is_null() {
        aclose_result(t, g, r)
    } else {
        unwrap_step(g, r)
    }
}

/// The first step of `athrow`/`aclose`: throws into the generator.
fn athrow_start(t: &AThrowData, g: &GenData, arg: Value) -> PyResult<Value> {
    if g.running_async.get() {
        t.state.set(CLOSED);
        let which = if t.args.is_null() { "aclose" } else { "athrow" };
        return Err(exc::runtime_error(format!("{which}(): asynchronous generator is already running")));
    }
    if !arg.is(&rt().none) {
        return Err(exc::runtime_error("can't send non-None value to a just-started coroutine"));
    }
    t.state.set(ITER);
    g.running_async.set(true);
    if t.args.is_null() {
        let err = exc::new_exception(&rt().exc.generator_exit, vec![]);
        return aclose_result(t, g, gen::throw_into(&t.agen, err));
    }
    let mut full = vec![t.agen.clone()];
    full.extend_from_slice(crate::objects::tuple::items(&t.args).unwrap_or(&[]));
    let err = match gen::throw_exception(&full) {
        Ok(e) => e,
        Err(e) => return Err(athrow_error(t, g, e)),
    };
    unwrap_step(g, gen::throw_into(&t.agen, err)).map_err(|e| athrow_error(t, g, e))
}

fn athrow_throw(args: &[Value]) -> PyResult<Value> {
    check_args("throw", args, 2, 4)?;
    let t = athrow_this(&args[0])?;
    if t.state.get() == CLOSED {
        return Err(exc::runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    let g = agen_this(&t.agen)?;
    let err = gen::throw_exception(args)?;
    let r = gen::throw_into(&t.agen, err);
    if t.args.is_null() {
        aclose_result(t, g, r)
    } else {
        unwrap_step(g, r)
    }
}

const ATHROW_METHODS: &[Method] = &[
    m("__await__", |a, _| Ok(a[0].clone())),
    m("__iter__", |a, _| Ok(a[0].clone())),
    m("__next__", |a, _| athrow_send(&a[0], none())),
    m("send", |a, _| {
        check_args("send", a, 2, 2)?;
        athrow_send(&a[0], a[1].clone())
    }),
    m("throw", |a, _| athrow_throw(a)),
    m("close", |a, _| {
        athrow_this(&a[0])?.state.set(CLOSED);
        Ok(none())
    }),
];
