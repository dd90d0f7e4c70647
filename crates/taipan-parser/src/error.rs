//! Syntax errors as values: the `SyntaxError`, `IndentationError` and
//! `TabError` that the lexer and parser report (and the `RecursionError` and
//! `MemoryError` CPython's parser raises for input nested too deeply), carrying exactly the fields
//! CPython 3.11 puts on the exception (`msg`, `lineno`, `offset`,
//! `end_lineno`, `end_offset`, `text`), and their rendering as CPython prints
//! an uncaught one (`render`).
//!
//! Offsets follow CPython: 1-based, counted in characters of the line (in
//! bytes where CPython counts bytes: undeclared-encoding `bytes` sources).
//! `-1` stands for CPython's `None` in every field (no position at all, as
//! for null bytes in the source); `0` is a real value CPython uses (line 0 of
//! an encoding error). Construct errors
//! from byte positions with [`SyntaxError::at`], which does the conversion.

use crate::token::Pos;
use std::fmt;

/// Which exception class the error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Not a syntax error: CPython's "maximum recursion depth exceeded
    /// during ast construction" for a tree nested too deeply. No position.
    RecursionError,
    /// Not a syntax error: CPython's parser stack overflowing (empty
    /// message). No position.
    MemoryError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::MemoryError => "MemoryError",
        }
    }

    /// Whether CPython's class is `SyntaxError` or one of its subclasses
    /// (only those carry a position and print a `File` line).
    pub fn is_syntax_error(self) -> bool {
        matches!(self, ErrorKind::SyntaxError | ErrorKind::IndentationError | ErrorKind::TabError)
    }
}

/// A syntax error with CPython's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    pub msg: String,
    pub lineno: i32,
    /// 1-based character offset in `text`'s line.
    pub offset: i32,
    pub end_lineno: i32,
    pub end_offset: i32,
    /// The source line(s) the error is on, with its newline, as CPython stores it.
    pub text: Option<String>,
}

impl SyntaxError {
    /// The error as compiling to code reports it: CPython says a tree is
    /// nested too deeply "during compilation" there (its symtable's limit)
    /// and "during ast construction" only when building `ast` objects.
    pub fn in_compilation(mut self) -> SyntaxError {
        if self.kind == ErrorKind::RecursionError {
            self.msg = "maximum recursion depth exceeded during compilation".into();
        }
        self
    }

    /// An error spanning `start..end` (byte positions) in `source`, with
    /// `text` set to the line of `start` and offsets converted to CPython's
    /// 1-based character offsets. The end offset is measured on the end's
    /// own line.
    pub fn at(kind: ErrorKind, msg: impl Into<String>, source: &str, start: Pos, end: Pos) -> Self {
        let line = source_line(source, start.line);
        let offset = char_offset(line, start.col) + 1;
        let end_offset = if end.line == start.line {
            char_offset(line, end.col) + 1
        } else {
            char_offset(source_line(source, end.line), end.col) + 1
        };
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: start.line as i32,
            offset,
            end_lineno: end.line as i32,
            end_offset,
            text: Some(line_with_newline(source, start.line)),
        }
    }

    /// An error with explicit CPython fields, for the cases where CPython's
    /// positions do not follow from a byte range.
    pub fn with_fields(
        kind: ErrorKind,
        msg: impl Into<String>,
        (lineno, offset): (i32, i32),
        (end_lineno, end_offset): (i32, i32),
        text: Option<String>,
    ) -> Self {
        SyntaxError { kind, msg: msg.into(), lineno, offset, end_lineno, end_offset, text }
    }

    /// The error as CPython prints it when uncaught, without the traceback
    /// header: the `File` line, the source line, the caret line and
    /// `Kind: msg` (CPython 3.11's `print_exception`). An error without a
    /// line number (`lineno` -1, CPython's `None`, as for null bytes in the
    /// source) prints as `Kind: msg` alone.
    pub fn render(&self, filename: &str) -> String {
        let mut out = String::new();
        if self.lineno >= 0 && self.kind.is_syntax_error() {
            out.push_str(&format!("  File \"{}\", line {}\n", filename, self.lineno));
            if let Some(text) = &self.text {
                let (offset, end_offset) = self.caret_range(text);
                render_error_text(&mut out, offset, end_offset, text);
            }
        }
        out.push_str(self.kind.name());
        if !self.msg.is_empty() {
            out.push_str(": ");
            out.push_str(&self.msg);
        }
        out.push('\n');
        out
    }

    /// The offsets CPython's printer uses: only a plain `SyntaxError` shows
    /// its end (subclasses get one caret); a range running onto later lines
    /// is cut at the end of the first; carets never run past the text.
    fn caret_range(&self, text: &str) -> (isize, isize) {
        let offset = self.offset as isize;
        if self.kind != ErrorKind::SyntaxError {
            return (offset, -1);
        }
        let line_size = text.len() as isize;
        let mut end_offset = self.end_offset as isize;
        if self.end_lineno > self.lineno {
            end_offset = line_size;
        }
        (offset, end_offset.min(line_size + 1))
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (line {}, offset {})", self.kind.name(), self.msg, self.lineno, self.offset)
    }
}

impl std::error::Error for SyntaxError {}

/// The source line and caret line, following CPython 3.11's
/// `print_error_text`: leading blanks are stripped (moving the caret with
/// them), the caret is clipped to the line, and no caret is drawn when it
/// would fall left of the text.
fn render_error_text(out: &mut String, offset: isize, end_offset: isize, text: &str) {
    let carets = if end_offset > 0 && end_offset > offset { (end_offset - offset) as usize } else { 1 };
    let mut offset = offset - 1;
    let mut text = text;
    while let Some(rest) = text.strip_prefix([' ', '\t', '\x0c']) {
        text = rest;
        offset -= 1;
    }
    let mut len = text.len() as isize;
    if text.ends_with('\n') {
        len -= 1;
    }
    offset = offset.min(len);
    while let Some(nl) = text.find('\n') {
        if nl as isize >= offset {
            break;
        }
        text = &text[nl + 1..];
        len -= nl as isize + 1;
        offset -= nl as isize + 1;
    }
    out.push_str("    ");
    out.push_str(text);
    if text.as_bytes().get(len.max(0) as usize) != Some(&b'\n') {
        out.push('\n');
    }
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    out.extend(std::iter::repeat_n(' ', offset as usize));
    out.extend(std::iter::repeat_n('^', carets));
    out.push('\n');
}

/// Line `lineno` (1-based) of `source`, without its line ending; empty past the end.
pub fn source_line(source: &str, lineno: u32) -> &str {
    let line = source.split_inclusive('\n').nth(lineno.saturating_sub(1) as usize).unwrap_or("");
    line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(line)
}

/// Line `lineno` with a trailing newline, as CPython stores `SyntaxError.text`.
fn line_with_newline(source: &str, lineno: u32) -> String {
    let mut line = source_line(source, lineno).to_owned();
    line.push('\n');
    line
}

/// The number of characters in the first `byte_col` bytes of `line`.
pub fn char_offset(line: &str, byte_col: u32) -> i32 {
    let byte_col = (byte_col as usize).min(line.len());
    let prefix = line.as_bytes()[..byte_col].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    prefix as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_cpython_with_carets_over_the_range() {
        let source = "if x:\n\tfoo(a b)\n";
        let err = SyntaxError::at(
            ErrorKind::SyntaxError,
            "invalid syntax. Perhaps you forgot a comma?",
            source,
            Pos::new(2, 5),
            Pos::new(2, 8),
        );
        assert_eq!((err.offset, err.end_offset), (6, 9));
        assert_eq!(
            err.render("e2.py"),
            "  File \"e2.py\", line 2\n    foo(a b)\n        ^^^\n\
             SyntaxError: invalid syntax. Perhaps you forgot a comma?\n"
        );
    }

    #[test]
    fn errors_that_are_not_syntax_errors_print_their_class_and_message() {
        let deep = SyntaxError::with_fields(ErrorKind::MemoryError, "", (-1, -1), (-1, -1), None);
        assert_eq!(deep.render("x.py"), "MemoryError\n");
        let msg = "maximum recursion depth exceeded during ast construction";
        let deep = SyntaxError::with_fields(ErrorKind::RecursionError, msg, (-1, -1), (-1, -1), None);
        assert_eq!(deep.render("x.py"), format!("RecursionError: {msg}\n"));
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let source = "x = f(é, 1 2)\n";
        let err = SyntaxError::at(ErrorKind::SyntaxError, "m", source, Pos::new(1, 11), Pos::new(1, 15));
        assert_eq!((err.offset, err.end_offset), (11, 14));
    }

    #[test]
    fn no_caret_left_of_stripped_text() {
        let err = SyntaxError::with_fields(
            ErrorKind::IndentationError,
            "unexpected indent",
            (2, 4),
            (2, -1),
            Some("    y = (1,\n".into()),
        );
        assert_eq!(
            err.render("e1.py"),
            "  File \"e1.py\", line 2\n    y = (1,\nIndentationError: unexpected indent\n"
        );
    }
}
