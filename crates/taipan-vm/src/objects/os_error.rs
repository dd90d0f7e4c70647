//! `OSError` as CPython 3.11 builds it: `OSError(errno, strerror[,
//! filename[, winerror[, filename2]]])` picks the subclass for the errno
//! (`OSError(2, 'x')` is a `FileNotFoundError`), keeps `args` to
//! `(errno, strerror)` when a filename is given, and sets the `errno`,
//! `strerror`, `filename`, `filename2` attributes; `str()` is
//! `[Errno 2] No such file or directory: 'name'`. `from_errno` is the
//! constructor the native modules use for a failed system call.

use super::{mk, new_method, Method};
use crate::exceptions::{PyErr, PyResult};
use crate::runtime::{rt, Runtime};
use crate::value::Value;

/// The attributes `OSError` sets from its arguments.
/// (name, index of the constructor argument; 3 is Windows' `winerror`).
const ATTRS: [(&str, usize); 4] = [("errno", 0), ("strerror", 1), ("filename", 2), ("filename2", 4)];

const METHODS: &[Method] =
    &[new_method(os_error_new), mk("__init__", os_error_init), super::m("__str__", os_error_str)];

/// Installs `OSError`'s methods.
pub fn install(r: &Runtime) {
    super::install(&r.exc.os_error, METHODS, &[]);
}

/// The `OSError` subclass CPython raises for `errno` (Linux values).
pub fn class_for_errno(errno: i64) -> Value {
    let e = &rt().exc;
    match errno {
        11 | 114 | 115 => e.blocking_io_error.clone(),
        10 => e.child_process_error.clone(),
        32 | 108 => e.broken_pipe_error.clone(),
        103 => e.connection_aborted_error.clone(),
        111 => e.connection_refused_error.clone(),
        104 => e.connection_reset_error.clone(),
        17 => e.file_exists_error.clone(),
        2 => e.file_not_found_error.clone(),
        21 => e.is_a_directory_error.clone(),
        20 => e.not_a_directory_error.clone(),
        4 => e.interrupted_error.clone(),
        1 | 13 => e.permission_error.clone(),
        3 => e.process_lookup_error.clone(),
        110 => e.timeout_error.clone(),
        _ => e.os_error.clone(),
    }
}

/// The C library's message for `errno` (`os.strerror`).
pub fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The exception for a failed system call: the errno's subclass with its
/// message and up to two file names.
pub fn from_errno(errno: i32, filename: Option<Value>, filename2: Option<Value>) -> PyErr {
    let mut args = vec![super::int::from_i64(errno as i64), super::str::from_string(strerror(errno))];
    if filename.is_some() || filename2.is_some() {
        args.push(filename.unwrap_or_else(|| rt().none.clone()));
    }
    if let Some(f2) = filename2 {
        args.push(rt().none.clone());
        args.push(f2);
    }
    let cls = class_for_errno(errno as i64);
    let e = crate::exceptions::new_exception(&cls, Vec::new());
    let _ = set_fields(e.value(), &args);
    e
}

/// The exception for a Rust I/O error (its errno when it has one).
pub fn from_io_error(err: &std::io::Error, filename: Option<Value>) -> PyErr {
    match err.raw_os_error() {
        Some(n) => from_errno(n, filename, None),
        None => crate::exceptions::with_msg(&rt().exc.os_error, err.to_string()),
    }
}

fn os_error_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut cls = args[0].clone();
    if cls.is(&rt().exc.os_error) && (3..=6).contains(&npos) {
        if let Some(n) = super::int::to_i64(&args[1]) {
            cls = class_for_errno(n);
        }
    }
    let e = crate::exceptions::new_exception(&cls, Vec::new());
    let me = e.value().clone();
    set_fields(&me, &args[1..npos])?;
    Ok(me)
}

fn os_error_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() && !crate::types::type_data_of(&args[0]).is_heap() {
        let name = crate::types::type_name(&args[0]);
        return Err(crate::exceptions::type_error(format!("{name}() takes no keyword arguments")));
    }
    let npos = args.len() - kwnames.len();
    set_fields(&args[0], &args[1..npos])?;
    Ok(rt().none.clone())
}

/// Sets `args` and the errno attributes from the constructor's arguments.
fn set_fields(me: &Value, pos: &[Value]) -> PyResult<()> {
    let none = rt().none.clone();
    let Some(d) = super::exc_objects::data(me) else { return Ok(()) };
    let set = |name: &str, v: Value| crate::attr::generic_setattr(me, &super::str::intern(name), v);
    if (2..=5).contains(&pos.len()) {
        for (name, i) in ATTRS {
            set(name, pos.get(i).cloned().unwrap_or_else(|| none.clone()))?;
        }
        let keep = if pos.len() >= 3 { 2 } else { pos.len() };
        d.args.set(super::tuple::new(pos[..keep].to_vec()));
    } else {
        for (name, _) in ATTRS {
            set(name, none.clone())?;
        }
        d.args.set(super::tuple::new(pos.to_vec()));
    }
    Ok(())
}

fn attr(me: &Value, name: &str) -> Value {
    crate::attr::getattr_str(me, name).unwrap_or_else(|_| rt().none.clone())
}

fn os_error_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let none = rt().none.clone();
    let (errno, strerror) = (attr(me, "errno"), attr(me, "strerror"));
    let (f1, f2) = (attr(me, "filename"), attr(me, "filename2"));
    let text = |v: &Value| crate::ops::str_string(v);
    let repr = |v: &Value| crate::ops::repr_string(v);
    let s = if !f1.is(&none) {
        let head = format!("[Errno {}] {}: {}", text(&errno)?, text(&strerror)?, repr(&f1)?);
        if f2.is(&none) {
            head
        } else {
            format!("{head} -> {}", repr(&f2)?)
        }
    } else if !errno.is(&none) && !strerror.is(&none) {
        format!("[Errno {}] {}", text(&errno)?, text(&strerror)?)
    } else {
        return super::exc_objects::exc_str_of(me);
    };
    Ok(super::str::from_string(s))
}
