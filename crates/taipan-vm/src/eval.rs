//! The eval loop: one dispatch function over the decoded instructions of a
//! code object (`objects/code.rs`), with the frame's hot state (`ip`, `sp`,
//! `base`, globals) in locals. Python-to-Python calls push a frame record
//! and continue in the same loop (no Rust recursion); returns pop it.
//! Errors go through the code object's exception table (zero-cost
//! exceptions); tracebacks gain one entry per frame an exception leaves.
//! Helpers by area: `ops.rs` (operators), `attr.rs` (attributes),
//! `call.rs` (calls), `frame.rs` (frames, argument binding),
//! `objects/generator.rs` (generators resume frames through `resume`).

use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::frame::{
    bind_args, Frame, ThreadState, FRAME_BORROWS, FRAME_ENTRY, FRAME_HAS_OBJECT, FRAME_INIT, FRAME_IN_ARENA,
    MAX_NATIVE_DEPTH,
};
use crate::objects::code::{CodeData, Inst};
use crate::objects::coroutine;
use crate::objects::function::{CellData, FunctionData, MethodData};
use crate::objects::generator::{self, GenData};
use crate::objects::{dict, int, list, set, str as pystr, tuple};
use crate::objects::{exc_objects, frame_object};
use crate::ops::{self, CompareOp};
use crate::runtime::rt;
use crate::types::{type_name, type_of};
use crate::value::Value;
use crate::{attr, call, specialize};
use std::mem::ManuallyDrop;
use taipan_bytecode::opcodes::Opcode;

/// Runs module-level (or `exec`) code with `globals` and `locals` dicts.
pub fn run_code(code: &Value, globals: &Value, locals: &Value) -> PyResult<Value> {
    let cd = crate::objects::code::data(code).ok_or_else(|| exc::type_error("expected a code object"))?;
    let ts = &rt().thread;
    ts.enter()?;
    let base = match ts.alloc_slots(cd.nlocalsplus + cd.stacksize) {
        Ok(b) => b,
        Err(e) => {
            ts.leave();
            return Err(e);
        }
    };
    let builtins = builtins_for(globals);
    let frame = Frame {
        code: code.clone(),
        func: Value::NULL,
        globals: globals.clone(),
        builtins,
        locals: locals.clone(),
        base,
        // SAFETY: the arena block has nlocalsplus + stacksize slots.
        sp: unsafe { base.add(cd.nlocalsplus) },
        ip: 0,
        lasti: 0,
        flags: FRAME_IN_ARENA | FRAME_ENTRY,
        gen: Value::NULL,
    };
    run_frame(frame)
}

/// The builtins dict code running in `globals` sees.
pub(crate) fn builtins_for(globals: &Value) -> Value {
    if let Some(b) = dict::get_str(globals, &pystr::intern("__builtins__")) {
        if dict::data(&b).is_some() {
            return b;
        }
        if let Some(d) = crate::objects::module::dict_of(&b) {
            return d;
        }
    }
    rt().builtins().clone()
}

/// Calls a Python function from Rust (a new entry frame).
pub fn call_function(func: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let frame = new_call_frame(func, args, kwnames, true)?;
    run_frame(frame)
}

/// A frame for calling Python function `func` (counted in the depth).
fn new_call_frame(func: &Value, args: &[Value], kwnames: &[Value], entry: bool) -> PyResult<Frame> {
    let fd = func.downcast::<FunctionData>().ok_or_else(|| exc::type_error("expected a function"))?;
    let cd = fd.code_data().ok_or_else(|| exc::type_error("function without code"))?;
    let ts = &rt().thread;
    ts.enter()?;
    let base = match ts.alloc_slots(cd.nlocalsplus + cd.stacksize) {
        Ok(b) => b,
        Err(e) => {
            ts.leave();
            return Err(e);
        }
    };
    let mut frame = Frame {
        code: fd.code.get(),
        func: func.clone(),
        globals: fd.globals.clone(),
        builtins: fd.builtins.clone(),
        locals: Value::NULL,
        base,
        // SAFETY: the block has nlocalsplus + stacksize slots.
        sp: unsafe { base.add(cd.nlocalsplus) },
        ip: 0,
        lasti: 0,
        flags: FRAME_IN_ARENA | if entry { FRAME_ENTRY } else { 0 },
        gen: Value::NULL,
    };
    // SAFETY: `base` is the frame's fresh block of nlocalsplus + stacksize NULL slots.
    if let Err(e) = unsafe { bind_args(fd, cd, args, kwnames, base) } {
        frame.clear_values();
        ts.free_slots(base);
        ts.leave();
        return Err(e);
    }
    Ok(frame)
}

/// Runs `frame` (an entry frame) to completion.
pub fn run_frame(frame: Frame) -> PyResult<Value> {
    let ts = &rt().thread;
    let nd = ts.native_depth.get();
    if nd >= MAX_NATIVE_DEPTH {
        let mut f = frame;
        f.clear_values();
        if f.in_arena() {
            ts.free_slots(f.base);
        }
        ts.leave();
        return Err(exc::recursion_error("maximum recursion depth exceeded"));
    }
    ts.native_depth.set(nd + 1);
    ts.push_frame(frame);
    let r = eval_loop(ts);
    ts.native_depth.set(nd);
    r
}

/// Pops the top frame, dropping its values and releasing its slots:
/// whether it was an entry frame, and its generator (NULL for none).
fn pop_frame(ts: &ThreadState) -> (bool, Value) {
    let (sp, lasti) = ts.frames.borrow().last().map(|f| (f.sp, f.lasti)).expect("a frame to pop");
    let (flags, gen) = pop_frame_at(ts, sp, lasti);
    (flags & FRAME_ENTRY != 0, gen)
}

/// As [`pop_frame`], for a frame whose live stack ends at `sp` (the loop's
/// value, not yet saved in the record: saving it just to read it back
/// would only cost a store-to-load round trip on every return). Returns
/// small values rather than the record, which would be copied out again.
/// `lasti` is where the frame stopped (for its frame object, if it has one).
/// Gives the record's flags and its generator (NULL for none).
#[inline]
fn pop_frame_at(ts: &ThreadState, sp: *mut Value, lasti: usize) -> (usize, Value) {
    let mut f = ts.pop_frame_record().expect("a frame to pop");
    if f.flags & FRAME_HAS_OBJECT != 0 {
        frame_object::detach(ts, &f, lasti, true);
    }
    f.forget_borrowed();
    f.sp = sp;
    f.clear_values();
    if f.in_arena() {
        ts.free_slots(f.base);
    }
    ts.leave();
    if f.flags & FRAME_INIT != 0 {
        ts.leave();
    }
    (f.flags, std::mem::take(&mut f.gen))
}

/// RETURN_VALUE from a frame pushed by a plain call ([`enter_plain_frame`]:
/// flags exactly `FRAME_IN_ARENA | FRAME_BORROWS`, plus `FRAME_INIT` for
/// an `__init__` run by instantiation, so not an entry frame, no
/// generator, no frame object, no locals dict) whose live stack ends at
/// `sp`: pops the record, drops the frame's values and the callable, and
/// gives the caller's loop state and whether the frame was an `__init__`
/// frame. `None` (nothing done) sends the return down the general path
/// ([`pop_frame_at`]).
#[inline(always)]
fn return_plain(ts: &ThreadState, sp: *mut Value) -> Option<(Cur, bool)> {
    let (func, base, caller, init) = {
        let mut frames = ts.frames.borrow_mut();
        let n = frames.len();
        if n < 2 || frames[n - 1].flags & !FRAME_INIT != FRAME_IN_ARENA | FRAME_BORROWS {
            return None;
        }
        let init = frames[n - 1].flags & FRAME_INIT != 0;
        let f = &frames[n - 1];
        // SAFETY: `func` is the record's one owned field (code, globals and
        // builtins are borrowed from it, locals and gen are NULL), read out
        // once; `set_len` then forgets the record without dropping it.
        let func = unsafe { std::ptr::read(&f.func) };
        let base = f.base;
        // SAFETY: `n - 1 < len`; the record's owned field was moved out above.
        unsafe { frames.set_len(n - 1) };
        (func, base, Cur::of(&frames[n - 2]), init)
    };
    // Values are dropped with the borrow released: a `__del__` may run.
    let mut p = base;
    while p < sp {
        // SAFETY: slots [base, sp) are the frame's valid, owned values,
        // each moved out once; the block is released right after.
        unsafe {
            drop(p.read());
            p = p.add(1);
        }
    }
    ts.free_slots(base);
    ts.leave();
    if init {
        ts.leave();
    }
    drop(func);
    Some((caller, init))
}

/// After a generator resumed inline by the caller's FOR_ITER or SEND
/// returned `v`: FOR_ITER (exhausted) drops the iterator and leaves the
/// loop, SEND's result replaces the receiver; both jump by their argument.
#[inline(always)]
fn resume_caller_of_generator(ts: &ThreadState, cur: &mut Cur, v: Value) {
    let resumer = caller_inst(ts, cur.code());
    // SAFETY: the caller's stack holds the iterator (FOR_ITER) or the
    // receiver (SEND) on top, a valid Value owned by the frame.
    unsafe {
        if resumer.op == Opcode::FOR_ITER {
            drop(v);
            cur.sp = cur.sp.sub(1);
            drop(cur.sp.read());
        } else {
            drop(cur.sp.sub(1).replace(v));
        }
    }
    cur.ip += resumer.arg as usize;
}

/// What instantiation makes of an `__init__` frame's return value: the
/// instance stays on the caller's stack when it is None.
fn init_result(v: Value) -> PyResult<()> {
    if v.is(&rt().none) {
        return Ok(());
    }
    Err(exc::type_error(format!("__init__() should return None, not '{}'", type_name(&v))))
}

/// The `lasti` of the running frame's record (where a caller stopped).
fn record_lasti(ts: &ThreadState) -> usize {
    ts.frames.borrow().last().map_or(0, |f| f.lasti)
}

/// YIELD_VALUE: pops the record of the running generator frame (live
/// stack ending at `sp`, resuming at `ip`), whose values stay in the
/// generator's block, and suspends the generator. Returns whether the
/// frame was an entry frame (resumed from native code).
#[inline(always)]
fn pop_yielding_frame(ts: &ThreadState, sp: *mut Value, ip: usize, lasti: usize) -> bool {
    let (gen, flags) = {
        let mut frames = ts.frames.borrow_mut();
        let Some(n) = frames.len().checked_sub(1) else { return true };
        let f = &mut frames[n];
        f.sp = sp;
        f.ip = ip;
        f.lasti = lasti;
        let flags = f.flags;
        if flags & FRAME_HAS_OBJECT != 0 {
            drop(frames);
            return pop_yielding_frame_with_object(ts, lasti);
        }
        // SAFETY: a generator's record (`generator::enter`) owns only `gen`
        // (code, globals and builtins are borrowed: FRAME_BORROWS; func and
        // locals are NULL), moved out here; `set_len` forgets the rest.
        let gen = unsafe { std::ptr::read(&f.gen) };
        debug_assert!(flags & FRAME_BORROWS != 0 && f.func.is_null() && f.locals.is_null());
        // SAFETY: `n < len`, and the record's one owned field was moved out.
        unsafe { frames.set_len(n) };
        (gen, flags)
    };
    ts.leave();
    generator::suspend(&gen, sp, ip);
    flags & FRAME_ENTRY != 0
}

/// [`pop_yielding_frame`] for a record with a frame object (detached
/// first: a frame object held across a yield is a snapshot).
#[cold]
#[inline(never)]
fn pop_yielding_frame_with_object(ts: &ThreadState, lasti: usize) -> bool {
    let mut f = ts.pop_frame_record().expect("generator frame");
    frame_object::detach(ts, &f, lasti, false);
    f.forget_borrowed();
    ts.leave();
    generator::suspend(&f.gen, f.sp, f.ip);
    f.sp = f.base;
    f.is_entry()
}

/// Records the instruction of the innermost frame before a native call, so
/// that the callee sees the calling line (`warnings`, frame objects).
#[inline(always)]
fn set_lasti(ts: &ThreadState, lasti: usize) {
    if let Some(f) = ts.frames.borrow_mut().last_mut() {
        f.lasti = lasti;
    }
}

/// The globals of the innermost running frame.
pub fn current_globals() -> Option<Value> {
    rt().thread.frames.borrow().last().map(|f| f.globals.clone())
}

/// The locals mapping of the innermost frame (`locals()`).
pub fn current_locals() -> PyResult<Value> {
    let ts = &rt().thread;
    let frames = ts.frames.borrow();
    let Some(f) = frames.last() else {
        return Ok(dict::new_dict());
    };
    if !f.locals.is_null() {
        return Ok(f.locals.clone());
    }
    let cd = f.code_data();
    let d = dict::new_dict();
    // SAFETY: a live record's first `nlocalsplus` slots are valid Values.
    let fast = unsafe { std::slice::from_raw_parts(f.base, cd.nlocalsplus) };
    frame_object::fast_to_dict(cd, fast, &d)?;
    Ok(d)
}

/// `super()` without arguments: `__class__` and the first argument of the
/// innermost function frame.
pub fn zero_arg_super() -> PyResult<(Value, Value)> {
    let ts = &rt().thread;
    let frames = ts.frames.borrow();
    let f = frames.last().ok_or_else(|| exc::runtime_error("super(): no current frame"))?;
    let cd = f.code_data();
    if cd.argcount == 0 && !cd.has_varargs() || cd.nlocalsplus == 0 {
        return Err(exc::runtime_error("super(): no arguments"));
    }
    // SAFETY: slot 0 is within localsplus (nlocalsplus > 0).
    let mut first = unsafe { (*f.base).clone() };
    if let Some(c) = first.downcast::<CellData>() {
        if cd.kinds[0] & taipan_bytecode::code::CO_FAST_CELL != 0 {
            first = c.0.get();
        }
    }
    if first.is_null() {
        return Err(exc::runtime_error("super(): arg[0] deleted"));
    }
    // Free variables come last, and `__class__` is usually the last of them.
    for i in (0..cd.nlocalsplus).rev() {
        if cd.kinds[i] & taipan_bytecode::code::CO_FAST_FREE != 0
            && pystr::as_str(&cd.localsplus_names[i]) == Some("__class__")
        {
            // SAFETY: i < nlocalsplus.
            let cell = unsafe { (*f.base.add(i)).clone() };
            let cls = cell.downcast::<CellData>().map(|c| c.0.get()).unwrap_or_default();
            if cls.is_null() {
                return Err(exc::runtime_error("super(): empty __class__ cell"));
            }
            if crate::types::as_type(&cls).is_none() {
                return Err(exc::runtime_error("super(): __class__ is not a type"));
            }
            return Ok((cls, first));
        }
    }
    Err(exc::runtime_error("super(): __class__ cell not found"))
}

/// Sets `__context__` of a newly raised exception to the one being handled.
pub fn set_context_for_new(new: &Value) {
    let handled = rt().thread.handled.get();
    set_context(new, handled);
}

fn set_context(new: &Value, handled: Value) {
    if handled.is_null() || handled.is(new) {
        return;
    }
    let Some(nd) = exc_objects::data(new) else {
        return;
    };
    // Break cycles: drop `new` from the handled exception's context chain.
    let mut o = handled.clone();
    let mut steps = 0;
    while let Some(od) = exc_objects::data(&o) {
        let ctx = od.context.get();
        if ctx.is_null() || steps > 10_000 {
            break;
        }
        if ctx.is(new) {
            od.context.set(Value::NULL);
            break;
        }
        o = ctx;
        steps += 1;
    }
    nd.context.set(handled);
}

/// Adds a traceback entry for the innermost frame at instruction `lasti`,
/// with that frame's object as `tb_frame` (CPython's `PyTraceBack_Here`).
fn add_traceback(ts: &ThreadState, err: &PyErr, lasti: usize) {
    let Some(d) = exc_objects::data(err.value()) else { return };
    let Some((code, globals)) = ts.frames.borrow().last().map(|f| (f.code.clone(), f.globals.clone())) else {
        return;
    };
    let tb = exc_objects::new_traceback(d.traceback.get(), code, lasti as u32, globals);
    if let (Some(t), Some(f)) = (tb.downcast::<exc_objects::TracebackData>(), frame_object::innermost(ts)) {
        t.frame.set(f);
    }
    d.traceback.set(tb);
}

/// How a generator frame is entered.
pub enum Resume {
    Send(Value),
    Throw(PyErr),
}

/// Resumes generator `gen` from native code (`next()`, `send`, `throw`):
/// its frame runs in place, in its own block, as an entry frame of a
/// nested loop. Returns the yielded or returned value; the generator's
/// state says which.
pub fn resume(gen_val: &Value, g: &GenData, how: Resume) -> PyResult<Value> {
    let ts = &rt().thread;
    let nd = ts.native_depth.get();
    if nd >= MAX_NATIVE_DEPTH {
        return Err(exc::recursion_error("maximum recursion depth exceeded"));
    }
    let (sent, pending) = match how {
        Resume::Send(v) => (Some(v), None),
        Resume::Throw(e) => (None, Some(e)),
    };
    let mut frame = generator::enter(gen_val, g, sent)?;
    frame.flags |= FRAME_ENTRY;
    ts.native_depth.set(nd + 1);
    ts.push_frame(frame);
    let r = eval_loop_with(ts, pending);
    ts.native_depth.set(nd);
    r
}

fn eval_loop(ts: &ThreadState) -> PyResult<Value> {
    eval_loop_with(ts, None)
}

/// The state of the running frame, cached in locals. `globals`,
/// `builtins` and `locals` are borrowed from the frame record (which owns
/// them for as long as the frame runs), so they are never dropped here.
struct Cur {
    base: *mut Value,
    sp: *mut Value,
    ip: usize,
    code: *const CodeData,
    globals: ManuallyDrop<Value>,
    builtins: ManuallyDrop<Value>,
    locals: ManuallyDrop<Value>,
}

/// A non-owning alias of `v` (valid while the owner keeps it).
#[inline(always)]
fn borrow_value(v: &Value) -> ManuallyDrop<Value> {
    // SAFETY: the alias is never dropped (ManuallyDrop), so the owner's
    // reference count stays exact; callers only use it while the frame
    // record that owns `v` is alive (`Cur` is reloaded on frame changes).
    ManuallyDrop::new(unsafe { Value::from_raw(v.bits()) })
}

impl Cur {
    /// Pushes `frame` and makes it the running one: the state is read
    /// from the record before the push (the aliases are plain words, valid
    /// wherever the record lives), so nothing is read back from memory.
    #[inline(always)]
    fn enter(ts: &ThreadState, frame: Frame) -> Cur {
        let cur = Cur::of(&frame);
        ts.push_frame(frame);
        cur
    }

    #[inline(always)]
    fn load(ts: &ThreadState) -> Cur {
        let frames = ts.frames.borrow();
        Cur::of(frames.last().expect("a running frame"))
    }

    #[inline(always)]
    fn of(f: &Frame) -> Cur {
        Cur {
            base: f.base,
            sp: f.sp,
            ip: f.ip,
            code: f.code_data() as *const CodeData,
            globals: borrow_value(&f.globals),
            builtins: borrow_value(&f.builtins),
            locals: borrow_value(&f.locals),
        }
    }

    #[inline(always)]
    fn save(&self, ts: &ThreadState, lasti: usize) {
        let mut frames = ts.frames.borrow_mut();
        let f = frames.last_mut().expect("a running frame");
        f.sp = self.sp;
        f.ip = self.ip;
        f.lasti = lasti;
    }

    #[inline(always)]
    fn code(&self) -> &'static CodeData {
        // SAFETY: the frame record holds a reference to its code object for
        // as long as the frame runs; `Cur` is reloaded whenever the frame changes.
        unsafe { &*self.code }
    }
}

/// The loop proper; `pending` starts it by raising into the top frame.
#[allow(clippy::cognitive_complexity)]
fn eval_loop_with(ts: &ThreadState, pending: Option<PyErr>) -> PyResult<Value> {
    let mut cur = Cur::load(ts);
    let mut kwnames: Value = Value::NULL;
    let mut lasti: usize = cur.ip.saturating_sub(1);
    // The `lasti` RERAISE restores: reported and pushed, while the handler
    // is still looked up at the RERAISE itself (as CPython 3.11 does).
    let mut restored_lasti: Option<usize> = None;
    let mut pending = pending;

    macro_rules! push {
        ($v:expr) => {{
            let v: Value = $v;
            // SAFETY: the compiler's stack depth bound (co_stacksize) keeps
            // sp within the frame's block; the slot above sp is garbage.
            unsafe {
                cur.sp.write(v);
                cur.sp = cur.sp.add(1);
            }
        }};
    }
    macro_rules! pop {
        () => {{
            // SAFETY: the bytecode never pops below the frame's stack base,
            // and slots below sp are valid Values owned by the frame.
            unsafe {
                cur.sp = cur.sp.sub(1);
                cur.sp.read()
            }
        }};
    }
    macro_rules! peek {
        ($n:expr) => {{
            // SAFETY: as pop!: slot sp-n is a valid Value of this frame.
            unsafe { &*cur.sp.sub($n) }
        }};
    }
    macro_rules! set_peek {
        ($n:expr, $v:expr) => {{
            let v: Value = $v;
            // SAFETY: as peek!; the old value is dropped after the store.
            unsafe { drop(cur.sp.sub($n).replace(v)) }
        }};
    }
    macro_rules! local {
        ($i:expr) => {{
            // SAFETY: local indices come from the code object and are below
            // nlocalsplus; localsplus slots are always valid Values.
            unsafe { &*cur.base.add($i) }
        }};
    }
    macro_rules! set_local {
        ($i:expr, $v:expr) => {{
            let v: Value = $v;
            // SAFETY: as local!.
            unsafe { drop(cur.base.add($i).replace(v)) }
        }};
    }

    'frame: loop {
        let code = cur.code();
        let insts: &[Inst] = code.insts();
        let err: PyErr = 'dispatch: {
            if let Some(e) = pending.take() {
                break 'dispatch e;
            }
            loop {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        }
                    };
                }
                // A signal check point after a backward jump: a handler's
                // exception is reported at the jump but its handler looked up
                // at the unit before the jump target, as CPython 3.11 does
                // (`prev_instr` vs `INSTR_OFFSET() - 1` after `JUMPBY`).
                macro_rules! signal_check_after_jump {
                    () => {
                        if crate::gil::breaker_set() {
                            if let Err(e) = crate::gil::handle_breaker() {
                                restored_lasti = Some(lasti);
                                lasti = cur.ip.saturating_sub(1);
                                break 'dispatch e;
                            }
                        }
                    };
                }
                let Some(&inst) = insts.get(cur.ip) else {
                    break 'dispatch exc::system_error("instruction pointer out of range");
                };
                lasti = cur.ip;
                cur.ip += inst.size as usize;
                let arg = inst.arg as usize;
                match inst.op {
                    Opcode::NOP | Opcode::EXTENDED_ARG | Opcode::PRECALL => {}
                    Opcode::RESUME => {
                        call::warm_up(code);
                        crate::gc::collect_if_due();
                        if crate::gil::breaker_set() && arg < 2 {
                            tri!(crate::gil::handle_breaker());
                        }
                    }
                    Opcode::CACHE => {
                        break 'dispatch exc::system_error("invalid or cache instruction executed")
                    }
                    Opcode::POP_TOP => drop(pop!()),
                    Opcode::PUSH_NULL => push!(Value::NULL),
                    Opcode::LOAD_CONST => push!(code.consts[arg].clone()),
                    Opcode::LOAD_FAST => {
                        let v = local!(arg);
                        if v.is_null() {
                            break 'dispatch unbound_local(code, arg);
                        }
                        push!(v.clone());
                    }
                    Opcode::STORE_FAST => {
                        let v = pop!();
                        set_local!(arg, v);
                    }
                    Opcode::DELETE_FAST => {
                        if local!(arg).is_null() {
                            break 'dispatch unbound_local(code, arg);
                        }
                        set_local!(arg, Value::NULL);
                    }
                    Opcode::LOAD_GLOBAL => {
                        let v = match specialize::load_global(code, lasti, &cur.globals, &cur.builtins) {
                            Some(v) => v,
                            None => {
                                let name = &code.names[arg >> 1];
                                let v = tri!(load_global(&cur.globals, &cur.builtins, name));
                                specialize::adapt_load_global(code, lasti, &cur.globals, &cur.builtins, name);
                                v
                            }
                        };
                        if arg & 1 != 0 {
                            push!(Value::NULL);
                        }
                        push!(v);
                    }
                    Opcode::STORE_GLOBAL => {
                        let v = pop!();
                        tri!(dict::set_item(&cur.globals, code.names[arg].clone(), v));
                    }
                    Opcode::DELETE_GLOBAL => {
                        if tri!(dict::del_item(&cur.globals, &code.names[arg])).is_none() {
                            break 'dispatch name_error(&code.names[arg]);
                        }
                    }
                    Opcode::LOAD_NAME => {
                        let v = tri!(load_name(&cur.locals, &cur.globals, &cur.builtins, &code.names[arg]));
                        push!(v);
                    }
                    Opcode::STORE_NAME => {
                        let v = pop!();
                        if cur.locals.is_null() {
                            break 'dispatch exc::system_error("no locals found when storing name");
                        }
                        tri!(ops::setitem(&cur.locals, code.names[arg].clone(), v));
                    }
                    Opcode::DELETE_NAME => {
                        if let Err(e) = ops::delitem(&cur.locals, &code.names[arg]) {
                            if e.matches(&rt().exc.key_error) {
                                break 'dispatch name_error(&code.names[arg]);
                            }
                            break 'dispatch e;
                        }
                    }
                    Opcode::LOAD_ATTR => {
                        let obj = pop!();
                        let name = &code.names[arg];
                        let v = match specialize::load_attr(code, lasti, &obj, name) {
                            Some(specialize::AttrHit::Value(v)) => v,
                            Some(specialize::AttrHit::Computed(r)) => tri!(r),
                            Some(specialize::AttrHit::Getter(fget)) => {
                                if let Some((fd, cd)) = plain_callee(&fget, 1) {
                                    cur.save(ts, lasti);
                                    // SAFETY: `fget` and `obj` are owned locals; on
                                    // success they moved into the getter's frame.
                                    let next =
                                        tri!(unsafe { enter_plain_frame(ts, fd, cd, &fget, &obj, 1, 0) });
                                    std::mem::forget(fget);
                                    std::mem::forget(obj);
                                    cur = next;
                                    continue 'frame;
                                }
                                set_lasti(ts, lasti);
                                tri!(call::call(&fget, std::slice::from_ref(&obj), &[]))
                            }
                            None => {
                                set_lasti(ts, lasti);
                                let v = tri!(attr::getattr(&obj, name));
                                specialize::adapt_load_attr(code, lasti, &obj, name);
                                v
                            }
                        };
                        push!(v);
                    }
                    Opcode::LOAD_METHOD => {
                        let obj = pop!();
                        let name = &code.names[arg];
                        let (meth, this) = match specialize::load_method(code, lasti, &obj, name) {
                            Some(pair) => pair,
                            None => {
                                let pair = tri!(attr::load_method(obj.clone(), name));
                                specialize::adapt_load_method(code, lasti, &obj, name);
                                pair
                            }
                        };
                        push!(meth);
                        push!(this);
                    }
                    Opcode::STORE_ATTR => {
                        let obj = pop!();
                        let v = pop!();
                        let name = &code.names[arg];
                        match specialize::store_attr(code, lasti, &obj, name, v) {
                            Ok(r) => tri!(r),
                            Err(v) => {
                                tri!(attr::setattr(&obj, name, v));
                                specialize::adapt_store_attr(code, lasti, &obj, name);
                            }
                        }
                    }
                    Opcode::DELETE_ATTR => {
                        let obj = pop!();
                        tri!(attr::setattr(&obj, &code.names[arg], Value::NULL));
                    }
                    Opcode::MAKE_CELL => {
                        let v = local!(arg).clone();
                        set_local!(arg, crate::objects::function::new_cell(v));
                    }
                    Opcode::COPY_FREE_VARS => {
                        let func = ts.frames.borrow().last().map(|f| f.func.clone()).unwrap_or_default();
                        let closure =
                            func.downcast::<FunctionData>().map(|f| f.closure.get()).unwrap_or_default();
                        let cells = tuple::items(&closure).unwrap_or(&[]);
                        let n = arg.min(cells.len());
                        let start = code.nlocalsplus - arg;
                        for (i, c) in cells[..n].iter().enumerate() {
                            set_local!(start + i, c.clone());
                        }
                    }
                    Opcode::LOAD_CLOSURE => push!(local!(arg).clone()),
                    Opcode::LOAD_DEREF => {
                        let v = cell_contents(local!(arg));
                        if v.is_null() {
                            break 'dispatch unbound_deref(code, arg);
                        }
                        push!(v);
                    }
                    Opcode::LOAD_CLASSDEREF => {
                        let name = &code.localsplus_names[arg];
                        let found = if cur.locals.is_null() {
                            None
                        } else {
                            tri!(ops::getitem_opt(&cur.locals, name))
                        };
                        match found {
                            Some(v) => push!(v),
                            None => {
                                let v = cell_contents(local!(arg));
                                if v.is_null() {
                                    break 'dispatch unbound_deref(code, arg);
                                }
                                push!(v);
                            }
                        }
                    }
                    Opcode::STORE_DEREF => {
                        let v = pop!();
                        if let Some(c) = local!(arg).downcast::<CellData>() {
                            c.0.set(v);
                        }
                    }
                    Opcode::DELETE_DEREF => {
                        let c = local!(arg).clone();
                        match c.downcast::<CellData>() {
                            Some(cd) if !cd.0.is_null() => cd.0.set(Value::NULL),
                            _ => break 'dispatch unbound_deref(code, arg),
                        }
                    }
                    Opcode::UNARY_POSITIVE => {
                        let v = pop!();
                        push!(tri!(ops::unary(&v, ops::UnaryOp::Pos)));
                    }
                    Opcode::UNARY_NEGATIVE => {
                        let v = pop!();
                        push!(tri!(ops::unary(&v, ops::UnaryOp::Neg)));
                    }
                    Opcode::UNARY_INVERT => {
                        let v = pop!();
                        push!(tri!(ops::unary(&v, ops::UnaryOp::Invert)));
                    }
                    Opcode::UNARY_NOT => {
                        let v = pop!();
                        let b = tri!(ops::truthy(&v));
                        push!(rt().bool_value(!b));
                    }
                    Opcode::BINARY_OP => {
                        let rhs = pop!();
                        let lhs = pop!();
                        if (arg == ADD || arg == INPLACE_ADD)
                            && tri!(str_add_in_place(&cur, insts.get(cur.ip), &lhs, &rhs))
                        {
                            cur.ip += 1;
                            continue;
                        }
                        let r = tri!(binary_op_fast(&lhs, &rhs, arg));
                        push!(r);
                    }
                    Opcode::COMPARE_OP => {
                        let rhs = pop!();
                        let lhs = pop!();
                        let r = tri!(compare_fast(&lhs, &rhs, arg));
                        push!(r);
                    }
                    Opcode::IS_OP => {
                        let rhs = pop!();
                        let lhs = pop!();
                        push!(rt().bool_value(lhs.is(&rhs) != (arg == 1)));
                    }
                    Opcode::CONTAINS_OP => {
                        let container = pop!();
                        let item = pop!();
                        let r = match set::exact_contains(&container, &item) {
                            Some(r) => tri!(r),
                            None => tri!(ops::contains(&container, &item)),
                        };
                        push!(rt().bool_value(r != (arg == 1)));
                    }
                    Opcode::BINARY_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        let r = match subscr_fast(&container, &key) {
                            Some(r) => r,
                            None => ops::getitem(&container, &key),
                        };
                        push!(tri!(r));
                    }
                    Opcode::STORE_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        let v = pop!();
                        match store_subscr_fast(&container, &key, v) {
                            Ok(r) => tri!(r),
                            Err(v) => tri!(ops::setitem(&container, key, v)),
                        }
                    }
                    Opcode::DELETE_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        tri!(ops::delitem(&container, &key));
                    }
                    Opcode::GET_LEN => {
                        let n = tri!(ops::len(peek!(1)));
                        push!(int::from_usize(n));
                    }
                    Opcode::SWAP => {
                        // SAFETY: both slots are within this frame's live stack.
                        unsafe { std::ptr::swap(cur.sp.sub(1), cur.sp.sub(arg)) };
                    }
                    Opcode::COPY => {
                        let v = peek!(arg).clone();
                        push!(v);
                    }
                    Opcode::BUILD_TUPLE => {
                        let items = pop_n(&mut cur.sp, arg);
                        push!(tuple::new(items));
                    }
                    Opcode::BUILD_LIST => {
                        let items = pop_n(&mut cur.sp, arg);
                        push!(list::new(items));
                    }
                    Opcode::BUILD_SET => {
                        let items = pop_n(&mut cur.sp, arg);
                        push!(tri!(set::new_set(items)));
                    }
                    Opcode::BUILD_MAP => {
                        let items = pop_n(&mut cur.sp, 2 * arg);
                        let d = dict::new_dict();
                        let mut it = items.into_iter();
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            tri!(dict::set_item(&d, k, v));
                        }
                        push!(d);
                    }
                    Opcode::BUILD_CONST_KEY_MAP => {
                        let keys = pop!();
                        let vals = pop_n(&mut cur.sp, arg);
                        let d = dict::new_dict();
                        let ks = tuple::items(&keys).unwrap_or(&[]);
                        for (k, v) in ks.iter().zip(vals) {
                            tri!(dict::set_item(&d, k.clone(), v));
                        }
                        push!(d);
                    }
                    Opcode::BUILD_STRING => {
                        let parts = pop_n(&mut cur.sp, arg);
                        push!(tri!(pystr::concat_values(&parts)));
                    }
                    Opcode::BUILD_SLICE => {
                        let step = if arg == 3 { pop!() } else { rt().none.clone() };
                        let stop = pop!();
                        let start = pop!();
                        push!(crate::objects::slice::new(start, stop, step));
                    }
                    Opcode::LIST_APPEND => {
                        let v = pop!();
                        tri!(list::append(peek!(arg), v));
                    }
                    Opcode::SET_ADD => {
                        let v = pop!();
                        tri!(set::add(peek!(arg), v));
                    }
                    Opcode::MAP_ADD => {
                        let v = pop!();
                        let k = pop!();
                        tri!(dict::set_item(peek!(arg), k, v));
                    }
                    Opcode::LIST_EXTEND => {
                        let it = pop!();
                        tri!(list_extend(peek!(arg), &it));
                    }
                    Opcode::SET_UPDATE => {
                        let it = pop!();
                        tri!(set::update(peek!(arg), &it));
                    }
                    Opcode::DICT_UPDATE => {
                        let other = pop!();
                        tri!(dict_update(peek!(arg), &other));
                    }
                    Opcode::DICT_MERGE => {
                        let other = pop!();
                        let func = peek!(arg + 2).clone();
                        tri!(dict_merge(peek!(arg), &other, &func));
                    }
                    Opcode::LIST_TO_TUPLE => {
                        let l = pop!();
                        push!(tuple::new(list::snapshot(&l).unwrap_or_default()));
                    }
                    Opcode::FORMAT_VALUE => {
                        let spec = if arg & 4 != 0 { pop!() } else { Value::NULL };
                        let v = pop!();
                        push!(tri!(ops::format_value(v, arg & 3, &spec)));
                    }
                    Opcode::JUMP_FORWARD => cur.ip += arg,
                    Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT => {
                        if inst.op == Opcode::JUMP_BACKWARD {
                            call::warm_up(code);
                        }
                        cur.ip -= arg;
                        crate::gc::collect_if_due();
                        signal_check_after_jump!();
                    }
                    Opcode::POP_JUMP_FORWARD_IF_FALSE | Opcode::POP_JUMP_BACKWARD_IF_FALSE => {
                        let v = pop!();
                        if !tri!(truthy_fast(&v)) && jump(&mut cur.ip, inst.op, arg) {
                            signal_check_after_jump!();
                        }
                    }
                    Opcode::POP_JUMP_FORWARD_IF_TRUE | Opcode::POP_JUMP_BACKWARD_IF_TRUE => {
                        let v = pop!();
                        if tri!(truthy_fast(&v)) && jump(&mut cur.ip, inst.op, arg) {
                            signal_check_after_jump!();
                        }
                    }
                    Opcode::POP_JUMP_FORWARD_IF_NONE | Opcode::POP_JUMP_BACKWARD_IF_NONE => {
                        let v = pop!();
                        if v.is(&rt().none) && jump(&mut cur.ip, inst.op, arg) {
                            signal_check_after_jump!();
                        }
                    }
                    Opcode::POP_JUMP_FORWARD_IF_NOT_NONE | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE => {
                        let v = pop!();
                        if !v.is(&rt().none) && jump(&mut cur.ip, inst.op, arg) {
                            signal_check_after_jump!();
                        }
                    }
                    Opcode::JUMP_IF_FALSE_OR_POP => {
                        if !tri!(truthy_fast(peek!(1))) {
                            cur.ip += arg;
                        } else {
                            drop(pop!());
                        }
                    }
                    Opcode::JUMP_IF_TRUE_OR_POP => {
                        if tri!(truthy_fast(peek!(1))) {
                            cur.ip += arg;
                        } else {
                            drop(pop!());
                        }
                    }
                    Opcode::GET_ITER => {
                        let v = pop!();
                        if let Some(it) = range_iter_fast(&v) {
                            push!(it);
                            continue;
                        }
                        if is_exact_generator(&v) {
                            // A generator is its own iterator (`__iter__` returns self).
                            push!(v);
                            continue;
                        }
                        push!(tri!(ops::iter(&v)));
                    }
                    Opcode::GET_YIELD_FROM_ITER => {
                        let v = peek!(1);
                        if v.downcast::<GenData>().is_none() {
                            let v = pop!();
                            push!(tri!(ops::iter(&v)));
                        }
                    }
                    Opcode::FOR_ITER => {
                        let it = peek!(1);
                        if let Some(next) = range_next_fast(it) {
                            match next {
                                Some(v) => push!(v),
                                None => {
                                    drop(pop!());
                                    cur.ip += arg;
                                }
                            }
                            continue;
                        }
                        if let Some(g) = inline_generator(it, &rt().none, false) {
                            let frame = tri!(generator::enter(it, g, Some(rt().none.clone())));
                            cur.save(ts, lasti);
                            cur = Cur::enter(ts, frame);
                            continue 'frame;
                        }
                        let next = match crate::objects::iter::next_native(it) {
                            Some(r) => r,
                            None => ops::next(it),
                        };
                        match tri!(next) {
                            Some(v) => push!(v),
                            None => {
                                drop(pop!());
                                cur.ip += arg;
                            }
                        }
                    }
                    Opcode::UNPACK_SEQUENCE => {
                        let seq = pop!();
                        if unpack_fast(&seq, arg, &mut cur.sp) {
                            continue;
                        }
                        let items = tri!(unpack(&seq, arg, None));
                        for v in items.into_iter().rev() {
                            push!(v);
                        }
                    }
                    Opcode::UNPACK_EX => {
                        let seq = pop!();
                        let (before, after) = (arg & 0xFF, arg >> 8);
                        let items = tri!(unpack(&seq, before, Some(after)));
                        for v in items.into_iter().rev() {
                            push!(v);
                        }
                    }
                    Opcode::KW_NAMES => kwnames = code.consts[arg].clone(),
                    Opcode::CALL => {
                        let kw = std::mem::take(&mut kwnames);
                        let kwn: &[Value] = if kw.is_null() { &[] } else { tuple::items(&kw).unwrap_or(&[]) };
                        let mut total = arg + !peek!(arg + 2).is_null() as usize;
                        if total == arg {
                            let unpacked = peek!(arg + 1)
                                .downcast::<MethodData>()
                                .map(|m| (m.func.clone(), m.self_.clone()));
                            if let Some((f, s)) = unpacked {
                                set_peek!(arg + 2, f);
                                set_peek!(arg + 1, s);
                                total += 1;
                            }
                        }
                        if kw.is_null() {
                            if let Some((fd, cd)) = plain_callee(peek!(total + 1), total) {
                                let sp = cur.sp;
                                // SAFETY: the call's `arg + 2` slots are on the live stack.
                                cur.sp = unsafe { sp.sub(arg + 2) };
                                cur.save(ts, lasti);
                                // SAFETY: the callable and its `total` arguments are the
                                // top owned slots; on success they moved into the new
                                // frame and the call's slots have left the stack (the one
                                // below them, when `total == arg`, is PUSH_NULL's NULL).
                                match unsafe {
                                    enter_plain_frame(ts, fd, cd, sp.sub(total + 1), sp.sub(total), total, 0)
                                } {
                                    Ok(next) => {
                                        cur = next;
                                        continue 'frame;
                                    }
                                    Err(e) => {
                                        cur.sp = sp;
                                        break 'dispatch e;
                                    }
                                }
                            }
                        }
                        if kw.is_null() && total == arg {
                            if let Some(init) = specialize::call_init(code, lasti, peek!(arg + 1)) {
                                if let Some((fd, cd)) = plain_callee(&init, arg + 1) {
                                    // SAFETY: the call's `arg + 2` slots (NULL, the
                                    // class, the arguments) top the live stack.
                                    cur = tri!(unsafe {
                                        enter_init_frame(ts, &mut cur, lasti, &init, fd, cd, arg)
                                    });
                                    continue 'frame;
                                }
                            }
                        }
                        let func = peek!(total + 1);
                        // SAFETY: the `total` args are the top slots of the live stack.
                        let args = unsafe { std::slice::from_raw_parts(cur.sp.sub(total), total) };
                        if func.downcast::<FunctionData>().is_some() {
                            let frame = tri!(new_call_frame(func, args, kwn, false));
                            drop_n(&mut cur.sp, arg + 2);
                            cur.save(ts, lasti);
                            cur = Cur::enter(ts, frame);
                            continue 'frame;
                        }
                        let site = call::Site::of_call(code);
                        let fast = if kw.is_null() { call::call_native_fast(func, args, site) } else { None };
                        let r = match fast {
                            Some(r) => r,
                            None => {
                                set_lasti(ts, lasti);
                                if kw.is_null() && total == arg && crate::types::as_type(func).is_some() {
                                    specialize::adapt_call(code, lasti, func);
                                }
                                call::call_at(func, args, kwn, site)
                            }
                        };
                        drop_n(&mut cur.sp, arg + 2);
                        push!(tri!(r));
                        // As CPython 3.11 after a call that ran no frame here: a
                        // signal handler's exception surfaces at this CALL.
                        if crate::gil::breaker_set() {
                            tri!(crate::gil::handle_breaker());
                        }
                    }
                    Opcode::CALL_FUNCTION_EX => {
                        let kwargs = if arg & 1 != 0 { pop!() } else { Value::NULL };
                        let callargs = pop!();
                        let func = pop!();
                        drop(pop!());
                        set_lasti(ts, lasti);
                        let r = tri!(call::call_ex(&func, &callargs, &kwargs));
                        push!(r);
                        if crate::gil::breaker_set() {
                            tri!(crate::gil::handle_breaker());
                        }
                    }
                    Opcode::MAKE_FUNCTION => {
                        let codev = pop!();
                        let f = tri!(make_function(codev, arg, &cur.globals, &mut cur.sp));
                        push!(f);
                    }
                    Opcode::RETURN_VALUE => {
                        let v = pop!();
                        let init = match return_plain(ts, cur.sp) {
                            Some((caller, false)) => {
                                cur = caller;
                                push!(v);
                                continue 'frame;
                            }
                            Some((caller, true)) => {
                                cur = caller;
                                true
                            }
                            None => {
                                let (flags, gen) = pop_frame_at(ts, cur.sp, lasti);
                                if !gen.is_null() {
                                    generator::finished(&gen);
                                }
                                if flags & FRAME_ENTRY != 0 {
                                    return Ok(v);
                                }
                                cur = Cur::load(ts);
                                if !gen.is_null() {
                                    resume_caller_of_generator(ts, &mut cur, v);
                                    continue 'frame;
                                }
                                flags & FRAME_INIT != 0
                            }
                        };
                        if !init {
                            push!(v);
                        } else if let Err(e) = init_result(v) {
                            lasti = record_lasti(ts);
                            break 'dispatch e;
                        }
                        continue 'frame;
                    }
                    Opcode::RETURN_GENERATOR => {
                        cur.save(ts, lasti);
                        let g = tri!(make_generator(ts));
                        let (entry, _) = pop_frame(ts);
                        if entry {
                            return Ok(g);
                        }
                        cur = Cur::load(ts);
                        push!(g);
                        continue 'frame;
                    }
                    Opcode::YIELD_VALUE => {
                        let v = pop!();
                        if pop_yielding_frame(ts, cur.sp, cur.ip, lasti) {
                            return Ok(v);
                        }
                        // Back to the FOR_ITER or SEND that resumed it inline.
                        cur = Cur::load(ts);
                        push!(v);
                        continue 'frame;
                    }
                    Opcode::SEND => {
                        let v = pop!();
                        let recv = peek!(1);
                        if let Some(g) = inline_generator(recv, &v, true) {
                            let frame = tri!(generator::enter(recv, g, Some(v)));
                            cur.save(ts, lasti);
                            cur = Cur::enter(ts, frame);
                            continue 'frame;
                        }
                        match tri!(generator::send_to(recv, v)) {
                            generator::SendResult::Yield(r) => push!(r),
                            generator::SendResult::Return(r) => {
                                set_peek!(1, r);
                                cur.ip += arg;
                            }
                        }
                    }
                    Opcode::GET_AWAITABLE => {
                        let v = pop!();
                        push!(tri!(coroutine::get_awaitable(&v, arg)));
                    }
                    Opcode::GET_AITER => {
                        let v = pop!();
                        push!(tri!(coroutine::get_aiter(&v)));
                    }
                    Opcode::GET_ANEXT => {
                        let awaitable = tri!(coroutine::get_anext(peek!(1)));
                        push!(awaitable);
                    }
                    Opcode::END_ASYNC_FOR => {
                        let e = pop!();
                        if coroutine::ends_async_for(&e) {
                            drop(e);
                            drop(pop!());
                        } else {
                            cur.save(ts, lasti);
                            pending = Some(PyErr(e));
                            break 'dispatch PyErr(Value::NULL);
                        }
                    }
                    Opcode::BEFORE_ASYNC_WITH => {
                        let mgr = pop!();
                        let (exit, entered) = tri!(coroutine::before_async_with(&mgr));
                        push!(exit);
                        push!(entered);
                    }
                    Opcode::ASYNC_GEN_WRAP => {
                        let v = pop!();
                        push!(coroutine::wrap(v));
                    }
                    Opcode::PUSH_EXC_INFO => {
                        let v = pop!();
                        let prev = ts.handled.replace(v.clone());
                        push!(if prev.is_null() { rt().none.clone() } else { prev });
                        push!(v);
                    }
                    Opcode::POP_EXCEPT => {
                        let v = pop!();
                        ts.handled.set(if v.is(&rt().none) { Value::NULL } else { v });
                    }
                    Opcode::CHECK_EXC_MATCH => {
                        let right = pop!();
                        let r = tri!(exception_matches(peek!(1), &right));
                        push!(rt().bool_value(r));
                    }
                    Opcode::CHECK_EG_MATCH => {
                        let match_type = pop!();
                        let here = || {
                            let frames = ts.frames.borrow();
                            let f = frames.last().expect("frame");
                            exc_objects::new_traceback(
                                Value::NULL,
                                f.code.clone(),
                                lasti as u32,
                                f.globals.clone(),
                            )
                        };
                        let (matched, rest) =
                            tri!(exc_objects::group::check_eg_match(peek!(1), &match_type, here));
                        if !matched.is(&rt().none) {
                            drop(pop!());
                            push!(rest);
                            ts.handled.set(matched.clone());
                        }
                        push!(matched);
                    }
                    Opcode::PREP_RERAISE_STAR => {
                        let (excs, orig) = (pop!(), pop!());
                        push!(tri!(exc_objects::group::prep_reraise_star(&orig, &excs)));
                    }
                    Opcode::RERAISE => {
                        let v = pop!();
                        if arg != 0 {
                            if let Some(i) = int::to_i64(peek!(arg)) {
                                restored_lasti = Some(i as usize);
                            }
                        }
                        cur.save(ts, lasti);
                        pending = Some(PyErr(v));
                        break 'dispatch PyErr(Value::NULL);
                    }
                    Opcode::RAISE_VARARGS => {
                        let (e, reraise) = match arg {
                            0 => (reraise_handled(ts), true),
                            1 => {
                                let e = pop!();
                                (tri!(make_raise(e, Value::NULL)), false)
                            }
                            _ => {
                                let cause = pop!();
                                let e = pop!();
                                (tri!(make_raise(e, cause)), false)
                            }
                        };
                        if reraise {
                            cur.save(ts, lasti);
                            pending = Some(e);
                            break 'dispatch PyErr(Value::NULL);
                        }
                        break 'dispatch e;
                    }
                    Opcode::LOAD_ASSERTION_ERROR => push!(rt().exc.assertion_error.clone()),
                    Opcode::BEFORE_WITH => {
                        let mgr = pop!();
                        let (exit, entered) = tri!(before_with(&mgr));
                        push!(exit);
                        push!(entered);
                    }
                    Opcode::WITH_EXCEPT_START => {
                        let val = peek!(1).clone();
                        let exit_func = peek!(4).clone();
                        let tb = exc_objects::data(&val).map(|d| d.traceback.get()).unwrap_or_default();
                        let tb = if tb.is_null() { rt().none.clone() } else { tb };
                        let r = tri!(call::call(&exit_func, &[type_of(&val), val, tb], &[]));
                        push!(r);
                    }
                    Opcode::LOAD_BUILD_CLASS => {
                        let v = tri!(dict::get_item(&cur.builtins, &pystr::intern("__build_class__")));
                        match v {
                            Some(v) => push!(v),
                            None => break 'dispatch exc::name_error("__build_class__ not found"),
                        }
                    }
                    Opcode::SETUP_ANNOTATIONS => {
                        let key = pystr::intern("__annotations__");
                        if tri!(ops::getitem_opt(&cur.locals, &key)).is_none() {
                            tri!(ops::setitem(&cur.locals, key, dict::new_dict()));
                        }
                    }
                    Opcode::IMPORT_NAME => {
                        let fromlist = pop!();
                        let level = pop!();
                        let m = tri!(crate::import::import_name(
                            &cur.globals,
                            &cur.builtins,
                            &code.names[arg],
                            &fromlist,
                            &level
                        ));
                        push!(m);
                    }
                    Opcode::IMPORT_FROM => {
                        let v = tri!(crate::import::import_from(peek!(1), &code.names[arg]));
                        push!(v);
                    }
                    Opcode::IMPORT_STAR => {
                        let m = pop!();
                        tri!(crate::import::import_star(&m, &cur.locals));
                    }
                    Opcode::PRINT_EXPR => {
                        let v = pop!();
                        tri!(crate::modules::sys::displayhook(&v));
                    }
                    Opcode::MATCH_MAPPING => push!(rt().bool_value(crate::ops_match::is_mapping(peek!(1)))),
                    Opcode::MATCH_SEQUENCE => push!(rt().bool_value(crate::ops_match::is_sequence(peek!(1)))),
                    Opcode::MATCH_KEYS => push!(tri!(crate::ops_match::match_keys(peek!(2), peek!(1)))),
                    Opcode::MATCH_CLASS => {
                        let (kwnames, cls) = (pop!(), pop!());
                        let attrs = tri!(crate::ops_match::match_class(peek!(1), &cls, arg, &kwnames));
                        set_peek!(1, attrs);
                    }
                }
            }
        };
        // The error path: `pending` is set when re-raising (no new traceback entry).
        let (mut err, mut add_tb) = match pending.take() {
            Some(e) => (e, false),
            None => (err, true),
        };
        loop {
            let code = cur.code();
            let frame_lasti = restored_lasti.take().unwrap_or(lasti);
            if add_tb {
                add_traceback(ts, &err, frame_lasti);
            }
            add_tb = true;
            if let Some(h) = code.find_handler(lasti as u32) {
                // SAFETY: the handler depth is within the frame's stack.
                let target_sp = unsafe { cur.base.add(code.nlocalsplus + h.depth as usize) };
                while cur.sp > target_sp {
                    drop(pop!());
                }
                if h.lasti {
                    push!(int::from_usize(frame_lasti));
                }
                push!(std::mem::replace(&mut err.0, Value::NULL));
                cur.ip = h.target as usize;
                kwnames = Value::NULL;
                continue 'frame;
            }
            cur.save(ts, lasti);
            let (entry, gen) = pop_frame(ts);
            if !gen.is_null() {
                err = generator::finished_with_error(&gen, err);
            }
            if entry {
                return Err(err);
            }
            cur = Cur::load(ts);
            lasti = ts.frames.borrow().last().map(|f| f.lasti).unwrap_or(0);
            let _ = &mut err;
        }
    }
}

/// Takes a conditional jump; true when it went backward (a signal check
/// point, as CPython 3.11's eval breaker check after `JUMPBY(-oparg)`).
#[inline(always)]
fn jump(ip: &mut usize, op: Opcode, arg: usize) -> bool {
    match op {
        Opcode::POP_JUMP_BACKWARD_IF_FALSE
        | Opcode::POP_JUMP_BACKWARD_IF_TRUE
        | Opcode::POP_JUMP_BACKWARD_IF_NONE
        | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE => {
            *ip -= arg;
            true
        }
        _ => {
            *ip += arg;
            false
        }
    }
}

/// Pops and drops `n` values.
#[inline]
fn drop_n(sp: &mut *mut Value, n: usize) {
    // SAFETY: the top `n` slots are live Values of this frame; each is read
    // (moved out) once and dropped, and sp moves below them.
    unsafe {
        for _ in 0..n {
            *sp = sp.sub(1);
            drop(sp.read());
        }
    }
}

/// Pops `n` values (in stack order).
#[inline]
fn pop_n(sp: &mut *mut Value, n: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(n);
    // SAFETY: the top `n` slots are live Values of this frame; each is read
    // (moved out) exactly once and sp moves below them.
    unsafe {
        *sp = sp.sub(n);
        for i in 0..n {
            out.push(sp.add(i).read());
        }
    }
    out
}

/// The function and code of `func` when a call with `nargs` positional
/// arguments and no keywords can bind them by moving them into the first
/// locals (topping up trailing parameters from `__defaults__`): no
/// `*args`, `**kwargs` or keyword-only parameters.
#[inline(always)]
fn plain_callee(func: &Value, nargs: usize) -> Option<(&FunctionData, &CodeData)> {
    let fd = func.downcast::<FunctionData>()?;
    let cd = fd.code_data()?;
    if cd.argcount != nargs && !defaults_cover(fd, cd, nargs) {
        return None;
    }
    (cd.kwonlyargcount == 0 && !cd.has_varargs() && !cd.has_varkw()).then_some((fd, cd))
}

/// Whether `__defaults__` supply exactly the parameters after the first `nargs`.
#[inline]
fn defaults_cover(fd: &FunctionData, cd: &CodeData, nargs: usize) -> bool {
    nargs < cd.argcount && {
        let defaults = fd.defaults.get();
        tuple::items(&defaults).is_some_and(|d| cd.argcount - nargs <= d.len())
    }
}

/// Pushes the frame of a call accepted by [`plain_callee`] and returns
/// the loop state that runs it. On success the `nargs` arguments at `args`
/// have moved into the new locals and the callable at `func_slot` into the
/// frame record (the caller forgets them); on error nothing moved.
///
/// `extra_flags` are added to the record's (`FRAME_INIT` or 0).
///
/// # Safety
/// `func_slot` and `args .. args + nargs` must hold owned, valid values, and
/// `(fd, cd)` must be what `plain_callee` returned for `*func_slot`.
#[inline(always)]
unsafe fn enter_plain_frame(
    ts: &ThreadState,
    fd: &FunctionData,
    cd: &CodeData,
    func_slot: *const Value,
    args: *const Value,
    nargs: usize,
    extra_flags: usize,
) -> PyResult<Cur> {
    ts.enter()?;
    let base = match ts.alloc_frame_unfilled(cd.nlocalsplus + cd.stacksize) {
        Ok(b) => b,
        Err(e) => {
            ts.leave();
            return Err(e);
        }
    };
    // SAFETY: the caller's `nargs` values move into the first `nargs <=
    // argcount <= nlocalsplus` locals of the fresh block (the blocks do not
    // overlap: the new one is above the caller's live stack), and the other
    // locals start NULL. Volatile stores: a plain loop would become a call
    // to `memset`, dearer than the one or two stores it usually is.
    unsafe {
        for i in 0..nargs {
            base.add(i).write(args.add(i).read());
        }
        for i in nargs..cd.nlocalsplus {
            base.add(i).write_volatile(Value::NULL);
        }
    }
    if nargs < cd.argcount {
        let defaults = fd.defaults.get();
        let defs = tuple::items(&defaults).unwrap_or(&[]);
        let first = cd.argcount - defs.len();
        for i in nargs..cd.argcount {
            // SAFETY: `i < argcount <= nlocalsplus`, a NULL local of the block.
            unsafe { base.add(i).write(defs[i - first].clone()) };
        }
    }
    // Borrowed from the function, which the frame owns (FRAME_BORROWS).
    let globals = ManuallyDrop::into_inner(borrow_value(&fd.globals));
    let builtins = ManuallyDrop::into_inner(borrow_value(&fd.builtins));
    // SAFETY: the block has nlocalsplus + stacksize slots.
    let sp = unsafe { base.add(cd.nlocalsplus) };
    let cur = Cur {
        base,
        sp,
        ip: 0,
        code: cd as *const CodeData,
        globals: borrow_value(&globals),
        builtins: borrow_value(&builtins),
        locals: ManuallyDrop::new(Value::NULL),
    };
    ts.push_frame(Frame {
        code: ManuallyDrop::into_inner(fd.code.alias()),
        // SAFETY: the caller hands over the callable's reference.
        func: unsafe { func_slot.read() },
        globals,
        builtins,
        locals: Value::NULL,
        base,
        sp,
        ip: 0,
        lasti: 0,
        flags: FRAME_IN_ARENA | FRAME_BORROWS | extra_flags,
        gen: Value::NULL,
    });
    Ok(cur)
}

/// A CALL of a class specialised by [`specialize::call_init`]: counts the
/// class call against the recursion limit (as `type.__call__` is counted),
/// makes the instance as `object.__new__` does, and pushes the frame of
/// `__init__` (a [`FRAME_INIT`] record) with the instance as its first
/// argument. The call's slots become the instance alone, which the
/// caller's stack keeps while `__init__` runs (RETURN_VALUE then checks
/// that it returned None); the class's reference is dropped. On error the
/// call's slots stay on the stack for the unwinder.
///
/// # Safety
/// The top `nargs + 2` slots of `cur`'s live stack must be the call's:
/// NULL, the class, then `nargs` arguments; `(fd, cd)` must be what
/// `plain_callee` returned for `init` and `nargs + 1` arguments.
#[inline(always)]
unsafe fn enter_init_frame(
    ts: &ThreadState,
    cur: &mut Cur,
    lasti: usize,
    init: &Value,
    fd: &FunctionData,
    cd: &CodeData,
    nargs: usize,
) -> PyResult<Cur> {
    ts.enter().map_err(|_| {
        exc::recursion_error("maximum recursion depth exceeded while calling a Python object")
    })?;
    let sp = cur.sp;
    // SAFETY: per the contract, slots `sp - nargs - 2 .. sp` are the call's;
    // the NULL slot takes `__init__` and the class's slot the instance, so
    // that the callable and the `nargs + 1` arguments are contiguous.
    unsafe {
        let slots = sp.sub(nargs + 2);
        let cls_slot = slots.add(1);
        let obj = crate::heap::alloc(&*cls_slot, ());
        let cls = cls_slot.replace(obj.clone());
        slots.write(init.clone());
        cur.sp = slots.add(1);
        cur.save(ts, lasti);
        let entered = enter_plain_frame(ts, fd, cd, slots, cls_slot, nargs + 1, FRAME_INIT);
        drop(cls);
        match entered {
            Ok(next) => {
                // `__init__` and the arguments moved into the frame.
                slots.write(obj);
                Ok(next)
            }
            Err(e) => {
                cur.sp = sp;
                drop(obj);
                ts.leave();
                Err(e)
            }
        }
    }
}

/// `container[key]` for an exact list or tuple and an in-range small int
/// index, or an exact dict (its own `__getitem__`); `None` sends the
/// caller to the general path (which also raises the index errors).
#[inline(always)]
fn subscr_fast(container: &Value, key: &Value) -> Option<PyResult<Value>> {
    let ty = container.header()?.ty.get();
    let t = &rt().types;
    if ty == t.dict.as_ptr() {
        return Some(dict::getitem(container, key));
    }
    let i = key.as_small_int()?;
    if ty == t.list.as_ptr() {
        let items = list::data(container)?.items.borrow();
        return items.get(normalise_index(i, items.len())?).cloned().map(Ok);
    }
    if ty == t.tuple.as_ptr() {
        let items = tuple::items(container)?;
        return items.get(normalise_index(i, items.len())?).cloned().map(Ok);
    }
    None
}

/// A Python index `i` into a sequence of `len` items, when in range.
#[inline(always)]
fn normalise_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&j).then_some(j as usize)
}

/// `container[key] = v` for an exact list and an in-range small int index,
/// or an exact dict (its own `__setitem__`); gives `v` back otherwise.
#[inline(always)]
fn store_subscr_fast(container: &Value, key: &Value, v: Value) -> Result<PyResult<()>, Value> {
    let Some(h) = container.header() else {
        return Err(v);
    };
    let ty = h.ty.get();
    let t = &rt().types;
    if ty == t.list.as_ptr() {
        if let (Some(i), Some(d)) = (key.as_small_int(), list::data(container)) {
            let mut items = d.items.borrow_mut();
            if let Some(j) = normalise_index(i, items.len()) {
                let old = std::mem::replace(&mut items[j], v);
                drop(items);
                drop(old);
                return Ok(Ok(()));
            }
        }
    } else if ty == t.dict.as_ptr() {
        return Ok(dict::set_item(container, key.clone(), v));
    }
    Err(v)
}

/// `iter(r)` of an exact `range` whose bounds fit in i64 (its slot's
/// result, without the slot dispatch); `None` for anything else.
#[inline(always)]
fn range_iter_fast(v: &Value) -> Option<Value> {
    if v.header()?.ty.get() != rt().types.range.as_ptr() {
        return None;
    }
    let r = v.downcast::<crate::objects::range::RangeData>()?;
    r.big.is_none().then(|| crate::objects::range::iter_of(r))
}

/// Whether `v` is exactly a generator (not a coroutine nor a subclass).
#[inline(always)]
fn is_exact_generator(v: &Value) -> bool {
    v.header().is_some_and(|h| h.ty.get() == rt().types.generator.as_ptr())
}

/// One step of an exact range iterator (`None` for any other iterator):
/// CPython 3.11's `FOR_ITER` on a `range` object, without the call of the
/// general native step.
#[inline(always)]
fn range_next_fast(it: &Value) -> Option<Option<Value>> {
    if it.header()?.ty.get() != rt().types.range_iterator.as_ptr() {
        return None;
    }
    let d = it.downcast::<crate::objects::range::RangeIterData>()?;
    Some(d.advance().map(int::from_i64))
}

/// The generator FOR_ITER (`coroutines` false: exact generators only) or
/// SEND (coroutines too) resumes inline with `sent`, when it can be: other
/// states (running, exhausted, a value sent to a fresh one) take the
/// generic path, which raises or reports as CPython.
#[inline(always)]
fn inline_generator<'a>(it: &'a Value, sent: &Value, coroutines: bool) -> Option<&'a GenData> {
    let ty = it.header()?.ty.get();
    let t = &rt().types;
    if ty != t.generator.as_ptr() && !(coroutines && ty == t.coroutine.as_ptr()) {
        return None;
    }
    let g = it.downcast::<GenData>()?;
    g.resumable_with(sent).then_some(g)
}

/// The instruction of the innermost frame that resumed a generator inline
/// (FOR_ITER or SEND, at the `lasti` it saved).
fn caller_inst(ts: &ThreadState, code: &CodeData) -> Inst {
    let lasti = ts.frames.borrow().last().map_or(0, |f| f.lasti);
    code.insts()[lasti]
}

/// UNPACK_SEQUENCE of an exact tuple or list of exactly `n` items: pushes
/// them (last first) and returns true; false (nothing pushed) otherwise.
#[inline(always)]
fn unpack_fast(seq: &Value, n: usize, sp: &mut *mut Value) -> bool {
    let Some(h) = seq.header() else {
        return false;
    };
    let ty = h.ty.get();
    let t = &rt().types;
    let push_all = |sp: &mut *mut Value, items: &[Value]| {
        for v in items.iter().rev() {
            // SAFETY: the compiler's stack bound leaves room for the n items.
            unsafe {
                sp.write(v.clone());
                *sp = sp.add(1);
            }
        }
    };
    if ty == t.tuple.as_ptr() {
        match tuple::items(seq) {
            Some(items) if items.len() == n => push_all(sp, items),
            _ => return false,
        }
        return true;
    }
    if ty == t.list.as_ptr() {
        let Some(d) = list::data(seq) else {
            return false;
        };
        let items = d.items.borrow();
        if items.len() != n {
            return false;
        }
        push_all(sp, &items);
        return true;
    }
    false
}

/// BINARY_OP's argument for `+` and for `+=`.
const ADD: usize = 0;
const INPLACE_ADD: usize = 13;

/// `s = s + t` / `s += t` on exact strs, when the next instruction stores
/// the result back into the variable that holds `s` (STORE_FAST, or
/// STORE_NAME into an exact locals dict) and that variable and the operand
/// popped from the stack are the only references to `s`: appends `t` to
/// `s` in place (CPython's `BINARY_OP_INPLACE_ADD_UNICODE`), so building a
/// string in a loop is linear. Returns whether it did; the caller then
/// skips the store, since the variable already holds the result.
#[inline(always)]
fn str_add_in_place(cur: &Cur, next: Option<&Inst>, lhs: &Value, rhs: &Value) -> PyResult<bool> {
    let Some(next) = next else {
        return Ok(false);
    };
    if !matches!(next.op, Opcode::STORE_FAST | Opcode::STORE_NAME) || !pystr::is_exact(lhs) {
        return Ok(false);
    }
    if !pystr::is_exact(rhs) || lhs.header().map(|h| h.refcnt.get()) != Some(2) {
        return Ok(false);
    }
    let held = match next.op {
        // SAFETY: STORE_FAST's argument is a local index below nlocalsplus.
        Opcode::STORE_FAST => unsafe { &*cur.base.add(next.arg as usize) }.is(lhs),
        _ => {
            dict::is_exact(&cur.locals)
                && dict::get_str(&cur.locals, &cur.code().names[next.arg as usize]).is_some_and(|v| v.is(lhs))
        }
    };
    if !held {
        return Ok(false);
    }
    let Some(other) = pystr::text(rhs) else {
        return Ok(false);
    };
    // SAFETY: `lhs` is an exact str whose only references are the variable
    // and the caller's operand (count 2, and `rhs` is another object), so
    // nothing else can observe or borrow its payload while it changes.
    unsafe { append_to_unshared_str(lhs, other) }.map_err(pystr::text_error)?;
    Ok(true)
}

/// Appends `other` to the text of `s`, resetting its cached hash and UTF-8.
///
/// # Safety
/// `s` must be an exact `str` that nothing else references or borrows.
unsafe fn append_to_unshared_str(s: &Value, other: &crate::text::Str) -> crate::text::TextResult<()> {
    let obj = s.as_ptr() as *mut crate::heap::Obj<pystr::StrData>;
    // SAFETY: the caller guarantees exclusive access to the object's payload.
    let payload = unsafe { &mut (*obj).payload };
    let mut text = std::mem::take(&mut payload.text);
    let r = text.append(other);
    *payload = pystr::StrData::new(text);
    r
}

#[inline(always)]
fn truthy_fast(v: &Value) -> PyResult<bool> {
    let r = rt();
    if v.is(&r.true_) {
        return Ok(true);
    }
    if v.is(&r.false_) || v.is(&r.none) {
        return Ok(false);
    }
    if let Some(i) = v.as_small_int() {
        return Ok(i != 0);
    }
    ops::truthy(v)
}

#[inline(always)]
fn binary_op_fast(a: &Value, b: &Value, op: usize) -> PyResult<Value> {
    if a.is_small_int() && b.is_small_int() {
        let (x, y) = (a.small_int_unchecked(), b.small_int_unchecked());
        let r = match op {
            0 | 13 => x.checked_add(y),
            10 | 23 => x.checked_sub(y),
            5 | 18 => x.checked_mul(y),
            6 | 19 => floor_mod(x, y),
            2 | 15 => floor_div(x, y),
            1 | 14 => Some(x & y),
            7 | 20 => Some(x | y),
            12 | 25 => Some(x ^ y),
            _ => None,
        };
        if let Some(r) = r.and_then(Value::try_small_int) {
            return Ok(r);
        }
    } else if a.is_float() && b.is_float() {
        let (x, y) = (a.float_unchecked(), b.float_unchecked());
        match op {
            0 | 13 => return Ok(Value::float(x + y)),
            10 | 23 => return Ok(Value::float(x - y)),
            5 | 18 => return Ok(Value::float(x * y)),
            11 | 24 if y != 0.0 => return Ok(Value::float(x / y)),
            8 | 21 if x > 0.0 && x.is_finite() && y.is_finite() => {
                // libm's pow, as CPython's float_pow for a positive finite base;
                // an overflow goes to the general path, which raises.
                let r = x.powf(y);
                if r.is_finite() {
                    return Ok(Value::float(r));
                }
            }
            _ => {}
        }
    }
    ops::binary_op_code(a, b, op)
}

/// `x % y` with Python's sign rule (None for a zero divisor: the general
/// path raises). Small ints are 48-bit, so nothing overflows.
#[inline(always)]
fn floor_mod(x: i64, y: i64) -> Option<i64> {
    if y == 0 {
        return None;
    }
    let r = x % y;
    Some(if r != 0 && (r < 0) != (y < 0) { r + y } else { r })
}

/// `x // y` rounding towards minus infinity (None for a zero divisor).
#[inline(always)]
fn floor_div(x: i64, y: i64) -> Option<i64> {
    if y == 0 {
        return None;
    }
    let q = x / y;
    Some(if (x % y != 0) && ((x < 0) != (y < 0)) { q - 1 } else { q })
}

#[inline(always)]
fn compare_fast(a: &Value, b: &Value, op: usize) -> PyResult<Value> {
    let op = CompareOp::from_arg(op);
    if a.is_small_int() && b.is_small_int() {
        let (x, y) = (a.small_int_unchecked(), b.small_int_unchecked());
        return Ok(rt().bool_value(op.apply(x.cmp(&y))));
    }
    if a.is_float() && b.is_float() {
        let (x, y) = (a.float_unchecked(), b.float_unchecked());
        return Ok(rt().bool_value(match x.partial_cmp(&y) {
            Some(o) => op.apply(o),
            None => op == CompareOp::Ne,
        }));
    }
    ops::compare(a, b, op)
}

fn load_global(globals: &Value, builtins: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = dict::get_str(globals, name) {
        return Ok(v);
    }
    if let Some(v) = dict::get_str(builtins, name) {
        return Ok(v);
    }
    Err(name_error(name))
}

fn name_error(name: &Value) -> PyErr {
    let e = exc::name_error(format!("name '{}' is not defined", pystr::as_str(name).unwrap_or("?")));
    if let Some(d) = exc_objects::data(e.value()) {
        d.name.set(name.clone());
    }
    e
}

fn load_name(locals: &Value, globals: &Value, builtins: &Value, name: &Value) -> PyResult<Value> {
    if !locals.is_null() {
        if let Some(v) = ops::getitem_opt(locals, name)? {
            return Ok(v);
        }
    }
    load_global(globals, builtins, name)
}

fn unbound_local(code: &CodeData, i: usize) -> PyErr {
    exc::unbound_local_error(format!(
        "cannot access local variable '{}' where it is not associated with a value",
        code.local_name(i)
    ))
}

fn unbound_deref(code: &CodeData, i: usize) -> PyErr {
    if code.kinds[i] & taipan_bytecode::code::CO_FAST_FREE != 0 {
        exc::name_error(format!(
            "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
            code.local_name(i)
        ))
    } else {
        unbound_local(code, i)
    }
}

fn cell_contents(v: &Value) -> Value {
    v.downcast::<CellData>().map(|c| c.0.get()).unwrap_or_default()
}

fn list_extend(lst: &Value, it: &Value) -> PyResult<()> {
    let items = match ops::collect(it) {
        Ok(items) => items,
        Err(e) if e.matches(&rt().exc.type_error) && !ops::is_iterable(it) => {
            return Err(exc::type_error(format!("Value after * must be an iterable, not {}", type_name(it))));
        }
        Err(e) => return Err(e),
    };
    if let Some(d) = list::data(lst) {
        d.items.borrow_mut().extend(items);
    }
    Ok(())
}

fn dict_update(d: &Value, other: &Value) -> PyResult<()> {
    if dict::data(other).is_none() && crate::types::lookup_str(&type_of(other), "keys").is_none() {
        return Err(exc::type_error(format!("'{}' object is not a mapping", type_name(other))));
    }
    dict::update(d, other)
}

fn dict_merge(d: &Value, other: &Value, func: &Value) -> PyResult<()> {
    let fname = || -> String {
        match call::function_str(func) {
            Some(n) => format!("{n}()"),
            None => format!("{} object", type_name(func)),
        }
    };
    let pairs = if let Some(od) = dict::data(other) {
        od.items()
    } else if crate::types::lookup_str(&type_of(other), "keys").is_some() {
        let keys = ops::collect(&attr::call_method(other, "keys", &[])?)?;
        let mut out = Vec::new();
        for k in keys {
            let v = ops::getitem(other, &k)?;
            out.push((k, v));
        }
        out
    } else {
        return Err(exc::type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            fname(),
            type_name(other)
        )));
    };
    let dd = dict::data(d).ok_or_else(|| exc::system_error("DICT_MERGE target is not a dict"))?;
    for (k, v) in pairs {
        if pystr::as_str(&k).is_none() {
            return Err(exc::type_error(format!("{} keywords must be strings", fname())));
        }
        if dd.get(&k)?.is_some() {
            return Err(exc::type_error(format!(
                "{} got multiple values for keyword argument '{}'",
                fname(),
                pystr::as_str(&k).unwrap_or("")
            )));
        }
        dd.set(k, v)?;
    }
    Ok(())
}

/// Unpacks `seq` into exactly `n` items, or `n` before + a list + `after`.
fn unpack(seq: &Value, n: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
    // Only exact lists and tuples skip the iterator protocol (a subclass may override `__iter__`).
    let exact_list = type_of(seq).is(&rt().types.list);
    let items = if let Some(t) = tuple::exact_items(seq) {
        t.to_vec()
    } else if let Some(l) = list::snapshot(seq).filter(|_| exact_list) {
        l
    } else {
        if !ops::is_iterable(seq) {
            return Err(exc::type_error(format!("cannot unpack non-iterable {} object", type_name(seq))));
        }
        let it = ops::iter(seq)?;
        let mut out = Vec::new();
        while let Some(v) = ops::next(&it)? {
            out.push(v);
            if after.is_none() && out.len() > n {
                return Err(exc::value_error(format!("too many values to unpack (expected {n})")));
            }
        }
        out
    };
    match after {
        None => {
            if items.len() < n {
                return Err(exc::value_error(format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )));
            }
            if items.len() > n {
                return Err(exc::value_error(format!("too many values to unpack (expected {n})")));
            }
            Ok(items)
        }
        Some(after) => {
            if items.len() < n + after {
                return Err(exc::value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    n + after,
                    items.len()
                )));
            }
            let mut items = items;
            let tail = items.split_off(items.len() - after);
            let middle = items.split_off(n);
            items.push(list::new(middle));
            items.extend(tail);
            Ok(items)
        }
    }
}

fn make_function(codev: Value, flags: usize, globals: &Value, sp: &mut *mut Value) -> PyResult<Value> {
    let qualname = crate::objects::code::data(&codev).map(|c| c.qualname.clone()).unwrap_or_default();
    let f = crate::objects::function::new_function(codev, globals.clone(), qualname)?;
    let fd = f.downcast::<FunctionData>().ok_or_else(|| exc::system_error("new function"))?;
    let mut take = || pop_n(sp, 1).pop().unwrap_or_default();
    if flags & 0x08 != 0 {
        fd.closure.set(take());
    }
    if flags & 0x04 != 0 {
        fd.annotations.set(take());
    }
    if flags & 0x02 != 0 {
        fd.kwdefaults.set(take());
    }
    if flags & 0x01 != 0 {
        fd.defaults.set(take());
    }
    Ok(f)
}

/// RETURN_GENERATOR: moves the running frame's values into a new generator.
fn make_generator(ts: &ThreadState) -> PyResult<Value> {
    let mut frames = ts.frames.borrow_mut();
    let f = frames.last_mut().expect("frame");
    let g = generator::from_frame(f)?;
    f.sp = f.base;
    Ok(g)
}

fn reraise_handled(ts: &ThreadState) -> PyErr {
    let h = ts.handled.get();
    if h.is_null() {
        return exc::runtime_error("No active exception to reraise");
    }
    PyErr(h)
}

/// The exception `raise e from cause` raises.
fn make_raise(e: Value, cause: Value) -> PyResult<PyErr> {
    let r = rt();
    let inst = if let Some(_td) = crate::types::as_type(&e) {
        if !crate::types::is_subtype(&e, &r.exc.base_exception) {
            return Err(exc::type_error("exceptions must derive from BaseException"));
        }
        let v = call::call(&e, &[], &[])?;
        if !crate::types::is_instance(&v, &r.exc.base_exception) {
            return Err(exc::type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                ops::repr_string(&e)?,
                type_name(&v)
            )));
        }
        v
    } else if crate::types::is_instance(&e, &r.exc.base_exception) {
        e
    } else {
        return Err(exc::type_error("exceptions must derive from BaseException"));
    };
    if !cause.is_null() {
        let cause = if crate::types::as_type(&cause).is_some()
            && crate::types::is_subtype(&cause, &r.exc.base_exception)
        {
            call::call(&cause, &[], &[])?
        } else if cause.is(&r.none) || crate::types::is_instance(&cause, &r.exc.base_exception) {
            cause
        } else {
            return Err(exc::type_error("exception causes must derive from BaseException"));
        };
        if let Some(d) = exc_objects::data(&inst) {
            d.cause.set(if cause.is(&r.none) { Value::NULL } else { cause });
            d.suppress_context.set(true);
        }
    }
    set_context_for_new(&inst);
    Ok(PyErr(inst))
}

/// CHECK_EXC_MATCH: isinstance with CPython's check of the right operand.
pub fn exception_matches(v: &Value, right: &Value) -> PyResult<bool> {
    // The exact class: `v` is an exception, so `right` is a valid class.
    if type_of(v).is(right) {
        return Ok(true);
    }
    let base = &rt().exc.base_exception;
    let check = |t: &Value| -> PyResult<()> {
        if crate::types::as_type(t).is_some() && crate::types::is_subtype(t, base) {
            Ok(())
        } else {
            Err(exc::type_error("catching classes that do not inherit from BaseException is not allowed"))
        }
    };
    if let Some(items) = tuple::items(right) {
        for t in items {
            check(t)?;
        }
        return Ok(items.iter().any(|t| crate::types::is_instance(v, t)));
    }
    check(right)?;
    Ok(crate::types::is_instance(v, right))
}

fn before_with(mgr: &Value) -> PyResult<(Value, Value)> {
    let ty = type_of(mgr);
    let Some(enter) = crate::types::lookup_str(&ty, "__enter__") else {
        return Err(exc::type_error(format!(
            "'{}' object does not support the context manager protocol",
            type_name(mgr)
        )));
    };
    let Some(exit) = crate::types::lookup_str(&ty, "__exit__") else {
        return Err(exc::type_error(format!(
            "'{}' object does not support the context manager protocol (missed __exit__ method)",
            type_name(mgr)
        )));
    };
    let exit = attr::bind_descriptor(exit, mgr, &ty)?;
    let entered = call::call(&enter, std::slice::from_ref(mgr), &[])?;
    Ok((exit, entered))
}

/// Runs a class body function with `ns` as its locals; returns what the
/// body returns (the `__class__` cell, or None).
pub fn run_class_body(func: &Value, ns: &Value) -> PyResult<Value> {
    let mut frame = new_call_frame(func, &[], &[], true)?;
    frame.locals = ns.clone();
    run_frame(frame)
}
