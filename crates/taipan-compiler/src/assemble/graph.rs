//! The flow graph the assembler's passes work on: CPython's `basicblock`
//! chain. Blocks keep their `ir` indices; `next` links give the layout
//! order (passes insert copies into the chain, so a `Vec` order would not
//! do), jumps name their target block, and each block carries the per-pass
//! facts CPython keeps on it (predecessors, start depth, offset, …).
//!
//! Building the graph takes the unit's blocks over in place (no copy of
//! the instructions) and canonicalises what codegen handed over: real
//! direction-bearing jumps become the direction-less pseudo-jumps (the
//! assembler picks directions itself, in `emit.rs`), blocks are split after
//! a jump or a scope exit that is not last, and a jump without a valid
//! target becomes a `NOP` (never a panic). From then on a jump is always
//! the last instruction of its block: no pass puts one anywhere else
//! (`emit.rs` relies on it). Passes walk the layout with [`Graph::walk`],
//! which allocates nothing.

use crate::ir::{CodeUnit, Op};
pub(super) use crate::ir::{Instr, Link};
use taipan_bytecode::Opcode;

/// A block, by its index in [`Graph::blocks`].
pub(super) type BlockIx = usize;

/// The assembler's view of the `ir` instruction.
impl Instr {
    /// An instruction without a target.
    pub fn plain(op: Op, arg: u32, loc: crate::ir::Location) -> Instr {
        Instr::new(op, arg, None, loc)
    }

    /// Whether the instruction is a (conditional or unconditional) jump.
    #[inline]
    pub fn is_jump(&self) -> bool {
        is_jump(self.op)
    }

    /// Whether it is `SETUP_FINALLY`, `SETUP_CLEANUP` or `SETUP_WITH`.
    #[inline]
    pub fn is_block_push(&self) -> bool {
        matches!(self.op, Op::SetupFinally | Op::SetupCleanup | Op::SetupWith)
    }

    /// Whether [`Instr::target`] is meaningful.
    #[inline]
    pub fn has_target(&self) -> bool {
        self.is_jump() || self.is_block_push()
    }

    /// The target of a jump (`None` for any other instruction).
    #[inline]
    pub fn jump_target(&self) -> Option<BlockIx> {
        self.target.get().filter(|_| self.is_jump())
    }

    #[inline]
    pub fn is_real(&self, opcode: Opcode) -> bool {
        self.op == Op::Real(opcode)
    }

    pub fn set_nop(&mut self) {
        self.op = Op::Real(Opcode::NOP);
        self.arg = 0;
        self.target = Link::NONE;
    }
}

/// `is_jump` of CPython: the pseudo-jumps and the real jumping instructions.
#[inline]
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
#[inline]
pub(super) fn is_scope_exit(op: Op) -> bool {
    matches!(op, Op::Real(Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE))
}

#[inline]
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
    /// How many times `stackdepth` queued the block.
    pub queued: u32,
    /// The block is a handler that gets `lasti` pushed.
    pub preserve_lasti: bool,
    /// Offset in code units, from `emit`.
    pub offset: u32,
    /// Where CPython would have allocated this block: its `ir` index,
    /// then the pieces split off it (see [`Graph::allocation_order`]).
    pub rank: (u32, u32),
}

impl Block {
    #[inline]
    pub fn last(&self) -> Option<&Instr> {
        self.instrs.last()
    }

    /// Whether the last instruction leaves the frame.
    pub fn exits_scope(&self) -> bool {
        self.last().is_some_and(|i| is_scope_exit(i.op))
    }

    /// Whether control can fall through to `next`.
    #[inline]
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
    /// Whether any `SETUP_*` is left after canonicalisation (passes add
    /// none): without one, no instruction has a handler.
    pub has_handlers: bool,
}

/// A walk along the layout chain. Each step reads the link out of the
/// block it returns before the caller sees it, so a pass may relink the
/// current block (the walk goes on where the chain went when it got
/// there, as over a snapshot); it stops after as many steps as there are
/// blocks, so that a cycle (a bug in a pass) never loops forever.
pub(super) struct Walk {
    next: Option<BlockIx>,
    steps: usize,
}

impl Walk {
    #[inline]
    #[allow(clippy::should_implement_trait)] // borrows the graph per step
    pub fn next(&mut self, graph: &Graph) -> Option<BlockIx> {
        let b = self.next?;
        self.steps += 1;
        if self.steps > graph.blocks.len() {
            return None;
        }
        self.next = graph.blocks[b].next;
        Some(b)
    }
}

impl Graph {
    /// The graph of `unit`'s placed blocks, canonicalised (see the module
    /// overview); the unit's blocks are moved into it. Blocks that are
    /// jumped to but were never placed go last (in the order the chain's
    /// instructions name them).
    pub fn from_unit(unit: &mut CodeUnit) -> Graph {
        let allocated = std::mem::take(&mut unit.blocks).into_iter().enumerate();
        let mut blocks: Vec<Block> = allocated
            .map(|(i, b)| Block { instrs: b.instrs, rank: (i as u32, 0), ..Block::default() })
            .collect();
        if blocks.is_empty() {
            blocks.push(Block::default());
        }
        let mut graph = Graph { blocks, entry: 0, has_handlers: false };
        let mut tail = graph.link_placed(&unit.order);
        let found = graph.canonicalise_all();
        graph.has_handlers = found.handlers;
        if found.unplaced_targets {
            graph.link_strays(&mut tail);
        }
        for block in &mut graph.blocks {
            block.visited = false;
        }
        if found.early_ends {
            graph.split_after_jumps_and_exits();
        }
        graph
    }

    /// A walk over the blocks in layout order.
    #[inline]
    pub fn walk(&self) -> Walk {
        Walk { next: Some(self.entry), steps: 0 }
    }

    /// The blocks in layout order.
    pub fn layout(&self) -> Vec<BlockIx> {
        let mut out = Vec::with_capacity(self.blocks.len());
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
            out.push(b);
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

    /// Where in block `b` the instructions with a target can be: anywhere
    /// when the graph has `SETUP_*`s, else only last (jumps end blocks).
    #[inline]
    pub fn targets_from(&self, b: BlockIx) -> usize {
        let len = self.blocks[b].instrs.len();
        if self.has_handlers {
            0
        } else {
            len.saturating_sub(1)
        }
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

    /// Chains `order` without repeats (block 0 alone if it names none),
    /// marking the chained blocks `visited`; returns the chain's tail.
    fn link_placed(&mut self, order: &[crate::ir::BlockId]) -> Option<BlockIx> {
        let mut tail = None;
        for id in order {
            let b = id.0 as usize;
            if b < self.blocks.len() && !self.blocks[b].visited {
                self.append(&mut tail, b);
            }
        }
        if tail.is_none() {
            self.append(&mut tail, 0);
        }
        tail
    }

    /// [`canonicalise`]s every instruction, noting what later steps need,
    /// in one pass over each block.
    fn canonicalise_all(&mut self) -> Found {
        let count = self.blocks.len();
        let mut found = Found::default();
        for b in 0..count {
            // Out of the graph while scanned, so that targets can be looked up.
            let mut instrs = std::mem::take(&mut self.blocks[b].instrs);
            let last = instrs.len().saturating_sub(1);
            for (k, instr) in instrs.iter_mut().enumerate() {
                if is_plain(instr) {
                    found.early_ends |= k < last && is_scope_exit(instr.op);
                    continue;
                }
                canonicalise(instr, count);
                found.handlers |= instr.is_block_push();
                if let Some(t) = instr.target.get() {
                    found.unplaced_targets |= !self.blocks[t].visited;
                }
                found.early_ends |= k < last && (instr.is_jump() || is_scope_exit(instr.op));
            }
            self.blocks[b].instrs = instrs;
        }
        found
    }
    /// Appends to the chain every block targeted from a chained block but
    /// not chained itself, until none is left.
    fn link_strays(&mut self, tail: &mut Option<BlockIx>) {
        let mut cursor = Some(self.entry);
        while let Some(b) = cursor {
            for i in 0..self.blocks[b].instrs.len() {
                if let Some(t) = self.blocks[b].instrs[i].target.get() {
                    if !self.blocks[t].visited {
                        self.append(tail, t);
                    }
                }
            }
            cursor = self.blocks[b].next;
        }
    }

    /// Puts `b` at the end of the chain being built.
    fn append(&mut self, tail: &mut Option<BlockIx>, b: BlockIx) {
        self.blocks[b].visited = true;
        match *tail {
            Some(t) => self.blocks[t].next = Some(b),
            None => self.entry = b,
        }
        *tail = Some(b);
    }

    /// CPython requires a jump or scope exit to end its block; a block
    /// that goes on is split there (what follows an unconditional one is
    /// unreachable and will be dropped).
    fn split_after_jumps_and_exits(&mut self) {
        let mut walk = self.walk();
        while let Some(b) = walk.next(self) {
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

/// What canonicalising the instructions found.
#[derive(Default)]
struct Found {
    /// A `SETUP_*`.
    handlers: bool,
    /// A jump or exit that is not last in its block.
    early_ends: bool,
    /// A target not chained by `unit.order`.
    unplaced_targets: bool,
}

/// The index of the first jump or exit that is not the last instruction.
fn first_early_end(instrs: &[Instr]) -> Option<usize> {
    let ends = |i: &Instr| i.is_jump() || is_scope_exit(i.op);
    instrs.iter().position(ends).filter(|&i| i + 1 < instrs.len())
}

/// Whether `canonicalise` would leave the instruction as it is: a real
/// instruction that does not jump, without a target or a handler (what
/// codegen emits for all but a few instructions).
#[inline]
fn is_plain(instr: &Instr) -> bool {
    matches!(instr.op, Op::Real(op) if !op.is_jump()) && !instr.target.is_some() && !instr.except.is_some()
}

/// An IR instruction made a graph instruction: direction-bearing jumps
/// become the pseudo-jumps with their argument zeroed (as CPython's
/// codegen leaves them); a target out of range is dropped, and an
/// instruction whose target is missing or unexpected becomes a `NOP`.
fn canonicalise(instr: &mut Instr, blocks: usize) {
    instr.op = canonical(instr.op);
    let jump = is_jump(instr.op);
    if jump {
        instr.arg = 0;
    }
    instr.except = Link::NONE;
    let target = instr.target.get().filter(|&t| t < blocks);
    if (jump || instr.is_block_push()) != target.is_some() {
        instr.set_nop();
    } else if target.is_none() {
        instr.target = Link::NONE;
    }
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
