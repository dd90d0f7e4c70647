//! The standard streams, built as CPython's `create_stdio`
//! (Python/pylifecycle.c) builds them: a `TextIOWrapper` over a
//! `BufferedReader`/`BufferedWriter` over `FileIO(fd, closefd=False)`
//! named `<stdin>`/`<stdout>`/`<stderr>`.
//!
//! - encoding and errors: `PYTHONIOENCODING=enc:errors` (not under `-E`);
//!   otherwise UTF-8, with `surrogateescape` in the C/POSIX/C.UTF-8 locales
//!   and `strict` in others; stderr always uses `backslashreplace`;
//! - buffering: line buffering for a terminal and for stderr; under `-u`
//!   or `PYTHONUNBUFFERED` stdout and stderr wrap the `FileIO` directly
//!   and write through;
//! - newline `"\n"` (no translation), and `mode` `'r'`/`'w'`.
//!
//! The interpreter's own output (tracebacks, warnings, unraisable
//! exceptions) goes through the current `sys.stderr` as in CPython, and
//! `flush_std_files` is CPython's exit-time flush: a failure to flush
//! stdout is reported as "Exception ignored" and turns the exit status
//! into 120. Tests can capture both streams in memory (`capture`).

use super::types;
use crate::exceptions::PyResult;
use crate::objects::{int, module, str as pystr};
use crate::runtime::rt;
use crate::text::codecs::Codec;
use crate::value::Value;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

/// `-u`: set by the command line before the interpreter starts.
static UNBUFFERED: AtomicBool = AtomicBool::new(false);

crate::interp_static! {
    /// The streams of this thread write to `BytesIO` objects (tests).
    static CAPTURE: Cell<bool> = const { Cell::new(false) };
}

/// The `-u` option: unbuffered stdout and stderr.
pub fn set_unbuffered() {
    UNBUFFERED.store(true, Ordering::Relaxed);
}

/// Encoding, error handler and buffering of the streams.
struct StdioConfig {
    encoding: &'static str,
    errors: String,
    unbuffered: bool,
}

/// The value of an environment variable, unless `-E`/`-I` hide them.
fn env_var(name: &str) -> Option<String> {
    if crate::import::config::config().ignore_environment {
        return None;
    }
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The error handler CPython picks from the locale: `surrogateescape` in
/// the C and POSIX locales and the UTF-8 ones it coerces to.
fn locale_errors() -> &'static str {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    match locale.as_str() {
        "" | "C" | "POSIX" | "C.UTF-8" | "C.utf8" | "UTF-8" => "surrogateescape",
        _ => "strict",
    }
}

/// CPython's name of a codec (`codecs.lookup(name).name`).
fn codec_name(c: Codec) -> &'static str {
    match c {
        Codec::Latin1 => "iso8859-1",
        _ => c.name(),
    }
}

fn config() -> StdioConfig {
    let mut cfg = StdioConfig {
        encoding: "utf-8",
        errors: locale_errors().to_string(),
        unbuffered: UNBUFFERED.load(Ordering::Relaxed) || env_var("PYTHONUNBUFFERED").is_some(),
    };
    if let Some(io) = env_var("PYTHONIOENCODING") {
        let (enc, errors) = io.split_once(':').unwrap_or((io.as_str(), ""));
        if !enc.is_empty() {
            // An encoding Taipan lacks leaves UTF-8 (CPython would stop).
            cfg.encoding = Codec::lookup(enc).map_or("utf-8", codec_name);
            cfg.errors = "strict".to_string();
        }
        if !errors.is_empty() {
            cfg.errors = errors.to_string();
        }
    }
    cfg
}

/// Sets `sys.stdin`/`stdout`/`stderr` and their `__std*__` twins in the
/// `sys` namespace `d`.
pub fn install(d: &Value) -> PyResult<()> {
    let cfg = config();
    let streams = [
        ("stdin", create(0, "<stdin>", &cfg, &cfg.errors)?),
        ("stdout", create(1, "<stdout>", &cfg, &cfg.errors)?),
        ("stderr", create(2, "<stderr>", &cfg, "backslashreplace")?),
    ];
    for (name, s) in streams {
        crate::objects::dict::set_str(d, name, s.clone());
        crate::objects::dict::set_str(d, &format!("__{name}__"), s);
    }
    Ok(())
}

/// One standard stream (None when the descriptor is not open).
fn create(fd: i32, name: &str, cfg: &StdioConfig, errors: &str) -> PyResult<Value> {
    use super::super::posix::sys;
    let t = types();
    let writing = fd != 0;
    let call = |cls: &Value, args: &[Value]| crate::call::call(cls, args, &[]);
    let capture = CAPTURE.with(Cell::get) && writing;
    if !capture && sys::fstat(fd).is_err() {
        return Ok(rt().none.clone());
    }
    let unbuffered = cfg.unbuffered && writing;
    let buffer = if capture {
        call(&t.bytesio, &[])?
    } else {
        let mode = pystr::new(if writing { "wb" } else { "rb" });
        let raw = call(&t.fileio, &[int::from_i64(fd.into()), mode, rt().false_.clone()])?;
        crate::attr::setattr(&raw, &pystr::intern("name"), pystr::new(name))?;
        if unbuffered {
            raw
        } else {
            let cls = if writing { &t.buffered_writer } else { &t.buffered_reader };
            let size = crate::attr::getattr_str(&raw, "_blksize").ok().and_then(|v| int::to_i64(&v));
            let size = size.filter(|n| *n > 1).unwrap_or(super::DEFAULT_BUFFER_SIZE as i64);
            call(cls, &[raw, int::from_i64(size)])?
        }
    };
    let line_buffering = !cfg.unbuffered && !capture && (sys::isatty(fd) || fd == 2);
    let args = [
        buffer,
        pystr::new(cfg.encoding),
        pystr::new(errors),
        pystr::new("\n"),
        rt().bool_value(line_buffering),
        rt().bool_value(cfg.unbuffered),
    ];
    let stream = call(&t.text_io_wrapper, &args)?;
    crate::attr::setattr(&stream, &pystr::intern("mode"), pystr::new(if writing { "w" } else { "r" }))?;
    Ok(stream)
}

/// `sys.<name>` now (NULL when `sys` lacks it); builds `sys` if need be.
fn current(name: &str) -> Value {
    let d = crate::modules::sys::module().ok().and_then(|m| module::dict_of(&m));
    d.and_then(|d| crate::objects::dict::get_str(&d, &pystr::intern(name))).unwrap_or(Value::NULL)
}

/// `stream.write(text)`, directly for an exact `TextIOWrapper`.
pub fn write_to(stream: &Value, text: &Value) -> PyResult<()> {
    if super::textio::is_exact(stream) {
        return super::textio::write_str(stream, text).map(drop);
    }
    crate::attr::call_method(stream, "write", std::slice::from_ref(text)).map(drop)
}

/// `stream.flush()`, directly for an exact `TextIOWrapper`.
pub fn flush(stream: &Value) -> PyResult<()> {
    if super::textio::is_exact(stream) {
        return super::textio::flush(stream);
    }
    crate::attr::call_method(stream, "flush", &[]).map(drop)
}

/// The interpreter's own output: `text` to `sys.stdout` (fd 1) or
/// `sys.stderr` (fd 2, then flushed). Nothing is written when the stream
/// is None; errors are dropped, as there is nowhere left to report them.
pub fn write_std(fd: u8, text: &str) {
    let stream = current(if fd == 1 { "stdout" } else { "stderr" });
    if stream.is_null() {
        // Deleted from `sys`: straight to the descriptor.
        use std::io::Write;
        let _ = if fd == 1 {
            std::io::stdout().write_all(text.as_bytes())
        } else {
            std::io::stderr().write_all(text.as_bytes())
        };
        return;
    }
    if stream.is(&rt().none) {
        return;
    }
    let _ = write_to(&stream, &pystr::new(text));
    if fd == 2 {
        let _ = flush(&stream);
    }
}

/// `sys.stdout.flush()`, errors dropped (before `input()` reads).
pub fn flush_stdout() {
    let stream = current("stdout");
    if !stream.is_null() && !stream.is(&rt().none) {
        let _ = flush(&stream);
    }
}

/// Whether `stream` is absent, None, or closed (nothing to flush).
fn nothing_to_flush(stream: &Value) -> bool {
    if stream.is_null() || stream.is(&rt().none) {
        return true;
    }
    match crate::attr::getattr_str(stream, "closed") {
        Ok(c) => crate::ops::truthy(&c).unwrap_or(true),
        Err(_) => false,
    }
}

/// CPython's `flush_std_files` at exit: flushes `sys.stdout` (a failure
/// is printed as "Exception ignored in: <stdout>") and `sys.stderr`;
/// false when either failed. The original streams, if replaced, are
/// flushed too (CPython does that when it frees them).
pub fn flush_std_files() -> bool {
    let mut ok = true;
    let out = current("stdout");
    if !nothing_to_flush(&out) {
        if let Err(e) = flush(&out) {
            let what = crate::ops::repr_string(&out).unwrap_or_default();
            crate::modules::sys::write_unraisable(&format!("Exception ignored in: {what}"), &e);
            ok = false;
        }
    }
    let err = current("stderr");
    if !nothing_to_flush(&err) && flush(&err).is_err() {
        ok = false;
    }
    for (name, now) in [("__stdout__", &out), ("__stderr__", &err)] {
        let original = current(name);
        if !original.is(now) && !nothing_to_flush(&original) {
            let _ = flush(&original);
        }
    }
    ok
}

/// Routes this thread's stdout and stderr into memory (tests); takes
/// effect now if `sys` exists already, or when it is built.
pub fn capture() -> PyResult<()> {
    CAPTURE.with(|c| c.set(true));
    if let Some(d) = rt().sys.get().and_then(module::dict_of) {
        install(&d)?;
    }
    Ok(())
}

/// The text captured on (stdout, stderr) so far, emptying both.
pub fn take_captured() -> (String, String) {
    let take = |name: &str| -> String {
        let stream = current(name);
        if stream.is_null() || stream.is(&rt().none) {
            return String::new();
        }
        let _ = flush(&stream);
        let got = crate::attr::getattr_str(&stream, "buffer").and_then(|b| {
            let v = crate::attr::call_method(&b, "getvalue", &[])?;
            crate::attr::call_method(&b, "seek", &[int::from_i64(0)])?;
            crate::attr::call_method(&b, "truncate", &[])?;
            Ok(v)
        });
        let bytes = got.ok().and_then(|v| crate::objects::bytes::as_bytes(&v).map(<[u8]>::to_vec));
        String::from_utf8_lossy(&bytes.unwrap_or_default()).into_owned()
    };
    (take("__stdout__"), take("__stderr__"))
}
