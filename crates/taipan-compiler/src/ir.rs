//! The intermediate form between `codegen` and `assemble`: a code unit's
//! instructions grouped in basic blocks, with jumps naming target blocks
//! instead of offsets, and CPython 3.11's pseudo-instructions (direction-less
//! jumps, `SETUP_*`/`POP_BLOCK` for exception handling) not yet lowered.
//!
//! `codegen` builds one [`CodeUnit`] per scope; `assemble` turns it into a
//! `CodeObject` (and `codegen` stores nested ones as `Constant::Code`).

use taipan_bytecode::fasthash::FastHashMap;
use taipan_bytecode::{Constant, ConstantKey, Opcode, PyString};

/// A basic block, by its index in [`CodeUnit::blocks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// A source range, `-1` where CPython has `None` (lines are 1-based,
/// columns are UTF-8 byte offsets as in the AST).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col_offset: i32,
    pub end_col_offset: i32,
}

impl Location {
    /// No location at all (CPython's `NO_LOCATION`, `lineno == -1`).
    pub const NONE: Location = Location { lineno: -1, end_lineno: -1, col_offset: -1, end_col_offset: -1 };

    pub fn from_range(range: taipan_parser::ast::Range) -> Location {
        Location {
            lineno: range.start.line as i32,
            end_lineno: range.end.line as i32,
            col_offset: range.start.col as i32,
            end_col_offset: range.end.col as i32,
        }
    }
}

/// What an instruction does: a real CPython 3.11 instruction, or one of the
/// pseudo-instructions CPython's compiler emits and its assembler lowers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A real instruction. Jumping ones (`FOR_ITER`, `SEND`,
    /// `JUMP_IF_FALSE_OR_POP`, …) carry their target in [`Instr::target`].
    Real(Opcode),
    /// `JUMP`: lowered to `JUMP_FORWARD` or `JUMP_BACKWARD`.
    Jump,
    /// `JUMP_NO_INTERRUPT`: lowered to `JUMP_FORWARD` or `JUMP_BACKWARD_NO_INTERRUPT`.
    JumpNoInterrupt,
    /// Lowered to `POP_JUMP_FORWARD_IF_FALSE` or `POP_JUMP_BACKWARD_IF_FALSE`.
    PopJumpIfFalse,
    PopJumpIfTrue,
    PopJumpIfNone,
    PopJumpIfNotNone,
    /// Pushes a handler (`target`) for the instructions up to the matching
    /// `PopBlock`; the handler sees the stack as it was here.
    SetupFinally,
    /// As `SetupFinally`, and the handler also gets `lasti` pushed.
    SetupCleanup,
    /// As `SetupCleanup`, for `with`: the handler's depth excludes the
    /// `__exit__` pushed just before.
    SetupWith,
    /// Pops the innermost `Setup*` (emits nothing).
    PopBlock,
}

impl Op {
    /// Whether [`Instr::target`] must be set.
    pub fn has_target(self) -> bool {
        match self {
            Op::Real(op) => matches!(
                op.arg_kind(),
                taipan_bytecode::ArgKind::JumpForward | taipan_bytecode::ArgKind::JumpBackward
            ),
            Op::PopBlock => false,
            _ => true,
        }
    }
}

/// An optional reference to a block by index, in four bytes (what
/// `Option<u32>` would take eight for): jump targets and handlers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link(u32);

impl Link {
    /// No block.
    pub const NONE: Link = Link(u32::MAX);

    /// A link to block `b` (an index too large to link is no link).
    #[inline]
    pub fn to(b: usize) -> Link {
        Link(u32::try_from(b).unwrap_or(u32::MAX))
    }

    /// `Link::to`, or `NONE`.
    #[inline]
    pub fn from_option(b: Option<usize>) -> Link {
        b.map_or(Link::NONE, Link::to)
    }

    /// The linked block's index.
    #[inline]
    pub fn get(self) -> Option<usize> {
        (self.0 != u32::MAX).then_some(self.0 as usize)
    }

    #[inline]
    pub fn is_some(self) -> bool {
        self.0 != u32::MAX
    }
}

impl Default for Link {
    fn default() -> Link {
        Link::NONE
    }
}

/// One instruction (32 bytes: the assembler moves many of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    pub op: Op,
    /// The argument, final except for jumps (computed from `target`). For
    /// `Local`/`Free` arguments it is the index in the unit's
    /// `localsplus` layout (see [`CodeUnit::localsplus_index`]).
    pub arg: u32,
    /// The jump target or `SETUP_*` handler (a [`BlockId`]'s index).
    pub target: Link,
    /// The assembler's: the exception handler covering the instruction.
    pub except: Link,
    pub loc: Location,
}

impl Instr {
    pub fn new(op: Op, arg: u32, target: Option<BlockId>, loc: Location) -> Instr {
        let target = Link::from_option(target.map(|t| t.0 as usize));
        Instr { op, arg, target, except: Link::NONE, loc }
    }
}

/// A basic block: straight-line instructions; control leaves by a jump, a
/// return/raise, or by falling through to the next block in layout order.
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub instrs: Vec<Instr>,
}

/// One scope's code under construction: what `codegen` fills and
/// `assemble` consumes.
#[derive(Clone, Debug)]
pub struct CodeUnit {
    pub name: PyString,
    pub qualname: PyString,
    pub filename: PyString,
    pub firstlineno: i32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// `CO_*` flags known to codegen (`CO_NOFREE`, `CO_OPTIMIZED`, … are
    /// codegen's to set; `assemble` adds nothing).
    pub flags: u32,
    pub consts: Vec<Constant>,
    const_index: FastHashMap<ConstantKey, u32>,
    pub names: Vec<PyString>,
    /// Name → index in `names`.
    name_index: FastHashMap<PyString, u32>,
    /// Fast locals, arguments first (`co_varnames`).
    pub varnames: Vec<PyString>,
    /// Cell variables in CPython's order (sorted by name); an argument that
    /// is a cell keeps its argument slot.
    pub cellvars: Vec<PyString>,
    /// Free variables in CPython's order (sorted by name).
    pub freevars: Vec<PyString>,
    /// Every block ever created, indexed by `BlockId`.
    pub blocks: Vec<Block>,
    /// The blocks in layout (emission) order; `order[0]` is the entry.
    pub order: Vec<BlockId>,
    /// The block instructions are appended to.
    pub current: BlockId,
}

impl CodeUnit {
    pub fn new(name: &str, qualname: &str, filename: impl Into<PyString>, firstlineno: i32) -> CodeUnit {
        let name = PyString::from(name);
        let qualname = if name.eq_str(qualname) { name.clone() } else { PyString::from(qualname) };
        CodeUnit::named(name, qualname, filename.into(), firstlineno)
    }

    /// As [`new`](Self::new), the names already `PyString`s.
    pub fn named(name: PyString, qualname: PyString, filename: PyString, firstlineno: i32) -> CodeUnit {
        CodeUnit {
            name,
            qualname,
            filename,
            firstlineno,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            consts: Vec::new(),
            const_index: FastHashMap::default(),
            names: Vec::new(),
            name_index: FastHashMap::default(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            blocks: vec![Block::default()],
            order: vec![BlockId(0)],
            current: BlockId(0),
        }
    }

    /// A new, not yet placed block.
    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block::default());
        BlockId(self.blocks.len() as u32 - 1)
    }

    /// Places `block` next in layout order and makes it current.
    pub fn use_block(&mut self, block: BlockId) {
        self.order.push(block);
        self.current = block;
    }

    /// Appends an instruction to the current block.
    pub fn emit(&mut self, op: Op, arg: u32, target: Option<BlockId>, loc: Location) {
        debug_assert_eq!(op.has_target(), target.is_some(), "{op:?}");
        let instrs = &mut self.blocks[self.current.0 as usize].instrs;
        if instrs.capacity() == 0 {
            // Skip the first regrowths (a block's instructions start at 4).
            instrs.reserve(FIRST_BLOCK_CAPACITY);
        }
        instrs.push(Instr::new(op, arg, target, loc));
    }

    /// The index of `value` in `co_consts`, adding it if new (merged as
    /// CPython merges constants).
    ///
    /// Small tables (most functions have a handful of constants) are
    /// searched linearly; the hash index is built once the table outgrows
    /// [`SMALL_TABLE`]. NaN constants that codegen pushes directly (never
    /// merged) are left out of both searches.
    pub fn add_const(&mut self, value: Constant) -> u32 {
        if self.const_index.is_empty() {
            let found = self.consts.iter().position(|c| is_mergeable(c) && ConstantKey::same(c, &value));
            if let Some(index) = found {
                return index as u32;
            }
            if self.consts.len() < SMALL_TABLE {
                if self.consts.capacity() == 0 {
                    self.consts.reserve(SMALL_TABLE);
                }
                self.consts.push(value);
                return self.consts.len() as u32 - 1;
            }
            self.index_consts();
        }
        let key = ConstantKey(value.clone());
        if let Some(&index) = self.const_index.get(&key) {
            return index;
        }
        self.consts.push(value);
        let index = self.consts.len() as u32 - 1;
        self.const_index.insert(key, index);
        index
    }

    /// Builds the constant index from the table so far (first of equals wins,
    /// as the linear search had it).
    fn index_consts(&mut self) {
        self.const_index.reserve(INDEX_CAPACITY);
        for (i, c) in self.consts.iter().enumerate() {
            if is_mergeable(c) {
                self.const_index.entry(ConstantKey(c.clone())).or_insert(i as u32);
            }
        }
    }

    /// The index of `name` in `co_names`, adding it if new.
    /// Searched linearly while the table is small, as [`add_const`](Self::add_const).
    pub fn add_name(&mut self, name: &str) -> u32 {
        if self.name_index.is_empty() {
            if let Some(index) = position(&self.names, name) {
                return index as u32;
            }
            if self.names.len() < SMALL_TABLE {
                if self.names.capacity() == 0 {
                    self.names.reserve(SMALL_TABLE);
                }
                self.names.push(PyString::from(name));
                return self.names.len() as u32 - 1;
            }
            self.name_index.reserve(INDEX_CAPACITY);
            for (i, n) in self.names.iter().enumerate() {
                self.name_index.insert(n.clone(), i as u32);
            }
        }
        if let Some(&index) = self.name_index.get(name.as_bytes()) {
            return index;
        }
        let name = PyString::from(name);
        self.names.push(name.clone());
        let index = self.names.len() as u32 - 1;
        self.name_index.insert(name, index);
        index
    }

    /// The `localsplus` slot of a name: its `varnames` index if it is a
    /// local (cells that are arguments included), else cells not among the
    /// varnames follow, then free variables.
    pub fn localsplus_index(&self, name: &str) -> Option<u32> {
        if let Some(i) = position(&self.varnames, name) {
            return Some(i as u32);
        }
        let mut next = self.varnames.len();
        for cell in &self.cellvars {
            if position(&self.varnames, cell.as_str().unwrap_or("")).is_none() {
                if cell.eq_str(name) {
                    return Some(next as u32);
                }
                next += 1;
            }
        }
        position(&self.freevars, name).map(|i| (next + i) as u32)
    }

    /// `co_localsplusnames` and `co_localspluskinds` for this unit.
    pub fn localsplus(&self) -> (Vec<PyString>, Vec<u8>) {
        use taipan_bytecode::code::{CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL};
        let mut names = self.varnames.clone();
        let mut kinds = vec![CO_FAST_LOCAL; names.len()];
        for cell in &self.cellvars {
            match position(&self.varnames, cell.as_str().unwrap_or("")) {
                Some(i) => kinds[i] |= CO_FAST_CELL,
                None => {
                    names.push(cell.clone());
                    kinds.push(CO_FAST_CELL);
                }
            }
        }
        for free in &self.freevars {
            names.push(free.clone());
            kinds.push(CO_FAST_FREE);
        }
        (names, kinds)
    }
}

/// Constant and name tables up to this size are searched without an index.
const SMALL_TABLE: usize = 8;

/// The entries a constant or name index has room for when it is built
/// (a table that outgrew [`SMALL_TABLE`] usually grows much further).
const INDEX_CAPACITY: usize = 64;

/// The instructions a block has room for at its first instruction.
const FIRST_BLOCK_CAPACITY: usize = 16;

/// Whether `add_const` may merge a new constant with `c`: not a NaN that
/// codegen added on its own (each folded NaN stays a separate constant).
fn is_mergeable(c: &Constant) -> bool {
    match c {
        Constant::Float(x) => !x.is_nan(),
        Constant::Complex { re, im } => !re.is_nan() && !im.is_nan(),
        _ => true,
    }
}

/// Where `name` is in `list` (bytes compared: a `str` is never equal to a
/// string holding surrogates).
fn position(list: &[PyString], name: &str) -> Option<usize> {
    list.iter().position(|n| crate::names::same(n.as_wtf8(), name.as_bytes()))
}
