//! Printing exceptions as CPython 3.11 does (`Python/pythonrun.c`,
//! `Python/traceback.c`): `Traceback (most recent call last):`, one
//! `File "...", line N, in name` entry per traceback object with the
//! stripped source line and the `^^^^` carets from the position table
//! (omitted when they would underline the whole line), repeated frames
//! folded, chained exceptions (`__cause__`, `__context__`) first, then
//! `Type: message` and the `__notes__`. Exception groups print their
//! members in numbered boxes behind a `| ` margin, nested groups indented
//! further, at most 15 members and 10 levels shown.

use crate::exceptions::{PyErr, PyResult};
use crate::objects::code::CodeData;
use crate::objects::exc_objects::{self, group, TracebackData};
use crate::objects::str as pystr;
use crate::runtime::rt;
use crate::types::{type_of, type_payload};
use crate::value::Value;
use std::cell::RefCell;
use std::collections::HashMap;

crate::interp_static! {
    static SOURCES: RefCell<HashMap<String, Option<Vec<String>>>> = RefCell::new(HashMap::new());
}

/// Registers the text of a file (for `-c` and programs read from stdin, or
/// to avoid re-reading the main script).
pub fn register_source(filename: &str, text: &str) {
    let lines = text.split_inclusive('\n').map(str::to_string).collect();
    SOURCES.with(|s| s.borrow_mut().insert(filename.to_string(), Some(lines)));
}

/// Line `lineno` (1-based) of `filename`, if readable.
pub fn source_line(filename: &str, lineno: i32) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    SOURCES.with(|s| {
        let mut s = s.borrow_mut();
        let entry = s.entry(filename.to_string()).or_insert_with(|| {
            if filename.starts_with('<') {
                return None;
            }
            std::fs::read(filename)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).split_inclusive('\n').map(str::to_string).collect())
        });
        entry.as_ref().and_then(|lines| lines.get(lineno as usize - 1).cloned())
    })
}

/// The full text CPython prints for an uncaught exception.
pub fn format_exception(e: &PyErr) -> String {
    let mut p = Printer { out: String::new(), seen: Vec::new(), depth: 0, need_close: false };
    p.exception_recursive(e.value(), 0);
    p.out
}

/// Writes `text` to the current `sys.stderr` (its `write` method), or to
/// file descriptor 2 when there is none (`sys.excepthook`'s output).
pub fn write_to_stderr(text: &str) -> PyResult<()> {
    let stderr = crate::modules::sys::std_stream("stderr");
    if stderr.is(&rt().none) {
        crate::modules::sys::write_fd(2, text);
        return Ok(());
    }
    let write = crate::attr::getattr_str(&stderr, "write")?;
    crate::call::call(&write, &[pystr::new(text)], &[])?;
    Ok(())
}

/// CPython's `max_group_width` and `max_group_depth` (pythonrun.c).
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// Deeper nesting of causes, contexts and groups than this is not
/// followed (CPython stops at its recursion limit).
const MAX_NESTING: usize = 200;

/// CPython's `exception_print_context`: the output, the exceptions
/// already printed (chains may loop), and the nesting of groups, whose
/// members are printed indented behind a `| ` margin.
struct Printer {
    out: String,
    seen: Vec<u64>,
    depth: usize,
    need_close: bool,
}

impl Printer {
    /// The indentation of the current group level.
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// The indentation and margin that start each line of a group member.
    fn margin(&self) -> String {
        if self.depth == 0 {
            String::new()
        } else {
            format!("{}| ", self.indent())
        }
    }

    /// `print_exception_recursive`: the chain first, then the exception
    /// (or the group with its members).
    fn exception_recursive(&mut self, v: &Value, nesting: usize) {
        if nesting > MAX_NESTING {
            return;
        }
        self.cause_and_context(v, nesting);
        if group::is_group(v) {
            self.group(v, nesting);
        } else {
            self.exception(v);
        }
    }

    /// `print_exception_cause_and_context`: a cause wins over the context
    /// (even when already printed); a suppressed context is not shown.
    fn cause_and_context(&mut self, v: &Value, nesting: usize) {
        self.seen.push(v.bits());
        let Some(d) = exc_objects::data(v) else { return };
        let cause = d.cause.get();
        if !cause.is_null() && !cause.is(&rt().none) {
            if !self.seen.contains(&cause.bits()) {
                self.chained(
                    &cause,
                    nesting,
                    "The above exception was the direct cause of the following exception:\n",
                );
            }
            return;
        }
        let context = d.context.get();
        if d.suppress_context.get() || context.is_null() || context.is(&rt().none) {
            return;
        }
        if !self.seen.contains(&context.bits()) {
            self.chained(
                &context,
                nesting,
                "During handling of the above exception, another exception occurred:\n",
            );
        }
    }

    fn chained(&mut self, v: &Value, nesting: usize, message: &str) {
        let need_close = self.need_close;
        self.exception_recursive(v, nesting + 1);
        self.need_close = need_close;
        let margin = self.margin();
        self.out.push_str(&format!("{margin}\n{margin}{message}{margin}\n"));
    }

    /// `print_exception`: traceback, message, notes.
    fn exception(&mut self, v: &Value) {
        self.traceback(v);
        let margin = self.margin();
        match syntax_error_fields(v) {
            Some((error, filename)) => {
                // CPython writes the source line and carets without the margin.
                for line in error.render(&filename).split_inclusive('\n') {
                    if !line.starts_with("    ") {
                        self.out.push_str(&margin);
                    }
                    self.out.push_str(line);
                }
            }
            None => {
                self.out.push_str(&margin);
                self.out.push_str(&exception_line(v));
            }
        }
        self.notes(v);
    }

    /// The `Traceback (most recent call last):` block, if `v` has one.
    fn traceback(&mut self, v: &Value) {
        let Some(d) = exc_objects::data(v) else { return };
        let tb = d.traceback.get();
        if tb.is_null() || tb.is(&rt().none) {
            return;
        }
        let Some(limit) = traceback_limit() else { return };
        let (header, header_margin) = if group::is_group(v) {
            let margin = if self.depth == 1 { format!("{}+ ", self.indent()) } else { self.margin() };
            ("Exception Group Traceback (most recent call last):\n", margin)
        } else {
            ("Traceback (most recent call last):\n", self.margin())
        };
        self.out.push_str(&header_margin);
        self.out.push_str(header);
        let margin = self.margin();
        format_tb(&tb, &mut self.out, &margin, limit);
    }

    /// `print_exception_notes`: each note's `str()` line by line behind
    /// the margin, then a newline; a `__notes__` that is no sequence by
    /// its `repr()` (without a newline, as CPython 3.11 writes it).
    fn notes(&mut self, v: &Value) {
        let Ok(notes) = crate::attr::getattr(v, &pystr::intern("__notes__")) else { return };
        let margin = self.margin();
        let Some(items) = sequence_items(&notes) else {
            let r = crate::ops::repr(&notes).ok();
            self.out.push_str(&margin);
            self.out
                .push_str(r.as_ref().and_then(|r| pystr::as_str(r)).unwrap_or("<__notes__ repr() failed>"));
            return;
        };
        for note in items {
            match crate::ops::str_(&note) {
                Ok(s) => {
                    for line in split_lines_keepends(pystr::as_str(&s).unwrap_or("")) {
                        self.out.push_str(&margin);
                        self.out.push_str(line);
                    }
                }
                Err(_) => self.out.push_str("<note str() failed>"),
            }
            self.out.push('\n');
        }
    }

    /// `print_exception_group`: the group itself, then each member in a
    /// numbered box, at most `MAX_GROUP_WIDTH` of them and
    /// `MAX_GROUP_DEPTH` levels deep.
    fn group(&mut self, v: &Value, nesting: usize) {
        if self.depth > MAX_GROUP_DEPTH {
            let margin = self.margin();
            self.out.push_str(&format!("{margin}... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        let top = self.depth == 0;
        if top {
            self.depth = 1;
        }
        self.exception(v);
        let excs = group::members(v);
        let n = excs.len().min(MAX_GROUP_WIDTH + 1);
        self.need_close = false;
        for (i, exc) in excs.iter().take(n).enumerate() {
            let last = i == n - 1;
            if last {
                self.need_close = true;
            }
            let lead = if i == 0 { "+-" } else { "  " };
            let truncated = i >= MAX_GROUP_WIDTH;
            let label = if truncated { "...".to_string() } else { (i + 1).to_string() };
            self.out
                .push_str(&format!("{}{lead}+---------------- {label} ----------------\n", self.indent()));
            self.depth += 1;
            if truncated {
                let remaining = excs.len() - MAX_GROUP_WIDTH;
                let s = if remaining > 1 { "s" } else { "" };
                self.out.push_str(&format!("{}and {remaining} more exception{s}\n", self.margin()));
            } else {
                self.exception_recursive(exc, nesting + 1);
            }
            if last && self.need_close {
                self.out.push_str(&format!("{}+------------------------------------\n", self.indent()));
                self.need_close = false;
            }
            self.depth -= 1;
        }
        if self.depth == 1 && top {
            self.depth = 0;
        }
    }
}

/// The items of a sequence `__notes__` (`PySequence_Check`: anything
/// with `__getitem__` but a dict), or `None`.
fn sequence_items(notes: &Value) -> Option<Vec<Value>> {
    if let Some(items) = crate::objects::tuple::items(notes) {
        return Some(items.to_vec());
    }
    if crate::objects::list::data(notes).is_some() || pystr::is_str(notes) {
        return crate::ops::collect(notes).ok();
    }
    if crate::objects::dict::data(notes).is_some() || crate::attr::getattr_str(notes, "__getitem__").is_err()
    {
        return None;
    }
    let n = crate::ops::len(notes).ok()?;
    (0..n).map(|i| crate::ops::getitem(notes, &crate::objects::int::from_usize(i)).ok()).collect()
}

/// `str.splitlines(keepends=True)` for the line breaks CPython knows.
fn split_lines_keepends(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {
                chars.next();
                i + 2
            }
            '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                i + c.len_utf8()
            }
            _ => continue,
        };
        out.push(&s[start..end]);
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// A `SyntaxError` instance as the parser's error value, so it prints as
/// CPython prints one (file, line, text and carets, then `Type: msg`).
fn syntax_error_fields(v: &Value) -> Option<(taipan_parser::SyntaxError, String)> {
    use taipan_parser::ErrorKind;
    let r = crate::runtime::rt();
    if !crate::types::is_instance(v, &r.exc.syntax_error) || crate::types::type_data_of(v).is_heap() {
        return None;
    }
    let get = |name: &str| crate::attr::getattr_str(v, name).ok();
    let int = |name: &str| get(name).and_then(|x| x.as_small_int()).map_or(-1, |n| n as i32);
    let kind = if crate::types::is_instance(v, &r.exc.tab_error) {
        ErrorKind::TabError
    } else if crate::types::is_instance(v, &r.exc.indentation_error) {
        ErrorKind::IndentationError
    } else {
        ErrorKind::SyntaxError
    };
    let msg = get("msg").and_then(|m| crate::ops::str_(&m).ok())?;
    let text = get("text").and_then(|t| pystr::as_str(&t).map(str::to_string));
    let filename = get("filename").and_then(|f| pystr::as_str(&f).map(str::to_string));
    let error = taipan_parser::SyntaxError {
        kind,
        msg: pystr::as_str(&msg).unwrap_or("").to_string(),
        lineno: int("lineno"),
        offset: int("offset"),
        end_lineno: int("end_lineno"),
        end_offset: int("end_offset"),
        text,
    };
    Some((error, filename.unwrap_or_else(|| "<string>".to_string())))
}

/// `Type: message` (module-qualified unless builtins or __main__).
pub fn exception_line(v: &Value) -> String {
    let ty = type_of(v);
    let td = type_payload(&ty);
    let module = crate::objects::object::type_module_name(&ty);
    let q = td.qualname.borrow().clone();
    let name = if module == "builtins" || module == "__main__" || module.is_empty() {
        q
    } else {
        format!("{module}.{q}")
    };
    match crate::ops::str_(v) {
        Ok(s) => {
            let s = pystr::as_str(&s).unwrap_or("");
            if s.is_empty() {
                format!("{name}\n")
            } else {
                format!("{name}: {s}\n")
            }
        }
        Err(_) => format!("{name}: <exception str() failed>\n"),
    }
}

/// The entries of a traceback, each line behind `margin`.
fn format_tb(tb: &Value, out: &mut String, margin: &str, limit: usize) {
    let mut cur = tb.clone();
    // Only the last `limit` entries are shown.
    let mut depth = tb_entries(tb);
    while depth > limit {
        let Some(t) = cur.downcast::<TracebackData>() else { break };
        let next = t.next.get();
        cur = next;
        depth -= 1;
    }
    let mut last: Option<(String, i32, String)> = None;
    let mut repeat = 0;
    while let Some(t) = cur.downcast::<TracebackData>() {
        let Some(code) = crate::objects::code::data(&t.code) else {
            break;
        };
        let filename = pystr::as_str(&code.filename).unwrap_or("?").to_string();
        let name = pystr::as_str(&code.name).unwrap_or("?").to_string();
        let key = (filename.clone(), t.lineno(), name.clone());
        if last.as_ref() == Some(&key) {
            repeat += 1;
        } else {
            flush_repeat(out, repeat, margin);
            repeat = 0;
            last = Some(key);
        }
        if repeat < 3 {
            format_entry(out, code, t, &filename, &name, margin);
        }
        cur = t.next.get();
    }
    flush_repeat(out, repeat, margin);
}

/// How many entries a traceback has.
fn tb_entries(tb: &Value) -> usize {
    let mut n = 0;
    let mut cur = tb.clone();
    while let Some(t) = cur.downcast::<TracebackData>() {
        n += 1;
        let next = t.next.get();
        cur = next;
    }
    n
}

/// How many traceback entries to print (`sys.tracebacklimit`, CPython's
/// `PyTraceBack_LIMIT` of 1000 by default); `None` for none at all (a
/// limit of zero or less: not even the header).
fn traceback_limit() -> Option<usize> {
    const DEFAULT: usize = 1000;
    let limit = crate::modules::sys::std_stream("tracebacklimit");
    if !crate::objects::int::is_int(&limit) {
        return Some(DEFAULT);
    }
    match crate::objects::int::to_i64(&limit) {
        Some(n) if n <= 0 => None,
        Some(n) => Some(usize::try_from(n).unwrap_or(usize::MAX)),
        None if crate::ops::lt(&limit, &crate::objects::int::from_i64(0)).unwrap_or(false) => None,
        None => Some(usize::MAX),
    }
}

/// Hands an uncaught exception to `sys.excepthook` as CPython's
/// `_PyErr_PrintEx` does: a hook that fails has its own exception printed
/// first, then the original; without a hook the default printing is used.
pub fn print_uncaught(e: &PyErr) {
    let write = |text: &str| crate::modules::sys::write_fd(2, text);
    let hook = crate::modules::sys::module()
        .ok()
        .and_then(|m| crate::objects::module::dict_of(&m))
        .and_then(|d| crate::objects::dict::get_str(&d, &pystr::intern("excepthook")));
    let Some(hook) = hook else {
        write("sys.excepthook is missing\n");
        write(&format_exception(e));
        return;
    };
    let v = e.value();
    let tb = exc_objects::data(v).map(|d| d.traceback.get()).filter(|t| !t.is_null());
    let args = [type_of(v), v.clone(), tb.unwrap_or_else(|| rt().none.clone())];
    if let Err(hook_error) = crate::call::call(&hook, &args, &[]) {
        write("Error in sys.excepthook:\n");
        write(&format_exception(&hook_error));
        write("\nOriginal exception was:\n");
        write(&format_exception(e));
    }
}

fn flush_repeat(out: &mut String, repeat: usize, margin: &str) {
    if repeat >= 3 {
        let n = repeat - 2;
        out.push_str(&format!(
            "{margin}  [Previous line repeated {n} more time{}]\n",
            if n == 1 { "" } else { "s" }
        ));
    }
}

fn format_entry(
    out: &mut String,
    code: &CodeData,
    t: &TracebackData,
    filename: &str,
    name: &str,
    margin: &str,
) {
    let line = if t.lineno() < 0 { "None".to_string() } else { t.lineno().to_string() };
    out.push_str(&format!("{margin}  File \"{filename}\", line {line}, in {name}\n"));
    let Some(src) = source_line(filename, t.lineno()) else {
        return;
    };
    let stripped = src.trim();
    if stripped.is_empty() {
        return;
    }
    out.push_str(&format!("{margin}    {stripped}\n"));
    if let Some(carets) = caret_line(code, t, &src) {
        out.push_str(margin);
        out.push_str(&carets);
    }
}

/// The caret line for a traceback entry, if CPython would show one.
fn caret_line(code: &CodeData, t: &TracebackData, line: &str) -> Option<String> {
    let positions = code.positions().ok()?;
    let p = positions.get(t.lasti as usize)?;
    if p.line < 0 || p.end_line < 0 || p.col < 0 || p.end_col < 0 {
        return None;
    }
    let line = line.trim_end_matches(['\n', '\r']);
    let char_at = |byte: i32| -> usize {
        let b = (byte as usize).min(line.len());
        let mut b = b;
        while !line.is_char_boundary(b) {
            b -= 1;
        }
        line[..b].chars().count()
    };
    let start = char_at(p.col);
    let end = if p.line == p.end_line { char_at(p.end_col) } else { line.trim_end().chars().count() };
    let stripped_chars = line.chars().count() - line.trim_start().chars().count();
    let stripped_len = line.trim().chars().count();
    let anchors = if p.line == p.end_line {
        let seg: String = line.chars().skip(start).take(end.saturating_sub(start)).collect();
        crate::traceback_anchors::anchors(&seg)
    } else {
        None
    };
    let shows = end.saturating_sub(start) < stripped_len || anchors.is_some_and(|(l, r)| r > l);
    if !shows {
        return None;
    }
    let mut s = String::from("    ");
    s.push_str(&" ".repeat(start.saturating_sub(stripped_chars)));
    match anchors {
        Some((l, r)) => {
            s.push_str(&"~".repeat(l));
            s.push_str(&"^".repeat(r - l));
            s.push_str(&"~".repeat((end - start).saturating_sub(r)));
        }
        None => s.push_str(&"^".repeat(end.saturating_sub(start))),
    }
    s.push('\n');
    let _ = rt();
    Some(s)
}
