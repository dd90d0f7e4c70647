//! The dict table against CPython 3.11: scenarios of dict operations on int
//! and str keys (data: scripts/gen_tables_data.py → tests/tables_data/dict_ops.txt)
//! replayed on `DictTable<i64, i64>`; after every step `d.items()` and
//! `sys.getsizeof(d)` (which shows the table's size and usable entries)
//! must match, and so must every `popitem()`.

use taipan_vm::tables::dict::{DictTable, KeysKind};
use taipan_vm::tables::hash::{hash_i64, HashSecret, HashSeed};

const DATA: &str = include_str!("tables_data/dict_ops.txt");

/// An int key, or a str key (written `x<n>` in the data).
#[derive(Clone, Debug, PartialEq)]
enum Key {
    Int(i64),
    Str(String),
}

type Dict = DictTable<Key, i64>;

fn parse_key(token: &str) -> Key {
    if token.starts_with('x') {
        Key::Str(token.to_string())
    } else {
        Key::Int(token.parse().expect("int key"))
    }
}

fn hash(k: &Key) -> i64 {
    match k {
        Key::Int(n) => hash_i64(*n),
        Key::Str(s) => HashSecret::new(HashSeed::Fixed(0)).hash_str_ucs1(s.as_bytes()),
    }
}

fn set(d: &mut Dict, k: Key, v: i64) {
    let h = hash(&k);
    let probe = k.clone();
    match k {
        Key::Str(_) => d.insert_with_str(h, k, v, |x| *x == probe),
        Key::Int(_) => d.insert_with(h, k, v, |x| *x == probe),
    };
}

fn is_str(k: &Key) -> bool {
    matches!(k, Key::Str(_))
}

fn del(d: &mut Dict, k: &Key) {
    d.remove_with(hash(k), |x| x == k);
}

/// A dict built by `d[k] = 0` for each key.
fn from_list(keys: &[Key]) -> Dict {
    let mut d = Dict::new();
    keys.iter().for_each(|k| set(&mut d, k.clone(), 0));
    d
}

/// `sys.getsizeof(d)` on 64-bit CPython 3.11: the object with its GC
/// header (64), plus the keys object (32-byte header, index slots, 16- or
/// 24-byte entries) unless the dict uses the shared empty keys.
fn sizeof(d: &Dict) -> usize {
    match d.layout_bytes() {
        (0, _) => 64,
        (indices, entries) => 64 + 32 + indices + entries,
    }
}

fn show_key(k: &Key) -> String {
    match k {
        Key::Int(n) => n.to_string(),
        Key::Str(s) => s.clone(),
    }
}

fn show(d: &Dict) -> String {
    let items: Vec<String> = d.iter().map(|(_, _, k, v)| format!("{}:{v}", show_key(k))).collect();
    format!("{} | {}", sizeof(d), items.join(" "))
}

/// Applies one operation; returns `k:v` for popitem.
fn apply(d: &mut Dict, name: &str, args: &str) -> Option<String> {
    let l: Vec<Key> =
        if name == "popitem" { vec![] } else { args.split_whitespace().map(parse_key).collect() };
    match name {
        "set" => set(d, l[0].clone(), args.split_whitespace().nth(1).expect("value").parse().expect("int")),
        "del" => del(d, &l[0]),
        "popitem" => return d.popitem().map(|(_, k, v)| format!("{}:{v}", show_key(&k))),
        "clear" => drop(d.clear()),
        "copy" => *d = d.copy(),
        "dict_of" => {
            let mut n = Dict::new();
            n.update_from_dict(d, |a, b| a == b, is_str);
            *d = n;
        }
        "update" => d.update_from_dict(&from_list(&l), |a, b| a == b, is_str),
        "literal" => {
            let all_str = l.iter().all(|k| matches!(k, Key::Str(_)));
            let mut n = Dict::with_capacity(l.len(), if all_str { KeysKind::Str } else { KeysKind::General });
            l.iter().for_each(|k| set(&mut n, k.clone(), 0));
            *d = n;
        }
        "set_many" => l.iter().for_each(|k| set(d, k.clone(), 0)),
        "del_many" => l.iter().for_each(|k| del(d, k)),
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
