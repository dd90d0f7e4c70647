//! The tokenizer's SyntaxErrors, with the fields CPython 3.11 gives them.
//!
//! Two families, because CPython raises them in two places:
//! - errors raised inside the tokenizer (`syntaxerror()` in tokenizer.c):
//!   the offset is the number of characters from the start of the line to
//!   the tokenizer's cursor, `end_offset` equals it unless a range is given,
//!   and `text` is the line without its newline;
//! - errors the parser raises for an error code of the tokenizer
//!   (indentation, line continuation, end of input): the offsets come from
//!   byte positions converted to characters (or left in bytes, see
//!   `LexOptions::byte_offsets`), and `text` is the source line with its
//!   newline, as CPython reads it back from the file.

use super::Lexer;
use crate::error::{ErrorKind, SyntaxError};
use std::borrow::Cow;

impl Lexer<'_> {
    /// CPython's `syntaxerror()` with the cursor at `self.pos`.
    pub(super) fn error_at_cursor(&self, msg: &str) -> SyntaxError {
        let offset = self.chars_between(self.line_start, self.pos);
        self.tokenizer_error(msg, self.line, self.line_start, offset, offset)
    }

    /// An error of the first family on line `lineno` starting at `line_start`.
    fn tokenizer_error(
        &self,
        msg: &str,
        lineno: u32,
        line_start: usize,
        offset: i32,
        end: i32,
    ) -> SyntaxError {
        let text = self.line_content(line_start).to_owned();
        let lineno = lineno as i32;
        SyntaxError::with_fields(ErrorKind::SyntaxError, msg, (lineno, offset), (lineno, end), Some(text))
    }

    /// `invalid character '€' (U+20AC)` or, for a character that does not
    /// print, `invalid non-printable character U+00A0`; the cursor is past it.
    pub(super) fn invalid_character(&self, ch: char) -> SyntaxError {
        let code = ch as u32;
        if taipan_repr::printable::is_printable(ch as u32) {
            self.error_at_cursor(&format!("invalid character '{ch}' (U+{code:04X})"))
        } else {
            self.error_at_cursor(&format!("invalid non-printable character U+{code:04X}"))
        }
    }

    pub(super) fn invalid_digit(&self, digit: u8, kind: &str) -> SyntaxError {
        self.error_at_cursor(&format!("invalid digit '{}' in {kind} literal", digit as char))
    }

    /// `0777`: CPython gives this one a range, in bytes.
    pub(super) fn leading_zeros_error(&self, start: usize, zeros_end: usize) -> SyntaxError {
        let msg = "leading zeros in decimal integer literals are not permitted; \
                   use an 0o prefix for octal integers";
        let offset = (start + 1 - self.line_start) as i32;
        let end = (zeros_end - self.line_start) as i32;
        self.tokenizer_error(msg, self.line, self.line_start, offset, end)
    }

    /// An unterminated string starting at `start` on the line `first`
    /// (number, start byte); reported at its first character.
    pub(super) fn unterminated_string(&self, start: usize, first: (u32, usize), triple: bool) -> SyntaxError {
        let kind = if triple { "triple-quoted string literal" } else { "string literal" };
        let msg = format!("unterminated {kind} (detected at line {})", self.line);
        let offset = self.chars_between(first.1, start + 1);
        self.tokenizer_error(&msg, first.0, first.1, offset, offset)
    }

    pub(super) fn mismatched_bracket(&self, close: u8, open: u8, open_line: u32) -> SyntaxError {
        let (close, open) = (close as char, open as char);
        if open_line != self.line {
            self.error_at_cursor(&format!(
                "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {open_line}"
            ))
        } else {
            self.error_at_cursor(&format!(
                "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
            ))
        }
    }

    // ---- errors raised by CPython's parser for the tokenizer -------------

    pub(super) fn tab_error(&self) -> SyntaxError {
        let msg = "inconsistent use of tabs and spaces in indentation";
        self.parser_error(ErrorKind::TabError, msg, self.line_start, Some(1), Some(0))
    }

    pub(super) fn too_deep_error(&self) -> SyntaxError {
        let msg = "too many levels of indentation";
        self.parser_error(ErrorKind::IndentationError, msg, self.line_start, Some(1), Some(0))
    }

    /// `unindent does not match any outer indentation level`, reported past
    /// the end of the line (where CPython's tokenizer gave up).
    pub(super) fn dedent_error(&self) -> SyntaxError {
        let msg = "unindent does not match any outer indentation level";
        let past_line = self.line_len_with_newline();
        self.parser_error(ErrorKind::IndentationError, msg, self.line_start, Some(past_line), None)
    }

    /// A backslash followed by something other than a newline (the cursor
    /// is on it, or at the end). CPython measures from the start of its line
    /// buffer to just past that character.
    pub(super) fn continuation_error(&self) -> SyntaxError {
        let msg = "unexpected character after line continuation character";
        let offset = self.pos - self.buf_start + !self.at_eof() as usize;
        self.parser_error(ErrorKind::SyntaxError, msg, self.line_start, Some(offset), Some(0))
    }

    /// A backslash continuation at the end of the input.
    pub(super) fn eof_error(&self) -> SyntaxError {
        if !self.parens.is_empty() {
            return self.never_closed_error();
        }
        let past_line = self.line_len_with_newline();
        self.parser_error(
            ErrorKind::SyntaxError,
            "unexpected EOF while parsing",
            self.line_start,
            Some(past_line),
            None,
        )
    }

    /// The end of the input inside brackets: `'(' was never closed`.
    pub(super) fn never_closed_error(&self) -> SyntaxError {
        let Some(open) = self.parens.last() else {
            return self.parser_error(
                ErrorKind::SyntaxError,
                "unexpected EOF while parsing",
                self.line_start,
                None,
                None,
            );
        };
        let open_char = self.src.get(open.lo as usize).copied().unwrap_or(b'(') as char;
        let msg = format!("'{open_char}' was never closed");
        let line_start = open.lo as usize - open.start.col as usize;
        let lineno = open.start.line as i32;
        let text = self.error_line(line_start);
        let offset = self.pegen_offset(&text, open.start.col as usize + 1);
        SyntaxError::with_fields(ErrorKind::SyntaxError, msg, (lineno, offset), (lineno, 0), Some(text))
    }

    /// An error of the second family on the line starting at `line_start`
    /// (the current line): byte offsets `offset`/`end` (1-based, `None` for
    /// CPython's -1) converted as CPython converts them.
    fn parser_error(
        &self,
        kind: ErrorKind,
        msg: &str,
        line_start: usize,
        offset: Option<usize>,
        end: Option<usize>,
    ) -> SyntaxError {
        let lineno = self.line as i32;
        let text = self.error_line(line_start);
        let convert = |o: Option<usize>| o.map_or(-1, |o| self.pegen_offset(&text, o));
        let (offset, end) = (convert(offset), convert(end));
        SyntaxError::with_fields(kind, msg, (lineno, offset), (lineno, end), Some(text))
    }

    /// A 1-based byte offset into the line at `line_start` as CPython's
    /// parser reports it: converted to characters (clamped to just past the
    /// line), or left in bytes.
    fn pegen_offset(&self, line: &str, offset: usize) -> i32 {
        if self.options.byte_offsets {
            return offset as i32;
        }
        let line = line.as_bytes();
        if offset > line.len() {
            return chars_in(line) + 1;
        }
        chars_in(&line[..offset])
    }

    /// Characters from byte `from` to byte `to` (clamped to the source).
    fn chars_between(&self, from: usize, to: usize) -> i32 {
        let len = self.src.len();
        let (from, to) = (from.min(len), to.min(len));
        chars_in(&self.src[from..to.max(from)])
    }

    /// The line starting at `line_start`, without its newline.
    pub(super) fn line_content(&self, line_start: usize) -> &str {
        let rest = &self.text[line_start.min(self.text.len())..];
        let len = rest.bytes().position(|b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        &rest[..len]
    }

    /// The `text` of an error of the second family on the line starting at
    /// `line_start`. For `exec` input CPython reads the line back from the
    /// file; for `eval` input it shows its line buffer when the error is on
    /// the current line (from where the buffer starts, newlines as `\n`),
    /// else the line without its newline.
    fn error_line(&self, line_start: usize) -> String {
        if !self.options.eval_input {
            return self.line_with_newline(line_start).into_owned();
        }
        if line_start != self.line_start {
            return self.line_content(line_start).to_owned();
        }
        let end = self.line_start + self.line_content(self.line_start).len();
        let mut text = String::new();
        let mut start = self.buf_start.min(end);
        while start <= end {
            let line = self.line_content(start);
            text.push_str(line);
            let next = start + line.len();
            let newline = self.newline_len(next).min(self.src.len().saturating_sub(next));
            if newline == 0 {
                break;
            }
            text.push('\n');
            start = next + newline;
        }
        text
    }

    /// The line starting at `line_start` with its newline (as `\n`) when it
    /// has one.
    fn line_with_newline(&self, line_start: usize) -> Cow<'_, str> {
        let content = self.line_content(line_start);
        if line_start + content.len() < self.src.len() {
            Cow::Owned(format!("{content}\n"))
        } else {
            Cow::Borrowed(content)
        }
    }
}

/// The number of characters in UTF-8 bytes (a cut character counts as one).
fn chars_in(bytes: &[u8]) -> i32 {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as i32
}
