//! The `unsafe` code under a memory checker (DESIGN.md decision 9): the
//! corpus programs of the areas that exercise the value representation, the
//! heap, the frame arena and the eval loop's fast paths hardest (`AREAS`)
//! run under valgrind's memcheck, which reports any read or write of freed
//! or unallocated memory, use of uninitialised values and invalid frees.
//! Any such report fails the test, as does a crash; what the programs print
//! is checked by `programs.rs`, not here. Without valgrind on the machine
//! the test prints SKIPPED and passes. (Miri and the sanitizers need a
//! nightly toolchain, which the CI machines do not have.)
//!
//! `TAIPAN_MEMCHECK=substr` runs only the programs whose path contains it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The corpus areas run under memcheck (`tests/programs/<area>/`).
const AREAS: &[&str] = &["generators", "gc", "recursion", "memory", "exceptions", "with_stmt"];
/// valgrind's exit status when memcheck found an error.
const MEMCHECK_ERROR_STATUS: i32 = 99;
const WORKERS: usize = 2;

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs")
}

fn valgrind_available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The programs to check, sorted, as paths relative to the corpus root.
fn programs() -> Vec<String> {
    let filter = std::env::var("TAIPAN_MEMCHECK").unwrap_or_default();
    let mut out = Vec::new();
    for area in AREAS {
        let Ok(entries) = std::fs::read_dir(corpus_root().join(area)) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = format!("{area}/{name}");
            if name.ends_with(".py") && rel.contains(&filter) {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

/// Runs one program under memcheck; `Err` describes a memory error or crash.
fn check(rel: &str) -> Result<(), String> {
    let path = corpus_root().join(rel);
    let dir = path.parent().expect("program directory");
    let out = Command::new("valgrind")
        .args(["-q", "--error-exitcode=99", "--leak-check=no", "--num-callers=30"])
        .arg(env!("CARGO_BIN_EXE_taipan"))
        // Without `site`: the same ~90 imports at every start would
        // multiply the time under valgrind and check nothing new.
        .arg("-S")
        .arg(path.file_name().expect("file name"))
        .current_dir(dir)
        .env("TAIPAN_MALLOC", "system")
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start valgrind: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(MEMCHECK_ERROR_STATUS) => Err(format!("memcheck errors:\n{}", tail(&stderr, 60))),
        None => Err(format!("killed by a signal:\n{}", tail(&stderr, 30))),
        Some(_) if stderr.contains("panicked at") => Err(format!("panicked:\n{}", tail(&stderr, 30))),
        Some(_) => Ok(()),
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[test]
fn corpus_under_memcheck() {
    let mut err = std::io::stderr();
    if !valgrind_available() {
        let _ = writeln!(err, "memcheck: SKIPPED (valgrind not found)");
        return;
    }
    let list = programs();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(rel) = list.get(i) else { break };
                if let Err(why) = check(rel) {
                    failures.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{rel}: {why}"));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    let _ = writeln!(
        err,
        "memcheck: {} / {} programs clean under valgrind (areas: {})",
        list.len() - failures.len(),
        list.len(),
        AREAS.join(", ")
    );
    assert!(failures.is_empty(), "memory errors:\n{}", failures.join("\n\n"));
}
