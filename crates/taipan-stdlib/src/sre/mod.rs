//! `_sre` (CPython's `Modules/_sre/`): the regular-expression engine under
//! the pure-Python `re` package. `re/_compiler.py` turns a pattern into a
//! list of code words and calls `_sre.compile`; this module keeps that code
//! in a `Pattern` and runs it.
//!
//! Files: `opcodes.rs` (the numbers of the code), `chars.rs` (character
//! classes and case folding), `engine.rs` (the backtracking matcher, with
//! an explicit stack), `subject.rs` (str / bytes-like subjects and
//! slicing), `pattern.rs` (`re.Pattern`), `matchobj.rs` (`re.Match` and
//! the scanner), `args.rs` (argument parsing with CPython's messages).
//! Errors of the pattern syntax are raised by `re/_parser.py`; the ones
//! raised here (wrong subject type, bad group) carry CPython's messages.

mod args;
mod chars;
mod engine;
mod matchobj;
mod opcodes;
mod pattern;
mod subject;

use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{check_args, int, m, mk, module, str as pystr, Method};
use taipan_vm::runtime::rt;
use taipan_vm::Value;

taipan_vm::interp_static! {
    static TYPES: OnceCell<[Value; 3]> = const { OnceCell::new() };
}

/// `[re.Pattern, re.Match, _sre.SRE_Scanner]`.
fn types() -> [Value; 3] {
    TYPES.with(|c| c.get_or_init(make_types).clone())
}

fn make_types() -> [Value; 3] {
    let object = &rt().types.object;
    let new = taipan_vm::objects::object::new_native_type::<pattern::PatternData>;
    let weak = taipan_vm::types::TF_WEAKREFABLE;
    let pattern = new("Pattern", "re", object, weak, pattern::METHODS, pattern::GETSETS);
    let new = taipan_vm::objects::object::new_native_type::<matchobj::MatchData>;
    let matchty = new("Match", "re", object, 0, matchobj::METHODS, matchobj::GETSETS);
    let new = taipan_vm::objects::object::new_native_type::<matchobj::ScannerData>;
    let scanner = new("SRE_Scanner", "_sre", object, 0, matchobj::SCANNER_METHODS, matchobj::SCANNER_GETSETS);
    [pattern, matchty, scanner]
}

const FUNCTIONS: &[Method] = &[
    mk("compile", pattern::compile),
    m("getcodesize", |a, _| {
        check_args("getcodesize", a, 1, 1)?;
        Ok(int::from_i64(opcodes::CODESIZE.into()))
    }),
    m("ascii_iscased", |a, _| char_fn(a, "ascii_iscased", |c| rt().bool_value(chars::ascii_iscased(c)))),
    m("unicode_iscased", |a, _| {
        char_fn(a, "unicode_iscased", |c| rt().bool_value(chars::unicode_iscased(c)))
    }),
    m("ascii_tolower", |a, _| char_fn(a, "ascii_tolower", |c| int::from_i64(chars::lower_ascii(c).into()))),
    m("unicode_tolower", |a, _| {
        char_fn(a, "unicode_tolower", |c| int::from_i64(chars::lower_unicode(c).into()))
    }),
];

/// A module function of one `int` character argument (`args[0]` is the module).
fn char_fn(args: &[Value], name: &str, f: impl Fn(u32) -> Value) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(exc::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len() - 1
        )));
    }
    let Some(ch) = int::index_value(&args[1])?.filter(|_| int::is_int(&args[1])) else {
        return Err(exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            taipan_vm::types::type_name(&args[1])
        )));
    };
    let ch =
        i32::try_from(ch).map_err(|_| exc::overflow_error("Python int too large to convert to C int"))?;
    Ok(f(ch as u32))
}

/// Builds the `_sre` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_native_module("_sre", FUNCTIONS);
    module::set_attr(&md, "MAGIC", int::from_i64(opcodes::MAGIC.into()));
    module::set_attr(&md, "CODESIZE", int::from_i64(opcodes::CODESIZE.into()));
    module::set_attr(&md, "MAXREPEAT", int::from_i64(opcodes::MAXREPEAT.into()));
    module::set_attr(&md, "MAXGROUPS", int::from_i64(opcodes::MAXGROUPS.into()));
    module::set_attr(&md, "copyright", pystr::new(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "));
    Ok(md)
}
