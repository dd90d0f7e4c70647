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
use std::sync::Arc;

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
pub fn verify(code: &CodeObject) -> Result<(), VerifyError> {
    let mut scratch = Scratch::default();
    verify_one(code, &mut scratch)?;
    let mut pending: Vec<(Arc<CodeObject>, usize)> = code.nested_code().map(|c| (c.clone(), 1)).collect();
    while let Some((inner, depth)) = pending.pop() {
        if depth > MAX_CODE_NESTING {
            let message = format!("code objects nested more than {MAX_CODE_NESTING} deep");
            return Err(VerifyError { code: qualname(&inner), offset: None, message });
        }
        verify_one(&inner, &mut scratch)?;
        pending.extend(inner.nested_code().map(|c| (c.clone(), depth + 1)));
    }
    Ok(())
}

fn qualname(code: &CodeObject) -> String {
    String::from_utf8_lossy(code.co_qualname.as_wtf8()).into_owned()
}

/// The working buffers of the checks, reused from one code object to the
/// next (a module holds thousands of small ones).
#[derive(Default)]
struct Scratch {
    instrs: Vec<Instr>,
    starts: Vec<Option<u32>>,
    depths: Vec<u32>,
    pending: Vec<usize>,
}

/// Checks one code object, not the ones nested in it.
fn verify_one(code: &CodeObject, scratch: &mut Scratch) -> Result<(), VerifyError> {
    check_code(code, scratch).map_err(|p| VerifyError {
        code: qualname(code),
        offset: p.unit.map(|u| u * 2),
        message: p.message,
    })
}

fn check_code(code: &CodeObject, scratch: &mut Scratch) -> Check {
    check_fields(code)?;
    let Scratch { instrs, starts, depths, pending } = scratch;
    decode(&code.co_code, instrs)?;
    instruction_starts(instrs, code.code_units(), starts);
    let (instrs, starts) = (&instrs[..], &starts[..]);
    let body = check_prefix(code, instrs)?;
    for (index, instr) in instrs.iter().enumerate() {
        check_argument(code, instr)?;
        check_neighbours(code, instrs, index)?;
        if let Some(target) = jump_target(instr)? {
            check_target(instrs, starts, target, body, instr.at, "jump target")?;
        }
    }
    let handlers = check_exception_table(code, instrs, starts, body)?;
    check_stack(code, instrs, starts, &handlers, depths, pending)
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
/// be shared by every run of the code). Walked without recursion.
fn check_constants(consts: &[Constant]) -> Check {
    let mut pending: Vec<&Constant> = consts.iter().collect();
    while let Some(constant) = pending.pop() {
        match constant {
            Constant::Tuple(items) | Constant::FrozenSet(items) => pending.extend(items.iter()),
            Constant::List(_) | Constant::Dict(_) | Constant::Set(_) | Constant::StopIteration => {
                return problem(None, format!("a {} among the constants", constant.type_name()));
            }
            _ => {}
        }
    }
    Ok(())
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

/// Decodes `co_code` into `instrs` (cleared first).
fn decode(co_code: &[u8], instrs: &mut Vec<Instr>) -> Check {
    let units = co_code.len() / 2;
    let unit = |i: usize| (co_code[2 * i], co_code[2 * i + 1]);
    instrs.clear();
    instrs.reserve(units);
    let (mut i, mut chain, mut extended) = (0, 0usize, 0u32);
    while i < units {
        let (byte, arg_byte) = unit(i);
        let Some(op) = Opcode::from_u8(byte) else { return problem(i, format!("unknown opcode {byte}")) };
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
        if next > units {
            return problem(i, format!("{} lacks its {} cache entries", op.name(), op.cache_entries()));
        }
        if let Some(c) = (i + 1..next).find(|&c| unit(c) != (0, 0)) {
            return problem(c, format!("cache entry of {} is not zero", op.name()));
        }
        instrs.push(Instr { start: i - chain, at: i, op, arg, next });
        (chain, extended, i) = (0, 0, next);
    }
    if chain > 0 {
        return problem(units - chain, "EXTENDED_ARG at the end of the code");
    }
    Ok(())
}

/// For each code unit, the index of the instruction starting there (into
/// `starts`, cleared first).
fn instruction_starts(instrs: &[Instr], units: usize, starts: &mut Vec<Option<u32>>) {
    starts.clear();
    starts.resize(units, None);
    for (index, instr) in instrs.iter().enumerate() {
        starts[instr.start] = Some(index as u32);
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
    starts: &[Option<u32>],
    target: usize,
    body: usize,
    at: usize,
    what: &str,
) -> Check {
    match starts.get(target) {
        None => problem(at, format!("{what} {} out of range", 2 * target)),
        Some(None) => problem(at, format!("{what} {} not on an instruction boundary", 2 * target)),
        Some(Some(index)) if (*index as usize) < body => {
            problem(at, format!("{what} {} inside the prefix", 2 * target))
        }
        Some(Some(index)) if instrs[*index as usize].op == Opcode::CALL => {
            problem(at, format!("{what} {} is a CALL (only its PRECALL may reach it)", 2 * target))
        }
        Some(Some(_)) => Ok(()),
    }
}

/// The prefix CPython puts before the first `RESUME`: `MAKE_CELL` for every
/// cell, `COPY_FREE_VARS` when there are free variables, and
/// `RETURN_GENERATOR`, `POP_TOP` for generators; nothing else. These
/// instructions appear nowhere else. Returns the index of the `RESUME`.
fn check_prefix(code: &CodeObject, instrs: &[Instr]) -> Check<usize> {
    use Opcode as O;
    let Some(resume) = instrs.iter().position(|i| i.op == O::RESUME) else {
        return problem(None, "no RESUME");
    };
    let kinds = &code.co_localspluskinds;
    let mut made = vec![false; kinds.len()];
    let (mut copied, mut generator) = (false, false);
    for (index, instr) in instrs[..resume].iter().enumerate() {
        match instr.op {
            O::MAKE_CELL if (instr.arg as usize) < made.len() => made[instr.arg as usize] = true,
            O::COPY_FREE_VARS => copied = true,
            O::RETURN_GENERATOR if !generator && instrs.get(index + 1).map(|i| i.op) == Some(O::POP_TOP) => {
                generator = true
            }
            O::POP_TOP if index > 0 && instrs[index - 1].op == O::RETURN_GENERATOR => {}
            _ => return problem(instr.at, format!("{} before the first RESUME", instr.op.name())),
        }
    }
    if let Some(slot) = (0..kinds.len()).find(|&s| kinds[s] & CO_FAST_CELL != 0 && !made[s]) {
        return problem(None, format!("cell slot {slot} has no MAKE_CELL"));
    }
    if !copied && kinds.iter().any(|k| k & CO_FAST_FREE != 0) {
        return problem(None, "free variables but no COPY_FREE_VARS");
    }
    if generator != (code.co_flags & GENERATOR_FLAGS != 0) {
        return problem(None, "RETURN_GENERATOR must start exactly the generator and coroutine code");
    }
    if let Some(late) = instrs[resume..]
        .iter()
        .find(|i| matches!(i.op, O::MAKE_CELL | O::COPY_FREE_VARS | O::RETURN_GENERATOR))
    {
        return problem(late.at, format!("{} after the first RESUME", late.op.name()));
    }
    Ok(resume)
}

/// Rules linking an instruction to its neighbours: `KW_NAMES` (a tuple of
/// strings) right before `PRECALL n` with at most n names, `PRECALL n`
/// right before `CALL n`, `MAKE_FUNCTION` right after loading a code
/// constant, and the generator-only instructions only in generators.
fn check_neighbours(code: &CodeObject, instrs: &[Instr], index: usize) -> Check {
    use Opcode as O;
    let instr = &instrs[index];
    let next = instrs.get(index + 1);
    let previous = index.checked_sub(1).map(|p| &instrs[p]);
    let flags = code.co_flags;
    match instr.op {
        O::KW_NAMES => {
            let names = match code.co_consts.get(instr.arg as usize) {
                Some(Constant::Tuple(items)) if items.iter().all(|c| matches!(c, Constant::Str(_))) => {
                    items.len()
                }
                _ => return problem(instr.at, "KW_NAMES constant is not a tuple of strings"),
            };
            match next {
                Some(p) if p.op == O::PRECALL && names <= p.arg as usize => Ok(()),
                _ => problem(instr.at, "KW_NAMES not followed by a PRECALL with at least as many arguments"),
            }
        }
        O::PRECALL => match next {
            Some(c) if c.op == O::CALL && c.arg == instr.arg => Ok(()),
            _ => problem(instr.at, "PRECALL not followed by a CALL with the same argument"),
        },
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
    starts: &[Option<u32>],
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

fn is_terminator(op: Opcode) -> bool {
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

/// A depth not known yet, in [`check_stack`]'s table.
const UNKNOWN_DEPTH: u32 = u32::MAX;

/// The dataflow pass: the depth before every reachable instruction, along
/// fall-through, jump and exception edges. Depths fit in a `u32` (they are
/// checked against `co_stacksize` ≤ [`MAX_STACKSIZE`] before being stored).
/// The fall-through successor of an instruction is visited next, as the
/// last edge pushed on the work list would be.
fn check_stack(
    code: &CodeObject,
    instrs: &[Instr],
    starts: &[Option<u32>],
    handlers: &[ExceptionEntry],
    depths: &mut Vec<u32>,
    pending: &mut Vec<usize>,
) -> Check {
    let mut flow = Flow { limit: u64::from(code.co_stacksize), deepest: 0, instrs, depths };
    flow.depths.clear();
    flow.depths.resize(instrs.len(), UNKNOWN_DEPTH);
    flow.depths[0] = 0;
    pending.clear();
    pending.push(0);
    while let Some(mut index) = pending.pop() {
        loop {
            let instr = &instrs[index];
            let depth = u64::from(flow.depths[index]);
            let needed = inputs(instr.op, instr.arg);
            if depth < needed {
                return problem(
                    instr.at,
                    format!("stack underflow: {} reads {needed} items, depth is {depth}", instr.op.name()),
                );
            }
            if let Some(handler) = covering(handlers, instr.at) {
                if u64::from(handler.depth) > depth {
                    return problem(
                        instr.at,
                        format!("exception handler depth {} above stack depth {depth}", handler.depth),
                    );
                }
                let handler_depth = i64::from(handler.depth) + i64::from(handler.lasti) + 1;
                let target = target_index(starts, handler.target as usize, index);
                if flow.reach(instr, target, handler_depth)? {
                    pending.push(target);
                }
            }
            if let Some(target) = jump_target(instr)? {
                let target = target_index(starts, target, index);
                if flow.reach(instr, target, depth as i64 + effect(instr, true))? {
                    pending.push(target);
                }
            }
            if is_terminator(instr.op) {
                break;
            }
            if index + 1 == instrs.len() {
                return problem(instr.at, format!("execution falls off the end after {}", instr.op.name()));
            }
            if !flow.reach(instr, index + 1, depth as i64 + effect(instr, false))? {
                break;
            }
            index += 1;
        }
    }
    // CPython sizes the stack before dropping unreachable handlers, so its
    // figure may exceed ours; the slack only has to bound memory.
    let (limit, deepest) = (flow.limit, flow.deepest);
    if limit > deepest + code.code_units() as u64 {
        return problem(None, format!("co_stacksize {limit} far above the deepest stack {deepest}"));
    }
    Ok(())
}

/// The instruction starting at code unit `unit` (checked to exist before
/// the dataflow pass; `fallback` otherwise).
fn target_index(starts: &[Option<u32>], unit: usize, fallback: usize) -> usize {
    starts.get(unit).copied().flatten().map_or(fallback, |t| t as usize)
}

/// The state of [`check_stack`]'s pass.
struct Flow<'a> {
    limit: u64,
    deepest: u64,
    instrs: &'a [Instr],
    depths: &'a mut Vec<u32>,
}

impl Flow<'_> {
    /// Records that `from` reaches instruction `target` with `new_depth`
    /// items on the stack; whether `target` was reached for the first time.
    fn reach(&mut self, from: &Instr, target: usize, new_depth: i64) -> Check<bool> {
        if new_depth < 0 {
            return problem(from.at, format!("stack underflow after {}", from.op.name()));
        }
        let new_depth = new_depth as u64;
        if new_depth > self.limit {
            let limit = self.limit;
            return problem(from.at, format!("stack depth {new_depth} exceeds co_stacksize {limit}"));
        }
        match self.depths[target] {
            UNKNOWN_DEPTH => {
                self.deepest = self.deepest.max(new_depth);
                self.depths[target] = new_depth as u32;
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
