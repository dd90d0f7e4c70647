//! Instruction-level rewrites of one block, as CPython 3.11's
//! `optimize_basic_block`: constant conditions (`LOAD_CONST` before a
//! conditional jump, `x is None` jumps), tuples of constants, jump
//! threading, `BUILD_TUPLE n; UNPACK_SEQUENCE n`, `swaptimize` and static
//! swaps, `PUSH_NULL; LOAD_GLOBAL`; and `trim_unused_consts`. Rewritten
//! instructions keep their location; dead ones become `NOP`s for
//! `lines::clean_block`. Graph-shape passes are `flow.rs`.

use super::graph::{BlockIx, Graph, Instr, Link};
use crate::ir::{CodeUnit, Op};
use taipan_bytecode::{Constant, Opcode};

/// `optimize_basic_block` on block `b`; `unit`'s constants may grow
/// (folded tuples, merged with equal constants as `add_const` merges).
pub(super) fn optimize_block(graph: &mut Graph, b: BlockIx, unit: &mut CodeUnit) {
    // Threading through a cycle of jumps would never end (CPython loops
    // there too); no real chain is longer than the number of blocks.
    let revisit_limit = graph.blocks.len() + 1;
    let (mut i, mut revisits) = (0usize, 0);
    while i < graph.blocks[b].instrs.len() {
        if !may_rewrite(&graph.blocks[b].instrs[i]) {
            revisits = 0;
            i += 1;
            continue;
        }
        let target = retarget_past_empty(graph, b, i);
        let step_back = optimize_instr(graph, b, &mut i, target, unit);
        if step_back && revisits < revisit_limit {
            revisits += 1;
            continue; // look at the rewritten instruction again
        }
        revisits = 0;
        i += 1;
    }
}

/// Whether [`optimize_instr`] may change `instr` (or its target): it has
/// a target, or it starts one of the patterns without one.
#[inline]
fn may_rewrite(instr: &Instr) -> bool {
    use Opcode::*;
    instr.target.is_some() || matches!(instr.op, Op::Real(LOAD_CONST | BUILD_TUPLE | SWAP | PUSH_NULL))
}

/// Skips empty blocks in instruction `i`'s target; returns the target's
/// first instruction (`None` when it has no target).
fn retarget_past_empty(graph: &mut Graph, b: BlockIx, i: usize) -> Option<Instr> {
    let instr = &graph.blocks[b].instrs[i];
    let target = instr.target.get().filter(|_| instr.has_target())?;
    if graph.blocks[target].instrs.is_empty() {
        let target = graph.skip_empty(target);
        graph.blocks[b].instrs[i].target = Link::to(target);
        return graph.blocks[target].instrs.first().copied();
    }
    graph.blocks[target].instrs.first().copied()
}

/// One step of the switch of `optimize_basic_block`; true when the
/// instruction at `*i` must be looked at again.
fn optimize_instr(
    graph: &mut Graph,
    b: BlockIx,
    i: &mut usize,
    target: Option<Instr>,
    unit: &mut CodeUnit,
) -> bool {
    let instrs = &mut graph.blocks[b].instrs;
    let inst = instrs[*i];
    let next_op = instrs.get(*i + 1).map(|n| n.op);
    let target_op = target.map(|t| t.op);
    match inst.op {
        Op::Real(Opcode::LOAD_CONST) => fold_constant_condition(instrs, *i, &unit.consts),
        Op::Real(Opcode::BUILD_TUPLE) => optimize_build_tuple(instrs, *i, unit),
        Op::Real(Opcode::JUMP_IF_FALSE_OR_POP) => {
            return thread_or_pop(graph, b, *i, target, false);
        }
        Op::Real(Opcode::JUMP_IF_TRUE_OR_POP) => {
            return thread_or_pop(graph, b, *i, target, true);
        }
        Op::PopJumpIfFalse | Op::PopJumpIfTrue | Op::PopJumpIfNone | Op::PopJumpIfNotNone | Op::Jump
            if target_op == Some(Op::Jump) =>
        {
            return jump_thread(&mut instrs[*i], target, inst.op);
        }
        Op::Real(Opcode::SWAP) => {
            if inst.arg == 1 {
                instrs[*i].set_nop();
            } else {
                *i = swaptimize(instrs, *i);
                apply_static_swaps(instrs, *i);
            }
        }
        Op::Real(Opcode::PUSH_NULL) if next_op == Some(Op::Real(Opcode::LOAD_GLOBAL)) => {
            instrs[*i].set_nop();
            instrs[*i + 1].arg |= 1;
        }
        _ => {}
    }
    false
}

/// `jump_thread`: retargets `inst` to where the jump it lands on goes, as
/// `opcode`, if both are on one line and that changes anything. True
/// when it did.
fn jump_thread(inst: &mut Instr, target: Option<Instr>, opcode: Op) -> bool {
    let Some(target) = target else { return false };
    if inst.loc.lineno == target.loc.lineno && inst.target != target.target {
        inst.target = target.target;
        inst.op = opcode;
        return true;
    }
    false
}

/// `JUMP_IF_FALSE_OR_POP` (or, with `on_true`, `JUMP_IF_TRUE_OR_POP`)
/// landing on another test: thread through a test of the same sense, or
/// jump past one of the opposite sense as a popping jump.
fn thread_or_pop(graph: &mut Graph, b: BlockIx, i: usize, target: Option<Instr>, on_true: bool) -> bool {
    let (same_pop, same_keep, other_pop, other_keep) = if on_true {
        (Op::PopJumpIfTrue, Opcode::JUMP_IF_TRUE_OR_POP, Op::PopJumpIfFalse, Opcode::JUMP_IF_FALSE_OR_POP)
    } else {
        (Op::PopJumpIfFalse, Opcode::JUMP_IF_FALSE_OR_POP, Op::PopJumpIfTrue, Opcode::JUMP_IF_TRUE_OR_POP)
    };
    let Some(t) = target else { return false };
    let inst = &mut graph.blocks[b].instrs[i];
    if t.op == same_pop {
        return jump_thread(inst, target, same_pop);
    }
    if t.op == Op::Jump || t.op == Op::Real(same_keep) {
        return jump_thread(inst, target, Op::Real(same_keep));
    }
    if (t.op == other_pop || t.op == Op::Real(other_keep)) && inst.loc.lineno == t.loc.lineno {
        let Some(after) = inst.target.get().and_then(|tb| graph.blocks[tb].next) else { return false };
        let inst = &mut graph.blocks[b].instrs[i];
        inst.op = same_pop;
        inst.target = Link::to(after);
        return true;
    }
    false
}

/// `LOAD_CONST c` before a conditional jump whose outcome `c` decides,
/// and `LOAD_CONST None; IS_OP; POP_JUMP_IF_*` as a None test.
fn fold_constant_condition(instrs: &mut [Instr], i: usize, consts: &[Constant]) {
    let Some(value) = consts.get(instrs[i].arg as usize) else { return };
    let Some(next) = instrs.get(i + 1).copied() else { return };
    match next.op {
        Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
            let jumps = truthiness(value) == (next.op == Op::PopJumpIfTrue);
            instrs[i].set_nop();
            if jumps {
                instrs[i + 1].op = Op::Jump;
            } else {
                instrs[i + 1].set_nop();
            }
        }
        Op::Real(Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP) => {
            let jumps = truthiness(value) == (next.op == Op::Real(Opcode::JUMP_IF_TRUE_OR_POP));
            if jumps {
                instrs[i + 1].op = Op::Jump;
            } else {
                instrs[i].set_nop();
                instrs[i + 1].set_nop();
            }
        }
        Op::Real(Opcode::IS_OP) => fold_is_none_jump(instrs, i, value),
        _ => {}
    }
}

fn fold_is_none_jump(instrs: &mut [Instr], i: usize, value: &Constant) {
    let Some(jump) = instrs.get(i + 2).map(|j| j.op) else { return };
    if *value != Constant::None || !matches!(jump, Op::PopJumpIfFalse | Op::PopJumpIfTrue) {
        return;
    }
    let negated = instrs[i + 1].arg & 0xFF != 0;
    instrs[i].set_nop();
    instrs[i + 1].set_nop();
    let if_not_none = negated ^ (jump == Op::PopJumpIfFalse);
    instrs[i + 2].op = if if_not_none { Op::PopJumpIfNotNone } else { Op::PopJumpIfNone };
}

/// Python's truth value of a constant.
pub(super) fn truthiness(value: &Constant) -> bool {
    match value {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(n) => *n != 0,
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { re, im } => *re != 0.0 || *im != 0.0,
        Constant::Str(s) => !s.as_wtf8().is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(items)
        | Constant::FrozenSet(items)
        | Constant::List(items)
        | Constant::Set(items) => !items.is_empty(),
        Constant::Dict(items) => !items.is_empty(),
        Constant::BigInt(_) | Constant::Ellipsis | Constant::Code(_) | Constant::StopIteration => true,
    }
}

/// `BUILD_TUPLE n` after `UNPACK_SEQUENCE n` (n ≤ 3) becomes `SWAP`s or
/// nothing; after `n` constants it becomes one constant tuple.
fn optimize_build_tuple(instrs: &mut [Instr], i: usize, unit: &mut CodeUnit) {
    let n = instrs[i].arg as usize;
    let unpacks_same =
        instrs.get(i + 1).is_some_and(|u| u.is_real(Opcode::UNPACK_SEQUENCE) && u.arg as usize == n);
    if unpacks_same && (1..=3).contains(&n) {
        instrs[i].set_nop();
        if n == 1 {
            instrs[i + 1].set_nop();
        } else {
            instrs[i + 1].op = Op::Real(Opcode::SWAP);
        }
        return;
    }
    if i >= n {
        fold_tuple_of_constants(instrs, i - n, n, unit);
    }
}

/// `fold_tuple_on_constants`: `LOAD_CONST`×n `BUILD_TUPLE n` → `LOAD_CONST tuple`.
fn fold_tuple_of_constants(instrs: &mut [Instr], start: usize, n: usize, unit: &mut CodeUnit) {
    let loads = &instrs[start..start + n];
    let consts = &unit.consts;
    if !loads.iter().all(|l| l.is_real(Opcode::LOAD_CONST) && (l.arg as usize) < consts.len()) {
        return;
    }
    let items: Vec<Constant> = loads.iter().map(|l| consts[l.arg as usize].clone()).collect();
    let index = unit.add_const(Constant::tuple(items));
    for load in &mut instrs[start..start + n] {
        load.set_nop();
    }
    instrs[start + n].op = Op::Real(Opcode::LOAD_CONST);
    instrs[start + n].arg = index;
}

const VISITED: i64 = -1;

/// The deepest `SWAP` run `swaptimize` will simulate.
const MAX_SWAP_DEPTH: usize = 1 << 16;

/// `swaptimize`: replaces the run of `SWAP`s and `NOP`s starting at `ix`
/// with the fewest `SWAP`s having the same effect. Returns the index of
/// the run's last instruction.
fn swaptimize(instrs: &mut [Instr], ix: usize) -> usize {
    let mut depth = instrs[ix].arg as usize;
    let mut len = 1;
    let mut more = false;
    while ix + len < instrs.len() {
        let instr = &instrs[ix + len];
        if instr.is_real(Opcode::SWAP) {
            depth = depth.max(instr.arg as usize);
            more = true;
        } else if !instr.is_real(Opcode::NOP) {
            break;
        }
        len += 1;
    }
    // A SWAP deeper than any real stack is malformed: leave the run alone.
    if !more || depth == 0 || depth > MAX_SWAP_DEPTH {
        return ix;
    }
    let mut stack: Vec<i64> = (0..depth as i64).collect();
    for instr in &instrs[ix..ix + len] {
        if instr.is_real(Opcode::SWAP) && instr.arg >= 1 {
            stack.swap(0, instr.arg as usize - 1);
        }
    }
    let run = &mut instrs[ix..ix + len];
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as i64 {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 && current >= 0 {
                run[current as usize].op = Op::Real(Opcode::SWAP);
                run[current as usize].arg = j as u32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next_j = stack[j] as usize;
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while current >= 0 {
        run[current as usize].set_nop();
        current -= 1;
    }
    ix + len - 1
}

/// Instructions a `SWAP` may be applied to statically: they only consume TOS.
fn swappable(instr: &Instr) -> bool {
    instr.is_real(Opcode::STORE_FAST) || instr.is_real(Opcode::POP_TOP)
}

/// The local a `STORE_FAST` stores to.
fn stores_to(instr: &Instr) -> Option<u32> {
    instr.is_real(Opcode::STORE_FAST).then_some(instr.arg)
}

/// The next swappable instruction after `i` (skipping `NOP`s), staying on
/// `lineno` when it is given.
fn next_swappable(instrs: &[Instr], mut i: usize, lineno: Option<i32>) -> Option<usize> {
    loop {
        i += 1;
        let instr = instrs.get(i)?;
        if lineno.is_some_and(|l| l >= 0 && instr.loc.lineno != l) {
            return None;
        }
        if instr.is_real(Opcode::NOP) {
            continue;
        }
        return swappable(instr).then_some(i);
    }
}

/// `apply_static_swaps`: `SWAP n` followed by swappable instructions is
/// done by exchanging those instructions instead (e.g. `SWAP 2; POP_TOP;
/// STORE_FAST x` → `STORE_FAST x; POP_TOP`), walking back from `i`.
fn apply_static_swaps(instrs: &mut [Instr], i: usize) {
    for s in (0..=i).rev() {
        let swap = instrs[s];
        if !swap.is_real(Opcode::SWAP) {
            if swap.is_real(Opcode::NOP) || swappable(&swap) {
                continue;
            }
            return;
        }
        let Some(j) = next_swappable(instrs, s, None) else { return };
        let lineno = instrs[j].loc.lineno;
        let mut k = j;
        for _ in 1..swap.arg {
            match next_swappable(instrs, k, Some(lineno)) {
                Some(next) => k = next,
                None => return,
            }
        }
        if stores_conflict(instrs, j, k) {
            return;
        }
        instrs[s].set_nop();
        instrs.swap(j, k);
    }
}

/// Whether exchanging `j` and `k` would reorder two stores to one local.
fn stores_conflict(instrs: &[Instr], j: usize, k: usize) -> bool {
    let (store_j, store_k) = (stores_to(&instrs[j]), stores_to(&instrs[k]));
    if store_j.is_none() && store_k.is_none() {
        return false;
    }
    if store_j == store_k {
        return true;
    }
    instrs[j + 1..k].iter().filter_map(stores_to).any(|s| Some(s) == store_j || Some(s) == store_k)
}

/// `trim_unused_consts`: drops the constants after the last one a
/// `LOAD_CONST`/`KW_NAMES` uses (the first is always kept: it may be the
/// docstring).
pub(super) fn trim_unused_consts(graph: &Graph, consts: &mut Vec<Constant>) {
    let mut max = 0;
    let mut walk = graph.walk();
    while let Some(b) = walk.next(graph) {
        for i in &graph.blocks[b].instrs {
            if i.is_real(Opcode::LOAD_CONST) || i.is_real(Opcode::KW_NAMES) {
                max = max.max(i.arg as usize);
            }
        }
    }
    consts.truncate(max + 1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{CodeUnit, Location};

    fn loc(line: i32) -> Location {
        Location { lineno: line, end_lineno: line, col_offset: 0, end_col_offset: 1 }
    }

    fn graph_of(instrs: &[(Opcode, u32)]) -> Graph {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        for &(op, arg) in instrs {
            unit.emit(Op::Real(op), arg, None, loc(1));
        }
        Graph::from_unit(&mut unit)
    }

    fn unit_with_consts(consts: &[Constant]) -> CodeUnit {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        for c in consts {
            unit.add_const(c.clone());
        }
        unit
    }

    fn real_ops(graph: &Graph) -> Vec<(Opcode, u32)> {
        let instrs = graph.blocks[0].instrs.iter().filter(|i| !i.is_real(Opcode::NOP));
        instrs.map(|i| (if let Op::Real(op) = i.op { op } else { Opcode::CACHE }, i.arg)).collect()
    }

    #[test]
    fn constant_tuples_fold_into_one_constant() {
        use Opcode::*;
        let mut graph = graph_of(&[(LOAD_CONST, 0), (LOAD_CONST, 1), (BUILD_TUPLE, 2), (RETURN_VALUE, 0)]);
        let mut unit = unit_with_consts(&[Constant::Int(1), Constant::Int(2)]);
        optimize_block(&mut graph, 0, &mut unit);
        assert_eq!(real_ops(&graph), [(LOAD_CONST, 2), (RETURN_VALUE, 0)]);
        assert_eq!(unit.consts[2], Constant::tuple(vec![Constant::Int(1), Constant::Int(2)]));
        // A second equal tuple is merged with the first.
        let mut graph = graph_of(&[(LOAD_CONST, 0), (LOAD_CONST, 1), (BUILD_TUPLE, 2), (RETURN_VALUE, 0)]);
        optimize_block(&mut graph, 0, &mut unit);
        assert_eq!(real_ops(&graph), [(LOAD_CONST, 2), (RETURN_VALUE, 0)]);
        assert_eq!(unit.consts.len(), 3);
    }

    #[test]
    fn swaps_are_minimised_and_applied_statically() {
        use Opcode::*;
        let mut graph = graph_of(&[(SWAP, 3), (SWAP, 3), (LOAD_FAST, 0)]);
        optimize_block(&mut graph, 0, &mut unit_with_consts(&[]));
        assert_eq!(real_ops(&graph), [(LOAD_FAST, 0)]);
        let mut graph = graph_of(&[(SWAP, 2), (POP_TOP, 0), (STORE_FAST, 3)]);
        optimize_block(&mut graph, 0, &mut unit_with_consts(&[]));
        assert_eq!(real_ops(&graph), [(STORE_FAST, 3), (POP_TOP, 0)]);
    }

    #[test]
    fn stores_to_one_local_are_not_reordered() {
        use Opcode::*;
        let mut graph = graph_of(&[(SWAP, 2), (STORE_FAST, 0), (STORE_FAST, 0)]);
        optimize_block(&mut graph, 0, &mut unit_with_consts(&[]));
        assert_eq!(real_ops(&graph), [(SWAP, 2), (STORE_FAST, 0), (STORE_FAST, 0)]);
    }

    #[test]
    fn push_null_merges_into_load_global() {
        use Opcode::*;
        let mut graph = graph_of(&[(PUSH_NULL, 0), (LOAD_GLOBAL, 4)]);
        optimize_block(&mut graph, 0, &mut unit_with_consts(&[]));
        assert_eq!(real_ops(&graph), [(LOAD_GLOBAL, 5)]);
    }

    #[test]
    fn threading_through_a_cycle_of_jumps_ends() {
        let mut unit = CodeUnit::new("f", "f", "f.py", 1);
        let (a, b) = (unit.new_block(), unit.new_block());
        unit.emit(Op::Jump, 0, Some(a), loc(1));
        unit.use_block(a);
        unit.emit(Op::Jump, 0, Some(b), loc(1));
        unit.use_block(b);
        unit.emit(Op::Jump, 0, Some(a), loc(1));
        let mut graph = Graph::from_unit(&mut unit);
        optimize_block(&mut graph, 0, &mut unit_with_consts(&[]));
        assert!(graph.blocks[0].instrs[0].target.is_some());
    }

    #[test]
    fn truth_values_are_pythons() {
        assert!(!truthiness(&Constant::None));
        assert!(!truthiness(&Constant::str("")));
        assert!(truthiness(&Constant::Ellipsis));
        assert!(!truthiness(&Constant::tuple(vec![])));
        assert!(truthiness(&Constant::Float(-0.5)));
    }

    #[test]
    fn unused_trailing_constants_are_trimmed() {
        let graph = graph_of(&[(Opcode::LOAD_CONST, 1), (Opcode::RETURN_VALUE, 0)]);
        let mut consts = vec![Constant::None, Constant::Int(1), Constant::Int(2)];
        trim_unused_consts(&graph, &mut consts);
        assert_eq!(consts.len(), 2);
    }
}
