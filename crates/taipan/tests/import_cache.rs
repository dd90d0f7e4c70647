//! The bytecode cache in `__pycache__` (issue 4, "How it is checked"): each
//! test builds a module tree in a fresh temporary directory, runs the
//! `taipan` binary on it and inspects the files left behind. Covered:
//! cache written and reused untouched; a same-size edit with a newer mtime
//! picked up; garbage, truncated, wrong-magic and hand-crafted files
//! survived and replaced; `-B`, `PYTHONDONTWRITEBYTECODE` and
//! `sys.dont_write_bytecode`; `-X pycache_prefix` and `PYTHONPYCACHEPREFIX`;
//! unwritable cache locations; concurrent imports; stale caches without a
//! source; legacy sourceless `.pyc` files; `taipan file.pyc`; `-O`/`-OO`
//! tags; hash-based files with `--check-hash-based-pycs`; and a `.pyc`
//! with an out-of-range jump refused without a crash.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};
use taipan_bytecode::pyc::{hash_header, timestamp_header, MAGIC};
use taipan_bytecode::{marshal, Constant};

/// A fresh, empty temporary directory (removed when dropped).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("taipan-import-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, text).expect("write");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `taipan ARGS` in `dir` with a clean import environment plus `env`.
fn taipan(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taipan"));
    cmd.current_dir(dir).args(args);
    for var in ["PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX", "PYTHONPATH", "PYTHONOPTIMIZE"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run taipan")
}

/// Runs and checks success; returns stdout.
fn run_ok(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = taipan(dir, args, env);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "taipan {args:?} failed: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn cache(dir: &TempDir, module: &str) -> PathBuf {
    dir.path(&format!("__pycache__/{module}.taipan-311.pyc"))
}

fn mtime(p: &Path) -> SystemTime {
    fs::metadata(p).and_then(|m| m.modified()).expect("mtime")
}

fn set_mtime(p: &Path, t: SystemTime) {
    let f = fs::OpenOptions::new().write(true).open(p).expect("open");
    f.set_modified(t).expect("set mtime");
}

/// A tree with `main.py` importing `mod` and printing `mod.VALUE`.
fn simple_tree(name: &str, value: &str) -> TempDir {
    let d = TempDir::new(name);
    d.write("main.py", "import mod\nprint(mod.VALUE)\n");
    d.write("mod.py", &format!("VALUE = {value}\n"));
    d
}

/// Whether `data` is a sound Taipan `.pyc` (magic, then a code object).
fn is_valid_pyc(data: &[u8]) -> bool {
    data.len() > 16
        && data[..4] == MAGIC
        && matches!(marshal::loads(&data[16..]), Ok(Constant::Code(c)) if taipan_bytecode::verify::verify(&c).is_ok())
}

#[test]
fn cache_written_on_import_and_reused_untouched() {
    let d = simple_tree("reuse", "'one'");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "one\n");
    let c = cache(&d, "mod");
    let first = fs::read(&c).expect("cache written");
    assert!(is_valid_pyc(&first), "cache is a valid Taipan pyc");
    assert!(!d.path("__pycache__/main.taipan-311.pyc").exists(), "main script never cached");
    let before = mtime(&c);
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "one\n");
    assert_eq!(mtime(&c), before, "second run does not rewrite the cache");
    assert_eq!(fs::read(&c).expect("cache"), first);
}

#[test]
fn cached_code_is_what_runs() {
    // A cache whose header matches the source is used even though its code
    // differs: proof that the second run reads the cache, not the source.
    let d = simple_tree("used", "1");
    run_ok(&d.0, &["main.py"], &[]);
    let other = simple_tree("used-other", "2");
    run_ok(&other.0, &["main.py"], &[]);
    let mut data = fs::read(cache(&other, "mod")).expect("cache");
    let header = fs::read(cache(&d, "mod")).expect("cache")[..16].to_vec();
    data[..16].copy_from_slice(&header);
    fs::write(cache(&d, "mod"), &data).expect("write");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "2\n");
}

#[test]
fn same_size_edit_with_newer_mtime_is_picked_up() {
    let d = simple_tree("samesize", "'aaa'");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "aaa\n");
    let src = d.path("mod.py");
    let t0 = mtime(&src);
    fs::write(&src, "VALUE = 'bbb'\n").expect("edit");
    set_mtime(&src, t0 + Duration::from_secs(5));
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "bbb\n");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "bbb\n");
}

#[test]
fn garbage_truncated_and_foreign_caches_are_replaced() {
    let cases: [(&str, Vec<u8>); 4] = [
        ("garbage", b"this is not a pyc file at all, just garbage".to_vec()),
        ("truncated", MAGIC.to_vec()),
        ("cpython-magic", vec![0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'N']),
        ("empty", Vec::new()),
    ];
    for (name, bytes) in cases {
        let d = simple_tree(name, "'fine'");
        fs::create_dir_all(d.path("__pycache__")).expect("mkdir");
        fs::write(cache(&d, "mod"), &bytes).expect("write garbage");
        assert_eq!(run_ok(&d.0, &["main.py"], &[]), "fine\n", "{name}");
        assert!(is_valid_pyc(&fs::read(cache(&d, "mod")).expect("cache")), "{name}: rewritten");
    }
}

#[test]
fn corrupt_body_with_fresh_header_is_replaced() {
    let d = simple_tree("body", "'ok'");
    run_ok(&d.0, &["main.py"], &[]);
    let c = cache(&d, "mod");
    let mut data = fs::read(&c).expect("cache");
    data.truncate(24);
    fs::write(&c, &data).expect("truncate");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "ok\n");
    assert!(is_valid_pyc(&fs::read(&c).expect("cache")));
}

/// A `.pyc` of `print('crafted')` whose first jump goes far out of range.
fn crafted_bad_jump_pyc() -> Vec<u8> {
    let src = "x = 1\nwhile x:\n    x = 0\nprint('crafted')\n";
    let mode = taipan_compiler::CompileMode::Exec;
    let mut code = taipan_vm::compile_source(src, "crafted.py", mode).expect("compile");
    let jumps = [
        taipan_bytecode::Opcode::POP_JUMP_FORWARD_IF_FALSE as u8,
        taipan_bytecode::Opcode::POP_JUMP_BACKWARD_IF_TRUE as u8,
        taipan_bytecode::Opcode::JUMP_BACKWARD as u8,
        taipan_bytecode::Opcode::POP_JUMP_FORWARD_IF_TRUE as u8,
    ];
    let mut co = code.co_code.to_vec();
    let at = co.chunks(2).position(|u| jumps.contains(&u[0])).expect("a jump") * 2;
    co[at + 1] = 250;
    code.co_code = co.into();
    let mut out = timestamp_header(0, 0).to_vec();
    out.extend(marshal::dumps(&Constant::Code(std::sync::Arc::new(code))));
    out
}

#[test]
fn handcrafted_out_of_range_jump_raises_instead_of_crashing() {
    let d = TempDir::new("crafted");
    let pyc = crafted_bad_jump_pyc();
    fs::write(d.path("crafted.pyc"), &pyc).expect("write");
    // Run directly: a clear error, never a crash.
    let out = taipan(&d.0, &["crafted.pyc"], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("ImportError: bad bytecode") && err.contains("jump target"), "{err}");
    // Imported as a legacy sourceless module: the same ImportError.
    d.write("main.py", "try:\n    import crafted\nexcept ImportError as e:\n    print('refused', e.name)\n");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "refused crafted\n");
    // As the cache of an existing source: ignored and rewritten.
    d.write("good.py", "VALUE = 'from source'\n");
    fs::create_dir_all(d.path("__pycache__")).expect("mkdir");
    let mut fresh = pyc.clone();
    let (mt, size) = taipan_bytecode::pycache::source_stat(&d.path("good.py")).expect("stat");
    fresh[..16].copy_from_slice(&timestamp_header(mt as u64, size));
    fs::write(cache(&d, "good"), &fresh).expect("write");
    d.write("main2.py", "import good\nprint(good.VALUE)\n");
    assert_eq!(run_ok(&d.0, &["main2.py"], &[]), "from source\n");
    assert!(is_valid_pyc(&fs::read(cache(&d, "good")).expect("cache")));
}

#[test]
fn dont_write_bytecode_in_all_three_forms() {
    let d = simple_tree("dontwrite-B", "1");
    run_ok(&d.0, &["-B", "main.py"], &[]);
    assert!(!d.path("__pycache__").exists(), "-B");
    let d = simple_tree("dontwrite-env", "1");
    run_ok(&d.0, &["main.py"], &[("PYTHONDONTWRITEBYTECODE", "1")]);
    assert!(!d.path("__pycache__").exists(), "PYTHONDONTWRITEBYTECODE");
    let d = simple_tree("dontwrite-sys", "1");
    d.write("main.py", "import sys\nsys.dont_write_bytecode = True\nimport mod\nprint(mod.VALUE)\n");
    run_ok(&d.0, &["main.py"], &[]);
    assert!(!d.path("__pycache__").exists(), "sys.dont_write_bytecode");
    let out = run_ok(
        &d.0,
        &["-B", "-c", "import sys; print(sys.dont_write_bytecode, sys.flags.dont_write_bytecode)"],
        &[],
    );
    assert_eq!(out, "True 1\n");
}

#[test]
fn pycache_prefix_puts_the_tree_elsewhere() {
    for how in ["-X", "env"] {
        let d = simple_tree(&format!("prefix-{how}"), "'p'");
        let prefix = d.path("cachetree");
        let prefix_s = prefix.to_string_lossy().into_owned();
        let x = format!("pycache_prefix={prefix_s}");
        let out = match how {
            "-X" => run_ok(&d.0, &["-X", &x, "main.py"], &[]),
            _ => run_ok(&d.0, &["main.py"], &[("PYTHONPYCACHEPREFIX", &prefix_s)]),
        };
        assert_eq!(out, "p\n");
        assert!(!d.path("__pycache__").exists(), "{how}: nothing beside the source");
        let rel = d.0.canonicalize().expect("abs").to_string_lossy().trim_start_matches('/').to_string();
        let expected = prefix.join(rel).join("mod.taipan-311.pyc");
        assert!(is_valid_pyc(&fs::read(&expected).unwrap_or_default()), "{how}: {}", expected.display());
        let shown = run_ok(
            &d.0,
            &[
                "-X",
                &x,
                "-c",
                "import sys, mod; print(sys.pycache_prefix == mod.__cached__[:len(sys.pycache_prefix)])",
            ],
            &[],
        );
        assert_eq!(shown, "True\n");
    }
}

#[test]
fn unwritable_cache_locations_are_tolerated() {
    // A file where __pycache__ should be: the write fails, the import works.
    let d = simple_tree("blocked", "'still works'");
    d.write("__pycache__", "not a directory");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "still works\n");
    // A read-only package directory (effective only when not root).
    let d = TempDir::new("readonly");
    d.write("main.py", "import pkg.mod\nprint(pkg.mod.VALUE)\n");
    d.write("pkg/__init__.py", "");
    d.write("pkg/mod.py", "VALUE = 'read-only ok'\n");
    set_mode(&d.path("pkg"), 0o555);
    let out = taipan(&d.0, &["main.py"], &[]);
    set_mode(&d.path("pkg"), 0o755);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "read-only ok\n");
    assert!(out.stderr.is_empty(), "silent");
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn concurrent_imports_of_a_new_module_both_succeed() {
    for round in 0..3 {
        let d = TempDir::new(&format!("concurrent-{round}"));
        let body: String = (0..3000).map(|i| format!("def f{i}(x):\n    return x + {i}\n")).collect();
        d.write("big.py", &format!("{body}VALUE = f2999(1)\n"));
        d.write("main.py", "import big\nprint(big.VALUE)\n");
        let spawn = || {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_taipan"));
            cmd.current_dir(&d.0).arg("main.py").env_remove("PYTHONDONTWRITEBYTECODE");
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            assert_eq!(String::from_utf8_lossy(&out.stdout), "3000\n");
        }
        let c = cache(&d, "big");
        assert!(is_valid_pyc(&fs::read(&c).expect("cache")));
        let leftovers: Vec<_> =
            fs::read_dir(d.path("__pycache__")).expect("dir").filter_map(|e| e.ok()).collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left");
        let before = mtime(&c);
        assert_eq!(run_ok(&d.0, &["main.py"], &[]), "3000\n");
        assert_eq!(mtime(&c), before, "the cache left behind is used as is");
    }
}

#[test]
fn stale_cache_without_source_is_not_imported() {
    let d = simple_tree("stale", "1");
    run_ok(&d.0, &["main.py"], &[]);
    fs::remove_file(d.path("mod.py")).expect("rm");
    let out = taipan(&d.0, &["main.py"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).ends_with("ModuleNotFoundError: No module named 'mod'\n"));
}

#[test]
fn legacy_sourceless_pyc_is_importable_and_runnable() {
    let d = simple_tree("legacy", "'legacy'");
    run_ok(&d.0, &["main.py"], &[]);
    fs::rename(cache(&d, "mod"), d.path("mod.pyc")).expect("mv");
    fs::remove_file(d.path("mod.py")).expect("rm");
    fs::remove_dir_all(d.path("__pycache__")).expect("rm");
    let out = run_ok(
        &d.0,
        &[
            "-c",
            "import mod; print(mod.VALUE, mod.__file__.endswith('mod.pyc'), mod.__cached__ == mod.__file__)",
        ],
        &[],
    );
    assert_eq!(out, "legacy True True\n");
    assert!(!d.path("__pycache__").exists(), "nothing cached for a sourceless module");
    // `taipan file.pyc` runs a compiled file directly.
    fs::rename(d.path("mod.pyc"), d.path("prog.pyc")).expect("mv");
    d.write("p.py", "print('run from pyc', __name__)\n");
    run_ok(&d.0, &["-c", "import p"], &[]);
    fs::rename(cache(&d, "p"), d.path("p.pyc")).expect("mv");
    assert_eq!(run_ok(&d.0, &["p.pyc"], &[]), "run from pyc __main__\n");
    let out = taipan(&d.0, &["missing.pyc"], &[]);
    assert!(!out.status.success());
}

#[test]
fn optimization_levels_use_their_own_files() {
    let d = simple_tree("opt", "__debug__");
    d.write("mod.py", "'''doc'''\nassert False, 'asserts run'\nVALUE = __doc__\n");
    let out = taipan(&d.0, &["main.py"], &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("AssertionError: asserts run"));
    assert_eq!(run_ok(&d.0, &["-O", "main.py"], &[]), "doc\n");
    assert!(d.path("__pycache__/mod.taipan-311.opt-1.pyc").is_file());
    assert_eq!(run_ok(&d.0, &["-OO", "main.py"], &[]), "None\n");
    assert!(d.path("__pycache__/mod.taipan-311.opt-2.pyc").is_file());
    assert!(cache(&d, "mod").is_file(), "plain level: its own file");
    let flags = run_ok(&d.0, &["-OO", "-c", "import sys; print(sys.flags.optimize, __debug__)"], &[]);
    assert_eq!(flags, "2 False\n");
}

/// A hash-based `.pyc`: the header for `source`'s hash, then `body`.
fn hash_pyc(source: &[u8], checked: bool, body: &[u8]) -> Vec<u8> {
    let key = u32::from_le_bytes(MAGIC) as u64;
    let hash = taipan_vm::tables::hash::keyed_hash(key, source).to_le_bytes();
    let mut out = hash_header(hash, checked).to_vec();
    out.extend_from_slice(body);
    out
}

#[test]
fn hash_based_pycs_follow_check_hash_based_pycs() {
    let d = simple_tree("hash", "'old'");
    run_ok(&d.0, &["main.py"], &[]);
    let old_body = fs::read(cache(&d, "mod")).expect("cache")[16..].to_vec();
    let old_src = b"VALUE = 'old'\n";
    // Checked and matching: used as is.
    fs::write(cache(&d, "mod"), hash_pyc(old_src, true, &old_body)).expect("write");
    let before = fs::read(cache(&d, "mod")).expect("cache");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "old\n");
    assert_eq!(fs::read(cache(&d, "mod")).expect("cache"), before, "valid hash pyc untouched");
    // Source changed with the same mtime and size: only the hash tells.
    let t = mtime(&d.path("mod.py"));
    fs::write(d.path("mod.py"), "VALUE = 'new'\n").expect("edit");
    set_mtime(&d.path("mod.py"), t);
    assert_eq!(
        run_ok(&d.0, &["--check-hash-based-pycs", "never", "main.py"], &[]),
        "old\n",
        "never: trusted"
    );
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "new\n", "checked: recompiled");
    let rewritten = fs::read(cache(&d, "mod")).expect("cache");
    assert_eq!(rewritten[4], 3, "rewritten as a checked hash-based pyc");
    assert_eq!(rewritten, hash_pyc(b"VALUE = 'new'\n", true, &rewritten[16..]), "with the new source's hash");
    // Unchecked: trusted by default, checked under `always`.
    fs::write(cache(&d, "mod"), hash_pyc(old_src, false, &old_body)).expect("write");
    assert_eq!(run_ok(&d.0, &["main.py"], &[]), "old\n", "unchecked: trusted");
    assert_eq!(
        run_ok(&d.0, &["--check-hash-based-pycs", "always", "main.py"], &[]),
        "new\n",
        "always: checked"
    );
    let out = taipan(&d.0, &["--check-hash-based-pycs", "sometimes", "main.py"], &[]);
    assert_eq!(out.status.code(), Some(2), "bad option value");
}

#[test]
fn importlib_util_sees_taipans_magic_and_tag() {
    let d = simple_tree("importlib", "1");
    let code = "import importlib.util as u\nprint(u.MAGIC_NUMBER.hex(), u.cache_from_source('/a/b.py'))";
    let out = taipan(&d.0, &["-c", code], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'importlib'") {
        eprintln!("SKIPPED: no standard library found");
        return;
    }
    let want = format!(
        "{} /a/__pycache__/b.taipan-311.pyc\n",
        MAGIC.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{stderr}");
}
