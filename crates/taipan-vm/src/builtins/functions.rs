//! The builtin functions (their registry is `FUNCTIONS` in `mod.rs`).

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{check_args, dict, int, list, split_kwargs, str as pystr, tuple};
use crate::ops;
use crate::runtime::rt;
use crate::types::{self, as_type, type_name, type_of};
use crate::value::Value;

fn none() -> Value {
    rt().none.clone()
}

/// `print(*objects, sep=' ', end='\n', file=None, flush=False)`: as
/// CPython, one `file.write` per object, separator and end (an exact
/// `TextIOWrapper`, as `sys.stdout` is, is written to without method
/// calls); nothing when `file` is None and `sys.stdout` is None.
pub fn print(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut sep = None;
    let mut end = None;
    let mut file = None;
    let mut flush = false;
    for (k, v) in kws {
        let opt_str = |what: &str| -> PyResult<Option<Value>> {
            if v.is(&rt().none) {
                return Ok(None);
            }
            if !pystr::is_str(v) {
                return Err(exc::type_error(format!(
                    "{what} must be None or a string, not {}",
                    type_name(v)
                )));
            }
            Ok(Some(v.clone()))
        };
        match k {
            "sep" => sep = opt_str("sep")?,
            "end" => end = opt_str("end")?,
            "file" => file = (!v.is(&rt().none)).then(|| v.clone()),
            "flush" => flush = ops::truthy(v)?,
            _ => return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for print()"))),
        }
    }
    let file = match file {
        Some(f) => f,
        None => {
            let out = crate::modules::sys::std_stream("stdout");
            if out.is(&rt().none) {
                return Ok(none());
            }
            out
        }
    };
    let sep = sep.unwrap_or_else(|| pystr::from_code_point(' ' as u32));
    let end = end.unwrap_or_else(|| pystr::from_code_point('\n' as u32));
    if crate::modules::_io::textio::is_exact(&file) {
        let written = print_to_text_file(&file, pos, &sep, &end);
        let settled = crate::modules::_io::textio::settle(&file);
        written?;
        settled?;
    } else {
        for (i, v) in pos.iter().enumerate() {
            if i > 0 {
                crate::modules::_io::stdio::write_to(&file, &sep)?;
            }
            let s = if pystr::is_exact(v) { v.clone() } else { ops::str_(v)? };
            crate::modules::_io::stdio::write_to(&file, &s)?;
        }
        crate::modules::_io::stdio::write_to(&file, &end)?;
    }
    if flush {
        crate::modules::_io::stdio::flush(&file)?;
    }
    Ok(none())
}

/// `print`'s writes to an exact `TextIOWrapper` (`sys.stdout`): what a
/// write-through or line-buffered stream owes is settled once at the end,
/// or before `str()` runs Python code, so that output order is kept.
fn print_to_text_file(file: &Value, pos: &[Value], sep: &Value, end: &Value) -> PyResult<()> {
    use crate::modules::_io::textio;
    textio::begin_writes(file)?;
    for (i, v) in pos.iter().enumerate() {
        if i > 0 {
            textio::append(file, sep)?;
        }
        if pystr::is_exact(v) {
            textio::append(file, v)?;
        } else if v.is_small_int() || v.is_float() {
            textio::append(file, &ops::str_(v)?)?;
        } else {
            textio::settle(file)?;
            let s = ops::str_(v)?;
            textio::begin_writes(file)?;
            textio::append(file, &s)?;
        }
    }
    textio::append(file, end).map(drop)
}

pub fn len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("len", &prepend(args), 2, 2)?;
    Ok(int::from_usize(ops::len(&args[0])?))
}

/// args with a dummy self in front (for `check_args`'s counting).
fn prepend(args: &[Value]) -> Vec<Value> {
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(Value::NULL);
    v.extend_from_slice(args);
    v
}

fn exact(name: &str, args: &[Value], n: usize) -> PyResult<()> {
    if args.len() != n {
        return Err(exc::type_error(format!(
            "{name} expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

/// `isinstance(obj, cls_or_tuple)` with `__instancecheck__`.
pub fn isinstance_of(obj: &Value, cls: &Value) -> PyResult<bool> {
    crate::objects::object::isinstance(obj, cls)
}

pub fn isinstance(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("isinstance", args, 2)?;
    Ok(rt().bool_value(isinstance_of(&args[0], &args[1])?))
}

fn issubclass_of(c: &Value, cls: &Value) -> PyResult<bool> {
    crate::objects::object::issubclass(c, cls)
}

pub fn issubclass(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("issubclass", args, 2)?;
    Ok(rt().bool_value(issubclass_of(&args[0], &args[1])?))
}

pub fn iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match args.len() {
        1 => ops::iter(&args[0]),
        2 => {
            if !crate::builtins::functions::is_callable(&args[0]) {
                return Err(exc::type_error("iter(v, w): v must be callable"));
            }
            Ok(crate::objects::iter::new_call_iter(args[0].clone(), args[1].clone()))
        }
        n => Err(exc::type_error(format!("iter expected at most 2 arguments, got {n}"))),
    }
}

pub fn next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        return Err(exc::type_error(format!("next expected at least 1 argument, got {}", args.len())));
    }
    if types::lookup_str(&type_of(&args[0]), "__next__").is_none() {
        return Err(exc::type_error(format!("'{}' object is not an iterator", type_name(&args[0]))));
    }
    match args.get(1) {
        None => ops::next_raw(&args[0]),
        Some(default) => match ops::next(&args[0])? {
            Some(v) => Ok(v),
            None => Ok(default.clone()),
        },
    }
}

pub fn repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("repr", args, 1)?;
    ops::repr(&args[0])
}

pub fn ascii(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("ascii", args, 1)?;
    ops::ascii(&args[0])
}

pub fn abs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("abs", args, 1)?;
    if let Some(i) = args[0].as_small_int() {
        return Ok(int::from_i64(i.abs()));
    }
    if let Some(x) = args[0].as_float() {
        return Ok(Value::float(x.abs()));
    }
    match ops::call_dunder_opt(&args[0], "__abs__", &[])? {
        Some(v) => Ok(v),
        None => Err(exc::type_error(format!("bad operand type for abs(): '{}'", type_name(&args[0])))),
    }
}

fn min_max(args: &[Value], kwnames: &[Value], name: &str, want_less: bool) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut key = None;
    let mut default = None;
    for (k, v) in kws {
        match k {
            "key" => key = (!v.is(&rt().none)).then(|| v.clone()),
            "default" => default = Some(v.clone()),
            _ => return Err(exc::type_error(format!("{name}() got an unexpected keyword argument '{k}'"))),
        }
    }
    let items = match pos.len() {
        0 => return Err(exc::type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => ops::collect(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(exc::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for v in items {
        let k = match &key {
            Some(f) => crate::call::call(f, std::slice::from_ref(&v), &[])?,
            None => v.clone(),
        };
        best = Some(match best {
            None => (k, v),
            Some((bk, bv)) => {
                let better = if want_less { ops::lt(&k, &bk)? } else { ops::lt(&bk, &k)? };
                if better {
                    (k, v)
                } else {
                    (bk, bv)
                }
            }
        });
    }
    match best {
        Some((_, v)) => Ok(v),
        None => default.ok_or_else(|| exc::value_error(format!("{name}() arg is an empty sequence"))),
    }
}

pub fn min(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    min_max(args, kwnames, "min", true)
}

pub fn max(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    min_max(args, kwnames, "max", false)
}

pub fn sum(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.is_empty() || pos.len() > 2 {
        return Err(exc::type_error(format!("sum() takes at most 2 arguments ({} given)", pos.len())));
    }
    let mut acc = pos.get(1).cloned().unwrap_or_else(|| int::from_i64(0));
    for (k, v) in kws {
        match k {
            "start" => acc = v.clone(),
            _ => return Err(exc::type_error(format!("sum() got an unexpected keyword argument '{k}'"))),
        }
    }
    if pystr::data(&acc).is_some() {
        return Err(exc::type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if crate::objects::bytes::as_bytes(&acc).is_some() {
        let what = crate::types::type_name(&acc);
        let what = if what == "bytearray" { "bytearray" } else { "bytes" };
        return Err(exc::type_error(format!("sum() can't sum {what} [use b''.join(seq) instead]")));
    }
    let it = ops::iter(&pos[0])?;
    // While every item is a small int the total is kept in an i128 (no
    // overflow before 2**80 items), as CPython keeps a C long.
    let mut total: Option<i128> = acc.as_small_int().map(i128::from);
    while let Some(v) = ops::next(&it)? {
        if let Some(t) = total.as_mut() {
            if let Some(x) = v.as_small_int() {
                *t += i128::from(x);
                continue;
            }
            acc = int_from_i128(*t);
            total = None;
        }
        acc = match add_small(&acc, &v) {
            Some(r) => r,
            None => ops::binary(&acc, &v, ops::BinOp::Add)?,
        };
    }
    Ok(total.map_or(acc, int_from_i128))
}

fn int_from_i128(t: i128) -> Value {
    match i64::try_from(t) {
        Ok(i) => int::from_i64(i),
        Err(_) => int::from_bigint(t.into()),
    }
}

/// `a + b` for two small ints or two floats (`sum`'s fast path, as
/// CPython's C-level int and float accumulators); None otherwise.
#[inline(always)]
fn add_small(a: &Value, b: &Value) -> Option<Value> {
    if a.is_small_int() && b.is_small_int() {
        return a.small_int_unchecked().checked_add(b.small_int_unchecked()).and_then(Value::try_small_int);
    }
    if a.is_float() && b.is_float() {
        return Some(Value::float(a.float_unchecked() + b.float_unchecked()));
    }
    None
}

pub fn sorted(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.len() != 1 {
        return Err(exc::type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in kws {
        match k {
            "key" => key = (!v.is(&rt().none)).then(|| v.clone()),
            "reverse" => reverse = ops::truthy(v)?,
            _ => return Err(exc::type_error(format!("sort() got an unexpected keyword argument '{k}'"))),
        }
    }
    let l = list::new(ops::collect(&pos[0])?);
    list::sort_list(&l, key.as_ref(), reverse)?;
    Ok(l)
}

pub fn hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("hash", args, 1)?;
    Ok(int::from_i64(ops::hash(&args[0])?))
}

pub fn id(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("id", args, 1)?;
    Ok(int::from_bigint(num_bigint::BigInt::from(args[0].bits())))
}

fn attr_name(v: &Value) -> PyResult<&Value> {
    if pystr::data(v).is_none() {
        return Err(exc::type_error(format!("attribute name must be string, not '{}'", type_name(v))));
    }
    Ok(v)
}

pub fn getattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.len() < 2 || args.len() > 3 {
        return Err(exc::type_error(format!("getattr expected at least 2 arguments, got {}", args.len())));
    }
    let name = attr_name(&args[1])?;
    match args.get(2) {
        None => crate::attr::getattr(&args[0], name),
        Some(d) => Ok(crate::attr::getattr_opt(&args[0], name)?.unwrap_or_else(|| d.clone())),
    }
}

pub fn setattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("setattr", args, 3)?;
    crate::attr::setattr(&args[0], attr_name(&args[1])?, args[2].clone())?;
    Ok(none())
}

pub fn hasattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("hasattr", args, 2)?;
    Ok(rt().bool_value(crate::attr::getattr_opt(&args[0], attr_name(&args[1])?)?.is_some()))
}

pub fn delattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("delattr", args, 2)?;
    crate::attr::setattr(&args[0], attr_name(&args[1])?, Value::NULL)?;
    Ok(none())
}

/// `callable(v)`.
pub fn is_callable(v: &Value) -> bool {
    if v.is_small_int() || v.is_float() {
        return false;
    }
    as_type(v).is_some()
        || types::lookup_str(&type_of(v), "__call__").is_some()
        || v.downcast::<crate::objects::function::FunctionData>().is_some()
        || v.downcast::<crate::objects::function::BuiltinData>().is_some()
        || v.downcast::<crate::objects::function::MethodData>().is_some()
}

pub fn callable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("callable", args, 1)?;
    Ok(rt().bool_value(is_callable(&args[0])))
}

pub fn chr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("chr", args, 1)?;
    let i = int::index_value(&args[0])?.ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&args[0])))
    })?;
    if !(0..=0x10FFFF).contains(&i) {
        return Err(exc::value_error("chr() arg not in range(0x110000)"));
    }
    Ok(pystr::from_code_point(i as u32))
}

pub fn ord(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("ord", args, 1)?;
    let s = pystr::text(&args[0]).ok_or_else(|| {
        exc::type_error(format!("ord() expected string of length 1, but {} found", type_name(&args[0])))
    })?;
    s.ord().map(|cp| int::from_i64(cp.into())).map_err(pystr::text_error)
}

pub fn any(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("any", args, 1)?;
    let it = ops::iter(&args[0])?;
    while let Some(v) = ops::next(&it)? {
        if ops::truthy(&v)? {
            return Ok(rt().true_.clone());
        }
    }
    Ok(rt().false_.clone())
}

pub fn all(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("all", args, 1)?;
    let it = ops::iter(&args[0])?;
    while let Some(v) = ops::next(&it)? {
        if !ops::truthy(&v)? {
            return Ok(rt().false_.clone());
        }
    }
    Ok(rt().true_.clone())
}

pub fn divmod(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exact("divmod", args, 2)?;
    let (a, b) = (&args[0], &args[1]);
    let ta = type_of(a);
    for (f, x, y) in
        [(types::lookup_str(&ta, "__divmod__"), a, b), (types::lookup_str(&type_of(b), "__rdivmod__"), b, a)]
    {
        if let Some(f) = f {
            let r = crate::call::call(&f, &[x.clone(), y.clone()], &[])?;
            if !r.is(&rt().not_implemented) {
                return Ok(r);
            }
        }
    }
    Err(exc::type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        type_name(a),
        type_name(b)
    )))
}

pub fn pow(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut p: Vec<Value> = pos.to_vec();
    for (k, v) in kws {
        match k {
            "base" | "exp" | "mod" => p.push(v.clone()),
            _ => return Err(exc::type_error(format!("pow() got an unexpected keyword argument '{k}'"))),
        }
    }
    match p.len() {
        2 => ops::binary(&p[0], &p[1], ops::BinOp::Pow),
        3 if p[2].is(&rt().none) => ops::binary(&p[0], &p[1], ops::BinOp::Pow),
        3 => {
            let (Some(a), Some(b), Some(m)) =
                (int::to_bigint(&p[0]), int::to_bigint(&p[1]), int::to_bigint(&p[2]))
            else {
                if let Some(r) = ops::call_dunder_opt(&p[0], "__pow__", &[p[1].clone(), p[2].clone()])? {
                    if !r.is(&rt().not_implemented) {
                        return Ok(r);
                    }
                }
                return Err(exc::type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            int::big_pow(a, b, Some(m))
        }
        n => Err(exc::type_error(format!("pow expected 2 or 3 arguments, got {n}"))),
    }
}

pub fn round(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut p: Vec<Value> = pos.to_vec();
    for (k, v) in kws {
        match k {
            "number" | "ndigits" => p.push(v.clone()),
            _ => return Err(exc::type_error(format!("round() got an unexpected keyword argument '{k}'"))),
        }
    }
    if p.is_empty() || p.len() > 2 {
        return Err(exc::type_error(format!("round() takes at most 2 arguments ({} given)", p.len())));
    }
    let extra: Vec<Value> = p[1..].iter().filter(|v| !v.is(&rt().none)).cloned().collect();
    match ops::call_dunder_opt(&p[0], "__round__", &extra)? {
        Some(v) => Ok(v),
        None => Err(exc::type_error(format!("type {} doesn't define __round__ method", type_name(&p[0])))),
    }
}

pub fn format(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        return Err(exc::type_error(format!("format expected at most 2 arguments, got {}", args.len())));
    }
    let spec = args.get(1).cloned().unwrap_or_else(|| pystr::new(""));
    if pystr::data(&spec).is_none() {
        return Err(exc::type_error(format!("format() argument 2 must be str, not {}", type_name(&spec))));
    }
    ops::format(&args[0], &spec)
}

fn radix(args: &[Value], name: &str, spec: &str) -> PyResult<Value> {
    exact(name, args, 1)?;
    let i = int::index(&args[0])?;
    crate::format::format_int(&crate::numbers::Int::from_big(int::to_bigint(&i).unwrap_or_default()), spec)
}

pub fn hex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    radix(args, "hex", "#x")
}
pub fn oct(args: &[Value], _: &[Value]) -> PyResult<Value> {
    radix(args, "oct", "#o")
}
pub fn bin(args: &[Value], _: &[Value]) -> PyResult<Value> {
    radix(args, "bin", "#b")
}

pub fn vars(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match args.len() {
        0 => crate::eval::current_locals(),
        1 => crate::attr::getattr_str(&args[0], "__dict__")
            .map_err(|_| exc::type_error("vars() argument must have __dict__ attribute")),
        n => Err(exc::type_error(format!("vars expected at most 1 argument, got {n}"))),
    }
}

pub fn globals(_: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::eval::current_globals().ok_or_else(|| exc::system_error("no current frame"))
}

pub fn locals(_: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::eval::current_locals()
}

pub fn dir(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match args.first() {
        None => {
            let d = crate::eval::current_locals()?;
            let mut keys: Vec<Value> = dict::data(&d).map(|dd| dd.keys()).unwrap_or_default();
            let l = list::new(std::mem::take(&mut keys));
            list::sort_list(&l, None, false)?;
            Ok(l)
        }
        Some(v) => {
            let f = types::lookup_str(&type_of(v), "__dir__")
                .ok_or_else(|| exc::type_error("object does not provide __dir__"))?;
            let r = crate::call::call(&f, std::slice::from_ref(v), &[])?;
            let l = list::new(ops::collect(&r)?);
            list::sort_list(&l, None, false)?;
            Ok(l)
        }
    }
}

fn source_arg(v: &Value, what: &str) -> PyResult<String> {
    if let Some(s) = pystr::as_str(v) {
        return Ok(s.to_string());
    }
    if let Some(b) = crate::objects::bytes::buffer(v).filter(|_| !pystr::is_str(v)) {
        // Source bytes: decoded as a file is (BOM, PEP 263 coding line).
        return taipan_parser::source::decode(&b).map_err(|e| syntax_error_value(&e, "<string>"));
    }
    Err(exc::type_error(format!("{what}() arg 1 must be a string, bytes or code object")))
}

/// A SyntaxError value from the parser's/compiler's error.
pub fn syntax_error_value(e: &taipan_parser::SyntaxError, filename: &str) -> crate::PyErr {
    let r = rt();
    let ty = match e.kind {
        taipan_parser::ErrorKind::IndentationError => &r.exc.indentation_error,
        taipan_parser::ErrorKind::TabError => &r.exc.tab_error,
        taipan_parser::ErrorKind::SyntaxError => &r.exc.syntax_error,
        // Over-deep input: CPython raises these with just the message.
        taipan_parser::ErrorKind::RecursionError => {
            let e = e.clone().in_compilation();
            return exc::new_exception(&r.exc.recursion_error, vec![pystr::new(&e.msg)]);
        }
        taipan_parser::ErrorKind::MemoryError => {
            return exc::new_exception(&r.exc.memory_error, vec![pystr::new(&e.msg)])
        }
    };
    let text = e.text.clone().map(pystr::from_string).unwrap_or_else(|| r.none.clone());
    let details = tuple::new(vec![
        pystr::new(filename),
        int::from_i64(e.lineno as i64),
        int::from_i64(e.offset as i64),
        text,
        int::from_i64(e.end_lineno as i64),
        int::from_i64(e.end_offset as i64),
    ]);
    let error = exc::new_exception(ty, vec![pystr::new(&e.msg), details.clone()]);
    let fields = tuple::items(&details).unwrap_or(&[]).to_vec();
    match crate::objects::exc_objects::set_syntax_error_fields(
        error.value(),
        Some(pystr::new(&e.msg)),
        &fields,
    ) {
        Ok(()) => error,
        Err(failed) => failed,
    }
}

fn compile_to_code(src: &str, filename: &str, mode: &str) -> PyResult<Value> {
    let m = match mode {
        "exec" => taipan_compiler::CompileMode::Exec,
        "eval" => taipan_compiler::CompileMode::Eval,
        "single" => taipan_compiler::CompileMode::Single,
        _ => return Err(exc::value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let code = crate::compile_source(src, filename, m).map_err(|e| syntax_error_value(&e, filename))?;
    crate::objects::code::new_code(std::sync::Arc::new(code))
}

fn exec_or_eval(args: &[Value], kwnames: &[Value], name: &str) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut p: Vec<Value> = pos.to_vec();
    for (k, v) in kws {
        match k {
            "globals" | "locals" => p.push(v.clone()),
            _ => return Err(exc::type_error(format!("{name}() got an unexpected keyword argument '{k}'"))),
        }
    }
    if p.is_empty() {
        return Err(exc::type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    let globals = match p.get(1) {
        Some(g) if !g.is(&rt().none) => {
            if dict::data(g).is_none() {
                return Err(exc::type_error(format!(
                    "{name}() globals must be a dict, not {}",
                    type_name(g)
                )));
            }
            g.clone()
        }
        _ => crate::eval::current_globals().unwrap_or_else(dict::new_dict),
    };
    let locals = match p.get(2) {
        Some(l) if !l.is(&rt().none) => l.clone(),
        _ => {
            if p.get(1).is_some_and(|g| !g.is(&rt().none)) {
                globals.clone()
            } else {
                crate::eval::current_locals()?
            }
        }
    };
    if dict::get_str(&globals, &pystr::intern("__builtins__")).is_none() {
        dict::set_str(&globals, "__builtins__", rt().builtins().clone());
    }
    let code = if crate::objects::code::data(&p[0]).is_some() {
        p[0].clone()
    } else {
        let src = source_arg(&p[0], name)?;
        let src = if name == "eval" { src.trim_start_matches([' ', '\t']).to_string() } else { src };
        compile_to_code(&src, "<string>", name)?
    };
    let r = crate::eval::run_code(&code, &globals, &locals)?;
    Ok(if name == "exec" { none() } else { r })
}

pub fn exec(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    exec_or_eval(args, kwnames, "exec")
}

pub fn eval(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    exec_or_eval(args, kwnames, "eval")
}

pub fn compile(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut p: Vec<Value> = pos.to_vec();
    let mut flags = 0;
    for (k, v) in kws {
        match k {
            "source" | "filename" | "mode" => p.push(v.clone()),
            "flags" => flags = int::to_i64(v).ok_or_else(|| exc::type_error("an integer is required"))?,
            "dont_inherit" | "optimize" | "_feature_version" => {}
            _ => return Err(exc::type_error(format!("compile() got an unexpected keyword argument '{k}'"))),
        }
    }
    if p.len() < 3 {
        return Err(exc::type_error("compile() missing required argument 'mode' (pos 3)"));
    }
    if let Some(f) = p.get(3) {
        flags = int::to_i64(f).ok_or_else(|| exc::type_error("an integer is required"))?;
    }
    let filename = ops::str_string(&p[1])?;
    let mode = pystr::as_str(&p[2]).unwrap_or("").to_string();
    compile_with_flags(&p[0], &filename, &mode, flags)
}

/// `compile()` once its arguments are bound: source text or an AST object
/// in, a code object or (with `PyCF_ONLY_AST`) an AST object out.
fn compile_with_flags(source: &Value, filename: &str, mode: &str, flags: i64) -> PyResult<Value> {
    use crate::modules::_ast;
    let only_ast = flags & _ast::PY_CF_ONLY_AST != 0;
    if mode == "func_type" && !only_ast {
        return Err(exc::value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
    }
    if _ast::is_ast_object(source) {
        if only_ast {
            return Ok(source.clone());
        }
        let tree = _ast::tree_from_object(source, mode)?;
        return compile_tree(&tree, "", filename, mode);
    }
    if !only_ast {
        return compile_to_code(&source_arg(source, "compile")?, filename, mode);
    }
    let text = source_arg(source, "compile")?;
    let parse_mode = taipan_parser::Mode::from_name(mode)
        .ok_or_else(|| exc::value_error("compile() mode must be 'exec', 'eval' or 'single'"))?;
    let options = taipan_parser::ParseOptions { type_comments: flags & _ast::PY_CF_TYPE_COMMENTS != 0 };
    let tree =
        taipan_parser::parse(&text, parse_mode, options).map_err(|e| syntax_error_value(&e, filename))?;
    _ast::tree_to_object(&tree)
}

/// Compiles a tree (made from AST objects) into a code object.
fn compile_tree(tree: &taipan_parser::ast::Mod, source: &str, filename: &str, mode: &str) -> PyResult<Value> {
    let m = match mode {
        "exec" => taipan_compiler::CompileMode::Exec,
        "eval" => taipan_compiler::CompileMode::Eval,
        "single" => taipan_compiler::CompileMode::Single,
        _ => return Err(exc::value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let options = taipan_compiler::CompileOptions::new(filename, m);
    let code =
        taipan_compiler::compile(tree, source, &options).map_err(|e| syntax_error_value(&e, filename))?;
    crate::objects::code::new_code(std::sync::Arc::new(code))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn import(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut p: Vec<Option<Value>> = pos.iter().cloned().map(Some).collect();
    if p.len() > 5 {
        return Err(exc::type_error(format!("__import__() takes at most 5 arguments ({} given)", p.len())));
    }
    p.resize(5, None);
    for (k, v) in kws {
        let i = ["name", "globals", "locals", "fromlist", "level"].iter().position(|n| *n == k).ok_or_else(
            || exc::type_error(format!("'{k}' is an invalid keyword argument for __import__()")),
        )?;
        p[i] = Some(v.clone());
    }
    let name = p[0]
        .clone()
        .ok_or_else(|| exc::type_error("__import__() missing required argument 'name' (pos 1)"))?;
    let globals = p[1].clone().filter(|g| !g.is(&rt().none));
    let fromlist = p[3].clone().unwrap_or_else(none);
    let level = match &p[4] {
        Some(l) => int::to_i64(l).ok_or_else(|| exc::type_error("an integer is required"))?,
        None => 0,
    };
    crate::import::import_module_level(&name, globals.as_ref(), &fromlist, level)
}

/// `input([prompt])`, as CPython's `builtin_input`: when `sys.stdin` and
/// `sys.stdout` are the process's terminal, the prompt is written and the
/// line read from file descriptor 0; otherwise (pipes, files, objects such
/// as `io.StringIO` put in their place) through `sys.stdout.write` and
/// `sys.stdin.readline()`.
pub fn input(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("input", args, 0, 1)?;
    let fin = std_stream_or_lost("stdin")?;
    let fout = std_stream_or_lost("stdout")?;
    let ferr = std_stream_or_lost("stderr")?;
    let _ = crate::attr::call_method(&ferr, "flush", &[]);
    if is_console(&fin, 0) && is_console(&fout, 1) {
        return input_from_console(args.first(), &fout);
    }
    if let Some(p) = args.first() {
        crate::attr::call_method(&fout, "write", &[ops::str_(p)?])?;
    }
    crate::attr::call_method(&fout, "flush", &[])?;
    let line = crate::attr::call_method(&fin, "readline", &[])?;
    let Some(text) = pystr::as_str(&line) else {
        return Err(exc::type_error("object.readline() returned non-string"));
    };
    if text.is_empty() {
        return Err(eof_when_reading());
    }
    match text.strip_suffix('\n') {
        Some(stripped) => Ok(pystr::new(stripped)),
        None => Ok(line),
    }
}

fn eof_when_reading() -> exc::PyErr {
    exc::new_exception(&rt().exc.eof_error, vec![pystr::new("EOF when reading a line")])
}

/// `sys.<name>`, or CPython's "input(): lost sys.<name>" when it is None.
fn std_stream_or_lost(name: &str) -> PyResult<Value> {
    let s = crate::modules::sys::std_stream(name);
    if s.is(&rt().none) {
        return Err(exc::runtime_error(format!("input(): lost sys.{name}")));
    }
    Ok(s)
}

/// Whether `stream.fileno()` is `fd` and that descriptor is a terminal
/// (a `fileno()` that fails means no).
fn is_console(stream: &Value, fd: i64) -> bool {
    use std::io::IsTerminal;
    let same_fd = crate::attr::call_method(stream, "fileno", &[])
        .ok()
        .and_then(|n| int::to_i64(&n))
        .is_some_and(|n| n == fd);
    same_fd && if fd == 0 { std::io::stdin().is_terminal() } else { std::io::stdout().is_terminal() }
}

/// The terminal case: prompt on `sys.stdout`, the line from descriptor 0.
fn input_from_console(prompt: Option<&Value>, fout: &Value) -> PyResult<Value> {
    crate::attr::call_method(fout, "flush", &[])?;
    if let Some(p) = prompt {
        crate::attr::call_method(fout, "write", &[ops::str_(p)?])?;
        crate::attr::call_method(fout, "flush", &[])?;
    }
    let line = read_stdin_line()?;
    if line.is_empty() {
        return Err(eof_when_reading());
    }
    match String::from_utf8(line) {
        Ok(line) => Ok(pystr::from_string(line.trim_end_matches('\n').to_string())),
        Err(_) => Err(exc::with_msg(&rt().exc.os_error, "stream did not contain valid UTF-8")),
    }
}

/// One line of standard input with its newline (empty at end of file). A
/// signal's EINTR runs the Python handlers and, unless one raises, reads
/// on (PEP 475).
fn read_stdin_line() -> PyResult<Vec<u8>> {
    use std::io::BufRead;
    let mut line = Vec::new();
    loop {
        let mut stdin = std::io::stdin().lock();
        let buf = match stdin.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                drop(stdin);
                crate::signals::check()?;
                continue;
            }
            Err(e) => return Err(exc::with_msg(&rt().exc.os_error, e.to_string())),
        };
        if buf.is_empty() {
            return Ok(line);
        }
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        line.extend_from_slice(&buf[..take]);
        stdin.consume(take);
        if done {
            return Ok(line);
        }
    }
}
