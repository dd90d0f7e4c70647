//! The flow graph the assembler's passes work on: CPython's `basicblock`
//! chain. Blocks keep their `ir` indices; `next` links give the layout
//! order (passes insert copies into the chain, so a `Vec` order would not
//! do), jumps name their target block, and each block carries the per-pass
//! facts CPython keeps on it (predecessors, start depth, offset, …).
//!
//! Building the graph also canonicalises what codegen handed over: real
//! direction-bearing jumps become the direction-less pseudo-jumps (the
//! assembler picks directions itself, in `emit.rs`), blocks are split after
//! a jump or a scope exit that is not last, and a jump without a valid
//! target becomes a `NOP` (never a panic).

use crate::ir::{CodeUnit, Location, Op};
use taipan_bytecode::Opcode;

/// A block, by its index in [`Graph::blocks`].
pub(super) type BlockIx = usize;

/// One instruction of the graph (`ir::Instr` plus the handler that
/// `label_exception_targets` finds for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Instr {
    pub op: Op,
    pub arg: u32,
    pub target: Option<BlockIx>,
    pub loc: Location,
    /// The exception handler covering this instruction.
    pub except: Option<BlockIx>,
}

impl Instr {
    pub fn new(op: Op, arg: u32, loc: Location) -> Instr {
        Instr { op, arg, target: None, loc, except: None }
    }

    /// Whether the instruction is a (conditional or unconditional) jump.
    pub fn is_jump(&self) -> bool {
        is_jump(self.op)
    }

    /// Whether it is `SETUP_FINALLY`, `SETUP_CLEANUP` or `SETUP_WITH`.
    pub fn is_block_push(&self) -> bool {
        matches!(self.op, Op::SetupFinally | Op::SetupCleanup | Op::SetupWith)
    }

    /// Whether [`Instr::target`] is meaningful.
    pub fn has_target(&self) -> bool {
        self.is_jump() || self.is_block_push()
    }

    pub fn is_real(&self, opcode: Opcode) -> bool {
        self.op == Op::Real(opcode)
    }

    pub fn set_nop(&mut self) {
        self.op = Op::Real(Opcode::NOP);
        self.arg = 0;
        self.target = None;
    }
}

/// `is_jump` of CPython: the pseudo-jumps and the real jumping instructions.
pub(super) fn is_jump(op: Op) -> bool {
    match op {
        Op::Real(opcode) => opcode.is_jump(),
        Op::Jump
        | Op::JumpNoInterrupt
        | Op::PopJumpIfFalse
        | Op::PopJumpIfTrue
        | Op::PopJumpIfNone
        | Op::PopJumpIfNotNone => true,
        Op::SetupFinally | Op::SetupCleanup | Op::SetupWith | Op::PopBlock => false,
    }
}

/// `RETURN_VALUE`, `RAISE_VARARGS`, `RERAISE`: control leaves the frame.
pub(super) fn is_scope_exit(op: Op) -> bool {
    matches!(op, Op::Real(Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE))
}

pub(super) fn is_unconditional_jump(op: Op) -> bool {
    matches!(
        op,
        Op::Jump
            | Op::JumpNoInterrupt
            | Op::Real(Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT)
    )
}

/// A basic block and what the passes record on it.
#[derive(Clone, Debug, Default)]
pub(super) struct Block {
    pub instrs: Vec<Instr>,
    /// The next block in layout order.
    pub next: Option<BlockIx>,
    pub predecessors: u32,
    pub visited: bool,
    /// Stack depth on entry (`i32::MIN` until `stackdepth` reaches it).
    pub start_depth: i32,
    /// The block is a handler that gets `lasti` pushed.
    pub preserve_lasti: bool,
    /// Offset in code units, from `emit`.
    pub offset: u32,
    /// Where CPython would have allocated this block: its `ir` index,
    /// then the pieces split off it (see [`Graph::allocation_order`]).
    pub rank: (usize, usize),
}

impl Block {
    pub fn last(&self) -> Option<&Instr> {
        self.instrs.last()
    }

    /// Whether the last instruction leaves the frame.
    pub fn exits_scope(&self) -> bool {
        self.last().is_some_and(|i| is_scope_exit(i.op))
    }

    /// Whether control can fall through to `next`.
    pub fn has_fallthrough(&self) -> bool {
        !self.last().is_some_and(|i| is_scope_exit(i.op) || is_unconditional_jump(i.op))
    }

    /// The line of the first instruction (`None` for an empty block).
    pub fn first_lineno(&self) -> Option<i32> {
        self.instrs.first().map(|i| i.loc.lineno)
    }
}

/// The blocks of one code unit, chained in layout order from `entry`.
#[derive(Clone, Debug)]
pub(super) struct Graph {
    pub blocks: Vec<Block>,
    pub entry: BlockIx,
}

impl Graph {
    /// The graph of `unit`'s placed blocks, canonicalised (see the module
    /// overview). Blocks that are jumped to but were never placed go last.
    pub fn from_unit(unit: &CodeUnit) -> Graph {
        let allocated = unit.blocks.iter().enumerate();
        let mut blocks: Vec<Block> = allocated
            .map(|(i, b)| Block { instrs: convert(&b.instrs), rank: (i, 0), ..Block::default() })
            .collect();
        if blocks.is_empty() {
            blocks.push(Block::default());
        }
        let count = blocks.len();
        for block in &mut blocks {
            for instr in &mut block.instrs {
                if instr.target.is_some_and(|t| t >= count) {
                    instr.target = None;
                }
                if instr.has_target() != instr.target.is_some() {
                    instr.set_nop();
                }
            }
        }
        let order = layout_with_strays(unit, &blocks);
        for pair in order.windows(2) {
            blocks[pair[0]].next = Some(pair[1]);
        }
        let mut graph = Graph { blocks, entry: order[0] };
        graph.split_after_jumps_and_exits();
        graph
    }

    /// The blocks in layout order.
    pub fn layout(&self) -> Vec<BlockIx> {
        let mut out = Vec::with_capacity(self.blocks.len());
        let mut cursor = Some(self.entry);
        while let Some(b) = cursor {
            if out.len() > self.blocks.len() {
                break; // a cycle would be a bug in a pass; never loop forever
            }
            out.push(b);
            cursor = self.blocks[b].next;
        }
        out
    }

    /// The blocks of the layout, most recently allocated first (CPython's
    /// `b_list` order, which some passes walk). Codegen allocates blocks
    /// as CPython does when it starts a new block after each jump (as
    /// `NEXT_BLOCK`); the pieces this module splits off a block rank just
    /// after it.
    pub fn allocation_order(&self) -> Vec<BlockIx> {
        let mut order = self.layout();
        order.sort_by(|&a, &b| self.blocks[b].rank.cmp(&self.blocks[a].rank));
        order
    }

    /// A new block (not yet in the chain) holding a copy of `b`'s instructions.
    pub fn copy_block(&mut self, b: BlockIx) -> BlockIx {
        let instrs = self.blocks[b].instrs.clone();
        self.blocks.push(Block { instrs, ..Block::default() });
        self.blocks.len() - 1
    }

    /// The first non-empty block at or after `b` in layout order (`b`
    /// itself if every block from there on is empty).
    pub fn skip_empty(&self, b: BlockIx) -> BlockIx {
        let mut cursor = b;
        while self.blocks[cursor].instrs.is_empty() {
            match self.blocks[cursor].next {
                Some(next) => cursor = next,
                None => return cursor,
            }
        }
        cursor
    }

    /// CPython requires a jump or scope exit to end its block; a block
    /// that goes on is split there (what follows an unconditional one is
    /// unreachable and will be dropped).
    fn split_after_jumps_and_exits(&mut self) {
        for b in self.layout() {
            let mut current = b;
            while let Some(cut) = first_early_end(&self.blocks[current].instrs) {
                let rest = self.blocks[current].instrs.split_off(cut + 1);
                let (allocated, piece) = self.blocks[current].rank;
                let next = self.blocks[current].next;
                self.blocks.push(Block {
                    instrs: rest,
                    next,
                    rank: (allocated, piece + 1),
                    ..Block::default()
                });
                let new = self.blocks.len() - 1;
                self.blocks[current].next = Some(new);
                current = new;
            }
        }
    }
}

/// The index of the first jump or exit that is not the last instruction.
fn first_early_end(instrs: &[Instr]) -> Option<usize> {
    let ends = |i: &Instr| i.is_jump() || is_scope_exit(i.op);
    instrs.iter().position(ends).filter(|&i| i + 1 < instrs.len())
}

/// `unit.order` without repeats, then any block targeted from a placed
/// block but never placed itself (until none is left).
fn layout_with_strays(unit: &CodeUnit, blocks: &[Block]) -> Vec<BlockIx> {
    let mut placed = vec![false; blocks.len()];
    let mut order = Vec::with_capacity(blocks.len());
    for id in &unit.order {
        let b = id.0 as usize;
        if b < blocks.len() && !placed[b] {
            placed[b] = true;
            order.push(b);
        }
    }
    if order.is_empty() {
        placed[0] = true;
        order.push(0);
    }
    let mut i = 0;
    while i < order.len() {
        for instr in &blocks[order[i]].instrs {
            if let Some(t) = instr.target {
                if !placed[t] {
                    placed[t] = true;
                    order.push(t);
                }
            }
        }
        i += 1;
    }
    order
}

/// The IR instructions as graph instructions, with direction-bearing
/// jumps turned into the pseudo-jumps and jump arguments zeroed (as
/// CPython's codegen leaves them).
fn convert(instrs: &[crate::ir::Instr]) -> Vec<Instr> {
    instrs
        .iter()
        .map(|i| {
            let op = canonical(i.op);
            let arg = if is_jump(op) { 0 } else { i.arg };
            Instr { op, arg, target: i.target.map(|t| t.0 as usize), loc: i.loc, except: None }
        })
        .collect()
}

fn canonical(op: Op) -> Op {
    use Opcode::*;
    match op {
        Op::Real(JUMP_FORWARD | JUMP_BACKWARD) => Op::Jump,
        Op::Real(JUMP_BACKWARD_NO_INTERRUPT) => Op::JumpNoInterrupt,
        Op::Real(POP_JUMP_FORWARD_IF_FALSE | POP_JUMP_BACKWARD_IF_FALSE) => Op::PopJumpIfFalse,
        Op::Real(POP_JUMP_FORWARD_IF_TRUE | POP_JUMP_BACKWARD_IF_TRUE) => Op::PopJumpIfTrue,
        Op::Real(POP_JUMP_FORWARD_IF_NONE | POP_JUMP_BACKWARD_IF_NONE) => Op::PopJumpIfNone,
        Op::Real(POP_JUMP_FORWARD_IF_NOT_NONE | POP_JUMP_BACKWARD_IF_NOT_NONE) => Op::PopJumpIfNotNone,
        other => other,
    }
}
