//! The assembler: a [`CodeUnit`] to a CPython 3.11 `CodeObject`, through
//! the flow-graph passes of CPython 3.11's `compile.c` (its `assemble()`),
//! in the same order so that `co_code` comes out as CPython's:
//!
//! 1. the implicit `return None` at the end, `co_firstlineno`, the prefix
//!    instructions (`emit.rs`);
//! 2. `optimize_cfg`: block normalisation, `extend_block`, the peephole
//!    rewrites (`peephole.rs`), unreachable and empty blocks, redundant
//!    jumps (`flow.rs`), `NOP` removal (`lines.rs`);
//! 3. `duplicate_exits_without_lineno`, `trim_unused_consts`,
//!    `propagate_line_numbers`, `guarantee_lineno_for_exits`;
//! 4. `stackdepth` (`depth.rs`), `label_exception_targets` and the
//!    `SETUP_*` pseudo-instructions to `NOP`s (`except.rs`);
//! 5. `normalize_jumps`, `assemble_jump_offsets` with `EXTENDED_ARG`,
//!    `co_code`, the location and exception tables (`emit.rs`);
//! 6. equal tables and constants shared with the compilation's other code
//!    objects (`merge.rs`).
//!
//! The graph itself is `graph.rs`. Bad input (a jump without a target, a
//! block never placed) never panics: it yields some code object.

mod depth;
mod emit;
mod except;
mod flow;
mod graph;
mod lines;
mod merge;
mod peephole;

pub use merge::ConstCache;

use crate::ir::{CodeUnit, Location, Op};
use graph::Graph;
use taipan_bytecode::code::{CO_ASYNC_GENERATOR, CO_COROUTINE, CO_FAST_CELL, CO_GENERATOR};
use taipan_bytecode::{CodeObject, Constant, Opcode};

/// Assembles one code unit on its own (nothing shared with other units).
pub fn assemble(unit: CodeUnit) -> CodeObject {
    assemble_with(unit, &mut ConstCache::default())
}

/// Assembles one code unit of a compilation whose equal constants and
/// tables `cache` merges.
pub fn assemble_with(mut unit: CodeUnit, cache: &mut ConstCache) -> CodeObject {
    add_implicit_return(&mut unit);
    let firstlineno = first_line_number(&unit);
    let (names, kinds) = unit.localsplus();
    let mut graph = Graph::from_unit(&mut unit);
    emit::insert_prefix_instructions(&mut graph, &prefix(&unit, &kinds, firstlineno));
    let stacksize = run_passes(&mut graph, &mut unit, firstlineno);
    let units = emit::assemble_jump_offsets(&mut graph);
    let emitted = emit::emit(&graph, firstlineno, units);
    CodeObject {
        co_argcount: unit.argcount,
        co_posonlyargcount: unit.posonlyargcount,
        co_kwonlyargcount: unit.kwonlyargcount,
        co_stacksize: stacksize.max(0) as u32,
        co_flags: unit.flags,
        co_code: cache.bytes(emitted.code),
        co_consts: cache.consts(unit.consts),
        co_names: cache.names(unit.names),
        co_localsplusnames: cache.names(names),
        co_localspluskinds: cache.bytes(kinds),
        co_filename: unit.filename,
        co_name: unit.name,
        co_qualname: unit.qualname,
        co_firstlineno: firstlineno,
        co_linetable: cache.bytes(emitted.linetable),
        co_exceptiontable: cache.bytes(emitted.exceptiontable),
    }
}

/// Steps 2 to 4 and `normalize_jumps` (the overview's list): the graph
/// as it is laid out, `unit.consts` trimmed. Returns the stack depth.
fn run_passes(graph: &mut Graph, unit: &mut CodeUnit, firstlineno: i32) -> i32 {
    optimize_cfg(graph, unit);
    flow::duplicate_exits_without_lineno(graph);
    peephole::trim_unused_consts(graph, &mut unit.consts);
    lines::propagate_line_numbers(graph);
    lines::guarantee_lineno_for_exits(graph, firstlineno);
    let stacksize = depth::stackdepth(graph, unit.flags);
    except::label_exception_targets(graph);
    except::convert_exception_handlers_to_nops(graph);
    lines::clean_all_blocks(graph);
    emit::normalize_jumps(graph);
    stacksize
}

/// As CPython's `assemble()`: unless the current block returns, it gets
/// `LOAD_CONST None; RETURN_VALUE` without a location (codegen emits the
/// final `RETURN_VALUE` itself where CPython passes `addNone = 0`, as for
/// generator lambdas).
fn add_implicit_return(unit: &mut CodeUnit) {
    let Some(current) = unit.blocks.get(unit.current.0 as usize) else { return };
    if current.instrs.iter().any(|i| i.op == Op::Real(Opcode::RETURN_VALUE)) {
        return;
    }
    let none = unit.add_const(Constant::None);
    unit.emit(Op::Real(Opcode::LOAD_CONST), none, None, Location::NONE);
    unit.emit(Op::Real(Opcode::RETURN_VALUE), 0, None, Location::NONE);
}

/// `co_firstlineno`: the unit's, else the entry's first line, else 1.
fn first_line_number(unit: &CodeUnit) -> i32 {
    if unit.firstlineno != 0 {
        return unit.firstlineno;
    }
    let entry = unit.order.first().and_then(|b| unit.blocks.get(b.0 as usize));
    let first = entry.and_then(|b| b.instrs.first()).map_or(0, |i| i.loc.lineno);
    if first > 0 {
        first
    } else {
        1
    }
}

fn prefix(unit: &CodeUnit, kinds: &[u8], firstlineno: i32) -> emit::Prefix {
    let cells = kinds.iter().enumerate().filter(|(_, &k)| k & CO_FAST_CELL != 0).map(|(i, _)| i as u32);
    emit::Prefix {
        free_vars: unit.freevars.len() as u32,
        cells: cells.collect(),
        generator: unit.flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0,
        firstlineno,
    }
}

/// `optimize_cfg` of CPython 3.11.
fn optimize_cfg(graph: &mut Graph, unit: &mut CodeUnit) {
    flow::skip_empty_targets(graph);
    flow::extend_blocks(graph);
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        peephole::optimize_block(graph, b, unit);
        lines::clean_block(graph, b);
    }
    flow::extend_blocks(graph);
    flow::mark_reachable(graph);
    flow::remove_unreachable(graph);
    lines::clean_all_blocks(graph);
    flow::eliminate_empty_blocks(graph);
    if flow::remove_redundant_jumps(graph) {
        lines::clean_all_blocks(graph);
        flow::eliminate_empty_blocks(graph);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{BlockId, Instr};
    use taipan_bytecode::exceptiontable;

    /// A xorshift generator: the same "random" units on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    const PSEUDO: [Op; 10] = [
        Op::Jump,
        Op::JumpNoInterrupt,
        Op::PopJumpIfFalse,
        Op::PopJumpIfTrue,
        Op::PopJumpIfNone,
        Op::PopJumpIfNotNone,
        Op::SetupFinally,
        Op::SetupCleanup,
        Op::SetupWith,
        Op::PopBlock,
    ];

    /// Blocks of random instructions with random (sometimes missing or
    /// dangling) targets, some blocks never placed.
    fn random_unit(rng: &mut Rng) -> CodeUnit {
        let mut unit = CodeUnit::new("f", "f", "f.py", rng.below(3) as i32);
        unit.flags = [0, CO_GENERATOR, CO_COROUTINE][rng.below(3)];
        unit.consts = vec![Constant::None, Constant::Int(0), Constant::tuple(vec![])];
        unit.cellvars = vec!["c".into()];
        unit.freevars = vec!["f".into()];
        let blocks = 1 + rng.below(6);
        unit.blocks = (0..blocks).map(|_| Default::default()).collect();
        unit.order = (0..blocks).filter(|_| rng.below(5) > 0).map(|b| BlockId(b as u32)).collect();
        for b in 0..blocks {
            for _ in 0..rng.below(8) {
                let op = match rng.below(3) {
                    0 => PSEUDO[rng.below(PSEUDO.len())],
                    _ => Op::Real(Opcode::ALL[rng.below(Opcode::ALL.len())]),
                };
                let target = (rng.below(8) > 0).then(|| BlockId(rng.below(blocks + 1) as u32));
                let line = rng.below(6) as i32 - 1;
                let loc = Location { lineno: line, end_lineno: line, col_offset: line, end_col_offset: 3 };
                let arg =
                    if rng.below(50) == 0 { u32::MAX - rng.below(3) as u32 } else { rng.below(300) as u32 };
                unit.blocks[b].instrs.push(Instr::new(op, arg, target, loc));
            }
        }
        unit
    }

    /// `emit::assemble_jump_offsets` relies on it.
    #[test]
    fn jumps_end_their_blocks_after_the_passes() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for _ in 0..3000 {
            let mut unit = random_unit(&mut rng);
            add_implicit_return(&mut unit);
            let mut graph = Graph::from_unit(&mut unit);
            run_passes(&mut graph, &mut unit, 1);
            for b in graph.layout() {
                let instrs = &graph.blocks[b].instrs;
                assert!(instrs.iter().rev().skip(1).all(|i| !i.is_jump()));
            }
        }
    }

    #[test]
    fn malformed_units_never_panic() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let code = assemble(random_unit(&mut rng));
            assert_eq!(code.co_code.len() % 2, 0);
            assert!(exceptiontable::decode(&code.co_exceptiontable).is_ok());
        }
    }
}
