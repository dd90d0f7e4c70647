//! The parser: tokens → `ast`, a hand-written recursive-descent parser for
//! CPython 3.11's `Grammar/python.gram`, producing the same tree, with the
//! same positions, as CPython's PEG parser.
//!
//! Like CPython it runs in two passes. The first pass parses with the valid
//! rules only and fails with [`Fail::NoMatch`] at the first token it cannot
//! use. On failure a second pass (`diag` set) parses again with the
//! `invalid_*` diagnostics of the grammar switched on; the first of them that
//! matches raises CPython's specific message. With none matching, the error is
//! a plain "invalid syntax" at the furthest token the first pass looked at
//! (see [`errors`]). Tokenizer errors (`Lexed.error`) are raised when the
//! parser needs the token after the last one the lexer produced.
//!
//! Module layout: this file holds the [`Parser`] (the token cursor, node
//! positions, the recursion guard) and the entry points for the four modes
//! plus f-string replacement fields; `stmt.rs` the statements, `expr.rs` the
//! expressions, `args.rs` parameters and call arguments, `target.rs` the
//! assignment/`del`/`for` targets and their contexts, `pattern.rs` the `match`
//! patterns, and `errors.rs` the diagnostics.

mod args;
mod errors;
mod expr;
mod pattern;
mod stmt;
mod target;

use crate::ast::{Expr, Identifier, Mod, Range, TypeIgnore};
use crate::error::{ErrorKind, SyntaxError};
use crate::lexer::{self, LexOptions};
use crate::token::{Pos, Token, TokenKind};
use crate::{Mode, ParseOptions};

/// How a parsing function fails: no match (the caller may try something
/// else, or the pass fails at the furthest token), or a definite error.
#[derive(Debug)]
pub(crate) enum Fail {
    NoMatch,
    Error(Box<SyntaxError>),
}

pub(crate) type PResult<T> = Result<T, Fail>;

/// The deepest the parser's recursion may go before it gives up (CPython's
/// own parser has a similar bound, `MAXSTACK`); chosen so that the trees it
/// builds stay well within what the rest of the pipeline walks recursively.
const MAX_DEPTH: u32 = 2900;

/// A saved cursor, to backtrack where the grammar needs to look ahead.
#[derive(Clone, Copy)]
struct Checkpoint {
    pos: usize,
    depth: u32,
    levels: i32,
}

pub(crate) struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    /// AST positions of the tokens when they differ from the raw ones
    /// (f-string replacement fields).
    reloc: Option<Vec<(Pos, Pos)>>,
    pos: usize,
    /// The furthest token index looked at: where a generic error points.
    max_pos: usize,
    /// Index of the sentinel `EndMarker` standing for a tokenizer error.
    lex_error_at: Option<usize>,
    depth: u32,
    /// CPython's parser levels minus `depth`, where its rules nest at a
    /// different cost (a conditional 1, `**` 2), to tell which of its
    /// errors over-deep input gets ([`Parser::too_deep`]).
    levels: i32,
    /// The first token of the current top-level statement.
    nest_start: usize,
    /// Second pass: the `invalid_*` diagnostics are on.
    diag: bool,
    type_comments: bool,
    /// Parsing an f-string replacement field (errors get "f-string: ").
    fstring: bool,
    /// Error offsets in UTF-8 bytes rather than characters.
    byte_offsets: bool,
    /// The error came from `literals` (a string or a nested f-string) and
    /// is already in its final form.
    foreign_error: bool,
    /// Second pass only: `disjunction` results by start token, as CPython
    /// memoises them (whether diagnostics were on when first computed).
    memo: Option<std::collections::HashMap<usize, (Option<Expr>, usize)>>,
    /// An undecodable string literal's error, raised by `strings` when it
    /// builds the literal (`source::Deferred`).
    deferred: Option<crate::source::Deferred>,
    /// Inside invalid_for_target's re-parse of a target.
    in_target_reparse: bool,
}

/// Parses `source` in `mode`.
pub fn parse(source: &str, mode: Mode, options: ParseOptions) -> Result<Mod, SyntaxError> {
    parse_decoded(source, mode, options, false)
}

/// Parses source text decoded from bytes; with `byte_offsets` (no BOM and
/// no coding declaration, see `source::Decoded`) error offsets count UTF-8
/// bytes, as CPython's do when it compiles such bytes.
pub fn parse_decoded(
    source: &str,
    mode: Mode,
    options: ParseOptions,
    byte_offsets: bool,
) -> Result<Mod, SyntaxError> {
    parse_decoded_lazy(source, mode, options, byte_offsets, None)
}

/// [`parse_decoded`] with the error of an undecodable string literal, raised
/// when the parser builds that literal (as CPython decodes it only then).
pub(crate) fn parse_decoded_lazy(
    source: &str,
    mode: Mode,
    options: ParseOptions,
    byte_offsets: bool,
    deferred: Option<crate::source::Deferred>,
) -> Result<Mod, SyntaxError> {
    let eval_input = matches!(mode, Mode::Eval | Mode::Single);
    let options_lex = LexOptions { type_comments: options.type_comments, byte_offsets, eval_input };
    let mut lexed = lexer::tokenize(source, options_lex);
    let mut type_ignores = Vec::new();
    let mut toks = std::mem::take(&mut lexed.tokens);
    if options.type_comments {
        toks.retain(|tok| {
            if tok.kind != TokenKind::TypeIgnore {
                return true;
            }
            let tag = tok.text(source).to_owned();
            type_ignores.push(TypeIgnore { lineno: tok.start.line as i32, tag });
            false
        });
    }
    if mode == Mode::Single && lexed.error.is_none() {
        interactive_end(&mut toks);
    }
    let mut p = Parser::new(source, toks, lexed.error.is_some(), options.type_comments);
    p.byte_offsets = byte_offsets;
    p.deferred = deferred;
    let result = p.run(|p| p.parse_mode(mode, &mut type_ignores));
    let tree = errors::finish(&mut p, result, &lexed, |p| p.parse_mode(mode, &mut Vec::new()))?;
    match p.deferred {
        Some(deferred) => Err(deferred.error),
        None => Ok(tree),
    }
}

/// What CPython's parser does at the end of `single` input: the first
/// ENDMARKER becomes a NEWLINE followed by the DEDENTs still due, and if
/// any, one more NEWLINE (`_PyPegen_fill_token`'s interactive rule).
fn interactive_end(toks: &mut Vec<Token>) {
    let Some(end) = toks.pop() else { return };
    if toks.is_empty() {
        toks.push(end);
        return;
    }
    let depth = toks.iter().fold(0i32, |d, t| match t.kind {
        TokenKind::Indent => d + 1,
        TokenKind::Dedent => d - 1,
        _ => d,
    });
    let at = |kind| Token { kind, ..end };
    toks.push(at(TokenKind::Newline));
    if depth > 0 {
        toks.extend((0..depth).map(|_| at(TokenKind::Dedent)));
        toks.push(at(TokenKind::Newline));
    }
    toks.push(end);
}

/// Parses the text of one f-string replacement field's expression with the
/// `fstring` start rule (star_expressions, then end of input), as CPython 3.11's
/// fstring_compile_expr does with the text it builds (it wraps the expression in
/// parentheses; the caller passes that wrapped text). `relocate` maps each token's raw
/// (start, end) position — as lexed from `text`, line 1 col 0 at text[0] — to the
/// position the AST should carry. Error messages get CPython's "f-string: " prefix.
pub(crate) fn parse_fstring_expr(
    text: &str,
    relocate: &dyn Fn(Pos, Pos) -> (Pos, Pos),
) -> Result<Expr, SyntaxError> {
    let lexed = lexer::tokenize(text, LexOptions::default());
    let toks: Vec<Token> = lexed.tokens.iter().filter(|t| t.kind != TokenKind::TypeIgnore).copied().collect();
    let mut p = Parser::new(text, toks, lexed.error.is_some(), false);
    p.fstring = true;
    p.reloc = Some(p.toks.iter().map(|t| relocate(t.start, t.end)).collect());
    let result = p.run(|p| p.star_expressions());
    let result = errors::finish(&mut p, result, &lexed, |p| p.star_expressions());
    let lexer_msg = lexed.error.as_ref().map(|e| e.msg.clone());
    result.map_err(|mut err| {
        if !p.foreign_error && !err.msg.starts_with("f-string: ") && Some(&err.msg) != lexer_msg.as_ref() {
            err.msg = format!("f-string: {}", err.msg);
        }
        err
    })
}

/// Pushes onto a list built one element at a time, making room for a few
/// at the first: growing an empty `Vec` takes its slower path, through
/// reallocation.
#[inline]
fn push_grown<E>(list: &mut Vec<E>, item: E) {
    if list.capacity() == 0 {
        *list = Vec::with_capacity(4);
    }
    list.push(item);
}

/// NEWLINE, INDENT, DEDENT and ENDMARKER: tokens that end no node.
#[inline]
fn is_layout(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker)
}

impl<'s> Parser<'s> {
    fn new(src: &'s str, mut toks: Vec<Token>, lex_error: bool, type_comments: bool) -> Self {
        let mut lex_error_at = None;
        if lex_error || toks.last().is_none_or(|t| t.kind != TokenKind::EndMarker) {
            let last = toks.last().copied();
            let (end, hi) = last.map_or((Pos::new(1, 0), 0), |t| (t.end, t.hi));
            lex_error_at = Some(toks.len());
            toks.push(Token { kind: TokenKind::EndMarker, start: end, end, lo: hi, hi });
        }
        Parser {
            src,
            toks,
            reloc: None,
            pos: 0,
            max_pos: 0,
            lex_error_at,
            depth: 0,
            levels: 0,
            nest_start: 0,
            diag: false,
            type_comments,
            fstring: false,
            byte_offsets: false,
            foreign_error: false,
            memo: None,
            deferred: None,
            in_target_reparse: false,
        }
    }

    /// Runs one pass from the first token.
    fn run<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.pos = 0;
        self.depth = 0;
        self.levels = 0;
        self.nest_start = 0;
        f(self)
    }

    /// file: [statements] ENDMARKER
    /// interactive: statement_newline
    /// eval: expressions NEWLINE* ENDMARKER
    /// func_type: '(' [type_expressions] ')' '->' expression NEWLINE* ENDMARKER
    fn parse_mode(&mut self, mode: Mode, type_ignores: &mut Vec<TypeIgnore>) -> PResult<Mod> {
        Ok(match mode {
            Mode::Exec => {
                let body = self.statements_until(TokenKind::EndMarker)?;
                self.expect(TokenKind::EndMarker)?;
                Mod::Module { body, type_ignores: std::mem::take(type_ignores) }
            }
            Mode::Single => Mod::Interactive { body: self.statement_newline()? },
            Mode::Eval => {
                let body = Box::new(self.expressions()?);
                self.end_of_input()?;
                Mod::Expression { body }
            }
            Mode::FuncType => {
                self.expect(TokenKind::LPar)?;
                let argtypes = self.type_expressions()?;
                self.expect(TokenKind::RPar)?;
                self.expect(TokenKind::RArrow)?;
                let returns = Box::new(self.expression()?);
                self.end_of_input()?;
                Mod::FunctionType { argtypes, returns }
            }
        })
    }

    /// NEWLINE* ENDMARKER
    fn end_of_input(&mut self) -> PResult<()> {
        while self.eat(TokenKind::Newline) {}
        self.expect(TokenKind::EndMarker).map(|_| ())
    }

    // ----- the token cursor -----

    /// The kind of the current token.
    #[inline]
    fn peek(&mut self) -> TokenKind {
        self.toks[self.pos].kind
    }

    /// The kind of the token after the current one.
    #[inline]
    fn peek2(&mut self) -> TokenKind {
        let i = (self.pos + 1).min(self.toks.len() - 1);
        if i > self.max_pos {
            self.max_pos = i;
        }
        self.toks[i].kind
    }

    #[inline]
    fn at(&mut self, kind: TokenKind) -> bool {
        self.peek() == kind
    }

    #[inline]
    fn tok(&self) -> Token {
        self.toks[self.pos]
    }

    /// Moves past the current token (never past the end marker).
    ///
    /// `max_pos` follows the cursor here rather than in [`Parser::peek`]
    /// (which runs several times per token): every rule looks at the token
    /// it starts on, so the furthest token reached is the furthest looked at.
    #[inline]
    fn bump(&mut self) -> Token {
        let tok = self.toks[self.pos];
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
            self.max_pos = self.max_pos.max(self.pos);
        }
        tok
    }

    #[inline]
    fn eat(&mut self, kind: TokenKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    #[inline]
    fn expect(&mut self, kind: TokenKind) -> PResult<Token> {
        if self.at(kind) {
            Ok(self.bump())
        } else {
            Err(Fail::NoMatch)
        }
    }

    /// Whether the current token is the NAME `word` (a soft keyword).
    fn at_soft(&mut self, word: &str) -> bool {
        self.at(TokenKind::Name) && self.tok().text(self.src) == word
    }

    fn text(&self, tok: Token) -> &'s str {
        tok.text(self.src)
    }

    /// A NAME token's identifier, NFKC-normalised as CPython stores it.
    fn identifier(&self, tok: Token) -> Identifier {
        let text = self.text(tok);
        if text.is_ascii() {
            return Identifier::new(text);
        }
        Identifier::from(lexer::normalize_identifier(text))
    }

    fn checkpoint(&self) -> Checkpoint {
        Checkpoint { pos: self.pos, depth: self.depth, levels: self.levels }
    }

    fn restore(&mut self, cp: Checkpoint) {
        self.pos = cp.pos;
        self.depth = cp.depth;
        self.levels = cp.levels;
    }

    /// PEG backtracking: a failed optional continuation (`x op y` where `y`
    /// does not parse) leaves the cursor at `cp`, as if never tried.
    fn backtrack<T>(&mut self, cp: Checkpoint, r: PResult<T>) -> PResult<Option<T>> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(Fail::NoMatch) => {
                self.restore(cp);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    // ----- positions -----

    fn tok_start(&self, i: usize) -> Pos {
        match &self.reloc {
            None => self.toks[i].start,
            Some(r) => r[i].0,
        }
    }

    fn tok_end(&self, i: usize) -> Pos {
        match &self.reloc {
            None => self.toks[i].end,
            Some(r) => r[i].1,
        }
    }

    /// Where a node starting at the current token starts.
    #[inline]
    fn start(&self) -> Pos {
        self.tok_start(self.pos)
    }

    /// Where a node ending before the current token ends: the end of the
    /// last token consumed that is not NEWLINE, INDENT, DEDENT or ENDMARKER.
    #[inline(always)]
    fn end(&self) -> Pos {
        match self.toks.get(self.pos.wrapping_sub(1)) {
            Some(tok) if self.reloc.is_none() && !is_layout(tok.kind) => tok.end,
            _ => self.end_after_layout(),
        }
    }

    /// [`Parser::end`] in general: past NEWLINE/INDENT/DEDENT tokens, or
    /// with relocated positions.
    #[inline(never)]
    fn end_after_layout(&self) -> Pos {
        let mut i = self.pos;
        while i > 0 {
            i -= 1;
            if !is_layout(self.toks[i].kind) {
                return self.tok_end(i);
            }
        }
        self.tok_end(0)
    }

    #[inline]
    fn range_from(&self, start: Pos) -> Range {
        Range::new(start, self.end())
    }

    /// The range of a single token.
    fn tok_range(&self, i: usize) -> Range {
        Range::new(self.tok_start(i), self.tok_end(i))
    }

    // ----- recursion guard -----

    /// Enters one level of recursion; fails past [`MAX_DEPTH`].
    #[inline]
    fn enter(&mut self) -> PResult<()> {
        self.enter_by(1)
    }

    /// Enters `units` levels at once, for the rules whose recursion costs
    /// more stack (a nested `expression` goes through several frames).
    #[inline]
    fn enter_by(&mut self, units: u32) -> PResult<()> {
        self.depth += units;
        if self.depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[inline]
    fn leave(&mut self) {
        self.depth -= 1;
    }

    #[inline]
    fn leave_by(&mut self, units: u32) {
        self.depth -= units;
    }

    /// Input nested past the limit through recursive rules. CPython turns
    /// such a tree into a RecursionError when it builds the `ast` objects,
    /// unless its parser's own stack (`MAXSTACK`, 6000 rule levels, about
    /// 5,970 of them left for the nesting) has overflowed first, a
    /// MemoryError. Whether it would have is estimated from the nesting so
    /// far: its CPython levels per token, extended over the input ahead.
    fn too_deep(&self) -> Fail {
        const CPYTHON_LEVELS: f64 = 5968.0;
        let levels = (self.depth as i32 + self.levels).max(1) as f64;
        let consumed = (self.pos - self.nest_start).max(1) as f64;
        let ahead = (self.toks.len() - self.pos) as f64;
        if levels + ahead * (levels / consumed) >= CPYTHON_LEVELS {
            let err = SyntaxError::with_fields(ErrorKind::MemoryError, "", (-1, -1), (-1, -1), None);
            return Fail::Error(Box::new(err));
        }
        self.too_deep_tree()
    }

    /// A tree nested past the limit through a loop (a chain of binary
    /// operators or trailers): CPython's RecursionError.
    fn too_deep_tree(&self) -> Fail {
        let msg = "maximum recursion depth exceeded during ast construction";
        let err = SyntaxError::with_fields(ErrorKind::RecursionError, msg, (-1, -1), (-1, -1), None);
        Fail::Error(Box::new(err))
    }

    // ----- errors -----

    /// A definite error over `start..end` (raw token positions).
    fn error_range(&self, kind: ErrorKind, msg: impl Into<String>, start: Pos, end: Pos) -> Fail {
        Fail::Error(Box::new(self.make_error(kind, msg, start, end)))
    }

    /// A SyntaxError over `start..end` with offsets in characters, or in
    /// bytes when the source was bytes without a declared encoding.
    fn make_error(&self, kind: ErrorKind, msg: impl Into<String>, start: Pos, end: Pos) -> SyntaxError {
        let mut err = SyntaxError::at(kind, msg, self.src, start, end);
        if self.byte_offsets {
            err.offset = start.col as i32 + 1;
            err.end_offset = end.col as i32 + 1;
        }
        err
    }

    /// A definite SyntaxError spanning tokens `first..=last`.
    fn error_toks(&self, msg: impl Into<String>, first: usize, last: usize) -> Fail {
        self.error_range(ErrorKind::SyntaxError, msg, self.toks[first].start, self.toks[last].end)
    }
}

#[cfg(test)]
mod tests;
