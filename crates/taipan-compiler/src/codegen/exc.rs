//! Exception handling and the frame-block stack, as CPython 3.11's
//! compiler emits them: `try`/`except`/`else`/`finally` and `except*`
//! (`SETUP_FINALLY`/`SETUP_CLEANUP`/`POP_BLOCK` pseudo-instructions, the
//! `PUSH_EXC_INFO`/`POP_EXCEPT`/`RERAISE` handlers and the cleanup blocks
//! CPython adds around them), `with`/`async with` (`BEFORE_WITH`,
//! `SETUP_WITH`, the `__exit__` call, `WITH_EXCEPT_START`), and the
//! unwinding that `break`/`continue`/`return` do through enclosing blocks
//! (finally bodies are compiled again at each exit, as CPython does).

use super::{CResult, Compiler, FBlock, UnitKind};
use crate::ir::{BlockId, Location, Op};
use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{ExceptHandler, ExceptHandlerKind, ExprContext, Stmt, WithItem};

impl<'a> Compiler<'a> {
    /// `compiler_unwind_fblock`: the cleanup of one frame block for a jump
    /// out of it (`preserve_tos`: a return value is on the stack).
    pub(crate) fn unwind_fblock(&mut self, block: FBlock<'a>, preserve_tos: bool) -> CResult {
        match block {
            FBlock::WhileLoop { .. }
            | FBlock::ExceptionHandler
            | FBlock::ExceptionGroupHandler
            | FBlock::AsyncComprehensionGenerator => {}
            FBlock::ForLoop { .. } | FBlock::PopValue => {
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.op(Opcode::POP_TOP);
            }
            FBlock::TryExcept => self.pop_block(),
            FBlock::FinallyTry { body } => {
                self.pop_block();
                if preserve_tos {
                    self.push_fblock(FBlock::PopValue)?;
                }
                self.visit_stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.op(Opcode::POP_TOP);
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.pop_block();
                self.op(Opcode::POP_EXCEPT);
            }
            FBlock::With { stmt, is_async } => {
                self.unit_mut().loc = stmt;
                self.pop_block();
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.call_exit_with_nones();
                if is_async {
                    self.await_exit();
                }
                self.op(Opcode::POP_TOP);
                self.unset_loc();
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.pop_block();
                }
                if preserve_tos {
                    self.op_arg(Opcode::SWAP, 2);
                }
                self.pop_block();
                self.op(Opcode::POP_EXCEPT);
                if let Some(name) = name {
                    self.clear_name(name)?;
                }
            }
        }
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`: unwinds every frame block (down to
    /// the innermost loop if `to_loop`), returning that loop's index.
    pub(crate) fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        to_loop: bool,
    ) -> CResult<Option<usize>> {
        let Some(&top) = self.unit().fblocks.last() else { return Ok(None) };
        if let FBlock::ExceptionGroupHandler = top {
            return Err(self.error("'break', 'continue' and 'return' cannot appear in an except* block"));
        }
        if to_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(self.unit().fblocks.len() - 1));
        }
        self.pop_fblock();
        let result = self
            .unwind_fblock(top, preserve_tos)
            .and_then(|_| self.unwind_fblock_stack(preserve_tos, to_loop));
        self.unit_mut().fblocks.push(top);
        result
    }

    /// `name = None; del name` after an `except ... as name` body.
    fn clear_name(&mut self, name: &str) -> CResult {
        self.load_const(Constant::None);
        self.nameop(name, ExprContext::Store)?;
        self.nameop(name, ExprContext::Del)
    }

    /// `POP_EXCEPT_AND_RERAISE`.
    fn pop_except_and_reraise(&mut self) {
        self.op_arg(Opcode::COPY, 3);
        self.op(Opcode::POP_EXCEPT);
        self.op_arg(Opcode::RERAISE, 1);
    }

    /// The protected part of a `try`: `SETUP_FINALLY` to `handler`, then
    /// `body` in `block` under a `TryExcept` frame block, then `POP_BLOCK`.
    fn protected_try_body(&mut self, block: BlockId, handler: BlockId, body: &'a [Stmt]) -> CResult {
        self.jump(Op::SetupFinally, handler);
        self.use_block(block);
        self.push_fblock(FBlock::TryExcept)?;
        self.visit_stmts(body)?;
        self.pop_fblock();
        self.pop_block_noline();
        Ok(())
    }

    /// The start of an exception handler at `handler`: `SETUP_CLEANUP` to
    /// `cleanup`, `PUSH_EXC_INFO`, and the handler's frame block.
    fn enter_handler(&mut self, handler: BlockId, cleanup: BlockId, fblock: FBlock<'a>) -> CResult {
        self.use_block(handler);
        self.unset_loc();
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.push_fblock(fblock)
    }

    /// An `except` body after its exception was stored in `name` (or
    /// popped): `body` under a `SETUP_CLEANUP` to `cleanup_end` when a name
    /// must be cleared on the way out; leaves the two `POP_BLOCK`s to the
    /// caller's exit path.
    fn handler_body(
        &mut self,
        name: Option<&'a str>,
        body: &'a [Stmt],
        cleanup_end: Option<BlockId>,
    ) -> CResult {
        if let Some(cleanup_end) = cleanup_end {
            self.jump(Op::SetupCleanup, cleanup_end);
        }
        let cleanup_body = self.new_block();
        self.use_block(cleanup_body);
        self.push_fblock(FBlock::HandlerCleanup { name })?;
        self.visit_stmts(body)?;
        self.pop_fblock();
        self.unset_loc();
        Ok(())
    }

    /// `compiler_try_finally` (with `handlers`, the `try`/`except` inside).
    pub(crate) fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> CResult {
        let body_block = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.jump(Op::SetupFinally, end);
        self.use_block(body_block);
        self.push_fblock(FBlock::FinallyTry { body: finalbody })?;
        if handlers.is_empty() {
            self.visit_stmts(body)?;
        } else if star {
            self.try_star_except(body, handlers, orelse)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.pop_block_noline();
        self.pop_fblock();
        self.visit_stmts(finalbody)?;
        self.jump_noline(Op::Jump, exit);
        self.enter_handler(end, cleanup, FBlock::FinallyEnd)?;
        self.visit_stmts(finalbody)?;
        self.pop_fblock();
        self.op_arg(Opcode::RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
        Ok(())
    }

    /// `compiler_try_except`.
    pub(crate) fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let body_block = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.protected_try_body(body_block, except, body)?;
        self.visit_stmts(orelse)?;
        self.jump_noline(Op::Jump, end);
        self.enter_handler(except, cleanup, FBlock::ExceptionHandler)?;
        let n = handlers.len();
        for (i, handler) in handlers.iter().enumerate() {
            let ExceptHandlerKind::ExceptHandler { r#type, name, body } = &handler.kind;
            self.set_loc(handler.range);
            if r#type.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last"));
            }
            let next_handler = self.new_block();
            if let Some(t) = r#type {
                self.visit_expr(t)?;
                self.op(Opcode::CHECK_EXC_MATCH);
                self.jump(Op::PopJumpIfFalse, next_handler);
            }
            match name {
                Some(name) => {
                    let cleanup_end = self.new_block();
                    self.nameop(name, ExprContext::Store)?;
                    self.handler_body(Some(name), body, Some(cleanup_end))?;
                    self.pop_block();
                    self.pop_block();
                    self.op(Opcode::POP_EXCEPT);
                    self.clear_name(name)?;
                    self.jump(Op::Jump, end);
                    self.use_block(cleanup_end);
                    self.unset_loc();
                    self.clear_name(name)?;
                    self.op_arg(Opcode::RERAISE, 1);
                }
                None => {
                    self.op(Opcode::POP_TOP);
                    self.handler_body(None, body, None)?;
                    self.pop_block();
                    self.op(Opcode::POP_EXCEPT);
                    self.jump(Op::Jump, end);
                }
            }
            self.use_block(next_handler);
        }
        self.unset_loc();
        self.pop_fblock();
        self.op_arg(Opcode::RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(end);
        Ok(())
    }

    /// `compiler_try_star_except`: `except*` handlers over an exception group.
    pub(crate) fn try_star_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let body_block = self.new_block();
        let except = self.new_block();
        let orelse_block = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.protected_try_body(body_block, except, body)?;
        self.jump_noline(Op::Jump, orelse_block);
        self.enter_handler(except, cleanup, FBlock::ExceptionGroupHandler)?;
        let n = handlers.len();
        for (i, handler) in handlers.iter().enumerate() {
            let ExceptHandlerKind::ExceptHandler { r#type, name, body } = &handler.kind;
            self.set_loc(handler.range);
            let next = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                self.op_arg(Opcode::COPY, 1);
                self.op_arg(Opcode::BUILD_LIST, 0);
                self.op_arg(Opcode::SWAP, 2);
            }
            if let Some(t) = r#type {
                self.visit_expr(t)?;
                self.op(Opcode::CHECK_EG_MATCH);
                self.op_arg(Opcode::COPY, 1);
                self.jump(Op::PopJumpIfNone, no_match);
            }
            let cleanup_end = self.new_block();
            match name {
                Some(name) => self.nameop(name, ExprContext::Store)?,
                None => self.op(Opcode::POP_TOP),
            }
            self.handler_body(name.as_deref(), body, Some(cleanup_end))?;
            self.pop_block();
            if let Some(name) = name {
                self.clear_name(name)?;
            }
            self.jump(Op::Jump, next);
            self.use_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = name {
                self.clear_name(name)?;
            }
            self.op_arg(Opcode::LIST_APPEND, 3);
            self.op(Opcode::POP_TOP);
            self.jump(Op::Jump, except_with_error);
            self.use_block(next);
            self.op(Opcode::NOP);
            self.jump(Op::Jump, except_with_error);
            self.use_block(no_match);
            self.op(Opcode::POP_TOP);
            self.use_block(except_with_error);
            if i + 1 == n {
                self.op_arg(Opcode::LIST_APPEND, 1);
                self.jump(Op::Jump, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_block(reraise_star);
        self.op(Opcode::PREP_RERAISE_STAR);
        self.op_arg(Opcode::COPY, 1);
        self.jump(Op::PopJumpIfNotNone, reraise);
        self.op(Opcode::POP_TOP);
        self.pop_block();
        self.op(Opcode::POP_EXCEPT);
        self.jump(Op::Jump, end);
        self.use_block(reraise);
        self.pop_block();
        self.op_arg(Opcode::SWAP, 2);
        self.op(Opcode::POP_EXCEPT);
        self.op_arg(Opcode::RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(orelse_block);
        self.visit_stmts(orelse)?;
        self.use_block(end);
        Ok(())
    }

    /// `compiler_call_exit_with_nones`: `__exit__(None, None, None)`.
    fn call_exit_with_nones(&mut self) {
        for _ in 0..3 {
            self.load_const(Constant::None);
        }
        self.op_arg(Opcode::PRECALL, 2);
        self.op_arg(Opcode::CALL, 2);
    }

    /// Awaits the result of `__aexit__`/`__aenter__`.
    fn await_exit(&mut self) {
        self.op_arg(Opcode::GET_AWAITABLE, 2);
        self.load_const(Constant::None);
        self.yield_from(true);
    }

    /// `compiler_with_except_finish`: after `WITH_EXCEPT_START`, swallow
    /// the exception if `__exit__` returned true, else re-raise it.
    fn with_except_finish(&mut self, cleanup: BlockId) {
        self.unset_loc();
        let exit = self.new_block();
        self.jump(Op::PopJumpIfTrue, exit);
        self.op_arg(Opcode::RERAISE, 2);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
        self.op(Opcode::POP_TOP);
        self.pop_block();
        self.op(Opcode::POP_EXCEPT);
        self.op(Opcode::POP_TOP);
        self.op(Opcode::POP_TOP);
    }

    /// `compiler_with`: item `pos` and the rest nested inside it.
    pub(crate) fn with_stmt(
        &mut self,
        s: &'a Stmt,
        items: &'a [WithItem],
        body: &'a [Stmt],
        pos: usize,
    ) -> CResult {
        let item = &items[pos];
        let block = self.new_block();
        let final_block = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.op(Opcode::BEFORE_WITH);
        self.jump(Op::SetupWith, final_block);
        self.use_block(block);
        self.push_fblock(FBlock::With { stmt: Location::from_range(s.range), is_async: false })?;
        match &item.optional_vars {
            Some(target) => self.visit_expr(target)?,
            None => self.op(Opcode::POP_TOP),
        }
        if pos + 1 == items.len() {
            self.visit_stmts(body)?;
        } else {
            self.with_stmt(s, items, body, pos + 1)?;
        }
        self.unset_loc();
        self.pop_block();
        self.pop_fblock();
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.op(Opcode::POP_TOP);
        self.jump(Op::Jump, exit);
        self.use_block(final_block);
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.op(Opcode::WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_block(exit);
        Ok(())
    }

    /// `compiler_async_with`.
    pub(crate) fn async_with(
        &mut self,
        s: &'a Stmt,
        items: &'a [WithItem],
        body: &'a [Stmt],
        pos: usize,
    ) -> CResult {
        if self.unit().kind != UnitKind::AsyncFunction {
            return Err(self.error("'async with' outside async function"));
        }
        let item = &items[pos];
        let block = self.new_block();
        let final_block = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.op(Opcode::BEFORE_ASYNC_WITH);
        self.op_arg(Opcode::GET_AWAITABLE, 1);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.jump(Op::SetupWith, final_block);
        self.use_block(block);
        self.push_fblock(FBlock::With { stmt: Location::from_range(s.range), is_async: true })?;
        match &item.optional_vars {
            Some(target) => self.visit_expr(target)?,
            None => self.op(Opcode::POP_TOP),
        }
        if pos + 1 == items.len() {
            self.visit_stmts(body)?;
        } else {
            self.async_with(s, items, body, pos + 1)?;
        }
        self.pop_fblock();
        self.pop_block();
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.await_exit();
        self.op(Opcode::POP_TOP);
        self.jump(Op::Jump, exit);
        self.use_block(final_block);
        self.jump(Op::SetupCleanup, cleanup);
        self.op(Opcode::PUSH_EXC_INFO);
        self.op(Opcode::WITH_EXCEPT_START);
        self.await_exit();
        self.with_except_finish(cleanup);
        self.use_block(exit);
        Ok(())
    }
}
