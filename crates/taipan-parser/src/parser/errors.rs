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
    let last = p.max_pos;
    if let (Some(at), Some(err)) = (p.lex_error_at, &lexed.error) {
        if last >= at {
            return Err(p.fix_error(err.clone()));
        }
    }
    if let Fail::Error(err) = fail {
        return Err(p.fix_error(rest_of_source(p, *err, last, lexed)));
    }
    p.diag = true;
    p.memo = Some(Default::default());
    p.max_pos = 0;
    let second = p.run(second);
    if let (Some(at), Some(err)) = (p.lex_error_at, &lexed.error) {
        if p.max_pos >= at {
            return Err(p.fix_error(err.clone()));
        }
    }
    let fetched = last.max(p.max_pos);
    let err = match second {
        Err(Fail::Error(err)) => *err,
        _ if matches!(p.toks[last].kind, TokenKind::Indent | TokenKind::Dedent) => {
            // CPython returns before looking at the rest of the source.
            return Err(p.fix_error(generic_error(p, last)));
        }
        _ => generic_error(p, last),
    };
    Err(p.fix_error(rest_of_source(p, err, fetched, lexed)))
}

/// CPython's `_PyPegen_tokenize_full_source_to_check_for_errors`: after a
/// parser error, a tokenizer error further on replaces it, and so does a
/// bracket left open at the end if the error is on a later line than the
/// bracket (`fetched` is the last token the parser looked at).
fn rest_of_source(p: &Parser<'_>, err: SyntaxError, fetched: usize, lexed: &Lexed) -> SyntaxError {
    let Some(lex_err) = &lexed.error else { return err };
    // These tokenizer errors set no exception in CPython until the parser
    // itself reaches them, so they never replace a parser error.
    let quiet = [
        "unexpected character after line continuation character",
        "unindent does not match any outer indentation level",
        "inconsistent use of tabs and spaces in indentation",
        "too many levels of indentation",
        "unexpected EOF while parsing",
    ];
    if quiet.contains(&lex_err.msg.as_str()) {
        // CPython's scan stops there; a bracket still open on an earlier
        // line than the error is reported as never closed.
        if let Some(open) = lexed.unclosed.last() {
            if p.toks[fetched].start.line > open.start.line {
                let spelling = open.kind.spelling().unwrap_or("(");
                let msg = format!("'{spelling}' was never closed");
                let mut e = p.make_error(ErrorKind::SyntaxError, msg, open.start, open.start);
                e.end_offset = 0;
                return e;
            }
        }
        return err;
    }
    let eof_in_bracket = lex_err.msg.ends_with("was never closed");
    let bracket_line = lexed.unclosed.last().map_or(0, |t| t.start.line);
    if !eof_in_bracket || p.toks[fetched].start.line > bracket_line {
        return lex_err.clone();
    }
    err
}

/// "invalid syntax" (or an unexpected indent) at token `last`.
fn generic_error(p: &Parser<'_>, last: usize) -> SyntaxError {
    let tok = p.toks[last];
    let (kind, msg) = match tok.kind {
        TokenKind::Indent => (ErrorKind::IndentationError, "unexpected indent"),
        TokenKind::Dedent => (ErrorKind::IndentationError, "unexpected unindent"),
        TokenKind::EndMarker => {
            // RAISE_SYNTAX_ERROR_KNOWN_LOCATION on a token with column -1.
            let line = tok.start.line as i32;
            let text = crate::error::source_line(p.src, tok.start.line).to_owned() + "\n";
            let (at, end) = ((line, 0), (line, 0));
            return SyntaxError::with_fields(ErrorKind::SyntaxError, "invalid syntax", at, end, Some(text));
        }
        _ => (ErrorKind::SyntaxError, "invalid syntax"),
    };
    p.error_at_tok(kind, msg, last)
}

impl Parser<'_> {
    /// In an f-string replacement field, CPython reports lines relative to
    /// the source but columns relative to the field's text.
    fn fix_error(&self, mut err: SyntaxError) -> SyntaxError {
        if self.foreign_error {
            return err;
        }
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
        Fail::Error(Box::new(self.error_at_tok(kind, msg, self.pos)))
    }

    /// An error at token `i`, as CPython's `_PyPegen_raise_error` places it:
    /// INDENT, DEDENT and ENDMARKER have no columns of their own, so the
    /// offset is where the tokenizer stood and there is no end offset.
    pub(super) fn error_at_tok(&self, kind: ErrorKind, msg: impl Into<String>, i: usize) -> SyntaxError {
        let tok = self.toks[i];
        if matches!(tok.kind, TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker) {
            let line = tok.start.line as i32;
            let text = crate::error::source_line(self.src, tok.start.line).to_owned() + "\n";
            let text_line = crate::error::source_line(self.src, tok.start.line);
            let past = (tok.start.col as usize).saturating_sub(text_line.len()) as i32;
            let col = if self.byte_offsets {
                tok.start.col as i32
            } else {
                crate::error::char_offset(text_line, tok.start.col) + past
            };
            return SyntaxError::with_fields(kind, msg, (line, col), (line, -1), Some(text));
        }
        self.make_error(kind, msg, tok.start, tok.end)
    }

    /// CPython's `RAISE_SYNTAX_ERROR_STARTING_FROM`: from `start` (raw) to
    /// the end of the last token consumed.
    pub(super) fn error_starting_from(&self, msg: impl Into<String>, start: crate::token::Pos) -> Fail {
        let end = self.toks[self.pos.saturating_sub(1)].end;
        self.error_range(ErrorKind::SyntaxError, msg, start, end)
    }

    /// Fails with nothing matched.
    pub(super) fn no_match<T>(&self) -> PResult<T> {
        Err(Fail::NoMatch)
    }
}

/// A sub-parse inside a diagnostic: no match is `None`, errors propagate.
pub(super) fn opt<T>(r: PResult<T>) -> PResult<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Fail::NoMatch) => Ok(None),
        Err(e) => Err(e),
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
            let cp = self.checkpoint();
            self.bump();
            if opt(self.expression())?.is_some() {
                let msg = format!("cannot use assignment expressions with {}", expr_name(&e));
                return Err(self.error_node(msg, &e));
            }
            self.restore(cp);
        }
        if self.at(TokenKind::Equal) {
            let cp = self.checkpoint();
            let end_pos = self.pos;
            let simple_name = end_pos == start_pos + 1 && self.toks[start_pos].kind == TokenKind::Name;
            let excluded = self.starts_with_display(start_pos)?;
            let bitwise = is_bitwise_or_level(&e);
            self.bump();
            if let Some(rhs) = opt(self.bitwise_or())? {
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
        let Some(b) = opt(b)? else {
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
    pub(super) fn token_index_at(&self, pos: crate::token::Pos) -> Option<usize> {
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
        let (_, end) = self.raw_range(key.range.start, key.range.end);
        let at = crate::token::Pos::new(end.line, end.col.saturating_sub(1));
        let mut err = self.make_error(ErrorKind::SyntaxError, "':' expected after dictionary key", at, end);
        err.end_offset = 0;
        Err(Fail::Error(Box::new(err)))
    }

    /// `star_targets 'in'` after a `for`; where that fails the second pass
    /// tries invalid_for_target: ASYNC? 'for' star_expressions
    pub(super) fn for_target_in(&mut self) -> PResult<Expr> {
        let cp = self.checkpoint();
        let r = self.star_targets().and_then(|t| self.expect(TokenKind::In).map(|_| t));
        match r {
            Err(Fail::NoMatch) if self.diag && !self.in_target_reparse => {
                self.restore(cp);
                // Nested `for` targets inside do not re-parse again (CPython's
                // memo spares it that; without it this would be exponential).
                self.in_target_reparse = true;
                let e = self.star_expressions();
                self.in_target_reparse = false;
                if let Some(e) = opt(e)? {
                    if let Some(bad) = super::target::invalid_target(&e, super::target::Targets::For) {
                        return Err(self.error_node(format!("cannot assign to {}", expr_name(bad)), bad));
                    }
                }
                self.restore(cp);
                self.no_match()
            }
            r => r,
        }
    }

    /// invalid_arguments: a generator expression that is not the sole argument.
    pub(super) fn invalid_genexp_arg<T>(
        &mut self,
        e: &Expr,
        generators: &[crate::ast::Comprehension],
    ) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        if self.at(TokenKind::Comma) {
            // CPython goes on to try `args` after the comma.
            self.peek2();
        }
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
        if matches!(e.kind, ExprKind::NamedExpr { .. }) {
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

    /// CPython's `_PyPegen_arguments_parsing_error`: raised at the last
    /// token fetched, which is where the argument list stops.
    pub(super) fn positional_after_keyword<T>(&mut self, _e: &Expr, unpacking: bool) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let msg = if unpacking {
            "positional argument follows keyword argument unpacking"
        } else {
            "positional argument follows keyword argument"
        };
        while self.eat(TokenKind::Comma) {
            if self.at(TokenKind::RPar) {
                break;
            }
            let k = self.peek();
            if k == TokenKind::Star || k == TokenKind::DoubleStar {
                self.bump();
            } else if k == TokenKind::Name && self.peek2() == TokenKind::Equal {
                self.bump();
                self.bump();
            }
            if opt(self.expression())?.is_none() {
                break;
            }
        }
        Err(self.error_here(ErrorKind::SyntaxError, msg))
    }

    pub(super) fn invalid_param_after_kwds<T>(&mut self) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        Err(self.error_here(ErrorKind::SyntaxError, "arguments cannot follow var-keyword argument"))
    }

    /// invalid_parameters: the misplaced-'/' alternatives.
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
        } else if self.peek2() == TokenKind::Comma {
            "at least one argument must precede /"
        } else {
            return self.no_match();
        };
        Err(self.error_here(ErrorKind::SyntaxError, msg))
    }

    /// invalid_star_etc: '*' … a='*' (param_no_default | ',')
    /// param_no_default: param ',' TYPE_COMMENT? | param TYPE_COMMENT? &')'
    /// (lambda_param_no_default: lambda_param ',' | lambda_param &':')
    pub(super) fn invalid_star<T>(&mut self, close: TokenKind, annotated: bool) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let cp = self.checkpoint();
        self.bump();
        let mut matched = self.at(TokenKind::Comma);
        if self.eat(TokenKind::Name) {
            let mut param = true;
            if annotated && self.eat(TokenKind::Colon) {
                param = opt(self.expression())?.is_some();
            }
            if annotated && self.at(TokenKind::TypeComment) && self.peek2() == close {
                self.bump();
            }
            matched = param && (self.at(TokenKind::Comma) || self.at(close));
        }
        self.restore(cp);
        if !matched {
            return self.no_match();
        }
        Err(self.error_here(ErrorKind::SyntaxError, "* argument may appear only once"))
    }

    /// invalid_star_etc: '*' (')' | ',' (')' | '**')) — at the '*' for a
    /// `def`; a lambda's version is raised at the last token fetched.
    pub(super) fn invalid_bare_star<T>(&mut self, def: bool) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let msg = "named arguments must follow bare *";
        if !def {
            return Err(self.error_here(ErrorKind::SyntaxError, msg));
        }
        let mut i = self.pos;
        while i > 0 && self.toks[i].kind != TokenKind::Star {
            i -= 1;
        }
        Err(self.error_toks(msg, i, i))
    }

    pub(super) fn invalid_bare_star_end<T>(&mut self, close: TokenKind, def: bool) -> PResult<T> {
        if self.diag && self.at(close) {
            return self.invalid_bare_star(def);
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

    /// invalid_parameters: param_no_default* '(' param_no_default+ ','? ')'
    pub(super) fn invalid_parameter_token(&mut self, close: TokenKind) -> PResult<()> {
        if !self.at(TokenKind::LPar) {
            return Ok(());
        }
        let cp = self.checkpoint();
        let open = self.pos;
        self.bump();
        let mut n = 0;
        while self.at(TokenKind::Name) {
            self.bump();
            if close == TokenKind::RPar && self.eat(TokenKind::Colon) && opt(self.expression())?.is_none() {
                break;
            }
            n += 1;
            if !self.eat(TokenKind::Comma) {
                break;
            }
        }
        if n > 0 && self.at(TokenKind::RPar) {
            let msg = if close == TokenKind::RPar {
                "Function parameters cannot be parenthesized"
            } else {
                "Lambda expression parameters cannot be parenthesized"
            };
            return Err(self.error_toks(msg, open, self.pos));
        }
        self.restore(cp);
        Ok(())
    }

    /// invalid_parameters: param_no_default* invalid_parameters_helper param_no_default
    pub(super) fn invalid_default_order<T>(&mut self, arg: &crate::ast::Arg) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let (start, end) = self.raw_range(arg.range.start, arg.range.end);
        let msg = "non-default argument follows default argument";
        Err(self.error_range(ErrorKind::SyntaxError, msg, start, end))
    }

    pub(super) fn invalid_default<T>(&mut self) -> PResult<T> {
        let i = self.pos.saturating_sub(1);
        Err(self.error_toks("expected default value expression", i, i))
    }

    pub(super) fn invalid_param_end(&mut self, _close: TokenKind) -> PResult<()> {
        Ok(())
    }

    /// invalid_assignment:
    ///     | invalid_ann_assign_target ':' expression
    ///     | star_named_expression ',' star_named_expressions* ':' expression
    ///     | expression ':' expression
    ///     | (star_targets '=')* star_expressions '='
    ///     | (star_targets '=')* yield_expr '='
    ///     | star_expressions augassign (yield_expr | star_expressions)
    /// Tried (second pass) where an expression statement failed to parse;
    /// the cursor is restored unless an error is raised.
    pub(super) fn invalid_assignment(&mut self) -> PResult<()> {
        let cp = self.checkpoint();
        let r = self.invalid_assignment_alts();
        self.restore(cp);
        match r {
            Err(Fail::Error(e)) => Err(Fail::Error(e)),
            _ => Ok(()),
        }
    }

    fn invalid_assignment_alts(&mut self) -> PResult<()> {
        let cp = self.checkpoint();
        // invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
        if matches!(self.peek(), TokenKind::LPar | TokenKind::LSqb) {
            if let Some(a) = opt(self.atom())? {
                let name = match a.kind {
                    ExprKind::List { .. } => Some("list"),
                    ExprKind::Tuple { .. } => Some("tuple"),
                    _ => None,
                };
                if let Some(name) = name {
                    if self.eat(TokenKind::Colon) && opt(self.expression())?.is_some() {
                        let msg = format!("only single target (not {name}) can be annotated");
                        return Err(self.error_node(msg, &a));
                    }
                }
            }
            self.restore(cp);
        }
        if let Some(a) = opt(self.star_named_expression())? {
            if self.at(TokenKind::Comma) {
                while self.eat(TokenKind::Comma) {
                    if opt(self.star_named_expression())?.is_none() {
                        break;
                    }
                }
                if self.eat(TokenKind::Colon) && opt(self.expression())?.is_some() {
                    return Err(self.error_node("only single target (not tuple) can be annotated", &a));
                }
            }
        }
        self.restore(cp);
        if let Some(a) = opt(self.expression())? {
            if self.eat(TokenKind::Colon) && opt(self.expression())?.is_some() {
                return Err(self.error_node("illegal target for annotation", &a));
            }
        }
        self.restore(cp);
        loop {
            let bare_yield = self.at(TokenKind::Yield);
            let a = if bare_yield { self.yield_expr() } else { self.star_expressions() };
            let Some(a) = opt(a)? else { break };
            if !self.eat(TokenKind::Equal) {
                break;
            }
            if bare_yield {
                return Err(self.error_node("assignment to yield expression not possible", &a));
            }
            if let Some(bad) = super::target::invalid_target(&a, super::target::Targets::Star) {
                return Err(self.error_node(format!("cannot assign to {}", expr_name(bad)), bad));
            }
        }
        self.restore(cp);
        if let Some(a) = opt(self.star_expressions())? {
            if super::stmt::is_augassign(self.peek()) {
                self.bump();
                let rhs = if self.at(TokenKind::Yield) { self.yield_expr() } else { self.star_expressions() };
                if opt(rhs)?.is_some() {
                    let msg =
                        format!("'{}' is an illegal expression for augmented assignment", expr_name(&a));
                    return Err(self.error_node(msg, &a));
                }
            }
        }
        Ok(())
    }

    /// invalid_legacy_expression: NAME !'(' star_expressions, for `print`
    /// and `exec` used as statements.
    pub(super) fn invalid_legacy_expression(&mut self, a: &Expr) -> PResult<()> {
        let ExprKind::Name { id, .. } = &a.kind else { return Ok(()) };
        let single_token =
            self.pos > 0 && self.toks[self.pos - 1].start == self.raw_range(a.range.start, a.range.end).0;
        let k = self.peek();
        if !single_token || k == TokenKind::LPar || !(super::expr::starts_expr(k) || k == TokenKind::Star) {
            return Ok(());
        }
        let cp = self.checkpoint();
        // CPython parses the operand whatever the name (which can reach a
        // tokenizer error, or raise a diagnostic inside it).
        let legacy = self.is_legacy_name(a);
        let b = opt(self.star_expressions())?;
        if let (Some(b), true) = (b, legacy) {
            let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
            return Err(self.error_nodes(msg, a, &b));
        }
        self.restore(cp);
        Ok(())
    }

    pub(super) fn invalid_mixed_except<T>(&mut self, is_star: bool) -> PResult<T> {
        if !self.diag {
            return self.no_match();
        }
        let i = self.pos;
        let last = if is_star { i + 1 } else { i };
        Err(self.error_toks("cannot have both 'except' and 'except*' on the same 'try'", i, last))
    }

    /// invalid_except_stmt / invalid_except_star_stmt:
    ///     | 'except' '*'? expression ',' expressions ['as' NAME ] ':'
    ///     | 'except' '*' (NEWLINE | ':')
    pub(super) fn invalid_except_head(&mut self, is_star: bool) -> PResult<()> {
        if is_star && matches!(self.peek(), TokenKind::Colon | TokenKind::Newline) {
            return Err(self.error_here(ErrorKind::SyntaxError, "expected one or more exception types"));
        }
        let cp = self.checkpoint();
        let start = self.tok().start;
        if opt(self.expression())?.is_some()
            && self.eat(TokenKind::Comma)
            && opt(self.expressions())?.is_some()
        {
            if self.eat(TokenKind::As) && !self.eat(TokenKind::Name) {
                self.restore(cp);
                return Ok(());
            }
            if self.at(TokenKind::Colon) {
                return Err(self.error_starting_from("multiple exception types must be parenthesized", start));
            }
        }
        self.restore(cp);
        Ok(())
    }

    /// invalid_as_pattern:
    ///     | or_pattern 'as' "_"
    ///     | or_pattern 'as' !NAME expression
    pub(super) fn invalid_as_pattern(&mut self) -> PResult<()> {
        if self.at_soft("_") {
            return Err(self.error_here(ErrorKind::SyntaxError, "cannot use '_' as a target"));
        }
        if !self.at(TokenKind::Name) {
            if let Some(e) = opt(self.expression())? {
                return Err(self.error_node("invalid pattern target", &e));
            }
        }
        Ok(())
    }

    /// invalid_with_item: expression 'as' expression &(',' | ')' | ':')
    pub(super) fn invalid_with_item(&mut self) -> PResult<()> {
        if let Some(e) = opt(self.expression())? {
            if matches!(self.peek(), TokenKind::Comma | TokenKind::RPar | TokenKind::Colon) {
                if let Some(bad) = super::target::invalid_target(&e, super::target::Targets::Star) {
                    return Err(self.error_node(format!("cannot assign to {}", expr_name(bad)), bad));
                }
            }
        }
        Ok(())
    }

    /// invalid_class_argument_pattern:
    ///     [positional_patterns ','] keyword_patterns ',' positional_patterns
    pub(super) fn invalid_class_pattern<T>(&mut self, first: crate::ast::Pattern) -> PResult<T> {
        let mut last = first.range.end;
        while self.at(TokenKind::Comma) && !(self.peek2() == TokenKind::Equal) {
            let cp = self.checkpoint();
            self.bump();
            if self.at(TokenKind::Name) && self.peek2() == TokenKind::Equal {
                self.restore(cp);
                break;
            }
            match opt(self.pattern())? {
                Some(p) => last = p.range.end,
                None => {
                    self.restore(cp);
                    break;
                }
            }
        }
        let (start, _) = self.raw_range(first.range.start, first.range.start);
        let (_, end) = self.raw_range(last, last);
        let msg = "positional patterns follow keyword patterns";
        Err(self.error_range(ErrorKind::SyntaxError, msg, start, end))
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

impl Parser<'_> {
    /// invalid_group: '(' '**' expression ')'
    pub(super) fn invalid_double_starred_group(&mut self) -> PResult<()> {
        let cp = self.checkpoint();
        let star = self.pos;
        self.bump();
        if opt(self.expression())?.is_some() && self.at(TokenKind::RPar) {
            return Err(self.error_toks("cannot use double starred expression here", star, star));
        }
        self.restore(cp);
        Ok(())
    }
}

impl Parser<'_> {
    /// `&(list | tuple | genexp | 'True' | 'None' | 'False')` at token `i`.
    fn starts_with_display(&mut self, i: usize) -> PResult<bool> {
        match self.toks[i].kind {
            TokenKind::True | TokenKind::None | TokenKind::False => return Ok(true),
            TokenKind::LSqb | TokenKind::LPar => {}
            _ => return Ok(false),
        }
        let cp = self.checkpoint();
        self.pos = i;
        let diag = std::mem::replace(&mut self.diag, false);
        let atom = self.atom();
        self.diag = diag;
        self.restore(cp);
        Ok(match opt(atom)? {
            Some(e) => {
                let (start, _) = self.raw_range(e.range.start, e.range.end);
                start == self.toks[i].start
                    && matches!(
                        e.kind,
                        ExprKind::List { .. } | ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. }
                    )
            }
            None => false,
        })
    }
}

impl Parser<'_> {
    /// invalid_legacy_expression: NAME !'(' star_expressions, tried before
    /// the expression itself, for `print`/`exec` (only they can raise).
    pub(super) fn invalid_legacy_call(&mut self) -> PResult<()> {
        let name = self.text(self.tok());
        if name != "print" && name != "exec" {
            return Ok(());
        }
        let cp = self.checkpoint();
        let a = self.name(crate::ast::ExprContext::Load);
        let b = opt(self.star_expressions())?;
        self.restore(cp);
        if let Some(b) = b {
            let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
            return Err(self.error_nodes(msg, &a, &b));
        }
        Ok(())
    }
}
