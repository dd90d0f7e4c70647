//! The front end of Taipan: Python 3.11 source text to an AST identical to
//! CPython 3.11's `ast` module.
//!
//! The pipeline inside this crate:
//! `source` (bytes → text, PEP 263) → `lexer` (text → tokens) →
//! `parser` (tokens → `ast`) with errors as `error::SyntaxError` values.
//! `dump` prints an AST exactly as `ast.dump(tree, indent=3,
//! include_attributes=True)` does. The compiler (a later crate) consumes `ast`.

pub mod ast;
pub mod dump;
pub mod error;
pub mod lexer;
pub mod literals;
pub mod parser;
pub mod reflect;
pub mod source;
pub mod token;

pub use error::{ErrorKind, SyntaxError};

/// What the source is parsed as: the `mode` argument of `compile()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}

impl Mode {
    pub fn from_name(name: &str) -> Option<Mode> {
        Some(match name {
            "exec" => Mode::Exec,
            "eval" => Mode::Eval,
            "single" => Mode::Single,
            "func_type" => Mode::FuncType,
            _ => return None,
        })
    }
}

/// Flags that change what is parsed (as `compile()`'s flags do).
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions {
    /// `ast.PyCF_TYPE_COMMENTS`: keep `# type:` comments in the tree.
    pub type_comments: bool,
}

/// Parses decoded source text.
pub fn parse(source: &str, mode: Mode, options: ParseOptions) -> Result<ast::Mod, SyntaxError> {
    parser::parse(source, mode, options)
}

/// Parses raw bytes, decoding them first as CPython does (BOM, PEP 263
/// coding declaration, UTF-8 by default).
pub fn parse_bytes(bytes: &[u8], mode: Mode, options: ParseOptions) -> Result<ast::Mod, SyntaxError> {
    let (decoded, deferred) = source::decode_source_lazy(bytes)?;
    parser::parse_decoded_lazy(&decoded.text, mode, options, decoded.byte_offsets, deferred)
}
