//! `verify` against CPython 3.11's own bytecode: every code object CPython
//! compiled must pass (no false positives), and random corruptions of real
//! code must never make it panic.
//!
//! - the committed `tests/data/cpython311_marshal.txt` (written by
//!   `scripts/gen_marshal_data.py gen --small`) always runs;
//! - the full corpus is every `__pycache__/*.cpython-311*.pyc` that CPython
//!   3.11 wrote for its own `Lib/` (plain, `-O` and `-OO`), found through
//!   the reference interpreter ($TAIPAN_PYTHON, else `python3`/`python3.11`),
//!   else that test prints SKIPPED;
//! - the mutation test flips random bytes of real `co_code` 10 000 times.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, Constant};
use taipan_bytecode::marshal::loads;
use taipan_bytecode::verify::verify;

macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The marshal blobs of `case NAME LEN` records (see gen_marshal_data.py).
fn record_blobs(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let eol = pos + bytes[pos..].iter().position(|&b| b == b'\n').unwrap();
        let header = std::str::from_utf8(&bytes[pos..eol]).unwrap();
        let fields: Vec<&str> = header.split(' ').collect();
        assert_eq!(fields[0], "case");
        let size: usize = fields[2].parse().unwrap();
        out.push((fields[1].to_string(), bytes[eol + 1..eol + 1 + size].to_vec()));
        pos = eol + 2 + size;
        // Skip the expectation lines up to "end".
        loop {
            let eol = pos + bytes[pos..].iter().position(|&b| b == b'\n').unwrap();
            let line = &bytes[pos..eol];
            pos = eol + 1;
            if line == b"end" {
                break;
            }
        }
    }
    out
}

fn committed_code_objects() -> Vec<Arc<CodeObject>> {
    let blobs = record_blobs(include_bytes!("data/cpython311_marshal.txt"));
    blobs
        .iter()
        .filter_map(|(_, data)| match loads(data) {
            Ok(Constant::Code(code)) => Some(code),
            _ => None,
        })
        .collect()
}

fn count_code_objects(code: &CodeObject) -> usize {
    1 + code.nested_code().map(|c| count_code_objects(c)).sum::<usize>()
}

#[test]
fn committed_cpython_code_verifies() {
    let codes = committed_code_objects();
    assert!(codes.len() >= 5);
    let mut objects = 0;
    for code in &codes {
        objects += count_code_objects(code);
        if let Err(e) = verify(code) {
            panic!("false positive on CPython's code: {e}");
        }
    }
    report!("verify: {} modules, {objects} code objects of CPython's, all accepted", codes.len());
}

/// CPython 3.11's `Lib/` directory, through the reference interpreter.
fn cpython_lib() -> Option<PathBuf> {
    let candidates: Vec<String> = match std::env::var("TAIPAN_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => vec!["python3".into(), "python3.11".into()],
    };
    let probe =
        "import sys, sysconfig; print(sys.version_info[:2] == (3, 11)); print(sysconfig.get_path('stdlib'))";
    candidates.iter().find_map(|cand| {
        let out = Command::new(cand).args(["-c", probe]).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let mut lines = text.lines();
        let ok = lines.next()? == "True";
        ok.then(|| lines.next().map(PathBuf::from)).flatten()
    })
}

fn cpython_pycs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            cpython_pycs(&path, out);
        } else if name.contains(".cpython-311") && name.ends_with(".pyc") {
            out.push(path);
        }
    }
}

#[test]
fn every_code_object_of_cpythons_lib_verifies() {
    let Some(lib) = cpython_lib() else {
        report!("SKIPPED every_code_object_of_cpythons_lib_verifies: no CPython 3.11 (set TAIPAN_PYTHON)");
        return;
    };
    let mut files = Vec::new();
    cpython_pycs(&lib, &mut files);
    files.sort();
    let (mut objects, mut units, mut unreadable) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for path in &files {
        let Ok(data) = std::fs::read(path) else {
            unreadable += 1;
            continue;
        };
        // CPython 3.11's header: magic 3495, then 12 bytes.
        let code = match data.get(16..).map(loads) {
            Some(Ok(Constant::Code(code))) if data[..4] == *b"\xa7\r\r\n" => code,
            _ => {
                unreadable += 1;
                continue;
            }
        };
        objects += count_code_objects(&code);
        units += code.code_units();
        if let Err(e) = verify(&code) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    report!(
        "verify: {} CPython .pyc files of {}, {objects} code objects ({units} top-level code units), {} rejected, {unreadable} unreadable",
        files.len(),
        lib.display(),
        failures.len()
    );
    for failure in failures.iter().take(30) {
        report!("  {failure}");
    }
    assert!(files.len() > 100, "too few CPython .pyc files found under {}", lib.display());
    assert!(failures.is_empty(), "{} false positives", failures.len());
}

/// Every code object in preorder.
fn flatten(code: &Arc<CodeObject>, out: &mut Vec<Arc<CodeObject>>) {
    out.push(code.clone());
    for inner in code.nested_code() {
        flatten(inner, out);
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The byte offsets of instructions' opcode and argument bytes (not caches).
fn instruction_bytes(co_code: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut unit = 0;
    while 2 * unit < co_code.len() {
        out.extend([2 * unit, 2 * unit + 1]);
        let caches = taipan_bytecode::Opcode::from_u8(co_code[2 * unit]).map_or(0, |op| op.cache_entries());
        unit += 1 + usize::from(caches);
    }
    out
}

/// One random corruption of `code`, of the given kind: bytes anywhere in
/// `co_code`, only instruction (not cache) bytes, or the other fields the
/// checks read (stack size, exception table, constants, kinds).
fn mutate(code: &mut CodeObject, kind: usize, rng: &mut Rng) {
    let flip = |byte: &mut u8, rng: &mut Rng| {
        *byte = match rng.below(3) {
            0 => rng.next() as u8,
            1 => *byte ^ (1 << rng.below(8)),
            _ => byte.wrapping_add(1),
        }
    };
    match kind {
        0 => {
            let at = rng.below(code.co_code.len());
            flip(&mut Arc::make_mut(&mut code.co_code)[at], rng);
        }
        1 => {
            let offsets = instruction_bytes(&code.co_code);
            let at = offsets[rng.below(offsets.len())];
            flip(&mut Arc::make_mut(&mut code.co_code)[at], rng);
        }
        _ => match rng.below(4) {
            0 => code.co_stacksize = (code.co_stacksize as i64 + rng.below(5) as i64 - 2).max(0) as u32,
            1 if !code.co_exceptiontable.is_empty() => {
                let at = rng.below(code.co_exceptiontable.len());
                flip(&mut Arc::make_mut(&mut code.co_exceptiontable)[at], rng);
            }
            2 if !code.co_consts.is_empty() => {
                let keep = rng.below(code.co_consts.len());
                code.co_consts = code.co_consts[..keep].into();
            }
            _ if !code.co_localspluskinds.is_empty() => {
                let at = rng.below(code.co_localspluskinds.len());
                flip(&mut Arc::make_mut(&mut code.co_localspluskinds)[at], rng);
            }
            _ => code.co_code = code.co_code[..code.co_code.len() - 2].into(),
        },
    }
}

#[test]
fn mutated_code_never_panics() {
    let mut all = Vec::new();
    for code in committed_code_objects() {
        flatten(&code, &mut all);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let kinds = [("any co_code byte", 4000), ("instruction bytes only", 4000), ("other fields", 2000)];
    let mut total_rejected = 0;
    for (kind, (what, cases)) in kinds.iter().enumerate() {
        let (mut accepted, mut rejected) = (0, 0);
        let mut reasons = std::collections::BTreeMap::<String, usize>::new();
        for _ in 0..*cases {
            let mut code = (*all[rng.below(all.len())]).clone();
            for _ in 0..1 + rng.below(3) {
                mutate(&mut code, kind, &mut rng);
            }
            match verify(&code) {
                Ok(()) => accepted += 1,
                Err(e) => {
                    rejected += 1;
                    let reason: String =
                        e.message.split(|c: char| c.is_ascii_digit()).next().unwrap_or("").into();
                    *reasons.entry(reason).or_default() += 1;
                }
            }
        }
        report!(
            "mutated ({what}): {cases} cases, {accepted} accepted, {rejected} rejected; most common reasons:"
        );
        let mut reasons: Vec<_> = reasons.into_iter().collect();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
        for (reason, count) in reasons.iter().take(6) {
            report!("  {count:5}  {reason}");
        }
        total_rejected += rejected;
    }
    assert!(total_rejected > 5000, "most random corruptions should be caught");
}
