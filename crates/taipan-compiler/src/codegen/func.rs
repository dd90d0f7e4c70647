//! Functions, lambdas and classes (CPython 3.11's `compiler_function`,
//! `compiler_lambda`, `compiler_class`): decorators, defaults and
//! keyword-only defaults, the annotations tuple, the nested code unit with
//! its docstring slot, and `compiler_make_closure` (`LOAD_CLOSURE`s and
//! `MAKE_FUNCTION` flags). Class bodies set `__module__`/`__qualname__` and
//! return the `__class__` cell when methods need it.

use super::{docstring, CResult, Compiler, UnitKind};
use crate::ir::CodeUnit;
use crate::symtable::NameScope;
use std::sync::Arc;
use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{Arg, Arguments, Expr, ExprContext, ExprKind, Stmt, StmtKind};

/// `MAKE_FUNCTION` flags.
const MF_DEFAULTS: u32 = 0x01;
const MF_KWDEFAULTS: u32 = 0x02;
const MF_ANNOTATIONS: u32 = 0x04;
const MF_CLOSURE: u32 = 0x08;

impl<'a> Compiler<'a> {
    /// `compiler_function` for `def` and `async def`.
    pub(crate) fn function_def(&mut self, s: &'a Stmt) -> CResult {
        let (name, args, body, decorators, returns, is_async) = match &s.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns, .. } => {
                (name, args, body, decorator_list, returns, false)
            }
            StmtKind::AsyncFunctionDef { name, args, body, decorator_list, returns, .. } => {
                (name, args, body, decorator_list, returns, true)
            }
            _ => unreachable!("function_def on a non-def"),
        };
        self.check_debug_args(args)?;
        for d in decorators {
            self.visit_expr(d)?;
        }
        let firstlineno = decorators.first().map_or(s.range.start.line, |d| d.range.start.line) as i32;
        let mut flags = self.default_arguments(args)?;
        if self.annotations(args, returns.as_deref())? {
            flags |= MF_ANNOTATIONS;
        }
        let kind = if is_async { UnitKind::AsyncFunction } else { UnitKind::Function };
        let scope = self.scope_for(s);
        self.enter_scope(name, kind, scope, firstlineno);
        let doc = if self.options.optimize < 2 { docstring(body) } else { None };
        let has_doc = doc.is_some();
        self.code().add_const(doc.unwrap_or(Constant::None));
        self.set_arg_counts(args);
        let rest = if has_doc { &body[1..] } else { &body[..] };
        self.visit_body_stmts(rest, !has_doc)?;
        let unit = self.exit_scope(true);
        self.make_closure(unit, flags)?;
        self.apply_decorators(decorators);
        self.nameop(name, ExprContext::Store)
    }

    /// `compiler_apply_decorators`: innermost first, each call on its
    /// decorator's line.
    fn apply_decorators(&mut self, decorators: &[Expr]) {
        let saved = self.unit().loc;
        for d in decorators.iter().rev() {
            self.set_loc(d.range);
            self.op_arg(Opcode::PRECALL, 0);
            self.op_arg(Opcode::CALL, 0);
        }
        self.unit_mut().loc = saved;
    }

    fn set_arg_counts(&mut self, args: &Arguments) {
        let code = self.code();
        code.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        code.posonlyargcount = args.posonlyargs.len() as u32;
        code.kwonlyargcount = args.kwonlyargs.len() as u32;
    }

    /// `compiler_lambda`.
    pub(crate) fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> CResult {
        self.check_debug_args(args)?;
        let flags = self.default_arguments(args)?;
        let scope = self.scope_for(e);
        self.enter_scope("<lambda>", UnitKind::Lambda, scope, e.range.start.line as i32);
        self.code().add_const(Constant::None);
        self.set_arg_counts(args);
        self.visit_expr(body)?;
        let is_generator = self.unit().scope.is_some_and(|s| s.is_generator);
        if !is_generator {
            self.op(Opcode::RETURN_VALUE);
        }
        let unit = self.exit_scope(false);
        self.make_closure(unit, flags)
    }

    /// `compiler_check_debug_args`: no parameter may be named `__debug__`.
    fn check_debug_args(&mut self, args: &Arguments) -> CResult {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in all {
            if arg.arg == "__debug__" {
                return Err(self.error("cannot assign to __debug__"));
            }
        }
        Ok(())
    }

    /// `compiler_default_arguments`: pushes the defaults tuple and the
    /// keyword-only defaults dict; returns the `MAKE_FUNCTION` flags.
    fn default_arguments(&mut self, args: &'a Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.visit_expr(d)?;
            }
            self.op_arg(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
            flags |= MF_DEFAULTS;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(default) = default {
                keys.push(Constant::str(&super::mangle(self.unit().private.as_deref(), &arg.arg)));
                self.visit_expr(default)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::tuple(keys));
            self.op_arg(Opcode::BUILD_CONST_KEY_MAP, n);
            flags |= MF_KWDEFAULTS;
        }
        Ok(flags)
    }

    /// `compiler_visit_annotations`: pushes the `(name, value, ...)` tuple
    /// (parameters in CPython's order: positional, positional-only, `*`,
    /// keyword-only, `**`, return); returns whether there is one.
    fn annotations(&mut self, args: &'a Arguments, returns: Option<&'a Expr>) -> CResult<bool> {
        let mut count = 0;
        let params = args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in params {
            count += self.arg_annotation(arg)?;
        }
        if let Some(returns) = returns {
            self.load_const(Constant::str("return"));
            self.annotation_value(returns)?;
            count += 2;
        }
        if count > 0 {
            self.op_arg(Opcode::BUILD_TUPLE, count);
        }
        Ok(count > 0)
    }

    fn arg_annotation(&mut self, arg: &'a Arg) -> CResult<u32> {
        let Some(annotation) = &arg.annotation else { return Ok(0) };
        let mangled = super::mangle(self.unit().private.as_deref(), &arg.arg);
        self.load_const(Constant::str(&mangled));
        match &annotation.kind {
            ExprKind::Starred { value, .. } if !self.future.annotations() => {
                self.visit_expr(value)?;
                self.op_arg(Opcode::UNPACK_SEQUENCE, 1);
            }
            _ => self.annotation_value(annotation)?,
        }
        Ok(2)
    }

    /// `compiler_make_closure`: `MAKE_FUNCTION` for a finished unit, with
    /// its free variables' cells in a tuple.
    pub(crate) fn make_closure(&mut self, unit: CodeUnit, mut flags: u32) -> CResult {
        let freevars: Vec<String> =
            unit.freevars.iter().map(|n| n.as_str().unwrap_or("").to_string()).collect();
        if !freevars.is_empty() {
            for name in &freevars {
                let index = self.closure_index(name)?;
                self.op_arg(Opcode::LOAD_CLOSURE, index);
            }
            flags |= MF_CLOSURE;
            self.op_arg(Opcode::BUILD_TUPLE, freevars.len() as u32);
        }
        let code = crate::assemble::assemble_with(unit, &mut self.const_cache);
        self.load_const(Constant::Code(Arc::new(code)));
        self.op_arg(Opcode::MAKE_FUNCTION, flags);
        Ok(())
    }

    /// `get_ref_type` + `compiler_lookup_arg`: the cell or free variable of
    /// the current unit that a closure captures.
    fn closure_index(&self, name: &str) -> CResult<u32> {
        let is_class_cell = self.unit().kind == UnitKind::Class && name == "__class__";
        let scope = self.name_scope(name);
        if !is_class_cell && !matches!(scope, Some(NameScope::Cell | NameScope::Free)) {
            let code = &self.unit().code;
            let known = code.cellvars.iter().chain(&code.freevars).any(|n| n.eq_str(name));
            if !known {
                return Err(self.error(&format!("compiler: no binding for free variable '{name}'")));
            }
        }
        self.deref_index(name)
    }

    /// `compiler_class`.
    pub(crate) fn class_def(&mut self, s: &'a Stmt) -> CResult {
        let StmtKind::ClassDef { name, bases, keywords, body, decorator_list } = &s.kind else {
            unreachable!("class_def on a non-class")
        };
        for d in decorator_list {
            self.visit_expr(d)?;
        }
        let firstlineno = decorator_list.first().map_or(s.range.start.line, |d| d.range.start.line) as i32;
        let scope = self.scope_for(s);
        self.enter_scope(name, UnitKind::Class, scope, firstlineno);
        self.unit_mut().private = Some(name.clone());
        self.nameop("__name__", ExprContext::Load)?;
        self.nameop("__module__", ExprContext::Store)?;
        let qualname = self.unit().code.qualname.clone();
        self.load_const(Constant::Str(qualname));
        self.nameop("__qualname__", ExprContext::Store)?;
        self.body(body)?;
        self.unset_loc();
        if self.unit().scope.is_some_and(|sc| sc.needs_class_closure) {
            let index = self.deref_index("__class__")?;
            self.op_arg(Opcode::LOAD_CLOSURE, index);
            self.op_arg(Opcode::COPY, 1);
            self.nameop("__classcell__", ExprContext::Store)?;
        } else {
            self.load_const(Constant::None);
        }
        self.op(Opcode::RETURN_VALUE);
        let unit = self.exit_scope(true);
        self.op(Opcode::PUSH_NULL);
        self.op(Opcode::LOAD_BUILD_CLASS);
        self.make_closure(unit, 0)?;
        self.load_const(Constant::str(name));
        self.call_helper(2, bases, keywords)?;
        self.apply_decorators(decorator_list);
        self.nameop(name, ExprContext::Store)
    }
}
