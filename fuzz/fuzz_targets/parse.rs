//! Fuzz target `parse`: arbitrary bytes → `parse_bytes` in every `Mode`,
//! with type comments off and on, then `ast.dump` of any tree. No input may
//! panic; syntax errors are values (and must render). See docs/fuzzing.md.

#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_parser::{dump, parse_bytes, Mode, ParseOptions};

const MODES: [Mode; 4] = [Mode::Exec, Mode::Eval, Mode::Single, Mode::FuncType];

fuzz_target!(|data: &[u8]| {
    for mode in MODES {
        for type_comments in [false, true] {
            match parse_bytes(data, mode, ParseOptions { type_comments }) {
                Ok(tree) => drop(dump::dump_like_ast_main(&tree)),
                Err(err) => drop(err.render("<fuzz>")),
            }
        }
    }
});
