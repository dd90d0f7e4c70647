//! `re.Match` (the spans of one successful match and the object it was
//! found in) and `_sre.SRE_Scanner` (a state that walks a subject match
//! by match: `finditer` iterates its `search` until it returns None).

use super::engine::State;
use super::pattern::{self, exec, Mode, PatternData};
use super::subject::{slice_of, Subject};
use std::cell::{Cell, RefCell};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{cm, dict, int, m, mk, new_method, str as pystr, tuple, Getter, Method, Setter};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::{ops, Value};

/// The payload of a match object.
pub struct MatchData {
    string: Value,
    pattern: Value,
    is_bytes: bool,
    /// `(start, end)` of group 0 and of each group; -1 for a group that
    /// did not take part.
    regs: Vec<(i64, i64)>,
    pos: usize,
    endpos: usize,
    lastindex: isize,
}

/// `pattern_new_match`: the match object for a successful `st`.
pub fn new_match(pattern: &Value, pd: &PatternData, subject: &Subject, st: &State) -> Value {
    let mut regs = Vec::with_capacity(pd.groups + 1);
    regs.push((st.start as i64, st.ptr as i64));
    for g in 1..=pd.groups {
        regs.push(st.group_span(g).map_or((-1, -1), |(a, b)| (a as i64, b as i64)));
    }
    let data = MatchData {
        string: subject.obj.clone(),
        pattern: pattern.clone(),
        is_bytes: subject.is_bytes,
        regs,
        pos: st.pos,
        endpos: st.end,
        lastindex: st.lastindex,
    };
    taipan_vm::heap::alloc(&super::types()[1], data)
}

fn this(v: &Value) -> PyResult<&MatchData> {
    v.downcast::<MatchData>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 're.Match' object but received '{}'", type_name(v)))
    })
}

fn none() -> Value {
    rt().none.clone()
}

pub const METHODS: &[Method] = &[
    new_method(|_, _| Err(exc::type_error("cannot create 're.Match' instances"))),
    m("group", match_group),
    m("__getitem__", |a, _| {
        let md = this(&a[0])?;
        let g = group_index(md, a.get(1))?;
        Ok(group_value(md, g, &none()))
    }),
    mk("groups", |a, k| all_groups(a, k, "groups")),
    mk("groupdict", |a, k| all_groups(a, k, "groupdict")),
    m("start", |a, _| span_part(a, "start", |(s, _)| int::from_i64(s))),
    m("end", |a, _| span_part(a, "end", |(_, e)| int::from_i64(e))),
    m("span", |a, _| span_part(a, "span", |(s, e)| tuple::new(vec![int::from_i64(s), int::from_i64(e)]))),
    m("expand", match_expand),
    m("__copy__", |a, _| Ok(a[0].clone())),
    m("__deepcopy__", |a, _| Ok(a[0].clone())),
    m("__repr__", match_repr),
    cm("__class_getitem__", taipan_vm::objects::genericalias::class_getitem),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("string", |v| Ok(this(v)?.string.clone()), None),
    ("re", |v| Ok(this(v)?.pattern.clone()), None),
    ("pos", |v| Ok(int::from_usize(this(v)?.pos)), None),
    ("endpos", |v| Ok(int::from_usize(this(v)?.endpos)), None),
    (
        "lastindex",
        |v| {
            let md = this(v)?;
            Ok(if md.lastindex >= 0 { int::from_i64(md.lastindex as i64) } else { none() })
        },
        None,
    ),
    ("lastgroup", match_lastgroup, None),
    (
        "regs",
        |v| {
            let md = this(v)?;
            let pair = |&(s, e): &(i64, i64)| tuple::new(vec![int::from_i64(s), int::from_i64(e)]);
            Ok(tuple::new(md.regs.iter().map(pair).collect()))
        },
        None,
    ),
];

fn pattern_of(md: &MatchData) -> PyResult<&PatternData> {
    pattern::this(&md.pattern)
}

/// `match_getindex`: a group number or name → its index, or "no such group".
fn group_index(md: &MatchData, key: Option<&Value>) -> PyResult<usize> {
    let Some(key) = key else { return Ok(0) };
    let i = if int::is_int(key)
        || taipan_vm::types::lookup_str(&taipan_vm::types::type_of(key), "__index__").is_some()
    {
        int::index_value(key).unwrap_or(Some(i64::MAX)).unwrap_or(-1)
    } else {
        // CPython looks names up with errors suppressed: m.group([]) is "no such group".
        match dict::get_item(&pattern_of(md)?.groupindex, key).ok().flatten() {
            Some(v) if int::is_int(&v) => int::index_value(&v)?.unwrap_or(-1),
            _ => -1,
        }
    };
    if i < 0 || i as usize >= md.regs.len() {
        return Err(exc::index_error("no such group"));
    }
    Ok(i as usize)
}

/// The text of group `g`, or `default` if it did not take part.
fn group_value(md: &MatchData, g: usize, default: &Value) -> Value {
    let (s, e) = md.regs[g];
    if s < 0 || md.string.is(&rt().none) {
        return default.clone();
    }
    slice_of(&md.string, md.is_bytes, s as usize, e as usize)
}

fn match_group(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let md = this(&args[0])?;
    match args.len() {
        1 => Ok(group_value(md, 0, &none())),
        2 => Ok(group_value(md, group_index(md, Some(&args[1]))?, &none())),
        _ => {
            let mut out = Vec::with_capacity(args.len() - 1);
            for key in &args[1..] {
                out.push(group_value(md, group_index(md, Some(key))?, &none()));
            }
            Ok(tuple::new(out))
        }
    }
}

/// `groups(default=None)` and `groupdict(default=None)`.
fn all_groups(args: &[Value], kwnames: &[Value], func: &str) -> PyResult<Value> {
    let md = this(&args[0])?;
    let a = super::args::parse(func, &args[1..], kwnames, &["default"], 0)?;
    let default = a[0].clone().unwrap_or_else(none);
    if func == "groups" {
        let items = (1..md.regs.len()).map(|g| group_value(md, g, &default)).collect();
        return Ok(tuple::new(items));
    }
    let out = dict::new_dict();
    let groupindex = pattern_of(md)?.groupindex.clone();
    for key in ops::collect(&groupindex)? {
        let g = group_index(md, Some(&key))?;
        dict::set_item(&out, key, group_value(md, g, &default))?;
    }
    Ok(out)
}

/// `start`/`end`/`span` of one group (default 0).
fn span_part(args: &[Value], func: &str, f: fn((i64, i64)) -> Value) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(exc::type_error(format!("{func} expected at most 1 argument, got {}", args.len() - 1)));
    }
    let md = this(&args[0])?;
    let g = group_index(md, args.get(1))?;
    Ok(f(md.regs[g]))
}

fn match_expand(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("expand", args, 2, 2)?;
    let md = this(&args[0])?;
    let re = taipan_vm::import::import_absolute("re")?;
    let expand = taipan_vm::attr::getattr_str(&re, "_expand")?;
    taipan_vm::call::call(&expand, &[md.pattern.clone(), args[0].clone(), args[1].clone()], &[])
}

fn match_lastgroup(v: &Value) -> PyResult<Value> {
    let md = this(v)?;
    if md.lastindex < 0 {
        return Ok(none());
    }
    let pd = pattern_of(md)?;
    let names = tuple::items(&pd.indexgroup).unwrap_or(&[]);
    Ok(names.get(md.lastindex as usize).cloned().unwrap_or_else(none))
}

fn match_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let md = this(&args[0])?;
    let g0 = group_value(md, 0, &none());
    let repr: String = ops::repr_string(&g0)?.chars().take(50).collect();
    let (s, e) = md.regs[0];
    Ok(pystr::from_string(format!("<re.Match object; span=({s}, {e}), match={repr}>")))
}

// ---- the scanner ----

/// The payload of a scanner: a state kept between calls.
pub struct ScannerData {
    pattern: Value,
    subject: Subject,
    state: RefCell<State>,
    done: Cell<bool>,
}

pub fn new_scanner(pattern: &Value, subject: Subject, pos: i64, endpos: i64) -> PyResult<Value> {
    let pd = pattern::this(pattern)?;
    let st = pattern::new_state(pd, &subject, pos, endpos)?;
    let data =
        ScannerData { pattern: pattern.clone(), subject, state: RefCell::new(st), done: Cell::new(false) };
    Ok(taipan_vm::heap::alloc(&super::types()[2], data))
}

pub const SCANNER_METHODS: &[Method] = &[
    new_method(|_, _| Err(exc::type_error("cannot create '_sre.SRE_Scanner' instances"))),
    m("match", |a, _| scanner_step(a, Mode::Match)),
    m("search", |a, _| scanner_step(a, Mode::Search)),
];

pub const SCANNER_GETSETS: &[(&str, Getter, Option<Setter>)] =
    &[("pattern", |v| Ok(scanner_this(v)?.pattern.clone()), None)];

fn scanner_this(v: &Value) -> PyResult<&ScannerData> {
    v.downcast::<ScannerData>().ok_or_else(|| exc::type_error("expected an _sre.SRE_Scanner"))
}

fn scanner_step(args: &[Value], mode: Mode) -> PyResult<Value> {
    let sc = scanner_this(&args[0])?;
    if sc.done.get() {
        return Ok(none());
    }
    let pd = pattern::this(&sc.pattern)?;
    let mut st = sc
        .state
        .try_borrow_mut()
        .map_err(|_| exc::value_error("regular expression scanner already executing"))?;
    if !exec(pd, &sc.subject, &mut st, mode)? {
        sc.done.set(true);
        return Ok(none());
    }
    let mo = new_match(&sc.pattern, pd, &sc.subject, &st);
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
    Ok(mo)
}
