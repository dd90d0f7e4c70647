//! From the finished flow graph to bytes, as CPython 3.11's `compile.c`:
//! the prefix instructions (`COPY_FREE_VARS`, `MAKE_CELL`,
//! `RETURN_GENERATOR`), `normalize_jumps` (pseudo-jumps become forward or
//! backward real ones by layout), `assemble_jump_offsets` (relative jump
//! arguments, re-laid out until every `EXTENDED_ARG` prefix fits), then
//! one walk writing `co_code` with zeroed inline caches, the location
//! table and the exception table.

use super::except::HandlerRuns;
use super::graph::{BlockIx, Graph, Instr};
use crate::ir::{Location, Op};
use taipan_bytecode::linetable::{self, Position};
use taipan_bytecode::{exceptiontable, ArgKind, Opcode};

/// What `insert_prefix_instructions` needs to know about the unit.
pub(super) struct Prefix {
    pub free_vars: u32,
    /// `localsplus` indices of the cells, ascending.
    pub cells: Vec<u32>,
    pub generator: bool,
    pub firstlineno: i32,
}

/// `insert_prefix_instructions`: `COPY_FREE_VARS n`, a `MAKE_CELL` per
/// cell, then `RETURN_GENERATOR; POP_TOP` for generators and coroutines,
/// before the entry block's first instruction.
pub(super) fn insert_prefix_instructions(graph: &mut Graph, prefix: &Prefix) {
    let mut instrs = Vec::new();
    if prefix.free_vars > 0 {
        instrs.push(Instr::plain(Op::Real(Opcode::COPY_FREE_VARS), prefix.free_vars, Location::NONE));
    }
    for &cell in &prefix.cells {
        instrs.push(Instr::plain(Op::Real(Opcode::MAKE_CELL), cell, Location::NONE));
    }
    if prefix.generator {
        let line = prefix.firstlineno;
        let loc = Location { lineno: line, end_lineno: line, col_offset: -1, end_col_offset: -1 };
        instrs.push(Instr::plain(Op::Real(Opcode::RETURN_GENERATOR), 0, loc));
        instrs.push(Instr::plain(Op::Real(Opcode::POP_TOP), 0, Location::NONE));
    }
    if !instrs.is_empty() {
        graph.blocks[graph.entry].instrs.splice(0..0, instrs);
    }
}

/// `normalize_jumps`: each pseudo-jump becomes the forward or backward
/// real instruction, backward when its target is laid out at or before
/// its own block.
pub(super) fn normalize_jumps(graph: &mut Graph) {
    for block in &mut graph.blocks {
        block.visited = false;
    }
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        graph.blocks[b].visited = true;
        let Some(last) = graph.blocks[b].last() else { continue };
        let Some(target) = last.jump_target() else { continue };
        let forward = !graph.blocks[target].visited;
        if let Some(real) = directed(last.op, forward) {
            graph.blocks[b].instrs.last_mut().expect("non-empty block").op = Op::Real(real);
        }
    }
}

/// The real instruction for a pseudo-jump in the given direction.
#[inline]
fn directed(op: Op, forward: bool) -> Option<Opcode> {
    use Opcode::*;
    let (fwd, back) = match op {
        Op::Jump => (JUMP_FORWARD, JUMP_BACKWARD),
        Op::JumpNoInterrupt => (JUMP_FORWARD, JUMP_BACKWARD_NO_INTERRUPT),
        Op::PopJumpIfFalse => (POP_JUMP_FORWARD_IF_FALSE, POP_JUMP_BACKWARD_IF_FALSE),
        Op::PopJumpIfTrue => (POP_JUMP_FORWARD_IF_TRUE, POP_JUMP_BACKWARD_IF_TRUE),
        Op::PopJumpIfNone => (POP_JUMP_FORWARD_IF_NONE, POP_JUMP_BACKWARD_IF_NONE),
        Op::PopJumpIfNotNone => (POP_JUMP_FORWARD_IF_NOT_NONE, POP_JUMP_BACKWARD_IF_NOT_NONE),
        _ => return None,
    };
    Some(if forward { fwd } else { back })
}

/// The real instruction an instruction is emitted as (pseudo-instructions
/// left over — only possible from malformed input — become `NOP`).
#[inline]
fn opcode(instr: &Instr) -> Opcode {
    match instr.op {
        Op::Real(op) => op,
        other => directed(other, true).unwrap_or(Opcode::NOP),
    }
}

/// The number of `EXTENDED_ARG` prefixes `arg` needs.
#[inline]
fn extended_args(arg: u32) -> u32 {
    u32::from(arg > 0xFF) + u32::from(arg > 0xFFFF) + u32::from(arg > 0xFF_FFFF)
}

/// Code units taken by an instruction: `EXTENDED_ARG` prefixes, itself,
/// its inline caches.
#[inline]
fn instr_size(instr: &Instr) -> u32 {
    let op = opcode(instr);
    let arg = if op.has_arg() { instr.arg } else { 0 };
    extended_args(arg) + 1 + u32::from(op.cache_entries())
}

/// `assemble_jump_offsets`: block offsets and relative jump arguments (in
/// code units from the end of the jump and its caches), recomputed until
/// no argument changes an instruction's size. Returns the code's length
/// in code units.
///
/// Only a block's last instruction can be a jump (see `graph.rs`), so each
/// block's other instructions are sized once: a round re-adds the jumps'
/// sizes to those fixed parts.
pub(super) fn assemble_jump_offsets(graph: &mut Graph) -> u32 {
    let mut layout = Vec::with_capacity(graph.blocks.len());
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        let instrs = &graph.blocks[b].instrs;
        let jumps = instrs.last().is_some_and(|i| i.jump_target().is_some());
        let fixed = if jumps { &instrs[..instrs.len() - 1] } else { &instrs[..] };
        layout.push(Placed { block: b, fixed: fixed.iter().map(instr_size).sum(), jumps });
    }
    loop {
        let total = place_blocks(graph, &layout);
        if !set_jump_arguments(graph, &layout, total) {
            return total;
        }
    }
}

/// A block of the layout, with the size of its instructions but a last jump.
struct Placed {
    block: BlockIx,
    fixed: u32,
    jumps: bool,
}

/// Sets each block's offset from the sizes of the blocks before it;
/// returns the total.
fn place_blocks(graph: &mut Graph, layout: &[Placed]) -> u32 {
    let mut total = 0;
    for placed in layout {
        let block = &mut graph.blocks[placed.block];
        block.offset = total;
        total += placed.fixed;
        if placed.jumps {
            total += block.instrs.last().map_or(0, instr_size);
        }
    }
    total
}

/// Sets every jump's argument from the block offsets; true when one
/// changed its instruction's size. A jump is always the last instruction
/// of its block (see `graph.rs`), so it ends where the next block starts.
fn set_jump_arguments(graph: &mut Graph, layout: &[Placed], total: u32) -> bool {
    let mut resized = false;
    for (k, placed) in layout.iter().enumerate() {
        if !placed.jumps {
            continue;
        }
        let b = placed.block;
        let end = layout.get(k + 1).map_or(total, |next| graph.blocks[next.block].offset);
        let Some(target) = graph.blocks[b].last().and_then(Instr::jump_target) else { continue };
        let target_offset = graph.blocks[target].offset;
        let Some(jump) = graph.blocks[b].instrs.last_mut() else { continue };
        let size = instr_size(jump);
        jump.arg = match opcode(jump).arg_kind() {
            ArgKind::JumpBackward => end.saturating_sub(target_offset),
            _ => target_offset.saturating_sub(end),
        };
        resized |= instr_size(jump) != size;
    }
    resized
}

/// What the final walk over the instructions produces.
pub(super) struct Emitted {
    pub code: Vec<u8>,
    pub linetable: Vec<u8>,
    pub exceptiontable: Vec<u8>,
}

/// `co_code` (`units` code units long: every instruction with its
/// `EXTENDED_ARG`s and zeroed caches), the location table (one entry per
/// instruction, covering its code units) and the exception table, in one
/// walk.
pub(super) fn emit(graph: &Graph, firstlineno: i32, units: u32) -> Emitted {
    let mut code = CodeWriter { bytes: vec![0; 2 * units as usize], at: 0 };
    let mut lines = linetable::Encoder::new(firstlineno, units as usize);
    let mut walk = graph.walk();
    if graph.has_handlers {
        let mut handlers = HandlerRuns::default();
        while let Some(b) = walk.next(graph) {
            for instr in &graph.blocks[b].instrs {
                let size = code.write(instr);
                lines.push(size, &position(&instr.loc));
                handlers.add(graph, instr.except, size);
            }
        }
        let exceptions = handlers.finish(graph);
        let exceptiontable = exceptiontable::encode(&exceptions);
        return Emitted { code: code.finish(), linetable: lines.finish(), exceptiontable };
    }
    while let Some(b) = walk.next(graph) {
        for instr in &graph.blocks[b].instrs {
            let size = code.write(instr);
            lines.push(size, &position(&instr.loc));
        }
    }
    Emitted { code: code.finish(), linetable: lines.finish(), exceptiontable: Vec::new() }
}

/// `co_code` being written: zero-filled up front (the inline caches are
/// zeros), instructions stored at `at`.
struct CodeWriter {
    bytes: Vec<u8>,
    at: usize,
}

impl CodeWriter {
    /// Writes one instruction; returns its size in code units.
    #[inline(always)]
    fn write(&mut self, instr: &Instr) -> u32 {
        let op = opcode(instr);
        let arg = if op.has_arg() { instr.arg } else { 0 };
        let extended = extended_args(arg);
        let size = extended + 1 + u32::from(op.cache_entries());
        let end = self.at + 2 * size as usize;
        if end > self.bytes.len() {
            // Only if the sizes disagreed with `assemble_jump_offsets`.
            self.bytes.resize(end, 0);
        }
        let mut at = self.at;
        for shift in (1..=extended).rev() {
            self.bytes[at] = Opcode::EXTENDED_ARG as u8;
            self.bytes[at + 1] = (arg >> (8 * shift)) as u8;
            at += 2;
        }
        self.bytes[at] = op as u8;
        self.bytes[at + 1] = arg as u8;
        self.at = end;
        size
    }

    fn finish(mut self) -> Vec<u8> {
        self.bytes.truncate(self.at);
        self.bytes
    }
}

#[inline]
fn position(l: &Location) -> Position {
    Position { line: l.lineno, end_line: l.end_lineno, col: l.col_offset, end_col: l.end_col_offset }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::CodeUnit;

    /// A loop whose body is `n` NOPs on distinct lines: `JUMP` back to the top.
    fn loop_of(n: usize) -> Graph {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        let body = unit.new_block();
        unit.emit(Op::Real(Opcode::NOP), 0, None, Location::NONE);
        unit.use_block(body);
        for line in 0..n {
            let loc = Location {
                lineno: line as i32 + 1,
                end_lineno: line as i32 + 1,
                col_offset: 0,
                end_col_offset: 1,
            };
            unit.emit(Op::Real(Opcode::NOP), 0, None, loc);
        }
        unit.emit(Op::Jump, 0, Some(body), Location::NONE);
        Graph::from_unit(&mut unit)
    }

    #[test]
    fn backward_jumps_count_from_their_end() {
        let mut graph = loop_of(3);
        normalize_jumps(&mut graph);
        let units = assemble_jump_offsets(&mut graph);
        let code = emit(&graph, 1, units).code;
        assert_eq!(&code[8..], &[Opcode::JUMP_BACKWARD as u8, 4]);
    }

    #[test]
    fn long_jumps_get_extended_args() {
        let mut graph = loop_of(300);
        normalize_jumps(&mut graph);
        let units = assemble_jump_offsets(&mut graph);
        let code = emit(&graph, 1, units).code;
        // 300 units of body, then EXTENDED_ARG 1; JUMP_BACKWARD 46: 302 = 0x12E.
        assert_eq!(
            &code[code.len() - 4..],
            &[Opcode::EXTENDED_ARG as u8, 1, Opcode::JUMP_BACKWARD as u8, 0x2E]
        );
    }

    #[test]
    fn big_arguments_get_extended_args_and_caches_are_zero() {
        let mut writer = CodeWriter { bytes: vec![0xAA; 4], at: 0 };
        writer.write(&Instr::plain(Op::Real(Opcode::LOAD_GLOBAL), 0x12345, Location::NONE));
        let code = writer.finish();
        let ext = Opcode::EXTENDED_ARG as u8;
        assert_eq!(&code[..6], &[ext, 0x01, ext, 0x23, Opcode::LOAD_GLOBAL as u8, 0x45]);
        assert_eq!(code.len(), 2 * (3 + 5));
        assert!(code[6..].iter().all(|&b| b == 0));
        assert_eq!(instr_size(&Instr::plain(Op::Real(Opcode::NOP), 0x12345, Location::NONE)), 1);
    }

    #[test]
    fn prefix_comes_before_everything() {
        let mut graph = loop_of(1);
        let prefix = Prefix { free_vars: 2, cells: vec![0, 3], generator: true, firstlineno: 5 };
        insert_prefix_instructions(&mut graph, &prefix);
        let ops: Vec<Opcode> = graph.blocks[0].instrs.iter().map(opcode).collect();
        use Opcode::*;
        assert_eq!(ops, [COPY_FREE_VARS, MAKE_CELL, MAKE_CELL, RETURN_GENERATOR, POP_TOP, NOP]);
        assert_eq!(graph.blocks[0].instrs[3].loc.lineno, 5);
    }
}
