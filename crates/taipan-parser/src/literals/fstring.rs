//! f-strings, as CPython 3.11's Parser/string_parser.c parses them: the body
//! of an `f'…'` token is scanned for literal text (with `{{`/`}}` and escapes)
//! and replacement fields `{expr[=][!conv][:spec]}`; each field's expression
//! text is wrapped in parentheses and parsed again by
//! `parser::parse_fstring_expr`; format specs are f-strings themselves, nested
//! at most one level.
//!
//! Positions reproduce 3.11 exactly, quirks included: the `Constant` and
//! `FormattedValue` parts carry the span of the whole string run (a format
//! spec's `JoinedStr` and its trailing text carry the span of its own token);
//! an expression's tokens are shifted by the line and column of its `{`
//! within the token, the column only on the expression's first line (see
//! [`ExprPlacement`]). Errors found while scanning are reported, like
//! CPython's `RAISE_SYNTAX_ERROR`, at the token after the run.

use super::escapes::decode_str;
use super::strings::{ErrorAt, Joiner, Run, StringToken};
use crate::ast::{Expr, ExprKind, PyStr, Range};
use crate::error::SyntaxError;
use crate::token::Pos;
use std::cell::OnceCell;

/// The deepest bracket nesting inside one expression (CPython's `MAXLEVEL`).
const MAX_BRACKET_DEPTH: usize = 200;

/// Format specs may hold replacement fields, but those may not nest further.
const MAX_RECURSION: u32 = 2;

/// A scan over one f-string token's body.
struct Scanner<'a, 's> {
    run: &'a Run<'s>,
    piece: &'a StringToken<'s>,
    /// The token's (newline-normalised) text; indices below are into it.
    text: &'a [u8],
    pos: usize,
    end: usize,
    /// Where the token's newlines are, found on the first field's need.
    newlines: OnceCell<Vec<usize>>,
}

/// What `find_literal` found before stopping.
struct Literal {
    text: Option<PyStr>,
    /// Stopped after a doubled brace: scan again for more literal text.
    more: bool,
}

/// Parses the f-string token `piece` of `run` into `joiner`
/// (`_PyPegen_FstringParser_ConcatFstring` at the top level).
pub(super) fn concat_fstring(run: &Run, joiner: &mut Joiner, piece: &StringToken) -> Result<(), SyntaxError> {
    let text = piece.text.as_bytes();
    let newlines = OnceCell::new();
    let mut scanner = Scanner { run, piece, text, pos: piece.body_start, end: piece.body_end, newlines };
    scanner.concat(joiner, 0)
}

impl Scanner<'_, '_> {
    fn error(&self, msg: impl Into<String>) -> SyntaxError {
        self.run.error(msg, ErrorAt::Lookahead)
    }

    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.text[self.pos])
    }

    /// Literal text and replacement fields up to the end of the body (or,
    /// in a format spec, up to its closing `}`), added to `joiner`.
    fn concat(&mut self, joiner: &mut Joiner, depth: u32) -> Result<(), SyntaxError> {
        joiner.fmode = true;
        loop {
            let literal = self.find_literal(depth)?;
            if let Some(text) = &literal.text {
                joiner.push_literal(text);
            }
            if literal.more {
                continue;
            }
            if matches!(self.peek(), None | Some(b'}')) {
                break;
            }
            let (debug_text, field) = self.find_field(depth)?;
            if let Some(text) = &debug_text {
                joiner.push_literal(text);
            }
            joiner.flush_literal(self.run.range(), self.run.u_kind);
            joiner.parts.push(field);
        }
        if depth == 0 && self.pos + 1 < self.end {
            return Err(self.error("f-string: unexpected end of string"));
        }
        if depth != 0 && self.peek() != Some(b'}') {
            return Err(self.error("f-string: expecting '}'"));
        }
        Ok(())
    }

    /// Literal text up to the next unescaped `{` or `}` (`fstring_find_literal`).
    fn find_literal(&mut self, depth: u32) -> Result<Literal, SyntaxError> {
        let start = self.pos;
        let mut s = self.pos;
        let mut more = false;
        while s < self.end {
            let mut ch = self.text[s];
            s += 1;
            if !self.piece.raw && ch == b'\\' && s < self.end {
                ch = self.text[s];
                s += 1;
                if ch == b'N' {
                    s = self.skip_name_escape(s);
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if depth == 0 {
                    if s < self.end && self.text[s] == ch {
                        more = true;
                        break;
                    }
                    if ch == b'}' {
                        self.pos = s - 1;
                        return Err(self.error("f-string: single '}' is not allowed"));
                    }
                }
                s -= 1;
                break;
            }
        }
        self.pos = if more { s + 1 } else { s };
        let text = if s == start { None } else { Some(self.decode_literal(start, s)?) };
        Ok(Literal { text, more })
    }

    /// After `\N` at `s`: skips a `{name}` (so its braces are not fields);
    /// anything else is left for the escape decoder to reject.
    fn skip_name_escape(&self, mut s: usize) -> usize {
        if s < self.end {
            let opening = self.text[s];
            s += 1;
            if opening == b'{' {
                while s < self.end {
                    s += 1;
                    if self.text[s - 1] == b'}' {
                        break;
                    }
                }
            }
        }
        s
    }

    /// The value of literal text `text[start..end]`.
    fn decode_literal(&self, start: usize, end: usize) -> Result<PyStr, SyntaxError> {
        let bytes = &self.text[start..end];
        let text = String::from_utf8_lossy(bytes);
        if self.piece.raw {
            return Ok(PyStr::from(text.as_ref()));
        }
        decode_str(&text).map_err(|e| self.error(format!("(unicode error) {e}")))
    }

    /// One replacement field at `{` (`fstring_find_expr`): the `=` text, if
    /// any, and the `FormattedValue`.
    fn find_field(&mut self, depth: u32) -> Result<(Option<PyStr>, Expr), SyntaxError> {
        if depth >= MAX_RECURSION {
            return Err(self.error("f-string: expressions nested too deeply"));
        }
        self.pos += 1;
        let expr_start = self.pos;
        self.scan_expression()?;
        let expr_end = self.pos;
        if self.pos >= self.end {
            return Err(self.expecting_brace());
        }
        let value = self.compile_expression(expr_start, expr_end)?;
        let debug_text = self.debug_text(expr_start);
        let mut conversion = self.conversion()?;
        if self.pos >= self.end {
            return Err(self.expecting_brace());
        }
        let format_spec = self.format_spec(depth)?;
        if self.peek() != Some(b'}') {
            return Err(self.expecting_brace());
        }
        self.pos += 1;
        if debug_text.is_some() && format_spec.is_none() && conversion == -1 {
            conversion = b'r' as i32;
        }
        let kind = ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec };
        Ok((debug_text, Expr::new(kind, self.run.range())))
    }

    fn expecting_brace(&self) -> SyntaxError {
        self.error("f-string: expecting '}'")
    }

    /// Advances over the expression text to the `!`, `:`, `=` or `}` that
    /// ends it, tracking strings and brackets as CPython's scan does.
    fn scan_expression(&mut self) -> Result<(), SyntaxError> {
        let mut quote: Option<u8> = None;
        let mut triple = false;
        let mut brackets: Vec<u8> = Vec::new();
        while self.pos < self.end {
            let ch = self.text[self.pos];
            if ch == b'\\' {
                return Err(self.error("f-string expression part cannot include a backslash"));
            }
            if let Some(q) = quote {
                if ch == q {
                    if !triple {
                        quote = None;
                    } else if self.pos + 2 < self.end
                        && self.text[self.pos + 1] == q
                        && self.text[self.pos + 2] == q
                    {
                        self.pos += 2;
                        quote = None;
                    }
                }
            } else if ch == b'\'' || ch == b'"' {
                triple =
                    self.pos + 2 < self.end && self.text[self.pos + 1] == ch && self.text[self.pos + 2] == ch;
                if triple {
                    self.pos += 2;
                }
                quote = Some(ch);
            } else if matches!(ch, b'[' | b'{' | b'(') {
                if brackets.len() >= MAX_BRACKET_DEPTH {
                    return Err(self.error("f-string: too many nested parenthesis"));
                }
                brackets.push(ch);
            } else if ch == b'#' {
                return Err(self.error("f-string expression part cannot include '#'"));
            } else if brackets.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
                let next = self.text.get(self.pos + 1).filter(|_| self.pos + 1 < self.end);
                if next == Some(&b'=') && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                    self.pos += 2;
                    continue;
                }
                // A lone `<` or `>` is a comparison, never the end.
                if ch == b'>' || ch == b'<' {
                    self.pos += 1;
                    continue;
                }
                break;
            } else if matches!(ch, b']' | b'}' | b')') {
                let Some(opening) = brackets.pop() else {
                    return Err(self.error(format!("f-string: unmatched '{}'", ch as char)));
                };
                if !matches!((opening, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    return Err(self.error(format!(
                        "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                        ch as char, opening as char
                    )));
                }
            }
            self.pos += 1;
        }
        if quote.is_some() {
            return Err(self.error("f-string: unterminated string"));
        }
        if let Some(&opening) = brackets.last() {
            return Err(self.error(format!("f-string: unmatched '{}'", opening as char)));
        }
        Ok(())
    }

    /// For `{expr=…}`: the expression's source text with the `=` and the
    /// blanks after it (which the scan then skips).
    fn debug_text(&mut self, expr_start: usize) -> Option<PyStr> {
        if self.peek() != Some(b'=') {
            return None;
        }
        self.pos += 1;
        while self.peek().is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) {
            self.pos += 1;
        }
        Some(PyStr::from(String::from_utf8_lossy(&self.text[expr_start..self.pos]).as_ref()))
    }

    /// `!s`, `!r` or `!a` as the character's code; -1 when absent.
    fn conversion(&mut self) -> Result<i32, SyntaxError> {
        if self.peek() != Some(b'!') {
            return Ok(-1);
        }
        self.pos += 1;
        let Some(conversion) = self.peek() else {
            return Err(self.expecting_brace());
        };
        self.pos += 1;
        if !matches!(conversion, b's' | b'r' | b'a') {
            return Err(self.error("f-string: invalid conversion character: expected 's', 'r', or 'a'"));
        }
        Ok(conversion as i32)
    }

    /// `:spec`, parsed as a nested f-string (`fstring_parse`), whose
    /// `JoinedStr` spans this token alone.
    fn format_spec(&mut self, depth: u32) -> Result<Option<Box<Expr>>, SyntaxError> {
        if self.peek() != Some(b':') {
            return Ok(None);
        }
        self.pos += 1;
        if self.pos >= self.end {
            return Err(self.expecting_brace());
        }
        let mut spec = Joiner::default();
        self.concat(&mut spec, depth + 1)?;
        let token = self.piece.token;
        let u_kind = self.piece.text.starts_with('u');
        Ok(Some(Box::new(spec.finish(Range::new(token.start, token.end), u_kind))))
    }

    /// Parses `text[start..end]` as an expression (`fstring_compile_expr`).
    fn compile_expression(&self, start: usize, end: usize) -> Result<Expr, SyntaxError> {
        let source = &self.text[start..end];
        if source.iter().all(|c| matches!(c, b' ' | b'\t' | b'\n' | 0x0C)) {
            return Err(self.error(match self.text.get(end) {
                Some(&stop) if stop != b'}' => {
                    format!("f-string: expression required before '{}'", stop as char)
                }
                _ => "f-string: empty expression not allowed".to_owned(),
            }));
        }
        let mut wrapped = String::with_capacity(source.len() + 2);
        wrapped.push('(');
        wrapped.push_str(&String::from_utf8_lossy(source));
        wrapped.push(')');
        let newlines = self.newlines.get_or_init(|| newline_positions(self.text));
        let placement = ExprPlacement::new(self.piece, self.text, newlines, start);
        crate::parser::parse_fstring_expr(&wrapped, &|s, e| placement.relocate(s, e))
    }
}

/// Where 3.11 puts the tokens of a replacement field's expression.
///
/// `fstring_find_expr_location` counts the newlines before the field's `{`
/// in the token (`lines`) and the `{`'s column (`cols`: from the token's
/// start on its first line, else from the line start; 0 when only blanks
/// separate the `{` from a newline). The sub-parser starts at line
/// `token line + lines` and, for tokens ending on the expression's first
/// line only, shifts columns by `cols` (plus the token's own column when
/// `lines` is 0).
struct ExprPlacement {
    first_line: u32,
    col_shift: u32,
}

impl ExprPlacement {
    fn new(piece: &StringToken, text: &[u8], newlines: &[usize], expr_start: usize) -> ExprPlacement {
        let brace = expr_start - 1;
        let lines = newlines.partition_point(|&nl| nl < brace);
        let newline_after_brace = text[expr_start..]
            .iter()
            .take_while(|&&c| c != b'}' && c != b'\n')
            .all(|&c| matches!(c, b' ' | b'\t' | 0x0C));
        let mut col_shift = if lines == 0 { piece.token.start.col } else { 0 };
        if !newline_after_brace {
            let line_start = lines.checked_sub(1).map_or(0, |last| newlines[last] + 1);
            col_shift += (brace - line_start) as u32;
        }
        ExprPlacement { first_line: piece.token.start.line + lines as u32, col_shift }
    }

    fn relocate(&self, start: Pos, end: Pos) -> (Pos, Pos) {
        let shift = if end.line == 1 { self.col_shift } else { 0 };
        let place = |p: Pos| Pos::new(self.first_line + p.line - 1, p.col + shift);
        (place(start), place(end))
    }
}

/// The indices of every newline in `text`.
fn newline_positions(text: &[u8]) -> Vec<usize> {
    text.iter().enumerate().filter(|&(_, &c)| c == b'\n').map(|(i, _)| i).collect()
}
