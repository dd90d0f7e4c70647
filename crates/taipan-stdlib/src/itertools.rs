//! `itertools` (CPython's `itertoolsmodule.c`): every iterator of the
//! module, with CPython's argument checks, messages and laziness.
//!
//! All the iterator types share one payload, `ItData` (a `RefCell<Kind>`,
//! one variant per type), and one `__next__` (`it_next`, dispatching on the
//! variant); each type has its own name and `__new__`. State is never
//! borrowed across a call into Python: values are cloned out, the call
//! made, the state re-borrowed. `tee` shares values through chunks of 57
//! (as CPython's `_tee_dataobject`), freed once every copy has passed them.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{
    check_args, int, m, module, new_method, split_kwargs, str as pystr, tuple, Method, NativeFn,
};
use taipan_vm::ops::{self, BinOp};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// The payload of every itertools iterator.
pub struct ItData {
    kind: RefCell<Kind>,
}

/// Values per `tee` chunk (CPython's LINKCELLS).
const LINKCELLS: usize = 57;

/// A chunk of values read from a `tee`'s source, linked to the next one.
struct TeeChunk {
    source: Value,
    values: RefCell<Vec<Value>>,
    next: RefCell<Option<Rc<TeeChunk>>>,
    /// Set while the source is being read: a second reader (another
    /// thread, or the source's own `__next__`) gets a RuntimeError.
    running: std::cell::Cell<bool>,
}

enum Kind {
    Count {
        cur: Value,
        step: Value,
    },
    Cycle {
        it: Value,
        saved: Vec<Value>,
        index: usize,
        replaying: bool,
    },
    Repeat {
        obj: Value,
        remaining: Option<i64>,
    },
    Accumulate {
        it: Value,
        func: Value,
        total: Value,
        initial: Value,
    },
    Chain {
        source: Value,
        active: Value,
    },
    Compress {
        data: Value,
        selectors: Value,
    },
    DropWhile {
        pred: Value,
        it: Value,
        dropping: bool,
    },
    TakeWhile {
        pred: Value,
        it: Value,
        stopped: bool,
    },
    FilterFalse {
        pred: Value,
        it: Value,
    },
    GroupBy {
        it: Value,
        key: Value,
        tgtkey: Value,
        currkey: Value,
        currvalue: Value,
        grouper: u64,
    },
    Grouper {
        parent: Value,
        tgtkey: Value,
    },
    ISlice {
        it: Value,
        next: usize,
        stop: Option<usize>,
        step: usize,
        count: usize,
    },
    Pairwise {
        it: Value,
        old: Value,
    },
    StarMap {
        func: Value,
        it: Value,
    },
    Tee {
        chunk: Rc<TeeChunk>,
        index: usize,
    },
    ZipLongest {
        its: Vec<Value>,
        active: usize,
        fill: Value,
    },
    Product {
        pools: Vec<Vec<Value>>,
        indices: Vec<usize>,
        result: Option<Vec<Value>>,
        stopped: bool,
    },
    Combinations {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        result: Option<Vec<Value>>,
        stopped: bool,
        with_replacement: bool,
    },
    Permutations {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        cycles: Vec<usize>,
        result: Option<Vec<Value>>,
        stopped: bool,
    },
}

/// (type name, `__new__`) of every iterator type, in one table.
const TYPES: &[(&str, NativeFn)] = &[
    ("count", count_new),
    ("cycle", cycle_new),
    ("repeat", repeat_new),
    ("accumulate", accumulate_new),
    ("chain", chain_new),
    ("compress", compress_new),
    ("dropwhile", dropwhile_new),
    ("takewhile", takewhile_new),
    ("filterfalse", filterfalse_new),
    ("groupby", groupby_new),
    ("_grouper", no_new),
    ("islice", islice_new),
    ("pairwise", pairwise_new),
    ("starmap", starmap_new),
    ("_tee", tee_type_new),
    ("zip_longest", zip_longest_new),
    ("product", product_new),
    ("combinations", combinations_new),
    ("combinations_with_replacement", cwr_new),
    ("permutations", permutations_new),
];

taipan_vm::interp_static! {
    static TYPE_OBJECTS: OnceCell<HashMap<&'static str, Value>> = const { OnceCell::new() };
}

fn type_objects() -> HashMap<&'static str, Value> {
    TYPE_OBJECTS.with(|c| c.get_or_init(make_types).clone())
}

fn make_types() -> HashMap<&'static str, Value> {
    let mut out = HashMap::new();
    for (name, new) in TYPES {
        let mut methods: Vec<Method> =
            vec![new_method(*new), m("__iter__", |a, _| Ok(a[0].clone())), m("__next__", it_next)];
        match *name {
            "count" | "repeat" => methods.push(m("__repr__", it_repr)),
            "_tee" => methods.push(m("__copy__", tee_copy)),
            "chain" => methods.push(taipan_vm::objects::cm("from_iterable", chain_from_iterable)),
            _ => {}
        }
        if *name == "repeat" {
            methods.push(m("__length_hint__", repeat_length_hint));
        }
        let flags = if name.starts_with('_') { 0 } else { taipan_vm::types::TF_BASETYPE };
        let ty = taipan_vm::objects::object::new_native_type::<ItData>(
            name,
            "itertools",
            &rt().types.object,
            flags,
            &methods,
            &[],
        );
        out.insert(*name, ty);
    }
    out
}

fn type_named(name: &str) -> Value {
    type_objects().get(name).cloned().unwrap_or_default()
}

/// Builds the `itertools` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_native_module("itertools", &[m("tee", tee)]);
    for (name, _) in TYPES {
        module::set_attr(&md, name, type_named(name));
    }
    Ok(md)
}

/// Allocates an iterator of type `cls` (checked against the type `name`).
fn alloc(cls: &Value, name: &str, kind: Kind) -> PyResult<Value> {
    taipan_vm::objects::object::alloc_maybe_subclass(
        cls,
        &type_named(name),
        ItData { kind: RefCell::new(kind) },
    )
}

fn no_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = taipan_vm::types::as_type(&args[0]).map(|t| t.name()).unwrap_or_default();
    Err(exc::type_error(format!("cannot create 'itertools.{name}' instances")))
}

fn no_kwargs(name: &str, kwnames: &[Value]) -> PyResult<()> {
    if kwnames.is_empty() {
        Ok(())
    } else {
        Err(exc::type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// Positional arguments only, between `min` and `max` of them (self excluded).
fn positional<'a>(
    name: &str,
    args: &'a [Value],
    kwnames: &[Value],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_kwargs(name, kwnames)?;
    let a = &args[1..];
    if a.len() < min {
        return Err(exc::type_error(format!(
            "{name} expected {} argument{}, got {}",
            if min == max { format!("{min}") } else { format!("at least {min}") },
            if min == 1 { "" } else { "s" },
            a.len()
        )));
    }
    if a.len() > max {
        return Err(exc::type_error(format!(
            "{name} expected at most {max} argument{}, got {}",
            if max == 1 { "" } else { "s" },
            a.len()
        )));
    }
    Ok(a)
}

fn none() -> Value {
    rt().none.clone()
}

fn is_none(v: &Value) -> bool {
    v.is(&rt().none)
}

fn stop() -> PyResult<Value> {
    Err(exc::stop_iteration(none()))
}

fn this(v: &Value) -> PyResult<&ItData> {
    v.downcast::<ItData>().ok_or_else(|| exc::type_error("expected an itertools iterator"))
}

// ---- constructors ----

fn count_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut start = pos.first().cloned();
    let mut step = pos.get(1).cloned();
    if pos.len() > 2 {
        return Err(exc::type_error(format!("count expected at most 2 arguments, got {}", pos.len())));
    }
    for (k, v) in kws {
        match k {
            "start" => start = Some(v.clone()),
            "step" => step = Some(v.clone()),
            _ => return Err(exc::type_error(format!("count() got an unexpected keyword argument '{k}'"))),
        }
    }
    let start = start.unwrap_or_else(|| int::from_i64(0));
    let step = step.unwrap_or_else(|| int::from_i64(1));
    for v in [&start, &step] {
        if !is_number(v) {
            return Err(exc::type_error("a number is required"));
        }
    }
    alloc(&args[0], "count", Kind::Count { cur: start, step })
}

fn is_number(v: &Value) -> bool {
    let t = taipan_vm::types::type_of(v);
    ["__add__", "__index__", "__float__", "__int__"]
        .iter()
        .any(|n| taipan_vm::types::lookup_str(&t, n).is_some())
}

fn cycle_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("cycle", args, kwnames, 1, 1)?;
    let it = ops::iter(&a[0])?;
    alloc(&args[0], "cycle", Kind::Cycle { it, saved: Vec::new(), index: 0, replaying: false })
}

fn repeat_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut obj = pos.first().cloned();
    let mut times = pos.get(1).cloned();
    if pos.len() > 2 {
        return Err(exc::type_error(format!("repeat expected at most 2 arguments, got {}", pos.len())));
    }
    for (k, v) in kws {
        match k {
            "object" => obj = Some(v.clone()),
            "times" => times = Some(v.clone()),
            _ => return Err(exc::type_error(format!("repeat() got an unexpected keyword argument '{k}'"))),
        }
    }
    let obj = obj.ok_or_else(|| exc::type_error("repeat() missing required argument 'object' (pos 1)"))?;
    let remaining = match times {
        Some(t) => Some(
            int::index_value(&t)?
                .ok_or_else(|| {
                    exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&t)))
                })?
                .max(0),
        ),
        None => None,
    };
    alloc(&args[0], "repeat", Kind::Repeat { obj, remaining })
}

fn accumulate_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut iterable = pos.first().cloned();
    let mut func = pos.get(1).cloned().unwrap_or_else(none);
    let mut initial = none();
    if pos.len() > 2 {
        return Err(exc::type_error(format!("accumulate() takes at most 2 arguments ({} given)", pos.len())));
    }
    for (k, v) in kws {
        match k {
            "iterable" => iterable = Some(v.clone()),
            "func" => func = v.clone(),
            "initial" => initial = v.clone(),
            _ => {
                return Err(exc::type_error(format!("accumulate() got an unexpected keyword argument '{k}'")))
            }
        }
    }
    let iterable = iterable
        .ok_or_else(|| exc::type_error("accumulate() missing required argument 'iterable' (pos 1)"))?;
    let it = ops::iter(&iterable)?;
    alloc(&args[0], "accumulate", Kind::Accumulate { it, func, total: Value::NULL, initial })
}

fn chain_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_kwargs("chain", kwnames)?;
    let source = ops::iter(&tuple::new(args[1..].to_vec()))?;
    alloc(&args[0], "chain", Kind::Chain { source, active: Value::NULL })
}

fn chain_from_iterable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("from_iterable", args, 2, 2)?;
    let source = ops::iter(&args[1])?;
    alloc(&args[0], "chain", Kind::Chain { source, active: Value::NULL })
}

fn compress_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut data = pos.first().cloned();
    let mut selectors = pos.get(1).cloned();
    for (k, v) in kws {
        match k {
            "data" => data = Some(v.clone()),
            "selectors" => selectors = Some(v.clone()),
            _ => return Err(exc::type_error(format!("compress() got an unexpected keyword argument '{k}'"))),
        }
    }
    let (Some(d), Some(s)) = (data, selectors) else {
        return Err(exc::type_error("compress() missing required argument"));
    };
    alloc(&args[0], "compress", Kind::Compress { data: ops::iter(&d)?, selectors: ops::iter(&s)? })
}

fn dropwhile_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("dropwhile", args, kwnames, 2, 2)?;
    alloc(
        &args[0],
        "dropwhile",
        Kind::DropWhile { pred: a[0].clone(), it: ops::iter(&a[1])?, dropping: true },
    )
}

fn takewhile_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("takewhile", args, kwnames, 2, 2)?;
    alloc(
        &args[0],
        "takewhile",
        Kind::TakeWhile { pred: a[0].clone(), it: ops::iter(&a[1])?, stopped: false },
    )
}

fn filterfalse_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("filterfalse", args, kwnames, 2, 2)?;
    alloc(&args[0], "filterfalse", Kind::FilterFalse { pred: a[0].clone(), it: ops::iter(&a[1])? })
}

fn groupby_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut iterable = pos.first().cloned();
    let mut key = pos.get(1).cloned().unwrap_or_else(none);
    for (k, v) in kws {
        match k {
            "iterable" => iterable = Some(v.clone()),
            "key" => key = v.clone(),
            _ => return Err(exc::type_error(format!("groupby() got an unexpected keyword argument '{k}'"))),
        }
    }
    let iterable =
        iterable.ok_or_else(|| exc::type_error("groupby() missing required argument 'iterable' (pos 1)"))?;
    let kind = Kind::GroupBy {
        it: ops::iter(&iterable)?,
        key,
        tgtkey: Value::NULL,
        currkey: Value::NULL,
        currvalue: Value::NULL,
        grouper: 0,
    };
    alloc(&args[0], "groupby", kind)
}

/// An islice bound: None or an int in `0..=sys.maxsize`.
fn islice_index(v: &Value, what: &str) -> PyResult<Option<usize>> {
    if is_none(v) {
        return Ok(None);
    }
    let bad = || {
        exc::value_error(format!("{what} for islice() must be None or an integer: 0 <= x <= sys.maxsize."))
    };
    let i = int::index_value(v).map_err(|_| bad())?.ok_or_else(bad)?;
    usize::try_from(i).map(Some).map_err(|_| bad())
}

fn islice_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("islice", args, kwnames, 2, 4)?;
    let (start, stop, step) = match a.len() {
        2 => (None, islice_index(&a[1], "Stop argument")?, None),
        _ => {
            let start = islice_index(&a[1], "Indices")?;
            let stop = islice_index(&a[2], "Indices")?;
            let step = match a.get(3) {
                Some(s) if !is_none(s) => {
                    let bad = || exc::value_error("Step for islice() must be a positive integer or None.");
                    let i = int::index_value(s).map_err(|_| bad())?.ok_or_else(bad)?;
                    if i < 1 {
                        return Err(bad());
                    }
                    Some(i as usize)
                }
                _ => None,
            };
            (start, stop, step)
        }
    };
    let it = ops::iter(&a[0])?;
    let kind = Kind::ISlice { it, next: start.unwrap_or(0), stop, step: step.unwrap_or(1), count: 0 };
    alloc(&args[0], "islice", kind)
}

fn pairwise_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("pairwise", args, kwnames, 1, 1)?;
    alloc(&args[0], "pairwise", Kind::Pairwise { it: ops::iter(&a[0])?, old: Value::NULL })
}

fn starmap_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("starmap", args, kwnames, 2, 2)?;
    alloc(&args[0], "starmap", Kind::StarMap { func: a[0].clone(), it: ops::iter(&a[1])? })
}

fn new_chunk(source: Value) -> Rc<TeeChunk> {
    Rc::new(TeeChunk {
        source,
        values: RefCell::new(Vec::new()),
        next: RefCell::new(None),
        running: std::cell::Cell::new(false),
    })
}

/// `_tee(iterable)`: a tee of a fresh iterator (or a copy of a tee).
fn tee_type_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("_tee", args, kwnames, 1, 1)?;
    tee_from_iterable(&a[0])
}

fn tee_from_iterable(iterable: &Value) -> PyResult<Value> {
    let it = ops::iter(iterable)?;
    if let Some(copy) = taipan_vm::attr::getattr_opt(&it, &pystr::intern("__copy__"))? {
        return taipan_vm::call::call(&copy, &[], &[]);
    }
    alloc(&type_named("_tee"), "_tee", Kind::Tee { chunk: new_chunk(it), index: 0 })
}

fn tee_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let kind = match &*this(&args[0])?.kind.borrow() {
        Kind::Tee { chunk, index } => Kind::Tee { chunk: chunk.clone(), index: *index },
        _ => return Err(exc::type_error("expected a _tee")),
    };
    alloc(&type_named("_tee"), "_tee", kind)
}

/// `tee(iterable, n=2)`.
fn tee(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("tee", args, kwnames, 1, 2)?;
    let n = match a.get(1) {
        Some(v) => int::index_value(v)?.ok_or_else(|| {
            exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
        })?,
        None => 2,
    };
    if n < 0 {
        return Err(exc::value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(tuple::new(Vec::new()));
    }
    let it = ops::iter(&a[0])?;
    let first = match taipan_vm::attr::getattr_opt(&it, &pystr::intern("__copy__"))? {
        Some(_) => it,
        None => tee_from_iterable(&it)?,
    };
    let mut out = vec![first.clone()];
    for _ in 1..n {
        out.push(taipan_vm::attr::call_method(&first, "__copy__", &[])?);
    }
    Ok(tuple::new(out))
}

fn zip_longest_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut fill = none();
    for (k, v) in kws {
        if k != "fillvalue" {
            return Err(exc::type_error("zip_longest() got an unexpected keyword argument"));
        }
        fill = v.clone();
    }
    let its = pos.iter().map(ops::iter).collect::<PyResult<Vec<Value>>>()?;
    let active = its.len();
    alloc(&args[0], "zip_longest", Kind::ZipLongest { its, active, fill })
}

fn product_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut repeat = 1i64;
    for (k, v) in kws {
        if k != "repeat" {
            return Err(exc::type_error(format!("product() got an unexpected keyword argument '{k}'")));
        }
        repeat = int::index_value(v)?.ok_or_else(|| {
            exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
        })?;
    }
    if repeat < 0 {
        return Err(exc::value_error("repeat argument cannot be negative"));
    }
    let base = pos.iter().map(ops::collect).collect::<PyResult<Vec<Vec<Value>>>>()?;
    let mut pools = Vec::new();
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let n = pools.len();
    let stopped = pools.iter().any(Vec::is_empty);
    alloc(&args[0], "product", Kind::Product { pools, indices: vec![0; n], result: None, stopped })
}

fn r_arg(name: &str, v: &Value) -> PyResult<i64> {
    let r = int::index_value(v)?.ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
    })?;
    if r < 0 {
        return Err(exc::value_error("r must be non-negative"));
    }
    let _ = name;
    Ok(r)
}

fn pool_and_r(
    name: &str,
    args: &[Value],
    kwnames: &[Value],
    r_required: bool,
) -> PyResult<(Vec<Value>, Option<usize>)> {
    let (pos, kws) = split_kwargs(&args[1..], kwnames);
    let mut iterable = pos.first().cloned();
    let mut r = pos.get(1).cloned();
    if pos.len() > 2 {
        return Err(exc::type_error(format!("{name}() takes at most 2 arguments ({} given)", pos.len())));
    }
    for (k, v) in kws {
        match k {
            "iterable" => iterable = Some(v.clone()),
            "r" => r = Some(v.clone()),
            _ => return Err(exc::type_error(format!("{name}() got an unexpected keyword argument '{k}'"))),
        }
    }
    let iterable = iterable
        .ok_or_else(|| exc::type_error(format!("{name}() missing required argument 'iterable' (pos 1)")))?;
    if r_required && r.is_none() {
        return Err(exc::type_error(format!("{name}() missing required argument 'r' (pos 2)")));
    }
    let pool = ops::collect(&iterable)?;
    let r = match r {
        Some(v) if !is_none(&v) => Some(r_arg(name, &v)? as usize),
        _ => None,
    };
    Ok((pool, r))
}

fn combinations_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pool, r) = pool_and_r("combinations", args, kwnames, true)?;
    let r = r.unwrap_or(0);
    let stopped = r > pool.len();
    let kind = Kind::Combinations {
        pool,
        r,
        indices: (0..r).collect(),
        result: None,
        stopped,
        with_replacement: false,
    };
    alloc(&args[0], "combinations", kind)
}

fn cwr_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pool, r) = pool_and_r("combinations_with_replacement", args, kwnames, true)?;
    let r = r.unwrap_or(0);
    let stopped = pool.is_empty() && r > 0;
    let kind =
        Kind::Combinations { pool, r, indices: vec![0; r], result: None, stopped, with_replacement: true };
    alloc(&args[0], "combinations_with_replacement", kind)
}

fn permutations_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pool, r) = pool_and_r("permutations", args, kwnames, false)?;
    let n = pool.len();
    let r = r.unwrap_or(n);
    let stopped = r > n;
    let cycles = if stopped { Vec::new() } else { (0..r).map(|i| n - i).collect() };
    let kind = Kind::Permutations { pool, r, indices: (0..n).collect(), cycles, result: None, stopped };
    alloc(&args[0], "permutations", kind)
}

// ---- reprs and hints ----

fn it_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let name = taipan_vm::types::short_type_name(&args[0]);
    let s = match &*this(&args[0])?.kind.borrow() {
        Kind::Count { cur, step } => {
            let unit_step =
                step.as_small_int() == Some(1) && taipan_vm::types::type_of(step).is(&rt().types.int);
            if unit_step {
                format!("{name}({})", ops::repr_string(cur)?)
            } else {
                format!("{name}({}, {})", ops::repr_string(cur)?, ops::repr_string(step)?)
            }
        }
        Kind::Repeat { obj, remaining } => match remaining {
            Some(n) => format!("{name}({}, {n})", ops::repr_string(obj)?),
            None => format!("{name}({})", ops::repr_string(obj)?),
        },
        _ => format!("<{name} object>"),
    };
    Ok(pystr::from_string(s))
}

fn repeat_length_hint(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match &*this(&args[0])?.kind.borrow() {
        Kind::Repeat { remaining: Some(n), .. } => Ok(int::from_i64(*n)),
        _ => Err(exc::type_error("len() of unsized object")),
    }
}

// ---- __next__ ----

fn it_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let data = this(me)?;
    let tag = kind_tag(&data.kind.borrow());
    match tag {
        Tag::Count => next_count(data),
        Tag::Cycle => next_cycle(data),
        Tag::Repeat => next_repeat(data),
        Tag::Accumulate => next_accumulate(data),
        Tag::Chain => next_chain(data),
        Tag::Compress => next_compress(data),
        Tag::DropWhile => next_dropwhile(data),
        Tag::TakeWhile => next_takewhile(data),
        Tag::FilterFalse => next_filterfalse(data),
        Tag::GroupBy => next_groupby(me, data),
        Tag::Grouper => next_grouper(me, data),
        Tag::ISlice => next_islice(data),
        Tag::Pairwise => next_pairwise(data),
        Tag::StarMap => next_starmap(data),
        Tag::Tee => next_tee(data),
        Tag::ZipLongest => next_zip_longest(data),
        Tag::Product => next_product(data),
        Tag::Combinations => next_combinations(data),
        Tag::Permutations => next_permutations(data),
    }
}

#[derive(Clone, Copy)]
enum Tag {
    Count,
    Cycle,
    Repeat,
    Accumulate,
    Chain,
    Compress,
    DropWhile,
    TakeWhile,
    FilterFalse,
    GroupBy,
    Grouper,
    ISlice,
    Pairwise,
    StarMap,
    Tee,
    ZipLongest,
    Product,
    Combinations,
    Permutations,
}

fn kind_tag(k: &Kind) -> Tag {
    match k {
        Kind::Count { .. } => Tag::Count,
        Kind::Cycle { .. } => Tag::Cycle,
        Kind::Repeat { .. } => Tag::Repeat,
        Kind::Accumulate { .. } => Tag::Accumulate,
        Kind::Chain { .. } => Tag::Chain,
        Kind::Compress { .. } => Tag::Compress,
        Kind::DropWhile { .. } => Tag::DropWhile,
        Kind::TakeWhile { .. } => Tag::TakeWhile,
        Kind::FilterFalse { .. } => Tag::FilterFalse,
        Kind::GroupBy { .. } => Tag::GroupBy,
        Kind::Grouper { .. } => Tag::Grouper,
        Kind::ISlice { .. } => Tag::ISlice,
        Kind::Pairwise { .. } => Tag::Pairwise,
        Kind::StarMap { .. } => Tag::StarMap,
        Kind::Tee { .. } => Tag::Tee,
        Kind::ZipLongest { .. } => Tag::ZipLongest,
        Kind::Product { .. } => Tag::Product,
        Kind::Combinations { .. } => Tag::Combinations,
        Kind::Permutations { .. } => Tag::Permutations,
    }
}

/// Runs `f` on the state (no Python code may run inside `f`).
fn with<R>(data: &ItData, f: impl FnOnce(&mut Kind) -> R) -> R {
    f(&mut data.kind.borrow_mut())
}

fn next_count(data: &ItData) -> PyResult<Value> {
    let (cur, step) = with(data, |k| match k {
        Kind::Count { cur, step } => (cur.clone(), step.clone()),
        _ => unreachable_state(),
    });
    let new = ops::binary(&cur, &step, BinOp::Add)?;
    with(data, |k| {
        if let Kind::Count { cur: c, .. } = k {
            *c = new;
        }
    });
    Ok(cur)
}

/// The state always matches the tag read just before (nothing else changes a variant).
fn unreachable_state<T: Default>() -> T {
    T::default()
}

fn next_cycle(data: &ItData) -> PyResult<Value> {
    let (it, replaying) = with(data, |k| match k {
        Kind::Cycle { it, replaying, .. } => (it.clone(), *replaying),
        _ => unreachable_state(),
    });
    if !replaying {
        if let Some(v) = ops::next(&it)? {
            with(data, |k| {
                if let Kind::Cycle { saved, .. } = k {
                    saved.push(v.clone());
                }
            });
            return Ok(v);
        }
    }
    with(data, |k| match k {
        Kind::Cycle { saved, index, replaying, it } => {
            if saved.is_empty() {
                return stop();
            }
            if !*replaying {
                *replaying = true;
                *it = Value::NULL;
            }
            let v = saved[*index].clone();
            *index = (*index + 1) % saved.len();
            Ok(v)
        }
        _ => stop(),
    })
}

fn next_repeat(data: &ItData) -> PyResult<Value> {
    with(data, |k| match k {
        Kind::Repeat { obj, remaining } => match remaining {
            Some(0) => stop(),
            Some(n) => {
                *n -= 1;
                Ok(obj.clone())
            }
            None => Ok(obj.clone()),
        },
        _ => stop(),
    })
}

fn next_accumulate(data: &ItData) -> PyResult<Value> {
    let (it, func, total, initial) = with(data, |k| match k {
        Kind::Accumulate { it, func, total, initial } => {
            let init = std::mem::replace(initial, rt().none.clone());
            (it.clone(), func.clone(), total.clone(), init)
        }
        _ => unreachable_state(),
    });
    let set_total = |v: &Value| {
        with(data, |k| {
            if let Kind::Accumulate { total, .. } = k {
                *total = v.clone();
            }
        })
    };
    if !is_none(&initial) {
        set_total(&initial);
        return Ok(initial);
    }
    let Some(v) = ops::next(&it)? else {
        return stop();
    };
    let new = if total.is_null() {
        v
    } else if is_none(&func) {
        ops::binary(&total, &v, BinOp::Add)?
    } else {
        taipan_vm::call::call(&func, &[total, v], &[])?
    };
    set_total(&new);
    Ok(new)
}

fn next_chain(data: &ItData) -> PyResult<Value> {
    loop {
        let (source, active) = with(data, |k| match k {
            Kind::Chain { source, active } => (source.clone(), active.clone()),
            _ => unreachable_state(),
        });
        if !active.is_null() {
            if let Some(v) = ops::next(&active)? {
                return Ok(v);
            }
            with(data, |k| {
                if let Kind::Chain { active, .. } = k {
                    *active = Value::NULL;
                }
            });
        }
        if source.is_null() {
            return stop();
        }
        let Some(iterable) = ops::next(&source)? else {
            with(data, |k| {
                if let Kind::Chain { source, .. } = k {
                    *source = Value::NULL;
                }
            });
            return stop();
        };
        let it = ops::iter(&iterable)?;
        with(data, |k| {
            if let Kind::Chain { active, .. } = k {
                *active = it;
            }
        });
    }
}

fn next_compress(data: &ItData) -> PyResult<Value> {
    let (d, s) = with(data, |k| match k {
        Kind::Compress { data, selectors } => (data.clone(), selectors.clone()),
        _ => unreachable_state(),
    });
    loop {
        let Some(v) = ops::next(&d)? else { return stop() };
        let Some(sel) = ops::next(&s)? else { return stop() };
        if ops::truthy(&sel)? {
            return Ok(v);
        }
    }
}

fn call_pred(pred: &Value, v: &Value) -> PyResult<bool> {
    if is_none(pred) {
        return ops::truthy(v);
    }
    ops::truthy(&taipan_vm::call::call(pred, std::slice::from_ref(v), &[])?)
}

fn next_dropwhile(data: &ItData) -> PyResult<Value> {
    let (pred, it, dropping) = with(data, |k| match k {
        Kind::DropWhile { pred, it, dropping } => (pred.clone(), it.clone(), *dropping),
        _ => unreachable_state(),
    });
    loop {
        let Some(v) = ops::next(&it)? else { return stop() };
        if !dropping {
            return Ok(v);
        }
        if !ops::truthy(&taipan_vm::call::call(&pred, std::slice::from_ref(&v), &[])?)? {
            with(data, |k| {
                if let Kind::DropWhile { dropping, .. } = k {
                    *dropping = false;
                }
            });
            return Ok(v);
        }
    }
}

fn next_takewhile(data: &ItData) -> PyResult<Value> {
    let (pred, it, stopped) = with(data, |k| match k {
        Kind::TakeWhile { pred, it, stopped } => (pred.clone(), it.clone(), *stopped),
        _ => unreachable_state(),
    });
    if stopped {
        return stop();
    }
    let Some(v) = ops::next(&it)? else { return stop() };
    if ops::truthy(&taipan_vm::call::call(&pred, std::slice::from_ref(&v), &[])?)? {
        return Ok(v);
    }
    with(data, |k| {
        if let Kind::TakeWhile { stopped, .. } = k {
            *stopped = true;
        }
    });
    stop()
}

fn next_filterfalse(data: &ItData) -> PyResult<Value> {
    let (pred, it) = with(data, |k| match k {
        Kind::FilterFalse { pred, it } => (pred.clone(), it.clone()),
        _ => unreachable_state(),
    });
    loop {
        let Some(v) = ops::next(&it)? else { return stop() };
        if !call_pred(&pred, &v)? {
            return Ok(v);
        }
    }
}

/// groupby's `step`: reads the next value and its key into the state.
fn groupby_step(data: &ItData) -> PyResult<bool> {
    let (it, key) = with(data, |k| match k {
        Kind::GroupBy { it, key, .. } => (it.clone(), key.clone()),
        _ => unreachable_state(),
    });
    let Some(v) = ops::next(&it)? else { return Ok(false) };
    let newkey =
        if is_none(&key) { v.clone() } else { taipan_vm::call::call(&key, std::slice::from_ref(&v), &[])? };
    with(data, |k| {
        if let Kind::GroupBy { currkey, currvalue, .. } = k {
            *currkey = newkey;
            *currvalue = v;
        }
    });
    Ok(true)
}

fn groupby_keys(data: &ItData) -> (Value, Value) {
    with(data, |k| match k {
        Kind::GroupBy { tgtkey, currkey, .. } => (tgtkey.clone(), currkey.clone()),
        _ => unreachable_state(),
    })
}

fn next_groupby(me: &Value, data: &ItData) -> PyResult<Value> {
    with(data, |k| {
        if let Kind::GroupBy { grouper, .. } = k {
            *grouper = 0;
        }
    });
    loop {
        let (tgt, cur) = groupby_keys(data);
        if cur.is_null() {
            if !groupby_step(data)? {
                return stop();
            }
        } else if tgt.is_null() || !ops::eq(&tgt, &cur)? {
            break;
        } else if !groupby_step(data)? {
            return stop();
        }
    }
    let (_, cur) = groupby_keys(data);
    let grouper = alloc(
        &type_named("_grouper"),
        "_grouper",
        Kind::Grouper { parent: me.clone(), tgtkey: cur.clone() },
    )?;
    with(data, |k| {
        if let Kind::GroupBy { tgtkey, grouper: g, .. } = k {
            *tgtkey = cur.clone();
            *g = grouper.bits();
        }
    });
    Ok(tuple::new(vec![cur, grouper]))
}

fn next_grouper(me: &Value, data: &ItData) -> PyResult<Value> {
    let (parent, tgt) = with(data, |k| match k {
        Kind::Grouper { parent, tgtkey } => (parent.clone(), tgtkey.clone()),
        _ => unreachable_state(),
    });
    let pd = this(&parent)?;
    let current = with(pd, |k| match k {
        Kind::GroupBy { grouper, .. } => *grouper,
        _ => 0,
    });
    if current != me.bits() {
        return stop();
    }
    let has_value = with(pd, |k| matches!(k, Kind::GroupBy { currvalue, .. } if !currvalue.is_null()));
    if !has_value && !groupby_step(pd)? {
        return stop();
    }
    let (_, cur) = groupby_keys(pd);
    if !ops::eq(&tgt, &cur)? {
        return stop();
    }
    Ok(with(pd, |k| match k {
        Kind::GroupBy { currvalue, .. } => std::mem::replace(currvalue, Value::NULL),
        _ => Value::NULL,
    }))
}

fn next_islice(data: &ItData) -> PyResult<Value> {
    let (it, next, stop_at) = with(data, |k| match k {
        Kind::ISlice { it, next, stop, .. } => (it.clone(), *next, *stop),
        _ => unreachable_state(),
    });
    if it.is_null() {
        return stop();
    }
    let exhaust = || {
        with(data, |k| {
            if let Kind::ISlice { it, .. } = k {
                *it = Value::NULL;
            }
        })
    };
    loop {
        let count = with(data, |k| match k {
            Kind::ISlice { count, .. } => *count,
            _ => 0,
        });
        if count >= next {
            break;
        }
        if ops::next(&it)?.is_none() {
            exhaust();
            return stop();
        }
        bump_count(data);
    }
    let count = with(data, |k| match k {
        Kind::ISlice { count, .. } => *count,
        _ => 0,
    });
    if stop_at.is_some_and(|s| count >= s) {
        exhaust();
        return stop();
    }
    let Some(v) = ops::next(&it)? else {
        exhaust();
        return stop();
    };
    with(data, |k| {
        if let Kind::ISlice { next, stop, step, count, .. } = k {
            *count += 1;
            let n = next.saturating_add(*step);
            *next = match stop {
                Some(s) if n > *s => *s,
                _ => n,
            };
        }
    });
    Ok(v)
}

fn bump_count(data: &ItData) {
    with(data, |k| {
        if let Kind::ISlice { count, .. } = k {
            *count += 1;
        }
    })
}

fn next_pairwise(data: &ItData) -> PyResult<Value> {
    let (it, old) = with(data, |k| match k {
        Kind::Pairwise { it, old } => (it.clone(), old.clone()),
        _ => unreachable_state(),
    });
    if it.is_null() {
        return stop();
    }
    let old = if old.is_null() {
        match ops::next(&it)? {
            Some(v) => v,
            None => return finish_pairwise(data),
        }
    } else {
        old
    };
    let Some(new) = ops::next(&it)? else {
        return finish_pairwise(data);
    };
    with(data, |k| {
        if let Kind::Pairwise { old: o, .. } = k {
            *o = new.clone();
        }
    });
    Ok(tuple::new(vec![old, new]))
}

fn finish_pairwise(data: &ItData) -> PyResult<Value> {
    with(data, |k| {
        if let Kind::Pairwise { it, old } = k {
            *it = Value::NULL;
            *old = Value::NULL;
        }
    });
    stop()
}

fn next_starmap(data: &ItData) -> PyResult<Value> {
    let (func, it) = with(data, |k| match k {
        Kind::StarMap { func, it } => (func.clone(), it.clone()),
        _ => unreachable_state(),
    });
    let Some(args) = ops::next(&it)? else { return stop() };
    let args = match tuple::items(&args) {
        Some(t) => t.to_vec(),
        None => ops::collect(&args)?,
    };
    taipan_vm::call::call(&func, &args, &[])
}

fn next_tee(data: &ItData) -> PyResult<Value> {
    let (chunk, index) = with(data, |k| match k {
        Kind::Tee { chunk, index } => (chunk.clone(), *index),
        _ => (new_chunk(Value::NULL), 0),
    });
    let (chunk, index) = if index >= LINKCELLS {
        let next = chunk.next.borrow_mut().get_or_insert_with(|| new_chunk(chunk.source.clone())).clone();
        (next, 0)
    } else {
        (chunk, index)
    };
    let known = chunk.values.borrow().get(index).cloned();
    let v = match known {
        Some(v) => v,
        None => {
            if chunk.source.is_null() {
                return stop();
            }
            if chunk.running.replace(true) {
                return Err(exc::runtime_error("cannot re-enter the tee iterator"));
            }
            let next = ops::next(&chunk.source);
            chunk.running.set(false);
            let Some(v) = next? else { return stop() };
            chunk.values.borrow_mut().push(v.clone());
            v
        }
    };
    with(data, |k| {
        if let Kind::Tee { chunk: c, index: i } = k {
            *c = chunk;
            *i = index + 1;
        }
    });
    Ok(v)
}

fn next_zip_longest(data: &ItData) -> PyResult<Value> {
    let (its, active, fill) = with(data, |k| match k {
        Kind::ZipLongest { its, active, fill } => (its.clone(), *active, fill.clone()),
        _ => unreachable_state(),
    });
    if its.is_empty() || active == 0 {
        return stop();
    }
    let mut out = Vec::with_capacity(its.len());
    let mut active = active;
    for (i, it) in its.iter().enumerate() {
        if it.is_null() {
            out.push(fill.clone());
            continue;
        }
        match ops::next(it)? {
            Some(v) => out.push(v),
            None => {
                active -= 1;
                with(data, |k| {
                    if let Kind::ZipLongest { its, active: a, .. } = k {
                        its[i] = Value::NULL;
                        *a = active;
                    }
                });
                if active == 0 {
                    return stop();
                }
                out.push(fill.clone());
            }
        }
    }
    Ok(tuple::new(out))
}

fn next_product(data: &ItData) -> PyResult<Value> {
    with(data, |k| {
        let Kind::Product { pools, indices, result, stopped } = k else {
            return stop();
        };
        if *stopped {
            return stop();
        }
        match result {
            None => {
                let r: Vec<Value> = pools.iter().map(|p| p[0].clone()).collect();
                *result = Some(r.clone());
                Ok(tuple::new(r))
            }
            Some(res) => {
                let mut i = pools.len();
                loop {
                    if i == 0 {
                        *stopped = true;
                        return stop();
                    }
                    i -= 1;
                    indices[i] += 1;
                    if indices[i] < pools[i].len() {
                        res[i] = pools[i][indices[i]].clone();
                        break;
                    }
                    indices[i] = 0;
                    res[i] = pools[i][0].clone();
                }
                Ok(tuple::new(res.clone()))
            }
        }
    })
}

fn next_combinations(data: &ItData) -> PyResult<Value> {
    with(data, |k| {
        let Kind::Combinations { pool, r, indices, result, stopped, with_replacement } = k else {
            return stop();
        };
        if *stopped {
            return stop();
        }
        let (n, r) = (pool.len(), *r);
        let Some(res) = result else {
            let first: Vec<Value> = indices.iter().map(|&i| pool[i].clone()).collect();
            *result = Some(first.clone());
            return Ok(tuple::new(first));
        };
        // The rightmost index that can still advance.
        let limit = |i: usize| if *with_replacement { n - 1 } else { i + n - r };
        let Some(i) = (0..r).rev().find(|&i| indices[i] != limit(i)) else {
            *stopped = true;
            return stop();
        };
        indices[i] += 1;
        for j in i + 1..r {
            indices[j] = if *with_replacement { indices[i] } else { indices[j - 1] + 1 };
        }
        for j in i..r {
            res[j] = pool[indices[j]].clone();
        }
        Ok(tuple::new(res.clone()))
    })
}

fn next_permutations(data: &ItData) -> PyResult<Value> {
    with(data, |k| {
        let Kind::Permutations { pool, r, indices, cycles, result, stopped } = k else {
            return stop();
        };
        if *stopped {
            return stop();
        }
        let (n, r) = (pool.len(), *r);
        let Some(res) = result else {
            let first: Vec<Value> = indices[..r].iter().map(|&i| pool[i].clone()).collect();
            *result = Some(first.clone());
            return Ok(tuple::new(first));
        };
        if n == 0 {
            *stopped = true;
            return stop();
        }
        let mut i = r;
        while i > 0 {
            i -= 1;
            cycles[i] -= 1;
            if cycles[i] == 0 {
                let idx = indices.remove(i);
                indices.push(idx);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                indices.swap(i, n - j);
                for (slot, &ix) in res.iter_mut().zip(indices.iter()).skip(i) {
                    *slot = pool[ix].clone();
                }
                return Ok(tuple::new(res.clone()));
            }
        }
        *stopped = true;
        stop()
    })
}
