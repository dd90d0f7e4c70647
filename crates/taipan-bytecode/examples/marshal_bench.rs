//! Times `marshal::loads` and `dumps` over a record file written by
//! `scripts/gen_marshal_data.py gen` (default: the full corpus the tests
//! leave in target/taipan-bytecode/). Compare with CPython:
//! `python3 scripts/gen_marshal_data.py bench FILE`.
//!
//!     cargo run --release -p taipan-bytecode --example marshal_bench [FILE]

use std::time::Instant;
use taipan_bytecode::marshal::{dumps, loads};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/taipan-bytecode/cpython311_marshal_full.txt".into());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut blobs = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let eol = pos + bytes[pos..].iter().position(|&b| b == b'\n').expect("header");
        let header = std::str::from_utf8(&bytes[pos..eol]).expect("header");
        let size: usize = header.rsplit(' ').next().unwrap().parse().expect("size");
        blobs.push(&bytes[eol + 1..eol + 1 + size]);
        let rest = &bytes[eol + 1 + size..];
        let end = rest.windows(5).position(|w| w == b"\nend\n").expect("end");
        pos = eol + 1 + size + end + 5;
    }
    let total: usize = blobs.iter().map(|b| b.len()).sum();
    let rounds = 5;
    let start = Instant::now();
    let mut values = Vec::new();
    for _ in 0..rounds {
        values = blobs.iter().map(|b| loads(b).expect("loads")).collect();
    }
    let load_time = start.elapsed().as_secs_f64() / rounds as f64;
    let start = Instant::now();
    for _ in 0..rounds {
        for v in &values {
            std::hint::black_box(dumps(v));
        }
    }
    let dump_time = start.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "{} blobs, {:.1} MB: loads {:.1} ms ({:.0} MB/s), dumps {:.1} ms",
        blobs.len(),
        total as f64 / 1e6,
        load_time * 1e3,
        total as f64 / 1e6 / load_time,
        dump_time * 1e3
    );
}
