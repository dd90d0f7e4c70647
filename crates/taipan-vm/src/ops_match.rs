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

thread_local! {
    /// The interned name `__match_args__`.
    static MATCH_ARGS: std::cell::OnceCell<Value> = const { std::cell::OnceCell::new() };
}

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
    let seen = SeenKeys::for_keys(keys)?;
    let mut values = Vec::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        if seen.repeats(keys, i)? {
            let key = crate::ops::repr_string(key)?;
            return Err(exc::value_error(format!("mapping pattern checks duplicate key ({key})")));
        }
        match get.get(key)? {
            Some(v) => values.push(v),
            None => return Ok(rt().none.clone()),
        }
    }
    Ok(tuple::new(values))
}

/// How `match_keys` finds a key equal to an earlier one, with the results
/// of CPython's `seen` set (which hashes every key and may call `__eq__`):
/// when every key is an exact str, small int or float, comparing with the
/// earlier keys decides without Python code or allocation; otherwise a
/// real set.
enum SeenKeys {
    Pure,
    Set(Value),
}

impl SeenKeys {
    fn for_keys(keys: &[Value]) -> PyResult<SeenKeys> {
        let pure = |k: &Value| pystr::is_exact(k) || k.is_small_int() || k.is_float();
        if keys.iter().all(pure) {
            return Ok(SeenKeys::Pure);
        }
        Ok(SeenKeys::Set(set::new_set(Vec::new())?))
    }

    /// Whether `keys[i]` equals one of `keys[..i]` (`repeats` is called for
    /// every `i` in order).
    fn repeats(&self, keys: &[Value], i: usize) -> PyResult<bool> {
        let key = &keys[i];
        match self {
            SeenKeys::Pure => repeats_pure(&keys[..i], key),
            SeenKeys::Set(s) => {
                if set::contains(s, key)? {
                    return Ok(true);
                }
                set::add(s, key.clone())?;
                Ok(false)
            }
        }
    }
}

/// Whether `key` equals one of `earlier`, all of them values whose
/// comparison runs no Python code (exact strs, small ints, floats).
fn repeats_pure<'a>(earlier: impl IntoIterator<Item = &'a Value>, key: &Value) -> PyResult<bool> {
    for k in earlier {
        if crate::ops::eq(k, key)? {
            return Ok(true);
        }
    }
    Ok(false)
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
    let kwnames = tuple::items(kwnames).unwrap_or(&[]);
    let mut attrs = Vec::with_capacity(nargs + kwnames.len());
    let found = match positional(cls, td, nargs)? {
        Positional::Names(match_args) => {
            let names = &tuple::items(&match_args).unwrap_or(&[])[..nargs];
            collect_attrs(subject, cls, names, kwnames, &mut attrs)?
        }
        Positional::Subject => {
            attrs.push(subject.clone());
            collect_attrs(subject, cls, &[], kwnames, &mut attrs)?
        }
    };
    Ok(if found { tuple::new(attrs) } else { rt().none.clone() })
}

/// Where a class pattern's positional sub-patterns get their values.
enum Positional {
    /// The attributes named by the first `nargs` items of this
    /// `__match_args__` tuple (also when there are no positional ones).
    Names(Value),
    /// The subject itself (a self-matching class without `__match_args__`).
    Subject,
}

/// Checks `cls.__match_args__` against `nargs` positional sub-patterns.
fn positional(cls: &Value, td: &TypeData, nargs: usize) -> PyResult<Positional> {
    if nargs == 0 {
        return Ok(Positional::Names(rt().empty_tuple.clone()));
    }
    let match_args = MATCH_ARGS.with(|n| n.get_or_init(|| pystr::intern("__match_args__")).clone());
    let (found, allowed) = match crate::attr::getattr_opt(cls, &match_args)? {
        Some(m) => match tuple::exact_items(&m) {
            Some(items) => {
                let n = items.len();
                (Positional::Names(m), n)
            }
            None => {
                let (cls_name, got) = (tp_name(cls), crate::types::type_name(&m));
                return Err(exc::type_error(format!(
                    "{cls_name}.__match_args__ must be a tuple (got {got})"
                )));
            }
        },
        None if td.flags.get() & TF_MATCH_SELF != 0 => (Positional::Subject, 1),
        None => (Positional::Names(rt().empty_tuple.clone()), 0),
    };
    if allowed < nargs {
        let plural = if allowed == 1 { "" } else { "s" };
        return Err(exc::type_error(format!(
            "{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)",
            tp_name(cls)
        )));
    }
    Ok(found)
}

/// Appends `subject.<name>` for each name of `positional` then `keywords`
/// to `attrs`; false when one is missing (AttributeError). A name that is
/// not a str, or repeats an earlier one, is a TypeError (checked name by
/// name, after the earlier lookups, as CPython).
fn collect_attrs(
    subject: &Value,
    cls: &Value,
    positional: &[Value],
    keywords: &[Value],
    attrs: &mut Vec<Value>,
) -> PyResult<bool> {
    let names = || positional.iter().chain(keywords);
    for (i, name) in names().enumerate() {
        if !pystr::is_exact(name) {
            let got = crate::types::type_name(name);
            return Err(exc::type_error(format!("__match_args__ elements must be strings (got {got})")));
        }
        if repeats_pure(names().take(i), name)? {
            return Err(exc::type_error(format!(
                "{}() got multiple sub-patterns for attribute {}",
                tp_name(cls),
                crate::ops::repr_string(name)?
            )));
        }
        match crate::attr::getattr_opt(subject, name)? {
            Some(v) => attrs.push(v),
            None => return Ok(false),
        }
    }
    Ok(true)
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
