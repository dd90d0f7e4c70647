//! Struct sequences (CPython's `PyStructSequence`): tuple subclasses whose
//! first `n_visible` fields are the tuple's items and every field is also
//! an attribute (`os.stat_result`, `time.struct_time`,
//! `posix.uname_result`, `os.terminal_size`). The named fields live in the
//! instance's `__dict__`; the type's dict records the field names
//! (`_taipan_fields`, "" for an unnamed field) and CPython's `n_sequence_fields`/`n_fields`/
//! `n_unnamed_fields`.

use super::native::{self, HAS_DICT};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::tuple::TupleData;
use crate::objects::{dict, int, m, new_method, object, str as pystr, tuple, Method};
use crate::runtime::rt;
use crate::types::{self, type_payload};
use crate::value::Value;

/// The key under which a struct sequence type keeps its field names.
const FIELDS_KEY: &str = "_taipan_fields";

const METHODS: &[Method] =
    &[new_method(structseq_new), m("__repr__", structseq_repr), m("__reduce__", structseq_reduce)];

/// Creates a struct sequence type `module.name` with `fields`, of which the
/// first `n_visible` are items of the tuple.
pub fn new_type(module: &str, name: &str, fields: &[&str], n_visible: usize) -> Value {
    let ty = native::new_type::<TupleData>(name, module, &rt().types.tuple, HAS_DICT, METHODS, &[]);
    let d = type_payload(&ty).dict();
    dict::set_str(d, FIELDS_KEY, tuple::new(fields.iter().map(|f| pystr::new(f)).collect()));
    dict::set_str(d, "n_sequence_fields", int::from_usize(n_visible));
    dict::set_str(d, "n_fields", int::from_usize(fields.len()));
    let unnamed = fields.iter().filter(|f| f.is_empty()).count();
    dict::set_str(d, "n_unnamed_fields", int::from_usize(unnamed));
    let visible: Vec<Value> =
        fields[..n_visible].iter().filter(|f| !f.is_empty()).map(|f| pystr::new(f)).collect();
    dict::set_str(d, "__match_args__", tuple::new(visible));
    ty
}

/// The field names of struct sequence type `ty` and how many are items.
fn fields_of(ty: &Value) -> PyResult<(Vec<Value>, usize)> {
    let d = type_payload(ty).dict();
    let names = dict::get_str(d, &pystr::intern(FIELDS_KEY))
        .and_then(|f| tuple::items(&f).map(|s| s.to_vec()))
        .ok_or_else(|| exc::type_error("not a struct sequence type"))?;
    let n = dict::get_str(d, &pystr::intern("n_sequence_fields")).and_then(|v| v.as_small_int()).unwrap_or(0);
    Ok((names, n as usize))
}

/// A new instance of struct sequence type `ty` from all its field values
/// (missing trailing fields are None).
pub fn new_instance(ty: &Value, values: Vec<Value>) -> PyResult<Value> {
    let (names, n_visible) = fields_of(ty)?;
    let mut values = values;
    values.resize(names.len(), rt().none.clone());
    let items: Vec<Value> = values[..n_visible].to_vec();
    let me = object::alloc_subclass(ty, TupleData { items: items.into_boxed_slice() })?;
    let d = object::instance_dict(&me).ok_or_else(|| exc::type_error("struct sequence without a dict"))?;
    for (k, v) in names.into_iter().zip(values) {
        if pystr::as_str(&k).is_some_and(|s| !s.is_empty()) {
            dict::set_item(&d, k, v)?;
        }
    }
    Ok(me)
}

/// The qualified name CPython shows (`os.stat_result`).
/// The type's C-level name, as CPython's `tp_name`: `module.name`, or the
/// bare name for a type of `builtins` (`sys.asyncgen_hooks` and the like).
fn full_name(ty: &Value) -> String {
    let module = object::type_module_name(ty);
    if module == "builtins" {
        return type_payload(ty).name().to_string();
    }
    format!("{module}.{}", type_payload(ty).name())
}

/// `T(sequence, dict=None)`.
fn structseq_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let cls = &args[0];
    let a = native::bind(&full_name(cls), &args[1..], kwnames, &["sequence", "dict"], 1)?;
    let seq = crate::ops::collect(a[0].as_ref().expect("required"))?;
    let (names, n_visible) = fields_of(cls)?;
    let name = full_name(cls);
    if seq.len() < n_visible {
        let what = if n_visible == names.len() { "a" } else { "an at least" };
        return Err(exc::type_error(format!(
            "{name}() takes {what} {n_visible}-sequence ({}-sequence given)",
            seq.len()
        )));
    }
    if seq.len() > names.len() {
        let what = if n_visible == names.len() { "a" } else { "an at most" };
        return Err(exc::type_error(format!(
            "{name}() takes {what} {}-sequence ({}-sequence given)",
            names.len(),
            seq.len()
        )));
    }
    let mut values = seq;
    if let Some(extra) = native::given(&a[1]) {
        for k in names.iter().skip(values.len()) {
            values.push(crate::ops::getitem_opt(extra, k)?.unwrap_or_else(|| rt().none.clone()));
        }
    }
    new_instance(cls, values)
}

fn structseq_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let ty = types::type_of(me);
    let (names, _) = fields_of(&ty)?;
    let items = tuple::items(me).unwrap_or(&[]);
    let mut parts = Vec::with_capacity(items.len());
    let named = names.iter().filter(|k| pystr::as_str(k).is_some_and(|s| !s.is_empty()));
    for (k, v) in named.zip(items) {
        parts.push(format!("{}={}", pystr::as_str(k).unwrap_or("?"), crate::ops::repr_string(v)?));
    }
    Ok(pystr::from_string(format!("{}({})", full_name(&ty), parts.join(", "))))
}

fn structseq_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let ty = types::type_of(me);
    let (names, n_visible) = fields_of(&ty)?;
    let items = tuple::new(tuple::items(me).unwrap_or(&[]).to_vec());
    let extra = dict::new_dict();
    if let Some(d) = object::instance_dict(me) {
        for k in names.iter().skip(n_visible) {
            if let Some(v) = dict::get_item(&d, k)? {
                dict::set_item(&extra, k.clone(), v)?;
            }
        }
    }
    Ok(tuple::new(vec![ty, tuple::new(vec![items, extra])]))
}
