//! Structural pattern matching at run time (PEP 634): the work behind the
//! `MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS` and `MATCH_CLASS`
//! instructions, as CPython 3.11's `ceval.c` (`match_keys`, `match_class`).
//! The compiler (`taipan-compiler`'s `codegen/pattern.rs`) emits everything
//! else a `match` needs (`GET_LEN`, unpacking, comparisons, `**rest` by
//! `DICT_UPDATE`/`DELETE_SUBSCR`).
//!
//! Which subjects are sequences or mappings is a type flag (`TF_SEQUENCE`,
//! `TF_MAPPING` in `types.rs`): set on the builtin collections, inherited
//! through the MRO by `types::inherit_match_flags`, and set on ABCs and
//! their registered classes by `_abc` (`collections.abc.Sequence`/`Mapping`).

use crate::objects::{dict, object, set, str as pystr, tuple};
use crate::runtime::rt;
use crate::types::{as_type, type_data_of, type_payload, TypeData, TF_MAPPING, TF_MATCH_SELF, TF_SEQUENCE};
use crate::value::Value;
use crate::{exceptions as exc, PyResult};

/// `MATCH_SEQUENCE`: whether `subject`'s type is flagged a sequence.
pub fn is_sequence(subject: &Value) -> bool {
    type_data_of(subject).flags.get() & TF_SEQUENCE != 0
}

/// `MATCH_MAPPING`: whether `subject`'s type is flagged a mapping.
pub fn is_mapping(subject: &Value) -> bool {
    type_data_of(subject).flags.get() & TF_MAPPING != 0
}

/// `MATCH_KEYS`: the values of `keys` (a tuple) in the mapping `map`, as a
/// tuple, or None when one is missing. Lookups go through `map.get(key,
/// dummy)`, so `__missing__` never runs (a defaultdict grows no key) and a
/// user mapping's own `get` is honoured; a key seen twice is a ValueError.
pub fn match_keys(map: &Value, keys: &Value) -> PyResult<Value> {
    let keys = tuple::items(keys).unwrap_or(&[]);
    if keys.is_empty() {
        return Ok(rt().empty_tuple.clone());
    }
    let get = MappingGet::new(map)?;
    let seen = set::new_set(Vec::new())?;
    let mut values = Vec::with_capacity(keys.len());
    for key in keys {
        check_unseen(&seen, key, || {
            Ok(exc::value_error(format!(
                "mapping pattern checks duplicate key ({})",
                crate::ops::repr_string(key)?
            )))
        })?;
        match get.get(key)? {
            Some(v) => values.push(v),
            None => return Ok(rt().none.clone()),
        }
    }
    Ok(tuple::new(values))
}

/// How `match_keys` looks keys up: an exact dict directly (its `get` cannot
/// be replaced), anything else through its `get` method and a sentinel.
enum MappingGet<'a> {
    Dict(&'a Value),
    Method { get: Value, dummy: Value },
}

impl<'a> MappingGet<'a> {
    fn new(map: &'a Value) -> PyResult<MappingGet<'a>> {
        if dict::is_exact(map) {
            return Ok(MappingGet::Dict(map));
        }
        let get = crate::attr::getattr_str(map, "get")?;
        let dummy = crate::call::call(&rt().types.object, &[], &[])?;
        Ok(MappingGet::Method { get, dummy })
    }

    /// The value under `key`, None when absent.
    fn get(&self, key: &Value) -> PyResult<Option<Value>> {
        match self {
            MappingGet::Dict(d) => dict::get_item(d, key),
            MappingGet::Method { get, dummy } => {
                let v = crate::call::call(get, &[key.clone(), dummy.clone()], &[])?;
                Ok((!v.is(dummy)).then_some(v))
            }
        }
    }
}

/// `MATCH_CLASS`: when `subject` is an instance of `cls`, the tuple of its
/// `nargs` positional sub-pattern values (named by `cls.__match_args__`, or
/// the subject itself for the self-matching builtins) followed by the
/// attributes named in `kwnames`; None when it is not an instance or an
/// attribute is missing.
pub fn match_class(subject: &Value, cls: &Value, nargs: usize, kwnames: &Value) -> PyResult<Value> {
    let Some(td) = as_type(cls) else {
        return Err(exc::type_error("called match pattern must be a type"));
    };
    if !object::isinstance(subject, cls)? {
        return Ok(rt().none.clone());
    }
    let seen = set::new_set(Vec::new())?;
    let mut attrs = Vec::with_capacity(nargs);
    let names = match positional_names(cls, td, nargs)? {
        Some(names) => names,
        None if nargs > 0 => {
            attrs.push(subject.clone());
            Vec::new()
        }
        None => Vec::new(),
    };
    let kwnames = tuple::items(kwnames).unwrap_or(&[]);
    for names in [&names[..], kwnames] {
        if !collect_attrs(subject, cls, names, &seen, &mut attrs)? {
            return Ok(rt().none.clone());
        }
    }
    Ok(tuple::new(attrs))
}

/// The attribute names of the first `nargs` positional sub-patterns, or
/// None when the subject itself is the one sub-pattern (a self-matching
/// class without `__match_args__`) or there are no positional ones.
fn positional_names(cls: &Value, td: &TypeData, nargs: usize) -> PyResult<Option<Vec<Value>>> {
    if nargs == 0 {
        return Ok(None);
    }
    let (names, match_self) = match crate::attr::getattr_opt(cls, &pystr::intern("__match_args__"))? {
        Some(m) => match tuple::exact_items(&m) {
            Some(items) => (items.to_vec(), false),
            None => {
                let (cls_name, got) = (tp_name(cls), crate::types::type_name(&m));
                return Err(exc::type_error(format!(
                    "{cls_name}.__match_args__ must be a tuple (got {got})"
                )));
            }
        },
        None => (Vec::new(), td.flags.get() & TF_MATCH_SELF != 0),
    };
    let allowed = if match_self { 1 } else { names.len() };
    if allowed < nargs {
        let plural = if allowed == 1 { "" } else { "s" };
        return Err(exc::type_error(format!(
            "{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)",
            tp_name(cls)
        )));
    }
    Ok((!match_self).then(|| names[..nargs].to_vec()))
}

/// Appends `subject.<name>` for each of `names` to `attrs`; false when one
/// is missing (AttributeError); a name used twice is a TypeError.
fn collect_attrs(
    subject: &Value,
    cls: &Value,
    names: &[Value],
    seen: &Value,
    attrs: &mut Vec<Value>,
) -> PyResult<bool> {
    for name in names {
        if !pystr::is_exact(name) {
            let got = crate::types::type_name(name);
            return Err(exc::type_error(format!("__match_args__ elements must be strings (got {got})")));
        }
        check_unseen(seen, name, || {
            Ok(exc::type_error(format!(
                "{}() got multiple sub-patterns for attribute {}",
                tp_name(cls),
                crate::ops::repr_string(name)?
            )))
        })?;
        match crate::attr::getattr_opt(subject, name)? {
            Some(v) => attrs.push(v),
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// Adds `key` to the set `seen`, raising `duplicate()` when it was there.
fn check_unseen(seen: &Value, key: &Value, duplicate: impl FnOnce() -> PyResult<exc::PyErr>) -> PyResult<()> {
    if set::contains(seen, key)? {
        return Err(duplicate()?);
    }
    set::add(seen, key.clone())
}

/// The name CPython's messages use for a class (`tp_name`): a builtin
/// type outside `builtins` is module-qualified (`collections.deque`).
fn tp_name(cls: &Value) -> String {
    let td = type_payload(cls);
    let module = object::type_module_name(cls);
    if td.is_heap() || module == "builtins" {
        td.name()
    } else {
        format!("{module}.{}", td.name())
    }
}
