//! The first pass (CPython's `symtable_visit_*`): walks the AST in
//! CPython's order, opening a block for each module, class, function,
//! lambda and comprehension, and recording for each name the ways it is
//! bound or used (`DEF_*`/`USE`). The checks that need only this pass
//! (`global` after use, duplicate parameters, walrus targets in
//! comprehensions, `yield` in a comprehension, `import *` in a function, …)
//! fail here; the free-variable analysis is `analyze.rs`.

use super::raw::{CompKind, Interner, NameId, RawScope};
use super::{mangle, syntax_error, ScopeKind};
use super::{DEF_ANNOT, DEF_COMP_ITER, DEF_GLOBAL, DEF_IMPORT, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM, USE};
use compact_str::CompactString;
use taipan_parser::ast::*;
use taipan_parser::{ErrorKind, SyntaxError};

/// Errors are boxed to keep the recursive visitors' frames small.
type VisitResult = Result<(), Box<SyntaxError>>;

/// How deep statements and expressions may nest before the pass gives up
/// with CPython's `RecursionError` (its limit: 3 × the recursion limit).
const MAX_DEPTH: u32 = 3000;

/// The state of the first pass: every block opened so far (index 0 is the
/// module) and the stack of blocks being visited.
pub(super) struct Builder<'a> {
    source: &'a str,
    pub scopes: Vec<RawScope>,
    /// Every identifier seen, mangled where CPython mangles.
    pub names: Interner,
    stack: Vec<usize>,
    /// The enclosing class name, for name mangling (`st_private`).
    private: Option<CompactString>,
    future_annotations: bool,
    depth: u32,
}

impl<'a> Builder<'a> {
    pub fn new(source: &'a str, future_annotations: bool) -> Self {
        let mut builder = Builder {
            source,
            // About one block per 128 bytes of dense code: the vector of
            // these large structs is then rarely copied as it grows.
            scopes: Vec::with_capacity((source.len() / 128).clamp(4, 4096)),
            // About one distinct identifier per 64 bytes of source.
            names: Interner::with_capacity((source.len() / 64).clamp(16, 4096)),
            stack: Vec::new(),
            private: None,
            future_annotations,
            depth: 0,
        };
        builder.enter_block(RawScope::new(ScopeKind::Module, "top", 0, 0));
        builder
    }

    /// The module's statements (`exec` and `single` modes).
    pub fn visit_body(&mut self, body: &[Stmt]) -> VisitResult {
        body.iter().try_for_each(|s| self.visit_stmt(s))
    }

    /// The expression of `eval` mode.
    pub fn visit_body_expr(&mut self, body: &Expr) -> VisitResult {
        self.visit_expr(body)
    }

    fn cur(&mut self) -> &mut RawScope {
        let id = self.cur_id();
        &mut self.scopes[id]
    }

    fn cur_id(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    #[inline(never)]
    fn error(&self, msg: impl Into<String>, range: Range) -> Box<SyntaxError> {
        Box::new(syntax_error(self.source, msg, range))
    }

    /// CPython's `symtable_enter_block`: the new block inherits the
    /// iterable-expression marker and becomes a child of the current one
    /// (except annotation blocks, which stay detached).
    fn enter_block(&mut self, mut scope: RawScope) {
        let id = self.scopes.len();
        if let Some(&prev) = self.stack.last() {
            let parent = &mut self.scopes[prev];
            scope.nested = parent.nested || parent.is_function_block();
            scope.comp_iter_expr = parent.comp_iter_expr;
            if !scope.is_annotation {
                parent.children.push(id);
            }
        }
        self.scopes.push(scope);
        self.stack.push(id);
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    fn enter_annotation_block(&mut self, node: usize, range: Range) {
        let mut scope = RawScope::new(ScopeKind::Function, "_annotation", range.start.line, node);
        scope.is_annotation = true;
        self.enter_block(scope);
    }

    /// CPython's `symtable_add_def`: records `flag` for `name` in the current block.
    fn add_def(&mut self, name: &str, flag: u32, range: Range) -> VisitResult {
        self.add_def_in(self.cur_id(), name, flag, range)
    }

    /// CPython's `symtable_add_def_helper`, on block `id`.
    fn add_def_in(&mut self, id: usize, name: &str, flag: u32, range: Range) -> VisitResult {
        let mangled = mangle(self.private.as_deref(), name);
        let name_id = self.names.intern(&mangled);
        let scope = &self.scopes[id];
        let position = scope.symbols.position(name_id);
        let mut val = match position.map(|i| scope.symbols.symbols[i].flags) {
            Some(old) if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 => {
                return Err(self.error(format!("duplicate argument '{name}' in function definition"), range));
            }
            Some(old) => old | flag,
            None => flag,
        };
        if scope.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                let msg =
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'");
                return Err(self.error(msg, range));
            }
            val |= DEF_COMP_ITER;
        }
        let scope = &mut self.scopes[id];
        match position {
            Some(i) => scope.symbols.symbols[i].flags = val,
            None => scope.symbols.push(name_id, self.names.name(name_id), val),
        }
        if flag & DEF_PARAM != 0 {
            scope.varnames.push(mangled.as_ref().into());
        } else if flag & DEF_GLOBAL != 0 {
            let module = &mut self.scopes[0].symbols;
            let old = module.flags_of(name_id);
            module.set(name_id, self.names.name(name_id), flag | old);
        }
        Ok(())
    }

    /// The current block's flags for `name`, mangled (`symtable_lookup`).
    fn lookup(&self, name: &str) -> u32 {
        let mangled = mangle(self.private.as_deref(), name);
        self.flags_in(self.cur_id(), &mangled)
    }

    /// Block `id`'s flags for `name` as given (not mangled).
    fn flags_in(&self, id: usize, name: &str) -> u32 {
        let name_id: Option<NameId> = self.names.get(name);
        name_id.map_or(0, |n| self.scopes[id].symbols.flags_of(n))
    }

    fn record_directive(&mut self, name: &str, range: Range) {
        let name_id = self.names.intern(&mangle(self.private.as_deref(), name));
        self.cur().directives.push((name_id, range));
    }

    #[inline(never)]
    fn descend(&mut self) -> VisitResult {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let msg = "maximum recursion depth exceeded during compilation";
            return Err(Box::new(SyntaxError::with_fields(
                ErrorKind::RecursionError,
                msg,
                (-1, -1),
                (-1, -1),
                None,
            )));
        }
        Ok(())
    }

    fn visit_stmts(&mut self, body: &[Stmt]) -> VisitResult {
        body.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_exprs(&mut self, exprs: &[Expr]) -> VisitResult {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_opt(&mut self, expr: &Option<Box<Expr>>) -> VisitResult {
        expr.as_deref().map_or(Ok(()), |e| self.visit_expr(e))
    }

    fn visit_stmt(&mut self, s: &Stmt) -> VisitResult {
        self.descend()?;
        self.visit_stmt_kind(s)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_kind(&mut self, s: &Stmt) -> VisitResult {
        use StmtKind as S;
        match &s.kind {
            S::FunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.visit_function(s, name, args, body, decorator_list, returns, false)
            }
            S::AsyncFunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.visit_function(s, name, args, body, decorator_list, returns, true)
            }
            S::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.visit_class(s, name, bases, keywords, body, decorator_list)
            }
            S::Return { value } => self.visit_opt(value),
            S::Delete { targets } => self.visit_exprs(targets),
            S::Assign { targets, value, .. } => {
                self.visit_exprs(targets)?;
                self.visit_expr(value)
            }
            S::AnnAssign { target, annotation, value, simple } => {
                self.visit_ann_assign(s, target, annotation, value.as_deref(), *simple != 0)
            }
            S::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)
            }
            S::For { target, iter, body, orelse, .. } | S::AsyncFor { target, iter, body, orelse, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(iter)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)
            }
            S::While { test, body, orelse } | S::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)
            }
            S::Match { subject, cases } => {
                self.visit_expr(subject)?;
                cases.iter().try_for_each(|case| self.visit_match_case(case))
            }
            S::Raise { exc, cause } => {
                if let Some(exc) = exc {
                    self.visit_expr(exc)?;
                    self.visit_opt(cause)?;
                }
                Ok(())
            }
            S::Try { body, handlers, orelse, finalbody }
            | S::TryStar { body, handlers, orelse, finalbody } => {
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
                handlers.iter().try_for_each(|h| self.visit_handler(h))?;
                self.visit_stmts(finalbody)
            }
            S::Assert { test, msg } => {
                self.visit_expr(test)?;
                self.visit_opt(msg)
            }
            S::Import { names } | S::ImportFrom { names, .. } => {
                names.iter().try_for_each(|a| self.visit_alias(a))
            }
            S::Global { names } => names.iter().try_for_each(|n| self.declare(s, n, Directive::Global)),
            S::Nonlocal { names } => names.iter().try_for_each(|n| self.declare(s, n, Directive::Nonlocal)),
            S::Expr { value } => self.visit_expr(value),
            S::With { items, body, .. } | S::AsyncWith { items, body, .. } => {
                for item in items {
                    self.visit_expr(&item.context_expr)?;
                    self.visit_opt(&item.optional_vars)?;
                }
                self.visit_stmts(body)
            }
            S::Pass {} | S::Break {} | S::Continue {} => Ok(()),
        }
    }

    /// `def`/`async def`: the name, defaults, annotations and decorators
    /// belong to the enclosing block; parameters and body to the new one.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn visit_function(
        &mut self,
        s: &Stmt,
        name: &str,
        args: &Arguments,
        body: &[Stmt],
        decorators: &[Expr],
        returns: &Option<Box<Expr>>,
        is_async: bool,
    ) -> VisitResult {
        self.add_def(name, DEF_LOCAL, s.range)?;
        self.visit_defaults(args)?;
        self.visit_annotations(s, args, returns.as_deref())?;
        self.visit_exprs(decorators)?;
        let node = s as *const Stmt as usize;
        self.enter_block(RawScope::new(ScopeKind::Function, name, s.range.start.line, node));
        if is_async {
            self.cur().coroutine = true;
        }
        self.visit_params(args)?;
        self.visit_stmts(body)?;
        self.exit_block();
        Ok(())
    }

    fn visit_defaults(&mut self, args: &Arguments) -> VisitResult {
        self.visit_exprs(&args.defaults)?;
        args.kw_defaults.iter().flatten().try_for_each(|e| self.visit_expr(e))
    }

    /// `class`: name, bases, keywords and decorators in the enclosing
    /// block; the body with the class name as the mangling prefix.
    #[inline(never)]
    fn visit_class(
        &mut self,
        s: &Stmt,
        name: &str,
        bases: &[Expr],
        keywords: &[Keyword],
        body: &[Stmt],
        decorators: &[Expr],
    ) -> VisitResult {
        self.add_def(name, DEF_LOCAL, s.range)?;
        self.visit_exprs(bases)?;
        keywords.iter().try_for_each(|k| self.visit_expr(&k.value))?;
        self.visit_exprs(decorators)?;
        let node = s as *const Stmt as usize;
        self.enter_block(RawScope::new(ScopeKind::Class, name, s.range.start.line, node));
        let saved = self.private.replace(name.into());
        let result = self.visit_stmts(body);
        self.private = saved;
        result?;
        self.exit_block();
        Ok(())
    }

    /// `target: annotation [= value]`.
    #[inline(never)]
    fn visit_ann_assign(
        &mut self,
        s: &Stmt,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        simple: bool,
    ) -> VisitResult {
        if let ExprKind::Name { id, .. } = &target.kind {
            let cur = self.lookup(id);
            let at_module = self.cur_id() == 0;
            if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && !at_module && simple {
                let what = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                return Err(self.error(format!("annotated name '{id}' can't be {what}"), s.range));
            }
            if simple {
                self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.range)?;
            }
            if value.is_some() {
                self.add_def(id, DEF_LOCAL, target.range)?;
            }
        } else {
            self.visit_expr(target)?;
        }
        self.visit_annotation(annotation)?;
        value.map_or(Ok(()), |v| self.visit_expr(v))
    }

    /// An annotation: evaluated in the current block, or (under `from
    /// __future__ import annotations`) in a detached block, as it is
    /// compiled to a string.
    fn visit_annotation(&mut self, annotation: &Expr) -> VisitResult {
        if !self.future_annotations {
            return self.visit_expr(annotation);
        }
        self.enter_annotation_block(annotation as *const Expr as usize, annotation.range);
        self.visit_expr(annotation)?;
        self.exit_block();
        Ok(())
    }

    /// A function's parameter and return annotations, in CPython's order
    /// (positional-only, positional, `*args`, `**kwargs`, keyword-only, return).
    fn visit_annotations(&mut self, s: &Stmt, args: &Arguments, returns: Option<&Expr>) -> VisitResult {
        if self.future_annotations {
            self.enter_annotation_block(s as *const Stmt as usize, s.range);
        }
        let all = args.posonlyargs.iter().chain(&args.args);
        all.filter_map(|a| a.annotation.as_deref()).try_for_each(|e| self.visit_expr(e))?;
        for star in [&args.vararg, &args.kwarg] {
            if let Some(annotation) = star.as_deref().and_then(|a| a.annotation.as_deref()) {
                self.visit_expr(annotation)?;
            }
        }
        args.kwonlyargs
            .iter()
            .filter_map(|a| a.annotation.as_deref())
            .try_for_each(|e| self.visit_expr(e))?;
        if self.future_annotations {
            self.exit_block();
        }
        returns.map_or(Ok(()), |r| self.visit_annotation(r))
    }

    /// The parameters, in `co_varnames` order (positional-only, positional,
    /// keyword-only, `*args`, `**kwargs`).
    fn visit_params(&mut self, args: &Arguments) -> VisitResult {
        for arg in args.posonlyargs.iter().chain(&args.args).chain(&args.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM, arg.range)?;
        }
        if let Some(arg) = &args.vararg {
            self.add_def(&arg.arg, DEF_PARAM, arg.range)?;
            self.cur().varargs = true;
        }
        if let Some(arg) = &args.kwarg {
            self.add_def(&arg.arg, DEF_PARAM, arg.range)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    /// `global`/`nonlocal` of one name.
    #[inline(never)]
    fn declare(&mut self, s: &Stmt, name: &str, directive: Directive) -> VisitResult {
        let cur = self.lookup(name);
        if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
            let what = directive.word();
            let msg = if cur & DEF_PARAM != 0 {
                format!("name '{name}' is parameter and {what}")
            } else if cur & USE != 0 {
                format!("name '{name}' is used prior to {what} declaration")
            } else if cur & DEF_ANNOT != 0 {
                format!("annotated name '{name}' can't be {what}")
            } else {
                format!("name '{name}' is assigned to before {what} declaration")
            };
            return Err(self.error(msg, s.range));
        }
        self.add_def(name, directive.flag(), s.range)?;
        self.record_directive(name, s.range);
        Ok(())
    }

    /// `import a.b as c` binds `c`; `import a.b` binds `a`; `import *` only at module level.
    fn visit_alias(&mut self, alias: &Alias) -> VisitResult {
        let name = alias.asname.as_ref().unwrap_or(&alias.name);
        if name == "*" {
            if !self.cur().is_module() {
                return Err(self.error("import * only allowed at module level", alias.range));
            }
            return Ok(());
        }
        let store = name.split('.').next().unwrap_or(name);
        self.add_def(store, DEF_IMPORT, alias.range)
    }

    fn visit_handler(&mut self, handler: &ExceptHandler) -> VisitResult {
        let ExceptHandlerKind::ExceptHandler { r#type, name, body } = &handler.kind;
        self.visit_opt(r#type)?;
        if let Some(name) = name {
            self.add_def(name, DEF_LOCAL, handler.range)?;
        }
        self.visit_stmts(body)
    }

    fn visit_match_case(&mut self, case: &MatchCase) -> VisitResult {
        self.visit_pattern(&case.pattern)?;
        self.visit_opt(&case.guard)?;
        self.visit_stmts(&case.body)
    }

    fn visit_pattern(&mut self, p: &Pattern) -> VisitResult {
        self.descend()?;
        self.visit_pattern_kind(p)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_pattern_kind(&mut self, p: &Pattern) -> VisitResult {
        use PatternKind as P;
        match &p.kind {
            P::MatchValue { value } => self.visit_expr(value),
            P::MatchSingleton { .. } => Ok(()),
            P::MatchSequence { patterns } | P::MatchOr { patterns } => self.visit_patterns(patterns),
            P::MatchStar { name } => self.bind_capture(name.as_deref(), p.range),
            P::MatchMapping { keys, patterns, rest } => {
                self.visit_exprs(keys)?;
                self.visit_patterns(patterns)?;
                self.bind_capture(rest.as_deref(), p.range)
            }
            P::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.visit_expr(cls)?;
                self.visit_patterns(patterns)?;
                self.visit_patterns(kwd_patterns)
            }
            P::MatchAs { pattern, name } => {
                if let Some(pattern) = pattern {
                    self.visit_pattern(pattern)?;
                }
                self.bind_capture(name.as_deref(), p.range)
            }
        }
    }

    fn visit_patterns(&mut self, patterns: &[Pattern]) -> VisitResult {
        patterns.iter().try_for_each(|p| self.visit_pattern(p))
    }

    fn bind_capture(&mut self, name: Option<&str>, range: Range) -> VisitResult {
        name.map_or(Ok(()), |n| self.add_def(n, DEF_LOCAL, range))
    }

    fn visit_expr(&mut self, e: &Expr) -> VisitResult {
        self.descend()?;
        self.visit_expr_kind(e)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr_kind(&mut self, e: &Expr) -> VisitResult {
        use ExprKind as E;
        match &e.kind {
            E::NamedExpr { target, value } => {
                self.forbid_in_annotation("named expression", e)?;
                self.visit_named_expr(e, target, value)
            }
            E::BoolOp { values, .. } => self.visit_exprs(values),
            E::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)
            }
            E::UnaryOp { operand, .. } => self.visit_expr(operand),
            E::Lambda { args, body } => self.visit_lambda(e, args, body),
            E::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)
            }
            E::Dict { keys, values } => {
                keys.iter().flatten().try_for_each(|k| self.visit_expr(k))?;
                self.visit_exprs(values)
            }
            E::Set { elts } | E::List { elts, .. } | E::Tuple { elts, .. } => self.visit_exprs(elts),
            E::ListComp { elt, generators } => {
                self.visit_comprehension(e, CompKind::List, generators, elt, None)
            }
            E::SetComp { elt, generators } => {
                self.visit_comprehension(e, CompKind::Set, generators, elt, None)
            }
            E::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, CompKind::Generator, generators, elt, None)
            }
            E::DictComp { key, value, generators } => {
                self.visit_comprehension(e, CompKind::Dict, generators, key, Some(value))
            }
            E::Yield { value } => {
                self.forbid_in_annotation("yield expression", e)?;
                self.visit_opt(value)?;
                self.mark_generator(e)
            }
            E::YieldFrom { value } => {
                self.forbid_in_annotation("yield expression", e)?;
                self.visit_expr(value)?;
                self.mark_generator(e)
            }
            E::Await { value } => {
                self.forbid_in_annotation("await expression", e)?;
                self.visit_expr(value)?;
                self.cur().coroutine = true;
                Ok(())
            }
            E::Compare { left, comparators, .. } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)
            }
            E::Call { func, args, keywords } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                keywords.iter().try_for_each(|k| self.visit_expr(&k.value))
            }
            E::FormattedValue { value, format_spec, .. } => {
                self.visit_expr(value)?;
                self.visit_opt(format_spec)
            }
            E::JoinedStr { values } => self.visit_exprs(values),
            E::Constant { .. } => Ok(()),
            E::Attribute { value, .. } | E::Starred { value, .. } => self.visit_expr(value),
            E::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)
            }
            E::Slice { lower, upper, step } => {
                self.visit_opt(lower)?;
                self.visit_opt(upper)?;
                self.visit_opt(step)
            }
            E::Name { id, ctx } => self.visit_name(e, id, *ctx),
        }
    }

    /// A name load/store/del; `super` in a function also uses `__class__`.
    #[inline(never)]
    fn visit_name(&mut self, e: &Expr, id: &str, ctx: ExprContext) -> VisitResult {
        let flag = if ctx == ExprContext::Load { USE } else { DEF_LOCAL };
        self.add_def(id, flag, e.range)?;
        if ctx == ExprContext::Load && id == "super" && self.cur().is_function_block() {
            self.add_def("__class__", USE, e.range)?;
        }
        Ok(())
    }

    /// `yield`/`yield from`: the block is a generator; not allowed in a comprehension.
    #[inline(never)]
    fn mark_generator(&mut self, e: &Expr) -> VisitResult {
        let cur = self.cur();
        cur.generator = true;
        match cur.comprehension {
            Some(kind) => Err(self.error(kind.yield_message(), e.range)),
            None => Ok(()),
        }
    }

    /// CPython's `symtable_raise_if_annotation_block`.
    #[inline(never)]
    fn forbid_in_annotation(&mut self, what: &str, e: &Expr) -> VisitResult {
        if self.cur().is_annotation {
            return Err(self.error(format!("'{what}' can not be used within an annotation"), e.range));
        }
        Ok(())
    }

    #[inline(never)]
    fn visit_lambda(&mut self, e: &Expr, args: &Arguments, body: &Expr) -> VisitResult {
        self.visit_defaults(args)?;
        let node = e as *const Expr as usize;
        self.enter_block(RawScope::new(ScopeKind::Lambda, "lambda", e.range.start.line, node));
        self.visit_params(args)?;
        self.visit_expr(body)?;
        self.exit_block();
        Ok(())
    }

    /// A comprehension: the first iterable is evaluated in the enclosing
    /// block and passed as the implicit parameter `.0`; the rest lives in
    /// the new block (`value` before `elt` for a dict comprehension, whose
    /// `elt` is the key).
    #[inline(never)]
    fn visit_comprehension(
        &mut self,
        e: &Expr,
        kind: CompKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> VisitResult {
        let Some((outermost, rest)) = generators.split_first() else {
            return Ok(());
        };
        self.cur().comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.cur().comp_iter_expr -= 1;
        let node = e as *const Expr as usize;
        let mut scope = RawScope::new(ScopeKind::Comprehension, kind.scope_name(), e.range.start.line, node);
        scope.comprehension = Some(kind);
        scope.coroutine = outermost.is_async != 0;
        self.enter_block(scope);
        self.add_def(".0", DEF_PARAM, e.range)?;
        self.visit_iteration_target(&outermost.target)?;
        self.visit_exprs(&outermost.ifs)?;
        for generator in rest {
            self.visit_generator(generator)?;
        }
        if let Some(value) = value {
            self.visit_expr(value)?;
        }
        self.visit_expr(elt)?;
        let is_generator = kind == CompKind::Generator;
        let cur = self.cur();
        cur.generator = is_generator;
        let is_async = cur.coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn visit_iteration_target(&mut self, target: &Expr) -> VisitResult {
        self.cur().comp_iter_target = true;
        self.visit_expr(target)?;
        self.cur().comp_iter_target = false;
        Ok(())
    }

    /// A `for … in … if …` clause after the first (CPython's `symtable_visit_comprehension`).
    fn visit_generator(&mut self, generator: &Comprehension) -> VisitResult {
        self.visit_iteration_target(&generator.target)?;
        self.cur().comp_iter_expr += 1;
        self.visit_expr(&generator.iter)?;
        self.cur().comp_iter_expr -= 1;
        self.visit_exprs(&generator.ifs)?;
        if generator.is_async != 0 {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    /// `target := value` (CPython's `symtable_handle_namedexpr`).
    #[inline(never)]
    fn visit_named_expr(&mut self, e: &Expr, target: &Expr, value: &Expr) -> VisitResult {
        if self.cur().comp_iter_expr > 0 {
            let msg = "assignment expression cannot be used in a comprehension iterable expression";
            return Err(self.error(msg, e.range));
        }
        if self.cur().comprehension.is_some() {
            if let ExprKind::Name { id, .. } = &target.kind {
                self.extend_named_expr_scope(target, id)?;
            }
        }
        self.visit_expr(value)?;
        self.visit_expr(target)
    }

    /// Binds a walrus target inside a comprehension in the nearest
    /// enclosing function or module block (CPython's
    /// `symtable_extend_namedexpr_scope`).
    fn extend_named_expr_scope(&mut self, target: &Expr, name: &str) -> VisitResult {
        for i in (0..self.stack.len()).rev() {
            let id = self.stack[i];
            let scope = &self.scopes[id];
            let flags = self.flags_in(id, name);
            if scope.comprehension.is_some() {
                if flags & DEF_COMP_ITER != 0 {
                    let msg = format!(
                        "assignment expression cannot rebind comprehension iteration variable '{name}'"
                    );
                    return Err(self.error(msg, target.range));
                }
                continue;
            }
            if scope.is_function_block() {
                let flag = if flags & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                self.add_def(name, flag, target.range)?;
                self.record_directive(name, target.range);
                return self.add_def_in(id, name, DEF_LOCAL, target.range);
            }
            if scope.is_module() {
                self.add_def(name, DEF_GLOBAL, target.range)?;
                self.record_directive(name, target.range);
                return self.add_def_in(id, name, DEF_GLOBAL, target.range);
            }
            if scope.is_class() {
                let msg = "assignment expression within a comprehension cannot be used in a class body";
                return Err(self.error(msg, target.range));
            }
        }
        Ok(())
    }
}

/// `global` or `nonlocal`.
#[derive(Clone, Copy)]
enum Directive {
    Global,
    Nonlocal,
}

impl Directive {
    fn word(self) -> &'static str {
        match self {
            Directive::Global => "global",
            Directive::Nonlocal => "nonlocal",
        }
    }

    fn flag(self) -> u32 {
        match self {
            Directive::Global => DEF_GLOBAL,
            Directive::Nonlocal => DEF_NONLOCAL,
        }
    }
}
