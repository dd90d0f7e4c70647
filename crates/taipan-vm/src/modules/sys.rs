//! The `sys` and `gc` native modules. The standard streams
//! (`sys.stdin`/`stdout`/`stderr`) are CPython's `TextIOWrapper` stack,
//! built by `_io/stdio.rs`; `write_fd` and `flush_std_files` are the
//! interpreter's way to them.

use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::{check_args, dict, int, m, mk, module, str as pystr, tuple, Method};
use crate::runtime::rt;
use crate::value::Value;

/// Routes stdout/stderr of this thread into memory (for tests).
pub fn capture_output() {
    let _ = crate::modules::_io::stdio::capture();
}

/// The captured (stdout, stderr) so far.
pub fn take_captured() -> (String, String) {
    crate::modules::_io::stdio::take_captured()
}

/// The interpreter's own output to `sys.stdout` (fd 1) or `sys.stderr` (fd 2).
pub fn write_fd(fd: u8, text: &str) {
    crate::modules::_io::stdio::write_std(fd, text);
}

/// `sys.getsizeof(object[, default])` (objects/sizeof.rs).
fn sys_getsizeof(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match &args[1..] {
        [obj] => crate::objects::sizeof::getsizeof(obj, None),
        [obj, default] => crate::objects::sizeof::getsizeof(obj, Some(default)),
        rest => Err(crate::exceptions::type_error(format!(
            "getsizeof() takes at most 2 arguments ({} given)",
            rest.len()
        ))),
    }
}

/// Flushes `sys.stdout` (before `input()` reads, before a syntax error).
pub fn flush_stdout() {
    crate::modules::_io::stdio::flush_stdout();
}

/// CPython's exit-time flush of `sys.stdout` and `sys.stderr`: false
/// when it failed (the exit status becomes 120).
pub fn flush_std_files() -> bool {
    crate::modules::_io::stdio::flush_std_files()
}

/// Prints `header` and the exception to stderr, bypassing
/// `sys.unraisablehook` (for reports that have no object to name).
pub fn write_unraisable(header: &str, e: &PyErr) {
    let tb = crate::traceback::format_exception(e);
    write_fd(2, &format!("{header}\n{tb}"));
}

/// CPython's `_PyErr_WriteUnraisableMsg`: reports an exception that cannot
/// be raised (from a `__del__`, a callback, a thread) through
/// `sys.unraisablehook`, with `obj` the object it happened in (NULL for
/// none) and `err_msg` the words after "Exception ignored" (None for the
/// default "Exception ignored in"). A hook that fails is itself reported
/// by the default hook.
pub fn report_unraisable(err_msg: Option<&str>, obj: &Value, e: &PyErr) {
    let none = rt().none.clone();
    let obj = if obj.is_null() { none.clone() } else { obj.clone() };
    let msg = err_msg.map_or(none.clone(), |m| pystr::new(&format!("Exception ignored {m}")));
    let hook = module()
        .ok()
        .and_then(|m| module::dict_of(&m))
        .and_then(|d| dict::get_str(&d, &pystr::intern("unraisablehook")));
    let Some(hook) = hook.filter(|h| !h.is(&none)) else {
        write_unraisable_default(&msg, &obj, e);
        return;
    };
    let args = match unraisable_args(e, msg.clone(), obj.clone()) {
        Ok(a) => a,
        Err(e2) => return write_unraisable_default(&msg, &obj, &e2),
    };
    if let Err(e2) = crate::call::call(&hook, &[args], &[]) {
        let msg = pystr::new("Exception ignored in sys.unraisablehook");
        write_unraisable_default(&msg, &hook, &e2);
    }
}

crate::interp_static! {
    static UNRAISABLE_ARGS: std::cell::OnceCell<Value> = const { std::cell::OnceCell::new() };
}

/// `sys.UnraisableHookArgs(exc_type, exc_value, exc_traceback, err_msg, object)`.
fn unraisable_args(e: &PyErr, msg: Value, obj: Value) -> PyResult<Value> {
    let ty = UNRAISABLE_ARGS.with(|c| {
        c.get_or_init(|| {
            let fields = ["exc_type", "exc_value", "exc_traceback", "err_msg", "object"];
            super::structseq::new_type("sys", "UnraisableHookArgs", &fields, fields.len())
        })
        .clone()
    });
    let exc = e.value().clone();
    let tb = crate::attr::getattr_str(&exc, "__traceback__").unwrap_or_else(|_| rt().none.clone());
    super::structseq::new_instance(&ty, vec![crate::types::type_of(&exc), exc, tb, msg, obj])
}

/// The default hook's text: "<err_msg>: <repr(obj)>" (or "Exception
/// ignored in: <repr(obj)>", or "<err_msg>:" without an object), then the
/// exception with its traceback, on `sys.stderr`.
fn write_unraisable_default(msg: &Value, obj: &Value, e: &PyErr) {
    let none = rt().none.clone();
    let msg = pystr::as_str(msg).map(str::to_string);
    let header = if !obj.is(&none) {
        let what = crate::ops::repr_string(obj).unwrap_or_else(|_| "<object repr() failed>".to_string());
        format!("{}: {what}\n", msg.as_deref().unwrap_or("Exception ignored in"))
    } else {
        msg.map(|m| format!("{m}:\n")).unwrap_or_default()
    };
    let text = format!("{header}{}", crate::traceback::format_exception(e));
    if crate::traceback::write_to_stderr(&text).is_err() {
        write_fd(2, &text);
    }
}

/// `sys.unraisablehook(unraisable)` (also `sys.__unraisablehook__`): the
/// default report of an `UnraisableHookArgs`.
fn sys_unraisablehook(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("unraisablehook", args, 2, 2)?;
    let get = |name| crate::attr::getattr_str(&args[1], name);
    let value = get("exc_value")?;
    let e = if crate::objects::exc_objects::data(&value).is_some() {
        PyErr(value)
    } else {
        exc::type_error(format!("{} (not an exception)", crate::ops::repr_string(&value)?))
    };
    write_unraisable_default(&get("err_msg")?, &get("object")?, &e);
    Ok(rt().none.clone())
}

/// PRINT_EXPR (the REPL, `single`-mode code): calls the current
/// `sys.displayhook` (doctest replaces it to capture what is shown).
pub fn displayhook(v: &Value) -> PyResult<()> {
    let hook = module()
        .ok()
        .and_then(|m| module::dict_of(&m))
        .and_then(|d| dict::get_str(&d, &pystr::intern("displayhook")));
    let Some(hook) = hook else {
        return Err(crate::exceptions::runtime_error("lost sys.displayhook"));
    };
    crate::call::call(&hook, std::slice::from_ref(v), &[])?;
    Ok(())
}

/// The default `sys.displayhook(v)`: `repr(v)` on a line of `sys.stdout`,
/// and `builtins._ = v` (nothing for None).
fn sys_displayhook(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("displayhook", args, 2, 2)?;
    let v = &args[1];
    let none = rt().none.clone();
    if v.is(&none) {
        return Ok(none);
    }
    let b = rt().builtins().clone();
    dict::set_str(&b, "_", none.clone());
    let text = pystr::from_string(format!("{}\n", crate::ops::repr_string(v)?));
    let out = std_stream("stdout");
    if out.is(&none) {
        return Err(crate::exceptions::runtime_error("lost sys.stdout"));
    }
    crate::attr::call_method(&out, "write", &[text])?;
    dict::set_str(&b, "_", v.clone());
    Ok(none)
}

const SYS_FUNCTIONS: &[Method] = &[
    mk("exit", sys_exit),
    m("getrecursionlimit", sys_getrecursionlimit),
    m("setrecursionlimit", sys_setrecursionlimit),
    m("getswitchinterval", super::_thread::sys_getswitchinterval),
    m("setswitchinterval", super::_thread::sys_setswitchinterval),
    m("exc_info", sys_exc_info),
    m("_getframe", sys_getframe),
    m("exception", sys_exception),
    m("excepthook", sys_excepthook),
    m("unraisablehook", sys_unraisablehook),
    m("getsizeof", sys_getsizeof),
    m("intern", sys_intern),
    m("get_int_max_str_digits", |_, _| Ok(int::from_usize(crate::numbers::int_text::int_max_str_digits()))),
    mk("set_int_max_str_digits", sys_set_int_max_str_digits),
    m("getdefaultencoding", |_, _| Ok(pystr::new("utf-8"))),
    mk("audit", |_, _| Ok(rt().none.clone())),
    m("getfilesystemencoding", |_, _| Ok(pystr::new("utf-8"))),
    m("getfilesystemencodeerrors", |_, _| Ok(pystr::new("surrogateescape"))),
    m("gettrace", |_, _| Ok(rt().none.clone())),
    m("displayhook", sys_displayhook),
    m("settrace", sys_settrace),
];

/// `sys.settrace(f)`: there is no tracing yet, so only `None` (what
/// `doctest` restores) is accepted; a trace function is refused rather
/// than silently never called.
fn sys_settrace(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("settrace", args, 2, 2)?;
    if !args[1].is(&rt().none) {
        return Err(crate::exceptions::not_implemented_error(
            "sys.settrace: Taipan does not support tracing yet",
        ));
    }
    Ok(rt().none.clone())
}

/// `sys.intern(s)` (args[0] is the module).
fn sys_intern(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("intern", args, 2, 2)?;
    if !pystr::is_exact(&args[1]) {
        return Err(crate::exceptions::type_error(format!(
            "intern() argument must be str, not {}",
            crate::types::type_name(&args[1])
        )));
    }
    Ok(args[1].clone())
}

/// Builds the `sys` module.
pub fn module() -> PyResult<Value> {
    if let Some(s) = rt().sys.get() {
        return Ok(s.clone());
    }
    let md = module::new_module("sys");
    let d = module::dict_of(&md).expect("module dict");
    for row in SYS_FUNCTIONS.iter().chain(super::sys_async::FUNCTIONS) {
        dict::set_str(
            &d,
            row.name,
            crate::objects::function::new_builtin_conv(
                row.name,
                row.func,
                row.kw,
                crate::objects::conv_of(&format!("sys.{}", row.name), row.conv),
                md.clone(),
            ),
        );
    }
    if let Some(hook) = dict::get_str(&d, &pystr::intern("excepthook")) {
        dict::set_str(&d, "__excepthook__", hook);
    }
    if let Some(hook) = dict::get_str(&d, &pystr::intern("displayhook")) {
        dict::set_str(&d, "__displayhook__", hook);
    }
    if let Some(hook) = dict::get_str(&d, &pystr::intern("unraisablehook")) {
        dict::set_str(&d, "__unraisablehook__", hook);
    }
    let argv = rt().argv.borrow().iter().map(|a| pystr::new(a)).collect();
    dict::set_str(&d, "argv", crate::objects::list::new(argv));
    dict::set_str(&d, "warnoptions", crate::objects::list::new(Vec::new()));
    dict::set_str(&d, "_xoptions", dict::new_dict());
    let vi = struct_seq(
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        vec![int::from_i64(3), int::from_i64(11), int::from_i64(7), pystr::new("final"), int::from_i64(0)],
    )?;
    dict::set_str(&d, "version_info", vi);
    dict::set_str(&d, "version", pystr::new("3.11.7 (taipan)"));
    dict::set_str(&d, "hexversion", int::from_i64(0x030B07F0));
    dict::set_str(&d, "maxsize", int::from_i64(i64::MAX));
    dict::set_str(&d, "maxunicode", int::from_i64(0x10FFFF));
    dict::set_str(&d, "platform", pystr::new(if cfg!(target_os = "macos") { "darwin" } else { "linux" }));
    dict::set_str(&d, "byteorder", pystr::new("little"));
    dict::set_str(&d, "abiflags", pystr::new(""));
    dict::set_str(&d, "implementation", implementation()?);
    dict::set_str(&d, "modules", rt().modules.get().cloned().unwrap_or_else(dict::new_dict));
    set_import_attrs(&d);
    let _ = rt().sys.set(md.clone());
    crate::modules::_io::stdio::install(&d)?;
    Ok(md)
}

/// `sys.copyright` (`site` shows it as `copyright()`).
const COPYRIGHT: &str = "Copyright (c) 2026 The Taipan developers.\nAll Rights Reserved.";

/// The attributes the import system reads and users tune: `path`,
/// `meta_path`, `path_hooks`, `path_importer_cache`, `dont_write_bytecode`,
/// `pycache_prefix`, `flags`, `builtin_module_names`, `executable`,
/// `prefix`, `orig_argv` (values from `import::config`).
fn set_import_attrs(d: &Value) {
    use crate::import::config;
    let c = config::config();
    let strs = |v: &[String]| crate::objects::list::new(v.iter().map(|s| pystr::new(s)).collect());
    dict::set_str(d, "path", strs(&config::initial_sys_path()));
    dict::set_str(d, "meta_path", crate::objects::list::new(Vec::new()));
    dict::set_str(d, "path_hooks", crate::objects::list::new(Vec::new()));
    dict::set_str(d, "path_importer_cache", dict::new_dict());
    dict::set_str(d, "dont_write_bytecode", rt().bool_value(c.dont_write_bytecode));
    let prefix = c.pycache_prefix.as_deref().map(pystr::new).unwrap_or_else(|| rt().none.clone());
    dict::set_str(d, "pycache_prefix", prefix);
    if let Ok(f) = flags(c) {
        dict::set_str(d, "flags", f);
    }
    if let Ok(f) = float_info() {
        dict::set_str(d, "float_info", f);
    }
    if let Ok(h) = hash_info() {
        dict::set_str(d, "hash_info", h);
    }
    let mut names: Vec<&str> = crate::modules::names();
    names.push("builtins");
    names.sort_unstable();
    names.dedup();
    dict::set_str(d, "builtin_module_names", tuple::new(names.into_iter().map(pystr::new).collect()));
    let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    dict::set_str(d, "executable", pystr::new(&exe));
    dict::set_str(d, "_base_executable", pystr::new(&exe));
    let prefix = config::stdlib_dir()
        .and_then(|lib| lib.parent()?.parent().map(|p| p.to_string_lossy().into_owned()))
        .unwrap_or_default();
    for name in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        dict::set_str(d, name, pystr::new(&prefix));
    }
    dict::set_str(d, "platlibdir", pystr::new("lib"));
    dict::set_str(d, "copyright", pystr::new(COPYRIGHT));
    let names: Vec<Value> = STDLIB_MODULE_NAMES.iter().map(|n| pystr::new(n)).collect();
    if let Ok(set) = crate::objects::set::new_frozenset(names) {
        dict::set_str(d, "stdlib_module_names", set);
    }
    dict::set_str(d, "orig_argv", strs(&c.orig_argv));
}

/// A `sys.NAME` struct sequence (a tuple whose items are also attributes).
fn struct_seq(name: &str, fields: &[&str], values: Vec<Value>) -> PyResult<Value> {
    let ty = super::structseq::new_type("sys", name, fields, fields.len());
    super::structseq::new_instance(&ty, values)
}

/// `sys.flags`, with CPython 3.11's fields.
fn flags(c: &crate::import::ImportConfig) -> PyResult<Value> {
    let b = |v: bool| int::from_i64(v as i64);
    let rows: [(&str, Value); 18] = [
        ("debug", b(false)),
        ("inspect", b(false)),
        ("interactive", b(false)),
        ("optimize", int::from_i64(c.optimize as i64)),
        ("dont_write_bytecode", b(c.dont_write_bytecode)),
        ("no_user_site", b(c.no_user_site)),
        ("no_site", b(c.no_site)),
        ("ignore_environment", b(c.ignore_environment)),
        ("verbose", b(false)),
        ("bytes_warning", b(false)),
        ("quiet", b(false)),
        ("hash_randomization", b(true)),
        ("isolated", b(c.isolated)),
        ("dev_mode", rt().false_.clone()),
        ("utf8_mode", b(false)),
        ("warn_default_encoding", b(false)),
        ("safe_path", rt().bool_value(c.isolated)),
        ("int_max_str_digits", int::from_i64(-1)),
    ];
    let (names, values): (Vec<&str>, Vec<Value>) = rows.into_iter().unzip();
    struct_seq("flags", &names, values)
}

/// `sys.float_info` (IEEE 754 binary64, as on every platform Taipan runs on).
fn float_info() -> PyResult<Value> {
    let rows: [(&str, Value); 11] = [
        ("max", Value::float(f64::MAX)),
        ("max_exp", int::from_i64(f64::MAX_EXP as i64)),
        ("max_10_exp", int::from_i64(f64::MAX_10_EXP as i64)),
        ("min", Value::float(f64::MIN_POSITIVE)),
        ("min_exp", int::from_i64(f64::MIN_EXP as i64)),
        ("min_10_exp", int::from_i64(f64::MIN_10_EXP as i64)),
        ("dig", int::from_i64(f64::DIGITS as i64)),
        ("mant_dig", int::from_i64(f64::MANTISSA_DIGITS as i64)),
        ("epsilon", Value::float(f64::EPSILON)),
        ("radix", int::from_i64(f64::RADIX as i64)),
        ("rounds", int::from_i64(1)),
    ];
    let (names, values): (Vec<&str>, Vec<Value>) = rows.into_iter().unzip();
    struct_seq("float_info", &names, values)
}

/// `sys.hash_info`: CPython's numeric hashing (`crate::hashing`) and
/// SipHash-1-3 for str/bytes, on a 64-bit build.
fn hash_info() -> PyResult<Value> {
    let rows: [(&str, Value); 9] = [
        ("width", int::from_i64(64)),
        ("modulus", int::from_i64((1i64 << 61) - 1)),
        ("inf", int::from_i64(314_159)),
        ("nan", int::from_i64(0)),
        ("imag", int::from_i64(1_000_003)),
        ("algorithm", pystr::new("siphash13")),
        ("hash_bits", int::from_i64(64)),
        ("seed_bits", int::from_i64(128)),
        ("cutoff", int::from_i64(0)),
    ];
    let (names, values): (Vec<&str>, Vec<Value>) = rows.into_iter().unzip();
    struct_seq("hash_info", &names, values)
}

/// The current value of `sys.NAME` (None if unset).
pub fn get_attr(name: &str) -> Option<Value> {
    let d = module().ok().and_then(|m| module::dict_of(&m))?;
    dict::get_str(&d, &pystr::intern(name))
}

/// `sys.implementation`: a simple namespace object (a module instance
/// stands in for `types.SimpleNamespace`).
fn implementation() -> PyResult<Value> {
    let ns = module::new_module("implementation");
    let d = module::dict_of(&ns).expect("module dict");
    dict::set_str(&d, "name", pystr::new("taipan"));
    dict::set_str(&d, "cache_tag", pystr::new("taipan-311"));
    let vi = tuple::new(vec![
        int::from_i64(0),
        int::from_i64(1),
        int::from_i64(0),
        pystr::new("alpha"),
        int::from_i64(0),
    ]);
    dict::set_str(&d, "version", vi);
    dict::set_str(&d, "hexversion", int::from_i64(0x000100A0));
    // sysconfig names its `_sysconfigdata_*` module after the multiarch triplet.
    let multiarch = format!("{}-{}-gnu", std::env::consts::ARCH, std::env::consts::OS);
    dict::set_str(&d, "_multiarch", pystr::new(&multiarch));
    Ok(ns)
}

/// The current `sys.stdout` / `sys.stderr` object.
pub fn std_stream(name: &str) -> Value {
    let s =
        module().ok().and_then(|m| module::dict_of(&m)).and_then(|d| dict::get_str(&d, &pystr::intern(name)));
    s.unwrap_or_else(|| rt().none.clone())
}

fn sys_exit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let a: Vec<Value> = args[1..npos].to_vec();
    Err(exc::new_exception(&rt().exc.system_exit, a))
}

fn sys_getrecursionlimit(_: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(int::from_usize(rt().recursion_limit.get()))
}

fn sys_setrecursionlimit(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("setrecursionlimit", args, 2, 2)?;
    let n = int::index_value(&args[1])?.ok_or_else(|| exc::type_error("an integer is required"))?;
    if n < 1 {
        return Err(exc::value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = rt().thread.depth.get();
    if (n as usize) <= depth {
        return Err(exc::recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
        )));
    }
    rt().recursion_limit.set(n as usize);
    Ok(rt().none.clone())
}

/// `sys._getframe([depth])`: the frame object `depth` calls up.
fn sys_getframe(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_getframe", args, 1, 2)?;
    let depth = match args.get(1) {
        Some(d) => int::index_value(d)?.ok_or_else(|| {
            exc::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::types::type_name(d)
            ))
        })?,
        None => 0,
    };
    crate::objects::frame_object::at_depth(depth)
}

fn sys_exc_info(_: &[Value], _: &[Value]) -> PyResult<Value> {
    let h = rt().thread.handled.get();
    if h.is_null() {
        let n = rt().none.clone();
        return Ok(tuple::new(vec![n.clone(), n.clone(), n]));
    }
    let tb = crate::objects::exc_objects::data(&h).map(|d| d.traceback.get()).unwrap_or_default();
    let tb = if tb.is_null() { rt().none.clone() } else { tb };
    Ok(tuple::new(vec![crate::types::type_of(&h), h, tb]))
}

/// `sys.excepthook(type, value, traceback)`: prints `value` (with its
/// own traceback and chain) to stderr as an uncaught exception.
fn sys_excepthook(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("excepthook", args, 4, 4)?;
    if crate::objects::exc_objects::data(&args[2]).is_none() {
        let what = crate::types::type_name(&args[2]);
        return Err(exc::type_error(format!(
            "print_exception(): Exception expected for value, {what} found"
        )));
    }
    crate::traceback::write_to_stderr(&crate::traceback::format_exception(&PyErr(args[2].clone())))?;
    Ok(rt().none.clone())
}

fn sys_exception(_: &[Value], _: &[Value]) -> PyResult<Value> {
    let h = rt().thread.handled.get();
    Ok(if h.is_null() { rt().none.clone() } else { h })
}

/// `sys.set_int_max_str_digits(maxdigits)`.
fn sys_set_int_max_str_digits(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = crate::objects::split_kwargs(&args[1..], kwnames);
    let value = match (pos.first(), kws.first()) {
        (Some(v), None) => v.clone(),
        (None, Some(("maxdigits", v))) => (*v).clone(),
        _ => return Err(exc::type_error("set_int_max_str_digits() takes exactly one argument 'maxdigits'")),
    };
    let n = int::index_value(&value)?.ok_or_else(|| exc::type_error("an integer is required"))?;
    crate::numbers::int_text::set_int_max_str_digits(n).map_err(crate::format::num_error)?;
    Ok(rt().none.clone())
}

// BEGIN stdlib_module_names
/// `sys.stdlib_module_names` (CPython 3.11's, generated by scripts/gen_stdlib_module_names.py).
const STDLIB_MODULE_NAMES: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bootsubprocess",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_crypt",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_io",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_msi",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydecimal",
    "_pyio",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_symtable",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_zoneinfo",
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];
// END stdlib_module_names
