//! Literals: the values of NUMBER and STRING tokens — numbers with
//! underscores, every string prefix and escape, implicit concatenation, and
//! f-strings (whose expressions go back through `parser::parse_fstring_expr`)
//! — as CPython 3.11's `Parser/string_parser.c` and `Parser/pegen.c` build them.
//!
//! - `number.rs`: NUMBER tokens (`parsenumber`).
//! - `strings.rs`: STRING tokens, prefixes and implicit concatenation.
//! - `escapes.rs`: backslash escapes of `str` and `bytes` bodies, with the
//!   codec errors CPython reports; `names.rs`: `\N{...}` names.
//! - `fstring.rs`: f-string bodies: literal parts, replacement fields,
//!   conversions, format specs, `=`, and the positions CPython gives them.
//!
//! The parser calls [`parse_number`] and, for a run of STRING tokens,
//! [`parse_string_run`] with the token after the run (CPython reports most
//! string errors there; [`parse_strings`] guesses it), or inside an f-string
//! field (its `fstring` mode) [`parse_string_run_in_field`], which places
//! errors as CPython's f-string sub-parser does. Nothing here looks at
//! tokens other than the ones it is given.

mod escapes;
mod fstring;
mod names;
mod names_table;
mod number;
mod strings;

#[cfg(test)]
mod tests;

use crate::ast::Expr;
use crate::error::SyntaxError;
use crate::token::Token;

pub use names::lookup as lookup_name;
pub use number::parse_number;
pub use strings::{parse_string_run, parse_string_run_in_field};

/// The expression for a run of adjacent STRING tokens (implicit
/// concatenation): a `Constant` or, with any f-string among them, a `JoinedStr`.
/// Errors that CPython reports at the token after the run are placed just
/// after the last string; use [`parse_string_run`] to give that token.
pub fn parse_strings(source: &str, tokens: &[Token]) -> Result<Expr, SyntaxError> {
    parse_string_run(source, tokens, None)
}
