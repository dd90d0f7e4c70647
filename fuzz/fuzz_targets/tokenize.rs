//! Fuzz target `tokenize`: arbitrary bytes → `source::decode` →
//! `lexer::tokenize`, with and without type comments and byte offsets. No input may panic;
//! errors are values. See docs/fuzzing.md.

#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_parser::lexer::{self, LexOptions};
use taipan_parser::source;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = source::decode(data) {
        for (type_comments, byte_offsets) in [(false, false), (true, true)] {
            let _ = lexer::tokenize(&text, LexOptions { type_comments, byte_offsets, ..Default::default() });
        }
    }
});
