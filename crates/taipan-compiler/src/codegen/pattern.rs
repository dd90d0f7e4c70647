//! The `match` statement (CPython 3.11's `compiler_match` and the
//! `compiler_pattern_*` functions).

use super::{CResult, Compiler};
use taipan_parser::ast::{Expr, MatchCase};

impl<'a> Compiler<'a> {
    /// `compiler_match`.
    pub(crate) fn match_stmt(&mut self, _subject: &'a Expr, _cases: &'a [MatchCase]) -> CResult {
        Err(self.error("match statements are not compiled yet"))
    }
}
