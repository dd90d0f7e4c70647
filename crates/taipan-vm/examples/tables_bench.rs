//! Throughput of the CPython-layout tables against std's `HashMap`/
//! `HashSet`: insert then look up 1M int keys (sequential and scattered),
//! with CPython's int hash (`hash(i) == i`). Not a test; run with
//! `cargo run --release -p taipan-vm --example tables_bench [N]` (N keys,
//! default 1M; a small N suits `valgrind --tool=callgrind`).

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::time::Instant;
use taipan_vm::tables::dict::DictTable;
use taipan_vm::tables::hash::hash_i64;
use taipan_vm::tables::set::SetTable;

fn n_keys() -> usize {
    std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000)
}

fn scattered_keys() -> Vec<i64> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n_keys())
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 1) as i64
        })
        .collect()
}

/// Runs `f` and returns nanoseconds per key.
fn ns_per_key(f: impl FnOnce() -> usize) -> f64 {
    let t = Instant::now();
    black_box(f());
    t.elapsed().as_nanos() as f64 / n_keys() as f64
}

fn bench(label: &str, keys: &[i64]) {
    let mut d: DictTable<i64, i64> = DictTable::new();
    let dict_ins = ns_per_key(|| {
        for &k in keys {
            d.insert_with(hash_i64(k), k, k, |&x| x == k);
        }
        d.len()
    });
    let dict_get =
        ns_per_key(|| keys.iter().filter(|&&k| d.find_with(hash_i64(k), |&x| x == k).is_some()).count());
    let mut m: HashMap<i64, i64> = HashMap::new();
    let map_ins = ns_per_key(|| {
        for &k in keys {
            m.insert(k, k);
        }
        m.len()
    });
    let map_get = ns_per_key(|| keys.iter().filter(|k| m.contains_key(k)).count());
    let mut s: SetTable<i64> = SetTable::new();
    let set_ins = ns_per_key(|| {
        for &k in keys {
            s.add_with(hash_i64(k), k, |&x| x == k);
        }
        s.len()
    });
    let set_get = ns_per_key(|| keys.iter().filter(|&&k| s.contains_with(hash_i64(k), |&x| x == k)).count());
    let mut hs: HashSet<i64> = HashSet::new();
    let hs_ins = ns_per_key(|| {
        for &k in keys {
            hs.insert(k);
        }
        hs.len()
    });
    let hs_get = ns_per_key(|| keys.iter().filter(|k| hs.contains(k)).count());
    println!("{} {label} keys, ns per key (insert / lookup):", keys.len());
    println!("  DictTable   {dict_ins:6.1} / {dict_get:6.1}    std HashMap {map_ins:6.1} / {map_get:6.1}");
    println!("  SetTable    {set_ins:6.1} / {set_get:6.1}    std HashSet {hs_ins:6.1} / {hs_get:6.1}");
}

/// The attribute/global case: many lookups in a small dict whose keys are
/// compared by identity (interned strings), hashes already known.
fn bench_small_dict() {
    let keys: Vec<(i64, usize)> =
        (0..12u64).map(|i| ((i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 1) as i64, i as usize)).collect();
    let mut d: DictTable<usize, usize> = DictTable::new();
    for &(h, k) in &keys {
        d.insert_with(h, k, k, |&x| x == k);
    }
    let mut m: HashMap<usize, usize> = HashMap::new();
    for &(_, k) in &keys {
        m.insert(k, k);
    }
    let rounds = n_keys() / keys.len();
    let table = ns_per_key(|| {
        let mut hits = 0;
        for _ in 0..10 * rounds {
            for &(h, k) in &keys {
                hits += d.find_with(black_box(h), |&x| x == k).is_some() as usize;
            }
        }
        hits
    }) / 10.0;
    let std = ns_per_key(|| {
        let mut hits = 0;
        for _ in 0..10 * rounds {
            for (_, k) in &keys {
                hits += m.contains_key(black_box(k)) as usize;
            }
        }
        hits
    }) / 10.0;
    println!("12-key dict, known hashes, ns per lookup: DictTable {table:5.1}    std HashMap {std:5.1}");
}

fn main() {
    bench_small_dict();
    let sequential: Vec<i64> = (0..n_keys() as i64).collect();
    bench("sequential", &sequential);
    bench("scattered", &scattered_keys());
}
