//! The import system's configuration: what the command line and the
//! environment say (`-O`, `-B`, `-E`, `-I`, `-X pycache_prefix`,
//! `--check-hash-based-pycs`, `PYTHONPATH`, `PYTHONDONTWRITEBYTECODE`,
//! `PYTHONPYCACHEPREFIX`), fixed once before the first run (`configure`),
//! and the discovery of the standard library (DESIGN.md: `$TAIPAN_STDLIB`,
//! `../lib/python3.11` beside the binary, then well-known installs; a few
//! `stat` calls, never a process). `sys` reads its `path`, `flags`,
//! `dont_write_bytecode` and `pycache_prefix` from here.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use taipan_bytecode::pycache::CheckHashBasedPycs;

/// What the interpreter was asked to do about imports and caches.
#[derive(Clone, Debug, Default)]
pub struct ImportConfig {
    /// `-O` (1) / `-OO` (2) / `PYTHONOPTIMIZE`.
    pub optimize: u8,
    /// `-B` / `PYTHONDONTWRITEBYTECODE`: the initial `sys.dont_write_bytecode`.
    pub dont_write_bytecode: bool,
    /// `-X pycache_prefix=DIR` / `PYTHONPYCACHEPREFIX`: the initial `sys.pycache_prefix`.
    pub pycache_prefix: Option<String>,
    /// `--check-hash-based-pycs`.
    pub check_hash_based_pycs: CheckHashBasedPycs,
    /// `-E` (also set by `-I`): ignore `PYTHON*` variables.
    pub ignore_environment: bool,
    /// `-I`: isolated mode (no script directory on `sys.path`).
    pub isolated: bool,
    /// `-S`: do not import `site` at start-up.
    pub no_site: bool,
    /// `-s` (also set by `-I`) / `PYTHONNOUSERSITE`: `site` leaves the
    /// user's site-packages off `sys.path`.
    pub no_user_site: bool,
    /// `sys.path[0]`: the script's directory, `''` for `-c`, the working
    /// directory for `-m`; `None` under `-I`.
    pub path0: Option<String>,
    /// `sys.orig_argv`: the command line as given.
    pub orig_argv: Vec<String>,
}

static CONFIG: OnceLock<ImportConfig> = OnceLock::new();

/// Fixes the configuration (once, before the interpreter runs code);
/// reads the environment variables unless `-E`/`-I` said not to.
pub fn configure(mut config: ImportConfig) {
    if !config.ignore_environment {
        apply_environment(&mut config);
    }
    let _ = CONFIG.set(config);
}

/// The configuration (the defaults plus the environment when nobody set one).
pub fn config() -> &'static ImportConfig {
    CONFIG.get_or_init(|| {
        let mut c = ImportConfig::default();
        apply_environment(&mut c);
        c
    })
}

/// `PYTHONDONTWRITEBYTECODE`, `PYTHONPYCACHEPREFIX`, `PYTHONOPTIMIZE`
/// (a non-empty value counts, as CPython's flags do).
fn apply_environment(c: &mut ImportConfig) {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if set("PYTHONDONTWRITEBYTECODE").is_some() {
        c.dont_write_bytecode = true;
    }
    if c.pycache_prefix.is_none() {
        c.pycache_prefix = set("PYTHONPYCACHEPREFIX").map(|v| v.to_string_lossy().into_owned());
    }
    if set("PYTHONNOUSERSITE").is_some() {
        c.no_user_site = true;
    }
    if let Some(v) = set("PYTHONOPTIMIZE") {
        let level = v.to_str().and_then(|s| s.parse::<u8>().ok()).unwrap_or(1);
        c.optimize = c.optimize.max(level.min(2));
    }
}

/// The `.pyc` optimization tag for the `-O` level (`""`, `"1"`, `"2"`).
pub fn optimization_tag(optimize: u8) -> &'static str {
    match optimize {
        0 => "",
        1 => "1",
        _ => "2",
    }
}

/// The initial `sys.path`: `PYTHONPATH` (unless `-E`; each entry made
/// absolute as CPython's `getpath` does, an empty one naming the current
/// directory), the standard library if one was found. `path0` is put in
/// front later, after `site` ran (`run::finish_start_up`), as in CPython.
pub fn initial_sys_path() -> Vec<String> {
    let c = config();
    let mut path = Vec::new();
    if !c.ignore_environment {
        if let Some(pp) = std::env::var_os("PYTHONPATH") {
            let pp = pp.to_string_lossy().into_owned();
            let cwd = std::env::current_dir().ok().map(|d| d.to_string_lossy().into_owned());
            path.extend(pp.split(':').map(|entry| absolute_path(entry, cwd.as_deref())));
        }
    }
    if let Some(lib) = stdlib_dir() {
        path.push(lib.to_string_lossy().into_owned());
    }
    path
}

/// `os.path.abspath(entry)` on POSIX: joined to `cwd` unless absolute
/// (left relative if the current directory is unknown), then normalised.
fn absolute_path(entry: &str, cwd: Option<&str>) -> String {
    match cwd {
        Some(cwd) if !entry.starts_with('/') => {
            let sep = if cwd.ends_with('/') { "" } else { "/" };
            normalize_path(&format!("{cwd}{sep}{entry}"))
        }
        _ => normalize_path(entry),
    }
}

/// `posixpath.normpath`: repeated and trailing slashes, `.` and `..`
/// resolved lexically; exactly two leading slashes are kept (POSIX leaves
/// their meaning to the implementation).
fn normalize_path(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let root = match path.bytes().take_while(|&b| b == b'/').count() {
        0 => "",
        2 => "//",
        _ => "/",
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|&p| p != "..") => {
                parts.pop();
            }
            ".." if !root.is_empty() => {}
            _ => parts.push(part),
        }
    }
    let joined = format!("{root}{}", parts.join("/"));
    if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// The standard library `Lib/` directory found at start-up (cached).
pub fn stdlib_dir() -> Option<&'static Path> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND.get_or_init(find_stdlib).as_deref()
}

/// The hint added to `ModuleNotFoundError` when no standard library was found.
pub const NO_STDLIB_HINT: &str =
    "(no CPython 3.11 standard library found: set TAIPAN_STDLIB to its Lib/ directory, \
     e.g. the output of python3.11 -c 'import sysconfig; print(sysconfig.get_path(\"stdlib\"))')";

/// DESIGN.md's search order; a directory counts when it holds `os.py`
/// (CPython's landmark).
fn find_stdlib() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TAIPAN_STDLIB").filter(|v| !v.is_empty()) {
        let dir = PathBuf::from(dir);
        return is_stdlib(&dir).then_some(dir);
    }
    candidates().into_iter().find(|d| is_stdlib(d))
}

fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file()
}

/// The places a standard library may be, in order.
fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(bin_dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
        out.push(bin_dir.join("../lib/python3.11"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        out.extend(pyenv_versions(&Path::new(&home).join(".pyenv/versions")));
    }
    out.push(PathBuf::from("/usr/local/lib/python3.11"));
    out.push(PathBuf::from("/usr/lib/python3.11"));
    out
}

/// `~/.pyenv/versions/3.11*/lib/python3.11`, newest first.
fn pyenv_versions(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut versions: Vec<(Vec<u32>, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix("3.11")?;
            let key = std::iter::once(11)
                .chain(rest.split('.').filter_map(|p| p.parse().ok()))
                .collect::<Vec<u32>>();
            Some((key, e.path().join("lib/python3.11")))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0));
    versions.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values are what CPython 3.11's `posixpath.abspath` gives.
    #[test]
    fn pythonpath_entries_become_absolute() {
        let cwd = Some("/tmp/w");
        let cases = [
            ("", "/tmp/w"),
            ("lib1", "/tmp/w/lib1"),
            ("./lib2/../lib2", "/tmp/w/lib2"),
            ("/abs//x/", "/abs/x"),
            ("~/y", "/tmp/w/~/y"),
            ("../../../..", "/"),
            ("//net/share/", "//net/share"),
            ("///a/./b/..", "/a"),
        ];
        for (entry, want) in cases {
            assert_eq!(absolute_path(entry, cwd), want, "{entry:?}");
        }
        assert_eq!(absolute_path("a/../..", None), "..");
        assert_eq!(absolute_path("lib", Some("/")), "/lib");
    }
}
