//! A parsed tree → `_ast` objects (`compile(..., PyCF_ONLY_AST)`): the
//! `reflect::Sink` that allocates one instance per node and fills its
//! `__dict__` with the fields, then the four positions. Linear in the tree;
//! fieldless nodes (`Load`, `Add`, …) are shared instances, identifiers are
//! interned.

use super::{classes, AstClasses, POSITION_NAMES};
use crate::exceptions::{PyErr, PyResult};
use crate::objects::{bytes, complex, dict, int, list, object, str as pystr};
use crate::runtime::rt;
use crate::value::Value;
use taipan_parser::ast::{Constant, Int, Range};
use taipan_parser::reflect::{range_values, ClassInfo, Sink, ToObj};

/// The `_ast` object for `tree` (a `Mod`, or any node).
pub fn tree_to_object(tree: &impl ToObj) -> PyResult<Value> {
    let all = classes()?;
    tree.to_obj(&mut ToPy { classes: &all })
}

struct ToPy<'a> {
    classes: &'a AstClasses,
}

impl Sink for ToPy<'_> {
    type Obj = Value;
    type Err = PyErr;

    fn node(
        &mut self,
        class: &'static ClassInfo,
        fields: Vec<Value>,
        range: Option<Range>,
    ) -> PyResult<Value> {
        if let Some(shared) = self.classes.singletons.get(class.name) {
            return Ok(shared.clone());
        }
        let obj = crate::heap::alloc(self.classes.class(class.name)?, ());
        let Some(d) = object::instance_dict(&obj) else {
            return Ok(obj);
        };
        for (info, value) in class.fields.iter().zip(fields) {
            dict::set_str(&d, info.name, value);
        }
        if let Some(range) = range {
            for (name, value) in POSITION_NAMES.iter().zip(range_values(range)) {
                dict::set_str(&d, name, int::from_i64(value.into()));
            }
        }
        Ok(obj)
    }

    fn list(&mut self, items: Vec<Value>) -> PyResult<Value> {
        Ok(list::new(items))
    }

    fn none(&mut self) -> PyResult<Value> {
        Ok(rt().none.clone())
    }

    fn identifier(&mut self, name: &str) -> PyResult<Value> {
        Ok(pystr::intern(name))
    }

    fn string(&mut self, text: &str) -> PyResult<Value> {
        Ok(pystr::new(text))
    }

    fn int(&mut self, value: i32) -> PyResult<Value> {
        Ok(int::from_i64(value.into()))
    }

    fn constant(&mut self, value: &Constant) -> PyResult<Value> {
        Ok(constant_value(value))
    }
}

/// The Python value of a literal.
pub fn constant_value(value: &Constant) -> Value {
    let r = rt();
    match value {
        Constant::None => r.none.clone(),
        Constant::Bool(b) => r.bool_value(*b),
        Constant::Ellipsis => r.ellipsis.clone(),
        Constant::Str(s) => match s.as_str() {
            Some(text) => pystr::new(text),
            None => pystr::from_text(crate::text::Str::from_wtf8(s.as_bytes())),
        },
        Constant::Bytes(b) => bytes::new(b.clone()),
        Constant::Int(Int::Small(i)) => int::from_i64(*i),
        Constant::Int(Int::Big(b)) => int::from_bigint((**b).clone()),
        Constant::Float(f) => Value::float(*f),
        Constant::Complex { real, imag } => complex::new(*real, *imag),
    }
}
