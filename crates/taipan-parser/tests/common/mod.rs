//! Helpers shared by the differential tests of `taipan_parser` (each test
//! binary includes this module with `mod common;`): finding the reference
//! CPython 3.11 and its `Lib/`, parsing under `catch_unwind` so that a panic
//! is a reported failure, formatting a `SyntaxError`'s fields the way the
//! reference scripts in `scripts/` write CPython's, known-failure manifests
//! (with `UPDATE_MANIFEST=1` to rewrite them), a parallel map over files,
//! and reporting that `cargo test`'s output capture does not swallow.
//!
//! The tests themselves: `lib_corpus.rs` (every file of CPython's Lib),
//! `invalid_fixtures.rs` and `valid_fixtures.rs` (the committed snippets
//! under `tests/fixtures/`). See docs/testing.md.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;
use taipan_parser::{dump, parse_bytes, Mode, ParseOptions, SyntaxError};

/// Writes to the real stderr, bypassing the test harness's capture, so the
/// figures show in a plain `cargo test` run.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The crate's directory (`crates/taipan-parser`).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    crate_dir().join("../..").canonicalize().expect("repository root")
}

/// Cargo's target directory, found from the test executable's own path
/// (`target/<profile>/deps/<test>-<hash>`), so `CARGO_TARGET_DIR` is honoured.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| repo_root().join("target"))
}

/// The reference CPython 3.11 interpreter: `$TAIPAN_PYTHON`, else the first of
/// `python3`, `python3.11` that is 3.11, resolved to its real executable
/// (`sys.executable`, skipping pyenv's shim on later calls).
pub fn python() -> Option<PathBuf> {
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

/// CPython's `Lib/`: `$TAIPAN_STDLIB`, else what `python` reports as its stdlib.
pub fn stdlib(python: Option<&Path>) -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("TAIPAN_STDLIB") {
        if !dir.is_empty() {
            return Some(PathBuf::from(dir)).filter(|d| d.is_dir());
        }
    }
    let probe = "import sysconfig; print(sysconfig.get_path('stdlib'))";
    let out = Command::new(python?).args(["-c", probe]).output().ok()?;
    let dir = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    dir.is_dir().then_some(dir)
}

/// Every `.py` file under `lib`, sorted, skipping `lib/site-packages` and
/// not following symbolic links to directories.
pub fn lib_files(lib: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![lib.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if path != lib.join("site-packages") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// What `taipan_parser` made of one input.
pub enum Outcome {
    /// The `ast.dump(…, include_attributes=True, indent=3)` text.
    Tree(String),
    Error(SyntaxError),
    /// The parser panicked (message attached): always a failure.
    Panic(String),
}

/// Parses `bytes` and dumps the tree, turning a panic into `Outcome::Panic`.
pub fn parse_guarded(bytes: &[u8], mode: Mode, type_comments: bool) -> Outcome {
    silence_worker_panics();
    let run = || match parse_bytes(bytes, mode, ParseOptions { type_comments }) {
        Ok(tree) => Outcome::Tree(dump::dump_like_ast_main(&tree)),
        Err(err) => Outcome::Error(err),
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(outcome) => outcome,
        Err(payload) => Outcome::Panic(panic_message(payload.as_ref())),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_owned()
    }
}

const WORKER_PREFIX: &str = "parse-worker";

/// Installs (once) a panic hook that stays quiet for panics on parse worker
/// threads — they are reported as failures with their message — and
/// delegates to the default hook everywhere else.
fn silence_worker_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let quiet = std::thread::current().name().is_some_and(|n| n.starts_with(WORKER_PREFIX));
            if !quiet {
                default(info);
            }
        }));
    });
}

/// Maps `f` over `items` on a few worker threads with big stacks (deeply
/// nested inputs must not overflow the stack of a test thread), keeping order.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let chunks: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let (next, f) = (&next, &f);
                std::thread::Builder::new()
                    .name(format!("{WORKER_PREFIX}-{i}"))
                    .stack_size(256 << 20)
                    .spawn_scoped(scope, move || {
                        let mut done = Vec::new();
                        loop {
                            let k = next.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(k) else { break done };
                            done.push((k, f(item)));
                        }
                    })
                    .expect("spawn parse worker")
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("parse worker")).collect()
    });
    for (k, r) in chunks.into_iter().flatten() {
        results[k] = Some(r);
    }
    results.into_iter().map(|r| r.expect("every item mapped")).collect()
}

/// A `SyntaxError`'s fields as `scripts/ast_ref.py` and
/// `scripts/gen_fixtures.py` write CPython's: `key: value` lines.
pub fn error_fields(err: &SyntaxError) -> String {
    format!(
        "kind: {}\nmsg: {}\nlineno: {}\noffset: {}\nend_lineno: {}\nend_offset: {}\n",
        err.kind.name(),
        err.msg.replace('\n', "\\n"),
        err.lineno,
        err.offset,
        err.end_lineno,
        err.end_offset
    )
}

/// Whether our fields equal CPython's, line by line. CPython's `None` (a
/// position it does not know) is our `-1`.
pub fn fields_match(expected: &str, got: &str) -> bool {
    let (exp, got): (Vec<_>, Vec<_>) = (expected.lines().collect(), got.lines().collect());
    exp.len() == got.len()
        && exp
            .iter()
            .zip(&got)
            .all(|(e, g)| e == g || e.strip_suffix(": None").is_some_and(|key| format!("{key}: -1") == *g))
}

/// A one-line hint at where `got` departs from `expected`.
pub fn first_difference(expected: &str, got: &str) -> String {
    let (mut exp, mut act) = (expected.lines(), got.lines());
    for n in 1.. {
        match (exp.next(), act.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (None, None) => return "identical".to_owned(),
            (e, a) => {
                let show =
                    |s: Option<&str>| s.map_or("<end>".to_owned(), |s| format!("{:?}", s.trim_start()));
                return format!("line {n}: CPython {} / taipan {}", show(e), show(a));
            }
        }
    }
    unreachable!()
}

/// The short description of an `Outcome` that is not the expected one.
pub fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Tree(_) => "parsed without error".to_owned(),
        Outcome::Error(e) => format!(
            "{}: {} ({}:{}-{}:{})",
            e.kind.name(),
            e.msg,
            e.lineno,
            e.offset,
            e.end_lineno,
            e.end_offset
        ),
        Outcome::Panic(msg) => format!("PANIC: {}", msg.lines().next().unwrap_or("")),
    }
}

/// How many new failures `Manifest::check` prints in full.
const MAX_SHOWN: usize = 200;

/// A committed list of inputs known to fail (one name per line, `#` comments).
pub struct Manifest {
    path: PathBuf,
    header: String,
    pub entries: BTreeSet<String>,
}

impl Manifest {
    /// Loads `path` (missing file = empty manifest); `header` heads a rewrite.
    pub fn load(path: PathBuf, header: &str) -> Manifest {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let entries = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        Manifest { path, header: header.to_owned(), entries }
    }

    /// Compares this run's `failures` with the manifest: prints new
    /// failures (with their hints) and entries that now pass, rewrites the
    /// file under `UPDATE_MANIFEST=1`, and returns whether any failure is
    /// not listed. `all` is every input name of the run (entries outside it
    /// are kept when rewriting, as they may belong to another Lib/ version).
    pub fn check(&self, failures: &[(String, String)], all: &BTreeSet<String>) -> bool {
        let failed: BTreeSet<&String> = failures.iter().map(|(n, _)| n).collect();
        let fixed: Vec<&String> =
            self.entries.iter().filter(|e| all.contains(*e) && !failed.contains(e)).collect();
        let new: Vec<&(String, String)> =
            failures.iter().filter(|(n, _)| !self.entries.contains(n)).collect();
        for (name, hint) in new.iter().take(MAX_SHOWN) {
            report!("FAIL (not in manifest) {name}: {hint}");
        }
        if new.len() > MAX_SHOWN {
            report!("… and {} more failures not in the manifest", new.len() - MAX_SHOWN);
        }
        for name in &fixed {
            report!("now passes (remove it from the manifest): {name}");
        }
        if std::env::var_os("UPDATE_MANIFEST").is_some_and(|v| v == "1") {
            self.rewrite(&failed, all);
            return false;
        }
        if !new.is_empty() {
            report!("{} unexpected failure(s); manifest: {}", new.len(), self.path.display());
        }
        !new.is_empty()
    }

    fn rewrite(&self, failed: &BTreeSet<&String>, all: &BTreeSet<String>) {
        let kept = self.entries.iter().filter(|e| !all.contains(*e));
        let names: BTreeSet<&String> = failed.iter().copied().chain(kept).collect();
        let mut text = self.header.clone();
        for name in names {
            text.push_str(name);
            text.push('\n');
        }
        let mut file = std::fs::File::create(&self.path).expect("create manifest");
        file.write_all(text.as_bytes()).expect("write manifest");
        report!("UPDATE_MANIFEST=1: wrote {} entries to {}", failed.len(), self.path.display());
    }
}

/// The fixtures directory, `tests/fixtures/<kind>` (`valid` or `invalid`).
pub fn fixtures_dir(kind: &str) -> PathBuf {
    crate_dir().join("tests/fixtures").join(kind)
}

/// Every `.py` file under `dir`, recursively, sorted.
pub fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The parse mode a fixture's name asks for: `x.eval.py`, `x.single.py`,
/// `x.func_type.py`; `exec` otherwise (as `scripts/gen_fixtures.py` reads it).
pub fn fixture_mode(path: &Path) -> Mode {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.rsplit_once('.')
        .and_then(|(_, m)| Mode::from_name(m))
        .filter(|m| *m != Mode::Exec)
        .unwrap_or(Mode::Exec)
}

/// `path` relative to `base`, with `/` separators (manifest entries).
pub fn relative_name(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Percentage `n / m` with one decimal (100.0 when `m` is 0).
pub fn percent(n: usize, m: usize) -> f64 {
    if m == 0 {
        100.0
    } else {
        (n as f64 * 1000.0 / m as f64).round() / 10.0
    }
}
