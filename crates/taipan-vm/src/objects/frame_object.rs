//! Frame objects (`sys._getframe()`, `tb.tb_frame`, `gen.gi_frame`): the
//! Python view of an activation record, made only when introspected.
//!
//! A frame object is *live* while its record is on the thread's frame
//! stack (`frame.rs`): it holds the record's index, and reads lines and
//! locals through the record. The record carries `FRAME_HAS_OBJECT` and
//! the thread's side table (`ThreadState::frame_objects`, sorted by
//! index) maps it to the object, so that asking twice gives the same
//! object. When the record leaves the stack the eval loop (seeing the
//! flag) calls [`detach`]: the object forgets the index and, if anyone
//! else still holds it, keeps a snapshot — the last instruction, the
//! localsplus values and a link to its caller's frame object (made then,
//! as CPython's `take_ownership` does). The object never points into the
//! arena, so a reused slot can never be read through a stale object.
//! Records without the flag cost nothing. A generator's record popped by
//! `yield` is detached the same way (without the caller link): a frame
//! object held across a yield is a snapshot of where it stood.
//!
//! No tracing: `sys.settrace` does not exist yet, so `f_trace` and friends
//! are only stored.

use super::{check_args, m, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::frame::{Frame, ThreadState, FRAME_HAS_OBJECT};
use crate::objects::code::CodeData;
use crate::objects::function::CellData;
use crate::objects::{code, dict, int, str as pystr};
use crate::runtime::rt;
use crate::value::{Slot, Value};
use std::cell::{Cell, RefCell};
use taipan_bytecode::code::{CO_FAST_CELL, CO_FAST_FREE};

/// `FrameData::live` of a frame whose record has left the stack.
const DETACHED: usize = usize::MAX;

/// The payload of a frame object.
pub struct FrameData {
    pub code: Value,
    pub globals: Value,
    pub builtins: Value,
    /// The locals mapping of module and class frames (NULL for function frames).
    namespace: Value,
    /// Index of the live record in `ThreadState::frames`, or [`DETACHED`].
    live: Cell<usize>,
    /// The last instruction once detached.
    lasti: Cell<u32>,
    /// The localsplus values when the frame left the stack (function frames).
    fast: RefCell<Vec<Value>>,
    /// The dict `f_locals` returns for a function frame, refreshed on each read.
    locals_dict: Slot,
    /// The caller's frame object, linked on detach.
    back: Slot,
    trace: Slot,
    trace_lines: Cell<bool>,
    trace_opcodes: Cell<bool>,
}

impl FrameData {
    fn new(code: Value, globals: Value, builtins: Value, namespace: Value, live: usize, lasti: u32) -> Self {
        FrameData {
            code,
            globals,
            builtins,
            namespace,
            live: Cell::new(live),
            lasti: Cell::new(lasti),
            fast: RefCell::new(Vec::new()),
            locals_dict: Slot::default(),
            back: Slot::default(),
            trace: Slot::default(),
            trace_lines: Cell::new(true),
            trace_opcodes: Cell::new(false),
        }
    }

    fn code_data(&self) -> Option<&CodeData> {
        code::data(&self.code)
    }

    /// Visits the values the object owns (for the cycle collector).
    pub fn gc_visit(&self, v: &mut dyn FnMut(&Value)) {
        v(&self.code);
        v(&self.globals);
        v(&self.builtins);
        v(&self.namespace);
        if let Ok(fast) = self.fast.try_borrow() {
            fast.iter().for_each(&mut *v);
        }
        for s in [&self.locals_dict, &self.back, &self.trace] {
            v(&s.get());
        }
    }

    /// Drops the values that can close a cycle (for the cycle collector).
    pub fn gc_clear(&self) {
        let fast = self.fast.try_borrow_mut().map(|mut f| std::mem::take(&mut *f)).unwrap_or_default();
        let slots = [self.locals_dict.take(), self.back.take(), self.trace.take()];
        drop(fast);
        drop(slots);
    }
}

/// A frame object for a frame that is not on the stack (a suspended
/// generator, a traceback made from Python): lines from `lasti`, locals
/// from `fast`.
pub fn detached(code: Value, globals: Value, lasti: u32, fast: Vec<Value>) -> Value {
    let builtins = crate::eval::builtins_for(&globals);
    let fd = FrameData::new(code, globals, builtins, Value::NULL, DETACHED, lasti);
    *fd.fast.borrow_mut() = fast;
    crate::heap::alloc(&rt().types.frame, fd)
}

/// The frame object of the live record at `index` (made on first request;
/// the record is flagged so that its exit detaches the object).
pub fn for_record(ts: &ThreadState, index: usize) -> Value {
    let mut table = ts.frame_objects.borrow_mut();
    let pos = match table.binary_search_by_key(&index, |(i, _)| *i) {
        Ok(pos) => return table[pos].1.clone(),
        Err(pos) => pos,
    };
    let mut frames = ts.frames.borrow_mut();
    let rec = &mut frames[index];
    rec.flags |= FRAME_HAS_OBJECT;
    let lasti = rec.lasti as u32;
    let fd = FrameData::new(
        rec.code.clone(),
        rec.globals.clone(),
        rec.builtins.clone(),
        rec.locals.clone(),
        index,
        lasti,
    );
    let obj = crate::heap::alloc(&rt().types.frame, fd);
    table.insert(pos, (index, obj.clone()));
    obj
}

/// The frame object `depth` calls above the innermost running frame
/// (`sys._getframe`; a negative depth counts as 0).
pub fn at_depth(depth: i64) -> PyResult<Value> {
    let ts = &rt().thread;
    let n = ts.frames.borrow().len();
    let up = usize::try_from(depth.max(0)).unwrap_or(usize::MAX);
    match n.checked_sub(1).and_then(|top| top.checked_sub(up)) {
        Some(index) => Ok(for_record(ts, index)),
        None => Err(exc::value_error("call stack is not deep enough")),
    }
}

/// The live frame object of the running generator `gen`.
pub fn of_running_generator(gen: &Value) -> Option<Value> {
    let ts = &rt().thread;
    let index = ts.frames.borrow().iter().rposition(|r| r.gen.is(gen))?;
    Some(for_record(ts, index))
}

/// The frame object of the innermost running frame (for a new traceback entry).
pub fn innermost(ts: &ThreadState) -> Option<Value> {
    let n = ts.frames.borrow().len();
    n.checked_sub(1).map(|i| for_record(ts, i))
}

/// `record` (flagged) has just been popped, stopped at `lasti`: its frame
/// object stops being live, and keeps a snapshot if anyone else holds it.
/// `link_back` links the caller's frame object (not for a generator that
/// yields: a suspended frame has no caller).
#[cold]
#[inline(never)]
pub fn detach(ts: &ThreadState, record: &Frame, lasti: usize, link_back: bool) {
    let index = ts.frames.borrow().len();
    let entry = {
        let mut table = ts.frame_objects.borrow_mut();
        match table.iter().rposition(|(i, _)| *i == index) {
            Some(pos) => table.remove(pos).1,
            None => return,
        }
    };
    let Some(fd) = entry.downcast::<FrameData>() else { return };
    fd.live.set(DETACHED);
    fd.lasti.set(lasti as u32);
    let shared = entry.header().is_some_and(|h| h.refcnt.get() > 1);
    if !shared {
        return;
    }
    if fd.namespace.is_null() {
        let n = fd.code_data().map_or(0, |c| c.nlocalsplus);
        // SAFETY: the record is still intact (its values are dropped only
        // after this call), and its first `nlocalsplus` slots are valid
        // Values by the frame invariant.
        let fast: Vec<Value> = (0..n).map(|i| unsafe { (*record.base.add(i)).clone() }).collect();
        *fd.fast.borrow_mut() = fast;
    }
    if link_back && index > 0 {
        fd.back.set(for_record(ts, index - 1));
    }
}

/// The live record of `fd`, if its frame is still on the stack.
fn with_record<R>(fd: &FrameData, f: impl FnOnce(&Frame) -> R) -> Option<R> {
    let index = fd.live.get();
    if index == DETACHED {
        return None;
    }
    let frames = rt().thread.frames.borrow();
    let rec = frames.get(index).filter(|r| r.flags & FRAME_HAS_OBJECT != 0 && r.code.is(&fd.code))?;
    Some(f(rec))
}

/// The instruction the frame is at (live) or stopped at (detached).
fn lasti_of(fd: &FrameData) -> u32 {
    with_record(fd, |r| r.lasti as u32).unwrap_or_else(|| fd.lasti.get())
}

fn lineno_of(fd: &FrameData) -> i32 {
    fd.code_data().map_or(-1, |c| c.line_of(lasti_of(fd)))
}

/// Fills `d` from localsplus `values` as `locals()` shows them: cells and
/// free variables by their contents, unbound names left out (and removed
/// from `d` if an earlier read put them there).
pub fn fast_to_dict(cd: &CodeData, values: &[Value], d: &Value) -> PyResult<()> {
    for (i, v) in values.iter().enumerate().take(cd.nlocalsplus) {
        let v = match v.downcast::<CellData>() {
            Some(c) if cd.kinds[i] & (CO_FAST_CELL | CO_FAST_FREE) != 0 => c.0.get(),
            _ => v.clone(),
        };
        let name = cd.localsplus_names[i].clone();
        if v.is_null() {
            dict::del_item(d, &name)?;
        } else {
            dict::set_item(d, name, v)?;
        }
    }
    Ok(())
}

/// The localsplus values of `fd`'s frame: read from the record while
/// live, the snapshot once detached.
fn fast_values(fd: &FrameData) -> Vec<Value> {
    let live = with_record(fd, |r| {
        let n = r.code_data().nlocalsplus;
        // SAFETY: a live record's first `nlocalsplus` slots are valid Values.
        (0..n).map(|i| unsafe { (*r.base.add(i)).clone() }).collect::<Vec<Value>>()
    });
    live.unwrap_or_else(|| fd.fast.borrow().clone())
}

fn this(v: &Value) -> PyResult<&FrameData> {
    v.downcast::<FrameData>().ok_or_else(|| exc::type_error("expected a frame"))
}

fn or_none(v: Value) -> Value {
    if v.is_null() {
        rt().none.clone()
    } else {
        v
    }
}

fn get_locals(v: &Value) -> PyResult<Value> {
    let fd = this(v)?;
    if !fd.namespace.is_null() {
        return Ok(fd.namespace.clone());
    }
    let mut d = fd.locals_dict.get();
    if d.is_null() {
        d = dict::new_dict();
        fd.locals_dict.set(d.clone());
    }
    if let Some(cd) = fd.code_data() {
        fast_to_dict(cd, &fast_values(fd), &d)?;
    }
    Ok(d)
}

fn get_back(v: &Value) -> PyResult<Value> {
    let fd = this(v)?;
    let index = fd.live.get();
    if with_record(fd, |_| ()).is_some() {
        return Ok(if index == 0 { rt().none.clone() } else { for_record(&rt().thread, index - 1) });
    }
    Ok(or_none(fd.back.get()))
}

fn get_bool(flag: &Cell<bool>) -> Value {
    rt().bool_value(flag.get())
}

fn set_bool(flag: &Cell<bool>, x: &Value) -> PyResult<()> {
    if x.is(&rt().true_) || x.is(&rt().false_) {
        flag.set(x.is(&rt().true_));
        return Ok(());
    }
    Err(exc::type_error("attribute value type must be bool"))
}

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("f_code", |v| Ok(this(v)?.code.clone()), None),
    ("f_globals", |v| Ok(this(v)?.globals.clone()), None),
    ("f_builtins", |v| Ok(this(v)?.builtins.clone()), None),
    ("f_locals", get_locals, None),
    ("f_back", get_back, None),
    ("f_lineno", |v| Ok(int::from_i64(lineno_of(this(v)?) as i64)), None),
    ("f_lasti", |v| Ok(int::from_i64(lasti_of(this(v)?) as i64 * 2)), None),
    (
        "f_trace",
        |v| Ok(or_none(this(v)?.trace.get())),
        Some(|v, x| {
            this(v)?.trace.set(if x.is(&rt().none) { Value::NULL } else { x });
            Ok(())
        }),
    ),
    (
        "f_trace_lines",
        |v| Ok(get_bool(&this(v)?.trace_lines)),
        Some(|v, x| set_bool(&this(v)?.trace_lines, &x)),
    ),
    (
        "f_trace_opcodes",
        |v| Ok(get_bool(&this(v)?.trace_opcodes)),
        Some(|v, x| set_bool(&this(v)?.trace_opcodes, &x)),
    ),
];

pub const METHODS: &[Method] = &[m("clear", frame_clear), m("__repr__", frame_repr)];

/// `frame.clear()`: drops the locals of a finished frame.
fn frame_clear(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("clear", args, 1, 1)?;
    let fd = this(&args[0])?;
    if with_record(fd, |_| ()).is_some() {
        return Err(exc::runtime_error("cannot clear an executing frame"));
    }
    let fast = std::mem::take(&mut *fd.fast.borrow_mut());
    let old = (fd.trace.take(), fd.locals_dict.take());
    drop(fast);
    drop(old);
    Ok(rt().none.clone())
}

fn frame_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__repr__", args, 1, 1)?;
    let fd = this(&args[0])?;
    let (file, name) = match fd.code_data() {
        Some(c) => (crate::ops::repr_string(&c.filename)?, pystr::as_str(&c.name).unwrap_or("?").to_string()),
        None => ("'?'".to_string(), "?".to_string()),
    };
    let line = lineno_of(fd);
    Ok(pystr::from_string(format!("<frame at {:#x}, file {file}, line {line}, code {name}>", args[0].bits())))
}
