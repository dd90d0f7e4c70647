//! `parse_bench [--rounds N] [--lex] [--files-from LIST] [LIB]`: parse-throughput
//! benchmark (not a test). Reads every `.py` file of CPython's `Lib/` (as the
//! whole-Lib test finds it: `LIB`, else `$TAIPAN_STDLIB`, else `python3`'s
//! stdlib; `site-packages` excluded) or the files listed in `LIST`, then
//! parses them all from bytes (decoding included, `exec` mode, no type
//! comments) `N` times and prints the best and median throughput in MB/s.
//! With `--lex` it only tokenizes them (the sources must be UTF-8).
//! `scripts/bench_parse.py` runs it side by side with CPython 3.11.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use taipan_parser::lexer::{tokenize, LexOptions};
use taipan_parser::{parse_bytes, Mode, ParseOptions};

/// The allocator of the `taipan` binary, so that the figures match its.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Args {
    rounds: usize,
    lex_only: bool,
    files_from: Option<PathBuf>,
    lib: Option<PathBuf>,
}

fn main() {
    let args = parse_args();
    let files = match &args.files_from {
        Some(list) => read_list(list),
        None => lib_files(&args.lib.clone().or_else(stdlib).expect("no CPython Lib/ found: pass LIB")),
    };
    let sources: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).expect("read source")).collect();
    let sources = without_panicking(sources);
    let bytes: usize = sources.iter().map(Vec::len).sum();
    let mut rates: Vec<f64> = (0..args.rounds).map(|_| round(&sources, bytes, args.lex_only)).collect();
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    let best = rates[rates.len() - 1];
    println!("files: {}  MB: {:.2}  rounds: {}", sources.len(), bytes as f64 / 1e6, args.rounds);
    println!("best MB/s: {best:.2}");
    println!("median MB/s: {median:.2}");
}

/// Parses (or only tokenizes) every source once; returns MB/s.
fn round(sources: &[Vec<u8>], bytes: usize, lex_only: bool) -> f64 {
    let start = Instant::now();
    let mut rejected = 0usize;
    for src in sources {
        rejected += if lex_only {
            let text = std::str::from_utf8(src).unwrap_or("");
            tokenize(text, LexOptions::default()).error.is_some() as usize
        } else {
            parse_bytes(src, Mode::Exec, ParseOptions::default()).is_err() as usize
        };
    }
    std::hint::black_box(rejected);
    bytes as f64 / 1e6 / start.elapsed().as_secs_f64()
}

/// Drops (and reports) inputs on which the parser panics, so one bug does
/// not stop the measurement.
fn without_panicking(sources: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    std::panic::set_hook(Box::new(|_| {}));
    let kept: Vec<Vec<u8>> = sources
        .into_iter()
        .filter(|src| {
            std::panic::catch_unwind(|| parse_bytes(src, Mode::Exec, ParseOptions::default())).is_ok()
        })
        .collect();
    let _ = std::panic::take_hook();
    kept
}

fn parse_args() -> Args {
    let mut args = Args { rounds: 5, lex_only: false, files_from: None, lib: None };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rounds" => {
                args.rounds = it.next().and_then(|n| n.parse::<usize>().ok()).expect("--rounds N").max(1)
            }
            "--lex" => args.lex_only = true,
            "--files-from" => args.files_from = it.next().map(PathBuf::from),
            _ => args.lib = Some(PathBuf::from(arg)),
        }
    }
    args
}

fn read_list(list: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(list).expect("read file list");
    text.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect()
}

/// `$TAIPAN_STDLIB`, else what `python3` reports as its stdlib.
fn stdlib() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TAIPAN_STDLIB").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let probe = "import sysconfig; print(sysconfig.get_path('stdlib'))";
    let out = Command::new("python3").args(["-c", probe]).output().ok()?;
    Some(PathBuf::from(String::from_utf8(out.stdout).ok()?.trim()))
}

/// Every `.py` under `lib` except `lib/site-packages`, sorted.
fn lib_files(lib: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![lib.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() && path != lib.join("site-packages") {
                dirs.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
