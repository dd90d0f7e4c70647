//! Errors: `PyErr` (one owned exception object) and `PyResult`, the builtin
//! exception hierarchy (every CPython 3.11 builtin exception class with its
//! base), and constructors for the errors Rust code raises
//! (`type_error(msg)`, …). The exception objects' payload, methods and
//! tracebacks are `objects/exc_objects.rs`.

use crate::heap;
use crate::objects::exc_objects::ExcData;
use crate::objects::{str as pystr, tuple};
use crate::runtime::{make_immortal, rt, Runtime};
use crate::types::{TypeData, TF_BASETYPE};
use crate::value::Value;

/// A raised exception: an owned exception instance.
#[derive(Clone, Debug)]
pub struct PyErr(pub Value);

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// The exception instance.
    pub fn value(&self) -> &Value {
        &self.0
    }

    /// Whether the exception is an instance of `ty` (a type object).
    pub fn matches(&self, ty: &Value) -> bool {
        crate::types::is_instance(&self.0, ty)
    }
}

macro_rules! exception_types {
    ($( $field:ident = $name:literal : $base:ident; )*) => {
        /// The builtin exception classes.
        #[derive(Clone)]
        pub struct ExcTypes {
            pub base_exception: Value,
            $( pub $field: Value, )*
        }

        impl ExcTypes {
            pub(crate) fn create(type_: &Value) -> ExcTypes {
                ExcTypes {
                    base_exception: exc_type(type_, "BaseException"),
                    $( $field: exc_type(type_, $name), )*
                }
            }

            /// `(class, base)` pairs in declaration order (bases first).
            pub fn pairs(&self) -> Vec<(&Value, &Value)> {
                vec![ $( (&self.$field, &self.$base), )* ]
            }
        }
    };
}

exception_types! {
    exception = "Exception": base_exception;
    base_exception_group = "BaseExceptionGroup": base_exception;
    exception_group = "ExceptionGroup": base_exception_group;
    generator_exit = "GeneratorExit": base_exception;
    keyboard_interrupt = "KeyboardInterrupt": base_exception;
    system_exit = "SystemExit": base_exception;
    arithmetic_error = "ArithmeticError": exception;
    floating_point_error = "FloatingPointError": arithmetic_error;
    overflow_error = "OverflowError": arithmetic_error;
    zero_division_error = "ZeroDivisionError": arithmetic_error;
    assertion_error = "AssertionError": exception;
    attribute_error = "AttributeError": exception;
    buffer_error = "BufferError": exception;
    eof_error = "EOFError": exception;
    import_error = "ImportError": exception;
    module_not_found_error = "ModuleNotFoundError": import_error;
    lookup_error = "LookupError": exception;
    index_error = "IndexError": lookup_error;
    key_error = "KeyError": lookup_error;
    memory_error = "MemoryError": exception;
    name_error = "NameError": exception;
    unbound_local_error = "UnboundLocalError": name_error;
    os_error = "OSError": exception;
    blocking_io_error = "BlockingIOError": os_error;
    child_process_error = "ChildProcessError": os_error;
    connection_error = "ConnectionError": os_error;
    broken_pipe_error = "BrokenPipeError": connection_error;
    connection_aborted_error = "ConnectionAbortedError": connection_error;
    connection_refused_error = "ConnectionRefusedError": connection_error;
    connection_reset_error = "ConnectionResetError": connection_error;
    file_exists_error = "FileExistsError": os_error;
    file_not_found_error = "FileNotFoundError": os_error;
    interrupted_error = "InterruptedError": os_error;
    is_a_directory_error = "IsADirectoryError": os_error;
    not_a_directory_error = "NotADirectoryError": os_error;
    permission_error = "PermissionError": os_error;
    process_lookup_error = "ProcessLookupError": os_error;
    timeout_error = "TimeoutError": os_error;
    reference_error = "ReferenceError": exception;
    runtime_error = "RuntimeError": exception;
    not_implemented_error = "NotImplementedError": runtime_error;
    recursion_error = "RecursionError": runtime_error;
    stop_async_iteration = "StopAsyncIteration": exception;
    stop_iteration = "StopIteration": exception;
    syntax_error = "SyntaxError": exception;
    indentation_error = "IndentationError": syntax_error;
    tab_error = "TabError": indentation_error;
    system_error = "SystemError": exception;
    type_error = "TypeError": exception;
    value_error = "ValueError": exception;
    unicode_error = "UnicodeError": value_error;
    unicode_decode_error = "UnicodeDecodeError": unicode_error;
    unicode_encode_error = "UnicodeEncodeError": unicode_error;
    unicode_translate_error = "UnicodeTranslateError": unicode_error;
    warning = "Warning": exception;
    bytes_warning = "BytesWarning": warning;
    deprecation_warning = "DeprecationWarning": warning;
    encoding_warning = "EncodingWarning": warning;
    future_warning = "FutureWarning": warning;
    import_warning = "ImportWarning": warning;
    pending_deprecation_warning = "PendingDeprecationWarning": warning;
    resource_warning = "ResourceWarning": warning;
    runtime_warning = "RuntimeWarning": warning;
    syntax_warning = "SyntaxWarning": warning;
    unicode_warning = "UnicodeWarning": warning;
    user_warning = "UserWarning": warning;
}

fn exc_type(type_: &Value, name: &str) -> Value {
    let td = TypeData::new(name, crate::types::InstanceLayout::of::<ExcData>(), TF_BASETYPE);
    let v = heap::alloc(type_, td);
    make_immortal(&v);
    v
}

/// Sets the bases, MROs and dicts of the exception classes.
pub(crate) fn finish(r: &'static Runtime) {
    use crate::types::type_payload;
    let e = &r.exc;
    let mut all = vec![(&e.base_exception, &r.types.object)];
    all.extend(e.pairs());
    for (ty, base) in all {
        let td = type_payload(ty);
        *td.bases.borrow_mut() = vec![base.clone()];
        let mut mro = vec![ty.clone()];
        mro.extend(type_payload(base).mro.borrow().iter().cloned());
        *td.mro.borrow_mut() = mro;
        type_payload(base).subclasses.borrow_mut().push(ty.bits() as usize);
        let d = crate::objects::dict::new_dict();
        let _ = td.dict.set(d);
        td.flags.set(td.flags.get() | crate::types::TF_HAS_DICT);
    }
    add_second_base(&e.exception_group, &e.exception);
    crate::objects::exc_objects::install_methods(r);
}

/// `ExceptionGroup(BaseExceptionGroup, Exception)`: the one builtin
/// exception with two bases (MRO: EG, BEG, Exception, BaseException, object).
fn add_second_base(ty: &Value, second: &Value) {
    use crate::types::type_payload;
    let td = type_payload(ty);
    td.bases.borrow_mut().push(second.clone());
    let mut mro = td.mro.borrow().clone();
    mro.truncate(2);
    mro.extend(type_payload(second).mro.borrow().iter().cloned());
    *td.mro.borrow_mut() = mro;
    type_payload(second).subclasses.borrow_mut().push(ty.bits() as usize);
}

/// Every builtin exception class, by name (for the builtins module).
pub fn all_named(r: &Runtime) -> Vec<(String, Value)> {
    let mut out = vec![(String::from("BaseException"), r.exc.base_exception.clone())];
    for (ty, _) in r.exc.pairs() {
        out.push((crate::types::type_payload(ty).name(), ty.clone()));
    }
    out
}

/// A new exception of class `ty` with `args`, without calling `__init__`.
pub fn new_exception(ty: &Value, args: Vec<Value>) -> PyErr {
    PyErr(crate::objects::exc_objects::raw_new(ty, tuple::new(args)))
}

/// A new exception of class `ty` with one message argument.
pub fn with_msg(ty: &Value, msg: impl Into<String>) -> PyErr {
    new_exception(ty, vec![pystr::new(&msg.into())])
}

macro_rules! raisers {
    ($( $fn_name:ident => $field:ident; )*) => {
        $(
            #[doc = concat!("A new `", stringify!($field), "` with message `msg`.")]
            pub fn $fn_name(msg: impl Into<String>) -> PyErr {
                with_msg(&rt().exc.$field, msg)
            }
        )*
    };
}

raisers! {
    type_error => type_error;
    value_error => value_error;
    attribute_error => attribute_error;
    name_error => name_error;
    index_error => index_error;
    runtime_error => runtime_error;
    zero_division_error => zero_division_error;
    overflow_error => overflow_error;
    recursion_error => recursion_error;
    system_error => system_error;
    unbound_local_error => unbound_local_error;
    not_implemented_error => not_implemented_error;
    import_error => import_error;
    module_not_found_error => module_not_found_error;
    assertion_error => assertion_error;
}

/// A new `MemoryError`: without arguments for an empty message, as
/// CPython's `PyErr_NoMemory` raises it (`MemoryError()`).
pub fn memory_error(msg: impl Into<String>) -> PyErr {
    let msg = msg.into();
    let args = if msg.is_empty() { vec![] } else { vec![pystr::new(&msg)] };
    new_exception(&rt().exc.memory_error, args)
}

/// An empty vector with room for `n` items, or `MemoryError` when that
/// much cannot be allocated (sizes that come from Python code must never
/// reach an infallible allocation, which would abort the process).
pub fn try_vec<T>(n: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error(""))?;
    Ok(v)
}

/// `KeyError(key)`.
pub fn key_error(key: Value) -> PyErr {
    new_exception(&rt().exc.key_error, vec![key])
}

/// `StopIteration(value)` (no args when value is None).
pub fn stop_iteration(value: Value) -> PyErr {
    if value.is(&rt().none) {
        new_exception(&rt().exc.stop_iteration, vec![])
    } else {
        new_exception(&rt().exc.stop_iteration, vec![value])
    }
}
