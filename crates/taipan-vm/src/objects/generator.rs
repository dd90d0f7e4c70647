//! Generators, coroutines and async generators (one payload, `GenData`,
//! three types told apart by `GenKind`): each owns its frame's block
//! (localsplus + value stack), created by RETURN_GENERATOR from the running
//! frame and run in place by the eval loop on every resume, so suspending
//! and resuming copy nothing. FOR_ITER and SEND resume a generator inside
//! the running loop (`enter` pushes its frame, YIELD_VALUE/RETURN_VALUE pop
//! it: no Rust recursion); `next()`, `send`, `throw` and `close` from native
//! code go through `eval::resume`. CPython's semantics, including
//! delegation to a `yield from`/`await` subiterator. The coroutine-only
//! and async-generator-only parts (awaitables, `asend`/`athrow`) are in
//! `coroutine.rs`.

use super::{check_args, m, Getter, Method, Setter};
use crate::eval::{self, Resume};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::frame::{Frame, FRAME_BORROWS};
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::{Slot, Value};
use std::cell::Cell;
use std::mem::ManuallyDrop;
use taipan_bytecode::code::{CO_ASYNC_GENERATOR, CO_COROUTINE};
use taipan_bytecode::opcodes::Opcode;

const CREATED: u8 = 0;
const SUSPENDED: u8 = 1;
const RUNNING: u8 = 2;
const CLOSED: u8 = 3;

/// What a `GenData` is (from its code's flags).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl GenKind {
    fn of_flags(flags: u32) -> GenKind {
        if flags & CO_COROUTINE != 0 {
            GenKind::Coroutine
        } else if flags & CO_ASYNC_GENERATOR != 0 {
            GenKind::AsyncGenerator
        } else {
            GenKind::Generator
        }
    }

    /// The word CPython's messages use ("generator already executing").
    pub fn noun(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }

    fn type_object(self) -> &'static Value {
        let t = &rt().types;
        match self {
            GenKind::Generator => &t.generator,
            GenKind::Coroutine => &t.coroutine,
            GenKind::AsyncGenerator => &t.async_generator,
        }
    }
}

/// The payload of a generator, coroutine or async generator.
pub struct GenData {
    pub kind: GenKind,
    pub code: Value,
    pub globals: Value,
    pub builtins: Value,
    pub name: Slot,
    pub qualname: Slot,
    storage: Box<[Cell<u64>]>,
    /// Live slots from the block's start (localsplus + stack) when suspended.
    saved_sp: Cell<usize>,
    saved_ip: Cell<usize>,
    state: Cell<u8>,
    /// Suspended: the exception being handled inside the generator when it
    /// yielded (NULL if none). Running: the exception handled outside it,
    /// restored when it yields or finishes.
    exc_state: Slot,
    /// Async generators: an `asend`/`athrow` awaitable is in progress
    /// (CPython's `ag_running_async`).
    pub running_async: Cell<bool>,
}

impl GenData {
    fn base(&self) -> *mut Value {
        self.storage.as_ptr() as *mut Value
    }

    /// (base, sp, ip) to run the frame from.
    pub fn frame_state(&self) -> (*mut Value, *mut Value, usize) {
        let base = self.base();
        // SAFETY: saved_sp <= storage length (set by `from_frame`/`suspend`).
        (base, unsafe { base.add(self.saved_sp.get()) }, self.saved_ip.get())
    }

    pub fn is_suspended(&self) -> bool {
        self.state.get() == SUSPENDED
    }

    pub fn is_running(&self) -> bool {
        self.state.get() == RUNNING
    }

    pub fn is_closed(&self) -> bool {
        self.state.get() == CLOSED
    }

    pub fn is_created(&self) -> bool {
        self.state.get() == CREATED
    }

    /// Whether FOR_ITER/SEND may run the frame inline: suspended, or just
    /// created and sent None.
    #[inline(always)]
    pub fn resumable_with(&self, v: &Value) -> bool {
        match self.state.get() {
            SUSPENDED => true,
            CREATED => v.is(&rt().none),
            _ => false,
        }
    }

    /// The code's `co_flags`.
    pub fn code_flags(&self) -> u32 {
        super::code::data(&self.code).map_or(0, |c| c.flags)
    }

    /// The `yield from` subiterator the generator is suspended in, if any.
    pub fn yielding_from(&self) -> Option<Value> {
        if self.state.get() != SUSPENDED {
            return None;
        }
        let cd = super::code::data(&self.code)?;
        let next = cd.insts().get(self.saved_ip.get())?;
        if next.op != Opcode::RESUME || next.arg < 2 || self.saved_sp.get() == 0 {
            return None;
        }
        // SAFETY: saved_sp > 0, so the top of the saved stack is a live Value.
        Some(unsafe { (*self.base().add(self.saved_sp.get() - 1)).clone() })
    }

    /// After the subiterator finished: pop it and continue after the SEND loop.
    fn leave_yield_from(&self) {
        let sp = self.saved_sp.get();
        if sp == 0 {
            return;
        }
        // SAFETY: the top slot is live; it is moved out and sp lowered.
        drop(unsafe { self.base().add(sp - 1).read() });
        self.saved_sp.set(sp - 1);
        if let Some(cd) = super::code::data(&self.code) {
            let yield_ip = self.saved_ip.get().saturating_sub(1);
            if let Some(send_ip) = yield_ip.checked_sub(1) {
                let send = cd.insts()[send_ip];
                if send.op == Opcode::SEND {
                    self.saved_ip.set(send_ip + send.size as usize + send.arg as usize);
                }
            }
        }
    }
}

impl GenData {
    /// For the cycle collector: the references the generator owns (a
    /// running generator's frame belongs to the eval loop: not visited).
    pub(crate) fn gc_visit(&self, visit: &mut dyn FnMut(&Value)) {
        if self.state.get() == RUNNING {
            return;
        }
        visit(&self.code);
        visit(&self.globals);
        visit(&self.builtins);
        for s in [&self.name, &self.qualname, &self.exc_state] {
            visit(&s.get());
        }
        for i in 0..self.saved_sp.get() {
            // SAFETY: slots [0, saved_sp) hold live Values owned by the generator.
            visit(unsafe { &*self.base().add(i) });
        }
    }

    /// For the collector's `clear`: drops the saved frame without running
    /// it (finalization already closed it when it could).
    pub(crate) fn gc_clear(&self) {
        if self.state.get() == RUNNING {
            return;
        }
        self.state.set(CLOSED);
        let live = self.saved_sp.replace(0);
        let old: Vec<Value> = (0..live)
            // SAFETY: slots [0, live) were live Values, now moved out once.
            .map(|i| unsafe { self.base().add(i).read() })
            .collect();
        drop(old);
        drop(self.exc_state.take());
    }
}

/// The generator finalizer (`_PyGen_Finalize`): a generator freed or
/// collected while suspended is closed, so its `finally` blocks run; an
/// error is reported as unraisable. False when `obj` is no generator.
pub fn finalize(obj: &Value) -> bool {
    let Some(g) = obj.downcast::<GenData>() else {
        return false;
    };
    if matches!(g.state.get(), CLOSED | RUNNING) {
        return true;
    }
    if g.kind == GenKind::Coroutine && g.state.get() == CREATED {
        warn_never_awaited(obj, g);
    }
    if let Err(e) = close(obj) {
        report_unraisable(obj, &e);
    }
    true
}

/// "Exception ignored in: <generator object f at 0x…>" on stderr.
fn report_unraisable(obj: &Value, e: &PyErr) {
    let what = gen_repr(std::slice::from_ref(obj), &[])
        .ok()
        .and_then(|r| super::str::as_str(&r).map(str::to_string))
        .unwrap_or_else(|| "<generator object>".to_string());
    crate::modules::sys::write_unraisable(&format!("Exception ignored in: {what}"), e);
}

/// CPython's `_PyErr_WarnUnawaitedCoroutine`: a coroutine freed before it
/// ever ran.
fn warn_never_awaited(obj: &Value, g: &GenData) {
    let q = g.qualname.get();
    let msg = format!("coroutine '{}' was never awaited", super::str::as_str(&q).unwrap_or("?"));
    if let Err(e) = crate::modules::_warnings::warn(&rt().exc.runtime_warning, &msg, 1) {
        report_unraisable(obj, &e);
    }
}

impl Drop for GenData {
    fn drop(&mut self) {
        if self.state.get() == RUNNING {
            return;
        }
        for i in 0..self.saved_sp.get() {
            // SAFETY: slots [0, saved_sp) hold live Values owned by the generator.
            drop(unsafe { self.base().add(i).read() });
        }
    }
}

/// RETURN_GENERATOR: a generator taking over the values of frame `f`.
pub fn from_frame(f: &Frame) -> PyResult<Value> {
    let cd = f.code_data();
    let size = cd.nlocalsplus + cd.stacksize + 1;
    let live = (f.sp as usize - f.base as usize) / std::mem::size_of::<Value>();
    let mut words: Vec<Cell<u64>> = Vec::with_capacity(size);
    // SAFETY: slots [base, sp) are live Values, `live <= size`; their bits
    // move to the generator (`Value` is one u64 word, `Cell<u64>` is
    // transparent over u64), and the caller then empties the frame
    // without dropping them.
    unsafe {
        std::ptr::copy_nonoverlapping(f.base as *const Cell<u64>, words.as_mut_ptr(), live);
        words.set_len(live);
    }
    words.resize_with(size, || Cell::new(0));
    let storage = words.into_boxed_slice();
    let func = f.func.downcast::<super::function::FunctionData>();
    let name = func.map(|fd| fd.name.get()).unwrap_or_else(|| cd.name.clone());
    let qualname = func.map(|fd| fd.qualname.get()).unwrap_or_else(|| cd.qualname.clone());
    let kind = GenKind::of_flags(cd.flags);
    let g = GenData {
        kind,
        code: f.code.clone(),
        globals: f.globals.clone(),
        builtins: f.builtins.clone(),
        name: Slot::new(name),
        qualname: Slot::new(qualname),
        storage,
        saved_sp: Cell::new(live),
        saved_ip: Cell::new(f.ip),
        state: Cell::new(CREATED),
        exc_state: Slot::default(),
        running_async: Cell::new(false),
    };
    Ok(crate::heap::alloc(kind.type_object(), g))
}

/// The frame record that resumes `gen` (pushed by the caller: inline by
/// FOR_ITER/SEND, as an entry frame by `eval::resume`), with `sent` on its
/// stack (None for a throw). Marks the generator running and makes its
/// handled exception current, keeping the caller's in `exc_state`.
#[inline(always)]
pub fn enter(gen: &Value, g: &GenData, sent: Option<Value>) -> PyResult<Frame> {
    let ts = &rt().thread;
    ts.enter()?;
    let (base, mut sp, ip) = g.frame_state();
    if let Some(v) = sent {
        // SAFETY: the block has room for the frame's whole stack
        // (nlocalsplus + stacksize + 1 slots), and `sp` is its live top.
        unsafe {
            sp.write(v);
            sp = sp.add(1);
        }
    }
    g.state.set(RUNNING);
    if !(g.exc_state.is_null() && ts.handled.is_null()) {
        let own = g.exc_state.take();
        let outer = if own.is_null() { ts.handled.get() } else { ts.handled.replace(own) };
        g.exc_state.set(outer);
    }
    // `code`, `globals` and `builtins` are borrowed from the generator,
    // which the record owns (`gen`) while it is on the stack (FRAME_BORROWS).
    Ok(Frame {
        code: ManuallyDrop::into_inner(borrow(&g.code)),
        func: Value::NULL,
        globals: ManuallyDrop::into_inner(borrow(&g.globals)),
        builtins: ManuallyDrop::into_inner(borrow(&g.builtins)),
        locals: Value::NULL,
        base,
        sp,
        ip,
        lasti: ip.saturating_sub(1),
        flags: FRAME_BORROWS,
        gen: gen.clone(),
    })
}

/// A non-owning alias of `v`, for a frame record that forgets it on exit.
#[inline(always)]
fn borrow(v: &Value) -> ManuallyDrop<Value> {
    // SAFETY: the alias is never dropped (the record flagged FRAME_BORROWS
    // forgets it), and the generator that owns `v` outlives the record.
    ManuallyDrop::new(unsafe { Value::from_raw(v.bits()) })
}

/// The caller's handled exception comes back (the generator stops
/// running); returns the generator's own (NULL when the same).
#[inline(always)]
fn restore_outer_exc(g: &GenData) -> Value {
    let handled = &rt().thread.handled;
    if g.exc_state.is_null() && handled.is_null() {
        return Value::NULL;
    }
    let outer = g.exc_state.take();
    let outer_bits = outer.bits();
    let now = handled.replace(outer);
    if now.bits() == outer_bits {
        return Value::NULL;
    }
    now
}

/// YIELD_VALUE: records where the frame of generator `gen` stopped (its
/// live stack ending at `sp`, resuming at `ip`).
#[inline(always)]
pub fn suspend(gen: &Value, sp: *mut Value, ip: usize) {
    if let Some(g) = gen.downcast::<GenData>() {
        let live = (sp as usize - g.base() as usize) / std::mem::size_of::<Value>();
        g.saved_sp.set(live);
        g.saved_ip.set(ip);
        g.state.set(SUSPENDED);
        let own = restore_outer_exc(g);
        if !own.is_null() {
            g.exc_state.set(own);
        }
    }
}

/// The frame returned: the generator is exhausted.
pub fn finished(gen: &Value) {
    if let Some(g) = gen.downcast::<GenData>() {
        g.saved_sp.set(0);
        g.state.set(CLOSED);
        drop(restore_outer_exc(g));
    }
}

/// The frame raised `err`: the generator is exhausted, and a StopIteration
/// (or, from an async generator, StopAsyncIteration) leaving it becomes a
/// RuntimeError (PEP 479), chained to it.
pub fn finished_with_error(gen: &Value, err: PyErr) -> PyErr {
    finished(gen);
    let Some(g) = gen.downcast::<GenData>() else {
        return err;
    };
    let r = rt();
    let what = if err.matches(&r.exc.stop_iteration) {
        "StopIteration"
    } else if g.kind == GenKind::AsyncGenerator && err.matches(&r.exc.stop_async_iteration) {
        "StopAsyncIteration"
    } else {
        return err;
    };
    let new = exc::runtime_error(format!("{} raised {what}", g.kind.noun()));
    if let Some(d) = super::exc_objects::data(new.value()) {
        d.cause.set(err.0.clone());
        d.context.set(err.0);
        d.suppress_context.set(true);
    }
    new
}

/// The outcome of sending into an iterator (SEND, `yield from`).
pub enum SendResult {
    Yield(Value),
    Return(Value),
}

#[inline]
pub(crate) fn this(v: &Value) -> PyResult<&GenData> {
    v.downcast::<GenData>()
        .ok_or_else(|| exc::type_error(format!("expected a generator, got {}", type_name(v))))
}

/// Resumes `gen` by sending `v` (or raising `err` into it); `closing`
/// (from `close()`) keeps an exhausted coroutine quiet.
fn step_with(gen: &Value, how: Resume, closing: bool) -> PyResult<SendResult> {
    let g = this(gen)?;
    match g.state.get() {
        RUNNING => return Err(exc::value_error(format!("{} already executing", g.kind.noun()))),
        CLOSED => {
            if g.kind == GenKind::Coroutine && !closing {
                return Err(exc::runtime_error("cannot reuse already awaited coroutine"));
            }
            return match how {
                Resume::Send(_) => Ok(SendResult::Return(rt().none.clone())),
                Resume::Throw(e) => Err(e),
            };
        }
        CREATED => {
            if let Resume::Send(v) = &how {
                if !v.is(&rt().none) {
                    return Err(exc::type_error(format!(
                        "can't send non-None value to a just-started {}",
                        g.kind.noun()
                    )));
                }
            }
        }
        _ => {}
    }
    let v = eval::resume(gen, g, how)?;
    Ok(if g.state.get() == SUSPENDED { SendResult::Yield(v) } else { SendResult::Return(v) })
}

/// Resumes `gen` by sending `v` (or raising `err` into it).
pub(crate) fn step(gen: &Value, how: Resume) -> PyResult<SendResult> {
    step_with(gen, how, false)
}

/// Sends `v` into any iterator (generator fast path, else `__next__`/`send`).
pub fn send_to(receiver: &Value, v: Value) -> PyResult<SendResult> {
    if receiver.downcast::<GenData>().is_some() {
        return step(receiver, Resume::Send(v));
    }
    let r = if v.is(&rt().none) {
        crate::ops::next_raw(receiver)
    } else {
        crate::attr::call_method(receiver, "send", &[v])
    };
    match r {
        Ok(x) => Ok(SendResult::Yield(x)),
        Err(e) if e.matches(&rt().exc.stop_iteration) => Ok(SendResult::Return(stop_value(&e))),
        Err(e) => Err(e),
    }
}

/// The `value` of a StopIteration.
pub fn stop_value(e: &PyErr) -> Value {
    super::exc_objects::data(e.value()).map(|d| d.value.get()).unwrap_or_else(|| rt().none.clone())
}

/// `next(gen)` for the iterator protocol: None when exhausted.
pub fn gen_next(gen: &Value) -> PyResult<Option<Value>> {
    match step(gen, Resume::Send(rt().none.clone()))? {
        SendResult::Yield(v) => Ok(Some(v)),
        SendResult::Return(_) => Ok(None),
    }
}

pub(crate) fn to_python(r: SendResult) -> PyResult<Value> {
    match r {
        SendResult::Yield(v) => Ok(v),
        SendResult::Return(v) => Err(exc::stop_iteration(v)),
    }
}

pub const METHODS: &[Method] = &[
    m("__iter__", gen_iter),
    m("__next__", gen_next_method),
    m("send", gen_send),
    m("throw", gen_throw),
    m("close", gen_close),
    m("__repr__", gen_repr),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    NAME_GETSET,
    QUALNAME_GETSET,
    ("gi_code", get_code, None),
    ("gi_running", get_running, None),
    ("gi_suspended", get_suspended, None),
    ("gi_frame", gen_frame, None),
    ("gi_yieldfrom", get_yieldfrom, None),
];

/// `__name__` and `__qualname__`, shared by the three kinds.
pub(crate) const NAME_GETSET: (&str, Getter, Option<Setter>) = (
    "__name__",
    |v| Ok(this(v)?.name.get()),
    Some(|v, x| {
        this(v)?.name.set(x);
        Ok(())
    }),
);
pub(crate) const QUALNAME_GETSET: (&str, Getter, Option<Setter>) = (
    "__qualname__",
    |v| Ok(this(v)?.qualname.get()),
    Some(|v, x| {
        this(v)?.qualname.set(x);
        Ok(())
    }),
);

pub(crate) fn get_code(v: &Value) -> PyResult<Value> {
    Ok(this(v)?.code.clone())
}

pub(crate) fn get_running(v: &Value) -> PyResult<Value> {
    Ok(rt().bool_value(this(v)?.state.get() == RUNNING))
}

pub(crate) fn get_suspended(v: &Value) -> PyResult<Value> {
    Ok(rt().bool_value(this(v)?.state.get() == SUSPENDED))
}

/// `gi_yieldfrom`/`cr_await`/`ag_await`.
pub(crate) fn get_yieldfrom(v: &Value) -> PyResult<Value> {
    Ok(this(v)?.yielding_from().unwrap_or_else(|| rt().none.clone()))
}

/// `gi_frame`: the live frame object of a running generator, a snapshot
/// of where a suspended one stands (see `frame_object.rs`), None once closed.
pub(crate) fn gen_frame(v: &Value) -> PyResult<Value> {
    let g = this(v)?;
    match g.state.get() {
        CLOSED => return Ok(rt().none.clone()),
        RUNNING => {
            if let Some(f) = super::frame_object::of_running_generator(v) {
                return Ok(f);
            }
        }
        _ => {}
    }
    let lasti = g.saved_ip.get().saturating_sub(1) as u32;
    let n = super::code::data(&g.code).map_or(0, |c| c.nlocalsplus).min(g.saved_sp.get());
    // SAFETY: the first `saved_sp` slots of a suspended generator's block are valid Values.
    let fast: Vec<Value> = (0..n).map(|i| unsafe { (*g.base().add(i)).clone() }).collect();
    Ok(super::frame_object::detached(g.code.clone(), g.globals.clone(), lasti, fast))
}

pub(crate) fn gen_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(args[0].clone())
}

pub(crate) fn gen_next_method(args: &[Value], _: &[Value]) -> PyResult<Value> {
    to_python(step(&args[0], Resume::Send(rt().none.clone()))?)
}

pub(crate) fn gen_send(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("send", args, 2, 2)?;
    to_python(step(&args[0], Resume::Send(args[1].clone()))?)
}

/// The exception `throw(typ, val, tb)` raises.
pub(crate) fn throw_exception(args: &[Value]) -> PyResult<PyErr> {
    let typ = &args[1];
    let val = args.get(2).filter(|v| !v.is(&rt().none));
    let inst = if crate::types::as_type(typ).is_some() {
        if !crate::types::is_subtype(typ, &rt().exc.base_exception) {
            return Err(exc::type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                type_name(typ)
            )));
        }
        // Making the instance happens in the generator (CPython normalises
        // lazily there), so its failures are thrown in instead.
        let made = match val {
            Some(v) if crate::types::is_instance(v, typ) => return Ok(with_traceback(v.clone(), args)),
            Some(v) => crate::call::call(typ, std::slice::from_ref(v), &[]),
            None => crate::call::call(typ, &[], &[]),
        };
        let made = match made {
            Ok(v) => v,
            Err(e) => return Ok(e),
        };
        if !crate::types::is_instance(&made, &rt().exc.base_exception) {
            return Ok(exc::type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                crate::ops::repr_string(typ)?,
                type_name(&made)
            )));
        }
        made
    } else if crate::types::is_instance(typ, &rt().exc.base_exception) {
        if val.is_some() {
            return Err(exc::type_error("instance exception may not have a separate value"));
        }
        typ.clone()
    } else {
        return Err(exc::type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            type_name(typ)
        )));
    };
    Ok(with_traceback(inst, args))
}

/// `throw`'s exception with its `tb` argument (if any) as traceback.
fn with_traceback(inst: Value, args: &[Value]) -> PyErr {
    if let Some(tb) = args.get(3).filter(|v| !v.is(&rt().none)) {
        if let Some(d) = super::exc_objects::data(&inst) {
            d.traceback.set(tb.clone());
        }
    }
    PyErr(inst)
}

/// Raises `err` into `gen`, delegating to a `yield from` subiterator first.
pub(crate) fn throw_into(gen: &Value, err: PyErr) -> PyResult<SendResult> {
    throw_into_with(gen, err, false)
}

fn throw_into_with(gen: &Value, err: PyErr, closing: bool) -> PyResult<SendResult> {
    let g = this(gen)?;
    if let Some(yf) = g.yielding_from() {
        if err.matches(&rt().exc.generator_exit) {
            g.state.set(RUNNING);
            let closed = close_iter(&yf);
            g.state.set(SUSPENDED);
            if let Err(e) = closed {
                g.leave_yield_from();
                return step_with(gen, Resume::Throw(e), closing);
            }
            return step_with(gen, Resume::Throw(err), closing);
        }
        g.state.set(RUNNING);
        let r = if yf.downcast::<GenData>().is_some() {
            throw_into(&yf, err).and_then(to_python)
        } else {
            match crate::attr::getattr_opt(&yf, &super::str::intern("throw"))? {
                Some(t) => crate::call::call(&t, std::slice::from_ref(&err.0), &[]),
                None => {
                    g.state.set(SUSPENDED);
                    g.leave_yield_from();
                    return step(gen, Resume::Throw(err));
                }
            }
        };
        g.state.set(SUSPENDED);
        return match r {
            Ok(v) => Ok(SendResult::Yield(v)),
            Err(e) => {
                g.leave_yield_from();
                if e.matches(&rt().exc.stop_iteration) {
                    step(gen, Resume::Send(stop_value(&e)))
                } else {
                    step(gen, Resume::Throw(e))
                }
            }
        };
    }
    step_with(gen, Resume::Throw(err), closing)
}

fn close_iter(it: &Value) -> PyResult<()> {
    if it.downcast::<GenData>().is_some() {
        return close(it);
    }
    if let Some(c) = crate::attr::getattr_opt(it, &super::str::intern("close"))? {
        crate::call::call(&c, &[], &[])?;
    }
    Ok(())
}

pub(crate) fn gen_throw(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("throw", args, 2, 4)?;
    let err = throw_exception(args)?;
    to_python(throw_into(&args[0], err)?)
}

/// `gen.close()`.
pub fn close(gen: &Value) -> PyResult<()> {
    let g = this(gen)?;
    match g.state.get() {
        CREATED => {
            g.state.set(CLOSED);
            let live = g.saved_sp.replace(0);
            for i in 0..live {
                // SAFETY: slots [0, live) were live Values owned by the generator.
                drop(unsafe { g.base().add(i).read() });
            }
            return Ok(());
        }
        CLOSED => return Ok(()),
        _ => {}
    }
    let err = exc::new_exception(&rt().exc.generator_exit, vec![]);
    match throw_into_with(gen, err, true) {
        Ok(SendResult::Yield(_)) => {
            Err(exc::runtime_error(format!("{} ignored GeneratorExit", g.kind.noun())))
        }
        Ok(SendResult::Return(_)) => Ok(()),
        Err(e) if e.matches(&rt().exc.generator_exit) || e.matches(&rt().exc.stop_iteration) => Ok(()),
        Err(e) => Err(e),
    }
}

pub(crate) fn gen_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    close(&args[0])?;
    Ok(rt().none.clone())
}

pub(crate) fn gen_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let g = this(&args[0])?;
    let q = g.qualname.get();
    let noun = match g.kind {
        GenKind::AsyncGenerator => "async_generator",
        k => k.noun(),
    };
    Ok(super::str::from_string(format!(
        "<{noun} object {} at {:#x}>",
        super::str::as_str(&q).unwrap_or("?"),
        args[0].bits()
    )))
}
