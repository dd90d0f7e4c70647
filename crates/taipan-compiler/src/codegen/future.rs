//! `from __future__ import ...` (CPython 3.11's `Python/future.c`): the
//! features a module turns on, found among its first statements (after an
//! optional docstring), and the errors for unknown features, `braces`, and
//! future imports that come too late in a run of statements on one line.

use crate::codegen::docstring;
use taipan_bytecode::code::{CO_FUTURE_ANNOTATIONS, CO_FUTURE_BARRY_AS_BDFL};
use taipan_parser::ast::{Mod, Stmt, StmtKind};
use taipan_parser::{ErrorKind, SyntaxError};

/// The future features of a module.
#[derive(Clone, Copy, Debug)]
pub struct Features {
    /// `CO_FUTURE_*` flags turned on.
    pub flags: u32,
    /// The line of the last future import (-1 if none): later ones are errors.
    pub lineno: i32,
}

impl Features {
    pub fn annotations(&self) -> bool {
        self.flags & CO_FUTURE_ANNOTATIONS != 0
    }
}

/// `future_parse`.
pub fn parse(module: &Mod, source: &str) -> Result<Features, SyntaxError> {
    let mut features = Features { flags: 0, lineno: -1 };
    let body = match module {
        Mod::Module { body, .. } => body,
        Mod::Interactive { body } => body,
        _ => return Ok(features),
    };
    let start = usize::from(docstring(body).is_some());
    let (mut done, mut prev_line) = (false, 0);
    for s in body.iter().skip(start) {
        let line = s.range.start.line as i32;
        if done && line > prev_line {
            break;
        }
        prev_line = line;
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                if done {
                    return Err(error(
                        s,
                        source,
                        "from __future__ imports must occur at the beginning of the file",
                        0,
                    ));
                }
                for alias in names {
                    features.flags |= feature_flag(&alias.name).map_err(|msg| error(s, source, &msg, 1))?;
                }
                features.lineno = line;
            }
            _ => done = true,
        }
    }
    Ok(features)
}

/// The flag a feature sets (0 for the features now always on).
fn feature_flag(name: &str) -> Result<u32, String> {
    match name {
        "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
        | "print_function" | "unicode_literals" | "generator_stop" => Ok(0),
        "barry_as_FLUFL" => Ok(CO_FUTURE_BARRY_AS_BDFL),
        "annotations" => Ok(CO_FUTURE_ANNOTATIONS),
        "braces" => Err("not a chance".to_string()),
        _ => Err(format!("future feature {name} is not defined")),
    }
}

/// `PyErr_SyntaxLocationObject(filename, lineno, col_offset + extra)`.
fn error(s: &Stmt, source: &str, msg: &str, extra: i32) -> SyntaxError {
    let line = s.range.start.line;
    let text = taipan_parser::error::source_line(source, line);
    let offset = text.get(..s.range.start.col as usize).map_or(0, |t| t.chars().count() as i32);
    SyntaxError::with_fields(
        ErrorKind::SyntaxError,
        msg,
        (line as i32, offset + extra),
        (line as i32, -1),
        Some(format!("{text}\n")),
    )
}
