//! Line numbers through the flow graph (PEP 626), as CPython 3.11's
//! `compile.c`: `clean_basic_block` (dropping `NOP`s that do not carry a
//! line of their own), `propagate_line_numbers` (instructions without a
//! location take the one before, across an edge when the block has a
//! single predecessor) and `guarantee_lineno_for_exits` (a `return` still
//! without a line takes the last line seen).

use super::graph::{BlockIx, Graph, Instr};
use crate::ir::Location;
use taipan_bytecode::Opcode;

/// `clean_basic_block`: removes the `NOP`s whose line is already marked
/// by a neighbour (or that have none); a `NOP` followed by an instruction
/// without a line hands its location on to it, one followed by an
/// instruction on its own line just goes (that one keeps its columns).
/// The block is compacted in place.
pub(super) fn clean_block(graph: &mut Graph, b: BlockIx) {
    let Some(first_nop) = graph.blocks[b].instrs.iter().position(|i| i.is_real(Opcode::NOP)) else {
        return;
    };
    let next_lineno = next_block_lineno(graph, b);
    let instrs = &mut graph.blocks[b].instrs;
    let mut prev_lineno = first_nop.checked_sub(1).map_or(-1, |p| instrs[p].loc.lineno);
    let mut kept = first_nop;
    for src in first_nop..instrs.len() {
        let instr = instrs[src];
        if instr.is_real(Opcode::NOP) && nop_is_removable(instrs, src, prev_lineno, &next_lineno) {
            continue;
        }
        instrs[kept] = instr;
        kept += 1;
        prev_lineno = instr.loc.lineno;
    }
    instrs.truncate(kept);
}

/// The line of the first instruction of the first non-empty block after
/// `b` in layout order (`None` when there is none).
fn next_block_lineno(graph: &Graph, b: BlockIx) -> Option<i32> {
    let next = graph.skip_empty(graph.blocks[b].next?);
    graph.blocks[next].first_lineno()
}

/// Whether the `NOP` at `src` can go; moves its location onto the next
/// instruction when that one has no line.
fn nop_is_removable(
    instrs: &mut [Instr],
    src: usize,
    prev_lineno: i32,
    next_block_lineno: &Option<i32>,
) -> bool {
    let lineno = instrs[src].loc.lineno;
    if lineno < 0 || prev_lineno == lineno {
        return true;
    }
    match instrs.get(src + 1).map(|i| i.loc.lineno) {
        Some(next) if next == lineno => true,
        Some(next) if next < 0 => {
            instrs[src + 1].loc = instrs[src].loc;
            true
        }
        Some(_) => false,
        None => *next_block_lineno == Some(lineno),
    }
}

/// Cleans every block of the layout.
pub(super) fn clean_all_blocks(graph: &mut Graph) {
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        clean_block(graph, b);
    }
}

/// `propagate_line_numbers`: within a block each instruction without a
/// line takes the previous one's location; the first instruction of a
/// block with one predecessor takes the location of the instruction that
/// leads to it (fall-through or jump).
pub(super) fn propagate_line_numbers(graph: &mut Graph) {
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        if graph.blocks[b].instrs.is_empty() {
            continue;
        }
        propagate_within(&mut graph.blocks[b].instrs);
        let block = &graph.blocks[b];
        let last = *block.last().expect("non-empty block");
        if let Some(next) = block.next.filter(|_| block.has_fallthrough()) {
            inherit_location(graph, next, last.loc);
        }
        if let Some(target) = last.jump_target() {
            inherit_location(graph, target, last.loc);
        }
    }
}

fn propagate_within(instrs: &mut [Instr]) {
    let mut prev = Location::NONE;
    for instr in instrs {
        if instr.loc.lineno < 0 {
            instr.loc = prev;
        } else {
            prev = instr.loc;
        }
    }
}

/// Gives `b`'s first instruction `loc` if `b` has one predecessor and
/// that instruction has no line.
fn inherit_location(graph: &mut Graph, b: BlockIx, loc: Location) {
    let block = &mut graph.blocks[b];
    if block.predecessors == 1 {
        if let Some(first) = block.instrs.first_mut().filter(|i| i.loc.lineno < 0) {
            first.loc = loc;
        }
    }
}

/// `guarantee_lineno_for_exits`: a block ending in a line-less
/// `RETURN_VALUE` gets, on every instruction, the line of the last block
/// that ended with one (`firstlineno` at first); columns stay unknown.
pub(super) fn guarantee_lineno_for_exits(graph: &mut Graph, firstlineno: i32) {
    let mut lineno = firstlineno;
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        let instrs = &mut graph.blocks[b].instrs;
        let Some(last) = instrs.last() else { continue };
        if last.loc.lineno >= 0 {
            lineno = last.loc.lineno;
        } else if last.is_real(Opcode::RETURN_VALUE) {
            for instr in instrs.iter_mut() {
                instr.loc.lineno = lineno;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::Instr;
    use super::*;
    use crate::ir::{CodeUnit, Op};

    fn loc(line: i32) -> Location {
        Location { lineno: line, end_lineno: line, col_offset: 0, end_col_offset: 1 }
    }

    fn graph_of(instrs: &[(Opcode, Location)]) -> Graph {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        for &(op, l) in instrs {
            unit.emit(Op::Real(op), 0, None, l);
        }
        Graph::from_unit(&mut unit)
    }

    fn lines(graph: &Graph) -> Vec<(Opcode, i32)> {
        let ops = graph.blocks[0].instrs.iter();
        ops.map(|i: &Instr| match i.op {
            Op::Real(op) => (op, i.loc.lineno),
            _ => unreachable!(),
        })
        .collect()
    }

    #[test]
    fn nops_go_unless_they_carry_a_line() {
        use Opcode::*;
        let mut graph = graph_of(&[
            (NOP, Location::NONE),
            (NOP, loc(1)), // kept: next is on another line
            (LOAD_CONST, loc(2)),
            (NOP, loc(2)), // same line as before
            (NOP, loc(3)), // hands line 3 to the line-less POP_TOP
            (POP_TOP, Location::NONE),
            (RETURN_VALUE, loc(4)),
        ]);
        clean_block(&mut graph, 0);
        assert_eq!(lines(&graph), [(NOP, 1), (LOAD_CONST, 2), (POP_TOP, 3), (RETURN_VALUE, 4)]);
    }

    #[test]
    fn a_nop_before_its_own_line_leaves_the_next_columns_alone() {
        let nop = Location { col_offset: 0, ..loc(5) };
        let load = Location { col_offset: 8, ..loc(5) };
        let mut graph =
            graph_of(&[(Opcode::LOAD_CONST, loc(4)), (Opcode::NOP, nop), (Opcode::LOAD_CONST, load)]);
        clean_block(&mut graph, 0);
        assert_eq!(graph.blocks[0].instrs.len(), 2);
        assert_eq!(graph.blocks[0].instrs[1].loc, load);
    }

    #[test]
    fn lines_propagate_and_exits_get_one() {
        use Opcode::*;
        let mut graph = graph_of(&[(LOAD_CONST, Location::NONE), (RETURN_VALUE, Location::NONE)]);
        propagate_line_numbers(&mut graph);
        assert_eq!(lines(&graph), [(LOAD_CONST, -1), (RETURN_VALUE, -1)]);
        guarantee_lineno_for_exits(&mut graph, 7);
        assert_eq!(lines(&graph), [(LOAD_CONST, 7), (RETURN_VALUE, 7)]);
        assert_eq!(graph.blocks[0].instrs[0].loc.col_offset, -1);
    }
}
