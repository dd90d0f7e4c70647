//! `from __future__ import …` at the top of a module (CPython's
//! `Python/future.c`, which runs just before the symbol table): which
//! features the module turns on (`CO_FUTURE_*` flags), the line of its
//! last future statement, and the errors for unknown features. A future
//! import further down the file is an error of code generation
//! (compile.c's "from __future__ imports must occur at the beginning of the
//! file", using [`Future::lineno`]).

use taipan_bytecode::code::{CO_FUTURE_ANNOTATIONS, CO_FUTURE_BARRY_AS_BDFL};
use taipan_parser::ast::{Constant, ExprKind, Mod, Stmt, StmtKind};
use taipan_parser::{ErrorKind, SyntaxError};

/// What the future statements of a module declare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Future {
    /// `CO_FUTURE_*` flags the module turns on.
    pub features: u32,
    /// Line of the last future statement of the module's header (0 if none).
    pub lineno: u32,
}

/// Reads the future statements at the start of `module` (after an
/// optional docstring). Statements after the first other one on a later
/// line are left to code generation.
pub fn parse_future(module: &Mod, source: &str) -> Result<Future, SyntaxError> {
    let body = match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => body,
        _ => return Ok(Future::default()),
    };
    let mut future = Future::default();
    let start = usize::from(has_docstring(body));
    let (mut done, mut prev_line) = (false, 0);
    for s in &body[start.min(body.len())..] {
        if done && s.range.start.line > prev_line {
            break;
        }
        prev_line = s.range.start.line;
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                if done {
                    let msg = "from __future__ imports must occur at the beginning of the file";
                    return Err(future_error(source, msg, s, 0));
                }
                for alias in names {
                    future.features |= feature_flag(&alias.name, s, source)?;
                }
                future.lineno = s.range.start.line;
            }
            _ => done = true,
        }
    }
    Ok(future)
}

/// The flag of one feature (0 for those always on), or CPython's error.
fn feature_flag(name: &str, s: &Stmt, source: &str) -> Result<u32, SyntaxError> {
    Ok(match name {
        "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
        | "print_function" | "unicode_literals" | "generator_stop" => 0,
        "barry_as_FLUFL" => CO_FUTURE_BARRY_AS_BDFL,
        "annotations" => CO_FUTURE_ANNOTATIONS,
        "braces" => return Err(future_error(source, "not a chance", s, 1)),
        _ => return Err(future_error(source, format!("future feature {name} is not defined"), s, 1)),
    })
}

/// Whether the first statement is a string constant (`_PyAST_GetDocString`).
fn has_docstring(body: &[Stmt]) -> bool {
    let Some(StmtKind::Expr { value }) = body.first().map(|s| &s.kind) else {
        return false;
    };
    matches!(&value.kind, ExprKind::Constant { value: Constant::Str(_), .. })
}

/// An error at the statement's start with no end column (CPython's
/// `PyErr_SyntaxLocationObject`). CPython adds `bias` to the 0-based byte
/// column: 1, except 0 for the misplaced-future error (its quirk).
fn future_error(source: &str, msg: impl Into<String>, s: &Stmt, bias: i32) -> SyntaxError {
    let line = s.range.start.line;
    let text = Some(format!("{}\n", taipan_parser::error::source_line(source, line)));
    let position = (line as i32, s.range.start.col as i32 + bias);
    SyntaxError::with_fields(ErrorKind::SyntaxError, msg, position, (line as i32, -1), text)
}
