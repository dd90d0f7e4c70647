//! The `gc` module: the interface to the cycle collector in `crate::gc`.

use crate::exceptions::PyResult;
use crate::objects::{dict, int, m, module, Method};
use crate::runtime::rt;
use crate::value::Value;

/// Builds the `gc` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_module("gc");
    let d = module::dict_of(&md).expect("module dict");
    let rows: &[Method] = &[
        m("collect", |_, _| Ok(int::from_usize(crate::gc::collect()))),
        m("enable", |_, _| Ok(rt().none.clone())),
        m("disable", |_, _| Ok(rt().none.clone())),
        m("isenabled", |_, _| Ok(rt().true_.clone())),
    ];
    for row in rows {
        dict::set_str(
            &d,
            row.name,
            crate::objects::function::new_builtin(row.name, row.func, row.kw, md.clone()),
        );
    }
    Ok(md)
}
