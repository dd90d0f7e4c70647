//! The program corpus: every `tests/programs/<area>/<name>.py` (repository
//! root) is run by the `taipan` binary and compared with what CPython 3.11
//! printed for it, as recorded by `scripts/gen_program_expectations.py`:
//! `<name>.out` holds the expected stdout bytes and, for a program that exits
//! with a non-zero status, `<name>.err` holds `status N` and the last
//! non-empty line of stderr (`Kind: message` for an uncaught exception).
//!
//! Programs run two at a time, each in its own directory with the
//! generator's environment (`PYTHONHASHSEED=0`, `PYTHONIOENCODING=utf-8`,
//! `PYTHONDONTWRITEBYTECODE=1`, and `TAIPAN_STDLIB` pinned to the reference
//! CPython's `Lib/` as in the other differential tests) and a 10 s timeout. Programs known to fail
//! are listed in `tests/programs/known_failures.txt`; the test fails when a
//! program outside it fails or a program inside it passes (rewrite it with
//! `UPDATE_MANIFEST=1`). A crash of `taipan` (a signal, status 101, or a
//! Rust panic message on stderr whatever the status) is always listed,
//! manifested or not. `TAIPAN_PROGRAMS=text`
//! runs only the programs whose path contains `text`; `SHOW_FAILURES=1`
//! also prints why each manifested program fails.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);
const WORKERS: usize = 2;
/// The exit status of a Rust program that panicked.
const PANIC_STATUS: i32 = 101;
const MANIFEST_HEADER: &str = "\
# Programs (paths under tests/programs/) that taipan does not yet run as
# CPython 3.11 does. Checked by crates/taipan/tests/programs.rs; regenerate with
#   UPDATE_MANIFEST=1 cargo test --release -p taipan --test programs
";

/// Writes to the real stderr, so figures show in a plain `cargo test` run.
macro_rules! report {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// What one program's run amounted to.
#[derive(Debug)]
enum Outcome {
    Pass,
    /// Different output or status; the hint says where.
    Fail(String),
    /// Killed by a signal or panicked: always reported.
    Crash(String),
    /// Still running after `TIMEOUT`, then killed.
    Timeout,
}

/// What CPython did: stdout, and for a failing program (status, last stderr line).
struct Expected {
    stdout: Vec<u8>,
    failure: Option<(i32, String)>,
}

/// What taipan did.
struct Actual {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

#[test]
fn programs_match_cpython() {
    let corpus = corpus_dir();
    let filter = std::env::var("TAIPAN_PROGRAMS").unwrap_or_default();
    let programs: Vec<String> =
        py_files(&corpus).into_iter().filter(|p| p.contains(filter.as_str())).collect();
    assert!(!programs.is_empty(), "no programs under {} matching {filter:?}", corpus.display());
    let stdlib = reference_stdlib();
    match &stdlib {
        Some(dir) => report!("TAIPAN_STDLIB={}", dir.display()),
        None => report!("no CPython 3.11 Lib/ found: taipan looks for its own"),
    }
    let outcomes = run_all(&corpus, &programs, stdlib.as_deref());
    print_table(&programs, &outcomes);
    print_crashes(&programs, &outcomes);
    assert!(check_manifest(&corpus, &programs, &outcomes, &filter), "{}", manifest_advice());
}

fn manifest_advice() -> &'static str {
    "programs disagree with tests/programs/known_failures.txt: fix the regressions, or \
     (after checking that nothing regressed) rerun with UPDATE_MANIFEST=1 to rewrite it"
}

/// `tests/programs` at the repository root.
fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
    dir.canonicalize().unwrap_or(dir)
}

/// CPython's `Lib/` for taipan (as the other differential tests pin it):
/// `$TAIPAN_STDLIB`, else the stdlib of the reference CPython 3.11
/// (`$TAIPAN_PYTHON`, else the first of `python3`, `python3.11` that is 3.11).
fn reference_stdlib() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TAIPAN_STDLIB").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
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
        let dir = (lines.next()? == "True").then(|| PathBuf::from(lines.next().unwrap_or("")))?;
        dir.is_dir().then_some(dir)
    })
}

/// Every `.py` under `dir`, as sorted `/`-separated paths relative to it.
fn py_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                found.push(relative_name(dir, &path));
            }
        }
    }
    found.sort();
    found
}

fn relative_name(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The area of `area/name.py` (its first directory).
fn area_of(program: &str) -> &str {
    program.split_once('/').map_or("", |(area, _)| area)
}

/// Runs every program on `WORKERS` threads; outcomes in the order of `programs`.
fn run_all(corpus: &Path, programs: &[String], stdlib: Option<&Path>) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(BTreeMap::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(program) = programs.get(i) else { break };
                let outcome = check_program(&corpus.join(program), stdlib);
                results.lock().unwrap_or_else(|e| e.into_inner()).insert(i, outcome);
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner()).into_values().collect()
}

/// Runs one program and compares it with its expectation.
fn check_program(path: &Path, stdlib: Option<&Path>) -> Outcome {
    let expected = match load_expected(path) {
        Ok(e) => e,
        Err(e) => return Outcome::Fail(e),
    };
    match run_taipan(path, stdlib) {
        Ok(Some(actual)) => compare(&expected, &actual),
        Ok(None) => Outcome::Timeout,
        Err(e) => Outcome::Fail(format!("cannot run taipan: {e}")),
    }
}

/// Reads `<name>.out` and the optional `<name>.err`.
fn load_expected(path: &Path) -> Result<Expected, String> {
    let out = path.with_extension("out");
    let stdout = std::fs::read(&out)
        .map_err(|e| format!("{}: {e} (run scripts/gen_program_expectations.py)", out.display()))?;
    let failure = match std::fs::read_to_string(path.with_extension("err")) {
        Ok(text) => Some(parse_err_file(&text)?),
        Err(_) => None,
    };
    Ok(Expected { stdout, failure })
}

/// Parses `status N\n<last stderr line>\n`.
fn parse_err_file(text: &str) -> Result<(i32, String), String> {
    let mut lines = text.lines();
    let status = lines
        .next()
        .and_then(|l| l.strip_prefix("status "))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("malformed .err file: {text:?}"))?;
    Ok((status, lines.next().unwrap_or("").to_string()))
}

/// Runs `taipan name.py` in the program's directory; `None` on timeout.
fn run_taipan(path: &Path, stdlib: Option<&Path>) -> std::io::Result<Option<Actual>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default();
    let mut command = Command::new(env!("CARGO_BIN_EXE_taipan"));
    if let Some(lib) = stdlib {
        command.env("TAIPAN_STDLIB", lib);
    }
    let mut child = command
        .arg(name)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_with_timeout(&mut child)?;
    let (stdout, stderr) = (join_drain(stdout), join_drain(stderr));
    Ok(status.map(|status| Actual { status, stdout, stderr }))
}

type Drain = Option<std::thread::JoinHandle<Vec<u8>>>;

/// Reads a child's pipe to its end on a thread (so the child never blocks on a full pipe).
fn drain(pipe: Option<impl Read + Send + 'static>) -> Drain {
    pipe.map(|mut p| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = p.read_to_end(&mut buf);
            buf
        })
    })
}

fn join_drain(handle: Drain) -> Vec<u8> {
    handle.and_then(|h| h.join().ok()).unwrap_or_default()
}

/// Waits for the child; kills it and returns `None` after `TIMEOUT`.
fn wait_with_timeout(child: &mut Child) -> std::io::Result<Option<ExitStatus>> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Compares taipan's run with CPython's.
fn compare(expected: &Expected, actual: &Actual) -> Outcome {
    let status = actual.status.code();
    let last_err = last_stderr_line(&actual.stderr);
    let expected_status = expected.failure.as_ref().map_or(0, |f| f.0);
    let panic = panic_message(&actual.stderr);
    let panicked = status == Some(PANIC_STATUS) && expected_status != PANIC_STATUS;
    if status.is_none() || panicked || panic.is_some() {
        let why = panic.unwrap_or(last_err);
        return Outcome::Crash(format!("{} — {why}", describe_status(actual.status)));
    }
    if expected.stdout != actual.stdout {
        let hint = first_difference(&expected.stdout, &actual.stdout);
        return Outcome::Fail(format!("stdout differs: {hint} (status {status:?}, stderr: {last_err})"));
    }
    if status != Some(expected_status) {
        return Outcome::Fail(format!("status {status:?}, expected {expected_status} (stderr: {last_err})"));
    }
    match &expected.failure {
        Some((_, line)) if *line != last_err => {
            Outcome::Fail(format!("last stderr line {last_err:?}, expected {line:?}"))
        }
        _ => Outcome::Pass,
    }
}

fn describe_status(status: ExitStatus) -> String {
    match status.code() {
        Some(PANIC_STATUS) => "panicked (status 101)".to_string(),
        Some(code) => format!("status {code}"),
        None => format!("killed by a signal ({status})"),
    }
}

/// The last non-empty line of stderr (as the generator computes it).
fn last_stderr_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

/// The `thread '…' panicked at FILE:LINE:COL:` line of a Rust panic and the message after it.
fn panic_message(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let mut lines = text.lines().skip_while(|l| !l.contains("panicked at"));
    let at = lines.next()?;
    Some(format!("{at} {}", lines.next().unwrap_or("")))
}

/// A one-line hint: the first line where the two outputs differ.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let (e, a) = (String::from_utf8_lossy(expected), String::from_utf8_lossy(actual));
    let (mut el, mut al) = (e.lines(), a.lines());
    for n in 1.. {
        match (el.next(), al.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (x, y) => return format!("line {n}: expected {}, got {}", show_line(x), show_line(y)),
        }
    }
    unreachable!("the loop returns")
}

fn show_line(line: Option<&str>) -> String {
    line.map_or_else(|| "<end of output>".to_string(), |l| format!("{l:?}"))
}

/// Prints `area: passed/total` per area, then the overall figure.
fn print_table(programs: &[String], outcomes: &[Outcome]) {
    let mut areas: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (p, o) in programs.iter().zip(outcomes) {
        let entry = areas.entry(area_of(p)).or_default();
        entry.0 += matches!(o, Outcome::Pass) as usize;
        entry.1 += 1;
    }
    for (area, (passed, total)) in &areas {
        report!("  {area:<16} {passed:>4}/{total}");
    }
    let passed = outcomes.iter().filter(|o| matches!(o, Outcome::Pass)).count();
    report!("programs: passed {passed} / total {}", programs.len());
}

/// Lists every crash and timeout, loudly, manifested or not.
fn print_crashes(programs: &[String], outcomes: &[Outcome]) {
    let bad: Vec<String> = programs
        .iter()
        .zip(outcomes)
        .filter_map(|(p, o)| match o {
            Outcome::Crash(why) => Some(format!("  CRASH   {p}: {why}")),
            Outcome::Timeout => Some(format!("  TIMEOUT {p}: killed after {}s", TIMEOUT.as_secs())),
            _ => None,
        })
        .collect();
    if !bad.is_empty() {
        report!("!!! taipan CRASHED or hung on {} programs:", bad.len());
        for line in &bad {
            report!("{line}");
        }
    }
}

/// The manifest's entries (comments and blank lines skipped).
fn load_manifest(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

/// Checks the outcomes against the manifest (or rewrites it); true when they agree.
fn check_manifest(corpus: &Path, programs: &[String], outcomes: &[Outcome], filter: &str) -> bool {
    let path = corpus.join("known_failures.txt");
    let known = load_manifest(&path);
    let failing: BTreeMap<&str, &Outcome> = programs
        .iter()
        .zip(outcomes)
        .filter(|(_, o)| !matches!(o, Outcome::Pass))
        .map(|(p, o)| (p.as_str(), o))
        .collect();
    if std::env::var_os("UPDATE_MANIFEST").is_some() {
        rewrite_manifest(&path, &known, programs, &failing, filter);
        return true;
    }
    if std::env::var_os("SHOW_FAILURES").is_some() {
        for (p, o) in failing.iter().filter(|(p, _)| known.contains(**p)) {
            report!("  fail (manifested) {p}: {}", describe_outcome(o));
        }
    }
    let unexpected: Vec<_> = failing.iter().filter(|(p, _)| !known.contains(**p)).collect();
    for (p, o) in &unexpected {
        report!("  FAIL (not in the manifest) {p}: {}", describe_outcome(o));
    }
    let selected: BTreeSet<&str> = programs.iter().map(String::as_str).collect();
    let now_passing: Vec<&String> =
        known.iter().filter(|k| k.contains(filter) && !failing.contains_key(k.as_str())).collect();
    for p in &now_passing {
        let why = if selected.contains(p.as_str()) { "now passes" } else { "no such program" };
        report!("  {why} (remove it from the manifest): {p}");
    }
    unexpected.is_empty() && now_passing.is_empty()
}

/// Writes the manifest: the current failures, plus unselected entries kept as they were.
fn rewrite_manifest(
    path: &Path,
    known: &BTreeSet<String>,
    programs: &[String],
    failing: &BTreeMap<&str, &Outcome>,
    filter: &str,
) {
    let selected: BTreeSet<&str> = programs.iter().map(String::as_str).collect();
    let mut entries: BTreeSet<&str> = failing.keys().copied().collect();
    let kept = known.iter().filter(|k| !k.contains(filter) && !selected.contains(k.as_str()));
    entries.extend(kept.map(String::as_str));
    let mut text = MANIFEST_HEADER.to_string();
    for e in &entries {
        text.push_str(e);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    report!("rewrote {} ({} entries)", path.display(), entries.len());
}

fn describe_outcome(o: &Outcome) -> String {
    match o {
        Outcome::Pass => "passed".to_string(),
        Outcome::Fail(hint) | Outcome::Crash(hint) => hint.clone(),
        Outcome::Timeout => format!("timed out after {}s", TIMEOUT.as_secs()),
    }
}
