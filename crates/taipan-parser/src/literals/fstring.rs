//! f-strings (placeholder until the parser's `parse_fstring_expr` lands).

use super::strings::{ErrorAt, Joiner, Run, StringToken};
use crate::error::SyntaxError;

/// Parses one f-string token of a run into `joiner`.
pub(super) fn concat_fstring(run: &Run, joiner: &mut Joiner, piece: &StringToken) -> Result<(), SyntaxError> {
    joiner.fmode = true;
    Err(run.error("f-strings are not supported yet", ErrorAt::Token(piece.token)))
}
