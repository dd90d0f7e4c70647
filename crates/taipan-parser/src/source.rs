//! Source decoding: raw bytes to text as CPython's tokenizer does it — a
//! UTF-8 BOM, a PEP 263 `coding:` declaration on line 1 or 2, UTF-8 by
//! default — with CPython's SyntaxErrors for undecodable input.

use crate::error::SyntaxError;

/// Decodes a source file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<String, SyntaxError> {
    // Placeholder until the lexer lands: UTF-8 only.
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        SyntaxError::with_fields(crate::ErrorKind::SyntaxError, "invalid utf-8", (0, -1), (0, -1), None)
    })
}
