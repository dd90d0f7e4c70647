//! Import semantics against CPython 3.11: every scenario under
//! `tests/imports/<scenario>/` (a small tree of modules: packages and
//! relative imports, `from m import *` with and without `__all__`,
//! circular imports, PEP 420 namespace packages, `__import__` and its
//! hook, CPython's ImportError/ModuleNotFoundError messages, `-m module`
//! and `-m package`) is copied to a temporary directory and run by
//! `taipan`; stdout, the exit status and the last stderr line must equal
//! what CPython printed, as recorded in `<command>.expected` by
//! `scripts/gen_import_expectations.py` (which documents the format).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/imports")
}

/// A command: its name, leading `NAME=VALUE` environment variables, and
/// its arguments.
struct Cmd {
    name: String,
    env: Vec<(String, String)>,
    args: Vec<String>,
}

/// The commands of a scenario (`scripts/gen_import_expectations.py`
/// documents their format).
fn commands(dir: &Path) -> Vec<Cmd> {
    let mut cmds: Vec<(String, Vec<String>)> = fs::read_dir(dir)
        .expect("scenario dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("cmd") && !n.ends_with(".expected"))
        .map(|n| {
            let args =
                fs::read_to_string(dir.join(&n)).expect("cmd").split_whitespace().map(String::from).collect();
            (n, args)
        })
        .collect();
    cmds.sort();
    if cmds.is_empty() {
        cmds.push(("main".to_string(), vec!["main.py".to_string()]));
    }
    cmds.into_iter().map(|(name, words)| split_env(name, words)).collect()
}

fn split_env(name: String, mut words: Vec<String>) -> Cmd {
    let count = words.iter().take_while(|w| w.contains('=') && !w.starts_with('-')).count();
    let env = words
        .drain(..count)
        .map(|w| {
            let (key, value) = w.split_once('=').unwrap_or((&w, ""));
            (key.to_string(), value.to_string())
        })
        .collect();
    Cmd { name, env, args: words }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read dir").filter_map(|e| e.ok()) {
        let name = e.file_name();
        let target = to.join(&name);
        if e.path().is_dir() {
            if name != "__pycache__" {
                copy_tree(&e.path(), &target);
            }
        } else if !name.to_string_lossy().ends_with(".expected") {
            fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// stdout, `--- status N`, and the last stderr line when N ≠ 0.
fn record(stdout: &[u8], stderr: &[u8], status: i32) -> String {
    let mut out = String::from_utf8_lossy(stdout).into_owned();
    out.push_str(&format!("--- status {status}\n"));
    let err = String::from_utf8_lossy(stderr);
    if status != 0 {
        if let Some(last) = err.lines().rfind(|l| !l.trim().is_empty()) {
            // runpy's messages start with the interpreter's path.
            let exe = concat!(env!("CARGO_BIN_EXE_taipan"), ": ");
            out.push_str(&last.replacen(exe, "EXECUTABLE: ", 1));
            out.push('\n');
        }
    }
    out
}

#[test]
fn import_scenarios_match_cpython() {
    let root = scenarios_dir();
    let mut names: Vec<String> = fs::read_dir(&root)
        .expect("tests/imports")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    let mut total = 0;
    for scenario in &names {
        let src = root.join(scenario);
        for Cmd { name: cmd, env, args } in commands(&src) {
            total += 1;
            let work =
                std::env::temp_dir().join(format!("taipan-scenario-{}-{scenario}-{cmd}", std::process::id()));
            let _ = fs::remove_dir_all(&work);
            copy_tree(&src, &work.join(scenario));
            let out = Command::new(env!("CARGO_BIN_EXE_taipan"))
                .args(&args)
                .current_dir(work.join(scenario))
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .env("PYTHONHASHSEED", "0")
                .env_remove("PYTHONPATH")
                .envs(env)
                .output()
                .expect("run taipan");
            let _ = fs::remove_dir_all(&work);
            let got = record(&out.stdout, &out.stderr, out.status.code().unwrap_or(-1));
            let want = fs::read_to_string(src.join(format!("{cmd}.expected"))).expect("expected output");
            if got != want {
                failures.push(format!("{scenario}/{cmd}:\n--- expected\n{want}--- got\n{got}"));
            }
        }
    }
    eprintln!("import scenarios: passed {} / {total}", total - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
