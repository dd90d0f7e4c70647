//! `_ast` objects → a tree the compiler takes (`compile(tree, ...)`): the
//! `reflect::Source` that reads attributes and checks classes with the
//! messages of CPython's `obj2ast_*` (`required field "lineno" missing from
//! stmt`, `expected some sort of expr, but got 3`, …), then `validate.rs`.
//! Nesting is bounded by `sys.getrecursionlimit()`, so a cyclic tree is a
//! `RecursionError`, not a crash.

use super::{classes, AstClasses, POSITION_NAMES};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::{bytes, complex, dict, float, int, list, object, str as pystr, tuple};
use crate::runtime::rt;
use crate::types::{self, type_name};
use crate::value::Value;
use taipan_parser::ast::{Constant, Identifier, Int, Mod, PyStr};
use taipan_parser::reflect::{FromObj, Source};

/// The tree of the `_ast` object `obj` for `compile()`'s `mode` (`exec`,
/// `eval`, `single`, `func_type`), validated as CPython does.
pub fn tree_from_object(obj: &Value, mode: &str) -> PyResult<Mod> {
    let all = classes()?;
    let expected = match mode {
        "exec" => "Module",
        "eval" => "Expression",
        "single" => "Interactive",
        "func_type" => "FunctionType",
        _ => return Err(exc::value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    if !types::is_instance(obj, all.class(expected)?) {
        return Err(exc::type_error(format!("expected {expected} node, got {}", type_name(obj))));
    }
    let mut source = FromPy { classes: &all, depth: 0, limit: rt().recursion_limit.get() };
    let tree = Mod::from_obj(&mut source, obj)?;
    super::validate::module(&tree)?;
    Ok(tree)
}

struct FromPy<'a> {
    classes: &'a AstClasses,
    depth: usize,
    limit: usize,
}

impl Source for FromPy<'_> {
    type Obj = Value;
    type Err = PyErr;

    fn is_instance(&mut self, obj: &Value, class: &'static str) -> PyResult<bool> {
        Ok(types::is_instance(obj, self.classes.class(class)?))
    }

    fn is_none(&self, obj: &Value) -> bool {
        obj.is(&rt().none)
    }

    fn attr(&mut self, obj: &Value, name: &'static str) -> PyResult<Option<Value>> {
        crate::attr::getattr_opt(obj, &pystr::intern(name))
    }

    fn items(&mut self, value: &Value, node: &'static str, field: &'static str) -> PyResult<Vec<Value>> {
        list::snapshot(value).ok_or_else(|| {
            exc::type_error(format!("{node} field \"{field}\" must be a list, not a {}", type_name(value)))
        })
    }

    fn identifier(&mut self, obj: &Value) -> PyResult<Identifier> {
        if !pystr::is_exact(obj) {
            return Err(exc::type_error("AST identifier must be of type str"));
        }
        Ok(Identifier::from(pystr::as_str(obj).unwrap_or("")))
    }

    fn string(&mut self, obj: &Value) -> PyResult<String> {
        if !pystr::is_exact(obj) {
            return Err(exc::type_error("AST string must be of type str"));
        }
        Ok(pystr::as_str(obj).unwrap_or("").to_owned())
    }

    fn int(&mut self, obj: &Value) -> PyResult<i32> {
        if !int::is_int(obj) {
            let shown = crate::ops::repr_string(obj)?;
            return Err(exc::value_error(format!("invalid integer value: {shown}")));
        }
        int::to_i64(obj)
            .and_then(|i| i32::try_from(i).ok())
            .ok_or_else(|| exc::overflow_error("Python int too large to convert to C int"))
    }

    fn constant(&mut self, obj: &Value) -> PyResult<Constant> {
        constant_of(obj)
    }

    fn missing(&mut self, node: &'static str, field: &'static str) -> PyErr {
        exc::type_error(format!("required field \"{field}\" missing from {node}"))
    }

    fn required(&mut self, node: &'static str, field: &'static str) -> PyErr {
        exc::value_error(format!("field '{field}' is required for {node}"))
    }

    fn wrong_kind(&mut self, obj: &Value, expected: &'static str) -> PyErr {
        match crate::ops::repr_string(obj) {
            Ok(shown) => exc::type_error(format!("expected some sort of {expected}, but got {shown}")),
            Err(e) => e,
        }
    }

    fn enter(&mut self, kind: &'static str, obj: &Value) -> PyResult<Option<Value>> {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(exc::recursion_error(format!(
                "maximum recursion depth exceeded while traversing '{kind}' node"
            )));
        }
        if kind == "expr" {
            return self.tuple_constant_as_tuple(obj);
        }
        Ok(None)
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }
}

impl FromPy<'_> {
    /// A `Constant` holding a tuple (which CPython accepts, but the tree's
    /// `Constant` cannot hold) as the equivalent `Tuple` of `Constant`s in
    /// a load context: the compiler folds it back into one constant.
    fn tuple_constant_as_tuple(&mut self, obj: &Value) -> PyResult<Option<Value>> {
        if !types::is_instance(obj, self.classes.class("Constant")?) {
            return Ok(None);
        }
        let Some(value) = self.attr(obj, "value")? else {
            return Ok(None);
        };
        let Some(items) = tuple::items(&value) else {
            return Ok(None);
        };
        let mut positions = Vec::new();
        for name in POSITION_NAMES {
            if let Some(v) = self.attr(obj, name)? {
                positions.push((name, v));
            }
        }
        let node = |class: &Value, fields: Vec<(&str, Value)>| -> Value {
            let made = crate::heap::alloc(class, ());
            if let Some(d) = object::instance_dict(&made) {
                for (name, v) in fields.into_iter().chain(positions.iter().cloned()) {
                    dict::set_str(&d, name, v);
                }
            }
            made
        };
        let constant = self.classes.class("Constant")?;
        let elts: Vec<Value> =
            items.iter().map(|item| node(constant, vec![("value", item.clone())])).collect();
        let load = crate::heap::alloc(self.classes.class("Load")?, ());
        let fields = vec![("elts", list::new(elts)), ("ctx", load)];
        Ok(Some(node(self.classes.class("Tuple")?, fields)))
    }
}

/// The literal a `Constant` node holds. CPython also accepts frozensets of
/// constants there (its optimiser makes them); the tree's `Constant` has
/// no such value, so they are refused here (tuples: see `enter`).
fn constant_of(obj: &Value) -> PyResult<Constant> {
    let r = rt();
    if obj.is(&r.none) {
        return Ok(Constant::None);
    }
    if obj.is(&r.ellipsis) {
        return Ok(Constant::Ellipsis);
    }
    let ty = types::type_of(obj);
    if ty.is(&r.types.bool_) {
        return Ok(Constant::Bool(obj.is(&r.bool_value(true))));
    }
    if int::is_int(obj) {
        return Ok(match int::to_i64(obj) {
            Some(i) => Constant::Int(Int::Small(i)),
            None => Constant::Int(Int::from_big(int::to_bigint(obj).unwrap_or_default())),
        });
    }
    if let Some(f) = float::to_f64(obj) {
        return Ok(Constant::Float(f));
    }
    if let Some(c) = obj.downcast::<complex::ComplexData>() {
        return Ok(Constant::Complex { real: c.re, imag: c.im });
    }
    if let Some(text) = pystr::text(obj) {
        return Ok(Constant::Str(PyStr::from_wtf8(text.to_wtf8())));
    }
    if let Some(b) = bytes::as_bytes(obj) {
        return Ok(Constant::Bytes(b.to_vec()));
    }
    Err(exc::type_error(format!("got an invalid type in Constant: {}", type_name(obj))))
}
