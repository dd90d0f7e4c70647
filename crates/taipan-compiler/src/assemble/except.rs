//! Zero-cost exception handling, as CPython 3.11's `compile.c`:
//! `label_exception_targets` walks the flow graph with a stack of active
//! handlers (pushed by `SETUP_*`, popped by `POP_BLOCK`) and records each
//! instruction's handler; `convert_exception_handlers_to_nops` then drops
//! the pseudo-instructions; and, as `emit` writes the code,
//! [`HandlerRuns`] turns runs of instructions sharing a handler into
//! `co_exceptiontable` entries (depth and `lasti` from the handler block).

use super::graph::{BlockIx, Graph, Link};
use crate::ir::Op;
use taipan_bytecode::exceptiontable::ExceptionEntry;

/// The stacks of active handlers, innermost last, as a tree of nodes that
/// share their tails: a stack is its top node, pushing adds a node, and
/// copying a stack (for each jump) copies one index.
struct ExceptStacks {
    /// `(handler, parent)`; node 0 is the empty stack.
    nodes: Vec<(BlockIx, u32)>,
}

impl ExceptStacks {
    const EMPTY: u32 = 0;

    fn push(&mut self, stack: u32, handler: BlockIx) -> u32 {
        self.nodes.push((handler, stack));
        self.nodes.len() as u32 - 1
    }

    /// The stack without its top (the empty stack stays empty).
    fn pop(&self, stack: u32) -> u32 {
        self.nodes[stack as usize].1
    }

    fn top(&self, stack: u32) -> Option<BlockIx> {
        (stack != Self::EMPTY).then(|| self.nodes[stack as usize].0)
    }
}

/// The walk's state: the handler stack each reached block starts with,
/// and the blocks still to label.
struct Labelling {
    stacks: ExceptStacks,
    entry_stack: Vec<u32>,
    todo: Vec<BlockIx>,
}

/// `label_exception_targets`: sets [`Instr::except`](super::graph::Instr)
/// on every instruction but the `SETUP_*`/`POP_BLOCK`s themselves, and
/// `preserve_lasti` on the handlers of `SETUP_CLEANUP`/`SETUP_WITH`.
pub(super) fn label_exception_targets(graph: &mut Graph) {
    if !graph.has_handlers {
        return; // every `except` is still `Link::NONE`
    }
    for block in &mut graph.blocks {
        block.visited = false;
    }
    let mut state = Labelling {
        stacks: ExceptStacks { nodes: vec![(0, 0)] },
        entry_stack: vec![ExceptStacks::EMPTY; graph.blocks.len()],
        todo: Vec::new(),
    };
    state.schedule(graph, graph.entry, ExceptStacks::EMPTY);
    while let Some(b) = state.todo.pop() {
        let stack = state.label_block(graph, b);
        let block = &graph.blocks[b];
        if let Some(next) = block.next.filter(|_| block.has_fallthrough()) {
            state.schedule(graph, next, stack);
        }
    }
}

impl Labelling {
    /// Labels the instructions of `b`; returns the stack active at its end.
    fn label_block(&mut self, graph: &mut Graph, b: BlockIx) -> u32 {
        let mut stack = self.entry_stack[b];
        let mut handler = Link::from_option(self.stacks.top(stack));
        for i in 0..graph.blocks[b].instrs.len() {
            let instr = graph.blocks[b].instrs[i];
            if instr.is_block_push() {
                let Some(target) = instr.target.get() else { continue };
                self.schedule(graph, target, stack);
                if matches!(instr.op, Op::SetupCleanup | Op::SetupWith) {
                    graph.blocks[target].preserve_lasti = true;
                }
                stack = self.stacks.push(stack, target);
                handler = Link::to(target);
            } else if instr.op == Op::PopBlock {
                stack = self.stacks.pop(stack);
                handler = Link::from_option(self.stacks.top(stack));
            } else {
                graph.blocks[b].instrs[i].except = handler;
                if let Some(target) = instr.jump_target() {
                    self.schedule(graph, target, stack);
                }
            }
        }
        stack
    }

    /// Queues `b` with `stack` the first time it is reached.
    fn schedule(&mut self, graph: &mut Graph, b: BlockIx, stack: u32) {
        if !graph.blocks[b].visited {
            graph.blocks[b].visited = true;
            self.entry_stack[b] = stack;
            self.todo.push(b);
        }
    }
}

/// `convert_exception_handlers_to_nops`.
pub(super) fn convert_exception_handlers_to_nops(graph: &mut Graph) {
    if !graph.has_handlers {
        return;
    }
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        for instr in &mut graph.blocks[b].instrs {
            if instr.is_block_push() || instr.op == Op::PopBlock {
                instr.set_nop();
            }
        }
    }
}

/// The exception table as it is emitted: one entry per run of
/// consecutive instructions with the same handler (offsets from `emit`,
/// depths from `depth.rs`).
#[derive(Default)]
pub(super) struct HandlerRuns {
    entries: Vec<ExceptionEntry>,
    /// The handler of the current run, and where that run started.
    handler: Link,
    start: u32,
    /// The offset of the next instruction.
    offset: u32,
}

impl HandlerRuns {
    /// Adds the next instruction: `size` code units covered by `except`.
    pub fn add(&mut self, graph: &Graph, except: Link, size: u32) {
        if except != self.handler {
            self.close_run(graph);
            self.start = self.offset;
            self.handler = except;
        }
        self.offset += size;
    }

    /// The entries, empty runs left out.
    pub fn finish(mut self, graph: &Graph) -> Vec<ExceptionEntry> {
        self.close_run(graph);
        self.entries
    }

    fn close_run(&mut self, graph: &Graph) {
        if let Some(h) = self.handler.get() {
            if self.offset > self.start {
                self.entries.push(entry(graph, self.start, self.offset, h));
            }
        }
    }
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
        let mut graph = Graph::from_unit(&mut unit);
        label_exception_targets(&mut graph);
        let excepts: Vec<_> = graph.blocks[0].instrs.iter().map(|i| i.except.get()).collect();
        assert_eq!(excepts, [None, Some(1), None, Some(2), None, Some(1), None, None]);
        assert!(graph.blocks[2].preserve_lasti && !graph.blocks[1].preserve_lasti);
        assert_eq!(graph.blocks[2].instrs[0].except.get(), Some(1));
        convert_exception_handlers_to_nops(&mut graph);
        assert_eq!(graph.blocks[0].instrs.iter().filter(|i| i.is_real(Opcode::NOP)).count(), 7);
    }
}
