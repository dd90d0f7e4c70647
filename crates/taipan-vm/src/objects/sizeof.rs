//! `object.__sizeof__` and `sys.getsizeof`: the bytes an object occupies in
//! Taipan's own layout (not CPython's): one `Obj<payload>` (the type's
//! `basicsize`) plus the heap buffers the payload owns — a list's slots, a
//! tuple's items, a str's code units, bytes, an int's digits, a set's table.
//! Types with their own `__sizeof__` (dict, bytearray) report themselves.

use super::{bytes::BytesData, int::IntData, list::ListData, set::SetData, str::StrData, tuple::TupleData};
use crate::exceptions::{self as exc, PyResult};
use crate::heap::GC_TRACKED;
use crate::types::type_of;
use crate::value::Value;
use std::mem::size_of;

/// The size of the cycle collector's bookkeeping for a tracked object,
/// which `sys.getsizeof` adds as CPython adds its `PyGC_Head`: the entry in
/// a generation list.
const GC_ENTRY_SIZE: usize = size_of::<usize>();

/// `object.__sizeof__(self)`.
pub fn object_sizeof(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(v) = args.first() else {
        return Err(exc::type_error(
            "descriptor '__sizeof__' of 'object' object needs an argument".to_string(),
        ));
    };
    Ok(super::int::from_usize(basic_size(v) + owned_buffers(v)))
}

/// One instance of `v`'s type, header included (one word for values
/// stored unboxed: small ints, floats).
fn basic_size(v: &Value) -> usize {
    if v.header().is_none() {
        return size_of::<Value>();
    }
    crate::types::type_payload(&type_of(v)).basicsize
}

/// The bytes of the heap buffers `v`'s payload owns.
fn owned_buffers(v: &Value) -> usize {
    if let Some(l) = v.downcast::<ListData>() {
        return l.items.borrow().capacity() * size_of::<Value>();
    }
    if let Some(t) = v.downcast::<TupleData>() {
        return t.items.len() * size_of::<Value>();
    }
    if let Some(s) = v.downcast::<StrData>() {
        return s.text.len() * s.text.kind() as usize;
    }
    if let Some(b) = v.downcast::<BytesData>() {
        return b.0.len();
    }
    if let Some(i) = v.downcast::<IntData>() {
        return i.0.iter_u64_digits().len() * size_of::<u64>();
    }
    if let Some(s) = v.downcast::<SetData>() {
        return s.capacity() * 2 * size_of::<Value>();
    }
    0
}

/// `sys.getsizeof(obj[, default])`: `obj.__sizeof__()` plus the collector's
/// entry for tracked objects; `default` when that raises TypeError.
pub fn getsizeof(obj: &Value, default: Option<&Value>) -> PyResult<Value> {
    match sizeof_via_method(obj) {
        Ok(n) => {
            let tracked = obj.header().is_some_and(|h| h.gc_flags.get() & GC_TRACKED != 0);
            Ok(super::int::from_usize(n + if tracked { GC_ENTRY_SIZE } else { 0 }))
        }
        Err(e) if e.matches(&crate::runtime::rt().exc.type_error) && default.is_some() => {
            Ok(default.cloned().unwrap_or_default())
        }
        Err(e) => Err(e),
    }
}

/// Calls `type(obj).__sizeof__(obj)` and checks the result as CPython does.
fn sizeof_via_method(obj: &Value) -> PyResult<usize> {
    let ty = type_of(obj);
    let Some(method) = crate::types::lookup_str(&ty, "__sizeof__") else {
        return Err(exc::type_error(format!(
            "Type {} doesn't define __sizeof__",
            crate::types::type_name(obj)
        )));
    };
    let r = crate::call::call_unbound(&method, obj, std::slice::from_ref(obj), &[])?;
    let Some(n) = super::int::to_bigint(&r) else {
        return Err(exc::type_error("an integer is required".to_string()));
    };
    if n.sign() == num_bigint::Sign::Minus {
        return Err(exc::value_error("__sizeof__() should return >= 0"));
    }
    usize::try_from(&n)
        .ok()
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| exc::overflow_error("Python int too large to convert to C ssize_t"))
}
