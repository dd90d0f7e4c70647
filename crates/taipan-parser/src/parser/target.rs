//! Targets: what can be assigned to (`=`, augmented assignment, `for`,
//! comprehensions, `with … as`, walrus) or deleted, and the `expr_context`
//! they get. Assignment statements parse their left-hand sides as
//! expressions first and convert them here (`to_store`), which gives the
//! same tree as CPython's `star_targets` rules: `Name`, `Attribute`,
//! `Subscript`, `Starred`, `Tuple` and `List` turn Store (or Del), their
//! inner values stay Load.

use super::expr::mk;
use super::{PResult, Parser};
use crate::ast::{Expr, ExprContext, ExprKind};
use crate::token::TokenKind as T;

/// Sets the context of a valid target, recursively through tuples, lists
/// and starred items; `None` if `e` is not a valid target for `ctx`.
pub(super) fn with_ctx(mut e: Expr, new: ExprContext) -> Option<Expr> {
    match &mut e.kind {
        ExprKind::Name { ctx, .. } | ExprKind::Attribute { ctx, .. } | ExprKind::Subscript { ctx, .. } => {
            *ctx = new;
        }
        ExprKind::Starred { .. } if new == ExprContext::Del => return None,
        ExprKind::Starred { value, ctx } => {
            let inner = std::mem::replace(&mut **value, placeholder());
            **value = with_ctx(inner, new)?;
            *ctx = new;
        }
        ExprKind::Tuple { elts, ctx } | ExprKind::List { elts, ctx } => {
            for elt in elts.iter_mut() {
                let inner = std::mem::replace(elt, placeholder());
                *elt = with_ctx(inner, new)?;
            }
            *ctx = new;
        }
        _ => return None,
    }
    Some(e)
}

fn placeholder() -> Expr {
    mk(ExprKind::Tuple { elts: Vec::new(), ctx: ExprContext::Load }, Default::default())
}

/// Which rule a target belongs to (CPython's `TARGETS_TYPE`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Targets {
    Star,
    Del,
    For,
}

/// CPython's `_PyPegen_get_invalid_target`: the first sub-expression that
/// makes `e` an invalid target (`None` if it is valid).
pub(super) fn invalid_target(e: &Expr, kind: Targets) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            elts.iter().find_map(|elt| invalid_target(elt, kind))
        }
        ExprKind::Starred { value, .. } => {
            if kind == Targets::Del {
                Some(e)
            } else {
                invalid_target(value, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if kind != Targets::For {
                return Some(e);
            }
            if ops.first() == Some(&crate::ast::CmpOp::In) {
                return invalid_target(left, kind);
            }
            None
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

impl Parser<'_> {
    /// star_targets: star_target !',' | star_target (',' star_target)* [',']
    pub(super) fn star_targets(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_target()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            let k = self.peek();
            if !(super::expr::starts_expr(k) || k == T::Star) || k == T::In {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Store }, self.range_from(start)))
    }

    /// star_target: '*' (!'*' star_target) | target_with_star_atom
    /// target_with_star_atom: t_primary '.' NAME | t_primary '[' slices ']' | star_atom
    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let start = self.start();
            self.bump();
            if self.at(T::Star) {
                return self.no_match();
            }
            self.enter()?;
            let value = Box::new(self.star_target()?);
            self.leave();
            return Ok(mk(ExprKind::Starred { value, ctx: ExprContext::Store }, self.range_from(start)));
        }
        let e = self.primary()?;
        self.store(e)
    }

    /// `e` as an assignment target, or no match.
    pub(super) fn store(&mut self, e: Expr) -> PResult<Expr> {
        if !is_target_shape(&e) {
            return self.no_match();
        }
        match with_ctx(e, ExprContext::Store) {
            Some(e) => Ok(e),
            None => self.no_match(),
        }
    }

    /// Raises CPython's "cannot assign to …"/"cannot delete …" for the first
    /// invalid part of `e`.
    pub(super) fn invalid_target_error<X>(&self, e: &Expr, del: bool) -> PResult<X> {
        let kind = if del { Targets::Del } else { Targets::Star };
        let bad = invalid_target(e, kind).unwrap_or(e);
        let verb = if del { "cannot delete" } else { "cannot assign to" };
        Err(self.error_node(format!("{verb} {}", super::errors::expr_name(bad)), bad))
    }
}

/// Whether `e` is shaped like a target at all (ignoring contexts).
fn is_target_shape(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => true,
        ExprKind::Starred { value, .. } => is_target_shape(value),
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => elts.iter().all(is_target_shape),
        _ => false,
    }
}
