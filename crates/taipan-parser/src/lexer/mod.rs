//! The tokenizer: decoded source text to [`Token`]s, as CPython 3.11's
//! `Parser/tokenizer.c` does it — INDENT/DEDENT from tabs and spaces,
//! implicit and explicit line joining, comments and type comments, every
//! string prefix and number form, operators, and the tokenizer's own
//! SyntaxErrors with CPython's messages and positions.
//!
//! The lexer only finds token extents: string and number values are decoded
//! by `literals/`, and the parser (`parser/`) reads names and keywords
//! through the token spans. It works on bytes with ASCII fast paths and
//! allocates nothing per token.
//!
//! Line endings `\n`, `\r\n` and `\r` are all one newline, and a source that
//! does not end in one gets a virtual `\n` at its end (CPython translates
//! newlines and appends one before tokenizing; it also appends one after a
//! final `\r\n`, making an extra empty last line, and so do we). The virtual newline sits at
//! byte `source.len()`; spans are clamped to the source, columns are not.
//!
//! Positions follow CPython's tokens (see [`Token`]); the three tokens that
//! CPython gives column -1 (INDENT, DEDENT, ENDMARKER) get instead the
//! column where CPython's tokenizer stood when it produced them, which is
//! what CPython's parser uses (as a 1-based offset, unchanged) when it
//! reports an error on one of them: after the indentation for INDENT and
//! DEDENT, past the last line's newline for ENDMARKER and DEDENTs at the end.
//!
//! Neighbours: `scan.rs` (names, numbers, strings, operators), `indent.rs`
//! (the start of a line), `comment.rs` (comments and `# type:` comments),
//! `errors.rs` (the SyntaxError values), `unicode14.rs` (identifiers use
//! CPython 3.11's Unicode version).

mod comment;
mod errors;
mod indent;
mod scan;
#[cfg(test)]
mod tests;
mod unicode14;

use crate::error::SyntaxError;
use crate::token::{Pos, Token, TokenKind};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Options that change tokenization.
#[derive(Clone, Copy, Debug, Default)]
pub struct LexOptions {
    /// Emit `TypeComment`/`TypeIgnore` tokens for `# type:` comments.
    pub type_comments: bool,
    /// Report the offsets of the errors CPython's parser raises for the
    /// tokenizer (indentation, line continuation, EOF) in UTF-8 bytes rather
    /// than characters. CPython does this when it compiles `bytes` that
    /// declare no encoding (as `python -m ast FILE` does); see
    /// `source::Decoded::byte_offsets`.
    pub byte_offsets: bool,
    /// The source is `compile()`'s `eval` or `single` input, to which
    /// CPython adds no newline at the end (it does for `exec` input): the
    /// last line then has no NEWLINE, nor DEDENTs after it.
    pub eval_input: bool,
}

/// The result of tokenizing a whole source text.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    /// Every token up to the end (ending with `EndMarker`), or up to the
    /// point where `error` stopped the lexer.
    pub tokens: Vec<Token>,
    /// The tokenizer error that stopped tokenization right after `tokens`.
    /// The parser raises it when it needs the token after the last one.
    pub error: Option<SyntaxError>,
    /// Brackets still open where tokenization ended, innermost last.
    pub unclosed: Vec<Token>,
}

/// Tokenizes `source`.
pub fn tokenize(source: &str, options: LexOptions) -> Lexed {
    let mut lexer = Lexer::new(source, options);
    lexer.run();
    Lexed { tokens: lexer.tokens, error: lexer.error, unclosed: lexer.parens }
}

/// A NAME token's text as an identifier: NFKC-normalised when not ASCII (PEP 3131).
pub fn normalize_identifier(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let normalized: String = text.nfkc().collect();
    if normalized == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalized)
    }
}

/// CPython's limit on nested indentation levels (`MAXINDENT`).
const MAX_INDENT: usize = 100;
/// CPython's limit on nested brackets (`MAXLEVEL`).
const MAX_LEVEL: usize = 200;

/// The tokenizer's state: a cursor over the source plus the indentation
/// and bracket stacks.
struct Lexer<'s> {
    text: &'s str,
    src: &'s [u8],
    /// `src.len()` plus one for the virtual newline when the source does not
    /// end in a newline: positions run over `0..end`.
    end: usize,
    pos: usize,
    /// The current line (1-based) and the byte where it starts.
    line: u32,
    line_start: usize,
    /// Where CPython's line buffer starts: the line read at the last start
    /// of a line (continuation lines and multi-line strings extend it).
    buf_start: usize,
    at_bol: bool,
    /// Indentation columns with tabs to multiples of 8, and with tabs as 1.
    indents: Vec<u32>,
    alt_indents: Vec<u32>,
    /// INDENTs (positive) or DEDENTs (negative) still to emit.
    pending: i32,
    parens: Vec<Token>,
    tokens: Vec<Token>,
    error: Option<SyntaxError>,
    options: LexOptions,
}

/// What one step of the lexer did.
enum Step {
    Continue,
    Done,
}

impl<'s> Lexer<'s> {
    fn new(text: &'s str, options: LexOptions) -> Self {
        let src = text.as_bytes();
        // CPython appends a newline when the last character is not one and,
        // through a quirk of its newline translation, after a final `\r\n`.
        let virtual_newline =
            !options.eval_input && (!matches!(src.last(), Some(b'\n' | b'\r')) || src.ends_with(b"\r\n"));
        Lexer {
            text,
            src,
            end: src.len() + virtual_newline as usize,
            pos: 0,
            line: 1,
            line_start: 0,
            buf_start: 0,
            at_bol: true,
            indents: vec![0],
            alt_indents: vec![0],
            pending: 0,
            parens: Vec::new(),
            // Lib averages about 6 bytes per token, dense generated code
            // about 3: room for 2 avoids copying the vector as it grows
            // (the pages of the unused tail are never touched).
            tokens: Vec::with_capacity(src.len() / 2 + 16),
            error: None,
            options,
        }
    }

    fn run(&mut self) {
        while let Step::Continue = self.next_token() {}
    }

    /// The byte at `i`: the source, then the virtual newline, then 0 (EOF).
    #[inline]
    fn byte(&self, i: usize) -> u8 {
        match self.src.get(i) {
            Some(&b) => b,
            None if i < self.end => b'\n',
            None => 0,
        }
    }

    #[inline]
    fn peek(&self) -> u8 {
        self.byte(self.pos)
    }

    #[inline]
    fn at_eof(&self) -> bool {
        self.pos >= self.end
    }

    /// The length of the newline at `i` (`\n`, `\r\n`, `\r` or the virtual
    /// one), or 0 when there is none.
    #[inline]
    fn newline_len(&self, i: usize) -> usize {
        match self.byte(i) {
            b'\n' if i < self.end => 1,
            b'\r' => 1 + (self.byte(i + 1) == b'\n' && i + 1 < self.src.len()) as usize,
            _ => 0,
        }
    }

    /// Steps over the newline at the cursor (of length `len`) and onto the
    /// next line, if there is one: CPython counts a line when it reads it.
    fn consume_newline(&mut self, len: usize) {
        self.pos += len;
        if self.pos < self.end {
            self.line += 1;
            self.line_start = self.pos;
        }
    }

    /// The position of byte `i` on the current line.
    #[inline]
    fn pos_of(&self, i: usize) -> Pos {
        Pos::new(self.line, (i - self.line_start) as u32)
    }

    /// Where CPython's tokenizer stands at the end of the input: past the
    /// last line and its newline (counted as one byte) if it has one.
    fn eof_pos(&self) -> Pos {
        Pos::new(self.line, self.line_len_with_newline() as u32)
    }

    /// The current line's length, counting its newline (if any) as one byte.
    pub(super) fn line_len_with_newline(&self) -> usize {
        let rest = &self.src[self.line_start.min(self.src.len())..];
        let content = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        content + (self.line_start + content < self.end) as usize
    }

    fn push(&mut self, kind: TokenKind, lo: usize, start: Pos, hi: usize, end: Pos) {
        let len = self.src.len();
        self.tokens.push(Token { kind, start, end, lo: lo.min(len) as u32, hi: hi.min(len) as u32 });
    }

    /// Pushes a token from `lo` to the cursor, both on the current line and
    /// within the source (not on the virtual newline): no clamping.
    #[inline]
    fn push_in_line(&mut self, kind: TokenKind, lo: usize) {
        debug_assert!(self.pos <= self.src.len());
        let line_start = self.line_start;
        let (start, end) = (
            Pos::new(self.line, (lo - line_start) as u32),
            Pos::new(self.line, (self.pos - line_start) as u32),
        );
        self.tokens.push(Token { kind, start, end, lo: lo as u32, hi: self.pos as u32 });
    }

    /// Pushes a token from `lo` to the cursor, both on the current line.
    fn push_here(&mut self, kind: TokenKind, lo: usize) {
        let (start, end) = (self.pos_of(lo), self.pos_of(self.pos));
        self.push(kind, lo, start, self.pos, end);
    }

    /// One call of CPython's `tok_get`: emits at most one token (blank
    /// lines and comments are skipped inside), or stops at an error or the end.
    fn next_token(&mut self) -> Step {
        loop {
            let mut blank_line = false;
            if self.at_bol {
                self.at_bol = false;
                match self.start_of_line() {
                    Ok(blank) => blank_line = blank,
                    Err(err) => return self.fail(err),
                }
            }
            if self.pending != 0 {
                return self.emit_pending();
            }
            match self.token_on_line(blank_line) {
                Some(step) => return step,
                None => continue,
            }
        }
    }

    /// After a token on a line: the names, numbers, strings and operators
    /// that follow on the same line, scanned without the line-start,
    /// comment and newline checks of [`Lexer::next_token`] (most tokens).
    fn simple_tokens(&mut self) -> Step {
        loop {
            self.skip_blanks();
            let start = self.pos;
            let scanned = match scan::token_start(self.peek()) {
                scan::Start::Name => self.name_or_string(start),
                scan::Start::Digit => self.number(start),
                scan::Start::Quote => self.string(start),
                scan::Start::Dot => self.dot(start),
                scan::Start::Operator => self.operator(start),
                scan::Start::Other => {
                    // The commonest end of a line, taken here rather than
                    // through `next_token` (the line has a token: not blank).
                    if self.src.get(start) == Some(&b'\n') {
                        self.newline(start, 1, false);
                    }
                    return Step::Continue;
                }
            };
            if let Err(err) = scanned {
                return self.fail(err);
            }
        }
    }

    /// Emits one pending INDENT or DEDENT.
    fn emit_pending(&mut self) -> Step {
        let kind = if self.pending < 0 {
            self.pending += 1;
            TokenKind::Dedent
        } else {
            self.pending -= 1;
            TokenKind::Indent
        };
        let at = if self.at_eof() { self.eof_pos() } else { self.pos_of(self.pos) };
        self.push(kind, self.pos, at, self.pos, at);
        Step::Continue
    }

    /// The rest of `tok_get` after the indentation: skips blanks, comments
    /// and continuation lines and scans one token. `None` means a newline
    /// was skipped (a blank line or one inside brackets): start a new line.
    fn token_on_line(&mut self, blank_line: bool) -> Option<Step> {
        loop {
            self.skip_blanks();
            let start = self.pos;
            let c = self.peek();
            if c == b'#' {
                self.skip_comment();
                if self.options.type_comments {
                    if let Some(step) = self.type_comment(start, blank_line) {
                        return Some(step);
                    }
                }
            }
            if self.at_eof() {
                return Some(self.end_of_input());
            }
            let c = self.peek();
            let newline = self.newline_len(self.pos);
            if newline > 0 {
                return self.newline(start, newline, blank_line);
            }
            if c == b'\\' {
                if let Err(err) = self.line_continuation() {
                    return Some(self.fail(err));
                }
                continue;
            }
            return Some(match self.scan_token(start) {
                Ok(()) => self.simple_tokens(),
                Err(err) => self.fail(err),
            });
        }
    }

    #[inline]
    fn skip_blanks(&mut self) {
        while let Some(b' ' | b'\t' | b'\x0c') = self.src.get(self.pos) {
            self.pos += 1;
        }
    }

    /// A newline: NEWLINE ends a logical line, unless the line was blank or
    /// brackets are open. A comment before it belongs to the NEWLINE token.
    fn newline(&mut self, start: usize, len: usize, blank_line: bool) -> Option<Step> {
        let skip = blank_line || !self.parens.is_empty();
        if !skip {
            let (at, end) = (self.pos_of(start), self.pos_of(self.pos));
            self.push(TokenKind::Newline, start, at, self.pos, end);
        }
        self.consume_newline(len);
        self.at_bol = true;
        if skip {
            None
        } else {
            Some(Step::Continue)
        }
    }

    /// A backslash: the next line continues this one.
    pub(super) fn line_continuation(&mut self) -> Result<(), SyntaxError> {
        self.pos += 1;
        let newline = self.newline_len(self.pos);
        if newline == 0 {
            return Err(self.continuation_error());
        }
        self.consume_newline(newline);
        if self.at_eof() {
            return Err(self.eof_error());
        }
        Ok(())
    }

    /// The end of the input: DEDENTs were emitted at the start of the
    /// (missing) line; an open bracket is an error.
    fn end_of_input(&mut self) -> Step {
        if !self.parens.is_empty() {
            let err = self.never_closed_error();
            return self.fail(err);
        }
        let at = self.eof_pos();
        self.push(TokenKind::EndMarker, self.pos, at, self.pos, at);
        Step::Done
    }

    fn fail(&mut self, err: SyntaxError) -> Step {
        self.error = Some(err);
        Step::Done
    }
}
