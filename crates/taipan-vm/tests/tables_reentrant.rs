//! The step-wise dict lookup protocol against CPython 3.11 when `__eq__`
//! mutates the dict being searched (inserting until it resizes, clearing
//! it, deleting or adding keys, recursively): the `__eq__` calls made, the
//! results and the dict's items must be CPython's (data:
//! scripts/gen_tables_data.py → tests/tables_data/dict_reentrant.txt).
//!
//! The harness plays the VM: keys are `Rc`s (identity = pointer), the dict
//! lives in a `RefCell` that is never borrowed across a call to `__eq__`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use taipan_vm::tables::dict::DictTable;

const DATA: &str = include_str!("tables_data/dict_reentrant.txt");

struct Key {
    v: i64,
    h: i64,
}

type K = Rc<Key>;

enum Action {
    Nothing,
    Fillers(i64),
    Clear,
    Delete(i64),
    Set(i64),
}

struct World {
    d: RefCell<DictTable<K, i64>>,
    actions: RefCell<VecDeque<Action>>,
    log: RefCell<Vec<String>>,
    filler: Cell<i64>,
    inserting: Cell<u32>,
}

/// The scenario's `__hash__`.
fn key(v: i64) -> K {
    Rc::new(Key { v, h: v.rem_euclid(3) })
}

impl World {
    /// `ReKey.__eq__`: logs, runs the next action, compares.
    fn eq(&self, stored: &K, looked_up: &K) -> bool {
        self.log.borrow_mut().push(format!("{}={}", stored.v, looked_up.v));
        let action = self.actions.borrow_mut().pop_front();
        match action {
            Some(Action::Fillers(n)) => {
                for _ in 0..n {
                    self.filler.set(self.filler.get() - 1);
                    let f = self.filler.get();
                    self.setitem(Rc::new(Key { v: f, h: 1_000_000 - f }), 0);
                }
            }
            // Skipped inside an insertion, as the generator does (CPython bug
            // gh-140551: the inserted key would land in a str-only table).
            Some(Action::Clear) if self.inserting.get() == 0 => drop(self.d.borrow_mut().clear()),
            Some(Action::Delete(v)) => self.delitem(&key(v)),
            Some(Action::Set(v)) => self.setitem(key(v), 1),
            Some(Action::Clear | Action::Nothing) | None => {}
        }
        stored.v == looked_up.v
    }

    /// `_Py_dict_lookup` for a general-keys dict: the step-wise protocol.
    fn lookup(&self, k: &K) -> Option<usize> {
        'restart: loop {
            let mut probe = self.d.borrow().start_probe(k.h);
            loop {
                let candidate = {
                    let d = self.d.borrow();
                    d.next_candidate(&mut probe).map(|c| (c.index, c.hash_matches(), Rc::clone(c.key)))
                };
                let (index, hash_matches, stored) = candidate?;
                if Rc::ptr_eq(&stored, k) {
                    return Some(index);
                }
                if !hash_matches {
                    continue;
                }
                let equal = self.eq(&stored, k);
                if !self.d.borrow().probe_still_valid(&probe, index, |x| Rc::ptr_eq(x, &stored)) {
                    continue 'restart;
                }
                if equal {
                    return Some(index);
                }
            }
        }
    }

    /// `d[k] = value` (`insertdict`): replace the value or append.
    fn setitem(&self, k: K, value: i64) {
        self.inserting.set(self.inserting.get() + 1);
        let found = self.lookup(&k);
        self.inserting.set(self.inserting.get() - 1);
        match found {
            Some(index) => drop(self.d.borrow_mut().replace_value(index, value)),
            None => {
                let h = k.h;
                self.d.borrow_mut().insert_new(h, k, value);
            }
        }
    }

    /// `d.pop(k, None)`.
    fn delitem(&self, k: &K) {
        if self.d.borrow().is_empty() {
            return;
        }
        if let Some(index) = self.lookup(k) {
            let removed = self.d.borrow_mut().remove_at(index);
            drop(removed); // after the borrow: a real key's __del__ may run
        }
    }

    fn items(&self) -> String {
        let d = self.d.borrow();
        let items: Vec<String> = d.iter().map(|(_, _, k, v)| format!("{}:{v}", k.v)).collect();
        items.join(" ")
    }
}

fn parse_actions(text: &str) -> VecDeque<Action> {
    text.split_whitespace()
        .map(|a| {
            let n: i64 = a[1..].parse().expect("action argument");
            match &a[..1] {
                "f" => Action::Fillers(n),
                "c" => Action::Clear,
                "d" => Action::Delete(n),
                "s" => Action::Set(n),
                _ => Action::Nothing,
            }
        })
        .collect()
}

fn new_world(actions: &str) -> World {
    World {
        d: RefCell::new(DictTable::new()),
        actions: RefCell::new(parse_actions(actions)),
        log: RefCell::new(vec![]),
        filler: Cell::new(0),
        inserting: Cell::new(0),
    }
}

/// Runs one operation line's operation; returns its result column.
fn run_op(w: &World, op: &str) -> String {
    let args: Vec<i64> = op.split_whitespace().skip(1).map(|t| t.parse().expect("int")).collect();
    match op.split_whitespace().next() {
        Some("set") => w.setitem(key(args[0]), args[1]),
        Some("get") => return if w.lookup(&key(args[0])).is_some() { "True" } else { "False" }.into(),
        Some("del") => w.delitem(&key(args[0])),
        other => panic!("unknown operation {other:?}"),
    }
    "-".into()
}

#[test]
fn reentrant_eq_follows_cpython() {
    let mut world = new_world("");
    let (mut ops, mut eq_calls, mut failures) = (0, 0, vec![]);
    for (lineno, line) in DATA.lines().enumerate() {
        if let Some(actions) = line.strip_prefix("actions") {
            world = new_world(actions);
            continue;
        }
        if line == "end" {
            continue;
        }
        let cols: Vec<&str> = line.split(" : ").map(str::trim).collect();
        world.log.borrow_mut().clear();
        let result = run_op(&world, cols[0]);
        let log = world.log.borrow().join(" ");
        let got = [cols[0].to_string(), result, log, world.items()];
        if got.iter().map(String::as_str).ne(cols.iter().copied()) {
            failures.push(format!("line {}: got {:?}\n   CPython {:?}", lineno + 1, got, cols));
        }
        ops += 1;
        eq_calls += world.log.borrow().len();
    }
    let n = failures.len();
    failures.truncate(5);
    assert!(failures.is_empty(), "{n} mismatches in {ops} operations:\n{}", failures.join("\n"));
    assert!(ops > 3000 && eq_calls > 1000, "{ops} operations, {eq_calls} __eq__ calls");
}
