//! The passes that change the shape of the flow graph, as CPython 3.11's
//! `compile.c` has them: jump targets past empty blocks, `extend_block`
//! (inlining small exit blocks at unconditional jumps), `mark_reachable`
//! and the removal of unreachable code, `eliminate_empty_basic_blocks`,
//! the removal of jumps to the next block, and
//! `duplicate_exits_without_lineno`. Instruction-level rewrites are
//! `peephole.rs`; line numbers are `lines.rs`.

use super::graph::{BlockIx, Graph, Link};
use crate::ir::Op;

/// Blocks of at most this many instructions that exit are copied into
/// the blocks jumping to them (`MAX_COPY_SIZE`).
const MAX_COPY_SIZE: usize = 4;

/// Makes every jump (and `SETUP_*`) target a non-empty block, when one follows.
pub(super) fn skip_empty_targets(graph: &mut Graph) {
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        for i in graph.targets_from(b)..graph.blocks[b].instrs.len() {
            if let Some(t) = graph.blocks[b].instrs[i].target.get() {
                if graph.blocks[t].instrs.is_empty() {
                    graph.blocks[b].instrs[i].target = Link::to(graph.skip_empty(t));
                }
            }
        }
    }
}

/// `extend_block` on every block: a block ending in an unconditional
/// `JUMP` to a short exit block without line numbers (an implicit
/// `return None`) gets a copy of that block instead. Blocks go most
/// recently allocated first, as CPython walks them: a jump to a block
/// extended earlier in the same pass sees an exit block.
/// Only extending a block makes another one extendable, so when no block
/// is at the start the order need not be computed.
pub(super) fn extend_blocks(graph: &mut Graph) {
    let mut walk = graph.walk();
    let mut any = false;
    while let Some(b) = walk.next(graph) {
        any |= extendable(graph, b).is_some();
    }
    if !any {
        return;
    }
    for b in graph.allocation_order() {
        extend_block(graph, b);
    }
}

/// The block `b` could take a copy of, if any.
fn extendable(graph: &Graph, b: BlockIx) -> Option<BlockIx> {
    let last = graph.blocks[b].last()?;
    if last.op != Op::Jump {
        return None;
    }
    let target = last.target.get()?;
    let to_copy = &graph.blocks[target];
    if to_copy.instrs.len() > MAX_COPY_SIZE || !to_copy.exits_scope() {
        return None;
    }
    if to_copy.instrs.iter().any(|i| i.loc.lineno > 0) {
        return None;
    }
    Some(target)
}

fn extend_block(graph: &mut Graph, b: BlockIx) {
    let Some(target) = extendable(graph, b) else { return };
    let to_copy = &graph.blocks[target];
    let mut copied = [to_copy.instrs[0]; MAX_COPY_SIZE];
    let n = to_copy.instrs.len();
    copied[..n].copy_from_slice(&to_copy.instrs);
    let block = &mut graph.blocks[b];
    block.instrs.last_mut().expect("non-empty block").set_nop();
    block.instrs.extend_from_slice(&copied[..n]);
}

/// `mark_reachable`: counts each block's predecessors (edges from
/// reachable blocks: fall-through, jumps, `SETUP_*` handlers) by a walk
/// from the entry; a block is queued when its first edge is found.
pub(super) fn mark_reachable(graph: &mut Graph) {
    for block in &mut graph.blocks {
        block.predecessors = 0;
    }
    let entry = graph.entry;
    graph.blocks[entry].predecessors = 1;
    let mut stack = Vec::with_capacity(graph.blocks.len());
    stack.push(entry);
    while let Some(b) = stack.pop() {
        let block = &graph.blocks[b];
        if let Some(next) = block.next.filter(|_| block.has_fallthrough()) {
            add_edge(graph, next, &mut stack);
        }
        for i in graph.targets_from(b)..graph.blocks[b].instrs.len() {
            let instr = &graph.blocks[b].instrs[i];
            if let Some(target) = instr.target.get().filter(|_| instr.has_target()) {
                add_edge(graph, target, &mut stack);
            }
        }
    }
}

/// Counts one more predecessor of `b`, queueing it at its first.
#[inline]
fn add_edge(graph: &mut Graph, b: BlockIx, stack: &mut Vec<BlockIx>) {
    if graph.blocks[b].predecessors == 0 {
        stack.push(b);
    }
    graph.blocks[b].predecessors += 1;
}

/// Empties the blocks `mark_reachable` did not reach.
pub(super) fn remove_unreachable(graph: &mut Graph) {
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        if graph.blocks[b].predecessors == 0 {
            graph.blocks[b].instrs.clear();
        }
    }
}

/// `eliminate_empty_basic_blocks`: unlinks empty blocks from the chain
/// (the entry and the last block stay) and retargets jumps past them.
pub(super) fn eliminate_empty_blocks(graph: &mut Graph) {
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        if let Some(mut next) = graph.blocks[b].next {
            while graph.blocks[next].instrs.is_empty() {
                match graph.blocks[next].next {
                    Some(after) => next = after,
                    None => break,
                }
            }
            graph.blocks[b].next = Some(next);
        }
    }
    skip_empty_targets(graph);
}

/// Turns a `JUMP`/`JUMP_NO_INTERRUPT` to the very next block into a `NOP`
/// (which `clean_block` may then remove). Returns whether any was.
pub(super) fn remove_redundant_jumps(graph: &mut Graph) -> bool {
    let mut removed = false;
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        let block = &mut graph.blocks[b];
        let next = block.next;
        let Some(last) = block.instrs.last_mut() else { continue };
        if matches!(last.op, Op::Jump | Op::JumpNoInterrupt)
            && last.target.is_some()
            && last.target.get() == next
        {
            last.set_nop();
            removed = true;
        }
    }
    removed
}

/// `duplicate_exits_without_lineno`: an exit block without any line
/// number that several blocks jump to is copied for each jumping block
/// (placed after the original), so that each copy can take its one
/// predecessor's line; one reached only by falling through takes the
/// line of the block before. Blocks are visited as CPython does, most
/// recently allocated first (which decides the order of the copies).
pub(super) fn duplicate_exits_without_lineno(graph: &mut Graph) {
    if any_shared_exit_without_lineno(graph) {
        copy_shared_exits(graph);
    }
    unlink_empty_successors(graph);
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        let block = &graph.blocks[b];
        let (Some(next), Some(last)) = (block.next, block.last()) else { continue };
        if block.has_fallthrough() && is_exit_without_lineno(graph, next) {
            let loc = last.loc;
            graph.blocks[next].instrs[0].loc = loc;
        }
    }
}

/// Whether some jump lands on an exit without a line that has other
/// predecessors (what `copy_shared_exits` looks for).
fn any_shared_exit_without_lineno(graph: &Graph) -> bool {
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        let Some(target) = graph.blocks[b].last().and_then(|l| l.jump_target()) else { continue };
        if graph.blocks[target].predecessors > 1 && is_exit_without_lineno(graph, target) {
            return true;
        }
    }
    false
}

fn copy_shared_exits(graph: &mut Graph) {
    for b in graph.allocation_order() {
        let Some(last) = graph.blocks[b].last().copied() else { continue };
        let Some(target) = last.jump_target() else { continue };
        if !is_exit_without_lineno(graph, target) || graph.blocks[target].predecessors <= 1 {
            continue;
        }
        let copy = graph.copy_block(target);
        graph.blocks[copy].instrs[0].loc = last.loc;
        graph.blocks[b].instrs.last_mut().expect("non-empty block").target = Link::to(copy);
        graph.blocks[target].predecessors -= 1;
        graph.blocks[copy].predecessors = 1;
        graph.blocks[copy].next = graph.blocks[target].next;
        graph.blocks[target].next = Some(copy);
    }
}

fn unlink_empty_successors(graph: &mut Graph) {
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        while let Some(next) = graph.blocks[b].next {
            if !graph.blocks[next].instrs.is_empty() {
                break;
            }
            graph.blocks[b].next = graph.blocks[next].next;
        }
    }
}

fn is_exit_without_lineno(graph: &Graph, b: BlockIx) -> bool {
    let block = &graph.blocks[b];
    block.exits_scope() && block.instrs.iter().all(|i| i.loc.lineno < 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{CodeUnit, Location};
    use taipan_bytecode::Opcode;

    fn loc(line: i32) -> Location {
        Location { lineno: line, end_lineno: line, col_offset: 0, end_col_offset: 1 }
    }

    /// entry: JUMP -> exit; dead: NOP; exit: LOAD_CONST, RETURN_VALUE
    fn jump_to_exit() -> Graph {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        let dead = unit.new_block();
        let exit = unit.new_block();
        unit.emit(Op::Jump, 0, Some(exit), loc(1));
        unit.use_block(dead);
        unit.emit(Op::Real(Opcode::NOP), 0, None, loc(2));
        unit.use_block(exit);
        unit.emit(Op::Real(Opcode::LOAD_CONST), 0, None, Location::NONE);
        unit.emit(Op::Real(Opcode::RETURN_VALUE), 0, None, Location::NONE);
        Graph::from_unit(&mut unit)
    }

    #[test]
    fn unreachable_blocks_are_emptied_and_unlinked() {
        let mut graph = jump_to_exit();
        mark_reachable(&mut graph);
        assert_eq!(graph.blocks[1].predecessors, 0);
        assert_eq!(graph.blocks[2].predecessors, 1);
        remove_unreachable(&mut graph);
        eliminate_empty_blocks(&mut graph);
        assert_eq!(graph.layout(), vec![0, 2]);
        assert!(remove_redundant_jumps(&mut graph));
        assert!(graph.blocks[0].instrs[0].is_real(Opcode::NOP));
    }

    #[test]
    fn short_exit_blocks_are_copied_into_jumps() {
        let mut graph = jump_to_exit();
        extend_blocks(&mut graph);
        let ops: Vec<Op> = graph.blocks[0].instrs.iter().map(|i| i.op).collect();
        assert_eq!(
            ops,
            [Op::Real(Opcode::NOP), Op::Real(Opcode::LOAD_CONST), Op::Real(Opcode::RETURN_VALUE)]
        );
    }

    #[test]
    fn shared_exits_without_lines_are_duplicated() {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        let other = unit.new_block();
        let exit = unit.new_block();
        unit.emit(Op::PopJumpIfFalse, 0, Some(exit), loc(1));
        unit.use_block(other);
        unit.emit(Op::Real(Opcode::NOP), 0, None, loc(2));
        unit.emit(Op::JumpNoInterrupt, 0, Some(exit), loc(2));
        unit.use_block(exit);
        unit.emit(Op::Real(Opcode::RETURN_VALUE), 0, None, Location::NONE);
        let mut graph = Graph::from_unit(&mut unit);
        mark_reachable(&mut graph);
        assert_eq!(graph.blocks[2].predecessors, 2);
        duplicate_exits_without_lineno(&mut graph);
        // The most recently allocated jump (block 1's) gets the copy.
        assert_eq!(graph.layout(), vec![0, 1, 2, 3]);
        assert_eq!(graph.blocks[1].instrs[1].target.get(), Some(3));
        assert_eq!(graph.blocks[0].instrs[0].target.get(), Some(2));
        assert_eq!(graph.blocks[3].instrs[0].loc, loc(2));
        assert_eq!(graph.blocks[2].instrs[0].loc, Location::NONE);
    }
}
