//! The source text of an annotation under `from __future__ import
//! annotations` (CPython 3.11's `Python/ast_unparse.c`).

use taipan_parser::ast::Expr;

/// `_PyAST_ExprAsUnicode`.
pub(crate) fn unparse(_e: &Expr) -> String {
    String::new()
}
