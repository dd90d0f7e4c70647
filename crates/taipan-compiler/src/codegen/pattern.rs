//! The `match` statement (CPython 3.11's `compiler_match` and the
//! `compiler_pattern_*` functions). Each case matches a copy of the subject;
//! captured values pile up on the stack under the items a pattern still
//! needs (`on_top`) and are stored only when the whole pattern matched. A
//! failing test jumps to `fail_pop[n]`, a ladder of `POP_TOP`s that drops
//! the `n` items pushed so far.

use super::{fold, CResult, Compiler};
use crate::ir::{BlockId, Op};
use compact_str::CompactString;
use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{CmpOp, Expr, ExprContext, ExprKind, MatchCase, Pattern, PatternKind};

/// CPython's `pattern_context`.
#[derive(Clone, Default)]
struct PatternContext {
    /// Names captured so far, in stack order.
    stores: Vec<CompactString>,
    /// Whether an irrefutable pattern is allowed here.
    allow_irrefutable: bool,
    /// `fail_pop[n]` pops `n` items then continues with the next case.
    fail_pop: Vec<BlockId>,
    /// Items on top of the stack that must stay there (captures go below).
    on_top: usize,
}

/// `WILDCARD_CHECK`: `_`.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchAs { pattern: None, name: None })
}

/// `WILDCARD_STAR_CHECK`: `*_`.
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    /// `compiler_match`.
    pub(crate) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        if cases.is_empty() {
            return Err(self.error("empty cases on Match"));
        }
        self.visit_expr(subject)?;
        let end = self.new_block();
        let n = cases.len();
        let has_default = n > 1 && is_wildcard(&cases[n - 1].pattern);
        for (i, case) in cases[..n - usize::from(has_default)].iter().enumerate() {
            self.set_loc(case.pattern.range);
            let last = i + 1 == n - usize::from(has_default);
            if !last {
                self.op_arg(Opcode::COPY, 1);
            }
            let mut pc = PatternContext {
                allow_irrefutable: case.guard.is_some() || i + 1 == n,
                ..Default::default()
            };
            self.pattern(&case.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.nameop(&name, ExprContext::Store)?;
            }
            if let Some(guard) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                self.jump_if(guard, pc.fail_pop[0], false)?;
            }
            if !last {
                self.op(Opcode::POP_TOP);
            }
            self.visit_stmts(&case.body)?;
            self.jump_noline(Op::Jump, end);
            self.set_loc(case.pattern.range);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            let case = &cases[n - 1];
            self.set_loc(case.pattern.range);
            if n == 1 {
                self.op(Opcode::POP_TOP);
            } else {
                self.op(Opcode::NOP);
            }
            if let Some(guard) = &case.guard {
                self.jump_if(guard, end, false)?;
            }
            self.visit_stmts(&case.body)?;
        }
        self.use_block(end);
        Ok(())
    }

    /// `compiler_pattern`.
    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        self.set_loc(p.range);
        match &p.kind {
            PatternKind::MatchValue { value } => {
                let is_value = self.fold(value).is_some() || matches!(value.kind, ExprKind::Attribute { .. });
                if !is_value {
                    return Err(self.error("patterns may only match literals and attribute lookups"));
                }
                self.visit_expr(value)?;
                self.compare_eq_or_is(CmpOp::Eq);
                self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
                Ok(())
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(fold::constant(value));
                self.compare_eq_or_is(CmpOp::Is);
                self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
                Ok(())
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc),
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.pattern_mapping(keys, patterns, rest.as_deref(), pc)
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc)
            }
            PatternKind::MatchStar { name } => self.store_capture(name.as_deref(), pc),
            PatternKind::MatchAs { pattern: None, name } => {
                if !pc.allow_irrefutable {
                    return Err(match name {
                        Some(n) => {
                            self.error(&format!("name capture '{n}' makes remaining patterns unreachable"))
                        }
                        None => self.error("wildcard makes remaining patterns unreachable"),
                    });
                }
                self.store_capture(name.as_deref(), pc)
            }
            PatternKind::MatchAs { pattern: Some(inner), name } => {
                pc.on_top += 1;
                self.op_arg(Opcode::COPY, 1);
                self.pattern(inner, pc)?;
                pc.on_top -= 1;
                self.store_capture(name.as_deref(), pc)
            }
            PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc),
        }
    }

    fn compare_eq_or_is(&mut self, op: CmpOp) {
        match op {
            CmpOp::Is => self.op_arg(Opcode::IS_OP, 0),
            _ => self.op_arg(Opcode::COMPARE_OP, 2),
        }
    }

    /// `compiler_pattern_subpattern`: a nested pattern may be irrefutable.
    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    /// `ensure_fail_pop`.
    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let block = self.new_block();
            pc.fail_pop.push(block);
        }
    }

    /// `jump_to_fail_pop`.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, pops: usize, op: Op) {
        let pops = pops + pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops]);
        self.next_block();
    }

    /// `emit_and_reset_fail_pop`.
    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.use_block(pc.fail_pop[i]);
            self.op(Opcode::POP_TOP);
        }
        self.use_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    /// `pattern_helper_rotate`: the 3.10 `ROT_N` as `SWAP`s.
    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.op_arg(Opcode::SWAP, count as u32);
            count -= 1;
        }
    }

    /// `pattern_helper_store_name`.
    fn store_capture(&mut self, name: Option<&str>, pc: &mut PatternContext) -> CResult {
        let Some(name) = name else {
            self.op(Opcode::POP_TOP);
            return Ok(());
        };
        self.forbidden_name(name, ExprContext::Store)?;
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.error(&format!("multiple assignments to name '{name}' in pattern")));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name.into());
        Ok(())
    }

    /// `compiler_pattern_sequence`.
    fn pattern_sequence(&mut self, patterns: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let (mut only_wildcard, mut star_wildcard) = (true, false);
        for (i, p) in patterns.iter().enumerate() {
            if matches!(p.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern"));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        pc.on_top += 1;
        self.op(Opcode::MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
        match star {
            None => {
                self.op(Opcode::GET_LEN);
                self.load_const(Constant::Int(size as i64));
                self.op_arg(Opcode::COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
            }
            Some(_) if size > 1 => {
                self.op(Opcode::GET_LEN);
                self.load_const(Constant::Int(size as i64 - 1));
                self.op_arg(Opcode::COMPARE_OP, 5);
                self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.op(Opcode::POP_TOP);
        } else if star_wildcard {
            self.sequence_subscr(patterns, star.unwrap_or(usize::MAX), pc)?;
        } else {
            self.sequence_unpack(patterns, pc)?;
        }
        Ok(())
    }

    /// `pattern_helper_sequence_unpack`.
    fn sequence_unpack(&mut self, patterns: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        let n = patterns.len();
        match patterns.iter().position(|p| matches!(p.kind, PatternKind::MatchStar { .. })) {
            Some(i) => {
                if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                    return Err(self.error("too many expressions in star-unpacking sequence pattern"));
                }
                self.op_arg(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
            }
            None => self.op_arg(Opcode::UNPACK_SEQUENCE, n as u32),
        }
        pc.on_top += n;
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    /// `pattern_helper_sequence_subscr`: `[a, *_, b]` by indexing.
    fn sequence_subscr(&mut self, patterns: &'a [Pattern], star: usize, pc: &mut PatternContext) -> CResult {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, p) in patterns.iter().enumerate() {
            if is_wildcard(p) || i == star {
                continue;
            }
            self.op_arg(Opcode::COPY, 1);
            if i < star {
                self.load_const(Constant::Int(i as i64));
            } else {
                self.op(Opcode::GET_LEN);
                self.load_const(Constant::Int((size - i) as i64));
                self.op_arg(Opcode::BINARY_OP, 10);
            }
            self.op(Opcode::BINARY_SUBSCR);
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 1;
        self.op(Opcode::POP_TOP);
        Ok(())
    }

    /// `compiler_pattern_mapping`.
    fn pattern_mapping(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a str>,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = keys.len();
        if size != patterns.len() {
            return Err(self.error(&format!(
                "keys ({size}) / patterns ({}) length mismatch in mapping pattern",
                patterns.len()
            )));
        }
        pc.on_top += 1;
        self.op(Opcode::MATCH_MAPPING);
        self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.op(Opcode::POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.op(Opcode::GET_LEN);
            self.load_const(Constant::Int(size as i64));
            self.op_arg(Opcode::COMPARE_OP, 5);
            self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
        }
        let mut seen: Vec<Constant> = Vec::new();
        for key in keys {
            if let Some(value) = self.fold(key) {
                if seen.iter().any(|s| fold::py_eq(s, &value)) {
                    let msg = format!(
                        "mapping pattern checks duplicate key ({})",
                        taipan_bytecode::dis::repr(&value)
                    );
                    return Err(self.error(&msg));
                }
                seen.push(value);
            } else if !matches!(key.kind, ExprKind::Attribute { .. }) {
                return Err(self.error("mapping pattern keys may only match literals and attribute lookups"));
            }
            self.visit_expr(key)?;
        }
        self.op_arg(Opcode::BUILD_TUPLE, size as u32);
        self.op(Opcode::MATCH_KEYS);
        pc.on_top += 2;
        self.op_arg(Opcode::COPY, 1);
        self.load_const(Constant::None);
        self.op_arg(Opcode::IS_OP, 1);
        self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
        self.op_arg(Opcode::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 2;
        match rest {
            Some(rest) => {
                self.op_arg(Opcode::BUILD_MAP, 0);
                self.op_arg(Opcode::SWAP, 3);
                self.op_arg(Opcode::DICT_UPDATE, 2);
                self.op_arg(Opcode::UNPACK_SEQUENCE, size as u32);
                for remaining in (1..=size).rev() {
                    self.op_arg(Opcode::COPY, 1 + remaining as u32);
                    self.op_arg(Opcode::SWAP, 2);
                    self.op(Opcode::DELETE_SUBSCR);
                }
                self.store_capture(Some(rest), pc)?;
            }
            None => {
                self.op(Opcode::POP_TOP);
                self.op(Opcode::POP_TOP);
            }
        }
        Ok(())
    }

    /// `compiler_pattern_class`.
    fn pattern_class(
        &mut self,
        p: &'a Pattern,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [CompactString],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        let (nargs, nattrs) = (patterns.len(), kwd_attrs.len());
        if nattrs != kwd_patterns.len() {
            return Err(self.error(&format!(
                "kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern",
                kwd_patterns.len()
            )));
        }
        if nattrs > 0 {
            for (i, attr) in kwd_attrs.iter().enumerate() {
                self.set_loc(kwd_patterns[i].range);
                self.forbidden_name(attr, ExprContext::Store)?;
                if let Some(j) = kwd_attrs[i + 1..].iter().position(|o| o == attr) {
                    let msg = format!("attribute name repeated in class pattern: {attr}");
                    return Err(self.error_at(kwd_patterns[i + 1 + j].range, &msg));
                }
            }
            self.set_loc(p.range);
        }
        self.visit_expr(cls)?;
        let names = kwd_attrs.iter().map(|a| Constant::str(a)).collect();
        self.load_const(Constant::tuple(names));
        self.op_arg(Opcode::MATCH_CLASS, nargs as u32);
        self.op_arg(Opcode::COPY, 1);
        self.load_const(Constant::None);
        self.op_arg(Opcode::IS_OP, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, 0, Op::PopJumpIfFalse);
        self.op_arg(Opcode::UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for sub in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(sub) {
                self.op(Opcode::POP_TOP);
                continue;
            }
            self.subpattern(sub, pc)?;
        }
        Ok(())
    }

    /// `compiler_pattern_or`.
    fn pattern_or(&mut self, alternatives: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        if alternatives.len() < 2 {
            return Err(self.error("MatchOr requires at least 2 patterns"));
        }
        let end = self.new_block();
        let old = pc.clone();
        let mut control: Option<Vec<CompactString>> = None;
        for (i, alt) in alternatives.iter().enumerate() {
            self.set_loc(alt.range);
            *pc = PatternContext {
                stores: Vec::new(),
                allow_irrefutable: i + 1 == alternatives.len() && old.allow_irrefutable,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.op_arg(Opcode::COPY, 1);
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if ctl.len() != pc.stores.len() => {
                    return Err(self.error("alternative patterns bind different names"));
                }
                Some(ctl) => {
                    for icontrol in (0..ctl.len()).rev() {
                        let Some(istores) = pc.stores.iter().position(|s| *s == ctl[icontrol]) else {
                            return Err(self.error("alternative patterns bind different names"));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<CompactString> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            pc.stores.splice(at..at, rotated);
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(Op::Jump, end);
            self.emit_and_reset_fail_pop(pc);
        }
        *pc = old;
        self.op(Opcode::POP_TOP);
        self.jump_to_fail_pop(pc, 0, Op::Jump);
        self.use_block(end);
        let control = control.unwrap_or_default();
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(&format!("multiple assignments to name '{name}' in pattern")));
            }
            pc.stores.push(name);
        }
        self.op(Opcode::POP_TOP);
        Ok(())
    }
}
