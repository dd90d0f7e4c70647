//! The `gc` module: the Python interface to the cycle collector in
//! `crate::gc` (collect, enable/disable, counts and thresholds, the object
//! lists, referrers/referents, freeze, statistics, `garbage`, `callbacks`
//! and the `DEBUG_*` flags).

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{check_args, dict, int, list, mk, split_kwargs, str as pystr, tuple, Method};
use crate::runtime::rt;
use crate::value::Value;
use std::cell::OnceCell;

pub const DEBUG_STATS: u32 = 1;
pub const DEBUG_COLLECTABLE: u32 = 2;
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
pub const DEBUG_SAVEALL: u32 = 32;
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

crate::interp_static! {
    /// `gc.garbage` and `gc.callbacks` (the module's own lists).
    static LISTS: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

fn lists() -> (Value, Value) {
    LISTS.with(|l| l.get_or_init(|| (list::new(Vec::new()), list::new(Vec::new()))).clone())
}

/// Appends a garbage object to `gc.garbage` (`DEBUG_SAVEALL`).
pub fn save_garbage(v: Value) {
    let (garbage, _) = lists();
    if let Some(l) = list::data(&garbage) {
        if let Ok(mut items) = l.items.try_borrow_mut() {
            items.push(v);
        }
    }
}

/// Calls each of `gc.callbacks` with `(phase, info)`.
pub fn invoke_callbacks(phase: &str, generation: usize, collected: usize) {
    let (_, callbacks) = lists();
    let cbs: Vec<Value> = list::data(&callbacks).map(|l| l.items.borrow().clone()).unwrap_or_default();
    if cbs.is_empty() {
        return;
    }
    let info = dict::new_dict();
    dict::set_str(&info, "generation", int::from_usize(generation));
    dict::set_str(&info, "collected", int::from_usize(collected));
    dict::set_str(&info, "uncollectable", int::from_usize(0));
    let phase = pystr::new(phase);
    for cb in cbs {
        if let Err(e) = crate::call::call(&cb, &[phase.clone(), info.clone()], &[]) {
            crate::modules::sys::report_unraisable(Some("in garbage collection callback"), &cb, &e);
        }
    }
}

/// Builds the `gc` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = super::native::new_module("gc", FUNCTIONS);
    let (garbage, callbacks) = lists();
    dict::set_str(&d, "garbage", garbage);
    dict::set_str(&d, "callbacks", callbacks);
    for (name, v) in [
        ("DEBUG_STATS", DEBUG_STATS),
        ("DEBUG_COLLECTABLE", DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", DEBUG_SAVEALL),
        ("DEBUG_LEAK", DEBUG_LEAK),
    ] {
        dict::set_str(&d, name, int::from_i64(v as i64));
    }
    Ok(md)
}

const FUNCTIONS: &[Method] = &[
    mk("collect", gc_collect),
    mk("enable", |a, _| none_after(no_args("enable", a).map(|_| crate::gc::set_enabled(true)))),
    mk("disable", |a, _| none_after(no_args("disable", a).map(|_| crate::gc::set_enabled(false)))),
    mk("isenabled", |a, _| Ok(rt().bool_value(no_args("isenabled", a).map(|_| crate::gc::is_enabled())?))),
    mk("get_count", |a, _| {
        no_args("get_count", a)?;
        Ok(usize_tuple(&crate::gc::counts()))
    }),
    mk("get_threshold", |a, _| {
        no_args("get_threshold", a)?;
        Ok(usize_tuple(&crate::gc::thresholds()))
    }),
    mk("set_threshold", gc_set_threshold),
    mk("get_debug", |a, _| {
        no_args("get_debug", a)?;
        Ok(int::from_i64(crate::gc::debug_flags() as i64))
    }),
    mk("set_debug", |a, _| {
        check_args("set_debug", a, 2, 2)?;
        crate::gc::set_debug_flags(int_arg(&a[1])? as u32);
        Ok(rt().none.clone())
    }),
    mk("get_objects", gc_get_objects),
    mk("get_referrers", |a, _| Ok(list::new(crate::gc::get_referrers(&a[1..])))),
    mk("get_referents", |a, _| Ok(list::new(crate::gc::get_referents(&a[1..])))),
    mk("is_tracked", |a, _| {
        check_args("is_tracked", a, 2, 2)?;
        Ok(rt().bool_value(a[1].header().is_some_and(crate::gc::is_tracked)))
    }),
    mk("is_finalized", |a, _| {
        check_args("is_finalized", a, 2, 2)?;
        let done = a[1].header().is_some_and(|h| h.gc_flags.get() & crate::heap::GC_FINALIZED != 0);
        Ok(rt().bool_value(done))
    }),
    mk("freeze", |a, _| none_after(no_args("freeze", a).map(|_| crate::gc::freeze()))),
    mk("unfreeze", |a, _| none_after(no_args("unfreeze", a).map(|_| crate::gc::unfreeze()))),
    mk("get_freeze_count", |a, _| {
        no_args("get_freeze_count", a)?;
        Ok(int::from_usize(crate::gc::freeze_count()))
    }),
    mk("get_stats", gc_get_stats),
];

/// Module functions receive the module as `args[0]`.
fn no_args(name: &str, args: &[Value]) -> PyResult<()> {
    check_args(name, args, 1, 1)
}

fn none_after(r: PyResult<()>) -> PyResult<Value> {
    r.map(|_| rt().none.clone())
}

fn usize_tuple(v: &[usize]) -> Value {
    tuple::new(v.iter().map(|&x| int::from_usize(x)).collect())
}

fn int_arg(v: &Value) -> PyResult<i64> {
    int::to_i64(v).ok_or_else(|| {
        exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::types::type_name(v)
        ))
    })
}

/// `gc.collect(generation=2)`.
fn gc_collect(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.len() > 2 {
        return Err(exc::type_error(format!("collect() takes at most 1 argument ({} given)", pos.len() - 1)));
    }
    let mut gen = pos.get(1).cloned();
    for (k, v) in kws {
        if k != "generation" || gen.is_some() {
            return Err(exc::type_error(format!("collect() got an unexpected keyword argument '{k}'")));
        }
        gen = Some(v.clone());
    }
    let gen = match gen {
        Some(g) => int_arg(&g)?,
        None => 2,
    };
    if !(0..=2).contains(&gen) {
        return Err(exc::value_error("invalid generation"));
    }
    Ok(int::from_usize(crate::gc::collect(gen as usize)))
}

fn gc_set_threshold(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("set_threshold", args, 2, 4)?;
    let values =
        args[1..].iter().map(|v| int_arg(v).map(|i| i.max(0) as usize)).collect::<PyResult<Vec<_>>>()?;
    crate::gc::set_thresholds(&values);
    Ok(rt().none.clone())
}

/// `gc.get_objects(generation=None)`.
fn gc_get_objects(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let gen = pos
        .get(1)
        .cloned()
        .or_else(|| kws.iter().find(|(k, _)| *k == "generation").map(|(_, v)| (*v).clone()));
    let gens: Vec<usize> = match gen {
        Some(g) if !g.is(&rt().none) => {
            let g = int_arg(&g)?;
            if g < 0 {
                return Err(exc::value_error("generation parameter must be positive"));
            }
            if g >= 3 {
                return Err(exc::value_error("generation parameter cannot be greater than 2"));
            }
            vec![g as usize]
        }
        _ => vec![0, 1, 2],
    };
    Ok(list::new(crate::gc::objects_in(&gens)))
}

fn gc_get_stats(args: &[Value], _: &[Value]) -> PyResult<Value> {
    no_args("get_stats", args)?;
    let rows = crate::gc::stats()
        .iter()
        .map(|s| {
            let d = dict::new_dict();
            dict::set_str(&d, "collections", int::from_usize(s.collections));
            dict::set_str(&d, "collected", int::from_usize(s.collected));
            dict::set_str(&d, "uncollectable", int::from_usize(s.uncollectable));
            d
        })
        .collect();
    Ok(list::new(rows))
}
