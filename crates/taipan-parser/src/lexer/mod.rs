//! The tokenizer: decoded source text to [`Token`]s, as CPython 3.11's
//! `Parser/tokenizer.c` does it (placeholder: being written).

use crate::error::SyntaxError;
use crate::token::Token;
use std::borrow::Cow;

/// Options that change tokenization.
#[derive(Clone, Copy, Debug, Default)]
pub struct LexOptions {
    /// Emit `TypeComment`/`TypeIgnore` tokens for `# type:` comments.
    pub type_comments: bool,
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
pub fn tokenize(_source: &str, _options: LexOptions) -> Lexed {
    unimplemented!("lexer not written yet")
}

/// A NAME token's text as an identifier: NFKC-normalised when not ASCII (PEP 3131).
pub fn normalize_identifier(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}
