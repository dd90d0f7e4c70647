//! STRING tokens and their implicit concatenation, as CPython 3.11's
//! `_PyPegen_parsestr` (prefixes, quotes, escapes) and
//! `_PyPegen_concatenate_strings` (joining a run of adjacent literals)
//! build them. f-string bodies are handed to `fstring.rs`; the pieces of a
//! run are collected in a [`Joiner`], shared by both.

use super::escapes::{decode_bytes, decode_str};
use super::fstring;
use crate::ast::{Constant, Expr, ExprKind, PyStr, Range};
use crate::error::{char_offset, source_line, ErrorKind, SyntaxError};
use crate::token::{Pos, Token};
use std::borrow::Cow;

/// One STRING token taken apart: its prefix flags and where its body is.
pub(super) struct StringToken<'s> {
    pub token: Token,
    /// The token's text with `\r\n` and `\r` read as `\n`, as CPython's
    /// tokenizer hands it to the parser.
    pub text: Cow<'s, str>,
    pub bytes: bool,
    pub raw: bool,
    pub fmode: bool,
    /// Byte range of the body (between the quotes) in `text`.
    pub body_start: usize,
    pub body_end: usize,
}

impl<'s> StringToken<'s> {
    fn new(source: &'s str, token: &Token) -> StringToken<'s> {
        let raw_text = source.get(token.lo as usize..token.hi as usize).unwrap_or("");
        let text = normalize_newlines(raw_text);
        let (mut bytes, mut raw, mut fmode) = (false, false, false);
        let mut prefix_len = 0;
        for c in text.chars() {
            match c {
                'b' | 'B' => bytes = true,
                'r' | 'R' => raw = true,
                'f' | 'F' => fmode = true,
                'u' | 'U' => {}
                _ => break,
            }
            prefix_len += 1;
        }
        let quoted = &text[prefix_len..];
        let quote_len = if quoted.len() >= 6 && (quoted.starts_with("'''") || quoted.starts_with("\"\"\"")) {
            3
        } else {
            1
        };
        let body_start = (prefix_len + quote_len).min(text.len());
        let body_end = text.len().saturating_sub(quote_len).max(body_start);
        StringToken { token: *token, text, bytes, raw, fmode, body_start, body_end }
    }

    pub fn body(&self) -> &str {
        self.text.get(self.body_start..self.body_end).unwrap_or("")
    }

    /// Whether the token is spelled with a lowercase `u` prefix (CPython
    /// gives such a run's string constants `kind='u'`).
    fn is_u_string(&self) -> bool {
        self.text.starts_with('u')
    }
}

/// `\r\n` and lone `\r` as `\n`.
fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// An error raised while CPython's sub-parser parses an f-string field's
/// wrapped expression text (`source`): the message gets "f-string: " (even
/// when it already has it); lines, columns and text are those of the wrapped
/// text (found from the token's byte span), columns on later lines less the
/// field's column shift. The parser's f-string mode then moves the lines to
/// the file's, as for its own errors.
fn field_error(source: &str, msg: String, token: &Token, shift: u32) -> SyntaxError {
    let raw_start = byte_position(source, token.lo as usize);
    let raw_end = byte_position(source, token.hi as usize);
    // The sub-parser shifted first-line columns by `shift` and takes it off
    // again: only columns on later lines lose it.
    let column = |raw: Pos| {
        let line = source_line(source, raw.line);
        let shift = if raw.line == 1 { 0 } else { shift };
        let chars = char_offset(line, raw.col.saturating_sub(shift));
        chars - shift.saturating_sub(raw.col) as i32 + 1
    };
    let mut text = source_line(source, raw_start.line).to_owned();
    text.push('\n');
    SyntaxError::with_fields(
        ErrorKind::SyntaxError,
        format!("f-string: {msg}"),
        (raw_start.line as i32, column(raw_start)),
        (raw_end.line as i32, column(raw_end)),
        Some(text),
    )
}

/// The line and byte column of byte `offset` of `source`.
fn byte_position(source: &str, offset: usize) -> Pos {
    let before = &source.as_bytes()[..offset.min(source.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let col = before.iter().rposition(|&b| b == b'\n').map_or(before.len(), |nl| before.len() - nl - 1);
    Pos::new(line, col as u32)
}

/// Where an error is reported: CPython's `RAISE_SYNTAX_ERROR` points at the
/// last token the parser has fetched (the one after the run); a few errors
/// name a token of their own.
pub(super) enum ErrorAt {
    Lookahead,
    Token(Token),
}

/// What a run of strings is parsed in: the source, the run's first and last
/// tokens (whose span every string node carries), and the token after it.
pub(super) struct Run<'s> {
    pub source: &'s str,
    pub first: Token,
    pub last: Token,
    pub lookahead: Option<Token>,
    /// The run starts with a `u'…'` literal: its str constants get `kind='u'`.
    pub u_kind: bool,
    /// Inside an f-string replacement field: the field's column shift (see
    /// [`field_error`]); `None` in ordinary source.
    pub field_col_shift: Option<u32>,
}

impl Run<'_> {
    pub fn error(&self, msg: impl Into<String>, at: ErrorAt) -> SyntaxError {
        let token = match at {
            ErrorAt::Token(token) => token,
            // Without the next token, guess a one-character token right
            // after the run (the NEWLINE, `)` or `,` that usually follows).
            ErrorAt::Lookahead => self.lookahead.unwrap_or(Token {
                start: self.last.end,
                end: Pos::new(self.last.end.line, self.last.end.col + 1),
                lo: self.last.hi,
                hi: self.last.hi + 1,
                ..self.last
            }),
        };
        match self.field_col_shift {
            None => SyntaxError::at(ErrorKind::SyntaxError, msg, self.source, token.start, token.end),
            Some(shift) => field_error(self.source, msg.into(), &token, shift),
        }
    }

    /// The span of the whole run.
    pub fn range(&self) -> Range {
        Range::new(self.first.start, self.last.end)
    }
}

/// The pieces of a (possibly formatted) string run being joined: pending
/// literal text, and the nodes already finished (`FstringParser` in CPython).
#[derive(Default)]
pub(super) struct Joiner {
    pending: PyStr,
    pub parts: Vec<Expr>,
    /// Whether any f-string took part (the result is then a `JoinedStr`).
    pub fmode: bool,
}

impl Joiner {
    pub fn push_literal(&mut self, text: &PyStr) {
        self.pending.push_py_str(text);
    }

    /// [`Joiner::push_literal`] for an owned value: the first is kept as is.
    pub fn push_literal_owned(&mut self, text: PyStr) {
        if self.pending.is_empty() {
            self.pending = text;
        } else {
            self.pending.push_py_str(&text);
        }
    }

    /// Turns pending literal text into a `Constant` part spanning `range`.
    pub fn flush_literal(&mut self, range: Range, u_kind: bool) {
        if !self.pending.is_empty() {
            let value = std::mem::take(&mut self.pending);
            self.parts.push(str_constant(value, range, u_kind));
        }
    }

    /// The finished node: a `Constant` for plain strings, else a `JoinedStr`.
    pub fn finish(mut self, range: Range, u_kind: bool) -> Expr {
        if !self.fmode {
            return str_constant(self.pending, range, u_kind);
        }
        self.flush_literal(range, u_kind);
        Expr::new(ExprKind::JoinedStr { values: self.parts }, range)
    }
}

pub(super) fn str_constant(value: PyStr, range: Range, u_kind: bool) -> Expr {
    let kind = u_kind.then(|| "u".to_owned());
    Expr::new(ExprKind::Constant { value: Constant::Str(value), kind }, range)
}

/// The expression for a run of adjacent STRING tokens; `lookahead` is the
/// token after the run, where most errors are reported.
pub fn parse_string_run(
    source: &str,
    tokens: &[Token],
    lookahead: Option<&Token>,
) -> Result<Expr, SyntaxError> {
    parse_run(source, tokens, lookahead, None)
}

/// [`parse_string_run`] for a run inside an f-string replacement field, as
/// the parser's `fstring` mode sees it: `source` is the wrapped expression
/// text, the tokens' spans index it and their positions are relocated;
/// `col_shift` is the field's column shift (the relocated column of a token
/// at line 1, column 0). Errors are placed as CPython's sub-parser reports
/// them, "f-string: " prefix included.
pub fn parse_string_run_in_field(
    source: &str,
    tokens: &[Token],
    lookahead: Option<&Token>,
    col_shift: u32,
) -> Result<Expr, SyntaxError> {
    parse_run(source, tokens, lookahead, Some(col_shift))
}

fn parse_run(
    source: &str,
    tokens: &[Token],
    lookahead: Option<&Token>,
    field_col_shift: Option<u32>,
) -> Result<Expr, SyntaxError> {
    if let [only] = tokens {
        if let Some(value) = plain_str(source, only) {
            let range = Range::new(only.start, only.end);
            return Ok(Expr::new(ExprKind::Constant { value: Constant::Str(value), kind: None }, range));
        }
    }
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        let here = lookahead.map_or(Pos::new(1, 0), |t| t.start);
        return Err(SyntaxError::at(ErrorKind::SyntaxError, "expected a string", source, here, here));
    };
    let head = StringToken::new(source, first);
    let run = Run {
        source,
        first: *first,
        last: *last,
        lookahead: lookahead.copied(),
        u_kind: head.is_u_string(),
        field_col_shift,
    };
    let bytes_mode = head.bytes;
    let mut joiner = Joiner::default();
    let mut bytes = Vec::new();
    let pieces = std::iter::once(head).chain(tokens[1..].iter().map(|t| StringToken::new(source, t)));
    for (i, piece) in pieces.enumerate() {
        if piece.fmode {
            check_mix(&run, i, bytes_mode, &piece)?;
            fstring::concat_fstring(&run, &mut joiner, &piece)?;
            continue;
        }
        let value = plain_value(&run, &piece)?;
        check_mix(&run, i, bytes_mode, &piece)?;
        match value {
            Constant::Bytes(b) if bytes.is_empty() => bytes = b,
            Constant::Bytes(b) => bytes.extend_from_slice(&b),
            Constant::Str(s) => joiner.push_literal_owned(s),
            _ => {}
        }
    }
    if bytes_mode {
        return Ok(Expr::new(ExprKind::Constant { value: Constant::Bytes(bytes), kind: None }, run.range()));
    }
    Ok(joiner.finish(run.range(), run.u_kind))
}

/// The value of the commonest string token, taken as it is: no prefix, no
/// backslash and no `\r` in its text (`None` for any other, which the full
/// decoding handles).
fn plain_str(source: &str, token: &Token) -> Option<PyStr> {
    let text = source.get(token.lo as usize..token.hi as usize)?;
    let bytes = text.as_bytes();
    let quote = *bytes.first()?;
    if quote != b'\'' && quote != b'"' || bytes.contains(&b'\\') || bytes.contains(&b'\r') {
        return None;
    }
    let triple = bytes.len() >= 6 && bytes[1] == quote && bytes[2] == quote;
    let quote_len = if triple { 3 } else { 1 };
    let body = text.get(quote_len..text.len().checked_sub(quote_len)?)?;
    Some(PyStr::from(body))
}

/// "cannot mix bytes and nonbytes literals", checked after each token is decoded.
fn check_mix(run: &Run, index: usize, bytes_mode: bool, piece: &StringToken) -> Result<(), SyntaxError> {
    if index != 0 && piece.bytes != bytes_mode {
        return Err(run.error("cannot mix bytes and nonbytes literals", ErrorAt::Lookahead));
    }
    Ok(())
}

/// The value of a non-f string or bytes token.
fn plain_value(run: &Run, piece: &StringToken) -> Result<Constant, SyntaxError> {
    let body = piece.body();
    let raw = piece.raw || !body.contains('\\');
    if piece.bytes {
        if !body.is_ascii() {
            let msg = "bytes can only contain ASCII literal characters";
            return Err(run.error(msg, ErrorAt::Token(piece.token)));
        }
        if raw {
            return Ok(Constant::Bytes(body.as_bytes().to_vec()));
        }
        let value =
            decode_bytes(body).map_err(|e| run.error(format!("(value error) {e}"), ErrorAt::Lookahead))?;
        return Ok(Constant::Bytes(value));
    }
    if raw {
        return Ok(Constant::Str(PyStr::from(body)));
    }
    Ok(Constant::Str(decode_str_or_error(run, body)?))
}

/// Decodes a non-raw str body, with CPython's "(unicode error)" SyntaxError.
pub(super) fn decode_str_or_error(run: &Run, body: &str) -> Result<PyStr, SyntaxError> {
    decode_str(body).map_err(|e| run.error(format!("(unicode error) {e}"), ErrorAt::Lookahead))
}
