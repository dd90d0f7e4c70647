//! CPython's `_PyAST_Validate` (`Python/ast.c`) for trees made from Python
//! objects: the invariants the parser guarantees but a hand-built tree may
//! break (non-empty bodies, expression contexts, matching list lengths,
//! names that are keywords, pattern shapes), with CPython's messages. The
//! compiler may rely on them afterwards.

use crate::exceptions::{self as exc, PyErr, PyResult};
use taipan_parser::ast::*;

type Check = PyResult<()>;

fn fail(msg: impl Into<String>) -> PyErr {
    exc::value_error(msg)
}

/// Validates a whole tree.
pub fn module(tree: &Mod) -> Check {
    match tree {
        Mod::Module { body, .. } | Mod::Interactive { body } => stmts(body),
        Mod::Expression { body } => expr(body, ExprContext::Load),
        Mod::FunctionType { argtypes, returns } => {
            exprs(argtypes, ExprContext::Load)?;
            expr(returns, ExprContext::Load)
        }
    }
}

fn stmts(body: &[Stmt]) -> Check {
    body.iter().try_for_each(stmt)
}

fn body(body: &[Stmt], owner: &str) -> Check {
    nonempty(body, "body", owner)?;
    stmts(body)
}

fn nonempty<T>(items: &[T], what: &str, owner: &str) -> Check {
    if items.is_empty() {
        return Err(fail(format!("empty {what} on {owner}")));
    }
    Ok(())
}

fn load(e: &Expr) -> Check {
    expr(e, ExprContext::Load)
}

fn load_opt(e: &Option<Box<Expr>>) -> Check {
    e.as_deref().map_or(Ok(()), load)
}

fn exprs(items: &[Expr], ctx: ExprContext) -> Check {
    items.iter().try_for_each(|e| expr(e, ctx))
}

fn stmt(s: &Stmt) -> Check {
    use StmtKind as S;
    let name = s.kind.name();
    match &s.kind {
        S::FunctionDef { args, body: b, decorator_list, returns, .. }
        | S::AsyncFunctionDef { args, body: b, decorator_list, returns, .. } => {
            body(b, name)?;
            arguments(args)?;
            exprs(decorator_list, ExprContext::Load)?;
            load_opt(returns)
        }
        S::ClassDef { bases, keywords, body: b, decorator_list, .. } => {
            body(b, name)?;
            exprs(bases, ExprContext::Load)?;
            keywords.iter().try_for_each(|k| load(&k.value))?;
            exprs(decorator_list, ExprContext::Load)
        }
        S::Return { value } => load_opt(value),
        S::Delete { targets } => {
            nonempty(targets, "targets", name)?;
            exprs(targets, ExprContext::Del)
        }
        S::Assign { targets, value, .. } => {
            nonempty(targets, "targets", name)?;
            exprs(targets, ExprContext::Store)?;
            load(value)
        }
        S::AugAssign { target, value, .. } => {
            expr(target, ExprContext::Store)?;
            load(value)
        }
        S::AnnAssign { target, annotation, value, simple } => {
            if *simple != 0 && !matches!(target.kind, ExprKind::Name { .. }) {
                return Err(exc::type_error("AnnAssign with simple non-Name target"));
            }
            expr(target, ExprContext::Store)?;
            load_opt(value)?;
            load(annotation)
        }
        S::For { target, iter, body: b, orelse, .. } | S::AsyncFor { target, iter, body: b, orelse, .. } => {
            expr(target, ExprContext::Store)?;
            load(iter)?;
            body(b, name)?;
            stmts(orelse)
        }
        S::While { test, body: b, orelse } | S::If { test, body: b, orelse } => {
            load(test)?;
            body(b, name)?;
            stmts(orelse)
        }
        S::With { items, body: b, .. } | S::AsyncWith { items, body: b, .. } => {
            nonempty(items, "items", name)?;
            for item in items {
                load(&item.context_expr)?;
                if let Some(vars) = &item.optional_vars {
                    expr(vars, ExprContext::Store)?;
                }
            }
            body(b, name)
        }
        S::Match { subject, cases } => {
            load(subject)?;
            nonempty(cases, "cases", name)?;
            for case in cases {
                pattern(&case.pattern, false)?;
                load_opt(&case.guard)?;
                body(&case.body, "match_case")?;
            }
            Ok(())
        }
        S::Raise { exc: raised, cause } => match raised {
            Some(e) => {
                load(e)?;
                load_opt(cause)
            }
            None if cause.is_some() => Err(fail("Raise with cause but no exception")),
            None => Ok(()),
        },
        S::Try { body: b, handlers, orelse, finalbody }
        | S::TryStar { body: b, handlers, orelse, finalbody } => {
            body(b, name)?;
            if handlers.is_empty() && finalbody.is_empty() {
                return Err(fail(format!("{name} has neither except handlers nor finalbody")));
            }
            if handlers.is_empty() && !orelse.is_empty() {
                return Err(fail(format!("{name} has orelse but no except handlers")));
            }
            for handler in handlers {
                let ExceptHandlerKind::ExceptHandler { r#type, body: hb, .. } = &handler.kind;
                load_opt(r#type)?;
                body(hb, "ExceptHandler")?;
            }
            stmts(finalbody)?;
            stmts(orelse)
        }
        S::Assert { test, msg } => {
            load(test)?;
            load_opt(msg)
        }
        S::Import { names } => nonempty(names, "names", name),
        S::ImportFrom { names, level, .. } => {
            if *level < 0 {
                return Err(fail("Negative ImportFrom level"));
            }
            nonempty(names, "names", name)
        }
        S::Global { names } | S::Nonlocal { names } => nonempty(names, "names", name),
        S::Expr { value } => load(value),
        S::Pass {} | S::Break {} | S::Continue {} => Ok(()),
    }
}

/// The context an expression kind carries, if it carries one.
fn own_context(kind: &ExprKind) -> Option<ExprContext> {
    use ExprKind as E;
    match kind {
        E::Attribute { ctx, .. }
        | E::Subscript { ctx, .. }
        | E::Starred { ctx, .. }
        | E::Name { ctx, .. }
        | E::List { ctx, .. }
        | E::Tuple { ctx, .. } => Some(*ctx),
        _ => None,
    }
}

fn expr(e: &Expr, ctx: ExprContext) -> Check {
    use ExprKind as E;
    match own_context(&e.kind) {
        Some(actual) if actual != ctx => {
            return Err(fail(format!(
                "expression must have {} context but has {} instead",
                ctx.name(),
                actual.name()
            )))
        }
        None if ctx != ExprContext::Load => {
            return Err(fail(format!("expression which can't be assigned to in {} context", ctx.name())))
        }
        _ => {}
    }
    match &e.kind {
        E::BoolOp { values, .. } => {
            if values.len() < 2 {
                return Err(fail("BoolOp with less than 2 values"));
            }
            exprs(values, ExprContext::Load)
        }
        E::NamedExpr { target, value } => {
            if !matches!(target.kind, E::Name { .. }) {
                return Err(exc::type_error("NamedExpr target must be a Name"));
            }
            load(value)
        }
        E::BinOp { left, right, .. } => {
            load(left)?;
            load(right)
        }
        E::UnaryOp { operand, .. } => load(operand),
        E::Lambda { args, body } => {
            arguments(args)?;
            load(body)
        }
        E::IfExp { test, body, orelse } => {
            load(test)?;
            load(body)?;
            load(orelse)
        }
        E::Dict { keys, values } => {
            if keys.len() != values.len() {
                return Err(fail("Dict doesn't have the same number of keys as values"));
            }
            keys.iter().flatten().try_for_each(load)?;
            exprs(values, ExprContext::Load)
        }
        E::Set { elts } => exprs(elts, ExprContext::Load),
        E::ListComp { elt, generators }
        | E::SetComp { elt, generators }
        | E::GeneratorExp { elt, generators } => {
            comprehensions(generators)?;
            load(elt)
        }
        E::DictComp { key, value, generators } => {
            comprehensions(generators)?;
            load(key)?;
            load(value)
        }
        E::Yield { value } => load_opt(value),
        E::YieldFrom { value } | E::Await { value } => load(value),
        E::Compare { left, ops, comparators } => {
            if comparators.is_empty() {
                return Err(fail("Compare with no comparators"));
            }
            if comparators.len() != ops.len() {
                return Err(fail("Compare has a different number of comparators and operands"));
            }
            exprs(comparators, ExprContext::Load)?;
            load(left)
        }
        E::Call { func, args, keywords } => {
            load(func)?;
            exprs(args, ExprContext::Load)?;
            keywords.iter().try_for_each(|k| load(&k.value))
        }
        E::Constant { .. } => Ok(()),
        E::JoinedStr { values } => exprs(values, ExprContext::Load),
        E::FormattedValue { value, format_spec, .. } => {
            load(value)?;
            load_opt(format_spec)
        }
        E::Attribute { value, .. } => load(value),
        E::Subscript { value, slice, .. } => {
            load(slice)?;
            load(value)
        }
        E::Starred { value, .. } => expr(value, ctx),
        E::Slice { lower, upper, step } => {
            load_opt(lower)?;
            load_opt(upper)?;
            load_opt(step)
        }
        E::List { elts, .. } | E::Tuple { elts, .. } => exprs(elts, ctx),
        E::Name { id, .. } => name(id),
    }
}

/// Names that the grammar makes constants.
fn name(id: &str) -> Check {
    if matches!(id, "None" | "True" | "False") {
        return Err(fail(format!("identifier field can't represent '{id}' constant")));
    }
    Ok(())
}

fn comprehensions(generators: &[Comprehension]) -> Check {
    if generators.is_empty() {
        return Err(fail("comprehension with no generators"));
    }
    for g in generators {
        expr(&g.target, ExprContext::Store)?;
        load(&g.iter)?;
        exprs(&g.ifs, ExprContext::Load)?;
    }
    Ok(())
}

fn arguments(a: &Arguments) -> Check {
    let annotations = a.posonlyargs.iter().chain(&a.args).chain(a.vararg.as_deref()).chain(&a.kwonlyargs);
    for arg in annotations.chain(a.kwarg.as_deref()) {
        load_opt(&arg.annotation)?;
    }
    if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
        return Err(fail("more positional defaults than args on arguments"));
    }
    if a.kw_defaults.len() != a.kwonlyargs.len() {
        return Err(fail("length of kwonlyargs is not the same as kw_defaults on arguments"));
    }
    exprs(&a.defaults, ExprContext::Load)?;
    a.kw_defaults.iter().flatten().try_for_each(load)
}

fn capture(id: &str) -> Check {
    if id == "_" {
        return Err(fail("can't capture name '_' in patterns"));
    }
    name(id)
}

fn patterns(items: &[Pattern], star_ok: bool) -> Check {
    items.iter().try_for_each(|p| pattern(p, star_ok))
}

fn pattern(p: &Pattern, star_ok: bool) -> Check {
    use PatternKind as P;
    match &p.kind {
        P::MatchValue { value } => match_value(value),
        P::MatchSingleton { value } => match value {
            Constant::None | Constant::Bool(_) => Ok(()),
            _ => Err(fail("MatchSingleton can only contain True, False and None")),
        },
        P::MatchSequence { patterns: items } => patterns(items, true),
        P::MatchMapping { keys, patterns: items, rest } => {
            if keys.len() != items.len() {
                return Err(fail("MatchMapping doesn't have the same number of keys as patterns"));
            }
            if let Some(rest) = rest {
                capture(rest)?;
            }
            for key in keys {
                if !matches!(key.kind, ExprKind::Constant { .. } | ExprKind::Attribute { .. }) {
                    return Err(fail("can only have constant or attribute keys"));
                }
                match_value(key)?;
            }
            patterns(items, false)
        }
        P::MatchClass { cls, patterns: items, kwd_attrs, kwd_patterns } => {
            load(cls)?;
            let mut at = cls;
            loop {
                match &at.kind {
                    ExprKind::Name { .. } => break,
                    ExprKind::Attribute { value, .. } => at = value,
                    _ => return Err(fail("MatchClass cls field can only contain Name or Attribute nodes.")),
                }
            }
            if kwd_attrs.len() != kwd_patterns.len() {
                return Err(fail(
                    "MatchClass doesn't have the same number of keyword attributes as patterns",
                ));
            }
            kwd_attrs.iter().try_for_each(|a| name(a))?;
            patterns(items, false)?;
            patterns(kwd_patterns, false)
        }
        P::MatchStar { name: star } => {
            if !star_ok {
                return Err(fail("can't use MatchStar here"));
            }
            star.as_deref().map_or(Ok(()), capture)
        }
        P::MatchAs { pattern: inner, name: target } => {
            if let Some(target) = target {
                capture(target)?;
            }
            match inner {
                Some(_) if target.is_none() => {
                    Err(fail("MatchAs must specify a target name if a pattern is given"))
                }
                Some(inner) => pattern(inner, false),
                None => Ok(()),
            }
        }
        P::MatchOr { patterns: items } => {
            if items.len() < 2 {
                return Err(fail("MatchOr requires at least 2 patterns"));
            }
            patterns(items, false)
        }
    }
}

/// The value of a `MatchValue` (or a mapping key): a literal or a dotted name.
fn match_value(value: &Expr) -> Check {
    load(value)?;
    match &value.kind {
        ExprKind::Constant { value: Constant::None | Constant::Bool(_), .. } => {
            Err(fail("unexpected constant inside of a literal pattern"))
        }
        ExprKind::Constant { .. } | ExprKind::Attribute { .. } => Ok(()),
        ExprKind::UnaryOp { .. } | ExprKind::BinOp { .. } | ExprKind::JoinedStr { .. } => Ok(()),
        _ => Err(fail("patterns may only match literals and attribute lookups")),
    }
}
