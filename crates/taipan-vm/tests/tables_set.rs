//! Set iteration orders against CPython 3.11: scenarios of set operations
//! on ints (data: scripts/gen_tables_data.py → tests/tables_data/set_ops.txt)
//! replayed on `SetTable<i64>` with the CPython function each operation must
//! mirror; `list(s)` (or, for long sets, `hash(tuple(s))`) must match after
//! every step, and so must every `pop()`.

use taipan_vm::tables::dict::DictTable;
use taipan_vm::tables::hash::{hash_i64, hash_tuple};
use taipan_vm::tables::set::SetTable;

const DATA: &str = include_str!("tables_data/set_ops.txt");

type Set = SetTable<i64>;

fn eq(a: &i64, b: &i64) -> bool {
    a == b
}

fn hashed(l: &[i64]) -> impl Iterator<Item = (i64, i64)> + '_ {
    l.iter().map(|&k| (hash_i64(k), k))
}

/// `set(L)` for a list: `set_update_internal`'s iterable branch.
fn set_of(l: &[i64]) -> Set {
    let mut s = Set::new();
    s.update_from_iter(hashed(l), eq);
    s
}

/// `dict.fromkeys(L)`.
fn dict_of(l: &[i64]) -> DictTable<i64, ()> {
    let mut d = DictTable::new();
    for &k in l {
        d.insert_with(hash_i64(k), k, (), |&x| x == k);
    }
    d
}

fn range(args: &[i64]) -> Vec<i64> {
    (args[0]..args[1]).step_by(args[2] as usize).collect()
}

/// Applies one operation; returns the popped key for `pop`.
fn apply(s: &mut Set, name: &str, l: &[i64]) -> Option<i64> {
    let result = match name {
        "add" => {
            s.add_with(hash_i64(l[0]), l[0], |&x| x == l[0]);
            None
        }
        "discard" => {
            s.discard_with(hash_i64(l[0]), |&x| x == l[0]);
            None
        }
        "pop" => return s.pop(),
        "clear" | "self_isub" => {
            s.clear();
            None
        }
        "update_set" | "ior_set" => {
            s.merge(&set_of(l), eq);
            None
        }
        "update_list" => {
            s.update_from_iter(hashed(l), eq);
            None
        }
        "update_dict" => {
            s.update_from_dict(&dict_of(l), eq);
            None
        }
        "new_list" => Some(set_of(l)),
        "new_dict" => {
            let mut t = Set::new();
            t.update_from_dict(&dict_of(l), eq);
            Some(t)
        }
        "copy" | "self_and" => Some(s.copy()),
        "or_set" => Some(s.union(&set_of(l), eq)),
        "ror_set" => Some(set_of(l).union(s, eq)),
        "and_set" => Some(s.intersection(&set_of(l), eq)),
        "rand_set" => Some(set_of(l).intersection(s, eq)),
        "sub_set" => Some(s.difference(&set_of(l), eq)),
        "rsub_set" => Some(set_of(l).difference(s, eq)),
        "self_sub" => Some(s.difference(s, eq)),
        "xor_set" => Some(s.symmetric_difference(&set_of(l), eq)),
        "rxor_set" => Some(set_of(l).symmetric_difference(s, eq)),
        "and_list" => Some(s.intersection_iter(hashed(l), eq)),
        "sub_list" => Some(s.difference_iter(hashed(l), eq)),
        "sub_dict" => Some(s.difference_dict(&dict_of(l), eq)),
        "xor_list" => {
            // set_symmetric_difference: a new set of the iterable, toggled by s.
            let mut t = set_of(l);
            t.symmetric_difference_update(s, eq);
            Some(t)
        }
        "iand_set" => {
            s.intersection_update(&set_of(l), eq);
            None
        }
        "isub_set" => {
            s.difference_update(&set_of(l), eq);
            None
        }
        "ixor_set" => {
            s.symmetric_difference_update(&set_of(l), eq);
            None
        }
        "iand_list" => {
            s.intersection_update_iter(hashed(l), eq);
            None
        }
        "isub_list" => {
            s.difference_update_iter(hashed(l), eq);
            None
        }
        "ixor_list" => {
            s.symmetric_difference_update_iter(hashed(l), eq);
            None
        }
        "ixor_dict" => {
            s.symmetric_difference_update_dict(&dict_of(l), eq);
            None
        }
        "new_range" => Some(set_of(&range(l))),
        "discard_range" => {
            for k in range(l) {
                s.discard_with(hash_i64(k), |&x| x == k);
            }
            None
        }
        "update_range" => {
            s.update_from_iter(hashed(&range(l)), eq);
            None
        }
        other => panic!("unknown operation {other}"),
    };
    if let Some(t) = result {
        *s = t;
    }
    None
}

/// `list(s)` as the data shows it.
fn show(s: &Set) -> String {
    let keys: Vec<i64> = s.iter().map(|(_, _, &k)| k).collect();
    if keys.len() <= 64 {
        keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ")
    } else {
        let hashes: Vec<i64> = keys.iter().map(|&k| hash_i64(k)).collect();
        format!("#{} {}", keys.len(), hash_tuple(&hashes))
    }
}

fn ints(text: &str) -> Vec<i64> {
    text.split_whitespace().map(|t| t.parse().expect("int")).collect()
}

#[test]
fn set_orders_match_cpython() {
    let mut s = Set::new();
    let (mut steps, mut failures) = (0, vec![]);
    for (lineno, line) in DATA.lines().enumerate() {
        if line == "end" {
            s = Set::new();
            continue;
        }
        let (op, expected) = line.split_once(" = ").unwrap_or((line.trim_end_matches(" ="), ""));
        let (name, args) = op.split_once(' ').unwrap_or((op, ""));
        if name == "pop" {
            let want: i64 = args.trim_start_matches("-> ").parse().expect("popped");
            let got = apply(&mut s, "pop", &[]);
            if got != Some(want) {
                failures.push(format!("line {}: pop gave {got:?}, CPython {want}", lineno + 1));
            }
        } else {
            apply(&mut s, name, &ints(args));
        }
        let got = show(&s);
        if got != expected.trim_end() {
            failures.push(format!("line {}: {name}: got [{got}], CPython [{expected}]", lineno + 1));
            if !expected.starts_with('#') {
                s = set_of(&ints(expected)); // resynchronise
            }
        }
        steps += 1;
    }
    let n = failures.len();
    failures.truncate(8);
    assert!(failures.is_empty(), "{n} mismatches in {steps} steps:\n{}", failures.join("\n"));
    assert!(steps > 5000);
}
