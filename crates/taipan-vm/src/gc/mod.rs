//! The cycle collector (DESIGN decision 4), after CPython's `gcmodule.c`.
//!
//! Reference counting frees everything that is not in a cycle; this module
//! finds the cycles. Every object that can hold references ("container":
//! lists, dicts, instances, functions, types, generators, …, decided per
//! layout in `traverse.rs`) is *tracked*: its header's `gc_flags` name one
//! of four lists (generations 0, 1, 2 and the permanent generation of
//! `gc.freeze`) and its index in it, so tracking and untracking are O(1)
//! pushes and swap-removes and the header stays four words.
//!
//! Allocating a tracked object counts towards generation 0; once the count
//! passes the threshold (700, then 10 and 10 as CPython) a collection is
//! *due*, and it runs at the next safe point of the eval loop
//! (`collect_if_due`, checked on RESUME and JUMP_BACKWARD), never inside an
//! allocation, where Rust code may hold borrows that finalizers would meet.
//! The collection itself (`collect.rs`) follows CPython: gc_refs, reachable
//! from outside, weakrefs of garbage cleared and their callbacks run,
//! finalizers run once (PEP 442), resurrection honoured, then `clear`.
//! The `gc` module (`modules/gc.rs`) is the Python interface.

mod collect;
pub mod traverse;

pub use collect::{collect, get_referents, get_referrers};

use crate::heap::{Header, GC_TRACKED};
use std::cell::{Cell, RefCell};

/// The permanent generation (`gc.freeze`): never collected.
pub const PERMANENT: usize = 3;
/// The number of collectable generations.
pub const NUM_GENERATIONS: usize = 3;

const LIST_SHIFT: u32 = 12;
const LIST_MASK: usize = 0b11 << LIST_SHIFT;
const INDEX_SHIFT: u32 = 14;
/// Bits of `gc_flags` that are not the list id and index (the heap flags
/// and, on type objects, the layout row of `traverse.rs`).
const KEEP_MASK: usize = (1 << LIST_SHIFT) - 1;

/// Per-generation statistics (`gc.get_stats()`).
#[derive(Clone, Copy, Default)]
pub struct GenStats {
    pub collections: usize,
    pub collected: usize,
    pub uncollectable: usize,
}

/// The collector's state (one per interpreter thread).
pub(crate) struct GcState {
    /// Generations 0..=2 and the permanent generation.
    pub lists: [Vec<*const Header>; 4],
    /// gen 0: tracked allocations minus deallocations; gens 1 and 2: the
    /// number of collections of the generation below since the last one.
    pub counts: [usize; NUM_GENERATIONS],
    pub thresholds: [usize; NUM_GENERATIONS],
    pub enabled: bool,
    pub collecting: bool,
    /// Objects that survived a gen-2 collection / promoted since then.
    pub long_lived_total: usize,
    pub long_lived_pending: usize,
    pub stats: [GenStats; NUM_GENERATIONS],
    pub debug: u32,
}

crate::interp_static! {
    static STATE: RefCell<GcState> = const { RefCell::new(GcState {
        lists: [Vec::new(), Vec::new(), Vec::new(), Vec::new()],
        counts: [0; NUM_GENERATIONS],
        thresholds: [700, 10, 10],
        enabled: true,
        collecting: false,
        long_lived_total: 0,
        long_lived_pending: 0,
        stats: [GenStats { collections: 0, collected: 0, uncollectable: 0 }; NUM_GENERATIONS],
        debug: 0,
    }) };
    /// Set when generation 0's count passed its threshold.
    static DUE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on the collector's state. `f` must not drop values or call
/// Python code (a nested access would be a RefCell conflict).
pub(crate) fn with_state<R>(f: impl FnOnce(&mut GcState) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// The list and index a tracked header records.
#[inline(always)]
fn position(h: &Header) -> (usize, usize) {
    let f = h.gc_flags.get();
    ((f & LIST_MASK) >> LIST_SHIFT, f >> INDEX_SHIFT)
}

#[inline(always)]
fn set_position(h: &Header, list: usize, index: usize) {
    let f = h.gc_flags.get() & KEEP_MASK;
    h.gc_flags.set(f | GC_TRACKED | (list << LIST_SHIFT) | (index << INDEX_SHIFT));
}

/// The generation (or PERMANENT) of a tracked object.
pub fn generation_of(h: &Header) -> Option<usize> {
    is_tracked(h).then(|| position(h).0)
}

#[inline(always)]
pub fn is_tracked(h: &Header) -> bool {
    h.gc_flags.get() & GC_TRACKED != 0
}

impl GcState {
    fn push(&mut self, ptr: *const Header, list: usize) {
        let v = &mut self.lists[list];
        v.push(ptr);
        // SAFETY: `ptr` is a live heap object (being tracked by its owner).
        set_position(unsafe { &*ptr }, list, v.len() - 1);
    }

    fn remove(&mut self, h: &Header) {
        let (list, index) = position(h);
        let v = &mut self.lists[list];
        if index >= v.len() || !std::ptr::eq(v[index], h) {
            return; // never happens: the header's position is kept exact
        }
        v.swap_remove(index);
        if let Some(&moved) = v.get(index) {
            // SAFETY: every pointer in a list is a live tracked object.
            set_position(unsafe { &*moved }, list, index);
        }
        h.gc_flags.set(h.gc_flags.get() & KEEP_MASK & !GC_TRACKED);
    }

    /// Moves every object of list `from` to the end of list `to`.
    pub(crate) fn merge(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        let moved = std::mem::take(&mut self.lists[from]);
        for p in moved {
            self.push(p, to);
        }
    }
}

/// Starts tracking a new container (in generation 0).
#[inline]
pub fn track(ptr: *const Header) {
    let due = with_state(|s| {
        s.push(ptr, 0);
        s.counts[0] += 1;
        s.enabled && !s.collecting && s.thresholds[0] != 0 && s.counts[0] > s.thresholds[0]
    });
    if due {
        DUE.with(|d| d.set(true));
    }
}

/// Stops tracking (the object is being freed, or `clear` left it inert).
#[inline]
pub fn untrack(h: &Header) {
    if !is_tracked(h) {
        return;
    }
    with_state(|s| {
        s.remove(h);
        s.counts[0] = s.counts[0].saturating_sub(1);
    });
}

/// Runs the collection that allocation made due (a safe point of the eval
/// loop: no Rust borrow of any object is held across it).
#[inline(always)]
pub fn collect_if_due() {
    if DUE.with(|d| d.get()) {
        collect_due();
    }
}

#[cold]
fn collect_due() {
    DUE.with(|d| d.set(false));
    let gen = with_state(|s| {
        if !s.enabled || s.collecting {
            return None;
        }
        choose_generation(s)
    });
    if let Some(g) = gen {
        collect::collect_generation(g, "automatic");
    }
}

/// The oldest generation whose count exceeds its threshold (CPython's
/// `gc_collect_generations`, with the long-lived ratio guard on gen 2).
fn choose_generation(s: &GcState) -> Option<usize> {
    for i in (0..NUM_GENERATIONS).rev() {
        if s.thresholds[i] == 0 || s.counts[i] <= s.thresholds[i] {
            continue;
        }
        if i == NUM_GENERATIONS - 1 && s.long_lived_pending < s.long_lived_total / 4 {
            continue;
        }
        return Some(i);
    }
    None
}

/// `gc.enable()` / `gc.disable()`.
pub fn set_enabled(on: bool) {
    with_state(|s| s.enabled = on);
}

pub fn is_enabled() -> bool {
    with_state(|s| s.enabled)
}

/// `gc.get_count()`.
pub fn counts() -> [usize; NUM_GENERATIONS] {
    with_state(|s| s.counts)
}

pub fn thresholds() -> [usize; NUM_GENERATIONS] {
    with_state(|s| s.thresholds)
}

/// `gc.set_threshold(...)`: the given thresholds, in order.
pub fn set_thresholds(values: &[usize]) {
    with_state(|s| {
        for (t, v) in s.thresholds.iter_mut().zip(values) {
            *t = *v;
        }
    });
}

pub fn debug_flags() -> u32 {
    with_state(|s| s.debug)
}

pub fn set_debug_flags(flags: u32) {
    with_state(|s| s.debug = flags);
}

pub fn stats() -> [GenStats; NUM_GENERATIONS] {
    with_state(|s| s.stats)
}

/// `gc.freeze()`: every tracked object moves to the permanent generation.
pub fn freeze() {
    with_state(|s| {
        for g in 0..NUM_GENERATIONS {
            s.merge(g, PERMANENT);
        }
        s.counts[0] = 0;
    });
}

/// `gc.unfreeze()`: the permanent generation goes back to the oldest.
pub fn unfreeze() {
    with_state(|s| s.merge(PERMANENT, NUM_GENERATIONS - 1));
}

pub fn freeze_count() -> usize {
    with_state(|s| s.lists[PERMANENT].len())
}

/// New references to the tracked objects of `generations`.
pub fn objects_in(generations: &[usize]) -> Vec<crate::value::Value> {
    let ptrs: Vec<*const Header> =
        with_state(|s| generations.iter().flat_map(|&g| s.lists[g].iter().copied()).collect());
    // SAFETY: listed pointers are live tracked objects; each gets a new reference.
    ptrs.into_iter().map(|p| unsafe { crate::value::Value::from_borrowed_ptr(p) }).collect()
}
