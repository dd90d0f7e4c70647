//! Threads under stress: 8 threads run allocation-heavy Python (dicts,
//! lists, strings, exceptions, generators, the import of a fresh module
//! each, `gc.collect()` in some) while the interpreter lock hands the VM
//! from one to the other. Run 20 times, the program must never crash and
//! must print the same (deterministic) result every time.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const RUNS: usize = 20;

const PROGRAM: &str = r#"
import gc, sys, threading
sys.setswitchinterval(0.0005)
results = {}

def gen(n):
    for i in range(n):
        yield str(i) * (i % 5)

def work(k):
    mod = __import__(f"fresh_{k}")
    total = mod.VALUE
    for round in range(30):
        d = {str(i): [i] * (i % 7) for i in range(200)}
        total += sum(len(v) for v in d.values())
        s = "-".join(gen(50))
        total += len(s)
        try:
            {}[round]
        except KeyError as e:
            total += len(repr(e))
        cyc = []
        cyc.append(cyc)
        if k % 3 == 0 and round % 10 == 0:
            gc.collect()
    results[k] = total

threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
"#;

/// A scratch directory holding the program and its eight fresh modules.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taipan-threads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("stress.py"), PROGRAM).expect("write program");
    for k in 0..8 {
        std::fs::write(dir.join(format!("fresh_{k}.py")), format!("VALUE = {k} * 1000\n")).expect("module");
    }
    dir
}

fn run_once(dir: &Path) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taipan"));
    cmd.arg("-B").arg(dir.join("stress.py")).current_dir(dir);
    if let Some(lib) = common::reference_stdlib() {
        cmd.env("TAIPAN_STDLIB", lib);
    }
    let out = cmd.output().expect("run taipan");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn eight_threads_allocating_agree_every_run() {
    let dir = scratch();
    let mut first: Option<String> = None;
    for run in 0..RUNS {
        let (ok, out, err) = run_once(&dir);
        assert!(ok, "run {run} failed:\n{out}\n{err}");
        assert!(err.is_empty(), "run {run} wrote to stderr:\n{err}");
        assert!(out.starts_with("[(0, "), "run {run} printed {out}");
        match &first {
            None => first = Some(out),
            Some(f) => assert_eq!(f, &out, "run {run} differs"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
