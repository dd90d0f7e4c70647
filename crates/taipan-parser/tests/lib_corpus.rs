//! The whole-Lib differential test: every `.py` file of CPython 3.11's
//! `Lib/` (Lib/test included, site-packages excluded) parsed by
//! `taipan_parser` and compared byte for byte with what `python3 -m ast -a`
//! prints — or, for the files CPython rejects, with the SyntaxError's class,
//! message and positions.
//!
//! CPython's results come from one run of `scripts/ast_ref.py`, cached under
//! `target/ast-ref/` by content hash. Files known to fail are listed in
//! `lib_corpus_known_failures.txt` (rewrite it with `UPDATE_MANIFEST=1`).
//! Without a CPython 3.11 the test prints SKIPPED and passes.

#[macro_use]
mod common;

use common::{Manifest, Outcome};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use taipan_parser::Mode;

const MANIFEST_HEADER: &str = "\
# Files of CPython 3.11's Lib/ (relative paths) that taipan_parser does not yet
# parse exactly as CPython does. Checked by tests/lib_corpus.rs; regenerate with
#   UPDATE_MANIFEST=1 cargo test --release -p taipan-parser --test lib_corpus
";

/// CPython's verdict on one file, read from its cache entry.
enum Reference {
    Tree(String),
    Error(String),
}

/// How one file compared.
enum Verdict {
    Identical { rejected: bool },
    Differs { rejected: bool, hint: String },
}

#[test]
fn lib_corpus_matches_cpython() {
    let python = common::python();
    let Some(lib) = common::stdlib(python.as_deref()) else {
        report!("lib_corpus: SKIPPED — no CPython 3.11 Lib/ found (set TAIPAN_STDLIB or install python3.11)");
        return;
    };
    let Some(python) = python else {
        report!(
            "lib_corpus: SKIPPED — no CPython 3.11 interpreter to compute references (set TAIPAN_PYTHON)"
        );
        return;
    };
    let files = common::lib_files(&lib);
    assert!(!files.is_empty(), "no .py files under {}", lib.display());
    let refs = reference_paths(&python, &files);
    let jobs: Vec<(&PathBuf, &PathBuf)> = files.iter().zip(&refs).collect();
    let verdicts = common::par_map(&jobs, |(file, reference)| compare(file, reference));
    let failures = summarize(&lib, &files, &verdicts);
    let manifest =
        Manifest::load(common::crate_dir().join("tests/lib_corpus_known_failures.txt"), MANIFEST_HEADER);
    let all = files.iter().map(|f| relative(&lib, f)).collect();
    assert!(!manifest.check(&failures, &all), "Lib/ files differ from CPython and are not in the manifest");
}

/// Runs `scripts/ast_ref.py` once over all `files`; returns each file's cache entry.
fn reference_paths(python: &Path, files: &[PathBuf]) -> Vec<PathBuf> {
    let script = common::repo_root().join("scripts/ast_ref.py");
    let cache = common::target_dir().join("ast-ref");
    let mut child = Command::new(python)
        .arg(&script)
        .arg("--cache")
        .arg(&cache)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run scripts/ast_ref.py");
    let mut list = Vec::new();
    for f in files {
        list.extend_from_slice(f.as_os_str().as_encoded_bytes());
        list.push(b'\n');
    }
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(&list));
    let out = child.wait_with_output().expect("ast_ref.py output");
    writer.join().expect("writer thread").expect("write file list");
    assert!(out.status.success(), "scripts/ast_ref.py failed: {}", out.status);
    let refs: Vec<PathBuf> =
        String::from_utf8(out.stdout).expect("utf-8 paths").lines().map(PathBuf::from).collect();
    assert_eq!(refs.len(), files.len(), "ast_ref.py returned a wrong number of entries");
    refs
}

fn load_reference(path: &Path) -> Reference {
    let text = std::fs::read(path).expect("read reference entry");
    let text = String::from_utf8_lossy(&text).into_owned();
    if let Some(tree) = text.strip_prefix("OK\n") {
        Reference::Tree(tree.strip_suffix('\n').unwrap_or(tree).to_owned())
    } else {
        Reference::Error(text.strip_prefix("ERR\n").unwrap_or(&text).to_owned())
    }
}

/// Parses one file and compares it with CPython's reference.
fn compare(file: &Path, reference: &Path) -> Verdict {
    let bytes = std::fs::read(file).expect("read Lib file");
    let outcome = common::parse_guarded(&bytes, Mode::Exec, true);
    match (load_reference(reference), outcome) {
        (Reference::Tree(exp), Outcome::Tree(got)) if exp == got => Verdict::Identical { rejected: false },
        (Reference::Tree(exp), Outcome::Tree(got)) => {
            Verdict::Differs { rejected: false, hint: common::first_difference(&exp, &got) }
        }
        (Reference::Error(exp), Outcome::Error(err)) => {
            let got = common::error_fields(&err);
            if common::fields_match(&exp, &got) {
                Verdict::Identical { rejected: true }
            } else {
                Verdict::Differs { rejected: true, hint: common::first_difference(&exp, &got) }
            }
        }
        (Reference::Tree(_), other) => Verdict::Differs { rejected: false, hint: common::describe(&other) },
        (Reference::Error(exp), other) => {
            let msg = exp.lines().nth(1).unwrap_or("").trim_start_matches("msg: ");
            Verdict::Differs {
                rejected: true,
                hint: format!("CPython rejects it ({msg}); taipan: {}", common::describe(&other)),
            }
        }
    }
}

/// Prints the figures; returns the differing files (relative path, hint).
fn summarize(lib: &Path, files: &[PathBuf], verdicts: &[Verdict]) -> Vec<(String, String)> {
    let (mut same, mut accepted, mut same_rej, mut rejected) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for (file, verdict) in files.iter().zip(verdicts) {
        match verdict {
            Verdict::Identical { rejected: false } => (same, accepted) = (same + 1, accepted + 1),
            Verdict::Identical { rejected: true } => (same_rej, rejected) = (same_rej + 1, rejected + 1),
            Verdict::Differs { rejected: r, hint } => {
                if *r {
                    rejected += 1
                } else {
                    accepted += 1
                }
                failures.push((relative(lib, file), hint.clone()));
            }
        }
    }
    report!("lib_corpus: {} ({} files)", lib.display(), files.len());
    report!(
        "identical: {same} / {accepted} accepted files; rejected as CPython does: {same_rej} / {rejected}"
    );
    failures
}

fn relative(lib: &Path, file: &Path) -> String {
    file.strip_prefix(lib).unwrap_or(file).to_string_lossy().into_owned()
}
