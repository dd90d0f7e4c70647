//! Code generation against CPython 3.11.
//!
//! * `snippets_compile_and_match_attributes`: every snippet under
//!   `tests/data/codegen/` compiles without error (always required) and each
//!   of its code objects has CPython's qualname, name, flags, argument
//!   counts, `co_names`, `co_varnames`, `co_cellvars`, `co_freevars` and
//!   (as a multiset) `co_consts` — the `.attrs` file.
//! * `snippets_disassemble_like_cpython`: `dis` of the whole module equals
//!   CPython's `dis.dis` text (the `.dis` file); reports "identical: N / M".
//! * `snippets_have_cpython_positions`: every instruction's
//!   `(lineno, end_lineno, col, end_col)` equals CPython's (the `.pos`
//!   file), as tracebacks' carets read them.
//! * `errors_like_cpython`: every snippet under `tests/data/codegen_errors/`
//!   is rejected with CPython's message and positions (the `.err` file).
//! * `modes_like_cpython`: `eval` and `single` modes and `-O`/`-OO` (the
//!   snippets under `tests/data/codegen_modes/`, named `<name>.<variant>.py`)
//!   disassemble as CPython's.
//! * `lib_compiles_like_cpython`: every top-level `Lib/*.py` that CPython
//!   compiles compiles here too (required), and reports how many code
//!   objects have CPython's `co_code` (references computed at test time
//!   with the reference interpreter; SKIPPED without one).
//!
//! Expected files come from `scripts/gen_codegen_data.py`, never by hand.
//! Snippets known to differ are listed in `codegen_*_known_mismatches.txt`
//! (rewrite with `UPDATE_MANIFEST=1`); only an unlisted difference fails.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use taipan_bytecode::{dis, CodeObject, Constant};
use taipan_compiler::{compile, CompileMode, CompileOptions};
use taipan_parser::{parse, Mode, ParseOptions};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn snippets() -> Vec<(String, String)> {
    let dir = crate_dir().join("tests/data/codegen");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/codegen")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("snippet"))
        })
        .collect()
}

fn expected(name: &str, ext: &str) -> String {
    let path = crate_dir().join("tests/data/codegen").join(format!("{name}.{ext}"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/gen_codegen_data.py)", path.display()))
}

fn compile_source(source: &str, filename: &str) -> Result<CodeObject, String> {
    let module =
        parse(source, Mode::Exec, ParseOptions::default()).map_err(|e| format!("parse: {}", e.msg))?;
    let options = CompileOptions::new(filename, CompileMode::Exec);
    compile(&module, source, &options).map_err(|e| format!("compile: {} (line {})", e.msg, e.lineno))
}

/// The code object and its nested ones, depth first (dis order).
fn walk(code: &CodeObject) -> Vec<&CodeObject> {
    let mut out = vec![code];
    for nested in code.nested_code() {
        out.extend(walk(nested));
    }
    out
}

fn reprs(items: impl Iterator<Item = Constant>) -> String {
    items.map(|c| dis::repr(&c)).collect::<Vec<_>>().join(" | ")
}

/// The `.attrs` text for our code object, `co_consts` sorted (the
/// assembler's folding and trimming make their order its business).
fn attrs(code: &CodeObject) -> String {
    let mut out = String::new();
    for c in walk(code) {
        let name = |s: &taipan_bytecode::PyString| dis::repr(&Constant::Str(s.clone()));
        let names = |v: Vec<taipan_bytecode::PyString>| v.iter().map(name).collect::<Vec<_>>().join(" | ");
        out += &format!("code {}\n", c.co_qualname.as_str().unwrap_or("?"));
        out += &format!("name {}\n", c.co_name.as_str().unwrap_or("?"));
        out += &format!("flags {:#x}\n", c.co_flags);
        out += &format!("args {} {} {}\n", c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount);
        out += &format!("consts {}\n", sorted_line(&reprs(c.co_consts.iter().cloned())));
        out += &format!("names {}\n", names(c.co_names.to_vec()));
        out += &format!("varnames {}\n", names(c.co_varnames()));
        out += &format!("cellvars {}\n", names(c.co_cellvars()));
        out += &format!("freevars {}\n", names(c.co_freevars()));
    }
    out
}

fn sorted_line(line: &str) -> String {
    let mut items: Vec<&str> = line.split(" | ").filter(|s| !s.is_empty()).collect();
    items.sort_unstable();
    items.join(" | ")
}

fn normalise_expected_attrs(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("consts ") {
            Some(rest) => format!("consts {}\n", sorted_line(rest)),
            None => format!("{l}\n"),
        })
        .collect()
}

fn first_difference(ours: &str, theirs: &str) -> String {
    match ours.lines().zip(theirs.lines()).position(|(a, b)| a != b) {
        Some(i) => format!(
            "line {}: ours {:?}, cpython {:?}",
            i + 1,
            ours.lines().nth(i).unwrap_or(""),
            theirs.lines().nth(i).unwrap_or("")
        ),
        None => format!("{} vs {} lines", ours.lines().count(), theirs.lines().count()),
    }
}

/// A committed list of snippets known to differ.
struct Manifest {
    path: PathBuf,
    header: &'static str,
    entries: BTreeSet<String>,
}

impl Manifest {
    fn load(file: &str, header: &'static str) -> Manifest {
        let path = crate_dir().join("tests").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let entries = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        Manifest { path, header, entries }
    }

    /// Prints differences not listed and listed entries that now match;
    /// rewrites the file under `UPDATE_MANIFEST=1`. True if a difference
    /// is not listed.
    fn check(&self, failures: &[(String, String)]) -> bool {
        let failed: BTreeSet<&String> = failures.iter().map(|(n, _)| n).collect();
        for name in self.entries.iter().filter(|e| !failed.contains(e)) {
            eprintln!("now matches (remove it from {}): {name}", self.path.display());
        }
        let new: Vec<_> = failures.iter().filter(|(n, _)| !self.entries.contains(n)).collect();
        for (name, hint) in &new {
            eprintln!("DIFFERS (not in manifest) {name}: {hint}");
        }
        if std::env::var_os("UPDATE_MANIFEST").is_some_and(|v| v == "1") {
            let mut text = self.header.to_string();
            for name in failed {
                text += &format!("{name}\n");
            }
            std::fs::write(&self.path, text).expect("write manifest");
            return false;
        }
        !new.is_empty()
    }
}

#[test]
fn snippets_compile_and_match_attributes() {
    let snippets = snippets();
    assert!(snippets.len() >= 150, "expected at least 150 snippets, found {}", snippets.len());
    let mut errors = Vec::new();
    let mut failures = Vec::new();
    for (name, source) in &snippets {
        match compile_source(source, "snippet.py") {
            Err(e) => errors.push(format!("{name}: {e}")),
            Ok(code) => {
                let ours = attrs(&code);
                let theirs = normalise_expected_attrs(&expected(name, "attrs"));
                if ours != theirs {
                    failures.push((name.clone(), first_difference(&ours, &theirs)));
                }
            }
        }
    }
    let total = snippets.len();
    eprintln!("codegen attributes: identical {} / {total} snippets", total - errors.len() - failures.len());
    assert!(errors.is_empty(), "snippets that do not compile:\n{}", errors.join("\n"));
    let manifest = Manifest::load(
        "codegen_attrs_known_mismatches.txt",
        "# Snippets (tests/data/codegen/) whose code-object attributes differ from\n\
         # CPython 3.11's. Checked by tests/codegen.rs; regenerate with\n\
         #   UPDATE_MANIFEST=1 cargo test --release -p taipan-compiler --test codegen\n",
    );
    assert!(!manifest.check(&failures), "attribute differences not in the manifest");
}

#[test]
fn snippets_disassemble_like_cpython() {
    let snippets = snippets();
    let mut failures = Vec::new();
    for (name, source) in &snippets {
        let ours = match compile_source(source, "snippet.py") {
            Ok(code) => dis::dis(&code),
            Err(e) => e,
        };
        let theirs = expected(name, "dis");
        if ours != theirs {
            failures.push((name.clone(), first_difference(&ours, &theirs)));
        }
    }
    let total = snippets.len();
    eprintln!("codegen dis: identical {} / {total} snippets", total - failures.len());
    let manifest = Manifest::load(
        "codegen_dis_known_mismatches.txt",
        "# Snippets (tests/data/codegen/) whose dis text differs from CPython 3.11's.\n\
         # Checked by tests/codegen.rs; regenerate with\n\
         #   UPDATE_MANIFEST=1 cargo test --release -p taipan-compiler --test codegen\n",
    );
    assert!(!manifest.check(&failures), "dis differences not in the manifest");
}

/// The `.pos` text for our code object: per instruction (caches
/// skipped) its name and position.
fn positions(code: &CodeObject) -> String {
    let mut out = String::new();
    for c in walk(code) {
        out += &format!("code {}\n", c.co_qualname.as_str().unwrap_or("?"));
        let table = c.co_positions().unwrap_or_default();
        let mut unit = 0;
        while 2 * unit + 1 < c.co_code.len() {
            let Some(op) = taipan_bytecode::Opcode::from_u8(c.co_code[2 * unit]) else { break };
            let p = table.get(unit).copied().unwrap_or(taipan_bytecode::linetable::Position::NONE);
            out += &format!("{op:?} {} {} {} {}\n", p.line, p.end_line, p.col, p.end_col);
            unit += 1 + usize::from(op.cache_entries());
        }
    }
    out
}

#[test]
fn snippets_have_cpython_positions() {
    let snippets = snippets();
    let mut failures = Vec::new();
    for (name, source) in &snippets {
        let ours = match compile_source(source, "snippet.py") {
            Ok(code) => positions(&code),
            Err(e) => e,
        };
        let theirs = expected(name, "pos");
        if ours != theirs {
            failures.push((name.clone(), first_difference(&ours, &theirs)));
        }
    }
    let total = snippets.len();
    eprintln!("codegen positions: identical {} / {total} snippets", total - failures.len());
    let manifest = Manifest::load(
        "codegen_pos_known_mismatches.txt",
        "# Snippets (tests/data/codegen/) whose instruction positions differ from\n\
         # CPython 3.11's. Checked by tests/codegen.rs; regenerate with\n\
         #   UPDATE_MANIFEST=1 cargo test --release -p taipan-compiler --test codegen\n",
    );
    assert!(!manifest.check(&failures), "position differences not in the manifest");
}

#[test]
fn errors_like_cpython() {
    let dir = crate_dir().join("tests/data/codegen_errors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/codegen_errors")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "expected at least 30 error snippets");
    let mut failures = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("snippet");
        let expected =
            std::fs::read_to_string(file.with_extension("err")).expect("run scripts/gen_codegen_data.py");
        let module = parse(&source, Mode::Exec, ParseOptions::default()).expect("error snippets parse");
        let ours = match compile(&module, &source, &CompileOptions::new("snippet.py", CompileMode::Exec)) {
            Ok(_) => "compiled without error\n".to_string(),
            Err(e) => format!("{}\n{} {} {} {}\n", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset),
        };
        if ours != expected {
            failures.push(format!("{}: ours {ours:?}, cpython {expected:?}", file.display()));
        }
    }
    eprintln!("codegen errors: identical {} / {}", files.len() - failures.len(), files.len());
    assert!(failures.is_empty(), "errors differ from CPython's:\n{}", failures.join("\n"));
}

#[test]
fn modes_like_cpython() {
    let dir = crate_dir().join("tests/data/codegen_modes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/codegen_modes")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("snippet");
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let variant = stem.rsplit('.').next().unwrap_or("");
        let (mode, parse_mode, optimize) = match variant {
            "eval" => (CompileMode::Eval, Mode::Eval, 0),
            "single" => (CompileMode::Single, Mode::Single, 0),
            "O1" => (CompileMode::Exec, Mode::Exec, 1),
            _ => (CompileMode::Exec, Mode::Exec, 2),
        };
        let module = parse(&source, parse_mode, ParseOptions::default()).expect("mode snippets parse");
        let mut options = CompileOptions::new("snippet.py", mode);
        options.optimize = optimize;
        let ours = match compile(&module, &source, &options) {
            Ok(code) => dis::dis(&code),
            Err(e) => e.msg,
        };
        let expected =
            std::fs::read_to_string(file.with_extension("dis")).expect("run scripts/gen_codegen_data.py");
        if ours != expected {
            failures.push(format!("{stem}: {}", first_difference(&ours, &expected)));
        }
    }
    eprintln!("codegen modes: identical {} / {}", files.len() - failures.len(), files.len());
    assert!(failures.is_empty(), "differences from CPython:\n{}", failures.join("\n"));
}

/// The reference interpreter: `$TAIPAN_PYTHON`, else `python3.11`/`python3`
/// if it is 3.11.
fn python() -> Option<PathBuf> {
    let candidates: Vec<String> = match std::env::var("TAIPAN_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => {
            vec!["/root/.pyenv/versions/3.11.7/bin/python3.11".into(), "python3.11".into(), "python3".into()]
        }
    };
    let probe = "import sys; print(sys.version_info[:2] == (3, 11)); print(sys.executable)";
    candidates.iter().find_map(|cand| {
        let out = Command::new(cand).args(["-c", probe]).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let mut lines = text.lines();
        (lines.next()? == "True").then(|| PathBuf::from(lines.next().unwrap_or(cand)))
    })
}

fn stdlib(python: &Path) -> Option<PathBuf> {
    let out =
        Command::new(python).args(["-c", "import os; print(os.path.dirname(os.__file__))"]).output().ok()?;
    let dir = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    dir.is_dir().then_some(dir)
}

/// CPython's verdict and code objects for one Lib file.
struct LibFile {
    name: String,
    ok: bool,
    codes: Vec<(String, String)>,
}

fn lib_reference(python: &Path) -> Vec<LibFile> {
    let out_path = std::env::temp_dir().join(format!("taipan-codegen-lib-{}.txt", std::process::id()));
    let status = Command::new(python)
        .arg(crate_dir().join("../../scripts/gen_codegen_data.py"))
        .arg("--lib")
        .arg(&out_path)
        .status()
        .expect("run scripts/gen_codegen_data.py --lib");
    assert!(status.success(), "gen_codegen_data.py --lib failed");
    let text = std::fs::read_to_string(&out_path).expect("lib reference");
    let _ = std::fs::remove_file(&out_path);
    let mut files: Vec<LibFile> = Vec::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("file"), Some(name), Some(verdict)) => {
                files.push(LibFile { name: name.into(), ok: verdict == "ok", codes: Vec::new() })
            }
            (Some("code"), Some(qualname), Some(hex)) => {
                if let Some(f) = files.last_mut() {
                    f.codes.push((qualname.into(), hex.into()));
                }
            }
            _ => {}
        }
    }
    files
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn lib_compiles_like_cpython() {
    let Some(python) = python() else {
        eprintln!("codegen lib: SKIPPED — no CPython 3.11 interpreter (set TAIPAN_PYTHON)");
        return;
    };
    let Some(lib) = stdlib(&python) else {
        eprintln!("codegen lib: SKIPPED — no Lib/ directory");
        return;
    };
    let reference = lib_reference(&python);
    let (mut compiled, mut rejected, mut errors) = (0, 0, Vec::new());
    let (mut codes, mut same_codes, mut same_files) = (0, 0, 0);
    let mut differing = Vec::new();
    for file in &reference {
        if !file.ok {
            rejected += 1;
            continue;
        }
        let bytes = std::fs::read(lib.join(&file.name)).expect("Lib file");
        let result = taipan_parser::parse_bytes(&bytes, Mode::Exec, ParseOptions::default())
            .map_err(|e| format!("parse: {}", e.msg))
            .and_then(|module| {
                let source = String::from_utf8_lossy(&bytes);
                let options = CompileOptions::new(file.name.as_str(), CompileMode::Exec);
                compile(&module, &source, &options)
                    .map_err(|e| format!("compile: {} (line {})", e.msg, e.lineno))
            });
        match result {
            Err(e) => errors.push(format!("{}: {e}", file.name)),
            Ok(code) => {
                compiled += 1;
                let ours = walk(&code);
                let mut all_same = ours.len() == file.codes.len();
                for (i, (_, theirs)) in file.codes.iter().enumerate() {
                    codes += 1;
                    if ours.get(i).is_some_and(|c| hex(&c.co_code) == *theirs) {
                        same_codes += 1;
                    } else {
                        all_same = false;
                    }
                }
                if all_same {
                    same_files += 1;
                } else {
                    differing.push((file.name.clone(), "co_code differs".to_string()));
                }
            }
        }
    }
    let accepted = reference.len() - rejected;
    eprintln!("codegen lib: {compiled} / {accepted} files compile ({rejected} rejected by CPython too)");
    eprintln!("codegen lib: co_code identical for {same_codes} / {codes} code objects, {same_files} / {accepted} files");
    assert!(errors.is_empty(), "Lib files CPython compiles but we do not:\n{}", errors.join("\n"));
    let manifest = Manifest::load(
        "codegen_lib_known_mismatches.txt",
        "# Lib/*.py files with a code object whose co_code differs from CPython 3.11's.\n\
         # Checked by tests/codegen.rs; regenerate with\n\
         #   UPDATE_MANIFEST=1 cargo test --release -p taipan-compiler --test codegen\n",
    );
    assert!(!manifest.check(&differing), "Lib co_code differences not in the manifest");
}

/// Nested shapes, each at the deepest nesting the parser accepts.
fn deep_sources() -> Vec<String> {
    let shapes: Vec<fn(usize) -> String> = vec![
        |n| format!("x = {}\n", vec!["a"; n].join(" + ")),
        |n| format!("x = {}a{}\n", "f(".repeat(n), ")".repeat(n)),
        |n| format!("x = {}a{}\n", "[".repeat(n), "]".repeat(n)),
        |n| format!("x = {}a{}\n", "(".repeat(n), ",)".repeat(n)),
        |n| format!("x = a{}\n", "[0]".repeat(n)),
        |n| format!("x = {}\n", vec!["a"; n].join(" and ")),
        |n| format!("x = {}a\n", "b if c else ".repeat(n)),
        |n| format!("x = {}a\n", "lambda: ".repeat(n)),
        |n| format!("x = {}a{}\n", "[x for x in ".repeat(n), "]".repeat(n)),
        |n| format!("x = {}a\n", "not ".repeat(n)),
        |n| format!("x = {}a\n", "-".repeat(n)),
        |n| format!("x = a{}\n", ".b".repeat(n)),
    ];
    shapes
        .iter()
        .map(|shape| {
            let mut n = 3000;
            loop {
                let source = shape(n);
                if n <= 10 || parse(&source, Mode::Exec, ParseOptions::default()).is_ok() {
                    return source;
                }
                n -= if n > 200 { 50 } else { 10 };
            }
        })
        .collect()
}

#[test]
fn deepest_expressions_compile_on_a_small_stack() {
    // Code generation must not overflow a default-sized (2 MB) thread's
    // stack on anything the parser accepts.
    for source in deep_sources() {
        let shown: String = source.chars().take(30).collect();
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let module = parse(&source, Mode::Exec, ParseOptions::default()).expect("parses");
                compile(&module, &source, &CompileOptions::new("deep.py", CompileMode::Exec)).map(|_| ())
            })
            .expect("spawn");
        let result = handle.join().expect("no stack overflow or panic");
        eprintln!("deep {shown:?}: {:?}", result.as_ref().map_err(|e| &e.msg));
    }
}
