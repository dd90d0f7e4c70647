//! Source decoding: raw bytes to text as CPython 3.11 does it when it
//! compiles `bytes` (what `python -m ast FILE` does) — a UTF-8 BOM, a PEP 263
//! `coding:` declaration on line 1 or 2, UTF-8 by default — with CPython's
//! SyntaxErrors for null bytes, unknown encodings, a BOM contradicting the
//! declaration and undecodable text.
//!
//! Line endings are kept as they are (the lexer treats `\r\n` and `\r` as
//! newlines). Besides UTF-8, Latin-1 and ASCII, a few single-byte code pages
//! are decoded from tables generated from CPython's codecs; any other name
//! is reported as an unknown encoding.
//!
//! Invalid UTF-8 is not an error by itself: CPython accepts it in comments.
//! Elsewhere it becomes the error CPython reports there (in a string literal
//! or in a name); to find where it is, the text is decoded with U+FFFD for
//! each bad sequence and tokenized. CPython decodes a string literal's value
//! only when its parser builds the literal, so an error there is deferred
//! ([`decode_source_lazy`]): the parser raises it when it reaches that
//! literal, and an earlier syntax error wins.

use crate::error::{ErrorKind, SyntaxError};
use crate::lexer::{tokenize, LexOptions, Lexed};
use crate::token::{Token, TokenKind};
use std::borrow::Cow;

/// Decoded source text, with what the parser needs to know about how.
/// `text` is a `String`, or with [`decode_source_borrowed`] a `Cow` that
/// borrows the bytes when they are UTF-8 already.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<T = String> {
    pub text: T,
    /// No BOM and no coding declaration: CPython then reports the offsets
    /// of the errors its parser raises in UTF-8 bytes (see
    /// `LexOptions::byte_offsets`).
    pub byte_offsets: bool,
}

/// Decodes a source file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<String, SyntaxError> {
    decode_source(bytes).map(|decoded| decoded.text)
}

/// Decodes a source file's bytes to text, telling how.
pub fn decode_source(bytes: &[u8]) -> Result<Decoded, SyntaxError> {
    let decoded = decode_source_borrowed(bytes)?;
    Ok(Decoded { text: decoded.text.into_owned(), byte_offsets: decoded.byte_offsets })
}

/// [`decode_source`] without copying UTF-8 bytes (the common case).
pub fn decode_source_borrowed(bytes: &[u8]) -> Result<Decoded<Cow<'_, str>>, SyntaxError> {
    match decode_source_lazy(bytes)? {
        (_, Some(deferred)) => Err(deferred.error),
        (decoded, None) => Ok(decoded),
    }
}

/// An undecodable string literal: the error CPython raises when its parser
/// builds the literal whose token spans text position `at`.
#[derive(Clone, Debug)]
pub(crate) struct Deferred {
    pub at: usize,
    pub error: SyntaxError,
}

/// [`decode_source_borrowed`], with an undecodable string literal's error
/// deferred to the parser rather than raised.
pub(crate) fn decode_source_lazy(
    bytes: &[u8],
) -> Result<(Decoded<Cow<'_, str>>, Option<Deferred>), SyntaxError> {
    if bytes.contains(&0) {
        let msg = "source code string cannot contain null bytes";
        return Err(SyntaxError::with_fields(ErrorKind::SyntaxError, msg, (-1, -1), (-1, -1), None));
    }
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let declared = declared_encoding(body);
    if let Some(name) = &declared {
        if bom && name != "utf-8" {
            return Err(init_error(format!("encoding problem: {name} with BOM")));
        }
    }
    let (text, deferred) = match declared.as_deref() {
        None | Some("utf-8") => decode_utf8(body)?,
        Some(name) => (Cow::Owned(decode_with(name, body)?), None),
    };
    Ok((Decoded { text, byte_offsets: !bom && declared.is_none() }, deferred))
}

/// An error CPython raises before tokenizing: line 0, offset -1, no end
/// (`None`), no text.
fn init_error(msg: String) -> SyntaxError {
    SyntaxError::with_fields(ErrorKind::SyntaxError, msg, (0, -1), (-1, -1), None)
}

// ---- PEP 263 declarations ---------------------------------------------------

/// The encoding declared on line 1, or on line 2 when line 1 holds only a
/// comment or blanks; normalised as CPython's `get_normal_name`.
fn declared_encoding(body: &[u8]) -> Option<String> {
    let (line1, rest) = split_line(body);
    if let Some(spec) = coding_spec(line1) {
        return Some(spec);
    }
    if !is_comment_or_blank(line1) || rest.is_empty() {
        return None;
    }
    coding_spec(split_line(rest).0)
}

/// The first line of `bytes` (without its newline) and the rest.
fn split_line(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
        Some(i) => {
            let skip = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            (&bytes[..i], &bytes[i + skip..])
        }
        None => (bytes, &[]),
    }
}

fn is_comment_or_blank(line: &[u8]) -> bool {
    line.iter().take_while(|&&b| b != b'#').all(|&b| matches!(b, b' ' | b'\t' | b'\x0c'))
}

/// CPython's `get_coding_spec`: in a line that is only a comment (after
/// blanks), the first `coding` followed by `:` or `=`, blanks, and a name of
/// letters, digits, `-`, `_` and `.`.
fn coding_spec(line: &[u8]) -> Option<String> {
    let hash = line.iter().position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[hash] != b'#' {
        return None;
    }
    let mut i = hash;
    // CPython looks for `coding` only where at least one byte follows it.
    while i + 6 < line.len() {
        if &line[i..i + 6] == b"coding" && matches!(line[i + 6], b':' | b'=') {
            let mut j = i + 7;
            while matches!(line.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            let len =
                line[j..].iter().take_while(|&&b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)).count();
            if len > 0 {
                return Some(normal_name(&line[j..j + len]));
            }
        }
        i += 1;
    }
    None
}

/// CPython's `get_normal_name`: the UTF-8 and Latin-1 spellings it
/// recognises become `utf-8` and `iso-8859-1`; other names stay as written.
fn normal_name(name: &[u8]) -> String {
    let written = String::from_utf8_lossy(name).into_owned();
    let folded: String =
        name.iter().take(12).map(|&b| if b == b'_' { '-' } else { b.to_ascii_lowercase() as char }).collect();
    if folded == "utf-8" || folded.starts_with("utf-8-") {
        return "utf-8".into();
    }
    let latin1 = ["latin-1", "iso-8859-1", "iso-latin-1"];
    if latin1.iter().any(|l| folded == *l || folded.starts_with(&format!("{l}-"))) {
        return "iso-8859-1".into();
    }
    written
}

// ---- decoding ---------------------------------------------------------------

/// The codecs Taipan can decode, found as Python's `codecs.lookup` finds
/// them: lower case, runs of other characters than letters, digits and `.`
/// made one `_`, then the aliases.
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    Table(&'static [u16; 128]),
}

fn find_codec(name: &str) -> Option<Codec> {
    let key = codec_key(name);
    let is =
        |names: &[&str]| names.contains(&key.as_str()) || names.contains(&key.replace('.', "_").as_str());
    if is(&["utf_8", "cp65001", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4"]) {
        return Some(Codec::Utf8);
    }
    let latin1 = [
        "latin_1",
        "8859",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso8859",
        "iso8859_1",
        "iso_8859_1",
        "iso_8859_1_1987",
        "iso_ir_100",
        "l1",
        "latin",
        "latin1",
    ];
    if is(&latin1) {
        return Some(Codec::Latin1);
    }
    let ascii = [
        "ascii",
        "646",
        "ansi_x3.4_1968",
        "ansi_x3.4_1986",
        "ansi_x3_4_1968",
        "cp367",
        "csascii",
        "ibm367",
        "iso646_us",
        "iso_646.irv_1991",
        "iso_ir_6",
        "us",
        "us_ascii",
    ];
    if is(&ascii) {
        return Some(Codec::Ascii);
    }
    SINGLE_BYTE_CODECS
        .iter()
        .find(|(codec, aliases, _)| is(&[codec]) || is(aliases))
        .map(|(_, _, table)| Codec::Table(table))
}

fn codec_key(name: &str) -> String {
    let mut key = String::new();
    let mut gap = false;
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() || ch == '.' {
            if gap && !key.is_empty() {
                key.push('_');
            }
            gap = false;
            key.push(ch.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    key
}

/// Decodes `body` with the declared codec `name`.
fn decode_with(name: &str, body: &[u8]) -> Result<String, SyntaxError> {
    let Some(codec) = find_codec(name) else {
        return Err(init_error(format!("unknown encoding: {name}")));
    };
    let mut text = String::with_capacity(body.len());
    let (codec_name, reason) = match codec {
        Codec::Utf8 => {
            return match decode_utf8(body)? {
                (_, Some(deferred)) => Err(deferred.error),
                (text, None) => Ok(text.into_owned()),
            }
        }
        Codec::Latin1 => return Ok(body.iter().map(|&b| b as char).collect()),
        Codec::Ascii => ("ascii", "ordinal not in range(128)"),
        Codec::Table(_) => ("charmap", "character maps to <undefined>"),
    };
    for (i, &b) in body.iter().enumerate() {
        let ch = match (b, &codec) {
            (0..=0x7F, _) => Some(b as char),
            (_, Codec::Table(table)) => {
                char::from_u32(table[b as usize - 0x80] as u32).filter(|&c| c != '\u{FFFF}')
            }
            _ => None,
        };
        match ch {
            Some(ch) => text.push(ch),
            None => {
                let position = translated_position(body, i);
                return Err(init_error(format!(
                    "'{codec_name}' codec can't decode byte 0x{b:02x} in position {position}: {reason}"
                )));
            }
        }
    }
    Ok(text)
}

/// Where byte `i` of `body` is once CPython has made every `\r\n` one `\n`.
fn translated_position(body: &[u8], i: usize) -> usize {
    i - body[..i].windows(2).filter(|w| w == b"\r\n").count()
}

/// UTF-8 text; invalid sequences are accepted where CPython accepts them
/// (in comments) and otherwise reported as CPython reports them.
/// An error in a string literal is returned as [`Deferred`].
fn decode_utf8(body: &[u8]) -> Result<(Cow<'_, str>, Option<Deferred>), SyntaxError> {
    match std::str::from_utf8(body) {
        Ok(text) => Ok((Cow::Borrowed(text), None)),
        Err(_) => invalid_utf8::check(body).map(|(text, deferred)| (Cow::Owned(text), deferred)),
    }
}

mod invalid_utf8 {
    //! UTF-8 errors outside comments, reported as CPython 3.11 reports them
    //! when it meets them in a name or a string literal.
    use super::*;

    /// One invalid sequence: where it is in the source and in the text
    /// decoded with U+FFFD in its place.
    struct Bad {
        byte: usize,
        len: usize,
        text_pos: usize,
    }

    pub(super) fn check(body: &[u8]) -> Result<(String, Option<Deferred>), SyntaxError> {
        let (text, bad) = decode_lossy(body);
        let lexed = tokenize(&text, LexOptions::default());
        for b in &bad {
            match verdict(body, &text, &lexed, &bad, b) {
                Verdict::InComment => continue,
                Verdict::LexerReports => break,
                Verdict::Error(err) => return Err(err),
                Verdict::InString(err) => return Ok((text, Some(Deferred { at: b.text_pos, error: err }))),
            }
        }
        Ok((text, None))
    }

    enum Verdict {
        InComment,
        /// The lexer stops with its own error before reaching it.
        LexerReports,
        Error(SyntaxError),
        /// In a string literal: raised when the parser builds it.
        InString(SyntaxError),
    }

    fn decode_lossy(body: &[u8]) -> (String, Vec<Bad>) {
        let mut text = String::with_capacity(body.len() + 16);
        let mut bad = Vec::new();
        let mut rest = body;
        let mut byte = 0;
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    text.push_str(valid);
                    return (text, bad);
                }
                Err(err) => {
                    let good = err.valid_up_to();
                    text.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                    let len = err.error_len().unwrap_or(rest.len() - good);
                    bad.push(Bad { byte: byte + good, len, text_pos: text.len() });
                    text.push('\u{FFFD}');
                    byte += good + len;
                    rest = &rest[good + len..];
                }
            }
        }
    }

    /// What CPython makes of the bad sequence `b`.
    fn verdict(body: &[u8], text: &str, lexed: &Lexed, all: &[Bad], b: &Bad) -> Verdict {
        let tokens = &lexed.tokens;
        if let Some(i) =
            tokens.iter().position(|t| (t.lo as usize) <= b.text_pos && b.text_pos < t.hi as usize)
        {
            return match tokens[i].kind {
                TokenKind::String => string_error(body, text, tokens, all, i, b)
                    .map_or(Verdict::LexerReports, Verdict::InString),
                _ => Verdict::LexerReports,
            };
        }
        let line_start = text[..b.text_pos].rfind(['\n', '\r']).map_or(0, |n| n + 1);
        if text[line_start..b.text_pos].contains('#') {
            return Verdict::InComment;
        }
        match &lexed.error {
            Some(err) if err.msg.contains("(U+FFFD)") && err.lineno == line_number(text, b.text_pos) => {
                Verdict::Error(name_error(body, text, all, b))
            }
            _ => Verdict::LexerReports,
        }
    }

    /// A bad sequence in a name: CPython's message names its position in
    /// the run of name characters, reported at the run's end (in bytes).
    fn name_error(body: &[u8], text: &str, all: &[Bad], b: &Bad) -> SyntaxError {
        let line_start_text = text[..b.text_pos].rfind(['\n', '\r']).map_or(0, |n| n + 1);
        let run_start = text[line_start_text..b.text_pos]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '_' || c == '\u{FFFD}' || !c.is_ascii())
            .last()
            .map_or(b.text_pos, |(i, _)| line_start_text + i);
        let mut run_end = b.text_pos;
        for (i, c) in text[b.text_pos..].char_indices() {
            if !(c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()) {
                break;
            }
            run_end = b.text_pos + i + c.len_utf8();
        }
        let byte_of = |text_pos: usize| to_byte(all, text_pos);
        let line_start = byte_of(line_start_text);
        let msg = unicode_error(body, b, byte_of(run_start)..byte_of(run_end));
        let lineno = line_number(text, b.text_pos);
        let offset = (byte_of(run_end) - line_start) as i32;
        let line = line_text(text, line_start_text);
        SyntaxError::with_fields(ErrorKind::SyntaxError, msg, (lineno, offset), (lineno, -1), Some(line))
    }

    /// A bad sequence in a string literal: CPython reports it at the token
    /// after the run of string literals, in bytes.
    fn string_error(
        body: &[u8],
        text: &str,
        tokens: &[Token],
        all: &[Bad],
        index: usize,
        b: &Bad,
    ) -> Option<SyntaxError> {
        let token = tokens[index];
        let literal = token.text(text);
        let prefix = literal.find(['\'', '"']).unwrap_or(0);
        if literal[..prefix].bytes().any(|c| c == b'b' || c == b'B') {
            return None; // the literals' own "bytes can only contain ASCII" error
        }
        let quotes = if literal[prefix..].starts_with("\"\"\"") || literal[prefix..].starts_with("'''") {
            3
        } else {
            1
        };
        let body_start = to_byte(all, token.lo as usize + prefix + quotes);
        let raw = literal[..prefix].bytes().any(|c| c == b'r' || c == b'R');
        let fstring = literal[..prefix].bytes().any(|c| c == b'f' || c == b'F');
        let body_end = to_byte(all, token.hi as usize - quotes);
        let chunk = if raw || !literal.contains('\\') && !fstring {
            body_start..body_end
        } else {
            non_ascii_run(body, b.byte, body_start..body_end)
        };
        let msg = unicode_error(body, b, chunk);
        let next = tokens[index..].iter().find(|t| t.kind != TokenKind::String)?;
        let line_start_text = (next.lo as usize).checked_sub(next.start.col as usize)?;
        let line_start = to_byte(all, line_start_text);
        let col = |p: usize| (to_byte(all, p) - line_start) as i32 + 1;
        let (lineno, end_lineno) = (next.start.line as i32, next.end.line as i32);
        let offset = col(next.lo as usize);
        let end_offset = if next.end.line == next.start.line { col(next.hi as usize) } else { offset };
        // CPython shows the error's line as read back from the file, or,
        // when that line does not decode, its line buffer: from the
        // literal's first line on.
        let first_line = token.lo as usize - token.start.col as usize;
        let line = line_text(text, line_start_text);
        let line_end = line_start_text + line.len();
        let mut lines = line.clone();
        if all.iter().any(|b| (line_start_text..line_end).contains(&b.text_pos))
            && first_line < line_start_text
        {
            lines = text[first_line..line_start_text].to_owned() + &line;
        }
        Some(SyntaxError::with_fields(
            ErrorKind::SyntaxError,
            msg,
            (lineno, offset),
            (end_lineno, end_offset),
            Some(lines),
        ))
    }

    /// Python's UnicodeDecodeError text for the bad sequence `b` when the
    /// bytes `chunk` (a range of `body`) are decoded.
    fn unicode_error(body: &[u8], b: &Bad, chunk: std::ops::Range<usize>) -> String {
        let first = body[b.byte];
        let reason = if !(0xC2..=0xF4).contains(&first) {
            "invalid start byte"
        } else if b.byte + b.len >= chunk.end {
            "unexpected end of data"
        } else {
            "invalid continuation byte"
        };
        let position = b.byte - chunk.start;
        // Python names the maximal invalid subpart (Rust's `error_len`, or
        // the rest for a truncated sequence) when it is longer than a byte.
        let len = b.len.min(chunk.end.saturating_sub(b.byte)).max(1);
        if len > 1 {
            let last = position + len - 1;
            return format!(
                "(unicode error) 'utf-8' codec can't decode bytes in position {position}-{last}: {reason}"
            );
        }
        format!(
            "(unicode error) 'utf-8' codec can't decode byte 0x{first:02x} in position {position}: {reason}"
        )
    }

    /// The run of non-ASCII bytes around `at` within `within`: what CPython
    /// decodes at once in a string literal with escapes.
    fn non_ascii_run(body: &[u8], at: usize, within: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let (mut start, mut end) = (at, at);
        while start > within.start && body[start - 1] >= 0x80 {
            start -= 1;
        }
        while end < within.end && body[end] >= 0x80 {
            end += 1;
        }
        start..end
    }

    /// The source byte offset of a text offset.
    fn to_byte(all: &[Bad], text_pos: usize) -> usize {
        let mut shift: isize = 0;
        for b in all.iter().take_while(|b| b.text_pos < text_pos) {
            shift += b.len as isize - 3;
        }
        (text_pos as isize + shift) as usize
    }

    fn line_number(text: &str, pos: usize) -> i32 {
        let before = &text.as_bytes()[..pos];
        let mut lines = 1;
        let mut i = 0;
        while i < before.len() {
            if before[i] == b'\n' || (before[i] == b'\r' && before.get(i + 1) != Some(&b'\n')) {
                lines += 1;
            }
            i += 1;
        }
        lines
    }

    fn line_text(text: &str, line_start: usize) -> String {
        let rest = &text[line_start..];
        let end = rest.find(['\n', '\r']).map_or(rest.len(), |n| n + 1);
        let mut line = rest[..end].trim_end_matches(['\n', '\r']).to_owned();
        if end <= rest.len() && rest[..end].ends_with(['\n', '\r']) {
            line.push('\n');
        }
        line
    }
}

// GENERATED by tests/lexer_codecs_gen.py from CPython's codecs: do not edit.
/// (codec, its aliases, what bytes 0x80..=0xFF decode to; 0xFFFF: undefined)
#[rustfmt::skip]
static SINGLE_BYTE_CODECS: &[(&str, &[&str], [u16; 128])] = &[
    ("cp1252", &["1252", "windows_1252"], [
        0x20AC, 0xFFFF, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFF, 0x017D, 0xFFFF,
        0xFFFF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFF, 0x017E, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
    ]),
    ("cp1250", &["1250", "windows_1250"], [
        0x20AC, 0xFFFF, 0x201A, 0xFFFF, 0x201E, 0x2026, 0x2020, 0x2021, 0xFFFF, 0x2030, 0x0160, 0x2039, 0x015A, 0x0164, 0x017D, 0x0179,
        0xFFFF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFF, 0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A,
        0x00A0, 0x02C7, 0x02D8, 0x0141, 0x00A4, 0x0104, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,
        0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x0105, 0x015F, 0x00BB, 0x013D, 0x02DD, 0x013E, 0x017C,
        0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7, 0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
        0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7, 0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
        0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7, 0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
        0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7, 0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
    ]),
    ("cp1251", &["1251", "windows_1251"], [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFF, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    ]),
    ("koi8_r", &["cskoi8r"], [
        0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584, 0x2588, 0x258C, 0x2590,
        0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7,
        0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556, 0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E,
        0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564, 0x2565, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9,
        0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E,
        0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A,
        0x042E, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E,
        0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A,
    ]),
    ("koi8_u", &[], [
        0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584, 0x2588, 0x258C, 0x2590,
        0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7,
        0x2550, 0x2551, 0x2552, 0x0451, 0x0454, 0x2554, 0x0456, 0x0457, 0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x0491, 0x255D, 0x255E,
        0x255F, 0x2560, 0x2561, 0x0401, 0x0404, 0x2563, 0x0406, 0x0407, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x0490, 0x256C, 0x00A9,
        0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E,
        0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A,
        0x042E, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E,
        0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A,
    ]),
    ("iso8859_2", &["csisolatin2", "iso_8859_2", "iso_8859_2_1987", "iso_ir_101", "l2", "latin2"], [
        0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0085, 0x0086, 0x0087, 0x0088, 0x0089, 0x008A, 0x008B, 0x008C, 0x008D, 0x008E, 0x008F,
        0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097, 0x0098, 0x0099, 0x009A, 0x009B, 0x009C, 0x009D, 0x009E, 0x009F,
        0x00A0, 0x0104, 0x02D8, 0x0141, 0x00A4, 0x013D, 0x015A, 0x00A7, 0x00A8, 0x0160, 0x015E, 0x0164, 0x0179, 0x00AD, 0x017D, 0x017B,
        0x00B0, 0x0105, 0x02DB, 0x0142, 0x00B4, 0x013E, 0x015B, 0x02C7, 0x00B8, 0x0161, 0x015F, 0x0165, 0x017A, 0x02DD, 0x017E, 0x017C,
        0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7, 0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
        0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7, 0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
        0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7, 0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
        0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7, 0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
    ]),
    ("iso8859_15", &["iso_8859_15", "l9", "latin9"], [
        0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0085, 0x0086, 0x0087, 0x0088, 0x0089, 0x008A, 0x008B, 0x008C, 0x008D, 0x008E, 0x008F,
        0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097, 0x0098, 0x0099, 0x009A, 0x009B, 0x009C, 0x009D, 0x009E, 0x009F,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x20AC, 0x00A5, 0x0160, 0x00A7, 0x0161, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x017D, 0x00B5, 0x00B6, 0x00B7, 0x017E, 0x00B9, 0x00BA, 0x00BB, 0x0152, 0x0153, 0x0178, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
    ]),
    ("mac_roman", &["macintosh", "macroman"], [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, 0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ]),
    ("cp437", &["437", "cspc8codepage437", "ibm437"], [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
        0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
        0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
        0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
        0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
        0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
        0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
    ]),
    ("cp850", &["850", "cspc850multilingual", "ibm850"], [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
        0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,
        0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
        0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
        0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
        0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,
        0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8, 0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
    ]),
];
// END GENERATED
