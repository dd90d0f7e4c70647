//! Zero-cost exception handling, as CPython 3.11's `compile.c`:
//! `label_exception_targets` walks the flow graph with a stack of active
//! handlers (pushed by `SETUP_*`, popped by `POP_BLOCK`) and records each
//! instruction's handler; `convert_exception_handlers_to_nops` then drops
//! the pseudo-instructions; and, once offsets are known,
//! [`exception_entries`] turns runs of instructions sharing a handler into
//! `co_exceptiontable` entries (depth and `lasti` from the handler block).

use super::emit::instr_size;
use super::graph::{BlockIx, Graph};
use crate::ir::Op;
use taipan_bytecode::exceptiontable::ExceptionEntry;

/// The handlers active at a point, innermost last.
type ExceptStack = Vec<BlockIx>;

/// `label_exception_targets`: sets [`Instr::except`](super::graph::Instr)
/// on every instruction but the `SETUP_*`/`POP_BLOCK`s themselves, and
/// `preserve_lasti` on the handlers of `SETUP_CLEANUP`/`SETUP_WITH`.
pub(super) fn label_exception_targets(graph: &mut Graph) {
    let mut stacks: Vec<Option<ExceptStack>> = vec![None; graph.blocks.len()];
    for block in &mut graph.blocks {
        block.visited = false;
    }
    let entry = graph.entry;
    let mut todo = vec![entry];
    graph.blocks[entry].visited = true;
    stacks[entry] = Some(Vec::new());
    while let Some(b) = todo.pop() {
        let mut stack = stacks[b].take().unwrap_or_default();
        label_block(graph, b, &mut stack, &mut stacks, &mut todo);
        let block = &graph.blocks[b];
        if let Some(next) = block.next.filter(|_| block.has_fallthrough()) {
            schedule(graph, next, stack, &mut stacks, &mut todo);
        }
    }
}

/// Labels the instructions of `b`, starting with `stack` active.
fn label_block(
    graph: &mut Graph,
    b: BlockIx,
    stack: &mut ExceptStack,
    stacks: &mut [Option<ExceptStack>],
    todo: &mut Vec<BlockIx>,
) {
    let mut handler = stack.last().copied();
    for i in 0..graph.blocks[b].instrs.len() {
        let instr = graph.blocks[b].instrs[i];
        if instr.is_block_push() {
            let Some(target) = instr.target else { continue };
            schedule(graph, target, stack.clone(), stacks, todo);
            if matches!(instr.op, Op::SetupCleanup | Op::SetupWith) {
                graph.blocks[target].preserve_lasti = true;
            }
            stack.push(target);
            handler = Some(target);
        } else if instr.op == Op::PopBlock {
            stack.pop();
            handler = stack.last().copied();
        } else {
            graph.blocks[b].instrs[i].except = handler;
            if let Some(target) = instr.target.filter(|_| instr.is_jump()) {
                schedule(graph, target, stack.clone(), stacks, todo);
            }
        }
    }
}

/// Queues `b` with `stack` the first time it is reached.
fn schedule(
    graph: &mut Graph,
    b: BlockIx,
    stack: ExceptStack,
    stacks: &mut [Option<ExceptStack>],
    todo: &mut Vec<BlockIx>,
) {
    if !graph.blocks[b].visited {
        graph.blocks[b].visited = true;
        stacks[b] = Some(stack);
        todo.push(b);
    }
}

/// `convert_exception_handlers_to_nops`.
pub(super) fn convert_exception_handlers_to_nops(graph: &mut Graph) {
    for b in graph.layout() {
        for instr in &mut graph.blocks[b].instrs {
            if instr.is_block_push() || instr.op == Op::PopBlock {
                instr.set_nop();
            }
        }
    }
}

/// The exception table: one entry per run of consecutive instructions
/// with the same handler (offsets from `emit`, depths from `depth.rs`).
pub(super) fn exception_entries(graph: &Graph) -> Vec<ExceptionEntry> {
    let mut entries = Vec::new();
    let mut handler: Option<BlockIx> = None;
    let mut start = 0;
    let mut offset = 0;
    for b in graph.layout() {
        offset = graph.blocks[b].offset;
        for instr in &graph.blocks[b].instrs {
            if instr.except != handler {
                if let Some(h) = handler {
                    entries.push(entry(graph, start, offset, h));
                }
                start = offset;
                handler = instr.except;
            }
            offset += instr_size(instr);
        }
    }
    if let Some(h) = handler {
        entries.push(entry(graph, start, offset, h));
    }
    entries.retain(|e| e.end > e.start);
    entries
}

fn entry(graph: &Graph, start: u32, end: u32, handler: BlockIx) -> ExceptionEntry {
    let block = &graph.blocks[handler];
    let lasti = block.preserve_lasti;
    let depth = block.start_depth.saturating_sub(1 + i32::from(lasti)).max(0);
    ExceptionEntry { start, end, target: block.offset, depth: depth as u32, lasti }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{CodeUnit, Location};
    use taipan_bytecode::Opcode;

    #[test]
    fn instructions_get_the_innermost_handler() {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        let (outer, inner) = (unit.new_block(), unit.new_block());
        let l = Location::NONE;
        let real = |op| Op::Real(op);
        unit.emit(Op::SetupFinally, 0, Some(outer), l);
        unit.emit(real(Opcode::NOP), 0, None, l);
        unit.emit(Op::SetupCleanup, 0, Some(inner), l);
        unit.emit(real(Opcode::NOP), 0, None, l);
        unit.emit(Op::PopBlock, 0, None, l);
        unit.emit(real(Opcode::NOP), 0, None, l);
        unit.emit(Op::PopBlock, 0, None, l);
        unit.emit(real(Opcode::RETURN_VALUE), 0, None, l);
        for handler in [outer, inner] {
            unit.use_block(handler);
            unit.emit(real(Opcode::RERAISE), 0, None, l);
        }
        let mut graph = Graph::from_unit(&unit);
        label_exception_targets(&mut graph);
        let excepts: Vec<_> = graph.blocks[0].instrs.iter().map(|i| i.except).collect();
        assert_eq!(excepts, [None, Some(1), None, Some(2), None, Some(1), None, None]);
        assert!(graph.blocks[2].preserve_lasti && !graph.blocks[1].preserve_lasti);
        assert_eq!(graph.blocks[2].instrs[0].except, Some(1));
        convert_exception_handlers_to_nops(&mut graph);
        assert_eq!(graph.blocks[0].instrs.iter().filter(|i| i.is_real(Opcode::NOP)).count(), 7);
    }
}
