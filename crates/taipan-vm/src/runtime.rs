//! The per-thread runtime: the builtin type objects, the singletons (None,
//! True, False, NotImplemented, Ellipsis, the empty tuple), the exception
//! types, the interned-name table, the builtins and sys modules, the module
//! registry and the thread's eval state, reached with `rt()` (one
//! thread-local load). The first thread boots it (`Runtime::boot`); every
//! later thread gets its own copy (`Runtime::for_thread`) whose values are
//! the same shared objects and whose interpreter-wide fields (`interned`,
//! `recursion_limit`, `argv`) point at the same cells, with a fresh
//! `ThreadState`. A thread reaching the runtime takes the interpreter lock
//! (`gil.rs`) first.

use crate::exceptions::ExcTypes;
use crate::frame::ThreadState;
use crate::heap::{self, Header, Obj, IMMORTAL};
use crate::objects::*;
use crate::types::{InstanceLayout, TypeData, TF_BASETYPE, TF_MAPPING, TF_MATCH_SELF, TF_SEQUENCE};
use crate::value::Value;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

macro_rules! builtin_types {
    ($( $field:ident : $layout:ty = $name:literal, $base:ident, $flags:expr; )*) => {
        /// The builtin type objects (immortal).
        #[derive(Clone)]
        pub struct BuiltinTypes {
            pub type_: Value,
            $( pub $field: Value, )*
        }

        impl BuiltinTypes {
            fn create(type_: Value) -> BuiltinTypes {
                BuiltinTypes {
                    $( $field: raw_type::<$layout>(&type_, $name, $flags), )*
                    type_,
                }
            }

            /// `(type, base field name)` for every builtin type but `object` and `type`.
            fn bases(&self) -> Vec<(&Value, &Value)> {
                vec![ $( (&self.$field, &self.$base), )* ]
            }
        }
    };
}

const B: u32 = TF_BASETYPE;
/// Pattern matching: `MS` self-matching (`int(x)`), `SEQ` sequence, `MAP` mapping.
const MS: u32 = TF_MATCH_SELF;
const SEQ: u32 = TF_SEQUENCE;
const MAP: u32 = TF_MAPPING;

builtin_types! {
    object: () = "object", object, B;
    int: int::IntData = "int", object, B | MS;
    bool_: int::IntData = "bool", int, MS;
    float: float::FloatData = "float", object, B | MS;
    str: str::StrData = "str", object, B | MS;
    bytes: bytes::BytesData = "bytes", object, B | MS;
    bytearray: bytearray::BytearrayData = "bytearray", object, B | MS;
    memoryview: memoryview::MemoryviewData = "memoryview", object, SEQ;
    list: list::ListData = "list", object, B | SEQ | MS;
    tuple: tuple::TupleData = "tuple", object, B | SEQ | MS;
    dict: dict::DictData = "dict", object, B | MAP | MS;
    set: set::SetData = "set", object, B | MS;
    frozenset: set::SetData = "frozenset", object, B | MS;
    none_type: () = "NoneType", object, 0;
    not_implemented_type: () = "NotImplementedType", object, 0;
    ellipsis_type: () = "ellipsis", object, 0;
    function: function::FunctionData = "function", object, 0;
    method: function::MethodData = "method", object, 0;
    builtin_function: function::BuiltinData = "builtin_function_or_method", object, 0;
    method_descriptor: function::BuiltinData = "method_descriptor", object, 0;
    wrapper_descriptor: function::BuiltinData = "wrapper_descriptor", object, 0;
    method_wrapper: function::BuiltinData = "method-wrapper", object, 0;
    cell: function::CellData = "cell", object, 0;
    code: code::CodeData = "code", object, 0;
    generator: generator::GenData = "generator", object, 0;
    coroutine: generator::GenData = "coroutine", object, 0;
    async_generator: generator::GenData = "async_generator", object, 0;
    coroutine_wrapper: coroutine::CoroWrapperData = "coroutine_wrapper", object, 0;
    async_generator_asend: coroutine::ASendData = "async_generator_asend", object, 0;
    async_generator_athrow: coroutine::AThrowData = "async_generator_athrow", object, 0;
    async_generator_wrapped_value: coroutine::WrappedData = "async_generator_wrapped_value", object, 0;
    range: range::RangeData = "range", object, SEQ;
    range_iterator: range::RangeIterData = "range_iterator", object, 0;
    seq_iterator: iter::SeqIterData = "iterator", object, 0;
    list_iterator: iter::SeqIterData = "list_iterator", object, 0;
    list_reverseiterator: iter::SeqIterData = "list_reverseiterator", object, 0;
    tuple_iterator: iter::SeqIterData = "tuple_iterator", object, 0;
    str_iterator: iter::SeqIterData = "str_ascii_iterator", object, 0;
    dict_keyiterator: iter::SeqIterData = "dict_keyiterator", object, 0;
    dict_valueiterator: iter::SeqIterData = "dict_valueiterator", object, 0;
    dict_itemiterator: iter::SeqIterData = "dict_itemiterator", object, 0;
    set_iterator: iter::SeqIterData = "set_iterator", object, 0;
    dict_keys: dict::DictViewData = "dict_keys", object, 0;
    dict_values: dict::DictViewData = "dict_values", object, 0;
    dict_items: dict::DictViewData = "dict_items", object, 0;
    callable_iterator: iter::CallIterData = "callable_iterator", object, 0;
    enumerate: iter::EnumerateData = "enumerate", object, B;
    zip: iter::ZipData = "zip", object, B;
    map: iter::MapData = "map", object, B;
    filter: iter::MapData = "filter", object, B;
    reversed: iter::SeqIterData = "reversed", object, B;
    slice: slice::SliceData = "slice", object, 0;
    property: descr::PropertyData = "property", object, B;
    classmethod: descr::WrapperData = "classmethod", object, B;
    staticmethod: descr::WrapperData = "staticmethod", object, B;
    super_: descr::SuperData = "super", object, B;
    module: module::ModuleData = "module", object, B;
    traceback: exc_objects::TracebackData = "traceback", object, 0;
    frame: frame_object::FrameData = "frame", object, 0;
    getset_descriptor: descr::GetSetData = "getset_descriptor", object, 0;
}

/// The runtime of one interpreter thread.
pub struct Runtime {
    pub types: BuiltinTypes,
    pub exc: ExcTypes,
    pub none: Value,
    pub true_: Value,
    pub false_: Value,
    pub not_implemented: Value,
    pub ellipsis: Value,
    pub empty_tuple: Value,
    /// Interpreter-wide (shared by every thread's runtime).
    pub interned: &'static RefCell<HashMap<String, Value>>,
    /// Interpreter-wide, as are `modules` and `sys`.
    pub builtins: &'static OnceCell<Value>,
    pub modules: &'static OnceCell<Value>,
    pub sys: &'static OnceCell<Value>,
    pub thread: ThreadState,
    /// Interpreter-wide.
    pub recursion_limit: &'static Cell<usize>,
    /// Interpreter-wide.
    pub argv: &'static RefCell<Vec<String>>,
}

thread_local! {
    static RT: Cell<*const Runtime> = const { Cell::new(std::ptr::null()) };
}

/// The runtime booted first, which later threads copy (null before boot).
static MAIN: std::sync::atomic::AtomicPtr<Runtime> = std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

/// The runtime of the current thread (attaching the thread on first use).
#[inline(always)]
pub fn rt() -> &'static Runtime {
    let p = RT.with(|r| r.get());
    if p.is_null() {
        return attach();
    }
    // SAFETY: set by `attach` to a leaked Runtime used only from this
    // thread, and cleared by `detach` before that Runtime is freed.
    unsafe { &*p }
}

/// Gives the calling thread a runtime: takes the interpreter lock, then
/// boots the interpreter or copies the booted runtime.
#[cold]
#[inline(never)]
pub fn attach() -> &'static Runtime {
    crate::gil::ensure_held();
    let main = MAIN.load(std::sync::atomic::Ordering::Acquire);
    if main.is_null() {
        return Runtime::boot();
    }
    // SAFETY: `MAIN` points at the leaked, never-freed booted runtime; we
    // hold the interpreter lock, so nobody mutates it meanwhile.
    let r: &'static Runtime = Box::leak(Box::new(Runtime::for_thread(unsafe { &*main })));
    RT.with(|c| c.set(r));
    r
}

/// Ends the calling thread's runtime (a thread started by `_thread`
/// calls this last, with the interpreter lock held): its frames and
/// exception state are freed and `rt()` attaches afresh if called again.
pub fn detach() {
    let p = RT.with(|c| c.replace(std::ptr::null()));
    if p.is_null() || std::ptr::eq(p, MAIN.load(std::sync::atomic::Ordering::Acquire)) {
        RT.with(|c| c.set(p));
        return;
    }
    // SAFETY: `p` came from `Box::leak` in `attach` and is no longer
    // reachable through `RT`; no reference into it outlives this call
    // (the thread's Python code has returned).
    drop(unsafe { Box::from_raw(p as *mut Runtime) });
}

/// Allocates a builtin type object with a null dict (filled by `boot`).
fn raw_type<T: 'static>(type_: &Value, name: &str, flags: u32) -> Value {
    let td = TypeData::new(name, InstanceLayout::of::<T>(), flags);
    let v = heap::alloc(type_, td);
    make_immortal(&v);
    v
}

/// Makes `v` never freed.
pub fn make_immortal(v: &Value) {
    if let Some(h) = v.header() {
        h.refcnt.set(IMMORTAL);
    }
}

/// The dealloc of type objects: unregisters from the bases, then frees.
///
/// # Safety
/// As `heap::drop_obj`.
unsafe fn drop_type(ptr: *const Header) {
    let td = &(*(ptr as *const Obj<TypeData>)).payload;
    for b in td.bases.borrow().iter() {
        crate::types::type_payload(b).subclasses.borrow_mut().retain(|p| *p != ptr as usize);
    }
    heap::drop_obj::<TypeData>(ptr);
}

/// `type` itself: an object whose type is itself.
fn bootstrap_type_type() -> Value {
    let td = TypeData::new("type", InstanceLayout::with_dealloc::<TypeData>(drop_type), TF_BASETYPE);
    let obj = Box::new(Obj {
        header: Header {
            refcnt: Cell::new(IMMORTAL),
            ty: Cell::new(std::ptr::null()),
            dict: Cell::new(0),
            gc_flags: Cell::new(0),
        },
        payload: td,
    });
    let ptr = Box::into_raw(obj) as *const Header;
    // SAFETY: `ptr` is the freshly allocated, immortal type object; its type
    // is itself, and the Value we return owns one of its references.
    unsafe {
        (*ptr).ty.set(ptr);
        Value::from_owned_ptr(ptr)
    }
}

impl Runtime {
    #[cold]
    fn boot() -> &'static Runtime {
        let type_ = bootstrap_type_type();
        let types = BuiltinTypes::create(type_);
        let exc = ExcTypes::create(&types.type_);
        let singleton = |ty: &Value| {
            let v = heap::alloc(ty, ());
            make_immortal(&v);
            v
        };
        let r = Runtime {
            none: singleton(&types.none_type),
            not_implemented: singleton(&types.not_implemented_type),
            ellipsis: singleton(&types.ellipsis_type),
            true_: int::raw_bool(&types.bool_, true),
            false_: int::raw_bool(&types.bool_, false),
            empty_tuple: tuple::raw_empty(&types.tuple),
            types,
            exc,
            interned: Box::leak(Box::default()),
            builtins: Box::leak(Box::default()),
            modules: Box::leak(Box::default()),
            sys: Box::leak(Box::default()),
            thread: ThreadState::new(),
            recursion_limit: Box::leak(Box::new(Cell::new(1000))),
            argv: Box::leak(Box::default()),
        };
        let leaked: &'static Runtime = Box::leak(Box::new(r));
        RT.with(|c| c.set(leaked));
        MAIN.store(leaked as *const Runtime as *mut Runtime, std::sync::atomic::Ordering::Release);
        leaked.finish_types();
        crate::exceptions::finish(leaked);
        crate::heap::set_finalizer_hook(crate::objects::object::run_del);
        crate::builtins::install(leaked);
        leaked
    }

    /// A runtime for another thread: the same shared objects and
    /// interpreter-wide cells as `main`, and a fresh `ThreadState`.
    fn for_thread(main: &Runtime) -> Runtime {
        Runtime {
            types: main.types.clone(),
            exc: main.exc.clone(),
            none: main.none.clone(),
            true_: main.true_.clone(),
            false_: main.false_.clone(),
            not_implemented: main.not_implemented.clone(),
            ellipsis: main.ellipsis.clone(),
            empty_tuple: main.empty_tuple.clone(),
            interned: main.interned,
            builtins: main.builtins,
            modules: main.modules,
            sys: main.sys,
            thread: ThreadState::new(),
            recursion_limit: main.recursion_limit,
            argv: main.argv,
        }
    }

    /// Sets bases, MROs and the method tables of the builtin types.
    fn finish_types(&'static self) {
        let t = &self.types;
        let object = &t.object;
        crate::types::type_payload(object).mro.borrow_mut().push(object.clone());
        let type_td = crate::types::type_payload(&t.type_);
        *type_td.bases.borrow_mut() = vec![object.clone()];
        *type_td.mro.borrow_mut() = vec![t.type_.clone(), object.clone()];
        for (ty, base) in t.bases() {
            if ty.is(object) {
                continue;
            }
            let td = crate::types::type_payload(ty);
            *td.bases.borrow_mut() = vec![base.clone()];
            let mut mro = vec![ty.clone()];
            mro.extend(crate::types::type_payload(base).mro.borrow().iter().cloned());
            *td.mro.borrow_mut() = mro;
            crate::types::type_payload(base).subclasses.borrow_mut().push(ty.bits() as usize);
        }
        let mut all: Vec<&Value> = t.bases().into_iter().map(|(ty, _)| ty).collect();
        all.push(&t.type_);
        for ty in all {
            let _ = crate::types::type_payload(ty).dict.set(dict::new_dict());
        }
        crate::objects::install_methods(self);
    }

    /// `True` or `False`.
    #[inline(always)]
    pub fn bool_value(&self, b: bool) -> Value {
        if b {
            self.true_.clone()
        } else {
            self.false_.clone()
        }
    }

    pub fn builtins(&self) -> &Value {
        self.builtins.get().expect("builtins installed at boot")
    }
}
