//! The `_warnings` module: `warn`/`warn_explicit` with CPython 3.11's
//! filter semantics (the `filters` list, `_defaultaction`,
//! `_onceregistry`, per-module `__warningregistry__` invalidated by
//! `_filters_mutated`). Once `warnings` is imported its `filters`,
//! `defaultaction`, `_onceregistry` and `_showwarnmsg` take over, as in
//! CPython; before that a warning is printed to `sys.stderr` as
//! `FILE:LINE: Category: message` followed by the source line.

use super::native::{self, bind, given, int_arg, none};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::{dict, int, list, m, mk, str as pystr, tuple, Method};
use crate::runtime::rt;
use crate::types::{self, type_name};
use crate::value::Value;
use std::cell::{Cell, OnceCell};

/// The module's own state (shared with `warnings.py` by object identity).
struct State {
    filters: Value,
    onceregistry: Value,
    defaultaction: Value,
    version: Cell<i64>,
}

crate::interp_static! {
    static STATE: OnceCell<State> = const { OnceCell::new() };
}

fn with_state<R>(f: impl FnOnce(&State) -> R) -> R {
    STATE.with(|s| {
        f(s.get_or_init(|| State {
            filters: list::new(default_filters()),
            onceregistry: dict::new_dict(),
            defaultaction: pystr::intern("default"),
            version: Cell::new(1),
        }))
    })
}

/// CPython 3.11's default filters (a release build).
fn default_filters() -> Vec<Value> {
    let e = &rt().exc;
    let none = none();
    let filter = |action: &str, cat: &Value, module: Value| {
        tuple::new(vec![pystr::intern(action), none.clone(), cat.clone(), module, int::from_i64(0)])
    };
    vec![
        filter("default", &e.deprecation_warning, pystr::new("__main__")),
        filter("ignore", &e.deprecation_warning, none.clone()),
        filter("ignore", &e.pending_deprecation_warning, none.clone()),
        filter("ignore", &e.import_warning, none.clone()),
        filter("ignore", &e.resource_warning, none.clone()),
    ]
}

const FUNCTIONS: &[Method] = &[
    mk("warn", warnings_warn),
    mk("warn_explicit", warnings_warn_explicit),
    m("_filters_mutated", |_, _| {
        with_state(|s| s.version.set(s.version.get() + 1));
        Ok(none())
    }),
];

/// Builds the `_warnings` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_warnings", FUNCTIONS);
    with_state(|s| {
        dict::set_str(&d, "filters", s.filters.clone());
        dict::set_str(&d, "_onceregistry", s.onceregistry.clone());
        dict::set_str(&d, "_defaultaction", s.defaultaction.clone());
    });
    Ok(md)
}

/// Issues a warning of class `category` from native code (as
/// `PyErr_WarnEx`); an "error" filter turns it into the returned error.
pub fn warn(category: &Value, message: &str, stacklevel: usize) -> PyResult<()> {
    let ctx = setup_context(stacklevel as i64)?;
    warn_explicit(category, &pystr::new(message), &ctx, None)
}

/// Where a warning is attributed.
struct Context {
    filename: Value,
    lineno: i64,
    module: Value,
    registry: Option<Value>,
}

/// `warnings` if it has been imported (its attributes then rule).
fn warnings_module() -> Option<Value> {
    let modules = rt().modules.get()?;
    dict::get_str(modules, &pystr::intern("warnings"))
}

fn warnings_attr(name: &str) -> Option<Value> {
    let w = warnings_module()?;
    crate::attr::getattr_opt(&w, &pystr::intern(name)).ok().flatten()
}

/// The category for `warn(message, category)`.
fn get_category(message: &Value, category: Option<&Value>) -> PyResult<Value> {
    let warning = &rt().exc.warning;
    if types::is_instance(message, warning) {
        return Ok(types::type_of(message));
    }
    let Some(cat) = category else { return Ok(rt().exc.user_warning.clone()) };
    if types::as_type(cat).is_none() || !types::is_subtype(cat, warning) {
        return Err(exc::type_error(format!(
            "category must be a Warning subclass, not '{}'",
            type_name(cat)
        )));
    }
    Ok(cat.clone())
}

/// The file, line, module and registry of the frame `stacklevel` up.
fn setup_context(stacklevel: i64) -> PyResult<Context> {
    let frame_info = {
        let frames = rt().thread.frames.borrow();
        let up = stacklevel.max(1) as usize;
        frames.len().checked_sub(up).map(|i| {
            let f = &frames[i];
            let cd = f.code_data();
            (cd.filename.clone(), cd.line_of(f.lasti as u32) as i64, f.globals.clone())
        })
    };
    let (filename, lineno, globals) = match frame_info {
        Some(x) => x,
        None => {
            let sys = super::sys::module()?;
            let g = crate::objects::module::dict_of(&sys).unwrap_or_else(dict::new_dict);
            (pystr::new("sys"), 1, g)
        }
    };
    let registry = match dict::get_str(&globals, &pystr::intern("__warningregistry__")) {
        Some(r) => r,
        None => {
            let r = dict::new_dict();
            dict::set_str(&globals, "__warningregistry__", r.clone());
            r
        }
    };
    let module =
        dict::get_str(&globals, &pystr::intern("__name__")).unwrap_or_else(|| pystr::new("<string>"));
    Ok(Context { filename, lineno, module, registry: Some(registry) })
}

/// `warn(message, category=None, stacklevel=1, source=None)`.
fn warnings_warn(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("warn", &args[1..], kwnames, &["message", "category", "stacklevel", "source"], 1)?;
    let message = a[0].clone().expect("required");
    let category = get_category(&message, given(&a[1]))?;
    let stacklevel = match &a[2] {
        Some(v) => int_arg(v, "")?,
        None => 1,
    };
    let ctx = setup_context(stacklevel)?;
    warn_explicit(&category, &message, &ctx, given(&a[3]))?;
    Ok(none())
}

/// `warn_explicit(message, category, filename, lineno, module=None,
/// registry=None, module_globals=None, source=None)`.
fn warnings_warn_explicit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names =
        ["message", "category", "filename", "lineno", "module", "registry", "module_globals", "source"];
    let a = bind("warn_explicit", &args[1..], kwnames, &names, 4)?;
    let message = a[0].clone().expect("required");
    let category = a[1].clone().expect("required");
    let filename = a[2].clone().expect("required");
    if !pystr::is_str(&filename) {
        return Err(exc::type_error(format!(
            "warn_explicit() argument 'filename' must be str, not {}",
            type_name(&filename)
        )));
    }
    let lineno = int_arg(a[3].as_ref().expect("required"), "")?;
    let module = match given(&a[4]) {
        Some(mv) => mv.clone(),
        None => module_from_filename(&filename),
    };
    let ctx = Context { filename, lineno, module, registry: given(&a[5]).cloned() };
    let category = if category.is(&rt().none) { rt().exc.user_warning.clone() } else { category };
    warn_explicit(&category, &message, &ctx, given(&a[7]))?;
    Ok(none())
}

/// The module name implied by a file name (`x.py` → `x`).
fn module_from_filename(filename: &Value) -> Value {
    let s = pystr::as_str(filename).unwrap_or("");
    if s.is_empty() {
        return pystr::new("<unknown>");
    }
    match s.strip_suffix(".py") {
        Some(stem) => pystr::new(stem),
        None => filename.clone(),
    }
}

/// The filters' version (`warnings._filters_version` once imported).
fn filters_version() -> i64 {
    with_state(|s| s.version.get())
}

/// The core of `warn_explicit`: filters, registries, then showing.
fn warn_explicit(category: &Value, message: &Value, ctx: &Context, source: Option<&Value>) -> PyResult<()> {
    if let Some(reg) = &ctx.registry {
        if dict::data(reg).is_none() {
            return Err(exc::type_error("'registry' must be a dict or None"));
        }
        let version = int::from_i64(filters_version());
        let current = dict::get_str(reg, &pystr::intern("version"));
        if !current.is_some_and(|v| crate::ops::eq(&v, &version).unwrap_or(false)) {
            crate::attr::call_method(reg, "clear", &[])?;
            dict::set_str(reg, "version", version);
        }
    }
    let (text, category, instance) = if types::is_instance(message, &rt().exc.warning) {
        (crate::ops::str_(message)?, types::type_of(message), message.clone())
    } else {
        let inst = crate::call::call(category, std::slice::from_ref(message), &[])?;
        (message.clone(), category.clone(), inst)
    };
    let lineno = int::from_i64(ctx.lineno);
    let key = tuple::new(vec![text.clone(), category.clone(), lineno.clone()]);
    if let Some(reg) = &ctx.registry {
        if dict::get_item(reg, &key)?.is_some_and(|v| crate::ops::truthy(&v).unwrap_or(false)) {
            return Ok(());
        }
    }
    let action = get_filter_action(&category, &text, ctx.lineno, &ctx.module)?;
    let action_s = pystr::as_str(&action).unwrap_or("").to_string();
    match action_s.as_str() {
        "error" => return Err(PyErr(instance)),
        "ignore" => return Ok(()),
        _ => {}
    }
    if action_s != "always" {
        if let Some(reg) = &ctx.registry {
            dict::set_item(reg, key, rt().true_.clone())?;
        }
        match action_s.as_str() {
            "once" => {
                let once =
                    warnings_attr("_onceregistry").unwrap_or_else(|| with_state(|s| s.onceregistry.clone()));
                let k = tuple::new(vec![text.clone(), category.clone()]);
                if already_warned(&once, k)? {
                    return Ok(());
                }
            }
            "module" => {
                if let Some(reg) = &ctx.registry {
                    let k = tuple::new(vec![text.clone(), category.clone(), int::from_i64(0)]);
                    if already_warned(reg, k)? {
                        return Ok(());
                    }
                }
            }
            "default" => {}
            _ => {
                return Err(exc::runtime_error(format!(
                    "Unrecognized action ({}) in warnings.filters:\n {}",
                    crate::ops::repr_string(&action)?,
                    action_s
                )))
            }
        }
    }
    show_warning(&instance, &category, ctx, source)
}

/// Marks `key` in `registry`; whether it was already there.
fn already_warned(registry: &Value, key: Value) -> PyResult<bool> {
    if let Some(v) = crate::ops::getitem_opt(registry, &key)? {
        if crate::ops::truthy(&v)? {
            return Ok(true);
        }
    }
    crate::ops::setitem(registry, key, rt().true_.clone())?;
    Ok(false)
}

/// A filter's message or module pattern matches (None matches anything,
/// a str must be equal, anything else is a compiled regex).
fn check_matched(pattern: &Value, arg: &Value) -> PyResult<bool> {
    if pattern.is(&rt().none) {
        return Ok(true);
    }
    if pystr::is_exact(pattern) {
        return crate::ops::eq(pattern, arg);
    }
    crate::ops::truthy(&crate::attr::call_method(pattern, "match", std::slice::from_ref(arg))?)
}

/// The action of the first matching filter, else the default action.
fn get_filter_action(category: &Value, text: &Value, lineno: i64, module: &Value) -> PyResult<Value> {
    let filters = warnings_attr("filters").unwrap_or_else(|| with_state(|s| s.filters.clone()));
    let Some(items) = list::snapshot(&filters) else {
        return Err(exc::value_error("_warnings.filters must be a list"));
    };
    for (i, item) in items.iter().enumerate() {
        let t = tuple::items(item)
            .filter(|t| t.len() == 5)
            .ok_or_else(|| exc::value_error(format!("_warnings.filters item {i} isn't a 5-tuple")))?;
        let (action, msg, cat, modpat) = (&t[0], &t[1], &t[2], &t[3]);
        let ln = int_arg(&t[4], "")?;
        if check_matched(msg, text)?
            && types::as_type(cat).is_some()
            && types::is_subtype(category, cat)
            && check_matched(modpat, module)?
            && (ln == 0 || ln == lineno)
        {
            return Ok(action.clone());
        }
    }
    Ok(warnings_attr("defaultaction").unwrap_or_else(|| with_state(|s| s.defaultaction.clone())))
}

/// Shows a warning through `warnings._showwarnmsg` when `warnings` is
/// imported, else writes it to `sys.stderr`.
fn show_warning(message: &Value, category: &Value, ctx: &Context, source: Option<&Value>) -> PyResult<()> {
    if let (Some(show), Some(cls)) = (warnings_attr("_showwarnmsg"), warnings_attr("WarningMessage")) {
        let n = none();
        let args = [
            message.clone(),
            category.clone(),
            ctx.filename.clone(),
            int::from_i64(ctx.lineno),
            n.clone(),
            n.clone(),
            source.cloned().unwrap_or(n),
        ];
        let msg = crate::call::call(&cls, &args, &[])?;
        crate::call::call(&show, &[msg], &[])?;
        return Ok(());
    }
    let name = crate::attr::getattr_str(category, "__name__")?;
    let mut text = format!(
        "{}:{}: {}: {}\n",
        crate::ops::str_string(&ctx.filename)?,
        ctx.lineno,
        crate::ops::str_string(&name)?,
        crate::ops::str_string(message)?
    );
    if let Some(line) = source_line(&ctx.filename, ctx.lineno) {
        text.push_str(&format!("  {line}\n"));
    }
    let stderr = super::sys::std_stream("stderr");
    if !stderr.is(&rt().none) {
        crate::attr::call_method(&stderr, "write", &[pystr::from_string(text)])?;
    }
    Ok(())
}

/// Line `lineno` of file `filename`, stripped (None when unreadable).
fn source_line(filename: &Value, lineno: i64) -> Option<String> {
    let path = pystr::as_str(filename)?;
    let text = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().nth(usize::try_from(lineno).ok()?.checked_sub(1)?)?;
    let line = line.trim();
    (!line.is_empty()).then(|| line.to_string())
}
