//! Signals sent to a running `taipan` from outside: each `tests/signals/NAME.py`
//! prints "ready", then blocks or loops; the test sends SIGINT and compares
//! the exit status, stdout and stderr with `NAME.expected`, which
//! `scripts/gen_signal_expectations.py` wrote by doing the same to CPython
//! 3.11. Covered: KeyboardInterrupt out of a busy loop, `time.sleep`,
//! `input()` and `os.read` (status "killed by SIGINT", as CPython's
//! `exit_sigint`), a KeyboardInterrupt caught, a Python SIGINT handler
//! that exits, one that re-sends the signal from inside itself, and
//! `atexit` callbacks running before the process dies.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/signals")
}

/// Waits for the child at most `limit`; kills it when it does not end.
fn wait_for(child: &mut Child, limit: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            return child.wait().expect("wait after kill");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs one scenario as the generator script runs CPython; the result in
/// the `.expected` format.
fn run_scenario(name: &str, stdlib: &Option<String>) -> String {
    let dir = scenario_dir().canonicalize().expect("tests/signals");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taipan"));
    cmd.arg(name).current_dir(&dir).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(lib) = stdlib {
        cmd.env("TAIPAN_STDLIB", lib);
    }
    let mut child = cmd.spawn().expect("spawn taipan");
    let stdin = child.stdin.take();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    let _ = stdout.read_line(&mut first);
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: kill has no memory-safety preconditions; the pid is our child's.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let status = wait_for(&mut child, Duration::from_secs(10));
    let mut rest = String::new();
    let _ = stdout.read_to_string(&mut rest);
    let mut err = String::new();
    let _ = child.stderr.take().expect("stderr").read_to_string(&mut err);
    drop(stdin);
    let status = match status.signal() {
        Some(sig) => format!("signal {sig}"),
        None => format!("exit {}", status.code().unwrap_or(-1)),
    };
    let err = err.replace(&format!("{}/", dir.display()), "");
    format!("status: {status}\n--- stdout\n{first}{rest}--- stderr\n{err}")
}

#[test]
fn sigint_scenarios_match_cpython() {
    let stdlib = common::reference_stdlib();
    let mut names: Vec<String> = std::fs::read_dir(scenario_dir())
        .expect("tests/signals")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".py").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "scenarios missing: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let expected = std::fs::read_to_string(scenario_dir().join(format!("{name}.expected")))
            .unwrap_or_else(|_| panic!("{name}.expected missing: run scripts/gen_signal_expectations.py"));
        let got = run_scenario(&format!("{name}.py"), &stdlib);
        if got != expected {
            failures.push(format!("=== {name}\n--- expected\n{expected}--- got\n{got}"));
        }
    }
    println!("signals: passed {} / {}", names.len() - failures.len(), names.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
