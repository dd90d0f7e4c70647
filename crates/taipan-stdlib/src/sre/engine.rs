//! The sre matcher: executes the code `re/_compiler.py` emits against a
//! subject of Latin-1, UCS-2 or UCS-4 units (or bytes), with the semantics
//! of CPython's `Modules/_sre/sre_lib.h`, written afresh.
//!
//! It is a backtracking matcher without Rust recursion: where sre "calls"
//! itself (a branch alternative, one more repeat item, a lookaround, the
//! tail after a repeat) the current context is pushed on an explicit stack
//! (`Ctx`, with the `Jump` saying how to resume it) and a new context
//! starts; a finished context hands its result to the one below. Group
//! marks saved for backtracking go on a second stack of words (`data`).
//! Deep patterns and long inputs therefore cost heap, never native stack;
//! catastrophic patterns are slow, never a crash. Malformed code (from a
//! hand-made `_sre.compile` call) gives `SreError`, never a panic.
//!
//! Positions are unit indices into the whole subject: `beginning` is 0,
//! `start`/`end` are `pos`/`endpos`, marks are positions or `NONE`.

use super::chars::*;
use super::opcodes::*;

/// An unset mark (CPython's NULL pointer).
pub const NONE: usize = usize::MAX;

/// Why matching stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SreError {
    /// The code is not valid sre code ("invalid SRE code").
    Illegal,
    /// A MAX_UNTIL/MIN_UNTIL without a REPEAT ("internal error in regular
    /// expression engine").
    State,
    /// The backtracking stacks outgrew memory.
    Memory,
}

type Res<T> = Result<T, SreError>;

/// The units of a subject: one code point (or byte) per index.
pub trait Subject: Copy {
    fn at(self, i: usize) -> u32;
}

macro_rules! subject_for {
    ($t:ty) => {
        impl Subject for &[$t] {
            #[inline(always)]
            fn at(self, i: usize) -> u32 {
                self.get(i).map_or(u32::MAX, |&u| u32::from(u))
            }
        }
    };
}
subject_for!(u8);
subject_for!(u16);
subject_for!(u32);

/// One active REPEAT (CPython's `SRE_REPEAT`).
struct Repeat {
    count: isize,
    /// Index of the REPEAT's skip word (its min and max follow).
    pc: usize,
    prev: Option<usize>,
    last_ptr: usize,
}

/// The state of one match or search (CPython's `SRE_STATE`).
pub struct State {
    /// The `pos` the state was made with (`Match.pos`).
    pub pos: usize,
    pub start: usize,
    pub end: usize,
    pub ptr: usize,
    pub marks: Vec<usize>,
    pub lastmark: isize,
    pub lastindex: isize,
    pub must_advance: bool,
    pub match_all: bool,
    repeat: Option<usize>,
    repeats: Vec<Repeat>,
    data: Vec<usize>,
    /// The suspended contexts of `run` (kept to reuse its allocation).
    stack: Vec<Ctx>,
}

/// Largest number of words the backtracking stacks may hold.
const STACK_LIMIT: usize = 1 << 28;

impl State {
    /// A state for matching within `[pos, endpos)` with `groups` groups.
    pub fn new(pos: usize, endpos: usize, groups: usize) -> State {
        State {
            pos,
            start: pos,
            end: endpos,
            ptr: pos,
            marks: vec![NONE; groups * 2],
            lastmark: -1,
            lastindex: -1,
            must_advance: false,
            match_all: false,
            repeat: None,
            repeats: Vec::new(),
            data: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Forgets the groups of a failed attempt (`RESET_CAPTURE_GROUP`).
    pub fn reset_groups(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
    }

    /// Prepares a new attempt at `start` (`state_reset` + positions).
    pub fn reset_at(&mut self, start: usize) {
        self.reset_groups();
        self.repeat = None;
        self.repeats.clear();
        self.data.clear();
        self.start = start;
        self.ptr = start;
    }

    /// The span of group `g` (1-based) after a match, if it matched.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let j = (g - 1) * 2;
        if (j + 1) as isize > self.lastmark {
            return None;
        }
        let (a, b) = (*self.marks.get(j)?, *self.marks.get(j + 1)?);
        (a != NONE && b != NONE).then_some((a, b))
    }

    fn set_mark(&mut self, i: usize, ptr: usize) {
        if i & 1 == 1 {
            self.lastindex = (i / 2 + 1) as isize;
        }
        if i >= self.marks.len() {
            self.marks.resize(i + 1, NONE);
        }
        if i as isize > self.lastmark {
            let from = (self.lastmark + 1) as usize;
            self.marks[from..i].fill(NONE);
            self.lastmark = i as isize;
        }
        self.marks[i] = ptr;
    }

    fn push_data(&mut self, v: usize) -> Res<()> {
        if self.data.len() >= STACK_LIMIT {
            return Err(SreError::Memory);
        }
        self.data.push(v);
        Ok(())
    }

    /// `MARK_PUSH`: saves marks 0..=lastmark.
    fn mark_push(&mut self, lastmark: isize) -> Res<()> {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            if self.data.len() + n >= STACK_LIMIT {
                return Err(SreError::Memory);
            }
            let marks = &self.marks[..n.min(self.marks.len())];
            self.data.extend_from_slice(marks);
            let padded = self.data.len() + n - marks.len();
            self.data.resize(padded, NONE);
        }
        Ok(())
    }

    /// `MARK_POP` (discard = false, keep = false), `MARK_POP_KEEP`
    /// (keep = true) and `MARK_POP_DISCARD` (discard = true).
    fn mark_pop(&mut self, lastmark: isize, keep: bool, discard: bool) {
        if lastmark < 0 {
            return;
        }
        let n = lastmark as usize + 1;
        let from = self.data.len().saturating_sub(n);
        if !discard {
            if self.marks.len() < n {
                self.marks.resize(n, NONE);
            }
            let saved = &self.data[from..];
            self.marks[..saved.len()].copy_from_slice(saved);
        }
        if !keep {
            self.data.truncate(from);
        }
    }

    fn pop_data(&mut self) -> usize {
        self.data.pop().unwrap_or(NONE)
    }
}

/// How a suspended context resumes when the one it started returns.
#[derive(Clone, Copy)]
enum Jump {
    Branch,
    RepeatOneLiteral,
    RepeatOne,
    MinRepeatOne,
    Repeat,
    MaxUntilMin,
    MaxUntilMore,
    MaxUntilTail,
    MinUntilMin,
    MinUntilTail,
    MinUntilMore,
    PossRepeatMin,
    PossRepeatMore,
    Assert,
    AssertNot,
    AtomicGroup,
}

/// One context (CPython's `SRE(match_context)`).
#[derive(Clone, Copy)]
struct Ctx {
    jump: Jump,
    /// The operands of the current opcode (just past the opcode word).
    pc: usize,
    ptr: usize,
    count: isize,
    lastmark: isize,
    lastindex: isize,
    toplevel: bool,
    rep: usize,
}

impl Ctx {
    fn new(pc: usize, ptr: usize, toplevel: bool) -> Ctx {
        Ctx { jump: Jump::Branch, pc, ptr, count: 0, lastmark: -1, lastindex: -1, toplevel, rep: 0 }
    }
}

/// What a context does next.
enum Step {
    /// Finish this context with a result.
    Return(bool),
    /// Suspend this context and run the code at `pc` in a new one.
    Jump(Jump, usize, bool),
}

/// The matcher over one subject and one code array.
pub struct Matcher<'a, S: Subject> {
    pub code: &'a [u32],
    pub s: S,
    pub st: &'a mut State,
}

impl<'a, S: Subject> Matcher<'a, S> {
    #[inline(always)]
    fn c(&self, i: usize) -> Res<u32> {
        self.code.get(i).copied().ok_or(SreError::Illegal)
    }

    #[inline(always)]
    fn cu(&self, i: usize) -> Res<usize> {
        self.c(i).map(|w| w as usize)
    }

    /// `SRE(match)`: whether the code at `pc` matches at `st.ptr`; on
    /// success `st.ptr` is the end of the match.
    pub fn run(&mut self, pc: usize, toplevel: bool) -> Res<bool> {
        let mut stack = std::mem::take(&mut self.st.stack);
        stack.clear();
        let result = self.run_with(&mut stack, pc, toplevel);
        self.st.stack = stack;
        result
    }

    fn run_with(&mut self, stack: &mut Vec<Ctx>, pc: usize, toplevel: bool) -> Res<bool> {
        let mut ctx = Ctx::new(pc, self.st.ptr, toplevel);
        let mut step = self.enter(&mut ctx)?;
        loop {
            match step {
                Step::Jump(kind, pc, toplevel) => {
                    if stack.len() >= STACK_LIMIT / 8 {
                        return Err(SreError::Memory);
                    }
                    ctx.jump = kind;
                    stack.push(ctx);
                    ctx = Ctx::new(pc, self.st.ptr, toplevel);
                    step = self.enter(&mut ctx)?;
                }
                Step::Return(ret) => {
                    let Some(parent) = stack.pop() else { return Ok(ret) };
                    ctx = parent;
                    step = self.resume(&mut ctx, ret)?;
                }
            }
        }
    }

    /// A new context: the INFO block's minimum-width check, then dispatch.
    fn enter(&mut self, ctx: &mut Ctx) -> Res<Step> {
        if self.c(ctx.pc)? == INFO {
            let min = self.cu(ctx.pc + 3)?;
            if min != 0 && self.st.end.saturating_sub(ctx.ptr) < min {
                return Ok(Step::Return(false));
            }
            ctx.pc += self.cu(ctx.pc + 1)? + 1;
        }
        self.dispatch(ctx)
    }

    /// Runs opcodes until the context returns or needs a sub-match.
    fn dispatch(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let end = self.st.end;
        loop {
            let op = self.c(ctx.pc)?;
            ctx.pc += 1;
            let p = ctx.pc;
            match op {
                FAILURE => return Ok(Step::Return(false)),
                SUCCESS => {
                    let st = &*self.st;
                    if ctx.toplevel
                        && ((st.match_all && ctx.ptr != st.end) || (st.must_advance && ctx.ptr == st.start))
                    {
                        return Ok(Step::Return(false));
                    }
                    self.st.ptr = ctx.ptr;
                    return Ok(Step::Return(true));
                }
                MARK => {
                    let i = self.cu(p)?;
                    self.st.set_mark(i, ctx.ptr);
                    ctx.pc += 1;
                }
                LITERAL
                | NOT_LITERAL
                | LITERAL_IGNORE
                | NOT_LITERAL_IGNORE
                | LITERAL_UNI_IGNORE
                | NOT_LITERAL_UNI_IGNORE
                | LITERAL_LOC_IGNORE
                | NOT_LITERAL_LOC_IGNORE
                | ANY
                | ANY_ALL
                | CATEGORY
                | IN
                | IN_IGNORE
                | IN_UNI_IGNORE
                | IN_LOC_IGNORE => {
                    if ctx.ptr >= end || !self.one(op, p, self.s.at(ctx.ptr))? {
                        return Ok(Step::Return(false));
                    }
                    ctx.ptr += 1;
                    ctx.pc = self.after_one(op, p)?;
                }
                AT => {
                    if !self.at(ctx.ptr, self.c(p)?)? {
                        return Ok(Step::Return(false));
                    }
                    ctx.pc += 1;
                }
                JUMP | INFO => ctx.pc = p + self.cu(p)?,
                BRANCH => {
                    self.lastmark_save(ctx);
                    if self.st.repeat.is_some() {
                        self.st.mark_push(ctx.lastmark)?;
                    }
                    return self.branch_next(ctx);
                }
                REPEAT_ONE => return self.repeat_one(ctx),
                MIN_REPEAT_ONE => return self.min_repeat_one(ctx),
                POSSESSIVE_REPEAT_ONE => {
                    let (min, max) = (self.cu(p + 1)?, self.c(p + 2)?);
                    if end.saturating_sub(ctx.ptr) < min {
                        return Ok(Step::Return(false));
                    }
                    self.st.ptr = ctx.ptr;
                    let n = self.count(p + 3, max)?;
                    if n < min {
                        return Ok(Step::Return(false));
                    }
                    ctx.ptr += n;
                    ctx.pc = p + self.cu(p)?;
                }
                REPEAT => {
                    let rep = Repeat { count: -1, pc: p, prev: self.st.repeat, last_ptr: NONE };
                    ctx.rep = self.st.repeats.len();
                    self.st.repeats.push(rep);
                    self.st.repeat = Some(ctx.rep);
                    self.st.ptr = ctx.ptr;
                    return Ok(Step::Jump(Jump::Repeat, p + self.cu(p)?, ctx.toplevel));
                }
                MAX_UNTIL => return self.max_until(ctx),
                MIN_UNTIL => return self.min_until(ctx),
                POSSESSIVE_REPEAT => {
                    self.st.ptr = ctx.ptr;
                    ctx.count = 0;
                    return self.poss_repeat_min(ctx);
                }
                ATOMIC_GROUP => {
                    self.st.ptr = ctx.ptr;
                    return Ok(Step::Jump(Jump::AtomicGroup, p + 1, false));
                }
                GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                    match self.groupref(op, self.cu(p)?, ctx.ptr) {
                        Some(next) => ctx.ptr = next,
                        None => return Ok(Step::Return(false)),
                    }
                    ctx.pc += 1;
                }
                GROUPREF_EXISTS => {
                    let g = self.cu(p)?;
                    ctx.pc = if self.group_is_set(g) { p + 2 } else { p + self.cu(p + 1)? };
                }
                ASSERT => {
                    let back = self.cu(p + 1)?;
                    if ctx.ptr < back {
                        return Ok(Step::Return(false));
                    }
                    self.st.ptr = ctx.ptr - back;
                    return Ok(Step::Jump(Jump::Assert, p + 2, false));
                }
                ASSERT_NOT => {
                    let back = self.cu(p + 1)?;
                    if ctx.ptr >= back {
                        self.st.ptr = ctx.ptr - back;
                        self.lastmark_save(ctx);
                        if self.st.repeat.is_some() {
                            self.st.mark_push(ctx.lastmark)?;
                        }
                        return Ok(Step::Jump(Jump::AssertNot, p + 2, false));
                    }
                    ctx.pc = p + self.cu(p)?;
                }
                _ => return Err(SreError::Illegal),
            }
        }
    }

    /// Resumes a suspended context with the result of the one it started.
    fn resume(&mut self, ctx: &mut Ctx, ret: bool) -> Res<Step> {
        let in_repeat = self.st.repeat.is_some();
        match ctx.jump {
            Jump::Branch => {
                if ret {
                    return Ok(self.succeed_popping_marks(ctx, in_repeat));
                }
                if in_repeat {
                    self.st.mark_pop(ctx.lastmark, true, false);
                }
                self.lastmark_restore(ctx);
                ctx.pc += self.cu(ctx.pc)?;
                self.branch_next(ctx)
            }
            Jump::RepeatOneLiteral | Jump::RepeatOne => {
                if ret {
                    return Ok(self.succeed_popping_marks(ctx, in_repeat));
                }
                if in_repeat {
                    self.st.mark_pop(ctx.lastmark, true, false);
                }
                self.lastmark_restore(ctx);
                ctx.ptr = ctx.ptr.wrapping_sub(1);
                ctx.count -= 1;
                if matches!(ctx.jump, Jump::RepeatOneLiteral) {
                    self.repeat_one_literal_next(ctx)
                } else {
                    self.repeat_one_next(ctx)
                }
            }
            Jump::MinRepeatOne => {
                if ret {
                    return Ok(self.succeed_popping_marks(ctx, in_repeat));
                }
                if in_repeat {
                    self.st.mark_pop(ctx.lastmark, true, false);
                }
                self.lastmark_restore(ctx);
                if !self.min_repeat_one_grow(ctx)? {
                    if in_repeat {
                        self.st.mark_pop(ctx.lastmark, false, true);
                    }
                    return Ok(Step::Return(false));
                }
                self.min_repeat_one_next(ctx)
            }
            Jump::Repeat => {
                let rep = self.st.repeats.get(ctx.rep).ok_or(SreError::State)?;
                self.st.repeat = rep.prev;
                self.st.repeats.truncate(ctx.rep);
                Ok(Step::Return(ret))
            }
            Jump::MaxUntilMin | Jump::MinUntilMin => {
                if ret {
                    return Ok(Step::Return(true));
                }
                self.rep_mut(ctx.rep)?.count = ctx.count - 1;
                self.st.ptr = ctx.ptr;
                Ok(Step::Return(false))
            }
            Jump::MaxUntilMore => {
                let last = self.st.pop_data();
                self.rep_mut(ctx.rep)?.last_ptr = last;
                if ret {
                    self.st.mark_pop(ctx.lastmark, false, true);
                    return Ok(Step::Return(true));
                }
                self.st.mark_pop(ctx.lastmark, false, false);
                self.lastmark_restore(ctx);
                self.rep_mut(ctx.rep)?.count = ctx.count - 1;
                self.st.ptr = ctx.ptr;
                self.max_until_tail(ctx)
            }
            Jump::MaxUntilTail => {
                self.st.repeat = Some(ctx.rep);
                if ret {
                    return Ok(Step::Return(true));
                }
                self.st.ptr = ctx.ptr;
                Ok(Step::Return(false))
            }
            Jump::MinUntilTail => self.min_until_after_tail(ctx, ret),
            Jump::MinUntilMore => {
                let last = self.st.pop_data();
                self.rep_mut(ctx.rep)?.last_ptr = last;
                if ret {
                    return Ok(Step::Return(true));
                }
                self.rep_mut(ctx.rep)?.count = ctx.count - 1;
                self.st.ptr = ctx.ptr;
                Ok(Step::Return(false))
            }
            Jump::PossRepeatMin => {
                if !ret {
                    self.st.ptr = ctx.ptr;
                    return Ok(Step::Return(false));
                }
                ctx.count += 1;
                self.poss_repeat_min(ctx)
            }
            Jump::PossRepeatMore => {
                if ret {
                    self.st.mark_pop(ctx.lastmark, false, true);
                    ctx.count += 1;
                    return self.poss_repeat_more(ctx);
                }
                self.st.mark_pop(ctx.lastmark, false, false);
                self.lastmark_restore(ctx);
                self.st.ptr = ctx.ptr;
                self.poss_repeat_tail(ctx)
            }
            Jump::Assert => {
                if !ret {
                    return Ok(Step::Return(false));
                }
                ctx.pc += self.cu(ctx.pc)?;
                self.dispatch(ctx)
            }
            Jump::AssertNot => {
                if ret {
                    if in_repeat {
                        self.st.mark_pop(ctx.lastmark, false, true);
                    }
                    return Ok(Step::Return(false));
                }
                if in_repeat {
                    self.st.mark_pop(ctx.lastmark, false, false);
                }
                self.lastmark_restore(ctx);
                ctx.pc += self.cu(ctx.pc)?;
                self.dispatch(ctx)
            }
            Jump::AtomicGroup => {
                if !ret {
                    self.st.ptr = ctx.ptr;
                    return Ok(Step::Return(false));
                }
                ctx.pc += self.cu(ctx.pc)?;
                ctx.ptr = self.st.ptr;
                self.dispatch(ctx)
            }
        }
    }

    fn rep_mut(&mut self, i: usize) -> Res<&mut Repeat> {
        self.st.repeats.get_mut(i).ok_or(SreError::State)
    }

    fn lastmark_save(&self, ctx: &mut Ctx) {
        ctx.lastmark = self.st.lastmark;
        ctx.lastindex = self.st.lastindex;
    }

    fn lastmark_restore(&mut self, ctx: &Ctx) {
        self.st.lastmark = ctx.lastmark;
        self.st.lastindex = ctx.lastindex;
    }

    fn succeed_popping_marks(&mut self, ctx: &Ctx, in_repeat: bool) -> Step {
        if in_repeat {
            self.st.mark_pop(ctx.lastmark, false, true);
        }
        Step::Return(true)
    }

    // ---- BRANCH ----

    /// Tries the alternatives of a BRANCH from the one at `ctx.pc`.
    fn branch_next(&mut self, ctx: &mut Ctx) -> Res<Step> {
        while self.c(ctx.pc)? != 0 {
            let alt = ctx.pc;
            let first = self.c(alt + 1)?;
            let skip = match first {
                LITERAL => ctx.ptr >= self.st.end || self.s.at(ctx.ptr) != self.c(alt + 2)?,
                IN => ctx.ptr >= self.st.end || !self.charset(alt + 3, self.s.at(ctx.ptr))?,
                _ => false,
            };
            if !skip {
                self.st.ptr = ctx.ptr;
                return Ok(Step::Jump(Jump::Branch, alt + 1, ctx.toplevel));
            }
            ctx.pc += self.cu(alt)?;
        }
        if self.st.repeat.is_some() {
            self.st.mark_pop(ctx.lastmark, false, true);
        }
        Ok(Step::Return(false))
    }

    // ---- REPEAT_ONE, MIN_REPEAT_ONE ----

    /// `<REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail`: greedy.
    fn repeat_one(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let p = ctx.pc;
        let (min, max) = (self.cu(p + 1)?, self.c(p + 2)?);
        if self.st.end.saturating_sub(ctx.ptr) < min {
            return Ok(Step::Return(false));
        }
        self.st.ptr = ctx.ptr;
        let n = self.count(p + 3, max)?;
        ctx.ptr += n;
        ctx.count = n as isize;
        if n < min {
            return Ok(Step::Return(false));
        }
        let tail = p + self.cu(p)?;
        let st = &*self.st;
        if self.c(tail)? == SUCCESS
            && ctx.ptr == st.end
            && !(ctx.toplevel && st.must_advance && ctx.ptr == st.start)
        {
            self.st.ptr = ctx.ptr;
            return Ok(Step::Return(true));
        }
        self.lastmark_save(ctx);
        if self.st.repeat.is_some() {
            self.st.mark_push(ctx.lastmark)?;
        }
        if self.c(tail)? == LITERAL {
            return self.repeat_one_literal_next(ctx);
        }
        self.repeat_one_next(ctx)
    }

    /// Backs off to the next position where the literal after the repeat
    /// occurs and tries the tail there.
    fn repeat_one_literal_next(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let p = ctx.pc;
        let min = self.cu(p + 1)? as isize;
        let tail = p + self.cu(p)?;
        let chr = self.c(tail + 1)?;
        while ctx.count >= min && (ctx.ptr >= self.st.end || self.s.at(ctx.ptr) != chr) {
            ctx.ptr = ctx.ptr.wrapping_sub(1);
            ctx.count -= 1;
        }
        if ctx.count >= min {
            self.st.ptr = ctx.ptr;
            return Ok(Step::Jump(Jump::RepeatOneLiteral, tail, ctx.toplevel));
        }
        if self.st.repeat.is_some() {
            self.st.mark_pop(ctx.lastmark, false, true);
        }
        Ok(Step::Return(false))
    }

    fn repeat_one_next(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let p = ctx.pc;
        let min = self.cu(p + 1)? as isize;
        if ctx.count >= min {
            self.st.ptr = ctx.ptr;
            return Ok(Step::Jump(Jump::RepeatOne, p + self.cu(p)?, ctx.toplevel));
        }
        if self.st.repeat.is_some() {
            self.st.mark_pop(ctx.lastmark, false, true);
        }
        Ok(Step::Return(false))
    }

    /// `<MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail`: lazy.
    fn min_repeat_one(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let p = ctx.pc;
        let min = self.cu(p + 1)?;
        if self.st.end.saturating_sub(ctx.ptr) < min {
            return Ok(Step::Return(false));
        }
        self.st.ptr = ctx.ptr;
        ctx.count = 0;
        if min > 0 {
            let n = self.count(p + 3, min as u32)?;
            if n < min {
                return Ok(Step::Return(false));
            }
            ctx.count = n as isize;
            ctx.ptr += n;
        }
        let tail = p + self.cu(p)?;
        let st = &*self.st;
        if self.c(tail)? == SUCCESS
            && !(ctx.toplevel
                && ((st.match_all && ctx.ptr != st.end) || (st.must_advance && ctx.ptr == st.start)))
        {
            self.st.ptr = ctx.ptr;
            return Ok(Step::Return(true));
        }
        self.lastmark_save(ctx);
        if self.st.repeat.is_some() {
            self.st.mark_push(ctx.lastmark)?;
        }
        self.min_repeat_one_next(ctx)
    }

    /// Tries the tail after the items matched so far; when the tail starts
    /// with a literal, positions where it cannot match are skipped (the
    /// tail would fail there without touching any state).
    fn min_repeat_one_next(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let p = ctx.pc;
        let max = self.c(p + 2)?;
        let tail = p + self.cu(p)?;
        let literal = if self.c(tail)? == LITERAL { Some(self.c(tail + 1)?) } else { None };
        while max == MAXREPEAT || ctx.count <= max as isize {
            let hopeless = literal.is_some_and(|c| ctx.ptr >= self.st.end || self.s.at(ctx.ptr) != c);
            if !hopeless {
                self.st.ptr = ctx.ptr;
                return Ok(Step::Jump(Jump::MinRepeatOne, tail, ctx.toplevel));
            }
            if !self.min_repeat_one_grow(ctx)? {
                break;
            }
        }
        if self.st.repeat.is_some() {
            self.st.mark_pop(ctx.lastmark, false, true);
        }
        Ok(Step::Return(false))
    }

    /// One more item for a lazy repeat; `false` when it does not match.
    fn min_repeat_one_grow(&mut self, ctx: &mut Ctx) -> Res<bool> {
        self.st.ptr = ctx.ptr;
        if self.count(ctx.pc + 3, 1)? == 0 {
            return Ok(false);
        }
        ctx.ptr += 1;
        ctx.count += 1;
        Ok(true)
    }

    // ---- REPEAT with MAX_UNTIL / MIN_UNTIL ----

    /// The active repeat's bounds: `(count so far + 1, min, max, body pc)`.
    fn until_setup(&mut self, ctx: &mut Ctx) -> Res<(u32, u32, usize)> {
        let r = self.st.repeat.ok_or(SreError::State)?;
        ctx.rep = r;
        self.st.ptr = ctx.ptr;
        let rep = self.st.repeats.get(r).ok_or(SreError::State)?;
        ctx.count = rep.count + 1;
        let rp = rep.pc;
        Ok((self.c(rp + 1)?, self.c(rp + 2)?, rp + 3))
    }

    /// `<REPEAT> <skip> <min> <max> item <MAX_UNTIL> tail`: greedy.
    fn max_until(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let (min, max, body) = self.until_setup(ctx)?;
        if ctx.count < min as isize {
            self.rep_mut(ctx.rep)?.count = ctx.count;
            return Ok(Step::Jump(Jump::MaxUntilMin, body, ctx.toplevel));
        }
        let last_ptr = self.rep_mut(ctx.rep)?.last_ptr;
        if (ctx.count < max as isize || max == MAXREPEAT) && self.st.ptr != last_ptr {
            self.rep_mut(ctx.rep)?.count = ctx.count;
            self.lastmark_save(ctx);
            self.st.mark_push(ctx.lastmark)?;
            self.st.push_data(last_ptr)?;
            let ptr = self.st.ptr;
            self.rep_mut(ctx.rep)?.last_ptr = ptr;
            return Ok(Step::Jump(Jump::MaxUntilMore, body, ctx.toplevel));
        }
        self.max_until_tail(ctx)
    }

    fn max_until_tail(&mut self, ctx: &mut Ctx) -> Res<Step> {
        self.st.repeat = self.st.repeats.get(ctx.rep).ok_or(SreError::State)?.prev;
        Ok(Step::Jump(Jump::MaxUntilTail, ctx.pc, ctx.toplevel))
    }

    /// `<REPEAT> <skip> <min> <max> item <MIN_UNTIL> tail`: lazy.
    fn min_until(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let (min, _, body) = self.until_setup(ctx)?;
        if ctx.count < min as isize {
            self.rep_mut(ctx.rep)?.count = ctx.count;
            return Ok(Step::Jump(Jump::MinUntilMin, body, ctx.toplevel));
        }
        self.st.repeat = self.st.repeats.get(ctx.rep).ok_or(SreError::State)?.prev;
        self.lastmark_save(ctx);
        if self.st.repeat.is_some() {
            self.st.mark_push(ctx.lastmark)?;
        }
        Ok(Step::Jump(Jump::MinUntilTail, ctx.pc, ctx.toplevel))
    }

    fn min_until_after_tail(&mut self, ctx: &mut Ctx, ret: bool) -> Res<Step> {
        let repeat_of_tail = self.st.repeat;
        self.st.repeat = Some(ctx.rep);
        if ret {
            if repeat_of_tail.is_some() {
                self.st.mark_pop(ctx.lastmark, false, true);
            }
            return Ok(Step::Return(true));
        }
        if repeat_of_tail.is_some() {
            self.st.mark_pop(ctx.lastmark, false, false);
        }
        self.lastmark_restore(ctx);
        self.st.ptr = ctx.ptr;
        let rp = self.rep_mut(ctx.rep)?.pc;
        let max = self.c(rp + 2)?;
        let last_ptr = self.rep_mut(ctx.rep)?.last_ptr;
        if (ctx.count >= max as isize && max != MAXREPEAT) || self.st.ptr == last_ptr {
            return Ok(Step::Return(false));
        }
        self.rep_mut(ctx.rep)?.count = ctx.count;
        self.st.push_data(last_ptr)?;
        let ptr = self.st.ptr;
        self.rep_mut(ctx.rep)?.last_ptr = ptr;
        Ok(Step::Jump(Jump::MinUntilMore, rp + 3, ctx.toplevel))
    }

    // ---- POSSESSIVE_REPEAT ----

    /// `<POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail`: the
    /// minimum first, each item matched atomically.
    fn poss_repeat_min(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let p = ctx.pc;
        if ctx.count < self.c(p + 1)? as isize {
            return Ok(Step::Jump(Jump::PossRepeatMin, p + 3, false));
        }
        ctx.ptr = NONE;
        self.poss_repeat_more(ctx)
    }

    fn poss_repeat_more(&mut self, ctx: &mut Ctx) -> Res<Step> {
        let p = ctx.pc;
        let max = self.c(p + 2)?;
        if (ctx.count < max as isize || max == MAXREPEAT) && self.st.ptr != ctx.ptr {
            self.lastmark_save(ctx);
            self.st.mark_push(ctx.lastmark)?;
            ctx.ptr = self.st.ptr;
            return Ok(Step::Jump(Jump::PossRepeatMore, p + 3, false));
        }
        self.poss_repeat_tail(ctx)
    }

    fn poss_repeat_tail(&mut self, ctx: &mut Ctx) -> Res<Step> {
        ctx.pc += self.cu(ctx.pc)? + 1;
        ctx.ptr = self.st.ptr;
        self.dispatch(ctx)
    }

    // ---- single-character items ----

    /// Whether `ch` matches the one-character item `op` with operands at `p`.
    #[inline]
    fn one(&self, op: u32, p: usize, ch: u32) -> Res<bool> {
        Ok(match op {
            LITERAL => ch == self.c(p)?,
            NOT_LITERAL => ch != self.c(p)?,
            LITERAL_IGNORE => lower_ascii(ch) == self.c(p)?,
            NOT_LITERAL_IGNORE => lower_ascii(ch) != self.c(p)?,
            LITERAL_UNI_IGNORE => lower_unicode(ch) == self.c(p)?,
            NOT_LITERAL_UNI_IGNORE => lower_unicode(ch) != self.c(p)?,
            LITERAL_LOC_IGNORE => char_loc_ignore(self.c(p)?, ch),
            NOT_LITERAL_LOC_IGNORE => !char_loc_ignore(self.c(p)?, ch),
            ANY => !is_linebreak(ch),
            ANY_ALL => true,
            CATEGORY => category(self.c(p)?, ch).ok_or(SreError::Illegal)?,
            IN => self.charset(p + 1, ch)?,
            IN_IGNORE => self.charset(p + 1, lower_ascii(ch))?,
            IN_UNI_IGNORE => self.charset(p + 1, lower_unicode(ch))?,
            IN_LOC_IGNORE => self.charset_loc_ignore(p + 1, ch)?,
            _ => return Err(SreError::Illegal),
        })
    }

    /// The pc after a one-character item whose operands start at `p`.
    #[inline]
    fn after_one(&self, op: u32, p: usize) -> Res<usize> {
        Ok(match op {
            ANY | ANY_ALL => p,
            IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => p + self.cu(p)?,
            _ => p + 1,
        })
    }

    /// `SRE(count)`: how many times (up to `max`) the one-character item at
    /// `pc` matches from `st.ptr`.
    fn count(&mut self, pc: usize, max: u32) -> Res<usize> {
        let ptr = self.st.ptr;
        let mut end = self.st.end;
        if max != MAXREPEAT && (max as usize) < end.saturating_sub(ptr) {
            end = ptr + max as usize;
        }
        let op = self.c(pc)?;
        let p = pc + 1;
        let mut i = ptr;
        match op {
            ANY_ALL => i = end.max(ptr),
            LITERAL => {
                let c = self.c(p)?;
                while i < end && self.s.at(i) == c {
                    i += 1;
                }
            }
            NOT_LITERAL => {
                let c = self.c(p)?;
                while i < end && self.s.at(i) != c {
                    i += 1;
                }
            }
            ANY => {
                while i < end && !is_linebreak(self.s.at(i)) {
                    i += 1;
                }
            }
            IN => {
                while i < end && self.charset(p + 1, self.s.at(i))? {
                    i += 1;
                }
            }
            LITERAL_IGNORE
            | NOT_LITERAL_IGNORE
            | LITERAL_UNI_IGNORE
            | NOT_LITERAL_UNI_IGNORE
            | LITERAL_LOC_IGNORE
            | NOT_LITERAL_LOC_IGNORE
            | CATEGORY
            | IN_IGNORE
            | IN_UNI_IGNORE
            | IN_LOC_IGNORE => {
                while i < end && self.one(op, p, self.s.at(i))? {
                    i += 1;
                }
            }
            _ => return Err(SreError::Illegal),
        }
        Ok(i - ptr)
    }

    /// `SRE(at)`: the position assertions.
    fn at(&self, ptr: usize, code: u32) -> Res<bool> {
        let (end, s) = (self.st.end, self.s);
        let boundary = |word: fn(u32) -> bool, want_change: bool| {
            if end == 0 {
                return false;
            }
            let before = ptr > 0 && word(s.at(ptr - 1));
            let here = ptr < end && word(s.at(ptr));
            (before != here) == want_change
        };
        Ok(match code {
            AT_BEGINNING | AT_BEGINNING_STRING => ptr == 0,
            AT_BEGINNING_LINE => ptr == 0 || is_linebreak(s.at(ptr - 1)),
            AT_END => (end.wrapping_sub(ptr) == 1 && is_linebreak(s.at(ptr))) || ptr == end,
            AT_END_LINE => ptr == end || is_linebreak(s.at(ptr)),
            AT_END_STRING => ptr == end,
            AT_BOUNDARY => boundary(is_ascii_word, true),
            AT_NON_BOUNDARY => boundary(is_ascii_word, false),
            AT_LOC_BOUNDARY => boundary(is_locale_word, true),
            AT_LOC_NON_BOUNDARY => boundary(is_locale_word, false),
            AT_UNI_BOUNDARY => boundary(is_unicode_word, true),
            AT_UNI_NON_BOUNDARY => boundary(is_unicode_word, false),
            _ => return Err(SreError::Illegal),
        })
    }

    /// `SRE(charset)`: whether `ch` is in the set whose items start at `pc`
    /// (the set ends with FAILURE).
    fn charset(&self, mut pc: usize, ch: u32) -> Res<bool> {
        let mut ok = true;
        loop {
            let op = self.c(pc)?;
            pc += 1;
            match op {
                FAILURE => return Ok(!ok),
                LITERAL => {
                    if ch == self.c(pc)? {
                        return Ok(ok);
                    }
                    pc += 1;
                }
                CATEGORY => {
                    if category(self.c(pc)?, ch).ok_or(SreError::Illegal)? {
                        return Ok(ok);
                    }
                    pc += 1;
                }
                CHARSET => {
                    if ch < 256 && self.c(pc + (ch as usize >> 5))? & (1 << (ch & 31)) != 0 {
                        return Ok(ok);
                    }
                    pc += 8;
                }
                RANGE => {
                    if self.c(pc)? <= ch && ch <= self.c(pc + 1)? {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                RANGE_UNI_IGNORE => {
                    let (lo, hi) = (self.c(pc)?, self.c(pc + 1)?);
                    if lo <= ch && ch <= hi {
                        return Ok(ok);
                    }
                    let up = upper_unicode(ch);
                    if lo <= up && up <= hi {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                NEGATE => ok = !ok,
                BIGCHARSET => {
                    let blocks = self.cu(pc)?;
                    pc += 1;
                    if ch < 0x10000 {
                        let k = (ch >> 8) as usize;
                        let word = self.c(pc + k / 4)?;
                        let block = (word.to_le_bytes())[k % 4] as usize;
                        let bit = block * 256 + (ch & 255) as usize;
                        if self.c(pc + 64 + bit / 32)? & (1 << (bit & 31)) != 0 {
                            return Ok(ok);
                        }
                    }
                    pc += 64 + blocks * 8;
                }
                _ => return Err(SreError::Illegal),
            }
        }
    }

    /// `charset_loc_ignore`: the set tried with `ch`, its lower and upper case.
    fn charset_loc_ignore(&self, pc: usize, ch: u32) -> Res<bool> {
        let lo = lower_locale(ch);
        if self.charset(pc, lo)? {
            return Ok(true);
        }
        let up = upper_locale(ch);
        Ok(up != lo && self.charset(pc, up)?)
    }

    // ---- back references ----

    fn group_is_set(&self, g: usize) -> bool {
        let j = g.saturating_mul(2);
        if j as isize >= self.st.lastmark {
            return false;
        }
        match (self.st.marks.get(j), self.st.marks.get(j + 1)) {
            (Some(&a), Some(&b)) => a != NONE && b != NONE && a <= b,
            _ => false,
        }
    }

    /// Matches the text of group `g` at `ptr`; the position after it.
    fn groupref(&self, op: u32, g: usize, mut ptr: usize) -> Option<usize> {
        if !self.group_is_set(g) {
            return None;
        }
        let fold: fn(u32) -> u32 = match op {
            GROUPREF_IGNORE => lower_ascii,
            GROUPREF_UNI_IGNORE => lower_unicode,
            GROUPREF_LOC_IGNORE => lower_locale,
            _ => |c| c,
        };
        let (a, b) = (self.st.marks[g * 2], self.st.marks[g * 2 + 1]);
        for i in a..b {
            if ptr >= self.st.end || fold(self.s.at(ptr)) != fold(self.s.at(i)) {
                return None;
            }
            ptr += 1;
        }
        Some(ptr)
    }

    // ---- search ----

    /// `SRE(search)`: the first match at or after `st.start`.
    pub fn search(&mut self) -> Res<bool> {
        let mut ptr = self.st.start;
        let mut end = self.st.end;
        if ptr > end {
            return Ok(false);
        }
        let mut pc = 0;
        let mut prefix: Option<(usize, usize, usize)> = None;
        let mut charset: Option<usize> = None;
        let mut literal = false;
        if self.c(0)? == INFO {
            let flags = self.c(2)?;
            let min = self.cu(3)?;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                end = end.saturating_sub(min - 1).max(ptr);
            }
            if flags & INFO_PREFIX != 0 {
                prefix = Some((self.cu(5)?, self.cu(6)?, 7));
                literal = flags & INFO_LITERAL != 0;
            } else if flags & INFO_CHARSET != 0 {
                charset = Some(5);
            }
            pc = 1 + self.cu(1)?;
        }
        if let Some((len, skip, at)) = prefix.filter(|p| p.0 > 0) {
            return self.search_prefix(ptr, len, skip, at, literal, pc);
        }
        if let Some(set) = charset {
            let end = self.st.end;
            self.st.must_advance = false;
            loop {
                while ptr < end && !self.charset(set, self.s.at(ptr))? {
                    ptr += 1;
                }
                if ptr >= end {
                    return Ok(false);
                }
                self.st.reset_at(ptr);
                if self.run(pc, false)? {
                    return Ok(true);
                }
                ptr += 1;
            }
        }
        self.st.reset_at(ptr);
        let mut found = self.run(pc, true)?;
        self.st.must_advance = false;
        if !found && self.c(pc)? == AT && matches!(self.c(pc + 1)?, AT_BEGINNING | AT_BEGINNING_STRING) {
            self.st.start = end;
            self.st.ptr = end;
            return Ok(false);
        }
        while !found && ptr < end {
            ptr += 1;
            self.st.reset_at(ptr);
            found = self.run(pc, false)?;
        }
        Ok(found)
    }

    /// The search for a pattern with a literal prefix of `len` units at
    /// code index `at`: each occurrence is a candidate.
    fn search_prefix(
        &mut self,
        mut ptr: usize,
        len: usize,
        skip: usize,
        at: usize,
        literal: bool,
        pc: usize,
    ) -> Res<bool> {
        let end = self.st.end;
        self.st.must_advance = false;
        let first = self.c(at)?;
        while ptr + len <= end {
            if self.s.at(ptr) != first || !self.prefix_at(ptr, len, at)? {
                ptr += 1;
                continue;
            }
            self.st.reset_at(ptr);
            self.st.ptr = ptr + skip;
            if literal {
                self.st.ptr = ptr + len;
                return Ok(true);
            }
            if self.run(pc + 2 * skip, false)? {
                return Ok(true);
            }
            ptr += 1;
        }
        Ok(false)
    }

    fn prefix_at(&self, ptr: usize, len: usize, at: usize) -> Res<bool> {
        for k in 1..len {
            if self.s.at(ptr + k) != self.c(at + k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// `char_loc_ignore`: `ch` equals `pattern` up to C-locale case.
fn char_loc_ignore(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}
