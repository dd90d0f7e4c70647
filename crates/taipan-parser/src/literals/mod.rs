//! Literals: the values of NUMBER and STRING tokens — numbers with
//! underscores, every string prefix and escape, implicit concatenation, and
//! f-strings (whose expressions go back through `parser::parse_fstring_expr`)
//! — as CPython 3.11's `Parser/string_parser.c` and `Parser/pegen.c` build them.
//! (Placeholder: being written.)

use crate::ast::{Constant, Expr};
use crate::error::SyntaxError;
use crate::token::Token;

/// The value of one NUMBER token's text (`1_000`, `0x1f`, `1.5e3`, `2j`).
pub fn parse_number(_text: &str) -> Result<Constant, String> {
    unimplemented!("literals not written yet")
}

/// The expression for a run of adjacent STRING tokens (implicit
/// concatenation): a `Constant` or, with any f-string among them, a `JoinedStr`.
pub fn parse_strings(_source: &str, _tokens: &[Token]) -> Result<Expr, SyntaxError> {
    unimplemented!("literals not written yet")
}
