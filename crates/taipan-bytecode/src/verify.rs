//! Bytecode verification: a `.pyc` is untrusted input. [`verify`] checks a
//! code object (and every code object nested in its constants) so that a VM
//! may run verified code without re-checking what is checked here:
//!
//! - the fields: `co_code` non-empty and of even length, the locals-plus
//!   names and kinds of equal length and in CPython's order (locals, then
//!   cells, then free variables), argument counts within the locals, known
//!   `co_flags` with at most one of generator/coroutine/async generator,
//!   constants of the types CPython's compiler produces, a decodable
//!   location table, nesting of code objects at most [`MAX_CODE_NESTING`];
//! - the instructions: every opcode one of CPython 3.11's external ones
//!   (never `CACHE` where an instruction belongs), each followed by its
//!   inline cache units, all zero (as CPython's marshal writes them),
//!   EXTENDED_ARG chains of at most three before an instruction that takes
//!   an argument, and every argument in range for its kind;
//! - the state the eval loop carries between instructions: the prefix
//!   before the first `RESUME` (`MAKE_CELL` for every cell,
//!   `COPY_FREE_VARS` for the free variables, `RETURN_GENERATOR` exactly
//!   when the flags say generator), `KW_NAMES` → `PRECALL` → `CALL`
//!   adjacent, `MAKE_FUNCTION` right after loading a code constant, `yield`
//!   only in generators;
//! - control flow: jump and handler targets on instruction boundaries (not
//!   into caches, an EXTENDED_ARG chain, the prefix, or between `PRECALL`
//!   and `CALL`), a sorted, non-overlapping exception table, no path
//!   falling off the end, and a dataflow pass over every path (exception
//!   edges included) proving that the stack depth never goes below what an
//!   instruction reads, never exceeds `co_stacksize`, and agrees wherever
//!   paths meet.
//!
//! What it cannot prove is the *type* of a value on the stack (that
//! `FOR_ITER` finds an iterator, `MAKE_FUNCTION`'s closure is a tuple of
//! cells of the right length, `RERAISE`'s saved `lasti` is an int, …): the VM
//! checks those at run time. docs/pyc.md lists the rules and the decisions.

use crate::code::{
    CodeObject, Constant, CO_ASYNC_GENERATOR, CO_COROUTINE, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL,
    CO_GENERATOR, CO_VARARGS, CO_VARKEYWORDS,
};
use crate::exceptiontable::ExceptionEntry;
use crate::opcodes::{ArgKind, Opcode};
use std::fmt;

/// How deeply code objects may nest in each other's constants (CPython's
/// own source cannot get near: its tokenizer allows 100 indentation levels).
pub const MAX_CODE_NESTING: usize = 500;

/// The largest `co_stacksize` accepted (a VM allocates that many slots per
/// frame; a real program needs a source of hundreds of megabytes to get near).
pub const MAX_STACKSIZE: u32 = 1 << 24;

/// Every `co_flags` bit CPython 3.11 defines.
const KNOWN_FLAGS: u32 = 0x3FF | 0x1FE_0000;
const GENERATOR_FLAGS: u32 = CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;
/// Every `co_localspluskinds` bit CPython 3.11 defines.
const KNOWN_KINDS: u8 = 0x02 | 0x04 | 0x08 | CO_FAST_LOCAL | CO_FAST_CELL | CO_FAST_FREE;

/// Why a code object was refused: what, where (a byte offset in `co_code`,
/// as `dis` shows offsets) and in which code object (its qualified name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    pub code: String,
    pub offset: Option<usize>,
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} at offset {offset} in <code {}>", self.message, self.code),
            None => write!(f, "{} in <code {}>", self.message, self.code),
        }
    }
}

impl std::error::Error for VerifyError {}

/// A problem found inside one code object: the message and the code unit.
struct Problem {
    unit: Option<usize>,
    message: String,
}

type Check<T = ()> = Result<T, Problem>;

fn problem<T>(unit: impl Into<Option<usize>>, message: impl Into<String>) -> Check<T> {
    Err(Problem { unit: unit.into(), message: message.into() })
}

/// Checks `code` and every code object in its constants (see the module
/// documentation for what is checked).
/// Checks `code` and every code object in its constants (see the module
/// documentation for what is checked).
pub fn verify(code: &CodeObject) -> Result<(), VerifyError> {
    let mut scratch = Scratch::default();
    let mut pending: Vec<(&CodeObject, usize)> = vec![(code, 0)];
    while let Some((one, depth)) = pending.pop() {
        if depth > MAX_CODE_NESTING {
            let message = format!("code objects nested more than {MAX_CODE_NESTING} deep");
            return Err(VerifyError { code: qualname(one), offset: None, message });
        }
        verify_one(one, &mut scratch)?;
        pending.extend(one.nested_code().map(|c| (&**c, depth + 1)));
    }
    Ok(())
}

fn qualname(code: &CodeObject) -> String {
    String::from_utf8_lossy(code.co_qualname.as_wtf8()).into_owned()
}

/// The working buffers of the checks, reused from one code object to the
/// next (a module holds thousands of small ones): nothing is allocated per
/// instruction.
#[derive(Default)]
struct Scratch {
    /// `co_code` as (opcode, argument) pairs.
    pairs: Vec<[u8; 2]>,
    /// The decoded instructions.
    instrs: Vec<Instr>,
    /// For each code unit, the index of the instruction starting there, or
    /// [`NO_INSTR`].
    starts: Vec<u32>,
    /// The indices of the jump instructions.
    jumps: Vec<u32>,
    /// Which cell slots the prefix makes.
    made: Vec<bool>,
    /// For each instruction: [`NOT_LEADER`], or as a basic block's first
    /// instruction its entry depth ([`UNKNOWN_DEPTH`] until reached).
    entry: Vec<u32>,
    /// Blocks reached but not walked yet (their first instructions).
    pending: Vec<u32>,
}

/// Checks one code object, not the ones nested in it.
fn verify_one(code: &CodeObject, scratch: &mut Scratch) -> Result<(), VerifyError> {
    check_code(code, scratch).map_err(|p| VerifyError {
        code: qualname(code),
        offset: p.unit.map(|u| u * 2),
        message: p.message,
    })
}

/// The checks in order: fields, one linear pass over the instructions
/// (decoding, arguments, neighbours, the prefix), jump targets, the
/// exception table, then the stack-depth pass over basic blocks.
fn check_code(code: &CodeObject, scratch: &mut Scratch) -> Check {
    check_fields(code)?;
    let body = scan(code, scratch)?;
    let Scratch { instrs, starts, jumps, entry, pending, .. } = scratch;
    for &jump in jumps.iter() {
        let instr = &instrs[jump as usize];
        if let Some(target) = jump_target(instr)? {
            check_target(instrs, starts, target, body, instr.at, "jump target")?;
        }
    }
    let handlers = check_exception_table(code, instrs, starts, body)?;
    let blocks = Blocks { instrs, starts, jumps, handlers: &handlers };
    blocks.mark_leaders(entry);
    check_stack(code, &blocks, entry, pending)
}

// ---------------------------------------------------------------------------
// Fields.

fn check_fields(code: &CodeObject) -> Check {
    if code.co_code.is_empty() || code.co_code.len() % 2 != 0 {
        return problem(
            None,
            format!("co_code has {} bytes (must be even and non-zero)", code.co_code.len()),
        );
    }
    if code.co_stacksize > MAX_STACKSIZE {
        return problem(None, format!("co_stacksize {} above {MAX_STACKSIZE}", code.co_stacksize));
    }
    if code.co_localsplusnames.len() != code.co_localspluskinds.len() {
        return problem(None, "co_localsplusnames and co_localspluskinds differ in length");
    }
    check_kinds(&code.co_localspluskinds)?;
    check_arguments(code)?;
    check_flags(code.co_flags)?;
    check_constants(&code.co_consts)?;
    if let Err(e) = crate::linetable::validate(&code.co_linetable, code.co_firstlineno) {
        return problem(None, format!("bad location table: {e}"));
    }
    Ok(())
}

/// Kinds in CPython's order: locals (possibly also cells), then cells, then
/// free variables; each at least one of the three.
fn check_kinds(kinds: &[u8]) -> Check {
    let rank = |k: u8| {
        if k & CO_FAST_FREE != 0 {
            2
        } else if k & CO_FAST_LOCAL != 0 {
            0
        } else {
            1
        }
    };
    let mut previous = 0;
    for (slot, &kind) in kinds.iter().enumerate() {
        let free_and_other = kind & CO_FAST_FREE != 0 && kind & (CO_FAST_LOCAL | CO_FAST_CELL) != 0;
        let none = kind & (CO_FAST_LOCAL | CO_FAST_CELL | CO_FAST_FREE) == 0;
        if kind & !KNOWN_KINDS != 0 || free_and_other || none {
            return problem(None, format!("bad kind {kind:#04x} of local slot {slot}"));
        }
        if rank(kind) < previous {
            return problem(
                None,
                format!("local slot {slot} out of order (locals, cells, then free variables)"),
            );
        }
        previous = rank(kind);
    }
    Ok(())
}

fn check_arguments(code: &CodeObject) -> Check {
    let flag = |f: u32| u64::from(code.co_flags & f != 0);
    let needed = u64::from(code.co_argcount)
        + u64::from(code.co_kwonlyargcount)
        + flag(CO_VARARGS)
        + flag(CO_VARKEYWORDS);
    if needed > code.co_nlocals() as u64 {
        return problem(None, format!("{needed} arguments but only {} locals", code.co_nlocals()));
    }
    if code.co_posonlyargcount > code.co_argcount {
        return problem(None, "more positional-only arguments than positional ones");
    }
    Ok(())
}

fn check_flags(flags: u32) -> Check {
    if flags & !KNOWN_FLAGS != 0 {
        return problem(None, format!("unknown co_flags bits {:#x}", flags & !KNOWN_FLAGS));
    }
    if (flags & GENERATOR_FLAGS).count_ones() > 1 {
        return problem(None, "co_flags say more than one of generator, coroutine, async generator");
    }
    Ok(())
}

/// Constants are of the types CPython's compiler produces: no lists, dicts,
/// sets or `StopIteration` (marshal can hold them; a mutable constant would
/// be shared by every run of the code). Walked without recursion; only
/// nested tuples and frozensets need the work list.
fn check_constants(consts: &[Constant]) -> Check {
    let mut pending: Vec<&Constant> = Vec::new();
    for constant in consts {
        check_constant(constant, &mut pending)?;
    }
    while let Some(constant) = pending.pop() {
        check_constant(constant, &mut pending)?;
    }
    Ok(())
}

fn check_constant<'a>(constant: &'a Constant, pending: &mut Vec<&'a Constant>) -> Check {
    match constant {
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            pending.extend(items.iter());
            Ok(())
        }
        Constant::List(_) | Constant::Dict(_) | Constant::Set(_) | Constant::StopIteration => {
            problem(None, format!("a {} among the constants", constant.type_name()))
        }
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// Instructions.

/// One decoded instruction.
#[derive(Clone, Copy, Debug)]
struct Instr {
    /// The code unit where it starts (its first EXTENDED_ARG, if any).
    start: usize,
    /// The code unit of the opcode itself.
    at: usize,
    op: Opcode,
    /// The argument, EXTENDED_ARG prefixes included.
    arg: u32,
    /// The code unit after it and its caches.
    next: usize,
}

/// No instruction starts at this code unit (in [`Scratch::starts`]).
const NO_INSTR: u32 = u32::MAX;

/// What the passes need to know of an opcode, precomputed per byte value.
#[derive(Clone, Copy)]
struct OpInfo {
    /// `None`: the byte is not an opcode.
    op: Option<Opcode>,
    /// The `OP_*` bits below.
    flags: u8,
}

/// Appears only in the prefix before the first `RESUME`.
const OP_PREFIX: u8 = 1;
/// Has a rule linking it to the instruction before it or to the flags.
const OP_NEIGHBOUR: u8 = 2;
/// Needs a particular instruction right after it (`KW_NAMES`, `PRECALL`).
const OP_OPENS_PAIR: u8 = 4;
/// Jumps (forward or backward).
const OP_JUMP: u8 = 8;
/// Never falls through to the next instruction.
const OP_TERMINATOR: u8 = 16;

const fn op_flags(op: Opcode) -> u8 {
    use Opcode as O;
    let mut flags = 0;
    if matches!(op, O::MAKE_CELL | O::COPY_FREE_VARS | O::RETURN_GENERATOR) {
        flags |= OP_PREFIX;
    }
    if matches!(op, O::KW_NAMES | O::CALL | O::MAKE_FUNCTION | O::YIELD_VALUE | O::SEND | O::ASYNC_GEN_WRAP) {
        flags |= OP_NEIGHBOUR;
    }
    if matches!(op, O::KW_NAMES | O::PRECALL) {
        flags |= OP_OPENS_PAIR;
    }
    if op.is_jump() {
        flags |= OP_JUMP;
    }
    if is_terminator(op) {
        flags |= OP_TERMINATOR;
    }
    flags
}

static OP_INFO: [OpInfo; 256] = {
    let mut table = [OpInfo { op: None, flags: 0 }; 256];
    let mut byte = 0;
    while byte < 256 {
        if let Some(op) = Opcode::from_u8(byte as u8) {
            table[byte] = OpInfo { op: Some(op), flags: op_flags(op) };
        }
        byte += 1;
    }
    table
};

/// The `OP_*` bits of an opcode.
#[inline]
fn flags_of(op: Opcode) -> u8 {
    OP_INFO[op as usize].flags
}

/// Copies `co_code` into `pairs` as code units (a copy the compiler
/// vectorises, which makes every later read one bounds check).
fn units_of(co_code: &[u8], pairs: &mut Vec<[u8; 2]>) {
    pairs.clear();
    pairs.extend(co_code.chunks_exact(2).map(|unit| [unit[0], unit[1]]));
}

/// What the linear pass remembers between instructions: the prefix before
/// the first `RESUME` and the pairs that must be adjacent.
#[derive(Default)]
struct ScanState {
    /// The index of the first `RESUME`, once seen.
    resume: Option<usize>,
    copied: bool,
    generator: bool,
    /// The keyword names of a `KW_NAMES` just seen (it needs a `PRECALL`).
    kw_names: Option<usize>,
    /// The first instruction before the first `RESUME` that does not
    /// belong there (its code unit and name), reported once a `RESUME`
    /// shows that there is a prefix at all.
    stray: Option<(usize, &'static str)>,
}

/// The one linear pass over `co_code`: decodes each instruction into
/// `scratch.instrs` (its caches zero, EXTENDED_ARG chains bounded), checks
/// its argument, its neighbours and the prefix rules, and records where
/// instructions start and which ones jump. Returns the index of the first
/// `RESUME`.
fn scan(code: &CodeObject, scratch: &mut Scratch) -> Check<usize> {
    let units = code.co_code.len() / 2;
    let Scratch { pairs, instrs, starts, jumps, made, .. } = scratch;
    instrs.clear();
    instrs.reserve(units);
    starts.clear();
    starts.resize(units, NO_INSTR);
    jumps.clear();
    made.clear();
    made.resize(code.co_localspluskinds.len(), false);
    let mut state = ScanState::default();
    let mut opened = false;
    units_of(&code.co_code, pairs);
    let pairs = &pairs[..];
    let (mut i, mut chain, mut extended) = (0, 0usize, 0u32);
    while i < units {
        let [byte, arg_byte] = pairs[i];
        let OpInfo { op: Some(op), flags } = OP_INFO[usize::from(byte)] else {
            return problem(i, format!("unknown opcode {byte}"));
        };
        let arg = extended << 8 | u32::from(arg_byte);
        match op {
            Opcode::CACHE => return problem(i, "CACHE where an instruction belongs"),
            Opcode::EXTENDED_ARG if chain == 3 => {
                return problem(i, "more than three EXTENDED_ARGs in a row")
            }
            Opcode::EXTENDED_ARG => {
                (chain, extended, i) = (chain + 1, arg, i + 1);
                continue;
            }
            _ if chain > 0 && !op.has_arg() => {
                return problem(i, format!("EXTENDED_ARG before {}, which takes no argument", op.name()))
            }
            _ => {}
        }
        let next = i + 1 + usize::from(op.cache_entries());
        let Some(cache) = pairs.get(i + 1..next) else {
            return problem(i, format!("{} lacks its {} cache entries", op.name(), op.cache_entries()));
        };
        if let Some(c) = cache.iter().position(|&p| p != [0, 0]) {
            return problem(i + 1 + c, format!("cache entry of {} is not zero", op.name()));
        }
        let instr = Instr { start: i - chain, at: i, op, arg, next };
        let index = instrs.len();
        if state.resume.is_none() || flags & OP_PREFIX != 0 {
            check_prefix_rule(&instr, index, instrs.last(), made, &mut state)?;
        }
        check_argument(code, &instr)?;
        if flags & OP_NEIGHBOUR != 0 || opened {
            check_neighbours(code, &instr, instrs.last(), &mut state)?;
        }
        opened = flags & OP_OPENS_PAIR != 0;
        if flags & OP_JUMP != 0 {
            jumps.push(index as u32);
        }
        starts[instr.start] = index as u32;
        instrs.push(instr);
        (chain, extended, i) = (0, 0, next);
    }
    if chain > 0 {
        return problem(units - chain, "EXTENDED_ARG at the end of the code");
    }
    if let Some(last) = instrs.last() {
        check_pair_follows(last, None, &state)?;
    }
    check_prefix_end(code, made, &state)
}

/// The prefix CPython puts before the first `RESUME`: `MAKE_CELL` for every
/// cell, `COPY_FREE_VARS` when there are free variables, and
/// `RETURN_GENERATOR`, `POP_TOP` for generators; nothing else. These
/// instructions appear nowhere else.
fn check_prefix_rule(
    instr: &Instr,
    index: usize,
    previous: Option<&Instr>,
    made: &mut [bool],
    state: &mut ScanState,
) -> Check {
    use Opcode as O;
    let after_generator = previous.is_some_and(|p| p.op == O::RETURN_GENERATOR);
    if state.resume.is_some() {
        return match instr.op {
            O::MAKE_CELL | O::COPY_FREE_VARS | O::RETURN_GENERATOR => {
                problem(instr.at, format!("{} after the first RESUME", instr.op.name()))
            }
            _ => Ok(()),
        };
    }
    if after_generator && instr.op != O::POP_TOP {
        state.stray = state.stray.or(previous.map(|p| (p.at, p.op.name())));
    }
    match instr.op {
        O::RESUME => {
            if let Some((at, name)) = state.stray {
                return problem(at, format!("{name} before the first RESUME"));
            }
            state.resume = Some(index);
        }
        O::MAKE_CELL => {
            if let Some(slot) = made.get_mut(instr.arg as usize) {
                *slot = true;
            }
        }
        O::COPY_FREE_VARS => state.copied = true,
        O::RETURN_GENERATOR if !state.generator => state.generator = true,
        O::POP_TOP if after_generator => {}
        _ => state.stray = state.stray.or(Some((instr.at, instr.op.name()))),
    }
    Ok(())
}

/// What the prefix must have done once the first `RESUME` is found: made
/// every cell, copied the free variables, and started exactly the
/// generator code with `RETURN_GENERATOR`.
fn check_prefix_end(code: &CodeObject, made: &[bool], state: &ScanState) -> Check<usize> {
    let Some(resume) = state.resume else {
        return problem(None, "no RESUME");
    };
    let kinds = &code.co_localspluskinds;
    if let Some(slot) = (0..kinds.len()).find(|&s| kinds[s] & CO_FAST_CELL != 0 && !made[s]) {
        return problem(None, format!("cell slot {slot} has no MAKE_CELL"));
    }
    if !state.copied && kinds.iter().any(|k| k & CO_FAST_FREE != 0) {
        return problem(None, "free variables but no COPY_FREE_VARS");
    }
    if state.generator != (code.co_flags & GENERATOR_FLAGS != 0) {
        return problem(None, "RETURN_GENERATOR must start exactly the generator and coroutine code");
    }
    Ok(resume)
}

/// Rules linking an instruction to its neighbours, checked as each
/// instruction arrives: `KW_NAMES` (a tuple of strings) right before
/// `PRECALL n` with at most n names, `PRECALL n` right before `CALL n`,
/// `MAKE_FUNCTION` right after loading a code constant, and the
/// generator-only instructions only in generators.
fn check_neighbours(
    code: &CodeObject,
    instr: &Instr,
    previous: Option<&Instr>,
    state: &mut ScanState,
) -> Check {
    use Opcode as O;
    if let Some(previous) = previous {
        check_pair_follows(previous, Some(instr), state)?;
    }
    let flags = code.co_flags;
    match instr.op {
        O::KW_NAMES => {
            state.kw_names = match code.co_consts.get(instr.arg as usize) {
                Some(Constant::Tuple(items)) if items.iter().all(|c| matches!(c, Constant::Str(_))) => {
                    Some(items.len())
                }
                _ => return problem(instr.at, "KW_NAMES constant is not a tuple of strings"),
            };
            Ok(())
        }
        O::CALL => match previous {
            Some(p) if p.op == O::PRECALL => Ok(()),
            _ => problem(instr.at, "CALL not preceded by PRECALL"),
        },
        O::MAKE_FUNCTION => check_make_function(code, instr, previous),
        O::YIELD_VALUE | O::SEND if flags & GENERATOR_FLAGS == 0 => {
            problem(instr.at, format!("{} outside generator code", instr.op.name()))
        }
        O::ASYNC_GEN_WRAP if flags & CO_ASYNC_GENERATOR == 0 => {
            problem(instr.at, "ASYNC_GEN_WRAP outside an async generator")
        }
        _ => Ok(()),
    }
}

/// The instruction after a `KW_NAMES` or a `PRECALL` (`None` at the end of
/// the code) is the one each needs.
fn check_pair_follows(previous: &Instr, next: Option<&Instr>, state: &ScanState) -> Check {
    use Opcode as O;
    match previous.op {
        O::KW_NAMES => match next {
            Some(p) if p.op == O::PRECALL && state.kw_names.is_some_and(|n| n <= p.arg as usize) => Ok(()),
            _ => problem(previous.at, "KW_NAMES not followed by a PRECALL with at least as many arguments"),
        },
        O::PRECALL => match next {
            Some(c) if c.op == O::CALL && c.arg == previous.arg => Ok(()),
            _ => problem(previous.at, "PRECALL not followed by a CALL with the same argument"),
        },
        _ => Ok(()),
    }
}

fn check_argument(code: &CodeObject, instr: &Instr) -> Check {
    let (op, arg) = (instr.op, instr.arg);
    let within = |limit: usize, what: &str| {
        if (arg as usize) < limit {
            Ok(())
        } else {
            problem(instr.at, format!("{} argument {arg} out of range: {limit} {what}", op.name()))
        }
    };
    match op.arg_kind() {
        ArgKind::Const => within(code.co_consts.len(), "constants"),
        ArgKind::Name if op == Opcode::LOAD_GLOBAL => {
            within(code.co_names.len() * 2, "names (LOAD_GLOBAL: index << 1)")
        }
        ArgKind::Name => within(code.co_names.len(), "names"),
        ArgKind::Local => {
            check_slot(code, instr, |k| k & (CO_FAST_LOCAL | CO_FAST_CELL | CO_FAST_FREE) == CO_FAST_LOCAL)
        }
        ArgKind::Free if op == Opcode::MAKE_CELL => check_slot(code, instr, |k| k & CO_FAST_CELL != 0),
        ArgKind::Free => check_slot(code, instr, |k| k & (CO_FAST_CELL | CO_FAST_FREE) != 0),
        ArgKind::Compare => within(crate::opcodes::COMPARE_OPS.len(), "comparisons"),
        ArgKind::BinaryOp => within(crate::opcodes::BINARY_OPS.len(), "binary operators"),
        // Counts beyond any stack size would wrap `stack_effect`'s i32.
        ArgKind::Count if arg > MAX_STACKSIZE => within(MAX_STACKSIZE as usize + 1, "(the largest count)"),
        ArgKind::Raw if op == Opcode::UNPACK_EX && arg > MAX_STACKSIZE => {
            within(MAX_STACKSIZE as usize + 1, "(the largest count)")
        }
        ArgKind::Count | ArgKind::Raw => check_small_argument(code, instr),
        ArgKind::None | ArgKind::JumpForward | ArgKind::JumpBackward => Ok(()),
    }
}

/// A locals-plus slot index of the kind the instruction needs.
fn check_slot(code: &CodeObject, instr: &Instr, kind_ok: impl Fn(u8) -> bool) -> Check {
    match code.co_localspluskinds.get(instr.arg as usize) {
        Some(&kind) if kind_ok(kind) => Ok(()),
        Some(&kind) => {
            problem(instr.at, format!("{} on local slot {} of kind {kind:#04x}", instr.op.name(), instr.arg))
        }
        None => problem(
            instr.at,
            format!(
                "{} argument {} out of range: {} local slots",
                instr.op.name(),
                instr.arg,
                code.co_localspluskinds.len()
            ),
        ),
    }
}

/// The operand ranges of the instructions whose argument is a count or flags.
fn check_small_argument(code: &CodeObject, instr: &Instr) -> Check {
    use Opcode as O;
    let arg = instr.arg;
    let ok = match instr.op {
        O::IS_OP | O::CONTAINS_OP | O::CALL_FUNCTION_EX => arg <= 1,
        O::RAISE_VARARGS | O::GET_AWAITABLE => arg <= 2,
        O::RESUME => arg <= 3,
        O::FORMAT_VALUE => arg < 8,
        O::MAKE_FUNCTION => arg < 16,
        O::BUILD_SLICE => arg == 2 || arg == 3,
        O::COPY | O::SWAP => arg >= 1,
        O::LIST_APPEND | O::SET_ADD | O::MAP_ADD | O::LIST_EXTEND | O::SET_UPDATE => arg >= 1,
        O::DICT_MERGE | O::DICT_UPDATE => arg >= 1,
        O::COPY_FREE_VARS => arg as usize == code.co_freevars().len(),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        problem(instr.at, format!("bad argument {arg} for {}", instr.op.name()))
    }
}

/// Where a jump goes (a code unit), if the instruction jumps.
fn jump_target(instr: &Instr) -> Check<Option<usize>> {
    let arg = instr.arg as usize;
    match instr.op.arg_kind() {
        ArgKind::JumpForward => Ok(Some(instr.next + arg)),
        ArgKind::JumpBackward => match instr.next.checked_sub(arg) {
            Some(target) => Ok(Some(target)),
            None => problem(
                instr.at,
                format!("jump target {} before the start", 2 * instr.next as i64 - 2 * arg as i64),
            ),
        },
        _ => Ok(None),
    }
}

/// A jump or handler target: an instruction boundary after the prefix, and
/// not a `CALL` (which only its `PRECALL` may reach).
fn check_target(
    instrs: &[Instr],
    starts: &[u32],
    target: usize,
    body: usize,
    at: usize,
    what: &str,
) -> Check {
    match starts.get(target).copied() {
        None => problem(at, format!("{what} {} out of range", 2 * target)),
        Some(NO_INSTR) => problem(at, format!("{what} {} not on an instruction boundary", 2 * target)),
        Some(index) if (index as usize) < body => {
            problem(at, format!("{what} {} inside the prefix", 2 * target))
        }
        Some(index) if instrs[index as usize].op == Opcode::CALL => {
            problem(at, format!("{what} {} is a CALL (only its PRECALL may reach it)", 2 * target))
        }
        Some(_) => Ok(()),
    }
}

/// `MAKE_FUNCTION` right after `LOAD_CONST` of a code object, with the
/// closure flag (0x08) set exactly when that code has free variables.
fn check_make_function(code: &CodeObject, instr: &Instr, previous: Option<&Instr>) -> Check {
    let loaded =
        previous.filter(|p| p.op == Opcode::LOAD_CONST).and_then(|p| code.co_consts.get(p.arg as usize));
    let made = match loaded {
        Some(Constant::Code(made)) => made,
        _ => return problem(instr.at, "MAKE_FUNCTION not right after loading a code constant"),
    };
    let has_free = made.co_localspluskinds.iter().any(|k| k & CO_FAST_FREE != 0);
    if has_free != (instr.arg & 0x08 != 0) {
        return problem(instr.at, "MAKE_FUNCTION's closure flag disagrees with the code's free variables");
    }
    Ok(())
}

/// Decodes the exception table and checks its entries: inside the code,
/// sorted and disjoint, targets on boundaries after the prefix, depths
/// within `co_stacksize`.
fn check_exception_table(
    code: &CodeObject,
    instrs: &[Instr],
    starts: &[u32],
    body: usize,
) -> Check<Vec<ExceptionEntry>> {
    let entries = match code.exception_entries() {
        Ok(entries) => entries,
        Err(e) => return problem(None, format!("bad exception table: {e}")),
    };
    let units = code.code_units();
    let mut previous_end = 0;
    for entry in &entries {
        let range = || format!("exception table entry {}..{}", 2 * entry.start as u64, 2 * entry.end as u64);
        if entry.start >= entry.end || entry.end as usize > units {
            return problem(None, format!("{} outside the code or empty", range()));
        }
        if entry.start < previous_end {
            return problem(None, format!("{} overlaps or precedes the one before", range()));
        }
        previous_end = entry.end;
        check_target(instrs, starts, entry.target as usize, body, entry.start as usize, "handler")
            .map_err(|p| Problem { message: format!("{}: {}", range(), p.message), ..p })?;
        if u64::from(entry.depth) + u64::from(entry.lasti) + 1 > u64::from(code.co_stacksize) {
            return problem(None, format!("{}: handler depth {} exceeds co_stacksize", range(), entry.depth));
        }
    }
    Ok(entries)
}

// ---------------------------------------------------------------------------
// Stack depth.

/// How many stack items an instruction reads (pops or peeks at): its depth
/// must be at least this. `CALL` counts 2 because `PRECALL`'s stack effect
/// already took its arguments off (as `dis.stack_effect` does).
fn inputs(op: Opcode, arg: u32) -> u64 {
    use Opcode as O;
    let n = u64::from(arg);
    match op {
        O::CACHE | O::PUSH_NULL | O::NOP | O::LOAD_BUILD_CLASS | O::LOAD_ASSERTION_ERROR => 0,
        O::RETURN_GENERATOR | O::SETUP_ANNOTATIONS | O::DELETE_NAME | O::DELETE_GLOBAL => 0,
        O::LOAD_CONST | O::LOAD_NAME | O::JUMP_FORWARD | O::LOAD_GLOBAL | O::LOAD_FAST => 0,
        O::DELETE_FAST | O::JUMP_BACKWARD_NO_INTERRUPT | O::MAKE_CELL | O::LOAD_CLOSURE => 0,
        O::LOAD_DEREF | O::DELETE_DEREF | O::JUMP_BACKWARD | O::EXTENDED_ARG => 0,
        O::LOAD_CLASSDEREF | O::COPY_FREE_VARS | O::RESUME | O::KW_NAMES => 0,
        O::POP_TOP | O::UNARY_POSITIVE | O::UNARY_NEGATIVE | O::UNARY_NOT | O::UNARY_INVERT => 1,
        O::GET_LEN | O::MATCH_MAPPING | O::MATCH_SEQUENCE | O::PUSH_EXC_INFO | O::GET_AITER => 1,
        O::GET_ANEXT | O::BEFORE_ASYNC_WITH | O::BEFORE_WITH | O::GET_ITER | O::GET_YIELD_FROM_ITER => 1,
        O::PRINT_EXPR | O::LIST_TO_TUPLE | O::RETURN_VALUE | O::IMPORT_STAR | O::YIELD_VALUE => 1,
        O::ASYNC_GEN_WRAP | O::POP_EXCEPT | O::STORE_NAME | O::UNPACK_SEQUENCE | O::FOR_ITER => 1,
        O::UNPACK_EX | O::DELETE_ATTR | O::STORE_GLOBAL | O::LOAD_ATTR | O::IMPORT_FROM => 1,
        O::JUMP_IF_FALSE_OR_POP | O::JUMP_IF_TRUE_OR_POP | O::POP_JUMP_FORWARD_IF_FALSE => 1,
        O::POP_JUMP_FORWARD_IF_TRUE | O::POP_JUMP_FORWARD_IF_NOT_NONE | O::POP_JUMP_FORWARD_IF_NONE => 1,
        O::POP_JUMP_BACKWARD_IF_NOT_NONE | O::POP_JUMP_BACKWARD_IF_NONE => 1,
        O::POP_JUMP_BACKWARD_IF_FALSE | O::POP_JUMP_BACKWARD_IF_TRUE => 1,
        O::STORE_FAST | O::GET_AWAITABLE | O::STORE_DEREF | O::LOAD_METHOD => 1,
        O::BINARY_SUBSCR | O::MATCH_KEYS | O::CHECK_EXC_MATCH | O::CHECK_EG_MATCH | O::END_ASYNC_FOR => 2,
        O::DELETE_SUBSCR | O::PREP_RERAISE_STAR | O::STORE_ATTR | O::COMPARE_OP | O::IMPORT_NAME => 2,
        O::IS_OP | O::CONTAINS_OP | O::BINARY_OP | O::SEND | O::CALL => 2,
        O::STORE_SUBSCR | O::MATCH_CLASS => 3,
        O::WITH_EXCEPT_START => 4,
        O::SWAP | O::COPY | O::BUILD_TUPLE | O::BUILD_LIST | O::BUILD_SET | O::BUILD_STRING => n,
        O::RAISE_VARARGS | O::BUILD_SLICE => n,
        O::BUILD_MAP => 2 * n,
        O::RERAISE | O::LIST_APPEND | O::SET_ADD | O::LIST_EXTEND | O::SET_UPDATE | O::DICT_UPDATE => n + 1,
        O::BUILD_CONST_KEY_MAP => n + 1,
        O::MAP_ADD | O::PRECALL => n + 2,
        O::DICT_MERGE => n + 3,
        O::MAKE_FUNCTION => 1 + u64::from((arg & 0xF).count_ones()),
        O::CALL_FUNCTION_EX => 3 + u64::from(arg & 1),
        O::FORMAT_VALUE => 1 + u64::from(arg & 4 != 0),
    }
}

/// The depth change along one edge. As `dis.stack_effect`, except that a
/// resumed `RETURN_GENERATOR` has pushed the value sent in (CPython's
/// compiler adds that prefix after computing the stack size).
fn effect(instr: &Instr, jump: bool) -> i64 {
    match instr.op {
        Opcode::RETURN_GENERATOR => 1,
        op => i64::from(op.stack_effect(instr.arg, jump)),
    }
}

const fn is_terminator(op: Opcode) -> bool {
    use Opcode as O;
    matches!(
        op,
        O::RETURN_VALUE
            | O::RAISE_VARARGS
            | O::RERAISE
            | O::JUMP_FORWARD
            | O::JUMP_BACKWARD
            | O::JUMP_BACKWARD_NO_INTERRUPT
    )
}

/// A depth not known yet, in [`Scratch::entry`].
const UNKNOWN_DEPTH: u32 = u32::MAX;
/// Not the first instruction of a basic block, in [`Scratch::entry`].
const NOT_LEADER: u32 = u32::MAX - 1;

/// The decoded code as the stack pass sees it.
struct Blocks<'a> {
    instrs: &'a [Instr],
    starts: &'a [u32],
    jumps: &'a [u32],
    handlers: &'a [ExceptionEntry],
}

impl Blocks<'_> {
    /// Marks the first instruction of each basic block in `entry`: the
    /// first instruction, every jump and handler target, and the first
    /// instruction inside and after each exception-table range (so that one
    /// handler covers a whole block). An instruction that is not a leader
    /// is reached only by falling through from the one before it.
    fn mark_leaders(&self, entry: &mut Vec<u32>) {
        entry.clear();
        entry.resize(self.instrs.len(), NOT_LEADER);
        let mut mark = |index: usize| {
            if let Some(slot) = entry.get_mut(index) {
                *slot = UNKNOWN_DEPTH;
            }
        };
        mark(0);
        for &jump in self.jumps {
            let instr = &self.instrs[jump as usize];
            if let Ok(Some(target)) = jump_target(instr) {
                mark(self.index_at(target, jump as usize));
            }
        }
        for handler in self.handlers {
            mark(self.index_at(handler.target as usize, 0));
            mark(self.instrs.partition_point(|i| i.at < handler.start as usize));
            mark(self.instrs.partition_point(|i| i.at < handler.end as usize));
        }
    }

    /// The instruction starting at code unit `unit` (jump and handler
    /// targets are checked to be instruction starts before the stack pass;
    /// `fallback` otherwise).
    fn index_at(&self, unit: usize, fallback: usize) -> usize {
        match self.starts.get(unit) {
            Some(&index) if index != NO_INSTR => index as usize,
            _ => fallback,
        }
    }
}

/// The dataflow pass over basic blocks: the depth on entry to every
/// reachable block, along fall-through, jump and exception edges, agreeing
/// wherever paths meet; within a block, the depth before each instruction
/// follows from the one before. Depths fit in a `u32` (they are checked
/// against `co_stacksize` ≤ [`MAX_STACKSIZE`] before being stored).
fn check_stack(code: &CodeObject, blocks: &Blocks, entry: &mut [u32], pending: &mut Vec<u32>) -> Check {
    let mut flow = Flow { limit: u64::from(code.co_stacksize), deepest: 0, instrs: blocks.instrs, entry };
    flow.entry[0] = 0;
    pending.clear();
    pending.push(0);
    while let Some(leader) = pending.pop() {
        walk_block(blocks, &mut flow, leader as usize, pending)?;
    }
    // CPython sizes the stack before dropping unreachable handlers, so its
    // figure may exceed ours; the slack only has to bound memory.
    let (limit, deepest) = (flow.limit, flow.deepest);
    if limit > deepest + code.code_units() as u64 {
        return problem(None, format!("co_stacksize {limit} far above the deepest stack {deepest}"));
    }
    Ok(())
}

/// Walks the block starting at instruction `leader` (already reached), up
/// to its terminator or the next leader, queueing the blocks it reaches
/// for the first time.
fn walk_block(blocks: &Blocks, flow: &mut Flow, leader: usize, pending: &mut Vec<u32>) -> Check {
    let instrs = blocks.instrs;
    let mut depth = u64::from(flow.entry[leader]);
    let handler = covering(blocks.handlers, instrs[leader].at);
    let floor = handler.map_or(0, |h| u64::from(h.depth));
    if let Some(handler) = handler {
        let handler_depth = i64::from(handler.depth) + i64::from(handler.lasti) + 1;
        let target = blocks.index_at(handler.target as usize, leader);
        if flow.reach(&instrs[leader], target, handler_depth)? {
            pending.push(target as u32);
        }
    }
    let mut index = leader;
    loop {
        let instr = &instrs[index];
        flow.deepest = flow.deepest.max(depth);
        let needed = inputs(instr.op, instr.arg);
        if depth < needed {
            return problem(
                instr.at,
                format!("stack underflow: {} reads {needed} items, depth is {depth}", instr.op.name()),
            );
        }
        if depth < floor {
            return problem(instr.at, format!("exception handler depth {floor} above stack depth {depth}"));
        }
        let flags = flags_of(instr.op);
        if flags & OP_JUMP != 0 {
            if let Some(target) = jump_target(instr)? {
                let target = blocks.index_at(target, index);
                if flow.reach(instr, target, depth as i64 + effect(instr, true))? {
                    pending.push(target as u32);
                }
            }
        }
        if flags & OP_TERMINATOR != 0 {
            return Ok(());
        }
        if index + 1 == instrs.len() {
            return problem(instr.at, format!("execution falls off the end after {}", instr.op.name()));
        }
        let after = depth as i64 + effect(instr, false);
        index += 1;
        if flow.entry[index] != NOT_LEADER {
            if flow.reach(instr, index, after)? {
                pending.push(index as u32);
            }
            return Ok(());
        }
        depth = flow.check_depth(instr, after)?;
    }
}

/// The state of [`check_stack`]'s pass.
struct Flow<'a> {
    limit: u64,
    deepest: u64,
    instrs: &'a [Instr],
    entry: &'a mut [u32],
}

impl Flow<'_> {
    /// A depth after `from`: not negative, within `co_stacksize`.
    #[inline]
    fn check_depth(&self, from: &Instr, new_depth: i64) -> Check<u64> {
        if new_depth < 0 {
            return problem(from.at, format!("stack underflow after {}", from.op.name()));
        }
        let new_depth = new_depth as u64;
        if new_depth > self.limit {
            let limit = self.limit;
            return problem(from.at, format!("stack depth {new_depth} exceeds co_stacksize {limit}"));
        }
        Ok(new_depth)
    }

    /// Records that `from` reaches the block starting at instruction
    /// `target` with `new_depth` items on the stack; whether `target` was
    /// reached for the first time.
    fn reach(&mut self, from: &Instr, target: usize, new_depth: i64) -> Check<bool> {
        let new_depth = self.check_depth(from, new_depth)?;
        match self.entry[target] {
            UNKNOWN_DEPTH | NOT_LEADER => {
                self.entry[target] = new_depth as u32;
                Ok(true)
            }
            known if u64::from(known) != new_depth => problem(
                self.instrs[target].start,
                format!("stack depth {new_depth} from offset {} disagrees with {known}", 2 * from.at),
            ),
            _ => Ok(false),
        }
    }
}

/// The exception-table entry covering code unit `unit` (entries are sorted
/// and disjoint).
fn covering(handlers: &[ExceptionEntry], unit: usize) -> Option<&ExceptionEntry> {
    let after = handlers.partition_point(|e| (e.end as usize) <= unit);
    handlers.get(after).filter(|e| e.start as usize <= unit)
}
