//! The `_ast` module: Python's AST classes (`AST` and one class per node of
//! CPython 3.11's `Python.asdl`, with its class hierarchy, `_fields`,
//! `_attributes`, `__match_args__` and constructor), plus the two
//! conversions behind `compile()`: a parsed tree to these objects
//! (`to_py.rs`, for `PyCF_ONLY_AST`) and objects back to a tree
//! (`from_py.rs`, then `validate.rs`: CPython's `_PyAST_Validate`).
//!
//! Nothing here lists nodes: the classes come from the parser's
//! `reflect::CLASSES` table, generated from `taipan_parser::ast`. The
//! classes are made once per interpreter thread, on first use (by `import
//! _ast` or by `compile()`), and are ordinary heap classes deriving from the
//! native `AST`, so Python code can subclass and pickle them.

mod from_py;
mod to_py;
mod validate;

pub use from_py::tree_from_object;
pub use to_py::tree_to_object;

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{dict, int, m, mk, module, object, str as pystr, tuple, Method};
use crate::runtime::rt;
use crate::types::{self, TF_BASETYPE, TF_HAS_DICT, TF_WEAKREFABLE};
use crate::value::Value;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;
use taipan_parser::reflect::{ClassInfo, CLASSES};

/// `compile()` flag: return the AST instead of a code object.
pub const PY_CF_ONLY_AST: i64 = 0x400;
/// `compile()` flag: keep `# type:` comments.
pub const PY_CF_TYPE_COMMENTS: i64 = 0x1000;
/// `compile()` flag: allow `await` at the top level.
pub const PY_CF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;

/// The position attributes of located nodes, in `_attributes` order.
const POSITION_NAMES: [&str; 4] = ["lineno", "col_offset", "end_lineno", "end_col_offset"];

/// The classes of one interpreter thread.
pub struct AstClasses {
    /// `ast.AST`.
    pub base: Value,
    /// Every class by name (`"expr"`, `"Name"`, …).
    by_name: HashMap<&'static str, Value>,
    /// The shared instance of each fieldless class (`Load`, `Add`, …), as
    /// CPython's converter uses.
    singletons: HashMap<&'static str, Value>,
}

impl AstClasses {
    /// The class called `name` (every name in `reflect::CLASSES` is there).
    pub fn class(&self, name: &str) -> PyResult<&Value> {
        self.by_name.get(name).ok_or_else(|| exc::system_error(format!("no AST class {name}")))
    }
}

crate::interp_static! {
    static CLASSES_OF_THREAD: OnceCell<Rc<AstClasses>> = const { OnceCell::new() };
}

/// The AST classes, made on first use.
pub fn classes() -> PyResult<Rc<AstClasses>> {
    if let Some(c) = CLASSES_OF_THREAD.with(|c| c.get().cloned()) {
        return Ok(c);
    }
    let made = Rc::new(make_classes()?);
    CLASSES_OF_THREAD.with(|c| {
        let _ = c.set(made.clone());
    });
    Ok(made)
}

/// Whether `v` is an `ast.AST` instance (never before the classes exist,
/// so `compile()` of source text does not make them).
pub fn is_ast_object(v: &Value) -> bool {
    CLASSES_OF_THREAD.with(|c| c.get().is_some_and(|all| types::is_instance(v, &all.base)))
}

const AST_METHODS: &[Method] = &[mk("__init__", ast_init), m("__reduce__", ast_reduce)];

fn make_classes() -> PyResult<AstClasses> {
    let base = object::new_native_type::<()>(
        "AST",
        "ast",
        &rt().types.object,
        TF_BASETYPE | TF_HAS_DICT | TF_WEAKREFABLE,
        AST_METHODS,
        &[],
    );
    let ns = types::type_payload(&base).dict();
    dict::set_str(ns, "_fields", tuple::new(Vec::new()));
    dict::set_str(ns, "_attributes", tuple::new(Vec::new()));
    dict::set_str(ns, "__match_args__", tuple::new(Vec::new()));
    types::type_modified(&base);
    let mut by_name = HashMap::new();
    let mut singletons = HashMap::new();
    for info in CLASSES.iter().flat_map(|family| family.iter()) {
        let parent = if info.base == "AST" { base.clone() } else { by_name_get(&by_name, info.base)? };
        let cls = make_class(info, &parent)?;
        if !info.is_abstract && info.fields.is_empty() && !has_positions(info) {
            singletons.insert(info.name, crate::heap::alloc(&cls, ()));
        }
        by_name.insert(info.name, cls);
    }
    Ok(AstClasses { base, by_name, singletons })
}

fn by_name_get(by_name: &HashMap<&'static str, Value>, name: &str) -> PyResult<Value> {
    by_name.get(name).cloned().ok_or_else(|| exc::system_error(format!("AST base {name} defined after use")))
}

/// Whether instances of the class carry positions (its own or its base's).
fn has_positions(info: &ClassInfo) -> bool {
    info.positions || CLASSES.iter().flat_map(|f| f.iter()).any(|c| c.name == info.base && c.positions)
}

/// `type(name, (parent,), namespace)` for one node class.
fn make_class(info: &'static ClassInfo, parent: &Value) -> PyResult<Value> {
    let ns = dict::new_dict();
    let names = |list: &mut dyn Iterator<Item = &'static str>| tuple::new(list.map(pystr::intern).collect());
    let fields = names(&mut info.fields.iter().map(|f| f.name));
    dict::set_str(&ns, "_fields", fields.clone());
    dict::set_str(&ns, "__match_args__", fields);
    dict::set_str(&ns, "__module__", pystr::intern("ast"));
    dict::set_str(&ns, "__doc__", pystr::from_string(doc_of(info)));
    if info.is_abstract || info.positions {
        let attrs = if info.positions { &POSITION_NAMES[..] } else { &[] };
        dict::set_str(&ns, "_attributes", names(&mut attrs.iter().copied()));
    }
    if info.positions && !info.end_required {
        dict::set_str(&ns, "end_lineno", rt().none.clone());
        dict::set_str(&ns, "end_col_offset", rt().none.clone());
    }
    for field in info.fields.iter().filter(|f| f.card == taipan_parser::reflect::Card::Opt) {
        dict::set_str(&ns, field.name, rt().none.clone());
    }
    let args = [pystr::intern(info.name), tuple::new(vec![parent.clone()]), ns];
    crate::call::call(&rt().types.type_, &args, &[])
}

/// The class's `__doc__`: its ASDL signature, or for an abstract class
/// `expr_context = Load | Store | Del` with one line per constructor.
fn doc_of(info: &ClassInfo) -> String {
    if !info.is_abstract {
        return info.signature();
    }
    let family = CLASSES.iter().find(|f| f.first().is_some_and(|c| c.name == info.name));
    let subs: Vec<String> =
        family.map(|f| f[1..].iter().map(ClassInfo::signature).collect()).unwrap_or_default();
    let one_line = subs.iter().all(|s| !s.contains('('));
    let pad = " ".repeat(info.name.len() + 1);
    let joiner = if one_line { " | ".to_owned() } else { format!("\n{pad}| ") };
    format!("{} = {}", info.name, subs.join(&joiner))
}

/// `AST.__init__(self, *args, **kwargs)`: positional arguments fill
/// `_fields` in order, keywords set any attribute.
fn ast_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (this, rest) = args.split_first().ok_or_else(|| exc::type_error("AST.__init__ needs self"))?;
    let npos = rest.len() - kwnames.len();
    let cls = types::type_of(this);
    let fields = match crate::attr::getattr_opt(&cls, &pystr::intern("_fields"))? {
        Some(f) => crate::ops::collect(&f)?,
        None => Vec::new(),
    };
    if npos > fields.len() {
        return Err(exc::type_error(format!(
            "{} constructor takes at most {} positional argument{}",
            types::type_payload(&cls).name(),
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        )));
    }
    for (name, value) in fields.iter().zip(&rest[..npos]) {
        crate::attr::setattr(this, name, value.clone())?;
    }
    for (key, value) in kwnames.iter().zip(&rest[npos..]) {
        for positional in &fields[..npos] {
            if crate::ops::eq(positional, key)? {
                return Err(exc::type_error(format!(
                    "{} got multiple values for argument '{}'",
                    types::type_payload(&cls).name(),
                    pystr::as_str(key).unwrap_or("")
                )));
            }
        }
        crate::attr::setattr(this, key, value.clone())?;
    }
    Ok(rt().none.clone())
}

/// `AST.__reduce__`: `(type(self), (), self.__dict__)`, or without the dict
/// when there is none.
fn ast_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let this = &args[0];
    let cls = types::type_of(this);
    let empty = tuple::new(Vec::new());
    match object::instance_dict(this) {
        Some(d) => Ok(tuple::new(vec![cls, empty, d])),
        None => Ok(tuple::new(vec![cls, empty])),
    }
}

/// Builds the `_ast` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_native_module("_ast", &[]);
    let all = classes()?;
    module::set_attr(&md, "AST", all.base.clone());
    for info in CLASSES.iter().flat_map(|family| family.iter()) {
        module::set_attr(&md, info.name, all.class(info.name)?.clone());
    }
    module::set_attr(&md, "PyCF_ONLY_AST", int::from_i64(PY_CF_ONLY_AST));
    module::set_attr(&md, "PyCF_TYPE_COMMENTS", int::from_i64(PY_CF_TYPE_COMMENTS));
    module::set_attr(&md, "PyCF_ALLOW_TOP_LEVEL_AWAIT", int::from_i64(PY_CF_ALLOW_TOP_LEVEL_AWAIT));
    Ok(md)
}
