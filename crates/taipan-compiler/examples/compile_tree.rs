//! The cold-import front end on its own, for profiling: every `.py` file
//! under the given directories is parsed, compiled and marshalled into
//! `.pyc` bytes (nothing is written), as the import system does when it
//! finds no cache. Run it under callgrind on the package of
//! `scripts/bench_import.py --generate DIR`:
//!
//! ```text
//! cargo build --release -p taipan-compiler --example compile_tree
//! valgrind --tool=callgrind target/release/examples/compile_tree DIR
//! ```
//!
//! With `COMPILE_TREE_DIGEST=1` it also prints, per file, a digest of its
//! code objects' contents (every field, nested code included, but not
//! which tables are shared) and one of its `.pyc` bytes, to check that a
//! change to the compiler leaves its output identical (diff the listings
//! of two builds).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use taipan_bytecode::{pycache, CodeObject};
use taipan_compiler::{CompileMode, CompileOptions};
use taipan_parser::Mode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        collect(Path::new(&dir), &mut files);
    }
    files.sort();
    let digest = std::env::var_os("COMPILE_TREE_DIGEST").is_some();
    let (mut ok, mut bytes) = (0usize, 0usize);
    for file in &files {
        match compile_file(file) {
            Ok((code, pyc)) => {
                (ok, bytes) = (ok + 1, bytes + pyc.len());
                if digest {
                    let contents = format!("{code:?}");
                    println!("{:016x} {:016x} {}", fnv1a(contents.as_bytes()), fnv1a(&pyc), file.display());
                }
            }
            Err(e) => eprintln!("{}: {e}", file.display()),
        }
    }
    println!("{ok} of {} files compiled, {bytes} bytes of pyc", files.len());
}

/// The `.py` files under `dir`, skipping `__pycache__`.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("__pycache__") {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// FNV-1a over `bytes`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Parse, compile and marshal one file: its code and `.pyc` bytes.
fn compile_file(path: &Path) -> Result<(Arc<CodeObject>, Vec<u8>), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let tree =
        taipan_parser::parse_bytes(&bytes, Mode::Exec, Default::default()).map_err(|e| e.msg.clone())?;
    let text = std::str::from_utf8(&bytes)
        .map_or_else(|_| String::from_utf8_lossy(&bytes), std::borrow::Cow::Borrowed);
    let options = CompileOptions::new(path.display().to_string(), CompileMode::Exec);
    let code = taipan_compiler::compile(&tree, &text, &options).map_err(|e| e.msg.clone())?;
    let code = Arc::new(code);
    let pyc = pycache::pyc_bytes([0; 16], &code);
    Ok((code, pyc))
}
