//! What each payload layout holds: the collector's `traverse` (visit every
//! owned reference) and `clear` (drop the references that can form
//! cycles), in one table keyed by the layout's `TypeId` (`LAYOUTS`).
//!
//! Visiting must be exact or short: a reference visited but not owned
//! would make a live object look unreachable, while one not visited only
//! keeps its target alive a little longer. So fields behind a borrowed
//! `RefCell` are skipped, running generators are not traversed, and any
//! layout missing from the table counts as holding nothing.
//!
//! Every object also owns its instance dict (in the header) and a
//! reference to its type; both are visited for every tracked object.
//! Which objects are tracked at all is decided per type and cached in the
//! type object's header (`type_info`).

use crate::heap::{Header, Obj, GC_TYPE_GEN, GC_TYPE_INFO, GC_TYPE_TRACKS};
use crate::objects::{
    descr, dict, exc_objects, frame_object, function, generator, iter, list, module, set, tuple, weakref,
};
use crate::types::TypeData;
use crate::value::{Slot, Value};
use std::any::TypeId;

/// A visitor of owned references.
pub type Visit<'a> = &'a mut dyn FnMut(&Value);

/// The collector's operations on one payload layout.
struct LayoutOps {
    layout: TypeId,
    traverse: fn(*const Header, Visit),
    clear: fn(*const Header),
}

/// The payload of an object of layout `T`.
///
/// # Safety
/// `h` must be a live object whose type's layout is `T`.
unsafe fn payload<'a, T>(h: *const Header) -> &'a T {
    &(*(h as *const Obj<T>)).payload
}

macro_rules! layouts {
    ($( $t:ty => |$p:ident, $v:ident| $trav:expr, |$q:ident| $clear:expr; )*) => {
        const LAYOUTS: &[fn() -> LayoutOps] = &[ $( || LayoutOps {
            layout: TypeId::of::<$t>(),
            traverse: |h, $v| {
                // SAFETY: only called on objects whose layout is this row's.
                let $p: &$t = unsafe { payload(h) };
                $trav
            },
            clear: |h| {
                // SAFETY: as above.
                let $q: &$t = unsafe { payload(h) };
                $clear
            },
        }, )* ];
    };
}

fn slots(v: Visit, slots: &[&Slot]) {
    for s in slots {
        v(&s.get());
    }
}

fn take_all(slots: &[&Slot]) {
    let old: Vec<Value> = slots.iter().map(|s| s.take()).collect();
    drop(old);
}

layouts! {
    dict::DictData => |d, v| d.gc_visit(v), |d| d.gc_clear();
    list::ListData => |l, v| {
        if let Ok(items) = l.items.try_borrow() { items.iter().for_each(&mut *v) }
    }, |l| {
        let old = l.items.try_borrow_mut().map(|mut i| std::mem::take(&mut *i)).unwrap_or_default();
        drop(old)
    };
    tuple::TupleData => |t, v| t.items.iter().for_each(&mut *v), |_t| ();
    set::SetData => |s, v| s.gc_visit(v), |s| s.gc_clear();
    function::FunctionData => |f, v| {
        v(&f.globals); v(&f.builtins);
        slots(v, &[&f.code, &f.name, &f.qualname, &f.defaults, &f.kwdefaults, &f.closure, &f.doc, &f.module, &f.annotations]);
    }, |f| take_all(&[&f.defaults, &f.kwdefaults, &f.closure, &f.doc, &f.module, &f.annotations]);
    function::MethodData => |m, v| { v(&m.func); v(&m.self_) }, |_m| ();
    function::BuiltinData => |b, v| v(&b.self_), |_b| ();
    function::CellData => |c, v| slots(v, &[&c.0]), |c| take_all(&[&c.0]);
    generator::GenData => |g, v| g.gc_visit(v), |g| g.gc_clear();
    TypeData => |t, v| {
        if let Ok(mro) = t.mro.try_borrow() { mro.iter().for_each(&mut *v) }
        if let Ok(bases) = t.bases.try_borrow() { bases.iter().for_each(&mut *v) }
        if let Some(d) = t.dict.get() { v(d) }
        slots(v, &[&t.doc]);
    }, |t| {
        // Bases stay: the type's dealloc unregisters from them.
        let old = t.mro.try_borrow_mut().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default();
        drop(old);
        if let Some(d) = t.dict.get() { dict::data(d).map(dict::DictData::gc_clear).unwrap_or(()) }
        t.version.set(t.version.get().wrapping_add(1 << 40));
    };
    module::ModuleData => |_m, _v| (), |_m| ();
    exc_objects::ExcData => |e, v| slots(v, &[&e.args, &e.traceback, &e.cause, &e.context, &e.value, &e.name, &e.obj]),
        |e| take_all(&[&e.args, &e.traceback, &e.cause, &e.context, &e.value, &e.name]);
    exc_objects::TracebackData => |t, v| { slots(v, &[&t.next, &t.frame]); v(&t.code); v(&t.globals) },
        |t| take_all(&[&t.next, &t.frame]);
    frame_object::FrameData => |f, v| f.gc_visit(v), |f| f.gc_clear();
    iter::SeqIterData => |i, v| slots(v, &[&i.seq]), |i| take_all(&[&i.seq]);
    iter::CallIterData => |i, v| { slots(v, &[&i.func]); v(&i.sentinel) }, |i| take_all(&[&i.func]);
    iter::EnumerateData => |e, v| {
        v(&e.it);
        if let Ok(c) = e.count.try_borrow() { v(&c) }
    }, |_e| ();
    iter::ZipData => |z, v| z.its.iter().for_each(&mut *v), |_z| ();
    iter::MapData => |m, v| { v(&m.func); m.its.iter().for_each(&mut *v) }, |_m| ();
    dict::DictViewData => |d, v| v(&d.dict), |_d| ();
    descr::PropertyData => |p, v| slots(v, &[&p.fget, &p.fset, &p.fdel, &p.doc]),
        |p| take_all(&[&p.fget, &p.fset, &p.fdel, &p.doc]);
    descr::WrapperData => |w, v| slots(v, &[&w.0]), |w| take_all(&[&w.0]);
    descr::SuperData => |s, v| { v(&s.ty); v(&s.obj); v(&s.obj_type) }, |_s| ();
    weakref::WeakrefData => |w, v| w.gc_visit(v), |w| w.gc_clear();
    crate::modules::thread_local::LocalData => |l, v| l.gc_visit(v), |l| l.gc_clear();
}

crate::interp_static! {
    static TABLE: Vec<LayoutOps> = LAYOUTS.iter().map(|f| f()).collect();
}

/// Type-object header bits: which `LAYOUTS` row (plus one; 0 for none).
const ROW_SHIFT: u32 = 6;
const ROW_MASK: usize = 0b11_1111 << ROW_SHIFT;

/// The cached facts about the instances of `ty` (a type object's header):
/// `GC_TYPE_TRACKS`, `GC_TYPE_GEN` and the layout row, computed once.
#[inline(always)]
pub fn type_info(ty: &Header) -> usize {
    let f = ty.gc_flags.get();
    if f & GC_TYPE_INFO != 0 {
        return f;
    }
    compute_type_info(ty)
}

#[cold]
fn compute_type_info(ty: &Header) -> usize {
    // SAFETY: `ty` is a type object (the type of some object); its payload is TypeData.
    let td: &TypeData = unsafe { payload(ty) };
    let row = TABLE.with(|t| t.iter().position(|o| o.layout == td.layout)).map_or(0, |i| i + 1);
    let mut info = GC_TYPE_INFO | (row << ROW_SHIFT);
    if row != 0 || td.is_heap() {
        info |= GC_TYPE_TRACKS;
    }
    if td.layout == TypeId::of::<generator::GenData>() {
        info |= GC_TYPE_GEN;
    }
    ty.gc_flags.set(ty.gc_flags.get() | info);
    ty.gc_flags.get()
}

fn row_of(h: &Header) -> usize {
    // SAFETY: every live object's `ty` is a live type object.
    (type_info(unsafe { &*h.ty.get() }) & ROW_MASK) >> ROW_SHIFT
}

/// Visits every reference `h` owns: its instance dict, its type when that
/// is a Python class (collectable itself), and its payload's references.
pub fn traverse(h: &Header, visit: Visit) {
    if let Some(d) = borrowed(h.dict.get()) {
        visit(&d);
    }
    if h.type_data().is_heap() {
        visit(&borrowed(h.ty.get() as u64).unwrap_or_default());
    }
    let row = row_of(h);
    if row != 0 {
        let f = TABLE.with(|t| t[row - 1].traverse);
        f(h, visit);
    }
}

/// Drops the references of `h` that can form cycles (`tp_clear`): the
/// instance dict and what its layout's `clear` empties.
pub fn clear(h: &Header) {
    let dict = h.dict.replace(0);
    if dict != 0 {
        // SAFETY: the header owned this reference.
        drop(unsafe { Value::from_raw(dict) });
    }
    let row = row_of(h);
    if row != 0 {
        let f = TABLE.with(|t| t[row - 1].clear);
        f(h);
    }
}

/// An uncounted alias of the reference in `bits` (None for 0). The alias
/// is wrapped so that it is never dropped.
fn borrowed(bits: u64) -> Option<std::mem::ManuallyDrop<Value>> {
    // SAFETY: `bits` is an owned reference held by a live object; the alias
    // is never dropped, so the count stays exact.
    (bits != 0).then(|| std::mem::ManuallyDrop::new(unsafe { Value::from_raw(bits) }))
}
