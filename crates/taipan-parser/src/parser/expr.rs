//! Expressions: from `star_expressions` down to `atom`, one function per
//! precedence level as in `python.gram` (left-recursive rules become loops),
//! plus displays, comprehensions, slices and lambdas. Every node's range is
//! the span of the tokens its rule consumed, as CPython's `EXTRA`; a
//! parenthesised expression keeps its inner range, a tuple includes its
//! parentheses. Call arguments and parameters are in `args.rs`.

use super::{push_grown, Fail, PResult, Parser};
use crate::ast::{
    BoolOp, CmpOp, Comprehension, Constant, Expr, ExprContext, ExprKind, Operator, Range, UnaryOp,
};
use crate::error::ErrorKind;
use crate::literals;
use crate::token::{Pos, TokenKind as T};

pub(super) fn mk(kind: ExprKind, range: Range) -> Expr {
    Expr::new(kind, range)
}

/// Whether a token can start an expression (`atom`, unary operators,
/// `await`, `lambda`, `not`, `*` is not included).
pub(super) fn starts_expr(kind: T) -> bool {
    matches!(
        kind,
        T::Name
            | T::Number
            | T::String
            | T::LPar
            | T::LSqb
            | T::LBrace
            | T::Minus
            | T::Plus
            | T::Tilde
            | T::Not
            | T::Await
            | T::Lambda
            | T::None
            | T::True
            | T::False
            | T::Ellipsis
    )
}

/// Whether a token after a `primary` continues the expression at one of the
/// levels from `power` up to `disjunction` (`**`, a binary or comparison
/// operator, `and`, `or`).
const fn continues_operand(kind: T) -> bool {
    binop_of(kind).is_some()
        || matches!(
            kind,
            T::DoubleStar
                | T::EqEqual
                | T::NotEqual
                | T::Less
                | T::LessEqual
                | T::Greater
                | T::GreaterEqual
                | T::In
                | T::Not
                | T::Is
                | T::And
                | T::Or
        )
}

/// Whether a token can start a comparison operator (`not in`, `is not`
/// included).
fn starts_compare_op(kind: T) -> bool {
    matches!(
        kind,
        T::EqEqual
            | T::NotEqual
            | T::Less
            | T::LessEqual
            | T::Greater
            | T::GreaterEqual
            | T::In
            | T::Not
            | T::Is
    )
}

const fn binop_of(kind: T) -> Option<Operator> {
    Some(match kind {
        T::Plus => Operator::Add,
        T::Minus => Operator::Sub,
        T::Star => Operator::Mult,
        T::Slash => Operator::Div,
        T::DoubleSlash => Operator::FloorDiv,
        T::Percent => Operator::Mod,
        T::At => Operator::MatMult,
        T::LeftShift => Operator::LShift,
        T::RightShift => Operator::RShift,
        T::Amper => Operator::BitAnd,
        T::Circumflex => Operator::BitXor,
        T::VBar => Operator::BitOr,
        _ => return None,
    })
}

/// Whether a token after an operand ends the enclosing `expression`: it
/// is no trailer, no operator of any level from `power` to `disjunction`,
/// and no `if`.
const fn ends_expression(kind: T) -> bool {
    ends_power(kind) && !continues_operand(kind) && !matches!(kind, T::If)
}

/// Whether a token after an `atom` ends the enclosing `power`: it is no
/// trailer (`.`, `(`, `[`), no `**` and no binary operator.
const fn ends_power(kind: T) -> bool {
    !matches!(kind, T::Dot | T::LPar | T::LSqb | T::DoubleStar) && binop_of(kind).is_none()
}

/// What the token after a lone operand must be for [`Parser::lone_operand`].
#[derive(Clone, Copy)]
enum Ends {
    Expression,
    Power,
}

/// [`ends_expression`] and [`ends_power`] by token kind.
static ENDS: [[bool; 2]; TOKEN_KINDS] = {
    let mut table = [[false; 2]; TOKEN_KINDS];
    let mut i = 0;
    while i < T::ALL.len() {
        let kind = T::ALL[i];
        table[kind as usize] = [ends_expression(kind), ends_power(kind)];
        i += 1;
    }
    table
};

const TOKEN_KINDS: usize = T::ALL.len();

/// A display's or operator chain's vector from its first element, with
/// room for a few more when `more` may follow (a vector of one would be
/// reallocated at the second).
fn list_of<E>(first: E, more: bool) -> Vec<E> {
    let mut list = Vec::with_capacity(if more { 4 } else { 1 });
    list.push(first);
    list
}

impl Parser<'_> {
    /// The commonest operand, a lone NAME, NUMBER, STRING (not followed by
    /// another), `None`, `True` or `False` that the token after it
    /// (as `ends` says) does not continue, built at once instead of
    /// through every precedence level (first pass only: the second pass
    /// runs the diagnostics and the memo of each level). The tree and the
    /// tokens looked at are the ones the full descent gives.
    #[inline]
    fn lone_operand(&mut self, ends: Ends) -> Option<PResult<Expr>> {
        if self.diag {
            return None;
        }
        let kind = self.peek();
        if !matches!(kind, T::Name | T::Number | T::String | T::None | T::True | T::False) {
            return None;
        }
        let next = self.peek2();
        if !ENDS[next as usize][ends as usize] || next == T::String {
            return None;
        }
        Some(if kind == T::Name { Ok(self.name(ExprContext::Load)) } else { self.atom() })
    }

    /// expressions: expression (',' expression)* [',']
    pub(super) fn expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.expression()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut elts = list_of(first, true);
        while self.eat(T::Comma) {
            if !starts_expr(self.peek()) {
                break;
            }
            elts.push(self.expression()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// star_expressions: star_expression (',' star_expression)+ [','] | star_expression ',' | star_expression
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_expression()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut elts = list_of(first, true);
        while self.eat(T::Comma) {
            let k = self.peek();
            if !(starts_expr(k) || k == T::Star) {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// star_expression: '*' bitwise_or | expression
    #[inline]
    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            return self.starred(|p| p.bitwise_or());
        }
        self.expression()
    }

    /// '*' <operand>, as a Starred in Load context.
    pub(super) fn starred(&mut self, operand: impl FnOnce(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        let value = Box::new(operand(self)?);
        Ok(mk(ExprKind::Starred { value, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// star_named_expressions: ','.star_named_expression+ [','] — the
    /// elements of a display after its first, up to the closing `close`.
    fn star_named_rest(&mut self, elts: &mut Vec<Expr>, close: T) -> PResult<()> {
        while self.eat(T::Comma) {
            if self.at(close) {
                break;
            }
            if self.diag && close != T::RPar && self.for_if_clauses_follow()? {
                let comma = self.pos - 1;
                let (start, _) = self.raw_range(elts[0].range.start, elts[0].range.end);
                let msg = "did you forget parentheses around the comprehension target?";
                return Err(self.error_range(ErrorKind::SyntaxError, msg, start, self.toks[comma].end));
            }
            elts.push(self.star_named_expression()?);
        }
        if self.diag && close != T::RPar && elts.len() > 1 && self.for_if_clauses_follow()? {
            let msg = "did you forget parentheses around the comprehension target?";
            return Err(self.error_nodes(msg, &elts[0], &elts[elts.len() - 1]));
        }
        Ok(())
    }

    /// Whether `for_if_clauses` parses here (the cursor does not move), as
    /// the invalid_comprehension rules require before their errors.
    pub(super) fn for_if_clauses_follow(&mut self) -> PResult<bool> {
        self.for_if_clauses_follow_then(T::EndMarker)
    }

    /// [`Parser::for_if_clauses_follow`], then the token `then` (unless
    /// ENDMARKER, which stands for nothing).
    fn for_if_clauses_follow_then(&mut self, then: T) -> PResult<bool> {
        if !matches!(self.peek(), T::For | T::Async) {
            return Ok(false);
        }
        let cp = self.checkpoint();
        let ok =
            super::errors::opt(self.for_if_clauses())?.is_some() && (then == T::EndMarker || self.at(then));
        self.restore(cp);
        Ok(ok)
    }

    /// invalid_comprehension: ('[' | '(' | '{') starred_expression for_if_clauses
    fn check_starred_comprehension(&mut self, first: &Expr) -> PResult<()> {
        if !self.diag || !matches!(first.kind, ExprKind::Starred { .. }) {
            return Ok(());
        }
        match self.peek() {
            T::For | T::Async => {
                if !self.for_if_clauses_follow()? {
                    return Ok(());
                }
                Err(self.error_node("iterable unpacking cannot be used in comprehension", first))
            }
            T::Comma | T::RPar | T::RSqb | T::RBrace => Ok(()),
            _ => {
                // The display will fail: CPython then tries
                // ('[' | '(' | '{') starred_expression for_if_clauses, whose
                // '*' expression runs the expression diagnostics.
                let cp = self.checkpoint();
                if let Some(i) = self.token_index_at(first.range.start) {
                    self.pos = i + 1;
                    super::errors::opt(self.expression())?;
                }
                self.restore(cp);
                Ok(())
            }
        }
    }

    /// star_named_expression: '*' bitwise_or | named_expression
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            return self.starred(|p| p.bitwise_or());
        }
        self.named_expression()
    }

    /// named_expression: assignment_expression | expression !':='
    /// assignment_expression: NAME ':=' ~ expression
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Name) && self.peek2() == T::ColonEqual {
            return self.assignment_expression();
        }
        if self.diag {
            return self.invalid_named_expression();
        }
        let e = self.expression()?;
        if self.at(T::ColonEqual) {
            return self.no_match();
        }
        Ok(e)
    }

    /// assignment_expression: NAME ':=' ~ expression
    pub(super) fn assignment_expression(&mut self) -> PResult<Expr> {
        let start = self.start();
        let target = self.name(ExprContext::Store);
        self.bump();
        let value = Box::new(self.expression()?);
        let target = Box::new(target);
        Ok(mk(ExprKind::NamedExpr { target, value }, self.range_from(start)))
    }

    /// expression:
    ///     | disjunction 'if' disjunction 'else' expression
    ///     | disjunction
    ///     | lambdef
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.enter_by(2)?;
        let e = if let Some(e) = self.lone_operand(Ends::Expression) {
            e
        } else if self.at(T::Lambda) {
            self.lambdef()
        } else {
            self.conditional()
        };
        self.leave_by(2);
        e
    }

    #[inline]
    fn conditional(&mut self) -> PResult<Expr> {
        if self.diag && self.at(T::Name) && self.peek2() != T::LPar {
            self.invalid_legacy_call()?;
        }
        let start = self.start();
        let body = self.disjunction_fast()?;
        if !self.at(T::If) {
            if self.diag {
                self.invalid_expression(&body)?;
                self.invalid_legacy_expression(&body)?;
            }
            return Ok(body);
        }
        let cp = self.checkpoint();
        self.bump();
        let r = self.disjunction();
        let Some(test) = self.backtrack(cp, r)? else { return Ok(body) };
        if !self.eat(T::Else) {
            if self.diag && !self.at(T::Colon) {
                return Err(self.error_nodes("expected 'else' after 'if' expression", &body, &test));
            }
            self.restore(cp);
            return Ok(body);
        }
        self.levels -= 1; // CPython: expression -> expression, 1 level
        let r = self.expression();
        self.levels += 1;
        let Some(orelse) = self.backtrack(cp, r)? else { return Ok(body) };
        let orelse = Box::new(orelse);
        let (test, body) = (Box::new(test), Box::new(body));
        Ok(mk(ExprKind::IfExp { test, body, orelse }, self.range_from(start)))
    }

    /// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        if self.eat(T::From) {
            let value = Box::new(self.expression()?);
            return Ok(mk(ExprKind::YieldFrom { value }, self.range_from(start)));
        }
        let k = self.peek();
        let value =
            if starts_expr(k) || k == T::Star { Some(Box::new(self.star_expressions()?)) } else { None };
        Ok(mk(ExprKind::Yield { value }, self.range_from(start)))
    }

    /// disjunction: conjunction ('or' conjunction)+ | conjunction
    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        if self.memo.is_none() {
            return self.bool_op(T::Or, BoolOp::Or, Self::conjunction);
        }
        let start = self.pos;
        if let Some((r, end)) = self.memo.as_ref().and_then(|m| m.get(&start)) {
            let r = r.clone();
            self.pos = *end;
            return r.ok_or(Fail::NoMatch);
        }
        let r = self.bool_op(T::Or, BoolOp::Or, Self::conjunction);
        let entry = match &r {
            Ok(e) => (Some(e.clone()), self.pos),
            Err(Fail::NoMatch) => (None, start),
            Err(_) => return r,
        };
        if let Some(m) = self.memo.as_mut() {
            m.insert(start, entry);
        }
        r
    }

    /// conjunction: inversion ('and' inversion)+ | inversion
    fn conjunction(&mut self) -> PResult<Expr> {
        self.bool_op(T::And, BoolOp::And, Self::inversion)
    }

    /// `disjunction`, faster for the commonest case: an operand that starts
    /// with an `atom` (no `not`, unary operator or `await`). Its `primary`
    /// is parsed first and handed up through each precedence level's loop,
    /// instead of descending through every level to reach it; the result is
    /// the one `disjunction` gives. Not with the second pass's memo, which
    /// must see every `disjunction`.
    #[inline]
    fn disjunction_fast(&mut self) -> PResult<Expr> {
        let atom_first = super::stmt::starts_atom(self.peek());
        if !atom_first || self.memo.is_some() {
            return self.disjunction();
        }
        let start = self.start();
        let e = self.primary()?;
        if !continues_operand(self.peek()) {
            return Ok(e);
        }
        // Each level's loop is entered only when its operator follows (the
        // operand is a large value to hand down).
        let mut e = e;
        if self.at(T::DoubleStar) {
            e = self.power_rest(start, e)?;
        }
        if binop_of(self.peek()).is_some() {
            e = self.binary_rest(0, start, e)?;
        }
        if starts_compare_op(self.peek()) {
            e = self.comparison_rest(start, e)?;
        }
        if self.at(T::And) {
            e = self.bool_op_rest(T::And, BoolOp::And, Self::inversion, start, e)?;
        }
        if self.at(T::Or) {
            e = self.bool_op_rest(T::Or, BoolOp::Or, Self::conjunction, start, e)?;
        }
        Ok(e)
    }

    fn bool_op(&mut self, tok: T, op: BoolOp, operand: fn(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        let start = self.start();
        let first = operand(self)?;
        if !self.at(tok) {
            return Ok(first);
        }
        self.bool_op_rest(tok, op, operand, start, first)
    }

    /// The `(tok operand)*` loop of `bool_op`, after its `first` operand.
    fn bool_op_rest(
        &mut self,
        tok: T,
        op: BoolOp,
        operand: fn(&mut Self) -> PResult<Expr>,
        start: Pos,
        first: Expr,
    ) -> PResult<Expr> {
        if !self.at(tok) {
            return Ok(first);
        }
        let mut values = list_of(first, true);
        while self.at(tok) {
            let cp = self.checkpoint();
            self.bump();
            let r = operand(self);
            match self.backtrack(cp, r)? {
                Some(v) => values.push(v),
                None => break,
            }
        }
        if values.len() == 1 {
            return Ok(values.pop().unwrap_or_else(|| unreachable!()));
        }
        Ok(mk(ExprKind::BoolOp { op, values }, self.range_from(start)))
    }

    /// inversion: 'not' inversion | comparison
    fn inversion(&mut self) -> PResult<Expr> {
        if !self.at(T::Not) {
            return self.comparison();
        }
        let start = self.start();
        self.bump();
        self.enter()?;
        let operand = Box::new(self.inversion()?);
        self.leave();
        Ok(mk(ExprKind::UnaryOp { op: UnaryOp::Not, operand }, self.range_from(start)))
    }

    /// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.start();
        let left = self.bitwise_or()?;
        if !starts_compare_op(self.peek()) {
            return Ok(left);
        }
        self.comparison_rest(start, left)
    }

    /// The `compare_op_bitwise_or_pair*` of `comparison`, after `left`.
    fn comparison_rest(&mut self, start: Pos, left: Expr) -> PResult<Expr> {
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            let cp = self.checkpoint();
            let Some(op) = self.compare_op() else { break };
            let r = self.bitwise_or();
            match self.backtrack(cp, r)? {
                Some(right) => {
                    push_grown(&mut ops, op);
                    push_grown(&mut comparators, right);
                }
                None => break,
            }
        }
        if ops.is_empty() {
            return Ok(left);
        }
        let left = Box::new(left);
        Ok(mk(ExprKind::Compare { left, ops, comparators }, self.range_from(start)))
    }

    /// A comparison operator, consumed (`not in` and `is not` are two tokens).
    fn compare_op(&mut self) -> Option<CmpOp> {
        let op = match self.peek() {
            T::EqEqual => CmpOp::Eq,
            T::NotEqual => {
                // `<>` is only for Barry as FLUFL (CPython's _PyPegen_check_barry_as_flufl).
                if self.text(self.tok()) != "!=" {
                    return None;
                }
                CmpOp::NotEq
            }
            T::Less => CmpOp::Lt,
            T::LessEqual => CmpOp::LtE,
            T::Greater => CmpOp::Gt,
            T::GreaterEqual => CmpOp::GtE,
            T::In => CmpOp::In,
            T::Not => {
                if self.peek2() != T::In {
                    return None;
                }
                self.bump();
                CmpOp::NotIn
            }
            T::Is => {
                if self.peek2() == T::Not {
                    self.bump();
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            _ => return None,
        };
        self.bump();
        Some(op)
    }

    /// bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor
    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(0)
    }

    /// The left-associative binary levels, loosest first (precedence
    /// climbing over these rules, each `x: x op y | y`):
    /// bitwise_or '|', bitwise_xor '^', bitwise_and '&', shift_expr '<<' '>>',
    /// sum '+' '-', term '*' '/' '//' '%' '@'; below them `factor`.
    fn binary(&mut self, min_level: u8) -> PResult<Expr> {
        if let Some(e) = self.lone_operand(Ends::Power) {
            return e;
        }
        let start = self.start();
        let left = self.factor()?;
        if binop_of(self.peek()).is_none() {
            return Ok(left);
        }
        self.binary_rest(min_level, start, left)
    }

    /// The operator loop of `binary`, after its first operand `left`.
    fn binary_rest(&mut self, min_level: u8, start: Pos, mut left: Expr) -> PResult<Expr> {
        let mut chain = 0u32;
        loop {
            let kind = self.peek();
            let level = match kind {
                T::VBar => 0,
                T::Circumflex => 1,
                T::Amper => 2,
                T::LeftShift | T::RightShift => 3,
                T::Plus | T::Minus => 4,
                T::Star | T::Slash | T::DoubleSlash | T::Percent | T::At => 5,
                _ => break,
            };
            if level < min_level {
                break;
            }
            let Some(op) = binop_of(kind) else { break };
            let cp = self.checkpoint();
            self.bump();
            let r = self.binary(level + 1);
            let Some(right) = self.backtrack(cp, r)? else { break };
            let right = Box::new(right);
            chain += 1;
            if self.depth + chain > super::MAX_DEPTH {
                return Err(self.too_deep_tree());
            }
            let range = self.range_from(start);
            left = mk(ExprKind::BinOp { left: Box::new(left), op, right }, range);
        }
        Ok(left)
    }

    /// factor: '+' factor | '-' factor | '~' factor | power
    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            T::Plus => UnaryOp::UAdd,
            T::Minus => UnaryOp::USub,
            T::Tilde => UnaryOp::Invert,
            _ => return self.power(),
        };
        let start = self.start();
        self.bump();
        self.enter()?;
        let operand = Box::new(self.factor()?);
        self.leave();
        Ok(mk(ExprKind::UnaryOp { op, operand }, self.range_from(start)))
    }

    /// power: await_primary '**' factor | await_primary
    fn power(&mut self) -> PResult<Expr> {
        let start = self.start();
        let left = self.await_primary()?;
        if !self.at(T::DoubleStar) {
            return Ok(left);
        }
        self.power_rest(start, left)
    }

    /// The optional `'**' factor` of `power`, after its `left` operand.
    fn power_rest(&mut self, start: Pos, left: Expr) -> PResult<Expr> {
        if !self.at(T::DoubleStar) {
            return Ok(left);
        }
        let cp = self.checkpoint();
        self.bump();
        self.levels += 1; // CPython: factor -> power -> factor
        self.enter()?;
        let r = self.factor();
        let Some(right) = self.backtrack(cp, r)? else { return Ok(left) };
        self.leave();
        self.levels -= 1;
        let right = Box::new(right);
        let left = Box::new(left);
        Ok(mk(ExprKind::BinOp { left, op: Operator::Pow, right }, self.range_from(start)))
    }

    /// await_primary: AWAIT primary | primary
    fn await_primary(&mut self) -> PResult<Expr> {
        if !self.at(T::Await) {
            return self.primary();
        }
        let start = self.start();
        self.bump();
        let value = Box::new(self.primary()?);
        Ok(mk(ExprKind::Await { value }, self.range_from(start)))
    }

    /// primary:
    ///     | primary '.' NAME
    ///     | primary genexp
    ///     | primary '(' [arguments] ')'
    ///     | primary '[' slices ']'
    ///     | atom
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut e = self.atom()?;
        let mut chain = 0u32;
        loop {
            e = match self.peek() {
                T::Dot => {
                    if self.peek2() != T::Name {
                        return Ok(e);
                    }
                    self.bump();
                    let tok = self.bump();
                    let attr = self.identifier(tok);
                    let value = Box::new(e);
                    mk(ExprKind::Attribute { value, attr, ctx: ExprContext::Load }, self.range_from(start))
                }
                T::LPar => {
                    let cp = self.checkpoint();
                    let r = self.call_args_of(start);
                    let Some((args, keywords)) = self.backtrack(cp, r)? else { return Ok(e) };
                    let func = Box::new(e);
                    mk(ExprKind::Call { func, args, keywords }, self.range_from(start))
                }
                T::LSqb => {
                    let cp = self.checkpoint();
                    let r = self.subscript_slice();
                    let Some(slice) = self.backtrack(cp, r)? else { return Ok(e) };
                    let value = Box::new(e);
                    let slice = Box::new(slice);
                    mk(ExprKind::Subscript { value, slice, ctx: ExprContext::Load }, self.range_from(start))
                }
                _ => return Ok(e),
            };
            chain += 1;
            if self.depth + chain > super::MAX_DEPTH {
                return Err(self.too_deep_tree());
            }
        }
    }

    /// '[' slices ']'
    fn subscript_slice(&mut self) -> PResult<Expr> {
        self.bump();
        self.enter()?;
        let slice = self.slices()?;
        self.leave();
        self.expect(T::RSqb)?;
        Ok(slice)
    }

    /// slices:
    ///     | slice !','
    ///     | ','.(slice | starred_expression)+ [',']
    fn slices(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.slice_item()?;
        let starred = matches!(first.kind, ExprKind::Starred { .. });
        if !self.at(T::Comma) && !starred {
            return Ok(first);
        }
        let mut elts = list_of(first, self.at(T::Comma));
        while self.eat(T::Comma) {
            if self.at(T::RSqb) {
                break;
            }
            elts.push(self.slice_item()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// slice: [expression] ':' [expression] [':' [expression]] | named_expression
    /// (or starred_expression: '*' expression)
    fn slice_item(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            return self.starred(|p| p.expression());
        }
        let start = self.start();
        let lower = if self.at(T::Colon) {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at(T::Colon) {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.bump();
        let upper = self.optional_slice_part()?;
        let step = if self.eat(T::Colon) { self.optional_slice_part()? } else { None };
        Ok(mk(ExprKind::Slice { lower, upper, step }, self.range_from(start)))
    }

    fn optional_slice_part(&mut self) -> PResult<Option<Box<Expr>>> {
        if starts_expr(self.peek()) {
            Ok(Some(Box::new(self.expression()?)))
        } else {
            Ok(None)
        }
    }

    /// A NAME token as a Name node in `ctx`.
    #[inline]
    pub(super) fn name(&mut self, ctx: ExprContext) -> Expr {
        let i = self.pos;
        let tok = self.bump();
        let id = self.identifier(tok);
        mk(ExprKind::Name { id, ctx }, self.tok_range(i))
    }

    /// atom:
    ///     | NAME | 'True' | 'False' | 'None' | &STRING strings | NUMBER
    ///     | &'(' (tuple | group | genexp)
    ///     | &'[' (list | listcomp)
    ///     | &'{' (dict | set | dictcomp | setcomp)
    ///     | '...'
    #[inline]
    pub(super) fn atom(&mut self) -> PResult<Expr> {
        let i = self.pos;
        let constant = match self.peek() {
            T::Name => return Ok(self.name(ExprContext::Load)),
            T::String => return self.strings(),
            T::Number => return self.number(),
            T::LPar => return self.paren_atom(),
            T::LSqb => return self.list_atom(),
            T::LBrace => return self.brace_atom(),
            T::True => Constant::Bool(true),
            T::False => Constant::Bool(false),
            T::None => Constant::None,
            T::Ellipsis => Constant::Ellipsis,
            _ => {
                if self.diag {
                    self.invalid_atom()?;
                }
                return self.no_match();
            }
        };
        self.bump();
        Ok(mk(ExprKind::Constant { value: constant, kind: None }, self.tok_range(i)))
    }

    /// NUMBER
    pub(super) fn number(&mut self) -> PResult<Expr> {
        let i = self.pos;
        let tok = self.bump();
        match literals::parse_number(self.text(tok)) {
            Ok(value) => Ok(mk(ExprKind::Constant { value, kind: None }, self.tok_range(i))),
            Err(msg) => Err(self.error_toks(msg, i, i)),
        }
    }

    /// strings: STRING+
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let first = self.pos;
        while self.at(T::String) {
            self.bump();
        }
        let toks = &self.toks[first..self.pos];
        if let (Some(deferred), Some(a), Some(b)) = (&self.deferred, toks.first(), toks.last()) {
            if (a.lo as usize..b.hi as usize).contains(&deferred.at) {
                self.foreign_error = true;
                return Err(Fail::Error(Box::new(deferred.error.clone())));
            }
        }
        let result = match &self.reloc {
            None => literals::parse_strings(self.src, toks),
            Some(reloc) => {
                let moved: Vec<_> = toks
                    .iter()
                    .zip(&reloc[first..self.pos])
                    .map(|(t, &(start, end))| crate::token::Token { start, end, ..*t })
                    .collect();
                literals::parse_strings(self.src, &moved)
            }
        };
        result.map_err(|e| {
            if e.msg == "cannot mix bytes and nonbytes literals" {
                // RAISE_SYNTAX_ERROR: at the token fetched after the run.
                return Fail::Error(Box::new(self.error_at_tok(
                    crate::ErrorKind::SyntaxError,
                    e.msg,
                    self.pos,
                )));
            }
            self.foreign_error = true;
            Fail::Error(Box::new(self.literal_error_offsets(e)))
        })
    }

    /// An error from `literals` at a known location is raised by CPython's
    /// parser (`RAISE_SYNTAX_ERROR_KNOWN_LOCATION`), so with bytes source and
    /// no declared encoding its offsets stay in bytes (`Parser::make_error`).
    fn literal_error_offsets(&self, mut e: crate::SyntaxError) -> crate::SyntaxError {
        if !self.byte_offsets || self.fstring || e.lineno < 1 {
            return e;
        }
        let Some(line) = self.src.split('\n').nth(e.lineno as usize - 1) else { return e };
        let to_bytes = |chars: i32| -> i32 {
            if chars < 1 {
                return chars;
            }
            let b: usize = line.chars().take(chars as usize - 1).map(char::len_utf8).sum();
            b as i32 + 1 + (chars - 1 - line.chars().take(chars as usize - 1).count() as i32)
        };
        e.offset = to_bytes(e.offset);
        if e.end_lineno == e.lineno {
            e.end_offset = to_bytes(e.end_offset);
        }
        e
    }

    /// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
    /// group: '(' (yield_expr | named_expression) ')'
    /// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')'
    fn paren_atom(&mut self) -> PResult<Expr> {
        self.inside_bracket(Self::paren_body)
    }

    fn paren_body(&mut self, start: Pos) -> PResult<Expr> {
        if self.eat(T::RPar) {
            let elts = Vec::new();
            return Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)));
        }
        if self.at(T::Yield) {
            let e = self.yield_expr()?;
            self.expect(T::RPar)?;
            return Ok(e);
        }
        if self.diag && self.at(T::DoubleStar) {
            self.invalid_double_starred_group()?;
        }
        let first = self.star_named_expression()?;
        self.check_starred_comprehension(&first)?;
        match self.peek() {
            T::RPar => {
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    if self.diag {
                        return Err(self.error_node("cannot use starred expression here", &first));
                    }
                    return self.no_match();
                }
                self.bump();
                Ok(first)
            }
            T::Comma => {
                let mut elts = list_of(first, true);
                self.star_named_rest(&mut elts, T::RPar)?;
                self.expect(T::RPar)?;
                Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
            }
            T::For | T::Async if !matches!(first.kind, ExprKind::Starred { .. }) => {
                let generators = self.for_if_clauses()?;
                self.expect(T::RPar)?;
                let elt = Box::new(first);
                Ok(mk(ExprKind::GeneratorExp { elt, generators }, self.range_from(start)))
            }
            _ => {
                if self.diag {
                    self.invalid_group_end(&first)?;
                }
                self.no_match()
            }
        }
    }

    /// list: '[' [star_named_expressions] ']'
    /// listcomp: '[' named_expression for_if_clauses ']'
    fn list_atom(&mut self) -> PResult<Expr> {
        self.inside_bracket(Self::list_body)
    }

    fn list_body(&mut self, start: Pos) -> PResult<Expr> {
        if self.eat(T::RSqb) {
            let elts = Vec::new();
            return Ok(mk(ExprKind::List { elts, ctx: ExprContext::Load }, self.range_from(start)));
        }
        let first = self.star_named_expression()?;
        self.check_starred_comprehension(&first)?;
        if matches!(self.peek(), T::For | T::Async) && !matches!(first.kind, ExprKind::Starred { .. }) {
            let generators = self.for_if_clauses()?;
            self.expect(T::RSqb)?;
            let elt = Box::new(first);
            return Ok(mk(ExprKind::ListComp { elt, generators }, self.range_from(start)));
        }
        let mut elts = list_of(first, self.at(T::Comma));
        self.star_named_rest(&mut elts, T::RSqb)?;
        self.expect(T::RSqb)?;
        Ok(mk(ExprKind::List { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// dict: '{' [double_starred_kvpairs] '}'
    /// set: '{' star_named_expressions '}'
    /// dictcomp: '{' kvpair for_if_clauses '}'
    /// setcomp: '{' named_expression for_if_clauses '}'
    fn brace_atom(&mut self) -> PResult<Expr> {
        self.inside_bracket(Self::brace_body)
    }

    /// Consumes an opening bracket and parses what follows it one nesting
    /// level deeper, handing `body` the bracket's position.
    fn inside_bracket(&mut self, body: impl FnOnce(&mut Self, Pos) -> PResult<Expr>) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        self.enter()?;
        let e = body(self, start);
        self.leave();
        e
    }

    fn brace_body(&mut self, start: Pos) -> PResult<Expr> {
        if self.eat(T::RBrace) {
            let (keys, values) = (Vec::new(), Vec::new());
            return Ok(mk(ExprKind::Dict { keys, values }, self.range_from(start)));
        }
        if self.at(T::DoubleStar) {
            return self.dict_rest(start, Vec::new(), Vec::new());
        }
        let first_pos = self.pos;
        let first = if self.at(T::Star) || (self.at(T::Name) && self.peek2() == T::ColonEqual) {
            self.star_named_expression()?
        } else {
            let e = self.expression()?;
            if self.eat(T::Colon) {
                let value = self.dict_value()?;
                if matches!(self.peek(), T::For | T::Async) {
                    let generators = self.for_if_clauses()?;
                    self.expect(T::RBrace)?;
                    let (key, value) = (Box::new(e), Box::new(value));
                    return Ok(mk(ExprKind::DictComp { key, value, generators }, self.range_from(start)));
                }
                return {
                    let more = self.at(T::Comma);
                    self.dict_rest(start, list_of(Some(e), more), list_of(value, more))
                };
            }
            if self.at(T::ColonEqual) && !self.diag {
                return self.no_match();
            }
            // set: its named_expression runs invalid_named_expression.
            if self.diag && matches!(self.peek(), T::Equal | T::ColonEqual) {
                self.pos = first_pos;
                super::errors::opt(self.named_expression())?;
                return self.no_match();
            }
            e
        };
        self.check_starred_comprehension(&first)?;
        if matches!(self.peek(), T::For | T::Async) && !matches!(first.kind, ExprKind::Starred { .. }) {
            let generators = self.for_if_clauses()?;
            self.expect(T::RBrace)?;
            let elt = Box::new(first);
            return Ok(mk(ExprKind::SetComp { elt, generators }, self.range_from(start)));
        }
        let mut elts = list_of(first, self.at(T::Comma));
        self.star_named_rest(&mut elts, T::RBrace)?;
        self.expect(T::RBrace)?;
        Ok(mk(ExprKind::Set { elts }, self.range_from(start)))
    }

    /// double_starred_kvpairs: ','.double_starred_kvpair+ [',']
    /// double_starred_kvpair: '**' bitwise_or | kvpair
    /// kvpair: expression ':' expression
    fn dict_rest(&mut self, start: Pos, mut keys: Vec<Option<Expr>>, mut values: Vec<Expr>) -> PResult<Expr> {
        if keys.is_empty() {
            let star = self.pos;
            self.bump();
            keys.push(None);
            values.push(self.bitwise_or()?);
            // invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}'
            if self.diag && self.for_if_clauses_follow_then(T::RBrace)? {
                let msg = "dict unpacking cannot be used in dict comprehension";
                return Err(self.error_toks(msg, star, star));
            }
        }
        while self.eat(T::Comma) {
            if self.at(T::RBrace) {
                break;
            }
            if self.eat(T::DoubleStar) {
                keys.push(None);
                values.push(self.bitwise_or()?);
            } else {
                let key = self.expression()?;
                if !self.eat(T::Colon) {
                    if self.diag {
                        self.invalid_kvpair(&key)?;
                    }
                    return self.no_match();
                }
                keys.push(Some(key));
                values.push(self.dict_value()?);
            }
        }
        if !self.eat(T::RBrace) {
            return self.no_match();
        }
        Ok(mk(ExprKind::Dict { keys, values }, self.range_from(start)))
    }

    fn dict_value(&mut self) -> PResult<Expr> {
        if self.diag && self.at(T::Star) {
            let start = self.tok().start;
            self.bump();
            if super::errors::opt(self.bitwise_or())?.is_some() {
                return Err(
                    self.error_starting_from("cannot use a starred expression in a dictionary value", start)
                );
            }
            return self.no_match();
        }
        if self.diag && matches!(self.peek(), T::RBrace | T::Comma) {
            let tok = self.toks[self.pos - 1];
            return Err(self.error_range(
                ErrorKind::SyntaxError,
                "expression expected after dictionary key and ':'",
                tok.start,
                tok.end,
            ));
        }
        self.expression()
    }

    /// for_if_clauses: for_if_clause+
    /// for_if_clause:
    ///     | ASYNC 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
    ///     | 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
    pub(super) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            let is_async = self.eat(T::Async) as i32;
            self.expect(T::For)?;
            let target = self.for_target_in()?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(T::If) {
                push_grown(&mut ifs, self.disjunction()?);
            }
            push_grown(&mut generators, Comprehension { target, iter, ifs, is_async });
            match self.peek() {
                T::For => {}
                T::Async if self.peek2() == T::For => {}
                _ => return Ok(generators),
            }
        }
    }

    /// lambdef: 'lambda' [lambda_params] ':' expression
    fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.bump();
        let args = Box::new(self.lambda_params()?);
        if !self.eat(T::Colon) {
            return self.no_match();
        }
        let body = Box::new(self.expression()?);
        Ok(mk(ExprKind::Lambda { args, body }, self.range_from(start)))
    }

    /// type_expressions: the argument types of a `func_type` signature
    /// (`*` and `**` entries become plain expressions).
    pub(super) fn type_expressions(&mut self) -> PResult<Vec<Expr>> {
        let mut out = Vec::new();
        if self.at(T::RPar) {
            return Ok(out);
        }
        let mut seen_star = false;
        loop {
            match self.peek() {
                T::Star if !seen_star => {
                    self.bump();
                    seen_star = true;
                    out.push(self.expression()?);
                }
                T::DoubleStar => {
                    self.bump();
                    out.push(self.expression()?);
                    return Ok(out);
                }
                _ if !seen_star => out.push(self.expression()?),
                _ => return self.no_match(),
            }
            if !self.eat(T::Comma) {
                return Ok(out);
            }
        }
    }
}
