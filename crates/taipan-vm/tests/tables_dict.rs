//! The dict table against CPython 3.11: scenarios of dict operations on int
//! keys (data: scripts/gen_tables_data.py → tests/tables_data/dict_ops.txt)
//! replayed on `DictTable<i64, i64>`; after every step `d.items()` and
//! `sys.getsizeof(d)` (which shows the table's size and usable entries)
//! must match, and so must every `popitem()`.

use taipan_vm::tables::dict::DictTable;
use taipan_vm::tables::hash::hash_i64;

const DATA: &str = include_str!("tables_data/dict_ops.txt");

type Dict = DictTable<i64, i64>;

fn set(d: &mut Dict, k: i64, v: i64) {
    d.insert_with(hash_i64(k), k, v, |&x| x == k);
}

fn del(d: &mut Dict, k: i64) {
    d.remove_with(hash_i64(k), |&x| x == k);
}

/// A dict built by `d[k] = k` for each key.
fn from_list(keys: &[i64]) -> Dict {
    let mut d = Dict::new();
    keys.iter().for_each(|&k| set(&mut d, k, k));
    d
}

/// `sys.getsizeof(d)` on 64-bit CPython 3.11 for a combined table with
/// general (non-str) keys: the object with its GC header (64), plus the
/// keys object (32-byte header, index slots, 24-byte entries) unless the
/// dict uses the shared empty keys.
fn sizeof(d: &Dict) -> usize {
    match d.layout_bytes() {
        (0, _) => 64,
        (indices, entries) => 64 + 32 + indices + entries,
    }
}

fn show(d: &Dict) -> String {
    let items: Vec<String> = d.iter().map(|(_, _, k, v)| format!("{k}:{v}")).collect();
    format!("{} | {}", sizeof(d), items.join(" "))
}

fn ints(text: &str) -> Vec<i64> {
    text.split_whitespace().map(|t| t.parse().expect("int")).collect()
}

/// Applies one operation; returns `k:v` for popitem.
fn apply(d: &mut Dict, name: &str, args: &str) -> Option<String> {
    let l = ints(if name == "popitem" { "" } else { args });
    match name {
        "set" => set(d, l[0], l[1]),
        "del" => del(d, l[0]),
        "popitem" => return d.popitem().map(|(_, k, v)| format!("{k}:{v}")),
        "clear" => drop(d.clear()),
        "copy" => *d = d.copy(),
        "dict_of" => {
            let mut n = Dict::new();
            n.update_from_dict(d, |a, b| a == b);
            *d = n;
        }
        "update" => d.update_from_dict(&from_list(&l), |a, b| a == b),
        "literal" => {
            let mut n = Dict::with_capacity(l.len());
            l.iter().for_each(|&k| set(&mut n, k, k));
            *d = n;
        }
        "set_many" => l.iter().for_each(|&k| set(d, k, k)),
        "del_many" => l.iter().for_each(|&k| del(d, k)),
        other => panic!("unknown operation {other}"),
    }
    None
}

#[test]
fn dict_layout_matches_cpython() {
    let mut d = Dict::new();
    let (mut steps, mut failures) = (0, vec![]);
    for (lineno, line) in DATA.lines().enumerate() {
        if line == "end" {
            d = Dict::new();
            continue;
        }
        let (op, expected) = line.split_once(" = ").expect("line");
        let (name, args) = op.split_once(' ').unwrap_or((op, ""));
        let popped = apply(&mut d, name, args);
        if name == "popitem" && popped.as_deref() != args.strip_prefix("-> ") {
            failures.push(format!("line {}: popitem gave {popped:?}, CPython {args}", lineno + 1));
        }
        let got = show(&d);
        if got.trim_end() != expected.trim_end() {
            failures.push(format!("line {}: {name}: got [{got}], CPython [{expected}]", lineno + 1));
        }
        steps += 1;
    }
    let n = failures.len();
    failures.truncate(8);
    assert!(failures.is_empty(), "{n} mismatches in {steps} steps:\n{}", failures.join("\n"));
    assert!(steps > 3000, "{steps}");
}
