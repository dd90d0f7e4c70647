//! Turning a failed parse into CPython's SyntaxError: the tokenizer error if
//! the parser got that far, else the first `invalid_*` diagnostic the second
//! pass finds, else "invalid syntax" at the furthest token of the first pass
//! (overridden, as in CPython, by a tokenizer error later in the source).
//!
//! The diagnostics themselves sit beside the rules they belong to (they run
//! only when `Parser::diag` is set); this module holds the shared helpers:
//! CPython's names for expressions in messages, and error constructors.

use super::{Fail, PResult, Parser};
use crate::ast::{Constant, Expr, ExprKind};
use crate::error::{ErrorKind, SyntaxError};
use crate::lexer::Lexed;
use crate::token::TokenKind;

/// The outcome of a parse: the tree, or the error CPython would raise.
pub(super) fn finish<T>(
    p: &mut Parser<'_>,
    first: PResult<T>,
    lexed: &Lexed,
    second: impl FnOnce(&mut Parser<'_>) -> PResult<T>,
) -> Result<T, SyntaxError> {
    let fail = match first {
        Ok(value) => {
            return match &lexed.error {
                Some(err) => Err(p.fix_error(err.clone())),
                None => Ok(value),
            }
        }
        Err(fail) => fail,
    };
    if let Fail::Error(err) = fail {
        return Err(p.fix_error(*err));
    }
    let last = p.max_pos;
    if let (Some(at), Some(err)) = (p.lex_error_at, &lexed.error) {
        if last >= at {
            return Err(p.fix_error(err.clone()));
        }
    }
    p.diag = true;
    p.max_pos = 0;
    let second = p.run(second);
    if let (Some(at), Some(err)) = (p.lex_error_at, &lexed.error) {
        if p.max_pos >= at {
            return Err(p.fix_error(err.clone()));
        }
    }
    if let Err(Fail::Error(err)) = second {
        return Err(p.fix_error(*err));
    }
    Err(p.fix_error(generic_error(p, last, lexed)))
}

/// "invalid syntax" (or an unexpected indent) at token `last`, unless the
/// rest of the source has a tokenizer error, which CPython reports instead.
fn generic_error(p: &Parser<'_>, last: usize, lexed: &Lexed) -> SyntaxError {
    let tok = p.toks[last];
    if let Some(err) = &lexed.error {
        let eof_in_bracket = err.msg.ends_with("was never closed");
        let bracket_line = lexed.unclosed.last().map_or(0, |t| t.start.line);
        if !eof_in_bracket || tok.start.line > bracket_line {
            return err.clone();
        }
    }
    let (kind, msg) = match tok.kind {
        TokenKind::Indent => (ErrorKind::IndentationError, "unexpected indent"),
        TokenKind::Dedent => (ErrorKind::IndentationError, "unexpected unindent"),
        _ => (ErrorKind::SyntaxError, "invalid syntax"),
    };
    SyntaxError::at(kind, msg, p.src, tok.start, tok.end)
}

impl Parser<'_> {
    /// In an f-string replacement field, CPython reports lines relative to
    /// the source but columns relative to the field's text.
    fn fix_error(&self, mut err: SyntaxError) -> SyntaxError {
        if let (true, Some(reloc)) = (self.fstring, &self.reloc) {
            let shift = reloc[0].0.line as i32 - self.toks[0].start.line as i32;
            if err.lineno > 0 {
                err.lineno += shift;
            }
            if err.end_lineno > 0 {
                err.end_lineno += shift;
            }
        }
        err
    }

    /// A definite SyntaxError over the range of node `e` (in raw positions:
    /// in an f-string field the node's positions are relocated, so the
    /// error is placed by the tokens instead).
    pub(super) fn error_node(&self, msg: impl Into<String>, e: &Expr) -> Fail {
        let (start, end) = self.raw_range(e.range.start, e.range.end);
        self.error_range(ErrorKind::SyntaxError, msg, start, end)
    }

    /// A definite SyntaxError from the start of `a` to the end of `b`.
    pub(super) fn error_nodes(&self, msg: impl Into<String>, a: &Expr, b: &Expr) -> Fail {
        let (start, _) = self.raw_range(a.range.start, a.range.end);
        let (_, end) = self.raw_range(b.range.start, b.range.end);
        self.error_range(ErrorKind::SyntaxError, msg, start, end)
    }

    /// Maps AST positions back to raw token positions (identity outside
    /// f-string fields).
    pub(super) fn raw_range(
        &self,
        start: crate::token::Pos,
        end: crate::token::Pos,
    ) -> (crate::token::Pos, crate::token::Pos) {
        let Some(reloc) = &self.reloc else { return (start, end) };
        let s = reloc.iter().position(|r| r.0 == start).map_or(start, |i| self.toks[i].start);
        let e = reloc.iter().rposition(|r| r.1 == end).map_or(end, |i| self.toks[i].end);
        (s, e)
    }

    /// Raises `msg` at the current token (CPython's `RAISE_SYNTAX_ERROR`
    /// after consuming up to here: the last token fetched).
    pub(super) fn error_here(&self, kind: ErrorKind, msg: impl Into<String>) -> Fail {
        let tok = self.toks[self.pos];
        self.error_range(kind, msg, tok.start, tok.end)
    }

    /// Raises `msg` at the token before the current one.
    pub(super) fn error_prev(&self, msg: impl Into<String>) -> Fail {
        let i = self.pos.saturating_sub(1);
        self.error_toks(msg, i, i)
    }

    /// Fails with nothing matched.
    pub(super) fn no_match<T>(&self) -> PResult<T> {
        Err(Fail::NoMatch)
    }
}

/// CPython's `_PyPegen_get_expr_name`: how messages name an expression.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The diagnostics (`invalid_*` rules). Each runs only in the second pass;
/// in the first pass the rules' callers simply fail to match.
impl Parser<'_> {
    /// invalid_named_expression:
    ///     | expression ':=' expression
    ///     | NAME '=' bitwise_or !('='|':=')
    ///     | !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')
    pub(super) fn invalid_named_expression(&mut self) -> PResult<Expr> {
        let start_pos = self.pos;
        let e = self.expression()?;
        if self.at(TokenKind::ColonEqual) {
            let msg = format!("cannot use assignment expressions with {}", expr_name(&e));
            return Err(self.error_node(msg, &e));
        }
        if self.at(TokenKind::Equal) {
            let cp = self.checkpoint();
            let end_pos = self.pos;
            let simple_name = end_pos == start_pos + 1 && self.toks[start_pos].kind == TokenKind::Name;
            let excluded = matches!(
                self.toks[start_pos].kind,
                TokenKind::LSqb | TokenKind::LPar | TokenKind::True | TokenKind::None | TokenKind::False
            );
            let bitwise = is_bitwise_or_level(&e);
            self.bump();
            if let Ok(rhs) = self.bitwise_or() {
                if !matches!(self.peek(), TokenKind::Equal | TokenKind::ColonEqual) {
                    if simple_name {
                        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
                        return Err(self.error_nodes(msg, &e, &rhs));
                    }
                    if !excluded && bitwise {
                        let msg = format!(
                            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                            expr_name(&e)
                        );
                        return Err(self.error_node(msg, &e));
                    }
                }
            }
            self.restore(cp);
        }
        Ok(e)
    }

    /// invalid_expression:
    ///     | !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
    ///     | disjunction 'if' disjunction !('else'|':')
    /// (the first alternative, after a disjunction that is not followed by 'if')
    pub(super) fn invalid_expression(&mut self, a: &Expr) -> PResult<()> {
        let first = self.toks.iter().position(|_| true).map(|_| 0).unwrap_or(0);
        let _ = first;
        if !super::expr::starts_expr(self.peek()) || matches!(self.peek(), TokenKind::Not) {
            return Ok(());
        }
        // !(NAME STRING | SOFT_KEYWORD): look at where `a` started.
        let start_idx = self.token_index_at(a.range.start);
        if let Some(i) = start_idx {
            let t = self.toks[i];
            if t.kind == TokenKind::Name {
                let text = self.text(t);
                if matches!(text, "match" | "case" | "_") {
                    return Ok(());
                }
                if self.toks.get(i + 1).map(|t| t.kind) == Some(TokenKind::String) {
                    return Ok(());
                }
            }
        }
        let cp = self.checkpoint();
        let diag = std::mem::replace(&mut self.diag, false);
        let b = self.expression();
        self.diag = diag;
        let Ok(b) = b else {
            self.restore(cp);
            return Ok(());
        };
        if self.is_legacy_name(a) {
            self.restore(cp);
            return Ok(());
        }
        let level = self.paren_level_before(self.pos);
        if level == 0 {
            self.restore(cp);
            return Ok(());
        }
        Err(self.error_nodes("invalid syntax. Perhaps you forgot a comma?", a, &b))
    }

    /// The index of the token starting at `pos` (AST position), if any.
    fn token_index_at(&self, pos: crate::token::Pos) -> Option<usize> {
        let (raw, _) = self.raw_range(pos, pos);
        let i = self.toks.partition_point(|t| t.start < raw);
        (i < self.toks.len() && self.toks[i].start == raw).then_some(i)
    }

    /// The bracket depth the token before `pos` stands at.
    fn paren_level_before(&self, pos: usize) -> i32 {
        let mut level = 0i32;
        for t in &self.toks[..pos] {
            match t.kind {
                TokenKind::LPar | TokenKind::LSqb | TokenKind::LBrace => level += 1,
                TokenKind::RPar | TokenKind::RSqb | TokenKind::RBrace => level -= 1,
                _ => {}
            }
        }
        let last = self.toks[pos.saturating_sub(1)].kind;
        if matches!(last, TokenKind::RPar | TokenKind::RSqb | TokenKind::RBrace) {
            level += 1;
        }
        level
    }

    /// `print`/`exec` used as statements (CPython's `_PyPegen_check_legacy_stmt`).
    fn is_legacy_name(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name { id, .. } if id == "print" || id == "exec")
    }

    pub(super) fn invalid_atom(&mut self) -> PResult<()> {
        Ok(())
    }

    /// invalid_group: '(' starred_expression ')' | '(' '**' expression ')'
    pub(super) fn invalid_group_end(&mut self, _first: &Expr) -> PResult<()> {
        Ok(())
    }

    /// invalid_kvpair / invalid_double_starred_kvpairs: a key without ':'.
    pub(super) fn invalid_kvpair(&mut self, key: &Expr) -> PResult<()> {
        if matches!(self.peek(), TokenKind::RBrace | TokenKind::Comma) {
            return Err(self.error_node("':' expected after dictionary key", key));
        }
        Ok(())
    }

    /// invalid_for_target: ASYNC? 'for' star_expressions
    pub(super) fn invalid_for_target(&mut self, _target: &Expr) -> PResult<()> {
        Ok(())
    }

    /// invalid_for_target, tried before a `for` target in the second pass.
    pub(super) fn invalid_for_target_pre(&mut self) -> PResult<()> {
        let cp = self.checkpoint();
        let diag = std::mem::replace(&mut self.diag, false);
        let e = self.star_expressions();
        self.diag = diag;
        self.restore(cp);
        if let Ok(e) = e {
            if let Some(bad) = super::target::invalid_target(&e, super::target::Targets::For) {
                return Err(self.error_node(format!("cannot assign to {}", expr_name(bad)), bad));
            }
        }
        Ok(())
    }

    pub(super) fn invalid_genexp_arg<T>(&mut self, e: &Expr) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let generators = self.for_if_clauses()?;
        let last = generators.last().map(|g| g.ifs.last().unwrap_or(&g.iter));
        match last {
            Some(last) => Err(self.error_nodes("Generator expression must be parenthesized", e, last)),
            None => self.no_match(),
        }
    }

    /// invalid_kwarg: `expression '='` where a keyword argument's name should be.
    pub(super) fn invalid_kwarg<T>(&mut self, e: &Expr) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let eq = self.tok();
        let (start, _) = self.raw_range(e.range.start, e.range.end);
        if let ExprKind::Constant { value: Constant::Bool(_) | Constant::None, .. } = e.kind {
            let msg = format!("cannot assign to {}", expr_name(e));
            return Err(self.error_range(ErrorKind::SyntaxError, msg, start, eq.end));
        }
        let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
        Err(self.error_range(ErrorKind::SyntaxError, msg, start, eq.end))
    }

    pub(super) fn positional_after_keyword<T>(&mut self, e: &Expr, unpacking: bool) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let msg = if unpacking {
            "positional argument follows keyword argument unpacking"
        } else {
            "positional argument follows keyword argument"
        };
        Err(self.error_node(msg, e))
    }

    pub(super) fn invalid_param_after_kwds<T>(&mut self) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        Err(self.error_here(ErrorKind::SyntaxError, "arguments cannot follow var-keyword argument"))
    }

    pub(super) fn invalid_slash<T>(
        &mut self,
        a: &crate::ast::Arguments,
        stage: super::args::Stage,
    ) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let msg = if stage != super::args::Stage::Positional {
            "/ must be ahead of *"
        } else if !a.posonlyargs.is_empty() {
            "/ may appear only once"
        } else {
            "at least one argument must precede /"
        };
        Err(self.error_here(ErrorKind::SyntaxError, msg))
    }

    pub(super) fn invalid_star<T>(&mut self, _stage: super::args::Stage) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        Err(self.error_here(ErrorKind::SyntaxError, "* argument may appear only once"))
    }

    pub(super) fn invalid_bare_star<T>(&mut self) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let mut i = self.pos;
        while i > 0 && self.toks[i].kind != TokenKind::Star {
            i -= 1;
        }
        Err(self.error_toks("named arguments must follow bare *", i, i))
    }

    pub(super) fn invalid_bare_star_end<T>(&mut self, close: TokenKind) -> PResult<T> {
        if self.diag && self.at(close) {
            return self.invalid_bare_star();
        }
        self.no_match()
    }

    pub(super) fn invalid_vararg_default<T>(&mut self) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        Err(self.error_here(ErrorKind::SyntaxError, "var-positional argument cannot have default value"))
    }

    pub(super) fn invalid_kwarg_default<T>(&mut self) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        Err(self.error_here(ErrorKind::SyntaxError, "var-keyword argument cannot have default value"))
    }

    pub(super) fn invalid_parameter_token(&mut self, _close: TokenKind) -> PResult<()> {
        Ok(())
    }

    pub(super) fn invalid_default_order<T>(&mut self) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let mut i = self.pos.saturating_sub(1);
        while i > 0 && self.toks[i].kind != TokenKind::Name {
            i -= 1;
        }
        Err(self.error_toks("non-default argument follows default argument", i, i))
    }

    pub(super) fn invalid_default<T>(&mut self) -> PResult<T> {
        let i = self.pos.saturating_sub(1);
        Err(self.error_toks("expected default value expression", i, i))
    }

    pub(super) fn invalid_param_end(&mut self, _close: TokenKind) -> PResult<()> {
        Ok(())
    }

    /// Checks done before an expression statement in the second pass.
    pub(super) fn invalid_assignment_pre(&mut self, _start: crate::token::Pos) -> PResult<()> {
        Ok(())
    }

    /// invalid_legacy_expression and friends, after an expression statement.
    pub(super) fn invalid_expression_stmt(&mut self, first: &Expr, _first_tok: usize) -> PResult<()> {
        if self.is_legacy_name(first) && super::expr::starts_expr(self.peek()) {
            let cp = self.checkpoint();
            let diag = std::mem::replace(&mut self.diag, false);
            let b = self.star_expressions();
            self.diag = diag;
            if let Ok(b) = b {
                let ExprKind::Name { id, .. } = &first.kind else { return Ok(()) };
                let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
                return Err(self.error_nodes(msg, first, &b));
            }
            self.restore(cp);
        }
        Ok(())
    }

    pub(super) fn invalid_ann_target<T>(&mut self, target: &Expr) -> PResult<T> {
        let msg = match &target.kind {
            ExprKind::Tuple { .. } => "only single target (not tuple) can be annotated".to_owned(),
            ExprKind::List { .. } => "only single target (not list) can be annotated".to_owned(),
            _ => "illegal target for annotation".to_owned(),
        };
        Err(self.error_node(msg, target))
    }

    pub(super) fn invalid_mixed_except<T>(&mut self, is_star: bool) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let i = self.pos;
        let last = if is_star { i + 1 } else { i };
        Err(self.error_toks("cannot have both 'except' and 'except*' on the same 'try'", i, last))
    }

    pub(super) fn invalid_except_head(&mut self, _is_star: bool) -> PResult<()> {
        Ok(())
    }

    pub(super) fn invalid_as_pattern(&mut self) -> PResult<()> {
        if self.at_soft("_") {
            return Err(self.error_here(ErrorKind::SyntaxError, "cannot use '_' as a target"));
        }
        Ok(())
    }

    pub(super) fn invalid_class_pattern<T>(&mut self, _p: &crate::ast::Pattern) -> PResult<T> {
        self.no_match()
    }

    pub(super) fn invalid_mapping_rest<T>(&mut self, _name: &str) -> PResult<T> {
        self.no_match()
    }
}

/// Whether an expression could have come from `bitwise_or` (not a
/// comparison, boolean operation, conditional, lambda or `not`).
fn is_bitwise_or_level(e: &Expr) -> bool {
    !matches!(
        &e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::UnaryOp { op: crate::ast::UnaryOp::Not, .. }
    )
}
