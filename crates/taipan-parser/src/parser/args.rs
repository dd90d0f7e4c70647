//! Parameters (`def` and `lambda`: positional-only `/`, keyword-only `*`,
//! defaults, annotations, per-parameter type comments) and call arguments
//! (positional, `*args`, keywords, `**kwargs`, a generator expression as the
//! sole argument). Both are parsed as comma-separated items checked against
//! the order the grammar allows; the diagnostics for the wrong orders are
//! CPython's `invalid_parameters`/`invalid_arguments` messages.

use super::expr::mk;
use super::{push_grown, PResult, Parser};
use crate::ast::{Arg, Arguments, Expr, ExprKind, Keyword};
use crate::token::{Pos, TokenKind as T};

/// Where a parameter list is in its grammar.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Stage {
    Positional,
    KeywordOnly,
    Done,
}

impl Parser<'_> {
    /// The call after `primary`: `primary genexp | primary '(' [arguments] ')'`
    /// arguments: args [','] &')'
    /// args:
    ///     | ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs]
    ///     | kwargs
    pub(super) fn call_args_of(&mut self, _start: Pos) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let open = self.start();
        self.bump();
        self.enter()?;
        let args = self.call_args(Some(open))?;
        self.leave();
        if !self.eat(T::RPar) {
            return self.no_match();
        }
        Ok(args)
    }

    /// The arguments between the parentheses of a call or class bases, up to
    /// the closing `)` (not consumed). With `genexp_open`, a lone generator
    /// expression argument spans from that opening parenthesis.
    pub(super) fn call_args(&mut self, genexp_open: Option<Pos>) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_double_star = false;
        while !self.at(T::RPar) {
            let start = self.start();
            match self.peek() {
                T::Star => {
                    if seen_double_star {
                        if self.diag {
                            return Err(self.error_here(
                                crate::ErrorKind::SyntaxError,
                                "iterable argument unpacking follows keyword argument unpacking",
                            ));
                        }
                        return self.no_match();
                    }
                    push_grown(&mut args, self.starred(|p| p.expression())?);
                }
                T::DoubleStar => {
                    self.bump();
                    let value = self.expression()?;
                    push_grown(&mut keywords, Keyword { arg: None, value, range: self.range_from(start) });
                    seen_double_star = true;
                }
                T::Name if self.peek2() == T::Equal => {
                    let name_at = self.pos;
                    let tok = self.bump();
                    self.bump();
                    let arg = Some(self.identifier(tok));
                    let value = self.expression()?;
                    // invalid_kwarg: NAME '=' expression for_if_clauses
                    if self.diag && self.for_if_clauses_follow()? {
                        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
                        return Err(self.error_toks(msg, name_at, name_at + 1));
                    }
                    push_grown(&mut keywords, Keyword { arg, value, range: self.range_from(start) });
                }
                _ => {
                    // kwargs take no positional arguments after them: the
                    // first pass stops here, where CPython's does.
                    if !keywords.is_empty() && !self.diag {
                        return self.no_match();
                    }
                    let e = if self.at(T::Name) && self.peek2() == T::ColonEqual {
                        self.assignment_expression()?
                    } else {
                        self.expression()?
                    };
                    if self.at(T::ColonEqual) {
                        return self.no_match();
                    }
                    if matches!(self.peek(), T::For | T::Async) {
                        if genexp_open.is_none() && !self.diag {
                            return self.no_match();
                        }
                        let generators = self.for_if_clauses()?;
                        let Some(open) = genexp_open else {
                            if self.at(T::Comma) {
                                return self.invalid_genexp_arg(&e, &generators);
                            }
                            return self.no_match();
                        };
                        if !args.is_empty() || !keywords.is_empty() || !self.at(T::RPar) {
                            return self.invalid_genexp_arg(&e, &generators);
                        }
                        let range = crate::ast::Range::new(open, self.tok_end(self.pos));
                        let elt = Box::new(e);
                        push_grown(&mut args, mk(ExprKind::GeneratorExp { elt, generators }, range));
                        return Ok((args, keywords));
                    }
                    if self.at(T::Equal) {
                        return self.invalid_kwarg(&e);
                    }
                    if !keywords.is_empty() {
                        return self.positional_after_keyword(&e, seen_double_star);
                    }
                    push_grown(&mut args, e);
                }
            }
            if !self.eat(T::Comma) {
                break;
            }
            if self.diag && self.at(T::Comma) {
                return self.no_match();
            }
        }
        Ok((args, keywords))
    }

    /// parameters (for `def`), up to the closing `)` (not consumed).
    pub(super) fn params(&mut self) -> PResult<Arguments> {
        self.parameter_list(T::RPar, true)
    }

    /// lambda_params: the same as parameters without annotations or type
    /// comments, up to the `:` (not consumed).
    pub(super) fn lambda_params(&mut self) -> PResult<Arguments> {
        self.parameter_list(T::Colon, false)
    }

    /// parameters:
    ///     | slash_no_default param_no_default* param_with_default* [star_etc]
    ///     | slash_with_default param_with_default* [star_etc]
    ///     | param_no_default+ param_with_default* [star_etc]
    ///     | param_with_default+ [star_etc]
    ///     | star_etc
    /// star_etc:
    ///     | '*' param_no_default param_maybe_default* [kwds]
    ///     | '*' param_no_default_star_annotation param_maybe_default* [kwds]
    ///     | '*' ',' param_maybe_default+ [kwds]
    ///     | kwds
    /// kwds: '**' param_no_default
    fn parameter_list(&mut self, close: T, annotated: bool) -> PResult<Arguments> {
        let mut a = Arguments {
            posonlyargs: Vec::new(),
            args: Vec::new(),
            vararg: None,
            kwonlyargs: Vec::new(),
            kw_defaults: Vec::new(),
            kwarg: None,
            defaults: Vec::new(),
        };
        let mut stage = Stage::Positional;
        let mut bare_star = false;
        while !self.at(close) {
            if stage == Stage::Done {
                return self.invalid_param_after_kwds();
            }
            match self.peek() {
                T::Slash => {
                    if stage != Stage::Positional || a.args.is_empty() || !a.posonlyargs.is_empty() {
                        return self.invalid_slash(&a, stage);
                    }
                    self.bump();
                    if self.diag && self.at(T::Star) {
                        let msg = "expected comma between / and *";
                        return Err(self.error_here(crate::ErrorKind::SyntaxError, msg));
                    }
                    a.posonlyargs = std::mem::take(&mut a.args);
                    if !self.param_end(close, None)? {
                        break;
                    }
                    continue;
                }
                T::Star => {
                    if stage != Stage::Positional {
                        return self.invalid_star(close, annotated);
                    }
                    self.bump();
                    stage = Stage::KeywordOnly;
                    if self.at(T::Comma) {
                        bare_star = true;
                        self.bump();
                        if self.at(close) || self.at(T::DoubleStar) {
                            return self.invalid_bare_star(annotated);
                        }
                        if self.at(T::TypeComment) {
                            if self.diag {
                                let msg = "bare * has associated type comment";
                                return Err(self.error_here(crate::ErrorKind::SyntaxError, msg));
                            }
                            return self.no_match();
                        }
                        continue;
                    }
                    if !self.at(T::Name) {
                        return self.invalid_bare_star_end(close, annotated);
                    }
                    let mut arg = self.param(annotated, true)?;
                    if self.at(T::Equal) {
                        return self.invalid_vararg_default();
                    }
                    let more = self.param_end(close, Some(&mut arg))?;
                    a.vararg = Some(Box::new(arg));
                    if !more {
                        break;
                    }
                    continue;
                }
                T::DoubleStar => {
                    self.bump();
                    let mut arg = self.param(annotated, false)?;
                    if self.at(T::Equal) {
                        return self.invalid_kwarg_default();
                    }
                    let more = self.param_end(close, Some(&mut arg))?;
                    a.kwarg = Some(Box::new(arg));
                    stage = Stage::Done;
                    if !more {
                        break;
                    }
                    continue;
                }
                T::Name => {}
                _ => {
                    let leading =
                        stage == Stage::Positional && a.defaults.is_empty() && a.posonlyargs.is_empty();
                    if self.diag && leading {
                        self.invalid_parameter_token(close)?;
                    }
                    return self.no_match();
                }
            }
            let mut arg = self.param(annotated, false)?;
            let default = if self.eat(T::Equal) { Some(self.default_value()?) } else { None };
            let more = self.param_end(close, Some(&mut arg))?;
            match (stage, default) {
                (Stage::KeywordOnly, default) => {
                    push_grown(&mut a.kwonlyargs, arg);
                    push_grown(&mut a.kw_defaults, default);
                    bare_star = false;
                }
                (_, Some(default)) => {
                    push_grown(&mut a.args, arg);
                    push_grown(&mut a.defaults, default);
                }
                (_, None) => {
                    if !a.defaults.is_empty() {
                        return self.invalid_default_order(&arg);
                    }
                    push_grown(&mut a.args, arg);
                }
            }
            if !more {
                break;
            }
        }
        if bare_star {
            return self.invalid_bare_star(annotated);
        }
        Ok(a)
    }

    /// default: '=' expression
    fn default_value(&mut self) -> PResult<Expr> {
        if self.diag && matches!(self.peek(), T::RPar | T::Comma) {
            return self.invalid_default();
        }
        self.expression()
    }

    /// After a parameter: `','` then an optional TYPE_COMMENT, or the
    /// closing token (with a TYPE_COMMENT before it). Returns whether more
    /// parameters may follow.
    fn param_end(&mut self, close: T, arg: Option<&mut Arg>) -> PResult<bool> {
        if self.eat(T::Comma) {
            let tc = self.type_comment_after_comma();
            if let (Some(arg), Some(tc)) = (arg, tc) {
                arg.type_comment = Some(tc);
            }
            return Ok(true);
        }
        if self.at(T::TypeComment) && self.peek2() == close {
            let tok = self.bump();
            if let Some(arg) = arg {
                arg.type_comment = Some(self.text(tok).to_owned());
            }
            return Ok(false);
        }
        if self.at(close) {
            return Ok(false);
        }
        if self.diag {
            self.invalid_param_end(close)?;
        }
        self.no_match()
    }

    fn type_comment_after_comma(&mut self) -> Option<String> {
        if self.at(T::TypeComment) {
            let tok = self.bump();
            return Some(self.text(tok).to_owned());
        }
        None
    }

    /// param: NAME annotation?
    /// annotation: ':' expression
    /// param_star_annotation: NAME star_annotation
    /// star_annotation: ':' star_expression
    fn param(&mut self, annotated: bool, star: bool) -> PResult<Arg> {
        let start = self.start();
        let tok = self.expect(T::Name)?;
        let arg = self.identifier(tok);
        let annotation = if annotated && self.eat(T::Colon) {
            Some(Box::new(if star { self.star_expression()? } else { self.expression()? }))
        } else {
            None
        };
        Ok(Arg { arg, annotation, type_comment: None, range: self.range_from(start) })
    }
}
