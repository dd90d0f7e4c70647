//! CPython 3.11 reads Taipan's output: every program of the differential
//! corpus (`tests/programs/`) and every top-level `Lib/*.py` is compiled by
//! Taipan, marshalled with `taipan_bytecode::marshal`, and handed to the
//! reference CPython (`scripts/check_marshal_interop.py`), which must load
//! each with `marshal.loads` and disassemble it with `dis` (and decode its
//! position and line tables) without error. Also reported, as a figure and
//! not a requirement: the share of code objects whose `co_code` is
//! identical to what CPython compiles from the same source.
//! Sources Taipan refuses to compile must be ones CPython refuses too.
//! SKIPPED without the reference interpreter.

use std::path::{Path, PathBuf};
use std::process::Command;
use taipan_bytecode::marshal;
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
        (String::from_utf8(out.stdout).ok()?.trim() == "True").then(|| PathBuf::from(cand))
    })
}

fn stdlib(python: &Path) -> PathBuf {
    let out =
        Command::new(python).args(["-c", "import os; print(os.path.dirname(os.__file__))"]).output().unwrap();
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

fn py_files(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && recursive {
            py_files(&path, recursive, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// Compiles `source` as `exec` code; `None` if the parser or the compiler
/// rejects it (the corpus holds programs that must fail to compile).
fn compile_file(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    let filename = path.to_string_lossy().into_owned();
    let text = taipan_parser::source::decode(&bytes).ok()?;
    let module = taipan_parser::parse(&text, Mode::Exec, ParseOptions::default()).ok()?;
    let code = compile(&module, &text, &CompileOptions::new(filename, CompileMode::Exec)).ok()?;
    Some(marshal::try_dumps(&marshal::Value::Code(std::sync::Arc::new(code))).expect("marshal"))
}

#[test]
fn cpython_loads_and_disassembles_taipans_code_objects() {
    let Some(python) = python() else {
        println!("SKIPPED: no CPython 3.11 (set TAIPAN_PYTHON)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources = Vec::new();
    py_files(&root.join("tests/programs"), true, &mut sources);
    py_files(&stdlib(&python), false, &mut sources);

    let dir = std::env::temp_dir().join(format!("taipan-marshal-interop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut list = String::new();
    let mut rejected = 0;
    for (i, source) in sources.iter().enumerate() {
        let Some(data) = compile_file(source) else {
            rejected += 1;
            list.push_str(&format!("{}\t-\n", source.display()));
            continue;
        };
        let dumped = dir.join(format!("{i}.marshal"));
        std::fs::write(&dumped, data).unwrap();
        list.push_str(&format!("{}\t{}\n", source.display(), dumped.display()));
    }
    let list_file = dir.join("list.txt");
    std::fs::write(&list_file, list).unwrap();
    let script = root.join("scripts/check_marshal_interop.py");
    let out = Command::new(&python).arg(script).arg(&list_file).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!(
        "{} sources, {rejected} rejected by the parser or compiler (the corpus's SyntaxError programs)",
        sources.len()
    );
    print!("{stdout}");
    assert!(
        out.status.success(),
        "check_marshal_interop.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = stdout.lines().last().unwrap_or_default();
    let fields: Vec<&str> = summary.split(' ').collect();
    assert!(fields.len() == 10 && fields[0] == "loaded", "unexpected summary: {summary}");
    assert_eq!(fields[9], "0", "Taipan rejected sources that CPython compiles");
    let (loaded, dis_ok) = (fields[1], fields[3]);
    let total = sources.len() - rejected;
    assert_eq!(loaded, format!("{total}/{total}"), "CPython failed to load some code objects");
    assert_eq!(dis_ok, format!("{total}/{total}"), "CPython's dis failed on some code objects");
    let (objects, identical): (f64, f64) = (fields[5].parse().unwrap(), fields[7].parse().unwrap());
    println!("co_code identical to CPython's: {:.2}% of code objects", 100.0 * identical / objects);
}
