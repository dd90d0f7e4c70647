//! `parse_tree DIR...`: parses every `.py` file under the given directories
//! once (from bytes, `exec` mode) and drops each tree, for profiling the
//! front end alone under callgrind (`tokenize`, `parse_mode` and
//! `drop_in_place<Mod>` are the three costs):
//!
//! ```text
//! cargo build --release -p taipan-parser --example parse_tree
//! valgrind --tool=callgrind target/release/examples/parse_tree DIR
//! ```
//!
//! The whole cold-import front end (compile and marshal too) is
//! `taipan-compiler`'s `compile_tree` example.

use std::alloc::{GlobalAlloc, Layout};
use std::path::{Path, PathBuf};
use taipan_parser::{parse_bytes, Mode, ParseOptions};

/// mimalloc as the `taipan` binary uses it (crates/taipan/src/allocator.rs):
/// blocks that need no more than word alignment from `mi_malloc`, not from
/// `mi_malloc_aligned` (whose fast path works only while the size class's
/// page has a free block; after that it over-allocates), so that the
/// figures match the binary's.
struct Allocator;

// SAFETY: word-aligned requests go to mi_malloc/mi_realloc, which always
// return word-aligned blocks; the others to `MiMalloc`; mimalloc frees both.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if word_aligned(layout) {
            libmimalloc_sys::mi_malloc(layout.size()) as *mut u8
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if word_aligned(layout) {
            libmimalloc_sys::mi_realloc(ptr as *mut std::ffi::c_void, new_size) as *mut u8
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

fn word_aligned(layout: Layout) -> bool {
    layout.align() <= std::mem::size_of::<usize>()
}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator;

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        collect(Path::new(&dir), &mut files);
    }
    files.sort();
    let (mut ok, mut failed) = (0usize, 0usize);
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        match parse_bytes(&bytes, Mode::Exec, ParseOptions::default()) {
            Ok(tree) => {
                std::hint::black_box(&tree);
                ok += 1;
            }
            Err(_) => failed += 1,
        }
    }
    println!("{ok} files parsed, {failed} rejected");
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
