//! `taipan_bytecode::marshal::loads` on arbitrary bytes (a `.pyc` is
//! untrusted): no panic, no crash, bounded memory; and whatever loads
//! writes back (`dumps`) as data that loads to the same bytes again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_bytecode::marshal::{dumps, loads};

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = loads(data) {
        let written = dumps(&value);
        let again = loads(&written).expect("dumps output loads");
        assert_eq!(dumps(&again), written);
        if let taipan_bytecode::Constant::Code(code) = &value {
            let _ = code.co_positions();
            let _ = code.exception_entries();
        }
    }
});
