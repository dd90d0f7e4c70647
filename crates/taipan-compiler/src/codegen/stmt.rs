//! Statements (CPython 3.11's `compiler_visit_stmt` and the functions it
//! calls): assignments in all their forms, `if`/`while`/`for`, `return`,
//! `break` and `continue` (unwinding through `exc.rs`), `raise`, `assert`,
//! imports, `del` and expression statements. Definitions are in `func.rs`,
//! `try`/`with` in `exc.rs`, `match` in `pattern.rs`.

use super::expr::binary_op_arg;
use super::{CResult, Compiler, FBlock, UnitKind};
use crate::ir::Op;
use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{Alias, Expr, ExprContext, ExprKind, Operator, Stmt, StmtKind};

/// `find_ann`: whether a body has an annotated assignment outside nested
/// definitions (it then needs `SETUP_ANNOTATIONS`).
pub(crate) fn find_ann(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. }
        | StmtKind::AsyncFor { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
        StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => find_ann(body),
        StmtKind::Try { body, handlers, orelse, finalbody }
        | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
            handlers.iter().any(|h| {
                let taipan_parser::ast::ExceptHandlerKind::ExceptHandler { body, .. } = &h.kind;
                find_ann(body)
            }) || find_ann(body)
                || find_ann(finalbody)
                || find_ann(orelse)
        }
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    pub(crate) fn visit_stmts(&mut self, stmts: &'a [Stmt]) -> CResult {
        stmts.iter().try_for_each(|s| self.visit_stmt(s))
    }

    /// `compiler_visit_stmt`.
    pub(crate) fn visit_stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_loc(s.range);
        match &s.kind {
            StmtKind::FunctionDef { .. } | StmtKind::AsyncFunctionDef { .. } => self.function_def(s),
            StmtKind::ClassDef { .. } => self.class_def(s),
            StmtKind::Return { value } => self.return_stmt(s, value.as_deref()),
            StmtKind::Delete { targets } => targets.iter().try_for_each(|t| self.visit_expr(t)),
            StmtKind::Assign { targets, value, .. } => {
                self.visit_expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.op_arg(Opcode::COPY, 1);
                    }
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.augassign(target, *op, value),
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.annassign(target, annotation, value.as_deref(), *simple != 0)
            }
            StmtKind::For { target, iter, body, orelse, .. } => self.for_stmt(target, iter, body, orelse),
            StmtKind::AsyncFor { target, iter, body, orelse, .. } => {
                self.async_for(target, iter, body, orelse)
            }
            StmtKind::While { test, body, orelse } => self.while_stmt(s, test, body, orelse),
            StmtKind::If { test, body, orelse } => {
                let end = self.new_block();
                let next = if orelse.is_empty() { end } else { self.new_block() };
                self.jump_if(test, next, false)?;
                self.visit_stmts(body)?;
                if !orelse.is_empty() {
                    self.jump_noline(Op::Jump, end);
                    self.use_block(next);
                    self.visit_stmts(orelse)?;
                }
                self.use_block(end);
                Ok(())
            }
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(exc) = exc {
                    self.visit_expr(exc)?;
                    n += 1;
                    if let Some(cause) = cause {
                        self.visit_expr(cause)?;
                        n += 1;
                    }
                }
                self.op_arg(Opcode::RAISE_VARARGS, n);
                Ok(())
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, false)
                }
            }
            StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_star_except(body, handlers, orelse)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, true)
                }
            }
            StmtKind::Assert { test, msg } => self.assert_stmt(test, msg.as_deref()),
            StmtKind::Import { names } => names.iter().try_for_each(|a| self.import_alias(a)),
            StmtKind::ImportFrom { module, names, level } => {
                self.import_from(s, module.as_deref(), names, *level)
            }
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => Ok(()),
            StmtKind::Expr { value } => self.expr_stmt(value),
            StmtKind::Pass {} => {
                self.op(Opcode::NOP);
                Ok(())
            }
            StmtKind::Break {} => self.break_stmt(),
            StmtKind::Continue {} => self.continue_stmt(),
            StmtKind::With { items, .. } | StmtKind::AsyncWith { items, .. } if items.is_empty() => {
                Err(self.error("empty items on With"))
            }
            StmtKind::With { items, body, .. } => self.with_stmt(s, items, body, 0),
            StmtKind::AsyncWith { items, body, .. } => self.async_with(s, items, body, 0),
        }
    }

    /// `compiler_visit_stmt_expr`.
    fn expr_stmt(&mut self, value: &'a Expr) -> CResult {
        if self.interactive && self.units.len() <= 1 {
            self.visit_expr(value)?;
            self.op(Opcode::PRINT_EXPR);
            return Ok(());
        }
        if self.fold(value).is_some() {
            self.op(Opcode::NOP);
            return Ok(());
        }
        self.visit_expr(value)?;
        self.unset_loc();
        self.op(Opcode::POP_TOP);
        Ok(())
    }

    /// `compiler_return`.
    fn return_stmt(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult {
        let constant = value.and_then(|v| self.fold(v));
        let preserve_tos = value.is_some() && constant.is_none();
        if !self.unit().kind.is_function_block() {
            return Err(self.error("'return' outside function"));
        }
        if value.is_some() && self.unit().scope.is_some_and(|sc| sc.is_coroutine && sc.is_generator) {
            return Err(self.error("'return' with value in async generator"));
        }
        if preserve_tos {
            self.visit_expr(value.expect("checked"))?;
        } else if let Some(v) = value {
            self.set_loc(v.range);
            self.op(Opcode::NOP);
        }
        if value.is_none_or(|v| v.range.start.line != s.range.start.line) {
            self.set_loc(s.range);
            self.op(Opcode::NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match (value, constant) {
            (None, _) => self.load_const(Constant::None),
            (Some(_), Some(c)) => self.load_const(c),
            _ => {}
        }
        self.op(Opcode::RETURN_VALUE);
        Ok(())
    }

    /// `compiler_break`.
    fn break_stmt(&mut self) -> CResult {
        let saved = self.unit().loc;
        self.op(Opcode::NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            self.unit_mut().loc = saved;
            return Err(self.error("'break' outside loop"));
        };
        let block = self.unit().fblocks[loop_index];
        self.unwind_fblock(block, false)?;
        let (FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. }) = block else { unreachable!() };
        self.jump(Op::Jump, exit);
        Ok(())
    }

    /// `compiler_continue`.
    fn continue_stmt(&mut self) -> CResult {
        let saved = self.unit().loc;
        self.op(Opcode::NOP);
        let Some(loop_index) = self.unwind_fblock_stack(false, true)? else {
            self.unit_mut().loc = saved;
            return Err(self.error("'continue' not properly in loop"));
        };
        let (FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. }) =
            self.unit().fblocks[loop_index]
        else {
            unreachable!()
        };
        self.jump(Op::Jump, start);
        Ok(())
    }

    /// `compiler_for`.
    fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        let start = self.new_block();
        let body_block = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlock::ForLoop { start, exit: end })?;
        self.visit_iterable(iter)?;
        self.op(Opcode::GET_ITER);
        self.use_block(start);
        self.real_jump(Opcode::FOR_ITER, cleanup);
        self.use_block(body_block);
        self.visit_expr(target)?;
        self.visit_stmts(body)?;
        self.unset_loc();
        self.jump(Op::Jump, start);
        self.use_block(cleanup);
        self.pop_fblock();
        self.visit_stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    /// `compiler_async_for`.
    fn async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        if self.unit().kind != UnitKind::AsyncFunction {
            return Err(self.error("'async for' outside async function"));
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.visit_expr(iter)?;
        self.op(Opcode::GET_AITER);
        self.use_block(start);
        self.push_fblock(FBlock::ForLoop { start, exit: end })?;
        self.jump(Op::SetupFinally, except);
        self.op(Opcode::GET_ANEXT);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.pop_block();
        self.visit_expr(target)?;
        self.visit_stmts(body)?;
        self.unset_loc();
        self.jump(Op::Jump, start);
        self.pop_fblock();
        self.use_block(except);
        self.set_loc(iter.range);
        self.op(Opcode::END_ASYNC_FOR);
        self.visit_stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    /// `compiler_while`: the test before the loop and again at its end.
    fn while_stmt(&mut self, s: &'a Stmt, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let loop_block = self.new_block();
        let body_block = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_block(loop_block);
        self.push_fblock(FBlock::WhileLoop { start: loop_block, exit: end })?;
        self.jump_if(test, anchor, false)?;
        self.use_block(body_block);
        self.visit_stmts(body)?;
        self.set_loc(s.range);
        self.jump_if(test, body_block, true)?;
        self.pop_fblock();
        self.use_block(anchor);
        self.visit_stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    /// `compiler_augassign`.
    fn augassign(&mut self, target: &'a Expr, op: Operator, value: &'a Expr) -> CResult {
        let saved = self.unit().loc;
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.visit_expr(obj)?;
                self.op_arg(Opcode::COPY, 1);
                self.update_start_location_to_match_attr(target);
                self.op_name(Opcode::LOAD_ATTR, attr);
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.visit_expr(obj)?;
                self.visit_expr(slice)?;
                self.op_arg(Opcode::COPY, 2);
                self.op_arg(Opcode::COPY, 2);
                self.op(Opcode::BINARY_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Load)?,
            _ => return Err(self.error("invalid node type for augmented assignment")),
        }
        self.unit_mut().loc = saved;
        self.visit_expr(value)?;
        self.op_arg(Opcode::BINARY_OP, binary_op_arg(op) + 13);
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.update_start_location_to_match_attr(target);
                self.op_arg(Opcode::SWAP, 2);
                self.op_name(Opcode::STORE_ATTR, attr);
            }
            ExprKind::Subscript { .. } => {
                self.op_arg(Opcode::SWAP, 3);
                self.op_arg(Opcode::SWAP, 2);
                self.op(Opcode::STORE_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Store)?,
            _ => {}
        }
        Ok(())
    }

    /// `compiler_annassign`.
    fn annassign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> CResult {
        if let Some(value) = value {
            self.visit_expr(value)?;
            self.visit_expr(target)?;
        }
        let module_or_class = matches!(self.unit().kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.forbidden_name(id, ExprContext::Store)?;
                if simple && module_or_class {
                    self.annotation_value(annotation)?;
                    self.op_name(Opcode::LOAD_NAME, "__annotations__");
                    let mangled = super::mangle(self.unit().private.as_deref(), id);
                    self.load_const(Constant::str(&mangled));
                    self.op(Opcode::STORE_SUBSCR);
                }
            }
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.forbidden_name(attr, ExprContext::Store)?;
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                }
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                if value.is_none() {
                    self.check_ann_expr(obj)?;
                    self.check_ann_subscr(slice)?;
                }
            }
            _ => return Err(self.error("invalid node type for annotated assignment")),
        }
        if !simple && !self.future.annotations() && module_or_class {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }

    /// An annotation's value: the expression, or its source text under
    /// `from __future__ import annotations`.
    pub(crate) fn annotation_value(&mut self, annotation: &'a Expr) -> CResult {
        if self.future.annotations() {
            // `compiler_visit_annexpr`: at the statement's location.
            self.load_const(Constant::str(&super::unparse::unparse(annotation)));
            Ok(())
        } else {
            self.visit_expr(annotation)
        }
    }

    fn check_ann_expr(&mut self, e: &'a Expr) -> CResult {
        self.visit_expr(e)?;
        self.op(Opcode::POP_TOP);
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } => elts.iter().try_for_each(|x| self.check_ann_subscr(x)),
            _ => self.check_ann_expr(e),
        }
    }

    /// `compiler_assert`.
    fn assert_stmt(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> CResult {
        if self.options.optimize > 0 {
            return Ok(());
        }
        let end = self.new_block();
        self.jump_if(test, end, true)?;
        self.op(Opcode::LOAD_ASSERTION_ERROR);
        if let Some(msg) = msg {
            self.visit_expr(msg)?;
            self.op_arg(Opcode::PRECALL, 0);
            self.op_arg(Opcode::CALL, 0);
        }
        self.op_arg(Opcode::RAISE_VARARGS, 1);
        self.use_block(end);
        Ok(())
    }

    /// One `import a.b.c [as d]` (`compiler_import`).
    fn import_alias(&mut self, alias: &'a Alias) -> CResult {
        self.load_const(Constant::Int(0));
        self.load_const(Constant::None);
        self.op_name(Opcode::IMPORT_NAME, &alias.name);
        match &alias.asname {
            Some(asname) => {
                let mut parts = alias.name.split('.');
                parts.next();
                let attrs: Vec<&str> = parts.collect();
                if attrs.is_empty() {
                    return self.nameop(asname, ExprContext::Store);
                }
                for (i, attr) in attrs.iter().enumerate() {
                    self.op_name_raw(Opcode::IMPORT_FROM, attr);
                    if i + 1 < attrs.len() {
                        self.op_arg(Opcode::SWAP, 2);
                        self.op(Opcode::POP_TOP);
                    }
                }
                self.nameop(asname, ExprContext::Store)?;
                self.op(Opcode::POP_TOP);
                Ok(())
            }
            None => {
                let first = alias.name.split('.').next().unwrap_or("");
                self.nameop(first, ExprContext::Store)
            }
        }
    }

    /// `compiler_from_import`.
    fn import_from(
        &mut self,
        s: &'a Stmt,
        module: Option<&'a str>,
        names: &'a [Alias],
        level: i32,
    ) -> CResult {
        self.load_const(Constant::Int(i64::from(level)));
        if module == Some("__future__") && s.range.start.line as i32 > self.future.lineno {
            return Err(self.error("from __future__ imports must occur at the beginning of the file"));
        }
        let fromlist = names.iter().map(|a| Constant::str(&a.name)).collect();
        self.load_const(Constant::tuple(fromlist));
        self.op_name(Opcode::IMPORT_NAME, module.unwrap_or(""));
        for (i, alias) in names.iter().enumerate() {
            if i == 0 && alias.name.starts_with('*') {
                self.op(Opcode::IMPORT_STAR);
                return Ok(());
            }
            self.op_name(Opcode::IMPORT_FROM, &alias.name);
            self.nameop(alias.asname.as_deref().unwrap_or(&alias.name), ExprContext::Store)?;
        }
        self.op(Opcode::POP_TOP);
        Ok(())
    }
}
