//! `cache_from_source` and `source_from_cache` against CPython 3.11's
//! `importlib.util`, from `tests/data/pycache_paths.txt` (written by
//! `scripts/gen_pycache_paths.py`; CPython's tag replaced by Taipan's, its
//! working directory by `/CWD`).

use std::path::Path;
use taipan_bytecode::pycache::{cache_from_source_in, source_from_cache, CACHE_TAG};

fn outcome(result: Result<std::path::PathBuf, taipan_bytecode::pycache::PathError>) -> String {
    match result {
        Ok(path) => path.to_string_lossy().into_owned(),
        Err(e) => format!("ValueError: {}", e.message()),
    }
}

#[test]
fn paths_match_cpython() {
    let data = include_str!("data/pycache_paths.txt");
    let (mut cases, mut failures) = (0, Vec::new());
    for line in data.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let prefix = |p: &str| (p != "-").then(|| Path::new(p).to_path_buf());
        let (ours, expected) = match fields[0] {
            "cache" => {
                let (source, opt, pfx) = (fields[1], fields[2], prefix(fields[3]));
                let cwd = Some(Path::new("/CWD"));
                (
                    outcome(cache_from_source_in(Path::new(source), opt, CACHE_TAG, pfx.as_deref(), cwd)),
                    fields[4],
                )
            }
            "source" => {
                (outcome(source_from_cache(Path::new(fields[1]), prefix(fields[2]).as_deref())), fields[3])
            }
            other => panic!("bad record kind {other}"),
        };
        cases += 1;
        if ours != expected {
            failures.push(format!("{line}\n    ours: {ours}"));
        }
    }
    eprintln!("pycache paths: {cases} cases, {} differ from CPython", failures.len());
    for f in failures.iter().take(20) {
        eprintln!("  {f}");
    }
    assert!(cases >= 300);
    assert!(failures.is_empty());
}

#[test]
fn current_directory_is_used_for_relative_sources_under_a_prefix() {
    let cwd = std::env::current_dir().unwrap();
    let ours =
        taipan_bytecode::pycache::cache_from_source(Path::new("m.py"), "", CACHE_TAG, Some(Path::new("/p")))
            .unwrap();
    let root_relative = cwd.strip_prefix("/").unwrap();
    assert_eq!(ours, Path::new("/p").join(root_relative).join("m.taipan-311.pyc"));
    let plain = taipan_bytecode::pycache::cache_from_source(Path::new("m.py"), "2", CACHE_TAG, None).unwrap();
    assert_eq!(plain, Path::new("__pycache__/m.taipan-311.opt-2.pyc"));
}
