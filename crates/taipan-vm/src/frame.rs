//! Frames: CPython 3.11's `_PyInterpreterFrame` design. A frame's values
//! (localsplus, then the value stack) live in a contiguous per-thread arena
//! (or, for generators, in the generator's own block, which the eval loop
//! runs in place: no copying on resume). `Frame` is the small record the
//! eval loop keeps per active frame; frame objects exist only when
//! introspected (`objects/frame_object.rs`). Also argument binding with
//! CPython's error messages.
//!
//! Invariant: every slot in `[base, sp)` holds a valid `Value` (NULL
//! allowed); slots at or above `sp` are garbage and never dropped.

use crate::exceptions::{self as exc, PyResult};
use crate::objects::code::CodeData;
use crate::objects::function::FunctionData;
use crate::objects::{dict, str as pystr, tuple};
use crate::runtime::rt;
use crate::value::{Slot, Value};
use std::cell::{Cell, RefCell};

/// Slots in the frame arena (lazily committed by the OS).
const ARENA_SLOTS: usize = 1 << 22;
/// The deepest nesting of native re-entries (eval loops, native slot
/// calls). A Python-level recursion through a native call uses about 2 KB
/// of Rust stack per level (measured: ~130 000 levels of `__repr__`
/// recursion fill the CLI's 256 MB thread), so this keeps a wide margin.
pub const MAX_NATIVE_DEPTH: usize = 40_000;

/// One active frame.
pub struct Frame {
    pub code: Value,
    /// The function (NULL for module and exec code).
    pub func: Value,
    pub globals: Value,
    pub builtins: Value,
    /// The locals dict of module/class frames (NULL when optimised).
    pub locals: Value,
    pub base: *mut Value,
    pub sp: *mut Value,
    /// Index of the next instruction.
    pub ip: usize,
    /// Index of the instruction being executed.
    pub lasti: usize,
    /// `FRAME_IN_ARENA` | `FRAME_ENTRY` (one word, written whole: two
    /// `bool`s were stored as two bytes and then read back as a word when
    /// the record was copied into place, a store-forwarding stall on every
    /// call).
    pub flags: usize,
    /// The generator whose block this frame runs in (NULL otherwise).
    pub gen: Value,
}

/// The frame's storage is in the arena (vs a generator's block).
pub const FRAME_IN_ARENA: usize = 1;
/// Returning from this frame returns from the eval loop.
pub const FRAME_ENTRY: usize = 2;
/// `code`, `globals` and `builtins` are borrowed from `func`, which owns
/// them for as long as it lives (a function's code, globals and builtins
/// never change), saving three count updates per call and three per
/// return; popping the record forgets them instead of dropping them.
pub const FRAME_BORROWS: usize = 4;
/// A frame object was made for this record (`objects/frame_object.rs`):
/// leaving the stack detaches it (the one test the exit paths pay).
pub const FRAME_HAS_OBJECT: usize = 8;
/// The frame runs `__init__` on an instance made by a CALL of its class
/// (`eval.rs`'s `enter_init_frame`): the instance waits on the caller's
/// stack, the return value must be None, and the record holds one more
/// level of recursion depth (CPython counts the class call too).
pub const FRAME_INIT: usize = 16;

impl Frame {
    /// Whether the frame's storage is in the arena (vs a generator's block).
    #[inline(always)]
    pub fn in_arena(&self) -> bool {
        self.flags & FRAME_IN_ARENA != 0
    }

    /// Whether returning from this frame returns from the eval loop.
    #[inline(always)]
    pub fn is_entry(&self) -> bool {
        self.flags & FRAME_ENTRY != 0
    }

    /// The code payload (the frame holds a reference to the code object).
    #[inline(always)]
    pub fn code_data(&self) -> &CodeData {
        // SAFETY: `code` is always a code object (checked at frame creation).
        unsafe { &(*(self.code.as_ptr() as *const crate::heap::Obj<CodeData>)).payload }
    }

    /// Lets go of the fields borrowed from `func` (see [`FRAME_BORROWS`])
    /// without dropping them: called on every record leaving the stack.
    #[inline(always)]
    pub fn forget_borrowed(&mut self) {
        if self.flags & FRAME_BORROWS != 0 {
            self.flags &= !FRAME_BORROWS;
            std::mem::forget(std::mem::take(&mut self.code));
            std::mem::forget(std::mem::take(&mut self.globals));
            std::mem::forget(std::mem::take(&mut self.builtins));
        }
    }

    /// Drops the live values of the frame (locals and stack).
    pub fn clear_values(&mut self) {
        let n = (self.sp as usize - self.base as usize) / std::mem::size_of::<Value>();
        for i in 0..n {
            // SAFETY: by the frame invariant, slots [base, sp) are valid Values
            // owned by the frame; each is read (moved out) exactly once.
            unsafe { drop(self.base.add(i).read()) };
        }
        self.sp = self.base;
    }
}

/// The eval state of one interpreter thread.
pub struct ThreadState {
    arena: Box<[Cell<u64>]>,
    top: Cell<usize>,
    pub frames: RefCell<Vec<Frame>>,
    /// Python frames plus the native calls CPython counts (against the
    /// recursion limit; see `crate::call`).
    pub depth: Cell<usize>,
    /// Nested eval loops and native slot calls, whether or not CPython
    /// counts them: capped at [`MAX_NATIVE_DEPTH`] so that the Rust stack
    /// stays bounded at any recursion limit.
    pub native_depth: Cell<usize>,
    /// The exception being handled (`sys.exc_info()`), NULL when none.
    pub handled: Slot,
    /// The current `contextvars.Context` (`_contextvars`), NULL until first used.
    pub context: Slot,
    /// The frame objects of live records, as (record index, object),
    /// sorted by index (see `objects/frame_object.rs`).
    pub frame_objects: RefCell<Vec<(usize, Value)>>,
}

impl Default for ThreadState {
    fn default() -> Self {
        Self::new()
    }
}

impl ThreadState {
    pub fn new() -> ThreadState {
        ThreadState {
            arena: zeroed_arena(ARENA_SLOTS),
            top: Cell::new(0),
            frames: RefCell::new(Vec::new()),
            depth: Cell::new(0),
            native_depth: Cell::new(0),
            handled: Slot::default(),
            context: Slot::default(),
            frame_objects: RefCell::new(Vec::new()),
        }
    }

    fn arena_ptr(&self) -> *mut Value {
        self.arena.as_ptr() as *mut Value
    }

    /// Reserves `n` NULL-initialised slots in the arena.
    pub fn alloc_slots(&self, n: usize) -> PyResult<*mut Value> {
        if self.arena.is_empty() {
            return Err(exc::system_error("frame arena not initialised"));
        }
        let top = self.top.get();
        if top + n > self.arena.len() {
            return Err(exc::recursion_error("maximum recursion depth exceeded"));
        }
        self.top.set(top + n);
        // SAFETY: `top + n <= len`, so the range is inside the arena, which
        // never moves (a boxed slice). Slots above `top` hold no live values.
        unsafe {
            let p = self.arena_ptr().add(top);
            for i in 0..n {
                p.add(i).write(Value::NULL);
            }
            Ok(p)
        }
    }

    /// Reserves a frame block of `n` slots whose first `nlocals` (the
    /// localsplus) are NULL; the value stack above them is left as is,
    /// since slots at or above `sp` are garbage by the frame invariant.
    #[inline]
    pub fn alloc_frame(&self, nlocals: usize, n: usize) -> PyResult<*mut Value> {
        let top = self.top.get();
        if top + n > self.arena.len() {
            return Err(exc::recursion_error("maximum recursion depth exceeded"));
        }
        self.top.set(top + n);
        // SAFETY: `top + n <= len` (so `nlocals <= n` slots are inside the
        // arena, which never moves); slots above `top` hold no live values.
        unsafe {
            let p = self.arena_ptr().add(top);
            std::ptr::write_bytes(p, 0, nlocals.min(n));
            Ok(p)
        }
    }

    /// Reserves a frame block of `n` slots whose contents are left as they
    /// are: the caller must fill the localsplus before the frame runs.
    #[inline(always)]
    pub fn alloc_frame_unfilled(&self, n: usize) -> PyResult<*mut Value> {
        let top = self.top.get();
        if top + n > self.arena.len() {
            return Err(exc::recursion_error("maximum recursion depth exceeded"));
        }
        self.top.set(top + n);
        // SAFETY: `top + n <= len`: the block is inside the arena, which never moves.
        Ok(unsafe { self.arena_ptr().add(top) })
    }

    /// Pushes a frame record (the common case inline: calls do this once each).
    #[inline(always)]
    pub fn push_frame(&self, frame: Frame) {
        let mut frames = self.frames.borrow_mut();
        if frames.len() == frames.capacity() {
            frames.reserve(64);
        }
        let len = frames.len();
        // SAFETY: `len < capacity` after the reserve, so the slot is inside
        // the allocation; it is written once and then counted by `set_len`.
        unsafe {
            write_fields(frames.as_mut_ptr().add(len), frame);
            frames.set_len(len + 1);
        }
    }

    /// Pops the top frame record (read field by field, for the reason
    /// given at [`write_fields`]).
    #[inline(always)]
    pub fn pop_frame_record(&self) -> Option<Frame> {
        let mut frames = self.frames.borrow_mut();
        let len = frames.len().checked_sub(1)?;
        // SAFETY: `len` indexes the last live record; it is read once and
        // then dropped from the vector's count by `set_len`.
        unsafe {
            let f = read_fields(frames.as_ptr().add(len));
            frames.set_len(len);
            Some(f)
        }
    }

    /// Releases arena slots from `base` up (after the frame's values were dropped).
    pub fn free_slots(&self, base: *mut Value) {
        let idx = (base as usize - self.arena_ptr() as usize) / std::mem::size_of::<Value>();
        self.top.set(idx);
    }

    /// Counts one more level of nesting, failing past the recursion limit.
    #[inline(always)]
    pub fn enter(&self) -> PyResult<()> {
        let d = self.depth.get() + 1;
        if d > rt().recursion_limit.get() {
            return Err(exc::recursion_error("maximum recursion depth exceeded"));
        }
        self.depth.set(d);
        Ok(())
    }

    #[inline(always)]
    pub fn leave(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    /// Counts one more level of native nesting that the recursion limit
    /// does not see, failing past [`MAX_NATIVE_DEPTH`] (the stack guard).
    #[inline(always)]
    pub fn enter_native(&self) -> PyResult<()> {
        let d = self.native_depth.get();
        if d >= MAX_NATIVE_DEPTH {
            return Err(exc::recursion_error("maximum recursion depth exceeded"));
        }
        self.native_depth.set(d + 1);
        Ok(())
    }

    #[inline(always)]
    pub fn leave_native(&self) {
        self.native_depth.set(self.native_depth.get().saturating_sub(1));
    }
}

/// Moves `frame` into `*dst` one word-sized field at a time. A whole-struct
/// write is compiled as a copy in 16-byte pieces from a temporary on the
/// stack, and each piece read back over two fresh 8-byte stores misses
/// store-to-load forwarding (a stall on every call); field by field, the
/// temporary disappears and each value goes straight to its place.
///
/// # Safety
/// `dst` must be valid for writes and hold no live `Frame`.
#[inline(always)]
unsafe fn write_fields(dst: *mut Frame, frame: Frame) {
    let Frame { code, func, globals, builtins, locals, base, sp, ip, lasti, flags, gen } = frame;
    // SAFETY: the caller guarantees `dst` is writable; each field is
    // written exactly once with a value moved out of `frame`.
    unsafe {
        std::ptr::addr_of_mut!((*dst).code).write(code);
        std::ptr::addr_of_mut!((*dst).func).write(func);
        std::ptr::addr_of_mut!((*dst).globals).write(globals);
        std::ptr::addr_of_mut!((*dst).builtins).write(builtins);
        std::ptr::addr_of_mut!((*dst).locals).write(locals);
        std::ptr::addr_of_mut!((*dst).base).write(base);
        std::ptr::addr_of_mut!((*dst).sp).write(sp);
        std::ptr::addr_of_mut!((*dst).ip).write(ip);
        std::ptr::addr_of_mut!((*dst).lasti).write(lasti);
        std::ptr::addr_of_mut!((*dst).flags).write(flags);
        std::ptr::addr_of_mut!((*dst).gen).write(gen);
    }
}

/// Moves the record at `src` out one field at a time (see [`write_fields`]).
///
/// # Safety
/// `src` must hold a live `Frame`, which the caller then treats as moved out.
#[inline(always)]
unsafe fn read_fields(src: *const Frame) -> Frame {
    use std::ptr::{addr_of, read};
    // SAFETY: the caller guarantees a live record; each field is read once.
    unsafe {
        Frame {
            code: read(addr_of!((*src).code)),
            func: read(addr_of!((*src).func)),
            globals: read(addr_of!((*src).globals)),
            builtins: read(addr_of!((*src).builtins)),
            locals: read(addr_of!((*src).locals)),
            base: read(addr_of!((*src).base)),
            sp: read(addr_of!((*src).sp)),
            ip: read(addr_of!((*src).ip)),
            lasti: read(addr_of!((*src).lasti)),
            flags: read(addr_of!((*src).flags)),
            gen: read(addr_of!((*src).gen)),
        }
    }
}

/// A zeroed arena of `n` slots (calloc'd: pages are committed on first use).
fn zeroed_arena(n: usize) -> Box<[Cell<u64>]> {
    let raw: Box<[u64]> = vec![0u64; n].into_boxed_slice();
    let len = raw.len();
    let ptr = Box::into_raw(raw) as *mut u64;
    // SAFETY: `Cell<u64>` is `repr(transparent)` over `u64`, so the slice
    // has the same layout; ownership moves from one box to the other.
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr as *mut Cell<u64>, len)) }
}

/// Binds call arguments into a new frame's localsplus (all NULL on entry).
///
/// `args` holds the positional args then the keyword values; `kwnames`
/// names the last `kwnames.len()` of them.
///
/// # Safety
/// `locals` must point at the new frame's `nlocalsplus` NULL-initialised slots.
pub unsafe fn bind_args(
    func: &FunctionData,
    code: &CodeData,
    args: &[Value],
    kwnames: &[Value],
    locals: *mut Value,
) -> PyResult<()> {
    let set = |i: usize, v: Value| {
        // SAFETY: `i < nlocalsplus` (parameter indices), and `locals` points
        // at the new frame's NULL-initialised localsplus.
        unsafe {
            let p = locals.add(i);
            drop(p.replace(v));
        }
    };
    // SAFETY: as above, reading a slot by index within localsplus.
    let get = |i: usize| unsafe { &*locals.add(i) };
    let npos = args.len() - kwnames.len();
    let argcount = code.argcount;
    let total = code.total_args();
    let n = npos.min(argcount);
    for (i, a) in args[..n].iter().enumerate() {
        set(i, a.clone());
    }
    let mut next = total;
    if code.has_varargs() {
        let extra = if npos > argcount { args[argcount..npos].to_vec() } else { Vec::new() };
        set(next, tuple::new(extra));
        next += 1;
    } else if npos > argcount {
        return Err(too_many_positional(func, code, npos, args, kwnames));
    }
    let kwdict = if code.has_varkw() {
        let d = dict::new_dict();
        set(next, d.clone());
        Some(d)
    } else {
        None
    };
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let name = pystr::as_str(k).unwrap_or("");
        let found = (code.posonlyargcount..total).find(|&j| {
            let pn = &code.localsplus_names[j];
            pn.is(k) || pystr::as_str(pn) == Some(name)
        });
        match found {
            Some(j) => {
                if !get(j).is_null() {
                    return Err(exc::type_error(format!(
                        "{}() got multiple values for argument '{name}'",
                        qualname(func)
                    )));
                }
                set(j, v.clone());
            }
            None => match &kwdict {
                Some(d) => dict::set_item(d, k.clone(), v.clone())?,
                None => {
                    if (0..code.posonlyargcount)
                        .any(|j| pystr::as_str(&code.localsplus_names[j]) == Some(name))
                    {
                        posonly_as_kw.push(name.to_string());
                    } else {
                        return Err(exc::type_error(format!(
                            "{}() got an unexpected keyword argument '{name}'",
                            qualname(func)
                        )));
                    }
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(exc::type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(func),
            posonly_as_kw.join(", ")
        )));
    }
    fill_defaults(func, code, npos, set, get)
}

fn fill_defaults(
    func: &FunctionData,
    code: &CodeData,
    npos: usize,
    set: impl Fn(usize, Value),
    get: impl Fn(usize) -> &'static Value,
) -> PyResult<()> {
    let argcount = code.argcount;
    if npos < argcount {
        let defaults = func.defaults.get();
        let defs = tuple::items(&defaults).unwrap_or(&[]);
        let first_default = argcount - defs.len().min(argcount);
        let mut missing = Vec::new();
        for i in npos..argcount {
            if get(i).is_null() {
                if i >= first_default {
                    set(i, defs[i - first_default].clone());
                } else {
                    missing.push(code.local_name(i).to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(func, "positional", &missing));
        }
    }
    if code.kwonlyargcount > 0 {
        let kwdefaults = func.kwdefaults.get();
        let mut missing = Vec::new();
        for i in argcount..code.total_args() {
            if get(i).is_null() {
                let name = &code.localsplus_names[i];
                let d = if kwdefaults.is_null() { None } else { dict::get_str(&kwdefaults, name) };
                match d {
                    Some(v) => set(i, v),
                    None => missing.push(code.local_name(i).to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(func, "keyword-only", &missing));
        }
    }
    Ok(())
}

fn qualname(func: &FunctionData) -> String {
    pystr::as_str(&func.qualname.get()).unwrap_or("?").to_string()
}

fn missing_error(func: &FunctionData, kind: &str, names: &[String]) -> crate::PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    exc::type_error(format!(
        "{}() missing {} required {kind} argument{plural}: {list}",
        qualname(func),
        names.len()
    ))
}

fn too_many_positional(
    func: &FunctionData,
    code: &CodeData,
    npos: usize,
    args: &[Value],
    kwnames: &[Value],
) -> crate::PyErr {
    let defaults = func.defaults.get();
    let ndefs = tuple::items(&defaults).map_or(0, |d| d.len());
    let argcount = code.argcount;
    let takes = if ndefs > 0 {
        format!("from {} to {} positional arguments", argcount - ndefs.min(argcount), argcount)
    } else {
        format!("{argcount} positional argument{}", if argcount == 1 { "" } else { "s" })
    };
    let npos_kwonly = kwnames
        .iter()
        .filter(|k| {
            (argcount..code.total_args()).any(|j| {
                code.localsplus_names[j].is(k) || pystr::as_str(&code.localsplus_names[j]) == pystr::as_str(k)
            })
        })
        .count();
    let _ = args;
    let given = if npos_kwonly > 0 {
        format!(
            "{npos} positional argument{} (and {npos_kwonly} keyword-only argument{}) were given",
            if npos == 1 { "" } else { "s" },
            if npos_kwonly == 1 { "" } else { "s" }
        )
    } else {
        format!("{npos} {} given", if npos == 1 { "was" } else { "were" })
    };
    exc::type_error(format!("{}() takes {takes} but {given}", qualname(func)))
}
