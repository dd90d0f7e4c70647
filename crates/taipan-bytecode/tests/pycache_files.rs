//! The `.pyc` file helpers in temporary directories: reading (good, empty,
//! truncated, garbage, wrong-magic, corrupted and unverifiable files),
//! freshness under each `--check-hash-based-pycs` mode, atomic writes with
//! concurrent writers and a reader, and failures that must leave nothing
//! behind (read-only directory, target that is a directory, parent that
//! is a file).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use taipan_bytecode::code::{CodeObject, Constant, CO_NOFREE};
use taipan_bytecode::pyc::{hash_header, parse_header, timestamp_header, HeaderError};
use taipan_bytecode::pycache::{
    cache_mode, check_fresh, code_from_body, needs, pyc_bytes, read_pyc, source_stat, write_pyc_atomic,
    CheckHashBasedPycs, Needs, PycError,
};
use taipan_bytecode::Opcode;

/// A fresh, empty directory under the system's temporary directory,
/// removed (with everything in it) when dropped.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("taipan-pycache-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// Module code `return <constant>`, verifiable.
fn module(constant: Constant) -> Arc<CodeObject> {
    let op = |o: Opcode, a: u8| [o as u8, a];
    Arc::new(CodeObject {
        co_argcount: 0,
        co_posonlyargcount: 0,
        co_kwonlyargcount: 0,
        co_stacksize: 1,
        co_flags: CO_NOFREE,
        co_code: [op(Opcode::RESUME, 0), op(Opcode::LOAD_CONST, 0), op(Opcode::RETURN_VALUE, 0)]
            .concat()
            .into(),
        co_consts: vec![constant].into(),
        co_names: vec![].into(),
        co_localsplusnames: vec![].into(),
        co_localspluskinds: vec![].into(),
        co_filename: "m.py".into(),
        co_name: "<module>".into(),
        co_qualname: "<module>".into(),
        co_firstlineno: 1,
        co_linetable: vec![].into(),
        co_exceptiontable: vec![].into(),
    })
}

fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_written_pyc_reads_back_and_verifies() {
    let dir = temp_dir("roundtrip");
    let path = dir.join("__pycache__/m.taipan-311.pyc");
    let code = module(Constant::str("hello"));
    let data = pyc_bytes(timestamp_header(1_700_000_000, 42), &code);
    write_pyc_atomic(&path, &data, 0o644).unwrap();
    let (header, body) = read_pyc(&path, "m").unwrap();
    assert_eq!(header, parse_header(&timestamp_header(1_700_000_000, 42)).unwrap());
    assert_eq!(code_from_body(&body).unwrap(), code);
    assert_eq!(leftovers(&dir.join("__pycache__")), ["m.taipan-311.pyc"]);
}

#[test]
fn bad_files_give_the_right_errors() {
    let dir = temp_dir("bad");
    let good = pyc_bytes(timestamp_header(5, 6), &module(Constant::None));
    let cpython = [b"\xa7\r\r\n".as_slice(), &good[4..]].concat();
    let mut flags = good.clone();
    flags[4] = 4;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "bad magic number in 'm': b''"),
        ("garbage", b"hello, world, not a pyc".to_vec(), "bad magic number in 'm': b'hell'"),
        ("wrong magic", cpython, r"bad magic number in 'm': b'\xa7\r\r\n'"),
        ("truncated header", good[..10].to_vec(), "reached EOF while reading pyc header of 'm'"),
        ("bad flags", flags, "invalid flags 4 in 'm'"),
    ];
    for (what, bytes, message) in cases {
        let path = dir.join("m.pyc");
        std::fs::write(&path, &bytes).unwrap();
        match read_pyc(&path, "m") {
            Err(e @ PycError::Header(_)) => assert_eq!(e.message("m", &path), message, "{what}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    assert!(matches!(read_pyc(&dir.join("missing.pyc"), "m"), Err(PycError::Io(_))));
    let truncated_header = parse_header(&good[..15]).unwrap_err();
    assert_eq!(truncated_header, HeaderError::Truncated);
    // Header fine, body bad.
    for cut in [good.len() - 1, HEADER_BODY_START + 1, HEADER_BODY_START] {
        assert!(
            matches!(code_from_body(&good[HEADER_BODY_START..cut]), Err(PycError::Marshal(_))),
            "cut {cut}"
        );
    }
    let not_code = taipan_bytecode::marshal::dumps(&Constant::Int(7));
    let err = code_from_body(&not_code).unwrap_err();
    assert_eq!(err.message("m", Path::new("/x/m.pyc")), "Non-code object in '/x/m.pyc'");
    let mut bad_jump = (*module(Constant::None)).clone();
    std::sync::Arc::make_mut(&mut bad_jump.co_code)[2..4].copy_from_slice(&[Opcode::JUMP_FORWARD as u8, 200]);
    let body = taipan_bytecode::marshal::dumps(&Constant::Code(Arc::new(bad_jump)));
    let err = code_from_body(&body).unwrap_err();
    assert!(matches!(err, PycError::Verify(_)));
    assert_eq!(
        err.message("m", Path::new("m.pyc")),
        "bad bytecode in m.pyc: jump target 404 out of range at offset 2 in <code <module>>"
    );
}

const HEADER_BODY_START: usize = taipan_bytecode::pyc::HEADER_LEN;

#[test]
fn freshness_by_timestamp() {
    let header = parse_header(&timestamp_header(1000, 20)).unwrap();
    let no_hash = || -> std::io::Result<[u8; 8]> { panic!("hash not needed for timestamp files") };
    assert!(check_fresh(&header, CheckHashBasedPycs::Default, (1000, 20), no_hash).is_ok());
    // A same-size edit with a newer mtime is stale; so is a size change.
    assert!(matches!(
        check_fresh(&header, CheckHashBasedPycs::Always, (1001, 20), no_hash),
        Err(PycError::StaleTimestamp)
    ));
    assert!(matches!(
        check_fresh(&header, CheckHashBasedPycs::Never, (1000, 21), no_hash),
        Err(PycError::StaleTimestamp)
    ));
    // Both compared mod 2**32, as CPython does.
    assert!(check_fresh(&header, CheckHashBasedPycs::Default, (1000 + (1 << 32), 20 + (1 << 32)), no_hash)
        .is_ok());
    let err = check_fresh(&header, CheckHashBasedPycs::Default, (0, 20), no_hash).unwrap_err();
    assert_eq!(err.message("pkg.m", Path::new("x")), "bytecode is stale for 'pkg.m'");
}

#[test]
fn freshness_by_hash_under_each_mode() {
    use CheckHashBasedPycs::*;
    let hash = *b"12345678";
    for (checked, mode, expected) in [
        (true, Default, Needs::SourceHash),
        (false, Default, Needs::Nothing),
        (true, Always, Needs::SourceHash),
        (false, Always, Needs::SourceHash),
        (true, Never, Needs::Nothing),
        (false, Never, Needs::Nothing),
    ] {
        let header = parse_header(&hash_header(hash, checked)).unwrap();
        assert_eq!(needs(&header, mode), expected, "checked={checked} {mode:?}");
        let calls = AtomicUsize::new(0);
        let other = || {
            calls.fetch_add(1, Ordering::Relaxed);
            Ok(*b"87654321")
        };
        let result = check_fresh(&header, mode, (0, 0), other);
        match expected {
            Needs::SourceHash => {
                let err = result.unwrap_err();
                assert_eq!(
                    err.message("m", Path::new("x")),
                    "hash in bytecode doesn't match hash of source 'm'"
                );
                assert!(check_fresh(&header, mode, (0, 0), || Ok(hash)).is_ok());
            }
            _ => assert!(result.is_ok()),
        }
        assert_eq!(calls.load(Ordering::Relaxed), usize::from(expected == Needs::SourceHash));
    }
    assert_eq!(CheckHashBasedPycs::parse("always"), Some(Always));
    assert_eq!(CheckHashBasedPycs::parse("sometimes"), None);
}

#[test]
fn source_stat_and_mode_follow_the_source() {
    let dir = temp_dir("stat");
    let source = dir.join("m.py");
    std::fs::write(&source, "x = 1\n").unwrap();
    let (mtime, size) = source_stat(&source).unwrap();
    assert_eq!(size, 6);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((mtime - now).abs() < 3600);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&source, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mode = cache_mode(&source);
        assert_eq!(mode & 0o777, 0o644);
        // The file gets that mode less the umask (found by creating a 0o666 file).
        let probe = dir.join("probe");
        write_pyc_atomic(&probe, b"", 0o666).unwrap();
        let umask = !std::fs::metadata(&probe).unwrap().permissions().mode() & 0o666;
        let pyc = dir.join("__pycache__/m.taipan-311.pyc");
        write_pyc_atomic(&pyc, b"data", mode).unwrap();
        assert_eq!(std::fs::metadata(&pyc).unwrap().permissions().mode() & 0o777, 0o644 & !umask);
        assert_eq!(cache_mode(&dir.join("absent.py")) & 0o777, 0o666);
    }
}

#[test]
fn concurrent_writers_never_expose_a_partial_file() {
    let dir = temp_dir("race");
    let target = dir.join("__pycache__/m.taipan-311.pyc");
    let small = pyc_bytes(timestamp_header(1, 2), &module(Constant::str("a")));
    let big = pyc_bytes(timestamp_header(3, 4), &module(Constant::str(&"b".repeat(200_000))));
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (target, done, small, big) = (target.clone(), done.clone(), small.clone(), big.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                if let Ok(bytes) = std::fs::read(&target) {
                    assert!(
                        bytes == small || bytes == big,
                        "a partial file was visible ({} bytes)",
                        bytes.len()
                    );
                    reads += 1;
                }
            }
            reads
        })
    };
    let writers: Vec<_> = [small.clone(), big.clone()]
        .into_iter()
        .map(|data| {
            let target = target.clone();
            std::thread::spawn(move || {
                let mut failures = 0;
                for _ in 0..200 {
                    failures += usize::from(write_pyc_atomic(&target, &data, 0o644).is_err());
                }
                failures
            })
        })
        .collect();
    let failures: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
    done.store(true, Ordering::Relaxed);
    let reads = reader.join().unwrap();
    assert_eq!(failures, 0);
    let last = std::fs::read(&target).unwrap();
    assert!(last == small || last == big);
    let (_, body) = read_pyc(&target, "m").unwrap();
    code_from_body(&body).unwrap();
    assert_eq!(leftovers(&dir.join("__pycache__")), ["m.taipan-311.pyc"], "temporary files left behind");
    eprintln!("concurrent writes: 2 x 200 writes, {reads} complete reads in between, 0 partial");
}

#[test]
fn failed_writes_leave_nothing_behind() {
    let dir = temp_dir("fail");
    // The target is a directory: the rename fails after the temporary file was written.
    let target = dir.join("__pycache__/m.taipan-311.pyc");
    std::fs::create_dir_all(target.join("sub")).unwrap();
    assert!(write_pyc_atomic(&target, b"data", 0o644).is_err());
    assert_eq!(leftovers(&dir.join("__pycache__")), ["m.taipan-311.pyc"]);
    // A file where the cache directory belongs.
    let blocked = dir.join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("__pycache__"), "not a directory").unwrap();
    assert!(write_pyc_atomic(&blocked.join("__pycache__/m.taipan-311.pyc"), b"data", 0o644).is_err());
    assert_eq!(leftovers(&blocked), ["__pycache__"]);
}

#[cfg(unix)]
#[test]
fn read_only_directory_is_tolerated() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("readonly");
    let package = dir.join("pkg");
    std::fs::create_dir(&package).unwrap();
    std::fs::set_permissions(&package, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores directory permissions: then the check means nothing.
    let probe = package.join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(&package, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!(
            "SKIPPED read_only_directory_is_tolerated: running as root, 0o555 directories are writable"
        );
        return;
    }
    let result = write_pyc_atomic(&package.join("__pycache__/m.taipan-311.pyc"), b"data", 0o644);
    assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::PermissionDenied);
    assert!(leftovers(&package).is_empty());
    // An existing but read-only __pycache__: the temporary file cannot be created.
    std::fs::set_permissions(&package, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(package.join("__pycache__")).unwrap();
    std::fs::set_permissions(package.join("__pycache__"), std::fs::Permissions::from_mode(0o555)).unwrap();
    assert!(write_pyc_atomic(&package.join("__pycache__/m.taipan-311.pyc"), b"data", 0o644).is_err());
    assert!(leftovers(&package.join("__pycache__")).is_empty());
    std::fs::set_permissions(package.join("__pycache__"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A directory that refuses new entries even to root (sysfs on Linux):
/// the write fails quietly and creates nothing.
#[cfg(target_os = "linux")]
#[test]
fn unwritable_system_directory_is_tolerated() {
    let sys = Path::new("/sys/kernel");
    if !sys.is_dir() {
        eprintln!("SKIPPED unwritable_system_directory_is_tolerated: no /sys/kernel");
        return;
    }
    let target = sys.join("__pycache__/m.taipan-311.pyc");
    assert!(write_pyc_atomic(&target, b"data", 0o644).is_err());
    assert!(!sys.join("__pycache__").exists());
}

/// Two processes (this test binary, re-run as a child with
/// `TAIPAN_PYCACHE_WRITER=PATH:BYTE`) write the same target 200 times each
/// while this one reads: every read is one writer's complete file, and no
/// temporary file is left.
#[test]
fn concurrent_processes_never_expose_a_partial_file() {
    if let Ok(job) = std::env::var("TAIPAN_PYCACHE_WRITER") {
        let (path, byte) = job.rsplit_once(':').unwrap();
        let data = process_payload(byte.parse().unwrap());
        for _ in 0..200 {
            write_pyc_atomic(Path::new(path), &data, 0o644).unwrap();
        }
        return;
    }
    let dir = temp_dir("processes");
    let target = dir.join("__pycache__/m.taipan-311.pyc");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = [1u8, 2]
        .iter()
        .map(|byte| {
            std::process::Command::new(&exe)
                .args(["--exact", "concurrent_processes_never_expose_a_partial_file", "--test-threads=1"])
                .env("TAIPAN_PYCACHE_WRITER", format!("{}:{byte}", target.display()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let (one, two) = (process_payload(1), process_payload(2));
    let mut reads = 0;
    let mut children = children;
    while children.iter_mut().any(|c| c.try_wait().unwrap().is_none()) {
        if let Ok(bytes) = std::fs::read(&target) {
            assert!(bytes == one || bytes == two, "a partial file was visible ({} bytes)", bytes.len());
            reads += 1;
        }
    }
    for mut child in children {
        assert!(child.wait().unwrap().success(), "a writer process failed");
    }
    let last = std::fs::read(&target).unwrap();
    assert!(last == one || last == two);
    assert_eq!(leftovers(&dir.join("__pycache__")), ["m.taipan-311.pyc"], "temporary files left behind");
    eprintln!("concurrent processes: 2 x 200 writes, {reads} complete reads in between, 0 partial");
}

/// A valid `.pyc` of a size that differs per writer.
fn process_payload(byte: u8) -> Vec<u8> {
    let text = String::from(char::from(b'a' + byte)).repeat(50_000 * usize::from(byte));
    pyc_bytes(timestamp_header(u64::from(byte), 0), &module(Constant::str(&text)))
}
