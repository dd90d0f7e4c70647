//! Scanning one token that starts at the cursor: names and keywords
//! (PEP 3131 identifiers), string literals with their prefixes, numbers,
//! operators and brackets. Follows the second half of CPython 3.11's
//! `tok_get`, including the checks that make `1abc` or `0o8` errors.

use super::unicode14::is_newer_than_unicode_14;
use super::{Lexer, MAX_LEVEL};
use crate::error::SyntaxError;
use crate::token::{Pos, TokenKind};

type Scan = Result<(), SyntaxError>;

impl Lexer<'_> {
    /// Scans the token starting at the cursor (`start`).
    pub(super) fn scan_token(&mut self, start: usize) -> Scan {
        match token_start(self.peek()) {
            Start::Name => self.name_or_string(start),
            Start::Digit => self.number(start),
            Start::Quote => self.string(start),
            Start::Dot => self.dot(start),
            Start::Operator | Start::Other => self.operator(start),
        }
    }

    // ---- names and string prefixes ----------------------------------------

    /// A name, a keyword, or the prefix of a string (`rb"…"`, `f'…'`),
    /// with the cursor at `start`.
    #[inline(always)]
    pub(super) fn name_or_string(&mut self, start: usize) -> Scan {
        let (end, any_byte) = self.name_end(start);
        let word = &self.src[start..end];
        self.pos = end;
        if matches!(self.src.get(end), Some(b'\'' | b'"')) {
            return self.prefixed_string_or_name(start);
        }
        if !any_byte.is_ascii() {
            self.verify_identifier(start)?;
        }
        let kind = TokenKind::keyword_in(word).unwrap_or(TokenKind::Name);
        self.push_in_line(kind, start);
        Ok(())
    }

    /// A name right before a quote: a string's prefix (`rb"…"`), or a name.
    #[inline(never)]
    fn prefixed_string_or_name(&mut self, start: usize) -> Scan {
        if is_string_prefix(&self.src[start..self.pos]) {
            return self.string(start);
        }
        if !self.src[start..self.pos].is_ascii() {
            self.verify_identifier(start)?;
        }
        let kind = TokenKind::keyword_in(&self.src[start..self.pos]).unwrap_or(TokenKind::Name);
        self.push_in_line(kind, start);
        Ok(())
    }

    /// Where the run of identifier bytes from `start` ends, and a byte that
    /// is non-ASCII when any of them is.
    #[inline]
    fn name_end(&self, start: usize) -> (usize, u8) {
        let src = self.src;
        let mut end = start;
        while end < src.len() && ASCII_IDENTIFIER_CHAR[src[end] as usize] {
            end += 1;
        }
        match src.get(end) {
            Some(&c) if c >= 0x80 => self.non_ascii_name_end(end),
            _ => (end, 0),
        }
    }

    /// [`Lexer::name_end`] from the first non-ASCII byte of a name.
    #[cold]
    #[inline(never)]
    fn non_ascii_name_end(&self, from: usize) -> (usize, u8) {
        let rest = &self.src[from..];
        let len = rest.iter().take_while(|&&c| IDENTIFIER_CHAR[c as usize]).count();
        (from + len, 0x80)
    }

    /// Checks a name holding non-ASCII characters against PEP 3131
    /// (XID_Start then XID_Continue), erroring at the first bad character.
    /// Kept out of line: most names are ASCII.
    #[cold]
    #[inline(never)]
    fn verify_identifier(&mut self, start: usize) -> Scan {
        let text = &self.text[start..self.pos.min(self.src.len())];
        let mut chars = text.char_indices();
        let first_ok = chars.next().is_some_and(|(_, ch)| ch == '_' || is_xid_start(ch));
        let bad =
            if first_ok { chars.find(|&(_, ch)| !is_xid_continue(ch)) } else { text.char_indices().next() };
        let Some((i, ch)) = bad else { return Ok(()) };
        self.pos = start + i + ch.len_utf8();
        Err(self.invalid_character(ch))
    }

    // ---- strings ---------------------------------------------------------

    /// A string literal from `start` (its prefix) with the cursor on the
    /// opening quote. Only the extent is found; `literals/` decodes it.
    pub(super) fn string(&mut self, start: usize) -> Scan {
        let first = (self.line, self.line_start);
        let quote = self.peek();
        let triple = self.byte(self.pos + 1) == quote && self.byte(self.pos + 2) == quote;
        self.pos += if triple { 3 } else { 1 };
        let closed = if triple { self.triple_string_body(quote) } else { self.single_string_body(quote) };
        if !closed {
            return Err(self.unterminated_string(start, first, triple));
        }
        let start_pos = Pos::new(first.0, (start - first.1) as u32);
        let end = self.pos_of(self.pos);
        self.push(TokenKind::String, start, start_pos, self.pos, end);
        Ok(())
    }

    /// Scans to the closing quote of a one-quote string; false when a
    /// newline or the end comes first.
    fn single_string_body(&mut self, quote: u8) -> bool {
        loop {
            self.skip_plain_string_bytes(quote);
            let c = self.peek();
            if c == quote {
                self.pos += 1;
                return true;
            }
            if c == b'\\' {
                self.pos += 1;
                if !self.skip_escaped() {
                    return false;
                }
                continue;
            }
            return false; // a newline or the end
        }
    }

    /// Steps over the bytes of a string that need no attention: anything
    /// but the quote, a backslash and newlines.
    #[inline]
    fn skip_plain_string_bytes(&mut self, quote: u8) {
        let rest = &self.src[self.pos.min(self.src.len())..];
        self.pos +=
            rest.iter().take_while(|&&c| c != quote && c != b'\\' && c != b'\n' && c != b'\r').count();
    }

    /// Scans to the closing quotes of a triple-quoted string; false at the end.
    fn triple_string_body(&mut self, quote: u8) -> bool {
        let mut quotes = 0;
        loop {
            if quotes == 0 {
                self.skip_plain_string_bytes(quote);
            }
            if self.at_eof() {
                return false;
            }
            let c = self.peek();
            if c == quote {
                self.pos += 1;
                quotes += 1;
                if quotes == 3 {
                    return true;
                }
                continue;
            }
            quotes = 0;
            if c == b'\\' {
                self.pos += 1;
                if !self.skip_escaped() {
                    return false;
                }
                continue;
            }
            let newline = self.newline_len(self.pos);
            if newline > 0 {
                self.consume_newline(newline);
            } else {
                self.pos += 1;
            }
        }
    }

    /// Steps over the character after a backslash in a string (a newline
    /// moves to the next line); false at the end of the input.
    fn skip_escaped(&mut self) -> bool {
        if self.at_eof() {
            return false;
        }
        let newline = self.newline_len(self.pos);
        if newline > 0 {
            self.consume_newline(newline);
        } else {
            self.pos += 1;
        }
        true
    }

    // ---- numbers ---------------------------------------------------------

    /// A number: decimal, hex, octal or binary int, float, or imaginary.
    pub(super) fn number(&mut self, start: usize) -> Scan {
        if let Some(end) = self.plain_int_end() {
            self.pos = end;
            self.push_here(TokenKind::Number, start);
            return Ok(());
        }
        if self.peek() == b'0' {
            match self.byte(self.pos + 1) {
                b'x' | b'X' => return self.radix_number(start, 16),
                b'o' | b'O' => return self.radix_number(start, 8),
                b'b' | b'B' => return self.radix_number(start, 2),
                _ => return self.zero_number(start),
            }
        }
        self.decimal_tail()?;
        self.float_rest(start)
    }

    /// Where a plain decimal integer at the cursor ends (digits only, no
    /// leading zero but in `0` itself), when nothing that could continue a
    /// number follows it; `None` leaves the number to the full scan.
    #[inline]
    fn plain_int_end(&self) -> Option<usize> {
        let rest = self.src.get(self.pos..)?;
        let len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || (len > 1 && rest[0] == b'0') {
            return None;
        }
        match rest.get(len) {
            Some(&c) if is_identifier_char(c) || c == b'.' => None,
            _ => Some(self.pos + len),
        }
    }

    /// Digits with single underscores between them, from the cursor (on a
    /// digit): CPython's `tok_decimal_tail`.
    fn decimal_tail(&mut self) -> Scan {
        loop {
            let rest = &self.src[self.pos.min(self.src.len())..];
            self.pos += rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if self.peek() != b'_' {
                return Ok(());
            }
            self.pos += 1;
            if !self.peek().is_ascii_digit() {
                return Err(self.error_at_cursor("invalid decimal literal"));
            }
        }
    }

    /// `0x…`, `0o…`, `0b…` with the cursor on the `0`.
    fn radix_number(&mut self, start: usize, radix: u32) -> Scan {
        let kind = match radix {
            16 => "hexadecimal",
            8 => "octal",
            _ => "binary",
        };
        self.pos += 2;
        loop {
            if self.peek() == b'_' {
                self.pos += 1;
            }
            let c = self.peek();
            if !(c as char).is_digit(radix) {
                if radix != 16 && c.is_ascii_digit() {
                    self.pos += 1;
                    return Err(self.invalid_digit(c, kind));
                }
                return Err(self.error_at_cursor(&format!("invalid {kind} literal")));
            }
            while (self.peek() as char).is_digit(radix) {
                self.pos += 1;
            }
            if self.peek() != b'_' {
                break;
            }
        }
        let c = self.peek();
        if radix != 16 && c.is_ascii_digit() {
            self.pos += 1;
            return Err(self.invalid_digit(c, kind));
        }
        self.verify_end_of_number(kind)?;
        self.push_here(TokenKind::Number, start);
        Ok(())
    }

    /// A number starting with `0` that is not hex/octal/binary: `0`, `00`,
    /// `0.5`, `0e1`, `0j`; `0777` is an error.
    fn zero_number(&mut self, start: usize) -> Scan {
        self.pos += 1;
        loop {
            if self.peek() == b'_' {
                self.pos += 1;
                if !self.peek().is_ascii_digit() {
                    return Err(self.error_at_cursor("invalid decimal literal"));
                }
            }
            if self.peek() != b'0' {
                break;
            }
            self.pos += 1;
        }
        let zeros_end = self.pos + 1;
        let nonzero = self.peek().is_ascii_digit();
        if nonzero {
            self.decimal_tail()?;
        }
        match self.peek() {
            b'.' | b'e' | b'E' | b'j' | b'J' => self.float_rest(start),
            _ if nonzero => Err(self.leading_zeros_error(start, zeros_end)),
            _ => {
                self.verify_end_of_number("decimal")?;
                self.push_here(TokenKind::Number, start);
                Ok(())
            }
        }
    }

    /// A `.` that starts a number, `...`, or a DOT.
    pub(super) fn dot(&mut self, start: usize) -> Scan {
        if self.byte(self.pos + 1).is_ascii_digit() {
            self.pos += 1;
            return self.fraction(start);
        }
        if self.byte(self.pos + 1) == b'.' && self.byte(self.pos + 2) == b'.' {
            self.pos += 3;
            self.push_here(TokenKind::Ellipsis, start);
        } else {
            self.pos += 1;
            self.push_here(TokenKind::Dot, start);
        }
        Ok(())
    }

    /// After the integer digits of a decimal number: a fraction, an
    /// exponent, a `j`, then the end check.
    fn float_rest(&mut self, start: usize) -> Scan {
        if self.peek() == b'.' {
            self.pos += 1;
            return self.fraction(start);
        }
        self.exponent_and_suffix(start)
    }

    /// After the `.` of a float.
    fn fraction(&mut self, start: usize) -> Scan {
        if self.peek().is_ascii_digit() {
            self.decimal_tail()?;
        }
        self.exponent_and_suffix(start)
    }

    fn exponent_and_suffix(&mut self, start: usize) -> Scan {
        if matches!(self.peek(), b'e' | b'E') {
            let e = self.pos;
            self.pos += 1;
            let mut c = self.peek();
            if c == b'+' || c == b'-' {
                self.pos += 1;
                c = self.peek();
                if !c.is_ascii_digit() {
                    return Err(self.error_at_cursor("invalid decimal literal"));
                }
            } else if !c.is_ascii_digit() {
                // `1e` is the number `1` followed by a name, unless that
                // name makes the number invalid.
                self.pos = e;
                self.verify_end_of_number("decimal")?;
                self.push_here(TokenKind::Number, start);
                return Ok(());
            }
            self.decimal_tail()?;
        }
        if matches!(self.peek(), b'j' | b'J') {
            self.pos += 1;
            self.verify_end_of_number("imaginary")?;
        } else {
            self.verify_end_of_number("decimal")?;
        }
        self.push_here(TokenKind::Number, start);
        Ok(())
    }

    /// CPython 3.11's `verify_end_of_number`: a number directly followed by
    /// a letter, digit, `_` or non-ASCII character is invalid, except before
    /// the keywords `and else for if in is not or` (which CPython only warns
    /// about).
    fn verify_end_of_number(&mut self, kind: &str) -> Scan {
        let c = self.peek();
        let keyword_follows = match c {
            b'a' => self.lookahead(b"nd"),
            b'e' => self.lookahead(b"lse"),
            b'f' => self.lookahead(b"or"),
            b'i' => matches!(self.byte(self.pos + 1), b'f' | b'n' | b's'),
            b'o' => self.lookahead(b"r"),
            b'n' => self.lookahead(b"ot"),
            _ => false,
        };
        if !keyword_follows && c < 0x80 && is_identifier_char(c) {
            return Err(self.error_at_cursor(&format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// Whether the character at the cursor is followed by `rest` and then by
    /// something that cannot continue a name.
    fn lookahead(&self, rest: &[u8]) -> bool {
        let from = self.pos + 1;
        let matches = rest.iter().enumerate().all(|(i, &b)| self.byte(from + i) == b);
        matches && !is_identifier_char(self.byte(from + rest.len()))
    }

    // ---- operators and brackets ------------------------------------------

    /// An operator, a delimiter or a bracket; an ASCII character that is
    /// none of these becomes an `Op` token (as CPython's OP) for the parser
    /// to reject, unless it is not printable.
    #[inline(always)]
    pub(super) fn operator(&mut self, start: usize) -> Scan {
        let (c1, c2) = (self.peek(), self.byte(self.pos + 1));
        // Most operators are one character that no second one extends.
        if let (Some(kind), false) = (ONE_CHAR_OPERATORS[c1 as usize], SECOND_CHARS[c2 as usize]) {
            self.pos += 1;
            self.push_in_line(kind, start);
            return Ok(());
        }
        match c1 {
            b'(' | b'[' | b'{' => {
                self.pos += 1;
                self.open_bracket(start, c1)
            }
            b')' | b']' | b'}' => {
                self.pos += 1;
                self.close_bracket(start, c1)
            }
            _ => self.operator_slow(start, c1, c2),
        }
    }

    /// [`Lexer::operator`] for brackets, two- and three-character
    /// operators and stray characters.
    fn operator_slow(&mut self, start: usize, c1: u8, c2: u8) -> Scan {
        if let Some(kind) = two_char_operator(c1, c2) {
            if let Some(kind3) = three_char_operator(c1, c2, self.byte(self.pos + 2)) {
                self.pos += 3;
                self.push_here(kind3, start);
            } else {
                self.pos += 2;
                self.push_here(kind, start);
            }
            return Ok(());
        }
        self.pos += 1;
        match c1 {
            b'(' | b'[' | b'{' => self.open_bracket(start, c1),
            b')' | b']' | b'}' => self.close_bracket(start, c1),
            _ => {
                let kind = one_char_operator(c1).map_or_else(|| self.other_character(c1), Ok)?;
                self.push_here(kind, start);
                Ok(())
            }
        }
    }

    fn other_character(&self, c: u8) -> Result<TokenKind, SyntaxError> {
        if c.is_ascii_graphic() {
            Ok(TokenKind::Op)
        } else {
            Err(self.error_at_cursor(&format!("invalid non-printable character U+{:04X}", c)))
        }
    }

    #[inline]
    fn open_bracket(&mut self, start: usize, c: u8) -> Scan {
        if self.parens.len() >= MAX_LEVEL {
            return Err(self.error_at_cursor("too many nested parentheses"));
        }
        let kind = match c {
            b'(' => TokenKind::LPar,
            b'[' => TokenKind::LSqb,
            _ => TokenKind::LBrace,
        };
        self.push_in_line(kind, start);
        if let Some(&token) = self.tokens.last() {
            self.parens.push(token);
        }
        Ok(())
    }

    #[inline]
    fn close_bracket(&mut self, start: usize, c: u8) -> Scan {
        let Some(open) = self.parens.pop() else {
            return Err(self.unmatched_bracket(c));
        };
        let (expected, opening) = match open.kind {
            TokenKind::LPar => (TokenKind::RPar, b'('),
            TokenKind::LSqb => (TokenKind::RSqb, b'['),
            _ => (TokenKind::RBrace, b'{'),
        };
        let kind = match c {
            b')' => TokenKind::RPar,
            b']' => TokenKind::RSqb,
            _ => TokenKind::RBrace,
        };
        if kind != expected {
            return Err(self.mismatched_bracket(c, opening, open.start.line));
        }
        self.push_in_line(kind, start);
        Ok(())
    }

    #[cold]
    fn unmatched_bracket(&self, c: u8) -> SyntaxError {
        self.error_at_cursor(&format!("unmatched '{}'", c as char))
    }
}

/// XID_Start as of CPython 3.11's Unicode 14.0.
fn is_xid_start(ch: char) -> bool {
    unicode_ident::is_xid_start(ch) && !is_newer_than_unicode_14(ch)
}

/// XID_Continue as of CPython 3.11's Unicode 14.0.
fn is_xid_continue(ch: char) -> bool {
    unicode_ident::is_xid_continue(ch) && !is_newer_than_unicode_14(ch)
}

const fn is_identifier_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

/// What kind of token a byte starts (the first match of
/// [`Lexer::scan_token`]); `Other` for bytes that start none (blanks,
/// newlines, `#`, `\\`, control characters), which the operator scan rejects.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    Name,
    Digit,
    Quote,
    Dot,
    Operator,
    Other,
}

/// [`Start`] by byte, so that the scan dispatches on one table load.
static STARTS: [Start; 256] = {
    let mut table = [Start::Other; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if is_identifier_start(b) {
            Start::Name
        } else if b.is_ascii_digit() {
            Start::Digit
        } else if b == b'\'' || b == b'"' {
            Start::Quote
        } else if b == b'.' {
            Start::Dot
        } else if b.is_ascii_punctuation() && b != b'#' && b != b'\\' {
            Start::Operator
        } else {
            Start::Other
        };
        c += 1;
    }
    table
};

#[inline]
pub(super) fn token_start(c: u8) -> Start {
    STARTS[c as usize]
}

const fn is_identifier_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// [`is_identifier_char`] for ASCII bytes only, for the name-scanning loop.
static ASCII_IDENTIFIER_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 128 {
        table[c] = is_identifier_char(c as u8);
        c += 1;
    }
    table
};

/// [`is_identifier_char`] as a table.
static IDENTIFIER_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = is_identifier_char(c as u8);
        c += 1;
    }
    table
};

/// Whether `word` is a string prefix: `b`, `r`, `u`, `f` in either case,
/// or `b`/`f` with `r` in either order.
fn is_string_prefix(word: &[u8]) -> bool {
    let (mut b, mut r, mut u, mut f) = (false, false, false, false);
    for &c in word {
        match c {
            b'b' | b'B' if !(b || u || f) => b = true,
            b'u' | b'U' if !(b || u || r || f) => u = true,
            b'r' | b'R' if !(r || u) => r = true,
            b'f' | b'F' if !(f || b || u) => f = true,
            _ => return false,
        }
    }
    !word.is_empty()
}

const fn one_char_operator(c: u8) -> Option<TokenKind> {
    use TokenKind::*;
    Some(match c {
        b':' => Colon,
        b',' => Comma,
        b';' => Semi,
        b'+' => Plus,
        b'-' => Minus,
        b'*' => Star,
        b'/' => Slash,
        b'|' => VBar,
        b'&' => Amper,
        b'<' => Less,
        b'>' => Greater,
        b'=' => Equal,
        b'.' => Dot,
        b'%' => Percent,
        b'~' => Tilde,
        b'^' => Circumflex,
        b'@' => At,
        _ => return Option::None,
    })
}

/// [`one_char_operator`] as a table, brackets excluded (they are counted).
static ONE_CHAR_OPERATORS: [Option<TokenKind>; 256] = {
    let mut table = [Option::None; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = one_char_operator(c as u8);
        c += 1;
    }
    table
};

/// The bytes that can be the second of a two-character operator.
static SECOND_CHARS: [bool; 256] = {
    let mut table = [false; 256];
    table[b'=' as usize] = true;
    table[b'*' as usize] = true;
    table[b'/' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table
};

/// CPython's `PyToken_TwoChars` (including `<>`, which it spells NOTEQUAL).
#[inline]
fn two_char_operator(c1: u8, c2: u8) -> Option<TokenKind> {
    use TokenKind::*;
    // The second characters of all of them: most operators stop here.
    if !SECOND_CHARS[c2 as usize] {
        return Option::None;
    }
    Some(match (c1, c2) {
        (b'!', b'=') => NotEqual,
        (b'%', b'=') => PercentEqual,
        (b'&', b'=') => AmperEqual,
        (b'*', b'*') => DoubleStar,
        (b'*', b'=') => StarEqual,
        (b'+', b'=') => PlusEqual,
        (b'-', b'=') => MinEqual,
        (b'-', b'>') => RArrow,
        (b'/', b'/') => DoubleSlash,
        (b'/', b'=') => SlashEqual,
        (b':', b'=') => ColonEqual,
        (b'<', b'<') => LeftShift,
        (b'<', b'=') => LessEqual,
        (b'<', b'>') => NotEqual,
        (b'=', b'=') => EqEqual,
        (b'>', b'=') => GreaterEqual,
        (b'>', b'>') => RightShift,
        (b'@', b'=') => AtEqual,
        (b'^', b'=') => CircumflexEqual,
        (b'|', b'=') => VBarEqual,
        _ => return Option::None,
    })
}

/// CPython's `PyToken_ThreeChars` (`...` is handled with the dot).
fn three_char_operator(c1: u8, c2: u8, c3: u8) -> Option<TokenKind> {
    use TokenKind::*;
    Some(match (c1, c2, c3) {
        (b'*', b'*', b'=') => DoubleStarEqual,
        (b'/', b'/', b'=') => DoubleSlashEqual,
        (b'<', b'<', b'=') => LeftShiftEqual,
        (b'>', b'>', b'=') => RightShiftEqual,
        _ => return Option::None,
    })
}
