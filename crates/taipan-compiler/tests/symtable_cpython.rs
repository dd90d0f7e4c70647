//! Symbol tables checked against CPython 3.11's own `symtable` module.
//!
//! - `snippets_match_cpython`: the committed snippets of
//!   `tests/data/symtable_snippets.txt`, one per rule, against the dumps
//!   `scripts/gen_symtable_data.py snippets` wrote from CPython.
//! - `errors_match_cpython`: the snippets CPython's symbol table rejects
//!   (`tests/data/symtable_errors.txt`), message and positions.
//! - `lib_corpus_matches_cpython`: every `.py` file of CPython's `Lib/`
//!   (Lib/test included), dumped by `gen_symtable_data.py lib` into
//!   `target/symtable-ref/` at test time; prints SKIPPED without a CPython 3.11.
//!
//! The dump format (scopes in children order, symbols in first-seen order,
//! the analysis-added free names sorted) is described in the script.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use taipan_compiler::symtable::{self, NameScope, Scope, ScopeKind, SymbolTable};
use taipan_compiler::{CompileMode, CompileOptions};
use taipan_parser::{parse_bytes, Mode, ParseOptions, SyntaxError};

/// Writes past the test harness's capture, so figures show in a plain run.
macro_rules! report {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// `### NAME` separated chunks of a data file.
fn read_chunks(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("read data file");
    let mut chunks: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        match line.strip_prefix("### ") {
            Some(name) => chunks.push((name.trim().to_owned(), String::new())),
            None => chunks.last_mut().expect("data starts with ###").1.push_str(line),
        }
    }
    chunks
}

/// The mode of a snippet named `NAME [eval]`/`NAME [single]`, else `exec`.
fn snippet_mode(name: &str) -> (Mode, CompileMode) {
    if name.ends_with("[eval]") {
        (Mode::Eval, CompileMode::Eval)
    } else if name.ends_with("[single]") {
        (Mode::Single, CompileMode::Single)
    } else {
        (Mode::Exec, CompileMode::Exec)
    }
}

/// Parses and builds the table, a panic becoming an `Err` message.
fn table_of(
    bytes: &[u8],
    (mode, compile_mode): (Mode, CompileMode),
) -> Result<Result<SymbolTable, SyntaxError>, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let module = match parse_bytes(bytes, mode, ParseOptions::default()) {
            Ok(module) => module,
            Err(e) => return Err(e),
        };
        let source = String::from_utf8_lossy(bytes);
        symtable::build(&module, &source, &CompileOptions::new("f", compile_mode))
    }))
    .map_err(|p| p.downcast_ref::<String>().cloned().unwrap_or_else(|| "panic".into()))
}

/// The table as `gen_symtable_data.py` dumps CPython's; `codes` adds the
/// code-object flags the table implies.
fn dump(table: &SymbolTable, codes: bool) -> String {
    let mut out = Vec::new();
    dump_scope(table, table.scope(symtable::ScopeId(0)), &mut out);
    if codes {
        out.push("codes".into());
        let mut lines: Vec<String> = table.scopes.iter().skip(1).map(code_line).collect();
        lines.sort();
        out.extend(lines);
    }
    out.join("\n")
}

/// What CPython's compiler derives from a scope: its `co_name`, the
/// `co_flags` of `compute_code_flags`, `co_cellvars` and `co_freevars`.
fn code_line(scope: &Scope) -> String {
    const NESTED: u32 = 0x10;
    const GENERATOR: u32 = 0x20;
    const COROUTINE: u32 = 0x80;
    const ASYNC_GENERATOR: u32 = 0x200;
    const VARARGS: u32 = 0x4;
    const VARKEYWORDS: u32 = 0x8;
    let (kind, name) = match scope.kind {
        ScopeKind::Class => ("class", scope.name.to_string()),
        ScopeKind::Function => ("code", scope.name.to_string()),
        _ => ("code", format!("<{}>", scope.name)),
    };
    let mut flags = match (scope.is_generator, scope.is_coroutine) {
        (true, true) => ASYNC_GENERATOR,
        (true, false) => GENERATOR,
        (false, true) => COROUTINE,
        (false, false) => 0,
    };
    for (on, flag) in
        [(scope.is_nested, NESTED), (scope.has_varargs, VARARGS), (scope.has_varkeywords, VARKEYWORDS)]
    {
        if on && scope.kind != ScopeKind::Class {
            flags |= flag;
        }
    }
    let (cells, free) = (scope.cellvars().join(","), scope.freevars().join(","));
    format!("{kind} {name} {flags} cells={cells} free={free}")
}

fn dump_scope(table: &SymbolTable, scope: &Scope, out: &mut Vec<String>) {
    let kind = match scope.kind {
        ScopeKind::Module => "module",
        ScopeKind::Class => "class",
        _ => "function",
    };
    let params = scope.params.join(",");
    let nested = u8::from(scope.is_nested);
    out.push(format!("scope {kind} {} {} nested={nested} params={params}", scope.name, scope.lineno));
    let (mut defined, mut added) = (Vec::new(), Vec::new());
    for sym in &scope.symbols {
        let line = format!("  {} {} {}", sym.name, sym.flags, scope_name(sym.scope));
        if sym.flags == 0 {
            added.push(line)
        } else {
            defined.push(line)
        }
    }
    added.sort();
    out.extend(defined);
    out.extend(added);
    for &child in &scope.children {
        dump_scope(table, table.scope(child), out);
    }
}

fn scope_name(scope: NameScope) -> &'static str {
    match scope {
        NameScope::Local => "LOCAL",
        NameScope::GlobalExplicit => "GLOBAL_EXPLICIT",
        NameScope::GlobalImplicit => "GLOBAL_IMPLICIT",
        NameScope::Free => "FREE",
        NameScope::Cell => "CELL",
    }
}

/// An error as the script writes CPython's: `Kind: msg` then the positions.
fn error_fields(e: &SyntaxError) -> String {
    format!("{}: {}\n{} {} {} {}", e.kind.name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
}

/// Compares every chunk of `source_file` with its expectation; returns the failures.
/// `render` gets the source, the snippet's name and the expectation.
fn check_chunks(
    source_file: &str,
    expected_file: &str,
    render: impl Fn(&[u8], &str, &str) -> String,
) -> Vec<String> {
    let sources = read_chunks(&data_dir().join(source_file));
    let expected = read_chunks(&data_dir().join(expected_file));
    assert_eq!(sources.len(), expected.len(), "{expected_file} is stale: rerun scripts/gen_symtable_data.py");
    let mut failures = Vec::new();
    for ((name, source), (exp_name, exp)) in sources.iter().zip(&expected) {
        assert_eq!(name, exp_name, "{expected_file} is stale: rerun scripts/gen_symtable_data.py");
        let got = render(source.as_bytes(), name, exp);
        if got.trim_end() != exp.trim_end() {
            failures.push(format!("--- {name}\nexpected:\n{exp}got:\n{got}\n"));
        }
    }
    report!("{source_file}: {} / {} identical to CPython", sources.len() - failures.len(), sources.len());
    failures
}

#[test]
fn snippets_match_cpython() {
    let failures =
        check_chunks("symtable_snippets.txt", "symtable_snippets.expected", |src, name, exp| match table_of(
            src,
            snippet_mode(name),
        ) {
            Ok(Ok(table)) => dump(&table, exp.lines().any(|l| l == "codes")),
            Ok(Err(e)) => format!("error: {}", error_fields(&e)),
            Err(panic) => format!("panic: {panic}"),
        });
    assert!(failures.is_empty(), "{}", failures.join(""));
}

#[test]
fn errors_match_cpython() {
    let failures = check_chunks("symtable_errors.txt", "symtable_errors.expected", |src, name, _| {
        match table_of(src, snippet_mode(name)) {
            Ok(Ok(_)) => "accepted".into(),
            Ok(Err(e)) => error_fields(&e),
            Err(panic) => format!("panic: {panic}"),
        }
    });
    assert!(failures.is_empty(), "{}", failures.join(""));
}

/// The reference CPython 3.11: `$TAIPAN_PYTHON`, else `python3.11`/`python3` if 3.11.
fn python() -> Option<PathBuf> {
    let candidates: Vec<String> = match std::env::var("TAIPAN_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => vec!["python3.11".into(), "python3".into()],
    };
    let probe = "import sys; print(sys.version_info[:2] == (3, 11)); print(sys.executable)";
    candidates.iter().find_map(|cand| {
        let out = Command::new(cand).args(["-c", probe]).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let mut lines = text.lines();
        (lines.next()? == "True").then(|| PathBuf::from(lines.next().unwrap_or(cand)))
    })
}

/// CPython's `Lib/`: `$TAIPAN_STDLIB`, else the reference interpreter's.
fn stdlib(python: &Path) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TAIPAN_STDLIB").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir)).filter(|d| d.is_dir());
    }
    let probe = "import sysconfig; print(sysconfig.get_path('stdlib'))";
    let out = Command::new(python).args(["-c", probe]).output().ok()?;
    let dir = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    dir.is_dir().then_some(dir)
}

/// Every `.py` under `lib` except `site-packages`, sorted.
fn lib_files(lib: &Path) -> Vec<PathBuf> {
    let (mut files, mut dirs) = (Vec::new(), vec![lib.to_path_buf()]);
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() && path != lib.join("site-packages") => dirs.push(path),
                Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "py") => files.push(path),
                _ => {}
            }
        }
    }
    files.sort();
    files
}

/// Runs the script over `files`; returns each file's cache entry.
fn references(python: &Path, files: &[PathBuf]) -> Vec<PathBuf> {
    let mut child = Command::new(python)
        .arg(repo_root().join("scripts/gen_symtable_data.py"))
        .arg("lib")
        .arg(target_dir().join("symtable-ref"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run scripts/gen_symtable_data.py");
    let list: Vec<u8> =
        files.iter().flat_map(|f| [f.as_os_str().as_encoded_bytes(), b"\n"].concat()).collect();
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(&list));
    let out = child.wait_with_output().expect("script output");
    writer.join().expect("writer thread").expect("write file list");
    assert!(out.status.success(), "gen_symtable_data.py lib failed");
    let refs: Vec<PathBuf> =
        String::from_utf8(out.stdout).expect("utf-8").lines().map(PathBuf::from).collect();
    assert_eq!(refs.len(), files.len(), "wrong number of reference entries");
    refs
}

/// How one Lib file compared.
enum Verdict {
    Same,
    /// CPython's parser rejects the file: not a symbol-table matter.
    NotParsed,
    Differs(String),
}

fn compare(file: &Path, reference: &Path) -> Verdict {
    let expected =
        std::fs::read(reference).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    if expected.starts_with("PARSE\n") {
        return Verdict::NotParsed;
    }
    let bytes = std::fs::read(file).unwrap_or_default();
    let codes = expected.lines().any(|l| l == "codes");
    let got = match table_of(&bytes, (Mode::Exec, CompileMode::Exec)) {
        Ok(Ok(table)) => format!("OK\n{}", dump(&table, codes)),
        Ok(Err(e)) => format!("ERR\n{}", error_fields(&e)),
        Err(panic) => format!("PANIC {panic}"),
    };
    let (got, got_codes) = split_codes(&got);
    let (expected, expected_codes) = split_codes(&expected);
    if got.trim_end() == expected.trim_end() {
        return match missing_code(&expected_codes, got_codes) {
            None => Verdict::Same,
            Some(line) => Verdict::Differs(format!("CPython's `{line}` has no matching scope")),
        };
    }
    let first = got.lines().zip(expected.lines()).position(|(g, e)| g != e).unwrap_or(0);
    let line = |text: &str| text.lines().nth(first).unwrap_or("<end>").to_owned();
    Verdict::Differs(format!("line {}: expected `{}`, got `{}`", first + 1, line(expected), line(got)))
}

/// The dump without its `codes` section, and that section's lines.
fn split_codes(dump: &str) -> (&str, Vec<&str>) {
    match dump.split_once("\ncodes\n") {
        Some((tables, codes)) => (tables, codes.lines().collect()),
        None => (dump.strip_suffix("\ncodes").unwrap_or(dump), Vec::new()),
    }
}

/// A code object of CPython's that no scope of ours matches. Ours may have
/// more: CPython drops the code of unreachable `def`s (after a `return`).
fn missing_code<'a>(expected: &[&'a str], mut got: Vec<&str>) -> Option<&'a str> {
    for line in expected {
        match got.iter().position(|g| g == line) {
            Some(i) => {
                got.swap_remove(i);
            }
            None => return Some(line),
        }
    }
    None
}

/// A parallel map over `items` on the machine's cores.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn_scoped(s, move || part.iter().map(f).collect::<Vec<R>>())
                    .expect("spawn")
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker")).collect()
    })
}

#[test]
fn lib_corpus_matches_cpython() {
    let Some(python) = python() else {
        report!("symtable lib corpus: SKIPPED — no CPython 3.11 (set TAIPAN_PYTHON)");
        return;
    };
    let Some(lib) = stdlib(&python) else {
        report!("symtable lib corpus: SKIPPED — no CPython 3.11 Lib/ (set TAIPAN_STDLIB)");
        return;
    };
    check_corpus("symtable lib corpus", &python, &lib);
}

/// The parser's valid and invalid fixtures (the invalid ones CPython
/// rejects while parsing are skipped; the rest are symbol-table errors or valid).
#[test]
fn parser_fixtures_match_cpython() {
    let Some(python) = python() else {
        report!("symtable parser fixtures: SKIPPED — no CPython 3.11 (set TAIPAN_PYTHON)");
        return;
    };
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../taipan-parser/tests/fixtures");
    check_corpus("symtable parser fixtures", &python, &fixtures);
}

/// 3000 random scoping programs (`gen_symtable_data.py random`, seed 1;
/// `SYMTABLE_RANDOM=COUNT,SEED` for another run): names collide across
/// nested defs, classes, lambdas and comprehensions with global/nonlocal/
/// walrus/annotations, so most are symbol-table errors.
#[test]
fn random_programs_match_cpython() {
    let Some(python) = python() else {
        report!("symtable random programs: SKIPPED — no CPython 3.11 (set TAIPAN_PYTHON)");
        return;
    };
    let setting = std::env::var("SYMTABLE_RANDOM").unwrap_or_else(|_| "3000,1".into());
    let (count, seed) = setting.split_once(',').expect("SYMTABLE_RANDOM=COUNT,SEED");
    let dir = target_dir().join(format!("symtable-random-{seed}"));
    let _ = std::fs::remove_dir_all(&dir);
    let status = Command::new(&python)
        .arg(repo_root().join("scripts/gen_symtable_data.py"))
        .args(["random".as_ref(), dir.as_os_str(), count.as_ref(), seed.as_ref()])
        .status()
        .expect("run gen_symtable_data.py random");
    assert!(status.success(), "gen_symtable_data.py random failed");
    check_corpus("symtable random programs", &python, &dir);
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Cargo's target directory, from the test executable's path (`target/<profile>/deps/<exe>`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| repo_root().join("target"))
}

/// Compares every `.py` under `root` with CPython's table; fails on any difference.
fn check_corpus(what: &str, python: &Path, root: &Path) {
    let files = lib_files(root);
    let refs = references(python, &files);
    let jobs: Vec<(&PathBuf, &PathBuf)> = files.iter().zip(&refs).collect();
    let verdicts = par_map(&jobs, |(file, reference)| compare(file, reference));
    let mut failures = Vec::new();
    let (mut same, mut skipped) = (0, 0);
    for (file, verdict) in files.iter().zip(&verdicts) {
        match verdict {
            Verdict::Same => same += 1,
            Verdict::NotParsed => skipped += 1,
            Verdict::Differs(hint) => failures.push(format!("{}: {hint}", file.display())),
        }
    }
    report!("{what}: {} ({} files, {skipped} not parsed by CPython)", root.display(), files.len());
    report!("{what}: identical: {same} / {}", files.len() - skipped);
    for failure in failures.iter().take(30) {
        report!("  {failure}");
    }
    assert!(failures.is_empty(), "{} files differ from CPython's symbol tables", failures.len());
}

/// The deepest expressions the parser accepts go through `build` on a
/// thread with Rust's default 2 MB stack.
#[test]
fn deep_input_fits_a_default_thread_stack() {
    let sources = [
        "x = 1".to_owned() + &"+1".repeat(2800),
        "x = ".to_owned() + &"-".repeat(2800) + "1",
        "x = ".to_owned() + &"lambda: ".repeat(1400) + "y",
    ];
    for source in sources {
        let module = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                parse_bytes(source.as_bytes(), Mode::Exec, ParseOptions::default()).map(|m| (m, source))
            })
            .expect("spawn")
            .join()
            .expect("parser thread");
        let (module, source) = module.expect("the parser accepts it (as CPython does)");
        std::thread::scope(|s| {
            let worker = std::thread::Builder::new().stack_size(2 << 20).spawn_scoped(s, || {
                symtable::build(&module, &source, &CompileOptions::new("f", CompileMode::Exec)).is_ok()
            });
            assert!(worker.expect("spawn").join().expect("no stack overflow"));
        });
    }
}
