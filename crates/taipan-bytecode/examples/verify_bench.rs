//! Verification throughput: `verify_bench DIR [ROUNDS]` reads every `.pyc`
//! under DIR (Taipan's or CPython's: the header is skipped, not checked),
//! unmarshals each once, then verifies all of them ROUNDS times (default 1)
//! and prints the code objects checked and the time taken. Run it under
//! `valgrind --tool=callgrind` for instruction counts of `verify` alone.

use std::path::Path;
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, Constant};

fn collect(dir: &Path, out: &mut Vec<Arc<CodeObject>>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "pyc") {
            let Ok(data) = std::fs::read(&path) else { continue };
            if let Some(Ok(Constant::Code(code))) = data.get(16..).map(taipan_bytecode::marshal::loads) {
                out.push(code);
            }
        }
    }
}

fn count(code: &CodeObject) -> usize {
    1 + code.nested_code().map(|c| count(c)).sum::<usize>()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: verify_bench DIR [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let mut codes = Vec::new();
    collect(Path::new(&dir), &mut codes);
    let start = std::time::Instant::now();
    let mut refused = 0;
    for _ in 0..rounds {
        refused = codes.iter().filter(|c| taipan_bytecode::verify::verify(c).is_err()).count();
    }
    let objects: usize = codes.iter().map(|c| count(c)).sum();
    println!(
        "{} files, {objects} code objects, {refused} refused, {rounds} rounds in {:?}",
        codes.len(),
        start.elapsed()
    );
}
