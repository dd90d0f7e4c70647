//! The `termios` module (CPython's `Modules/termios.c` on Linux): the tty
//! attribute calls (`tcgetattr`/`tcsetattr`, `tcsendbreak`, `tcdrain`,
//! `tcflush`, `tcflow`, `tcgetwinsize`/`tcsetwinsize`), `termios.error`
//! (raised as `error(errno, strerror)`) and the constants, generated from
//! CPython by scripts/gen_termios_constants.py into termios_constants.rs.
//!
//! Attributes travel as CPython's list `[iflag, oflag, cflag, lflag,
//! ispeed, ospeed, cc]`, where `cc` holds one-byte bytes objects except
//! `cc[VMIN]` and `cc[VTIME]`, which are ints when ICANON is off.

use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, none};
use taipan_vm::objects::os_error::strerror;
use taipan_vm::objects::{bytes, dict, int, list, m, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::{gil, Value};

use crate::c_args::{c_int, c_long};
use crate::select::{fd_of, last_errno};
use crate::termios_constants::CONSTANTS;

const FUNCTIONS: &[Method] = &[
    m("tcgetattr", tcgetattr),
    m("tcsetattr", tcsetattr),
    m("tcsendbreak", tcsendbreak),
    m("tcdrain", tcdrain),
    m("tcflush", tcflush),
    m("tcflow", tcflow),
    m("tcgetwinsize", tcgetwinsize),
    m("tcsetwinsize", tcsetwinsize),
];

taipan_vm::interp_static! {
    /// `termios.error`, made once.
    static ERROR: OnceCell<Value> = const { OnceCell::new() };
}

/// Builds the `termios` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("termios", FUNCTIONS);
    for (name, v) in CONSTANTS {
        dict::set_str(&d, name, int::from_i64(*v));
    }
    dict::set_str(&d, "error", error_type());
    Ok(md)
}

fn error_type() -> Value {
    ERROR.with(|e| {
        e.get_or_init(|| {
            let ns = dict::new_dict();
            dict::set_str(&ns, "__module__", pystr::new("termios"));
            taipan_vm::types::type_new(&rt().types.type_, "error", vec![rt().exc.exception.clone()], &ns)
                .expect("Exception can be subclassed")
        })
        .clone()
    })
}

/// `termios.error(errno, strerror)` for the last failed system call.
fn last_error() -> exc::PyErr {
    let errno = last_errno();
    let args = [int::from_i64(errno as i64), pystr::from_string(strerror(errno))];
    match taipan_vm::call::call(&error_type(), &args, &[]) {
        Ok(e) => exc::PyErr(e),
        Err(e) => e,
    }
}

/// Turns a C result of -1 into `termios.error`.
fn check(r: libc::c_int) -> PyResult<()> {
    if r == -1 {
        return Err(last_error());
    }
    Ok(())
}

/// Checks the positional-only argument count of `termios.NAME` (the
/// module itself is `args[0]`); returns the arguments after it.
fn positional<'a>(name: &str, args: &'a [Value], count: usize) -> PyResult<&'a [Value]> {
    let args = args.get(1..).unwrap_or(&[]);
    if args.len() == count {
        return Ok(args);
    }
    Err(exc::type_error(if count == 1 {
        format!("termios.{name}() takes exactly one argument ({} given)", args.len())
    } else {
        format!("{name} expected {count} arguments, got {}", args.len())
    }))
}

fn get_attributes(fd: i32) -> PyResult<libc::termios> {
    // SAFETY: an all-zero termios is a valid value of the plain C struct.
    let mut mode: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `mode` is a valid, writable termios for the call.
    check(unsafe { libc::tcgetattr(fd, &mut mode) })?;
    Ok(mode)
}

fn tcgetattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcgetattr", args, 1)?;
    let fd = fd_of(&args[0])?;
    let mode = get_attributes(fd)?;
    // SAFETY: `mode` is a termios filled by tcgetattr.
    let (ispeed, ospeed) = unsafe { (libc::cfgetispeed(&mode), libc::cfgetospeed(&mode)) };
    let canonical = mode.c_lflag & libc::ICANON != 0;
    let cc: Vec<Value> = mode
        .c_cc
        .iter()
        .enumerate()
        .map(|(i, &ch)| {
            if !canonical && (i == libc::VMIN || i == libc::VTIME) {
                int::from_i64(ch as i64)
            } else {
                bytes::new(vec![ch])
            }
        })
        .collect();
    let flags = [mode.c_iflag, mode.c_oflag, mode.c_cflag, mode.c_lflag, ispeed, ospeed];
    let mut items: Vec<Value> = flags.iter().map(|&f| int::from_i64(f as i64)).collect();
    items.push(list::new(cc));
    Ok(list::new(items))
}

/// One control character of `attributes[6]`: a one-byte bytes or an int.
fn control_char(v: &Value) -> PyResult<libc::cc_t> {
    if let Some(b) = bytes::as_bytes(v).filter(|b| b.len() == 1) {
        return Ok(b[0]);
    }
    if int::is_int(v) {
        return Ok(c_long(v)? as libc::cc_t);
    }
    Err(exc::type_error("tcsetattr: elements of attributes must be characters or integers"))
}

fn tcsetattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcsetattr", args, 3)?;
    let fd = fd_of(&args[0])?;
    let when = c_int(&args[1])?;
    let items = list::snapshot(&args[2])
        .filter(|items| items.len() == 7)
        .ok_or_else(|| exc::type_error("tcsetattr, arg 3: must be 7 element list"))?;
    let mut mode = get_attributes(fd)?;
    let flag = |i: usize| -> PyResult<libc::tcflag_t> { Ok(c_long(&items[i])? as libc::tcflag_t) };
    mode.c_iflag = flag(0)?;
    mode.c_oflag = flag(1)?;
    mode.c_cflag = flag(2)?;
    mode.c_lflag = flag(3)?;
    let ispeed = flag(4)? as libc::speed_t;
    let ospeed = flag(5)? as libc::speed_t;
    let cc = list::snapshot(&items[6]).filter(|cc| cc.len() == libc::NCCS).ok_or_else(|| {
        exc::type_error(format!("tcsetattr: attributes[6] must be {} element list", libc::NCCS))
    })?;
    for (slot, v) in mode.c_cc.iter_mut().zip(cc.iter()) {
        *slot = control_char(v)?;
    }
    // SAFETY: `mode` is a valid termios owned by this frame.
    check(unsafe { libc::cfsetispeed(&mut mode, ispeed) })?;
    // SAFETY: as above.
    check(unsafe { libc::cfsetospeed(&mut mode, ospeed) })?;
    // SAFETY: as above; tcsetattr only reads it.
    check(unsafe { libc::tcsetattr(fd, when, &mode) })?;
    Ok(none())
}

fn tcsendbreak(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcsendbreak", args, 2)?;
    let (fd, duration) = (fd_of(&args[0])?, c_int(&args[1])?);
    // SAFETY: tcsendbreak takes no pointers.
    check(gil::allow_threads(|| unsafe { libc::tcsendbreak(fd, duration) }))?;
    Ok(none())
}

fn tcdrain(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcdrain", args, 1)?;
    let fd = fd_of(&args[0])?;
    // SAFETY: tcdrain takes no pointers.
    check(gil::allow_threads(|| unsafe { libc::tcdrain(fd) }))?;
    Ok(none())
}

fn tcflush(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcflush", args, 2)?;
    let (fd, queue) = (fd_of(&args[0])?, c_int(&args[1])?);
    // SAFETY: tcflush takes no pointers.
    check(unsafe { libc::tcflush(fd, queue) })?;
    Ok(none())
}

fn tcflow(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcflow", args, 2)?;
    let (fd, action) = (fd_of(&args[0])?, c_int(&args[1])?);
    // SAFETY: tcflow takes no pointers.
    check(unsafe { libc::tcflow(fd, action) })?;
    Ok(none())
}

fn get_window_size(fd: i32) -> PyResult<libc::winsize> {
    let mut size = libc::winsize { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCGWINSZ writes one winsize into `size`, which is valid.
    check(unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) })?;
    Ok(size)
}

fn tcgetwinsize(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcgetwinsize", args, 1)?;
    let size = get_window_size(fd_of(&args[0])?)?;
    Ok(tuple::new(vec![int::from_i64(size.ws_row as i64), int::from_i64(size.ws_col as i64)]))
}

fn tcsetwinsize(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let args = positional("tcsetwinsize", args, 2)?;
    let fd = fd_of(&args[0])?;
    let pair = two_items(&args[1])?;
    let mut size = get_window_size(fd)?;
    let (rows, cols) = (c_long(&pair.0)?, c_long(&pair.1)?);
    let (Ok(rows), Ok(cols)) = (u16::try_from(rows), u16::try_from(cols)) else {
        return Err(exc::overflow_error("winsize value(s) out of range."));
    };
    size.ws_row = rows;
    size.ws_col = cols;
    // SAFETY: TIOCSWINSZ reads one winsize from `size`, which is valid.
    check(unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &size) })?;
    Ok(none())
}

/// The two items of `tcsetwinsize`'s size argument (a tuple or list of two).
fn two_items(v: &Value) -> PyResult<(Value, Value)> {
    let message = "tcsetwinsize, arg 2: must be a two-item sequence";
    let items = match tuple::items(v) {
        Some(items) => items.to_vec(),
        None => list::snapshot(v).ok_or_else(|| exc::type_error(message))?,
    };
    match items.as_slice() {
        [a, b] => Ok((a.clone(), b.clone())),
        _ => Err(exc::type_error(message)),
    }
}
