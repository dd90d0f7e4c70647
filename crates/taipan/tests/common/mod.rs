//! Helpers shared by the CLI's integration tests (each test file is its own
//! crate and includes this module with `mod common;`).

use std::process::Command;

/// The reference CPython's standard library (as the program corpus pins
/// it): `$TAIPAN_STDLIB`, else what the reference CPython 3.11 reports.
pub fn reference_stdlib() -> Option<String> {
    if let Ok(dir) = std::env::var("TAIPAN_STDLIB") {
        return Some(dir);
    }
    let out = Command::new("/root/.pyenv/versions/3.11.7/bin/python3.11")
        .args(["-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string()).filter(|s| !s.is_empty())
}
