//! Print the disassembly of a marshalled code object, as CPython 3.11's
//! `dis.dis` would: `cargo run -p taipan-bytecode --example dis -- FILE`.
//! A `.pyc` file's 16-byte header is skipped; any other file is read whole.

use taipan_bytecode::code::Constant;
use taipan_bytecode::{dis, marshal};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dis FILE (.pyc or marshal data)");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let data = if path.ends_with(".pyc") { bytes.get(16..).unwrap_or_default() } else { &bytes[..] };
    match marshal::loads(data) {
        Ok(Constant::Code(code)) => print!("{}", dis::dis(&code)),
        Ok(other) => {
            eprintln!("{path}: not a code object but a {}", other.type_name());
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
