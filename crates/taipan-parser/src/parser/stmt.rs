//! Statements: simple statements (assignments in all their forms, imports,
//! `del`, `return`, `raise`, `global`…) and compound ones (`if`, `while`,
//! `for`, `with`, `try`/`except*`, `def`, `class`, decorators, `async`),
//! blocks, and the interactive-mode entry. `match` is in `pattern.rs`.
//! A statement's range runs from its first token to the last one that is
//! not NEWLINE/INDENT/DEDENT (decorators are not part of it).

use super::expr::starts_expr;
use super::{push_grown, Fail, PResult, Parser};
use crate::ast::{
    Alias, ExceptHandler, ExceptHandlerKind, Expr, ExprContext, ExprKind, Identifier, Operator, Range, Stmt,
    StmtKind, WithItem,
};
use crate::error::ErrorKind;
use crate::lexer::normalize_identifier;
use crate::token::{Pos, TokenKind as T};

/// Whether a token can start an `atom`.
pub(super) fn starts_atom(kind: T) -> bool {
    matches!(
        kind,
        T::Name
            | T::Number
            | T::String
            | T::LPar
            | T::LSqb
            | T::LBrace
            | T::None
            | T::True
            | T::False
            | T::Ellipsis
    )
}

/// Whether a token can start a compound statement (a NAME can be `match`).
fn starts_compound(kind: T) -> bool {
    matches!(
        kind,
        T::Def | T::At | T::If | T::Class | T::With | T::For | T::Try | T::While | T::Async | T::Name
    )
}

fn stmt(kind: StmtKind, range: Range) -> Stmt {
    Stmt::new(kind, range)
}

/// What a block belongs to, for "expected an indented block after …".
#[derive(Clone, Copy)]
pub(super) struct BlockOf {
    pub what: &'static str,
    pub line: u32,
}

pub(super) fn is_augassign(kind: T) -> bool {
    augassign_op(kind).is_some()
}

fn augassign_op(kind: T) -> Option<Operator> {
    Some(match kind {
        T::PlusEqual => Operator::Add,
        T::MinEqual => Operator::Sub,
        T::StarEqual => Operator::Mult,
        T::AtEqual => Operator::MatMult,
        T::SlashEqual => Operator::Div,
        T::PercentEqual => Operator::Mod,
        T::AmperEqual => Operator::BitAnd,
        T::VBarEqual => Operator::BitOr,
        T::CircumflexEqual => Operator::BitXor,
        T::LeftShiftEqual => Operator::LShift,
        T::RightShiftEqual => Operator::RShift,
        T::DoubleStarEqual => Operator::Pow,
        T::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl Parser<'_> {
    /// statements: statement+ (up to `end`, not consumed)
    pub(super) fn statements_until(&mut self, end: T) -> PResult<Vec<Stmt>> {
        // Room for a few statements at once (growing from empty would take
        // the slower path of `Vec` growth for the first).
        let mut body = if self.at(end) { Vec::new() } else { Vec::with_capacity(4) };
        while !self.at(end) {
            if self.depth == 0 {
                self.nest_start = self.pos;
            }
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    /// statement: compound_stmt | simple_stmts
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        if !starts_compound(self.peek()) {
            return self.simple_stmts(out);
        }
        if let Some(s) = self.compound_stmt()? {
            out.push(s);
            return Ok(());
        }
        self.simple_stmts(out)
    }

    /// statement_newline:
    ///     | compound_stmt NEWLINE
    ///     | simple_stmts
    ///     | NEWLINE
    ///     | ENDMARKER
    pub(super) fn statement_newline(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.at(T::Newline) {
            let i = self.pos;
            self.bump();
            body.push(stmt(StmtKind::Pass {}, self.tok_range(i)));
        } else if self.at(T::EndMarker) {
            return self.no_match();
        } else if let Some(s) = self.compound_stmt()? {
            body.push(s);
            self.expect(T::Newline)?;
        } else {
            self.simple_stmts(&mut body)?;
        }
        if self.toks[self.pos..].iter().any(|t| !matches!(t.kind, T::Newline | T::EndMarker | T::Dedent)) {
            let tok = self.toks[self.pos.saturating_sub(1)];
            let msg = "multiple statements found while compiling a single statement";
            return Err(self.error_range(ErrorKind::SyntaxError, msg, tok.start, tok.start));
        }
        Ok(body)
    }

    /// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            self.simple_stmt(out)?;
            if !self.eat(T::Semi) || self.at(T::Newline) {
                break;
            }
        }
        self.expect(T::Newline)?;
        Ok(())
    }

    /// simple_stmt:
    ///     | assignment | star_expressions | return_stmt | import_stmt
    ///     | raise_stmt | 'pass' | del_stmt | yield_stmt | assert_stmt
    ///     | 'break' | 'continue' | global_stmt | nonlocal_stmt
    ///
    /// The statement is pushed on `out` (rather than returned: a `Stmt` is
    /// large, and is then moved once less).
    fn simple_stmt(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let start = self.start();
        let kind = match self.peek() {
            T::Pass => self.keyword_stmt(StmtKind::Pass {}),
            T::Break => self.keyword_stmt(StmtKind::Break {}),
            T::Continue => self.keyword_stmt(StmtKind::Continue {}),
            T::Return => self.return_stmt()?,
            T::Raise => self.raise_stmt()?,
            T::Global | T::Nonlocal => self.global_stmt()?,
            T::Del => self.del_stmt()?,
            T::Assert => self.assert_stmt()?,
            T::Import => self.import_name()?,
            T::From => self.import_from()?,
            _ => self.expression_stmt()?,
        };
        out.push(stmt(kind, self.range_from(start)));
        Ok(())
    }

    fn keyword_stmt(&mut self, kind: StmtKind) -> StmtKind {
        self.bump();
        kind
    }

    /// return_stmt: 'return' [star_expressions]
    fn return_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        let k = self.peek();
        let value =
            if starts_expr(k) || k == T::Star { Some(Box::new(self.star_expressions()?)) } else { None };
        Ok(StmtKind::Return { value })
    }

    /// raise_stmt: 'raise' expression ['from' expression] | 'raise'
    fn raise_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        if !starts_expr(self.peek()) {
            return Ok(StmtKind::Raise { exc: None, cause: None });
        }
        let exc = Some(Box::new(self.expression()?));
        let cause = if self.eat(T::From) { Some(Box::new(self.expression()?)) } else { None };
        Ok(StmtKind::Raise { exc, cause })
    }

    /// global_stmt: 'global' ','.NAME+
    /// nonlocal_stmt: 'nonlocal' ','.NAME+
    fn global_stmt(&mut self) -> PResult<StmtKind> {
        let global = self.bump().kind == T::Global;
        let mut names = Vec::new();
        loop {
            let tok = self.expect(T::Name)?;
            push_grown(&mut names, self.identifier(tok));
            if !self.eat(T::Comma) {
                break;
            }
        }
        Ok(if global { StmtKind::Global { names } } else { StmtKind::Nonlocal { names } })
    }

    /// del_stmt: 'del' del_targets &(';' | NEWLINE)
    /// del_targets: ','.del_target+ [',']
    fn del_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        let cp = self.checkpoint();
        let r = self.del_targets();
        if self.diag && matches!(r, Err(Fail::NoMatch)) {
            // invalid_del_stmt: 'del' star_expressions
            self.restore(cp);
            if let Some(e) = super::errors::opt(self.star_expressions())? {
                if super::target::invalid_target(&e, super::target::Targets::Del).is_some() {
                    return self.invalid_target_error(&e, true);
                }
            }
        }
        r
    }

    /// del_targets: ','.del_target+ [','] &(';' | NEWLINE)
    /// del_target: t_primary '.' NAME | t_primary '[' slices ']' | del_t_atom
    fn del_targets(&mut self) -> PResult<StmtKind> {
        let mut targets = Vec::new();
        loop {
            // Both forms start with an atom and stop after its trailers.
            if !starts_atom(self.peek()) {
                return self.no_match();
            }
            let e = self.primary()?;
            match super::target::with_ctx(e, ExprContext::Del) {
                Some(t) => targets.push(t),
                None => return self.no_match(),
            }
            if !self.eat(T::Comma) || !starts_atom(self.peek()) {
                break;
            }
        }
        if !matches!(self.peek(), T::Semi | T::Newline) {
            return self.no_match();
        }
        Ok(StmtKind::Delete { targets })
    }

    /// assert_stmt: 'assert' expression [',' expression]
    fn assert_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        let test = Box::new(self.expression()?);
        let msg = if self.eat(T::Comma) { Some(Box::new(self.expression()?)) } else { None };
        Ok(StmtKind::Assert { test, msg })
    }

    /// import_name: 'import' dotted_as_names
    /// dotted_as_names: ','.dotted_as_name+
    fn import_name(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let start = self.start();
            let name = self.dotted_name()?;
            let asname = self.as_name()?;
            push_grown(&mut names, Alias { name, asname, range: self.range_from(start) });
            if !self.eat(T::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import { names })
    }

    /// dotted_name: dotted_name '.' NAME | NAME
    fn dotted_name(&mut self) -> PResult<Identifier> {
        let tok = self.expect(T::Name)?;
        let mut name = self.identifier(tok);
        while self.at(T::Dot) && self.peek2() == T::Name {
            self.bump();
            let tok = self.bump();
            name.push('.');
            name.push_str(&normalize_identifier(self.text(tok)));
        }
        Ok(name)
    }

    /// ['as' NAME]
    fn as_name(&mut self) -> PResult<Option<Identifier>> {
        if !self.eat(T::As) {
            return Ok(None);
        }
        let tok = self.expect(T::Name)?;
        Ok(Some(self.identifier(tok)))
    }

    /// import_from:
    ///     | 'from' ('.' | '...')* dotted_name 'import' import_from_targets
    ///     | 'from' ('.' | '...')+ 'import' import_from_targets
    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut level = 0;
        loop {
            match self.peek() {
                T::Dot => level += 1,
                T::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if self.at(T::Name) { Some(self.dotted_name()?) } else { None };
        if module.is_none() && level == 0 {
            return self.no_match();
        }
        self.expect(T::Import)?;
        let names = self.import_from_targets()?;
        Ok(StmtKind::ImportFrom { module, names, level })
    }

    /// import_from_targets:
    ///     | '(' import_from_as_names [','] ')'
    ///     | import_from_as_names !','
    ///     | '*'
    fn import_from_targets(&mut self) -> PResult<Vec<Alias>> {
        if self.at(T::Star) {
            let i = self.pos;
            self.bump();
            return Ok(vec![Alias { name: "*".into(), asname: None, range: self.tok_range(i) }]);
        }
        let parens = self.eat(T::LPar);
        let mut names = Vec::new();
        loop {
            let start = self.start();
            let tok = self.expect(T::Name)?;
            let name = self.identifier(tok);
            let asname = self.as_name()?;
            push_grown(&mut names, Alias { name, asname, range: self.range_from(start) });
            if !self.at(T::Comma) {
                break;
            }
            self.bump();
            if parens && self.at(T::RPar) {
                break;
            }
            if !parens && !self.at(T::Name) {
                if self.diag && self.at(T::Newline) {
                    let msg = "trailing comma not allowed without surrounding parentheses";
                    return Err(self.error_here(ErrorKind::SyntaxError, msg));
                }
                return self.no_match();
            }
        }
        if parens {
            self.expect(T::RPar)?;
        }
        Ok(names)
    }

    /// The statements that start with an expression:
    /// assignment:
    ///     | NAME ':' expression ['=' annotated_rhs]
    ///     | ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
    ///     | (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
    ///     | single_target augassign ~ (yield_expr | star_expressions)
    /// star_expressions (an expression statement) | yield_stmt
    fn expression_stmt(&mut self) -> PResult<StmtKind> {
        let cp = self.checkpoint();
        let result = self.expression_stmt_inner();
        // CPython tries invalid_assignment whenever the statement is not a
        // valid assignment, before the expression-statement alternative.
        let assignment = matches!(
            &result,
            Ok(StmtKind::Assign { .. } | StmtKind::AugAssign { .. } | StmtKind::AnnAssign { .. })
        );
        if self.diag && !assignment && !matches!(result, Err(Fail::Error(_))) {
            let end = self.checkpoint();
            self.restore(cp);
            self.invalid_assignment()?;
            self.restore(end);
        }
        result
    }

    fn expression_stmt_inner(&mut self) -> PResult<StmtKind> {
        let start = self.start();
        let first = self.rhs()?;
        Ok(match self.peek() {
            T::Equal => self.assign(first)?,
            T::Colon => self.ann_assign(first, start)?,
            k => match augassign_op(k) {
                Some(op) => self.aug_assign(first, op)?,
                None => StmtKind::Expr { value: Box::new(first) },
            },
        })
    }

    /// annotated_rhs: yield_expr | star_expressions
    fn rhs(&mut self) -> PResult<Expr> {
        if self.at(T::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
    fn assign(&mut self, first: Expr) -> PResult<StmtKind> {
        let mut targets = Vec::with_capacity(1);
        let mut current = first;
        while self.at(T::Equal) {
            // Each target is checked before the parser looks further, as
            // CPython's `(star_targets '=')+` does.
            if matches!(current.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
                return self.no_match();
            }
            match super::target::with_ctx(current, ExprContext::Store) {
                Some(t) => targets.push(t),
                None => return self.no_match(),
            }
            self.bump();
            current = self.rhs()?;
        }
        let value = Box::new(current);
        let type_comment = self.type_comment();
        Ok(StmtKind::Assign { targets, value, type_comment })
    }

    /// [TYPE_COMMENT]
    pub(super) fn type_comment(&mut self) -> Option<String> {
        if self.type_comments && self.at(T::TypeComment) {
            let tok = self.bump();
            return Some(self.text(tok).to_owned());
        }
        None
    }

    /// The annotated assignments: the target must be a single name,
    /// attribute or subscript (`simple` when an unparenthesised name).
    fn ann_assign(&mut self, target: Expr, start: Pos) -> PResult<StmtKind> {
        let simple = match &target.kind {
            ExprKind::Name { .. } => (target.range.start == start) as i32,
            ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => 0,
            _ => return self.no_match(),
        };
        self.bump();
        let annotation = Box::new(self.expression()?);
        let value = if self.eat(T::Equal) { Some(Box::new(self.rhs()?)) } else { None };
        let target = Box::new(self.store(target)?);
        Ok(StmtKind::AnnAssign { target, annotation, value, simple })
    }

    /// single_target augassign ~ (yield_expr | star_expressions)
    fn aug_assign(&mut self, target: Expr, op: Operator) -> PResult<StmtKind> {
        if !matches!(
            target.kind,
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
        ) {
            // invalid_assignment: star_expressions augassign (yield_expr | star_expressions)
            if self.diag {
                let cp = self.checkpoint();
                self.bump();
                let rhs = if self.at(T::Yield) { self.yield_expr() } else { self.star_expressions() };
                let rhs = super::errors::opt(rhs)?;
                self.restore(cp);
                if rhs.is_some() {
                    let msg = format!(
                        "'{}' is an illegal expression for augmented assignment",
                        super::errors::expr_name(&target)
                    );
                    return Err(self.error_node(msg, &target));
                }
            }
            return self.no_match();
        }
        self.bump();
        let value = Box::new(self.rhs()?);
        let target = Box::new(self.store(target)?);
        Ok(StmtKind::AugAssign { target, op, value })
    }

    // ----- compound statements -----

    /// compound_stmt:
    ///     | function_def | if_stmt | class_def | with_stmt | for_stmt
    ///     | try_stmt | while_stmt | match_stmt
    /// `None` when the statement is not a compound one.
    fn compound_stmt(&mut self) -> PResult<Option<Stmt>> {
        let s = match self.peek() {
            T::Def => self.function_def(Vec::new())?,
            T::At => self.decorated()?,
            T::If => self.if_stmt()?,
            T::Class => self.class_def(Vec::new())?,
            T::With => self.with_stmt(false)?,
            T::For => self.for_stmt(false)?,
            T::Try => self.try_stmt()?,
            T::While => self.while_stmt()?,
            T::Async => match self.peek2() {
                T::Def => self.function_def(Vec::new())?,
                T::With => self.with_stmt(true)?,
                T::For => self.for_stmt(true)?,
                _ => return self.no_match(),
            },
            T::Name => return self.match_stmt(),
            _ => return Ok(None),
        };
        Ok(Some(s))
    }

    /// block: NEWLINE INDENT statements DEDENT | simple_stmts
    pub(super) fn block(&mut self, of: BlockOf) -> PResult<Vec<Stmt>> {
        if !self.at(T::Newline) {
            let mut body = Vec::new();
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        self.bump();
        if !self.eat(T::Indent) {
            if self.diag {
                let msg = if of.what.is_empty() {
                    "expected an indented block".to_owned()
                } else {
                    format!("expected an indented block after {} on line {}", of.what, of.line)
                };
                return Err(self.error_here(ErrorKind::IndentationError, msg));
            }
            return self.no_match();
        }
        self.enter()?;
        let body = self.statements_until(T::Dedent)?;
        self.leave();
        self.bump();
        Ok(body)
    }

    /// The ':' that opens a block (a NEWLINE there is "expected ':'").
    pub(super) fn block_colon(&mut self) -> PResult<()> {
        if self.eat(T::Colon) {
            return Ok(());
        }
        if self.diag && self.at(T::Newline) {
            return Err(self.error_here(ErrorKind::SyntaxError, "expected ':'"));
        }
        self.no_match()
    }

    /// &&':' — a forced colon: anything else is "expected ':'" at once.
    fn forced(&mut self, kind: T) -> PResult<()> {
        if self.eat(kind) {
            return Ok(());
        }
        let spelling = kind.spelling().unwrap_or("");
        Err(self.error_here(ErrorKind::SyntaxError, format!("expected '{spelling}'")))
    }

    fn block_of(&self, what: &'static str) -> BlockOf {
        BlockOf { what, line: self.tok_start(self.pos).line }
    }

    /// decorators: ('@' named_expression NEWLINE)+, then a function or class
    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat(T::At) {
            push_grown(&mut decorators, self.named_expression()?);
            self.expect(T::Newline)?;
        }
        match self.peek() {
            T::Class => self.class_def(decorators),
            T::Def => self.function_def(decorators),
            T::Async if self.peek2() == T::Def => self.function_def(decorators),
            _ => self.no_match(),
        }
    }

    /// class_def_raw: 'class' NAME ['(' [arguments] ')'] ':' block
    fn class_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.start();
        let of = self.block_of("class definition");
        self.bump();
        let tok = self.expect(T::Name)?;
        let name = self.identifier(tok);
        let (bases, keywords) = if self.eat(T::LPar) {
            let args = self.call_args(None)?;
            self.expect(T::RPar)?;
            args
        } else {
            (Vec::new(), Vec::new())
        };
        self.block_colon()?;
        let body = self.block(of)?;
        let kind = StmtKind::ClassDef { name, bases, keywords, body, decorator_list };
        Ok(stmt(kind, self.range_from(start)))
    }

    /// function_def_raw:
    ///     | 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
    ///     | ASYNC 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
    fn function_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.start();
        let is_async = self.eat(T::Async);
        let of = self.block_of("function definition");
        self.bump();
        let tok = self.expect(T::Name)?;
        let name = self.identifier(tok);
        self.forced(T::LPar)?;
        let args = Box::new(self.params()?);
        self.expect(T::RPar)?;
        let mut returns = None;
        if self.at(T::RArrow) {
            let cp = self.checkpoint();
            self.bump();
            let r = self.expression();
            returns = self.backtrack(cp, r)?.map(Box::new);
        }
        self.forced(T::Colon)?;
        // invalid_def_raw wants ':' NEWLINE; with a type comment between
        // them only invalid_block's plain message is left.
        let of = if self.type_comments && self.at(T::TypeComment) { BlockOf { what: "", ..of } } else { of };
        let type_comment = self.func_type_comment()?;
        let body = self.block(of)?;
        let kind = if is_async {
            StmtKind::AsyncFunctionDef { name, args, body, decorator_list, returns, type_comment }
        } else {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns, type_comment }
        };
        Ok(stmt(kind, self.range_from(start)))
    }

    /// func_type_comment: NEWLINE TYPE_COMMENT &(NEWLINE INDENT) | TYPE_COMMENT
    /// (invalid_double_type_comments: TYPE_COMMENT NEWLINE TYPE_COMMENT NEWLINE INDENT)
    fn func_type_comment(&mut self) -> PResult<Option<String>> {
        if !self.type_comments {
            return Ok(None);
        }
        if self.diag && self.at(T::TypeComment) {
            let kinds: Vec<T> = self.toks[self.pos..].iter().take(5).map(|t| t.kind).collect();
            if kinds == [T::TypeComment, T::Newline, T::TypeComment, T::Newline, T::Indent] {
                let msg = "Cannot have two type comments on def";
                return Err(Fail::Error(Box::new(self.error_at_tok(
                    ErrorKind::SyntaxError,
                    msg,
                    self.pos + 4,
                ))));
            }
        }
        if self.at(T::Newline) && self.peek2() == T::TypeComment {
            let i = self.pos + 2;
            if self.toks.get(i).map(|t| t.kind) == Some(T::Newline)
                && self.toks.get(i + 1).map(|t| t.kind) == Some(T::Indent)
            {
                self.bump();
                return Ok(self.type_comment());
            }
        }
        Ok(self.type_comment())
    }

    /// if_stmt:
    ///     | 'if' named_expression ':' block elif_stmt
    ///     | 'if' named_expression ':' block [else_block]
    /// elif_stmt: the same with 'elif'
    fn if_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let what = if self.at(T::If) { "'if' statement" } else { "'elif' statement" };
        let of = self.block_of(what);
        self.bump();
        let test = Box::new(self.named_expression()?);
        self.block_colon()?;
        let body = self.block(of)?;
        let orelse = if self.at(T::Elif) {
            self.enter()?;
            let elif = self.if_stmt()?;
            self.leave();
            vec![elif]
        } else {
            self.else_block()?
        };
        Ok(stmt(StmtKind::If { test, body, orelse }, self.range_from(start)))
    }

    /// else_block: 'else' &&':' block
    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at(T::Else) {
            return Ok(Vec::new());
        }
        let of = self.block_of("'else' statement");
        self.bump();
        self.forced(T::Colon)?;
        self.block(of)
    }

    /// while_stmt: 'while' named_expression ':' block [else_block]
    fn while_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let of = self.block_of("'while' statement");
        self.bump();
        let test = Box::new(self.named_expression()?);
        self.block_colon()?;
        let body = self.block(of)?;
        let orelse = self.else_block()?;
        Ok(stmt(StmtKind::While { test, body, orelse }, self.range_from(start)))
    }

    /// for_stmt:
    ///     | 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
    ///     | ASYNC 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
    fn for_stmt(&mut self, is_async: bool) -> PResult<Stmt> {
        let start = self.start();
        if is_async {
            self.bump();
        }
        let of = self.block_of("'for' statement");
        self.bump();
        let target = Box::new(self.for_target_in()?);
        let iter = Box::new(self.star_expressions()?);
        self.block_colon()?;
        let type_comment = self.type_comment();
        let body = self.block(of)?;
        let orelse = self.else_block()?;
        let kind = if is_async {
            StmtKind::AsyncFor { target, iter, body, orelse, type_comment }
        } else {
            StmtKind::For { target, iter, body, orelse, type_comment }
        };
        Ok(stmt(kind, self.range_from(start)))
    }

    /// with_stmt:
    ///     | 'with' '(' ','.with_item+ ','? ')' ':' block
    ///     | 'with' ','.with_item+ ':' [TYPE_COMMENT] block
    ///     | ASYNC 'with' '(' ','.with_item+ ','? ')' ':' block
    ///     | ASYNC 'with' ','.with_item+ ':' [TYPE_COMMENT] block
    fn with_stmt(&mut self, is_async: bool) -> PResult<Stmt> {
        let start = self.start();
        if is_async {
            self.bump();
        }
        let of = self.block_of("'with' statement");
        self.bump();
        let mut items = None;
        if self.at(T::LPar) {
            let cp = self.checkpoint();
            match self.parenthesized_with_items() {
                Ok(found) => items = Some(found),
                Err(super::Fail::NoMatch) => self.restore(cp),
                Err(e) => return Err(e),
            }
        }
        let (items, type_comment) = match items {
            Some(items) => (items, None),
            None => {
                let mut items = vec![self.with_item()?];
                while self.eat(T::Comma) {
                    items.push(self.with_item()?);
                }
                self.block_colon()?;
                (items, self.type_comment())
            }
        };
        let body = self.block(of)?;
        let kind = if is_async {
            StmtKind::AsyncWith { items, body, type_comment }
        } else {
            StmtKind::With { items, body, type_comment }
        };
        Ok(stmt(kind, self.range_from(start)))
    }

    /// '(' ','.with_item+ ','? ')' ':'
    fn parenthesized_with_items(&mut self) -> PResult<Vec<WithItem>> {
        self.bump();
        let mut items = vec![self.with_item()?];
        while self.eat(T::Comma) {
            if self.at(T::RPar) {
                break;
            }
            items.push(self.with_item()?);
        }
        self.expect(T::RPar)?;
        if self.diag && self.at(T::Newline) {
            return Err(self.error_here(ErrorKind::SyntaxError, "expected ':'"));
        }
        self.expect(T::Colon)?;
        Ok(items)
    }

    /// with_item:
    ///     | expression 'as' star_target &(',' | ')' | ':')
    ///     | expression
    fn with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat(T::As) {
            let cp = self.checkpoint();
            let r = self.star_target();
            let target = match r {
                Err(super::Fail::NoMatch) if self.diag => {
                    self.restore(cp);
                    self.invalid_with_item()?;
                    return self.no_match();
                }
                r => r?,
            };
            let newline = self.diag && self.at(T::Newline);
            if !matches!(self.peek(), T::Comma | T::RPar | T::Colon) && !newline {
                if self.diag {
                    self.restore(cp);
                    self.invalid_with_item()?;
                }
                return self.no_match();
            }
            Some(Box::new(target))
        } else {
            None
        };
        Ok(WithItem { context_expr, optional_vars })
    }

    /// try_stmt:
    ///     | 'try' &&':' block finally_block
    ///     | 'try' &&':' block except_block+ [else_block] [finally_block]
    ///     | 'try' &&':' block except_star_block+ [else_block] [finally_block]
    fn try_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let of = self.block_of("'try' statement");
        self.bump();
        self.forced(T::Colon)?;
        let body = self.block(of)?;
        let mut handlers = Vec::new();
        let mut star = None;
        while self.at(T::Except) {
            let is_star = self.peek2() == T::Star;
            if *star.get_or_insert(is_star) != is_star {
                if !self.diag {
                    return self.no_match();
                }
                if self.mixed_except_head(is_star)? {
                    return self.invalid_mixed_except(is_star);
                }
            }
            push_grown(&mut handlers, self.except_block(is_star)?);
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.else_block()? };
        let finalbody = if self.at(T::Finally) {
            let of = self.block_of("'finally' statement");
            self.bump();
            self.forced(T::Colon)?;
            self.block(of)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            if self.diag {
                return Err(self.error_here(ErrorKind::SyntaxError, "expected 'except' or 'finally' block"));
            }
            return self.no_match();
        }
        let kind = if star == Some(true) {
            StmtKind::TryStar { body, handlers, orelse, finalbody }
        } else {
            StmtKind::Try { body, handlers, orelse, finalbody }
        };
        Ok(stmt(kind, self.range_from(start)))
    }

    /// The head invalid_try_stmt needs for its "cannot have both" error:
    ///     | 'except' '*' expression ['as' NAME] ':'   (after except blocks)
    ///     | 'except' [expression ['as' NAME]] ':'     (after except* blocks)
    /// (without its ':', the except block's own diagnostics apply).
    fn mixed_except_head(&mut self, is_star: bool) -> PResult<bool> {
        let cp = self.checkpoint();
        self.bump();
        if is_star {
            self.bump();
        }
        let mut ok = !is_star && self.at(T::Colon);
        if !self.at(T::Colon) {
            let r = self.expression();
            if self.backtrack(cp, r)?.is_some() {
                ok = !self.eat(T::As) || self.eat(T::Name);
                ok &= self.at(T::Colon);
            }
        }
        self.restore(cp);
        Ok(ok)
    }

    /// except_block:
    ///     | 'except' expression ['as' NAME] ':' block
    ///     | 'except' ':' block
    /// except_star_block: 'except' '*' expression ['as' NAME] ':' block
    fn except_block(&mut self, is_star: bool) -> PResult<ExceptHandler> {
        let start = self.start();
        let of = self.block_of(if is_star { "'except*' statement" } else { "'except' statement" });
        self.bump();
        if is_star {
            self.bump();
        }
        let mut r#type = None;
        let mut name = None;
        if !self.at(T::Colon) || is_star {
            if self.diag {
                self.invalid_except_head(is_star)?;
            }
            if !(self.diag && !is_star && self.at(T::Newline)) {
                r#type = Some(Box::new(self.expression()?));
                if self.eat(T::As) {
                    let tok = self.expect(T::Name)?;
                    name = Some(self.identifier(tok));
                }
            }
        }
        self.block_colon()?;
        let body = self.block(of)?;
        let kind = ExceptHandlerKind::ExceptHandler { r#type, name, body };
        Ok(ExceptHandler::new(kind, self.range_from(start)))
    }
}
