//! Model-based checks of `DictTable` and `SetTable` under long random
//! operation sequences and hostile hash functions (all keys colliding,
//! extreme values, -1): contents, order and lengths must match a simple
//! model, lookups by closure and step by step must agree, and nothing may
//! panic. (CPython-exact behaviour is checked by the other tables_* tests.)

use std::collections::BTreeSet;
use taipan_vm::tables::dict::DictTable;
use taipan_vm::tables::set::SetTable;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Hash functions from friendly to hostile.
fn hash_of(kind: u64, k: i64) -> i64 {
    match kind {
        0 => k,
        1 => 7,                                                           // everything collides
        2 => [i64::MIN, i64::MAX, -1, 0, -2][(k.rem_euclid(5)) as usize], // extremes
        3 => (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) as i64,
        _ => k << 40, // low bits all zero: only perturbation separates keys
    }
}

fn dict_lookup_stepwise(d: &DictTable<i64, i64>, h: i64, k: i64) -> Option<usize> {
    let mut p = d.start_probe(h);
    while let Some(c) = d.next_candidate(&mut p) {
        if c.hash_matches() && *c.key == k {
            return Some(c.index);
        }
    }
    None
}

#[test]
fn dict_matches_an_insertion_ordered_model() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for round in 0..40 {
        let kind = round % 5;
        let span = if kind == 1 { 60 } else { 3000 };
        let mut d: DictTable<i64, i64> = DictTable::new();
        let mut model: Vec<(i64, i64)> = vec![];
        for step in 0..6000 {
            let k = rng.below(span) as i64 - span as i64 / 2;
            let h = hash_of(kind, k);
            match rng.below(20) {
                0..=8 => {
                    let v = step;
                    d.insert_with(h, k, v, |&x| x == k);
                    match model.iter_mut().find(|(mk, _)| *mk == k) {
                        Some(e) => e.1 = v,
                        None => model.push((k, v)),
                    }
                }
                9..=13 => {
                    let got = d.remove_with(h, |&x| x == k);
                    let pos = model.iter().position(|(mk, _)| *mk == k);
                    assert_eq!(got, pos.map(|p| model.remove(p)));
                }
                14..=16 => {
                    let a = d.find_with(h, |&x| x == k);
                    assert_eq!(a, dict_lookup_stepwise(&d, h, k));
                    let want = model.iter().find(|(mk, _)| *mk == k).map(|e| e.1);
                    assert_eq!(a.and_then(|i| d.value_at(i)).copied(), want);
                }
                17 => assert_eq!(d.popitem().map(|(_, k, v)| (k, v)), model.pop()),
                18 => d = d.copy(),
                _ if rng.below(50) == 0 => {
                    drop(d.clear());
                    model.clear();
                }
                _ => {
                    let mut n = DictTable::new();
                    n.update_from_dict(&d, |a, b| a == b, |_| false);
                    d = n;
                }
            }
            assert_eq!(d.len(), model.len());
        }
        let items: Vec<(i64, i64)> = d.iter().map(|(_, _, &k, &v)| (k, v)).collect();
        assert_eq!(items, model, "round {round}");
    }
}

#[test]
fn set_matches_a_model() {
    let mut rng = Rng(0x0fed_cba9_8765_4321);
    for round in 0..40 {
        let kind = round % 5;
        let span = if kind == 1 { 60 } else { 3000 };
        let mut s: SetTable<i64> = SetTable::new();
        let mut model: BTreeSet<i64> = BTreeSet::new();
        let eq = |a: &i64, b: &i64| a == b;
        for _ in 0..6000 {
            let k = rng.below(span) as i64 - span as i64 / 2;
            let h = hash_of(kind, k);
            match rng.below(20) {
                0..=8 => assert_eq!(s.add_with(h, k, |&x| x == k), model.insert(k)),
                9..=13 => assert_eq!(s.discard_with(h, |&x| x == k).is_some(), model.remove(&k)),
                14..=15 => assert_eq!(s.contains_with(h, |&x| x == k), model.contains(&k)),
                16 => {
                    if let Some(x) = s.pop() {
                        assert!(model.remove(&x));
                    }
                }
                17 => {
                    // a step-wise insertion
                    let mut p = s.start_probe(h);
                    let mut found = false;
                    while let Some((_, key)) = s.next_candidate(&mut p) {
                        found |= *key == k;
                        if found {
                            break;
                        }
                    }
                    if !found {
                        assert!(s.insert_at_probe(&p, k).is_ok());
                    }
                    model.insert(k);
                }
                18 => {
                    let other: Vec<(i64, i64)> = (0..rng.below(40))
                        .map(|_| rng.below(span) as i64 - span as i64 / 2)
                        .map(|x| (hash_of(kind, x), x))
                        .collect();
                    let o = {
                        let mut t = SetTable::new();
                        t.update_from_iter(other.iter().copied(), eq);
                        t
                    };
                    let om: BTreeSet<i64> = other.iter().map(|&(_, x)| x).collect();
                    match rng.below(5) {
                        0 => {
                            s = s.union(&o, eq);
                            model = &model | &om;
                        }
                        1 => {
                            s = s.intersection(&o, eq);
                            model = &model & &om;
                        }
                        2 => {
                            s.difference_update(&o, eq);
                            model = &model - &om;
                        }
                        3 => {
                            s = o.symmetric_difference(&s, eq);
                            model = &model ^ &om;
                        }
                        _ => {
                            s.intersection_update_iter(other.iter().copied(), eq);
                            model = &model & &om;
                        }
                    }
                }
                _ => s = s.copy(),
            }
            assert_eq!(s.len(), model.len());
        }
        let items: BTreeSet<i64> = s.iter().map(|(_, _, &k)| k).collect();
        assert_eq!(items, model, "round {round}");
        assert_eq!(s.frozenset_hash(), s.copy().frozenset_hash());
    }
}
