//! The parser (placeholder: being written).

use crate::{ast, Mode, ParseOptions, SyntaxError};

pub fn parse(_source: &str, _mode: Mode, _options: ParseOptions) -> Result<ast::Mod, SyntaxError> {
    unimplemented!("parser not written yet")
}
