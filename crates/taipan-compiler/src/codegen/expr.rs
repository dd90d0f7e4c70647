//! Expressions (CPython 3.11's `compiler_visit_expr1` and its helpers):
//! names, attributes, subscripts, operators, boolean operators and
//! comparisons (with the conditional-jump forms of `compiler_jump_if`),
//! displays (`starunpack_helper`, `compiler_dict`), calls (`PRECALL`/`CALL`,
//! `KW_NAMES`, `LOAD_METHOD`, `CALL_FUNCTION_EX`), f-strings, `yield`,
//! `yield from` and `await` (the `SEND` loop). Folded constants come from
//! `fold.rs`; lambdas are in `func.rs`, comprehensions in `comp.rs`.

use super::{fold, CResult, Compiler, UnitKind, STACK_USE_GUIDELINE};
use crate::ir::{BlockId, Op};
use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{BoolOp, CmpOp, Expr, ExprContext, ExprKind, Keyword, Operator, UnaryOp};

/// `NB_*`: the argument of `BINARY_OP` (add 13 for the in-place form).
pub(crate) fn binary_op_arg(op: Operator) -> u32 {
    match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    }
}

/// `ast_opt.c`'s rewrite of `not (a is b)` into `a is not b` (and the same
/// for `is not`, `in`, `not in`): the inverted operator, if it applies.
fn negated_compare(operand: &Expr) -> Option<CmpOp> {
    let ExprKind::Compare { ops, .. } = &operand.kind else { return None };
    if ops.len() != 1 {
        return None;
    }
    match ops[0] {
        CmpOp::Is => Some(CmpOp::IsNot),
        CmpOp::IsNot => Some(CmpOp::Is),
        CmpOp::In => Some(CmpOp::NotIn),
        CmpOp::NotIn => Some(CmpOp::In),
        _ => None,
    }
}

fn may_fold(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Constant { .. }
            | ExprKind::Name { .. }
            | ExprKind::UnaryOp { .. }
            | ExprKind::BinOp { .. }
            | ExprKind::Tuple { .. }
            | ExprKind::Subscript { .. }
    )
}

fn has_starred(elts: &[Expr]) -> bool {
    elts.iter().any(|e| matches!(e.kind, ExprKind::Starred { .. }))
}

impl<'a> Compiler<'a> {
    /// The constant `e` folds to, if any.
    pub(crate) fn fold(&self, e: &Expr) -> Option<Constant> {
        if may_fold(e) {
            fold::fold(e, self.options.optimize)
        } else {
            None
        }
    }

    /// `compiler_visit_expr`: the expression at its own location.
    pub(crate) fn visit_expr(&mut self, e: &'a Expr) -> CResult {
        self.with_loc(e.range, |c| c.visit_expr_here(e))
    }

    fn visit_exprs(&mut self, es: &'a [Expr]) -> CResult {
        es.iter().try_for_each(|e| self.visit_expr(e))
    }

    /// `compiler_visit_expr1`.
    fn visit_expr_here(&mut self, e: &'a Expr) -> CResult {
        if let Some(value) = self.fold(e) {
            self.load_const(value);
            return Ok(());
        }
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.op_arg(Opcode::COPY, 1);
                self.visit_expr(target)
            }
            ExprKind::BoolOp { op, values } => self.boolop(*op, values),
            ExprKind::BinOp { left, op: Operator::Mod, right } if self.percent_format(left, right)? => Ok(()),
            ExprKind::BinOp { left, op, right } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
                self.op_arg(Opcode::BINARY_OP, binary_op_arg(*op));
                Ok(())
            }
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } if negated_compare(operand).is_some() => {
                let ExprKind::Compare { left, comparators, .. } = &operand.kind else { unreachable!() };
                let op = negated_compare(operand).unwrap_or(CmpOp::Is);
                self.with_loc(operand.range, |c| c.compare(left, &[op], comparators))
            }
            ExprKind::UnaryOp { op, operand } => {
                self.visit_expr(operand)?;
                self.op(match op {
                    UnaryOp::Invert => Opcode::UNARY_INVERT,
                    UnaryOp::Not => Opcode::UNARY_NOT,
                    UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                    UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                });
                Ok(())
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.visit_expr(body)?;
                self.jump_noline(Op::Jump, end);
                self.use_block(next);
                self.visit_expr(orelse)?;
                self.use_block(end);
                Ok(())
            }
            ExprKind::Dict { keys, values } if keys.len() != values.len() => {
                Err(self.error("Dict doesn't have the same number of keys as values"))
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values),
            ExprKind::Set { elts } => {
                self.starunpack(elts, 0, Opcode::BUILD_SET, Opcode::SET_ADD, Opcode::SET_UPDATE, false)
            }
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.comprehension(e),
            ExprKind::Yield { value } => {
                if !self.unit().kind.is_function_block() {
                    return Err(self.error("'yield' outside function"));
                }
                match value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.yield_op();
                Ok(())
            }
            ExprKind::YieldFrom { value } => {
                if !self.unit().kind.is_function_block() {
                    return Err(self.error("'yield' outside function"));
                }
                if self.unit().kind == UnitKind::AsyncFunction {
                    return Err(self.error("'yield from' inside async function"));
                }
                self.visit_expr(value)?;
                self.op(Opcode::GET_YIELD_FROM_ITER);
                self.load_const(Constant::None);
                self.yield_from(false);
                Ok(())
            }
            ExprKind::Await { value } => {
                if !self.unit().kind.is_function_block() {
                    return Err(self.error("'await' outside function"));
                }
                if !matches!(self.unit().kind, UnitKind::AsyncFunction | UnitKind::Comprehension) {
                    return Err(self.error("'await' outside async function"));
                }
                self.visit_expr(value)?;
                self.op_arg(Opcode::GET_AWAITABLE, 0);
                self.load_const(Constant::None);
                self.yield_from(true);
                Ok(())
            }
            ExprKind::Compare { ops, comparators, .. }
                if ops.is_empty() || ops.len() != comparators.len() =>
            {
                Err(self.error("Compare has a different number of comparators and operands"))
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(left, ops, comparators),
            ExprKind::Call { func, args, keywords } => self.call(e, func, args, keywords),
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.visit_expr(value)?;
                let mut arg = match *conversion {
                    115 => 1, // 's'
                    114 => 2, // 'r'
                    97 => 3,  // 'a'
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.visit_expr(spec)?;
                    arg |= 4;
                }
                self.op_arg(Opcode::FORMAT_VALUE, arg);
                Ok(())
            }
            ExprKind::JoinedStr { values } => self.joined_str(values),
            ExprKind::Constant { value, .. } => {
                self.load_const(fold::constant(value));
                Ok(())
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value)?;
                self.update_start_location_to_match_attr(e);
                match ctx {
                    ExprContext::Load => self.op_name(Opcode::LOAD_ATTR, attr),
                    ExprContext::Store => {
                        self.forbidden_name(attr, *ctx)?;
                        self.op_name(Opcode::STORE_ATTR, attr)
                    }
                    ExprContext::Del => self.op_name(Opcode::DELETE_ATTR, attr),
                }
                Ok(())
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
                self.op(match ctx {
                    ExprContext::Load => Opcode::BINARY_SUBSCR,
                    ExprContext::Store => Opcode::STORE_SUBSCR,
                    ExprContext::Del => Opcode::DELETE_SUBSCR,
                });
                Ok(())
            }
            ExprKind::Starred { ctx: ExprContext::Store, .. } => {
                Err(self.error("starred assignment target must be in a list or tuple"))
            }
            ExprKind::Starred { .. } => Err(self.error("can't use starred expression here")),
            ExprKind::Name { id, ctx } => self.nameop(id, *ctx),
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts),
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    false,
                ),
                ExprContext::Del => self.visit_exprs(elts),
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts),
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                ),
                ExprContext::Del => self.visit_exprs(elts),
            },
            ExprKind::Slice { lower, upper, step } => {
                for bound in [lower, upper] {
                    match bound {
                        Some(b) => self.visit_expr(b)?,
                        None => self.load_const(Constant::None),
                    }
                }
                let mut n = 2;
                if let Some(step) = step {
                    self.visit_expr(step)?;
                    n = 3;
                }
                self.op_arg(Opcode::BUILD_SLICE, n);
                Ok(())
            }
        }
    }

    /// `e` where `ast_opt.c`'s `fold_iter` applies (a `for` iterable, a
    /// comprehension's, the right of a final `in`): a list display becomes
    /// a tuple, a set of constants a frozenset.
    pub(crate) fn visit_iterable(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::List { elts, .. } if !has_starred(elts) => self.with_loc(e.range, |c| {
                match fold::fold_all(elts, c.options.optimize) {
                    Some(items) => c.load_const(Constant::tuple(items)),
                    None => c.starunpack(
                        elts,
                        0,
                        Opcode::BUILD_LIST,
                        Opcode::LIST_APPEND,
                        Opcode::LIST_EXTEND,
                        true,
                    )?,
                }
                Ok(())
            }),
            ExprKind::Set { elts } => match fold::fold_all(elts, self.options.optimize) {
                Some(items) => self.with_loc(e.range, |c| {
                    c.load_const(fold::frozenset(items));
                    Ok(())
                }),
                None => self.visit_expr(e),
            },
            _ => self.visit_expr(e),
        }
    }

    /// Whether `e` is constant after `fold_iter` (for the `for y in [x]`
    /// fast path of comprehensions, which needs a display).
    pub(crate) fn iterable_is_constant(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::List { elts, .. } | ExprKind::Set { elts } => {
                !has_starred(elts) && fold::fold_all(elts, self.options.optimize).is_some()
            }
            _ => self.fold(e).is_some(),
        }
    }

    /// `update_start_location_to_match_attr`: instructions on an attribute
    /// spanning lines start on the attribute name's line.
    pub(crate) fn update_start_location_to_match_attr(&mut self, attr: &Expr) {
        let ExprKind::Attribute { attr: name, .. } = &attr.kind else { return };
        let end_line = attr.range.end.line as i32;
        let end_col = attr.range.end.col as i32;
        let loc = &mut self.unit_mut().loc;
        if loc.lineno != end_line {
            loc.lineno = end_line;
            let len = name.chars().count() as i32;
            if len <= end_col {
                loc.col_offset = end_col - len;
            } else {
                loc.col_offset = -1;
                loc.end_col_offset = -1;
            }
            loc.end_lineno = loc.end_lineno.max(loc.lineno);
            if loc.lineno == loc.end_lineno {
                loc.end_col_offset = loc.end_col_offset.max(loc.col_offset);
            }
        }
    }

    /// `compiler_addop_yield`.
    pub(crate) fn yield_op(&mut self) {
        if let Some(s) = self.unit().scope {
            if s.is_generator && s.is_coroutine {
                self.op(Opcode::ASYNC_GEN_WRAP);
            }
        }
        self.op(Opcode::YIELD_VALUE);
        self.op_arg(Opcode::RESUME, 1);
    }

    /// `compiler_add_yield_from`: the `SEND` loop of `yield from`/`await`.
    pub(crate) fn yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_block(start);
        self.real_jump(Opcode::SEND, exit);
        self.use_block(resume);
        self.op(Opcode::YIELD_VALUE);
        self.op_arg(Opcode::RESUME, if is_await { 3 } else { 2 });
        self.jump(Op::JumpNoInterrupt, start);
        self.use_block(exit);
    }

    /// `compiler_boolop`.
    fn boolop(&mut self, op: BoolOp, values: &'a [Expr]) -> CResult {
        let jump = match op {
            BoolOp::And => Opcode::JUMP_IF_FALSE_OR_POP,
            BoolOp::Or => Opcode::JUMP_IF_TRUE_OR_POP,
        };
        let end = self.new_block();
        let Some((last, init)) = values.split_last() else {
            return Err(self.error("BoolOp with less than 2 values"));
        };
        for v in init {
            self.visit_expr(v)?;
            self.real_jump(jump, end);
            self.next_block();
        }
        self.visit_expr(last)?;
        self.use_block(end);
        Ok(())
    }

    /// `ADDOP_COMPARE`.
    fn compare_op(&mut self, op: CmpOp) {
        let (opcode, arg) = match op {
            CmpOp::Lt => (Opcode::COMPARE_OP, 0),
            CmpOp::LtE => (Opcode::COMPARE_OP, 1),
            CmpOp::Eq => (Opcode::COMPARE_OP, 2),
            CmpOp::NotEq => (Opcode::COMPARE_OP, 3),
            CmpOp::Gt => (Opcode::COMPARE_OP, 4),
            CmpOp::GtE => (Opcode::COMPARE_OP, 5),
            CmpOp::Is => (Opcode::IS_OP, 0),
            CmpOp::IsNot => (Opcode::IS_OP, 1),
            CmpOp::In => (Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => (Opcode::CONTAINS_OP, 1),
        };
        self.op_arg(opcode, arg);
    }

    /// A comparator, the last one folded as an iterable after `in`.
    fn visit_comparator(&mut self, ops: &[CmpOp], comparators: &'a [Expr], i: usize) -> CResult {
        let last = ops.len() - 1;
        if i == last && matches!(ops[last], CmpOp::In | CmpOp::NotIn) {
            self.visit_iterable(&comparators[i])
        } else {
            self.visit_expr(&comparators[i])
        }
    }

    /// `compiler_compare`.
    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult {
        self.visit_expr(left)?;
        let n = ops.len();
        if n == 1 {
            self.visit_comparator(ops, comparators, 0)?;
            self.compare_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_block();
        for i in 0..n - 1 {
            self.visit_comparator(ops, comparators, i)?;
            self.op_arg(Opcode::SWAP, 2);
            self.op_arg(Opcode::COPY, 2);
            self.compare_op(ops[i]);
            self.real_jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
            self.next_block();
        }
        self.visit_comparator(ops, comparators, n - 1)?;
        self.compare_op(ops[n - 1]);
        let end = self.new_block();
        self.jump_noline(Op::Jump, end);
        self.use_block(cleanup);
        self.op_arg(Opcode::SWAP, 2);
        self.op(Opcode::POP_TOP);
        self.use_block(end);
        Ok(())
    }

    /// `compiler_jump_if`: jumps to `next` if `e` is true (`cond`) or false.
    pub(crate) fn jump_if(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CResult {
        if self.fold(e).is_none() {
            match &e.kind {
                ExprKind::UnaryOp { op: UnaryOp::Not, operand } if negated_compare(operand).is_none() => {
                    return self.jump_if(operand, next, !cond);
                }
                // `not (a is b)` is a Compare after ast_opt.c, located at `a is b`.
                ExprKind::UnaryOp { op: UnaryOp::Not, operand } => self.set_loc(operand.range),
                ExprKind::BoolOp { op, values } => return self.jump_if_boolop(*op, values, next, cond),
                ExprKind::IfExp { test, body, orelse } => {
                    let end = self.new_block();
                    let next2 = self.new_block();
                    self.jump_if(test, next2, false)?;
                    self.jump_if(body, next, cond)?;
                    self.jump_noline(Op::Jump, end);
                    self.use_block(next2);
                    self.jump_if(orelse, next, cond)?;
                    self.use_block(end);
                    return Ok(());
                }
                // CPython's Compare case sets the location for good (not restored).
                ExprKind::Compare { ops, comparators, .. }
                    if ops.is_empty() || ops.len() != comparators.len() =>
                {
                    return Err(self.error("Compare has a different number of comparators and operands"));
                }
                ExprKind::Compare { left, ops, comparators } if ops.len() > 1 => {
                    self.set_loc(e.range);
                    return self.jump_if_compare(left, ops, comparators, next, cond);
                }
                ExprKind::Compare { .. } => self.set_loc(e.range),
                _ => {}
            }
        }
        self.visit_expr(e)?;
        self.jump(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, next);
        Ok(())
    }

    fn jump_if_boolop(&mut self, op: BoolOp, values: &'a [Expr], next: BlockId, cond: bool) -> CResult {
        let cond2 = op == BoolOp::Or;
        let next2 = if cond2 != cond { self.new_block() } else { next };
        let Some((last, init)) = values.split_last() else {
            return Err(self.error("BoolOp with less than 2 values"));
        };
        for v in init {
            self.jump_if(v, next2, cond2)?;
        }
        self.jump_if(last, next, cond)?;
        if next2 != next {
            self.use_block(next2);
        }
        Ok(())
    }

    fn jump_if_compare(
        &mut self,
        left: &'a Expr,
        ops: &[CmpOp],
        comparators: &'a [Expr],
        next: BlockId,
        cond: bool,
    ) -> CResult {
        let n = ops.len() - 1;
        let cleanup = self.new_block();
        self.visit_expr(left)?;
        for i in 0..n {
            self.visit_comparator(ops, comparators, i)?;
            self.op_arg(Opcode::SWAP, 2);
            self.op_arg(Opcode::COPY, 2);
            self.compare_op(ops[i]);
            self.jump(Op::PopJumpIfFalse, cleanup);
        }
        self.visit_comparator(ops, comparators, n)?;
        self.compare_op(ops[n]);
        self.jump(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, next);
        let end = self.new_block();
        self.jump_noline(Op::Jump, end);
        self.use_block(cleanup);
        self.op(Opcode::POP_TOP);
        if !cond {
            self.jump_noline(Op::Jump, next);
        }
        self.use_block(end);
        Ok(())
    }

    /// `starunpack_helper`: a list/tuple/set display (or positional call
    /// arguments), with `pushed` items already on the stack.
    pub(crate) fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        if n > 2 {
            if let Some(items) = fold::fold_all(elts, self.options.optimize) {
                if tuple && pushed == 0 {
                    self.load_const(Constant::tuple(items));
                } else {
                    let folded =
                        if add == Opcode::SET_ADD { fold::frozenset(items) } else { Constant::tuple(items) };
                    self.op_arg(build, pushed);
                    self.load_const(folded);
                    self.op_arg(extend, 1);
                    if tuple {
                        self.op(Opcode::LIST_TO_TUPLE);
                    }
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        if !has_starred(elts) && !big {
            self.visit_exprs(elts)?;
            self.op_arg(if tuple { Opcode::BUILD_TUPLE } else { build }, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.op_arg(build, pushed);
            built = true;
        }
        for (i, elt) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &elt.kind {
                if !built {
                    self.op_arg(build, i as u32 + pushed);
                    built = true;
                }
                self.visit_expr(value)?;
                self.op_arg(extend, 1);
            } else {
                self.visit_expr(elt)?;
                if built {
                    self.op_arg(add, 1);
                }
            }
        }
        if tuple {
            self.op(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    /// `assignment_helper`: unpack into the targets of a list/tuple.
    fn assignment_helper(&mut self, elts: &'a [Expr]) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt.kind, ExprKind::Starred { .. }) {
                if seen_star {
                    return Err(self.error("multiple starred expressions in assignment"));
                }
                if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                    return Err(self.error("too many expressions in star-unpacking assignment"));
                }
                self.op_arg(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.op_arg(Opcode::UNPACK_SEQUENCE, n as u32);
        }
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value)?,
                _ => self.visit_expr(elt)?,
            }
        }
        Ok(())
    }

    /// `compiler_dict`.
    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let n = values.len();
        let (mut have_dict, mut elements) = (false, 0usize);
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.op_arg(Opcode::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.op_arg(Opcode::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.visit_expr(&values[i])?;
                self.op_arg(Opcode::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.op_arg(Opcode::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.op_arg(Opcode::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.op_arg(Opcode::BUILD_MAP, 0);
        }
        Ok(())
    }

    /// `compiler_subdict`: the `begin..end` key/value pairs as one dict.
    fn subdict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr], begin: usize, end: usize) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let folded: Option<Vec<Constant>> =
                keys[begin..end].iter().map(|k| k.as_ref().and_then(|k| self.fold(k))).collect();
            if let Some(folded) = folded {
                self.visit_exprs(&values[begin..end])?;
                self.load_const(Constant::tuple(folded));
                self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
                return Ok(());
            }
        }
        if big {
            self.op_arg(Opcode::BUILD_MAP, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.visit_expr(k)?;
            }
            self.visit_expr(&values[i])?;
            if big {
                self.op_arg(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.op_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    /// `ast_opt.c`'s `optimize_format`: `'...%s...' % (a, b)` with only
    /// `%s`/`%r`/`%a` units (and width/precision) compiles as an f-string.
    /// Returns whether it applied.
    fn percent_format(&mut self, left: &'a Expr, right: &'a Expr) -> CResult<bool> {
        let ExprKind::Tuple { elts, .. } = &right.kind else { return Ok(false) };
        if has_starred(elts) || self.fold(right).is_some() {
            return Ok(false);
        }
        let Some(Constant::Str(fmt)) = self.fold(left) else { return Ok(false) };
        let Some(parts) = format::parse(&fmt.code_points().collect::<Vec<_>>(), elts.len()) else {
            return Ok(false);
        };
        let big = parts.len() > STACK_USE_GUIDELINE;
        if big {
            self.load_const(Constant::str(""));
            self.op_name(Opcode::LOAD_METHOD, "join");
            self.op_arg(Opcode::BUILD_LIST, 0);
        }
        for part in &parts {
            match part {
                format::Part::Literal(text) => self.load_const_without_location(Constant::Str(text.clone())),
                format::Part::Unit { index, conversion, spec } => {
                    let arg = &elts[*index];
                    self.with_loc(arg.range, |c| {
                        c.visit_expr(arg)?;
                        let mut oparg = *conversion;
                        if let Some(spec) = spec {
                            c.load_const_without_location(Constant::str(spec));
                            oparg |= 4;
                        }
                        c.op_arg(Opcode::FORMAT_VALUE, oparg);
                        Ok(())
                    })?;
                }
            }
            if big {
                self.op_arg(Opcode::LIST_APPEND, 1);
            }
        }
        if big {
            self.op_arg(Opcode::PRECALL, 1);
            self.op_arg(Opcode::CALL, 1);
        } else if parts.len() != 1 {
            self.op_arg(Opcode::BUILD_STRING, parts.len() as u32);
        }
        Ok(true)
    }

    /// A constant of a node `ast_opt.c` made without a location.
    fn load_const_without_location(&mut self, value: Constant) {
        let saved = self.unit().loc;
        self.unset_loc();
        self.load_const(value);
        self.unit_mut().loc = saved;
    }

    /// `compiler_joined_str`.
    fn joined_str(&mut self, values: &'a [Expr]) -> CResult {
        if values.len() > STACK_USE_GUIDELINE {
            self.load_const(Constant::str(""));
            self.op_name(Opcode::LOAD_METHOD, "join");
            self.op_arg(Opcode::BUILD_LIST, 0);
            for v in values {
                self.visit_expr(v)?;
                self.op_arg(Opcode::LIST_APPEND, 1);
            }
            self.op_arg(Opcode::PRECALL, 1);
            self.op_arg(Opcode::CALL, 1);
        } else {
            self.visit_exprs(values)?;
            if values.len() != 1 {
                self.op_arg(Opcode::BUILD_STRING, values.len() as u32);
            }
        }
        Ok(())
    }

    /// `compiler_call`.
    fn call(&mut self, e: &'a Expr, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        self.validate_keywords(keywords)?;
        if self.method_call(e, func, args, keywords)? {
            return Ok(());
        }
        self.set_loc(func.range);
        self.op(Opcode::PUSH_NULL);
        self.set_loc(e.range);
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    /// `maybe_optimize_method_call`: `obj.m(...)` as `LOAD_METHOD` + `CALL`
    /// when the call has no `*`/`**` and is small. Returns whether it applied.
    fn method_call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult<bool> {
        let ExprKind::Attribute { value, attr, ctx: ExprContext::Load } = &func.kind else {
            return Ok(false);
        };
        if self.is_import_originated(value) {
            return Ok(false);
        }
        let (nargs, nkw) = (args.len(), keywords.len());
        if nargs + nkw + usize::from(nkw != 0) >= STACK_USE_GUIDELINE
            || has_starred(args)
            || keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.visit_expr(value)?;
        self.set_loc(func.range);
        self.update_start_location_to_match_attr(func);
        self.op_name(Opcode::LOAD_METHOD, attr);
        self.visit_exprs(args)?;
        if nkw > 0 {
            for k in keywords {
                self.visit_expr(&k.value)?;
            }
            self.kw_names(keywords);
        }
        self.set_loc(call.range);
        self.update_start_location_to_match_attr(func);
        self.op_arg(Opcode::PRECALL, (nargs + nkw) as u32);
        self.op_arg(Opcode::CALL, (nargs + nkw) as u32);
        Ok(true)
    }

    /// `compiler_call_simple_kw_helper`: `KW_NAMES` of the keyword names.
    fn kw_names(&mut self, keywords: &[Keyword]) {
        let names = keywords.iter().map(|k| Constant::str(k.arg.as_deref().unwrap_or(""))).collect();
        let index = self.code().add_const(Constant::tuple(names));
        self.op_arg(Opcode::KW_NAMES, index);
    }

    /// `validate_keywords`: no keyword named `__debug__` or given twice.
    fn validate_keywords(&mut self, keywords: &[Keyword]) -> CResult {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            self.forbidden_name(name, ExprContext::Store)?;
            if let Some(other) = keywords[i + 1..].iter().find(|o| o.arg.as_ref() == Some(name)) {
                return Err(self.error_at(other.range, &format!("keyword argument repeated: {name}")));
            }
        }
        Ok(())
    }

    /// `compiler_call_helper`: arguments and the call, with `n` arguments
    /// already pushed.
    pub(crate) fn call_helper(&mut self, n: u32, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        self.validate_keywords(keywords)?;
        let (nargs, nkw) = (args.len(), keywords.len());
        let simple = nargs + nkw * 2 <= STACK_USE_GUIDELINE
            && !has_starred(args)
            && keywords.iter().all(|k| k.arg.is_some());
        if simple {
            self.visit_exprs(args)?;
            if nkw > 0 {
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.kw_names(keywords);
            }
            let count = n + (nargs + nkw) as u32;
            self.op_arg(Opcode::PRECALL, count);
            self.op_arg(Opcode::CALL, count);
            return Ok(());
        }
        match args {
            [Expr { kind: ExprKind::Starred { value, .. }, .. }] if n == 0 => self.visit_expr(value)?,
            _ => {
                self.starunpack(args, n, Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND, true)?
            }
        }
        if nkw > 0 {
            let (mut have_dict, mut seen) = (false, 0usize);
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if seen > 0 {
                        self.subkwargs(&keywords[i - seen..i])?;
                        if have_dict {
                            self.op_arg(Opcode::DICT_MERGE, 1);
                        }
                        have_dict = true;
                        seen = 0;
                    }
                    if !have_dict {
                        self.op_arg(Opcode::BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.visit_expr(&k.value)?;
                    self.op_arg(Opcode::DICT_MERGE, 1);
                } else {
                    seen += 1;
                }
            }
            if seen > 0 {
                self.subkwargs(&keywords[nkw - seen..])?;
                if have_dict {
                    self.op_arg(Opcode::DICT_MERGE, 1);
                }
            }
        }
        self.op_arg(Opcode::CALL_FUNCTION_EX, u32::from(nkw > 0));
        Ok(())
    }

    /// `compiler_subkwargs`: named keyword arguments as one dict.
    fn subkwargs(&mut self, keywords: &'a [Keyword]) -> CResult {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in keywords {
                self.visit_expr(&k.value)?;
            }
            let names = keywords.iter().map(|k| Constant::str(k.arg.as_deref().unwrap_or(""))).collect();
            self.load_const(Constant::tuple(names));
            self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.op_noline(Opcode::BUILD_MAP, 0);
        }
        for k in keywords {
            self.load_const(Constant::str(k.arg.as_deref().unwrap_or("")));
            self.visit_expr(&k.value)?;
            if big {
                self.op_noline(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.op_arg(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }
}

/// `ast_opt.c`'s parsing of `%`-format strings for `optimize_format`.
mod format {
    use taipan_bytecode::PyString;

    /// `MAXDIGITS`: widths and precisions have fewer digits than this.
    const MAX_DIGITS: u32 = 3;

    /// A piece of the f-string a `%`-format becomes.
    pub(super) enum Part {
        Literal(PyString),
        /// Argument `index` formatted with `FORMAT_VALUE` `conversion`
        /// (1 `s`, 2 `r`, 3 `a`) and an optional format spec.
        Unit {
            index: usize,
            conversion: u32,
            spec: Option<String>,
        },
    }

    /// The parts of `fmt % (n items)`, or `None` when CPython leaves it alone.
    pub(super) fn parse(fmt: &[u32], n: usize) -> Option<Vec<Part>> {
        let (mut pos, mut count, mut parts) = (0, 0, Vec::new());
        loop {
            if let Some(text) = literal(fmt, &mut pos) {
                parts.push(Part::Literal(text));
            }
            if pos >= fmt.len() {
                break;
            }
            if count >= n {
                return None;
            }
            pos += 1;
            parts.push(unit(fmt, &mut pos, count)?);
            count += 1;
        }
        (count == n).then_some(parts)
    }

    /// `parse_literal`: text up to the next lone `%`, `%%` unescaped.
    fn literal(fmt: &[u32], pos: &mut usize) -> Option<PyString> {
        let start = *pos;
        let mut text = taipan_parser::ast::PyStr::new();
        while *pos < fmt.len() {
            if fmt[*pos] != '%' as u32 {
                text.push(fmt[*pos]);
                *pos += 1;
            } else if *pos + 1 < fmt.len() && fmt[*pos + 1] == '%' as u32 {
                text.push('%' as u32);
                *pos += 2;
            } else {
                break;
            }
        }
        if *pos == start {
            return None;
        }
        PyString::from_wtf8(text.as_bytes())
    }

    /// `simple_format_arg_parse` + `parse_format`: one `%` unit.
    fn unit(fmt: &[u32], pos: &mut usize, index: usize) -> Option<Part> {
        let mut next = || -> Option<char> {
            let ch = char::from_u32(*fmt.get(*pos)?).unwrap_or('\u{fffd}');
            *pos += 1;
            Some(ch)
        };
        let mut ljust = false;
        let mut ch = next()?;
        while matches!(ch, '-' | '+' | ' ' | '#' | '0') {
            ljust |= ch == '-';
            ch = next()?;
        }
        let mut width: Option<i64> = None;
        if ch.is_ascii_digit() {
            let (mut w, mut digits) = (0i64, 0);
            while ch.is_ascii_digit() {
                w = w * 10 + i64::from(ch as u8 - b'0');
                ch = next()?;
                digits += 1;
                if digits >= MAX_DIGITS {
                    return None;
                }
            }
            width = Some(w);
        }
        let mut precision: Option<i64> = None;
        if ch == '.' {
            ch = next()?;
            let (mut p, mut digits) = (0i64, 0);
            while ch.is_ascii_digit() {
                p = p * 10 + i64::from(ch as u8 - b'0');
                ch = next()?;
                digits += 1;
                if digits >= MAX_DIGITS {
                    return None;
                }
            }
            precision = Some(p);
        }
        let conversion = match ch {
            's' => 1,
            'r' => 2,
            'a' => 3,
            _ => return None,
        };
        let mut spec = String::new();
        if !ljust && width.is_some_and(|w| w > 0) {
            spec.push('>');
        }
        if let Some(w) = width {
            spec += &w.to_string();
        }
        if let Some(p) = precision {
            spec += &format!(".{p}");
        }
        Some(Part::Unit { index, conversion, spec: (!spec.is_empty()).then_some(spec) })
    }
}
