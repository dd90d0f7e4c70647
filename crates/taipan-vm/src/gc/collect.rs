//! One collection, in CPython 3.11's order (`gc_collect_main`):
//!
//! 1. merge the younger generations into the one collected;
//! 2. `gc_refs` = refcount minus the references from inside the
//!    generation (`traverse`); objects left with `gc_refs > 0` are
//!    referenced from outside, and everything they reach is alive;
//! 3. the rest is garbage: the survivors move one generation up (tuples
//!    of atomic items are untracked, as CPython does), and the
//!    collector takes a strong reference to each garbage object, so no
//!    Python code run below can free one under its feet;
//! 4. weakrefs to garbage are cleared; callbacks run for those weakrefs
//!    that are not garbage themselves;
//! 5. finalizers (`__del__`, generator close) run, once per object;
//! 6. objects referenced from outside the garbage after that are
//!    resurrected (with everything they reach) and left alone; what is
//!    left is the count `gc.collect()` returns (`count_collected`);
//! 7. the rest is cleared (`traverse::clear`), which breaks the cycles;
//!    dropping the collector's references then frees them.

use super::traverse::{self, traverse};
use super::{position, with_state, NUM_GENERATIONS};
use crate::heap::{self, Header, GC_WEAKREFS};
use crate::value::Value;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// `gc.collect(generation)`: the number of unreachable objects found
/// (0 when a collection is already running).
pub fn collect(generation: usize) -> usize {
    collect_generation(generation.min(NUM_GENERATIONS - 1), "manual")
}

pub(super) fn collect_generation(gen: usize, _reason: &str) -> usize {
    if !with_state(|s| !std::mem::replace(&mut s.collecting, true)) {
        return 0;
    }
    crate::modules::gc::invoke_callbacks("start", gen, 0);
    let garbage = find_garbage(gen);
    handle_weakrefs(&garbage);
    finalize(&garbage);
    let alive = resurrected(&garbage);
    let found = count_collected(&garbage, &alive);
    delete_garbage(&garbage, &alive);
    drop(garbage);
    with_state(|s| {
        let st = &mut s.stats[gen];
        st.collections += 1;
        st.collected += found;
        s.collecting = false;
    });
    crate::modules::gc::invoke_callbacks("stop", gen, found);
    found
}

/// A tracked object's index in the list being collected (`gen`).
fn index_in(h: &Header, gen: usize) -> Option<usize> {
    let (list, index) = position(h);
    (super::is_tracked(h) && list == gen).then_some(index)
}

/// Steps 1–3: the garbage of generation `gen`, as strong references.
fn find_garbage(gen: usize) -> Vec<Value> {
    let young: Vec<*const Header> = with_state(|s| {
        for g in 0..gen {
            s.merge(g, gen);
        }
        if gen + 1 < NUM_GENERATIONS {
            s.counts[gen + 1] += 1;
        }
        s.counts[..=gen].iter_mut().for_each(|c| *c = 0);
        s.lists[gen].clone()
    });
    // SAFETY (all derefs below): `young` lists live tracked objects, and
    // nothing is freed until the collector drops references in step 7.
    let headers: Vec<&Header> = young.iter().map(|&p| unsafe { &*p }).collect();
    let mut refs: Vec<isize> = headers.iter().map(|h| h.refcnt.get() as isize).collect();
    for h in &headers {
        traverse(h, &mut |v| {
            if let Some(j) = v.header().and_then(|r| index_in(r, gen)) {
                refs[j] -= 1;
            }
        });
    }
    let mut alive: Vec<bool> = refs.iter().map(|&r| r > 0).collect();
    let mut stack: Vec<usize> = (0..headers.len()).filter(|&i| alive[i]).collect();
    while let Some(i) = stack.pop() {
        traverse(headers[i], &mut |v| {
            if let Some(j) = v.header().and_then(|r| index_in(r, gen)) {
                if !alive[j] {
                    alive[j] = true;
                    stack.push(j);
                }
            }
        });
    }
    let garbage: Vec<Value> = young
        .iter()
        .zip(&alive)
        .filter(|(_, &a)| !a)
        // SAFETY: every pointer in `young` is a live tracked object of this
        // generation (taken from its list above, and nothing has run since
        // that could free it); taking a new reference keeps it alive while
        // the collector finalizes and clears it.
        .map(|(&p, _)| unsafe { Value::from_borrowed_ptr(p) })
        .collect();
    let untracked = untrack_atomic_tuples(&headers, &alive);
    promote(gen, young.len() - garbage.len() - untracked);
    garbage
}

/// CPython's `untrack_tuples`: a surviving tuple whose items cannot be
/// part of a cycle (no item is a tracked container) leaves the collector's
/// lists, so long-lived tuples of numbers and strings cost nothing later.
fn untrack_atomic_tuples(headers: &[&Header], alive: &[bool]) -> usize {
    let mut n = 0;
    for (h, _) in headers.iter().zip(alive).filter(|(_, &a)| a) {
        let v = std::mem::ManuallyDrop::new(
            // SAFETY: an uncounted alias of a live object, never dropped.
            unsafe { Value::from_raw(*h as *const Header as u64) },
        );
        let Some(t) = v.downcast::<crate::objects::tuple::TupleData>() else { continue };
        if t.items.iter().all(|x| x.header().is_none_or(|xh| !super::is_tracked(xh))) {
            super::untrack(h);
            n += 1;
        }
    }
    n
}

/// Moves generation `gen` one up and keeps CPython's long-lived counts.
fn promote(gen: usize, survivors: usize) {
    with_state(|s| {
        if gen + 1 < NUM_GENERATIONS {
            s.merge(gen, gen + 1);
            if gen + 1 == NUM_GENERATIONS - 1 {
                s.long_lived_pending += survivors;
            }
        } else {
            s.long_lived_pending = 0;
            s.long_lived_total = survivors;
        }
    });
}

/// Step 4: clears every weakref to garbage, then runs the callbacks of the
/// weakrefs that are not garbage themselves.
fn handle_weakrefs(garbage: &[Value]) {
    let members: HashSet<u64, ByAddress> = garbage.iter().map(Value::bits).collect();
    let mut callbacks = Vec::new();
    for g in garbage {
        if let Some(h) = g.header().filter(|h| h.gc_flags.get() & GC_WEAKREFS != 0) {
            callbacks.extend(crate::objects::weakref::clear_refs_to(h, |wr| members.contains(&wr)));
        }
    }
    for wr in callbacks {
        crate::objects::weakref::run_callback(&wr);
    }
}

/// Step 5: PEP 442 finalizers, each at most once per object.
fn finalize(garbage: &[Value]) {
    for g in garbage {
        heap::finalize_once(g);
    }
}

/// Step 6: which garbage objects are referenced from outside the garbage
/// now (or reachable from one that is).
fn resurrected(garbage: &[Value]) -> Vec<bool> {
    let index: HashMap<u64, usize, ByAddress> =
        garbage.iter().enumerate().map(|(i, g)| (g.bits(), i)).collect();
    let headers: Vec<&Header> = garbage.iter().filter_map(Value::header).collect();
    // The collector holds one reference to each.
    let mut refs: Vec<isize> = headers.iter().map(|h| h.refcnt.get() as isize - 1).collect();
    for h in &headers {
        traverse(h, &mut |v| {
            if let Some(&j) = index.get(&v.bits()) {
                refs[j] -= 1;
            }
        });
    }
    let mut alive: Vec<bool> = refs.iter().map(|&r| r > 0).collect();
    let mut stack: Vec<usize> = (0..headers.len()).filter(|&i| alive[i]).collect();
    while let Some(i) = stack.pop() {
        traverse(headers[i], &mut |v| {
            if let Some(&j) = index.get(&v.bits()) {
                if !alive[j] {
                    alive[j] = true;
                    stack.push(j);
                }
            }
        });
    }
    alive
}

/// Hashes the value bits that key the collector's tables (`resurrected`
/// looks up every reference of every garbage object): a multiply, folded
/// onto the low bits that pick the bucket. SipHash cost more than the rest
/// of a collection; the keys are addresses, not attacker-chosen text.
#[derive(Default)]
struct AddressHasher(u64);

/// Builds [`AddressHasher`]s: the tables keyed by value bits below.
type ByAddress = BuildHasherDefault<AddressHasher>;

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        let p = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = p ^ (p >> 29);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// What `gc.collect()` reports, counted as CPython 3.11 does: the garbage
/// still unreachable after finalizers (CPython has freed an object that
/// only the collector holds now, e.g. a generator that closing took out of
/// its cycle), not counting instance dicts (inline values in 3.11).
fn count_collected(garbage: &[Value], alive: &[bool]) -> usize {
    let dead = || garbage.iter().zip(alive).filter(|(_, &a)| !a).map(|(g, _)| g);
    let dicts: HashSet<u64, ByAddress> =
        dead().filter_map(|g| g.header().map(|h| h.dict.get())).filter(|&d| d != 0).collect();
    dead().filter(|g| !dicts.contains(&g.bits()) && g.header().is_some_and(|h| h.refcnt.get() > 1)).count()
}

/// Step 7: clears the garbage that stayed garbage (or saves it in
/// `gc.garbage` under `DEBUG_SAVEALL`).
fn delete_garbage(garbage: &[Value], alive: &[bool]) {
    let save_all = super::debug_flags() & crate::modules::gc::DEBUG_SAVEALL != 0;
    for (g, _) in garbage.iter().zip(alive).filter(|(_, &a)| !a) {
        if save_all {
            crate::modules::gc::save_garbage(g.clone());
        } else if let Some(h) = g.header() {
            traverse::clear(h);
        }
    }
}

/// `gc.get_referents(*objs)`: what each (collectable) object refers to.
pub fn get_referents(objs: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for o in objs {
        if let Some(h) = o.header() {
            if is_container(h) {
                traverse(h, &mut |v| {
                    if !v.is_null() {
                        out.push(v.clone());
                    }
                });
            }
        }
    }
    out
}

/// `gc.get_referrers(*objs)`: the tracked objects referring to any of them.
pub fn get_referrers(objs: &[Value]) -> Vec<Value> {
    let targets: std::collections::HashSet<u64> = objs.iter().map(Value::bits).collect();
    let all = super::objects_in(&[0, 1, 2]);
    all.into_iter()
        .filter(|o| {
            let mut hit = false;
            if let Some(h) = o.header() {
                traverse(h, &mut |v| hit |= targets.contains(&v.bits()));
            }
            hit
        })
        .collect()
}

/// Whether objects of `h`'s type are containers the collector tracks.
pub fn is_container(h: &Header) -> bool {
    // SAFETY: a live object's type pointer is a live type object.
    traverse::type_info(unsafe { &*h.ty.get() }) & heap::GC_TYPE_TRACKS != 0
}
