//! `match` statements and their patterns (PEP 634). `match`, `case` and `_`
//! are soft keywords: a statement starting with the NAME `match` is tried
//! as a match statement up to its `:` and re-parsed as an expression
//! statement if that fails, as CPython's PEG parser does by backtracking.

use super::expr::mk;
use super::stmt::BlockOf;
use super::{Fail, PResult, Parser};
use crate::ast::{
    Constant, Expr, ExprContext, ExprKind, Identifier, MatchCase, Operator, Pattern, PatternKind, Range,
    Stmt, StmtKind, UnaryOp,
};
use crate::error::ErrorKind;
use crate::token::{Pos, TokenKind as T};

fn pat(kind: PatternKind, range: Range) -> Pattern {
    Pattern::new(kind, range)
}

impl Parser<'_> {
    /// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT
    /// `None` (with the cursor restored) when this is not a match statement.
    pub(super) fn match_stmt(&mut self) -> PResult<Option<Stmt>> {
        if !self.at_soft("match") {
            return Ok(None);
        }
        let cp = self.checkpoint();
        let start = self.start();
        let of = BlockOf { what: "'match' statement", line: start.line };
        self.bump();
        let subject = match self.subject_expr() {
            Ok(subject) if self.at(T::Colon) => subject,
            Ok(subject) => {
                if self.diag && self.at(T::Newline) {
                    let _ = subject;
                    return Err(self.error_here(ErrorKind::SyntaxError, "expected ':'"));
                }
                self.restore(cp);
                return Ok(None);
            }
            Err(Fail::NoMatch) => {
                self.restore(cp);
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        self.bump();
        self.expect(T::Newline)?;
        if !self.eat(T::Indent) {
            if self.diag {
                let msg = format!("expected an indented block after {} on line {}", of.what, of.line);
                return Err(self.error_here(ErrorKind::IndentationError, msg));
            }
            return self.no_match();
        }
        let mut cases = Vec::new();
        while !self.at(T::Dedent) {
            cases.push(self.case_block()?);
        }
        self.bump();
        let kind = StmtKind::Match { subject: Box::new(subject), cases };
        Ok(Some(Stmt::new(kind, self.range_from(start))))
    }

    /// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
    fn subject_expr(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_named_expression()?;
        if !self.at(T::Comma) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return self.no_match();
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            let k = self.peek();
            if !(super::expr::starts_expr(k) || k == T::Star) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.range_from(start)))
    }

    /// case_block: "case" patterns guard? ':' block
    /// guard: 'if' named_expression
    fn case_block(&mut self) -> PResult<MatchCase> {
        if !self.at_soft("case") {
            return self.no_match();
        }
        let of = BlockOf { what: "'case' statement", line: self.start().line };
        self.bump();
        let pattern = self.patterns()?;
        let guard = if self.eat(T::If) { Some(Box::new(self.named_expression()?)) } else { None };
        self.block_colon()?;
        let body = self.block(of)?;
        Ok(MatchCase { pattern, guard, body })
    }

    /// patterns: open_sequence_pattern | pattern
    fn patterns(&mut self) -> PResult<Pattern> {
        let start = self.start();
        let first = self.maybe_star_pattern()?;
        if !self.at(T::Comma) {
            if matches!(first.kind, PatternKind::MatchStar { .. }) {
                return self.no_match();
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(T::Comma) {
            if !self.starts_pattern() {
                break;
            }
            patterns.push(self.maybe_star_pattern()?);
        }
        Ok(pat(PatternKind::MatchSequence { patterns }, self.range_from(start)))
    }

    fn starts_pattern(&mut self) -> bool {
        matches!(
            self.peek(),
            T::Name
                | T::Number
                | T::String
                | T::Minus
                | T::LPar
                | T::LSqb
                | T::LBrace
                | T::None
                | T::True
                | T::False
                | T::Star
        )
    }

    /// maybe_star_pattern: star_pattern | pattern
    /// star_pattern: '*' pattern_capture_target | '*' wildcard_pattern
    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if !self.at(T::Star) {
            return self.pattern();
        }
        let start = self.start();
        self.bump();
        let tok = self.expect(T::Name)?;
        let name = if self.text(tok) == "_" { None } else { Some(self.identifier(tok)) };
        Ok(pat(PatternKind::MatchStar { name }, self.range_from(start)))
    }

    /// pattern: as_pattern | or_pattern
    /// as_pattern: or_pattern 'as' pattern_capture_target
    pub(super) fn pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let start = self.start();
        let p = self.or_pattern()?;
        let p = if self.eat(T::As) {
            if !self.at(T::Name) || self.at_soft("_") {
                if self.diag {
                    self.invalid_as_pattern()?;
                }
                return self.no_match();
            }
            let name = Some(self.capture_name());
            pat(PatternKind::MatchAs { pattern: Some(Box::new(p)), name }, self.range_from(start))
        } else {
            p
        };
        self.leave();
        Ok(p)
    }

    fn capture_name(&mut self) -> Identifier {
        let tok = self.bump();
        self.identifier(tok)
    }

    /// or_pattern: '|'.closed_pattern+
    fn or_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        let first = self.closed_pattern()?;
        if !self.at(T::VBar) {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(T::VBar) {
            patterns.push(self.closed_pattern()?);
        }
        Ok(pat(PatternKind::MatchOr { patterns }, self.range_from(start)))
    }

    /// closed_pattern:
    ///     | literal_pattern | capture_pattern | wildcard_pattern | value_pattern
    ///     | group_pattern | sequence_pattern | mapping_pattern | class_pattern
    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        let i = self.pos;
        let singleton = match self.peek() {
            T::None => Constant::None,
            T::True => Constant::Bool(true),
            T::False => Constant::Bool(false),
            T::Number | T::Minus | T::String => {
                let value = Box::new(self.literal_expr()?);
                return Ok(pat(PatternKind::MatchValue { value }, self.range_from(start)));
            }
            T::LPar => return self.paren_pattern(),
            T::LSqb => return self.bracket_pattern(),
            T::LBrace => return self.mapping_pattern(),
            T::Name => return self.name_pattern(),
            _ => return self.no_match(),
        };
        self.bump();
        Ok(pat(PatternKind::MatchSingleton { value: singleton }, self.tok_range(i)))
    }

    /// literal_expr: signed_number !('+' | '-') | complex_number | strings
    /// complex_number: signed_real_number ('+' | '-') imaginary_number
    /// signed_number: NUMBER | '-' NUMBER
    fn literal_expr(&mut self) -> PResult<Expr> {
        if self.at(T::String) {
            let e = self.strings()?;
            if matches!(e.kind, ExprKind::JoinedStr { .. }) {
                if self.diag {
                    return Err(self.error_node("patterns may only match literals and attribute lookups", &e));
                }
                return self.no_match();
            }
            return Ok(e);
        }
        let start = self.start();
        let real = self.signed_number()?;
        let op = match self.peek() {
            T::Plus => Operator::Add,
            T::Minus => Operator::Sub,
            _ => return Ok(real),
        };
        self.ensure_number(&real, false)?;
        self.bump();
        if !self.at(T::Number) {
            return self.no_match();
        }
        let imag = self.number()?;
        self.ensure_number(&imag, true)?;
        let (left, right) = (Box::new(real), Box::new(imag));
        Ok(mk(ExprKind::BinOp { left, op, right }, self.range_from(start)))
    }

    fn signed_number(&mut self) -> PResult<Expr> {
        if !self.at(T::Minus) {
            if !self.at(T::Number) {
                return self.no_match();
            }
            return self.number();
        }
        let start = self.start();
        self.bump();
        if !self.at(T::Number) {
            return self.no_match();
        }
        let operand = Box::new(self.number()?);
        Ok(mk(ExprKind::UnaryOp { op: UnaryOp::USub, operand }, self.range_from(start)))
    }

    /// CPython's `_PyPegen_ensure_real`/`_PyPegen_ensure_imaginary`.
    fn ensure_number(&self, e: &Expr, imaginary: bool) -> PResult<()> {
        let inner = match &e.kind {
            ExprKind::UnaryOp { operand, .. } => operand,
            _ => e,
        };
        let is_complex = matches!(inner.kind, ExprKind::Constant { value: Constant::Complex { .. }, .. });
        if is_complex == imaginary {
            return Ok(());
        }
        let msg = if imaginary {
            "imaginary number required in complex literal"
        } else {
            "real number required in complex literal"
        };
        Err(self.error_node(msg, inner))
    }

    /// capture_pattern: pattern_capture_target
    /// wildcard_pattern: "_"
    /// value_pattern: attr !('.' | '(' | '=')
    /// class_pattern: name_or_attr '(' … ')'
    fn name_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        let wildcard = self.at_soft("_");
        let first = self.name(ExprContext::Load);
        if !self.at(T::Dot) && !self.at(T::LPar) {
            if self.at(T::Equal) {
                return self.no_match();
            }
            let name = if wildcard {
                None
            } else {
                match first.kind {
                    ExprKind::Name { id, .. } => Some(id),
                    _ => None,
                }
            };
            return Ok(pat(PatternKind::MatchAs { pattern: None, name }, first.range));
        }
        let mut value = first;
        while self.eat(T::Dot) {
            let tok = self.expect(T::Name)?;
            let attr = self.identifier(tok);
            let range = self.range_from(start);
            value = mk(ExprKind::Attribute { value: Box::new(value), attr, ctx: ExprContext::Load }, range);
        }
        if self.at(T::LPar) {
            return self.class_pattern(value, start);
        }
        if self.at(T::Equal) {
            return self.no_match();
        }
        Ok(pat(PatternKind::MatchValue { value: Box::new(value) }, self.range_from(start)))
    }

    /// class_pattern:
    ///     | name_or_attr '(' ')'
    ///     | name_or_attr '(' positional_patterns ','? ')'
    ///     | name_or_attr '(' keyword_patterns ','? ')'
    ///     | name_or_attr '(' positional_patterns ',' keyword_patterns ','? ')'
    fn class_pattern(&mut self, cls: Expr, start: Pos) -> PResult<Pattern> {
        self.bump();
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at(T::RPar) {
            if self.at(T::Name) && self.peek2() == T::Equal {
                let name = self.capture_name();
                self.bump();
                kwd_attrs.push(name);
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    if self.diag {
                        return self.invalid_class_pattern(p);
                    }
                    return self.no_match();
                }
                patterns.push(p);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RPar)?;
        let kind = PatternKind::MatchClass { cls: Box::new(cls), patterns, kwd_attrs, kwd_patterns };
        Ok(pat(kind, self.range_from(start)))
    }

    /// group_pattern: '(' pattern ')'
    /// sequence_pattern: '(' open_sequence_pattern? ')'
    fn paren_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        self.bump();
        if self.eat(T::RPar) {
            return Ok(pat(PatternKind::MatchSequence { patterns: Vec::new() }, self.range_from(start)));
        }
        let first = self.maybe_star_pattern()?;
        if self.eat(T::RPar) {
            if matches!(first.kind, PatternKind::MatchStar { .. }) {
                return self.no_match();
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        self.expect(T::Comma)?;
        while !self.at(T::RPar) {
            patterns.push(self.maybe_star_pattern()?);
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RPar)?;
        Ok(pat(PatternKind::MatchSequence { patterns }, self.range_from(start)))
    }

    /// sequence_pattern: '[' maybe_sequence_pattern? ']'
    fn bracket_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        self.bump();
        let mut patterns = Vec::new();
        while !self.at(T::RSqb) {
            patterns.push(self.maybe_star_pattern()?);
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RSqb)?;
        Ok(pat(PatternKind::MatchSequence { patterns }, self.range_from(start)))
    }

    /// mapping_pattern:
    ///     | '{' '}'
    ///     | '{' double_star_pattern ','? '}'
    ///     | '{' items_pattern ',' double_star_pattern ','? '}'
    ///     | '{' items_pattern ','? '}'
    /// key_value_pattern: (literal_expr | attr) ':' pattern
    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start();
        self.bump();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(T::RBrace) {
            if rest.is_some() {
                if self.diag {
                    return self.invalid_mapping_rest(rest.as_deref().unwrap_or(""));
                }
                return self.no_match();
            }
            if self.eat(T::DoubleStar) {
                if !self.at(T::Name) || self.at_soft("_") {
                    return self.no_match();
                }
                rest = Some(self.capture_name());
            } else {
                keys.push(self.mapping_key()?);
                self.expect(T::Colon)?;
                patterns.push(self.pattern()?);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RBrace)?;
        Ok(pat(PatternKind::MatchMapping { keys, patterns, rest }, self.range_from(start)))
    }

    /// (literal_expr | attr) — a mapping pattern's key.
    fn mapping_key(&mut self) -> PResult<Expr> {
        let i = self.pos;
        let value = match self.peek() {
            T::None => Constant::None,
            T::True => Constant::Bool(true),
            T::False => Constant::Bool(false),
            T::Name => return self.attr_key(),
            _ => return self.literal_expr(),
        };
        self.bump();
        Ok(mk(ExprKind::Constant { value, kind: None }, self.tok_range(i)))
    }

    /// attr: name_or_attr '.' NAME
    fn attr_key(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut value = self.name(ExprContext::Load);
        if !self.at(T::Dot) {
            return self.no_match();
        }
        while self.eat(T::Dot) {
            let tok = self.expect(T::Name)?;
            let attr = self.identifier(tok);
            let range = self.range_from(start);
            value = mk(ExprKind::Attribute { value: Box::new(value), attr, ctx: ExprContext::Load }, range);
        }
        Ok(value)
    }
}
