//! The assembler on all of CPython's top-level `Lib/*.py`, compiled by
//! Taipan's whole compiler and compared with CPython 3.11 at test time
//! (`scripts/gen_assemble_data.py --lib`; SKIPPED without the reference
//! interpreter). Which code objects get CPython's `co_code` is mostly
//! codegen's business (`tests/codegen.rs` reports it); this test checks
//! what the assembler alone decides, on every code object whose `co_code`
//! is CPython's:
//! - `co_exceptiontable` and `co_stacksize` are CPython's;
//! - where the instruction positions (`co_positions()`, which come from
//!   codegen's locations) are CPython's, the `co_linetable` bytes are too.
//!
//! It reports how many code objects had each property.

use std::path::{Path, PathBuf};
use std::process::Command;
use taipan_bytecode::{linetable, CodeObject};
use taipan_compiler::{compile, CompileMode, CompileOptions};
use taipan_parser::{Mode, ParseOptions};

/// The reference interpreter: `$TAIPAN_PYTHON`, else a CPython 3.11 on the path.
fn python() -> Option<PathBuf> {
    let candidates = match std::env::var("TAIPAN_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => {
            vec!["/root/.pyenv/versions/3.11.7/bin/python3.11".into(), "python3.11".into(), "python3".into()]
        }
    };
    let probe = "import sys; print(sys.version_info[:2] == (3, 11))";
    candidates.into_iter().find_map(|cand| {
        let out = Command::new(&cand).args(["-c", probe]).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        (text.lines().next()? == "True").then(|| PathBuf::from(cand))
    })
}

fn stdlib(python: &Path) -> PathBuf {
    let out =
        Command::new(python).args(["-c", "import os; print(os.path.dirname(os.__file__))"]).output().unwrap();
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

/// CPython's code objects: `(co_code, co_linetable, co_exceptiontable,
/// co_stacksize, co_firstlineno)`, as hex strings and numbers.
struct Reference {
    code: String,
    linetable: String,
    exceptiontable: String,
    stacksize: u32,
    firstlineno: i32,
}

fn reference(python: &Path) -> Vec<(String, Vec<Reference>)> {
    let out = std::env::temp_dir().join(format!("taipan-assemble-lib-{}.txt", std::process::id()));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen_assemble_data.py");
    let status = Command::new(python).arg(script).arg("--lib").arg(&out).status().unwrap();
    assert!(status.success(), "gen_assemble_data.py --lib failed");
    let text = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let mut files: Vec<(String, Vec<Reference>)> = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        match f[0] {
            "file" => files.push((f[1].to_string(), Vec::new())),
            _ => files.last_mut().unwrap().1.push(Reference {
                code: f[1].into(),
                linetable: f[2].into(),
                exceptiontable: f[3].into(),
                stacksize: f[4].parse().unwrap(),
                firstlineno: f[5].parse().unwrap(),
            }),
        }
    }
    files
}

fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "-".into();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    let text = text.trim_start_matches('-');
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn walk<'a>(code: &'a CodeObject, out: &mut Vec<&'a CodeObject>) {
    out.push(code);
    for nested in code.nested_code() {
        walk(nested, out);
    }
}

fn compile_file(path: &Path, name: &str) -> Option<CodeObject> {
    let bytes = std::fs::read(path).ok()?;
    let module = taipan_parser::parse_bytes(&bytes, Mode::Exec, ParseOptions::default()).ok()?;
    let source = String::from_utf8_lossy(&bytes);
    compile(&module, &source, &CompileOptions::new(name, CompileMode::Exec)).ok()
}

#[derive(Default)]
struct Tally {
    same_code: usize,
    same_positions: usize,
    same_linetable: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, file: &str, ours: &CodeObject, theirs: &Reference) {
        if hex(&ours.co_code) != theirs.code {
            return;
        }
        self.same_code += 1;
        let name = format!("{file}: {}", ours.co_qualname.as_str().unwrap_or("?"));
        if hex(&ours.co_exceptiontable) != theirs.exceptiontable {
            self.failures.push(format!("{name}: co_exceptiontable differs"));
        }
        if ours.co_stacksize != theirs.stacksize {
            self.failures
                .push(format!("{name}: co_stacksize {} (CPython {})", ours.co_stacksize, theirs.stacksize));
        }
        let their_positions = linetable::positions(&unhex(&theirs.linetable), theirs.firstlineno).unwrap();
        if ours.co_firstlineno == theirs.firstlineno && ours.co_positions().unwrap() == their_positions {
            self.same_positions += 1;
            if hex(&ours.co_linetable) == theirs.linetable {
                self.same_linetable += 1;
            } else {
                self.failures.push(format!("{name}: same positions, different co_linetable"));
            }
        }
    }
}

#[test]
fn lib_tables_and_stack_sizes_are_cpythons() {
    let Some(python) = python() else {
        eprintln!("assemble lib: SKIPPED — no CPython 3.11 interpreter (set TAIPAN_PYTHON)");
        return;
    };
    let lib = stdlib(&python);
    let mut tally = Tally::default();
    let mut codes = 0;
    for (file, theirs) in reference(&python) {
        codes += theirs.len();
        let Some(module) = compile_file(&lib.join(&file), &file) else { continue };
        let mut ours = Vec::new();
        walk(&module, &mut ours);
        for (ours, theirs) in ours.iter().zip(&theirs) {
            tally.check(&file, ours, theirs);
        }
    }
    eprintln!(
        "assemble lib: {} / {codes} code objects with CPython's co_code; of those, {} with CPython's positions, {} of them with its co_linetable",
        tally.same_code, tally.same_positions, tally.same_linetable
    );
    assert!(tally.same_code > codes / 2, "too few code objects to judge the assembler");
    assert!(tally.failures.is_empty(), "{}", tally.failures.join("\n"));
}
