//! Comprehensions and generator expressions (CPython 3.11's
//! `compiler_comprehension`): a nested code unit taking the outermost
//! iterator as its one argument `.0`, called right away with that
//! iterator; inside, one `FOR_ITER` loop per `for` clause (or the
//! `SETUP_FINALLY`/`GET_ANEXT` loop for `async for`), the `if` clauses as
//! conditional jumps, and `LIST_APPEND`/`SET_ADD`/`MAP_ADD`/`YIELD_VALUE`.

use super::{CResult, Compiler, FBlock, UnitKind};
use crate::ir::Op;
use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{Comprehension, Expr, ExprKind};

/// Which comprehension (CPython's `COMP_*`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    Gen,
    List,
    Set,
    Dict,
}

/// The element(s) a comprehension produces.
#[derive(Clone, Copy)]
struct Element<'a> {
    kind: CompKind,
    elt: &'a Expr,
    value: Option<&'a Expr>,
}

impl<'a> Compiler<'a> {
    /// `compiler_comprehension` for any of the four kinds.
    pub(crate) fn comprehension(&mut self, e: &'a Expr) -> CResult {
        let (name, kind, generators, elt, value) = match &e.kind {
            ExprKind::GeneratorExp { elt, generators } => {
                ("<genexpr>", CompKind::Gen, generators, &**elt, None)
            }
            ExprKind::ListComp { elt, generators } => {
                ("<listcomp>", CompKind::List, generators, &**elt, None)
            }
            ExprKind::SetComp { elt, generators } => ("<setcomp>", CompKind::Set, generators, &**elt, None),
            ExprKind::DictComp { key, value, generators } => {
                ("<dictcomp>", CompKind::Dict, generators, &**key, Some(&**value))
            }
            _ => unreachable!("comprehension on a non-comprehension"),
        };
        if generators.is_empty() {
            return Err(self.error("comprehension with no generators"));
        }
        let outer_kind = self.unit().kind;
        let scope = self.scope_for(e);
        self.enter_scope(name, UnitKind::Comprehension, scope, e.range.start.line as i32);
        if scope.is_none() {
            self.code().varnames = vec![".0".into()];
        }
        self.set_loc(e.range);
        let is_async_generator = self.unit().scope.is_some_and(|s| s.is_coroutine);
        if is_async_generator
            && kind != CompKind::Gen
            && !matches!(outer_kind, UnitKind::AsyncFunction | UnitKind::Comprehension)
        {
            return Err(self.error("asynchronous comprehension outside of an asynchronous function"));
        }
        let build = match kind {
            CompKind::List => Some(Opcode::BUILD_LIST),
            CompKind::Set => Some(Opcode::BUILD_SET),
            CompKind::Dict => Some(Opcode::BUILD_MAP),
            CompKind::Gen => None,
        };
        if let Some(build) = build {
            self.op_arg(build, 0);
        }
        let element = Element { kind, elt, value };
        self.comprehension_generator(generators, 0, 0, element)?;
        if kind != CompKind::Gen {
            self.op(Opcode::RETURN_VALUE);
        }
        let unit = self.exit_scope(true);
        self.make_closure(unit, 0)?;
        let outermost = &generators[0];
        self.visit_iterable(&outermost.iter)?;
        self.op(if outermost.is_async != 0 { Opcode::GET_AITER } else { Opcode::GET_ITER });
        self.op_arg(Opcode::PRECALL, 0);
        self.op_arg(Opcode::CALL, 0);
        if is_async_generator && kind != CompKind::Gen {
            self.op_arg(Opcode::GET_AWAITABLE, 0);
            self.load_const(Constant::None);
            self.yield_from(true);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        depth: u32,
        element: Element<'a>,
    ) -> CResult {
        if generators[index].is_async != 0 {
            self.async_comprehension_generator(generators, index, depth, element)
        } else {
            self.sync_comprehension_generator(generators, index, depth, element)
        }
    }

    /// The innermost body: add the element to the result (or yield it).
    fn comprehension_element(&mut self, element: Element<'a>, depth: u32) -> CResult {
        self.visit_expr(element.elt)?;
        match element.kind {
            CompKind::Gen => {
                self.yield_op();
                self.op(Opcode::POP_TOP);
            }
            CompKind::List => self.op_arg(Opcode::LIST_APPEND, depth + 1),
            CompKind::Set => self.op_arg(Opcode::SET_ADD, depth + 1),
            CompKind::Dict => {
                if let Some(value) = element.value {
                    self.visit_expr(value)?;
                }
                self.op_arg(Opcode::MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    /// A one-element display iterated by a nested `for` (`for y in [f(x)]`):
    /// its element, compiled as a plain assignment.
    fn single_item_iterable(&self, iter: &'a Expr) -> Option<&'a Expr> {
        let (ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. }) = &iter.kind else { return None };
        if elts.len() != 1
            || matches!(elts[0].kind, ExprKind::Starred { .. })
            || self.iterable_is_constant(iter)
        {
            return None;
        }
        Some(&elts[0])
    }

    /// `compiler_sync_comprehension_generator`.
    fn sync_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        element: Element<'a>,
    ) -> CResult {
        let start = self.new_block();
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let gen = &generators[index];
        let mut looping = true;
        if index == 0 {
            self.code().argcount = 1;
            self.op_arg(Opcode::LOAD_FAST, 0);
        } else if let Some(item) = self.single_item_iterable(&gen.iter) {
            self.visit_expr(item)?;
            looping = false;
        } else {
            self.visit_iterable(&gen.iter)?;
            self.op(Opcode::GET_ITER);
        }
        if looping {
            depth += 1;
            self.use_block(start);
            self.real_jump(Opcode::FOR_ITER, anchor);
        }
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, element)?;
        } else {
            self.comprehension_element(element, depth)?;
        }
        self.use_block(if_cleanup);
        if looping {
            self.jump(Op::Jump, start);
            self.use_block(anchor);
        }
        Ok(())
    }

    /// `compiler_async_comprehension_generator`.
    fn async_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        depth: u32,
        element: Element<'a>,
    ) -> CResult {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let gen = &generators[index];
        if index == 0 {
            self.code().argcount = 1;
            self.op_arg(Opcode::LOAD_FAST, 0);
        } else {
            self.visit_iterable(&gen.iter)?;
            self.op(Opcode::GET_AITER);
        }
        self.use_block(start);
        self.push_fblock(FBlock::AsyncComprehensionGenerator)?;
        self.jump(Op::SetupFinally, except);
        self.op(Opcode::GET_ANEXT);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.pop_block();
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        let depth = depth + 1;
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, element)?;
        } else {
            self.comprehension_element(element, depth)?;
        }
        self.use_block(if_cleanup);
        self.jump(Op::Jump, start);
        self.pop_fblock();
        self.use_block(except);
        self.op(Opcode::END_ASYNC_FOR);
        Ok(())
    }
}
