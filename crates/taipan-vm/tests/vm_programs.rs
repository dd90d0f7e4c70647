//! Runs the programs of `tests/vm_data/` — code objects compiled and
//! marshalled by CPython 3.11 (`scripts/gen_vm_data.py`) — on the VM and
//! compares stdout, exit status and the last stderr line with what CPython
//! printed. This isolates the VM from Taipan's compiler.

use std::path::Path;
use std::sync::Arc;
use taipan_bytecode::{marshal, Constant};

/// Runs one marshalled program in a fresh interpreter thread; returns the
/// text in the format of the `.out` files.
fn run(bin: &Path) -> String {
    let data = std::fs::read(bin).expect("read .bin");
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let Ok(Constant::Code(code)) = marshal::loads(&data) else {
                return "bad marshal data".to_string();
            };
            taipan_vm::modules::sys::capture_output();
            let taipan_vm::Exit::Status(status) = taipan_vm::run_main(Arc::clone(&code));
            let (out, err) = taipan_vm::modules::sys::take_captured();
            if status == 0 {
                return out;
            }
            let last = err.lines().filter(|l| !l.trim().is_empty()).last().unwrap_or("").to_string();
            format!("{out}--- status {status}\n{last}\n")
        })
        .expect("spawn");
    handle.join().unwrap_or_else(|_| "panicked".to_string())
}

#[test]
fn vm_data_programs_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vm_data");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).expect("vm_data").flatten().map(|e| e.path()).collect();
    entries.sort();
    for bin in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "bin")) {
        count += 1;
        let expected = std::fs::read_to_string(bin.with_extension("out")).expect("read .out");
        let got = run(bin);
        if got != expected {
            failures.push(format!("{}:\n--- expected\n{expected}--- got\n{got}", bin.display()));
        }
    }
    assert!(count > 0, "no programs found");
    assert!(failures.is_empty(), "{} of {count} failed:\n{}", failures.len(), failures.join("\n"));
}
