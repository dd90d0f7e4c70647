//! `re.Pattern`: `_sre.compile`'s result (the code words, flags, group
//! tables) and its methods — match, fullmatch, search, findall, finditer,
//! split, sub, subn, scanner — following CPython's `pattern_*` functions:
//! the same loops over `search` with `must_advance` after an empty match,
//! the same slicing and joining, `re._subx` for templates with escapes.

use super::args::{self, parse};
use super::engine::{Matcher, SreError, State};
use super::matchobj;
use super::opcodes::*;
use super::subject::{with_units, Subject};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{
    cm, dict, int, list, m, mk, new_method, str as pystr, tuple, Getter, Method, Setter,
};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::{ops, Value};

/// The payload of a compiled pattern.
pub struct PatternData {
    pub code: Vec<u32>,
    pub flags: i64,
    /// Number of capturing groups (group 0 excluded).
    pub groups: usize,
    /// `{name: number}` (a dict, possibly empty).
    pub groupindex: Value,
    /// `(None, name-or-None, ...)` indexed by group number.
    pub indexgroup: Value,
    /// The source str or bytes, or None.
    pub pattern: Value,
    /// Whether the pattern is bytes; `None` when compiled without a source.
    pub is_bytes: Option<bool>,
}

pub fn this(v: &Value) -> PyResult<&PatternData> {
    v.downcast::<PatternData>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 're.Pattern' object but received '{}'", type_name(v)))
    })
}

fn none() -> Value {
    rt().none.clone()
}

/// The Python exception for an engine failure.
pub fn engine_error(e: SreError) -> taipan_vm::PyErr {
    match e {
        SreError::Illegal => exc::runtime_error("invalid SRE code"),
        SreError::State => exc::runtime_error("internal error in regular expression engine"),
        SreError::Memory => exc::memory_error(""),
    }
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
pub fn compile(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["pattern", "flags", "code", "groups", "groupindex", "indexgroup"];
    let a = parse("compile", &args[1..], kwnames, &names, 6)?;
    let [pattern, flags, code, groups, groupindex, indexgroup] = &a[..] else { unreachable!() };
    let (pattern, flags, code) = (pattern.clone().unwrap_or_else(none), flags.clone(), code.clone());
    let flags = args::ssize(&flags, 0)?;
    let code_list = code.unwrap_or_else(none);
    let items = list::snapshot(&code_list).ok_or_else(|| {
        exc::type_error(format!("compile() argument 'code' must be list, not {}", type_name(&code_list)))
    })?;
    let mut words = Vec::with_capacity(items.len());
    for w in &items {
        if !int::is_int(w) {
            return Err(exc::type_error(format!("an integer is required (got type {})", type_name(w))));
        }
        let n = int::index_value(w).ok().flatten().unwrap_or(-1);
        let n = u32::try_from(n)
            .map_err(|_| exc::overflow_error("regular expression code size limit exceeded"))?;
        words.push(n);
    }
    let groups = usize::try_from(args::ssize(groups, 0)?).unwrap_or(0);
    let groupindex = groupindex.clone().unwrap_or_else(none);
    if dict::data(&groupindex).is_none() {
        return Err(exc::type_error(format!(
            "compile() argument 'groupindex' must be dict, not {}",
            type_name(&groupindex)
        )));
    }
    let indexgroup = indexgroup.clone().unwrap_or_else(none);
    if tuple::items(&indexgroup).is_none() {
        return Err(exc::type_error(format!(
            "compile() argument 'indexgroup' must be tuple, not {}",
            type_name(&indexgroup)
        )));
    }
    let is_bytes = if pattern.is(&rt().none) { None } else { Subject::try_new(&pattern).map(|s| s.is_bytes) };
    let data = PatternData { code: words, flags, groups, groupindex, indexgroup, pattern, is_bytes };
    Ok(taipan_vm::heap::alloc(&super::types()[0], data))
}

pub const METHODS: &[Method] = &[
    new_method(|_, _| Err(exc::type_error("cannot create 're.Pattern' instances"))),
    mk("match", |a, k| match_method(a, k, "match", Mode::Match)),
    mk("fullmatch", |a, k| match_method(a, k, "fullmatch", Mode::FullMatch)),
    mk("search", |a, k| match_method(a, k, "search", Mode::Search)),
    mk("findall", findall),
    mk("finditer", finditer),
    mk("scanner", scanner),
    mk("split", split),
    mk("sub", |a, k| sub(a, k, "sub", false)),
    mk("subn", |a, k| sub(a, k, "subn", true)),
    m("__copy__", |a, _| Ok(a[0].clone())),
    m("__deepcopy__", |a, _| Ok(a[0].clone())),
    m("__repr__", pattern_repr),
    m("__eq__", |a, _| pattern_compare(a, true)),
    m("__ne__", |a, _| pattern_compare(a, false)),
    m("__hash__", pattern_hash),
    m("__reduce__", pattern_reduce),
    cm("__class_getitem__", taipan_vm::objects::genericalias::class_getitem),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("pattern", |v| Ok(this(v)?.pattern.clone()), None),
    ("flags", |v| Ok(int::from_i64(this(v)?.flags)), None),
    ("groups", |v| Ok(int::from_usize(this(v)?.groups)), None),
    (
        "groupindex",
        |v| Ok(taipan_vm::objects::mappingproxy::new_proxy(dict::copy(&this(v)?.groupindex)?)),
        None,
    ),
];

/// What one engine call does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Match,
    FullMatch,
    Search,
}

/// `state_init`'s clamping of `pos`/`endpos` to `[0, len]`.
fn bounds(len: usize, pos: i64, endpos: i64) -> (usize, usize) {
    let clamp = |i: i64| i.clamp(0, len as i64) as usize;
    (clamp(pos), clamp(endpos))
}

/// A state for `pattern` on `subject` between `pos` and `endpos`.
pub fn new_state(pd: &PatternData, subject: &Subject, pos: i64, endpos: i64) -> PyResult<State> {
    subject.check_kind(pd.is_bytes)?;
    let (pos, endpos) = bounds(subject.len(), pos, endpos);
    Ok(State::new(pos, endpos, pd.groups))
}

/// Runs the pattern once from `st.start` (a match or a search).
pub fn exec(pd: &PatternData, subject: &Subject, st: &mut State, mode: Mode) -> PyResult<bool> {
    let start = st.start;
    st.reset_at(start);
    st.match_all = mode == Mode::FullMatch;
    let code = &pd.code[..];
    let r = with_units!(subject, s => {
        let mut m = Matcher { code, s, st };
        if mode == Mode::Search { m.search() } else { m.run(0, true) }
    });
    r.map_err(engine_error)
}

/// The `(string, pos, endpos)` arguments of match/search/findall/….
fn subject_args(func: &str, args: &[Value], kwnames: &[Value]) -> PyResult<(Subject, i64, i64)> {
    let a = parse(func, &args[1..], kwnames, &["string", "pos", "endpos"], 1)?;
    let subject = Subject::new(a[0].as_ref().unwrap_or(&rt().none))?;
    let pos = args::ssize(&a[1], 0)?;
    let endpos = args::ssize(&a[2], i64::MAX)?;
    Ok((subject, pos, endpos))
}

fn match_method(args: &[Value], kwnames: &[Value], func: &str, mode: Mode) -> PyResult<Value> {
    let pd = this(&args[0])?;
    let (subject, pos, endpos) = subject_args(func, args, kwnames)?;
    let mut st = new_state(pd, &subject, pos, endpos)?;
    if !exec(pd, &subject, &mut st, mode)? {
        return Ok(none());
    }
    Ok(matchobj::new_match(&args[0], pd, &subject, &st))
}

/// The slice of group `g` after a match, or `default` when it did not
/// take part (`state_getslice`).
fn group_slice(subject: &Subject, st: &State, g: usize, default: &Value) -> Value {
    match st.group_span(g) {
        Some((a, b)) => subject.slice(a, b),
        None => default.clone(),
    }
}

/// Moves past a match: the next search starts at its end and must not
/// match empty there again.
fn advance(st: &mut State) {
    st.must_advance = st.ptr == st.start;
    st.start = st.ptr;
}

fn findall(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let pd = this(&args[0])?;
    let (subject, pos, endpos) = subject_args("findall", args, kwnames)?;
    let mut st = new_state(pd, &subject, pos, endpos)?;
    let mut out = Vec::new();
    let empty = if subject.is_bytes { subject.slice(0, 0) } else { pystr::empty() };
    while st.start <= st.end {
        if !exec(pd, &subject, &mut st, Mode::Search)? {
            break;
        }
        let item = match pd.groups {
            0 => subject.slice(st.start, st.ptr),
            1 => group_slice(&subject, &st, 1, &empty),
            n => tuple::new((1..=n).map(|g| group_slice(&subject, &st, g, &empty)).collect()),
        };
        out.push(item);
        advance(&mut st);
    }
    Ok(list::new(out))
}

fn scanner(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (subject, pos, endpos) = subject_args("scanner", args, kwnames)?;
    matchobj::new_scanner(&args[0], subject, pos, endpos)
}

fn finditer(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (subject, pos, endpos) = subject_args("finditer", args, kwnames)?;
    let sc = matchobj::new_scanner(&args[0], subject, pos, endpos)?;
    let search = taipan_vm::attr::getattr_str(&sc, "search")?;
    let iter = dict::get_str(rt().builtins(), &pystr::intern("iter"))
        .ok_or_else(|| exc::runtime_error("builtins.iter is missing"))?;
    taipan_vm::call::call(&iter, &[search, none()], &[])
}

fn split(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let pd = this(&args[0])?;
    let a = parse("split", &args[1..], kwnames, &["string", "maxsplit"], 1)?;
    let subject = Subject::new(a[0].as_ref().unwrap_or(&rt().none))?;
    let maxsplit = args::ssize(&a[1], 0)?;
    let mut st = new_state(pd, &subject, 0, i64::MAX)?;
    let mut out = Vec::new();
    let mut last = st.start;
    let mut n = 0;
    while maxsplit == 0 || n < maxsplit {
        if !exec(pd, &subject, &mut st, Mode::Search)? {
            break;
        }
        out.push(subject.slice(last, st.start));
        for g in 1..=pd.groups {
            out.push(group_slice(&subject, &st, g, &rt().none));
        }
        n += 1;
        advance(&mut st);
        last = st.start;
    }
    out.push(subject.slice(last, st.end));
    Ok(list::new(out))
}

/// What replaces each match in `sub`: a callable, a literal, or the
/// filter `re._subx` made from a template with escapes.
enum Filter {
    Call(Value),
    Literal(Value),
}

fn make_filter(pattern: &Value, repl: &Value) -> PyResult<Filter> {
    if taipan_vm::builtins::functions::is_callable(repl) {
        return Ok(Filter::Call(repl.clone()));
    }
    let literal = match Subject::try_new(repl) {
        Some(t) => with_units!(t, s => !s.iter().any(|&c| u64::from(c) == 0x5C)),
        None => false,
    };
    if literal {
        return Ok(Filter::Literal(repl.clone()));
    }
    let re = taipan_vm::import::import_absolute("re")?;
    let subx = taipan_vm::attr::getattr_str(&re, "_subx")?;
    let filter = taipan_vm::call::call(&subx, &[pattern.clone(), repl.clone()], &[])?;
    if taipan_vm::builtins::functions::is_callable(&filter) {
        Ok(Filter::Call(filter))
    } else {
        Ok(Filter::Literal(filter))
    }
}

fn sub(args: &[Value], kwnames: &[Value], func: &str, subn: bool) -> PyResult<Value> {
    let pd = this(&args[0])?;
    let a = parse(func, &args[1..], kwnames, &["repl", "string", "count"], 2)?;
    let repl = a[0].clone().unwrap_or_else(none);
    let subject = Subject::new(a[1].as_ref().unwrap_or(&rt().none))?;
    let count = args::ssize(&a[2], 0)?;
    let filter = make_filter(&args[0], &repl)?;
    let mut st = new_state(pd, &subject, 0, i64::MAX)?;
    let mut pieces = Vec::new();
    let (mut i, mut n) = (0, 0i64);
    while count == 0 || n < count {
        if !exec(pd, &subject, &mut st, Mode::Search)? {
            break;
        }
        let (b, e) = (st.start, st.ptr);
        if i < b {
            pieces.push(subject.slice(i, b));
        }
        let item = match &filter {
            Filter::Literal(v) => v.clone(),
            Filter::Call(f) => {
                let mo = matchobj::new_match(&args[0], pd, &subject, &st);
                taipan_vm::call::call(f, &[mo], &[])?
            }
        };
        if !item.is(&rt().none) {
            pieces.push(item);
        }
        i = e;
        n += 1;
        advance(&mut st);
    }
    if i < st.end {
        pieces.push(subject.slice(i, st.end));
    }
    let joiner = subject.slice(0, 0);
    let joined = if pieces.is_empty() {
        joiner
    } else {
        taipan_vm::attr::call_method(&joiner, "join", &[list::new(pieces)])?
    };
    if subn {
        return Ok(tuple::new(vec![joined, int::from_i64(n)]));
    }
    Ok(joined)
}

/// Flag names in `pattern_repr`'s order.
const FLAG_NAMES: &[(&str, i64)] = &[
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];

fn pattern_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let pd = this(&args[0])?;
    let repr: String = ops::repr_string(&pd.pattern)?.chars().take(200).collect();
    let mut flags = pd.flags;
    let type_flags = i64::from(FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII);
    if pd.is_bytes == Some(false) && flags & type_flags == i64::from(FLAG_UNICODE) {
        flags &= !i64::from(FLAG_UNICODE);
    }
    let mut items = Vec::new();
    for &(name, bit) in FLAG_NAMES {
        if flags & bit != 0 {
            items.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        items.push(format!("0x{flags:x}"));
    }
    Ok(pystr::from_string(if items.is_empty() {
        format!("re.compile({repr})")
    } else {
        format!("re.compile({repr}, {})", items.join("|"))
    }))
}

fn pattern_compare(args: &[Value], eq: bool) -> PyResult<Value> {
    let a = this(&args[0])?;
    let Some(b) = args.get(1).and_then(|v| v.downcast::<PatternData>()) else {
        return Ok(rt().not_implemented.clone());
    };
    let same = args[0].is(&args[1])
        || (a.flags == b.flags
            && a.is_bytes == b.is_bytes
            && a.code == b.code
            && ops::eq(&a.pattern, &b.pattern)?);
    Ok(rt().bool_value(same == eq))
}

fn pattern_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let pd = this(&args[0])?;
    let mut h = ops::hash(&pd.pattern)?;
    let code: Vec<u8> = pd.code.iter().flat_map(|w| w.to_ne_bytes()).collect();
    h ^= taipan_vm::hashing::hash_bytes(&code);
    h ^= pd.flags;
    h ^= i64::from(pd.is_bytes == Some(true));
    Ok(int::from_i64(if h == -1 { -2 } else { h }))
}

/// `copyreg` pickles patterns through `re._compile(pattern, flags)`.
fn pattern_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let pd = this(&args[0])?;
    let re = taipan_vm::import::import_absolute("re")?;
    let compile = taipan_vm::attr::getattr_str(&re, "_compile")?;
    Ok(tuple::new(vec![compile, tuple::new(vec![pd.pattern.clone(), int::from_i64(pd.flags)])]))
}
