//! The maximum stack depth (`co_stacksize`), as CPython 3.11's
//! `stackdepth`: a walk over the flow graph recording each block's depth on
//! entry, following fall-through, jumps and `SETUP_*` handler edges. The
//! stack effects of real instructions come from the instruction table
//! (`Opcode::stack_effect`); the pseudo-instructions' are here. Handler
//! depths recorded here feed the exception table (`except.rs`).

use super::graph::{is_scope_exit, Graph};
use crate::ir::Op;
use taipan_bytecode::code::{CO_ASYNC_GENERATOR, CO_COROUTINE, CO_GENERATOR};

/// A block's recorded depth is never raised past this (CPython's guard
/// against walking a block again and again).
const DEPTH_REVISIT_LIMIT: i32 = 100;

/// How many times one block may be queued. Valid code reaches each block
/// with one depth, so queues it once; malformed code could otherwise climb
/// from a hugely negative depth to the limit above one step at a time.
const MAX_QUEUEINGS: u32 = 100;

/// Arguments are clamped to this before computing a stack effect, so that
/// no malformed argument can overflow the arithmetic (real code has no
/// count anywhere near it).
const MAX_EFFECT_ARG: u32 = 1 << 24;

/// The stack effect of `op`, on the fall-through path or (with `jump`)
/// on the jump/handler path, as compile.c's `stack_effect`.
#[inline]
pub(super) fn stack_effect(op: Op, arg: u32, jump: bool) -> i32 {
    match op {
        Op::Real(opcode) => opcode.stack_effect(arg.min(MAX_EFFECT_ARG), jump),
        // The handler sees the stack as at the SETUP, plus the exception
        // (and lasti, for SETUP_CLEANUP; SETUP_WITH's handler has lost
        // __enter__'s result but gained the exception).
        Op::SetupFinally | Op::SetupWith => i32::from(jump),
        Op::SetupCleanup => 2 * i32::from(jump),
        Op::PopBlock | Op::Jump | Op::JumpNoInterrupt => 0,
        Op::PopJumpIfFalse | Op::PopJumpIfTrue | Op::PopJumpIfNone | Op::PopJumpIfNotNone => -1,
    }
}

/// The maximum depth over the whole graph; sets every reached block's
/// `start_depth`. Generators and coroutines start with one item (what
/// `RETURN_GENERATOR` leaves for its `POP_TOP`).
pub(super) fn stackdepth(graph: &mut Graph, flags: u32) -> i32 {
    for block in &mut graph.blocks {
        block.start_depth = i32::MIN;
        block.queued = 0;
    }
    let generator = flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0;
    let mut queue = Queue { stack: Vec::with_capacity(graph.blocks.len()) };
    let mut max_depth = 0;
    queue.push(graph, graph.entry, i32::from(generator));
    while let Some(b) = queue.stack.pop() {
        let mut depth = graph.blocks[b].start_depth;
        let mut falls_through = true;
        // Out of the graph while it is walked (`push` only sets depths).
        let instrs = std::mem::take(&mut graph.blocks[b].instrs);
        for instr in &instrs {
            let (op, arg) = (instr.op, instr.arg);
            if instr.target.is_some() && instr.has_target() {
                let target_depth = depth.saturating_add(stack_effect(op, arg, true));
                max_depth = max_depth.max(target_depth);
                if let Some(target) = instr.target.get() {
                    queue.push(graph, target, target_depth);
                }
            }
            depth = depth.saturating_add(stack_effect(op, arg, false));
            max_depth = max_depth.max(depth);
            if ends_flow(op) {
                falls_through = false;
                break;
            }
        }
        graph.blocks[b].instrs = instrs;
        if let Some(next) = graph.blocks[b].next.filter(|_| falls_through) {
            queue.push(graph, next, depth);
        }
    }
    max_depth
}

/// Whether control never goes on after `op`: unconditional jumps and exits.
#[inline]
fn ends_flow(op: Op) -> bool {
    matches!(op, Op::Jump | Op::JumpNoInterrupt) || is_scope_exit(op)
}

/// The blocks waiting to be walked (how often each was: `Block::queued`).
struct Queue {
    stack: Vec<usize>,
}

impl Queue {
    /// `stackdepth_push`: records `depth` for `b` and queues it, the
    /// first time it is reached (or when reached deeper, within limits).
    fn push(&mut self, graph: &mut Graph, b: usize, depth: i32) {
        let block = &mut graph.blocks[b];
        if block.start_depth < depth
            && block.start_depth < DEPTH_REVISIT_LIMIT
            && block.queued < MAX_QUEUEINGS
        {
            block.start_depth = depth;
            block.queued += 1;
            self.stack.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{CodeUnit, Location};
    use taipan_bytecode::Opcode;

    #[test]
    fn handlers_start_deeper_and_depth_is_the_maximum() {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        let handler = unit.new_block();
        let l = Location::NONE;
        unit.emit(Op::Real(Opcode::LOAD_CONST), 0, None, l);
        unit.emit(Op::SetupCleanup, 0, Some(handler), l);
        unit.emit(Op::Real(Opcode::LOAD_CONST), 0, None, l);
        unit.emit(Op::Real(Opcode::POP_TOP), 0, None, l);
        unit.emit(Op::PopBlock, 0, None, l);
        unit.emit(Op::Real(Opcode::RETURN_VALUE), 0, None, l);
        unit.use_block(handler);
        unit.emit(Op::Real(Opcode::RERAISE), 0, None, l);
        let mut graph = Graph::from_unit(&mut unit);
        assert_eq!(stackdepth(&mut graph, 0), 3);
        assert_eq!(graph.blocks[1].start_depth, 3);
        assert_eq!(stackdepth(&mut graph, CO_GENERATOR), 4);
    }
}
