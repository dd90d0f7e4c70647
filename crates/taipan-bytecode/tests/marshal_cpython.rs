//! Differential tests of marshal, the location table and the exception
//! table against CPython 3.11, from data written by
//! `scripts/gen_marshal_data.py` (see its docstring for the format):
//! - `loads` of CPython's `marshal.dumps` bytes gives the same structure
//!   (compared through a canonical text both sides build);
//! - every code object's `co_positions()`, `co_lines()` and exception-table
//!   entries decode as CPython's, and both tables re-encode to CPython's exact bytes;
//! - `dumps` of what was loaded loads back (here) to the same structure,
//!   and (when CPython is found) CPython's `marshal.loads` reads it as equal
//!   to its own value.
//!
//! The committed `tests/data/cpython311_marshal.txt` (a few modules) always
//! runs; the full corpus (Lib/*.py, json, asyncio, grammar-heavy tests) is
//! generated into target/ when a CPython 3.11 is found ($TAIPAN_PYTHON, else
//! `python3`/`python3.11`), else that test prints SKIPPED.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use taipan_bytecode::code::{CodeObject, Constant};
use taipan_bytecode::marshal::{dumps, loads, Value};
use taipan_bytecode::{exceptiontable, linetable};

macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

struct Case {
    name: String,
    data: Vec<u8>,
    lines: Vec<String>,
}

fn parse_records(bytes: &[u8]) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let eol = pos + bytes[pos..].iter().position(|&b| b == b'\n').unwrap();
        let header = std::str::from_utf8(&bytes[pos..eol]).unwrap();
        let mut fields = header.split(' ');
        assert_eq!(fields.next(), Some("case"));
        let name = fields.next().unwrap().to_string();
        let size: usize = fields.next().unwrap().parse().unwrap();
        let data = bytes[eol + 1..eol + 1 + size].to_vec();
        pos = eol + 2 + size;
        let mut lines = Vec::new();
        loop {
            let eol = pos + bytes[pos..].iter().position(|&b| b == b'\n').unwrap();
            let line = String::from_utf8_lossy(&bytes[pos..eol]).into_owned();
            pos = eol + 1;
            if line == "end" {
                break;
            }
            lines.push(line);
        }
        cases.push(Case { name, data, lines });
    }
    cases
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The canonical text `gen_marshal_data.py`'s `canon` writes.
fn canon(v: &Value) -> String {
    let join = |items: &[Value]| items.iter().map(canon).collect::<Vec<_>>().join(",");
    let sorted = |items: &[Value]| {
        let mut texts: Vec<_> = items.iter().map(canon).collect();
        texts.sort();
        texts.join(",")
    };
    match v {
        Value::None => "N".into(),
        Value::Ellipsis => ".".into(),
        Value::StopIteration => "S".into(),
        Value::Bool(b) => (if *b { "T" } else { "F" }).into(),
        Value::Int(n) => format!("i{n}"),
        Value::BigInt(n) => format!("i{n}"),
        Value::Float(x) => format!("f{}", hex(&x.to_le_bytes())),
        Value::Complex { re, im } => format!("c{}{}", hex(&re.to_le_bytes()), hex(&im.to_le_bytes())),
        Value::Str(s) => format!("s{}", hex(s.as_wtf8())),
        Value::Bytes(b) => format!("b{}", hex(b)),
        Value::Tuple(items) => format!("({})", join(items)),
        Value::List(items) => format!("[{}]", join(items)),
        Value::Set(items) => format!("<{}>", sorted(items)),
        Value::FrozenSet(items) => format!(">{}<", sorted(items)),
        Value::Dict(pairs) => {
            let texts: Vec<_> = pairs.iter().map(|(k, x)| format!("{}:{}", canon(k), canon(x))).collect();
            format!("{{{}}}", texts.join(","))
        }
        Value::Code(code) => canon_code(code),
    }
}

fn canon_code(c: &CodeObject) -> String {
    let names = |ns: &[taipan_bytecode::PyString]| {
        let items: Vec<Value> = ns.iter().cloned().map(Constant::Str).collect();
        canon(&Value::tuple(items))
    };
    let fields = [
        c.co_argcount.to_string(),
        c.co_posonlyargcount.to_string(),
        c.co_kwonlyargcount.to_string(),
        c.co_stacksize.to_string(),
        c.co_flags.to_string(),
        hex(&c.co_code),
        canon(&Value::Tuple(c.co_consts.clone())),
        names(&c.co_names),
        names(&c.co_localsplusnames),
        names(&c.co_varnames()),
        names(&c.co_cellvars()),
        names(&c.co_freevars()),
        c.co_nlocals().to_string(),
        canon(&Value::Str(c.co_filename.clone())),
        canon(&Value::Str(c.co_name.clone())),
        canon(&Value::Str(c.co_qualname.clone())),
        c.co_firstlineno.to_string(),
        hex(&c.co_linetable),
        hex(&c.co_exceptiontable),
    ];
    format!("code({})", fields.join(";"))
}

fn code_objects<'a>(code: &'a CodeObject, out: &mut Vec<&'a CodeObject>) {
    out.push(code);
    for inner in code.nested_code() {
        code_objects(inner, out);
    }
}

#[derive(Default)]
struct Tally {
    cases: usize,
    code_objects: usize,
    code_units: usize,
    exception_entries: usize,
    failures: Vec<String>,
}

/// Checks one case; failures are collected, not panicked.
fn check_case(case: &Case, tally: &mut Tally) {
    tally.cases += 1;
    let fail = |tally: &mut Tally, what: String| tally.failures.push(format!("{}: {what}", case.name));
    let value = match loads(&case.data) {
        Ok(v) => v,
        Err(e) => return fail(tally, format!("loads: {e}")),
    };
    let expected_canon = case.lines[0].strip_prefix("canon ").unwrap();
    if canon(&value) != expected_canon {
        return fail(tally, "loaded structure differs from CPython's".into());
    }
    let again = loads(&dumps(&value)).map(|v| canon(&v));
    if again.as_deref() != Ok(expected_canon) {
        fail(tally, "dumps then loads changes the value".into());
    }
    let Value::Code(top) = &value else { return };
    let mut codes = Vec::new();
    code_objects(top, &mut codes);
    let groups: Vec<_> = case.lines[1..].chunks(4).collect();
    if groups.len() != codes.len() {
        return fail(tally, format!("{} code objects, CPython has {}", codes.len(), groups.len()));
    }
    for (code, group) in codes.iter().zip(groups) {
        tally.code_objects += 1;
        let qualname = code.co_qualname.as_str().unwrap_or("?");
        assert_eq!(group[0], format!("code {qualname}"));
        // Positions.
        match code.co_positions() {
            Ok(positions) => {
                tally.code_units += positions.len();
                let text: Vec<_> = positions
                    .iter()
                    .map(|p| format!("{},{},{},{}", p.line, p.end_line, p.col, p.end_col))
                    .collect();
                if format!("pos {}", text.join(" ")).trim_end() != group[1].trim_end() {
                    fail(tally, format!("{qualname}: co_positions differ"));
                }
                let entries = linetable::decode(&code.co_linetable, code.co_firstlineno).unwrap();
                if linetable::encode(&entries, code.co_firstlineno) != *code.co_linetable {
                    fail(tally, format!("{qualname}: linetable re-encodes differently"));
                }
            }
            Err(e) => fail(tally, format!("{qualname}: linetable: {e}")),
        }
        // co_lines.
        if let Ok(ranges) = code.co_lines() {
            let text: Vec<_> = ranges.iter().map(|(s, e, l)| format!("{s}:{e}:{l}")).collect();
            if format!("lines {}", text.join(" ")).trim_end() != group[2].trim_end() {
                fail(tally, format!("{qualname}: co_lines differ"));
            }
        }
        // Exception table.
        match code.exception_entries() {
            Ok(entries) => {
                tally.exception_entries += entries.len();
                let text: Vec<_> = entries
                    .iter()
                    .map(|e| format!("{}:{}:{}:{}:{}", e.start, e.end, e.target, e.depth, u8::from(e.lasti)))
                    .collect();
                if format!("exc {}", text.join(" ")).trim_end() != group[3].trim_end() {
                    fail(tally, format!("{qualname}: exception entries differ"));
                }
                if exceptiontable::encode(&entries) != *code.co_exceptiontable {
                    fail(tally, format!("{qualname}: exception table re-encodes differently"));
                }
            }
            Err(e) => fail(tally, format!("{qualname}: exception table: {e}")),
        }
    }
}

fn run(cases: &[Case]) -> Tally {
    let mut tally = Tally::default();
    for case in cases {
        check_case(case, &mut tally);
    }
    report!(
        "marshal: {} cases, {} code objects, {} code units' positions, {} exception entries, {} failures",
        tally.cases,
        tally.code_objects,
        tally.code_units,
        tally.exception_entries,
        tally.failures.len()
    );
    for failure in tally.failures.iter().take(20) {
        report!("  {failure}");
    }
    tally
}

#[test]
fn committed_cpython_data() {
    let cases = parse_records(include_bytes!("data/cpython311_marshal.txt"));
    let tally = run(&cases);
    assert!(tally.failures.is_empty());
    assert!(tally.code_objects >= 30);
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| repo_root().join("target"))
}

/// The reference CPython 3.11: `$TAIPAN_PYTHON`, else `python3`/`python3.11`
/// if it is 3.11 (resolved to `sys.executable`, past pyenv's shim).
fn python() -> Option<PathBuf> {
    let candidates: Vec<String> = match std::env::var("TAIPAN_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => vec!["python3".into(), "python3.11".into()],
    };
    let probe = "import sys; print(sys.version_info[:2] == (3, 11)); print(sys.executable)";
    candidates.iter().find_map(|cand| {
        let out = Command::new(cand).args(["-c", probe]).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let mut lines = text.lines();
        (lines.next()? == "True").then(|| PathBuf::from(lines.next().unwrap_or(cand)))
    })
}

#[test]
fn full_corpus_against_cpython() {
    let Some(python) = python() else {
        report!("SKIPPED full_corpus_against_cpython: no CPython 3.11 (set TAIPAN_PYTHON)");
        return;
    };
    let dir = target_dir().join("taipan-bytecode");
    std::fs::create_dir_all(&dir).unwrap();
    let script = repo_root().join("scripts/gen_marshal_data.py");
    let corpus = dir.join("cpython311_marshal_full.txt");
    let status = Command::new(&python).arg(&script).arg("gen").arg(&corpus).status().unwrap();
    assert!(status.success(), "gen_marshal_data.py gen failed");
    let cases = parse_records(&std::fs::read(&corpus).unwrap());
    let tally = run(&cases);
    // Our dumps, for CPython to load.
    let mut ours = Vec::new();
    for case in &cases {
        if let Ok(value) = loads(&case.data) {
            let data = dumps(&value);
            ours.extend_from_slice(format!("case {} {}\n", case.name, data.len()).as_bytes());
            ours.extend_from_slice(&data);
            ours.extend_from_slice(b"\nend\n");
        }
    }
    let ours_path = dir.join("taipan_marshal_dumps.txt");
    std::fs::write(&ours_path, ours).unwrap();
    let out = Command::new(&python).arg(&script).arg("check").arg(&corpus).arg(&ours_path).output().unwrap();
    report!("CPython loading Taipan's dumps: {}", String::from_utf8_lossy(&out.stdout).trim_end());
    assert!(tally.failures.is_empty());
    assert!(out.status.success(), "CPython rejected or changed Taipan's marshal output");
}

/// Corrupted data: CPython's `marshal.loads` and ours agree on accepting
/// (with equal values) or rejecting (with the same exception type). Known,
/// allowed differences: CPython crashes or runs out of memory (it allocates
/// a container before reading it), rejects code objects its constructor
/// finds inconsistent, normalises a corrupted `co_code`, builds cyclic
/// lists, or dedups set/dict items.
#[test]
fn mutated_data_against_cpython() {
    let Some(python) = python() else {
        report!("SKIPPED mutated_data_against_cpython: no CPython 3.11 (set TAIPAN_PYTHON)");
        return;
    };
    let dir = target_dir().join("taipan-bytecode");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cpython311_marshal_mutants.txt");
    let script = repo_root().join("scripts/gen_marshal_data.py");
    let status = Command::new(&python).arg(&script).arg("mutants").arg(&path).status().unwrap();
    assert!(status.success(), "gen_marshal_data.py mutants failed");
    let cases = parse_records(&std::fs::read(&path).unwrap());
    let (mut agree, mut same_message, mut allowed) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for case in &cases {
        let theirs = &case.lines[0];
        let ours = loads(&case.data);
        let tolerated = theirs == "crash"
            || theirs.starts_with("err MemoryError")
            || theirs.starts_with("err SystemError")
            || theirs.starts_with("err ValueError: code:")
            || theirs.starts_with("err RecursionError");
        match (&ours, theirs.strip_prefix("ok "), theirs.strip_prefix("err ")) {
            (Ok(v), Some(canon_text), _) if canon(v) == canon_text => agree += 1,
            // CPython's co_code reads back deoptimised, caches zeroed; ours
            // is the bytes as stored.
            (Ok(Value::Code(_)), Some(canon_text), _) if canon_text.starts_with("code(") => allowed += 1,
            // CPython keeps one of equal keys; ours keeps marshal's list.
            (Ok(v), Some(_), _) if has_duplicate_keys(v) => allowed += 1,
            (Err(e), _, Some(err)) if err.starts_with(&format!("{}:", error_type(e))) => {
                agree += 1;
                let ours = format!("{}: {}", error_type(e), e.message);
                same_message += usize::from(err == ours);
                if err != ours && std::env::var_os("TAIPAN_SHOW_WORDING").is_some() {
                    report!("  wording: {}: CPython {err} / Taipan {ours}", case.name);
                }
            }
            _ if tolerated => allowed += 1,
            _ => {
                let ours = match &ours {
                    Ok(v) => format!("ok {}", canon(v)),
                    Err(e) => format!("err {}: {}", error_type(e), e.message),
                };
                let at =
                    ours.bytes().zip(theirs.bytes()).take_while(|(a, b)| a == b).count().saturating_sub(20);
                let excerpt = |s: &str| s.get(at..).unwrap_or("").chars().take(100).collect::<String>();
                disagreements.push(format!(
                    "{} (from byte {at}): CPython {}, Taipan {}",
                    case.name,
                    excerpt(theirs),
                    excerpt(&ours)
                ));
            }
        }
    }
    report!(
        "mutated marshal data: {} cases, {agree} agree ({same_message} errors worded identically), {allowed} allowed differences, {} disagreements",
        cases.len(),
        disagreements.len()
    );
    for d in disagreements.iter().take(30) {
        report!("  {d}");
    }
    assert!(disagreements.is_empty());
}

/// Whether a dict or set inside `v` has two items with the same canonical text.
fn has_duplicate_keys(v: &Value) -> bool {
    let dup = |texts: Vec<String>| {
        let mut sorted = texts.clone();
        sorted.sort();
        sorted.dedup();
        sorted.len() != texts.len()
    };
    match v {
        Value::Dict(pairs) => {
            dup(pairs.iter().map(|(k, _)| canon(k)).collect())
                || pairs.iter().any(|(k, x)| has_duplicate_keys(k) || has_duplicate_keys(x))
        }
        Value::Set(items) | Value::FrozenSet(items) => {
            dup(items.iter().map(canon).collect()) || items.iter().any(has_duplicate_keys)
        }
        Value::Tuple(items) | Value::List(items) => items.iter().any(has_duplicate_keys),
        _ => false,
    }
}

fn error_type(e: &taipan_bytecode::marshal::MarshalError) -> &'static str {
    use taipan_bytecode::marshal::MarshalErrorKind::*;
    match e.kind {
        Eof => "EOFError",
        Value => "ValueError",
        Type => "TypeError",
        UnicodeDecode => "UnicodeDecodeError",
    }
}
