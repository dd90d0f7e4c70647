//! The `.pyc` loading path on arbitrary bytes: header checks, unmarshalling
//! and bytecode verification must never panic, and whatever `verify`
//! accepts must disassemble. The first byte picks the mode:
//! - even: the rest is a whole `.pyc` (`parse_header`, then `code_from_body`);
//! - odd: the rest replaces the `co_code` of a small valid function (so the
//!   fuzzer explores instruction streams rather than marshal syntax).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, Constant, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL};
use taipan_bytecode::pyc::{parse_header, HEADER_LEN};
use taipan_bytecode::pycache::code_from_body;
use taipan_bytecode::verify::verify;

/// A function with a few constants, names, locals, a cell and a free
/// variable, so that most argument kinds have something to point at.
fn seed(co_code: Vec<u8>) -> CodeObject {
    CodeObject {
        co_argcount: 1,
        co_posonlyargcount: 0,
        co_kwonlyargcount: 0,
        co_stacksize: 8,
        co_flags: 0x3,
        co_code,
        co_consts: vec![Constant::None, Constant::Int(1), Constant::tuple(vec![Constant::str("k")])],
        co_names: vec!["g".into(), "h".into()],
        co_localsplusnames: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        co_localspluskinds: vec![CO_FAST_LOCAL, CO_FAST_LOCAL, CO_FAST_CELL, CO_FAST_FREE],
        co_filename: "f.py".into(),
        co_name: "f".into(),
        co_qualname: "f".into(),
        co_firstlineno: 1,
        co_linetable: vec![],
        co_exceptiontable: vec![0x81, 0x02, 0x04, 0x02],
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let verified: Option<Arc<CodeObject>> = if mode % 2 == 0 {
        match parse_header(rest) {
            Ok(_) => code_from_body(&rest[HEADER_LEN..]).ok(),
            Err(_) => None,
        }
    } else {
        let code = seed(rest.to_vec());
        verify(&code).ok().map(|()| Arc::new(code))
    };
    if let Some(code) = verified {
        let _ = taipan_bytecode::dis::dis(&code);
    }
});
